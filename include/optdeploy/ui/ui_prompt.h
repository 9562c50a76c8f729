/*
 * ui_prompt.h - a one-line editor on the status line, for the exact-value
 * prompt (=) and the export file names (e, E).
 */
#ifndef OPTDEPLOY_UI_PROMPT_H
#define OPTDEPLOY_UI_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/ui/ui_term.h"

enum ui_prompt_state { UI_PROMPT_EDITING, UI_PROMPT_ACCEPTED, UI_PROMPT_CANCELLED };

struct ui_prompt {
	bool active;
	int purpose;       /* the caller's tag for what the answer is for */
	char label[96];
	char text[256];
	size_t len;
};

/* Start editing with a label and a default answer (Enter accepts it as is). */
void ui_prompt_open(struct ui_prompt *p, int purpose, const char *label, const char *initial);

/* Feed one key; Enter accepts, Esc cancels, Backspace and Ctrl-U edit. */
enum ui_prompt_state ui_prompt_key(struct ui_prompt *p, int ch);

void ui_prompt_draw(const struct ui_term *t, const struct ui_prompt *p, int y, int x, int w);

#endif
