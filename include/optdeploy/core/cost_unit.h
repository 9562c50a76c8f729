/*
 * cost_unit.h - what a pool's cost is: an energy with its unit (the MLPerf
 * pools' mJ), another measure (torchvision's GFLOPS), a normalised energy
 * (the paper's pools), or nothing declared (the user's own table).
 *
 * A bundled pool declares it; --cost-unit declares it for a table that does
 * not, or converts a cost that is not an energy into one ("2.5mJ": one cost
 * unit is 2.5 mJ, so every cost is multiplied by 2.5 and the unit is mJ).
 * Budgets and ranges may carry a unit ("250mJ", "2J", "5GFLOPS"), read here
 * into the pool's cost unit.  The front ends show the unit with every cost
 * (cost_unit_suffix, cost_unit_axis).  Nothing here prints or allocates.
 */
#ifndef OPTDEPLOY_COST_UNIT_H
#define OPTDEPLOY_COST_UNIT_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/status.h"

enum cost_unit_kind {
	COST_UNIT_NONE,        /* not declared: costs are plain numbers */
	COST_UNIT_ENERGY,      /* an energy: name is its unit, joules its size */
	COST_UNIT_OTHER,       /* another measure ("GFLOPS") */
	COST_UNIT_NORMALISED   /* scaled so the best model is 100: name says of what */
};

#define COST_UNIT_NAME 24

struct cost_unit {
	enum cost_unit_kind kind;
	char name[COST_UNIT_NAME];  /* "mJ", "GFLOPS", "normalised energy"; "" for NONE */
	char suffix[COST_UNIT_NAME + 1];  /* " mJ", " GFLOPS": after a number; else "" */
	double joules;              /* one cost unit in J (ENERGY), else 0 */
};

/*
 * The unit a declaration names: NULL or "" is NONE, an energy unit
 * ("mJ", units.h) is ENERGY, "normalised ..." is NORMALISED, anything else
 * (at most COST_UNIT_NAME - 1 bytes) is OTHER.
 */
struct cost_unit cost_unit_declared(const char *text);

/*
 * --cost-unit ARG against the pool's declared unit: a bare energy unit
 * ("mJ") declares the cost an energy (factor 1); NUMBER UNIT ("2.5mJ")
 * converts a cost that is not an energy (factor 2.5, unit mJ).  ST_USAGE
 * (message without the option's name) for a bare unit on a non-energy
 * pool, saying how to convert; for a conversion or another unit on a pool
 * that is already an energy; for a malformed value.
 */
enum status cost_unit_resolve(const struct cost_unit *declared, const char *arg,
			      struct cost_unit *out, double *factor, struct status_msg *m);

/*
 * A budget-like amount into the pool's cost unit: a plain number is in the
 * cost unit as given (times factor, the --cost-unit conversion); an energy
 * ("250mJ", "2J") needs an ENERGY unit; a number with the unit's own name
 * ("5GFLOPS") is in the unit before conversion.  ST_USAGE (the message
 * quotes text, without the option's name) otherwise.  No sign check: the
 * caller checks the range.
 */
enum status cost_unit_amount(const struct cost_unit *u, double factor, const char *text,
			     double *value, struct status_msg *m);

/* " mJ", " GFLOPS": what follows a cost; "" when NONE or NORMALISED. */
const char *cost_unit_suffix(const struct cost_unit *u);

/*
 * A table heading for a cost column: "cost (mJ)", "cost (GFLOPS)",
 * "cost (normalised)", or word alone without a unit.  Always NUL-terminates.
 */
void cost_unit_heading(const struct cost_unit *u, const char *word, char *buf, size_t size);

/*
 * What an axis of costs per inference reads, what == NULL: "energy per
 * inference (mJ)", "GFLOPS per inference", "normalised energy per
 * inference", "cost per inference"; with what ("budget"): "budget per
 * inference (mJ)".  log adds "log scale" ("(mJ, log scale)").
 */
void cost_unit_axis(const struct cost_unit *u, const char *what, bool log, char *buf,
		    size_t size);

#endif
