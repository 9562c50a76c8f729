/*
 * test_support.h - shared helpers for the unit tests: a small deterministic
 * random generator and random model pools built in memory.
 */
#ifndef OPTDEPLOY_TEST_SUPPORT_H
#define OPTDEPLOY_TEST_SUPPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "optdeploy/core/pool.h"

#define TS_MAX_MODELS 16

struct ts_rng {
	uint32_t state;
};

/* xorshift32: fixed sequences, so a failing instance can be replayed */
static inline uint32_t ts_rand(struct ts_rng *r)
{
	uint32_t x = r->state ? r->state : 0x9e3779b9u;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	r->state = x;
	return x;
}

static inline size_t ts_rand_below(struct ts_rng *r, size_t n)
{
	return (size_t)(ts_rand(r) % (uint32_t)n);
}

static inline double ts_rand_unit(struct ts_rng *r)
{
	return (double)ts_rand(r) / 4294967296.0;
}

static inline double ts_rand_range(struct ts_rng *r, double lo, double hi)
{
	return lo + (hi - lo) * ts_rand_unit(r);
}

/* A seed replayed by hand: base, or base mixed with the number in env_seed. */
static inline uint32_t ts_env_seed(const char *env_seed, uint32_t base)
{
	const char *e = getenv(env_seed);
	return e != NULL ? base ^ (uint32_t)strtoul(e, NULL, 10) * 2654435761u : base;
}

/* count, times the positive number in env_scale for longer runs by hand. */
static inline int ts_env_scaled(const char *env_scale, int count)
{
	const char *e = getenv(env_scale);
	return e != NULL && atoi(e) > 0 ? count * atoi(e) : count;
}

struct ts_pool {
	struct pool pool;
	struct model models[TS_MAX_MODELS];
	char names[TS_MAX_MODELS][8];
};

/*
 * n models whose accuracy rises with cost, plus noise (so some lie below the
 * hull), with random load costs.  `integral` draws whole numbers, which
 * makes exact ties and degenerate LPs common.
 */
static inline void ts_random_pool(struct ts_pool *tp, struct ts_rng *r, size_t n, bool integral)
{
	memset(tp, 0, sizeof *tp);
	for (size_t i = 0; i < n && i < TS_MAX_MODELS; i++) {
		struct model *md = &tp->models[i];
		snprintf(tp->names[i], sizeof tp->names[i], "m%zu", i);
		md->name = tp->names[i];
		md->cost = integral ? (double)(5 + ts_rand_below(r, 96)) : ts_rand_range(r, 5, 100);
		md->accuracy = 50 + 40 * md->cost / 100 + ts_rand_range(r, -8, 8);
		if (integral)
			md->accuracy = (double)(long)md->accuracy;
		md->load_cost = integral ? (double)(ts_rand_below(r, 3)) : ts_rand_range(r, 0, 2);
	}
	tp->pool.models = tp->models;
	tp->pool.n = n;
	tp->pool.source = NULL;
	tp->pool.cost_scale = 1.0;
}

/* Nothing is heap-allocated; kept so tests read like real pool code. */
static inline void ts_pool_free(struct ts_pool *tp)
{
	memset(tp, 0, sizeof *tp);
}

static inline double ts_min_cost(const struct pool *p)
{
	double lo = p->models[0].cost;
	for (size_t i = 1; i < p->n; i++)
		if (p->models[i].cost < lo)
			lo = p->models[i].cost;
	return lo;
}

static inline void ts_print_pool(const struct pool *p)
{
	for (size_t i = 0; i < p->n; i++)
		fprintf(stderr, "  %s cost %.17g accuracy %.17g load %.17g\n", p->models[i].name,
			p->models[i].cost, p->models[i].accuracy, p->models[i].load_cost);
}

#endif
