/* export.c - policies and sweeps as tidy CSV, to a stream or atomically into a file. */
#include "optdeploy/core/export.h"
#include "optdeploy/core/limits.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define POLICY_HEADER "model,cost,accuracy,load_cost,count,share,budget,k,lambda," \
	"expected_accuracy,expected_cost,objective,status"

static void put_comma(struct export_out *o)
{
	export_put_text(o, ",");
}

/* count,share for model i (empty when the policy has no counts). */
static void put_allocation(struct export_out *o, const struct policy *pol, size_t i)
{
	if (policy_has_counts(pol)) {
		export_put_count(o, pol->count[i]);
		put_comma(o);
		export_put_number(o, (double)pol->count[i] / (double)pol->params.k);
	} else {
		put_comma(o);
	}
	put_comma(o);
}

/* expected_accuracy,expected_cost,objective,status (the caller ends the line). */
static void put_outcome(struct export_out *o, const struct policy *pol)
{
	if (policy_has_counts(pol)) {
		export_put_number(o, pol->expected_accuracy);
		put_comma(o);
		export_put_number(o, pol->expected_cost);
		put_comma(o);
		export_put_number(o, pol->objective);
		put_comma(o);
	} else {
		export_put_text(o, ",,,");
	}
	export_put_text(o, solve_outcome_name(pol->outcome));
}

/* The memory used and allowed: asked for with a memory limit, on a pool that has the column. */
static bool memory_shown(const struct pool *pool, const struct policy *pol)
{
	return pool->has_memory && limits_memory_active(&pol->params);
}

/* ,memory,memory_used,memory_limit: the model's own, the policy's models' together. */
static void put_memory(struct export_out *o, const struct pool *pool, const struct policy *pol,
		       size_t i)
{
	put_comma(o);
	export_put_number(o, pool->models[i].memory);
	put_comma(o);
	if (policy_has_counts(pol))
		export_put_number(o, policy_memory_used(pol, pool));
	put_comma(o);
	export_put_number(o, pol->params.memory_limit);
}

static enum status check_policy(const char *name, const struct pool *pool,
				const struct policy *pol, struct status_msg *m)
{
	if (policy_has_counts(pol) && (pol->n != pool->n || pol->params.k <= 0))
		return status_fail(m, ST_INTERNAL,
				   "%s: policy has %zu models and K = %lld, pool has %zu models",
				   name, pol->n, pol->params.k, pool->n);
	return ST_OK;
}

enum status export_policy_stream(FILE *fp, const char *name, const struct pool *pool,
				 const struct policy *pol, struct status_msg *m)
{
	enum status st = check_policy(name, pool, pol, m);
	if (st != ST_OK)
		return st;
	struct export_out o;
	bool mem = memory_shown(pool, pol);
	export_out_init(&o, fp);
	export_put_text(&o, POLICY_HEADER);
	export_put_text(&o, mem ? ",memory,memory_used,memory_limit\n" : "\n");
	for (size_t i = 0; i < pool->n; i++) {
		const struct model *md = &pool->models[i];
		export_put_field(&o, md->name);
		put_comma(&o);
		export_put_number(&o, md->cost);
		put_comma(&o);
		export_put_number(&o, md->accuracy);
		put_comma(&o);
		export_put_number(&o, md->load_cost);
		put_comma(&o);
		put_allocation(&o, pol, i);
		/* The budget is a parameter only of the primal; the dual has a floor instead. */
		if (pol->params.mode == SOLVE_MAX_ACCURACY)
			export_put_number(&o, pol->params.budget);
		put_comma(&o);
		export_put_count(&o, pol->params.k);
		put_comma(&o);
		export_put_number(&o, pol->params.lambda);
		put_comma(&o);
		put_outcome(&o, pol);
		if (mem)
			put_memory(&o, pool, pol, i);
		export_put_text(&o, "\n");
	}
	return export_out_finish(&o, name, m);
}

static enum status fail_errno(struct status_msg *m, const char *path, int err)
{
	return status_fail(m, ST_OUTPUT, "%s: cannot write: %s", path, strerror(err));
}

/*
 * "DIR/.BASE." and six 'X's for mkstemp, next to path, so the final rename
 * never crosses a file system.
 */
static char *temp_template(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dlen = slash != NULL ? (size_t)(slash - path) + 1 : 0;
	size_t len = strlen(path);
	char *t = malloc(len + 9);
	if (t == NULL)
		return NULL;
	memcpy(t, path, dlen);
	t[dlen] = '.';
	memcpy(t + dlen + 1, path + dlen, len - dlen);
	t[len + 1] = '.';
	memset(t + len + 2, 'X', 6);
	t[len + 8] = '\0';
	return t;
}

/* Make the directory entry of the rename durable.  The file is already in
 * place and whole, so a failure here is not reported as a failed export. */
static void sync_directory(const char *path)
{
	const char *slash = strrchr(path, '/');
	char dir[4096];
	if (slash == NULL)
		strcpy(dir, ".");
	else if (slash == path)
		strcpy(dir, "/");
	else if ((size_t)(slash - path) < sizeof dir)
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
	else
		return;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return;
	(void)fsync(fd);
	(void)close(fd);
}

/* mkstemp creates 0600; an export is an ordinary file, 0666 less the umask. */
static int normal_mode(int fd)
{
	mode_t mask = umask(0);
	umask(mask);
	return fchmod(fd, 0666 & ~mask);
}

/* Write, flush, sync and close the temporary file; on failure it is closed, not removed. */
static enum status write_temp(int fd, const char *path, export_writer write, const void *ctx,
			      size_t *rows, struct status_msg *m)
{
	if (normal_mode(fd) != 0) {
		int err = errno;
		close(fd);
		return fail_errno(m, path, err);
	}
	FILE *fp = fdopen(fd, "w");
	if (fp == NULL) {
		int err = errno;
		close(fd);
		return fail_errno(m, path, err);
	}
	enum status st = write(fp, path, ctx, rows, m);
	if (st != ST_OK) {
		fclose(fp);
		return st;
	}
	if (fsync(fileno(fp)) != 0) {
		int err = errno;
		fclose(fp);
		return fail_errno(m, path, err);
	}
	if (fclose(fp) != 0)
		return fail_errno(m, path, errno);
	return ST_OK;
}

/*
 * A device, FIFO or socket (/dev/null, /dev/stdout, a pipe) is written in
 * place: renaming a temporary file over it would replace the device node.
 */
static enum status write_in_place(const char *path, export_writer write, const void *ctx,
				  size_t *rows, struct status_msg *m)
{
	FILE *fp = fopen(path, "w");
	if (fp == NULL)
		return fail_errno(m, path, errno);
	enum status st = write(fp, path, ctx, rows, m);
	if (fclose(fp) != 0 && st == ST_OK)
		st = fail_errno(m, path, errno);
	return st;
}

enum status export_atomic(const char *path, export_writer write, const void *ctx,
			  size_t *rows, struct status_msg *m)
{
	if (rows != NULL)
		*rows = 0;
	if (path == NULL || path[0] == '\0')
		return status_fail(m, ST_OUTPUT, "cannot write: empty output file name");
	struct stat sb;
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode))
		return write_in_place(path, write, ctx, rows, m);
	char *tmp = temp_template(path);
	if (tmp == NULL)
		return status_fail(m, ST_INTERNAL, "%s: out of memory", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int err = errno;
		free(tmp);
		return fail_errno(m, path, err);
	}
	enum status st = write_temp(fd, path, write, ctx, rows, m);
	if (st == ST_OK && rename(tmp, path) != 0)
		st = fail_errno(m, path, errno);
	if (st != ST_OK)
		(void)unlink(tmp);  /* best effort: the reported failure is the first one */
	else
		sync_directory(path);
	free(tmp);
	return st;
}

struct policy_job {
	const struct pool *pool;
	const struct policy *pol;
};

static enum status write_policy(FILE *fp, const char *name, const void *ctx, size_t *rows,
				struct status_msg *m)
{
	const struct policy_job *job = ctx;
	enum status st = export_policy_stream(fp, name, job->pool, job->pol, m);
	if (rows != NULL)
		*rows = st == ST_OK ? job->pool->n : 0;
	return st;
}

enum status export_policy_file(const char *path, const struct pool *pool,
			       const struct policy *pol, size_t *rows, struct status_msg *m)
{
	struct policy_job job = {pool, pol};
	return export_atomic(path, write_policy, &job, rows, m);
}
