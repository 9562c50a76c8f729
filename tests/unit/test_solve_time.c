/*
 * test_solve_time.c - the time constraints (a deadline, and the time row
 * sum t_i x_i <= D K / rate of a rate and duty cycle): against the brute
 * force on random small instances in both modes, every search strategy,
 * with and without the device limits; against a proven LP bound at
 * K = 1e6 and 1e9; the row is not vacuous (the same instance without it
 * breaks it); and the infeasible answers say why.
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
#include "optdeploy/core/units.h"
#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/core/sweep.h"
#include "test_support.h"
#include "solve_check.h"

/*
 * Latencies that grow with cost (a bigger model is slower), with noise so
 * the cost and time orders differ: 10..400 ms, or whole milliseconds.
 */
static void add_latency(struct ts_pool *tp, struct ts_rng *r, bool integral)
{
	for (size_t i = 0; i < tp->pool.n; i++) {
		double ms = 10 + 3 * tp->models[i].cost + ts_rand_range(r, -60, 60);
		ms = fmax(ms, 5);
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

static double min_latency(const struct pool *p)
{
	double t = INFINITY;
	for (size_t i = 0; i < p->n; i++)
		t = fmin(t, p->models[i].latency);
	return t;
}

static double max_latency(const struct pool *p)
{
	double t = 0;
	for (size_t i = 0; i < p->n; i++)
		t = fmax(t, p->models[i].latency);
	return t;
}

/* A rate and duty cycle whose time per inference lies among the latencies (the row binds). */
static void random_time_row(struct solve_params *sp, struct ts_rng *r, const struct pool *p)
{
	sp->duty_cycle = ts_rand_below(r, 3) == 0 ? 0 : ts_rand_range(r, 0.3, 1);
	double tau = ts_rand_range(r, 0.95 * min_latency(p), max_latency(p));
	sp->rate = limits_duty(sp) / tau;
}

static void test_brute_force_time(void **state)
{
	(void)state;
	struct ts_rng rng = {0x7117u};
	int checked = 0, optimal = 0, infeasible = 0, with_limits = 0;
	for (int t = 0; t < 300; t++) {
		struct ts_pool tp;
		size_t n = 1 + ts_rand_below(&rng, 6);
		ts_random_pool(&tp, &rng, n, t % 3 == 0);
		add_latency(&tp, &rng, t % 2 == 0);
		add_memory(&tp, &rng);
		/* the time row parallel to the budget's (energy = power x latency at one
		 * power, the rate where the budget is): GLPK must not call it infeasible */
		bool parallel = t % 7 == 3;
		for (size_t i = 0; i < n && parallel; i++)
			tp.models[i].latency = tp.models[i].cost / 256;
		struct solver *s = solver_new(&tp.pool, NULL);
		assert_non_null(s);
		struct policy pol;
		policy_init(&pol, n, NULL);
		struct solve_params sp = solve_params_default();
		sp.k = 1 + (long long)ts_rand_below(&rng, 10);
		sp.lambda = t % 2 == 0 ? 0.0 : ts_rand_unit(&rng) * 2.0 * (double)sp.k;
		sp.budget = ts_rand_range(&rng, 0.8 * ts_min_cost(&tp.pool),
					  1.05 * pool_max_cost(&tp.pool));
		random_time_row(&sp, &rng, &tp.pool);
		if (parallel) {
			sp.duty_cycle = 0;
			sp.rate = 256 / sp.budget;  /* tau = budget / 256: the rows coincide */
		}
		if (t % 5 == 0)
			sp.deadline = ts_rand_range(&rng, min_latency(&tp.pool), max_latency(&tp.pool));
		if (t % 4 == 1) {
			sp.max_models = 1 + ts_rand_below(&rng, 2);
			sp.memory_limit = ts_rand_below(&rng, 2) ? INFINITY
				: ts_rand_range(&rng, 4, 6.0 * (double)n);
			with_limits++;
		}
		double lo = INFINITY, hi = -INFINITY;
		for (size_t i = 0; i < n; i++) {
			lo = fmin(lo, tp.models[i].accuracy);
			hi = fmax(hi, tp.models[i].accuracy);
		}
		sp.min_accuracy = ts_rand_range(&rng, lo - 1, (lo + hi) / 2);
		enum solve_search ways[] = {SOLVE_SEARCH_AUTO, SOLVE_SEARCH_GLPK,
					    SOLVE_SEARCH_SUPPORTS, SOLVE_SEARCH_SUPPORTS_SPLIT,
					    SOLVE_SEARCH_FEW};
		for (size_t w = 0; w < 5; w++)
			for (int mode = 0; mode < 2; mode++) {
				solver_set_search(s, ways[w]);
				sp.mode = mode ? SOLVE_MIN_COST : SOLVE_MAX_ACCURACY;
				check_against_brute(&tp.pool, s, &sp, &pol);
				checked++;
				optimal += pol.outcome == SOLVE_OPTIMAL;
				infeasible += pol.outcome == SOLVE_INFEASIBLE;
			}
		policy_free(&pol);
		solver_free(s);
	}
	assert_int_equal(checked, 3000);
	assert_true(with_limits >= 70);
	/* both kinds of answer were checked, and all of them were one of the two */
	assert_true(optimal >= 1500 && infeasible >= 250 && optimal + infeasible == checked);
}

/*
 * The fast path (solve.c, solve_time_slack): the problem without the time
 * row is solved first and its optimum kept when it meets the row.  Checked
 * against the brute force when the row is slack (tau above every latency:
 * the fast path must answer every optimal solve) and at random rates (the
 * row often binds: then the answer without the row must break it, and the
 * fallback must still match the brute force).
 */
static void test_time_fast_path(void **state)
{
	(void)state;
	struct ts_rng rng = {0xfa57u};
	int fast = 0, fallback = 0, slack_checked = 0, searched = 0;
	for (int t = 0; t < 200; t++) {
		struct ts_pool tp;
		size_t n = 1 + ts_rand_below(&rng, 6);
		ts_random_pool(&tp, &rng, n, t % 3 == 0);
		add_latency(&tp, &rng, t % 2 == 0);
		add_memory(&tp, &rng);
		struct solver *s = solver_new(&tp.pool, NULL);
		assert_non_null(s);
		struct policy pol, free_pol;
		policy_init(&pol, n, NULL);
		policy_init(&free_pol, n, NULL);
		struct solve_params sp = solve_params_default();
		sp.k = 1 + (long long)ts_rand_below(&rng, 10);
		sp.lambda = t % 4 < 2 ? 0.0 : (0.05 + ts_rand_unit(&rng)) * 2.0 * (double)sp.k;
		sp.budget = ts_rand_range(&rng, ts_min_cost(&tp.pool), 1.05 * pool_max_cost(&tp.pool));
		bool slack = t % 2 == 0;
		if (slack) {
			sp.duty_cycle = 0;
			sp.rate = 1 / (1.5 * max_latency(&tp.pool));
		} else {
			random_time_row(&sp, &rng, &tp.pool);
		}
		if (t % 5 == 0)
			sp.deadline = ts_rand_range(&rng, min_latency(&tp.pool), max_latency(&tp.pool));
		if (t % 4 == 1) {
			sp.max_models = 1 + ts_rand_below(&rng, 2);
			sp.memory_limit = ts_rand_below(&rng, 2) ? INFINITY
				: ts_rand_range(&rng, 4, 6.0 * (double)n);
		}
		double lo = INFINITY, hi = -INFINITY;
		for (size_t i = 0; i < n; i++) {
			lo = fmin(lo, tp.models[i].accuracy);
			hi = fmax(hi, tp.models[i].accuracy);
		}
		sp.min_accuracy = ts_rand_range(&rng, lo - 1, (lo + hi) / 2);
		/* GLPK's branch and bound over every model takes it; deploy_few and the
		 * search over supports hold the row themselves */
		enum solve_search way = t / 2 % 2 ? SOLVE_SEARCH_GLPK : SOLVE_SEARCH_AUTO;
		for (int mode = 0; mode < 2; mode++) {
			sp.mode = mode ? SOLVE_MIN_COST : SOLVE_MAX_ACCURACY;
			solver_set_search(s, way);
			size_t before = solver_time_fast_count(s);
			check_against_brute(&tp.pool, s, &sp, &pol);
			bool took = solver_time_fast_count(s) == before + 1;
			assert_true(solver_time_fast_count(s) - before <= 1);
			if (pol.outcome != SOLVE_OPTIMAL) {
				assert_false(took);
				continue;
			}
			struct solve_params free_sp = sp;
			free_sp.rate = 0;
			assert_int_equal(solver_run(s, &free_sp, &free_pol, NULL), ST_OK);
			assert_int_equal(free_pol.outcome, SOLVE_OPTIMAL);
			bool small_path = way == SOLVE_SEARCH_GLPK;
			if (!small_path)
				assert_false(took);
			if (slack && small_path) {
				assert_true(took);
				slack_checked++;
			}
			if (took) {
				fast++;
				assert_true(fabs(pol.objective - free_pol.objective) <=
					    1e-9 * (1 + fabs(pol.objective)));
			} else if (small_path) {
				/* the fallback ran: the optimum without the row breaks it */
				fallback++;
				assert_false(limits_counts_ok(&sp, &tp.pool, free_pol.count));
			} else if (limits_counts_ok(&sp, &tp.pool, free_pol.count)) {
				/* the search over supports, the row slack: the same optimum */
				searched++;
				assert_true(fabs(pol.objective - free_pol.objective) <=
					    1e-9 * (1 + fabs(pol.objective)));
			}
		}
		policy_free(&free_pol);
		policy_free(&pol);
		solver_free(s);
	}
	fprintf(stderr, "fast path: %d taken (%d with the row slack), %d fell back, %d searched\n",
		fast, slack_checked, fallback, searched);
	assert_true(slack_checked >= 60 && fast >= 60 && fallback >= 10 && searched >= 60);
}

/* ---- large K: the LP over both rows bounds the optimum ---------------- */

struct lp3 {
	const struct pool *p;
	unsigned mask;
	double b, tau;
};

static bool fits(const struct lp3 *q, double cost, double time)
{
	return cost <= q->b * (1 + 1e-12) && time <= q->tau * (1 + 1e-12);
}

/*
 * The LP value per inference over the models in mask: max p.y with
 * sum y = 1, c.y <= b, t.y <= tau, y >= 0.  Its optimum is a vertex, and a
 * vertex uses one model, two with one row tight, or three with both.
 */
static double lp3_value(const struct lp3 *q)
{
	const struct model *md = q->p->models;
	size_t n = q->p->n;
	double best = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		if (!(q->mask >> i & 1))
			continue;
		if (fits(q, md[i].cost, md[i].latency))
			best = fmax(best, md[i].accuracy);
		for (size_t j = i + 1; j < n; j++) {
			if (!(q->mask >> j & 1))
				continue;
			double s[2] = {NAN, NAN};
			if (md[j].cost != md[i].cost)
				s[0] = (q->b - md[i].cost) / (md[j].cost - md[i].cost);
			if (md[j].latency != md[i].latency)
				s[1] = (q->tau - md[i].latency) / (md[j].latency - md[i].latency);
			for (int r = 0; r < 2; r++) {
				if (!(s[r] >= 0 && s[r] <= 1))
					continue;
				double c = md[i].cost + s[r] * (md[j].cost - md[i].cost);
				double tt = md[i].latency + s[r] * (md[j].latency - md[i].latency);
				if (fits(q, c, tt))
					best = fmax(best, md[i].accuracy +
						    s[r] * (md[j].accuracy - md[i].accuracy));
			}
			for (size_t k = j + 1; k < n; k++) {
				if (!(q->mask >> k & 1))
					continue;
				/* y_i + y_j + y_k = 1 with both rows tight (Cramer) */
				double a1 = md[j].cost - md[i].cost, a2 = md[k].cost - md[i].cost;
				double b1 = md[j].latency - md[i].latency, b2 = md[k].latency - md[i].latency;
				double r1 = q->b - md[i].cost, r2 = q->tau - md[i].latency;
				double det = a1 * b2 - a2 * b1;
				if (fabs(det) < 1e-12)
					continue;
				double yj = (r1 * b2 - a2 * r2) / det, yk = (a1 * r2 - r1 * b1) / det;
				if (yj < 0 || yk < 0 || yj + yk > 1)
					continue;
				best = fmax(best, md[i].accuracy + yj * (md[j].accuracy - md[i].accuracy) +
					    yk * (md[k].accuracy - md[i].accuracy));
			}
		}
	}
	return best;
}

/*
 * Solve at large K on a pool whose cheapest model is also the fastest, and
 * check the answer lies in [UB - 2 spread - lambda u_f, UB]: UB is the best
 * support's LP value plus the credit of the models outside it (a bound on
 * every policy); flooring that LP vertex (three models at most) leaves at
 * most two inferences, which the cheapest-and-fastest model f takes without
 * breaking either row, each losing at most the spread of accuracies, and
 * f's loading credit at most.
 */
/* Solve at large K and check against the LP bound; adds the supports the box answered and
 * declined, and the node LPs time_lp answered (lp[0]) and passed to GLPK (lp[1]). */
static void check_large_k_time(const struct pool *pool, const struct solve_params *sp, size_t f,
			       size_t *boxed, size_t *declined, size_t lp[2])
{
	struct solver *s = solver_new(pool, NULL);
	assert_non_null(s);
	struct policy pol;
	policy_init(&pol, pool->n, NULL);
	struct status_msg m;
	assert_int_equal(solver_run(s, sp, &pol, &m), ST_OK);
	if (pol.outcome != SOLVE_OPTIMAL) {
		ts_print_pool(pool);
		fail_msg("K %lld budget %.17g rate %.17g: %s (%s)", sp->k, sp->budget, sp->rate,
			 solve_outcome_name(pol.outcome), pol.message);
	}
	assert_policy_consistent(pool, &pol);
	double ub = -INFINITY, spread = 0;
	for (unsigned mask = 1; mask < (1u << pool->n); mask++) {
		struct lp3 q = {pool, mask, sp->budget, limits_time_per_inference(sp)};
		double v = lp3_value(&q);
		if (v == -INFINITY)
			continue;
		v *= (double)sp->k;
		for (size_t i = 0; i < pool->n; i++)
			if (!(mask >> i & 1))
				v += sp->lambda * pool->models[i].load_cost;
		ub = fmax(ub, v);
	}
	for (size_t i = 0; i < pool->n; i++)
		for (size_t j = 0; j < pool->n; j++)
			spread = fmax(spread, pool->models[i].accuracy - pool->models[j].accuracy);
	double lo = ub - 2 * spread - sp->lambda * pool->models[f].load_cost;
	double slack = 1e-12 * fabs(ub);
	if (!(pol.objective <= ub + slack && pol.objective >= lo - slack)) {
		ts_print_pool(pool);
		fail_msg("K %lld: objective %.17g outside [%.17g, %.17g]", sp->k, pol.objective,
			 lo, ub);
	}
	assert_true(pol.busy_time <= sp->duty_cycle * (double)sp->k / sp->rate * (1 + 1e-12));
	assert_no_improving_move(pool, &pol);
	size_t b, d;
	solver_time_box_counts(s, &b, &d);
	*boxed += b;
	*declined += d;
	solver_time_lp_counts(s, &b, &d);
	lp[0] += b;
	lp[1] += d;
	policy_free(&pol);
	solver_free(s);
}

static void test_large_k_time(void **state)
{
	(void)state;
	struct ts_rng rng = {0x7118u};
	int solved = 0;
	size_t boxed = 0, declined = 0, lp[2] = {0, 0};
	for (int t = 0; t < 48; t++) {
		struct ts_pool tp;
		size_t n = 2 + ts_rand_below(&rng, 6);
		ts_random_pool(&tp, &rng, n, t % 3 == 0);
		add_latency(&tp, &rng, t % 2 == 0);
		/* model 0: the cheapest and the fastest (as a small network is) */
		size_t c = pool_cheapest(&tp.pool);
		tp.models[c].latency = 0.5 * min_latency(&tp.pool);
		struct solve_params sp = solve_params_default();
		sp.k = t % 2 ? 1000000 : 1000000000;
		sp.lambda = t % 3 == 0 ? 50 : 0;
		sp.budget = ts_rand_range(&rng, tp.models[c].cost, pool_max_cost(&tp.pool));
		sp.duty_cycle = ts_rand_range(&rng, 0.5, 1);
		double tau = ts_rand_range(&rng, tp.models[c].latency, max_latency(&tp.pool));
		sp.rate = sp.duty_cycle / tau;
		if (t % 4 == 3)
			sp.max_models = 2;
		check_large_k_time(&tp.pool, &sp, c, &boxed, &declined, lp);
		solved++;
	}
	assert_int_equal(solved, 48);
	/* the supports went through deploy_near_time's box, not deploy_mip's branch and bound */
	fprintf(stderr, "large K: %zu supports boxed, %zu declined\n", boxed, declined);
	assert_true(boxed >= 20 && boxed >= 4 * declined);
	/* the search's node LPs with the row: time_lp's, GLPK's only as its fallback */
	fprintf(stderr, "large K: %zu node LPs without GLPK, %zu with\n", lp[0], lp[1]);
	assert_true(lp[0] >= 20 && lp[1] * 20 <= lp[0]);
}

/* ---- the row matters, and the answers without a policy say why ------- */

static struct model demo[3] = {
	{(char *)"small", 10, 60, 1, 1, 0.020},
	{(char *)"mid", 30, 75, 1, 2, 0.080},
	{(char *)"big", 60, 85, 1, 4, 0.340},
};

static struct pool demo_pool(void)
{
	return (struct pool){.models = demo, .n = 3, .source = (char *)"dev.csv",
			     .cost_scale = 1, .has_memory = true, .has_latency = true};
}

/* Without the row the best policy keeps the device busier than 10/s allows; with it, it fits. */
static void test_row_not_vacuous(void **state)
{
	(void)state;
	struct pool pool = demo_pool();
	struct solver *s = solver_new(&pool, NULL);
	struct policy free_pol, timed;
	struct status_msg m;
	policy_init(&free_pol, 3, NULL);
	policy_init(&timed, 3, NULL);
	struct solve_params sp = solve_params_default();
	sp.k = 100000;
	sp.lambda = 0;
	sp.budget = 60;
	assert_int_equal(solver_run(s, &sp, &free_pol, &m), ST_OK);
	assert_int_equal(free_pol.outcome, SOLVE_OPTIMAL);
	double allowed = (double)sp.k / 10.0;  /* 10 inferences per second, duty cycle 1 */
	assert_true(free_pol.busy_time > allowed);  /* all on 'big': 0.34 s each */

	for (int mode = 0; mode < 2; mode++) {
		sp.rate = 10;
		sp.mode = mode ? SOLVE_MIN_COST : SOLVE_MAX_ACCURACY;
		sp.min_accuracy = 72;
		assert_int_equal(solver_run(s, &sp, &timed, &m), ST_OK);
		assert_int_equal(timed.outcome, SOLVE_OPTIMAL);
		assert_true(timed.busy_time <= allowed);
		assert_policy_consistent(&pool, &timed);
		sp.rate = 0;
		assert_int_equal(solver_run(s, &sp, &free_pol, &m), ST_OK);
		/* the floor's cheapest policy, too, is slower than the rate allows
		 * only in the primal; the dual's must still fit with the row */
		if (mode == 0)
			assert_true(timed.expected_accuracy < free_pol.expected_accuracy);
	}
	/* a duty cycle of a half halves the busy time allowed */
	sp.mode = SOLVE_MAX_ACCURACY;
	sp.rate = 10;
	sp.duty_cycle = 0.5;
	assert_int_equal(solver_run(s, &sp, &timed, &m), ST_OK);
	assert_int_equal(timed.outcome, SOLVE_OPTIMAL);
	assert_true(timed.busy_time <= allowed / 2);
	assert_true(timed.busy_time > allowed / 2 * 0.99);  /* the row binds */
	policy_free(&free_pol);
	policy_free(&timed);
	solver_free(s);
}

static void test_time_refusals(void **state)
{
	(void)state;
	struct pool pool = demo_pool();
	struct solver *s = solver_new(&pool, NULL);
	struct policy pol;
	struct status_msg m;
	policy_init(&pol, 3, NULL);
	struct solve_params sp = solve_params_default();
	sp.budget = 60;

	/* the deadline leaves out the slow models; none left is infeasible */
	sp.deadline = 0.1;
	assert_int_equal(solver_run(s, &sp, &pol, &m), ST_OK);
	assert_int_equal(pol.outcome, SOLVE_OPTIMAL);
	assert_int_equal(pol.count[2], 0);
	sp.deadline = 0.010;
	assert_infeasible_saying(s, &sp, &pol, "no model meets the deadline 10 ms",
				 "fastest takes 20 ms");
	sp.deadline = 0;

	/* faster than the fastest model: cannot keep up */
	sp.rate = 100;
	assert_infeasible_saying(s, &sp, &pol, "cannot keep up", "'small'");

	/* the budget affords only the slow models, the rate only the fast ones */
	sp.rate = 20;      /* 50 ms per inference */
	sp.budget = 29;    /* below 'mid', so 'small' must carry the time */
	sp.deadline = 0;
	sp.lambda = 0;
	sp.k = 1;
	pool.models[0].cost = 40;  /* now 'small' is dear and 'mid' the cheapest */
	struct solver *s2 = solver_new(&pool, NULL);
	sp.budget = 35;
	/* 'mid' is too slow alone, 'small' too dear alone: only half and half fits */
	for (long long k = 1; k <= 4; k++) {
		sp.k = k;
		assert_int_equal(solver_run(s2, &sp, &pol, &m), ST_OK);
		if (k % 2 == 1) {
			assert_int_equal(pol.outcome, SOLVE_INFEASIBLE);
			assert_non_null(strstr(pol.message, "no policy of whole inferences within "
					       "budget 35 keeps the device busy at most 100%"));
		} else {
			assert_int_equal(pol.outcome, SOLVE_OPTIMAL);
			assert_int_equal(pol.count[0], k / 2);
			assert_int_equal(pol.count[1], k / 2);
		}
	}
	sp.budget = 33;  /* the relaxation itself has no policy: no "whole" in the message */
	assert_int_equal(solver_run(s2, &sp, &pol, &m), ST_OK);
	assert_int_equal(pol.outcome, SOLVE_INFEASIBLE);
	assert_null(strstr(pol.message, "whole"));
	assert_non_null(strstr(pol.message, "within budget 33"));
	solver_free(s2);
	pool.models[0].cost = 10;

	/* a rate on a pool without latencies; the relaxation refuses the row */
	pool.has_latency = false;
	s2 = solver_new(&pool, NULL);
	sp.k = 1000;
	sp.budget = 60;
	assert_int_equal(solver_run(s2, &sp, &pol, &m), ST_DATA);
	assert_non_null(strstr(m.text, "no latency column"));
	solver_free(s2);
	sp.method = SOLVE_RELAXED;
	assert_int_equal(solver_run(s, &sp, &pol, &m), ST_USAGE);
	assert_non_null(strstr(m.text, "time row"));
	sp.method = SOLVE_EXACT;
	sp.duty_cycle = 1.5;
	assert_int_equal(solve_params_check(&sp, &m), ST_USAGE);
	assert_non_null(strstr(m.text, "duty cycle"));
	policy_free(&pol);
	solver_free(s);
}

/* A sweep with the row: every level optimal, within the row, never worse than the last. */
static void test_sweep_time(void **state)
{
	(void)state;
	struct pool pool = demo_pool();
	struct solver *s = solver_new(&pool, NULL);
	struct solve_params sp = solve_params_default();
	sp.k = 1000000000;
	sp.rate = 8;
	struct sweep sw;
	assert_int_equal(sweep_init(&sw, &pool, &sp, NAN, NAN, 21, NULL), ST_OK);
	assert_int_equal(sweep_run(&sw, s, NULL), ST_OK);
	for (size_t j = 0; j < sw.n_levels; j++) {
		const struct policy *p = &sw.levels[j].policy;
		assert_int_equal(p->outcome, SOLVE_OPTIMAL);
		assert_true(p->busy_time <= (double)sp.k / 8 * (1 + 1e-12));
		assert_policy_consistent(&pool, p);
		if (j > 0)
			assert_true(p->objective >= sw.levels[j - 1].policy.objective -
				    1e-12 * fabs(p->objective));
	}
	sweep_free(&sw);
	solver_free(s);
}

/* ---- lifetime with the time row (not monotone in K) ----------------- */

#define LT_MAX_K 48

/* Least total cost of k inferences at accuracy >= floor within the time row: brute force. */
static double brute_least(const struct pool *pool, const struct solve_params *sp, long long k)
{
	struct brute b;
	struct solve_params q = *sp;
	q.k = k;
	q.mode = SOLVE_MIN_COST;
	q.lambda = 0;
	brute_solve(&b, pool, &q);
	if (!b.found)
		return INFINITY;
	long double cost = 0;
	for (size_t i = 0; i < pool->n; i++)
		cost += (long double)b.best_x[i] * pool->models[i].cost;
	return (double)cost;
}

/*
 * The lifetime's K is the largest K whose least energy fits, by brute force
 * over every K up to the battery's reach; with the row the K that fit need
 * not be 1 .. K* (odd K can have no policy at all), which is what the
 * designed pool shows.
 */
static void test_lifetime_time(void **state)
{
	(void)state;
	struct ts_rng rng = {0x7119u};
	int gaps = 0;
	for (int t = 0; t < 40; t++) {
		struct ts_pool tp;
		size_t n = 2 + ts_rand_below(&rng, 2);
		ts_random_pool(&tp, &rng, n, true);
		add_latency(&tp, &rng, true);
		double lo = INFINITY, hi = -INFINITY;
		for (size_t i = 0; i < n; i++) {
			lo = fmin(lo, tp.models[i].accuracy);
			hi = fmax(hi, tp.models[i].accuracy);
		}
		struct solve_params sp = solve_params_default();
		sp.min_accuracy = ts_rand_range(&rng, lo, hi);
		if (t < 4) {  /* the designed pool: only half and half keeps up at the floor */
			tp.pool.n = n = 2;
			tp.models[0] = (struct model){tp.names[0], 40, 60, 1, 0, 0.020};
			tp.models[1] = (struct model){tp.names[1], 30, 75, 1, 0, 0.080};
			sp.min_accuracy = 67.5;
		}
		double rate = ts_rand_range(&rng, 0.5, 1.2) / ((min_latency(&tp.pool) +
							       max_latency(&tp.pool)) / 2);
		rate = round(rate * 100) / 100;  /* a decimal the battery's exact rate can hold */
		if (t < 4)
			rate = 20;  /* 50 ms per inference */
		struct battery_params bp = {.battery_j = 0, .idle_w = t % 2 ? 0.5 : 0,
					    .cost_unit_j = 1e-3};
		struct status_msg m;
		assert_int_equal(units_exact_from_double(rate, &bp.rate, &m), ST_OK);
		sp.rate = units_exact_value(&bp.rate);
		/* a battery that holds at most 30 of the cheapest inferences: every K that
		 * fits is below LT_MAX_K (each inference costs at least the cheapest) */
		double per = ts_min_cost(&tp.pool) * 1e-3 + bp.idle_w / sp.rate;
		bp.battery_j = per * ts_rand_range(&rng, 8, 30);
		long long want = 0;
		bool gap = false;
		for (long long k = 1; k <= LT_MAX_K; k++) {
			double e = brute_least(&tp.pool, &sp, k);
			bool fits = isfinite(e) && battery_fits(&bp, k, e);
			if (fits) {
				gap = gap || want < k - 1;
				want = k;
			}
		}
		gaps += gap;
		struct solver *s = solver_new(&tp.pool, NULL);
		struct policy p;
		struct lifetime_result r;
		policy_init(&p, n, NULL);
		assert_int_equal(lifetime_run(s, &tp.pool, &bp, sp.min_accuracy, &sp, &p, &r, &m), ST_OK);
		if (want == 0) {
			assert_true(r.outcome == LIFETIME_NOT_ONE || r.outcome == LIFETIME_INFEASIBLE);
		} else {
			if (r.outcome != LIFETIME_FOUND || r.k != want) {
				ts_print_pool(&tp.pool);
				fail_msg("t %d: lifetime %s K %lld (%s), brute force %lld", t,
					 lifetime_outcome_name(r.outcome), r.k, r.message, want);
			}
			assert_true(p.busy_time <= (double)r.k / sp.rate * (1 + 1e-12));
		}
		policy_free(&p);
		solver_free(s);
	}
	assert_true(gaps >= 4);  /* the designed pools, at least, skip the odd K */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_row_not_vacuous),
		cmocka_unit_test(test_time_refusals),
		cmocka_unit_test(test_brute_force_time),
		cmocka_unit_test(test_time_fast_path),
		cmocka_unit_test(test_large_k_time),
		cmocka_unit_test(test_sweep_time),
		cmocka_unit_test(test_lifetime_time),
	};
	return cmocka_run_group_tests_name("solve_time", tests, NULL, NULL);
}
