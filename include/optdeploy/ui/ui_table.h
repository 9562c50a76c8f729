/*
 * ui_table.h - the policy table: each model used with its count, share (and
 * a bar), cost and accuracy contributions; totals; the best single model and
 * the gain over it; the LP rounding gap and Theorem 3.2 bound; solve time
 * and status.  Reads the policy, never solves.
 */
#ifndef OPTDEPLOY_UI_TABLE_H
#define OPTDEPLOY_UI_TABLE_H

#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/ui/ui_term.h"

struct ui_table_input {
	const struct pool *pool;
	const struct policy *pol;  /* NULL when there is no answer */
	const char *error;         /* why there is no answer, or NULL */
};

/*
 * The single model to compare with: max-accuracy mode, the most accurate
 * model costing at most `limit` (the budget); min-cost mode, the cheapest
 * model reaching accuracy `limit` (the floor).  -1 when none qualifies.
 */
long ui_table_best_single(const struct pool *pool, enum solve_mode mode, double limit);

void ui_table_draw(const struct ui_term *t, struct ui_rect r, const struct ui_table_input *in);

/* The policy's title: "ILP optimal", "LP infeasible", ... and for the rounded LP
 * answer "LP floor-rounded" (never the internal name lp_rounded). */
void ui_table_title(char *buf, size_t size, const struct policy *p);

/* diff, or exactly 0 when %.6f would print it as 0.000000 or -0.000000: the LP
 * gap line shows a size and says "above" or "below", never "-0.000000". */
double ui_table_tidy(double diff);

#endif
