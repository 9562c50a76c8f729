/*
 * ui_sliders.h - the budget (or accuracy floor), lambda and K sliders: a
 * label line with the value and range, and a track with a handle.  The
 * value <-> column mapping is the parameter table's (ui_params.h).
 */
#ifndef OPTDEPLOY_UI_SLIDERS_H
#define OPTDEPLOY_UI_SLIDERS_H

#include <stdbool.h>

#include "optdeploy/ui/ui_params.h"
#include "optdeploy/ui/ui_term.h"

#define UI_SLIDERS 7   /* at most: budget, lambda, K, the device limits, deadline and rate */

struct ui_slider_view {
	const struct ui_param *param;
	const char *value;   /* formatted value, e.g. "0.1 x K = 100" */
	const char *brief;   /* the same, shorter, for one-line sliders ("0.1K = 100") */
	const char *range;   /* formatted range, e.g. "0 .. 5 x K" */
	bool focused;
	const char *tiny;    /* shorter still, when the brief form does not fit ("21h 56min");
	                        NULL: the brief form */
};

struct ui_sliders_geom {
	int n;
	struct ui_rect row[UI_SLIDERS];    /* the line(s) of each slider */
	struct ui_rect track[UI_SLIDERS];  /* the cells between the track's end caps */
};

/* Rows n sliders take: two each (label line, track), or one each when r.h is smaller. */
#define UI_SLIDERS_TALL(n) (2 * (n))
#define UI_SLIDERS_SHORT(n) (n)

void ui_sliders_draw(const struct ui_term *t, struct ui_rect r, const struct ui_slider_view *v,
		     int n, struct ui_sliders_geom *g);

/* The slider whose two lines hold (y, x), or -1. */
int ui_sliders_hit(const struct ui_sliders_geom *g, int y, int x);

/*
 * The slider whose track row holds (y, x), or -1; *col and *w receive the
 * column within the track (clamped to it) and its width, for ui_param_from_col.
 */
int ui_sliders_hit_track(const struct ui_sliders_geom *g, int y, int x, int *col, int *w);

/* Column within slider i's track for screen column x (clamped), for drags outside the track. */
int ui_sliders_track_col(const struct ui_sliders_geom *g, int i, int x);

#endif
