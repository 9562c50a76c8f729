/* cli_table.c - aligned text tables: fill cells, measure columns, print once. */
#include "optdeploy/cli/cli_table.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void cli_table_init(struct cli_table *t, const char *align)
{
	memset(t, 0, sizeof *t);
	t->align = align;
	t->cols = strlen(align);
}

void cli_table_row(struct cli_table *t)
{
	if (t->failed)
		return;
	if (t->rows == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 16;
		char **cell = realloc(t->cell, cap * t->cols * sizeof *cell);
		if (cell == NULL) {
			t->failed = true;
			return;
		}
		t->cell = cell;
		t->cap = cap;
	}
	memset(t->cell + t->rows * t->cols, 0, t->cols * sizeof *t->cell);
	t->rows++;
}

void cli_table_set(struct cli_table *t, size_t col, const char *fmt, ...)
{
	va_list ap;
	char **slot;
	int len;
	if (t->failed || t->rows == 0 || col >= t->cols)
		return;
	slot = &t->cell[(t->rows - 1) * t->cols + col];
	free(*slot);
	*slot = NULL;
	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0 || (*slot = malloc((size_t)len + 1)) == NULL) {
		t->failed = true;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(*slot, (size_t)len + 1, fmt, ap);
	va_end(ap);
}

size_t cli_text_width(const char *s)
{
	size_t w = 0;
	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			w++;
	return w;
}

static void pad(FILE *fp, size_t n, char c)
{
	while (n-- > 0)
		putc(c, fp);
}

static void print_row(const struct cli_table *t, FILE *fp, int indent, size_t r,
		      const size_t *width)
{
	pad(fp, (size_t)indent, ' ');
	for (size_t c = 0; c < t->cols; c++) {
		const char *s = t->cell[r * t->cols + c];
		size_t w;
		bool last = c + 1 == t->cols;
		if (s == NULL)
			s = "";
		w = cli_text_width(s);
		if (t->align[c] == 'r')
			pad(fp, width[c] - w, ' ');
		fputs(s, fp);
		if (t->align[c] != 'r' && !last)
			pad(fp, width[c] - w, ' ');
		if (!last)
			fputs("  ", fp);
	}
	putc('\n', fp);
}

enum status cli_table_print(const struct cli_table *t, FILE *fp, int indent,
			    struct status_msg *m)
{
	size_t *width;
	if (t->failed)
		return status_fail(m, ST_INTERNAL, "out of memory while formatting a table");
	width = calloc(t->cols ? t->cols : 1, sizeof *width);
	if (width == NULL)
		return status_fail(m, ST_INTERNAL, "out of memory while formatting a table");
	for (size_t r = 0; r < t->rows; r++)
		for (size_t c = 0; c < t->cols; c++) {
			const char *s = t->cell[r * t->cols + c];
			size_t w = s ? cli_text_width(s) : 0;
			if (w > width[c])
				width[c] = w;
		}
	for (size_t r = 0; r < t->rows; r++) {
		print_row(t, fp, indent, r, width);
		if (r == 0) {  /* the rule under the header */
			pad(fp, (size_t)indent, ' ');
			for (size_t c = 0; c < t->cols; c++) {
				pad(fp, width[c], '-');
				if (c + 1 < t->cols)
					fputs("  ", fp);
			}
			putc('\n', fp);
		}
	}
	free(width);
	return ST_OK;
}

void cli_table_free(struct cli_table *t)
{
	for (size_t i = 0; i < t->rows * t->cols; i++)
		free(t->cell[i]);
	free(t->cell);
	memset(t, 0, sizeof *t);
}
