/*
 * test_solve_warm.c - the support search with its hull bounds and the
 * support it remembers between solves (support_bound.c, support_search.c):
 * one solver walks a sweep of budgets (or floors) up and steps back down,
 * as the planner does, and every answer must be optimal by the independent
 * reference (adversarial_ref.h) and equal, objective and outcome, to a cold
 * solve on a fresh solver.  Instances are the search's own regime: no
 * device limit and no time row, loading charges from 0.1 K to 5 K (some
 * far above the accuracies, where the solver keeps them apart from GLPK),
 * K from 1 to 1e9, both modes, ties in cost and accuracy.
 * ADV_SEED and ADV_SCALE replay other seeds and longer runs, as in
 * test_solve_adversarial.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "adversarial_ref.h"
#include "test_support.h"

#define LEVELS 12

struct inst {
	struct pool pool;
	struct model md[AR_MAX];
	char names[AR_MAX][4];
	struct solve_params sp;
};

struct tally {
	long solved, optimal, infeasible, incomplete;
};

static const long long KS[] = {1, 3, 12, 100, 101, 1000, 10000, 65536, 1000000, 999999937,
			       1000000000};

static void random_inst(struct inst *in, struct ts_rng *r)
{
	memset(in, 0, sizeof *in);
	size_t n = 2 + ts_rand_below(r, 5);  /* 2..6 */
	bool dyadic = ts_rand_below(r, 3) != 0;
	static const double loads[] = {0, 0.5, 1, 1, 1, 2, 4};
	for (size_t i = 0; i < n; i++) {
		struct model *md = &in->md[i];
		in->names[i][0] = 'm';
		in->names[i][1] = (char)('0' + i);
		md->name = in->names[i];
		md->cost = dyadic ? ldexp((double)(1 + ts_rand_below(r, 16)), -2)
				  : exp(ts_rand_range(r, -1, 4.6));
		md->accuracy = dyadic ? (double)(50 + ts_rand_below(r, 40))
				      : 45 + 6 * log(md->cost) + ts_rand_range(r, -2.5, 2.5);
		if (i > 0 && ts_rand_below(r, 6) == 0)
			md->accuracy = in->md[i - 1].accuracy;
		md->load_cost = loads[ts_rand_below(r, 7)];
		md->memory = 1;
		md->latency = 1;
	}
	if (ts_rand_below(r, 5) == 0)  /* accuracies of 0.05..0.09: loading charges kept apart */
		for (size_t i = 0; i < n; i++)
			in->md[i].accuracy = ldexp(in->md[i].accuracy, -10);
	in->pool.models = in->md;
	in->pool.n = n;
	in->pool.cost_scale = 1;
	struct solve_params *sp = &in->sp;
	*sp = solve_params_default();
	sp->time_limit = 30;
	sp->mode = ts_rand_below(r, 3) ? SOLVE_MAX_ACCURACY : SOLVE_MIN_COST;
	sp->k = KS[ts_rand_below(r, sizeof KS / sizeof *KS)];
	static const double lambdas[] = {0.1, 1, 5, 5, 2.5};
	sp->lambda = ts_rand_below(r, 6) == 0 ? floor(ts_rand_unit(r) * 5 * (double)sp->k)
					       : lambdas[ts_rand_below(r, 5)] * (double)sp->k;
}

/* Budget (or floor) of level j of LEVELS over the pool's range, a little beyond both ends. */
static void set_level(struct inst *in, size_t j)
{
	double lo = INFINITY, hi = -INFINITY, plo = INFINITY, phi = -INFINITY;
	for (size_t i = 0; i < in->pool.n; i++) {
		lo = fmin(lo, in->md[i].cost);
		hi = fmax(hi, in->md[i].cost);
		plo = fmin(plo, in->md[i].accuracy);
		phi = fmax(phi, in->md[i].accuracy);
	}
	double t = ((double)j - 0.5) / (LEVELS - 2);
	in->sp.budget = lo + (hi - lo) * t;
	in->sp.min_accuracy = plo + (phi - plo) * t;
	if (j == 1) {  /* exactly the cheapest cost, the lowest accuracy */
		in->sp.budget = lo;
		in->sp.min_accuracy = plo;
	}
}

static void print_inst(const struct inst *in, enum solve_search way)
{
	const struct solve_params *sp = &in->sp;
	print_message("   search %d mode %s K %lld lambda %a budget %a floor %a rate %a duty %a\n",
		      (int)way, sp->mode == SOLVE_MAX_ACCURACY ? "max-accuracy" : "min-cost", sp->k,
		      sp->lambda, sp->budget, sp->min_accuracy, sp->rate, sp->duty_cycle);
	for (size_t i = 0; i < in->pool.n; i++)
		print_message("   %s cost %a acc %a load %a latency %a\n", in->md[i].name,
			      in->md[i].cost, in->md[i].accuracy, in->md[i].load_cost,
			      in->md[i].latency);
}

/* One warm answer: optimal by the reference, and the cold solve's. */
static void judge(struct tally *t, const struct inst *in, enum solve_search way,
		  const struct policy *warm)
{
	struct solver *cold_s = solver_new(&in->pool, NULL);
	assert_non_null(cold_s);
	solver_set_search(cold_s, way);
	struct policy cold;
	assert_int_equal(policy_init(&cold, in->pool.n, NULL), ST_OK);
	assert_int_equal(solver_run(cold_s, &in->sp, &cold, NULL), ST_OK);
	struct ar_problem ref;
	long double cost[AR_MAX];
	for (size_t i = 0; i < in->pool.n; i++)
		cost[i] = in->md[i].cost;
	ar_build(&ref, &in->pool, &in->sp, cost, (long double)in->sp.budget * (long double)in->sp.k);
	struct ar_result res;
	t->solved++;
	if (warm->outcome != cold.outcome || (warm->outcome != SOLVE_OPTIMAL &&
					      warm->outcome != SOLVE_INFEASIBLE)) {
		print_inst(in, way);
		fail_msg("warm outcome %s, cold %s", solve_outcome_name(warm->outcome),
			 solve_outcome_name(cold.outcome));
	}
	if (warm->outcome == SOLVE_INFEASIBLE) {
		t->infeasible++;
		ar_search(&ref, ref.primal ? -INFINITY : INFINITY, 0, &res);
		t->incomplete += res.incomplete;
		assert_false(res.any_feasible || res.witness);
	} else {
		t->optimal++;
		assert_true(ar_feasible(&ref, warm->count, true));
		long double obj = ar_objective(&ref, warm->count);
		long double eps = 2e-13L * ar_scale(&ref);
		ar_search(&ref, obj, eps, &res);
		t->incomplete += res.incomplete;
		if (res.witness || fabsl(obj - ar_objective(&ref, cold.count)) > eps) {
			print_inst(in, way);
			fail_msg("warm %.17Lg, cold %.17Lg, witness %d %.17Lg", obj,
				 ar_objective(&ref, cold.count), res.witness, res.value);
		}
	}
	policy_free(&cold);
	solver_free(cold_s);
}

static uint32_t seed_for(uint32_t base)
{
	return ts_env_seed("ADV_SEED", base);
}

static int scaled(int count)
{
	return ts_env_scaled("ADV_SCALE", count);
}

/* A sweep up, then one-level steps down and up again, all on one solver. */
static void test_warm_sweeps(void **state)
{
	(void)state;
	struct ts_rng r = {seed_for(0x3a1e7001u)};
	struct tally t = {0};
	static const size_t walk[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 10, 11, 6, 7, 6,
				      2, 1, 2};
	for (int c = 0, runs = scaled(100); c < runs; c++) {
		struct inst in;
		random_inst(&in, &r);
		enum solve_search way = ts_rand_below(&r, 3) ? SOLVE_SEARCH_SUPPORTS : SOLVE_SEARCH_AUTO;
		if (ts_rand_below(&r, 8) == 0)
			way = SOLVE_SEARCH_SUPPORTS_SPLIT;
		struct solver *s = solver_new(&in.pool, NULL);
		assert_non_null(s);
		solver_set_search(s, way);
		struct policy pol;
		assert_int_equal(policy_init(&pol, in.pool.n, NULL), ST_OK);
		for (size_t w = 0; w < sizeof walk / sizeof *walk; w++) {
			set_level(&in, walk[w]);
			assert_int_equal(solver_run(s, &in.sp, &pol, NULL), ST_OK);
			judge(&t, &in, way, &pol);
		}
		policy_free(&pol);
		solver_free(s);
	}
	print_message("%ld solved warm, %ld optimal, %ld infeasible, %ld with a capped reference\n",
		      t.solved, t.optimal, t.infeasible, t.incomplete);
	assert_true(t.optimal > t.solved / 2);
	assert_true(t.incomplete <= t.solved / 2);
}

/*
 * One solver through changing rates, duty cycles and K (the time row's
 * scales and bound are kept per parameters in deploy_lp): every answer
 * optimal and the cold solve's.
 */
static void test_warm_rates(void **state)
{
	(void)state;
	struct ts_rng r = {seed_for(0x3a1e7002u)};
	struct tally t = {0};
	static const long long ks[] = {7, 100, 1000000000};
	for (int c = 0, runs = scaled(40); c < runs; c++) {
		struct inst in;
		random_inst(&in, &r);
		double tmin = INFINITY, tmax = 0;
		for (size_t i = 0; i < in.pool.n; i++) {
			in.md[i].latency = ldexp((double)(1 + ts_rand_below(&r, 12)), -10);
			tmin = fmin(tmin, in.md[i].latency);
			tmax = fmax(tmax, in.md[i].latency);
		}
		in.pool.has_latency = true;
		struct solver *s = solver_new(&in.pool, NULL);
		assert_non_null(s);
		struct policy pol;
		assert_int_equal(policy_init(&pol, in.pool.n, NULL), ST_OK);
		for (int w = 0; w < 12; w++) {
			in.sp.k = ks[ts_rand_below(&r, 3)];
			in.sp.lambda = 0.1 * (double)in.sp.k * (double)ts_rand_below(&r, 3);
			double tau = tmin + (tmax - tmin) * ts_rand_unit(&r);
			in.sp.duty_cycle = ts_rand_below(&r, 2) ? 1 : 0.5;
			in.sp.rate = ts_rand_below(&r, 4) ? in.sp.duty_cycle / tau : 0;
			set_level(&in, 2 + ts_rand_below(&r, LEVELS - 3));
			assert_int_equal(solver_run(s, &in.sp, &pol, NULL), ST_OK);
			judge(&t, &in, SOLVE_SEARCH_AUTO, &pol);
		}
		policy_free(&pol);
		solver_free(s);
	}
	print_message("%ld solved warm with rates, %ld optimal, %ld infeasible, %ld with a capped "
		      "reference\n", t.solved, t.optimal, t.infeasible, t.incomplete);
	assert_true(t.optimal > t.solved / 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_warm_sweeps),
		cmocka_unit_test(test_warm_rates),
	};
	return cmocka_run_group_tests_name("solve_warm", tests, NULL, NULL);
}
