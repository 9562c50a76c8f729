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
	size_t len;        /* bytes in text */
	size_t cur;        /* the cursor, a byte offset in text (at a character's start) */
	bool selected;     /* the answer it opened with is selected: typing replaces it */
};

/*
 * Start editing with a label and a default answer, selected: Enter accepts
 * it as is, the first character typed replaces it, an arrow key, Home, End,
 * Backspace or Delete edits it instead (the cursor starts at its end).
 */
void ui_prompt_open(struct ui_prompt *p, int purpose, const char *label, const char *initial);

/*
 * Feed one key; Enter accepts, Esc cancels.  Left/Right (Ctrl-B/F), Home/End
 * (Ctrl-A/E) move, Backspace and Delete (Ctrl-D) delete a character, Ctrl-U
 * the text before the cursor, Ctrl-K the text after it.
 */
enum ui_prompt_state ui_prompt_key(struct ui_prompt *p, int ch);

void ui_prompt_draw(const struct ui_term *t, const struct ui_prompt *p, int y, int x, int w);

#endif
