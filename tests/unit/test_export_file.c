/* test_export_file.c - the file layer of exports: links, modes, same-file identity, temporary names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "optdeploy/core/export.h"
#include "optdeploy/core/export_file.h"

struct dir {
	char path[64];
};

static void dir_make(struct dir *d)
{
	snprintf(d->path, sizeof d->path, "/tmp/optdeploy-expfile-XXXXXX");
	assert_non_null(mkdtemp(d->path));
}

static void dir_remove(const struct dir *d)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", d->path);
	assert_int_equal(system(cmd), 0);
}

static char *at(const struct dir *d, const char *name)
{
	static char buf[4][512];
	static int next;
	char *p = buf[next++ % 4];
	snprintf(p, sizeof buf[0], "%s/%s", d->path, name);
	return p;
}

static void put(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

static void expect_text(const char *path, const char *text)
{
	char buf[256] = "";
	FILE *fp = fopen(path, "r");
	assert_non_null(fp);
	size_t n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	assert_string_equal(buf, text);
}

/* Entries of d starting with ".od": temporary files left behind. */
static int temp_files(const struct dir *d)
{
	DIR *dp = opendir(d->path);
	struct dirent *e;
	int n = 0;
	assert_non_null(dp);
	while ((e = readdir(dp)) != NULL)
		n += strncmp(e->d_name, ".od", 3) == 0;
	closedir(dp);
	return n;
}

static enum status write_new(FILE *fp, const char *name, const void *ctx, size_t *rows,
			     struct status_msg *m)
{
	(void)name;
	(void)ctx;
	(void)m;
	fputs("new\n", fp);
	if (rows != NULL)
		*rows = 1;
	return ST_OK;
}

/* What a signal handler does half way through: the temporary file goes, the old file stays. */
static enum status write_then_signal(FILE *fp, const char *name, const void *ctx, size_t *rows,
				     struct status_msg *m)
{
	const struct dir *d = ctx;
	fputs("half", fp);
	fflush(fp);
	assert_int_equal(temp_files(d), 1);
	export_file_remove_temp();
	assert_int_equal(temp_files(d), 0);
	return write_new(fp, name, ctx, rows, m);
}

static void test_links_written_through(void **state)
{
	(void)state;
	struct dir d;
	struct status_msg m;
	dir_make(&d);
	assert_int_equal(mkdir(at(&d, "sub"), 0755), 0);
	put(at(&d, "sub/target.csv"), "old\n");
	assert_int_equal(symlink("sub/target.csv", at(&d, "link.csv")), 0);
	assert_int_equal(symlink("link.csv", at(&d, "chain.csv")), 0);
	assert_int_equal(export_atomic(at(&d, "chain.csv"), write_new, NULL, NULL, &m), ST_OK);
	expect_text(at(&d, "sub/target.csv"), "new\n");
	struct stat sb;
	assert_int_equal(lstat(at(&d, "link.csv"), &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
	assert_int_equal(lstat(at(&d, "chain.csv"), &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
	/* a dangling link creates its target */
	assert_int_equal(symlink("sub/made.csv", at(&d, "dangling.csv")), 0);
	assert_int_equal(export_atomic(at(&d, "dangling.csv"), write_new, NULL, NULL, &m), ST_OK);
	expect_text(at(&d, "sub/made.csv"), "new\n");
	assert_int_equal(temp_files(&d), 0);
	dir_remove(&d);
}

static void test_modes_kept_and_read_only_refused(void **state)
{
	(void)state;
	struct dir d;
	struct status_msg m;
	struct stat sb;
	dir_make(&d);
	put(at(&d, "private.csv"), "old\n");
	assert_int_equal(chmod(at(&d, "private.csv"), 0640), 0);
	assert_int_equal(export_atomic(at(&d, "private.csv"), write_new, NULL, NULL, &m), ST_OK);
	assert_int_equal(stat(at(&d, "private.csv"), &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0640);
	put(at(&d, "ro.csv"), "old\n");
	assert_int_equal(chmod(at(&d, "ro.csv"), 0444), 0);
	assert_int_equal(export_atomic(at(&d, "ro.csv"), write_new, NULL, NULL, &m), ST_OUTPUT);
	assert_non_null(strstr(m.text, "ro.csv: cannot write: the file is read-only (mode 0444)"));
	assert_int_equal(export_file_check(at(&d, "ro.csv"), &m), ST_OUTPUT);
	expect_text(at(&d, "ro.csv"), "old\n");
	assert_int_equal(temp_files(&d), 0);
	dir_remove(&d);
}

static void test_signal_removes_temp(void **state)
{
	(void)state;
	struct dir d;
	struct status_msg m;
	dir_make(&d);
	put(at(&d, "out.csv"), "old\n");
	/* the rename finds no temporary file: the export fails and the old file is whole */
	assert_int_equal(export_atomic(at(&d, "out.csv"), write_then_signal, &d, NULL, &m),
			 ST_OUTPUT);
	expect_text(at(&d, "out.csv"), "old\n");
	assert_int_equal(temp_files(&d), 0);
	export_file_remove_temp();  /* nothing being written: nothing to do */
	expect_text(at(&d, "out.csv"), "old\n");
	dir_remove(&d);
}

static void test_long_name_and_directories(void **state)
{
	(void)state;
	struct dir d;
	struct status_msg m;
	char name[256];
	dir_make(&d);
	memset(name, 'n', 255);
	name[255] = '\0';
	assert_int_equal(export_atomic(at(&d, name), write_new, NULL, NULL, &m), ST_OK);
	expect_text(at(&d, name), "new\n");
	const char *dirs[] = { d.path, at(&d, ""), at(&d, "."), at(&d, "nosuch/") };
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		assert_int_equal(export_atomic(dirs[i], write_new, NULL, NULL, &m), ST_OUTPUT);
		assert_non_null(strstr(m.text, "cannot write: Is a directory"));
		assert_int_equal(export_file_check(dirs[i], &m), ST_OUTPUT);
	}
	assert_int_equal(export_file_check(at(&d, "fresh.csv"), &m), ST_OK);
	assert_int_equal(export_file_check(at(&d, "no/dir.csv"), &m), ST_OUTPUT);
	assert_int_equal(temp_files(&d), 0);
	dir_remove(&d);
}

static void test_same_file(void **state)
{
	(void)state;
	struct dir d;
	char cwd[4096];
	dir_make(&d);
	put(at(&d, "in.csv"), "model,cost,accuracy\n");
	put(at(&d, "other.csv"), "model,cost,accuracy\n");
	assert_int_equal(symlink("in.csv", at(&d, "alias.csv")), 0);
	assert_int_equal(mkdir(at(&d, "sub"), 0755), 0);
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(d.path), 0);
	assert_true(export_file_same("in.csv", "./in.csv"));
	assert_true(export_file_same("in.csv", "sub/../in.csv"));
	assert_true(export_file_same("alias.csv", "in.csv"));
	assert_true(export_file_same(at(&d, "in.csv"), "in.csv"));
	assert_false(export_file_same("in.csv", "other.csv"));  /* equal bytes, other file */
	/* names not created yet: the same directory entry */
	assert_true(export_file_same("new.png", "./new.png"));
	assert_true(export_file_same("new.png", "sub/../new.png"));
	assert_false(export_file_same("new.png", "new.csv"));
	assert_false(export_file_same("new.png", "in.csv"));
	assert_int_equal(symlink("later.svg", "later_link.svg"), 0);
	assert_true(export_file_same("later_link.svg", "later.svg"));
	/* devices are never "the same file": /dev/stdin and /dev/stdout may be one terminal */
	assert_false(export_file_same("/dev/null", "/dev/null"));
	assert_int_equal(chdir(cwd), 0);
	dir_remove(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_links_written_through),
		cmocka_unit_test(test_modes_kept_and_read_only_refused),
		cmocka_unit_test(test_signal_removes_temp),
		cmocka_unit_test(test_long_name_and_directories),
		cmocka_unit_test(test_same_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
