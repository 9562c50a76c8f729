/*
 * test_solve.c - the solver against independent references: an exhaustive
 * brute force on random small instances, analytic bounds at K = 1e6 and
 * 1e9, the LP relaxation against a concave hull computed here, the dual,
 * the paper's Theorem 3.2 bound, dominance pruning, and the UCI-HAR pool.
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
#include "test_support.h"
#include "solve_check.h"

/* 400 random instances, each in both modes and four search strategies:
 * n <= 6, K <= 12, lambda 0 and > 0, random load costs. */
static void test_brute_force_random(void **state)
{
	(void)state;
	struct ts_rng rng = {0x5eed1234u};
	int checked = 0;
	for (int t = 0; t < 400; t++) {
		struct ts_pool tp;
		size_t n = 1 + ts_rand_below(&rng, 6);
		ts_random_pool(&tp, &rng, n, t % 3 == 0 /* integer costs give exact ties */);
		struct solver *s = solver_new(&tp.pool, NULL);
		assert_non_null(s);
		struct policy pol;
		assert_int_equal(policy_init(&pol, n, NULL), ST_OK);

		struct solve_params sp = solve_params_default();
		sp.k = 1 + (long long)ts_rand_below(&rng, 12);
		sp.lambda = t % 2 == 0 ? 0.0 : ts_rand_unit(&rng) * 0.2 * (double)sp.k * 10;
		sp.budget = ts_rand_range(&rng, 0.8 * ts_min_cost(&tp.pool),
					  1.05 * pool_max_cost(&tp.pool));
		double floor = ts_rand_range(&rng, 50, 101);
		/* both ways of deciding the support, GLPK's branching and ours, and
		 * both ways of solving one support: the box around the LP vertex
		 * (deploy_near) and the split-count program (deploy_mip) */
		enum solve_search ways[] = {SOLVE_SEARCH_GLPK, SOLVE_SEARCH_SUPPORTS,
					    SOLVE_SEARCH_SUPPORTS_SPLIT, SOLVE_SEARCH_FEW};
		checked += check_ways_against_brute(&tp.pool, s, sp, floor, ways, 4, &pol);

		policy_free(&pol);
		solver_free(s);
		ts_pool_free(&tp);
	}
	assert_true(checked >= 3200);
}

/*
 * Small K, where loading a model can cost more than the LP charges for it
 * (issue 15): lambda from 0.1 K to 5 K, up to 8 models, K <= 14, both
 * modes, the default strategy (deploy_few below K = 100), deploy_few forced
 * and GLPK's branch and bound over every model.
 */
static void test_brute_force_small_k_lambda(void **state)
{
	(void)state;
	struct ts_rng rng = {0x15f3e9u};
	int checked = 0;
	for (int t = 0; t < 300; t++) {
		struct ts_pool tp;
		size_t n = 2 + ts_rand_below(&rng, 7);
		ts_random_pool(&tp, &rng, n, t % 3 == 0);
		if (t % 4 == 1)  /* every model loads alike, as the benchmark's pools */
			for (size_t i = 0; i < n; i++)
				tp.models[i].load_cost = 1;
		struct solver *s = solver_new(&tp.pool, NULL);
		assert_non_null(s);
		struct policy pol;
		assert_int_equal(policy_init(&pol, n, NULL), ST_OK);
		struct solve_params sp = solve_params_default();
		sp.k = 1 + (long long)ts_rand_below(&rng, 14);
		sp.lambda = ts_rand_range(&rng, 0.1, 5.0) * (double)sp.k;
		sp.budget = ts_rand_range(&rng, 0.9 * ts_min_cost(&tp.pool),
					  1.02 * pool_max_cost(&tp.pool));
		double floor = ts_rand_range(&rng, 45, 100);
		enum solve_search ways[] = {SOLVE_SEARCH_AUTO, SOLVE_SEARCH_FEW, SOLVE_SEARCH_GLPK};
		checked += check_ways_against_brute(&tp.pool, s, sp, floor, ways, 3, &pol);
		policy_free(&pol);
		solver_free(s);
		ts_pool_free(&tp);
	}
	assert_true(checked == 1800);
}

/*
 * K = 100 .. 300 with lambda from 0.3 K to 6 K, on both sides of the line
 * above which the default also takes deploy_few (lambda >= K^2 / 500, see
 * solve.c): three models at most so the brute force stays small.
 */
static void test_brute_force_heavy_lambda(void **state)
{
	(void)state;
	struct ts_rng rng = {0x15f3eau};
	int checked = 0;
	for (int t = 0; t < 40; t++) {
		struct ts_pool tp;
		size_t n = 2 + ts_rand_below(&rng, 2);
		ts_random_pool(&tp, &rng, n, t % 2 == 0);
		struct solver *s = solver_new(&tp.pool, NULL);
		assert_non_null(s);
		struct policy pol;
		assert_int_equal(policy_init(&pol, n, NULL), ST_OK);
		struct solve_params sp = solve_params_default();
		sp.k = 100 + (long long)ts_rand_below(&rng, 201);
		sp.lambda = ts_rand_range(&rng, 0.3, 6.0) * (double)sp.k;
		sp.budget = ts_rand_range(&rng, ts_min_cost(&tp.pool), pool_max_cost(&tp.pool));
		double floor = ts_rand_range(&rng, 45, 100);
		enum solve_search ways[] = {SOLVE_SEARCH_AUTO, SOLVE_SEARCH_FEW, SOLVE_SEARCH_SUPPORTS};
		checked += check_ways_against_brute(&tp.pool, s, sp, floor, ways, 3, &pol);
		policy_free(&pol);
		solver_free(s);
		ts_pool_free(&tp);
	}
	assert_true(checked == 240);
}

/* The same instances with pruning off must give the same objectives. */
static void test_pruning_is_exact(void **state)
{
	(void)state;
	struct ts_rng rng = {0xabcdef01u};
	for (int t = 0; t < 300; t++) {
		struct ts_pool tp;
		size_t n = 2 + ts_rand_below(&rng, 8);
		ts_random_pool(&tp, &rng, n, t % 2 == 0);
		struct solver *pruned = solver_new(&tp.pool, NULL);
		struct solver *full = solver_new(&tp.pool, NULL);
		solver_set_pruning(full, false);
		assert_int_equal(solver_models_kept(full), n);
		struct policy a, b;
		policy_init(&a, n, NULL);
		policy_init(&b, n, NULL);
		struct solve_params sp = solve_params_default();
		sp.k = t % 3 == 0 ? 1000000 : 1 + (long long)ts_rand_below(&rng, 2000);
		sp.lambda = t % 2 ? 0.1 * (double)sp.k : 0.0;
		sp.budget = ts_rand_range(&rng, ts_min_cost(&tp.pool), pool_max_cost(&tp.pool));
		assert_int_equal(solver_run(pruned, &sp, &a, NULL), ST_OK);
		assert_int_equal(solver_run(full, &sp, &b, NULL), ST_OK);
		assert_int_equal(a.outcome, SOLVE_OPTIMAL);
		assert_int_equal(b.outcome, SOLVE_OPTIMAL);
		assert_true(fabs(a.objective - b.objective) <= 1e-9 * (1 + fabs(b.objective)));
		policy_free(&a);
		policy_free(&b);
		solver_free(pruned);
		solver_free(full);
		ts_pool_free(&tp);
	}
}

static void check_large_k(const struct pool *pool, long long k, double budget)
{
	struct solve_params sp = solve_params_default();
	sp.k = k;
	sp.lambda = 0.1 * (double)k;
	sp.budget = budget;
	check_large_k_params(pool, &sp);
}

static void test_large_k_bundled(void **state)
{
	(void)state;
	const char *files[] = {"data/uci_har.csv", "data/imagenet_paper.csv"};
	for (size_t f = 0; f < 2; f++) {
		struct pool pool;
		assert_int_equal(pool_load_file(&pool, files[f], NULL), ST_OK);
		double lo = ts_min_cost(&pool), hi = pool_max_cost(&pool);
		for (int level = 0; level <= 20; level++) {
			double b = lo + (hi - lo) * level / 20.0;
			check_large_k(&pool, 1000000, b);
			check_large_k(&pool, 1000000000, b);
		}
		pool_free(&pool);
	}
}

static void test_large_k_random(void **state)
{
	(void)state;
	struct ts_rng rng = {0x1e9u};
	for (int t = 0; t < 60; t++) {
		struct ts_pool tp;
		ts_random_pool(&tp, &rng, 1 + ts_rand_below(&rng, 8), t % 4 == 0);
		double b = ts_rand_range(&rng, ts_min_cost(&tp.pool), pool_max_cost(&tp.pool));
		check_large_k(&tp.pool, t % 2 ? 1000000 : 1000000000, b);
		ts_pool_free(&tp);
	}
}

/* Found by wider random runs: one model left after pruning, at K = 1e9. */
static void test_single_kept_model(void **state)
{
	(void)state;
	struct model md[2] = {
		{(char *)"m0", 54.243620914639905, 65.050186522770673, 0.93942121881991625, 0, 0},
		{(char *)"m1", 46.575585901737213, 65.492724016308784, 0.84153111884370446, 0, 0},
	};
	struct pool pool = {.models = md, .n = 2, .cost_scale = 1};
	check_large_k(&pool, 1000000000, 53.246717147213722);
	check_large_k(&pool, 1000000000, 46.575585901737213);
	check_large_k(&pool, 1, 60);
	struct pool one = {.models = md + 1, .n = 1, .cost_scale = 1};
	check_large_k(&one, 1000000000, 50);
	check_large_k(&one, 999999999, 46.575585901737213);
}

/* Found by the benchmark harness against HiGHS in an earlier solver. */
static void test_benchmark_regressions(void **state)
{
	(void)state;
	struct model three[3] = {
		{(char *)"m0046", 0.111, 46.06, 1, 0, 0}, {(char *)"m0072", 38.59, 84.00, 1, 0, 0},
		{(char *)"m0082", 10.96, 78.37, 1, 0, 0},
	};
	struct pool p3 = {.models = three, .n = 3, .cost_scale = 1};
	check_large_k(&p3, 1000000000, 25.78325);
	struct model eight[8] = {
		{(char *)"m0049", 0.1439, 43.09, 1, 0, 0}, {(char *)"m0051", 1.958, 63.05, 1, 0, 0},
		{(char *)"m0055", 100.0, 93.82, 1, 0, 0}, {(char *)"m0067", 3.022, 64.20, 1, 0, 0},
		{(char *)"m0068", 1.11, 62.35, 1, 0, 0}, {(char *)"m0071", 0.1713, 48.35, 1, 0, 0},
		{(char *)"m0072", 38.59, 84.00, 1, 0, 0}, {(char *)"m0084", 76.38, 87.40, 1, 0, 0},
	};
	struct pool p8 = {.models = eight, .n = 8, .cost_scale = 1};
	check_large_k(&p8, 1000000000, 51.4555);
}

/* ---- LP relaxation, Theorem 3.2, dual ---------------------------------- */

/* Upper concave hull value at b, computed independently: best pair mix. */
static double hull_value(const struct pool *p, double b)
{
	return support_lp_value(p, (1u << p->n) - 1, b, 1);
}

static void test_relaxation_matches_hull(void **state)
{
	(void)state;
	struct ts_rng rng = {0x4011u};
	for (int t = 0; t < 200; t++) {
		struct ts_pool tp;
		size_t n = 1 + ts_rand_below(&rng, 8);
		ts_random_pool(&tp, &rng, n, false);
		struct solver *s = solver_new(&tp.pool, NULL);
		struct policy pol;
		policy_init(&pol, n, NULL);
		struct solve_params sp = solve_params_default();
		sp.method = SOLVE_RELAXED;
		sp.lambda = 0;
		sp.k = 1 + (long long)ts_rand_below(&rng, 100000);
		sp.budget = ts_rand_range(&rng, ts_min_cost(&tp.pool), pool_max_cost(&tp.pool) * 1.1);
		assert_int_equal(solver_run(s, &sp, &pol, NULL), ST_OK);
		assert_int_equal(pol.outcome, SOLVE_ROUNDED);
		assert_policy_consistent(&tp.pool, &pol);
		double hull = hull_value(&tp.pool, sp.budget);
		assert_true(fabs(pol.lp_bound / (double)sp.k - hull) <= 1e-9 * (1 + fabs(hull)));
		/* Theorem 3.2: the rounded policy is within the bound of the exact one */
		assert_false(isnan(pol.exact_accuracy));
		assert_true(pol.exact_accuracy >= pol.expected_accuracy - 1e-9);
		if (pol.exact_accuracy - pol.expected_accuracy > pol.theorem_bound + 1e-9) {
			ts_print_pool(&tp.pool);
			for (size_t i = 0; i < n; i++)
				fprintf(stderr, " x%zu=%lld", i, pol.count[i]);
			fail_msg("K %lld budget %.17g: exact %.17g rounded %.17g bound %.17g", sp.k,
				 sp.budget, pol.exact_accuracy, pol.expected_accuracy, pol.theorem_bound);
		}
		/* and the exact optimum never beats the LP bound */
		assert_true(pol.exact_objective <= pol.lp_bound + 1e-9 * fabs(pol.lp_bound));
		policy_free(&pol);
		solver_free(s);
		ts_pool_free(&tp);
	}
}

static void test_dual_and_infeasible(void **state)
{
	(void)state;
	struct pool pool;
	assert_int_equal(pool_load_file(&pool, "data/uci_har.csv", NULL), ST_OK);
	struct solver *s = solver_new(&pool, NULL);
	struct policy pol;
	policy_init(&pol, pool.n, NULL);
	struct solve_params sp = solve_params_default();
	sp.lambda = 0;

	sp.budget = 50;
	assert_int_equal(solver_run(s, &sp, &pol, NULL), ST_OK);
	assert_int_equal(pol.outcome, SOLVE_INFEASIBLE);
	assert_true(pol.nearest == 59.01);
	assert_non_null(strstr(pol.message, "59.01"));

	sp.mode = SOLVE_MIN_COST;
	sp.min_accuracy = 97;
	assert_int_equal(solver_run(s, &sp, &pol, NULL), ST_OK);
	assert_int_equal(pol.outcome, SOLVE_INFEASIBLE);
	assert_true(pol.nearest == 96.33);
	assert_non_null(strstr(pol.message, "96.33"));

	/* the cheapest way to 96.33 is SVM alone */
	sp.min_accuracy = 96.33;
	assert_int_equal(solver_run(s, &sp, &pol, NULL), ST_OK);
	assert_int_equal(pol.outcome, SOLVE_OPTIMAL);
	assert_int_equal(pol.count[4], 1000);

	/* duality: the cheapest policy reaching the primal optimum's accuracy
	 * costs no more than that primal policy */
	for (double b = 60; b <= 100; b += 2.5) {
		sp.mode = SOLVE_MAX_ACCURACY;
		sp.budget = b;
		assert_int_equal(solver_run(s, &sp, &pol, NULL), ST_OK);
		double acc = pol.expected_accuracy, cost = pol.expected_cost;
		sp.mode = SOLVE_MIN_COST;
		sp.min_accuracy = acc;
		assert_int_equal(solver_run(s, &sp, &pol, NULL), ST_OK);
		assert_int_equal(pol.outcome, SOLVE_OPTIMAL);
		assert_true(pol.expected_cost <= cost + 1e-12);
		assert_true(pol.expected_accuracy >= acc - 1e-12);
	}
	policy_free(&pol);
	solver_free(s);
	pool_free(&pool);
}

static void test_bad_parameters(void **state)
{
	(void)state;
	struct solve_params sp = solve_params_default();
	struct status_msg m;
	sp.budget = 80;
	sp.k = 0;
	assert_int_equal(solve_params_check(&sp, &m), ST_USAGE);
	assert_non_null(strstr(m.text, "K"));
	sp.k = SOLVE_K_MAX + 1;
	assert_int_equal(solve_params_check(&sp, &m), ST_USAGE);
	sp.k = 10;
	sp.lambda = -1;
	assert_int_equal(solve_params_check(&sp, &m), ST_USAGE);
	sp.lambda = NAN;
	assert_int_equal(solve_params_check(&sp, &m), ST_USAGE);
	sp.lambda = 0;
	sp.budget = NAN;
	assert_int_equal(solve_params_check(&sp, &m), ST_USAGE);
	sp.budget = INFINITY;
	assert_int_equal(solve_params_check(&sp, &m), ST_USAGE);
	sp.budget = 80;
	assert_int_equal(solve_params_check(&sp, &m), ST_OK);
}

/* ---- the paper's UCI-HAR pool ------------------------------------------ */

static void test_uci_har_paper(void **state)
{
	(void)state;
	struct pool pool;
	assert_int_equal(pool_load_file(&pool, "data/uci_har.csv", NULL), ST_OK);
	struct solver *s = solver_new(&pool, NULL);
	struct policy pol;
	policy_init(&pol, pool.n, NULL);
	struct solve_params sp = solve_params_default();
	sp.k = 1000;

	for (int lambda_case = 0; lambda_case < 2; lambda_case++) {
		sp.lambda = lambda_case ? 100 : 0;
		sp.budget = 100;
		assert_int_equal(solver_run(s, &sp, &pol, NULL), ST_OK);
		assert_int_equal(pol.outcome, SOLVE_OPTIMAL);
		assert_int_equal(pol.count[4], 1000);  /* all SVM */
		assert_true(fabs(pol.expected_accuracy - 96.33) < 1e-12);
	}

	/* mixing beats every single model at equal cost where the hull says it can */
	sp.lambda = 0;
	int beaten = 0;
	for (size_t i = 0; i < pool.n; i++) {
		const struct model *md = &pool.models[i];
		double hull = hull_value(&pool, md->cost);
		sp.budget = md->cost;
		assert_int_equal(solver_run(s, &sp, &pol, NULL), ST_OK);
		assert_true(pol.expected_accuracy >= md->accuracy - 1e-12);
		if (hull > md->accuracy + 0.01) {
			assert_true(pol.expected_accuracy > md->accuracy);
			assert_true(pol.expected_accuracy >= hull - 1.0 * 37.0 / 1000);
			beaten++;
		}
	}
	assert_true(beaten >= 2);  /* gradient boosting and the pruned CNN lie below the hull */
	policy_free(&pol);
	solver_free(s);
	pool_free(&pool);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_parameters),
		cmocka_unit_test(test_brute_force_random),
		cmocka_unit_test(test_brute_force_small_k_lambda),
		cmocka_unit_test(test_brute_force_heavy_lambda),
		cmocka_unit_test(test_pruning_is_exact),
		cmocka_unit_test(test_relaxation_matches_hull),
		cmocka_unit_test(test_dual_and_infeasible),
		cmocka_unit_test(test_large_k_bundled),
		cmocka_unit_test(test_large_k_random),
		cmocka_unit_test(test_single_kept_model),
		cmocka_unit_test(test_benchmark_regressions),
		cmocka_unit_test(test_uci_har_paper),
	};
	return cmocka_run_group_tests_name("solve", tests, NULL, NULL);
}
