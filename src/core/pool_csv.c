/* pool_csv.c - read one CSV table of models (libcsv): the columns a request asks for, validated. */
#include "optdeploy/core/pool_csv.h"
#include "optdeploy/core/pool_csv_loader.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "optdeploy/core/pool_rows.h"
#include "optdeploy/core/pool_text.h"

/*
 * Limits.  Beyond 100000 models the planner is no longer interactive (a
 * field is kept up to SLOT_CAP bytes: pool_csv_loader.h).  A line, and a
 * quoted field spanning lines, longer than POOL_CSV_LINE_MAX is an error: no
 * real table has one, and an endless input (/dev/zero, a binary file) must
 * not grow libcsv's buffer without bound, so reading any input costs at most
 * a few MB.
 */
#define POOL_MAX_MODELS 100000
#ifndef SEG_MAX             /* the fuzz build shrinks it to split lines often */
#define SEG_MAX 65536       /* most bytes handed to libcsv in one call */
#endif
#define READ_BLOCK 65536
#define SHOW_MAX 40         /* bytes of a bad value quoted in a message */

/* What a row's value of each key is called in messages about it. */
static const char *const negative_why[R_COUNT] = {
	NULL, "a cost must be >= 0", NULL, "a load cost must be >= 0",
	"a memory footprint must be >= 0", "a latency must be >= 0",
};

/*
 * The largest magnitude of each key (pool.h): every sum the solver and the
 * reports form over 1e5 models and 1e9 inferences stays finite.
 */
static const double value_max[R_COUNT] = {
	[POOL_KEY_COST] = POOL_VALUE_MAX, [POOL_KEY_ACCURACY] = POOL_VALUE_MAX,
	[POOL_KEY_LOAD_COST] = POOL_LOAD_COST_MAX, [POOL_KEY_MEMORY] = POOL_VALUE_MAX,
	[POOL_KEY_LATENCY] = POOL_VALUE_MAX,
};
static const char *const value_range[R_COUNT] = {
	[POOL_KEY_COST] = "a cost is at most 1e290",
	[POOL_KEY_ACCURACY] = "an accuracy lies in -1e290 .. 1e290",
	[POOL_KEY_LOAD_COST] = "a load cost is at most 1e12",
	[POOL_KEY_MEMORY] = "a memory footprint is at most 1e290",
	[POOL_KEY_LATENCY] = "a latency is at most 1e290",
};

void pool_csv_fail(struct loader *L, enum status st, const char *fmt, ...)
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

static void on_field(void *s, size_t len, void *data)
{
	struct loader *L = data;
	size_t idx = L->nf++, line = L->fld_line;
	L->fld_line = L->line;   /* the next field starts after this delimiter */
	if (L->st != ST_OK)
		return;
	if (!L->header_done) {
		pool_csv_header_field(L, s, len, idx);
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

/* An empty cell of key r gives no value rather than an error (see pool_spec.h). */
static bool optional_cell(const struct pool_csv_request *rq, int r)
{
	return (r == POOL_KEY_MEMORY && !rq->memory_needed) ||
	       (r == POOL_KEY_LATENCY && !rq->latency_needed);
}

/* Check the number of key r in the current row; store it in *v. */
static int row_number(struct loader *L, int r, double *v)
{
	const struct slot *sl = &L->slot[r];
	enum pool_num res = sl->len > SLOT_CAP ? POOL_NUM_SYNTAX
			    : pool_text_number(sl->text, sl->len, v);
	const char *what = NULL;
	char shown[SHOW_MAX * 4 + 48], range[96];
	show_value(sl, shown, sizeof shown);
	if (res == POOL_NUM_EMPTY && optional_cell(L->rq, r)) {
		/* no limit needs it: the pool just has no memory (or latency) */
		*(r == POOL_KEY_MEMORY ? &L->memory_gap : &L->latency_gap) = true;
		*v = 0;
		return 0;
	}
	if (res == POOL_NUM_EMPTY)
		what = r == POOL_KEY_MEMORY ? "empty value (a number is needed by the memory "
		       "limit, --memory)" : r == POOL_KEY_LATENCY ? "empty value (a number is "
		       "needed by --deadline or --rate)" : "empty value (a number is required)";
	else if (res == POOL_NUM_SYNTAX)
		what = "is not a number";
	else if (res == POOL_NUM_RANGE)
		what = "is out of range";
	else if (negative_why[r] != NULL && *v < 0)
		what = "is negative";
	if (what == NULL && fabs(*v) > value_max[r]) {
		snprintf(range, sizeof range, "is out of range (%s)", value_range[r]);
		what = range;
	}
	if (what == NULL)
		return 0;
	bool negative = res == POOL_NUM_OK && *v < 0 && negative_why[r] != NULL;
	pool_csv_fail(L, ST_DATA, "%s:%zu: column '%s': %s%s%s%s%s%s", L->name, sl->line,
	     L->t->col_text[r], res == POOL_NUM_EMPTY ? "" : shown,
	     res == POOL_NUM_EMPTY ? "" : " ", what,
	     negative ? " (" : "", negative ? negative_why[r] : "", negative ? ")" : "");
	return -1;
}

/* Whether a needed number of the current row is empty (--skip-incomplete). */
static int row_incomplete(const struct loader *L)
{
	for (int r = 1; r < R_COUNT; r++) {
		const char *s = L->slot[r].text;
		size_t len = L->slot[r].len;
		if (L->col[r] == NO_COL || len > SLOT_CAP || optional_cell(L->rq, r))
			continue;
		pool_text_trim(&s, &len);
		if (len == 0)
			return 1;
	}
	return 0;
}

static void note_skipped(struct loader *L, const char *name)
{
	struct pool_csv_table *t = L->t;
	if (t->n_skipped == L->skip_cap) {
		size_t cap = L->skip_cap ? L->skip_cap * 2 : 8;
		char **v = realloc(t->skipped, cap * sizeof *v);
		if (v == NULL) {
			pool_csv_fail(L, ST_INTERNAL, "%s:%zu: out of memory", L->name, L->rec_line);
			return;
		}
		t->skipped = v;
		L->skip_cap = cap;
	}
	if ((t->skipped[t->n_skipped] = strdup(name)) == NULL)
		pool_csv_fail(L, ST_INTERNAL, "%s:%zu: out of memory", L->name, L->rec_line);
	else
		t->n_skipped++;
}

static void add_model(struct loader *L, const struct model *md, const char *name, size_t line)
{
	size_t first = 0;
	switch (pool_rows_add(&L->rows, md, name, line, &first)) {
	case POOL_ROWS_ADDED:
		break;
	case POOL_ROWS_DUPLICATE:
		pool_csv_fail(L, ST_DATA, "%s:%zu: column '%s': duplicate model '%s' (first on line %zu)",
		     L->name, line, L->t->col_text[0], name, first);
		break;
	case POOL_ROWS_NO_MEMORY:
		pool_csv_fail(L, ST_INTERNAL, "%s:%zu: out of memory", L->name, line);
		break;
	}
}

/* The current row's model name, trimmed and checked, or NULL after a failure. */
static const char *row_name(struct loader *L)
{
	struct slot *sl = &L->slot[0];
	const char *s = sl->text;
	size_t len = sl->len;
	char why[96];
	if (len <= SLOT_CAP)
		pool_text_trim(&s, &len);
	if (pool_text_name_problem((const unsigned char *)s, len, why, sizeof why)) {
		pool_csv_fail(L, ST_DATA, "%s:%zu: column '%s': %s", L->name, sl->line,
		     L->t->col_text[0], why);
		return NULL;
	}
	sl->text[(size_t)(s - sl->text) + len] = '\0';
	return s;
}

static void finish_row(struct loader *L, size_t nf)
{
	struct model md = {NULL, 0.0, 0.0, 1.0, 0.0, 0.0};
	double *field[R_COUNT] = {NULL, &md.cost, &md.accuracy, &md.load_cost, &md.memory,
				  &md.latency};
	const char *name;
	if (nf != L->ncols) {
		pool_csv_fail(L, ST_DATA, "%s:%zu: row has %zu field%s, header has %zu", L->name,
		     L->rec_line, nf, nf == 1 ? "" : "s", L->ncols);
		return;
	}
	if (L->rows.n >= POOL_MAX_MODELS) {
		pool_csv_fail(L, ST_DATA, "%s:%zu: too many models (limit %d)", L->name, L->rec_line,
		     POOL_MAX_MODELS);
		return;
	}
	if ((name = row_name(L)) == NULL)
		return;
	if (!pool_spec_selects(L->rq->select, name)) {
		L->t->n_unselected++;
		return;
	}
	if (L->rq->skip_incomplete && row_incomplete(L)) {
		note_skipped(L, name);
		return;
	}
	for (int r = 1; r < R_COUNT; r++)
		if (L->col[r] != NO_COL && row_number(L, r, field[r]) != 0)
			return;
	add_model(L, &md, name, L->slot[0].line);
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
		pool_csv_finish_header(L, nf);
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
		pool_csv_fail(L, ST_DATA, "%s:%zu: field %zu: %s", L->name, L->line, L->nf + 1,
		     L->csv.quoted ? "text after a closing quote (a quote inside a quoted "
		     "field is written \"\")" : "quote inside an unquoted field (quote the "
		     "whole field)");
	else
		pool_csv_fail(L, ST_INTERNAL, "%s:%zu: out of memory", L->name, L->line);
}

/* A line or a field past POOL_CSV_LINE_MAX: a located error before libcsv grows further. */
static bool too_long(struct loader *L)
{
	if (L->line_bytes > POOL_CSV_LINE_MAX)
		pool_csv_fail(L, ST_DATA, "%s:%zu: line longer than %d bytes (1 MB): not a table of "
		     "models", L->name, L->line, POOL_CSV_LINE_MAX);
	else if (L->csv.entry_pos > POOL_CSV_LINE_MAX)
		pool_csv_fail(L, ST_DATA, "%s:%zu: field %zu: quoted field longer than %d bytes (1 MB; "
		     "is a closing quote missing?)", L->name, L->fld_line, L->nf + 1,
		     POOL_CSV_LINE_MAX);
	return L->st != ST_OK;
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
			pool_csv_fail(L, ST_DATA, "%s:1: the file is UTF-16 text (save it as UTF-8)",
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
		L->line_bytes += n;
		if (too_long(L))
			break;
		if (!L->in_comment)
			parse_segment(L, data, n);
		if (lf != NULL) {
			L->line++;
			L->line_bytes = 0;
			L->at_line_start = 1;
			L->in_comment = 0;
		}
		data += n;
		len -= n;
	}
}

static void loader_init(struct loader *L, const char *name, const struct pool_csv_request *rq,
			struct pool_csv_table *t, struct status_msg *m)
{
	memset(L, 0, sizeof *L);
	memset(t, 0, sizeof *t);
	t->pool.cost_scale = 1.0;
	L->name = name != NULL ? name : "<input>";
	L->m = m;
	L->rq = rq;
	L->t = t;
	L->line = L->rec_line = L->fld_line = 1;
	L->at_line_start = 1;
	for (int r = 0; r < R_COUNT; r++)
		L->col[r] = NO_COL;
	csv_init(&L->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_space_func(&L->csv, is_space);
	csv_set_term_func(&L->csv, is_term);
	status_clear(m);
}

/* End of input: flush libcsv, check the file as a whole, hand the table over. */
static enum status loader_finish(struct loader *L)
{
	struct pool_csv_table *t = L->t;
	if (L->st == ST_OK && csv_fini(&L->csv, on_field, on_row, L) != 0)
		pool_csv_fail(L, ST_DATA, "%s:%zu: field %zu: unterminated quoted field (the file ends "
		     "inside it)", L->name, L->fld_line, L->nf + 1);
	if (!L->header_done && L->bytes == 0)
		pool_csv_fail(L, ST_DATA, "%s: empty file", L->name);
	else if (!L->header_done)
		pool_csv_fail(L, ST_DATA, "%s: no header row (only blank or comment lines)", L->name);
	else if (L->rows.n == 0 && t->n_skipped == 0 && t->n_unselected == 0)
		pool_csv_fail(L, ST_DATA, "%s:%zu: no models after the header row", L->name,
		     L->header_line);
	csv_free(&L->csv);
	t->pool.models = pool_rows_take(&L->rows, &t->pool.n);
	pool_rows_free(&L->rows);
	t->pool.has_memory = t->found[POOL_KEY_MEMORY] && !L->memory_gap;
	t->pool.has_latency = t->found[POOL_KEY_LATENCY] && !L->latency_gap;
	if (L->st == ST_OK && (t->pool.source = strdup(L->name)) == NULL)
		pool_csv_fail(L, ST_INTERNAL, "%s: out of memory", L->name);
	if (L->st != ST_OK)
		pool_csv_table_free(t);   /* what was read so far; leaves *t empty as promised */
	return L->st;
}

void pool_csv_table_free(struct pool_csv_table *t)
{
	if (t == NULL)
		return;
	pool_free(&t->pool);
	for (size_t i = 0; i < t->n_skipped; i++)
		free(t->skipped[i]);
	free(t->skipped);
	memset(t, 0, sizeof *t);
	t->pool.cost_scale = 1.0;
}

void pool_csv_request_default(struct pool_csv_request *rq)
{
	memset(rq, 0, sizeof *rq);
	rq->need[POOL_KEY_NAME] = rq->need[POOL_KEY_COST] = rq->need[POOL_KEY_ACCURACY] = true;
}

enum status pool_csv_load_buffer(const char *name, const char *data, size_t len,
				 const struct pool_csv_request *rq, struct pool_csv_table *out,
				 struct status_msg *m)
{
	struct loader *L = malloc(sizeof *L);
	if (L == NULL) {
		memset(out, 0, sizeof *out);
		return status_fail(m, ST_INTERNAL, "%s: out of memory", name ? name : "<input>");
	}
	loader_init(L, name, rq, out, m);
	if (data != NULL)
		feed(L, data, len);
	enum status st = loader_finish(L);
	free(L);
	return st;
}

enum status pool_csv_load_stream(const char *name, FILE *fp, const struct pool_csv_request *rq,
				 struct pool_csv_table *out, struct status_msg *m)
{
	struct loader *L = malloc(sizeof *L);
	char *buf = malloc(READ_BLOCK);
	if (L == NULL || buf == NULL) {
		free(L);
		free(buf);
		memset(out, 0, sizeof *out);
		return status_fail(m, ST_INTERNAL, "%s: out of memory", name);
	}
	loader_init(L, name, rq, out, m);
	for (;;) {
		size_t got = fread(buf, 1, READ_BLOCK, fp);
		int err = ferror(fp) ? (errno != 0 ? errno : EIO) : 0;  /* before feed() */
		feed(L, buf, got);
		if (err != 0)
			pool_csv_fail(L, ST_INPUT, "%s: cannot read: %s", L->name, strerror(err));
		if (got < READ_BLOCK || L->st != ST_OK)
			break;
	}
	free(buf);
	enum status st = loader_finish(L);
	free(L);
	return st;
}

enum status pool_csv_load_path(const char *path, const struct pool_csv_request *rq,
			       struct pool_csv_table *out, struct status_msg *m)
{
	if (strcmp(path, "-") == 0)
		return pool_csv_load_stream("<stdin>", stdin, rq, out, m);
	FILE *fp = fopen(path, "rb");
	if (fp == NULL) {
		int err = errno;
		memset(out, 0, sizeof *out);
		return status_fail(m, ST_INPUT, "%s: cannot open: %s", path, strerror(err));
	}
	enum status st = pool_csv_load_stream(path, fp, rq, out, m);
	fclose(fp);
	return st;
}
