/* pool_text.c - the text rules of a pool table's cells: numbers, names, header words. */
#include "optdeploy/core/pool_text.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NUM_MAX 400         /* longest text taken as a number */
#define POOL_MAX_NAME 256

int pool_text_ieq(const char *s, size_t len, const char *word)
{
	size_t i;
	for (i = 0; i < len && word[i] != '\0'; i++) {
		unsigned char a = (unsigned char)s[i], b = (unsigned char)word[i];
		if (a >= 'A' && a <= 'Z')
			a = (unsigned char)(a - 'A' + 'a');
		if (b >= 'A' && b <= 'Z')
			b = (unsigned char)(b - 'A' + 'a');
		if (a != b)
			return 0;
	}
	return i == len && word[i] == '\0';
}

void pool_text_trim(const char **s, size_t *len)
{
	while (*len > 0 && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
		(*len)--;
}

/*
 * One plain decimal number: [+-]digits[.digits][e[+-]digits], surrounding
 * spaces allowed.  Hex, inf, nan, thousands separators and overflow are
 * refused; strtod only converts text already checked.
 */
enum pool_num pool_text_number(const char *s, size_t len, double *out)
{
	size_t i = 0, digits = 0, exp_digits = 0;
	pool_text_trim(&s, &len);
	if (len == 0)
		return POOL_NUM_EMPTY;
	if (len > NUM_MAX)
		return POOL_NUM_SYNTAX;
	if (s[i] == '+' || s[i] == '-')
		i++;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < len && s[i] == '.')
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	if (digits == 0)
		return POOL_NUM_SYNTAX;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		if (++i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			exp_digits++;
		if (exp_digits == 0)
			return POOL_NUM_SYNTAX;
	}
	if (i != len)
		return POOL_NUM_SYNTAX;

	/* strtod follows LC_NUMERIC, which the UI may have set from the environment. */
	char buf[NUM_MAX + 16];
	const char *dp = localeconv()->decimal_point;
	size_t o = 0, dplen = strlen(dp);
	for (i = 0; i < len; i++) {
		if (s[i] == '.' && dplen < 8) {
			memcpy(buf + o, dp, dplen);
			o += dplen;
		} else {
			buf[o++] = s[i];
		}
	}
	buf[o] = '\0';
	char *end;
	errno = 0;
	double v = strtod(buf, &end);
	if (*end != '\0')
		return POOL_NUM_SYNTAX;
	if (errno == ERANGE && isinf(v))
		return POOL_NUM_RANGE;
	*out = v + 0.0;   /* -0 becomes +0 */
	return POOL_NUM_OK;
}

/* Length of the UTF-8 sequence at s (its code point in *cp), 0 when invalid. */
static size_t utf8_seq(const unsigned char *s, size_t len, unsigned *cp)
{
	unsigned c = s[0], lo = 0x80, hi = 0xbf;
	size_t n;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		*cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		*cp = c & 0x0f;
		lo = c == 0xe0 ? 0xa0 : 0x80;   /* no overlong forms */
		hi = c == 0xed ? 0x9f : 0xbf;   /* no surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		*cp = c & 0x07;
		lo = c == 0xf0 ? 0x90 : 0x80;
		hi = c == 0xf4 ? 0x8f : 0xbf;   /* nothing above U+10FFFF */
	} else {
		return 0;
	}
	if (len < n || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (s[i] & 0x3f);
	}
	return n;
}

/* Why a model name cannot be shown in a terminal table, or 0 when it can. */
int pool_text_name_problem(const unsigned char *s, size_t len, char *why, size_t whysz)
{
	if (len == 0)
		return snprintf(why, whysz, "empty model name"), 1;
	if (len > POOL_MAX_NAME)
		return snprintf(why, whysz, "model name is %zu bytes long (limit %d)",
				len, POOL_MAX_NAME), 1;
	for (size_t i = 0; i < len;) {
		unsigned c = s[i], cp;
		size_t k;
		if (c == 0)
			return snprintf(why, whysz, "model name contains a NUL byte (byte %zu)",
					i + 1), 1;
		if (c < 0x20 || c == 0x7f)
			return snprintf(why, whysz, "model name contains control character "
					"0x%02x (byte %zu)", c, i + 1), 1;
		if (c < 0x80) {
			i++;
			continue;
		}
		k = utf8_seq(s + i, len - i, &cp);
		if (k == 0)
			return snprintf(why, whysz, "model name is not valid UTF-8 "
					"(byte 0x%02x at byte %zu)", c, i + 1), 1;
		if (cp <= 0x9f)
			return snprintf(why, whysz, "model name contains control character "
					"U+%04X (byte %zu)", cp, i + 1), 1;
		i += k;
	}
	return 0;
}
