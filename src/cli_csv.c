/* cli_csv.c - the frontier and compare CSVs, and an atomic file writer for them. */
#include "optdeploy/cli_print.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* RFC 4180: quote a field holding a comma, a quote or a line break. */
static void csv_text(FILE *fp, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, fp);
		return;
	}
	putc('"', fp);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			putc('"', fp);
		putc(*s, fp);
	}
	putc('"', fp);
}

/* %.17g reads back exactly; a missing value (NaN) is an empty field. */
static void csv_number(FILE *fp, double v)
{
	if (!isnan(v))
		fprintf(fp, "%.17g", v);
}

static enum status csv_done(FILE *fp, const char *name, struct status_msg *m)
{
	if (fflush(fp) != 0 || ferror(fp))
		return status_fail(m, ST_OUTPUT, "%s: %s", name, strerror(errno ? errno : EIO));
	return ST_OK;
}

static void frontier_models(FILE *fp, const char *kind, const struct pool *pool,
			    const size_t *idx, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct model *md = &pool->models[idx[i]];
		fprintf(fp, "%s,", kind);
		csv_number(fp, md->cost);
		putc(',', fp);
		csv_number(fp, md->accuracy);
		putc(',', fp);
		csv_text(fp, md->name);
		putc('\n', fp);
	}
}

enum status cli_csv_frontier(FILE *fp, const char *name, const void *ctx, size_t *rows,
			     struct status_msg *m)
{
	const struct cli_frontier_csv *c = ctx;
	const struct sweep *sw = &c->fr->sweep;
	const char *kind = sw->params.method == SOLVE_RELAXED ? "lp_rounded" : "ilp";
	errno = 0;
	fputs(CLI_FRONTIER_CSV_HEADER "\n", fp);
	frontier_models(fp, "pareto", c->pool, c->fr->pareto, c->fr->n_pareto);
	frontier_models(fp, "hull", c->pool, c->fr->hull, c->fr->n_hull);
	for (size_t j = 0; j < sw->n_levels; j++) {
		const struct policy *p = &sw->levels[j].policy;
		fprintf(fp, "%s,", kind);
		csv_number(fp, sw->levels[j].budget);
		putc(',', fp);
		csv_number(fp, policy_has_counts(p) ? p->expected_accuracy : NAN);
		fputs(",\n", fp);
	}
	if (rows != NULL)
		*rows = c->fr->n_pareto + c->fr->n_hull + sw->n_levels;
	return csv_done(fp, name, m);
}

static bool has_answer(enum solve_outcome o)
{
	return o == SOLVE_OPTIMAL || o == SOLVE_ROUNDED;
}

enum status cli_csv_compare(FILE *fp, const char *name, const void *ctx, size_t *rows,
			    struct status_msg *m)
{
	const struct cli_compare_csv *c = ctx;
	errno = 0;
	fputs(CLI_COMPARE_CSV_HEADER "\n", fp);
	for (size_t i = 0; i < c->pool->n; i++) {
		const struct compare_row *r = &c->rows[i];
		const struct model *md = &c->pool->models[r->model];
		bool budget_ok = has_answer(r->same_budget_outcome);
		bool accuracy_ok = has_answer(r->same_accuracy_outcome);
		csv_text(fp, md->name);
		putc(',', fp);
		csv_number(fp, md->cost);
		putc(',', fp);
		csv_number(fp, md->accuracy);
		fprintf(fp, ",%s,", solve_outcome_name(r->same_budget_outcome));
		csv_number(fp, budget_ok ? r->same_budget_accuracy : NAN);
		putc(',', fp);
		csv_number(fp, budget_ok ? r->accuracy_gain : NAN);
		fprintf(fp, ",%s,", solve_outcome_name(r->same_accuracy_outcome));
		csv_number(fp, accuracy_ok ? r->same_accuracy_cost : NAN);
		putc(',', fp);
		csv_number(fp, accuracy_ok ? r->cost_saving : NAN);
		putc(',', fp);
		csv_number(fp, accuracy_ok && md->cost > 0 ? 100.0 * r->cost_saving / md->cost : NAN);
		putc('\n', fp);
	}
	if (rows != NULL)
		*rows = c->pool->n;
	return csv_done(fp, name, m);
}

/* mkstemp creates 0600; give the result the mode a plain fopen would. */
static void default_mode(int fd)
{
	mode_t mask = umask(0);
	umask(mask);
	(void)fchmod(fd, 0666 & ~mask);
}

static enum status finish_temp(FILE *fp, const char *path, enum status st,
			       struct status_msg *m)
{
	if (st == ST_OK && (fflush(fp) != 0 || fsync(fileno(fp)) != 0))
		st = status_fail(m, ST_OUTPUT, "%s: %s", path, strerror(errno));
	if (fclose(fp) != 0 && st == ST_OK)
		st = status_fail(m, ST_OUTPUT, "%s: %s", path, strerror(errno));
	return st;
}

enum status cli_write_atomic(const char *path, cli_csv_writer w, const void *ctx,
			     size_t *rows, struct status_msg *m)
{
	size_t n = strlen(path);
	char *tmp = malloc(n + 8);
	enum status st;
	FILE *fp;
	int fd;
	if (tmp == NULL)
		return status_fail(m, ST_INTERNAL, "%s: out of memory", path);
	/* mkstemp's template: OUT, a dot, six letters it replaces */
	memcpy(tmp, path, n);
	tmp[n] = '.';
	memset(tmp + n + 1, 'X', 6);
	tmp[n + 7] = '\0';
	fd = mkstemp(tmp);
	if (fd < 0) {
		st = status_fail(m, ST_OUTPUT, "%s: cannot create a temporary file beside it: %s",
				 path, strerror(errno));
		free(tmp);
		return st;
	}
	default_mode(fd);
	fp = fdopen(fd, "w");
	if (fp == NULL) {
		st = status_fail(m, ST_OUTPUT, "%s: %s", path, strerror(errno));
		close(fd);
	} else {
		st = finish_temp(fp, path, w(fp, path, ctx, rows, m), m);
	}
	if (st == ST_OK && rename(tmp, path) != 0)
		st = status_fail(m, ST_OUTPUT, "%s: %s", path, strerror(errno));
	if (st != ST_OK)
		unlink(tmp);
	free(tmp);
	return st;
}
