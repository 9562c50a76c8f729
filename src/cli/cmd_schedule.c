/* cmd_schedule.c - `optdeploy schedule`: write the solved policy's inference order. */
#include "optdeploy/cli/cli_schedule.h"

#include <stdio.h>
#include <string.h>

#include "optdeploy/cli/cli_progress.h"
#include "optdeploy/core/schedule_export.h"

static enum schedule_format format_of(enum cli_format f)
{
	if (f == CLI_FORMAT_CSV)
		return SCHEDULE_FORMAT_CSV;
	return f == CLI_FORMAT_C ? SCHEDULE_FORMAT_C : SCHEDULE_FORMAT_RUNS;
}

/* The slots written so far, on the progress line (the csv and runs formats walk all K). */
static bool slots_progress(void *ctx, uint64_t slots, uint64_t k)
{
	(void)k;
	cli_progress_update(ctx, (size_t)slots);
	return true;
}

enum status cli_schedule_emit(const struct cli_options *o, const struct pool *pool,
			      const struct policy *p, struct status_msg *m)
{
	struct cli_progress pr;
	struct schedule_job job = { pool, p, format_of(o->format), slots_progress, &pr };
	size_t rows = 0;
	enum status st;
	cli_progress_start(&pr, stderr, !o->no_progress && job.format != SCHEDULE_FORMAT_C,
			   "schedule", "slots written", (size_t)p->params.k);
	if (o->output == NULL || strcmp(o->output, "-") == 0) {
		/* checked before the first byte, so a refusal prints nothing */
		st = schedule_export_check(&job, m);
		if (st == ST_OK)
			st = schedule_export_stream(stdout, "standard output", &job, &rows, m);
		cli_progress_end(&pr);
		return st;
	}
	st = schedule_export_file(o->output, &job, &rows, m);
	cli_progress_end(&pr);
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
