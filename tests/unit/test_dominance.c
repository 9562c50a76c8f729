/*
 * test_dominance.c - the dominance pruning (dominance.c) keeps exactly the
 * models the plain O(n^2) scan keeps, in pool order: on many random pools
 * whose values come from small sets (ties in every criterion, identical
 * twins, +0 and -0), with each of load cost, memory and latency varying or
 * not (both of dominance.c's paths), with NaNs, and on 1,000-model pools;
 * and the solver keeps as many models as the scan.
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

#include "optdeploy/core/dominance.h"
#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "test_support.h"

#define MAX_N 1000

/* The definition, pair by pair: i is dropped when a model dominates it and differs
 * from it, or is an earlier twin. */
static size_t reference(const struct model *md, size_t n, size_t *kept)
{
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		bool drop = false;
		for (size_t j = 0; j < n && !drop; j++) {
			const struct model *a = &md[i], *b = &md[j];
			if (j == i || !(b->cost <= a->cost && b->accuracy >= a->accuracy &&
					b->load_cost <= a->load_cost && b->memory <= a->memory &&
					b->latency <= a->latency))
				continue;
			bool twin = a->cost == b->cost && a->accuracy == b->accuracy &&
				    a->load_cost == b->load_cost && a->memory == b->memory &&
				    a->latency == b->latency;
			drop = !twin || j < i;
		}
		if (!drop)
			kept[m++] = i;
	}
	return m;
}

/* A value for one criterion: from `levels` choices (ties when few), or 0 / -0 / a constant. */
static double draw(struct ts_rng *r, unsigned levels, bool varies, double constant)
{
	if (!varies)
		return constant;
	unsigned v = (unsigned)ts_rand_below(r, levels);
	if (v == 0)
		return ts_rand_below(r, 2) ? 0.0 : -0.0;
	return levels > 1000 ? ts_rand_range(r, 0, 100) : (double)v * 0.25;
}

struct tally {
	long pools, plane, general, dropped;
};

/* One random pool of n models; `vary` bit k: criterion k of load, memory, latency varies. */
static void random_pool(struct ts_rng *r, struct model *md, size_t n, unsigned vary,
			unsigned levels)
{
	double lc = ts_rand_below(r, 2) ? 1.0 : 0.0;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && ts_rand_below(r, 8) == 0) {  /* a twin of an earlier model */
			md[i] = md[ts_rand_below(r, i)];
			continue;
		}
		md[i] = (struct model){0};
		md[i].cost = draw(r, levels, true, 0);
		md[i].accuracy = draw(r, levels, true, 0);
		/* accuracies below zero too, and a pool where cost and accuracy rise together */
		if (ts_rand_below(r, 4) == 0)
			md[i].accuracy -= 3;
		md[i].load_cost = draw(r, levels, vary & 1, lc);
		md[i].memory = draw(r, levels, vary & 2, 0);
		md[i].latency = draw(r, levels, vary & 4, 0);
	}
}

static void check_pool(const struct model *md, size_t n, struct tally *t)
{
	static size_t want[MAX_N], got[MAX_N];
	size_t mw = reference(md, n, want), mg = 12345;
	for (size_t i = 0; i < n; i++)
		got[i] = (size_t)-1;
	assert_true(dominance_prune(md, n, got, &mg));
	if (mg != mw)
		fail_msg("pool of %zu models: %zu kept, the plain scan keeps %zu", n, mg, mw);
	for (size_t k = 0; k < mw; k++)
		if (got[k] != want[k])
			fail_msg("pool of %zu models: kept[%zu] = %zu, the plain scan's is %zu",
				 n, k, got[k], want[k]);
	t->pools++;
	t->dropped += (long)(n - mw);
}

static void test_random_pools(void **state)
{
	(void)state;
	static struct model md[MAX_N];
	struct ts_rng r = {0xd0a1u};
	struct tally t = {0};
	for (int round = 0; round < 6000; round++) {
		/* every 10th pool large enough for dominance.c's sample filter */
		size_t n = 1 + ts_rand_below(&r, round % 10 == 0 ? 700 : 24);
		unsigned vary = (unsigned)(round % 8);
		unsigned levels = 2 + (unsigned)ts_rand_below(&r, 12);
		random_pool(&r, md, n, vary, levels);
		check_pool(md, n, &t);
		if (vary == 0)
			t.plane++;
		else
			t.general++;
	}
	/* both paths taken, and pruning not trivial */
	assert_true(t.plane > 500 && t.general > 4000);
	assert_true(t.dropped > 10000);
}

/* Identical models only, and twins of several values: of each group the first is kept. */
static void test_twins(void **state)
{
	(void)state;
	struct model md[6] = {
		{.cost = 2, .accuracy = 5}, {.cost = 1, .accuracy = 4}, {.cost = 2, .accuracy = 5},
		{.cost = 1, .accuracy = 4}, {.cost = 3, .accuracy = 6, .memory = 1},
		{.cost = 3, .accuracy = 6, .memory = 1},
	};
	size_t kept[6], m;
	assert_true(dominance_prune(md, 6, kept, &m));
	assert_int_equal(m, 3);
	assert_int_equal(kept[0], 0);
	assert_int_equal(kept[1], 1);
	assert_int_equal(kept[2], 4);
	for (size_t i = 0; i < 6; i++)
		md[i] = md[0];
	assert_true(dominance_prune(md, 6, kept, &m));
	assert_int_equal(m, 1);
	assert_int_equal(kept[0], 0);
}

/* A NaN anywhere: the model is kept and drops nothing, as in the plain scan. */
static void test_nan(void **state)
{
	(void)state;
	static struct model md[MAX_N];
	struct ts_rng r = {0x4a4u};
	struct tally t = {0};
	for (int round = 0; round < 2000; round++) {
		size_t n = 1 + ts_rand_below(&r, 30);
		random_pool(&r, md, n, (unsigned)(round % 8), 4);
		for (size_t k = ts_rand_below(&r, 3); k > 0; k--) {
			struct model *x = &md[ts_rand_below(&r, n)];
			double *f[] = {&x->cost, &x->accuracy, &x->load_cost, &x->memory,
				       &x->latency};
			*f[ts_rand_below(&r, 5)] = NAN;
		}
		check_pool(md, n, &t);
	}
	assert_true(t.dropped > 1000);
}

/* Pools of 1,000 models like the bench's: continuous values, then few levels. */
static void test_large_pools(void **state)
{
	(void)state;
	static struct model md[MAX_N];
	struct ts_rng r = {0xb16u};
	struct tally t = {0};
	for (int round = 0; round < 40; round++) {
		unsigned levels = round % 2 ? 1u << 20 : 50;
		random_pool(&r, md, MAX_N, (unsigned)(round % 8), levels);
		if (round % 4 == 0)  /* accuracy rising with cost, as in the bench's pools */
			for (size_t i = 0; i < MAX_N; i++)
				md[i].accuracy = 45 + 6 * log1p(fabs(md[i].cost)) +
						 ts_rand_range(&r, -2.5, 2.5);
		check_pool(md, MAX_N, &t);
	}
	assert_int_equal(t.pools, 40);
}

/* The solver keeps what the scan keeps. */
static void test_solver_keeps(void **state)
{
	(void)state;
	static struct model md[200];
	static char names[200][8];
	size_t kept[200];
	struct ts_rng r = {0x5017u};
	for (int round = 0; round < 50; round++) {
		size_t n = 1 + ts_rand_below(&r, 200);
		random_pool(&r, md, n, (unsigned)(round % 8), 6);
		for (size_t i = 0; i < n; i++) {
			snprintf(names[i], sizeof names[i], "m%u", (unsigned)(i % 1000));
			md[i].name = names[i];
			md[i].cost = fabs(md[i].cost) + 1;
			md[i].load_cost = fabs(md[i].load_cost);
			md[i].memory = fabs(md[i].memory);
			md[i].latency = fabs(md[i].latency);
		}
		struct pool p = {.models = md, .n = n, .cost_scale = 1.0};
		struct solver *s = solver_new(&p, NULL);
		assert_non_null(s);
		assert_int_equal(solver_models_kept(s), reference(md, n, kept));
		solver_free(s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_pools),
		cmocka_unit_test(test_twins),
		cmocka_unit_test(test_nan),
		cmocka_unit_test(test_large_pools),
		cmocka_unit_test(test_solver_keeps),
	};
	return cmocka_run_group_tests_name("dominance", tests, NULL, NULL);
}
