/* export.c - policies and sweeps as tidy CSV, to a stream or (export_file.c) into a file. */
#include "optdeploy/core/export.h"

#include <csv.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

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
	export_put_text(o, "\n");
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
	export_put_text(&o, POLICY_HEADER "\n");
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
		}
	}
	return export_out_finish(&o, name, m);
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
