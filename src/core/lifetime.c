/*
 * lifetime.c - the longest run a battery allows at an accuracy floor, found
 * by exact dual solves over K.
 *
 * Why a search over K is exact.  Let E(K) be the least total cost of K
 * inferences with expected accuracy >= P (lambda = 0), and x an optimal
 * policy for K + 1: sum x = K + 1, sum p_i x_i >= P (K + 1).  Take one
 * inference away from a used model i, chosen with p_i <= P when the policy
 * uses such a model.  If it does, the K that remain have accuracy sum
 * >= P (K + 1) - p_i >= P K; if it does not, every remaining inference has
 * p > P and the sum is > P K.  Either way the K inferences are a feasible
 * policy for K that costs c_i >= 0 less, so E(K) <= E(K + 1) - c_i <= E(K + 1).
 * The device limits (--max-models, --memory) do not break this: removing
 * one inference never adds a model to the set used, so the K that remain
 * meet every limit the K + 1 met.  With limits the floor can be out of
 * reach at every K (no model that fits the memory limit on its own is
 * accurate enough, and any feasible policy uses such a model, which could
 * then serve alone): that is decided once, before the search, as for a
 * floor above the best model.
 * The idle energy idle x K / rate grows with K too, so the total
 * T(K) = E(K) x unit + idle x K / rate is non-decreasing and the K that fit
 * are exactly 1 .. K*.  (With lambda > 0 the dual's optimum trades energy
 * for fewer loaded models and its energy is not monotone; that is why the
 * energy test uses lambda = 0, the least energy.)
 *
 * The LP relaxation gives E(K) >= K e (e: the LP's cost per inference,
 * scale-free at lambda = 0), so K* <= battery / (e unit + idle / rate), and
 * the integer policy is within a few inferences' cost of K e: K* lies just
 * below that estimate.  The search gallops from it with exact solves until
 * it brackets K* (a fitting K, a non-fitting K), then bisects; every K it
 * reports was solved exactly, and so was K + 1.
 *
 * The time row of a rate (limits.h) breaks the argument: the inference
 * taken away must have p_i <= P and t_i >= tau at once, and there may be
 * none (an accurate slow model mixed with a fast poor one: K = 1 can be
 * infeasible where K = 2 fits).  The LP bound still holds at every K (its
 * rows are per inference), so no K above K_LP = battery / (e unit + idle /
 * rate) fits.  With the row, after the search every K from the bracket up
 * to K_LP is solved exactly as well (a few: the integer policy is within a
 * few inferences' cost of the LP), and the answer is the largest that fits;
 * when more than LIFETIME_SCAN_MAX would be needed there is no answer.
 */
#include "optdeploy/core/lifetime.h"

#include "optdeploy/core/limits.h"
#include "optdeploy/core/solve_checks.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define LIFETIME_SCAN_MAX 200  /* exact solves above the bracket with the time row */

/* The search state: the solver, the problem, and the probe's scratch policy. */
struct search {
	struct solver *s;
	const struct battery_params *bp;
	struct solve_params sp;
	struct policy scratch;
	struct policy *out;     /* receives the policy of the largest fitting K so far */
	struct lifetime_result *r;
	long long lo;           /* largest K known to fit */
	long long hi;           /* smallest K known not to fit; SOLVE_K_MAX + 1 if none */
	double hi_j;            /* T(hi) when known */
};

enum probe { PROBE_FITS, PROBE_SHORT, PROBE_NO_ANSWER };

static double total_j(const struct search *x, long long k, double total_cost)
{
	return x->bp->battery_j - battery_left_j(x->bp, battery_duration_s(x->bp, k), total_cost);
}

/* One exact solve at k; a fitting K's policy becomes the answer so far. */
static enum probe probe(struct search *x, long long k, enum status *st, struct status_msg *m)
{
	struct policy *p = &x->scratch;
	x->sp.k = k;
	*st = solver_run(x->s, &x->sp, p, m);
	x->r->solves++;
	if (*st != ST_OK) {
		x->r->stopped_by = SOLVE_FAILED;
		return PROBE_NO_ANSWER;
	}
	if (p->outcome == SOLVE_INFEASIBLE && limits_time_active(&x->sp)) {
		/* no policy of k whole inferences keeps up: k does not fit */
		if (k < x->hi) {
			x->hi = k;
			x->hi_j = NAN;
		}
		return PROBE_SHORT;
	}
	if (p->outcome != SOLVE_OPTIMAL) {
		x->r->stopped_by = p->outcome == SOLVE_TIME_LIMIT ? SOLVE_TIME_LIMIT : SOLVE_FAILED;
		snprintf(x->r->message, sizeof x->r->message, "K = %lld: the solver gave no proven "
			 "optimum (%s%s%.120s)", k, solve_outcome_name(p->outcome),
			 p->message[0] ? ": " : "", p->message);
		return PROBE_NO_ANSWER;
	}
	if (!battery_fits(x->bp, k, p->total_cost)) {
		if (k < x->hi) {
			x->hi = k;
			x->hi_j = total_j(x, k, p->total_cost);
		}
		return PROBE_SHORT;
	}
	if (k > x->lo) {
		long long *keep = x->out->count;
		*x->out = *p;
		x->out->count = keep;
		memcpy(keep, p->count, p->n * sizeof *keep);
		x->lo = k;
	}
	return PROBE_FITS;
}

/* Where the LP says the battery runs out; 1 .. SOLVE_K_MAX. */
static long long estimate(const struct search *x, double lp_cost_per_inference)
{
	long double per = (long double)lp_cost_per_inference * x->bp->cost_unit_j +
			  (long double)x->bp->idle_w * battery_duration_s(x->bp, 1);
	long double k = per > 0 ? (long double)x->bp->battery_j / per : (long double)SOLVE_K_MAX;
	if (!(k >= 1))
		return 1;
	return k >= (long double)SOLVE_K_MAX ? SOLVE_K_MAX : (long long)k;
}

/*
 * Gallop from the guess with doubling steps: up while K fits (until one does
 * not, or the cap), down while K does not (until one does, or K = lo).
 * Afterwards lo fits and hi does not (or lo is the cap).
 */
static enum probe bracket(struct search *x, long long guess, enum status *st,
			  struct status_msg *m)
{
	enum probe pr = guess > x->lo ? probe(x, guess, st, m) : PROBE_FITS;
	long long step = 1;
	if (pr == PROBE_FITS) {
		while (pr == PROBE_FITS && x->lo < SOLVE_K_MAX && x->hi > SOLVE_K_MAX) {
			long long t = x->lo + step > SOLVE_K_MAX ? SOLVE_K_MAX : x->lo + step;
			step *= 2;
			pr = probe(x, t, st, m);
		}
	} else {
		while (pr == PROBE_SHORT && x->hi - step > x->lo) {
			pr = probe(x, x->hi - step, st, m);
			step *= 2;
		}
	}
	return pr == PROBE_NO_ANSWER ? PROBE_NO_ANSWER : PROBE_FITS;
}

static void fill_found(struct search *x)
{
	struct lifetime_result *r = x->r;
	r->k = x->lo;
	r->duration_s = battery_duration_s(x->bp, x->lo);
	r->inference_j = x->out->total_cost * x->bp->cost_unit_j;
	r->idle_j = x->bp->idle_w * r->duration_s;
	r->left_j = battery_left_j(x->bp, r->duration_s, x->out->total_cost);
	r->next_j = x->hi <= SOLVE_K_MAX ? x->hi_j : NAN;
	r->outcome = x->lo >= SOLVE_K_MAX ? LIFETIME_AT_CAP : LIFETIME_FOUND;
}

/* With the time row, the LP itself has no policy: none at any K. */
static void lp_infeasible(struct search *x)
{
	x->r->outcome = LIFETIME_INFEASIBLE;
	snprintf(x->r->message, sizeof x->r->message, "%s", x->scratch.message[0]
		 ? x->scratch.message : "infeasible: no policy meets the floor and the time row");
}

/* With the time row, no K up to the LP's bound fits. */
static void no_k_fits(struct search *x)
{
	x->r->outcome = LIFETIME_NOT_ONE;
	snprintf(x->r->message, sizeof x->r->message, "no number of inferences fits: at accuracy "
		 ">= %.10g no K up to the LP's bound meets the time row within the battery",
		 x->sp.min_accuracy);
}

/*
 * The time row: every K above the bracket up to the LP's bound, solved
 * exactly (see the top of the file).  The LP's cost per inference is
 * GLPK's, so the bound gets a little room.
 */
static enum probe scan_to_bound(struct search *x, double lp_per_inference, enum status *st,
				struct status_msg *m)
{
	long long top = estimate(x, lp_per_inference * (1 - 1e-9));
	top = top < SOLVE_K_MAX ? top + 1 : SOLVE_K_MAX;
	long long from = x->lo + 1;
	if (top - from + 1 > LIFETIME_SCAN_MAX) {
		snprintf(x->r->message, sizeof x->r->message, "with the time row the lifetime "
			 "is proven only by solving every K from %lld to %lld exactly, more than "
			 "%d solves", from, top, LIFETIME_SCAN_MAX);
		x->r->stopped_by = SOLVE_TIME_LIMIT;
		return PROBE_NO_ANSWER;
	}
	long long known_short = x->hi;
	for (long long k = from; k <= top; k++)
		if (k != known_short && probe(x, k, st, m) == PROBE_NO_ANSWER)
			return PROBE_NO_ANSWER;
	/* the answer's K + 1 (short: scanned, or beyond the bound), for its figure */
	x->hi = SOLVE_K_MAX + 1;
	x->hi_j = NAN;
	return x->lo < SOLVE_K_MAX ? probe(x, x->lo + 1, st, m) : PROBE_FITS;
}

/* The search proper, once K = 1 is known to fit (or, with the time row, from the bound). */
static enum status search_k(struct search *x, double lp_per_inference, struct status_msg *m)
{
	enum status st = ST_OK;
	enum probe pr = bracket(x, estimate(x, lp_per_inference), &st, m);
	while (pr != PROBE_NO_ANSWER && x->hi <= SOLVE_K_MAX && x->hi - x->lo > 1)
		pr = probe(x, x->lo + (x->hi - x->lo) / 2, &st, m);
	if (pr != PROBE_NO_ANSWER && limits_time_active(&x->sp) && x->lo < SOLVE_K_MAX)
		pr = scan_to_bound(x, lp_per_inference, &st, m);
	if (pr == PROBE_FITS && x->lo < SOLVE_K_MAX && x->hi != x->lo + 1)
		pr = PROBE_NO_ANSWER;  /* K + 1 fits although the LP bound says no: numerical */
	if (pr == PROBE_NO_ANSWER)
		x->r->outcome = LIFETIME_NO_ANSWER;
	else if (x->lo == 0)
		no_k_fits(x);
	else
		fill_found(x);
	return st;
}

/* Not even K = 1 fits: say what one inference needs. */
static void not_one(struct search *x)
{
	char need[32], bat[32];
	units_format_energy(need, sizeof need, total_j(x, 1, x->scratch.total_cost));
	units_format_energy(bat, sizeof bat, x->bp->battery_j);
	x->r->outcome = LIFETIME_NOT_ONE;
	snprintf(x->r->message, sizeof x->r->message, "not even one inference fits: at accuracy "
		 ">= %.10g it needs %s (with the idle draw), the battery holds %s",
		 x->sp.min_accuracy, need, bat);
}

enum status lifetime_run(struct solver *s, const struct pool *pool,
			 const struct battery_params *bp, double min_accuracy,
			 const struct solve_params *limits, struct policy *out,
			 struct lifetime_result *r, struct status_msg *m)
{
	struct search x = { .s = s, .bp = bp, .out = out, .r = r, .lo = 0,
			    .hi = SOLVE_K_MAX + 1, .hi_j = NAN };
	enum status st = battery_params_check(bp, m);
	memset(r, 0, sizeof *r);
	r->min_accuracy = min_accuracy;
	r->k = 0;
	r->next_j = NAN;
	x.sp = solve_params_default();
	x.sp.mode = SOLVE_MIN_COST;
	x.sp.min_accuracy = min_accuracy;
	x.sp.lambda = 0;
	x.sp.k = 1;
	x.sp.time_limit = limits->time_limit;
	x.sp.max_models = limits->max_models;
	x.sp.memory_limit = limits->memory_limit;
	x.sp.deadline = limits->deadline;
	x.sp.rate = limits->rate;
	x.sp.duty_cycle = limits->duty_cycle;
	if (st == ST_OK)
		st = solve_params_check(&x.sp, m);
	if (st == ST_OK)
		st = policy_init(&x.scratch, pool->n, m);
	if (st != ST_OK)
		return st;
	enum probe pr;
	if (solve_infeasible_early(pool, &x.sp, &x.scratch)) {  /* the same at every K */
		r->outcome = LIFETIME_INFEASIBLE;
		snprintf(r->message, sizeof r->message, "%s", x.scratch.message);
		policy_free(&x.scratch);
		return ST_OK;
	}
	pr = probe(&x, 1, &st, m);
	bool timed = limits_time_active(&x.sp);
	if (pr == PROBE_NO_ANSWER)
		r->outcome = LIFETIME_NO_ANSWER;
	else if (timed && pr == PROBE_SHORT && !isfinite(x.scratch.lp_bound))
		lp_infeasible(&x);
	else if (pr == PROBE_SHORT && !timed)
		not_one(&x);
	else
		st = search_k(&x, x.scratch.lp_bound, m);  /* lp_bound at K = 1: cost per inference */
	policy_free(&x.scratch);
	return st;
}

const char *lifetime_outcome_name(enum lifetime_outcome o)
{
	switch (o) {
	case LIFETIME_FOUND: return "found";
	case LIFETIME_AT_CAP: return "at_cap";
	case LIFETIME_NOT_ONE: return "not_one";
	case LIFETIME_INFEASIBLE: return "infeasible";
	case LIFETIME_NO_ANSWER: return "no_answer";
	}
	return "no_answer";
}

void lifetime_default_range(const struct pool *pool, const struct solve_params *limits,
			    double *from, double *to)
{
	size_t cheap = pool->n, best = pool->n;

	/* max models >= 1 never lowers the best floor (one model suffices); memory can */
	for (size_t i = 0; i < pool->n; i++) {
		const struct model *md = &pool->models[i];
		if (limits != NULL && !limits_model_fits(limits, md))
			continue;
		if (cheap == pool->n || md->cost < pool->models[cheap].cost ||
		    (md->cost == pool->models[cheap].cost &&
		     md->accuracy > pool->models[cheap].accuracy))
			cheap = i;
		if (best == pool->n || md->accuracy > pool->models[best].accuracy)
			best = i;
	}
	if (cheap == pool->n) {  /* nothing fits: every floor is infeasible, each says why */
		cheap = pool_cheapest(pool);
		best = pool_most_accurate(pool);
	}
	*from = pool->models[cheap].accuracy;
	*to = pool->models[best].accuracy;
}
