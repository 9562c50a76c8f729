/*
 * app.h - the interactive planner's entry point, called by the command line
 * front end once it has parsed the options the planner shares with the batch
 * commands.
 */
#ifndef OPTDEPLOY_APP_H
#define OPTDEPLOY_APP_H

#include <stdbool.h>

#include "optdeploy/core/battery.h"
#include "optdeploy/core/pool_spec.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/core/sweep.h"

struct app_options {
	const char *const *paths;   /* the tables joined into the pool (pool_load_tables), */
	size_t n_paths;             /* at least one: the CLI resolves --pool and the default */
	const struct pool_spec *spec; /* column mapping and selection; NULL: built-in names */
	struct solve_params params; /* starting K, lambda, method and mode */
	bool budget_given;          /* params.budget was set on the command line */
	bool floor_given;           /* params.min_accuracy was set on the command line */
	bool lambda_per_k_given;    /* lambda follows K (lambda = lambda_per_k * K) */
	double lambda_per_k;        /* used when lambda_per_k_given */
	bool normalize;             /* start with normalised costs */
	bool ascii;                 /* force the ASCII rendering fallback */
	bool rows_all;              /* --rows all: a heatmap row for every model */
	bool spacing_given;         /* --log or --linear: the budget axis to start with */
	enum sweep_spacing spacing; /* else the pool's costs decide (sweep_default_spacing) */
	bool battery;               /* battery mode: bp is complete (checked by the CLI), and a */
	struct battery_params bp;   /* duration slider (from bp.duration) gives K and the budget */
	const char *cost_unit;      /* the cost column's unit ("mJ"), for the battery lines */
	bool above_idle;            /* --energy above-idle: else, with latencies, the idle draw
	                               is charged for idle time only (battery.h) */
};

/*
 * Load the pool (a bad file fails before the screen opens, with the same
 * message on stderr as the batch commands), run the planner until the user
 * quits, restore the terminal.  Returns the process exit status.
 */
int app_run(const struct app_options *opt);

#endif
