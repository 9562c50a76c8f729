/*
 * export_sweep.c - a sweep as long-form CSV, one row per (level, model),
 * written level by level: from a held sweep, or solving a streamed one as it
 * goes so only one level is ever in memory.  A level's budget and outcome
 * are the same on each of its rows and the model names the same on every
 * level, so their text is made once, not once per row.
 */
#include "optdeploy/core/export.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "optdeploy/core/numtext.h"

#define SWEEP_HEADER "budget,model,count,share,expected_accuracy,expected_cost,objective,status"

/* The pool's names as CSV fields (quoted where needed), one after the other. */
struct name_text {
	char *text;     /* owned */
	size_t *start;  /* owned, n + 1 offsets into text */
};

static enum status name_text_init(struct name_text *nt, const struct pool *pool,
				  struct status_msg *m)
{
	size_t total = 0;
	for (size_t i = 0; i < pool->n; i++)
		total += 2 * strlen(pool->models[i].name) + 2;  /* every byte a quote, and two */
	nt->text = malloc(total + 1);
	nt->start = malloc((pool->n + 1) * sizeof *nt->start);
	if (nt->text == NULL || nt->start == NULL) {
		free(nt->text);
		free(nt->start);
		return status_fail(m, ST_INTERNAL, "out of memory");
	}
	size_t at = 0;
	for (size_t i = 0; i < pool->n; i++) {
		nt->start[i] = at;
		at += export_field_text(nt->text + at, pool->models[i].name);
	}
	nt->start[pool->n] = at;
	return ST_OK;
}

static void name_text_free(struct name_text *nt)
{
	free(nt->text);
	free(nt->start);
}

/* ",expected_accuracy,expected_cost,objective,status" (empty numbers without counts) */
static size_t outcome_text(char *buf, const struct policy *pol)
{
	char *p = buf;
	if (policy_has_counts(pol)) {
		const double v[3] = {pol->expected_accuracy, pol->expected_cost, pol->objective};
		for (int k = 0; k < 3; k++) {
			*p++ = ',';
			p += numtext_double(p, v[k]);
		}
		*p++ = ',';
	} else {
		memcpy(p, ",,,,", 4);
		p += 4;
	}
	const char *status = solve_outcome_name(pol->outcome);
	size_t sl = strlen(status);
	memcpy(p, status, sl);
	p += sl;
	return (size_t)(p - buf);
}

/*
 * ",expected_energy\n" of a level when the costs are e - P t (export.h),
 * else "\n"; the model's measured_energy goes before it.
 */
static size_t energy_text(char *buf, const struct pool *pool, const struct policy *pol)
{
	char *p = buf;
	if (pool->idle_per_s > 0) {
		*p++ = ',';
		if (policy_has_counts(pol)) {
			long double e = 0;
			for (size_t i = 0; i < pool->n; i++)
				e += (long double)pol->count[i] * pool_energy(pool, i);
			p += numtext_double(p, (double)(e / pol->params.k));
		}
	}
	*p++ = '\n';
	return (size_t)(p - buf);
}

/* The rows of one level. */
static void put_level(struct export_out *o, const struct pool *pool, const struct name_text *nt,
		      double budget, const struct policy *pol)
{
	char head[NUMTEXT_SIZE + 1], tail[3 * NUMTEXT_SIZE + 64], end[NUMTEXT_SIZE + 4];
	size_t head_len = numtext_double(head, budget);
	head[head_len++] = ',';
	size_t tail_len = outcome_text(tail, pol), end_len = energy_text(end, pool, pol);
	bool counts = policy_has_counts(pol);
	double k = counts ? (double)pol->params.k : 1;
	for (size_t i = 0; i < pool->n && o->err == 0; i++) {
		export_put_bytes(o, head, head_len);
		export_put_bytes(o, nt->text + nt->start[i], nt->start[i + 1] - nt->start[i]);
		if (!counts) {
			export_put_bytes(o, ",,", 2);
		} else if (pol->count[i] == 0) {
			export_put_bytes(o, ",0,0", 4);  /* most cells of a big pool */
		} else {
			export_put_bytes(o, ",", 1);
			export_put_count(o, pol->count[i]);
			export_put_bytes(o, ",", 1);
			export_put_number(o, (double)pol->count[i] / k);
		}
		export_put_bytes(o, tail, tail_len);
		if (pool->idle_per_s > 0) {
			export_put_bytes(o, ",", 1);
			export_put_number(o, pool_energy(pool, i));
		}
		export_put_bytes(o, end, end_len);
	}
}

/* A level with no outcome worth writing stops the export (as a failed solve does). */
static enum status level_failed(const struct sweep_level *lv, struct status_msg *m)
{
	const struct policy *p = &lv->policy;
	return status_fail(m, ST_INTERNAL, "budget %.10g: the solver failed: %s", lv->budget,
			   p->message[0] ? p->message : solve_outcome_name(p->outcome));
}

enum status export_sweep_levels(FILE *fp, const char *name, const void *ctx, size_t *rows,
				struct status_msg *m)
{
	const struct export_sweep_job *job = ctx;
	struct sweep *sw = job->sw;
	const struct pool *pool = sw->pool;
	struct name_text nt = {NULL, NULL};
	struct export_out *o = malloc(sizeof *o);
	enum status st = o != NULL ? name_text_init(&nt, pool, m)
				   : status_fail(m, ST_INTERNAL, "out of memory");
	if (rows != NULL)
		*rows = 0;
	if (st != ST_OK) {
		free(o);
		return st;
	}
	export_out_init(o, fp);
	export_put_text(o, pool->idle_per_s > 0 ? SWEEP_HEADER ",measured_energy,expected_energy\n"
						: SWEEP_HEADER "\n");
	size_t written = 0;
	for (size_t j = 0; st == ST_OK; j++) {
		if (job->solver != NULL && j == sw->done && !sweep_finished(sw))
			st = sweep_step(sw, job->solver, m);
		const struct sweep_level *lv = sweep_level_at(sw, j);
		if (st != ST_OK || lv == NULL)
			break;
		if (job->solver != NULL && lv->policy.outcome == SOLVE_FAILED)
			st = level_failed(lv, m);
		else
			st = export_check_policy(name, pool, &lv->policy, m);
		if (st != ST_OK)
			break;
		put_level(o, pool, &nt, lv->budget, &lv->policy);
		written++;
		if (job->progress != NULL)
			job->progress(job->progress_ctx, j + 1, export_out_bytes(o));
	}
	if (st == ST_OK)
		st = export_out_finish(o, name, m);
	if (st == ST_OK && rows != NULL)
		*rows = written * pool->n;
	name_text_free(&nt);
	free(o);
	return st;
}

enum status export_sweep_stream(FILE *fp, const char *name, const struct sweep *sw,
				struct status_msg *m)
{
	struct export_sweep_job job = {(struct sweep *)sw, NULL, NULL, NULL};
	return export_sweep_levels(fp, name, &job, NULL, m);
}

enum status export_sweep_file(const char *path, const struct sweep *sw, size_t *rows,
			      struct status_msg *m)
{
	struct export_sweep_job job = {(struct sweep *)sw, NULL, NULL, NULL};
	return export_atomic(path, export_sweep_levels, &job, rows, m);
}
