/*
 * cli_units.h - the pool's cost unit on the command line: what the bundled
 * pool declares, what --cost-unit declares or converts ("mJ", "2.5mJ"), and
 * the budgets and ranges typed with a unit (--budget 250mJ, --from 20mJ
 * --to 2J), read into the cost unit.  Pure, like cli_parse: the bundled
 * registry is static data, no file is read.
 */
#ifndef OPTDEPLOY_CLI_UNITS_H
#define OPTDEPLOY_CLI_UNITS_H

#include "optdeploy/cli/cli.h"
#include "optdeploy/core/status.h"

/*
 * After every option is read, before the battery checks: sets o->unit and
 * o->cost_factor, multiplies plain budgets and ranges by the factor and
 * reads the ones with a unit.  ST_USAGE naming the option.
 */
enum status cli_units_finish(struct cli_options *o, struct status_msg *m);

#endif
