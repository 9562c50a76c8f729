/*
 * schedule_export.h - a policy's inference order written out, in three
 * formats, with export.h's writer shape (so export_atomic writes files):
 *
 *   SCHEDULE_FORMAT_CSV   slot,model for slots 1..K (at most 10^7 rows)
 *   SCHEDULE_FORMAT_RUNS  model,repeat: the same order run-length encoded
 *   SCHEDULE_FORMAT_C     a self-contained C99 header for firmware whose
 *                         optdeploy_schedule_next() yields the same order
 *                         with O(n) state (see schedule.h for the algorithm)
 *
 * Only a policy with counts (optimal or lp_rounded) has an order.
 */
#ifndef OPTDEPLOY_SCHEDULE_EXPORT_H
#define OPTDEPLOY_SCHEDULE_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/core/status.h"

enum schedule_format { SCHEDULE_FORMAT_CSV, SCHEDULE_FORMAT_RUNS, SCHEDULE_FORMAT_C };

/* The most rows a csv or runs export writes; beyond it only the header scales. */
#define SCHEDULE_ROWS_MAX 10000000LL

/* "csv", "runs", "c". */
const char *schedule_format_name(enum schedule_format f);

/*
 * The format an output name asks for: "*.runs.csv" runs, "*.csv" csv, "*.h"
 * c (letters in any case).  False, *f untouched, for any other name.
 */
bool schedule_format_from_name(const char *path, enum schedule_format *f);

/* Slots between two calls of a job's progress function. */
#define SCHEDULE_PROGRESS_SLOTS 65536

/*
 * What to write: all borrowed; pol must be the pool's policy.  progress, when
 * set, is called every SCHEDULE_PROGRESS_SLOTS slots of the csv and runs
 * formats (which walk all K slots) with the slots done and K; returning
 * false stops the export: it fails with ST_OUTPUT "NAME: cancelled", and
 * through export_atomic no file is left and the old one is untouched.
 */
struct schedule_job {
	const struct pool *pool;
	const struct policy *pol;
	enum schedule_format format;
	bool (*progress)(void *ctx, uint64_t slots, uint64_t k);
	void *progress_ctx;
};

/*
 * Whether the job can be written, before anything is: ST_USAGE when csv
 * would exceed SCHEDULE_ROWS_MAX rows (K > 10^7), or runs could (more than
 * min(K, 2 (K - largest count) + 1) rows), with a message suggesting the
 * format that fits; ST_INTERNAL when the policy has no counts or does not
 * match the pool.
 */
enum status schedule_export_check(const struct schedule_job *job, struct status_msg *m);

/*
 * An export_writer (ctx is a const struct schedule_job *): the whole
 * document to fp; *rows receives the data rows (csv, runs) or the models
 * (c).  Runs schedule_export_check first.
 */
enum status schedule_export_stream(FILE *fp, const char *name, const void *ctx,
				   size_t *rows, struct status_msg *m);

/* export_atomic with the writer above: nothing is left behind on failure. */
enum status schedule_export_file(const char *path, const struct schedule_job *job,
				 size_t *rows, struct status_msg *m);

#endif
