/*
 * deploy_few.h - the exact problem at small K, where what a model costs to
 * load dwarfs the LP's charge for it, solved over the few models that can
 * beat the incumbent and certified by GLPK (internal to the solver).
 *
 * Below K = 100 the paper's relaxation charges a model lambda u x / K, a
 * tenth of lambda u or less, so every LP bound of the search over supports
 * and of GLPK's own branch and bound sits far above the integer optimum and
 * GLPK explores hundreds of nodes over every model.  deploy_few.c bounds,
 * for each model k, every policy that uses it (k's count j fixed, its whole
 * loading charge paid, the other K - j inferences on the LP hull of all the
 * models, paying for one more model when j < K).  Every model whose bound
 * cannot reach the incumbent is left out; over the few left, few_search.c
 * finds the optimum and GLPK certifies it by solving the exact program of
 * its support, or, when that cannot conclude, GLPK's branch and bound over
 * the models left (deploy_mip, every row it has), started from the
 * incumbent, finds and proves the optimum.  The bound and the search relax
 * every row but sum x = K and the resource row, so rows added to the
 * programs (device limits, ...) only make them looser; a policy is accepted
 * only when the caller's own feasibility test (every row) passes it.
 */
#ifndef OPTDEPLOY_DEPLOY_FEW_H
#define OPTDEPLOY_DEPLOY_FEW_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/support_search.h"

struct deploy_few;

/* kept[0..m-1] are pool indices; both pool and kept are borrowed. */
struct deploy_few *deploy_few_new(const struct pool *pool, const size_t *kept, size_t m);
void deploy_few_free(struct deploy_few *f);

enum deploy_few_result {
	DEPLOY_FEW_OPTIMAL,     /* best[] holds a GLPK-proven optimum */
	DEPLOY_FEW_TOO_MANY,    /* too many models survive the bound: solve another way */
	DEPLOY_FEW_NO_INCUMBENT,/* no feasible policy to set the threshold: another way */
	DEPLOY_FEW_TIME_LIMIT,
	DEPLOY_FEW_FAILED       /* GLPK failed or contradicted the bound: another way */
};

/*
 * The caller's test of a whole policy (counts per kept model, m entries):
 * true when it meets every row of the problem, the device limits included.
 */
typedef bool deploy_few_feasible_fn(const void *ctx, const long long *kept_counts);

/*
 * Solve p exactly.  On entry best[0..m-1] holds a feasible policy when
 * *best_obj is finite (its objective, support_objective's sense); on
 * DEPLOY_FEW_OPTIMAL both hold the optimum.  On any other result best and
 * *best_obj hold the best feasible policy found so far (never worse than on
 * entry), for the caller's next strategy to start from.
 */
enum deploy_few_result deploy_few_solve(struct deploy_few *f, const struct support_problem *p,
					deploy_few_feasible_fn *feasible, const void *ctx,
					long long *best, double *best_obj);

/*
 * Solves with a rate (the time row) that the search over the models left
 * answered, GLPK certifying its support (*searched), and the others
 * (*other: GLPK's branch and bound over the models left, or a result other
 * than DEPLOY_FEW_OPTIMAL), since f was made.
 */
void deploy_few_time_counts(const struct deploy_few *f, size_t *searched, size_t *other);

#endif
