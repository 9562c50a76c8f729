/*
 * support_bound.h - the support search's node bounds without GLPK, when each
 * node's LP has one knapsack row (internal to the solver).
 *
 * With no device limit and no time row, the relaxation of a node of the
 * search (support_search.h) is
 *
 *   max sum v_k x_k  s.t.  sum x = K,  sum d_k x_k <= T,  x >= 0,
 *
 * over the models the node allows (v_k its value per inference, less
 * lambda u_k / K for a model whose use is still free; d_k its resource per
 * inference relative to the budget or floor).  Its optimum lies on the
 * upper concave hull of the points (d_k, v_k), and any price pi >= 0 of the
 * row gives the bound pi T + K max_k (v_k - pi d_k) by weak duality; the
 * hull's segment at T / K gives the price at which that bound is the
 * optimum.  The bound is evaluated in long double and widened by far more
 * than its rounding, so it is never below the truth: it prunes, and GLPK
 * still solves every support whose policy is reported (deploy_near).
 *
 * A node's policies are also split by how many models whose use is free
 * they use: none, exactly one (each such model in turn, charged its full
 * lambda u), or two and more (the two smallest charges at least).  Each
 * case is the same one-row LP without the z relaxation, and the largest
 * case bounds the node; with loading charges of several accuracy points per
 * inference (lambda = 5 K) this is far tighter than the relaxation, which
 * charges lambda u x / K.
 */
#ifndef OPTDEPLOY_SUPPORT_BOUND_H
#define OPTDEPLOY_SUPPORT_BOUND_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/support_search.h"

struct support_bound;

/* The bounds apply: no device limit, and no time row (one knapsack row). */
bool support_bound_applies(const struct solve_params *sp);

/*
 * A workspace for one search of p (borrowed, must outlive it); NULL when out
 * of memory.  Call only when support_bound_applies(p->sp).
 */
struct support_bound *support_bound_new(const struct support_problem *p);
void support_bound_free(struct support_bound *b);

/*
 * Bounds on one node (zfix as in the search: -1 free, 0 unused, 1 used),
 * in the problem's sense (an upper bound when maximising, a lower one when
 * minimising) and its units (support_objective's, without the primal's
 * constant lambda sum u).
 */
struct support_node_bound {
	bool feasible;      /* false: no policy of the node meets the resource row */
	double relax;       /* the node's LP relaxation (z = x / K) */
	double all;         /* every policy of the node */
	double some_free;   /* the node's policies that use a free priced model
	                       (-INFINITY, or INFINITY for the dual, when none can) */
};

/*
 * Bound the node; x[0..m-1] receives the relaxation's optimal vertex (at
 * most two models), what the search branches on.
 */
void support_bound_node(struct support_bound *b, const signed char *zfix,
			struct support_node_bound *out, double *x);

/* A bound on every policy that uses only models with use[k] (charged honestly). */
double support_bound_set(struct support_bound *b, const bool *use);

#endif
