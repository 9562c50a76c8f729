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

#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BOX_CAP 1000000LL   /* per-model box beyond which GLPK's tolerances are not trusted */
#define EXACT_BITS 61       /* integer data below 2^61: differences' products fit 128 bits */

typedef __int128 wide;

struct item {
	double w, v;    /* resource and value per inference, internal units */
	size_t k;       /* kept index */
	long long wi, vi;   /* exact integers (when exact) */
};

struct deploy_near {
	const struct pool *pool;
	const size_t *kept;
	size_t m;
	struct item *it;     /* allowed models, s of them */
	size_t *hull;        /* indices into it */
	size_t *order;
	long double *r;      /* reduced cost per item */
	long long *lo, *hi, *base;
	int *col;            /* GLPK column per item, 0 when fixed at 0 */
	int *ind;
	double *val;
	long long *ex;       /* near_exact's arrays: wi, vi, lo, hi, d, scratch (7 per item) */
	bool *between;       /* the Davenport row's members, for near_exact */
	glp_prob *prob;
	struct deploy_near_time *time;  /* the supports of a problem with a rate */
};

/* One support's state while it is solved. */
struct near {
	struct deploy_near *nr;
	size_t s;
	long long k;
	long double cap;        /* W: the resource row's right-hand side */
	bool exact, binding;
	size_t a, b;            /* items of the vertex (b unused when not binding) */
	long double pi, slack0; /* the line's slope, the vertex's slack */
	long long dav;          /* D' - 1 when the Davenport row is useful, else -1 */
	int wl;                 /* the power of two of the items' integer w (make_exact) */
};

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

/* Lowest binary exponent of x's last set bit, and of its first; false for 0. */
static bool bit_range(double x, int *low, int *top)
{
	if (x == 0)
		return false;
	int e;
	double f = frexp(fabs(x), &e);  /* |x| = f 2^e, f in [0.5, 1) */
	long long mant = (long long)ldexp(f, 53);
	int l = e - 53;
	while ((mant & 1) == 0) {
		mant >>= 1;
		l++;
	}
	*low = l;
	*top = e;
	return true;
}

/* Write every item's w and v as integers times one power of two each. */
static bool make_exact(struct near *q)
{
	struct item *it = q->nr->it;
	int wl = INT_MAX, wt = INT_MIN, vl = INT_MAX, vt = INT_MIN, l, t;
	for (size_t i = 0; i < q->s; i++) {
		if (bit_range(it[i].w, &l, &t)) {
			wl = l < wl ? l : wl;
			wt = t > wt ? t : wt;
		}
		if (bit_range(it[i].v, &l, &t)) {
			vl = l < vl ? l : vl;
			vt = t > vt ? t : vt;
		}
	}
	if ((wl != INT_MAX && wt - wl > EXACT_BITS) || (vl != INT_MAX && vt - vl > EXACT_BITS))
		return false;
	q->wl = wl;
	for (size_t i = 0; i < q->s; i++) {
		it[i].wi = wl == INT_MAX ? 0 : (long long)ldexp(it[i].w, -wl);
		it[i].vi = vl == INT_MAX ? 0 : (long long)ldexp(it[i].v, -vl);
	}
	return true;
}

static int by_resource(const void *x, const void *y)
{
	const struct item *a = x, *b = y;
	if (a->w != b->w)
		return a->w < b->w ? -1 : 1;
	if (a->v != b->v)
		return a->v > b->v ? -1 : 1;
	return a->k < b->k ? -1 : a->k > b->k;
}

/* (B - O) x (A - O) in the (w, v) plane: >= 0 when A is not above segment O-B. */
static long double turn(const struct item *o, const struct item *a, const struct item *b)
{
	return ((long double)a->w - o->w) * ((long double)b->v - o->v) -
	       ((long double)a->v - o->v) * ((long double)b->w - o->w);
}

/* Upper hull of the items (sorted by resource); returns its size. */
static size_t upper_hull(struct near *q)
{
	struct deploy_near *nr = q->nr;
	size_t h = 0;
	for (size_t i = 0; i < q->s; i++) {
		if (h > 0 && nr->it[nr->hull[h - 1]].w == nr->it[i].w)
			continue;  /* same resource, lower value */
		while (h >= 2 && turn(&nr->it[nr->hull[h - 2]], &nr->it[nr->hull[h - 1]],
				      &nr->it[i]) >= 0)
			h--;
		nr->hull[h++] = i;
	}
	return h;
}

/* The LP vertex: a alone (not binding) or the segment a-b.  False: infeasible. */
static bool find_vertex(struct near *q)
{
	struct deploy_near *nr = q->nr;
	size_t h = upper_hull(q);
	size_t j = h;
	for (size_t t = 0; t < h; t++)
		if ((long double)nr->it[nr->hull[t]].w * q->k <= q->cap)
			j = t;
	if (j == h)
		return false;
	if (j + 1 < h && nr->it[nr->hull[j + 1]].v > nr->it[nr->hull[j]].v) {
		q->binding = true;
		q->a = nr->hull[j];
		q->b = nr->hull[j + 1];
		return true;
	}
	size_t peak = 0;
	for (size_t t = 1; t <= j; t++)
		if (nr->it[nr->hull[t]].v > nr->it[nr->hull[peak]].v)
			peak = t;
	q->binding = false;
	q->a = nr->hull[peak];
	return true;
}

/* Exact cross product: > 0 above the line a-b, 0 on it, < 0 below. */
static wide cross_exact(const struct item *a, const struct item *b, const struct item *c)
{
	return (wide)(c->vi - a->vi) * (b->wi - a->wi) - (wide)(b->vi - a->vi) * (c->wi - a->wi);
}

/*
 * Reduced costs against the vertex's line; ties widened so a and b are the
 * extreme tied models.  False when the line cannot be certified (a model
 * above it, or a tie that rounding cannot tell apart).
 */
static bool reduced_costs(struct near *q)
{
	struct deploy_near *nr = q->nr;
	struct item *it = nr->it;
	if (!q->binding) {  /* pi = 0: r = v_k - v_a, whose sign double subtraction gets right */
		q->pi = 0;
		for (size_t i = 0; i < q->s; i++) {
			nr->r[i] = (long double)it[i].v - it[i == q->a ? i : q->a].v;
			if (nr->r[i] > 0 || (nr->r[i] == 0 && it[i].w < it[q->a].w))
				return false;
		}
		return true;
	}
	if (q->exact) {
		for (int pass = 0; pass < 2; pass++)
			for (size_t i = 0; i < q->s; i++) {
				wide c = cross_exact(&it[q->a], &it[q->b], &it[i]);
				if (c > 0)
					return false;
				if (c == 0 && it[i].wi < it[q->a].wi)
					q->a = i;
				else if (c == 0 && it[i].wi > it[q->b].wi)
					q->b = i;
			}
		long double d = (long double)(it[q->b].wi - it[q->a].wi);
		/* 2^e of the values' integers: exact, the data spans under 64 bits */
		long double unit = ((long double)it[q->b].v - it[q->a].v) /
				   (long double)(it[q->b].vi - it[q->a].vi);
		for (size_t i = 0; i < q->s; i++)
			nr->r[i] = (long double)cross_exact(&it[q->a], &it[q->b], &it[i]) / d * unit;
	}
	long double dw = (long double)it[q->b].w - it[q->a].w;
	q->pi = ((long double)it[q->b].v - it[q->a].v) / dw;
	if (q->exact)
		return true;
	long double vmax = 1;
	for (size_t i = 0; i < q->s; i++)
		vmax = fmaxl(vmax, fabsl(it[i].v) + q->pi * fabsl(it[i].w));
	for (size_t i = 0; i < q->s; i++) {
		nr->r[i] = (long double)it[i].v - it[q->a].v - q->pi * ((long double)it[i].w - it[q->a].w);
		if (i != q->a && i != q->b && nr->r[i] > -1e-12L * vmax)
			return false;
		/* long double's rounding (~1e-18 vmax, 1e-15 allowed) only ever
		 * shrinks |r|, so the boxes of (i) only ever widen */
		nr->r[i] += 1e-15L * vmax;
	}
	nr->r[q->a] = nr->r[q->b] = 0;
	return true;
}

static long long gcd_ll(long long x, long long y)
{
	while (y != 0) {
		long long t = x % y;
		x = y;
		y = t;
	}
	return x < 0 ? -x : x;
}

/* The rounded vertex x0 (base) and its slack. */
static void set_base(struct near *q)
{
	struct deploy_near *nr = q->nr;
	const struct item *a = &nr->it[q->a];
	memset(nr->base, 0, q->s * sizeof *nr->base);
	if (!q->binding) {
		nr->base[q->a] = q->k;
		q->slack0 = q->cap - (long double)a->w * q->k;
		return;
	}
	const struct item *b = &nr->it[q->b];
	long double dw = (long double)b->w - a->w;
	long double xb = floorl((q->cap - (long double)a->w * q->k) / dw);
	long long kb = xb < 0 ? 0 : xb > q->k ? q->k : (long long)xb;
	for (;;) {
		q->slack0 = q->cap - (long double)a->w * (q->k - kb) - (long double)b->w * kb;
		if (q->slack0 >= 0 || kb == 0)
			break;
		kb--;
	}
	nr->base[q->a] = q->k - kb;
	nr->base[q->b] = kb;
}

/* Bounds (i) and (ii) on every model but a and b; false when one is too wide. */
static bool bound_others(struct near *q)
{
	struct deploy_near *nr = q->nr;
	const struct item *it = nr->it;
	long double g = q->pi * fmaxl(q->slack0, 0);
	g += 1e-12L * g + 1e-12L;  /* rounding of (1): only ever widens the box */
	long long dd = q->binding && q->exact ? it[q->b].wi - it[q->a].wi : 0;
	long long gd = dd, between = 0;
	for (size_t i = 0; i < q->s; i++) {
		nr->lo[i] = 0;
		nr->hi[i] = q->k;
		if (i == q->a || (q->binding && i == q->b))
			continue;
		if (nr->r[i] < 0) {
			long double cap = floorl(g / (-nr->r[i] * (1 - 1e-12L)));
			if (cap < (long double)nr->hi[i])
				nr->hi[i] = (long long)cap;
		}
		if (!q->binding && nr->r[i] == 0)
			nr->hi[i] = 0;  /* exchange with a: same value, no more resource */
		if (dd > 0 && it[i].wi >= it[q->a].wi && it[i].wi <= it[q->b].wi) {
			long long p = dd / gcd_ll(it[i].wi - it[q->a].wi, dd);
			if (p - 1 < nr->hi[i])
				nr->hi[i] = p - 1;
			if (nr->hi[i] > 0) {
				gd = gcd_ll(it[i].wi - it[q->a].wi, gd);
				between += nr->hi[i];
			}
		}
		if (nr->hi[i] > BOX_CAP)
			return false;
	}
	q->dav = dd > 0 && dd / gd - 1 < between ? dd / gd - 1 : -1;
	return true;
}

/* (iii): the range of a and b given the others' box. */
static void bound_vertex(struct near *q)
{
	struct deploy_near *nr = q->nr;
	const struct item *it = nr->it;
	long double up = 0, dn = 0, nmax = 0;
	long double dw = q->binding ? (long double)it[q->b].w - it[q->a].w : 1;
	for (size_t i = 0; i < q->s; i++) {
		if (i == q->a || (q->binding && i == q->b))
			continue;
		long double d = ((long double)it[i].w - it[q->a].w) / dw;
		nmax += nr->hi[i];
		if (d > 0)
			dn += d * nr->hi[i];
		else
			up -= d * nr->hi[i];
	}
	if (!q->binding) {
		nr->lo[q->a] = q->k - (long long)nmax;
		nr->hi[q->a] = q->k;
		return;
	}
	long long b0 = nr->base[q->b];
	long long blo = b0 - (long long)ceill(dn) - (long long)nmax - 2;
	long long bhi = b0 + (long long)ceill(up) + 2;
	nr->lo[q->b] = blo < 0 ? 0 : blo;
	nr->hi[q->b] = bhi > q->k ? q->k : bhi;
	long long alo = q->k - (long long)nmax - nr->hi[q->b];
	long long ahi = q->k - nr->lo[q->b];
	nr->lo[q->a] = alo < 0 ? 0 : alo;
	nr->hi[q->a] = ahi > q->k ? q->k : ahi;
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
	if (!q->exact && !make_exact(q))
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

/* Collect the allowed models in the unified form (see the top of the file). */
static void collect(struct near *q, const struct solve_params *sp, const bool *use, double tol)
{
	struct deploy_near *nr = q->nr;
	bool primal = sp->mode == SOLVE_MAX_ACCURACY;
	q->s = 0;
	for (size_t k = 0; k < nr->m; k++) {
		if (!use[k])
			continue;
		const struct model *md = &nr->pool->models[nr->kept[k]];
		nr->it[q->s++] = (struct item){.w = primal ? md->cost : -md->accuracy,
					       .v = primal ? md->accuracy : -md->cost, .k = k};
	}
	q->k = sp->k;
	q->cap = (long double)(primal ? sp->budget : -sp->min_accuracy) * sp->k + tol;
	qsort(nr->it, q->s, sizeof *nr->it, by_resource);
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
	collect(&q, sp, use, resource_tol);
	if (q.s == 0 || !find_vertex(&q))
		return DEPLOY_NEAR_INFEASIBLE;
	q.exact = q.binding && make_exact(&q);
	if (!reduced_costs(&q))
		return DEPLOY_NEAR_NO_BOX;
	set_base(&q);
	if (q.slack0 < 0 || !bound_others(&q))
		return DEPLOY_NEAR_NO_BOX;
	bound_vertex(&q);
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
