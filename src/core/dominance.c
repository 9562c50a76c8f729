/*
 * dominance.c - drop the dominated models (dominance.h) without comparing
 * every pair.
 *
 * Sort the models by cost ascending, then accuracy descending, load cost,
 * memory and latency ascending, then pool index.  Whatever drops model i
 * (a model that dominates it and differs from it, or an identical twin
 * earlier in the pool) sorts before i.  Dropping is transitive (if k drops
 * j and j drops i, k dominates i, and differs from it or is an earlier
 * twin), so a dropped model's dropper is itself dropped by a kept one: it
 * suffices to compare each model, in sorted order, with the models kept so
 * far.  When only cost and accuracy vary, a model sorted after another
 * costs no less, so it is dropped exactly when some model before it is at
 * least as accurate: a running maximum.
 *
 * Sorting is most of the work, and most models of a large pool are dropped:
 * in that case a first pass drops every model that the staircase of a
 * sample of the pool drops (again on a sample of the models left, while
 * that pays), and only the models left are sorted.  Exact:
 * a model is dropped only for a model that does drop it, and every kept
 * model is left, so each model left that the full pass would drop is
 * dropped by a kept model left beside it.
 */
#include "optdeploy/core/dominance.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A model's place in the sort: its cost and accuracy beside its index, read without md. */
struct key {
	double cost, accuracy;
	size_t i;
};

/* a sorts strictly before b (the order above); a total order on non-NaN models. */
static bool sorts_before(const struct model *md, const struct key *a, const struct key *b)
{
	if (a->cost != b->cost)
		return a->cost < b->cost;
	if (a->accuracy != b->accuracy)
		return a->accuracy > b->accuracy;
	const struct model *x = &md[a->i], *y = &md[b->i];
	if (x->load_cost != y->load_cost)
		return x->load_cost < y->load_cost;
	if (x->memory != y->memory)
		return x->memory < y->memory;
	if (x->latency != y->latency)
		return x->latency < y->latency;
	return a->i < b->i;
}

/* Bottom-up merge sort of k[0..n) by sorts_before; tmp has room for n.
 * Returns the sorted array (k or tmp). */
static struct key *sort_models(const struct model *md, struct key *k, struct key *tmp, size_t n)
{
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = mid + width < n ? mid + width : n;
			size_t a = lo, b = mid, o = lo;
			while (a < mid && b < hi)
				tmp[o++] = sorts_before(md, &k[b], &k[a]) ? k[b++] : k[a++];
			while (a < mid)
				tmp[o++] = k[a++];
			while (b < hi)
				tmp[o++] = k[b++];
		}
		struct key *t = k;
		k = tmp;
		tmp = t;
	}
	return k;
}

static bool has_nan(const struct model *x)
{
	return isnan(x->cost) || isnan(x->accuracy) || isnan(x->load_cost) ||
	       isnan(x->memory) || isnan(x->latency);
}

/* Load cost, memory and latency equal to x's. */
static bool same_extras(const struct model *x, const struct model *y)
{
	return x->load_cost == y->load_cost && x->memory == y->memory &&
	       x->latency == y->latency;
}

/* j, sorted before i, dominates it (so costs no more: not compared again). */
static bool dominates_later(const struct model *j, const struct model *i)
{
	return j->accuracy >= i->accuracy && j->load_cost <= i->load_cost &&
	       j->memory <= i->memory && j->latency <= i->latency;
}

#define SAMPLE 64       /* models in the sample whose staircase filters a large pool */
#define SAMPLE_FROM 256  /* pools this large are filtered first */

/* w (a key of the sample's staircase, cost at most x's) drops x: as accurate or more, and
 * differs from it or is an earlier twin (load cost, memory and latency are the same). */
static bool drops(const struct key *w, const struct key *x)
{
	return w->accuracy >= x->accuracy &&
	       (w->cost != x->cost || w->accuracy != x->accuracy || w->i < x->i);
}

/*
 * Only cost and accuracy vary: keep in k[0..c) the keys that the staircase of
 * a sample (every c/SAMPLE-th key) does not drop, and return how many.  The
 * staircase (kept models of the sample, cost and accuracy rising) is its
 * running maximum; for each key the last step costing no more is the most
 * accurate that may drop it.  tmp has room for 2 SAMPLE keys.
 */
static size_t filter_plane(const struct model *md, struct key *k, size_t c, struct key *tmp)
{
	for (size_t j = 0; j < SAMPLE; j++)
		tmp[j] = k[j * c / SAMPLE];
	struct key *sorted = sort_models(md, tmp, tmp + SAMPLE, SAMPLE), *stair = tmp;
	if (sorted == tmp)
		stair = tmp + SAMPLE;
	size_t h = 0;
	for (size_t j = 0; j < SAMPLE; j++)
		if (h == 0 || sorted[j].accuracy > stair[h - 1].accuracy)
			stair[h++] = sorted[j];
	size_t left = 0;
	for (size_t s = 0; s < c; s++) {
		size_t lo = 0, hi = h;  /* the first step costing more than k[s] */
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (stair[mid].cost <= k[s].cost)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == 0 || !drops(&stair[lo - 1], &k[s]))
			k[left++] = k[s];
	}
	return left;
}

/* Mark keep[] for the sorted models order[0..c): the running maximum (2-D) or the kept list. */
static void mark_kept(const struct model *md, const struct key *order, size_t c, bool plane,
		      size_t *front, unsigned char *keep)
{
	size_t f = 0;
	double best = -INFINITY;
	for (size_t s = 0; s < c; s++) {
		size_t i = order[s].i;
		bool drop = false;
		if (plane) {
			drop = s > 0 && best >= md[i].accuracy;
			best = s == 0 || md[i].accuracy > best ? md[i].accuracy : best;
		} else {
			for (size_t k = 0; k < f && !drop; k++)
				drop = dominates_later(&md[front[k]], &md[i]);
		}
		if (!drop) {
			keep[i] = 1;
			front[f++] = i;
		}
	}
}

/* Pools this small are pruned in arrays on the stack: no allocation for the bundled pools. */
#define SMALL 128

bool dominance_prune(const struct model *md, size_t n, size_t *kept, size_t *m)
{
	struct key small_k[2 * SMALL];
	size_t small_front[SMALL];
	unsigned char small_keep[SMALL];
	bool sample = n >= SAMPLE_FROM;
	struct key *k = small_k;
	size_t *front = small_front;
	unsigned char *keep = small_keep;
	*m = 0;
	if (n > SMALL) {
		k = malloc((2 * n + (sample ? 2 * SAMPLE : 0)) * sizeof *k);
		front = malloc(n * sizeof *front);
		keep = malloc(n);
		if (k == NULL || front == NULL || keep == NULL) {
			free(k);
			free(front);
			free(keep);
			return false;
		}
	}
	memset(keep, 0, n);
	size_t c = 0;
	bool plane = true;
	for (size_t i = 0; i < n; i++) {
		if (has_nan(&md[i])) {
			keep[i] = 1;  /* never dominated, dominates nothing */
			continue;
		}
		plane = plane && (c == 0 || same_extras(&md[k[0].i], &md[i]));
		k[c++] = (struct key){md[i].cost, md[i].accuracy, i};
	}
	/* again on the models left while each round drops a quarter of them */
	for (size_t before = SIZE_MAX; sample && plane && c >= SAMPLE_FROM && c <= before / 4 * 3;) {
		before = c;
		c = filter_plane(md, k, c, k + 2 * n);
	}
	mark_kept(md, sort_models(md, k, k + n, c), c, plane, front, keep);
	for (size_t i = 0; i < n; i++)
		if (keep[i])
			kept[(*m)++] = i;
	if (n > SMALL) {
		free(k);
		free(front);
		free(keep);
	}
	return true;
}
