/*
 * numtext.c - the shortest round-trip decimal of a double, and its %g-style
 * layout, in integer arithmetic only (no printf, no strtod, no locale).
 *
 * The digits are Schubfach's (R. Giulietti, "The Schubfach way to render
 * doubles", 2020): v = c 2^q lies in a rounding interval R; scaled by 10^-k
 * (k = floor(q log10 2)) the interval's ends and v are computed, rounded to
 * odd, from one 126-bit power of ten (numtext_pow10.h), and the decimals in
 * R with one digit fewer (a multiple of 10) or with the full length are
 * tested directly.  No trial printing and no reading back.
 */
#include "optdeploy/core/numtext.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "numtext_pow10.h"

__extension__ typedef unsigned __int128 numtext_u128;

#define C_MIN ((uint64_t)1 << 52)  /* the hidden bit of a normal double */
#define Q_MIN (-1074)              /* exponent of the least subnormal */
#define MASK_63 (((uint64_t)1 << 63) - 1)

/* floor(q log10 2), floor(q log10(3/4 2^q)) and floor(e log2 10), exact for |q|, |e| <= 1100
 * (checked against exact powers).  >> of a negative product floors with GCC and Clang. */
static int flog10pow2(int q)
{
	return (int)(((int64_t)q * 661971961083LL) >> 41);
}

static int flog10_three_quarters_pow2(int q)
{
	return (int)(((int64_t)q * 661971961083LL - 274743187321LL) >> 41);
}

static int flog2pow10(int e)
{
	return (int)(((int64_t)e * 913124641741LL) >> 38);
}

/* floor(g cp / 2^127), g = g1 2^63 + g0, with the lowest bit set when the rest is not 0. */
static uint64_t round_to_odd(uint64_t g1, uint64_t g0, uint64_t cp)
{
	numtext_u128 x = (numtext_u128)g0 * cp;
	numtext_u128 y = (numtext_u128)g1 * cp;
	uint64_t x1 = (uint64_t)(x >> 64);
	uint64_t y0 = (uint64_t)y, y1 = (uint64_t)(y >> 64);
	uint64_t z = (y0 >> 1) + x1;
	uint64_t vbp = y1 + (z >> 63);
	return vbp | (((z & MASK_63) + MASK_63) >> 63);
}

/* v = c 2^q: the shortest decimal f 10^e in v's rounding interval R, the nearest of them. */
static void to_decimal(int q, uint64_t c, uint64_t *f, int *e)
{
	uint64_t out = c & 1;  /* an even c rounds back from the interval's ends too */
	uint64_t cb = c << 2, cbr = cb + 2, cbl;
	int k;
	if (c != C_MIN || q == Q_MIN) {
		cbl = cb - 2;
		k = flog10pow2(q);
	} else {
		/* a power of two: the gap below is half the gap above */
		cbl = cb - 1;
		k = flog10_three_quarters_pow2(q);
	}
	int h = q + flog2pow10(-k) + 2;
	const uint64_t *g = numtext_g[k - NUMTEXT_K_MIN];
	uint64_t vb = round_to_odd(g[0], g[1], cb << h);
	uint64_t vbl = round_to_odd(g[0], g[1], cbl << h);
	uint64_t vbr = round_to_odd(g[0], g[1], cbr << h);
	uint64_t s = vb >> 2;
	/*
	 * R is narrower than 10 units, so at most one multiple of 10 lies in it:
	 * take it when it does.  (The paper skips this below s = 100 and gives
	 * the tiniest subnormals an extra digit, for Java's two-digit minimum;
	 * the shortest text needs neither.)
	 */
	uint64_t sp10 = s / 10 * 10, tp10 = sp10 + 10;
	bool upin = sp10 > 0 && vbl + out <= sp10 << 2;
	bool wpin = (tp10 << 2) + out <= vbr;
	*e = k;
	if (upin != wpin) {
		*f = upin ? sp10 : tp10;
		return;
	}
	uint64_t t = s + 1;
	bool uin = vbl + out <= s << 2;
	bool win = (t << 2) + out <= vbr;
	if (uin != win) {
		*f = uin ? s : t;
		return;
	}
	/* both in R: the nearer, the even one on a tie */
	int64_t cmp = (int64_t)(vb - ((s + t) << 1));
	*f = cmp < 0 || (cmp == 0 && (s & 1) == 0) ? s : t;
}

void numtext_shortest(double v, uint64_t *digits, int *exp10)
{
	uint64_t bits;
	memcpy(&bits, &v, sizeof bits);
	uint64_t t = bits & (C_MIN - 1);
	int bq = (int)(bits >> 52) & 0x7ff;
	uint64_t f;
	int e;
	if (bq != 0) {
		int mq = -Q_MIN + 1 - bq;
		uint64_t c = C_MIN | t;
		if (mq > 0 && mq < 53 && (c >> mq) << mq == c) {
			/* an integer below 2^53: its own digits are the shortest */
			f = c >> mq;
			e = 0;
		} else {
			to_decimal(-mq, c, &f, &e);
		}
	} else {
		to_decimal(Q_MIN, t, &f, &e);  /* subnormal */
	}
	while (f != 0 && f % 10 == 0) {
		f /= 10;
		e++;
	}
	*digits = f;
	*exp10 = e;
}

static const char numtext_pairs[201] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

/* The digits of v into buf, most significant first; returns how many (no NUL). */
static int put_digits(char *buf, uint64_t v)
{
	char tmp[20];
	int n = 20;
	while (v >= 100) {
		unsigned r = (unsigned)(v % 100);
		v /= 100;
		tmp[--n] = numtext_pairs[2 * r + 1];
		tmp[--n] = numtext_pairs[2 * r];
	}
	if (v >= 10) {
		tmp[--n] = numtext_pairs[2 * v + 1];
		tmp[--n] = numtext_pairs[2 * v];
	} else {
		tmp[--n] = (char)('0' + v);
	}
	memcpy(buf, tmp + n, (size_t)(20 - n));
	return 20 - n;
}

size_t numtext_u64(char *buf, uint64_t v)
{
	int n = put_digits(buf, v);
	buf[n] = '\0';
	return (size_t)n;
}

size_t numtext_ll(char *buf, long long v)
{
	if (v >= 0)
		return numtext_u64(buf, (uint64_t)v);
	buf[0] = '-';
	return 1 + numtext_u64(buf + 1, 0 - (uint64_t)v);
}

/* "e+dd" / "e-ddd" */
static char *put_exponent(char *p, int x)
{
	*p++ = 'e';
	*p++ = x < 0 ? '-' : '+';
	unsigned ax = (unsigned)(x < 0 ? -x : x);
	if (ax < 10)
		*p++ = '0';
	return p + put_digits(p, ax);
}

/* digits d[0..n) with first-digit exponent x, as %.{max(15, n)}g lays them out */
static char *layout(char *p, const char *d, int n, int x)
{
	int prec = n > 15 ? n : 15;
	if (x < -4 || x >= prec) {
		*p++ = d[0];
		if (n > 1) {
			*p++ = '.';
			memcpy(p, d + 1, (size_t)(n - 1));
			p += n - 1;
		}
		return put_exponent(p, x);
	}
	if (x < 0) {
		*p++ = '0';
		*p++ = '.';
		memset(p, '0', (size_t)(-x - 1));
		p += -x - 1;
		memcpy(p, d, (size_t)n);
		return p + n;
	}
	if (n <= x + 1) {
		memcpy(p, d, (size_t)n);
		memset(p + n, '0', (size_t)(x + 1 - n));
		return p + x + 1;
	}
	memcpy(p, d, (size_t)(x + 1));
	p += x + 1;
	*p++ = '.';
	memcpy(p, d + x + 1, (size_t)(n - x - 1));
	return p + n - x - 1;
}

size_t numtext_double(char *buf, double v)
{
	char *p = buf;
	if (!isfinite(v)) {
		buf[0] = '\0';
		return 0;
	}
	if (v < 0) {
		*p++ = '-';
		v = -v;
	}
	if (v < 1e15 && v == (double)(uint64_t)v) {
		/* zero and the integers the exports mostly hold ("-0" is "0") */
		if (v == 0)
			p = buf;
		return (size_t)(p - buf) + numtext_u64(p, (uint64_t)v);
	}
	uint64_t f;
	int e;
	numtext_shortest(v, &f, &e);
	char d[20];
	int n = put_digits(d, f);
	p = layout(p, d, n, e + n - 1);
	*p = '\0';
	return (size_t)(p - buf);
}
