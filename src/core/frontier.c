/* frontier.c - Pareto-optimal models and the upper concave hull of (cost, accuracy). */
#include "optdeploy/core/frontier.h"

#include <math.h>

#include "optdeploy/core/limits.h"

/*
 * Relative tolerance of the collinearity test.  Costs and accuracies come from
 * decimal text, so three points that are collinear on paper rarely are in
 * binary; a middle point within this tolerance of the chord is dropped (the
 * hull then differs from the exact one by far less than any printed digit).
 */
#define COLLINEAR_EPS 1e-12

/* Cost ascending, accuracy descending, pool index ascending: a total order. */
static int before(const struct pool *pool, size_t a, size_t b)
{
	const struct model *ma = &pool->models[a], *mb = &pool->models[b];
	if (ma->cost != mb->cost)
		return ma->cost < mb->cost;
	if (ma->accuracy != mb->accuracy)
		return ma->accuracy > mb->accuracy;
	return a < b;
}

static void sift_down(const struct pool *pool, size_t *idx, size_t root, size_t n)
{
	for (;;) {
		size_t child = 2 * root + 1;
		if (child >= n)
			return;
		if (child + 1 < n && before(pool, idx[child], idx[child + 1]))
			child++;
		if (!before(pool, idx[root], idx[child]))
			return;
		size_t t = idx[root];
		idx[root] = idx[child];
		idx[child] = t;
		root = child;
	}
}

/*
 * In-place heap sort: the frontier functions have no way to report an
 * allocation failure, so they work inside the caller's array only.
 */
static void sort_models(const struct pool *pool, size_t *idx, size_t n)
{
	for (size_t i = n / 2; i-- > 0;)
		sift_down(pool, idx, i, n);
	for (size_t end = n; end-- > 1;) {
		size_t t = idx[0];
		idx[0] = idx[end];
		idx[end] = t;
		sift_down(pool, idx, 0, end);
	}
}

/* The Pareto-optimal models among the n candidates in idx, written over them. */
static size_t pareto_among(const struct pool *pool, size_t *idx, size_t n)
{
	size_t w = 0;
	sort_models(pool, idx, n);

	/*
	 * Walk groups of equal cost.  A model survives when it has its group's
	 * best accuracy (the group's first after sorting) and beats every
	 * strictly cheaper model.  Exact duplicates dominate neither each
	 * other, so all of them survive, in pool order.
	 */
	double best_cheaper = -INFINITY;
	size_t g = 0;
	while (g < n) {
		double cost = pool->models[idx[g]].cost;
		double top = pool->models[idx[g]].accuracy;
		size_t e = g;
		while (e < n && pool->models[idx[e]].cost == cost)
			e++;
		for (size_t i = g; i < e && top > best_cheaper; i++) {
			if (pool->models[idx[i]].accuracy == top)
				idx[w++] = idx[i];
		}
		if (top > best_cheaper)
			best_cheaper = top;
		g = e;
	}
	return w;
}

size_t frontier_pareto(const struct pool *pool, size_t *idx)
{
	for (size_t i = 0; i < pool->n; i++)
		idx[i] = i;
	return pareto_among(pool, idx, pool->n);
}

size_t frontier_pareto_fitting(const struct pool *pool, const struct solve_params *sp,
			       size_t *idx)
{
	size_t n = 0;
	for (size_t i = 0; i < pool->n; i++)
		if (limits_model_fits(sp, &pool->models[i]))
			idx[n++] = i;
	return pareto_among(pool, idx, n);
}

/* True when b lies on or below the chord from a to c (a.cost < b.cost < c.cost). */
static int not_above_chord(const struct model *a, const struct model *b, const struct model *c)
{
	double l = (b->cost - a->cost) * (c->accuracy - a->accuracy);
	double r = (b->accuracy - a->accuracy) * (c->cost - a->cost);
	return l - r >= -COLLINEAR_EPS * (fabs(l) + fabs(r));
}

/* The hull's vertices among the np Pareto models in idx (by cost), written over them. */
static size_t hull_of_pareto(const struct pool *pool, size_t *idx, size_t np)
{
	size_t top = 0;  /* the hull so far is idx[0 .. top-1]; it never overtakes i */

	/*
	 * Pareto models sorted by cost rise strictly in accuracy once exact
	 * duplicates are skipped, so the monotone chain over them is exactly
	 * the non-decreasing part of the upper hull.
	 */
	for (size_t i = 0; i < np; i++) {
		const struct model *p = &pool->models[idx[i]];
		if (top > 0 && pool->models[idx[top - 1]].cost == p->cost)
			continue;  /* a duplicate point: keep the first in pool order */
		while (top >= 2 && not_above_chord(&pool->models[idx[top - 2]],
						   &pool->models[idx[top - 1]], p))
			top--;
		idx[top++] = idx[i];
	}
	return top;
}

size_t frontier_hull(const struct pool *pool, size_t *idx)
{
	return hull_of_pareto(pool, idx, frontier_pareto(pool, idx));
}

size_t frontier_hull_fitting(const struct pool *pool, const struct solve_params *sp,
			     size_t *idx)
{
	return hull_of_pareto(pool, idx, frontier_pareto_fitting(pool, sp, idx));
}

double frontier_hull_value(const struct pool *pool, const size_t *hull, size_t n_hull,
			   double budget)
{
	if (n_hull == 0 || isnan(budget))
		return NAN;
	const struct model *first = &pool->models[hull[0]];
	const struct model *last = &pool->models[hull[n_hull - 1]];
	if (budget < first->cost)
		return NAN;
	if (budget >= last->cost)
		return last->accuracy;

	/* Binary search for the segment with cost[lo] <= budget < cost[lo + 1]. */
	size_t lo = 0, hi = n_hull - 1;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (pool->models[hull[mid]].cost <= budget)
			lo = mid;
		else
			hi = mid;
	}
	const struct model *a = &pool->models[hull[lo]], *b = &pool->models[hull[hi]];
	/* Anchored at a, so a budget equal to a vertex's cost gives its accuracy exactly. */
	return a->accuracy + (b->accuracy - a->accuracy) * ((budget - a->cost) / (b->cost - a->cost));
}

double frontier_hull_cost(const struct pool *pool, const size_t *hull, size_t n_hull,
			  double accuracy)
{
	if (n_hull == 0 || isnan(accuracy))
		return NAN;
	const struct model *first = &pool->models[hull[0]];
	const struct model *last = &pool->models[hull[n_hull - 1]];
	if (accuracy > last->accuracy)
		return NAN;
	/* Every model costs at least the cheapest, which alone reaches this floor. */
	if (accuracy <= first->accuracy)
		return first->cost;

	/* Binary search for the segment with acc[lo] < accuracy <= acc[lo + 1]. */
	size_t lo = 0, hi = n_hull - 1;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (pool->models[hull[mid]].accuracy < accuracy)
			lo = mid;
		else
			hi = mid;
	}
	const struct model *a = &pool->models[hull[lo]], *b = &pool->models[hull[hi]];
	/* Anchored at b, so an accuracy equal to a vertex's gives its cost exactly. */
	return b->cost - (b->cost - a->cost) * ((b->accuracy - accuracy) / (b->accuracy - a->accuracy));
}
