/* test_fuzz_regress.c - replay the fuzz corpora and crash regressions through both fuzz targets. */
/*
 * Every file of tests/fuzz/corpus_pool/ and tests/fuzz/regress_pool/ goes
 * through the CSV loader, and every file of tests/fuzz/corpus_cli/ and
 * tests/fuzz/regress_cli/ through the command line parser, by the fuzz
 * targets' own code (included below under other names), so the input is fed
 * and the contract checked exactly as libFuzzer does.  A violated contract
 * aborts and a memory error ends the process under ASan+UBSan (`make check`);
 * both print the file being replayed first.  The directory is
 * $OPTDEPLOY_FUZZ_DIR, default tests/fuzz (the tests run from the repo root).
 */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#if defined(__SANITIZE_ADDRESS__)
#define REGRESS_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define REGRESS_SANITIZED 1
#endif
#endif
#ifdef REGRESS_SANITIZED
#include <sanitizer/common_interface_defs.h>
#endif

/* The fuzz targets, each entry point renamed so both fit in one program. */
#define LLVMFuzzerTestOneInput fuzz_pool_one
#include "../fuzz/fuzz_pool.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_cli_one
#include "../fuzz/fuzz_cli.c"
#undef LLVMFuzzerTestOneInput

typedef int (*fuzz_entry)(const uint8_t *data, size_t size);

/* The file being replayed, for the death messages. */
static char current[1024];

static void say_current(void)
{
	static const char head[] = "test_fuzz_regress: failed while replaying ";
	size_t len = strnlen(current, sizeof current);
	if (write(STDERR_FILENO, head, sizeof head - 1) < 0 ||
	    write(STDERR_FILENO, current, len) < 0 || write(STDERR_FILENO, "\n", 1) < 0)
		return;
}

/* The targets abort() on a broken contract: name the input, then die as asked. */
static void on_abort(int sig)
{
	say_current();
	signal(sig, SIG_DFL);
	raise(sig);
}

static const char *fuzz_dir(void)
{
	const char *d = getenv("OPTDEPLOY_FUZZ_DIR");
	return d != NULL && d[0] != '\0' ? d : "tests/fuzz";
}

static int not_hidden(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

/* Read a whole file; returns NULL (and fails the test) when it cannot. */
static uint8_t *slurp(const char *path, size_t *size)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t cap = 0, len = 0;
	if (fp == NULL)
		fail_msg("%s: %s", path, strerror(errno));
	for (;;) {
		if (len == cap) {
			uint8_t *bigger;
			cap = cap ? 2 * cap : 4096;
			bigger = realloc(buf, cap);
			assert_non_null(bigger);
			buf = bigger;
		}
		size_t got = fread(buf + len, 1, cap - len, fp);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(fp))
		fail_msg("%s: read error", path);
	fclose(fp);
	*size = len;
	return buf;
}

/*
 * Replay every file of DIR/SUB through entry; returns the number of files.
 * A missing directory counts as empty: the regress_* folders appear with
 * their first finding.
 */
static size_t replay(const char *sub, fuzz_entry entry)
{
	char dir[512];
	struct dirent **names;
	size_t files = 0;
	int n;
	snprintf(dir, sizeof dir, "%s/%s", fuzz_dir(), sub);
	n = scandir(dir, &names, not_hidden, alphasort);
	if (n < 0) {
		if (errno == ENOENT)
			return 0;
		fail_msg("%s: %s", dir, strerror(errno));
	}
	for (int i = 0; i < n; i++) {
		struct stat sb;
		size_t size;
		uint8_t *data;
		snprintf(current, sizeof current, "%s/%s", dir, names[i]->d_name);
		free(names[i]);
		if (stat(current, &sb) != 0 || !S_ISREG(sb.st_mode))
			continue;
		data = slurp(current, &size);
		assert_int_equal(entry(data, size), 0);
		free(data);
		files++;
	}
	free(names);
	current[0] = '\0';
	return files;
}

static void corpus_pool(void **state)
{
	(void)state;
	size_t n = replay("corpus_pool", fuzz_pool_one);
	print_message("corpus_pool: %zu files\n", n);
	assert_true(n > 0);  /* the seed corpus is committed: an empty one is a mistake */
}

static void regress_pool(void **state)
{
	(void)state;
	print_message("regress_pool: %zu files\n", replay("regress_pool", fuzz_pool_one));
}

static void corpus_cli(void **state)
{
	(void)state;
	size_t n = replay("corpus_cli", fuzz_cli_one);
	print_message("corpus_cli: %zu files\n", n);
	assert_true(n > 0);
}

static void regress_cli(void **state)
{
	(void)state;
	print_message("regress_cli: %zu files\n", replay("regress_cli", fuzz_cli_one));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(corpus_pool),
		cmocka_unit_test(regress_pool),
		cmocka_unit_test(corpus_cli),
		cmocka_unit_test(regress_cli),
	};
	signal(SIGABRT, on_abort);
#ifdef REGRESS_SANITIZED
	__sanitizer_set_death_callback(say_current);
#endif
	return cmocka_run_group_tests(tests, NULL, NULL);
}
