/*
 * pool_csv_loader.h - the state of one CSV table being read, shared by the
 * reader (pool_csv.c: feeding libcsv, rows, values) and the header mapping
 * (pool_csv_header.c: which column gives which key).  Internal to the core:
 * only those two files include it.
 */
#ifndef OPTDEPLOY_POOL_CSV_LOADER_H
#define OPTDEPLOY_POOL_CSV_LOADER_H

#include <csv.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "optdeploy/core/pool_csv.h"
#include "optdeploy/core/pool_rows.h"
#include "optdeploy/core/status.h"

/*
 * A field is kept only up to SLOT_CAP bytes (its full length is still
 * known), so a 1 MB field costs no copy.
 */
#define SLOT_CAP 512
#define NO_COL SIZE_MAX
#define R_COUNT POOL_KEY_COUNT

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
	size_t line_bytes;         /* bytes of the current physical line so far */
	size_t nf;                 /* fields so far in the current record */
	size_t ncols, header_line;
	size_t col[R_COUNT];       /* column index of each key, or NO_COL */
	const struct pool_csv_request *rq;
	struct pool_csv_table *t;  /* col_text, columns, skipped: filled as we go */
	size_t skip_cap;
	struct slot slot[R_COUNT];
	struct pool_rows rows;     /* the models so far */
	bool memory_gap;           /* a kept row's memory cell is empty (not needed) */
	bool latency_gap;          /* the same for the latency cell */
};


/* Record the first failure of the table (located by the caller's text); later ones are dropped. */
void pool_csv_fail(struct loader *L, enum status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Header field idx (s, len bytes): the keys it gives, and its name for messages. */
void pool_csv_header_field(struct loader *L, const char *s, size_t len, size_t idx);

/* The header's nf fields are in: every needed key has its column, or a located failure. */
void pool_csv_finish_header(struct loader *L, size_t nf);

#endif
