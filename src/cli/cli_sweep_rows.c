/* cli_sweep_rows.c - a sweep's table rows, compact: each level's figures and its used models. */
#include "optdeploy/cli/cli_sweep_rows.h"

#include <stdlib.h>
#include <string.h>

void cli_sweep_rows_init(struct cli_sweep_rows *r)
{
	memset(r, 0, sizeof *r);
}

void cli_sweep_rows_free(struct cli_sweep_rows *r)
{
	free(r->level);
	free(r->cell);
	cli_sweep_rows_init(r);
}

/* Room for `more` entries of `size` bytes in *buf (doubling). */
static bool grow(void **buf, size_t *cap, size_t used, size_t more, size_t size)
{
	if (used + more <= *cap)
		return true;
	size_t want = *cap ? *cap : 64;
	while (want < used + more)
		want *= 2;
	void *p = realloc(*buf, want * size);
	if (p == NULL)
		return false;
	*buf = p;
	*cap = want;
	return true;
}

enum status cli_sweep_rows_add(struct cli_sweep_rows *r, const struct sweep_level *lv,
			       size_t n_models, struct status_msg *m)
{
	const struct policy *p = &lv->policy;
	bool counts = policy_has_counts(p);
	size_t used = 0;
	for (size_t i = 0; counts && i < n_models; i++)
		used += p->count[i] > 0;
	if (!grow((void **)&r->level, &r->cap_levels, r->n_levels, 1, sizeof *r->level) ||
	    !grow((void **)&r->cell, &r->cap_cells, r->n_cells, used, sizeof *r->cell))
		return status_fail(m, ST_INTERNAL, "out of memory while formatting a table");
	struct cli_sweep_level *l = &r->level[r->n_levels++];
	*l = (struct cli_sweep_level){ lv->budget, p->expected_accuracy, p->expected_cost,
				       p->objective, p->outcome, counts, r->n_cells, used };
	for (size_t i = 0; counts && i < n_models; i++)
		if (p->count[i] > 0)
			r->cell[r->n_cells++] = (struct cli_sweep_cell){
				i, (double)p->count[i] / (double)p->params.k };
	return ST_OK;
}

double cli_sweep_rows_share(const struct cli_sweep_rows *r, size_t j, size_t model)
{
	const struct cli_sweep_level *l = &r->level[j];
	for (size_t c = l->first; c < l->first + l->n; c++)
		if (r->cell[c].model == model)
			return r->cell[c].share;
	return 0.0;
}
