/* pool_bundled.c - the registry of bundled pools and where their files are found. */
#include "optdeploy/core/pool_bundled.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifndef OPTDEPLOY_DATADIR
#define OPTDEPLOY_DATADIR "/usr/local/share/optdeploy"
#endif
#ifndef OPTDEPLOY_SRCDATA   /* the source tree's data/, where `make` was run */
#define OPTDEPLOY_SRCDATA "data"
#endif

#define TOP1 "top-1 accuracy (%)"

static const struct pool_bundled registry[] = {
	{ "uci_har", "har", "uci_har.csv", NULL,
	  "UCI-HAR activity recognition, the paper's Table 1", "normalised energy",
	  "accuracy (%)" },
	{ "imagenet_paper", "imagenet", "imagenet_paper.csv", NULL,
	  "ImageNet classifiers of the paper's Tables 2, 5, 6", "normalised energy", TOP1 },
	{ "torchvision", "zoo", "torchvision_imagenet.csv",
	  "cost=gflops,accuracy=acc1,memory=file_size_mb",
	  "every torchvision ImageNet-1K weight: GFLOPS, top-1 %, checkpoint MB", "GFLOPS", TOP1 },
	{ "rpi4", NULL, "mlperf_rpi4_tflite.csv",
	  "cost=energy_mj,accuracy=top1,latency=latency_ms",
	  "MLPerf v1.0 TFLite on a Raspberry Pi 4: whole-board mJ per inference, ms, top-1 %",
	  "mJ", TOP1 },
	{ "xavier", NULL, "mlperf_xavier_tflite.csv",
	  "cost=energy_mj,accuracy=top1,latency=latency_ms",
	  "MLPerf v1.0 TFLite on a Jetson AGX Xavier CPU: whole-board mJ per inference, ms, "
	  "top-1 %", "mJ", TOP1 },
};
#define N_REGISTRY (sizeof registry / sizeof registry[0])

size_t pool_bundled_count(void)
{
	return N_REGISTRY;
}

const struct pool_bundled *pool_bundled_at(size_t i)
{
	return i < N_REGISTRY ? &registry[i] : NULL;
}

const struct pool_bundled *pool_bundled_find(const char *name)
{
	for (size_t i = 0; name != NULL && i < N_REGISTRY; i++)
		if (strcmp(name, registry[i].name) == 0 ||
		    (registry[i].alias != NULL && strcmp(name, registry[i].alias) == 0))
			return &registry[i];
	return NULL;
}

const struct pool_bundled *pool_bundled_default(void)
{
	return &registry[0];
}

const char *pool_bundled_dir(void)
{
	return OPTDEPLOY_DATADIR;
}

const char *pool_bundled_src_dir(void)
{
	return OPTDEPLOY_SRCDATA;
}

/* The directory of the running program (from /proc/self/exe) into buf; false if unknown. */
static bool exe_dir(char *buf, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", buf, size - 1);
	if (n <= 0 || (size_t)n >= size - 1)
		return false;
	buf[n] = '\0';
	char *slash = strrchr(buf, '/');
	if (slash == NULL)
		return false;
	*slash = '\0';
	return true;
}

/* path, or path relative to the working directory when it lies under it ("data/x.csv"). */
static const char *shown(char *path)
{
	char cwd[4096];
	size_t len;
	if (getcwd(cwd, sizeof cwd) == NULL || (len = strlen(cwd)) <= 1 ||
	    strncmp(path, cwd, len) != 0 || path[len] != '/')
		return path;
	memmove(path, path + len + 1, strlen(path + len + 1) + 1);
	return path;
}

const char *pool_bundled_path(const struct pool_bundled *b, char *buf, size_t size)
{
	char dir[4096];
	const char *dirs[3];
	size_t n = 0;
	bool have_exe = exe_dir(dir, sizeof dir - 8);
	if (have_exe) {
		strcat(dir, "/data");
		dirs[n++] = dir;
	}
	dirs[n++] = OPTDEPLOY_SRCDATA;
	dirs[n++] = OPTDEPLOY_DATADIR;
	for (size_t i = 0; i < n; i++) {
		int len = snprintf(buf, size, "%s/%s", dirs[i], b->file);
		if (len > 0 && (size_t)len < size && access(buf, F_OK) == 0)
			return shown(buf);
	}
	snprintf(buf, size, "%s/%s", OPTDEPLOY_DATADIR, b->file);
	return buf;
}

enum status pool_bundled_spec(const struct pool_bundled *b, struct pool_spec *s,
			      struct status_msg *m)
{
	/* the declarations hold for the pool's own columns, not for the user's over them */
	if (!s->mapped[POOL_KEY_COST] && s->cost_unit == NULL)
		s->cost_unit = b->cost_unit;
	if (!s->mapped[POOL_KEY_ACCURACY] && s->accuracy_label == NULL)
		s->accuracy_label = b->accuracy_label;
	if (b->columns == NULL)
		return ST_OK;
	if (pool_spec_add_columns(s, b->columns, true, m) != ST_OK)
		return status_fail(m, ST_INTERNAL, "bundled pool '%s': bad mapping %s", b->name,
				   b->columns);
	return ST_OK;
}
