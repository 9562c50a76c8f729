/*
 * near_scan.h - the best objective, loading charges included, over every
 * integer point of a small proven box (internal to the solver:
 * deploy_near_time.c, to pass over a support that cannot beat the search's
 * incumbent without asking GLPK).
 */
#ifndef OPTDEPLOY_NEAR_SCAN_H
#define OPTDEPLOY_NEAR_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/near_box.h"

#define NEAR_SCAN_CAP 512  /* points scanned at most; a larger box goes to GLPK */

/* One support's box and rows, as deploy_near_time.c holds them. */
struct near_scan {
	const struct near_item *it;
	const double *load;     /* per item: its loading cost */
	size_t s;
	long long k;            /* sum x = k */
	long double tol_w, tol_t;
	long double lambda;     /* charge per unit of loading cost */
};

/*
 * *best receives the largest v.x - lambda * (load of the models x uses)
 * over the points of the box it[].lo..hi that sum to k and meet both rows
 * (a.x >= -tol_w, b.x >= -tol_t, in long double as feasible() sums them),
 * -INFINITY if none.  False (nothing scanned) when the box holds more than
 * NEAR_SCAN_CAP points; cnt: s entries of scratch.
 */
bool near_scan_best(const struct near_scan *sc, long long *cnt, long double *best);

#endif
