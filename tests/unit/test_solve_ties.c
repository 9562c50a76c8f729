/*
 * test_solve_ties.c - exact at every K with exact ties: integer pools whose
 * models tie in accuracy gained per unit of cost (collinear on the hull)
 * made GLPK's branch and bound stop at its time limit from K = 1e7.  Each
 * answer must be optimal and is checked against the proven analytic bound
 * (solve_check.h), at K = 1e7, 1e8, 1e9, lambda 0 and 0.1 K, and against
 * the brute force at small K with both ways of choosing the support.
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
#include "test_support.h"
#include "solve_check.h"

static const long long big_k[] = {10000000LL, 100000000LL, 1000000000LL};

static void check_big(const struct pool *pool, double budget)
{
	for (size_t i = 0; i < 3; i++) {
		for (int l = 0; l < 2; l++) {
			struct solve_params sp = solve_params_default();
			sp.k = big_k[i];
			sp.lambda = l ? 0.1 * (double)sp.k : 0;
			sp.budget = budget;
			check_large_k_params(pool, &sp);
		}
	}
}

/* The README's former known limit (issue 8): 16, 36 and 68 are collinear. */
static void test_issue_example(void **state)
{
	(void)state;
	struct model md[4] = {
		{(char *)"a", 16, 55, 1, 0, 0}, {(char *)"b", 25, 53, 1, 0, 0},
		{(char *)"c", 68, 81, 1, 0, 0}, {(char *)"d", 36, 65, 1, 0, 0},
	};
	struct pool pool = {.models = md, .n = 4, .cost_scale = 1};
	check_big(&pool, 61.9716223673895);
	for (int j = 0; j <= 40; j++)
		check_big(&pool, 16 + 52.0 * j / 40 + (j % 3) * 1e-7);
}

/*
 * n integer models, two groups of them collinear (cost c0 + den t, accuracy
 * p0 + num t, so they tie in accuracy per cost exactly), the rest random.
 */
static void tie_pool(struct ts_pool *tp, struct ts_rng *r, size_t n)
{
	ts_random_pool(tp, r, n, true);
	size_t next = 0;
	for (int g = 0; g < 2 && next + 3 <= n; g++) {
		long den = 3 + (long)ts_rand_below(r, 9), num = 1 + (long)ts_rand_below(r, 4);
		long c0 = 5 + (long)ts_rand_below(r, 30), p0 = 40 + (long)ts_rand_below(r, 20);
		size_t members = 3 + ts_rand_below(r, 2);
		for (size_t t = 0; t < members && next < n; t++, next++) {
			long step = (long)t + (long)ts_rand_below(r, 2) * (long)t;
			tp->models[next].cost = (double)(c0 + den * step);
			tp->models[next].accuracy = (double)(p0 + num * step);
		}
	}
}

static void test_random_tie_family(void **state)
{
	(void)state;
	struct ts_rng rng = {0x7135u};
	for (int t = 0; t < 40; t++) {
		struct ts_pool tp;
		tie_pool(&tp, &rng, 4 + ts_rand_below(&rng, 5));
		double lo = ts_min_cost(&tp.pool), hi = pool_max_cost(&tp.pool);
		/* budgets at and between the models' costs */
		double b = t % 3 == 0 ? (double)(long)ts_rand_range(&rng, lo, hi)
				      : ts_rand_range(&rng, lo, hi);
		check_big(&tp.pool, b);
	}
}

/* The same family against the brute force at small K, both modes and searches. */
static void test_tie_family_brute(void **state)
{
	(void)state;
	struct ts_rng rng = {0x7136u};
	for (int t = 0; t < 200; t++) {
		struct ts_pool tp;
		tie_pool(&tp, &rng, 3 + ts_rand_below(&rng, 4));
		if (t % 4 == 3)  /* too wide for exact integers (see above) */
			for (size_t i = 1; i < tp.pool.n; i += 2)
				tp.models[i].cost *= 1e-7 * (1 + ts_rand_unit(&rng));
		struct solver *s = solver_new(&tp.pool, NULL);
		struct policy pol;
		policy_init(&pol, tp.pool.n, NULL);
		struct solve_params sp = solve_params_default();
		sp.k = 1 + (long long)ts_rand_below(&rng, 14);
		sp.lambda = t % 2 ? 0 : ts_rand_unit(&rng) * 2.0 * (double)sp.k;
		sp.budget = ts_rand_range(&rng, 0.9 * ts_min_cost(&tp.pool), pool_max_cost(&tp.pool));
		double floor = ts_rand_range(&rng, 40, 95);
		enum solve_search ways[] = {SOLVE_SEARCH_GLPK, SOLVE_SEARCH_SUPPORTS, SOLVE_SEARCH_FEW};
		check_ways_against_brute(&tp.pool, s, sp, floor, ways, 3, &pol);
		policy_free(&pol);
		solver_free(s);
	}
}

/*
 * At K = 1e4 .. 1e6 the split-count program (deploy_mip) still closes these
 * gaps: both ways of solving a support must agree, on tie pools and on
 * random decimal ones, in both modes.
 */
static void test_box_agrees_with_split(void **state)
{
	(void)state;
	struct ts_rng rng = {0x7137u};
	const long long ks[] = {10007, 100000, 1000000};
	for (int t = 0; t < 120; t++) {
		struct ts_pool tp;
		if (t % 3 == 2)
			ts_random_pool(&tp, &rng, 2 + ts_rand_below(&rng, 9), false);
		else
			tie_pool(&tp, &rng, 3 + ts_rand_below(&rng, 6));
		/* data too wide for exact integers: the box from rounded reduced costs */
		if (t % 6 == 5)
			for (size_t i = 0; i < tp.pool.n; i += 2)
				tp.models[i].cost *= 1e-7 * (1 + ts_rand_unit(&rng));
		struct solver *box = solver_new(&tp.pool, NULL);
		struct solver *split = solver_new(&tp.pool, NULL);
		solver_set_search(box, SOLVE_SEARCH_SUPPORTS);
		solver_set_search(split, SOLVE_SEARCH_SUPPORTS_SPLIT);
		struct policy a, b;
		policy_init(&a, tp.pool.n, NULL);
		policy_init(&b, tp.pool.n, NULL);
		struct solve_params sp = solve_params_default();
		sp.k = ks[t % 3];
		sp.lambda = t % 2 ? 0.1 * (double)sp.k : 0;
		sp.mode = t % 4 == 3 ? SOLVE_MIN_COST : SOLVE_MAX_ACCURACY;
		sp.budget = ts_rand_range(&rng, ts_min_cost(&tp.pool), pool_max_cost(&tp.pool));
		sp.min_accuracy = ts_rand_range(&rng, 45, 80);
		assert_int_equal(solver_run(box, &sp, &a, NULL), ST_OK);
		struct solve_params short_sp = sp;
		short_sp.time_limit = 2;  /* the split program may not close wide pools' gaps */
		assert_int_equal(solver_run(split, &short_sp, &b, NULL), ST_OK);
		if (b.outcome == SOLVE_INFEASIBLE) {
			assert_int_equal(a.outcome, SOLVE_INFEASIBLE);
		} else {
			if (a.outcome != SOLVE_OPTIMAL)
				fail_msg("instance %d K %lld: %s (%s)", t, sp.k,
					 solve_outcome_name(a.outcome), a.message);
			assert_policy_consistent(&tp.pool, &a);
		}
		if (b.outcome == SOLVE_OPTIMAL &&
		    fabs(a.objective - b.objective) > 1e-12 * fabs(b.objective))
			fail_msg("instance %d K %lld mode %d: box %.17g split %.17g", t, sp.k,
				 sp.mode, a.objective, b.objective);
		policy_free(&a);
		policy_free(&b);
		solver_free(box);
		solver_free(split);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_issue_example),
		cmocka_unit_test(test_random_tie_family),
		cmocka_unit_test(test_tie_family_brute),
		cmocka_unit_test(test_box_agrees_with_split),
	};
	return cmocka_run_group_tests_name("solve_ties", tests, NULL, NULL);
}
