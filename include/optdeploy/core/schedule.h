/*
 * schedule.h - the optimal counts turned into an order: for inference
 * t = 1..K, which model runs.
 *
 * The order keeps every prefix fair: after any t inferences, model i has run
 * n_i(t) times with floor(t x_i / K) <= n_i(t) <= ceil(t x_i / K), so
 * |n_i(t) - t x_i / K| < 1 for every t and i.  The algorithm (earliest
 * deadline first over per-model windows, schedule.c says why it is exact)
 * uses integers only and O(n) state whatever K is, so K = 10^9 needs no more
 * memory than K = 10.  The C header that `optdeploy schedule --format c`
 * writes (schedule_export.h) runs the very same integer steps.
 */
#ifndef OPTDEPLOY_SCHEDULE_H
#define OPTDEPLOY_SCHEDULE_H

#include <stddef.h>
#include <stdint.h>

#include "optdeploy/core/status.h"

/* One model with a positive count: its constants and where it stands. */
struct schedule_model {
	size_t index;        /* position in the caller's count array (pool order) */
	uint64_t count;      /* x: its runs in one period */
	uint64_t quot, rem;  /* K / x and K % x */
	uint64_t release;    /* floor(n K / x): first slot its next run may take */
	uint64_t next_floor; /* floor((n + 1) K / x) */
	uint64_t next_rem;   /* (n + 1) K mod x; deadline = next_floor + (next_rem != 0) */
};

/*
 * The iterator.  models[] (owned) holds only the models with a positive
 * count, in pool order; n is their number.  slot counts the inferences handed
 * out in the current period (0..k).
 */
struct schedule {
	struct schedule_model *models;
	size_t n;
	uint64_t k;
	uint64_t slot;
};

/*
 * Set up the order for count[0..n_counts-1] (non-negative, summing to k,
 * 1 <= k <= 10^9; zeros are skipped).  ST_INTERNAL with a message on counts
 * that break that contract or on no memory; *s is then empty.
 */
enum status schedule_init(struct schedule *s, const long long *count, size_t n_counts,
			  long long k, struct status_msg *m);

/* Back to the start of a period. */
void schedule_restart(struct schedule *s);

/*
 * The model of the next inference, as an index into s->models (use
 * s->models[r].index for the pool).  After k calls the next call starts the
 * next period, as the generated header does.  The proof in schedule.c shows
 * there is always a candidate; SIZE_MAX would mean that proof is wrong.
 */
size_t schedule_next(struct schedule *s);

/* Release models[]; safe on an empty or failed schedule. */
void schedule_free(struct schedule *s);

#endif
