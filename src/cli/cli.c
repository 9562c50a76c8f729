/* cli.c - the program's front door: help, the batch commands, or the planner. */
#include "optdeploy/cli/cli.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "optdeploy/ui/app.h"
#include "optdeploy/cli/cli_print.h"
#include "optdeploy/cli/cli_progress.h"
#include "optdeploy/core/compare.h"
#include "optdeploy/core/export.h"
#include "optdeploy/core/frontier.h"
#include "optdeploy/core/pool.h"
#include "optdeploy/core/sweep.h"

static const char help_text[] =
"Usage: optdeploy [FILE] [--budget B | --min-accuracy P] [--K N]\n"
"                 [--lambda L | --lambda-per-k R] [--relax] [--normalize]\n"
"                 [--ascii]\n"
"       optdeploy solve FILE (--budget B | --min-accuracy P) [OPTIONS]\n"
"       optdeploy sweep FILE [--from B0] [--to B1] [--steps N] [OPTIONS]\n"
"       optdeploy frontier FILE [--from B0] [--to B1] [--steps N] [OPTIONS]\n"
"       optdeploy compare FILE [OPTIONS]\n"
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
"  help      this text\n"
"\n"
"Options:\n"
"  --budget B          average cost per inference allowed (total budget B x K)\n"
"  --min-accuracy P    minimise cost subject to expected accuracy >= P instead\n"
"  --K N               inferences, 1..1000000000 (default 1000; 1e6 is accepted)\n"
"  --lambda L          weight of the loading-cost term, absolute (>= 0)\n"
"  --lambda-per-k R    lambda = R x K (default 0.1)\n"
"  --relax             LP relaxation with floor rounding, not the exact ILP\n"
"  --normalize         rescale costs so the most accurate model costs 100\n"
"  --from B0, --to B1  budget range (default: cheapest to most expensive model)\n"
"  --steps N           budget levels, 1..100000 (default 101; frontier 21)\n"
"  --format table|csv  human table (default) or CSV on standard output\n"
"  -o OUT              write the CSV to OUT atomically (- is standard output)\n"
"  --time-limit S      seconds allowed for each GLPK solve (default 10)\n"
"  --ascii             planner: draw with ASCII characters only\n"
"  --no-progress       no progress line on a terminal's standard error\n"
"  -h, --help          show this help;  -V, --version  show the version\n"
"\n"
"FILE is a CSV table with a header: model, cost, accuracy[, load_cost]; - reads\n"
"standard input.  Exit status: 0 done, 1 infeasible or solver time limit,\n"
"64 usage, 65 bad data, 66 unreadable input, 70 internal error, 73 output error.\n"
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
static int report_no_policy(const struct policy *p, const char *where)
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
	if (o->output != NULL && strcmp(o->output, "-") != 0) {
		st = export_policy_file(o->output, pool, p, &rows, &m);
		if (st != ST_OK)
			return report(st, &m);
		fprintf(stderr, "optdeploy: wrote %zu rows to %s\n", rows, o->output);
		return 0;
	}
	if (o->format == CLI_FORMAT_CSV)
		st = export_policy_stream(stdout, "standard output", pool, p, &m);
	else
		st = cli_print_solve(stdout, o, pool, p, &m);
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
	else if (!policy_has_counts(&p))
		code = report_no_policy(&p, "");
	else
		code = emit_policy(o, pool, &p);
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

/* Solve every level; a failed level is an error (70), as a failed solve is. */
static int run_sweep(const struct cli_options *o, const struct pool *pool, struct solver *s,
		     struct sweep *sw)
{
	struct status_msg m;
	double from, to;
	size_t steps = o->steps;
	enum status st = sweep_range(o, pool, &from, &to, &m);
	/* Every model costs the same: the default range is that one budget. */
	if (isnan(from) && pool->models[pool_cheapest(pool)].cost == pool_max_cost(pool))
		steps = 1;
	if (st == ST_OK)
		st = sweep_init(sw, pool, &o->params, from, to, steps, &m);
	if (st != ST_OK) {
		memset(sw, 0, sizeof *sw);
		return report(st, &m);
	}
	st = step_sweep(o, sw, s, &m);
	if (st != ST_OK)
		return report(st, &m);
	for (size_t j = 0; j < sw->n_levels; j++)
		if (sw->levels[j].policy.outcome == SOLVE_FAILED) {
			char where[64];
			snprintf(where, sizeof where, "budget %.10g: ", sw->levels[j].budget);
			return report_no_policy(&sw->levels[j].policy, where);
		}
	return 0;
}

/* After the output: levels that hit the time limit were shown as such; exit 1. */
static int time_limit_verdict(const struct sweep *sw, int code)
{
	size_t n = 0;
	for (size_t j = 0; j < sw->n_levels; j++)
		n += sw->levels[j].policy.outcome == SOLVE_TIME_LIMIT;
	if (n == 0 || code != 0)
		return code;
	fprintf(stderr, "optdeploy: %zu of %zu budget levels stopped at the solver's time limit "
		"(status time_limit, no policy)\n", n, sw->n_levels);
	return CLI_EXIT_NO_POLICY;
}

static int cmd_sweep(const struct cli_options *o, const struct pool *pool, struct solver *s)
{
	struct status_msg m;
	struct sweep sw;
	size_t rows = 0;
	enum status st;
	int code = run_sweep(o, pool, s, &sw);
	if (code == 0) {
		if (o->output != NULL && strcmp(o->output, "-") != 0) {
			st = export_sweep_file(o->output, &sw, &rows, &m);
			if (st == ST_OK)
				fprintf(stderr, "optdeploy: wrote %zu rows to %s\n", rows, o->output);
		} else if (o->format == CLI_FORMAT_CSV) {
			st = export_sweep_stream(stdout, "standard output", &sw, &m);
		} else {
			st = cli_print_sweep(stdout, o, &sw, &m);
		}
		code = st != ST_OK ? report(st, &m) : finish_stdout(0);
		code = time_limit_verdict(&sw, code);
	}
	sweep_free(&sw);
	return code;
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
		fprintf(stderr, "optdeploy: wrote %zu rows to %s\n", rows, o->output);
		return 0;
	}
	st = w(stdout, "standard output", ctx, &rows, &m);
	return st != ST_OK ? report(st, &m) : finish_stdout(0);
}

static int cmd_frontier(const struct cli_options *o, const struct pool *pool,
			struct solver *s)
{
	struct cli_frontier fr = { 0 };
	struct status_msg m;
	int code;
	fr.pareto = malloc(pool->n * sizeof *fr.pareto);
	fr.hull = malloc(pool->n * sizeof *fr.hull);
	if (fr.pareto == NULL || fr.hull == NULL) {
		free(fr.pareto);
		free(fr.hull);
		return report(status_fail(&m, ST_INTERNAL, "out of memory"), &m);
	}
	fr.n_pareto = frontier_pareto(pool, fr.pareto);
	fr.n_hull = frontier_hull(pool, fr.hull);
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
	free(fr.hull);
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

static int run_batch(const struct cli_options *o)
{
	struct pool pool = { 0 };
	struct solver *s = NULL;
	struct status_msg m;
	int code;
	enum status st = pool_load_file(&pool, o->path, &m);
	if (st == ST_OK && o->normalize)
		st = pool_normalize(&pool, &m);
	if (st == ST_OK && (s = solver_new(&pool, &m)) == NULL)
		st = ST_INTERNAL;
	if (st != ST_OK)
		code = report(st, &m);
	else if (o->command == CLI_SOLVE)
		code = cmd_solve(o, &pool, s);
	else if (o->command == CLI_SWEEP)
		code = cmd_sweep(o, &pool, s);
	else if (o->command == CLI_FRONTIER)
		code = cmd_frontier(o, &pool, s);
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
	/* A mistyped command ("optdeploy slove") is not a file name either. */
	if (o->path != NULL && strpbrk(o->path, "/.") == NULL && access(o->path, F_OK) != 0) {
		struct status_msg m;
		return report(status_fail(&m, ST_USAGE, "'%s' is neither a command (solve, sweep, "
					  "frontier, compare, help) nor a file", o->path), &m);
	}
	a.path = o->path;
	a.params = o->params;
	a.budget_given = o->budget_given;
	a.floor_given = o->floor_given;
	a.lambda_per_k_given = o->lambda_per_k_given;
	a.lambda_per_k = o->lambda_per_k;
	a.normalize = o->normalize;
	a.ascii = o->ascii;
	return app_run(&a);
}

int cli_main(int argc, char *argv[])
{
	struct cli_options o;
	struct status_msg m;
	enum status st = cli_parse(argc, argv, &o, &m);
	if (st != ST_OK)
		return report(st, &m);
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
