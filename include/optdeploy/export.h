/*
 * export.h - policies and sweeps as tidy CSV (libcsv's writer for quoting),
 * to a stream or atomically into a file.
 *
 * Policy CSV, one row per model in pool order:
 *   model,cost,accuracy,load_cost,count,share,budget,k,lambda,
 *   expected_accuracy,expected_cost,objective,status
 * Sweep CSV, long form, one row per (level, model):
 *   budget,model,count,share,expected_accuracy,expected_cost,objective,status
 * Numbers are printed with %.17g so they read back exactly.  A field that has
 * no value (counts of an infeasible policy, the budget of a dual solve) is empty.
 */
#ifndef OPTDEPLOY_EXPORT_H
#define OPTDEPLOY_EXPORT_H

#include <stdio.h>

#include "optdeploy/pool.h"
#include "optdeploy/solve.h"
#include "optdeploy/status.h"
#include "optdeploy/sweep.h"

/* Write to an open stream; ST_OUTPUT on a write error (name used in the message). */
enum status export_policy_stream(FILE *fp, const char *name, const struct pool *pool,
				 const struct policy *pol, struct status_msg *m);
enum status export_sweep_stream(FILE *fp, const char *name, const struct sweep *sw,
				struct status_msg *m);

/*
 * Write to `path` atomically: a temporary file in the same directory is
 * written, flushed, synced and renamed over path.  On any failure the old
 * file is untouched, the temporary file is removed, and m names the path and
 * the reason (ST_OUTPUT).  *rows (when not NULL) receives the data rows written.
 */
enum status export_policy_file(const char *path, const struct pool *pool,
			       const struct policy *pol, size_t *rows, struct status_msg *m);
enum status export_sweep_file(const char *path, const struct sweep *sw, size_t *rows,
			      struct status_msg *m);

#endif
