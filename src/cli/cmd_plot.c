/*
 * cmd_plot.c - `optdeploy plot`: the frontier and heatmap figures of a pool
 * as SVG, PDF or PNG.  The sweeps are those of `optdeploy sweep` (same range,
 * levels, K and method; one at lambda = 0, one at the current lambda), the
 * chosen policy that of `optdeploy solve` at --budget, so every number in the
 * figure is one the other commands print.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "optdeploy/cli/cli_cmd.h"
#include "optdeploy/core/export.h"
#include "optdeploy/figure/figure.h"
#include "optdeploy/figure/figure_model.h"

/*
 * The budget line and the policy: --budget, else the planner's starting
 * budget on the same axis (the middle of the costs, in log terms on a log axis).
 */
static double plot_budget(const struct cli_options *o, const struct pool *pool)
{
	if (o->budget_given)
		return o->params.budget;
	return sweep_default_budget(pool, o->spacing_given ? o->spacing
							  : sweep_default_spacing(pool));
}

/* The policy at the budget; an infeasible budget is drawn as the line alone. */
static int solve_policy(const struct cli_options *o, struct solver *s, double budget,
			struct policy *p)
{
	struct solve_params sp = o->params;
	struct status_msg m;
	enum status st;

	sp.mode = SOLVE_MAX_ACCURACY;
	sp.budget = budget;
	st = solver_run(s, &sp, p, &m);
	if (st != ST_OK)
		return cli_report(st, &m);
	if (p->outcome == SOLVE_FAILED) {
		fprintf(stderr, "optdeploy: budget %.10g: the solver failed: %s\n", budget, p->message);
		return status_exit_code(ST_INTERNAL);
	}
	if (!policy_has_counts(p))
		fprintf(stderr, "optdeploy: budget %.10g: no policy (%s); the figure shows the "
			"budget line only\n", budget, p->message[0] ? p->message
			: solve_outcome_name(p->outcome));
	return 0;
}

/* The figure first (the output asked for), then the numbers behind it. */
static int write_outputs(const struct cli_options *o, const struct figure_model *fm)
{
	struct figure_job job = { fm, o->plot.kind, o->plot.format, o->plot.width, o->plot.height };
	struct status_msg m;
	size_t rows = 0;
	enum status st = figure_write_file(o->output, &job, &m);

	if (st != ST_OK)
		return cli_report(st, &m);
	fprintf(stderr, "optdeploy: wrote the %s figure to %s\n",
		o->plot.kind == FIGURE_FRONTIER ? "frontier" : o->plot.kind == FIGURE_HEATMAP
		? "heatmap" : "frontier and heatmap", o->output);
	if (o->plot.data_csv == NULL)
		return 0;
	if (strcmp(o->plot.data_csv, "-") == 0) {
		st = figure_model_write_csv(stdout, "standard output", fm, &rows, &m);
	} else {
		st = export_atomic(o->plot.data_csv, figure_model_write_csv, fm, &rows, &m);
		if (st == ST_OK)
			fprintf(stderr, "optdeploy: wrote %zu row%s to %s\n", rows,
				rows == 1 ? "" : "s", o->plot.data_csv);
	}
	return st != ST_OK ? cli_report(st, &m) : 0;
}

int cli_cmd_plot(const struct cli_options *o, const struct pool *pool, struct solver *s)
{
	struct cli_options zero = *o;
	struct sweep sw[2];
	struct policy pol;
	struct figure_model fm;
	struct status_msg m;
	double budget = plot_budget(o, pool);
	int code;
	enum status st;

	memset(sw, 0, sizeof sw);
	memset(&fm, 0, sizeof fm);
	zero.params.lambda = 0;
	zero.lambda_given = true;
	st = policy_init(&pol, pool->n, &m);
	if (st != ST_OK)
		return cli_report(st, &m);
	code = cli_run_sweep(&zero, pool, s, &sw[0]);
	if (code == 0)
		code = cli_run_sweep(o, pool, s, &sw[1]);
	if (code == 0)
		code = solve_policy(o, s, budget, &pol);
	if (code == 0) {
		/* the cost axis is spaced as the sweep's levels: --log, --linear or the pool's costs */
		enum figure_axis axis = !o->spacing_given ? FIGURE_AXIS_AUTO
			: o->spacing == SWEEP_LOG ? FIGURE_AXIS_LOG : FIGURE_AXIS_LINEAR;
		struct figure_source src = { pool, &sw[0], &sw[1], &pol, budget, axis, o->normalize,
					     o->rows_all };
		st = figure_model_build(&fm, &src, &m);
		code = st != ST_OK ? cli_report(st, &m) : write_outputs(o, &fm);
	}
	if (code == 0)
		code = cli_sweep_verdict(&sw[1], cli_sweep_verdict(&sw[0], 0));
	figure_model_free(&fm);
	figure_release_caches();
	policy_free(&pol);
	sweep_free(&sw[0]);
	sweep_free(&sw[1]);
	return code;
}
