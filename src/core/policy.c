/*
 * policy.c - a solver's answer: per-model counts and the figures derived
 * from them.  Every figure is recomputed here from the integer counts, so
 * what the program prints never depends on GLPK's floating-point objective.
 */
#include "optdeploy/core/solve.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum status policy_init(struct policy *p, size_t n, struct status_msg *m)
{
	memset(p, 0, sizeof *p);
	p->count = calloc(n ? n : 1, sizeof *p->count);
	if (p->count == NULL)
		return status_fail(m, ST_INTERNAL, "out of memory");
	p->n = n;
	p->outcome = SOLVE_FAILED;
	p->nearest = NAN;
	return ST_OK;
}

void policy_free(struct policy *p)
{
	if (p == NULL)
		return;
	free(p->count);
	memset(p, 0, sizeof *p);
}

const char *solve_outcome_name(enum solve_outcome o)
{
	switch (o) {
	case SOLVE_OPTIMAL: return "optimal";
	case SOLVE_ROUNDED: return "lp_rounded";
	case SOLVE_INFEASIBLE: return "infeasible";
	case SOLVE_TIME_LIMIT: return "time_limit";
	case SOLVE_FAILED: return "failed";
	}
	return "failed";
}

bool policy_has_counts(const struct policy *p)
{
	return p->outcome == SOLVE_OPTIMAL || p->outcome == SOLVE_ROUNDED;
}

void policy_evaluate(struct policy *p, const struct pool *pool)
{
	long double acc = 0, cost = 0, load_unused = 0, load_used = 0, busy = 0;
	size_t used = 0;

	for (size_t i = 0; i < p->n && i < pool->n; i++) {
		const struct model *md = &pool->models[i];
		long double x = (long double)p->count[i];
		acc += x * md->accuracy;
		cost += x * md->cost;
		busy += x * md->latency;
		if (p->count[i] > 0) {
			used++;
			load_used += md->load_cost;
		} else {
			load_unused += md->load_cost;
		}
	}
	double k = (double)p->params.k;
	p->expected_accuracy = (double)(acc / k);
	p->expected_cost = (double)(cost / k);
	p->total_cost = (double)cost;
	p->models_used = used;
	p->busy_time = (double)busy;
	if (p->params.mode == SOLVE_MAX_ACCURACY) {
		p->loading_term = (double)(p->params.lambda * load_unused);
		p->objective = (double)(acc + p->params.lambda * load_unused);
	} else {
		p->loading_term = (double)(p->params.lambda * load_used);
		p->objective = (double)(cost + p->params.lambda * load_used);
	}
}

double policy_memory_used(const struct policy *p, const struct pool *pool)
{
	double used = 0;

	if (!policy_has_counts(p) || !pool->has_memory)
		return 0;
	for (size_t i = 0; i < p->n && i < pool->n; i++)
		if (p->count[i] > 0)
			used += pool->models[i].memory;
	return used;
}
