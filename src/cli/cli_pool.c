/* cli_pool.c - which tables a command reads (FILE..., --pool NAME) and the --pool help list. */
#include "optdeploy/cli/cli_pool.h"

#include <stdio.h>
#include <string.h>

#include "optdeploy/core/pool_bundled.h"

enum status cli_pool_source(const struct cli_options *o, struct cli_pool_source *src,
			    struct status_msg *m)
{
	const struct pool_bundled *b = NULL;
	memset(src, 0, sizeof *src);
	src->spec = o->spec;
	/* the unit cli_units_finish settled (the bundled pool's, or --cost-unit's) */
	src->spec.cost_unit = o->unit.kind != COST_UNIT_NONE ? o->unit.name : NULL;
	src->spec.cost_factor = o->cost_factor;
	if (o->pool_name != NULL)
		b = pool_bundled_find(o->pool_name);
	else if (o->n_paths == 0)
		b = pool_bundled_default();
	if (b != NULL) {
		enum status st = pool_bundled_spec(b, &src->spec, m);
		if (st != ST_OK)
			return st;
		src->paths[src->n++] = pool_bundled_path(b, src->bundled, sizeof src->bundled);
	}
	for (size_t i = 0; i < o->n_paths && src->n < POOL_TABLES_MAX; i++)
		src->paths[src->n++] = o->paths[i];
	return ST_OK;
}

void cli_pool_explain(const struct cli_pool_source *src, enum status st, struct status_msg *m)
{
	size_t len = strlen(src->bundled), used = strlen(m->text);
	if (st != ST_INPUT || len == 0 || strncmp(m->text, src->bundled, len) != 0)
		return;
	snprintf(m->text + used, sizeof m->text - used, " (the bundled pools are read from "
		 "data/ next to the program, from %s in the source tree, or from %s where "
		 "'make install' puts them)", pool_bundled_src_dir(), pool_bundled_dir());
}

void cli_pool_print_warnings(FILE *fp, const struct pool_warnings *w)
{
	for (size_t i = 0; w != NULL && i < w->n; i++)
		fprintf(fp, "optdeploy: warning: %s\n", w->text[i]);
}

int cli_pool_help(FILE *fp)
{
	fputs("Bundled pools (--pool NAME, in any command and the planner):\n\n", fp);
	fprintf(fp, "  %-15s %-9s %6s  %s\n", "NAME", "ALIAS", "MODELS", "FILE");
	for (size_t i = 0; i < pool_bundled_count(); i++) {
		const struct pool_bundled *b = pool_bundled_at(i);
		const char *path;
		char buf[4096], count[32];
		struct pool_spec spec;
		struct pool pool;
		struct status_msg m;
		pool_spec_init(&spec);
		path = pool_bundled_path(b, buf, sizeof buf);
		snprintf(count, sizeof count, "-");
		if (pool_bundled_spec(b, &spec, &m) == ST_OK &&
		    pool_load_tables(&path, 1, &spec, &pool, NULL, &m) == ST_OK) {
			snprintf(count, sizeof count, "%zu", pool.n);
			pool_free(&pool);
		}
		fprintf(fp, "  %-15s %-9s %6s  %s%s\n", b->name, b->alias ? b->alias : "", count,
			path, strcmp(count, "-") == 0 ? " (cannot be read)" : "");
		fprintf(fp, "  %-15s %s\n", "", b->about);
		fprintf(fp, "  %-15s columns: %s\n", "", b->columns ? b->columns
			: "built-in names (model, cost, accuracy)");
		struct cost_unit u = cost_unit_declared(b->cost_unit);
		fprintf(fp, "  %-15s cost unit: %s%s\n", "", u.name,
			u.kind == COST_UNIT_ENERGY ? " (an energy: --battery, --rate and lifetime "
			"need no --cost-unit)" : u.kind == COST_UNIT_OTHER ? " (not an energy: "
			"--cost-unit 2.5mJ says what one is)" : " (no physical unit)");
	}
	fputs("\nFILE... after --pool NAME are joined to it on the model name; --columns\n"
	      "overrides a key of its mapping.\n", fp);
	return 0;
}
