/*
 * deploy_near.c - one support's exact integer program, restricted to a box
 * around its LP vertex that provably holds an optimal policy, solved by GLPK.
 *
 * Write the support's problem as  max v.x  s.t.  w.x <= W, sum x = K, x >= 0
 * integer  (primal: v = accuracy, w = cost, W = budget K + tol; dual:
 * v = -cost, w = -accuracy, W = -floor K + tol).  Its LP optimum lies on
 * the upper hull of the points (w_k, v_k): either all K on the best model a
 * the resource affords (the resource row is slack: "not binding"), or a mix
 * of the hull segment's ends a and b, w_a < W/K < w_b.  Let v = mu + pi w be
 * that segment's line (pi = 0 when not binding) and r_k = v_k - mu - pi w_k
 * <= 0 the reduced costs.  For every feasible x, with slack = W - w.x:
 *
 *   v.x = U - pi slack + sum_k r_k x_k,    U = mu K + pi W.          (1)
 *
 * (i) Reduced-cost fixing.  Let x0 be the rounded vertex (x_b = the largest
 * count the resource allows, the rest on a), G = U - v.x0 = pi slack(x0).
 * Every x at least as good as x0 has sum |r_k| x_k <= G by (1), so
 * x_k <= G / |r_k| for every k with r_k < 0.
 *
 * (ii) Exchanges (exact integer arithmetic on the binary data).  With the
 * data as integers W_k, V_k (one power of two each), let D = W_b - W_a and
 * take any model k with W_a <= W_k <= W_b, k not a or b.  A multiset of t
 * units of such models whose (W_k - W_a) sum to Q D (Q <= t an integer) can
 * be replaced by Q units of b and t - Q of a: the count and the resource are
 * unchanged and, by (1), the objective changes by -sum r_k >= 0.  Any D
 * elements of the cyclic group of order D' = D / gcd(all W_k - W_a, D) have a
 * non-empty zero-sum subsequence (its Davenport constant is D'), and P_k =
 * D / gcd(W_k - W_a, D) units of one model k are one.  Applying these
 * exchanges to an optimal policy until none applies leaves an optimal policy
 * with x_k <= P_k - 1 for each such k and their sum <= D' - 1; it only
 * lowers those counts, so (i) still holds.  This is what bounds the models
 * tied with the segment (r_k = 0), which (i) cannot.  Ties are widened first
 * so that a and b are the cheapest and dearest tied models: then every tied
 * model lies between them.
 *
 * (iii) a and b.  Given the others' counts x_N, an optimal policy puts the
 * rest on a and b with x_b as large as the resource allows (v_b > v_a), so
 * x_b = min(K - N, floor((W - w.x_N - w_a (K - N)) / (w_b - w_a))); its
 * distance from the vertex is bounded by the box of x_N.
 *
 * The time row (a rate: sum t_k x_k <= D K / rate, limits.h) is a second
 * knapsack row: the LP vertex then mixes up to three models, (1) gains a
 * second dual term, and the exchanges of (ii), which keep one row's total
 * with a line's two ends, no longer keep both rows.  So with a rate every
 * support goes to deploy_near_time.c, whose box is proven for both rows
 * from any dual of the support's LP and a feasible rounding of its vertex
 * (no exchange argument: a support whose vertex ties with other models is
 * handed back, DEPLOY_NEAR_NO_BOX, to deploy_mip's split-count program).
 *
 * The box's sizes depend on the data, never on K.  GLPK solves the program
 * over it in offsets d = x - x0 (small numbers at any K) and proves its
 * optimum, which by (i)-(iii) is the support's.  When no small box can be
 * proven (data too wide for exact integers, with models tied to within
 * rounding) the caller falls back to the split-count program of deploy_mip.
 */
#include "optdeploy/core/deploy_near.h"
#include "optdeploy/core/deploy_near_time.h"
#include "optdeploy/core/limits.h"
#include "optdeploy/core/near_exact.h"
#include "optdeploy/core/near_vertex.h"

#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct deploy_near *deploy_near_new(const struct pool *pool, const size_t *kept, size_t m)
{
	struct deploy_near *nr = calloc(1, sizeof *nr);
	size_t n = m ? m : 1;
	if (nr == NULL)
		return NULL;
	nr->pool = pool;
	nr->kept = kept;
	nr->m = m;
	nr->it = calloc(n, sizeof *nr->it);
	nr->hull = calloc(n, sizeof *nr->hull);
	nr->order = calloc(n, sizeof *nr->order);
	nr->r = calloc(n, sizeof *nr->r);
	nr->lo = calloc(n, sizeof *nr->lo);
	nr->hi = calloc(n, sizeof *nr->hi);
	nr->base = calloc(n, sizeof *nr->base);
	nr->col = calloc(n, sizeof *nr->col);
	nr->ind = calloc(n + 1, sizeof *nr->ind);
	nr->val = calloc(n + 1, sizeof *nr->val);
	nr->ex = calloc(7 * n, sizeof *nr->ex);
	nr->between = calloc(n, sizeof *nr->between);
	/* nr->prob and nr->time are made on first use (build_model,
	 * deploy_near_solve): a cold solve that needs neither pays for neither */
	if (nr->it == NULL || nr->hull == NULL || nr->order == NULL || nr->r == NULL ||
	    nr->lo == NULL || nr->hi == NULL || nr->base == NULL || nr->col == NULL ||
	    nr->ind == NULL || nr->val == NULL || nr->ex == NULL || nr->between == NULL) {
		deploy_near_free(nr);
		return NULL;
	}
	return nr;
}

void deploy_near_free(struct deploy_near *nr)
{
	if (nr == NULL)
		return;
	if (nr->prob != NULL)
		glp_delete_prob(nr->prob);
	deploy_near_time_free(nr->time);
	free(nr->it);
	free(nr->hull);
	free(nr->order);
	free(nr->r);
	free(nr->lo);
	free(nr->hi);
	free(nr->base);
	free(nr->col);
	free(nr->ind);
	free(nr->val);
	free(nr->ex);
	free(nr->between);
	free(nr);
}

static void set_bounds(glp_prob *p, int col, double lo, double hi)
{
	glp_set_col_bnds(p, col, lo < hi ? GLP_DB : GLP_FX, lo, lo < hi ? hi : lo);
}

/*
 * The box as a GLPK program in offsets d = x - x0: rows sum d = 0, w.d <=
 * slack(x0), and the Davenport row over the models between a and b.
 */
static void build_model(struct near *q)
{
	struct deploy_near *nr = q->nr;
	if (nr->prob == NULL)
		nr->prob = glp_create_prob();
	glp_prob *p = nr->prob;
	int cols = 0, rows = q->dav >= 0 ? 3 : 2;
	for (size_t i = 0; i < q->s; i++)
		nr->col[i] = nr->hi[i] > nr->lo[i] || nr->base[i] != 0 ? ++cols : 0;
	if (glp_get_num_rows(p) == rows && glp_get_num_cols(p) == cols) {
		/* the last support's shape: every bound, coefficient and row is set
		 * below, and the basis starts as a fresh problem's would */
		glp_std_basis(p);
	} else {
		glp_erase_prob(p);
		glp_set_obj_dir(p, GLP_MAX);
		glp_add_rows(p, rows);
		if (cols > 0)
			glp_add_cols(p, cols);
	}
	int len = 0;
	for (size_t i = 0; i < q->s; i++) {
		int c = nr->col[i];
		if (c == 0)
			continue;
		glp_set_col_kind(p, c, GLP_IV);
		set_bounds(p, c, (double)(nr->lo[i] - nr->base[i]), (double)(nr->hi[i] - nr->base[i]));
		glp_set_obj_coef(p, c, nr->it[i].v);
		nr->ind[++len] = c;
		nr->val[len] = 1.0;
	}
	glp_set_mat_row(p, 1, len, nr->ind, nr->val);
	glp_set_row_bnds(p, 1, GLP_FX, 0.0, 0.0);
	for (size_t i = 0, j = 0; i < q->s; i++)
		if (nr->col[i] != 0)
			nr->val[++j] = nr->it[i].w;
	glp_set_mat_row(p, 2, len, nr->ind, nr->val);
	glp_set_row_bnds(p, 2, GLP_UP, 0.0, (double)q->slack0);
	if (q->dav >= 0) {
		const struct item *it = nr->it;
		int n3 = 0;
		for (size_t i = 0; i < q->s; i++) {
			if (nr->col[i] == 0 || i == q->a || i == q->b || it[i].wi < it[q->a].wi ||
			    it[i].wi > it[q->b].wi)
				continue;
			nr->ind[++n3] = nr->col[i];
			nr->val[n3] = 1.0;
		}
		glp_set_mat_row(p, 3, n3, nr->ind, nr->val);
		glp_set_row_bnds(p, 3, GLP_UP, 0.0, (double)q->dav);
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

/*
 * GLPK's LP, then its branch and bound on the box unless the LP optimum is
 * integral already; *from_lp says which holds the answer.
 */
static enum deploy_near_result run_glpk(glp_prob *p, int time_limit_ms, bool *from_lp)
{
	glp_smcp lp;
	glp_init_smcp(&lp);
	lp.msg_lev = GLP_MSG_OFF;
	lp.tm_lim = time_limit_ms;
	int rc = glp_simplex(p, &lp);
	if (rc == GLP_ETMLIM)
		return DEPLOY_NEAR_TIME_LIMIT;
	if (rc != 0 || glp_get_status(p) != GLP_OPT)
		return DEPLOY_NEAR_FAILED;  /* x0 is feasible and the box bounded */
	if (lp_integral(p)) {  /* an integral LP optimum is the integer optimum */
		*from_lp = true;
		return DEPLOY_NEAR_OPTIMAL;
	}
	*from_lp = false;
	glp_iocp parm;
	glp_init_iocp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.tm_lim = time_limit_ms;
	/* the objective is a sum of offsets near 0: prune only on real gains */
	parm.tol_obj = 1e-11;
	parm.tol_int = 1e-9;
	/* the box is a few columns and two or three rows: GLPK's preprocessing
	 * at every node costs more than it saves, and depth first finds the
	 * incumbent that closes these shallow trees soonest (callgrind: -32% of
	 * a re-solve on rand100-K1e9-l0-b50); the search still proves the optimum */
	parm.pp_tech = GLP_PP_NONE;
	parm.bt_tech = GLP_BT_DFS;
	rc = glp_intopt(p, &parm);
	int st = glp_mip_status(p);
	if (rc == GLP_ETMLIM || (rc == 0 && st == GLP_FEAS))
		return DEPLOY_NEAR_TIME_LIMIT;
	if (rc != 0 || st != GLP_OPT)
		return DEPLOY_NEAR_FAILED;
	return DEPLOY_NEAR_OPTIMAL;
}

/* GLPK's counts; the resource row's excess over W (> 0: GLPK's tolerance let it through). */
static long double read_counts(struct near *q, bool from_lp, long long *x)
{
	struct deploy_near *nr = q->nr;
	long double used = 0;
	memset(x, 0, nr->m * sizeof *x);
	for (size_t i = 0; i < q->s; i++) {
		long long c = nr->base[i];
		if (nr->col[i] != 0)
			c += llround(from_lp ? glp_get_col_prim(nr->prob, nr->col[i])
					     : glp_mip_col_val(nr->prob, nr->col[i]));
		x[nr->it[i].k] = c;
		used += (long double)nr->it[i].w * c;
	}
	return used - q->cap;
}

/*
 * The box's exact optimum (near_exact.h) into x when it beats GLPK's answer
 * there (glpk: x holds one) strictly; false when the box was not searched
 * (too wide to visit, data too wide for exact integers), x then untouched.
 * GLPK sees values within ~1e-9 of each other as tied, and lets the row
 * through by its feasibility tolerance; the box, its rows and the values
 * here are exact integers.  slack0 is the vertex's slack before any
 * tightening of the row for that tolerance (deploy_near_solve_above).
 */
static bool solve_exactly(struct near *q, long double slack0, bool glpk_answered, long long *x)
{
	struct deploy_near *nr = q->nr;
	const struct item *it = nr->it;
	size_t s = q->s;
	if (!q->exact && !near_vertex_make_exact(q))
		return false;
	long long *wi = nr->ex, *vi = wi + s, *lo = vi + s, *hi = lo + s, *d = hi + s,
		  *work = d + s;
	__int128 glpk = 0, best;
	for (size_t i = 0; i < s; i++) {
		wi[i] = it[i].wi;
		vi[i] = it[i].vi;
		lo[i] = nr->lo[i] - nr->base[i];
		hi[i] = nr->hi[i] - nr->base[i];
		if (nr->col[i] == 0)
			lo[i] = hi[i] = 0;
		nr->between[i] = q->dav >= 0 && i != q->a && i != q->b && it[i].wi >= it[q->a].wi &&
				 it[i].wi <= it[q->b].wi;
		if (glpk_answered)
			glpk += (__int128)vi[i] * (x[it[i].k] - nr->base[i]);
	}
	long double units = q->wl == INT_MAX ? 0 : floorl(ldexpl(slack0, -q->wl));
	if (units > 0x1p110L)  /* beyond any sum of the box's w d: the row cannot bind */
		units = 0x1p110L;
	struct near_exact_box bx = {.s = s, .wi = wi, .vi = vi, .lo = lo, .hi = hi,
				    .between = nr->between, .dav = q->dav,
				    .slack = (__int128)units, .a = q->a, .b = q->b,
				    .binding = q->binding};
	if (near_exact_solve(&bx, d, work, &best) != NEAR_EXACT_DONE)
		return false;
	if (glpk_answered && best <= glpk)
		return true;
	memset(x, 0, nr->m * sizeof *x);
	for (size_t i = 0; i < s; i++)
		x[it[i].k] = nr->base[i] + d[i];
	return true;
}

enum deploy_near_result deploy_near_solve(struct deploy_near *nr, const struct solve_params *sp,
					  const bool *use, double resource_tol, int time_limit_ms,
					  long long *x)
{
	return deploy_near_solve_above(nr, sp, use, resource_tol, NAN, 0, time_limit_ms, x);
}

enum deploy_near_result deploy_near_solve_above(struct deploy_near *nr,
						const struct solve_params *sp, const bool *use,
						double resource_tol, double cutoff, double lambda,
						int time_limit_ms, long long *x)
{
	struct near q = {.nr = nr, .dav = -1};
	if (limits_time_active(sp)) {  /* two rows: deploy_near_time.c's box */
		if (nr->time == NULL &&
		    (nr->time = deploy_near_time_new(nr->pool, nr->kept, nr->m)) == NULL)
			return DEPLOY_NEAR_NO_BOX;  /* out of memory: deploy_mip instead */
		return deploy_near_time_solve(nr->time, sp, use, resource_tol, cutoff, lambda,
					      time_limit_ms, x);
	}
	near_vertex_collect(&q, sp, use, resource_tol);
	if (q.s == 0 || !near_vertex_find(&q))
		return DEPLOY_NEAR_INFEASIBLE;
	q.exact = q.binding && near_vertex_make_exact(&q);
	if (!near_vertex_reduced_costs(&q))
		return DEPLOY_NEAR_NO_BOX;
	near_vertex_set_base(&q);
	if (q.slack0 < 0 || !near_vertex_bound_others(&q))
		return DEPLOY_NEAR_NO_BOX;
	near_vertex_bound_vertex(&q);
	build_model(&q);
	long double slack0 = q.slack0;
	for (int attempt = 0; attempt < 3; attempt++) {
		bool from_lp;
		enum deploy_near_result r = run_glpk(nr->prob, time_limit_ms, &from_lp);
		if (r == DEPLOY_NEAR_TIME_LIMIT)
			return r;
		if (r != DEPLOY_NEAR_OPTIMAL)
			break;
		long double excess = read_counts(&q, from_lp, x);
		if (excess <= 0) {
			solve_exactly(&q, slack0, true, x);
			return DEPLOY_NEAR_OPTIMAL;
		}
		/* tighten the row by what GLPK's feasibility tolerance let through */
		q.slack0 -= excess * 2 + 1e-12L;
		glp_set_row_bnds(nr->prob, 2, GLP_UP, 0.0, (double)q.slack0);
	}
	/* GLPK failed on the box, or its answers kept breaking the row by its
	 * tolerance (costs 2 apart in 2^33: 4e-8 over, three times): the
	 * exact search answers alone when it can */
	return solve_exactly(&q, slack0, false, x) ? DEPLOY_NEAR_OPTIMAL : DEPLOY_NEAR_FAILED;
}

void deploy_near_time_counts(const struct deploy_near *nr, size_t *boxed, size_t *declined)
{
	*boxed = nr->time != NULL ? deploy_near_time_boxed(nr->time) : 0;
	*declined = nr->time != NULL ? deploy_near_time_declined(nr->time) : 0;
}

size_t deploy_near_time_beaten(const struct deploy_near *nr)
{
	return nr->time != NULL ? deploy_near_time_beaten_count(nr->time) : 0;
}
