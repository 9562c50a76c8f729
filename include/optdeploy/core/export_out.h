/*
 * export_out.h - the buffered writer under every CSV and schedule export:
 * numbers as numtext prints them (shortest round trip, '.' whatever the
 * locale), text fields quoted only when they must be, and one fwrite per
 * EXPORT_OUT_BUFFER bytes instead of a stdio call per field.
 */
#ifndef OPTDEPLOY_EXPORT_OUT_H
#define OPTDEPLOY_EXPORT_OUT_H

#include <stdio.h>

#include "optdeploy/core/status.h"

/*
 * The shortest decimal that reads back as exactly v (what "%.15g", "%.16g",
 * "%.17g", the first that reads back, printed; see numtext.h), with '.' as
 * the decimal point whatever the locale; -0 prints as 0 and a non-finite
 * value as "" (an empty CSV field).  buf must hold EXPORT_NUMBER_SIZE bytes.
 */
#define EXPORT_NUMBER_SIZE 40
void export_number(char *buf, double v);

/*
 * A text field, quoted by libcsv only when it must be: a comma, quote or line
 * break, surrounding spaces, or a leading '#' (which our loader reads as a
 * comment).  Returns 0, or the errno of a failed write.
 */
int export_field(FILE *fp, const char *s);

/* The same field into dst (room for 2 strlen(s) + 2 bytes, no NUL); returns its length. */
size_t export_field_text(char *dst, const char *s);

#define EXPORT_OUT_BUFFER 65536

/*
 * A stream, a buffer in front of it, and the errno of its first failed write:
 * every writer of a CSV or a header (export, schedule, lifetime) puts its
 * pieces through these, and later writes are skipped once one failed.  Write
 * nothing to fp directly while pieces are buffered (export_out_flush first).
 */
struct export_out {
	FILE *fp;
	int err;
	size_t len;                        /* bytes waiting in buf */
	unsigned long long written;        /* bytes handed to fp so far */
	char buf[EXPORT_OUT_BUFFER];
};

void export_out_init(struct export_out *o, FILE *fp);
void export_put_text(struct export_out *o, const char *s);
void export_put_bytes(struct export_out *o, const char *s, size_t len);
void export_put_field(struct export_out *o, const char *s);  /* quoted as export_field does */
void export_put_number(struct export_out *o, double v);      /* as export_number writes it */
void export_put_count(struct export_out *o, long long c);

/* Bytes put so far, buffered or not. */
unsigned long long export_out_bytes(const struct export_out *o);

/* Hand the buffer to fp (no fflush). */
void export_out_flush(struct export_out *o);

/* Flush; the first failure becomes ST_OUTPUT ("NAME: cannot write: ..."). */
enum status export_out_finish(struct export_out *o, const char *name, struct status_msg *m);

#endif
