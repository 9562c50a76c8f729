/*
 * cli_battery.h - the physical-units options of the command line
 * (--cost-unit, --battery, --idle, --rate, --duration) and what solve
 * prints about them.
 *
 * cli_battery_take parses one option's value into struct cli_phys;
 * cli_battery_finish checks the combination once all options are read and,
 * for `solve --battery`, sets K and the budget per inference in the solve
 * parameters (exactly as `--K K --budget B/K` would), so the solve itself
 * does not know a battery exists.  Neither prints or exits.
 */
#ifndef OPTDEPLOY_CLI_BATTERY_H
#define OPTDEPLOY_CLI_BATTERY_H

#include <stdbool.h>
#include <stdio.h>

#include "optdeploy/cli/cli.h"
#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/core/status.h"

#define CLI_LIFETIME_STEPS 11  /* default floors of lifetime --sweep */

enum cli_phys_option {
	CLI_PHYS_COST_UNIT, CLI_PHYS_BATTERY, CLI_PHYS_IDLE, CLI_PHYS_RATE, CLI_PHYS_DURATION
};

/* One option's value; ST_USAGE naming the option ("--rate: \"2/fortnight\": ..."). */
enum status cli_battery_take(enum cli_phys_option which, const char *arg, struct cli_phys *ph,
			     struct status_msg *m);

/*
 * After every option is read: the cost unit is required by the others,
 * excludes --normalize; solve needs --battery, --rate and --duration
 * together and without --K, --budget or --min-accuracy; lifetime needs
 * --battery, --rate and --min-accuracy or --sweep.  ST_USAGE on a bad
 * combination or a battery problem without inferences or energy.
 */
enum status cli_battery_finish(struct cli_options *o, struct status_msg *m);

/* solve's table, continued: the policy's energy and, with a battery, what is left. */
void cli_battery_print_solve(FILE *fp, const struct cli_options *o, const struct policy *p);

/*
 * The one line for an infeasible battery problem whose budget is below the
 * cheapest model's cost: "optdeploy: infeasible: the battery allows ... per
 * inference ...; the cheapest model needs ...".  Returns whether it printed
 * it (false without a battery, for another outcome or another reason: the
 * caller then reports the solver's own message).
 */
bool cli_battery_explain(FILE *fp, const struct cli_options *o, const struct pool *pool,
			 const struct policy *p);

/*
 * The battery as the battery lines print it: the joules, then the user's
 * value once, a space between each number and its unit ("36 kJ (10 Wh)";
 * a charge with its energy, "39.96 kJ (3000 mAh at 3.7 V = 11.1 Wh)"); the
 * joules alone when the value was given in them ("36 kJ").
 */
void cli_battery_capacity(char *buf, size_t size, const char *arg, double joules);

/* "key               value" lines, as the other tables print them. */
void cli_battery_kv(FILE *fp, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
