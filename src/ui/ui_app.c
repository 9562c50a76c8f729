/* ui_app.c - small accessors of the planner state shared by the loop, input and frame. */
#include "optdeploy/ui/ui_app.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "optdeploy/core/units.h"

int ui_app_sliders(const struct app *a)
{
	const struct pool *p = ui_app_loaded(a);
	return 4 + (p->has_memory ? 1 : 0) + (p->has_latency ? 2 : 0);
}

enum ui_param_id ui_app_slider_param(const struct app *a, int slider)
{
	int mem = ui_app_loaded(a)->has_memory ? 1 : 0;
	if (slider == 3)
		return UI_P_MAX_MODELS;
	if (slider == 4 && mem)
		return UI_P_MEMORY;
	if (slider == 4 + mem)
		return UI_P_DEADLINE;
	if (slider == 5 + mem)
		return UI_P_RATE;
	if (slider == 1)
		return UI_P_LAMBDA;
	if (slider == 2)
		return a->battery ? UI_P_DURATION : UI_P_K;
	return a->mode == SOLVE_MAX_ACCURACY ? UI_P_BUDGET : UI_P_FLOOR;
}

const struct pool *ui_app_pool(const struct app *a)
{
	return &a->work;
}

const struct pool *ui_app_loaded(const struct app *a)
{
	return &a->pools[a->cur];
}

double ui_app_idle_per_s(const struct app *a)
{
	const struct pool *pool = ui_app_loaded(a);
	if (!a->battery || a->above_idle || a->cur != 0 || !pool->has_latency ||
	    !(a->bp.idle_w > 0))
		return 0;
	return a->bp.idle_w / a->bp.cost_unit_j;
}

struct solve_params ui_app_solve_params(const struct app *a)
{
	struct solve_params sp = solve_params_default();

	sp.mode = a->mode;
	sp.method = a->method;
	sp.budget = a->params[UI_P_BUDGET].value;
	sp.min_accuracy = a->params[UI_P_FLOOR].value;
	sp.k = llround(a->params[UI_P_K].value);
	if (a->battery) {
		/* K and the budget come from the battery: 0 (refused by the solver) without a plan */
		sp.k = a->plan_ok ? a->plan.k : 0;
		sp.budget = a->plan.budget;
	}
	/* the same product the command line forms for --lambda-per-k */
	sp.lambda = a->params[UI_P_LAMBDA].value * (double)sp.k;
	sp.time_limit = a->time_limit;
	sp.max_models = ui_params_max_models(a->params);
	sp.memory_limit = ui_params_memory_limit(a->params);
	if (ui_app_loaded(a)->has_latency) {  /* the time sliders go with a latency column */
		sp.deadline = ui_params_deadline(a->params);
		sp.rate = ui_params_rate(a->params, a->battery);
		sp.duty_cycle = a->duty_cycle;
	}
	return sp;
}

bool ui_app_sweep_shown(const struct app *a, int i)
{
	return a->heat == UI_HEAT_BOTH || (a->heat == UI_HEAT_ZERO) == (i == 0);
}

void ui_app_plan(struct app *a)
{
	struct status_msg m;

	status_clear(&m);
	a->plan_ok = units_exact_from_double(a->params[UI_P_DURATION].value, &a->bp.duration,
					     &m) == ST_OK &&
		     battery_plan_make(&a->bp, &a->plan, &m) == ST_OK;
	snprintf(a->plan_error, sizeof a->plan_error, "%s", a->plan_ok ? "" : m.text);
	if (a->plan_ok)
		a->params[UI_P_BUDGET].value = a->plan.budget;
	else  /* no K, no budget: nothing of the last duration's plan stays on screen */
		memset(&a->plan, 0, sizeof a->plan);
}

unsigned ui_app_set_value(struct app *a, enum ui_param_id id, double v)
{
	if (!isfinite(v) || v == a->params[id].value)
		return 0;
	if (a->battery && id == UI_P_BUDGET) {
		ui_app_message(a, true, "the battery sets the budget per inference: move the "
			       "duration, or press m for an accuracy floor");
		return UI_R_REDRAW;
	}
	a->params[id].value = v;
	if (id == UI_P_LAMBDA)
		return UI_R_RESOLVE | UI_R_SWEEP1 | UI_R_REDRAW;
	if (id == UI_P_RATE && a->battery) {
		/* the battery's rate: K = rate x duration and the budget follow */
		struct status_msg m;
		if (units_exact_from_double(v, &a->bp.rate, &m) == ST_OK)
			ui_app_plan(a);
	}
	if (id == UI_P_DURATION)
		ui_app_plan(a);
	if (id == UI_P_K || id == UI_P_DURATION || id == UI_P_MAX_MODELS || id == UI_P_MEMORY ||
	    id == UI_P_DEADLINE || id == UI_P_RATE)
		return UI_R_RESOLVE | UI_R_SWEEP0 | UI_R_SWEEP1 | UI_R_REDRAW;
	return UI_R_RESOLVE | UI_R_REDRAW;
}

void ui_app_message(struct app *a, bool error, const char *fmt, ...)
{
	va_list ap;
	char text[sizeof a->message];

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	/* a message said again (each re-solve of the same infeasible value) is not new */
	if (strcmp(text, a->message) != 0)
		a->message_closed = false;
	memcpy(a->message, text, sizeof text);
	a->message_error = error;
	a->message_from_solve = false;
}
