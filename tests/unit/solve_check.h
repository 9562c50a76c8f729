/*
 * solve_check.h - independent references for the solver tests: an exhaustive
 * brute force on small instances and a proven analytic bound at large K.
 */
#ifndef OPTDEPLOY_SOLVE_CHECK_H
#define OPTDEPLOY_SOLVE_CHECK_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "test_support.h"

/* ---- brute force ------------------------------------------------------ */

struct brute {
	const struct pool *pool;
	struct solve_params sp;
	long long x[TS_MAX_MODELS];
	long long best_x[TS_MAX_MODELS];
	double best;
	bool found;
};

/*
 * The device limits, the deadline and the time row of solve_params (sum t x
 * <= D K / rate), counted independently of the solver.
 */
static inline bool brute_limits_ok(const struct pool *pool, const struct solve_params *sp,
				   const long long *x)
{
	size_t used = 0;
	long double mem = 0, busy = 0, tmax = 0;
	for (size_t i = 0; i < pool->n; i++) {
		tmax = fmaxl(tmax, pool->models[i].latency);
		if (x[i] > 0) {
			used++;
			mem += pool->models[i].memory;
			busy += (long double)x[i] * pool->models[i].latency;
			if (sp->deadline > 0 && pool->models[i].latency > sp->deadline * (1 + 1e-9L))
				return false;
		}
	}
	if (sp->rate > 0) {
		long double duty = sp->duty_cycle > 0 ? sp->duty_cycle : 1;
		long double allowed = duty * (long double)sp->k / sp->rate;
		if (busy > allowed + 1e-12L * (long double)sp->k * fmaxl(tmax, duty / sp->rate) + 1e-12L)
			return false;
	}
	if (sp->max_models > 0 && used > sp->max_models)
		return false;
	return !(isfinite(sp->memory_limit) && sp->memory_limit >= 0) ||
	       mem <= sp->memory_limit * (1 + 1e-9L);
}

static inline bool brute_feasible(const struct brute *b)
{
	if (!brute_limits_ok(b->pool, &b->sp, b->x))
		return false;
	long double sum = 0;
	for (size_t i = 0; i < b->pool->n; i++) {
		const struct model *md = &b->pool->models[i];
		sum += (long double)b->x[i] * (b->sp.mode == SOLVE_MAX_ACCURACY
			? md->cost : md->accuracy);
	}
	long double k = (long double)b->sp.k;
	return b->sp.mode == SOLVE_MAX_ACCURACY ? sum <= b->sp.budget * k + 1e-9
						: sum >= b->sp.min_accuracy * k - 1e-9;
}

static inline double brute_objective(const struct brute *b)
{
	long double acc = 0, cost = 0, unused = 0, used = 0;
	for (size_t i = 0; i < b->pool->n; i++) {
		const struct model *md = &b->pool->models[i];
		acc += (long double)b->x[i] * md->accuracy;
		cost += (long double)b->x[i] * md->cost;
		if (b->x[i] == 0)
			unused += md->load_cost;
		else
			used += md->load_cost;
	}
	return b->sp.mode == SOLVE_MAX_ACCURACY ? (double)(acc + b->sp.lambda * unused)
						: (double)(cost + b->sp.lambda * used);
}

/* Enumerate every composition of `left` inferences over models i..n-1. */
static inline void brute_enumerate(struct brute *b, size_t i, long long left)
{
	if (i + 1 == b->pool->n) {
		b->x[i] = left;
		if (!brute_feasible(b))
			return;
		double obj = brute_objective(b);
		bool better = b->sp.mode == SOLVE_MAX_ACCURACY ? obj > b->best : obj < b->best;
		if (!b->found || better) {
			b->found = true;
			b->best = obj;
			memcpy(b->best_x, b->x, sizeof b->x);
		}
		return;
	}
	for (long long c = 0; c <= left; c++) {
		b->x[i] = c;
		brute_enumerate(b, i + 1, left - c);
	}
}

static inline void brute_solve(struct brute *b, const struct pool *pool, const struct solve_params *sp)
{
	memset(b, 0, sizeof *b);
	b->pool = pool;
	b->sp = *sp;
	brute_enumerate(b, 0, sp->k);
}

/* Check a policy's derived figures against its own counts. */
static inline void assert_policy_consistent(const struct pool *pool, const struct policy *p)
{
	long long total = 0;
	long double cost = 0, acc = 0, load = 0;
	for (size_t i = 0; i < pool->n; i++) {
		assert_true(p->count[i] >= 0);
		total += p->count[i];
		cost += (long double)p->count[i] * pool->models[i].cost;
		acc += (long double)p->count[i] * pool->models[i].accuracy;
		if (p->params.mode == SOLVE_MAX_ACCURACY ? p->count[i] == 0 : p->count[i] > 0)
			load += pool->models[i].load_cost;
	}
	assert_int_equal(total, p->params.k);
	assert_true(brute_limits_ok(pool, &p->params, p->count));
	long double k = (long double)p->params.k;
	if (p->params.mode == SOLVE_MAX_ACCURACY)
		assert_true(cost <= p->params.budget * k * (1 + 1e-14L) + 1e-9L);
	else
		assert_true(acc >= p->params.min_accuracy * k - 1e-14L * fabsl(acc) - 1e-9L);
	assert_true(fabs(p->loading_term - (double)(p->params.lambda * load)) <=
		    1e-9 * (1 + fabs(p->loading_term)));
}

static inline void check_against_brute(const struct pool *pool, struct solver *s,
				const struct solve_params *sp, struct policy *pol)
{
	struct brute b;
	struct status_msg m;
	brute_solve(&b, pool, sp);
	assert_int_equal(solver_run(s, sp, pol, &m), ST_OK);
	if (!b.found) {
		assert_int_equal(pol->outcome, SOLVE_INFEASIBLE);
		return;
	}
	if (pol->outcome != SOLVE_OPTIMAL)
		fail_msg("outcome %s (%s), brute force found %.17g",
			 solve_outcome_name(pol->outcome), pol->message, b.best);
	assert_policy_consistent(pool, pol);
	double tol = 1e-9 * (1 + fabs(b.best));
	if (fabs(pol->objective - b.best) > tol) {
		ts_print_pool(pool);
		fail_msg("mode %d K %lld lambda %g budget %g floor %g: solver %.17g brute %.17g",
			 sp->mode, sp->k, sp->lambda, sp->budget, sp->min_accuracy,
			 pol->objective, b.best);
	}
}

/*
 * Both objectives (max accuracy under sp->budget, min cost above floor)
 * against brute force, under each of the n_ways support strategies.
 * Returns the number of comparisons made (2 per strategy).
 */
static inline size_t check_ways_against_brute(const struct pool *pool, struct solver *s,
					      struct solve_params sp, double floor,
					      const enum solve_search *ways, size_t n_ways,
					      struct policy *pol)
{
	for (size_t w = 0; w < n_ways; w++) {
		solver_set_search(s, ways[w]);
		sp.mode = SOLVE_MAX_ACCURACY;
		check_against_brute(pool, s, &sp, pol);
		sp.mode = SOLVE_MIN_COST;
		sp.min_accuracy = floor;
		check_against_brute(pool, s, &sp, pol);
	}
	return 2 * n_ways;
}

/* ---- large K: an analytic bound proves the answer ---------------------- */

/*
 * Upper bound: the best over every support S of (LP value of S) + lambda *
 * load of the models outside S; the LP value of S is its best one- or
 * two-model mix at the budget.  Every support also has an integer policy
 * within (p_max - p_min) of its LP value (floor the pair, leftover to the
 * cheaper one), so the optimum lies in [bound - spread, bound].
 */
static inline double support_lp_value(const struct pool *p, unsigned mask, double b, long long k)
{
	double best = -INFINITY;
	for (size_t i = 0; i < p->n; i++) {
		if (!(mask >> i & 1))
			continue;
		const struct model *a = &p->models[i];
		if (a->cost <= b && a->accuracy > best)
			best = a->accuracy;
		for (size_t j = 0; j < p->n; j++) {
			const struct model *c = &p->models[j];
			if (!(mask >> j & 1) || !(a->cost < b && c->cost > b))
				continue;
			double t = (b - a->cost) / (c->cost - a->cost);
			double v = (1 - t) * a->accuracy + t * c->accuracy;
			if (v > best)
				best = v;
		}
	}
	return best * (double)k;
}

static inline double analytic_upper_bound(const struct pool *p, const struct solve_params *sp)
{
	double best = -INFINITY;
	for (unsigned mask = 1; mask < (1u << p->n); mask++) {
		long long in[TS_MAX_MODELS] = {0};
		for (size_t i = 0; i < p->n; i++)
			in[i] = mask >> i & 1;
		if (!brute_limits_ok(p, sp, in))
			continue;  /* a support the device limits forbid */
		double v = support_lp_value(p, mask, sp->budget, sp->k);
		if (v == -INFINITY)
			continue;
		for (size_t i = 0; i < p->n; i++)
			if (!(mask >> i & 1))
				v += sp->lambda * p->models[i].load_cost;
		if (v > best)
			best = v;
	}
	return best;
}

/* No single inference moved from one model to another improves the policy. */
static inline void assert_no_improving_move(const struct pool *p, const struct policy *pol)
{
	struct brute b = {.pool = p, .sp = pol->params};
	memcpy(b.x, pol->count, p->n * sizeof *b.x);
	double base = brute_objective(&b);
	for (size_t i = 0; i < p->n; i++) {
		for (size_t j = 0; j < p->n && b.x[i] > 0; j++) {
			if (i == j)
				continue;
			b.x[i]--;
			b.x[j]++;
			if (brute_feasible(&b))
				assert_true(brute_objective(&b) <= base + 1e-15 * fabs(base) + 1e-9);
			b.x[i]++;
			b.x[j]--;
		}
	}
}


/*
 * Solve with sp: the solver runs, proves there is no policy, and its
 * message contains `says` and (unless NULL) `also`.  The infeasible cases of
 * the limit and time tests all check these three things.
 */
static inline void assert_infeasible_saying(struct solver *s, const struct solve_params *sp,
					    struct policy *pol, const char *says,
					    const char *also)
{
	struct status_msg m;
	assert_int_equal(solver_run(s, sp, pol, &m), ST_OK);
	assert_int_equal(pol->outcome, SOLVE_INFEASIBLE);
	if (strstr(pol->message, says) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", pol->message, says);
	if (also != NULL && strstr(pol->message, also) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", pol->message, also);
}

/*
 * Solve at large K and check the answer against the proven analytic bound:
 * objective within [UB - (p_max - p_min), UB], counts exact, no single move
 * improves it.
 */
static inline void check_large_k_params(const struct pool *pool, const struct solve_params *sp)
{
	struct solver *s = solver_new(pool, NULL);
	assert_non_null(s);
	struct policy pol;
	policy_init(&pol, pool->n, NULL);
	struct status_msg m;
	assert_int_equal(solver_run(s, sp, &pol, &m), ST_OK);
	if (pol.outcome != SOLVE_OPTIMAL)
		fail_msg("K %lld budget %.17g: %s (%s)", sp->k, sp->budget,
			 solve_outcome_name(pol.outcome), pol.message);
	assert_policy_consistent(pool, &pol);
	double ub = analytic_upper_bound(pool, sp);
	double spread = 0;
	for (size_t i = 0; i < pool->n; i++)
		for (size_t j = 0; j < pool->n; j++)
			spread = fmax(spread, pool->models[i].accuracy - pool->models[j].accuracy);
	double slack = 1e-12 * fabs(ub);
	if (!(pol.objective <= ub + slack && pol.objective >= ub - spread - slack))
		fail_msg("K %lld budget %.17g: objective %.17g outside [%.17g, %.17g]", sp->k,
			 sp->budget, pol.objective, ub - spread, ub);
	assert_no_improving_move(pool, &pol);
	policy_free(&pol);
	solver_free(s);
}

#endif
