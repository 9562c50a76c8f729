/*
 * ui_battery.h - battery mode's Duration slider moved by keys, wheel or
 * mouse: it lands only on durations whose budget per inference the
 * cheapest model the device limits let run can meet, stopping at the
 * longest such duration, and says why the next one is not.  A duration
 * typed with = is taken as it is (the table then says why it has no policy).
 */
#ifndef OPTDEPLOY_UI_BATTERY_H
#define OPTDEPLOY_UI_BATTERY_H

#include "optdeploy/ui/ui_app.h"

/*
 * The longest duration (seconds) whose budget per inference reaches cost c
 * (cost units) under a's battery, idle draw and rate, within the slider's
 * track; 0 when none does.
 */
double ui_battery_longest(const struct app *a, double c);

/*
 * Move the duration to v as a slider step does: v itself when it is
 * feasible or shorter than now; else the longest feasible duration when
 * that is longer than now; else nothing moves and the status line says why
 * v is not feasible.  Returns the reaction flags.
 */
unsigned ui_battery_move(struct app *a, double v);

#endif
