/*
 * status.h - result codes and error messages shared by every module.
 *
 * The core never prints and never exits: a function that can fail returns an
 * enum status and, on failure, writes one human-readable, located sentence
 * into a caller-owned struct status_msg.  Front ends turn the status into the
 * documented exit code with status_exit_code().
 */
#ifndef OPTDEPLOY_STATUS_H
#define OPTDEPLOY_STATUS_H

enum status {
	ST_OK = 0,
	ST_USAGE,    /* bad command line: exit 64 (EX_USAGE) */
	ST_DATA,     /* malformed input data: exit 65 (EX_DATAERR) */
	ST_INPUT,    /* input file missing or unreadable: exit 66 (EX_NOINPUT) */
	ST_OUTPUT,   /* output could not be written: exit 73 (EX_CANTCREAT) */
	ST_INTERNAL  /* solver failure, out of memory, a bug: exit 70 (EX_SOFTWARE) */
};

/* One message; text is always NUL-terminated (empty when nothing failed). */
struct status_msg {
	char text[512];
};

/* Exit code documented in optdeploy(1) for a status. */
int status_exit_code(enum status st);

/* Short name of a status ("data error", ...), for logs. */
const char *status_name(enum status st);

/*
 * Format a message into m (when m is not NULL) and return st, so failing
 * paths read `return status_fail(m, ST_DATA, "%s:%zu: ...", ...);`.
 */
enum status status_fail(struct status_msg *m, enum status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Empty the message. */
void status_clear(struct status_msg *m);

#endif
