/*
 * sweep.c - one exact solve per budget level: the matrix behind the paper's
 * figures 4 and 5.  Levels are solved in increasing budget order, one per
 * sweep_step call, so the solver's basis carries from one level to the next
 * and the interactive planner can interleave levels with input.
 */
#include "optdeploy/core/sweep.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SWEEP_MAX_STEPS 100000

double sweep_min_positive_cost(const struct pool *pool)
{
	double min = 0;
	for (size_t i = 0; i < pool->n; i++)
		if (pool->models[i].cost > 0 && (min == 0 || pool->models[i].cost < min))
			min = pool->models[i].cost;
	return min;
}

/* A 1-2-5 step near span / 100 (the planner's slider step). */
static double slider_step(double span)
{
	double raw, base, m;

	if (!(span > 0) || !isfinite(span))
		return 1;
	raw = span / 100;
	base = pow(10, floor(log10(raw)));
	m = raw / base;
	return m < 1.5 ? base : m < 3.5 ? 2 * base : m < 7.5 ? 5 * base : 10 * base;
}

/* v rounded to a multiple of step, written with the step's decimals (0.1 x 3 is 0.3). */
static double on_step(double v, double step)
{
	char buf[64];
	int d = (int)ceil(-log10(step) - 1e-9);

	d = d < 0 ? 0 : d > 12 ? 12 : d;
	snprintf(buf, sizeof buf, "%.*f", d, round(v / step) * step);
	return strtod(buf, NULL);
}

double sweep_default_budget(const struct pool *pool, enum sweep_spacing s)
{
	double lo = sweep_min_positive_cost(pool), hi = pool_max_cost(pool), mid, mag;

	if (s == SWEEP_LOG && lo > 0 && hi > lo) {
		mid = sqrt(lo * hi);
		mag = pow(10, floor(log10(mid)) - 1);
		return round(mid / mag) * mag;
	}
	lo = pool->models[pool_cheapest(pool)].cost;
	if (!(hi > lo))
		return lo;
	return on_step((lo + hi) / 2, slider_step(hi - lo));
}

enum sweep_spacing sweep_default_spacing(const struct pool *pool)
{
	double lo = pool != NULL && pool->n > 0 ? sweep_min_positive_cost(pool) : 0;
	return lo > 0 && pool_max_cost(pool) / lo > SWEEP_LOG_SPAN ? SWEEP_LOG : SWEEP_LINEAR;
}

const char *sweep_spacing_name(enum sweep_spacing s)
{
	return s == SWEEP_LOG ? "log" : "linear";
}

double sweep_level_budget(double from, double to, size_t steps, size_t j, enum sweep_spacing s)
{
	/* computed from the ends, not accumulated, so the last level is exactly `to` */
	double t = steps <= 1 ? 0.0 : (double)j / (double)(steps - 1);
	if (steps <= 1 || j == 0)
		return from;
	if (j == steps - 1)
		return to;
	if (s == SWEEP_LINEAR)
		return from + (to - from) * t;
	/* 15 significant digits: decade levels read 5, not 4.999999999999999 */
	char buf[32];
	/* 1e-10 .. 1e300: the ratio overflows, so interpolate the decimal exponents
	 * (exact for decades: (-10 (n-1-j) + 300 j) / (n-1)) */
	double ratio = to / from;
	double e = (log10(from) * (double)(steps - 1 - j) + log10(to) * (double)j) /
		   (double)(steps - 1);
	snprintf(buf, sizeof buf, "%.15g", isfinite(ratio) ? from * pow(ratio, t) : pow(10, e));
	return strtod(buf, NULL);
}

/* Log levels start at the cheapest positive cost when the range starts at 0. */
static enum status log_start(const struct pool *pool, double *from, double to,
			     struct status_msg *m)
{
	double lo = sweep_min_positive_cost(pool);
	if (*from > 0)
		return ST_OK;
	if (lo == 0)
		return status_fail(m, ST_USAGE, "log spacing needs a positive budget, and every "
				   "model costs 0 (use --linear)");
	if (!(lo < to))
		return status_fail(m, ST_USAGE, "log spacing starts at the cheapest positive cost "
				   "%.10g, which is not below %.10g (use --linear)", lo, to);
	*from = lo;
	return ST_OK;
}

/* Bytes one held level takes: its policy and one count per model. */
static size_t level_bytes(size_t n_models)
{
	return sizeof(struct sweep_level) + n_models * sizeof(long long);
}

size_t sweep_max_held_steps(size_t n_models)
{
	return (size_t)(SWEEP_MAX_HELD_BYTES / level_bytes(n_models));
}

/* Refused before anything is allocated: the "out of memory" class (70), and what to change. */
static enum status too_big(size_t n_models, size_t steps, struct status_msg *m)
{
	double gib = (double)steps * (double)level_bytes(n_models) / 1073741824.0;
	return status_fail(m, ST_INTERNAL, "out of memory: %zu budget levels x %zu models would "
			   "hold %.3g GiB, more than the %g GiB a sweep may hold in memory; use at "
			   "most %zu levels (--steps) for this pool, or fewer models (--only, "
			   "--exclude)", steps, n_models, gib, SWEEP_MAX_HELD_BYTES / 1073741824.0,
			   sweep_max_held_steps(n_models));
}

enum status sweep_init(struct sweep *sw, const struct pool *pool, const struct solve_params *base,
		       double from, double to, size_t steps, struct status_msg *m)
{
	return sweep_init_spaced(sw, pool, base, from, to, steps, SWEEP_LINEAR, m);
}

/* Check the range and the parameters, and hold `held` level slots (steps, or 1 streamed). */
static enum status sweep_prepare(struct sweep *sw, const struct pool *pool,
				 const struct solve_params *base, double from, double to,
				 size_t steps, enum sweep_spacing spacing, bool streamed,
				 struct status_msg *m)
{
	memset(sw, 0, sizeof *sw);
	if (pool == NULL || pool->n == 0)
		return status_fail(m, ST_DATA, "the pool has no models");
	if (isnan(from) && isnan(to)) {
		from = pool->models[pool_cheapest(pool)].cost;
		to = pool_max_cost(pool);
	}
	if (spacing == SWEEP_LOG && isfinite(to) && steps > 1) {
		enum status lst = log_start(pool, &from, to, m);
		if (lst != ST_OK)
			return lst;
	}
	if (!isfinite(from) || !isfinite(to))
		return status_fail(m, ST_USAGE, "the sweep range must be finite numbers");
	if (steps < 1 || steps > SWEEP_MAX_STEPS)
		return status_fail(m, ST_USAGE, "the number of sweep levels must be 1..%d",
				   SWEEP_MAX_STEPS);
	if (steps > 1 && !(from < to)) {
		if (from == to) /* a pool whose models all cost the same */
			steps = 1;
		else
			return status_fail(m, ST_USAGE, "the sweep range %g..%g is empty", from, to);
	}
	if (!streamed && steps > sweep_max_held_steps(pool->n))
		return too_big(pool->n, steps, m);
	struct solve_params sp = *base;
	sp.mode = SOLVE_MAX_ACCURACY;
	enum status st = solve_params_check(&(struct solve_params){
		.mode = SOLVE_MAX_ACCURACY, .method = sp.method, .budget = from, .k = sp.k,
		.lambda = sp.lambda, .time_limit = sp.time_limit, .max_models = sp.max_models,
		.memory_limit = sp.memory_limit, .deadline = sp.deadline, .rate = sp.rate,
		.duty_cycle = sp.duty_cycle}, m);
	if (st != ST_OK)
		return st;

	size_t held = streamed ? 1 : steps;
	sw->levels = calloc(held, sizeof *sw->levels);
	if (sw->levels == NULL)
		return status_fail(m, ST_INTERNAL, "out of memory");
	sw->pool = pool;
	sw->params = sp;
	sw->from = from;
	sw->to = to;
	sw->n_levels = steps;
	sw->spacing = spacing;
	sw->streamed = streamed;
	for (size_t j = 0; j < held; j++) {
		st = policy_init(&sw->levels[j].policy, pool->n, m);
		if (st != ST_OK) {
			sweep_free(sw);
			return st;
		}
		sw->levels[j].budget = sweep_level_budget(from, to, steps, j, spacing);
	}
	return ST_OK;
}

enum status sweep_init_spaced(struct sweep *sw, const struct pool *pool,
			      const struct solve_params *base, double from, double to,
			      size_t steps, enum sweep_spacing spacing, struct status_msg *m)
{
	return sweep_prepare(sw, pool, base, from, to, steps, spacing, false, m);
}

enum status sweep_init_streamed(struct sweep *sw, const struct pool *pool,
				const struct solve_params *base, double from, double to,
				size_t steps, enum sweep_spacing spacing, struct status_msg *m)
{
	return sweep_prepare(sw, pool, base, from, to, steps, spacing, true, m);
}

const struct sweep_level *sweep_level_at(const struct sweep *sw, size_t j)
{
	if (j >= sw->done)
		return NULL;
	if (!sw->streamed)
		return &sw->levels[j];
	return j + 1 == sw->done ? &sw->levels[0] : NULL;
}

const struct sweep_level *sweep_last(const struct sweep *sw)
{
	return sw->done > 0 ? sweep_level_at(sw, sw->done - 1) : NULL;
}

enum status sweep_step(struct sweep *sw, struct solver *s, struct status_msg *m)
{
	if (sweep_finished(sw))
		return ST_OK;
	struct sweep_level *lv = &sw->levels[sw->streamed ? 0 : sw->done];
	if (sw->streamed)
		lv->budget = sweep_level_budget(sw->from, sw->to, sw->n_levels, sw->done,
						sw->spacing);
	struct solve_params sp = sw->params;
	sp.budget = lv->budget;
	enum status st = solver_run(s, &sp, &lv->policy, m);
	if (st == ST_OK) {
		sw->done++;
		sw->time_limited += lv->policy.outcome == SOLVE_TIME_LIMIT;
	}
	return st;
}

enum status sweep_run(struct sweep *sw, struct solver *s, struct status_msg *m)
{
	while (!sweep_finished(sw)) {
		enum status st = sweep_step(sw, s, m);
		if (st != ST_OK)
			return st;
	}
	return ST_OK;
}

bool sweep_finished(const struct sweep *sw)
{
	return sw->done >= sw->n_levels;
}

double sweep_share(const struct sweep *sw, size_t level, size_t model)
{
	const struct sweep_level *lv = sweep_level_at(sw, level);
	if (lv == NULL || model >= sw->pool->n)
		return 0.0;
	const struct policy *p = &lv->policy;
	if (!policy_has_counts(p))
		return 0.0;
	return (double)p->count[model] / (double)p->params.k;
}

void sweep_free(struct sweep *sw)
{
	if (sw == NULL)
		return;
	size_t held = sw->streamed ? 1 : sw->n_levels;
	for (size_t j = 0; sw->levels != NULL && j < held; j++)
		policy_free(&sw->levels[j].policy);
	free(sw->levels);
	memset(sw, 0, sizeof *sw);
}
