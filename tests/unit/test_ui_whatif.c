/*
 * test_ui_whatif.c - what-if's working pool: the models kept, in order, with
 * their index map and the loaded pool's cost scale; solving it gives the
 * policy a file holding only those models gives; every model excluded is
 * refused.  Also the model table's scrolling.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/ui/ui_table.h"
#include "optdeploy/ui/ui_whatif.h"
#include "test_support.h"

static const char uci[] =
	"model,cost,accuracy,load_cost\n"
	"decision_tree,59.01,84.66,1\n"
	"gradient_boosting,79.18,82.99,2\n"
	"cnn_pruned,81.29,89.27,1\n"
	"cnn,85.98,91.95,3\n"
	"svm,100,96.33,1\n";

static void test_subpool_keeps_order_and_map(void **state)
{
	struct pool p = { 0 }, sub = { 0 };
	struct status_msg m;
	bool excluded[5] = { false, true, false, true, false };
	size_t map[5];

	(void)state;
	assert_int_equal(pool_load_buffer(&p, "uci.csv", uci, strlen(uci), &m), ST_OK);
	p.cost_scale = 1.25;  /* as after normalising: the sub-pool keeps the loaded pool's scale */
	assert_int_equal(ui_whatif_subpool(&sub, map, &p, excluded, &m), ST_OK);
	assert_int_equal(sub.n, 3);
	assert_string_equal(sub.models[0].name, "decision_tree");
	assert_string_equal(sub.models[1].name, "cnn_pruned");
	assert_string_equal(sub.models[2].name, "svm");
	assert_int_equal(map[0], 0);
	assert_int_equal(map[1], 2);
	assert_int_equal(map[2], 4);
	assert_true(sub.models[1].cost == 81.29 && sub.models[1].accuracy == 89.27);
	assert_true(sub.models[2].load_cost == 1);
	assert_true(sub.cost_scale == 1.25);
	assert_string_equal(sub.source, "uci.csv");
	/* the names are the sub-pool's own: freeing the loaded pool leaves them intact */
	pool_free(&p);
	assert_string_equal(sub.models[2].name, "svm");
	pool_free(&sub);
}

static void test_subpool_none_and_all(void **state)
{
	struct pool p = { 0 }, sub = { 0 };
	struct status_msg m;
	bool all[5] = { true, true, true, true, true };
	size_t map[5];

	(void)state;
	assert_int_equal(pool_load_buffer(&p, "uci.csv", uci, strlen(uci), &m), ST_OK);
	/* no flags: a copy */
	assert_int_equal(ui_whatif_subpool(&sub, map, &p, NULL, &m), ST_OK);
	assert_int_equal(sub.n, 5);
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(map[i], i);
	pool_free(&sub);
	/* every model excluded: refused, nothing allocated */
	status_clear(&m);
	assert_int_equal(ui_whatif_subpool(&sub, map, &p, all, &m), ST_USAGE);
	assert_non_null(strstr(m.text, "every model is excluded"));
	assert_int_equal(sub.n, 0);
	assert_null(sub.models);
	/* one left is enough */
	all[3] = false;
	assert_int_equal(ui_whatif_subpool(&sub, map, &p, all, &m), ST_OK);
	assert_int_equal(sub.n, 1);
	assert_string_equal(sub.models[0].name, "cnn");
	assert_int_equal(map[0], 3);
	pool_free(&sub);
	pool_free(&p);
}

/* The kept models as a CSV file would hold them, loaded the way the command line loads. */
static void load_kept(struct pool *out, const struct pool *p, const bool *excluded)
{
	char buf[4096];
	size_t used = (size_t)snprintf(buf, sizeof buf, "model,cost,accuracy,load_cost\n");
	struct status_msg m;

	for (size_t i = 0; i < p->n; i++)
		if (!excluded[i])
			used += (size_t)snprintf(buf + used, sizeof buf - used, "%s,%.17g,%.17g,%.17g\n",
						 p->models[i].name, p->models[i].cost,
						 p->models[i].accuracy, p->models[i].load_cost);
	assert_true(used < sizeof buf);
	assert_int_equal(pool_load_buffer(out, "kept.csv", buf, used, &m), ST_OK);
}

/* Solving the working pool is solving a file of the kept models: same counts, same figures. */
static void test_subpool_solves_like_kept_file(void **state)
{
	struct ts_rng rng = { 20261201u };

	(void)state;
	for (int round = 0; round < 60; round++) {
		struct ts_pool tp;
		struct pool sub = { 0 }, kept = { 0 };
		struct policy a, b;
		struct status_msg m;
		bool excluded[TS_MAX_MODELS] = { false };
		size_t map[TS_MAX_MODELS], n = 2 + ts_rand_below(&rng, 7);
		struct solve_params sp = solve_params_default();
		struct solver *sa, *sb;

		ts_random_pool(&tp, &rng, n, round % 2 == 0);
		for (size_t i = 0; i + 1 < n; i++)
			excluded[i] = ts_rand_below(&rng, 3) == 0;
		assert_int_equal(ui_whatif_subpool(&sub, map, &tp.pool, excluded, &m), ST_OK);
		load_kept(&kept, &tp.pool, excluded);
		assert_int_equal(sub.n, kept.n);
		sp.k = round % 3 == 0 ? 7 : 1000;
		sp.lambda = 0.1 * (double)sp.k;
		sp.budget = ts_min_cost(&sub) + ts_rand_range(&rng, 0, 40);
		sp.mode = round % 4 == 3 ? SOLVE_MIN_COST : SOLVE_MAX_ACCURACY;
		sp.min_accuracy = 70;
		sa = solver_new(&sub, &m);
		sb = solver_new(&kept, &m);
		assert_non_null(sa);
		assert_non_null(sb);
		assert_int_equal(policy_init(&a, sub.n, &m), ST_OK);
		assert_int_equal(policy_init(&b, kept.n, &m), ST_OK);
		assert_int_equal(solver_run(sa, &sp, &a, &m), ST_OK);
		assert_int_equal(solver_run(sb, &sp, &b, &m), ST_OK);
		assert_int_equal(a.outcome, b.outcome);
		for (size_t j = 0; policy_has_counts(&a) && j < sub.n; j++) {
			assert_string_equal(sub.models[j].name, kept.models[j].name);
			assert_true(a.count[j] == b.count[j]);
		}
		assert_true(a.expected_accuracy == b.expected_accuracy);
		policy_free(&a);
		policy_free(&b);
		solver_free(sa);
		solver_free(sb);
		pool_free(&sub);
		pool_free(&kept);
	}
}

static void test_table_scroll(void **state)
{
	(void)state;
	/* everything fits: no scrolling */
	assert_int_equal(ui_table_scroll(0, 4, 5, 10), 0);
	assert_int_equal(ui_table_scroll(3, 4, 5, 5), 0);
	/* the cursor inside the window leaves it where it is */
	assert_int_equal(ui_table_scroll(10, 12, 114, 6), 10);
	assert_int_equal(ui_table_scroll(10, 15, 114, 6), 10);
	/* below it: the window follows, the cursor on its last row */
	assert_int_equal(ui_table_scroll(10, 16, 114, 6), 11);
	assert_int_equal(ui_table_scroll(0, 113, 114, 6), 108);
	/* above it: the cursor on its first row */
	assert_int_equal(ui_table_scroll(10, 3, 114, 6), 3);
	/* a window left past the end (the pool shrank, the table grew) comes back */
	assert_int_equal(ui_table_scroll(112, 112, 114, 6), 108);
	assert_int_equal(ui_table_scroll(0, 0, 114, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_subpool_keeps_order_and_map),
		cmocka_unit_test(test_subpool_none_and_all),
		cmocka_unit_test(test_subpool_solves_like_kept_file),
		cmocka_unit_test(test_table_scroll),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
