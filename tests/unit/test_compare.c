/*
 * test_compare.c - each model against the optimal policies (the paper's
 * Tables 1-2): a row at a time (compare_one, what the CLI steps with its
 * progress line) is the same as the whole table (compare_run), and the
 * figures of the UCI-HAR pool are the ones the CLI prints.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "optdeploy/core/compare.h"
#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"

static void same_double(double a, double b)
{
	if (isnan(a) || isnan(b))
		assert_true(isnan(a) && isnan(b));
	else
		assert_true(a == b);
}

static void test_one_equals_run(void **state)
{
	const char *files[] = { "data/uci_har.csv", "data/imagenet_paper.csv" };

	(void)state;
	for (size_t f = 0; f < 2; f++) {
		struct pool pool;
		struct status_msg m;
		assert_int_equal(pool_load_file(&pool, files[f], &m), ST_OK);
		struct solver *s = solver_new(&pool, &m);
		assert_non_null(s);
		struct solve_params sp = solve_params_default();
		sp.k = 1000;
		sp.lambda = 100;
		struct compare_row all[16], one;
		assert_true(pool.n <= 16);
		assert_int_equal(compare_run(&pool, s, &sp, all, &m), ST_OK);
		for (size_t i = 0; i < pool.n; i++) {
			memset(&one, 0, sizeof one);
			assert_int_equal(compare_one(&pool, s, &sp, i, &one, &m), ST_OK);
			assert_int_equal(one.model, i);
			assert_int_equal(one.same_budget_outcome, all[i].same_budget_outcome);
			assert_int_equal(one.same_accuracy_outcome, all[i].same_accuracy_outcome);
			same_double(one.same_budget_accuracy, all[i].same_budget_accuracy);
			same_double(one.accuracy_gain, all[i].accuracy_gain);
			same_double(one.same_accuracy_cost, all[i].same_accuracy_cost);
			same_double(one.cost_saving, all[i].cost_saving);
		}
		/* past the last model: an internal error, not a read out of bounds */
		assert_int_equal(compare_one(&pool, s, &sp, pool.n, &one, &m), ST_INTERNAL);
		if (f == 0) {
			/* gradient_boosting (79.18, 82.99): the mix at its cost is 90.4016
			 * accurate; decision_tree alone (59.01) already beats its accuracy */
			assert_int_equal(all[1].same_budget_outcome, SOLVE_OPTIMAL);
			assert_true(fabs(all[1].same_budget_accuracy - 90.4016) < 5e-5);
			assert_true(fabs(all[1].same_accuracy_cost - 59.01) < 1e-9);
			assert_true(fabs(all[1].cost_saving - 20.17) < 1e-9);
			/* the cheapest and the best model gain nothing */
			assert_true(fabs(all[0].accuracy_gain) < 1e-9);
			assert_true(fabs(all[4].accuracy_gain) < 1e-9);
		}
		solver_free(s);
		pool_free(&pool);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_equals_run),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
