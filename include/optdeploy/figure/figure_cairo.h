/*
 * figure_cairo.h - cairo, loaded when a figure is drawn and not before.
 *
 * Linking cairo made every command load 32 shared libraries (cairo's X11
 * chain among them) and start twice as slowly as glpsol, although only
 * `plot` and the planner's figure export draw.  The figure layer therefore
 * reaches cairo through a table of its functions filled by dlopen() and
 * dlsym() on first use (figure_cairo_load), and the names below, after
 * cairo's own declarations, turn every cairo_* call of the figure code into
 * a call through that table.  A cairo function the figure code starts to
 * use goes into FIGURE_CAIRO_FUNCTIONS and gets its #define here.
 */
#ifndef OPTDEPLOY_FIGURE_CAIRO_H
#define OPTDEPLOY_FIGURE_CAIRO_H

#include <stdbool.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>

#include "optdeploy/core/status.h"

#define FIGURE_CAIRO_FUNCTIONS(X)                                                          \
	X(cairo_arc) X(cairo_arc_negative) X(cairo_clip) X(cairo_close_path) X(cairo_create) \
	X(cairo_curve_to) X(cairo_debug_reset_static_data) X(cairo_destroy) X(cairo_fill)   \
	X(cairo_fill_preserve) X(cairo_font_extents) X(cairo_get_current_point)             \
	X(cairo_identity_matrix) X(cairo_image_surface_create)                              \
	X(cairo_image_surface_get_data) X(cairo_image_surface_get_stride) X(cairo_line_to)  \
	X(cairo_move_to) X(cairo_new_path) X(cairo_new_sub_path) X(cairo_paint)             \
	X(cairo_pattern_add_color_stop_rgb) X(cairo_pattern_create_linear)                  \
	X(cairo_pattern_destroy) X(cairo_pdf_surface_create_for_stream) X(cairo_rectangle)  \
	X(cairo_rel_line_to) X(cairo_rel_move_to) X(cairo_reset_clip) X(cairo_restore)      \
	X(cairo_rotate) X(cairo_save) X(cairo_scale) X(cairo_select_font_face)              \
	X(cairo_set_dash) X(cairo_set_font_size) X(cairo_set_line_cap)                      \
	X(cairo_set_line_join) X(cairo_set_line_width) X(cairo_set_source)                  \
	X(cairo_set_source_rgb) X(cairo_set_source_rgba) X(cairo_show_text)                 \
	X(cairo_status) X(cairo_status_to_string) X(cairo_stroke) X(cairo_stroke_preserve)  \
	X(cairo_surface_destroy) X(cairo_surface_finish) X(cairo_surface_flush)             \
	X(cairo_surface_status) X(cairo_surface_write_to_png_stream)                        \
	X(cairo_svg_surface_create_for_stream) X(cairo_text_extents) X(cairo_translate)

#define FIGURE_CAIRO_SLOT(f) __typeof__(f) *f;
struct figure_cairo_api {
	FIGURE_CAIRO_FUNCTIONS(FIGURE_CAIRO_SLOT)
};
#undef FIGURE_CAIRO_SLOT

/* The table: filled once by figure_cairo_load, read-only afterwards. */
extern struct figure_cairo_api figure_cairo;

/*
 * Load cairo (libcairo.so.2) and fill the table, once per process.
 * ST_INTERNAL with the loader's message when the library or one of its
 * functions is missing.  Every entry point that draws calls it first.
 */
enum status figure_cairo_load(struct status_msg *m);

/* Whether cairo has been loaded. */
bool figure_cairo_loaded(void);

/* Free cairo's and fontconfig's static caches (leak checkers); nothing before a load. */
void figure_cairo_release(void);

#ifndef FIGURE_CAIRO_TABLE_ITSELF
#define cairo_arc (figure_cairo.cairo_arc)
#define cairo_arc_negative (figure_cairo.cairo_arc_negative)
#define cairo_clip (figure_cairo.cairo_clip)
#define cairo_close_path (figure_cairo.cairo_close_path)
#define cairo_create (figure_cairo.cairo_create)
#define cairo_curve_to (figure_cairo.cairo_curve_to)
#define cairo_debug_reset_static_data (figure_cairo.cairo_debug_reset_static_data)
#define cairo_destroy (figure_cairo.cairo_destroy)
#define cairo_fill (figure_cairo.cairo_fill)
#define cairo_fill_preserve (figure_cairo.cairo_fill_preserve)
#define cairo_font_extents (figure_cairo.cairo_font_extents)
#define cairo_get_current_point (figure_cairo.cairo_get_current_point)
#define cairo_identity_matrix (figure_cairo.cairo_identity_matrix)
#define cairo_image_surface_create (figure_cairo.cairo_image_surface_create)
#define cairo_image_surface_get_data (figure_cairo.cairo_image_surface_get_data)
#define cairo_image_surface_get_stride (figure_cairo.cairo_image_surface_get_stride)
#define cairo_line_to (figure_cairo.cairo_line_to)
#define cairo_move_to (figure_cairo.cairo_move_to)
#define cairo_new_path (figure_cairo.cairo_new_path)
#define cairo_new_sub_path (figure_cairo.cairo_new_sub_path)
#define cairo_paint (figure_cairo.cairo_paint)
#define cairo_pattern_add_color_stop_rgb (figure_cairo.cairo_pattern_add_color_stop_rgb)
#define cairo_pattern_create_linear (figure_cairo.cairo_pattern_create_linear)
#define cairo_pattern_destroy (figure_cairo.cairo_pattern_destroy)
#define cairo_pdf_surface_create_for_stream (figure_cairo.cairo_pdf_surface_create_for_stream)
#define cairo_rectangle (figure_cairo.cairo_rectangle)
#define cairo_rel_line_to (figure_cairo.cairo_rel_line_to)
#define cairo_rel_move_to (figure_cairo.cairo_rel_move_to)
#define cairo_reset_clip (figure_cairo.cairo_reset_clip)
#define cairo_restore (figure_cairo.cairo_restore)
#define cairo_rotate (figure_cairo.cairo_rotate)
#define cairo_save (figure_cairo.cairo_save)
#define cairo_scale (figure_cairo.cairo_scale)
#define cairo_select_font_face (figure_cairo.cairo_select_font_face)
#define cairo_set_dash (figure_cairo.cairo_set_dash)
#define cairo_set_font_size (figure_cairo.cairo_set_font_size)
#define cairo_set_line_cap (figure_cairo.cairo_set_line_cap)
#define cairo_set_line_join (figure_cairo.cairo_set_line_join)
#define cairo_set_line_width (figure_cairo.cairo_set_line_width)
#define cairo_set_source (figure_cairo.cairo_set_source)
#define cairo_set_source_rgb (figure_cairo.cairo_set_source_rgb)
#define cairo_set_source_rgba (figure_cairo.cairo_set_source_rgba)
#define cairo_show_text (figure_cairo.cairo_show_text)
#define cairo_status (figure_cairo.cairo_status)
#define cairo_status_to_string (figure_cairo.cairo_status_to_string)
#define cairo_stroke (figure_cairo.cairo_stroke)
#define cairo_stroke_preserve (figure_cairo.cairo_stroke_preserve)
#define cairo_surface_destroy (figure_cairo.cairo_surface_destroy)
#define cairo_surface_finish (figure_cairo.cairo_surface_finish)
#define cairo_surface_flush (figure_cairo.cairo_surface_flush)
#define cairo_surface_status (figure_cairo.cairo_surface_status)
#define cairo_surface_write_to_png_stream (figure_cairo.cairo_surface_write_to_png_stream)
#define cairo_svg_surface_create_for_stream (figure_cairo.cairo_svg_surface_create_for_stream)
#define cairo_text_extents (figure_cairo.cairo_text_extents)
#define cairo_translate (figure_cairo.cairo_translate)
#endif

#endif
