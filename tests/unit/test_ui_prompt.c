/* test_ui_prompt.c - the status-line editor (selected value, cursor keys) and the status wrap. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <string.h>

#include "optdeploy/ui/ui_prompt.h"
#include "optdeploy/ui/ui_status.h"

static void keys(struct ui_prompt *p, const int *k, size_t n)
{
	for (size_t i = 0; i < n; i++)
		assert_int_equal(ui_prompt_key(p, k[i]), UI_PROMPT_EDITING);
}

static void test_typing_replaces(void **state)
{
	struct ui_prompt p;
	const int k[] = { '5', '0' };

	(void)state;
	ui_prompt_open(&p, 0, " Budget = ", "79.5");
	assert_true(p.selected);
	keys(&p, k, 2);
	assert_string_equal(p.text, "50");
	assert_false(p.selected);
	assert_int_equal(ui_prompt_key(&p, '\n'), UI_PROMPT_ACCEPTED);
	assert_string_equal(p.text, "50");
}

static void test_enter_keeps(void **state)
{
	struct ui_prompt p;

	(void)state;
	ui_prompt_open(&p, 0, " Budget = ", "79.5");
	assert_int_equal(ui_prompt_key(&p, KEY_ENTER), UI_PROMPT_ACCEPTED);
	assert_string_equal(p.text, "79.5");
	ui_prompt_open(&p, 0, " Budget = ", "79.5");
	assert_int_equal(ui_prompt_key(&p, 27), UI_PROMPT_CANCELLED);
}

static void test_edit_keys(void **state)
{
	struct ui_prompt p;
	const int bs[] = { KEY_BACKSPACE, '7' };
	const int left[] = { KEY_LEFT, KEY_LEFT, '1', KEY_END, '2', KEY_HOME, KEY_DC };
	const int kill[] = { KEY_LEFT, 'K' & 0x1f, 'U' & 0x1f };

	(void)state;
	ui_prompt_open(&p, 0, "", "79.5");
	keys(&p, bs, 2);       /* Backspace edits the value: 79.5 -> 79. -> 79.7 */
	assert_string_equal(p.text, "79.7");
	ui_prompt_open(&p, 0, "", "79.5");
	keys(&p, left, 7);     /* 79.5 -> 791.5 -> 791.52 -> 91.52 */
	assert_string_equal(p.text, "91.52");
	assert_int_equal(p.cur, 0);
	keys(&p, kill, 3);     /* Right of the cursor goes, then left of it */
	assert_string_equal(p.text, "");
	assert_int_equal(p.len, 0);
}

static void test_utf8_steps(void **state)
{
	struct ui_prompt p;
	const int k[] = { KEY_LEFT, KEY_BACKSPACE };

	(void)state;
	/* "fé.csv": Left from the end stops at character starts, Backspace drops a whole é */
	ui_prompt_open(&p, 0, "", "f\xc3\xa9.csv");
	keys(&p, (const int[]){ KEY_LEFT, KEY_LEFT, KEY_LEFT, KEY_LEFT }, 4);
	assert_int_equal(p.cur, 3);
	keys(&p, k + 1, 1);
	assert_string_equal(p.text, "f.csv");
	assert_int_equal(p.cur, 1);
	keys(&p, k, 1);
	assert_int_equal(p.cur, 0);
}

static void test_wrap(void **state)
{
	const char *msg = "infeasible: budget 50 is below the cheapest model's cost 59.01";

	(void)state;
	/* at the last space that fits; a word longer than the line is cut */
	assert_int_equal(ui_status_wrap_line(msg, 20), strlen("infeasible: budget"));
	assert_int_equal(ui_status_wrap_line("abcdefghij", 4), 4);
	assert_int_equal(ui_status_wrap_line("abc", 10), 3);
	assert_int_equal(ui_status_wrap_line("", 10), 0);
	assert_int_equal(ui_status_wrap_count(msg, 80), 1);
	assert_int_equal(ui_status_wrap_count(msg, 30), 3);
	assert_int_equal(ui_status_wrap_count("", 30), 0);
	/* UTF-8 counts columns, not bytes: 10 x "é" fits in 10 columns */
	assert_int_equal(ui_status_wrap_line("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
					     "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 10), 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_typing_replaces),
		cmocka_unit_test(test_enter_keeps),
		cmocka_unit_test(test_edit_keys),
		cmocka_unit_test(test_utf8_steps),
		cmocka_unit_test(test_wrap),
	};
	setlocale(LC_CTYPE, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
