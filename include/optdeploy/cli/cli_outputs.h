/*
 * cli_outputs.h - a batch command's output files, checked once its tables
 * are read and before anything is solved or written; and the signals that
 * end a batch command, which take the temporary file of an export with them.
 */
#ifndef OPTDEPLOY_CLI_OUTPUTS_H
#define OPTDEPLOY_CLI_OUTPUTS_H

#include <stddef.h>

#include "optdeploy/cli/cli.h"
#include "optdeploy/core/status.h"

/*
 * -o and --data-csv (when they name files): ST_USAGE, naming both, when one
 * is the same file as an input table (links followed, however spelled; "-"
 * is whatever standard input is) or as the other output; then each must be
 * writable (export_file_check: ST_OUTPUT).
 */
enum status cli_outputs_check(const struct cli_options *o, const char *const *inputs,
			      size_t n_inputs, struct status_msg *m);

/*
 * SIGINT, SIGTERM, SIGHUP and SIGQUIT (unless ignored, as under nohup) end
 * the process as they would by default, with status 128 + signal, after
 * removing the temporary file of an export being written: the old file
 * stays whole and nothing is left behind.
 */
void cli_outputs_catch_signals(void);

#endif
