/*
 * ui_help.h - the help overlay, built from the key table (ui_keys.h) so it
 * cannot drift from what the keys do, plus the mouse bindings.
 */
#ifndef OPTDEPLOY_UI_HELP_H
#define OPTDEPLOY_UI_HELP_H

#include "optdeploy/ui/ui_term.h"

/* Mouse bindings shown under the keys (and documented in the man page's MOUSE section). */
extern const char *const ui_help_mouse[];

/* A blank box with a line frame: the overlays' background. */
void ui_help_frame(const struct ui_term *t, struct ui_rect r);

/*
 * Draw the overlay centred in a screen of lines x cols.  When the keys do not
 * all fit, they scroll: *top is the first one shown (clamped here).
 */
void ui_help_draw(const struct ui_term *t, int lines, int cols, int *top);

#endif
