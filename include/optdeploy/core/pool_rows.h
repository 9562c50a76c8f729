/*
 * pool_rows.h - the models a table has given so far, indexed by name (an
 * open-addressing hash) so that a duplicate is found in constant time even
 * at 100,000 models.  Internal to the CSV loader (pool_csv.c).
 */
#ifndef OPTDEPLOY_POOL_ROWS_H
#define OPTDEPLOY_POOL_ROWS_H

#include <stddef.h>

#include "optdeploy/core/pool.h"

struct pool_rows {
	struct model *models;  /* owned, n of them; handed over by pool_rows_take */
	size_t *lines;         /* line of each model, for duplicate messages */
	size_t n, cap;
	size_t *hash;          /* model index + 1, 0 empty */
	size_t hash_cap;
};

enum pool_rows_added {
	POOL_ROWS_ADDED,
	POOL_ROWS_DUPLICATE,  /* *first_line: where the name was first given */
	POOL_ROWS_NO_MEMORY
};

/*
 * Append md (its name is copied from `name`, md->name is ignored) read on
 * `line`, unless a model of that name is there already.
 */
enum pool_rows_added pool_rows_add(struct pool_rows *r, const struct model *md,
				   const char *name, size_t line, size_t *first_line);

/* The models (caller owns them; pool_free releases them); r keeps nothing. */
struct model *pool_rows_take(struct pool_rows *r, size_t *n);

/* Free everything r still owns (after a failure: the models too). */
void pool_rows_free(struct pool_rows *r);

#endif
