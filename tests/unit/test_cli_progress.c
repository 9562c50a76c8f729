/* test_cli_progress.c - the progress line: its text, when it is written, how it is erased. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "optdeploy/cli/cli_progress.h"

/* Everything written to f so far, as a string (f is rewound and read). */
static char *contents(FILE *f)
{
	static char buf[4096];
	size_t n;

	fflush(f);
	rewind(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fseek(f, 0, SEEK_END);
	return buf;
}

static void test_format(void **state)
{
	char b[160];

	(void)state;
	cli_progress_format(b, sizeof b, "sweep", "levels", 0, 101, 0.5);
	assert_string_equal(b, "sweep: 0/101 levels, 0.5 s elapsed");
	/* 25 levels in 1 s: 76 more take about 3 s */
	cli_progress_format(b, sizeof b, "sweep", "levels", 25, 101, 1.0);
	assert_string_equal(b, "sweep: 25/101 levels, 1.0 s elapsed, about 3.0 s left");
	cli_progress_format(b, sizeof b, "compare", "models", 10, 40, 20.0);
	assert_string_equal(b, "compare: 10/40 models, 20 s elapsed, about 1 min 00 s left");
	cli_progress_format(b, sizeof b, "frontier", "levels", 1, 2, 4000.0);
	assert_string_equal(b, "frontier: 1/2 levels, 1 h 06 min elapsed, about 1 h 06 min left");
	cli_progress_format(b, sizeof b, "sweep", "levels", 101, 101, 2.25);
	assert_string_equal(b, "sweep: 101/101 levels, 2.2 s elapsed");
	/* cut, never overrun */
	cli_progress_format(b, 8, "sweep", "levels", 1, 3, 1.0);
	assert_string_equal(b, "sweep: ");
}

/* Not a terminal: never enabled, never a byte, whatever the time. */
static void test_not_a_terminal(void **state)
{
	struct cli_progress p;
	FILE *f = tmpfile();

	(void)state;
	assert_non_null(f);
	cli_progress_start(&p, f, true, "sweep", "levels", 10);
	assert_false(p.enabled);
	cli_progress_tick(&p, 3, p.start + 5.0);
	cli_progress_update(&p, 4);
	cli_progress_end(&p);
	assert_string_equal(contents(f), "");
	fclose(f);
}

/* Enabled (as on a terminal): silent for 0.5 s, ten lines a second at most, erased at the end. */
static void test_timing_and_erase(void **state)
{
	struct cli_progress p;
	FILE *f = tmpfile();
	double t0;

	(void)state;
	assert_non_null(f);
	cli_progress_start(&p, f, true, "sweep", "levels", 10);
	p.enabled = true;  /* a tmpfile is no terminal: pretend, to test the rest */
	p.width = 0;
	t0 = p.start;
	cli_progress_tick(&p, 1, t0 + 0.1);
	cli_progress_tick(&p, 2, t0 + 0.49);
	assert_string_equal(contents(f), "");
	cli_progress_end(&p);  /* nothing shown: nothing to erase */
	assert_string_equal(contents(f), "");

	cli_progress_tick(&p, 5, t0 + 0.5);
	assert_string_equal(contents(f), "\rsweep: 5/10 levels, 0.5 s elapsed, about 0.5 s left\033[K");
	cli_progress_tick(&p, 6, t0 + 0.55);  /* within 0.1 s of the last line */
	assert_string_equal(contents(f), "\rsweep: 5/10 levels, 0.5 s elapsed, about 0.5 s left\033[K");
	cli_progress_tick(&p, 8, t0 + 0.8);
	assert_string_equal(contents(f), "\rsweep: 5/10 levels, 0.5 s elapsed, about 0.5 s left\033[K"
			    "\rsweep: 8/10 levels, 0.8 s elapsed, about 0.2 s left\033[K");
	cli_progress_end(&p);
	assert_string_equal(contents(f), "\rsweep: 5/10 levels, 0.5 s elapsed, about 0.5 s left\033[K"
			    "\rsweep: 8/10 levels, 0.8 s elapsed, about 0.2 s left\033[K\r\033[K");
	assert_false(p.shown);
	cli_progress_end(&p);  /* twice: erased once */
	assert_int_equal((int)strlen(contents(f)), 2 * 55 + 4);
	fclose(f);
}

/* --no-progress: disabled even on a terminal; a narrow terminal cuts the line to fit. */
static void test_disabled_and_narrow(void **state)
{
	struct cli_progress p;
	FILE *f = tmpfile();

	(void)state;
	assert_non_null(f);
	cli_progress_start(&p, f, false, "sweep", "levels", 10);
	assert_false(p.enabled);
	cli_progress_tick(&p, 5, p.start + 3.0);
	assert_string_equal(contents(f), "");

	cli_progress_start(&p, f, true, "sweep", "levels", 10);
	p.enabled = true;
	p.width = 12;  /* 11 characters and the cursor */
	cli_progress_tick(&p, 5, p.start + 1.0);
	assert_string_equal(contents(f), "\rsweep: 5/10\033[K");
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_not_a_terminal),
		cmocka_unit_test(test_timing_and_erase),
		cmocka_unit_test(test_disabled_and_narrow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
