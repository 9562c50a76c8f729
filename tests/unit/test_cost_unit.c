/*
 * test_cost_unit.c - a pool's cost unit: declarations, the --cost-unit
 * conversion ("2.5mJ"), the refused bare energy unit on a cost that is not
 * an energy, budgets and ranges typed with units (exact where the decimal
 * allows), the words that show the unit; and the same through cli_parse.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "optdeploy/cli/cli.h"
#include "cli_args.h"
#include "optdeploy/core/cost_unit.h"
#include "optdeploy/core/pool_tables.h"
#include "optdeploy/core/units.h"

static void test_declared(void **state)
{
	(void)state;
	struct cost_unit u = cost_unit_declared("mJ");
	assert_int_equal(u.kind, COST_UNIT_ENERGY);
	assert_true(u.joules == 0.001);
	assert_string_equal(cost_unit_suffix(&u), " mJ");
	u = cost_unit_declared("\xc2\xb5J");
	assert_int_equal(u.kind, COST_UNIT_ENERGY);
	assert_string_equal(u.name, "uJ");
	u = cost_unit_declared("GFLOPS");
	assert_int_equal(u.kind, COST_UNIT_OTHER);
	assert_true(u.joules == 0);
	assert_string_equal(cost_unit_suffix(&u), " GFLOPS");
	u = cost_unit_declared("normalised energy");
	assert_int_equal(u.kind, COST_UNIT_NORMALISED);
	assert_string_equal(cost_unit_suffix(&u), "");
	assert_int_equal(cost_unit_declared(NULL).kind, COST_UNIT_NONE);
	assert_int_equal(cost_unit_declared("").kind, COST_UNIT_NONE);
}

/* --cost-unit against what the pool declares. */
static void test_resolve(void **state)
{
	struct cost_unit none = cost_unit_declared(NULL), mj = cost_unit_declared("mJ");
	struct cost_unit gf = cost_unit_declared("GFLOPS"), norm = cost_unit_declared("normalised energy");
	struct cost_unit out;
	struct status_msg m;
	double f;
	(void)state;
	/* a conversion: one cost unit is 2.5 mJ */
	assert_int_equal(cost_unit_resolve(&gf, "2.5mJ", &out, &f, &m), ST_OK);
	assert_true(f == 2.5);
	assert_int_equal(out.kind, COST_UNIT_ENERGY);
	assert_string_equal(out.name, "mJ");
	assert_true(out.joules == 0.001);
	assert_int_equal(cost_unit_resolve(&none, "2.5mJ", &out, &f, &m), ST_OK);
	assert_true(f == 2.5);
	assert_int_equal(cost_unit_resolve(&norm, "0.4J", &out, &f, &m), ST_OK);
	assert_true(f == 0.4);
	assert_string_equal(out.name, "J");
	/* a bare unit declares an undeclared cost an energy */
	assert_int_equal(cost_unit_resolve(&none, "mJ", &out, &f, &m), ST_OK);
	assert_true(f == 1);
	assert_string_equal(out.name, "mJ");
	/* the pool's own unit again: nothing changes */
	assert_int_equal(cost_unit_resolve(&mj, "mJ", &out, &f, &m), ST_OK);
	assert_true(f == 1);
	/* refused: a bare energy unit on a cost that is not an energy, saying how to convert */
	assert_int_equal(cost_unit_resolve(&gf, "mJ", &out, &f, &m), ST_USAGE);
	assert_string_equal(m.text, "\"mJ\": the pool's cost is GFLOPS, not an energy; give what "
			    "one GFLOPS is in energy, e.g. --cost-unit 2.5mJ");
	assert_int_equal(cost_unit_resolve(&norm, "uJ", &out, &f, &m), ST_USAGE);
	assert_string_equal(m.text, "\"uJ\": the pool's cost is normalised energy (no physical "
			    "unit); give what one unit of normalised energy is in energy, e.g. "
			    "--cost-unit 2.5uJ");
	/* refused: another unit or a conversion on a pool that is an energy already */
	assert_int_equal(cost_unit_resolve(&mj, "J", &out, &f, &m), ST_USAGE);
	assert_string_equal(m.text, "\"J\": the pool's costs are energies in mJ already (leave "
			    "--cost-unit out)");
	assert_int_equal(cost_unit_resolve(&mj, "2mJ", &out, &f, &m), ST_USAGE);
	/* malformed */
	assert_int_equal(cost_unit_resolve(&none, "2.5", &out, &f, &m), ST_USAGE);
	assert_non_null(strstr(m.text, "missing unit"));
	assert_int_equal(cost_unit_resolve(&none, "0mJ", &out, &f, &m), ST_USAGE);
	assert_int_equal(cost_unit_resolve(&none, "2.5 mJ", &out, &f, &m), ST_USAGE);
	assert_int_equal(cost_unit_resolve(&none, "mj", &out, &f, &m), ST_USAGE);
	assert_non_null(strstr(m.text, "did you mean 'mJ'"));
}

/* Budgets with units, into the cost unit; exact where the decimal is. */
static void test_amounts(void **state)
{
	struct cost_unit mj = cost_unit_declared("mJ"), j = cost_unit_declared("J");
	struct cost_unit gf = cost_unit_declared("GFLOPS"), none = cost_unit_declared(NULL);
	struct cost_unit wh = cost_unit_declared("mWh");
	struct status_msg m;
	double v;
	(void)state;
	assert_int_equal(cost_unit_amount(&mj, 1, "250mJ", &v, &m), ST_OK);
	assert_true(v == 250);
	assert_int_equal(cost_unit_amount(&mj, 1, "0.3J", &v, &m), ST_OK);
	assert_true(v == 300);               /* not 0.3 / 0.001 = 299.99999999999994 */
	assert_int_equal(cost_unit_amount(&mj, 1, "2J", &v, &m), ST_OK);
	assert_true(v == 2000);
	assert_int_equal(cost_unit_amount(&mj, 1, "20000uJ", &v, &m), ST_OK);
	assert_true(v == 20);
	assert_int_equal(cost_unit_amount(&mj, 1, "1mWh", &v, &m), ST_OK);
	assert_true(v == 3600);
	assert_int_equal(cost_unit_amount(&j, 1, "33.04mJ", &v, &m), ST_OK);
	assert_true(v == 0.03304);
	assert_int_equal(cost_unit_amount(&wh, 1, "36J", &v, &m), ST_OK);
	assert_true(fabs(v - 10) < 1e-14);   /* one mWh is 3.6 J: two roundings */
	/* the pool's own unit, before a conversion: 5 GFLOPS at 2.5 mJ each */
	assert_int_equal(cost_unit_amount(&gf, 2.5, "5GFLOPS", &v, &m), ST_OK);
	assert_true(v == 12.5);
	/* an energy needs the cost to be one */
	assert_int_equal(cost_unit_amount(&gf, 1, "250mJ", &v, &m), ST_USAGE);
	assert_string_equal(m.text, "\"250mJ\" is an energy, and the pool's cost is GFLOPS, not "
			    "an energy: give --cost-unit with what one GFLOPS is in energy (e.g. "
			    "--cost-unit 2.5mJ)");
	assert_int_equal(cost_unit_amount(&none, 1, "250mJ", &v, &m), ST_USAGE);
	assert_non_null(strstr(m.text, "no declared unit: give --cost-unit"));
	assert_int_equal(cost_unit_amount(&mj, 1, "250mj", &v, &m), ST_USAGE);
	assert_int_equal(cost_unit_amount(&mj, 1, "250 mJ", &v, &m), ST_USAGE);
	assert_int_equal(cost_unit_amount(&mj, 1, "250MJ", &v, &m), ST_USAGE);
	assert_int_equal(cost_unit_amount(&mj, 1, "1e400J", &v, &m), ST_USAGE);
}

static void test_words(void **state)
{
	struct cost_unit mj = cost_unit_declared("mJ"), gf = cost_unit_declared("GFLOPS");
	struct cost_unit norm = cost_unit_declared("normalised energy"), none = cost_unit_declared(NULL);
	char b[96];
	(void)state;
	cost_unit_axis(&mj, NULL, false, b, sizeof b);
	assert_string_equal(b, "energy per inference (mJ)");
	cost_unit_axis(&mj, NULL, true, b, sizeof b);
	assert_string_equal(b, "energy per inference (mJ, log scale)");
	cost_unit_axis(&gf, NULL, false, b, sizeof b);
	assert_string_equal(b, "GFLOPS per inference");
	cost_unit_axis(&gf, "budget", true, b, sizeof b);
	assert_string_equal(b, "budget per inference (GFLOPS, log scale)");
	cost_unit_axis(&norm, NULL, false, b, sizeof b);
	assert_string_equal(b, "normalised energy per inference");
	cost_unit_axis(&none, NULL, true, b, sizeof b);
	assert_string_equal(b, "cost per inference (log scale)");
	cost_unit_axis(&none, "budget", false, b, sizeof b);
	assert_string_equal(b, "budget per inference");
	cost_unit_heading(&mj, "cost", b, sizeof b);
	assert_string_equal(b, "cost (mJ)");
	cost_unit_heading(&norm, "cost", b, sizeof b);
	assert_string_equal(b, "cost (normalised)");
	cost_unit_heading(&none, "cost", b, sizeof b);
	assert_string_equal(b, "cost");
}

/* A conversion is applied when the pool is loaded: costs x 2.5, the unit mJ. */
static void test_load_converts(void **state)
{
	static const char *const path = "pool_units_test.csv";
	struct pool_spec s;
	struct pool p;
	struct status_msg m;
	FILE *fp = fopen(path, "w");
	(void)state;
	assert_non_null(fp);
	fputs("model,cost,accuracy\na,1.5,60\nb,4,70\n", fp);
	fclose(fp);
	pool_spec_init(&s);
	s.cost_unit = "mJ";
	s.cost_factor = 2.5;
	assert_int_equal(pool_load_tables(&path, 1, &s, &p, NULL, &m), ST_OK);
	assert_true(p.models[0].cost == 3.75 && p.models[1].cost == 10);
	assert_int_equal(p.unit.kind, COST_UNIT_ENERGY);
	assert_string_equal(p.unit.name, "mJ");
	pool_free(&p);
	s.cost_factor = 1e308;
	assert_int_equal(pool_load_tables(&path, 1, &s, &p, NULL, &m), ST_DATA);
	assert_non_null(strstr(m.text, "(--cost-unit) is too large"));
	remove(path);
}

/* Through the command line: the bundled pool's unit, --cost-unit, budgets with units. */
static void test_cli(void **state)
{
	struct cli_options o;
	struct status_msg m;
	(void)state;
	assert_int_equal(ts_cli_parse(&o, &m, "solve", "--pool", "rpi4", "--budget", "250mJ", NULL), ST_OK);
	assert_true(o.params.budget == 250);
	assert_string_equal(o.unit.name, "mJ");
	assert_int_equal(ts_cli_parse(&o, &m, "solve", "--pool", "rpi4", "--budget", "0.25J", NULL), ST_OK);
	assert_true(o.params.budget == 250);
	assert_int_equal(ts_cli_parse(&o, &m, "sweep", "--pool", "rpi4", "--from", "20mJ", "--to", "2J",
			       NULL), ST_OK);
	assert_true(o.from == 20 && o.to == 2000);
	/* plain budgets are in the cost unit, times the conversion */
	assert_int_equal(ts_cli_parse(&o, &m, "solve", "--pool", "zoo", "--cost-unit", "2.5mJ", "--budget",
			       "4", NULL), ST_OK);
	assert_true(o.params.budget == 10 && o.cost_factor == 2.5);
	assert_int_equal(ts_cli_parse(&o, &m, "frontier", "p.csv", "--cost-unit", "2.5mJ", "--from", "2",
			       "--to", "25mJ", NULL), ST_OK);
	assert_true(o.from == 5 && o.to == 25);
	/* --cost-unit in every command */
	static const char *const cmds[] = { "solve", "sweep", "frontier", "compare", "schedule" };
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		assert_int_equal(ts_cli_parse(&o, &m, cmds[i], "p.csv", "--cost-unit", "mJ", "--budget", "3",
				       NULL) == ST_OK || strstr(m.text, "--budget: not used") != NULL,
				 1);
	assert_int_equal(ts_cli_parse(&o, &m, "plot", "p.csv", "--cost-unit", "2.5mJ", "-o", "f.pdf", NULL),
			 ST_OK);
	/* an energy pool needs no --cost-unit for the battery */
	assert_int_equal(ts_cli_parse(&o, &m, "lifetime", "--pool", "xavier", "--battery", "10Wh", "--rate",
			       "1/s", "--min-accuracy", "70", NULL), ST_OK);
	assert_true(o.phys.bp.cost_unit_j == 0.001);
	/* refused, exit 64 */
	assert_int_equal(ts_cli_parse(&o, &m, "solve", "--pool", "torchvision", "--cost-unit", "mJ",
			       "--budget", "5", NULL), ST_USAGE);
	assert_string_equal(m.text, "--cost-unit: \"mJ\": the pool's cost is GFLOPS, not an energy; "
			    "give what one GFLOPS is in energy, e.g. --cost-unit 2.5mJ");
	assert_int_equal(ts_cli_parse(&o, &m, "solve", "--pool", "torchvision", "--budget", "5mJ", NULL),
			 ST_USAGE);
	assert_true(strncmp(m.text, "--budget: \"5mJ\" is an energy", 28) == 0);
	assert_int_equal(ts_cli_parse(&o, &m, "solve", "--pool", "zoo", "--battery", "1kJ", "--rate", "1/s",
			       "--duration", "1h", NULL), ST_USAGE);
	assert_string_equal(m.text, "--battery: the pool's cost is GFLOPS, not an energy; give "
			    "--cost-unit with what one GFLOPS is in energy (e.g. --cost-unit 2.5mJ)");
	assert_int_equal(ts_cli_parse(&o, &m, "solve", "--pool", "rpi4", "--budget", "250mj", NULL),
			 ST_USAGE);
	assert_int_equal(ts_cli_parse(&o, &m, "lifetime", "--pool", "rpi4", "--battery", "1kJ", "--rate",
			       "1/s", "--sweep", "--from", "50mJ", NULL), ST_USAGE);
	assert_string_equal(m.text, "--from: \"50mJ\": lifetime --sweep ranges over accuracy "
			    "floors (plain numbers)");
	assert_int_equal(ts_cli_parse(&o, &m, "lifetime", "--pool", "zoo", "--cost-unit", "2.5mJ",
			       "--battery", "1kJ", "--rate", "1/s", "--sweep", "--from", "70", NULL),
			 ST_OK);
	assert_true(o.from == 70);   /* a floor: not converted */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_declared),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_amounts),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_load_converts),
		cmocka_unit_test(test_cli),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
