/*
 * pool_bundled.h - the benchmark pools shipped with optdeploy (the CSV files in data/),
 * offered by name (--pool NAME) with the column mapping each one needs, and
 * the one place that knows where they are installed.
 */
#ifndef OPTDEPLOY_POOL_BUNDLED_H
#define OPTDEPLOY_POOL_BUNDLED_H

#include <stddef.h>

#include "optdeploy/core/pool_spec.h"
#include "optdeploy/core/status.h"

struct pool_bundled {
	const char *name;     /* as given to --pool */
	const char *alias;    /* another accepted name, or NULL */
	const char *file;     /* base name in the data directory */
	const char *columns;  /* its --columns mapping; NULL when the built-in names fit */
	const char *about;    /* one line for --pool help */
	const char *cost_unit;  /* what its cost column is (cost_unit.h): "mJ", "GFLOPS" */
	const char *accuracy_label;  /* what its accuracy column is: "top-1 accuracy (%)" */
	/* Room for more columns with units (latency_ms) goes in the mapping and here. */
};

/* The registry, in the order --pool help lists it. */
size_t pool_bundled_count(void);
const struct pool_bundled *pool_bundled_at(size_t i);

/* The pool called name (its name or alias, exact), or NULL. */
const struct pool_bundled *pool_bundled_find(const char *name);

/* The planner's pool when no FILE is given (uci_har). */
const struct pool_bundled *pool_bundled_default(void);

/*
 * The pool's file into buf, the first that exists of: DIR/data/FILE where DIR
 * holds the running program (/proc/self/exe: a plain `make` works from any
 * directory), the source tree's data/FILE (compiled in), and
 * OPTDEPLOY_DATADIR/FILE (where `make install` puts it).  A path under the
 * working directory is given relative to it ("data/uci_har.csv"), as the
 * tables print it.  When none exists, the installed path (which then fails
 * to open with a clear message).  Returns buf.
 */
const char *pool_bundled_path(const struct pool_bundled *b, char *buf, size_t size);

/* The installed data directory compiled in (OPTDEPLOY_DATADIR), for messages. */
const char *pool_bundled_dir(void);

/* The source tree's data directory compiled in, for messages. */
const char *pool_bundled_src_dir(void);

/*
 * Add the pool's mapping to s under the keys s already maps (the user's
 * --columns win), with its cost unit and accuracy label unless the user
 * mapped those keys to other columns.  ST_INTERNAL only if the registry's
 * own mapping is bad.
 */
enum status pool_bundled_spec(const struct pool_bundled *b, struct pool_spec *s,
			      struct status_msg *m);

#endif
