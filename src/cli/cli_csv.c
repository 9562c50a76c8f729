/* cli_csv.c - the frontier and compare CSVs, in the export's number and quoting format. */
#include "optdeploy/cli/cli_print.h"
#include "optdeploy/cli/cli_frontier.h"
#include "optdeploy/core/export.h"
#include "optdeploy/core/limits.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

static void csv_text(FILE *fp, const char *s)
{
	(void)export_field(fp, s);  /* errors surface through ferror in csv_done */
}

/* The export's number format: reads back exactly; NaN is an empty field. */
static void csv_number(FILE *fp, double v)
{
	char buf[EXPORT_NUMBER_SIZE];
	export_number(buf, v);
	fputs(buf, fp);
}

static enum status csv_done(FILE *fp, const char *name, struct status_msg *m)
{
	if (fflush(fp) != 0 || ferror(fp))
		return status_fail(m, ST_OUTPUT, "%s: %s", name, strerror(errno ? errno : EIO));
	return ST_OK;
}


enum status cli_csv_frontier(FILE *fp, const char *name, const void *ctx, size_t *rows,
			     struct status_msg *m)
{
	const struct cli_frontier_csv *c = ctx;
	const struct sweep *sw = &c->fr->sweep;
	const char *kind = sw->params.method == SOLVE_RELAXED ? "lp_rounded" : "ilp";
	const struct solve_params *sp = &sw->params;
	errno = 0;
	fprintf(fp, "%s%s\n", CLI_FRONTIER_CSV_HEADER,
		limits_time_active(sp) ? CLI_FRONTIER_CSV_TIME_FIELDS : "");
	for (size_t i = 0; i < c->fr->n_pareto; i++)
		cli_frontier_csv_model(fp, "pareto", c->pool, c->fr->pareto[i], sp);
	size_t n_hull = cli_frontier_csv_hull(fp, c->pool, &c->fr->lp, sp);
	for (size_t j = 0; j < sw->n_levels; j++) {
		const struct policy *p = &sw->levels[j].policy;
		fprintf(fp, "%s,", kind);
		csv_number(fp, sw->levels[j].budget);
		putc(',', fp);
		csv_number(fp, policy_has_counts(p) ? p->expected_accuracy : NAN);
		fprintf(fp, ",,%s", solve_outcome_name(p->outcome));
		cli_frontier_csv_level(fp, p, sp);
		putc('\n', fp);
	}
	if (rows != NULL)
		*rows = c->fr->n_pareto + n_hull + sw->n_levels;
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
