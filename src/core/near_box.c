/*
 * near_box.c - step (iii) of deploy_near_time.c's box: the models a dual
 * leaves unbounded (the LP's basic ones, at most one per row) bounded
 * through the rows' equations, given every other model's box and the rows'
 * slack ranges (see near_box.h and the top of deploy_near_time.c).
 *
 * With d = x - x0 the rows hold exactly:  sum d = 0,  a.d = S_w(x) -
 * S_w(x0),  b.d = S_t(x) - S_t(x0).  For free models F and as many rows,
 * d_F = M^-1 (y - M_N d_N), M the rows' coefficients of F: an interval
 * from y's (the slack ranges) and the others' boxes, where the models with
 * x0 = 0 are bounded both term by term and through sum rlo x <= G.  The
 * inverse is checked (condition by Hadamard's bound, residual below 1e-12)
 * and the interval widened by INV_WIDEN of its terms' magnitude, 1e4 times
 * the inverse's error, plus 2.
 */
#include "optdeploy/core/near_box.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#define COND_MAX 1e9L       /* the basis' condition beyond which it is refused */
#define INV_WIDEN 1e-6L     /* relative allowance for the inverse's rounding (1e4 x its bound) */

/* A row's coefficient for an item: 0 sum x = K, 1 the resource row, 2 the time row. */
static long double coef(const struct near_item *t, int row)
{
	return row == 0 ? 1.0L : row == 1 ? t->a : t->b;
}

/*
 * Inverse of the n x n matrix m (n <= 3) by Gauss-Jordan.  False when the
 * basis is near-singular (|det| below 1e-9 of the rows' norms, Hadamard's
 * bound) or the residual z m - I exceeds 1e-12: the true inverse is then
 * (I + R)^-1 z, within 1e-11 of z relative to |z w| for any w, far inside
 * INV_WIDEN.
 */
static bool invert(const long double m0[3][3], size_t n, long double z[3][3])
{
	long double m[3][3], norm = 1, det = 1;
	for (size_t i = 0; i < n; i++) {
		long double r = 0;
		for (size_t j = 0; j < n; j++) {
			m[i][j] = m0[i][j];
			r += m[i][j] * m[i][j];
			z[i][j] = i == j;
		}
		norm *= sqrtl(r);
	}
	for (size_t c = 0; c < n; c++) {
		size_t p = c;
		for (size_t i = c + 1; i < n; i++)
			if (fabsl(m[i][c]) > fabsl(m[p][c]))
				p = i;
		for (size_t j = 0; j < n && p != c; j++) {
			long double t = m[c][j];
			m[c][j] = m[p][j];
			m[p][j] = t;
			t = z[c][j];
			z[c][j] = z[p][j];
			z[p][j] = t;
		}
		if (m[c][c] == 0)
			return false;
		long double piv = m[c][c];
		det *= piv;
		for (size_t j = 0; j < n; j++) {
			m[c][j] /= piv;
			z[c][j] /= piv;
		}
		for (size_t i = 0; i < n; i++) {
			long double f = m[i][c];
			for (size_t j = 0; j < n && i != c; j++) {
				m[i][j] -= f * m[c][j];
				z[i][j] -= f * z[c][j];
			}
		}
	}
	if (fabsl(det) * COND_MAX < norm)
		return false;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			long double r = -(long double)(i == j);
			for (size_t l = 0; l < n; l++)
				r += z[i][l] * m0[l][j];
			if (fabsl(r) > 1e-12L)
				return false;
		}
	return true;
}

/* Is item k one of the free models fr[0..n-1]? */
static bool is_free(const size_t *fr, size_t n, size_t k)
{
	for (size_t c = 0; c < n; c++)
		if (fr[c] == k)
			return true;
	return false;
}

/*
 * |(y - M_N d_N)_i| for each of the n rows: the right-hand side's interval
 * and the others' boxes (for x0_k = 0, also sum rlo x <= G).
 */
static void row_magnitudes(const struct near_item *it, const struct near_rows *q, const size_t *fr, const int *rows, size_t n,
			   const long double *ylo, const long double *yhi, long double *mag)
{
	for (size_t i = 0; i < n; i++) {
		long double general = 0, sum0 = 0, ratio0 = 0;
		for (size_t k = 0; k < q->s; k++) {
			if (is_free(fr, n, k) || (it[k].hi == it[k].lo && it[k].lo == it[k].x0))
				continue;
			long double c = fabsl(coef(&it[k], rows[i]));
			if (it[k].x0 != 0 || it[k].rlo <= 0) {
				general += c * fmaxl((long double)(it[k].x0 - it[k].lo),
						     (long double)(it[k].hi - it[k].x0));
			} else {
				sum0 += c * (long double)it[k].hi;
				ratio0 = fmaxl(ratio0, c / it[k].rlo);
			}
		}
		mag[i] = fmaxl(fabsl(ylo[i]), fabsl(yhi[i])) + general + fminl(sum0, ratio0 * q->g);
	}
}

/*
 * (iii): the range of x over the free models fr[0..n-1] through the rows
 * rows[0..n-1] (0: sum x = K, 1: resource, 2: time), into lo/hi.  False
 * when their matrix is near-singular.
 */
static bool bound_free(const struct near_item *it, const struct near_rows *q, const size_t *fr, const int *rows, size_t n,
		       long double *lo, long double *hi)
{
	long double m[3][3], z[3][3], ylo[3], yhi[3], rmag[3], widen = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			m[i][j] = coef(&it[fr[j]], rows[i]);
	if (!invert(m, n, z))
		return false;
	/* row i: a.d = S_w(x) - S_w(x0) with S_w(x) in [0, G / pi_w] (ii), each side
	 * within the evaluation error dw of its value in long double */
	for (size_t i = 0; i < n; i++) {
		bool w = rows[i] == 1;
		long double s0 = w ? q->sw0 : q->st0, d = w ? q->dw : q->dt;
		ylo[i] = rows[i] == 0 ? 0 : -s0 - 2 * d;
		yhi[i] = rows[i] == 0 ? 0 : q->g / (w ? q->pi_w : q->pi_t) - s0 + 2 * d;
	}
	row_magnitudes(it, q, fr, rows, n, ylo, yhi, rmag);
	for (size_t j = 0; j < n; j++) {
		long double l = 0, h = 0, mag = 0, pos = 0, neg = 0, rpos = 0, rneg = 0;
		for (size_t i = 0; i < n; i++) {
			l += fminl(z[j][i] * ylo[i], z[j][i] * yhi[i]);
			h += fmaxl(z[j][i] * ylo[i], z[j][i] * yhi[i]);
			mag += fabsl(z[j][i]) * rmag[i];
		}
		widen = fmaxl(widen, mag);
		for (size_t k = 0; k < q->s; k++) {
			if (is_free(fr, n, k) || (it[k].hi == it[k].lo && it[k].lo == it[k].x0))
				continue;
			long double c = 0;  /* d_F,j gains -c per unit of d_k */
			for (size_t i = 0; i < n; i++)
				c += z[j][i] * coef(&it[k], rows[i]);
			long double dlo = (long double)(it[k].lo - it[k].x0);
			long double dhi = (long double)(it[k].hi - it[k].x0);
			if (it[k].x0 != 0 || it[k].rlo <= 0) {
				l += fminl(-c * dlo, -c * dhi);
				h += fmaxl(-c * dlo, -c * dhi);
				continue;
			}
			neg += fminl(0, -c) * dhi;
			pos += fmaxl(0, -c) * dhi;
			rneg = fmaxl(rneg, fmaxl(0, c) / it[k].rlo);
			rpos = fmaxl(rpos, fmaxl(0, -c) / it[k].rlo);
		}
		lo[j] = l + fmaxl(neg, -rneg * q->g);
		hi[j] = h + fminl(pos, rpos * q->g);
	}
	widen = INV_WIDEN * widen + 2;
	for (size_t j = 0; j < n; j++) {
		lo[j] = (long double)it[fr[j]].x0 + floorl(lo[j] - widen);
		hi[j] = (long double)it[fr[j]].x0 + ceill(hi[j] + widen);
	}
	return true;
}

/* The items in order of decreasing box width (selection: n is small or few are wide). */
static void widest(const struct near_item *it, const struct near_rows *q, size_t *order, size_t n)
{
	for (size_t c = 0; c < n; c++) {
		size_t pick = q->s;
		for (size_t k = 0; k < q->s; k++) {
			if (is_free(order, c, k))
				continue;
			if (pick == q->s || it[k].hi - it[k].lo > it[pick].hi - it[pick].lo)
				pick = k;
		}
		order[c] = pick;
	}
}

/* Apply (iii) to the j widest models through one choice of rows; true when all fit NEAR_BOX_CAP. */
static bool try_rows(const struct near_item *it, const struct near_rows *q, const size_t *fr, const int *rows, size_t j,
		     long long *blo, long long *bhi, long double *width)
{
	long double lo[3], hi[3];
	if (!bound_free(it, q, fr, rows, j, lo, hi))
		return false;
	*width = 0;
	for (size_t c = 0; c < j; c++) {
		const struct near_item *t = &it[fr[c]];
		long double l = fmaxl(lo[c], (long double)t->lo), h = fminl(hi[c], (long double)t->hi);
		blo[c] = (long long)(q->apart ? l : fminl(l, (long double)t->x0));
		bhi[c] = (long long)(q->apart ? h : fmaxl(h, (long double)t->x0));
		if (blo[c] > bhi[c])
			blo[c] = bhi[c] = t->lo;  /* none in this case: any point of it is a policy still */
		if (bhi[c] - blo[c] > NEAR_BOX_CAP)
			return false;
		*width += (long double)(bhi[c] - blo[c]);
	}
	return true;
}

/*
 * (iii) for the widest models: as many as there are usable rows (sum x = K,
 * and the rows with a positive price), through the choice of rows that
 * gives the narrowest box.  False when a model stays wider than NEAR_BOX_CAP.
 */
bool near_box_basis(struct near_item *it, const struct near_rows *q)
{
	int avail[3], na = 0;
	avail[na++] = 0;
	if (q->pi_w > 0)
		avail[na++] = 1;
	if (q->pi_t > 0)
		avail[na++] = 2;
	size_t wide = 0, open = 0, fr[3];
	for (size_t k = 0; k < q->s; k++) {
		wide += it[k].hi - it[k].lo > NEAR_BOX_CAP;
		open += it[k].hi > it[k].lo;
	}
	size_t jmax = open < (size_t)na ? open : (size_t)na;
	if (wide > jmax)
		return false;
	widest(it, q, fr, jmax);
	for (size_t j = jmax; j >= 1 && j >= wide; j--) {
		long long blo[3], bhi[3], best_lo[3], best_hi[3];
		long double width, best = INFINITY;
		/* row subsets of size j that hold sum x = K: avail[0] plus j - 1 others */
		for (int mask = 0; mask < 4; mask++) {
			int rows[3] = {0}, nr = 1;
			for (int b = 1; b < na; b++)
				if (mask & (1 << (b - 1)))
					rows[nr++] = avail[b];
			if ((size_t)nr != j || (mask & ~((1 << (na - 1)) - 1)) != 0)
				continue;
			if (try_rows(it, q, fr, rows, j, blo, bhi, &width) && width < best) {
				best = width;
				memcpy(best_lo, blo, sizeof blo);
				memcpy(best_hi, bhi, sizeof bhi);
			}
		}
		if (isfinite(best)) {
			for (size_t c = 0; c < j; c++) {
				it[fr[c]].lo = best_lo[c];
				it[fr[c]].hi = best_hi[c];
			}
			return true;
		}
	}
	return wide == 0;
}
