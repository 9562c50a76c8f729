/* cmd_schedule.c - `optdeploy schedule`: write the solved policy's inference order. */
#include "optdeploy/cli/cli_schedule.h"

#include <stdio.h>
#include <string.h>

#include "optdeploy/core/schedule_export.h"

static enum schedule_format format_of(enum cli_format f)
{
	if (f == CLI_FORMAT_CSV)
		return SCHEDULE_FORMAT_CSV;
	return f == CLI_FORMAT_C ? SCHEDULE_FORMAT_C : SCHEDULE_FORMAT_RUNS;
}

enum status cli_schedule_emit(const struct cli_options *o, const struct pool *pool,
			      const struct policy *p, struct status_msg *m)
{
	struct schedule_job job = { pool, p, format_of(o->format) };
	size_t rows = 0;
	enum status st;
	if (o->output == NULL || strcmp(o->output, "-") == 0) {
		/* checked before the first byte, so a refusal prints nothing */
		st = schedule_export_check(&job, m);
		return st != ST_OK ? st : schedule_export_stream(stdout, "standard output", &job,
								  &rows, m);
	}
	st = schedule_export_file(o->output, &job, &rows, m);
	if (st != ST_OK)
		return st;
	if (job.format == SCHEDULE_FORMAT_C)
		fprintf(stderr, "optdeploy: wrote a C header for %zu model%s to %s\n", rows,
			rows == 1 ? "" : "s", o->output);
	else
		fprintf(stderr, "optdeploy: wrote %zu row%s to %s\n", rows,
			rows == 1 ? "" : "s", o->output);
	return ST_OK;
}
