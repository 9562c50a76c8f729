/* ui_params.c - the parameter table: ranges, steps, scales, snapping and track mapping. */
#include "optdeploy/ui/ui_params.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "optdeploy/core/pool_text.h"
#include "optdeploy/core/status.h"
#include "optdeploy/core/units.h"

#define LAMBDA_PER_K_MAX 5.0
#define K_TRACK_MIN 10.0

static const struct ui_param table[UI_P_COUNT] = {
	[UI_P_BUDGET] = { "Budget", "cost/inference", UI_LINEAR, 0, 100, 0, DBL_MAX,
			  1, 10, false, 50 },
	[UI_P_FLOOR] = { "Accuracy floor", "expected accuracy", UI_LINEAR, 0, 100, -DBL_MAX, DBL_MAX,
			 1, 10, false, 50 },
	[UI_P_LAMBDA] = { "Lambda", "multiple of K", UI_LINEAR, 0, LAMBDA_PER_K_MAX, 0, 1e12,
			  0.01, 0.1, false, 0.1 },
	[UI_P_K] = { "K", "inferences, log scale", UI_LOG, K_TRACK_MIN, 1e9, 1, 1e9,
		     0.1, 1, true, 1000 },
	[UI_P_DURATION] = { "Duration", "seconds, log scale", UI_LOG, 1, 1e9, 1, 1e9,
			    0.05, 0.5, false, 3600, 0, true },
	[UI_P_MAX_MODELS] = { "Max models", "models used at once", UI_LINEAR, 1, 1, 1, 1,
			      1, 1, true, 1 },
	[UI_P_MEMORY] = { "Memory", "sum over the models used", UI_LINEAR, 0, 1, 0, DBL_MAX,
			  1, 10, false, 1 },
	[UI_P_DEADLINE] = { "Deadline", "ms per inference, log scale", UI_LOG, 1, 10, 1e-6, 1e9,
			    0.02, 0.2, false, 10 },
	[UI_P_RATE] = { "Rate", "inferences/s, log scale", UI_LOG, 1, 10, 1e-9, 1e12,
			0.02, 0.2, false, 1 },
};

double ui_step125(double v, int dir)
{
	static const double mant[] = { 1, 2, 5, 10 };
	double base = pow(10, floor(log10(v)));

	/* tolerances: pow(10, e) and v carry rounding, and v may itself be a grid value */
	if (dir > 0) {
		for (int i = 0; i < 4; i++)
			if (mant[i] * base > v * (1 + 1e-9))
				return ui_round_sig2(mant[i] * base);
		return ui_round_sig2(20 * base);
	}
	for (int i = 3; i >= 0; i--)
		if (mant[i] * base < v * (1 - 1e-9))
			return ui_round_sig2(mant[i] * base);
	return ui_round_sig2(0.5 * base);
}

/* A limit's track: 1-2-5 from the grid value at or below `least` when it spans decades. */
static void limit_scale(struct ui_param *p, double least)
{
	double g;

	p->scale = UI_LINEAR;
	if (!(least > 0) || !isfinite(least))
		return;
	/* the grid value at or below least: the one below, or least itself when on the grid */
	g = ui_step125(least, -1);
	if (ui_step125(g, 1) <= least * (1 + 1e-9))
		g = ui_step125(g, 1);
	if (p->max / g > UI_STEPS125_RATIO) {
		p->scale = UI_STEPS125;
		p->grid_lo = g;
	}
}

void ui_params_time(struct ui_param *p, const struct pool *pool)
{
	struct ui_param *d = &p[UI_P_DEADLINE], *r = &p[UI_P_RATE];
	double tmin = INFINITY, tmax = 0;

	for (size_t i = 0; i < pool->n; i++) {
		double t = pool->models[i].latency;
		if (t > 0)
			tmin = fmin(tmin, t);
		tmax = fmax(tmax, t);
	}
	if (!(tmax > 0)) {  /* no latencies: sliders that do nothing */
		tmin = 1e-3;
		tmax = 1;
	}
	if (!(tmax > tmin))
		tmax = 10 * tmin;
	/* the ends exactly: the fastest model alone at the bottom, every model at the top */
	d->min = tmin * 1e3;
	d->max = tmax * 1e3;
	d->value = d->max;
	r->min = ui_round_sig2(0.5 / tmax);
	r->max = ui_round_sig2(2 / tmin);
	r->value = r->min;
}

double ui_params_deadline(const struct ui_param *p)
{
	const struct ui_param *d = &p[UI_P_DEADLINE];

	return d->value >= d->max ? 0 : d->value * 1e-3;
}

double ui_params_rate(const struct ui_param *p, bool battery)
{
	const struct ui_param *r = &p[UI_P_RATE];

	return !battery && r->value <= r->min ? 0 : r->value;
}

void ui_params_limits(struct ui_param *p, const struct pool *pool)
{
	struct ui_param *mm = &p[UI_P_MAX_MODELS], *mem = &p[UI_P_MEMORY];
	double total = 0, least = INFINITY;

	mm->min = mm->lo = 1;
	mm->max = mm->hi = (double)(pool->n > 0 ? pool->n : 1);
	mm->value = mm->max;
	limit_scale(mm, 1);
	for (size_t i = 0; i < pool->n; i++) {
		total += pool->models[i].memory;
		if (pool->models[i].memory > 0)
			least = fmin(least, pool->models[i].memory);
	}
	mem->min = mem->lo = 0;
	mem->max = total > 0 ? total : 1;
	mem->step = ui_nice_step(mem->max);
	mem->big = 10 * mem->step;
	mem->value = mem->max;
	limit_scale(mem, least);
}

size_t ui_params_max_models(const struct ui_param *p)
{
	const struct ui_param *mm = &p[UI_P_MAX_MODELS];

	return mm->value >= mm->max ? 0 : (size_t)llround(mm->value);
}

double ui_params_memory_limit(const struct ui_param *p)
{
	const struct ui_param *mem = &p[UI_P_MEMORY];

	return mem->value >= mem->max ? INFINITY : mem->value;
}

void ui_params_duration(struct ui_param *p, double rate_per_s, double max_s, double start)
{
	struct ui_param *d = &p[UI_P_DURATION];

	d->min = K_TRACK_MIN / rate_per_s;
	d->max = 1e9 / rate_per_s;
	d->lo = 1 / rate_per_s;
	if (max_s < d->max)
		d->max = d->hi = max_s;
	else
		d->hi = d->max;
	d->value = start;
	d->min = fmin(d->min, start);
	d->max = fmax(d->max, start);
}

double ui_nice_step(double span)
{
	double raw, base, m;

	if (!(span > 0) || !isfinite(span))
		return 1;
	raw = span / 100;
	base = pow(10, floor(log10(raw)));
	m = raw / base;
	if (m < 1.5)
		return base;
	if (m < 3.5)
		return 2 * base;
	if (m < 7.5)
		return 5 * base;
	return 10 * base;
}

double ui_round_sig2(double v)
{
	double mag;

	if (!(v > 0) || !isfinite(v))
		return v;
	mag = pow(10, floor(log10(v)) - 1);
	return round(v / mag) * mag;
}

/* Decimals a grid step needs, so 0.1 * 3 prints and compares as 0.3. */
static int step_decimals(double step)
{
	int d = (int)ceil(-log10(step) - 1e-9);
	return d < 0 ? 0 : d > 12 ? 12 : d;
}

static double clean(double v, double step)
{
	char buf[64];

	snprintf(buf, sizeof buf, "%.*f", step_decimals(step), v);
	return strtod(buf, NULL);
}

/* A linear range [lo, hi] with its grid step; a degenerate range gets a unit width. */
static void set_range(struct ui_param *p, double lo, double hi)
{
	if (!(hi > lo)) {
		lo -= 0.5;
		hi += 0.5;
	}
	p->min = lo;
	p->max = hi;
	p->step = ui_nice_step(hi - lo);
	p->big = 10 * p->step;
}


/* The cheapest cost above 0 (0 when every model is free) and the dearest. */
static void positive_range(const struct pool *pool, double *lo, double *hi)
{
	*lo = 0;
	*hi = 0;
	for (size_t i = 0; i < pool->n; i++) {
		double c = pool->models[i].cost;
		if (c > 0 && (*lo == 0 || c < *lo))
			*lo = c;
		*hi = c > *hi ? c : *hi;
	}
}

bool ui_params_budget_scale(struct ui_param *p, const struct pool *pool, bool log)
{
	struct ui_param *b = &p[UI_P_BUDGET];
	double lo, hi;

	if (!log) {
		b->scale = UI_LINEAR;
		set_range(b, pool->models[pool_cheapest(pool)].cost, pool_max_cost(pool));
		return true;
	}
	positive_range(pool, &lo, &hi);
	if (!(lo > 0) || !(hi > lo))
		return false;
	b->scale = UI_LOG;
	b->min = lo;
	b->max = hi;
	b->step = log10(hi / lo) / 100;
	b->big = 10 * b->step;
	b->value = ui_param_clamp(b, b->value);
	return true;
}

void ui_params_fit(struct ui_param *p, const struct pool *pool)
{
	double amin = pool->models[0].accuracy, amax = amin;

	for (size_t i = 1; i < pool->n; i++) {
		amin = fmin(amin, pool->models[i].accuracy);
		amax = fmax(amax, pool->models[i].accuracy);
	}
	/* a log budget stays log when it can */
	if (p[UI_P_BUDGET].scale != UI_LOG || !ui_params_budget_scale(p, pool, true))
		ui_params_budget_scale(p, pool, false);
	set_range(&p[UI_P_FLOOR], amin, amax);
}

void ui_params_init(struct ui_param *p, const struct pool *pool)
{
	memcpy(p, table, sizeof table);
	ui_params_fit(p, pool);
	ui_params_limits(p, pool);
	ui_params_time(p, pool);
	for (int i = UI_P_BUDGET; i <= UI_P_FLOOR; i++)
		p[i].value = ui_param_clamp(&p[i], ui_param_snap(&p[i], (p[i].min + p[i].max) / 2));
}

/* The grid value of a 1-2-5 track nearest v in log terms (min below the grid's half-way). */
static double snap125(const struct ui_param *p, double v)
{
	double below, above;

	if (!(v > 0) || v < p->grid_lo / 2)
		return p->min < p->grid_lo ? p->min : p->grid_lo;
	if (v >= p->max)
		return p->max;
	below = ui_step125(v * (1 + 1e-9), -1);
	below = below < p->grid_lo ? p->grid_lo : below;
	above = ui_step125(below, 1);
	above = above > p->max ? p->max : above;
	if (below > v)
		return below;
	return log(v / below) <= log(above / v) ? below : above;
}

double ui_param_snap(const struct ui_param *p, double v)
{
	if (p->scale == UI_LOG)
		return ui_round_sig2(v);
	if (p->scale == UI_STEPS125)
		return snap125(p, v);
	return clean(round(v / p->step) * p->step, p->step);
}

double ui_param_clamp(const struct ui_param *p, double v)
{
	return v < p->min ? p->min : v > p->max ? p->max : v;
}

static double log_step(const struct ui_param *p, double v, int dir, double s)
{
	double t = log10(v) / s;
	double g = dir > 0 ? floor(t + 1e-9) + 1 : ceil(t - 1e-9) - 1;
	double r = ui_round_sig2(pow(10, g * s));

	/* two-digit rounding can land back on v: walk on until the value moves */
	for (int guard = 0; guard < 100 && (dir > 0 ? r <= v : r >= v); guard++) {
		g += dir > 0 ? 1 : -1;
		r = ui_round_sig2(pow(10, g * s));
	}
	return ui_param_clamp(p, r);
}

/* The next 1-2-5 value, or three (a decade) for a big step; min below the grid, max above it. */
static double step125(const struct ui_param *p, double v, int dir, bool big)
{
	for (int i = 0; i < (big ? 3 : 1); i++) {
		if (dir > 0)
			v = v < p->grid_lo ? p->grid_lo : ui_step125(v, 1);
		else
			v = v > p->max ? p->max : v > 0 ? ui_step125(v, -1) : p->min;
		if (v > p->max || v < p->grid_lo * (1 - 1e-9))
			return v > p->max ? p->max : p->min;
	}
	return v;
}

double ui_param_step(const struct ui_param *p, double v, int dir, bool big)
{
	double s = big ? p->big : p->step;
	double g;

	if (p->scale == UI_STEPS125)
		return step125(p, v, dir, big);
	if (p->scale == UI_LOG)
		return log_step(p, v > 0 ? v : p->min, dir, s);
	g = dir > 0 ? floor(v / s + 1e-9) + 1 : ceil(v / s - 1e-9) - 1;
	return ui_param_clamp(p, clean(g * s, p->step));
}

static double to_scale(const struct ui_param *p, double v)
{
	return p->scale == UI_LOG ? log10(v > 0 ? v : p->min) : v;
}

/* A 1-2-5 track: its first column is min when min is below the grid (0), the rest log. */
static int col125(const struct ui_param *p, double v, int w)
{
	int off = p->min < p->grid_lo ? 1 : 0;
	double f;

	if (v < p->grid_lo)
		return 0;
	f = log10(v / p->grid_lo) / log10(p->max / p->grid_lo);
	f = f > 1 ? 1 : f;
	return off + (int)lround(f * (w - 1 - off));
}

static double from_col125(const struct ui_param *p, int col, int w)
{
	int off = p->min < p->grid_lo ? 1 : 0;
	double t;

	if (col < off || w - 1 - off <= 0)
		return p->min;
	t = (double)(col - off) / (w - 1 - off);
	return snap125(p, p->grid_lo * pow(p->max / p->grid_lo, t));
}

int ui_param_to_col(const struct ui_param *p, double v, int w)
{
	double a = to_scale(p, p->min), b = to_scale(p, p->max), f;

	if (w <= 1 || !(b > a))
		return 0;
	if (p->scale == UI_STEPS125)
		return col125(p, ui_param_clamp(p, v), w);
	f = (to_scale(p, ui_param_clamp(p, v)) - a) / (b - a);
	return (int)lround(f * (w - 1));
}

double ui_param_from_col(const struct ui_param *p, int col, int w)
{
	double a = to_scale(p, p->min), b = to_scale(p, p->max), t;

	if (w <= 1)
		return p->min;
	if (col <= 0)
		return p->min;
	if (col >= w - 1)
		return p->max;
	if (p->scale == UI_STEPS125)
		return from_col125(p, col, w);
	t = a + (b - a) * col / (w - 1);
	return ui_param_clamp(p, ui_param_snap(p, p->scale == UI_LOG ? pow(10, t) : t));
}

void ui_param_format(const struct ui_param *p, double v, char *buf, size_t size)
{
	if (p->duration) {  /* with its unit, as --duration and the prompt read it */
		struct ui_param plain = *p;
		size_t n;
		plain.duration = false;
		ui_param_format(&plain, v, buf, size);
		n = strlen(buf);
		snprintf(buf + n, size - n, "s");
		return;
	}
	if (p->integer && fabs(v) < 1e15) {
		snprintf(buf, size, "%lld", (long long)llround(v));
		return;
	}
	/* plain decimals for everyday magnitudes ("100", not "1e+02"), %g beyond */
	if (v == 0 || (fabs(v) >= 1e-4 && fabs(v) < 1e15)) {
		for (int dec = 0; dec <= 17; dec++) {
			snprintf(buf, size, "%.*f", dec, v);
			if (strtod(buf, NULL) == v)
				return;
		}
	}
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, size, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			return;
	}
}

/*
 * One number in the C locale, whatever LC_NUMERIC says (the command line and
 * CSV files read only '.'); one ',' with no '.' is a decimal mark too, as
 * people write it in much of Europe.
 */
static bool read_number(const char *text, double *v)
{
	char buf[64];
	const char *comma = strchr(text, ',');
	size_t n = strlen(text);

	snprintf(buf, sizeof buf, "%s", text);
	if (n < sizeof buf && comma != NULL && strchr(comma + 1, ',') == NULL &&
	    strchr(text, '.') == NULL)
		buf[comma - text] = '.';
	return n < sizeof buf && pool_text_number(buf, strlen(buf), v) == POOL_NUM_OK &&
	       isfinite(*v);
}

/* p's range for a message: "1 s .. 2 d 9 h" for a duration. */
static void range_text(const struct ui_param *p, double v, char *buf, size_t size)
{
	if (p->duration)
		units_format_duration(buf, size, v);
	else
		ui_param_format(p, v, buf, size);
}

bool ui_param_parse(const struct ui_param *p, const char *text, double *out,
		    char *err, size_t errsize)
{
	char lo[40], hi[40];
	double v;

	while (*text == ' ')
		text++;
	if (!read_number(text, &v)) {
		struct units_exact q;
		struct status_msg m;
		status_clear(&m);
		if (!p->duration) {
			snprintf(err, errsize, "%s: \"%s\" is not a number", p->name, text);
			return false;
		}
		/* as --duration takes it: "2h", "90min", "1.5d" */
		if (units_parse_duration(text, &q, &m) != ST_OK) {
			snprintf(err, errsize, "%s: %s", p->name, m.text);
			return false;
		}
		v = units_exact_value(&q);
	}
	if (p->integer && v != floor(v)) {
		snprintf(err, errsize, "%s: \"%s\" is not a whole number", p->name, text);
		return false;
	}
	if (v < p->lo || v > p->hi) {
		range_text(p, p->lo, lo, sizeof lo);
		range_text(p, p->hi, hi, sizeof hi);
		if (p->hi >= DBL_MAX)
			snprintf(err, errsize, "%s: %s is below %s", p->name, text, lo);
		else
			snprintf(err, errsize, "%s: %s is outside %s .. %s", p->name, text, lo, hi);
		return false;
	}
	*out = v;
	return true;
}
