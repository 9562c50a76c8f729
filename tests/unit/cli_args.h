/*
 * cli_args.h - the unit tests' way to run cli_parse on a command line
 * written inline: ts_cli_parse(&o, &m, "solve", "--K", "10", NULL).
 */
#ifndef OPTDEPLOY_TEST_CLI_ARGS_H
#define OPTDEPLOY_TEST_CLI_ARGS_H

#include <stdarg.h>

#include "optdeploy/cli/cli.h"

#define TS_MAX_ARGS 24

/* argv is "optdeploy" then the arguments up to NULL (at most TS_MAX_ARGS - 2). */
static inline enum status ts_cli_parse(struct cli_options *o, struct status_msg *m,
				       const char *first, ...)
{
	char *argv[TS_MAX_ARGS];
	int argc = 0;
	va_list ap;
	argv[argc++] = (char *)"optdeploy";
	va_start(ap, first);
	for (const char *a = first; a != NULL && argc < TS_MAX_ARGS - 1; a = va_arg(ap, const char *))
		argv[argc++] = (char *)a;
	va_end(ap);
	argv[argc] = NULL;
	return cli_parse(argc, argv, o, m);
}

#endif
