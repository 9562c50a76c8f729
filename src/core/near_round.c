/*
 * near_round.c - deploy_near_time's x0: the best feasible policy among a
 * few candidates near the support's LP vertex (see near_round.h).  Any
 * feasible x0 makes the box valid; the better it is, the smaller the gap
 * G to the LP and the box.
 */
#include "optdeploy/core/near_round.h"

#include <math.h>
#include <string.h>

#define ROUND_REACH 3       /* offsets tried around the floor of each basic count */

bool near_round_slacks(const struct near_support *ns, const long long *cnt, long double *sw,
		       long double *st)
{
	long double w = 0, t = 0;
	for (size_t i = 0; i < ns->s; i++) {
		if (cnt[i] == 0)
			continue;
		w += (long double)cnt[i] * ns->it[i].a;
		t += (long double)cnt[i] * ns->it[i].b;
	}
	*sw = w + ns->tol_w;
	*st = t + ns->tol_t;
	return w >= -ns->tol_w && t >= -ns->tol_t;
}

long double near_round_value(const struct near_support *ns, const long long *cnt)
{
	long double v = 0;
	for (size_t i = 0; i < ns->s; i++)
		v += (long double)cnt[i] * ns->it[i].v;
	return v;
}

/* Keep cnt as the best so far if it is feasible and better. */
static void offer(const struct near_support *ns, const long long *cnt, long long *best,
		  long double *best_v)
{
	long double sw, st;
	if (!near_round_slacks(ns, cnt, &sw, &st))
		return;
	long double v = near_round_value(ns, cnt);
	if (v > *best_v) {
		*best_v = v;
		memcpy(best, cnt, ns->s * sizeof *cnt);
	}
}

/* The roundings of the vertex: up to three basic counts, all but the last within reach of their floors. */
static void offer_roundings(const struct near_support *ns, long long *cnt, long long *best,
			    long double *best_v)
{
	const struct near_item *it = ns->it;
	size_t bas[3], nb = 0;
	long long f[3];
	for (size_t i = 0; i < ns->s && nb < 3; i++)
		if (it[i].y > 0) {
			bas[nb] = i;
			f[nb++] = (long long)fminl(floorl((long double)it[i].y * ns->k), ns->k);
		}
	int span = 2 * ROUND_REACH + 1, combos = 1;
	for (size_t j = 0; nb > 0 && j + 1 < nb; j++)
		combos *= span;
	for (int c = 0; nb > 0 && c < combos; c++) {
		long long rest = ns->k;
		bool ok = true;
		for (size_t j = 0, code = (size_t)c; j + 1 < nb; j++, code /= (size_t)span) {
			long long x = f[j] + (long long)(code % (size_t)span) - ROUND_REACH;
			ok = ok && x >= 0 && x <= rest;
			cnt[bas[j]] = x;
			rest -= ok ? x : 0;
		}
		if (ok) {
			cnt[bas[nb - 1]] = rest;
			offer(ns, cnt, best, best_v);
		}
		for (size_t j = 0; j < nb; j++)
			cnt[bas[j]] = 0;
	}
}

bool near_round_x0(const struct near_support *ns, struct near_proof *proof, long long *cnt,
		   long long *best, long double *v0)
{
	struct near_item *it = ns->it;
	long double best_v = -INFINITY;
	memset(cnt, 0, ns->s * sizeof *cnt);
	offer_roundings(ns, cnt, best, &best_v);
	for (size_t i = 0; i < ns->s; i++) {
		/* offer() of K on model i alone: the slacks and the value sum one term */
		long double w = (long double)ns->k * it[i].a, t = (long double)ns->k * it[i].b;
		long double v = (long double)ns->k * it[i].v;
		if (w >= -ns->tol_w && t >= -ns->tol_t && v > best_v) {
			best_v = v;
			memset(best, 0, ns->s * sizeof *best);
			best[i] = ns->k;
		}
	}
	if (proof != NULL && near_proof_hint(proof, it, ns->s, cnt)) {
		long long total = 0;
		for (size_t i = 0; i < ns->s; i++)
			total += cnt[i];
		if (total == ns->k)
			offer(ns, cnt, best, &best_v);
		memset(cnt, 0, ns->s * sizeof *cnt);
	}
	if (isinf(best_v))
		return false;
	for (size_t i = 0; i < ns->s; i++)
		it[i].x0 = best[i];
	*v0 = best_v;
	return true;
}
