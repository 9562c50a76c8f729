/* ui_table.c - the policy table: models used, totals, best single model, LP gap, solve status. */
#include "optdeploy/ui/ui_table.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct cursor {
	const struct ui_term *t;
	struct ui_rect r;
	int y;
};

static bool room(const struct cursor *c)
{
	return c->y < c->r.y + c->r.h;
}

/* One line of the table, clipped to the rectangle; a full table just stops. */
static void line(struct cursor *c, attr_t a, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void line(struct cursor *c, attr_t a, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	if (!room(c))
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	ui_text(c->t, c->y++, c->r.x, c->r.w, a, buf);
}

/* A long message over as many lines as it needs, broken at spaces. */
static void wrapped(struct cursor *c, attr_t a, const char *text)
{
	char buf[512];
	int w = c->r.w;

	while (*text != '\0' && room(c)) {
		int len = (int)strlen(text), cut = len;
		if (len > w) {
			cut = w;
			while (cut > 0 && text[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = w;
		}
		snprintf(buf, sizeof buf, "%.*s", cut, text);
		line(c, a, "%s", buf);
		text += cut;
		while (*text == ' ')
			text++;
	}
}

long ui_table_best_single(const struct pool *pool, enum solve_mode mode, double limit)
{
	long best = -1;

	for (size_t i = 0; i < pool->n; i++) {
		const struct model *m = &pool->models[i];
		const struct model *b = best >= 0 ? &pool->models[best] : NULL;
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

/* A share bar of w cells: eighth blocks in UTF-8, '#' otherwise. */
static void bar(const struct ui_term *t, int y, int x, int w, double share)
{
	static const wchar_t eighths[8] = { L' ', L'▏', L'▎', L'▍', L'▌', L'▋', L'▊', L'▉' };
	int units = (int)lround(share * w * (t->utf8 ? 8 : 1));
	attr_t a = ui_term_attr(t, UI_BAR);

	for (int i = 0; i < w; i++) {
		int u = units - i * (t->utf8 ? 8 : 1);
		if (u <= 0)
			break;
		if (!t->utf8 || u >= 8)
			ui_put(y, x + i, t->g->bar_full, a);
		else
			ui_put(y, x + i, eighths[u], a);
	}
}

/* Column widths: the bar takes what the name (up to 17 characters) leaves, when 4 or more. */
static void widths(const struct ui_table_input *in, int total, int cw, int *nw, int *bw)
{
	int longest = 5;

	for (size_t i = 0; i < in->pool->n; i++)
		if (in->pol->count[i] > 0 && ui_text_width(in->pool->models[i].name) > longest)
			longest = ui_text_width(in->pool->models[i].name);
	*nw = longest > 17 ? 17 : longest;
	*bw = total - (cw + 26) - *nw - 1;
	if (*bw < 4 && *nw > 10) {
		*nw -= 4 - *bw;
		*nw = *nw < 10 ? 10 : *nw;
		*bw = total - (cw + 26) - *nw - 1;
	}
	if (*bw < 4) {
		*bw = 0;
		*nw = total - (cw + 26);
		*nw = *nw > 17 ? 17 : *nw < 4 ? 4 : *nw;
	}
	*bw = *bw > 12 ? 12 : *bw;
}

static void model_rows(struct cursor *c, const struct ui_table_input *in)
{
	const struct policy *p = in->pol;
	long long k = p->params.k;
	int cw = snprintf(NULL, 0, "%lld", k), nw, bw;

	cw = cw < 5 ? 5 : cw;
	widths(in, c->r.w, cw, &nw, &bw);
	/* each header right-aligned over its figures: share x cost, share x accuracy */
	line(c, ui_term_attr(c->t, UI_DIM), "%-*s %*s  share %*s%s %7s %8s",
	     nw, "model", cw, "count", bw, "", bw > 0 ? " " : "", "cost", "accuracy");
	for (size_t i = 0; i < p->n && room(c); i++) {
		const struct model *m = &in->pool->models[i];
		double share = (double)p->count[i] / (double)k;
		int y = c->y;
		if (p->count[i] == 0)
			continue;
		/* the name by display columns (names may be UTF-8), the figures after it */
		ui_text(c->t, y, c->r.x, nw, A_NORMAL, m->name);
		ui_textf(c->t, y, c->r.x + nw, c->r.w - nw, A_NORMAL, " %*lld %5.1f%% %*s%s %7.2f %8.2f",
			 cw, p->count[i], 100 * share, bw, "", bw > 0 ? " " : "", share * m->cost,
			 share * m->accuracy);
		c->y++;
		if (bw > 0)
			bar(c->t, y, c->r.x + nw + cw + 9, bw, share);
	}
}

static void totals(struct cursor *c, const struct ui_table_input *in)
{
	const struct policy *p = in->pol;
	bool primal = p->params.mode == SOLVE_MAX_ACCURACY;
	const struct model *b;
	long best;

	line(c, A_BOLD, "accuracy  %.4f  expected, sum p x / K", p->expected_accuracy);
	if (primal)
		line(c, A_NORMAL, "cost      %.4f  budget %g (%.2f%%)", p->expected_cost,
		     p->params.budget,
		     p->params.budget > 0 ? 100 * p->expected_cost / p->params.budget : 0.0);
	else
		line(c, A_NORMAL, "cost      %.4f  for floor %g", p->expected_cost,
		     p->params.min_accuracy);
	line(c, A_NORMAL, "objective %.10g", p->objective);
	line(c, A_NORMAL, "models    %zu of %zu used, K = %lld, %s = %.6g", p->models_used,
	     in->pool->n, p->params.k, c->t->g->lambda, p->params.lambda);
	best = ui_table_best_single(in->pool, p->params.mode,
				    primal ? p->params.budget : p->params.min_accuracy);
	if (best < 0)
		line(c, A_NORMAL, "single    no model alone is within the %s", primal ? "budget" : "floor");
	else if (b = &in->pool->models[best], primal)
		line(c, A_NORMAL, "single    %s alone %.2f; mix %+.4f", b->name, b->accuracy,
		     p->expected_accuracy - b->accuracy);
	else
		line(c, A_NORMAL, "single    %s alone costs %.2f; mix saves %.4f", b->name, b->cost,
		     b->cost - p->expected_cost);
	if (p->params.method == SOLVE_RELAXED) {
		double gap = ui_table_tidy(p->exact_accuracy - p->expected_accuracy);
		/* above: the rounded mix is more accurate, and pays for it in loading cost */
		line(c, A_NORMAL, "LP gap    %.6f accuracy %s the exact %.4f", fabs(gap),
		     gap < 0 ? "above" : "below", p->exact_accuracy);
		line(c, A_NORMAL, "Thm 3.2   rounding loses at most %.6f", p->theorem_bound);
	}
}

void ui_table_title(char *buf, size_t size, const struct policy *p)
{
	/* the rounded LP answer is not an "outcome" a reader knows: say what it is */
	if (p->outcome == SOLVE_ROUNDED)
		snprintf(buf, size, "LP floor-rounded");
	else
		snprintf(buf, size, "%s %s", p->params.method == SOLVE_EXACT ? "ILP" : "LP",
			 solve_outcome_name(p->outcome));
}

double ui_table_tidy(double diff)
{
	/* what %.6f would show as 0.000000 or -0.000000 is 0 */
	return fabs(diff) < 5e-7 ? 0.0 : diff;
}

void ui_table_draw(const struct ui_term *t, struct ui_rect r, const struct ui_table_input *in)
{
	struct cursor c = { t, r, r.y };
	const struct policy *p = in->pol;
	char title[64];

	if (r.h <= 0 || r.w <= 10)
		return;
	if (p == NULL) {
		line(&c, ui_term_attr(t, UI_LABEL), "Policy");
		wrapped(&c, ui_term_attr(t, UI_ERROR), in->error != NULL && in->error[0] != '\0'
			? in->error : "no answer yet");
		return;
	}
	ui_table_title(title, sizeof title, p);
	line(&c, ui_term_attr(t, UI_LABEL), "Policy  %s, %.1f ms", title, 1000 * p->seconds);
	if (!policy_has_counts(p)) {
		wrapped(&c, ui_term_attr(t, UI_ERROR), p->message[0] != '\0' ? p->message
			: solve_outcome_name(p->outcome));
		if (p->outcome == SOLVE_INFEASIBLE)
			line(&c, A_NORMAL, p->params.mode == SOLVE_MAX_ACCURACY
			     ? "minimum feasible budget %g" : "best reachable accuracy %g", p->nearest);
		return;
	}
	model_rows(&c, in);
	if (room(&c) && c.y < r.y + r.h - 6) {
		ui_hfill(c.y, r.x, r.w - 1, t->g->hline, ui_term_attr(t, UI_DIM));
		c.y++;
	}
	totals(&c, in);
}
