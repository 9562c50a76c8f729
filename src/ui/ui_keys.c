/* ui_keys.c - the key table and what reads it: dispatch lookup, name lists, the man page check. */
#include "optdeploy/ui/ui_keys.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <curses.h>

#define CTRL_KEY(c) ((c) & 0x1f)

static const struct ui_key_row table[] = {
	{ UI_ACT_FOCUS_NEXT, { { '\t', "Tab" } },
	  "next slider (from the model table: the sliders)", "Tab", "slider" },
	{ UI_ACT_FOCUS_PREV, { { KEY_BTAB, "Shift-Tab" } },
	  "previous slider (from the model table: the sliders)", NULL, NULL },
	{ UI_ACT_DOWN, { { KEY_DOWN, "Down" }, { 'j', "j" } },
	  "next slider, limits too; model table: the next model", NULL, NULL },
	{ UI_ACT_UP, { { KEY_UP, "Up" }, { 'k', "k" } },
	  "previous slider, limits too; model table: previous model", NULL, NULL },
	{ UI_ACT_STEP_DOWN, { { KEY_LEFT, "Left" }, { 'h', "h" } },
	  "focused slider one small step down", "h/l", "step" },
	{ UI_ACT_STEP_UP, { { KEY_RIGHT, "Right" }, { 'l', "l" } },
	  "focused slider one small step up", NULL, NULL },
	{ UI_ACT_BIG_DOWN, { { KEY_SLEFT, "Shift-Left" }, { 'H', "H" }, { KEY_NPAGE, "PgDn" } },
	  "slider one large step down (model table: page down)", NULL, NULL },
	{ UI_ACT_BIG_UP, { { KEY_SRIGHT, "Shift-Right" }, { 'L', "L" }, { KEY_PPAGE, "PgUp" } },
	  "slider one large step up (model table: page up)", NULL, NULL },
	{ UI_ACT_TO_MIN, { { KEY_HOME, "Home" } },
	  "slider to its minimum (model table: first model)", NULL, NULL },
	{ UI_ACT_TO_MAX, { { KEY_END, "End" } },
	  "slider to its maximum (model table: last model)", NULL, NULL },
	{ UI_ACT_EXACT, { { '=', "=" } }, "type an exact value for the focused slider (typing replaces it)", "=", "value" },
	{ UI_ACT_MODE, { { 'm', "m" } },
	  "objective: max accuracy / min cost over a floor", "m", "objective" },
	{ UI_ACT_METHOD, { { 'r', "r" } }, "exact ILP / LP relaxation with rounding", "r", "ILP/LP" },
	{ UI_ACT_NORMALIZE, { { 'n', "n" } },
	  "raw / normalised costs (best model costs 100)", NULL, NULL },
	{ UI_ACT_HEATMAP, { { 'f', "f" } }, "heatmaps: both / lambda = 0 / current lambda",
	  "f", "heatmap" },
	{ UI_ACT_HEAT_ROWS, { { 'u', "u" } },
	  "heatmap rows: the models used somewhere / every model", NULL, NULL },
	{ UI_ACT_LOG_AXIS, { { 'a', "a" } },
	  "budget axis linear / log (slider, heatmaps, plot)", NULL, NULL },
	{ UI_ACT_NEXT_POOL, { { 'b', "b" } },
	  "next pool: the tables given, then the bundled pools", NULL, NULL },
	{ UI_ACT_TOGGLE_MODEL, { { 'x', "x" }, { ' ', "Space" } },
	  "what-if: selected model out of the pool, or back", "x", "what-if" },
	{ UI_ACT_INCLUDE_ALL, { { 'X', "X" } }, "what-if: include every excluded model again",
	  NULL, NULL },
	{ UI_ACT_EXPORT_POLICY, { { 'e', "e" } }, "export the current policy to a CSV file",
	  "e", "export" },
	{ UI_ACT_EXPORT_SWEEP, { { 'E', "E" } }, "export the shown sweep to a CSV file",
	  NULL, NULL },
	{ UI_ACT_EXPORT_SCHEDULE, { { 's', "s" } },
	  "export the policy's inference order (.csv, .runs.csv or .h)", NULL, NULL },
	{ UI_ACT_EXPORT_FIGURE, { { 'p', "p" } },
	  "write the figure of this view (.svg, .pdf or .png)", NULL, NULL },
	{ UI_ACT_HELP, { { '?', "?" }, { KEY_F(1), "F1" } }, "show or hide this help", "?", "help" },
	{ UI_ACT_REDRAW, { { CTRL_KEY('L'), "Ctrl-L" } }, "redraw the screen", NULL, NULL },
	{ UI_ACT_CANCEL, { { 27, "Esc" } }, "close overlay, cancel drag or schedule export, leave the table",
	  NULL, NULL },
	{ UI_ACT_QUIT, { { 'q', "q" } }, "quit (closes an open overlay first)", "q", "quit" },
};

const struct ui_key_row *ui_keys_table(size_t *n)
{
	*n = sizeof table / sizeof table[0];
	return table;
}

enum ui_action ui_keys_action(int code)
{
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		for (size_t k = 0; k < UI_KEY_CODES && table[i].keys[k].name != NULL; k++)
			if (table[i].keys[k].code == code)
				return table[i].action;
	return UI_ACT_NONE;
}

void ui_keys_names(const struct ui_key_row *row, char *buf, size_t size)
{
	size_t used = 0;

	if (size == 0)
		return;
	buf[0] = '\0';
	for (size_t k = 0; k < UI_KEY_CODES && row->keys[k].name != NULL; k++) {
		int w = snprintf(buf + used, size - used, "%s%s", k > 0 ? ", " : "",
				 row->keys[k].name);
		if (w < 0 || (size_t)w >= size - used)
			return;
		used += (size_t)w;
	}
}

/* Copy one whitespace-separated token, dropping mdoc's zero-width "\&" and turning "\-" into "-". */
static const char *next_token(const char *p, const char *end, char *tok, size_t size)
{
	size_t n = 0;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	while (p < end && *p != ' ' && *p != '\t' && *p != '\n') {
		if (p[0] == '\\' && p + 1 < end && p[1] == '&') {
			p += 2;
			continue;
		}
		if (p[0] == '\\' && p + 1 < end && p[1] == '-')
			p++;
		if (n + 1 < size)
			tok[n++] = *p;
		p++;
	}
	tok[n] = '\0';
	return p;
}

static bool is_macro(const char *tok)
{
	static const char *const macros[] = {
		"Cm", "Ic", "Ql", "Sy", "Li", "Ar", "Em", "Dq", "Sq", "Pq", "Ev", "Va", NULL
	};

	for (size_t i = 0; macros[i] != NULL; i++)
		if (strcmp(tok, macros[i]) == 0)
			return true;
	return false;
}

/* Is `name` a macro argument somewhere in [p, end)? */
static bool documented(const char *p, const char *end, const char *name)
{
	char prev[64] = "", tok[64];

	while (p < end) {
		if (*p == '\n') {
			prev[0] = '\0';
			p++;
			continue;
		}
		p = next_token(p, end, tok, sizeof tok);
		if (tok[0] == '\0')
			continue;
		if (is_macro(prev) && strcmp(tok, name) == 0)
			return true;
		/* ".It Cm x": the line's first token is a dotted macro name */
		snprintf(prev, sizeof prev, "%s", tok[0] == '.' ? tok + 1 : tok);
	}
	return false;
}

static const char *find_section(const char *man, const char *title, const char **end)
{
	const char *p = man;
	size_t tl = strlen(title);

	while ((p = strstr(p, ".Sh ")) != NULL) {
		bool at_line_start = p == man || p[-1] == '\n';
		const char *q = p + 4;
		while (*q == ' ')
			q++;
		if (at_line_start && strncmp(q, title, tl) == 0 &&
		    (q[tl] == '\n' || q[tl] == ' ' || q[tl] == '\0')) {
			const char *next = strstr(q, "\n.Sh ");
			*end = next != NULL ? next : q + strlen(q);
			return q;
		}
		p += 4;
	}
	return NULL;
}

int ui_keys_check_man(const char *man, char *missing, size_t size)
{
	const char *end, *sec = find_section(man, "KEYS", &end);
	int count = 0;
	size_t used = 0;

	if (size > 0)
		missing[0] = '\0';
	if (sec == NULL)
		return -1;
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		for (size_t k = 0; k < UI_KEY_CODES && table[i].keys[k].name != NULL; k++) {
			const char *name = table[i].keys[k].name;
			if (documented(sec, end, name))
				continue;
			count++;
			if (used < size) {
				int w = snprintf(missing + used, size - used, "%s%s",
						 used > 0 ? " " : "", name);
				if (w > 0)
					used += (size_t)w;
			}
		}
	return count;
}
