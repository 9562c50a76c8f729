/* test_frontier.c - Pareto set and upper concave hull: hand-made pools, UCI-HAR, random pools. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "optdeploy/core/frontier.h"
#include "optdeploy/core/pool.h"

#include "test_support.h"

#define MAX_N 64

/* |got - want| <= tol * max(1, |want|), with both values in the failure message. */
#define assert_near(got, want, tol) do { \
	double g_ = (got), w_ = (want); \
	if (!(fabs(g_ - w_) <= (tol) * fmax(1, fabs(w_)))) \
		fail_msg("%s = %.17g, want %.17g", #got, g_, w_); \
} while (0)

/* A pool of n points (names are not used by the frontier); free with pool_free. */
static struct pool make_pool(size_t n, const double *cost, const double *acc)
{
	struct pool p;
	memset(&p, 0, sizeof p);
	p.models = calloc(n, sizeof *p.models);
	assert_non_null(p.models);
	p.n = n;
	p.cost_scale = 1;
	for (size_t i = 0; i < n; i++) {
		p.models[i].cost = cost[i];
		p.models[i].accuracy = acc[i];
		p.models[i].load_cost = 1;
	}
	return p;
}

static void assert_indices(const size_t *got, size_t n_got, const size_t *want, size_t n_want)
{
	assert_int_equal(n_got, n_want);
	for (size_t i = 0; i < n_want; i++) {
		if (got[i] != want[i])
			fail_msg("position %zu: got model %zu, want %zu", i, got[i], want[i]);
	}
}

#define IDX(...) ((const size_t[]){__VA_ARGS__}), (sizeof((const size_t[]){__VA_ARGS__}) / sizeof(size_t))

static void check_frontiers(size_t n, const double *cost, const double *acc,
			    const size_t *pw, size_t npw, const size_t *hw, size_t nhw)
{
	struct pool p = make_pool(n, cost, acc);
	size_t idx[MAX_N];
	assert_indices(idx, frontier_pareto(&p, idx), pw, npw);
	assert_indices(idx, frontier_hull(&p, idx), hw, nhw);
	pool_free(&p);
}

static void test_hand_made(void **state)
{
	(void)state;
	/* F(25,60) and E(50,85) are dominated; C(30,75) is Pareto but below chord B-D. */
	const double c[] = {40, 10, 50, 30, 25, 20};
	const double a[] = {90, 50, 85, 75, 60, 70};
	check_frontiers(6, c, a, IDX(1, 5, 3, 0), IDX(1, 5, 0));
}

static void test_duplicates(void **state)
{
	(void)state;
	/* Exact duplicates dominate neither each other: both Pareto, one hull vertex. */
	const double c[] = {20, 10, 10, 30};
	const double a[] = {70, 50, 50, 75};
	check_frontiers(4, c, a, IDX(1, 2, 0, 3), IDX(1, 0, 3));
}

static void test_equal_costs_and_accuracies(void **state)
{
	(void)state;
	/* Equal costs: the more accurate wins.  Equal accuracies: the cheaper wins. */
	const double c[] = {10, 10, 20, 30, 25};
	const double a[] = {50, 60, 70, 70, 65};
	check_frontiers(5, c, a, IDX(1, 2), IDX(1, 2));
}

static void test_single_model(void **state)
{
	(void)state;
	const double c[] = {42.5}, a[] = {77.25};
	struct pool p = make_pool(1, c, a);
	size_t idx[1];
	assert_indices(idx, frontier_pareto(&p, idx), IDX(0));
	size_t nh = frontier_hull(&p, idx);
	assert_indices(idx, nh, IDX(0));
	assert_true(isnan(frontier_hull_value(&p, idx, nh, 42.4)));
	assert_true(frontier_hull_value(&p, idx, nh, 42.5) == 77.25);
	assert_true(frontier_hull_value(&p, idx, nh, 1e9) == 77.25);
	assert_true(frontier_hull_cost(&p, idx, nh, 77.25) == 42.5);
	assert_true(frontier_hull_cost(&p, idx, nh, -5) == 42.5);
	assert_true(isnan(frontier_hull_cost(&p, idx, nh, 77.26)));
	assert_true(isnan(frontier_hull_value(&p, idx, nh, NAN)));
	assert_true(isnan(frontier_hull_cost(&p, idx, nh, NAN)));
	pool_free(&p);
}

static void test_empty_pool(void **state)
{
	(void)state;
	struct pool p;
	memset(&p, 0, sizeof p);
	size_t idx[1];
	assert_int_equal(frontier_pareto(&p, idx), 0);
	assert_int_equal(frontier_hull(&p, idx), 0);
	assert_true(isnan(frontier_hull_value(&p, idx, 0, 50)));
	assert_true(isnan(frontier_hull_cost(&p, idx, 0, 50)));
}

static void test_collinear(void **state)
{
	(void)state;
	/* Exactly collinear in binary. */
	const double c1[] = {3, 0, 2, 1};
	const double a1[] = {3, 0, 2, 1};
	check_frontiers(4, c1, a1, IDX(1, 3, 2, 0), IDX(1, 0));
	/* Collinear on paper only: 0.1, 0.2, 0.3 are not exact in binary. */
	const double c2[] = {0.1, 0.2, 0.3, 0.7};
	const double a2[] = {0.3, 0.5, 0.7, 1.5};
	check_frontiers(4, c2, a2, IDX(0, 1, 2, 3), IDX(0, 3));
	/* Collinear on paper, but binary rounding puts the middle 3e-13 above the chord. */
	const double c4[] = {13.44, 38.86, 64.28};
	const double a4[] = {76.38, 84.04, 91.7};
	check_frontiers(3, c4, a4, IDX(0, 1, 2), IDX(0, 2));
	/* A point just above the chord is a real vertex and stays. */
	const double c3[] = {0, 1, 2};
	const double a3[] = {0, 1 + 1e-9, 2};
	check_frontiers(3, c3, a3, IDX(0, 1, 2), IDX(0, 1, 2));
}

static void test_decreasing_tail(void **state)
{
	(void)state;
	/* Past the most accurate model the hull is flat: more budget buys nothing. */
	const double c[] = {10, 20, 30};
	const double a[] = {50, 90, 80};
	struct pool p = make_pool(3, c, a);
	size_t idx[3];
	size_t nh = frontier_hull(&p, idx);
	assert_indices(idx, nh, IDX(0, 1));
	assert_true(frontier_hull_value(&p, idx, nh, 25) == 90);
	assert_true(frontier_hull_value(&p, idx, nh, 30) == 90);
	assert_near(frontier_hull_value(&p, idx, nh, 15), 70, 1e-12);
	assert_near(frontier_hull_cost(&p, idx, nh, 70), 15, 1e-12);
	assert_true(frontier_hull_cost(&p, idx, nh, 90) == 20);
	pool_free(&p);
}

static void test_uci_har(void **state)
{
	(void)state;
	struct pool p;
	struct status_msg m;
	assert_int_equal(pool_load_file(&p, "data/uci_har.csv", &m), ST_OK);
	assert_int_equal(p.n, 5);
	size_t idx[5];
	/* gradient_boosting (79.18, 82.99) is dominated by decision_tree (59.01, 84.66). */
	assert_indices(idx, frontier_pareto(&p, idx), IDX(0, 2, 3, 4));
	/*
	 * Chord decision_tree-svm: slope 11.67/40.99 = 0.2847; at 81.29 it gives
	 * 91.00 > 89.27 (cnn_pruned) and at 85.98 it gives 92.34 > 91.95 (cnn),
	 * so both lie below it and the hull is the single segment.
	 */
	size_t nh = frontier_hull(&p, idx);
	assert_indices(idx, nh, IDX(0, 4));
	assert_true(frontier_hull_value(&p, idx, nh, 59.01) == 84.66);
	assert_true(frontier_hull_value(&p, idx, nh, 100) == 96.33);
	assert_true(frontier_hull_value(&p, idx, nh, 150) == 96.33);
	assert_true(isnan(frontier_hull_value(&p, idx, nh, 59)));
	assert_near(frontier_hull_value(&p, idx, nh, 80),
			    84.66 + 11.67 * (80 - 59.01) / 40.99, 1e-12);
	/* Mixing beats cnn_pruned and cnn at their own cost. */
	assert_true(frontier_hull_value(&p, idx, nh, 81.29) > 89.27 + 1.5);
	assert_true(frontier_hull_value(&p, idx, nh, 85.98) > 91.95 + 0.3);
	assert_true(frontier_hull_cost(&p, idx, nh, 96.33) == 100);
	assert_true(frontier_hull_cost(&p, idx, nh, 84.66) == 59.01);
	assert_true(frontier_hull_cost(&p, idx, nh, 80) == 59.01);
	assert_true(isnan(frontier_hull_cost(&p, idx, nh, 96.34)));
	assert_near(frontier_hull_cost(&p, idx, nh, 91.95),
			    59.01 + 40.99 * (91.95 - 84.66) / 11.67, 1e-12);
	pool_free(&p);
}

/* test_support.h's generator: a fixed sequence, so a failure reproduces. */
static struct ts_rng rng = {0x9E3779B9u};

static double uniform(void)
{
	return ts_rand_unit(&rng);
}

/* Brute force Pareto test straight from the definition. */
static int dominated(const struct pool *p, size_t i)
{
	for (size_t j = 0; j < p->n; j++) {
		const struct model *a = &p->models[j], *b = &p->models[i];
		if ((a->cost <= b->cost && a->accuracy > b->accuracy) ||
		    (a->cost < b->cost && a->accuracy >= b->accuracy))
			return 1;
	}
	return 0;
}

/* Best mix costing at most b: an LP with two rows, so at most two models mix. */
static double brute_value(const struct pool *p, double b)
{
	double best = NAN;
	for (size_t i = 0; i < p->n; i++) {
		const struct model *x = &p->models[i];
		if (x->cost <= b && !(x->accuracy <= best))
			best = x->accuracy;
		for (size_t j = 0; j < p->n; j++) {
			const struct model *y = &p->models[j];
			if (x->cost < b && b < y->cost) {
				double v = x->accuracy + (y->accuracy - x->accuracy) *
						(b - x->cost) / (y->cost - x->cost);
				if (!(v <= best))
					best = v;
			}
		}
	}
	return best;
}

/* Least cost of a mix reaching accuracy a (same two-model argument). */
static double brute_cost(const struct pool *p, double a)
{
	double best = NAN;
	for (size_t i = 0; i < p->n; i++) {
		const struct model *x = &p->models[i];
		if (x->accuracy >= a && !(x->cost >= best))
			best = x->cost;
		for (size_t j = 0; j < p->n; j++) {
			const struct model *y = &p->models[j];
			if (x->accuracy < a && a < y->accuracy) {
				double c = x->cost + (y->cost - x->cost) *
						(a - x->accuracy) / (y->accuracy - x->accuracy);
				if (!(c >= best))
					best = c;
			}
		}
	}
	return best;
}

/* A random pool; coarse grids half the time, so ties and duplicates occur. */
static struct pool random_pool(size_t n)
{
	double c[MAX_N], a[MAX_N];
	int coarse = uniform() < 0.5;
	for (size_t i = 0; i < n; i++) {
		if (coarse) {
			c[i] = 10 + (double)(int)(uniform() * 8) * 10;
			a[i] = 50 + (double)(int)(uniform() * 6) * 8;
		} else {
			c[i] = 1 + uniform() * 99;
			a[i] = 40 + uniform() * 60;
		}
	}
	return make_pool(n, c, a);
}

static void check_random_pool(const struct pool *p)
{
	size_t par[MAX_N], hull[MAX_N];
	size_t np = frontier_pareto(p, par), nh = frontier_hull(p, hull);
	size_t n_undominated = 0;
	for (size_t i = 0; i < p->n; i++)
		n_undominated += !dominated(p, i);
	assert_int_equal(np, n_undominated);
	for (size_t k = 0; k < np; k++) {
		assert_false(dominated(p, par[k]));
		if (k > 0)
			assert_true(p->models[par[k - 1]].cost <= p->models[par[k]].cost);
	}
	/* Ends, strict monotony, concavity (slopes strictly falling). */
	assert_true(nh >= 1);
	assert_int_equal(hull[0], pool_cheapest(p));
	assert_true(p->models[hull[nh - 1]].accuracy == p->models[pool_most_accurate(p)].accuracy);
	assert_true(p->models[hull[nh - 1]].cost == p->models[pool_most_accurate(p)].cost);
	double prev_slope = INFINITY;
	for (size_t k = 1; k < nh; k++) {
		const struct model *u = &p->models[hull[k - 1]], *v = &p->models[hull[k]];
		assert_true(u->cost < v->cost);
		assert_true(u->accuracy < v->accuracy);
		double slope = (v->accuracy - u->accuracy) / (v->cost - u->cost);
		assert_true(slope < prev_slope);
		prev_slope = slope;
	}
	double c0 = p->models[hull[0]].cost, c1 = p->models[hull[nh - 1]].cost;
	double a0 = p->models[hull[0]].accuracy, a1 = p->models[hull[nh - 1]].accuracy;
	/* Vertices evaluate exactly, both ways. */
	for (size_t k = 0; k < nh; k++) {
		const struct model *x = &p->models[hull[k]];
		assert_true(frontier_hull_value(p, hull, nh, x->cost) == x->accuracy);
		assert_true(frontier_hull_cost(p, hull, nh, x->accuracy) == x->cost);
	}
	for (size_t i = 0; i < p->n; i++) {
		const struct model *x = &p->models[i];
		double v = frontier_hull_value(p, hull, nh, x->cost);
		assert_true(x->accuracy <= v + 1e-9);
	}
	for (int t = 0; t < 20; t++) {
		double b = c0 - 5 + uniform() * (c1 - c0 + 20);
		double v = frontier_hull_value(p, hull, nh, b), bv = brute_value(p, b);
		if (isnan(bv))
			assert_true(isnan(v));
		else
			assert_near(v, bv, 1e-9);
		double acc = a0 - 5 + uniform() * (a1 - a0 + 10);
		double cc = frontier_hull_cost(p, hull, nh, acc), bc = brute_cost(p, acc);
		if (isnan(bc))
			assert_true(isnan(cc));
		else
			assert_near(cc, bc, 1e-9);
		/* Inverse consistency on the rising part. */
		if (nh > 1) {
			double bb = c0 + uniform() * (c1 - c0);
			assert_near(frontier_hull_cost(p, hull, nh,
							       frontier_hull_value(p, hull, nh, bb)), bb, 1e-9);
			double aa = a0 + uniform() * (a1 - a0);
			assert_near(frontier_hull_value(p, hull, nh,
								frontier_hull_cost(p, hull, nh, aa)), aa, 1e-9);
		}
	}
}

static void test_random_pools(void **state)
{
	(void)state;
	for (int trial = 0; trial < 500; trial++) {
		size_t n = 1 + (size_t)(uniform() * 40);
		struct pool p = random_pool(n);
		check_random_pool(&p);
		pool_free(&p);
	}
}

/*
 * The lists over the models the limits let run: a model slower than the
 * deadline, or over the memory limit on its own, is on neither, even when
 * it would be a vertex; the others' lists are those of the pool without it
 * (random pools, against frontier_hull of the subpool); no limit: the lists
 * of every model.
 */
static void test_fitting(void **state)
{
	(void)state;
	/* a (10, 60), b (30, 75), c (60, 85) all on the hull; c is slow, b big */
	struct pool p = make_pool(3, (const double[]){ 10, 30, 60 }, (const double[]){ 60, 75, 85 });
	p.has_latency = p.has_memory = true;
	p.models[0].latency = 0.02, p.models[1].latency = 0.08, p.models[2].latency = 0.34;
	p.models[0].memory = 5, p.models[1].memory = 50, p.models[2].memory = 9;
	struct solve_params sp = solve_params_default();
	size_t idx[MAX_N];
	assert_indices(idx, frontier_hull_fitting(&p, &sp, idx), IDX(0, 1, 2));
	sp.deadline = 0.1;
	assert_indices(idx, frontier_hull_fitting(&p, &sp, idx), IDX(0, 1));
	assert_indices(idx, frontier_pareto_fitting(&p, &sp, idx), IDX(0, 1));
	sp.memory_limit = 20;
	assert_indices(idx, frontier_hull_fitting(&p, &sp, idx), IDX(0));
	sp.deadline = 0;
	assert_indices(idx, frontier_hull_fitting(&p, &sp, idx), IDX(0, 2));
	/* a rate changes nothing: the time row is not in the hull */
	sp.memory_limit = INFINITY;
	sp.rate = 100;
	assert_indices(idx, frontier_hull_fitting(&p, &sp, idx), IDX(0, 1, 2));
	pool_free(&p);

	srand(16);
	for (int round = 0; round < 200; round++) {
		size_t n = 1 + (size_t)rand() % 40, kept = 0, map[MAX_N];
		double cost[MAX_N], acc[MAX_N], lat[MAX_N], sc[MAX_N], sa[MAX_N];
		for (size_t i = 0; i < n; i++) {
			cost[i] = 1 + rand() % 100;
			acc[i] = 40 + rand() % 60;
			lat[i] = (1 + rand() % 100) * 1e-3;
		}
		struct solve_params r = solve_params_default();
		r.deadline = (1 + rand() % 100) * 1e-3;
		struct pool q = make_pool(n, cost, acc);
		q.has_latency = true;
		for (size_t i = 0; i < n; i++) {
			q.models[i].latency = lat[i];
			if (lat[i] <= r.deadline) {
				map[kept] = i;
				sc[kept] = cost[i];
				sa[kept++] = acc[i];
			}
		}
		size_t got[MAX_N], want[MAX_N], ng = frontier_hull_fitting(&q, &r, got), nw = 0;
		if (kept > 0) {
			struct pool sub = make_pool(kept, sc, sa);
			nw = frontier_hull(&sub, want);
			for (size_t k = 0; k < nw; k++)
				want[k] = map[want[k]];
			pool_free(&sub);
		}
		assert_indices(got, ng, want, nw);
		pool_free(&q);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hand_made),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_equal_costs_and_accuracies),
		cmocka_unit_test(test_single_model),
		cmocka_unit_test(test_empty_pool),
		cmocka_unit_test(test_collinear),
		cmocka_unit_test(test_decreasing_tail),
		cmocka_unit_test(test_uci_har),
		cmocka_unit_test(test_random_pools),
		cmocka_unit_test(test_fitting),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
