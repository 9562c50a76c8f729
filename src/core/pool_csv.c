/* pool_csv.c - load and validate a pool of models from a CSV table (libcsv). */
#include "optdeploy/core/pool.h"

#include <csv.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * Limits.  Beyond 100000 models the planner is no longer interactive, and
 * names are shown in a terminal table.  A field is kept only up to SLOT_CAP
 * bytes (its full length is still known), so a 1 MB field costs no copy.
 */
#define POOL_MAX_MODELS 100000
#define POOL_MAX_NAME 256
#define SLOT_CAP 512
#define NUM_MAX 400         /* longest text taken as a number */
#ifndef SEG_MAX             /* the fuzz build shrinks it to split lines often */
#define SEG_MAX 65536       /* most bytes handed to libcsv in one call */
#endif
#define READ_BLOCK 65536
#define SHOW_MAX 40         /* bytes of a bad value quoted in a message */
#define NO_COL SIZE_MAX

enum role { R_MODEL, R_COST, R_ACCURACY, R_LOAD, R_COUNT };

/* Accepted header names of each role, matched ignoring ASCII case. */
static const char *const role_names[R_COUNT][4] = {
	{"model", "name", NULL, NULL},
	{"cost", "energy", NULL, NULL},
	{"accuracy", "performance", "score", NULL},
	{"load_cost", NULL, NULL, NULL},
};

enum num_result { NUM_OK, NUM_EMPTY, NUM_SYNTAX, NUM_RANGE };

struct slot {                  /* one needed field of the current row */
	char text[SLOT_CAP + 1];
	size_t len;                /* full length, may exceed SLOT_CAP */
	size_t line;               /* physical line where the field starts */
};

struct loader {
	struct csv_parser csv;
	const char *name;
	struct status_msg *m;
	enum status st;            /* first failure; only the first is reported */
	size_t line;               /* physical line of the bytes being parsed */
	size_t rec_line;           /* line where the current record starts */
	size_t fld_line;           /* line where the current field starts */
	int at_line_start, in_comment, bom_checked, header_done;
	size_t bytes;              /* bytes seen, BOM excluded */
	size_t nf;                 /* fields so far in the current record */
	size_t ncols, header_line;
	size_t col[R_COUNT];       /* column index of each role, or NO_COL */
	char col_text[R_COUNT][16];/* the header's spelling of each role */
	struct slot slot[R_COUNT];
	struct model *models;
	size_t *lines;             /* line of each model, for duplicate messages */
	size_t n, cap;
	size_t *hash;              /* open addressing: model index + 1, 0 empty */
	size_t hash_cap;
};

static void __attribute__((format(printf, 3, 4)))
fail(struct loader *L, enum status st, const char *fmt, ...)
{
	if (L->st != ST_OK)
		return;
	L->st = st;
	if (L->m != NULL) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(L->m->text, sizeof L->m->text, fmt, ap);
		va_end(ap);
	}
}

static int is_space(unsigned char c)
{
	/* CR counts as space so CRLF files need no special case: LF alone ends a line. */
	return c == ' ' || c == '\t' || c == '\r';
}

static int is_term(unsigned char c)
{
	return c == '\n';
}

static int ascii_ieq(const char *s, size_t len, const char *word)
{
	size_t i;
	for (i = 0; i < len && word[i] != '\0'; i++) {
		unsigned char a = (unsigned char)s[i], b = (unsigned char)word[i];
		if (a >= 'A' && a <= 'Z')
			a = (unsigned char)(a - 'A' + 'a');
		if (a != b)
			return 0;
	}
	return i == len && word[i] == '\0';
}

static void trim(const char **s, size_t *len)
{
	while (*len > 0 && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
		(*len)--;
}

/* Quote a field for a message: escapes, at most SHOW_MAX bytes, full length if cut. */
static void show_value(const struct slot *sl, char *out, size_t outsz)
{
	size_t kept = sl->len < SLOT_CAP ? sl->len : SLOT_CAP;
	size_t shown = kept < SHOW_MAX ? kept : SHOW_MAX, o = 0;
	out[o++] = '"';
	for (size_t i = 0; i < shown && o + 8 < outsz; i++) {
		unsigned char c = (unsigned char)sl->text[i];
		if (c == '"' || c == '\\')
			o += (size_t)snprintf(out + o, outsz - o, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			o += (size_t)snprintf(out + o, outsz - o, "\\x%02x", c);
		else
			out[o++] = (char)c;
	}
	out[o++] = '"';
	out[o] = '\0';
	if (shown < sl->len)
		snprintf(out + o, outsz - o, "... (%zu bytes)", sl->len);
}

/*
 * One plain decimal number: [+-]digits[.digits][e[+-]digits], surrounding
 * spaces allowed.  Hex, inf, nan, thousands separators and overflow are
 * refused; strtod only converts text already checked.
 */
static enum num_result parse_number(const char *s, size_t len, double *out)
{
	size_t i = 0, digits = 0, exp_digits = 0;
	trim(&s, &len);
	if (len == 0)
		return NUM_EMPTY;
	if (len > NUM_MAX)
		return NUM_SYNTAX;
	if (s[i] == '+' || s[i] == '-')
		i++;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < len && s[i] == '.')
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	if (digits == 0)
		return NUM_SYNTAX;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		if (++i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			exp_digits++;
		if (exp_digits == 0)
			return NUM_SYNTAX;
	}
	if (i != len)
		return NUM_SYNTAX;

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
		return NUM_SYNTAX;
	if (errno == ERANGE && isinf(v))
		return NUM_RANGE;
	*out = v + 0.0;   /* -0 becomes +0 */
	return NUM_OK;
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
static int name_problem(const unsigned char *s, size_t len, char *why, size_t whysz)
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

static void header_field(struct loader *L, const char *s, size_t len, size_t idx)
{
	trim(&s, &len);
	if (memchr(s, '\r', len) != NULL) {
		fail(L, ST_DATA, "%s:%zu: carriage return inside header field %zu (lines "
		     "must end with LF or CRLF)", L->name, L->rec_line, idx + 1);
		return;
	}
	for (int r = 0; r < R_COUNT; r++) {
		for (int a = 0; role_names[r][a] != NULL; a++) {
			if (!ascii_ieq(s, len, role_names[r][a]))
				continue;
			if (L->col[r] != NO_COL) {
				fail(L, ST_DATA, "%s:%zu: duplicate column: '%s' (column %zu) and "
				     "'%.*s' (column %zu) both give the %s", L->name, L->rec_line,
				     L->col_text[r], L->col[r] + 1, (int)len, s, idx + 1,
				     role_names[r][0]);
				return;
			}
			L->col[r] = idx;
			memcpy(L->col_text[r], s, len);   /* len <= 11: it equals an alias */
			L->col_text[r][len] = '\0';
			return;
		}
	}
}

static void finish_header(struct loader *L, size_t nf)
{
	L->ncols = nf;
	L->header_line = L->rec_line;
	for (int r = 0; r < R_LOAD; r++) {
		if (L->col[r] != NO_COL)
			continue;
		char also[64] = "";
		for (int a = 1; role_names[r][a] != NULL; a++)
			snprintf(also + strlen(also), sizeof also - strlen(also), "%s'%s'",
				 a > 1 ? ", " : " (also accepted: ", role_names[r][a]);
		fail(L, ST_DATA, "%s:%zu: missing column '%s'%s%s", L->name, L->rec_line,
		     role_names[r][0], also, also[0] != '\0' ? ")" : "");
		return;
	}
	L->header_done = 1;
}

static void on_field(void *s, size_t len, void *data)
{
	struct loader *L = data;
	size_t idx = L->nf++, line = L->fld_line;
	L->fld_line = L->line;   /* the next field starts after this delimiter */
	if (L->st != ST_OK)
		return;
	if (!L->header_done) {
		header_field(L, s, len, idx);
		return;
	}
	for (int r = 0; r < R_COUNT; r++) {
		if (L->col[r] != idx)
			continue;
		struct slot *sl = &L->slot[r];
		size_t keep = len < SLOT_CAP ? len : SLOT_CAP;
		memcpy(sl->text, s, keep);
		sl->text[keep] = '\0';
		sl->len = len;
		sl->line = line;
	}
}

/* Check the number of role r in the current row; store it in *v. */
static int row_number(struct loader *L, enum role r, double *v)
{
	const struct slot *sl = &L->slot[r];
	enum num_result res = sl->len > SLOT_CAP ? NUM_SYNTAX : parse_number(sl->text, sl->len, v);
	const char *what = NULL;
	char shown[SHOW_MAX * 4 + 48];
	show_value(sl, shown, sizeof shown);
	if (res == NUM_EMPTY)
		what = "empty value (a number is required)";
	else if (res == NUM_SYNTAX)
		what = "is not a number";
	else if (res == NUM_RANGE)
		what = "is out of range";
	else if (r != R_ACCURACY && *v < 0)
		what = r == R_COST ? "is negative (a cost must be >= 0)"
				   : "is negative (a load cost must be >= 0)";
	if (what == NULL)
		return 0;
	fail(L, ST_DATA, "%s:%zu: column '%s': %s%s%s", L->name, sl->line, L->col_text[r],
	     res == NUM_EMPTY ? "" : shown, res == NUM_EMPTY ? "" : " ", what);
	return -1;
}

static size_t name_hash(const char *name)   /* FNV-1a */
{
	uint64_t h = 1469598103934665603u;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		h = (h ^ *p) * 1099511628211u;
	return (size_t)h;
}

static void hash_put(size_t *hash, size_t cap, const struct model *models, size_t i)
{
	size_t k = name_hash(models[i].name) & (cap - 1);
	while (hash[k] != 0)
		k = (k + 1) & (cap - 1);
	hash[k] = i + 1;
}

/* Index + 1 of the model called name, or 0. */
static size_t hash_find(const struct loader *L, const char *name)
{
	for (size_t k = name_hash(name) & (L->hash_cap - 1); L->hash[k] != 0;
	     k = (k + 1) & (L->hash_cap - 1))
		if (strcmp(L->models[L->hash[k] - 1].name, name) == 0)
			return L->hash[k];
	return 0;
}

/* Room for one more model: arrays and hash table grow geometrically. */
static int reserve(struct loader *L)
{
	if (L->n == L->cap) {
		size_t cap = L->cap ? L->cap * 2 : 16;
		struct model *mv = realloc(L->models, cap * sizeof *mv);
		if (mv != NULL)
			L->models = mv;
		size_t *lv = realloc(L->lines, cap * sizeof *lv);
		if (lv != NULL)
			L->lines = lv;
		if (mv == NULL || lv == NULL)
			return -1;
		L->cap = cap;
	}
	if ((L->n + 1) * 2 > L->hash_cap) {
		size_t cap = L->hash_cap ? L->hash_cap * 2 : 64;
		size_t *hv = calloc(cap, sizeof *hv);
		if (hv == NULL)
			return -1;
		for (size_t i = 0; i < L->n; i++)
			hash_put(hv, cap, L->models, i);
		free(L->hash);
		L->hash = hv;
		L->hash_cap = cap;
	}
	return 0;
}

static void add_model(struct loader *L, struct model *md, const char *name, size_t line)
{
	size_t prev = hash_find(L, name);
	if (prev != 0) {
		fail(L, ST_DATA, "%s:%zu: column '%s': duplicate model '%s' (first on line %zu)",
		     L->name, line, L->col_text[R_MODEL], name, L->lines[prev - 1]);
		return;
	}
	md->name = strdup(name);
	if (md->name == NULL) {
		fail(L, ST_INTERNAL, "%s:%zu: out of memory", L->name, line);
		return;
	}
	L->models[L->n] = *md;
	L->lines[L->n] = line;
	hash_put(L->hash, L->hash_cap, L->models, L->n);
	L->n++;
}

static void finish_row(struct loader *L, size_t nf)
{
	struct model md = {NULL, 0.0, 0.0, 1.0, 0.0};
	const char *name = NULL;
	if (nf != L->ncols) {
		fail(L, ST_DATA, "%s:%zu: row has %zu field%s, header has %zu", L->name,
		     L->rec_line, nf, nf == 1 ? "" : "s", L->ncols);
		return;
	}
	if (L->n >= POOL_MAX_MODELS) {
		fail(L, ST_DATA, "%s:%zu: too many models (limit %d)", L->name, L->rec_line,
		     POOL_MAX_MODELS);
		return;
	}
	for (enum role r = R_MODEL; r < R_COUNT; r++) {
		struct slot *sl = &L->slot[r];
		if (L->col[r] == NO_COL)
			continue;
		if (r == R_MODEL) {
			const char *s = sl->text;
			size_t len = sl->len;
			char why[96];
			if (len <= SLOT_CAP)
				trim(&s, &len);
			if (name_problem((const unsigned char *)s, len, why, sizeof why)) {
				fail(L, ST_DATA, "%s:%zu: column '%s': %s", L->name, sl->line,
				     L->col_text[r], why);
				return;
			}
			sl->text[(size_t)(s - sl->text) + len] = '\0';
			name = s;
		} else if (row_number(L, r, r == R_COST ? &md.cost : r == R_ACCURACY
				      ? &md.accuracy : &md.load_cost) != 0) {
			return;
		}
	}
	if (reserve(L) != 0)
		fail(L, ST_INTERNAL, "%s:%zu: out of memory", L->name, L->rec_line);
	else
		add_model(L, &md, name, L->slot[R_MODEL].line);
}

static void on_row(int c, void *data)
{
	struct loader *L = data;
	size_t nf = L->nf;
	(void)c;
	L->nf = 0;
	if (L->st != ST_OK)
		return;
	if (!L->header_done)
		finish_header(L, nf);
	else
		finish_row(L, nf);
}

static void parse_segment(struct loader *L, const char *s, size_t n)
{
	/* libcsv grows its field buffer by blk_size: make that geometric. */
	size_t have = csv_get_buffer_size(&L->csv);
	csv_set_blk_size(&L->csv, have > 4096 ? have : 4096);
	size_t done = csv_parse(&L->csv, s, n, on_field, on_row, L);
	if (done == n || L->st != ST_OK)
		return;
	if (csv_error(&L->csv) == CSV_EPARSE)
		fail(L, ST_DATA, "%s:%zu: field %zu: %s", L->name, L->line, L->nf + 1,
		     L->csv.quoted ? "text after a closing quote (a quote inside a quoted "
		     "field is written \"\")" : "quote inside an unquoted field (quote the "
		     "whole field)");
	else
		fail(L, ST_INTERNAL, "%s:%zu: out of memory", L->name, L->line);
}

/*
 * Give bytes to libcsv one physical line at a time, so that every callback
 * knows its line: libcsv itself counts none.  A record starts only at a
 * line start outside a quoted field, which is also where '#' comments are.
 */
static void feed(struct loader *L, const char *data, size_t len)
{
	if (!L->bom_checked && len > 0) {
		L->bom_checked = 1;
		if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
			data += 3;
			len -= 3;
		} else if (len >= 2 && (memcmp(data, "\xff\xfe", 2) == 0 ||
					memcmp(data, "\xfe\xff", 2) == 0)) {
			fail(L, ST_DATA, "%s:1: the file is UTF-16 text (save it as UTF-8)",
			     L->name);
		}
	}
	L->bytes += len;
	while (len > 0 && L->st == ST_OK) {
		if (L->at_line_start) {
			L->at_line_start = 0;
			if (!L->csv.quoted) {
				L->rec_line = L->fld_line = L->line;
				L->in_comment = data[0] == '#';
			}
		}
		size_t n = len < SEG_MAX ? len : SEG_MAX;
		const char *lf = memchr(data, '\n', n);
		if (lf != NULL)
			n = (size_t)(lf - data) + 1;
		if (!L->in_comment)
			parse_segment(L, data, n);
		if (lf != NULL) {
			L->line++;
			L->at_line_start = 1;
			L->in_comment = 0;
		}
		data += n;
		len -= n;
	}
}

static void loader_init(struct loader *L, const char *name, struct status_msg *m)
{
	memset(L, 0, sizeof *L);
	L->name = name != NULL ? name : "<input>";
	L->m = m;
	L->line = L->rec_line = L->fld_line = 1;
	L->at_line_start = 1;
	for (int r = 0; r < R_COUNT; r++)
		L->col[r] = NO_COL;
	csv_init(&L->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_space_func(&L->csv, is_space);
	csv_set_term_func(&L->csv, is_term);
	status_clear(m);
}

/* End of input: flush libcsv, check the file as a whole, hand the pool over. */
static enum status loader_finish(struct loader *L, struct pool *out)
{
	if (L->st == ST_OK && csv_fini(&L->csv, on_field, on_row, L) != 0)
		fail(L, ST_DATA, "%s:%zu: field %zu: unterminated quoted field (the file ends "
		     "inside it)", L->name, L->fld_line, L->nf + 1);
	if (!L->header_done && L->bytes == 0)
		fail(L, ST_DATA, "%s: empty file", L->name);
	else if (!L->header_done)
		fail(L, ST_DATA, "%s: no header row (only blank or comment lines)", L->name);
	else if (L->n == 0)
		fail(L, ST_DATA, "%s:%zu: no models after the header row", L->name,
		     L->header_line);
	csv_free(&L->csv);
	free(L->lines);
	free(L->hash);
	out->models = L->models;
	out->n = L->n;
	if (L->st == ST_OK && (out->source = strdup(L->name)) == NULL)
		fail(L, ST_INTERNAL, "%s: out of memory", L->name);
	if (L->st != ST_OK)
		pool_free(out);   /* the models read so far; leaves *out empty as promised */
	return L->st;
}

/* What every load starts from, so a failure at any point leaves *out empty. */
static const struct pool empty_pool = {NULL, 0, NULL, 1.0, false};

enum status pool_load_buffer(struct pool *out, const char *name, const char *data,
			     size_t len, struct status_msg *m)
{
	struct loader *L = malloc(sizeof *L);
	*out = empty_pool;
	if (L == NULL)
		return status_fail(m, ST_INTERNAL, "%s: out of memory", name ? name : "<input>");
	loader_init(L, name, m);
	if (data != NULL)
		feed(L, data, len);
	enum status st = loader_finish(L, out);
	free(L);
	return st;
}

enum status pool_load_stream(struct pool *out, const char *name, FILE *fp,
			     struct status_msg *m)
{
	struct loader *L = malloc(sizeof *L);
	char *buf = malloc(READ_BLOCK);
	*out = empty_pool;
	if (L == NULL || buf == NULL) {
		free(L);
		free(buf);
		return status_fail(m, ST_INTERNAL, "%s: out of memory", name);
	}
	loader_init(L, name, m);
	for (;;) {
		size_t got = fread(buf, 1, READ_BLOCK, fp);
		int err = ferror(fp) ? (errno != 0 ? errno : EIO) : 0;  /* before feed() */
		feed(L, buf, got);
		if (err != 0)
			fail(L, ST_INPUT, "%s: cannot read: %s", L->name, strerror(err));
		if (got < READ_BLOCK || L->st != ST_OK)
			break;
	}
	free(buf);
	enum status st = loader_finish(L, out);
	free(L);
	return st;
}

enum status pool_load_file(struct pool *out, const char *path, struct status_msg *m)
{
	if (strcmp(path, "-") == 0)
		return pool_load_stream(out, "<stdin>", stdin, m);
	FILE *fp = fopen(path, "rb");
	if (fp == NULL) {
		int err = errno;
		*out = empty_pool;
		return status_fail(m, ST_INPUT, "%s: cannot open: %s", path, strerror(err));
	}
	enum status st = pool_load_stream(out, path, fp, m);
	fclose(fp);
	return st;
}
