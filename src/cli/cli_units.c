/* cli_units.c - the cost unit of the pool a command reads, and budgets typed with units. */
#include "optdeploy/cli/cli_units.h"

#include <string.h>

#include "optdeploy/core/pool_bundled.h"

/* What the pool the command will read declares: its bundled pool's unit, if any. */
static struct cost_unit declared_unit(const struct cli_options *o)
{
	const struct pool_bundled *b = NULL;
	struct pool_spec spec = o->spec;
	struct status_msg m;
	if (o->pool_name != NULL)
		b = pool_bundled_find(o->pool_name);
	else if (o->n_paths == 0 && o->command == CLI_PLAN)
		b = pool_bundled_default();
	spec.cost_unit = NULL;
	if (b == NULL || pool_bundled_spec(b, &spec, &m) != ST_OK)
		return cost_unit_declared(NULL);
	return cost_unit_declared(spec.cost_unit);
}

/* One amount: a plain number (already read) times the factor, or text with a unit. */
static enum status amount(const struct cli_options *o, const struct cost_unit *declared,
			  const char *opt, const char *text, double *value, struct status_msg *m)
{
	struct status_msg why;
	size_t len = strlen(text != NULL ? text : ""), n = strlen(declared->name);
	if (text == NULL) {
		*value *= o->cost_factor;
		return ST_OK;
	}
	/* "5GFLOPS" on a converted pool: in the declared unit, then converted */
	const struct cost_unit *u = declared->kind == COST_UNIT_OTHER && len > n &&
		strcmp(text + len - n, declared->name) == 0 ? declared : &o->unit;
	if (cost_unit_amount(u, o->cost_factor, text, value, &why) != ST_OK)
		return status_fail(m, ST_USAGE, "%s: %.400s", opt, why.text);
	return ST_OK;
}

enum status cli_units_finish(struct cli_options *o, struct status_msg *m)
{
	struct cost_unit declared = declared_unit(o);
	struct status_msg why;
	enum status st = ST_OK;
	o->unit = declared;
	o->cost_factor = 1;
	if (o->phys.cost_unit_arg != NULL) {
		if (o->normalize)
			return status_fail(m, ST_USAGE, "--cost-unit and --normalize: normalised costs "
					   "have no physical unit; give only one");
		if (cost_unit_resolve(&declared, o->phys.cost_unit_arg, &o->unit, &o->cost_factor,
				      &why) != ST_OK)
			return status_fail(m, ST_USAGE, "--cost-unit: %.400s", why.text);
	}
	if (o->budget_given && !o->phys.battery_given)
		st = amount(o, &declared, "--budget", o->budget_text, &o->params.budget, m);
	if (o->command == CLI_LIFETIME && (o->from_text != NULL || o->to_text != NULL))
		return status_fail(m, ST_USAGE, "%s: \"%s\": lifetime --sweep ranges over "
				   "accuracy floors (plain numbers)", o->from_text ? "--from" : "--to",
				   cli_printable(o->from_text ? o->from_text : o->to_text,
						 (char[48]){ 0 }, 48));
	if (st == ST_OK && o->from_given && o->command != CLI_LIFETIME)
		st = amount(o, &declared, "--from", o->from_text, &o->from, m);
	if (st == ST_OK && o->to_given && o->command != CLI_LIFETIME)
		st = amount(o, &declared, "--to", o->to_text, &o->to, m);
	if (st != ST_OK)
		return st;
	if (o->unit.kind == COST_UNIT_ENERGY) {
		o->phys.bp.cost_unit_j = o->unit.joules;
		o->phys.cost_unit = o->unit.name;
	}
	return ST_OK;
}
