/*
 * ui_help.c - the help overlay: each key table row (its text wrapped at
 * spaces when the screen is narrower than it, never cut), then the mouse
 * bindings.
 */
#include "optdeploy/ui/ui_help.h"

#include <string.h>

#include "optdeploy/ui/ui_keys.h"

const char *const ui_help_mouse[] = {
	"click a slider track     set that value",
	"drag a slider handle     move it, re-solving as it moves",
	"click in the plot        budget (or floor) at that point",
	"click a heatmap column   that column's budget",
	"click a model's row      exclude it, or include it again",
	"wheel                    step the slider under the pointer (table: select)",
	NULL,
};

void ui_help_frame(const struct ui_term *t, struct ui_rect r)
{
	const struct ui_glyphs *g = t->g;
	attr_t a = ui_term_attr(t, UI_LABEL);

	for (int y = r.y; y < r.y + r.h; y++)
		ui_hfill(y, r.x, r.w, L' ', A_NORMAL);
	ui_hfill(r.y, r.x + 1, r.w - 2, g->hline, a);
	ui_hfill(r.y + r.h - 1, r.x + 1, r.w - 2, g->hline, a);
	for (int y = r.y + 1; y < r.y + r.h - 1; y++) {
		ui_put(y, r.x, g->vline, a);
		ui_put(y, r.x + r.w - 1, g->vline, a);
	}
	ui_put(r.y, r.x, g->corner_tl, a);
	ui_put(r.y, r.x + r.w - 1, g->corner_tr, a);
	ui_put(r.y + r.h - 1, r.x, g->corner_bl, a);
	ui_put(r.y + r.h - 1, r.x + r.w - 1, g->corner_br, a);
}

/* Characters of s that go on one line of w cells: up to the last space that fits. */
static int help_cut(const char *s, int w)
{
	int n = (int)strlen(s);

	if (n <= w || w < 1)
		return n;
	n = w;
	while (n > 0 && s[n] != ' ')
		n--;
	return n > 0 ? n : w;
}

/* Lines the text takes in w cells. */
static int help_lines(const char *s, int w)
{
	int k = 0;

	while (*s != '\0') {
		s += help_cut(s, w);
		while (*s == ' ')
			s++;
		k++;
	}
	return k > 0 ? k : 1;
}

void ui_help_draw(const struct ui_term *t, int lines, int cols, int *top)
{
	size_t n, n_mouse = 0;
	const struct ui_key_row *rows = ui_keys_table(&n);
	int kw = 0, hw = 0, h, w, y, shown, tw, total = 0, ln = 0;
	char names[80];

	for (size_t i = 0; i < n; i++) {
		ui_keys_names(&rows[i], names, sizeof names);
		kw = (int)strlen(names) > kw ? (int)strlen(names) : kw;
		hw = (int)strlen(rows[i].help) > hw ? (int)strlen(rows[i].help) : hw;
	}
	while (ui_help_mouse[n_mouse] != NULL)
		n_mouse++;
	w = kw + hw + 7;
	w = w > cols ? cols : w;
	tw = w - kw - 6;
	for (size_t i = 0; i < n; i++)
		total += help_lines(rows[i].help, tw);
	h = total + 2;
	/* the mouse part only when the whole of it fits */
	if (h + (int)n_mouse + 2 <= lines)
		h += (int)n_mouse + 2;
	else
		n_mouse = 0;
	h = h > lines ? lines : h;
	shown = h - 2 - (n_mouse > 0 ? (int)n_mouse + 2 : 0);
	*top = *top > total - shown ? total - shown : *top;
	*top = *top < 0 ? 0 : *top;
	struct ui_rect r = { (lines - h) / 2, (cols - w) / 2, h, w };
	ui_help_frame(t, r);
	ui_text(t, r.y, r.x + 2, r.w - 4, ui_term_attr(t, UI_LABEL), " Help: keys ");
	y = r.y + 1;
	/* *top counts screen lines: a wrapped row scrolls a line at a time */
	for (size_t i = 0; i < n && y < r.y + 1 + shown; i++) {
		const char *s = rows[i].help;
		ui_keys_names(&rows[i], names, sizeof names);
		for (bool first = true; (first || *s != '\0') && y < r.y + 1 + shown; first = false) {
			int cut = help_cut(s, tw);
			if (ln++ >= *top) {
				if (first)
					ui_text(t, y, r.x + 2, kw, A_BOLD, names);
				ui_textf(t, y++, r.x + 4 + kw, tw, A_NORMAL, "%.*s", cut, s);
			}
			s += cut;
			while (*s == ' ')
				s++;
		}
	}
	if (n_mouse > 0) {
		y++;
		ui_text(t, y++, r.x + 2, r.w - 4, ui_term_attr(t, UI_LABEL), "Mouse");
		for (size_t i = 0; i < n_mouse; i++)
			ui_text(t, y++, r.x + 2, r.w - 4, A_NORMAL, ui_help_mouse[i]);
	}
	ui_text(t, r.y + r.h - 1, r.x + 2, r.w - 4, ui_term_attr(t, UI_DIM), shown < total
		? " j/k, PgUp/PgDn scroll; Esc, q or ? closes this help "
		: " Esc, q or ? closes this help ");
}
