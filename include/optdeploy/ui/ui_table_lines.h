/*
 * ui_table_lines.h - the policy table drawn line by line: a cursor over its
 * rectangle, shared by the model rows (ui_table.c) and the totals
 * (ui_table_totals.c).  Internal to the table: only those files include it.
 */
#ifndef OPTDEPLOY_UI_TABLE_LINES_H
#define OPTDEPLOY_UI_TABLE_LINES_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/ui/ui_table.h"
#include "optdeploy/ui/ui_term.h"

/* The next line of the table's rectangle r to draw (y). */
struct ui_table_cursor {
	const struct ui_term *t;
	struct ui_rect r;
	int y;
};

/* Whether the rectangle has a line left. */
bool ui_table_room(const struct ui_table_cursor *c);

/* One line of the table, clipped to the rectangle; a full table just stops. */
void ui_table_line(struct ui_table_cursor *c, attr_t a, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The first of n forms of a line (longest first) that fits the width; else the last, cut. */
void ui_table_fit(struct ui_table_cursor *c, attr_t a, const char *const *forms, int n);

/*
 * s cut to w cells, ending in the mark, when it is longer: a line never loses
 * its end unmarked ("models    1 of 114 used, K = 1000, …").
 */
void ui_table_cut(char *s, size_t size, int w, const char *mark);

/* The totals under the model rows of a policy with counts (in->pol). */
void ui_table_totals(struct ui_table_cursor *c, const struct ui_table_input *in);

#endif
