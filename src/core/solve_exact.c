/*
 * solve_exact.c - from the root LP and its rounded policy to a proven
 * optimum: the rounded policy when it meets the root bound, else the search
 * over supports (support_search.c), deploy_few for small K with a choice of
 * models, or GLPK's branch and bound over every model, whose policy the
 * search over supports then proves or betters.
 */
#include "optdeploy/core/solver_state.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "optdeploy/core/deadline.h"
#include "optdeploy/core/deploy_few.h"
#include "optdeploy/core/deploy_mip.h"
#include "optdeploy/core/limits.h"
#include "optdeploy/core/support_search.h"

#define GLPK_BRANCHES_BELOW_K 100LL  /* SOLVE_SEARCH_AUTO's switch (solve.h) */
/* deploy_few also up to K = 1000 when lambda >= K^2 / 500 (0.2 K at K = 100,
 * 2 K at K = 1000): charges that large weaken the search's LP bounds as small
 * K does, and deploy_few's search grows with K; measured on a 100-model pool,
 * each side of the line takes fewer instructions on its side of it */
#define FEW_K2_PER_LAMBDA 500.0
#define FEW_UP_TO_K 1000LL

/*
 * Is `a` strictly better than `b`?  Relative 1e-15: objectives reach 1e11 at
 * K = 1e9, and one inference moved between models changes them by the
 * difference of two accuracies.  Nothing absolute: in the internal units
 * (the largest cost near 100) a loading charge of 0.05 beside costs near
 * 2^32 is 4e-10, and an allowance of 1e-9 kept the policy that pays it
 * (test_solve_adversarial, ADV_SEED=13 ADV_SCALE=8).
 */
static bool better_objective(const struct solve_params *sp, double a, double b)
{
	double tol = 1e-15 * fabs(b);
	return sp->mode == SOLVE_MAX_ACCURACY ? a > b + tol : a < b - tol;
}

/* support_objective's value of pool-indexed counts (no constant lambda sum u). */
static double counts_objective(const struct solver *s, const struct solve_params *sp,
			       const long long *count)
{
	bool primal = sp->mode == SOLVE_MAX_ACCURACY;
	long double value = 0, load = 0;
	for (size_t i = 0; i < s->n; i++) {
		const struct model *md = &s->pool->models[i];
		value += (long double)count[i] * (primal ? md->accuracy : md->cost);
		if (count[i] > 0)
			load += md->load_cost;
	}
	long double charge = (long double)sp->lambda * load;
	return (double)(primal ? value - charge : value + charge);
}

/*
 * One GLPK integer program over every kept model, GLPK branching on z too.
 * Its policy is only an incumbent: GLPK's node simplex takes a reduced cost
 * within ~1e-7 of its objective coefficients as zero, so supports whose
 * objectives differ by less than ~1e-9 of them look tied to it (a model
 * costing 4 more to load at costs near 2^33, K = 12, was answered:
 * test_solve_adversarial, ADV_SEED=9, 20, 21 at ADV_SCALE=8), and no
 * setting of glp_intopt reaches its node LPs.  The search over supports,
 * seeded with GLPK's policy, compares policies in long double and each
 * support's box exactly (near_exact.h): it proves that policy or finds the
 * better one.
 */
static struct exact_answer solve_whole_mip(const struct support_problem *p, long long *counts,
					   bool seeded, double *best)
{
	long long *x = malloc((p->m ? p->m : 1) * sizeof *x);
	struct exact_answer a = {SOLVE_FAILED, "out of memory"};
	if (x == NULL)
		return a;
	int ms = deadline_remaining_ms(p->deadline);
	switch (deploy_mip_solve(p->mip, p->sp, NULL, p->resource_tol,
				 seeded ? counts : NULL, seeded ? *best : NAN, ms, x)) {
	case DEPLOY_MIP_OPTIMAL:
		a = (struct exact_answer){SOLVE_OPTIMAL, NULL};
		double obj = support_objective(p, x);
		if (!seeded || better_objective(p->sp, obj, *best)) {
			*best = obj;
			memcpy(counts, x, p->m * sizeof *x);
		}
		a.outcome = support_search(p, counts, best, &a.why);
		break;
	case DEPLOY_MIP_INFEASIBLE:
		if (limits_time_active(p->sp))  /* two rows: proven, see support_search.h */
			a = (struct exact_answer){SOLVE_INFEASIBLE,
				"no policy of whole inferences meets the time row"};
		else
			a.why = "GLPK found no integer policy although a feasible one exists";
		break;
	case DEPLOY_MIP_TIME_LIMIT:
		a = (struct exact_answer){SOLVE_TIME_LIMIT,
			"time limit reached before optimality was proven"};
		break;
	case DEPLOY_MIP_FAILED:
		a.why = "GLPK's branch and bound failed";
		break;
	}
	free(x);
	return a;
}

/* What deploy_few's feasibility test needs: the solver and the parameters. */
struct few_check {
	struct solver *s;
	const struct solve_params *sp;
};

/* deploy_few_feasible_fn: kept-model counts meet every row (counts_feasible). */
static bool few_feasible(const void *ctx, const long long *kept_counts)
{
	const struct few_check *c = ctx;
	struct solver *s = c->s;
	memset(s->check, 0, s->n * sizeof *s->check);
	for (size_t k = 0; k < s->m; k++)
		s->check[s->kept[k]] = kept_counts[k];
	return solver_counts_feasible(s, s->pool, c->sp, s->check);
}

/*
 * Small K with a choice of models: the few models that can beat the
 * incumbent, solved by GLPK (deploy_few.h); GLPK's branch and bound over
 * every model when too many can, or when deploy_few cannot conclude.
 */
static struct exact_answer solve_few_or_whole(struct solver *s, const struct support_problem *p,
					      bool usable, double *best)
{
	struct few_check check = {s, p->sp};
	double before = *best;
	/* made on first use: most solves never take this path */
	if (s->few == NULL && (s->few = deploy_few_new(s->pool, s->kept, s->m)) == NULL)
		return (struct exact_answer){SOLVE_FAILED, "out of memory"};
	switch (deploy_few_solve(s->few, p, few_feasible, &check, s->kept_count, best)) {
	case DEPLOY_FEW_OPTIMAL:
		return (struct exact_answer){SOLVE_OPTIMAL, NULL};
	case DEPLOY_FEW_TIME_LIMIT:
		return (struct exact_answer){SOLVE_TIME_LIMIT,
			"time limit reached before optimality was proven"};
	default:
		break;
	}
	bool seeded = usable || (isfinite(*best) && *best != before);
	return solve_whole_mip(p, s->kept_count, seeded, best);
}

enum exact_path solver_exact_path(const struct solver *s, const struct solve_params *sp,
				  bool apart)
{
	bool decisions = sp->lambda > 0 || limits_active(sp);  /* some z is a real choice */
	/* GLPK branching on z sees the charges: never when they are apart */
	bool glpk_branches = !apart && (s->search == SOLVE_SEARCH_GLPK ||
			     (s->search == SOLVE_SEARCH_AUTO && decisions &&
			      sp->k < GLPK_BRANCHES_BELOW_K));
	bool heavy = sp->k <= FEW_UP_TO_K &&
		     sp->lambda * FEW_K2_PER_LAMBDA >= (double)sp->k * (double)sp->k;
	/* deploy_few hands the charges to GLPK too: not when they are apart */
	bool few = !apart && (s->search == SOLVE_SEARCH_FEW ||
		   (s->search == SOLVE_SEARCH_AUTO && decisions && (glpk_branches || heavy)));
	return few ? EXACT_FEW : glpk_branches ? EXACT_WHOLE : EXACT_SUPPORTS;
}

/*
 * What a comparison with GLPK's LP values allows beyond 1e-15 of the
 * objective.  Their rounding reaches 6e-10 in the internal units (7e-15 of
 * the objective on uci_har at K = 1e3; with nothing absolute its re-solves
 * searched again, 1.6x to 2.1x their instructions), so 1e-9, about 1e-11
 * of the largest cost (accuracy): a policy better by less is the limit left
 * (man page, BUGS).  Unless a loading charge is below 1e-6: then charges
 * alone may decide by less (0.05 beside costs near 2^32 is 4e-10,
 * test_near_exact), and nothing absolute is allowed; the search then takes
 * GLPK's rounding for gains, which costs nodes, never a wrong answer.
 */
static double tie_allowance(const struct solver *s, const struct solve_params *sp)
{
	for (size_t k = 0; k < s->m; k++) {
		double u = sp->lambda * s->pool->models[s->kept[k]].load_cost;
		if (u > 0 && u < 1e-6)
			return 0;
	}
	return 1e-9;
}

/* The rounded policy meets the root LP's bound (tie_allowance): optimal. */
static bool meets_root_bound(const struct solve_params *sp, double bound, double heur,
			     double allowance)
{
	double tol = 1e-15 * fabs(heur) + allowance;
	return sp->mode == SOLVE_MAX_ACCURACY ? bound <= heur + tol : bound >= heur - tol;
}

/*
 * Exact solve, given the root LP bound and the rounded LP policy in `count`
 * (pool-indexed).  The rounded policy is optimal already when it meets the
 * bound; otherwise it is the first incumbent of the search over supports.
 * On SOLVE_OPTIMAL, count holds the optimal policy.
 */
struct exact_answer solver_solve_exact(struct solver *s, const struct solve_params *sp,
				       const struct root *root, long long *count)
{
	struct exact_answer a = {SOLVE_OPTIMAL, NULL};
	double heur = counts_objective(s, sp, count);
	/* the rounded policy may break a device limit (the LP's z are fractional) */
	bool usable = solver_counts_feasible(s, s->pool, sp, count);
	double allowance = tie_allowance(s, sp);
	if (usable && meets_root_bound(sp, root->bound, heur, allowance))
		return a;

	/* the incumbent must lie in the pruned problem to seed the search */
	for (size_t i = 0, k = 0; i < s->n; i++) {
		if (k < s->m && s->kept[k] == i)
			s->kept_count[k++] = count[i];
		else if (count[i] != 0)
			usable = false;
	}
	double best = usable ? heur : sp->mode == SOLVE_MAX_ACCURACY ? -INFINITY : INFINITY;
	struct support_problem prob = {
		.pool = s->pool, .kept = s->kept, .m = s->m, .sp = sp, .glpk_sp = root->glpk_sp,
		.charges_apart = root->apart, .lp = s->lp, .mip = s->mip,
		.near = s->search == SOLVE_SEARCH_SUPPORTS_SPLIT ? NULL : s->near,
		.resource_tol = (double)solver_resource_tolerance(s, s->pool, sp),
		.deadline = s->deadline, .root_bound = root->value, .root_x = root->x,
		.memo = s->memo, .tlp = s->tlp, .value_tol = allowance,
	};
	switch (solver_exact_path(s, sp, root->apart)) {
	case EXACT_FEW:
		a = solve_few_or_whole(s, &prob, usable, &best);
		break;
	case EXACT_WHOLE:
		a = solve_whole_mip(&prob, s->kept_count, usable, &best);
		break;
	case EXACT_SUPPORTS:
		a.outcome = support_search(&prob, s->kept_count, &best, &a.why);
		break;
	}
	if (a.outcome != SOLVE_OPTIMAL || (usable && !better_objective(sp, best, heur)))
		return a;
	memset(count, 0, s->n * sizeof *count);
	for (size_t k = 0; k < s->m; k++)
		count[s->kept[k]] = s->kept_count[k];
	if (!solver_counts_feasible(s, s->pool, sp, count))
		return (struct exact_answer){SOLVE_FAILED,
			"numerical trouble: GLPK's policy violates a constraint"};
	return a;
}
