/* ui_heatmap.c - share heatmaps (figures 4-5): shade ramp, colour roles, level mapping, drawing. */
#include "optdeploy/ui/ui_heatmap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "optdeploy/core/names.h"

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

/*
 * rh screen rows per model row, so a tall screen shows a taller figure;
 * model[i] is the sweep row of screen row i / rh, or -1 for a struck-out row.
 */
/*
 * The darkest shade of model mi over column col: its own level j, and every
 * solved level whose nearest column is col.  A panel narrower than the sweep
 * has more levels than columns; without this a model used only at levels
 * between two drawn columns would get a row (it is used) and no mark at all.
 */
static int column_shade(const struct sweep *sw, int col, int ncols, size_t j, long mi)
{
	int s = ui_shade_index(sweep_share(sw, j, (size_t)mi));

	for (size_t l = j; l > 0 && ui_heatmap_col(l - 1, ncols, sw->n_levels) == col; l--)
		if (l - 1 < sw->done && policy_has_counts(&sw->levels[l - 1].policy)) {
			int sl = ui_shade_index(sweep_share(sw, l - 1, (size_t)mi));
			s = sl > s ? sl : s;
		}
	for (size_t l = j + 1; l < sw->n_levels && ui_heatmap_col(l, ncols, sw->n_levels) == col; l++)
		if (l < sw->done && policy_has_counts(&sw->levels[l].policy)) {
			int sl = ui_shade_index(sweep_share(sw, l, (size_t)mi));
			s = sl > s ? sl : s;
		}
	return s;
}

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
			int s = answered && mi >= 0 ? column_shade(sw, col, c.w, j, mi) : 0;
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
	if (!(log ? ui_heatmap_nearest_log : ui_heatmap_nearest)(sw->from, sw->to, sw->n_levels, mark,
								  &j)) {
		if (c.w > lw + hw + 2) {
			ui_text(t, y, c.x, lw, ax, lo);
			ui_text(t, y, c.x + c.w - hw, hw, ax, hi);
		}
		return;
	}
	int col = ui_heatmap_col(j, c.w, sw->n_levels);
	/* the range labels move off the arrow's cell ("▲17.35──", "──2440.52▲"), never
	 * under it: a label with its first digit drawn over reads as another number */
	int lo_x = col < lw ? col + 1 : 0, hi_x = col >= c.w - hw ? col - hw : c.w - hw;
	if (c.w > lw + hw + 3) {
		ui_text(t, y, c.x + lo_x, lw, ax, lo);
		ui_text(t, y, c.x + hi_x, hw, ax, hi);
	}
	int mw = snprintf(mk, sizeof mk, "%g", sw->levels[j].budget);
	ui_put(y, c.x + col, t->g->arrow_up, ui_term_attr(t, UI_FOCUS));
	/* the marked level's budget next to the arrow, when it clears the range labels */
	int at = col + 2 + mw <= hi_x - 1 ? col + 2 : col - 1 - mw;
	if (at > lo_x + lw && at + mw < hi_x)
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

/* Sweep row of each loaded model (-1: excluded, struck out); NULL on no memory. */
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

/* Has sweep row r a share at some solved level? */
static bool used_in(const struct sweep *sw, long r)
{
	if (sw == NULL || r < 0 || (size_t)r >= sw->pool->n)
		return false;
	for (size_t j = 0; j < sw->done; j++)
		if (policy_has_counts(&sw->levels[j].policy) && sweep_share(sw, j, (size_t)r) > 0)
			return true;
	return false;
}

/* The loaded indices that get a row (into list, when not NULL); *others the rest. */
static size_t pick_rows(const struct ui_heatmap_input *in, const long *model, size_t n,
			size_t *list, size_t *others)
{
	bool every = in->all_rows || in->selected;
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (!every && !used_in(in->sw, model[i]) && !used_in(in->other, model[i]))
			continue;
		if (list != NULL)
			list[k] = i;
		k++;
	}
	*others = n - k;
	return k;
}

size_t ui_heatmap_rows(const struct ui_heatmap_input *in, size_t *others)
{
	size_t n, k;
	long *model;

	*others = 0;
	if (in->sw == NULL || (model = row_models(in, &n)) == NULL)
		return in->all != NULL ? in->all->n : 0;
	k = pick_rows(in, model, n, NULL, others);
	free(model);
	return k;
}

/* The names of the rows shown, cut to nw cells and distinct (*widest: the widest); NULL on no
 * memory. */
static char **cut_names(const struct ui_term *t, const struct pool *all, const size_t *list,
			size_t rows, int nw, size_t *widest)
{
	const char **names = malloc((rows ? rows : 1) * sizeof *names);
	char **cut;

	if (names == NULL)
		return NULL;
	for (size_t r = 0; r < rows; r++)
		names[r] = all->models[list[r]].name;
	cut = names_crop_words(names, rows, (size_t)(nw > 1 ? nw : 1), names_mark(t->utf8), widest);
	free(names);
	return cut;
}

/* The names (cut: as cut_names made them; struck: some row is excluded, all shift by "x "). */
static void draw_names(const struct ui_term *t, const struct ui_heatmap_input *in, int y, int x,
		       int nw, const size_t *list, int rows, int rh, const long *model,
		       char *const *cut, bool struck)
{
	const struct pool *all = in->all != NULL ? in->all : in->sw->pool;

	for (int r = 0; r < rows; r++) {
		size_t i = list[r];
		attr_t sel = in->selected && i == in->cursor ? A_REVERSE : 0;
		const char *name = cut != NULL ? cut[r] : all->models[i].name;
		if (model[i] < 0) {
			ui_text(t, y + r * rh, x, 2, ui_term_attr(t, UI_ERROR), "x ");
			ui_text(t, y + r * rh, x + 2, nw - 2, ui_term_attr(t, UI_DIM) | sel, name);
		} else {
			ui_text(t, y + r * rh, x + (struck ? 2 : 0), nw - (struck ? 2 : 0),
				A_NORMAL | sel, name);
		}
	}
}

/* Cells of the widest name among the rows, at most a third of the panel and 18. */
static int names_cells(const struct pool *all, const size_t *list, size_t k, int w)
{
	int nw = 5;

	for (size_t r = 0; r < k; r++) {
		int c = ui_text_width(all->models[list[r]].name);
		nw = c > nw ? c : nw;
	}
	nw = nw > NAME_MAX_W ? NAME_MAX_W : nw;
	return nw > w / 3 ? w / 3 : nw;
}

/* The models without a row, in one line under the axis. */
static void others_line(const struct ui_term *t, const struct sweep *sw, int y, int x, int w,
			size_t others)
{
	char buf[160];
	const char *what = sweep_finished(sw) ? "never used" : "not used so far";

	/* the whole line, else without the key, else without the range: never cut short */
	const char *unit = cost_unit_suffix(&sw->pool->unit);

	snprintf(buf, sizeof buf, "%s %zu model%s %s from %g to %g%s (u: every row)", t->g->dots,
		 others, others == 1 ? "" : "s", what, sw->from, sw->to, unit);
	if (ui_text_width(buf) > w)
		snprintf(buf, sizeof buf, "%s %zu model%s %s from %g to %g%s", t->g->dots, others,
			 others == 1 ? "" : "s", what, sw->from, sw->to, unit);
	if (ui_text_width(buf) > w)
		snprintf(buf, sizeof buf, "%s %zu model%s %s", t->g->dots, others,
			 others == 1 ? "" : "s", what);
	ui_text(t, y, x, w, ui_term_attr(t, UI_DIM), buf);
}

/* The rows, their cells and the axis, once the rows are chosen. */
static void draw_rows(const struct ui_term *t, struct ui_rect r, const struct ui_heatmap_input *in,
		      struct ui_heatmap_geom *g, const long *model, const size_t *list, size_t k,
		      size_t others, int x)
{
	const struct sweep *sw = in->sw;
	const struct pool *all = in->all != NULL ? in->all : sw->pool;
	int room = r.h - 2 - (others > 0), nw = names_cells(all, list, k, r.w), rows, rh;
	size_t first, pos = 0, widest = 0;
	long *shown;
	char **cut;
	bool struck = false;

	rows = (int)k < room ? (int)k : room < 0 ? 0 : room;
	/* the rows follow the model table's selection while it has the keys; else the
	 * cheapest come first */
	while (in->selected && pos < k && list[pos] != in->cursor)
		pos++;
	first = ui_heatmap_first(pos < k ? pos : 0, k, (size_t)rows);
	if (rows < (int)k) {
		char buf[64];
		snprintf(buf, sizeof buf, "  (rows %zu-%zu of %zu)", first + 1, first + (size_t)rows, k);
		if (ui_text_width(buf) > r.x + r.w - x)  /* short, never cut: "(1-4 of 23)" */
			snprintf(buf, sizeof buf, " (%zu-%zu of %zu)", first + 1, first + (size_t)rows, k);
		ui_text(t, r.y, x, r.x + r.w - x, ui_term_attr(t, UI_DIM), buf);
	}
	rh = rows == (int)k && room >= 2 * rows ? 2 : 1;
	for (int i = 0; i < rows; i++)
		struck = struck || model[list[first + (size_t)i]] < 0;
	/* struck-out rows take "x " before the name: the names get two cells less; a name cut
	 * wider to stay distinct widens the column rather than lose its end */
	cut = cut_names(t, all, list + first, (size_t)rows, struck ? nw - 2 : nw, &widest);
	if ((int)widest + (struck ? 2 : 0) > nw)
		nw = (int)widest + (struck ? 2 : 0) < r.w - 12 ? (int)widest + (struck ? 2 : 0)
							       : r.w - 12;
	g->cells = (struct ui_rect){ r.y + 1, r.x + nw + 1, rows * rh, r.w - nw - 1 };
	g->sw = sw;
	shown = malloc(((size_t)rows > 0 ? (size_t)rows : 1) * sizeof *shown);
	if (shown == NULL || cut == NULL) {
		free(shown);
		free(cut);
		return;
	}
	for (int i = 0; i < rows; i++)
		shown[i] = model[list[first + (size_t)i]];
	draw_names(t, in, r.y + 1, r.x, nw, list + first, rows, rh, model, cut, struck);
	draw_cells(t, sw, g->cells, rows, rh, shown);
	draw_axis(t, sw, g->cells, r.y + 1 + rows * rh, in->mark, in->log);
	if (others > 0)
		others_line(t, sw, r.y + 2 + rows * rh, r.x, r.w, others);
	free(shown);
	free(cut);
}

void ui_heatmap_draw(const struct ui_term *t, struct ui_rect r, const struct ui_heatmap_input *in,
		     struct ui_heatmap_geom *g)
{
	const struct sweep *sw = in->sw;
	int x;
	size_t n, k, others;
	long *model;
	size_t *list;

	memset(g, 0, sizeof *g);
	if (r.h < 3 || r.w < 12)
		return;
	x = r.x + ui_text(t, r.y, r.x, r.w, ui_term_attr(t, UI_LABEL), in->title);
	if (sw == NULL || (model = row_models(in, &n)) == NULL)
		return;
	if (!sweep_finished(sw))
		x += ui_textf(t, r.y, x, r.x + r.w - x, ui_term_attr(t, UI_DIM),
			      "  solving %zu/%zu", sw->done, sw->n_levels);
	list = malloc((n ? n : 1) * sizeof *list);
	if (list != NULL) {
		k = pick_rows(in, model, n, list, &others);
		/* cheapest first, as the figure's rows and sweep's columns; pool order when out of
		 * memory (the rows are all still there) */
		(void)pool_cost_order(in->all != NULL ? in->all : sw->pool, list, k);
		draw_rows(t, r, in, g, model, list, k, others, x);
	}
	free(list);
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
	/* "share x/K: ░░ <25%  ..." (48 cells), else "x/K: ░ <25% ..." (33): every shade
	 * keeps its key, never the first three alone (at 80 columns on a linear axis) */
	bool wide = w >= 48;
	int end = x + w, cells = wide ? 2 : 1;

	x += ui_text(t, y, x, end - x, A_NORMAL, wide ? "share x/K: " : "x/K: ");
	for (int i = 1; i < 5 && end - x > 1; i++) {
		for (int c = 0; c < cells; c++)
			ui_put(y, x + c, t->g->shade[i], ui_term_attr(t, ui_shade_role(i)));
		x += cells;
		x += ui_textf(t, y, x, end - x, A_NORMAL, wide ? " %s  " : " %s ", text[i]);
	}
}
