/*
 * support_search.c - depth-first branch and bound over the models' "used"
 * decisions: each node's bound from GLPK's LP (deploy_lp), with one
 * knapsack row from its hull (support_bound), with the time row and no
 * memory row from time_lp's simplex (GLPK's LP its fallback); GLPK solves
 * every candidate support's integer program (deploy_near, deploy_mip).  See
 * support_search.h.
 */
#include "optdeploy/core/support_search.h"

#include "optdeploy/core/deadline.h"
#include "optdeploy/core/limits.h"
#include "optdeploy/core/support_bound.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct search {
	const struct support_problem *p;
	signed char *zfix;      /* -1 free, 0 unused, 1 used */
	signed char *scratch_fix;
	bool *use;              /* candidate support */
	bool *last_use;         /* the last support solved, to skip repeats */
	bool have_last;
	long long *cand;
	double *lp_x;
	long long *best;
	double best_obj;
	bool at_root;           /* the next visit is the root (its LP is the caller's) */
	struct support_bound *hull;  /* node bounds without GLPK (one knapsack row), or NULL */
	bool best_solved;       /* best is GLPK's optimum of its support */
	enum solve_outcome outcome;
	const char *why;
};

static bool primal(const struct support_problem *p)
{
	return p->sp->mode == SOLVE_MAX_ACCURACY;
}

/*
 * A model whose use is a decision: it has a loading cost, or a device limit
 * makes every used model cost capacity.  The others are used whenever the
 * LP wants them, for free.
 */
static bool priced(const struct support_problem *p, size_t k)
{
	return p->sp->lambda * p->pool->models[p->kept[k]].load_cost > 0 || limits_active(p->sp);
}

/* The candidate support s->use meets the device limits. */
static bool use_within_limits(const struct support_problem *p, const bool *use)
{
	size_t used = 0;
	long double memory = 0;
	for (size_t k = 0; k < p->m; k++) {
		if (use[k]) {
			used++;
			memory += p->pool->models[p->kept[k]].memory;
		}
	}
	return limits_allow(p->sp, used, memory);
}

/*
 * Is `a` strictly better than `b`?  Relative 1e-15: objectives reach 1e11
 * at K = 1e9, and one inference moved between models changes them by the
 * difference of two accuracies; plus p->value_tol, 0 when a loading charge
 * is small enough to decide between supports by less (solve.c, tie_allowance).
 */
static bool better(const struct support_problem *p, double a, double b)
{
	if (isinf(b))
		return primal(p) ? b < 0 : b > 0;
	double tol = 1e-15 * fabs(b) + p->value_tol;
	return primal(p) ? a > b + tol : a < b - tol;
}

double support_objective(const struct support_problem *p, const long long *x)
{
	const struct model *md = p->pool->models;
	long double value = 0, load_used = 0;
	for (size_t k = 0; k < p->m; k++) {
		const struct model *mk = &md[p->kept[k]];
		value += (long double)x[k] * (primal(p) ? mk->accuracy : mk->cost);
		if (x[k] > 0)
			load_used += mk->load_cost;
	}
	long double charge = (long double)p->sp->lambda * load_used;
	return (double)(primal(p) ? value - charge : value + charge);
}

bool support_charges_apart(const struct pool *pool, const size_t *kept, size_t m,
			   const struct solve_params *sp)
{
	double umax = 0, vmax = 0;
	for (size_t k = 0; k < m; k++) {
		const struct model *md = &pool->models[kept[k]];
		umax = fmax(umax, md->load_cost);
		vmax = fmax(vmax, fabs(sp->mode == SOLVE_MAX_ACCURACY ? md->accuracy : md->cost));
	}
	return (long double)sp->lambda * umax / (long double)sp->k >
	       SUPPORT_CHARGE_TRUST * (long double)fmax(vmax, 1.0);
}

long double support_least_charge(const struct support_problem *p, const signed char *zfix)
{
	long double load = 0;
	double least = INFINITY;
	bool some_used = false;
	for (size_t k = 0; k < p->m; k++) {
		double u = p->pool->models[p->kept[k]].load_cost;
		if (zfix != NULL && zfix[k] == 1) {
			load += u;
			some_used = true;
		} else if (zfix == NULL || zfix[k] != 0) {
			least = fmin(least, u);
		}
	}
	if (!some_used && isfinite(least))
		load += least;
	return (long double)p->sp->lambda * load;
}

/* A bound on the node's objective from GLPK's value (charges apart: lambda 0) and the least charge. */
static double node_bound(const struct search *s, double glpk_value, long double charge)
{
	if (!s->p->charges_apart)
		return glpk_value;
	return (double)(primal(s->p) ? glpk_value - charge : glpk_value + charge);
}

/*
 * Counts sum to K, meet the resource row and the time row within the
 * solver's tolerances, and use no model the deadline rules out.
 */
static bool feasible(const struct support_problem *p, const long long *x)
{
	long double slack = 0, time_slack = 0;
	long double tau = limits_time_per_inference(p->sp);
	long long total = 0;
	for (size_t k = 0; k < p->m; k++) {
		const struct model *mk = &p->pool->models[p->kept[k]];
		if (x[k] < 0 || (x[k] > 0 && !limits_model_fits(p->sp, mk)))
			return false;
		total += x[k];
		slack += (long double)x[k] * (primal(p)
			? (long double)p->sp->budget - mk->cost
			: (long double)mk->accuracy - p->sp->min_accuracy);
		if (x[k] > 0 && limits_time_active(p->sp))
			time_slack += (long double)x[k] * (tau - mk->latency);
	}
	/* the tolerance scans the pool: only when there is a time row (plot at 1e5 models) */
	return total == p->sp->k && slack >= -(long double)p->resource_tol &&
	       (!limits_time_active(p->sp) ||
		time_slack >= -limits_time_tolerance(p->sp, p->pool));
}

static void fail(struct search *s, enum solve_outcome o, const char *why)
{
	if (s->outcome == SOLVE_OPTIMAL) {
		s->outcome = o;
		s->why = why;
	}
}

/*
 * What a policy's v.x - lambda * (its loading costs) must exceed to beat
 * the incumbent (v: accuracy, or -cost; the objective is that, or minus
 * that), widened by 1e-12 relative, far above the rounding of either side:
 * a support is passed over only when strictly worse.
 */
static double value_cutoff(const struct search *s)
{
	if (isinf(s->best_obj) || isnan(s->best_obj))
		return NAN;
	long double best = s->best_obj;
	long double margin = 1e-12L * fabsl(best) + 1e-9L;
	return (double)((primal(s->p) ? best : -best) - margin);
}

/* Solve the candidate support s->use exactly and keep it if it is better. */
static void solve_support(struct search *s)
{
	const struct support_problem *p = s->p;
	if (s->have_last && memcmp(s->use, s->last_use, p->m * sizeof *s->use) == 0)
		return;
	if (!use_within_limits(p, s->use))
		return;  /* the LP's fractional z spread over too many models: branch on */
	memcpy(s->last_use, s->use, p->m * sizeof *s->use);
	s->have_last = true;

	enum deploy_near_result r = DEPLOY_NEAR_NO_BOX;
	if (p->near != NULL)
		r = deploy_near_solve_above(p->near, p->glpk_sp, s->use, p->resource_tol,
					    value_cutoff(s), p->sp->lambda,
					    deadline_remaining_ms(p->deadline), s->cand);
	if (r == DEPLOY_NEAR_NO_BOX) {
		/* its cutoff is an objective with the charges: not when GLPK sees none */
		switch (deploy_mip_solve(p->mip, p->glpk_sp, s->use, p->resource_tol, NULL,
					 p->charges_apart ? NAN : s->best_obj,
					 deadline_remaining_ms(p->deadline), s->cand)) {
		case DEPLOY_MIP_OPTIMAL: r = DEPLOY_NEAR_OPTIMAL; break;
		case DEPLOY_MIP_INFEASIBLE: r = DEPLOY_NEAR_INFEASIBLE; break;
		case DEPLOY_MIP_TIME_LIMIT: r = DEPLOY_NEAR_TIME_LIMIT; break;
		case DEPLOY_MIP_FAILED: r = DEPLOY_NEAR_FAILED; break;
		}
	}
	switch (r) {
	case DEPLOY_NEAR_OPTIMAL:
		break;
	case DEPLOY_NEAR_INFEASIBLE:
		return;  /* these models cannot meet the constraint on their own */
	case DEPLOY_NEAR_BEATEN:
		return;  /* its LP bound cannot beat the incumbent */
	case DEPLOY_NEAR_TIME_LIMIT:
		fail(s, SOLVE_TIME_LIMIT, "time limit reached before optimality was proven");
		return;
	case DEPLOY_NEAR_FAILED:
	case DEPLOY_NEAR_NO_BOX:
		fail(s, SOLVE_FAILED, "GLPK's branch and bound failed");
		return;
	}
	if (!feasible(p, s->cand)) {
		fail(s, SOLVE_FAILED, "numerical trouble: GLPK's policy violates a constraint");
		return;
	}
	double obj = support_objective(p, s->cand);
	if (better(p, obj, s->best_obj)) {
		s->best_obj = obj;
		s->best_solved = true;
		memcpy(s->best, s->cand, p->m * sizeof *s->best);
	}
}

/* A node's LP: time_lp's rigorous bound when it answers, else GLPK's. */
static enum deploy_lp_result node_lp(struct search *s, const struct solve_params *sp,
				     const signed char *zfix, double *value)
{
	const struct support_problem *p = s->p;
	if (p->tlp != NULL && time_lp_applies(sp)) {
		switch (time_lp_solve(p->tlp, sp, zfix, p->resource_tol, value, s->lp_x)) {
		case TIME_LP_BOUND: return DEPLOY_LP_OPTIMAL;
		case TIME_LP_INFEASIBLE: return DEPLOY_LP_INFEASIBLE;
		case TIME_LP_UNSURE: break;
		}
	}
	return deploy_lp_solve(p->lp, sp, zfix, p->resource_tol,
			       deadline_remaining_ms(p->deadline), value, s->lp_x);
}

/* The free priced model to branch on: the one the LP uses most, else any. */
static size_t choose_branch(const struct search *s)
{
	size_t pick = s->p->m;
	for (size_t k = 0; k < s->p->m; k++) {
		if (s->zfix[k] != -1 || !priced(s->p, k))
			continue;
		if (pick == s->p->m || s->lp_x[k] > s->lp_x[pick])
			pick = k;
	}
	return pick;
}

/*
 * The LP uses none of the free priced models, and the candidate (this node
 * without them) was solved exactly.  Branching on them one by one costs an
 * LP each; first bound every policy that uses at least one of them: its
 * accuracy is at most the LP's over all allowed models with their loading
 * charged, and it keeps at most the credit of all free models but the
 * cheapest to load (for the dual: it pays at least that cheapest one).  False when that bound cannot beat the incumbent.
 */
static bool some_free_model_can_help(struct search *s, double node_value)
{
	const struct support_problem *p = s->p;
	long double credit = 0;
	double min_load = INFINITY;
	/* forcing every free model in could break a device limit that a subset
	 * meets: no bound from that LP, branch instead */
	if (limits_active(p->sp))
		return true;
	if (p->charges_apart) {
		/* the node's value bound, and the forced models' charge plus the
		 * cheapest free priced model's (such a policy uses one at least) */
		long double charge = support_least_charge(p, s->zfix);
		bool none_forced = true;
		for (size_t k = 0; k < p->m; k++) {
			double u = p->pool->models[p->kept[k]].load_cost;
			none_forced = none_forced && s->zfix[k] != 1;
			if (s->zfix[k] == -1 && priced(p, k))
				min_load = fmin(min_load, u);
		}
		if (!isfinite(min_load))
			return false;
		if (none_forced)  /* least_charge counted the cheapest allowed model instead */
			charge = 0;
		charge += (long double)p->sp->lambda * min_load;
		return better(p, node_bound(s, node_value, charge), s->best_obj);
	}
	for (size_t k = 0; k < p->m; k++) {
		if (s->zfix[k] != -1 || !priced(p, k))
			continue;
		double u = p->pool->models[p->kept[k]].load_cost;
		credit += u;
		min_load = fmin(min_load, u);
		s->zfix[k] = 2;  /* marked: forced used for this LP only */
	}
	for (size_t k = 0; k < p->m; k++)
		s->scratch_fix[k] = s->zfix[k] == 2 ? 1 : s->zfix[k];
	double bound;
	enum deploy_lp_result r = node_lp(s, p->sp, s->scratch_fix, &bound);
	for (size_t k = 0; k < p->m; k++)
		if (s->zfix[k] == 2)
			s->zfix[k] = -1;
	if (r == DEPLOY_LP_INFEASIBLE)
		return false;
	if (r != DEPLOY_LP_OPTIMAL)
		return true;  /* no bound: fall back to branching */
	double lambda = p->sp->lambda;
	/* the LP charged every free model; such a policy pays for one at least */
	double refund = (double)(lambda * (credit - min_load));
	bound += primal(p) ? refund : -refund;
	return better(p, bound, s->best_obj);
}

/* A node's bounds: on all its policies, and on those using a free priced model. */
struct node {
	double value;        /* GLPK's LP value (the GLPK path's some_free_model_can_help) */
	double bound, some_free;
};

/*
 * With the time row, a bound on the node's policies that use a free priced
 * model: time_lp's LP with every model uncharged (the decided ones' charges
 * kept), less the smallest charge such a policy pays on top.  The LP's
 * fractional charges (lambda u_k x_k / K) are small beside one whole
 * charge; this bound is not, and it often shows that only the decided
 * models can beat the incumbent (visit).  Left at the node's bound when
 * time_lp declines.
 */
static void uncharged_bound(struct search *s, struct node *nd)
{
	const struct support_problem *p = s->p;
	if (p->tlp == NULL || !time_lp_applies(p->glpk_sp) || !(p->sp->lambda > 0))
		return;
	double least = INFINITY;
	for (size_t k = 0; k < p->m; k++)
		if (s->zfix[k] == -1 && priced(p, k))
			least = fmin(least, p->pool->models[p->kept[k]].load_cost);
	if (!isfinite(least))
		return;
	long double charge = (long double)p->sp->lambda * least;
	/* the uncharged LP's optimum is at least the node's: when the node's
	 * bound less the charge still beats the incumbent, this bound would
	 * hardly prune; its LP is skipped (the node's bound stays, valid for
	 * these policies too) */
	long double floor_sf = primal(p) ? nd->bound - charge : nd->bound + charge;
	if (!p->charges_apart && better(p, (double)floor_sf, s->best_obj))
		return;
	double value;
	if (time_lp_solve_uncharged(p->tlp, p->glpk_sp, s->zfix, p->resource_tol, &value) !=
	    TIME_LP_BOUND)
		return;
	if (p->charges_apart) {
		/* GLPK's LP had no charges: the decided models' go on top */
		for (size_t k = 0; k < p->m; k++)
			if (s->zfix[k] == 1)
				charge += (long double)p->sp->lambda *
					  p->pool->models[p->kept[k]].load_cost;
	}
	/* rounded outward: a bound on the problem's side of its long double */
	long double sf = primal(p) ? value - charge : value + charge;
	nd->some_free = (double)sf;
	if (primal(p) ? (long double)nd->some_free < sf : (long double)nd->some_free > sf)
		nd->some_free = nextafter(nd->some_free, primal(p) ? INFINITY : -INFINITY);
}

/*
 * The policies of the decided models alone (the node with every free
 * priced model unused): their LP can beat the incumbent.  True when
 * unsure (no bound), so the support is then solved.
 */
static bool decided_can_help(struct search *s)
{
	const struct support_problem *p = s->p;
	for (size_t k = 0; k < p->m; k++)
		s->scratch_fix[k] = s->zfix[k] == -1 && priced(p, k) ? 0 : s->zfix[k];
	double value;
	switch (node_lp(s, p->glpk_sp, s->scratch_fix, &value)) {
	case DEPLOY_LP_OPTIMAL:
		break;
	case DEPLOY_LP_INFEASIBLE:
		return false;
	default:
		return true;
	}
	long double charge = p->charges_apart ? support_least_charge(p, s->scratch_fix) : 0;
	return better(p, node_bound(s, value, charge), s->best_obj);
}

/* GLPK's LP relaxation of the node; false when the node is done (infeasible, or failed). */
static bool glpk_node(struct search *s, struct node *nd)
{
	const struct support_problem *p = s->p;
	enum deploy_lp_result r = DEPLOY_LP_OPTIMAL;
	if (s->at_root && p->root_x != NULL) {
		nd->value = p->root_bound;
		memcpy(s->lp_x, p->root_x, p->m * sizeof *s->lp_x);
	} else {
		r = node_lp(s, p->glpk_sp, s->zfix, &nd->value);
	}
	switch (r) {
	case DEPLOY_LP_OPTIMAL:
		break;
	case DEPLOY_LP_INFEASIBLE:
		return false;
	case DEPLOY_LP_TIME_LIMIT:
		fail(s, SOLVE_TIME_LIMIT, "time limit reached before optimality was proven");
		return false;
	case DEPLOY_LP_FAILED:
		fail(s, SOLVE_FAILED, "GLPK's simplex failed on an LP relaxation");
		return false;
	}
	nd->bound = node_bound(s, nd->value,
			       p->charges_apart ? support_least_charge(p, s->zfix) : 0);
	nd->some_free = nd->bound;
	if (better(p, nd->bound, s->best_obj))
		uncharged_bound(s, nd);
	return true;
}

/* The candidate support can hold a policy better than the incumbent (always on the GLPK path). */
static bool candidate_can_help(struct search *s)
{
	return s->hull == NULL || better(s->p, support_bound_set(s->hull, s->use), s->best_obj);
}

static void visit(struct search *s)
{
	const struct support_problem *p = s->p;
	if (s->outcome != SOLVE_OPTIMAL)
		return;
	if (deadline_now() >= p->deadline) {
		fail(s, SOLVE_TIME_LIMIT, "time limit reached before optimality was proven");
		return;
	}
	struct node nd;
	if (s->hull != NULL) {
		struct support_node_bound nb;
		support_bound_node(s->hull, s->zfix, &nb, s->lp_x);
		if (!nb.feasible)
			return;
		nd = (struct node){.bound = nb.all, .some_free = nb.some_free};
	} else if (!glpk_node(s, &nd)) {
		return;
	}
	s->at_root = false;
	if (s->hull == NULL && better(p, nd.bound, s->best_obj) &&
	    !better(p, nd.some_free, s->best_obj)) {
		/* only a policy of the decided (and unpriced) models can beat
		 * the incumbent: that one support, and no branching */
		bool any = false;
		for (size_t k = 0; k < p->m; k++) {
			s->use[k] = s->zfix[k] == 1 || (s->zfix[k] == -1 && !priced(p, k));
			any = any || s->use[k];
		}
		if (any && decided_can_help(s))
			solve_support(s);
		return;
	}
	if (!better(p, nd.bound, s->best_obj))
		return;

	/* candidate: the decided models, the free ones the LP uses, and every
	 * unpriced model (using those costs nothing) */
	for (size_t k = 0; k < p->m; k++)
		s->use[k] = s->zfix[k] == 1 ||
			    (s->zfix[k] == -1 && (!priced(p, k) || s->lp_x[k] > 1e-9));
	if (candidate_can_help(s))
		solve_support(s);
	if (!better(p, nd.bound, s->best_obj))
		return;

	size_t f = choose_branch(s);
	if (f == p->m)
		return;  /* every priced model decided: the candidate was this node's optimum */
	if (s->lp_x[f] <= 1e-9 && !(s->hull != NULL ? better(p, nd.some_free, s->best_obj)
						      : some_free_model_can_help(s, nd.value)))
		return;
	s->zfix[f] = 1;
	visit(s);
	s->zfix[f] = 0;
	visit(s);
	s->zfix[f] = -1;
}

struct support_memo {
	size_t m;
	bool have;
	bool *use;
};

struct support_memo *support_memo_new(size_t m)
{
	struct support_memo *memo = calloc(1, sizeof *memo);
	if (memo == NULL)
		return NULL;
	memo->m = m;
	memo->use = calloc(m ? m : 1, sizeof *memo->use);
	if (memo->use == NULL) {
		free(memo);
		return NULL;
	}
	return memo;
}

void support_memo_free(struct support_memo *memo)
{
	if (memo == NULL)
		return;
	free(memo->use);
	free(memo);
}

/*
 * The last search's optimal support, solved first: at the next budget level
 * or slider step its optimum is often the new one, and the search then
 * prunes from its first node.
 */
static void solve_memo(struct search *s)
{
	const struct support_problem *p = s->p;
	const struct support_memo *memo = p->memo;
	if (memo == NULL || !memo->have || memo->m != p->m)
		return;
	bool any = false, decisions = false;
	for (size_t k = 0; k < p->m; k++) {
		s->use[k] = memo->use[k] && s->zfix[k] != 0;
		any = any || s->use[k];
		decisions = decisions || (s->zfix[k] != 0 && priced(p, k));
	}
	/* with no model's use to decide, the root's candidate is every model */
	if (any && decisions && candidate_can_help(s))
		solve_support(s);
}

/*
 * Every answer is GLPK's optimum of its support: when the incumbent the
 * caller gave (the rounded LP policy) was never beaten, the hull's bounds
 * alone proved it, so GLPK solves its support too.
 */
static void solve_incumbent_support(struct search *s)
{
	const struct support_problem *p = s->p;
	double given = s->best_obj;
	for (size_t k = 0; k < p->m; k++)
		s->use[k] = s->best[k] > 0;
	s->best_obj = primal(p) ? -INFINITY : INFINITY;
	s->have_last = false;
	solve_support(s);
	if (s->outcome == SOLVE_OPTIMAL && (!s->best_solved || better(p, given, s->best_obj)))
		fail(s, SOLVE_FAILED, "GLPK's optimum of a support is below a policy it holds");
}

/* The search proper, on allocated state. */
static void search_run(struct search *s)
{
	const struct support_problem *p = s->p;
	memset(s->zfix, -1, p->m * sizeof *s->zfix);
	for (size_t k = 0; k < p->m; k++)
		if (!limits_model_fits(p->sp, &p->pool->models[p->kept[k]]))
			s->zfix[k] = 0;  /* too big for the memory limit on its own */
	if (s->hull != NULL || (p->tlp != NULL && time_lp_applies(p->sp)))
		solve_memo(s);
	visit(s);
	if (s->outcome == SOLVE_OPTIMAL && s->hull != NULL && isfinite(s->best_obj) &&
	    !s->best_solved)
		solve_incumbent_support(s);
	if (s->outcome == SOLVE_OPTIMAL && isinf(s->best_obj) && limits_time_active(p->sp)) {
		/* two rows: the LP can mix models no whole number of
		 * inferences can; every support was proven empty */
		s->outcome = SOLVE_INFEASIBLE;
		s->why = "no policy of whole inferences meets the time row";
	} else if (s->outcome == SOLVE_OPTIMAL && isinf(s->best_obj)) {
		s->outcome = SOLVE_FAILED;
		s->why = "GLPK found no integer policy although a feasible one exists";
	}
	if (s->outcome == SOLVE_OPTIMAL && p->memo != NULL && p->memo->m == p->m) {
		for (size_t k = 0; k < p->m; k++)
			p->memo->use[k] = s->best[k] > 0;
		p->memo->have = true;
	}
}

enum solve_outcome support_search(const struct support_problem *p, long long *best,
				  double *best_obj, const char **why)
{
	struct search s = {.p = p, .best = best, .best_obj = *best_obj, .at_root = true,
			   .outcome = SOLVE_OPTIMAL};
	size_t m = p->m ? p->m : 1;
	s.zfix = malloc(m * sizeof *s.zfix);
	s.scratch_fix = malloc(m * sizeof *s.scratch_fix);
	s.use = calloc(m, sizeof *s.use);
	s.last_use = calloc(m, sizeof *s.last_use);
	s.cand = calloc(m, sizeof *s.cand);
	s.lp_x = calloc(m, sizeof *s.lp_x);
	/* lambda 0: no use to decide, the root's candidate is the answer */
	bool hull = support_bound_applies(p->sp) && p->sp->lambda > 0;
	if (hull)
		s.hull = support_bound_new(p);
	if (s.zfix == NULL || s.scratch_fix == NULL || s.use == NULL || s.last_use == NULL ||
	    s.cand == NULL || s.lp_x == NULL || (hull && s.hull == NULL)) {
		s.outcome = SOLVE_FAILED;
		s.why = "out of memory";
	} else {
		search_run(&s);
	}
	*best_obj = s.best_obj;
	*why = s.why;
	support_bound_free(s.hull);
	free(s.zfix);
	free(s.scratch_fix);
	free(s.use);
	free(s.last_use);
	free(s.cand);
	free(s.lp_x);
	return s.outcome;
}
