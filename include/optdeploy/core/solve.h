/*
 * solve.h - the deployment problem and its exact solution with GLPK.
 *
 *   maximize   sum p_i x_i + lambda * sum u_i y_i
 *   subject to sum c_i x_i <= B,  sum x_i = K,  x_i <= K (1 - y_i),
 *              x_i integer >= 0,  y_i in {0,1}          (B = budget * K)
 *   and, with latencies t_i:  sum t_i x_i <= D K / rate   (the time row),
 *              x_i = 0 when t_i > deadline
 *
 * and its dual form (minimise sum c_i x_i + lambda * sum u_i (1 - y_i)
 * subject to sum p_i x_i >= P * K), both exactly (GLPK branch and bound) or
 * through the paper's LP relaxation with floor rounding.
 *
 * A struct solver keeps one GLPK problem for one pool and re-solves it when
 * only the parameters change (the interactive planner re-solves on every key
 * press).  GLPK never prints and never aborts the process: its terminal output
 * is off and every input is validated before it reaches GLPK.
 */
#ifndef OPTDEPLOY_SOLVE_H
#define OPTDEPLOY_SOLVE_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/status.h"

#define SOLVE_K_MAX 1000000000LL

enum solve_mode {
	SOLVE_MAX_ACCURACY,  /* maximise accuracy under the budget (the paper's primal) */
	SOLVE_MIN_COST       /* minimise cost under an accuracy floor (the dual form) */
};

enum solve_method {
	SOLVE_EXACT,    /* integer program solved to proven optimality by GLPK */
	SOLVE_RELAXED   /* LP relaxation, floor rounding, leftovers to one model */
};

struct solve_params {
	enum solve_mode mode;
	enum solve_method method;
	double budget;        /* SOLVE_MAX_ACCURACY: average cost per inference; B = budget * k */
	double min_accuracy;  /* SOLVE_MIN_COST: floor on the expected accuracy */
	long long k;          /* number of inferences, 1 .. SOLVE_K_MAX */
	double lambda;        /* weight of the loading-cost term, >= 0 */
	double time_limit;    /* seconds per GLPK call; <= 0 means the default (10 s) */
	/* Device limits on the models used (x_i > 0), constraints of the exact
	 * problem: sum (1 - y_i) <= max_models and sum memory_i (1 - y_i) <=
	 * memory_limit (in the pool's memory unit; the pool must have one).
	 * SOLVE_RELAXED refuses them (its rounding could break them). */
	size_t max_models;    /* 0: no limit */
	double memory_limit;  /* INFINITY, or any value < 0: no limit */
	/* Time (the pool's latencies t_i, seconds; the pool must have them).
	 * deadline: a model with t_i above it is never used.  rate and
	 * duty_cycle: the time row  sum t_i x_i <= duty_cycle x K / rate,  the
	 * device busy at most that share of the K / rate seconds the K
	 * inferences arrive in.  Zero (or non-finite) means none, so a
	 * zero-initialised struct has no time constraint; duty_cycle 0 is 1.
	 * SOLVE_RELAXED refuses them like the device limits. */
	double deadline;      /* seconds */
	double rate;          /* inferences per second */
	double duty_cycle;    /* 0 < D <= 1 */
};

enum solve_outcome {
	SOLVE_OPTIMAL,       /* exact and proven optimal */
	SOLVE_ROUNDED,       /* SOLVE_RELAXED: LP optimum rounded down (feasible, not proven optimal) */
	SOLVE_INFEASIBLE,    /* no policy meets the constraint; see policy.nearest */
	SOLVE_TIME_LIMIT,    /* GLPK hit the time limit before proving optimality */
	SOLVE_FAILED         /* GLPK reported a failure; see policy.message */
};

/*
 * One answer.  count[] is owned (n entries, pool order) and valid only when
 * outcome is SOLVE_OPTIMAL or SOLVE_ROUNDED; every derived figure is
 * recomputed from the counts, never taken from GLPK's objective.
 */
struct policy {
	size_t n;
	long long *count;
	enum solve_outcome outcome;
	struct solve_params params;  /* what was solved */

	double expected_accuracy;  /* sum p_i x_i / K */
	double expected_cost;      /* sum c_i x_i / K */
	double total_cost;         /* sum c_i x_i (compare with B = budget * K) */
	double objective;          /* primal: sum p x + lambda sum u y; dual: sum c x + lambda sum u (1-y) */
	double loading_term;       /* primal: lambda * sum u_i y_i (credit for unused models);
	                              dual: lambda * sum u_i (1 - y_i) (charge for used models) */
	size_t models_used;
	double busy_time;  /* sum t_i x_i, seconds (0 without latencies) */

	double lp_bound;   /* objective of the LP relaxation (a bound on the exact optimum) */

	/* SOLVE_RELAXED only: the exact policy's figures, for the rounding gap. */
	double exact_objective;
	double exact_accuracy;
	double theorem_bound;      /* (p_best + p_second - 2 p_cheapest) / K, Theorem 3.2 */

	/* SOLVE_INFEASIBLE: the minimum feasible budget (primal) or the best reachable accuracy (dual). */
	double nearest;

	double seconds;     /* wall time of this solve */
	char message[200];  /* one line: why infeasible or failed; empty when optimal */
};

struct solver;

/*
 * Create a solver for a pool.  The pool is borrowed: it must outlive the
 * solver and not change.  Returns NULL (with m set) on no memory or an empty pool.
 */
struct solver *solver_new(const struct pool *pool, struct status_msg *m);

/*
 * The same, with the reason as a status: ST_DATA for a pool no unit can
 * serve (costs spanning more than 12 decades, see scale.h) or an empty one,
 * ST_INTERNAL on no memory.  *out is NULL on failure.
 */
enum status solver_create(struct solver **out, const struct pool *pool, struct status_msg *m);

void solver_free(struct solver *s);

/*
 * Dominance pruning (on by default): models that another model beats on
 * cost, accuracy and loading cost at once are left out of the GLPK problem.
 * Exact either way; tests and benchmarks switch it off to compare.
 */
void solver_set_pruning(struct solver *s, bool on);

/*
 * How the exact solve decides which models are used.  SOLVE_SEARCH_AUTO
 * (the default), below K = 100 when lambda or a device limit makes them a
 * choice (integrality gaps there can dwarf lambda and weaken every LP
 * bound), and up to K = 1000 when lambda >= K^2 / 500 (charges that large
 * weaken the bounds alike): the few models whose bound reaches the incumbent
 * (deploy_few.h), or GLPK's branch and bound over every model when too
 * many do;
 * otherwise the search over supports of support_search.h, with each
 * support's small box program (deploy_near.h), measured 2-10 times fewer
 * instructions from K = 100 up.  Tests force each to check them against
 * each other and the brute force (SOLVE_SEARCH_GLPK: always every model;
 * SOLVE_SEARCH_FEW: deploy_few at any K).
 */
enum solve_search { SOLVE_SEARCH_AUTO, SOLVE_SEARCH_GLPK, SOLVE_SEARCH_SUPPORTS,
		    SOLVE_SEARCH_SUPPORTS_SPLIT /* each support by deploy_mip, not deploy_near */,
		    SOLVE_SEARCH_FEW };
void solver_set_search(struct solver *s, enum solve_search how);

/* Number of models the GLPK problem holds after pruning. */
size_t solver_models_kept(const struct solver *s);

/* Solves with a rate whose answer came from the problem without the time row
 * (its optimum met the row, so it is optimal with it: solve.c); only GLPK's
 * branch and bound over every model tries it, the other paths hold the row. */
size_t solver_time_fast_count(const struct solver *s);

/* Supports of solves with a rate that deploy_near_time's proven box answered
 * (*boxed) and that it handed to deploy_mip's branch and bound (*declined),
 * since the solver was made or its pruning last changed. */
void solver_time_box_counts(const struct solver *s, size_t *boxed, size_t *declined);

/* Node LPs of the search over supports with a rate that time_lp answered
 * without GLPK (*answered) and that it passed to GLPK (*declined), since the
 * solver was made or its pruning last changed. */
void solver_time_lp_counts(const struct solver *s, size_t *answered, size_t *declined);

/* Small-K solves with a rate (deploy_few) that its search over the models
 * left answered, GLPK certifying the support (*searched), and the others
 * (*other), since the solver was made or its pruning last changed. */
void solver_few_time_counts(const struct solver *s, size_t *searched, size_t *other);

/*
 * Check parameters without solving: ST_USAGE with a message naming the bad
 * value (K out of 1..1e9, negative or non-finite lambda, non-finite budget,
 * a NaN memory limit, device limits with SOLVE_RELAXED...).
 */
enum status solve_params_check(const struct solve_params *sp, struct status_msg *m);

/* Parameters with the paper's defaults: K = 1000, lambda = 0.1 K, exact, max accuracy, no device limits. */
struct solve_params solve_params_default(void);

/* Allocate p->count for n models (zeroed).  ST_INTERNAL on no memory. */
enum status policy_init(struct policy *p, size_t n, struct status_msg *m);
void policy_free(struct policy *p);

/*
 * Solve.  `out` must have been set up with policy_init for the pool's size.
 * Returns ST_OK whenever an answer (including "infeasible" or "time limit")
 * was produced; ST_USAGE for bad parameters (and for a lambda whose charges,
 * lambda x the sum of the load costs, exceed 1e300 times the largest
 * accuracy, or cost in the dual: only with accuracies below ~1e-280, as any
 * lambda <= 5 K is served otherwise); ST_DATA for a memory limit on a
 * pool without memory footprints; ST_INTERNAL when GLPK failed in a way that
 * leaves no answer.
 */
enum status solver_run(struct solver *s, const struct solve_params *sp,
		       struct policy *out, struct status_msg *m);

/* "optimal", "lp_rounded", "infeasible", "time_limit", "failed". */
const char *solve_outcome_name(enum solve_outcome o);

/* True when the policy carries counts (optimal or rounded). */
bool policy_has_counts(const struct policy *p);

/* The memory of the models p uses, added up (0 without counts or a memory column). */
double policy_memory_used(const struct policy *p, const struct pool *pool);

/*
 * Recompute the derived figures of p from p->count and p->params (used by the
 * solver, and by tests that build policies by hand).
 */
void policy_evaluate(struct policy *p, const struct pool *pool);

#endif
