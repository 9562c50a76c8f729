/*
 * cli_cmd.h - what the batch commands kept in files of their own (cmd_*.c)
 * share with cli.c: the error report and the sweep exactly as `optdeploy
 * sweep` runs it, so a command built on sweeps shows the same numbers.
 */
#ifndef OPTDEPLOY_CLI_CMD_H
#define OPTDEPLOY_CLI_CMD_H

#include <stdbool.h>

#include "optdeploy/cli/cli.h"
#include "optdeploy/core/export.h"
#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/core/status.h"
#include "optdeploy/core/sweep.h"

/* "optdeploy: MESSAGE" on stderr (and the --help hint for usage); returns the exit status. */
int cli_report(enum status st, const struct status_msg *m);

/* Everything went to stdout: code, or 73 (reported) when a write failed. */
int cli_finish_stdout(int code);

/*
 * A CSV written by w: atomically into -o FILE (with a "wrote N rows" note on
 * stderr), or onto standard output.  Returns the exit status.
 */
int cli_emit_csv(const struct cli_options *o, export_writer w, const void *ctx);

/*
 * The sweep of `optdeploy sweep` with these options (range, steps, K,
 * lambda, method), solved.  Returns 0, or the exit status after reporting;
 * *sw is to be freed with sweep_free either way.
 */
int cli_run_sweep(const struct cli_options *o, const struct pool *pool, struct solver *s,
		  struct sweep *sw);

/* After the output: 1 (with a note) when a level stopped at the time limit, else code. */
int cli_sweep_verdict(const struct sweep *sw, int code);

/*
 * The levels of `optdeploy sweep`'s range for these options, not yet solved:
 * held (every level kept) or streamed (sweep_init_streamed).  Returns 0, or
 * the exit status after reporting (then *sw is empty).
 */
int cli_init_sweep(const struct cli_options *o, const struct pool *pool, struct sweep *sw,
		   bool streamed);

/* A policy the solver did not deliver, reported after `where`: 1 for no answer, 70 for a failure. */
int cli_report_no_policy(const struct policy *p, const char *where);

/* `optdeploy sweep` (cmd_sweep.c). */
int cli_cmd_sweep(const struct cli_options *o, const struct pool *pool, struct solver *s);

/* `optdeploy plot` (cmd_plot.c): the figure of the pool into o->output. */
int cli_cmd_plot(const struct cli_options *o, const struct pool *pool, struct solver *s);

#endif
