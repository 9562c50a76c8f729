/*
 * pool_spec.h - how a pool is read from the user's tables: which column gives
 * each field (--columns KEY=[FILE:]COLUMN,...), which models are kept
 * (--only/--exclude shell globs), and how strictly (--strict,
 * --skip-incomplete).
 *
 * A spec is a plain value: its mapping is copied in, its glob lists are
 * borrowed (usually from argv) and must outlive it.  Parsing never touches a
 * file: a column or file that does not exist is found when the tables are read
 * (pool_tables.h).
 */
#ifndef OPTDEPLOY_POOL_SPEC_H
#define OPTDEPLOY_POOL_SPEC_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/status.h"

/* The fields of a model a table can give, in the order of struct model. */
enum pool_key {
	POOL_KEY_NAME,
	POOL_KEY_COST,
	POOL_KEY_ACCURACY,
	POOL_KEY_LOAD_COST,
	POOL_KEY_MEMORY,
	POOL_KEY_LATENCY,
	POOL_KEY_COUNT
};

#define POOL_SPEC_TEXT 256
#define POOL_LATENCY_UNIT_DEFAULT 1e-3  /* a latency column is in milliseconds unless told */   /* longest [FILE:]COLUMN text of one key, NUL included */

struct pool_spec {
	bool mapped[POOL_KEY_COUNT];
	char column[POOL_KEY_COUNT][POOL_SPEC_TEXT]; /* as typed: COLUMN or FILE:COLUMN */
	const char *only;      /* comma-separated globs a kept name must match; NULL: all */
	const char *exclude;   /* comma-separated globs no kept name may match; NULL: none */
	bool strict;           /* a model missing from some file is an error, not a warning */
	bool skip_incomplete;  /* a row with an empty mapped cell is left out, not an error */
	bool memory_needed;    /* a memory limit is set: an empty memory cell is an error
	                          (or skipped) like any other; without one, an empty memory
	                          cell only leaves the pool without memory (has_memory false) */
	bool latency_needed;   /* the same for the latency column (a deadline or a rate) */
	double latency_unit_s; /* seconds in one unit of the latency column; 0: the unit its
	                          header ends with (_ms, _s, _us), else milliseconds */
	/* What the cost is (cost_unit.h), borrowed: a bundled pool's declaration while its
	   cost mapping stands, or --cost-unit's unit; NULL: undeclared. */
	const char *cost_unit;
	double cost_factor;    /* every cost is multiplied by it (--cost-unit 2.5mJ); 0: 1 */
	const char *accuracy_label;  /* borrowed, "top-1 accuracy (%)"; NULL: undeclared */
};

/* An empty spec: built-in column names, every model, missing models warned about. */
void pool_spec_init(struct pool_spec *s);

/*
 * Add the mapping "KEY=COL[,KEY=COL...]" (keys case-insensitive; COL may be
 * FILE:COL).  A key already mapped is an error ("given twice") unless
 * keep_mapped is true, when the earlier mapping wins silently (a bundled
 * pool's mapping under the user's own).  ST_USAGE with a message naming the
 * bad part; s is unchanged on failure.
 */
enum status pool_spec_add_columns(struct pool_spec *s, const char *arg, bool keep_mapped,
				  struct status_msg *m);

/* Check a --only/--exclude list (opt names it in messages): no empty pattern. */
enum status pool_spec_check_globs(const char *opt, const char *list, struct status_msg *m);

/* Whether the spec keeps a model of this name (fnmatch globs, no flags). */
bool pool_spec_selects(const struct pool_spec *s, const char *name);

/* "name", "cost", "accuracy", "load_cost", "memory", "latency". */
const char *pool_key_name(enum pool_key k);

#endif
