/*
 * cli.h - the command line: option parsing (a pure function, also fuzzed and
 * unit tested) and the batch commands solve, sweep, frontier and compare.
 *
 * cli_parse never prints, never exits and never touches the file system: it
 * fills struct cli_options or returns ST_USAGE with a message that names the
 * offending option.  cli_main is the program: it parses, loads the pool,
 * computes everything, and only then prints, so an error never follows a
 * partial table.
 */
#ifndef OPTDEPLOY_CLI_H
#define OPTDEPLOY_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/solve.h"
#include "optdeploy/core/status.h"

#define OPTDEPLOY_VERSION "0.1.0"

#define CLI_STEPS_MAX 100000
#define CLI_FRONTIER_STEPS 21   /* default levels of the ILP frontier */
#define CLI_LAMBDA_PER_K 0.1    /* default lambda = 0.1 K */

/* Exit status of a problem without an answer (infeasible, time limit). */
#define CLI_EXIT_NO_POLICY 1

enum cli_command {
	CLI_PLAN,      /* optdeploy [FILE]: the interactive planner */
	CLI_SOLVE,
	CLI_SWEEP,
	CLI_FRONTIER,
	CLI_COMPARE,
	CLI_HELP,      /* --help, -h, help */
	CLI_VERSION    /* --version, -V */
};

enum cli_format {
	CLI_FORMAT_TABLE,
	CLI_FORMAT_CSV
};

struct cli_options {
	enum cli_command command;
	const char *path;           /* FILE, borrowed from argv; NULL when absent */
	struct solve_params params; /* K, resolved lambda, method, mode, budget or floor */
	bool budget_given;
	bool floor_given;           /* --min-accuracy: params.mode is SOLVE_MIN_COST */
	bool lambda_given;          /* --lambda: an absolute value */
	bool lambda_per_k_given;    /* --lambda-per-k: lambda follows K */
	double lambda_per_k;        /* CLI_LAMBDA_PER_K unless given */
	bool normalize;
	bool ascii;
	bool from_given, to_given;
	double from, to;            /* sweep/frontier range; NaN when not given */
	size_t steps;               /* sweep/frontier levels (defaults per command) */
	enum cli_format format;
	const char *output;         /* -o OUT, borrowed; NULL when absent; "-" is stdout */
	bool no_progress;           /* --no-progress: no progress line on a terminal */
};

/*
 * Parse argv[0 .. argc-1] (argv[0] is the program name).  Returns ST_OK and
 * fills *o, or ST_USAGE with m naming the option and the bad value, e.g.
 * `--K: "0" is out of range 1..1000000000`.  Uses getopt_long (its global
 * state is reset on every call), never prints or exits.
 */
enum status cli_parse(int argc, char *const argv[], struct cli_options *o,
		      struct status_msg *m);

/* Name of a command as typed ("solve", ...); "" for the planner. */
const char *cli_command_name(enum cli_command c);

/* The program: parse, run, print.  Returns the process exit status. */
int cli_main(int argc, char *argv[]);

#endif
