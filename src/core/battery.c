/*
 * battery.c - battery, idle draw, rate and duration turned into the
 * solver's K and budget, and a policy's cost into the energy left.
 */
#include "optdeploy/core/battery.h"

#include <math.h>
#include <stdlib.h>

#include "optdeploy/core/solve.h"

#define BIG_COUNT ((1LL << 62) - 1)  /* units_floor_product's largest cap */

enum status battery_params_check(const struct battery_params *bp, struct status_msg *m)
{
	if (!(isfinite(bp->battery_j) && bp->battery_j > 0))
		return status_fail(m, ST_USAGE, "the battery capacity %g J must be above 0",
				   bp->battery_j);
	if (!(isfinite(bp->idle_w) && bp->idle_w >= 0))
		return status_fail(m, ST_USAGE, "the idle power %g W must be 0 or more", bp->idle_w);
	if (!(isfinite(bp->cost_unit_j) && bp->cost_unit_j > 0))
		return status_fail(m, ST_USAGE, "the cost unit %g J must be above 0",
				   bp->cost_unit_j);
	if (bp->rate.mant == 0 || bp->rate.num == 0 || bp->rate.den == 0 ||
	    !(units_exact_value(&bp->rate) > 0))
		return status_fail(m, ST_USAGE, "the rate must be above 0");
	return ST_OK;
}

enum status battery_charge_idle_time(const struct battery_params *bp, struct pool *pool,
				     struct status_msg *m)
{
	double per_s = bp->idle_w / bp->cost_unit_j;  /* cost units per second of idle */
	if (!(per_s > 0))
		return ST_OK;
	for (size_t i = 0; i < pool->n; i++) {
		const struct model *md = &pool->models[i];
		if (md->cost < per_s * md->latency * (1 - 1e-12)) {
			char e[32], d[32], t[32], pw[32];
			units_format_energy(e, sizeof e, md->cost * bp->cost_unit_j);
			units_format_energy(d, sizeof d, per_s * md->latency * bp->cost_unit_j);
			units_format_latency(t, sizeof t, md->latency);
			units_format_power(pw, sizeof pw, bp->idle_w);
			return status_fail(m, ST_DATA, "%s: model '%s': its energy per inference (%s) is "
					   "below the idle draw over its latency (%s x %s = %s), so it "
					   "cannot be a whole-board measurement; if the energies are "
					   "measured above idle, give --energy above-idle",
					   pool->source ? pool->source : "pool", md->name, e, pw, t, d);
		}
	}
	/* the energies as read are kept: tables and exports show the measured energy */
	double *energy = malloc((pool->n ? pool->n : 1) * sizeof *energy);
	if (energy == NULL)
		return status_fail(m, ST_INTERNAL, "out of memory");
	for (size_t i = 0; i < pool->n; i++) {
		struct model *md = &pool->models[i];
		energy[i] = md->cost;
		md->cost = fmax(md->cost - per_s * md->latency, 0.0);
	}
	free(pool->energy);
	pool->energy = energy;
	pool->idle_per_s = per_s;
	return ST_OK;
}

/* The rate in inferences per second, in long double. */
static long double rate_ld(const struct battery_params *bp)
{
	const struct units_exact *r = &bp->rate;
	return (long double)r->mant * powl(10.0L, r->exp10) * r->num / r->den;
}

enum status battery_plan_make(const struct battery_params *bp, struct battery_plan *out,
			      struct status_msg *m)
{
	enum status st = battery_params_check(bp, m);
	char dur[64], idle[32], bat[32];
	if (st != ST_OK)
		return st;
	double seconds = units_exact_value(&bp->duration);
	if (bp->duration.mant == 0 || !(seconds > 0) || !isfinite(seconds))
		return status_fail(m, ST_USAGE, "the duration must be above 0");
	long long k = units_floor_product(&bp->rate, &bp->duration, SOLVE_K_MAX);
	units_format_duration(dur, sizeof dur, seconds);
	if (k == 0)
		return status_fail(m, ST_USAGE, "rate x duration = %.6g inferences in %s: fewer "
				   "than one (K would be 0)",
				   (double)(rate_ld(bp) * seconds), dur);
	if (k < 0 || k > SOLVE_K_MAX) {
		/* the exact count when it fits: 1000000001, not 1e+09 */
		long long big = units_floor_product(&bp->rate, &bp->duration, BIG_COUNT);
		if (big > 0 && big <= BIG_COUNT)
			return status_fail(m, ST_USAGE, "rate x duration gives %lld whole inferences "
					   "in %s: more than %lld (K is at most that)", big, dur,
					   SOLVE_K_MAX);
		return status_fail(m, ST_USAGE, "rate x duration = %.6g inferences in %s: more "
				   "than %lld (K is at most that)",
				   (double)(rate_ld(bp) * seconds), dur, SOLVE_K_MAX);
	}
	long double idle_j = (long double)bp->idle_w * seconds;
	long double b = ((long double)bp->battery_j - idle_j) / bp->cost_unit_j;
	if (!(b > 0)) {
		units_format_energy(idle, sizeof idle, (double)idle_j);
		units_format_energy(bat, sizeof bat, bp->battery_j);
		return status_fail(m, ST_USAGE, "the idle draw over %s (%s) uses the whole "
				   "battery (%s): nothing is left for inferences", dur, idle, bat);
	}
	if (!isfinite((double)b))
		return status_fail(m, ST_USAGE, "the battery (%g J) is too large to count in cost "
				   "units of %g J", bp->battery_j, bp->cost_unit_j);
	out->k = k;
	out->duration_s = seconds;
	out->idle_j = (double)idle_j;
	out->total_budget = (double)b;
	out->budget = out->total_budget / (double)k;
	return ST_OK;
}

double battery_duration_s(const struct battery_params *bp, long long k)
{
	return (double)((long double)k / rate_ld(bp));
}

/* battery - idle x seconds - total_cost x unit, in long double. */
static long double left_ld(const struct battery_params *bp, long double seconds,
			   double total_cost)
{
	return (long double)bp->battery_j - (long double)bp->idle_w * seconds -
	       (long double)total_cost * bp->cost_unit_j;
}

double battery_left_j(const struct battery_params *bp, double seconds, double total_cost)
{
	return (double)left_ld(bp, seconds, total_cost);
}

bool battery_fits(const struct battery_params *bp, long long k, double total_cost)
{
	return left_ld(bp, (long double)k / rate_ld(bp), total_cost) >= 0;
}
