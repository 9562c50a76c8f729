/*
 * near_exact.h - deploy_near's box searched in exact integer arithmetic
 * (internal to the solver).
 *
 * GLPK's simplex takes a reduced cost within ~1e-7 of its objective
 * coefficients as zero, so two policies of one box whose values differ by
 * less than about 1e-9 of the values themselves (costs near 2^33 that
 * differ by a few units) look tied to it, and its branch and bound may
 * answer the worse one.  deploy_near's box is usually a handful of points
 * once the vertex models a and b are eliminated (every other count is
 * bounded by reduced-cost fixing and the exchange argument), so this
 * module visits every count of the other models in the box and, for each,
 * puts the rest on a and b at the best end of the interval the resource row
 * allows: the box's optimum, on the data as exact integers (__int128), no
 * tolerance at all.  deploy_near keeps GLPK's answer unless this finds a
 * strictly better one.
 */
#ifndef OPTDEPLOY_NEAR_EXACT_H
#define OPTDEPLOY_NEAR_EXACT_H

#include <stdbool.h>
#include <stddef.h>

/* Points of the other models' box visited at most: beyond it, NEAR_EXACT_TOO_BIG. */
#define NEAR_EXACT_LIMIT 4096L

/*
 * One box in offsets d_i = x_i - base_i from the rounded vertex, every
 * figure an exact integer (the data as integers times one power of two,
 * deploy_near.c's make_exact): maximise sum vi d_i subject to sum d_i = 0,
 * sum wi d_i <= slack, lo_i <= d_i <= hi_i and, when dav >= 0, the sum of
 * d_i over the items with between[i] at most dav.  Item a (and b when
 * binding) is the LP vertex; b, when binding, has wi[b] > wi[a].
 */
struct near_exact_box {
	size_t s;
	const long long *wi, *vi;
	const long long *lo, *hi;  /* bounds on the offsets */
	const bool *between;       /* the Davenport row's members (dav >= 0) */
	long long dav;
	__int128 slack;
	size_t a, b;
	bool binding;
};

enum near_exact_result {
	NEAR_EXACT_DONE,        /* d holds the box's optimum */
	NEAR_EXACT_INFEASIBLE,  /* no point of the box meets the rows */
	NEAR_EXACT_TOO_BIG      /* more than NEAR_EXACT_LIMIT points: not searched */
};

/*
 * The box's optimum into d[0..s-1], and its value sum vi d_i into *value;
 * work[0..2s-1] is scratch.  Ties keep the first point found.
 */
enum near_exact_result near_exact_solve(const struct near_exact_box *bx, long long *d,
					long long *work, __int128 *value);

#endif
