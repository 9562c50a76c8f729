/*
 * figure_heatmap.c - the allocation heatmaps (the paper's figures 4 and 5):
 * models as rows, budget levels as columns, the colour of a cell the share
 * of the K inferences that model serves at that budget; lambda = 0 and the
 * current lambda side by side over one colour bar.
 *
 * Columns sit on a budget axis (linear, or logarithmic with the frontier's
 * cost axis): level j spans from the middle between it and its left
 * neighbour to the middle between it and its right one, so any spacing of
 * levels is drawn where it lies.
 */
#include "optdeploy/figure/figure_draw.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "optdeploy/core/names.h"
#include "optdeploy/figure/figure_colour.h"

#define MAX_TICKS 16
#define INK 0.15
#define NO_POLICY 0.82   /* grey of a level without a policy */
#define ROW_GAP 0.08     /* white between rows, as a fraction of a row */
#define LABEL_MIN 0.9    /* smallest label, x the base font (10 pt at the default sizes) */
#define NAME_CELLS 32    /* row names longer than this are cut in the middle */

static bool log_budget(const struct figure_model *fm, const struct figure_heat *h)
{
	return fm->log_cost && h->n_levels > 0 && h->budget[0] > 0;
}

/* Midpoint between two levels on the axis (geometric on a log axis). */
static double between(double a, double b, bool log)
{
	return log ? sqrt(a * b) : (a + b) / 2;
}

/* The budget range a heatmap's columns cover: half a level beyond each end. */
static void column_edges(const struct figure_heat *h, bool log, size_t j, double *lo, double *hi)
{
	size_t n = h->n_levels;

	if (n == 1) {
		*lo = log ? h->budget[0] / 1.05 : h->budget[0] - fmax(fabs(h->budget[0]) * 0.05, 0.5);
		*hi = log ? h->budget[0] * 1.05 : h->budget[0] + fmax(fabs(h->budget[0]) * 0.05, 0.5);
		return;
	}
	if (j > 0)
		*lo = between(h->budget[j - 1], h->budget[j], log);
	else
		*lo = log ? h->budget[0] * h->budget[0] / between(h->budget[0], h->budget[1], true)
			  : h->budget[0] - (between(h->budget[0], h->budget[1], false) - h->budget[0]);
	if (j + 1 < n)
		*hi = between(h->budget[j], h->budget[j + 1], log);
	else
		*hi = log ? h->budget[n - 1] * h->budget[n - 1] / between(h->budget[n - 2], h->budget[n - 1], true)
			  : h->budget[n - 1] + (h->budget[n - 1] - between(h->budget[n - 2], h->budget[n - 1], false));
}

static struct figure_scale budget_scale(const struct figure_model *fm, const struct figure_heat *h,
					struct figure_rect grid)
{
	struct figure_scale s = { 0, 1, grid.x, grid.x + grid.w, log_budget(fm, h) };
	double lo, hi, unused;

	if (h->n_levels == 0)
		return s;
	column_edges(h, s.log, 0, &lo, &unused);
	column_edges(h, s.log, h->n_levels - 1, &unused, &hi);
	s.lo = lo;
	s.hi = hi;
	return s;
}

struct figure_rect figure_heat_cell(const struct figure_model *fm, const struct figure_geom *g,
				    int hm, size_t i, size_t j)
{
	const struct figure_heat *h = &fm->heat[hm];
	struct figure_rect grid = g->heat[hm];
	struct figure_scale s = budget_scale(fm, h, grid);
	double lo, hi, row = grid.h / (double)(fm->n_rows > 0 ? fm->n_rows : 1);

	column_edges(h, s.log, j, &lo, &hi);
	double x0 = figure_scale_map(&s, lo), x1 = figure_scale_map(&s, hi);
	return (struct figure_rect){ x0, grid.y + (double)i * row + row * ROW_GAP / 2, x1 - x0,
				     row * (1 - ROW_GAP) };
}

static void set_share(cairo_t *cr, double share)
{
	if (isnan(share)) {
		cairo_set_source_rgb(cr, NO_POLICY, NO_POLICY, NO_POLICY);
		return;
	}
	struct figure_rgb c = figure_viridis(share);
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/* Row r (model fm->rows[r]): runs of equal share drawn as one rectangle, each overlapping the
 * next a hair. */
static void draw_row(cairo_t *cr, const struct figure_model *fm, const struct figure_geom *g,
		     int hm, size_t r)
{
	const struct figure_heat *h = &fm->heat[hm];
	size_t j = 0, i = fm->rows[r];

	while (j < h->n_levels) {
		double s = h->share[i * h->n_levels + j];
		size_t e = j + 1;
		while (e < h->n_levels && (h->share[i * h->n_levels + e] == s ||
					   (isnan(s) && isnan(h->share[i * h->n_levels + e]))))
			e++;
		struct figure_rect a = figure_heat_cell(fm, g, hm, r, j);
		struct figure_rect b = figure_heat_cell(fm, g, hm, r, e - 1);
		double overlap = e < h->n_levels ? fmin(0.5, b.w * 0.25) : 0;
		set_share(cr, s);
		cairo_rectangle(cr, a.x, a.y, b.x + b.w - a.x + overlap, a.h);
		cairo_fill(cr);
		j = e;
	}
}

static void budget_axis(cairo_t *cr, const struct figure_model *fm, int hm, struct figure_rect grid,
			double f)
{
	struct figure_scale s = budget_scale(fm, &fm->heat[hm], grid);
	double t[MAX_TICKS], last_end = -INFINITY, tw, th;
	char buf[32];
	size_t n = figure_scale_ticks(&s, t, MAX_TICKS);

	if (grid.w < f * 12 && n > 4) {  /* a narrow panel: every other tick */
		size_t k = 0;
		for (size_t i = 0; i < n; i += 2)
			t[k++] = t[i];
		n = k;
	}
	cairo_set_source_rgb(cr, INK, INK, INK);
	cairo_set_line_width(cr, f * 0.06);
	figure_font(cr, f * 0.9, false);
	for (size_t i = 0; i < n; i++) {
		double x = figure_scale_map(&s, t[i]), at;
		cairo_move_to(cr, x, grid.y + grid.h);
		cairo_line_to(cr, x, grid.y + grid.h + f * 0.3);
		cairo_stroke(cr);
		figure_tick_label(t, n, i, buf, sizeof buf);
		figure_text_size(cr, buf, &tw, &th);
		/* labels stay within half the gap beside the panel, so the two panels' labels
		 * never touch, and leave a space after the previous one */
		at = fmin(fmax(x - tw / 2, grid.x - f * 0.5), grid.x + grid.w + f * 0.5 - tw);
		if (at < last_end + f * 0.4)
			continue;
		figure_text(cr, at, grid.y + grid.h + f * 0.4, 0, 0, 0, buf);
		last_end = at + tw;
	}
}

/* One axis title under both panels (their budget axes are the same): never two that meet. */
static void axis_title(cairo_t *cr, const struct figure_model *fm, struct figure_rect a,
		       struct figure_rect b, double f)
{
	char label[96];

	cost_unit_axis(&fm->unit, "budget", budget_scale(fm, &fm->heat[0], a).log, label,
		       sizeof label);
	cairo_set_source_rgb(cr, INK, INK, INK);
	figure_fit_font(cr, label, f * 0.95, false, b.x + b.w - a.x);
	figure_text(cr, (a.x + b.x + b.w) / 2, a.y + a.h + f * 1.55, 0.5, 0, 0, label);
}

/* The budget of the frontier's policy: a triangle above the grid, pointing at its column. */
static void budget_mark(cairo_t *cr, const struct figure_model *fm, int hm, struct figure_rect grid,
			double f)
{
	struct figure_scale s = budget_scale(fm, &fm->heat[hm], grid);
	double x, y = grid.y, r = f * 0.42;

	if (!isfinite(fm->budget) || !(fm->budget >= s.lo && fm->budget <= s.hi))
		return;
	x = figure_scale_map(&s, fm->budget);
	cairo_move_to(cr, x, y - f * 0.05);
	cairo_line_to(cr, x + r, y - r * 1.6);
	cairo_line_to(cr, x - r, y - r * 1.6);
	cairo_close_path(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, INK, INK, INK);
	cairo_set_line_width(cr, f * 0.08);
	cairo_stroke(cr);
}

/* Row labels: the font the rows leave, never under LABEL_MIN x f; then only every k-th row. */
static void row_names(cairo_t *cr, const struct figure_model *fm, char **names,
		      struct figure_rect grid, double f, struct figure_geom *g)
{
	double row = grid.h / (double)fm->n_rows, size = fmin(f * 0.9, row * 0.85);
	size_t every = 1;

	if (size < f * LABEL_MIN) {
		size = f * LABEL_MIN;
		every = (size_t)ceil(size / (row * 0.85));
	}
	cairo_set_source_rgb(cr, INK, INK, INK);
	figure_font(cr, size, false);
	for (size_t r = 0; r < fm->n_rows; r++) {
		if (r % every != 0) {
			g->heat_labels_skipped++;
			continue;
		}
		figure_text(cr, grid.x - f * 0.4, grid.y + ((double)r + 0.5) * row, 1, 0.5, 0,
			    names != NULL ? names[r] : fm->models[fm->rows[r]].name);
	}
}

/* What the figure leaves out, under the panels: unused models, labels too small to draw. */
static void left_out(cairo_t *cr, const struct figure_model *fm, struct figure_rect r,
		     double y, double f, const struct figure_geom *g)
{
	char buf[256];
	size_t others = fm->n_models - fm->n_rows;
	int len = 0;
	const struct figure_heat *h = &fm->heat[0];

	if (others > 0 && h->n_levels > 0)
		len = snprintf(buf, sizeof buf, "%zu model%s never used from %g to %g%s", others,
			       others == 1 ? "" : "s", h->budget[0], h->budget[h->n_levels - 1],
			       cost_unit_suffix(&fm->unit));
	if (g->heat_labels_skipped > 0 && len >= 0 && (size_t)len < sizeof buf)
		snprintf(buf + len, sizeof buf - (size_t)len,
			 "%slabels of %zu of %zu rows left out at this size", len > 0 ? "; " : "",
			 g->heat_labels_skipped, fm->n_rows);
	if (others == 0 && g->heat_labels_skipped == 0)
		return;
	cairo_set_source_rgb(cr, INK, INK, INK);
	figure_fit_font(cr, buf, f * 0.9, false, r.w);
	figure_text(cr, r.x, y, 0, 0, 0, buf);
}

static void draw_panel(cairo_t *cr, const struct figure_model *fm, int hm, struct figure_rect grid,
		       double f, char **names, bool labels, struct figure_geom *g)
{
	char title[160], lam[64];

	g->heat[hm] = grid;
	for (size_t r = 0; r < fm->n_rows; r++)
		draw_row(cr, fm, g, hm, r);
	if (labels)
		row_names(cr, fm, names, grid, f, g);
	budget_axis(cr, fm, hm, grid, f);
	budget_mark(cr, fm, hm, grid, f);
	figure_lambda_text(fm->heat[hm].lambda, fm->k, lam, sizeof lam);
	snprintf(title, sizeof title, "Shares of K = %lld, %s", fm->k, lam);
	cairo_set_source_rgb(cr, INK, INK, INK);
	figure_fit_font(cr, title, f, true, grid.w + f * 2);
	figure_text(cr, grid.x + grid.w / 2, grid.y - f * 0.85, 0.5, 1, 0, title);
}

/* The colour bar: viridis's nine stops as a gradient (the same piecewise-linear map). */
static void colour_bar(cairo_t *cr, struct figure_rect bar, double f)
{
	cairo_pattern_t *pat = cairo_pattern_create_linear(0, bar.y + bar.h, 0, bar.y);
	char buf[16];

	for (int k = 0; k <= 8; k++) {
		struct figure_rgb c = figure_viridis(k / 8.0);
		cairo_pattern_add_color_stop_rgb(pat, k / 8.0, c.r, c.g, c.b);
	}
	cairo_rectangle(cr, bar.x, bar.y, bar.w, bar.h);
	cairo_set_source(cr, pat);
	cairo_fill(cr);
	cairo_pattern_destroy(pat);
	cairo_set_source_rgb(cr, INK, INK, INK);
	cairo_set_line_width(cr, f * 0.06);
	cairo_rectangle(cr, bar.x, bar.y, bar.w, bar.h);
	cairo_stroke(cr);
	figure_font(cr, f * 0.9, false);
	for (int k = 0; k <= 4; k++) {
		double y = bar.y + bar.h - bar.h * k / 4.0;
		cairo_move_to(cr, bar.x + bar.w, y);
		cairo_line_to(cr, bar.x + bar.w + f * 0.25, y);
		cairo_stroke(cr);
		snprintf(buf, sizeof buf, "%d%%", k * 25);
		figure_text(cr, bar.x + bar.w + f * 0.35, y, 0, 0.5, 0, buf);
	}
	figure_font(cr, f * 0.9, false);
	figure_text(cr, bar.x + bar.w + f * 4.1, bar.y + bar.h / 2, 0.5, 1, -M_PI / 2,
		    "share of inferences");
}

double figure_heat_height(const struct figure_model *fm, double f)
{
	return (double)fm->n_rows * f * LABEL_MIN / 0.85 + f * (2.3 + 3.1) +
	       (fm->n_rows < fm->n_models ? f * 1.4 : 0);
}

/* The row names, middle-cut to NAME_CELLS characters and distinct; NULL on no memory. */
static char **cut_names(const struct figure_model *fm)
{
	const char **names = malloc((fm->n_rows + 1) * sizeof *names);
	char **cut;

	if (names == NULL)
		return NULL;
	for (size_t r = 0; r < fm->n_rows; r++)
		names[r] = fm->models[fm->rows[r]].name;
	cut = names_crop_set(names, fm->n_rows, NAME_CELLS, names_mark(true), NULL);
	free(names);
	return cut;
}

void figure_draw_heatmaps(cairo_t *cr, const struct figure_model *fm, struct figure_rect r,
			  double f, struct figure_geom *g)
{
	double wmax = 0, w, h, gap = f * 1.6;
	char **names = cut_names(fm);
	/* a line under the panels for the models without a row, or the labels left out */
	bool note = fm->n_rows < fm->n_models ||
		    (r.h - f * 5.4) / (double)(fm->n_rows ? fm->n_rows : 1) * 0.85 < f * LABEL_MIN;

	figure_font(cr, f * 0.9, false);
	for (size_t i = 0; i < fm->n_rows; i++) {
		figure_text_size(cr, names != NULL ? names[i] : fm->models[fm->rows[i]].name, &w, &h);
		wmax = fmax(wmax, w);
	}
	double left = r.x + wmax + f * 0.7, right = r.x + r.w - f * 5.6;
	double top = r.y + f * 2.3, bottom = r.y + r.h - f * (note ? 4.5 : 3.1);
	double pw = (right - left - gap) / 2;
	if (pw < f * 4 || bottom - top < f * 2 || fm->n_rows == 0) {
		free(names);
		return;  /* too small a page to draw anything legible */
	}
	draw_panel(cr, fm, 0, (struct figure_rect){ left, top, pw, bottom - top }, f, names, true,
		   g);
	draw_panel(cr, fm, 1, (struct figure_rect){ left + pw + gap, top, pw, bottom - top }, f,
		   names, false, g);
	axis_title(cr, fm, g->heat[0], g->heat[1], f);
	colour_bar(cr, (struct figure_rect){ right + f * 0.7, top, f * 0.8, bottom - top }, f);
	left_out(cr, fm, (struct figure_rect){ r.x, 0, r.w, 0 }, bottom + f * 2.9, f, g);
	free(names);
}
