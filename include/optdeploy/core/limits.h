/*
 * limits.h - device limits on the set of models a policy uses: at most
 * max_models of them, and the sum of their memory at most memory_limit (see
 * struct solve_params).  Both are linear in the "model is used" decisions
 * and every part of the exact solver adds them as rows or checks them here.
 */
#ifndef OPTDEPLOY_LIMITS_H
#define OPTDEPLOY_LIMITS_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"

/* A model-count or a memory limit is set. */
bool limits_active(const struct solve_params *sp);

/* A memory limit is set (finite and >= 0). */
bool limits_memory_active(const struct solve_params *sp);

/*
 * The memory limit with its rounding allowance (1e-9 relative, so decimal
 * footprints that add up to the limit exactly in decimal still fit);
 * INFINITY when no memory limit is set.
 */
double limits_memory_cap(const struct solve_params *sp);

/* The model fits in memory on its own (always true without a memory limit). */
bool limits_model_fits(const struct solve_params *sp, const struct model *md);

/* A set of `used` models with `memory` in total meets both limits. */
bool limits_allow(const struct solve_params *sp, size_t used, long double memory);

/* Pool-indexed counts (n entries) meet both limits. */
bool limits_counts_ok(const struct solve_params *sp, const struct pool *pool,
		      const long long *count);

#endif
