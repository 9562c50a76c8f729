/*
 * ui_screen.h - one whole frame of the planner: title and hint bar, plot,
 * sliders, policy table, heatmaps, status line and overlays, laid out for
 * the terminal's size (design size 120x40, usable from 80x24), or the
 * "terminal too small" screen.  Records the geometry mouse hits need.
 */
#ifndef OPTDEPLOY_UI_SCREEN_H
#define OPTDEPLOY_UI_SCREEN_H

#include "optdeploy/ui/ui_app.h"

#define UI_MIN_COLS 80
#define UI_MIN_LINES 24

void ui_screen_draw(struct app *a);

#endif
