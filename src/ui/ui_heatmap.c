/* ui_heatmap.c - share heatmaps (figures 4-5): shade ramp, colour roles, level mapping, drawing. */
#include "optdeploy/ui/ui_heatmap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_W 18

int ui_shade_index(double share)
{
	if (!(share > 0))
		return 0;
	if (share < 0.25)
		return 1;
	if (share < 0.5)
		return 2;
	if (share < 0.75)
		return 3;
	return 4;
}

enum ui_role ui_shade_role(int idx)
{
	static const enum ui_role roles[5] = { UI_NORMAL, UI_HEAT1, UI_HEAT2, UI_HEAT3, UI_HEAT4 };

	return roles[idx < 0 ? 0 : idx > 4 ? 4 : idx];
}

size_t ui_heatmap_level(int col, int ncols, size_t n_levels)
{
	if (n_levels <= 1 || ncols <= 1 || col <= 0)
		return 0;
	if (col >= ncols - 1)
		return n_levels - 1;
	return (size_t)lround((double)col * (double)(n_levels - 1) / (ncols - 1));
}

int ui_heatmap_col(size_t level, int ncols, size_t n_levels)
{
	if (n_levels <= 1 || ncols <= 1)
		return 0;
	return (int)lround((double)level * (ncols - 1) / (double)(n_levels - 1));
}

bool ui_heatmap_nearest(double from, double to, size_t n_levels, double b, size_t *level)
{
	double f, half;

	if (n_levels == 0 || !isfinite(b))
		return false;
	if (n_levels == 1 || !(to > from)) {
		*level = 0;
		return fabs(b - from) < 1e-9;
	}
	half = (to - from) / (double)(n_levels - 1) / 2;
	if (b < from - half || b > to + half)
		return false;
	f = (b - from) / (to - from) * (double)(n_levels - 1);
	*level = f <= 0 ? 0 : (size_t)lround(f) >= n_levels ? n_levels - 1 : (size_t)lround(f);
	return true;
}

bool ui_heatmap_nearest_log(double from, double to, size_t n_levels, double b, size_t *level)
{
	if (!(from > 0) || !(to > 0) || !(b > 0))
		return false;
	return ui_heatmap_nearest(log10(from), log10(to), n_levels, log10(b), level);
}

static int name_width(const struct pool *pool)
{
	int w = 5;

	for (size_t i = 0; i < pool->n; i++) {
		int n = ui_text_width(pool->models[i].name);
		w = n > w ? n : w;
	}
	return w > NAME_MAX_W ? NAME_MAX_W : w;
}

/*
 * rh screen rows per model row, so a tall screen shows a taller figure;
 * model[i] is the sweep row of screen row i / rh, or -1 for a struck-out row.
 */
static void draw_cells(const struct ui_term *t, const struct sweep *sw, struct ui_rect c, int rows,
		       int rh, const long *model)
{
	attr_t dim = ui_term_attr(t, UI_DIM);

	for (int col = 0; col < c.w; col++) {
		size_t j = ui_heatmap_level(col, c.w, sw->n_levels);
		bool done = j < sw->done;
		bool answered = done && policy_has_counts(&sw->levels[j].policy);
		for (int i = 0; i < rows * rh; i++) {
			long mi = model[i / rh];
			int s = answered && mi >= 0 ? ui_shade_index(sweep_share(sw, j, (size_t)mi)) : 0;
			if (mi < 0)
				ui_put(c.y + i, c.x + col, t->g->hline, dim);
			else if (!done)
				ui_put(c.y + i, c.x + col, t->g->pending, dim);
			else if (!answered)
				ui_put(c.y + i, c.x + col, L'?', dim);
			else
				ui_put(c.y + i, c.x + col, t->g->shade[s], ui_term_attr(t, ui_shade_role(s)));
		}
	}
}

/* The axis row under the cells: range ends, the marked level, "budget" in between. */
static void draw_axis(const struct ui_term *t, const struct sweep *sw, struct ui_rect c, int y,
		      double mark, bool log)
{
	attr_t ax = ui_term_attr(t, UI_AXIS);
	char lo[32], hi[32], mk[40];
	int lw = snprintf(lo, sizeof lo, "%g", sw->from);
	int hw = snprintf(hi, sizeof hi, "%g", sw->to);
	size_t j;

	ui_hfill(y, c.x, c.w, t->g->hline, ax);
	if (c.w > lw + hw + 2) {
		ui_text(t, y, c.x, lw, ax, lo);
		ui_text(t, y, c.x + c.w - hw, hw, ax, hi);
	}
	if (!(log ? ui_heatmap_nearest_log : ui_heatmap_nearest)(sw->from, sw->to, sw->n_levels, mark,
								  &j))
		return;
	int col = ui_heatmap_col(j, c.w, sw->n_levels);
	int mw = snprintf(mk, sizeof mk, "%g", sw->levels[j].budget);
	ui_put(y, c.x + col, t->g->arrow_up, ui_term_attr(t, UI_FOCUS));
	/* the marked level's budget next to the arrow, when it clears the range labels */
	int at = col + 2 + mw <= c.w - hw - 1 ? col + 2 : col - 1 - mw;
	if (at > lw && at + mw < c.w - hw)
		ui_text(t, y, c.x + at, mw, ui_term_attr(t, UI_FOCUS), mk);
}

size_t ui_heatmap_first(size_t cursor, size_t n, size_t rows)
{
	size_t first;

	if (rows == 0 || n <= rows)
		return 0;
	first = cursor > rows / 2 ? cursor - rows / 2 : 0;
	return first > n - rows ? n - rows : first;
}

/* Sweep row of each listed model (-1: excluded, struck out); false on no memory. */
static long *row_models(const struct ui_heatmap_input *in, size_t *n)
{
	const struct pool *all = in->all != NULL ? in->all : in->sw->pool;
	long *model = malloc((all->n > 0 ? all->n : 1) * sizeof *model);
	long next = 0;

	if (model == NULL)
		return NULL;
	for (size_t i = 0; i < all->n; i++)
		model[i] = in->all != NULL && in->excluded != NULL && in->excluded[i] ? -1 : next++;
	*n = all->n;
	return model;
}

static void draw_names(const struct ui_term *t, const struct ui_heatmap_input *in, int y, int x,
		       int nw, size_t first, int rows, int rh, const long *model)
{
	const struct pool *all = in->all != NULL ? in->all : in->sw->pool;

	for (int r = 0; r < rows; r++) {
		size_t i = first + (size_t)r;
		attr_t sel = in->selected && i == in->cursor ? A_REVERSE : 0;
		if (model[i] < 0) {
			ui_text(t, y + r * rh, x, 2, ui_term_attr(t, UI_ERROR), "x ");
			ui_text(t, y + r * rh, x + 2, nw - 2, ui_term_attr(t, UI_DIM) | sel,
				all->models[i].name);
		} else {
			ui_text(t, y + r * rh, x, nw, A_NORMAL | sel, all->models[i].name);
		}
	}
}

void ui_heatmap_draw(const struct ui_term *t, struct ui_rect r, const struct ui_heatmap_input *in,
		     struct ui_heatmap_geom *g)
{
	const struct sweep *sw = in->sw;
	int nw, rows, rh, x;
	size_t n, first;
	long *model;

	memset(g, 0, sizeof *g);
	if (r.h < 3 || r.w < 12)
		return;
	x = r.x + ui_text(t, r.y, r.x, r.w, ui_term_attr(t, UI_LABEL), in->title);
	if (sw == NULL || (model = row_models(in, &n)) == NULL)
		return;
	nw = name_width(in->all != NULL ? in->all : sw->pool);
	if (nw > r.w / 3)
		nw = r.w / 3;
	rows = (int)n < r.h - 2 ? (int)n : r.h - 2;
	first = ui_heatmap_first(in->cursor, n, (size_t)rows);
	if (!sweep_finished(sw))
		x += ui_textf(t, r.y, x, r.x + r.w - x, ui_term_attr(t, UI_DIM),
			      "  solving %zu/%zu", sw->done, sw->n_levels);
	if (rows < (int)n)
		ui_textf(t, r.y, x, r.x + r.w - x, ui_term_attr(t, UI_DIM), "  (rows %zu-%zu of %zu)",
			 first + 1, first + (size_t)rows, n);
	rh = rows == (int)n && (r.h - 2) >= 2 * rows ? 2 : 1;
	g->cells = (struct ui_rect){ r.y + 1, r.x + nw + 1, rows * rh, r.w - nw - 1 };
	g->sw = sw;
	draw_names(t, in, r.y + 1, r.x, nw, first, rows, rh, model);
	draw_cells(t, sw, g->cells, rows, rh, model + first);
	draw_axis(t, sw, g->cells, r.y + 1 + rows * rh, in->mark, in->log);
	free(model);
}

bool ui_heatmap_hit(const struct ui_heatmap_geom *g, int y, int x, double *budget)
{
	struct ui_rect c = g->cells;

	if (g->sw == NULL || c.w <= 0)
		return false;
	c.h += 1;
	if (!ui_rect_contains(c, y, x))
		return false;
	*budget = g->sw->levels[ui_heatmap_level(x - c.x, c.w, g->sw->n_levels)].budget;
	return true;
}

void ui_heatmap_legend(const struct ui_term *t, int y, int x, int w)
{
	static const char *const text[5] = { "unused", "<25%", "<50%", "<75%", ">=75%" };
	int end = x + w;

	x += ui_text(t, y, x, end - x, A_NORMAL, "share x/K: ");
	for (int i = 1; i < 5 && end - x > 8; i++) {
		ui_put(y, x, t->g->shade[i], ui_term_attr(t, ui_shade_role(i)));
		ui_put(y, x + 1, t->g->shade[i], ui_term_attr(t, ui_shade_role(i)));
		x += 2;
		x += ui_textf(t, y, x, end - x, A_NORMAL, " %s  ", text[i]);
	}
}
