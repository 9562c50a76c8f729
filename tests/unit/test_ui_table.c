/* test_ui_table.c - the policy table's best single model under a budget or over a floor. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/ui/ui_table.h"

static const char uci[] =
	"model,cost,accuracy\n"
	"decision_tree,59.01,84.66\n"
	"gradient_boosting,79.18,82.99\n"
	"cnn_pruned,81.29,89.27\n"
	"cnn,85.98,91.95\n"
	"svm,100,96.33\n"
	"svm_copy_dearer,101,96.33\n";

static void test_best_single(void **state)
{
	struct pool p = { 0 };
	struct status_msg m;

	(void)state;
	assert_int_equal(pool_load_buffer(&p, "uci.csv", uci, strlen(uci), &m), ST_OK);
	/* under a budget: the most accurate model that fits */
	assert_int_equal(ui_table_best_single(&p, SOLVE_MAX_ACCURACY, 79.5), 0);
	assert_int_equal(ui_table_best_single(&p, SOLVE_MAX_ACCURACY, 81.29), 2);
	assert_int_equal(ui_table_best_single(&p, SOLVE_MAX_ACCURACY, 99.99), 3);
	/* equal accuracy: the cheaper one */
	assert_int_equal(ui_table_best_single(&p, SOLVE_MAX_ACCURACY, 200), 4);
	assert_int_equal(ui_table_best_single(&p, SOLVE_MAX_ACCURACY, 59), -1);
	/* over a floor: the cheapest model that reaches it */
	assert_int_equal(ui_table_best_single(&p, SOLVE_MIN_COST, 90), 3);
	assert_int_equal(ui_table_best_single(&p, SOLVE_MIN_COST, 80), 0);
	assert_int_equal(ui_table_best_single(&p, SOLVE_MIN_COST, 96.33), 4);
	assert_int_equal(ui_table_best_single(&p, SOLVE_MIN_COST, 97), -1);
	/* a memory limit leaves out the models the device cannot hold */
	p.has_memory = true;
	for (size_t i = 0; i < p.n; i++)
		p.models[i].memory = 10 * (double)(i + 1);   /* 10, 20, ... 60 */
	assert_int_equal(ui_table_best_single_within(&p, SOLVE_MAX_ACCURACY, 200, 35), 2);
	assert_int_equal(ui_table_best_single_within(&p, SOLVE_MAX_ACCURACY, 200, INFINITY), 4);
	assert_int_equal(ui_table_best_single_within(&p, SOLVE_MIN_COST, 90, 35), -1);
	assert_int_equal(ui_table_best_single_within(&p, SOLVE_MIN_COST, 80, 5), -1);
	pool_free(&p);
}

/* The title names what the policy is; a gap that prints as zero is +0, never -0. */
static void test_title_and_tidy(void **state)
{
	struct policy p;
	char b[64];

	(void)state;
	memset(&p, 0, sizeof p);
	p.params.method = SOLVE_RELAXED;
	p.outcome = SOLVE_ROUNDED;
	ui_table_title(b, sizeof b, &p);
	assert_string_equal(b, "LP floor-rounded");
	p.outcome = SOLVE_INFEASIBLE;
	ui_table_title(b, sizeof b, &p);
	assert_string_equal(b, "LP infeasible");
	p.params.method = SOLVE_EXACT;
	p.outcome = SOLVE_OPTIMAL;
	ui_table_title(b, sizeof b, &p);
	assert_string_equal(b, "ILP optimal");
	p.outcome = SOLVE_TIME_LIMIT;
	ui_table_title(b, sizeof b, &p);
	assert_string_equal(b, "ILP time_limit");

	snprintf(b, sizeof b, "%.6f", ui_table_tidy(-5.082e-9));
	assert_string_equal(b, "0.000000");
	snprintf(b, sizeof b, "%.6f", ui_table_tidy(-1e-15));
	assert_string_equal(b, "0.000000");
	snprintf(b, sizeof b, "%.6f", ui_table_tidy(-5.082e-6));
	assert_string_equal(b, "-0.000005");
	snprintf(b, sizeof b, "%.6f", ui_table_tidy(1.7276));
	assert_string_equal(b, "1.727600");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_best_single),
		cmocka_unit_test(test_title_and_tidy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
