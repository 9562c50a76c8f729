/*
 * ui_figure.c - the planner's figure export: the view's frontier, policy and
 * heatmaps through the figure layer, into the file named at the prompt.
 */
#include "optdeploy/ui/ui_figure.h"

#include <math.h>

#include "optdeploy/figure/figure.h"
#include "optdeploy/figure/figure_model.h"

/* Both sweeps finished (they may still be running in the background). */
static bool finish_sweeps(struct app *a)
{
	struct status_msg m;

	for (int i = 0; i < UI_SWEEPS; i++) {
		if (!a->sweep_live[i]) {
			ui_app_message(a, true, "no figure: %s", a->sweep_error[i]);
			return false;
		}
		status_clear(&m);
		if (sweep_run(&a->sweeps[i], a->solver, &m) != ST_OK) {
			ui_app_message(a, true, "no figure: %s", m.text);
			return false;
		}
	}
	return true;
}

void ui_figure_export(struct app *a)
{
	struct figure_job job = { NULL, FIGURE_BOTH, FIGURE_PNG, 0, 0 };
	struct figure_model fm;
	struct status_msg m;
	bool budget = a->mode == SOLVE_MAX_ACCURACY;

	status_clear(&m);
	if (figure_format_from_name(a->export_path, &job.format, &m) != ST_OK) {
		ui_app_message(a, true, "%s", m.text);
		return;
	}
	if (!finish_sweeps(a))
		return;
	struct figure_source src = {
		ui_app_pool(a), &a->sweeps[0], &a->sweeps[1], a->have_pol ? &a->pol : NULL,
		budget ? a->params[UI_P_BUDGET].value : NAN, FIGURE_AXIS_AUTO, a->cur == 1,
		a->heat_all_rows,
	};
	if (figure_model_build(&fm, &src, &m) != ST_OK) {
		ui_app_message(a, true, "%s", m.text);
		return;
	}
	job.model = &fm;
	if (figure_write_file(a->export_path, &job, &m) == ST_OK)
		ui_app_message(a, false, "wrote the figure to %s", a->export_path);
	else
		ui_app_message(a, true, "%s", m.text);
	figure_model_free(&fm);
	figure_release_caches();
}
