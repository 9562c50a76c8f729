/* test_pool_tables.c - column mapping, joins of several tables, selection, skipped rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "optdeploy/core/pool_csv.h"
#include "optdeploy/core/pool_spec.h"
#include "optdeploy/core/pool_tables.h"

/* ---- helpers: files in a private directory ---- */

struct dir {
	char path[64];
	char files[8][96];
	int n;
};

static int dir_setup(void **state)
{
	struct dir *d = calloc(1, sizeof *d);
	assert_non_null(d);
	snprintf(d->path, sizeof d->path, "/tmp/test_pool_tables.XXXXXX");
	assert_non_null(mkdtemp(d->path));
	*state = d;
	return 0;
}

static int dir_teardown(void **state)
{
	struct dir *d = *state;
	for (int i = 0; i < d->n; i++)
		unlink(d->files[i]);
	rmdir(d->path);
	free(d);
	return 0;
}

/* Write name with text into the directory; returns its path (valid while d lives). */
static const char *put(struct dir *d, const char *name, const char *text)
{
	char *p = d->files[d->n++], dir[sizeof d->path];
	FILE *fp;
	memcpy(dir, d->path, sizeof dir);
	snprintf(p, sizeof d->files[0], "%s/%s", dir, name);
	fp = fopen(p, "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
	return p;
}

static struct pool_spec spec_of(const char *columns)
{
	struct pool_spec s;
	struct status_msg m;
	pool_spec_init(&s);
	if (columns != NULL && pool_spec_add_columns(&s, columns, false, &m) != ST_OK)
		fail_msg("bad mapping %s: %s", columns, m.text);
	return s;
}

static const struct model *find(const struct pool *p, const char *name)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->models[i].name, name) == 0)
			return &p->models[i];
	fail_msg("no model %s", name);
	return NULL;
}

#define ZOO "model,img_size,top1,top5,param_count,infer_gmacs\n" \
	"resnet18,224,69.76,89.08,11.7,1.82\n" \
	"mobilenetv3_small_100,224,67.67,87.40,2.5,0.06\n" \
	"vit_base_patch16_224,224,81.07,95.32,86.6,17.58\n"

/* ---- the mapping option ---- */

static void test_spec_parse(void **state)
{
	struct pool_spec s;
	struct status_msg m;
	(void)state;
	pool_spec_init(&s);
	assert_int_equal(pool_spec_add_columns(&s, "COST=infer_gmacs,accuracy=top1", false, &m),
			 ST_OK);
	assert_true(s.mapped[POOL_KEY_COST] && s.mapped[POOL_KEY_ACCURACY]);
	assert_false(s.mapped[POOL_KEY_NAME]);
	assert_string_equal(s.column[POOL_KEY_COST], "infer_gmacs");
	assert_int_equal(pool_spec_add_columns(&s, "cost=x", false, &m), ST_USAGE);
	assert_string_equal(m.text, "--columns: key 'cost' given twice");
	assert_string_equal(s.column[POOL_KEY_COST], "infer_gmacs");   /* unchanged */
	/* a bundled mapping goes under the user's: the user's key wins */
	assert_int_equal(pool_spec_add_columns(&s, "cost=gflops,memory=mb", true, &m), ST_OK);
	assert_string_equal(s.column[POOL_KEY_COST], "infer_gmacs");
	assert_string_equal(s.column[POOL_KEY_MEMORY], "mb");

	pool_spec_init(&s);
	assert_int_equal(pool_spec_add_columns(&s, "speed=x", false, &m), ST_USAGE);
	assert_string_equal(m.text, "--columns: unknown key 'speed' (keys: name, cost, accuracy, "
			    "load_cost, memory, latency)");
	assert_int_equal(pool_spec_add_columns(&s, "cost=a,cost=b", false, &m), ST_USAGE);
	assert_string_equal(m.text, "--columns: key 'cost' given twice");
	assert_int_equal(pool_spec_add_columns(&s, "cost", false, &m), ST_USAGE);
	assert_string_equal(m.text, "--columns: \"cost\" is not KEY=COLUMN");
	assert_int_equal(pool_spec_add_columns(&s, "cost=", false, &m), ST_USAGE);
	assert_string_equal(m.text, "--columns: cost: the column name is empty");
	assert_int_equal(pool_spec_add_columns(&s, "cost=a,,accuracy=b", false, &m), ST_USAGE);
	assert_string_equal(m.text, "--columns: an empty item (write KEY=COLUMN, separated by "
			    "commas)");
	assert_false(s.mapped[POOL_KEY_COST]);   /* a failed list adds nothing */
}

static void test_globs(void **state)
{
	struct pool_spec s;
	struct status_msg m;
	(void)state;
	pool_spec_init(&s);
	assert_true(pool_spec_selects(&s, "anything"));
	s.exclude = "vit_*,*_swag_*";
	assert_false(pool_spec_selects(&s, "vit_b_16"));
	assert_false(pool_spec_selects(&s, "regnet_y_16gf_swag_e2e_v1"));
	assert_true(pool_spec_selects(&s, "resnet50"));
	s.only = "resnet[0-9]*,mobilenet?v2";
	assert_true(pool_spec_selects(&s, "resnet50"));
	assert_true(pool_spec_selects(&s, "mobilenet_v2"));
	assert_false(pool_spec_selects(&s, "resnext50_32x4d"));
	assert_int_equal(pool_spec_check_globs("--only", "a*,", &m), ST_USAGE);
	assert_string_equal(m.text, "--only: an empty pattern (write PATTERN[,PATTERN...])");
	assert_int_equal(pool_spec_check_globs("--exclude", "a*,b", &m), ST_OK);
}

/* ---- one table, mapped ---- */

static void test_mapping_one_file(void **state)
{
	struct dir *d = *state;
	const char *f = put(d, "results.csv", ZOO);
	struct pool_spec s = spec_of("cost=INFER_GMACS,accuracy=top1,memory=param_count");
	struct pool p;
	struct pool_warnings w;
	struct status_msg m;
	assert_int_equal(pool_load_tables(&f, 1, &s, &p, &w, &m), ST_OK);
	assert_int_equal(p.n, 3);
	assert_int_equal(w.n, 0);
	assert_true(p.has_memory);
	assert_string_equal(p.models[0].name, "resnet18");
	assert_true(p.models[0].cost == 1.82 && p.models[0].accuracy == 69.76);
	assert_true(p.models[2].memory == 86.6 && p.models[2].load_cost == 1.0);
	pool_free(&p);

	/* without a mapping the table is refused, with the way out in the message */
	assert_int_equal(pool_load_tables(&f, 1, NULL, &p, &w, &m), ST_DATA);
	assert_non_null(strstr(m.text, "results.csv:1: missing column 'cost' (also accepted: "
			       "'energy'); map one with --columns cost=COLUMN (the columns are: "
			       "model, img_size, top1, top5, param_count, infer_gmacs)"));
	assert_null(p.models);

	s = spec_of("cost=gmacs,accuracy=top1");
	assert_int_equal(pool_load_tables(&f, 1, &s, &p, &w, &m), ST_DATA);
	assert_non_null(strstr(m.text, "results.csv:1: --columns cost=gmacs: no such column "
			       "(the columns are: model, img_size"));
	/* a mapped column must not appear twice, whatever its case */
	f = put(d, "twice.csv", "model,top1,TOP1,c\na,1,2,3\n");
	s = spec_of("cost=c,accuracy=top1");
	assert_int_equal(pool_load_tables(&f, 1, &s, &p, &w, &m), ST_DATA);
	assert_non_null(strstr(m.text, ":1: duplicate column: 'top1' (column 2) and 'TOP1' "
			       "(column 3) both give the accuracy"));
}

static void test_memory_values(void **state)
{
	struct dir *d = *state;
	const char *f = put(d, "mem.csv", "model,cost,accuracy,memory\na,1,50,4.5\nb,2,60,-1\n");
	struct pool p;
	struct status_msg m;
	assert_int_equal(pool_load_tables(&f, 1, NULL, &p, NULL, &m), ST_DATA);
	assert_non_null(strstr(m.text, "mem.csv:3: column 'memory': \"-1\" is negative (a memory "
			       "footprint must be >= 0)"));
	f = put(d, "mem2.csv", "model,cost,accuracy,Memory\na,1,50,4.5\nb,2,60,nan\n");
	assert_int_equal(pool_load_tables(&f, 1, NULL, &p, NULL, &m), ST_DATA);
	assert_non_null(strstr(m.text, "mem2.csv:3: column 'Memory': \"nan\" is not a number"));
	f = put(d, "mem3.csv", "model,cost,accuracy\na,1,50\n");
	assert_int_equal(pool_load_tables(&f, 1, NULL, &p, NULL, &m), ST_OK);
	assert_false(p.has_memory);
	assert_true(p.models[0].memory == 0.0);
	pool_free(&p);
}

/*
 * An empty memory cell: without a memory limit it only leaves the pool
 * without memory (every model kept, the solve not blocked); with one
 * (memory_needed) it is a located data error, or a skipped row with
 * --skip-incomplete; a malformed cell is an error either way.
 */
static void test_memory_empty_cell(void **state)
{
	struct dir *d = *state;
	const char *f = put(d, "gap.csv", "model,cost,accuracy,memory\na,1,50,10\nb,2,70,\n");
	struct pool_spec s = spec_of(NULL);
	struct pool p;
	struct pool_warnings w;
	struct status_msg m;
	assert_int_equal(pool_load_tables(&f, 1, &s, &p, &w, &m), ST_OK);
	assert_int_equal(p.n, 2);
	assert_int_equal(w.n, 0);
	assert_false(p.has_memory);
	assert_true(p.models[0].memory == 10 && p.models[1].memory == 0);
	pool_free(&p);
	s.skip_incomplete = true;  /* not needed: nothing to skip */
	assert_int_equal(pool_load_tables(&f, 1, &s, &p, &w, &m), ST_OK);
	assert_int_equal(p.n, 2);
	assert_int_equal(w.n, 0);
	assert_false(p.has_memory);
	pool_free(&p);
	/* with a memory limit: needed, like cost */
	s.skip_incomplete = false;
	s.memory_needed = true;
	assert_int_equal(pool_load_tables(&f, 1, &s, &p, &w, &m), ST_DATA);
	assert_non_null(strstr(m.text, "gap.csv:3: column 'memory': empty value (a number is "
			       "needed by the memory limit, --memory)"));
	assert_null(p.models);
	s.skip_incomplete = true;
	assert_int_equal(pool_load_tables(&f, 1, &s, &p, &w, &m), ST_OK);
	assert_int_equal(p.n, 1);
	assert_true(p.has_memory);
	assert_int_equal(w.n, 1);
	assert_string_equal(w.text[0], "--skip-incomplete: left out 1 model with an empty value: b");
	pool_free(&p);
	/* a full memory column keeps its memory, needed or not */
	f = put(d, "full.csv", "model,cost,accuracy,memory\na,1,50,10\nb,2,70,3\n");
	s = spec_of(NULL);
	assert_int_equal(pool_load_tables(&f, 1, &s, &p, &w, &m), ST_OK);
	assert_true(p.has_memory && p.models[1].memory == 3);
	pool_free(&p);
	/* a malformed memory cell is an error even without a limit */
	f = put(d, "bad.csv", "model,cost,accuracy,memory\na,1,50,10\nb,2,70,x\n");
	assert_int_equal(pool_load_tables(&f, 1, &s, &p, &w, &m), ST_DATA);
	assert_non_null(strstr(m.text, "bad.csv:3: column 'memory': \"x\" is not a number"));
	/* joined: the memory comes from a file with a gap */
	const char *g[2] = {
		put(d, "g1.csv", "model,cost,accuracy\na,1,50\nb,2,70\n"),
		put(d, "g2.csv", "model,memory\na,\nb,4\n"),
	};
	assert_int_equal(pool_load_tables(g, 2, &s, &p, &w, &m), ST_OK);
	assert_int_equal(p.n, 2);
	assert_false(p.has_memory);
	pool_free(&p);
	s.memory_needed = true;
	assert_int_equal(pool_load_tables(g, 2, &s, &p, &w, &m), ST_DATA);
	assert_non_null(strstr(m.text, "g2.csv:2: column 'memory': empty value"));
}

/* ---- several tables ---- */

static void test_join(void **state)
{
	struct dir *d = *state;
	const char *f[2] = {
		put(d, "results.csv", ZOO),
		put(d, "energy.csv", "name,mj\nvit_base_patch16_224,410\nresnet18,52.5\n"
		    "mobilenetv3_small_100,3.1\n"),
	};
	struct pool_spec s = spec_of("cost=mj,accuracy=top1");
	struct pool p;
	struct pool_warnings w;
	struct status_msg m;
	assert_int_equal(pool_load_tables(f, 2, &s, &p, &w, &m), ST_OK);
	assert_int_equal(p.n, 3);
	assert_int_equal(w.n, 0);
	/* the first file's order, each key from the file that has it */
	assert_string_equal(p.models[1].name, "mobilenetv3_small_100");
	assert_true(p.models[1].cost == 3.1 && p.models[1].accuracy == 67.67);
	assert_true(find(&p, "vit_base_patch16_224")->cost == 410);
	assert_non_null(strstr(p.source, "results.csv + "));
	pool_free(&p);
}

static void test_join_column_in_two_files(void **state)
{
	struct dir *d = *state;
	const char *f[2] = {
		put(d, "a.csv", "model,cost,accuracy\nx,1,50\ny,2,60\n"),
		put(d, "b.csv", "model,energy\nx,10\ny,20\n"),
	};
	struct pool p;
	struct pool_warnings w;
	struct status_msg m;
	assert_int_equal(pool_load_tables(f, 2, NULL, &p, &w, &m), ST_DATA);
	assert_non_null(strstr(m.text, "the cost is in two files: column 'cost' of "));
	assert_non_null(strstr(m.text, "/b.csv (pick one with --columns cost=b.csv:energy)"));
	/* the mapping picks one: by base name ... */
	struct pool_spec s = spec_of("cost=b.csv:energy");
	assert_int_equal(pool_load_tables(f, 2, &s, &p, &w, &m), ST_OK);
	assert_true(find(&p, "y")->cost == 20);
	pool_free(&p);
	/* ... or by the path as typed */
	char map[200];
	snprintf(map, sizeof map, "cost=%s:cost", f[0]);
	s = spec_of(map);
	assert_int_equal(pool_load_tables(f, 2, &s, &p, &w, &m), ST_OK);
	assert_true(find(&p, "y")->cost == 2);
	pool_free(&p);
	/* a FILE: that names no file, and no column of the whole name: a usage error */
	s = spec_of("cost=c.csv:energy");
	assert_int_equal(pool_load_tables(f, 2, &s, &p, &w, &m), ST_USAGE);
	assert_non_null(strstr(m.text, "--columns cost=c.csv:energy: 'c.csv' is not one of the "
			       "input files"));
	assert_int_equal(pool_load_tables(f, 1, &s, &p, &w, &m), ST_USAGE);
	assert_non_null(strstr(m.text, "'c.csv' is not one of the input files"));
	s = spec_of("name=c.csv:model");
	assert_int_equal(pool_load_tables(f, 1, &s, &p, &w, &m), ST_USAGE);
	assert_non_null(strstr(m.text, "--columns name=c.csv:model: 'c.csv' is not one of the "
			       "input files"));
	/* a key no file has */
	const char *g[2] = { f[1], put(d, "c.csv", "model,top1\nx,1\ny,2\n") };
	assert_int_equal(pool_load_tables(g, 2, NULL, &p, &w, &m), ST_DATA);
	assert_non_null(strstr(m.text, "no file has a column 'accuracy', 'performance' or "
			       "'score'; map one with --columns accuracy=FILE:COLUMN"));
}

static void test_join_missing_models(void **state)
{
	struct dir *d = *state;
	const char *f[2] = {
		put(d, "acc.csv", "model,accuracy\na,50\nb,60\nc,70\nd,80\ne,90\n"),
		put(d, "cost.csv", "model,cost\ne,5\nc,3\nz,9\na,1\n"),
	};
	struct pool_spec s = spec_of(NULL);
	struct pool p;
	struct pool_warnings w;
	struct status_msg m;
	assert_int_equal(pool_load_tables(f, 2, &s, &p, &w, &m), ST_OK);
	assert_int_equal(p.n, 3);
	assert_string_equal(p.models[0].name, "a");
	assert_string_equal(p.models[2].name, "e");
	assert_true(p.models[2].cost == 5 && p.models[2].accuracy == 90);
	assert_int_equal(w.n, 1);
	assert_non_null(strstr(w.text[0], "left out 3 models not in every file: b (not in "));
	assert_non_null(strstr(w.text[0], "cost.csv), d (not in "));
	assert_non_null(strstr(w.text[0], "z (not in "));
	assert_non_null(strstr(w.text[0], "(--strict makes this an error)"));
	pool_free(&p);
	s.strict = true;
	assert_int_equal(pool_load_tables(f, 2, &s, &p, &w, &m), ST_DATA);
	assert_non_null(strstr(m.text, "--strict: 3 models are not in every file: b (not in "));
	assert_int_equal(w.n, 0);
	assert_null(p.models);
	/* nothing in common */
	const char *g[2] = { f[0], put(d, "other.csv", "model,cost\nq,1\n") };
	s.strict = false;
	assert_int_equal(pool_load_tables(g, 2, &s, &p, &w, &m), ST_DATA);
	assert_non_null(strstr(m.text, "no model is in every file"));
}

static void test_selection(void **state)
{
	struct dir *d = *state;
	const char *f = put(d, "zoo.csv", ZOO);
	struct pool_spec s = spec_of("cost=infer_gmacs,accuracy=top1");
	struct pool p;
	struct status_msg m;
	s.exclude = "vit_*";
	assert_int_equal(pool_load_tables(&f, 1, &s, &p, NULL, &m), ST_OK);
	assert_int_equal(p.n, 2);
	pool_free(&p);
	s.only = "mobile*";
	assert_int_equal(pool_load_tables(&f, 1, &s, &p, NULL, &m), ST_OK);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.models[0].name, "mobilenetv3_small_100");
	pool_free(&p);
	s.only = "efficientnet*";
	s.exclude = NULL;
	assert_int_equal(pool_load_tables(&f, 1, &s, &p, NULL, &m), ST_USAGE);
	assert_non_null(strstr(m.text, "--only 'efficientnet*': selects none of the 3 models in "));
	/* an unselected row's bad cell does not matter: it is never read */
	f = put(d, "partly_bad.csv", "model,cost,accuracy\nok,1,50\nbad,x,60\n");
	s = spec_of(NULL);
	s.exclude = "bad";
	assert_int_equal(pool_load_tables(&f, 1, &s, &p, NULL, &m), ST_OK);
	assert_int_equal(p.n, 1);
	pool_free(&p);
}

static void test_skip_incomplete(void **state)
{
	struct dir *d = *state;
	const char *f = put(d, "holes.csv", "model,cost,accuracy\na,1,50\nb,,60\nc,3,\n"
			    "d,4,80\ne, ,1\nf,,2\n");
	struct pool_spec s = spec_of(NULL);
	struct pool p;
	struct pool_warnings w;
	struct status_msg m;
	assert_int_equal(pool_load_tables(&f, 1, &s, &p, &w, &m), ST_DATA);
	assert_non_null(strstr(m.text, "holes.csv:3: column 'cost': empty value"));
	s.skip_incomplete = true;
	assert_int_equal(pool_load_tables(&f, 1, &s, &p, &w, &m), ST_OK);
	assert_int_equal(p.n, 2);
	assert_int_equal(w.n, 1);
	assert_string_equal(w.text[0], "--skip-incomplete: left out 4 models with an empty value: "
			    "b, c, e and 1 more");
	pool_free(&p);
	/* a bad (not empty) cell is still an error */
	f = put(d, "holes2.csv", "model,cost,accuracy\na,1,50\nb,,60\nc,oops,1\n");
	assert_int_equal(pool_load_tables(&f, 1, &s, &p, &w, &m), ST_DATA);
	assert_non_null(strstr(m.text, "holes2.csv:4: column 'cost': \"oops\" is not a number"));
	/* a model skipped in one table is not also "missing" from the join */
	const char *g[2] = {
		put(d, "j1.csv", "model,accuracy\na,1\nb,\nc,3\n"),
		put(d, "j2.csv", "model,cost\na,1\nb,2\nc,3\n"),
	};
	assert_int_equal(pool_load_tables(g, 2, &s, &p, &w, &m), ST_OK);
	assert_int_equal(p.n, 2);
	assert_int_equal(w.n, 1);
	assert_string_equal(w.text[0], "--skip-incomplete: left out 1 model with an empty value: b");
	pool_free(&p);
	/* every row empty */
	f = put(d, "allholes.csv", "model,cost,accuracy\na,,1\n");
	assert_int_equal(pool_load_tables(&f, 1, &s, &p, &w, &m), ST_DATA);
	assert_non_null(strstr(m.text, "every row has an empty value (--skip-incomplete left out "
			       "all 1)"));
}

static void test_paths(void **state)
{
	struct dir *d = *state;
	const char *f = put(d, "p.csv", "model,cost,accuracy\na,1,50\n");
	const char *twice[2] = { f, f };
	const char *missing = "/nonexistent/dir/x.csv";
	struct pool p;
	struct status_msg m;
	assert_int_equal(pool_load_tables(twice, 2, NULL, &p, NULL, &m), ST_USAGE);
	assert_non_null(strstr(m.text, "the same file given twice"));
	assert_int_equal(pool_load_tables(&missing, 1, NULL, &p, NULL, &m), ST_INPUT);
	assert_string_equal(m.text, "/nonexistent/dir/x.csv: cannot open: No such file or "
			    "directory");
	assert_int_equal(pool_load_tables(&f, 0, NULL, &p, NULL, &m), ST_USAGE);
	/* two files of the same base name: FILE: must be the path as typed */
	char sub[128];
	snprintf(sub, sizeof sub, "%s/sub", d->path);
	assert_int_equal(mkdir(sub, 0700), 0);
	const char *g[2] = { f, put(d, "sub/p.csv", "model,mj\na,3\n") };
	struct pool_spec s = spec_of("cost=p.csv:mj");
	assert_int_equal(pool_load_tables(g, 2, &s, &p, NULL, &m), ST_USAGE);
	assert_non_null(strstr(m.text, "'p.csv' names more than one file"));
	char map[200];
	snprintf(map, sizeof map, "cost=%s:mj", g[1]);
	s = spec_of(map);
	assert_int_equal(pool_load_tables(g, 2, &s, &p, NULL, &m), ST_OK);
	assert_true(p.models[0].cost == 3);
	pool_free(&p);
	unlink(g[1]);
	d->n--;
	rmdir(sub);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_parse),
		cmocka_unit_test(test_globs),
		cmocka_unit_test_setup_teardown(test_mapping_one_file, dir_setup, dir_teardown),
		cmocka_unit_test_setup_teardown(test_memory_empty_cell, dir_setup, dir_teardown),
		cmocka_unit_test_setup_teardown(test_memory_values, dir_setup, dir_teardown),
		cmocka_unit_test_setup_teardown(test_join, dir_setup, dir_teardown),
		cmocka_unit_test_setup_teardown(test_join_column_in_two_files, dir_setup,
						dir_teardown),
		cmocka_unit_test_setup_teardown(test_join_missing_models, dir_setup, dir_teardown),
		cmocka_unit_test_setup_teardown(test_selection, dir_setup, dir_teardown),
		cmocka_unit_test_setup_teardown(test_skip_incomplete, dir_setup, dir_teardown),
		cmocka_unit_test_setup_teardown(test_paths, dir_setup, dir_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
