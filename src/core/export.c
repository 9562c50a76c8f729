/* export.c - policies as tidy CSV, to a stream or (export_file.c) into a file. */
#include "optdeploy/core/export.h"
#include "optdeploy/core/limits.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define POLICY_HEADER "model,cost,accuracy,load_cost,count,share,budget,k,lambda," \
	"expected_accuracy,expected_cost,objective,status"

static void put_comma(struct export_out *o)
{
	export_put_text(o, ",");
}

/* count,share for model i (empty when the policy has no counts). */
static void put_allocation(struct export_out *o, const struct policy *pol, size_t i)
{
	if (policy_has_counts(pol)) {
		export_put_count(o, pol->count[i]);
		put_comma(o);
		export_put_number(o, (double)pol->count[i] / (double)pol->params.k);
	} else {
		put_comma(o);
	}
	put_comma(o);
}

/* expected_accuracy,expected_cost,objective,status (the caller ends the line). */
static void put_outcome(struct export_out *o, const struct policy *pol)
{
	if (policy_has_counts(pol)) {
		export_put_number(o, pol->expected_accuracy);
		put_comma(o);
		export_put_number(o, pol->expected_cost);
		put_comma(o);
		export_put_number(o, pol->objective);
		put_comma(o);
	} else {
		export_put_text(o, ",,,");
	}
	export_put_text(o, solve_outcome_name(pol->outcome));
}

/* The memory used and allowed: asked for with a memory limit, on a pool that has the column. */
static bool memory_shown(const struct pool *pool, const struct policy *pol)
{
	return pool->has_memory && limits_memory_active(&pol->params);
}

/* ,memory,memory_used,memory_limit: the model's own, the policy's models' together. */
static void put_memory(struct export_out *o, const struct pool *pool, const struct policy *pol,
		       size_t i)
{
	put_comma(o);
	export_put_number(o, pool->models[i].memory);
	put_comma(o);
	if (policy_has_counts(pol))
		export_put_number(o, policy_memory_used(pol, pool));
	put_comma(o);
	export_put_number(o, pol->params.memory_limit);
}

/* The busy time: asked for with a rate on a pool with latencies (the time row is active). */
static bool busy_shown(const struct pool *pool, const struct policy *pol)
{
	return pool->has_latency && limits_time_active(&pol->params);
}

/*
 * ,latency_s,busy_s,busy_share,busy_limit_s: the model's own latency, the
 * seconds the policy keeps the device busy over its K inferences, that
 * share of the K / rate seconds they arrive in, and the row's bound
 * duty x K / rate.
 */
static void put_busy(struct export_out *o, const struct pool *pool, const struct policy *pol,
		     size_t i)
{
	double span = (double)pol->params.k / pol->params.rate;
	put_comma(o);
	export_put_number(o, pool->models[i].latency);
	put_comma(o);
	if (policy_has_counts(pol))
		export_put_number(o, pol->busy_time);
	put_comma(o);
	if (policy_has_counts(pol))
		export_put_number(o, pol->busy_time / span);
	put_comma(o);
	export_put_number(o, limits_duty(&pol->params) * span);
}

/*
 * The measured energies: shown when they differ from the costs (e - P t)
 * and with a battery (what it pays, in any energy mode).
 */
static bool energy_shown(const struct pool *pool, const struct export_battery *battery)
{
	return battery != NULL || pool->idle_per_s > 0;
}

/* What the battery pays for a policy with counts, in joules (long double sums). */
struct paid {
	double expected_energy;  /* sum e x / K, cost units */
	double inference_j, idle_j, total_j, left_j;
};

static struct paid paid_for(const struct pool *pool, const struct policy *pol,
			    const struct export_battery *battery)
{
	struct paid p = { 0 };
	long double e = 0;
	for (size_t i = 0; i < pool->n; i++)
		e += (long double)pol->count[i] * pool_energy(pool, i);
	p.expected_energy = (double)(e / pol->params.k);
	if (battery == NULL)
		return p;
	const struct battery_params *bp = battery->bp;
	/*
	 * What is left is what the solver's energy row leaves, battery - P x
	 * duration - sum c x (battery.h; with the idle draw charged for idle
	 * time only c is e - P t, so P x busy time is in the energies); the
	 * battery pays the rest, of which the inferences' measured energy is
	 * sum e x and the idle draw the remainder.
	 */
	long double left = battery_left_j(bp, battery->duration_s, pol->total_cost);
	long double inf = e * bp->cost_unit_j, total = bp->battery_j - left;
	/* a policy that spends the battery to the last bit: 0, not -1e-15 J */
	p.left_j = fabsl(left) < 1e-12L * bp->battery_j ? 0.0 : (double)left;
	p.inference_j = (double)inf;
	p.total_j = (double)total;
	p.idle_j = (double)(total - inf);
	return p;
}

/*
 * ,measured_energy,expected_energy[,inference_j,idle_j,total_j,battery_left_j]:
 * the model's own, then the policy's (empty without counts).
 */
static void put_energy(struct export_out *o, const struct pool *pool, const struct policy *pol,
		       size_t i, const struct paid *paid, const struct export_battery *battery)
{
	bool counts = policy_has_counts(pol);
	put_comma(o);
	export_put_number(o, pool_energy(pool, i));
	put_comma(o);
	if (counts)
		export_put_number(o, paid->expected_energy);
	if (battery == NULL)
		return;
	const double v[4] = { paid->inference_j, paid->idle_j, paid->total_j, paid->left_j };
	for (int k = 0; k < 4; k++) {
		put_comma(o);
		if (counts)
			export_put_number(o, v[k]);
	}
}

enum status export_check_policy(const char *name, const struct pool *pool,
				const struct policy *pol, struct status_msg *m)
{
	if (policy_has_counts(pol) && (pol->n != pool->n || pol->params.k <= 0))
		return status_fail(m, ST_INTERNAL,
				   "%s: policy has %zu models and K = %lld, pool has %zu models",
				   name, pol->n, pol->params.k, pool->n);
	return ST_OK;
}

enum status export_policy_stream(FILE *fp, const char *name, const struct pool *pool,
				 const struct policy *pol, struct status_msg *m)
{
	return export_policy_battery_stream(fp, name, pool, pol, NULL, m);
}

enum status export_policy_battery_stream(FILE *fp, const char *name, const struct pool *pool,
					 const struct policy *pol,
					 const struct export_battery *battery,
					 struct status_msg *m)
{
	enum status st = export_check_policy(name, pool, pol, m);
	if (st != ST_OK)
		return st;
	struct export_out o;
	bool mem = memory_shown(pool, pol), busy = busy_shown(pool, pol);
	bool energy = energy_shown(pool, battery);
	struct paid paid = { 0 };
	if (energy && policy_has_counts(pol))
		paid = paid_for(pool, pol, battery);
	export_out_init(&o, fp);
	export_put_text(&o, POLICY_HEADER);
	export_put_text(&o, mem ? ",memory,memory_used,memory_limit" : "");
	export_put_text(&o, busy ? ",latency_s,busy_s,busy_share,busy_limit_s" : "");
	export_put_text(&o, energy ? ",measured_energy,expected_energy" : "");
	export_put_text(&o, battery != NULL ? ",inference_j,idle_j,total_j,battery_left_j\n" : "\n");
	for (size_t i = 0; i < pool->n; i++) {
		const struct model *md = &pool->models[i];
		export_put_field(&o, md->name);
		put_comma(&o);
		export_put_number(&o, md->cost);
		put_comma(&o);
		export_put_number(&o, md->accuracy);
		put_comma(&o);
		export_put_number(&o, md->load_cost);
		put_comma(&o);
		put_allocation(&o, pol, i);
		/* The budget is a parameter only of the primal; the dual has a floor instead. */
		if (pol->params.mode == SOLVE_MAX_ACCURACY)
			export_put_number(&o, pol->params.budget);
		put_comma(&o);
		export_put_count(&o, pol->params.k);
		put_comma(&o);
		export_put_number(&o, pol->params.lambda);
		put_comma(&o);
		put_outcome(&o, pol);
		if (mem)
			put_memory(&o, pool, pol, i);
		if (busy)
			put_busy(&o, pool, pol, i);
		if (energy)
			put_energy(&o, pool, pol, i, &paid, battery);
		export_put_text(&o, "\n");
	}
	return export_out_finish(&o, name, m);
}

struct policy_job {
	const struct pool *pool;
	const struct policy *pol;
	const struct export_battery *battery;
};

static enum status write_policy(FILE *fp, const char *name, const void *ctx, size_t *rows,
				struct status_msg *m)
{
	const struct policy_job *job = ctx;
	enum status st = export_policy_battery_stream(fp, name, job->pool, job->pol, job->battery, m);
	if (rows != NULL)
		*rows = st == ST_OK ? job->pool->n : 0;
	return st;
}

enum status export_policy_file(const char *path, const struct pool *pool,
			       const struct policy *pol, size_t *rows, struct status_msg *m)
{
	return export_policy_battery_file(path, pool, pol, NULL, rows, m);
}

enum status export_policy_battery_file(const char *path, const struct pool *pool,
				       const struct policy *pol,
				       const struct export_battery *battery, size_t *rows,
				       struct status_msg *m)
{
	struct policy_job job = {pool, pol, battery};
	return export_atomic(path, write_policy, &job, rows, m);
}
