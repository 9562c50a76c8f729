/*
 * ui_sources.h - the pools the planner can switch between (key b): the
 * tables given on the command line (FILE... or --pool NAME, joined into one
 * pool) and every bundled pool not already among them, each with its column
 * mapping.  Loading one goes through the same core function as the batch
 * commands, so a pool reads the same everywhere.
 */
#ifndef OPTDEPLOY_UI_SOURCES_H
#define OPTDEPLOY_UI_SOURCES_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/pool_bundled.h"
#include "optdeploy/core/pool_spec.h"
#include "optdeploy/core/pool_tables.h"
#include "optdeploy/core/status.h"

#define UI_SOURCES_MAX 16
#define UI_SOURCE_LABEL 128

struct ui_source {
	char label[UI_SOURCE_LABEL];          /* status line: "torchvision", "results.csv + 1" */
	const struct pool_bundled *bundled;   /* a bundled pool, or NULL: the command line's tables */
};

struct ui_sources {
	struct ui_source list[UI_SOURCES_MAX];
	size_t n;
	size_t cur;                           /* the one loaded */
	const char *const *paths;             /* the command line's tables (borrowed) */
	size_t n_paths;
	const struct pool_spec *spec;         /* their mapping (borrowed; NULL: built-in names) */
};

/*
 * The command line's tables first (n_paths >= 1), then each bundled pool
 * whose file is not one of them.  The tables are borrowed and must outlive s.
 */
void ui_sources_init(struct ui_sources *s, const char *const *paths, size_t n_paths,
		     const struct pool_spec *spec);

/* Load source i into out (empty); warnings (models left out) into w, which may be NULL. */
enum status ui_sources_load(const struct ui_sources *s, size_t i, struct pool *out,
			    struct pool_warnings *w, struct status_msg *m);

/*
 * Whether path is one of the files the pools are read from (the command
 * line's tables, the bundled pools; the same file however it is spelled,
 * links followed): an export must not replace it.  The input's name goes
 * into which (size bytes).
 */
bool ui_sources_is_input(const struct ui_sources *s, const char *path, char *which, size_t size);

#endif
