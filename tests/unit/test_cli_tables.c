/* test_cli_tables.c - the command line of tables: FILE..., --columns, selection, --pool, spacing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "optdeploy/cli/cli.h"
#include "optdeploy/cli/cli_pool.h"

#define MAX_ARGS 40

static enum status parse_argv(struct cli_options *o, struct status_msg *m, int n,
			      const char *const *words)
{
	char *argv[MAX_ARGS + 2];
	int argc = 0;
	argv[argc++] = (char *)"optdeploy";
	for (int i = 0; i < n && argc <= MAX_ARGS; i++)
		argv[argc++] = (char *)words[i];
	argv[argc] = NULL;
	return cli_parse(argc, argv, o, m);
}

#define PARSE(...) parse_argv(&o, &m, \
	(int)(sizeof (const char *[]){ __VA_ARGS__ } / sizeof(const char *)), \
	(const char *[]){ __VA_ARGS__ })

#define ASSERT_USAGE(want, ...) do { \
	assert_int_equal(PARSE(__VA_ARGS__), ST_USAGE); \
	assert_string_equal(m.text, (want)); \
} while (0)

static void test_files(void **state)
{
	struct cli_options o;
	struct status_msg m;
	const char *words[MAX_ARGS];
	(void)state;
	assert_int_equal(PARSE("solve", "a.csv", "--budget", "3", "b.csv", "-"), ST_OK);
	assert_int_equal(o.n_paths, 3);
	assert_string_equal(o.paths[0], "a.csv");
	assert_string_equal(o.paths[1], "b.csv");
	assert_string_equal(o.paths[2], "-");
	assert_int_equal(PARSE("a.csv", "b.csv"), ST_OK);   /* the planner joins too */
	assert_int_equal(o.command, CLI_PLAN);
	assert_int_equal(o.n_paths, 2);
	ASSERT_USAGE("'a.csv' given twice", "sweep", "a.csv", "a.csv");
	ASSERT_USAGE("'-' given twice (standard input can be read only once)", "sweep", "-", "-");
	ASSERT_USAGE("the interactive planner cannot read the pool from standard input (it "
		     "reads keys there)", "a.csv", "-");
	/* at most CLI_FILES_MAX files */
	static char names[CLI_FILES_MAX + 1][24];
	int n = 0;
	words[n++] = "sweep";
	for (int i = 0; i <= CLI_FILES_MAX; i++) {
		snprintf(names[i], sizeof names[i], "f%d.csv", i);
		words[n++] = names[i];
	}
	assert_int_equal(parse_argv(&o, &m, n - 1, words), ST_OK);
	assert_int_equal(o.n_paths, CLI_FILES_MAX);
	assert_int_equal(parse_argv(&o, &m, n, words), ST_USAGE);
	assert_string_equal(m.text, "'f15.csv': too many files (at most 15 are joined)");
}

static void test_columns_and_selection(void **state)
{
	struct cli_options o;
	struct status_msg m;
	(void)state;
	assert_int_equal(PARSE("solve", "z.csv", "--columns", "cost=infer_gmacs,accuracy=top1",
			       "--columns", "memory=param_count", "--only", "resnet*",
			       "--exclude", "*_in22k_*", "--strict", "--skip-incomplete",
			       "--budget", "2"), ST_OK);
	assert_string_equal(o.spec.column[POOL_KEY_COST], "infer_gmacs");
	assert_string_equal(o.spec.column[POOL_KEY_MEMORY], "param_count");
	assert_string_equal(o.spec.only, "resnet*");
	assert_string_equal(o.spec.exclude, "*_in22k_*");
	assert_true(o.spec.strict && o.spec.skip_incomplete);
	ASSERT_USAGE("--columns: key 'cost' given twice", "solve", "z.csv", "--columns", "cost=a",
		     "--columns", "cost=b", "--budget", "2");
	ASSERT_USAGE("--columns: unknown key 'gmacs' (keys: name, cost, accuracy, load_cost, "
		     "memory, latency)", "sweep", "z.csv", "--columns", "gmacs=cost");
	ASSERT_USAGE("--columns: missing value", "sweep", "z.csv", "--columns");
	ASSERT_USAGE("--only: an empty pattern (write PATTERN[,PATTERN...])", "sweep", "z.csv",
		     "--only", "");
	ASSERT_USAGE("--strict: takes no value", "sweep", "z.csv", "--strict=1");
}

static void test_pool_option(void **state)
{
	struct cli_options o;
	struct status_msg m;
	struct cli_pool_source src;
	(void)state;
	assert_int_equal(PARSE("solve", "--pool", "zoo", "--budget", "5"), ST_OK);
	assert_string_equal(o.pool_name, "zoo");
	assert_int_equal(o.n_paths, 0);
	assert_int_equal(cli_pool_source(&o, &src, &m), ST_OK);
	assert_int_equal(src.n, 1);
	assert_non_null(strstr(src.paths[0], "torchvision_imagenet.csv"));
	assert_string_equal(src.spec.column[POOL_KEY_COST], "gflops");
	/* with files and the user's key over the pool's mapping */
	assert_int_equal(PARSE("sweep", "--pool", "torchvision", "mine.csv", "--columns",
			       "cost=mine.csv:mj"), ST_OK);
	assert_int_equal(cli_pool_source(&o, &src, &m), ST_OK);
	assert_int_equal(src.n, 2);
	assert_string_equal(src.paths[1], "mine.csv");
	assert_string_equal(src.spec.column[POOL_KEY_COST], "mine.csv:mj");
	assert_string_equal(src.spec.column[POOL_KEY_ACCURACY], "acc1");
	/* no file, no pool: the planner's default */
	assert_int_equal(PARSE("--K", "5"), ST_OK);
	assert_int_equal(cli_pool_source(&o, &src, &m), ST_OK);
	assert_int_equal(src.n, 1);
	assert_non_null(strstr(src.paths[0], "uci_har.csv"));
	/* --pool help needs nothing else */
	assert_int_equal(PARSE("solve", "--pool", "help"), ST_OK);
	ASSERT_USAGE("--pool: \"imagenet1k\" is not a bundled pool (--pool help lists them)",
		     "solve", "--pool", "imagenet1k", "--budget", "5");
	ASSERT_USAGE("solve: missing FILE (- reads standard input)", "solve", "--budget", "5");
}

static void test_spacing_options(void **state)
{
	struct cli_options o;
	struct status_msg m;
	(void)state;
	assert_int_equal(PARSE("sweep", "a.csv"), ST_OK);
	assert_false(o.spacing_given);
	assert_int_equal(PARSE("sweep", "a.csv", "--log"), ST_OK);
	assert_true(o.spacing_given && o.spacing == SWEEP_LOG);
	assert_int_equal(PARSE("frontier", "a.csv", "--linear", "--linear"), ST_OK);
	assert_true(o.spacing_given && o.spacing == SWEEP_LINEAR);
	ASSERT_USAGE("--log and --linear: give only one", "sweep", "a.csv", "--linear", "--log");
	ASSERT_USAGE("--log: not used by 'compare'", "compare", "a.csv", "--log");
	/* the planner starts its budget axis as asked */
	assert_int_equal(PARSE("a.csv", "--linear"), ST_OK);
	assert_true(o.command == CLI_PLAN && o.spacing_given && o.spacing == SWEEP_LINEAR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_columns_and_selection),
		cmocka_unit_test(test_pool_option),
		cmocka_unit_test(test_spacing_options),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
