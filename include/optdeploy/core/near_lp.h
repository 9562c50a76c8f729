/*
 * near_lp.h - the LP of a small support with the time row, by its bases
 * (internal to the solver): deploy_near_time's vertex and duals without a
 * GLPK simplex when the support has few models.
 */
#ifndef OPTDEPLOY_NEAR_LP_H
#define OPTDEPLOY_NEAR_LP_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/near_box.h"

#define NEAR_LP_MAX 6  /* models up to which the bases are enumerated */

/*
 * max v.y  s.t.  sum y = 1,  a.y >= -cw,  b.y >= -ct,  y >= 0  over it[0..s-1]
 * (s <= NEAR_LP_MAX): every basis of at most three models with as many
 * rows active, kept when primal and dual feasible (to 1e-12 of the data's
 * scale).  On true, it[k].y holds the best such vertex and *pi_w, *pi_t
 * its row prices (>= 0).  False when no basis qualifies (an infeasible LP,
 * or ties too close to call): the caller asks GLPK.  Neither the vertex nor
 * the prices need be exact: deploy_near_time.c's box holds for any prices.
 */
bool near_lp_small(struct near_item *it, size_t s, long double cw, long double ct,
		   long double *pi_w, long double *pi_t);

#endif
