/*
 * cmd_lifetime.c - `optdeploy lifetime`: the longest run the battery allows
 * at one accuracy floor (summary, then the policy as solve prints it), or a
 * sweep of floors (the accuracy/lifetime trade-off), as a table or CSV.
 */
#include "optdeploy/cli/cmd_lifetime.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "optdeploy/cli/cli_battery.h"
#include "optdeploy/cli/cli_cmd.h"
#include "optdeploy/cli/cli_print.h"
#include "optdeploy/cli/cli_progress.h"
#include "optdeploy/cli/cli_table.h"
#include "optdeploy/cli/cli_time.h"
#include "optdeploy/core/export.h"
#include "optdeploy/core/lifetime.h"
#include "optdeploy/core/units.h"

/* One floor's answer and its policy. */
struct level {
	struct lifetime_result r;
	struct policy p;
	enum status st;
};

/* ---- CSV ------------------------------------------------------------- */

static void put_num(struct export_out *o, double v, const char *after)
{
	export_put_number(o, v);
	export_put_text(o, after);
}

static void put_ll(struct export_out *o, long long v, const char *after)
{
	export_put_count(o, v);
	export_put_text(o, after);
}

static enum status out_finish(struct export_out *o, const char *name, size_t *rows, size_t n,
			      struct status_msg *m)
{
	enum status st = export_out_finish(o, name, m);
	if (st != ST_OK)
		return st;
	if (rows != NULL)
		*rows = n;
	return ST_OK;
}

struct policy_csv {
	const struct pool *pool;
	const struct level *lv;
};

/*
 * solve's policy CSV (export.h), then duration_s, then what the battery
 * pays as solve --battery writes it: measured_energy, expected_energy (cost
 * units), inference_j, idle_j, total_j and battery_left_j (the lifetime's).
 */
static enum status write_policy_csv(FILE *fp, const char *name, const void *ctx, size_t *rows,
				    struct status_msg *m)
{
	const struct policy_csv *c = ctx;
	const struct policy *p = &c->lv->p;
	const struct lifetime_result *r = &c->lv->r;
	struct export_out o;
	long double e = 0;
	for (size_t i = 0; i < c->pool->n; i++)
		e += (long double)p->count[i] * pool_energy(c->pool, i);
	double expected_energy = (double)(e / p->params.k);
	export_out_init(&o, fp);
	export_put_text(&o, "model,cost,accuracy,load_cost,count,share,budget,k,lambda,expected_accuracy,"
	    "expected_cost,objective,status,duration_s,measured_energy,expected_energy,inference_j,"
	    "idle_j,total_j,battery_left_j\n");
	for (size_t i = 0; i < c->pool->n && o.err == 0; i++) {
		const struct model *md = &c->pool->models[i];
		export_put_field(&o, md->name);
		export_put_text(&o, ",");
		put_num(&o, md->cost, ",");
		put_num(&o, md->accuracy, ",");
		put_num(&o, md->load_cost, ",");
		put_ll(&o, p->count[i], ",");
		put_num(&o, (double)p->count[i] / (double)p->params.k, ",,");  /* no budget: dual */
		put_ll(&o, p->params.k, ",");
		put_num(&o, p->params.lambda, ",");
		put_num(&o, p->expected_accuracy, ",");
		put_num(&o, p->expected_cost, ",");
		put_num(&o, p->objective, ",");
		export_put_text(&o, solve_outcome_name(p->outcome));
		export_put_text(&o, ",");
		put_num(&o, r->duration_s, ",");
		put_num(&o, pool_energy(c->pool, i), ",");
		put_num(&o, expected_energy, ",");
		put_num(&o, r->inference_j, ",");
		put_num(&o, r->idle_j, ",");
		put_num(&o, r->inference_j + r->idle_j, ",");
		put_num(&o, r->left_j, "\n");
	}
	return out_finish(&o, name, rows, c->pool->n, m);
}

struct sweep_csv {
	const struct level *lv;
	size_t n;
};

static enum status write_sweep_csv(FILE *fp, const char *name, const void *ctx, size_t *rows,
				   struct status_msg *m)
{
	const struct sweep_csv *c = ctx;
	struct export_out o;
	export_out_init(&o, fp);
	export_put_text(&o, CMD_LIFETIME_CSV_SWEEP_HEADER "\n");
	for (size_t j = 0; j < c->n; j++) {
		const struct lifetime_result *r = &c->lv[j].r;
		const struct policy *p = &c->lv[j].p;
		put_num(&o, r->min_accuracy, ",");
		export_put_text(&o, lifetime_outcome_name(r->outcome));
		export_put_text(&o, ",");
		if (r->outcome != LIFETIME_FOUND && r->outcome != LIFETIME_AT_CAP) {
			export_put_text(&o, ",,,,,,,\n");
			continue;
		}
		put_ll(&o, r->k, ",");
		put_num(&o, r->duration_s, ",");
		put_num(&o, p->expected_accuracy, ",");
		put_num(&o, p->expected_cost, ",");
		put_num(&o, r->inference_j, ",");
		put_num(&o, r->idle_j, ",");
		put_num(&o, r->left_j, ",");
		put_ll(&o, (long long)p->models_used, "\n");
	}
	return out_finish(&o, name, rows, c->n, m);
}

/* ---- tables ---------------------------------------------------------- */

/* The device limits, constraints of every solve of the search, when set. */
static void print_limits(FILE *fp, const struct solve_params *sp)
{
	size_t n = sp->max_models;
	bool mem = isfinite(sp->memory_limit) && sp->memory_limit >= 0;
	if (n > 0 && mem)
		cli_battery_kv(fp, "device limits", "at most %zu model%s used; their memory <= "
			       "%.10g", n, n == 1 ? "" : "s", sp->memory_limit);
	else if (n > 0)
		cli_battery_kv(fp, "device limits", "at most %zu model%s used", n, n == 1 ? "" : "s");
	else if (mem)
		cli_battery_kv(fp, "device limits", "memory of the models used <= %.10g",
			       sp->memory_limit);
	cli_time_print_limits(fp, sp);
}

static void print_problem(FILE *fp, const struct cli_options *o)
{
	const struct cli_phys *ph = &o->phys;
	char a[160], b[40];
	cli_battery_capacity(a, sizeof a, ph->battery_arg, ph->bp.battery_j);
	cli_battery_kv(fp, "battery", "%s; cost unit %s", a, ph->cost_unit);
	units_format_power(b, sizeof b, ph->bp.idle_w);
	cli_battery_kv(fp, "rate", "%s; idle draw %s", ph->rate_arg, b);
	print_limits(fp, &o->params);
}

static void print_single(FILE *fp, const struct cli_options *o, const struct pool *pool,
			 const struct level *lv, struct status_msg *m, enum status *st)
{
	const struct lifetime_result *r = &lv->r;
	char d[64], a[40], b[40], c[40];
	units_format_duration(d, sizeof d, r->duration_s);
	if (r->outcome == LIFETIME_AT_CAP)
		cli_battery_kv(fp, "lifetime", "at least %s (%.10g s): K = %lld inferences fit, "
			       "the largest K this program solves", d, r->duration_s, r->k);
	else if (r->duration_s < 60)
		cli_battery_kv(fp, "lifetime", "%s: K = %lld inference%s", d, r->k,
			       r->k == 1 ? "" : "s");
	else
		cli_battery_kv(fp, "lifetime", "%s (%.10g s): K = %lld inference%s", d,
			       r->duration_s, r->k, r->k == 1 ? "" : "s");
	cli_battery_kv(fp, "accuracy floor", "%.10g (least energy for K inferences at expected "
		       "accuracy >= floor; lambda = 0)", r->min_accuracy);
	print_problem(fp, o);
	units_format_energy(a, sizeof a, r->inference_j);
	units_format_energy(b, sizeof b, r->idle_j);
	units_format_energy(c, sizeof c, r->left_j);
	cli_battery_kv(fp, "energy", "inferences %s%s + idle %s%s; battery left %s", a,
		       o->time.idle_only ? " (whole-board)" : "", b,
		       o->time.idle_only ? " (idle time only)" : "", c);
	if (r->outcome == LIFETIME_FOUND && isnan(r->next_j))
		cli_battery_kv(fp, "K + 1", "%lld inferences: no policy of whole inferences meets the "
			       "time row", r->k + 1);
	else if (r->outcome == LIFETIME_FOUND)
		cli_battery_kv(fp, "K + 1", "%lld inferences need %.10g J with the idle draw, "
			       "more than the battery's %.10g J", r->k + 1, r->next_j,
			       o->phys.bp.battery_j);
	cli_battery_kv(fp, "exact solves", "%zu", r->solves);
	putc('\n', fp);
	*st = cli_print_solve(fp, o, pool, &lv->p, m);
	if (*st == ST_OK)
		cli_time_print_solve(fp, o, pool, &lv->p);
	/* the table's costs are not the file's energies: say what they are, as solve does */
	if (*st == ST_OK && o->time.idle_only)
		cli_battery_kv(fp, "costs", "each energy less the idle draw during its inference "
			       "(e - P t, the cost column above); the energy line adds P t back");
}

/* "resnet34 61.3%, se_resnet50 38.7%" */
static void policy_mix(char *buf, size_t size, const struct pool *pool, const struct policy *p)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < pool->n && used < size; i++) {
		double share = 100.0 * (double)p->count[i] / (double)p->params.k;
		if (p->count[i] == 0)
			continue;
		if (share < 0.05)
			used += (size_t)snprintf(buf + used, size - used, "%s%s <0.1%%",
						 used ? ", " : "", pool->models[i].name);
		else
			used += (size_t)snprintf(buf + used, size - used, "%s%s %.1f%%",
						 used ? ", " : "", pool->models[i].name, share);
	}
}

static enum status print_sweep(FILE *fp, const struct cli_options *o, const struct pool *pool,
			       const struct level *lv, size_t n, struct status_msg *m)
{
	struct cli_table t;
	char d[64], e[40], l[40], mix[256];
	print_problem(fp, o);
	cli_battery_kv(fp, "floors", "%zu (least energy at each floor; lambda = 0)", n);
	putc('\n', fp);
	cli_table_init(&t, "rrlrrrrl");
	cli_table_row(&t);
	const char *head[] = { "floor", "K", "lifetime", "seconds", "accuracy", "energy/inf",
			       "left", "policy" };
	for (size_t c = 0; c < 8; c++)
		cli_table_set(&t, c, "%s", head[c]);
	for (size_t j = 0; j < n; j++) {
		const struct lifetime_result *r = &lv[j].r;
		cli_table_row(&t);
		cli_table_set(&t, 0, "%.6g", r->min_accuracy);
		if (r->outcome != LIFETIME_FOUND && r->outcome != LIFETIME_AT_CAP) {
			cli_table_set(&t, 1, "-");
			cli_table_set(&t, 2, "%s", r->outcome == LIFETIME_INFEASIBLE ? "infeasible"
				      : r->outcome == LIFETIME_NOT_ONE ? "not one inference fits"
				      : r->stopped_by == SOLVE_TIME_LIMIT ? "no answer (solver time limit)"
				      : "no answer (the solver failed)");
			continue;
		}
		units_format_duration(d, sizeof d, r->duration_s);
		units_format_energy(e, sizeof e, r->inference_j / (double)r->k);
		units_format_energy(l, sizeof l, r->left_j);
		policy_mix(mix, sizeof mix, pool, &lv[j].p);
		cli_table_set(&t, 1, "%s%lld", r->outcome == LIFETIME_AT_CAP ? ">=" : "", r->k);
		cli_table_set(&t, 2, "%s", d);
		cli_table_set(&t, 3, "%.10g", r->duration_s);
		cli_table_set(&t, 4, "%.6g", lv[j].p.expected_accuracy);
		cli_table_set(&t, 5, "%s", e);
		cli_table_set(&t, 6, "%s", l);
		cli_table_set(&t, 7, "%s", mix);
	}
	enum status st = cli_table_print(&t, fp, 2, m);
	cli_table_free(&t);
	return st;
}

/* ---- the command ------------------------------------------------------ */

/* Solve one floor into lv (its policy initialised here; free with level_free). */
static enum status level_run(struct level *lv, const struct cli_options *o,
			     const struct pool *pool, struct solver *s, double floor,
			     struct status_msg *m)
{
	lv->st = policy_init(&lv->p, pool->n, m);
	if (lv->st == ST_OK)
		lv->st = lifetime_run(s, pool, &o->phys.bp, floor, &o->params, &lv->p, &lv->r, m);
	/* idle charged for idle time only: the costs are e - P t (cli_time.h), so the
	 * whole-board energy of the inferences and the idle time's draw are */
	bool found = lv->r.outcome == LIFETIME_FOUND || lv->r.outcome == LIFETIME_AT_CAP;
	if (lv->st == ST_OK && found && o->time.idle_only) {
		double busy_j = o->phys.bp.idle_w * lv->p.busy_time;
		lv->r.inference_j += busy_j;
		lv->r.idle_j -= busy_j;
	}
	return lv->st;
}

static void levels_free(struct level *lv, size_t n)
{
	for (size_t j = 0; j < n; j++)
		policy_free(&lv[j].p);
	free(lv);
}

/* One floor without an answer: 1 (said why), 70 when a solve failed. */
static int no_lifetime(const struct lifetime_result *r)
{
	fprintf(stderr, "optdeploy: %s\n", r->message[0] ? r->message : "no lifetime");
	if (r->outcome == LIFETIME_NO_ANSWER && r->stopped_by == SOLVE_FAILED)
		return status_exit_code(ST_INTERNAL);
	return CLI_EXIT_NO_POLICY;
}

static int run_single(const struct cli_options *o, const struct pool *pool, struct solver *s)
{
	struct level *lv = calloc(1, sizeof *lv);
	struct status_msg m;
	int code;
	if (lv == NULL)
		return cli_report(status_fail(&m, ST_INTERNAL, "out of memory"), &m);
	enum status st = level_run(lv, o, pool, s, o->params.min_accuracy, &m);
	if (st != ST_OK)
		code = cli_report(st, &m);
	else if (lv->r.outcome != LIFETIME_FOUND && lv->r.outcome != LIFETIME_AT_CAP)
		code = no_lifetime(&lv->r);
	else if (o->format == CLI_FORMAT_CSV) {
		struct policy_csv ctx = { pool, lv };
		code = cli_emit_csv(o, write_policy_csv, &ctx);
	} else {
		print_single(stdout, o, pool, lv, &m, &st);
		code = st != ST_OK ? cli_report(st, &m) : cli_finish_stdout(0);
	}
	levels_free(lv, 1);
	return code;
}

/* The floors: given, or the pool's accuracy range for the end not given. */
static enum status floor_range(const struct cli_options *o, const struct pool *pool,
			       double *from, double *to, size_t *steps, struct status_msg *m)
{
	lifetime_default_range(pool, &o->params, from, to);
	*steps = o->steps;
	if (o->from_given)
		*from = o->from;
	if (o->to_given)
		*to = o->to;
	if (!o->from_given && !o->to_given && *from >= *to)
		*steps = 1;  /* the cheapest model is also the most accurate */
	if (*steps > 1 && !(*from < *to))
		return status_fail(m, ST_USAGE, "lifetime --sweep: the floors run from %.10g to "
				   "%.10g; give --from below --to", *from, *to);
	return ST_OK;
}

static int run_sweep(const struct cli_options *o, const struct pool *pool, struct solver *s)
{
	struct status_msg m;
	double from, to;
	size_t steps, bad = 0, failed = 0;
	enum status st = floor_range(o, pool, &from, &to, &steps, &m);
	if (st != ST_OK)
		return cli_report(st, &m);
	struct level *lv = calloc(steps, sizeof *lv);
	if (lv == NULL)
		return cli_report(status_fail(&m, ST_INTERNAL, "out of memory"), &m);
	struct cli_progress pr;
	cli_progress_start(&pr, stderr, !o->no_progress, "lifetime", "floors", steps);
	for (size_t j = 0; j < steps && st == ST_OK; j++) {
		double f = steps == 1 ? from : j + 1 == steps ? to
			 : from + (to - from) * (double)j / (double)(steps - 1);
		st = level_run(&lv[j], o, pool, s, f, &m);
		bad += lv[j].r.outcome == LIFETIME_NO_ANSWER;
		failed += lv[j].r.outcome == LIFETIME_NO_ANSWER &&
			  lv[j].r.stopped_by == SOLVE_FAILED;
		cli_progress_update(&pr, j + 1);
	}
	cli_progress_end(&pr);
	int code;
	if (st != ST_OK)
		code = cli_report(st, &m);
	else if (o->format == CLI_FORMAT_CSV) {
		struct sweep_csv ctx = { lv, steps };
		code = cli_emit_csv(o, write_sweep_csv, &ctx);
	} else {
		st = print_sweep(stdout, o, pool, lv, steps, &m);
		code = st != ST_OK ? cli_report(st, &m) : cli_finish_stdout(0);
	}
	for (size_t j = 0; code == 0 && j < steps; j++)
		if (lv[j].r.outcome == LIFETIME_NO_ANSWER)
			fprintf(stderr, "optdeploy: floor %.10g: %s\n", lv[j].r.min_accuracy,
				lv[j].r.message);
	if (code == 0 && bad > 0) {
		fprintf(stderr, "optdeploy: %zu of %zu floors have no answer\n", bad, steps);
		code = failed > 0 ? status_exit_code(ST_INTERNAL) : CLI_EXIT_NO_POLICY;
	}
	levels_free(lv, steps);
	return code;
}

int cmd_lifetime_run(const struct cli_options *o, const struct pool *pool, struct solver *s)
{
	return o->sweep ? run_sweep(o, pool, s) : run_single(o, pool, s);
}
