/*
 * few_search.c - exact branch and bound over the counts of a few models
 * (few_search.h).
 *
 * The bound of a node, with `left` inferences and `room` resource still to
 * place over the free models d..n-1, is its value plus left * h_d(room /
 * left), h_d being the rising part of the upper hull of the free models'
 * (w, v) (the best value per inference of any mix of average resource at
 * most that), minus the smallest charge among them when left > 0 (one of
 * them at least is used).  That is the LP relaxation of the rest with every
 * charge but one dropped, so it never cuts a better policy.  Comparisons
 * allow 1e-12 relative noise toward keeping a node.
 *
 * With the time row, values in the hulls are v - mu t and every bound adds
 * mu (tcap - time used so far) (few_search.h): for a completion c meeting
 * the row, v c = (v - mu t) c + mu t c <= (v - mu t) c + mu (tcap - used).
 */
#include "optdeploy/core/few_search.h"

#include <math.h>
#include <string.h>

#define NODE_BUDGET 20000L  /* nodes before giving up: the caller has another way */

struct point {
	long double w, v;
};

struct search {
	const struct few_search_item *it;
	size_t n;
	long long k;
	long double cap;
	long double tcap, mu;                                /* the time row (few_search.h) */
	long double tmin[FEW_SEARCH_MAX];                    /* smallest t of d..n-1 */
	struct point hull[FEW_SEARCH_MAX][FEW_SEARCH_MAX];  /* h_d, rising part, by w */
	size_t hn[FEW_SEARCH_MAX];
	long double umin[FEW_SEARCH_MAX];                    /* smallest charge of d..n-1 */
	long long x[FEW_SEARCH_MAX];
	long long *best_x;
	long double best;
	bool found;
	long nodes;
};

/* Insertion of the free models' points into h_d, kept sorted by w. */
static void build_hull(struct search *s, size_t d)
{
	struct point pts[FEW_SEARCH_MAX];
	size_t np = 0;
	for (size_t i = d; i < s->n; i++) {
		struct point p = {s->it[i].w, s->it[i].v - s->mu * s->it[i].t};
		size_t j = np++;
		while (j > 0 && (pts[j - 1].w > p.w || (pts[j - 1].w == p.w && pts[j - 1].v < p.v))) {
			pts[j] = pts[j - 1];
			j--;
		}
		pts[j] = p;
	}
	struct point *h = s->hull[d];
	size_t hn = 0;
	for (size_t i = 0; i < np; i++) {
		struct point c = pts[i];
		if (hn > 0 && (h[hn - 1].w == c.w || h[hn - 1].v >= c.v))
			continue;  /* more resource for no more value: not on the rising part */
		while (hn >= 2 && (h[hn - 1].w - h[hn - 2].w) * (c.v - h[hn - 2].v) -
					  (h[hn - 1].v - h[hn - 2].v) * (c.w - h[hn - 2].w) >= 0)
			hn--;
		h[hn++] = c;
	}
	s->hn[d] = hn;
}

/* h_d(a); -INFINITY below the smallest w (no mix affords it). */
static long double hull_value(const struct search *s, size_t d, long double a)
{
	const struct point *h = s->hull[d];
	size_t hn = s->hn[d];
	if (a >= h[hn - 1].w)
		return h[hn - 1].v;
	if (a < h[0].w)
		return a >= h[0].w - 1e-12L * (fabsl(h[0].w) + 1) ? h[0].v : -INFINITY;
	size_t i = 1;
	while (h[i].w <= a)
		i++;
	return h[i - 1].v + (h[i].v - h[i - 1].v) * ((a - h[i - 1].w) / (h[i].w - h[i - 1].w));
}

/*
 * a (a bound, already widened for noise by the caller) can beat b.  No
 * allowance on b's side: 1e-12 of b there outweighed the caller's 1e-12 of
 * the partial value (0 at the root) and cut a model whose policy was
 * better by 4e-10 in 480 (test_solve_adversarial, ADV_SEED=13 ADV_SCALE=8).
 */
static bool beats(long double a, long double b)
{
	return a > b;
}

/* What the time row still allows the value to gain under the multiplier. */
static long double time_credit(const struct search *s, long double used)
{
	return s->mu > 0 ? s->mu * (s->tcap - used) : 0;
}

/*
 * The bound of the node after c inferences on model d, 0 < c < left: its
 * value, then the rest on the hull of the models after d, paying for one
 * of them (-INFINITY when even the fastest rest breaks the time row).  Concave in c (the perspective of the concave hull at affine
 * arguments), -INFINITY where the rest cannot be afforded, which is an
 * interval's complement: visit() stops at the first c below its peak that
 * cannot beat the best value.
 */
static long double child_bound(const struct search *s, size_t d, long long left,
			       long double room, long double used, long double value, long long c)
{
	const struct few_search_item *it = &s->it[d];
	if (d + 1 == s->n)
		return -INFINITY;  /* no model left for the rest */
	long long rest = left - c;
	long double now = used + c * it->t;
	if (now + rest * s->tmin[d + 1] > s->tcap)
		return -INFINITY;
	long double per = hull_value(s, d + 1, (room - c * it->w) / rest);
	if (isinf(per))
		return -INFINITY;
	return value + c * (it->v - s->mu * it->t) - it->u + rest * per - s->umin[d + 1] +
	       time_credit(s, used);
}

/* used: the time row's sum so far (the bounds add time_credit(used)). */
static void visit(struct search *s, size_t d, long long left, long double room, long double used,
		  long double value)
{
	if (s->nodes++ > NODE_BUDGET)
		return;
	if (left == 0) {
		if (room >= 0 && used <= s->tcap && value > s->best) {
			s->found = true;
			s->best = value;
			memcpy(s->best_x, s->x, s->n * sizeof *s->x);
		}
		return;
	}
	if (d == s->n || used + left * s->tmin[d] > s->tcap)
		return;
	long double per = hull_value(s, d, room / left);
	if (isinf(per) || !beats(value + left * per - s->umin[d] + time_credit(s, used) +
				 1e-12L * (fabsl(value) + 1), s->best))
		return;
	const struct few_search_item *it = &s->it[d];
	long long most = left;
	if (it->w > 0 && room / it->w < (long double)most)
		most = (long long)floorl(room / it->w);
	long double prev = -INFINITY;
	bool have_prev = false;
	for (long long c = most; c >= 1; c--) {
		if (c < left) {
			long double b = child_bound(s, d, left, room, used, value, c);
			bool cut = !beats(b + 1e-12L * (fabsl(value) + 1), s->best);
			if (cut && have_prev && b < prev)
				break;  /* past the peak: every smaller c is lower still */
			prev = b;
			have_prev = true;
			if (cut)
				continue;
		}
		s->x[d] = c;
		visit(s, d + 1, left - c, room - c * it->w, used + c * it->t,
		      value + c * it->v - it->u);
	}
	s->x[d] = 0;
	visit(s, d + 1, left, room, used, value);
}

bool few_search_run(const struct few_search_item *items, size_t n, long long k, long double cap,
		    const struct few_search_time *time, long double floor_value, long long *x,
		    long double *value)
{
	static const struct search blank;
	struct search s = blank;
	if (n == 0 || n > FEW_SEARCH_MAX)
		return false;
	s.it = items;
	s.n = n;
	s.k = k;
	s.cap = cap;
	s.tcap = time->cap;
	s.mu = time->mu;
	s.best_x = x;
	s.best = floor_value;
	for (size_t d = n; d-- > 0;) {
		build_hull(&s, d);
		s.umin[d] = d + 1 < n ? fminl(items[d].u, s.umin[d + 1]) : items[d].u;
		s.tmin[d] = d + 1 < n ? fminl(items[d].t, s.tmin[d + 1]) : items[d].t;
	}
	visit(&s, 0, k, cap, 0, 0);
	if (s.nodes > NODE_BUDGET)
		return false;
	*value = s.found ? s.best : floor_value;
	return true;
}
