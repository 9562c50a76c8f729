/*
 * deploy_mip.c - the exact integer program in split-count form (see
 * deploy_mip.h for why), solved by GLPK's branch and bound.
 *
 * Columns: h_k (1..m), r_k (m+1..2m), z_k (2m+1..3m), w (3m+1).
 * Rows:    1 sum r - Q w = K mod Q;  2 sum h + w = K div Q;  3 resource;
 *          4..m+3 h_k - H z_k <= 0;  m+4..2m+3 r_k - (Q-1) z_k <= 0;
 *          2m+4 sum z <= max_models;  2m+5 sum (memory / limit) z <= 1
 *          (the device limits; free rows when unset or the support is fixed);
 *          2m+6 the time row sum (t_k - tau)(Q h_k + r_k) <= 0, written like
 *          the resource row (free without a rate).
 */
#include "optdeploy/core/deploy_mip.h"

#include <glpk.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "optdeploy/core/limits.h"

struct deploy_mip {
	const struct pool *pool;
	const size_t *kept;
	size_t m;
	glp_prob *prob;
	int *ind;           /* 1-based scratch, 2m+2 entries */
	double *val;
	double *start;      /* incumbent handed to GLPK, 1-based columns */
	bool start_ready;
	long long scaled_k; /* K and mode of GLPK's current scale factors; 0: none */
	int scaled_mode;
	bool scaled_time;   /* ... and whether the time row was on */
};

#define SPLIT_ABOVE_K 10000LL  /* K * 1e-10 (tol_int) stays far below 1 up to here */

#define COL_H(k) ((int)(k) + 1)
#define COL_R(mip, k) ((int)((mip)->m + (k)) + 1)
#define COL_Z(mip, k) ((int)(2 * (mip)->m + (k)) + 1)
#define COL_W(mip) ((int)(3 * (mip)->m) + 1)
#define ROW_HLINK(k) ((int)(k) + 4)
#define ROW_RLINK(mip, k) ((int)((mip)->m + (k)) + 4)
#define ROW_COUNT(mip) ((int)(2 * (mip)->m) + 4)
#define ROW_MEMORY(mip) ((int)(2 * (mip)->m) + 5)
#define ROW_TIME(mip) ((int)(2 * (mip)->m) + 6)

struct deploy_mip *deploy_mip_new(const struct pool *pool, const size_t *kept, size_t m)
{
	struct deploy_mip *mip = calloc(1, sizeof *mip);
	if (mip == NULL)
		return NULL;
	mip->ind = calloc(2 * m + 2, sizeof *mip->ind);
	mip->val = calloc(2 * m + 2, sizeof *mip->val);
	mip->start = calloc(3 * m + 2, sizeof *mip->start);
	if (mip->ind == NULL || mip->val == NULL || mip->start == NULL) {
		deploy_mip_free(mip);
		return NULL;
	}
	mip->pool = pool;
	mip->kept = kept;
	mip->m = m;
	return mip;
}

/*
 * The GLPK problem, built on the first solve: most solves never reach an
 * integer program of the whole pool, and a cold solve (the CLI's) would pay
 * for building and deleting it.
 */
static void build_prob(struct deploy_mip *mip)
{
	size_t m = mip->m;
	mip->prob = glp_create_prob();
	glp_add_cols(mip->prob, (int)(3 * m + 1));
	glp_add_rows(mip->prob, (int)(2 * m + 6));
	for (size_t k = 0; k < m; k++) {
		glp_set_col_kind(mip->prob, COL_H(k), GLP_IV);
		glp_set_col_kind(mip->prob, COL_R(mip, k), GLP_IV);
		glp_set_col_kind(mip->prob, COL_Z(mip, k), GLP_BV);
		glp_set_row_bnds(mip->prob, ROW_HLINK(k), GLP_UP, 0.0, 0.0);
		glp_set_row_bnds(mip->prob, ROW_RLINK(mip, k), GLP_UP, 0.0, 0.0);
	}
	glp_set_col_kind(mip->prob, COL_W(mip), GLP_IV);
	glp_set_col_bnds(mip->prob, COL_W(mip), GLP_DB, 0.0, (double)m);
}

void deploy_mip_free(struct deploy_mip *mip)
{
	if (mip == NULL)
		return;
	if (mip->prob != NULL)
		glp_delete_prob(mip->prob);
	free(mip->ind);
	free(mip->val);
	free(mip->start);
	free(mip);
}

static void set_row2(glp_prob *p, int row, int c1, double v1, int c2, double v2)
{
	int ind[3] = {0, c1, c2};
	double val[3] = {0, v1, v2};
	glp_set_mat_row(p, row, 2, ind, val);
}

/* The two count rows: sum r - Q w = K mod Q and sum h + w = K div Q. */
static void set_count_rows(struct deploy_mip *mip, long long q, long long k)
{
	size_t m = mip->m;
	for (size_t j = 0; j < m; j++) {
		mip->ind[j + 1] = COL_R(mip, j);
		mip->val[j + 1] = 1.0;
	}
	mip->ind[m + 1] = COL_W(mip);
	mip->val[m + 1] = -(double)q;
	glp_set_mat_row(mip->prob, 1, (int)m + 1, mip->ind, mip->val);
	glp_set_row_bnds(mip->prob, 1, GLP_FX, (double)(k % q), (double)(k % q));
	for (size_t j = 0; j < m; j++)
		mip->ind[j + 1] = COL_H(j);
	mip->val[m + 1] = 1.0;
	glp_set_mat_row(mip->prob, 2, (int)m + 1, mip->ind, mip->val);
	glp_set_row_bnds(mip->prob, 2, GLP_FX, (double)(k / q), (double)(k / q));
}

/*
 * The device limits over z (memory relative to the limit, so near 1 in any
 * unit).  With a support fixed by the caller they are free rows: the caller
 * only offers supports that meet them.
 */
static void set_limit_rows(struct deploy_mip *mip, const struct solve_params *sp, bool active)
{
	size_t m = mip->m;
	double cap = limits_memory_cap(sp);
	for (size_t k = 0; k < m; k++) {
		mip->ind[k + 1] = COL_Z(mip, k);
		mip->val[k + 1] = 1.0;
	}
	glp_set_mat_row(mip->prob, ROW_COUNT(mip), (int)m, mip->ind, mip->val);
	for (size_t k = 0; k < m; k++) {
		double mem = mip->pool->models[mip->kept[k]].memory;
		mip->val[k + 1] = isfinite(cap) && cap > 0 ? mem / cap : 0.0;
	}
	glp_set_mat_row(mip->prob, ROW_MEMORY(mip), (int)m, mip->ind, mip->val);
	if (active && sp->max_models > 0)
		glp_set_row_bnds(mip->prob, ROW_COUNT(mip), GLP_UP, 0.0, (double)sp->max_models);
	else
		glp_set_row_bnds(mip->prob, ROW_COUNT(mip), GLP_FR, 0.0, 0.0);
	if (active && isfinite(cap) && cap > 0)
		glp_set_row_bnds(mip->prob, ROW_MEMORY(mip), GLP_UP, 0.0, 1.0);
	else
		glp_set_row_bnds(mip->prob, ROW_MEMORY(mip), GLP_FR, 0.0, 0.0);
}

/* The time row over h and r (limits.h), or a free row without a rate. */
static void set_time_row(struct deploy_mip *mip, const struct solve_params *sp, long long q)
{
	size_t m = mip->m;
	bool on = limits_time_active(sp);
	double scale = on ? limits_time_scale(sp, mip->pool) : 0.0;
	for (size_t k = 0; k < m; k++) {
		double d = on ? limits_time_coef(sp, scale, mip->pool->models[mip->kept[k]].latency)
			      : 0.0;
		mip->ind[k + 1] = COL_H(k);
		mip->val[k + 1] = d * (double)q;
		mip->ind[m + k + 1] = COL_R(mip, k);
		mip->val[m + k + 1] = d;
	}
	glp_set_mat_row(mip->prob, ROW_TIME(mip), (int)(2 * m), mip->ind, mip->val);
	if (on)
		glp_set_row_bnds(mip->prob, ROW_TIME(mip), GLP_UP, 0.0,
				 limits_time_row_bound(sp, mip->pool));
	else
		glp_set_row_bnds(mip->prob, ROW_TIME(mip), GLP_FR, 0.0, 0.0);
}

static void set_parameters(struct deploy_mip *mip, const struct solve_params *sp,
			   const bool *use, long long q, double tol, double shift)
{
	bool primal = sp->mode == SOLVE_MAX_ACCURACY;
	long long h_max = sp->k / q;
	size_t m = mip->m;
	double rscale = limits_resource_scale(sp, mip->pool);

	glp_set_obj_dir(mip->prob, primal ? GLP_MAX : GLP_MIN);
	set_count_rows(mip, q, sp->k);
	for (size_t k = 0; k < m; k++) {
		const struct model *md = &mip->pool->models[mip->kept[k]];
		double per = primal ? md->accuracy : md->cost;
		double res = limits_resource_coef(sp, rscale, md);
		double u = sp->lambda * md->load_cost;

		glp_set_col_bnds(mip->prob, COL_H(k), h_max > 0 ? GLP_DB : GLP_FX, 0.0,
				 (double)h_max);
		/* GLPK wants lb < ub for a double-bounded column (q = 1 when K = 1) */
		glp_set_col_bnds(mip->prob, COL_R(mip, k), q > 1 ? GLP_DB : GLP_FX, 0.0,
				 (double)(q - 1));
		glp_set_obj_coef(mip->prob, COL_H(k), per * (double)q);
		glp_set_obj_coef(mip->prob, COL_R(mip, k), per);
		glp_set_obj_coef(mip->prob, COL_Z(mip, k), primal ? -u : u);
		/* a support decided by the caller fixes z; otherwise GLPK branches
		 * on the priced ones (on all under a device limit, where using a
		 * model costs capacity), and an unpriced z is pinned to 1 (slack
		 * links); a model too big for the memory limit alone is unused */
		if (!limits_model_fits(sp, md))
			glp_set_col_bnds(mip->prob, COL_Z(mip, k), GLP_FX, 0.0, 0.0);
		else if (use == NULL && (u > 0 || limits_active(sp)))
			glp_set_col_bnds(mip->prob, COL_Z(mip, k), GLP_DB, 0.0, 1.0);
		else if (use == NULL || use[k])
			glp_set_col_bnds(mip->prob, COL_Z(mip, k), GLP_FX, 1.0, 1.0);
		else
			glp_set_col_bnds(mip->prob, COL_Z(mip, k), GLP_FX, 0.0, 0.0);
		set_row2(mip->prob, ROW_HLINK(k), COL_H(k), 1.0, COL_Z(mip, k), -(double)h_max);
		set_row2(mip->prob, ROW_RLINK(mip, k), COL_R(mip, k), 1.0, COL_Z(mip, k),
			 -(double)(q - 1));
		mip->ind[k + 1] = COL_H(k);
		mip->val[k + 1] = res * (double)q;
		mip->ind[m + k + 1] = COL_R(mip, k);
		mip->val[m + k + 1] = res;
	}
	glp_set_mat_row(mip->prob, 3, (int)(2 * m), mip->ind, mip->val);
	set_limit_rows(mip, sp, use == NULL);
	set_time_row(mip, sp, q);
	tol = limits_resource_row_bound(sp, rscale, tol);
	if (primal)
		glp_set_row_bnds(mip->prob, 3, GLP_UP, 0.0, tol);
	else
		glp_set_row_bnds(mip->prob, 3, GLP_LO, -tol, 0.0);
	/* no constant lambda sum u: objectives are support_objective's (support_search.h) */
	glp_set_obj_coef(mip->prob, 0, -shift);
	/* as in deploy_lp.c: the factors follow K and the mode, not the budget */
	if (mip->scaled_k != sp->k || mip->scaled_mode != (int)sp->mode ||
	    mip->scaled_time != limits_time_active(sp)) {
		glp_scale_prob(mip->prob, GLP_SF_AUTO);
		mip->scaled_k = sp->k;
		mip->scaled_mode = (int)sp->mode;
		mip->scaled_time = limits_time_active(sp);
	}
}

/* The incumbent in this problem's columns (1-based), for glp_ios_heur_sol. */
static void load_start(struct deploy_mip *mip, const long long *x, long long q, long long k)
{
	long long r_sum = 0;
	for (size_t j = 0; j < mip->m; j++) {
		mip->start[COL_H(j)] = (double)(x[j] / q);
		mip->start[COL_R(mip, j)] = (double)(x[j] % q);
		double lb = glp_get_col_lb(mip->prob, COL_Z(mip, j));
		double ub = glp_get_col_ub(mip->prob, COL_Z(mip, j));
		mip->start[COL_Z(mip, j)] = lb == ub ? lb : x[j] > 0 ? 1.0 : 0.0;
		r_sum += x[j] % q;
	}
	mip->start[COL_W(mip)] = (double)((r_sum - k % q) / q);
	mip->start_ready = true;
}

static void on_branch_event(glp_tree *tree, void *info)
{
	struct deploy_mip *mip = info;
	if (glp_ios_reason(tree) == GLP_IHEUR && mip->start_ready) {
		mip->start_ready = false;
		glp_ios_heur_sol(tree, mip->start);
	}
}

static enum deploy_mip_result read_solution(const struct deploy_mip *mip, long long q,
					    long long *x)
{
	for (size_t k = 0; k < mip->m; k++) {
		long long h = llround(glp_mip_col_val(mip->prob, COL_H(k)));
		long long r = llround(glp_mip_col_val(mip->prob, COL_R(mip, k)));
		x[k] = h * q + r;
		/* the links make this impossible; refuse rather than misreport */
		if (x[k] > 0 && glp_mip_col_val(mip->prob, COL_Z(mip, k)) < 0.5)
			return DEPLOY_MIP_FAILED;
	}
	return DEPLOY_MIP_OPTIMAL;
}

/*
 * GLPK's "no integer solution" after a feasible relaxation, checked on the
 * unscaled problem.  A time row mixes (t_k - tau) Q ~ 1e6 with a model
 * whose latency is within 1/K of tau (~4e-8): GLP_SF_AUTO's factors then
 * leave y in the 1e10s and GLPK's branch and bound drops a feasible node
 * (K = 999999937, max-models 1, test_solve_adversarial), so a model that
 * meets every row alone was reported infeasible.  Unscaled, GLPK solves
 * those problems; false (with the relaxation re-solved unscaled, ready for
 * glp_intopt) when the verdict needs that second look.  The next solve
 * scales afresh.
 */
static bool confirm_no_integer(struct deploy_mip *mip, glp_smcp *lp_parm)
{
	glp_unscale_prob(mip->prob);
	mip->scaled_k = 0;
	glp_adv_basis(mip->prob, 0);
	lp_parm->meth = GLP_DUALP;
	int rc = glp_simplex(mip->prob, lp_parm);
	return rc != 0 || glp_get_status(mip->prob) != GLP_OPT;
}

enum deploy_mip_result deploy_mip_solve(struct deploy_mip *mip, const struct solve_params *sp,
					const bool *use, double resource_tol,
					const long long *incumbent,
					double incumbent_objective, int time_limit_ms,
					long long *x)
{
	if (mip->prob == NULL)
		build_prob(mip);
	/* small K needs no split: q > K leaves h = w = 0 and r = x, the plain
	 * model, whose branch and bound has a third of the integers to branch on */
	long long q = sp->k + 1;
	if (sp->k > SPLIT_ABOVE_K) {
		q = (long long)ceil(sqrt((double)sp->k));
		while (q * q < sp->k)
			q++;
	}
	set_parameters(mip, sp, use, q, resource_tol, isfinite(incumbent_objective) ? incumbent_objective : 0.0);

	glp_smcp lp_parm;
	glp_init_smcp(&lp_parm);
	lp_parm.msg_lev = GLP_MSG_OFF;
	lp_parm.meth = GLP_DUALP;
	lp_parm.tm_lim = time_limit_ms;
	int rc = glp_simplex(mip->prob, &lp_parm);
	if (rc != 0 && rc != GLP_ETMLIM) {
		glp_adv_basis(mip->prob, 0);
		rc = glp_simplex(mip->prob, &lp_parm);
	}
	if (rc == GLP_ETMLIM)
		return DEPLOY_MIP_TIME_LIMIT;
	if (rc != 0)
		return DEPLOY_MIP_FAILED;
	if (glp_get_status(mip->prob) != GLP_OPT) {
		/* confirm a negative verdict from a fresh basis (see deploy_lp.c) */
		glp_adv_basis(mip->prob, 0);
		lp_parm.meth = GLP_PRIMAL;
		rc = glp_simplex(mip->prob, &lp_parm);
		if (rc == GLP_ETMLIM)
			return DEPLOY_MIP_TIME_LIMIT;
		if (rc == 0 && glp_get_status(mip->prob) == GLP_NOFEAS)
			return DEPLOY_MIP_INFEASIBLE;
		if (rc != 0 || glp_get_status(mip->prob) != GLP_OPT)
			return DEPLOY_MIP_FAILED;
	}

	if (!isfinite(incumbent_objective)) {
		/* no incumbent to shift by: GLPK's relative tol_obj would act on the
		 * whole objective, 1e-10 of 7e10 = 7, more than the one inference
		 * a two-row optimum at K = 1e9 can hinge on (a policy 5 below the
		 * optimum was answered, test_solve_adversarial); shift by the
		 * relaxation's value instead, which the optimum lies near */
		glp_set_obj_coef(mip->prob, 0, glp_get_obj_coef(mip->prob, 0) -
					       glp_get_obj_val(mip->prob));
	}
	if (incumbent != NULL)
		load_start(mip, incumbent, q, sp->k);
	glp_iocp parm;
	glp_init_iocp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.tm_lim = time_limit_ms;
	/* the objective is shifted by the incumbent, so GLPK's relative pruning
	 * tolerance applies to values near 0; keep it far below one inference */
	parm.tol_obj = 1e-10;
	/* h_k carries (c_k - b) Q ~ 3e6 in the resource row: an h within the
	 * default 1e-5 of an integer moves that row by 30 once rounded */
	parm.tol_int = 1e-10;
	parm.cb_func = on_branch_event;
	parm.cb_info = mip;
	rc = glp_intopt(mip->prob, &parm);
	mip->start_ready = false;
	int st = glp_mip_status(mip->prob);
	if (rc == 0 && st == GLP_NOFEAS && !confirm_no_integer(mip, &lp_parm)) {
		rc = glp_intopt(mip->prob, &parm);
		st = glp_mip_status(mip->prob);
	}
	if (st == GLP_NOFEAS)
		return DEPLOY_MIP_INFEASIBLE;
	if (rc == GLP_ETMLIM || (rc == 0 && st == GLP_FEAS))
		return DEPLOY_MIP_TIME_LIMIT;
	if (rc != 0 || st != GLP_OPT)
		return DEPLOY_MIP_FAILED;
	return read_solution(mip, q, x);
}
