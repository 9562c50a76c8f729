/*
 * near_vertex.c - the box around one support's LP vertex that provably
 * holds an optimal policy: the vertex on the upper hull, the data as exact
 * integers, the reduced costs, and the ranges (i)-(iii) derived at the top
 * of deploy_near.c, which hands the box to GLPK.
 */
#include "optdeploy/core/near_vertex.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Lowest binary exponent of x's last set bit, and of its first; false for 0. */
static bool bit_range(double x, int *low, int *top)
{
	if (x == 0)
		return false;
	int e;
	double f = frexp(fabs(x), &e);  /* |x| = f 2^e, f in [0.5, 1) */
	long long mant = (long long)ldexp(f, 53);
	int l = e - 53;
	while ((mant & 1) == 0) {
		mant >>= 1;
		l++;
	}
	*low = l;
	*top = e;
	return true;
}

/* Write every item's w and v as integers times one power of two each. */
bool near_vertex_make_exact(struct near *q)
{
	struct item *it = q->nr->it;
	int wl = INT_MAX, wt = INT_MIN, vl = INT_MAX, vt = INT_MIN, l, t;
	for (size_t i = 0; i < q->s; i++) {
		if (bit_range(it[i].w, &l, &t)) {
			wl = l < wl ? l : wl;
			wt = t > wt ? t : wt;
		}
		if (bit_range(it[i].v, &l, &t)) {
			vl = l < vl ? l : vl;
			vt = t > vt ? t : vt;
		}
	}
	if ((wl != INT_MAX && wt - wl > EXACT_BITS) || (vl != INT_MAX && vt - vl > EXACT_BITS))
		return false;
	q->wl = wl;
	for (size_t i = 0; i < q->s; i++) {
		it[i].wi = wl == INT_MAX ? 0 : (long long)ldexp(it[i].w, -wl);
		it[i].vi = vl == INT_MAX ? 0 : (long long)ldexp(it[i].v, -vl);
	}
	return true;
}

static int by_resource(const void *x, const void *y)
{
	const struct item *a = x, *b = y;
	if (a->w != b->w)
		return a->w < b->w ? -1 : 1;
	if (a->v != b->v)
		return a->v > b->v ? -1 : 1;
	return a->k < b->k ? -1 : a->k > b->k;
}

/* (B - O) x (A - O) in the (w, v) plane: >= 0 when A is not above segment O-B. */
static long double turn(const struct item *o, const struct item *a, const struct item *b)
{
	return ((long double)a->w - o->w) * ((long double)b->v - o->v) -
	       ((long double)a->v - o->v) * ((long double)b->w - o->w);
}

/* Upper hull of the items (sorted by resource); returns its size. */
static size_t upper_hull(struct near *q)
{
	struct deploy_near *nr = q->nr;
	size_t h = 0;
	for (size_t i = 0; i < q->s; i++) {
		if (h > 0 && nr->it[nr->hull[h - 1]].w == nr->it[i].w)
			continue;  /* same resource, lower value */
		while (h >= 2 && turn(&nr->it[nr->hull[h - 2]], &nr->it[nr->hull[h - 1]],
				      &nr->it[i]) >= 0)
			h--;
		nr->hull[h++] = i;
	}
	return h;
}

/* The LP vertex: a alone (not binding) or the segment a-b.  False: infeasible. */
bool near_vertex_find(struct near *q)
{
	struct deploy_near *nr = q->nr;
	size_t h = upper_hull(q);
	size_t j = h;
	for (size_t t = 0; t < h; t++)
		if ((long double)nr->it[nr->hull[t]].w * q->k <= q->cap)
			j = t;
	if (j == h)
		return false;
	if (j + 1 < h && nr->it[nr->hull[j + 1]].v > nr->it[nr->hull[j]].v) {
		q->binding = true;
		q->a = nr->hull[j];
		q->b = nr->hull[j + 1];
		return true;
	}
	size_t peak = 0;
	for (size_t t = 1; t <= j; t++)
		if (nr->it[nr->hull[t]].v > nr->it[nr->hull[peak]].v)
			peak = t;
	q->binding = false;
	q->a = nr->hull[peak];
	return true;
}

/* Exact cross product: > 0 above the line a-b, 0 on it, < 0 below. */
static wide cross_exact(const struct item *a, const struct item *b, const struct item *c)
{
	return (wide)(c->vi - a->vi) * (b->wi - a->wi) - (wide)(b->vi - a->vi) * (c->wi - a->wi);
}

/*
 * Reduced costs against the vertex's line; ties widened so a and b are the
 * extreme tied models.  False when the line cannot be certified (a model
 * above it, or a tie that rounding cannot tell apart).
 */
bool near_vertex_reduced_costs(struct near *q)
{
	struct deploy_near *nr = q->nr;
	struct item *it = nr->it;
	if (!q->binding) {  /* pi = 0: r = v_k - v_a, whose sign double subtraction gets right */
		q->pi = 0;
		for (size_t i = 0; i < q->s; i++) {
			nr->r[i] = (long double)it[i].v - it[i == q->a ? i : q->a].v;
			if (nr->r[i] > 0 || (nr->r[i] == 0 && it[i].w < it[q->a].w))
				return false;
		}
		return true;
	}
	if (q->exact) {
		for (int pass = 0; pass < 2; pass++)
			for (size_t i = 0; i < q->s; i++) {
				wide c = cross_exact(&it[q->a], &it[q->b], &it[i]);
				if (c > 0)
					return false;
				if (c == 0 && it[i].wi < it[q->a].wi)
					q->a = i;
				else if (c == 0 && it[i].wi > it[q->b].wi)
					q->b = i;
			}
		long double d = (long double)(it[q->b].wi - it[q->a].wi);
		/* 2^e of the values' integers: exact, the data spans under 64 bits */
		long double unit = ((long double)it[q->b].v - it[q->a].v) /
				   (long double)(it[q->b].vi - it[q->a].vi);
		for (size_t i = 0; i < q->s; i++)
			nr->r[i] = (long double)cross_exact(&it[q->a], &it[q->b], &it[i]) / d * unit;
	}
	long double dw = (long double)it[q->b].w - it[q->a].w;
	q->pi = ((long double)it[q->b].v - it[q->a].v) / dw;
	if (q->exact)
		return true;
	long double vmax = 1;
	for (size_t i = 0; i < q->s; i++)
		vmax = fmaxl(vmax, fabsl(it[i].v) + q->pi * fabsl(it[i].w));
	for (size_t i = 0; i < q->s; i++) {
		nr->r[i] = (long double)it[i].v - it[q->a].v - q->pi * ((long double)it[i].w - it[q->a].w);
		if (i != q->a && i != q->b && nr->r[i] > -1e-12L * vmax)
			return false;
		/* long double's rounding (~1e-18 vmax, 1e-15 allowed) only ever
		 * shrinks |r|, so the boxes of (i) only ever widen */
		nr->r[i] += 1e-15L * vmax;
	}
	nr->r[q->a] = nr->r[q->b] = 0;
	return true;
}

static long long gcd_ll(long long x, long long y)
{
	while (y != 0) {
		long long t = x % y;
		x = y;
		y = t;
	}
	return x < 0 ? -x : x;
}

/* The rounded vertex x0 (base) and its slack. */
void near_vertex_set_base(struct near *q)
{
	struct deploy_near *nr = q->nr;
	const struct item *a = &nr->it[q->a];
	memset(nr->base, 0, q->s * sizeof *nr->base);
	if (!q->binding) {
		nr->base[q->a] = q->k;
		q->slack0 = q->cap - (long double)a->w * q->k;
		return;
	}
	const struct item *b = &nr->it[q->b];
	long double dw = (long double)b->w - a->w;
	long double xb = floorl((q->cap - (long double)a->w * q->k) / dw);
	long long kb = xb < 0 ? 0 : xb > q->k ? q->k : (long long)xb;
	for (;;) {
		q->slack0 = q->cap - (long double)a->w * (q->k - kb) - (long double)b->w * kb;
		if (q->slack0 >= 0 || kb == 0)
			break;
		kb--;
	}
	nr->base[q->a] = q->k - kb;
	nr->base[q->b] = kb;
}

/* Bounds (i) and (ii) on every model but a and b; false when one is too wide. */
bool near_vertex_bound_others(struct near *q)
{
	struct deploy_near *nr = q->nr;
	const struct item *it = nr->it;
	long double g = q->pi * fmaxl(q->slack0, 0);
	g += 1e-12L * g + 1e-12L;  /* rounding of (1): only ever widens the box */
	long long dd = q->binding && q->exact ? it[q->b].wi - it[q->a].wi : 0;
	long long gd = dd, between = 0;
	for (size_t i = 0; i < q->s; i++) {
		nr->lo[i] = 0;
		nr->hi[i] = q->k;
		if (i == q->a || (q->binding && i == q->b))
			continue;
		if (nr->r[i] < 0) {
			long double cap = floorl(g / (-nr->r[i] * (1 - 1e-12L)));
			if (cap < (long double)nr->hi[i])
				nr->hi[i] = (long long)cap;
		}
		if (!q->binding && nr->r[i] == 0)
			nr->hi[i] = 0;  /* exchange with a: same value, no more resource */
		if (dd > 0 && it[i].wi >= it[q->a].wi && it[i].wi <= it[q->b].wi) {
			long long p = dd / gcd_ll(it[i].wi - it[q->a].wi, dd);
			if (p - 1 < nr->hi[i])
				nr->hi[i] = p - 1;
			if (nr->hi[i] > 0) {
				gd = gcd_ll(it[i].wi - it[q->a].wi, gd);
				between += nr->hi[i];
			}
		}
		if (nr->hi[i] > BOX_CAP)
			return false;
	}
	q->dav = dd > 0 && dd / gd - 1 < between ? dd / gd - 1 : -1;
	return true;
}

/* (iii): the range of a and b given the others' box. */
void near_vertex_bound_vertex(struct near *q)
{
	struct deploy_near *nr = q->nr;
	const struct item *it = nr->it;
	long double up = 0, dn = 0, nmax = 0;
	long double dw = q->binding ? (long double)it[q->b].w - it[q->a].w : 1;
	for (size_t i = 0; i < q->s; i++) {
		if (i == q->a || (q->binding && i == q->b))
			continue;
		long double d = ((long double)it[i].w - it[q->a].w) / dw;
		nmax += nr->hi[i];
		if (d > 0)
			dn += d * nr->hi[i];
		else
			up -= d * nr->hi[i];
	}
	if (!q->binding) {
		nr->lo[q->a] = q->k - (long long)nmax;
		nr->hi[q->a] = q->k;
		return;
	}
	long long b0 = nr->base[q->b];
	long long blo = b0 - (long long)ceill(dn) - (long long)nmax - 2;
	long long bhi = b0 + (long long)ceill(up) + 2;
	nr->lo[q->b] = blo < 0 ? 0 : blo;
	nr->hi[q->b] = bhi > q->k ? q->k : bhi;
	long long alo = q->k - (long long)nmax - nr->hi[q->b];
	long long ahi = q->k - nr->lo[q->b];
	nr->lo[q->a] = alo < 0 ? 0 : alo;
	nr->hi[q->a] = ahi > q->k ? q->k : ahi;
}

/* Collect the allowed models in the unified form (the top of deploy_near.c). */
void near_vertex_collect(struct near *q, const struct solve_params *sp, const bool *use, double tol)
{
	struct deploy_near *nr = q->nr;
	bool primal = sp->mode == SOLVE_MAX_ACCURACY;
	q->s = 0;
	for (size_t k = 0; k < nr->m; k++) {
		if (!use[k])
			continue;
		const struct model *md = &nr->pool->models[nr->kept[k]];
		nr->it[q->s++] = (struct item){.w = primal ? md->cost : -md->accuracy,
					       .v = primal ? md->accuracy : -md->cost, .k = k};
	}
	q->k = sp->k;
	q->cap = (long double)(primal ? sp->budget : -sp->min_accuracy) * sp->k + tol;
	qsort(nr->it, q->s, sizeof *nr->it, by_resource);
}
