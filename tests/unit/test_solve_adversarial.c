/*
 * test_solve_adversarial.c - every policy labelled optimal is optimal, on
 * random instances aimed at the hard cases: exact ties in cost, accuracy and
 * latency, budgets and floors exactly at a model's, lambda at the values
 * where dropping a model pays, max-models 1, memory exactly at a model's,
 * deadlines at a model's latency, the time row binding or not, duty cycles
 * down to 1/1024, K = 1..12, 99..101 and up to 1e9, costs from 2^-30 to
 * 2^30, both modes, every search strategy; and the CLI (solve --format
 * csv, with --rate, --deadline, --duty-cycle and the battery mode's
 * --idle) on a few hundred of them.
 *
 * The reference (adversarial_ref.h) shares nothing with the solver: it looks
 * for a strictly feasible policy that beats the answer (a witness), and for
 * any feasible policy when the answer is "infeasible".  Values are dyadic
 * (small integers times powers of two) so that ties and budgets at a
 * model's cost are exact in binary; a share of instances use decimal values
 * instead.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "adversarial_ref.h"
#include "test_support.h"

struct inst {
	struct pool pool;
	struct model md[AR_MAX];
	char names[AR_MAX][8];
	struct solve_params sp;
	double idle_w;          /* CLI battery mode: idle draw (W), 0: none */
	double battery_j;
	long long duration_s;
	long long rate_int;     /* CLI battery mode: the rate, whole per second */
};

struct tally {
	long solved, optimal, infeasible, incomplete, failures, printed;
	long refused;           /* lambda x load beyond the solver's documented limit */
	long gave_up;           /* "failed" or "time limit": honest, but no answer */
	long by_regime[4];      /* K <= 12, 13..101, 102..1e6, above */
};

static const long long KS[] = {1, 2, 3, 4, 5, 7, 10, 12, 99, 100, 101, 1000, 65536,
			       1000000, 999999937, 1000000000};

static double pick(struct ts_rng *r, const double *v, size_t n)
{
	return v[ts_rand_below(r, n)];
}

/* A value of a dyadic grid (exact ties when two draws agree) or a decimal one. */
static double draw(struct ts_rng *r, bool dyadic, double lo, double hi, int exp2)
{
	if (dyadic)
		return ldexp((double)(long)ts_rand_range(r, lo, hi + 1), exp2);
	return ldexp(ts_rand_range(r, lo, hi), exp2);
}

static void random_instance(struct inst *in, struct ts_rng *r, bool large_k)
{
	memset(in, 0, sizeof *in);
	bool dyadic = ts_rand_below(r, 5) != 0;
	static const double cexp[] = {-30, -20, -10, 0, 0, 0, 0, 10, 20, 30};
	static const double pexp[] = {0, 0, 0, -6, 10};
	static const double loads[] = {0, 1, 1, 2, 4, 0.5};
	int ce = (int)pick(r, cexp, 10), pe = (int)pick(r, pexp, 5);
	size_t n = 1 + ts_rand_below(r, large_k ? 6 : 5);
	if (n == 1 && ts_rand_below(r, 2))
		n = 2;
	for (size_t i = 0; i < n; i++) {
		struct model *md = &in->md[i];
		in->names[i][0] = 'm';  /* "m0".."m7": the CLI test reads the index back */
		in->names[i][1] = (char)('0' + i);
		md->name = in->names[i];
		/* few distinct values: ties in cost, accuracy and latency are common */
		md->cost = draw(r, dyadic, 1, 16, ce);
		double q = (md->cost / ldexp(1, ce)) / 16;
		md->accuracy = ldexp(dyadic ? (double)(long)(50 + 40 * q + ts_rand_range(r, -6, 6))
					    : 50 + 40 * q + ts_rand_range(r, -6, 6), pe);
		md->load_cost = pick(r, loads, 6);
		md->memory = (double)(1 + ts_rand_below(r, 8));
		md->latency = draw(r, dyadic, 1, 12, -10);
		if (i > 0 && ts_rand_below(r, 6) == 0)  /* an exact twin in one field */
			switch (ts_rand_below(r, 3)) {
			case 0: md->cost = in->md[i - 1].cost; break;
			case 1: md->accuracy = in->md[i - 1].accuracy; break;
			default: md->latency = in->md[i - 1].latency; break;
			}
	}
	in->pool.models = in->md;
	in->pool.n = n;
	in->pool.cost_scale = 1;
	in->pool.has_memory = true;
	in->pool.has_latency = true;

	struct solve_params *sp = &in->sp;
	*sp = solve_params_default();
	sp->time_limit = 30;
	sp->mode = ts_rand_below(r, 2) ? SOLVE_MAX_ACCURACY : SOLVE_MIN_COST;
	if (large_k)
		sp->k = KS[8 + ts_rand_below(r, 8)];
	else
		sp->k = KS[ts_rand_below(r, 11)];
	size_t i = ts_rand_below(r, n), j = ts_rand_below(r, n);
	const struct model *a = &in->md[i], *b = &in->md[j];
	double cmin = INFINITY, cmax = 0, pmin = INFINITY, pmax = -INFINITY;
	for (size_t t = 0; t < n; t++) {
		cmin = fmin(cmin, in->md[t].cost);
		cmax = fmax(cmax, in->md[t].cost);
		pmin = fmin(pmin, in->md[t].accuracy);
		pmax = fmax(pmax, in->md[t].accuracy);
	}
	switch (ts_rand_below(r, 7)) {
	case 0: case 1:  /* exactly a model's */
		sp->budget = a->cost;
		sp->min_accuracy = a->accuracy;
		break;
	case 6:  /* a model's, but for the last bit (a budget computed as B / K) */
		sp->budget = nextafter(a->cost, ts_rand_below(r, 2) ? INFINITY : 0);
		sp->min_accuracy = nextafter(a->accuracy, ts_rand_below(r, 2) ? INFINITY : 0);
		break;
	case 2:  /* half-way between two */
		sp->budget = (a->cost + b->cost) / 2;
		sp->min_accuracy = (a->accuracy + b->accuracy) / 2;
		break;
	case 3:  /* one whole inference's worth above a model's: K-dependent ties */
		sp->budget = a->cost + (b->cost - a->cost) / (double)sp->k;
		sp->min_accuracy = a->accuracy + (b->accuracy - a->accuracy) / (double)sp->k;
		break;
	case 4:
		sp->budget = nextafter(cmin, 0);  /* infeasible by one ulp */
		sp->min_accuracy = nextafter(pmax, INFINITY);
		break;
	default:
		sp->budget = ts_rand_range(r, cmin, cmax);
		sp->min_accuracy = ts_rand_range(r, pmin, pmax);
		break;
	}
	/* lambda: 0, whole numbers up to 5K, or where dropping a model pays exactly */
	double dv = fabs(sp->mode == SOLVE_MAX_ACCURACY ? a->accuracy - b->accuracy
							: a->cost - b->cost);
	switch (ts_rand_below(r, 5)) {
	case 0: sp->lambda = 0; break;
	case 1: sp->lambda = floor(ts_rand_unit(r) * 5 * (double)sp->k + 0.5); break;
	case 2: sp->lambda = (double)sp->k * (double)ts_rand_below(r, 41) / 8; break;
	case 3: sp->lambda = a->load_cost > 0 ? dv * (double)(1 + ts_rand_below(r, 3)) / a->load_cost
					    : 1;
		break;
	default: sp->lambda = ldexp((double)ts_rand_below(r, 64), pe); break;
	}
	if (sp->lambda > 5 * (double)sp->k)
		sp->lambda = 5 * (double)sp->k;
	/* device limits */
	switch (ts_rand_below(r, 6)) {
	case 0: sp->max_models = 1; break;
	case 1: sp->max_models = 2; break;
	case 2: sp->max_models = 3; break;
	default: break;
	}
	switch (ts_rand_below(r, 5)) {
	case 0: sp->memory_limit = a->memory; break;
	case 1: sp->memory_limit = a->memory + b->memory; break;
	default: break;
	}
	/* time */
	switch (ts_rand_below(r, 4)) {
	case 0:
		sp->deadline = ts_rand_below(r, 2) ? a->latency : (a->latency + b->latency) / 2;
		break;
	default: break;
	}
	if (ts_rand_below(r, 5) < 3) {
		static const double duty[] = {1, 1, 0.5, 0.125, 1.0 / 1024, 0.3};
		double tmin = INFINITY, tmax = 0;
		for (size_t t = 0; t < n; t++) {
			tmin = fmin(tmin, in->md[t].latency);
			tmax = fmax(tmax, in->md[t].latency);
		}
		double tau;
		switch (ts_rand_below(r, 6)) {
		case 0: tau = a->latency; break;
		case 5: tau = nextafter(a->latency, ts_rand_below(r, 2) ? INFINITY : 0); break;
		case 1: tau = (a->latency + b->latency) / 2; break;
		case 2: tau = a->latency + (b->latency - a->latency) / (double)sp->k; break;
		case 3: tau = nextafter(tmin, 0); break;
		default: tau = ts_rand_range(r, tmin, tmax); break;
		}
		sp->duty_cycle = pick(r, duty, 6);
		sp->rate = sp->duty_cycle / tau;
		if (sp->duty_cycle == 1 && ts_rand_below(r, 2))
			sp->duty_cycle = 0;  /* the default */
	}
	/* the exact reference at large K handles supports of 3 models at most */
	if (sp->k > 64 && n > 3 && (sp->max_models == 0 || sp->max_models > 3))
		sp->max_models = 1 + ts_rand_below(r, 3);
}

static void print_instance(const struct inst *in, const char *why)
{
	const struct solve_params *sp = &in->sp;
	print_message("-- %s\n   mode %s K %lld lambda %a budget %a floor %a max_models %zu "
		      "memory %a deadline %a rate %a duty %a\n", why,
		      sp->mode == SOLVE_MAX_ACCURACY ? "max-accuracy" : "min-cost", sp->k,
		      sp->lambda, sp->budget, sp->min_accuracy, sp->max_models, sp->memory_limit,
		      sp->deadline, sp->rate, sp->duty_cycle);
	for (size_t i = 0; i < in->pool.n; i++) {
		const struct model *md = &in->md[i];
		print_message("   %s cost %a acc %a load %a mem %a lat %a\n", md->name, md->cost,
			      md->accuracy, md->load_cost, md->memory, md->latency);
	}
}

static void failure(struct tally *t, const struct inst *in, const char *fmt, ...)
{
	char buf[300];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	t->failures++;
	if (t->printed++ < (getenv("ADV_PRINT") ? atoi(getenv("ADV_PRINT")) : 12))
		print_instance(in, buf);
}

/* Check one answer (counts, outcome) against the reference. */
static void judge(struct tally *t, const struct inst *in, const struct ar_problem *ref,
		  enum solve_outcome outcome, const long long *count, const char *who)
{
	struct ar_result res;
	long double eps = 2e-13L * ar_scale(ref);
	t->solved++;
	if (outcome == SOLVE_INFEASIBLE) {
		t->infeasible++;
		ar_search(ref, ref->primal ? -INFINITY : INFINITY, 0, &res);
		t->incomplete += res.incomplete;
		if (res.any_feasible || res.witness)
			failure(t, in, "%s: infeasible, but a feasible policy exists", who);
		return;
	}
	if (outcome != SOLVE_OPTIMAL) {
		t->gave_up++;
		if (t->printed++ < 4)
			print_instance(in, solve_outcome_name(outcome));
		return;
	}
	t->optimal++;
	if (!ar_feasible(ref, count, true)) {
		failure(t, in, "%s: the optimal policy breaks a row", who);
		return;
	}
	long double obj = ar_objective(ref, count);
	ar_search(ref, obj, eps, &res);
	t->incomplete += res.incomplete;
	if (res.witness) {
		char xs[200] = "";
		size_t used = 0;
		for (size_t i = 0; i < ref->n && used < sizeof xs; i++)
			used += (size_t)snprintf(xs + used, sizeof xs - used, " %lld/%lld",
						 count[i], res.x[i]);
		failure(t, in, "%s: not optimal: objective %.17Lg, witness %.17Lg; counts/witness:%s",
			who, obj, res.value, xs);
	}
}

static size_t regime(long long k)
{
	return k <= 12 ? 0 : k <= 101 ? 1 : k <= 1000000 ? 2 : 3;
}

static const enum solve_search WAYS[] = {SOLVE_SEARCH_AUTO, SOLVE_SEARCH_AUTO, SOLVE_SEARCH_AUTO,
					 SOLVE_SEARCH_GLPK, SOLVE_SEARCH_SUPPORTS,
					 SOLVE_SEARCH_SUPPORTS_SPLIT, SOLVE_SEARCH_FEW};

static void run_core(struct tally *t, struct ts_rng *r, int count, bool large_k)
{
	for (int c = 0; c < count; c++) {
		struct inst in;
		random_instance(&in, r, large_k);
		struct solver *s = solver_new(&in.pool, NULL);
		assert_non_null(s);
		if (ts_rand_below(r, 4) == 0)
			solver_set_pruning(s, false);
		enum solve_search way = WAYS[ts_rand_below(r, sizeof WAYS / sizeof *WAYS)];
		/* forced strategies past K = 101 are test modes AUTO never takes there */
		if (in.sp.k > 101 && way != SOLVE_SEARCH_SUPPORTS)
			way = SOLVE_SEARCH_AUTO;
		solver_set_search(s, way);
		struct policy pol;
		assert_int_equal(policy_init(&pol, in.pool.n, NULL), ST_OK);
		struct status_msg m;
		enum status st = solver_run(s, &in.sp, &pol, &m);
		if (st == ST_USAGE && strstr(m.text, "too large for this pool's load costs")) {
			t->refused++;
		} else if (st != ST_OK) {
			failure(t, &in, "solver_run: status %d: %s", (int)st, m.text);
		} else {
			long double cost[AR_MAX];
			for (size_t i = 0; i < in.pool.n; i++)
				cost[i] = in.md[i].cost;
			struct ar_problem ref;
			ar_build(&ref, &in.pool, &in.sp, cost,
				 (long double)in.sp.budget * (long double)in.sp.k);
			char who[64];
			snprintf(who, sizeof who, "core (search %d)", (int)way);
			judge(t, &in, &ref, pol.outcome, pol.count, who);
			t->by_regime[regime(in.sp.k)]++;
		}
		policy_free(&pol);
		solver_free(s);
	}
}

static void report(const char *name, const struct tally *t)
{
	print_message("%s: %ld solved (K<=12 %ld, 13..101 %ld, 102..1e6 %ld, >1e6 %ld), "
		      "%ld optimal, %ld infeasible, %ld no answer, %ld lambda refused, "
		      "%ld with a capped reference, %ld failures\n",
		      name, t->solved, t->by_regime[0], t->by_regime[1], t->by_regime[2],
		      t->by_regime[3], t->optimal, t->infeasible, t->gave_up, t->refused,
		      t->incomplete, t->failures);
}

/*
 * ADV_SEED and ADV_SCALE replay other seeds and longer runs by hand
 * (ADV_SCALE=20 ADV_SEED=7 build/tests/test_solve_adversarial); the
 * default run keeps to a few seconds.
 */
static uint32_t seed_for(uint32_t base)
{
	return ts_env_seed("ADV_SEED", base);
}

static int scaled(int count)
{
	return ts_env_scaled("ADV_SCALE", count);
}

static void test_small_k(void **state)
{
	(void)state;
	struct ts_rng r = {seed_for(0x5eed0001u)};
	struct tally t = {0};
	run_core(&t, &r, scaled(1500), false);
	report("small K", &t);
	assert_int_equal(t.failures, 0);
	assert_true(t.gave_up <= t.solved / 100);
	assert_true(t.infeasible > 50 && t.optimal > 800);
}

static void test_large_k(void **state)
{
	(void)state;
	struct ts_rng r = {seed_for(0x5eed0002u)};
	struct tally t = {0};
	run_core(&t, &r, scaled(300), true);
	report("large K", &t);
	assert_int_equal(t.failures, 0);
	assert_true(t.gave_up <= t.solved / 50);
	assert_true(t.incomplete <= t.solved / 50);
}

/* ---- the CLI ------------------------------------------------------------ */

static bool write_csv(const struct inst *in, const char *path)
{
	FILE *fp = fopen(path, "w");
	if (fp == NULL)
		return false;
	fprintf(fp, "model,cost,accuracy,load_cost,memory,latency\n");
	for (size_t i = 0; i < in->pool.n; i++) {
		const struct model *md = &in->md[i];
		fprintf(fp, "%s,%.17g,%.17g,%.17g,%.17g,%.17g\n", md->name, md->cost, md->accuracy,
			md->load_cost, md->memory, md->latency);
	}
	return fclose(fp) == 0;
}

/*
 * Run `optdeploy solve` and read its CSV: counts by model, the status.
 * Returns the exit status (-1 when it could not run).
 */
static int run_cli(const char *cmd, size_t n, long long *count, char *status, size_t status_len)
{
	FILE *fp = popen(cmd, "r");
	if (fp == NULL)
		return -1;
	char line[1024];
	int col_model = -1, col_count = -1, col_status = -1;
	status[0] = '\0';
	memset(count, 0, n * sizeof *count);
	bool header = true;
	while (fgets(line, sizeof line, fp) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		char *fields[32];
		int nf = 0;
		/* split on every comma: empty fields (the dual's budget) count */
		for (char *tok = line; tok != NULL && nf < 32;) {
			fields[nf++] = tok;
			tok = strchr(tok, ',');
			if (tok != NULL)
				*tok++ = '\0';
		}
		if (header) {
			for (int f = 0; f < nf; f++) {
				if (strcmp(fields[f], "model") == 0) col_model = f;
				if (strcmp(fields[f], "count") == 0) col_count = f;
				if (strcmp(fields[f], "status") == 0) col_status = f;
			}
			header = false;
			continue;
		}
		if (col_model < 0 || col_count < 0 || col_status < 0 || nf <= col_status)
			continue;
		size_t i = (size_t)strtoul(fields[col_model] + 1, NULL, 10);
		if (i < n)
			count[i] = strtoll(fields[col_count], NULL, 10);
		snprintf(status, status_len, "%s", fields[col_status]);
	}
	int rc = pclose(fp);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

/*
 * The same instances through the CLI (plain mode), and the battery mode
 * with an idle draw charged for idle time only: costs e_i - P t_i, the
 * energy row sum x (e - P t) <= battery - P duration.
 */
static void test_cli(void **state)
{
	(void)state;
	/* tests/run.sh names the binary under test; unit runs from the tree use ./optdeploy */
	const char *prog = getenv("OPTDEPLOY");
	if (prog == NULL || *prog == '\0')
		prog = "./optdeploy";
	if (access(prog, X_OK) != 0)
		fail_msg("no program to test at %s (set OPTDEPLOY)", prog);
	char path[] = "/tmp/optdeploy-adv-XXXXXX.csv";
	int fd = mkstemps(path, 4);
	assert_true(fd >= 0);
	close(fd);
	struct ts_rng r = {seed_for(0x5eed0003u)};
	struct tally t = {0};
	long battery = 0;
	for (int c = 0, runs = scaled(160); c < runs; c++) {
		struct inst in;
		random_instance(&in, &r, ts_rand_below(&r, 3) == 0);
		struct solve_params *sp = &in.sp;
		bool batt = ts_rand_below(&r, 3) == 0;
		long double cost[AR_MAX], rhs;
		char cmd[1400], extra[600] = "";
		size_t used = 0;
		if (sp->max_models > 0)
			used += (size_t)snprintf(extra + used, sizeof extra - used, " --max-models %zu",
						 sp->max_models);
		if (isfinite(sp->memory_limit))
			used += (size_t)snprintf(extra + used, sizeof extra - used, " --memory %.17g",
						 sp->memory_limit);
		if (sp->deadline > 0)
			used += (size_t)snprintf(extra + used, sizeof extra - used, " --deadline %.17gs",
						 sp->deadline);
		if (batt) {
			/* whole rate and duration: K = rate x duration exactly */
			in.rate_int = 1 + (long long)ts_rand_below(&r, 50);
			in.duration_s = 1 + (long long)ts_rand_below(&r, 40);
			sp->mode = SOLVE_MAX_ACCURACY;
			sp->k = in.rate_int * in.duration_s;
			sp->rate = (double)in.rate_int;
			in.idle_w = 0;
			for (size_t i = 0; i < in.pool.n; i++) {
				/* joules; the idle draw below every model's energy over its latency */
				in.md[i].cost = ldexp((double)(8 + ts_rand_below(&r, 56)), -6);
				in.md[i].latency = ldexp((double)(1 + ts_rand_below(&r, 12)), -8);
			}
			in.idle_w = ldexp((double)ts_rand_below(&r, 3), -2);  /* 0, 0.25, 0.5 W */
			double cmin = INFINITY, cmax = 0;
			for (size_t i = 0; i < in.pool.n; i++) {
				cost[i] = (long double)in.md[i].cost - (long double)in.idle_w * in.md[i].latency;
				cmin = fmin(cmin, (double)cost[i]);
				cmax = fmax(cmax, (double)cost[i]);
			}
			/* the battery: a budget per inference between the extremes, or exact */
			double per = ts_rand_below(&r, 2) ? cmin + (cmax - cmin) * (double)ts_rand_below(&r, 9) / 8
							 : ts_rand_range(&r, cmin, cmax);
			in.battery_j = ldexp(floor(ldexp(per * (double)sp->k +
							 in.idle_w * (double)in.duration_s, 10)), -10);
			rhs = (long double)in.battery_j - (long double)in.idle_w * (long double)in.duration_s;
			if (!(rhs > 0))
				continue;
			bool time_row = ts_rand_below(&r, 2);
			if (!time_row)
				sp->duty_cycle = 1;
			if (time_row && ts_rand_below(&r, 2)) {
				sp->duty_cycle = ldexp(1 + (double)ts_rand_below(&r, 8), -3);
				used += (size_t)snprintf(extra + used, sizeof extra - used,
							 " --duty-cycle %.17g", sp->duty_cycle);
			} else {
				sp->duty_cycle = 1;
			}
			assert_true(write_csv(&in, path));
			snprintf(cmd, sizeof cmd, "'%s' solve '%s' --latency-unit s --cost-unit J "
				 "--battery %.17gJ --rate %lld/s --duration %llds --idle %.17gW "
				 "--lambda %.17g%s --format csv 2>/dev/null", prog, path, in.battery_j,
				 in.rate_int, in.duration_s, in.idle_w, sp->lambda, extra);
			battery++;
		} else {
			if (sp->rate > 0) {
				/* a decimal rate the CLI reads exactly as this double */
				char rate[64];
				snprintf(rate, sizeof rate, "%.15g", sp->rate);  /* the CLI's limit */
				sp->rate = strtod(rate, NULL);
				used += (size_t)snprintf(extra + used, sizeof extra - used,
							 " --rate %s/s", rate);
				if (sp->duty_cycle > 0)
					used += (size_t)snprintf(extra + used, sizeof extra - used,
								 " --duty-cycle %.17g", sp->duty_cycle);
			}
			for (size_t i = 0; i < in.pool.n; i++)
				cost[i] = in.md[i].cost;
			rhs = (long double)sp->budget * (long double)sp->k;
			assert_true(write_csv(&in, path));
			if (sp->mode == SOLVE_MAX_ACCURACY)
				snprintf(cmd, sizeof cmd, "'%s' solve '%s' --latency-unit s --budget %.17g "
					 "--K %lld --lambda %.17g%s --format csv 2>/dev/null", prog, path,
					 sp->budget, sp->k, sp->lambda, extra);
			else
				snprintf(cmd, sizeof cmd, "'%s' solve '%s' --latency-unit s "
					 "--min-accuracy %.17g --K %lld --lambda %.17g%s --format csv "
					 "2>/dev/null", prog, path, sp->min_accuracy, sp->k, sp->lambda,
					 extra);
		}
		struct ar_problem ref;
		ar_build(&ref, &in.pool, sp, cost, rhs);
		long long count[AR_MAX];
		char status[32];
		int rc = run_cli(cmd, in.pool.n, count, status, sizeof status);
		enum solve_outcome o;
		if (rc == 0 && strcmp(status, "optimal") == 0) {
			o = SOLVE_OPTIMAL;
		} else if (rc == 1 && status[0] == '\0') {
			o = SOLVE_INFEASIBLE;  /* or a time limit: the reference tells */
		} else if (rc == 64) {
			t.refused++;  /* lambda x load beyond the documented limit */
			continue;
		} else {
			failure(&t, &in, "CLI: exit %d status '%s': %s", rc, status, cmd);
			continue;
		}
		judge(&t, &in, &ref, o, count, batt ? "CLI battery" : "CLI");
		t.by_regime[regime(sp->k)]++;
	}
	unlink(path);
	report("CLI", &t);
	print_message("CLI: %ld in the battery mode\n", battery);
	assert_int_equal(t.failures, 0);
	assert_true(t.gave_up == 0 && t.solved >= 100 && battery >= 30);
}

/*
 * Found by this test: at K = 999999937 with max-models 1 and a time row
 * whose tau lies 1/K of a latency step below m1's latency, m0 alone meets
 * every row, but GLPK's branch and bound on the scaled split program
 * answered "no integer solution" and the solver said infeasible
 * (deploy_mip.c, confirm_no_integer).
 */
static void test_regress_scaled_nofeas(void **state)
{
	(void)state;
	struct inst in;
	memset(&in, 0, sizeof in);
	const double v[2][5] = {{0x1.4p+3, 0x1.2p+0, 0x1p-1, 1, 0x1p-8},
				{0x1.ap+3, 0x1.48p+0, 0x1p+2, 1, 0x1.2p-7}};
	for (size_t i = 0; i < 2; i++) {
		in.names[i][0] = 'm';
		in.names[i][1] = (char)('0' + i);
		in.md[i] = (struct model){in.names[i], v[i][0], v[i][1], v[i][2], v[i][3], v[i][4]};
	}
	in.pool = (struct pool){.models = in.md, .n = 2, .cost_scale = 1, .has_memory = true,
				.has_latency = true};
	in.sp = solve_params_default();
	in.sp.k = 999999937;
	in.sp.lambda = 0x1.4p-5;
	in.sp.budget = 0x1.ap+3;
	in.sp.max_models = 1;
	in.sp.rate = 0x1.c71c71cb5a61cp+6;
	static const enum solve_search ways[] = {SOLVE_SEARCH_AUTO, SOLVE_SEARCH_SUPPORTS,
						 SOLVE_SEARCH_SUPPORTS_SPLIT};
	for (size_t w = 0; w < 3; w++) {
		struct solver *s = solver_new(&in.pool, NULL);
		struct policy pol;
		struct status_msg m;
		policy_init(&pol, 2, NULL);
		solver_set_search(s, ways[w]);
		assert_int_equal(solver_run(s, &in.sp, &pol, &m), ST_OK);
		if (pol.outcome != SOLVE_OPTIMAL)
			fail_msg("search %d: %s (%s)", (int)ways[w], solve_outcome_name(pol.outcome),
				 pol.message);
		assert_int_equal(pol.count[0], in.sp.k);
		policy_free(&pol);
		solver_free(s);
	}
}

/* One instance from hex-float rows {cost, accuracy, load, memory, latency}, every strategy. */
static void regress(const double (*rows)[5], size_t n, const struct solve_params *sp)
{
	struct inst in;
	memset(&in, 0, sizeof in);
	for (size_t i = 0; i < n; i++) {
		in.names[i][0] = 'm';
		in.names[i][1] = (char)('0' + i);
		in.md[i] = (struct model){in.names[i], rows[i][0], rows[i][1], rows[i][2], rows[i][3],
					  rows[i][4]};
	}
	in.pool = (struct pool){.models = in.md, .n = n, .cost_scale = 1, .has_memory = true,
				.has_latency = true};
	in.sp = *sp;
	long double cost[AR_MAX];
	for (size_t i = 0; i < n; i++)
		cost[i] = in.md[i].cost;
	struct ar_problem ref;
	ar_build(&ref, &in.pool, sp, cost, (long double)sp->budget * (long double)sp->k);
	struct tally t = {0};
	/* past K = 101 the whole-pool and deploy_few programs are test modes
	 * AUTO never takes there (see run_core) */
	static const enum solve_search large[] = {SOLVE_SEARCH_AUTO, SOLVE_SEARCH_SUPPORTS,
						  SOLVE_SEARCH_SUPPORTS_SPLIT};
	const enum solve_search *ways = sp->k > 101 ? large : WAYS;
	size_t n_ways = sp->k > 101 ? 3 : sizeof WAYS / sizeof *WAYS;
	for (size_t w = 0; w < n_ways; w++) {
		struct solver *s = solver_new(&in.pool, NULL);
		struct policy pol;
		struct status_msg m;
		policy_init(&pol, n, NULL);
		solver_set_search(s, ways[w]);
		assert_int_equal(solver_run(s, sp, &pol, &m), ST_OK);
		judge(&t, &in, &ref, pol.outcome, pol.count, "regression");
		policy_free(&pol);
		solver_free(s);
	}
	assert_int_equal(t.failures, 0);
	assert_int_equal(t.gave_up, 0);
	assert_int_equal(t.optimal, (long)n_ways);
}

/*
 * Found by this test: a latency equal to tau = duty / rate in decimal
 * differs from it by a few ulps, and that noise coefficient in GLPK's time
 * row (limits.h, limits_time_coef) made GLPK (a) miss a cheaper policy
 * using that model (a wrong "optimal", K = 1000), (b) stall in its primal
 * simplex for the whole time limit (memory 1 leaves one model; K = 101),
 * (c) return a policy breaking sum x = K ("failed", K = 5).
 */
static void test_regress_time_noise(void **state)
{
	(void)state;
	struct solve_params sp = solve_params_default();
	sp.time_limit = 30;
	sp.mode = SOLVE_MIN_COST;
	const double a[][5] = {
		{0x1.88ba9a6c8p+21, 0x1.d720f86df4p+5, 0, 5, 0x1.bfecf1dep-9},
		{0x1.6867ed3d8p+22, 0x1.f93990b318p+5, 1, 4, 0x1.38d12fefp-10},
		{0x1.75ea165cp+20, 0x1.d6ea229abp+5, 0.5, 2, 0x1.31211e3ap-8},
		{0x1.f2b483488p+22, 0x1.00e0134154p+6, 0.5, 1, 0x1.98ec93a48p-8},
		{0x1.717bffa1p+21, 0x1.eb37a02a68p+5, 1, 2, 0x1.e238f147p-8}};
	sp.k = 1000;
	sp.lambda = 1;
	sp.min_accuracy = 0x1.d729b2f3246b8p+5;
	sp.max_models = 3;
	sp.rate = 0x1.249ebb6442279p+7;
	sp.duty_cycle = 0.5;
	regress(a, 5, &sp);
	const double b[][5] = {
		{2, 0x1.c8p+5, 0.5, 3, 0x1p-7}, {16, 0x1.58p+6, 4, 2, 0x1p-7},
		{0x1.ep+3, 0x1.74p+6, 1, 2, 0x1.2p-7}, {0x1.2p+3, 0x1.1cp+6, 2, 4, 0x1.8p-7},
		{0x1.8p+3, 0x1.34p+6, 4, 1, 0x1.8p-9}, {2, 0x1.dp+5, 0, 1, 0x1.8p-7}};
	sp.k = 101;
	sp.lambda = 0;
	sp.min_accuracy = 0x1.d181446f86563p+5;
	sp.memory_limit = 1;
	sp.rate = 0x1.555555555555ap+5;
	regress(b, 6, &sp);
	const double c[][5] = {
		{0x1p-10, 0x1.ap-1, 2, 6, 0x1.8p-7}, {0x1p-10, 0x1.28p+0, 0.5, 5, 0x1.4p-8},
		{0x1.8p-9, 0x1.ap-1, 1, 4, 0x1p-10}, {0x1.ap-7, 0x1.6p+0, 0.5, 5, 0x1p-10}};
	sp.k = 5;
	sp.min_accuracy = 0x1.18p+0;
	sp.max_models = 0;
	sp.memory_limit = INFINITY;
	sp.rate = 0x1.0000000000001p+7;
	sp.duty_cycle = 0x1p-3;
	regress(c, 4, &sp);
}

/*
 * Found by this test: a budget one ulp above a model's cost (a budget
 * computed as B / K) gave that model a noise coefficient in GLPK's
 * resource row, and the support search answered a policy 5% below the
 * optimum (limits.h, limits_resource_coef).
 */
static void test_regress_resource_noise(void **state)
{
	(void)state;
	struct solve_params sp = solve_params_default();
	sp.time_limit = 30;
	const double a[][5] = {
		{0x1.f4d1fb34ap+3, 0x1.74a0adde42p+6, 2, 7, 0x1.41d20e08cp-8},
		{0x1.e2d02dd3p+0, 0x1.e19a8b615cp+5, 0, 4, 0x1.84bc8788p-10},
		{0x1.fcb0412e8p+1, 0x1.e133e94ee4p+5, 1, 2, 0x1.1dffb4e5p-8},
		{0x1.fe10dca38p+3, 0x1.6321146b88p+6, 1, 4, 0x1.5492f6c18p-9},
		{0x1.bf9f1735cp+2, 0x1.6321146b88p+6, 2, 8, 0x1.68cd9d174p-7}};
	sp.k = 999999937;
	sp.lambda = 0;
	sp.budget = 0x1.bf9f1735c0001p+2;
	sp.max_models = 3;
	sp.memory_limit = 8;
	sp.rate = 0x1.6b4745006e5e4p+6;
	regress(a, 5, &sp);
}

/*
 * Found by this test: at K = 1e9 lambda u / K is 1e-8 per inference, below
 * GLPK's reduced-cost tolerance, so two models of equal accuracy tied for
 * GLPK and its LP "bound" sat 27 below the policy using the one cheaper to
 * load; the solver returned the other as optimal (deploy_lp.c, safe_bound).
 */
static void test_regress_lp_bound(void **state)
{
	(void)state;
	struct solve_params sp = solve_params_default();
	sp.time_limit = 30;
	const double a[][5] = {
		{0x1p-27, 0x1.2p+6, 0, 4, 0x1p-10}, {0x1.ap-27, 0x1.5p+6, 1, 3, 0x1.4p-8},
		{0x1p-28, 0x1.5p+6, 4, 7, 0x1.8p-9}, {0x1p-28, 0x1.b8p+5, 0.5, 2, 0x1.6p-7},
		{0x1.6p-27, 0x1.4p+6, 1, 7, 0x1p-10}};
	sp.k = 1000000000;
	sp.lambda = 9;
	sp.budget = 0x1.ap-27;
	sp.max_models = 2;
	sp.memory_limit = 10;
	regress(a, 5, &sp);
}

/*
 * Found by this test: with no incumbent, GLPK's relative tol_obj (1e-10)
 * acted on the whole objective (7e10) and pruned the node holding the
 * optimum, 5 above the answer, at K = 1e9 with the budget row binding
 * (deploy_mip.c: the objective is shifted by the relaxation's value).
 */
static void test_regress_mip_tolerance(void **state)
{
	(void)state;
	struct solve_params sp = solve_params_default();
	sp.time_limit = 30;
	const double a[][5] = {
		{0x1.4p-18, 0x1.0cp+6, 1, 7, 0x1.4p-7}, {0x1.cp-18, 0x1.2p+6, 4, 3, 0x1.4p-8},
		{0x1.4p-17, 0x1.3p+6, 4, 4, 0x1.4p-8}, {0x1.8p-19, 0x1.ep+5, 1, 4, 0x1p-9},
		{0x1p-19, 0x1.a8p+5, 2, 2, 0x1.4p-8}};
	sp.k = 1000000000;
	sp.lambda = 0;
	sp.budget = 0x1.8p-18;
	sp.max_models = 3;
	sp.rate = 0x1.999999999999ap+4;
	sp.duty_cycle = 0x1p-3;
	regress(a, 5, &sp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_regress_scaled_nofeas),
		cmocka_unit_test(test_regress_time_noise),
		cmocka_unit_test(test_regress_resource_noise),
		cmocka_unit_test(test_regress_lp_bound),
		cmocka_unit_test(test_regress_mip_tolerance),
		cmocka_unit_test(test_small_k),
		cmocka_unit_test(test_large_k),
		cmocka_unit_test(test_cli),
	};
	return cmocka_run_group_tests_name("solve_adversarial", tests, NULL, NULL);
}
