/*
 * solver_state.h - the solver object's state, shared by solve.c (the
 * object, the LP roots, rounding and checks) and solve_exact.c (the exact
 * paths from the root LP to a proven policy).  Internal to those two files:
 * callers use solve.h.
 */
#ifndef OPTDEPLOY_CORE_SOLVER_STATE_H
#define OPTDEPLOY_CORE_SOLVER_STATE_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/scale.h"
#include "optdeploy/core/solve.h"

struct solver {
	const struct pool *orig;  /* the caller's pool: every reported figure */
	struct pool work;         /* the same pool in the internal units (scale_pool: its
	                             model array owned), unused when they are the caller's */
	const struct pool *pool;  /* &work, or orig: what GLPK and the search see */
	struct scale scale;
	size_t n;               /* models in the pool */
	size_t m;               /* models in the GLPK problems */
	size_t *kept;           /* pool index of GLPK model k */
	bool prune;
	enum solve_search search;
	bool broken;            /* GLPK failed fatally: no further solves */
	struct deploy_lp *lp;
	struct deploy_mip *mip;
	struct deploy_near *near;
	struct deploy_few *few;    /* NULL until the first solve that needs it */
	struct support_memo *memo;  /* the search's last optimal support */
	struct time_lp *tlp;    /* node LPs with the time row without GLPK (time_lp.h) */
	double *lp_x;           /* LP counts per kept model */
	double *lp_x_paper;     /* the same for the paper's LP when charges are apart */
	long long *kept_count;  /* integer counts per kept model */
	long long *scratch;     /* pool-indexed counts */
	long long *check;       /* pool-indexed counts of a policy deploy_few offers */
	jmp_buf on_error;
	double deadline;        /* monotonic seconds when this solve must stop */
	size_t time_fast;       /* solves the time row left slack (solve_time_slack) */
	double rscale[2][2];    /* limits_resource_scale of [pool, orig][dual, primal] */
};


/*
 * The root relaxation the exact search starts from: GLPK's value with the
 * search's parameters (lambda 0 when the charges are apart), the bound it
 * gives (that value with the least charge when apart), and its counts.
 */
struct root {
	bool apart;
	const struct solve_params *glpk_sp;
	double value, bound;
	const double *x;
}; 

struct exact_answer {
	enum solve_outcome outcome;
	const char *why;
};

/* Which exact path solver_solve_exact takes (internal parameters; apart: the charges are apart). */
enum exact_path { EXACT_SUPPORTS, EXACT_FEW, EXACT_WHOLE };

/* The resource row's rounding allowance (solve_checks.h) for s->pool or s->orig. */
long double solver_resource_tolerance(const struct solver *s, const struct pool *pool,
				      const struct solve_params *sp);

/* solve_counts_feasible for s->pool or s->orig. */
bool solver_counts_feasible(const struct solver *s, const struct pool *pool,
			    const struct solve_params *sp, const long long *count);

/* The exact path the parameters take (apart: the charges are apart, support_search.h). */
enum exact_path solver_exact_path(const struct solver *s, const struct solve_params *sp,
				  bool apart);

/*
 * Exact solve from the root LP and the rounded LP policy in count
 * (pool-indexed); on SOLVE_OPTIMAL, count holds the optimal policy.
 */
struct exact_answer solver_solve_exact(struct solver *s, const struct solve_params *sp,
				       const struct root *root, long long *count);

#endif
