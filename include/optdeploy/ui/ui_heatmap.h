/*
 * ui_heatmap.h - the paper's figures 4 and 5 as text: rows are models,
 * columns budget levels of a sweep, each cell the share x_i/K drawn with a
 * shade character (so it reads without colour) and a colour ramp on top.
 * Levels not solved yet are drawn as pending, never as data.
 */
#ifndef OPTDEPLOY_UI_HEATMAP_H
#define OPTDEPLOY_UI_HEATMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/sweep.h"
#include "optdeploy/ui/ui_term.h"

/* Shade index of a share: 0 unused, 1 below 25%, 2 below 50%, 3 below 75%, 4 from 75%. */
int ui_shade_index(double share);

/* The colour role of a shade index. */
enum ui_role ui_shade_role(int idx);

/* Sweep level shown in column col of ncols (levels spread evenly over the columns). */
size_t ui_heatmap_level(int col, int ncols, size_t n_levels);

/* Column showing level j. */
int ui_heatmap_col(size_t level, int ncols, size_t n_levels);

/* Level nearest to budget b in a sweep over [from, to]; false when b is off the range. */
bool ui_heatmap_nearest(double from, double to, size_t n_levels, double b, size_t *level);

/* The same for levels spaced geometrically (0 < from < to): nearest in log terms. */
bool ui_heatmap_nearest_log(double from, double to, size_t n_levels, double b, size_t *level);

struct ui_heatmap_input {
	const char *title;         /* "Fig. 4: lambda = 0" */
	const struct sweep *sw;    /* NULL: nothing to show */
	double mark;               /* the budget to mark (NaN: none) */
	const struct pool *all;    /* one row per model of this pool (NULL: the sweep's pool)... */
	const bool *excluded;      /* ...where the excluded ones (what-if) are struck out; the
	                              others, in order, are the sweep pool's models */
	size_t cursor;             /* the model table's selection: rows that do not all fit
	                              scroll to keep it in sight */
	bool selected;             /* highlight the selection's name (the table has the keys) */
	bool log;                  /* the sweep's levels are log-spaced */
	const struct sweep *other; /* the other panel's sweep (NULL: none): a model used at
	                              some level of either gets a row in both */
	bool all_rows;             /* every model a row (u, --rows all; also while `selected`) */
};

/*
 * Rows the heatmap draws: the models with a share at some solved level of
 * in->sw or in->other (every model with all_rows or selected); *others gets
 * how many are left to the one summary line under the axis.
 */
size_t ui_heatmap_rows(const struct ui_heatmap_input *in, size_t *others);

/* First of `rows` rows shown out of n so that row `cursor` is in sight, centred when it can be. */
size_t ui_heatmap_first(size_t cursor, size_t n, size_t rows);

struct ui_heatmap_geom {
	struct ui_rect cells;      /* the share cells */
	const struct sweep *sw;
};

void ui_heatmap_draw(const struct ui_term *t, struct ui_rect r, const struct ui_heatmap_input *in,
		     struct ui_heatmap_geom *g);

/* The budget of the level under (y, x) when it is in the cells or the axis row below them. */
bool ui_heatmap_hit(const struct ui_heatmap_geom *g, int y, int x, double *budget);

/* The legend line for the shade ramp. */
void ui_heatmap_legend(const struct ui_term *t, int y, int x, int w);

#endif
