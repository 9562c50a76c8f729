/*
 * few_time.c - the time row's multiplier for deploy_few's bounds
 * (few_time.h).
 *
 * The bound B(mu) = K h_mu(cap / K) + mu tcap, h_mu the rising part of the
 * upper hull of (w, v - mu t), is convex and piecewise linear in mu; its
 * slope is tcap - K t_mix, t_mix the time per inference of the hull's mix
 * at cap / K.  From a bracket (slope < 0 at lo, >= 0 at hi; hi from the
 * caller's guess, or by growing from the scale of value per time), each
 * probe is where the two ends' supporting lines cross; where B meets them
 * there it is least (a few probes, one per piece crossed).
 */
#include "optdeploy/core/few_time.h"

#include <math.h>
#include <stdbool.h>

struct mu_hull {
	const struct few_time_point *p;
	size_t n;
	size_t *h;  /* indices of the hull's rising part, by w */
	size_t hn;
	long double mu;
};

static long double lv(const struct mu_hull *m, size_t i)
{
	return m->p[i].v - m->mu * m->p[i].t;
}

/* The rising part of the upper hull of (w, v - mu t) (deploy_few.c's build_hull). */
static void build(struct mu_hull *m)
{
	size_t hn = 0;
	for (size_t i = 0; i < m->n; i++) {
		const struct few_time_point *c = &m->p[i];
		long double cv = lv(m, i);
		if (hn > 0 && m->p[m->h[hn - 1]].w == c->w) {
			if (lv(m, m->h[hn - 1]) >= cv)
				continue;
			hn--;  /* the same resource for more value: c replaces it */
		}
		if (hn > 0 && lv(m, m->h[hn - 1]) >= cv)
			continue;  /* no more value for more resource: not on the rising part */
		while (hn >= 2) {
			const struct few_time_point *o = &m->p[m->h[hn - 2]], *a = &m->p[m->h[hn - 1]];
			long double ov = lv(m, m->h[hn - 2]), av = lv(m, m->h[hn - 1]);
			if ((a->w - o->w) * (cv - ov) - (av - ov) * (c->w - o->w) < 0)
				break;
			hn--;
		}
		m->h[hn++] = i;
	}
	m->hn = hn;
}

/* The hull's value and time per inference at a (-INFINITY value: no mix affords a). */
static void mix_at(const struct mu_hull *m, long double a, long double *value, long double *time)
{
	size_t first = m->h[0], last = m->h[m->hn - 1];
	if (a >= m->p[last].w) {
		*value = lv(m, last);
		*time = m->p[last].t;
		return;
	}
	if (a <= m->p[first].w) {
		bool near = a >= m->p[first].w - 1e-12L * (fabsl(m->p[first].w) + 1);
		*value = near ? lv(m, first) : -INFINITY;
		*time = m->p[first].t;
		return;
	}
	size_t lo = 0, hi = m->hn - 1;  /* w[lo] <= a < w[hi] */
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (m->p[m->h[mid]].w <= a)
			lo = mid;
		else
			hi = mid;
	}
	const struct few_time_point *x = &m->p[m->h[lo]], *y = &m->p[m->h[hi]];
	long double f = (a - x->w) / (y->w - x->w);
	*value = lv(m, m->h[lo]) + (lv(m, m->h[hi]) - lv(m, m->h[lo])) * f;
	*time = x->t + (y->t - x->t) * f;
}

struct probe {
	long double mu, bound, slope;
};

static struct probe probe_at(struct mu_hull *m, long long k, long double cap, long double tcap,
			     long double mu)
{
	long double value, time;
	m->mu = mu;
	build(m);
	mix_at(m, cap / k, &value, &time);
	return (struct probe){mu, k * value + mu * tcap, tcap - k * time};
}

long double few_time_multiplier(const struct few_time_point *pts, size_t n, size_t *scratch,
				long long k, long double cap, long double tcap, long double start)
{
	struct mu_hull m = {pts, n, scratch, 0, 0};
	long double vlo = INFINITY, vhi = -INFINITY, tlo = INFINITY, thi = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		vlo = fminl(vlo, pts[i].v);
		vhi = fmaxl(vhi, pts[i].v);
		tlo = fminl(tlo, pts[i].t);
		thi = fmaxl(thi, pts[i].t);
	}
	struct probe lo = probe_at(&m, k, cap, tcap, 0), hi, best = lo;
	long double guess = start > 0 ? start : (vhi - vlo + 1) / (thi - tlo);
	/* the LP optimum without the row meets it: mu = 0 is the row's dual */
	if (!isfinite(lo.bound) || lo.slope >= 0 || !(thi > tlo) || !isfinite(guess) ||
	    !(guess > 0))
		return 0;
	for (int d = 0; d < 200; d++, guess *= 4) {  /* until the slope turns */
		hi = probe_at(&m, k, cap, tcap, guess);
		if (hi.bound < best.bound)
			best = hi;
		if (hi.slope >= 0 || !isfinite(hi.bound))
			break;
		lo = hi;
	}
	for (int it = 0; it < 60 && hi.slope >= 0 && isfinite(hi.bound); it++) {
		long double mu = (hi.bound - lo.bound + lo.slope * lo.mu - hi.slope * hi.mu) /
				 (lo.slope - hi.slope);
		if (!(mu > lo.mu && mu < hi.mu))
			break;
		struct probe p = probe_at(&m, k, cap, tcap, mu);
		if (p.bound < best.bound)
			best = p;
		long double line = lo.bound + lo.slope * (mu - lo.mu);
		if (!(p.bound > line + 1e-12L * (fabsl(line) + 1)))
			break;  /* on both lines: the least */
		if (p.slope < 0)
			lo = p;
		else
			hi = p;
	}
	return best.mu;
}
