/*
 * deploy_lp.c - the paper's LP relaxation (x continuous, z in [0, 1],
 * x_k <= K z_k) as one GLPK problem re-solved with new parameters.
 */
#include "optdeploy/core/deploy_lp.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>

#include "optdeploy/core/limits.h"

struct deploy_lp {
	const struct pool *pool;
	const size_t *kept;
	size_t m;
	glp_prob *prob;
	int *ind;      /* 1-based scratch */
	double *val;
	double *zval;  /* 1-based scratch for the device-limit rows */
	long long scaled_k;   /* K and mode of GLPK's current scale factors; 0: none */
	int scaled_mode;
};

/* Rows after the m links: the model-count limit and the memory limit. */
#define ROW_COUNT(lp) ((int)(lp)->m + 3)
#define ROW_MEMORY(lp) ((int)(lp)->m + 4)

struct deploy_lp *deploy_lp_new(const struct pool *pool, const size_t *kept, size_t m)
{
	struct deploy_lp *lp = calloc(1, sizeof *lp);
	if (lp == NULL)
		return NULL;
	lp->ind = calloc(m + 1, sizeof *lp->ind);
	lp->val = calloc(m + 1, sizeof *lp->val);
	lp->zval = calloc(m + 1, sizeof *lp->zval);
	if (lp->ind == NULL || lp->val == NULL || lp->zval == NULL) {
		deploy_lp_free(lp);
		return NULL;
	}
	lp->pool = pool;
	lp->kept = kept;
	lp->m = m;
	lp->prob = glp_create_prob();
	glp_add_cols(lp->prob, (int)(2 * m));
	glp_add_rows(lp->prob, (int)(4 + m));
	for (size_t k = 0; k < m; k++) {
		lp->ind[k + 1] = (int)k + 1;
		lp->val[k + 1] = 1.0;
		glp_set_row_bnds(lp->prob, (int)k + 3, GLP_UP, 0.0, 0.0);
	}
	glp_set_mat_row(lp->prob, 1, (int)m, lp->ind, lp->val);
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
	free(lp->zval);
	free(lp);
}

/*
 * sum z <= max_models and sum (memory / limit) z <= 1 (the memory row
 * relative to the limit, so its coefficients are near 1 in any unit); free
 * rows when no limit is set.
 */
static void set_limit_rows(struct deploy_lp *lp, const struct solve_params *sp)
{
	double cap = limits_memory_cap(sp);
	for (size_t k = 0; k < lp->m; k++) {
		lp->ind[k + 1] = (int)(lp->m + k) + 1;
		lp->val[k + 1] = 1.0;
		double mem = lp->pool->models[lp->kept[k]].memory;
		lp->zval[k + 1] = isfinite(cap) && cap > 0 ? mem / cap : 0.0;
	}
	glp_set_mat_row(lp->prob, ROW_COUNT(lp), (int)lp->m, lp->ind, lp->val);
	glp_set_mat_row(lp->prob, ROW_MEMORY(lp), (int)lp->m, lp->ind, lp->zval);
	if (sp->max_models > 0)
		glp_set_row_bnds(lp->prob, ROW_COUNT(lp), GLP_UP, 0.0, (double)sp->max_models);
	else
		glp_set_row_bnds(lp->prob, ROW_COUNT(lp), GLP_FR, 0.0, 0.0);
	/* a zero limit leaves only models of zero memory, fixed by the columns */
	if (isfinite(cap) && cap > 0)
		glp_set_row_bnds(lp->prob, ROW_MEMORY(lp), GLP_UP, 0.0, 1.0);
	else
		glp_set_row_bnds(lp->prob, ROW_MEMORY(lp), GLP_FR, 0.0, 0.0);
}

static void set_parameters(struct deploy_lp *lp, const struct solve_params *sp,
			   const signed char *zfix, double tol)
{
	bool primal = sp->mode == SOLVE_MAX_ACCURACY;
	double kd = (double)sp->k;
	long double load = 0;

	glp_set_obj_dir(lp->prob, primal ? GLP_MAX : GLP_MIN);
	glp_set_row_bnds(lp->prob, 1, GLP_FX, kd, kd);
	for (size_t k = 0; k < lp->m; k++) {
		const struct model *md = &lp->pool->models[lp->kept[k]];
		int x = (int)k + 1, z = (int)(lp->m + k) + 1;
		double u = sp->lambda * md->load_cost;
		/* an unused model's count is fixed at 0 directly, not through the
		 * link row whose coefficient K = 1e9 GLPK resolves only to 1e-7 K */
		if (zfix != NULL && zfix[k] == 0)
			glp_set_col_bnds(lp->prob, x, GLP_FX, 0.0, 0.0);
		else  /* no upper bound: sum x = K bounds it, and a bound equal to
		       * the row's value made GLPK report a one-model pool infeasible */
			glp_set_col_bnds(lp->prob, x, GLP_LO, 0.0, 0.0);
		glp_set_obj_coef(lp->prob, x, primal ? md->accuracy : md->cost);
		glp_set_obj_coef(lp->prob, z, primal ? -u : u);
		if (!limits_model_fits(sp, md)) {  /* too big for the memory limit alone */
			glp_set_col_bnds(lp->prob, x, GLP_FX, 0.0, 0.0);
			glp_set_col_bnds(lp->prob, z, GLP_FX, 0.0, 0.0);
		} else if (zfix == NULL || zfix[k] < 0) {
			glp_set_col_bnds(lp->prob, z, GLP_DB, 0.0, 1.0);
		} else {
			glp_set_col_bnds(lp->prob, z, GLP_FX, zfix[k], zfix[k]);
		}
		lp->ind[k + 1] = x;
		lp->val[k + 1] = primal ? md->cost - sp->budget : md->accuracy - sp->min_accuracy;
		int lind[3] = {0, x, z};
		double lval[3] = {0, 1.0, -kd};
		glp_set_mat_row(lp->prob, (int)k + 3, 2, lind, lval);
	}
	for (size_t i = 0; i < lp->pool->n; i++)
		load += lp->pool->models[i].load_cost;
	glp_set_mat_row(lp->prob, 2, (int)lp->m, lp->ind, lp->val);
	set_limit_rows(lp, sp);
	if (primal)
		glp_set_row_bnds(lp->prob, 2, GLP_UP, 0.0, tol);
	else
		glp_set_row_bnds(lp->prob, 2, GLP_LO, -tol, 0.0);
	/* the primal objective counts lambda * u for every unused model */
	glp_set_obj_coef(lp->prob, 0, primal ? (double)(sp->lambda * load) : 0.0);
	/* K sits beside 1 in the link rows: let GLPK equilibrate.  Its factors
	 * depend on K (the links) and the mode (which data fill the resource
	 * row, in [-128, 128] in the solver's units either way), not on the
	 * budget: re-solves along a budget slider or a sweep keep them, which
	 * halves a re-solve's work (glp_scale_prob was half of it). */
	if (lp->scaled_k != sp->k || lp->scaled_mode != (int)sp->mode) {
		glp_scale_prob(lp->prob, GLP_SF_AUTO);
		lp->scaled_k = sp->k;
		lp->scaled_mode = (int)sp->mode;
	}
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

	set_parameters(lp, sp, zfix, resource_tol);
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
		return DEPLOY_LP_INFEASIBLE;
	if (st != GLP_OPT)
		return DEPLOY_LP_FAILED;
	*objective = glp_get_obj_val(lp->prob);
	for (size_t k = 0; k < lp->m; k++)
		x[k] = glp_get_col_prim(lp->prob, (int)k + 1);
	return DEPLOY_LP_OPTIMAL;
}
