/*
 * ui_status.h - the status area at the bottom of the planner: the pool, mode
 * and method on the last line, and the last message beside them, or on its
 * own lines above them when it does not fit there (broken at spaces), and in
 * full in an overlay that any key closes when even UI_STATUS_MAX_ROWS lines
 * cannot hold it.  A message never loses its end.
 */
#ifndef OPTDEPLOY_UI_STATUS_H
#define OPTDEPLOY_UI_STATUS_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/ui/ui_app.h"

/* Rows the status area may take: the field line and two message lines. */
#define UI_STATUS_MAX_ROWS 3

/*
 * Bytes of UTF-8 text s that the next line of a wrap at w columns holds:
 * up to the last space that fits (a word longer than w is cut at w columns).
 * The spaces after the break are the caller's to skip.  0 only for "".
 */
size_t ui_status_wrap_line(const char *s, int w);

/* Lines text takes wrapped at w columns. */
int ui_status_wrap_count(const char *text, int w);

/* Rows of the status area for this frame's width: 1 .. UI_STATUS_MAX_ROWS. */
int ui_status_rows(const struct app *a, int cols);

/*
 * Draw the status area on the last `rows` rows of a lines x cols screen (the
 * prompt instead of the field line while one is open).  A message too long
 * for the rows shows in full in a centred overlay the first time it is drawn
 * (a->message_open) until a key closes it (a->message_closed).
 */
void ui_status_draw(struct app *a, int rows, int lines, int cols);

#endif
