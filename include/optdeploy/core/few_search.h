/*
 * few_search.h - exhaustive branch and bound over the counts of a few
 * models (internal to the solver, used by deploy_few.c).
 *
 *   maximise  sum v_i x_i - sum of u_i over the models with x_i > 0
 *   s.t.      sum x_i = k,  sum w_i x_i <= cap,  sum t_i x_i <= tcap,
 *             x_i >= 0 integer
 *
 * Depth first over the models, each count from the largest the resource
 * allows down to 0; a node is cut when its value plus the LP hull of the
 * models still free (and the smallest charge among them, when inferences
 * are left) cannot beat the best value found, and a model's counts stop
 * once that bound, concave in the count, is past its peak and below the
 * best.  Exact; it only relaxes what the caller leaves out (rows beyond
 * these three), and stops after a node budget so that its cost stays small.
 *
 * The time row (tcap finite) enters the bounds through a multiplier mu >= 0
 * the caller picks (Lagrangian relaxation: any mu gives a valid bound, the
 * LP dual of the row a tight one): a policy meeting the row has value at
 * most its value under v_i - mu t_i plus mu tcap, so the hulls are of
 * (w, v - mu t); a node whose fastest completion breaks the row is cut and
 * every leaf is checked against it.
 */
#ifndef OPTDEPLOY_FEW_SEARCH_H
#define OPTDEPLOY_FEW_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#define FEW_SEARCH_MAX 24   /* models at most */

struct few_search_item {
	long double w, v, u, t;  /* t: the time row's coefficient (0 without one) */
};

/* The time row sum t x <= cap and its multiplier (cap INFINITY, mu 0: no row). */
struct few_search_time {
	long double mu, cap;
};

/*
 * Search for a policy with value above `floor_value`.  True when the search
 * finished: then *value is the optimum and x[0..n-1] its counts when the
 * optimum is above floor_value (*value = floor_value and x untouched when
 * none is).  False when n > FEW_SEARCH_MAX or the node budget ran out.
 */
bool few_search_run(const struct few_search_item *items, size_t n, long long k, long double cap,
		    const struct few_search_time *time, long double floor_value, long long *x,
		    long double *value);

#endif
