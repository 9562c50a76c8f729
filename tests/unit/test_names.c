/*
 * test_names.c - the name cropper shared by the planner, the tables and the
 * figures: a cut in the middle with a mark, never a duplicate at any width,
 * never half a UTF-8 character, and the whole name when it fits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "optdeploy/core/names.h"

#define ELL "\xe2\x80\xa6"

static void test_crop_one(void **state)
{
	char out[64];
	(void)state;
	names_crop(out, sizeof out, "mobilenet_v3_large", 18, ELL);
	assert_string_equal(out, "mobilenet_v3_large");  /* fits: whole */
	names_crop(out, sizeof out, "mobilenet_v3_large_v2", 18, ELL);
	assert_int_equal(names_width(out), 18);
	assert_non_null(strstr(out, ELL));
	assert_int_equal(strncmp(out, "mobilenet_v", 11), 0);     /* the head */
	assert_int_equal(strcmp(out + strlen(out) - 3, "_v2"), 0);  /* and the end */
	names_crop(out, sizeof out, "mobilenet_v3_large_v2", 10, "~");
	assert_string_equal(out, "mobile~_v2");
	names_crop(out, sizeof out, "mobilenet_v3_large_v2", 10, "..");
	assert_int_equal(names_width(out), 10);
	assert_non_null(strstr(out, ".."));
	names_crop(out, sizeof out, "abcdef", 1, ELL);
	assert_string_equal(out, ELL);
}

static void test_width_utf8(void **state)
{
	char out[64];
	(void)state;
	assert_int_equal(names_width("r\xc3\xa9seau_\xc3\xa9t\xc3\xa9"), 10);
	/* a cut never splits a character: the result is valid UTF-8 of the width */
	names_crop(out, sizeof out, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 4, ELL);
	assert_int_equal(names_width(out), 4);
	assert_string_equal(out, "\xc3\xa9\xc3\xa9" ELL "\xc3\xa9");
	/* a buffer too small keeps whole characters */
	names_crop(out, 4, "\xc3\xa9\xc3\xa9\xc3\xa9", 10, ELL);
	assert_string_equal(out, "\xc3\xa9");
	assert_string_equal(names_mark(true), ELL);
	assert_string_equal(names_mark(false), "~");
}

/* Every pair distinct, every name within width unless it had to grow, each cut one marked. */
static void check_set(const char *const *names, size_t n, size_t width, const char *mark)
{
	size_t widest = 0;
	char **out = names_crop_set(names, n, width, mark, &widest);
	assert_non_null(out);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(out[i], names[i]) != 0 && strstr(out[i], mark) == NULL)
			fail_msg("width %zu: \"%s\" cut to \"%s\" without a mark", width, names[i],
				 out[i]);
		if (names_width(out[i]) > widest)
			fail_msg("widest %zu, but \"%s\"", widest, out[i]);
		for (size_t j = 0; j < i; j++)
			if (strcmp(out[i], out[j]) == 0)
				fail_msg("width %zu: \"%s\" and \"%s\" both shown as \"%s\"", width,
					 names[i], names[j], out[i]);
	}
	free(out);
}

static void test_set_distinct(void **state)
{
	static const char *const names[] = {
		"mobilenet_v3_large", "mobilenet_v3_large_v2", "mobilenet_v3_small",
		"regnet_x_400mf", "regnet_y_400mf", "regnet_x_400mf_v2", "regnet_y_400mf_v2",
		"efficientnet_b0", "efficientnet_b1", "efficientnet_b1_v2", "vit_b_16",
		"vit_b_16_swag_e2e", "vit_b_16_swag_lin", "resnet50", "resnet50_v2", "a", "ab",
		"mobilenet_v3_l~e_v2", "x~y", "x~~y",
	};
	size_t n = sizeof names / sizeof *names;
	(void)state;
	for (size_t w = 1; w <= 24; w++) {
		check_set(names, n, w, ELL);
		check_set(names, n, w, "~");
		check_set(names, n, w, "..");
	}
}

static void test_set_width_kept(void **state)
{
	static const char *const names[] = { "mobilenet_v3_large", "mobilenet_v3_large_v2" };
	size_t widest = 0;
	char **out;
	(void)state;
	/* the two differ at the end, which the usual cut keeps: no need to grow */
	out = names_crop_set(names, 2, 12, ELL, &widest);
	assert_non_null(out);
	assert_int_equal(widest, 12);
	assert_string_not_equal(out[0], out[1]);
	free(out);
}

/* Names that differ only in one middle character, at a width that cuts it out. */
static void test_set_middle(void **state)
{
	static const char *const names[] = { "abcdefXghijklmn", "abcdefYghijklmn" };
	size_t widest = 0;
	char **out;
	(void)state;
	out = names_crop_set(names, 2, 8, ELL, &widest);
	assert_non_null(out);
	assert_string_not_equal(out[0], out[1]);
	assert_non_null(strstr(out[0], ELL));
	free(out);
}

/* The planner's word cuts: the parts that tell models apart stay whole. */
static void test_words(void **state)
{
	static const char *const names[] = {
		"mobilenet-v2-0.75-128-quantized", "mobilenet-v2-0.75-128-non-quantized",
		"efficientnet-lite0-quantized", "mobilenet-v1-0.25-128-quantized", "short",
	};
	size_t widest = 0;
	char **out;
	(void)state;
	out = names_crop_words(names, 5, 17, ELL, &widest);
	assert_non_null(out);
	assert_string_equal(out[0], "mo" ELL "v2-0.75-128-q" ELL);
	assert_string_equal(out[1], "mo" ELL "v2-0.75-128-n" ELL);
	/* a word one name cuts, every name that needs a cut cuts: -quantized is -q… */
	assert_string_equal(out[2], "efficien" ELL "lite0-q" ELL);
	assert_string_equal(out[4], "short");
	assert_int_equal(widest, 17);
	free(out);
	/* no room for word cuts: the middle cut, marked */
	out = names_crop_words(names, 2, 7, "~", &widest);
	assert_non_null(out);
	assert_string_not_equal(out[0], out[1]);
	assert_non_null(strstr(out[0], "~"));
	free(out);
}

/* Word cuts keep every set distinct and marked at every width, as middle cuts do. */
static void test_words_distinct(void **state)
{
	static const char *const names[] = {
		"mobilenet-v3-large_224_1.0_float", "mobilenet-v3-large-minimalistic_224_1.0_float",
		"mobilenet-v3-small_224_1.0_float", "mobilenet-v3-large_224_0.75_float",
		"regnet_y_16gf_swag_e2e_v1", "regnet_y_16gf_swag_linear_v1", "regnet_y_16gf",
		"efficientnet-lite0-non-quantized", "efficientnet-lite0-quantized", "non-non-non",
		"abc_abc_abc", "abc_abd_abc", "x~y", "x~~y", "a-b-c", "mobilenet~v2~q~",
	};
	size_t n = sizeof names / sizeof *names, widest;
	(void)state;
	for (size_t w = 1; w <= 30; w++) {
		char **out = names_crop_words(names, n, w, ELL, &widest);
		assert_non_null(out);
		for (size_t i = 0; i < n; i++) {
			if (strcmp(out[i], names[i]) != 0 && strstr(out[i], ELL) == NULL)
				fail_msg("width %zu: \"%s\" cut to \"%s\" without a mark", w, names[i],
					 out[i]);
			if (names_width(out[i]) > widest)
				fail_msg("widest %zu, but \"%s\"", widest, out[i]);
			for (size_t j = 0; j < i; j++)
				if (strcmp(out[i], out[j]) == 0)
					fail_msg("width %zu: \"%s\" and \"%s\" both \"%s\"", w, names[i],
						 names[j], out[i]);
		}
		free(out);
	}
}

static void test_set_many(void **state)
{
	enum { N = 2000 };
	char buf[N][32];
	const char *names[N];
	(void)state;
	for (size_t i = 0; i < N; i++) {
		snprintf(buf[i], sizeof buf[i], "model_%04zu_variant_%zu", i, i % 7);
		names[i] = buf[i];
	}
	check_set(names, N, 10, ELL);
	check_set(names, N, 3, "~");
	check_set(names, 0, 5, ELL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crop_one),
		cmocka_unit_test(test_width_utf8),
		cmocka_unit_test(test_set_distinct),
		cmocka_unit_test(test_set_width_kept),
		cmocka_unit_test(test_set_middle),
		cmocka_unit_test(test_set_many),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_words_distinct),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
