/*
 * figure_frontier.c - the cost/accuracy plane (the paper's figures 2-3):
 * every model as a labelled point, the LP frontier (upper concave hull), the
 * ILP frontier of the current K and lambda, the budget line and the chosen
 * policy, the legend in the emptiest place; the labels are figure_labels.c's.
 */
#include "optdeploy/figure/figure_draw.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "optdeploy/core/units.h"
#include "optdeploy/figure/figure_colour.h"

#define MAX_TICKS 16

/* Colours: the two frontiers from viridis's dark and middle range; ink for the rest. */
#define INK 0.15
#define GRID 0.90
#define UNFIT_GREY 0.6  /* models the limits rule out: drawn, but faint */

static void set_grey(cairo_t *cr, double g)
{
	cairo_set_source_rgb(cr, g, g, g);
}

static void set_rgb(cairo_t *cr, struct figure_rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/* The data ranges: models, both frontiers, the policy and the budget line. */
static void data_range(const struct figure_model *fm, double *x0, double *x1, double *y0,
		       double *y1)
{
	*x0 = *y0 = INFINITY;
	*x1 = *y1 = -INFINITY;
	for (size_t i = 0; i < fm->n_models; i++) {
		*x0 = fmin(*x0, fm->models[i].cost);
		*x1 = fmax(*x1, fm->models[i].cost);
		*y0 = fmin(*y0, fm->models[i].accuracy);
		*y1 = fmax(*y1, fm->models[i].accuracy);
	}
	for (size_t j = 0; j < fm->n_ilp; j++) {
		if (!fm->log_cost || fm->ilp[j].cost > 0) {
			*x0 = fmin(*x0, fm->ilp[j].cost);
			*x1 = fmax(*x1, fm->ilp[j].cost);
		}
		*y0 = fmin(*y0, fm->ilp[j].accuracy);
	}
	if (isfinite(fm->budget) && (!fm->log_cost || fm->budget > 0)) {
		*x0 = fmin(*x0, fm->budget);
		*x1 = fmax(*x1, fm->budget);
	}
}

static void draw_axes(cairo_t *cr, const struct figure_model *fm, const struct figure_plane *p)
{
	double t[MAX_TICKS];
	char buf[32];
	size_t n;
	struct figure_rect a = p->area;

	cairo_set_line_width(cr, p->f * 0.06);
	figure_font(cr, p->f * 0.9, false);
	n = figure_scale_ticks(&p->x, t, MAX_TICKS);
	for (size_t i = 0; i < n; i++) {
		double x = figure_scale_map(&p->x, t[i]);
		set_grey(cr, GRID);
		cairo_move_to(cr, x, a.y);
		cairo_line_to(cr, x, a.y + a.h);
		cairo_stroke(cr);
		set_grey(cr, INK);
		cairo_move_to(cr, x, a.y + a.h);
		cairo_line_to(cr, x, a.y + a.h + p->f * 0.3);
		cairo_stroke(cr);
		figure_tick_label(t, n, i, buf, sizeof buf);
		figure_text(cr, x, a.y + a.h + p->f * 0.4, 0.5, 0, 0, buf);
	}
	n = figure_scale_ticks(&p->y, t, MAX_TICKS);
	for (size_t i = 0; i < n; i++) {
		double y = figure_scale_map(&p->y, t[i]);
		set_grey(cr, GRID);
		cairo_move_to(cr, a.x, y);
		cairo_line_to(cr, a.x + a.w, y);
		cairo_stroke(cr);
		set_grey(cr, INK);
		cairo_move_to(cr, a.x, y);
		cairo_line_to(cr, a.x - p->f * 0.3, y);
		cairo_stroke(cr);
		figure_tick_label(t, n, i, buf, sizeof buf);
		figure_text(cr, a.x - p->f * 0.45, y, 1, 0.5, 0, buf);
	}
	cairo_set_line_width(cr, p->f * 0.08);
	cairo_rectangle(cr, a.x, a.y, a.w, a.h);
	cairo_stroke(cr);
	char xlabel[96], ylabel[96];
	cost_unit_axis(&fm->unit, NULL, fm->log_cost, xlabel, sizeof xlabel);
	snprintf(ylabel, sizeof ylabel, "expected %s",
		 fm->accuracy_label != NULL ? fm->accuracy_label : "accuracy");
	figure_font(cr, p->f * 0.95, false);
	figure_text(cr, a.x + a.w / 2, a.y + a.h + p->f * 1.55, 0.5, 0, 0,
		    fm->log_cost ? (fm->normalized ? "cost per inference (normalised: best = 100, log scale)"
				    : xlabel)
		    : (fm->normalized ? "cost per inference (normalised: best model = 100)"
		       : xlabel));
	figure_text(cr, a.x - p->f * 3.2, a.y + a.h / 2, 0.5, 0, -M_PI / 2, ylabel);
}

size_t figure_hull_pieces(const struct figure_plane *p)
{
	return p->x.log ? FIGURE_LOG_PIECES : 1;
}

void figure_hull_point(const struct figure_plane *p, const struct figure_point *a,
		       const struct figure_point *b, size_t k, double *x, double *y)
{
	double t = (double)k / (double)figure_hull_pieces(p);

	*x = figure_scale_map(&p->x, a->cost + t * (b->cost - a->cost));
	*y = figure_scale_map(&p->y, a->accuracy + t * (b->accuracy - a->accuracy));
}

static void polyline(cairo_t *cr, const struct figure_plane *p, const struct figure_point *pt, size_t n)
{
	double x, y;

	if (n == 0)
		return;
	cairo_move_to(cr, figure_scale_map(&p->x, pt[0].cost), figure_scale_map(&p->y, pt[0].accuracy));
	for (size_t i = 1; i < n; i++)
		for (size_t k = 1; k <= figure_hull_pieces(p); k++) {
			figure_hull_point(p, &pt[i - 1], &pt[i], k, &x, &y);
			cairo_line_to(cr, x, y);
		}
	cairo_stroke(cr);
}

/* The ILP frontier as steps: the accuracy reached at a level holds until the next. */
static void staircase(cairo_t *cr, const struct figure_plane *p, const struct figure_point *pt, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		double x = figure_scale_map(&p->x, pt[i].cost), y = figure_scale_map(&p->y, pt[i].accuracy);
		if (i == 0) {
			cairo_move_to(cr, x, y);
			continue;
		}
		double y_prev = figure_scale_map(&p->y, pt[i - 1].accuracy);
		cairo_line_to(cr, x, y_prev);
		cairo_line_to(cr, x, y);
	}
	cairo_stroke(cr);
}

static void diamond(cairo_t *cr, double x, double y, double r)
{
	cairo_move_to(cr, x, y - r);
	cairo_line_to(cr, x + r, y);
	cairo_line_to(cr, x, y + r);
	cairo_line_to(cr, x - r, y);
	cairo_close_path(cr);
}

static void draw_curves(cairo_t *cr, const struct figure_model *fm, const struct figure_plane *p)
{
	static const double dash[] = { 1, 0.6 };
	double d[2] = { dash[0] * p->f, dash[1] * p->f };

	cairo_save(cr);
	cairo_rectangle(cr, p->area.x, p->area.y, p->area.w, p->area.h);
	cairo_clip(cr);
	if (isfinite(fm->budget)) {
		double x = figure_scale_map(&p->x, fm->budget);
		set_grey(cr, 0.45);
		cairo_set_line_width(cr, p->f * 0.1);
		double bd[2] = { p->f * 0.35, p->f * 0.35 };
		cairo_set_dash(cr, bd, 2, 0);
		cairo_move_to(cr, x, p->area.y);
		cairo_line_to(cr, x, p->area.y + p->area.h);
		cairo_stroke(cr);
	}
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	set_rgb(cr, figure_viridis(0.55));
	cairo_set_line_width(cr, p->f * 0.22);
	cairo_set_dash(cr, NULL, 0, 0);
	staircase(cr, p, fm->ilp, fm->n_ilp);
	set_rgb(cr, figure_viridis(0.1));
	cairo_set_line_width(cr, p->f * 0.14);
	cairo_set_dash(cr, d, 2, 0);
	polyline(cr, p, fm->hull, fm->n_hull);
	cairo_restore(cr);
}

/* A vertex of the LP frontier that mixes two models on the time row: a square in the frontier's colour. */
static void mix_marker(cairo_t *cr, double x, double y, double r)
{
	cairo_rectangle(cr, x - r, y - r, 2 * r, 2 * r);
	set_rgb(cr, figure_viridis(0.1));
	cairo_fill_preserve(cr);
	set_grey(cr, 1.0);
	cairo_stroke(cr);
}

/* A model the deadline or memory limit rules out: a hollow grey ring, crossed. */
static void unfit_marker(cairo_t *cr, double x, double y, double r)
{
	double d = r * 0.62;

	cairo_new_sub_path(cr);
	cairo_arc(cr, x, y, r, 0, 2 * M_PI);
	set_grey(cr, 1.0);
	cairo_fill_preserve(cr);
	set_grey(cr, UNFIT_GREY);
	cairo_stroke(cr);
	cairo_move_to(cr, x - d, y - d);
	cairo_line_to(cr, x + d, y + d);
	cairo_move_to(cr, x - d, y + d);
	cairo_line_to(cr, x + d, y - d);
	cairo_stroke(cr);
}

static void draw_markers(cairo_t *cr, const struct figure_model *fm, const struct figure_plane *p)
{
	double r = p->f * 0.3;

	cairo_set_line_width(cr, p->f * 0.08);
	for (size_t i = 0; i < fm->n_models; i++) {
		double x = figure_scale_map(&p->x, fm->models[i].cost);
		double y = figure_scale_map(&p->y, fm->models[i].accuracy);
		if (fm->unfit != NULL && fm->unfit[i]) {
			unfit_marker(cr, x, y, r);
			continue;
		}
		cairo_new_sub_path(cr);
		cairo_arc(cr, x, y, r, 0, 2 * M_PI);
		set_grey(cr, figure_on_hull(fm, i) ? INK : 1.0);
		cairo_fill_preserve(cr);
		set_grey(cr, INK);
		cairo_stroke(cr);
	}
	for (size_t k = 0; k < fm->n_hull; k++)
		if (fm->hull[k].name == NULL)
			mix_marker(cr, figure_scale_map(&p->x, fm->hull[k].cost),
				   figure_scale_map(&p->y, fm->hull[k].accuracy), r * 0.85);
	if (fm->has_policy) {
		double x = figure_scale_map(&p->x, fm->policy.cost);
		double y = figure_scale_map(&p->y, fm->policy.accuracy);
		diamond(cr, x, y, r * 2.1);
		set_rgb(cr, figure_viridis(1));
		cairo_fill_preserve(cr);
		set_grey(cr, 0);
		cairo_set_line_width(cr, p->f * 0.1);
		cairo_stroke(cr);
	}
}

/* ---- legend ----------------------------------------------------------- */

enum legend_sym { SYM_DOT, SYM_RING, SYM_UNFIT, SYM_DASH, SYM_MIX, SYM_NONE, SYM_STEP,
		  SYM_DIAMOND, SYM_BUDGET };

#define LEGEND_MAX 8  /* a mix and "no LP policy" never come together */

struct legend_entry {
	enum legend_sym sym;
	char text[96];
};

/* The LP frontier (over the models not ruled out, keeping up), its mixes, or why there is none. */
static void legend_lp(const struct figure_model *fm, struct legend_entry *e, size_t *n)
{
	if (fm->lp_none) {
		e[*n].sym = SYM_NONE;
		snprintf(e[(*n)++].text, sizeof e[0].text, "no LP policy keeps up at %.4g/s: every "
			 "model is too slow", fm->rate);
		return;
	}
	e[*n].sym = SYM_DASH;
	snprintf(e[(*n)++].text, sizeof e[0].text, "LP frontier%s%s",
		 fm->n_unfit > 0 ? " of the others" : fm->rate > 0 ? "" : " (concave hull)",
		 fm->rate > 0 ? " keeping up" : "");
	if (fm->n_mix > 0) {
		e[*n].sym = SYM_MIX;
		snprintf(e[(*n)++].text, sizeof e[0].text, "mix of two models, busy %.4g%%",
			 100 * fm->duty);
	}
}

static size_t legend_entries(const struct figure_model *fm, struct legend_entry *e)
{
	char lam[64];
	size_t n = 0;

	figure_lambda_text(fm->lambda, fm->k, lam, sizeof lam);
	if (fm->n_hull > 0)  /* none when no model may run, or none keeps up */
		e[n++] = (struct legend_entry){ SYM_DOT, "model on the LP frontier" };
	e[n++] = (struct legend_entry){ SYM_RING, "other model" };
	if (fm->n_unfit > 0) {
		/* what rules them out, named: the hull and the policies leave them out */
		char d[32] = "";
		if (fm->deadline > 0)
			units_format_latency(d, sizeof d, fm->deadline);
		e[n].sym = SYM_UNFIT;
		snprintf(e[n++].text, sizeof e[0].text, "%zu model%s over the %s%s%s%s: not used",
			 fm->n_unfit, fm->n_unfit == 1 ? "" : "s", fm->deadline > 0 ? d : "",
			 fm->deadline > 0 ? " deadline" : "",
			 fm->deadline > 0 && fm->memory_limit ? " or the " : "",
			 fm->memory_limit ? "memory limit" : "");
	}
	legend_lp(fm, e, &n);
	e[n].sym = SYM_STEP;
	snprintf(e[n++].text, sizeof e[0].text, "%s frontier, K = %lld, %s",
		 fm->method == SOLVE_RELAXED ? "LP-rounded" : "ILP", fm->k, lam);
	if (fm->has_policy) {
		e[n].sym = SYM_DIAMOND;
		snprintf(e[n++].text, sizeof e[0].text, "policy: accuracy %.4g at cost %.4g%s",
			 fm->policy.accuracy, fm->policy.cost, cost_unit_suffix(&fm->unit));
	}
	if (isfinite(fm->budget)) {
		e[n].sym = SYM_BUDGET;
		snprintf(e[n++].text, sizeof e[0].text, "budget %.6g%s per inference", fm->budget,
			 cost_unit_suffix(&fm->unit));
	}
	return n;
}

static void legend_symbol(cairo_t *cr, enum legend_sym s, double x, double y, double f)
{
	double r = f * 0.3;

	cairo_save(cr);
	cairo_set_line_width(cr, f * 0.08);
	switch (s) {
	case SYM_UNFIT:
		unfit_marker(cr, x + f * 0.8, y, r);
		break;
	case SYM_MIX:
		mix_marker(cr, x + f * 0.8, y, r * 0.85);
		break;
	case SYM_NONE:
		break;
	case SYM_DOT:
	case SYM_RING:
		cairo_arc(cr, x + f * 0.8, y, r, 0, 2 * M_PI);
		set_grey(cr, s == SYM_DOT ? INK : 1.0);
		cairo_fill_preserve(cr);
		set_grey(cr, INK);
		cairo_stroke(cr);
		break;
	case SYM_DASH: {
		double d[2] = { f, f * 0.6 };
		cairo_set_dash(cr, d, 2, 0);
		cairo_set_line_width(cr, f * 0.14);
		set_rgb(cr, figure_viridis(0.1));
		cairo_move_to(cr, x, y);
		cairo_line_to(cr, x + f * 1.6, y);
		cairo_stroke(cr);
		break;
	}
	case SYM_STEP:
		cairo_set_line_width(cr, f * 0.22);
		set_rgb(cr, figure_viridis(0.55));
		cairo_move_to(cr, x, y + f * 0.25);
		cairo_line_to(cr, x + f * 0.8, y + f * 0.25);
		cairo_line_to(cr, x + f * 0.8, y - f * 0.25);
		cairo_line_to(cr, x + f * 1.6, y - f * 0.25);
		cairo_stroke(cr);
		break;
	case SYM_DIAMOND:
		diamond(cr, x + f * 0.8, y, r * 2.1);
		set_rgb(cr, figure_viridis(1));
		cairo_fill_preserve(cr);
		set_grey(cr, 0);
		cairo_set_line_width(cr, f * 0.1);
		cairo_stroke(cr);
		break;
	case SYM_BUDGET: {
		double d[2] = { f * 0.35, f * 0.35 };
		cairo_set_dash(cr, d, 2, 0);
		cairo_set_line_width(cr, f * 0.1);
		set_grey(cr, 0.45);
		cairo_move_to(cr, x + f * 0.8, y - f * 0.45);
		cairo_line_to(cr, x + f * 0.8, y + f * 0.45);
		cairo_stroke(cr);
		break;
	}
	}
	cairo_restore(cr);
}

/*
 * What a legend at r would hide: a model's marker (never acceptable), the
 * room its label needs, the policy, and points of the frontiers.
 */
static size_t crowding(const struct figure_model *fm, const struct figure_plane *p, struct figure_rect r)
{
	size_t n = 0;

	for (size_t i = 0; i < fm->n_models; i++) {
		double x = figure_scale_map(&p->x, fm->models[i].cost);
		double y = figure_scale_map(&p->y, fm->models[i].accuracy);
		struct figure_rect dot = { x - p->f * 0.5, y - p->f * 0.5, p->f, p->f };
		struct figure_rect room = { x - p->f * 4, y - p->f, p->f * 8, p->f * 2 };
		n += 1000 * figure_rect_overlaps(dot, r) + 4 * figure_rect_overlaps(room, r);
	}
	if (fm->has_policy) {
		double x = figure_scale_map(&p->x, fm->policy.cost);
		double y = figure_scale_map(&p->y, fm->policy.accuracy);
		n += 1000 * figure_rect_overlaps((struct figure_rect){ x - p->f, y - p->f, 2 * p->f, 2 * p->f }, r);
	}
	for (size_t j = 0; j < fm->n_ilp; j++) {
		double x = figure_scale_map(&p->x, fm->ilp[j].cost);
		double y = figure_scale_map(&p->y, fm->ilp[j].accuracy);
		n += x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;
	}
	return n;
}

/* The legend in the emptiest corner of the plot; returns its rectangle. */
static struct figure_rect draw_legend(cairo_t *cr, const struct figure_model *fm,
				      const struct figure_plane *p)
{
	struct legend_entry e[LEGEND_MAX];
	size_t n = legend_entries(fm, e), best = (size_t)-1;
	double f = p->f * 0.8, wmax = 0, w, h, line = f * 1.35, pad = f * 0.5;
	struct figure_rect r = { 0 }, a = p->area;

	figure_font(cr, f, false);
	for (size_t i = 0; i < n; i++) {
		figure_text_size(cr, e[i].text, &w, &h);
		wmax = fmax(wmax, w);
	}
	w = wmax + f * 2.2 + 2 * pad;
	h = (double)n * line + 2 * pad - (line - f);
	/* right, left or centre (c % 3) at the bottom, top or middle (c / 3); corners first */
	static const int order[9] = { 0, 4, 3, 1, 6, 7, 2, 5, 8 };
	for (int k = 0; k < 9; k++) {
		int c = order[k], cx = c % 3, cy = c / 3;
		double left[3] = { a.x + a.w - w - f * 0.4, a.x + f * 0.4, a.x + (a.w - w) / 2 };
		double top[3] = { a.y + a.h - h - f * 0.4, a.y + f * 0.4, a.y + (a.h - h) / 2 };
		struct figure_rect t = { left[cx], top[cy], w, h };
		size_t crowd = crowding(fm, p, t);
		if (crowd < best) {
			best = crowd;
			r = t;
		}
	}
	cairo_rectangle(cr, r.x, r.y, r.w, r.h);
	cairo_set_source_rgba(cr, 1, 1, 1, 0.88);
	cairo_fill_preserve(cr);
	set_grey(cr, 0.6);
	cairo_set_line_width(cr, f * 0.06);
	cairo_stroke(cr);
	for (size_t i = 0; i < n; i++) {
		double y = r.y + pad + (double)i * line + f * 0.5;
		legend_symbol(cr, e[i].sym, r.x + pad, y, f);
		set_grey(cr, INK);
		figure_text(cr, r.x + pad + f * 2.2, y, 0, 0.5, 0, e[i].text);
	}
	return r;
}

/* "96 models unlabelled" at the bottom left, clear of the axis title when it can be. */
static void unlabelled_note(cairo_t *cr, struct figure_rect r, const struct figure_plane *p,
			    size_t skipped)
{
	char buf[64];
	double w, h;

	if (skipped == 0)
		return;
	snprintf(buf, sizeof buf, "%zu model%s unlabelled", skipped, skipped == 1 ? "" : "s");
	set_grey(cr, INK);
	figure_font(cr, p->f * 0.9, false);
	figure_text_size(cr, buf, &w, &h);
	figure_text(cr, r.x, r.y + r.h - h, 0, 0, 0, buf);
}
/* "; deadline 200 ms; busy at most 50% at 10/s": the time constraints the figure was solved under. */
static void time_title(char *title, size_t size, const struct figure_model *fm)
{
	size_t at = strlen(title);
	char d[32];
	if (fm->deadline > 0 && at < size) {
		units_format_latency(d, sizeof d, fm->deadline);
		at += (size_t)snprintf(title + at, size - at, "; deadline %s", d);
	}
	if (fm->rate > 0 && at < size)
		snprintf(title + at, size - at, "; busy at most %.4g%% at %.10g/s", 100 * fm->duty,
			 fm->rate);
}


void figure_draw_frontier(cairo_t *cr, const struct figure_model *fm, struct figure_rect r,
			  double f, struct figure_geom *g)
{
	struct figure_plane p = { .f = f };
	double x0, x1, y0, y1, t[MAX_TICKS], wmax = 0, w, h;
	char title[256], lam[64], buf[32];
	size_t n;

	data_range(fm, &x0, &x1, &y0, &y1);
	figure_scale_fit(&p.y, y0, y1, false, 0.08);
	/* the left margin fits the widest accuracy tick label */
	figure_font(cr, f * 0.9, false);
	n = figure_scale_ticks(&p.y, t, MAX_TICKS);
	for (size_t i = 0; i < n; i++) {
		figure_tick_label(t, n, i, buf, sizeof buf);
		figure_text_size(cr, buf, &w, &h);
		wmax = fmax(wmax, w);
	}
	p.area = (struct figure_rect){ r.x + wmax + f * 4.2, r.y + f * 2.2, 0, 0 };
	p.area.w = r.x + r.w - f * 0.8 - p.area.x;
	p.area.h = r.y + r.h - f * 3.1 - p.area.y;
	p.y.p0 = p.area.y + p.area.h;
	p.y.p1 = p.area.y;
	figure_scale_fit(&p.x, x0, x1, fm->log_cost, 0.05);
	p.x.p0 = p.area.x;
	p.x.p1 = p.area.x + p.area.w;
	g->frontier = p.area;

	figure_lambda_text(fm->lambda, fm->k, lam, sizeof lam);
	snprintf(title, sizeof title, "Cost and accuracy: K = %lld, %s", fm->k, lam);
	time_title(title, sizeof title, fm);
	set_grey(cr, INK);
	figure_fit_font(cr, title, f * 1.05, true, r.w);
	figure_text(cr, r.x + r.w / 2, r.y + f * 0.5, 0.5, 0, 0, title);
	draw_axes(cr, fm, &p);
	draw_curves(cr, fm, &p);
	struct figure_rect legend = draw_legend(cr, fm, &p);
	draw_markers(cr, fm, &p);
	figure_draw_labels(cr, fm, &p, legend, g);
	unlabelled_note(cr, r, &p, g->labels_skipped);
}
