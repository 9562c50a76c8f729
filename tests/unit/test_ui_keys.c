/* test_ui_keys.c - the key table's sanity, and every key of it documented in the man page. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "optdeploy/ui/ui_keys.h"

static void test_table_sane(void **state)
{
	size_t n;
	const struct ui_key_row *t = ui_keys_table(&n);
	bool seen[UI_ACT_COUNT] = { false };

	(void)state;
	assert_true(n > 10);
	for (size_t i = 0; i < n; i++) {
		char names[80];
		assert_non_null(t[i].keys[0].name);
		assert_non_null(t[i].help);
		assert_true(t[i].action != UI_ACT_NONE && t[i].action < UI_ACT_COUNT);
		seen[t[i].action] = true;
		ui_keys_names(&t[i], names, sizeof names);
		/* a help line (names, gap, text, frame) fits an 80-column screen */
		assert_true(strlen(names) + strlen(t[i].help) + 7 <= 80);
		for (size_t k = 0; k < UI_KEY_CODES && t[i].keys[k].name != NULL; k++) {
			/* no code and no name appears twice in the whole table */
			for (size_t j = 0; j < n; j++)
				for (size_t l = 0; l < UI_KEY_CODES && t[j].keys[l].name != NULL; l++) {
					if (i == j && k == l)
						continue;
					assert_int_not_equal(t[i].keys[k].code, t[j].keys[l].code);
					assert_string_not_equal(t[i].keys[k].name, t[j].keys[l].name);
				}
			assert_int_equal(ui_keys_action(t[i].keys[k].code), t[i].action);
		}
	}
	for (int a = UI_ACT_FOCUS_NEXT; a < UI_ACT_COUNT; a++)
		assert_true(seen[a]);
}

static void test_bindings(void **state)
{
	(void)state;
	assert_int_equal(ui_keys_action('q'), UI_ACT_QUIT);
	assert_int_equal(ui_keys_action('?'), UI_ACT_HELP);
	assert_int_equal(ui_keys_action(KEY_F(1)), UI_ACT_HELP);
	assert_int_equal(ui_keys_action('\t'), UI_ACT_FOCUS_NEXT);
	assert_int_equal(ui_keys_action(KEY_BTAB), UI_ACT_FOCUS_PREV);
	assert_int_equal(ui_keys_action(KEY_LEFT), UI_ACT_STEP_DOWN);
	assert_int_equal(ui_keys_action('l'), UI_ACT_STEP_UP);
	assert_int_equal(ui_keys_action(KEY_SRIGHT), UI_ACT_BIG_UP);
	assert_int_equal(ui_keys_action(KEY_NPAGE), UI_ACT_BIG_DOWN);
	assert_int_equal(ui_keys_action(KEY_HOME), UI_ACT_TO_MIN);
	assert_int_equal(ui_keys_action('='), UI_ACT_EXACT);
	assert_int_equal(ui_keys_action('e'), UI_ACT_EXPORT_POLICY);
	assert_int_equal(ui_keys_action('E'), UI_ACT_EXPORT_SWEEP);
	assert_int_equal(ui_keys_action(12), UI_ACT_REDRAW);
	assert_int_equal(ui_keys_action(27), UI_ACT_CANCEL);
	assert_int_equal(ui_keys_action('Z'), UI_ACT_NONE);
}

/* A KEYS section listing every key of the table the way the man page does. */
static char *full_page(const char *skip)
{
	size_t n, used = 0, size = 8192;
	const struct ui_key_row *t = ui_keys_table(&n);
	char *s = malloc(size);

	assert_non_null(s);
	used += (size_t)snprintf(s, size, ".Sh NAME\nq and Esc and Home are words here\n.Sh KEYS\n.Bl -tag\n");
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < UI_KEY_CODES && t[i].keys[k].name != NULL; k++) {
			const char *name = t[i].keys[k].name;
			if (skip != NULL && strcmp(name, skip) == 0)
				continue;
			used += (size_t)snprintf(s + used, size - used, ".It Cm %s%s\n%s\n",
						 strcmp(name, "?") == 0 ? "\\&" : "", name, t[i].help);
		}
	snprintf(s + used, size - used, ".El\n.Sh SEE ALSO\nCm Tab\n");
	return s;
}

static void test_man_check(void **state)
{
	char missing[256];
	char *page;

	(void)state;
	page = full_page(NULL);
	assert_int_equal(ui_keys_check_man(page, missing, sizeof missing), 0);
	assert_string_equal(missing, "");
	free(page);
	/* a key named only outside KEYS (here: Tab in SEE ALSO) counts as missing */
	page = full_page("Tab");
	assert_int_equal(ui_keys_check_man(page, missing, sizeof missing), 1);
	assert_string_equal(missing, "Tab");
	free(page);
	/* a bare word is not a documented key: it must be a macro argument */
	page = full_page("q");
	assert_int_equal(ui_keys_check_man(page, missing, sizeof missing), 1);
	free(page);
	assert_int_equal(ui_keys_check_man(".Sh NAME\nx\n", missing, sizeof missing), -1);
}

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long len;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	buf = malloc((size_t)len + 1);
	if (buf != NULL) {
		buf[fread(buf, 1, (size_t)len, f)] = '\0';
	}
	fclose(f);
	return buf;
}

static void check_file(const char *path)
{
	char missing[1024];
	char *text = read_text(path);
	int r;

	if (text == NULL)
		fail_msg("%s: cannot read (run the tests from the repository root)", path);
	r = ui_keys_check_man(text, missing, sizeof missing);
	free(text);
	if (r != 0)
		fail_msg("%s: %s", path, r < 0 ? "no KEYS section" : missing);
}

static void test_man_page(void **state)
{
	(void)state;
	check_file("man/optdeploy.1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_sane),
		cmocka_unit_test(test_bindings),
		cmocka_unit_test(test_man_check),
		cmocka_unit_test(test_man_page),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
