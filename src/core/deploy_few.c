/*
 * deploy_few.c - small K: leave out every model no policy using it can beat
 * the incumbent with, and let GLPK solve and prove the rest (deploy_few.h).
 *
 * In the unified form of deploy_near.c (primal: w = cost, v = accuracy,
 * W = budget K; dual: w = -accuracy, v = -cost, W = -floor K; W widened by
 * the resource tolerance), a policy's value is sum v x - sum of the charges
 * lambda u of the models it uses (the primal's constant lambda times the
 * whole pool's load is left out, as support_objective leaves it out).  Let f(a) be the LP hull of the allowed models: the best
 * value per inference of any mix whose average w is at most a (-inf below
 * the smallest w).  A policy that puts exactly j >= 1 inferences on model k
 * has value at most
 *
 *   g_k(j) = j v_k + (K - j) f((W - j w_k) / (K - j)) - lambda u_min,k   (j < K)
 *   g_k(K) = K v_k                                                     (W >= K w_k)
 *
 * minus lambda u_k: the other K - j inferences are a policy of K - j over
 * budget W - j w_k whose value per inference no mix beats, and when there
 * are any they use one other model at least, which costs at least the
 * cheapest other charge u_min,k.  g_k is concave on 1..K-1 (j v_k plus the
 * perspective of the concave f at affine arguments), so a ternary search
 * finds its maximum; floating-point noise there moves the result by at most
 * K times that noise, far inside the tolerance the threshold allows.  Rows
 * beyond these two (device limits, ...) are relaxed, so the bound holds with
 * them too.
 *
 * A model whose bound is below the incumbent's value appears in no policy
 * at least as good as the incumbent; the few models left (FEW_MAX_MODELS
 * at most) hold the optimum.  few_search.c finds it over them exactly,
 * relaxing every row but these two, and GLPK then certifies it: the exact
 * program of its support (deploy_near's box, else deploy_mip), which must
 * find a policy exactly as good, is the answer.  When the search gives up,
 * or its policy breaks a row it relaxed (the caller's feasibility test), or
 * GLPK disagrees, GLPK's branch and bound over the models left (deploy_mip
 * with every row, started from the incumbent) finds and proves the optimum
 * instead.  The incumbent is the best of the caller's and of the single
 * models and pairs among the models with the highest bounds, each checked
 * by the caller's feasibility test.
 *
 * The time row (a rate: sum t x <= tcap, t = latency - tau) enters every
 * bound by Lagrangian relaxation: for any mu >= 0, a policy meeting it has
 * value at most its value under v - mu t plus mu tcap, so the bounds above
 * are taken with v - mu t (lv) and add mu tcap.  Any mu gives a valid
 * bound; choose_mu takes one near the LP dual of the row (the mu whose
 * hull bound is least), which makes the bounds about as tight as without
 * a rate.  few_search holds the row the same way and checks it on every
 * policy, and the heuristic policies meet it; tcap is the row's tolerance
 * widened a little, so the search's set holds every policy the caller's
 * test accepts.
 */
#include "optdeploy/core/deploy_few.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "optdeploy/core/deadline.h"
#include "optdeploy/core/deploy_mip.h"
#include "optdeploy/core/deploy_near.h"
#include "optdeploy/core/few_search.h"
#include "optdeploy/core/few_time.h"
#include "optdeploy/core/limits.h"

#define FEW_MAX_MODELS FEW_SEARCH_MAX  /* models kept at most; more: another strategy */
#define FEW_PAIR_MODELS 8   /* pairs are tried among this many best-bounded models */
#define FEW_CANDIDATES 16   /* heuristic policies offered to the feasibility test */

struct few_item {
	long double w, v, u;  /* resource, value per inference, loading charge (lambda u) */
	long double t;        /* the time row's coefficient t - tau (0 without a rate) */
	long double lv;       /* v - mu t: the value the bounds and hull see (few_time.h) */
	bool fits;            /* alone within the memory limit: may be used at all */
};

struct few_sorted {
	long double w, v;
	size_t k;
};

struct few_cand {
	long double value;
	size_t a, b;          /* models; b == a for a single model */
	long long xb;         /* inferences on b (K - xb on a) */
};

struct deploy_few {
	const struct pool *pool;
	const size_t *kept;
	size_t m;
	struct few_item *it;
	size_t *hull;         /* kept indices of the LP hull's rising part, by w */
	size_t hn;
	size_t *order;        /* kept indices, the best-bounded first (the first few) */
	size_t *sub_at;       /* kept index of each model of GLPK's program */
	long double *bound;
	long long *cand;      /* a candidate policy per kept model */
	size_t *sub_kept;     /* pool indices of the models GLPK's program keeps */
	size_t *prev_kept;    /* the same for the previous solve's program */
	struct few_sorted *sorted;
	size_t sub_m;
	struct deploy_mip *sub;
	long long *sub_x, *sub_inc;
	struct few_cand *cands;
	bool *use;            /* the support GLPK certifies */
	size_t time_searched, time_other;  /* deploy_few_time_counts */
	struct few_time_point *pts;  /* the allowed models by w, for few_time_multiplier */
	size_t *pts_hull;            /* its scratch */
	long double last_mu;  /* the last solve's time-row multiplier */
};

/* One solve's figures in the unified form. */
struct few_run {
	struct deploy_few *f;
	const struct support_problem *p;
	long long k;
	long double cap;      /* W */
	long double constant; /* 0: objectives leave out the primal's lambda sum u */
	long double umin[2];  /* the two smallest charges of allowed models */
	size_t umin_at;       /* the model holding umin[0] */
	long double tcap;     /* the time row's bound (INFINITY without a rate) */
	long double mu;       /* its multiplier (0 without a rate) */
	long double credit;   /* mu tcap: added to every bound */
};

struct deploy_few *deploy_few_new(const struct pool *pool, const size_t *kept, size_t m)
{
	struct deploy_few *f = calloc(1, sizeof *f);
	size_t n = m ? m : 1;
	if (f == NULL)
		return NULL;
	f->pool = pool;
	f->kept = kept;
	f->m = m;
	f->it = calloc(n, sizeof *f->it);
	f->hull = calloc(n, sizeof *f->hull);
	f->order = calloc(n, sizeof *f->order);
	f->sub_at = calloc(n, sizeof *f->sub_at);
	f->bound = calloc(n, sizeof *f->bound);
	f->cand = calloc(n, sizeof *f->cand);
	f->sub_kept = calloc(n, sizeof *f->sub_kept);
	f->prev_kept = calloc(n, sizeof *f->prev_kept);
	f->sorted = calloc(n, sizeof *f->sorted);
	f->sub_x = calloc(n, sizeof *f->sub_x);
	f->sub_inc = calloc(n, sizeof *f->sub_inc);
	f->use = calloc(n, sizeof *f->use);
	f->pts = calloc(n, sizeof *f->pts);
	f->pts_hull = calloc(n, sizeof *f->pts_hull);
	f->cands = calloc(FEW_CANDIDATES + FEW_PAIR_MODELS * FEW_PAIR_MODELS, sizeof *f->cands);
	if (f->it == NULL || f->hull == NULL || f->order == NULL || f->sub_at == NULL ||
	    f->bound == NULL || f->cand == NULL || f->sub_kept == NULL || f->prev_kept == NULL ||
	    f->sorted == NULL || f->sub_x == NULL || f->sub_inc == NULL || f->cands == NULL ||
	    f->use == NULL || f->pts == NULL || f->pts_hull == NULL) {
		deploy_few_free(f);
		return NULL;
	}
	return f;
}

void deploy_few_free(struct deploy_few *f)
{
	if (f == NULL)
		return;
	deploy_mip_free(f->sub);
	free(f->it);
	free(f->hull);
	free(f->order);
	free(f->sub_at);
	free(f->bound);
	free(f->cand);
	free(f->sub_kept);
	free(f->prev_kept);
	free(f->sorted);
	free(f->sub_x);
	free(f->sub_inc);
	free(f->cands);
	free(f->use);
	free(f->pts);
	free(f->pts_hull);
	free(f);
}

static bool primal(const struct support_problem *p)
{
	return p->sp->mode == SOLVE_MAX_ACCURACY;
}

/* An objective of support_objective's sense in the unified (maximised) form. */
static long double unified(const struct support_problem *p, double objective)
{
	return primal(p) ? objective : -(long double)objective;
}

/* The unified items and the charges' two smallest values. */
static void load_items(struct few_run *r)
{
	struct deploy_few *f = r->f;
	const struct solve_params *sp = r->p->sp;
	r->umin[0] = r->umin[1] = INFINITY;
	r->umin_at = f->m;
	/* support_objective leaves out the primal's lambda sum u (support_search.h) */
	r->constant = 0;
	r->k = sp->k;
	r->cap = (long double)(primal(r->p) ? sp->budget : -sp->min_accuracy) * sp->k +
		 r->p->resource_tol;
	bool timed = limits_time_active(sp);
	long double tau = timed ? limits_time_per_inference(sp) : 0;
	/* widened: the search's set holds every policy limits_counts_ok accepts */
	r->tcap = timed ? limits_time_tolerance(sp, f->pool) * (1 + 1e-6L) : INFINITY;
	r->mu = r->credit = 0;
	for (size_t k = 0; k < f->m; k++) {
		const struct model *md = &f->pool->models[f->kept[k]];
		struct few_item *it = &f->it[k];
		it->w = primal(r->p) ? md->cost : -(long double)md->accuracy;
		it->v = primal(r->p) ? md->accuracy : -(long double)md->cost;
		it->u = (long double)sp->lambda * md->load_cost;
		it->t = timed ? (long double)md->latency - tau : 0;
		it->lv = it->v;
		it->fits = limits_model_fits(sp, md);
		if (!it->fits)
			continue;
		if (it->u < r->umin[0]) {
			r->umin[1] = r->umin[0];
			r->umin[0] = it->u;
			r->umin_at = k;
		} else if (it->u < r->umin[1]) {
			r->umin[1] = it->u;
		}
	}
}

static int by_w(const void *x, const void *y)
{
	const struct few_sorted *a = x, *b = y;
	if (a->w != b->w)
		return a->w < b->w ? -1 : 1;
	return (a->v < b->v) - (a->v > b->v);
}

/* The allowed models by w (f->sorted); their number. */
static size_t sort_items(struct few_run *r)
{
	struct deploy_few *f = r->f;
	size_t s = 0;
	for (size_t k = 0; k < f->m; k++)
		if (f->it[k].fits)
			f->sorted[s++] = (struct few_sorted){f->it[k].w, f->it[k].v, k};
	qsort(f->sorted, s, sizeof *f->sorted, by_w);
	return s;
}

/* The rising part of the upper hull of the allowed models' (w, lv), lv = v - mu t. */
static void build_hull(struct few_run *r, size_t s, long double mu)
{
	struct deploy_few *f = r->f;
	size_t h = 0;
	for (size_t t = 0; t < s; t++) {
		struct few_item *c = &f->it[f->sorted[t].k];
		c->lv = c->v - mu * c->t;
		if (h > 0 && f->it[f->hull[h - 1]].w == c->w) {
			if (f->it[f->hull[h - 1]].lv >= c->lv)
				continue;
			h--;  /* the same resource for more value: c replaces it */
		}
		if (h > 0 && f->it[f->hull[h - 1]].lv >= c->lv)
			continue;  /* no more value for more resource: never on the rising part */
		while (h >= 2) {
			const struct few_item *o = &f->it[f->hull[h - 2]], *a = &f->it[f->hull[h - 1]];
			if ((a->w - o->w) * (c->lv - o->lv) - (a->lv - o->lv) * (c->w - o->w) < 0)
				break;
			h--;
		}
		f->hull[h++] = f->sorted[t].k;
	}
	f->hn = h;
}

/* f(a): the best value per inference of a mix with average resource a at most. */
static long double hull_value(const struct deploy_few *f, long double a)
{
	const struct few_item *first = &f->it[f->hull[0]], *last = &f->it[f->hull[f->hn - 1]];
	if (a >= last->w)
		return last->lv;
	if (a < first->w)  /* below every model, unless only by rounding */
		return a >= first->w - 1e-12L * (fabsl(first->w) + 1) ? first->lv : -INFINITY;
	size_t lo = 0, hi = f->hn - 1;  /* w[lo] <= a < w[hi] */
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (f->it[f->hull[mid]].w <= a)
			lo = mid;
		else
			hi = mid;
	}
	const struct few_item *x = &f->it[f->hull[lo]], *y = &f->it[f->hull[hi]];
	return x->lv + (y->lv - x->lv) * ((a - x->w) / (y->w - x->w));
}

/* The time row's multiplier (few_time.h) for the s allowed models of f->sorted. */
static void choose_mu(struct few_run *r, size_t s)
{
	struct deploy_few *f = r->f;
	for (size_t t = 0; t < s; t++) {
		const struct few_item *it = &f->it[f->sorted[t].k];
		f->pts[t] = (struct few_time_point){it->w, it->v, it->t};
	}
	long double mu = few_time_multiplier(f->pts, s, f->pts_hull, r->k, r->cap, r->tcap,
					     f->last_mu);
	if (mu > 0) {
		r->mu = mu;
		r->credit = mu * r->tcap;
		f->last_mu = mu;
	}
}

/* g_k(j) for 1 <= j < K (see the top of the file), without k's own charge. */
static long double with_count(const struct few_run *r, size_t k, long long j)
{
	const struct few_item *it = &r->f->it[k];
	long long rest = r->k - j;
	long double other = k == r->umin_at ? r->umin[1] : r->umin[0];
	long double per = hull_value(r->f, (r->cap - j * it->w) / rest);
	if (isinf(per) || isinf(other))
		return -INFINITY;
	return j * it->lv + rest * per - other;
}

/*
 * The bound of every policy that uses model k (unified, the constant
 * included).  The j < K with a feasible rest, cap - j w_k >= (K - j) w_min,
 * are 1 .. (cap - K w_min) / (w_k - w_min) (every j when w_k = w_min: the
 * hull starts at the smallest w, so w_k >= w_min).
 */
static long double model_bound(const struct few_run *r, size_t k)
{
	const struct few_item *it = &r->f->it[k];
	long double best = r->k * it->w <= r->cap && r->k * it->t <= r->tcap ? r->k * it->lv
									   : -INFINITY;
	long double room = r->cap - r->k * r->f->it[r->f->hull[0]].w;
	long double d = it->w - r->f->it[r->f->hull[0]].w;
	long long lo = 1, hi = r->k - 1;
	if (room < -1e-12L * (fabsl(r->cap) + 1))
		hi = 0;
	else if (d > 0 && room / d + 1e-9L < (long double)hi)
		hi = (long long)floorl(room / d + 1e-9L);
	while (hi - lo > 2) {  /* concave: keep the side of the larger probe */
		long long m1 = lo + (hi - lo) / 3, m2 = hi - (hi - lo) / 3;
		if (with_count(r, k, m1) < with_count(r, k, m2))
			lo = m1 + 1;
		else
			hi = m2;
	}
	for (long long j = lo; j <= hi; j++)
		best = fmaxl(best, with_count(r, k, j));
	return best - it->u + r->constant + r->credit;
}

/*
 * Narrow [*lo, *hi] (inferences on b, K - them on a) to where K ca + xb (cb
 * - ca) <= cap; false when nothing is left.
 */
static bool pair_row(long long k, long double ca, long double cb, long double cap,
		     long long *lo, long long *hi)
{
	long double d = cb - ca, room = cap - k * ca;
	if (d == 0)
		return room >= 0;
	long double q = room / d;
	if (d > 0 && q < (long double)*hi)
		*hi = q < (long double)*lo ? *lo - 1 : (long long)floorl(q);
	else if (d < 0 && q > (long double)*lo)
		*lo = q > (long double)*hi ? *hi + 1 : (long long)ceill(q);
	return *lo <= *hi;
}

/* Value and counts of the pair a, b with as much on the better one as both rows allow. */
static bool pair_policy(const struct few_run *r, size_t a, size_t b, struct few_cand *c)
{
	const struct few_item *ia = &r->f->it[a], *ib = &r->f->it[b];
	long long lo = 0, hi = r->k;
	if (ib->v == ia->v || !pair_row(r->k, ia->w, ib->w, r->cap, &lo, &hi) ||
	    !pair_row(r->k, ia->t, ib->t, r->tcap, &lo, &hi))
		return false;
	long long xb = ib->v > ia->v ? hi : lo;
	if (xb == 0 || xb == r->k)
		return false;  /* a single model: offered on its own */
	*c = (struct few_cand){xb * ib->v + (r->k - xb) * ia->v - ia->u - ib->u + r->constant,
			       a, b, xb};
	return true;
}

static int by_value(const void *x, const void *y)
{
	const struct few_cand *a = x, *b = y;
	return (a->value < b->value) - (a->value > b->value);
}

/* The kept indices in order of decreasing bound (f->order). */
static void order_by_bound(struct deploy_few *f)
{
	/* a partial selection sort: only the first few are used */
	for (size_t k = 0; k < f->m; k++)
		f->order[k] = k;
	for (size_t t = 0; t < f->m && t < FEW_PAIR_MODELS; t++) {
		size_t best = t;
		for (size_t s = t + 1; s < f->m; s++)
			if (f->bound[f->order[s]] > f->bound[f->order[best]])
				best = s;
		size_t tmp = f->order[t];
		f->order[t] = f->order[best];
		f->order[best] = tmp;
	}
}

/*
 * Improve the incumbent with the best single models and pairs among the
 * best-bounded models, best first, each through the caller's test.
 */
static void heuristic_incumbent(struct few_run *r, deploy_few_feasible_fn *feasible,
				const void *ctx, long long *best, double *best_obj)
{
	struct deploy_few *f = r->f;
	size_t nc = 0, top = f->m < FEW_PAIR_MODELS ? f->m : FEW_PAIR_MODELS;
	order_by_bound(f);
	for (size_t t = 0; t < top; t++) {
		size_t a = f->order[t];
		if (!f->it[a].fits || isinf(f->bound[a]))
			continue;
		if (r->k * f->it[a].w <= r->cap && r->k * f->it[a].t <= r->tcap)
			f->cands[nc++] = (struct few_cand){r->k * f->it[a].v - f->it[a].u + r->constant,
							   a, a, 0};
		for (size_t s = t + 1; s < top; s++)
			if (f->it[f->order[s]].fits && pair_policy(r, a, f->order[s], &f->cands[nc]))
				nc++;
	}
	qsort(f->cands, nc, sizeof *f->cands, by_value);
	long double have = isfinite(*best_obj) ? unified(r->p, *best_obj) : -INFINITY;
	for (size_t c = 0; c < nc && c < FEW_CANDIDATES; c++) {
		const struct few_cand *cd = &f->cands[c];
		if (cd->value <= have + 1e-12L * (fabsl(have) + 1))
			break;
		memset(f->cand, 0, f->m * sizeof *f->cand);
		f->cand[cd->a] = r->k - cd->xb;
		f->cand[cd->b] += cd->xb;
		if (!feasible(ctx, f->cand))
			continue;
		memcpy(best, f->cand, f->m * sizeof *best);
		*best_obj = support_objective(r->p, best);
		return;
	}
}

/* Keep the models whose bound reaches the incumbent; false when too many. */
static bool choose_models(struct few_run *r, const long long *best, double best_obj)
{
	struct deploy_few *f = r->f;
	long double have = unified(r->p, best_obj);
	long double tol = 1e-9L * (fabsl(have) + fabsl(r->constant) + 1);
	f->sub_m = 0;
	for (size_t k = 0; k < f->m; k++) {
		if (best[k] == 0 && (!f->it[k].fits || f->bound[k] < have - tol))
			continue;
		if (f->sub_m == FEW_MAX_MODELS)
			return false;
		/* by decreasing bound: few_search branches on the most promising first */
		size_t t = f->sub_m++;
		for (; t > 0 && f->bound[f->sub_at[t - 1]] < f->bound[k]; t--) {
			f->sub_kept[t] = f->sub_kept[t - 1];
			f->sub_inc[t] = f->sub_inc[t - 1];
			f->sub_at[t] = f->sub_at[t - 1];
		}
		f->sub_kept[t] = f->kept[k];
		f->sub_inc[t] = best[k];
		f->sub_at[t] = k;
	}
	return true;
}

/* GLPK's program over the models kept, unless it is the last one's. */
static bool prepare_sub(struct deploy_few *f, const size_t *was, size_t was_m)
{
	if (f->sub != NULL && was_m == f->sub_m &&
	    memcmp(was, f->sub_kept, f->sub_m * sizeof *was) == 0)
		return true;
	deploy_mip_free(f->sub);
	f->sub = deploy_mip_new(f->pool, f->sub_kept, f->sub_m);
	return f->sub != NULL;
}

static enum deploy_few_result solve_sub(struct few_run *r, deploy_few_feasible_fn *feasible,
					const void *ctx, long long *best, double *best_obj)
{
	struct deploy_few *f = r->f;
	const struct support_problem *p = r->p;
	switch (deploy_mip_solve(f->sub, p->sp, NULL, p->resource_tol, f->sub_inc, *best_obj,
				 deadline_remaining_ms(p->deadline), f->sub_x)) {
	case DEPLOY_MIP_OPTIMAL:
		break;
	case DEPLOY_MIP_TIME_LIMIT:
		return DEPLOY_FEW_TIME_LIMIT;
	default:  /* infeasible cannot be: the incumbent lies in it */
		return DEPLOY_FEW_FAILED;
	}
	memset(f->cand, 0, f->m * sizeof *f->cand);
	for (size_t t = 0; t < f->sub_m; t++)
		f->cand[f->sub_at[t]] = f->sub_x[t];
	if (!feasible(ctx, f->cand))
		return DEPLOY_FEW_FAILED;
	double obj = support_objective(p, f->cand);
	long double got = unified(p, obj), have = unified(p, *best_obj);
	long double tol = 1e-15L * fabsl(have);  /* nothing absolute: solve.c, better_objective */
	if (got > have + tol) {
		memcpy(best, f->cand, f->m * sizeof *best);
		*best_obj = obj;
	} else if (got < have - tol) {
		return DEPLOY_FEW_FAILED;  /* GLPK lost its own starting point */
	}
	/* GLPK's branch and bound over z sees supports within ~1e-9 of the
	 * objective as tied (solve.c, solve_whole_mip): its policy is only an
	 * incumbent, which the search over supports proves or improves */
	const char *why;
	switch (support_search(p, best, best_obj, &why)) {
	case SOLVE_OPTIMAL: return DEPLOY_FEW_OPTIMAL;
	case SOLVE_TIME_LIMIT: return DEPLOY_FEW_TIME_LIMIT;
	default: return DEPLOY_FEW_FAILED;
	}
}

/*
 * The exact optimum over the models kept, by few_search (which relaxes every
 * row but the two of the bound), into f->cand; false when it gave up or its
 * policy breaks a row it relaxed (the caller's test).
 */
static bool search_kept(struct few_run *r, deploy_few_feasible_fn *feasible, const void *ctx,
			const long long *best, double best_obj)
{
	struct deploy_few *f = r->f;
	struct few_search_item items[FEW_SEARCH_MAX];
	long long x[FEW_SEARCH_MAX];
	for (size_t t = 0; t < f->sub_m; t++) {
		const struct few_item *it = &f->it[f->sub_at[t]];
		items[t] = (struct few_search_item){it->w, it->v, it->u, it->t};
		x[t] = 0;
	}
	long double have = unified(r->p, best_obj) - r->constant, value;
	struct few_search_time time = {r->mu, r->tcap};
	if (!few_search_run(items, f->sub_m, r->k, r->cap, &time, have, x, &value))
		return false;
	if (!(value > have)) {  /* nothing beats the incumbent */
		memcpy(f->cand, best, f->m * sizeof *f->cand);
		return true;
	}
	memset(f->cand, 0, f->m * sizeof *f->cand);
	for (size_t t = 0; t < f->sub_m; t++)
		f->cand[f->sub_at[t]] = x[t];
	return feasible(ctx, f->cand);
}

/*
 * GLPK's word on few_search's policy f->cand: the exact program of its
 * support (deploy_near's box, else deploy_mip), which must find a policy
 * exactly as good; that policy becomes the answer.
 */
static enum deploy_few_result certify(struct few_run *r, deploy_few_feasible_fn *feasible,
				      const void *ctx, long long *best, double *best_obj)
{
	struct deploy_few *f = r->f;
	const struct support_problem *p = r->p;
	int ms = deadline_remaining_ms(p->deadline);
	for (size_t k = 0; k < f->m; k++)
		f->use[k] = f->cand[k] > 0;
	double want = support_objective(p, f->cand);
	enum deploy_near_result nr = DEPLOY_NEAR_NO_BOX;
	if (p->near != NULL)
		nr = deploy_near_solve(p->near, p->sp, f->use, p->resource_tol, ms, f->sub_x);
	if (nr == DEPLOY_NEAR_NO_BOX) {
		switch (deploy_mip_solve(p->mip, p->sp, f->use, p->resource_tol, NULL, want, ms,
					 f->sub_x)) {
		case DEPLOY_MIP_OPTIMAL: nr = DEPLOY_NEAR_OPTIMAL; break;
		case DEPLOY_MIP_TIME_LIMIT: nr = DEPLOY_NEAR_TIME_LIMIT; break;
		default: nr = DEPLOY_NEAR_FAILED; break;
		}
	}
	if (nr == DEPLOY_NEAR_TIME_LIMIT)
		return DEPLOY_FEW_TIME_LIMIT;
	if (nr != DEPLOY_NEAR_OPTIMAL || !feasible(ctx, f->sub_x))
		return DEPLOY_FEW_FAILED;
	double got = support_objective(p, f->sub_x);
	long double tol = 1e-15L * fabsl((long double)want);  /* as in solve_sub */
	if (fabsl((long double)got - want) > tol)
		return DEPLOY_FEW_FAILED;  /* GLPK and the search disagree: trust neither */
	memcpy(best, f->sub_x, f->m * sizeof *best);
	*best_obj = got;
	return DEPLOY_FEW_OPTIMAL;
}

/* deploy_few_solve; *searched: the search's policy, certified, is the answer. */
static enum deploy_few_result few_solve(struct deploy_few *f, const struct support_problem *p,
					deploy_few_feasible_fn *feasible, const void *ctx,
					long long *best, double *best_obj, bool *searched)
{
	struct few_run r = {.f = f, .p = p};
	if (f->m == 0)
		return DEPLOY_FEW_NO_INCUMBENT;
	load_items(&r);
	size_t allowed = sort_items(&r);
	if (limits_time_active(p->sp) && allowed > 0)
		choose_mu(&r, allowed);
	build_hull(&r, allowed, r.mu);
	if (f->hn == 0)
		return DEPLOY_FEW_NO_INCUMBENT;
	for (size_t k = 0; k < f->m; k++)
		f->bound[k] = f->it[k].fits ? model_bound(&r, k) : -INFINITY;
	heuristic_incumbent(&r, feasible, ctx, best, best_obj);
	if (!isfinite(*best_obj))
		return DEPLOY_FEW_NO_INCUMBENT;
	/* the last program's models, to reuse it when the choice is the same */
	size_t was_m = f->sub_m;
	memcpy(f->prev_kept, f->sub_kept, was_m * sizeof *f->prev_kept);
	if (!choose_models(&r, best, *best_obj))
		return DEPLOY_FEW_TOO_MANY;
	if (search_kept(&r, feasible, ctx, best, *best_obj)) {
		enum deploy_few_result c = certify(&r, feasible, ctx, best, best_obj);
		*searched = c == DEPLOY_FEW_OPTIMAL;
		if (c != DEPLOY_FEW_FAILED)
			return c;
	}
	/* GLPK's branch and bound over the models kept proves it instead */
	if (!prepare_sub(f, f->prev_kept, was_m))
		return DEPLOY_FEW_FAILED;
	return solve_sub(&r, feasible, ctx, best, best_obj);
}

enum deploy_few_result deploy_few_solve(struct deploy_few *f, const struct support_problem *p,
					deploy_few_feasible_fn *feasible, const void *ctx,
					long long *best, double *best_obj)
{
	bool searched = false;
	enum deploy_few_result res = few_solve(f, p, feasible, ctx, best, best_obj, &searched);
	if (limits_time_active(p->sp)) {
		if (searched)
			f->time_searched++;
		else
			f->time_other++;
	}
	return res;
}

void deploy_few_time_counts(const struct deploy_few *f, size_t *searched, size_t *other)
{
	*searched = f->time_searched;
	*other = f->time_other;
}
