/*
 * figure_model.h - the numbers a figure shows, gathered from the core's
 * results before anything is drawn: the models, the LP frontier (upper
 * concave hull), the ILP frontier and the shares of the two budget sweeps
 * (lambda = 0 and the current lambda), and the chosen policy.
 *
 * The renderer draws only from this struct, and figure_model_write_csv
 * writes it as CSV, so a test can check that a figure shows exactly what
 * `optdeploy sweep` and `optdeploy frontier` print.
 */
#ifndef OPTDEPLOY_FIGURE_MODEL_H
#define OPTDEPLOY_FIGURE_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "optdeploy/core/frontier_lp.h"
#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/core/status.h"
#include "optdeploy/core/sweep.h"
#include "optdeploy/figure/figure.h"

struct figure_point {
	double cost, accuracy;
	const char *name;  /* borrowed from the pool; NULL for points that are not models */
};

/* One heatmap: models as rows (pool order), budget levels as columns. */
struct figure_heat {
	double lambda;
	size_t n_levels;
	double *budget;  /* owned, n_levels, increasing */
	double *share;   /* owned, n_models x n_levels: share[i * n_levels + j] = x_i / K;
	                    NaN where the level has no policy (infeasible, time limit) */
};

struct figure_model {
	const char *source;          /* the pool's file name, borrowed */
	bool normalized;             /* costs rescaled so the most accurate model costs 100 */
	struct cost_unit unit;       /* the pool's cost unit, for the axes and the legend */
	const char *accuracy_label;  /* the pool's "top-1 accuracy (%)", borrowed; or NULL */
	long long k;
	double lambda;               /* the current lambda */
	enum solve_method method;
	double deadline;             /* seconds per inference; 0: no deadline */
	double rate;                 /* the time row's rate (inferences a second); 0: no row */
	double duty;                 /* the time row's duty cycle, (0, 1] */
	size_t n_models;
	struct figure_point *models; /* owned, pool order */
	bool *unfit;                 /* owned, n_models: the deadline or the memory limit rules
	                                the model out (limits_model_fits); drawn, not on the hull */
	size_t n_unfit;
	bool memory_limit;           /* a memory limit is set (the legend names what rules out) */
	size_t n_hull;
	struct figure_point *hull;   /* owned: the LP frontier's vertices, increasing cost, over
	                                the models the limits let run, with the time row
	                                (frontier_lp.h); a mix's name is NULL */
	struct frontier_vertex *hull_vertex;  /* owned, n_hull: what each vertex is */
	size_t n_mix;                /* vertices that mix two models (the time row's) */
	bool lp_none;                /* the time row leaves no LP policy (frontier_lp_none_keeps_up) */
	size_t n_ilp;
	struct figure_point *ilp;    /* owned: (budget level, expected accuracy) of the current
	                                lambda's sweep, levels without a policy left out */
	bool has_policy;
	struct figure_point policy;  /* (expected cost, expected accuracy) of the chosen policy */
	double budget;               /* the budget line; NaN for none */
	bool log_cost;               /* the cost axis is logarithmic */
	struct figure_heat heat[2];  /* 0: lambda = 0 (figure 4), 1: the current lambda (figure 5) */
	size_t n_rows;               /* the heatmaps' rows: models with a share at some level of */
	size_t *rows;                /* either heatmap, or every model (rows_all); owned, cheapest first */
};

/* What a figure is made of; everything borrowed and already solved. */
struct figure_source {
	const struct pool *pool;
	const struct sweep *zero;      /* lambda = 0 */
	const struct sweep *current;   /* the current lambda; its levels are the ILP frontier */
	const struct policy *policy;   /* the chosen policy, or NULL */
	double budget;                 /* NaN for no budget line */
	enum figure_axis axis;
	bool normalized;               /* the pool's costs were normalised (axis label) */
	bool rows_all;                 /* a heatmap row for every model, used or not */
};

/*
 * Fill *fm from src (both sweeps must be finished and over the same pool).
 * ST_INTERNAL on no memory (fm is then empty); free with figure_model_free.
 */
enum status figure_model_build(struct figure_model *fm, const struct figure_source *src,
			       struct status_msg *m);

void figure_model_free(struct figure_model *fm);

/* Whether model i is a vertex of the LP frontier. */
bool figure_on_hull(const struct figure_model *fm, size_t i);

/* Whether costs from lo to hi span more than two decades (the automatic log axis). */
bool figure_wide_costs(double lo, double hi);

/*
 * The model as tidy CSV (an export_writer, ctx is the struct figure_model):
 *   series,lambda,budget,model,cost,accuracy,share
 * series is model (every model), excluded (a model the deadline or the
 * memory limit rules out: model, cost, accuracy), hull (LP frontier over
 * the others, with the time row: a mix of two models has model "A + B"
 * and share A's share of the inferences), ilp (one row per level:
 * budget, expected accuracy), policy (expected cost and accuracy at budget)
 * and heatmap (one row per level and model: budget, model, share, with the
 * heatmap's lambda).  Numbers as export_number prints them, so they compare
 * equal, as text, with the CSVs of sweep and frontier.
 */
#define FIGURE_CSV_HEADER "series,lambda,budget,model,cost,accuracy,share"
enum status figure_model_write_csv(FILE *fp, const char *name, const void *ctx, size_t *rows,
				   struct status_msg *m);

#endif
