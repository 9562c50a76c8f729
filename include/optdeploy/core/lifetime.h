/*
 * lifetime.h - how long a battery lasts at an accuracy floor: the largest K
 * (and duration K / rate) for which some policy of K inferences with
 * expected accuracy >= P fits in the battery together with the idle draw,
 *
 *   E(K) x cost unit + idle x K / rate <= battery,
 *
 * where E(K) is the least total cost (sum c_i x_i) of K inferences at
 * accuracy >= P: the exact dual solve (SOLVE_MIN_COST) with lambda = 0.
 * Lambda is 0 because the question is whether ANY policy fits, i.e. the
 * least energy; a lambda-weighted optimum can spend more energy than
 * needed, and its energy need not grow with K.  The proof that E(K) grows
 * with K is in lifetime.c; K is found by exact solves alone (galloping
 * from the LP estimate, then bisection), so the answer K fits and K + 1
 * does not, both by proven-optimal solves.  The device limits (max_models,
 * memory_limit of struct solve_params) are constraints of every solve and
 * keep E(K) monotone (see lifetime.c).
 */
#ifndef OPTDEPLOY_LIFETIME_H
#define OPTDEPLOY_LIFETIME_H

#include <stddef.h>

#include "optdeploy/core/battery.h"
#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/core/status.h"

enum lifetime_outcome {
	LIFETIME_FOUND,       /* K fits, K + 1 does not */
	LIFETIME_AT_CAP,      /* even K = SOLVE_K_MAX fits: the lifetime is at least that */
	LIFETIME_NOT_ONE,     /* not even one inference fits (see message) */
	LIFETIME_INFEASIBLE,  /* the floor is above the best accuracy within the limits */
	LIFETIME_NO_ANSWER    /* a solve stopped at its time limit or failed (see message) */
};

struct lifetime_result {
	enum lifetime_outcome outcome;
	double min_accuracy;  /* the floor P */
	long long k;          /* FOUND, AT_CAP: the number of inferences */
	double duration_s;    /* k / rate */
	double inference_j;   /* E(k) x cost unit: the policy's energy */
	double idle_j;        /* idle x duration */
	double left_j;        /* battery - idle - inference energy (>= 0) */
	double next_j;        /* FOUND: what K + 1 inferences need in all (> battery) */
	size_t solves;        /* exact solves made */
	enum solve_outcome stopped_by;  /* NO_ANSWER: SOLVE_TIME_LIMIT or SOLVE_FAILED */
	char message[200];    /* why, for every outcome but FOUND and AT_CAP */
};

/*
 * Find the lifetime for floor min_accuracy.  bp's duration is not used.
 * `out` must be policy_init'ed for the pool; on FOUND and AT_CAP it holds
 * the least-energy policy at K (params: SOLVE_MIN_COST, lambda 0, exact).
 * From `limits` only time_limit (per solve; <= 0: the solver's default),
 * max_models and memory_limit (the device limits, solve.h) are used; the
 * rest of the problem is set here.  Returns ST_OK
 * whenever r says what happened; ST_USAGE for bad parameters, ST_INTERNAL
 * when GLPK failed fatally.
 */
enum status lifetime_run(struct solver *s, const struct pool *pool,
			 const struct battery_params *bp, double min_accuracy,
			 const struct solve_params *limits, struct policy *out,
			 struct lifetime_result *r,
			 struct status_msg *m);

/* "found", "at_cap", "not_one", "infeasible", "no_answer" (CSV status names). */
const char *lifetime_outcome_name(enum lifetime_outcome o);

/*
 * Default floors of a lifetime sweep: from the cheapest model's accuracy
 * (the cheapest model's own lifetime) to the most accurate model's, among
 * the models the device limits let run (limits: a memory limit; NULL: none),
 * so the sweep stops at the best floor reachable.  When no model fits, the
 * whole pool's range (every floor then says why it is infeasible).
 */
void lifetime_default_range(const struct pool *pool, const struct solve_params *limits,
			    double *from, double *to);

#endif
