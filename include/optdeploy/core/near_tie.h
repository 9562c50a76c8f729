/*
 * near_tie.h - the exchange that bounds three models tied in a support's
 * LP with one row priced, for deploy_near_time (internal to the solver).
 */
#ifndef OPTDEPLOY_NEAR_TIE_H
#define OPTDEPLOY_NEAR_TIE_H

#include <stdbool.h>

#include "optdeploy/core/deploy_near.h"
#include "optdeploy/core/near_box.h"
#include "optdeploy/core/pool.h"

#define NEAR_TIE_WIDE 4096  /* a box this wide in more models than rows is a tie's line */
#define NEAR_TIE_MAX 6      /* wide models a tie's cases may split (2^4 cases at most) */

/*
 * For three models md[0..2] (primal: value accuracy, resource cost; dual:
 * value -cost, resource accuracy), with the time row priced (time_priced)
 * or the resource row: an integer direction u, u != 0, with, in exact
 * arithmetic on the data,  sum u = 0,  value . u = 0,  priced row . u = 0
 * and the other row . u >= 0.  Adding u to a policy keeps its total, its
 * value and the priced row's slack and never lowers the other row's.
 * False when the data are not small exact binary integers (values up to
 * 2^40 after one power of two per quantity, |u| up to 2^20) or the three
 * do not tie exactly (value . u != 0).
 */
bool near_tie_direction(const struct model *const md[3], bool primal, bool time_priced,
			long long u[3]);

/* One support's box for near_tie_solve (deploy_near_time.c fills it). */
struct near_tie {
	struct near_item *it;
	size_t s;
	struct near_rows *rows;      /* (ii)'s proof; its apart is set while the cases run */
	const struct pool *pool;
	const size_t *kept;          /* item it[i] is pool model kept[it[i].k] */
	bool primal;
	long long *box_lo, *box_hi;  /* item-indexed room for the box of (i)-(iii) */
	/* GLPK on the case's box now in it[] (x0 need not be in it): OPTIMAL
	 * when solved or empty, anything else stops the cases */
	enum deploy_near_result (*leaf)(void *arg);
	void *arg;
};

/*
 * The models wider than NEAR_TIE_WIDE (3 to NEAR_TIE_MAX, every three of
 * them tied exactly), split into cases by near_tie_direction until two are
 * left, each case's box narrowed by near_box_basis and passed to leaf.
 * OPTIMAL when every case was solved: one of them holds an optimum.
 * NO_BOX when no such split is proven (the box of (i)-(iii) is restored in
 * it[] whatever the result).
 */
enum deploy_near_result near_tie_solve(struct near_tie *t);

#endif
