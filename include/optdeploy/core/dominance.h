/*
 * dominance.h - which models can be dropped before anything is solved.
 *
 * Model i is dominated by j when j costs no more, is no less accurate, loads
 * no dearer, takes no more memory and no more time: moving i's inferences to
 * j then costs no more, loses no accuracy, frees at least as much loading
 * cost and meets every device limit, deadline and time row i meets, so the
 * undominated models alone hold an optimal policy.  Of identical twins
 * (equal in all five) the first in pool order is kept.
 */
#ifndef OPTDEPLOY_DOMINANCE_H
#define OPTDEPLOY_DOMINANCE_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/pool.h"

/*
 * Write to kept (room for n) the indices of the models that no other model
 * dominates, of twins only the first, in increasing (pool) order, and set
 * *m to how many.  Exactly the models the plain O(n^2) scan keeps, in
 * O(n log n) when load cost, memory and latency are each the same for every
 * model, and comparing each model only with the models kept before it
 * otherwise.  A model with a NaN in any of the five is kept and drops
 * nothing (no comparison with NaN holds).  False when out of memory.
 */
bool dominance_prune(const struct model *md, size_t n, size_t *kept, size_t *m);

#endif
