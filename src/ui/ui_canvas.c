/* ui_canvas.c - braille/ASCII dot canvas and linear axis mapping for the frontier plot. */
#include "optdeploy/ui/ui_canvas.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

bool ui_canvas_init(struct ui_canvas *c, int w, int h, bool braille)
{
	size_t n = (size_t)(w > 0 ? w : 0) * (size_t)(h > 0 ? h : 0);

	memset(c, 0, sizeof *c);
	c->mask = calloc(n > 0 ? n : 1, 1);
	c->role = calloc(n > 0 ? n : 1, 1);
	if (c->mask == NULL || c->role == NULL) {
		ui_canvas_free(c);
		return false;
	}
	c->w = w > 0 ? w : 0;
	c->h = h > 0 ? h : 0;
	c->braille = braille;
	c->dx = braille ? 2 : 1;
	c->dy = braille ? 4 : 2;
	return true;
}

void ui_canvas_free(struct ui_canvas *c)
{
	free(c->mask);
	free(c->role);
	memset(c, 0, sizeof *c);
}

int ui_canvas_dots_x(const struct ui_canvas *c)
{
	return c->w * c->dx;
}

int ui_canvas_dots_y(const struct ui_canvas *c)
{
	return c->h * c->dy;
}

unsigned ui_braille_bit(int dx, int dy)
{
	/* dots 1-3 and 4-6 run down the two columns; 7 and 8 are the bottom row */
	static const unsigned bits[2][4] = { { 0x01, 0x02, 0x04, 0x40 }, { 0x08, 0x10, 0x20, 0x80 } };

	if (dx < 0 || dx > 1 || dy < 0 || dy > 3)
		return 0;
	return bits[dx][dy];
}

void ui_canvas_dot(struct ui_canvas *c, int x, int y, unsigned char role)
{
	int cx, cy;
	size_t i;

	if (x < 0 || y < 0 || x >= ui_canvas_dots_x(c) || y >= ui_canvas_dots_y(c))
		return;
	cx = x / c->dx;
	cy = y / c->dy;
	i = (size_t)cy * (size_t)c->w + (size_t)cx;
	if (c->braille)
		c->mask[i] |= (unsigned char)ui_braille_bit(x % c->dx, y % c->dy);
	else
		c->mask[i] |= (unsigned char)(y % 2 == 0 ? 1 : 2);
	c->role[i] = role;
}

void ui_canvas_line(struct ui_canvas *c, int x0, int y0, int x1, int y1,
		    unsigned char role, int dash)
{
	int dx = abs(x1 - x0), dy = -abs(y1 - y0);
	int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
	int err = dx + dy, k = 0;

	for (;;) {
		if (dash <= 0 || (k / dash) % 2 == 0)
			ui_canvas_dot(c, x0, y0, role);
		k++;
		if (x0 == x1 && y0 == y1)
			break;
		int e2 = 2 * err;
		if (e2 >= dy) {
			err += dy;
			x0 += sx;
		}
		if (e2 <= dx) {
			err += dx;
			y0 += sy;
		}
	}
}

wchar_t ui_canvas_glyph(bool braille, unsigned mask)
{
	static const wchar_t ascii[4] = { L' ', L'\'', L'.', L':' };

	if (braille)
		return mask == 0 ? L' ' : (wchar_t)(0x2800 + (mask & 0xff));
	return ascii[mask & 3];
}

wchar_t ui_canvas_cell(const struct ui_canvas *c, int cx, int cy)
{
	if (cx < 0 || cy < 0 || cx >= c->w || cy >= c->h)
		return L' ';
	return ui_canvas_glyph(c->braille, c->mask[(size_t)cy * (size_t)c->w + (size_t)cx]);
}

int ui_axis_dot(const struct ui_axis *a, double v)
{
	if (a->n <= 1 || !(a->hi > a->lo))
		return 0;
	if (a->log) {
		if (!(v > 0) || !(a->lo > 0))
			return 0;
		return (int)lround(log10(v / a->lo) / log10(a->hi / a->lo) * (a->n - 1));
	}
	return (int)lround((v - a->lo) / (a->hi - a->lo) * (a->n - 1));
}

double ui_axis_value(const struct ui_axis *a, int d)
{
	if (a->n <= 1)
		return a->lo;
	if (a->log && a->lo > 0 && a->hi > a->lo && isfinite(a->hi / a->lo))
		return a->lo * pow(a->hi / a->lo, (double)d / (a->n - 1));
	if (a->log && a->lo > 0 && a->hi > a->lo) {  /* the ratio overflows: lo^(1-t) hi^t */
		double t = (double)d / (a->n - 1);
		return pow(a->lo, 1 - t) * pow(a->hi, t);
	}
	return a->lo + (a->hi - a->lo) * d / (a->n - 1);
}

/*
 * Round ticks evenly spaced inside [lo, hi] (a 1, 2 or 5 step): a log axis
 * spanning less than a decade holds too few 1-2-5 values to read.
 */
static int even_ticks(double lo, double hi, double *out, int max)
{
	static const double mult[3] = { 1, 2, 5 };
	double base = pow(10, floor(log10((hi - lo) / 4)));
	int n = 0;

	for (int k = 0;; k++) {
		double step = mult[k % 3] * base * pow(10, k / 3);
		double first = ceil(lo / step - 1e-9) * step;
		n = 0;
		for (double v = first; v <= hi * (1 + 1e-12) && n < max; v = first + n * step)
			out[n++] = v;
		if (first + n * step > hi * (1 + 1e-12) || k > 30)
			return n;
	}
}

int ui_axis_log_ticks(double lo, double hi, double *out, int max)
{
	static const double mant[3] = { 1, 2, 5 };
	int e0, e1, n = 0, every = 1;

	if (!(lo > 0) || !(hi > lo) || max < 1)
		return 0;
	if (hi / lo < 10) {
		n = even_ticks(lo, hi, out, max);
		if (n >= 3 || n == max)
			return n;
	}
	e0 = (int)floor(log10(lo));
	e1 = (int)ceil(log10(hi));
	/* 1-2-5 within each decade when they all fit, and there are at least two */
	for (int e = e0; e <= e1; e++)
		for (int k = 0; k < 3; k++) {
			double v = mant[k] * pow(10, e);
			if (v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12))
				n++;
		}
	if (n <= max && n >= 2) {
		n = 0;
		for (int e = e0; e <= e1; e++)
			for (int k = 0; k < 3; k++) {
				double v = mant[k] * pow(10, e);
				if (v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12))
					out[n++] = v;
			}
		return n;
	}
	while ((e1 - e0) / every + 1 > max)
		every++;
	n = 0;
	for (int e = e0; e <= e1 && n < max; e++) {
		double v = pow(10, e);
		if (e % every == 0 && v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12))
			out[n++] = v;
	}
	return n;
}

double ui_axis_nice(double *lo, double *hi, int ticks)
{
	double span = *hi - *lo, raw, base, m, step;

	if (ticks < 1)
		ticks = 1;
	if (!(span > 0)) {
		*lo -= 1;
		*hi += 1;
		span = 2;
	}
	raw = span / ticks;
	base = pow(10, floor(log10(raw)));
	m = raw / base;
	step = m <= 1 ? base : m <= 2 ? 2 * base : m <= 5 ? 5 * base : 10 * base;
	*lo = floor(*lo / step + 1e-9) * step;
	*hi = ceil(*hi / step - 1e-9) * step;
	return step;
}
