/*
 * schedule.c - an order of K inferences with every prefix fair, in integers.
 *
 * The algorithm is earliest-deadline-first over Pfair windows (Baruah et
 * al.'s proportionate fairness, on one processor).  Slots are s = 0..K-1
 * (inference t = s + 1).  Run j (j = 1..x) of a model with count x gets the
 * window of slots [floor((j-1) K / x), ceil(j K / x)): it may not run before
 * the first slot and must run before the last bound, its deadline.  At each
 * slot the rule takes, among the models whose next run is released
 * (release <= s), the one with the earliest deadline; a tie goes to the model
 * first in pool order.  Why that is exact for every count vector:
 *
 *  1. Windows give fairness.  If every run lies in its window, then after t
 *     slots every run with deadline <= t is done and only runs released
 *     before t can be: #{j : ceil(jK/x) <= t} = floor(tx/K) <= n(t) <=
 *     #{j : floor((j-1)K/x) < t} = ceil(tx/K), so |n(t) - t x / K| < 1.
 *  2. Density.  Slots [a, b) hold whole at most b - a windows: a model has
 *     floor(bx/K) - ceil(ax/K) <= (b - a) x / K windows inside, and the
 *     counts sum to K.
 *  3. No deadline is missed.  Say the first miss is a run with deadline D.
 *     Let a be the last slot before D that was idle or ran a run with a
 *     deadline after D (a = -1 if none).  Slots a+1..D-1 ran runs with
 *     deadlines <= D, and none of them, nor the missed run, was released by
 *     slot a, or EDF would have taken it (or its model's earlier run, whose
 *     window starts and ends no later) at slot a.  That is D - a windows
 *     whole inside [a+1, D), one more than 2 allows.
 *  4. Periods.  K runs, K slots, every deadline <= K: no slot is idle, every
 *     model has run exactly x times at slot K, and the state is the start
 *     state again, so the next period repeats the order.
 *
 * Plain "largest accumulated credit" rules have no such proof, and the
 * window bounds are what the tests check at every t.  The windows are kept
 * per model with Bresenham steps, no division after set-up: release =
 * floor(nK/x), and floor/remainder of (n+1)K/x advanced by K/x and K%x with
 * a carry.  Every value stays <= 2K + 1 and next_rem + rem < 2x <= 2K, so for
 * K <= 10^9 < 2^31 all of it fits in 32 bits: the generated C header uses
 * uint32_t and yields the same order.
 */
#include "optdeploy/core/schedule.h"

#include <stdlib.h>
#include <string.h>

#define SCHEDULE_K_MAX 1000000000LL

static void model_restart(struct schedule_model *md)
{
	md->release = 0;
	md->next_floor = md->quot;
	md->next_rem = md->rem;
}

/* One run taken: the next run's window starts where this one's ended. */
static void model_advance(struct schedule_model *md)
{
	uint64_t r = md->next_rem + md->rem;
	md->release = md->next_floor;
	md->next_floor += md->quot;
	if (r >= md->count) {
		r -= md->count;
		md->next_floor++;
	}
	md->next_rem = r;
}

static enum status check_counts(const long long *count, size_t n_counts, long long k,
				size_t *used, struct status_msg *m)
{
	long long sum = 0;
	*used = 0;
	if (k < 1 || k > SCHEDULE_K_MAX)
		return status_fail(m, ST_INTERNAL, "schedule: K = %lld is out of range 1..%lld",
				   k, SCHEDULE_K_MAX);
	for (size_t i = 0; i < n_counts; i++) {
		if (count[i] < 0 || count[i] > k)
			return status_fail(m, ST_INTERNAL, "schedule: count %lld of model %zu is "
					   "out of range 0..%lld", count[i], i + 1, k);
		sum += count[i];
		*used += count[i] > 0;
	}
	if (sum != k)
		return status_fail(m, ST_INTERNAL, "schedule: the counts sum to %lld, not K = %lld",
				   sum, k);
	return ST_OK;
}

enum status schedule_init(struct schedule *s, const long long *count, size_t n_counts,
			  long long k, struct status_msg *m)
{
	size_t used, j = 0;
	enum status st;
	memset(s, 0, sizeof *s);
	st = check_counts(count, n_counts, k, &used, m);
	if (st != ST_OK)
		return st;
	s->models = calloc(used, sizeof *s->models);
	if (s->models == NULL)
		return status_fail(m, ST_INTERNAL, "schedule: out of memory");
	s->n = used;
	s->k = (uint64_t)k;
	for (size_t i = 0; i < n_counts; i++) {
		if (count[i] == 0)
			continue;
		struct schedule_model *md = &s->models[j++];
		md->index = i;
		md->count = (uint64_t)count[i];
		md->quot = s->k / md->count;
		md->rem = s->k % md->count;
		model_restart(md);
	}
	return ST_OK;
}

void schedule_restart(struct schedule *s)
{
	s->slot = 0;
	for (size_t i = 0; i < s->n; i++)
		model_restart(&s->models[i]);
}

size_t schedule_next(struct schedule *s)
{
	size_t best = SIZE_MAX;
	uint64_t best_deadline = 0;
	if (s->slot == s->k)
		schedule_restart(s);
	for (size_t i = 0; i < s->n; i++) {
		const struct schedule_model *md = &s->models[i];
		uint64_t deadline = md->next_floor + (md->next_rem != 0);
		if (md->release > s->slot)
			continue;
		if (best == SIZE_MAX || deadline < best_deadline) {
			best = i;
			best_deadline = deadline;
		}
	}
	if (best != SIZE_MAX)
		model_advance(&s->models[best]);
	s->slot++;
	return best;
}

void schedule_free(struct schedule *s)
{
	free(s->models);
	memset(s, 0, sizeof *s);
}
