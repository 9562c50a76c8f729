/*
 * deploy_lp.h - the paper's LP relaxation of the deployment problem as one
 * reusable GLPK problem (internal to the solver).
 *
 * Columns x_k (continuous, [0, K]) and z_k (continuous, [0, 1]) for the m
 * models the solver kept; rows: sum x = K, the resource row relative to the
 * budget (or accuracy floor) so its bound is ~0, and the paper's link
 * x_k <= K z_k.  Its optimum is the relaxation's value; its solution, rounded
 * down, is the paper's policy and the exact search's first incumbent.
 */
#ifndef OPTDEPLOY_DEPLOY_LP_H
#define OPTDEPLOY_DEPLOY_LP_H

#include <stddef.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"

struct deploy_lp;

/* kept[0..m-1] are pool indices; both pool and kept are borrowed. */
struct deploy_lp *deploy_lp_new(const struct pool *pool, const size_t *kept, size_t m);
void deploy_lp_free(struct deploy_lp *lp);

enum deploy_lp_result { DEPLOY_LP_OPTIMAL, DEPLOY_LP_INFEASIBLE, DEPLOY_LP_TIME_LIMIT,
			DEPLOY_LP_FAILED };

/*
 * Solve for sp (warm-started from the previous basis).  zfix[k] (when zfix
 * is not NULL) fixes model k's z: 1 used, 0 unused, -1 free in [0, 1] (the
 * relaxation).  resource_tol widens
 * the resource row by the rounding noise the solver tolerates.  On
 * DEPLOY_LP_OPTIMAL, *objective is the LP value (less the primal constant lambda sum u)
 * and x[0..m-1] the counts (fractional).
 */
enum deploy_lp_result deploy_lp_solve(struct deploy_lp *lp, const struct solve_params *sp,
				      const signed char *zfix, double resource_tol, int time_limit_ms, double *objective,
				      double *x);

#endif
