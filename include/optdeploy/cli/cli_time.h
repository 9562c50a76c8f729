/*
 * cli_time.h - the time options of the command line: --deadline,
 * --duty-cycle, --latency-unit and --energy (with --rate, which
 * cli_battery.c parses), what they do to the pool once it is loaded (the
 * idle draw charged for idle time only), and the lines solve prints about
 * them.
 *
 * A rate with a latency column is the time row sum t_i x_i <= D K / rate of
 * every solve (solve.h), in battery mode (where the rate also makes K) and
 * in plain mode (`solve --K 1000 --rate 10/s`) alike; without a latency
 * column a battery's rate only makes K, and a plain rate is a data error
 * (the solver's).
 */
#ifndef OPTDEPLOY_CLI_TIME_H
#define OPTDEPLOY_CLI_TIME_H

#include <stdio.h>

#include "optdeploy/cli/cli.h"
#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/core/status.h"

enum cli_time_option { CLI_TIME_DEADLINE, CLI_TIME_DUTY_CYCLE, CLI_TIME_LATENCY_UNIT,
		       CLI_TIME_ENERGY };

/* One option's value into o (params and spec); ST_USAGE naming the option. */
enum status cli_time_take(enum cli_time_option which, const char *arg, struct cli_options *o,
			  struct status_msg *m);

/*
 * After every option is read (and cli_battery_finish): --duty-cycle needs a
 * rate, --energy needs --idle, and a plain rate (no battery) sets the time
 * row.  ST_USAGE on a bad combination.
 */
enum status cli_time_finish(struct cli_options *o, struct status_msg *m);

/*
 * Once the pool is loaded: a battery's rate on a pool without latencies
 * only makes K (the time row is dropped from o->params); with latencies and
 * whole-board energies (the default), every cost becomes e_i - P t_i (the
 * idle draw P during the model's own inference is in its measured energy),
 * so the battery row sum x_i (e_i - P t_i) <= battery - P x duration
 * charges the idle draw for the idle time only.  ST_DATA, naming the file
 * and the model, when an energy is below P t_i.
 */
enum status cli_time_apply(struct cli_options *o, struct pool *pool, struct status_msg *m);

/* True when cli_time_apply charged the idle draw for idle time only. */
bool cli_time_idle_only(const struct cli_options *o);

/* The header lines of every command: the deadline and the time row, when set. */
void cli_time_print_limits(FILE *fp, const struct solve_params *sp);

/* solve's lines about time: the models the deadline leaves out, the busy share. */
void cli_time_print_solve(FILE *fp, const struct cli_options *o, const struct pool *pool,
			  const struct policy *p);

#endif
