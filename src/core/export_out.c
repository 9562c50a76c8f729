/* export_out.c - buffered CSV pieces: text, quoted fields, shortest numbers, counts. */
#include "optdeploy/core/export_out.h"

#include <csv.h>
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "optdeploy/core/numtext.h"

void export_number(char *buf, double v)
{
	numtext_double(buf, v);
}

/* The rule both writers quote by (see export_out.h). */
static bool needs_quotes(const char *s, size_t len)
{
	return strpbrk(s, ",\"\r\n") != NULL || s[0] == '#' || s[0] == ' ' ||
	       (len > 0 && s[len - 1] == ' ');
}

int export_field(FILE *fp, const char *s)
{
	size_t len = strlen(s);
	errno = 0;
	if (!needs_quotes(s, len))
		return fputs(s, fp) == EOF ? (errno ? errno : EIO) : 0;
	return csv_fwrite(fp, s, len) != 0 ? (errno ? errno : EIO) : 0;
}

size_t export_field_text(char *dst, const char *s)
{
	size_t len = strlen(s);
	if (!needs_quotes(s, len)) {
		memcpy(dst, s, len);
		return len;
	}
	char *p = dst;
	*p++ = '"';
	for (; *s != '\0'; s++) {
		if (*s == '"')
			*p++ = '"';
		*p++ = *s;
	}
	*p++ = '"';
	return (size_t)(p - dst);
}

void export_out_init(struct export_out *o, FILE *fp)
{
	o->fp = fp;
	o->err = 0;
	o->len = 0;
	o->written = 0;
}

void export_out_flush(struct export_out *o)
{
	if (o->len == 0)
		return;
	if (o->err == 0) {
		errno = 0;
		if (fwrite(o->buf, 1, o->len, o->fp) != o->len)
			o->err = errno ? errno : EIO;
	}
	o->written += o->len;
	o->len = 0;
}

/* Room for `need` more bytes (need <= EXPORT_OUT_BUFFER). */
static char *reserve(struct export_out *o, size_t need)
{
	if (o->len + need > EXPORT_OUT_BUFFER)
		export_out_flush(o);
	return o->buf + o->len;
}

void export_put_bytes(struct export_out *o, const char *s, size_t len)
{
	if (o->err != 0)
		return;
	if (len > EXPORT_OUT_BUFFER / 2) {
		export_out_flush(o);
		errno = 0;
		if (fwrite(s, 1, len, o->fp) != len)
			o->err = errno ? errno : EIO;
		o->written += len;
		return;
	}
	memcpy(reserve(o, len), s, len);
	o->len += len;
}

void export_put_text(struct export_out *o, const char *s)
{
	export_put_bytes(o, s, strlen(s));
}

void export_put_field(struct export_out *o, const char *s)
{
	size_t len = strlen(s);
	if (!needs_quotes(s, len)) {
		export_put_bytes(o, s, len);
		return;
	}
	/* as libcsv writes it: in quotes, each quote doubled */
	export_put_bytes(o, "\"", 1);
	for (const char *q; o->err == 0 && (q = strchr(s, '"')) != NULL; s = q + 1) {
		export_put_bytes(o, s, (size_t)(q - s) + 1);
		export_put_bytes(o, "\"", 1);
	}
	export_put_text(o, s);
	export_put_bytes(o, "\"", 1);
}

void export_put_number(struct export_out *o, double v)
{
	if (o->err == 0)
		o->len += numtext_double(reserve(o, NUMTEXT_SIZE), v);
}

void export_put_count(struct export_out *o, long long c)
{
	if (o->err == 0)
		o->len += numtext_ll(reserve(o, 24), c);
}

unsigned long long export_out_bytes(const struct export_out *o)
{
	return o->written + o->len;
}

enum status export_out_finish(struct export_out *o, const char *name, struct status_msg *m)
{
	export_out_flush(o);
	if (o->err == 0 && fflush(o->fp) != 0)
		o->err = errno ? errno : EIO;
	if (o->err == 0 && ferror(o->fp))
		o->err = EIO;
	if (o->err != 0)
		return status_fail(m, ST_OUTPUT, "%s: cannot write: %s", name, strerror(o->err));
	return ST_OK;
}
