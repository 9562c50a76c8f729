/* app.c - the interactive planner: loads the pool, owns the state, runs the loop. */
#include "optdeploy/ui/app.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "optdeploy/core/export.h"
#include "optdeploy/core/frontier_lp.h"
#include "optdeploy/core/pool_tables.h"
#include "optdeploy/core/sweep.h"
#include "optdeploy/core/units.h"
#include "optdeploy/ui/ui_app.h"
#include "optdeploy/ui/ui_figure.h"
#include "optdeploy/ui/ui_input.h"
#include "optdeploy/ui/ui_schedule.h"
#include "optdeploy/ui/ui_screen.h"
#include "optdeploy/ui/ui_sources.h"
#include "optdeploy/ui/ui_whatif.h"

/* How long one turn of the loop may spend on sweep levels before it looks at input again. */
#define SWEEP_SLICE_MS 30

/*
 * A freshly loaded pool (taken over on success) becomes the one in use: its
 * normalised copy, nothing excluded.  All or nothing: on failure the pool in
 * use stays as it was.
 */
static enum status install_pool(struct app *a, struct pool *fresh, struct status_msg *m)
{
	struct pool norm = { 0 };
	struct status_msg nm;
	bool *excluded;
	enum status st;

	/* whole-board energies with latencies: the idle draw for idle time only */
	if (a->battery && !a->above_idle && fresh->has_latency &&
	    (st = battery_charge_idle_time(&a->bp, fresh, m)) != ST_OK)
		return st;
	excluded = calloc(fresh->n > 0 ? fresh->n : 1, sizeof *excluded);
	if (excluded == NULL)
		return status_fail(m, ST_INTERNAL, "out of memory");
	if ((st = pool_copy(&norm, fresh, m)) != ST_OK) {
		free(excluded);
		return st;
	}
	for (int i = 0; i < 2; i++)
		pool_free(&a->pools[i]);
	a->pools[0] = *fresh;
	a->pools[1] = norm;
	memset(fresh, 0, sizeof *fresh);
	status_clear(&nm);
	a->can_normalize = pool_normalize(&a->pools[1], &nm) == ST_OK;
	snprintf(a->normalize_error, sizeof a->normalize_error, "%s", nm.text);
	if (a->cur == 1 && !a->can_normalize)
		a->cur = 0;
	free(a->excluded);
	a->excluded = excluded;
	free(a->work_map);
	a->work_map = NULL;  /* sized for the pool: ui_whatif_rebuild allocates it again */
	a->n_excluded = 0;
	a->cursor = 0;
	a->table_geom.top = 0;
	return ST_OK;
}

/* The command line's tables (and the bundled pools to switch to); the first is loaded. */
static enum status load_pools(struct app *a, const struct app_options *opt,
			      struct pool_warnings *w, struct status_msg *m)
{
	struct pool fresh = { 0 };
	enum status st;

	ui_sources_init(&a->sources, opt->paths, opt->n_paths, opt->spec);
	a->path = a->sources.list[0].label;
	if ((st = ui_sources_load(&a->sources, 0, &fresh, w, m)) != ST_OK)
		return st;
	if ((st = install_pool(a, &fresh, m)) != ST_OK)
		pool_free(&fresh);
	return st;
}

/* Budget and floor ranges for the pool in use; the budget axis log when asked (and possible). */
static void fit_budget(struct app *a, bool log)
{
	struct ui_param *b = &a->params[UI_P_BUDGET];
	struct ui_param keep[UI_P_COUNT];

	memcpy(keep, a->params, sizeof keep);
	ui_params_init(a->params, &a->pools[a->cur]);
	/* K, lambda and the duration are the user's, whatever the pool */
	a->params[UI_P_K] = keep[UI_P_K];
	a->params[UI_P_LAMBDA] = keep[UI_P_LAMBDA];
	a->params[UI_P_DURATION] = keep[UI_P_DURATION];
	/* a time row on stays on (its value kept, the track widened to hold it) */
	struct ui_param *r = &a->params[UI_P_RATE];
	if (keep[UI_P_RATE].value > 0 && (keep[UI_P_RATE].value > keep[UI_P_RATE].min || a->battery)) {
		r->value = keep[UI_P_RATE].value;
		r->min = fmin(r->min, a->battery ? r->value : ui_round_sig2(r->value / 2));
		r->max = fmax(r->max, r->value);
	}
	a->log_axis = log && ui_params_budget_scale(a->params, &a->pools[a->cur], true);
	/* the middle of the axis (in log terms on a log one, where the cheap models are):
	 * the budget `plot` starts at too */
	b->value = ui_param_clamp(b, sweep_default_budget(&a->pools[a->cur],
							  a->log_axis ? SWEEP_LOG : SWEEP_LINEAR));
}

/* The time sliders start at --deadline and --rate; both need a latency column. */
static enum status start_time(struct app *a, const struct solve_params *sp, struct status_msg *m)
{
	const struct pool *p = &a->pools[a->cur];
	a->duty_cycle = sp->duty_cycle;
	if (!p->has_latency && (sp->deadline > 0 || (sp->rate > 0 && !a->battery)))
		return status_fail(m, ST_DATA, "%s: a %s needs the models' latencies, and this pool "
				   "has no latency column (--columns latency=COLUMN)", p->source,
				   sp->deadline > 0 ? "deadline" : "rate");
	struct ui_param *d = &a->params[UI_P_DEADLINE], *r = &a->params[UI_P_RATE];
	if (sp->deadline > 0) {
		d->value = sp->deadline * 1e3;
		d->min = fmin(d->min, d->value);
	}
	double rate = a->battery ? units_exact_value(&a->bp.rate) : sp->rate;
	if (rate > 0) {
		r->value = rate;
		r->min = fmin(r->min, a->battery ? rate : ui_round_sig2(rate / 2));
		r->max = fmax(r->max, rate);
	}
	return ST_OK;
}

/* Starting values: the command line's, else K = 1000, lambda = 0.1 K, mid-range budget and floor. */
static enum status start_values(struct app *a, const struct app_options *opt, struct status_msg *m)
{
	struct solve_params sp = opt->params;
	struct solve_params check;
	enum status st;

	if (sp.k < 1)
		sp = solve_params_default();
	if (opt->normalize && !a->can_normalize)
		return status_fail(m, ST_DATA, "%s", a->normalize_error);
	a->cur = opt->normalize ? 1 : 0;
	if ((st = ui_whatif_rebuild(a, m)) != ST_OK)
		return st;
	ui_params_init(a->params, &a->pools[a->cur]);
	/* costs over more than two decades: a log budget axis, unless --log/--linear says */
	fit_budget(a, opt->spacing_given ? opt->spacing == SWEEP_LOG
		   : sweep_default_spacing(&a->pools[a->cur]) == SWEEP_LOG);
	a->params[UI_P_K].value = (double)sp.k;
	if (opt->battery) {
		double max_s = opt->bp.idle_w > 0 ? opt->bp.battery_j / opt->bp.idle_w : INFINITY;
		a->battery = true;
		a->bp = opt->bp;
		a->cost_unit = opt->cost_unit;
		ui_params_duration(a->params, units_exact_value(&opt->bp.rate), max_s,
				   units_exact_value(&opt->bp.duration));
		ui_app_plan(a);
		if (a->plan_ok)
			a->params[UI_P_K].value = (double)a->plan.k;
	}
	a->params[UI_P_LAMBDA].value = opt->lambda_per_k_given ? opt->lambda_per_k
				       : sp.lambda / (double)sp.k;
	if (opt->budget_given)
		a->params[UI_P_BUDGET].value = sp.budget;
	if (opt->floor_given)
		a->params[UI_P_FLOOR].value = sp.min_accuracy;
	/* a value beyond a track's end widens the track, so the handle can still show it */
	for (int i = UI_P_LAMBDA; i <= UI_P_K; i++) {
		a->params[i].min = fmin(a->params[i].min, a->params[i].value);
		a->params[i].max = fmax(a->params[i].max, a->params[i].value);
	}
	a->mode = opt->floor_given ? SOLVE_MIN_COST : sp.mode;
	a->method = sp.method;
	a->heat_all_rows = opt->rows_all;
	a->time_limit = sp.time_limit;
	if ((st = start_time(a, &sp, m)) != ST_OK)
		return st;
	if (isfinite(sp.memory_limit) && sp.memory_limit >= 0 && !a->pools[a->cur].has_memory)
		return status_fail(m, ST_DATA, "%s: --memory needs the models' memory footprints, "
				   "and this pool has no memory column", a->pools[a->cur].source);
	/* --max-models and --memory start the device limits' sliders (their tops: no limit) */
	if (sp.max_models > 0)
		a->params[UI_P_MAX_MODELS].value = fmin((double)sp.max_models,
							a->params[UI_P_MAX_MODELS].max);
	if (isfinite(sp.memory_limit) && sp.memory_limit >= 0) {
		struct ui_param *mem = &a->params[UI_P_MEMORY];
		mem->value = sp.memory_limit;
		/* a limit above every model's memory together is no limit: the track's top */
		mem->value = fmin(mem->value, mem->max);
	}
	a->drag = -1;
	check = ui_app_solve_params(a);
	return solve_params_check(&check, m);
}

static void free_app(struct app *a)
{
	ui_schedule_stop(a);
	for (int i = 0; i < UI_SWEEPS; i++)
		if (a->sweep_live[i])
			sweep_free(&a->sweeps[i]);
	ui_whatif_free(a);
	free(a->work_map);
	free(a->excluded);
	for (int i = 0; i < 2; i++)
		pool_free(&a->pools[i]);
	free(a);
}

static void resolve(struct app *a)
{
	struct solve_params sp = ui_app_solve_params(a);
	struct status_msg m;
	enum status st;

	status_clear(&m);
	if (a->solver == NULL) {  /* the working pool could not be built: solve_error says why */
		a->have_pol = false;
		return;
	}
	/* the LP frontier of the models the deadline and memory limit let run, with the
	   time row, as frontier's (only out of memory fails: the plot then has none) */
	frontier_lp_free(&a->hull);
	if (frontier_lp_build(&a->hull, &a->work, &sp, &m) != ST_OK)
		ui_app_message(a, true, "%s", m.text);
	if (a->battery && !a->plan_ok) {  /* this duration gives no problem: say why */
		a->have_pol = false;
		snprintf(a->solve_error, sizeof a->solve_error, "%s", a->plan_error);
		ui_app_message(a, true, "%s", a->plan_error);
		a->message_from_solve = true;
		return;
	}
	st = solver_run(a->solver, &sp, &a->pol, &m);
	a->have_pol = st == ST_OK;
	if (st != ST_OK) {
		snprintf(a->solve_error, sizeof a->solve_error, "%s", m.text);
		ui_app_message(a, true, "%s", m.text);
		a->message_from_solve = true;
	} else if (!policy_has_counts(&a->pol)) {
		ui_app_message(a, true, "%s", a->pol.message[0] != '\0' ? a->pol.message
			       : solve_outcome_name(a->pol.outcome));
		a->message_from_solve = true;
	} else if (a->message_from_solve) {
		a->message[0] = '\0';
		a->message_from_solve = false;
	}
}

/* Drop sweep i (a newer value made it stale) and start it over from the first level. */
static void restart_sweep(struct app *a, int i)
{
	struct solve_params base = ui_app_solve_params(a);
	struct status_msg m;

	if (a->sweep_live[i])
		sweep_free(&a->sweeps[i]);
	a->sweep_live[i] = false;
	a->sweep_error[i][0] = '\0';
	base.mode = SOLVE_MAX_ACCURACY;
	if (i == 0)
		base.lambda = 0;
	status_clear(&m);
	if (a->solver == NULL || (a->battery && !a->plan_ok))
		snprintf(a->sweep_error[i], sizeof a->sweep_error[i], "%s",
			 a->solver == NULL ? a->solve_error : a->plan_error);
	else if (sweep_init_spaced(&a->sweeps[i], ui_app_pool(a), &base, NAN, NAN, SWEEP_DEFAULT_STEPS,
				   a->log_axis ? SWEEP_LOG : SWEEP_LINEAR, &m) == ST_OK)
		a->sweep_live[i] = true;
	else
		snprintf(a->sweep_error[i], sizeof a->sweep_error[i], "%s", m.text);
}

static bool sweeping(const struct app *a)
{
	for (int i = 0; i < UI_SWEEPS; i++)
		if (a->sweep_live[i] && !sweep_finished(&a->sweeps[i]))
			return true;
	return false;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* A slice of sweep work, current lambda first (the plot draws its frontier). */
static void advance_sweeps(struct app *a)
{
	double until = now_ms() + SWEEP_SLICE_MS;

	do {
		int i = a->sweep_live[1] && !sweep_finished(&a->sweeps[1]) ? 1 : 0;
		struct status_msg m;
		if (!a->sweep_live[i] || sweep_finished(&a->sweeps[i]))
			return;
		status_clear(&m);
		if (sweep_step(&a->sweeps[i], a->solver, &m) != ST_OK) {
			sweep_free(&a->sweeps[i]);
			a->sweep_live[i] = false;
			snprintf(a->sweep_error[i], sizeof a->sweep_error[i], "%s", m.text);
		}
	} while (now_ms() < until);
}

static void export_policy(struct app *a)
{
	struct status_msg m;
	size_t rows = 0;
	/* battery mode: what the battery pays, as `solve --battery -o` writes it (an
	   accuracy floor is solve --K --min-accuracy's problem: its columns) */
	struct export_battery battery = { &a->bp, a->plan.duration_s };
	const struct export_battery *bat =
		a->battery && a->plan_ok && a->mode == SOLVE_MAX_ACCURACY ? &battery : NULL;

	status_clear(&m);
	if (!a->have_pol)
		ui_app_message(a, true, "nothing to export: %s", a->solve_error);
	else if (!policy_has_counts(&a->pol))  /* as `solve -o`: no policy, no file */
		ui_app_message(a, true, "nothing to export: the solve ended %s%s%s",
			       solve_outcome_name(a->pol.outcome), a->pol.message[0] ? ": " : "",
			       a->pol.message);
	else if (export_policy_battery_file(a->export_path, ui_app_pool(a), &a->pol, bat, &rows,
					    &m) == ST_OK)
		ui_app_message(a, false, "exported %zu rows to %s", rows, a->export_path);
	else
		ui_app_message(a, true, "%s", m.text);
}

/* The sweep shown (figure 5 unless only figure 4 is), finished first if it is still running. */
static void export_sweep(struct app *a)
{
	int i = a->heat == UI_HEAT_ZERO ? 0 : 1;
	struct status_msg m;
	size_t rows = 0;

	status_clear(&m);
	if (!a->sweep_live[i]) {
		ui_app_message(a, true, "nothing to export: %s", a->sweep_error[i]);
		return;
	}
	if (sweep_run(&a->sweeps[i], a->solver, &m) != ST_OK) {
		ui_app_message(a, true, "%s", m.text);
		return;
	}
	if (export_sweep_file(a->export_path, &a->sweeps[i], &rows, &m) == ST_OK)
		ui_app_message(a, false, "exported %zu rows to %s", rows, a->export_path);
	else
		ui_app_message(a, true, "%s", m.text);
}

/* The next pool of the list (b): loaded, installed, its own ranges and axis; K and lambda stay. */
static bool next_pool(struct app *a)
{
	struct ui_sources *src = &a->sources;
	size_t next = (src->cur + a->pool_steps) % src->n;
	struct pool fresh = { 0 };
	struct pool_warnings w = { 0 };
	struct status_msg m;

	status_clear(&m);
	a->pool_steps = 0;
	if (src->n < 2) {
		ui_app_message(a, true, "no other pool to switch to");
		return false;
	}
	if (next == src->cur)
		return false;
	if (a->battery) {  /* --cost-unit says what the given table's costs are, not another's */
		ui_app_message(a, true, "battery mode stays on the pool given: its --cost-unit is "
			       "that table's");
		return false;
	}
	if (ui_sources_load(src, next, &fresh, &w, &m) != ST_OK) {
		ui_app_message(a, true, "%s", m.text);
		return false;
	}
	if (install_pool(a, &fresh, &m) != ST_OK) {
		pool_free(&fresh);
		ui_app_message(a, true, "%s", m.text);
		return false;
	}
	src->cur = next;
	a->path = src->list[next].label;
	fit_budget(a, sweep_default_spacing(&a->pools[a->cur]) == SWEEP_LOG);
	if (a->focus >= ui_app_sliders(a))  /* the Memory slider goes with a memory column */
		a->focus = 0;
	ui_app_message(a, w.n > 0, "pool %zu of %zu: %s, %zu models%s%s", next + 1, src->n,
		       src->list[next].label, a->pools[0].n, w.n > 0 ? "; " : "",
		       w.n > 0 ? w.text[0] : "");
	return true;
}

/* Act on reaction flags: at most one re-solve per frame, however many keys came in. */
static void react(struct app *a, unsigned flags)
{
	if ((flags & UI_R_NEXT_POOL) && next_pool(a))
		flags |= UI_R_REBUILD;
	if (flags & UI_R_REBUILD) {
		struct status_msg m;
		status_clear(&m);
		if (ui_whatif_rebuild(a, &m) != ST_OK) {
			snprintf(a->solve_error, sizeof a->solve_error, "%s", m.text);
			ui_app_message(a, true, "%s", m.text);
		}
		flags |= UI_R_SWEEP0 | UI_R_SWEEP1 | UI_R_RESOLVE;
	}
	if (flags & UI_R_SWEEP0)
		restart_sweep(a, 0);
	if (flags & UI_R_SWEEP1)
		restart_sweep(a, 1);
	if (flags & UI_R_RESOLVE)
		resolve(a);
	if ((flags & UI_R_EXPORT) && ui_schedule_busy(a)) {
		/* one export at a time: two writers could race for one file */
		ui_app_message(a, true, "a schedule export is running: wait for it, or Esc "
			       "cancels it");
	} else if (flags & UI_R_EXPORT) {
		char input[4096];
		if (ui_sources_is_input(&a->sources, a->export_path, input, sizeof input))
			ui_app_message(a, true, "not exported: %s is the input file %s", a->export_path,
				       input);
		else if (a->export_kind == UI_ASK_POLICY_FILE)
			export_policy(a);
		else if (a->export_kind == UI_ASK_SCHEDULE_FILE)
			ui_schedule_export(a);
		else if (a->export_kind == UI_ASK_FIGURE_FILE)
			ui_figure_export(a);
		else
			export_sweep(a);
	}
}

static void run_loop(struct app *a)
{
	unsigned flags = UI_R_RESOLVE | UI_R_SWEEP0 | UI_R_SWEEP1 | UI_R_REDRAW;

	while (!(flags & UI_R_QUIT) && ui_term_signal() == 0) {
		bool busy;
		int ch;

		react(a, flags);
		if (flags != 0)
			ui_screen_draw(a);
		flags = 0;
		if (ui_term_poll_resume(&a->term))
			flags |= UI_R_REDRAW;
		if (ui_schedule_poll(a))
			flags |= UI_R_REDRAW;
		busy = sweeping(a);
		/* idle: wake every 100 ms anyway, so a signal (or an export's progress) is noticed */
		timeout(busy ? 0 : 100);
		ch = getch();
		if (ch == ERR) {
			if (busy) {
				advance_sweeps(a);
				flags |= UI_R_REDRAW;
			}
			continue;
		}
		flags |= ui_input_key(a, ch) | UI_R_REDRAW;
		/* take every key already typed before solving: a burst costs one solve */
		timeout(0);
		while (!(flags & UI_R_QUIT) && (ch = getch()) != ERR)
			flags |= ui_input_key(a, ch);
	}
}

int app_run(const struct app_options *opt)
{
	struct app *a = calloc(1, sizeof *a);
	struct pool_warnings w = { 0 };
	struct status_msg m;
	enum status st;
	int sig;

	if (a == NULL) {
		fprintf(stderr, "optdeploy: out of memory\n");
		return status_exit_code(ST_INTERNAL);
	}
	status_clear(&m);
	a->battery = opt->battery;  /* install_pool charges the idle draw by them */
	a->bp = opt->bp;
	a->above_idle = opt->above_idle;
	st = load_pools(a, opt, &w, &m);
	if (st == ST_OK)
		st = start_values(a, opt, &m);
	if (st == ST_OK && w.n > 0)  /* models left out: said where the user looks */
		ui_app_message(a, false, "%s%s", w.text[0], w.n > 1 ? " (and more warnings)" : "");
	if (st == ST_OK)
		st = ui_term_open(&a->term, opt->ascii, &m);
	if (st != ST_OK) {
		free_app(a);
		fprintf(stderr, "optdeploy: %s\n", m.text);
		return status_exit_code(st);
	}
	run_loop(a);
	ui_schedule_stop(a);  /* a running export is cancelled: no file, the old one kept */
	sig = ui_term_signal();
	ui_term_close(&a->term);
	free_app(a);
	if (sig != 0) {
		ui_term_reraise(sig);
		return 128 + sig;
	}
	return 0;
}
