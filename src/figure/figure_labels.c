/*
 * figure_labels.c - the model names in the frontier figure, placed greedily
 * around their points: hull models first, near places before far ones (with
 * a leader line), never over another label, a marker, the legend or out of
 * the plot, and off the drawn lines when there is a place that allows it.
 * A label that finds no free place is left out rather than drawn over others.
 * A pool of more than LABEL_ALL_MAX models labels its frontier models only;
 * the figure says how many models it leaves unlabelled.
 */
#include "optdeploy/figure/figure_draw.h"

#include <math.h>
#include <stdlib.h>

#define INK 0.15
#define LABEL_ALL_MAX 30   /* above this many models, only the LP frontier's are labelled */

struct segment {
	double x0, y0, x1, y1;
};

/* Whether segment s meets rectangle r (Liang-Barsky clipping). */
static bool crosses(const struct segment *s, struct figure_rect r)
{
	double t0 = 0, t1 = 1, dx = s->x1 - s->x0, dy = s->y1 - s->y0;
	double p[4] = { -dx, dx, -dy, dy };
	double q[4] = { s->x0 - r.x, r.x + r.w - s->x0, s->y0 - r.y, r.y + r.h - s->y0 };

	for (int i = 0; i < 4; i++) {
		if (p[i] == 0) {
			if (q[i] < 0)
				return false;
			continue;
		}
		double t = q[i] / p[i];
		if (p[i] < 0)
			t0 = fmax(t0, t);
		else
			t1 = fmin(t1, t);
		if (t0 > t1)
			return false;
	}
	return true;
}

/* The lines a label should not cover: both frontiers and the budget line. */
static size_t line_segments(const struct figure_model *fm, const struct figure_plane *p,
			    struct segment *seg)
{
	size_t n = 0;

	for (size_t i = 1; i < fm->n_hull; i++)
		for (size_t k = 1; k <= figure_hull_pieces(p); k++) {
			struct segment *sg = &seg[n++];
			figure_hull_point(p, &fm->hull[i - 1], &fm->hull[i], k - 1, &sg->x0, &sg->y0);
			figure_hull_point(p, &fm->hull[i - 1], &fm->hull[i], k, &sg->x1, &sg->y1);
		}
	for (size_t j = 1; j < fm->n_ilp; j++) {
		double xa = figure_scale_map(&p->x, fm->ilp[j - 1].cost);
		double xb = figure_scale_map(&p->x, fm->ilp[j].cost);
		double ya = figure_scale_map(&p->y, fm->ilp[j - 1].accuracy);
		double yb = figure_scale_map(&p->y, fm->ilp[j].accuracy);
		seg[n++] = (struct segment){ xa, ya, xb, ya };
		seg[n++] = (struct segment){ xb, ya, xb, yb };
	}
	if (isfinite(fm->budget)) {
		double x = figure_scale_map(&p->x, fm->budget);
		seg[n++] = (struct segment){ x, p->area.y, x, p->area.y + p->area.h };
	}
	return n;
}

/*
 * The rectangles no label may cover (markers, the legend, placed labels),
 * filed by the cells of a grid over the plot they touch, so that a place is
 * checked against its neighbours only: 100,000 markers cost a scan of each
 * place's few cells, not of every marker (plot was quadratic in the models).
 * A rectangle sits in every cell its closed extent touches, so any two that
 * overlap share a cell; one with a non-finite corner overlaps nothing.
 */
struct grid {
	double x0, y0, cell;
	size_t nx, ny;
	size_t *head;          /* per cell: node index + 1 of its first rectangle, 0 none */
	size_t *next, *which;  /* per node: the next node + 1, the rectangle's index */
	size_t n_nodes, cap;
	const struct figure_rect *rect;
};

static bool grid_init(struct grid *gr, struct figure_rect area, double cell,
		      const struct figure_rect *rect)
{
	*gr = (struct grid){ .x0 = area.x, .y0 = area.y, .cell = cell, .rect = rect };
	gr->nx = (size_t)fmin(fmax(ceil(area.w / cell), 1), 4096);
	gr->ny = (size_t)fmin(fmax(ceil(area.h / cell), 1), 4096);
	gr->head = calloc(gr->nx * gr->ny, sizeof *gr->head);
	return gr->head != NULL;
}

static void grid_free(struct grid *gr)
{
	free(gr->head);
	free(gr->next);
	free(gr->which);
}

/* Cell index of coordinate v along an axis from v0, clamped to 0 .. n-1. */
static size_t grid_cell(double v, double v0, double cell, size_t n)
{
	double c = floor((v - v0) / cell);
	return c <= 0 ? 0 : c >= (double)(n - 1) ? n - 1 : (size_t)c;
}

static bool rect_finite(struct figure_rect r)
{
	return isfinite(r.x) && isfinite(r.y) && isfinite(r.x + r.w) && isfinite(r.y + r.h);
}

/* File rectangle i; false when out of memory. */
static bool grid_add(struct grid *gr, size_t i)
{
	struct figure_rect r = gr->rect[i];
	if (!rect_finite(r))
		return true;
	size_t cx0 = grid_cell(r.x, gr->x0, gr->cell, gr->nx);
	size_t cx1 = grid_cell(r.x + r.w, gr->x0, gr->cell, gr->nx);
	size_t cy0 = grid_cell(r.y, gr->y0, gr->cell, gr->ny);
	size_t cy1 = grid_cell(r.y + r.h, gr->y0, gr->cell, gr->ny);
	for (size_t cy = cy0; cy <= cy1; cy++)
		for (size_t cx = cx0; cx <= cx1; cx++) {
			if (gr->n_nodes == gr->cap) {
				size_t cap = gr->cap ? 2 * gr->cap : 1024;
				size_t *nx = realloc(gr->next, cap * sizeof *nx);
				if (nx != NULL)
					gr->next = nx;
				size_t *wh = realloc(gr->which, cap * sizeof *wh);
				if (wh != NULL)
					gr->which = wh;
				if (nx == NULL || wh == NULL)
					return false;
				gr->cap = cap;
			}
			size_t *h = &gr->head[cy * gr->nx + cx];
			gr->next[gr->n_nodes] = *h;
			gr->which[gr->n_nodes] = i;
			*h = ++gr->n_nodes;
		}
	return true;
}

static bool grid_hits(const struct grid *gr, struct figure_rect r)
{
	if (!rect_finite(r))
		return false;
	size_t cx0 = grid_cell(r.x, gr->x0, gr->cell, gr->nx);
	size_t cx1 = grid_cell(r.x + r.w, gr->x0, gr->cell, gr->nx);
	size_t cy0 = grid_cell(r.y, gr->y0, gr->cell, gr->ny);
	size_t cy1 = grid_cell(r.y + r.h, gr->y0, gr->cell, gr->ny);
	for (size_t cy = cy0; cy <= cy1; cy++)
		for (size_t cx = cx0; cx <= cx1; cx++)
			for (size_t k = gr->head[cy * gr->nx + cx]; k != 0; k = gr->next[k - 1])
				if (figure_rect_overlaps(r, gr->rect[gr->which[k - 1]]))
					return true;
	return false;
}

struct obstacles {
	const struct grid *grid;
	struct segment *seg;
	size_t n_seg;
};

static bool is_free(const struct obstacles *ob, struct figure_rect r, bool lines)
{
	if (grid_hits(ob->grid, r))
		return false;
	for (size_t k = 0; lines && k < ob->n_seg; k++)
		if (crosses(&ob->seg[k], r))
			return false;
	return true;
}

/* Hull models first (they carry the frontier), then the rest (of a small pool), each by cost. */
static size_t label_order(const struct figure_model *fm, size_t *order)
{
	size_t n = 0;

	for (int pass = 0; pass < (fm->n_models > LABEL_ALL_MAX ? 1 : 2); pass++)
		for (size_t i = 0; i < fm->n_models; i++)
			if (figure_on_hull(fm, i) == (pass == 0))
				order[n++] = i;
	return n;
}

/*
 * Try places around the point, near ones first: right, left, below, above,
 * the four diagonals; then the same farther out with a leader line.  A place
 * is free when it stays in the plot and meets no label, marker or legend;
 * one that also keeps off the lines is preferred.
 */
static bool place_label(cairo_t *cr, const struct figure_plane *p, double x, double y, const char *s,
			const struct obstacles *ob, struct figure_rect *out)
{
	static const double dir[8][2] = { { 1, 0 }, { -1, 0 }, { 0, 1 }, { 0, -1 },
					  { 1, 1 }, { -1, 1 }, { 1, -1 }, { -1, -1 } };
	double w, h, gap = p->f * 0.45;

	figure_text_size(cr, s, &w, &h);
	for (int lines = 1; lines >= 0; lines--)
		for (int ring = 1; ring <= 3; ring++)
			for (int d = 0; d < 8; d++) {
				double dx = dir[d][0], dy = dir[d][1];
				double g = gap * (ring == 1 ? 1 : ring * 1.8);
				struct figure_rect r = { x + dx * g - (dx < 0 ? w : dx == 0 ? w / 2 : 0),
							 y + dy * g - (dy < 0 ? h : dy == 0 ? h / 2 : 0),
							 w, h };
				if (figure_rect_inside(r, p->area) && is_free(ob, r, lines)) {
					*out = r;
					return true;
				}
			}
	return false;
}

void figure_draw_labels(cairo_t *cr, const struct figure_model *fm, const struct figure_plane *p,
			struct figure_rect legend, struct figure_geom *g)
{
	size_t n = fm->n_models, n_taken = 0;
	size_t *order = malloc(n * sizeof *order);
	struct figure_rect *taken = malloc((2 * n + 2) * sizeof *taken);
	struct segment *seg = malloc((fm->n_hull * FIGURE_LOG_PIECES + 2 * fm->n_ilp + 1) * sizeof *seg);
	struct obstacles ob;
	struct grid grid;
	double r = p->f * 0.45;
	bool ok = order != NULL && taken != NULL && seg != NULL &&
		  grid_init(&grid, p->area, p->f * 2, taken);

	if (!ok) {  /* no memory: no labels */
		g->labels_skipped = n;
		free(order);
		free(taken);
		free(seg);
		if (order != NULL && taken != NULL && seg != NULL)
			grid_free(&grid);
		return;
	}
	size_t tried = label_order(fm, order);
	g->labels_skipped = n - tried;
	taken[n_taken++] = legend;
	for (size_t i = 0; i < n; i++)
		taken[n_taken++] = (struct figure_rect){ figure_scale_map(&p->x, fm->models[i].cost) - r,
							 figure_scale_map(&p->y, fm->models[i].accuracy) - r,
							 2 * r, 2 * r };
	if (fm->has_policy)
		taken[n_taken++] = (struct figure_rect){ figure_scale_map(&p->x, fm->policy.cost) - 2 * r,
							 figure_scale_map(&p->y, fm->policy.accuracy) - 2 * r,
							 4 * r, 4 * r };
	for (size_t i = 0; i < n_taken && ok; i++)
		ok = grid_add(&grid, i);
	figure_font(cr, p->f * 0.9, false);
	cairo_set_source_rgb(cr, INK, INK, INK);
	/* the lines do not move while labels are placed */
	ob = (struct obstacles){ &grid, seg, line_segments(fm, p, seg) };
	for (size_t k = 0; k < tried; k++) {
		const struct figure_point *m = &fm->models[order[k]];
		double x = figure_scale_map(&p->x, m->cost), y = figure_scale_map(&p->y, m->accuracy);
		struct figure_rect at;
		if (!ok || !place_label(cr, p, x, y, m->name, &ob, &at)) {
			g->labels_skipped++;
			continue;
		}
		taken[n_taken] = at;
		ok = grid_add(&grid, n_taken++);
		g->labels_placed++;
		double cx = fmax(at.x, fmin(x, at.x + at.w)), cy = fmax(at.y, fmin(y, at.y + at.h));
		if (hypot(cx - x, cy - y) > p->f * 0.8) {  /* far out: a leader line to the point */
			cairo_set_line_width(cr, p->f * 0.05);
			cairo_move_to(cr, x, y);
			cairo_line_to(cr, cx, cy);
			cairo_stroke(cr);
		}
		figure_text(cr, at.x, at.y, 0, 0, 0, m->name);
	}
	grid_free(&grid);
	free(order);
	free(taken);
	free(seg);
}
