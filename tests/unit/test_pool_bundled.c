/* test_pool_bundled.c - the bundled pools by name, their mappings, and the log spacing they call for. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "optdeploy/core/pool_bundled.h"
#include "optdeploy/core/pool_tables.h"
#include "optdeploy/core/sweep.h"

static void test_lookup(void **state)
{
	(void)state;
	assert_int_equal(pool_bundled_count(), 5);
	assert_string_equal(pool_bundled_find("torchvision")->file, "torchvision_imagenet.csv");
	assert_ptr_equal(pool_bundled_find("zoo"), pool_bundled_find("torchvision"));
	assert_ptr_equal(pool_bundled_find("imagenet"), pool_bundled_find("imagenet_paper"));
	assert_ptr_equal(pool_bundled_find("har"), pool_bundled_default());
	assert_string_equal(pool_bundled_default()->name, "uci_har");
	assert_string_equal(pool_bundled_find("rpi4")->file, "mlperf_rpi4_tflite.csv");
	assert_string_equal(pool_bundled_find("xavier")->file, "mlperf_xavier_tflite.csv");
	assert_null(pool_bundled_find("Torchvision"));
	assert_null(pool_bundled_find(""));
	assert_null(pool_bundled_find(NULL));
	assert_null(pool_bundled_at(pool_bundled_count()));
	for (size_t i = 0; i < pool_bundled_count(); i++)
		assert_ptr_equal(pool_bundled_find(pool_bundled_at(i)->name), pool_bundled_at(i));
}

/* Every bundled pool opens with its own mapping (run from the checkout: data/). */
static void test_every_pool_opens(void **state)
{
	static const size_t models[] = { 5, 9, 114, 94, 94 };
	static const bool memory[] = { false, false, true, false, false };
	(void)state;
	for (size_t i = 0; i < pool_bundled_count(); i++) {
		const struct pool_bundled *b = pool_bundled_at(i);
		char buf[4096];
		const char *path = pool_bundled_path(b, buf, sizeof buf);
		struct pool_spec s;
		struct pool p;
		struct pool_warnings w;
		struct status_msg m;
		pool_spec_init(&s);
		assert_int_equal(pool_bundled_spec(b, &s, &m), ST_OK);
		if (pool_load_tables(&path, 1, &s, &p, &w, &m) != ST_OK)
			fail_msg("%s: %s", b->name, m.text);
		assert_int_equal(p.n, models[i]);
		assert_int_equal(w.n, 0);
		assert_true(p.has_memory == memory[i]);
		pool_free(&p);
	}
}

/* The zoo: costs 0.04 .. 1016.717 GFLOPS, top-1 accuracy, checkpoint MB; the user's keys win. */
static void test_torchvision(void **state)
{
	const struct pool_bundled *b = pool_bundled_find("torchvision");
	char buf[4096];
	const char *path = pool_bundled_path(b, buf, sizeof buf);
	struct pool_spec s;
	struct pool p;
	struct status_msg m;
	(void)state;
	pool_spec_init(&s);
	assert_int_equal(pool_spec_add_columns(&s, "accuracy=acc5", false, &m), ST_OK);
	assert_int_equal(pool_bundled_spec(b, &s, &m), ST_OK);
	assert_string_equal(s.column[POOL_KEY_ACCURACY], "acc5");
	assert_string_equal(s.column[POOL_KEY_COST], "gflops");
	assert_int_equal(pool_load_tables(&path, 1, &s, &p, NULL, &m), ST_OK);
	assert_string_equal(p.models[0].name, "shufflenet_v2_x0_5");
	assert_true(p.models[0].cost == 0.04);
	assert_true(p.models[0].accuracy == 81.746);  /* acc5 */
	assert_true(p.models[0].memory == 5.282);
	assert_true(pool_max_cost(&p) == 1016.717);
	assert_int_equal(sweep_default_spacing(&p), SWEEP_LOG);
	pool_free(&p);
}

/* A file found nowhere: the installed path, for the message; a found one relative to the cwd. */
static void test_path_search(void **state)
{
	static const struct pool_bundled missing = { "missing", NULL, "no_such_pool.csv", NULL, "",
							      NULL, NULL };
	char buf[4096], want[4096];
	(void)state;
	snprintf(want, sizeof want, "%s/no_such_pool.csv", pool_bundled_dir());
	assert_string_equal(pool_bundled_path(&missing, buf, sizeof buf), want);
	/* the unit tests run from the source tree: next to build/tests/ there is no data/,
	   so the source tree's, shown relative to the working directory */
	assert_string_equal(pool_bundled_path(pool_bundled_find("rpi4"), buf, sizeof buf),
			    "data/mlperf_rpi4_tflite.csv");
	snprintf(want, sizeof want, "%s/mlperf_rpi4_tflite.csv", pool_bundled_src_dir());
	assert_true(access(want, F_OK) == 0);
}

/* The measured pools: energy in mJ and top-1 %, from the MLPerf v1.0 results (data/README). */
static void test_mlperf(void **state)
{
	static const struct {
		const char *pool, *cheapest, *dearest;
		double min_mj, max_mj, max_top1;
	} want[] = {
		{ "rpi4", "mobilenet-v1-0.25-128-quantized", "efficientnet-lite4-non-quantized",
		  17.35, 2440.52, 80.676 },
		{ "xavier", "mobilenet-v1-0.25-128-non-quantized", "efficientnet-lite4-quantized",
		  31.75, 1660.35, 80.676 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct pool_bundled *b = pool_bundled_find(want[i].pool);
		char buf[4096];
		const char *path = pool_bundled_path(b, buf, sizeof buf);
		struct pool_spec s;
		struct pool p;
		struct status_msg m;
		pool_spec_init(&s);
		assert_int_equal(pool_bundled_spec(b, &s, &m), ST_OK);
		assert_string_equal(s.column[POOL_KEY_COST], "energy_mj");
		assert_string_equal(s.column[POOL_KEY_ACCURACY], "top1");
		assert_int_equal(pool_load_tables(&path, 1, &s, &p, NULL, &m), ST_OK);
		assert_string_equal(p.models[pool_cheapest(&p)].name, want[i].cheapest);
		assert_true(p.models[pool_cheapest(&p)].cost == want[i].min_mj);
		assert_true(pool_max_cost(&p) == want[i].max_mj);
		size_t dear = 0, best = 0;
		for (size_t j = 0; j < p.n; j++) {
			dear = p.models[j].cost > p.models[dear].cost ? j : dear;
			best = p.models[j].accuracy > p.models[best].accuracy ? j : best;
		}
		assert_string_equal(p.models[dear].name, want[i].dearest);
		assert_true(p.models[best].accuracy == want[i].max_top1);
		pool_free(&p);
	}
}

static void test_spacing_levels(void **state)
{
	(void)state;
	/* log: geometric, ends exact */
	assert_true(sweep_level_budget(0.04, 1016.72, 5, 0, SWEEP_LOG) == 0.04);
	assert_true(sweep_level_budget(0.04, 1016.72, 5, 4, SWEEP_LOG) == 1016.72);
	assert_true(fabs(sweep_level_budget(1, 10000, 5, 1, SWEEP_LOG) - 10) < 1e-9);
	assert_true(fabs(sweep_level_budget(1, 10000, 5, 2, SWEEP_LOG) - 100) < 1e-9);
	assert_true(fabs(sweep_level_budget(1, 10000, 5, 3, SWEEP_LOG) - 1000) < 1e-9);
	/* linear */
	assert_true(sweep_level_budget(0, 100, 5, 1, SWEEP_LINEAR) == 25);
	assert_true(sweep_level_budget(0, 100, 5, 4, SWEEP_LINEAR) == 100);
	assert_true(sweep_level_budget(7, 9, 1, 0, SWEEP_LOG) == 7);
	assert_string_equal(sweep_spacing_name(SWEEP_LOG), "log");
	assert_string_equal(sweep_spacing_name(SWEEP_LINEAR), "linear");
}

static void set_costs(struct pool *p, struct model *mv, const double *costs, size_t n)
{
	static char names[8][24];
	memset(p, 0, sizeof *p);
	for (size_t i = 0; i < n; i++) {
		snprintf(names[i], sizeof names[i], "m%zu", i);
		mv[i] = (struct model){ names[i], costs[i], 50.0 + (double)i, 1.0, 0.0, 0.0 };
	}
	p->models = mv;
	p->n = n;
	p->cost_scale = 1.0;
}

static void test_default_spacing(void **state)
{
	struct model mv[4];
	struct pool p;
	(void)state;
	set_costs(&p, mv, (const double[]){ 1, 50, 100 }, 3);
	assert_int_equal(sweep_default_spacing(&p), SWEEP_LINEAR);   /* exactly 100x: linear */
	set_costs(&p, mv, (const double[]){ 1, 50, 100.5 }, 3);
	assert_int_equal(sweep_default_spacing(&p), SWEEP_LOG);
	/* a free model does not count: the span is from the cheapest positive cost */
	set_costs(&p, mv, (const double[]){ 0, 2, 150 }, 3);
	assert_int_equal(sweep_default_spacing(&p), SWEEP_LINEAR);
	assert_true(sweep_min_positive_cost(&p) == 2);
	set_costs(&p, mv, (const double[]){ 0, 0 }, 2);
	assert_int_equal(sweep_default_spacing(&p), SWEEP_LINEAR);
	assert_true(sweep_min_positive_cost(&p) == 0);
}

static void test_log_sweep_range(void **state)
{
	struct model mv[4];
	struct pool p;
	struct sweep sw;
	struct status_msg m;
	struct solve_params sp = solve_params_default();
	(void)state;
	/* a zero-cost model: the log range starts at the cheapest positive cost */
	set_costs(&p, mv, (const double[]){ 0, 0.5, 5, 500 }, 4);
	assert_int_equal(sweep_init_spaced(&sw, &p, &sp, NAN, NAN, 4, SWEEP_LOG, &m), ST_OK);
	assert_int_equal(sw.spacing, SWEEP_LOG);
	assert_true(sw.from == 0.5 && sw.to == 500);
	assert_true(sw.levels[0].budget == 0.5);
	assert_true(fabs(sw.levels[1].budget - 5) < 1e-9);
	assert_true(fabs(sw.levels[2].budget - 50) < 1e-9);
	assert_true(sw.levels[3].budget == 500);
	sweep_free(&sw);
	/* --from 0 too */
	assert_int_equal(sweep_init_spaced(&sw, &p, &sp, 0, 50, 3, SWEEP_LOG, &m), ST_OK);
	assert_true(sw.levels[0].budget == 0.5 && fabs(sw.levels[1].budget - 5) < 1e-9);
	sweep_free(&sw);
	/* nothing positive below the top of the range */
	assert_int_equal(sweep_init_spaced(&sw, &p, &sp, 0, 0.25, 3, SWEEP_LOG, &m), ST_USAGE);
	assert_string_equal(m.text, "log spacing starts at the cheapest positive cost 0.5, which "
			    "is not below 0.25 (use --linear)");
	set_costs(&p, mv, (const double[]){ 0, 0 }, 2);
	assert_int_equal(sweep_init_spaced(&sw, &p, &sp, 0, 1, 3, SWEEP_LOG, &m), ST_USAGE);
	assert_string_equal(m.text, "log spacing needs a positive budget, and every model costs 0 "
			    "(use --linear)");
	/* sweep_init stays linear */
	set_costs(&p, mv, (const double[]){ 1, 1000 }, 2);
	assert_int_equal(sweep_init(&sw, &p, &sp, NAN, NAN, 3, &m), ST_OK);
	assert_int_equal(sw.spacing, SWEEP_LINEAR);
	assert_true(sw.levels[1].budget == 500.5);
	sweep_free(&sw);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_every_pool_opens),
		cmocka_unit_test(test_torchvision),
		cmocka_unit_test(test_mlperf),
		cmocka_unit_test(test_path_search),
		cmocka_unit_test(test_spacing_levels),
		cmocka_unit_test(test_default_spacing),
		cmocka_unit_test(test_log_sweep_range),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
