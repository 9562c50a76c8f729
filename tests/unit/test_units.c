/*
 * test_units.c - the physical-unit parsers (every accepted spelling gives
 * the exact value, every bad one a usage error that says why), the exact
 * K = floor(rate x duration) against integer arithmetic, the battery plan,
 * and the formatting of durations and energies.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "optdeploy/core/battery.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/core/units.h"
#include "test_support.h"

static void good_energy(const char *s, double want)
{
	struct status_msg m = { "" };
	double v = -1;
	assert_int_equal(units_parse_energy(s, &v, &m), ST_OK);
	if (v != want)
		fail_msg("%s: %.17g J, expected %.17g", s, v, want);
}

static void good_battery(const char *s, double want)
{
	struct status_msg m = { "" };
	double v = -1;
	if (units_parse_battery(s, &v, &m) != ST_OK)
		fail_msg("%s refused: %s", s, m.text);
	if (v != want)
		fail_msg("%s: %.17g J, expected %.17g", s, v, want);
}

/* The parser refuses s with ST_USAGE and a message containing `why`. */
static void bad(enum status (*parse)(const char *, struct status_msg *), const char *s,
		const char *why)
{
	struct status_msg m = { "" };
	assert_int_equal(parse(s, &m), ST_USAGE);
	if (strstr(m.text, why) == NULL)
		fail_msg("\"%s\": message \"%s\" lacks \"%s\"", s, m.text, why);
}

static enum status p_energy(const char *s, struct status_msg *m)
{
	double v;
	return units_parse_energy(s, &v, m);
}

static enum status p_battery(const char *s, struct status_msg *m)
{
	double v;
	return units_parse_battery(s, &v, m);
}

static enum status p_power(const char *s, struct status_msg *m)
{
	double v;
	return units_parse_power(s, &v, m);
}

static enum status p_rate(const char *s, struct status_msg *m)
{
	struct units_exact q;
	return units_parse_rate(s, &q, m);
}

static enum status p_duration(const char *s, struct units_exact *q, struct status_msg *m)
{
	return units_parse_duration(s, q, m);
}

static enum status p_duration_only(const char *s, struct status_msg *m)
{
	struct units_exact q;
	return p_duration(s, &q, m);
}

static enum status p_cost_unit(const char *s, struct status_msg *m)
{
	double v;
	const char *name;
	return units_parse_cost_unit(s, &v, &name, m);
}

static void test_energy_and_battery(void **state)
{
	(void)state;
	good_energy("40kJ", 40000);
	good_energy("39960J", 39960);
	good_energy("11.1Wh", 39960);
	good_energy("1mWh", 3.6);
	good_energy("2.5kWh", 9e6);
	good_energy("7mJ", 0.007);
	good_energy("7uJ", 7e-6);
	good_energy("7\xc2\xb5J", 7e-6);
	good_energy("7\xce\xbcJ", 7e-6);
	good_energy("3nJ", 3e-9);
	good_energy("1.5e3J", 1500);
	good_energy("0.000001kJ", 0.001);
	good_energy("100000000000000000000J", 1e20);  /* 1 significant digit */
	good_battery("3000mAh@3.7V", 39960);
	good_battery("3Ah@3700mV", 39960);
	good_battery("11.1Wh", 39960);
	good_battery("40kJ", 40000);
	good_battery("0.5Ah@1.2V", 2160);
	double w = -1;
	struct status_msg m;
	assert_int_equal(units_parse_power("2mW", &w, &m), ST_OK);
	assert_true(w == 0.002);
	assert_int_equal(units_parse_power("0W", &w, &m), ST_OK);
	assert_true(w == 0);
	assert_int_equal(units_parse_power("1.5uW", &w, &m), ST_OK);
	assert_true(w == 1.5e-6);
}

static void test_bad_strings(void **state)
{
	(void)state;
	bad(p_battery, "3000mah@3.7V", "did you mean 'mAh'?");
	bad(p_battery, "3000mAh", "needs its voltage");
	bad(p_battery, "3000mAh@", "voltage after '@' is missing");
	bad(p_battery, "3000mAh@3.7", "missing unit");
	bad(p_battery, "3000mAh@3.7v", "did you mean 'V'?");
	bad(p_energy, "1e400J", "too large");
	bad(p_energy, "1e-400J", "too small");
	bad(p_energy, "nanJ", "does not start with a number");
	bad(p_energy, "infJ", "does not start with a number");
	bad(p_energy, "", "empty");
	bad(p_energy, "40", "missing unit");
	bad(p_energy, "40 kJ", "no space");
	bad(p_energy, " 40kJ", "spaces are not allowed");
	bad(p_energy, "40kJx", "unknown energy unit 'kJx'");
	bad(p_energy, "40kj", "did you mean 'kJ'?");
	bad(p_energy, "2MWh", "mega");
	bad(p_energy, "2MJ", "did you mean 'mJ'");
	bad(p_energy, "0J", "must be above 0");
	bad(p_energy, "-5J", "cannot be negative");
	bad(p_energy, "+5J", "no sign");
	bad(p_energy, "1.2.3J", "unknown energy unit");
	bad(p_energy, "1eJ", "exponent has no digits");
	bad(p_energy, "1234567890123456J", "more than 15 significant digits");
	bad(p_energy, "0x10J", "unknown energy unit 'x10J'");
	bad(p_energy, ".J", "does not start with a number");
	bad(p_power, "2mw", "did you mean 'mW'?");
	bad(p_power, "2MW", "mega");
	bad(p_power, "2J", "unknown power unit");
	bad(p_power, "-1mW", "cannot be negative");
	bad(p_power, "1e-400W", "too small");
	bad(p_rate, "2/fortnight", "unknown time unit 'fortnight' (s, min, h, d)");
	bad(p_rate, "2", "a rate is a count per time unit");
	bad(p_rate, "2/", "missing unit");
	bad(p_rate, "0/s", "must be above 0");
	bad(p_rate, "2 /s", "a rate is a count per time unit");
	bad(p_rate, "2/S", "did you mean 's'?");
	bad(p_rate, "1e400/s", "too large");
	bad(p_rate, "-1/s", "cannot be negative");
	bad(p_duration_only, "12 h", "no space between the number and the unit");
	bad(p_duration_only, "-1h", "cannot be negative");
	bad(p_duration_only, "24H", "did you mean 'h'?");
	bad(p_duration_only, "3600", "missing unit (s, min, h, d)");
	bad(p_duration_only, "1fortnight", "unknown time unit");
	bad(p_duration_only, "1Min", "did you mean 'min'?");
	bad(p_duration_only, "0s", "must be above 0");
	bad(p_duration_only, "24h ", "unknown time unit");
	bad(p_duration_only, "1e400d", "too large");
	bad(p_cost_unit, "mj", "did you mean 'mJ'?");
	bad(p_cost_unit, "1mJ", "give the unit alone");
	bad(p_cost_unit, "", "empty");
	bad(p_cost_unit, "MWh", "mega");
	bad(p_cost_unit, "W", "unknown energy unit 'W'");
}

static void test_cost_unit(void **state)
{
	(void)state;
	struct status_msg m;
	const char *name = NULL;
	double j = 0;
	assert_int_equal(units_parse_cost_unit("mJ", &j, &name, &m), ST_OK);
	assert_true(j == 0.001);
	assert_string_equal(name, "mJ");
	assert_int_equal(units_parse_cost_unit("\xc2\xb5J", &j, &name, &m), ST_OK);
	assert_true(j == 1e-6);
	assert_string_equal(name, "uJ");
	/* the Greek mu (U+03BC) as well as the micro sign (U+00B5) */
	assert_int_equal(units_parse_cost_unit("\xce\xbcJ", &j, &name, &m), ST_OK);
	assert_true(j == 1e-6);
	assert_string_equal(name, "uJ");
	assert_int_equal(units_parse_cost_unit("mWh", &j, &name, &m), ST_OK);
	assert_true(j == 3.6);
	assert_int_equal(units_parse_cost_unit("Wh", &j, &name, &m), ST_OK);
	assert_true(j == 3600);
}

static long long k_of(const char *rate, const char *duration)
{
	struct units_exact r, d;
	struct status_msg m;
	assert_int_equal(units_parse_rate(rate, &r, &m), ST_OK);
	assert_int_equal(units_parse_duration(duration, &d, &m), ST_OK);
	return units_floor_product(&r, &d, SOLVE_K_MAX);
}

static void test_exact_k(void **state)
{
	(void)state;
	assert_int_equal(k_of("30/min", "90min"), 2700);
	assert_int_equal(k_of("1/s", "24h"), 86400);
	assert_int_equal(k_of("2/s", "7d"), 1209600);
	assert_int_equal(k_of("1/h", "30min"), 0);
	assert_int_equal(k_of("1/h", "59.99min"), 0);
	assert_int_equal(k_of("1/h", "60min"), 1);
	/* binary floating point gets these wrong: 0.29 x 100 = 28.999999999999996 */
	assert_true(floor(0.29 * 100) == 28);
	assert_int_equal(k_of("0.29/s", "100s"), 29);
	assert_int_equal(k_of("0.1/s", "30s"), 3);
	assert_int_equal(k_of("0.7/s", "10s"), 7);
	assert_int_equal(k_of("1/d", "1d"), 1);
	assert_int_equal(k_of("1/min", "1.5min"), 1);
	assert_int_equal(k_of("3/min", "20s"), 1);
	assert_int_equal(k_of("3/min", "19.999s"), 0);
	assert_int_equal(k_of("1e3/s", "1e6s"), SOLVE_K_MAX);
	assert_int_equal(k_of("1000/s", "30d"), SOLVE_K_MAX + 1);  /* beyond the cap */
	assert_int_equal(k_of("1e-12/s", "1e12s"), 1);
	assert_int_equal(k_of("1e-12/s", "9.99999999999999e11s"), 0);
	assert_int_equal(k_of("123456789012345/s", "1e-6s"), 123456789);
	assert_int_equal(k_of("123456789012345/s", "1e-5s"), SOLVE_K_MAX + 1);
	assert_int_equal(k_of("1e300/s", "1e300s"), SOLVE_K_MAX + 1);
	assert_int_equal(k_of("1e-300/s", "1e-300s"), 0);
}

/* Random integer-valued rates and durations: the floor against 64-bit arithmetic. */
static void test_exact_k_random(void **state)
{
	(void)state;
	static const long long unit_s[] = { 1, 60, 3600, 86400 };
	static const char *const names[] = { "s", "min", "h", "d" };
	struct ts_rng rng = { 12345 };
	for (int t = 0; t < 20000; t++) {
		size_t ru = ts_rand_below(&rng, 4), du = ts_rand_below(&rng, 4);
		long long rn = 1 + (long long)ts_rand_below(&rng, 5000);
		long long dn = 1 + (long long)ts_rand_below(&rng, 5000);
		int rdec = (int)ts_rand_below(&rng, 3);  /* rate written with rdec decimals */
		char rs[40], ds[40];
		long long pow10 = rdec == 0 ? 1 : rdec == 1 ? 10 : 100;
		snprintf(rs, sizeof rs, "%lld.%0*lld/%s", rn / pow10, rdec ? rdec : 1,
			 rdec ? rn % pow10 : 0, names[ru]);
		snprintf(ds, sizeof ds, "%lld%s", dn, names[du]);
		/* K = rn / pow10 / unit_r x dn x unit_d */
		long long want = rn * dn * unit_s[du] / (pow10 * unit_s[ru]);
		if (want > SOLVE_K_MAX)
			want = SOLVE_K_MAX + 1;
		long long got = k_of(rs, ds);
		if (got != want)
			fail_msg("%s x %s: K = %lld, expected %lld", rs, ds, got, want);
	}
}

static void test_from_double(void **state)
{
	(void)state;
	struct units_exact q, r;
	struct status_msg m;
	assert_int_equal(units_exact_from_double(5400.0, &q, &m), ST_OK);
	assert_true(q.mant == 54 && q.exp10 == 2 && q.num == 1 && q.den == 1);
	assert_int_equal(units_exact_from_double(0.1, &q, &m), ST_OK);
	assert_true(q.mant == 1 && q.exp10 == -1);
	assert_true(units_exact_value(&q) == 0.1);
	assert_int_equal(units_parse_rate("0.29/s", &r, &m), ST_OK);
	assert_int_equal(units_exact_from_double(100.0, &q, &m), ST_OK);
	assert_int_equal(units_floor_product(&r, &q, SOLVE_K_MAX), 29);
	assert_int_equal(units_exact_from_double(-1, &q, &m), ST_USAGE);
	assert_int_equal(units_exact_from_double(NAN, &q, &m), ST_USAGE);
	assert_int_equal(units_exact_from_double(INFINITY, &q, &m), ST_USAGE);
	/* a double needing 17 digits has no 15-digit form */
	assert_int_equal(units_exact_from_double(0.1 + 0.2, &q, &m), ST_USAGE);
}

static struct battery_params params_of(const char *bat, const char *idle, const char *rate,
				       const char *dur, const char *unit)
{
	struct battery_params bp;
	struct status_msg m;
	const char *name;
	assert_int_equal(units_parse_battery(bat, &bp.battery_j, &m), ST_OK);
	assert_int_equal(units_parse_power(idle, &bp.idle_w, &m), ST_OK);
	assert_int_equal(units_parse_rate(rate, &bp.rate, &m), ST_OK);
	assert_int_equal(units_parse_duration(dur, &bp.duration, &m), ST_OK);
	assert_int_equal(units_parse_cost_unit(unit, &bp.cost_unit_j, &name, &m), ST_OK);
	return bp;
}

static void test_battery_plan(void **state)
{
	(void)state;
	struct battery_plan pl;
	struct status_msg m;
	struct battery_params bp = params_of("3000mAh@3.7V", "0W", "1/s", "24h", "mJ");
	assert_int_equal(battery_plan_make(&bp, &pl, &m), ST_OK);
	assert_int_equal(pl.k, 86400);
	assert_true(pl.duration_s == 86400);
	assert_true(pl.total_budget == 39960000);
	assert_true(pl.budget == 39960000.0 / 86400);
	assert_true(pl.idle_j == 0);

	bp = params_of("40mWh", "2mW", "30/min", "90min", "mJ");
	assert_int_equal(battery_plan_make(&bp, &pl, &m), ST_OK);
	assert_int_equal(pl.k, 2700);
	assert_true(fabs(pl.idle_j - 10.8) < 1e-12);
	assert_true(fabs(pl.total_budget - 133200) < 1e-6);  /* (144 - 10.8) J in mJ */
	assert_true(pl.budget == pl.total_budget / 2700);
	/* a policy spending exactly B leaves nothing; one mJ less leaves 1 mJ */
	assert_true(fabs(battery_left_j(&bp, pl.duration_s, pl.total_budget)) < 1e-9);
	assert_true(fabs(battery_left_j(&bp, pl.duration_s, pl.total_budget - 1) - 0.001) < 1e-9);
	assert_true(battery_duration_s(&bp, 2700) == 5400);
	assert_true(battery_fits(&bp, 2700, pl.total_budget - 1));
	assert_false(battery_fits(&bp, 2700, pl.total_budget + 1));

	bp = params_of("1kJ", "1W", "1/s", "24h", "J");
	assert_int_equal(battery_plan_make(&bp, &pl, &m), ST_USAGE);
	assert_non_null(strstr(m.text, "uses the whole battery"));
	bp = params_of("1kJ", "0W", "1/h", "30min", "J");
	assert_int_equal(battery_plan_make(&bp, &pl, &m), ST_USAGE);
	assert_non_null(strstr(m.text, "fewer than one (K would be 0)"));
	bp = params_of("1kJ", "0W", "1000/s", "30d", "J");
	assert_int_equal(battery_plan_make(&bp, &pl, &m), ST_USAGE);
	assert_non_null(strstr(m.text, "more than 1000000000"));
	bp.cost_unit_j = 0;
	assert_int_equal(battery_params_check(&bp, &m), ST_USAGE);
}

static void test_format(void **state)
{
	(void)state;
	char b[64];
	units_format_duration(b, sizeof b, 86400);
	assert_string_equal(b, "1 d");
	units_format_duration(b, sizeof b, 92800);
	assert_string_equal(b, "1 d 1 h 46 min 40 s");
	units_format_duration(b, sizeof b, 5400);
	assert_string_equal(b, "1 h 30 min");
	units_format_duration(b, sizeof b, 1.5);
	assert_string_equal(b, "1.5 s");
	units_format_duration(b, sizeof b, 3600.25);
	assert_string_equal(b, "1 h 0.25 s");
	units_format_energy(b, sizeof b, 39960);
	assert_string_equal(b, "39.96 kJ");
	units_format_energy(b, sizeof b, 0.4625);
	assert_string_equal(b, "462.5 mJ");
	units_format_energy(b, sizeof b, 0);
	assert_string_equal(b, "0 J");
	units_format_energy(b, sizeof b, -0.0128);
	assert_string_equal(b, "-12.8 mJ");
	units_format_power(b, sizeof b, 0.002);
	assert_string_equal(b, "2 mW");
	char tiny[6];
	units_format_duration(tiny, sizeof tiny, 92800);  /* cut, still terminated */
	assert_true(strlen(tiny) < sizeof tiny);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_energy_and_battery),
		cmocka_unit_test(test_bad_strings),
		cmocka_unit_test(test_cost_unit),
		cmocka_unit_test(test_exact_k),
		cmocka_unit_test(test_exact_k_random),
		cmocka_unit_test(test_from_double),
		cmocka_unit_test(test_battery_plan),
		cmocka_unit_test(test_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
