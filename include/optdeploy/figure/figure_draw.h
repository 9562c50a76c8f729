/*
 * figure_draw.h - drawing a figure on a cairo context, and the pieces the
 * panels share: axis scales and ticks, text placement, the style.
 *
 * Everything here draws in user units (points for PDF/SVG, pixels for PNG)
 * onto a context the caller owns; nothing writes files, prints or exits.
 */
#ifndef OPTDEPLOY_FIGURE_DRAW_H
#define OPTDEPLOY_FIGURE_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/figure/figure.h"
#include "optdeploy/figure/figure_cairo.h"
#include "optdeploy/figure/figure_model.h"

struct figure_rect {
	double x, y, w, h;
};

/* Where the last figure_draw put its panels (w = 0 for a panel not drawn). */
struct figure_geom {
	struct figure_rect frontier;  /* the frontier's plot area */
	struct figure_rect heat[2];   /* each heatmap's grid of cells */
	size_t labels_placed;         /* model labels drawn in the frontier */
	size_t labels_skipped;        /* labels left out: no free place near their point */
	size_t heat_labels_skipped;   /* heatmap rows left unlabelled: too thin for legible text */
};

/*
 * Draw the figure of `kind` filling a w x h page; g (may be NULL) receives
 * the layout.  The caller's context comes from cairo, so cairo is loaded
 * (figure_cairo_load) by the time this is called.
 */
void figure_draw(cairo_t *cr, const struct figure_model *fm, enum figure_kind kind,
		 double w, double h, struct figure_geom *g);

/* The rectangle of cell (row r, model fm->rows[r]; level j) of heatmap h as last drawn. */
struct figure_rect figure_heat_cell(const struct figure_model *fm, const struct figure_geom *g,
				    int h, size_t r, size_t j);

/* Height the heatmaps need (both panels, their titles and axes) to label every row legibly. */
double figure_heat_height(const struct figure_model *fm, double f);

/* A default page's height grown (up to FIGURE_SIZE_MAX) until every heatmap row has a label. */
double figure_fit_height(const struct figure_model *fm, enum figure_kind kind, double w, double h);

/* ---- shared by the panels ------------------------------------------------ */

/* A data range mapped onto a pixel range, linear or logarithmic. */
struct figure_scale {
	double lo, hi;     /* data */
	double p0, p1;     /* user units (p1 < p0 for a y axis) */
	bool log;
};

/* Pad [lo, hi] a little for a plot; a single value gets a range around it. */
void figure_scale_fit(struct figure_scale *s, double lo, double hi, bool log, double pad);

double figure_scale_map(const struct figure_scale *s, double v);

/* Up to max ticks inside the scale's range at round values; returns how many. */
size_t figure_scale_ticks(const struct figure_scale *s, double *ticks, size_t max);

/* A tick's label, with as many decimals as the ticks need to differ. */
void figure_tick_label(const double *ticks, size_t n, size_t i, char *buf, size_t size);

/* The font: DejaVu/sans through cairo's toy API. */
void figure_font(cairo_t *cr, double size, bool bold);

/* Width and height (ascent + descent of the font) of a string in the current font. */
void figure_text_size(cairo_t *cr, const char *s, double *w, double *h);

/*
 * Draw s with its box anchored at (x, y): ax = 0 left, 0.5 centre, 1 right;
 * ay = 0 top, 0.5 middle, 1 bottom.  Rotated by angle (radians) about (x, y).
 */
void figure_text(cairo_t *cr, double x, double y, double ax, double ay, double angle,
		 const char *s);

/* The largest font size <= size (and >= size * 0.6) at which s fits in width. */
double figure_fit_font(cairo_t *cr, const char *s, double size, bool bold, double width);

/* Panels: each draws into its rectangle with base font size f. */
void figure_draw_frontier(cairo_t *cr, const struct figure_model *fm, struct figure_rect r,
			  double f, struct figure_geom *g);
void figure_draw_heatmaps(cairo_t *cr, const struct figure_model *fm, struct figure_rect r,
			  double f, struct figure_geom *g);

/* Whether rectangle a meets b; whether a lies wholly inside box. */
bool figure_rect_overlaps(struct figure_rect a, struct figure_rect b);
bool figure_rect_inside(struct figure_rect a, struct figure_rect box);

/* The frontier's plot: its two scales, its area and the base font size. */
struct figure_plane {
	struct figure_scale x, y;
	struct figure_rect area;
	double f;
};

/*
 * The hull is straight in cost, so on a log axis each of its segments is a
 * curve: drawn (and kept clear of labels) as FIGURE_LOG_PIECES straight
 * pieces, one piece on a linear axis.  figure_hull_point gives the end of
 * piece k (0..pieces) of the segment from a to b, in user units.
 */
#define FIGURE_LOG_PIECES 32
size_t figure_hull_pieces(const struct figure_plane *p);
void figure_hull_point(const struct figure_plane *p, const struct figure_point *a,
		       const struct figure_point *b, size_t k, double *x, double *y);

/* The model labels of the frontier (figure_labels.c), clear of the legend at `legend`. */
void figure_draw_labels(cairo_t *cr, const struct figure_model *fm, const struct figure_plane *p,
			struct figure_rect legend, struct figure_geom *g);

/* "λ = 100 (0.1 K)" for a lambda and K, into buf. */
void figure_lambda_text(double lambda, long long k, char *buf, size_t size);

#endif
