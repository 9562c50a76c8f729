/*
 * solve.c - the solver object: validates parameters, answers infeasible
 * inputs, prunes dominated models, rounds the paper's LP relaxation
 * (deploy_lp.c), and hands the exact problem to the search over supports
 * (support_search.c), where GLPK solves every bound and every integer
 * program (deploy_mip.c).
 *
 * Every answer is checked against its counts before it is reported: the
 * counts sum to K and meet the resource row in long double arithmetic, and
 * every figure is recomputed from them (policy.c).  GLPK's terminal output
 * is off, and its fatal-error hook jumps back here instead of aborting.
 */
#include "optdeploy/core/solve.h"

#include <glpk.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "optdeploy/core/deadline.h"
#include "optdeploy/core/dominance.h"
#include "optdeploy/core/deploy_few.h"
#include "optdeploy/core/deploy_lp.h"
#include "optdeploy/core/deploy_mip.h"
#include "optdeploy/core/deploy_near.h"
#include "optdeploy/core/limits.h"
#include "optdeploy/core/scale.h"
#include "optdeploy/core/solve_checks.h"
#include "optdeploy/core/support_search.h"

#define CHARGE_LIMIT 1e300L  /* lambda * (sum of the load costs), internal units: finite sums */
#define GLPK_BRANCHES_BELOW_K 100LL  /* SOLVE_SEARCH_AUTO's switch (solve.h) */
/* deploy_few also up to K = 1000 when lambda >= K^2 / 500 (0.2 K at K = 100,
 * 2 K at K = 1000): charges that large weaken the search's LP bounds as small
 * K does, and deploy_few's search grows with K; measured on a 100-model pool,
 * each side of the line takes fewer instructions on its side of it */
#define FEW_K2_PER_LAMBDA 500.0
#define FEW_UP_TO_K 1000LL

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

/* GLPK calls this on a fatal error (an invalid call) instead of abort(). */
static void on_glpk_error(void *info)
{
	struct solver *s = info;
	longjmp(s->on_error, 1);
}

/*
 * Every line GLPK would print comes here and is dropped.  glp_term_out(GLP_OFF)
 * alone is not enough: GLPK switches terminal output back on to print a fatal
 * error before it calls the error hook.
 */
static int swallow_glpk_text(void *info, const char *text)
{
	(void)info;
	(void)text;
	return 1;
}

static void glpk_quiet(void)
{
	glp_term_out(GLP_OFF);
	glp_term_hook(swallow_glpk_text, NULL);
}

/* Keep all models, or only the undominated ones (dominance.h); false on no memory. */
static bool choose_models(struct solver *s)
{
	if (s->prune)
		return dominance_prune(s->pool->models, s->n, s->kept, &s->m);
	for (size_t i = 0; i < s->n; i++)
		s->kept[i] = i;
	s->m = s->n;
	return true;
}

/* (Re)build both GLPK problems for the kept models; false on no memory. */
static bool build_problems(struct solver *s)
{
	deploy_lp_free(s->lp);
	deploy_mip_free(s->mip);
	deploy_near_free(s->near);
	deploy_few_free(s->few);
	support_memo_free(s->memo);
	time_lp_free(s->tlp);
	s->tlp = NULL;
	s->lp = NULL;
	s->mip = NULL;
	s->near = NULL;
	s->few = NULL;
	s->memo = NULL;
	if (!choose_models(s))
		return false;
	s->lp = deploy_lp_new(s->pool, s->kept, s->m);
	s->mip = deploy_mip_new(s->pool, s->kept, s->m);
	s->near = deploy_near_new(s->pool, s->kept, s->m);
	s->memo = support_memo_new(s->m);
	s->tlp = time_lp_new(s->pool, s->kept, s->m);
	return s->lp != NULL && s->mip != NULL && s->near != NULL && s->memo != NULL &&
	       s->tlp != NULL;
}

/* The resource rows' scales (limits_resource_scale) of both pools in both modes, once:
 * every answer's check reads them, and each is a pass over the pool. */
static void resource_scales(struct solver *s)
{
	struct solve_params primal = {.mode = SOLVE_MAX_ACCURACY}, dual = primal;
	dual.mode = SOLVE_MIN_COST;
	for (int o = 0; o < 2; o++) {
		const struct pool *p = o ? s->orig : s->pool;
		bool again = o == 1 && s->orig == s->pool;
		s->rscale[o][1] = again ? s->rscale[0][1] : limits_resource_scale(&primal, p);
		s->rscale[o][0] = again ? s->rscale[0][0] : limits_resource_scale(&dual, p);
	}
}

struct solver *solver_new(const struct pool *pool, struct status_msg *m)
{
	struct solver *s = NULL;
	solver_create(&s, pool, m);
	return s;
}

enum status solver_create(struct solver **out, const struct pool *pool, struct status_msg *m)
{
	*out = NULL;
	if (pool == NULL || pool->n == 0) {
		return status_fail(m, ST_DATA, "the pool has no models");
	}
	for (size_t i = 0; i < pool->n; i++) {
		const struct model *md = &pool->models[i];
		if (!(isfinite(md->cost) && isfinite(md->accuracy) &&
		      md->load_cost <= POOL_LOAD_COST_MAX)) {
			return status_fail(m, ST_DATA,
					   "%s: model '%s': load costs above %g are not supported",
					   pool->source ? pool->source : "pool", md->name,
					   POOL_LOAD_COST_MAX);
		}
	}
	struct scale sc;
	enum status st = scale_choose(pool, &sc, m);
	if (st != ST_OK)
		return st;
	struct solver *s = calloc(1, sizeof *s);
	if (s == NULL)
		return status_fail(m, ST_INTERNAL, "out of memory");
	s->orig = pool;
	s->scale = sc;
	/* a pool already in the internal units is read as it is, not copied */
	if (!scale_is_identity(&sc) && (st = scale_pool(pool, &sc, &s->work, m)) != ST_OK) {
		free(s);
		return st;
	}
	s->pool = scale_is_identity(&sc) ? pool : &s->work;
	resource_scales(s);
	s->n = pool->n;
	s->prune = true;
	/* kept, kept_count, scratch and check are written before they are read */
	s->kept = malloc(pool->n * sizeof *s->kept);
	s->lp_x = calloc(pool->n, sizeof *s->lp_x);
	s->lp_x_paper = calloc(pool->n, sizeof *s->lp_x_paper);
	s->kept_count = malloc(pool->n * sizeof *s->kept_count);
	s->scratch = malloc(pool->n * sizeof *s->scratch);
	s->check = malloc(pool->n * sizeof *s->check);
	glpk_quiet();
	glp_error_hook(on_glpk_error, s);
	if (setjmp(s->on_error)) {
		glp_error_hook(NULL, NULL);
		s->broken = true;
		solver_free(s);
		return status_fail(m, ST_INTERNAL, "GLPK failed while building the problem");
	}
	bool ok = s->kept != NULL && s->lp_x != NULL && s->lp_x_paper != NULL &&
		  s->kept_count != NULL && s->scratch != NULL && s->check != NULL &&
		  build_problems(s);
	glp_error_hook(NULL, NULL);
	if (!ok) {
		solver_free(s);
		return status_fail(m, ST_INTERNAL, "out of memory");
	}
	*out = s;
	return ST_OK;
}

void solver_free(struct solver *s)
{
	if (s == NULL)
		return;
	if (!s->broken) {  /* after a fatal error GLPK's objects cannot be trusted */
		deploy_lp_free(s->lp);
		deploy_mip_free(s->mip);
		deploy_near_free(s->near);
		deploy_few_free(s->few);
	}
	support_memo_free(s->memo);
	time_lp_free(s->tlp);
	free(s->kept);
	free(s->lp_x);
	free(s->lp_x_paper);
	free(s->kept_count);
	free(s->scratch);
	free(s->check);
	free(s->work.models);  /* the names are the caller's (scale_pool) */
	free(s);
}

void solver_set_pruning(struct solver *s, bool on)
{
	if (s->prune == on || s->broken)
		return;
	s->prune = on;
	glp_error_hook(on_glpk_error, s);
	if (setjmp(s->on_error)) {
		glp_error_hook(NULL, NULL);
		s->broken = true;
		return;
	}
	if (!build_problems(s))
		s->broken = true;
	glp_error_hook(NULL, NULL);
}

void solver_set_search(struct solver *s, enum solve_search how)
{
	s->search = how;
}

size_t solver_models_kept(const struct solver *s)
{
	return s->m;
}

/* The resource row's rounding allowance (solve_checks.h) for s->pool or s->orig. */
static long double resource_tolerance(const struct solver *s, const struct pool *pool,
				      const struct solve_params *sp)
{
	bool primal = sp->mode == SOLVE_MAX_ACCURACY;
	return solve_resource_tolerance(sp, s->rscale[pool == s->orig][primal]);
}

/* solve_counts_feasible for s->pool or s->orig. */
static bool counts_feasible(const struct solver *s, const struct pool *pool,
			    const struct solve_params *sp, const long long *count)
{
	return solve_counts_feasible(pool, sp, count, resource_tolerance(s, pool, sp));
}

/* The model that receives rounding leftovers: cheapest (primal) or most accurate (dual). */
static size_t leftover_model(const struct solver *s, const struct solve_params *sp)
{
	return sp->mode == SOLVE_MAX_ACCURACY ? pool_cheapest(s->pool)
					      : pool_most_accurate(s->pool);
}

/*
 * The paper's rounding of the LP counts: floor each, give the leftovers to
 * the cheapest model (primal; the most accurate for the dual), then, while
 * floating-point noise leaves the resource row violated, move units from the
 * worst offender to that model.  Writes pool-indexed counts.
 */
static void round_lp_counts(const struct solver *s, const struct solve_params *sp,
			    const double *lp_x, long long *count)
{
	const struct model *md = s->pool->models;
	bool primal = sp->mode == SOLVE_MAX_ACCURACY;
	size_t sink = leftover_model(s, sp);
	long long total = 0;

	memset(count, 0, s->n * sizeof *count);
	for (size_t k = 0; k < s->m; k++) {
		double x = lp_x[k];
		long long c = x <= 0 ? 0 : (long long)floor(x + 1e-7);
		if (c > sp->k - total)
			c = sp->k - total;
		count[s->kept[k]] = c;
		total += c;
	}
	count[sink] += sp->k - total;

	for (int guard = 0; guard < 64 && !counts_feasible(s, s->pool, sp, count); guard++) {
		size_t worst = sink;
		for (size_t i = 0; i < s->n; i++) {
			if (count[i] == 0 || i == sink)
				continue;
			if (worst == sink || (primal ? md[i].cost > md[worst].cost
						     : md[i].accuracy < md[worst].accuracy))
				worst = i;
		}
		if (worst == sink)
			break;
		double per = primal ? md[worst].cost - md[sink].cost
				    : md[sink].accuracy - md[worst].accuracy;
		long double need = -solve_resource_slack(s->pool, sp, count);
		long long move = per > 0 ? (long long)ceill(need / per) : count[worst];
		move = move < 1 ? 1 : move > count[worst] ? count[worst] : move;
		count[worst] -= move;
		count[sink] += move;
	}
}

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
	return counts_feasible(s, s->pool, c->sp, s->check);
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

/* Which exact path solve_exact takes (internal parameters; apart: the charges are apart). */
enum exact_path { EXACT_SUPPORTS, EXACT_FEW, EXACT_WHOLE };

static enum exact_path exact_path(const struct solver *s, const struct solve_params *sp,
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
 * test_near_tie), and nothing absolute is allowed; the search then takes
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
static struct exact_answer solve_exact(struct solver *s, const struct solve_params *sp,
				       const struct root *root, long long *count)
{
	struct exact_answer a = {SOLVE_OPTIMAL, NULL};
	double heur = counts_objective(s, sp, count);
	/* the rounded policy may break a device limit (the LP's z are fractional) */
	bool usable = counts_feasible(s, s->pool, sp, count);
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
		.resource_tol = (double)resource_tolerance(s, s->pool, sp),
		.deadline = s->deadline, .root_bound = root->value, .root_x = root->x,
		.memo = s->memo, .tlp = s->tlp, .value_tol = allowance,
	};
	switch (exact_path(s, sp, root->apart)) {
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
	if (!counts_feasible(s, s->pool, sp, count))
		return (struct exact_answer){SOLVE_FAILED,
			"numerical trouble: GLPK's policy violates a constraint"};
	return a;
}

static void finish(struct policy *out, const struct pool *pool, enum solve_outcome o,
		   const char *why)
{
	out->outcome = o;
	if (policy_has_counts(out))
		policy_evaluate(out, pool);
	else
		memset(out->count, 0, out->n * sizeof *out->count);
	if (why != NULL && out->message[0] == '\0')
		snprintf(out->message, sizeof out->message, "%s", why);
}

/*
 * The last word on an answer, in the caller's units: the counts sum to K and
 * meet the original budget (or floor) within the rounding allowance.
 */
static bool counts_feasible_orig(const struct solver *s, const struct solve_params *sp,
				 const long long *count)
{
	struct solve_params osp = *sp;
	if (osp.mode == SOLVE_MAX_ACCURACY)
		osp.budget = fmin(osp.budget, pool_max_cost(s->orig));
	return counts_feasible(s, s->orig, &osp, count);
}

/* The relaxation's figures beside the exact ones (the rounding gap). */
static void solve_relaxed(struct solver *s, const struct solve_params *sp,
			  const struct solve_params *wsp, const struct root *root,
			  struct policy *out)
{
	memcpy(s->scratch, out->count, s->n * sizeof *s->scratch);
	out->theorem_bound = solve_theorem_bound(s->orig, sp->k);
	struct exact_answer a = solve_exact(s, wsp, root, s->scratch);
	if (a.outcome == SOLVE_OPTIMAL && counts_feasible_orig(s, sp, s->scratch)) {
		struct policy tmp = {.n = s->n, .count = s->scratch, .params = *sp};
		policy_evaluate(&tmp, s->orig);
		out->exact_objective = tmp.objective;
		out->exact_accuracy = tmp.expected_accuracy;
	}
	finish(out, s->orig, counts_feasible_orig(s, sp, out->count) ? SOLVE_ROUNDED : SOLVE_FAILED,
	       "numerical trouble: the rounded LP policy is infeasible");
}

/*
 * The paper's LP relaxation (reported, and rounded by SOLVE_RELAXED) and the
 * exact search's root.  They are one LP, unless the charges are apart
 * (support_search.h): then the root is the LP with lambda 0, and the paper's
 * LP is only reported (NaN when GLPK fails on it) and rounded.
 */
static enum deploy_lp_result solve_roots(struct solver *s, const struct solve_params *sp,
					 const struct solve_params *wsp,
					 const struct solve_params *wsp0, struct root *root,
					 struct policy *out)
{
	double tol = (double)resource_tolerance(s, s->pool, wsp), paper = NAN;
	root->apart = support_charges_apart(s->pool, s->kept, s->m, wsp);
	root->glpk_sp = root->apart ? wsp0 : wsp;
	root->x = s->lp_x;
	enum deploy_lp_result lr = deploy_lp_solve(s->lp, root->glpk_sp, NULL, tol,
						   deadline_remaining_ms(s->deadline), &root->value,
						   s->lp_x);
	if (lr != DEPLOY_LP_OPTIMAL)
		return lr;
	root->bound = root->value;
	if (!root->apart) {
		paper = root->value;
	} else {
		struct support_problem p = {.pool = s->pool, .kept = s->kept, .m = s->m, .sp = wsp};
		long double least = support_least_charge(&p, NULL);
		root->bound = (double)(wsp->mode == SOLVE_MAX_ACCURACY ? root->value - least
								       : root->value + least);
		if (deploy_lp_solve(s->lp, wsp, NULL, tol, deadline_remaining_ms(s->deadline),
				    &paper, s->lp_x_paper) != DEPLOY_LP_OPTIMAL)
			paper = NAN;
		if (sp->method == SOLVE_RELAXED && isnan(paper))
			return DEPLOY_LP_FAILED;
	}
	/* in the caller's units, with the primal's constant lambda sum u back */
	long double load = 0;
	for (size_t i = 0; i < s->n && sp->mode == SOLVE_MAX_ACCURACY; i++)
		load += s->orig->models[i].load_cost;
	out->lp_bound = (double)((long double)paper * scale_objective_factor(&s->scale, sp->mode) +
				 (long double)sp->lambda * load);
	return DEPLOY_LP_OPTIMAL;
}

/* No policy meets the time row with the budget or floor (solve_time_infeasible_text). */
static void time_infeasible(struct policy *out, const struct pool *pool,
			    const struct solve_params *sp, bool whole)
{
	solve_time_infeasible_text(out->message, sizeof out->message, sp, whole);
	finish(out, pool, SOLVE_INFEASIBLE, NULL);
}

/*
 * The time row's fast path, for GLPK's branch and bound over every model
 * (--search glpk), which holds the time row only in GLPK's branch and
 * bound: first solve the problem without the time row (rate 0:
 * the same scaling, tolerances, deadline pruning, device limits and
 * objective as any solve without a rate) by the fast exact paths, then
 * test its optimum with the full constraint set, the time row included
 * (counts_feasible, the test every answer passes).  Exact: the problem with
 * the row is the one without it plus a row, so its feasible set is a
 * subset; an optimum of the larger set that lies in the subset is optimal
 * there too.  The search over supports and deploy_few do not take it: the
 * supports have deploy_near_time's box for both rows, deploy_few's bounds
 * and search hold the row, and the detour repeated the root LP, and the
 * whole solve when the row binds (measured on the time-row bench set: K 10,
 * lambda 0.1 K, rand100 re-solve 0.143 -> 0.053 ms with the row binding,
 * rpi4 0.049 -> 0.068 ms with it slack).  Writes out->count; false (today's path must run) unless the
 * relaxed solve was proven optimal and its policy passes the test.
 */
static bool solve_time_slack(struct solver *s, const struct solve_params *sp,
			     const struct solve_params *wsp, struct policy *out)
{
	struct solve_params rsp = *sp, rwsp = *wsp, rwsp0;
	rsp.rate = 0;
	rwsp.rate = 0;
	rwsp0 = rwsp;
	rwsp0.lambda = 0;
	struct root root;
	if (solve_roots(s, &rsp, &rwsp, &rwsp0, &root, out) != DEPLOY_LP_OPTIMAL)
		return false;
	round_lp_counts(s, &rwsp, s->lp_x, out->count);
	if (solve_exact(s, &rwsp, &root, out->count).outcome != SOLVE_OPTIMAL ||
	    !counts_feasible(s, s->pool, wsp, out->count) || !counts_feasible_orig(s, sp, out->count))
		return false;
	s->time_fast++;
	return true;
}

size_t solver_time_fast_count(const struct solver *s)
{
	return s->time_fast;
}

void solver_time_box_counts(const struct solver *s, size_t *boxed, size_t *declined)
{
	*boxed = *declined = 0;
	if (s->near != NULL)
		deploy_near_time_counts(s->near, boxed, declined);
}

void solver_time_lp_counts(const struct solver *s, size_t *answered, size_t *declined)
{
	time_lp_counts(s->tlp, answered, declined);
}

void solver_few_time_counts(const struct solver *s, size_t *searched, size_t *other)
{
	*searched = *other = 0;
	if (s->few != NULL)
		deploy_few_time_counts(s->few, searched, other);
}

/* One solve with GLPK's fatal errors caught; sp in the caller's units, wsp in the internal ones. */
static enum status guarded_run(struct solver *s, const struct solve_params *sp,
			       const struct solve_params *wsp, struct policy *out,
			       struct status_msg *m)
{
	glpk_quiet();
	glp_error_hook(on_glpk_error, s);
	if (setjmp(s->on_error)) {
		glp_error_hook(NULL, NULL);
		s->broken = true;
		finish(out, s->orig, SOLVE_FAILED, "GLPK failed fatally");
		return status_fail(m, ST_INTERNAL, "GLPK failed fatally; the solver cannot continue");
	}
	bool fast = sp->method != SOLVE_RELAXED && limits_time_active(sp) &&
		    exact_path(s, wsp, support_charges_apart(s->pool, s->kept, s->m, wsp)) ==
		    EXACT_WHOLE && solve_time_slack(s, sp, wsp, out);
	struct solve_params wsp0 = *wsp;
	struct root root;
	wsp0.lambda = 0;
	/* with the fast path too: the LP bound reported is the full problem's */
	enum deploy_lp_result lr = solve_roots(s, sp, wsp, &wsp0, &root, out);
	if (lr != DEPLOY_LP_OPTIMAL) {
		glp_error_hook(NULL, NULL);
		if (lr == DEPLOY_LP_TIME_LIMIT)
			finish(out, s->orig, SOLVE_TIME_LIMIT, "time limit reached in the LP relaxation");
		else if (lr == DEPLOY_LP_INFEASIBLE && limits_time_active(sp))
			time_infeasible(out, s->orig, sp, false);
		else
			finish(out, s->orig, lr == DEPLOY_LP_INFEASIBLE ? SOLVE_INFEASIBLE : SOLVE_FAILED,
			       "GLPK's simplex failed on the LP relaxation");
		return ST_OK;
	}
	if (sp->method == SOLVE_RELAXED) {
		round_lp_counts(s, wsp, root.apart ? s->lp_x_paper : s->lp_x, out->count);
		solve_relaxed(s, sp, wsp, &root, out);
	} else {
		struct exact_answer a = {SOLVE_OPTIMAL, NULL};
		if (!fast) {
			round_lp_counts(s, wsp, s->lp_x, out->count);
			a = solve_exact(s, wsp, &root, out->count);
		}
		if (a.outcome == SOLVE_OPTIMAL && !counts_feasible_orig(s, sp, out->count))
			a = (struct exact_answer){SOLVE_FAILED,
				"numerical trouble: the policy fails the check in the original units"};
		if (a.outcome == SOLVE_INFEASIBLE)
			time_infeasible(out, s->orig, sp, true);
		else
			finish(out, s->orig, a.outcome, a.why);
	}
	glp_error_hook(NULL, NULL);
	return ST_OK;
}

enum status solver_run(struct solver *s, const struct solve_params *sp, struct policy *out,
		       struct status_msg *m)
{
	double start = deadline_now();
	enum status st = solve_params_check(sp, m);
	if (st != ST_OK)
		return st;
	if (out->count == NULL || out->n != s->n)
		return status_fail(m, ST_INTERNAL, "policy not initialised for %zu models", s->n);
	if (s->broken)
		return status_fail(m, ST_INTERNAL, "the solver failed earlier and cannot continue");
	struct solve_params wsp = scale_params(&s->scale, s->pool, sp);
	long double load = 0;
	for (size_t i = 0; i < s->n; i++)
		load += s->pool->models[i].load_cost;
	/* any lambda <= 5 K with load costs <= 1e12 passes unless the accuracies
	 * (costs, for the dual) are below 1e-270 or so: say what can change */
	if (load > 0 && !((long double)wsp.lambda * load <= CHARGE_LIMIT))
		return status_fail(m, ST_USAGE, "lambda = %g is too large beside this pool's %s: "
				   "lambda x (sum of the load costs) would exceed 1e300 times "
				   "the largest of them; give the %s in a larger unit, or a "
				   "smaller --lambda", sp->lambda, sp->mode == SOLVE_MAX_ACCURACY
				   ? "accuracies" : "costs", sp->mode == SOLVE_MAX_ACCURACY
				   ? "accuracies" : "costs");

	if (limits_memory_active(sp) && !s->orig->has_memory)
		return status_fail(m, ST_DATA, "%s: a memory limit needs the models' memory "
				   "footprints, and this pool has no memory column",
				   s->orig->source ? s->orig->source : "pool");
	if (limits_need_latency(sp) && !s->orig->has_latency)
		return status_fail(m, ST_DATA, "%s: a %s needs the models' latencies, and this "
				   "pool has no latency column (--columns latency=COLUMN)",
				   s->orig->source ? s->orig->source : "pool",
				   limits_deadline_active(sp) ? "deadline" : "rate");

	long long *count = out->count;
	size_t n = out->n;
	memset(out, 0, sizeof *out);
	out->count = count;
	out->n = n;
	out->params = *sp;
	out->nearest = NAN;
	out->exact_objective = NAN;
	out->exact_accuracy = NAN;
	out->theorem_bound = NAN;
	out->lp_bound = NAN;
	memset(count, 0, n * sizeof *count);

	s->deadline = start + (sp->time_limit > 0 ? sp->time_limit : SOLVE_DEFAULT_TIME_LIMIT);
	if (!solve_infeasible_early(s->orig, sp, out))
		st = guarded_run(s, sp, &wsp, out, m);
	out->seconds = deadline_now() - start;
	return st;
}
