/*
 * deploy_lp.c - the paper's LP relaxation (x continuous, z in [0, 1],
 * x_k <= K z_k) as one GLPK problem re-solved with new parameters.
 *
 * z is projected out: a free z_k only enters the objective (its loading
 * term) and the device-limit rows, both of which prefer it as small as the
 * link allows, so z_k = x_k / K at every optimum.  What GLPK solves is then
 *
 *   max (primal)  sum (p_k - lambda u_k / K) x_k  over free models
 *               + sum p_k x_k over used ones - lambda (sum used u)
 *
 * (the paper's objective less its constant lambda sum u, which the caller
 * adds back where it reports a figure: see support_search.h),
 *   s.t. sum x = K,  resource row relative to the budget (bound ~0),
 *        sum_free (memory_k / M) x <= K (1 - sum_used memory / M),
 *        x_k = 0 for unused models and models that do not fit in M (or
 *        miss the deadline),
 *        sum (t_k - tau) x <= 0, the time row (tau = duty / rate),
 *
 * The model-count limit sum z <= N becomes sum_free x <= K (N - #used),
 * implied by sum x = K while a model is left (N - #used >= 1); with none
 * left the free models are fixed at 0, and with fewer the node is
 * infeasible.
 *
 * (the dual likewise, minimising cost plus the charges): one column per
 * model and four rows (a fifth kept empty), with no coefficient of size K, so no scaling and a
 * warm-started re-solve is a pivot or two.  Its optimum equals the paper's
 * relaxation with z.
 */
#include "optdeploy/core/deploy_lp.h"

#include <glpk.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "optdeploy/core/limits.h"

#define ROW_SUM 1
#define ROW_RESOURCE 2
#define ROW_COUNT 3   /* kept empty: the count limit never binds the relaxation */
#define ROW_MEMORY 4
#define ROW_TIME 5    /* sum (t_k - tau) x_k <= 0: the time row (limits.h), free when unset */
#define ROWS 5

/*
 * The rows' scales and the time row's bound, each a scan of the whole pool:
 * kept for the parameters they depend on, since a search solves hundreds
 * of node LPs with one set of them.
 */
struct scans {
	bool valid;
	enum solve_mode mode;
	long long k;
	double rate, duty_cycle;
	double rscale, tscale, trow;
};

struct deploy_lp {
	const struct pool *pool;
	const size_t *kept;
	size_t m;
	glp_prob *prob;
	int *ind;      /* 1-based scratch */
	double *val;
	double *mval;  /* memory row */
	double *tval;  /* time row */
	double *last;  /* rows 2..5 as last loaded (4m entries), to skip unchanged ones;
	                  the count row stays empty and free (see set_parameters) */
	bool loaded[ROWS + 1];
	bool mem_row;  /* the memory row is in force (set_parameters) */
	struct scans scans;
};

/*
 * Load row `row` (2..5) from val[1..m] unless it holds those values already:
 * glp_set_mat_row reallocates every element and drops GLPK's factorization,
 * and the search's LPs of one solve share the resource row.
 */
static void load_row(struct deploy_lp *lp, int row, const double *val)
{
	double *last = lp->last + (size_t)(row - 2) * lp->m;
	bool same = lp->loaded[row];
	for (size_t k = 0; same && k < lp->m; k++)
		same = last[k] == val[k + 1];
	if (same)
		return;
	for (size_t k = 0; k < lp->m; k++)
		last[k] = val[k + 1];
	lp->loaded[row] = true;
	glp_set_mat_row(lp->prob, row, (int)lp->m, lp->ind, val);
}

struct deploy_lp *deploy_lp_new(const struct pool *pool, const size_t *kept, size_t m)
{
	struct deploy_lp *lp = calloc(1, sizeof *lp);
	if (lp == NULL)
		return NULL;
	lp->ind = calloc(m + 1, sizeof *lp->ind);
	lp->val = calloc(m + 1, sizeof *lp->val);
	lp->mval = calloc(m + 1, sizeof *lp->mval);
	lp->tval = calloc(m + 1, sizeof *lp->tval);
	lp->last = calloc(4 * m + 1, sizeof *lp->last);
	if (lp->ind == NULL || lp->val == NULL || lp->mval == NULL || lp->tval == NULL ||
	    lp->last == NULL) {
		deploy_lp_free(lp);
		return NULL;
	}
	lp->pool = pool;
	lp->kept = kept;
	lp->m = m;
	lp->prob = glp_create_prob();
	if (m > 0)
		glp_add_cols(lp->prob, (int)m);
	glp_add_rows(lp->prob, ROWS);
	for (size_t k = 0; k < m; k++) {
		lp->ind[k + 1] = (int)k + 1;
		lp->val[k + 1] = 1.0;
	}
	glp_set_mat_row(lp->prob, ROW_SUM, (int)m, lp->ind, lp->val);
	return lp;
}

void deploy_lp_free(struct deploy_lp *lp)
{
	if (lp == NULL)
		return;
	if (lp->prob != NULL)
		glp_delete_prob(lp->prob);
	free(lp->ind);
	free(lp->val);
	free(lp->mval);
	free(lp->tval);
	free(lp->last);
	free(lp);
}

/* z of model k: -1 free, 0 unused, 1 used (the caller's zfix, and the memory limit). */
static int z_state(const struct deploy_lp *lp, const struct solve_params *sp,
		   const signed char *zfix, size_t k)
{
	if (!limits_model_fits(sp, &lp->pool->models[lp->kept[k]]))
		return 0;
	return zfix == NULL || zfix[k] < 0 ? -1 : zfix[k] != 0;
}

/* The scans of sp (struct scans), from the last ones when their parameters are sp's. */
static const struct scans *scans_for(struct deploy_lp *lp, const struct solve_params *sp)
{
	struct scans *c = &lp->scans;
	if (c->valid && c->mode == sp->mode && c->k == sp->k && c->rate == sp->rate &&
	    c->duty_cycle == sp->duty_cycle)
		return c;
	bool time_row = limits_time_active(sp);
	*c = (struct scans){.valid = true, .mode = sp->mode, .k = sp->k, .rate = sp->rate,
			    .duty_cycle = sp->duty_cycle,
			    .rscale = limits_resource_scale(sp, lp->pool),
			    .tscale = time_row ? limits_time_scale(sp, lp->pool) : 0.0,
			    .trow = time_row ? limits_time_row_bound(sp, lp->pool) : 0.0};
	return c;
}

/* Load sp into the problem; true when the decided models already break a limit. */
static bool set_parameters(struct deploy_lp *lp, const struct solve_params *sp,
			   const signed char *zfix, double tol)
{
	bool primal = sp->mode == SOLVE_MAX_ACCURACY;
	double kd = (double)sp->k;
	double cap = limits_memory_cap(sp);
	bool mem_row = isfinite(cap) && cap > 0;
	lp->mem_row = mem_row;
	bool time_row = limits_time_active(sp);
	const struct scans *sc = scans_for(lp, sp);
	double tscale = sc->tscale, rscale = sc->rscale;
	long double constant = 0, used_mem = 0;
	size_t used = 0;

	glp_set_obj_dir(lp->prob, primal ? GLP_MAX : GLP_MIN);
	glp_set_row_bnds(lp->prob, ROW_SUM, GLP_FX, kd, kd);
	for (size_t k = 0; k < lp->m; k++) {
		const struct model *md = &lp->pool->models[lp->kept[k]];
		int col = (int)k + 1, z = z_state(lp, sp, zfix, k);
		double per = primal ? md->accuracy : md->cost;
		double u = sp->lambda * md->load_cost;
		/* no upper bound: sum x = K bounds it, and a bound equal to the
		 * row's value made GLPK report a one-model pool infeasible */
		glp_set_col_bnds(lp->prob, col, z == 0 ? GLP_FX : GLP_LO, 0.0, 0.0);
		if (z == -1)
			per += (primal ? -u : u) / kd;
		else if (z == 1)
			constant += primal ? -u : u;
		glp_set_obj_coef(lp->prob, col, per);
		lp->val[k + 1] = limits_resource_coef(sp, rscale, md);
		lp->mval[k + 1] = z == -1 && mem_row ? md->memory / cap : 0.0;
		lp->tval[k + 1] = time_row ? limits_time_coef(sp, tscale, md->latency) : 0.0;
		used += z == 1;
		used_mem += z == 1 ? md->memory : 0;
	}
	load_row(lp, ROW_RESOURCE, lp->val);
	tol = limits_resource_row_bound(sp, rscale, tol);
	if (primal)
		glp_set_row_bnds(lp->prob, ROW_RESOURCE, GLP_UP, 0.0, tol);
	else
		glp_set_row_bnds(lp->prob, ROW_RESOURCE, GLP_LO, -tol, 0.0);
	/* the count row, sum_free x <= K (max_models - used), holds whenever one
	 * model is left (sum x = K) and then stays free, since GLPK's primal
	 * simplex was seen to call two parallel rows infeasible; with no model
	 * left the free models are fixed at 0 (used > max_models: see the caller) */
	bool none_left = sp->max_models > 0 && used >= sp->max_models;
	for (size_t k = 0; k < lp->m && none_left; k++)
		if (z_state(lp, sp, zfix, k) == -1)
			glp_set_col_bnds(lp->prob, (int)k + 1, GLP_FX, 0.0, 0.0);
	glp_set_row_bnds(lp->prob, ROW_COUNT, GLP_FR, 0.0, 0.0);
	load_row(lp, ROW_MEMORY, lp->mval);
	if (mem_row)
		glp_set_row_bnds(lp->prob, ROW_MEMORY, GLP_UP, 0.0,
				 kd * (double)(1 - used_mem / (long double)cap));
	else
		glp_set_row_bnds(lp->prob, ROW_MEMORY, GLP_FR, 0.0, 0.0);
	load_row(lp, ROW_TIME, lp->tval);
	if (time_row)
		glp_set_row_bnds(lp->prob, ROW_TIME, GLP_UP, 0.0, sc->trow);
	else
		glp_set_row_bnds(lp->prob, ROW_TIME, GLP_FR, 0.0, 0.0);
	glp_set_obj_coef(lp->prob, 0, (double)constant);
	return (sp->max_models > 0 && used > sp->max_models) ||
	       (mem_row ? used_mem > (long double)cap : isfinite(cap) && used_mem > 0);
}

/* Some lambda in [0, 1] has a + lambda d <= cap for both rows (a pair's segment). */
static bool segment_meets(const double a[2], const double b[2], const double cap[2])
{
	double lo = 0, hi = 1;
	for (int r = 0; r < 2; r++) {
		double d = b[r] - a[r];
		if (d == 0 && a[r] > cap[r])
			return false;
		if (d > 0)
			hi = fmin(hi, (cap[r] - a[r]) / d);
		else if (d < 0)
			lo = fmax(lo, (cap[r] - a[r]) / d);
	}
	return lo <= hi;
}

/*
 * GLPK's verdict "infeasible" checked independently when the LP is the
 * budget (or floor) row and the time row alone over the allowed columns
 * (no memory row): per inference, some mix of the models' points (r, s),
 * r the resource row's coefficient (<= 0 wanted) and s the time row's,
 * lies in the quadrant r, s <= 0.  The convex hull of points meets a
 * quadrant only if a point or the segment of two does (Caratheodory in the
 * plane, and a triangle meeting the quadrant has an edge that does), so
 * pairs decide it.  True when a mix exists: GLPK was wrong, and the caller
 * must not call the problem infeasible.  False also when the check does not
 * apply (no time row, or a memory row in the LP).
 */
static bool two_rows_feasible(const struct deploy_lp *lp, const struct solve_params *sp,
			      double resource_tol)
{
	if (!limits_time_active(sp) || lp->mem_row)
		return false;
	bool primal = sp->mode == SOLVE_MAX_ACCURACY;
	double kd = (double)sp->k, tscale = limits_time_scale(sp, lp->pool);
	double rscale = limits_resource_scale(sp, lp->pool);
	double cap[2] = {limits_resource_row_bound(sp, rscale, resource_tol) / kd,
			 limits_time_row_bound(sp, lp->pool) / kd};
	for (size_t i = 0; i < lp->m; i++) {
		if (glp_get_col_type(lp->prob, (int)i + 1) == GLP_FX)
			continue;  /* fixed at 0: unused, or not allowed */
		const struct model *a = &lp->pool->models[lp->kept[i]];
		double pa[2] = {(primal ? 1 : -1) * limits_resource_coef(sp, rscale, a),
				limits_time_coef(sp, tscale, a->latency)};
		for (size_t j = i; j < lp->m; j++) {
			if (glp_get_col_type(lp->prob, (int)j + 1) == GLP_FX)
				continue;
			const struct model *b = &lp->pool->models[lp->kept[j]];
			double pb[2] = {(primal ? 1 : -1) * limits_resource_coef(sp, rscale, b),
					limits_time_coef(sp, tscale, b->latency)};
			if (segment_meets(pa, pb, cap))
				return true;
		}
	}
	return false;
}

/*
 * A bound GLPK's tolerances cannot spoil.  GLPK calls a basis optimal when
 * every reduced cost is within 1e-7 of the right sign, and a column's
 * objective carries lambda u / K, 1e-8 at K = 1e9: two models of equal
 * accuracy then tie for GLPK, and its "optimum" could sit lambda x (u_a -
 * u_b) below the true one (27 of 8.4e10 at K = 1e9: the solver returned the
 * model dearer to load as optimal, test_solve_adversarial).  Weak duality
 * gives a bound from any row prices y of the right signs, computed here in
 * long double: the constant, plus b'y, plus K times the largest reduced
 * cost c_j - a_j'y of a column that may be used (sum x = K, x >= 0), the
 * smallest for the dual.  It is never weaker than the truth; the caller gets
 * the looser of it and GLPK's value.
 */
static double safe_bound(const struct deploy_lp *lp, const struct solve_params *sp, double glpk)
{
	bool max = sp->mode == SOLVE_MAX_ACCURACY;
	long double y[ROWS + 1], bound = glp_get_obj_coef(lp->prob, 0);
	for (int r = 1; r <= ROWS; r++) {
		int type = glp_get_row_type(lp->prob, r);
		long double d = glp_get_row_dual(lp->prob, r);
		long double b = 0;
		if (type == GLP_FX || type == GLP_UP)
			b = glp_get_row_ub(lp->prob, r);
		else if (type == GLP_LO)
			b = glp_get_row_lb(lp->prob, r);
		/* signs weak duality allows: (max) y >= 0 on <= rows, <= 0 on >= rows */
		if (type == GLP_FR || (type == GLP_UP && (max ? d < 0 : d > 0)) ||
		    (type == GLP_LO && (max ? d > 0 : d < 0)))
			d = 0;
		y[r] = d;
		bound += b * d;
	}
	long double best = max ? -INFINITY : INFINITY;
	bool any = false;
	for (size_t k = 0; k < lp->m; k++) {
		int col = (int)k + 1;
		if (glp_get_col_type(lp->prob, col) == GLP_FX)
			continue;  /* x_k = 0 */
		long double red = (long double)glp_get_obj_coef(lp->prob, col) - y[ROW_SUM] -
				  y[ROW_RESOURCE] * lp->val[k + 1] - y[ROW_MEMORY] * lp->mval[k + 1] -
				  y[ROW_TIME] * lp->tval[k + 1];
		best = max ? fmaxl(best, red) : fminl(best, red);
		any = true;
	}
	if (!any)
		return glpk;
	bound += (long double)sp->k * best;
	return max ? fmax(glpk, (double)bound) : fmin(glpk, (double)bound);
}

enum deploy_lp_result deploy_lp_solve(struct deploy_lp *lp, const struct solve_params *sp,
				      const signed char *zfix, double resource_tol, int time_limit_ms, double *objective,
				      double *x)
{
	glp_smcp parm;
	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.meth = GLP_DUALP;
	parm.tm_lim = time_limit_ms;

	if (set_parameters(lp, sp, zfix, resource_tol))
		return DEPLOY_LP_INFEASIBLE;
	int rc = glp_simplex(lp->prob, &parm);
	if (rc != 0 && rc != GLP_ETMLIM) {
		/* the previous basis can be singular for the new matrix: start afresh */
		glp_adv_basis(lp->prob, 0);
		rc = glp_simplex(lp->prob, &parm);
	}
	if (rc == GLP_ETMLIM)
		return DEPLOY_LP_TIME_LIMIT;
	if (rc != 0)
		return DEPLOY_LP_FAILED;
	int st = glp_get_status(lp->prob);
	if (st != GLP_OPT) {
		/* a warm start can end in a wrong verdict on these magnitudes:
		 * confirm from a fresh basis with the primal simplex */
		glp_adv_basis(lp->prob, 0);
		parm.meth = GLP_PRIMAL;
		rc = glp_simplex(lp->prob, &parm);
		if (rc == GLP_ETMLIM)
			return DEPLOY_LP_TIME_LIMIT;
		st = rc == 0 ? glp_get_status(lp->prob) : GLP_UNDEF;
	}
	if (st == GLP_NOFEAS)
		return two_rows_feasible(lp, sp, resource_tol) ? DEPLOY_LP_FAILED
							       : DEPLOY_LP_INFEASIBLE;
	if (st != GLP_OPT)
		return DEPLOY_LP_FAILED;
	*objective = safe_bound(lp, sp, glp_get_obj_val(lp->prob));
	for (size_t k = 0; k < lp->m; k++)
		x[k] = glp_get_col_prim(lp->prob, (int)k + 1);
	return DEPLOY_LP_OPTIMAL;
}
