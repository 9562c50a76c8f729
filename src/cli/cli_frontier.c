/* cli_frontier.c - frontier's LP frontier: its table of vertices (models and mixes) and its CSV rows. */
#include "optdeploy/cli/cli_frontier.h"

#include <math.h>
#include <stdbool.h>

#include "optdeploy/cli/cli_table.h"
#include "optdeploy/core/export.h"
#include "optdeploy/core/limits.h"
#include "optdeploy/core/units.h"

/* The share of the time a vertex keeps the device busy, in percent (its latency x rate). */
static double busy_percent(const struct frontier_vertex *v, const struct solve_params *sp)
{
	return 100 * v->latency * sp->rate;
}

/* "no LP policy keeps up": every model that may run is slower than tau alone. */
static void none_keeps_up(FILE *fp, const struct frontier_lp *lp, const struct solve_params *sp)
{
	char tau[32];
	units_format_latency(tau, sizeof tau, lp->tau);
	fprintf(fp, "\nLP frontier: none: %s %zu model%s that may run is slower than the %s per "
		"inference the time row allows (busy at most %.4g%% at %.10g/s), and so is every mix "
		"of them: no LP policy keeps up\n", lp->n_fit == 1 ? "the" : "each of the", lp->n_fit,
		lp->n_fit == 1 ? "" : "s", tau, 100 * limits_duty(sp), sp->rate);
}

static size_t count_mixes(const struct frontier_lp *lp)
{
	size_t n = 0;
	for (size_t k = 0; k < lp->n; k++)
		n += frontier_vertex_is_mix(&lp->v[k]);
	return n;
}

static void heading(FILE *fp, const struct frontier_lp *lp, const struct solve_params *sp,
		    bool fitting)
{
	fprintf(fp, "\nLP frontier: the %zu vertices of the upper concave hull (best mix of %smodels "
		"at each average cost, lambda = 0%s)\n", lp->n, fitting ? "the fitting " : "",
		lp->time_row ? ", keeping up with the time row" : "");
	if (count_mixes(lp) > 0) {
		char tau[32];
		units_format_latency(tau, sizeof tau, lp->tau);
		fprintf(fp, "  (x%% A + y%% B: A within %s on x%% of the inferences, B slower on "
			"the rest; busy %.4g%%, the most the time row allows)\n", tau,
			100 * limits_duty(sp));
	}
}

enum status cli_frontier_print_lp(FILE *fp, const struct pool *pool, const struct frontier_lp *lp,
				  const struct solve_params *sp, bool fitting,
				  struct status_msg *m)
{
	struct cli_table t;
	char buf[64], a[32], b[32];
	enum status st;
	if (frontier_lp_none_keeps_up(lp)) {
		none_keeps_up(fp, lp, sp);
		return ST_OK;
	}
	heading(fp, lp, sp, fitting);
	cli_table_init(&t, lp->time_row ? "lrrr" : "lrr");
	cli_table_row(&t);
	cli_table_set(&t, 0, "%s", count_mixes(lp) > 0 ? "model or mix" : "model");
	cost_unit_heading(&pool->unit, "cost", buf, sizeof buf);
	cli_table_set(&t, 1, "%s", buf);
	cli_table_set(&t, 2, "accuracy");
	if (lp->time_row)
		cli_table_set(&t, 3, "busy");
	for (size_t k = 0; k < lp->n; k++) {
		const struct frontier_vertex *v = &lp->v[k];
		cli_table_row(&t);
		if (frontier_vertex_is_mix(v)) {  /* "62.3% A + 37.7% B", names at any length */
			frontier_share_text(v->share, a, sizeof a);
			frontier_share_text(1 - v->share, b, sizeof b);
			cli_table_set(&t, 0, "%s%% %s + %s%% %s", a, pool->models[v->model].name, b,
				      pool->models[v->other].name);
		} else {
			cli_table_set(&t, 0, "%s", pool->models[v->model].name);
		}
		cli_table_set(&t, 1, "%.6g", v->cost);
		cli_table_set(&t, 2, "%.6g", v->accuracy);
		if (lp->time_row)
			cli_table_set(&t, 3, "%.3g%%", busy_percent(v, sp));
	}
	st = cli_table_print(&t, fp, 2, m);
	cli_table_free(&t);
	return st;
}

static void csv_number(FILE *fp, double v)
{
	char buf[EXPORT_NUMBER_SIZE];
	export_number(buf, v);
	fputs(buf, fp);
}

/* ,share,other_model,latency_s,busy_share after a row's five first fields. */
static void time_fields(FILE *fp, double share, const char *other, double latency,
			const struct solve_params *sp)
{
	putc(',', fp);
	csv_number(fp, share);
	putc(',', fp);
	if (other != NULL)
		(void)export_field(fp, other);  /* errors surface through ferror */
	putc(',', fp);
	csv_number(fp, latency);
	putc(',', fp);
	csv_number(fp, isnan(latency) ? NAN : latency * sp->rate);
}

void cli_frontier_csv_model(FILE *fp, const char *kind, const struct pool *pool, size_t i,
			    const struct solve_params *sp)
{
	const struct model *md = &pool->models[i];
	fprintf(fp, "%s,", kind);
	csv_number(fp, md->cost);
	putc(',', fp);
	csv_number(fp, md->accuracy);
	putc(',', fp);
	(void)export_field(fp, md->name);
	putc(',', fp);
	if (limits_time_active(sp))
		time_fields(fp, 1, NULL, md->latency, sp);
	putc('\n', fp);
}

size_t cli_frontier_csv_hull(FILE *fp, const struct pool *pool, const struct frontier_lp *lp,
			     const struct solve_params *sp)
{
	for (size_t k = 0; k < lp->n; k++) {
		const struct frontier_vertex *v = &lp->v[k];
		fputs("hull,", fp);
		csv_number(fp, v->cost);
		putc(',', fp);
		csv_number(fp, v->accuracy);
		putc(',', fp);
		(void)export_field(fp, pool->models[v->model].name);
		putc(',', fp);
		if (lp->time_row)
			time_fields(fp, v->share, frontier_vertex_is_mix(v) ? pool->models[v->other].name
					: NULL, v->latency, sp);
		putc('\n', fp);
	}
	return lp->n;
}

void cli_frontier_csv_level(FILE *fp, const struct policy *p, const struct solve_params *sp)
{
	if (!limits_time_active(sp))
		return;
	bool counts = policy_has_counts(p);
	double latency = counts ? p->busy_time / (double)sp->k : NAN;
	putc(',', fp);
	putc(',', fp);
	putc(',', fp);
	csv_number(fp, latency);
	putc(',', fp);
	csv_number(fp, latency * sp->rate);
}
