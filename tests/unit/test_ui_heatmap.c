/* test_ui_heatmap.c - the shade ramp, its colour roles and the column <-> sweep level mapping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "optdeploy/ui/ui_heatmap.h"

static void test_shade_index(void **state)
{
	(void)state;
	assert_int_equal(ui_shade_index(0), 0);
	assert_int_equal(ui_shade_index(-0.5), 0);
	assert_int_equal(ui_shade_index(NAN), 0);
	assert_int_equal(ui_shade_index(1e-9), 1);
	assert_int_equal(ui_shade_index(0.2499), 1);
	assert_int_equal(ui_shade_index(0.25), 2);
	assert_int_equal(ui_shade_index(0.4999), 2);
	assert_int_equal(ui_shade_index(0.5), 3);
	assert_int_equal(ui_shade_index(0.75), 4);
	assert_int_equal(ui_shade_index(1), 4);
	/* monotone over the whole range */
	for (int i = 1; i <= 1000; i++)
		assert_true(ui_shade_index(i / 1000.0) >= ui_shade_index((i - 1) / 1000.0));
}

static void test_shade_glyphs_and_roles(void **state)
{
	const struct ui_glyphs *u = ui_glyphs_get(true), *a = ui_glyphs_get(false);
	static const wchar_t want_u[5] = { L' ', 0x2591, 0x2592, 0x2593, 0x2588 };
	static const char want_a[] = " .:+#";

	(void)state;
	for (int i = 0; i < 5; i++) {
		assert_int_equal(u->shade[i], want_u[i]);
		assert_int_equal(a->shade[i], want_a[i]);
	}
	assert_int_equal(ui_shade_role(0), UI_NORMAL);
	assert_int_equal(ui_shade_role(1), UI_HEAT1);
	assert_int_equal(ui_shade_role(4), UI_HEAT4);
	assert_int_equal(ui_shade_role(9), UI_HEAT4);
}

static void test_level_mapping(void **state)
{
	(void)state;
	for (int c = 0; c < 101; c++)
		assert_int_equal(ui_heatmap_level(c, 101, 101), c);
	assert_int_equal(ui_heatmap_level(0, 35, 101), 0);
	assert_int_equal(ui_heatmap_level(34, 35, 101), 100);
	for (int w = 10; w <= 101; w += 7)
		for (int c = 0; c < w; c++) {
			size_t j = ui_heatmap_level(c, w, 101);
			assert_true(j < 101);
			if (c > 0)
				assert_true(j > ui_heatmap_level(c - 1, w, 101));
			assert_int_equal(ui_heatmap_col(j, w, 101), c);
		}
	/* more columns than levels: each level still gets a column */
	assert_int_equal(ui_heatmap_level(199, 200, 101), 100);
	assert_int_equal(ui_heatmap_col(100, 200, 101), 199);
}

static void test_nearest(void **state)
{
	size_t j = 999;

	(void)state;
	assert_true(ui_heatmap_nearest(59.01, 100, 101, 79.5, &j));
	assert_int_equal(j, 50);
	assert_true(ui_heatmap_nearest(59.01, 100, 101, 59.01, &j));
	assert_int_equal(j, 0);
	assert_true(ui_heatmap_nearest(59.01, 100, 101, 100.1, &j));
	assert_int_equal(j, 100);
	assert_false(ui_heatmap_nearest(59.01, 100, 101, 58, &j));
	assert_false(ui_heatmap_nearest(59.01, 100, 101, 101, &j));
	assert_false(ui_heatmap_nearest(59.01, 100, 101, NAN, &j));
	/* log levels 0.01, 0.1, 1, 10, 100: 3 is nearer 1 than 10 in log terms, 4 nearer 10 */
	assert_true(ui_heatmap_nearest_log(0.01, 100, 5, 3, &j));
	assert_int_equal(j, 2);
	assert_true(ui_heatmap_nearest_log(0.01, 100, 5, 4, &j));
	assert_int_equal(j, 3);
	assert_true(ui_heatmap_nearest_log(0.01, 100, 5, 0.01, &j));
	assert_int_equal(j, 0);
	assert_false(ui_heatmap_nearest_log(0.01, 100, 5, 0.001, &j));
	assert_false(ui_heatmap_nearest_log(0.01, 100, 5, 0, &j));
	/* rows that do not all fit follow the selection, centred, never past either end */
	assert_int_equal(ui_heatmap_first(50, 114, 15), 43);
	assert_int_equal(ui_heatmap_first(3, 114, 15), 0);
	assert_int_equal(ui_heatmap_first(113, 114, 15), 99);
	assert_int_equal(ui_heatmap_first(4, 5, 15), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shade_index),
		cmocka_unit_test(test_shade_glyphs_and_roles),
		cmocka_unit_test(test_level_mapping),
		cmocka_unit_test(test_nearest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
