/* test_cli.c - the command line parser: values, defaults, combinations, messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "optdeploy/cli/cli.h"

#define MAX_ARGS 32

/* Parse a NULL-terminated list of words (the program name is added). */
static enum status parse_words(struct cli_options *o, struct status_msg *m, ...)
{
	char *argv[MAX_ARGS + 2];
	int argc = 0;
	va_list ap;
	argv[argc++] = (char *)"optdeploy";
	va_start(ap, m);
	for (char *w; argc <= MAX_ARGS && (w = va_arg(ap, char *)) != NULL;)
		argv[argc++] = w;
	va_end(ap);
	argv[argc] = NULL;
	return cli_parse(argc, argv, o, m);
}

#define PARSE(...) parse_words(&o, &m, __VA_ARGS__, (char *)NULL)

/* A usage error whose message is exactly `text`. */
#define ASSERT_USAGE(want, ...) do { \
	assert_int_equal(PARSE(__VA_ARGS__), ST_USAGE); \
	assert_string_equal(m.text, (want)); \
} while (0)

/* A usage error whose message contains `part`. */
#define ASSERT_USAGE_HAS(part, ...) do { \
	assert_int_equal(PARSE(__VA_ARGS__), ST_USAGE); \
	if (strstr(m.text, (part)) == NULL) \
		fail_msg("message \"%s\" lacks \"%s\"", m.text, (part)); \
} while (0)

static void test_solve_defaults(void **state)
{
	struct cli_options o;
	struct status_msg m;
	(void)state;
	assert_int_equal(PARSE("solve", "pool.csv", "--budget", "80"), ST_OK);
	assert_int_equal(o.command, CLI_SOLVE);
	assert_string_equal(o.paths[0], "pool.csv");
	assert_true(o.budget_given);
	assert_false(o.floor_given);
	assert_true(o.params.budget == 80.0);
	assert_int_equal(o.params.k, 1000);
	assert_true(o.params.lambda == 100.0);  /* 0.1 K */
	assert_int_equal(o.params.mode, SOLVE_MAX_ACCURACY);
	assert_int_equal(o.params.method, SOLVE_EXACT);
	assert_int_equal(o.format, CLI_FORMAT_TABLE);
	assert_null(o.output);
	assert_false(o.normalize);
}

static void test_options_anywhere(void **state)
{
	struct cli_options o;
	struct status_msg m;
	(void)state;
	/* options before the command and between the command and FILE */
	assert_int_equal(PARSE("--K", "50", "solve", "--relax", "p.csv", "--budget=70.5",
			       "--normalize", "--format", "csv"), ST_OK);
	assert_int_equal(o.command, CLI_SOLVE);
	assert_string_equal(o.paths[0], "p.csv");
	assert_int_equal(o.params.k, 50);
	assert_true(o.params.lambda == 5.0);
	assert_true(o.params.budget == 70.5);
	assert_int_equal(o.params.method, SOLVE_RELAXED);
	assert_true(o.normalize);
	assert_int_equal(o.format, CLI_FORMAT_CSV);
	/* after "--" everything is a word, even one that starts with a dash */
	assert_int_equal(PARSE("solve", "--budget", "5", "--", "-odd.csv"), ST_OK);
	assert_string_equal(o.paths[0], "-odd.csv");
	/* "-" is standard input */
	assert_int_equal(PARSE("sweep", "-"), ST_OK);
	assert_string_equal(o.paths[0], "-");
}

static void test_k_values(void **state)
{
	struct cli_options o;
	struct status_msg m;
	(void)state;
	assert_int_equal(PARSE("compare", "f", "--K", "1e6"), ST_OK);
	assert_int_equal(o.params.k, 1000000);
	assert_int_equal(PARSE("compare", "f", "--K", "1E9"), ST_OK);
	assert_int_equal(o.params.k, 1000000000);
	assert_true(o.params.lambda == 1e8);
	assert_int_equal(PARSE("compare", "f", "--K", "2.5e3"), ST_OK);
	assert_int_equal(o.params.k, 2500);
	assert_int_equal(PARSE("compare", "f", "--K", "1"), ST_OK);
	assert_int_equal(o.params.k, 1);
	ASSERT_USAGE("--K: \"0\" is out of range 1..1000000000", "compare", "f", "--K", "0");
	ASSERT_USAGE("--K: \"1000000001\" is out of range 1..1000000000",
		     "compare", "f", "--K", "1000000001");
	ASSERT_USAGE("--K: \"1e10\" is out of range 1..1000000000", "compare", "f", "--K", "1e10");
	ASSERT_USAGE("--K: \"-3\" is out of range 1..1000000000", "compare", "f", "--K", "-3");
	ASSERT_USAGE("--K: \"1.5\" is not an integer", "compare", "f", "--K", "1.5");
	ASSERT_USAGE("--K: \"ten\" is not a number", "compare", "f", "--K", "ten");
	ASSERT_USAGE("--K: \"0x10\" is not a number", "compare", "f", "--K", "0x10");
	ASSERT_USAGE("--K: \"\" is not a number", "compare", "f", "--K", "");
	ASSERT_USAGE("--K: \" 5\" is not a number", "compare", "f", "--K", " 5");
}

static void test_real_values(void **state)
{
	struct cli_options o;
	struct status_msg m;
	(void)state;
	ASSERT_USAGE("--budget: \"nan\" is not a number", "solve", "f", "--budget", "nan");
	ASSERT_USAGE("--budget: \"inf\" is not a number", "solve", "f", "--budget", "inf");
	ASSERT_USAGE("--budget: \"12,5\" is not a number", "solve", "f", "--budget", "12,5");
	ASSERT_USAGE("--budget: \"1e999\" is too large", "solve", "f", "--budget", "1e999");
	ASSERT_USAGE("--budget: \"-5\" must not be negative", "solve", "f", "--budget", "-5");
	ASSERT_USAGE("--lambda: \"-1\" must not be negative", "solve", "f", "--budget", "5",
		     "--lambda", "-1");
	ASSERT_USAGE("--lambda-per-k: \"-0.1\" must not be negative", "sweep", "f",
		     "--lambda-per-k", "-0.1");
	ASSERT_USAGE("--min-accuracy: \"high\" is not a number", "solve", "f",
		     "--min-accuracy", "high");
	assert_int_equal(PARSE("solve", "f", "--budget", "1e2"), ST_OK);
	assert_true(o.params.budget == 100.0);
	assert_int_equal(PARSE("solve", "f", "--budget", "-0"), ST_OK);
	assert_false(signbit(o.params.budget));
	assert_int_equal(PARSE("solve", "f", "--budget", ".5"), ST_OK);
	assert_true(o.params.budget == 0.5);
}

static void test_lambda(void **state)
{
	struct cli_options o;
	struct status_msg m;
	(void)state;
	assert_int_equal(PARSE("sweep", "f", "--K", "5000", "--lambda-per-k", "0.2"), ST_OK);
	assert_true(o.params.lambda == 1000.0);
	assert_true(o.lambda_per_k_given);
	assert_false(o.lambda_given);
	assert_int_equal(PARSE("sweep", "f", "--K", "5000", "--lambda", "7"), ST_OK);
	assert_true(o.params.lambda == 7.0);
	assert_true(o.lambda_given);
	assert_int_equal(PARSE("sweep", "f", "--lambda", "0"), ST_OK);
	assert_true(o.params.lambda == 0.0);
	ASSERT_USAGE_HAS("--lambda and --lambda-per-k: give only one", "sweep", "f",
			 "--lambda", "1", "--lambda-per-k", "0.1");
	ASSERT_USAGE_HAS("--lambda and --lambda-per-k: give only one", "sweep", "f",
			 "--lambda-per-k", "0.1", "--lambda", "1");
}

static void test_dual(void **state)
{
	struct cli_options o;
	struct status_msg m;
	(void)state;
	assert_int_equal(PARSE("solve", "f", "--min-accuracy", "90"), ST_OK);
	assert_int_equal(o.params.mode, SOLVE_MIN_COST);
	assert_true(o.params.min_accuracy == 90.0);
	assert_true(o.floor_given);
	ASSERT_USAGE_HAS("--budget and --min-accuracy: give only one", "solve", "f",
			 "--budget", "80", "--min-accuracy", "90");
	ASSERT_USAGE_HAS("solve: --budget is required", "solve", "f");
	ASSERT_USAGE_HAS("--min-accuracy: not used by 'sweep'", "sweep", "f",
			 "--min-accuracy", "90");
}

static void test_range_and_steps(void **state)
{
	struct cli_options o;
	struct status_msg m;
	(void)state;
	assert_int_equal(PARSE("sweep", "f"), ST_OK);
	assert_int_equal(o.steps, 101);
	assert_true(isnan(o.from) && isnan(o.to));
	assert_int_equal(PARSE("frontier", "f"), ST_OK);
	assert_int_equal(o.steps, 21);
	assert_int_equal(PARSE("sweep", "f", "--from", "60", "--to", "90", "--steps", "7"), ST_OK);
	assert_true(o.from == 60.0 && o.to == 90.0);
	assert_int_equal(o.steps, 7);
	assert_int_equal(PARSE("sweep", "f", "--steps", "100000"), ST_OK);
	ASSERT_USAGE("--steps: \"0\" is out of range 1..100000", "sweep", "f", "--steps", "0");
	ASSERT_USAGE("--steps: \"100001\" is out of range 1..100000", "sweep", "f",
		     "--steps", "100001");
	ASSERT_USAGE("--from 90 is not below --to 60", "sweep", "f", "--from", "90", "--to", "60");
	ASSERT_USAGE("--from 60 is not below --to 60", "sweep", "f", "--from", "60", "--to", "60");
	ASSERT_USAGE("--steps: not used by 'solve'", "solve", "f", "--budget", "5",
		     "--steps", "3");
	ASSERT_USAGE("--from: not used by 'compare'", "compare", "f", "--from", "3");
}

static void test_output_and_format(void **state)
{
	struct cli_options o;
	struct status_msg m;
	(void)state;
	assert_int_equal(PARSE("solve", "f", "--budget", "5", "-o", "out.csv"), ST_OK);
	assert_string_equal(o.output, "out.csv");
	assert_int_equal(o.format, CLI_FORMAT_CSV);
	assert_int_equal(PARSE("sweep", "f", "-o-"), ST_OK);
	assert_string_equal(o.output, "-");
	assert_int_equal(PARSE("sweep", "f", "--output=x.csv", "--format", "csv"), ST_OK);
	assert_string_equal(o.output, "x.csv");
	ASSERT_USAGE("--format: \"xml\" is not a format (table or csv; schedule: csv, runs or c)", "sweep", "f",
		     "--format", "xml");
	ASSERT_USAGE("--format table: -o writes CSV only", "sweep", "f", "--format", "table",
		     "-o", "x.csv");
	ASSERT_USAGE("-o: the file name is empty", "sweep", "f", "-o", "");
}

static void test_plot_options(void **state)
{
	struct cli_options o;
	struct status_msg m;
	(void)state;
	assert_int_equal(PARSE("plot", "f", "-o", "fig.pdf"), ST_OK);
	assert_int_equal(o.command, CLI_PLOT);
	assert_int_equal(o.plot.format, FIGURE_PDF);
	assert_int_equal(o.plot.kind, FIGURE_BOTH);
	assert_false(o.spacing_given);
	assert_true(o.plot.width == 0 && o.plot.height == 0);
	assert_null(o.plot.data_csv);
	assert_int_equal(o.steps, 101);
	assert_int_equal(PARSE("plot", "f", "--figure", "heatmap", "--size", "800x600", "--log",
			       "--budget", "40", "--from", "20", "--to", "90", "--steps", "8",
			       "--data-csv", "d.csv", "-o", "x/y.PNG", "--lambda", "3"), ST_OK);
	assert_int_equal(o.plot.kind, FIGURE_HEATMAP);
	assert_int_equal(o.plot.format, FIGURE_PNG);
	assert_true(o.plot.width == 800 && o.plot.height == 600);
	assert_true(o.spacing_given && o.spacing == SWEEP_LOG);
	assert_string_equal(o.plot.data_csv, "d.csv");
	assert_true(o.budget_given && o.params.budget == 40 && o.params.lambda == 3);
	assert_true(o.from == 20 && o.to == 90 && o.steps == 8);
	assert_int_equal(PARSE("plot", "f", "--linear", "--linear", "-o", "a.svg"), ST_OK);
	assert_true(o.spacing_given && o.spacing == SWEEP_LINEAR);
	ASSERT_USAGE("plot: -o FILE is required, its name ending in .svg, .pdf or .png", "plot", "f");
	ASSERT_USAGE("plot: -o FILE is required, its name ending in .svg, .pdf or .png", "plot", "f",
		     "-o", "-");
	ASSERT_USAGE("fig.eps: not a figure file name (end it in .svg, .pdf or .png)", "plot", "f",
		     "-o", "fig.eps");
	ASSERT_USAGE("--log and --linear: give only one", "plot", "f", "--linear", "--log",
		     "-o", "a.svg");
	ASSERT_USAGE("--data-csv: the file name is empty", "plot", "f", "--data-csv", "", "-o", "a.svg");
	ASSERT_USAGE("--figure: not used by 'solve'", "solve", "f", "--budget", "1", "--figure", "both");
	ASSERT_USAGE("--size: not used by 'sweep'", "sweep", "f", "--size", "200x200");
	ASSERT_USAGE("--format: not used by 'plot'", "plot", "f", "--format", "csv", "-o", "a.svg");
	/* the planner takes --log (its starting budget axis), not the figure's options */
	ASSERT_USAGE_HAS("--size: not used by the interactive planner", "f.csv", "--size", "200x200");
}

static void test_unknown_and_missing(void **state)
{
	struct cli_options o;
	struct status_msg m;
	(void)state;
	ASSERT_USAGE("unknown option '--bogus'", "solve", "f", "--bogus");
	ASSERT_USAGE("unknown option '--bogus=3'", "solve", "f", "--bogus=3");
	ASSERT_USAGE("unknown option '-x'", "solve", "f", "-x");
	ASSERT_USAGE("ambiguous option '--lam' (could be --lambda, --lambda-per-k)",
		     "solve", "f", "--lam", "3");
	ASSERT_USAGE("unknown option '--=3'", "solve", "f", "--=3");
	ASSERT_USAGE("--budget: missing value", "solve", "f", "--budget");
	ASSERT_USAGE("-o: missing value", "solve", "f", "--budget", "3", "-o");
	ASSERT_USAGE("--relax: takes no value", "solve", "f", "--relax=yes");
	ASSERT_USAGE("--help: takes no value", "--help=1");
	ASSERT_USAGE("solve: missing FILE (- reads standard input)", "solve", "--budget", "3");
	ASSERT_USAGE("sweep: missing FILE (- reads standard input)", "sweep");
	ASSERT_USAGE("unexpected argument 'extra'", "help", "solve", "extra");
	ASSERT_USAGE("unknown command 'slove' (solve, sweep, frontier, compare, lifetime, schedule, plot, help)",
		     "slove", "b.csv");
	/* control characters never reach the terminal through a message */
	ASSERT_USAGE("--K: \"1?2\" is not a number", "compare", "f", "--K", "1\n2");
	/* prefixes that are unambiguous are getopt_long's abbreviations */
	assert_int_equal(PARSE("solve", "f", "--budg", "3", "--norm"), ST_OK);
	assert_true(o.normalize);
}

static void test_help_version(void **state)
{
	struct cli_options o;
	struct status_msg m;
	(void)state;
	assert_int_equal(PARSE("--help"), ST_OK);
	assert_int_equal(o.command, CLI_HELP);
	assert_int_equal(PARSE("-h"), ST_OK);
	assert_int_equal(o.command, CLI_HELP);
	assert_int_equal(PARSE("help"), ST_OK);
	assert_int_equal(o.command, CLI_HELP);
	assert_int_equal(PARSE("help", "sweep"), ST_OK);
	assert_int_equal(o.command, CLI_HELP);
	/* --help wins over what follows it, as in every GNU tool */
	assert_int_equal(PARSE("solve", "--help", "--K", "0"), ST_OK);
	assert_int_equal(o.command, CLI_HELP);
	assert_int_equal(PARSE("--version"), ST_OK);
	assert_int_equal(o.command, CLI_VERSION);
	assert_int_equal(PARSE("-V"), ST_OK);
	assert_int_equal(o.command, CLI_VERSION);
	ASSERT_USAGE("unexpected argument 'nonsense'", "help", "nonsense");
}

static void test_planner(void **state)
{
	struct cli_options o;
	struct status_msg m;
	(void)state;
	assert_int_equal(parse_words(&o, &m, (char *)NULL), ST_OK);
	assert_int_equal(o.command, CLI_PLAN);
	assert_int_equal(o.n_paths, 0);
	assert_int_equal(PARSE("data/x.csv", "--budget", "70", "--K", "1e4", "--ascii",
			       "--lambda-per-k", "0.5", "--relax"), ST_OK);
	assert_int_equal(o.command, CLI_PLAN);
	assert_string_equal(o.paths[0], "data/x.csv");
	assert_true(o.budget_given && o.ascii && o.lambda_per_k_given);
	assert_true(o.params.lambda == 5000.0);
	assert_int_equal(o.params.method, SOLVE_RELAXED);
	assert_int_equal(PARSE("--min-accuracy", "80"), ST_OK);
	assert_int_equal(o.params.mode, SOLVE_MIN_COST);
	ASSERT_USAGE_HAS("--format: not used by the interactive planner", "x.csv",
			 "--format", "csv");
	ASSERT_USAGE_HAS("-o: not used by the interactive planner", "x.csv", "-o", "y");
	ASSERT_USAGE_HAS("--ascii: not used by 'solve'", "solve", "x.csv", "--budget", "3",
			 "--ascii");
	ASSERT_USAGE_HAS("cannot read the pool from standard input", "-");
}

/* getopt_long keeps global state; each call must start afresh. */
static void test_repeatable(void **state)
{
	struct cli_options o;
	struct status_msg m;
	(void)state;
	for (int i = 0; i < 3; i++) {
		ASSERT_USAGE("unknown option '-x'", "solve", "f", "-x");
		assert_int_equal(PARSE("solve", "g", "--budget", "9"), ST_OK);
		assert_string_equal(o.paths[0], "g");
		assert_string_equal(m.text, "");
	}
	setenv("POSIXLY_CORRECT", "1", 1);
	assert_int_equal(PARSE("solve", "g", "--budget", "9"), ST_OK);
	assert_true(o.budget_given);
	unsetenv("POSIXLY_CORRECT");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_solve_defaults),
		cmocka_unit_test(test_options_anywhere),
		cmocka_unit_test(test_k_values),
		cmocka_unit_test(test_real_values),
		cmocka_unit_test(test_lambda),
		cmocka_unit_test(test_dual),
		cmocka_unit_test(test_range_and_steps),
		cmocka_unit_test(test_output_and_format),
		cmocka_unit_test(test_plot_options),
		cmocka_unit_test(test_unknown_and_missing),
		cmocka_unit_test(test_help_version),
		cmocka_unit_test(test_planner),
		cmocka_unit_test(test_repeatable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
