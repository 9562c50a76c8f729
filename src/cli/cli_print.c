/* cli_print.c - the human tables of solve, sweep, frontier and compare. */
#include "optdeploy/cli/cli_print.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "optdeploy/cli/cli_frontier.h"
#include "optdeploy/cli/cli_table.h"
#include "optdeploy/cli/cli_time.h"
#include "optdeploy/core/frontier.h"
#include "optdeploy/core/limits.h"

/* " mJ" after a cost of the pool (cost_unit.h); "" when its unit is not declared. */
#define U(pool) cost_unit_suffix(&(pool)->unit)

/* A heading of a cost column with the unit: "cost (mJ)". */
static void cost_heading(struct cli_table *t, size_t col, const struct pool *pool,
			 const char *word)
{
	char buf[64];
	cost_unit_heading(&pool->unit, word, buf, sizeof buf);
	cli_table_set(t, col, "%s", buf);
}

/* "key               value": the summary lines above and below the tables. */
static void kv(FILE *fp, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void kv(FILE *fp, const char *key, const char *fmt, ...)
{
	va_list ap;
	fprintf(fp, "%-19s", key);
	va_start(ap, fmt);
	vfprintf(fp, fmt, ap);
	va_end(ap);
	putc('\n', fp);
}

/*
 * A difference of two equal figures, off in the last bits of a double: exactly
 * 0, never -1e-15.  Real differences are far larger (one inference of K = 1e9
 * moves an accuracy by about 1e-9 of its size).
 */
static double tidy(double diff, double scale)
{
	double s = fabs(scale) > 1 ? fabs(scale) : 1;
	return fabs(diff) <= 1e-12 * s ? 0.0 : diff;
}

static const char *method_name(enum solve_method method)
{
	return method == SOLVE_RELAXED ? "LP relaxation + floor rounding (leftovers to one model)"
				       : "exact ILP (GLPK branch and bound)";
}

static void print_pool_line(FILE *fp, const struct cli_options *o, const struct pool *pool)
{
	if (o->normalize)
		kv(fp, "pool", "%s, %zu model%s, costs normalised (x %.6g) so the most "
		   "accurate model costs 100", pool->source, pool->n, pool->n == 1 ? "" : "s",
		   pool->cost_scale);
	else
		kv(fp, "pool", "%s, %zu model%s", pool->source, pool->n, pool->n == 1 ? "" : "s");
}

/* The device limits, when any is set (--max-models, --memory). */
static void print_limits(FILE *fp, const struct solve_params *sp)
{
	bool mem = isfinite(sp->memory_limit) && sp->memory_limit >= 0;
	if (sp->max_models > 0 && mem)
		kv(fp, "device limits", "at most %zu model%s used; their memory <= %.10g",
		   sp->max_models, sp->max_models == 1 ? "" : "s", sp->memory_limit);
	else if (sp->max_models > 0)
		kv(fp, "device limits", "at most %zu model%s used", sp->max_models,
		   sp->max_models == 1 ? "" : "s");
	else if (mem)
		kv(fp, "device limits", "memory of the models used <= %.10g", sp->memory_limit);
	cli_time_print_limits(fp, sp);
}

/* How the levels are spaced and why: the option, or the pool's cost span. */
static void print_spacing(FILE *fp, const struct cli_options *o, const struct sweep *sw)
{
	double lo = sweep_min_positive_cost(sw->pool), hi = pool_max_cost(sw->pool);
	char why[96];
	if (sw->n_levels == 1)
		return;
	if (o->spacing_given)
		snprintf(why, sizeof why, "%s", o->spacing == SWEEP_LOG ? "--log" : "--linear");
	else if (lo > 0)
		snprintf(why, sizeof why, hi / lo < 1000 ? "default: costs span a factor of %.3g, "
			 "log above 100" : "default: costs span a factor of %.0f, log above 100",
			 hi / lo);
	else
		snprintf(why, sizeof why, "default: no positive cost");
	kv(fp, "spacing", "%s (%s)", sweep_spacing_name(sw->spacing), why);
}

/* K, lambda (absolute and per K) and the method: shared by every command. */
static void print_params(FILE *fp, const struct solve_params *sp)
{
	kv(fp, "K", "%lld inference%s", sp->k, sp->k == 1 ? "" : "s");
	kv(fp, "lambda", "%.10g (%.6g x K)", sp->lambda, sp->lambda / (double)sp->k);
	kv(fp, "method", "%s", method_name(sp->method));
	print_limits(fp, sp);
}

/* ---- solve ---------------------------------------------------------- */

struct ranked_row {
	long long count;
	size_t i;
};

/* Larger count first; equal counts in the pool's order. */
static int ranked_row_cmp(const void *a, const void *b)
{
	const struct ranked_row *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * The rows listed: every model of a small pool (or with --all) in the pool's
 * order, else the used ones by count.  Returns how many; NULL order when out
 * of memory.
 */
static size_t *listed_models(const struct cli_options *o, const struct pool *pool,
			     const struct policy *p, size_t *n)
{
	bool all = o->all || pool->n <= CLI_SWEEP_ALL_COLUMNS || !policy_has_counts(p);
	struct ranked_row *r = malloc((pool->n ? pool->n : 1) * sizeof *r);
	size_t *idx = malloc((pool->n ? pool->n : 1) * sizeof *idx);
	*n = 0;
	if (r == NULL || idx == NULL) {
		free(r);
		free(idx);
		return NULL;
	}
	for (size_t i = 0; i < pool->n; i++)
		if (all || p->count[i] > 0)
			r[(*n)++] = (struct ranked_row){ all ? 0 : p->count[i], i };
	qsort(r, *n, sizeof *r, ranked_row_cmp);
	for (size_t k = 0; k < *n; k++)
		idx[k] = r[k].i;
	free(r);
	return idx;
}

/* The allocation table's columns, in order; ENERGY and MEMORY only when shown. */
enum alloc_col { AC_MODEL, AC_COST, AC_ENERGY, AC_ACCURACY, AC_LOAD, AC_MEMORY, AC_COUNT,
		 AC_SHARE, AC_N };

static void allocation_row(struct cli_table *t, const struct pool *pool, size_t i,
			   long long count, long long k, const bool *shown)
{
	const struct model *md = &pool->models[i];
	double v[AC_N] = { 0, md->cost, pool_energy(pool, i), md->accuracy, md->load_cost,
			   md->memory, 0, 0 };
	size_t col = 0;
	cli_table_row(t);
	for (int c = 0; c < AC_N; c++) {
		if (!shown[c])
			continue;
		if (c == AC_MODEL)
			cli_table_set(t, col, "%s", md->name);
		else if (c == AC_COUNT)
			cli_table_set(t, col, "%lld", count);
		else if (c == AC_SHARE && count > 0)
			cli_table_set(t, col, "%.1f%%", 100.0 * (double)count / (double)k);
		else if (c == AC_SHARE)
			cli_table_set(t, col, "-");
		else
			cli_table_set(t, col, "%.6g", v[c]);
		col++;
	}
}

static enum status print_allocation(FILE *fp, const struct cli_options *o,
				    const struct pool *pool, const struct policy *p,
				    struct status_msg *m)
{
	static const char *const head[AC_N] = { "model", "cost", "energy", "accuracy",
						"load_cost", "memory", "count", "share" };
	bool shown[AC_N] = { true, true, false, true, true, false, true, true };
	/* with the idle draw for idle time only the cost is e - P t: the measured e beside it */
	shown[AC_ENERGY] = pool->idle_per_s > 0;
	shown[AC_MEMORY] = pool->has_memory && limits_memory_active(&p->params);
	struct cli_table t;
	enum status st;
	char align[AC_N + 1];
	size_t ncol = 0;
	size_t n, *idx = listed_models(o, pool, p, &n);
	if (idx == NULL)
		return status_fail(m, ST_INTERNAL, "out of memory while formatting a table");
	for (int c = 0; c < AC_N; c++)
		if (shown[c])
			align[ncol++] = c == AC_MODEL ? 'l' : 'r';
	align[ncol] = '\0';
	cli_table_init(&t, align);
	cli_table_row(&t);
	for (int c = 0, col = 0; c < AC_N; c++)
		if (shown[c] && (c == AC_COST || c == AC_ENERGY))
			cost_heading(&t, (size_t)col++, pool, head[c]);
		else if (shown[c])
			cli_table_set(&t, (size_t)col++, "%s", head[c]);
	for (size_t k = 0; k < n; k++)
		allocation_row(&t, pool, idx[k], p->count[idx[k]], p->params.k, shown);
	st = cli_table_print(&t, fp, 2, m);
	cli_table_free(&t);
	free(idx);
	/* the others in one line, as sweep lists its columns */
	if (st == ST_OK && n < pool->n)
		fprintf(fp, "  (the other %zu model%s not used: --all lists every model)\n",
			pool->n - n, pool->n - n == 1 ? " is" : "s are");
	return st;
}

static void print_gap(FILE *fp, const struct policy *p)
{
	kv(fp, "rounding gap", "expected accuracy %.6g, objective %.6g (exact minus rounded)",
	   tidy(p->exact_accuracy - p->expected_accuracy, p->exact_accuracy),
	   tidy(p->params.mode == SOLVE_MIN_COST ? p->objective - p->exact_objective
						 : p->exact_objective - p->objective,
		p->exact_objective));
}

static void print_relaxed_figures(FILE *fp, const struct policy *p)
{
	if (isnan(p->exact_objective)) {
		/* the exact solve behind the gap did not finish (time limit, failure) */
		kv(fp, "exact ILP", "not proven within the time limit; no rounding gap");
	} else {
		kv(fp, "exact ILP", "expected accuracy %.10g, objective %.12g",
		   p->exact_accuracy, p->exact_objective);
		print_gap(fp, p);
	}
	kv(fp, "Theorem 3.2 bound", "%.6g (the rounding loses at most this much expected accuracy)",
	   p->theorem_bound);
}


/*
 * B = budget x K as text.  The product can exceed the largest double
 * (budget 1e308, K 1e9): then it is written from its logarithm, never as
 * "inf", since the budget itself is finite and the answer is right (the
 * solver clamps a budget above the costliest model's cost).
 */
static void total_budget_text(char *buf, size_t size, double budget, long long k)
{
	double b = budget * (double)k;
	if (isfinite(b) || !(budget > 0)) {
		snprintf(buf, size, "%.12g", b);
		return;
	}
	double lg = log10(budget) + log10((double)k);
	int e = (int)floor(lg);
	double mant = pow(10.0, lg - e);
	if (mant >= 9.99999999995) {
		mant /= 10;
		e++;
	}
	snprintf(buf, size, "%.10ge+%d (beyond the range of a double)", mant, e);
}

static void print_totals(FILE *fp, const struct pool *pool, const struct policy *p)
{
	const struct solve_params *sp = &p->params;
	char btext[96];
	total_budget_text(btext, sizeof btext, sp->budget, sp->k);
	if (sp->mode == SOLVE_MIN_COST) {
		kv(fp, "expected accuracy", "%.10g (sum p x / K; floor %.10g)",
		   p->expected_accuracy, sp->min_accuracy);
		kv(fp, "expected cost", "%.10g%s per inference", p->expected_cost, U(pool));
		kv(fp, "total cost", "%.12g%s", p->total_cost, U(pool));
		kv(fp, "objective", "%.12g = cost term %.12g + lambda term %.12g (minimised)",
		   p->objective, p->total_cost, p->loading_term);
	} else {
		kv(fp, "expected accuracy", "%.10g (sum p x / K)", p->expected_accuracy);
		kv(fp, "expected cost", "%.10g%s per inference", p->expected_cost, U(pool));
		kv(fp, "total cost", "%.12g%s of B = %s%s", p->total_cost, U(pool), btext, U(pool));
		kv(fp, "objective", "%.12g = accuracy term %.12g + lambda term %.12g (maximised)",
		   /* not objective - lambda term: that cancels when the charges dwarf it */
		   p->objective, p->expected_accuracy * (double)p->params.k, p->loading_term);
	}
	kv(fp, "models used", "%zu of %zu", p->models_used, pool->n);
	if (pool->has_memory && limits_memory_active(sp))
		kv(fp, "memory used", "%.10g of %.10g (the used models' memory together)",
		   policy_memory_used(p, pool), sp->memory_limit);
	kv(fp, "LP bound", "%.12g (objective of the LP relaxation)", p->lp_bound);
	if (sp->method == SOLVE_RELAXED)
		print_relaxed_figures(fp, p);
}

enum status cli_print_solve(FILE *fp, const struct cli_options *o, const struct pool *pool,
			    const struct policy *p, struct status_msg *m)
{
	const struct solve_params *sp = &p->params;
	enum status st;
	print_pool_line(fp, o, pool);
	if (sp->mode == SOLVE_MIN_COST) {
		kv(fp, "problem", "minimise expected cost with expected accuracy >= %.10g",
		   sp->min_accuracy);
	} else {
		kv(fp, "problem", "maximise expected accuracy within the budget");
		char btext[96];
		total_budget_text(btext, sizeof btext, sp->budget, sp->k);
		/* a battery's B / K is printed in full below it: people read four digits here */
		kv(fp, "budget", o->phys.battery_given ? "%.4g%s per inference; B = budget x K = %s%s%s"
		   : "%.10g%s per inference; B = budget x K = %s%s%s", sp->budget, U(pool), btext,
		   U(pool), !isfinite(sp->budget * (double)sp->k) && sp->budget >= pool_max_cost(pool)
		   ? "; every policy fits" : "");
	}
	print_params(fp, sp);
	if (p->outcome == SOLVE_ROUNDED)  /* the CSV's name, said in words */
		kv(fp, "status", "lp_rounded (the LP optimum rounded down: feasible, not proven "
		   "optimal)");
	else
		kv(fp, "status", "%s", solve_outcome_name(p->outcome));
	putc('\n', fp);
	st = print_allocation(fp, o, pool, p, m);
	if (st != ST_OK)
		return st;
	putc('\n', fp);
	print_totals(fp, pool, p);
	return ST_OK;
}

/* ---- sweep ---------------------------------------------------------- */

/* Which models get a share column: all of a small pool, the used ones of a big one. */
static size_t sweep_columns(const struct pool *pool, const struct cli_sweep_rows *rows,
			    size_t *col, bool *used)
{
	size_t n = 0;
	for (size_t i = 0; i < pool->n; i++)
		used[i] = pool->n <= CLI_SWEEP_ALL_COLUMNS;
	for (size_t c = 0; c < rows->n_cells; c++)
		used[rows->cell[c].model] = true;
	for (size_t i = 0; i < pool->n; i++)
		if (used[i])
			col[n++] = i;
	return n;
}

static void sweep_row(struct cli_table *t, const struct cli_sweep_rows *rows, size_t j,
		      const size_t *col, size_t ncol)
{
	const struct cli_sweep_level *l = &rows->level[j];
	cli_table_row(t);
	cli_table_set(t, 0, "%.6g", l->budget);
	if (l->counts) {
		cli_table_set(t, 1, "%.6g", l->accuracy);
		cli_table_set(t, 2, "%.6g", l->cost);
		cli_table_set(t, 3, "%.10g", l->objective);
	} else {
		cli_table_set(t, 1, "-");
		cli_table_set(t, 2, "-");
		cli_table_set(t, 3, "-");
	}
	cli_table_set(t, 4, "%s", solve_outcome_name(l->outcome));
	for (size_t c = 0; c < ncol && l->counts; c++) {
		double share = cli_sweep_rows_share(rows, j, col[c]);
		if (share > 0)
			cli_table_set(t, 5 + c, "%.1f", 100.0 * share);
		else
			cli_table_set(t, 5 + c, ".");
	}
}

static enum status sweep_table(FILE *fp, const struct pool *pool,
			       const struct cli_sweep_rows *rows, const size_t *col, size_t ncol,
			       struct status_msg *m)
{
	struct cli_table t;
	enum status st;
	char *align = malloc(5 + ncol + 1);
	if (align == NULL)
		return status_fail(m, ST_INTERNAL, "out of memory while formatting a table");
	memset(align, 'r', 5 + ncol);
	align[4] = 'l';
	align[5 + ncol] = '\0';
	cli_table_init(&t, align);
	cli_table_row(&t);
	cost_heading(&t, 0, pool, "budget");
	cli_table_set(&t, 1, "accuracy");
	cost_heading(&t, 2, pool, "cost");
	cli_table_set(&t, 3, "objective");
	cli_table_set(&t, 4, "status");
	for (size_t c = 0; c < ncol; c++)
		cli_table_set(&t, 5 + c, "#%zu", col[c] + 1);
	for (size_t j = 0; j < rows->n_levels; j++)
		sweep_row(&t, rows, j, col, ncol);
	st = cli_table_print(&t, fp, 2, m);
	cli_table_free(&t);
	free(align);
	return st;
}

enum status cli_print_sweep(FILE *fp, const struct cli_options *o, const struct sweep *sw,
			    const struct cli_sweep_rows *rows, struct status_msg *m)
{
	const struct pool *pool = sw->pool;
	size_t *col = malloc((pool->n ? pool->n : 1) * sizeof *col);
	bool *used = malloc((pool->n ? pool->n : 1) * sizeof *used);
	size_t ncol;
	enum status st;
	if (col == NULL || used == NULL) {
		free(col);
		free(used);
		return status_fail(m, ST_INTERNAL, "out of memory while formatting a table");
	}
	ncol = sweep_columns(pool, rows, col, used);
	free(used);
	if (pool_cost_order(pool, col, ncol) != ST_OK) {
		free(col);
		return status_fail(m, ST_INTERNAL, "out of memory while formatting a table");
	}
	print_pool_line(fp, o, pool);
	if (sw->n_levels == 1)
		kv(fp, "sweep", "1 budget level, %.10g%s per inference (B = budget x K)", sw->from,
		   U(pool));
	else
		kv(fp, "sweep", "%zu budget levels from %.10g to %.10g%s per inference (B = budget x "
		   "K)", sw->n_levels, sw->from, sw->to, U(pool));
	print_spacing(fp, o, sw);
	print_params(fp, &sw->params);
	kv(fp, "columns", "#N: share (%%) of model N, cheapest first; accuracy, cost: expected, per inference");
	for (size_t c = 0; c < ncol; c++) {
		const struct model *md = &pool->models[col[c]];
		fprintf(fp, "%19s#%-4zu %s (cost %.6g%s, accuracy %.6g)\n", "", col[c] + 1,
			md->name, md->cost, U(pool), md->accuracy);
	}
	if (ncol < pool->n)
		fprintf(fp, "%19s(the other %zu model%s share 0 at every level)\n", "",
			pool->n - ncol, pool->n - ncol == 1 ? " has" : "s have");
	putc('\n', fp);
	st = sweep_table(fp, pool, rows, col, ncol, m);
	free(col);
	return st;
}

/* ---- frontier ------------------------------------------------------- */

static enum status model_list(FILE *fp, const struct pool *pool, const size_t *idx, size_t n,
			      struct status_msg *m)
{
	struct cli_table t;
	enum status st;
	cli_table_init(&t, "lrr");
	cli_table_row(&t);
	cli_table_set(&t, 0, "model");
	cost_heading(&t, 1, pool, "cost");
	cli_table_set(&t, 2, "accuracy");
	for (size_t i = 0; i < n; i++) {
		cli_table_row(&t);
		cli_table_set(&t, 0, "%s", pool->models[idx[i]].name);
		cli_table_set(&t, 1, "%.6g", pool->models[idx[i]].cost);
		cli_table_set(&t, 2, "%.6g", pool->models[idx[i]].accuracy);
	}
	st = cli_table_print(&t, fp, 2, m);
	cli_table_free(&t);
	return st;
}

static enum status policy_frontier(FILE *fp, const struct pool *pool,
				   const struct cli_frontier *fr, struct status_msg *m)
{
	const struct sweep *sw = &fr->sweep;
	struct cli_table t;
	enum status st;
	cli_table_init(&t, "rrrrrl");
	cli_table_row(&t);
	cost_heading(&t, 0, pool, "budget");
	cli_table_set(&t, 1, "accuracy");
	cli_table_set(&t, 2, "LP hull");
	cost_heading(&t, 3, pool, "cost");
	cli_table_set(&t, 4, "models");
	cli_table_set(&t, 5, "status");
	for (size_t j = 0; j < sw->n_levels; j++) {
		const struct policy *p = &sw->levels[j].policy;
		double hull = frontier_lp_value(&fr->lp, sw->levels[j].budget);
		cli_table_row(&t);
		cli_table_set(&t, 0, "%.6g", sw->levels[j].budget);
		if (policy_has_counts(p)) {
			cli_table_set(&t, 1, "%.6g", p->expected_accuracy);
			cli_table_set(&t, 3, "%.6g", p->expected_cost);
			cli_table_set(&t, 4, "%zu", p->models_used);
		}
		if (isnan(hull))
			cli_table_set(&t, 2, "-");
		else
			cli_table_set(&t, 2, "%.6g", hull);
		cli_table_set(&t, 5, "%s", solve_outcome_name(p->outcome));
	}
	st = cli_table_print(&t, fp, 2, m);
	cli_table_free(&t);
	return st;
}

enum status cli_print_frontier(FILE *fp, const struct cli_options *o, const struct pool *pool,
			       const struct cli_frontier *fr, struct status_msg *m)
{
	const struct solve_params *sp = &fr->sweep.params;
	enum status st;
	print_pool_line(fp, o, pool);
	print_limits(fp, sp);  /* they bind the ILP frontier */
	bool dl = limits_deadline_active(sp), mem = limits_memory_active(sp);
	if (dl || mem) {
		bool one = fr->n_fit == 1;
		kv(fp, "frontier lists", "Pareto and LP hull over the %zu model%s that %s%s%s; the "
		   "ILP column is the exact answer under every limit", fr->n_fit, one ? "" : "s",
		   dl ? (one ? "meets the deadline" : "meet the deadline") : "",
		   dl && mem ? " and " : "",
		   mem ? (one ? "fits the memory limit on its own"
			      : "fit the memory limit on their own") : "");
	}
	else if (limits_active(sp))
		kv(fp, "frontier lists", "Pareto and LP hull over every model (any one may be "
		   "used alone); the ILP column is the exact answer under the limit");
	fprintf(fp, "\nPareto-optimal single models (%zu of %zu): no other model is as cheap "
		"and more accurate\n", fr->n_pareto, fr->n_fit);
	st = model_list(fp, pool, fr->pareto, fr->n_pareto, m);
	if (st != ST_OK)
		return st;
	st = cli_frontier_print_lp(fp, pool, &fr->lp, sp, limits_active(sp) || dl, m);
	if (st != ST_OK)
		return st;
	fprintf(fp, "\n%s frontier: K = %lld, lambda = %.10g (%.6g x K), %zu budget levels; "
		"expected accuracy and cost per inference\n",
		sp->method == SOLVE_RELAXED ? "LP-rounded" : "ILP", sp->k, sp->lambda,
		sp->lambda / (double)sp->k, fr->sweep.n_levels);
	print_spacing(fp, o, &fr->sweep);
	return policy_frontier(fp, pool, fr, m);
}

/* ---- compare -------------------------------------------------------- */

static void compare_cells(struct cli_table *t, const struct model *md,
			  const struct compare_row *r)
{
	cli_table_set(t, 0, "%s", md->name);
	cli_table_set(t, 1, "%.6g", md->cost);
	cli_table_set(t, 2, "%.6g", md->accuracy);
	if (r->same_budget_outcome == SOLVE_OPTIMAL || r->same_budget_outcome == SOLVE_ROUNDED) {
		cli_table_set(t, 3, "%.6g", r->same_budget_accuracy);
		cli_table_set(t, 4, "%+.4g", r->accuracy_gain);
	} else {
		cli_table_set(t, 3, "%s", solve_outcome_name(r->same_budget_outcome));
		cli_table_set(t, 4, "-");
	}
	if (r->same_accuracy_outcome == SOLVE_OPTIMAL || r->same_accuracy_outcome == SOLVE_ROUNDED) {
		cli_table_set(t, 5, "%.6g", r->same_accuracy_cost);
		cli_table_set(t, 6, "%.4g", r->cost_saving);
		if (md->cost > 0)
			cli_table_set(t, 7, "%.1f%%", 100.0 * r->cost_saving / md->cost);
		else
			cli_table_set(t, 7, "-");
	} else {
		cli_table_set(t, 5, "%s", solve_outcome_name(r->same_accuracy_outcome));
		cli_table_set(t, 6, "-");
		cli_table_set(t, 7, "-");
	}
}

enum status cli_print_compare(FILE *fp, const struct cli_options *o, const struct pool *pool,
			      const struct compare_row *rows, struct status_msg *m)
{
	static const char *const head[] = { "model", "cost", "accuracy", "policy accuracy",
		"gain", "policy cost", "saving", "saving %" };
	struct cli_table t;
	enum status st;
	print_pool_line(fp, o, pool);
	print_params(fp, &o->params);
	kv(fp, "same budget", "policy accuracy: the best policy whose expected cost is at most "
	   "the model's cost; gain over the model");
	kv(fp, "same accuracy", "policy cost: the cheapest policy at least as accurate as the "
	   "model; saving against the model");
	putc('\n', fp);
	cli_table_init(&t, "lrrrrrrr");
	cli_table_row(&t);
	for (size_t c = 0; c < 8; c++)
		if (c == 1 || c == 5 || c == 6)   /* the costs */
			cost_heading(&t, c, pool, head[c]);
		else
			cli_table_set(&t, c, "%s", head[c]);
	for (size_t i = 0; i < pool->n; i++) {
		cli_table_row(&t);
		compare_cells(&t, &pool->models[rows[i].model], &rows[i]);
	}
	st = cli_table_print(&t, fp, 2, m);
	cli_table_free(&t);
	return st;
}
