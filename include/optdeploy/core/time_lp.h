/*
 * time_lp.h - the support search's node LP with the time row, without GLPK
 * (internal to the solver).
 *
 * With a rate and no memory limit, a node's relaxation (deploy_lp.h, the
 * same LP: z projected out, the same snapped rows and right-hand sides) is
 *
 *   max sum v_k x_k  s.t.  sum x = K,  sum a_k x_k <= A,  sum t_k x_k <= T,
 *                          x >= 0 over the models the node allows,
 *
 * three rows (the dual's floor row negated, its objective too), solved by a
 * small primal simplex on a 3 x 3 basis in long double.  The bound it gives
 * is never the simplex's value: it is weak duality's from the final row
 * prices (pi_a, pi_t >= 0): K max_k (v_k - pi_a a_k - pi_t t_k) + pi_a A +
 * pi_t T, valid for any prices, widened beyond its rounding.  A node is
 * called infeasible only with a certificate: weights w >= 0 of the two rows
 * with K min_k (w_a a_k + w_t t_k) > w_a A + w_t T by a margin.  Anything
 * else (an iteration cap, a singular basis, an uncertified verdict) is
 * TIME_LP_UNSURE: the caller asks GLPK (deploy_lp_solve).
 */
#ifndef OPTDEPLOY_TIME_LP_H
#define OPTDEPLOY_TIME_LP_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"

struct time_lp;

/* kept[0..m-1] are pool indices; both borrowed.  NULL when out of memory. */
struct time_lp *time_lp_new(const struct pool *pool, const size_t *kept, size_t m);
void time_lp_free(struct time_lp *lp);

/* The node LP is this file's: a time row, and no memory row. */
bool time_lp_applies(const struct solve_params *sp);

enum time_lp_result { TIME_LP_BOUND, TIME_LP_INFEASIBLE, TIME_LP_UNSURE };

/*
 * The node zfix (-1 free, 0 unused, 1 used; NULL: all free) of sp's LP,
 * as deploy_lp_solve defines it.  On TIME_LP_BOUND, *bound is a rigorous
 * bound on that LP's optimum in the problem's sense (at or above deploy_lp's
 * value when maximising, at or below it for the dual) and x[0..m-1] the
 * simplex's counts (a heuristic only).
 */
enum time_lp_result time_lp_solve(struct time_lp *lp, const struct solve_params *sp,
				  const signed char *zfix, double resource_tol, double *bound,
				  double *x);

/*
 * The row prices (>= 0) of the resource and time rows at the last
 * TIME_LP_BOUND of time_lp_solve: the duals behind its bound, per inference,
 * in the rows' own units (cost - budget or floor - accuracy, latency - duty
 * / rate).
 */
void time_lp_prices(const struct time_lp *lp, long double *pi_a, long double *pi_t);

/*
 * The same node's LP with every allowed model valued without its loading
 * charge (the models the node fixes used still pay theirs, as a constant):
 * a rigorous bound on v.x minus those charges over the node's policies,
 * whichever free models they use.  Its own warm start, apart from
 * time_lp_solve's.  TIME_LP_UNSURE: no bound.
 */
enum time_lp_result time_lp_solve_uncharged(struct time_lp *lp, const struct solve_params *sp,
					    const signed char *zfix, double resource_tol,
					    double *bound);

/* Node LPs answered (a bound or a certified infeasibility) and passed to GLPK. */
void time_lp_counts(const struct time_lp *lp, size_t *answered, size_t *declined);

#endif
