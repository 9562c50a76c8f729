/*
 * deploy_near_time.c - one support's exact integer program with the time
 * row, restricted to a box that provably holds every policy at least as
 * good as a feasible rounding of its LP vertex, solved by GLPK.
 *
 * Write the support's problem with the slack coefficients the solver's
 * feasibility test uses (support_search.c's feasible()):
 *
 *   max v.x  s.t.  sum x = K,  a.x + tol_w >= 0,  b.x + tol_t >= 0,  x >= 0 integer
 *
 * (primal: v = accuracy, a = budget - cost; dual: v = -cost, a = accuracy -
 * floor; b = tau - latency with tau = duty / rate; the tolerances are the
 * solver's: resource_tol and limits_time_tolerance).  S_w(x) = a.x + tol_w
 * and S_t(x) = b.x + tol_t are the rows' slacks.
 *
 * Take ANY mu and pi_w, pi_t >= 0 and r_k = v_k - mu + pi_w a_k + pi_t b_k.
 * For two policies x and x0, both summing to K (so mu cancels):
 *
 *   v.x - v.x0 = pi_w (S_w(x0) - S_w(x)) + pi_t (S_t(x0) - S_t(x)) + r.x - r.x0.
 *
 * With mu = max_k (v_k + pi_w a_k + pi_t b_k), every r_k <= 0 (weak
 * duality), so every feasible x with v.x >= v.x0 satisfies
 *
 *   sum |r_k| x_k + pi_w S_w(x) + pi_t S_t(x) <= G
 *   G = pi_w S_w(x0) + pi_t S_t(x0) + sum |r_k| x0_k,               (1)
 *
 * a sum of non-negative terms.  The duals are the support's LP's (near_lp.c
 * by its bases for a few models, else time_lp's 3 x 3 simplex, GLPK's
 * when it declines or with a memory limit; clamped to >= 0: any value is
 * valid, good ones make the box small), and x0 is the best feasible
 * policy (checked exactly) among the roundings of the LP vertex, the
 * single models and the last answer (a re-solve's or the next sweep
 * level's optimum is often the new one or near it: then G, the gap to the
 * LP, and the box are as small as they can be).
 * From (1):
 *
 * (i) every model with |r_k| > 0 has x_k <= G / |r_k|;
 * (ii) 0 <= S_w(x) <= G / pi_w when pi_w > 0, and S_t likewise;
 * (iii) the (at most three) models left unbounded by (i) - the LP's basic
 * models - are bounded through the rows' equations, which hold exactly:
 * with d = x - x0,  sum d = 0,  a.d = S_w(x) - S_w(x0),  b.d = S_t(x) -
 * S_t(x0).  Choosing as many rows (sum x = K, and the rows with pi > 0) as
 * free models, d_F = M^-1 (rhs - M_N d_N), an interval given the box of
 * the others (i) and the slack ranges (ii); the others' part is bounded
 * both term by term and by sum |r_k| x_k <= G.
 *
 * No size depends on K: G is a few units of objective (x0 is within a few
 * inferences of the vertex), so the boxes are data-sized.  Every rounding
 * widens: the reduced costs carry a bound on long double's error, G and the
 * slacks the error of evaluating a row in long double (2^-64 per term), the
 * inverse an allowance 10^4 times its error bound (conditions above 1e9
 * are refused).  GLPK then solves the box in offsets d (small numbers at
 * any K) with both rows, from d = 0, and proves its optimum; the answer is
 * checked against both rows as feasible() does.  Ties with the vertex (more
 * models left wide than rows: their points collinear for the priced row)
 * are split into cases by an exact exchange (solve_tied, near_tie.h), each
 * a small box GLPK proves.  A tie that is not exact in integers, a
 * near-singular basis, no feasible rounding, a box beyond NEAR_BOX_CAP, or
 * an answer GLPK's tolerances let through: the caller solves the support
 * with deploy_mip's split-count program instead.
 */
#include "optdeploy/core/deploy_near_time.h"
#include "optdeploy/core/deadline.h"
#include "optdeploy/core/limits.h"
#include "optdeploy/core/near_box.h"
#include "optdeploy/core/near_lp.h"
#include "optdeploy/core/near_proof.h"
#include "optdeploy/core/near_round.h"
#include "optdeploy/core/near_scan.h"
#include "optdeploy/core/near_tie.h"
#include "optdeploy/core/time_lp.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EVAL_ERR 1e-19L     /* per term: long double rounds to 2^-64 = 5.4e-20 */

struct deploy_near_time {
	const struct pool *pool;
	const size_t *kept;
	size_t m;
	struct near_item *it;
	int *ind;
	double *val;
	double *start;          /* the incumbent d = 0 for GLPK, 1-based */
	double *load;           /* item-indexed loading costs */
	long long *cnt, *scratch;  /* item-indexed counts */
	long long *box_lo, *box_hi;  /* item-indexed: the box of (i)-(iii), kept while a tie's cases narrow it */
	struct near_proof *proof;  /* the supports GLPK solved, for x0 and to skip repeats */
	bool start_ready;
	glp_prob *lp, *box;
	struct time_lp *tlp;    /* the support's LP without GLPK, when it applies */
	signed char *zfix;      /* kept-indexed: the support, for tlp */
	double *tx;             /* kept-indexed: tlp's vertex */
	unsigned resets;         /* reset_prob calls, for its periodic full erase */
	size_t boxed, declined, beaten, reused;
	/* limits_time_tolerance scans the pool: kept for the K, rate and duty it was for */
	long long tol_k;
	double tol_rate, tol_duty;
	long double tol_t;
};

/* One support's state while it is solved; near_box.h holds the rows' part. */
struct tq {
	struct deploy_near_time *nt;
	const struct solve_params *sp;
	size_t s;
	long long k;
	long double tol_w, tol_t;
	struct near_rows r;
	long double v0;
	double cutoff, lambda;  /* the caller wants only v.x - lambda * load above cutoff */
	bool tied;              /* more models wider than NEAR_TIE_WIDE than rows: near_tie.h */
};

struct deploy_near_time *deploy_near_time_new(const struct pool *pool, const size_t *kept,
					      size_t m)
{
	struct deploy_near_time *nt = calloc(1, sizeof *nt);
	size_t n = m ? m : 1;
	if (nt == NULL)
		return NULL;
	nt->pool = pool;
	nt->kept = kept;
	nt->m = m;
	nt->it = calloc(n, sizeof *nt->it);
	nt->ind = calloc(n + 1, sizeof *nt->ind);
	nt->val = calloc(n + 1, sizeof *nt->val);
	nt->start = calloc(n + 1, sizeof *nt->start);
	nt->cnt = calloc(n, sizeof *nt->cnt);
	nt->scratch = calloc(n, sizeof *nt->scratch);
	nt->box_lo = calloc(n, sizeof *nt->box_lo);
	nt->box_hi = calloc(n, sizeof *nt->box_hi);
	nt->load = calloc(n, sizeof *nt->load);
	nt->proof = near_proof_new();
	nt->zfix = calloc(n, sizeof *nt->zfix);
	nt->tx = calloc(n, sizeof *nt->tx);
	nt->tlp = time_lp_new(pool, kept, m);
	nt->lp = glp_create_prob();
	nt->box = glp_create_prob();
	if (nt->it == NULL || nt->ind == NULL || nt->val == NULL || nt->start == NULL ||
	    nt->cnt == NULL || nt->scratch == NULL || nt->box_lo == NULL || nt->box_hi == NULL ||
	    nt->load == NULL || nt->zfix == NULL ||
	    nt->tx == NULL || nt->tlp == NULL || nt->proof == NULL) {
		deploy_near_time_free(nt);
		return NULL;
	}
	return nt;
}

void deploy_near_time_free(struct deploy_near_time *nt)
{
	if (nt == NULL)
		return;
	if (nt->lp != NULL)
		glp_delete_prob(nt->lp);
	if (nt->box != NULL)
		glp_delete_prob(nt->box);
	free(nt->it);
	free(nt->ind);
	free(nt->val);
	free(nt->start);
	free(nt->cnt);
	free(nt->scratch);
	free(nt->box_lo);
	free(nt->box_hi);
	free(nt->load);
	near_proof_free(nt->proof);
	free(nt->zfix);
	free(nt->tx);
	time_lp_free(nt->tlp);
	free(nt);
}

size_t deploy_near_time_boxed(const struct deploy_near_time *nt)
{
	return nt->boxed;
}

size_t deploy_near_time_declined(const struct deploy_near_time *nt)
{
	return nt->declined;
}

size_t deploy_near_time_beaten_count(const struct deploy_near_time *nt)
{
	return nt->beaten;
}

size_t deploy_near_time_reused(const struct deploy_near_time *nt)
{
	return nt->reused;
}

/* The allowed models that meet the deadline, in kept order (feasible()'s summation order). */
static void collect(struct tq *q, const struct solve_params *sp, const bool *use, double rtol)
{
	struct deploy_near_time *nt = q->nt;
	bool primal = sp->mode == SOLVE_MAX_ACCURACY;
	long double tau = limits_time_per_inference(sp);
	q->s = 0;
	for (size_t k = 0; k < nt->m; k++) {
		const struct model *md = &nt->pool->models[nt->kept[k]];
		if (!use[k] || !limits_model_fits(sp, md))
			continue;
		nt->it[q->s++] = (struct near_item){
			.k = k, .v = primal ? md->accuracy : -md->cost,
			.a = primal ? (long double)sp->budget - md->cost
				    : (long double)md->accuracy - sp->min_accuracy,
			.b = tau - md->latency};
		nt->load[q->s - 1] = md->load_cost;
	}
	q->k = sp->k;
	q->tol_w = rtol;
	if (nt->tol_k != sp->k || nt->tol_rate != sp->rate || nt->tol_duty != sp->duty_cycle) {
		nt->tol_t = limits_time_tolerance(sp, nt->pool);
		nt->tol_k = sp->k;
		nt->tol_rate = sp->rate;
		nt->tol_duty = sp->duty_cycle;
	}
	q->tol_t = nt->tol_t;
}

/* Row coefficients for GLPK: -c, with noise (below 8e-15 of the row's largest) set to 0. */
static double snapped(long double c, long double rowmax)
{
	return fabsl(c) <= LIMITS_TIME_SNAP * rowmax ? 0.0 : (double)-c;
}

static void row_max(const struct tq *q, long double *amax, long double *bmax)
{
	*amax = *bmax = 0;
	for (size_t i = 0; i < q->s; i++) {
		*amax = fmaxl(*amax, fabsl(q->nt->it[i].a));
		*bmax = fmaxl(*bmax, fabsl(q->nt->it[i].b));
	}
}

/*
 * Empty p for the next support's program.  glp_erase_prob frees and
 * re-creates the whole object (memory pool, basis factorisation) and was
 * a tenth of a sweep's GLPK time; deleting the rows and columns keeps that
 * memory, and the rows and columns added next start as after an erase
 * (rows basic, columns non-basic, unscaled, continuous, no names), so
 * GLPK solves the same program from the same basis.  A full erase every
 * 4096 calls keeps the object's running counters (iterations) small.
 */
static void reset_prob(struct deploy_near_time *nt, glp_prob *p)
{
	static const int rows[] = { 0, 1, 2, 3 };
	int m = glp_get_num_rows(p), n = glp_get_num_cols(p);
	if (++nt->resets % 4096 == 0 || m > 3 || (size_t)n > nt->m) {
		glp_erase_prob(p);
		return;
	}
	if (m > 0)
		glp_del_rows(p, m, rows);
	if (n > 0) {
		for (int j = 1; j <= n; j++)
			nt->ind[j] = j;
		glp_del_cols(p, n, nt->ind);
	}
}

/*
 * The support's LP over fractions y = x / K, for its vertex and its duals
 * only (neither needs to be exact: see the top of the file).
 */
static bool solve_lp(struct tq *q)
{
	struct deploy_near_time *nt = q->nt;
	glp_prob *p = nt->lp;
	long double amax, bmax;
	if (q->s <= NEAR_LP_MAX &&
	    near_lp_small(nt->it, q->s, q->tol_w / q->k, q->tol_t / q->k, &q->r.pi_w, &q->r.pi_t))
		return true;
	if (q->s > NEAR_LP_MAX && time_lp_applies(q->sp)) {
		memset(nt->zfix, 0, nt->m * sizeof *nt->zfix);
		for (size_t i = 0; i < q->s; i++)
			nt->zfix[nt->it[i].k] = 1;
		double bound;
		switch (time_lp_solve(nt->tlp, q->sp, nt->zfix, (double)q->tol_w, &bound, nt->tx)) {
		case TIME_LP_BOUND:
			time_lp_prices(nt->tlp, &q->r.pi_w, &q->r.pi_t);
			for (size_t i = 0; i < q->s; i++)
				nt->it[i].y = nt->tx[nt->it[i].k] / (double)q->k;
			return true;
		case TIME_LP_INFEASIBLE:
			return false;
		case TIME_LP_UNSURE:
			break;
		}
	}
	row_max(q, &amax, &bmax);
	reset_prob(nt, p);
	glp_set_obj_dir(p, GLP_MAX);
	glp_add_rows(p, 3);
	glp_add_cols(p, (int)q->s);
	for (size_t i = 0; i < q->s; i++) {
		glp_set_col_bnds(p, (int)i + 1, GLP_LO, 0.0, 0.0);
		glp_set_obj_coef(p, (int)i + 1, nt->it[i].v);
		nt->ind[i + 1] = (int)i + 1;
	}
	for (int row = 1; row <= 3; row++) {
		for (size_t i = 0; i < q->s; i++)
			nt->val[i + 1] = row == 1 ? 1.0
				: row == 2 ? snapped(nt->it[i].a, amax) : snapped(nt->it[i].b, bmax);
		glp_set_mat_row(p, row, (int)q->s, nt->ind, nt->val);
	}
	glp_set_row_bnds(p, 1, GLP_FX, 1.0, 1.0);
	glp_set_row_bnds(p, 2, GLP_UP, 0.0, (double)(q->tol_w / q->k));
	glp_set_row_bnds(p, 3, GLP_UP, 0.0, (double)(q->tol_t / q->k));
	glp_smcp parm;
	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	if (glp_simplex(p, &parm) != 0 || glp_get_status(p) != GLP_OPT)
		return false;
	q->r.pi_w = fmaxl(0, glp_get_row_dual(p, 2));
	q->r.pi_t = fmaxl(0, glp_get_row_dual(p, 3));
	for (size_t i = 0; i < q->s; i++)
		nt->it[i].y = glp_get_col_stat(p, (int)i + 1) == GLP_BS ? glp_get_col_prim(p, (int)i + 1)
									: 0.0;
	return true;
}

/* Bounds on |r_k| for the duals found, with mu = max q (see the top of the file). */
static void reduced_costs(struct tq *q)
{
	struct near_item *it = q->nt->it;
	long double qmax = -INFINITY, scale = 0;
	for (size_t i = 0; i < q->s; i++) {
		it[i].q = it[i].v + q->r.pi_w * it[i].a + q->r.pi_t * it[i].b;
		qmax = fmaxl(qmax, it[i].q);
		scale = fmaxl(scale, fabsl(it[i].v) + q->r.pi_w * fabsl(it[i].a) +
					     q->r.pi_t * fabsl(it[i].b));
	}
	/* each q carries at most a few roundings of 2^-64 relative to `scale` */
	long double e = 1e-17L * scale;
	for (size_t i = 0; i < q->s; i++) {
		it[i].rlo = fmaxl(0, qmax - it[i].q - 2 * e);
		it[i].rhi = qmax - it[i].q + 2 * e;
	}
}

/* The support as near_round.h sees it. */
static struct near_support support_of(const struct tq *q)
{
	return (struct near_support){.it = q->nt->it, .s = q->s, .k = q->k, .tol_w = q->tol_w,
				     .tol_t = q->tol_t};
}

/* G of (1) from x0's slacks, rounded up, and (i): every model's box. */
static void bound_by_costs(struct tq *q)
{
	struct near_item *it = q->nt->it;
	long double amax, bmax, sw, st, sum = 0;
	row_max(q, &amax, &bmax);
	q->r.dw = EVAL_ERR * (long double)(q->s + 4) * ((long double)q->k * amax + q->tol_w);
	q->r.dt = EVAL_ERR * (long double)(q->s + 4) * ((long double)q->k * bmax + q->tol_t);
	sw = q->tol_w;
	st = q->tol_t;
	for (size_t i = 0; i < q->s; i++) {
		if (it[i].x0 == 0)
			continue;
		sw += (long double)it[i].x0 * it[i].a;
		st += (long double)it[i].x0 * it[i].b;
		sum += it[i].rhi * (long double)it[i].x0;
	}
	q->r.sw0 = sw;
	q->r.st0 = st;
	q->r.g = q->r.pi_w * (sw + 2 * q->r.dw) + q->r.pi_t * (st + 2 * q->r.dt) + sum;
	q->r.g += 1e-15L * q->r.g;
	for (size_t i = 0; i < q->s; i++) {
		it[i].lo = 0;
		it[i].hi = q->k;
		if (it[i].rlo > 0) {
			long double cap = floorl(q->r.g / it[i].rlo * (1 + 1e-15L));
			if (cap < (long double)it[i].hi)
				it[i].hi = (long long)cap;
		}
		if (it[i].hi < it[i].x0)
			it[i].hi = it[i].x0;  /* (1) holds for x0 itself: only rounding gets here */
	}
}

/*
 * The box as a GLPK program in offsets d = x - x0: sum d = 0, -a.d <=
 * S_w(x0), -b.d <= S_t(x0).  A coefficient snapped to 0 (noise beside the
 * row's others, limits.h) widens its row by the most it can move over the
 * box; the answer is checked against the unsnapped rows afterwards.
 */
static void build_box(struct tq *q)
{
	struct deploy_near_time *nt = q->nt;
	struct near_item *it = nt->it;
	glp_prob *p = nt->box;
	long double amax, bmax, wslack = q->r.sw0, tslack = q->r.st0;
	row_max(q, &amax, &bmax);
	reset_prob(nt, p);
	glp_set_obj_dir(p, GLP_MAX);
	glp_add_rows(p, 3);
	int cols = 0;
	for (size_t i = 0; i < q->s; i++)
		it[i].col = it[i].hi > it[i].lo || it[i].lo != it[i].x0 ? ++cols : 0;
	if (cols > 0)
		glp_add_cols(p, cols);
	for (size_t i = 0; i < q->s; i++) {
		int c = it[i].col;
		if (c == 0)
			continue;
		double lo = (double)(it[i].lo - it[i].x0), hi = (double)(it[i].hi - it[i].x0);
		glp_set_col_kind(p, c, GLP_IV);
		glp_set_col_bnds(p, c, lo < hi ? GLP_DB : GLP_FX, lo, hi);
		glp_set_obj_coef(p, c, it[i].v);
		nt->ind[c] = c;
		long double reach = fmaxl(-lo, hi);
		if (snapped(it[i].a, amax) == 0)
			wslack += fabsl(it[i].a) * reach;
		if (snapped(it[i].b, bmax) == 0)
			tslack += fabsl(it[i].b) * reach;
	}
	for (int row = 1; row <= 3; row++) {
		for (size_t i = 0; i < q->s; i++)
			if (it[i].col != 0)
				nt->val[it[i].col] = row == 1 ? 1.0
					: row == 2 ? snapped(it[i].a, amax) : snapped(it[i].b, bmax);
		glp_set_mat_row(p, row, cols, nt->ind, nt->val);
	}
	glp_set_row_bnds(p, 1, GLP_FX, 0.0, 0.0);
	glp_set_row_bnds(p, 2, GLP_UP, 0.0, nextafter((double)wslack, INFINITY));
	glp_set_row_bnds(p, 3, GLP_UP, 0.0, nextafter((double)tslack, INFINITY));
	for (int c = 0; c <= cols; c++)
		nt->start[c] = 0.0;
}

static void on_branch_event(glp_tree *tree, void *info)
{
	struct deploy_near_time *nt = info;
	if (glp_ios_reason(tree) == GLP_IHEUR && nt->start_ready) {
		nt->start_ready = false;
		glp_ios_heur_sol(tree, nt->start);  /* x0: d = 0 */
	}
}

/* Every column of GLPK's LP optimum is an integer (to 1e-9). */
static bool lp_integral(glp_prob *p)
{
	int n = glp_get_num_cols(p);
	for (int j = 1; j <= n; j++) {
		double v = glp_get_col_prim(p, j);
		if (fabs(v - nearbyint(v)) > 1e-9)
			return false;
	}
	return true;
}

/* GLPK's LP, then its branch and bound from x0 unless the LP optimum is integral. */
static enum deploy_near_result run_glpk(struct deploy_near_time *nt, int time_limit_ms,
					bool start, bool *from_lp)
{
	glp_prob *p = nt->box;
	glp_smcp lp;
	glp_init_smcp(&lp);
	lp.msg_lev = GLP_MSG_OFF;
	lp.tm_lim = time_limit_ms;
	int rc = glp_simplex(p, &lp);
	if (rc == GLP_ETMLIM)
		return DEPLOY_NEAR_TIME_LIMIT;
	if (rc == 0 && !start && glp_get_status(p) == GLP_NOFEAS)
		return DEPLOY_NEAR_INFEASIBLE;  /* a tie's case holds no policy (solve_tied) */
	if (rc != 0 || glp_get_status(p) != GLP_OPT)
		return DEPLOY_NEAR_NO_BOX;  /* d = 0 is feasible: numerical trouble */
	*from_lp = lp_integral(p);
	if (*from_lp)
		return DEPLOY_NEAR_OPTIMAL;
	glp_iocp parm;
	glp_init_iocp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.tm_lim = time_limit_ms;
	parm.tol_obj = 1e-11;  /* objectives are offsets near 0: prune only on real gains */
	parm.tol_int = 1e-9;
	parm.cb_func = on_branch_event;
	parm.cb_info = nt;
	/* a few columns and three rows: preprocessing at every node costs more
	 * than it saves, and branching on the most fractional count closes
	 * these trees in far fewer nodes than the default Driebeck-Tomlin rule
	 * (callgrind, xavier K1e9 lambda 0 sweep: 118.9M -> 49.4M; depth first,
	 * which pays on deploy_near's one-row box, cost 29% more here); the
	 * search still proves the optimum */
	parm.pp_tech = GLP_PP_NONE;
	parm.br_tech = GLP_BR_MFV;
	nt->start_ready = start;
	rc = glp_intopt(p, &parm);
	nt->start_ready = false;
	int st = glp_mip_status(p);
	if (rc == 0 && !start && st == GLP_NOFEAS)
		return DEPLOY_NEAR_INFEASIBLE;
	if (rc == GLP_ETMLIM || (rc == 0 && st == GLP_FEAS))
		return DEPLOY_NEAR_TIME_LIMIT;
	return rc == 0 && st == GLP_OPT ? DEPLOY_NEAR_OPTIMAL : DEPLOY_NEAR_NO_BOX;
}

/* GLPK's counts into cnt (items) and their value; false unless they meet the box and both rows. */
static bool read_counts(struct tq *q, bool from_lp, long long *cnt, long double *value)
{
	struct near_item *it = q->nt->it;
	long long total = 0;
	for (size_t i = 0; i < q->s; i++) {
		long long c = it[i].x0;
		if (it[i].col != 0)
			c += llround(from_lp ? glp_get_col_prim(q->nt->box, it[i].col)
					     : glp_mip_col_val(q->nt->box, it[i].col));
		if (c < it[i].lo || c > it[i].hi)
			return false;
		cnt[i] = c;
		total += c;
	}
	long double sw, st;
	struct near_support ns = support_of(q);
	*value = near_round_value(&ns, cnt);
	return total == q->k && near_round_slacks(&ns, cnt, &sw, &st);
}

/* The box of the top of the file; false when none small enough is proven. */
static bool prove_box(struct tq *q, long long *cnt, long long *scratch)
{
	if (!solve_lp(q))
		return false;  /* an infeasible LP (or GLPK's trouble): deploy_mip proves it */
	reduced_costs(q);
	struct near_support ns = support_of(q);
	if (!near_round_x0(&ns, q->nt->proof, cnt, scratch, &q->v0))
		return false;
	bound_by_costs(q);
	q->r.s = q->s;
	bool ok = near_box_basis(q->nt->it, &q->r);
	/* more models wide than rows left: the box, if any, is a tie's long line */
	size_t wide = 0, rows = 1 + (q->r.pi_w > 0) + (q->r.pi_t > 0);
	for (size_t i = 0; i < q->s; i++)
		wide += q->nt->it[i].hi - q->nt->it[i].lo > NEAR_TIE_WIDE;
	q->tied = wide > rows;
	return ok;
}

/*
 * From (1), every feasible x has v.x <= v.x0 + G (S_w, S_t >= 0, r <= 0):
 * the LP's dual bound, G rounded up; its charges are at least those of its
 * cheapest model to load.  True when that bound, or (a small box) the best
 * objective over the box, which holds every policy GLPK can answer, is
 * below the caller's cutoff: no policy GLPK would give can beat it.
 */
static bool beaten(const struct tq *q, bool boxed)
{
	if (isnan(q->cutoff) || !(q->lambda >= 0) || q->v0 == -INFINITY)
		return false;
	long double least = INFINITY, negative = 0;
	for (size_t i = 0; i < q->s; i++) {
		least = fminl(least, q->nt->load[i]);
		negative += fminl(0, q->nt->load[i]);
	}
	long double charge = q->lambda * (least >= 0 ? least : negative);
	if (q->v0 + q->r.g - charge < (long double)q->cutoff)
		return true;
	struct near_scan sc = {.it = q->nt->it, .load = q->nt->load, .s = q->s, .k = q->k,
			       .tol_w = q->tol_w, .tol_t = q->tol_t, .lambda = q->lambda};
	long double best;
	return boxed && near_scan_best(&sc, q->nt->scratch, &best) &&
	       best < (long double)q->cutoff;
}

/* A tie's leaf best so far (solve_tied). */
struct tie_best {
	struct tq *q;
	long long *cnt;
	long double best;
	double deadline;  /* one limit for all the cases, not one each (deadline.h) */
};

/* One case's box (near_tie.h) by GLPK: its best policy into the running best. */
static enum deploy_near_result tie_leaf(void *arg)
{
	struct tie_best *tb = arg;
	struct tq *q = tb->q;
	struct near_item *it = q->nt->it;
	bool start = true, from_lp = false;
	for (size_t i = 0; i < q->s; i++)
		start = start && it[i].lo <= it[i].x0 && it[i].x0 <= it[i].hi;
	build_box(q);
	long double value;
	enum deploy_near_result r = run_glpk(q->nt, deadline_remaining_ms(tb->deadline), start, &from_lp);
	if (r == DEPLOY_NEAR_INFEASIBLE)
		return DEPLOY_NEAR_OPTIMAL;  /* this case holds no policy */
	if (r != DEPLOY_NEAR_OPTIMAL)
		return r;
	if (!read_counts(q, from_lp, q->nt->scratch, &value))
		return DEPLOY_NEAR_NO_BOX;  /* GLPK's tolerances let a row through */
	if (value > tb->best) {
		tb->best = value;
		memcpy(tb->cnt, q->nt->scratch, q->s * sizeof *tb->cnt);
	}
	return DEPLOY_NEAR_OPTIMAL;
}

/*
 * More models left wide than rows: a tie, solved as near_tie.h's cases,
 * each a box GLPK proves; the best case's policy, when it is at least
 * x0's, is the support's.  The box of (i)-(iii) is left as it was.
 */
static enum deploy_near_result solve_tied(struct tq *q, int time_limit_ms, long long *cnt)
{
	struct deploy_near_time *nt = q->nt;
	struct tie_best tb = {.q = q, .cnt = cnt, .best = -INFINITY,
			      .deadline = deadline_now() + time_limit_ms / 1e3};
	struct near_tie t = {.it = nt->it, .s = q->s, .rows = &q->r, .pool = nt->pool,
			     .kept = nt->kept, .primal = q->sp->mode == SOLVE_MAX_ACCURACY,
			     .box_lo = nt->box_lo, .box_hi = nt->box_hi, .leaf = tie_leaf, .arg = &tb};
	enum deploy_near_result r = near_tie_solve(&t);
	if (r != DEPLOY_NEAR_OPTIMAL)
		return r;
	return tb.best >= q->v0 ? DEPLOY_NEAR_OPTIMAL : DEPLOY_NEAR_NO_BOX;
}

static enum deploy_near_result solve_support(struct tq *q, int time_limit_ms, long long *x)
{
	struct deploy_near_time *nt = q->nt;
	long long *cnt = nt->cnt;
	enum deploy_near_result r = DEPLOY_NEAR_NO_BOX;
	bool boxed = prove_box(q, cnt, nt->scratch);
	if (beaten(q, boxed))
		return DEPLOY_NEAR_BEATEN;
	if (q->tied)
		r = solve_tied(q, time_limit_ms, cnt);
	if (r != DEPLOY_NEAR_NO_BOX) {
		/* the tie's cases answered (or ran out of time) */
	} else if (boxed && near_proof_covers(nt->proof, q->sp, nt->it, q->s, q->tol_t)) {
		/* GLPK's last optimum of this support, still the optimum (near_proof.h) */
		for (size_t i = 0; i < q->s; i++)
			cnt[i] = nt->it[i].x0;
		r = DEPLOY_NEAR_OPTIMAL;
		nt->reused++;
	} else if (boxed) {
		build_box(q);
		bool from_lp = false;
		long double value;
		r = run_glpk(nt, time_limit_ms, true, &from_lp);
		if (r == DEPLOY_NEAR_OPTIMAL && (!read_counts(q, from_lp, cnt, &value) || value < q->v0))
			r = DEPLOY_NEAR_NO_BOX;  /* GLPK's tolerances let a row through */
		if (r == DEPLOY_NEAR_OPTIMAL)
			near_proof_keep(nt->proof, q->sp, nt->it, q->s, q->tol_w, q->tol_t, cnt);
	}
	if (r == DEPLOY_NEAR_OPTIMAL) {
		memset(x, 0, nt->m * sizeof *x);
		for (size_t i = 0; i < q->s; i++)
			x[nt->it[i].k] = cnt[i];
	}
	return r;
}

enum deploy_near_result deploy_near_time_solve(struct deploy_near_time *nt,
					       const struct solve_params *sp, const bool *use,
					       double resource_tol, double cutoff, double lambda,
					       int time_limit_ms, long long *x)
{
	struct tq q = {.nt = nt, .sp = sp, .v0 = -INFINITY, .cutoff = cutoff, .lambda = lambda};
	collect(&q, sp, use, resource_tol);
	if (q.s == 0)
		return DEPLOY_NEAR_INFEASIBLE;
	enum deploy_near_result r = solve_support(&q, time_limit_ms, x);
	if (r == DEPLOY_NEAR_OPTIMAL)
		nt->boxed++;
	else if (r == DEPLOY_NEAR_NO_BOX)
		nt->declined++;
	else if (r == DEPLOY_NEAR_BEATEN)
		nt->beaten++;
	return r;
}
