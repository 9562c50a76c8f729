/*
 * cmd_lifetime.h - `optdeploy lifetime`: how long the battery lasts at an
 * accuracy floor (lifetime.h), for one floor or a sweep of floors.
 */
#ifndef OPTDEPLOY_CMD_LIFETIME_H
#define OPTDEPLOY_CMD_LIFETIME_H

#include "optdeploy/cli/cli.h"
#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"

/*
 * Run the command on a loaded pool with its solver; prints the answer
 * (table or CSV, or CSV into o->output atomically) and returns the exit
 * status: 0, 1 (no lifetime: floor above the best accuracy, not one
 * inference fits, a solve stopped at its time limit), 70, 73.
 */
int cmd_lifetime_run(const struct cli_options *o, const struct pool *pool, struct solver *s);

#define CMD_LIFETIME_CSV_SWEEP_HEADER "min_accuracy,status,k,duration_s,expected_accuracy," \
	"expected_cost,inference_j,idle_j,battery_left_j,models_used"

#endif
