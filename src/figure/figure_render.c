/*
 * figure_render.c - a figure onto a page and the page into SVG, PDF or PNG:
 * the layout of the kinds, cairo's surfaces writing into a stdio stream, and
 * the atomic file writer (export_atomic, as every export).
 */
#include "optdeploy/figure/figure_draw.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "optdeploy/core/export.h"

/* Base font size: readable at the width each kind is printed at (a column, a text width). */
static double base_font(enum figure_kind kind, double w, double h)
{
	double f = kind == FIGURE_FRONTIER ? w / 36 : w / 54;

	return fmin(f, h / (kind == FIGURE_BOTH ? 40 : 20));
}

double figure_fit_height(const struct figure_model *fm, enum figure_kind kind, double w, double h)
{
	for (int i = 0; kind != FIGURE_FRONTIER && i < 400 && h < FIGURE_SIZE_MAX; i++) {
		double f = base_font(kind, w, h), m = f * 0.4, room = h - 2 * m;
		if (kind == FIGURE_BOTH)
			room -= (h - 2 * m) * 0.58 + f;
		if (room >= figure_heat_height(fm, f))
			break;
		h = fmin(FIGURE_SIZE_MAX, h * 1.03);
	}
	return h;
}

void figure_draw(cairo_t *cr, const struct figure_model *fm, enum figure_kind kind,
		 double w, double h, struct figure_geom *g)
{
	struct figure_geom local;
	double f = base_font(kind, w, h), m = f * 0.4;

	if (g == NULL)
		g = &local;
	memset(g, 0, sizeof *g);
	if (figure_cairo_load(NULL) != ST_OK)
		return;  /* cannot be: cr came from cairo */
	cairo_save(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	if (kind == FIGURE_FRONTIER)
		figure_draw_frontier(cr, fm, (struct figure_rect){ m, m, w - 2 * m, h - 2 * m }, f, g);
	else if (kind == FIGURE_HEATMAP)
		figure_draw_heatmaps(cr, fm, (struct figure_rect){ m, m, w - 2 * m, h - 2 * m }, f, g);
	else {
		double split = (h - 2 * m) * 0.58;
		figure_draw_frontier(cr, fm, (struct figure_rect){ m, m, w - 2 * m, split }, f, g);
		figure_draw_heatmaps(cr, fm, (struct figure_rect){ m, m + split + f, w - 2 * m,
								   h - 2 * m - split - f }, f, g);
	}
	cairo_restore(cr);
}

/* cairo's write callback into a stdio stream; the first errno is kept for the message. */
struct sink {
	FILE *fp;
	int err;
};

static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int length)
{
	struct sink *s = closure;

	if (s->err != 0)
		return CAIRO_STATUS_WRITE_ERROR;
	if (length > 0 && fwrite(data, 1, length, s->fp) != length) {
		s->err = errno ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *make_surface(const struct figure_job *job, double w, double h,
				     struct sink *s)
{
	switch (job->format) {
	case FIGURE_SVG:
		return cairo_svg_surface_create_for_stream(sink_write, s, w, h);
	case FIGURE_PDF:
		return cairo_pdf_surface_create_for_stream(sink_write, s, w, h);
	case FIGURE_PNG:
		break;
	}
	return cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)lround(w), (int)lround(h));
}

static enum status cairo_failure(const char *name, cairo_status_t cs, const struct sink *s,
				 struct status_msg *m)
{
	if (s->err != 0 || cs == CAIRO_STATUS_WRITE_ERROR)
		return status_fail(m, ST_OUTPUT, "%s: cannot write: %s", name,
				   strerror(s->err ? s->err : EIO));
	if (cs == CAIRO_STATUS_NO_MEMORY)
		return status_fail(m, ST_INTERNAL, "%s: out of memory drawing the figure", name);
	return status_fail(m, ST_INTERNAL, "%s: cairo: %s", name, cairo_status_to_string(cs));
}

enum status figure_write_stream(FILE *fp, const char *name, const struct figure_job *job,
				struct status_msg *m)
{
	struct sink s = { fp, 0 };
	double w = job->width, h = job->height;
	cairo_status_t cs;

	enum status st = figure_cairo_load(m);
	if (st != ST_OK)
		return st;
	if (!(w > 0 && h > 0)) {
		/* the default page grows to label every heatmap row; a size asked for is kept,
		 * and the figure says what it leaves out */
		figure_default_size(job->kind, job->format, &w, &h);
		h = figure_fit_height(job->model, job->kind, w, h);
	}
	errno = 0;
	cairo_surface_t *surface = make_surface(job, w, h, &s);
	cairo_t *cr = cairo_create(surface);
	if ((cs = cairo_status(cr)) == CAIRO_STATUS_SUCCESS) {
		figure_draw(cr, job->model, job->kind, w, h, NULL);
		cs = cairo_status(cr);
	}
	cairo_destroy(cr);
	if (cs == CAIRO_STATUS_SUCCESS && job->format == FIGURE_PNG)
		cs = cairo_surface_write_to_png_stream(surface, sink_write, &s);
	cairo_surface_finish(surface);  /* SVG and PDF write their last bytes here */
	if (cs == CAIRO_STATUS_SUCCESS)
		cs = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	if (cs != CAIRO_STATUS_SUCCESS || s.err != 0)
		return cairo_failure(name, cs, &s, m);
	if (fflush(fp) != 0 || ferror(fp))
		return status_fail(m, ST_OUTPUT, "%s: cannot write: %s", name,
				   strerror(errno ? errno : EIO));
	return ST_OK;
}

void figure_release_caches(void)
{
	figure_cairo_release();
}

static enum status write_job(FILE *fp, const char *name, const void *ctx, size_t *rows,
			     struct status_msg *m)
{
	if (rows != NULL)
		*rows = 0;
	return figure_write_stream(fp, name, ctx, m);
}

enum status figure_write_file(const char *path, const struct figure_job *job,
			      struct status_msg *m)
{
	return export_atomic(path, write_job, job, NULL, m);
}
