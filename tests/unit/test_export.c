/* test_export.c - policy and sweep CSV: headers, exact round trips, quoting, atomic file writes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <csv.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "optdeploy/core/export.h"

#define POLICY_HEADER "model,cost,accuracy,load_cost,count,share,budget,k,lambda," \
	"expected_accuracy,expected_cost,objective,status"
#define SWEEP_HEADER "budget,model,count,share,expected_accuracy,expected_cost,objective,status"
#define MAX_ROWS 512
#define MAX_FIELDS 16

/*
 * Names that need quoting: comma, quote, line break, leading '#', and a plain
 * one.  The loader refuses control characters, so the line break is put into
 * the third name after loading (the writer must not rely on that check).
 */
static const char POOL_CSV[] =
	"model,cost,accuracy,load_cost\n"
	"\"tree, pruned\",59.01,84.66,1\n"
	"\"say \"\"hi\"\"\",79.18,82.99,0.5\n"
	"two_lines,81.29,89.27,2\n"
	"\"#hash\",85.98,91.95,1.25\n"
	"svm,100,96.33,1\n";

/* ---- a CSV table read back with libcsv ---- */

struct table {
	char *f[MAX_ROWS][MAX_FIELDS];
	size_t nf[MAX_ROWS];
	size_t rows;
	int overflow;
};

static void on_field(void *s, size_t len, void *data)
{
	struct table *t = data;
	size_t r = t->rows, c = t->nf[r];
	if (r >= MAX_ROWS - 1 || c >= MAX_FIELDS) {
		t->overflow = 1;
		return;
	}
	t->f[r][c] = malloc(len + 1);
	assert_non_null(t->f[r][c]);
	memcpy(t->f[r][c], s, len);
	t->f[r][c][len] = '\0';
	t->nf[r]++;
}

static void on_record(int c, void *data)
{
	struct table *t = data;
	(void)c;
	if (t->rows < MAX_ROWS - 1)
		t->rows++;
	else
		t->overflow = 1;
}

static struct table *parse_csv(const char *text, size_t len)
{
	struct table *t = calloc(1, sizeof *t);
	struct csv_parser p;
	assert_non_null(t);
	assert_int_equal(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI), 0);
	assert_int_equal(csv_parse(&p, text, len, on_field, on_record, t), len);
	assert_int_equal(csv_fini(&p, on_field, on_record, t), 0);
	csv_free(&p);
	assert_false(t->overflow);
	return t;
}

static void table_free(struct table *t)
{
	for (size_t r = 0; r <= t->rows && r < MAX_ROWS; r++)
		for (size_t c = 0; c < t->nf[r]; c++)
			free(t->f[r][c]);
	free(t);
}

/* The field's number must have exactly the bits of want (+0 for -0). */
static void assert_number(const char *field, double want)
{
	char *end;
	if (want == 0)
		want = 0;
	errno = 0;
	double got = strtod(field, &end);
	if (field[0] == '\0' || *end != '\0' || memcmp(&got, &want, sizeof got) != 0)
		fail_msg("field \"%s\" does not read back as %.17g", field, want);
}

static void assert_integer(const char *field, long long want)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", want);
	assert_string_equal(field, buf);
}

/* ---- fixtures ---- */

struct fixture {
	struct pool pool;
	struct policy pol;
};

static struct fixture *make_fixture(void)
{
	struct fixture *fx = calloc(1, sizeof *fx);
	struct status_msg m;
	assert_non_null(fx);
	if (pool_load_buffer(&fx->pool, "pool.csv", POOL_CSV, sizeof POOL_CSV - 1, &m) != ST_OK)
		fail_msg("%s", m.text);
	free(fx->pool.models[2].name);
	fx->pool.models[2].name = strdup("two\nlines");
	assert_non_null(fx->pool.models[2].name);
	assert_int_equal(fx->pool.n, 5);
	assert_int_equal(policy_init(&fx->pol, fx->pool.n, &m), ST_OK);
	fx->pol.params = solve_params_default();
	fx->pol.params.budget = 77.7;
	fx->pol.params.k = 1000;
	fx->pol.params.lambda = 0.1 * 1000;
	fx->pol.count[0] = 333;
	fx->pol.count[2] = 1;
	fx->pol.count[4] = 666;
	fx->pol.outcome = SOLVE_OPTIMAL;
	policy_evaluate(&fx->pol, &fx->pool);
	return fx;
}

static void free_fixture(struct fixture *fx)
{
	policy_free(&fx->pol);
	pool_free(&fx->pool);
	free(fx);
}

/* Export a policy (or, when pol is NULL, a sweep) into memory; the caller frees the text. */
static char *export_text(const struct pool *pool, const struct policy *pol,
			 const struct sweep *sw, size_t *len)
{
	char *buf = NULL;
	struct status_msg m;
	FILE *fp = open_memstream(&buf, len);
	assert_non_null(fp);
	enum status st = pol != NULL ? export_policy_stream(fp, "mem", pool, pol, &m)
				     : export_sweep_stream(fp, "mem", sw, &m);
	assert_int_equal(st, ST_OK);
	assert_int_equal(fclose(fp), 0);
	return buf;
}

#define policy_text(pool, pol, len) export_text((pool), (pol), NULL, (len))
#define sweep_text(sw, len) export_text((sw)->pool, NULL, (sw), (len))

static void assert_first_line(const char *text, const char *header)
{
	size_t hl = strlen(header);
	assert_true(strncmp(text, header, hl) == 0);
	assert_int_equal(text[hl], '\n');
}

/* Every field of a policy row against the structs it came from. */
static void check_policy_row(char **f, size_t nf, const struct model *md, const struct policy *pol,
			     size_t i)
{
	assert_int_equal(nf, 13);
	assert_string_equal(f[0], md->name);
	assert_number(f[1], md->cost);
	assert_number(f[2], md->accuracy);
	assert_number(f[3], md->load_cost);
	if (policy_has_counts(pol)) {
		assert_integer(f[4], pol->count[i]);
		assert_number(f[5], (double)pol->count[i] / (double)pol->params.k);
		assert_number(f[9], pol->expected_accuracy);
		assert_number(f[10], pol->expected_cost);
		assert_number(f[11], pol->objective);
	} else {
		assert_string_equal(f[4], "");
		assert_string_equal(f[5], "");
		assert_string_equal(f[9], "");
		assert_string_equal(f[10], "");
		assert_string_equal(f[11], "");
	}
	if (pol->params.mode == SOLVE_MAX_ACCURACY)
		assert_number(f[6], pol->params.budget);
	else
		assert_string_equal(f[6], "");
	assert_integer(f[7], pol->params.k);
	assert_number(f[8], pol->params.lambda);
	assert_string_equal(f[12], solve_outcome_name(pol->outcome));
}

static void check_policy_export(const struct pool *pool, const struct policy *pol)
{
	size_t len;
	char *text = policy_text(pool, pol, &len);
	assert_first_line(text, POLICY_HEADER);
	assert_null(memchr(text, '\r', len));
	assert_int_equal(text[len - 1], '\n');
	struct table *t = parse_csv(text, len);
	assert_int_equal(t->rows, 1 + pool->n);
	assert_int_equal(t->nf[0], 13);
	for (size_t i = 0; i < pool->n; i++)
		check_policy_row(t->f[i + 1], t->nf[i + 1], &pool->models[i], pol, i);
	table_free(t);
	free(text);
}

/* ---- policy CSV ---- */

static void test_policy_round_trip(void **state)
{
	(void)state;
	struct fixture *fx = make_fixture();
	assert_true(fx->pol.expected_accuracy > 0);
	check_policy_export(&fx->pool, &fx->pol);
	free_fixture(fx);
}

static void test_policy_quoting(void **state)
{
	(void)state;
	struct fixture *fx = make_fixture();
	size_t len;
	char *text = policy_text(&fx->pool, &fx->pol, &len);
	/* Quoted exactly where needed, plain otherwise. */
	assert_non_null(strstr(text, "\n\"tree, pruned\",59.01,"));
	assert_non_null(strstr(text, "\n\"say \"\"hi\"\"\",79.18,"));
	assert_non_null(strstr(text, "\n\"two\nlines\",81.29,"));
	assert_non_null(strstr(text, "\n\"#hash\",85.98,"));
	assert_non_null(strstr(text, "\nsvm,100,96.33,1,666,0.666,"));
	free(text);
	free_fixture(fx);
}

static void test_policy_numbers(void **state)
{
	(void)state;
	struct fixture *fx = make_fixture();
	/* Hard numbers in every numeric column: 17 digits, extremes, subnormals, -0, integers. */
	const double hard[] = {0.1 + 0.2, 1e-300, 4.9406564584124654e-324, 1.7976931348623157e308,
			       -0.0, 123456789012345678.0, -2.5e-310};
	for (size_t k = 0; k < sizeof hard / sizeof hard[0]; k++) {
		double h = hard[k];
		fx->pool.models[k % fx->pool.n].cost = h;
		fx->pool.models[(k + 1) % fx->pool.n].accuracy = -h;
		fx->pool.models[(k + 2) % fx->pool.n].load_cost = h;
		fx->pol.params.budget = h;
		fx->pol.params.lambda = h;
		fx->pol.expected_accuracy = -h;
		fx->pol.expected_cost = h;
		fx->pol.objective = h / 3;
		check_policy_export(&fx->pool, &fx->pol);
	}
	fx->pool.models[0].cost = -0.0;
	fx->pool.models[1].cost = 25;
	size_t len;
	char *text = policy_text(&fx->pool, &fx->pol, &len);
	assert_non_null(strstr(text, "\n\"tree, pruned\",0,"));
	assert_non_null(strstr(text, "\n\"say \"\"hi\"\"\",25,"));
	free(text);

	/* Random bit patterns (finite ones) read back bit for bit. */
	uint64_t x = 0x243F6A8885A308D3ULL;
	for (int trial = 0; trial < 200; trial++) {
		for (size_t i = 0; i < fx->pool.n; i++) {
			double v;
			do {
				x ^= x << 13;
				x ^= x >> 7;
				x ^= x << 17;
				memcpy(&v, &x, sizeof v);
			} while (!isfinite(v));
			fx->pool.models[i].accuracy = v;
		}
		check_policy_export(&fx->pool, &fx->pol);
	}
	free_fixture(fx);
}

static void test_policy_infeasible(void **state)
{
	(void)state;
	struct fixture *fx = make_fixture();
	fx->pol.outcome = SOLVE_INFEASIBLE;
	fx->pol.params.budget = 10;
	size_t len;
	char *text = policy_text(&fx->pool, &fx->pol, &len);
	assert_non_null(strstr(text, "\nsvm,100,96.33,1,,,10,1000,100,,,,infeasible\n"));
	free(text);
	check_policy_export(&fx->pool, &fx->pol);
	fx->pol.outcome = SOLVE_TIME_LIMIT;
	check_policy_export(&fx->pool, &fx->pol);
	free_fixture(fx);
}

static void test_policy_dual(void **state)
{
	(void)state;
	struct fixture *fx = make_fixture();
	fx->pol.params.mode = SOLVE_MIN_COST;
	fx->pol.params.min_accuracy = 90;
	policy_evaluate(&fx->pol, &fx->pool);
	size_t len;
	char *text = policy_text(&fx->pool, &fx->pol, &len);
	assert_non_null(strstr(text, "\nsvm,100,96.33,1,666,0.666,,1000,100,"));
	free(text);
	check_policy_export(&fx->pool, &fx->pol);
	free_fixture(fx);
}

static void test_policy_mismatch(void **state)
{
	(void)state;
	struct fixture *fx = make_fixture();
	struct status_msg m;
	fx->pol.n = 3;
	FILE *fp = fopen("/dev/null", "w");
	assert_non_null(fp);
	assert_int_equal(export_policy_stream(fp, "x.csv", &fx->pool, &fx->pol, &m), ST_INTERNAL);
	assert_non_null(strstr(m.text, "x.csv"));
	fclose(fp);
	fx->pol.n = fx->pool.n;
	free_fixture(fx);
}

static void test_stream_full_disk(void **state)
{
	(void)state;
	struct fixture *fx = make_fixture();
	struct status_msg m;
	FILE *fp = fopen("/dev/full", "w");
	if (fp == NULL)
		skip();
	assert_int_equal(export_policy_stream(fp, "/dev/full", &fx->pool, &fx->pol, &m), ST_OUTPUT);
	assert_string_equal(m.text, "/dev/full: cannot write: No space left on device");
	fclose(fp);
	free_fixture(fx);
}

/* ---- sweep CSV ---- */

struct sweep_fixture {
	struct fixture *fx;
	struct sweep sw;
};

static struct sweep_fixture *make_sweep(size_t levels)
{
	struct sweep_fixture *sf = calloc(1, sizeof *sf);
	struct status_msg m;
	assert_non_null(sf);
	sf->fx = make_fixture();
	sf->sw.pool = &sf->fx->pool;
	sf->sw.params = sf->fx->pol.params;
	sf->sw.from = 50;
	sf->sw.to = 100;
	sf->sw.n_levels = levels;
	sf->sw.levels = calloc(levels, sizeof *sf->sw.levels);
	assert_non_null(sf->sw.levels);
	for (size_t j = 0; j < levels; j++) {
		struct policy *p = &sf->sw.levels[j].policy;
		sf->sw.levels[j].budget = 50 + 50.0 * (double)j / (double)(levels - 1);
		assert_int_equal(policy_init(p, sf->fx->pool.n, &m), ST_OK);
		p->params = sf->sw.params;
		p->params.budget = sf->sw.levels[j].budget;
		p->outcome = j == 0 ? SOLVE_INFEASIBLE : SOLVE_OPTIMAL;
		p->count[j % sf->fx->pool.n] = 700;
		p->count[(j + 2) % sf->fx->pool.n] = 300;
		policy_evaluate(p, &sf->fx->pool);
	}
	sf->sw.done = levels;
	return sf;
}

static void free_sweep_fixture(struct sweep_fixture *sf)
{
	for (size_t j = 0; j < sf->sw.n_levels; j++)
		policy_free(&sf->sw.levels[j].policy);
	free(sf->sw.levels);
	free_fixture(sf->fx);
	free(sf);
}

static void check_sweep_rows(const struct sweep *sw, const struct table *t)
{
	const struct pool *pool = sw->pool;
	assert_int_equal(t->rows, 1 + sw->done * pool->n);
	for (size_t j = 0; j < sw->done; j++) {
		const struct policy *p = &sw->levels[j].policy;
		for (size_t i = 0; i < pool->n; i++) {
			char *const *f = t->f[1 + j * pool->n + i];
			assert_int_equal(t->nf[1 + j * pool->n + i], 8);
			assert_number(f[0], sw->levels[j].budget);
			assert_string_equal(f[1], pool->models[i].name);
			if (policy_has_counts(p)) {
				assert_integer(f[2], p->count[i]);
				assert_number(f[3], (double)p->count[i] / (double)p->params.k);
				assert_number(f[4], p->expected_accuracy);
				assert_number(f[5], p->expected_cost);
				assert_number(f[6], p->objective);
			} else {
				for (size_t c = 2; c <= 6; c++)
					assert_string_equal(f[c], "");
			}
			assert_string_equal(f[7], solve_outcome_name(p->outcome));
		}
	}
}

static void test_sweep_long_form(void **state)
{
	(void)state;
	struct sweep_fixture *sf = make_sweep(11);
	size_t len;
	char *text = sweep_text(&sf->sw, &len);
	assert_first_line(text, SWEEP_HEADER);
	assert_null(memchr(text, '\r', len));
	struct table *t = parse_csv(text, len);
	assert_int_equal(t->nf[0], 8);
	assert_int_equal(t->rows - 1, 11 * 5);
	check_sweep_rows(&sf->sw, t);
	assert_string_equal(t->f[1][7], "infeasible");
	assert_string_equal(t->f[6][7], "optimal");
	table_free(t);
	free(text);

	/* A sweep still in progress: only the solved levels are written. */
	sf->sw.done = 4;
	text = sweep_text(&sf->sw, &len);
	t = parse_csv(text, len);
	assert_int_equal(t->rows - 1, 4 * 5);
	check_sweep_rows(&sf->sw, t);
	table_free(t);
	free(text);
	sf->sw.done = sf->sw.n_levels;
	free_sweep_fixture(sf);
}

/* ---- atomic files ---- */

static char *read_all(const char *path)
{
	struct stat st;
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	assert_int_equal(fstat(fileno(fp), &st), 0);
	char *buf = malloc((size_t)st.st_size + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)st.st_size, fp), (size_t)st.st_size);
	fclose(fp);
	buf[st.st_size] = '\0';
	return buf;
}

static void write_all(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
}

/* The directory holds exactly the `n` names given (no temporary files left over). */
static void assert_dir_holds(const char *dir, const char *const *names, size_t n)
{
	DIR *d = opendir(dir);
	size_t seen = 0;
	assert_non_null(d);
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		size_t k = 0;
		while (k < n && strcmp(names[k], e->d_name) != 0)
			k++;
		if (k == n)
			fail_msg("unexpected file %s/%s", dir, e->d_name);
		seen++;
	}
	closedir(d);
	assert_int_equal(seen, n);
}

struct tmpdir {
	char dir[64];
	char path[128];
};

static void tmpdir_make(struct tmpdir *td)
{
	size_t l = strlen(strcpy(td->dir, "/tmp/optdeploy-export-"));
	memset(td->dir + l, 'X', 6);  /* mkdtemp's template */
	td->dir[l + 6] = '\0';
	assert_non_null(mkdtemp(td->dir));
	snprintf(td->path, sizeof td->path, "%s/policy.csv", td->dir);
}

static void tmpdir_remove(struct tmpdir *td)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", td->dir);
	assert_int_equal(system(cmd), 0);
}

static void test_file_writes_and_replaces(void **state)
{
	(void)state;
	struct fixture *fx = make_fixture();
	struct tmpdir td;
	struct status_msg m;
	size_t rows = 99, len;
	tmpdir_make(&td);
	mode_t old_mask = umask(022);
	write_all(td.path, "old content\n");
	chmod(td.path, 0600);
	assert_int_equal(export_policy_file(td.path, &fx->pool, &fx->pol, &rows, &m), ST_OK);
	assert_int_equal(rows, fx->pool.n);
	char *want = policy_text(&fx->pool, &fx->pol, &len);
	char *got = read_all(td.path);
	assert_string_equal(got, want);
	free(got);
	struct stat st;
	assert_int_equal(stat(td.path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);  /* the replaced file's mode is kept */
	assert_dir_holds(td.dir, (const char *const[]){"policy.csv"}, 1);

	/* A relative path with no directory part works too. */
	char cwd[4096];
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(td.dir), 0);
	assert_int_equal(export_policy_file("again.csv", &fx->pool, &fx->pol, NULL, &m), ST_OK);
	assert_int_equal(chdir(cwd), 0);
	assert_dir_holds(td.dir, (const char *const[]){"policy.csv", "again.csv"}, 2);
	umask(old_mask);
	free(want);
	tmpdir_remove(&td);
	free_fixture(fx);
}

static void test_file_failures(void **state)
{
	(void)state;
	struct fixture *fx = make_fixture();
	struct tmpdir td;
	struct status_msg m;
	char bad[192];
	size_t rows = 99;
	tmpdir_make(&td);
	write_all(td.path, "old content\n");

	/* The directory does not exist. */
	snprintf(bad, sizeof bad, "%s/missing/policy.csv", td.dir);
	assert_int_equal(export_policy_file(bad, &fx->pool, &fx->pol, &rows, &m), ST_OUTPUT);
	assert_int_equal(rows, 0);
	char want[256];
	snprintf(want, sizeof want, "%s: cannot write: %s", bad, strerror(ENOENT));
	assert_string_equal(m.text, want);

	/* The target is a directory: the rename fails, its contents stay, no temporary is left. */
	snprintf(bad, sizeof bad, "%s/sub", td.dir);
	assert_int_equal(mkdir(bad, 0755), 0);
	char inner[256];
	snprintf(inner, sizeof inner, "%s/keep.txt", bad);
	write_all(inner, "keep\n");
	assert_int_equal(export_policy_file(bad, &fx->pool, &fx->pol, NULL, &m), ST_OUTPUT);
	assert_non_null(strstr(m.text, bad));
	assert_non_null(strstr(m.text, "cannot write: "));
	char *kept = read_all(inner);
	assert_string_equal(kept, "keep\n");
	free(kept);

	assert_int_equal(export_policy_file("", &fx->pool, &fx->pol, NULL, &m), ST_OUTPUT);

	char *old = read_all(td.path);
	assert_string_equal(old, "old content\n");
	free(old);
	assert_dir_holds(td.dir, (const char *const[]){"policy.csv", "sub"}, 2);
	tmpdir_remove(&td);
	free_fixture(fx);
}

/*
 * A write that fails half way over an existing file: a file size limit makes
 * write() fail with EFBIG (root is bound by it too, unlike permissions).
 */
static void test_file_write_error_keeps_old(void **state)
{
	(void)state;
	struct fixture *fx = make_fixture();
	struct sweep_fixture *sf = make_sweep(101);
	struct tmpdir td;
	struct status_msg m;
	struct rlimit saved, small;
	char sweep_path[160];
	tmpdir_make(&td);
	snprintf(sweep_path, sizeof sweep_path, "%s/sweep.csv", td.dir);
	write_all(td.path, "old content\n");
	write_all(sweep_path, "old sweep\n");

	assert_int_equal(getrlimit(RLIMIT_FSIZE, &saved), 0);
	void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
	small = saved;
	small.rlim_cur = 200;  /* the header fits, the rows do not */
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	enum status st_policy = export_policy_file(td.path, &fx->pool, &fx->pol, NULL, &m);
	struct status_msg m2;
	size_t rows = 99;
	enum status st_sweep = export_sweep_file(sweep_path, &sf->sw, &rows, &m2);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &saved), 0);
	signal(SIGXFSZ, old_handler);

	assert_int_equal(st_policy, ST_OUTPUT);
	char want[256];
	snprintf(want, sizeof want, "%s: cannot write: %s", td.path, strerror(EFBIG));
	assert_string_equal(m.text, want);
	assert_int_equal(st_sweep, ST_OUTPUT);
	assert_int_equal(rows, 0);
	assert_non_null(strstr(m2.text, sweep_path));
	char *old = read_all(td.path);
	assert_string_equal(old, "old content\n");
	free(old);
	old = read_all(sweep_path);
	assert_string_equal(old, "old sweep\n");
	free(old);
	assert_dir_holds(td.dir, (const char *const[]){"policy.csv", "sweep.csv"}, 2);

	/* Without the limit the same exports succeed. */
	assert_int_equal(export_sweep_file(sweep_path, &sf->sw, &rows, &m2), ST_OK);
	assert_int_equal(rows, 101 * 5);
	size_t len;
	char *want_text = sweep_text(&sf->sw, &len);
	char *got = read_all(sweep_path);
	assert_string_equal(got, want_text);
	free(got);
	free(want_text);
	/* A sweep still in progress counts only its solved rows. */
	sf->sw.done = 50;
	assert_int_equal(export_sweep_file(sweep_path, &sf->sw, &rows, &m2), ST_OK);
	assert_int_equal(rows, 50 * 5);
	sf->sw.done = sf->sw.n_levels;
	assert_dir_holds(td.dir, (const char *const[]){"policy.csv", "sweep.csv"}, 2);
	tmpdir_remove(&td);
	free_sweep_fixture(sf);
	free_fixture(fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_policy_round_trip),
		cmocka_unit_test(test_policy_quoting),
		cmocka_unit_test(test_policy_numbers),
		cmocka_unit_test(test_policy_infeasible),
		cmocka_unit_test(test_policy_dual),
		cmocka_unit_test(test_policy_mismatch),
		cmocka_unit_test(test_stream_full_disk),
		cmocka_unit_test(test_sweep_long_form),
		cmocka_unit_test(test_file_writes_and_replaces),
		cmocka_unit_test(test_file_failures),
		cmocka_unit_test(test_file_write_error_keeps_old),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
