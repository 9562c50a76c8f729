/*
 * cli_progress.h - the one-line progress indicator of long batch commands
 * (sweep, frontier, compare, and any command that runs many solves).
 *
 * It writes to a terminal only: cli_progress_start enables it when `out` is
 * a terminal (isatty) and the user did not ask for --no-progress.  Nothing
 * appears before CLI_PROGRESS_DELAY_S has passed (quick commands print
 * nothing), the line is rewritten at most every CLI_PROGRESS_PERIOD_S, and
 * cli_progress_end erases it ("\r" then clear-to-end-of-line), so whatever
 * the command prints next (its table, or an error message) starts on a clean
 * line.  The core never prints: the front end steps the work (sweep_step,
 * compare_one) and calls cli_progress_update between steps.
 */
#ifndef OPTDEPLOY_CLI_PROGRESS_H
#define OPTDEPLOY_CLI_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define CLI_PROGRESS_DELAY_S 0.5   /* silent before this much time */
#define CLI_PROGRESS_PERIOD_S 0.1  /* at most ten updates a second */

struct cli_progress {
	FILE *out;          /* borrowed (standard error) */
	bool enabled;       /* out is a terminal and progress was not turned off */
	bool shown;         /* a line is on the terminal now */
	const char *what;   /* "sweep", ...: borrowed, static */
	const char *unit;   /* "levels", "models": borrowed, static */
	size_t total;
	double start;       /* seconds on a monotonic clock */
	double last;        /* when the line was last written */
	int width;          /* terminal columns (0: unknown) */
};

/*
 * Begin: `total` steps of `unit` ("levels") in `what` ("sweep").  Enabled
 * only when `allowed` and `out` is a terminal.
 */
void cli_progress_start(struct cli_progress *p, FILE *out, bool allowed, const char *what,
			const char *unit, size_t total);

/* `done` steps are finished: maybe rewrite the line (clock read here). */
void cli_progress_update(struct cli_progress *p, size_t done);

/* The same with the time given (seconds, same clock as p->start): for tests. */
void cli_progress_tick(struct cli_progress *p, size_t done, double now);

/* Erase the line if one is shown.  Call before any other output. */
void cli_progress_end(struct cli_progress *p);

/*
 * The text of the line, e.g. "sweep: 37/101 levels, 1.2 s elapsed, about
 * 2.1 s left", cut to `size` - 1 bytes.  Pure: for the tests.
 */
void cli_progress_format(char *buf, size_t size, const char *what, const char *unit,
			 size_t done, size_t total, double elapsed);

#endif
