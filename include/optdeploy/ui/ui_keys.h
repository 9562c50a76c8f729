/*
 * ui_keys.h - the planner's one key table: it drives dispatch, the help
 * overlay, the hint bar and the check that the man page documents every key.
 */
#ifndef OPTDEPLOY_UI_KEYS_H
#define OPTDEPLOY_UI_KEYS_H

#include <stddef.h>

enum ui_action {
	UI_ACT_NONE,
	UI_ACT_FOCUS_NEXT, UI_ACT_FOCUS_PREV,
	UI_ACT_STEP_UP, UI_ACT_STEP_DOWN, UI_ACT_BIG_UP, UI_ACT_BIG_DOWN,
	UI_ACT_TO_MIN, UI_ACT_TO_MAX, UI_ACT_EXACT,
	UI_ACT_MODE, UI_ACT_METHOD, UI_ACT_NORMALIZE, UI_ACT_HEATMAP,
	UI_ACT_EXPORT_POLICY, UI_ACT_EXPORT_SWEEP, UI_ACT_EXPORT_SCHEDULE,
	UI_ACT_EXPORT_FIGURE,
	UI_ACT_HELP, UI_ACT_QUIT, UI_ACT_REDRAW, UI_ACT_CANCEL,
	UI_ACT_DOWN, UI_ACT_UP, UI_ACT_TOGGLE_MODEL, UI_ACT_INCLUDE_ALL, UI_ACT_LOG_AXIS,
	UI_ACT_NEXT_POOL, UI_ACT_HEAT_ROWS,
	UI_ACT_COUNT  /* keep last: the number of actions */
};

#define UI_KEY_CODES 4

struct ui_key_code {
	int code;          /* curses key code or character */
	const char *name;  /* spelling in the help overlay and the man page (NULL ends the list) */
};

struct ui_key_row {
	enum ui_action action;
	struct ui_key_code keys[UI_KEY_CODES];
	const char *help;       /* one line for the help overlay */
	const char *hint_keys;  /* short key spelling for the hint bar, NULL if not shown */
	const char *hint;       /* one word for the hint bar */
};

/* The table; *n receives its length. */
const struct ui_key_row *ui_keys_table(size_t *n);

/* The action bound to a key code (UI_ACT_NONE when unbound). */
enum ui_action ui_keys_action(int code);

/* "Left, h" style list of a row's keys, written into buf (always terminated). */
void ui_keys_names(const struct ui_key_row *row, char *buf, size_t size);

/*
 * Check an mdoc man page: every key name of the table must appear in the
 * KEYS section as the argument of a macro (".It Cm Left", "Cm \&?").
 * Returns the number of names missing (listed, space-separated, in missing),
 * or -1 when the page has no KEYS section.
 */
int ui_keys_check_man(const char *man, char *missing, size_t size);

#endif
