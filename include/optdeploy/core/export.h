/*
 * export.h - policies and sweeps as tidy CSV (libcsv's writer for quoting),
 * to a stream or atomically into a file.
 *
 * Policy CSV, one row per model in pool order:
 *   model,cost,accuracy,load_cost,count,share,budget,k,lambda,
 *   expected_accuracy,expected_cost,objective,status
 * Sweep CSV, long form, one row per (level, model):
 *   budget,model,count,share,expected_accuracy,expected_cost,objective,status
 * When the pool's costs are e - P t (pool.idle_per_s > 0: the idle draw is
 * charged for idle time only), both add the measured energies per inference
 * (cost units): measured_energy (the model's e) and expected_energy (sum e x
 * / K); a policy written with a battery (struct export_battery) adds those
 * two in any energy mode, then what the battery pays, in joules: inference_j
 * (the inferences' measured energy), idle_j (the idle draw charged),
 * total_j (their sum) and battery_left_j.
 * Numbers are printed as the shortest decimal that reads back exactly.  A field that has
 * no value (counts of an infeasible policy, the budget of a dual solve) is empty.
 * A sweep export holds the levels solved so far (sw->done of them).
 */
#ifndef OPTDEPLOY_EXPORT_H
#define OPTDEPLOY_EXPORT_H

#include <stdio.h>

#include "optdeploy/core/battery.h"
#include "optdeploy/core/export_out.h"
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

/* ST_INTERNAL (naming name) when pol has counts that do not fit pool or a K <= 0;
 * every policy and sweep writer checks this before writing a row. */
enum status export_check_policy(const char *name, const struct pool *pool,
				const struct policy *pol, struct status_msg *m);

/* Write to an open stream; ST_OUTPUT on a write error (name used in the message). */
enum status export_policy_stream(FILE *fp, const char *name, const struct pool *pool,
				 const struct policy *pol, struct status_msg *m);
enum status export_sweep_stream(FILE *fp, const char *name, const struct sweep *sw,
				struct status_msg *m);

/*
 * A sweep written level by level, an export_writer: with a solver, each level
 * not yet solved is solved just before its rows are written (a streamed sweep,
 * sweep_init_streamed, so holds one level at a time), and a level whose solve
 * failed stops the export (ST_INTERNAL, "budget B: the solver failed: ...");
 * without one, the levels already solved are written.  progress, when set, is
 * called after each level with the levels written and the bytes put so far.
 */
struct export_sweep_job {
	struct sweep *sw;
	struct solver *solver;  /* NULL: write the levels solved */
	void (*progress)(void *ctx, size_t levels, unsigned long long bytes);
	void *progress_ctx;
};
enum status export_sweep_levels(FILE *fp, const char *name, const void *job, size_t *rows,
				struct status_msg *m);

/*
 * The battery a policy was solved for (battery mode): its capacity, idle
 * draw and cost unit (bp), and the duration of the K inferences.
 */
struct export_battery {
	const struct battery_params *bp;
	double duration_s;
};

/* export_policy_stream and _file with the battery's columns (battery NULL: none). */
enum status export_policy_battery_stream(FILE *fp, const char *name, const struct pool *pool,
					 const struct policy *pol,
					 const struct export_battery *battery,
					 struct status_msg *m);
enum status export_policy_battery_file(const char *path, const struct pool *pool,
				       const struct policy *pol,
				       const struct export_battery *battery, size_t *rows,
				       struct status_msg *m);

/* export_atomic with the writers above.  *rows (when not NULL) receives the data rows. */
enum status export_policy_file(const char *path, const struct pool *pool,
			       const struct policy *pol, size_t *rows, struct status_msg *m);
enum status export_sweep_file(const char *path, const struct sweep *sw, size_t *rows,
			      struct status_msg *m);

#endif
