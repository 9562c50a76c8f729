/* ui_status.c - the status area: pool and mode fields, the last message wrapped or in an overlay. */
#include "optdeploy/ui/ui_status.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "optdeploy/ui/ui_help.h"
#include "optdeploy/ui/ui_prompt.h"
#include "optdeploy/ui/ui_term.h"

/* Columns of the message overlay's text, at most (narrower screens get less). */
#define OVERLAY_TEXT_W 72

size_t ui_status_wrap_line(const char *s, int w)
{
	mbstate_t st;
	size_t len = strlen(s), at = 0, space = 0;
	int used = 0;

	memset(&st, 0, sizeof st);
	while (at < len) {
		int cw;
		size_t n = ui_text_step(s + at, len - at, &st, &cw);

		if (s[at] == ' ')
			space = at;
		if (used + cw > w)
			/* break at the last space, or cut a word longer than the line */
			return space > 0 ? space : at > 0 ? at : n;
		used += cw;
		at += n;
	}
	return at;
}

/* The text after the line just taken (the spaces at the break skipped). */
static const char *after_line(const char *s, size_t taken)
{
	s += taken;
	while (*s == ' ')
		s++;
	return s;
}

int ui_status_wrap_count(const char *text, int w)
{
	int n = 0;

	while (*text != '\0') {
		text = after_line(text, ui_status_wrap_line(text, w));
		n++;
	}
	return n;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL && s[1] != '\0' ? s + 1 : path;
}

/* "uci_har.csv | 5 models | max accuracy | ILP | raw costs" */
static void fields(const struct app *a, char *buf, size_t size)
{
	const struct pool *pool = ui_app_loaded(a);
	char models[64];

	if (a->n_excluded > 0)
		snprintf(models, sizeof models, "%zu of %zu models excluded", a->n_excluded, pool->n);
	else
		snprintf(models, sizeof models, "%zu model%s", pool->n, pool->n == 1 ? "" : "s");
	/* the cost unit, when it has a name: "raw costs (mJ)" */
	const struct cost_unit *u = &pool->unit;
	bool named = a->cur == 0 && (u->kind == COST_UNIT_ENERGY || u->kind == COST_UNIT_OTHER);
	snprintf(buf, size, "%s | %s | %s | %s | %s costs%s%s%s%s", base_name(a->path), models,
		 a->mode == SOLVE_MAX_ACCURACY ? "max accuracy" : "min cost",
		 a->method == SOLVE_EXACT ? "ILP" : "LP", a->cur == 1 ? "normalised" : "raw",
		 named ? " (" : "", named ? u->name : "", named ? ")" : "",
		 a->log_axis ? " | log budget" : "");
}

/* Whether the message fits on the field line: " FIELDS  MESSAGE" in cols - 1 columns. */
static bool fits_beside(const struct app *a, int cols)
{
	char f[512];

	fields(a, f, sizeof f);
	return 1 + ui_text_width(f) + 2 + ui_text_width(a->message) <= cols - 1;
}

/* Lines of its own the message needs (0 when it fits beside the fields). */
static int message_lines(const struct app *a, int cols)
{
	if (a->message[0] == '\0' || fits_beside(a, cols))
		return 0;
	return ui_status_wrap_count(a->message, cols - 2);
}

int ui_status_rows(const struct app *a, int cols)
{
	int n = message_lines(a, cols);

	return 1 + (n < UI_STATUS_MAX_ROWS - 1 ? n : UI_STATUS_MAX_ROWS - 1);
}

/* The whole message, wrapped in a centred box that any key closes. */
static void message_overlay(const struct app *a, int lines, int cols)
{
	const struct ui_term *t = &a->term;
	int w = cols - 4 < OVERLAY_TEXT_W ? cols - 4 : OVERLAY_TEXT_W;
	int n = ui_status_wrap_count(a->message, w), h = n + 2;
	const char *s = a->message;
	struct ui_rect r;
	attr_t at = a->message_error ? ui_term_attr(t, UI_ERROR) : A_BOLD;

	h = h > lines ? lines : h;
	r = (struct ui_rect){ (lines - h) / 2, (cols - w - 4) / 2, h, w + 4 };
	ui_help_frame(t, r);
	ui_text(t, r.y, r.x + 2, r.w - 4, ui_term_attr(t, UI_LABEL),
		a->message_error ? " Error " : " Message ");
	for (int y = r.y + 1; y < r.y + r.h - 1 && *s != '\0'; y++) {
		char line[512];
		size_t k = ui_status_wrap_line(s, w);
		snprintf(line, sizeof line, "%.*s", (int)k, s);
		ui_text(t, y, r.x + 2, w, at, line);
		s = after_line(s, k);
	}
	ui_text(t, r.y + r.h - 1, r.x + 2, r.w - 4, ui_term_attr(t, UI_DIM), " any key closes ");
}

void ui_status_draw(struct app *a, int rows, int lines, int cols)
{
	const struct ui_term *t = &a->term;
	attr_t sa = ui_term_attr(t, UI_STATUS);
	attr_t ma = a->message_error ? ui_term_attr(t, UI_ERROR) | A_REVERSE : sa | A_BOLD;
	int y = lines - 1, x, own = message_lines(a, cols);
	char f[512];
	const char *s = a->message;

	/* the message's own lines, above the field line */
	for (int r = 0; r < rows - 1; r++) {
		char line[512];
		/* the last line of a message cut short ends in dots: the overlay shows the rest */
		bool cut = r == rows - 2 && own > rows - 1;
		size_t k = ui_status_wrap_line(s, cols - (cut ? 4 : 2));
		ui_hfill(lines - rows + r, 0, cols, L' ', sa);
		snprintf(line, sizeof line, "%.*s%s%s", (int)k, s, cut ? " " : "",
			 cut ? t->g->dots : "");
		ui_text(t, lines - rows + r, 1, cols - 2, ma, line);
		s = after_line(s, k);
	}
	if (a->overlay == UI_OV_PROMPT) {
		ui_prompt_draw(t, &a->prompt, y, 0, cols);
	} else {
		ui_hfill(y, 0, cols, L' ', sa);
		fields(a, f, sizeof f);
		x = ui_textf(t, y, 1, cols - 1, sa, "%s ", f);
		if (own == 0 && a->message[0] != '\0')
			ui_text(t, y, 2 + x, cols - 3 - x, ma, a->message);
	}
	a->message_open = own > rows - 1 && !a->message_closed && a->overlay == UI_OV_NONE;
	if (a->message_open)
		message_overlay(a, lines, cols);
}
