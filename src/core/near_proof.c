/*
 * near_proof.c - the supports GLPK solved with the time row, and when such
 * a proof covers a new box (see near_proof.h).
 *
 * Why a covered box needs no new solve: let P_old be the support's
 * problem GLPK solved (optimum x*) and P the new one, the same but for the
 * resource row.  deploy_near_time's box B holds every policy of P at least
 * as good as x0 = x*.  If every point of B that sums to K meets the old
 * resource row, then B's points that meet the (unchanged) time row are
 * policies of P_old, none better than x*; so no policy of P beats x*,
 * which is feasible for P (x0 always is).  The old row is checked over the
 * box term by term, each model at the end of its range that makes its
 * coefficient smallest (looser than the box with sum x = K: it can only
 * refuse), with an allowance for long double's rounding of both sides.
 */
#include "optdeploy/core/near_proof.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EVAL_ERR 1.1e-19L  /* per term and addition: long double rounds to 2^-64 = 5.4e-20 */

struct entry {
	bool used;
	unsigned long stamp;     /* last use, for replacement */
	enum solve_mode mode;
	long long k;
	double rate, duty_cycle;
	long double tol_w, tol_t;
	size_t s, cap;
	size_t *items;           /* kept indices, in the order deploy_near_time collects them */
	long double *a;          /* the resource row's coefficients */
	long long *cnt;          /* GLPK's optimum */
};

struct near_proof {
	struct entry e[NEAR_PROOF_KEPT];
	unsigned long clock;
	struct entry *recent;    /* the last kept */
};

struct near_proof *near_proof_new(void)
{
	return calloc(1, sizeof(struct near_proof));
}

void near_proof_free(struct near_proof *pf)
{
	if (pf == NULL)
		return;
	for (size_t i = 0; i < NEAR_PROOF_KEPT; i++) {
		free(pf->e[i].items);
		free(pf->e[i].a);
		free(pf->e[i].cnt);
	}
	free(pf);
}

/* The same double, bit for bit. */
static bool same(double a, double b)
{
	return memcmp(&a, &b, sizeof a) == 0;
}

/* The entry of this set of models, or NULL. */
static struct entry *find(struct near_proof *pf, const struct near_item *it, size_t s)
{
	for (size_t i = 0; i < NEAR_PROOF_KEPT; i++) {
		struct entry *e = &pf->e[i];
		if (!e->used || e->s != s)
			continue;
		size_t j = 0;
		while (j < s && e->items[j] == it[j].k)
			j++;
		if (j == s)
			return e;
	}
	return NULL;
}

/* Room for s items in e; false when out of memory. */
static bool reserve(struct entry *e, size_t s)
{
	if (s <= e->cap)
		return true;
	size_t *items = realloc(e->items, s * sizeof *items);
	if (items != NULL)
		e->items = items;
	long double *a = realloc(e->a, s * sizeof *a);
	if (a != NULL)
		e->a = a;
	long long *cnt = realloc(e->cnt, s * sizeof *cnt);
	if (cnt != NULL)
		e->cnt = cnt;
	if (items == NULL || a == NULL || cnt == NULL)
		return false;
	e->cap = s;
	return true;
}

void near_proof_keep(struct near_proof *pf, const struct solve_params *sp,
		     const struct near_item *it, size_t s, long double tol_w, long double tol_t,
		     const long long *cnt)
{
	struct entry *e = find(pf, it, s);
	if (e == NULL) {  /* a free entry, else the least recently used */
		e = &pf->e[0];
		for (size_t i = 1; i < NEAR_PROOF_KEPT; i++)
			if ((e->used ? e->stamp : 0) > (pf->e[i].used ? pf->e[i].stamp : 0))
				e = &pf->e[i];
	}
	e->used = false;
	pf->recent = NULL;
	if (s == 0 || !reserve(e, s))
		return;
	for (size_t i = 0; i < s; i++) {
		e->items[i] = it[i].k;
		e->a[i] = it[i].a;
		e->cnt[i] = cnt[i];
	}
	e->s = s;
	e->mode = sp->mode;
	e->k = sp->k;
	e->rate = sp->rate;
	e->duty_cycle = sp->duty_cycle;
	e->tol_w = tol_w;
	e->tol_t = tol_t;
	e->stamp = ++pf->clock;
	e->used = true;
	pf->recent = e;
}

bool near_proof_hint(struct near_proof *pf, const struct near_item *it, size_t s,
		     long long *cnt)
{
	struct entry *e = find(pf, it, s);
	if (e != NULL) {
		memcpy(cnt, e->cnt, s * sizeof *cnt);
		return true;
	}
	e = pf->recent;
	if (e == NULL)
		return false;
	/* both lists follow the kept order: merge them */
	memset(cnt, 0, s * sizeof *cnt);
	size_t i = 0;
	for (size_t j = 0; j < e->s; j++) {
		while (i < s && it[i].k < e->items[j])
			i++;
		if (i < s && it[i].k == e->items[j])
			cnt[i] = e->cnt[j];
		else if (e->cnt[j] != 0)
			return false;  /* it uses a model outside this support */
	}
	return true;
}

bool near_proof_covers(struct near_proof *pf, const struct solve_params *sp,
		       const struct near_item *it, size_t s, long double tol_t)
{
	struct entry *e = find(pf, it, s);
	if (e == NULL || e->mode != sp->mode || e->k != sp->k || !same(e->rate, sp->rate) ||
	    !same(e->duty_cycle, sp->duty_cycle) || e->tol_t != tol_t)
		return false;
	long double least = 0, mag = fabsl(e->tol_w);
	for (size_t i = 0; i < s; i++) {
		if (it[i].x0 != e->cnt[i])
			return false;
		long double lo = (long double)it[i].lo * e->a[i], hi = (long double)it[i].hi * e->a[i];
		least += fminl(lo, hi);
		mag += fmaxl(fabsl(lo), fabsl(hi));
	}
	if (!(least - EVAL_ERR * (long double)(2 * s + 4) * mag >= -e->tol_w))
		return false;
	e->stamp = ++pf->clock;
	return true;
}
