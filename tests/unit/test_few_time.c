/*
 * test_few_time.c - small K with loading charges and a binding time row:
 * deploy_few's search (its bounds and policies hold the row, deploy_few.c)
 * answers, GLPK certifying the support, instead of GLPK's branch and bound
 * over every model; every answer agrees with the brute force, in both
 * modes, with and without the device limits.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "optdeploy/core/limits.h"
#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "test_support.h"
#include "solve_check.h"

/* Latencies that grow with cost, with noise so the two orders differ (whole ms or not). */
static void add_latency(struct ts_pool *tp, struct ts_rng *r, bool integral)
{
	for (size_t i = 0; i < tp->pool.n; i++) {
		double ms = fmax(5, 10 + 3 * tp->models[i].cost + ts_rand_range(r, -60, 60));
		tp->models[i].latency = (integral ? round(ms) : ms) * 1e-3;
	}
	tp->pool.has_latency = true;
}

static void add_memory(struct ts_pool *tp, struct ts_rng *r)
{
	for (size_t i = 0; i < tp->pool.n; i++)
		tp->models[i].memory = (double)(1 + ts_rand_below(r, 12));
	tp->pool.has_memory = true;
}

/* The counts of the optimum without the time row break it: the row binds. */
static bool row_binds(struct solver *s, const struct solve_params *sp, const struct pool *pool,
		      struct policy *free_pol)
{
	struct solve_params free_sp = *sp;
	free_sp.rate = 0;
	assert_int_equal(solver_run(s, &free_sp, free_pol, NULL), ST_OK);
	return free_pol->outcome == SOLVE_OPTIMAL &&
	       limits_time_slack(sp, pool, free_pol->count) < 0;
}

static void test_few_time_brute(void **state)
{
	(void)state;
	struct ts_rng rng = {0xf3e7u};
	size_t searched = 0, other = 0;
	int binding = 0, optimal = 0, checked = 0;
	for (int t = 0; t < 400; t++) {
		struct ts_pool tp;
		size_t n = 3 + ts_rand_below(&rng, 4);
		ts_random_pool(&tp, &rng, n, t % 3 == 0);
		add_latency(&tp, &rng, t % 2 == 0);
		add_memory(&tp, &rng);
		struct solver *s = solver_new(&tp.pool, NULL);
		assert_non_null(s);
		struct policy pol, free_pol;
		policy_init(&pol, n, NULL);
		policy_init(&free_pol, n, NULL);
		struct solve_params sp = solve_params_default();
		sp.k = 2 + (long long)ts_rand_below(&rng, 11);
		/* charges up to 0.2 K: deploy_few's regime (K < 100 with a choice of models) */
		sp.lambda = (0.01 + ts_rand_unit(&rng)) * 0.2 * (double)sp.k;
		sp.budget = ts_rand_range(&rng, ts_min_cost(&tp.pool), 1.05 * pool_max_cost(&tp.pool));
		double tlo = INFINITY, thi = 0, lo = INFINITY, hi = -INFINITY;
		for (size_t i = 0; i < n; i++) {
			tlo = fmin(tlo, tp.models[i].latency);
			thi = fmax(thi, tp.models[i].latency);
			lo = fmin(lo, tp.models[i].accuracy);
			hi = fmax(hi, tp.models[i].accuracy);
		}
		sp.duty_cycle = t % 3 == 0 ? 0 : ts_rand_range(&rng, 0.3, 1);
		sp.rate = limits_duty(&sp) / ts_rand_range(&rng, tlo, (tlo + thi) / 2);
		sp.min_accuracy = ts_rand_range(&rng, lo - 1, (lo + hi) / 2);
		if (t % 5 == 1) {
			sp.max_models = 1 + ts_rand_below(&rng, 3);
			sp.memory_limit = ts_rand_below(&rng, 2) ? INFINITY
				: ts_rand_range(&rng, 4, 6.0 * (double)n);
		}
		for (int mode = 0; mode < 2; mode++) {
			sp.mode = mode ? SOLVE_MIN_COST : SOLVE_MAX_ACCURACY;
			size_t s0, o0, s1, o1;
			solver_few_time_counts(s, &s0, &o0);
			check_against_brute(&tp.pool, s, &sp, &pol);
			solver_few_time_counts(s, &s1, &o1);
			checked++;
			if (pol.outcome != SOLVE_OPTIMAL)
				continue;
			optimal++;
			if (!row_binds(s, &sp, &tp.pool, &free_pol))
				continue;
			binding++;
			/* the search or the rest answered this solve, once */
			assert_true(s1 - s0 + o1 - o0 <= 1);
			searched += s1 - s0;
			other += o1 - o0;
		}
		policy_free(&pol);
		policy_free(&free_pol);
		solver_free(s);
	}
	print_message("binding time row: %d of %d optimal solves (%d checked); deploy_few's search "
		      "answered %zu, other ways %zu\n", binding, optimal, checked, searched, other);
	assert_int_equal(checked, 800);
	assert_true(binding >= 200);
	/* almost every small-K solve with a binding row goes through the search */
	assert_true(searched >= 9 * (searched + other) / 10 && searched >= 150);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_few_time_brute),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
