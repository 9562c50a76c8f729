/*
 * test_ui_sources.c - the pools the planner's b key cycles through: the
 * command line's tables first (named by the bundled pool they are, or by
 * their file), then every bundled pool not among them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "optdeploy/core/pool_bundled.h"
#include "optdeploy/ui/ui_sources.h"

static void test_given_bundled_pool_first(void **state)
{
	const struct pool_bundled *uci = pool_bundled_find("uci_har");
	char buf[4096];
	const char *paths[1];
	struct ui_sources s;

	(void)state;
	assert_non_null(uci);
	paths[0] = pool_bundled_path(uci, buf, sizeof buf);
	ui_sources_init(&s, paths, 1, NULL);
	/* the default pool is a bundled one: listed once, by its name */
	assert_int_equal(s.n, pool_bundled_count());
	assert_string_equal(s.list[0].label, "uci_har");
	assert_null(s.list[0].bundled);
	for (size_t i = 1; i < s.n; i++) {
		assert_non_null(s.list[i].bundled);
		assert_true(s.list[i].bundled != uci);
		assert_string_equal(s.list[i].label, s.list[i].bundled->name);
	}
}

static void test_files_then_every_bundled_pool(void **state)
{
	const char *one[] = { "/tmp/results.csv" };
	const char *two[] = { "runs/results.csv", "energy.csv" };
	struct ui_sources s;

	(void)state;
	ui_sources_init(&s, one, 1, NULL);
	assert_int_equal(s.n, 1 + pool_bundled_count());
	assert_string_equal(s.list[0].label, "results.csv");
	assert_ptr_equal(s.list[1].bundled, pool_bundled_at(0));
	ui_sources_init(&s, two, 2, NULL);
	assert_int_equal(s.n, 1 + pool_bundled_count());
	assert_string_equal(s.list[0].label, "results.csv + 1");
	assert_int_equal(s.cur, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_given_bundled_pool_first),
		cmocka_unit_test(test_files_then_every_bundled_pool),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
