/*
 * test_numtext.c - the number writer: every text reads back as the same double,
 * and it is the text the old trial printing (%.15g, %.16g, %.17g, the first that
 * reads back) gave, except where that was not the shortest (tiny subnormals).
 *
 * Random doubles come from a fixed seed and from a seed that changes per run;
 * both are printed, and NUMTEXT_SEED=N repeats a run.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "optdeploy/core/export.h"
#include "optdeploy/core/numtext.h"

#define FIXED_SEED 0x5eed0f0e15ULL
#define RANDOM_ROUND_TRIPS 2000000   /* per seed */
#define RANDOM_REFERENCE 150000      /* compared with the trial printing, per seed */

static uint64_t run_seed;

static uint64_t next_random(uint64_t *state)
{
	/* splitmix64: every bit pattern, no library state */
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double from_bits(uint64_t b)
{
	double v;
	memcpy(&v, &b, sizeof v);
	return v;
}

static uint64_t to_bits(double v)
{
	uint64_t b;
	memcpy(&b, &v, sizeof b);
	return b;
}

/* The old export_number (C locale): the reference for the shortest text. */
static void trial_printing(char *buf, double v)
{
	buf[0] = '\0';
	if (!isfinite(v))
		return;
	if (v == 0)
		v = 0;
	for (int digits = 15; digits <= 17; digits++) {
		snprintf(buf, NUMTEXT_SIZE, "%.*g", digits, v);
		if (strtod(buf, NULL) == v)
			return;
	}
}

static int significant_digits(const char *s)
{
	int n = 0, lead = 1, zeros = 0;
	for (; *s && *s != 'e'; s++) {
		if (*s < '0' || *s > '9')
			continue;
		if (lead && *s == '0')
			continue;
		lead = 0;
		if (*s == '0') {
			zeros++;
		} else {
			n += zeros + 1;
			zeros = 0;
		}
	}
	return n;
}

/* v's text reads back bit for bit (0 for -0) and agrees with the trial printing. */
static int check_value(double v, int compare)
{
	char got[NUMTEXT_SIZE], want[NUMTEXT_SIZE];
	size_t len = numtext_double(got, v);
	if (len != strlen(got) || len >= NUMTEXT_SIZE) {
		print_error("length %zu of \"%s\" for %a\n", len, got, v);
		return 0;
	}
	if (!isfinite(v))
		return got[0] == '\0';
	double back = strtod(got, NULL);
	if (to_bits(back) != to_bits(v == 0 ? 0.0 : v)) {
		print_error("%a (%.17g) printed as \"%s\", which reads back as %a\n", v, v, got,
			    back);
		return 0;
	}
	if (!compare)
		return 1;
	trial_printing(want, v);
	if (strcmp(got, want) == 0)
		return 1;
	/*
	 * Where the trial printing was not the shortest, fewer digits are right:
	 * %.15g of a subnormal holds more digits than the value, and the nearest
	 * n-digit decimal to a power of two can miss its narrower lower gap while
	 * a farther one lies in the wider upper gap (2^-1017).
	 */
	if (significant_digits(got) < significant_digits(want))
		return 1;
	print_error("%a: \"%s\", trial printing \"%s\"\n", v, got, want);
	return 0;
}

static void test_edge_values(void **state)
{
	(void)state;
	const double two53 = 9007199254740992.0;
	const double values[] = {
		0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, 59.01, 84.66,
		two53 - 1, two53, two53 + 2, -two53, 1e-300, -1e-300, 1e300, DBL_MAX, -DBL_MAX,
		DBL_MIN, -DBL_MIN, DBL_EPSILON, DBL_MIN / 2, DBL_TRUE_MIN, 2 * DBL_TRUE_MIN,
		3 * DBL_TRUE_MIN, 10 * DBL_TRUE_MIN, nextafter(DBL_MIN, 0), nextafter(DBL_MIN, 1),
		nextafter(1.0, 2), nextafter(1.0, 0), 1e15, 1e15 - 1, 1e16, 1e17, 1e21, 1e22, 1e23,
		123456789012345.0, 1234567890123456.0, 12345678901234567.0, 0.0001, 0.00001,
		0.000123456789012345, 5e-5, 2.5, 1.5e300, 4.35e-5, 9.999999999999999e22,
		HUGE_VAL, -HUGE_VAL, NAN,
	};
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
		assert_true(check_value(values[i], 1));
}

static void expect_text(double v, const char *want)
{
	char got[NUMTEXT_SIZE];
	numtext_double(got, v);
	if (strcmp(got, want) != 0)
		print_error("%a: \"%s\", want \"%s\"\n", v, got, want);
	assert_string_equal(got, want);
}

static void test_known_texts(void **state)
{
	(void)state;
	expect_text(0.0, "0");
	expect_text(-0.0, "0");
	expect_text(0.1 + 0.2, "0.30000000000000004");
	expect_text(1e-300, "1e-300");
	expect_text(DBL_MAX, "1.7976931348623157e+308");
	expect_text(DBL_MIN, "2.2250738585072014e-308");
	expect_text(DBL_TRUE_MIN, "5e-324");
	expect_text(2 * DBL_TRUE_MIN, "1e-323");
	expect_text(18 * DBL_TRUE_MIN, "9e-323");
	expect_text(ldexp(1, -1017), "7.120236347223045e-307");
	expect_text(9007199254740991.0, "9007199254740991");
	expect_text(9007199254740992.0, "9007199254740992");
	expect_text(9007199254740994.0, "9007199254740994");
	expect_text(1e15, "1e+15");
	expect_text(123456789012345.0, "123456789012345");
	expect_text(1e22, "1e+22");
	expect_text(-2.5, "-2.5");
	expect_text(0.0001, "0.0001");
	expect_text(0.00001, "1e-05");
	expect_text(59.01, "59.01");
	expect_text(1.0 / 3, "0.3333333333333333");
	expect_text(NAN, "");
	expect_text(INFINITY, "");
}

static void test_powers_of_ten(void **state)
{
	(void)state;
	char text[16];
	for (int e = -323; e <= 308; e++) {
		snprintf(text, sizeof text, "1e%d", e);
		double v = strtod(text, NULL);
		assert_true(check_value(v, 1));
		assert_true(check_value(nextafter(v, 0), 1));
		assert_true(check_value(nextafter(v, INFINITY), 1));
	}
	/* each power of two, and its neighbours: the narrow gap below 2^q */
	for (int q = -1074; q <= 1023; q++) {
		double v = ldexp(1.0, q);
		assert_true(check_value(v, 1));
		assert_true(check_value(nextafter(v, 0), 1));
		assert_true(check_value(nextafter(v, INFINITY), 1));
	}
}

static void test_integers(void **state)
{
	(void)state;
	uint64_t rng = FIXED_SEED;
	double v = 1;
	for (int e = 0; e <= 22; e++, v *= 10) {
		assert_true(check_value(v, 1));
		assert_true(check_value(v - 1, 1));
		assert_true(check_value(v + 1, 1));
	}
	for (int i = 0; i < 200000; i++) {
		uint64_t r = next_random(&rng);
		double x = (double)(r >> (r & 63));                   /* every size to 2^64 */
		assert_true(check_value(x, 1));
		assert_true(check_value(floor(x * 1e6) , 1));           /* beyond 1e22 at times */
	}
}

/* count / K: the shares every export is mostly made of. */
static void test_shares(void **state)
{
	(void)state;
	const long long ks[] = {1, 3, 7, 10, 100, 1000, 4096, 99991, 10000000, 1000000000};
	uint64_t rng = FIXED_SEED;
	for (size_t j = 0; j < sizeof ks / sizeof ks[0]; j++)
		for (int i = 0; i < 20000; i++) {
			long long c = (long long)(next_random(&rng) % (uint64_t)(ks[j] + 1));
			assert_true(check_value((double)c / (double)ks[j], 1));
		}
}

/* Random bit patterns (every exponent, subnormals included) and random decimals. */
static void random_run(uint64_t seed)
{
	uint64_t rng = seed;
	long failed = 0;
	for (long i = 0; i < RANDOM_ROUND_TRIPS && failed < 10; i++) {
		double v = from_bits(next_random(&rng));
		if (!check_value(v, i < RANDOM_REFERENCE))
			failed++;
	}
	for (long i = 0; i < RANDOM_REFERENCE && failed < 10; i++) {
		/* short decimals in the exports' range: 1..17 digits, 1e-10 .. 1e12 */
		uint64_t r = next_random(&rng);
		uint64_t digits = r % 100000000000000000ULL;
		int e = (int)((r >> 57) % 23) - 10;
		double v = (double)(digits >> ((r >> 50) & 31)) * pow(10, e);
		if (!check_value(v, 1))
			failed++;
	}
	if (failed)
		print_error("seed %" PRIu64 ": %ld values wrong\n", seed, failed);
	assert_int_equal(failed, 0);
}

static void test_random_fixed_seed(void **state)
{
	(void)state;
	random_run(FIXED_SEED);
}

static void test_random_run_seed(void **state)
{
	(void)state;
	random_run(run_seed);
}

static void test_integer_text(void **state)
{
	(void)state;
	char buf[32];
	assert_int_equal(numtext_ll(buf, LLONG_MIN), 20);
	assert_string_equal(buf, "-9223372036854775808");
	numtext_ll(buf, 0);
	assert_string_equal(buf, "0");
	numtext_u64(buf, UINT64_MAX);
	assert_string_equal(buf, "18446744073709551615");
	numtext_ll(buf, -42);
	assert_string_equal(buf, "-42");
}

/* export_number is the same writer, whatever LC_NUMERIC says (see tests/tui/locale.sh). */
static void test_export_number(void **state)
{
	(void)state;
	char buf[EXPORT_NUMBER_SIZE];
	export_number(buf, 0.1 + 0.2);
	assert_string_equal(buf, "0.30000000000000004");
	export_number(buf, -0.0);
	assert_string_equal(buf, "0");
}

int main(void)
{
	const char *env = getenv("NUMTEXT_SEED");
	run_seed = env != NULL ? strtoull(env, NULL, 0)
			       : (uint64_t)time(NULL) * 2654435761u ^ (uint64_t)getpid();
	printf("test_numtext: fixed seed %llu, this run's seed %" PRIu64
	       " (NUMTEXT_SEED=%" PRIu64 " repeats it)\n", FIXED_SEED, run_seed, run_seed);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edge_values),
		cmocka_unit_test(test_known_texts),
		cmocka_unit_test(test_powers_of_ten),
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_shares),
		cmocka_unit_test(test_random_fixed_seed),
		cmocka_unit_test(test_random_run_seed),
		cmocka_unit_test(test_integer_text),
		cmocka_unit_test(test_export_number),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
