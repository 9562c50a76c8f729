/*
 * figure.h - publication figures of a plan, drawn with cairo: the
 * cost/accuracy frontier (the paper's figures 2-3) and the allocation
 * heatmaps (figures 4-5), as SVG, PDF or PNG.
 *
 * This header needs no cairo: it names the figures and formats and writes a
 * whole figure into a file.  The figure layer reads the core's results (a
 * struct figure_model built from a pool, its sweeps and a policy, see
 * figure_model.h) and draws them; like the core it never prints and never
 * ends the process, it returns an enum status and a message.
 */
#ifndef OPTDEPLOY_FIGURE_H
#define OPTDEPLOY_FIGURE_H

#include <stdio.h>

#include "optdeploy/core/status.h"

enum figure_kind {
	FIGURE_BOTH,      /* one page: the frontier above, both heatmaps below */
	FIGURE_FRONTIER,  /* the cost/accuracy plane */
	FIGURE_HEATMAP    /* lambda = 0 and the current lambda side by side */
};

enum figure_format { FIGURE_SVG, FIGURE_PDF, FIGURE_PNG };

/* The cost axis: logarithmic when asked, or (auto) when costs span more than two decades. */
enum figure_axis { FIGURE_AXIS_AUTO, FIGURE_AXIS_LOG, FIGURE_AXIS_LINEAR };

/* Size limits of --size (pixels for PNG, points for PDF and SVG). */
#define FIGURE_SIZE_MIN 100
#define FIGURE_SIZE_MAX 10000

struct figure_model;

/*
 * The format named by a file's extension (.svg, .pdf, .png, any case).
 * ST_USAGE, with a message naming the file and the accepted extensions,
 * for anything else.  Touches no file.
 */
enum status figure_format_from_name(const char *path, enum figure_format *f,
				    struct status_msg *m);

/* "both", "frontier", "heatmap"; ST_USAGE for anything else. */
enum status figure_kind_parse(const char *s, enum figure_kind *k, struct status_msg *m);

/* "WxH" with whole numbers in FIGURE_SIZE_MIN..FIGURE_SIZE_MAX; ST_USAGE otherwise. */
enum status figure_size_parse(const char *s, double *w, double *h, struct status_msg *m);

/* The default size of a figure: points for SVG/PDF, pixels (3 per point) for PNG. */
void figure_default_size(enum figure_kind k, enum figure_format f, double *w, double *h);

/* One figure to write: what, in which format, how large (0 x 0: the default). */
struct figure_job {
	const struct figure_model *model;  /* borrowed */
	enum figure_kind kind;
	enum figure_format format;
	double width, height;
};

/*
 * Draw the figure and write it to an open stream (name is used in
 * messages).  ST_OUTPUT on a write error, ST_INTERNAL when cairo fails.
 */
enum status figure_write_stream(FILE *fp, const char *name, const struct figure_job *job,
				struct status_msg *m);

/*
 * Write the figure into path atomically (export_atomic: a temporary file in
 * the same directory, renamed over path; nothing is left behind on failure).
 */
enum status figure_write_file(const char *path, const struct figure_job *job,
			      struct status_msg *m);

/*
 * Free the font caches cairo and fontconfig keep after drawing text (they
 * are rebuilt when the next figure needs them).  Call only when no figure is
 * being drawn; the CLI and the planner call it after each figure, so leak
 * checkers see nothing left.
 */
void figure_release_caches(void);

#endif
