/*
 * ui_schedule.h - the planner's schedule export (key s): the current
 * policy's inference order written to app->export_path, the format taken
 * from the name (.csv slots, .runs.csv runs, .h a C header), the same bytes
 * as `optdeploy schedule -o` for the values on the screen.
 *
 * A csv or runs export walks all K slots (seconds at K = 1e7): above
 * UI_SCHEDULE_BACKGROUND_K it runs on a thread of its own, from copies of the
 * pool and the policy, while the planner goes on (keys, redraws); the status
 * line counts the slots written, Esc cancels it (the old file stays, no
 * temporary file is left), and quitting cancels it too.  One export at a
 * time: the other exports wait until it has ended.
 */
#ifndef OPTDEPLOY_UI_SCHEDULE_H
#define OPTDEPLOY_UI_SCHEDULE_H

#include <stdbool.h>

#include "optdeploy/ui/ui_app.h"

#define UI_SCHEDULE_BACKGROUND_K 200000

/* Write it (or start writing it) and say so on the status line (or why nothing was written). */
void ui_schedule_export(struct app *a);

/* Whether a background export is running. */
bool ui_schedule_busy(const struct app *a);

/*
 * Between two frames: the running export's progress onto the status line,
 * and when it has ended, its outcome.  True when the status line changed.
 */
bool ui_schedule_poll(struct app *a);

/* Esc: ask the running export to stop (it ends within a few milliseconds). */
void ui_schedule_cancel(struct app *a);

/* Cancel the running export, if any, and wait for it: before quitting. */
void ui_schedule_stop(struct app *a);

#endif
