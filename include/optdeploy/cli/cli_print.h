/*
 * cli_print.h - what the batch commands print: the human tables of solve,
 * sweep, frontier and compare, and the CSV forms of frontier and compare
 * (solve and sweep CSVs are export.h's).  Everything here reads results that
 * are already complete; nothing solves.
 */
#ifndef OPTDEPLOY_CLI_PRINT_H
#define OPTDEPLOY_CLI_PRINT_H

#include <stddef.h>
#include <stdio.h>

#include "optdeploy/cli/cli.h"
#include "optdeploy/core/compare.h"
#include "optdeploy/core/frontier_lp.h"
#include "optdeploy/cli/cli_sweep_rows.h"
#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/core/status.h"
#include "optdeploy/core/sweep.h"

/* Sweeps over more models than this list only the models used at some level. */
#define CLI_SWEEP_ALL_COLUMNS 12

/* The three frontiers of a pool, as the frontier command computes them. */
struct cli_frontier {
	size_t *pareto;   /* owned, pool->n entries, n_pareto used */
	size_t n_pareto;
	struct frontier_lp lp;  /* owned: the LP frontier (frontier_lp.h), with the time row */
	size_t n_fit;     /* models that fit the memory limit alone: the Pareto and
	                     hull lists are over these (pool->n without a limit) */
	struct sweep sweep;  /* the ILP frontier: solved levels */
};

/* Human tables.  ST_INTERNAL only when formatting ran out of memory. */
enum status cli_print_solve(FILE *fp, const struct cli_options *o, const struct pool *pool,
			    const struct policy *p, struct status_msg *m);
/* A sweep's table: its range and parameters from sw (held or streamed), its levels from rows. */
enum status cli_print_sweep(FILE *fp, const struct cli_options *o, const struct sweep *sw,
			    const struct cli_sweep_rows *rows, struct status_msg *m);
enum status cli_print_frontier(FILE *fp, const struct cli_options *o, const struct pool *pool,
			       const struct cli_frontier *fr, struct status_msg *m);
enum status cli_print_compare(FILE *fp, const struct cli_options *o, const struct pool *pool,
			      const struct compare_row *rows, struct status_msg *m);

/*
 * CSV forms, in the export's quoting and number format; *rows receives
 * the data rows written.  ST_OUTPUT (naming `name`) on a write error.
 *   frontier: kind,budget,accuracy,model,status (with a rate, the fields of
 *             cli_frontier.h after them)
 *   compare:  model,cost,accuracy,same_budget_status,same_budget_accuracy,
 *             accuracy_gain,same_accuracy_status,same_accuracy_cost,
 *             cost_saving,cost_saving_percent
 */
#define CLI_FRONTIER_CSV_HEADER "kind,budget,accuracy,model,status"
#define CLI_COMPARE_CSV_HEADER "model,cost,accuracy,same_budget_status," \
	"same_budget_accuracy,accuracy_gain,same_accuracy_status,same_accuracy_cost," \
	"cost_saving,cost_saving_percent"

struct cli_frontier_csv {
	const struct pool *pool;
	const struct cli_frontier *fr;
};

struct cli_compare_csv {
	const struct pool *pool;
	const struct compare_row *rows;
};

/* Both are export_writer functions, so export_atomic can write them to a file. */
enum status cli_csv_frontier(FILE *fp, const char *name, const void *ctx, size_t *rows,
			     struct status_msg *m);
enum status cli_csv_compare(FILE *fp, const char *name, const void *ctx, size_t *rows,
			    struct status_msg *m);

#endif
