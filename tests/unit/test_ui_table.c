/*
 * test_ui_table.c - the policy table's best single model under a budget or
 * over a floor, its title, and (drawn on a curses screen that writes to
 * /dev/null) its "N more used" line when the used models outnumber the rows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

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

/*
 * A 60-model pool whose policy uses 24 of them (every other one up to
 * model_46), drawn in a
 * window far too short for 24 rows: every used model is a row with its
 * count or is counted on the "N more used" line, and the line counts the
 * other 36 as not used, never a used one.
 */
#define MANY_N 60
#define MANY_USED 24

/* The screen line y, trailing blanks dropped. */
static void screen_line(int y, char *buf, int size)
{
	int len;

	mvinnstr(y, 0, buf, size - 1);
	buf[size - 1] = '\0';
	len = (int)strlen(buf);
	while (len > 0 && buf[len - 1] == ' ')
		buf[--len] = '\0';
}

static void test_more_used(void **state)
{
	static char csv[MANY_N * 48 + 32];
	long long count[MANY_N] = { 0 };
	size_t at, shown_used = 0, more_used = 0, more_unused = 0, found[MANY_N] = { 0 };
	struct pool p = { 0 };
	struct policy pol;
	struct status_msg m;
	struct ui_term t = { .open = true, .utf8 = false, .depth = UI_MONO };
	struct ui_table_input in = { 0 };
	struct ui_table_geom *g = calloc(1, sizeof *g);
	FILE *out = fopen("/dev/null", "w"), *inp = fopen("/dev/null", "r");
	SCREEN *scr;
	long long k = 0;
	bool accuracy_shown = false;

	(void)state;
	assert_non_null(g);
	assert_non_null(out);
	assert_non_null(inp);
	at = (size_t)snprintf(csv, sizeof csv, "model,cost,accuracy\n");
	for (int i = 0; i < MANY_N; i++)
		at += (size_t)snprintf(csv + at, sizeof csv - at, "model_%02d,%d,%.2f\n", i, i + 1,
				       50 + 0.5 * i);
	assert_int_equal(pool_load_buffer(&p, "many.csv", csv, at, &m), ST_OK);
	memset(&pol, 0, sizeof pol);
	pol.n = p.n;
	pol.count = count;
	for (int i = 0, u = 0; i < MANY_N; i++)
		if (i % 2 == 0 && u < MANY_USED) {
			count[i] = 100 + i;   /* all different: the order by share is known */
			k += count[i];
			u++;
		}
	pol.outcome = SOLVE_OPTIMAL;
	pol.params = solve_params_default();
	pol.params.k = k;
	pol.params.budget = 30;
	pol.models_used = MANY_USED;
	pol.expected_accuracy = 60;
	pol.expected_cost = 20;
	in.pool = in.work = &p;
	in.pol = &pol;
	t.g = ui_glyphs_get(false);

	scr = newterm("vt100", out, inp);
	assert_non_null(scr);
	/* 16 lines: the title, the heading, the totals (7) leave no room for 24 rows */
	resizeterm(16, 60);
	erase();
	ui_table_draw(&t, (struct ui_rect){ 0, 0, 16, 60 }, &in, g);
	for (int y = 0; y < 16; y++) {
		char line[80];
		long long c;
		size_t n;
		screen_line(y, line, sizeof line);
		if (sscanf(line, "   model_%2zu %lld", &n, &c) == 2) {
			assert_true(n < MANY_N);
			assert_int_equal(c, count[n]);   /* a used model's row shows its count */
			assert_int_equal(found[n], 0);
			found[n] = 1;
			shown_used++;
		} else if (strncmp(line, "accuracy  60.0000", 17) == 0) {
			accuracy_shown = true;
		} else if (strstr(line, "more used") != NULL) {
			const char *u = strstr(line, "more used");
			assert_int_equal(sscanf(line, " ... %zu more used", &more_used), 1);
			assert_non_null(strstr(u, "36 not used"));
			(void)sscanf(strstr(u, ", ") + 2, "%zu", &more_unused);
		}
	}
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(inp);
	/* the rows and the line account for every used model, and only for them */
	assert_true(shown_used > 0);
	assert_true(shown_used < MANY_USED);
	assert_int_equal(shown_used + more_used, MANY_USED);
	assert_int_equal(more_unused, MANY_N - MANY_USED);
	for (int i = 0; i < MANY_N; i++)
		if (found[i])
			assert_true(count[i] > 0);
	/* the rows pushed the totals down, not off: the answer's accuracy still shows */
	assert_true(accuracy_shown);
	/* the largest shares are the ones shown */
	for (int i = 0; i < MANY_N; i++)
		if (count[i] > 0 && !found[i])
			for (int j = 0; j < MANY_N; j++)
				if (found[j])
					assert_true(count[j] > count[i]);
	free(g);
	pool_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_best_single),
		cmocka_unit_test(test_title_and_tidy),
		cmocka_unit_test(test_more_used),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
