/*
 * test_solve_limits.c - device limits (at most N models used, their memory
 * at most M): against the brute force on random small instances in both
 * modes and every search strategy, against the proven analytic bound at
 * K = 1e6 and 1e9, in sweeps, and the clear refusals (infeasible, no memory
 * column, the LP relaxation).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/core/sweep.h"
#include "test_support.h"
#include "solve_check.h"

/* Random memory footprints 1..12 (integral pools) or 0.5..12. */
static void add_memory(struct ts_pool *tp, struct ts_rng *r, bool integral)
{
	for (size_t i = 0; i < tp->pool.n; i++)
		tp->models[i].memory = integral ? (double)(1 + ts_rand_below(r, 12))
						: ts_rand_range(r, 0.5, 12);
	tp->pool.has_memory = true;
}

static void random_limits(struct solve_params *sp, struct ts_rng *r, size_t n)
{
	sp->max_models = ts_rand_below(r, 4);                  /* 0: none */
	sp->memory_limit = ts_rand_below(r, 3) == 0 ? INFINITY
		: ts_rand_range(r, 1, 6.0 * (double)n);
}

static void test_brute_force_limits(void **state)
{
	(void)state;
	struct ts_rng rng = {0x11a1u};
	int checked = 0, limited = 0;
	for (int t = 0; t < 300; t++) {
		struct ts_pool tp;
		size_t n = 1 + ts_rand_below(&rng, 6);
		ts_random_pool(&tp, &rng, n, t % 3 == 0);
		add_memory(&tp, &rng, t % 2 == 0);
		struct solver *s = solver_new(&tp.pool, NULL);
		assert_non_null(s);
		struct policy pol;
		policy_init(&pol, n, NULL);
		struct solve_params sp = solve_params_default();
		sp.k = 1 + (long long)ts_rand_below(&rng, 10);
		sp.lambda = t % 2 == 0 ? 0.0 : ts_rand_unit(&rng) * 2.0 * (double)sp.k;
		sp.budget = ts_rand_range(&rng, 0.8 * ts_min_cost(&tp.pool),
					  1.05 * pool_max_cost(&tp.pool));
		random_limits(&sp, &rng, n);
		limited += sp.max_models > 0 || isfinite(sp.memory_limit);
		double floor = ts_rand_range(&rng, 50, 101);
		enum solve_search ways[] = {SOLVE_SEARCH_GLPK, SOLVE_SEARCH_SUPPORTS,
					    SOLVE_SEARCH_SUPPORTS_SPLIT, SOLVE_SEARCH_FEW};
		checked += check_ways_against_brute(&tp.pool, s, sp, floor, ways, 4, &pol);
		policy_free(&pol);
		solver_free(s);
	}
	assert_true(checked == 2400);
	assert_true(limited >= 150);
}

static void test_large_k_limits(void **state)
{
	(void)state;
	struct ts_rng rng = {0x11a2u};
	for (int t = 0; t < 60; t++) {
		struct ts_pool tp;
		size_t n = 2 + ts_rand_below(&rng, 7);
		ts_random_pool(&tp, &rng, n, t % 3 == 0);
		add_memory(&tp, &rng, t % 2 == 0);
		struct solve_params sp = solve_params_default();
		sp.k = t % 2 ? 1000000 : 1000000000;
		sp.lambda = t % 4 < 2 ? 0.1 * (double)sp.k : 0;
		random_limits(&sp, &rng, n);
		/* a budget some allowed support can meet */
		double cheapest = INFINITY;
		for (size_t i = 0; i < n; i++)
			if (tp.models[i].memory <= sp.memory_limit)
				cheapest = fmin(cheapest, tp.models[i].cost);
		if (!isfinite(cheapest))
			continue;
		sp.budget = ts_rand_range(&rng, cheapest, pool_max_cost(&tp.pool));
		check_large_k_params(&tp.pool, &sp);
	}
}

/* The bundled ImageNet pool with footprints by hand: limits change the answer. */
static void test_imagenet_limits(void **state)
{
	(void)state;
	struct pool pool;
	assert_int_equal(pool_load_file(&pool, "data/imagenet_paper.csv", NULL), ST_OK);
	for (size_t i = 0; i < pool.n; i++)
		pool.models[i].memory = 5 + 10 * (double)i;  /* 5, 15, ..., 85 */
	pool.has_memory = true;
	double lo = pool.models[pool_cheapest(&pool)].cost, hi = pool_max_cost(&pool);
	for (int j = 0; j <= 10; j++) {
		struct solve_params sp = solve_params_default();
		sp.budget = lo + (hi - lo) * j / 10;
		for (int c = 0; c < 4; c++) {
			sp.max_models = c == 0 ? 1 : c == 1 ? 2 : 0;
			sp.memory_limit = c >= 2 ? (c == 2 ? 60 : 100) : INFINITY;
			sp.k = 1000000;
			sp.lambda = 0.1 * (double)sp.k;
			check_large_k_params(&pool, &sp);
			sp.k = 1000000000;
			sp.lambda = 0;
			check_large_k_params(&pool, &sp);
		}
	}
	pool_free(&pool);
}

static void test_refusals(void **state)
{
	(void)state;
	struct model md[3] = {
		{(char *)"small", 10, 60, 1, 4, 0}, {(char *)"mid", 30, 70, 1, 8, 0},
		{(char *)"big", 60, 80, 1, 16, 0},
	};
	struct pool pool = {.models = md, .n = 3, .source = (char *)"dev.csv", .cost_scale = 1,
			    .has_memory = true};
	struct solver *s = solver_new(&pool, NULL);
	struct policy pol;
	policy_init(&pol, 3, NULL);
	struct solve_params sp = solve_params_default();
	struct status_msg m;

	/* nothing fits */
	sp.budget = 50;
	sp.memory_limit = 3;
	assert_infeasible_saying(s, &sp, &pol, "no model fits the memory limit 3",
				 "smallest needs 4");

	/* only 'big' is excluded: the budget still needs a fitting model */
	sp.memory_limit = 12;
	sp.budget = 5;
	assert_int_equal(solver_run(s, &sp, &pol, &m), ST_OK);
	assert_int_equal(pol.outcome, SOLVE_INFEASIBLE);
	assert_true(pol.nearest == 10);
	sp.mode = SOLVE_MIN_COST;
	sp.min_accuracy = 75;  /* only 'big' reaches it, and it does not fit */
	assert_infeasible_saying(s, &sp, &pol, "within the memory limit", NULL);
	assert_true(pol.nearest == 70);

	/* one model at most: no mixing, the best single affordable model */
	sp.mode = SOLVE_MAX_ACCURACY;
	sp.memory_limit = INFINITY;
	sp.max_models = 1;
	sp.budget = 45;
	sp.lambda = 0;
	assert_int_equal(solver_run(s, &sp, &pol, &m), ST_OK);
	assert_int_equal(pol.outcome, SOLVE_OPTIMAL);
	assert_int_equal(pol.count[1], sp.k);

	/* the LP relaxation refuses limits */
	sp.method = SOLVE_RELAXED;
	assert_int_equal(solver_run(s, &sp, &pol, &m), ST_USAGE);
	assert_non_null(strstr(m.text, "device limits"));
	sp.method = SOLVE_EXACT;
	sp.max_models = 0;
	sp.memory_limit = NAN;
	assert_int_equal(solve_params_check(&sp, &m), ST_USAGE);

	/* a memory limit on a pool without footprints */
	pool.has_memory = false;
	struct solver *s2 = solver_new(&pool, NULL);
	sp.memory_limit = 20;
	assert_int_equal(solver_run(s2, &sp, &pol, &m), ST_DATA);
	assert_non_null(strstr(m.text, "dev.csv"));
	assert_non_null(strstr(m.text, "no memory column"));
	sp.memory_limit = -1;  /* negative: no limit */
	assert_int_equal(solver_run(s2, &sp, &pol, &m), ST_OK);
	assert_int_equal(pol.outcome, SOLVE_OPTIMAL);
	solver_free(s2);
	policy_free(&pol);
	solver_free(s);
}

/* Every level of a sweep meets the limits and is optimal; the objective never falls. */
static void test_sweep_limits(void **state)
{
	(void)state;
	struct pool pool;
	assert_int_equal(pool_load_file(&pool, "data/uci_har.csv", NULL), ST_OK);
	for (size_t i = 0; i < pool.n; i++)
		pool.models[i].memory = (double)(1 + i);
	pool.has_memory = true;
	struct solver *s = solver_new(&pool, NULL);
	struct solve_params sp = solve_params_default();
	sp.k = 1000000000;
	sp.max_models = 2;
	sp.memory_limit = 6;
	struct sweep sw;
	assert_int_equal(sweep_init(&sw, &pool, &sp, NAN, NAN, 41, NULL), ST_OK);
	assert_int_equal(sweep_run(&sw, s, NULL), ST_OK);
	for (size_t j = 0; j < sw.n_levels; j++) {
		const struct policy *p = &sw.levels[j].policy;
		assert_int_equal(p->outcome, SOLVE_OPTIMAL);
		assert_true(p->models_used <= 2);
		assert_policy_consistent(&pool, p);
		if (j > 0)
			assert_true(p->objective >= sw.levels[j - 1].policy.objective -
				    1e-12 * fabs(p->objective));
	}
	sweep_free(&sw);
	solver_free(s);
	pool_free(&pool);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_brute_force_limits),
		cmocka_unit_test(test_large_k_limits),
		cmocka_unit_test(test_imagenet_limits),
		cmocka_unit_test(test_sweep_limits),
	};
	return cmocka_run_group_tests_name("solve_limits", tests, NULL, NULL);
}
