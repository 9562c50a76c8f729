/*
 * ui_canvas.h - a dot canvas for the frontier plot: braille cells (2x4 dots)
 * in a UTF-8 locale, ASCII cells (1x2 dots: ' . : ') otherwise, plus the
 * linear axis mapping between data values and dots.  No curses here: the
 * plot turns cells into characters, so all of this is unit-testable.
 */
#ifndef OPTDEPLOY_UI_CANVAS_H
#define OPTDEPLOY_UI_CANVAS_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

struct ui_canvas {
	int w, h;               /* cells */
	int dx, dy;             /* dots per cell: 2x4 braille, 1x2 ASCII */
	bool braille;
	unsigned char *mask;    /* owned, w*h dot masks */
	unsigned char *role;    /* owned, w*h: role of the last dot set in the cell */
};

/* Allocate a w x h cell canvas; false on no memory (c left empty). */
bool ui_canvas_init(struct ui_canvas *c, int w, int h, bool braille);
void ui_canvas_free(struct ui_canvas *c);

/* Dot width and height of the canvas. */
int ui_canvas_dots_x(const struct ui_canvas *c);
int ui_canvas_dots_y(const struct ui_canvas *c);

/* Set dot (x, y), y = 0 at the top; dots outside are ignored. */
void ui_canvas_dot(struct ui_canvas *c, int x, int y, unsigned char role);

/* A straight line of dots; dash > 0 draws dash dots on, dash off. */
void ui_canvas_line(struct ui_canvas *c, int x0, int y0, int x1, int y1,
		    unsigned char role, int dash);

/* The bit of dot (dx 0..1, dy 0..3) in a braille cell (Unicode dot numbering). */
unsigned ui_braille_bit(int dx, int dy);

/* The character for a cell mask: U+2800 + mask for braille, ' \' . :' for ASCII. */
wchar_t ui_canvas_glyph(bool braille, unsigned mask);

/* The character of cell (cx, cy); L' ' when empty. */
wchar_t ui_canvas_cell(const struct ui_canvas *c, int cx, int cy);

/*
 * An axis: value lo maps to dot 0, hi to dot n-1, linearly, or by log10 when
 * `log` (then 0 < lo < hi, and a value <= 0 pins to dot 0).
 */
struct ui_axis {
	double lo, hi;
	int n;
	bool log;
};

/* Dot of value v (may fall outside 0 .. n-1). */
int ui_axis_dot(const struct ui_axis *a, double v);

/* Value at dot d. */
double ui_axis_value(const struct ui_axis *a, int d);

/*
 * Widen [*lo, *hi] to multiples of a 1-2-5 tick step giving about `ticks`
 * intervals; returns the step.
 */
double ui_axis_nice(double *lo, double *hi, int ticks);

/*
 * Tick values of a log axis over [lo, hi] (0 < lo < hi), ascending, at most
 * max of them: 1-2-5 steps when those fit, else every decade, else every
 * second (third...) decade.  Returns how many were written to out.
 */
int ui_axis_log_ticks(double lo, double hi, double *out, int max);

#endif
