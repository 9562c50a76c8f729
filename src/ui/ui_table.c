/* ui_table.c - the policy table: its title, the model rows and the line counting the rest, then
 * the totals (ui_table_totals.c) or why there is no answer. */
#include "optdeploy/ui/ui_table.h"
#include "optdeploy/ui/ui_table_lines.h"

#include "optdeploy/core/names.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool ui_table_room(const struct ui_table_cursor *c)
{
	return c->y < c->r.y + c->r.h;
}

void ui_table_line(struct ui_table_cursor *c, attr_t a, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	if (!ui_table_room(c))
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	ui_table_cut(buf, sizeof buf, c->r.w, c->t->g->dots);
	ui_text(c->t, c->y++, c->r.x, c->r.w, a, buf);
}

void ui_table_cut(char *s, size_t size, int w, const char *mark)
{
	size_t n = strlen(s);

	while (n > 0 && s[n - 1] == ' ')  /* padding past the edge is no loss */
		s[--n] = '\0';
	ui_text_cut_end(s, size, w, mark);
}

void ui_table_fit(struct ui_table_cursor *c, attr_t a, const char *const *forms, int n)
{
	for (int i = 0; i < n; i++)
		if (i == n - 1 || ui_text_width(forms[i]) <= c->r.w) {
			ui_table_line(c, a, "%s", forms[i]);
			return;
		}
}

/* A long message over as many lines as it needs, broken at spaces. */
static void wrapped(struct ui_table_cursor *c, attr_t a, const char *text)
{
	char buf[512];
	int w = c->r.w;

	while (*text != '\0' && ui_table_room(c)) {
		int len = (int)strlen(text), cut = len;
		if (len > w) {
			cut = w;
			while (cut > 0 && text[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = w;
		}
		snprintf(buf, sizeof buf, "%.*s", cut, text);
		ui_table_line(c, a, "%s", buf);
		text += cut;
		while (*text == ' ')
			text++;
	}
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

/* Columns other than the name and the bar: prefix 3, count, share, cost, accuracy. */
#define PREFIX_W 3
#define FIXED_W(cw) ((cw) + 25 + PREFIX_W)
/* Of which the model's own accuracy (" %8s") and cost (" %7s"): what gives way to names. */
#define ACC_W 9
#define COST_W 8

/* Everything one draw needs: the rows listed and each model's count (-1: excluded). */
struct listing {
	size_t *rows;        /* loaded indices listed, in order */
	size_t n;
	long long *count;    /* per loaded model: count, 0 unused or no answer, -1 excluded */
	size_t more_used;    /* models left out of a short list: used ones (never silently), */
	size_t more_excluded;/* excluded ones */
	size_t more_unused;  /* and the others */
	char **names;        /* the listed rows' names, cut to the name column, all distinct */
	int own;             /* the model's own figures beside the names: 2 cost and accuracy,
	                        1 the cost alone, 0 neither */
};

/*
 * Column widths: names up to 17 characters, the bar (4 to 12 cells) in what
 * is left.  Unused models' names are cut before a used one's; the bar goes
 * before any used name is cut.
 */
static void widths(const struct ui_table_input *in, const struct listing *l, int total, int cw,
		   int *nw, int *bw)
{
	int longest = 5, used = 5, used_full;

	for (size_t i = 0; i < l->n; i++) {
		int w = ui_text_width(in->pool->models[l->rows[i]].name);
		longest = w > longest ? w : longest;
		if (l->count[l->rows[i]] > 0)
			used = w > used ? w : used;
	}
	used_full = used;
	*nw = longest > 17 ? 17 : longest;
	used = used > 17 ? 17 : used < 10 ? 10 : used;
	*bw = total - FIXED_W(cw) - *nw - 1;
	if (*bw < 4 && *nw > used) {
		*nw -= 4 - *bw;
		*nw = *nw < used ? used : *nw;
		*bw = total - FIXED_W(cw) - *nw - 1;
	}
	if (*bw < 4) {
		*bw = 0;
		*nw = total - FIXED_W(cw);
		*nw = *nw > longest ? longest : *nw;
		*nw = *nw > 17 ? 17 : *nw < 4 ? 4 : *nw;
	}
	/* the bar gives up to all but 4 cells (past 12, any) to names the 17 cells cut */
	if (*bw > 4 && longest > *nw) {
		int want = (used_full > *nw ? used_full : *bw > 12 ? longest : *nw) - *nw;
		int spare = *bw > 12 ? *bw - 12 : 0;
		int more = want > *bw - 4 ? *bw - 4 : want;
		more = more < spare ? spare < longest - *nw ? spare : longest - *nw : more;
		*nw += more;
		*bw -= more;
	}
	*bw = *bw > 12 ? 12 : *bw;
}

/*
 * The listed names cut to nw cells, no two alike (a pair that would be cut to
 * the same text is cut elsewhere or less: the column then grows and the bar
 * shrinks).  False when out of memory.
 */
static bool cut_names(const struct ui_term *t, const struct ui_table_input *in,
		      struct listing *l, int total, int cw, int *nw, int *bw)
{
	const char **names = malloc((l->n ? l->n : 1) * sizeof *names);
	size_t widest = 0;

	if (names == NULL)
		return false;
	for (size_t i = 0; i < l->n; i++)
		names[i] = in->pool->models[l->rows[i]].name;
	l->names = names_crop_words(names, l->n, (size_t)*nw, names_mark(t->utf8), &widest);
	free(names);
	if (l->names == NULL)
		return false;
	l->own = 2;
	if ((int)widest > *nw) {
		/* names that only differ far from both ends (mobilenet-v3-large_224_1.0_uint8
		 * and mobilenet-v3-large-minimalistic_224_1.0_uint8) need more cells than the
		 * row has: the models' own figures give way, never a cut column */
		int over = FIXED_W(cw) + (int)widest - total;
		*nw = (int)widest;
		l->own = over <= 0 ? 2 : over <= ACC_W ? 1 : 0;
		*bw = total - FIXED_W(cw) + (l->own == 2 ? 0 : l->own == 1 ? ACC_W : ACC_W + COST_W) -
		      *nw - 1;
		*bw = *bw < 4 ? 0 : *bw > 12 ? 12 : *bw;
	}
	return true;
}

size_t ui_table_scroll(size_t top, size_t cursor, size_t n, size_t rows)
{
	if (rows == 0 || n <= rows)
		return 0;
	if (cursor < top)
		top = cursor;
	else if (cursor >= top + rows)
		top = cursor - rows + 1;
	return top > n - rows ? n - rows : top;
}

static bool fill_counts(const struct ui_table_input *in, long long *count)
{
	const struct policy *p = in->pol;
	bool counts = p != NULL && policy_has_counts(p);

	for (size_t i = 0; i < in->pool->n; i++)
		count[i] = in->excluded != NULL && in->excluded[i] ? -1 : 0;
	for (size_t j = 0; counts && j < p->n && j < in->work->n; j++)
		count[in->work_map != NULL ? in->work_map[j] : j] = p->count[j];
	return counts;
}

/* Lines the table needs below the model rows. */
static int rest_lines(const struct ui_table_input *in, int w)
{
	const struct policy *p = in->pol;
	const char *msg = in->error;

	if (p != NULL && policy_has_counts(p))
		return 7 + (p->params.method == SOLVE_RELAXED ? 2 : 0) + (in->plan != NULL ? 3 : 0) +
		       (p->params.max_models > 0 || isfinite(p->params.memory_limit) ? 1 : 0) +
		       (p->params.deadline > 0 || p->params.rate > 0 ? 1 : 0);
	if (p != NULL)
		msg = p->message[0] != '\0' ? p->message : solve_outcome_name(p->outcome);
	return 1 + (msg != NULL ? (int)strlen(msg) / (w > 1 ? w : 1) + 1 : 1);
}

struct ranked {
	long long count;
	size_t i;
};

/* Larger share first; equal shares in the pool's order. */
static int ranked_cmp(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * The order of a list without the keys: the models used by share, then the
 * excluded ones, then the others, each group in the pool's order.
 */
static bool rank_rows(const struct listing *l, size_t n, size_t *order)
{
	struct ranked *r = malloc((n ? n : 1) * sizeof *r);
	size_t k = 0;

	if (r == NULL)
		return false;
	for (size_t i = 0; i < n; i++)
		r[i] = (struct ranked){ l->count[i] > 0 ? l->count[i] : l->count[i] < 0 ? -1 : -2, i };
	/* excluded (-1) sort after every count, before the unused (-2) */
	qsort(r, n, sizeof *r, ranked_cmp);
	for (size_t i = 0; i < n; i++)
		order[k++] = r[i].i;
	free(r);
	return true;
}

/*
 * Which models get a row.  With the keys: every model in the pool's order,
 * scrolling.  Without: the used ones by share, then the excluded, then the
 * others while they fit; what does not fit is counted on one line, the used
 * ones first, so a used model is never counted as "not used".
 */
static bool choose_rows(const struct ui_table_input *in, struct listing *l, int avail,
			struct ui_table_geom *g)
{
	size_t n = in->pool->n, rows;
	size_t *order;

	l->n = l->more_used = l->more_excluded = l->more_unused = 0;
	if (in->focused) {
		rows = avail < 3 ? (n < 3 ? n : 3) : (size_t)avail;
		g->top = ui_table_scroll(g->top, in->cursor, n, rows);
		for (size_t i = g->top; i < n && l->n < rows; i++)
			l->rows[l->n++] = i;
		return true;
	}
	order = malloc((n ? n : 1) * sizeof *order);
	if (order == NULL || !rank_rows(l, n, order)) {
		free(order);
		return false;
	}
	rows = avail < 1 ? 1 : (size_t)avail;
	rows = rows > UI_TABLE_ROWS_MAX ? UI_TABLE_ROWS_MAX : rows;
	/* a short list keeps its last line for the count of the others */
	if (n > rows)
		rows--;
	for (size_t k = 0; k < n; k++) {
		size_t i = order[k];
		bool listed = l->n < rows && (n <= rows + 1 || l->count[i] != 0);
		if (listed)
			l->rows[l->n++] = i;
		else if (l->count[i] > 0)
			l->more_used++;
		else if (l->count[i] < 0)
			l->more_excluded++;
		else
			l->more_unused++;
	}
	free(order);
	return true;
}

/* A model's own cost or accuracy in w cells: two decimals, fewer when it is large. */
static void own_figure(char *buf, size_t size, int w, double v)
{
	int len = snprintf(buf, size, "%.2f", v);

	if (len > w)
		len = snprintf(buf, size, "%.0f", v);
	if (len > w)
		snprintf(buf, size, "%.2g", v);
}

static void model_row(struct ui_table_cursor *c, const struct ui_table_input *in,
		      const struct listing *l, size_t r, int nw, int cw, int bw)
{
	const struct ui_term *t = c->t;
	size_t i = l->rows[r];
	long long count = l->count[i];
	const struct model *m = &in->pool->models[i];
	const struct policy *p = in->pol;
	bool sel = in->focused && i == in->cursor;
	attr_t name_a = count > 0 ? A_NORMAL : ui_term_attr(t, UI_DIM);
	int x = c->r.x, y = c->y;
	char cost[32], acc[32];

	ui_text(t, y, x, 1, ui_term_attr(t, UI_FOCUS), sel ? t->g->focus : " ");
	ui_text(t, y, x + 1, 1, ui_term_attr(t, UI_ERROR), count < 0 ? "x" : " ");
	ui_text(t, y, x + PREFIX_W, nw, sel ? name_a | A_REVERSE : name_a, l->names[r]);
	x += PREFIX_W + nw;
	/* the model's own energy: with the idle draw for idle time only the cost is e - P t */
	own_figure(cost, sizeof cost, 7, m->cost + in->idle_per_s * m->latency);
	own_figure(acc, sizeof acc, 8, m->accuracy);
	if (l->own < 2)
		acc[0] = '\0';
	if (l->own < 1)
		cost[0] = '\0';
	if (count < 0) {
		ui_text(t, y, x, c->r.w - PREFIX_W - nw, ui_term_attr(t, UI_DIM), " excluded");
	} else if (count == 0 && p != NULL && policy_has_counts(p)) {
		ui_textf(t, y, x, c->r.w - PREFIX_W - nw, ui_term_attr(t, UI_DIM),
			 " %*s %6s%*s%s%s%7s%s%8s", cw, "-", "", bw, "", bw > 0 ? " " : "",
			 l->own > 0 ? " " : "", cost, l->own > 1 ? " " : "", acc);
	} else if (count > 0) {
		double share = (double)count / (double)p->params.k;
		ui_textf(t, y, x, c->r.w - PREFIX_W - nw, A_NORMAL, " %*lld %5.1f%%%*s%s%s%7s%s%8s",
			 cw, count, 100 * share, bw, "", bw > 0 ? " " : "", l->own > 0 ? " " : "", cost,
			 l->own > 1 ? " " : "", acc);
		if (bw > 0)
			bar(t, y, x + 1 + cw + 8, bw, share);
	}
	c->y++;
}

/* The line that counts the models a short list leaves out: used ones first. */
static void more_line(struct ui_table_cursor *c, const struct listing *l)
{
	char buf[160];
	size_t at = 0;
	const char *sep = "";

	if (l->more_used + l->more_excluded + l->more_unused == 0)
		return;
	at += (size_t)snprintf(buf, sizeof buf, "%s ", c->t->g->dots);
	if (l->more_used > 0) {
		at += (size_t)snprintf(buf + at, sizeof buf - at, "%zu more used", l->more_used);
		sep = ", ";
	}
	if (l->more_excluded > 0 && at < sizeof buf) {
		at += (size_t)snprintf(buf + at, sizeof buf - at, "%s%zu %sexcluded", sep,
				       l->more_excluded, sep[0] ? "" : "more ");
		sep = ", ";
	}
	if (l->more_unused > 0 && at < sizeof buf)
		at += (size_t)snprintf(buf + at, sizeof buf - at, "%s%zu %snot used", sep,
				       l->more_unused, sep[0] ? "" : "more ");
	/* the key to list them, when the line has room for it */
	if (at < sizeof buf && (int)at + 3 + 22 <= c->r.w)
		snprintf(buf + at, sizeof buf - at, ": x lists every model");
	ui_table_line(c, l->more_used > 0 ? ui_term_attr(c->t, UI_ERROR) : ui_term_attr(c->t, UI_DIM),
	     "   %s", buf);
}

/* The cost column's 7 cells: "cost mJ", else the unit alone ("GFLOPS"), else "cost". */
static const char *cost_heading(const struct cost_unit *u, char head[8])
{
	const char *name = cost_unit_suffix(u);  /* " mJ", or "" */
	if (name[0] != '\0' && snprintf(head, 8, "cost%s", name) < 8)
		return head;
	if (name[0] != '\0' && strlen(name + 1) < 8)
		return name + 1;
	return "cost";
}

static bool model_rows(struct ui_table_cursor *c, const struct ui_table_input *in,
		       struct listing *l, struct ui_table_geom *g)
{
	char head[8];
	long long k = in->pol != NULL ? in->pol->params.k : 1;
	int cw = snprintf(NULL, 0, "%lld", k), nw, bw;

	cw = cw < 5 ? 5 : cw;
	widths(in, l, c->r.w, cw, &nw, &bw);
	if (!cut_names(c->t, in, l, c->r.w, cw, &nw, &bw))
		return false;
	/* figures' headings only over figures: without a policy the rows are names to toggle;
	 * cost and accuracy are each model's own, not its share of the totals */
	if (in->pol != NULL && policy_has_counts(in->pol))
		ui_table_line(c, ui_term_attr(c->t, UI_DIM), "   %-*s %*s %6s%s%*s%s%7s%s%8s", nw, "model", cw,
		     "count", "share", bw > 0 ? " " : "", bw, "", l->own > 0 ? " " : "",
		     l->own < 1 ? "" : in->idle_per_s > 0 ? "energy" : cost_heading(&in->work->unit, head),
		     l->own > 1 ? " " : "", l->own > 1 ? "accuracy" : "");
	else
		ui_table_line(c, ui_term_attr(c->t, UI_DIM), "   model");
	g->rows = (struct ui_rect){ c->y, c->r.x, 0, c->r.w };
	for (size_t r = 0; r < l->n && ui_table_room(c) && r < UI_TABLE_ROWS_MAX; r++) {
		g->model[r] = l->rows[r];
		model_row(c, in, l, r, nw, cw, bw);
		g->rows.h++;
	}
	more_line(c, l);
	return true;
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

/* The title line, then the model rows. */
static bool model_rows_after_title(struct ui_table_cursor *c, const struct ui_table_input *in,
				   struct listing *l, struct ui_table_geom *g)
{
	const struct policy *p = in->pol;

	if (p == NULL) {
		ui_table_line(c, ui_term_attr(c->t, UI_LABEL), "Policy");
	} else {
		char title[64];
		ui_table_title(title, sizeof title, p);
		ui_table_line(c, ui_term_attr(c->t, UI_LABEL), "Policy  %s, %.1f ms", title,
		     1000 * p->seconds);
	}
	return model_rows(c, in, l, g);
}

/* The title, the model rows, then the totals or why there is no answer. */
static void draw_body(struct ui_table_cursor *c, const struct ui_table_input *in, struct listing *l,
		      struct ui_table_geom *g)
{
	const struct ui_term *t = c->t;
	const struct policy *p = in->pol;
	bool counts = fill_counts(in, l->count);
	int avail = c->r.h - 2 - rest_lines(in, c->r.w), used = 0;

	/* the models used push the totals down, keeping the accuracy and cost lines:
	 * a table that hides part of the answer is as wrong as a wrong answer */
	for (size_t i = 0; counts && i < in->pool->n; i++)
		used += l->count[i] > 0;
	if (!in->focused && used + ((size_t)used < in->pool->n) > avail) {
		/* accuracy and cost stay, and in battery mode the battery line */
		int most = c->r.h - 2 - 2 - (in->plan != NULL && counts);
		avail = used + ((size_t)used < in->pool->n);
		avail = avail > most ? most : avail;
		avail = avail < c->r.h - 2 - rest_lines(in, c->r.w) ? c->r.h - 2 - rest_lines(in, c->r.w)
								  : avail;
	}
	g->page = avail < 1 ? 1 : avail;
	if (!choose_rows(in, l, avail, g) || !model_rows_after_title(c, in, l, g)) {
		ui_table_line(c, ui_term_attr(t, UI_ERROR), "out of memory");
		return;
	}
	if (p == NULL) {
		wrapped(c, ui_term_attr(t, UI_ERROR), in->error != NULL && in->error[0] != '\0'
			? in->error : "no answer yet");
	} else if (!counts) {
		wrapped(c, ui_term_attr(t, UI_ERROR), p->message[0] != '\0' ? p->message
			: solve_outcome_name(p->outcome));
		/* no nearest value (no model fits the memory): the message says what to change */
		if (p->outcome == SOLVE_INFEASIBLE && isfinite(p->nearest))
			ui_table_line(c, A_NORMAL, p->params.mode == SOLVE_MAX_ACCURACY
			     ? "minimum feasible budget %g" : "best reachable accuracy %g", p->nearest);
	} else {
		if (ui_table_room(c) && c->y < c->r.y + c->r.h - 6) {
			ui_hfill(c->y, c->r.x, c->r.w - 1, t->g->hline, ui_term_attr(t, UI_DIM));
			c->y++;
		}
		ui_table_totals(c, in);
	}
}

void ui_table_draw(const struct ui_term *t, struct ui_rect r, const struct ui_table_input *in,
		   struct ui_table_geom *g)
{
	struct ui_table_cursor c = { t, r, r.y };
	struct listing l = { 0 };

	g->rows = (struct ui_rect){ 0, 0, 0, 0 };
	g->page = 1;
	if (r.h <= 0 || r.w <= 10 || in->pool->n == 0)
		return;
	l.rows = malloc(in->pool->n * sizeof *l.rows);
	l.count = malloc(in->pool->n * sizeof *l.count);
	if (l.rows != NULL && l.count != NULL)
		draw_body(&c, in, &l, g);
	else
		ui_table_line(&c, ui_term_attr(t, UI_ERROR), "out of memory");
	free(l.rows);
	free(l.count);
	free(l.names);
}

bool ui_table_hit(const struct ui_table_geom *g, int y, int x, size_t *model)
{
	if (!ui_rect_contains(g->rows, y, x))
		return false;
	*model = g->model[y - g->rows.y];
	return true;
}
