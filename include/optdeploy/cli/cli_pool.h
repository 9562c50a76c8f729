/*
 * cli_pool.h - the pool a command works on, from FILE..., --pool NAME and the
 * table options, for the batch commands and the planner alike; and the
 * `--pool help` listing.
 */
#ifndef OPTDEPLOY_CLI_POOL_H
#define OPTDEPLOY_CLI_POOL_H

#include <stddef.h>
#include <stdio.h>

#include "optdeploy/cli/cli.h"
#include "optdeploy/core/pool_spec.h"
#include "optdeploy/core/pool_tables.h"
#include "optdeploy/core/status.h"

/* The tables to read and how: a bundled pool's file first, then FILE... */
struct cli_pool_source {
	const char *paths[POOL_TABLES_MAX];  /* borrowed from argv, or bundled */
	size_t n;
	char bundled[4096];                  /* the bundled pool's path */
	struct pool_spec spec;               /* the user's mapping over the bundled one */
};

/*
 * Resolve o's tables: --pool NAME (its file and mapping), then FILE...; with
 * neither, the planner's default bundled pool.  ST_INTERNAL only.
 */
enum status cli_pool_source(const struct cli_options *o, struct cli_pool_source *src,
			    struct status_msg *m);

/*
 * After a failed load: when the bundled pool's file could not be opened, say
 * where it was looked for (appended to m).
 */
void cli_pool_explain(const struct cli_pool_source *src, enum status st, struct status_msg *m);

/* Print each warning to fp as one line "optdeploy: warning: ...". */
void cli_pool_print_warnings(FILE *fp, const struct pool_warnings *w);

/* `--pool help`: each bundled pool's name, models, file and mapping.  Exit status. */
int cli_pool_help(FILE *fp);

#endif
