/* ui_screen.c - lays out and draws one frame from the planner state; never solves. */
#include "optdeploy/ui/ui_screen.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "optdeploy/core/units.h"
#include "optdeploy/ui/ui_help.h"
#include "optdeploy/ui/ui_keys.h"
#include "optdeploy/ui/ui_status.h"
#include "optdeploy/ui/ui_table.h"

/* Rows the plot, sliders and table keep before the heatmaps get any. */
#define TOP_MIN 14
/* Rows they keep before the heatmaps take two rows per model. */
#define TOP_ROOMY 24

/* help and quit are always offered: the other hints fill what they leave, in table order */
static bool hint_kept(const struct ui_key_row *row)
{
	return row->action == UI_ACT_HELP || row->action == UI_ACT_QUIT;
}

/* Append the hints of the rows with hint_kept() == kept while they fit in room columns. */
static size_t add_hints(char *buf, size_t size, size_t used, bool kept, int room)
{
	size_t n;
	const struct ui_key_row *rows = ui_keys_table(&n);

	for (size_t i = 0; i < n; i++) {
		int w;
		if (rows[i].hint_keys == NULL || hint_kept(&rows[i]) != kept)
			continue;
		w = snprintf(buf + used, size - used, "%s%s %s", used > 0 ? "  " : "",
			     rows[i].hint_keys, rows[i].hint);
		/* the hints are shortened to fit: whole hints only */
		if (w < 0 || used + (size_t)w >= size || (int)(used + (size_t)w) > room) {
			buf[used] = '\0';
			break;
		}
		used += (size_t)w;
	}
	return used;
}

static void title_bar(const struct app *a)
{
	const struct ui_term *t = &a->term;
	attr_t ta = ui_term_attr(t, UI_TITLE);
	char hints[256], tail[64];
	size_t used, tail_w;
	int x;

	ui_hfill(0, 0, COLS, L' ', ta);
	x = ui_text(t, 0, 1, COLS - 1, ta, "optdeploy");
	hints[0] = tail[0] = '\0';
	tail_w = add_hints(tail, sizeof tail, 0, true, COLS - x - 4);
	used = add_hints(hints, sizeof hints, 0, false, COLS - x - 4 - (int)tail_w - 2);
	if (tail_w > 0)
		used += (size_t)snprintf(hints + used, sizeof hints - used, "%s%s",
					 used > 0 ? "  " : "", tail);
	ui_text(t, 0, COLS - 1 - (int)used, (int)used, ta, hints);
}

/*
 * The duration slider, for people as lifetime prints it: "2 h 30 min", and
 * with the seconds when there is room ("2 h 30 min (9000 s)").
 */
static void duration_labels(const struct ui_param *p, char *val, char *brief, char *tiny,
			    char *rng, size_t size, const char *dots)
{
	char human[40], lo[40], hi[40];  /* "1 d 2 h 46 min 40.5 s" */
	size_t n = 0;

	units_format_duration(human, sizeof human, p->value);
	units_format_duration(lo, sizeof lo, p->min);
	units_format_duration(hi, sizeof hi, p->max);
	snprintf(brief, size, "%s", human);
	/* tiny: without the space between a number and its unit, as --duration reads it */
	for (size_t i = 0; human[i] != '\0' && n + 1 < size; i++)
		if (!(human[i] == ' ' && i > 0 && human[i - 1] >= '0' && human[i - 1] <= '9'))
			tiny[n++] = human[i];
	tiny[n] = '\0';
	if (p->value < 60)  /* "30 s" says it already */
		snprintf(val, size, "%s", human);
	else
		snprintf(val, size, "%s (%.10g s)", human, p->value);
	snprintf(rng, size, "%s %s %s, log", lo, dots, hi);
}

/* The time sliders: "100 ms" or "none" at the deadline's top, "10/s" or "none" at the rate's bottom. */
static void time_labels(const struct app *a, const struct ui_param *p, bool deadline, char *val,
			char *brief, char *rng, size_t size, const char *dots)
{
	bool none = deadline ? p->value >= p->max : !a->battery && p->value <= p->min;
	if (none)
		snprintf(val, size, deadline ? "none (every model)" : "none (no time row)");
	else if (deadline)
		snprintf(val, size, "%.3g ms", p->value);
	else
		snprintf(val, size, "%.3g/s", p->value);
	snprintf(brief, size, "%s", none ? "none" : val);
	if (deadline)
		snprintf(rng, size, "%.3g %s %.3g ms (none), log", p->min, dots, p->max);
	else
		snprintf(rng, size, "%s%.3g %s %.3g/s, log", a->battery ? "" : "(none) ", p->min, dots,
			 p->max);
}

/*
 * The policy's busy share after the rate ("10/s busy 43.3%"): the slider is
 * always on screen, the table's busy line not at 80 x 24.
 */
static void busy_label(const struct app *a, char *val, char *brief, size_t size)
{
	const struct policy *p = &a->pol;
	if (!a->have_pol || !policy_has_counts(p) || !(p->params.rate > 0) || p->params.k <= 0)
		return;
	double share = 100 * p->busy_time * p->params.rate / (double)p->params.k;
	size_t n = strlen(val), b = strlen(brief);
	snprintf(val + n, size - n, ", busy %.3g%% of the time", share);
	snprintf(brief + b, size - b, " busy %.3g%%", share);
}

/* A device limit: "2 of 5" or "no limit" at the track's top. */
static void limit_labels(const struct ui_param *p, bool models, char *val, char *brief, char *rng,
			 size_t size)
{
	if (p->value >= p->max)
		snprintf(val, size, "no limit");
	else if (models)
		snprintf(val, size, "%.0f of %.0f", p->value, p->max);
	else if (p->max >= 1000)  /* the total in whole units: "1000 of 34465" fits at 80 columns */
		snprintf(val, size, "%.6g of %.0f", p->value, p->max);
	else
		snprintf(val, size, "%.6g of %.6g", p->value, p->max);
	snprintf(brief, size, "%s", val);
	snprintf(rng, size, models ? "1 %s %.0f (none)" : "0 %s %.6g (none)", "..", p->max);
}

static void sliders(struct app *a, struct ui_rect r, struct ui_rect limits)
{
	const struct ui_glyphs *g = a->term.g;
	struct ui_slider_view v[UI_SLIDERS];
	char val[UI_SLIDERS][96], brief[UI_SLIDERS][96], rng[UI_SLIDERS][96];
	char tiny[UI_SLIDERS][96];  /* "" for none: the brief form is the shortest */
	char lo[40], hi[40], abs_l[40];

	for (int i = 0; i < ui_app_sliders(a); i++) {
		enum ui_param_id id = ui_app_slider_param(a, i);
		const struct ui_param *p = &a->params[id];
		ui_param_format(p, p->value, val[i], sizeof val[i]);
		snprintf(brief[i], sizeof brief[i], "%s", val[i]);
		tiny[i][0] = '\0';
		ui_param_format(p, p->min, lo, sizeof lo);
		ui_param_format(p, p->max, hi, sizeof hi);
		snprintf(rng[i], sizeof rng[i], "%s %s %s", lo, g->dots, hi);
		if (id == UI_P_LAMBDA && a->battery && !a->plan_ok) {
			/* this duration has no K: lambda is only the multiple, nothing stale */
			snprintf(brief[i], sizeof brief[i], "%sK", val[i]);
			snprintf(val[i] + strlen(val[i]), sizeof val[i] - strlen(val[i]),
				 " %s K, no K at this duration", g->times);
			snprintf(rng[i], sizeof rng[i], "%s %s %s %s K", lo, g->dots, hi, g->times);
		} else if (id == UI_P_LAMBDA) {
			struct solve_params sp = ui_app_solve_params(a);
			snprintf(abs_l, sizeof abs_l, "%.10g", sp.lambda);
			snprintf(brief[i], sizeof brief[i], "%sK = %s", val[i], abs_l);
			snprintf(val[i] + strlen(val[i]), sizeof val[i] - strlen(val[i]), " %s K = %s",
				 g->times, abs_l);
			snprintf(rng[i], sizeof rng[i], "%s %s %s %s K", lo, g->dots, hi, g->times);
		} else if (id == UI_P_DURATION) {
			duration_labels(p, val[i], brief[i], tiny[i], rng[i], sizeof val[i], g->dots);
		} else if (id == UI_P_BUDGET && a->battery && !a->plan_ok) {
			snprintf(val[i], sizeof val[i], "none at this duration");
			snprintf(brief[i], sizeof brief[i], "none");
		} else if (id == UI_P_BUDGET && a->battery) {
			/* B / K to round-trip precision is the solver's; people read six digits */
			/* idle for idle time only: the budget is of e - P t, the energy above idle */
			bool above = ui_app_idle_per_s(a) > 0;
			snprintf(val[i], sizeof val[i], "%.6g %s%s, from the battery", p->value,
				 a->cost_unit != NULL ? a->cost_unit : "",
				 above ? " above idle (e - P t)" : "");
			snprintf(brief[i], sizeof brief[i], "%.6g %s%s", p->value,
				 a->cost_unit != NULL ? a->cost_unit : "", above ? " above idle" : "");
			/* the sliders' label column is at most 3/5 of the width: "e-Pt" then */
			if (above && 4 + (int)strlen(p->name) + (int)strlen(brief[i]) > r.w * 3 / 5)
				snprintf(brief[i], sizeof brief[i], "%.6g %s e-Pt", p->value,
					 a->cost_unit != NULL ? a->cost_unit : "");
		} else if (id == UI_P_DEADLINE || id == UI_P_RATE) {
			time_labels(a, p, id == UI_P_DEADLINE, val[i], brief[i], rng[i], sizeof val[i],
				    g->dots);
			if (id == UI_P_RATE)
				busy_label(a, val[i], brief[i], sizeof val[i]);
		} else if (id == UI_P_BUDGET) {  /* the budget in the pool's cost unit */
			const char *u = cost_unit_suffix(&ui_app_loaded(a)->unit);
			/* tiny: the number alone ("1016.717", the axis and table say GFLOPS) */
			if (u[0] != '\0')
				snprintf(tiny[i], sizeof tiny[i], "%s", val[i]);
			snprintf(val[i] + strlen(val[i]), sizeof val[i] - strlen(val[i]), "%s", u);
			snprintf(brief[i], sizeof brief[i], "%s", val[i]);
			snprintf(rng[i] + strlen(rng[i]), sizeof rng[i] - strlen(rng[i]), "%s%s",
				 u, p->scale == UI_LOG ? ", log" : "");
		} else if (id == UI_P_MAX_MODELS || id == UI_P_MEMORY) {
			limit_labels(p, id == UI_P_MAX_MODELS, val[i], brief[i], rng[i], sizeof val[i]);
		} else if (id == UI_P_K) {
			snprintf(rng[i], sizeof rng[i], "%s %s 1e9, log", lo, g->dots);
		} else if (p->scale == UI_LOG) {
			snprintf(rng[i], sizeof rng[i], "%s %s %s, log", lo, g->dots, hi);
		}
		v[i] = (struct ui_slider_view){ p, val[i], brief[i], rng[i],
						i == a->focus && a->pane == UI_PANE_SLIDERS,
						tiny[i][0] != '\0' ? tiny[i] : NULL };
	}
	ui_sliders_draw(&a->term, r, v, UI_MAIN_SLIDERS, &a->sliders);
	/* the device limits: one line each, at the bottom of the right column */
	ui_sliders_draw(&a->term, limits, v + UI_MAIN_SLIDERS, ui_app_sliders(a) - UI_MAIN_SLIDERS,
			&a->limit_sliders);
}

/* What heatmap i (0: lambda = 0, 1: the current lambda) draws. */
static struct ui_heatmap_input heat_input(const struct app *a, int i, const char *title,
					  double mark)
{
	return (struct ui_heatmap_input){
		title, a->sweep_live[i] ? &a->sweeps[i] : NULL, mark, ui_app_loaded(a), a->excluded,
		a->cursor, a->pane == UI_PANE_MODELS,
		a->sweep_live[i] && a->sweeps[i].spacing == SWEEP_LOG,
		a->sweep_live[1 - i] ? &a->sweeps[1 - i] : NULL, a->heat_all_rows,
	};
}

/* Model rows the heatmaps draw; *line 1 when a line counts the others. */
static int heat_rows(const struct app *a, int *line)
{
	size_t others = 0, rows;
	struct ui_heatmap_input in = heat_input(a, a->sweep_live[1] ? 1 : 0, "", NAN);

	*line = 0;
	if (!a->sweep_live[0] && !a->sweep_live[1])
		return (int)ui_app_loaded(a)->n;
	rows = ui_heatmap_rows(&in, &others);
	*line = others > 0;
	return (int)rows;
}

static void heatmaps(struct app *a, struct ui_rect r)
{
	const struct ui_term *t = &a->term;
	struct solve_params sp = ui_app_solve_params(a);
	double mark = NAN;
	char title[UI_SWEEPS][128];
	int shown = 0, x = r.x, w;

	memset(a->heat_geom, 0, sizeof a->heat_geom);
	if (a->mode == SOLVE_MAX_ACCURACY)
		mark = sp.budget;
	else if (a->have_pol && policy_has_counts(&a->pol))
		mark = a->pol.expected_cost;
	x += ui_text(t, r.y, x, r.w, ui_term_attr(t, UI_LABEL), "Allocation by budget");
	x += ui_text(t, r.y, x, r.x + r.w - x, ui_term_attr(t, UI_DIM),
		     a->log_axis ? " (log axis)  " : " (linear axis)  ");
	ui_heatmap_legend(t, r.y, x, r.x + r.w - x);
	snprintf(title[0], sizeof title[0], "Fig. 4: %s = 0", t->g->lambda);
	if (a->battery && !a->plan_ok)  /* no K at this duration: lambda is only its multiple */
		snprintf(title[1], sizeof title[1], "Fig. 5: %s = %.10g K", t->g->lambda,
			 a->params[UI_P_LAMBDA].value);
	else
		snprintf(title[1], sizeof title[1], "Fig. 5: %s = %.10g (%.10g K)", t->g->lambda,
			 sp.lambda, a->params[UI_P_LAMBDA].value);
	for (int i = 0; i < UI_SWEEPS; i++)
		shown += ui_app_sweep_shown(a, i);
	w = shown == 2 ? (r.w - 2) / 2 : r.w;
	x = r.x;
	for (int i = 0; i < UI_SWEEPS; i++) {
		struct ui_heatmap_input in = heat_input(a, i, title[i], mark);
		if (!ui_app_sweep_shown(a, i))
			continue;
		if (!a->sweep_live[i] && a->sweep_error[i][0] != '\0') {
			snprintf(title[i] + strlen(title[i]), sizeof title[i] - strlen(title[i]),
				 ": %s", a->sweep_error[i]);
			/* a heading never loses its end unmarked (the status line has it all) */
			ui_text_cut_end(title[i], sizeof title[i], w, t->g->dots);
		}
		ui_heatmap_draw(t, (struct ui_rect){ r.y + 1, x, r.h - 1, w }, &in, &a->heat_geom[i]);
		x += w + 2;
	}
}

/* Text centred over as many lines as the width needs, broken at spaces; the next free line. */
static int centred(struct app *a, int y, attr_t at, const char *s)
{
	while (*s != '\0' && y < LINES) {
		int n = (int)strlen(s), x;
		if (n > COLS) {
			n = COLS;
			while (n > 0 && s[n] != ' ')
				n--;
			n = n > 0 ? n : COLS;
		}
		x = COLS > n ? (COLS - n) / 2 : 0;
		ui_textf(&a->term, y++, x, COLS - x, at, "%.*s", n, s);
		s += n;
		while (*s == ' ')
			s++;
	}
	return y;
}

/*
 * One line when it fits, else "terminal too small:" over "need 80x24 (now
 * 40x10)": even a narrow terminal reads the size it has, never a cut end.
 */
static void too_small(struct app *a)
{
	char need[64], all[96];
	int y = LINES / 2;

	a->too_small = true;
	snprintf(need, sizeof need, "need %dx%d (now %dx%d)", UI_MIN_COLS, UI_MIN_LINES, COLS,
		 LINES);
	if (snprintf(all, sizeof all, "terminal too small: %s", need) <= COLS) {
		y = centred(a, y, A_BOLD, all);
	} else {
		y = centred(a, y > 0 ? y - 1 : 0, A_BOLD, "terminal too small:");
		y = centred(a, y, A_BOLD, need);
	}
	centred(a, y, A_NORMAL, "q quits");
}

void ui_screen_draw(struct app *a)
{
	const struct pool *pool = ui_app_loaded(a);
	int status_h = ui_status_rows(a, COLS), body = LINES - 1 - status_h;
	int heat_h, top_h, gap, rw, sh, lh, rows, others_line;

	erase();
	memset(&a->sliders, 0, sizeof a->sliders);
	memset(&a->limit_sliders, 0, sizeof a->limit_sliders);
	memset(a->heat_geom, 0, sizeof a->heat_geom);
	a->table_geom.rows = (struct ui_rect){ 0, 0, 0, 0 };
	a->plot_shown = false;
	a->too_small = false;
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_LINES) {
		too_small(a);
		refresh();
		return;
	}
	/* heatmaps: legend, title, a row per model (two when roomy), axis; a blank line above if it fits */
	rows = heat_rows(a, &others_line);
	heat_h = rows + others_line + 3;
	if (heat_h + rows + 1 <= body - TOP_ROOMY)
		heat_h += rows;
	/* a long pool's heatmaps scroll with the model table: the top keeps over half the rows */
	top_h = body * 55 / 100 > TOP_MIN ? body * 55 / 100 : TOP_MIN;
	if (heat_h > body - top_h)
		heat_h = body - top_h;
	gap = body - heat_h > TOP_MIN ? 1 : 0;
	top_h = body - heat_h - gap;
	rw = COLS * 46 / 100;
	rw = rw < 40 ? 40 : rw > 60 ? 60 : rw;
	title_bar(a);
	{
		struct solve_params sp = ui_app_solve_params(a);  /* the deadline, memory, rate */
		struct ui_plot_input in = {
			ui_app_pool(a), pool, a->excluded, &a->hull,
			a->sweep_live[1] ? &a->sweeps[1] : NULL,
			a->have_pol ? &a->pol : NULL, a->mode,
			a->params[UI_P_BUDGET].value, a->params[UI_P_FLOOR].value, a->log_axis,
			ui_app_idle_per_s(a) > 0, &sp,
		};
		a->plot_shown = ui_plot_draw(&a->term, (struct ui_rect){ 1, 0, top_h, COLS - rw - 1 },
					     &in, &a->plot);
	}
	/* below 20 rows the sliders go one line each, so the table keeps room */
	sh = top_h >= 20 ? UI_SLIDERS_TALL(UI_MAIN_SLIDERS) : UI_SLIDERS_SHORT(UI_MAIN_SLIDERS);
	lh = ui_app_sliders(a) - UI_MAIN_SLIDERS;
	sliders(a, (struct ui_rect){ 1, COLS - rw, sh, rw },
		(struct ui_rect){ 1 + top_h - lh, COLS - rw, lh, rw });
	{
		struct ui_table_input in = {
			pool, ui_app_pool(a), a->work_map, a->excluded, a->have_pol ? &a->pol : NULL,
			a->solve_error, a->cursor, a->pane == UI_PANE_MODELS,
			a->battery ? &a->bp : NULL, a->battery && a->plan_ok ? &a->plan : NULL,
			ui_app_idle_per_s(a),
		};
		/* a short table in battery mode (80 x 24) takes the blank line under the
		 * sliders, so its battery line stays above the device limits */
		int gap_t = a->battery && top_h - sh - 1 - lh < 10 ? 0 : 1;
		ui_table_draw(&a->term,
			      (struct ui_rect){ 1 + gap_t + sh, COLS - rw, top_h - sh - gap_t - lh, rw },
			      &in, &a->table_geom);
	}
	heatmaps(a, (struct ui_rect){ 1 + top_h + gap, 0, heat_h, COLS });
	ui_status_draw(a, status_h, LINES, COLS);
	if (a->overlay == UI_OV_HELP)
		ui_help_draw(&a->term, LINES, COLS, &a->help_top);
	refresh();
}
