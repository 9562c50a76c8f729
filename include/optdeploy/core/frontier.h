/*
 * frontier.h - the cost/accuracy frontier of a pool: Pareto-optimal single
 * models and the upper concave hull (the LP relaxation's value at lambda = 0).
 */
#ifndef OPTDEPLOY_FRONTIER_H
#define OPTDEPLOY_FRONTIER_H

#include <stddef.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"

/*
 * Indices of the Pareto-optimal models (no other model is at most as costly
 * and strictly more accurate, or cheaper and at least as accurate), sorted by
 * increasing cost.  idx must hold pool->n entries; returns how many were written.
 */
size_t frontier_pareto(const struct pool *pool, size_t *idx);

/*
 * Indices of the vertices of the upper concave hull of the points
 * (cost, accuracy), keeping only its non-decreasing part (from the cheapest
 * model to the most accurate one), sorted by increasing cost.  idx must hold
 * pool->n entries; returns how many were written.
 */
size_t frontier_hull(const struct pool *pool, size_t *idx);

/*
 * The same over the models sp lets run at all (limits_model_fits: within
 * the deadline, within the memory limit on their own): the models `solve`
 * can use, so a hull drawn from these promises no mix the device cannot
 * run.  The time row is not in it: frontier_lp.h adds it (the frontier
 * that frontier, plot and the planner show).  Indices are the pool's; idx
 * must hold pool->n entries.
 */
size_t frontier_pareto_fitting(const struct pool *pool, const struct solve_params *sp,
			       size_t *idx);
size_t frontier_hull_fitting(const struct pool *pool, const struct solve_params *sp,
			     size_t *idx);

/*
 * The hull's accuracy at a given average cost: the best expected accuracy of
 * any fractional mix of models costing at most `budget` per inference.
 * Returns NaN when budget is below the cheapest model's cost.
 */
double frontier_hull_value(const struct pool *pool, const size_t *hull, size_t n_hull,
			   double budget);

/*
 * The inverse: the least average cost of a fractional mix reaching expected
 * accuracy `accuracy`.  NaN when above the best model's accuracy.
 */
double frontier_hull_cost(const struct pool *pool, const size_t *hull, size_t n_hull,
			  double accuracy);

#endif
