/* limits.c - the device limits' tests, shared by every part of the solver. */
#include "optdeploy/core/limits.h"

#include <math.h>

#define MEMORY_REL_TOL 1e-9

bool limits_memory_active(const struct solve_params *sp)
{
	return isfinite(sp->memory_limit) && sp->memory_limit >= 0;
}

bool limits_active(const struct solve_params *sp)
{
	return sp->max_models > 0 || limits_memory_active(sp);
}

double limits_memory_cap(const struct solve_params *sp)
{
	return limits_memory_active(sp) ? sp->memory_limit * (1 + MEMORY_REL_TOL) : INFINITY;
}

bool limits_model_fits(const struct solve_params *sp, const struct model *md)
{
	return md->memory <= limits_memory_cap(sp);
}

bool limits_allow(const struct solve_params *sp, size_t used, long double memory)
{
	if (sp->max_models > 0 && used > sp->max_models)
		return false;
	return memory <= (long double)limits_memory_cap(sp);
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
		}
	}
	return limits_allow(sp, used, memory);
}
