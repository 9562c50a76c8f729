/* frontier_lp.c - the LP frontier with the time row: models and two-model mixes on t = tau. */
#include "optdeploy/core/frontier_lp.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "optdeploy/core/frontier.h"
#include "optdeploy/core/limits.h"

/* frontier.c's collinearity tolerance: a middle point this close to the chord is dropped. */
#define COLLINEAR_EPS 1e-12
#define COST_EPS 1e-12       /* costs this close are one (rising_hull) */

/* A fitting model: cost, accuracy, t - tau (snapped as the solver's row, limits.h), rank of d. */
struct cand {
	double c, p, d;
	size_t i, rank;
};

bool frontier_vertex_is_mix(const struct frontier_vertex *v)
{
	return v->other != v->model;
}

bool frontier_lp_none_keeps_up(const struct frontier_lp *h)
{
	return h->time_row && h->n_fit > 0 && h->n_fast == 0;
}

void frontier_share_text(double share, char *buf, size_t size)
{
	int digits = 1;
	double pc = 100 * share, unit = 0.1;
	/* one decimal unless it would round a share strictly inside (0, 1) to 0 or 100 */
	while (digits < 6 && (pc < unit / 2 || pc >= 100 - unit / 2)) {
		digits++;
		unit /= 10;
	}
	snprintf(buf, size, "%.*f", share > 0 && share < 1 ? digits : 0, pc);
}

void frontier_lp_free(struct frontier_lp *h)
{
	free(h->v);
	h->v = NULL;
	h->n = 0;
}

static int by_d(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;
	return (a->d > b->d) - (a->d < b->d);
}

/* Cost ascending, accuracy descending, d ascending, pool index: a total order. */
static int by_cost(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;
	if (a->c != b->c)
		return a->c < b->c ? -1 : 1;
	if (a->p != b->p)
		return a->p > b->p ? -1 : 1;
	if (a->d != b->d)
		return a->d < b->d ? -1 : 1;
	return (a->i > b->i) - (a->i < b->i);
}

/*
 * Drops every model another weakly beats on all three of cost, accuracy and
 * time (the first of exact equals stays): the beaten model's share can move
 * to the other without leaving the time row or losing cost or accuracy, so
 * the frontier is that of the rest.  One sweep by cost with a Fenwick tree
 * of the best accuracy by rank of d: O(n log n), and on measured and random
 * pools it leaves few models, which bounds the pairs below.
 */
static size_t undominated(struct cand *cd, size_t n, double *tree)
{
	qsort(cd, n, sizeof *cd, by_d);
	for (size_t k = 0, r = 0; k < n; k++) {
		if (k > 0 && cd[k].d != cd[k - 1].d)
			r++;
		cd[k].rank = r + 1;
		tree[k + 1] = -INFINITY;
	}
	qsort(cd, n, sizeof *cd, by_cost);
	size_t w = 0;
	for (size_t k = 0; k < n; k++) {
		double best = -INFINITY;
		for (size_t r = cd[k].rank; r > 0; r -= r & (~r + 1))
			best = fmax(best, tree[r]);
		if (best >= cd[k].p)
			continue;
		for (size_t r = cd[k].rank; r <= n; r += r & (~r + 1))
			tree[r] = fmax(tree[r], cd[k].p);
		cd[w++] = cd[k];
	}
	return w;
}

/* Cost ascending, accuracy descending, models before mixes, then by pool indices. */
static int vertex_order(const void *x, const void *y)
{
	const struct frontier_vertex *a = x, *b = y;
	if (a->cost != b->cost)
		return a->cost < b->cost ? -1 : 1;
	if (a->accuracy != b->accuracy)
		return a->accuracy > b->accuracy ? -1 : 1;
	bool ma = frontier_vertex_is_mix(a), mb = frontier_vertex_is_mix(b);
	if (ma != mb)
		return ma ? 1 : -1;
	if (a->model != b->model)
		return a->model < b->model ? -1 : 1;
	return (a->other > b->other) - (a->other < b->other);
}

/* True when b lies on or below the chord from a to c (a.cost < b.cost < c.cost). */
static bool not_above_chord(const struct frontier_vertex *a, const struct frontier_vertex *b,
			    const struct frontier_vertex *c)
{
	double l = (b->cost - a->cost) * (c->accuracy - a->accuracy);
	double r = (b->accuracy - a->accuracy) * (c->cost - a->cost);
	return l - r >= -COLLINEAR_EPS * (fabs(l) + fabs(r));
}

/*
 * The rising part of the upper hull of the n points, written over them:
 * sorted, the Pareto points (each more accurate than every cheaper one) rise
 * strictly, and the monotone chain over them is that part of the hull.
 */
static size_t rising_hull(struct frontier_vertex *v, size_t n)
{
	qsort(v, n, sizeof *v, vertex_order);
	size_t top = 0;
	double best = -INFINITY;
	for (size_t k = 0; k < n; k++) {
		if (!(v[k].accuracy > best))
			continue;  /* a cheaper or equal point is at least as accurate */
		best = v[k].accuracy;
		/*
		 * A mix's cost is a rounded sum: one equal to a model's cost on
		 * paper may come out an ulp above it.  The more accurate point
		 * then takes the lower cost, else the frontier at exactly that
		 * cost would be the less accurate point's.
		 */
		if (top > 0 && v[k].cost - v[top - 1].cost <= COST_EPS * fabs(v[k].cost)) {
			v[k].cost = v[top - 1].cost;
			top--;
		}
		while (top >= 2 && not_above_chord(&v[top - 2], &v[top - 1], &v[k]))
			top--;
		v[top++] = v[k];
	}
	return top;
}

static struct frontier_vertex model_vertex(const struct pool *pool, size_t i)
{
	const struct model *md = &pool->models[i];
	return (struct frontier_vertex){ i, i, 1.0, md->cost, md->accuracy, md->latency };
}

/* The mix of fast a (d < 0) and slow b (d > 0) on the plane t = tau. */
static struct frontier_vertex mix_vertex(const struct cand *a, const struct cand *b, double tau)
{
	double w = b->d / (b->d - a->d);
	return (struct frontier_vertex){ a->i, b->i, w, w * a->c + (1 - w) * b->c,
					 w * a->p + (1 - w) * b->p, tau };
}

/* Without the time row (or nothing slower than tau): frontier.c's hull of models. */
static enum status models_hull(struct frontier_lp *h, const struct pool *pool,
			       const struct solve_params *sp, struct status_msg *m)
{
	size_t *idx = malloc((pool->n ? pool->n : 1) * sizeof *idx);
	h->v = malloc((pool->n ? pool->n : 1) * sizeof *h->v);
	if (idx == NULL || h->v == NULL) {
		free(idx);
		frontier_lp_free(h);
		return status_fail(m, ST_INTERNAL, "out of memory for the LP frontier");
	}
	h->n = frontier_hull_fitting(pool, sp, idx);
	for (size_t k = 0; k < h->n; k++)
		h->v[k] = model_vertex(pool, idx[k]);
	free(idx);
	return ST_OK;
}

/* The fast models and every fast-slow mix among the nc undominated candidates. */
static enum status mixes_hull(struct frontier_lp *h, const struct pool *pool,
			      const struct cand *cd, size_t nc, struct status_msg *m)
{
	size_t nf = 0, ns = 0;
	for (size_t k = 0; k < nc; k++)
		if (cd[k].d <= 0)
			nf++;
		else
			ns++;
	if (ns != 0 && nf > (SIZE_MAX / sizeof *h->v - nf) / ns)
		return status_fail(m, ST_INTERNAL, "out of memory for the LP frontier");
	size_t cap = nf + nf * ns;
	h->v = malloc((cap ? cap : 1) * sizeof *h->v);
	if (h->v == NULL)
		return status_fail(m, ST_INTERNAL, "out of memory for the LP frontier");
	size_t n = 0;
	for (size_t a = 0; a < nc; a++) {
		if (cd[a].d > 0)
			continue;
		h->v[n++] = model_vertex(pool, cd[a].i);
		for (size_t b = 0; b < nc && cd[a].d < 0; b++)
			if (cd[b].d > 0)
				h->v[n++] = mix_vertex(&cd[a], &cd[b], h->tau);
	}
	h->n = rising_hull(h->v, n);
	return ST_OK;
}

enum status frontier_lp_build(struct frontier_lp *h, const struct pool *pool,
			      const struct solve_params *sp, struct status_msg *m)
{
	*h = (struct frontier_lp){ .time_row = limits_time_active(sp),
				   .tau = limits_time_per_inference(sp) };
	size_t n1 = pool->n ? pool->n : 1;
	struct cand *cd = malloc(n1 * sizeof *cd);
	double *tree = malloc((n1 + 1) * sizeof *tree);
	if (cd == NULL || tree == NULL) {
		free(cd);
		free(tree);
		return status_fail(m, ST_INTERNAL, "out of memory for the LP frontier");
	}
	double scale = h->time_row ? limits_time_scale(sp, pool) : 0;
	size_t nslow = 0;
	for (size_t i = 0; i < pool->n; i++) {
		const struct model *md = &pool->models[i];
		if (!limits_model_fits(sp, md))
			continue;
		double d = h->time_row ? limits_time_coef(sp, scale, md->latency) : 0;
		cd[h->n_fit++] = (struct cand){ md->cost, md->accuracy, d, i, 0 };
		nslow += d > 0;
	}
	h->n_fast = h->n_fit - nslow;
	enum status st;
	if (nslow == 0)
		st = models_hull(h, pool, sp, m);
	else if (h->n_fast == 0)
		st = ST_OK;  /* no LP policy keeps up */
	else
		st = mixes_hull(h, pool, cd, undominated(cd, h->n_fit, tree), m);
	free(cd);
	free(tree);
	return st;
}

/*
 * A mix's cost and accuracy are rounded sums, an ulp or so off the exact
 * ones, and the exact solver's policy can sit on them exactly: a budget (or
 * an accuracy) within COST_EPS of the frontier's end is at that end.
 */
static bool at_or_within(double x, double end)
{
	return x - end >= -COST_EPS * fabs(end);
}

double frontier_lp_value(const struct frontier_lp *h, double budget)
{
	if (h->n == 0 || isnan(budget) || !at_or_within(budget, h->v[0].cost))
		return NAN;
	if (budget < h->v[0].cost)
		return h->v[0].accuracy;
	if (budget >= h->v[h->n - 1].cost)
		return h->v[h->n - 1].accuracy;
	size_t lo = 0, hi = h->n - 1;  /* cost[lo] <= budget < cost[hi] */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (h->v[mid].cost <= budget)
			lo = mid;
		else
			hi = mid;
	}
	const struct frontier_vertex *a = &h->v[lo], *b = &h->v[hi];
	return a->accuracy + (b->accuracy - a->accuracy) * ((budget - a->cost) / (b->cost - a->cost));
}

double frontier_lp_cost(const struct frontier_lp *h, double accuracy)
{
	if (h->n == 0 || isnan(accuracy) || !at_or_within(-accuracy, -h->v[h->n - 1].accuracy))
		return NAN;
	if (accuracy > h->v[h->n - 1].accuracy)
		return h->v[h->n - 1].cost;
	if (accuracy <= h->v[0].accuracy)
		return h->v[0].cost;
	size_t lo = 0, hi = h->n - 1;  /* acc[lo] < accuracy <= acc[hi] */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (h->v[mid].accuracy < accuracy)
			lo = mid;
		else
			hi = mid;
	}
	const struct frontier_vertex *a = &h->v[lo], *b = &h->v[hi];
	return b->cost - (b->cost - a->cost) * ((b->accuracy - accuracy) / (b->accuracy - a->accuracy));
}
