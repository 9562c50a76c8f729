/*
 * near_round.h - the feasible policy x0 that deploy_near_time's box is
 * proven around, and the rows' test it shares with the answer's check
 * (internal to the solver).
 */
#ifndef OPTDEPLOY_NEAR_ROUND_H
#define OPTDEPLOY_NEAR_ROUND_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/near_box.h"
#include "optdeploy/core/near_proof.h"

/* One support's models and rows, as deploy_near_time.c holds them. */
struct near_support {
	struct near_item *it;
	size_t s;
	long long k;            /* sum x = k */
	long double tol_w, tol_t;
};

/*
 * The rows' slacks of item-indexed counts (a.x + tol_w, b.x + tol_t),
 * summed in long double as support_search.c's feasible() sums them; false
 * when a row fails.
 */
bool near_round_slacks(const struct near_support *ns, const long long *cnt, long double *sw,
		       long double *st);

/* v.x in long double. */
long double near_round_value(const struct near_support *ns, const long long *cnt);

/*
 * x0: the best feasible policy (by the rows' test above) among the
 * roundings of the LP vertex it[].y (each basic count but the last its
 * floor plus -3..3, the last the rest), the single models, and proof's
 * hint (near_proof_hint; proof may be NULL).  Into it[].x0, its value into
 * *v0; false when none is feasible.  cnt and best: s entries of scratch.
 */
bool near_round_x0(const struct near_support *ns, struct near_proof *proof, long long *cnt,
		   long long *best, long double *v0);

#endif
