/*
 * test_cli_battery.c - the battery options on the command line: for
 * thousands of random batteries, idle draws, rates and durations,
 * `solve --battery ...` parses into exactly the solve parameters of
 * `solve --K K --budget B/K` with the budget printed as "%.17g" (K, budget
 * bit for bit, lambda following K), so both give one policy; and the
 * combinations that are refused.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "optdeploy/cli/cli.h"
#include "cli_args.h"
#include "test_support.h"

static void test_same_parameters(void **state)
{
	(void)state;
	static const char *const bats[] = { "3000mAh@3.7V", "11.1Wh", "40kJ", "500J", "40mWh",
					    "0.01Ah@3700mV", "123.456J", "2.5kWh" };
	static const char *const idles[] = { "0W", "2mW", "0.5mW", "17uW", "1.25mW" };
	static const char *const rates[] = { "1/s", "10/s", "30/min", "0.29/s", "7/h", "1/min" };
	static const char *const durs[] = { "24h", "90min", "7d", "3600s", "100s", "1.5h", "13min" };
	static const char *const units[] = { "mJ", "uJ", "J", "mWh", "nJ" };
	static const char *const lambdas[] = { NULL, "--lambda-per-k", "--lambda" };
	struct ts_rng rng = { 4242 };
	int solved = 0;
	for (int t = 0; t < 3000; t++) {
		struct cli_options a, b;
		struct status_msg m;
		const char *lam = lambdas[ts_rand_below(&rng, 3)];
		char lamv[32], kbuf[32], bbuf[40];
		snprintf(lamv, sizeof lamv, "%.3g", ts_rand_range(&rng, 0, 2));
		enum status st = ts_cli_parse(&a, &m, "solve", "pool.csv", "--cost-unit",
				       units[ts_rand_below(&rng, 5)], "--battery",
				       bats[ts_rand_below(&rng, 8)], "--idle",
				       idles[ts_rand_below(&rng, 5)], "--rate",
				       rates[ts_rand_below(&rng, 6)], "--duration",
				       durs[ts_rand_below(&rng, 7)], lam, lamv, NULL);
		if (st != ST_OK) {
			/* only a problem without inferences or energy may be refused */
			assert_int_equal(st, ST_USAGE);
			assert_true(strstr(m.text, "fewer than one") != NULL ||
				    strstr(m.text, "uses the whole battery") != NULL);
			continue;
		}
		snprintf(kbuf, sizeof kbuf, "%lld", a.params.k);
		snprintf(bbuf, sizeof bbuf, "%.17g", a.params.budget);
		assert_int_equal(ts_cli_parse(&b, &m, "solve", "pool.csv", "--K", kbuf, "--budget", bbuf,
				       lam, lamv, NULL), ST_OK);
		assert_int_equal(a.params.k, b.params.k);
		assert_true(a.params.budget == b.params.budget);        /* bit for bit */
		assert_true(a.params.lambda == b.params.lambda);
		assert_int_equal(a.params.mode, b.params.mode);
		assert_int_equal(a.params.method, b.params.method);
		assert_true(a.params.budget == a.phys.plan.budget);
		/* B = budget x K reproduces the battery's B to rounding */
		double bk = a.params.budget * (double)a.params.k;
		assert_true(fabs(bk - a.phys.plan.total_budget) <= 1e-15 * a.phys.plan.total_budget);
		solved++;
	}
	assert_true(solved > 2000);
}

static void test_lambda_follows_k(void **state)
{
	(void)state;
	struct cli_options o;
	struct status_msg m;
	assert_int_equal(ts_cli_parse(&o, &m, "solve", "p.csv", "--cost-unit", "mJ", "--battery", "40mWh",
			       "--idle", "2mW", "--rate", "30/min", "--duration", "90min", NULL),
			 ST_OK);
	assert_int_equal(o.params.k, 2700);
	assert_true(o.params.lambda == 270);   /* 0.1 x K with the K of the battery */
	assert_true(o.budget_given);
	assert_true(o.phys.bp.battery_j == 144);
	assert_true(o.phys.bp.idle_w == 0.002);
	assert_true(o.phys.bp.cost_unit_j == 0.001);
}

static void test_refused(void **state)
{
	(void)state;
	struct cli_options o;
	struct status_msg m;
	assert_int_equal(ts_cli_parse(&o, &m, "solve", "p.csv", "--battery", "40kJ", "--rate", "1/s",
			       "--duration", "1h", NULL), ST_USAGE);
	assert_non_null(strstr(m.text, "give --cost-unit"));
	assert_int_equal(ts_cli_parse(&o, &m, "lifetime", "p.csv", "--cost-unit", "mJ", "--battery",
			       "40kJ", "--rate", "1/s", "--min-accuracy", "70", NULL), ST_OK);
	assert_int_equal(o.command, CLI_LIFETIME);
	assert_int_equal(o.steps, 11);
	assert_int_equal(ts_cli_parse(&o, &m, "lifetime", "p.csv", "--cost-unit", "mJ", "--battery",
			       "40kJ", "--rate", "1/s", "--sweep", "--steps", "4", NULL), ST_OK);
	assert_true(o.sweep && o.steps == 4);
	/* a rate alone is the time row (cli_time.h), in every command; a battery is not */
	assert_int_equal(ts_cli_parse(&o, &m, "frontier", "p.csv", "--rate", "4/s", NULL), ST_OK);
	assert_true(o.params.rate == 4 && o.spec.latency_needed);
	assert_int_equal(ts_cli_parse(&o, &m, "solve", "p.csv", "--budget", "3", "--rate", "30/min",
			       "--duty-cycle", "0.5", NULL), ST_OK);
	assert_true(o.params.rate == 0.5 && o.params.duty_cycle == 0.5 && o.params.k == 1000);
	assert_int_equal(ts_cli_parse(&o, &m, "frontier", "p.csv", "--battery", "1kJ", NULL), ST_USAGE);
	assert_non_null(strstr(m.text, "--battery: not used by 'frontier'"));
	/* the planner's battery mode: the same options, its duration slider starts at K = 1000 */
	assert_int_equal(ts_cli_parse(&o, &m, "p.csv", "--battery", "1kJ", NULL), ST_USAGE);
	assert_non_null(strstr(m.text, "give --cost-unit"));
	assert_int_equal(ts_cli_parse(&o, &m, "p.csv", "--cost-unit", "mJ", "--battery", "40kJ",
			       "--rate", "2/s", NULL), ST_OK);
	assert_int_equal(o.command, CLI_PLAN);
	assert_int_equal(o.phys.plan.k, 1000);
	assert_true(o.phys.plan.duration_s == 500);
	assert_int_equal(ts_cli_parse(&o, &m, "p.csv", "--cost-unit", "mJ", "--battery", "40kJ", NULL),
			 ST_USAGE);
	assert_non_null(strstr(m.text, "needs --battery and --rate (missing: --rate)"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_parameters),
		cmocka_unit_test(test_lambda_follows_k),
		cmocka_unit_test(test_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
