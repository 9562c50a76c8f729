/*
 * pool_text.h - the text rules of a pool table's cells, shared by the CSV
 * loader and the table join: plain decimal numbers, printable model names,
 * header names matched ignoring ASCII case.
 */
#ifndef OPTDEPLOY_POOL_TEXT_H
#define OPTDEPLOY_POOL_TEXT_H

#include <stddef.h>

enum pool_num { POOL_NUM_OK, POOL_NUM_EMPTY, POOL_NUM_SYNTAX, POOL_NUM_RANGE };

/*
 * One plain decimal number, [+-]digits[.digits][e[+-]digits] with spaces
 * around allowed; hex, inf, nan, separators and overflow are refused.  -0 is
 * read as +0.  Independent of LC_NUMERIC.
 */
enum pool_num pool_text_number(const char *s, size_t len, double *out);

/* Why a model name cannot be shown in a terminal table (into why), or 0 when it can. */
int pool_text_name_problem(const unsigned char *s, size_t len, char *why, size_t whysz);

/* Whether s[0..len) equals word, ignoring ASCII case. */
int pool_text_ieq(const char *s, size_t len, const char *word);

/* Drop spaces and tabs around s[0..*len). */
void pool_text_trim(const char **s, size_t *len);

#endif
