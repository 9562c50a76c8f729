/*
 * adversarial_ref.h - an exact reference for the deployment problem that
 * shares no code with the solver: it never asks "is this optimal?", it
 * looks for a policy that beats the solver's answer (a witness).
 *
 * Every policy is counted under exactly its own support S (the models with
 * x_i >= 1), whose objective is then sum v x plus lambda times the loading
 * costs outside S (primal) or inside S (dual): a plain linear function.
 * For each S the device limits allow, the integer program
 *
 *   max sum v_i x_i  s.t.  sum x_i = K, x_i >= 1 (i in S),  A x <= rhs
 *
 * (rows: the resource row, and the time row with a rate) is searched
 * exactly: small K by enumeration of every count; otherwise, with |S| <= 3,
 * by eliminating x_a = K - x_b - x_c: for a fixed x_c the feasible x_b form
 * an interval and the objective is linear in x_b, so its best end is the
 * best policy with that x_c; the best value over real x_b, h(x_c), is
 * concave, so only the x_c around its maximum where h can beat the
 * solver's answer are visited (a bounded number: the gap between h and the
 * integer value is below |v_b - v_a|).  Feasibility is tested with no
 * tolerance in long double ("strict"); the solver's own answer is tested
 * with a 1e-9 relative allowance ("loose"), as rounding deserves.
 */
#ifndef OPTDEPLOY_ADVERSARIAL_REF_H
#define OPTDEPLOY_ADVERSARIAL_REF_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"

#define AR_MAX 8
#define AR_ENUM_LIMIT 400000L   /* policies enumerated per support at most */
#define AR_SCAN_LIMIT 2000000L  /* x_c values visited per instance at most */

/* The problem in the reference's own terms (the caller's units). */
struct ar_problem {
	size_t n;
	long long k;
	bool primal;
	long double v[AR_MAX];     /* value per inference, maximised */
	long double load[AR_MAX];  /* lambda u_i */
	long double a[2][AR_MAX];  /* rows: resource, time */
	long double rhs[2];
	size_t rows;
	bool allowed[AR_MAX];      /* meets the deadline and fits in memory alone */
	long double mem[AR_MAX];
	long double mem_cap;       /* INFINITY: none */
	size_t max_models;         /* 0: none */
};

struct ar_result {
	bool witness;              /* a strictly feasible policy beats the target */
	long long x[AR_MAX];
	long double value;         /* its objective (the solver's sense) */
	bool any_feasible;         /* some strictly feasible policy exists */
	bool incomplete;           /* a search limit was reached */
	long scanned;
};

/*
 * Build the reference problem.  cost[], idle-charged or not, is what the
 * energy row charges; rhs_energy what it may spend (budget x K, or the
 * battery less the idle draw).  Latency rules follow solve.h: a model is
 * out when slower than the deadline (1e-9 relative allowance, as
 * documented), the time row is sum t x <= duty K / rate.
 */
static inline void ar_build(struct ar_problem *p, const struct pool *pool,
			    const struct solve_params *sp, const long double *cost,
			    long double rhs_energy)
{
	memset(p, 0, sizeof *p);
	p->n = pool->n;
	p->k = sp->k;
	p->primal = sp->mode == SOLVE_MAX_ACCURACY;
	p->rows = 1;
	long double k = (long double)sp->k;
	for (size_t i = 0; i < pool->n; i++) {
		const struct model *md = &pool->models[i];
		p->v[i] = p->primal ? (long double)md->accuracy : -cost[i];
		p->load[i] = (long double)sp->lambda * md->load_cost;
		p->a[0][i] = p->primal ? cost[i] : -(long double)md->accuracy;
		p->a[1][i] = md->latency;
		p->mem[i] = md->memory;
		bool fits = true;
		if (sp->deadline > 0 && isfinite(sp->deadline) &&
		    md->latency > sp->deadline * (1 + 1e-9L))
			fits = false;
		if (isfinite(sp->memory_limit) && sp->memory_limit >= 0 &&
		    md->memory > sp->memory_limit * (1 + 1e-9L))
			fits = false;
		p->allowed[i] = fits;
	}
	p->rhs[0] = p->primal ? rhs_energy : -(long double)sp->min_accuracy * k;
	if (sp->rate > 0 && isfinite(sp->rate)) {
		long double duty = sp->duty_cycle > 0 ? sp->duty_cycle : 1;
		p->rhs[1] = duty * k / sp->rate;
		p->rows = 2;
	}
	p->mem_cap = isfinite(sp->memory_limit) && sp->memory_limit >= 0
		? sp->memory_limit * (1 + 1e-9L) : INFINITY;
	p->max_models = sp->max_models;
}

/* The objective of counts in the solver's sense (primal max, dual min). */
static inline long double ar_objective(const struct ar_problem *p, const long long *x)
{
	long double val = 0, load = 0;
	for (size_t i = 0; i < p->n; i++) {
		val += p->v[i] * (long double)x[i];
		if (p->primal ? x[i] == 0 : x[i] > 0)
			load += p->load[i];
	}
	return p->primal ? val + load : -val + load;
}

/* Scale of objective values, for comparisons. */
static inline long double ar_scale(const struct ar_problem *p)
{
	long double vmax = 0, load = 0;
	for (size_t i = 0; i < p->n; i++) {
		vmax = fmaxl(vmax, fabsl(p->v[i]));
		load += p->load[i];
	}
	return vmax * (long double)p->k + load;
}

/*
 * Row r's slack for counts x; `loose` allows 1e-9 of the row's largest
 * term (the solver's tolerances are far tighter; this only forgives
 * rounding, never a whole inference of any model at K <= 1e9... of a model
 * whose term is within 1e-9 of the largest).
 */
static inline bool ar_row_ok(const struct ar_problem *p, size_t r, const long long *x, bool loose)
{
	long double lhs = 0, big = fabsl(p->rhs[r]);
	for (size_t i = 0; i < p->n; i++) {
		lhs += p->a[r][i] * (long double)x[i];
		big = fmaxl(big, fabsl(p->a[r][i]) * (long double)p->k);
	}
	return lhs <= p->rhs[r] + (loose ? 1e-12L * big : 0);
}

static inline bool ar_support_ok(const struct ar_problem *p, unsigned mask)
{
	size_t used = 0;
	long double mem = 0;
	for (size_t i = 0; i < p->n; i++) {
		if (!(mask >> i & 1))
			continue;
		if (!p->allowed[i])
			return false;
		used++;
		mem += p->mem[i];
	}
	if (p->max_models > 0 && used > p->max_models)
		return false;
	return mem <= p->mem_cap;
}

static inline unsigned ar_mask(const struct ar_problem *p, const long long *x)
{
	unsigned mask = 0;
	for (size_t i = 0; i < p->n; i++)
		if (x[i] < 0)
			return ~0u;
		else if (x[i] > 0)
			mask |= 1u << i;
	return mask;
}

/* Counts meet every row: strictly (the reference) or loosely (the solver's answer). */
static inline bool ar_feasible(const struct ar_problem *p, const long long *x, bool loose)
{
	long long total = 0;
	for (size_t i = 0; i < p->n; i++) {
		if (x[i] < 0)
			return false;
		total += x[i];
	}
	if (total != p->k || !ar_support_ok(p, ar_mask(p, x)))
		return false;
	for (size_t r = 0; r < p->rows; r++)
		if (!ar_row_ok(p, r, x, loose))
			return false;
	return true;
}

/* One search: the target to beat and what was found. */
struct ar_search {
	const struct ar_problem *p;
	long double target;        /* the solver's objective; -INF/+INF: any policy */
	long double eps;
	struct ar_result *res;
	long long x[AR_MAX];
	long enumerated;
};

static inline bool ar_beats(const struct ar_search *s, long double obj)
{
	if (isinf(s->target))
		return true;
	return s->p->primal ? obj > s->target + s->eps : obj < s->target - s->eps;
}

/* A strictly feasible policy was found: record it when it beats the target. */
static inline void ar_offer(struct ar_search *s)
{
	s->res->any_feasible = true;
	long double obj = ar_objective(s->p, s->x);
	if (!ar_beats(s, obj))
		return;
	bool better = !s->res->witness ||
		      (s->p->primal ? obj > s->res->value : obj < s->res->value);
	if (better) {
		s->res->witness = true;
		s->res->value = obj;
		memcpy(s->res->x, s->x, sizeof s->x);
	}
}

/* Rows for x_b alone, with the other counts fixed in s->x (x_b, x_a zero there). */
static inline void ar_b_interval(const struct ar_search *s, size_t a, size_t b, long long rest,
				 long double *lo, long double *hi)
{
	const struct ar_problem *p = s->p;
	*lo = 1;
	*hi = (long double)(rest - 1);
	for (size_t r = 0; r < p->rows; r++) {
		long double fixed = 0;
		for (size_t i = 0; i < p->n; i++)
			fixed += p->a[r][i] * (long double)s->x[i];
		long double alpha = p->a[r][b] - p->a[r][a];
		long double gamma = p->rhs[r] - fixed - (long double)rest * p->a[r][a];
		if (alpha > 0)
			*hi = fminl(*hi, gamma / alpha);
		else if (alpha < 0)
			*lo = fmaxl(*lo, gamma / alpha);
		else if (gamma < 0)
			*hi = -INFINITY;
	}
}

/*
 * The best policy over the last two models a, b with x_b in [1, rest - 1]
 * (x_a = rest - x_b), other counts fixed: the right end of the feasible
 * interval, each end checked strictly (rounding may move it by one).
 */
static inline void ar_pair(struct ar_search *s, size_t a, size_t b, long long rest)
{
	long double lo, hi;
	if (rest < 2)
		return;
	ar_b_interval(s, a, b, rest, &lo, &hi);
	if (!(lo <= hi + 2))
		return;
	long long ilo = (long long)fmaxl(1, ceill(lo) - 1), ihi = (long long)fminl(rest - 1, floorl(hi) + 1);
	/* shrink each end to a strictly feasible count */
	for (int side = 0; side < 2; side++) {
		long long *end = side ? &ihi : &ilo;
		for (int step = 0; step < 4 && ilo <= ihi; step++) {
			s->x[b] = *end;
			s->x[a] = rest - *end;
			if (ar_feasible(s->p, s->x, false))
				break;
			*end += side ? -1 : 1;
		}
	}
	if (ilo > ihi) {
		s->x[a] = s->x[b] = 0;
		return;
	}
	/* both ends (a tie in value keeps either; the other rows are convex) */
	for (int side = 0; side < 2; side++) {
		s->x[b] = side ? ihi : ilo;
		s->x[a] = rest - s->x[b];
		if (ar_feasible(s->p, s->x, false))
			ar_offer(s);
	}
	s->x[a] = s->x[b] = 0;
}

/* h(x_c): the best value over real x_b for this x_c (s->x[c] set), -INF when none. */
static inline long double ar_h(struct ar_search *s, size_t a, size_t b, size_t c, long long xc)
{
	const struct ar_problem *p = s->p;
	long long rest = p->k - xc;
	long double lo, hi;
	s->x[c] = xc;
	ar_b_interval(s, a, b, rest, &lo, &hi);
	s->x[c] = 0;
	if (!(lo <= hi))
		return -INFINITY;
	long double d = p->v[b] - p->v[a];
	long double xb = d >= 0 ? hi : lo;
	return p->v[a] * (long double)(rest - xb) + p->v[b] * xb + p->v[c] * (long double)xc;
}

/*
 * The real x_c for which some real x_b meets every row with x_a = K - x_b
 * - x_c, x_b >= 1, x_a >= 1: each pair of a lower and an upper bound on
 * x_b gives one bound on x_c.  False when none.
 */
static inline bool ar_c_range(const struct ar_problem *p, size_t a, size_t b, size_t c,
			      long double *cl, long double *cu)
{
	long double al[4], be[4], ga[4];
	size_t nr = 0;
	long double k = (long double)p->k;
	for (size_t r = 0; r < p->rows; r++, nr++) {
		al[nr] = p->a[r][b] - p->a[r][a];
		be[nr] = p->a[r][c] - p->a[r][a];
		ga[nr] = p->rhs[r] - k * p->a[r][a];
	}
	al[nr] = -1, be[nr] = 0, ga[nr] = -1, nr++;     /* x_b >= 1 */
	al[nr] = 1, be[nr] = 1, ga[nr] = k - 1, nr++;   /* x_a >= 1 */
	*cl = 1;
	*cu = k - 2;
	for (size_t r = 0; r < nr; r++) {
		if (al[r] == 0) {  /* be x_c <= ga */
			if (be[r] > 0)
				*cu = fminl(*cu, ga[r] / be[r]);
			else if (be[r] < 0)
				*cl = fmaxl(*cl, ga[r] / be[r]);
			else if (ga[r] < 0)
				return false;
			continue;
		}
		if (al[r] > 0)
			continue;
		for (size_t u = 0; u < nr; u++) {
			if (!(al[u] > 0))
				continue;
			/* ga_l/al_l - be_l/al_l x <= ga_u/al_u - be_u/al_u x */
			long double q = be[u] / al[u] - be[r] / al[r];
			long double rr = ga[u] / al[u] - ga[r] / al[r];
			if (q > 0)
				*cu = fminl(*cu, rr / q);
			else if (q < 0)
				*cl = fmaxl(*cl, rr / q);
			else if (rr < 0)
				return false;
		}
	}
	return *cl <= *cu + 2;
}

/*
 * Three models at any K: h is concave on the x_c range, so a ternary
 * search finds its top and the visit spreads out from there while h can
 * still beat the target (the unified, maximised form: primal values, or
 * minus the dual's).
 */
static inline void ar_triple(struct ar_search *s, size_t a, size_t b, size_t c, long double extra)
{
	const struct ar_problem *p = s->p;
	long double cl, cu;
	if (p->k < 3 || !ar_c_range(p, a, b, c, &cl, &cu))
		return;
	long long fl = (long long)fmaxl(1, ceill(cl) - 1);
	long long fh = (long long)fminl((long double)(p->k - 2), floorl(cu) + 1);
	while (fl <= fh && ar_h(s, a, b, c, fl) == -INFINITY)
		fl++;
	while (fl <= fh && ar_h(s, a, b, c, fh) == -INFINITY)
		fh--;
	if (fl > fh)
		return;
	long long l = fl, h = fh;
	while (h - l > 4) {
		long long m1 = l + (h - l) / 3, m2 = h - (h - l) / 3;
		if (ar_h(s, a, b, c, m1) < ar_h(s, a, b, c, m2))
			l = m1 + 1;
		else
			h = m2;
	}
	long long top = l;
	for (long long xc = l; xc <= h; xc++)
		if (ar_h(s, a, b, c, xc) > ar_h(s, a, b, c, top))
			top = xc;
	long double thr = -INFINITY;
	if (!isinf(s->target))
		thr = (p->primal ? s->target : -s->target) - extra - 1e-12L * ar_scale(p);
	for (int dir = -1; dir <= 1; dir += 2) {
		for (long long xc = dir < 0 ? top : top + 1; xc >= fl && xc <= fh; xc += dir) {
			long double hv = ar_h(s, a, b, c, xc);
			if (hv < thr)
				break;
			if (++s->res->scanned > AR_SCAN_LIMIT) {
				s->res->incomplete = true;
				return;
			}
			s->x[c] = xc;
			ar_pair(s, a, b, p->k - xc);
			s->x[c] = 0;
			if (isinf(s->target) && s->res->any_feasible)
				return;  /* only existence was asked */
		}
	}
}

/* Enumerate the counts of free[0..nf-3] (each >= 1), then the last two exactly. */
static inline void ar_enum(struct ar_search *s, const size_t *free_m, size_t nf, long long rest)
{
	if (nf == 1) {
		s->x[free_m[0]] = rest;
		if (rest >= 1 && ar_feasible(s->p, s->x, false))
			ar_offer(s);
		s->x[free_m[0]] = 0;
		return;
	}
	if (nf == 2) {
		ar_pair(s, free_m[0], free_m[1], rest);
		return;
	}
	for (long long c = 1; c <= rest - (long long)(nf - 1); c++) {
		if (++s->enumerated > AR_ENUM_LIMIT) {
			s->res->incomplete = true;
			return;
		}
		s->x[free_m[nf - 1]] = c;
		ar_enum(s, free_m, nf - 1, rest - c);
	}
	s->x[free_m[nf - 1]] = 0;
}

/*
 * Look for a strictly feasible policy better than `target` (the solver's
 * objective; +-INFINITY: any feasible policy) by more than eps.
 */
static inline void ar_search(const struct ar_problem *p, long double target, long double eps,
			     struct ar_result *res)
{
	memset(res, 0, sizeof *res);
	for (unsigned mask = 1; mask < (1u << p->n); mask++) {
		if (!ar_support_ok(p, mask))
			continue;
		size_t free_m[AR_MAX], nf = 0;
		long double load_out = 0, load_in = 0;
		for (size_t i = 0; i < p->n; i++) {
			if (mask >> i & 1)
				free_m[nf++] = i;
			else
				load_out += p->load[i];
			if (mask >> i & 1)
				load_in += p->load[i];
		}
		if ((long long)nf > p->k)
			continue;
		struct ar_search s = {.p = p, .target = target, .eps = eps, .res = res};
		/* the support's constant in the unified (maximised) form */
		long double extra = p->primal ? load_out : -load_in;
		if (nf == 3 && p->k > 64) {
			ar_triple(&s, free_m[0], free_m[1], free_m[2], extra);
		} else {
			long double combos = 1;
			for (size_t t = 0; t + 2 < nf; t++)
				combos *= (long double)p->k;
			if (nf > 3 && combos > AR_ENUM_LIMIT) {
				res->incomplete = true;
				continue;
			}
			ar_enum(&s, free_m, nf, p->k);
		}
	}
}

#endif
