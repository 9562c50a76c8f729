/*
 * pool.h - the pool of candidate models, loaded from a CSV benchmark table.
 *
 * A pool owns its models and their names.  Loading validates every field and
 * fails with one located message ("FILE:LINE: column 'cost': ...") and
 * ST_DATA (malformed content) or ST_INPUT (file missing or unreadable).
 */
#ifndef OPTDEPLOY_POOL_H
#define OPTDEPLOY_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "optdeploy/core/cost_unit.h"
#include "optdeploy/core/status.h"

struct model {
	char *name;        /* owned, non-empty, unique within the pool */
	double cost;       /* energy per inference, >= 0 and finite */
	double accuracy;   /* performance p_i, finite (usually a percentage) */
	double load_cost;  /* u_i, >= 0 and finite; 1 when the column is absent */
	double memory;     /* memory footprint, >= 0 and finite, in the table's own
	                      unit; 0 when the pool has no memory field */
	double latency;    /* seconds per inference, >= 0 and finite (the latency
	                      column times the latency unit); 0 when the pool has none */
};

/*
 * Magnitudes a loaded table may hold (larger is a located ST_DATA): with
 * 1e5 models and K up to 1e9 every objective, total and sum of them stays
 * finite (1e290 x 1e9 x 1e5 < 1e305), in any unit.  Load costs are bounded
 * tighter because lambda multiplies them (see solve.h).
 */
#define POOL_VALUE_MAX 1e290     /* |accuracy|, cost, memory, latency */
#define POOL_LOAD_COST_MAX 1e12  /* load_cost */

struct pool {
	struct model *models;  /* n models in file order */
	size_t n;
	char *source;          /* owned: the file name used in messages ("-" is "<stdin>") */
	double cost_scale;     /* factor applied to the file's costs (1 unless normalised) */
	bool has_memory;       /* the table gave every model a memory footprint (a memory
	                          column with no empty cell) */
	bool has_latency;      /* likewise for the latency column */
	struct cost_unit unit; /* what a cost is (cost_unit.h); kind NONE when undeclared */
	const char *accuracy_label;  /* static, "top-1 accuracy (%)"; NULL: "accuracy" */
	double idle_per_s;     /* > 0: the idle draw (cost units a second) was charged for
	                          idle time only and each cost is e - P t
	                          (battery_charge_idle_time); 0: the costs are as read */
	double *energy;        /* owned, n entries when idle_per_s > 0: each model's
	                          measured energy e (cost units); else NULL */
};

/*
 * Load a CSV file ("-" reads standard input).  On success *out holds the pool
 * (free it with pool_free); on failure *out is left empty and m says why.
 */
enum status pool_load_file(struct pool *out, const char *path, struct status_msg *m);

/* Load from an open stream; name is used in messages.  Does not close fp. */
enum status pool_load_stream(struct pool *out, const char *name, FILE *fp,
			     struct status_msg *m);

/* Load from memory (tests, fuzzing); name is used in messages. */
enum status pool_load_buffer(struct pool *out, const char *name, const char *data,
			     size_t len, struct status_msg *m);

/*
 * Rescale every cost so the most accurate model (the cheapest of them on a
 * tie) costs 100, the paper's scale.  Fails with ST_DATA when that model's
 * cost is 0.  Records the factor in cost_scale; the unit becomes normalised.
 */
enum status pool_normalize(struct pool *p, struct status_msg *m);

/* Deep copy of src into dst (dst must be empty).  ST_INTERNAL on no memory. */
enum status pool_copy(struct pool *dst, const struct pool *src, struct status_msg *m);

/* Release everything the pool owns and leave it empty (safe on an empty pool). */
void pool_free(struct pool *p);

/* Index of the cheapest model (highest accuracy breaks ties); n must be > 0. */
size_t pool_cheapest(const struct pool *p);

/* Index of the most accurate model (lowest cost breaks ties); n must be > 0. */
size_t pool_most_accurate(const struct pool *p);

/*
 * Model i's measured energy per inference, in cost units: the file's cost,
 * also when the solver's cost is e - P t (idle charged for idle time only).
 */
double pool_energy(const struct pool *p, size_t i);

/* Highest cost in the pool; n must be > 0. */
double pool_max_cost(const struct pool *p);

/*
 * Sort idx[0..n) (indices of p's models) cheapest first: lower cost, then
 * higher accuracy, then pool order, so the heatmap rows of the planner and of
 * the figure, and the sweep table's columns, read in one order.  ST_INTERNAL
 * on no memory, idx unchanged.
 */
enum status pool_cost_order(const struct pool *p, size_t *idx, size_t n);

#endif
