/* ui_table_totals.c - the policy table under its rows: accuracy, cost, battery, limits, time,
 * objective, the best single model and the LP gap. */
#include "optdeploy/ui/ui_table.h"
#include "optdeploy/ui/ui_table_lines.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "optdeploy/core/names.h"
#include "optdeploy/core/units.h"

long ui_table_best_single(const struct pool *pool, enum solve_mode mode, double limit)
{
	return ui_table_best_single_within(pool, mode, limit, INFINITY);
}

long ui_table_best_single_within(const struct pool *pool, enum solve_mode mode, double limit,
				 double memory_limit)
{
	long best = -1;

	for (size_t i = 0; i < pool->n; i++) {
		const struct model *m = &pool->models[i];
		const struct model *b = best >= 0 ? &pool->models[best] : NULL;
		/* a model the device cannot hold is no alternative */
		if (pool->has_memory && memory_limit >= 0 && m->memory > memory_limit)
			continue;
		if (mode == SOLVE_MAX_ACCURACY) {
			if (m->cost <= limit && (b == NULL || m->accuracy > b->accuracy ||
						 (m->accuracy == b->accuracy && m->cost < b->cost)))
				best = (long)i;
		} else if (m->accuracy >= limit && (b == NULL || m->cost < b->cost ||
						    (m->cost == b->cost && m->accuracy > b->accuracy))) {
			best = (long)i;
		}
	}
	return best;
}

/*
 * The battery's energy use: with the idle draw charged for idle time only
 * (whole-board energies) the costs solved are e - P t, so the battery's use
 * is the inferences' energy plus the draw over the idle time; else the
 * energy per inference against what the battery allows.
 */
static void energy_line(struct ui_table_cursor *c, const struct ui_table_input *in,
			const struct policy *p)
{
	const struct battery_params *bp = in->bp;
	const struct battery_plan *pl = in->plan;
	char per[32], used[32];

	if (in->idle_per_s > 0) {
		double busy_j = bp->idle_w * p->busy_time;
		double run_j = p->total_cost * bp->cost_unit_j + busy_j;
		units_format_energy(used, sizeof used, run_j);
		units_format_energy(per, sizeof per, pl->idle_j - busy_j);
		if ((int)snprintf(NULL, 0, "used      %s inferences + %s idle", used, per) <= c->r.w)
			ui_table_line(c, A_NORMAL, "used      %s inferences + %s idle", used, per);
		else
			ui_table_line(c, A_NORMAL, "used      %s + idle %s", used, per);
	} else {
		units_format_energy(per, sizeof per, pl->budget * bp->cost_unit_j);
		units_format_energy(used, sizeof used, p->expected_cost * bp->cost_unit_j);
		if (snprintf(NULL, 0, "energy    %s per inference, %s allowed", used, per) <= c->r.w)
			ui_table_line(c, A_NORMAL, "energy    %s per inference, %s allowed", used, per);
		else
			ui_table_line(c, A_NORMAL, "energy    %s each, %s allowed", used, per);
	}
}

/*
 * Battery mode: K over the duration, the energy, what the battery keeps.
 * The table's last lines: with two left the energy goes (the cost line says
 * it per inference), with one the battery and what it keeps share a line,
 * so a short screen (80 x 24) still shows them above the sliders.
 */
static void battery_lines(struct ui_table_cursor *c, const struct ui_table_input *in,
			  const struct policy *p)
{
	const struct battery_params *bp = in->bp;
	const struct battery_plan *pl = in->plan;
	double left = battery_left_j(bp, pl->duration_s, p->total_cost);
	bool short_by = left < -1e-12 * bp->battery_j;
	attr_t left_a = short_by ? ui_term_attr(c->t, UI_ERROR) : A_BOLD;
	int rows = c->r.y + c->r.h - c->y;
	char dur[64], cap[32], rest[32];

	units_format_duration(dur, sizeof dur, pl->duration_s);
	units_format_energy(cap, sizeof cap, bp->battery_j);
	/* a battery spent to the last bit can leave -1e-12 J: shown as 0 */
	units_format_energy(rest, sizeof rest, fabs(left) < 1e-12 * bp->battery_j ? 0.0 : fabs(left));
	if (rows == 1) {
		ui_table_line(c, left_a, short_by ? "battery   %s, short by %s" : "battery   %s, %s left", cap,
		     rest);
		return;
	}
	/* the duration goes when it does not fit (the Duration slider shows it) */
	if (snprintf(NULL, 0, "battery   %s, K = %lld in %s", cap, pl->k, dur) <= c->r.w)
		ui_table_line(c, A_NORMAL, "battery   %s, K = %lld in %s", cap, pl->k, dur);
	else
		ui_table_line(c, A_NORMAL, "battery   %s, K = %lld", cap, pl->k);
	if (rows >= 3)
		energy_line(c, in, p);
	ui_table_line(c, left_a, "left      %s%s of %s", short_by ? "short by " : "", rest, cap);
}

/* The device limits in force, with the memory the policy's models take together. */
static void limits_line(struct ui_table_cursor *c, const struct ui_table_input *in,
			const struct policy *p)
{
	bool mem = in->work->has_memory && isfinite(p->params.memory_limit) &&
		   p->params.memory_limit >= 0;
	double used = 0;
	char models[48] = "";

	if (p->params.max_models == 0 && !mem)
		return;
	for (size_t j = 0; j < p->n && j < in->work->n; j++)
		if (p->count[j] > 0)
			used += in->work->models[j].memory;
	if (p->params.max_models > 0)
		snprintf(models, sizeof models, "at most %zu model%s", p->params.max_models,
			 p->params.max_models == 1 ? "" : "s");
	if (mem) {
		char f[2][160];
		snprintf(f[0], sizeof f[0], "limits    %s%smemory %.6g of %.6g", models,
			 models[0] ? ", " : "", used, p->params.memory_limit);
		/* narrow (80 columns): "2 models, memory 74.5 of 100" */
		snprintf(f[1], sizeof f[1], "limits    %s%smemory %.6g of %.6g",
			 models[0] ? models + strlen("at most ") : "", models[0] ? ", " : "", used,
			 p->params.memory_limit);
		ui_table_fit(c, A_NORMAL, (const char *const[]){ f[0], f[1] }, 2);
	} else {
		ui_table_line(c, A_NORMAL, "limits    %s", models);
	}
}

/* The time constraints in force: the busy share live, and the models the deadline leaves out. */
static void time_line(struct ui_table_cursor *c, const struct ui_table_input *in,
		      const struct policy *p)
{
	const struct solve_params *sp = &p->params;
	char dl[48] = "";
	if (sp->deadline > 0) {
		size_t slow = 0;
		for (size_t j = 0; j < in->work->n; j++)
			slow += in->work->models[j].latency > sp->deadline * (1 + 1e-9);
		snprintf(dl, sizeof dl, "%zu over %.3g ms", slow, sp->deadline * 1e3);
	}
	if (sp->rate > 0) {
		double seconds = (double)sp->k / sp->rate;
		double duty = sp->duty_cycle > 0 ? sp->duty_cycle : 1;
		char f[2][160];
		snprintf(f[0], sizeof f[0], "busy      %.3g%% of the time, max %.3g%%%s%s",
			 100 * p->busy_time / seconds, 100 * duty, dl[0] ? "; " : "", dl);
		snprintf(f[1], sizeof f[1], "busy      %.3g%%, max %.3g%%%s%s",
			 100 * p->busy_time / seconds, 100 * duty, dl[0] ? "; " : "", dl);
		ui_table_fit(c, A_NORMAL, (const char *const[]){ f[0], f[1] }, 2);
	} else if (dl[0]) {
		ui_table_line(c, A_NORMAL, "deadline  %s", dl);
	}
}

/*
 * "cost      6.3976 GFLOPS  budget 6.4 GFLOPS (99.96%)": the longest form that
 * fits the width, so a unit is never cut ("6.4 GFLO"): the unit goes from the
 * budget first, then the word "budget", then the share of the budget used.
 */
static void cost_line(struct ui_table_cursor *c, const struct policy *p, const char *u)
{
	double pct = p->params.budget > 0 ? 100 * p->expected_cost / p->params.budget : 0.0;
	char buf[4][160];

	snprintf(buf[0], sizeof buf[0], "cost      %.4f%s  budget %g%s (%.2f%%)", p->expected_cost,
		 u, p->params.budget, u, pct);
	snprintf(buf[1], sizeof buf[1], "cost      %.4f%s  budget %g (%.2f%%)", p->expected_cost,
		 u, p->params.budget, pct);
	snprintf(buf[2], sizeof buf[2], "cost      %.4f%s of %g (%.2f%%)", p->expected_cost, u,
		 p->params.budget, pct);
	snprintf(buf[3], sizeof buf[3], "cost      %.4f%s of %g", p->expected_cost, u,
		 p->params.budget);
	for (int i = 0; i < 4; i++)
		if (i == 3 || (int)strlen(buf[i]) <= c->r.w) {
			ui_table_line(c, A_NORMAL, "%s", buf[i]);
			return;
		}
}

/* How many models the policy uses, with K and lambda where they fit. */
static void models_line(struct ui_table_cursor *c, const struct ui_table_input *in,
			const struct policy *p)
{
	char f[3][160];

	snprintf(f[0], sizeof f[0], "models    %zu of %zu used, K = %lld, %s = %.6g",
		 p->models_used, in->work->n, p->params.k, c->t->g->lambda, p->params.lambda);
	snprintf(f[1], sizeof f[1], "models    %zu of %zu used, %s = %.6g", p->models_used,
		 in->work->n, c->t->g->lambda, p->params.lambda);
	snprintf(f[2], sizeof f[2], "models    %zu of %zu used", p->models_used, in->work->n);
	ui_table_fit(c, A_NORMAL, (const char *const[]){ f[0], f[1], f[2] }, 3);
}

/* The LP relaxation's rounding: the gap to the exact policy, and Theorem 3.2's bound. */
static void lp_lines(struct ui_table_cursor *c, const struct policy *p)
{
	double gap = ui_table_tidy(p->exact_accuracy - p->expected_accuracy);
	char f[2][160];

	/* above: the rounded mix is more accurate, and pays for it in loading cost */
	snprintf(f[0], sizeof f[0], "LP gap    %.6f accuracy %s the exact %.4f", fabs(gap),
		 gap < 0 ? "above" : "below", p->exact_accuracy);
	snprintf(f[1], sizeof f[1], "LP gap    %.6f %s exact %.4f", fabs(gap),
		 gap < 0 ? "above" : "below", p->exact_accuracy);
	ui_table_fit(c, A_NORMAL, (const char *const[]){ f[0], f[1] }, 2);
	snprintf(f[0], sizeof f[0], "Thm 3.2   rounding loses at most %.6f", p->theorem_bound);
	snprintf(f[1], sizeof f[1], "Thm 3.2   loses at most %.6f", p->theorem_bound);
	ui_table_fit(c, A_NORMAL, (const char *const[]){ f[0], f[1] }, 2);
}

/*
 * The best single model against the mix ("single    maxvit_t 83.70, +0.1579"):
 * a long name is cut in the middle so that the figures after it show whole.
 */
static void single_line(struct ui_table_cursor *c, const struct ui_table_input *in,
			const struct policy *p, long best)
{
	bool primal = p->params.mode == SOLVE_MAX_ACCURACY;
	const struct model *b;
	char tail[96], name[160];
	int room;

	if (best < 0) {
		ui_table_line(c, A_NORMAL, "single    no model alone is within the %s",
			      primal ? "budget" : "floor");
		return;
	}
	b = &in->work->models[best];
	if (primal)
		snprintf(tail, sizeof tail, " %.2f, %+.4f", b->accuracy,
			 p->expected_accuracy - b->accuracy);
	else
		snprintf(tail, sizeof tail, " alone costs %.2f; mix saves %.4f",
			 b->cost + in->idle_per_s * b->latency, b->cost - p->expected_cost);
	if (!primal && 10 + 4 + ui_text_width(tail) > c->r.w)  /* narrow: the figures first */
		snprintf(tail, sizeof tail, " costs %.2f; saves %.4f",
			 b->cost + in->idle_per_s * b->latency, b->cost - p->expected_cost);
	room = c->r.w - 10 - ui_text_width(tail);
	if (room >= 4 && ui_text_width(b->name) > room)
		names_crop(name, sizeof name, b->name, (size_t)room, names_mark(c->t->utf8));
	else
		snprintf(name, sizeof name, "%s", b->name);
	ui_table_line(c, A_NORMAL, "single    %s%s", name, tail);
}

void ui_table_totals(struct ui_table_cursor *c, const struct ui_table_input *in)
{
	const struct policy *p = in->pol;
	bool primal = p->params.mode == SOLVE_MAX_ACCURACY;
	const char *u = cost_unit_suffix(&in->work->unit);  /* " mJ" */
	long best;

	ui_table_line(c, A_BOLD, "accuracy  %.4f  expected, sum p x / K", p->expected_accuracy);
	if (in->idle_per_s > 0 && in->bp != NULL) {
		/* whole-board: the costs solved are e - P t, the budget is theirs (the slider) */
		char e[32];
		units_format_energy(e, sizeof e, (p->total_cost * in->bp->cost_unit_j +
						  in->bp->idle_w * p->busy_time) / (double)p->params.k);
		if ((int)snprintf(NULL, 0, "energy    %s per inference, whole-board", e) <= c->r.w)
			ui_table_line(c, A_NORMAL, "energy    %s per inference, whole-board", e);
		else
			ui_table_line(c, A_NORMAL, "energy    %s each, whole-board", e);
	} else if (primal) {
		cost_line(c, p, u);
	} else {
		char f[2][160];
		snprintf(f[0], sizeof f[0], "cost      %.4f%s  for floor %g", p->expected_cost, u,
			 p->params.min_accuracy);
		snprintf(f[1], sizeof f[1], "cost      %.4f%s, floor %g", p->expected_cost, u,
			 p->params.min_accuracy);
		ui_table_fit(c, A_NORMAL, (const char *const[]){ f[0], f[1] }, 2);
	}
	/* battery mode: what the battery gives and keeps comes before the details */
	if (in->plan != NULL)
		battery_lines(c, in, p);
	limits_line(c, in, p);
	time_line(c, in, p);
	ui_table_line(c, A_NORMAL, "objective %.10g", p->objective);
	models_line(c, in, p);
	best = ui_table_best_single_within(in->work, p->params.mode,
					   primal ? p->params.budget : p->params.min_accuracy,
					   p->params.memory_limit);
	single_line(c, in, p, best);
	if (p->params.method == SOLVE_RELAXED)
		lp_lines(c, p);
}

double ui_table_tidy(double diff)
{
	/* what %.6f would show as 0.000000 or -0.000000 is 0 */
	return fabs(diff) < 5e-7 ? 0.0 : diff;
}
