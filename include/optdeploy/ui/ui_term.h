/*
 * ui_term.h - the planner's terminal: curses init/done with every mode
 * restored on every exit path, signals turned into flags, stderr kept off the
 * screen, colour roles with a monochrome fallback, and the glyph set (UTF-8
 * or plain ASCII) every view draws with.
 */
#ifndef OPTDEPLOY_UI_TERM_H
#define OPTDEPLOY_UI_TERM_H

#include <stdbool.h>
#include <wchar.h>

#include <curses.h>

#include "optdeploy/core/status.h"

/* A screen rectangle in 0-based cells. */
struct ui_rect {
	int y, x, h, w;
};

bool ui_rect_contains(struct ui_rect r, int y, int x);

enum ui_depth { UI_MONO, UI_COLOR8, UI_COLOR256 };

/* Named colour roles; each maps to attributes that still read without colour. */
enum ui_role {
	UI_NORMAL, UI_TITLE, UI_STATUS, UI_ERROR, UI_FOCUS, UI_LABEL, UI_DIM,
	UI_AXIS, UI_HULL, UI_ILP, UI_POINT, UI_POLICY, UI_BUDGET, UI_BAR,
	UI_HEAT1, UI_HEAT2, UI_HEAT3, UI_HEAT4,
	UI_ROLES
};

/* The characters views draw with: box and track pieces, markers, shades. */
struct ui_glyphs {
	wchar_t hline, vline, corner_tl, corner_tr, corner_bl, corner_br;
	wchar_t tee_up, tee_left, tee_right, arrow_up;
	wchar_t handle, track_fill, point, policy, pending, bar_full;
	wchar_t point_unfit;  /* a model the deadline or memory limit rules out */
	wchar_t point_mix;    /* an LP frontier vertex mixing two models (the time row) */
	wchar_t shade[5];     /* share ramp, empty .. full */
	const char *lambda;   /* "λ" or "lambda" */
	const char *dots;     /* "…" or "..." */
	const char *focus;    /* "▶" or ">" */
	const char *times;    /* "×" or "x" */
};

struct ui_term {
	bool open;
	bool utf8;            /* braille and box drawing allowed */
	bool mouse;           /* the terminal reports mouse events */
	enum ui_depth depth;
	const struct ui_glyphs *g;
};

/* The glyph sets, usable without a terminal (unit tests). */
const struct ui_glyphs *ui_glyphs_get(bool utf8);

/*
 * Open the screen: locale, curses, keypad, colours (NO_COLOR honoured),
 * mouse with drag reporting, signal flags, stderr sent to /dev/null.  Fails
 * (nothing changed, m set) when stdin/stdout are not a terminal or TERM is
 * unknown.
 */
enum status ui_term_open(struct ui_term *t, bool force_ascii, struct status_msg *m);

/* Restore everything ui_term_open changed; safe to call twice. */
void ui_term_close(struct ui_term *t);

/*
 * The first signal caught since open that should end the planner (0 if
 * none): SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE.
 */
int ui_term_signal(void);

/*
 * Called once per loop turn.  A Ctrl-Z (SIGTSTP, caught as a flag) suspends
 * here: the terminal is restored, the process stops, and on resume the screen
 * is repainted.  After a SIGCONT curses has turned drag reporting off again,
 * so it is asked for once more.  True when either happened (the caller
 * redraws).
 */
bool ui_term_poll_resume(struct ui_term *t);

/* Die of the signal the loop saw, so the shell reports 128+sig. */
void ui_term_reraise(int sig);

attr_t ui_term_attr(const struct ui_term *t, enum ui_role r);

/*
 * Draw UTF-8 text at (y, x), clipped to w columns; returns the columns used.
 * Invalid or (in ASCII mode) non-ASCII characters become '?'.
 */
int ui_text(const struct ui_term *t, int y, int x, int w, attr_t a, const char *s);

/* printf-style ui_text. */
int ui_textf(const struct ui_term *t, int y, int x, int w, attr_t a, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/*
 * One character of UTF-8 text s (len > 0 bytes left): its length in bytes
 * (an invalid or cut byte is one, and resets *st) and, in *cw, its display
 * columns, at least one.  The measure ui_text_width and the status line's
 * wrapping share, so both count a line the same way.
 */
size_t ui_text_step(const char *s, size_t len, mbstate_t *st, int *cw);

/* Display columns of UTF-8 text (each invalid byte counts one). */
int ui_text_width(const char *s);

/*
 * s (UTF-8, size bytes of room) cut to w cells ending in the mark when it is
 * longer, so a line or heading never loses its end unmarked; unchanged when
 * it fits or w cannot hold the mark.
 */
void ui_text_cut_end(char *s, size_t size, int w, const char *mark);

/* One wide character at (y, x). */
void ui_put(int y, int x, wchar_t c, attr_t a);

/* Fill a row segment with one character. */
void ui_hfill(int y, int x, int w, wchar_t c, attr_t a);

#endif
