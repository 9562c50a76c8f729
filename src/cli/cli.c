/* cli.c - the program's front door: help, the batch commands, or the planner. */
#include "optdeploy/cli/cli.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "optdeploy/ui/app.h"
#include "optdeploy/cli/cli_battery.h"
#include "optdeploy/cli/cli_cmd.h"
#include "optdeploy/cli/cli_outputs.h"
#include "optdeploy/cli/cli_pool.h"
#include "optdeploy/cli/cli_print.h"
#include "optdeploy/cli/cmd_lifetime.h"
#include "optdeploy/cli/cli_schedule.h"
#include "optdeploy/cli/cli_time.h"
#include "optdeploy/cli/cli_progress.h"
#include "optdeploy/core/compare.h"
#include "optdeploy/core/export.h"
#include "optdeploy/core/frontier.h"
#include "optdeploy/core/limits.h"
#include "optdeploy/core/pool.h"
#include "optdeploy/core/pool_tables.h"
#include "optdeploy/core/sweep.h"

static const char help_text[] =
"Usage: optdeploy [FILE] [--budget B | --min-accuracy P] [--K N]\n"
"                 [--lambda L | --lambda-per-k R] [--relax] [--normalize]\n"
"                 [--ascii]\n"
"       optdeploy solve FILE (--budget B | --min-accuracy P) [OPTIONS]\n"
"       optdeploy sweep FILE [--from B0] [--to B1] [--steps N] [OPTIONS]\n"
"       optdeploy frontier FILE [--from B0] [--to B1] [--steps N] [OPTIONS]\n"
"       optdeploy compare FILE [OPTIONS]\n"
"       optdeploy solve FILE [--cost-unit U] --battery CAP --rate R --duration D\n"
"                 [--idle POWER] [OPTIONS]\n"
"       optdeploy lifetime FILE [--cost-unit U] --battery CAP --rate R\n"
"                 [--idle POWER] (--min-accuracy P | --sweep [--from P0]\n"
"                 [--to P1] [--steps N]) [OPTIONS]\n"
"       optdeploy schedule FILE (--budget B | --min-accuracy P) [OPTIONS]\n"
"       optdeploy plot FILE -o FIG.svg|.pdf|.png [--figure frontier|heatmap|both]\n"
"                 [--size WxH] [--data-csv CSV] [OPTIONS]\n"
"       (FILE... joins several tables on the model name; --pool NAME opens a\n"
"       bundled pool instead of or before them)\n"
"       optdeploy --help | --version\n"
"\n"
"Plan how K inferences are shared among several machine learning models on an\n"
"energy-bounded device: the highest expected accuracy within an average cost\n"
"budget, or the lowest cost above an accuracy floor (exact ILP with GLPK).\n"
"\n"
"Commands:\n"
"  (none)    the interactive planner on FILE (default: the bundled UCI-HAR pool)\n"
"  solve     the optimal policy for one budget (or one accuracy floor)\n"
"  sweep     one solve per budget level: shares, expected accuracy and cost\n"
"  frontier  Pareto-optimal models, LP frontier (concave hull), ILP frontier\n"
"  compare   each model against the policy at its cost and at its accuracy\n"
"  lifetime  how long the battery lasts at an accuracy floor (largest K, exact)\n"
"  schedule  the optimal policy as an order of its K inferences, every prefix\n"
"            fair (runs by default; csv slot rows; c: a C header for firmware)\n"
"  plot      figures (cairo): the frontier and the allocation heatmaps\n"
"  help      this text\n"
"\n"
"Options:\n"
"  --budget B          average cost per inference allowed (total budget B x K);\n"
"                      with an energy cost also 250mJ, 0.3J\n"
"  --min-accuracy P    minimise cost subject to expected accuracy >= P instead\n"
"  --K N               inferences, 1..1000000000 (default 1000; 1e6 is accepted)\n"
"  --lambda L          weight of the loading-cost term, absolute (>= 0)\n"
"  --lambda-per-k R    lambda = R x K (default 0.1)\n"
"  --relax             LP relaxation with floor rounding, not the exact ILP\n"
"  --normalize         rescale costs so the most accurate model costs 100\n"
"  --from B0, --to B1  budget range (default: cheapest to most expensive model);\n"
"                      units as for --budget (--from 20mJ --to 2J)\n"
"  --steps N           budget levels, 1..100000 (default 101; frontier 21)\n"
"  --format table|csv  human table (default) or CSV on standard output\n"
"  --format runs|csv|c schedule: model,repeat rows (default; or by -o's name:\n"
"                      .runs.csv, .csv, .h), slot,model rows, or a C header\n"
"  -o OUT              write the CSV to OUT atomically (- is standard output);\n"
"                      plot: the figure, .svg, .pdf or .png\n"
"  --time-limit S      seconds allowed for each GLPK solve (default 10)\n"
"  --max-models N      device limit: at most N models used (kept loaded) at once\n"
"  --memory M          device limit: the used models' memory adds up to <= M\n"
"                      (needs a memory column; in that column's unit)\n"
"  --ascii             planner: draw with ASCII characters only\n"
"  --cost-unit U       one unit of the cost column is U: J, mJ, uJ, nJ, Wh, mWh;\n"
"                      2.5mJ converts a cost that is not an energy (costs x 2.5,\n"
"                      in mJ); bundled pools declare theirs (--pool help)\n"
"  --battery CAP       battery capacity: 3000mAh@3.7V, 11.1Wh, 40kJ, 39960J\n"
"  --idle POWER        baseline draw: 2mW (default 0); with a latency column it is\n"
"                      charged for the idle time only (whole-board energies)\n"
"  --energy E          whole-board (default: the energies include the idle draw)\n"
"                      or above-idle (idle charged for the whole duration)\n"
"  --rate R            inferences per time unit: 2/s, 30/min, 1/h; with a latency\n"
"                      column also the time row: busy <= duty x K / rate\n"
"  --duty-cycle D      with --rate: the share of the time the device may be busy,\n"
"                      0 < D <= 1 (default 1)\n"
"  --deadline T        models slower than T (100ms, 0.5s, 800us) are not used\n"
"  --latency-unit U    the latency column's unit: ms, s or us (default: its\n"
"                      header's suffix, latency_s; else ms)\n"
"  --duration D        solve: how long to run: 24h, 90min, 7d, 3600s;\n"
"                      K = floor(rate x duration), budget (battery - idle) / K\n"
"  --sweep             lifetime: one row per accuracy floor (--from/--to/--steps;\n"
"                      default: cheapest model's accuracy to the best's, 11)\n"
"  --columns KEY=COL[,KEY=COL...]  take name, cost, accuracy, load_cost, memory,\n"
"                      latency\n"
"                      from the table's own columns (COL may be FILE:COL)\n"
"  --only PAT[,PAT...], --exclude PAT[,PAT...]  keep models by shell glob\n"
"  --strict            a model missing from one of the files is an error\n"
"  --skip-incomplete   leave out rows with an empty value (a warning counts them)\n"
"  --pool NAME         a bundled pool: uci_har, imagenet_paper, torchvision,\n"
"                      rpi4, xavier (--pool help lists them)\n"
"  --log, --linear     sweep/frontier/plot budget levels spaced geometrically or\n"
"                      evenly (default: log when costs span over 100x); plot:\n"
"                      the cost axis too\n"
"  --figure F          plot: frontier, heatmap or both (default both)\n"
"  --size WxH          plot: pixels for PNG, points for PDF and SVG\n"
"  --data-csv CSV      plot: also write the figure's numbers as CSV\n"
"  --no-progress       no progress line on a terminal's standard error\n"
"  --all               solve: a row for every model (default: the used ones and\n"
"                      one line for the rest, on pools over 12 models)\n"
"  --rows used|all     plot, planner: heatmap rows for the models used at some\n"
"                      level (default) or for every model\n"
"  -h, --help          show this help;  -V, --version  show the version\n"
"\n"
"FILE is a CSV table with a header: model, cost, accuracy[, load_cost][, memory]\n"
"[, latency]\n"
"(or any columns, mapped with --columns); - reads standard input.\n"
"Exit status: 0 done, 1 infeasible or solver time limit, 64 usage, 65 bad data,\n"
"66 unreadable input, 70 internal error, 73 output error.\n"
"See optdeploy(1).\n";

static int report(enum status st, const struct status_msg *m)
{
	fprintf(stderr, "optdeploy: %s\n", m->text[0] ? m->text : status_name(st));
	if (st == ST_USAGE)
		fputs("Try 'optdeploy --help'.\n", stderr);
	return status_exit_code(st);
}

/* Everything went to stdout; a full disk or a closed pipe is an output error. */
static int finish_stdout(int code)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "optdeploy: standard output: %s\n", strerror(errno ? errno : EIO));
		return status_exit_code(ST_OUTPUT);
	}
	return code;
}

/* A policy the solver did not deliver: say why; 1 for no answer, 70 for a failure. */
int cli_report_no_policy(const struct policy *p, const char *where)
{
	const char *why = p->message[0] ? p->message : solve_outcome_name(p->outcome);
	if (p->outcome == SOLVE_FAILED) {
		fprintf(stderr, "optdeploy: %sthe solver failed: %s\n", where, why);
		return status_exit_code(ST_INTERNAL);
	}
	if (p->outcome == SOLVE_TIME_LIMIT)
		fprintf(stderr, "optdeploy: %sthe solver stopped at its time limit before proving "
			"optimality; no policy (%s)\n", where, why);
	else
		fprintf(stderr, "optdeploy: %s%s\n", where, why);
	return CLI_EXIT_NO_POLICY;
}

static int emit_policy(const struct cli_options *o, const struct pool *pool,
		       const struct policy *p)
{
	struct status_msg m;
	enum status st;
	size_t rows = 0;
	/* battery mode: the CSV says what the battery pays (export.h) */
	struct export_battery battery = { &o->phys.bp, o->phys.plan.duration_s };
	const struct export_battery *bat = o->phys.battery_given ? &battery : NULL;
	if (o->output != NULL && strcmp(o->output, "-") != 0) {
		st = export_policy_battery_file(o->output, pool, p, bat, &rows, &m);
		if (st != ST_OK)
			return report(st, &m);
		fprintf(stderr, "optdeploy: wrote %zu row%s to %s\n", rows,
			rows == 1 ? "" : "s", o->output);
		return 0;
	}
	if (o->format == CLI_FORMAT_CSV)
		st = export_policy_battery_stream(stdout, "standard output", pool, p, bat, &m);
	else
		st = cli_print_solve(stdout, o, pool, p, &m);
	if (st == ST_OK && o->format != CLI_FORMAT_CSV) {
		cli_time_print_solve(stdout, o, pool, p);
		cli_battery_print_solve(stdout, o, p);
	}
	return st != ST_OK ? report(st, &m) : finish_stdout(0);
}

static int cmd_solve(const struct cli_options *o, const struct pool *pool, struct solver *s)
{
	struct status_msg m;
	struct policy p;
	int code;
	enum status st = policy_init(&p, pool->n, &m);
	if (st != ST_OK)
		return report(st, &m);
	st = solver_run(s, &o->params, &p, &m);
	if (st != ST_OK)
		code = report(st, &m);
	else if (!policy_has_counts(&p))  /* one line: the battery's reason, or the solver's */
		code = cli_battery_explain(stderr, o, pool, &p) ? CLI_EXIT_NO_POLICY
								: cli_report_no_policy(&p, "");
	else if (o->command == CLI_SCHEDULE) {
		st = cli_schedule_emit(o, pool, &p, &m);
		code = st != ST_OK ? report(st, &m) : finish_stdout(0);
	} else {
		code = emit_policy(o, pool, &p);
	}
	policy_free(&p);
	return code;
}

/* The budget range: given, or the pool's cost range for the end not given. */
static enum status sweep_range(const struct cli_options *o, const struct pool *pool,
			       double *from, double *to, struct status_msg *m)
{
	*from = o->from;
	*to = o->to;
	if (!o->from_given && !o->to_given)
		return ST_OK;  /* sweep_init's default: cheapest to most expensive */
	if (!o->from_given)
		*from = pool->models[pool_cheapest(pool)].cost;
	if (!o->to_given)
		*to = pool_max_cost(pool);
	if (o->steps > 1 && !(*from < *to)) {
		if (o->to_given)
			return status_fail(m, ST_USAGE, "--to %.10g is not above %.10g, the cheapest "
					   "model's cost (give --from)", *to, *from);
		return status_fail(m, ST_USAGE, "--from %.10g is not below %.10g, the most expensive "
				   "model's cost (give --to)", *from, *to);
	}
	return ST_OK;
}

/* Every level, one step at a time, with a progress line on a terminal. */
static enum status step_sweep(const struct cli_options *o, struct sweep *sw, struct solver *s,
			      struct status_msg *m)
{
	struct cli_progress pr;
	enum status st = ST_OK;

	cli_progress_start(&pr, stderr, !o->no_progress, cli_command_name(o->command), "levels",
			   sw->n_levels);
	while (st == ST_OK && !sweep_finished(sw)) {
		st = sweep_step(sw, s, m);
		cli_progress_update(&pr, sw->done);
	}
	cli_progress_end(&pr);
	return st;
}

/* Prepare the levels of o's range: held (every level kept) or streamed (one at a time). */
int cli_init_sweep(const struct cli_options *o, const struct pool *pool, struct sweep *sw,
		      bool streamed)
{
	struct status_msg m;
	double from, to;
	size_t steps = o->steps;
	enum status st = sweep_range(o, pool, &from, &to, &m);
	enum sweep_spacing spacing = o->spacing_given ? o->spacing : sweep_default_spacing(pool);
	/* Every model costs the same: the default range is that one budget. */
	if (isnan(from) && pool->models[pool_cheapest(pool)].cost == pool_max_cost(pool))
		steps = 1;
	if (st == ST_OK && streamed)
		st = sweep_init_streamed(sw, pool, &o->params, from, to, steps, spacing, &m);
	else if (st == ST_OK)
		st = sweep_init_spaced(sw, pool, &o->params, from, to, steps, spacing, &m);
	if (st != ST_OK) {
		memset(sw, 0, sizeof *sw);
		return report(st, &m);
	}
	return 0;
}

/* Solve every level; a failed level is an error (70), as a failed solve is. */
static int run_sweep(const struct cli_options *o, const struct pool *pool, struct solver *s,
		     struct sweep *sw)
{
	struct status_msg m;
	int code = cli_init_sweep(o, pool, sw, false);
	if (code != 0)
		return code;
	enum status st = step_sweep(o, sw, s, &m);
	if (st != ST_OK)
		return report(st, &m);
	for (size_t j = 0; j < sw->n_levels; j++)
		if (sw->levels[j].policy.outcome == SOLVE_FAILED) {
			char where[64];
			snprintf(where, sizeof where, "budget %.10g: ", sw->levels[j].budget);
			return cli_report_no_policy(&sw->levels[j].policy, where);
		}
	return 0;
}

/* After the output: levels that hit the time limit were shown as such; exit 1. */
static int time_limit_verdict(const struct sweep *sw, int code)
{
	size_t n = sw->time_limited;
	if (n == 0 || code != 0)
		return code;
	fprintf(stderr, "optdeploy: %zu of %zu budget levels stopped at the solver's time limit "
		"(status time_limit, no policy)\n", n, sw->n_levels);
	return CLI_EXIT_NO_POLICY;
}

/* CSV of frontier or compare: into a file atomically, or onto stdout. */
static int emit_csv(const struct cli_options *o, export_writer w, const void *ctx)
{
	struct status_msg m;
	size_t rows = 0;
	enum status st;
	if (o->output != NULL && strcmp(o->output, "-") != 0) {
		st = export_atomic(o->output, w, ctx, &rows, &m);
		if (st != ST_OK)
			return report(st, &m);
		fprintf(stderr, "optdeploy: wrote %zu row%s to %s\n", rows,
			rows == 1 ? "" : "s", o->output);
		return 0;
	}
	st = w(stdout, "standard output", ctx, &rows, &m);
	return st != ST_OK ? report(st, &m) : finish_stdout(0);
}

/*
 * The Pareto and LP-hull lists over the models the limits let run at all
 * (frontier.h: the deadline, and a model whose own memory exceeds the
 * memory limit); every other can be used alone (max_models >= 1).  The LP
 * frontier holds the time row too (frontier_lp.h).  plot and the planner
 * draw the same frontier.
 */
static enum status fitting_lists(const struct pool *pool, const struct solve_params *sp,
				 struct cli_frontier *fr, struct status_msg *m)
{
	fr->n_fit = 0;
	for (size_t i = 0; i < pool->n; i++)
		fr->n_fit += limits_model_fits(sp, &pool->models[i]);
	fr->n_pareto = frontier_pareto_fitting(pool, sp, fr->pareto);
	return frontier_lp_build(&fr->lp, pool, sp, m);  /* the time row too */
}

static int cmd_frontier(const struct cli_options *o, const struct pool *pool,
			struct solver *s)
{
	struct cli_frontier fr = { 0 };
	struct status_msg m;
	int code;
	fr.pareto = malloc(pool->n * sizeof *fr.pareto);
	if (fr.pareto == NULL)
		return report(status_fail(&m, ST_INTERNAL, "out of memory"), &m);
	if (fitting_lists(pool, &o->params, &fr, &m) != ST_OK) {
		free(fr.pareto);
		return report(ST_INTERNAL, &m);
	}
	code = run_sweep(o, pool, s, &fr.sweep);
	if (code == 0 && o->format == CLI_FORMAT_CSV) {
		struct cli_frontier_csv ctx = { pool, &fr };
		code = emit_csv(o, cli_csv_frontier, &ctx);
	} else if (code == 0) {
		enum status st = cli_print_frontier(stdout, o, pool, &fr, &m);
		code = st != ST_OK ? report(st, &m) : finish_stdout(0);
	}
	code = time_limit_verdict(&fr.sweep, code);
	sweep_free(&fr.sweep);
	free(fr.pareto);
	frontier_lp_free(&fr.lp);
	return code;
}

/* A compare row without an answer: failed is an error, a time limit is exit 1. */
static int compare_verdict(const struct compare_row *rows, size_t n, bool after_output)
{
	for (size_t i = 0; i < n; i++) {
		enum solve_outcome a = rows[i].same_budget_outcome, b = rows[i].same_accuracy_outcome;
		if (!after_output && (a == SOLVE_FAILED || b == SOLVE_FAILED)) {
			fputs("optdeploy: compare: a solve failed (status failed)\n", stderr);
			return status_exit_code(ST_INTERNAL);
		}
		if (after_output && (a == SOLVE_TIME_LIMIT || b == SOLVE_TIME_LIMIT)) {
			fputs("optdeploy: compare: some solves stopped at the solver's time limit "
			      "(shown as time_limit)\n", stderr);
			return CLI_EXIT_NO_POLICY;
		}
	}
	return 0;
}

/* compare_run, a model at a time, with a progress line on a terminal. */
static enum status step_compare(const struct cli_options *o, const struct pool *pool,
				struct solver *s, struct compare_row *rows, struct status_msg *m)
{
	struct cli_progress pr;
	enum status st = ST_OK;

	cli_progress_start(&pr, stderr, !o->no_progress, "compare", "models", pool->n);
	for (size_t i = 0; i < pool->n && st == ST_OK; i++) {
		st = compare_one(pool, s, &o->params, i, &rows[i], m);
		cli_progress_update(&pr, i + 1);
	}
	cli_progress_end(&pr);
	return st;
}

static int cmd_compare(const struct cli_options *o, const struct pool *pool, struct solver *s)
{
	struct compare_row *rows = calloc(pool->n, sizeof *rows);
	struct status_msg m;
	enum status st;
	int code;
	if (rows == NULL)
		return report(status_fail(&m, ST_INTERNAL, "out of memory"), &m);
	st = step_compare(o, pool, s, rows, &m);
	code = st != ST_OK ? report(st, &m) : compare_verdict(rows, pool->n, false);
	if (code == 0 && o->format == CLI_FORMAT_CSV) {
		struct cli_compare_csv ctx = { pool, rows };
		code = emit_csv(o, cli_csv_compare, &ctx);
	} else if (code == 0) {
		st = cli_print_compare(stdout, o, pool, rows, &m);
		code = st != ST_OK ? report(st, &m) : finish_stdout(0);
	}
	if (code == 0)
		code = compare_verdict(rows, pool->n, true);
	free(rows);
	return code;
}

static int run_batch(const struct cli_options *given)
{
	struct cli_options local = *given, *o = &local;  /* cli_time_apply may drop the rate */
	struct pool pool = { 0 };
	struct solver *s = NULL;
	struct status_msg m;
	int code;
	struct pool_warnings w;
	struct cli_pool_source src;
	enum status st = cli_pool_source(o, &src, &m);
	cli_outputs_catch_signals();
	if (st == ST_OK && (st = pool_load_tables(src.paths, src.n, &src.spec, &pool, &w, &m)) != ST_OK)
		cli_pool_explain(&src, st, &m);
	if (st == ST_OK)
		cli_pool_print_warnings(stderr, &w);
	if (st == ST_OK)
		st = cli_outputs_check(o, src.paths, src.n, &m);
	if (st == ST_OK && o->normalize)
		st = pool_normalize(&pool, &m);
	if (st == ST_OK)
		st = cli_time_apply(o, &pool, &m);
	if (st == ST_OK)
		st = solver_create(&s, &pool, &m);
	if (st != ST_OK)
		code = report(st, &m);
	else if (o->command == CLI_SOLVE || o->command == CLI_SCHEDULE)
		code = cmd_solve(o, &pool, s);  /* schedule: the same solve, then its order */
	else if (o->command == CLI_SWEEP)
		code = cli_cmd_sweep(o, &pool, s);
	else if (o->command == CLI_FRONTIER)
		code = cmd_frontier(o, &pool, s);
	else if (o->command == CLI_LIFETIME)
		code = cmd_lifetime_run(o, &pool, s);
	else if (o->command == CLI_PLOT)
		code = cli_cmd_plot(o, &pool, s);
	else
		code = cmd_compare(o, &pool, s);
	if (s != NULL)
		solver_free(s);
	pool_free(&pool);
	return code;
}

static int run_planner(const struct cli_options *o)
{
	struct app_options a = { 0 };
	struct cli_pool_source src;
	struct status_msg m;
	const char *first = o->n_paths == 1 ? o->paths[0] : NULL;
	/* A mistyped command ("optdeploy slove") is not a file name either. */
	if (first != NULL && strpbrk(first, "/.") == NULL && access(first, F_OK) != 0)
		return report(status_fail(&m, ST_USAGE, "'%s' is neither a command (%s) nor a file",
					  first, cli_command_list()), &m);
	if (cli_pool_source(o, &src, &m) != ST_OK)
		return report(ST_INTERNAL, &m);
	a.paths = src.paths;
	a.n_paths = src.n;
	a.spec = &src.spec;
	a.params = o->params;
	a.budget_given = o->budget_given;
	a.floor_given = o->floor_given;
	a.lambda_per_k_given = o->lambda_per_k_given;
	a.lambda_per_k = o->lambda_per_k;
	a.normalize = o->normalize;
	a.ascii = o->ascii;
	a.rows_all = o->rows_all;
	a.spacing_given = o->spacing_given;
	a.spacing = o->spacing;
	a.battery = o->phys.battery_given;
	a.bp = o->phys.bp;
	a.cost_unit = o->phys.cost_unit;
	a.above_idle = o->time.above_idle;
	return app_run(&a);
}

int cli_main(int argc, char *argv[])
{
	struct cli_options o;
	struct status_msg m;
	enum status st = cli_parse(argc, argv, &o, &m);
	if (st != ST_OK)
		return report(st, &m);
	if (o.pool_name != NULL && strcmp(o.pool_name, "help") == 0 && o.command != CLI_HELP &&
	    o.command != CLI_VERSION)
		return finish_stdout(cli_pool_help(stdout));
	switch (o.command) {
	case CLI_HELP:
		fputs(help_text, stdout);
		return finish_stdout(0);
	case CLI_VERSION:
		puts("optdeploy " OPTDEPLOY_VERSION);
		return finish_stdout(0);
	case CLI_PLAN:
		return run_planner(&o);
	default:
		return run_batch(&o);
	}
}

/* ---- shared with the commands in cmd_*.c (cli_cmd.h) ---------------- */

int cli_report(enum status st, const struct status_msg *m)
{
	return report(st, m);
}

int cli_finish_stdout(int code)
{
	return finish_stdout(code);
}

int cli_emit_csv(const struct cli_options *o, export_writer w, const void *ctx)
{
	return emit_csv(o, w, ctx);
}

int cli_run_sweep(const struct cli_options *o, const struct pool *pool, struct solver *s,
		  struct sweep *sw)
{
	return run_sweep(o, pool, s, sw);
}

int cli_sweep_verdict(const struct sweep *sw, int code)
{
	return time_limit_verdict(sw, code);
}
