/*
 * scale.c - powers of two that bring a pool's costs and accuracies into the
 * range GLPK's tolerances are made for (see scale.h for why this is exact).
 */
#include "optdeploy/core/scale.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

#define TARGET_EXP 6  /* the largest magnitude lands in [2^6, 2^7) */

/* Exponent e with max|v| * 2^e in [64, 128); 0 when every value is 0. */
static int exponent_for(double max_abs)
{
	if (!(max_abs > 0) || !isfinite(max_abs))
		return 0;
	return TARGET_EXP - ilogb(max_abs);
}

enum status scale_choose(const struct pool *p, struct scale *sc, struct status_msg *m)
{
	/* plain comparisons, not fmax: the same maxima (a NaN latency fails the
	 * comparison as fmax ignores it) without a call per model */
	double cmax = 0, cmin = INFINITY, pmax = 0, tmax = 0;
	size_t imax = 0, imin = 0;
	for (size_t i = 0; i < p->n; i++) {
		double c = p->models[i].cost, a = fabs(p->models[i].accuracy);
		if (c > cmax) {
			cmax = c;
			imax = i;
		}
		if (c > 0 && c < cmin) {
			cmin = c;
			imin = i;
		}
		if (a > pmax)
			pmax = a;
		if (p->models[i].latency > tmax)
			tmax = p->models[i].latency;
	}
	if (cmax > 0 && cmax / cmin > SCALE_COST_SPAN_MAX)
		return status_fail(m, ST_DATA,
				   "%s: column 'cost': model '%s' costs %g and model '%s' %g, a "
				   "ratio above %g that no unit can represent within the solver's "
				   "precision", p->source ? p->source : "pool", p->models[imax].name,
				   cmax, p->models[imin].name, cmin, SCALE_COST_SPAN_MAX);
	sc->cost_exp = exponent_for(cmax);
	sc->value_exp = exponent_for(pmax);
	sc->time_exp = exponent_for(tmax);
	return ST_OK;
}

bool scale_is_identity(const struct scale *sc)
{
	return sc->cost_exp == 0 && sc->value_exp == 0 && sc->time_exp == 0;
}

/*
 * x * 2^e, exactly ldexp's value: the product with a normal power of two is
 * rounded once, as ldexp rounds the exact result; outside the normal range
 * 2^e is not a double, and ldexp does it.
 */
static double times_pow2(double x, double p, int e)
{
	return e >= DBL_MIN_EXP - 1 && e < DBL_MAX_EXP ? x * p : ldexp(x, e);
}

enum status scale_pool(const struct pool *src, const struct scale *sc, struct pool *dst,
		       struct status_msg *m)
{
	*dst = *src;
	dst->models = src->n ? malloc(src->n * sizeof *dst->models) : NULL;
	if (src->n && dst->models == NULL)
		return status_fail(m, ST_INTERNAL, "out of memory copying the pool");
	double pc = ldexp(1.0, sc->cost_exp), pv = ldexp(1.0, sc->value_exp);
	double pt = ldexp(1.0, sc->time_exp);
	for (size_t i = 0; i < dst->n; i++) {
		struct model *md = &dst->models[i];
		*md = src->models[i];
		md->cost = times_pow2(md->cost, pc, sc->cost_exp);
		md->accuracy = times_pow2(md->accuracy, pv, sc->value_exp);
		md->latency = times_pow2(md->latency, pt, sc->time_exp);
	}
	return ST_OK;
}

struct solve_params scale_params(const struct scale *sc, const struct pool *work,
				 const struct solve_params *sp)
{
	struct solve_params w = *sp;
	double cmax = -INFINITY, pmin = INFINITY;
	for (size_t i = 0; i < work->n; i++) {  /* finite values (solver_create checks) */
		if (work->models[i].cost > cmax)
			cmax = work->models[i].cost;
		if (work->models[i].accuracy < pmin)
			pmin = work->models[i].accuracy;
	}
	w.budget = ldexp(sp->budget, sc->cost_exp);
	if (w.budget > cmax)  /* sum c x <= K max c holds for every policy */
		w.budget = cmax;
	w.min_accuracy = ldexp(sp->min_accuracy, sc->value_exp);
	if (w.min_accuracy < pmin)  /* sum p x >= K min p holds for every policy */
		w.min_accuracy = pmin;
	w.deadline = ldexp(sp->deadline, sc->time_exp);
	w.rate = ldexp(sp->rate, -sc->time_exp);  /* tau = duty / rate scales like a latency */
	w.lambda = ldexp(sp->lambda, sp->mode == SOLVE_MAX_ACCURACY ? sc->value_exp
								    : sc->cost_exp);
	return w;
}

double scale_objective_factor(const struct scale *sc, enum solve_mode mode)
{
	return ldexp(1.0, -(mode == SOLVE_MAX_ACCURACY ? sc->value_exp : sc->cost_exp));
}
