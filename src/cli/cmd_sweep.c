/*
 * cmd_sweep.c - `optdeploy sweep`: one solve per budget level, streamed.  A
 * CSV writes each level's rows as soon as it is solved (one level in memory,
 * one progress line counting levels solved and written); a table keeps only
 * what its rows show and is printed when every level is solved.
 */
#include "optdeploy/cli/cli_cmd.h"

#include <stdio.h>
#include <string.h>

#include "optdeploy/cli/cli_print.h"
#include "optdeploy/cli/cli_progress.h"
#include "optdeploy/cli/cli_sweep_rows.h"
#include "optdeploy/core/export.h"
#include "optdeploy/core/sweep.h"

static void sweep_progress(void *ctx, size_t levels, unsigned long long bytes)
{
	(void)bytes;
	cli_progress_update(ctx, levels);
}

/*
 * A CSV sweep is streamed: each level is solved, then its rows written, so one
 * level is in memory whatever --steps is; the progress line counts levels
 * solved and written.
 */
static int stream_sweep_csv(const struct cli_options *o, const struct pool *pool,
			    struct solver *s)
{
	struct status_msg m;
	struct sweep sw;
	struct cli_progress pr;
	size_t rows = 0;
	enum status st;
	bool to_file = o->output != NULL && strcmp(o->output, "-") != 0;
	int code = cli_init_sweep(o, pool, &sw, true);
	if (code != 0)
		return code;
	struct export_sweep_job job = { &sw, s, sweep_progress, &pr };
	cli_progress_start(&pr, stderr, !o->no_progress, "sweep", "levels solved and written",
			   sw.n_levels);
	if (to_file)
		st = export_atomic(o->output, export_sweep_levels, &job, &rows, &m);
	else
		st = export_sweep_levels(stdout, "standard output", &job, &rows, &m);
	cli_progress_end(&pr);
	if (st == ST_OK && to_file)
		fprintf(stderr, "optdeploy: wrote %zu row%s to %s\n", rows, rows == 1 ? "" : "s",
			o->output);
	code = st != ST_OK ? cli_report(st, &m) : cli_finish_stdout(0);
	code = cli_sweep_verdict(&sw, code);
	sweep_free(&sw);
	return code;
}

/*
 * A table sweep streams too: each level is solved and only what its row
 * shows is kept (cli_sweep_rows), then the table is printed; the column
 * widths and the models shown need every level first.
 */
static int table_sweep(const struct cli_options *o, const struct pool *pool, struct solver *s)
{
	struct status_msg m;
	struct sweep sw;
	struct cli_sweep_rows rows;
	struct cli_progress pr;
	enum status st = ST_OK;
	int code = cli_init_sweep(o, pool, &sw, true);
	if (code != 0)
		return code;
	cli_sweep_rows_init(&rows);
	cli_progress_start(&pr, stderr, !o->no_progress, "sweep", "levels", sw.n_levels);
	while (st == ST_OK && code == 0 && !sweep_finished(&sw)) {
		st = sweep_step(&sw, s, &m);
		const struct sweep_level *lv = sweep_last(&sw);
		if (st == ST_OK && lv->policy.outcome == SOLVE_FAILED) {
			char where[64];
			cli_progress_end(&pr);
			snprintf(where, sizeof where, "budget %.10g: ", lv->budget);
			code = cli_report_no_policy(&lv->policy, where);
		} else if (st == ST_OK) {
			st = cli_sweep_rows_add(&rows, lv, pool->n, &m);
		}
		cli_progress_update(&pr, sw.done);
	}
	cli_progress_end(&pr);
	if (code == 0 && st == ST_OK)
		st = cli_print_sweep(stdout, o, &sw, &rows, &m);
	if (code == 0) {
		code = st != ST_OK ? cli_report(st, &m) : cli_finish_stdout(0);
		code = cli_sweep_verdict(&sw, code);
	}
	cli_sweep_rows_free(&rows);
	sweep_free(&sw);
	return code;
}

int cli_cmd_sweep(const struct cli_options *o, const struct pool *pool, struct solver *s)
{
	if (o->format == CLI_FORMAT_CSV || (o->output != NULL && strcmp(o->output, "-") != 0))
		return stream_sweep_csv(o, pool, s);
	return table_sweep(o, pool, s);
}
