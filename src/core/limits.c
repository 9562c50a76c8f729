/* limits.c - the device limits' tests, shared by every part of the solver. */
#include "optdeploy/core/limits.h"

#include <math.h>

#define MEMORY_REL_TOL 1e-9
#define DEADLINE_REL_TOL 1e-9  /* "100ms" and a 100 ms latency differ by rounding only */

bool limits_memory_active(const struct solve_params *sp)
{
	return isfinite(sp->memory_limit) && sp->memory_limit >= 0;
}

bool limits_active(const struct solve_params *sp)
{
	return sp->max_models > 0 || limits_memory_active(sp);
}

bool limits_deadline_active(const struct solve_params *sp)
{
	return isfinite(sp->deadline) && sp->deadline > 0;
}

bool limits_time_active(const struct solve_params *sp)
{
	return isfinite(sp->rate) && sp->rate > 0;
}

bool limits_need_latency(const struct solve_params *sp)
{
	return limits_deadline_active(sp) || limits_time_active(sp);
}

double limits_duty(const struct solve_params *sp)
{
	return sp->duty_cycle > 0 && sp->duty_cycle <= 1 ? sp->duty_cycle : 1.0;
}

double limits_time_per_inference(const struct solve_params *sp)
{
	return limits_time_active(sp) ? limits_duty(sp) / sp->rate : INFINITY;
}

double limits_memory_cap(const struct solve_params *sp)
{
	return limits_memory_active(sp) ? sp->memory_limit * (1 + MEMORY_REL_TOL) : INFINITY;
}

bool limits_model_fits(const struct solve_params *sp, const struct model *md)
{
	if (limits_deadline_active(sp) && md->latency > sp->deadline * (1 + DEADLINE_REL_TOL))
		return false;
	return md->memory <= limits_memory_cap(sp);
}

bool limits_allow(const struct solve_params *sp, size_t used, long double memory)
{
	if (sp->max_models > 0 && used > sp->max_models)
		return false;
	return memory <= (long double)limits_memory_cap(sp);
}

long double limits_time_slack(const struct solve_params *sp, const struct pool *pool,
			      const long long *count)
{
	long double tau = limits_time_per_inference(sp), slack = 0;
	for (size_t i = 0; i < pool->n; i++)
		if (count[i] != 0)
			slack += ((long double)tau - pool->models[i].latency) * (long double)count[i];
	return slack;
}

/*
 * As the resource row's (solve.c): 2e-14 of the row's largest term plus a
 * little, far below one inference's worth at K = 1e9.  Latencies and the
 * time per inference are decimal numbers of seconds, inexact in binary: a
 * policy that fills the time to the microsecond must not be refused for
 * 1e-17 s of rounding per inference.
 */
long double limits_time_tolerance(const struct solve_params *sp, const struct pool *pool)
{
	double scale = limits_time_scale(sp, pool);
	return 2e-14L * (long double)sp->k * scale + 1e-9L * scale;
}

double limits_time_scale(const struct solve_params *sp, const struct pool *pool)
{
	double scale = fabs(limits_time_per_inference(sp));
	for (size_t i = 0; i < pool->n; i++)
		scale = fmax(scale, pool->models[i].latency);
	return scale;
}

double limits_time_coef(const struct solve_params *sp, double scale, double latency)
{
	double d = latency - limits_time_per_inference(sp);
	return fabs(d) <= LIMITS_TIME_SNAP * scale ? 0.0 : d;
}

double limits_time_row_bound(const struct solve_params *sp, const struct pool *pool)
{
	double scale = limits_time_scale(sp, pool);
	return (double)(limits_time_tolerance(sp, pool) -
			(long double)LIMITS_TIME_SNAP * (long double)sp->k * scale);
}

bool limits_counts_ok(const struct solve_params *sp, const struct pool *pool,
		      const long long *count)
{
	size_t used = 0;
	long double memory = 0;
	for (size_t i = 0; i < pool->n; i++) {
		if (count[i] > 0) {
			used++;
			memory += pool->models[i].memory;
			if (!limits_model_fits(sp, &pool->models[i]))
				return false;
		}
	}
	if (limits_time_active(sp) &&
	    limits_time_slack(sp, pool, count) < -limits_time_tolerance(sp, pool))
		return false;
	return limits_allow(sp, used, memory);
}

double limits_resource_scale(const struct solve_params *sp, const struct pool *pool)
{
	/* fmax's result without a call per model: scale >= 1 is never NaN, and
	 * a NaN v fails the comparison as fmax ignores it */
	double scale = 1.0;
	bool primal = sp->mode == SOLVE_MAX_ACCURACY;
	for (size_t i = 0; i < pool->n; i++) {
		double v = fabs(primal ? pool->models[i].cost : pool->models[i].accuracy);
		if (v > scale)
			scale = v;
	}
	return scale;
}

double limits_resource_coef(const struct solve_params *sp, double scale, const struct model *md)
{
	double d = sp->mode == SOLVE_MAX_ACCURACY ? md->cost - sp->budget
						  : md->accuracy - sp->min_accuracy;
	return fabs(d) <= LIMITS_RESOURCE_SNAP * scale ? 0.0 : d;
}

double limits_resource_row_bound(const struct solve_params *sp, double scale, double tol)
{
	return (double)((long double)tol -
			(long double)LIMITS_RESOURCE_SNAP * (long double)sp->k * scale);
}
