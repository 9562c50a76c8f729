/*
 * ui_input.h - turns keys and mouse events into changes of the planner
 * state.  Mouse events become the same value changes keys make; both return
 * reaction flags (UI_R_*) for the loop and never solve.
 */
#ifndef OPTDEPLOY_UI_INPUT_H
#define OPTDEPLOY_UI_INPUT_H

#include "optdeploy/ui/ui_app.h"

/* One key code from getch (KEY_MOUSE and KEY_RESIZE included). */
unsigned ui_input_key(struct app *a, int ch);

#endif
