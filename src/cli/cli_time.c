/* cli_time.c - the time options: parsing, combinations, the idle charge, solve's time lines. */
#include "optdeploy/cli/cli_time.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "optdeploy/cli/cli_battery.h"
#include "optdeploy/core/battery.h"
#include "optdeploy/core/limits.h"
#include "optdeploy/core/units.h"

#define SHOW_SLOW 5  /* models named in the deadline line */

#define PRINTABLE(s) cli_printable((s), (char[48]){ 0 }, 48)

enum status cli_time_take(enum cli_time_option which, const char *arg, struct cli_options *o,
			  struct status_msg *m)
{
	struct cli_time *t = &o->time;
	struct status_msg why;
	enum status st = ST_OK;
	const char *name = "--deadline";
	switch (which) {
	case CLI_TIME_DEADLINE:
		st = units_parse_latency(arg, &o->params.deadline, &why);
		o->spec.latency_needed = true;  /* an empty latency cell is then a data error */
		t->deadline_given = true;
		break;
	case CLI_TIME_DUTY_CYCLE: {
		char *end;
		name = "--duty-cycle";
		double d = strtod(arg, &end);
		/* a plain decimal: no hex, inf, nan or spaces */
		if (end == arg || *end != '\0' || arg[strspn(arg, "0123456789.eE+-")] != '\0' ||
		    !(d > 0 && d <= 1))
			return status_fail(m, ST_USAGE, "--duty-cycle: \"%s\" is not a number in "
					   "(0, 1] (the share of the time the device may be busy)",
					   PRINTABLE(arg));
		o->params.duty_cycle = d;
		t->duty_given = true;
		break;
	}
	case CLI_TIME_LATENCY_UNIT:
		name = "--latency-unit";
		st = units_parse_latency_unit(arg, &o->spec.latency_unit_s, &why);
		t->unit_given = true;
		break;
	case CLI_TIME_ENERGY:
		if (strcmp(arg, "whole-board") != 0 && strcmp(arg, "above-idle") != 0)
			return status_fail(m, ST_USAGE, "--energy: \"%s\" is not whole-board or "
					   "above-idle", PRINTABLE(arg));
		t->above_idle = strcmp(arg, "above-idle") == 0;
		t->energy_given = true;
		break;
	}
	if (st != ST_OK)
		return status_fail(m, st, "%s: %.400s", name, why.text);
	return ST_OK;
}

enum status cli_time_finish(struct cli_options *o, struct status_msg *m)
{
	const struct cli_phys *ph = &o->phys;
	if (ph->rate_given) {
		o->params.rate = units_exact_value(&ph->bp.rate);
		o->spec.latency_needed = true;
	}
	if (o->time.duty_given && !ph->rate_given)
		return status_fail(m, ST_USAGE, "--duty-cycle: only with --rate (the device is busy "
				   "at most D x K / rate seconds)");
	if (o->time.energy_given && !ph->idle_given)
		return status_fail(m, ST_USAGE, "--energy: only with --idle (it says whether the "
				   "energies include the idle draw)");
	if (o->params.method == SOLVE_RELAXED && (ph->rate_given || o->time.deadline_given))
		return status_fail(m, ST_USAGE, "--relax and %s: the LP relaxation's rounding may "
				   "use models the time constraints forbid; solve exactly instead",
				   o->time.deadline_given ? "--deadline" : "--rate");
	return ST_OK;
}

bool cli_time_idle_only(const struct cli_options *o)
{
	return o->time.idle_only;
}

enum status cli_time_apply(struct cli_options *o, struct pool *pool, struct status_msg *m)
{
	const struct cli_phys *ph = &o->phys;
	bool battery = ph->battery_given;
	if (!pool->has_latency) {
		if (battery)
			o->params.rate = 0;  /* the rate made K; no time row without latencies */
		return ST_OK;
	}
	if (!battery || !(ph->bp.idle_w > 0) || o->time.above_idle)
		return ST_OK;
	enum status st = battery_charge_idle_time(&ph->bp, pool, m);
	if (st != ST_OK)
		return st;
	o->time.idle_only = true;
	return ST_OK;
}

/* The models the deadline leaves out, named (a few) in one line. */
static void print_deadline(FILE *fp, const struct solve_params *sp, const struct pool *pool)
{
	char d[32], names[200] = "";
	size_t slow = 0, used = 0;
	for (size_t i = 0; i < pool->n; i++) {
		if (pool->models[i].latency <= sp->deadline * (1 + 1e-9))
			continue;
		if (slow++ < SHOW_SLOW && used < sizeof names)
			used += (size_t)snprintf(names + used, sizeof names - used, "%s%.40s",
						 used ? ", " : "", pool->models[i].name);
	}
	if (slow > SHOW_SLOW && used < sizeof names)
		snprintf(names + used, sizeof names - used, " and %zu more", slow - SHOW_SLOW);
	units_format_latency(d, sizeof d, sp->deadline);
	if (slow == 0)
		cli_battery_kv(fp, "too slow", "none: every model meets the deadline %s", d);
	else
		cli_battery_kv(fp, "too slow", "%zu model%s slower than %s, not used: %s", slow,
			       slow == 1 ? "" : "s", d, names);
}

void cli_time_print_limits(FILE *fp, const struct solve_params *sp)
{
	char d[32];
	if (limits_deadline_active(sp)) {
		units_format_latency(d, sizeof d, sp->deadline);
		cli_battery_kv(fp, "deadline", "%s per inference (slower models are not used)", d);
	}
	if (limits_time_active(sp)) {
		units_format_latency(d, sizeof d, limits_time_per_inference(sp));
		cli_battery_kv(fp, "time row", "busy at most %.4g%% of the time at %.10g/s: sum t x <= "
			       "%s x K", 100 * limits_duty(sp), sp->rate, d);
	}
}

void cli_time_print_solve(FILE *fp, const struct cli_options *o, const struct pool *pool,
			  const struct policy *p)
{
	const struct solve_params *sp = &p->params;
	char busy[64], avail[64];
	if (!limits_need_latency(sp))
		return;
	putc('\n', fp);
	if (limits_deadline_active(sp))
		print_deadline(fp, sp, pool);
	if (!limits_time_active(sp) || !policy_has_counts(p))
		return;
	double seconds = (double)sp->k / sp->rate;
	units_format_duration(avail, sizeof avail, seconds);
	units_format_duration(busy, sizeof busy, p->busy_time);
	cli_battery_kv(fp, "busy", "%s of the %s the K inferences arrive in (%s): busy %.3g%% "
		       "of the time", busy, avail, o->phys.rate_arg ? o->phys.rate_arg : "rate",
		       100 * p->busy_time / seconds);
}
