/* cli_values.c - option values read strictly: plain numbers, counts, costs with or without a unit. */
#include "optdeploy/cli/cli_values.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "optdeploy/cli/cli.h"

#define SHOWN(s) cli_printable((s), (char[64]){ 0 }, 64)

/* One plain decimal number: [+-]digits[.digits][e[+-]digits]; no hex, inf, nan, spaces. */
static int plain_number(const char *s)
{
	size_t i = 0, digits = 0;
	if (s[i] == '+' || s[i] == '-')
		i++;
	for (; s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (s[i] == '.')
		for (i++; s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	if (digits == 0)
		return 0;
	if (s[i] == 'e' || s[i] == 'E') {
		size_t exp_digits = 0;
		i++;
		if (s[i] == '+' || s[i] == '-')
			i++;
		for (; s[i] >= '0' && s[i] <= '9'; i++)
			exp_digits++;
		if (exp_digits == 0)
			return 0;
	}
	return s[i] == '\0';
}

enum status cli_value_real(const char *opt, const char *arg, double *out,
			   struct status_msg *m)
{
	if (!plain_number(arg))
		return status_fail(m, ST_USAGE, "%s: \"%s\" is not a number", opt, SHOWN(arg));
	double v = strtod(arg, NULL);
	if (!isfinite(v))
		return status_fail(m, ST_USAGE, "%s: \"%s\" is too large", opt, SHOWN(arg));
	*out = v == 0 ? 0.0 : v;  /* no "-0" in tables */
	return ST_OK;
}

enum status cli_value_nonneg(const char *opt, const char *arg, double *out,
			     struct status_msg *m)
{
	enum status st = cli_value_real(opt, arg, out, m);
	if (st == ST_OK && *out < 0)
		return status_fail(m, ST_USAGE, "%s: \"%s\" must not be negative", opt, SHOWN(arg));
	return st;
}

/*
 * A cost amount: a plain number now, or text with a unit ("250mJ") kept for
 * cli_units_finish, which knows the pool's cost unit.
 */
enum status cli_value_cost(const char *opt, const char *arg, double *out, const char **text,
			   struct status_msg *m)
{
	*text = NULL;
	if (arg[0] >= '0' && arg[0] <= '9' && !plain_number(arg) &&
	    arg[strcspn(arg, "0123456789.eE+-")] != '\0') {
		*text = arg;
		return ST_OK;
	}
	return cli_value_nonneg(opt, arg, out, m);
}

/* An exact integer in lo..hi; "1e6" is accepted because it is one. */
enum status cli_value_count(const char *opt, const char *arg, long long lo, long long hi,
			    long long *out, struct status_msg *m)
{
	double v;
	if (!plain_number(arg))
		return status_fail(m, ST_USAGE, "%s: \"%s\" is not a number", opt, SHOWN(arg));
	v = strtod(arg, NULL);
	/* Compare as doubles first: out-of-range values would overflow a long long. */
	if (!(v >= (double)lo && v <= (double)hi))
		return status_fail(m, ST_USAGE, "%s: \"%s\" is out of range %lld..%lld",
				   opt, SHOWN(arg), lo, hi);
	if (v != floor(v))
		return status_fail(m, ST_USAGE, "%s: \"%s\" is not an integer", opt, SHOWN(arg));
	/* Integers up to 1e9 are exact in a double, so no precision was lost. */
	*out = (long long)v;
	return ST_OK;
}
