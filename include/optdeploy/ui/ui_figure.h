/*
 * ui_figure.h - the planner's `p` key: the figure of what the planner shows
 * (the frontier and both heatmaps at the current K, lambda and budget),
 * written as `optdeploy plot` writes it.
 */
#ifndef OPTDEPLOY_UI_FIGURE_H
#define OPTDEPLOY_UI_FIGURE_H

#include "optdeploy/ui/ui_app.h"

/*
 * Write the figure into a->export_path (its extension gives the format),
 * finishing the sweeps first if they are still running.  The outcome, a
 * confirmation or the reason nothing was written, goes to the status line.
 */
void ui_figure_export(struct app *a);

#endif
