/*
 * cli_table.h - aligned text tables for the command line: cells are
 * formatted first, column widths measured, then the table is printed at once.
 */
#ifndef OPTDEPLOY_CLI_TABLE_H
#define OPTDEPLOY_CLI_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "optdeploy/core/status.h"

struct cli_table {
	size_t cols;
	const char *align;  /* one 'l' or 'r' per column; borrowed */
	size_t rows, cap;
	char **cell;        /* owned: rows * cols strings, NULL for empty cells */
	bool failed;        /* out of memory while filling; reported by print */
};

/* Start a table whose first row (added by the caller) is the header. */
void cli_table_init(struct cli_table *t, const char *align);

/* Append an empty row; its cells are set with cli_table_set. */
void cli_table_row(struct cli_table *t);

/* Format one cell of the last row. */
void cli_table_set(struct cli_table *t, size_t col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Print with two spaces between columns, `indent` spaces before each line and
 * a dashed rule under the header.  ST_INTERNAL when filling ran out of memory.
 */
enum status cli_table_print(const struct cli_table *t, FILE *fp, int indent,
			    struct status_msg *m);

void cli_table_free(struct cli_table *t);

/* Display width of a UTF-8 string (code points; good enough for names). */
size_t cli_text_width(const char *s);

#endif
