/*
 * test_time_lp.c - the node LP with the time row without GLPK (time_lp.c)
 * against GLPK's LP of the same node (deploy_lp) and against a brute force
 * over every basis of the three rows (long double, sharing none of
 * time_lp's code), on thousands of random nodes: K from 1 to 1e9, both
 * modes, lambda 0 to 5 K, rates whose row binds, is slack or cannot be
 * met, a deadline, a model-count limit, random fixings, and one workspace
 * per pool for its 30 nodes (its warm starts cross nodes, modes and K).
 *
 * - A bound is never tighter than the brute force's optimum, nor than
 *   GLPK's value beyond GLPK's own tolerance, and is within 1e-9 of both.
 * - A node called infeasible has no feasible basis and GLPK finds none.
 * - It answers nearly every node (the counter): GLPK is its fallback only.
 * - Its prices (time_lp_prices) give its bound by weak duality.
 * - The same node uncharged (time_lp_solve_uncharged, between the charged
 *   solves on the same workspace) bounds the uncharged LP's optimum, within
 *   1e-9 of it, with the same verdict on feasibility.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "optdeploy/core/deploy_lp.h"
#include "optdeploy/core/limits.h"
#include "optdeploy/core/time_lp.h"
#include "test_support.h"

#define NMAX 8
#define NODES 6000
#define PER_POOL 30  /* nodes per pool: one workspace, warm starts across them */

struct inst {
	struct pool pool;
	struct model md[NMAX];
	char names[2];
	size_t kept[NMAX];
	struct solve_params sp;
	signed char zfix[NMAX];
	double tol;
};

static const long long KS[] = {1, 2, 3, 7, 12, 100, 1000, 65536, 1000000, 999999937,
			       1000000000};

/* A pool of n models with latencies. */
static void random_pool(struct inst *in, struct ts_rng *r, size_t n)
{
	memset(in, 0, sizeof *in);
	in->names[0] = 'm';
	bool dyadic = ts_rand_below(r, 3) == 0;
	static const double loads[] = {0, 0.5, 1, 1, 2, 4};
	for (size_t i = 0; i < n; i++) {
		struct model *md = &in->md[i];
		md->name = in->names;
		md->cost = dyadic ? ldexp((double)(1 + ts_rand_below(r, 16)), -2)
				  : ts_rand_range(r, 0.1, 100);
		md->accuracy = dyadic ? (double)(50 + ts_rand_below(r, 40))
				      : 40 + 6 * log(md->cost + 1) + ts_rand_range(r, -3, 3);
		if (i > 0 && ts_rand_below(r, 5) == 0)
			md->accuracy = in->md[i - 1].accuracy;
		md->load_cost = loads[ts_rand_below(r, 6)];
		md->memory = 1;
		md->latency = dyadic ? (double)(5 + ts_rand_below(r, 60)) * 1e-3
				     : fmax(0.005, (10 + 3 * md->cost + ts_rand_range(r, -60, 60)) * 1e-3);
		if (i > 0 && ts_rand_below(r, 6) == 0)
			md->latency = in->md[i - 1].latency;
		in->kept[i] = i;
	}
	in->pool.models = in->md;
	in->pool.n = n;
	in->pool.cost_scale = 1;
	in->pool.has_latency = true;
}

/* A random node of the pool: parameters and fixings. */
static void random_node(struct inst *in, struct ts_rng *r)
{
	size_t n = in->pool.n;
	double tmin = INFINITY, tmax = 0;
	for (size_t i = 0; i < n; i++) {
		tmin = fmin(tmin, in->md[i].latency);
		tmax = fmax(tmax, in->md[i].latency);
	}
	struct solve_params *sp = &in->sp;
	*sp = solve_params_default();
	sp->mode = ts_rand_below(r, 2) ? SOLVE_MAX_ACCURACY : SOLVE_MIN_COST;
	sp->k = KS[ts_rand_below(r, sizeof KS / sizeof *KS)];
	const struct model *a = &in->md[ts_rand_below(r, n)], *b = &in->md[ts_rand_below(r, n)];
	switch (ts_rand_below(r, 4)) {
	case 0: sp->budget = a->cost; sp->min_accuracy = a->accuracy; break;
	case 1: sp->budget = (a->cost + b->cost) / 2;
		sp->min_accuracy = (a->accuracy + b->accuracy) / 2; break;
	case 2: sp->budget = 0.01; sp->min_accuracy = 200; break;  /* out of reach */
	default: sp->budget = ts_rand_range(r, 0.1, 100); sp->min_accuracy = ts_rand_range(r, 45, 90);
		break;
	}
	static const double lambdas[] = {0, 0.1, 1, 5, 0.37};
	sp->lambda = lambdas[ts_rand_below(r, 5)] * (double)sp->k;
	/* the time per inference: a model's, between two, below all, above all */
	double tau;
	switch (ts_rand_below(r, 4)) {
	case 0: tau = a->latency; break;
	case 1: tau = (a->latency + b->latency) / 2; break;
	case 2: tau = tmin * 0.9; break;
	default: tau = ts_rand_range(r, tmin, tmax * 1.1); break;
	}
	sp->duty_cycle = ts_rand_below(r, 2) ? 1.0 : 0.5;
	sp->rate = sp->duty_cycle / tau;
	if (ts_rand_below(r, 5) == 0)
		sp->deadline = ts_rand_range(r, tmin, tmax);
	if (ts_rand_below(r, 5) == 0)
		sp->max_models = 1 + ts_rand_below(r, n);
	in->tol = 2e-14 * (double)sp->k * 100 + 1e-9;
	for (size_t i = 0; i < n; i++) {
		unsigned c = ts_rand_below(r, 5);
		in->zfix[i] = c < 3 ? -1 : c == 3 ? 0 : 1;
	}
}

/* The node's LP in max form: values, columns, right-hand sides, constant. */
struct ref {
	size_t n;
	bool over;  /* more models fixed used than the limit allows */
	bool ok[NMAX];
	long double v[NMAX], col[NMAX + 2][3], b[3], constant;
};

/* uncharged: every allowed model at its value without the charge (time_lp_solve_uncharged) */
static void ref_load(const struct inst *in, struct ref *f, bool uncharged)
{
	const struct solve_params *sp = &in->sp;
	bool primal = sp->mode == SOLVE_MAX_ACCURACY;
	double rscale = limits_resource_scale(sp, &in->pool), tscale = limits_time_scale(sp, &in->pool);
	size_t used = 0;
	memset(f, 0, sizeof *f);
	f->over = false;
	f->n = in->pool.n;
	for (size_t i = 0; i < f->n; i++)
		used += in->zfix[i] == 1 && limits_model_fits(sp, &in->md[i]);
	bool none_left = sp->max_models > 0 && used >= sp->max_models;
	f->over = sp->max_models > 0 && used > sp->max_models;
	for (size_t i = 0; i < f->n; i++) {
		const struct model *md = &in->md[i];
		long double u = (long double)sp->lambda * md->load_cost;
		bool fits = limits_model_fits(sp, md);
		bool on = fits && in->zfix[i] == 1, open = fits && in->zfix[i] == -1 && !none_left;
		if (on)
			f->constant -= u;
		f->ok[i] = on || open;
		long double per = primal ? md->accuracy : -(long double)md->cost;
		f->v[i] = per - (open && !uncharged ? u / (long double)sp->k : 0);
		double rc = limits_resource_coef(sp, rscale, md);
		f->col[i][0] = 1;
		f->col[i][1] = primal ? rc : -rc;
		f->col[i][2] = limits_time_coef(sp, tscale, md->latency);
	}
	f->col[f->n][1] = 1;
	f->col[f->n + 1][2] = 1;
	f->b[0] = (long double)sp->k;
	f->b[1] = limits_resource_row_bound(sp, rscale, in->tol);
	f->b[2] = limits_time_row_bound(sp, &in->pool);
}

static long double det3(long double m[3][3])
{
	return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
	       m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
	       m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
}

/* The LP's optimum (max form, constant included) over every basis; -INFINITY: none is feasible. */
static long double ref_optimum(const struct ref *f)
{
	size_t nc = f->n + 2;
	long double best = -INFINITY, eps = 1e-18L * (f->b[0] + fabsl(f->b[1]) + fabsl(f->b[2]));
	if (f->over)
		return best;
	for (size_t i = 0; i < nc; i++)
		for (size_t j = i + 1; j < nc; j++)
			for (size_t k = j + 1; k < nc; k++) {
				size_t c[3] = {i, j, k};
				long double m[3][3], x[3], value = f->constant;
				bool skip = false;
				for (int q = 0; q < 3; q++) {
					skip = skip || (c[q] < f->n && !f->ok[c[q]]);
					for (int row = 0; row < 3; row++)
						m[row][q] = f->col[c[q]][row];
				}
				long double d = det3(m);
				if (skip || fabsl(d) < 1e-18L)
					continue;
				bool feasible = true;
				for (int q = 0; q < 3 && feasible; q++) {  /* Cramer */
					long double mq[3][3];
					memcpy(mq, m, sizeof mq);
					for (int row = 0; row < 3; row++)
						mq[row][q] = f->b[row];
					x[q] = det3(mq) / d;
					feasible = x[q] >= -eps;
					if (c[q] < f->n)
						value += f->v[c[q]] * x[q];
				}
				if (feasible)
					best = fmaxl(best, value);
			}
	return best;
}

/*
 * time_lp_prices: weak duality's bound from them over the reference's
 * columns is the bound time_lp_solve gave (the prices behind it).
 */
static void check_prices(const struct time_lp *lp, const struct ref *f, long double bound,
			 long double scale, size_t node)
{
	long double pa, pt, mu = -INFINITY;
	time_lp_prices(lp, &pa, &pt);
	assert_true(pa >= 0 && pt >= 0);
	for (size_t k = 0; k < f->n; k++)
		if (f->ok[k])
			mu = fmaxl(mu, f->v[k] - pa * f->col[k][1] - pt * f->col[k][2]);
	long double wd = f->b[0] * mu + pa * f->b[1] + pt * f->b[2] + f->constant;
	if (fabsl(wd - bound) > 1e-9L * scale)
		fail_msg("node %zu: the prices' bound %.17Lg, time_lp's %.17Lg", node, wd, bound);
}

/*
 * time_lp_solve_uncharged, on the same workspace between the charged
 * solves (its warm start is its own): a bound at or above the uncharged
 * LP's optimum and within 1e-9 of it, the same verdict on feasibility as
 * the charged LP (the same polytope).
 */
static void check_uncharged(struct time_lp *lp, const struct inst *in, const struct ref *f0,
			    enum time_lp_result charged, long double scale, size_t node)
{
	double u = NAN;
	enum time_lp_result r = time_lp_solve_uncharged(lp, &in->sp, in->zfix, in->tol, &u);
	long double opt0 = ref_optimum(f0);
	long double m = in->sp.mode == SOLVE_MAX_ACCURACY ? u : -(long double)u;
	if (r == TIME_LP_BOUND) {
		if (isinf(opt0) || m < opt0 || m > opt0 + 1e-9L * scale)
			fail_msg("node %zu: uncharged bound %.17Lg, optimum %.17Lg", node, m, opt0);
		assert_true(charged != TIME_LP_INFEASIBLE);
	}
	if (r == TIME_LP_INFEASIBLE)
		assert_true(isinf(opt0) && charged != TIME_LP_BOUND);
}

static void test_random_nodes(void **state)
{
	(void)state;
	struct ts_rng rng = {0x71e3u};
	size_t nodes = 0, bounds = 0, infeasible = 0, all_declined = 0;
	for (int pools = 0; pools < NODES / PER_POOL; pools++) {
		struct inst in;
		size_t n = 1 + (size_t)pools % NMAX;
		random_pool(&in, &rng, n);
		struct deploy_lp *glpk = deploy_lp_new(&in.pool, in.kept, n);
		struct time_lp *lp = time_lp_new(&in.pool, in.kept, n);
		assert_non_null(glpk);
		assert_non_null(lp);
		for (int t = 0; t < PER_POOL; t++, nodes++) {
			random_node(&in, &rng);
			struct solve_params *sp = &in.sp;
			bool primal = sp->mode == SOLVE_MAX_ACCURACY;
			struct ref f, f0;
			ref_load(&in, &f, false);
			ref_load(&in, &f0, true);
			long double opt = ref_optimum(&f);
			double g = NAN, mine = NAN, xg[NMAX], xm[NMAX];
			enum deploy_lp_result rg = deploy_lp_solve(glpk, sp, in.zfix, in.tol, 10000, &g, xg);
			enum time_lp_result rm = time_lp_solve(lp, sp, in.zfix, in.tol, &mine, xm);
			long double scale = (long double)sp->k * 200 + fabsl(f.constant) + 1;
			long double m = primal ? mine : -(long double)mine;  /* max form */
			if (rm == TIME_LP_BOUND) {
				bounds++;
				if (isinf(opt))
					fail_msg("node %zu: bound %.17g on an LP with no feasible basis", nodes, mine);
				if (m < opt)
					fail_msg("node %zu: bound %.17Lg below the optimum %.17Lg", nodes, m, opt);
				if (m > opt + 1e-9L * scale)
					fail_msg("node %zu: bound %.17Lg far above the optimum %.17Lg", nodes, m, opt);
				for (size_t k = 0; k < n; k++)
					assert_true(xm[k] >= 0 && (f.ok[k] || xm[k] == 0));
			}
			if (rm == TIME_LP_BOUND)
				check_prices(lp, &f, m, scale, nodes);
			check_uncharged(lp, &in, &f0, rm, scale, nodes);
			if (rm == TIME_LP_INFEASIBLE) {
				infeasible++;
				if (!isinf(opt) || rg == DEPLOY_LP_OPTIMAL)
					fail_msg("node %zu: called infeasible, optimum %.17Lg, GLPK %d", nodes,
						 opt, (int)rg);
			}
			if (rm == TIME_LP_BOUND && rg == DEPLOY_LP_OPTIMAL) {
				long double gm = primal ? g : -(long double)g;
				/* GLPK's value is weak duality's too, from its prices */
				if (m < gm - 1e-9L * scale || m > gm + 1e-9L * scale)
					fail_msg("node %zu: bound %.17g, GLPK's %.17g", nodes, mine, g);
			}
		}
		size_t answered, declined;
		time_lp_counts(lp, &answered, &declined);
		assert_int_equal(answered + declined, PER_POOL);
		all_declined += declined;
		time_lp_free(lp);
		deploy_lp_free(glpk);
	}
	/* GLPK is the fallback, not the path */
	assert_true(all_declined * 100 <= nodes);
	/* the mix covered both verdicts */
	assert_true(bounds > nodes / 3);
	assert_true(infeasible > nodes / 50);
	print_message("%zu nodes: %zu bounds, %zu infeasible, %zu to GLPK\n", nodes, bounds,
		      infeasible, all_declined);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_nodes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
