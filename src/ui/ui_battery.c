/* ui_battery.c - battery mode: duration steps land on durations the cheapest model can meet. */
#include "optdeploy/ui/ui_battery.h"

#include <math.h>
#include <stdio.h>

#include "optdeploy/core/limits.h"
#include "optdeploy/core/units.h"

/* The cheapest cost among the working pool's models the device limits let run; INFINITY: none. */
static double cheapest_fitting(const struct app *a)
{
	const struct pool *pool = ui_app_pool(a);
	struct solve_params sp = ui_app_solve_params(a);
	double c = INFINITY;

	for (size_t i = 0; i < pool->n; i++)
		if (limits_model_fits(&sp, &pool->models[i]))
			c = fmin(c, pool->models[i].cost);
	return c;
}

/* Whether duration d gives a budget per inference of at least c; why not in m. */
static bool feasible(const struct app *a, double d, double c, struct status_msg *m)
{
	struct battery_params bp = a->bp;
	struct battery_plan pl;
	char dur[64];

	status_clear(m);
	if (units_exact_from_double(d, &bp.duration, m) != ST_OK ||
	    battery_plan_make(&bp, &pl, m) != ST_OK)
		return false;
	if (pl.budget >= c)
		return true;
	units_format_duration(dur, sizeof dur, d);
	snprintf(m->text, sizeof m->text, "%s would leave %.6g%s%s per inference, below the "
		 "cheapest model's %.6g", dur, pl.budget, a->cost_unit != NULL ? " " : "",
		 a->cost_unit != NULL ? a->cost_unit : "", c);
	return false;
}

double ui_battery_longest(const struct app *a, double c)
{
	const struct ui_param *p = &a->params[UI_P_DURATION];
	double rate = units_exact_value(&a->bp.rate), d;
	struct status_msg m;

	if (!isfinite(c) || !(rate > 0))
		return 0;
	/* battery - idle d >= c x unit x rate d, with K = floor(rate d) <= rate d */
	d = a->bp.battery_j / (a->bp.idle_w + fmax(c, 0) * a->bp.cost_unit_j * rate);
	d = fmin(d, p->max);
	if (d >= 1)
		d = floor(d);  /* whole seconds read better, and shorter is never worse */
	/* rounding in B / K can miss by an ulp: step back a little until it holds */
	for (int i = 0; i < 8 && d > 0 && !feasible(a, d, c, &m); i++)
		d = d >= 2 ? d - 1 : d * (1 - 1e-9);
	return d > 0 && feasible(a, d, c, &m) ? d : 0;
}

unsigned ui_battery_move(struct app *a, double v)
{
	const struct ui_param *p = &a->params[UI_P_DURATION];
	double now = p->value, c = cheapest_fitting(a), best;
	struct status_msg why;
	char dur[64];

	if (v <= now || !isfinite(c) || feasible(a, v, c, &why))
		return ui_app_set_value(a, UI_P_DURATION, v);
	best = ui_battery_longest(a, c);
	if (best > now) {
		unsigned r = ui_app_set_value(a, UI_P_DURATION, best);
		units_format_duration(dur, sizeof dur, best);
		ui_app_message(a, false, "Duration %s: the longest that leaves the cheapest model's "
			       "%.6g%s%s per inference", dur, c, a->cost_unit != NULL ? " " : "",
			       a->cost_unit != NULL ? a->cost_unit : "");
		return r | UI_R_REDRAW;
	}
	ui_app_message(a, true, "Duration stays: %s", why.text);
	return UI_R_REDRAW;
}
