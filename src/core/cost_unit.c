/*
 * cost_unit.c - a pool's cost unit: declared, converted with --cost-unit,
 * budgets with units read into it, and the words that show it.
 */
#include "optdeploy/core/cost_unit.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "optdeploy/core/units.h"

#define NORMALISED "normalised"

#define Q(s) units_quoted((s), (char[48]){ 0 }, 48)

struct cost_unit cost_unit_declared(const char *text)
{
	struct cost_unit u = { COST_UNIT_NONE, "", "", 0.0 };
	const char *canonical = NULL;
	if (text == NULL || text[0] == '\0')
		return u;
	if (units_energy_unit(text, &u.joules, &canonical)) {
		u.kind = COST_UNIT_ENERGY;
		text = canonical;
	} else {
		u.kind = strncmp(text, NORMALISED, strlen(NORMALISED)) == 0 ? COST_UNIT_NORMALISED
									   : COST_UNIT_OTHER;
	}
	snprintf(u.name, sizeof u.name, "%s", text);
	if (u.kind != COST_UNIT_NORMALISED)
		snprintf(u.suffix, sizeof u.suffix, " %s", u.name);
	return u;
}

/* "GFLOPS, not an energy", "normalised (no physical unit)": what the cost is instead. */
static const char *instead(const struct cost_unit *u, char *buf, size_t size)
{
	if (u->kind == COST_UNIT_NORMALISED)
		snprintf(buf, size, "%s (no physical unit)", u->name);
	else
		snprintf(buf, size, "%s, not an energy", u->name);
	return buf;
}

/* "one GFLOPS", "one unit of normalised energy": for the conversion hint. */
static const char *one_unit(const struct cost_unit *u, char *buf, size_t size)
{
	if (u->kind == COST_UNIT_OTHER)
		snprintf(buf, size, "one %s", u->name);
	else
		snprintf(buf, size, "one unit of %s", u->name);
	return buf;
}

enum status cost_unit_resolve(const struct cost_unit *declared, const char *arg,
			      struct cost_unit *out, double *factor, struct status_msg *m)
{
	struct status_msg why;
	const char *name = NULL;
	double joules = 0, f = 1;
	char one[64];
	bool bare = arg[0] != '\0' && !(arg[0] >= '0' && arg[0] <= '9') && arg[0] != '.';
	enum status st = bare ? units_parse_cost_unit(arg, &joules, &name, &why)
			      : units_parse_energy_factor(arg, &f, &name, &why);
	if (st != ST_OK)
		return status_fail(m, st, "%.400s", why.text);
	struct cost_unit u = cost_unit_declared(name);
	if (declared->kind == COST_UNIT_ENERGY) {
		if (bare && u.joules == declared->joules) {
			*out = *declared;
			*factor = 1;
			return ST_OK;
		}
		return status_fail(m, ST_USAGE, "\"%s\": the pool's costs are energies in %s "
				   "already (leave --cost-unit out)", Q(arg), declared->name);
	}
	if (bare && declared->kind != COST_UNIT_NONE)
		return status_fail(m, ST_USAGE, "\"%s\": the pool's cost is %s; give what %s "
				   "is in energy, e.g. --cost-unit 2.5%s", Q(arg),
				   instead(declared, why.text, sizeof why.text),
				   one_unit(declared, one, sizeof one), name);
	*out = u;
	*factor = f;
	return ST_OK;
}

/* The number at the start of text and what follows it, or false. */
static bool split_number(const char *text, double *v, const char **rest)
{
	char *end;
	if (!((text[0] >= '0' && text[0] <= '9') || text[0] == '.'))
		return false;
	*v = strtod(text, &end);
	*rest = end;
	return end != text;
}

enum status cost_unit_amount(const struct cost_unit *u, double factor, const char *text,
			     double *value, struct status_msg *m)
{
	const char *rest = NULL;
	double v;
	char one[64], buf[64];
	if (split_number(text, &v, &rest) && u->kind != COST_UNIT_NONE &&
	    u->kind != COST_UNIT_ENERGY && strcmp(rest, u->name) == 0) {
		*value = v * factor;   /* "5GFLOPS": the pool's own unit, before conversion */
		return ST_OK;
	}
	if (u->kind == COST_UNIT_ENERGY)   /* its messages know energy units (case, mega) */
		return units_parse_energy_in(text, u->name, value, m);
	if (rest == NULL || !units_energy_unit(rest, NULL, NULL))
		return status_fail(m, ST_USAGE, "\"%s\" is not a number%s%s%s", Q(text),
				   u->kind == COST_UNIT_NONE ? "" : " or an amount in ",
				   u->kind == COST_UNIT_ENERGY ? "an energy unit"
				   : u->kind == COST_UNIT_OTHER ? u->name : "",
				   u->kind == COST_UNIT_ENERGY ? " (J, mJ, uJ, nJ, Wh, mWh, kJ, kWh)"
				   : "");
	if (u->kind == COST_UNIT_NONE)
		return status_fail(m, ST_USAGE, "\"%s\" is an energy, and the pool's costs have no "
				   "declared unit: give --cost-unit (e.g. --cost-unit mJ, or what one "
				   "cost unit is: --cost-unit 2.5mJ)", Q(text));
	if (u->kind != COST_UNIT_ENERGY)
		return status_fail(m, ST_USAGE, "\"%s\" is an energy, and the pool's cost is %s: "
				   "give --cost-unit with what %s is in energy (e.g. "
				   "--cost-unit 2.5mJ)", Q(text), instead(u, buf, sizeof buf),
				   one_unit(u, one, sizeof one));
	return units_parse_energy_in(text, u->name, value, m);
}

const char *cost_unit_suffix(const struct cost_unit *u)
{
	return u->suffix;
}

void cost_unit_heading(const struct cost_unit *u, const char *word, char *buf, size_t size)
{
	if (u->kind == COST_UNIT_ENERGY || u->kind == COST_UNIT_OTHER)
		snprintf(buf, size, "%s (%s)", word, u->name);
	else if (u->kind == COST_UNIT_NORMALISED)
		snprintf(buf, size, "%s (%s)", word, NORMALISED);
	else
		snprintf(buf, size, "%s", word);
}

void cost_unit_axis(const struct cost_unit *u, const char *what, bool log, char *buf,
		    size_t size)
{
	const char *scale = log ? "log scale" : "";
	if (u->kind == COST_UNIT_NONE)
		snprintf(buf, size, "%s per inference%s%s%s", what != NULL ? what : "cost",
			 log ? " (" : "", scale, log ? ")" : "");
	else if (u->kind == COST_UNIT_ENERGY || what != NULL)
		snprintf(buf, size, "%s per inference (%s%s%s)", what != NULL ? what : "energy",
			 u->name, log ? ", " : "", scale);
	else
		snprintf(buf, size, "%s per inference%s%s%s", u->name, log ? " (" : "", scale,
			 log ? ")" : "");
}
