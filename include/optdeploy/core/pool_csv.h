/*
 * pool_csv.h - read one CSV table of models (libcsv), taking the columns a
 * request asks for.  The building block of pool_load_tables (several files
 * joined on the model name) and of the single-file pool_load_* in pool.h.
 *
 * Every error is located ("FILE:LINE: column 'cost': ..."), ST_DATA for the
 * content (a line or field over POOL_CSV_LINE_MAX included, so an endless
 * input is refused after a few MB), ST_INPUT for a file that cannot be opened or read.
 */
#ifndef OPTDEPLOY_POOL_CSV_H
#define OPTDEPLOY_POOL_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/pool_spec.h"
#include "optdeploy/core/status.h"

#define POOL_CSV_COLUMNS_TEXT 200  /* the header's column names, for messages */
#ifndef POOL_CSV_LINE_MAX          /* the fuzz build shrinks it to reach the check */
#define POOL_CSV_LINE_MAX 1048576  /* bytes of a line or a field: longer is ST_DATA */
#endif

/* What to take from one table. */
struct pool_csv_request {
	const char *column[POOL_KEY_COUNT]; /* the column (any case) giving each key; NULL:
	                                       the built-in names (model/name, cost/energy,
	                                       accuracy/performance/score, load_cost, memory) */
	bool skip[POOL_KEY_COUNT];          /* take no column for this key (another file gives it) */
	bool need[POOL_KEY_COUNT];          /* a missing column is an error */
	int unknown_file[POOL_KEY_COUNT];   /* > 0: column[k] is "FILE:COLUMN" whose FILE (this
	                                       many bytes) is no input, so a missing column is
	                                       a usage error naming FILE */
	bool hint;                          /* a missing column's message lists the header
	                                       and suggests --columns */
	bool skip_incomplete;               /* a row with an empty needed cell is left out */
	bool memory_needed;                 /* an empty memory cell is needed (see pool_spec.h);
	                                       false: it gives memory 0 and has_memory false */
	bool latency_needed;                /* the same for the latency column */
	const struct pool_spec *select;     /* rows it does not select are dropped; NULL: none */
	const char *suggest[POOL_KEY_COUNT]; /* a mapped column this file lacks but another
	                                       input has: the KEY=FILE:COLUMN mapping the
	                                       message suggests; NULL: none */
};

/* One table read: its models, and what it gave. */
struct pool_csv_table {
	struct pool pool;                    /* models in file order; keys it does not give
	                                        hold the defaults (load_cost 1, memory 0) */
	bool found[POOL_KEY_COUNT];          /* the table has a column for the key */
	char col_text[POOL_KEY_COUNT][POOL_SPEC_TEXT]; /* the header's spelling of it */
	char columns[POOL_CSV_COLUMNS_TEXT]; /* "model, img_size, top1, ..." */
	size_t header_line;
	char **skipped;                      /* owned: names of rows left out as incomplete */
	size_t n_skipped;
	size_t n_unselected;                 /* rows the selection dropped */
};

/* The request of a plain single-file load: built-in names, cost and accuracy needed. */
void pool_csv_request_default(struct pool_csv_request *rq);

/*
 * Read path ("-" is standard input, named "<stdin>").  On success *out holds
 * the table (free it with pool_csv_table_free); it may have no models when
 * the selection or --skip-incomplete dropped every row (n_unselected or
 * n_skipped then say so).  On failure *out is left empty.
 */
enum status pool_csv_load_path(const char *path, const struct pool_csv_request *rq,
			       struct pool_csv_table *out, struct status_msg *m);

/* The same from an open stream (not closed) or from memory; name is used in messages. */
enum status pool_csv_load_stream(const char *name, FILE *fp, const struct pool_csv_request *rq,
				 struct pool_csv_table *out, struct status_msg *m);
enum status pool_csv_load_buffer(const char *name, const char *data, size_t len,
				 const struct pool_csv_request *rq, struct pool_csv_table *out,
				 struct status_msg *m);

/* Release everything the table owns and leave it empty. */
void pool_csv_table_free(struct pool_csv_table *t);

#endif
