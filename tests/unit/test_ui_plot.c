/* test_ui_plot.c - the plot's axis ranges and the cell -> (cost, accuracy) mapping of clicks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/ui/ui_plot.h"

static const char uci[] =
	"model,cost,accuracy\n"
	"decision_tree,59.01,84.66\n"
	"gradient_boosting,79.18,82.99\n"
	"cnn_pruned,81.29,89.27\n"
	"cnn,85.98,91.95\n"
	"svm,100,96.33\n";

static void test_ranges(void **state)
{
	struct pool p = { 0 };
	struct status_msg m;
	double xlo, xhi, ylo, yhi;

	(void)state;
	assert_int_equal(pool_load_buffer(&p, "uci.csv", uci, strlen(uci), &m), ST_OK);
	ui_plot_ranges(&p, &xlo, &xhi, &ylo, &yhi);
	/* every model inside, with a margin on each side */
	assert_true(xlo < 59.01 && xlo > 55);
	assert_true(xhi > 100 && xhi < 104);
	assert_true(ylo < 82.99 && ylo > 80);
	assert_true(yhi > 96.33 && yhi < 98);
	pool_free(&p);
}

/* A braille plot 50 cells wide, 20 high, at (2, 8): x 50 .. 100, y 80 .. 100. */
static struct ui_plot_geom geom(void)
{
	struct ui_plot_geom g;

	memset(&g, 0, sizeof g);
	g.data = (struct ui_rect){ 2, 8, 20, 50 };
	g.dx = 2;
	g.dy = 4;
	g.ax = (struct ui_axis){ 50, 100, 100, false };
	g.ay = (struct ui_axis){ 80, 100, 80, false };
	return g;
}

static void test_hit(void **state)
{
	struct ui_plot_geom g = geom();
	double c, a;

	(void)state;
	assert_false(ui_plot_hit(&g, 1, 10, &c, &a));
	assert_false(ui_plot_hit(&g, 5, 7, &c, &a));
	assert_false(ui_plot_hit(&g, 22, 10, &c, &a));
	assert_false(ui_plot_hit(&g, 5, 58, &c, &a));
	/* the left column's middle dot, the bottom row's middle dot */
	assert_true(ui_plot_hit(&g, 21, 8, &c, &a));
	assert_true(fabs(c - ui_axis_value(&g.ax, 1)) < 1e-12);
	assert_true(fabs(a - ui_axis_value(&g.ay, 2)) < 1e-12);
	assert_true(ui_plot_hit(&g, 2, 57, &c, &a));
	assert_true(c > 99 && c <= 100);
	assert_true(a > 99 && a <= 100);
	/* clicks move monotonically with the pointer, and land back in the cell clicked */
	for (int x = 8; x < 58; x++) {
		double c2, a2;
		assert_true(ui_plot_hit(&g, 10, x, &c2, &a2));
		if (x > 8)
			assert_true(c2 > c);
		assert_int_equal(ui_axis_dot(&g.ax, c2) / g.dx, x - g.data.x);
		c = c2;
	}
	for (int y = 2; y < 22; y++) {
		assert_true(ui_plot_hit(&g, y, 20, &c, &a));
		assert_int_equal(g.data.y + g.data.h - 1 - ui_axis_dot(&g.ay, a) / g.dy, y);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_hit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
