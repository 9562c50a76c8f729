/* export.c - policies and sweeps as tidy CSV, to a stream or atomically into a file. */
#include "optdeploy/core/export.h"
#include "optdeploy/core/limits.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define POLICY_HEADER "model,cost,accuracy,load_cost,count,share,budget,k,lambda," \
	"expected_accuracy,expected_cost,objective,status"
#define SWEEP_HEADER "budget,model,count,share,expected_accuracy,expected_cost,objective,status"

void export_put_text(struct export_out *o, const char *s)
{
	if (o->err == 0 && fputs(s, o->fp) == EOF)
		o->err = errno ? errno : EIO;
}

int export_field(FILE *fp, const char *s)
{
	size_t len = strlen(s);
	bool quote = strpbrk(s, ",\"\r\n") != NULL || s[0] == '#' || s[0] == ' ' ||
		     (len > 0 && s[len - 1] == ' ');
	errno = 0;
	if (!quote)
		return fputs(s, fp) == EOF ? (errno ? errno : EIO) : 0;
	return csv_fwrite(fp, s, len) != 0 ? (errno ? errno : EIO) : 0;
}

void export_put_field(struct export_out *o, const char *s)
{
	if (o->err == 0)
		o->err = export_field(o->fp, s);
}

/* snprintf's digits with the locale's decimal point turned back into '.' */
static void format_digits(char *buf, int digits, double v)
{
	snprintf(buf, EXPORT_NUMBER_SIZE, "%.*g", digits, v);
	const char *dp = localeconv()->decimal_point;
	if (dp == NULL || dp[0] == '\0' || strcmp(dp, ".") == 0)
		return;
	char *at = strstr(buf, dp);
	if (at != NULL) {
		size_t dl = strlen(dp);
		*at = '.';
		memmove(at + 1, at + dl, strlen(at + dl) + 1);
	}
}

void export_number(char *buf, double v)
{
	buf[0] = '\0';
	if (!isfinite(v))
		return;
	if (v == 0)
		v = 0;  /* -0 and 0 are the same number to every reader */
	for (int digits = 15; digits <= 17; digits++) {
		format_digits(buf, digits, v);
		if (strtod(buf, NULL) == v || digits == 17)
			return;
	}
}

void export_put_number(struct export_out *o, double v)
{
	char buf[EXPORT_NUMBER_SIZE];
	export_number(buf, v);
	export_put_text(o, buf);
}

void export_put_count(struct export_out *o, long long c)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", c);
	export_put_text(o, buf);
}

static void put_comma(struct export_out *o)
{
	export_put_text(o, ",");
}

enum status export_out_finish(struct export_out *o, const char *name, struct status_msg *m)
{
	if (o->err == 0 && fflush(o->fp) != 0)
		o->err = errno ? errno : EIO;
	if (o->err == 0 && ferror(o->fp))
		o->err = EIO;
	if (o->err != 0)
		return status_fail(m, ST_OUTPUT, "%s: cannot write: %s", name, strerror(o->err));
	return ST_OK;
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

/* expected_accuracy,expected_cost,objective,status and the line end. */
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
	struct export_out o = {fp, 0};
	bool mem = memory_shown(pool, pol);
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

/* Levels not yet solved have no outcome at all, so only sw->done levels are written. */
static size_t sweep_rows(const struct sweep *sw)
{
	return sw->done * sw->pool->n;
}

enum status export_sweep_stream(FILE *fp, const char *name, const struct sweep *sw,
				struct status_msg *m)
{
	const struct pool *pool = sw->pool;
	for (size_t j = 0; j < sw->done; j++) {
		enum status st = check_policy(name, pool, &sw->levels[j].policy, m);
		if (st != ST_OK)
			return st;
	}
	struct export_out o = {fp, 0};
	export_put_text(&o, SWEEP_HEADER "\n");
	for (size_t j = 0; j < sw->done; j++) {
		const struct policy *pol = &sw->levels[j].policy;
		for (size_t i = 0; i < pool->n; i++) {
			export_put_number(&o, sw->levels[j].budget);
			put_comma(&o);
			export_put_field(&o, pool->models[i].name);
			put_comma(&o);
			put_allocation(&o, pol, i);
			put_outcome(&o, pol);
			export_put_text(&o, "\n");
		}
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

static enum status write_sweep(FILE *fp, const char *name, const void *ctx, size_t *rows,
			       struct status_msg *m)
{
	const struct sweep *sw = ctx;
	enum status st = export_sweep_stream(fp, name, sw, m);
	if (rows != NULL)
		*rows = st == ST_OK ? sweep_rows(sw) : 0;
	return st;
}

enum status export_policy_file(const char *path, const struct pool *pool,
			       const struct policy *pol, size_t *rows, struct status_msg *m)
{
	struct policy_job job = {pool, pol};
	return export_atomic(path, write_policy, &job, rows, m);
}

enum status export_sweep_file(const char *path, const struct sweep *sw, size_t *rows,
			      struct status_msg *m)
{
	return export_atomic(path, write_sweep, sw, rows, m);
}
