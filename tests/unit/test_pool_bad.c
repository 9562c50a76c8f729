/* test_pool_bad.c - the CSV loader refuses every bad input with its located message and status. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "optdeploy/core/pool.h"

#define HDR "model,cost,accuracy\n"

/* ---- every bad input: its own case, exact message and status ---- */

struct bad_case {
	const char *name;
	const char *csv;
	size_t len;           /* inputs may hold NUL bytes */
	const char *file;     /* name given to the loader */
	const char *msg;
};

#define BAD(n, csv, msg) {n, csv, sizeof(csv) - 1, "x.csv", msg}
#define BAD_IN(n, file, csv, msg) {n, csv, sizeof(csv) - 1, file, msg}

static const struct bad_case bad_cases[] = {
	BAD("empty_file", "", "x.csv: empty file"),
	BAD("bom_only", "\xef\xbb\xbf", "x.csv: empty file"),
	BAD("blank_and_comment_lines_only", "# model,cost,accuracy\n\n  \n#x",
	    "x.csv: no header row (only blank or comment lines)"),
	BAD("header_only", HDR, "x.csv:1: no models after the header row"),
	BAD("header_only_after_comments", "# c\n\nmodel,cost,accuracy\n\n# d\n",
	    "x.csv:3: no models after the header row"),
	BAD("missing_column_model", "cost,accuracy\n1,2\n",
	    "x.csv:1: missing column 'model' (also accepted: 'name')"),
	BAD("missing_column_cost", "model,accuracy\na,2\n",
	    "x.csv:1: missing column 'cost' (also accepted: 'energy')"),
	BAD("missing_column_accuracy", "model,cost,acc5\na,1,2\n",
	    "x.csv:1: missing column 'accuracy' (also accepted: 'performance', 'score')"),
	BAD("duplicate_column", "model,cost,accuracy,COST\na,1,2,3\n",
	    "x.csv:1: duplicate column: 'cost' (column 2) and 'COST' (column 4) both give the cost"),
	BAD("duplicate_column_by_alias", "model,accuracy,score,cost\n",
	    "x.csv:1: duplicate column: 'accuracy' (column 2) and 'score' (column 3) both give "
	    "the accuracy"),
	BAD("unterminated_quote", HDR "a,1,2\n\"b,1,2\nc,3,4\n",
	    "x.csv:3: field 1: unterminated quoted field (the file ends inside it)"),
	BAD("unterminated_quote_last_field", HDR "a,1,\"2",
	    "x.csv:2: field 3: unterminated quoted field (the file ends inside it)"),
	BAD("quote_in_unquoted_field", HDR "a,1,2\nres\"net,1,2\n",
	    "x.csv:3: field 1: quote inside an unquoted field (quote the whole field)"),
	BAD("text_after_closing_quote", HDR "a,\"1\"0,2\n",
	    "x.csv:2: field 2: text after a closing quote (a quote inside a quoted field is "
	    "written \"\")"),
	BAD_IN("cost_decimal_comma", "data/x.csv", HDR "a,1,2\nb,2,3\nc,3,4\nd,4,5\ne,5,6\n"
	       "f,\"12,5\",7\n", "data/x.csv:7: column 'cost': \"12,5\" is not a number"),
	BAD("cost_two_numbers", HDR "a,10 20,2\n", "x.csv:2: column 'cost': \"10 20\" is not a number"),
	BAD("cost_hex", HDR "a,0x10,2\n", "x.csv:2: column 'cost': \"0x10\" is not a number"),
	BAD("cost_overflow", HDR "a,1e999,2\n", "x.csv:2: column 'cost': \"1e999\" is out of range"),
	BAD("cost_nan", HDR "a,nan,2\n", "x.csv:2: column 'cost': \"nan\" is not a number"),
	BAD("cost_inf", HDR "a,inf,2\n", "x.csv:2: column 'cost': \"inf\" is not a number"),
	BAD("cost_negative", HDR "a,-1,2\n",
	    "x.csv:2: column 'cost': \"-1\" is negative (a cost must be >= 0)"),
	BAD("cost_negative_tiny", HDR "a,-1e-5,2\n",
	    "x.csv:2: column 'cost': \"-1e-5\" is negative (a cost must be >= 0)"),
	BAD("cost_empty", HDR "a,,2\n", "x.csv:2: column 'cost': empty value (a number is required)"),
	BAD("cost_empty_quoted", HDR "a,\" \",2\n",
	    "x.csv:2: column 'cost': empty value (a number is required)"),
	BAD("cost_word", HDR "a,abc,2\n", "x.csv:2: column 'cost': \"abc\" is not a number"),
	BAD("cost_trailing_garbage", HDR "a,12.5x,2\n",
	    "x.csv:2: column 'cost': \"12.5x\" is not a number"),
	BAD("cost_exponent_without_digits", HDR "a,1e,2\n",
	    "x.csv:2: column 'cost': \"1e\" is not a number"),
	BAD("cost_lone_sign", HDR "a,-,2\n", "x.csv:2: column 'cost': \"-\" is not a number"),
	BAD("cost_lone_point", HDR "a,.,2\n", "x.csv:2: column 'cost': \".\" is not a number"),
	BAD("cost_digit_separator", HDR "a,1_000,2\n",
	    "x.csv:2: column 'cost': \"1_000\" is not a number"),
	BAD("cost_control_char_escaped", HDR "a,\"1\x01\",2\n",
	    "x.csv:2: column 'cost': \"1\\x01\" is not a number"),
	BAD("cost_alias_named_as_written", "Name,Energy,Score\na,cheap,2\n",
	    "x.csv:2: column 'Energy': \"cheap\" is not a number"),
	BAD("accuracy_nan", HDR "a,1,NaN\n", "x.csv:2: column 'accuracy': \"NaN\" is not a number"),
	BAD("accuracy_inf", HDR "a,1,-Infinity\n",
	    "x.csv:2: column 'accuracy': \"-Infinity\" is not a number"),
	BAD("accuracy_overflow", HDR "a,1,1e400\n",
	    "x.csv:2: column 'accuracy': \"1e400\" is out of range"),
	BAD("load_cost_negative", "model,cost,accuracy,load_cost\na,1,2,-0.5\n",
	    "x.csv:2: column 'load_cost': \"-0.5\" is negative (a load cost must be >= 0)"),
	BAD("load_cost_nan", "model,cost,accuracy,load_cost\na,1,2,nan\n",
	    "x.csv:2: column 'load_cost': \"nan\" is not a number"),
	BAD("load_cost_infinite", "model,cost,accuracy,load_cost\na,1,2,1e999\n",
	    "x.csv:2: column 'load_cost': \"1e999\" is out of range"),
	BAD("load_cost_empty", "model,cost,accuracy,load_cost\na,1,2,\n",
	    "x.csv:2: column 'load_cost': empty value (a number is required)"),
	BAD("duplicate_model", HDR "a,1,2\nb,1,2\nb,3,4\n",
	    "x.csv:4: column 'model': duplicate model 'b' (first on line 3)"),
	BAD("empty_model_name", HDR ",1,2\n", "x.csv:2: column 'model': empty model name"),
	BAD("blank_quoted_model_name", HDR "\"  \",1,2\n", "x.csv:2: column 'model': empty model name"),
	BAD("too_few_fields", HDR "a,1,2\nb,3\n", "x.csv:3: row has 2 fields, header has 3"),
	BAD("one_field_row", HDR "a\n", "x.csv:2: row has 1 field, header has 3"),
	BAD("too_many_fields", HDR "a,1,2,3\n", "x.csv:2: row has 4 fields, header has 3"),
	BAD("trailing_comma", HDR "a,1,2,\n", "x.csv:2: row has 4 fields, header has 3"),
	BAD("name_nul_byte", HDR "\"a\0b\",1,2\n",
	    "x.csv:2: column 'model': model name contains a NUL byte (byte 2)"),
	BAD("name_escape_sequence", HDR "a\x1b[31m,1,2\n",
	    "x.csv:2: column 'model': model name contains control character 0x1b (byte 2)"),
	BAD("name_tab", HDR "\"a\tb\",1,2\n",
	    "x.csv:2: column 'model': model name contains control character 0x09 (byte 2)"),
	BAD("name_delete", HDR "a\x7f,1,2\n",
	    "x.csv:2: column 'model': model name contains control character 0x7f (byte 2)"),
	BAD("name_newline_located_at_field_start", HDR "ok,1,2\n\"two\nlines\",1,2\n",
	    "x.csv:3: column 'model': model name contains control character 0x0a (byte 4)"),
	BAD("name_invalid_utf8", HDR "caf\xe9,1,2\n",
	    "x.csv:2: column 'model': model name is not valid UTF-8 (byte 0xe9 at byte 4)"),
	BAD("name_truncated_utf8", HDR "ab\xc3,1,2\n",
	    "x.csv:2: column 'model': model name is not valid UTF-8 (byte 0xc3 at byte 3)"),
	BAD("name_overlong_utf8", HDR "\xc0\xaf,1,2\n",
	    "x.csv:2: column 'model': model name is not valid UTF-8 (byte 0xc0 at byte 1)"),
	BAD("name_surrogate_utf8", HDR "\xed\xa0\x80,1,2\n",
	    "x.csv:2: column 'model': model name is not valid UTF-8 (byte 0xed at byte 1)"),
	BAD("name_above_unicode", HDR "\xf4\x90\x80\x80,1,2\n",
	    "x.csv:2: column 'model': model name is not valid UTF-8 (byte 0xf4 at byte 1)"),
	BAD("name_c1_control", HDR "x\xc2\x9b,1,2\n",
	    "x.csv:2: column 'model': model name contains control character U+009B (byte 2)"),
	BAD("bare_cr_line_endings", "model,cost,accuracy\ra,1,2\r",
	    "x.csv:1: carriage return inside header field 3 (lines must end with LF or CRLF)"),
	BAD("utf16_text", "\xff\xfem\0o\0d\0", "x.csv:1: the file is UTF-16 text (save it as UTF-8)"),
	BAD("line_after_multiline_field", "model,cost,accuracy,notes\na,1,2,\"one\ntwo\nthree\"\n"
	    "b,1,2,x\nc,x1,2,y\n", "x.csv:6: column 'cost': \"x1\" is not a number"),
	BAD("line_with_bom_crlf_and_comments", "\xef\xbb\xbf# c1\r\n\r\nmodel,cost,accuracy\r\n"
	    "# c2\r\na,1,2\r\n\r\nb,1,\r\n",
	    "x.csv:7: column 'accuracy': empty value (a number is required)"),
	BAD("line_of_field_after_multiline_field", "model,notes,cost,accuracy\na,\"x\ny\",bad,2\n",
	    "x.csv:3: column 'cost': \"bad\" is not a number"),
	BAD("line_of_record_spanning_lines", "model,notes,cost,accuracy\na,\"x\ny\",1\n",
	    "x.csv:2: row has 3 fields, header has 4"),
};

#define N_BAD (sizeof bad_cases / sizeof bad_cases[0])

static void run_bad_case(void **state)
{
	const struct bad_case *c = *state;
	struct pool p;
	struct status_msg m;
	enum status st = pool_load_buffer(&p, c->file, c->csv, c->len, &m);
	assert_int_equal(st, ST_DATA);
	assert_string_equal(m.text, c->msg);
	assert_null(p.models);
	assert_int_equal(p.n, 0);
	assert_null(p.source);
}

/* ---- files that cannot be read ---- */

static void test_unreadable_inputs(void **state)
{
	struct pool p;
	struct status_msg m;
	(void)state;
	assert_int_equal(pool_load_file(&p, "tests/data/no/such.csv", &m), ST_INPUT);
	assert_string_equal(m.text, "tests/data/no/such.csv: cannot open: No such file or directory");
	assert_null(p.models);
	assert_int_equal(pool_load_file(&p, "tests/data", &m), ST_INPUT);
	assert_string_equal(m.text, "tests/data: cannot read: Is a directory");
	assert_null(p.models);
	/* no message buffer: still a status, no crash */
	assert_int_equal(pool_load_buffer(&p, "x.csv", "", 0, NULL), ST_DATA);
	assert_int_equal(pool_load_buffer(&p, "x.csv", NULL, 0, &m), ST_DATA);
	assert_string_equal(m.text, "x.csv: empty file");
}

/* ---- corpora: the bad-input manifest and the fuzz corpora ---- */

static void check_manifest_line(char *line, size_t *checked)
{
	char *f[4] = {line, NULL, NULL, NULL};
	for (int i = 1; i < 4 && f[i - 1] != NULL; i++) {
		char *tab = strchr(f[i - 1], '\t');
		if (tab != NULL) {
			*tab = '\0';
			f[i] = tab + 1;
		}
	}
	assert_non_null(f[2]);
	char path[512];
	struct pool p;
	struct status_msg m;
	snprintf(path, sizeof path, "tests/data/bad/%s", f[0]);
	enum status st = pool_load_file(&p, path, &m);
	int code = atoi(f[1]);
	enum status want = f[3] != NULL || code == 0 ? ST_OK : code == 66 ? ST_INPUT : ST_DATA;
	/* a line with arguments is a command-line error on a valid file */
	const char *part = f[3] != NULL ? "" : f[2];
	int located = st == ST_OK || strncmp(m.text, path, strlen(path)) == 0;
	if (st != want || strstr(m.text, part) == NULL || !located)
		fail_msg("%s: status %d (want %d), message \"%s\" (want \"%s\")", f[0], st, want,
			 m.text, f[2]);
	pool_free(&p);
	(*checked)++;
}

static void test_bad_input_manifest(void **state)
{
	FILE *fp = fopen("tests/data/bad/EXPECTED", "r");
	char *line = NULL;
	size_t cap = 0, checked = 0;
	ssize_t n;
	(void)state;
	assert_non_null(fp);
	while ((n = getline(&line, &cap, fp)) > 0) {
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		if (n > 0 && line[0] != '#')
			check_manifest_line(line, &checked);
	}
	free(line);
	fclose(fp);
	assert_true(checked >= 40);
}

static char *read_all(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	char *buf = NULL;
	size_t cap = 0, n = 0, got;
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		got = fread(buf + n, 1, cap - n, fp);
		n += got;
	} while (got > 0);
	fclose(fp);
	*len = n;
	return buf;
}

/* Load every file of dir: no crash, no leak, status OK or DATA.  Returns the count. */
static size_t replay_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t count = 0;
	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		char path[1024];
		struct stat sb;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
			continue;
		size_t len;
		char *buf = read_all(path, &len);
		struct pool p;
		struct status_msg m;
		enum status st = pool_load_buffer(&p, path, buf, len, &m);
		if (st != ST_OK && st != ST_DATA)
			fail_msg("%s: status %d: %s", path, st, m.text);
		pool_free(&p);
		free(buf);
		count++;
	}
	closedir(d);
	return count;
}

static void test_fuzz_corpora_replay(void **state)
{
	(void)state;
	assert_true(replay_dir("tests/fuzz/corpus_pool") >= 12);
	/* the fuzzer's crashing inputs, when it has found any */
	if (access("tests/fuzz/regress_pool", F_OK) == 0)
		assert_true(replay_dir("tests/fuzz/regress_pool") > 0);
}

int main(void)
{
	static struct CMUnitTest bad[N_BAD];
	for (size_t i = 0; i < N_BAD; i++)
		bad[i] = (struct CMUnitTest){bad_cases[i].name, run_bad_case, NULL, NULL,
					     (void *)&bad_cases[i]};
	const struct CMUnitTest files[] = {
		cmocka_unit_test(test_unreadable_inputs),
		cmocka_unit_test(test_bad_input_manifest),
		cmocka_unit_test(test_fuzz_corpora_replay),
	};
	int failed = cmocka_run_group_tests_name("pool_bad_inputs", bad, NULL, NULL);
	return failed + cmocka_run_group_tests_name("pool_bad_files", files, NULL, NULL);
}
