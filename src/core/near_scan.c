/*
 * near_scan.c - every integer point of a small box, its objective with the
 * loading charges.  deploy_near_time.c's box holds every policy of the
 * support at least as good (in v.x) as its rounded vertex, so it holds
 * every policy GLPK can answer; the largest objective over the box bounds
 * the objective of that answer, whichever of its ties GLPK returns.
 */
#include "optdeploy/core/near_scan.h"

#include <math.h>

/* Points in the box: the product of the free ranges but the last (sum x = k fixes it). */
static bool small_enough(const struct near_scan *sc, size_t *last)
{
	long long points = 1;
	*last = sc->s;
	for (size_t i = 0; i < sc->s; i++) {
		if (sc->it[i].hi <= sc->it[i].lo)
			continue;
		if (*last < sc->s) {
			long long w = sc->it[*last].hi - sc->it[*last].lo + 1;
			if (w > NEAR_SCAN_CAP || (points *= w) > NEAR_SCAN_CAP)
				return false;
		}
		*last = i;
	}
	return true;
}

/* The objective of cnt if it sums to k and meets both rows, else -INFINITY. */
static long double value(const struct near_scan *sc, const long long *cnt)
{
	long double v = 0, load = 0, w = 0, t = 0;
	long long total = 0;
	for (size_t i = 0; i < sc->s; i++) {
		if (cnt[i] < sc->it[i].lo || cnt[i] > sc->it[i].hi)
			return -INFINITY;
		total += cnt[i];
		if (cnt[i] == 0)
			continue;
		v += (long double)cnt[i] * sc->it[i].v;
		w += (long double)cnt[i] * sc->it[i].a;
		t += (long double)cnt[i] * sc->it[i].b;
		load += sc->load[i];
	}
	if (total != sc->k || w < -sc->tol_w || t < -sc->tol_t)
		return -INFINITY;
	return v - sc->lambda * load;
}

bool near_scan_best(const struct near_scan *sc, long long *cnt, long double *best)
{
	size_t last;
	if (!small_enough(sc, &last))
		return false;
	long long rest = sc->k;
	for (size_t i = 0; i < sc->s; i++) {
		cnt[i] = sc->it[i].lo;
		if (i != last)
			rest -= cnt[i];
	}
	*best = -INFINITY;
	for (;;) {
		if (last < sc->s)
			cnt[last] = rest;
		*best = fmaxl(*best, value(sc, cnt));
		/* the next point: an odometer over the free items but the last */
		size_t i = 0;
		for (; i < sc->s; i++) {
			if (i == last || sc->it[i].hi <= sc->it[i].lo)
				continue;
			if (cnt[i] < sc->it[i].hi) {
				cnt[i]++;
				rest--;
				break;
			}
			rest += cnt[i] - sc->it[i].lo;
			cnt[i] = sc->it[i].lo;
		}
		if (i == sc->s)
			return true;
	}
}
