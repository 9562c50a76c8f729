/*
 * ui_plot.h - the cost/accuracy frontier plot: every model as a labelled
 * point, the LP frontier (upper concave hull), the ILP frontier of the
 * current K and lambda (from the sweep), the current policy and the budget
 * line (or the accuracy floor).  Reads state, never solves.
 */
#ifndef OPTDEPLOY_UI_PLOT_H
#define OPTDEPLOY_UI_PLOT_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/frontier_lp.h"
#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/core/sweep.h"
#include "optdeploy/ui/ui_canvas.h"
#include "optdeploy/ui/ui_term.h"

struct ui_plot_input {
	const struct pool *pool;     /* the pool solved: the hull's indices are its */
	const struct pool *all;      /* the points and axis ranges (NULL: pool); with... */
	const bool *excluded;        /* ...these models (what-if) drawn as a dim x, or NULL */
	const struct frontier_lp *hull; /* the LP frontier (frontier_lp.h; indices of pool) */
	const struct sweep *ilp;     /* sweep at the current K and lambda (levels done so far); may be NULL */
	const struct policy *policy; /* the current answer (may carry no counts) */
	enum solve_mode mode;
	double budget;               /* the budget line (max-accuracy mode) */
	double floor;                /* the floor line (min-cost mode) */
	bool log_cost;               /* a log cost axis (when some cost is above 0) */
	bool above_idle;             /* the costs are e - P t (idle time only): the axis says so */
	const struct solve_params *limits; /* the deadline and memory limit: a model they rule
	                                out is drawn faint and hollow, the legend says why; or NULL */
};

/* Where the data area landed, for mouse hits. */
struct ui_plot_geom {
	struct ui_rect data;         /* cells holding the canvas */
	struct ui_axis ax, ay;       /* in dots; ay dot 0 is the bottom row */
	int dx, dy;                  /* dots per cell */
};

/* Axis ranges for a pool: its costs and accuracies with a 5% margin. */
void ui_plot_ranges(const struct pool *pool, double *xlo, double *xhi,
		    double *ylo, double *yhi);

/*
 * The data value under cell (y, x): false when outside the data area.
 */
bool ui_plot_hit(const struct ui_plot_geom *g, int y, int x, double *cost, double *accuracy);

/* Draw into r; fills *geom.  False when r is too small to hold a plot. */
bool ui_plot_draw(const struct ui_term *t, struct ui_rect r, const struct ui_plot_input *in,
		  struct ui_plot_geom *geom);

#endif
