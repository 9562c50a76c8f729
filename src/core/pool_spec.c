/* pool_spec.c - the column mapping and model selection of a pool, parsed from option text. */
#include "optdeploy/core/pool_spec.h"

#include <fnmatch.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const key_names[POOL_KEY_COUNT] = {
	"name", "cost", "accuracy", "load_cost", "memory", "latency",
};

const char *pool_key_name(enum pool_key k)
{
	return k < POOL_KEY_COUNT ? key_names[k] : "?";
}

void pool_spec_init(struct pool_spec *s)
{
	memset(s, 0, sizeof *s);
}

/* Printable, bounded copy of part of the user's text for a message. */
static const char *shown(const char *s, size_t len, char *buf, size_t size)
{
	size_t n = 0;
	for (; n < len && n + 4 < size; n++) {
		unsigned char c = (unsigned char)s[n];
		buf[n] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
	}
	if (n < len && size >= 4) {
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n] = '\0';
	return buf;
}

#define SHOWN(s, len) shown((s), (len), (char[64]){ 0 }, 64)

static int key_of(const char *s, size_t len)
{
	for (int k = 0; k < POOL_KEY_COUNT; k++)
		if (strlen(key_names[k]) == len && strncasecmp(s, key_names[k], len) == 0)
			return k;
	return -1;
}

/* One "KEY=COL" item of the list into t (a scratch copy of the spec). */
static enum status add_item(struct pool_spec *t, const char *item, size_t len, bool keep_mapped,
			    bool seen[POOL_KEY_COUNT], struct status_msg *m)
{
	const char *eq = memchr(item, '=', len);
	if (len == 0)
		return status_fail(m, ST_USAGE, "--columns: an empty item (write KEY=COLUMN, "
				   "separated by commas)");
	if (eq == NULL)
		return status_fail(m, ST_USAGE, "--columns: \"%s\" is not KEY=COLUMN",
				   SHOWN(item, len));
	int k = key_of(item, (size_t)(eq - item));
	const char *col = eq + 1;
	size_t clen = len - (size_t)(col - item);
	if (k < 0)
		return status_fail(m, ST_USAGE, "--columns: unknown key '%s' (keys: name, cost, "
				   "accuracy, load_cost, memory, latency)", SHOWN(item, (size_t)(eq - item)));
	if (seen[k])
		return status_fail(m, ST_USAGE, "--columns: key '%s' given twice", key_names[k]);
	seen[k] = true;
	if (clen == 0 || (col[clen - 1] == ':'))
		return status_fail(m, ST_USAGE, "--columns: %s: the column name is empty",
				   key_names[k]);
	if (clen >= POOL_SPEC_TEXT)
		return status_fail(m, ST_USAGE, "--columns: %s: the column name is %zu bytes long "
				   "(limit %d)", key_names[k], clen, POOL_SPEC_TEXT - 1);
	if (memchr(col, '\0', clen) != NULL)
		return status_fail(m, ST_USAGE, "--columns: %s: bad column name", key_names[k]);
	if (t->mapped[k] && keep_mapped)
		return ST_OK;
	if (t->mapped[k])
		return status_fail(m, ST_USAGE, "--columns: key '%s' given twice", key_names[k]);
	t->mapped[k] = true;
	memcpy(t->column[k], col, clen);
	t->column[k][clen] = '\0';
	return ST_OK;
}

enum status pool_spec_add_columns(struct pool_spec *s, const char *arg, bool keep_mapped,
				  struct status_msg *m)
{
	struct pool_spec t = *s;
	bool seen[POOL_KEY_COUNT] = { false };
	const char *p = arg;
	for (;;) {
		size_t len = strcspn(p, ",");
		enum status st = add_item(&t, p, len, keep_mapped, seen, m);
		if (st != ST_OK)
			return st;
		if (p[len] == '\0')
			break;
		p += len + 1;
	}
	*s = t;
	return ST_OK;
}

enum status pool_spec_check_globs(const char *opt, const char *list, struct status_msg *m)
{
	const char *p = list;
	for (;;) {
		size_t len = strcspn(p, ",");
		if (len == 0)
			return status_fail(m, ST_USAGE, "%s: an empty pattern (write PATTERN[,PATTERN...])",
					   opt);
		if (len >= POOL_SPEC_TEXT)
			return status_fail(m, ST_USAGE, "%s: a pattern is %zu bytes long (limit %d)",
					   opt, len, POOL_SPEC_TEXT - 1);
		if (p[len] == '\0')
			return ST_OK;
		p += len + 1;
	}
}

/* Whether name matches one of the comma-separated globs in list. */
static bool matches_any(const char *list, const char *name)
{
	char pat[POOL_SPEC_TEXT];
	const char *p = list;
	for (;;) {
		size_t len = strcspn(p, ",");
		if (len < sizeof pat) {
			memcpy(pat, p, len);
			pat[len] = '\0';
			if (fnmatch(pat, name, 0) == 0)
				return true;
		}
		if (p[len] == '\0')
			return false;
		p += len + 1;
	}
}

bool pool_spec_selects(const struct pool_spec *s, const char *name)
{
	if (s == NULL)
		return true;
	if (s->only != NULL && !matches_any(s->only, name))
		return false;
	return s->exclude == NULL || !matches_any(s->exclude, name);
}
