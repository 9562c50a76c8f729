/* ui_input.c - key and mouse dispatch through the key table and the parameter table. */
#include "optdeploy/ui/ui_input.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "optdeploy/ui/ui_battery.h"
#include "optdeploy/ui/ui_keys.h"
#include "optdeploy/ui/ui_schedule.h"
#include "optdeploy/ui/ui_whatif.h"

/* A slider moved by a key, the wheel or the mouse (battery mode's duration lands on feasible ones). */
static unsigned move_to(struct app *a, enum ui_param_id id, double v)
{
	return a->battery && id == UI_P_DURATION ? ui_battery_move(a, v) : ui_app_set_value(a, id, v);
}

static unsigned step_focused(struct app *a, int slider, int dir, bool big)
{
	enum ui_param_id id = ui_app_slider_param(a, slider);
	const struct ui_param *p = &a->params[id];

	return move_to(a, id, ui_param_step(p, p->value, dir, big));
}

static void ask_value(struct app *a)
{
	enum ui_param_id id = ui_app_slider_param(a, a->focus);
	const struct ui_param *p = &a->params[id];
	char label[64], now[40];

	ui_param_format(p, p->value, now, sizeof now);
	if (id == UI_P_LAMBDA)
		snprintf(label, sizeof label, " %s/K = ", a->term.g->lambda);
	else
		snprintf(label, sizeof label, " %s = ", p->name);
	ui_prompt_open(&a->prompt, UI_ASK_VALUE, label, now);
	a->overlay = UI_OV_PROMPT;
}

static void ask_file(struct app *a, int purpose)
{
	if (purpose == UI_ASK_FIGURE_FILE)
		ui_prompt_open(&a->prompt, purpose, " Write the figure (.svg .pdf .png) to: ",
			       "figure.png");
	else if (purpose == UI_ASK_POLICY_FILE)
		ui_prompt_open(&a->prompt, purpose, " Export the policy to: ", "policy.csv");
	else if (purpose == UI_ASK_SCHEDULE_FILE)
		ui_prompt_open(&a->prompt, purpose, " Export the schedule (.csv slots, .runs.csv "
			       "runs, .h C header) to: ", "schedule.runs.csv");
	else
		ui_prompt_open(&a->prompt, purpose, a->heat == UI_HEAT_ZERO
			       ? " Export the lambda = 0 sweep to: " : " Export the current sweep to: ",
			       "sweep.csv");
	a->overlay = UI_OV_PROMPT;
}

/* Switching objective carries the answer over: the floor becomes the policy's accuracy and back. */
static unsigned switch_mode(struct app *a)
{
	bool counts = a->have_pol && policy_has_counts(&a->pol);
	struct ui_param *b = &a->params[UI_P_BUDGET], *f = &a->params[UI_P_FLOOR];

	if (a->mode == SOLVE_MAX_ACCURACY) {
		a->mode = SOLVE_MIN_COST;
		if (counts)
			f->value = ui_param_clamp(f, ui_param_snap(f, a->pol.expected_accuracy));
		ui_app_message(a, false, "objective: min cost over an accuracy floor");
	} else {
		a->mode = SOLVE_MAX_ACCURACY;
		if (counts && !a->battery)  /* with a battery, the budget follows the duration */
			b->value = ui_param_clamp(b, ui_param_snap(b, a->pol.expected_cost));
		ui_app_message(a, false, "objective: max accuracy under a budget");
	}
	return UI_R_RESOLVE | UI_R_REDRAW;
}

static unsigned switch_pool(struct app *a)
{
	struct ui_param *b = &a->params[UI_P_BUDGET];
	int next = 1 - a->cur;
	double v;
	bool inside = b->value >= b->min && b->value <= b->max;

	if (!a->can_normalize) {
		ui_app_message(a, true, "cannot normalise: %s", a->normalize_error);
		return UI_R_REDRAW;
	}
	if (a->battery) {
		ui_app_message(a, true, "cannot normalise: the battery needs the costs in %s",
			       a->cost_unit != NULL ? a->cost_unit : "their unit");
		return UI_R_REDRAW;
	}
	v = b->value * a->pools[next].cost_scale / a->pools[a->cur].cost_scale;
	a->cur = next;
	ui_params_fit(a->params, &a->pools[a->cur]);
	v = ui_param_snap(b, v);
	b->value = inside ? ui_param_clamp(b, v) : v;
	ui_app_message(a, false, a->cur == 1 ? "costs normalised: the most accurate model costs 100"
		       : "raw costs from the file");
	return UI_R_REBUILD | UI_R_RESOLVE | UI_R_SWEEP0 | UI_R_SWEEP1 | UI_R_REDRAW;
}

/* Move the model table's cursor to row i (clamped to the pool). */
static unsigned select_model(struct app *a, long i)
{
	long n = (long)ui_app_loaded(a)->n;

	a->cursor = (size_t)(i < 0 ? 0 : i >= n ? n - 1 : i);
	return UI_R_REDRAW;
}

/* The keys that mean something else while the model table has them; -1 when not one of those. */
static long table_act(struct app *a, enum ui_action act)
{
	long c = (long)a->cursor, page = a->table_geom.page > 1 ? a->table_geom.page - 1 : 1;

	switch (act) {
	case UI_ACT_CANCEL:
		ui_schedule_cancel(a);  /* nothing when no export runs */
		a->pane = UI_PANE_SLIDERS;
		return UI_R_REDRAW;
	case UI_ACT_FOCUS_NEXT:
	case UI_ACT_FOCUS_PREV:
		a->pane = UI_PANE_SLIDERS;
		return UI_R_REDRAW;
	case UI_ACT_DOWN:
		return select_model(a, c + 1);
	case UI_ACT_UP:
		return select_model(a, c - 1);
	case UI_ACT_BIG_DOWN:
		return select_model(a, c + page);
	case UI_ACT_BIG_UP:
		return select_model(a, c - page);
	case UI_ACT_TO_MIN:
		return select_model(a, 0);
	case UI_ACT_TO_MAX:
		return select_model(a, (long)ui_app_loaded(a)->n - 1);
	case UI_ACT_TOGGLE_MODEL:
		return ui_whatif_toggle(a, a->cursor);
	case UI_ACT_STEP_UP:
	case UI_ACT_STEP_DOWN:
	case UI_ACT_EXACT:
		/* slider keys take the keys back to the sliders, and act there */
		a->pane = UI_PANE_SLIDERS;
		return -1;
	default:
		return -1;
	}
}

static unsigned switch_method(struct app *a)
{
	a->method = a->method == SOLVE_EXACT ? SOLVE_RELAXED : SOLVE_EXACT;
	ui_app_message(a, false, a->method == SOLVE_EXACT ? "method: exact ILP"
		       : "method: LP relaxation with floor rounding");
	return UI_R_RESOLVE | UI_R_SWEEP0 | UI_R_SWEEP1 | UI_R_REDRAW;
}

/* Linear or log budget: the slider, the heatmap columns (the sweeps start over) and the plot. */
static unsigned switch_axis(struct app *a)
{
	bool log = !a->log_axis;

	if (!ui_params_budget_scale(a->params, ui_app_loaded(a), log)) {
		ui_app_message(a, true, "a log budget axis needs costs above 0 that differ");
		return UI_R_REDRAW;
	}
	a->log_axis = log;
	ui_app_message(a, false, log ? "budget axis: log" : "budget axis: linear");
	return UI_R_RESOLVE | UI_R_SWEEP0 | UI_R_SWEEP1 | UI_R_REDRAW;
}

static unsigned act(struct app *a, enum ui_action act)
{
	enum ui_param_id id = ui_app_slider_param(a, a->focus);

	if (a->pane == UI_PANE_MODELS && a->drag < 0) {
		long r = table_act(a, act);
		if (r >= 0)
			return (unsigned)r;
	}
	switch (act) {
	case UI_ACT_NONE:
	case UI_ACT_COUNT:
		return 0;
	case UI_ACT_FOCUS_NEXT:  /* Tab cycles the main sliders; from a device limit, the budget */
		a->focus = a->focus < UI_MAIN_SLIDERS ? (a->focus + 1) % UI_MAIN_SLIDERS : 0;
		return UI_R_REDRAW;
	case UI_ACT_FOCUS_PREV:
		a->focus = a->focus < UI_MAIN_SLIDERS
			   ? (a->focus + UI_MAIN_SLIDERS - 1) % UI_MAIN_SLIDERS : 0;
		return UI_R_REDRAW;
	case UI_ACT_DOWN:  /* Down/j and Up/k go through the device limits too */
		a->focus = (a->focus + 1) % ui_app_sliders(a);
		return UI_R_REDRAW;
	case UI_ACT_UP:
		a->focus = (a->focus + ui_app_sliders(a) - 1) % ui_app_sliders(a);
		return UI_R_REDRAW;
	case UI_ACT_TOGGLE_MODEL:
		a->pane = UI_PANE_MODELS;
		ui_app_message(a, false, "model table: Up/Down or j/k select, x or Space excludes "
			       "or includes, Tab goes back to the sliders");
		return UI_R_REDRAW;
	case UI_ACT_INCLUDE_ALL:
		return ui_whatif_include_all(a);
	case UI_ACT_LOG_AXIS:
		return switch_axis(a);
	case UI_ACT_NEXT_POOL:
		a->pool_steps++;
		return UI_R_NEXT_POOL | UI_R_REDRAW;
	case UI_ACT_STEP_UP:
	case UI_ACT_STEP_DOWN:
	case UI_ACT_BIG_UP:
	case UI_ACT_BIG_DOWN:
		return step_focused(a, a->focus, act == UI_ACT_STEP_UP || act == UI_ACT_BIG_UP ? 1 : -1,
				    act == UI_ACT_BIG_UP || act == UI_ACT_BIG_DOWN);
	case UI_ACT_TO_MIN:
		return move_to(a, id, a->params[id].min);
	case UI_ACT_TO_MAX:
		return move_to(a, id, a->params[id].max);
	case UI_ACT_EXACT:
		ask_value(a);
		return UI_R_REDRAW;
	case UI_ACT_MODE:
		return switch_mode(a);
	case UI_ACT_METHOD:
		return switch_method(a);
	case UI_ACT_NORMALIZE:
		return switch_pool(a);
	case UI_ACT_HEATMAP:
		a->heat = (enum ui_heat_view)((a->heat + 1) % 3);
		return UI_R_REDRAW;
	case UI_ACT_HEAT_ROWS:
		a->heat_all_rows = !a->heat_all_rows;
		return UI_R_REDRAW;
	case UI_ACT_EXPORT_POLICY:
	case UI_ACT_EXPORT_SWEEP:
		ask_file(a, act == UI_ACT_EXPORT_POLICY ? UI_ASK_POLICY_FILE : UI_ASK_SWEEP_FILE);
		return UI_R_REDRAW;
	case UI_ACT_EXPORT_SCHEDULE:
		ask_file(a, UI_ASK_SCHEDULE_FILE);
		return UI_R_REDRAW;
	case UI_ACT_EXPORT_FIGURE:
		ask_file(a, UI_ASK_FIGURE_FILE);
		return UI_R_REDRAW;
	case UI_ACT_HELP:
		a->overlay = UI_OV_HELP;
		a->help_top = 0;
		return UI_R_REDRAW;
	case UI_ACT_QUIT:
		return UI_R_QUIT;
	case UI_ACT_REDRAW:
		clearok(curscr, TRUE);
		return UI_R_REDRAW;
	case UI_ACT_CANCEL:
		if (ui_schedule_busy(a)) {
			ui_schedule_cancel(a);
			return UI_R_REDRAW;
		}
		if (a->drag >= 0) {
			unsigned r = ui_app_set_value(a, ui_app_slider_param(a, a->drag), a->drag_from);
			a->drag = UI_DRAG_CANCELLED;
			return r | UI_R_REDRAW;
		}
		return 0;
	}
	return 0;
}

static unsigned prompt_done(struct app *a)
{
	struct ui_prompt *p = &a->prompt;
	enum ui_param_id id = ui_app_slider_param(a, a->focus);
	char err[256];
	double v;

	a->overlay = UI_OV_NONE;
	if (p->purpose == UI_ASK_VALUE) {
		if (!ui_param_parse(&a->params[id], p->text, &v, err, sizeof err)) {
			ui_app_message(a, true, "%s", err);
			return UI_R_REDRAW;
		}
		return ui_app_set_value(a, id, v) | UI_R_REDRAW;
	}
	if (p->text[0] == '\0') {
		ui_app_message(a, true, "export cancelled: no file name");
		return UI_R_REDRAW;
	}
	a->export_kind = p->purpose;
	snprintf(a->export_path, sizeof a->export_path, "%s", p->text);
	return UI_R_EXPORT | UI_R_REDRAW;
}

/* The geometry holding slider s, and its index there: the main group or the device limits. */
static const struct ui_sliders_geom *geom_of(const struct app *a, int s, int *j)
{
	*j = s < UI_MAIN_SLIDERS ? s : s - UI_MAIN_SLIDERS;
	return s < UI_MAIN_SLIDERS ? &a->sliders : &a->limit_sliders;
}

static int hit_track(const struct app *a, int y, int x, int *col, int *w)
{
	int s = ui_sliders_hit_track(&a->sliders, y, x, col, w);

	if (s < 0 && (s = ui_sliders_hit_track(&a->limit_sliders, y, x, col, w)) >= 0)
		s += UI_MAIN_SLIDERS;
	return s;
}

static int hit_slider(const struct app *a, int y, int x)
{
	int s = ui_sliders_hit(&a->sliders, y, x);

	if (s < 0 && (s = ui_sliders_hit(&a->limit_sliders, y, x)) >= 0)
		s += UI_MAIN_SLIDERS;
	return s;
}

static unsigned set_from_track(struct app *a, int slider, int x)
{
	enum ui_param_id id = ui_app_slider_param(a, slider);
	int j;
	const struct ui_sliders_geom *g = geom_of(a, slider, &j);
	int col = ui_sliders_track_col(g, j, x);

	return move_to(a, id, ui_param_from_col(&a->params[id], col, g->track[j].w));
}

static unsigned press(struct app *a, int y, int x)
{
	int col, w, s = hit_track(a, y, x, &col, &w);
	double cost, acc, budget;
	size_t model;

	if (ui_table_hit(&a->table_geom, y, x, &model)) {
		/* a click on a model's row excludes it, or brings it back */
		a->pane = UI_PANE_MODELS;
		a->cursor = model;
		/* a toggle is not idempotent: the release must not stand for a lost press */
		a->drag = UI_DRAG_HELD;
		return ui_whatif_toggle(a, model) | UI_R_REDRAW;
	}
	a->pane = UI_PANE_SLIDERS;
	if (s >= 0) {
		a->focus = s;
		a->drag = s;
		a->drag_from = a->params[ui_app_slider_param(a, s)].value;
		return set_from_track(a, s, x) | UI_R_REDRAW;
	}
	if ((s = hit_slider(a, y, x)) >= 0) {
		a->focus = s;
		return UI_R_REDRAW;
	}
	if (a->plot_shown && ui_plot_hit(&a->plot, y, x, &cost, &acc)) {
		enum ui_param_id id = a->mode == SOLVE_MAX_ACCURACY ? UI_P_BUDGET : UI_P_FLOOR;
		struct ui_param *p = &a->params[id];
		double v = ui_param_snap(p, id == UI_P_BUDGET ? cost : acc);
		a->focus = 0;
		return ui_app_set_value(a, id, v < p->lo ? p->lo : v);
	}
	for (int i = 0; i < UI_SWEEPS; i++) {
		if (!ui_heatmap_hit(&a->heat_geom[i], y, x, &budget))
			continue;
		if (a->mode != SOLVE_MAX_ACCURACY) {
			ui_app_message(a, true, "heatmap columns are budgets: press m for the budget objective");
			return UI_R_REDRAW;
		}
		a->focus = 0;
		return ui_app_set_value(a, UI_P_BUDGET, budget);
	}
	return 0;
}

static unsigned mouse(struct app *a)
{
	MEVENT ev;

	if (getmouse(&ev) != OK || a->too_small || a->overlay == UI_OV_PROMPT)
		return 0;
	if (a->overlay == UI_OV_HELP || a->message_open) {
		if (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) {
			a->overlay = UI_OV_NONE;
			a->message_closed = a->message_closed || a->message_open;
			a->message_open = false;
			return UI_R_REDRAW;
		}
		return 0;
	}
	/* a new press or the wheel ends any drag whose release got lost */
	if (ev.bstate & (BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED))
		a->drag = -1;
	if (ev.bstate & BUTTON1_PRESSED)
		return press(a, ev.y, ev.x);
	/* a press and release that arrive together can still be merged into a click */
	if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON1_TRIPLE_CLICKED)) {
		unsigned r = press(a, ev.y, ev.x);
		a->drag = UI_DRAG_NONE;
		return r;
	}
	/*
	 * ncurses 6.4 with mouseinterval(0) drops BUTTON1_PRESSED when a press
	 * and the events after it are read together (seen while the planner is
	 * busy solving): a release or a motion with no drag in progress stands
	 * for the press it lost.  Motion is only reported with a button held
	 * (mode 1002), so this never fires on a mere hover.
	 */
	if (ev.bstate & BUTTON1_RELEASED) {
		unsigned r = 0;
		if (a->drag >= 0)
			r = set_from_track(a, a->drag, ev.x) | UI_R_REDRAW;
		else if (a->drag == UI_DRAG_NONE)
			r = press(a, ev.y, ev.x);
		a->drag = UI_DRAG_NONE;
		return r;
	}
	if ((ev.bstate & REPORT_MOUSE_POSITION) && a->drag == UI_DRAG_NONE)
		return press(a, ev.y, ev.x);
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		int s = hit_slider(a, ev.y, ev.x);
		size_t model;
		if (ui_table_hit(&a->table_geom, ev.y, ev.x, &model)) {
			a->pane = UI_PANE_MODELS;
			return select_model(a, (long)a->cursor + ((ev.bstate & BUTTON4_PRESSED) ? -1 : 1));
		}
		if (s >= 0)
			a->focus = s;
		return step_focused(a, a->focus, (ev.bstate & BUTTON4_PRESSED) ? 1 : -1, false) |
		       UI_R_REDRAW;
	}
	if ((ev.bstate & REPORT_MOUSE_POSITION) && a->drag >= 0)
		return set_from_track(a, a->drag, ev.x);
	return 0;
}

unsigned ui_input_key(struct app *a, int ch)
{
	enum ui_action action;

	if (ch == KEY_RESIZE)
		return UI_R_REDRAW;
	if (a->message_open && ch != KEY_MOUSE) {
		/* any key closes a message shown in full, and does nothing else */
		a->message_open = false;
		a->message_closed = true;
		return UI_R_REDRAW;
	}
	if (ch == KEY_MOUSE)
		return mouse(a);
	if (a->overlay == UI_OV_PROMPT) {
		enum ui_prompt_state st = ui_prompt_key(&a->prompt, ch);
		if (st == UI_PROMPT_CANCELLED)
			a->overlay = UI_OV_NONE;
		return st == UI_PROMPT_ACCEPTED ? prompt_done(a) : UI_R_REDRAW;
	}
	action = ui_keys_action(ch);
	if (a->overlay == UI_OV_HELP && (action == UI_ACT_DOWN || action == UI_ACT_UP ||
					 action == UI_ACT_BIG_DOWN || action == UI_ACT_BIG_UP)) {
		/* a help taller than the screen scrolls (the draw clamps it) */
		a->help_top += action == UI_ACT_DOWN ? 1 : action == UI_ACT_UP ? -1
			       : action == UI_ACT_BIG_DOWN ? LINES / 2 : -LINES / 2;
		a->help_top = a->help_top < 0 ? 0 : a->help_top;
		return UI_R_REDRAW;
	}
	if (a->overlay == UI_OV_HELP && action != UI_ACT_REDRAW) {
		/* q, Esc and ? close the help; any other key closes it and acts */
		a->overlay = UI_OV_NONE;
		if (action == UI_ACT_QUIT || action == UI_ACT_CANCEL || action == UI_ACT_HELP)
			return UI_R_REDRAW;
	}
	return act(a, action);
}
