/*
 * test_support_bound.c - the support search's hull bounds (support_bound.c)
 * against references that share none of its code, on random nodes: K from
 * 1 to 1e9, lambda from 0 to 5 K, both modes, budgets and floors at a
 * model's, an ulp off it, between two and out of reach, ties in cost and
 * accuracy, loading costs of 0, accuracies so small that the charges are
 * kept apart from GLPK.
 *
 * - The relaxation: every vertex of the one-row LP (each model alone, each
 *   pair mixed with the row tight), brute force in long double; the bound
 *   may be looser by the widening only.  And GLPK's LP of the same node
 *   (deploy_lp, its tolerances made safe by weak duality) is within 1e-6 of
 *   it, and tighter by its snapped row only (limits.h): with accuracies near
 *   0.05 GLPK's is the looser by 1e-8.
 * - Every node bound is at least max over the charged sets T the node
 *   allows of LP_T - lambda u(T) (each T's LP by the same brute force),
 *   which bounds every policy of the node; at K <= 12 also at least every
 *   integer policy of the node, enumerated.
 * - The bound of a support (support_bound_set) likewise, over T within it.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "optdeploy/core/deploy_lp.h"
#include "optdeploy/core/support_bound.h"
#include "optdeploy/core/support_search.h"
#include "test_support.h"

#define NMAX 9

struct inst {
	struct pool pool;
	struct model md[NMAX];
	char names[2];
	size_t kept[NMAX];
	struct solve_params sp;
	double tol;
	/* the reference's form: maximise sum v x, sum d x <= cap */
	long double v[NMAX], d[NMAX], charge[NMAX], cap, k;
};

static const long long KS[] = {1, 2, 3, 5, 12, 100, 1000, 65536, 1000000, 999999937,
			       1000000000};

static void random_inst(struct inst *in, struct ts_rng *r)
{
	memset(in, 0, sizeof *in);
	in->names[0] = 'm';
	size_t n = 1 + ts_rand_below(r, NMAX);
	bool dyadic = ts_rand_below(r, 3) != 0;
	static const double loads[] = {0, 0.5, 1, 1, 2, 4};
	for (size_t i = 0; i < n; i++) {
		struct model *md = &in->md[i];
		md->name = in->names;
		md->cost = dyadic ? ldexp((double)(1 + ts_rand_below(r, 16)), -2)
				  : ts_rand_range(r, 0.1, 100);
		md->accuracy = dyadic ? (double)(50 + ts_rand_below(r, 40))
				      : 40 + 6 * log(md->cost + 1) + ts_rand_range(r, -3, 3);
		if (i > 0 && ts_rand_below(r, 5) == 0)
			md->accuracy = in->md[i - 1].accuracy;
		md->load_cost = loads[ts_rand_below(r, 6)];
		md->memory = 1;
		md->latency = 1;
		in->kept[i] = i;
	}
	if (ts_rand_below(r, 6) == 0)  /* tiny accuracies: charges far above them */
		for (size_t i = 0; i < n; i++)
			in->md[i].accuracy = ldexp(in->md[i].accuracy, -10);
	in->pool.models = in->md;
	in->pool.n = n;
	in->pool.cost_scale = 1;
	struct solve_params *sp = &in->sp;
	*sp = solve_params_default();
	sp->mode = ts_rand_below(r, 2) ? SOLVE_MAX_ACCURACY : SOLVE_MIN_COST;
	sp->k = KS[ts_rand_below(r, sizeof KS / sizeof *KS)];
	const struct model *a = &in->md[ts_rand_below(r, n)], *b = &in->md[ts_rand_below(r, n)];
	switch (ts_rand_below(r, 5)) {
	case 0: sp->budget = a->cost; sp->min_accuracy = a->accuracy; break;
	case 1: sp->budget = nextafter(a->cost, 0); sp->min_accuracy = nextafter(a->accuracy, 100);
		break;
	case 2: sp->budget = (a->cost + b->cost) / 2;
		sp->min_accuracy = (a->accuracy + b->accuracy) / 2; break;
	case 3: sp->budget = 0.01; sp->min_accuracy = 200; break;  /* out of reach */
	default: sp->budget = ts_rand_range(r, 0.1, 100); sp->min_accuracy = ts_rand_range(r, 45, 90);
		break;
	}
	static const double lambdas[] = {0, 0.1, 1, 5, 0.37};
	sp->lambda = lambdas[ts_rand_below(r, 5)] * (double)sp->k;
	in->tol = 2e-14 * (double)sp->k * 100 + 1e-9;
	bool primal = sp->mode == SOLVE_MAX_ACCURACY;
	in->k = (long double)sp->k;
	in->cap = in->tol;
	for (size_t i = 0; i < n; i++) {
		const struct model *md = &in->md[i];
		in->v[i] = primal ? md->accuracy : -(long double)md->cost;
		in->d[i] = primal ? (long double)md->cost - sp->budget
				  : (long double)sp->min_accuracy - md->accuracy;
		in->charge[i] = (long double)sp->lambda * md->load_cost;
	}
}

/* max sum w x, sum x = K, sum d x <= cap over the models in `set` (brute force on vertices). */
static long double lp_ref(const struct inst *in, const bool *set, const long double *w)
{
	long double best = -INFINITY, t = in->cap / in->k;
	for (size_t i = 0; i < in->pool.n; i++) {
		if (!set[i])
			continue;
		if (in->d[i] <= t)
			best = fmaxl(best, in->k * w[i]);
		for (size_t j = 0; j < in->pool.n; j++)
			if (set[j] && in->d[i] < t && t < in->d[j])
				best = fmaxl(best, in->k * (w[i] + (w[j] - w[i]) * (t - in->d[i]) /
							       (in->d[j] - in->d[i])));
	}
	return best;
}

/* In the problem's sense: is the bound `got` at least as weak as the truth `ref` (max form)? */
static bool not_tighter(const struct inst *in, double got, long double ref)
{
	if (isinf(ref) && ref < 0)
		return true;
	return in->sp.mode == SOLVE_MAX_ACCURACY ? (long double)got >= ref : (long double)got <= -ref;
}

/* Largest of LP_T - lambda u(T) over the charged sets T: F1 in T, T within F1 and free. */
static long double cases_ref(const struct inst *in, const signed char *zfix, bool need_free)
{
	size_t n = in->pool.n;
	long double best = -INFINITY;
	for (unsigned mask = 1; mask < 1u << n; mask++) {
		bool set[NMAX], ok = true, some_free = false;
		long double charged = 0;
		for (size_t i = 0; i < n; i++) {
			set[i] = mask >> i & 1;
			if ((zfix[i] == 1 && !set[i]) || (zfix[i] == 0 && set[i]))
				ok = false;
			if (set[i]) {
				charged += in->charge[i];
				some_free = some_free || (zfix[i] == -1 && in->charge[i] > 0);
			}
		}
		if (ok && (!need_free || some_free))
			best = fmaxl(best, lp_ref(in, set, in->v) - charged);
	}
	return best;
}

/* The node's relaxation: free priced models pay lambda u x / K. */
static long double relax_ref(const struct inst *in, const signed char *zfix)
{
	bool set[NMAX];
	long double w[NMAX], fixed = 0;
	for (size_t i = 0; i < in->pool.n; i++) {
		set[i] = zfix[i] != 0;
		w[i] = in->v[i] - (zfix[i] == -1 ? in->charge[i] / in->k : 0);
		fixed += zfix[i] == 1 ? in->charge[i] : 0;
	}
	return lp_ref(in, set, w) - fixed;
}

/* Every integer policy of the node (K <= 12), charged for F1 and the free models it uses. */
static void enum_ref(const struct inst *in, const signed char *zfix, size_t i, long long rest,
		     long long *x, long double *best)
{
	size_t n = in->pool.n;
	if (i == n) {
		if (rest != 0)
			return;
		long double val = 0, load = 0, used = 0;
		for (size_t j = 0; j < n; j++) {
			val += in->v[j] * (long double)x[j];
			used += in->d[j] * (long double)x[j];
			if (zfix[j] == 1 || x[j] > 0)
				load += in->charge[j];
		}
		if (used <= in->cap)
			*best = fmaxl(*best, val - load);
		return;
	}
	for (long long c = 0; c <= (zfix[i] == 0 ? 0 : rest); c++) {
		x[i] = c;
		enum_ref(in, zfix, i + 1, rest - c, x, best);
	}
	x[i] = 0;
}

static double relative(const struct inst *in, double a, long double b)
{
	long double scale = 1;
	for (size_t i = 0; i < in->pool.n; i++)
		scale = fmaxl(scale, in->k * fabsl(in->v[i]) + in->charge[i]);
	return (double)(fabsl((long double)a - b) / scale);
}

static void check_node(const struct inst *in, struct support_bound *b, struct deploy_lp *lp,
		       const signed char *zfix, const struct support_problem *p)
{
	bool primal = in->sp.mode == SOLVE_MAX_ACCURACY;
	double x[NMAX];
	struct support_node_bound nb;
	support_bound_node(b, zfix, &nb, x);
	long double relax = relax_ref(in, zfix);
	if (!nb.feasible) {
		assert_true(isinf(relax));  /* never infeasible when a mix meets the row */
		return;
	}
	if (isinf(relax))
		return;  /* within the widening of the row: a bound, not a verdict */
	assert_true(not_tighter(in, nb.relax, relax));
	assert_true(relative(in, nb.relax, primal ? relax : -relax) < 1e-12);
	assert_true(not_tighter(in, nb.all, cases_ref(in, zfix, false)));
	assert_true(not_tighter(in, nb.some_free, cases_ref(in, zfix, true)));
	assert_true(primal ? nb.all <= nb.relax : nb.all >= nb.relax);
	if (in->sp.k <= 12 && in->pool.n <= 6) {  /* at most 6188 policies */
		long long xs[NMAX] = {0};
		long double best = -INFINITY;
		enum_ref(in, zfix, 0, in->sp.k, xs, &best);
		assert_true(not_tighter(in, nb.all, best));
	}
	/* GLPK's LP of the same node (charges kept with GLPK: not apart) */
	double glpk, gx[NMAX];
	if (!p->charges_apart &&
	    deploy_lp_solve(lp, &in->sp, zfix, in->tol, 10000, &glpk, gx) == DEPLOY_LP_OPTIMAL) {
		/* GLPK's bound (its tolerances, made safe by weak duality) is close
		 * to the hull's, and tighter only by its snapped row (limits.h) */
		assert_true(relative(in, nb.relax, glpk) < 1e-6);
		assert_true(relative(in, nb.relax, glpk) < 1e-10 ||
			    (primal ? glpk > nb.relax : glpk < nb.relax));
	}
}

static void test_nodes(void **state)
{
	(void)state;
	struct ts_rng r = {0x5b0a7d01u};
	long checked = 0;
	for (int c = 0; c < 3000; c++) {
		struct inst in;
		random_inst(&in, &r);
		struct support_problem p = {.pool = &in.pool, .kept = in.kept, .m = in.pool.n,
					    .sp = &in.sp, .glpk_sp = &in.sp, .resource_tol = in.tol};
		p.charges_apart = support_charges_apart(&in.pool, in.kept, in.pool.n, &in.sp);
		struct support_bound *b = support_bound_new(&p);
		struct deploy_lp *lp = deploy_lp_new(&in.pool, in.kept, in.pool.n);
		assert_non_null(b);
		assert_non_null(lp);
		for (int t = 0; t < 6; t++) {
			signed char zfix[NMAX];
			bool use[NMAX];
			for (size_t i = 0; i < in.pool.n; i++) {
				zfix[i] = (signed char)((int)ts_rand_below(&r, 3) - 1);
				use[i] = ts_rand_below(&r, 2);
			}
			if (t == 0)
				memset(zfix, -1, sizeof zfix);  /* the root */
			check_node(&in, b, lp, zfix, &p);
			/* a support: the charged sets within it */
			for (size_t i = 0; i < in.pool.n; i++)
				zfix[i] = use[i] ? -1 : 0;
			assert_true(not_tighter(&in, support_bound_set(b, use), cases_ref(&in, zfix, false)));
			checked++;
		}
		deploy_lp_free(lp);
		support_bound_free(b);
	}
	print_message("%ld nodes checked\n", checked);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nodes),
	};
	return cmocka_run_group_tests_name("support_bound", tests, NULL, NULL);
}
