/*
 * solve_checks.c - what the solver settles before GLPK sees a problem: the
 * parameters' defaults and checks, the infeasible inputs (with the nearest
 * feasible budget or floor), and the paper's Theorem 3.2 bound.
 */
#include "optdeploy/core/solve_checks.h"

#include <math.h>
#include <stdio.h>

#include "optdeploy/core/limits.h"

struct solve_params solve_params_default(void)
{
	struct solve_params sp = {
		.mode = SOLVE_MAX_ACCURACY,
		.method = SOLVE_EXACT,
		.budget = NAN,
		.min_accuracy = NAN,
		.k = 1000,
		.lambda = 100.0,
		.time_limit = SOLVE_DEFAULT_TIME_LIMIT,
		.max_models = 0,
		.memory_limit = INFINITY,
	};
	return sp;
}

enum status solve_params_check(const struct solve_params *sp, struct status_msg *m)
{
	if (sp->k < 1 || sp->k > SOLVE_K_MAX)
		return status_fail(m, ST_USAGE, "K = %lld is out of range 1..%lld", sp->k,
				   SOLVE_K_MAX);
	if (!isfinite(sp->lambda) || sp->lambda < 0)
		return status_fail(m, ST_USAGE, "lambda = %g must be a finite number >= 0",
				   sp->lambda);
	if (sp->mode == SOLVE_MAX_ACCURACY && !isfinite(sp->budget))
		return status_fail(m, ST_USAGE, "the budget must be a finite number");
	if (sp->mode == SOLVE_MIN_COST && !isfinite(sp->min_accuracy))
		return status_fail(m, ST_USAGE, "the accuracy floor must be a finite number");
	if (isnan(sp->time_limit) || sp->time_limit > 1e6)
		return status_fail(m, ST_USAGE, "time limit %g s is out of range", sp->time_limit);
	if (isnan(sp->memory_limit))
		return status_fail(m, ST_USAGE, "the memory limit must be a number");
	if (isnan(sp->deadline) || sp->deadline < 0)
		return status_fail(m, ST_USAGE, "the deadline must be a number above 0");
	if (isnan(sp->rate) || sp->rate < 0)
		return status_fail(m, ST_USAGE, "the rate must be a number above 0");
	if (isnan(sp->duty_cycle) || sp->duty_cycle < 0 || sp->duty_cycle > 1)
		return status_fail(m, ST_USAGE, "the duty cycle %g is out of range (0, 1]",
				   sp->duty_cycle);
	if (sp->method == SOLVE_RELAXED && limits_need_latency(sp))
		return status_fail(m, ST_USAGE, "the LP relaxation cannot honour a deadline or a "
				   "rate's time row: its rounding may use models they forbid; solve "
				   "exactly instead");
	if (sp->method == SOLVE_RELAXED && limits_active(sp))
		return status_fail(m, ST_USAGE, "the LP relaxation cannot honour device limits (a "
				   "model count or memory limit): its rounding may use models they "
				   "forbid; solve exactly instead");
	return ST_OK;
}

/*
 * Theorem 3.2: (p_best + p_second - 2 p_cheapest) / K.  Flooring loses at
 * most one inference of each of the LP's two models to the cheapest one; a
 * model less accurate than the cheapest is never in the LP's mix, so each
 * term is clamped at 0 (the paper's pools have the cheapest model least
 * accurate, where the clamp changes nothing).
 */
double solve_theorem_bound(const struct pool *pool, long long k)
{
	double best = -INFINITY, second = -INFINITY;
	for (size_t i = 0; i < pool->n; i++) {
		double p = pool->models[i].accuracy;
		if (p > best) {
			second = best;
			best = p;
		} else if (p > second) {
			second = p;
		}
	}
	if (pool->n < 2)
		second = best;
	double cheap = pool->models[pool_cheapest(pool)].accuracy;
	return (fmax(best - cheap, 0.0) + fmax(second - cheap, 0.0)) / (double)k;
}

/*
 * The cheapest (primal) or most accurate (dual) model that fits the memory
 * limit on its own (and meets the deadline); pool->n when none does.  Any
 * policy can be served by one model, so this decides feasibility under the
 * device limits too; with the time row it is only a necessary condition
 * (the cheapest model may be too slow), and the LP decides.
 */
static size_t best_single(const struct pool *pool, const struct solve_params *sp)
{
	size_t pick = pool->n;
	for (size_t i = 0; i < pool->n; i++) {
		const struct model *md = &pool->models[i];
		if (!limits_model_fits(sp, md))
			continue;
		if (pick == pool->n ||
		    (sp->mode == SOLVE_MAX_ACCURACY ? md->cost < pool->models[pick].cost
						    : md->accuracy > pool->models[pick].accuracy))
			pick = i;
	}
	return pick;
}

void solve_time_infeasible_text(char *buf, size_t size, const struct solve_params *sp,
				bool whole)
{
	char row[96];
	snprintf(row, sizeof row, "busy at most %.4g%% of the %.6g s the K = %lld inferences "
		 "arrive in", 100 * limits_duty(sp), (double)sp->k / sp->rate, sp->k);
	if (sp->mode == SOLVE_MAX_ACCURACY)
		snprintf(buf, size, "infeasible: no policy %swithin budget %g keeps the device %s",
			 whole ? "of whole inferences " : "", sp->budget, row);
	else
		snprintf(buf, size, "infeasible: no policy %swith accuracy >= %g keeps the device %s",
			 whole ? "of whole inferences " : "", sp->min_accuracy, row);
}

/*
 * No model meets the deadline (and the memory limit); or even the fastest
 * of those that do is busier per inference than the time row allows: every
 * policy's busy time is at least K times that model's latency.
 */
static bool time_infeasible_early(const struct pool *pool, const struct solve_params *sp,
				  struct policy *out)
{
	size_t fastest = pool->n;
	for (size_t j = 0; j < pool->n; j++)
		if (limits_model_fits(sp, &pool->models[j]) &&
		    (fastest == pool->n || pool->models[j].latency < pool->models[fastest].latency))
			fastest = j;
	double tau = limits_time_per_inference(sp);
	if (fastest == pool->n && limits_deadline_active(sp)) {
		double least = INFINITY;
		for (size_t j = 0; j < pool->n; j++)
			least = fmin(least, pool->models[j].latency);
		snprintf(out->message, sizeof out->message, "infeasible: no model %smeets the "
			 "deadline %.6g ms (the fastest takes %.6g ms)", limits_memory_active(sp)
			 ? "that fits the memory limit " : "", sp->deadline * 1e3, least * 1e3);
	} else if (fastest < pool->n && pool->models[fastest].latency > tau * (1 + 1e-12)) {
		snprintf(out->message, sizeof out->message, "infeasible: the device cannot keep "
			 "up: the fastest %smodel ('%s') takes %.6g ms per inference, and %.6g/s at a "
			 "duty cycle of %.4g%% leaves %.6g ms", limits_active(sp) ||
			 limits_deadline_active(sp) ? "usable " : "", pool->models[fastest].name,
			 pool->models[fastest].latency * 1e3, sp->rate, 100 * limits_duty(sp),
			 tau * 1e3);
	} else {
		return false;
	}
	out->outcome = SOLVE_INFEASIBLE;
	return true;
}

bool solve_infeasible_early(const struct pool *pool, const struct solve_params *sp,
			    struct policy *out)
{
	if (limits_need_latency(sp) && time_infeasible_early(pool, sp, out))
		return true;
	size_t i = best_single(pool, sp);
	bool mem = limits_memory_active(sp);
	if (i == pool->n) {
		double least = INFINITY;
		for (size_t j = 0; j < pool->n; j++)
			least = fmin(least, pool->models[j].memory);
		snprintf(out->message, sizeof out->message,
			 "infeasible: no model fits the memory limit %g (the smallest needs %g)",
			 sp->memory_limit, least);
	} else if (sp->mode == SOLVE_MAX_ACCURACY) {
		double cheapest = pool->models[i].cost;
		if (sp->budget >= cheapest)
			return false;
		out->nearest = cheapest;
		snprintf(out->message, sizeof out->message,
			 "infeasible: budget %g is below the cheapest %smodel's cost %g "
			 "(the minimum feasible budget)", sp->budget,
			 mem ? "fitting " : "", cheapest);
	} else {
		double best = pool->models[i].accuracy;
		if (sp->min_accuracy <= best)
			return false;
		out->nearest = best;
		char within[64] = "";
		if (mem)
			snprintf(within, sizeof within, " within the memory limit %g",
				 sp->memory_limit);
		snprintf(out->message, sizeof out->message,
			 "infeasible: accuracy floor %g is above the best reachable accuracy %g%s",
			 sp->min_accuracy, best, within);
	}
	out->outcome = SOLVE_INFEASIBLE;
	return true;
}

long double solve_resource_slack(const struct pool *pool, const struct solve_params *sp,
				 const long long *count)
{
	long double sum = 0;
	for (size_t i = 0; i < pool->n; i++) {
		if (count[i] == 0)  /* a zero term leaves the sum as it is: most counts are 0 */
			continue;
		const struct model *md = &pool->models[i];
		long double d = sp->mode == SOLVE_MAX_ACCURACY
			? (long double)sp->budget - md->cost
			: (long double)md->accuracy - sp->min_accuracy;
		sum += d * (long double)count[i];
	}
	return sum;
}

long double solve_resource_tolerance(const struct solve_params *sp, double scale)
{
	return 2e-14L * (long double)sp->k * scale + 1e-9L;
}

bool solve_counts_feasible(const struct pool *pool, const struct solve_params *sp,
			   const long long *count, long double tol)
{
	long long total = 0;
	for (size_t i = 0; i < pool->n; i++) {
		if (count[i] < 0)
			return false;
		total += count[i];
	}
	return total == sp->k && solve_resource_slack(pool, sp, count) >= -tol &&
	       limits_counts_ok(sp, pool, count);
}
