/*
 * support_search.h - exact search over which models are used (internal to
 * the solver).
 *
 * A depth-first branch and bound on the "model k is used" decisions of the
 * priced models (lambda * u_k > 0).  Every node's bound is GLPK's optimum of
 * the LP relaxation with the decided z fixed (deploy_lp); every candidate
 * support is solved to integer optimality by GLPK (deploy_mip).  A node is
 * pruned only when GLPK's LP bound does not beat the incumbent.  Each
 * support's integer program is deploy_near's box around the LP vertex,
 * or deploy_mip's split-count program when no small box can be proven.
 *
 * The time row of a rate (limits.h) is a row of every node's LP, so each
 * bound is still a relaxation's, and of every support's integer program,
 * which is then deploy_mip's (deploy_near proves no box for two rows).
 * With it an LP-feasible problem can have no integer policy (two models
 * mixed in a proportion no K allows): a search that ends with no incumbent
 * has proven every support empty and answers SOLVE_INFEASIBLE.
 */
#ifndef OPTDEPLOY_SUPPORT_SEARCH_H
#define OPTDEPLOY_SUPPORT_SEARCH_H

#include <stddef.h>

#include "optdeploy/core/deploy_lp.h"
#include "optdeploy/core/deploy_mip.h"
#include "optdeploy/core/deploy_near.h"
#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"

struct support_problem {
	const struct pool *pool;
	const size_t *kept;        /* pool index of model k, m entries */
	size_t m;
	const struct solve_params *sp;
	struct deploy_lp *lp;
	struct deploy_mip *mip;
	struct deploy_near *near;  /* each support's integer program (deploy_mip when it has no
	                              box, or when near is NULL) */
	double resource_tol;
	double deadline;           /* CLOCK_MONOTONIC seconds */
	/* the root relaxation, already solved by the caller (deploy_lp with
	 * every z free): its value and counts, so the root node reuses them;
	 * root_x NULL when the caller has none */
	double root_bound;
	const double *root_x;
};

/*
 * Find the optimum.  best[0..m-1] holds a feasible policy (counts per kept
 * model) on entry when *best_obj is finite (its objective), and the optimum on
 * return when the outcome is SOLVE_OPTIMAL.  On failure *why says why.
 */
enum solve_outcome support_search(const struct support_problem *p, long long *best,
				  double *best_obj, const char **why);

/* The objective of kept-model counts, recomputed honestly from them. */
double support_objective(const struct support_problem *p, const long long *x);

#endif
