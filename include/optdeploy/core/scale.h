/*
 * scale.h - the solver's internal units (internal to the solver).
 *
 * Costs are only meaningful relative to each other and to the budget, and
 * accuracies relative to each other and to the floor, so the answer must not
 * depend on their unit.  GLPK's tolerances are partly absolute, though, and
 * its scaling aborts on factors like 1e-250: so before anything reaches GLPK
 * the costs (with the budget) and the accuracies (with the floor) are
 * multiplied by powers of two that bring the largest of each into [64, 128).
 * A power of two is exact in binary floating point: the scaled problem has
 * exactly the same feasible policies, and its objective is the original's
 * times a power of two, so the same policies are optimal.  lambda carries the
 * objective's factor (accuracies' in the primal, costs' in the dual).
 * Latencies (with the deadline, and the rate as their inverse) get their
 * own power of two, so the time row's coefficients are of GLPK's size too.
 *
 * What no rescaling can serve is refused: costs spanning more than 12
 * decades (the cheapest nonzero cost would sit below GLPK's tolerances).
 */
#ifndef OPTDEPLOY_SCALE_H
#define OPTDEPLOY_SCALE_H

#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/core/status.h"

#define SCALE_COST_SPAN_MAX 1e12  /* max cost / min nonzero cost */

struct scale {
	int cost_exp;   /* costs and budget are multiplied by 2^cost_exp */
	int value_exp;  /* accuracies and the floor by 2^value_exp */
	int time_exp;   /* latencies and the deadline by 2^time_exp, the rate by 2^-time_exp */
};

/*
 * Choose the exponents for a pool and check it can be served.  ST_DATA with
 * a message naming the file and the two extreme models when the costs span
 * more than SCALE_COST_SPAN_MAX.
 */
enum status scale_choose(const struct pool *p, struct scale *sc, struct status_msg *m);

/* No exponent: the internal units are the pool's own (a pool normalised to cost 100 and
 * accuracies in percent is), so the solver can read the caller's pool unchanged. */
bool scale_is_identity(const struct scale *sc);

/*
 * dst becomes src in the internal units: a model array of its own (release it
 * with free(dst->models), never pool_free), with the names and the source
 * borrowed from src, which must outlive dst.  ST_INTERNAL on no memory.
 */
enum status scale_pool(const struct pool *src, const struct scale *sc, struct pool *dst,
		       struct status_msg *m);

/*
 * The parameters in the internal units: budget (clamped to the most expensive
 * model's cost, which leaves the same policies feasible and cannot overflow),
 * floor (clamped to the least accurate model's accuracy likewise), lambda.
 * `work` is the scaled pool.
 */
struct solve_params scale_params(const struct scale *sc, const struct pool *work,
				 const struct solve_params *sp);

/* Factor from an objective in the internal units back to the original ones. */
double scale_objective_factor(const struct scale *sc, enum solve_mode mode);

#endif
