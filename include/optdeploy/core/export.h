/*
 * export.h - policies and sweeps as tidy CSV (libcsv's writer for quoting),
 * to a stream or atomically into a file.
 *
 * Policy CSV, one row per model in pool order:
 *   model,cost,accuracy,load_cost,count,share,budget,k,lambda,
 *   expected_accuracy,expected_cost,objective,status
 * Sweep CSV, long form, one row per (level, model):
 *   budget,model,count,share,expected_accuracy,expected_cost,objective,status
 * Numbers are printed as the shortest decimal that reads back exactly.  A field that has
 * no value (counts of an infeasible policy, the budget of a dual solve) is empty.
 * A sweep export holds the levels solved so far (sw->done of them).
 */
#ifndef OPTDEPLOY_EXPORT_H
#define OPTDEPLOY_EXPORT_H

#include <stdio.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/core/status.h"
#include "optdeploy/core/sweep.h"

/*
 * One CSV document written to fp (name is used in messages); *rows (when not
 * NULL) receives the data rows written.  Every writer below has this shape.
 */
typedef enum status (*export_writer)(FILE *fp, const char *name, const void *ctx,
				     size_t *rows, struct status_msg *m);

/*
 * Run `write` into `path` atomically: a temporary file in the same directory
 * is written, flushed, synced and renamed over path.  On any failure the old
 * file is untouched, the temporary file is removed, and m names the path and
 * the reason (ST_OUTPUT).
 */
enum status export_atomic(const char *path, export_writer write, const void *ctx,
			  size_t *rows, struct status_msg *m);

/*
 * The shortest decimal that reads back as exactly v (trying 15, 16, then 17
 * significant digits), with '.' as the decimal point whatever the locale;
 * -0 prints as 0 and a non-finite value as "" (an empty CSV field).
 * buf must hold EXPORT_NUMBER_SIZE bytes.
 */
#define EXPORT_NUMBER_SIZE 40
void export_number(char *buf, double v);

/*
 * A text field, quoted by libcsv only when it must be: a comma, quote or line
 * break, surrounding spaces, or a leading '#' (which our loader reads as a
 * comment).  Returns 0, or the errno of a failed write.
 */
int export_field(FILE *fp, const char *s);

/*
 * A stream and the errno of its first failed write: every writer of a CSV
 * or a header (export, schedule, lifetime) puts its pieces through these,
 * and later writes are skipped once one failed.
 */
struct export_out {
	FILE *fp;
	int err;
};

void export_put_text(struct export_out *o, const char *s);
void export_put_field(struct export_out *o, const char *s);  /* quoted as export_field does */
void export_put_number(struct export_out *o, double v);      /* as export_number writes it */
void export_put_count(struct export_out *o, long long c);

/* Flush; the first failure becomes ST_OUTPUT ("NAME: cannot write: ..."). */
enum status export_out_finish(struct export_out *o, const char *name, struct status_msg *m);

/* Write to an open stream; ST_OUTPUT on a write error (name used in the message). */
enum status export_policy_stream(FILE *fp, const char *name, const struct pool *pool,
				 const struct policy *pol, struct status_msg *m);
enum status export_sweep_stream(FILE *fp, const char *name, const struct sweep *sw,
				struct status_msg *m);

/* export_atomic with the writers above.  *rows (when not NULL) receives the data rows. */
enum status export_policy_file(const char *path, const struct pool *pool,
			       const struct policy *pol, size_t *rows, struct status_msg *m);
enum status export_sweep_file(const char *path, const struct sweep *sw, size_t *rows,
			      struct status_msg *m);

#endif
