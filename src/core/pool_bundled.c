/* pool_bundled.c - the registry of bundled pools and where their files are found. */
#include "optdeploy/core/pool_bundled.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifndef OPTDEPLOY_DATADIR
#define OPTDEPLOY_DATADIR "/usr/local/share/optdeploy"
#endif

static const struct pool_bundled registry[] = {
	{ "uci_har", "har", "uci_har.csv", NULL,
	  "UCI-HAR activity recognition, the paper's Table 1 (normalised energy)" },
	{ "imagenet_paper", "imagenet", "imagenet_paper.csv", NULL,
	  "ImageNet classifiers of the paper's Tables 2, 5, 6 (normalised energy)" },
	{ "torchvision", "zoo", "torchvision_imagenet.csv",
	  "cost=gflops,accuracy=acc1,memory=file_size_mb",
	  "every torchvision ImageNet-1K weight: GFLOPS, top-1 %, checkpoint MB" },
	{ "rpi4", NULL, "mlperf_rpi4_tflite.csv", "cost=energy_mj,accuracy=top1",
	  "MLPerf v1.0 TFLite on a Raspberry Pi 4: measured mJ per inference, top-1 %" },
	{ "xavier", NULL, "mlperf_xavier_tflite.csv", "cost=energy_mj,accuracy=top1",
	  "MLPerf v1.0 TFLite on a Jetson AGX Xavier CPU: measured mJ per inference, top-1 %" },
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

const char *pool_bundled_path(const struct pool_bundled *b, char *buf, size_t size)
{
	snprintf(buf, size, "%s/%s", OPTDEPLOY_DATADIR, b->file);
	if (access(buf, F_OK) != 0)
		snprintf(buf, size, "data/%s", b->file);
	return buf;
}

enum status pool_bundled_spec(const struct pool_bundled *b, struct pool_spec *s,
			      struct status_msg *m)
{
	if (b->columns == NULL)
		return ST_OK;
	if (pool_spec_add_columns(s, b->columns, true, m) != ST_OK)
		return status_fail(m, ST_INTERNAL, "bundled pool '%s': bad mapping %s", b->name,
				   b->columns);
	return ST_OK;
}
