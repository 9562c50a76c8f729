/*
 * test_near_scan.c - near_scan_best (the largest charged objective over a
 * small proven box) against a plain brute force written here: every point
 * of the box, every model's count summed in order, as support_search.c's
 * feasible() sums them.  Random boxes of up to NEAR_SCAN_CAP points over
 * up to 12 models with both rows, K from 1 to 1e9, rows that bind at the
 * box's points (exact ties included: integral data), lambda 0 and not.
 *
 * - The scan finds the brute force's best point (it must not drop a point
 *   feasible() accepts: the allowance for its other order of summation is
 *   far below the rows' tolerances), its value up to that order's rounding.
 * - A box beyond NEAR_SCAN_CAP points is refused, not scanned.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "optdeploy/core/near_scan.h"
#include "test_support.h"

#define SMAX 12
#define BOXES 20000

static const long long KS[] = {1, 2, 5, 12, 100, 1000, 65536, 1000000, 999999937, 1000000000};

struct box {
	struct near_item it[SMAX];
	double load[SMAX];
	struct near_scan sc;
	long long points;  /* the box's points, capped just above NEAR_SCAN_CAP */
};

/* A random box around a random x0 summing to K, a few of its models free. */
static void random_box(struct box *b, struct ts_rng *r)
{
	memset(b, 0, sizeof *b);
	size_t s = 1 + ts_rand_below(r, SMAX);
	long long k = KS[ts_rand_below(r, sizeof KS / sizeof *KS)];
	bool integral = ts_rand_below(r, 2) == 0;
	long long rest = k;
	b->points = 1;
	for (size_t i = 0; i < s; i++) {
		struct near_item *t = &b->it[i];
		t->k = i;
		t->v = integral ? (double)(50 + ts_rand_below(r, 40)) : ts_rand_range(r, 40, 90);
		t->a = integral ? (long double)(int)ts_rand_below(r, 21) - 10
				: (long double)ts_rand_range(r, -10, 10);
		t->b = integral ? ((long double)(int)ts_rand_below(r, 21) - 10) * 1e-3L
				: (long double)ts_rand_range(r, -0.01, 0.01);
		t->x0 = i + 1 == s ? rest : (long long)ts_rand_below(r, (uint32_t)(rest < 1000 ? rest + 1 : 1000));
		rest -= t->x0;
		/* mostly fixed; a few free within a few units of x0 */
		long long below = ts_rand_below(r, 3) == 0 ? ts_rand_below(r, 4) : 0;
		long long above = ts_rand_below(r, 3) == 0 ? ts_rand_below(r, 5) : 0;
		t->lo = t->x0 - below < 0 ? 0 : t->x0 - below;
		t->hi = t->x0 + above;
		b->load[i] = ts_rand_below(r, 4) * 0.5;
		if (b->points <= NEAR_SCAN_CAP)
			b->points *= t->hi - t->lo + 1;
	}
	/* rows through x0 (its neighbours on both sides of them) or with some slack */
	long double w0 = 0, t0 = 0;
	for (size_t i = 0; i < s; i++) {
		w0 += (long double)b->it[i].x0 * b->it[i].a;
		t0 += (long double)b->it[i].x0 * b->it[i].b;
	}
	static const double shift[] = {0, 0, 1, -1};  /* through x0, above it, x0 infeasible */
	long double sw = shift[ts_rand_below(r, 4)] * ts_rand_range(r, 0, 0.5);
	long double st = shift[ts_rand_below(r, 4)] * ts_rand_range(r, 0, 5e-4);
	for (size_t i = 0; i < s; i++) {
		b->it[i].a -= w0 / (long double)k - sw;
		b->it[i].b -= t0 / (long double)k - st;
	}
	b->sc = (struct near_scan){.it = b->it, .load = b->load, .s = s, .k = k,
				   .tol_w = 2e-14L * (long double)k * 10 + 1e-9L,
				   .tol_t = 2e-14L * (long double)k * 0.01L + 1e-9L,
				   .lambda = ts_rand_below(r, 2) ? 0 : ts_rand_range(r, 0, 50)};
}

/* The brute force: every point of the box, summed over all models in order. */
static long double brute(const struct near_scan *sc)
{
	long long cnt[SMAX];
	long double best = -INFINITY;
	for (size_t i = 0; i < sc->s; i++)
		cnt[i] = sc->it[i].lo;
	for (;;) {
		long double v = 0, w = 0, t = 0, load = 0;
		long long total = 0;
		for (size_t i = 0; i < sc->s; i++) {
			total += cnt[i];
			if (cnt[i] == 0)
				continue;
			v += (long double)cnt[i] * sc->it[i].v;
			w += (long double)cnt[i] * sc->it[i].a;
			t += (long double)cnt[i] * sc->it[i].b;
			load += sc->load[i];
		}
		if (total == sc->k && w >= -sc->tol_w && t >= -sc->tol_t)
			best = fmaxl(best, v - sc->lambda * load);
		size_t i = 0;
		for (; i < sc->s; i++) {
			if (cnt[i] < sc->it[i].hi) {
				cnt[i]++;
				break;
			}
			cnt[i] = sc->it[i].lo;
		}
		if (i == sc->s)
			return best;
	}
}

static void test_random_boxes(void **state)
{
	(void)state;
	struct ts_rng rng = {0x5ca9u};
	int scanned = 0, refused = 0, empty = 0;
	for (int n = 0; n < BOXES; n++) {
		struct box b;
		long long scratch[SMAX];
		long double mine;
		random_box(&b, &rng);
		if (!near_scan_best(&b.sc, scratch, &mine)) {
			refused++;
			/* a box of up to NEAR_SCAN_CAP points counted along all its models
			 * is always scanned (the scan counts fewer: the last is fixed by K) */
			assert_true(b.points > NEAR_SCAN_CAP);
			continue;
		}
		scanned++;
		if (b.points > 100000)
			continue;  /* scanned (its sum fixes the last model), too big to brute */
		long double ref = brute(&b.sc);
		empty += isinf(ref) != 0;
		/* the same point: its value summed in another order, a few units of 2^-64 apart */
		if (isinf(mine) != isinf(ref) ||
		    (!isinf(ref) && fabsl(mine - ref) > 1e-17L * (long double)SMAX * fabsl(ref)))
			fail_msg("box %d: scan %.21Lg, brute force %.21Lg", n, mine, ref);
	}
	print_message("%d boxes scanned (%d without a feasible point), %d refused\n", scanned,
		      empty, refused);
	assert_true(scanned > BOXES / 2 && refused > BOXES / 100);
	assert_true(empty > 0 && empty < scanned / 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_boxes),
	};
	return cmocka_run_group_tests_name("near_scan", tests, NULL, NULL);
}
