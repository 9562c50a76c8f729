/*
 * pool_tables.h - a pool from one or several benchmark tables joined on the
 * model name, read as a pool_spec says (column mapping, selection,
 * strictness).  The one entry point the CLI and the planner load pools with.
 *
 * Warnings (models left out) are returned as data, one line each, for the
 * front end to show; the core never prints.
 */
#ifndef OPTDEPLOY_POOL_TABLES_H
#define OPTDEPLOY_POOL_TABLES_H

#include <stddef.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/pool_spec.h"
#include "optdeploy/core/status.h"

#define POOL_TABLES_MAX 16   /* FILE arguments joined at most */
#define POOL_WARN_MAX 4
#define POOL_WARN_SHOW 3     /* model names quoted in one warning */

/* One line each, no trailing newline, no "optdeploy:" prefix. */
struct pool_warnings {
	size_t n;
	char text[POOL_WARN_MAX][512];
};

/*
 * Read paths[0 .. n-1] (1 <= n <= POOL_TABLES_MAX; "-" is standard input, at
 * most once) and join them on the model name.  spec may be NULL (built-in
 * column names, every model).
 *
 * Each key (name, cost, accuracy, load_cost, memory) comes from the column
 * the mapping names (in every file, or in the one named FILE:COLUMN, FILE
 * matched as typed or by its base name), else from a column with its
 * built-in name.  Every file must have a name column; cost and accuracy must
 * be found in some file; a key found in two files is an error naming both.
 * Models are kept in the first file's order; a model missing from some file
 * is left out with a warning (an error under spec->strict).
 *
 * Statuses: ST_OK (*out filled, free with pool_free; w lists warnings),
 * ST_USAGE (a FILE:COLUMN names no file, the same file twice, --only and
 * --exclude select nothing), ST_DATA (bad or missing columns or cells, a key
 * in two files, no model in every file), ST_INPUT (unreadable file),
 * ST_INTERNAL (no memory).  On failure *out is empty and m says why.
 */
enum status pool_load_tables(const char *const *paths, size_t n, const struct pool_spec *spec,
			     struct pool *out, struct pool_warnings *w, struct status_msg *m);

#endif
