/*
 * few_time.h - the time row's Lagrangian multiplier for deploy_few's bounds
 * (internal to the solver, used by deploy_few.c).
 *
 * Per inference, the LP over K inferences with the resource row sum w x <=
 * cap and the time row sum t x <= tcap is bounded, for any mu >= 0, by K
 * times the hull of (w, v - mu t) at cap / K plus mu tcap: a policy meeting
 * the time row loses nothing when its value is taken under v - mu t and
 * mu tcap is added.  few_time_multiplier finds the mu that makes this bound
 * least (the LP dual of the time row); any mu >= 0 keeps every bound of
 * deploy_few valid, so this only makes them tighter.
 */
#ifndef OPTDEPLOY_FEW_TIME_H
#define OPTDEPLOY_FEW_TIME_H

#include <stddef.h>

struct few_time_point {
	long double w, v, t;  /* resource, value, time row coefficient per inference */
};

/*
 * The multiplier for pts[0..n-1] (sorted by w, n >= 1), K = k; start: a
 * guess (the last solve's multiplier, or 0 for none); scratch: n entries.
 * 0 when the time row is slack at the LP optimum without it.
 */
long double few_time_multiplier(const struct few_time_point *pts, size_t n, size_t *scratch,
				long long k, long double cap, long double tcap, long double start);

#endif
