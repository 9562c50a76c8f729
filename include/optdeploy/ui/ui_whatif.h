/*
 * ui_whatif.h - what-if in the planner: the pool that is solved is the
 * loaded pool (raw or normalised) minus the models the user excluded.
 * Excluding or including a model rebuilds that working pool, its solver and
 * its LP hull; the policy, the sweeps and the plot then follow it.
 */
#ifndef OPTDEPLOY_UI_WHATIF_H
#define OPTDEPLOY_UI_WHATIF_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/status.h"

struct app;

/*
 * Copy into dst (empty) the models of src whose excluded[i] is false, in
 * src's order, with src's cost scale; map[j] receives the index in src of
 * dst's model j (map has room for src->n entries).  excluded may be NULL
 * (keep all).  ST_USAGE when every model is excluded, ST_INTERNAL on no
 * memory; dst is left empty on failure.
 */
enum status ui_whatif_subpool(struct pool *dst, size_t *map, const struct pool *src,
			      const bool *excluded, struct status_msg *m);

/*
 * Rebuild the working pool, its solver, its hull and the policy buffer from
 * the pool in use and the excluded flags.  On failure the app keeps no
 * working pool and m says why.
 */
enum status ui_whatif_rebuild(struct app *a, struct status_msg *m);

/* Release the working pool and everything built on it. */
void ui_whatif_free(struct app *a);

/*
 * Exclude model i of the loaded pool, or include it again.  Refuses (with a
 * message, nothing changed) to exclude the last model left.  Returns the
 * reaction flags.
 */
unsigned ui_whatif_toggle(struct app *a, size_t i);

/* Include every excluded model again; returns the reaction flags. */
unsigned ui_whatif_include_all(struct app *a);

/* The index in the working pool of loaded model i, or -1 when it is excluded. */
long ui_whatif_work_index(const struct app *a, size_t i);

#endif
