/*
 * support_search.h - exact search over which models are used (internal to
 * the solver).
 *
 * A depth-first branch and bound on the "model k is used" decisions of the
 * priced models (lambda * u_k > 0).  With a device limit or a time row every
 * node's bound is the LP relaxation's with the decided z fixed: GLPK's
 * optimum (deploy_lp), or with a time row and no memory limit time_lp's
 * weak-duality bound from its 3 x 3 simplex (GLPK's when it declines); a node is pruned only when that bound does not beat
 * the incumbent (when the charges are apart, see below: GLPK's bound on the
 * accuracy term with the least charge the node's policies pay added
 * exactly).  Without either the LP has one knapsack row, and the bounds
 * come from its hull instead (support_bound.h: rigorous, and split by how
 * many free models a policy uses, far tighter when loading is dear); a
 * candidate support is then solved only when its own bound can beat the
 * incumbent, the last search's optimal support (support_memo) is solved
 * first, and an incumbent the caller gave is reported only once GLPK has
 * solved its support too.  Every candidate support is solved to integer
 * optimality by GLPK: deploy_near's box around the LP vertex, or
 * deploy_mip's split-count program when no small box can be proven.
 *
 * The time row of a rate (limits.h) is a row of every node's LP, so each
 * bound is still a relaxation's, and of every support's integer program,
 * which is then deploy_near_time's box for two rows (through deploy_near),
 * or deploy_mip's when that box cannot be proven.  With time_lp's node LPs
 * the last optimal support is solved first too, and each node also gets
 * a bound on its policies that use a free priced model: its LP with no
 * model charged (time_lp_solve_uncharged) less the least whole charge such
 * a policy pays.  When that bound cannot beat the incumbent, only the
 * decided models' own support can: it is solved (when its LP can beat the
 * incumbent) and the node is closed without branching - the LP's
 * fractional charges (lambda u_k x_k / K) otherwise let it mix in a few
 * inferences of one model after another, a node each.
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
#include "optdeploy/core/time_lp.h"

struct support_memo;

struct support_problem {
	const struct pool *pool;
	const size_t *kept;        /* pool index of model k, m entries */
	size_t m;
	const struct solve_params *sp;
	/* What GLPK is given: sp itself, or, when charges_apart, sp with lambda 0.
	 * Loading charges far above the accuracies (lambda u_k / K beyond
	 * SUPPORT_CHARGE_TRUST times the largest accuracy) would drown the
	 * accuracies in GLPK's relative tolerances; then GLPK sees only the
	 * accuracies and costs, and every bound adds the least charge a node's
	 * policies pay, exactly, in long double. */
	const struct solve_params *glpk_sp;
	bool charges_apart;
	struct deploy_lp *lp;
	struct deploy_mip *mip;
	struct deploy_near *near;  /* each support's integer program (deploy_mip when it has no
	                              box, or when near is NULL) */
	double resource_tol;
	double deadline;           /* CLOCK_MONOTONIC seconds */
	/* the root relaxation, already solved by the caller (deploy_lp with
	 * glpk_sp and every z free): its value and counts, so the root node
	 * reuses them; root_x NULL when the caller has none */
	double root_bound;
	const double *root_x;
	/* what the last search on these models found (NULL: none kept): its
	 * optimal support is solved first, a hint that only speeds the search */
	struct support_memo *memo;
	/* the node LPs with a time row and no memory row without GLPK
	 * (time_lp.h; GLPK's deploy_lp when it declines), NULL: GLPK's always */
	struct time_lp *tlp;
	/* what the comparisons with GLPK's LP values allow for its rounding
	 * beyond 1e-15 of the objective (solve.c, tie_allowance); 0: nothing */
	double value_tol;
};

/* The last optimal support of a solver's searches; owned by the solver. */
struct support_memo *support_memo_new(size_t m);
void support_memo_free(struct support_memo *memo);

#define SUPPORT_CHARGE_TRUST 100.0

/* Whether a solve with these (internal) parameters keeps the charges apart (see above). */
bool support_charges_apart(const struct pool *pool, const size_t *kept, size_t m,
			   const struct solve_params *sp);

/*
 * The least loading charge any policy pays when the models with zfix[k] == 1
 * are used and those with zfix[k] == 0 are not (zfix NULL: none decided):
 * lambda times their load, plus the cheapest allowed model's when none is
 * decided used (a policy uses one model at least).
 */
long double support_least_charge(const struct support_problem *p, const signed char *zfix);

/*
 * Find the optimum.  best[0..m-1] holds a feasible policy (counts per kept
 * model) on entry when *best_obj is finite (its objective), and the optimum on
 * return when the outcome is SOLVE_OPTIMAL.  On failure *why says why.
 */
enum solve_outcome support_search(const struct support_problem *p, long long *best,
				  double *best_obj, const char **why);

/*
 * The objective of kept-model counts, recomputed honestly from them, without
 * the primal's constant lambda * (sum of every load cost): sum p x - lambda
 * (load of the used models), or for the dual sum c x + lambda (that load).
 * Internal objectives (bounds, incumbents) all leave that constant out, so
 * it cannot swamp their tolerances (2e12 with 20,000 models at K = 1e9).
 */
double support_objective(const struct support_problem *p, const long long *x);

#endif
