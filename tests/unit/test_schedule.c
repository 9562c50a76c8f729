/*
 * test_schedule.c - the inference order: every prefix fair at every t for
 * random policies, the integer state equal to its closed form, the same order
 * as an independent EDF written from the window formulas, periods that
 * repeat, and K = 10^9 (a few million steps from the start, jumps to late
 * offsets where the state is forced, and the density lemma of the proof).
 * Also the export formats: run-length rows against the slot rows, C string
 * escaping, the row limits and the format names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "optdeploy/core/schedule.h"
#include "optdeploy/core/schedule_export.h"
#include "test_support.h"

#define MAX_N 8
#define BIG_K 1000000000LL

/* Random counts summing to k over n models; about a third of them zero. */
static void random_counts(struct ts_rng *r, long long *count, size_t n, long long k)
{
	size_t live[MAX_N], n_live = 0;
	for (size_t i = 0; i < n; i++) {
		count[i] = 0;
		if (ts_rand_below(r, 3) != 0)
			live[n_live++] = i;
	}
	if (n_live == 0)
		live[n_live++] = ts_rand_below(r, n);
	/* cut [0, k] at n_live - 1 random points */
	long long left = k;
	for (size_t j = 0; j + 1 < n_live; j++) {
		long long take = (long long)(((uint64_t)ts_rand(r) << 32 | ts_rand(r)) %
					     (uint64_t)(left + 1));
		if (ts_rand_below(r, 4) == 0)
			take = take % 3;  /* tiny counts: the widest windows */
		count[live[j]] = take;
		left -= take;
	}
	count[live[n_live - 1]] += left;
}

/* floor(t x / K) <= n <= ceil(t x / K), in 64-bit integers (t x <= 10^18). */
static void assert_fair(uint64_t t, uint64_t n, uint64_t x, uint64_t k)
{
	uint64_t lo = t * x / k, hi = (t * x + k - 1) / k;
	if (n < lo || n > hi) {
		print_error("t = %llu: %llu runs of a model with count %llu of K = %llu; "
			    "fair is %llu..%llu\n", (unsigned long long)t, (unsigned long long)n,
			    (unsigned long long)x, (unsigned long long)k, (unsigned long long)lo,
			    (unsigned long long)hi);
		fail();
	}
}

/* The state of each model equals its closed form after n runs (the proof's invariant). */
static void assert_state(const struct schedule *s, const uint64_t *runs)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct schedule_model *md = &s->models[i];
		uint64_t n = runs[i], x = md->count, k = s->k;
		assert_int_equal(md->release, n * k / x);
		assert_int_equal(md->next_floor, (n + 1) * k / x);
		assert_int_equal(md->next_rem, (n + 1) * k % x);
		/* what the header's uint32_t holds, never wrapped */
		assert_true(md->next_floor + 1 < UINT64_C(1) << 32);
		assert_true(md->next_rem + md->rem < UINT64_C(1) << 32);
	}
}

/*
 * An independent EDF: windows straight from the formulas, a fresh scan per
 * slot, ties to the lower index.  Fills order[0..k-1] with pool indices.
 */
static void reference_order(const long long *count, size_t n, long long k, size_t *order)
{
	long long done[MAX_N] = { 0 };
	for (long long s = 0; s < k; s++) {
		size_t best = SIZE_MAX;
		long long best_deadline = 0;
		for (size_t i = 0; i < n; i++) {
			if (done[i] == count[i] || done[i] * k / count[i] > s)
				continue;
			long long d = ((done[i] + 1) * k + count[i] - 1) / count[i];
			if (best == SIZE_MAX || d < best_deadline) {
				best = i;
				best_deadline = d;
			}
		}
		assert_true(best != SIZE_MAX);
		assert_true(best_deadline > s);  /* the run is in its window */
		order[s] = best;
		done[best]++;
	}
}

/* Two periods of one instance: fair at every t, state as in closed form, periods equal. */
static void check_instance(const long long *count, size_t n, long long k, bool with_reference)
{
	struct schedule s;
	struct status_msg m;
	uint64_t runs[MAX_N];
	size_t *first = malloc((size_t)k * sizeof *first), *ref = NULL;
	assert_non_null(first);
	assert_int_equal(schedule_init(&s, count, n, k, &m), ST_OK);
	for (int period = 0; period < 2; period++) {
		memset(runs, 0, sizeof runs);
		for (long long t = 1; t <= k; t++) {
			size_t r = schedule_next(&s);
			assert_true(r < s.n);
			runs[r]++;
			if (period == 0)
				first[t - 1] = s.models[r].index;
			else
				assert_int_equal(s.models[r].index, first[t - 1]);
			for (size_t i = 0; i < s.n; i++)
				assert_fair((uint64_t)t, runs[i], s.models[i].count, (uint64_t)k);
			if (t % 97 == 0 || t == k)
				assert_state(&s, runs);
		}
		for (size_t i = 0; i < s.n; i++)
			assert_int_equal(runs[i], s.models[i].count);
	}
	if (with_reference) {
		ref = malloc((size_t)k * sizeof *ref);
		assert_non_null(ref);
		reference_order(count, n, k, ref);
		assert_memory_equal(ref, first, (size_t)k * sizeof *ref);
	}
	free(ref);
	free(first);
	schedule_free(&s);
}

static void test_random_policies_fair_at_every_t(void **state)
{
	struct ts_rng r = { 20261201u };
	long long count[MAX_N];
	(void)state;
	for (int trial = 0; trial < 400; trial++) {
		size_t n = 1 + ts_rand_below(&r, MAX_N);
		/* K log-uniform in 1..10^5 */
		long long k = 1;
		for (int d = (int)ts_rand_below(&r, 5); d > 0; d--)
			k *= 10;
		k = 1 + (long long)ts_rand_below(&r, (size_t)k * 10);
		if (k > 100000)
			k = 100000;
		random_counts(&r, count, n, k);
		check_instance(count, n, k, k <= 20000);
	}
}

static void test_special_policies(void **state)
{
	(void)state;
	long long one[] = { 0, 0, 1000, 0 };
	check_instance(one, 4, 1000, true);
	long long single[] = { 1 };
	check_instance(single, 1, 1, true);
	long long units[] = { 1, 1, 1, 1, 1, 1, 1, 1 };
	check_instance(units, 8, 8, true);
	long long lopsided[] = { 1, 99998, 1 };
	check_instance(lopsided, 3, 100000, true);
	long long paper[] = { 452, 548 };  /* the example */
	check_instance(paper, 2, 1000, true);
	long long primes[] = { 7, 11, 13, 17, 19, 23, 29, 31 };
	check_instance(primes, 8, 150, true);
}

/* A one-model policy: always index 0, for K = 10^9 as well. */
static void test_one_model_big_k(void **state)
{
	struct schedule s;
	struct status_msg m;
	long long count[] = { 0, BIG_K };
	(void)state;
	assert_int_equal(schedule_init(&s, count, 2, BIG_K, &m), ST_OK);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.models[0].index, 1);
	for (int t = 0; t < 100000; t++)
		assert_int_equal(schedule_next(&s), 0);
	schedule_free(&s);
}

/* K = 10^9: the first few million slots, each checked, for random and skewed counts. */
static void test_big_k_prefix(void **state)
{
	struct ts_rng r = { 77u };
	long long count[MAX_N];
	uint64_t runs[MAX_N];
	(void)state;
	for (int trial = 0; trial < 4; trial++) {
		struct schedule s;
		struct status_msg m;
		size_t n = 2 + ts_rand_below(&r, MAX_N - 1);
		random_counts(&r, count, n, BIG_K);
		if (trial == 0) {  /* a model run once, one run twice, the rest shared */
			count[0] = 1;
			count[1] = 2;
			count[2] = BIG_K - 3;
			n = 3;
		}
		assert_int_equal(schedule_init(&s, count, n, BIG_K, &m), ST_OK);
		memset(runs, 0, sizeof runs);
		for (uint64_t t = 1; t <= 750000; t++) {
			size_t rr = schedule_next(&s);
			assert_true(rr < s.n);
			runs[rr]++;
			for (size_t i = 0; i < s.n; i++)
				assert_fair(t, runs[i], s.models[i].count, (uint64_t)BIG_K);
			if (t % 1009 == 0)
				assert_state(&s, runs);
		}
		schedule_free(&s);
	}
}

/*
 * Late in a K = 10^9 period: when every t x_i / K is an integer, fairness
 * forces n_i(t) = t x_i / K, so the state there is known in closed form.
 * Counts that share a factor g put such t at every multiple of K / g; set
 * the state there (as the closed form says it must be) and check a window
 * of slots at offsets spread over the period, including its very end.
 */
static void test_big_k_late_windows(void **state)
{
	struct ts_rng r = { 4242u };
	long long small[MAX_N], count[MAX_N];
	const long long g = 50000, kp = BIG_K / g;  /* K' = 20000 */
	(void)state;
	for (int trial = 0; trial < 3; trial++) {
		struct schedule s;
		struct status_msg m;
		size_t n = 2 + ts_rand_below(&r, MAX_N - 1);
		random_counts(&r, small, n, kp);
		for (size_t i = 0; i < n; i++)
			count[i] = small[i] * g;
		assert_int_equal(schedule_init(&s, count, n, BIG_K, &m), ST_OK);
		for (int sample = 0; sample < 6; sample++) {
			uint64_t block = sample == 5 ? (uint64_t)g - 1 : ts_rand_below(&r, (size_t)g);
			uint64_t t0 = block * (uint64_t)kp, runs[MAX_N];
			s.slot = t0;
			for (size_t i = 0; i < s.n; i++) {
				struct schedule_model *md = &s.models[i];
				runs[i] = t0 * md->count / s.k;
				md->release = runs[i] * s.k / md->count;
				md->next_floor = (runs[i] + 1) * s.k / md->count;
				md->next_rem = (runs[i] + 1) * s.k % md->count;
			}
			for (uint64_t t = t0 + 1; t <= t0 + (uint64_t)kp; t++) {
				size_t rr = schedule_next(&s);
				assert_true(rr < s.n);
				runs[rr]++;
				for (size_t i = 0; i < s.n; i++)
					assert_fair(t, runs[i], s.models[i].count, s.k);
			}
			assert_state(&s, runs);
		}
		schedule_free(&s);
	}
}

/*
 * Step 2 of the proof at K = 10^9: slots [a, b) hold whole at most b - a
 * windows, sum_i floor(b x_i / K) - ceil(a x_i / K) <= b - a, at sampled a < b.
 */
static void test_big_k_density(void **state)
{
	struct ts_rng r = { 99u };
	long long count[MAX_N];
	(void)state;
	for (int trial = 0; trial < 2000; trial++) {
		size_t n = 1 + ts_rand_below(&r, MAX_N);
		random_counts(&r, count, n, BIG_K);
		uint64_t a = ((uint64_t)ts_rand(&r) << 32 | ts_rand(&r)) % (uint64_t)BIG_K;
		uint64_t b = a + 1 + ((uint64_t)ts_rand(&r) << 32 | ts_rand(&r)) % ((uint64_t)BIG_K - a);
		if (trial % 2) {  /* short intervals, where rounding matters most */
			b = a + 1 + ts_rand_below(&r, 1000);
			b = b < (uint64_t)BIG_K ? b : (uint64_t)BIG_K;
		}
		uint64_t inside = 0;
		for (size_t i = 0; i < n; i++) {
			uint64_t x = (uint64_t)count[i], k = (uint64_t)BIG_K;
			uint64_t hi = b * x / k, lo = (a * x + k - 1) / k;
			inside += hi > lo ? hi - lo : 0;
		}
		assert_true(inside <= b - a);
	}
}

static void test_bad_counts(void **state)
{
	struct schedule s;
	struct status_msg m;
	long long wrong_sum[] = { 3, 4 }, negative[] = { -1, 11 };
	(void)state;
	assert_int_equal(schedule_init(&s, wrong_sum, 2, 10, &m), ST_INTERNAL);
	assert_non_null(strstr(m.text, "sum to 7"));
	assert_int_equal(schedule_init(&s, negative, 2, 10, &m), ST_INTERNAL);
	assert_int_equal(schedule_init(&s, wrong_sum, 2, 0, &m), ST_INTERNAL);
	schedule_free(&s);
}

static void test_format_names(void **state)
{
	enum schedule_format f = SCHEDULE_FORMAT_C;
	(void)state;
	assert_true(schedule_format_from_name("a/b.runs.csv", &f));
	assert_int_equal(f, SCHEDULE_FORMAT_RUNS);
	assert_true(schedule_format_from_name("order.CSV", &f));
	assert_int_equal(f, SCHEDULE_FORMAT_CSV);
	assert_true(schedule_format_from_name("fw/sched.h", &f));
	assert_int_equal(f, SCHEDULE_FORMAT_C);
	f = SCHEDULE_FORMAT_RUNS;
	assert_false(schedule_format_from_name("sched.txt", &f));
	assert_false(schedule_format_from_name(".h", &f));
	assert_false(schedule_format_from_name("csv", &f));
	assert_int_equal(f, SCHEDULE_FORMAT_RUNS);
	assert_string_equal(schedule_format_name(SCHEDULE_FORMAT_C), "c");
}

/* A pool and a hand-made policy for the writers. */
struct fixture {
	struct pool pool;
	struct policy pol;
};

static void make_fixture(struct fixture *fx, const char *csv, const long long *count,
			 long long k)
{
	struct status_msg m;
	assert_int_equal(pool_load_buffer(&fx->pool, "pool.csv", csv, strlen(csv), &m), ST_OK);
	assert_int_equal(policy_init(&fx->pol, fx->pool.n, &m), ST_OK);
	memcpy(fx->pol.count, count, fx->pool.n * sizeof *count);
	fx->pol.params = solve_params_default();
	fx->pol.params.k = k;
	fx->pol.params.budget = 50;
	fx->pol.outcome = SOLVE_OPTIMAL;
	policy_evaluate(&fx->pol, &fx->pool);
}

static void free_fixture(struct fixture *fx)
{
	policy_free(&fx->pol);
	pool_free(&fx->pool);
}

/* The writer's output in memory (the caller frees it). */
static char *written(const struct fixture *fx, enum schedule_format f, size_t *rows,
		     enum status want)
{
	struct schedule_job job = { .pool = &fx->pool, .pol = &fx->pol, .format = f };
	struct status_msg m;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	assert_int_equal(schedule_export_stream(fp, "mem", &job, rows, &m), want);
	fclose(fp);
	return buf;
}

static const char POOL3[] = "model,cost,accuracy\na,10,50\nb,20,70\nc,40,75\n";

/* Expanding the runs gives the slot rows, line for line; a period in each. */
static void test_runs_expand_to_slots(void **state)
{
	struct fixture fx;
	long long count[] = { 3, 0, 7 };
	size_t rows = 0, runs_rows = 0;
	(void)state;
	make_fixture(&fx, POOL3, count, 10);
	char *csv = written(&fx, SCHEDULE_FORMAT_CSV, &rows, ST_OK);
	char *runs = written(&fx, SCHEDULE_FORMAT_RUNS, &runs_rows, ST_OK);
	assert_int_equal(rows, 10);
	/* by hand: c's windows [0,2) [1,3) [2,5) [4,6) [5,8) [7,9) [8,10), a's [0,4) [3,7)
	   [6,10); slot 8 is a tie at deadline 10 that goes to a, first in the pool */
	assert_string_equal(csv, "slot,model\n1,c\n2,c\n3,a\n4,c\n5,c\n6,a\n7,c\n8,c\n9,a\n10,c\n");
	assert_string_equal(runs, "model,repeat\nc,2\na,1\nc,2\na,1\nc,2\na,1\nc,1\n");
	assert_int_equal(runs_rows, 7);
	free(csv);
	free(runs);
	free_fixture(&fx);
}

/* Names become C string literals that a compiler reads back as the same bytes. */
static void test_c_header_escapes_names(void **state)
{
	static const char pool[] = "model,cost,accuracy\n"
		"\"say \"\"hi\"\"\",10,50\n"
		"back\\slash,20,70\n"
		"what?\?/,30,72\n"
		"caf\xc3\xa9 */,40,75\n";
	struct fixture fx;
	long long count[] = { 1, 1, 1, 1 };
	size_t rows = 0;
	(void)state;
	make_fixture(&fx, pool, count, 4);
	char *h = written(&fx, SCHEDULE_FORMAT_C, &rows, ST_OK);
	assert_int_equal(rows, 4);
	assert_non_null(strstr(h, "\t\"say \\\"hi\\\"\",\n"));
	assert_non_null(strstr(h, "\t\"back\\\\slash\",\n"));
	assert_non_null(strstr(h, "\t\"what\\?\\?/\",\n"));
	assert_non_null(strstr(h, "\t\"caf\\303\\251 */\",\n"));
	assert_non_null(strstr(h, "#define OPTDEPLOY_K 4 "));
	assert_non_null(strstr(h, "#define OPTDEPLOY_N_MODELS 4 "));
	assert_non_null(strstr(h, " * pool:              pool.csv\n"));
	assert_null(strstr(h, "??"));  /* no trigraph anywhere in the file */
	free(h);
	free_fixture(&fx);
}

static void test_row_limits(void **state)
{
	struct fixture fx;
	struct status_msg m;
	long long spread[] = { 400000000, 0, 600000000 }, skewed[] = { 3000000, 0, 997000000 };
	(void)state;
	make_fixture(&fx, POOL3, spread, BIG_K);
	struct schedule_job job = { .pool = &fx.pool, .pol = &fx.pol, .format = SCHEDULE_FORMAT_CSV };
	assert_int_equal(schedule_export_check(&job, &m), ST_USAGE);
	assert_non_null(strstr(m.text, "use the runs or c format"));
	job.format = SCHEDULE_FORMAT_RUNS;
	assert_int_equal(schedule_export_check(&job, &m), ST_USAGE);
	assert_non_null(strstr(m.text, "use the c format"));
	job.format = SCHEDULE_FORMAT_C;
	assert_int_equal(schedule_export_check(&job, &m), ST_OK);
	memcpy(fx.pol.count, skewed, sizeof skewed);
	job.format = SCHEDULE_FORMAT_RUNS;  /* at most 2 x 3e6 + 1 rows */
	assert_int_equal(schedule_export_check(&job, &m), ST_OK);
	fx.pol.outcome = SOLVE_INFEASIBLE;
	assert_int_equal(schedule_export_check(&job, &m), ST_INTERNAL);
	free_fixture(&fx);
}

/* Progress: every SCHEDULE_PROGRESS_SLOTS slots; stop after two calls. */
struct progress_log {
	int calls;
	uint64_t last, k;
};

static bool stop_after_two(void *ctx, uint64_t slots, uint64_t k)
{
	struct progress_log *log = ctx;
	log->calls++;
	log->last = slots;
	log->k = k;
	return log->calls < 2;
}

static bool never_stop(void *ctx, uint64_t slots, uint64_t k)
{
	struct progress_log *log = ctx;
	assert_true(slots > log->last && slots % SCHEDULE_PROGRESS_SLOTS == 0 && slots <= k);
	log->calls++;
	log->last = slots;
	return true;
}

/* A long walk reports its progress, and stopping it leaves the old file alone. */
static void test_progress_and_cancel(void **state)
{
	struct fixture fx;
	struct status_msg m;
	long long count[] = { 300000, 200000, 500000 };
	char dir[] = "/tmp/test_schedule.XXXXXX", path[64], text[16] = "";
	(void)state;
	make_fixture(&fx, POOL3, count, 1000000);
	struct progress_log log = { 0, 0, 0 };
	struct schedule_job job = { &fx.pool, &fx.pol, SCHEDULE_FORMAT_RUNS, never_stop, &log };
	size_t rows = 0;
	FILE *null = fopen("/dev/null", "w");
	assert_non_null(null);
	assert_int_equal(schedule_export_stream(null, "null", &job, &rows, &m), ST_OK);
	fclose(null);
	assert_int_equal(log.calls, 1000000 / SCHEDULE_PROGRESS_SLOTS);

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/order.csv", dir);
	FILE *old = fopen(path, "w");
	assert_non_null(old);
	fputs("old\n", old);
	fclose(old);
	log = (struct progress_log){ 0, 0, 0 };
	job.format = SCHEDULE_FORMAT_CSV;
	job.progress = stop_after_two;
	assert_int_equal(schedule_export_file(path, &job, &rows, &m), ST_OUTPUT);
	assert_non_null(strstr(m.text, "cancelled"));
	assert_int_equal(log.calls, 2);
	assert_int_equal(log.last, 2 * SCHEDULE_PROGRESS_SLOTS);
	assert_int_equal(log.k, 1000000);
	old = fopen(path, "r");
	assert_non_null(old);
	assert_non_null(fgets(text, sizeof text, old));
	fclose(old);
	assert_string_equal(text, "old\n");
	/* nothing else in the directory: the temporary file is gone */
	char cmd[128];
	snprintf(cmd, sizeof cmd, "test \"$(ls -A %s)\" = order.csv", dir);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
	free_fixture(&fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_policies_fair_at_every_t),
		cmocka_unit_test(test_special_policies),
		cmocka_unit_test(test_one_model_big_k),
		cmocka_unit_test(test_big_k_prefix),
		cmocka_unit_test(test_big_k_late_windows),
		cmocka_unit_test(test_big_k_density),
		cmocka_unit_test(test_bad_counts),
		cmocka_unit_test(test_format_names),
		cmocka_unit_test(test_runs_expand_to_slots),
		cmocka_unit_test(test_c_header_escapes_names),
		cmocka_unit_test(test_row_limits),
		cmocka_unit_test(test_progress_and_cancel),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
