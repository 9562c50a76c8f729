/*
 * limits.h - device limits on the set of models a policy uses: at most
 * max_models of them, and the sum of their memory at most memory_limit (see
 * struct solve_params).  Both are linear in the "model is used" decisions
 * and every part of the exact solver adds them as rows or checks them here.
 */
#ifndef OPTDEPLOY_LIMITS_H
#define OPTDEPLOY_LIMITS_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"

/* A model-count or a memory limit is set. */
bool limits_active(const struct solve_params *sp);

/* A memory limit is set (finite and >= 0). */
bool limits_memory_active(const struct solve_params *sp);

/*
 * Time (solve.h): a deadline is set; the time row is (a rate is set); either
 * (the pool then needs latencies).  The time row is written per inference,
 * sum (t_i - tau) x_i <= 0 with tau = duty / rate (limits_time_per_inference,
 * INFINITY without a rate), like the resource row, so no coefficient
 * grows with K.
 */
bool limits_deadline_active(const struct solve_params *sp);
bool limits_time_active(const struct solve_params *sp);
bool limits_need_latency(const struct solve_params *sp);
double limits_duty(const struct solve_params *sp);
double limits_time_per_inference(const struct solve_params *sp);

/* sum (tau - t_i) x_i in long double: >= 0 when the counts meet the time row. */
long double limits_time_slack(const struct solve_params *sp, const struct pool *pool,
			      const long long *count);

/* Rounding noise tolerated on the time row (the resource row's rule). */
long double limits_time_tolerance(const struct solve_params *sp, const struct pool *pool);

/*
 * The time row as GLPK gets it.  tau = duty / rate carries the rounding of
 * a decimal rate, so a latency equal to tau in decimal comes out a few ulps
 * away from it: 7e-14 beside coefficients of 72 in the internal units.
 * Such noise coefficients, 1e15 times smaller than the row's others,
 * stalled GLPK's primal simplex for the whole time limit and made its
 * branch and bound return policies that break sum x = K
 * (test_solve_adversarial).  So a coefficient t - tau within
 * LIMITS_TIME_SNAP of the row's scale (limits_time_scale) is 0 in GLPK's
 * row; over K inferences that moves the row by at most K x LIMITS_TIME_SNAP
 * x scale, which limits_time_row_bound takes off the row's bound: what GLPK
 * accepts still passes limits_counts_ok, and a policy that meets the row
 * exactly still meets GLPK's (the bound stays above K x LIMITS_TIME_SNAP x
 * scale).
 */
#define LIMITS_TIME_SNAP 8e-15
#define LIMITS_RESOURCE_SNAP LIMITS_TIME_SNAP
double limits_time_scale(const struct solve_params *sp, const struct pool *pool);
double limits_time_coef(const struct solve_params *sp, double scale, double latency);
double limits_time_row_bound(const struct solve_params *sp, const struct pool *pool);

/*
 * The resource row (sum (c - budget) x <= tol, or sum (p - floor) x >=
 * -tol) likewise: a budget computed as B / K, or a floor, equal to a
 * model's cost or accuracy but for the last bits gave that model a noise
 * coefficient, and GLPK's support search returned a policy 5% below the
 * optimum (K = 999999937, test_solve_adversarial).  The scale is the one
 * of the solver's resource tolerance (the largest |cost|, or |accuracy|,
 * and 1); limits_resource_row_bound is that tolerance less what the
 * snapped coefficients can move over K inferences.
 */
double limits_resource_scale(const struct solve_params *sp, const struct pool *pool);
double limits_resource_coef(const struct solve_params *sp, double scale, const struct model *md);
double limits_resource_row_bound(const struct solve_params *sp, double scale, double tol);

/*
 * The memory limit with its rounding allowance (1e-9 relative, so decimal
 * footprints that add up to the limit exactly in decimal still fit);
 * INFINITY when no memory limit is set.
 */
double limits_memory_cap(const struct solve_params *sp);

/* The model fits in memory on its own and meets the deadline (true without either). */
bool limits_model_fits(const struct solve_params *sp, const struct model *md);

/* A set of `used` models with `memory` in total meets both limits. */
bool limits_allow(const struct solve_params *sp, size_t used, long double memory);

/* Pool-indexed counts (n entries) meet both limits, the deadline and the time row. */
bool limits_counts_ok(const struct solve_params *sp, const struct pool *pool,
		      const long long *count);

#endif
