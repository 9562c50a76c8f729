/*
 * units.c - strict parsing of physical quantities (energy, battery, power,
 * rate, duration, cost unit), exact decimal arithmetic for K, formatting.
 *
 * A NUMBER is read into an exact decimal (mantissa x 10^exp) before any
 * binary rounding: scaled energies are then rounded once, from their exact
 * decimal value, and K = floor(rate x duration) is computed in integers.
 */
#include "optdeploy/core/units.h"

#include <ctype.h>
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

__extension__ typedef unsigned __int128 u128;

#define EXP_CLAMP 100000  /* exponents beyond this are equally out of range */

/* A unit: its spelling and its factor fmant x 10^fexp in the SI base unit. */
struct unit {
	const char *name;
	uint32_t fmant;
	int fexp;
};

static const struct unit energy_units[] = {
	/* micro as u, the micro sign U+00B5 and the Greek mu U+03BC (keyboards differ) */
	{ "J", 1, 0 }, { "kJ", 1, 3 }, { "mJ", 1, -3 }, { "uJ", 1, -6 }, { "\xc2\xb5J", 1, -6 },
	{ "\xce\xbcJ", 1, -6 }, { "nJ", 1, -9 }, { "Wh", 36, 2 }, { "kWh", 36, 5 }, { "mWh", 36, -1 }, { NULL, 0, 0 }
};
static const struct unit power_units[] = {
	{ "W", 1, 0 }, { "mW", 1, -3 }, { "uW", 1, -6 }, { "\xc2\xb5W", 1, -6 },
	{ "\xce\xbcW", 1, -6 }, { NULL, 0, 0 }
};
static const struct unit charge_units[] = {   /* in coulombs */
	{ "Ah", 36, 2 }, { "mAh", 36, -1 }, { NULL, 0, 0 }
};
static const struct unit voltage_units[] = {
	{ "V", 1, 0 }, { "mV", 1, -3 }, { NULL, 0, 0 }
};
static const struct unit time_units[] = {     /* fmant is the unit in seconds */
	{ "s", 1, 0 }, { "min", 60, 0 }, { "h", 3600, 0 }, { "d", 86400, 0 }, { NULL, 0, 0 }
};

static const struct unit latency_units[] = {
	{ "s", 1, 0 }, { "ms", 1, -3 }, { "us", 1, -6 }, { "\xc2\xb5s", 1, -6 }, { NULL, 0, 0 }
};

#define LATENCY_LIST "s, ms, us"
#define ENERGY_LIST "J, kJ, mJ, uJ, nJ, Wh, kWh, mWh"
#define POWER_LIST "W, mW, uW"
#define TIME_LIST "s, min, h, d"

const char *units_quoted(const char *s, char *buf, size_t size)
{
	size_t n = 0;
	for (; s[n] != '\0' && n + 4 < size; n++) {
		unsigned char c = (unsigned char)s[n];
		buf[n] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
	}
	if (s[n] != '\0' && size >= 4) {
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n] = '\0';
	return buf;
}

#define Q(s) units_quoted((s), (char[48]){ 0 }, 48)

struct decimal {
	uint64_t mant;
	int exp10;
};

/* Digits of [digits][.digits]: significant ones into d, the rest counted. */
static const char *scan_digits(const char *p, struct decimal *d, int *sig, int *ndigits,
			       int *trailing_zeros)
{
	bool frac = false;
	for (;; p++) {
		if (*p == '.' && !frac) {
			frac = true;
			continue;
		}
		if (*p < '0' || *p > '9')
			return p;
		(*ndigits)++;
		if (frac)
			d->exp10--;
		if (*p == '0' && *sig == 0)
			continue;                 /* a leading zero */
		if (*p == '0') {
			(*trailing_zeros)++;      /* kept back until a non-zero digit follows */
			continue;
		}
		for (; *trailing_zeros > 0; (*trailing_zeros)--, (*sig)++)
			if (*sig < UNITS_MAX_DIGITS + 1)
				d->mant *= 10;
		if (*sig < UNITS_MAX_DIGITS + 1)
			d->mant = d->mant * 10 + (uint64_t)(*p - '0');
		(*sig)++;
	}
}

/* [(e|E)[+|-]digits]; false when the exponent has no digits. */
static bool scan_exponent(const char **pp, long *e)
{
	const char *p = *pp;
	int sign = 1;
	*e = 0;
	if (*p != 'e' && *p != 'E')
		return true;
	p++;
	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++)
		if (*e < EXP_CLAMP)
			*e = *e * 10 + (*p - '0');
	*e *= sign;
	*pp = p;
	return true;
}

/*
 * The NUMBER at the start of s into d; *end is where its unit starts.
 * `what` names the quantity in messages ("a duration").
 */
static enum status parse_number(const char *s, const char *what, struct decimal *d,
				const char **end, struct status_msg *m)
{
	int sig = 0, ndigits = 0, zeros = 0;
	long e;
	const char *p = s;
	d->mant = 0;
	d->exp10 = 0;
	if (*s == '\0')
		return status_fail(m, ST_USAGE, "the value is empty (%s needs a number and a unit)",
				   what);
	if (isspace((unsigned char)*s))
		return status_fail(m, ST_USAGE, "\"%s\": spaces are not allowed", Q(s));
	if (*s == '-')
		return status_fail(m, ST_USAGE, "\"%s\": %s cannot be negative", Q(s), what);
	if (*s == '+')
		return status_fail(m, ST_USAGE, "\"%s\": no sign is allowed", Q(s));
	p = scan_digits(p, d, &sig, &ndigits, &zeros);
	if (ndigits == 0)
		return status_fail(m, ST_USAGE, "\"%s\" does not start with a number", Q(s));
	if (!scan_exponent(&p, &e))
		return status_fail(m, ST_USAGE, "\"%s\": the exponent has no digits", Q(s));
	if (sig > UNITS_MAX_DIGITS)
		return status_fail(m, ST_USAGE, "\"%s\": more than %d significant digits", Q(s),
				   UNITS_MAX_DIGITS);
	d->exp10 += zeros;
	if (d->mant == 0)
		d->exp10 = 0;
	else if (e + d->exp10 > EXP_CLAMP || e + d->exp10 < -EXP_CLAMP)
		d->exp10 = e > 0 ? EXP_CLAMP : -EXP_CLAMP;
	else
		d->exp10 += (int)e;
	*end = p;
	return ST_OK;
}

/* Look the unit up; on failure a message that helps (case, mega, spaces). */
static enum status find_unit(const char *s, const char *u, const struct unit *table,
			     const char *kind, const char *list, const struct unit **out,
			     struct status_msg *m)
{
	for (const struct unit *t = table; t->name != NULL; t++)
		if (strcmp(u, t->name) == 0) {
			*out = t;
			return ST_OK;
		}
	if (*u == '\0')
		return status_fail(m, ST_USAGE, "\"%s\": missing unit (%s)", Q(s), list);
	if (isspace((unsigned char)*u))
		return status_fail(m, ST_USAGE, "\"%s\": no space between the number and the unit",
				   Q(s));
	if (u[0] == 'M' && u[1] != '\0' && table != time_units) {
		for (const struct unit *t = table; t->name != NULL; t++)
			if (t->name[0] == 'm' && strcmp(u + 1, t->name + 1) == 0)
				return status_fail(m, ST_USAGE, "\"%s\": '%s' is mega (10^6), not "
						   "supported; did you mean '%s' (milli)?", Q(s),
						   Q(u), t->name);
	}
	for (const struct unit *t = table; t->name != NULL; t++)
		if (strcasecmp(u, t->name) == 0)
			return status_fail(m, ST_USAGE, "\"%s\": unknown unit '%s' (units are "
					   "case-sensitive: did you mean '%s'?)", Q(s), Q(u), t->name);
	return status_fail(m, ST_USAGE, "\"%s\": unknown %s unit '%s' (%s)", Q(s), kind, Q(u),
			   list);
}

/* mant x 10^exp10 rounded once to the nearest double (strtod is exact on decimals). */
static double decimal_double(u128 mant, int exp10)
{
	char digits[48], buf[64];
	size_t n = 0;
	if (mant == 0)
		return 0.0;
	for (; mant > 0 && n < sizeof digits - 1; mant /= 10)
		digits[n++] = (char)('0' + (int)(mant % 10));
	for (size_t i = 0; i < n / 2; i++) {
		char c = digits[i];
		digits[i] = digits[n - 1 - i];
		digits[n - 1 - i] = c;
	}
	digits[n] = '\0';
	snprintf(buf, sizeof buf, "%se%d", digits, exp10);
	return strtod(buf, NULL);
}

/*
 * The scaled value must be a usable double: finite, not lost to underflow
 * (a non-zero input that rounds to 0 or to a subnormal), and above 0 unless
 * zero_ok.
 */
static enum status check_range(const char *s, uint64_t mant, double v, bool zero_ok,
			       const char *what, struct status_msg *m)
{
	if (!isfinite(v))
		return status_fail(m, ST_USAGE, "\"%s\" is too large", Q(s));
	if (mant != 0 && v < DBL_MIN)
		return status_fail(m, ST_USAGE, "\"%s\" is too small", Q(s));
	if (v == 0 && !zero_ok)
		return status_fail(m, ST_USAGE, "\"%s\": %s must be above 0", Q(s), what);
	return ST_OK;
}

/* NUMBER UNIT from table, scaled exactly, rounded once. */
static enum status parse_scaled(const char *s, const char *u_end, const struct unit *table,
				const char *kind, const char *what, const char *list,
				struct decimal *d, const struct unit **unit, struct status_msg *m)
{
	const char *end;
	char u[32];
	enum status st = parse_number(s, what, d, &end, m);
	if (st != ST_OK)
		return st;
	size_t len = u_end != NULL ? (size_t)(u_end - end) : strlen(end);
	if (len >= sizeof u)
		len = sizeof u - 1;
	memcpy(u, end, len);
	u[len] = '\0';
	return find_unit(s, u, table, kind, list, unit, m);
}

/* A number and one unit of table, as one value in SI units (one rounding). */
static enum status parse_quantity(const char *s, const struct unit *table, const char *kind,
				  const char *article, const char *list, bool zero_ok, double *out,
				  struct status_msg *m)
{
	struct decimal d;
	const struct unit *u = NULL;
	enum status st = parse_scaled(s, NULL, table, kind, article, list, &d, &u, m);
	if (st != ST_OK)
		return st;
	double v = decimal_double((u128)d.mant * u->fmant, d.exp10 + u->fexp);
	st = check_range(s, d.mant, v, zero_ok, article, m);
	if (st == ST_OK)
		*out = v;
	return st;
}

enum status units_parse_energy(const char *s, double *joules, struct status_msg *m)
{
	return parse_quantity(s, energy_units, "energy", "an energy", ENERGY_LIST, false, joules, m);
}

enum status units_parse_latency(const char *s, double *seconds, struct status_msg *m)
{
	return parse_quantity(s, latency_units, "time", "a time", LATENCY_LIST, false, seconds, m);
}

enum status units_parse_latency_unit(const char *s, double *seconds, struct status_msg *m)
{
	for (const struct unit *t = latency_units; t->name != NULL; t++)
		if (strcmp(s, t->name) == 0) {
			*seconds = decimal_double(t->fmant, t->fexp);
			return ST_OK;
		}
	return status_fail(m, ST_USAGE, "\"%s\" is not a latency unit (" LATENCY_LIST ")", Q(s));
}

/* "3000mAh@3.7V": charge (C) x voltage (V), one rounding. */
static enum status parse_charge_at_voltage(const char *s, const char *at, double *joules,
					   struct status_msg *m)
{
	struct decimal q, v;
	const struct unit *qu = NULL, *vu = NULL;
	enum status st = parse_scaled(s, at, charge_units, "charge", "a charge", "Ah, mAh",
					&q, &qu, m);
	if (st == ST_OK && at[1] == '\0')
		st = status_fail(m, ST_USAGE, "\"%s\": the voltage after '@' is missing "
				 "(e.g. 3000mAh@3.7V)", Q(s));
	if (st == ST_OK)
		st = parse_scaled(at + 1, NULL, voltage_units, "voltage", "a voltage", "V, mV",
				  &v, &vu, m);
	if (st != ST_OK)
		return st;
	u128 mant = (u128)q.mant * qu->fmant * v.mant * vu->fmant;
	double e = decimal_double(mant, q.exp10 + qu->fexp + v.exp10 + vu->fexp);
	st = check_range(s, q.mant != 0 && v.mant != 0, e, false, "a battery capacity", m);
	if (st == ST_OK)
		*joules = e;
	return st;
}

enum status units_parse_battery(const char *s, double *joules, struct status_msg *m)
{
	const char *at = strchr(s, '@');
	struct decimal d;
	const char *end;
	if (at != NULL)
		return parse_charge_at_voltage(s, at, joules, m);
	/* a charge alone is not an energy: say what is missing */
	if (parse_number(s, "a battery capacity", &d, &end, NULL) == ST_OK &&
	    (strcmp(end, "mAh") == 0 || strcmp(end, "Ah") == 0))
		return status_fail(m, ST_USAGE, "\"%s\": a charge needs its voltage, e.g. "
				   "\"%s@3.7V\" (or give an energy: %s)", Q(s), Q(s), ENERGY_LIST);
	return units_parse_energy(s, joules, m);
}

enum status units_parse_power(const char *s, double *watts, struct status_msg *m)
{
	return parse_quantity(s, power_units, "power", "a power", POWER_LIST, true, watts, m);
}

enum status units_parse_rate(const char *s, struct units_exact *per_second,
			     struct status_msg *m)
{
	struct decimal d;
	const struct unit *u = NULL;
	const char *end;
	enum status st = parse_number(s, "a rate", &d, &end, m);
	if (st != ST_OK)
		return st;
	if (*end != '/')
		return status_fail(m, ST_USAGE, "\"%s\": a rate is a count per time unit, "
				   "e.g. 2/s, 30/min, 1/h", Q(s));
	st = find_unit(s, end + 1, time_units, "time", TIME_LIST, &u, m);
	if (st != ST_OK)
		return st;
	if (d.mant == 0)
		return status_fail(m, ST_USAGE, "\"%s\": a rate must be above 0", Q(s));
	*per_second = (struct units_exact){ d.mant, d.exp10, 1, u->fmant };
	return check_range(s, d.mant, units_exact_value(per_second), false, "a rate", m);
}

enum status units_parse_duration(const char *s, struct units_exact *seconds,
				 struct status_msg *m)
{
	struct decimal d;
	const struct unit *u = NULL;
	const char *end;
	enum status st = parse_number(s, "a duration", &d, &end, m);
	if (st == ST_OK)
		st = find_unit(s, end, time_units, "time", TIME_LIST, &u, m);
	if (st != ST_OK)
		return st;
	if (d.mant == 0)
		return status_fail(m, ST_USAGE, "\"%s\": a duration must be above 0", Q(s));
	*seconds = (struct units_exact){ d.mant, d.exp10, u->fmant, 1 };
	return check_range(s, d.mant, units_exact_value(seconds), false, "a duration", m);
}

enum status units_parse_cost_unit(const char *s, double *joules, const char **name,
				  struct status_msg *m)
{
	const struct unit *u = NULL;
	if (*s == '\0')
		return status_fail(m, ST_USAGE, "the value is empty (%s)", ENERGY_LIST);
	if ((*s >= '0' && *s <= '9') || *s == '.')
		return status_fail(m, ST_USAGE, "\"%s\": give the unit alone (%s), e.g. mJ",
				   Q(s), ENERGY_LIST);
	enum status st = find_unit(s, s, energy_units, "energy", ENERGY_LIST, &u, m);
	if (st != ST_OK)
		return st;
	*joules = decimal_double(u->fmant, u->fexp);
	*name = u->fexp == -6 ? "uJ" : u->name;
	return ST_OK;
}

/* The unit of energy_units called name (canonical or "µJ"), or NULL. */
static const struct unit *energy_unit(const char *name)
{
	for (const struct unit *t = energy_units; name != NULL && t->name != NULL; t++)
		if (strcmp(name, t->name) == 0)
			return t;
	return NULL;
}

static const char *canonical(const struct unit *u)
{
	return strcmp(u->name, "\xc2\xb5J") == 0 ? "uJ" : u->name;
}

bool units_energy_unit(const char *name, double *joules, const char **canonical_name)
{
	const struct unit *u = energy_unit(name);
	if (u == NULL)
		return false;
	if (joules != NULL)
		*joules = decimal_double(u->fmant, u->fexp);
	if (canonical_name != NULL)
		*canonical_name = canonical(u);
	return true;
}

enum status units_parse_energy_in(const char *s, const char *unit, double *value,
				  struct status_msg *m)
{
	struct decimal d;
	const struct unit *u = NULL, *to = energy_unit(unit);
	if (to == NULL)
		return status_fail(m, ST_INTERNAL, "'%s' is not an energy unit", Q(unit));
	enum status st = parse_scaled(s, NULL, energy_units, "energy", "an energy", ENERGY_LIST,
				      &d, &u, m);
	if (st != ST_OK)
		return st;
	/* one rounding when the target's factor is a power of ten (all but the Wh family) */
	double v = decimal_double((u128)d.mant * u->fmant, d.exp10 + u->fexp - to->fexp) /
		   (double)to->fmant;
	st = check_range(s, d.mant, v, true, "an energy", m);
	if (st == ST_OK)
		*value = v;
	return st;
}

enum status units_parse_energy_factor(const char *s, double *factor, const char **name,
				      struct status_msg *m)
{
	struct decimal d;
	const struct unit *u = NULL;
	enum status st = parse_scaled(s, NULL, energy_units, "energy", "an energy", ENERGY_LIST,
				      &d, &u, m);
	if (st != ST_OK)
		return st;
	double v = decimal_double(d.mant, d.exp10);
	st = check_range(s, d.mant, v, false, "the energy of one cost unit", m);
	if (st != ST_OK)
		return st;
	*factor = v;
	*name = canonical(u);
	return ST_OK;
}

double units_exact_value(const struct units_exact *q)
{
	return decimal_double((u128)q->mant * q->num, q->exp10) / (double)q->den;
}

enum status units_exact_from_double(double v, struct units_exact *out, struct status_msg *m)
{
	char buf[40];
	struct decimal d;
	const char *end;
	if (!isfinite(v) || v < 0 || (v != 0 && v < DBL_MIN))
		return status_fail(m, ST_USAGE, "%g is not a usable quantity", v);
	int digits = 1;
	for (; digits <= UNITS_MAX_DIGITS; digits++) {
		snprintf(buf, sizeof buf, "%.*e", digits - 1, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	if (digits > UNITS_MAX_DIGITS)
		return status_fail(m, ST_USAGE, "%.17g has no decimal form of %d digits", v,
				   UNITS_MAX_DIGITS);
	/* the planner may run under a locale whose decimal point is not '.' */
	for (char *p = buf, *w = buf;; p++) {
		bool keep = (*p >= '0' && *p <= '9') || *p == 'e' || *p == '+' || *p == '-' ||
			    *p == '\0';
		if (keep)
			*w++ = *p;
		else if (w == buf || w[-1] != '.')
			*w++ = '.';
		if (*p == '\0')
			break;
	}
	if (parse_number(buf, "a quantity", &d, &end, m) != ST_OK || *end != '\0')
		return status_fail(m, ST_USAGE, "%.17g has no short decimal form", v);
	*out = (struct units_exact){ d.mant, d.exp10, 1, 1 };
	return ST_OK;
}

static uint64_t gcd64(uint64_t a, uint64_t b)
{
	while (b != 0) {
		uint64_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

long long units_floor_product(const struct units_exact *a, const struct units_exact *b,
			      long long cap)
{
	uint64_t num = (uint64_t)a->num * b->num, den = (uint64_t)a->den * b->den;
	u128 x = (u128)a->mant * b->mant;   /* < 10^30 */
	long e = (long)a->exp10 + b->exp10;
	if (x == 0 || num == 0 || den == 0)
		return 0;
	uint64_t g = gcd64(num, den);
	num /= g;
	den /= g;
	if (x > ~(u128)0 / num)
		return -1;
	x *= num;
	/* multiply before dividing (floors nest only for division), stopping past the cap */
	u128 limit = ((u128)cap + 1) * den;
	for (; e > 0; e--) {
		if (x > limit)
			return cap + 1;
		x *= 10;
	}
	x /= den;
	for (; e < 0 && x > 0; e++)
		x /= 10;
	return x > (u128)cap ? cap + 1 : (long long)x;
}

void units_format_duration(char *buf, size_t size, double seconds)
{
	static const struct { const char *name; long long secs; } parts[] = {
		{ "d", 86400 }, { "h", 3600 }, { "min", 60 }
	};
	size_t used = 0;
	if (!isfinite(seconds) || seconds < 0) {
		snprintf(buf, size, "?");
		return;
	}
	if (seconds < 60) {
		snprintf(buf, size, "%.4g s", seconds);
		return;
	}
	if (seconds >= 86400e6) {
		snprintf(buf, size, "%.6g d", seconds / 86400);
		return;
	}
	double ms = round(seconds * 1000);
	long long whole = (long long)(ms / 1000);
	double rest = (ms - (double)whole * 1000) / 1000;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		long long q = whole / parts[i].secs;
		whole %= parts[i].secs;
		if (q > 0 && used < size)
			used += (size_t)snprintf(buf + used, size - used, "%s%lld %s",
						 used ? " " : "", q, parts[i].name);
	}
	if ((whole > 0 || rest > 0) && used < size)
		snprintf(buf + used, size - used, "%s%.10g s", used ? " " : "",
			 (double)whole + rest);
}

/* value with the prefix that keeps 1 <= |mantissa| < 1000 (M .. n). */
static void format_prefixed(char *buf, size_t size, double v, const char *base)
{
	static const struct { const char *prefix; double scale; } pre[] = {
		{ "M", 1e6 }, { "k", 1e3 }, { "", 1 }, { "m", 1e-3 }, { "u", 1e-6 }, { "n", 1e-9 }
	};
	size_t i = 0;
	double a = fabs(v);
	if (v == 0 || !isfinite(v)) {
		snprintf(buf, size, "%g %s", v == 0 ? 0.0 : v, base);
		return;
	}
	while (i + 1 < sizeof pre / sizeof pre[0] && a < pre[i].scale * 0.9999995)
		i++;
	snprintf(buf, size, "%.6g %s%s", v / pre[i].scale, pre[i].prefix, base);
}

void units_format_latency(char *buf, size_t size, double seconds)
{
	format_prefixed(buf, size, seconds, "s");
}

void units_format_energy(char *buf, size_t size, double joules)
{
	format_prefixed(buf, size, joules, "J");
}

void units_format_power(char *buf, size_t size, double watts)
{
	format_prefixed(buf, size, watts, "W");
}
