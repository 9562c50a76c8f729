/*
 * near_box.h - the box of the models a dual leaves unbounded, for
 * deploy_near_time (internal to the solver): step (iii) at the top of
 * deploy_near_time.c.
 */
#ifndef OPTDEPLOY_NEAR_BOX_H
#define OPTDEPLOY_NEAR_BOX_H

#include <stdbool.h>
#include <stddef.h>

#define NEAR_BOX_CAP 1000000LL  /* per-model box beyond which GLPK's tolerances are not trusted */

/* One allowed model of the support (deploy_near_time.c fills it). */
struct near_item {
	size_t k;               /* kept index */
	double v;               /* value per inference */
	long double a, b;       /* resource and time slack per inference */
	double y;               /* LP fraction */
	long double q;          /* v + pi_w a + pi_t b */
	long double rlo, rhi;   /* bounds on |r_k| */
	long long x0, lo, hi;   /* the rounded vertex, the box */
	int col;                /* GLPK column in the box program, 0: fixed */
};

/* The rows' part of the proof for one support. */
struct near_rows {
	size_t s;               /* items */
	long double pi_w, pi_t; /* the dual prices (>= 0) */
	long double sw0, st0;   /* S_w(x0), S_t(x0) as evaluated in long double */
	long double dw, dt;     /* bound on the error of evaluating a row in long double */
	long double g;          /* G: sum |r| x + pi_w S_w + pi_t S_t of every policy as good as x0 */
	bool apart;             /* x0 need not be in the box (a tie's case, deploy_near_time.c) */
};

/*
 * Narrow it[k].lo/hi of the widest models (as many as the usable rows: sum
 * x = K, and each row with a positive price) through the rows' equations,
 * choosing the rows that give the narrowest box.  Every other model's box
 * must hold already (reduced-cost fixing).  False when a model stays wider
 * than NEAR_BOX_CAP (ties: more unbounded models than rows; a near-singular
 * basis).
 */
bool near_box_basis(struct near_item *it, const struct near_rows *q);

#endif
