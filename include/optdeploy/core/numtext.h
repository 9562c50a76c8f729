/*
 * numtext.h - numbers as text without printf, strtod or the locale: the
 * shortest decimal that reads back as exactly the same double.
 *
 * numtext_double prints what the exports always printed (the first of
 * "%.15g", "%.16g", "%.17g" that reads back exactly, with '.' as the decimal
 * point), found without trial printing: the shortest digits come from
 * Schubfach (R. Giulietti, "The Schubfach way to render doubles", 2020), and
 * the layout follows %g with the precision max(15, digits): plain notation
 * when the decimal exponent X of the first digit is -4 <= X < precision,
 * else d.ddde+XX (at least two exponent digits); no trailing zeros, no
 * trailing point.  Where the old trial printing was not shortest (tiny
 * subnormals, whose %.15g digits are more than the value holds) the shorter
 * text is printed.  -0 prints as "0", a non-finite value as "".
 */
#ifndef OPTDEPLOY_NUMTEXT_H
#define OPTDEPLOY_NUMTEXT_H

#include <stddef.h>
#include <stdint.h>

#define NUMTEXT_SIZE 32  /* "-1.2345678901234567e-308" and its NUL fit */

/* Write v into buf (NUMTEXT_SIZE bytes); returns the length. */
size_t numtext_double(char *buf, double v);

/* Decimal integers, as "%llu" / "%lld" print them; buf holds 21 bytes. */
size_t numtext_u64(char *buf, uint64_t v);
size_t numtext_ll(char *buf, long long v);

/*
 * The shortest digits of a finite v > 0: v reads back from digits x 10^exp10,
 * digits has no trailing zero, and among the shortest such decimals it is
 * the one nearest v (an even last digit on a tie).
 */
void numtext_shortest(double v, uint64_t *digits, int *exp10);

#endif
