/*
 * test_sweep.c - budget sweeps: levels, incremental steps, monotonicity
 * (the objective never falls as the budget grows; with lambda = 0 neither
 * does the expected accuracy), and agreement with single solves, also on a
 * pool with exact ties at K up to 1e9 and in microjoule-sized units.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "optdeploy/core/export.h"
#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/core/sweep.h"
#include "test_support.h"

static void check_monotone(const struct pool *pool, long long k, double lambda)
{
	struct solver *s = solver_new(pool, NULL);
	struct solve_params sp = solve_params_default();
	sp.k = k;
	sp.lambda = lambda;
	struct sweep sw;
	assert_int_equal(sweep_init(&sw, pool, &sp, NAN, NAN, SWEEP_DEFAULT_STEPS, NULL), ST_OK);
	assert_int_equal(sw.n_levels, SWEEP_DEFAULT_STEPS);
	assert_int_equal(sweep_run(&sw, s, NULL), ST_OK);
	assert_true(sweep_finished(&sw));
	for (size_t j = 0; j < sw.n_levels; j++) {
		const struct policy *p = &sw.levels[j].policy;
		assert_int_equal(p->outcome, SOLVE_OPTIMAL);
		double share = 0;
		for (size_t i = 0; i < pool->n; i++)
			share += sweep_share(&sw, j, i);
		assert_true(fabs(share - 1.0) < 1e-12);
		if (j == 0)
			continue;
		const struct policy *q = &sw.levels[j - 1].policy;
		assert_true(sw.levels[j].budget > sw.levels[j - 1].budget);
		if (p->objective < q->objective - 1e-12 * fabs(q->objective))
			fail_msg("K %lld lambda %g: objective %.17g at budget %.17g < %.17g at %.17g",
				 k, lambda, p->objective, sw.levels[j].budget, q->objective,
				 sw.levels[j - 1].budget);
		if (lambda == 0)
			assert_true(p->expected_accuracy >= q->expected_accuracy - 1e-12);
	}
	sweep_free(&sw);
	solver_free(s);
}

static void test_monotone_bundled(void **state)
{
	(void)state;
	const char *files[] = {"data/uci_har.csv", "data/imagenet_paper.csv"};
	for (size_t f = 0; f < 2; f++) {
		struct pool pool;
		assert_int_equal(pool_load_file(&pool, files[f], NULL), ST_OK);
		check_monotone(&pool, 1000, 0);
		check_monotone(&pool, 1000, 100);
		check_monotone(&pool, 1000000000, 0);
		check_monotone(&pool, 1000000000, 1e8);
		pool_free(&pool);
	}
}

static void test_monotone_random(void **state)
{
	(void)state;
	struct ts_rng rng = {0x5eeb};
	for (int t = 0; t < 20; t++) {
		struct ts_pool tp;
		ts_random_pool(&tp, &rng, 2 + ts_rand_below(&rng, 7), t % 2);
		check_monotone(&tp.pool, 1 + (long long)ts_rand_below(&rng, 5000),
			       t % 3 ? 0 : 37.5);
		ts_pool_free(&tp);
	}
}

/*
 * Exact ties (16, 36 and 68 collinear) at K = 1e7 .. 1e9: every level of a
 * 101-level sweep is optimal within the default time limit, and the sweep
 * is monotone; so is the same pool in microjoule-sized units.
 */
static void test_monotone_ties_and_units(void **state)
{
	(void)state;
	struct model md[4] = {
		{(char *)"a", 16, 55, 1, 0, 0}, {(char *)"b", 25, 53, 1, 0, 0},
		{(char *)"c", 68, 81, 1, 0, 0}, {(char *)"d", 36, 65, 1, 0, 0},
	};
	struct pool pool = {.models = md, .n = 4, .cost_scale = 1};
	for (long long k = 10000000; k <= 1000000000; k *= 10) {
		check_monotone(&pool, k, 0);
		check_monotone(&pool, k, 0.1 * (double)k);
	}
	for (size_t i = 0; i < 4; i++)
		md[i].cost *= 1e5;
	check_monotone(&pool, 1000, 100);
	check_monotone(&pool, 1000000000, 1e8);
}

/* Stepping level by level gives what single solves give, and shares sum to 1. */
static void test_steps_match_solves(void **state)
{
	(void)state;
	struct pool pool;
	assert_int_equal(pool_load_file(&pool, "data/imagenet_paper.csv", NULL), ST_OK);
	struct solver *s = solver_new(&pool, NULL);
	struct solver *fresh = solver_new(&pool, NULL);
	struct solve_params sp = solve_params_default();
	struct sweep sw;
	assert_int_equal(sweep_init(&sw, &pool, &sp, 20, 100, 5, NULL), ST_OK);
	assert_true(sw.levels[0].budget == 20 && sw.levels[4].budget == 100);
	assert_true(sw.levels[2].budget == 60);
	struct policy pol;
	policy_init(&pol, pool.n, NULL);
	for (size_t j = 0; j < 5; j++) {
		assert_int_equal(sw.done, j);
		assert_true(sweep_share(&sw, j, 0) == 0.0);  /* not solved yet */
		assert_int_equal(sweep_step(&sw, s, NULL), ST_OK);
		sp.budget = sw.levels[j].budget;
		assert_int_equal(solver_run(fresh, &sp, &pol, NULL), ST_OK);
		assert_true(fabs(pol.objective - sw.levels[j].policy.objective) <=
			    1e-12 * fabs(pol.objective));
	}
	assert_true(sweep_finished(&sw));
	assert_int_equal(sweep_step(&sw, s, NULL), ST_OK);  /* a finished sweep stays finished */
	assert_int_equal(sw.done, 5);
	policy_free(&pol);
	sweep_free(&sw);
	solver_free(s);
	solver_free(fresh);
	pool_free(&pool);
}

static void test_bad_ranges(void **state)
{
	(void)state;
	struct pool pool;
	assert_int_equal(pool_load_file(&pool, "data/uci_har.csv", NULL), ST_OK);
	struct solve_params sp = solve_params_default();
	struct sweep sw;
	struct status_msg m;
	assert_int_equal(sweep_init(&sw, &pool, &sp, 90, 60, 10, &m), ST_USAGE);
	assert_int_equal(sweep_init(&sw, &pool, &sp, 60, INFINITY, 10, &m), ST_USAGE);
	assert_int_equal(sweep_init(&sw, &pool, &sp, 60, 90, 0, &m), ST_USAGE);
	sp.k = 0;
	assert_int_equal(sweep_init(&sw, &pool, &sp, 60, 90, 10, &m), ST_USAGE);
	/* default range: cheapest to most expensive */
	sp.k = 10;
	assert_int_equal(sweep_init(&sw, &pool, &sp, NAN, NAN, 3, &m), ST_OK);
	assert_true(sw.from == 59.01 && sw.to == 100);
	sweep_free(&sw);
	pool_free(&pool);
}

/* A sweep's CSV, from a held sweep or from a streamed one (freed into memory). */
static char *sweep_csv(const struct pool *pool, const struct solve_params *sp, bool streamed,
		       size_t *levels_seen)
{
	struct solver *s = solver_new(pool, NULL);
	struct sweep sw;
	char *text = NULL;
	size_t len = 0, rows = 0;
	FILE *fp = open_memstream(&text, &len);
	assert_non_null(fp);
	if (streamed) {
		assert_int_equal(sweep_init_streamed(&sw, pool, sp, NAN, NAN, 37, SWEEP_LOG, NULL),
				 ST_OK);
		struct export_sweep_job job = {&sw, s, NULL, NULL};
		assert_int_equal(export_sweep_levels(fp, "mem", &job, &rows, NULL), ST_OK);
		/* only the last level is held */
		assert_null(sweep_level_at(&sw, 0));
		assert_non_null(sweep_level_at(&sw, 36));
		assert_ptr_equal(sweep_last(&sw), &sw.levels[0]);
	} else {
		assert_int_equal(sweep_init_spaced(&sw, pool, sp, NAN, NAN, 37, SWEEP_LOG, NULL),
				 ST_OK);
		assert_int_equal(sweep_run(&sw, s, NULL), ST_OK);
		assert_int_equal(export_sweep_stream(fp, "mem", &sw, NULL), ST_OK);
		rows = sw.done * pool->n;
	}
	*levels_seen = sw.done;
	assert_int_equal(rows, 37 * pool->n);
	fclose(fp);
	sweep_free(&sw);
	solver_free(s);
	return text;
}

/* Streaming (one level in memory) writes the same bytes as solving first. */
static void test_streamed_equals_held(void **state)
{
	(void)state;
	struct pool pool;
	assert_int_equal(pool_load_file(&pool, "data/imagenet_paper.csv", NULL), ST_OK);
	struct solve_params sp = solve_params_default();
	sp.k = 999999937;  /* a prime: shares are not short decimals */
	sp.lambda = 3;
	size_t a, b;
	char *held = sweep_csv(&pool, &sp, false, &a);
	char *streamed = sweep_csv(&pool, &sp, true, &b);
	assert_int_equal(a, b);
	assert_string_equal(held, streamed);
	free(held);
	free(streamed);
	pool_free(&pool);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_ranges),
		cmocka_unit_test(test_streamed_equals_held),
		cmocka_unit_test(test_steps_match_solves),
		cmocka_unit_test(test_monotone_bundled),
		cmocka_unit_test(test_monotone_random),
		cmocka_unit_test(test_monotone_ties_and_units),
	};
	return cmocka_run_group_tests_name("sweep", tests, NULL, NULL);
}
