/*
 * sweep.h - one solve per budget level over a range: the data behind the
 * paper's figures 4 and 5 (rows: models, columns: budget levels, cell: share).
 *
 * A sweep is computed incrementally (sweep_step solves one level) so the
 * interactive planner can interleave it with input, or all at once with
 * sweep_run.  Levels are solved in increasing budget order so each GLPK
 * re-solve starts from the previous basis.
 */
#ifndef OPTDEPLOY_SWEEP_H
#define OPTDEPLOY_SWEEP_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/core/status.h"

#define SWEEP_DEFAULT_STEPS 101

struct sweep_level {
	double budget;
	struct policy policy;   /* owned; outcome and counts as solve.h describes */
};

struct sweep {
	const struct pool *pool;     /* borrowed */
	struct solve_params params;  /* budget is overwritten per level; mode is always max accuracy */
	double from, to;
	size_t n_levels;
	struct sweep_level *levels;  /* owned, n_levels entries */
	size_t done;                 /* levels solved so far (0 .. n_levels) */
};

/*
 * Prepare a sweep of `steps` levels evenly spaced from `from` to `to`
 * (steps >= 2, from < to; steps == 1 gives the single level `from`).  When
 * from and to are both NaN the range is the pool's cheapest to its most
 * expensive cost.  Nothing is solved yet.
 */
enum status sweep_init(struct sweep *sw, const struct pool *pool, const struct solve_params *base,
		       double from, double to, size_t steps, struct status_msg *m);

/* Solve the next unsolved level.  Returns ST_OK and leaves sw->done advanced. */
enum status sweep_step(struct sweep *sw, struct solver *s, struct status_msg *m);

/* Solve every remaining level. */
enum status sweep_run(struct sweep *sw, struct solver *s, struct status_msg *m);

bool sweep_finished(const struct sweep *sw);

/* Share x_i / K of model i at level j (0 when the level has no counts). */
double sweep_share(const struct sweep *sw, size_t level, size_t model);

void sweep_free(struct sweep *sw);

#endif
