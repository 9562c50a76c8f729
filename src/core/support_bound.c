/*
 * support_bound.c - the support search's node bounds from the upper hull of
 * one knapsack row, without GLPK.  See support_bound.h.
 *
 * Everything is computed as a maximisation (the dual's objective negated)
 * in long double.  Rigour: any row price pi >= 0 bounds the LP by weak
 * duality, so the price only has to be good, not exact; the bound itself is
 * a handful of long double operations on data no larger than the magnitude
 * it is widened by (WIDEN of it, about 200 times their rounding), and the
 * row's right-hand side is widened by what the search's own feasibility
 * test (feasible(), counts_feasible) can let through by rounding.
 */
#include "optdeploy/core/support_bound.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "optdeploy/core/limits.h"

#define WIDEN 1e-17L      /* relative widening of every bound and test */
#define ROUND_SUM 1e-19L  /* a long double sum's rounding per term (2^-64 is 5.4e-20) */
#define CASE_WORK 8       /* one-free-model cases model by model while that costs
			     at most CASE_WORK m + 64 hull points */

struct support_bound {
	size_t m;
	bool primal;
	long double k;       /* K */
	long double cap;     /* T: the row's right-hand side, widened */
	long double mag_max, d_max;  /* the largest mag and |d| */
	size_t *order;       /* kept indices by d ascending, then value descending */
	size_t *rank;        /* position of each kept index in order */
	long double *d, *val, *charge, *mag;  /* per kept index: resource per inference
					     relative to the cap, value, lambda u,
					     |value| + lambda u / K */
	long double *v;      /* per kept index: the values of the LP at hand */
	size_t *all, *fixed, *one, *hull;  /* lists of kept indices */
	signed char *zset;
	double *xs;
};

/* One one-row LP: a rigorous bound (no constant) and its optimal vertex. */
struct lp1 {
	bool feasible;
	long double bound;
	size_t a, b;         /* the vertex mixes a and b (a == b: all on a) */
	long double xa;      /* inferences on a */
	long double pi;      /* the row's price the bound used */
};

bool support_bound_applies(const struct solve_params *sp)
{
	return !limits_active(sp) && !limits_time_active(sp);
}

void support_bound_free(struct support_bound *b)
{
	if (b == NULL)
		return;
	free(b->order);
	free(b->rank);
	free(b->d);
	free(b->val);
	free(b->charge);
	free(b->mag);
	free(b->v);
	free(b->all);
	free(b->fixed);
	free(b->one);
	free(b->hull);
	free(b->zset);
	free(b->xs);
	free(b);
}

/* One model's sort key: resource per inference, then value (best first), then index. */
struct key {
	long double d, val;
	size_t k;
};

static int by_resource(const void *x, const void *y)
{
	const struct key *i = x, *j = y;
	if (i->d != j->d)
		return i->d < j->d ? -1 : 1;
	if (i->val != j->val)
		return i->val > j->val ? -1 : 1;
	return i->k < j->k ? -1 : i->k > j->k;
}

/* The data in the unified form, the cap and the order (keys: m entries of scratch). */
static void load(struct support_bound *b, const struct support_problem *p, struct key *keys)
{
	const struct solve_params *sp = p->sp;
	long double dmax = 0;
	for (size_t k = 0; k < b->m; k++) {
		const struct model *md = &p->pool->models[p->kept[k]];
		/* feasible() tests sum x ((long double)budget - cost) >= -tol */
		b->d[k] = b->primal ? -((long double)sp->budget - md->cost)
				    : -((long double)md->accuracy - sp->min_accuracy);
		b->val[k] = b->primal ? md->accuracy : -(long double)md->cost;
		b->charge[k] = (long double)sp->lambda * md->load_cost;
		b->mag[k] = fabsl(b->val[k]) + b->charge[k] / b->k;
		if (fabsl(b->d[k]) > dmax)
			dmax = fabsl(b->d[k]);
		if (b->mag[k] > b->mag_max)
			b->mag_max = b->mag[k];
		keys[k] = (struct key){b->d[k], b->val[k], k};
	}
	b->d_max = dmax;
	b->cap = (long double)p->resource_tol + ROUND_SUM * (long double)(b->m + 4) * b->k * dmax;
	qsort(keys, b->m, sizeof *keys, by_resource);
	for (size_t i = 0; i < b->m; i++) {
		b->order[i] = keys[i].k;
		b->rank[keys[i].k] = i;
	}
}

struct support_bound *support_bound_new(const struct support_problem *p)
{
	struct support_bound *b = calloc(1, sizeof *b);
	size_t n = p->m ? p->m : 1;
	if (b == NULL)
		return NULL;
	b->m = p->m;
	b->primal = p->sp->mode == SOLVE_MAX_ACCURACY;
	b->k = (long double)p->sp->k;
	b->order = malloc(n * sizeof *b->order);
	b->rank = malloc(n * sizeof *b->rank);
	b->d = malloc(n * sizeof *b->d);
	b->val = malloc(n * sizeof *b->val);
	b->charge = malloc(n * sizeof *b->charge);
	b->mag = malloc(n * sizeof *b->mag);
	b->v = malloc(n * sizeof *b->v);
	b->all = malloc(n * sizeof *b->all);
	b->fixed = malloc(n * sizeof *b->fixed);
	b->one = malloc((n + 1) * sizeof *b->one);
	b->hull = malloc((n + 1) * sizeof *b->hull);
	b->zset = malloc(n * sizeof *b->zset);
	b->xs = malloc(n * sizeof *b->xs);
	struct key *keys = malloc(n * sizeof *keys);
	if (keys == NULL || b->order == NULL || b->rank == NULL || b->d == NULL || b->val == NULL ||
	    b->charge == NULL || b->mag == NULL || b->v == NULL || b->all == NULL ||
	    b->fixed == NULL || b->one == NULL || b->hull == NULL || b->zset == NULL ||
	    b->xs == NULL) {
		free(keys);
		support_bound_free(b);
		return NULL;
	}
	load(b, p, keys);
	free(keys);
	return b;
}

/* fmaxl and fminl without their library calls (no NaN here) */
static long double lmax(long double a, long double c)
{
	return a > c ? a : c;
}

static long double lmin(long double a, long double c)
{
	return a < c ? a : c;
}

/* (a - o) x (c - o) in the (d, v) plane: >= 0 when a is not above the segment o-c. */
static long double turn(const struct support_bound *b, size_t o, size_t a, size_t c)
{
	return (b->d[a] - b->d[o]) * (b->v[c] - b->v[o]) - (b->v[a] - b->v[o]) * (b->d[c] - b->d[o]);
}

/*
 * pi T + K max (v - pi d) over the list, widened by the largest magnitudes
 * of the whole pool (looser than the list's own, never tighter): an upper
 * bound for any pi >= 0.
 */
static long double weak_dual(const struct support_bound *b, const size_t *list, size_t n,
			     long double pi)
{
	long double best = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		long double e = b->v[list[i]] - pi * b->d[list[i]];
		if (e > best)
			best = e;
	}
	long double bound = pi * b->cap + b->k * best;
	return bound + WIDEN * (b->k * (b->mag_max + pi * b->d_max) + pi * fabsl(b->cap));
}

/*
 * The row's price at the optimum: the upper hull of the list (sorted by d)
 * up to its best value, and the segment over T / K.  0 (a valid, weaker
 * price) when T / K lies below every d within rounding.
 */
static long double row_price(struct support_bound *b, const size_t *list, size_t peak,
			     struct lp1 *r)
{
	long double t = b->cap / b->k;
	size_t h = 0;
	for (size_t i = 0; i <= peak; i++) {
		size_t c = list[i];
		if (h > 0 && b->d[b->hull[h - 1]] == b->d[c]) {
			if (b->v[b->hull[h - 1]] >= b->v[c])
				continue;
			h--;
		}
		while (h >= 2 && turn(b, b->hull[h - 2], b->hull[h - 1], c) >= 0)
			h--;
		b->hull[h++] = c;
	}
	size_t j = 0;
	while (j + 1 < h && b->d[b->hull[j + 1]] <= t)
		j++;
	if (j + 1 >= h || b->d[b->hull[j]] > t) {
		r->a = r->b = b->hull[0];
		r->xa = b->k;
		return 0;
	}
	size_t a = b->hull[j], c = b->hull[j + 1];
	long double dd = b->d[c] - b->d[a];
	r->a = a;
	r->b = c;
	r->xa = lmin(b->k, lmax(0, b->k * (b->d[c] - t) / dd));
	return lmax(0, (b->v[c] - b->v[a]) / dd);
}

/* max sum v x, sum x = K, sum d x <= T over the list (kept indices sorted by d). */
static struct lp1 lp1_solve(struct support_bound *b, const size_t *list, size_t n)
{
	struct lp1 r = {.feasible = false};
	if (n == 0)
		return r;
	long double dmin = b->d[list[0]];
	/* no mix of the list meets the row, beyond rounding */
	if (b->k * dmin > b->cap + WIDEN * (b->k * fabsl(dmin) + fabsl(b->cap)))
		return r;
	r.feasible = true;
	if (n == 1) {  /* all on the one model */
		r.a = r.b = list[0];
		r.xa = b->k;
		r.bound = weak_dual(b, list, 1, 0);
		return r;
	}
	size_t peak = 0;
	for (size_t i = 1; i < n; i++)
		if (b->v[list[i]] > b->v[list[peak]])
			peak = i;
	long double pi = 0;
	r.a = r.b = list[peak];
	r.xa = b->k;
	if (b->d[list[peak]] > b->cap / b->k)  /* the row binds */
		pi = row_price(b, list, peak, &r);
	r.pi = pi;
	r.bound = weak_dual(b, list, n, pi);
	return r;
}

/* a - c rounded up (c >= 0 a charge); -INFINITY stays. */
static long double less(long double a, long double c)
{
	if (isinf(a))
		return a;
	return a - c + WIDEN * (fabsl(a) + c);
}

/* The long double bound as a double in the problem's sense, never tighter. */
static double to_objective(const struct support_bound *b, long double u)
{
	double r = (double)u;
	if ((long double)r < u)
		r = nextafter(r, INFINITY);
	return b->primal ? r : -r;
}

/* The node's lists: allowed models, the fixed part (used, or free of charge), the free priced ones. */
struct node_sets {
	size_t n_all, n_fixed, n_free;
	long double fixed_charge, c1, c2;  /* charge of the used; the two smallest free charges */
};

static void node_sets(struct support_bound *b, const signed char *zfix, struct node_sets *ns)
{
	*ns = (struct node_sets){.c1 = INFINITY, .c2 = INFINITY};
	for (size_t i = 0; i < b->m; i++) {
		size_t k = b->order[i];
		if (zfix[k] == 0)
			continue;
		b->all[ns->n_all++] = k;
		bool free_priced = zfix[k] == -1 && b->charge[k] > 0;
		b->v[k] = free_priced ? b->val[k] - b->charge[k] / b->k : b->val[k];
		if (!free_priced) {
			b->fixed[ns->n_fixed++] = k;
			ns->fixed_charge += zfix[k] == 1 ? b->charge[k] : 0;
			continue;
		}
		ns->n_free++;
		if (b->charge[k] < ns->c1) {
			ns->c2 = ns->c1;
			ns->c1 = b->charge[k];
		} else if (b->charge[k] < ns->c2) {
			ns->c2 = b->charge[k];
		}
	}
}

/* The fixed part with free model k added, in order: one LP per model. */
static long double one_free(struct support_bound *b, const struct node_sets *ns, size_t k)
{
	size_t n = 0, i = 0;
	while (i < ns->n_fixed && b->rank[b->fixed[i]] < b->rank[k])
		b->one[n++] = b->fixed[i++];
	b->one[n++] = k;
	while (i < ns->n_fixed)
		b->one[n++] = b->fixed[i++];
	struct lp1 r = lp1_solve(b, b->one, n);
	return r.feasible ? less(r.bound, ns->fixed_charge + b->charge[k]) : -INFINITY;
}

/*
 * The largest case "the fixed part and free model k alone", over the free
 * priced models, where it can exceed `floor`.  A model is skipped when the
 * whole LP's row price pi bounds its case at or below the floor already:
 * pi T + K max(max over the fixed part of v - pi d, v_k - pi d_k), less
 * the charges, bounds the fixed part with k by weak duality.
 */
static long double one_free_cases(struct support_bound *b, const signed char *zfix,
				  const struct node_sets *ns, long double pi, long double floor)
{
	long double fixed = -INFINITY, best = -INFINITY;
	for (size_t i = 0; i < ns->n_fixed; i++)
		fixed = lmax(fixed, b->v[b->fixed[i]] - pi * b->d[b->fixed[i]]);
	long double widen = WIDEN * (b->k * (b->mag_max + pi * b->d_max) + pi * fabsl(b->cap));
	for (size_t i = 0; i < ns->n_all; i++) {
		size_t k = b->all[i];
		if (zfix[k] != -1 || !(b->charge[k] > 0))
			continue;
		long double e = lmax(fixed, b->v[k] - pi * b->d[k]);
		long double quick = less(pi * b->cap + b->k * e + widen, ns->fixed_charge + b->charge[k]);
		if (quick > lmax(floor, best))
			best = lmax(best, one_free(b, ns, k));
	}
	return best;
}

/*
 * Policies using one free priced model or more (-INFINITY: none can); v
 * holds the plain values.  Never above the relaxation, so the cases of one
 * free model are looked at only where they can matter.
 */
static long double some_free_bound(struct support_bound *b, const signed char *zfix,
				   const struct node_sets *ns, long double relax)
{
	if (ns->n_free == 0)
		return -INFINITY;
	struct lp1 whole = lp1_solve(b, b->all, ns->n_all);
	if (!whole.feasible)
		return -INFINITY;
	long double some = -INFINITY;
	if (ns->n_free >= 2)
		some = less(whole.bound, ns->fixed_charge + ns->c1 + ns->c2);
	if (some >= relax)
		return relax;
	if (ns->n_free * (ns->n_fixed + 1) <= CASE_WORK * b->m + 64)
		some = lmax(some, one_free_cases(b, zfix, ns, whole.pi, some));
	else
		some = less(whole.bound, ns->fixed_charge + ns->c1);
	return lmin(some, relax);
}

void support_bound_node(struct support_bound *b, const signed char *zfix,
			struct support_node_bound *out, double *x)
{
	struct node_sets ns;
	node_sets(b, zfix, &ns);
	memset(x, 0, b->m * sizeof *x);
	struct lp1 z = lp1_solve(b, b->all, ns.n_all);  /* the relaxation: z = x / K */
	out->feasible = z.feasible;
	if (!z.feasible) {
		out->relax = out->all = out->some_free = to_objective(b, -INFINITY);
		return;
	}
	x[z.a] = (double)z.xa;
	if (z.b != z.a)
		x[z.b] = (double)(b->k - z.xa);
	long double relax = less(z.bound, ns.fixed_charge);
	for (size_t i = 0; i < ns.n_all; i++)
		b->v[b->all[i]] = b->val[b->all[i]];
	long double none = -INFINITY;  /* no free priced model used: the fixed part alone */
	if (ns.n_fixed > 0) {
		struct lp1 f = lp1_solve(b, b->fixed, ns.n_fixed);
		none = f.feasible ? less(f.bound, ns.fixed_charge) : -INFINITY;
	}
	long double some = some_free_bound(b, zfix, &ns, relax);
	out->relax = to_objective(b, relax);
	out->all = to_objective(b, lmin(relax, lmax(none, some)));
	out->some_free = to_objective(b, some);
}

double support_bound_set(struct support_bound *b, const bool *use)
{
	struct support_node_bound nb;
	for (size_t k = 0; k < b->m; k++)
		b->zset[k] = use[k] ? -1 : 0;
	support_bound_node(b, b->zset, &nb, b->xs);
	return nb.all;
}
