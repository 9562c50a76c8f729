/*
 * ui_schedule.h - the planner's schedule export (key s): the current
 * policy's inference order written to app->export_path, the format taken
 * from the name (.csv slots, .runs.csv runs, .h a C header), the same bytes
 * as `optdeploy schedule -o` for the values on the screen.
 */
#ifndef OPTDEPLOY_UI_SCHEDULE_H
#define OPTDEPLOY_UI_SCHEDULE_H

#include "optdeploy/ui/ui_app.h"

/* Write it and say so on the status line (or why nothing was written). */
void ui_schedule_export(struct app *a);

#endif
