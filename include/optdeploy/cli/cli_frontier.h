/*
 * cli_frontier.h - the LP frontier in frontier's output: the table of its
 * vertices (models and, with the time row, two-model mixes) or why there
 * is none, and its CSV rows.
 *
 * With a rate the frontier CSV has four more fields after status:
 * share,other_model,latency_s,busy_share.  A model row: share 1, no other
 * model, its latency and latency x rate; a mix (hull rows only): model is
 * the faster model, share its share of the inferences, other_model the
 * slower one, latency_s the mix's average (the time per inference) and
 * busy_share the duty cycle; an ilp row: the policy's average latency and
 * busy share, share and other_model empty.
 */
#ifndef OPTDEPLOY_CLI_FRONTIER_H
#define OPTDEPLOY_CLI_FRONTIER_H

#include <stdbool.h>
#include <stdio.h>

#include "optdeploy/core/frontier_lp.h"
#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/core/status.h"

#define CLI_FRONTIER_CSV_TIME_FIELDS ",share,other_model,latency_s,busy_share"

/* The heading and table of the vertices, or the line saying no LP policy keeps up. */
enum status cli_frontier_print_lp(FILE *fp, const struct pool *pool, const struct frontier_lp *lp,
				  const struct solve_params *sp, bool fitting,
				  struct status_msg *m);

/* CSV rows: one model (pareto), the hull's vertices (returns how many), a level's time fields. */
void cli_frontier_csv_model(FILE *fp, const char *kind, const struct pool *pool, size_t i,
			    const struct solve_params *sp);
size_t cli_frontier_csv_hull(FILE *fp, const struct pool *pool, const struct frontier_lp *lp,
			     const struct solve_params *sp);
void cli_frontier_csv_level(FILE *fp, const struct policy *p, const struct solve_params *sp);

#endif
