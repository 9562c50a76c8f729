/* ui_prompt.c - the status-line editor for exact values and export file names. */
#include "optdeploy/ui/ui_prompt.h"

#include <stdio.h>
#include <string.h>

#define CTRL_KEY(c) ((c) & 0x1f)

void ui_prompt_open(struct ui_prompt *p, int purpose, const char *label, const char *initial)
{
	memset(p, 0, sizeof *p);
	p->active = true;
	p->purpose = purpose;
	snprintf(p->label, sizeof p->label, "%s", label);
	snprintf(p->text, sizeof p->text, "%s", initial);
	p->len = strlen(p->text);
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
	if (ch == KEY_BACKSPACE || ch == 127 || ch == CTRL_KEY('H')) {
		/* drop a whole UTF-8 sequence: continuation bytes, then its lead byte */
		while (p->len > 0 && ((unsigned char)p->text[p->len - 1] & 0xc0) == 0x80)
			p->len--;
		if (p->len > 0)
			p->len--;
	} else if (ch == CTRL_KEY('U')) {
		p->len = 0;
	} else if (ch >= 32 && ch < 256 && ch != 127 && p->len + 1 < sizeof p->text) {
		p->text[p->len++] = (char)ch;
	}
	p->text[p->len] = '\0';
	return UI_PROMPT_EDITING;
}

void ui_prompt_draw(const struct ui_term *t, const struct ui_prompt *p, int y, int x, int w)
{
	int used, tw;
	const char *shown = p->text;

	ui_hfill(y, x, w, L' ', ui_term_attr(t, UI_STATUS));
	used = ui_text(t, y, x, w, ui_term_attr(t, UI_FOCUS), p->label);
	/* keep the end of a long answer (where the cursor is) in view */
	tw = w - used - 2;
	while (tw > 0 && ui_text_width(shown) > tw)
		shown++;
	used += ui_text(t, y, x + used, w - used, A_BOLD, shown);
	if (used < w)
		ui_put(y, x + used, L' ', A_REVERSE);
}
