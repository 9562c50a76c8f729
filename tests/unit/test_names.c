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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
