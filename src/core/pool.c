/* pool.c - the pool as a value: load one file, normalise, copy, free and query it. */
#include "optdeploy/core/pool.h"
#include "optdeploy/core/pool_csv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void free_models(struct model *models, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(models[i].name);
	free(models);
}

static void pool_clear(struct pool *p)
{
	p->models = NULL;
	p->n = 0;
	p->source = NULL;
	p->cost_scale = 1.0;
	p->has_memory = false;
	p->has_latency = false;
	p->unit = cost_unit_declared(NULL);
	p->accuracy_label = NULL;
	p->idle_per_s = 0;
	p->energy = NULL;
}

size_t pool_cheapest(const struct pool *p)
{
	size_t best = 0;
	for (size_t i = 1; i < p->n; i++) {
		const struct model *a = &p->models[i], *b = &p->models[best];
		if (a->cost < b->cost || (a->cost == b->cost && a->accuracy > b->accuracy))
			best = i;
	}
	return best;
}

size_t pool_most_accurate(const struct pool *p)
{
	size_t best = 0;
	for (size_t i = 1; i < p->n; i++) {
		const struct model *a = &p->models[i], *b = &p->models[best];
		if (a->accuracy > b->accuracy || (a->accuracy == b->accuracy && a->cost < b->cost))
			best = i;
	}
	return best;
}

double pool_energy(const struct pool *p, size_t i)
{
	return p->energy != NULL ? p->energy[i] : p->models[i].cost;
}

double pool_max_cost(const struct pool *p)
{
	double max = p->models[0].cost;
	for (size_t i = 1; i < p->n; i++)
		if (p->models[i].cost > max)
			max = p->models[i].cost;
	return max;
}

/* c * 100 / ref, or a non-finite value when it does not fit in a double. */
static double rescale(double c, double ref)
{
	double v = c * 100.0 / ref;
	return isinf(c * 100.0) ? c / ref * 100.0 : v;
}

enum status pool_normalize(struct pool *p, struct status_msg *m)
{
	const char *src = p->source != NULL ? p->source : "pool";
	if (p->n == 0)
		return status_fail(m, ST_DATA, "%s: no models to normalise", src);
	size_t b = pool_most_accurate(p);
	double ref = p->models[b].cost, factor = 100.0 / ref;
	if (ref == 0)
		return status_fail(m, ST_DATA, "%s: cannot normalise costs: the most accurate "
				   "model '%s' has cost 0", src, p->models[b].name);
	for (size_t i = 0; i < p->n; i++)
		if (!(rescale(p->models[i].cost, ref) <= POOL_VALUE_MAX) || !isfinite(factor))
			return status_fail(m, ST_DATA, "%s: cannot normalise costs: model '%s' "
					   "would cost more than %g (the largest cost)", src,
					   p->models[i].name, POOL_VALUE_MAX);
	for (size_t i = 0; i < p->n; i++) {
		p->models[i].cost = i == b ? 100.0 : rescale(p->models[i].cost, ref);
		if (p->energy != NULL)  /* the measured energies in the same scale */
			p->energy[i] = rescale(p->energy[i], ref);
	}
	p->idle_per_s *= factor;
	p->cost_scale *= factor;
	if (p->unit.kind != COST_UNIT_NORMALISED)
		p->unit = cost_unit_declared(p->unit.kind == COST_UNIT_ENERGY ? "normalised energy"
					     : "normalised cost");
	return ST_OK;
}

enum status pool_copy(struct pool *dst, const struct pool *src, struct status_msg *m)
{
	pool_clear(dst);
	dst->models = src->n ? calloc(src->n, sizeof *dst->models) : NULL;
	dst->source = src->source ? strdup(src->source) : NULL;
	int ok = (src->n == 0 || dst->models != NULL) && (!src->source || dst->source);
	for (size_t i = 0; ok && i < src->n; i++) {
		dst->models[i] = src->models[i];
		dst->models[i].name = strdup(src->models[i].name);
		ok = dst->models[i].name != NULL;
		dst->n = i + 1;
	}
	if (!ok) {
		pool_free(dst);
		return status_fail(m, ST_INTERNAL, "out of memory copying the pool");
	}
	dst->n = src->n;
	dst->cost_scale = src->cost_scale;
	dst->has_memory = src->has_memory;
	dst->has_latency = src->has_latency;
	dst->unit = src->unit;
	dst->accuracy_label = src->accuracy_label;
	dst->idle_per_s = src->idle_per_s;
	if (src->energy != NULL) {
		if ((dst->energy = malloc(src->n * sizeof *dst->energy)) == NULL) {
			pool_free(dst);
			return status_fail(m, ST_INTERNAL, "out of memory copying the pool");
		}
		memcpy(dst->energy, src->energy, src->n * sizeof *dst->energy);
	}
	return ST_OK;
}

void pool_free(struct pool *p)
{
	if (p == NULL)
		return;
	free_models(p->models, p->n);
	free(p->source);
	free(p->energy);
	pool_clear(p);
}

/* The single-file loads: built-in column names, cost and accuracy needed. */

/* A table's pool handed over whole, the rest released. */
static enum status take_pool(enum status st, struct pool_csv_table *t, struct pool *out)
{
	*out = t->pool;
	memset(&t->pool, 0, sizeof t->pool);
	pool_csv_table_free(t);
	if (st != ST_OK)
		out->cost_scale = 1.0;
	return st;
}

enum status pool_load_buffer(struct pool *out, const char *name, const char *data,
			     size_t len, struct status_msg *m)
{
	struct pool_csv_request rq;
	struct pool_csv_table t;
	pool_csv_request_default(&rq);
	return take_pool(pool_csv_load_buffer(name, data, len, &rq, &t, m), &t, out);
}

enum status pool_load_stream(struct pool *out, const char *name, FILE *fp,
			     struct status_msg *m)
{
	struct pool_csv_request rq;
	struct pool_csv_table t;
	pool_csv_request_default(&rq);
	return take_pool(pool_csv_load_stream(name, fp, &rq, &t, m), &t, out);
}

enum status pool_load_file(struct pool *out, const char *path, struct status_msg *m)
{
	struct pool_csv_request rq;
	struct pool_csv_table t;
	pool_csv_request_default(&rq);
	return take_pool(pool_csv_load_path(path, &rq, &t, m), &t, out);
}

struct cost_key {
	double cost, accuracy;
	size_t i;
};

static int cost_key_cmp(const void *pa, const void *pb)
{
	const struct cost_key *a = pa, *b = pb;

	if (a->cost != b->cost)
		return a->cost < b->cost ? -1 : 1;
	if (a->accuracy != b->accuracy)
		return a->accuracy > b->accuracy ? -1 : 1;
	return (a->i > b->i) - (a->i < b->i);
}

enum status pool_cost_order(const struct pool *p, size_t *idx, size_t n)
{
	struct cost_key *key = malloc((n ? n : 1) * sizeof *key);

	if (key == NULL)
		return ST_INTERNAL;
	for (size_t r = 0; r < n; r++)
		key[r] = (struct cost_key){ p->models[idx[r]].cost, p->models[idx[r]].accuracy,
					    idx[r] };
	qsort(key, n, sizeof *key, cost_key_cmp);
	for (size_t r = 0; r < n; r++)
		idx[r] = key[r].i;
	free(key);
	return ST_OK;
}
