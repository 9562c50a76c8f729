/*
 * test_solve_scale.c - the answer does not depend on the cost unit: the
 * bundled pools with costs and budget multiplied by 1e-250 .. 1e250 give the
 * unscaled optimum at many budgets, both lambdas, small and large K, in both
 * modes; what no unit can serve is refused with a located data error.
 */
#include <float.h>
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
#include "solve_check.h"
#include "test_support.h"

static const double factors[] = {1e-250, 1e-8, 1e5, 1e8, 1e10, 1e250};

/* Solve and demand an optimal answer. */
static void solve_ok(struct solver *s, const struct solve_params *sp, struct policy *pol)
{
	struct status_msg m;
	assert_int_equal(solver_run(s, sp, pol, &m), ST_OK);
	if (pol->outcome != SOLVE_OPTIMAL)
		fail_msg("K %lld budget %.17g floor %.17g lambda %g: %s (%s)", sp->k, sp->budget,
			 sp->min_accuracy, sp->lambda, solve_outcome_name(pol->outcome),
			 pol->message);
}

static void check_scaled(const struct pool *pool, const struct solve_params *base)
{
	struct solver *ref = solver_new(pool, NULL);
	struct policy want, got;
	policy_init(&want, pool->n, NULL);
	policy_init(&got, pool->n, NULL);
	solve_ok(ref, base, &want);
	for (size_t f = 0; f < sizeof factors / sizeof *factors; f++) {
		struct pool scaled;
		assert_int_equal(pool_copy(&scaled, pool, NULL), ST_OK);
		for (size_t i = 0; i < scaled.n; i++)
			scaled.models[i].cost *= factors[f];
		struct status_msg m;
		struct solver *s = solver_new(&scaled, &m);
		if (s == NULL)
			fail_msg("factor %g: %s", factors[f], m.text);
		struct solve_params sp = *base;
		sp.budget = base->budget * factors[f];
		if (sp.mode == SOLVE_MIN_COST)
			sp.lambda = base->lambda * factors[f];  /* the dual charges lambda in cost units */
		solve_ok(s, &sp, &got);
		double w = want.objective, g = got.objective;
		if (sp.mode == SOLVE_MIN_COST)
			g /= factors[f];
		if (fabs(g - w) > 1e-9 * fabs(w))
			fail_msg("factor %g K %lld budget %.17g floor %g lambda %g: objective %.17g, "
				 "unscaled %.17g", factors[f], sp.k, base->budget, sp.min_accuracy,
				 base->lambda, g, w);
		/* the budget (or floor) holds in the caller's units */
		long double cost = 0;
		for (size_t i = 0; i < scaled.n; i++)
			cost += (long double)got.count[i] * scaled.models[i].cost;
		if (sp.mode == SOLVE_MAX_ACCURACY)
			assert_true(cost <= (long double)sp.budget * sp.k * (1 + 1e-13L));
		else
			assert_true(got.expected_accuracy >= sp.min_accuracy - 1e-12);
		solver_free(s);
		pool_free(&scaled);
	}
	policy_free(&want);
	policy_free(&got);
	solver_free(ref);
}

/* The example of issue 8: x1e5, budget 43e5, lambda 100 gives 76187.966. */
static void test_issue_example(void **state)
{
	(void)state;
	struct pool pool;
	assert_int_equal(pool_load_file(&pool, "data/imagenet_paper.csv", NULL), ST_OK);
	for (size_t i = 0; i < pool.n; i++)
		pool.models[i].cost *= 1e5;
	struct solver *s = solver_new(&pool, NULL);
	struct policy pol;
	policy_init(&pol, pool.n, NULL);
	struct solve_params sp = solve_params_default();
	sp.budget = 43e5;
	sp.lambda = 100;
	solve_ok(s, &sp, &pol);
	assert_true(fabs(pol.objective - 76187.966) < 1e-9);
	assert_int_equal(pol.models_used, 2);
	policy_free(&pol);
	solver_free(s);
	pool_free(&pool);
}

static void check_pool_file(const char *file, const long long *ks, size_t nk, int levels)
{
	struct pool pool;
	assert_int_equal(pool_load_file(&pool, file, NULL), ST_OK);
	double lo = pool.models[pool_cheapest(&pool)].cost, hi = pool_max_cost(&pool);
	double plo = pool.models[pool_cheapest(&pool)].accuracy;
	double phi = pool.models[pool_most_accurate(&pool)].accuracy;
	for (size_t ki = 0; ki < nk; ki++) {
		struct solve_params sp = solve_params_default();
		sp.k = ks[ki];
		const double lambdas[] = {0, 0.1 * (double)sp.k, 100};
		for (size_t li = 0; li < 3; li++) {
			sp.lambda = lambdas[li];
			for (int j = 0; j <= levels; j++) {
				sp.mode = SOLVE_MAX_ACCURACY;
				sp.budget = lo + (hi - lo) * j / levels;
				check_scaled(&pool, &sp);
				if (j % 4 == 1) {
					sp.mode = SOLVE_MIN_COST;
					sp.min_accuracy = plo + (phi - plo) * j / levels;
					check_scaled(&pool, &sp);
				}
			}
		}
	}
	pool_free(&pool);
}

static void test_bundled_pools_any_unit(void **state)
{
	(void)state;
	const long long ks[] = {1000, 1000000, 1000000000};
	check_pool_file("data/imagenet_paper.csv", ks, 3, 22);
	check_pool_file("data/uci_har.csv", ks, 3, 22);
}

static void test_small_k_any_unit(void **state)
{
	(void)state;
	const long long ks[] = {1, 7, 100};
	check_pool_file("data/imagenet_paper.csv", ks, 3, 9);
}

/* Costs spanning more than 12 decades: a data error naming the two models. */
/*
 * Charges that dwarf the accuracies (1e-10 beside lambda = 0.1 K and load
 * costs 0..2, "issue 14"): GLPK then sees only the accuracies and the search
 * adds the charges exactly.  Random pools against the brute force, both
 * modes (the dual with costs of 1e-10), the objective to the last bits, so
 * the accuracy term decides among policies of equal load.
 */
static void check_tiny(const struct pool *pool, const struct solve_params *sp)
{
	struct brute b;
	struct policy pol;
	struct status_msg m;
	struct solver *s = solver_new(pool, &m);
	if (s == NULL)
		fail_msg("%s", m.text);
	policy_init(&pol, pool->n, NULL);
	brute_solve(&b, pool, sp);
	assert_int_equal(solver_run(s, sp, &pol, &m), ST_OK);
	if (!b.found) {
		assert_int_equal(pol.outcome, SOLVE_INFEASIBLE);
	} else {
		if (pol.outcome != SOLVE_OPTIMAL)
			fail_msg("%s (%s)", solve_outcome_name(pol.outcome), pol.message);
		assert_policy_consistent(pool, &pol);
		if (fabs(pol.objective - b.best) > 4 * DBL_EPSILON * fabs(b.best)) {
			ts_print_pool(pool);
			fail_msg("mode %d K %lld lambda %g budget %g floor %g: solver %.17g brute %.17g",
				 sp->mode, sp->k, sp->lambda, sp->budget, sp->min_accuracy,
				 pol.objective, b.best);
		}
	}
	policy_free(&pol);
	solver_free(s);
}

static void test_tiny_accuracies_exact(void **state)
{
	struct ts_rng r = {20261206};
	(void)state;
	for (int trial = 0; trial < 300; trial++) {
		struct ts_pool tp;
		size_t n = 3 + ts_rand_below(&r, 3);
		bool dual = trial % 2 == 1;
		ts_random_pool(&tp, &r, n, true);
		for (size_t i = 0; i < n; i++) {
			if (dual)
				tp.models[i].cost *= 1e-12;
			else
				tp.models[i].accuracy *= 1e-12;
		}
		struct solve_params sp = solve_params_default();
		sp.k = 4 + (long long)ts_rand_below(&r, 6);
		sp.lambda = trial % 3 == 0 ? 5.0 * (double)sp.k : 0.1 * (double)sp.k;
		sp.mode = dual ? SOLVE_MIN_COST : SOLVE_MAX_ACCURACY;
		sp.budget = ts_rand_range(&r, 5, 100) * (dual ? 1e-12 : 1.0);
		sp.min_accuracy = ts_rand_range(&r, 50, 90);
		check_tiny(&tp.pool, &sp);
		ts_pool_free(&tp);
	}
}

static void test_span_refused(void **state)
{
	(void)state;
	struct model md[3] = {
		{(char *)"tiny", 1e-9, 50, 1, 0, 0}, {(char *)"mid", 1, 60, 1, 0, 0},
		{(char *)"huge", 1e4, 70, 1, 0, 0},
	};
	struct pool pool = {.models = md, .n = 3, .source = (char *)"zoo.csv", .cost_scale = 1};
	struct status_msg m;
	status_clear(&m);
	assert_null(solver_new(&pool, &m));
	assert_non_null(strstr(m.text, "zoo.csv"));
	assert_non_null(strstr(m.text, "'tiny'"));
	assert_non_null(strstr(m.text, "'huge'"));
	/* 12 decades exactly is served; zero costs do not count */
	md[0].cost = 1e-8;
	struct solver *s = solver_new(&pool, &m);
	assert_non_null(s);
	solver_free(s);
	md[0].cost = 0;
	s = solver_new(&pool, &m);
	assert_non_null(s);
	struct policy pol;
	policy_init(&pol, 3, NULL);
	struct solve_params sp = solve_params_default();
	sp.budget = 0;
	solve_ok(s, &sp, &pol);
	assert_int_equal(pol.count[0], sp.k);
	/* a budget far beyond every cost does not overflow: the best model */
	sp.budget = 1e308;
	sp.k = 1000000000;
	solve_ok(s, &sp, &pol);
	assert_int_equal(pol.count[2], sp.k);
	policy_free(&pol);
	solver_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_issue_example),
		cmocka_unit_test(test_span_refused),
		cmocka_unit_test(test_tiny_accuracies_exact),
		cmocka_unit_test(test_small_k_any_unit),
		cmocka_unit_test(test_bundled_pools_any_unit),
	};
	return cmocka_run_group_tests_name("solve_scale", tests, NULL, NULL);
}
