/*
 * test_near_time.c - deploy_near_time's proven box for one support with the
 * time row (deploy_near hands it every support when a rate is set), on
 * random small supports whose time row binds, in both modes, K from 1 to
 * 1e9: against deploy_mip's split-count branch and bound on the same
 * support, and against adversarial_ref.h's exact witness search (every
 * count at small K; at large K the three-model elimination), which shares
 * no code with either.  The box must answer most supports itself (the fast
 * path is not vacuous), and a support it declines is left to deploy_mip.
 * Each support is then solved again at budget steps either way on one
 * workspace, where an earlier GLPK proof may answer (near_proof.h): every
 * answer is judged by the witness search, and the proofs must be used.
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
#include <glpk.h>

#include "optdeploy/core/deploy_mip.h"
#include "optdeploy/core/deploy_near.h"
#include "optdeploy/core/deploy_near_time.h"
#include "optdeploy/core/limits.h"
#include "optdeploy/core/near_lp.h"
#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "adversarial_ref.h"
#include "test_support.h"

#ifndef TIE_TIME_LIMIT
#define TIE_TIME_LIMIT 30  /* s; -DTIE_TIME_LIMIT=2 replays the ties quickly on an older solver */
#endif

static const long long KS[] = {1, 2, 3, 4, 5, 7, 10, 12, 37, 99, 100, 101, 1000, 65536,
			       1000000, 999999937, 1000000000};

struct counts {
	int instances, boxed, declined, binding, mip_infeasible, mip_broken;
	int cut, beaten;  /* cutoffs tried, supports passed over by them */
	int steps, reused;  /* budget steps on one workspace, answered by an earlier proof */
};

/* Latencies rising with cost (noise: the cost and time orders differ), in s. */
static void add_latency(struct ts_pool *tp, struct ts_rng *r, bool integral)
{
	for (size_t i = 0; i < tp->pool.n; i++) {
		double ms = fmax(5, 10 + 3 * tp->models[i].cost + ts_rand_range(r, -60, 60));
		tp->models[i].latency = (integral ? round(ms) : ms) * 1e-3;
	}
	tp->pool.has_latency = true;
}

/* A budget (or floor) inside the pool's range and a rate whose time per inference binds. */
static void random_params(struct solve_params *sp, struct ts_rng *r, const struct pool *p)
{
	double clo = INFINITY, chi = 0, alo = INFINITY, ahi = 0, tlo = INFINITY, thi = 0;
	for (size_t i = 0; i < p->n; i++) {
		clo = fmin(clo, p->models[i].cost);
		chi = fmax(chi, p->models[i].cost);
		alo = fmin(alo, p->models[i].accuracy);
		ahi = fmax(ahi, p->models[i].accuracy);
		tlo = fmin(tlo, p->models[i].latency);
		thi = fmax(thi, p->models[i].latency);
	}
	*sp = solve_params_default();
	sp->mode = ts_rand_below(r, 2) ? SOLVE_MAX_ACCURACY : SOLVE_MIN_COST;
	sp->lambda = 0;
	sp->budget = ts_rand_range(r, clo, chi);
	if (ts_rand_below(r, 5) == 0)
		sp->budget = p->models[ts_rand_below(r, p->n)].cost;  /* at a model's cost */
	sp->min_accuracy = ts_rand_range(r, alo, ahi);
	sp->duty_cycle = ts_rand_below(r, 3) == 0 ? ts_rand_range(r, 0.3, 1) : 0;
	/* mostly in the lower half: a tight row, which the optimum without it breaks */
	double tau = ts_rand_range(r, tlo, ts_rand_below(r, 3) ? (tlo + thi) / 2 : thi);
	if (ts_rand_below(r, 5) == 0)
		tau = p->models[ts_rand_below(r, p->n)].latency;  /* at a model's latency */
	sp->rate = limits_duty(sp) / tau;
}

/* The solver's resource tolerance (solve.c's resource_tolerance). */
static double resource_tol(const struct pool *p, const struct solve_params *sp)
{
	return (double)(2e-14L * (long double)sp->k * limits_resource_scale(sp, p) + 1e-9L);
}

/* The solver's own test of an answer (support_search.c's feasible()): both rows within tolerance. */
static bool meets_rows(const struct pool *p, const struct solve_params *sp, const long long *x,
		       double tol)
{
	long double slack = 0;
	long long total = 0;
	for (size_t i = 0; i < p->n; i++) {
		const struct model *md = &p->models[i];
		total += x[i];
		slack += (long double)x[i] * (sp->mode == SOLVE_MAX_ACCURACY
			? (long double)sp->budget - md->cost : (long double)md->accuracy - sp->min_accuracy);
	}
	return total == sp->k && slack >= -(long double)tol && limits_counts_ok(sp, p, x);
}

static void fail_instance(const struct pool *p, const struct solve_params *sp, const char *what,
			  long double a, long double b)
{
	ts_print_pool(p);
	for (size_t i = 0; i < p->n; i++)
		fprintf(stderr, "  m%zu latency %.17g\n", i, p->models[i].latency);
	fprintf(stderr, "  mode %s K %lld budget %.17g floor %.17g rate %.17g duty %.17g\n",
		sp->mode == SOLVE_MAX_ACCURACY ? "max" : "min", sp->k, sp->budget,
		sp->min_accuracy, sp->rate, sp->duty_cycle);
	fail_msg("%s (%.17Lg vs %.17Lg)", what, a, b);
}

/* v.x - lambda * (the loading costs of the models x uses), v: accuracy or -cost. */
static long double charged_value(const struct pool *p, const struct solve_params *sp,
				 const long long *x, double lambda)
{
	long double v = 0, load = 0;
	for (size_t i = 0; i < p->n; i++) {
		if (x[i] == 0)
			continue;
		v += (long double)x[i] * (sp->mode == SOLVE_MAX_ACCURACY ? p->models[i].accuracy
									  : -p->models[i].cost);
		load += p->models[i].load_cost;
	}
	return v - lambda * load;
}

/*
 * deploy_near_solve_above with cutoffs around the support's answer xb (and
 * deploy_mip's xm, another optimum): a support passed over (BEATEN) must
 * have both below the cutoff, one answered must give xb's objective, and
 * a cutoff below xb's must never pass it over.
 */
static void check_cutoffs(const struct pool *p, const struct solve_params *sp, const bool *use,
			  double tol, const long long *xb, const long long *xm, bool xm_ok,
			  struct ts_rng *rng, struct counts *c)
{
	size_t kept[TS_MAX_MODELS];
	long long x[TS_MAX_MODELS];
	for (size_t i = 0; i < p->n; i++)
		kept[i] = i;
	struct deploy_near *nr = deploy_near_new(p, kept, p->n);
	assert_non_null(nr);
	static const double LAMBDAS[] = {0, 0.25, 1, 7.5, 100};
	size_t beaten = 0;
	for (int t = 0; t < 4; t++) {
		double lambda = LAMBDAS[ts_rand_below(rng, 5)];
		long double w = charged_value(p, sp, xb, lambda);
		long double unit = 1e-9L * fabsl(w) + 1e-6L;
		/* below (never passed over), just above, and a few units either side */
		long double shift = t == 0 ? -unit : t == 1 ? unit
				  : ts_rand_range(rng, -3, 3) * (1 + fabs(p->models[0].accuracy));
		double cutoff = (double)(w + shift);
		enum deploy_near_result r =
			deploy_near_solve_above(nr, sp, use, tol, cutoff, lambda, 60000, x);
		c->cut++;
		if (r == DEPLOY_NEAR_BEATEN) {
			c->beaten++;
			beaten++;
			if (!(w < cutoff) || (xm_ok && !(charged_value(p, sp, xm, lambda) < cutoff)))
				fail_instance(p, sp, "a support passed over holds an optimum above the cutoff",
					      w, cutoff);
		} else if (r == DEPLOY_NEAR_OPTIMAL) {
			if (fabsl(charged_value(p, sp, x, 0) - charged_value(p, sp, xb, 0)) > unit)
				fail_instance(p, sp, "the cutoff changed the support's answer",
					      charged_value(p, sp, x, 0), charged_value(p, sp, xb, 0));
		} else if (r != DEPLOY_NEAR_NO_BOX) {
			fail_instance(p, sp, "the box with a cutoff neither answered nor declined", r, 0);
		}
		if (t == 0 && r == DEPLOY_NEAR_BEATEN)
			fail_instance(p, sp, "a cutoff below the answer passed the support over", w, cutoff);
	}
	assert_int_equal(deploy_near_time_beaten(nr), beaten);
	deploy_near_free(nr);
}

/*
 * The same support at budget (or floor) steps either way on one workspace,
 * as a slider or a sweep moves it: deploy_near_time keeps GLPK's optima
 * and answers a step from an earlier proof when the box it proves keeps
 * the resource row slack (near_proof.h).  Every answer must meet the rows
 * and no policy may beat it (the witness search, sharing no code).
 */
static void check_steps(const struct pool *p, const struct solve_params *sp0, struct counts *c,
			const struct ts_rng *from)
{
	/* its own sequence: the instances after it stay those of the run without it */
	struct ts_rng own = {from->state ^ 0x5e9u}, *rng = &own;
	size_t kept[TS_MAX_MODELS];
	bool use[TS_MAX_MODELS];
	long long x[TS_MAX_MODELS];
	double lo = INFINITY, hi = -INFINITY;
	bool primal = sp0->mode == SOLVE_MAX_ACCURACY;
	for (size_t i = 0; i < p->n; i++) {
		kept[i] = i;
		use[i] = true;
		lo = fmin(lo, primal ? p->models[i].cost : p->models[i].accuracy);
		hi = fmax(hi, primal ? p->models[i].cost : p->models[i].accuracy);
	}
	struct deploy_near_time *nt = deploy_near_time_new(p, kept, p->n);
	assert_non_null(nt);
	struct solve_params sp = *sp0;
	for (int t = 0; t < 6; t++) {
		/* a slider's step (1/100 of the range), a smaller or a larger one, either way */
		static const double STEPS[] = {0.01, 0.001, 0.05};
		double step = (hi - lo) * STEPS[ts_rand_below(rng, 3)] * (ts_rand_below(rng, 2) ? 1 : -1);
		if (t > 0 && primal)
			sp.budget += step;
		else if (t > 0)
			sp.min_accuracy += step;
		double tol = resource_tol(p, &sp);
		size_t before = deploy_near_time_reused(nt);
		enum deploy_near_result r = deploy_near_time_solve(nt, &sp, use, tol, NAN, 0, 60000, x);
		if (r == DEPLOY_NEAR_NO_BOX)
			continue;  /* declined (or no policy left): deploy_mip's */
		if (r != DEPLOY_NEAR_OPTIMAL)
			fail_instance(p, &sp, "a step neither answered nor declined", r, t);
		c->steps++;
		c->reused += (int)(deploy_near_time_reused(nt) - before);
		struct ar_problem ref;
		long double cost[AR_MAX];
		for (size_t i = 0; i < p->n; i++)
			cost[i] = p->models[i].cost;
		ar_build(&ref, p, &sp, cost, (long double)sp.budget * (long double)sp.k);
		long double obj = ar_objective(&ref, x), eps = 2e-13L * ar_scale(&ref);
		if (!ar_feasible(&ref, x, true) || !meets_rows(p, &sp, x, tol))
			fail_instance(p, &sp, "a step's policy breaks a row", obj, t);
		struct ar_result res;
		ar_search(&ref, obj, eps, &res);
		if (res.witness)
			fail_instance(p, &sp, "a policy beats a step's answer", obj, res.value);
	}
	deploy_near_time_free(nt);
}

/* One support: the box against deploy_mip and the witness search. */
static void check_support(const struct pool *p, const struct solve_params *sp, struct counts *c,
			  struct ts_rng *rng)
{
	size_t kept[TS_MAX_MODELS];
	bool use[TS_MAX_MODELS];
	long long xb[TS_MAX_MODELS] = {0}, xm[TS_MAX_MODELS] = {0}, xf[TS_MAX_MODELS] = {0};
	for (size_t i = 0; i < p->n; i++) {
		kept[i] = i;
		use[i] = true;
	}
	struct deploy_near *nr = deploy_near_new(p, kept, p->n);
	struct deploy_mip *mip = deploy_mip_new(p, kept, p->n);
	assert_non_null(nr);
	assert_non_null(mip);
	double tol = resource_tol(p, sp);
	enum deploy_near_result rb = deploy_near_solve(nr, sp, use, tol, 60000, xb);
	enum deploy_mip_result rm = deploy_mip_solve(mip, sp, use, tol, NULL, NAN, 60000, xm);
	struct solve_params free_sp = *sp;
	free_sp.rate = 0;
	enum deploy_mip_result rf = deploy_mip_solve(mip, &free_sp, use, tol, NULL, NAN, 60000, xf);
	size_t boxed, declined;
	deploy_near_time_counts(nr, &boxed, &declined);
	assert_int_equal(boxed + declined, rb == DEPLOY_NEAR_OPTIMAL || rb == DEPLOY_NEAR_NO_BOX);

	struct ar_problem ref;
	long double cost[AR_MAX];
	for (size_t i = 0; i < p->n; i++)
		cost[i] = p->models[i].cost;
	ar_build(&ref, p, sp, cost, (long double)sp->budget * (long double)sp->k);
	long double eps = 2e-13L * ar_scale(&ref);
	struct ar_result res;
	c->instances++;
	c->mip_infeasible += rm == DEPLOY_MIP_INFEASIBLE;
	if (rb == DEPLOY_NEAR_NO_BOX) {
		c->declined++;
	} else if (rb != DEPLOY_NEAR_OPTIMAL) {
		fail_instance(p, sp, "the box neither answered nor declined", rb, 0);
	} else {
		c->boxed++;
		long double obj = ar_objective(&ref, xb);
		if (!ar_feasible(&ref, xb, true) || !meets_rows(p, sp, xb, tol))
			fail_instance(p, sp, "the box's policy breaks a row", obj, 0);
		if (rm != DEPLOY_MIP_OPTIMAL)
			fail_instance(p, sp, "the box answered, deploy_mip did not", rm, 0);
		/* deploy_mip's answer, when the solver's test would accept it (GLPK's
		 * tolerances can let a row through at K = 1e9; the witness search
		 * below judges the box then) */
		long double om = ar_objective(&ref, xm);
		bool xm_ok = meets_rows(p, sp, xm, tol);
		if (!xm_ok)
			c->mip_broken++;
		else if (fabsl(obj - om) > eps)
			fail_instance(p, sp, "the box and deploy_mip differ", obj, om);
		check_cutoffs(p, sp, use, tol, xb, xm, xm_ok, rng, c);
		check_steps(p, sp, c, rng);
		ar_search(&ref, obj, eps, &res);
		if (res.witness)
			fail_instance(p, sp, "a policy beats the box's", obj, res.value);
		/* the time row binds: the optimum without it breaks it, or is worse */
		if (rf == DEPLOY_MIP_OPTIMAL && (!limits_counts_ok(sp, p, xf) ||
						 fabsl(ar_objective(&ref, xf) - obj) > eps))
			c->binding++;
	}
	deploy_near_free(nr);
	deploy_mip_free(mip);
}

static void run(struct ts_rng *rng, int count, bool large_k, struct counts *c)
{
	for (int t = 0; t < count; t++) {
		struct ts_pool tp;
		long long k = large_k ? KS[8 + ts_rand_below(rng, 9)] : KS[ts_rand_below(rng, 8)];
		size_t n = large_k ? 2 + ts_rand_below(rng, 2) : 1 + ts_rand_below(rng, 5);
		ts_random_pool(&tp, rng, n, t % 3 == 0);
		add_latency(&tp, rng, t % 2 == 0);
		struct solve_params sp;
		random_params(&sp, rng, &tp.pool);
		sp.k = k;
		check_support(&tp.pool, &sp, c, rng);
	}
}

/*
 * NT_SEED and NT_SCALE replay other seeds and longer runs by hand
 * (NT_SCALE=20 NT_SEED=7 build/tests/test_near_time), as the adversarial
 * test's ADV_SEED and ADV_SCALE do.
 */
static uint32_t seed_for(uint32_t base)
{
	return ts_env_seed("NT_SEED", base);
}

static int scaled(int count)
{
	return ts_env_scaled("NT_SCALE", count);
}

static void test_box_small_k(void **state)
{
	(void)state;
	struct ts_rng rng = {seed_for(0xb0c5u)};
	struct counts c = {0};
	run(&rng, scaled(400), false, &c);
	fprintf(stderr, "small K: %d supports, %d boxed, %d declined, %d with the row binding, "
		"%d infeasible for deploy_mip, %d of its answers breaking a row; "
		"%d of %d cutoffs passed the support over; %d of %d steps from an earlier proof\n",
		c.instances, c.boxed, c.declined, c.binding, c.mip_infeasible, c.mip_broken, c.beaten,
		c.cut, c.reused, c.steps);
	assert_true(c.beaten * 5 >= c.cut);  /* cutoffs above the answer pass most over */
	assert_true(c.reused * 10 >= c.steps);  /* the proofs kept are used */
	/* most supports the box answers; the row binds on many of those */
	assert_true(c.boxed * 10 >= (c.instances - c.mip_infeasible) * 9);
	assert_true(c.binding * 5 >= c.boxed);
}

static void test_box_large_k(void **state)
{
	(void)state;
	struct ts_rng rng = {seed_for(0xb0c6u)};
	struct counts c = {0};
	run(&rng, scaled(400), true, &c);
	fprintf(stderr, "large K: %d supports, %d boxed, %d declined, %d with the row binding, "
		"%d infeasible for deploy_mip, %d of its answers breaking a row; "
		"%d of %d cutoffs passed the support over; %d of %d steps from an earlier proof\n",
		c.instances, c.boxed, c.declined, c.binding, c.mip_infeasible, c.mip_broken, c.beaten,
		c.cut, c.reused, c.steps);
	assert_true(c.beaten * 5 >= c.cut);
	assert_true(c.reused * 10 >= c.steps);
	assert_true(c.boxed * 10 >= (c.instances - c.mip_infeasible) * 9);
	assert_true(c.binding * 4 >= c.boxed);
}

/*
 * One solve of p (a rate, lambda 0) on the whole solver: optimal or
 * infeasible within the time limit, and the independent reference finds
 * no policy better than the answer (nor any, when infeasible).
 */
static void check_tie_solve(const struct pool *p, const struct solve_params *sp, int *optimal,
			    int *incomplete)
{
	struct solver *s = solver_new(p, NULL);
	assert_non_null(s);
	struct policy pol;
	assert_int_equal(policy_init(&pol, p->n, NULL), ST_OK);
	assert_int_equal(solver_run(s, sp, &pol, NULL), ST_OK);
	struct ar_problem ref;
	long double cost[AR_MAX];
	for (size_t i = 0; i < p->n; i++)
		cost[i] = p->models[i].cost;
	ar_build(&ref, p, sp, cost, (long double)sp->budget * (long double)sp->k);
	struct ar_result res;
	if (getenv("NT_TIE_LOG") != NULL)
		fprintf(stderr, "tie K %lld: %s\n", sp->k, solve_outcome_name(pol.outcome));
	if (pol.outcome == SOLVE_INFEASIBLE) {
		ar_search(&ref, ref.primal ? -INFINITY : INFINITY, 0, &res);
		if (res.any_feasible || res.witness)
			fail_instance(p, sp, "called infeasible, the reference finds a policy", 0, 0);
	} else {
		if (pol.outcome != SOLVE_OPTIMAL)
			fail_instance(p, sp, "a tie not solved", pol.outcome, 0);
		(*optimal)++;
		long double obj = ar_objective(&ref, pol.count);
		if (!ar_feasible(&ref, pol.count, true))
			fail_instance(p, sp, "the answer breaks a row", obj, 0);
		ar_search(&ref, obj, 2e-13L * ar_scale(&ref), &res);
		if (res.witness)
			fail_instance(p, sp, "a policy beats the answer", obj, res.value);
	}
	*incomplete += res.incomplete;
	policy_free(&pol);
	solver_free(s);
}

/*
 * ADV_SEED=99 ADV_SCALE=4 test_solve_warm's instance: m0, m2 and m4 have
 * collinear (latency, cost), so they tie in the support's LP with only the
 * time row priced; deploy_mip's branch and bound on it ran out its 30 s.
 */
static void test_tie_seed99(void **state)
{
	(void)state;
	static struct model md[6];
	static const double cost[] = {0x1.ap+1, 0x1.8p+1, 0x1.4p+1, 0x1.6p+1, 0x1p+0, 0x1.cp+1};
	static const double acc[] = {0x1.48p+6, 0x1.5p+6, 0x1.4cp+6, 0x1.44p+6, 0x1.1p+6, 0x1.ep+5};
	static const double load[] = {1, 1, 4, 0.5, 1, 1};
	static const double lat[] = {0x1p-10, 0x1.8p-7, 0x1.8p-9, 0x1.8p-8, 0x1.cp-8, 0x1p-10};
	static char names[6][4] = {"m0", "m1", "m2", "m3", "m4", "m5"};
	for (int i = 0; i < 6; i++)
		md[i] = (struct model){.name = names[i], .cost = cost[i], .accuracy = acc[i],
				       .load_cost = load[i], .memory = 1, .latency = lat[i]};
	struct pool p = {.models = md, .n = 6, .cost_scale = 1, .has_latency = true};
	struct solve_params sp = solve_params_default();
	sp.time_limit = TIE_TIME_LIMIT;
	sp.mode = SOLVE_MIN_COST;
	sp.k = 1000000000;
	sp.lambda = 0;
	sp.budget = 0x1.ap+0;
	sp.min_accuracy = 0x1.08p+6;
	sp.rate = 0x1.3d4384d4bcd97p+8;
	sp.duty_cycle = 1;
	int optimal = 0, incomplete = 0;
	check_tie_solve(&p, &sp, &optimal, &incomplete);
	assert_int_equal(optimal, 1);
}

/*
 * Random pools where three or more models lie on one line in (latency,
 * value) (or (resource, value)), dyadic data, a rate whose time row binds,
 * K up to 1e9: the supports' LPs tie with one row priced, which deploy_mip's
 * branch and bound could not close at large K within the time limit.
 */
static void test_tie_family(void **state)
{
	(void)state;
	struct ts_rng rng = {seed_for(0xb0c8u)};
	static const long long ks[] = {65536, 1000000, 999999937, 1000000000, 1000000000};
	int optimal = 0, incomplete = 0, runs = scaled(80);
	for (int t = 0; t < runs; t++) {
		struct ts_pool tp;
		/* three models at large K (the reference's elimination is exact), four at K <= 600 */
		size_t n = t % 4 == 3 ? 4 : 3;
		long long k = n == 4 ? 100 + (long long)ts_rand_below(&rng, 500) : ks[ts_rand_below(&rng, 5)];
		ts_random_pool(&tp, &rng, n, true);
		/* on a line in latency: cost falls (min-cost ties), accuracy rises (max-accuracy) */
		long long c0 = 8 + ts_rand_below(&rng, 40), slope = 1 + ts_rand_below(&rng, 4);
		long long a0 = 50 + ts_rand_below(&rng, 10), rise = 1 + ts_rand_below(&rng, 3);
		bool acc_line = ts_rand_below(&rng, 3) != 0;
		for (size_t i = 0; i < n; i++) {
			long long l = 1 + ts_rand_below(&rng, 12);
			struct model *m = &tp.models[i];
			m->latency = ldexp((double)l, -10);
			m->load_cost = 0;
			m->cost = ldexp((double)(c0 + 64 - slope * l), -2);
			m->accuracy = acc_line ? (double)(a0 + rise * l) : (double)(50 + ts_rand_below(&rng, 40));
		}
		tp.pool.has_latency = true;
		struct solve_params sp;
		random_params(&sp, &rng, &tp.pool);
		sp.k = k;
		sp.time_limit = TIE_TIME_LIMIT;
		check_tie_solve(&tp.pool, &sp, &optimal, &incomplete);
	}
	fprintf(stderr, "ties: %d solved, %d optimal, %d with a capped reference\n", runs, optimal,
		incomplete);
	assert_true(optimal * 3 >= runs);
	assert_true(incomplete * 4 <= runs);
}

/* GLPK's value of near_lp_small's LP, or -INFINITY when GLPK finds it infeasible. */
static double glpk_lp_value(const struct near_item *it, size_t s, double cw, double ct)
{
	glp_prob *p = glp_create_prob();
	int ind[NEAR_LP_MAX + 1];
	double val[NEAR_LP_MAX + 1];
	glp_set_obj_dir(p, GLP_MAX);
	glp_add_rows(p, 3);
	glp_add_cols(p, (int)s);
	for (size_t i = 0; i < s; i++) {
		glp_set_col_bnds(p, (int)i + 1, GLP_LO, 0, 0);
		glp_set_obj_coef(p, (int)i + 1, it[i].v);
		ind[i + 1] = (int)i + 1;
	}
	for (int row = 1; row <= 3; row++) {
		for (size_t i = 0; i < s; i++)
			val[i + 1] = row == 1 ? 1.0 : row == 2 ? (double)it[i].a : (double)it[i].b;
		glp_set_mat_row(p, row, (int)s, ind, val);
	}
	glp_set_row_bnds(p, 1, GLP_FX, 1, 1);
	glp_set_row_bnds(p, 2, GLP_LO, -cw, 0);
	glp_set_row_bnds(p, 3, GLP_LO, -ct, 0);
	glp_smcp parm;
	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	double v = glp_simplex(p, &parm) == 0 && glp_get_status(p) == GLP_OPT ? glp_get_obj_val(p)
									      : -INFINITY;
	glp_delete_prob(p);
	return v;
}

/* near_lp_small's vertex is GLPK's optimum, its prices are dual feasible; it answers most. */
static void test_small_lp(void **state)
{
	(void)state;
	struct ts_rng rng = {seed_for(0xb0c7u)};
	int feasible = 0, answered = 0;
	for (int t = 0; t < scaled(2000); t++) {
		struct near_item it[NEAR_LP_MAX];
		size_t s = 1 + ts_rand_below(&rng, NEAR_LP_MAX);
		bool ints = t % 2 == 0;
		for (size_t i = 0; i < s; i++) {
			double c = ints ? (double)ts_rand_below(&rng, 9) : ts_rand_range(&rng, 0, 8);
			it[i] = (struct near_item){
				.v = c + (ints ? (double)ts_rand_below(&rng, 4) : ts_rand_range(&rng, 0, 4)),
				.a = 4 - c,
				.b = ints ? (double)ts_rand_below(&rng, 9) - 4 : ts_rand_range(&rng, -4, 4)};
		}
		double cw = t % 3 == 0 ? 0 : 1e-9, ct = cw;
		double ref = glpk_lp_value(it, s, cw, ct);
		long double pw, pt;
		bool ok = near_lp_small(it, s, cw, ct, &pw, &pt);
		feasible += isfinite(ref);
		if (!ok)
			continue;
		answered++;
		assert_true(isfinite(ref));
		long double val = 0, sum = 0, mu = -INFINITY;
		for (size_t i = 0; i < s; i++) {
			assert_true(it[i].y >= 0);
			val += it[i].v * it[i].y;
			sum += it[i].y;
			mu = fmaxl(mu, it[i].v + pw * it[i].a + pt * it[i].b);
		}
		assert_true(pw >= 0 && pt >= 0);
		assert_true(fabsl(sum - 1) < 1e-9L);
		if (fabsl(val - ref) > 1e-9L * (1 + fabs(ref)))
			fail_msg("instance %d: near_lp %.17Lg, GLPK %.17g", t, val, ref);
		/* the prices' dual bound equals the value: they are optimal duals */
		assert_true(fabsl(mu + pw * cw + pt * ct - val) < 1e-9L * (1 + fabsl(val)));
	}
	fprintf(stderr, "small LP: %d feasible, %d answered by the bases\n", feasible, answered);
	assert_true(answered * 10 >= feasible * 9);
}

int main(void)
{
	glp_term_out(GLP_OFF);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_small_lp),
		cmocka_unit_test(test_box_small_k),
		cmocka_unit_test(test_box_large_k),
		cmocka_unit_test(test_tie_seed99),
		cmocka_unit_test(test_tie_family),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
