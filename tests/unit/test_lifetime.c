/*
 * test_lifetime.c - the lifetime search: on random small pools its K is the
 * brute-force largest K whose least energy (enumerated over every integer
 * policy) fits; on the bundled pools at large K, K fits and K + 1 does not
 * by independent exact solves; and the outcomes without a lifetime.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "optdeploy/core/battery.h"
#include "optdeploy/core/lifetime.h"
#include "optdeploy/core/limits.h"
#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/core/units.h"
#include "test_support.h"

#define BRUTE_MAX_K 40

/* Least total cost of k inferences with sum p x >= floor x k, over every split. */
static void brute_rec(const struct pool *p, size_t i, long long left, double cost, double acc,
		      double need, double *best)
{
	const struct model *md = &p->models[i];
	if (i + 1 == p->n) {
		double c = cost + md->cost * (double)left, a = acc + md->accuracy * (double)left;
		if (a >= need && c < *best)
			*best = c;
		return;
	}
	for (long long x = 0; x <= left; x++)
		brute_rec(p, i + 1, left - x, cost + md->cost * (double)x,
			  acc + md->accuracy * (double)x, need, best);
}

static double brute_energy(const struct pool *p, long long k, double floor)
{
	double best = INFINITY;
	brute_rec(p, 0, k, 0, 0, floor * (double)k, &best);
	return best;
}

static struct units_exact rate_of(const char *s)
{
	struct units_exact r;
	struct status_msg m;
	assert_int_equal(units_parse_rate(s, &r, &m), ST_OK);
	return r;
}

/* The brute force under device limits: at most max_used models, their memory <= mem_cap. */
struct brute_lim {
	const struct pool *p;
	size_t max_used;  /* 0: no limit */
	double mem_cap;
	double need;
	double best;
};

static void brute_lim_rec(struct brute_lim *b, size_t i, long long left, double cost, double acc,
			  size_t used, double mem)
{
	if (b->max_used > 0 && used > b->max_used)
		return;
	if (mem > b->mem_cap)
		return;
	if (i == b->p->n) {
		if (left == 0 && acc >= b->need && cost < b->best)
			b->best = cost;
		return;
	}
	const struct model *md = &b->p->models[i];
	for (long long x = 0; x <= left; x++)
		brute_lim_rec(b, i + 1, left - x, cost + md->cost * (double)x,
			      acc + md->accuracy * (double)x, used + (x > 0),
			      mem + (x > 0 ? md->memory : 0));
}

static double brute_energy_lim(const struct pool *p, long long k, double floor,
			       const struct solve_params *lim)
{
	struct brute_lim b = { p, lim->max_models, isfinite(lim->memory_limit) ?
			       lim->memory_limit : INFINITY, floor * (double)k, INFINITY };
	brute_lim_rec(&b, 0, k, 0, 0, 0, 0);
	return b.best;
}

/*
 * With device limits: on random integral pools with memory footprints, the
 * lifetime is the brute force's largest K (K fits within the limits, K + 1
 * does not), and a floor no fitting model reaches is infeasible at every K.
 */
static void test_brute_force_limits(void **state)
{
	(void)state;
	struct ts_rng rng = { 4242 };
	int found = 0, infeasible = 0, limited_less = 0;
	for (int t = 0; t < 120; t++) {
		struct ts_pool tp;
		struct status_msg m;
		size_t n = 3 + ts_rand_below(&rng, 2);
		ts_random_pool(&tp, &rng, n, true);
		for (size_t i = 0; i < n; i++)
			tp.models[i].memory = (double)(1 + ts_rand_below(&rng, 10));
		tp.pool.has_memory = true;
		const struct pool *pool = &tp.pool;
		struct solve_params lim = solve_params_default();
		if (t % 3 != 1)
			lim.max_models = 1 + ts_rand_below(&rng, 2);
		if (t % 3 != 0)
			lim.memory_limit = (double)(2 + ts_rand_below(&rng, 12));
		double lo = INFINITY, hi = -INFINITY;
		for (size_t i = 0; i < n; i++) {
			lo = fmin(lo, pool->models[i].accuracy);
			hi = fmax(hi, pool->models[i].accuracy);
		}
		double floor_p = lo + (double)ts_rand_below(&rng, (size_t)(2 * (hi - lo)) + 1) / 2;
		struct battery_params bp = {
			.battery_j = ts_rand_range(&rng, 2, 25) * ts_min_cost(pool),
			.idle_w = 0, .rate = rate_of("1/s"), .cost_unit_j = 1,
		};
		long long want = 0;
		double prev = 0, e1 = brute_energy_lim(pool, 1, floor_p, &lim);
		for (long long k = 1; k <= BRUTE_MAX_K && isfinite(e1); k++) {
			double e = brute_energy_lim(pool, k, floor_p, &lim);
			assert_true(e >= prev);  /* monotone under the limits too */
			prev = e;
			if (!battery_fits(&bp, k, e))
				break;
			want = k;
		}
		assert_true(want < BRUTE_MAX_K);

		struct solver *s = solver_new(pool, &m);
		struct policy p;
		struct lifetime_result r;
		assert_non_null(s);
		assert_int_equal(policy_init(&p, n, &m), ST_OK);
		assert_int_equal(lifetime_run(s, pool, &bp, floor_p, &lim, &p, &r, &m), ST_OK);
		if (!isfinite(e1)) {
			assert_int_equal(r.outcome, LIFETIME_INFEASIBLE);
			assert_non_null(strstr(r.message, "infeasible"));
			if (isfinite(lim.memory_limit))
				assert_non_null(strstr(r.message, "memory limit"));
			infeasible++;
		} else if (want == 0) {
			assert_int_equal(r.outcome, LIFETIME_NOT_ONE);
		} else {
			if (r.outcome != LIFETIME_FOUND || r.k != want) {
				ts_print_pool(pool);
				fail_msg("floor %g battery %.17g limits %zu/%g: K = %lld (%s), brute "
					 "force %lld", floor_p, bp.battery_j, lim.max_models,
					 lim.memory_limit, r.k, lifetime_outcome_name(r.outcome), want);
			}
			assert_true(p.total_cost == brute_energy_lim(pool, want, floor_p, &lim));
			assert_false(battery_fits(&bp, want + 1,
						  brute_energy_lim(pool, want + 1, floor_p, &lim)));
			assert_true(limits_counts_ok(&lim, pool, p.count));
			/* the limits bind: without them the battery lasts longer */
			struct solve_params none = solve_params_default();
			struct lifetime_result u;
			assert_int_equal(lifetime_run(s, pool, &bp, floor_p, &none, &p, &u, &m), ST_OK);
			assert_true(u.outcome == LIFETIME_FOUND && u.k >= r.k);
			limited_less += u.k > r.k;
			found++;
		}
		policy_free(&p);
		solver_free(s);
		ts_pool_free(&tp);
	}
	assert_true(found > 40 && infeasible > 3 && limited_less > 3);
}

/* The lifetime on random integral pools equals the brute force's. */
static void test_brute_force(void **state)
{
	(void)state;
	static const char *const rates[] = { "1/s", "2/s", "1/min", "0.5/s" };
	struct ts_rng rng = { 777 };
	int found = 0, not_one = 0;
	for (int t = 0; t < 150; t++) {
		struct ts_pool tp;
		struct status_msg m;
		size_t n = 2 + ts_rand_below(&rng, 3);
		ts_random_pool(&tp, &rng, n, true);
		const struct pool *pool = &tp.pool;
		double lo = INFINITY, hi = -INFINITY;
		for (size_t i = 0; i < n; i++) {
			lo = fmin(lo, pool->models[i].accuracy);
			hi = fmax(hi, pool->models[i].accuracy);
		}
		double floor_p = lo + (double)ts_rand_below(&rng, (size_t)(2 * (hi - lo)) + 1) / 2;
		struct battery_params bp = {
			.battery_j = ts_rand_range(&rng, 0.5, 25) * ts_min_cost(pool),
			.idle_w = ts_rand_below(&rng, 2) ? 0 : ts_rand_range(&rng, 0, 3),
			.rate = rate_of(rates[ts_rand_below(&rng, 4)]),
			.cost_unit_j = 1,
		};
		/* brute force: T(K) is non-decreasing (checked), the answer is the last K that fits */
		long long want = 0;
		double prev = 0;
		for (long long k = 1; k <= BRUTE_MAX_K; k++) {
			double e = brute_energy(pool, k, floor_p);
			assert_true(e >= prev);
			prev = e;
			if (!battery_fits(&bp, k, e))
				break;
			want = k;
		}
		assert_true(want < BRUTE_MAX_K);

		struct solver *s = solver_new(pool, &m);
		struct policy p;
		struct lifetime_result r;
		struct solve_params lim = solve_params_default();
		assert_non_null(s);
		assert_int_equal(policy_init(&p, n, &m), ST_OK);
		assert_int_equal(lifetime_run(s, pool, &bp, floor_p, &lim, &p, &r, &m), ST_OK);
		if (want == 0) {
			assert_int_equal(r.outcome, LIFETIME_NOT_ONE);
			not_one++;
		} else {
			if (r.outcome != LIFETIME_FOUND || r.k != want) {
				ts_print_pool(pool);
				fail_msg("floor %g battery %.17g idle %g: K = %lld (%s), brute force %lld",
					 floor_p, bp.battery_j, bp.idle_w, r.k,
					 lifetime_outcome_name(r.outcome), want);
			}
			assert_true(p.total_cost == brute_energy(pool, want, floor_p));
			assert_true(p.expected_accuracy >= floor_p - 1e-12);
			assert_true(r.left_j >= 0);
			assert_true(r.next_j > bp.battery_j);
			assert_true(p.params.lambda == 0 && p.params.k == want);
			found++;
		}
		policy_free(&p);
		solver_free(s);
	}
	/* the draw covers both answers */
	assert_true(found > 50 && not_one > 3);
}

/* Fits and K + 1 does not, by a fresh solver at large K on the bundled pools. */
static void check_edge(const char *file, const char *bat, const char *rate, double idle_w,
		       double unit_j, double floor_p, long long at_least)
{
	struct pool pool = { 0 };
	struct status_msg m;
	struct policy p, q;
	struct lifetime_result r;
	struct battery_params bp = { .idle_w = idle_w, .rate = rate_of(rate), .cost_unit_j = unit_j };
	struct solve_params lim = solve_params_default();
	assert_int_equal(units_parse_battery(bat, &bp.battery_j, &m), ST_OK);
	assert_int_equal(pool_load_file(&pool, file, &m), ST_OK);
	struct solver *s = solver_new(&pool, &m), *t = solver_new(&pool, &m);
	assert_non_null(s);
	assert_non_null(t);
	assert_int_equal(policy_init(&p, pool.n, &m), ST_OK);
	assert_int_equal(policy_init(&q, pool.n, &m), ST_OK);
	assert_int_equal(lifetime_run(s, &pool, &bp, floor_p, &lim, &p, &r, &m), ST_OK);
	assert_int_equal(r.outcome, LIFETIME_FOUND);
	assert_true(r.k >= at_least);
	assert_true(r.solves < 40);

	/* independent solves, the other search strategy, no pruning */
	struct solve_params sp = solve_params_default();
	sp.mode = SOLVE_MIN_COST;
	sp.min_accuracy = floor_p;
	sp.lambda = 0;
	solver_set_pruning(t, false);
	solver_set_search(t, r.k > 10000 ? SOLVE_SEARCH_SUPPORTS : SOLVE_SEARCH_GLPK);
	sp.k = r.k;
	assert_int_equal(solver_run(t, &sp, &q, &m), ST_OK);
	assert_int_equal(q.outcome, SOLVE_OPTIMAL);
	assert_true(battery_fits(&bp, r.k, q.total_cost));
	assert_true(fabs(q.total_cost - p.total_cost) <= 1e-9 * p.total_cost);
	sp.k = r.k + 1;
	assert_int_equal(solver_run(t, &sp, &q, &m), ST_OK);
	assert_int_equal(q.outcome, SOLVE_OPTIMAL);
	assert_false(battery_fits(&bp, r.k + 1, q.total_cost));
	/* the duration is K / rate */
	assert_true(fabs(r.duration_s - (double)r.k / units_exact_value(&bp.rate)) <=
		    1e-12 * r.duration_s);
	policy_free(&p);
	policy_free(&q);
	solver_free(s);
	solver_free(t);
	pool_free(&pool);
}

static void test_edges_bundled(void **state)
{
	(void)state;
	check_edge("data/imagenet_paper.csv", "3000mAh@3.7V", "10/s", 0, 1e-3, 75, 900000);
	check_edge("data/imagenet_paper.csv", "3000mAh@3.7V", "10/s", 0.05, 1e-3, 70, 900000);
	check_edge("data/imagenet_paper.csv", "100Wh", "1/s", 0.002, 1e-6, 78, 1000000);
	check_edge("data/uci_har.csv", "40kJ", "2/s", 0.01, 1e-3, 90, 100000);
	check_edge("data/uci_har.csv", "1Wh", "1/min", 0, 1, 88.5, 40);
}

static void test_no_lifetime(void **state)
{
	(void)state;
	struct pool pool = { 0 };
	struct status_msg m;
	struct policy p;
	struct lifetime_result r;
	struct battery_params bp = { .idle_w = 0, .rate = rate_of("1/s"), .cost_unit_j = 1e-3 };
	struct solve_params lim = solve_params_default();
	assert_int_equal(pool_load_file(&pool, "data/imagenet_paper.csv", &m), ST_OK);
	struct solver *s = solver_new(&pool, &m);
	assert_int_equal(policy_init(&p, pool.n, &m), ST_OK);

	bp.battery_j = 1000;
	assert_int_equal(lifetime_run(s, &pool, &bp, 78.5, &lim, &p, &r, &m), ST_OK);
	assert_int_equal(r.outcome, LIFETIME_INFEASIBLE);
	assert_non_null(strstr(r.message, "above the best reachable accuracy 78.396"));

	bp.battery_j = 0.05;  /* 50 mJ: the best model needs 100 mJ */
	assert_int_equal(lifetime_run(s, &pool, &bp, 78, &lim, &p, &r, &m), ST_OK);
	assert_int_equal(r.outcome, LIFETIME_NOT_ONE);
	assert_non_null(strstr(r.message, "not even one inference fits"));

	/* 10.2 mJ x 1e9 = 10.2 MJ fits in 3 MWh: the search stops at the cap */
	bp.battery_j = 1.08e10;
	assert_int_equal(lifetime_run(s, &pool, &bp, 60, &lim, &p, &r, &m), ST_OK);
	assert_int_equal(r.outcome, LIFETIME_AT_CAP);
	assert_int_equal(r.k, SOLVE_K_MAX);

	/* idle alone outlasts nothing: 1 W idle, 1 inference per hour, 1 kJ */
	bp = (struct battery_params){ .battery_j = 1000, .idle_w = 1, .rate = rate_of("1/h"),
				      .cost_unit_j = 1e-3 };
	assert_int_equal(lifetime_run(s, &pool, &bp, 60, &lim, &p, &r, &m), ST_OK);
	assert_int_equal(r.outcome, LIFETIME_NOT_ONE);

	bp.cost_unit_j = -1;
	assert_int_equal(lifetime_run(s, &pool, &bp, 60, &lim, &p, &r, &m), ST_USAGE);
	bp.cost_unit_j = 1e-3;
	assert_int_equal(lifetime_run(s, &pool, &bp, NAN, &lim, &p, &r, &m), ST_USAGE);
	policy_free(&p);
	solver_free(s);
	pool_free(&pool);
}

/*
 * The sweep's default floors stop where the limits do: from the cheapest
 * model that fits to the most accurate one that fits (each floor there has a
 * lifetime); max models alone never lowers the top; nothing fitting gives the
 * whole pool's range.
 */
static void test_default_range_limits(void **state)
{
	(void)state;
	struct ts_rng rng = { 99 };
	for (int t = 0; t < 60; t++) {
		struct ts_pool tp;
		size_t n = 3 + ts_rand_below(&rng, 4);
		ts_random_pool(&tp, &rng, n, true);
		for (size_t i = 0; i < n; i++)
			tp.models[i].memory = (double)(1 + ts_rand_below(&rng, 10));
		tp.pool.has_memory = true;
		struct solve_params lim = solve_params_default();
		lim.memory_limit = (double)(ts_rand_below(&rng, 11));
		lim.max_models = t % 2 ? 1 : 0;
		double from, to, all_from, all_to, cheap = INFINITY, best = -INFINITY, at = 0;
		lifetime_default_range(&tp.pool, &lim, &from, &to);
		lifetime_default_range(&tp.pool, NULL, &all_from, &all_to);
		for (size_t i = 0; i < n; i++) {
			const struct model *md = &tp.models[i];
			if (md->memory > lim.memory_limit)
				continue;
			best = fmax(best, md->accuracy);
			if (md->cost < cheap || (md->cost == cheap && md->accuracy > at)) {
				cheap = md->cost;
				at = md->accuracy;
			}
		}
		if (!isfinite(cheap)) {  /* nothing fits */
			assert_true(from == all_from && to == all_to);
			continue;
		}
		assert_true(from == at);
		assert_true(to == best);
		assert_true(to <= all_to);
	}
	/* max models alone: the whole pool's top */
	struct ts_pool tp;
	ts_random_pool(&tp, &rng, 5, true);
	struct solve_params one = solve_params_default();
	one.max_models = 1;
	double f1, t1, f0, t0;
	lifetime_default_range(&tp.pool, &one, &f1, &t1);
	lifetime_default_range(&tp.pool, NULL, &f0, &t0);
	assert_true(f1 == f0 && t1 == t0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_brute_force),
		cmocka_unit_test(test_brute_force_limits),
		cmocka_unit_test(test_edges_bundled),
		cmocka_unit_test(test_no_lifetime),
		cmocka_unit_test(test_default_range_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
