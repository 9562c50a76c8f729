/* test_pool.c - loading valid tables (quoting, encodings, limits, streams); normalise, copy. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "optdeploy/core/pool.h"

#define HDR "model,cost,accuracy\n"

/* ---- helpers ---- */

static void load_ok(struct pool *p, const char *csv)
{
	struct status_msg m;
	enum status st = pool_load_buffer(p, "x.csv", csv, strlen(csv), &m);
	if (st != ST_OK)
		fail_msg("loading failed: %s", m.text);
	assert_string_equal(m.text, "");
}

static const struct model *find(const struct pool *p, const char *name)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->models[i].name, name) == 0)
			return &p->models[i];
	fail_msg("model '%s' not in the pool", name);
	return NULL;
}

/* A CSV of n rows "m<i>,<i % 1000>,<i % 97>" after the header. */
static char *many_rows(size_t n, size_t *len)
{
	char *buf = malloc(32 + n * 32);
	assert_non_null(buf);
	size_t o = (size_t)sprintf(buf, HDR);
	for (size_t i = 0; i < n; i++)
		o += (size_t)sprintf(buf + o, "m%zu,%zu,%zu\n", i, i % 1000, i % 97);
	*len = o;
	return buf;
}

/* ---- what must load ---- */

static void test_basic_values_and_default_load_cost(void **state)
{
	struct pool p;
	(void)state;
	load_ok(&p, HDR "svm,100,96.33\ncnn,85.98,91.95\n");
	assert_int_equal(p.n, 2);
	assert_string_equal(p.source, "x.csv");
	assert_string_equal(p.models[0].name, "svm");
	assert_string_equal(p.models[1].name, "cnn");
	assert_true(p.models[1].cost == 85.98);
	assert_true(p.models[0].accuracy == 96.33);
	assert_true(p.models[0].load_cost == 1.0 && p.models[1].load_cost == 1.0);
	assert_true(p.cost_scale == 1.0);
	pool_free(&p);
}

static void test_load_cost_explicit(void **state)
{
	struct pool p;
	(void)state;
	load_ok(&p, "model,cost,accuracy,load_cost\na,1,2,0\nb,3,4,2.5\n");
	assert_true(find(&p, "a")->load_cost == 0.0);
	assert_true(find(&p, "b")->load_cost == 2.5);
	pool_free(&p);
}

static void test_aliases_case_and_spaces(void **state)
{
	struct pool p;
	(void)state;
	load_ok(&p, " NAME ,\tEnergy ,\"PERFORMANCE\"\na,1,2\n");
	assert_true(find(&p, "a")->cost == 1.0 && find(&p, "a")->accuracy == 2.0);
	pool_free(&p);
	load_ok(&p, "Model,COST,Score,Load_Cost\nb,3,4,5\n");
	assert_true(find(&p, "b")->accuracy == 4.0 && find(&p, "b")->load_cost == 5.0);
	pool_free(&p);
}

static void test_extra_columns_in_any_order(void **state)
{
	struct pool p;
	(void)state;
	load_ok(&p, "acc5,accuracy,gflops,model,params_m,cost\n"
		    "89.078,69.758,1.81,resnet18,11.7,18.4\n92.862,76.13,4.09,resnet50,25.6,55.05\n");
	assert_int_equal(p.n, 2);
	assert_true(find(&p, "resnet18")->cost == 18.4);
	assert_true(find(&p, "resnet50")->accuracy == 76.13);
	pool_free(&p);
}

static void test_quoting(void **state)
{
	struct pool p;
	(void)state;
	load_ok(&p, "model,cost,accuracy,notes\n"
		    "\"a, b\",1,2,\"x\"\n"
		    "\"say \"\"hi\"\"\",\"3\",\"4\",\"line one\nline two\r\n# not a comment\"\n"
		    "  \" c \"  ,5,6,\"\"\n");
	assert_int_equal(p.n, 3);
	assert_string_equal(p.models[0].name, "a, b");
	assert_string_equal(p.models[1].name, "say \"hi\"");
	assert_true(p.models[1].cost == 3.0 && p.models[1].accuracy == 4.0);
	assert_string_equal(p.models[2].name, "c");
	pool_free(&p);
}

static void test_bom_crlf_comments_blank_lines(void **state)
{
	struct pool p;
	(void)state;
	load_ok(&p, "\xef\xbb\xbf# benchmark\r\n\r\nmodel,cost,accuracy\r\n# first\r\n"
		    "  \t \r\nx,10,60\r\n\r\ny,100,90");
	assert_int_equal(p.n, 2);
	assert_string_equal(p.models[0].name, "x");
	assert_true(p.models[1].cost == 100.0 && p.models[1].accuracy == 90.0);
	pool_free(&p);
}

static void test_numbers_accepted(void **state)
{
	struct pool p;
	(void)state;
	load_ok(&p, HDR "a,-0,-0\nb,1e3,+7\nc,\" 12.5 \",.5\nd,5.,1E+2\ne,1,1e-400\n"
		    "f,000000000000000000000000000001,-3.25e1\n");
	assert_true(find(&p, "a")->cost == 0.0 && !signbit(find(&p, "a")->cost));
	assert_true(!signbit(find(&p, "a")->accuracy));
	assert_true(find(&p, "b")->cost == 1000.0 && find(&p, "b")->accuracy == 7.0);
	assert_true(find(&p, "c")->cost == 12.5 && find(&p, "c")->accuracy == 0.5);
	assert_true(find(&p, "d")->cost == 5.0 && find(&p, "d")->accuracy == 100.0);
	assert_true(find(&p, "e")->accuracy == 0.0);
	assert_true(find(&p, "f")->cost == 1.0 && find(&p, "f")->accuracy == -32.5);
	pool_free(&p);
}

static void test_valid_edge_pools(void **state)
{
	struct pool p;
	(void)state;
	load_ok(&p, HDR "free,0,50\nb,20,80\n");
	assert_true(find(&p, "free")->cost == 0.0);
	assert_int_equal(pool_cheapest(&p), 0);
	pool_free(&p);
	load_ok(&p, HDR "a,50,70\nb,50,80\nc,50,75\n");
	assert_int_equal(pool_cheapest(&p), 1);       /* equal cost: higher accuracy */
	assert_true(pool_max_cost(&p) == 50.0);
	pool_free(&p);
	load_ok(&p, HDR "only,40,90");
	assert_int_equal(p.n, 1);
	assert_int_equal(pool_cheapest(&p), 0);
	assert_int_equal(pool_most_accurate(&p), 0);
	pool_free(&p);
}

static void test_utf8_names_and_length_limit(void **state)
{
	struct pool p;
	struct status_msg m;
	char csv[700];
	(void)state;
	load_ok(&p, HDR "caf\xc3\xa9,1,2\n\xe6\xa8\xa1\xe5\x9e\x8b,2,3\n\xf0\x9f\x9a\x80 rocket,3,4\n");
	assert_int_equal(p.n, 3);
	assert_string_equal(p.models[2].name, "\xf0\x9f\x9a\x80 rocket");
	pool_free(&p);

	int o = sprintf(csv, HDR);
	memset(csv + o, 'n', 256);
	strcpy(csv + o + 256, ",1,2\n");
	load_ok(&p, csv);
	assert_int_equal(strlen(p.models[0].name), 256);
	pool_free(&p);
	memset(csv + o, 'n', 257);
	strcpy(csv + o + 257, ",1,2\n");
	assert_int_equal(pool_load_buffer(&p, "x.csv", csv, strlen(csv), &m), ST_DATA);
	assert_string_equal(m.text, "x.csv:2: column 'model': model name is 257 bytes long "
			    "(limit 256)");
}

static void test_model_count_limit(void **state)
{
	struct pool p;
	struct status_msg m;
	size_t len;
	(void)state;
	char *csv = many_rows(100000, &len);
	assert_int_equal(pool_load_buffer(&p, "x.csv", csv, len, &m), ST_OK);
	assert_int_equal(p.n, 100000);
	assert_string_equal(p.models[99999].name, "m99999");
	assert_true(p.models[99999].cost == 999.0 && p.models[99999].accuracy == 99999 % 97);
	pool_free(&p);
	free(csv);
	csv = many_rows(1000000, &len);
	assert_int_equal(pool_load_buffer(&p, "x.csv", csv, len, &m), ST_DATA);
	assert_string_equal(m.text, "x.csv:100002: too many models (limit 100000)");
	free(csv);
}

static void test_huge_fields(void **state)
{
	const size_t big = 1 << 20;
	struct pool p;
	struct status_msg m;
	char *csv = malloc(big + 300);
	(void)state;
	assert_non_null(csv);
	/* a field just under the 1 MB line cap in an ignored column is fine */
	int o = sprintf(csv, "model,cost,accuracy,notes\na,1,2,\"");
	memset(csv + o, 'x', big - 64);
	strcpy(csv + o + big - 64, "\"\nb,2,3,y\n");
	load_ok(&p, csv);
	assert_int_equal(p.n, 2);
	pool_free(&p);
	/* a long name or number is refused with a short message */
	o = sprintf(csv, HDR);
	memset(csv + o, 'n', big - 64);
	strcpy(csv + o + big - 64, ",1,2\n");
	assert_int_equal(pool_load_buffer(&p, "x.csv", csv, strlen(csv), &m), ST_DATA);
	assert_string_equal(m.text, "x.csv:2: column 'model': model name is 1048512 bytes long "
			    "(limit 256)");
	o = sprintf(csv, HDR "a,");
	memset(csv + o, '1', big - 64);
	strcpy(csv + o + big - 64, ",2\n");
	assert_int_equal(pool_load_buffer(&p, "x.csv", csv, strlen(csv), &m), ST_DATA);
	assert_string_equal(m.text, "x.csv:2: column 'cost': \"1111111111111111111111111111111111111111"
			    "\"... (1048512 bytes) is not a number");
	/* a line over 1 MB, and a quoted field spanning lines, are refused where they start */
	o = sprintf(csv, HDR "a,1,");
	memset(csv + o, '2', big);
	strcpy(csv + o + big, "\n");
	assert_int_equal(pool_load_buffer(&p, "x.csv", csv, strlen(csv), &m), ST_DATA);
	assert_string_equal(m.text, "x.csv:2: line longer than 1048576 bytes (1 MB): not a "
			    "table of models");
	o = sprintf(csv, HDR "a,1,2\n\"");
	for (size_t i = 0; i < big + 100; i++)
		csv[o + i] = i % 100 == 99 ? '\n' : 'q';
	csv[o + big + 100] = '\0';
	assert_int_equal(pool_load_buffer(&p, "x.csv", csv, strlen(csv), &m), ST_DATA);
	assert_string_equal(m.text, "x.csv:3: field 1: quoted field longer than 1048576 bytes "
			    "(1 MB; is a closing quote missing?)");
	free(csv);
}

static void test_long_lines_and_read_blocks(void **state)
{
	const size_t big = 200000;
	struct pool p;
	struct status_msg m;
	size_t len;
	(void)state;
	/* a comment line and a multi-line quoted field, each longer than one read */
	char *csv = malloc(2 * big + 200);
	assert_non_null(csv);
	csv[0] = '#';
	memset(csv + 1, ',', big);
	int o = (int)big + 1 + sprintf(csv + big + 1, "\nmodel,notes,cost,accuracy\na,\"");
	memset(csv + o, '\n', big);
	strcpy(csv + o + big, "\",1,2\nb,x,2,nan\n");
	assert_int_equal(pool_load_buffer(&p, "x.csv", csv, strlen(csv), &m), ST_DATA);
	assert_string_equal(m.text, "x.csv:200004: column 'accuracy': \"nan\" is not a number");
	free(csv);
	/* a stream read in many blocks: the line count carries across them */
	csv = many_rows(50000, &len);
	FILE *fp = tmpfile();
	assert_non_null(fp);
	assert_int_equal(fwrite(csv, 1, len, fp), len);
	fputs("m7,1,2\n", fp);
	rewind(fp);
	assert_int_equal(pool_load_stream(&p, "big.csv", fp, &m), ST_DATA);
	assert_string_equal(m.text, "big.csv:50002: column 'model': duplicate model 'm7' (first on "
			    "line 9)");
	fclose(fp);
	free(csv);
}

static void test_stream_on_tmpfile(void **state)
{
	struct pool p;
	struct status_msg m;
	FILE *fp = tmpfile();
	(void)state;
	assert_non_null(fp);
	fputs(HDR "a,1,2\nb,2,3\n", fp);
	rewind(fp);
	assert_int_equal(pool_load_stream(&p, "<stdin>", fp, &m), ST_OK);
	assert_int_equal(p.n, 2);
	assert_string_equal(p.source, "<stdin>");
	pool_free(&p);
	rewind(fp);
	fputs(HDR "a,1,2\nb,2,x\n", fp);
	rewind(fp);
	assert_int_equal(pool_load_stream(&p, "<stdin>", fp, &m), ST_DATA);
	assert_string_equal(m.text, "<stdin>:3: column 'accuracy': \"x\" is not a number");
	fclose(fp);
}

static void test_load_file_dash_reads_stdin(void **state)
{
	char path[] = "/tmp/test_pool_XXXXXX";
	struct pool p;
	struct status_msg m;
	(void)state;
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	const char *csv = HDR "a,1,2\nb,-1,3\n";
	assert_true(write(fd, csv, strlen(csv)) == (ssize_t)strlen(csv));
	close(fd);
	assert_non_null(freopen(path, "r", stdin));
	assert_int_equal(pool_load_file(&p, "-", &m), ST_DATA);
	assert_string_equal(m.text, "<stdin>:3: column 'cost': \"-1\" is negative (a cost must be >= 0)");
	unlink(path);
}

static void test_bundled_uci_har(void **state)
{
	struct pool p;
	struct status_msg m;
	(void)state;
	assert_int_equal(pool_load_file(&p, "data/uci_har.csv", &m), ST_OK);
	assert_int_equal(p.n, 5);
	assert_string_equal(p.source, "data/uci_har.csv");
	assert_true(find(&p, "svm")->cost == 100.0 && find(&p, "svm")->accuracy == 96.33);
	assert_true(find(&p, "decision_tree")->cost == 59.01);
	assert_string_equal(p.models[pool_cheapest(&p)].name, "decision_tree");
	assert_string_equal(p.models[pool_most_accurate(&p)].name, "svm");
	assert_true(pool_max_cost(&p) == 100.0);
	pool_free(&p);
}

static void test_bundled_imagenet(void **state)
{
	struct pool p;
	struct status_msg m;
	(void)state;
	assert_int_equal(pool_load_file(&p, "data/imagenet_paper.csv", &m), ST_OK);
	assert_int_equal(p.n, 9);
	assert_string_equal(p.models[0].name, "shufflenet_v2_x0_5");
	assert_true(p.models[0].cost == 10.2 && p.models[0].accuracy == 60.36);
	assert_true(find(&p, "se_resnet101")->accuracy == 78.396);
	assert_string_equal(p.models[pool_most_accurate(&p)].name, "se_resnet101");
	assert_string_equal(p.models[pool_cheapest(&p)].name, "shufflenet_v2_x0_5");
	pool_free(&p);
}

static void test_normalize(void **state)
{
	struct pool p;
	struct status_msg m;
	(void)state;
	load_ok(&p, HDR "a,2,1\nb,4,3\nc,8,2\n");
	assert_int_equal(pool_normalize(&p, &m), ST_OK);
	assert_true(p.models[0].cost == 50.0 && p.models[1].cost == 100.0 &&
		    p.models[2].cost == 200.0);
	assert_true(p.cost_scale == 25.0);
	assert_int_equal(pool_normalize(&p, &m), ST_OK);   /* already normalised: no change */
	assert_true(p.models[2].cost == 200.0 && p.cost_scale == 25.0);
	pool_free(&p);

	load_ok(&p, HDR "a,4,3\nb,2,3\nc,1,1\n");          /* tie on accuracy: cheaper wins */
	assert_int_equal(pool_most_accurate(&p), 1);
	assert_int_equal(pool_normalize(&p, &m), ST_OK);
	assert_true(p.models[1].cost == 100.0 && p.models[0].cost == 200.0 &&
		    p.models[2].cost == 50.0);
	pool_free(&p);

	load_ok(&p, HDR "a,4,1\nb,0,3\n");
	assert_int_equal(pool_normalize(&p, &m), ST_DATA);
	assert_string_equal(m.text, "x.csv: cannot normalise costs: the most accurate model 'b' "
			    "has cost 0");
	assert_true(p.models[0].cost == 4.0 && p.cost_scale == 1.0);
	pool_free(&p);

	load_ok(&p, HDR "a,1e290,1\nb,1e289,2\n");       /* c * 100 alone would be too big */
	assert_int_equal(pool_normalize(&p, &m), ST_OK);
	assert_true(fabs(p.models[0].cost - 1000.0) < 1e-9 && p.models[1].cost == 100.0);
	pool_free(&p);
	load_ok(&p, HDR "a,1e290,1\nb,1e-300,2\n");
	assert_int_equal(pool_normalize(&p, &m), ST_DATA);
	assert_string_equal(m.text, "x.csv: cannot normalise costs: model 'a' would cost more "
			    "than 1e+290 (the largest cost)");
	assert_true(p.models[0].cost == 1e290);
	pool_free(&p);
}

static void test_normalize_bundled_is_identity(void **state)
{
	struct pool p, orig;
	struct status_msg m;
	(void)state;
	assert_int_equal(pool_load_file(&p, "data/imagenet_paper.csv", &m), ST_OK);
	assert_int_equal(pool_copy(&orig, &p, &m), ST_OK);
	assert_int_equal(pool_normalize(&p, &m), ST_OK);
	for (size_t i = 0; i < p.n; i++)
		assert_true(fabs(p.models[i].cost - orig.models[i].cost) <= 1e-12 * orig.models[i].cost);
	assert_true(p.cost_scale == 1.0);
	pool_free(&p);
	pool_free(&orig);
}

static void test_copy_is_deep(void **state)
{
	struct pool p, q;
	struct status_msg m;
	(void)state;
	load_ok(&p, "model,cost,accuracy,load_cost\na,1,2,3\nbb,4,5,6\n");
	assert_int_equal(pool_normalize(&p, &m), ST_OK);
	assert_int_equal(pool_copy(&q, &p, &m), ST_OK);
	assert_int_equal(q.n, 2);
	assert_true(q.models != p.models && q.source != p.source);
	assert_true(q.models[1].name != p.models[1].name);
	assert_string_equal(q.source, "x.csv");
	assert_true(q.cost_scale == p.cost_scale);
	assert_true(memcmp(&q.models[1].cost, &p.models[1].cost, 3 * sizeof(double)) == 0);
	pool_free(&p);
	assert_string_equal(q.models[1].name, "bb");     /* still valid after the original is gone */
	assert_true(q.models[0].load_cost == 3.0);
	pool_free(&q);
	pool_free(&q);                                   /* freeing an empty pool is harmless */
	assert_null(q.models);
}

static void test_queries_and_ties(void **state)
{
	struct pool p;
	(void)state;
	load_ok(&p, HDR "a,5,70\nb,3,60\nc,3,65\nd,9,80\ne,7,80\n");
	assert_int_equal(pool_cheapest(&p), 2);         /* cost 3: higher accuracy wins */
	assert_int_equal(pool_most_accurate(&p), 4);    /* accuracy 80: lower cost wins */
	assert_true(pool_max_cost(&p) == 9.0);
	pool_free(&p);
}

int main(void)
{
	const struct CMUnitTest good[] = {
		cmocka_unit_test(test_basic_values_and_default_load_cost),
		cmocka_unit_test(test_load_cost_explicit),
		cmocka_unit_test(test_aliases_case_and_spaces),
		cmocka_unit_test(test_extra_columns_in_any_order),
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_bom_crlf_comments_blank_lines),
		cmocka_unit_test(test_numbers_accepted),
		cmocka_unit_test(test_valid_edge_pools),
		cmocka_unit_test(test_utf8_names_and_length_limit),
		cmocka_unit_test(test_model_count_limit),
		cmocka_unit_test(test_huge_fields),
		cmocka_unit_test(test_long_lines_and_read_blocks),
		cmocka_unit_test(test_stream_on_tmpfile),
		cmocka_unit_test(test_load_file_dash_reads_stdin),
		cmocka_unit_test(test_bundled_uci_har),
		cmocka_unit_test(test_bundled_imagenet),
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_normalize_bundled_is_identity),
		cmocka_unit_test(test_copy_is_deep),
		cmocka_unit_test(test_queries_and_ties),
	};
	return cmocka_run_group_tests_name("pool", good, NULL, NULL);
}
