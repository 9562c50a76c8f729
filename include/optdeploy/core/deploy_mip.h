/*
 * deploy_mip.h - the exact deployment problem as a GLPK integer program in
 * split-count form (internal to the solver).
 *
 * GLPK's tolerances are relative to the magnitude of bounds: with counts
 * near K = 1e9 its branch and bound cannot tell x <= n from x >= n + 1, and
 * a binary within 1e-5 of 0 still lets x_k = K z_k reach 10^4.  So every
 * count is written x_k = Q h_k + r_k with Q = ceil(sqrt(K)), h_k in [0, K/Q]
 * and r_k in [0, Q - 1]: no integer variable exceeds ~31623, and
 *
 *   sum r_k - Q w = K mod Q,   sum h_k + w = K div Q     (w: integer carry)
 *
 * is sum x_k = K with right-hand sides of the same small size.  The link
 * x_k <= K z_k becomes h_k <= (K div Q) z_k and r_k <= (Q - 1) z_k.
 *
 * The support (which z_k are 1) can be fixed by the caller: GLPK's branch
 * and bound then works on the small integers h, r, w only.  Branching on z
 * inside GLPK was measured to prune the optimum at K >= 1e8 (its one-step
 * degradation estimates go wrong when lambda = 0.1 K sits beside
 * coefficients near 1), so at large K the search over supports is
 * support_search.c's; at small K GLPK branches on z itself, which is exact
 * there and far faster when integrality gaps dwarf lambda.
 */
#ifndef OPTDEPLOY_DEPLOY_MIP_H
#define OPTDEPLOY_DEPLOY_MIP_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"

struct deploy_mip;

/* kept[0..m-1] are pool indices; both pool and kept are borrowed. */
struct deploy_mip *deploy_mip_new(const struct pool *pool, const size_t *kept, size_t m);
void deploy_mip_free(struct deploy_mip *mip);

enum deploy_mip_result { DEPLOY_MIP_OPTIMAL, DEPLOY_MIP_INFEASIBLE, DEPLOY_MIP_TIME_LIMIT,
			 DEPLOY_MIP_FAILED };

/*
 * Solve exactly over the models with use[k] true (the others serve nothing),
 * or, when use is NULL, over every model with GLPK choosing the support.
 * The objective is shifted by incumbent_objective (when finite) so GLPK's
 * relative pruning tolerance acts on small numbers; incumbent[0..m-1], when
 * not NULL, is a feasible policy within this support that GLPK starts from.
 * On DEPLOY_MIP_OPTIMAL, x[0..m-1] receives the counts.
 */
enum deploy_mip_result deploy_mip_solve(struct deploy_mip *mip, const struct solve_params *sp,
					const bool *use, double resource_tol,
					const long long *incumbent,
					double incumbent_objective, int time_limit_ms,
					long long *x);

#endif
