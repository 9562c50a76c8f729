/* ui_prompt.c - the status-line editor for exact values and export file names. */
#include "optdeploy/ui/ui_prompt.h"

#include <stdio.h>
#include <string.h>

#define CTRL_KEY(c) ((c) & 0x1f)

static bool is_cont(char c)
{
	return ((unsigned char)c & 0xc0) == 0x80;
}

/* The start of the UTF-8 character before byte i (0 at the start). */
static size_t prev_char(const struct ui_prompt *p, size_t i)
{
	while (i > 0 && is_cont(p->text[--i]))
		;
	return i;
}

/* The byte after the UTF-8 character at i. */
static size_t next_char(const struct ui_prompt *p, size_t i)
{
	if (i < p->len)
		i++;
	while (i < p->len && is_cont(p->text[i]))
		i++;
	return i;
}

static void cut(struct ui_prompt *p, size_t from, size_t to)
{
	memmove(p->text + from, p->text + to, p->len - to + 1);
	p->len -= to - from;
	p->cur = from;
}

void ui_prompt_open(struct ui_prompt *p, int purpose, const char *label, const char *initial)
{
	memset(p, 0, sizeof *p);
	p->active = true;
	p->purpose = purpose;
	snprintf(p->label, sizeof p->label, "%s", label);
	snprintf(p->text, sizeof p->text, "%s", initial);
	p->len = p->cur = strlen(p->text);
	p->selected = p->len > 0;
}

/* Keys that move or delete: they edit the answer in place (a selection becomes plain text). */
static bool edit_key(struct ui_prompt *p, int ch)
{
	if (ch == KEY_LEFT || ch == CTRL_KEY('B'))
		p->cur = prev_char(p, p->cur);
	else if (ch == KEY_RIGHT || ch == CTRL_KEY('F'))
		p->cur = next_char(p, p->cur);
	else if (ch == KEY_HOME || ch == CTRL_KEY('A'))
		p->cur = 0;
	else if (ch == KEY_END || ch == CTRL_KEY('E'))
		p->cur = p->len;
	else if (ch == KEY_BACKSPACE || ch == 127 || ch == CTRL_KEY('H'))
		cut(p, prev_char(p, p->cur), p->cur);
	else if (ch == KEY_DC || ch == CTRL_KEY('D'))
		cut(p, p->cur, next_char(p, p->cur));
	else if (ch == CTRL_KEY('U'))
		cut(p, 0, p->cur);
	else if (ch == CTRL_KEY('K'))
		cut(p, p->cur, p->len);
	else
		return false;
	return true;
}

enum ui_prompt_state ui_prompt_key(struct ui_prompt *p, int ch)
{
	if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
		p->active = false;
		return UI_PROMPT_ACCEPTED;
	}
	if (ch == 27) {
		p->active = false;
		return UI_PROMPT_CANCELLED;
	}
	if (edit_key(p, ch)) {
		p->selected = false;
		return UI_PROMPT_EDITING;
	}
	if (ch >= 32 && ch < 256 && ch != 127) {
		/* the first character typed replaces the value the prompt opened with */
		if (p->selected) {
			p->len = p->cur = 0;
			p->text[0] = '\0';
			p->selected = false;
		}
		if (p->len + 1 < sizeof p->text) {
			memmove(p->text + p->cur + 1, p->text + p->cur, p->len - p->cur + 1);
			p->text[p->cur++] = (char)ch;
			p->len++;
		}
	}
	return UI_PROMPT_EDITING;
}

/*
 * The label, without its hint in parentheses when the label and the value do
 * not fit together (" Export the schedule to: schedule.runs.csv" at 80
 * columns): the value the user edits is never cut for the hint.
 */
static void fitting_label(const struct ui_prompt *p, int w, char *out, size_t size)
{
	const char *open = strstr(p->label, " ("), *close = open != NULL ? strchr(open, ')') : NULL;

	snprintf(out, size, "%s", p->label);
	if (close == NULL || ui_text_width(p->label) + ui_text_width(p->text) + 1 <= w)
		return;
	snprintf(out, size, "%.*s%s", (int)(open - p->label), p->label, close + 1);
}

void ui_prompt_draw(const struct ui_term *t, const struct ui_prompt *p, int y, int x, int w)
{
	int used, tw;
	size_t start = 0;
	char before[sizeof p->text], here[8], label[sizeof p->label];
	size_t nxt = next_char(p, p->cur);

	ui_hfill(y, x, w, L' ', ui_term_attr(t, UI_STATUS));
	fitting_label(p, w, label, sizeof label);
	used = ui_text(t, y, x, w, ui_term_attr(t, UI_FOCUS), label);
	if (p->selected) {
		/* the whole value in reverse video: what the first key typed replaces */
		ui_text(t, y, x + used, w - used, A_REVERSE | A_BOLD, p->text);
		return;
	}
	/* keep the cursor in view: drop characters from the left while it is off the end */
	tw = w - used - 2;
	for (;;) {
		snprintf(before, sizeof before, "%.*s", (int)(p->cur - start), p->text + start);
		if (tw <= 0 || ui_text_width(before) <= tw || start >= p->cur)
			break;
		start = next_char(p, start);
	}
	used += ui_text(t, y, x + used, w - used, A_BOLD, before);
	snprintf(here, sizeof here, "%.*s", (int)(nxt - p->cur), p->text + p->cur);
	if (used >= w)
		return;
	if (here[0] == '\0')
		ui_put(y, x + used++, L' ', A_REVERSE);
	else
		used += ui_text(t, y, x + used, w - used, A_REVERSE | A_BOLD, here);
	if (used < w)
		ui_text(t, y, x + used, w - used, A_BOLD, p->text + nxt);
}
