/*
 * near_proof.h - the supports GLPK solved with the time row, kept for the
 * next solves (internal to the solver: deploy_near_time.c).
 *
 * A re-solve after a budget step, or the next level of a sweep, often
 * solves the same support again, and when the time row binds and the
 * resource row does not, it has the same optimum: every policy at least as
 * good as the last one lies in the new proven box (deploy_near_time.c),
 * and when the old resource row holds over that whole box, the box's
 * policies are all policies of the old problem, which GLPK proved the old
 * optimum best in.  Then the old optimum, when it is the new box's x0, is
 * the new optimum too, GLPK's proof covering it: nothing is solved again.
 * Anything else (another K, rate, duty cycle, mode or set of models, a
 * resource row the box can break) is solved by GLPK as usual.
 */
#ifndef OPTDEPLOY_NEAR_PROOF_H
#define OPTDEPLOY_NEAR_PROOF_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/near_box.h"
#include "optdeploy/core/solve.h"

#define NEAR_PROOF_KEPT 8  /* supports kept, the least recently used one making room */

struct near_proof;

struct near_proof *near_proof_new(void);
void near_proof_free(struct near_proof *pf);

/*
 * Keep GLPK's optimum cnt (item-indexed, s entries) of the support it[0..s-1]
 * (kept indices it[].k, resource coefficients it[].a) under sp, with the
 * rows' tolerances (nothing is kept when out of memory: only a hint lost).
 */
void near_proof_keep(struct near_proof *pf, const struct solve_params *sp,
		     const struct near_item *it, size_t s, long double tol_w, long double tol_t,
		     const long long *cnt);

/*
 * A start for x0: the kept optimum of this very support, else the most
 * recently kept one when it uses only these models; its counts go to cnt
 * (item-indexed, s entries).  False when there is neither.
 */
bool near_proof_hint(struct near_proof *pf, const struct near_item *it, size_t s,
		     long long *cnt);

/*
 * The box it[].lo..hi (with x0 it[].x0) of this support under sp holds
 * only policies of a problem GLPK solved: the same models, K, mode, rate,
 * duty cycle and time tolerance, x0 its optimum, and its resource row met
 * (with its tolerance, beyond long double's rounding) by every point of
 * the box.  Then x0 is this problem's optimum.
 */
bool near_proof_covers(struct near_proof *pf, const struct solve_params *sp,
		       const struct near_item *it, size_t s, long double tol_t);

#endif
