/* pool_csv_header.c - a CSV table's header: which column gives which key, and what is missing. */
#include "optdeploy/core/pool_csv_loader.h"

#include <stdio.h>
#include <string.h>

#include "optdeploy/core/pool_text.h"

/* Built-in header names of each key, matched ignoring ASCII case. */
static const char *const role_names[R_COUNT][4] = {
	{"model", "name", NULL, NULL},
	{"cost", "energy", NULL, NULL},
	{"accuracy", "performance", "score", NULL},
	{"load_cost", NULL, NULL, NULL},
	{"memory", NULL, NULL, NULL},
	{"latency", "latency_ms", NULL, NULL},
};

/* Append one header name to the list quoted in messages ("a, b, c, ..."). */
static void note_column(struct loader *L, const char *s, size_t len)
{
	char *list = L->t->columns;
	size_t used = strlen(list), room = sizeof L->t->columns;
	if (used + 6 >= room || (used > 0 && strcmp(list + used - 3, "...") == 0))
		return;
	if (used + len + 8 >= room) {
		snprintf(list + used, room - used, "%s...", used ? ", " : "");
		return;
	}
	snprintf(list + used, room - used, "%s%.*s", used ? ", " : "", (int)len, s);
}

static int key_matches(const struct pool_csv_request *rq, int r, const char *s, size_t len)
{
	if (rq->column[r] != NULL)
		return pool_text_ieq(s, len, rq->column[r]);
	for (int a = 0; role_names[r][a] != NULL; a++)
		if (pool_text_ieq(s, len, role_names[r][a]))
			return 1;
	return 0;
}

static void take_column(struct loader *L, int r, const char *s, size_t len, size_t idx)
{
	char *text = L->t->col_text[r];
	if (L->col[r] != NO_COL) {
		pool_csv_fail(L, ST_DATA, "%s:%zu: duplicate column: '%s' (column %zu) and '%.*s' (column "
		     "%zu) both give the %s", L->name, L->rec_line, text, L->col[r] + 1,
		     (int)len, s, idx + 1, role_names[r][0]);
		return;
	}
	L->col[r] = idx;
	/* len < POOL_SPEC_TEXT: the name equals a built-in name or a mapped one */
	memcpy(text, s, len);
	text[len] = '\0';
}

/* A header name: the keys mapped to it, else the key whose built-in name it is. */
void pool_csv_header_field(struct loader *L, const char *s, size_t len, size_t idx)
{
	const struct pool_csv_request *rq = L->rq;
	int mapped = 0;
	pool_text_trim(&s, &len);
	if (memchr(s, '\r', len) != NULL) {
		pool_csv_fail(L, ST_DATA, "%s:%zu: carriage return inside header field %zu (lines "
		     "must end with LF or CRLF)", L->name, L->rec_line, idx + 1);
		return;
	}
	note_column(L, s, len);
	for (int r = 0; r < R_COUNT; r++)
		if (!rq->skip[r] && rq->column[r] != NULL && key_matches(rq, r, s, len)) {
			take_column(L, r, s, len, idx);
			mapped = 1;
		}
	for (int r = 0; !mapped && r < R_COUNT; r++)
		if (!rq->skip[r] && rq->column[r] == NULL && key_matches(rq, r, s, len)) {
			take_column(L, r, s, len, idx);
			return;
		}
}

static void missing_column(struct loader *L, int r)
{
	const struct pool_csv_request *rq = L->rq;
	char also[64] = "", hint[POOL_CSV_COLUMNS_TEXT + 96] = "";
	if (rq->column[r] != NULL && rq->unknown_file[r] > 0) {
		pool_csv_fail(L, ST_USAGE, "--columns %s=%s: '%.*s' is not one of the input files "
		     "(FILE:COLUMN names a FILE given on the command line; %s: %s)",
		     pool_key_name(r), rq->column[r], rq->unknown_file[r],
		     rq->column[r], L->name, L->t->columns);
		return;
	}
	if (rq->column[r] != NULL) {
		/* the mapping as the user typed it (FILE:COLUMN included), under the key's name */
		const char *typed = rq->select != NULL && rq->select->mapped[r]
				    ? rq->select->column[r] : rq->column[r];
		char elsewhere[POOL_SPEC_TEXT * 2 + 64] = "";
		if (rq->suggest[r] != NULL)
			snprintf(elsewhere, sizeof elsewhere, "; another file has it: write "
				 "--columns %s", rq->suggest[r]);
		pool_csv_fail(L, ST_DATA, "%s:%zu: --columns %s=%s: no such column%s (the columns are: %s)",
		     L->name, L->rec_line, pool_key_name(r), typed, elsewhere, L->t->columns);
		return;
	}
	for (int a = 1; role_names[r][a] != NULL; a++)
		snprintf(also + strlen(also), sizeof also - strlen(also), "%s'%s'",
			 a > 1 ? ", " : " (also accepted: ", role_names[r][a]);
	if (also[0] != '\0')
		strcat(also, ")");
	if (rq->hint)
		snprintf(hint, sizeof hint, "; map one with --columns %s=COLUMN (the columns "
			 "are: %s)", r == 0 ? "name" : role_names[r][0], L->t->columns);
	pool_csv_fail(L, ST_DATA, "%s:%zu: missing column '%s'%s%s", L->name, L->rec_line,
	     role_names[r][0], also, hint);
}

void pool_csv_finish_header(struct loader *L, size_t nf)
{
	L->ncols = nf;
	L->header_line = L->t->header_line = L->rec_line;
	for (int r = 0; r < R_COUNT; r++) {
		L->t->found[r] = L->col[r] != NO_COL;
		if (L->col[r] == NO_COL && (r == 0 || L->rq->need[r])) {
			missing_column(L, r);
			return;
		}
	}
	L->header_done = 1;
}
