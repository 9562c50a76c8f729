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
#define SWEEP_LOG_SPAN 100.0    /* costs spanning more than this ratio call for log levels */
/*
 * A sweep holds every level's policy (one count per model) until it is
 * freed: at most this many bytes, so that a huge steps x models product is
 * refused up front (ST_INTERNAL, "out of memory", exit 70) rather than grown
 * until the kernel kills the process.  100,000 models fit 1341 levels.
 */
#define SWEEP_MAX_HELD_BYTES 1073741824.0  /* 1 GiB */

/* How the levels of a budget range are spaced. */
enum sweep_spacing {
	SWEEP_LINEAR,  /* evenly: from + (to - from) j / (steps - 1) */
	SWEEP_LOG      /* geometrically: from (to / from)^(j / (steps - 1)), from > 0 */
};

struct sweep_level {
	double budget;
	struct policy policy;   /* owned; outcome and counts as solve.h describes */
};

struct sweep {
	const struct pool *pool;     /* borrowed */
	struct solve_params params;  /* budget is overwritten per level; mode is always max accuracy */
	double from, to;
	size_t n_levels;
	struct sweep_level *levels;  /* owned: n_levels entries, or 1 when streamed */
	size_t done;                 /* levels solved so far (0 .. n_levels) */
	enum sweep_spacing spacing;  /* how the levels were spaced */
	bool streamed;               /* only the last level solved is held (levels[0]) */
	size_t time_limited;         /* levels solved whose outcome is SOLVE_TIME_LIMIT */
};

/*
 * Prepare a sweep of `steps` levels evenly spaced from `from` to `to`
 * (steps >= 2, from < to; steps == 1 gives the single level `from`).  When
 * from and to are both NaN the range is the pool's cheapest to its most
 * expensive cost.  Nothing is solved yet.  ST_INTERNAL ("out of memory: ...",
 * saying how many levels would fit) before any allocation when steps is
 * above sweep_max_held_steps(pool->n).
 */
enum status sweep_init(struct sweep *sw, const struct pool *pool, const struct solve_params *base,
		       double from, double to, size_t steps, struct status_msg *m);

/* The most levels a sweep over n_models may hold (SWEEP_MAX_HELD_BYTES). */
size_t sweep_max_held_steps(size_t n_models);

/*
 * The same with the levels spaced as asked.  Log levels need from > 0: a
 * range that starts at 0 (a free model, or --from 0) starts at the pool's
 * cheapest positive cost instead; ST_USAGE when no model costs anything or
 * that cost is not below `to`.
 */
enum status sweep_init_spaced(struct sweep *sw, const struct pool *pool,
			      const struct solve_params *base, double from, double to,
			      size_t steps, enum sweep_spacing spacing, struct status_msg *m);

/*
 * The same, streamed: one level in memory at a time, whatever the number of
 * steps.  Each sweep_step replaces the level before it (sweep_last), so
 * memory is one policy, not steps x models: for writers that consume the
 * levels in order (the CSV and the printed table).  sweep_share and
 * sweep_level_at see only the last level solved.
 */
enum status sweep_init_streamed(struct sweep *sw, const struct pool *pool,
				const struct solve_params *base, double from, double to,
				size_t steps, enum sweep_spacing spacing, struct status_msg *m);

/*
 * Level j (0 .. done-1), or NULL when it is not held (a streamed sweep holds
 * only the last level solved).
 */
const struct sweep_level *sweep_level_at(const struct sweep *sw, size_t j);

/* The last level solved (NULL before the first). */
const struct sweep_level *sweep_last(const struct sweep *sw);

/*
 * The spacing a pool's costs call for: SWEEP_LOG when the most expensive
 * model costs more than SWEEP_LOG_SPAN times the cheapest positive cost
 * (more than two decades: linear levels would leave the cheap models with
 * one level or none), else SWEEP_LINEAR.
 */
enum sweep_spacing sweep_default_spacing(const struct pool *pool);

/* "linear" or "log". */
const char *sweep_spacing_name(enum sweep_spacing s);

/*
 * Budget of level j (0 .. steps-1) of a range, the formula sweeps use: the
 * ends are exact (level 0 is from, level steps-1 is to).  For SWEEP_LOG,
 * from and to must be > 0.  The planner's heatmap columns and slider can
 * share it.
 */
double sweep_level_budget(double from, double to, size_t steps, size_t j,
			  enum sweep_spacing s);

/* The cheapest cost above 0 in the pool, or 0 when every model is free. */
double sweep_min_positive_cost(const struct pool *pool);

/*
 * The budget the planner and `plot` start at when none is given: the middle
 * of the pool's cost range on the axis in use.  SWEEP_LOG (when some cost is
 * above 0 and two differ): the geometric middle of the cheapest positive and
 * the dearest cost, rounded to two significant digits (6.4 on the torchvision
 * zoo); else the arithmetic middle of the cheapest and the dearest, rounded
 * to the slider's step (a 1-2-5 step near a hundredth of the range: 79.5 on
 * uci_har).
 */
double sweep_default_budget(const struct pool *pool, enum sweep_spacing s);

/* Solve the next unsolved level.  Returns ST_OK and leaves sw->done advanced. */
enum status sweep_step(struct sweep *sw, struct solver *s, struct status_msg *m);

/* Solve every remaining level. */
enum status sweep_run(struct sweep *sw, struct solver *s, struct status_msg *m);

bool sweep_finished(const struct sweep *sw);

/* Share x_i / K of model i at level j (0 when the level has no counts or is not held). */
double sweep_share(const struct sweep *sw, size_t level, size_t model);

void sweep_free(struct sweep *sw);

#endif
