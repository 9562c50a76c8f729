/* test_ui_canvas.c - braille cell composition, the ASCII fallback, lines and axis mapping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "optdeploy/ui/ui_canvas.h"

static void test_braille_bits(void **state)
{
	(void)state;
	/* Unicode dot numbering: 1-2-3 down the left column, 4-5-6 down the right, 7 and 8 below */
	assert_int_equal(ui_braille_bit(0, 0), 0x01);
	assert_int_equal(ui_braille_bit(0, 1), 0x02);
	assert_int_equal(ui_braille_bit(0, 2), 0x04);
	assert_int_equal(ui_braille_bit(1, 0), 0x08);
	assert_int_equal(ui_braille_bit(1, 1), 0x10);
	assert_int_equal(ui_braille_bit(1, 2), 0x20);
	assert_int_equal(ui_braille_bit(0, 3), 0x40);
	assert_int_equal(ui_braille_bit(1, 3), 0x80);
	assert_int_equal(ui_braille_bit(2, 0), 0);
	assert_int_equal(ui_canvas_glyph(true, 0), L' ');
	assert_int_equal(ui_canvas_glyph(true, 0xff), 0x28ff);
	assert_int_equal(ui_canvas_glyph(true, 0x01), 0x2801);
}

static void test_braille_cells(void **state)
{
	struct ui_canvas c;

	(void)state;
	assert_true(ui_canvas_init(&c, 3, 2, true));
	assert_int_equal(ui_canvas_dots_x(&c), 6);
	assert_int_equal(ui_canvas_dots_y(&c), 8);
	ui_canvas_dot(&c, 0, 0, 1);
	ui_canvas_dot(&c, 1, 3, 2);
	assert_int_equal(ui_canvas_cell(&c, 0, 0), 0x2800 + 0x81);
	assert_int_equal(c.role[0], 2);
	ui_canvas_dot(&c, 2, 4, 1);
	assert_int_equal(ui_canvas_cell(&c, 1, 1), 0x2801);
	/* outside dots are ignored, outside cells read as blank */
	ui_canvas_dot(&c, -1, 0, 1);
	ui_canvas_dot(&c, 6, 0, 1);
	ui_canvas_dot(&c, 0, 8, 1);
	assert_int_equal(ui_canvas_cell(&c, 2, 0), L' ');
	assert_int_equal(ui_canvas_cell(&c, 5, 5), L' ');
	ui_canvas_free(&c);
}

static void test_lines(void **state)
{
	struct ui_canvas c;

	(void)state;
	assert_true(ui_canvas_init(&c, 2, 1, true));
	ui_canvas_line(&c, 0, 0, 3, 0, 1, 0);
	assert_int_equal(ui_canvas_cell(&c, 0, 0), 0x2809);
	assert_int_equal(ui_canvas_cell(&c, 1, 0), 0x2809);
	ui_canvas_free(&c);

	assert_true(ui_canvas_init(&c, 2, 1, true));
	ui_canvas_line(&c, 0, 3, 3, 3, 1, 1);  /* dashed: dots 0 and 2 only */
	assert_int_equal(ui_canvas_cell(&c, 0, 0), 0x2840);
	assert_int_equal(ui_canvas_cell(&c, 1, 0), 0x2840);
	ui_canvas_free(&c);

	assert_true(ui_canvas_init(&c, 1, 1, true));
	ui_canvas_line(&c, 0, 0, 1, 3, 1, 0);  /* a diagonal touches both columns */
	assert_int_equal((ui_canvas_cell(&c, 0, 0) - 0x2800) & 0x01, 0x01);
	assert_int_equal((ui_canvas_cell(&c, 0, 0) - 0x2800) & 0x80, 0x80);
	ui_canvas_free(&c);
}

static void test_ascii_cells(void **state)
{
	struct ui_canvas c;

	(void)state;
	assert_true(ui_canvas_init(&c, 3, 1, false));
	assert_int_equal(ui_canvas_dots_x(&c), 3);
	assert_int_equal(ui_canvas_dots_y(&c), 2);
	ui_canvas_dot(&c, 0, 0, 1);
	ui_canvas_dot(&c, 1, 1, 1);
	ui_canvas_dot(&c, 2, 0, 1);
	ui_canvas_dot(&c, 2, 1, 1);
	assert_int_equal(ui_canvas_cell(&c, 0, 0), L'\'');
	assert_int_equal(ui_canvas_cell(&c, 1, 0), L'.');
	assert_int_equal(ui_canvas_cell(&c, 2, 0), L':');
	for (unsigned m = 0; m < 4; m++)
		assert_true(ui_canvas_glyph(false, m) < 128);
	ui_canvas_free(&c);
}

static void test_axis(void **state)
{
	struct ui_axis a = { 50, 100, 101, false };
	double lo = 56.96, hi = 102.05, step;

	(void)state;
	assert_int_equal(ui_axis_dot(&a, 50), 0);
	assert_int_equal(ui_axis_dot(&a, 100), 100);
	assert_int_equal(ui_axis_dot(&a, 75), 50);
	assert_int_equal(ui_axis_dot(&a, 40), -20);
	assert_true(ui_axis_value(&a, 50) == 75);
	for (int d = 0; d < a.n; d++)
		assert_int_equal(ui_axis_dot(&a, ui_axis_value(&a, d)), d);
	step = ui_axis_nice(&lo, &hi, 5);
	assert_true(step == 10);
	assert_true(lo == 50 && hi == 110);
	lo = 81.9;
	hi = 97.4;
	step = ui_axis_nice(&lo, &hi, 8);
	assert_true(step == 2);
	assert_true(lo == 80 && hi == 98);
}

/* A log axis: decades take equal room; values at or below 0 pin to the left end. */
static void test_log_axis(void **state)
{
	struct ui_axis a = { 0.01, 1000, 101, true };
	double t[40];
	int n;

	(void)state;
	assert_int_equal(ui_axis_dot(&a, 0.01), 0);
	assert_int_equal(ui_axis_dot(&a, 1000), 100);
	assert_int_equal(ui_axis_dot(&a, 1), 40);
	assert_int_equal(ui_axis_dot(&a, 10), 60);
	assert_int_equal(ui_axis_dot(&a, 0), 0);
	assert_int_equal(ui_axis_dot(&a, -5), 0);
	assert_true(fabs(ui_axis_value(&a, 40) - 1) < 1e-12);
	for (int d = 0; d < a.n; d++)
		assert_int_equal(ui_axis_dot(&a, ui_axis_value(&a, d)), d);
	/* five decades in room for six ticks: every decade */
	n = ui_axis_log_ticks(0.01, 1000, t, 6);
	assert_int_equal(n, 6);
	assert_true(t[0] == 0.01 && t[2] == 1 && t[5] == 1000);
	/* room for three: every second decade */
	n = ui_axis_log_ticks(0.01, 1000, t, 3);
	assert_int_equal(n, 3);
	assert_true(fabs(t[0] - 0.01) < 1e-15 && t[1] == 1 && t[2] == 100);
	/* within a decade and a half: 1-2-5 */
	n = ui_axis_log_ticks(15, 300, t, 10);
	assert_int_equal(n, 4);
	assert_true(t[0] == 20 && t[1] == 50 && t[2] == 100 && t[3] == 200);
	/* no range, no ticks */
	assert_int_equal(ui_axis_log_ticks(0, 10, t, 5), 0);
	assert_int_equal(ui_axis_log_ticks(5, 5, t, 5), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_braille_bits),
		cmocka_unit_test(test_braille_cells),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_ascii_cells),
		cmocka_unit_test(test_axis),
		cmocka_unit_test(test_log_axis),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
