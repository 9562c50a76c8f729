/*
 * near_tie.c - three models of a support tied with its LP vertex when one
 * row is priced (near_tie.h, used by deploy_near_time.c).
 *
 * With the other row's price 0, the support's value is, up to the reduced
 * costs, mu K - pi S(x) for the priced row's slack S: three models whose
 * (row coefficient, value) points are collinear have the same reduced
 * cost, and the rows' equations (sum x = K and the priced row) leave a
 * line of policies of one value among them, as long as K.  Its integer
 * direction z = (p2 - p3, p3 - p1, p1 - p2) / gcd (p: the priced row's
 * data as integers) keeps the total and the priced row exactly (budget,
 * floor and time per inference cancel, sum z = 0); the tie is checked as
 * value . z = 0 in integers.  u = +-z is the sign that does not lower the
 * other row.  The exchange is exact integer arithmetic on the binary data,
 * never a rounded comparison.
 */
#include "optdeploy/core/near_tie.h"

#include <math.h>
#include <stdlib.h>

#define TIE_INT_MAX 1099511627776.0  /* 2^40: the data as integers */
#define TIE_DIR_MAX 1048576LL        /* 2^20: u's entries (products stay below 2^62) */

/* x[0..2] times one power of two as integers up to 2^40; false when none is. */
static bool as_integers(const double x[3], long long out[3])
{
	for (int s = -60; s <= 60; s++) {
		bool ok = true;
		for (int i = 0; i < 3 && ok; i++) {
			double y = ldexp(x[i], s);
			ok = isfinite(y) && y == floor(y) && fabs(y) <= TIE_INT_MAX;
		}
		if (!ok)
			continue;
		for (int i = 0; i < 3; i++)
			out[i] = (long long)ldexp(x[i], s);
		return true;
	}
	return false;
}

static long long gcd_ll(long long a, long long b)
{
	a = llabs(a);
	b = llabs(b);
	while (b != 0) {
		long long t = a % b;
		a = b;
		b = t;
	}
	return a;
}

static long long dot(const long long a[3], const long long u[3])
{
	return a[0] * u[0] + a[1] * u[1] + a[2] * u[2];
}

bool near_tie_direction(const struct model *const md[3], bool primal, bool time_priced,
			long long u[3])
{
	double val[3], cost[3], acc[3], lat[3];
	for (int i = 0; i < 3; i++) {
		cost[i] = md[i]->cost;
		acc[i] = md[i]->accuracy;
		lat[i] = md[i]->latency;
		val[i] = primal ? acc[i] : -cost[i];
	}
	long long v[3], p[3], o[3];
	/* the resource row's slack per inference: budget - cost, or accuracy - floor */
	const double *res = primal ? cost : acc;
	if (!as_integers(val, v) || !as_integers(time_priced ? lat : res, p) ||
	    !as_integers(time_priced ? res : lat, o))
		return false;
	long long z[3] = {p[1] - p[2], p[2] - p[0], p[0] - p[1]};
	long long g = gcd_ll(gcd_ll(z[0], z[1]), z[2]);
	if (g == 0)
		return false;  /* one coefficient for all three: no line among them */
	for (int i = 0; i < 3; i++) {
		z[i] /= g;
		if (llabs(z[i]) > TIE_DIR_MAX)
			return false;
	}
	if (dot(v, z) != 0)
		return false;  /* not an exact tie */
	/* the other row's slack changes by -cost.z (primal) or acc.z (dual) for
	 * the resource row, -lat.z for the time row: pick the sign keeping it */
	long long gain = dot(o, z) * (!time_priced || primal ? -1 : 1);
	int neg = (z[0] < 0) + (z[1] < 0) + (z[2] < 0);
	int sign = gain > 0 ? 1 : gain < 0 ? -1 : neg <= 1 ? 1 : -1;
	for (int i = 0; i < 3; i++)
		u[i] = sign * z[i];
	return true;
}

/* The tied models' case search: the wide items, their boxes, each case's cap. */
struct cases {
	struct near_tie *t;
	size_t w[NEAR_TIE_MAX], nw;
	long long hi[NEAR_TIE_MAX], cap[NEAR_TIE_MAX];  /* cap < 0: not bounded by a case */
};

/* One case: the box of (i)-(iii) (a bound another case proved holds there only), the caps. */
static enum deploy_near_result leaf(struct cases *cs)
{
	struct near_tie *t = cs->t;
	for (size_t i = 0; i < t->s; i++) {
		t->it[i].lo = t->box_lo[i];
		t->it[i].hi = t->box_hi[i];
	}
	for (size_t j = 0; j < cs->nw; j++) {
		struct near_item *m = &t->it[cs->w[j]];
		if (cs->cap[j] >= 0 && cs->cap[j] < cs->hi[j])
			m->hi = cs->cap[j];
		if (m->hi < m->lo)
			return DEPLOY_NEAR_OPTIMAL;  /* no policy as good as x0 in this case */
	}
	if (!near_box_basis(t->it, t->rows))
		return DEPLOY_NEAR_NO_BOX;
	return t->leaf(t->arg);
}

/* Split on the first three unbounded models' exchange until two are left. */
static enum deploy_near_result split(struct cases *cs)
{
	struct near_tie *t = cs->t;
	size_t open[3], n = 0;
	for (size_t j = 0; j < cs->nw && n < 3; j++)
		if (cs->cap[j] < 0)
			open[n++] = j;
	if (n < 3)
		return leaf(cs);
	const struct model *md[3];
	long long u[3];
	for (size_t c = 0; c < 3; c++)
		md[c] = &t->pool->models[t->kept[t->it[cs->w[open[c]]].k]];
	if (!near_tie_direction(md, t->primal, t->rows->pi_t > 0, u))
		return DEPLOY_NEAR_NO_BOX;
	for (size_t c = 0; c < 3; c++) {
		if (u[c] >= 0)
			continue;
		cs->cap[open[c]] = -u[c] - 1;
		enum deploy_near_result r = split(cs);
		cs->cap[open[c]] = -1;
		if (r != DEPLOY_NEAR_OPTIMAL)
			return r;
	}
	return DEPLOY_NEAR_OPTIMAL;
}

/*
 * Why one case holds an optimum: for three unbounded models, u of
 * near_tie_direction keeps the total, the value and the priced row exactly
 * and never lowers the other row, so adding u to an optimal policy while
 * it stays >= 0 gives an optimal policy (as good as x0, so (i)-(iii) hold
 * for it; the models outside the three keep their counts, so it stays in
 * any case it was in) with x_c < |u_c| for some c with u_c < 0.  Each such
 * c is a case, split again until two models are left unbounded, which
 * (iii) bounds through the rows (x0 need not lie in the case: rows->apart).
 */
enum deploy_near_result near_tie_solve(struct near_tie *t)
{
	struct cases cs = {.t = t};
	for (size_t i = 0; i < t->s; i++) {
		t->box_lo[i] = t->it[i].lo;
		t->box_hi[i] = t->it[i].hi;
		if (t->it[i].hi - t->it[i].lo <= NEAR_TIE_WIDE)
			continue;
		if (cs.nw == NEAR_TIE_MAX)
			return DEPLOY_NEAR_NO_BOX;
		cs.w[cs.nw] = i;
		cs.hi[cs.nw] = t->it[i].hi;
		cs.cap[cs.nw++] = -1;
	}
	if (cs.nw < 3)
		return DEPLOY_NEAR_NO_BOX;
	t->rows->apart = true;
	enum deploy_near_result r = split(&cs);
	t->rows->apart = false;
	for (size_t i = 0; i < t->s; i++) {
		t->it[i].lo = t->box_lo[i];
		t->it[i].hi = t->box_hi[i];
	}
	return r;
}
