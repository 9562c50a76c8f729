/* bench_core.c - times optdeploy's core (solve, re-solve, 101-level sweep) on the benchmark instances. */

/*
 * usage: bench_core [--columns MAP] POOL.csv INSTANCES.tsv
 *        bench_core [--columns MAP] --profile solve|resolve|sweep POOL.csv INSTANCES.tsv ID REPS
 *
 * Loads POOL.csv once, then for every row of INSTANCES.tsv ("id pool k lambda
 * budget", or "id pool k lambda budget rate duty" for the time row of issue
 * 16) whose pool column is POOL.csv, measures with CLOCK_MONOTONIC:
 *   solve    a cold solve: solver_new + solver_run (what one CLI call costs);
 *   resolve  a re-solve on a warm solver after a one-step budget change, the
 *            interactive planner's case (the budget alternates between the
 *            instance's budget and one slider step, 1/100 of the cost range,
 *            above it; every re-solve at the instance's budget must give the
 *            cold solve's objective);
 *   sweep    solver_new + sweep_init + 101 sweep_step calls over the pool's
 *            cost range, and the slowest single step (the UI computes the sweep
 *            one step at a time between key presses); stopped after 10 s.
 * Each figure is the median of several runs; the count of runs adapts to the
 * time one run takes so the whole harness stays within minutes (fewer runs
 * when the environment has BENCH_QUICK=1, for developing the harness).
 *
 * --columns MAP loads the pool as `optdeploy --columns MAP` does (the same
 * pool_spec, "cost=energy_mj,accuracy=top1,latency=latency_ms"), with the
 * latency column required; a row's rate (inferences per second) and duty
 * cycle then go to the solver as the CLI's --rate and --duty-cycle do
 * (solve_params.rate, .duty_cycle: the row  sum t_i x_i <= duty K / rate).
 *
 * --profile runs REPS cold solves (or REPS pairs of warm re-solves, a step up
 * and back, after one untimed solve; or REPS sweeps) of the one instance ID
 * and nothing else inside bench_profiled_work(), so that
 * `valgrind --tool=callgrind --toggle-collect='bench_profiled_work*'` counts
 * exactly the solver's work and not the pool loading.
 *
 * Output, one tab-separated row per instance on stdout:
 *   id outcome objective solve_s resolve_s sweep_s sweep_max_step_s
 *   solve_reps resolve_reps sweep_reps sweep_note resolve_ok used counts
 *   resolve_max_s
 * where resolve_s is the median re-solve and resolve_max_s the slowest one,
 * sweep_note is "ok" or says how the first sweep fell short, resolve_ok is
 * "yes" or "NO:outcome:objective" (the first warm answer that differed from
 * the cold solve's) and counts is "index:count,..." over
 * the models with a positive count.  An instance the core cannot answer (an
 * error status) gets the row "id error: MESSAGE nan ..." and the run goes on.
 * The rows are followed by one "#peak_rss_kb N" line (getrusage of this
 * process, which handled this one pool).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/pool_spec.h"
#include "optdeploy/core/pool_tables.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/core/status.h"
#include "optdeploy/core/sweep.h"

#define TIME_LIMIT_S 60.0       /* per solve, as the peers get */
#define SWEEP_LEVEL_LIMIT_S 10.0 /* per sweep level (the solver's default, as the UI) */
#define SWEEP_CAP_S 10.0         /* a sweep still running after this is stopped and noted */

struct instance {
	char id[128];
	long long k;
	double lambda;
	double budget;
	double rate;  /* inferences per second; 0: no time row */
	double duty;  /* the time row's duty cycle, 0 < duty <= 1 */
};

/* How long and how often each measurement may run for one instance. */
struct reps_rule {
	double seconds;
	int min_reps;
	int max_reps;
};

/* The rules of one run: full, or quick (BENCH_QUICK=1) for developing the harness. */
struct bench_cfg {
	struct reps_rule solve, resolve, sweep;
};

static const struct bench_cfg FULL_CFG = { { 0.4, 7, 101 }, { 0.4, 20, 201 }, { 1.5, 5, 21 } };
static const struct bench_cfg QUICK_CFG = { { 0.05, 3, 11 }, { 0.05, 6, 21 }, { 0.2, 3, 5 } };

/* What a re-solve answered, kept to show a mismatch. */
struct policy_summary {
	enum solve_outcome outcome;
	double objective;
};

struct figures {
	double solve_s, resolve_s, resolve_max_s, sweep_s, sweep_max_step_s;
	int solve_reps, resolve_reps, sweep_reps;
	int resolve_ok;
	char sweep_note[160];        /* "ok", or what went wrong in the first sweep */
	struct policy_summary warm;  /* the first warm answer that differed from the cold one */
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Median of v[0..n) (reorders v). */
static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/*
 * Runs still to do after a first run that took `first` seconds: as many as
 * fit in the rule's time, at least min_reps when those are cheap, and none
 * more when one run already took longer than the rule allows.
 */
static int more_reps(const struct reps_rule *r, double first)
{
	double fit = first > 0 ? r->seconds / first : r->max_reps;
	int n = fit >= r->max_reps ? r->max_reps : (int)fit;

	if (n < r->min_reps && first * r->min_reps <= 2 * r->seconds)
		n = r->min_reps;
	return n > 1 ? n - 1 : 0;
}

/* Fill err with "what: message" and return -1, so failing paths read `return fail(...)`. */
static int fail(struct status_msg *err, const char *what, const struct status_msg *m)
{
	snprintf(err->text, sizeof err->text, "%.30s: %.470s", what, m->text);
	return -1;
}

static struct solve_params params_for(const struct instance *in)
{
	struct solve_params sp = solve_params_default();

	sp.mode = SOLVE_MAX_ACCURACY;
	sp.method = SOLVE_EXACT;
	sp.k = in->k;
	sp.lambda = in->lambda;
	sp.budget = in->budget;
	sp.time_limit = TIME_LIMIT_S;
	if (in->rate > 0) {  /* as cli_time_finish passes --rate and --duty-cycle */
		sp.rate = in->rate;
		sp.duty_cycle = in->duty;
	}
	return sp;
}

/* One cold solve, timed into *secs; the policy of the first run is kept in *keep. */
static int cold_solve(const struct pool *pool, const struct solve_params *sp,
		      struct policy *keep, double *secs, struct status_msg *err)
{
	struct status_msg m;
	struct policy pol;
	struct solver *s;
	enum status st;
	double t0;

	if (policy_init(&pol, pool->n, &m) != ST_OK)
		return fail(err, "policy_init", &m);
	t0 = now_s();
	s = solver_new(pool, &m);
	if (s == NULL) {
		policy_free(&pol);
		return fail(err, "solver_new", &m);
	}
	st = solver_run(s, sp, &pol, &m);
	*secs = now_s() - t0;
	solver_free(s);
	if (st != ST_OK) {
		policy_free(&pol);
		return fail(err, "solver_run", &m);
	}
	if (keep->count == NULL)
		*keep = pol;
	else
		policy_free(&pol);
	return 0;
}

static int time_solve(const struct bench_cfg *cfg, const struct pool *pool,
		      const struct solve_params *sp, struct policy *keep, struct figures *f,
		      struct status_msg *err)
{
	double t[128];
	int n = 1;

	if (cold_solve(pool, sp, keep, &t[0], err) != 0)
		return -1;
	for (int extra = more_reps(&cfg->solve, t[0]); extra > 0; extra--)
		if (cold_solve(pool, sp, keep, &t[n++], err) != 0)
			return -1;
	f->solve_reps = n;
	f->solve_s = median(t, n);
	return 0;
}

/* Same answer as the cold solve: same outcome and objective within 1e-9 relative. */
static int same_answer(const struct policy *a, const struct policy *b)
{
	double scale = fmax(1.0, fmax(fabs(a->objective), fabs(b->objective)));

	if (a->outcome != b->outcome)
		return 0;
	if (!policy_has_counts(a))
		return 1;
	return fabs(a->objective - b->objective) <= 1e-9 * scale;
}

/* Record whether the warm answer at the instance's budget matches the cold one. */
static void check_warm(const struct policy *warm, const struct policy *cold, struct figures *f)
{
	if (same_answer(warm, cold) || !f->resolve_ok)
		return;
	f->resolve_ok = 0;
	f->warm.outcome = warm->outcome;
	f->warm.objective = policy_has_counts(warm) ? warm->objective : NAN;
}

static int one_resolve(struct solver *s, const struct solve_params *sp, struct policy *pol,
		       double *secs, struct status_msg *err)
{
	struct status_msg m;
	double t0 = now_s();

	if (solver_run(s, sp, pol, &m) != ST_OK)
		return fail(err, "solver_run (re-solve)", &m);
	*secs = now_s() - t0;
	return 0;
}

/*
 * Warm re-solves on one solver: the budget goes up one step, then back to
 * the instance's budget, where the answer must be the cold solve's.
 */
static int resolve_pairs(const struct reps_rule *rule, struct solver *s,
			 const struct solve_params *sp, double step, const struct policy *cold,
			 struct policy *pol, struct figures *f, struct status_msg *err)
{
	double t[256], first;
	struct solve_params moved = *sp;
	int n = 0, total = 2;

	moved.budget = sp->budget + step;
	if (one_resolve(s, sp, pol, &first, err) != 0)
		return -1;
	f->resolve_ok = 1;
	while (n + 1 < total && n + 1 < (int)(sizeof t / sizeof t[0])) {
		if (one_resolve(s, &moved, pol, &t[n++], err) != 0 ||
		    one_resolve(s, sp, pol, &t[n++], err) != 0)
			return -1;
		check_warm(pol, cold, f);
		if (n == 2)
			total = 2 + more_reps(rule, 0.5 * (t[0] + t[1]));
	}
	f->resolve_reps = n;
	f->resolve_s = median(t, n);
	f->resolve_max_s = t[n - 1];  /* median() sorted t */
	return 0;
}

static int time_resolve(const struct bench_cfg *cfg, const struct pool *pool,
			const struct solve_params *sp, double step, const struct policy *cold,
			struct figures *f, struct status_msg *err)
{
	struct status_msg m;
	struct policy pol;
	struct solver *s = solver_new(pool, &m);
	int rc;

	if (s == NULL)
		return fail(err, "solver_new", &m);
	if (policy_init(&pol, pool->n, &m) != ST_OK) {
		solver_free(s);
		return fail(err, "policy_init", &m);
	}
	rc = resolve_pairs(&cfg->resolve, s, sp, step, cold, &pol, f, err);
	policy_free(&pol);
	solver_free(s);
	return rc;
}

/* What went wrong in a sweep, or "ok": levels left undone, levels without a proven optimum. */
static void sweep_note(const struct sweep *sw, char *note, size_t size)
{
	size_t bad = 0;

	/* An infeasible level is a proven answer too: with the time row the
	   cheapest levels may leave no policy that keeps up. */
	for (size_t j = 0; j < sw->done; j++)
		bad += sw->levels[j].policy.outcome != SOLVE_OPTIMAL &&
		       sw->levels[j].policy.outcome != SOLVE_INFEASIBLE;
	if (sw->done == sw->n_levels && bad == 0)
		snprintf(note, size, "ok");
	else
		snprintf(note, size, "%zu of %zu levels done in %.0f s, %zu of them not optimal",
			 sw->done, sw->n_levels, SWEEP_CAP_S, bad);
}

/*
 * One full sweep over the pool's cost range into *secs; *max_step gets the
 * slowest level.  A sweep is stopped after `cap` seconds, SWEEP_CAP_S when
 * timed (the targets are milliseconds; a sweep that slow is a miss however
 * long it would take).
 */
static int one_sweep(const struct pool *pool, const struct solve_params *sp, double cap,
		     double *secs, double *max_step, char *note, size_t note_size,
		     struct status_msg *err)
{
	struct status_msg m;
	struct sweep sw;
	struct solve_params level = *sp;
	double t0 = now_s();
	struct solver *s = solver_new(pool, &m);
	int rc = 0;

	if (s == NULL)
		return fail(err, "solver_new", &m);
	level.time_limit = SWEEP_LEVEL_LIMIT_S;
	if (sweep_init(&sw, pool, &level, NAN, NAN, SWEEP_DEFAULT_STEPS, &m) != ST_OK) {
		solver_free(s);
		return fail(err, "sweep_init", &m);
	}
	*max_step = 0;
	while (rc == 0 && !sweep_finished(&sw) && now_s() - t0 < cap) {
		double s0 = now_s();

		if (sweep_step(&sw, s, &m) != ST_OK)
			rc = fail(err, "sweep_step", &m);
		*max_step = fmax(*max_step, now_s() - s0);
	}
	*secs = now_s() - t0;
	if (note != NULL)
		sweep_note(&sw, note, note_size);
	sweep_free(&sw);
	solver_free(s);
	return rc;
}

static int time_sweep(const struct bench_cfg *cfg, const struct pool *pool,
		      const struct solve_params *sp, struct figures *f, struct status_msg *err)
{
	double t[32], steps[32];
	int n = 1;

	if (one_sweep(pool, sp, SWEEP_CAP_S, &t[0], &steps[0], f->sweep_note,
		      sizeof f->sweep_note, err) != 0)
		return -1;
	for (int extra = more_reps(&cfg->sweep, t[0]); extra > 0; extra--, n++)
		if (one_sweep(pool, sp, SWEEP_CAP_S, &t[n], &steps[n], NULL, 0, err) != 0)
			return -1;
	f->sweep_reps = n;
	f->sweep_s = median(t, n);
	f->sweep_max_step_s = median(steps, n);
	return 0;
}

static void print_row(const struct instance *in, const struct policy *p, const struct figures *f)
{
	printf("%s\t%s\t%.17g\t%.9f\t%.9f\t%.9f\t%.9f\t%d\t%d\t%d\t%s\t", in->id,
	       solve_outcome_name(p->outcome), policy_has_counts(p) ? p->objective : NAN,
	       f->solve_s, f->resolve_s, f->sweep_s, f->sweep_max_step_s, f->solve_reps,
	       f->resolve_reps, f->sweep_reps, f->sweep_note);
	if (f->resolve_ok)
		printf("yes");
	else
		printf("NO:%s:%.17g", solve_outcome_name(f->warm.outcome), f->warm.objective);
	printf("\t%zu\t", policy_has_counts(p) ? p->models_used : 0);
	if (policy_has_counts(p)) {
		const char *sep = "";

		for (size_t i = 0; i < p->n; i++) {
			if (p->count[i] > 0) {
				printf("%s%zu:%lld", sep, i, p->count[i]);
				sep = ",";
			}
		}
	} else {
		printf("-");
	}
	printf("\t%.9f\n", f->resolve_max_s);
	fflush(stdout);
}

/* The row of an instance the core could not answer: the reason as its outcome. */
static void print_error_row(const struct instance *in, const struct status_msg *err)
{
	printf("%s\terror: %s\tnan\tnan\tnan\tnan\tnan\t0\t0\t0\t-\tyes\t0\t-\tnan\n", in->id,
	       err->text);
	fflush(stdout);
}

/* The budget step of one slider move: 1/100 of the pool's cost range. */
static double slider_step(const struct pool *pool)
{
	double lo = pool->models[pool_cheapest(pool)].cost;

	return (pool_max_cost(pool) - lo) / (SWEEP_DEFAULT_STEPS - 1);
}

static void bench_instance(const struct bench_cfg *cfg, const struct pool *pool,
			   const struct instance *in)
{
	struct solve_params sp = params_for(in);
	struct policy cold = { 0 };
	struct figures f = { 0 };
	struct status_msg err;
	double step = slider_step(pool);

	status_clear(&err);
	if (solve_params_check(&sp, &err) != ST_OK ||
	    time_solve(cfg, pool, &sp, &cold, &f, &err) != 0 ||
	    time_resolve(cfg, pool, &sp, step, &cold, &f, &err) != 0 ||
	    time_sweep(cfg, pool, &sp, &f, &err) != 0)
		print_error_row(in, &err);
	else
		print_row(in, &cold, &f);
	policy_free(&cold);
}

/* Parse one instance row; returns 1 when it is for this pool. */
static int parse_row(const char *line, const char *pool_path, struct instance *in)
{
	char pool[4096];
	int got;

	if (line[0] == '#' || line[0] == '\n')
		return 0;
	in->rate = 0;
	in->duty = 1;
	got = sscanf(line, "%127s %4095s %lld %lf %lf %lf %lf", in->id, pool, &in->k, &in->lambda,
		     &in->budget, &in->rate, &in->duty);
	if (got != 5 && got != 7) {
		fprintf(stderr, "bench_core: bad instance row: %s", line);
		exit(65);
	}
	return strcmp(pool, pool_path) == 0;
}

enum profile_mode { PROFILE_SOLVE, PROFILE_RESOLVE, PROFILE_SWEEP };

/* reps pairs of warm re-solves (a step up, then back) on one solver; the first solve is work too. */
static int profiled_resolves(const struct pool *pool, const struct solve_params *sp, int reps,
			     struct status_msg *err)
{
	struct status_msg m;
	struct policy pol;
	struct solve_params moved = *sp;
	struct solver *s = solver_new(pool, &m);
	double secs;
	int rc = 0;

	if (s == NULL)
		return fail(err, "solver_new", &m);
	if (policy_init(&pol, pool->n, &m) != ST_OK) {
		solver_free(s);
		return fail(err, "policy_init", &m);
	}
	moved.budget = sp->budget + slider_step(pool);
	rc = one_resolve(s, sp, &pol, &secs, err);
	for (int r = 0; rc == 0 && r < reps; r++)
		if (one_resolve(s, &moved, &pol, &secs, err) != 0 ||
		    one_resolve(s, sp, &pol, &secs, err) != 0)
			rc = -1;
	policy_free(&pol);
	solver_free(s);
	return rc;
}

/*
 * The profiled work: reps cold solves, reps re-solve pairs or reps full
 * sweeps of one instance.  Kept out of line so callgrind's --toggle-collect
 * can find it by name.
 */
__attribute__((noinline)) static int bench_profiled_work(const struct pool *pool,
							const struct instance *in,
							enum profile_mode mode, int reps,
							struct status_msg *err)
{
	struct solve_params sp = params_for(in);
	char note[160];
	double secs, max_step;
	int sweep = mode == PROFILE_SWEEP;

	if (mode == PROFILE_RESOLVE)
		return profiled_resolves(pool, &sp, reps, err);
	for (int r = 0; r < reps; r++) {
		struct policy keep = { 0 };
		/* No cap: under valgrind a sweep runs ~50x slower than the cap assumes. */
		int rc = sweep ? one_sweep(pool, &sp, HUGE_VAL, &secs, &max_step, note,
					   sizeof note, err)
			       : cold_solve(pool, &sp, &keep, &secs, err);

		policy_free(&keep);
		if (rc != 0)
			return -1;
	}
	return 0;
}

/* bench_core --profile solve|resolve|sweep POOL INSTANCES ID REPS */
static int profile_main(char **argv, const struct pool *pool)
{
	struct status_msg err;
	struct instance in;
	char line[8192];
	int reps = atoi(argv[5]), found = 0;
	FILE *fp = fopen(argv[3], "r");

	if (fp == NULL) {
		perror(argv[3]);
		return 66;
	}
	while (!found && fgets(line, sizeof line, fp) != NULL)
		found = parse_row(line, argv[2], &in) && strcmp(in.id, argv[4]) == 0;
	fclose(fp);
	if (!found || reps < 1) {
		fprintf(stderr, "bench_core: no instance %s of pool %s in %s (or REPS < 1)\n",
			argv[4], argv[2], argv[3]);
		return 64;
	}
	status_clear(&err);
	enum profile_mode mode = strcmp(argv[1], "sweep") == 0     ? PROFILE_SWEEP
				 : strcmp(argv[1], "resolve") == 0 ? PROFILE_RESOLVE
								   : PROFILE_SOLVE;
	if (bench_profiled_work(pool, &in, mode, reps, &err) != 0) {
		fprintf(stderr, "bench_core: %s\n", err.text);
		return 70;
	}
	return 0;
}

/* The pool as the CLI loads it under --columns MAP (NULL: the built-in column names). */
static enum status load_pool(struct pool *pool, const char *path, const char *map,
			     struct status_msg *m)
{
	struct pool_spec spec;
	struct pool_warnings w = { 0 };
	enum status st;

	if (map == NULL)
		return pool_load_file(pool, path, m);
	pool_spec_init(&spec);
	st = pool_spec_add_columns(&spec, map, false, m);
	if (st != ST_OK)
		return st;
	spec.latency_needed = true;  /* the rate asks for latencies, as --rate does */
	return pool_load_tables(&path, 1, &spec, pool, &w, m);
}

int main(int argc, char **argv)
{
	struct status_msg m;
	struct pool pool = { 0 };
	struct instance in;
	struct rusage ru;
	char line[8192];
	const char *quick = getenv("BENCH_QUICK");
	const struct bench_cfg *cfg = quick != NULL && strcmp(quick, "1") == 0 ? &QUICK_CFG
										: &FULL_CFG;
	const char *map = NULL;
	int profile;
	FILE *fp;
	int rc;

	if (argc >= 3 && strcmp(argv[1], "--columns") == 0) {
		map = argv[2];
		argv += 2;
		argc -= 2;
	}
	profile = argc == 7 && strcmp(argv[1], "--profile") == 0 &&
		  (strcmp(argv[2], "solve") == 0 || strcmp(argv[2], "resolve") == 0 ||
		   strcmp(argv[2], "sweep") == 0);
	if (argc != 3 && !profile) {
		fprintf(stderr, "usage: bench_core [--columns MAP] POOL.csv INSTANCES.tsv\n"
				"       bench_core [--columns MAP] --profile solve|resolve|sweep POOL.csv "
				"INSTANCES.tsv ID REPS\n");
		return 64;
	}
	if (load_pool(&pool, argv[profile ? 3 : 1], map, &m) != ST_OK) {
		fprintf(stderr, "bench_core: %s\n", m.text);
		return 65;
	}
	if (profile) {
		rc = profile_main(argv + 1, &pool);
		pool_free(&pool);
		return rc;
	}
	fp = fopen(argv[2], "r");
	if (fp == NULL) {
		perror(argv[2]);
		pool_free(&pool);
		return 66;
	}
	while (fgets(line, sizeof line, fp) != NULL)
		if (parse_row(line, argv[1], &in))
			bench_instance(cfg, &pool, &in);
	fclose(fp);
	pool_free(&pool);
	getrusage(RUSAGE_SELF, &ru);
	printf("#peak_rss_kb %ld\n", ru.ru_maxrss);
	return 0;
}
