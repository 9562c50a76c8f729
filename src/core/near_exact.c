/*
 * near_exact.c - deploy_near's box searched in exact integers (see
 * near_exact.h for why).
 *
 * With the other models' offsets fixed (N = their sum), sum d = 0 leaves
 * d_a = -N - d_b, and the resource row becomes (w_b - w_a) d_b <= slack -
 * (their resource) + w_a N: an upper bound on d_b, besides the bounds of a
 * and b.  The value is linear in d_b, so its best point is an end of that
 * interval.  Without a binding row the vertex is a alone: d_a = -N.
 */
#include "optdeploy/core/near_exact.h"

#include <string.h>

typedef __int128 wide;

static wide floor_div(wide num, wide den)  /* den > 0 */
{
	wide q = num / den;
	return q * den > num ? q - 1 : q;
}

static bool is_vertex(const struct near_exact_box *bx, size_t i)
{
	return i == bx->a || (bx->binding && i == bx->b);
}

/*
 * The other models whose offset is not fixed, into free_at (their number in
 * *nf), and the points of their box: 0 when a range is empty,
 * NEAR_EXACT_LIMIT + 1 when more than that.
 */
static long box_points(const struct near_exact_box *bx, long long *free_at, size_t *nf)
{
	long points = 1;
	*nf = 0;
	for (size_t i = 0; i < bx->s; i++) {
		if (is_vertex(bx, i))
			continue;
		if (bx->hi[i] < bx->lo[i])
			return 0;
		long long width = bx->hi[i] - bx->lo[i] + 1;
		if (width == 1)
			continue;
		if (width > NEAR_EXACT_LIMIT || points * width > NEAR_EXACT_LIMIT)
			return NEAR_EXACT_LIMIT + 1;
		points *= (long)width;
		free_at[(*nf)++] = (long long)i;
	}
	return points;
}

/* Sums over the other models' offsets in d. */
struct others {
	wide n, w, v, between;
};

static void add_other(const struct near_exact_box *bx, struct others *o, size_t i, long long di)
{
	o->n += di;
	o->w += (wide)bx->wi[i] * di;
	o->v += (wide)bx->vi[i] * di;
	if (bx->between != NULL && bx->between[i])
		o->between += di;
}

/* Given the others' sums: the vertex's best completion into d, false when none is feasible. */
static bool complete(const struct near_exact_box *bx, const struct others *o, long long *d,
		     wide *value)
{
	wide n = o->n;
	if (bx->dav >= 0 && o->between > bx->dav)
		return false;
	size_t a = bx->a, b = bx->b;
	if (!bx->binding) {
		if (-n < bx->lo[a] || -n > bx->hi[a] || o->w - (wide)bx->wi[a] * n > bx->slack)
			return false;
		d[a] = (long long)-n;
		*value = o->v + (wide)bx->vi[a] * d[a];
		return true;
	}
	wide lo = bx->lo[b], hi = bx->hi[b];
	if (-n - bx->hi[a] > lo)
		lo = -n - bx->hi[a];
	if (-n - bx->lo[a] < hi)
		hi = -n - bx->lo[a];
	wide cap = floor_div(bx->slack - o->w + (wide)bx->wi[a] * n, (wide)bx->wi[b] - bx->wi[a]);
	if (cap < hi)
		hi = cap;
	if (lo > hi)
		return false;
	wide gain = (wide)bx->vi[b] - bx->vi[a];
	d[b] = (long long)(gain > 0 ? hi : lo);
	d[a] = (long long)(-n - d[b]);
	*value = o->v + (wide)bx->vi[a] * d[a] + (wide)bx->vi[b] * d[b];
	return true;
}

/* The next point of the free models' box (an odometer); false after the last. */
static bool next_point(const struct near_exact_box *bx, const long long *free_at, size_t nf,
		       long long *cur)
{
	for (size_t t = 0; t < nf; t++) {
		size_t i = (size_t)free_at[t];
		if (cur[i] < bx->hi[i]) {
			cur[i]++;
			return true;
		}
		cur[i] = bx->lo[i];
	}
	return false;
}

enum near_exact_result near_exact_solve(const struct near_exact_box *bx, long long *d,
					long long *work, wide *value)
{
	long long *cur = work, *free_at = work + bx->s;
	size_t nf;
	long points = box_points(bx, free_at, &nf);
	if (points > NEAR_EXACT_LIMIT)
		return NEAR_EXACT_TOO_BIG;
	struct others fixed = {0};
	for (size_t i = 0; i < bx->s; i++) {
		cur[i] = is_vertex(bx, i) ? 0 : bx->lo[i];
		if (!is_vertex(bx, i) && bx->hi[i] == bx->lo[i])
			add_other(bx, &fixed, i, cur[i]);
	}
	bool found = false;
	for (long p = 0; p < points; p++) {
		struct others o = fixed;
		for (size_t t = 0; t < nf; t++)
			add_other(bx, &o, (size_t)free_at[t], cur[free_at[t]]);
		wide v;
		if (complete(bx, &o, cur, &v) && (!found || v > *value)) {
			found = true;
			*value = v;
			memcpy(d, cur, bx->s * sizeof *d);
		}
		if (!next_point(bx, free_at, nf, cur))
			break;
	}
	return found ? NEAR_EXACT_DONE : NEAR_EXACT_INFEASIBLE;
}
