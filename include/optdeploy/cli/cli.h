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

#include "optdeploy/core/battery.h"
#include "optdeploy/core/cost_unit.h"
#include "optdeploy/core/pool_spec.h"
#include "optdeploy/core/pool_tables.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/core/status.h"
#include "optdeploy/core/sweep.h"
#include "optdeploy/figure/figure.h"

#define OPTDEPLOY_VERSION "0.1.0"

#define CLI_STEPS_MAX 100000
#define CLI_FRONTIER_STEPS 21   /* default levels of the ILP frontier */
#define CLI_LAMBDA_PER_K 0.1    /* default lambda = 0.1 K */
#define CLI_MAX_MODELS_MAX 1000000  /* --max-models range 1..this */
#define CLI_FILES_MAX (POOL_TABLES_MAX - 1)  /* FILE arguments; one more table for --pool */

/* Exit status of a problem without an answer (infeasible, time limit). */
#define CLI_EXIT_NO_POLICY 1

enum cli_command {
	CLI_PLAN,      /* optdeploy [FILE]: the interactive planner */
	CLI_SOLVE,
	CLI_SWEEP,
	CLI_FRONTIER,
	CLI_COMPARE,
	CLI_LIFETIME,  /* how long a battery lasts at an accuracy floor (cmd_lifetime.c) */
	CLI_SCHEDULE,  /* solve, then the order of the K inferences */
	CLI_PLOT,      /* figures with cairo: cmd_plot.c */
	CLI_HELP,      /* --help, -h, help */
	CLI_VERSION    /* --version, -V */
};

/*
 * Physical units (cli_battery.c): what one cost unit is, and the battery
 * problem.  Text is borrowed from argv; bp holds the parsed values.
 */
struct cli_phys {
	bool cost_unit_given, battery_given, idle_given, rate_given, duration_given;
	const char *cost_unit;      /* the energy unit of a cost ("mJ"), pointing into
	                               cli_options.unit; NULL when the cost is no energy */
	const char *cost_unit_arg;  /* --cost-unit as typed; NULL when not given */
	const char *battery_arg, *idle_arg, *rate_arg, *duration_arg;  /* as typed */
	struct battery_params bp;
	struct battery_plan plan;   /* solve --battery: the K and budget that follow */
};

/* The time options (cli_time.c); the values themselves are in params and spec. */
struct cli_time {
	bool deadline_given, duty_given, unit_given, energy_given;
	bool above_idle;   /* --energy above-idle: idle charged for the whole duration */
	bool idle_only;    /* set once the pool is loaded: costs are e_i - P t_i */
};

enum cli_format {
	CLI_FORMAT_TABLE,
	CLI_FORMAT_CSV,
	CLI_FORMAT_RUNS,  /* schedule only: model,repeat rows */
	CLI_FORMAT_C      /* schedule only: a C header with a generator */
};

/* What `optdeploy plot` adds: the figure, its format (from -o's name) and size. */
struct cli_plot_options {
	enum figure_kind kind;      /* --figure, default both */
	enum figure_format format;  /* from the extension of -o */
	double width, height;       /* --size; 0 x 0 for the default */
	const char *data_csv;       /* --data-csv FILE, borrowed; NULL when absent */
};

struct cli_options {
	enum cli_command command;
	const char *paths[CLI_FILES_MAX]; /* FILE..., borrowed from argv */
	size_t n_paths;             /* 0 when no FILE was given */
	const char *pool_name;      /* --pool NAME, borrowed; NULL when absent; "help" lists */
	struct pool_spec spec;      /* --columns, --only, --exclude, --strict, --skip-incomplete */
	bool spacing_given;         /* --log or --linear; else the pool's costs decide */
	enum sweep_spacing spacing; /* sweep/frontier levels when spacing_given */
	struct solve_params params; /* K, resolved lambda, method, mode, budget or floor */
	bool budget_given;
	const char *budget_text;    /* --budget with a unit ("250mJ"), read by cli_units_finish */
	const char *from_text, *to_text;  /* the same for --from and --to */
	struct cost_unit unit;      /* what a cost is: the pool's, or --cost-unit's */
	double cost_factor;         /* --cost-unit 2.5mJ: costs x 2.5 (else 1) */
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
	bool k_given;               /* --K */
	bool sweep;                 /* lifetime --sweep: a range of accuracy floors */
	struct cli_phys phys;       /* --cost-unit, --battery, --idle, --rate, --duration */
	struct cli_time time;       /* --deadline, --duty-cycle, --latency-unit, --energy */
	struct cli_plot_options plot;  /* plot only */
	bool no_progress;           /* --no-progress: no progress line on a terminal */
	bool all;                   /* solve --all: a table row for every model, used or not */
	bool rows_all;              /* --rows all: a heatmap row for every model (plot, planner) */
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

/* The batch commands and help, as messages list them: "solve, sweep, ..., help". */
const char *cli_command_list(void);

/* The program: parse, run, print.  Returns the process exit status. */
int cli_main(int argc, char *argv[]);

/*
 * s for a message: control characters as '?', cut with "..." to fit size
 * (one printable line whatever the user typed); returns buf.
 */
const char *cli_printable(const char *s, char *buf, size_t size);

#endif
