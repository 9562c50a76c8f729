/*
 * near_lp.c - the LP of a small support with two knapsack rows, solved by
 * enumerating its bases (see near_lp.h).  An optimal basic solution has at
 * most three positive fractions, one per row active besides sum y = 1: a
 * model alone (no row active), two models on one active row, or three on
 * both.  A basis both primal feasible (fractions >= 0, the other row met)
 * and dual feasible (prices >= 0, no model above the prices' plane) is
 * optimal; the best-valued one found is kept.
 */
#include "optdeploy/core/near_lp.h"

#include <math.h>
#include <string.h>

#define FEAS_TOL 1e-12L

struct basis {
	size_t m[3], n;         /* models */
	bool row_w, row_t;      /* active rows */
	long double y[3], pi_w, pi_t, mu, value;
};

/* Solve the n x n system m x = r (n <= 3) by Cramer's rule; false when singular. */
static bool solve3(long double m[3][3], const long double *r, size_t n, long double *x)
{
	if (n == 1) {
		if (m[0][0] == 0)
			return false;
		x[0] = r[0] / m[0][0];
		return true;
	}
	if (n == 2) {
		long double det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
		if (det == 0)
			return false;
		x[0] = (r[0] * m[1][1] - m[0][1] * r[1]) / det;
		x[1] = (m[0][0] * r[1] - r[0] * m[1][0]) / det;
		return true;
	}
	long double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
			  m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
			  m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
	if (det == 0)
		return false;
	for (size_t c = 0; c < 3; c++) {
		long double t[3][3];
		memcpy(t, m, sizeof t);
		for (size_t i = 0; i < 3; i++)
			t[i][c] = r[i];
		x[c] = (t[0][0] * (t[1][1] * t[2][2] - t[1][2] * t[2][1]) -
			t[0][1] * (t[1][0] * t[2][2] - t[1][2] * t[2][0]) +
			t[0][2] * (t[1][0] * t[2][1] - t[1][1] * t[2][0])) / det;
	}
	return true;
}

/* The basis' fractions and prices; false when singular or infeasible either way. */
static bool evaluate(const struct near_item *it, size_t s, long double cw, long double ct,
		     long double scale, struct basis *b)
{
	long double m[3][3], r[3], x[3];
	size_t row = 0;
	/* primal: sum y = 1 and the active rows at equality */
	for (size_t j = 0; j < b->n; j++)
		m[0][j] = 1;
	r[row++] = 1;
	if (b->row_w) {
		for (size_t j = 0; j < b->n; j++)
			m[row][j] = it[b->m[j]].a;
		r[row++] = -cw;
	}
	if (b->row_t) {
		for (size_t j = 0; j < b->n; j++)
			m[row][j] = it[b->m[j]].b;
		r[row++] = -ct;
	}
	if (!solve3(m, r, b->n, b->y))
		return false;
	long double sa = 0, sb = 0;
	b->value = 0;
	for (size_t j = 0; j < b->n; j++) {
		if (b->y[j] < -FEAS_TOL)
			return false;
		sa += b->y[j] * it[b->m[j]].a;
		sb += b->y[j] * it[b->m[j]].b;
		b->value += b->y[j] * it[b->m[j]].v;
	}
	if (sa < -cw - FEAS_TOL * scale || sb < -ct - FEAS_TOL * scale)
		return false;
	/* dual: v_j + pi_w a_j + pi_t b_j = mu on the basis (unknowns mu, the active prices) */
	for (size_t j = 0; j < b->n; j++) {
		size_t c = 0;
		m[j][c++] = 1;
		if (b->row_w)
			m[j][c++] = -it[b->m[j]].a;
		if (b->row_t)
			m[j][c++] = -it[b->m[j]].b;
		r[j] = it[b->m[j]].v;
	}
	if (!solve3(m, r, b->n, x))
		return false;
	size_t c = 1;
	b->mu = x[0];
	b->pi_w = b->row_w ? x[c++] : 0;
	b->pi_t = b->row_t ? x[c] : 0;
	if (b->pi_w < 0 || b->pi_t < 0)
		return false;
	for (size_t k = 0; k < s; k++) {
		long double q = it[k].v + b->pi_w * it[k].a + b->pi_t * it[k].b;
		if (q > b->mu + FEAS_TOL * (fabsl(b->mu) + 1))
			return false;
	}
	return true;
}

bool near_lp_small(struct near_item *it, size_t s, long double cw, long double ct,
		   long double *pi_w, long double *pi_t)
{
	struct basis best = {.n = 0};
	long double scale = 1;
	for (size_t k = 0; k < s; k++)
		scale = fmaxl(scale, fmaxl(fabsl(it[k].a), fabsl(it[k].b)));
	/* n models with n - 1 rows active: mask bit 0 the resource row, bit 1 the time row */
	for (size_t n = 1; n <= 3 && n <= s; n++)
		for (unsigned rows = 0; rows < 4; rows++) {
			if ((rows & 1) + (rows >> 1) != n - 1)
				continue;
			size_t i[3] = {0, 1, 2};
			while (i[n - 1] < s) {
				struct basis b = {.n = n, .row_w = rows & 1, .row_t = rows & 2};
				memcpy(b.m, i, sizeof i);
				if (evaluate(it, s, cw, ct, scale, &b) &&
				    (best.n == 0 || b.value > best.value))
					best = b;
				/* next combination i[0] < i[1] < ... < i[n-1] */
				size_t p = n - 1;
				while (p > 0 && i[p] + (n - 1 - p) + 1 >= s)
					p--;
				i[p]++;
				for (size_t q = p + 1; q < n; q++)
					i[q] = i[q - 1] + 1;
				if (p == 0 && i[0] + n > s)
					break;
			}
		}
	if (best.n == 0)
		return false;
	for (size_t k = 0; k < s; k++)
		it[k].y = 0;
	for (size_t j = 0; j < best.n; j++)
		it[best.m[j]].y = (double)fmaxl(0, best.y[j]);
	*pi_w = best.pi_w;
	*pi_t = best.pi_t;
	return true;
}
