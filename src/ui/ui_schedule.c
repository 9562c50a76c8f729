/* ui_schedule.c - key s: the current policy's inference order into a file named in the prompt. */
#include "optdeploy/ui/ui_schedule.h"

#include "optdeploy/core/schedule_export.h"

void ui_schedule_export(struct app *a)
{
	struct schedule_job job = { ui_app_pool(a), &a->pol, SCHEDULE_FORMAT_RUNS };
	struct status_msg m;
	size_t rows = 0;

	status_clear(&m);
	if (!a->have_pol)
		ui_app_message(a, true, "nothing to schedule: %s", a->solve_error);
	else if (!policy_has_counts(&a->pol))  /* as `schedule -o`: no policy, no file */
		ui_app_message(a, true, "nothing to schedule: the solve ended %s%s%s",
			       solve_outcome_name(a->pol.outcome), a->pol.message[0] ? ": " : "",
			       a->pol.message);
	else if (!schedule_format_from_name(a->export_path, &job.format))
		ui_app_message(a, true, "%s: a schedule file ends in .csv, .runs.csv or .h",
			       a->export_path);
	else if (schedule_export_file(a->export_path, &job, &rows, &m) != ST_OK)
		ui_app_message(a, true, "%s", m.text);
	else if (job.format == SCHEDULE_FORMAT_C)
		ui_app_message(a, false, "exported the schedule as a C header (%zu models) to %s",
			       rows, a->export_path);
	else
		ui_app_message(a, false, "exported the schedule (%s, %zu rows) to %s",
			       schedule_format_name(job.format), rows, a->export_path);
}
