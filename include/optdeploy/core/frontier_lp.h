/*
 * frontier_lp.h - the LP frontier that `frontier`, `plot` and the planner
 * show: the best fractional policy at each average cost (lambda = 0), over
 * the models the deadline and the memory limit let run, and with a rate the
 * time row too.
 *
 * Per inference an LP policy is a distribution w over those models; its
 * average (cost, accuracy, latency) lies in the convex hull of the models'
 * points (c_i, p_i, t_i), and the time row keeps the part with average
 * latency at most tau = duty / rate.  That part's vertices are the models
 * with t_i <= tau and, for each pair with t_i < tau < t_j, the mix on the
 * plane t = tau (share (t_j - tau) / (t_j - t_i) of i).  The frontier is the
 * rising part of the upper concave hull of those points in (cost, accuracy):
 * without a rate, or when no model is slower than tau, it is
 * frontier_hull_fitting's list of models.
 */
#ifndef OPTDEPLOY_FRONTIER_LP_H
#define OPTDEPLOY_FRONTIER_LP_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/core/status.h"

/* A vertex: one model, or with the time row a mix of a fast and a slow model. */
struct frontier_vertex {
	size_t model;     /* pool index: the model, or the mix's faster model */
	size_t other;     /* the mix's slower model; equal to model for one model */
	double share;     /* model's share of the inferences: 1, or in (0, 1) in a mix */
	double cost;      /* the average per inference */
	double accuracy;
	double latency;   /* seconds per inference on average (0 without latencies) */
};

struct frontier_lp {
	struct frontier_vertex *v;  /* owned, by increasing cost and accuracy */
	size_t n;
	size_t n_fit;    /* models the deadline and the memory limit let run */
	size_t n_fast;   /* of those, the ones within the time per inference
	                    (n_fit without a rate) */
	bool time_row;   /* a rate: the time row is in the hull */
	double tau;      /* the time per inference (INFINITY without a rate) */
};

/* A mix of two models (a vertex only the time row makes). */
bool frontier_vertex_is_mix(const struct frontier_vertex *v);

/*
 * A share in percent, as a mix is listed ("62.3% A + 37.7% B"): one
 * decimal, more when one would read 0.0 or 100.0 for a share inside (0, 1).
 */
void frontier_share_text(double share, char *buf, size_t size);

/*
 * Builds the frontier of pool under sp's deadline, memory limit and time row
 * (not max_models: any model may be used alone).  h->n is 0 when no model
 * fits, or with the time row when every fitting model is slower than tau
 * (frontier_lp_none_keeps_up).  ST_INTERNAL when out of memory.
 */
enum status frontier_lp_build(struct frontier_lp *h, const struct pool *pool,
			      const struct solve_params *sp, struct status_msg *m);
void frontier_lp_free(struct frontier_lp *h);

/* Models fit, but with the time row no LP policy keeps up (every one is slower than tau). */
bool frontier_lp_none_keeps_up(const struct frontier_lp *h);

/*
 * The frontier's accuracy at an average cost of `budget` (NaN below its
 * cheapest point, or without a vertex), and the inverse: the least average
 * cost reaching `accuracy` (NaN above its best).  A vertex's own cost or
 * accuracy gives its other coordinate exactly.
 */
double frontier_lp_value(const struct frontier_lp *h, double budget);
double frontier_lp_cost(const struct frontier_lp *h, double accuracy);

#endif
