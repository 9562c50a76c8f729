/*
 * time_lp.c - the node LP with the time row by a 3 x 3 primal simplex in
 * long double.  See time_lp.h.
 *
 * Everything is a maximisation (the dual's objective and floor row negated).
 * Columns: the allowed models, the slacks of the two <= rows, and three
 * artificials (phase 1 only, one per row, signed so it starts >= 0).  The
 * basis inverse is recomputed from its three columns at every pivot: three
 * rows make that cheaper than keeping it updated, and rounding cannot build
 * up.  Dantzig's rule first, then Bland's (smallest index) once the pivots
 * reach BLAND_AFTER, so a degenerate cycle ends; at ITER_CAP the node goes
 * to GLPK.  The last optimal basis starts the next node when the node still
 * allows its columns and it is still feasible (a fixing that only moves a
 * charge into the constant leaves it so): a pivot or two then.
 *
 * Neither the value nor the vertex of the simplex is trusted: the bound is
 * weak duality's from its row prices, and infeasibility needs phase 1's
 * prices to be a Farkas certificate with a margin.
 */
#include "optdeploy/core/time_lp.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "optdeploy/core/limits.h"

#define ROWS 3
#define ITER_CAP 400
#define BLAND_AFTER 60
#define WIDEN 1e-17L      /* relative widening of the bound and of the certificate */
#define OPT_TOL 1e-15L    /* reduced costs this far positive (relative to their terms) are 0 */
#define PIVOT_TOL 1e-11L  /* pivot elements relative to the column's largest */

/*
 * fmaxl and fminl, inline: libm's are calls, and the loads and pivots make
 * millions of them.  Same answers, NaN included (the other operand wins).
 */
static inline long double lmax(long double a, long double b)
{
	return b > a || isnan(a) ? b : a;
}

static inline long double lmin(long double a, long double b)
{
	return b < a || isnan(a) ? b : a;
}

/* A basis to start the next node from. */
struct time_lp_warm {
	bool have_last;
	size_t last[ROWS];
	long double last_binv[ROWS][ROWS];  /* last's inverse, while the columns are unchanged */
	bool last_binv_valid;
};

struct time_lp {
	const struct pool *pool;
	const size_t *kept;
	size_t m;
	long double *v, *a, *t;  /* per kept model: value at the node, resource and time coefficients */
	long double *vfree, *vused, *u;  /* per kept model: value free and used, charge */
	bool *fits;              /* per kept model: within the deadline (and memory) */
	bool models_valid;       /* the per-model data are key's (models()) */
	struct solve_params key;
	size_t *allowed;         /* the node's allowed models */
	bool *ok;                /* per kept model: allowed at this node */
	size_t n_allowed;
	long double b[ROWS];     /* K, A, T */
	long double art_sign[ROWS];
	long double constant;    /* the used models' charges (negative) */
	long double vmag, amag, tmag;  /* the largest |v|, |a|, |t| of the allowed models */
	size_t basis[ROWS];      /* column ids: model k < m; slack m + r - 1; artificial m + 2 + r */
	long double binv[ROWS][ROWS];
	long double xb[ROWS];
	/* the last optimal basis of each LP: the node's (0) and its uncharged twin (1) */
	struct time_lp_warm warm[2];
	struct time_lp_warm *w;  /* the one being solved */
	bool scans_valid;        /* the pool scans, for the parameters they depend on */
	enum solve_mode mode;
	long long k;
	double rate, duty_cycle, rscale, tscale, trow;
	size_t answered, declined;
};

struct time_lp *time_lp_new(const struct pool *pool, const size_t *kept, size_t m)
{
	struct time_lp *lp = calloc(1, sizeof *lp);
	size_t n = m ? m : 1;
	if (lp == NULL)
		return NULL;
	lp->pool = pool;
	lp->kept = kept;
	lp->m = m;
	lp->v = malloc(n * sizeof *lp->v);
	lp->a = malloc(n * sizeof *lp->a);
	lp->t = malloc(n * sizeof *lp->t);
	lp->allowed = malloc(n * sizeof *lp->allowed);
	lp->ok = malloc(n * sizeof *lp->ok);
	lp->vfree = malloc(n * sizeof *lp->vfree);
	lp->vused = malloc(n * sizeof *lp->vused);
	lp->u = malloc(n * sizeof *lp->u);
	lp->fits = malloc(n * sizeof *lp->fits);
	if (lp->v == NULL || lp->a == NULL || lp->t == NULL || lp->allowed == NULL ||
	    lp->ok == NULL || lp->vfree == NULL || lp->vused == NULL || lp->u == NULL ||
	    lp->fits == NULL) {
		time_lp_free(lp);
		return NULL;
	}
	return lp;
}

void time_lp_free(struct time_lp *lp)
{
	if (lp == NULL)
		return;
	free(lp->v);
	free(lp->a);
	free(lp->t);
	free(lp->allowed);
	free(lp->ok);
	free(lp->vfree);
	free(lp->vused);
	free(lp->u);
	free(lp->fits);
	free(lp);
}

bool time_lp_applies(const struct solve_params *sp)
{
	return limits_time_active(sp) && !limits_memory_active(sp);
}

void time_lp_counts(const struct time_lp *lp, size_t *answered, size_t *declined)
{
	*answered = lp == NULL ? 0 : lp->answered;
	*declined = lp == NULL ? 0 : lp->declined;
}

/* The pool scans deploy_lp makes for sp (the same doubles). */
static void scans(struct time_lp *lp, const struct solve_params *sp)
{
	if (lp->scans_valid && lp->mode == sp->mode && lp->k == sp->k && lp->rate == sp->rate &&
	    lp->duty_cycle == sp->duty_cycle)
		return;
	lp->scans_valid = true;
	lp->mode = sp->mode;
	lp->k = sp->k;
	lp->rate = sp->rate;
	lp->duty_cycle = sp->duty_cycle;
	lp->rscale = limits_resource_scale(sp, lp->pool);
	lp->tscale = limits_time_scale(sp, lp->pool);
	lp->trow = limits_time_row_bound(sp, lp->pool);
}

/* The same double, bit for bit (the unused mode's field is NaN). */
static bool same(double a, double b)
{
	return memcmp(&a, &b, sizeof a) == 0;
}

/* sp's fields the models' data (models()) depends on equal the cached ones. */
static bool same_models(const struct time_lp *lp, const struct solve_params *sp)
{
	const struct solve_params *c = &lp->key;
	return lp->models_valid && c->mode == sp->mode && c->k == sp->k &&
	       same(c->lambda, sp->lambda) && same(c->budget, sp->budget) &&
	       same(c->min_accuracy, sp->min_accuracy) && same(c->rate, sp->rate) &&
	       same(c->duty_cycle, sp->duty_cycle) && same(c->deadline, sp->deadline) &&
	       same(c->memory_limit, sp->memory_limit);
}

/*
 * Each model's data as deploy_lp's set_parameters loads it, for the
 * parameters: whether it fits, its value free (the charge lambda u / K on
 * it: GLPK's coefficient is the double sum, the bound covers it and the
 * exact one) and used, its charge, its rows' coefficients.  Nodes of a
 * search share them.
 */
static void models(struct time_lp *lp, const struct solve_params *sp)
{
	scans(lp, sp);
	if (same_models(lp, sp))
		return;
	bool primal = sp->mode == SOLVE_MAX_ACCURACY;
	long double kl = (long double)sp->k;
	double kd = (double)sp->k;
	for (size_t k = 0; k < lp->m; k++) {
		const struct model *md = &lp->pool->models[lp->kept[k]];
		double u = sp->lambda * md->load_cost;
		double per = primal ? md->accuracy : md->cost;
		long double exact = per + (primal ? -(long double)u : (long double)u) / kl;
		double glpk = per + (primal ? -u : u) / kd;
		lp->fits[k] = limits_model_fits(sp, md);
		lp->u[k] = u;
		lp->vused[k] = primal ? per : -(long double)per;
		lp->vfree[k] = primal ? lmax(glpk, exact) : -lmin(glpk, exact);
		double r = limits_resource_coef(sp, lp->rscale, md);
		lp->a[k] = primal ? r : -(long double)r;
		lp->t[k] = limits_time_coef(sp, lp->tscale, md->latency);
	}
	lp->key = *sp;
	lp->models_valid = true;
	lp->warm[0].last_binv_valid = lp->warm[1].last_binv_valid = false;  /* the columns changed */
}

/*
 * The node's data as deploy_lp's set_parameters loads it; false when the
 * node is infeasible on its face (more used models than the limit allows).
 */
static bool load(struct time_lp *lp, const struct solve_params *sp, const signed char *zfix,
		 double resource_tol, bool uncharged)
{
	size_t used = 0;
	models(lp, sp);
	lp->constant = 0;
	for (size_t k = 0; k < lp->m; k++)
		used += zfix != NULL && zfix[k] == 1 && lp->fits[k];
	if (sp->max_models > 0 && used > sp->max_models)
		return false;
	bool none_left = sp->max_models > 0 && used >= sp->max_models;
	lp->n_allowed = 0;
	lp->vmag = lp->amag = lp->tmag = 0;
	for (size_t k = 0; k < lp->m; k++) {
		int z = !lp->fits[k] ? 0 : zfix == NULL || zfix[k] < 0 ? -1 : zfix[k] != 0;
		if (z == 1)
			lp->constant -= lp->u[k];
		lp->ok[k] = z == 1 || (z == -1 && !none_left);
		if (!lp->ok[k])
			continue;
		lp->v[k] = z == 1 || uncharged ? lp->vused[k] : lp->vfree[k];
		lp->allowed[lp->n_allowed++] = k;
		lp->vmag = lmax(lp->vmag, fabsl(lp->v[k]));
		lp->amag = lmax(lp->amag, fabsl(lp->a[k]));
		lp->tmag = lmax(lp->tmag, fabsl(lp->t[k]));
	}
	lp->b[0] = (long double)sp->k;
	lp->b[1] = limits_resource_row_bound(sp, lp->rscale, resource_tol);
	lp->b[2] = lp->trow;
	lp->art_sign[0] = 1;
	lp->art_sign[1] = lp->b[1] < 0 ? -1 : 1;
	lp->art_sign[2] = lp->b[2] < 0 ? -1 : 1;
	return true;
}

/* Column id's entries. */
static void column(const struct time_lp *lp, size_t id, long double c[ROWS])
{
	c[0] = c[1] = c[2] = 0;
	if (id < lp->m) {
		c[0] = 1;
		c[1] = lp->a[id];
		c[2] = lp->t[id];
	} else if (id < lp->m + 2) {
		c[id - lp->m + 1] = 1;
	} else {
		c[id - lp->m - 2] = lp->art_sign[id - lp->m - 2];
	}
}

/* An artificial column, or a model the node rules out left in a warm basis
 * (phase 1 drives both out). */
static bool artificial(const struct time_lp *lp, size_t id)
{
	return id >= lp->m + 2 || (id < lp->m && !lp->ok[id]);
}

/* Column id's objective in phase 1 (artificials out) or 2 (the values). */
static long double cost(const struct time_lp *lp, size_t id, int phase)
{
	if (phase == 1)
		return artificial(lp, id) ? -1.0L : 0.0L;
	return id < lp->m ? lp->v[id] : 0.0L;
}

/* binv and xb from the basis; false when it is singular. */
static bool factor(struct time_lp *lp)
{
	long double w[ROWS][2 * ROWS];
	for (int j = 0; j < ROWS; j++) {
		long double c[ROWS];
		column(lp, lp->basis[j], c);
		for (int i = 0; i < ROWS; i++) {
			w[i][j] = c[i];
			w[i][ROWS + j] = i == j;
		}
	}
	for (int c = 0; c < ROWS; c++) {
		int p = c;
		long double colmax = 0;
		for (int i = 0; i < ROWS; i++)
			colmax = lmax(colmax, fabsl(w[i][c]));
		for (int i = c + 1; i < ROWS; i++)
			if (fabsl(w[i][c]) > fabsl(w[p][c]))
				p = i;
		if (!(fabsl(w[p][c]) > PIVOT_TOL * colmax) || colmax == 0)
			return false;
		if (p != c)
			for (int j = 0; j < 2 * ROWS; j++) {
				long double tmp = w[c][j];
				w[c][j] = w[p][j];
				w[p][j] = tmp;
			}
		/* Columns up to c are never read again (binv is the right half,
		 * later pivots look right of c): the row operations start after c. */
		long double piv = w[c][c];
		for (int j = c + 1; j < 2 * ROWS; j++)
			w[c][j] /= piv;
		for (int i = 0; i < ROWS; i++) {
			if (i == c || w[i][c] == 0)
				continue;
			long double f = w[i][c];
			for (int j = c + 1; j < 2 * ROWS; j++)
				w[i][j] -= f * w[c][j];
		}
	}
	for (int i = 0; i < ROWS; i++) {
		lp->xb[i] = 0;
		for (int j = 0; j < ROWS; j++) {
			lp->binv[i][j] = w[i][ROWS + j];
			lp->xb[i] += lp->binv[i][j] * lp->b[j];
		}
	}
	return true;
}

static bool in_basis(const struct time_lp *lp, size_t id)
{
	return lp->basis[0] == id || lp->basis[1] == id || lp->basis[2] == id;
}

/* The row prices y = c_B B^-1 of a phase. */
static void prices(const struct time_lp *lp, int phase, long double y[ROWS])
{
	long double cb[ROWS];
	for (int i = 0; i < ROWS; i++)
		cb[i] = cost(lp, lp->basis[i], phase);
	for (int j = 0; j < ROWS; j++) {
		y[j] = 0;
		for (int i = 0; i < ROWS; i++)
			y[j] += cb[i] * lp->binv[i][j];
	}
}

/* The largest |entry| of the allowed columns (load's), for the margins. */
static void magnitudes(const struct time_lp *lp, long double *vmag, long double *amag,
		       long double *tmag)
{
	*vmag = lp->vmag;
	*amag = lp->amag;
	*tmag = lp->tmag;
}

/*
 * The entering column (SIZE_MAX: optimal): Dantzig's largest reduced cost,
 * or Bland's smallest id.  A reduced cost counts when it exceeds OPT_TOL of
 * the largest terms it could hold (one threshold per pricing pass).
 */
static size_t entering(const struct time_lp *lp, int phase, bool bland, long double vmag,
		       long double amag, long double tmag)
{
	long double y[ROWS], best = 0;
	size_t pick = SIZE_MAX;
	prices(lp, phase, y);
	long double tol = OPT_TOL * ((phase == 1 ? 1 : vmag) + fabsl(y[0]) + fabsl(y[1]) * amag +
				     fabsl(y[2]) * tmag + fabsl(y[1]) + fabsl(y[2]));
	for (size_t i = 0; i < lp->n_allowed; i++) {
		size_t id = lp->allowed[i];
		long double d = (phase == 1 ? 0 : lp->v[id]) - y[0] - y[1] * lp->a[id] -
				y[2] * lp->t[id];
		if (d > tol && d > best && !in_basis(lp, id)) {
			best = d;
			pick = id;
			if (bland)
				return pick;
		}
	}
	for (int r = 1; r < ROWS; r++) {  /* the slacks: reduced cost -y_r */
		size_t id = lp->m + (size_t)r - 1;
		if (-y[r] > tol && -y[r] > best && !in_basis(lp, id)) {
			best = -y[r];
			pick = id;
			if (bland)
				return pick;
		}
	}
	return pick;
}

/* The row leaving for column id (-1: none, the LP is unbounded). */
static int leaving(const struct time_lp *lp, size_t id, bool bland)
{
	long double c[ROWS], w[ROWS], wmax = 0;
	column(lp, id, c);
	for (int i = 0; i < ROWS; i++) {
		w[i] = lp->binv[i][0] * c[0] + lp->binv[i][1] * c[1] + lp->binv[i][2] * c[2];
		wmax = lmax(wmax, fabsl(w[i]));
	}
	int row = -1;
	long double best = 0;
	for (int i = 0; i < ROWS; i++) {
		if (!(w[i] > PIVOT_TOL * wmax))
			continue;
		long double ratio = lmax(lp->xb[i], 0) / w[i];
		bool take = row < 0 || ratio < best ||
			    (ratio == best && (bland ? lp->basis[i] < lp->basis[row] : w[i] > w[row]));
		if (take) {
			row = i;
			best = ratio;
		}
	}
	return row;
}

/* Pivot to optimality in a phase; false on trouble (cap, singular, unbounded). */
static bool run(struct time_lp *lp, int phase)
{
	long double vmag, amag, tmag;
	magnitudes(lp, &vmag, &amag, &tmag);
	for (int it = 0; it < ITER_CAP; it++) {
		bool bland = it >= BLAND_AFTER;
		size_t in = entering(lp, phase, bland, vmag, amag, tmag);
		if (in == SIZE_MAX)
			return true;
		int out = leaving(lp, in, bland);
		if (out < 0)
			return false;
		lp->basis[out] = in;
		if (!factor(lp))
			return false;
	}
	return false;
}

/*
 * Farkas: row weights w >= 0 (phase 1's prices of the two rows) with
 * K min_k (w_a a_k + w_t t_k) > w_a A + w_t T beyond rounding, so no x >= 0
 * with sum x = K meets both rows.
 */
static bool certified_infeasible(const struct time_lp *lp)
{
	long double y[ROWS];
	prices(lp, 1, y);
	long double wa = lmax(y[1], 0), wt = lmax(y[2], 0), least = INFINITY;
	for (size_t i = 0; i < lp->n_allowed; i++) {
		size_t k = lp->allowed[i];
		least = lmin(least, wa * lp->a[k] + wt * lp->t[k]);
	}
	long double vmag, amag, tmag;
	magnitudes(lp, &vmag, &amag, &tmag);
	long double lhs = lp->b[0] * least, rhs = wa * lp->b[1] + wt * lp->b[2];
	long double margin = 1e3L * WIDEN * (lp->b[0] * (wa * amag + wt * tmag) +
					     wa * fabsl(lp->b[1]) + wt * fabsl(lp->b[2]));
	return isfinite(lhs) && lhs > rhs + margin;
}

/* Weak duality's bound from the phase 2 prices (max form, constant included). */
static long double dual_bound(const struct time_lp *lp)
{
	long double y[ROWS];
	prices(lp, 2, y);
	long double pa = lmax(y[1], 0), pt = lmax(y[2], 0), mu = -INFINITY;
	for (size_t i = 0; i < lp->n_allowed; i++) {
		size_t k = lp->allowed[i];
		mu = lmax(mu, lp->v[k] - pa * lp->a[k] - pt * lp->t[k]);
	}
	long double vmag, amag, tmag;
	magnitudes(lp, &vmag, &amag, &tmag);
	long double bound = lp->b[0] * mu + pa * lp->b[1] + pt * lp->b[2] + lp->constant;
	return bound + WIDEN * (lp->b[0] * (vmag + pa * amag + pt * tmag) + pa * fabsl(lp->b[1]) +
				pt * fabsl(lp->b[2]) + fabsl(lp->constant));
}

enum warm { WARM_NONE, WARM_FEASIBLE, WARM_PHASE1 };

/*
 * binv and xb for the last basis from its saved inverse: factor's own
 * answer, bit for bit, since the basis holds only model and slack columns
 * (an optimal basis keeps no artificial) and their entries have not changed
 * since; only the right-hand side moves from node to node.
 */
static void reuse_inverse(struct time_lp *lp)
{
	memcpy(lp->binv, lp->w->last_binv, sizeof lp->binv);
	for (int i = 0; i < ROWS; i++) {
		lp->xb[i] = 0;
		for (int j = 0; j < ROWS; j++)
			lp->xb[i] += lp->binv[i][j] * lp->b[j];
	}
}

/*
 * The last node's optimal basis, when it is still feasible: phase 2 from it
 * directly, or phase 1 when it holds a model this node rules out (the
 * search's "unused" branch), that model then playing an artificial's part.
 */
static enum warm warm_start(struct time_lp *lp)
{
	if (!lp->w->have_last)
		return WARM_NONE;
	enum warm w = WARM_FEASIBLE;
	for (int i = 0; i < ROWS; i++) {
		lp->basis[i] = lp->w->last[i];
		if (artificial(lp, lp->w->last[i]))
			w = WARM_PHASE1;
	}
	if (lp->w->last_binv_valid)
		reuse_inverse(lp);
	else if (!factor(lp))
		return WARM_NONE;
	long double scale = lp->b[0] + fabsl(lp->b[1]) + fabsl(lp->b[2]);
	for (int i = 0; i < ROWS; i++)
		if (lp->xb[i] < -1e-15L * scale)
			return WARM_NONE;
	return w;
}

/* Drive artificials left in the basis at level 0 out; false when one cannot leave. */
static bool drop_artificials(struct time_lp *lp)
{
	for (int r = 0; r < ROWS; r++) {
		if (!artificial(lp, lp->basis[r]))
			continue;
		size_t pick = SIZE_MAX;
		long double best = 0;
		for (size_t i = 0; i <= lp->n_allowed + 1; i++) {
			size_t id = i < lp->n_allowed ? lp->allowed[i] : lp->m + (i - lp->n_allowed);
			if (in_basis(lp, id))
				continue;
			long double c[ROWS];
			column(lp, id, c);
			long double w = lp->binv[r][0] * c[0] + lp->binv[r][1] * c[1] +
					lp->binv[r][2] * c[2];
			if (fabsl(w) > best) {
				best = fabsl(w);
				pick = id;
			}
		}
		if (pick == SIZE_MAX || !(best > 1e-9L))
			return false;
		lp->basis[r] = pick;
		if (!factor(lp))
			return false;
	}
	return true;
}

/*
 * Phase 1 from a feasible basis holding artificials: to 0 and out of the
 * basis, or a certified infeasibility.
 */
static enum time_lp_result phase1(struct time_lp *lp)
{
	if (!run(lp, 1))
		return TIME_LP_UNSURE;
	long double left = 0;
	for (int i = 0; i < ROWS; i++)
		if (artificial(lp, lp->basis[i]))
			left += lmax(lp->xb[i], 0);
	long double scale = lp->b[0] + fabsl(lp->b[1]) + fabsl(lp->b[2]);
	if (left > 1e-12L * scale)
		return certified_infeasible(lp) ? TIME_LP_INFEASIBLE : TIME_LP_UNSURE;
	return drop_artificials(lp) ? TIME_LP_BOUND : TIME_LP_UNSURE;
}

/* Phase 1 from the slack and artificial basis. */
static enum time_lp_result cold_start(struct time_lp *lp)
{
	lp->basis[0] = lp->m + 2;
	lp->basis[1] = lp->art_sign[1] > 0 ? lp->m : lp->m + 3;
	lp->basis[2] = lp->art_sign[2] > 0 ? lp->m + 1 : lp->m + 4;
	return factor(lp) ? phase1(lp) : TIME_LP_UNSURE;
}

/* Round the max form's bound out to a double in the problem's sense. */
static double outward(bool primal, long double u)
{
	double r = (double)u;
	if ((long double)r < u)
		r = nextafter(r, INFINITY);
	return primal ? r : -r;
}

static enum time_lp_result solve(struct time_lp *lp, const struct solve_params *sp,
				 const signed char *zfix, double resource_tol, bool uncharged,
				 double *bound, double *x)
{
	if (!load(lp, sp, zfix, resource_tol, uncharged) || lp->n_allowed == 0)
		return TIME_LP_INFEASIBLE;  /* no x >= 0 over no model sums to K >= 1 */
	enum time_lp_result r = TIME_LP_BOUND;
	switch (warm_start(lp)) {
	case WARM_NONE: r = cold_start(lp); break;
	case WARM_PHASE1: r = phase1(lp); break;
	case WARM_FEASIBLE: break;
	}
	if (r != TIME_LP_BOUND)
		return r;
	if (!run(lp, 2))
		return TIME_LP_UNSURE;
	long double u = dual_bound(lp);
	if (!isfinite(u))
		return TIME_LP_UNSURE;
	*bound = outward(sp->mode == SOLVE_MAX_ACCURACY, u);
	for (size_t k = 0; x != NULL && k < lp->m; k++)
		x[k] = 0;
	for (int i = 0; x != NULL && i < ROWS; i++)
		if (lp->basis[i] < lp->m)
			x[lp->basis[i]] = lp->xb[i] > 0 ? (double)lp->xb[i] : 0;
	memcpy(lp->w->last, lp->basis, sizeof lp->w->last);
	memcpy(lp->w->last_binv, lp->binv, sizeof lp->w->last_binv);
	lp->w->have_last = lp->w->last_binv_valid = true;
	return TIME_LP_BOUND;
}

enum time_lp_result time_lp_solve(struct time_lp *lp, const struct solve_params *sp,
				  const signed char *zfix, double resource_tol, double *bound,
				  double *x)
{
	lp->w = &lp->warm[0];
	enum time_lp_result r = solve(lp, sp, zfix, resource_tol, false, bound, x);
	if (r == TIME_LP_UNSURE) {
		lp->w->have_last = false;
		lp->declined++;
	} else {
		lp->answered++;
	}
	return r;
}

void time_lp_prices(const struct time_lp *lp, long double *pi_a, long double *pi_t)
{
	long double y[ROWS];
	prices(lp, 2, y);
	*pi_a = lmax(y[1], 0);
	*pi_t = lmax(y[2], 0);
}

enum time_lp_result time_lp_solve_uncharged(struct time_lp *lp, const struct solve_params *sp,
					    const signed char *zfix, double resource_tol,
					    double *bound)
{
	lp->w = &lp->warm[1];
	enum time_lp_result r = solve(lp, sp, zfix, resource_tol, true, bound, NULL);
	if (r == TIME_LP_UNSURE)
		lp->w->have_last = false;
	return r;
}
