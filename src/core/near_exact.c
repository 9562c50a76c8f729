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

/* Points of the others' box, or NEAR_EXACT_LIMIT + 1 when more. */
static long box_points(const struct near_exact_box *bx)
{
	long points = 1;
	for (size_t i = 0; i < bx->s; i++) {
		if (is_vertex(bx, i))
			continue;
		if (bx->hi[i] < bx->lo[i])
			return 0;
		long long width = bx->hi[i] - bx->lo[i] + 1;
		if (width > NEAR_EXACT_LIMIT || points * width > NEAR_EXACT_LIMIT)
			return NEAR_EXACT_LIMIT + 1;
		points *= (long)width;
	}
	return points;
}

/* Given the others' offsets in d: the vertex's best completion, false when none is feasible. */
static bool complete(const struct near_exact_box *bx, long long *d, wide *value)
{
	wide n = 0, wo = 0, vo = 0, between = 0;
	for (size_t i = 0; i < bx->s; i++) {
		if (is_vertex(bx, i))
			continue;
		n += d[i];
		wo += (wide)bx->wi[i] * d[i];
		vo += (wide)bx->vi[i] * d[i];
		if (bx->between != NULL && bx->between[i])
			between += d[i];
	}
	if (bx->dav >= 0 && between > bx->dav)
		return false;
	size_t a = bx->a, b = bx->b;
	if (!bx->binding) {
		if (-n < bx->lo[a] || -n > bx->hi[a] || wo - (wide)bx->wi[a] * n > bx->slack)
			return false;
		d[a] = (long long)-n;
		*value = vo + (wide)bx->vi[a] * d[a];
		return true;
	}
	wide lo = bx->lo[b], hi = bx->hi[b];
	if (-n - bx->hi[a] > lo)
		lo = -n - bx->hi[a];
	if (-n - bx->lo[a] < hi)
		hi = -n - bx->lo[a];
	wide cap = floor_div(bx->slack - wo + (wide)bx->wi[a] * n, (wide)bx->wi[b] - bx->wi[a]);
	if (cap < hi)
		hi = cap;
	if (lo > hi)
		return false;
	wide gain = (wide)bx->vi[b] - bx->vi[a];
	d[b] = (long long)(gain > 0 ? hi : lo);
	d[a] = (long long)(-n - d[b]);
	*value = vo + (wide)bx->vi[a] * d[a] + (wide)bx->vi[b] * d[b];
	return true;
}

/* The next point of the others' box (an odometer); false after the last. */
static bool next_point(const struct near_exact_box *bx, long long *cur)
{
	for (size_t i = 0; i < bx->s; i++) {
		if (is_vertex(bx, i))
			continue;
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
	long points = box_points(bx);
	if (points > NEAR_EXACT_LIMIT)
		return NEAR_EXACT_TOO_BIG;
	bool found = false;
	for (size_t i = 0; i < bx->s; i++)
		work[i] = is_vertex(bx, i) ? 0 : bx->lo[i];
	for (long p = 0; p < points; p++) {
		wide v;
		if (complete(bx, work, &v) && (!found || v > *value)) {
			found = true;
			*value = v;
			memcpy(d, work, bx->s * sizeof *d);
		}
		if (!next_point(bx, work))
			break;
	}
	return found ? NEAR_EXACT_DONE : NEAR_EXACT_INFEASIBLE;
}
