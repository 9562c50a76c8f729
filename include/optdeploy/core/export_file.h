/*
 * export_file.h - where an export's bytes really go, and how they get there
 * (export_atomic in export.h is the writer every export goes through).
 *
 * An output name is followed through its symbolic links to the file they
 * end at, and that file is replaced: a temporary file ".odXXXXXX" is made in
 * its directory (a short name, so a 255-byte file name still works), written,
 * synced and renamed over it, with the replaced file's permission bits (and
 * its owner, when the program runs as root; its group when the user is in
 * it).  A file with no write permission for anyone, or one the user may not
 * write (access(2) with the effective ids), is refused, as is a directory.
 * A character device, FIFO or socket, and a descriptor link in /proc
 * (/dev/stdout, /dev/fd/N), is written in place instead: not atomically.
 */
#ifndef OPTDEPLOY_EXPORT_FILE_H
#define OPTDEPLOY_EXPORT_FILE_H

#include <stdbool.h>

#include "optdeploy/core/status.h"

/*
 * Everything export_atomic checks before it writes a byte, so a front end
 * can refuse an output before a long solve: the name is not a directory,
 * an existing file may be replaced, and its directory exists and can take
 * the temporary file.  ST_OUTPUT with "PATH: cannot write: ..." otherwise.
 */
enum status export_file_check(const char *path, struct status_msg *m);

/*
 * Whether a and b are one file (links followed, however they are spelled):
 * the same existing regular file (device and inode), or the same name in
 * the same directory for a file that does not exist yet.  Devices, FIFOs and
 * names that cannot be resolved are never the same as anything.
 */
bool export_file_same(const char *a, const char *b);

/*
 * Remove the temporary file export_atomic is writing, if any.  It is
 * async-signal-safe (one unlink of a name built before the file was
 * created), so a front end's handler of a fatal signal calls it and then
 * ends the process: the old file stays as it was.  The name is the one
 * piece of process-wide state of the export layer: a signal handler can
 * reach nothing else.
 */
void export_file_remove_temp(void);

#endif
