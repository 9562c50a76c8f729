/*
 * figure_model.c - a figure's numbers, taken from the pool, the LP hull, the
 * two budget sweeps and the chosen policy, and written back out as CSV.
 */
#include "optdeploy/figure/figure_model.h"

#include <errno.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "optdeploy/core/export.h"
#include "optdeploy/core/limits.h"

bool figure_on_hull(const struct figure_model *fm, size_t i)
{
	for (size_t k = 0; k < fm->n_hull; k++)
		if (fm->hull[k].name == fm->models[i].name)
			return true;
	return false;
}

bool figure_wide_costs(double lo, double hi)
{
	return lo > 0 && hi > SWEEP_LOG_SPAN * lo;
}

static enum status no_memory(struct figure_model *fm, struct status_msg *m)
{
	figure_model_free(fm);
	return status_fail(m, ST_INTERNAL, "figure: out of memory");
}

static enum status take_heat(struct figure_heat *h, const struct sweep *sw, size_t n_models)
{
	h->lambda = sw->params.lambda;
	h->n_levels = sw->done;
	h->budget = malloc((sw->done + 1) * sizeof *h->budget);
	h->share = malloc((sw->done * n_models + 1) * sizeof *h->share);
	if (h->budget == NULL || h->share == NULL)
		return ST_INTERNAL;
	for (size_t j = 0; j < sw->done; j++) {
		bool counts = policy_has_counts(&sw->levels[j].policy);
		h->budget[j] = sw->levels[j].budget;
		for (size_t i = 0; i < n_models; i++)
			h->share[i * sw->done + j] = counts ? sweep_share(sw, j, i) : NAN;
	}
	return ST_OK;
}

/* The LP frontier of the models solve may use, with the time row, as `optdeploy frontier` lists it. */
static enum status take_hull(struct figure_model *fm, const struct pool *pool,
			     const struct solve_params *sp)
{
	struct frontier_lp lp;
	struct status_msg m;
	if (frontier_lp_build(&lp, pool, sp, &m) != ST_OK)
		return ST_INTERNAL;
	fm->hull = malloc((lp.n + 1) * sizeof *fm->hull);
	if (fm->hull == NULL) {
		frontier_lp_free(&lp);
		return ST_INTERNAL;
	}
	for (size_t k = 0; k < lp.n; k++) {
		const struct frontier_vertex *v = &lp.v[k];
		bool mix = frontier_vertex_is_mix(v);
		fm->hull[k] = (struct figure_point){ v->cost, v->accuracy,
						     mix ? NULL : pool->models[v->model].name };
		fm->n_mix += mix;
	}
	fm->n_hull = lp.n;
	fm->hull_vertex = lp.v;  /* taken over */
	fm->lp_none = frontier_lp_none_keeps_up(&lp);
	return ST_OK;
}

static enum status take_frontiers(struct figure_model *fm, const struct figure_source *src)
{
	const struct pool *pool = src->pool;
	const struct sweep *sw = src->current;

	fm->models = malloc(pool->n * sizeof *fm->models);
	fm->unfit = malloc(pool->n * sizeof *fm->unfit);
	fm->ilp = malloc((sw->done + 1) * sizeof *fm->ilp);
	if (fm->models == NULL || fm->unfit == NULL || fm->ilp == NULL)
		return ST_INTERNAL;
	for (size_t i = 0; i < pool->n; i++) {
		fm->models[i] = (struct figure_point){ pool->models[i].cost, pool->models[i].accuracy,
						       pool->models[i].name };
		fm->unfit[i] = !limits_model_fits(&sw->params, &pool->models[i]);
		fm->n_unfit += fm->unfit[i];
	}
	fm->n_models = pool->n;
	fm->memory_limit = limits_memory_active(&sw->params);
	if (take_hull(fm, pool, &sw->params) != ST_OK)
		return ST_INTERNAL;
	for (size_t j = 0; j < sw->done; j++) {
		const struct policy *p = &sw->levels[j].policy;
		if (policy_has_counts(p))
			fm->ilp[fm->n_ilp++] = (struct figure_point){ sw->levels[j].budget,
								      p->expected_accuracy, NULL };
	}
	return ST_OK;
}

/* Has model i a share above 0 at some level of heatmap h (NaN: no policy there)? */
static bool used_in(const struct figure_heat *h, size_t i)
{
	for (size_t j = 0; j < h->n_levels; j++)
		if (h->share[i * h->n_levels + j] > 0)
			return true;
	return false;
}

/* The heatmaps' rows: every model, or those used at some level of either heatmap; cheapest
 * first. */
static enum status take_rows(struct figure_model *fm, const struct pool *pool, bool all)
{
	fm->rows = malloc((fm->n_models + 1) * sizeof *fm->rows);
	if (fm->rows == NULL)
		return ST_INTERNAL;
	for (size_t i = 0; i < fm->n_models; i++)
		if (all || used_in(&fm->heat[0], i) || used_in(&fm->heat[1], i))
			fm->rows[fm->n_rows++] = i;
	return pool_cost_order(pool, fm->rows, fm->n_rows);
}

/*
 * Log when asked; automatic: as the sweep's levels are spaced (geometrically
 * when the costs span over SWEEP_LOG_SPAN).  Never with a free model, which
 * a log axis cannot show.
 */
static bool want_log(const struct figure_model *fm, enum figure_axis axis,
		     const struct sweep *sw)
{
	double lo = INFINITY, hi = 0;

	for (size_t i = 0; i < fm->n_models; i++) {
		lo = fmin(lo, fm->models[i].cost);
		hi = fmax(hi, fm->models[i].cost);
	}
	if (!(lo > 0))
		return false;  /* a free model has no place on a log axis */
	if (axis == FIGURE_AXIS_LOG)
		return true;
	return axis == FIGURE_AXIS_AUTO && (sw->spacing == SWEEP_LOG || figure_wide_costs(lo, hi));
}

enum status figure_model_build(struct figure_model *fm, const struct figure_source *src,
			       struct status_msg *m)
{
	memset(fm, 0, sizeof *fm);
	if (src->pool == NULL || src->pool->n == 0 || src->zero == NULL || src->current == NULL ||
	    src->zero->pool != src->pool || src->current->pool != src->pool)
		return status_fail(m, ST_INTERNAL, "figure: the sweeps are not of this pool");
	fm->source = src->pool->source;
	fm->normalized = src->normalized;
	fm->unit = src->pool->unit;
	fm->accuracy_label = src->pool->accuracy_label;
	fm->k = src->current->params.k;
	fm->lambda = src->current->params.lambda;
	fm->method = src->current->params.method;
	/* the time constraints the sweeps were solved under, for the title */
	fm->deadline = limits_deadline_active(&src->current->params) ? src->current->params.deadline
								       : 0;
	fm->rate = limits_time_active(&src->current->params) ? src->current->params.rate : 0;
	fm->duty = limits_duty(&src->current->params);
	fm->budget = src->budget;
	if (take_frontiers(fm, src) != ST_OK || take_heat(&fm->heat[0], src->zero, fm->n_models) != ST_OK
	    || take_heat(&fm->heat[1], src->current, fm->n_models) != ST_OK)
		return no_memory(fm, m);
	if (src->policy != NULL && policy_has_counts(src->policy)) {
		fm->has_policy = true;
		fm->policy = (struct figure_point){ src->policy->expected_cost,
						    src->policy->expected_accuracy, NULL };
	}
	fm->log_cost = want_log(fm, src->axis, src->current);
	if (take_rows(fm, src->pool, src->rows_all) != ST_OK)
		return no_memory(fm, m);
	return ST_OK;
}

void figure_model_free(struct figure_model *fm)
{
	if (fm == NULL)
		return;
	free(fm->models);
	free(fm->unfit);
	free(fm->hull);
	free(fm->hull_vertex);
	free(fm->ilp);
	free(fm->rows);
	for (int i = 0; i < 2; i++) {
		free(fm->heat[i].budget);
		free(fm->heat[i].share);
	}
	memset(fm, 0, sizeof *fm);
}

/* ---- CSV ------------------------------------------------------------- */

static void put_number(FILE *fp, double v)
{
	char buf[EXPORT_NUMBER_SIZE];

	export_number(buf, v);
	fputs(buf, fp);
}

/* series,lambda,budget,model,cost,accuracy,share: NaN fields stay empty. */
static void put_row(FILE *fp, const char *series, double lambda, double budget,
		    const char *model, double cost, double accuracy, double share)
{
	fprintf(fp, "%s,", series);
	put_number(fp, lambda);
	putc(',', fp);
	put_number(fp, budget);
	putc(',', fp);
	if (model != NULL)
		(void)export_field(fp, model);  /* a failed write shows in ferror below */
	putc(',', fp);
	put_number(fp, cost);
	putc(',', fp);
	put_number(fp, accuracy);
	putc(',', fp);
	put_number(fp, share);
	putc('\n', fp);
}

/* A vertex of the LP frontier: a model, or a mix "A + B" with A's share. */
static enum status put_hull_row(FILE *fp, const struct figure_model *fm, size_t k)
{
	const struct frontier_vertex *v = &fm->hull_vertex[k];
	if (!frontier_vertex_is_mix(v)) {
		put_row(fp, "hull", NAN, NAN, fm->hull[k].name, fm->hull[k].cost,
			fm->hull[k].accuracy, NAN);
		return ST_OK;
	}
	const char *a = fm->models[v->model].name, *b = fm->models[v->other].name;
	size_t len = strlen(a) + strlen(b) + 4;
	char *both = malloc(len);
	if (both == NULL)
		return ST_INTERNAL;
	snprintf(both, len, "%s + %s", a, b);
	put_row(fp, "hull", NAN, NAN, both, v->cost, v->accuracy, v->share);
	free(both);
	return ST_OK;
}

enum status figure_model_write_csv(FILE *fp, const char *name, const void *ctx, size_t *rows,
				   struct status_msg *m)
{
	const struct figure_model *fm = ctx;
	size_t n = 0;

	errno = 0;
	fputs(FIGURE_CSV_HEADER "\n", fp);
	for (size_t i = 0; i < fm->n_models; i++, n++)
		put_row(fp, "model", NAN, NAN, fm->models[i].name, fm->models[i].cost,
			fm->models[i].accuracy, NAN);
	for (size_t i = 0; i < fm->n_models; i++)
		if (fm->unfit != NULL && fm->unfit[i]) {
			put_row(fp, "excluded", NAN, NAN, fm->models[i].name, fm->models[i].cost,
				fm->models[i].accuracy, NAN);
			n++;
		}
	for (size_t i = 0; i < fm->n_hull; i++, n++)
		if (put_hull_row(fp, fm, i) != ST_OK)
			return status_fail(m, ST_INTERNAL, "figure: out of memory");
	for (size_t j = 0; j < fm->n_ilp; j++, n++)
		put_row(fp, "ilp", fm->lambda, fm->ilp[j].cost, NULL, NAN, fm->ilp[j].accuracy, NAN);
	if (fm->has_policy) {
		put_row(fp, "policy", fm->lambda, fm->budget, NULL, fm->policy.cost,
			fm->policy.accuracy, NAN);
		n++;
	}
	for (int h = 0; h < 2; h++) {
		const struct figure_heat *ht = &fm->heat[h];
		for (size_t j = 0; j < ht->n_levels; j++)
			for (size_t i = 0; i < fm->n_models; i++, n++)
				put_row(fp, "heatmap", ht->lambda, ht->budget[j], fm->models[i].name,
					NAN, NAN, ht->share[i * ht->n_levels + j]);
	}
	if (rows != NULL)
		*rows = n;
	if (fflush(fp) != 0 || ferror(fp))
		return status_fail(m, ST_OUTPUT, "%s: cannot write: %s", name,
				   strerror(errno ? errno : EIO));
	return ST_OK;
}
