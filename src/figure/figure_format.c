/*
 * figure_format.c - the figure options as text: file extension to format,
 * --figure and --size values, default sizes.  No cairo here, so the command
 * line parser (and its fuzz target) can use it alone.
 */
#include "optdeploy/figure/figure.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A user's text made safe for a one-line message: control bytes as '?', long text cut. */
static const char *shown(const char *s, char *buf, size_t size)
{
	size_t n = 0;

	for (; s[n] != '\0' && n + 4 < size; n++) {
		unsigned char c = (unsigned char)s[n];
		buf[n] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	if (s[n] != '\0') {
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n] = '\0';
	return buf;
}

enum status figure_format_from_name(const char *path, enum figure_format *f,
				    struct status_msg *m)
{
	static const struct { const char *ext; enum figure_format f; } known[] = {
		{ ".svg", FIGURE_SVG }, { ".pdf", FIGURE_PDF }, { ".png", FIGURE_PNG },
	};
	const char *base = strrchr(path, '/');
	const char *dot;

	base = base != NULL ? base + 1 : path;
	dot = strrchr(base, '.');
	/* ".png" alone is a hidden file with no name, not a PNG */
	if (dot != NULL && dot != base)
		for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
			if (strcasecmp(dot, known[i].ext) == 0) {
				*f = known[i].f;
				return ST_OK;
			}
	return status_fail(m, ST_USAGE, "%s: not a figure file name (end it in .svg, .pdf "
			   "or .png)", shown(path, (char[256]){ 0 }, 256));
}

enum status figure_kind_parse(const char *s, enum figure_kind *k, struct status_msg *m)
{
	if (strcmp(s, "both") == 0)
		*k = FIGURE_BOTH;
	else if (strcmp(s, "frontier") == 0)
		*k = FIGURE_FRONTIER;
	else if (strcmp(s, "heatmap") == 0)
		*k = FIGURE_HEATMAP;
	else
		return status_fail(m, ST_USAGE, "--figure: \"%s\" is not a figure "
				   "(frontier, heatmap or both)", shown(s, (char[64]){ 0 }, 64));
	return ST_OK;
}

/* A whole number in range at *s, leaving *s after its digits; -1 when there is none. */
static long take_dimension(const char **s)
{
	long v = 0;
	size_t digits = 0;

	for (; **s >= '0' && **s <= '9'; (*s)++) {
		if (v <= FIGURE_SIZE_MAX)
			v = v * 10 + (**s - '0');
		digits++;
	}
	if (digits == 0 || v < FIGURE_SIZE_MIN || v > FIGURE_SIZE_MAX)
		return -1;
	return v;
}

enum status figure_size_parse(const char *s, double *w, double *h, struct status_msg *m)
{
	const char *p = s;
	long a = take_dimension(&p), b = -1;

	if (a >= 0 && (*p == 'x' || *p == 'X')) {
		p++;
		b = take_dimension(&p);
	}
	if (a < 0 || b < 0 || *p != '\0')
		return status_fail(m, ST_USAGE, "--size: \"%s\" is not WxH with whole numbers "
				   "%d..%d (pixels for PNG, points for PDF and SVG)",
				   shown(s, (char[64]){ 0 }, 64),
				   FIGURE_SIZE_MIN, FIGURE_SIZE_MAX);
	*w = (double)a;
	*h = (double)b;
	return ST_OK;
}

void figure_default_size(enum figure_kind k, enum figure_format f, double *w, double *h)
{
	/* points: a frontier fits a column, heatmaps and the page a full text width */
	static const double pt[3][2] = {
		[FIGURE_BOTH] = { 540, 600 },
		[FIGURE_FRONTIER] = { 360, 270 },
		[FIGURE_HEATMAP] = { 540, 250 },
	};
	double scale = f == FIGURE_PNG ? 3 : 1;

	*w = pt[k][0] * scale;
	*h = pt[k][1] * scale;
}
