/*
 * solve.c - the solver object: validates parameters, answers infeasible
 * inputs, prunes dominated models, rounds the paper's LP relaxation
 * (deploy_lp.c), and hands the exact problem to solve_exact.c (the search
 * over supports, deploy_few, or GLPK's branch and bound over every model),
 * where GLPK solves every bound and every integer program.  Its state is in
 * solver_state.h, shared with solve_exact.c only.
 *
 * Every answer is checked against its counts before it is reported: the
 * counts sum to K and meet the resource row in long double arithmetic, and
 * every figure is recomputed from them (policy.c).  GLPK's terminal output
 * is off, and its fatal-error hook jumps back here instead of aborting.
 */
#include "optdeploy/core/solve.h"
#include "optdeploy/core/solver_state.h"

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
long double solver_resource_tolerance(const struct solver *s, const struct pool *pool,
				      const struct solve_params *sp)
{
	bool primal = sp->mode == SOLVE_MAX_ACCURACY;
	return solve_resource_tolerance(sp, s->rscale[pool == s->orig][primal]);
}

/* solve_counts_feasible for s->pool or s->orig. */
bool solver_counts_feasible(const struct solver *s, const struct pool *pool,
			    const struct solve_params *sp, const long long *count)
{
	return solve_counts_feasible(pool, sp, count, solver_resource_tolerance(s, pool, sp));
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

	for (int guard = 0; guard < 64 && !solver_counts_feasible(s, s->pool, sp, count); guard++) {
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
	return solver_counts_feasible(s, s->orig, &osp, count);
}

/* The relaxation's figures beside the exact ones (the rounding gap). */
static void solve_relaxed(struct solver *s, const struct solve_params *sp,
			  const struct solve_params *wsp, const struct root *root,
			  struct policy *out)
{
	memcpy(s->scratch, out->count, s->n * sizeof *s->scratch);
	out->theorem_bound = solve_theorem_bound(s->orig, sp->k);
	struct exact_answer a = solver_solve_exact(s, wsp, root, s->scratch);
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
	double tol = (double)solver_resource_tolerance(s, s->pool, wsp), paper = NAN;
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
 * (solver_counts_feasible, the test every answer passes).  Exact: the problem with
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
	if (solver_solve_exact(s, &rwsp, &root, out->count).outcome != SOLVE_OPTIMAL ||
	    !solver_counts_feasible(s, s->pool, wsp, out->count) || !counts_feasible_orig(s, sp, out->count))
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
		    solver_exact_path(s, wsp, support_charges_apart(s->pool, s->kept, s->m, wsp)) ==
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
			a = solver_solve_exact(s, wsp, &root, out->count);
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
