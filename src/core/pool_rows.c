/* pool_rows.c - the models read so far and their name index (see pool_rows.h). */
#include "optdeploy/core/pool_rows.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t name_hash(const char *name)   /* FNV-1a */
{
	uint64_t h = 1469598103934665603u;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		h = (h ^ *p) * 1099511628211u;
	return (size_t)h;
}

static void hash_put(size_t *hash, size_t cap, const struct model *models, size_t i)
{
	size_t k = name_hash(models[i].name) & (cap - 1);
	while (hash[k] != 0)
		k = (k + 1) & (cap - 1);
	hash[k] = i + 1;
}

/* Index + 1 of the model called name, or 0. */
static size_t hash_find(const struct pool_rows *r, const char *name)
{
	if (r->hash_cap == 0)
		return 0;
	for (size_t k = name_hash(name) & (r->hash_cap - 1); r->hash[k] != 0;
	     k = (k + 1) & (r->hash_cap - 1))
		if (strcmp(r->models[r->hash[k] - 1].name, name) == 0)
			return r->hash[k];
	return 0;
}

/* Room for one more model: arrays and hash table grow geometrically. */
static int reserve(struct pool_rows *r)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		struct model *mv = realloc(r->models, cap * sizeof *mv);
		if (mv != NULL)
			r->models = mv;
		size_t *lv = realloc(r->lines, cap * sizeof *lv);
		if (lv != NULL)
			r->lines = lv;
		if (mv == NULL || lv == NULL)
			return -1;
		r->cap = cap;
	}
	if ((r->n + 1) * 2 > r->hash_cap) {
		size_t cap = r->hash_cap ? r->hash_cap * 2 : 64;
		size_t *hv = calloc(cap, sizeof *hv);
		if (hv == NULL)
			return -1;
		for (size_t i = 0; i < r->n; i++)
			hash_put(hv, cap, r->models, i);
		free(r->hash);
		r->hash = hv;
		r->hash_cap = cap;
	}
	return 0;
}

enum pool_rows_added pool_rows_add(struct pool_rows *r, const struct model *md,
				   const char *name, size_t line, size_t *first_line)
{
	size_t prev = hash_find(r, name);
	if (prev != 0) {
		*first_line = r->lines[prev - 1];
		return POOL_ROWS_DUPLICATE;
	}
	if (reserve(r) != 0)
		return POOL_ROWS_NO_MEMORY;
	char *copy = strdup(name);
	if (copy == NULL)
		return POOL_ROWS_NO_MEMORY;
	r->models[r->n] = *md;
	r->models[r->n].name = copy;
	r->lines[r->n] = line;
	hash_put(r->hash, r->hash_cap, r->models, r->n);
	r->n++;
	return POOL_ROWS_ADDED;
}

struct model *pool_rows_take(struct pool_rows *r, size_t *n)
{
	struct model *models = r->models;
	*n = r->n;
	r->models = NULL;
	r->n = r->cap = 0;
	return models;
}

void pool_rows_free(struct pool_rows *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->models[i].name);
	free(r->models);
	free(r->lines);
	free(r->hash);
	memset(r, 0, sizeof *r);
}
