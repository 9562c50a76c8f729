/* status.c - result codes, their exit statuses, and message formatting. */
#include "optdeploy/core/status.h"

#include <stdarg.h>
#include <stdio.h>

int status_exit_code(enum status st)
{
	switch (st) {
	case ST_OK: return 0;
	case ST_USAGE: return 64;
	case ST_DATA: return 65;
	case ST_INPUT: return 66;
	case ST_OUTPUT: return 73;
	case ST_INTERNAL: return 70;
	}
	return 70;
}

const char *status_name(enum status st)
{
	switch (st) {
	case ST_OK: return "ok";
	case ST_USAGE: return "usage error";
	case ST_DATA: return "data error";
	case ST_INPUT: return "input error";
	case ST_OUTPUT: return "output error";
	case ST_INTERNAL: return "internal error";
	}
	return "internal error";
}

enum status status_fail(struct status_msg *m, enum status st, const char *fmt, ...)
{
	if (m != NULL) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(m->text, sizeof m->text, fmt, ap);
		va_end(ap);
	}
	return st;
}

void status_clear(struct status_msg *m)
{
	if (m != NULL)
		m->text[0] = '\0';
}
