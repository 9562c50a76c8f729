/* ui_plot.c - the frontier plot: axes, LP hull, ILP frontier, models, policy and budget line. */
#include "optdeploy/ui/ui_plot.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "optdeploy/core/limits.h"
#include "optdeploy/core/names.h"
#include "optdeploy/core/units.h"

#define LABEL_MAX 18
#define LABEL_SHIFT 4   /* cells a label may stand further out than next to its point */

/* Everything one draw needs, so the helpers take one argument. */
struct plot {
	const struct ui_term *t;
	const struct ui_plot_input *in;
	struct ui_plot_geom *g;
	struct ui_canvas cv;
	bool *taken;       /* data cells holding a point or a label */
	bool *pad;         /* blank cells kept beside a label: nothing else is drawn there */
	size_t unnamed;    /* models in sight left without a label (no room beside them) */
};

void ui_plot_ranges(const struct pool *pool, double *xlo, double *xhi,
		    double *ylo, double *yhi)
{
	double cmin = pool->models[0].cost, cmax = cmin;
	double amin = pool->models[0].accuracy, amax = amin;

	for (size_t i = 1; i < pool->n; i++) {
		cmin = fmin(cmin, pool->models[i].cost);
		cmax = fmax(cmax, pool->models[i].cost);
		amin = fmin(amin, pool->models[i].accuracy);
		amax = fmax(amax, pool->models[i].accuracy);
	}
	if (!(cmax > cmin)) {
		cmin -= 1;
		cmax += 1;
	}
	if (!(amax > amin)) {
		amin -= 1;
		amax += 1;
	}
	*xlo = cmin - 0.05 * (cmax - cmin);
	*xhi = cmax + 0.05 * (cmax - cmin);
	*ylo = amin - 0.08 * (amax - amin);
	*yhi = amax + 0.08 * (amax - amin);
}

bool ui_plot_hit(const struct ui_plot_geom *g, int y, int x, double *cost, double *accuracy)
{
	int col, row;

	if (!ui_rect_contains(g->data, y, x))
		return false;
	col = x - g->data.x;
	row = g->data.y + g->data.h - 1 - y;   /* from the bottom */
	*cost = ui_axis_value(&g->ax, col * g->dx + g->dx / 2);
	*accuracy = ui_axis_value(&g->ay, row * g->dy + g->dy / 2);
	return true;
}

static int tick_decimals(double step)
{
	int d = (int)ceil(-log10(step) - 1e-9);
	return d < 0 ? 0 : d;
}

/* Screen row of accuracy v (may be outside the data area). */
static int row_of(const struct plot *p, double v)
{
	int d = ui_axis_dot(&p->g->ay, v);
	return p->g->data.y + p->g->data.h - 1 - d / p->g->dy;
}

static int col_of(const struct plot *p, double v)
{
	int d = ui_axis_dot(&p->g->ax, v);
	return p->g->data.x + (d >= 0 ? d / p->g->dx : -1);
}

static void draw_y_axis(const struct plot *p, double step, int lw)
{
	const struct ui_glyphs *gl = p->t->g;
	attr_t ax = ui_term_attr(p->t, UI_AXIS);
	struct ui_rect d = p->g->data;
	int dec = tick_decimals(step);

	for (int y = d.y; y < d.y + d.h; y++)
		ui_put(y, d.x - 1, gl->vline, ax);
	for (double v = ceil(p->g->ay.lo / step - 1e-9) * step; v <= p->g->ay.hi + 1e-9; v += step) {
		int y = row_of(p, v);
		if (y < d.y || y >= d.y + d.h)
			continue;
		ui_put(y, d.x - 1, gl->tee_left, ax);
		/* a tick at zero that rounding left at -1e-15 prints as 0, not -0 */
		ui_textf(p->t, y, d.x - 1 - lw, lw, ax, "%*.*f", lw, dec, fabs(v) < step / 2 ? 0.0 : v);
	}
}

/* One tick of the x axis and its label, when the label clears the previous one. */
static void x_tick(const struct plot *p, double v, const char *label, int *free_from, int right)
{
	attr_t ax = ui_term_attr(p->t, UI_AXIS);
	struct ui_rect d = p->g->data;
	int x = col_of(p, v), len = (int)strlen(label), at;

	if (x < d.x || x >= d.x + d.w)
		return;
	ui_put(d.y + d.h, x, p->t->g->tee_up, ax);
	at = x - len / 2;
	if (at <= *free_from || at + len > right)
		return;
	ui_text(p->t, d.y + d.h + 1, at, len, ax, label);
	*free_from = at + len;
}

static void draw_x_axis(const struct plot *p, double step)
{
	const struct ui_glyphs *gl = p->t->g;
	attr_t ax = ui_term_attr(p->t, UI_AXIS);
	struct ui_rect d = p->g->data;
	int y = d.y + d.h, dec = tick_decimals(step), free_from = d.x - 1;
	const struct cost_unit *u = &p->in->pool->unit;
	bool named = u->kind == COST_UNIT_ENERGY || u->kind == COST_UNIT_OTHER;
	char buf[32], name[40];

	snprintf(name, sizeof name, "%s%s%s%s%s", p->in->above_idle ? "e-Pt" : "cost",
		 named ? " (" : "", named ? u->name : "",
		 named ? ")" : "", p->g->ax.log ? ", log" : "");
	/* with a unit, tick labels leave room for the axis name when the axis is wide enough;
	   ", log" goes first (the status line says "log budget" too) */
	if (named && p->g->ax.log && (int)strlen(name) + 3 > d.w / 2)
		name[strlen(name) - strlen(", log")] = '\0';
	int right = d.x + d.w - (named && (int)strlen(name) + 3 <= d.w / 2 ? (int)strlen(name) + 3 : 0);

	ui_put(y, d.x - 1, gl->corner_bl, ax);
	ui_hfill(y, d.x, d.w, gl->hline, ax);
	if (p->g->ax.log) {
		double ticks[40];
		int n = ui_axis_log_ticks(p->g->ax.lo, p->g->ax.hi, ticks, d.w / 7 < 40 ? d.w / 7 : 40);
		for (int i = 0; i < n; i++) {
			snprintf(buf, sizeof buf, "%g", ticks[i]);
			x_tick(p, ticks[i], buf, &free_from, right);
		}
	} else {
		for (double v = ceil(p->g->ax.lo / step - 1e-9) * step; v <= p->g->ax.hi + 1e-9;
		     v += step) {
			/* a tick at zero that rounding left at -1e-15 prints as 0, not -0 */
			snprintf(buf, sizeof buf, "%.*f", dec, fabs(v) < step / 2 ? 0.0 : v);
			x_tick(p, v, buf, &free_from, right);
		}
	}
	if (d.x + d.w - free_from > (int)strlen(name) + 2)
		ui_text(p->t, y + 1, d.x + d.w - (int)strlen(name), (int)strlen(name),
			ui_term_attr(p->t, UI_DIM), name);
}

static void canvas_point(const struct plot *p, double x, double y, int *dx, int *dy)
{
	*dx = ui_axis_dot(&p->g->ax, x);
	*dy = ui_canvas_dots_y(&p->cv) - 1 - ui_axis_dot(&p->g->ay, y);
}

static void draw_curves(struct plot *p)
{
	const struct sweep *sw = p->in->ilp;
	int dash = p->t->depth == UI_MONO ? 2 : 0;
	int x0, y0, x1, y1, have = 0;

	const struct frontier_lp *h = p->in->hull;
	for (size_t i = 0; h != NULL && i + 1 < h->n; i++) {
		canvas_point(p, h->v[i].cost, h->v[i].accuracy, &x0, &y0);
		canvas_point(p, h->v[i + 1].cost, h->v[i + 1].accuracy, &x1, &y1);
		ui_canvas_line(&p->cv, x0, y0, x1, y1, UI_HULL, dash);
	}
	if (sw == NULL)
		return;
	for (size_t j = 0; j < sw->done; j++) {
		const struct policy *pol = &sw->levels[j].policy;
		if (!policy_has_counts(pol))
			continue;
		canvas_point(p, pol->expected_cost, pol->expected_accuracy, &x1, &y1);
		if (have)
			ui_canvas_line(&p->cv, x0, y0, x1, y1, UI_ILP, 0);
		else
			ui_canvas_dot(&p->cv, x1, y1, UI_ILP);
		x0 = x1;
		y0 = y1;
		have = 1;
	}
}

static void blit(const struct plot *p)
{
	struct ui_rect d = p->g->data;

	for (int cy = 0; cy < d.h; cy++)
		for (int cx = 0; cx < d.w; cx++) {
			wchar_t c = ui_canvas_cell(&p->cv, cx, cy);
			if (c != L' ')
				ui_put(d.y + cy, d.x + cx,
				       c, ui_term_attr(p->t, p->cv.role[cy * d.w + cx]));
		}
}

static bool cell_empty(const struct plot *p, int y, int x)
{
	struct ui_rect d = p->g->data;

	return ui_canvas_cell(&p->cv, x - d.x, y - d.y) == L' ' &&
	       !p->taken[(y - d.y) * d.w + (x - d.x)] && !p->pad[(y - d.y) * d.w + (x - d.x)];
}

/* The budget as a vertical line, or the accuracy floor as a horizontal one, behind the curves. */
static void draw_limit(const struct plot *p)
{
	struct ui_rect d = p->g->data;
	attr_t a = ui_term_attr(p->t, UI_BUDGET);

	if (p->in->mode == SOLVE_MAX_ACCURACY) {
		int x = col_of(p, p->in->budget);
		if (x < d.x || x >= d.x + d.w)
			return;
		for (int y = d.y; y < d.y + d.h; y++)
			if (cell_empty(p, y, x))
				ui_put(y, x, p->t->g->vline, a);
	} else {
		int y = row_of(p, p->in->floor);
		if (y < d.y || y >= d.y + d.h)
			return;
		for (int x = d.x; x < d.x + d.w; x++)
			if (cell_empty(p, y, x))
				ui_put(y, x, p->t->g->hline, a);
	}
}

/* Cell (y, x) of the data area holds no point, mark, label or curve: a label's neighbour. */
static bool cell_blank(const struct plot *p, int y, int x)
{
	struct ui_rect d = p->g->data;

	if (x < d.x || x >= d.x + d.w)
		return true;  /* the axis or the panel's edge: nothing to touch */
	/* another label's blank may be this one's too: one blank between two labels */
	return ui_canvas_cell(&p->cv, x - d.x, y - d.y) == L' ' &&
	       !p->taken[(y - d.y) * d.w + (x - d.x)];
}

/*
 * A label fits at (y, x..x+len) when no cell of it holds a point, a mark or another label
 * (or the blank kept beside one), and the cells just before and after it are blank: a label
 * never touches a marker, a curve or another label.
 */
static bool span_free(const struct plot *p, int y, int x, int len)
{
	struct ui_rect d = p->g->data;

	if (y < d.y || y >= d.y + d.h || x < d.x || x + len > d.x + d.w)
		return false;
	for (int i = 0; i < len; i++) {
		size_t c = (size_t)(y - d.y) * (size_t)d.w + (size_t)(x - d.x + i);
		if (p->taken[c] || p->pad[c])
			return false;
	}
	return cell_blank(p, y, x - 1) && cell_blank(p, y, x + len);
}

static void take(struct plot *p, int y, int x, int len)
{
	struct ui_rect d = p->g->data;

	for (int i = 0; i < len; i++)
		p->taken[(y - d.y) * d.w + (x - d.x + i)] = true;
}

/* Keep the cells beside a label blank (the budget line and later labels leave them). */
static void pad(struct plot *p, int y, int x)
{
	struct ui_rect d = p->g->data;

	if (x >= d.x && x < d.x + d.w)
		p->pad[(y - d.y) * d.w + (x - d.x)] = true;
}

/*
 * A label right of the point after a blank cell, else left, else one row up or down; then
 * the same places a cell or more further out (past a curve beside the point); left out (and
 * counted for the legend) when nothing fits.
 */
static void place_label(struct plot *p, int y, int x, const char *name, bool dim)
{
	static const int tries[6][2] = { { 0, 1 }, { 0, -1 }, { -1, 1 }, { 1, 1 }, { -1, -1 }, { 1, -1 } };
	int len = ui_text_width(name);
	for (int shift = 0; shift <= LABEL_SHIFT; shift++)
		for (int i = 0; i < 6; i++) {
			int ly = y + tries[i][0];
			int lx = tries[i][1] > 0 ? x + 2 : x - 1 - len;
			if (tries[i][0] != 0)
				lx = tries[i][1] > 0 ? x : x - len + 1;
			lx += tries[i][1] * shift;
			if (span_free(p, ly, lx, len)) {
				ui_text(p->t, ly, lx, len, ui_term_attr(p->t, dim ? UI_DIM : UI_LABEL),
					name);
				take(p, ly, lx, len);
				pad(p, ly, lx - 1);
				pad(p, ly, lx + len);
				return;
			}
		}
	p->unnamed++;
}

/* The deadline or the memory limit rules the model out (the hull leaves it out too). */
static bool unfit_model(const struct ui_plot_input *in, const struct model *md)
{
	return in->limits != NULL && !limits_model_fits(in->limits, md);
}

/*
 * The legend's word for the models ruled out: "over 200 ms" (the deadline),
 * "over memory", "over limits" (both rule some out); false when none is.
 */
static bool unfit_text(const struct ui_plot_input *in, char *buf, size_t size)
{
	const struct pool *pool = in->all != NULL ? in->all : in->pool;
	bool slow = false, big = false;
	char d[32];

	for (size_t i = 0; in->limits != NULL && i < pool->n; i++) {
		const struct model *md = &pool->models[i];
		if (in->all != NULL && in->excluded != NULL && in->excluded[i])
			continue;
		slow |= limits_deadline_active(in->limits) &&
			!limits_model_fits(&(struct solve_params){ .deadline = in->limits->deadline,
								   .memory_limit = INFINITY }, md);
		big |= md->memory > limits_memory_cap(in->limits);
	}
	buf[0] = '\0';
	if (!slow && !big)
		return false;
	units_format_latency(d, sizeof d, in->limits->deadline);
	snprintf(buf, size, "over %s", slow && big ? "limits" : slow ? d : "memory");
	return true;
}

/* Index in pool of the solved pool's model j (the same pool, or the what-if's whole one). */
static size_t whole_index(const struct ui_plot_input *in, const struct pool *pool, size_t j)
{
	if (in->all == NULL)
		return j;
	for (size_t i = 0; i < pool->n; i++)
		if (strcmp(pool->models[i].name, in->pool->models[j].name) == 0)
			return i;
	return pool->n;
}

/*
 * The order labels are placed in, so the ones that matter get the free places:
 * the policy's models, then the LP frontier's, then the rest in pool order.
 * NULL when out of memory (pool order then).
 */
static size_t *label_order(const struct ui_plot_input *in, const struct pool *pool)
{
	size_t *order = malloc((pool->n ? pool->n : 1) * sizeof *order), k = 0;
	unsigned char *rank = calloc(pool->n ? pool->n : 1, 1);

	if (order == NULL || rank == NULL) {
		free(order);
		free(rank);
		return NULL;
	}
	for (size_t v = 0; in->hull != NULL && v < in->hull->n; v++) {
		size_t a = whole_index(in, pool, in->hull->v[v].model);
		size_t b = whole_index(in, pool, in->hull->v[v].other);
		if (a < pool->n)
			rank[a] = 1;
		if (b < pool->n)
			rank[b] = 1;
	}
	for (size_t j = 0; in->policy != NULL && policy_has_counts(in->policy) &&
			   j < in->policy->n && j < in->pool->n; j++) {
		size_t i = whole_index(in, pool, j);
		if (in->policy->count[j] > 0 && i < pool->n)
			rank[i] = 2;
	}
	for (int r = 2; r >= 0; r--)
		for (size_t i = 0; i < pool->n; i++)
			if (rank[i] == r)
				order[k++] = i;
	free(rank);
	return order;
}

static void draw_models(struct plot *p)
{
	const struct pool *pool = p->in->all != NULL ? p->in->all : p->in->pool;
	const bool *out = p->in->all != NULL ? p->in->excluded : NULL;
	struct ui_rect d = p->g->data;
	const char **full = malloc((pool->n ? pool->n : 1) * sizeof *full);
	char **cut = NULL;

	/* labels longer than LABEL_MAX are cut (long words first), marked, and stay distinct */
	for (size_t i = 0; full != NULL && i < pool->n; i++)
		full[i] = pool->models[i].name;
	if (full != NULL)
		cut = names_crop_words(full, pool->n, LABEL_MAX, names_mark(p->t->utf8), NULL);
	free(full);
	for (size_t i = 0; i < pool->n; i++) {
		int y = row_of(p, pool->models[i].accuracy), x = col_of(p, pool->models[i].cost);
		if (ui_rect_contains(d, y, x))
			take(p, y, x, 1);
	}
	/* the policy's mark goes on last: no label may sit under it */
	if (p->in->policy != NULL && policy_has_counts(p->in->policy)) {
		int y = row_of(p, p->in->policy->expected_accuracy);
		int x = col_of(p, p->in->policy->expected_cost);
		if (ui_rect_contains(d, y, x))
			take(p, y, x, 1);
	}
	size_t *order = label_order(p->in, pool);
	for (size_t i = 0; i < pool->n; i++) {
		int y = row_of(p, pool->models[i].accuracy), x = col_of(p, pool->models[i].cost);
		bool gone = out != NULL && out[i];
		bool unfit = !gone && unfit_model(p->in, &pool->models[i]);
		if (!ui_rect_contains(d, y, x))
			continue;
		/* an excluded model stays in sight, as an x, so it can be found and brought back;
		   one the deadline or memory limit rules out, faint and hollow */
		ui_put(y, x, gone ? L'x' : unfit ? p->t->g->point_unfit : p->t->g->point,
		       ui_term_attr(p->t, gone || unfit ? UI_DIM : UI_POINT));
	}
	for (size_t k = 0; k < pool->n; k++) {
		size_t i = order != NULL ? order[k] : k;
		int y = row_of(p, pool->models[i].accuracy), x = col_of(p, pool->models[i].cost);
		bool gone = out != NULL && out[i];
		if (!ui_rect_contains(d, y, x))
			continue;
		/* out of memory: no labels rather than names cut without a mark */
		if (cut != NULL)
			place_label(p, y, x, cut[i], gone || unfit_model(p->in, &pool->models[i]));
		else
			p->unnamed++;
	}
	free(order);
	free(cut);
}

/*
 * The hull's vertices that mix two models on the time row: their cells are
 * taken before the models are drawn (no label covers them), and the mark
 * goes on after them, so a model in the same cell does not hide a vertex.
 */
static void draw_mixes(struct plot *p, bool mark)
{
	const struct frontier_lp *h = p->in->hull;
	for (size_t k = 0; h != NULL && k < h->n; k++) {
		int y = row_of(p, h->v[k].accuracy), x = col_of(p, h->v[k].cost);
		if (!frontier_vertex_is_mix(&h->v[k]) || !ui_rect_contains(p->g->data, y, x))
			continue;
		if (mark)
			ui_put(y, x, p->t->g->point_mix, ui_term_attr(p->t, UI_HULL));
		else
			take(p, y, x, 1);
	}
}

/* No LP policy keeps up with the rate: said on the plot's top row, in place of a hull. */
static void draw_lp_none(const struct plot *p)
{
	const struct frontier_lp *h = p->in->hull;
	struct ui_rect d = p->g->data;
	char text[64];
	if (h == NULL || !frontier_lp_none_keeps_up(h) || p->in->limits == NULL)
		return;
	/* a blank each side keeps it apart from the points drawn beside it */
	int n = snprintf(text, sizeof text, " no LP policy keeps up at %.4g/s ", p->in->limits->rate);
	if (n > d.w)
		n = snprintf(text, sizeof text, " no LP policy keeps up ");
	ui_text(p->t, d.y, d.x + (d.w > n ? (d.w - n) / 2 : 0), d.w, ui_term_attr(p->t, UI_LABEL), text);
}

static void draw_policy(const struct plot *p)
{
	const struct policy *pol = p->in->policy;
	int y, x;

	if (pol == NULL || !policy_has_counts(pol))
		return;
	y = row_of(p, pol->expected_accuracy);
	x = col_of(p, pol->expected_cost);
	if (ui_rect_contains(p->g->data, y, x))
		ui_put(y, x, p->t->g->policy, ui_term_attr(p->t, UI_POLICY));
}

/* The legend on the plot's first row: whole entries only, as many as fit. */
static void draw_legend(const struct plot *p, struct ui_rect r)
{
	const struct ui_term *t = p->t;
	bool relaxed = p->in->ilp != NULL && p->in->ilp->params.method == SOLVE_RELAXED;
	bool primal = p->in->mode == SOLVE_MAX_ACCURACY;
	bool mixes = false, hull = p->in->hull != NULL && p->in->hull->n > 0;
	char pt[8], pol[8], un[8], mix[8], ilp[32], over[48] = "", unnamed[24];
	int x = r.x, end = r.x + r.w;
	bool unfit = unfit_text(p->in, over, sizeof over);

	snprintf(pt, sizeof pt, "%lc", (wint_t)t->g->point);
	snprintf(pol, sizeof pol, "%lc", (wint_t)t->g->policy);
	snprintf(un, sizeof un, "%lc", (wint_t)t->g->point_unfit);
	snprintf(mix, sizeof mix, "%lc", (wint_t)t->g->point_mix);
	snprintf(unnamed, sizeof unnamed, "%zu", p->unnamed);
	for (size_t k = 0; p->in->hull != NULL && k < p->in->hull->n; k++)
		mixes |= frontier_vertex_is_mix(&p->in->hull->v[k]);
	snprintf(ilp, sizeof ilp, "%s (K, %s)", relaxed ? "LP-rounded" : "ILP", t->g->lambda);
	const struct { enum ui_role role; const char *mark, *text; } items[] = {
		{ UI_POINT, pt, "model" },
		{ UI_POLICY, pol, "policy" },
		{ UI_DIM, un, over },  /* only when some model is ruled out */
		{ UI_HULL, mix, "LP mix" },  /* only when the hull has a mix (the time row) */
		{ UI_DIM, unnamed, "unlabelled" },  /* only when some model has no room for one */
		{ UI_HULL, t->utf8 ? "⠒ ⠒" : ". .", "LP hull" },
		{ UI_ILP, t->utf8 ? "⠒⠒⠒" : "...", ilp },
		{ UI_BUDGET, primal ? (t->utf8 ? "│" : "|") : (t->utf8 ? "─" : "-"),
		  primal ? "budget" : "floor" },
	};
	/* the models, the policy, what rules models out, the hull's mixes, then how many
	   models have no label come first: the heading ("Frontier  ", 10 cells) goes when it would crowd them out */
	int essential = 0, wanted;
	for (size_t i = 0; i < 3; i++)
		if (i != 2 || unfit)
			essential += ui_text_width(items[i].mark) + 1 + ui_text_width(items[i].text) + 2;
	wanted = essential;
	for (size_t i = 3; i < 5; i++)
		if (i == 3 ? mixes : p->unnamed > 0)
			wanted += ui_text_width(items[i].mark) + 1 + ui_text_width(items[i].text) + 2;
	bool heading = wanted + 10 <= r.w || (wanted > r.w && essential + 10 <= r.w) ||
		       !(unfit || mixes || p->unnamed > 0);

	if (heading)
		x += ui_text(t, r.y, x, end - x, ui_term_attr(t, UI_LABEL), "Frontier  ");
	for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
		if ((i == 2 && !unfit) || (i == 3 && !mixes) || (i == 4 && p->unnamed == 0) ||
		    (i == 5 && !hull))
			continue;
		int w = ui_text_width(items[i].mark) + 1 + ui_text_width(items[i].text);
		if (x + w > end)
			break;
		x += ui_text(t, r.y, x, end - x, ui_term_attr(t, items[i].role), items[i].mark);
		x += ui_textf(t, r.y, x, end - x, A_NORMAL, " %s  ", items[i].text);
	}
}

/* A log cost axis from the cheapest positive cost, with a 5% margin in log terms, when asked. */
static void log_range(const struct ui_plot_input *in, struct ui_axis *ax)
{
	const struct pool *pool = in->all != NULL ? in->all : in->pool;
	double lo = 0, hi = 0, f;

	if (!in->log_cost)
		return;
	for (size_t i = 0; i < pool->n; i++) {
		double c = pool->models[i].cost;
		if (c > 0 && (lo == 0 || c < lo))
			lo = c;
		hi = c > hi ? c : hi;
	}
	if (!(lo > 0) || !(hi > lo))
		return;
	f = pow(hi / lo, 0.05);
	*ax = (struct ui_axis){ lo / f, hi * f, ax->n, true };
}

/* Axis ranges, tick steps and the data rectangle; the y labels' width decides where data starts. */
static void layout(struct plot *p, struct ui_rect r, double *xstep, double *ystep, int *lw)
{
	double xlo, xhi, ylo, yhi, a, b;
	char buf[32];
	int dec;

	ui_plot_ranges(p->in->all != NULL ? p->in->all : p->in->pool, &xlo, &xhi, &ylo, &yhi);
	a = ylo;
	b = yhi;
	*ystep = ui_axis_nice(&a, &b, (r.h - 3) / 3 > 2 ? (r.h - 3) / 3 : 2);
	dec = tick_decimals(*ystep);
	*lw = snprintf(buf, sizeof buf, "%.*f", dec, fabs(yhi) > fabs(ylo) ? yhi : ylo);
	p->g->data = (struct ui_rect){ r.y + 1, r.x + *lw + 1, r.h - 3, r.w - *lw - 2 };
	p->g->dx = p->t->utf8 ? 2 : 1;
	p->g->dy = p->t->utf8 ? 4 : 2;
	p->g->ax = (struct ui_axis){ xlo, xhi, p->g->data.w * p->g->dx, false };
	log_range(p->in, &p->g->ax);
	p->g->ay = (struct ui_axis){ ylo, yhi, p->g->data.h * p->g->dy, false };
	a = xlo;
	b = xhi;
	*xstep = ui_axis_nice(&a, &b, p->g->data.w / 9 > 2 ? p->g->data.w / 9 : 2);
}

bool ui_plot_draw(const struct ui_term *t, struct ui_rect r, const struct ui_plot_input *in,
		  struct ui_plot_geom *geom)
{
	struct plot p = { t, in, geom, { 0 }, NULL, NULL, 0 };
	double xstep, ystep;
	int lw;

	memset(geom, 0, sizeof *geom);
	if (r.w < 20 || r.h < 6 || in->pool->n == 0 || (in->all != NULL && in->all->n == 0))
		return false;
	layout(&p, r, &xstep, &ystep, &lw);
	if (!ui_canvas_init(&p.cv, geom->data.w, geom->data.h, t->utf8))
		return false;
	p.taken = calloc((size_t)geom->data.w * (size_t)geom->data.h, sizeof *p.taken);
	p.pad = calloc((size_t)geom->data.w * (size_t)geom->data.h, sizeof *p.pad);
	if (p.taken == NULL || p.pad == NULL) {
		free(p.taken);
		free(p.pad);
		ui_canvas_free(&p.cv);
		return false;
	}
	draw_y_axis(&p, ystep, lw);
	draw_x_axis(&p, xstep);
	draw_curves(&p);
	blit(&p);
	draw_mixes(&p, false);
	draw_models(&p);
	draw_mixes(&p, true);
	draw_limit(&p);
	draw_lp_none(&p);
	draw_policy(&p);
	draw_legend(&p, r);  /* after the labels: it counts the models left unlabelled */
	free(p.taken);
	free(p.pad);
	ui_canvas_free(&p.cv);
	return true;
}
