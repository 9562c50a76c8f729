/* fuzz_pool.c - libFuzzer target: the CSV loader must never crash, leak or misreport. */
/*
 * An input is a CSV table.  When its first line is "#columns MAPPING" (a
 * comment to the loader) the table is read with that --columns mapping, and
 * "#columns! MAPPING" also skips incomplete rows, so the fuzzer explores
 * mapped columns as well as the built-in names.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/pool_csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The mapping of a "#columns" first line into rq; false when the line is no mapping. */
static int fuzz_mapping(const char *text, size_t size, struct pool_spec *s,
			struct pool_csv_request *rq)
{
	static const char tag[] = "#columns";
	const char *nl = memchr(text, '\n', size);
	char line[1024];
	size_t len = nl != NULL ? (size_t)(nl - text) : size;
	struct status_msg m;
	if (size < sizeof tag || memcmp(text, tag, sizeof tag - 1) != 0 || len >= sizeof line)
		return 0;
	memcpy(line, text, len);
	line[len] = '\0';
	rq->skip_incomplete = line[sizeof tag - 1] == '!';
	pool_spec_init(s);
	const char *arg = line + strlen(tag) + (rq->skip_incomplete ? 1 : 0);
	if (*arg == ' ')
		arg++;
	if (pool_spec_add_columns(s, arg, false, &m) != ST_OK) {
		if (m.text[0] == '\0')   /* a refused mapping says why */
			abort();
		return 0;
	}
	for (int k = 0; k < POOL_KEY_COUNT; k++)
		if (s->mapped[k]) {
			rq->column[k] = s->column[k];
			rq->need[k] = 1;
		}
	return 1;
}

static void check_models(const struct pool *p)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->models[i].name[0] == '\0' || !(p->models[i].cost >= 0) ||
		    !(p->models[i].load_cost >= 0) || !(p->models[i].memory >= 0) ||
		    p->models[i].accuracy != p->models[i].accuracy ||
		    /* the documented ranges (pool.h): every objective stays finite */
		    !(p->models[i].cost <= POOL_VALUE_MAX) ||
		    !(fabs(p->models[i].accuracy) <= POOL_VALUE_MAX) ||
		    !(p->models[i].load_cost <= POOL_LOAD_COST_MAX) ||
		    !(p->models[i].memory <= POOL_VALUE_MAX))
			abort();
	/* a memory column with an empty cell keeps the other rows' values (has_memory
	 * false: nothing reads them, test_pool_tables' test_memory_empty_cell) */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool p;
	struct status_msg m;
	struct pool_csv_request rq;
	struct pool_csv_table t;
	struct pool_spec s;
	enum status st;

	pool_csv_request_default(&rq);
	if (fuzz_mapping((const char *)data, size, &s, &rq)) {
		st = pool_csv_load_buffer("fuzz.csv", (const char *)data, size, &rq, &t, &m);
		if (st != ST_OK && st != ST_DATA)
			abort();
		if (st == ST_OK) {
			if (m.text[0] != '\0' || (t.pool.n == 0 && t.n_skipped == 0))
				abort();
			check_models(&t.pool);
			pool_csv_table_free(&t);
		} else if (t.pool.models != NULL || t.pool.n != 0 || t.skipped != NULL ||
			   strncmp(m.text, "fuzz.csv", 8) != 0) {
			abort();
		}
		return 0;
	}
	st = pool_load_buffer(&p, "fuzz.csv", (const char *)data, size, &m);

	/* The contract, checked on every input: a status of OK or DATA, a
	 * message exactly when failing, a pool exactly when succeeding. */
	if (st != ST_OK && st != ST_DATA)
		abort();
	if (st == ST_OK) {
		if (p.n == 0 || p.models == NULL || m.text[0] != '\0')
			abort();
		check_models(&p);
		pool_free(&p);
	} else if (p.models != NULL || p.n != 0 || strncmp(m.text, "fuzz.csv", 8) != 0) {
		abort();
	}
	return 0;
}
