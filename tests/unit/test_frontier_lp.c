/*
 * test_frontier_lp.c - the LP frontier with the time row: against GLPK's LP
 * optimum built here directly, against the exact solver's policies, by hand,
 * and on the rpi4 pool, where the hull without the row breaks it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "optdeploy/core/frontier.h"
#include "optdeploy/core/frontier_lp.h"
#include "optdeploy/core/limits.h"
#include "optdeploy/core/pool.h"
#include "optdeploy/core/pool_spec.h"
#include "optdeploy/core/pool_tables.h"
#include "optdeploy/core/solve.h"
#include "test_support.h"

#define MAX_N 40

/* test_support.h's generator: a fixed sequence, so a failure reproduces. */
static struct ts_rng rng = {0x2545F491u};

static double uniform(void)
{
	return ts_rand_unit(&rng);
}

static char names[MAX_N][24];

/* A pool of n models with latencies in seconds; free with pool_free. */
static struct pool make_pool(size_t n, const double *cost, const double *acc, const double *lat)
{
	struct pool p;
	memset(&p, 0, sizeof p);
	p.models = calloc(n, sizeof *p.models);
	assert_non_null(p.models);
	p.n = n;
	p.cost_scale = 1;
	p.has_latency = true;
	for (size_t i = 0; i < n; i++) {
		snprintf(names[i], sizeof names[i], "m%zu", i);
		p.models[i].name = names[i];
		p.models[i].cost = cost[i];
		p.models[i].accuracy = acc[i];
		p.models[i].latency = lat[i];
		p.models[i].load_cost = 1;
	}
	return p;
}

/* The pool's models are named by the test; pool_free must not free them. */
static void drop_pool(struct pool *p)
{
	free(p->models);
	memset(p, 0, sizeof *p);
}

static struct solve_params time_params(double tau, double duty)
{
	struct solve_params sp = solve_params_default();
	sp.duty_cycle = duty;
	sp.rate = duty / tau;
	return sp;
}

/*
 * GLPK's LP optimum: max sum p w  s.t.  sum w = 1, sum c w <= b,
 * sum t w <= tau, w >= 0; NaN when infeasible.
 */
static double glpk_value(const struct pool *p, double b, double tau)
{
	glp_prob *lp = glp_create_prob();
	int n = (int)p->n;
	int *ia = malloc((size_t)(3 * n + 1) * sizeof *ia), *ja = malloc((size_t)(3 * n + 1) * sizeof *ja);
	double *ar = malloc((size_t)(3 * n + 1) * sizeof *ar);
	assert_true(ia != NULL && ja != NULL && ar != NULL);
	glp_set_obj_dir(lp, GLP_MAX);
	glp_add_rows(lp, 3);
	glp_set_row_bnds(lp, 1, GLP_FX, 1, 1);
	glp_set_row_bnds(lp, 2, GLP_UP, 0, b);
	glp_set_row_bnds(lp, 3, GLP_UP, 0, tau);
	glp_add_cols(lp, n);
	int k = 0;
	for (int j = 1; j <= n; j++) {
		const struct model *md = &p->models[j - 1];
		glp_set_col_bnds(lp, j, GLP_LO, 0, 0);
		glp_set_obj_coef(lp, j, md->accuracy);
		double v[3] = { 1, md->cost, md->latency };
		for (int r = 0; r < 3; r++, k++) {
			ia[k + 1] = r + 1;
			ja[k + 1] = j;
			ar[k + 1] = v[r];
		}
	}
	glp_load_matrix(lp, k, ia, ja, ar);
	glp_smcp parm;
	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	/* no presolver: on one column it has called a row-breaking point optimal */
	int rc = glp_simplex(lp, &parm);
	assert_int_equal(rc, 0);
	double v = glp_get_status(lp) == GLP_OPT ? glp_get_obj_val(lp) : NAN;
	glp_delete_prob(lp);
	free(ia);
	free(ja);
	free(ar);
	return v;
}

/* The frontier's shape: rising, concave, each vertex within tau, mixes on it. */
static void check_shape(const struct pool *p, const struct frontier_lp *h)
{
	double prev = INFINITY;
	for (size_t k = 0; k < h->n; k++) {
		const struct frontier_vertex *v = &h->v[k];
		assert_true(v->latency <= h->tau * (1 + 1e-12));
		if (frontier_vertex_is_mix(v)) {
			const struct model *a = &p->models[v->model], *b = &p->models[v->other];
			assert_true(v->share > 0 && v->share < 1);
			assert_true(a->latency < h->tau && b->latency > h->tau);
			double t = v->share * a->latency + (1 - v->share) * b->latency;
			if (fabs(t - h->tau) > 1e-12 * h->tau)
				fail_msg("mix %zu+%zu: latency %.17g, tau %.17g", v->model, v->other, t, h->tau);
		} else {
			assert_true(v->share == 1);
		}
		if (k > 0) {
			assert_true(h->v[k - 1].cost < v->cost && h->v[k - 1].accuracy < v->accuracy);
			double slope = (v->accuracy - h->v[k - 1].accuracy) / (v->cost - h->v[k - 1].cost);
			assert_true(slope < prev);
			prev = slope;
		}
	}
}

/* A random pool: coarse grids half the time, so ties and t == tau occur. */
static struct pool random_pool(size_t n, double *tau)
{
	double c[MAX_N], a[MAX_N], t[MAX_N];
	bool coarse = uniform() < 0.5;
	for (size_t i = 0; i < n; i++) {
		c[i] = coarse ? 10 + (double)(int)(uniform() * 8) * 10 : 1 + uniform() * 99;
		a[i] = coarse ? 50 + (double)(int)(uniform() * 6) * 8 : 40 + uniform() * 60;
		t[i] = coarse ? (double)(1 + (int)(uniform() * 10)) * 0.01 : 0.001 + uniform() * 0.099;
	}
	double r = uniform();
	if (r < 0.1)
		*tau = 0.0005;                       /* nothing keeps up */
	else if (r < 0.2)
		*tau = 0.2;                          /* everything does */
	else if (r < 0.4)
		*tau = t[(size_t)(uniform() * (double)n)];  /* some model exactly at tau */
	else
		*tau = 0.001 + uniform() * 0.099;
	return make_pool(n, c, a, t);
}

/*
 * For random pools and tau, the frontier's value at many budgets is GLPK's
 * LP optimum (accuracies 40-100: 1e-7 is far below GLPK's tolerances'
 * effect and far above doubles' rounding); below its cheapest point GLPK
 * finds no policy either.  FRONTIER_LP_SEED=N and FRONTIER_LP_SCALE=M
 * replay another sequence, M times longer.
 */
static void test_against_glpk(void **state)
{
	(void)state;
	size_t mixes = 0, none = 0, checked = 0;
	int trials = ts_env_scaled("FRONTIER_LP_SCALE", 400);
	rng.state ^= ts_env_seed("FRONTIER_LP_SEED", 0);
	for (int trial = 0; trial < trials; trial++) {
		double tau;
		size_t n = 1 + (size_t)(uniform() * 30);
		struct pool p = random_pool(n, &tau);
		struct solve_params sp = time_params(tau, uniform() < 0.5 ? 1 : 0.25 + 0.75 * uniform());
		struct frontier_lp h;
		struct status_msg m;
		assert_int_equal(frontier_lp_build(&h, &p, &sp, &m), ST_OK);
		check_shape(&p, &h);
		for (size_t k = 0; k < h.n; k++)
			mixes += frontier_vertex_is_mix(&h.v[k]);
		none += frontier_lp_none_keeps_up(&h);
		assert_true(frontier_lp_none_keeps_up(&h) == (h.n == 0));
		for (int s = 0; s < 30; s++) {
			double b = s == 0 && h.n > 0 ? h.v[h.n - 1].cost : 0.5 + uniform() * 110;
			if (s > 0 && s <= (int)h.n)
				b = h.v[s - 1].cost;  /* every vertex, then random budgets */
			if (h.n > 0 && fabs(b - h.v[0].cost) < 1e-6 && s > (int)h.n)
				continue;  /* the feasibility edge: GLPK's tolerance decides */
			double want = glpk_value(&p, b, h.tau), got = frontier_lp_value(&h, b);
			if (isnan(want) != isnan(got) || (!isnan(want) && fabs(got - want) > 1e-7 * fabs(want)))
				fail_msg("trial %d, n %zu, tau %.17g, budget %.17g: hull %.17g, GLPK %.17g",
					 trial, n, h.tau, b, got, want);
			checked++;
		}
		frontier_lp_free(&h);
		drop_pool(&p);
	}
	/* not vacuous: mixes and pools with no LP policy both occurred */
	assert_true(mixes > 100 && none > 10 && checked > 8000);
}

/*
 * 1000 models, continuous values and the pools the pairs are worst on
 * (cost, accuracy and latency rising together: nothing dominated), against
 * GLPK at 25 budgets each.
 */
static void test_large_pools(void **state)
{
	(void)state;
	static char name[] = "m";
	size_t n = 1000;
	struct model *md = calloc(n, sizeof *md);
	assert_non_null(md);
	for (int kind = 0; kind < 2; kind++) {
		for (size_t i = 0; i < n; i++) {
			double x = (double)i / (double)n;
			md[i].name = name;
			md[i].load_cost = 1;
			md[i].cost = kind ? 1 + 99 * x : 1 + 99 * uniform();
			md[i].accuracy = kind ? 40 + 60 * sqrt(x) + 0.01 * uniform() : 40 + 60 * uniform();
			md[i].latency = kind ? 0.001 + 0.1 * x * x : 0.001 + 0.099 * uniform();
		}
		struct pool p = { .models = md, .n = n, .cost_scale = 1, .has_latency = true };
		struct solve_params sp = time_params(0.03, 1);
		struct frontier_lp h;
		struct status_msg m;
		assert_int_equal(frontier_lp_build(&h, &p, &sp, &m), ST_OK);
		check_shape(&p, &h);
		assert_true(h.n >= 2);
		for (int s = 0; s < 25; s++) {
			double b = h.v[0].cost + (h.v[h.n - 1].cost - h.v[0].cost) * s / 24.0;
			double want = glpk_value(&p, b, h.tau), got = frontier_lp_value(&h, b);
			if (!(fabs(got - want) <= 1e-7 * fabs(want)))
				fail_msg("kind %d, budget %.17g: frontier %.17g, GLPK %.17g", kind, b, got, want);
		}
		frontier_lp_free(&h);
	}
	free(md);
}

/* Without a slow model (or without a rate) the frontier is frontier.c's hull of models. */
static void test_no_slow_model(void **state)
{
	(void)state;
	for (int trial = 0; trial < 200; trial++) {
		double tau;
		size_t n = 1 + (size_t)(uniform() * 30), idx[MAX_N];
		struct pool p = random_pool(n, &tau);
		struct solve_params sp = trial % 2 ? time_params(0.5, 1) : solve_params_default();
		struct frontier_lp h;
		struct status_msg m;
		assert_int_equal(frontier_lp_build(&h, &p, &sp, &m), ST_OK);
		size_t nh = frontier_hull_fitting(&p, &sp, idx);
		assert_int_equal(h.n, nh);
		for (size_t k = 0; k < nh; k++) {
			assert_int_equal(h.v[k].model, idx[k]);
			assert_false(frontier_vertex_is_mix(&h.v[k]));
		}
		assert_int_equal(h.n_fast, n);
		frontier_lp_free(&h);
		drop_pool(&p);
	}
}

/*
 * By hand: a (10, 60, 20 ms), b (30, 75, 80 ms), c (60, 85, 340 ms).  At
 * 10/s (tau 100 ms) c is too slow alone; the mix of b and c on t = 100 ms
 * is 240/260 of b, that of a and c 240/320 of a (under the chord a-b).
 */
static void test_by_hand(void **state)
{
	(void)state;
	struct pool p = make_pool(3, (const double[]){ 10, 30, 60 }, (const double[]){ 60, 75, 85 },
				  (const double[]){ 0.02, 0.08, 0.34 });
	struct solve_params sp = time_params(0.1, 1);
	struct frontier_lp h;
	struct status_msg m;
	assert_int_equal(frontier_lp_build(&h, &p, &sp, &m), ST_OK);
	/* a, b, then the b-c mix (cost 32.3077, accuracy 75.769); a-c (22.5, 66.25) is below a-b */
	assert_int_equal(h.n, 3);
	assert_int_equal(h.v[0].model, 0);
	assert_int_equal(h.v[1].model, 1);
	assert_false(frontier_vertex_is_mix(&h.v[1]));
	assert_int_equal(h.v[2].model, 1);
	assert_int_equal(h.v[2].other, 2);
	assert_true(fabs(h.v[2].share - 24.0 / 26.0) < 1e-15);
	assert_true(fabs(h.v[2].cost - (30 * 24.0 + 60 * 2.0) / 26.0) < 1e-12);
	assert_true(fabs(h.v[2].accuracy - (75 * 24.0 + 85 * 2.0) / 26.0) < 1e-12);
	assert_true(frontier_lp_value(&h, 1000) == h.v[2].accuracy);
	assert_true(isnan(frontier_lp_value(&h, 9.99)));
	assert_true(frontier_lp_cost(&h, h.v[2].accuracy) == h.v[2].cost);
	assert_true(isnan(frontier_lp_cost(&h, 80)));
	frontier_lp_free(&h);

	/* 20/s: tau 50 ms, only a keeps up; the mix a-b (cost 20) tops a-c (cost 14.7) */
	sp = time_params(0.05, 1);
	assert_int_equal(frontier_lp_build(&h, &p, &sp, &m), ST_OK);
	assert_int_equal(h.n_fast, 1);
	assert_int_equal(h.n, 2);
	assert_int_equal(h.v[0].model, 0);
	assert_true(h.v[1].model == 0 && h.v[1].other == 1 && h.v[1].share == 0.5);
	assert_true(fabs(h.v[1].cost - 20) < 1e-12 && fabs(h.v[1].accuracy - 67.5) < 1e-12);
	check_shape(&p, &h);
	frontier_lp_free(&h);

	/* 100/s: tau 10 ms, nothing keeps up */
	sp = time_params(0.01, 1);
	assert_int_equal(frontier_lp_build(&h, &p, &sp, &m), ST_OK);
	assert_int_equal(h.n, 0);
	assert_true(frontier_lp_none_keeps_up(&h));
	assert_true(isnan(frontier_lp_value(&h, 50)));
	frontier_lp_free(&h);

	drop_pool(&p);

	/*
	 * The frontier is one mix, half (50, 74, 10 ms) and half (10, 82, 70 ms)
	 * at 40 ms; its cost comes out 30 + 4e-15, and a budget of exactly 30
	 * (where the exact solver puts its policy) still reaches it.
	 */
	p = make_pool(3, (const double[]){ 80, 50, 10 }, (const double[]){ 58, 74, 82 },
		      (const double[]){ 0.04, 0.01, 0.07 });
	sp = time_params(0.04, 1);
	assert_int_equal(frontier_lp_build(&h, &p, &sp, &m), ST_OK);
	assert_int_equal(h.n, 1);
	assert_true(h.v[0].model == 1 && h.v[0].other == 2);
	assert_true(fabs(frontier_lp_value(&h, 30) - 78) < 1e-12);
	assert_true(isnan(frontier_lp_value(&h, 29.999)));
	assert_true(fabs(frontier_lp_cost(&h, 78) - 30) < 1e-12);
	assert_true(isnan(frontier_lp_cost(&h, 78.001)));
	frontier_lp_free(&h);

	/* a deadline of 1 ms rules every model out: no model fits is not "none keeps up" */
	sp = time_params(0.01, 1);
	sp.deadline = 0.001;
	assert_int_equal(frontier_lp_build(&h, &p, &sp, &m), ST_OK);
	assert_int_equal(h.n_fit, 0);
	assert_false(frontier_lp_none_keeps_up(&h));
	frontier_lp_free(&h);
	drop_pool(&p);
}

/* Every exact policy at lambda 0 lies on or below the frontier at its average cost. */
static void policies_below(const struct pool *p, const struct solve_params *base,
			   const struct frontier_lp *h, const double *budgets, size_t nb,
			   size_t *solved)
{
	struct status_msg m;
	struct solver *s = solver_new(p, &m);
	struct policy pol;
	assert_non_null(s);
	assert_int_equal(policy_init(&pol, p->n, &m), ST_OK);
	for (size_t j = 0; j < nb; j++) {
		struct solve_params sp = *base;
		sp.budget = budgets[j];
		assert_int_equal(solver_run(s, &sp, &pol, &m), ST_OK);
		if (pol.outcome != SOLVE_OPTIMAL)
			continue;
		double v = frontier_lp_value(h, pol.expected_cost);
		double tol = 1e-9 * fmax(1, fabs(pol.expected_accuracy));
		if (isnan(v) || pol.expected_accuracy > v + tol)
			fail_msg("budget %.17g, K %lld: policy (%.17g, %.17g), frontier %.17g",
				 budgets[j], sp.k, pol.expected_cost, pol.expected_accuracy, v);
		++*solved;
	}
	policy_free(&pol);
	solver_free(s);
}

static void test_policies_below(void **state)
{
	(void)state;
	size_t solved = 0;
	int trials = ts_env_scaled("FRONTIER_LP_SCALE", 60);
	for (int trial = 0; trial < trials; trial++) {
		double tau, budgets[12];
		size_t n = 2 + (size_t)(uniform() * 12);
		struct pool p = random_pool(n, &tau);
		struct solve_params sp = time_params(tau, 1);
		sp.lambda = 0;
		sp.k = trial % 3 == 0 ? 1000000 : 1 + (long long)(uniform() * 40);
		struct frontier_lp h;
		struct status_msg m;
		assert_int_equal(frontier_lp_build(&h, &p, &sp, &m), ST_OK);
		for (size_t j = 0; j < 12; j++)
			budgets[j] = 5 + uniform() * 100;
		policies_below(&p, &sp, &h, budgets, 12, &solved);
		frontier_lp_free(&h);
		drop_pool(&p);
	}
	assert_true(solved > 200);
}

/*
 * rpi4 at 10/s (100 ms per inference): the hull without the row has a
 * vertex slower than that (efficientnet-lite4, 341 ms), the frontier has
 * none and mixes instead; it agrees with GLPK, and the exact policies
 * (K = 1000, lambda 0) lie under it while beating nothing the row forbids.
 */
static void test_rpi4(void **state)
{
	(void)state;
	static const char *const path = "data/mlperf_rpi4_tflite.csv";
	struct pool_spec spec;
	struct pool p;
	struct status_msg m;
	pool_spec_init(&spec);
	assert_int_equal(pool_spec_add_columns(&spec, "cost=energy_mj,accuracy=top1,latency=latency_ms",
					       false, &m), ST_OK);
	assert_int_equal(pool_load_tables(&path, 1, &spec, &p, NULL, &m), ST_OK);
	struct solve_params sp = time_params(0.1, 1);
	sp.lambda = 0;
	size_t *idx = malloc(p.n * sizeof *idx);
	assert_non_null(idx);
	size_t nold = frontier_hull_fitting(&p, &sp, idx), slow = 0;
	for (size_t k = 0; k < nold; k++)
		slow += p.models[idx[k]].latency > 0.1;
	assert_true(slow > 0);
	struct frontier_lp h;
	assert_int_equal(frontier_lp_build(&h, &p, &sp, &m), ST_OK);
	check_shape(&p, &h);
	size_t mixes = 0;
	for (size_t k = 0; k < h.n; k++)
		mixes += frontier_vertex_is_mix(&h.v[k]);
	assert_true(mixes > 0);
	double top_old = p.models[idx[nold - 1]].accuracy, top_new = h.v[h.n - 1].accuracy;
	assert_true(top_new < top_old - 0.5);
	double budgets[40];
	for (size_t j = 0; j < 40; j++) {
		budgets[j] = 17.35 * pow(2500 / 17.35, (double)j / 39);
		double want = glpk_value(&p, budgets[j], h.tau), got = frontier_lp_value(&h, budgets[j]);
		if (fabs(got - want) > 1e-7 * want)
			fail_msg("budget %.17g: frontier %.17g, GLPK %.17g", budgets[j], got, want);
	}
	size_t solved = 0;
	policies_below(&p, &sp, &h, budgets, 40, &solved);
	assert_true(solved == 40);
	free(idx);
	frontier_lp_free(&h);
	pool_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_by_hand),
		cmocka_unit_test(test_against_glpk),
		cmocka_unit_test(test_large_pools),
		cmocka_unit_test(test_no_slow_model),
		cmocka_unit_test(test_policies_below),
		cmocka_unit_test(test_rpi4),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
