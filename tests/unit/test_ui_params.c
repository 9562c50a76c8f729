/* test_ui_params.c - the parameter table: ranges, steps, log scale of K, track mapping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/sweep.h"
#include "optdeploy/ui/ui_params.h"

static const char uci[] =
	"model,cost,accuracy\n"
	"decision_tree,59.01,84.66\n"
	"gradient_boosting,79.18,82.99\n"
	"cnn_pruned,81.29,89.27\n"
	"cnn,85.98,91.95\n"
	"svm,100,96.33\n";

static void load(struct pool *p, struct ui_param *par)
{
	struct status_msg m;

	assert_int_equal(pool_load_buffer(p, "uci.csv", uci, strlen(uci), &m), ST_OK);
	ui_params_init(par, p);
}

static void test_nice_step(void **state)
{
	(void)state;
	assert_true(ui_nice_step(40.99) == 0.5);
	assert_true(ui_nice_step(89.8) == 1);
	assert_true(ui_nice_step(13.34) == 0.1);
	assert_true(ui_nice_step(250) == 2);
	assert_true(ui_nice_step(0) == 1);
}

static void test_ranges_and_start(void **state)
{
	struct pool p = { 0 };
	struct ui_param par[UI_P_COUNT];

	(void)state;
	load(&p, par);
	assert_true(par[UI_P_BUDGET].min == 59.01);
	assert_true(par[UI_P_BUDGET].max == 100);
	assert_true(par[UI_P_BUDGET].step == 0.5);
	/* the middle of 59.01 .. 100 (79.505), snapped to the 0.5 grid */
	assert_true(par[UI_P_BUDGET].value == 79.5);
	assert_true(par[UI_P_FLOOR].min == 82.99);
	assert_true(par[UI_P_FLOOR].max == 96.33);
	assert_true(par[UI_P_FLOOR].value == 89.7);
	assert_true(par[UI_P_LAMBDA].value == 0.1);
	assert_true(par[UI_P_K].value == 1000);
	assert_true(par[UI_P_K].min == 10 && par[UI_P_K].max == 1e9);
	assert_int_equal(par[UI_P_K].scale, UI_LOG);
	pool_free(&p);
}

static void test_linear_steps(void **state)
{
	struct pool p = { 0 };
	struct ui_param par[UI_P_COUNT];
	const struct ui_param *b = &par[UI_P_BUDGET], *l = &par[UI_P_LAMBDA];

	(void)state;
	load(&p, par);
	assert_true(ui_param_step(b, 79.5, 1, false) == 80);
	assert_true(ui_param_step(b, 79.5, -1, false) == 79);
	/* off-grid values step to the next grid point, not by a whole step */
	assert_true(ui_param_step(b, 79.7, 1, false) == 80);
	assert_true(ui_param_step(b, 79.7, -1, false) == 79.5);
	assert_true(ui_param_step(b, 59.01, -1, false) == 59.01);
	assert_true(ui_param_step(b, 59.01, 1, false) == 59.5);
	assert_true(ui_param_step(b, 99.9, 1, true) == 100);
	assert_true(ui_param_step(b, 80, 1, true) == 85);
	assert_true(ui_param_step(l, 0.1, 1, false) == 0.11);
	assert_true(ui_param_step(l, 0.1, -1, true) == 0);
	assert_true(ui_param_step(l, 0, -1, false) == 0);
	pool_free(&p);
}

static void test_k_log_scale(void **state)
{
	struct pool p = { 0 };
	struct ui_param par[UI_P_COUNT];
	const struct ui_param *k = &par[UI_P_K];
	static const double up[] = { 1000, 1300, 1600, 2000, 2500, 3200, 4000, 5000, 6300, 7900, 10000 };
	double v = 1000;

	(void)state;
	load(&p, par);
	for (size_t i = 1; i < sizeof up / sizeof up[0]; i++) {
		v = ui_param_step(k, v, 1, false);
		assert_true(v == up[i]);
	}
	for (size_t i = sizeof up / sizeof up[0] - 1; i-- > 0;) {
		v = ui_param_step(k, v, -1, false);
		assert_true(v == up[i]);
	}
	assert_true(ui_param_step(k, 1000, 1, true) == 10000);
	assert_true(ui_param_step(k, 1000, -1, true) == 100);
	assert_true(ui_param_step(k, 1e9, 1, true) == 1e9);
	assert_true(ui_param_step(k, 10, -1, false) == 10);
	/* 8 decades on 81 columns: 10 columns a decade */
	assert_int_equal(ui_param_to_col(k, 10, 81), 0);
	assert_int_equal(ui_param_to_col(k, 1000, 81), 20);
	assert_int_equal(ui_param_to_col(k, 1e5, 81), 40);
	assert_int_equal(ui_param_to_col(k, 1e9, 81), 80);
	assert_true(ui_param_from_col(k, 40, 81) == 1e5);
	assert_true(ui_param_from_col(k, 25, 81) == 3200);
	assert_true(ui_round_sig2(1258.9) == 1300);
	assert_true(ui_round_sig2(98765) == 99000);
	pool_free(&p);
}

static void test_track_mapping(void **state)
{
	struct pool p = { 0 };
	struct ui_param par[UI_P_COUNT];
	const struct ui_param *b = &par[UI_P_BUDGET];

	(void)state;
	load(&p, par);
	assert_int_equal(ui_param_to_col(b, 59.01, 50), 0);
	assert_int_equal(ui_param_to_col(b, 100, 50), 49);
	assert_int_equal(ui_param_to_col(b, 10, 50), 0);
	assert_int_equal(ui_param_to_col(b, 1000, 50), 49);
	assert_true(ui_param_from_col(b, 0, 50) == 59.01);
	assert_true(ui_param_from_col(b, 49, 50) == 100);
	assert_true(ui_param_from_col(b, -5, 50) == 59.01);
	/* columns are wider than the grid step here: every column reads back as itself */
	for (int w = 30; w <= 50; w += 10)
		for (int c = 0; c < w; c++) {
			double v = ui_param_from_col(b, c, w);
			assert_int_equal(ui_param_to_col(b, v, w), c);
			assert_true(v == 59.01 || v == 100 || fmod(v, 0.5) == 0);
		}
	pool_free(&p);
}

static void test_format_and_parse(void **state)
{
	struct pool p = { 0 };
	struct ui_param par[UI_P_COUNT];
	char buf[64], err[128];
	double v = -1;

	(void)state;
	load(&p, par);
	ui_param_format(&par[UI_P_BUDGET], 79.5, buf, sizeof buf);
	assert_string_equal(buf, "79.5");
	ui_param_format(&par[UI_P_BUDGET], 59.01, buf, sizeof buf);
	assert_string_equal(buf, "59.01");
	ui_param_format(&par[UI_P_LAMBDA], 0.1, buf, sizeof buf);
	assert_string_equal(buf, "0.1");
	ui_param_format(&par[UI_P_K], 1e9, buf, sizeof buf);
	assert_string_equal(buf, "1000000000");
	assert_true(ui_param_parse(&par[UI_P_BUDGET], " 42.25 ", &v, err, sizeof err));
	assert_true(v == 42.25);
	assert_true(ui_param_parse(&par[UI_P_K], "1e6", &v, err, sizeof err));
	assert_true(v == 1e6);
	assert_false(ui_param_parse(&par[UI_P_K], "1.5", &v, err, sizeof err));
	assert_non_null(strstr(err, "whole"));
	assert_false(ui_param_parse(&par[UI_P_K], "0", &v, err, sizeof err));
	assert_false(ui_param_parse(&par[UI_P_K], "2e9", &v, err, sizeof err));
	assert_false(ui_param_parse(&par[UI_P_LAMBDA], "-1", &v, err, sizeof err));
	assert_false(ui_param_parse(&par[UI_P_BUDGET], "-3", &v, err, sizeof err));
	/* one ',' is a decimal mark too (never a thousands separator); '.' always is */
	assert_true(ui_param_parse(&par[UI_P_BUDGET], "12,5", &v, err, sizeof err));
	assert_true(v == 12.5);
	assert_false(ui_param_parse(&par[UI_P_BUDGET], "1,2,5", &v, err, sizeof err));
	assert_non_null(strstr(err, "not a number"));
	assert_false(ui_param_parse(&par[UI_P_BUDGET], "1,000.5", &v, err, sizeof err));
	assert_false(ui_param_parse(&par[UI_P_BUDGET], "0x10", &v, err, sizeof err));
	assert_false(ui_param_parse(&par[UI_P_BUDGET], "inf", &v, err, sizeof err));
	assert_false(ui_param_parse(&par[UI_P_BUDGET], "", &v, err, sizeof err));
	assert_false(ui_param_parse(&par[UI_P_BUDGET], "nan", &v, err, sizeof err));
	pool_free(&p);
}

/* The zoo's costs span four decades: a log budget from the cheapest positive cost. */
static void test_budget_log_scale(void **state)
{
	static const char zoo[] =
		"model,cost,accuracy\n"
		"free,0,50\n"
		"tiny,0.04,60.5\n"
		"small,1.5,75\n"
		"big,1017,88\n";
	struct pool p = { 0 }, u = { 0 };
	struct ui_param par[UI_P_COUNT];
	struct status_msg m;
	double v;

	(void)state;
	assert_int_equal(pool_load_buffer(&p, "zoo.csv", zoo, strlen(zoo), &m), ST_OK);
	assert_int_equal(sweep_default_spacing(&p), SWEEP_LOG);
	ui_params_init(par, &p);
	assert_int_equal(par[UI_P_BUDGET].scale, UI_LINEAR);
	assert_true(ui_params_budget_scale(par, &p, true));
	assert_int_equal(par[UI_P_BUDGET].scale, UI_LOG);
	assert_true(par[UI_P_BUDGET].min == 0.04 && par[UI_P_BUDGET].max == 1017);
	assert_true(fabs(par[UI_P_BUDGET].step - log10(1017 / 0.04) / 100) < 1e-12);
	/* about a hundred small steps from the bottom reach the top, every one moving up */
	v = par[UI_P_BUDGET].min;
	for (int i = 0; i < 102 && v < 1017; i++) {
		double w = ui_param_step(&par[UI_P_BUDGET], v, 1, false);
		assert_true(w > v);
		v = w;
	}
	assert_true(v == 1017);
	/* the track: each decade the same width */
	assert_int_equal(ui_param_to_col(&par[UI_P_BUDGET], 0.04, 101), 0);
	assert_int_equal(ui_param_to_col(&par[UI_P_BUDGET], 1017, 101), 100);
	assert_int_equal(ui_param_to_col(&par[UI_P_BUDGET], sqrt(0.04 * 1017), 101), 50);
	/* a re-fit keeps the log scale; linear again goes back to the whole range */
	ui_params_fit(par, &p);
	assert_int_equal(par[UI_P_BUDGET].scale, UI_LOG);
	assert_true(ui_params_budget_scale(par, &p, false));
	assert_int_equal(par[UI_P_BUDGET].scale, UI_LINEAR);
	assert_true(par[UI_P_BUDGET].min == 0 && par[UI_P_BUDGET].max == 1017);
	pool_free(&p);
	/* UCI-HAR spans less than two decades; a pool of free models has no log axis at all */
	load(&u, par);
	assert_int_equal(sweep_default_spacing(&u), SWEEP_LINEAR);
	pool_free(&u);
	static const char free_pool[] = "model,cost,accuracy\na,0,50\nb,0,60\n";
	assert_int_equal(pool_load_buffer(&u, "free.csv", free_pool, strlen(free_pool), &m), ST_OK);
	ui_params_init(par, &u);
	assert_false(ui_params_budget_scale(par, &u, true));
	assert_int_equal(par[UI_P_BUDGET].scale, UI_LINEAR);
	pool_free(&u);
}

/* The device limits' sliders: their tops mean no limit. */
static void test_limits(void **state)
{
	struct pool p = { 0 };
	struct ui_param par[UI_P_COUNT];

	(void)state;
	load(&p, par);
	assert_true(par[UI_P_MAX_MODELS].min == 1 && par[UI_P_MAX_MODELS].max == 5);
	assert_int_equal(ui_params_max_models(par), 0);
	assert_true(isinf(ui_params_memory_limit(par)));
	par[UI_P_MAX_MODELS].value = 2;
	assert_int_equal(ui_params_max_models(par), 2);
	assert_true(ui_param_step(&par[UI_P_MAX_MODELS], 2, 1, false) == 3);
	assert_true(ui_param_step(&par[UI_P_MAX_MODELS], 5, 1, false) == 5);
	par[UI_P_MEMORY].value = par[UI_P_MEMORY].max / 2;
	assert_true(ui_params_memory_limit(par) == par[UI_P_MEMORY].max / 2);
	pool_free(&p);
}

/* 25 models, memory 4.729 .. 540 MB: both limits step 1-2-5 on a log track. */
static void test_steps125(void **state)
{
	char csv[4096];
	size_t used = 0;
	struct pool p = { 0 };
	struct ui_param par[UI_P_COUNT];
	struct status_msg m;
	struct ui_param *mm = &par[UI_P_MAX_MODELS], *mem = &par[UI_P_MEMORY];
	double v;

	(void)state;
	used += (size_t)snprintf(csv, sizeof csv, "model,cost,accuracy,memory\n");
	for (int i = 0; i < 25; i++)
		used += (size_t)snprintf(csv + used, sizeof csv - used, "m%d,%d,%d,%g\n", i, i + 1,
					 50 + i, i == 0 ? 4.729 : 21.6 + i);
	assert_int_equal(pool_load_buffer(&p, "mem.csv", csv, used, &m), ST_OK);
	ui_params_init(par, &p);
	assert_int_equal(mm->scale, UI_STEPS125);
	assert_int_equal(mem->scale, UI_STEPS125);
	assert_true(mem->grid_lo == 2 && mem->min == 0);
	/* max models: 1 2 5 10 20 25 up, and back */
	v = 1;
	for (int i = 0; i < 5; i++)
		v = ui_param_step(mm, v, 1, false);
	assert_true(v == 25);
	assert_true(ui_param_step(mm, 25, -1, false) == 20);
	assert_true(ui_param_step(mm, 2, -1, false) == 1);
	assert_true(ui_param_step(mm, 1, -1, false) == 1);
	assert_true(ui_param_step(mm, 3, 1, false) == 5);   /* off the grid: the next grid value */
	assert_true(ui_param_step(mm, 1, 1, true) == 10);   /* a big step is a decade */
	/* memory: 0, then 2 5 10 20 ... up to the total (no limit) */
	assert_true(ui_param_step(mem, 0, 1, false) == 2);
	assert_true(ui_param_step(mem, 2, 1, false) == 5);
	assert_true(ui_param_step(mem, 200, 1, false) == 500);
	assert_true(ui_param_step(mem, 500, 1, false) == mem->max);
	assert_true(ui_param_step(mem, mem->max, -1, false) == 500);
	assert_true(ui_param_step(mem, 2, -1, false) == 0);
	assert_true(ui_param_step(mem, 74.489, -1, false) == 50);
	/* the track: column 0 is 0, the last the total, the others 1-2-5 values in log order */
	assert_true(ui_param_from_col(mem, 0, 30) == 0);
	assert_true(ui_param_from_col(mem, 29, 30) == mem->max);
	v = 0;
	for (int c = 1; c < 29; c++) {
		double x = ui_param_from_col(mem, c, 30), mant = x / pow(10, floor(log10(x)));
		assert_true(x >= v);
		assert_true(x == mem->max || fabs(mant - 1) < 1e-9 || fabs(mant - 2) < 1e-9 ||
			    fabs(mant - 5) < 1e-9);
		assert_int_equal(ui_param_to_col(mem, x, 30) >= c - 2, 1);
		v = x;
	}
	assert_int_equal(ui_param_to_col(mem, 0, 30), 0);
	assert_int_equal(ui_param_to_col(mem, 2, 30), 1);
	assert_int_equal(ui_param_to_col(mem, mem->max, 30), 29);
	assert_true(ui_param_snap(mem, 80) == 100 && ui_param_snap(mem, 60) == 50);
	assert_true(ui_step125(0.05, 1) == 0.1 && ui_step125(1000, -1) == 500);
	pool_free(&p);
	/* the five-model pool steps one model at a time */
	load(&p, par);
	assert_int_equal(par[UI_P_MAX_MODELS].scale, UI_LINEAR);
	pool_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nice_step),
		cmocka_unit_test(test_ranges_and_start),
		cmocka_unit_test(test_linear_steps),
		cmocka_unit_test(test_k_log_scale),
		cmocka_unit_test(test_track_mapping),
		cmocka_unit_test(test_format_and_parse),
		cmocka_unit_test(test_budget_log_scale),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_steps125),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
