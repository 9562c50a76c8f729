/*
 * cli_sweep_rows.h - what a sweep's table needs of each level, kept while the
 * sweep streams (one policy in memory): the level's figures and only the
 * models that have a share, not a count for every model of the pool.  A
 * table of 100,000 levels of a 100,000-model pool holds a few numbers per
 * level instead of 100,000 counts.
 */
#ifndef OPTDEPLOY_CLI_SWEEP_ROWS_H
#define OPTDEPLOY_CLI_SWEEP_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/status.h"
#include "optdeploy/core/sweep.h"

struct cli_sweep_level {
	double budget;
	double accuracy, cost, objective;  /* expected, per inference; valid when counts */
	enum solve_outcome outcome;
	bool counts;                       /* the level has a policy (policy_has_counts) */
	size_t first, n;                   /* its cells: cell[first .. first + n) */
};

struct cli_sweep_cell {
	size_t model;   /* pool index */
	double share;   /* count / K, > 0 */
};

struct cli_sweep_rows {
	struct cli_sweep_level *level;  /* owned */
	size_t n_levels, cap_levels;
	struct cli_sweep_cell *cell;    /* owned */
	size_t n_cells, cap_cells;
};

void cli_sweep_rows_init(struct cli_sweep_rows *r);
void cli_sweep_rows_free(struct cli_sweep_rows *r);

/* Keep level lv (of a sweep over n_models); ST_INTERNAL when out of memory. */
enum status cli_sweep_rows_add(struct cli_sweep_rows *r, const struct sweep_level *lv,
			       size_t n_models, struct status_msg *m);

/* Share of a model at level j: what sweep_share gives (0 when none). */
double cli_sweep_rows_share(const struct cli_sweep_rows *r, size_t j, size_t model);

#endif
