/*
 * compare.c - each single model against the optimal policy (the paper's
 * Tables 1-2): at the model's own cost, how much accuracy the mix gains; at
 * the model's own accuracy, how much cost the mix saves.
 */
#include "optdeploy/core/compare.h"

#include <math.h>

/* The two solves of one row, into a policy the caller owns. */
static enum status fill_row(const struct pool *pool, struct solver *s,
			    const struct solve_params *base, size_t i, struct compare_row *r,
			    struct policy *pol, struct status_msg *m)
{
	const struct model *md = &pool->models[i];
	struct solve_params sp = *base;
	enum status st;

	r->model = i;
	sp.mode = SOLVE_MAX_ACCURACY;
	sp.budget = md->cost;
	st = solver_run(s, &sp, pol, m);
	if (st != ST_OK)
		return st;
	r->same_budget_outcome = pol->outcome;
	r->same_budget_accuracy = policy_has_counts(pol) ? pol->expected_accuracy : NAN;
	r->accuracy_gain = r->same_budget_accuracy - md->accuracy;

	sp.mode = SOLVE_MIN_COST;
	sp.min_accuracy = md->accuracy;
	st = solver_run(s, &sp, pol, m);
	if (st != ST_OK)
		return st;
	r->same_accuracy_outcome = pol->outcome;
	r->same_accuracy_cost = policy_has_counts(pol) ? pol->expected_cost : NAN;
	r->cost_saving = md->cost - r->same_accuracy_cost;
	return ST_OK;
}

enum status compare_one(const struct pool *pool, struct solver *s,
			const struct solve_params *base, size_t i, struct compare_row *row,
			struct status_msg *m)
{
	struct policy pol;
	enum status st;

	if (i >= pool->n)
		return status_fail(m, ST_INTERNAL, "compare: model %zu of %zu", i, pool->n);
	st = policy_init(&pol, pool->n, m);
	if (st != ST_OK)
		return st;
	st = fill_row(pool, s, base, i, row, &pol, m);
	policy_free(&pol);
	return st;
}

enum status compare_run(const struct pool *pool, struct solver *s,
			const struct solve_params *base, struct compare_row *rows,
			struct status_msg *m)
{
	struct policy pol;
	enum status st = policy_init(&pol, pool->n, m);
	if (st != ST_OK)
		return st;
	for (size_t i = 0; i < pool->n && st == ST_OK; i++)
		st = fill_row(pool, s, base, i, &rows[i], &pol, m);
	policy_free(&pol);
	return st;
}
