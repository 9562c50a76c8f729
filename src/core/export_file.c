/*
 * export_file.c - the file side of every export: the output name followed
 * through its links, devices written in place, everything else replaced
 * atomically by a temporary file beside the real target that keeps its mode.
 */
#include "optdeploy/core/export_file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "optdeploy/core/export.h"

#define TEMP_NAME "/.odXXXXXX"   /* short whatever the target's name: 255 bytes still fit */
#define MAX_LINK_HOPS 40         /* the kernel's own limit (ELOOP) */

/* Set and cleared with every signal blocked, so a handler sees a whole name or none. */
static char *volatile temp_live;

void export_file_remove_temp(void)
{
	char *p = temp_live;
	if (p != NULL)
		(void)unlink(p);
}

static void block_signals(sigset_t *old)
{
	sigset_t all;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, old);
}

static void restore_signals(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

/* Where the bytes of an output go. */
struct target {
	char *path;       /* the link chain followed to its end (malloc'd) */
	struct stat st;   /* of that file, when it exists */
	bool exists;
	bool direct;      /* written in place: device, FIFO, socket, a /proc descriptor link */
	int own_fd;       /* >= 0: /dev/stdout or /dev/fd/N is our descriptor N: write a dup */
};

static enum status fail_errno(struct status_msg *m, const char *path, int err)
{
	return status_fail(m, ST_OUTPUT, "%s: cannot write: %s", path, strerror(err));
}

/* "dir/", ".", "..", "dir/." name a directory whether or not it exists (as the shell says). */
static bool names_directory(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *last = slash != NULL ? slash + 1 : path;
	return last[0] == '\0' || strcmp(last, ".") == 0 || strcmp(last, "..") == 0;
}

/* The directory part of path ("." for a bare name), malloc'd. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (slash == NULL)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

/*
 * A link in /proc (/dev/stdout -> /proc/self/fd/1) is not a name to replace
 * but a descriptor to write to.  *own_fd: its number when it is one of ours.
 */
static bool proc_link(const char *link, int *own_fd)
{
	char *dir = dir_of(link);
	char real[PATH_MAX], mine[64];
	bool in_proc = dir != NULL && realpath(dir, real) != NULL && strncmp(real, "/proc/", 6) == 0;
	free(dir);
	if (!in_proc)
		return false;
	snprintf(mine, sizeof mine, "/proc/%ld/fd", (long)getpid());
	const char *base = strrchr(link, '/') != NULL ? strrchr(link, '/') + 1 : link;
	char *end;
	long fd = strtol(base, &end, 10);
	if (strcmp(real, mine) == 0 && end != base && *end == '\0' && fd >= 0 && fd <= INT_MAX)
		*own_fd = (int)fd;
	return true;
}

/* The next name of a link chain: its target, relative to the link's directory. */
static char *follow(const char *link, int *err)
{
	char buf[PATH_MAX];
	ssize_t n = readlink(link, buf, sizeof buf - 1);
	if (n < 0 || (size_t)n >= sizeof buf - 1) {
		*err = n < 0 ? errno : ENAMETOOLONG;
		return NULL;
	}
	buf[n] = '\0';
	char *dir = buf[0] == '/' ? NULL : dir_of(link);
	if (buf[0] != '/' && dir == NULL) {
		*err = ENOMEM;
		return NULL;
	}
	size_t len = (dir != NULL ? strlen(dir) + 1 : 0) + (size_t)n + 1;
	char *next = malloc(len);
	if (next == NULL)
		*err = ENOMEM;
	else if (dir != NULL)
		snprintf(next, len, "%s/%s", dir, buf);
	else
		memcpy(next, buf, (size_t)n + 1);
	free(dir);
	return next;
}

/* Follow name's links to the file the bytes would reach; t->path is the caller's to free. */
static enum status resolve(const char *name, struct target *t, struct status_msg *m)
{
	memset(t, 0, sizeof *t);
	t->own_fd = -1;
	if (names_directory(name)) {
		struct stat sb;
		if (stat(name, &sb) != 0 && errno == ENOTDIR)  /* "file/": the shell's word too */
			return fail_errno(m, name, ENOTDIR);
		return fail_errno(m, name, EISDIR);
	}
	char *cur = strdup(name);
	int err = cur == NULL ? ENOMEM : 0;
	for (int hops = 0; err == 0; hops++) {
		struct stat sb;
		if (lstat(cur, &sb) != 0) {
			err = errno == ENOENT ? 0 : errno;  /* ENOENT: a new file (or a dangling link's) */
			break;
		}
		if (!S_ISLNK(sb.st_mode)) {
			t->exists = true;
			t->st = sb;
			break;
		}
		if (proc_link(cur, &t->own_fd)) {
			t->direct = true;
			t->exists = stat(cur, &t->st) == 0;
			break;
		}
		char *next = hops < MAX_LINK_HOPS ? follow(cur, &err) : NULL;
		if (hops >= MAX_LINK_HOPS)
			err = ELOOP;
		free(cur);
		cur = next;
	}
	if (err != 0) {
		free(cur);
		return fail_errno(m, name, err);
	}
	t->path = cur;
	if (t->exists && S_ISDIR(t->st.st_mode))
		return fail_errno(m, name, EISDIR);
	if (t->exists && !S_ISREG(t->st.st_mode))
		t->direct = true;
	return ST_OK;
}

/* As the shell would: a file the user may not write is refused; so is a read-only one, for root too. */
static enum status check_writable(const char *name, const struct target *t, struct status_msg *m)
{
	if ((t->st.st_mode & 0222) == 0)
		return status_fail(m, ST_OUTPUT, "%s: cannot write: the file is read-only (mode %04o)",
				   name, (unsigned)(t->st.st_mode & 07777));
	if (faccessat(AT_FDCWD, t->path, W_OK, AT_EACCESS) != 0)
		return fail_errno(m, name, errno);
	return ST_OK;
}

enum status export_file_check(const char *path, struct status_msg *m)
{
	struct target t;
	if (path == NULL || path[0] == '\0')
		return status_fail(m, ST_OUTPUT, "cannot write: empty output file name");
	enum status st = resolve(path, &t, m);
	if (st == ST_OK && !t.direct && t.exists)
		st = check_writable(path, &t, m);
	if (st == ST_OK && !t.direct) {
		char *dir = dir_of(t.path);
		struct stat sb;
		int err = dir == NULL ? ENOMEM : 0;
		if (err == 0 && stat(dir, &sb) != 0)
			err = errno;
		else if (err == 0 && !S_ISDIR(sb.st_mode))
			err = ENOTDIR;
		else if (err == 0 && faccessat(AT_FDCWD, dir, W_OK | X_OK, AT_EACCESS) != 0)
			err = errno;
		free(dir);
		if (err != 0)
			st = fail_errno(m, path, err);
	}
	free(t.path);
	return st;
}

/* A regular file by device and inode, or a name to be created by its directory's and its own. */
struct identity {
	bool known, exists;
	dev_t dev;
	ino_t ino;
	char *name;
};

static void identify(const char *path, struct identity *id)
{
	struct stat sb;
	struct target t;
	memset(id, 0, sizeof *id);
	if (stat(path, &sb) == 0) {
		id->known = id->exists = S_ISREG(sb.st_mode);
		id->dev = sb.st_dev;
		id->ino = sb.st_ino;
		return;
	}
	if (errno != ENOENT)
		return;
	if (resolve(path, &t, NULL) != ST_OK) {
		free(t.path);
		return;
	}
	char *dir = dir_of(t.path);
	if (!t.direct && dir != NULL && stat(dir, &sb) == 0) {
		id->known = true;
		id->dev = sb.st_dev;
		id->ino = sb.st_ino;
		id->name = strdup(strrchr(t.path, '/') != NULL ? strrchr(t.path, '/') + 1 : t.path);
		id->known = id->name != NULL;
	}
	free(dir);
	free(t.path);
}

bool export_file_same(const char *a, const char *b)
{
	struct identity x, y;
	identify(a, &x);
	identify(b, &y);
	bool same = x.known && y.known && x.exists == y.exists && x.dev == y.dev &&
		    x.ino == y.ino && (x.exists || strcmp(x.name, y.name) == 0);
	free(x.name);
	free(y.name);
	return same;
}

/* The directory entry of the rename made durable; the file is already whole, so not an error. */
static void sync_directory(const char *path)
{
	char *dir = dir_of(path);
	int fd = dir != NULL ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
	free(dir);
	if (fd < 0)
		return;
	(void)fsync(fd);
	(void)close(fd);
}

/*
 * mkstemp creates 0600: a new export gets 0666 less the umask; a replaced
 * file's permission bits (set-id bits aside) and, where we may, its owner.
 */
static int take_mode(int fd, const struct target *t)
{
	if (!t->exists) {
		mode_t mask = umask(0);
		umask(mask);
		return fchmod(fd, 0666 & ~mask);
	}
	if (geteuid() == 0)
		(void)fchown(fd, t->st.st_uid, t->st.st_gid);
	else if (t->st.st_gid != getegid())
		(void)fchown(fd, (uid_t)-1, t->st.st_gid);  /* allowed when the user is in the group */
	return fchmod(fd, t->st.st_mode & 01777);
}

/* Write, flush, sync and close the temporary file; on failure it is closed, not removed. */
static enum status write_temp(int fd, const char *name, export_writer write, const void *ctx,
			      size_t *rows, struct status_msg *m)
{
	FILE *fp = fdopen(fd, "w");
	if (fp == NULL) {
		int err = errno;
		close(fd);
		return fail_errno(m, name, err);
	}
	enum status st = write(fp, name, ctx, rows, m);
	if (st != ST_OK) {
		fclose(fp);
		return st;
	}
	if (fsync(fileno(fp)) != 0) {
		int err = errno;
		fclose(fp);
		return fail_errno(m, name, err);
	}
	if (fclose(fp) != 0)
		return fail_errno(m, name, errno);
	return ST_OK;
}

/*
 * A device, FIFO or socket (/dev/null, a pipe) is opened and written in
 * place: renaming a temporary file over it would replace the device node.
 * Our own descriptor (/dev/stdout, /dev/fd/N) is written through a copy of
 * it, so `-o /dev/stdout >>log` appends as the shell set it up.
 */
static enum status write_in_place(const char *name, const struct target *t, export_writer write,
				  const void *ctx, size_t *rows, struct status_msg *m)
{
	int fd = t->own_fd >= 0 ? fcntl(t->own_fd, F_DUPFD_CLOEXEC, 0)
		: open(name, O_WRONLY | O_CREAT | O_NOCTTY | O_CLOEXEC |
		       (t->exists && S_ISREG(t->st.st_mode) ? O_TRUNC : 0), 0666);
	FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (fp == NULL) {
		int err = errno;
		if (fd >= 0)
			close(fd);
		return fail_errno(m, name, err);
	}
	enum status st = write(fp, name, ctx, rows, m);
	if (fclose(fp) != 0 && st == ST_OK)
		st = fail_errno(m, name, errno);
	return st;
}

/* A temporary file beside the target, renamed over it once whole; removed on any failure. */
static enum status replace(const char *name, const struct target *t, export_writer write,
			   const void *ctx, size_t *rows, struct status_msg *m)
{
	enum status st = t->exists ? check_writable(name, t, m) : ST_OK;
	if (st != ST_OK)
		return st;
	char *dir = dir_of(t->path);
	size_t len = dir != NULL ? strlen(dir) + sizeof TEMP_NAME : 0;
	char *tmp = dir != NULL ? malloc(len) : NULL;
	if (tmp == NULL) {
		free(dir);
		return status_fail(m, ST_INTERNAL, "%s: out of memory", name);
	}
	snprintf(tmp, len, "%s%s", dir, TEMP_NAME);
	free(dir);
	sigset_t old;
	block_signals(&old);
	int fd = mkstemp(tmp), err = errno;
	if (fd >= 0)
		temp_live = tmp;
	restore_signals(&old);
	if (fd < 0) {
		free(tmp);
		return fail_errno(m, name, err);
	}
	if (take_mode(fd, t) != 0) {
		st = fail_errno(m, name, errno);
		close(fd);
	} else {
		st = write_temp(fd, name, write, ctx, rows, m);
	}
	block_signals(&old);
	if (st == ST_OK && rename(tmp, t->path) != 0)
		st = fail_errno(m, name, errno);
	if (st != ST_OK)
		(void)unlink(tmp);  /* best effort: the reported failure is the first one */
	temp_live = NULL;
	restore_signals(&old);
	if (st == ST_OK)
		sync_directory(t->path);
	free(tmp);
	return st;
}

enum status export_atomic(const char *path, export_writer write, const void *ctx,
			  size_t *rows, struct status_msg *m)
{
	struct target t;
	if (rows != NULL)
		*rows = 0;
	if (path == NULL || path[0] == '\0')
		return status_fail(m, ST_OUTPUT, "cannot write: empty output file name");
	enum status st = resolve(path, &t, m);
	if (st == ST_OK && t.direct)
		st = write_in_place(path, &t, write, ctx, rows, m);
	else if (st == ST_OK)
		st = replace(path, &t, write, ctx, rows, m);
	free(t.path);
	return st;
}
