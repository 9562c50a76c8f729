/*
 * near_scan.c - every integer point of a small box, its objective with the
 * loading charges.  deploy_near_time.c's box holds every policy of the
 * support at least as good (in v.x) as its rounded vertex, so it holds
 * every policy GLPK can answer; the largest objective over the box bounds
 * the objective of that answer, whichever of its ties GLPK returns.
 *
 * The models fixed by the box (hi = lo) add the same to every point: their
 * part is summed once, and each point sums only the free ones (a few: the
 * box holds at most NEAR_SCAN_CAP points), where summing all of them was
 * most of a lambda = 0 sweep's time.  Summed in another order than
 * feasible() sums, a row can round differently by a few units of 2^-64 of
 * its terms: a point is kept unless it misses a row by more than that
 * allowance, so the scan may count a point feasible() refuses (its best
 * only grows, a looser bound) and never drops one feasible() accepts.
 */
#include "optdeploy/core/near_scan.h"

#include <math.h>

#define SUM_ERR 1.1e-19L  /* per term and addition: long double rounds to 2^-64 = 5.4e-20 */
#define FREE_MAX 10        /* free items a box of NEAR_SCAN_CAP points can have: 2^9 = 512, and the last */

/* The sums of the fixed part, or of a point. */
struct sums {
	long double v, w, t, load;
	long long total;
};

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

static void add(struct sums *sm, const struct near_scan *sc, size_t i, long long c)
{
	sm->total += c;
	if (c == 0)
		return;
	sm->v += (long double)c * sc->it[i].v;
	sm->w += (long double)c * sc->it[i].a;
	sm->t += (long double)c * sc->it[i].b;
	sm->load += sc->load[i];
}

/*
 * The objective of the point (the fixed part plus the free items' counts
 * cnt) if it sums to k and meets both rows within the allowance, else
 * -INFINITY.
 */
static long double value(const struct near_scan *sc, const struct sums *fixed, const size_t *fr,
			 size_t nf, const long long *cnt, long double ew, long double et)
{
	struct sums sm = *fixed;
	for (size_t j = 0; j < nf; j++) {
		const struct near_item *t = &sc->it[fr[j]];
		if (cnt[j] < t->lo || cnt[j] > t->hi)
			return -INFINITY;
		add(&sm, sc, fr[j], cnt[j]);
	}
	if (sm.total != sc->k || sm.w < -sc->tol_w - ew || sm.t < -sc->tol_t - et)
		return -INFINITY;
	return sm.v - sc->lambda * sm.load;
}

bool near_scan_best(const struct near_scan *sc, long long *cnt, long double *best)
{
	size_t last;
	if (!small_enough(sc, &last))
		return false;
	/* the fixed items' part, the free items (fr, the last one last) and
	 * the allowance: every term's magnitude at the box's far end */
	struct sums fixed = {0};
	long double mw = 0, mt = 0;
	size_t nf = 0, free_idx[FREE_MAX];
	*best = -INFINITY;
	for (size_t i = 0; i < sc->s; i++) {
		const struct near_item *t = &sc->it[i];
		if (t->hi < t->lo)
			return true;  /* an empty box */
		mw += (long double)t->hi * fabsl(t->a);
		mt += (long double)t->hi * fabsl(t->b);
		if (t->hi > t->lo && i != last) {
			if (nf + 1 == FREE_MAX)
				return false;
			free_idx[nf++] = i;
		} else if (i != last) {
			add(&fixed, sc, i, t->lo);
		}
	}
	if (last < sc->s)
		free_idx[nf++] = last;
	long double ew = SUM_ERR * (long double)(2 * sc->s + 2) * (mw + fabsl(sc->tol_w));
	long double et = SUM_ERR * (long double)(2 * sc->s + 2) * (mt + fabsl(sc->tol_t));
	/* the odometer runs over the free items but the last, which takes the rest */
	size_t odo = last < sc->s ? nf - 1 : nf;
	long long rest = sc->k - fixed.total;
	for (size_t j = 0; j < odo; j++) {
		cnt[j] = sc->it[free_idx[j]].lo;
		rest -= cnt[j];
	}
	for (;;) {
		if (odo < nf)
			cnt[odo] = rest;
		*best = fmaxl(*best, value(sc, &fixed, free_idx, nf, cnt, ew, et));
		size_t j = 0;
		for (; j < odo; j++) {
			const struct near_item *t = &sc->it[free_idx[j]];
			if (cnt[j] < t->hi) {
				cnt[j]++;
				rest--;
				break;
			}
			rest += cnt[j] - t->lo;
			cnt[j] = t->lo;
		}
		if (j == odo)
			return true;
	}
}
