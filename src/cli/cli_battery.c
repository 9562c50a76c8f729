/* cli_battery.c - the physical-units options: parsing, combinations, solve's battery lines. */
#include "optdeploy/cli/cli_battery.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "optdeploy/core/units.h"

#define COST_UNITS "J, mJ, uJ, nJ, Wh, mWh"

static const char *const phys_names[] = {
	[CLI_PHYS_COST_UNIT] = "--cost-unit", [CLI_PHYS_BATTERY] = "--battery",
	[CLI_PHYS_IDLE] = "--idle", [CLI_PHYS_RATE] = "--rate", [CLI_PHYS_DURATION] = "--duration",
};

void cli_battery_kv(FILE *fp, const char *key, const char *fmt, ...)
{
	va_list ap;
	fprintf(fp, "%-19s", key);
	va_start(ap, fmt);
	vfprintf(fp, fmt, ap);
	va_end(ap);
	putc('\n', fp);
}

/* Does a number's exponent start at s ("e3", "E-2")? */
static bool exponent_at(const char *s)
{
	const char *d = s + 1 + (s[1] == '+' || s[1] == '-');
	return (*s == 'e' || *s == 'E') && *d >= '0' && *d <= '9';
}

/* s with a space between each number and its unit, and " at " for '@': "3000 mAh at 3.7 V". */
static void spaced(char *out, size_t size, const char *s)
{
	size_t n = 0;
	bool in_number = true;  /* each part (before and after '@') starts with its number */

	for (; *s != '\0' && n + 5 < size; s++) {
		if (*s == '@') {
			memcpy(out + n, " at ", 4);
			n += 4;
			in_number = true;
			continue;
		}
		if (in_number && exponent_at(s)) {
			out[n++] = *s;
			if (s[1] == '+' || s[1] == '-')
				out[n++] = *++s;
			continue;
		}
		if (in_number && !((*s >= '0' && *s <= '9') || *s == '.' || *s == ',')) {
			in_number = false;
			if (n > 0 && *s != ' ')
				out[n++] = ' ';
		}
		out[n++] = *s;
	}
	out[n] = '\0';
}

void cli_battery_capacity(char *buf, size_t size, const char *arg, double joules)
{
	char j[40], user[96];

	units_format_energy(j, sizeof j, joules);
	spaced(user, sizeof user, arg);
	if (strchr(arg, '@') != NULL)  /* a charge at a voltage: the energy it makes, in Wh */
		snprintf(buf, size, "%s (%s = %.6g Wh)", j, user, joules / 3600);
	else if (strcmp(user, j) == 0)
		snprintf(buf, size, "%s", j);
	else
		snprintf(buf, size, "%s (%s)", j, user);
}

enum status cli_battery_take(enum cli_phys_option which, const char *arg, struct cli_phys *ph,
			     struct status_msg *m)
{
	struct status_msg why;
	enum status st = ST_OK;
	switch (which) {
	case CLI_PHYS_COST_UNIT:  /* read against the pool's own unit by cli_units_finish */
		ph->cost_unit_arg = arg;
		ph->cost_unit_given = true;
		break;
	case CLI_PHYS_BATTERY:
		st = units_parse_battery(arg, &ph->bp.battery_j, &why);
		ph->battery_given = true;
		ph->battery_arg = arg;
		break;
	case CLI_PHYS_IDLE:
		st = units_parse_power(arg, &ph->bp.idle_w, &why);
		ph->idle_given = true;
		ph->idle_arg = arg;
		break;
	case CLI_PHYS_RATE:
		st = units_parse_rate(arg, &ph->bp.rate, &why);
		ph->rate_given = true;
		ph->rate_arg = arg;
		break;
	case CLI_PHYS_DURATION:
		st = units_parse_duration(arg, &ph->bp.duration, &why);
		ph->duration_given = true;
		ph->duration_arg = arg;
		break;
	}
	if (st != ST_OK)
		return status_fail(m, st, "%s: %.400s", phys_names[which], why.text);
	return ST_OK;
}

/*
 * The first physical option given, for "--battery: needs --cost-unit".  A
 * rate alone is no battery problem: it is the time row (cli_time.h).
 */
static const char *first_given(const struct cli_phys *ph)
{
	bool battery = ph->battery_given || ph->idle_given || ph->duration_given;
	return ph->battery_given ? "--battery" : ph->idle_given ? "--idle"
	       : ph->rate_given && battery ? "--rate" : ph->duration_given ? "--duration" : NULL;
}

/* solve --battery: all three given, nothing that sets K or the budget otherwise. */
static enum status finish_solve(struct cli_options *o, struct status_msg *m)
{
	struct cli_phys *ph = &o->phys;
	struct status_msg why;
	if (!ph->battery_given || !ph->rate_given || !ph->duration_given)
		return status_fail(m, ST_USAGE, "solve: a battery problem needs --battery, --rate "
				   "and --duration (missing:%s%s%s)", ph->battery_given ? "" : " --battery",
				   ph->rate_given ? "" : " --rate", ph->duration_given ? "" : " --duration");
	if (o->k_given)
		return status_fail(m, ST_USAGE, "--K and --rate/--duration: K = rate x duration; "
				   "give one or the other");
	if (o->budget_given)
		return status_fail(m, ST_USAGE, "--budget and --battery: the battery sets the budget "
				   "(B = battery - idle x duration, B / K per inference); give one "
				   "or the other");
	if (o->floor_given)
		return status_fail(m, ST_USAGE, "--min-accuracy and --battery: how long a battery "
				   "lasts at an accuracy floor is 'optdeploy lifetime FILE --battery "
				   "... --rate ... --min-accuracy P'");
	if (battery_plan_make(&ph->bp, &ph->plan, &why) != ST_OK)
		return status_fail(m, ST_USAGE, "solve: %.480s", why.text);
	o->params.k = ph->plan.k;
	o->params.budget = ph->plan.budget;
	o->budget_given = true;
	return ST_OK;
}

static enum status finish_lifetime(struct cli_options *o, struct status_msg *m)
{
	struct cli_phys *ph = &o->phys;
	struct status_msg why;
	if (!ph->battery_given || !ph->rate_given)
		return status_fail(m, ST_USAGE, "lifetime: --battery and --rate are required "
				   "(missing:%s%s)", ph->battery_given ? "" : " --battery",
				   ph->rate_given ? "" : " --rate");
	if (ph->duration_given)
		return status_fail(m, ST_USAGE, "--duration: not used by 'lifetime' (the duration "
				   "is what it computes; 'solve --duration' plans a given one)");
	if (o->lambda_given || o->lambda_per_k_given)
		return status_fail(m, ST_USAGE, "%s: not used by 'lifetime' (whether a policy fits "
				   "depends on its energy alone: the search uses lambda = 0)",
				   o->lambda_given ? "--lambda" : "--lambda-per-k");
	if (o->floor_given && o->sweep)
		return status_fail(m, ST_USAGE, "--min-accuracy and --sweep: give only one "
				   "(--sweep takes its floors from --from, --to and --steps)");
	if (!o->floor_given && !o->sweep)
		return status_fail(m, ST_USAGE, "lifetime: --min-accuracy is required "
				   "(or --sweep for a range of accuracy floors)");
	if (!o->sweep && (o->from_given || o->to_given || o->steps != 0))
		return status_fail(m, ST_USAGE, "%s: only with --sweep (the range of accuracy "
				   "floors)", o->from_given ? "--from" : o->to_given ? "--to" : "--steps");
	if (o->steps == 0)
		o->steps = CLI_LIFETIME_STEPS;
	if (battery_params_check(&ph->bp, &why) != ST_OK)
		return status_fail(m, ST_USAGE, "lifetime: %.480s", why.text);
	return ST_OK;
}

/* The planner: --battery and --rate; the duration slider starts at --duration, or at K = 1000. */
static enum status finish_plan(struct cli_options *o, struct status_msg *m)
{
	struct cli_phys *ph = &o->phys;
	struct status_msg why;
	if (!ph->battery_given || !ph->rate_given)
		return status_fail(m, ST_USAGE, "the planner's battery mode needs --battery and "
				   "--rate (missing:%s%s)", ph->battery_given ? "" : " --battery",
				   ph->rate_given ? "" : " --rate");
	if (o->k_given)
		return status_fail(m, ST_USAGE, "--K and --rate: in the planner K = rate x duration "
				   "(its duration slider); give --duration instead");
	if (o->budget_given)
		return status_fail(m, ST_USAGE, "--budget and --battery: the battery sets the budget "
				   "(B = battery - idle x duration, B / K per inference); give one "
				   "or the other");
	if (battery_params_check(&ph->bp, &why) != ST_OK)
		return status_fail(m, ST_USAGE, "%.480s", why.text);
	if (!ph->duration_given &&
	    units_exact_from_double(battery_duration_s(&ph->bp, 1000), &ph->bp.duration, &why) != ST_OK)
		return status_fail(m, ST_USAGE, "%.480s", why.text);
	if (battery_plan_make(&ph->bp, &ph->plan, &why) != ST_OK)
		return status_fail(m, ST_USAGE, "%.480s", why.text);
	return ST_OK;
}

/* The battery options need the cost in energy: say how to give it. */
static enum status need_energy(const struct cli_options *o, const char *first,
			       struct status_msg *m)
{
	const struct cost_unit *u = &o->unit;
	if (o->normalize)
		return status_fail(m, ST_USAGE, "%s and --normalize: normalised costs have no "
				   "physical unit; give only one", first);
	if (u->kind == COST_UNIT_NONE)
		return status_fail(m, ST_USAGE, "%s: the pool's costs have no physical unit; give "
				   "--cost-unit (" COST_UNITS ", or what one cost unit is: 2.5mJ)",
				   first);
	return status_fail(m, ST_USAGE, "%s: the pool's cost is %s%s; give --cost-unit with "
			   "what one %s is in energy (e.g. --cost-unit 2.5mJ)", first, u->name,
			   u->kind == COST_UNIT_OTHER ? ", not an energy" : " (no physical unit)",
			   u->kind == COST_UNIT_OTHER ? u->name : "cost unit");
}

enum status cli_battery_finish(struct cli_options *o, struct status_msg *m)
{
	struct cli_phys *ph = &o->phys;
	const char *first = first_given(ph);
	if (first == NULL && o->command == CLI_LIFETIME)  /* lifetime is always a battery problem */
		first = ph->rate_given ? "--rate" : "lifetime";
	if (first != NULL && (o->unit.kind != COST_UNIT_ENERGY || o->normalize))
		return need_energy(o, first, m);
	if (ph->idle_given && !ph->battery_given)
		return status_fail(m, ST_USAGE, "--idle: only with --battery (the idle draw comes "
				   "out of the battery)");
	if (o->command == CLI_LIFETIME)
		return finish_lifetime(o, m);
	if (o->command == CLI_PLAN && first != NULL)
		return finish_plan(o, m);
	if ((o->command == CLI_SOLVE || o->command == CLI_SCHEDULE) && first != NULL)
		return finish_solve(o, m);
	return ST_OK;
}

/* A remainder within rounding noise of an exactly spent battery shows as 0. */
static double shown_left(const struct battery_params *bp, double left)
{
	return fabs(left) < 1e-12 * bp->battery_j ? 0.0 : left;
}

void cli_battery_print_solve(FILE *fp, const struct cli_options *o, const struct policy *p)
{
	const struct cli_phys *ph = &o->phys;
	const struct battery_params *bp = &ph->bp;
	const struct battery_plan *pl = &ph->plan;
	char a[40], b[40], c[40], d[64], cap[160];
	bool idle_only = o->time.idle_only;
	if (o->unit.kind != COST_UNIT_ENERGY)
		return;
	putc('\n', fp);
	/* idle charged for idle time only: the costs are e - P t, the energies e */
	double busy_j = idle_only ? bp->idle_w * p->busy_time : 0;
	units_format_energy(a, sizeof a, p->total_cost * bp->cost_unit_j + busy_j);
	units_format_energy(b, sizeof b, (p->total_cost * bp->cost_unit_j + busy_j) /
			    (double)p->params.k);
	cli_battery_kv(fp, "energy", "%s for K inferences, %s per inference (cost unit %s%s)",
		       a, b, ph->cost_unit, idle_only ? "; whole-board" : "");
	if (!ph->battery_given)
		return;
	cli_battery_capacity(cap, sizeof cap, ph->battery_arg, bp->battery_j);
	cli_battery_kv(fp, "battery", "%s", cap);
	units_format_duration(d, sizeof d, pl->duration_s);
	units_format_power(b, sizeof b, bp->idle_w);
	if (idle_only) {
		char idle_t[64];
		units_format_duration(idle_t, sizeof idle_t, pl->duration_s - p->busy_time);
		units_format_energy(c, sizeof c, pl->idle_j - busy_j);
		cli_battery_kv(fp, "idle draw", "%s for the %s idle (of %s) = %s; while busy it "
			       "is in the whole-board energies", b, idle_t, d, c);
	} else {
		units_format_energy(c, sizeof c, pl->idle_j);
		cli_battery_kv(fp, "idle draw", "%s for %s = %s%s", b, d, c, o->time.above_idle
			       ? " (energies above idle: --energy above-idle)" : "");
	}
	cli_battery_kv(fp, "inferences", "%s for %s (%.10g s): K = floor(rate x duration) = %lld",
		       ph->rate_arg, ph->duration_arg, pl->duration_s, pl->k);
	units_format_energy(a, sizeof a, pl->total_budget * bp->cost_unit_j);
	cli_battery_kv(fp, "budget", "B = battery - idle = %s = %.12g %s; per inference "
		       "B / K = %.17g %s", a, pl->total_budget, ph->cost_unit, pl->budget,
		       ph->cost_unit);
	if (idle_only)  /* the costs are no longer the file's: no plain command line is the same */
		cli_battery_kv(fp, "costs", "each energy less the idle draw during its inference "
			       "(e - P t, the cost column above): sum x (e - P t) <= B");
	else
		cli_battery_kv(fp, "same as", "optdeploy solve %s%s --K %lld --budget %.17g",
			       o->pool_name != NULL ? "--pool " : "FILE",
			       o->pool_name != NULL ? o->pool_name : "", pl->k, pl->budget);
	double left = shown_left(bp, battery_left_j(bp, pl->duration_s, p->total_cost));
	double pct = 100 * left / bp->battery_j;
	/* the CSV's inference_j + idle_j = total_j (export.h) */
	double inf_j = p->total_cost * bp->cost_unit_j + busy_j;
	units_format_energy(a, sizeof a, bp->battery_j - left);
	units_format_energy(b, sizeof b, inf_j);
	units_format_energy(c, sizeof c, bp->battery_j - left - inf_j);
	cli_battery_kv(fp, "total energy", "%s = inferences %s + idle %s (what the battery pays)",
		       a, b, c);
	units_format_energy(a, sizeof a, left);
	if (pct > 0 && pct < 0.1)
		cli_battery_kv(fp, "battery left", "%s (<0.1%% of the battery) after %s", a, d);
	else
		cli_battery_kv(fp, "battery left", "%s (%.1f%% of the battery) after %s", a, pct, d);
}

bool cli_battery_explain(FILE *fp, const struct cli_options *o, const struct pool *pool,
			 const struct policy *p)
{
	const struct cli_phys *ph = &o->phys;
	char a[40], b[40], d[64];
	if (!ph->battery_given || p->outcome != SOLVE_INFEASIBLE ||
	    !(ph->plan.budget < pool->models[pool_cheapest(pool)].cost))
		return false;
	units_format_energy(a, sizeof a, ph->plan.budget * ph->bp.cost_unit_j);
	units_format_energy(b, sizeof b, pool->models[pool_cheapest(pool)].cost * ph->bp.cost_unit_j);
	units_format_duration(d, sizeof d, ph->plan.duration_s);
	fprintf(fp, "optdeploy: infeasible: the battery allows %s per inference for K = %lld "
		"inference%s over %s; the cheapest model needs %s\n", a, ph->plan.k,
		ph->plan.k == 1 ? "" : "s", d, b);
	return true;
}
