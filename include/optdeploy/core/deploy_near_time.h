/*
 * deploy_near_time.h - one support's exact integer program with the time row
 * of a rate, as a small GLPK model around a rounded LP vertex (internal to
 * the solver; deploy_near hands it every support when a rate is set).
 *
 * With two knapsack rows (the resource row and the time row) and sum x = K,
 * the support's LP vertex mixes up to three models.  deploy_near_time.c
 * proves from any non-negative dual of that LP and a feasible integer
 * policy x0 (the rounded vertex) how far every policy at least as good as
 * x0 lies from it: reduced-cost fixing bounds the non-basic models, the
 * two rows' dual prices bound both slacks, and the (at most three) basic
 * models are then bounded through the rows' linear system.  GLPK solves
 * the program over that box, in offsets from x0 with both rows, and proves
 * its optimum, which is then the support's.  No box size depends on K.
 * The optima GLPK found are kept (near_proof.h): the next box starts from
 * the same support's, and is answered by it without GLPK when its earlier
 * proof covers the box (a budget step that leaves the resource row slack).
 */
#ifndef OPTDEPLOY_DEPLOY_NEAR_TIME_H
#define OPTDEPLOY_DEPLOY_NEAR_TIME_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/deploy_near.h"
#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"

struct deploy_near_time;

/* kept[0..m-1] are pool indices; both pool and kept are borrowed. */
struct deploy_near_time *deploy_near_time_new(const struct pool *pool, const size_t *kept,
					      size_t m);
void deploy_near_time_free(struct deploy_near_time *nt);

/*
 * Solve exactly over the models with use[k] true (allowed, not forced),
 * with the resource row (widened by resource_tol, as deploy_near) and the
 * time row of sp's rate (widened by limits_time_tolerance), which must be
 * active.  On DEPLOY_NEAR_OPTIMAL, x[0..m-1] receives the support's optimum
 * (0 outside use), checked against both rows in long double.
 * DEPLOY_NEAR_NO_BOX when no small box was proven (ties with the vertex, a
 * near-singular basis, no feasible rounding of the vertex, a box beyond
 * the cap) or GLPK's answer failed that check: the caller then solves the
 * support with deploy_mip.  Never DEPLOY_NEAR_INFEASIBLE except for an empty
 * support: an infeasible LP is left to deploy_mip to prove.
 * DEPLOY_NEAR_BEATEN, before GLPK, when cutoff is not NAN and the policy
 * GLPK would answer provably has v.x - lambda * (its models' loading
 * costs) below cutoff (v: accuracy, or -cost when minimizing).
 */
enum deploy_near_result deploy_near_time_solve(struct deploy_near_time *nt,
					       const struct solve_params *sp, const bool *use,
					       double resource_tol, double cutoff, double lambda,
					       int time_limit_ms, long long *x);

/* Supports answered by the box, and supports handed back (DEPLOY_NEAR_NO_BOX), so far. */
size_t deploy_near_time_boxed(const struct deploy_near_time *nt);
size_t deploy_near_time_declined(const struct deploy_near_time *nt);
size_t deploy_near_time_beaten_count(const struct deploy_near_time *nt);
/* Of the boxed supports, those answered by an earlier GLPK proof (near_proof.h). */
size_t deploy_near_time_reused(const struct deploy_near_time *nt);

#endif
