/*
 * ui_params.h - the planner's one parameter table (budget, accuracy floor,
 * lambda, K): ranges, steps, linear or logarithmic scale, snapping, the
 * value <-> track column mapping and formatting.  Sliders, key steps, mouse
 * clicks and the exact-value prompt all go through it.
 */
#ifndef OPTDEPLOY_UI_PARAMS_H
#define OPTDEPLOY_UI_PARAMS_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/pool.h"

/*
 * UI_LINEAR: a grid of `step`; UI_LOG: `step` decades per step (K, the budget);
 * UI_STEPS125: the values 1, 2, 5, 10, 20, 50 ... on a log track (device
 * limits spanning decades), from grid_lo to max, with min (0) below them.
 */
enum ui_scale { UI_LINEAR, UI_LOG, UI_STEPS125 };

enum ui_param_id {
	UI_P_BUDGET, UI_P_FLOOR, UI_P_LAMBDA, UI_P_K, UI_P_DURATION, UI_P_MAX_MODELS, UI_P_MEMORY,
	UI_P_DEADLINE, UI_P_RATE,
	UI_P_COUNT
};

struct ui_param {
	const char *name;   /* slider label */
	const char *unit;   /* shown after the range */
	enum ui_scale scale;
	double min, max;    /* the track's range (keys and mouse stay inside) */
	double lo, hi;      /* what the exact-value prompt accepts */
	double step, big;   /* linear: grid spacing; log: decades per step */
	bool integer;       /* K: whole numbers only */
	double value;
	double grid_lo;     /* UI_STEPS125: the lowest 1-2-5 value on the track */
	bool duration;      /* seconds, written for people ("2 h 30 min") and typed as
	                       --duration takes them ("2h", "90min"; a bare number is seconds) */
};

/*
 * Fill p[UI_P_COUNT] from the table: budget spans the pool's cheapest to
 * most expensive cost, the floor its lowest to highest accuracy, lambda
 * (a multiple of K) 0 .. 5, K 10 .. 1e9 on a log scale.  Values start at
 * the middle of their range (lambda 0.1, K 1000).
 */
void ui_params_init(struct ui_param *p, const struct pool *pool);

/* Re-fit budget and floor ranges to another pool, keeping the values. */
void ui_params_fit(struct ui_param *p, const struct pool *pool);

/*
 * The budget's scale: linear over the pool's cheapest to dearest cost, or
 * log from its cheapest positive cost (steps of a hundredth of the range in
 * decades).  False, nothing changed, when log is asked and no cost is above
 * 0 or all costs are equal.  The value is kept, clamped into a log range.
 */
bool ui_params_budget_scale(struct ui_param *p, const struct pool *pool, bool log);

/*
 * The duration slider of battery mode (seconds, log): from the time of 10
 * inferences at rate_per_s to that of 10^9, and no longer than the idle
 * draw alone takes to empty the battery (max_s, or INFINITY); the value
 * starts at `start` (the track widens to hold it).
 */
void ui_params_duration(struct ui_param *p, double rate_per_s, double max_s, double start);

/*
 * The device limits' sliders for a pool: max models 1 .. n (n: no limit),
 * memory 0 .. the sum of every model's memory (that sum: no limit).  Both
 * start with no limit.  A range spanning over a decade and a bit (top over
 * UI_STEPS125_RATIO times its lowest 1-2-5 value) steps 1-2-5 on a log track
 * (memory: from the 1-2-5 value at or below the smallest model's, with 0
 * below it); a narrower one steps linearly (max models by 1).
 */
#define UI_STEPS125_RATIO 20
void ui_params_limits(struct ui_param *p, const struct pool *pool);

/*
 * The time sliders of a pool with latencies (both log): the deadline in ms
 * from the fastest model's latency to the slowest's (that top: no
 * deadline), the rate in inferences per second from half of what the
 * slowest model keeps up with (that bottom: no time row) to twice the
 * fastest's.  They start with neither.
 */
void ui_params_time(struct ui_param *p, const struct pool *pool);

/* The deadline for the solver in seconds: 0 (none) at the top of the slider. */
double ui_params_deadline(const struct ui_param *p);

/* The rate for the solver: 0 (no time row) at the bottom of the slider, unless forced. */
double ui_params_rate(const struct ui_param *p, bool battery);

/* Max models for the solver: 0 (none) at the top of the slider. */
size_t ui_params_max_models(const struct ui_param *p);

/* Memory limit for the solver: INFINITY (none) at the top of the slider. */
double ui_params_memory_limit(const struct ui_param *p);

/* The 1-2-5 value (..., 0.5, 1, 2, 5, 10, ...) next above (dir > 0) or below v > 0. */
double ui_step125(double v, int dir);

/* A 1-2-5 step close to span / 100. */
double ui_nice_step(double span);

/* Round to two significant digits (log-scale snapping). */
double ui_round_sig2(double v);

/* Snap v to the parameter's grid (clean decimals; two significant digits on a log scale). */
double ui_param_snap(const struct ui_param *p, double v);

/* Clamp to the track range. */
double ui_param_clamp(const struct ui_param *p, double v);

/* The next grid value above (dir > 0) or below v, by a small or large step, clamped. */
double ui_param_step(const struct ui_param *p, double v, int dir, bool big);

/* Track column (0 .. w-1) of value v; values off the range pin to the ends. */
int ui_param_to_col(const struct ui_param *p, double v, int w);

/* Value at track column col (0 .. w-1), snapped and clamped. */
double ui_param_from_col(const struct ui_param *p, int col, int w);

/* Shortest text that reads back as v ("79.5", "1000", "0.1"; a duration "7200s"). */
void ui_param_format(const struct ui_param *p, double v, char *buf, size_t size);

/*
 * Parse an exact value typed for p: one number inside [lo, hi] (whole for K).
 * Returns false with a message in err otherwise.
 */
bool ui_param_parse(const struct ui_param *p, const char *text, double *out,
		    char *err, size_t errsize);

#endif
