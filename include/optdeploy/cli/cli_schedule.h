/*
 * cli_schedule.h - `optdeploy schedule`: the solved policy's inference order
 * in the format cli_parse settled (csv, runs or c), on standard output or
 * atomically into -o FILE.
 */
#ifndef OPTDEPLOY_CLI_SCHEDULE_H
#define OPTDEPLOY_CLI_SCHEDULE_H

#include "optdeploy/cli/cli.h"
#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/core/status.h"

/*
 * Write the order of p (which has counts) for the pool; says on stderr what
 * a file received.  ST_USAGE when the format cannot hold it (runs beyond
 * 10^7 rows), ST_OUTPUT when the output cannot be written (nothing is left
 * behind in a file); m says why.  Standard output is flushed by the caller.
 */
enum status cli_schedule_emit(const struct cli_options *o, const struct pool *pool,
			      const struct policy *p, struct status_msg *m);

#endif
