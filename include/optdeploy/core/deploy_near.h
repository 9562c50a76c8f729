/*
 * deploy_near.h - the exact integer program of one support as a small GLPK
 * model around its LP vertex (internal to the solver).
 *
 * For a fixed set of allowed models the problem has two rows, sum x = K and
 * the resource row, so its LP optimum mixes at most two models a and b (a
 * hull segment).  deploy_near.c proves, from the LP's dual line, how far an
 * optimal integer policy can lie from that vertex: every other model's count
 * is bounded by reduced-cost fixing and, with exact arithmetic on the data,
 * by an exchange argument that also covers models tied with the segment
 * (equal accuracy per unit of cost); a and b then lie within a few units of
 * the rounded vertex.  GLPK solves the integer program restricted to that
 * box, written as small offsets from the vertex, and proves its optimum;
 * the argument in deploy_near.c makes it the optimum of the whole support.
 * No count range, and so no branch-and-bound tree, depends on K.  With the
 * time row of a rate, deploy_near_solve hands the support to
 * deploy_near_time.h's box for two rows.
 */
#ifndef OPTDEPLOY_DEPLOY_NEAR_H
#define OPTDEPLOY_DEPLOY_NEAR_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"

struct deploy_near;

/* kept[0..m-1] are pool indices; both pool and kept are borrowed. */
struct deploy_near *deploy_near_new(const struct pool *pool, const size_t *kept, size_t m);
void deploy_near_free(struct deploy_near *nr);

enum deploy_near_result {
	DEPLOY_NEAR_OPTIMAL,
	DEPLOY_NEAR_INFEASIBLE,   /* no allowed model meets the resource row */
	DEPLOY_NEAR_TIME_LIMIT,
	DEPLOY_NEAR_FAILED,
	DEPLOY_NEAR_NO_BOX,       /* no small box can be proven (near ties in inexact
	                             data; with a rate, deploy_near_time.h): use deploy_mip */
	DEPLOY_NEAR_BEATEN        /* the support's answer cannot beat the cutoff
	                             (deploy_near_solve_above) */
};

/*
 * Solve exactly over the models with use[k] true (allowed, not forced: a
 * count may be 0).  resource_tol widens the resource row as in deploy_mip.
 * On DEPLOY_NEAR_OPTIMAL, x[0..m-1] receives the counts (0 outside use).
 */
enum deploy_near_result deploy_near_solve(struct deploy_near *nr, const struct solve_params *sp,
					  const bool *use, double resource_tol, int time_limit_ms,
					  long long *x);

/*
 * deploy_near_solve, told that only policies whose v.x - lambda * (the
 * loading costs of the models they use) exceeds cutoff matter (v =
 * accuracy, or -cost when minimizing): with a rate, DEPLOY_NEAR_BEATEN,
 * without GLPK, when deploy_near_time.c proves the policy GLPK would answer
 * is below it (the LP's bound, or every point of a small box).  NAN: none.
 */
enum deploy_near_result deploy_near_solve_above(struct deploy_near *nr,
						const struct solve_params *sp, const bool *use,
						double resource_tol, double cutoff, double lambda,
						int time_limit_ms, long long *x);

/* Supports of problems with a rate that deploy_near_solve_above's cutoff answered. */
size_t deploy_near_time_beaten(const struct deploy_near *nr);

/*
 * Supports of problems with a rate answered by deploy_near_time's box, and
 * those it handed back to the caller (DEPLOY_NEAR_NO_BOX), since nr was made.
 */
void deploy_near_time_counts(const struct deploy_near *nr, size_t *boxed, size_t *declined);

#endif
