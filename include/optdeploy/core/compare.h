/*
 * compare.h - the paper's Tables 1-2: each single model against the optimal
 * policy at the same budget (accuracy gained) and at the same accuracy
 * (cost saved).
 */
#ifndef OPTDEPLOY_COMPARE_H
#define OPTDEPLOY_COMPARE_H

#include <stddef.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/core/status.h"

struct compare_row {
	size_t model;               /* index into the pool */
	/* the optimal policy with budget = this model's cost */
	enum solve_outcome same_budget_outcome;
	double same_budget_accuracy;
	double accuracy_gain;       /* same_budget_accuracy - model accuracy */
	/* the cheapest policy with expected accuracy >= this model's accuracy */
	enum solve_outcome same_accuracy_outcome;
	double same_accuracy_cost;
	double cost_saving;         /* model cost - same_accuracy_cost */
};

/*
 * Fill rows[0 .. pool->n-1] (pool order) using `base` for K, lambda and
 * method.  ST_OK unless a solve failed outright.
 */
enum status compare_run(const struct pool *pool, struct solver *s,
			const struct solve_params *base, struct compare_row *rows,
			struct status_msg *m);

/*
 * Fill one row: model i against the two policies (two solves).  compare_run
 * is this for every model in order; a front end calls it directly to show
 * progress between rows.  ST_OK unless a solve failed outright.
 */
enum status compare_one(const struct pool *pool, struct solver *s,
			const struct solve_params *base, size_t i, struct compare_row *row,
			struct status_msg *m);

#endif
