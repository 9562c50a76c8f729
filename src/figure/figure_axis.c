/* figure_axis.c - what the panels share: scales, round ticks and their labels, text, boxes. */
#include "optdeploy/figure/figure_draw.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

bool figure_rect_overlaps(struct figure_rect a, struct figure_rect b)
{
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

bool figure_rect_inside(struct figure_rect a, struct figure_rect box)
{
	return a.x >= box.x && a.y >= box.y && a.x + a.w <= box.x + box.w &&
	       a.y + a.h <= box.y + box.h;
}

void figure_scale_fit(struct figure_scale *s, double lo, double hi, bool log, double pad)
{
	s->log = log && lo > 0 && hi > 0;
	if (s->log) {
		double a = log10(lo), b = log10(hi);
		if (!(b > a)) {
			a -= 0.5;
			b += 0.5;
		}
		s->lo = pow(10, a - pad * (b - a));
		s->hi = pow(10, b + pad * (b - a));
		return;
	}
	if (!(hi > lo)) {
		double d = lo != 0 ? fabs(lo) * 0.1 : 1;
		lo -= d;
		hi += d;
	}
	s->lo = lo - pad * (hi - lo);
	s->hi = hi + pad * (hi - lo);
}

double figure_scale_map(const struct figure_scale *s, double v)
{
	double t;

	if (s->log)
		t = v > 0 ? (log10(v) - log10(s->lo)) / (log10(s->hi) - log10(s->lo)) : -1;
	else
		t = (v - s->lo) / (s->hi - s->lo);
	return s->p0 + t * (s->p1 - s->p0);
}

/* 1, 2, 2.5 or 5 times a power of ten, the smallest at least `raw`. */
static double nice_step(double raw)
{
	static const double mult[] = { 1, 2, 2.5, 5, 10 };
	double p = pow(10, floor(log10(raw)));

	for (size_t i = 0; i < sizeof mult / sizeof mult[0]; i++)
		if (mult[i] * p >= raw * (1 - 1e-9))
			return mult[i] * p;
	return 10 * p;
}

/* Round values evenly spaced (a nice step) inside [lo, hi], at most max. */
static size_t even_ticks(double lo, double hi, double step, double *ticks, size_t max)
{
	size_t n = 0;

	for (double v = ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9 && n < max;
	     v = (ceil(lo / step - 1e-9) + (double)n) * step)
		ticks[n++] = fabs(v) < step * 1e-9 ? 0 : v;
	return n;
}

static size_t log_ticks(const struct figure_scale *s, double *ticks, size_t max)
{
	static const double all[] = { 1, 2, 5 };
	double decades = log10(s->hi) - log10(s->lo);
	size_t per = decades < 1.5 ? 3 : 1, n = 0;

	/* under a decade, 1-2-5 leaves one or two ticks: 2-5 even ones between them instead */
	if (decades < 1) {
		n = even_ticks(s->lo, s->hi, nice_step((s->hi - s->lo) / 6), ticks, max);
		if (n >= 3)
			return n;
		n = 0;
	}

	for (int e = (int)floor(log10(s->lo)); e <= (int)ceil(log10(s->hi)) && n < max; e++)
		for (size_t k = 0; k < per && n < max; k++) {
			double v = all[k] * pow(10, e);
			if (v >= s->lo * (1 - 1e-12) && v <= s->hi * (1 + 1e-12))
				ticks[n++] = v;
		}
	return n;
}

size_t figure_scale_ticks(const struct figure_scale *s, double *ticks, size_t max)
{
	double step;

	if (s->log)
		return log_ticks(s, ticks, max);
	step = nice_step((s->hi - s->lo) / 5);
	return even_ticks(s->lo, s->hi, step, ticks, max);
}

/* The fewest decimals (up to 4) that write v exactly. */
static int decimals_of(double v)
{
	int dec = 0;

	for (; dec < 4; dec++) {
		double scaled = v * pow(10, dec);
		if (fabs(scaled - round(scaled)) < 1e-6 * fmax(1, fabs(scaled)))
			break;
	}
	return dec;
}

void figure_tick_label(const double *ticks, size_t n, size_t i, char *buf, size_t size)
{
	int dec = 0;
	bool even = true;

	/* evenly spaced ticks share their decimals (0.5 1.0 1.5); others, as on a log
	 * axis, read each at its own (0.1 1 10 100, never 1.0 10.0) */
	for (size_t k = 2; k < n && even; k++)
		even = fabs((ticks[k] - ticks[k - 1]) - (ticks[1] - ticks[0])) <=
		       1e-9 * fabs(ticks[1] - ticks[0]);
	if (!even)
		dec = decimals_of(ticks[i]);
	else
		for (size_t k = 0; k < n; k++)
			dec = decimals_of(ticks[k]) > dec ? decimals_of(ticks[k]) : dec;
	snprintf(buf, size, "%.*f", dec, ticks[i]);
}

void figure_font(cairo_t *cr, double size, bool bold)
{
	cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
			       bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
}

void figure_text_size(cairo_t *cr, const char *s, double *w, double *h)
{
	cairo_text_extents_t te;
	cairo_font_extents_t fe;

	cairo_text_extents(cr, s, &te);
	cairo_font_extents(cr, &fe);
	*w = te.x_advance;
	*h = fe.ascent + fe.descent;
}

void figure_text(cairo_t *cr, double x, double y, double ax, double ay, double angle,
		 const char *s)
{
	cairo_font_extents_t fe;
	double w, h;

	figure_text_size(cr, s, &w, &h);
	cairo_font_extents(cr, &fe);
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_rotate(cr, angle);
	cairo_move_to(cr, -ax * w, -ay * h + fe.ascent);
	cairo_show_text(cr, s);
	cairo_new_path(cr);  /* show_text leaves a current point: the next arc must not join it */
	cairo_restore(cr);
}

double figure_fit_font(cairo_t *cr, const char *s, double size, bool bold, double width)
{
	double w, h, min = size * 0.6;

	figure_font(cr, size, bold);
	figure_text_size(cr, s, &w, &h);
	if (w > width && w > 0)
		size = fmax(min, size * width / w);
	figure_font(cr, size, bold);
	return size;
}

void figure_lambda_text(double lambda, long long k, char *buf, size_t size)
{
	if (lambda == 0)
		snprintf(buf, size, "\xce\xbb = 0");
	else
		snprintf(buf, size, "\xce\xbb = %.6g (%.4g K)", lambda, lambda / (double)k);
}
