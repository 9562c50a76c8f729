/* export.c - policies and sweeps as tidy CSV, to a stream or atomically into a file. */
#include "optdeploy/export.h"

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

/* A stream and the errno of its first failed write (later writes are skipped). */
struct out {
	FILE *fp;
	int err;
};

static void put_text(struct out *o, const char *s)
{
	if (o->err == 0 && fputs(s, o->fp) == EOF)
		o->err = errno ? errno : EIO;
}

/*
 * A model name, quoted by libcsv only when it must be: a comma, quote or line
 * break (RFC 4180), surrounding spaces (which some readers strip), or a
 * leading '#' (our own loader skips such lines as comments).
 */
static void put_name(struct out *o, const char *s)
{
	size_t len = strlen(s);
	bool quote = strpbrk(s, ",\"\r\n") != NULL || s[0] == '#' || s[0] == ' ' ||
		     (len > 0 && s[len - 1] == ' ');
	if (!quote) {
		put_text(o, s);
		return;
	}
	errno = 0;
	if (o->err == 0 && csv_fwrite(o->fp, s, len) != 0)
		o->err = errno ? errno : EIO;
}

/*
 * %.17g reads back bit for bit.  Negative zero prints as 0 (the same number
 * to every reader), a non-finite value as an empty field, and the decimal
 * point is always '.', whatever LC_NUMERIC the front end has set.
 */
static void put_number(struct out *o, double v)
{
	char buf[64];
	if (!isfinite(v))
		return;
	if (v == 0)
		v = 0;
	snprintf(buf, sizeof buf, "%.17g", v);
	const char *dp = localeconv()->decimal_point;
	if (dp != NULL && strcmp(dp, ".") != 0 && dp[0] != '\0') {
		char *at = strstr(buf, dp);
		if (at != NULL) {
			size_t dl = strlen(dp);
			*at = '.';
			memmove(at + 1, at + dl, strlen(at + dl) + 1);
		}
	}
	put_text(o, buf);
}

static void put_count(struct out *o, long long c)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", c);
	put_text(o, buf);
}

static void put_comma(struct out *o)
{
	put_text(o, ",");
}

/* Flush and turn the first recorded failure into ST_OUTPUT. */
static enum status finish(struct out *o, const char *name, struct status_msg *m)
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
static void put_allocation(struct out *o, const struct policy *pol, size_t i)
{
	if (policy_has_counts(pol)) {
		put_count(o, pol->count[i]);
		put_comma(o);
		put_number(o, (double)pol->count[i] / (double)pol->params.k);
	} else {
		put_comma(o);
	}
	put_comma(o);
}

/* expected_accuracy,expected_cost,objective,status and the line end. */
static void put_outcome(struct out *o, const struct policy *pol)
{
	if (policy_has_counts(pol)) {
		put_number(o, pol->expected_accuracy);
		put_comma(o);
		put_number(o, pol->expected_cost);
		put_comma(o);
		put_number(o, pol->objective);
		put_comma(o);
	} else {
		put_text(o, ",,,");
	}
	put_text(o, solve_outcome_name(pol->outcome));
	put_text(o, "\n");
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
	struct out o = {fp, 0};
	put_text(&o, POLICY_HEADER "\n");
	for (size_t i = 0; i < pool->n; i++) {
		const struct model *md = &pool->models[i];
		put_name(&o, md->name);
		put_comma(&o);
		put_number(&o, md->cost);
		put_comma(&o);
		put_number(&o, md->accuracy);
		put_comma(&o);
		put_number(&o, md->load_cost);
		put_comma(&o);
		put_allocation(&o, pol, i);
		/* The budget is a parameter only of the primal; the dual has a floor instead. */
		if (pol->params.mode == SOLVE_MAX_ACCURACY)
			put_number(&o, pol->params.budget);
		put_comma(&o);
		put_count(&o, pol->params.k);
		put_comma(&o);
		put_number(&o, pol->params.lambda);
		put_comma(&o);
		put_outcome(&o, pol);
	}
	return finish(&o, name, m);
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
	struct out o = {fp, 0};
	put_text(&o, SWEEP_HEADER "\n");
	for (size_t j = 0; j < sw->done; j++) {
		const struct policy *pol = &sw->levels[j].policy;
		for (size_t i = 0; i < pool->n; i++) {
			put_number(&o, sw->levels[j].budget);
			put_comma(&o);
			put_name(&o, pool->models[i].name);
			put_comma(&o);
			put_allocation(&o, pol, i);
			put_outcome(&o, pol);
		}
	}
	return finish(&o, name, m);
}

/* What to write into the temporary file. */
struct job {
	const struct pool *pool;
	const struct policy *pol;  /* NULL for a sweep */
	const struct sweep *sw;
};

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
static enum status write_temp(int fd, const char *path, const struct job *job,
			      struct status_msg *m)
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
	enum status st = job->pol != NULL ? export_policy_stream(fp, path, job->pool, job->pol, m)
					  : export_sweep_stream(fp, path, job->sw, m);
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

static enum status write_atomic(const char *path, const struct job *job, struct status_msg *m)
{
	if (path == NULL || path[0] == '\0')
		return status_fail(m, ST_OUTPUT, "cannot write: empty output file name");
	char *tmp = temp_template(path);
	if (tmp == NULL)
		return status_fail(m, ST_INTERNAL, "%s: out of memory", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int err = errno;
		free(tmp);
		return fail_errno(m, path, err);
	}
	enum status st = write_temp(fd, path, job, m);
	if (st == ST_OK && rename(tmp, path) != 0)
		st = fail_errno(m, path, errno);
	if (st != ST_OK)
		(void)unlink(tmp);  /* best effort: the reported failure is the first one */
	else
		sync_directory(path);
	free(tmp);
	return st;
}

enum status export_policy_file(const char *path, const struct pool *pool,
			       const struct policy *pol, size_t *rows, struct status_msg *m)
{
	struct job job = {pool, pol, NULL};
	enum status st = write_atomic(path, &job, m);
	if (rows != NULL)
		*rows = st == ST_OK ? pool->n : 0;
	return st;
}

enum status export_sweep_file(const char *path, const struct sweep *sw, size_t *rows,
			      struct status_msg *m)
{
	struct job job = {sw->pool, NULL, sw};
	enum status st = write_atomic(path, &job, m);
	if (rows != NULL)
		*rows = st == ST_OK ? sweep_rows(sw) : 0;
	return st;
}
