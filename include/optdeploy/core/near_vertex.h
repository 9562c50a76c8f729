/*
 * near_vertex.h - the box deploy_near.c hands to GLPK: the support's LP
 * vertex, its reduced costs, and the bounds (i)-(iii) of deploy_near.c's
 * top comment.  Internal to deploy_near.c and near_vertex.c.
 */
#ifndef OPTDEPLOY_CORE_NEAR_VERTEX_H
#define OPTDEPLOY_CORE_NEAR_VERTEX_H

#include <glpk.h>
#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/deploy_near.h"
#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"

#define BOX_CAP 1000000LL   /* per-model box beyond which GLPK's tolerances are not trusted */
#define EXACT_BITS 61       /* integer data below 2^61: differences' products fit 128 bits */

typedef __int128 wide;

struct item {
	double w, v;    /* resource and value per inference, internal units */
	size_t k;       /* kept index */
	long long wi, vi;   /* exact integers (when exact) */
};

struct deploy_near {
	const struct pool *pool;
	const size_t *kept;
	size_t m;
	struct item *it;     /* allowed models, s of them */
	size_t *hull;        /* indices into it */
	size_t *order;
	long double *r;      /* reduced cost per item */
	long long *lo, *hi, *base;
	int *col;            /* GLPK column per item, 0 when fixed at 0 */
	int *ind;
	double *val;
	long long *ex;       /* near_exact's arrays: wi, vi, lo, hi, d, scratch (7 per item) */
	bool *between;       /* the Davenport row's members, for near_exact */
	glp_prob *prob;
	struct deploy_near_time *time;  /* the supports of a problem with a rate */
};

/* One support's state while it is solved. */
struct near {
	struct deploy_near *nr;
	size_t s;
	long long k;
	long double cap;        /* W: the resource row's right-hand side */
	bool exact, binding;
	size_t a, b;            /* items of the vertex (b unused when not binding) */
	long double pi, slack0; /* the line's slope, the vertex's slack */
	long long dav;          /* D' - 1 when the Davenport row is useful, else -1 */
	int wl;                 /* the power of two of the items' integer w (make_exact) */
};

/* The allowed models in the unified form (deploy_near.c, top), by resource. */
void near_vertex_collect(struct near *q, const struct solve_params *sp, const bool *use,
			 double tol);

/* The LP vertex on the support's upper hull: a alone, or the segment a-b; false when infeasible. */
bool near_vertex_find(struct near *q);

/* The items' data as exact integers (one power of two each); false when too wide. */
bool near_vertex_make_exact(struct near *q);

/* Every item's reduced cost against the vertex's line, ties widened; false when the line
 * cannot be certified (a model above it, or a tie rounding cannot tell apart). */
bool near_vertex_reduced_costs(struct near *q);

/* The rounded vertex x0 (the box's base) and its slack. */
void near_vertex_set_base(struct near *q);

/* (i) and (ii): every other model's range; false when a range is too wide. */
bool near_vertex_bound_others(struct near *q);

/* (iii): the ranges of a and b from the others' box. */
void near_vertex_bound_vertex(struct near *q);

#endif
