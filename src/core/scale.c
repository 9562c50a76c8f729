/*
 * scale.c - powers of two that bring a pool's costs and accuracies into the
 * range GLPK's tolerances are made for (see scale.h for why this is exact).
 */
#include "optdeploy/core/scale.h"

#include <math.h>

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
	double cmax = 0, cmin = INFINITY, pmax = 0, tmax = 0;
	size_t imax = 0, imin = 0;
	for (size_t i = 0; i < p->n; i++) {
		double c = p->models[i].cost;
		if (c > cmax) {
			cmax = c;
			imax = i;
		}
		if (c > 0 && c < cmin) {
			cmin = c;
			imin = i;
		}
		pmax = fmax(pmax, fabs(p->models[i].accuracy));
		tmax = fmax(tmax, p->models[i].latency);
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

enum status scale_pool(const struct pool *src, const struct scale *sc, struct pool *dst,
		       struct status_msg *m)
{
	enum status st = pool_copy(dst, src, m);
	if (st != ST_OK)
		return st;
	for (size_t i = 0; i < dst->n; i++) {
		dst->models[i].cost = ldexp(dst->models[i].cost, sc->cost_exp);
		dst->models[i].accuracy = ldexp(dst->models[i].accuracy, sc->value_exp);
		dst->models[i].latency = ldexp(dst->models[i].latency, sc->time_exp);
	}
	return ST_OK;
}

struct solve_params scale_params(const struct scale *sc, const struct pool *work,
				 const struct solve_params *sp)
{
	struct solve_params w = *sp;
	double cmax = -INFINITY, pmin = INFINITY;
	for (size_t i = 0; i < work->n; i++) {
		cmax = fmax(cmax, work->models[i].cost);
		pmin = fmin(pmin, work->models[i].accuracy);
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
