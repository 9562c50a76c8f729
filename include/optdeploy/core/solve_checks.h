/*
 * solve_checks.h - the solver's checks before GLPK (internal to the solver;
 * solve_params_default and solve_params_check are declared in solve.h).
 */
#ifndef OPTDEPLOY_SOLVE_CHECKS_H
#define OPTDEPLOY_SOLVE_CHECKS_H

#include <stdbool.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"

#define SOLVE_DEFAULT_TIME_LIMIT 10.0  /* seconds, when solve_params.time_limit <= 0 */

/*
 * Answer the problems no policy can solve without GLPK: no model fits the
 * memory limit, the budget is below the cheapest (fitting) model's cost, or
 * the floor above the best reachable accuracy.  True when out now says so
 * (outcome, message, nearest); the pool and sp are in the caller's units.
 */
bool solve_infeasible_early(const struct pool *pool, const struct solve_params *sp,
			    struct policy *out);

/*
 * The message of a problem the time row makes infeasible: the LP relaxation
 * proved it (whole false), or the exact search found no policy of whole
 * inferences where the relaxation had one (two rows: see support_search.h).
 */
void solve_time_infeasible_text(char *buf, size_t size, const struct solve_params *sp,
				bool whole);

/*
 * Slack of the resource row for integer counts (pool-indexed), in long
 * double: primal  sum (b - c) x,  dual  sum (p - P) x.  Non-negative when
 * feasible.
 */
long double solve_resource_slack(const struct pool *pool, const struct solve_params *sp,
				 const long long *count);

/*
 * Rounding noise tolerated on the resource row: 2e-14 of its largest term
 * (scale = limits_resource_scale of the pool), far below one inference's
 * worth (2e-3 cost units at K = 1e9).  Decimal costs are inexact in binary,
 * so a policy that spends the budget to the cent can come out 1e-6 over it
 * in floating point; GLPK is given the same allowance so it accepts exactly
 * what solve_counts_feasible accepts.
 */
long double solve_resource_tolerance(const struct solve_params *sp, double scale);

/* The counts are >= 0, sum to K, meet the resource row within tol and every device limit. */
bool solve_counts_feasible(const struct pool *pool, const struct solve_params *sp,
			   const long long *count, long double tol);

/* Theorem 3.2: (p_best + p_second - 2 p_cheapest) / K, clamped (see solve_checks.c). */
double solve_theorem_bound(const struct pool *pool, long long k);

#endif
