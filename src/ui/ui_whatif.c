/* ui_whatif.c - the working pool: the loaded pool minus the excluded models, with its solver and hull. */
#include "optdeploy/ui/ui_whatif.h"

#include <stdlib.h>

#include "optdeploy/core/frontier_lp.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/ui/ui_app.h"

enum status ui_whatif_subpool(struct pool *dst, size_t *map, const struct pool *src,
			      const bool *excluded, struct status_msg *m)
{
	size_t kept = 0;
	enum status st;

	for (size_t i = 0; i < src->n; i++)
		kept += excluded == NULL || !excluded[i];
	if (kept == 0)
		return status_fail(m, ST_USAGE, "every model is excluded: at least one must stay");
	/* a whole copy first, so every field a pool carries comes along, then the excluded go */
	if ((st = pool_copy(dst, src, m)) != ST_OK)
		return st;
	kept = 0;
	for (size_t i = 0; i < src->n; i++) {
		if (excluded != NULL && excluded[i]) {
			free(dst->models[i].name);
			continue;
		}
		dst->models[kept] = dst->models[i];
		if (dst->energy != NULL)
			dst->energy[kept] = dst->energy[i];
		map[kept++] = i;
	}
	dst->n = kept;
	return ST_OK;
}

void ui_whatif_free(struct app *a)
{
	if (a->solver != NULL)
		solver_free(a->solver);
	a->solver = NULL;
	frontier_lp_free(&a->hull);
	pool_free(&a->work);
	policy_free(&a->pol);
	a->have_pol = false;
}

enum status ui_whatif_rebuild(struct app *a, struct status_msg *m)
{
	const struct pool *src = &a->pools[a->cur];
	enum status st;

	/* the sweeps borrow the working pool: they go first */
	for (int i = 0; i < UI_SWEEPS; i++) {
		if (a->sweep_live[i])
			sweep_free(&a->sweeps[i]);
		a->sweep_live[i] = false;
	}
	ui_whatif_free(a);
	if (a->work_map == NULL && (a->work_map = malloc(src->n * sizeof *a->work_map)) == NULL)
		return status_fail(m, ST_INTERNAL, "out of memory");
	if ((st = ui_whatif_subpool(&a->work, a->work_map, src, a->excluded, m)) != ST_OK)
		return st;
	struct solve_params sp = ui_app_solve_params(a);
	if ((st = frontier_lp_build(&a->hull, &a->work, &sp, m)) != ST_OK) {
		ui_whatif_free(a);
		return st;
	}
	if ((st = solver_create(&a->solver, &a->work, m)) != ST_OK) {
		ui_whatif_free(a);
		return st;
	}
	if ((st = policy_init(&a->pol, a->work.n, m)) != ST_OK)
		ui_whatif_free(a);
	return st;
}

long ui_whatif_work_index(const struct app *a, size_t i)
{
	/* work_map is increasing: a binary search finds model i if it is kept */
	size_t lo = 0, hi = a->work.n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->work_map[mid] == i)
			return (long)mid;
		if (a->work_map[mid] < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

unsigned ui_whatif_toggle(struct app *a, size_t i)
{
	const struct pool *all = &a->pools[0];
	const char *name;

	if (i >= all->n)
		return 0;
	name = all->models[i].name;
	if (!a->excluded[i] && a->n_excluded + 1 >= all->n) {
		ui_app_message(a, true, "cannot exclude %s: it is the last model left", name);
		return UI_R_REDRAW;
	}
	a->excluded[i] = !a->excluded[i];
	if (a->excluded[i])
		a->n_excluded++;
	else
		a->n_excluded--;
	ui_app_message(a, false, "%s %s", name, a->excluded[i] ? "excluded" : "included again");
	return UI_R_REBUILD | UI_R_REDRAW;
}

unsigned ui_whatif_include_all(struct app *a)
{
	size_t n = a->pools[0].n;

	if (a->n_excluded == 0) {
		ui_app_message(a, false, "no model is excluded");
		return UI_R_REDRAW;
	}
	for (size_t i = 0; i < n; i++)
		a->excluded[i] = false;
	a->n_excluded = 0;
	ui_app_message(a, false, "every model included again: %zu models", n);
	return UI_R_REBUILD | UI_R_REDRAW;
}
