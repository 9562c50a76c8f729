/*
 * ui_table.h - the model table: the models the policy uses first, by share,
 * with count, share (and a bar) and each model's own cost and accuracy
 * (the accuracy, then the cost, left out, heading and all, when distinct
 * names need their cells);
 * models left out by what-if marked 'x'; then totals, the best single
 * model and the gain over it, the LP rounding gap and Theorem 3.2 bound,
 * solve time and status.  With the keys (the model table pane) it shows a
 * cursor and lists every model in the pool's order, scrolling; without them,
 * on a pool too long for its rows, the used models (pushing the totals down
 * when needed), the excluded ones, and one line counting the rest by what
 * it is ("3 more used, 108 not used"): a used model is never hidden as "not
 * used".  Names are cut in the middle and stay distinct (names.h).  Reads the
 * policy, never solves.
 */
#ifndef OPTDEPLOY_UI_TABLE_H
#define OPTDEPLOY_UI_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/battery.h"
#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/ui/ui_term.h"

struct ui_table_input {
	const struct pool *pool;   /* the loaded pool: one row per model */
	const struct pool *work;   /* the working pool (what was solved); may be pool itself */
	const size_t *work_map;    /* working index -> loaded index; NULL: the identity */
	const bool *excluded;      /* per loaded model; NULL: none */
	const struct policy *pol;  /* in working indices; NULL when there is no answer */
	const char *error;         /* why there is no answer, or NULL */
	size_t cursor;             /* the selected row, a loaded index */
	bool focused;              /* the table has the keys: cursor shown, every model listed */
	const struct battery_params *bp;   /* battery mode, else NULL: K, duration, energy lines */
	const struct battery_plan *plan;   /* the duration's plan (NULL: none) */
	double idle_per_s;         /* ui_app_idle_per_s: > 0, the costs are e - P t (energies shown) */
};

#define UI_TABLE_ROWS_MAX 256

/* Where the model rows landed, for mouse hits; `top` persists so the list scrolls smoothly. */
struct ui_table_geom {
	size_t top;                        /* first model listed when the list scrolls */
	struct ui_rect rows;               /* the model rows on screen */
	size_t model[UI_TABLE_ROWS_MAX];   /* loaded index of each of those rows */
	int page;                          /* model rows that fit (for PgUp/PgDn) */
};

/*
 * The single model to compare with: max-accuracy mode, the most accurate
 * model costing at most `limit` (the budget); min-cost mode, the cheapest
 * model reaching accuracy `limit` (the floor).  -1 when none qualifies.
 */
long ui_table_best_single(const struct pool *pool, enum solve_mode mode, double limit);

/* The same among the models whose memory fits memory_limit (INFINITY or < 0: no limit). */
long ui_table_best_single_within(const struct pool *pool, enum solve_mode mode, double limit,
				 double memory_limit);

/*
 * First row to list so that row `cursor` of n shows in a window of `rows`,
 * moving `top` as little as possible (a scrolled list stays put while the
 * cursor moves inside it).
 */
size_t ui_table_scroll(size_t top, size_t cursor, size_t n, size_t rows);

void ui_table_draw(const struct ui_term *t, struct ui_rect r, const struct ui_table_input *in,
		   struct ui_table_geom *g);

/* The loaded index of the model row under (y, x); false when none is there. */
bool ui_table_hit(const struct ui_table_geom *g, int y, int x, size_t *model);

/* The policy's title: "ILP optimal", "LP infeasible", ... and for the rounded LP
 * answer "LP floor-rounded" (never the internal name lp_rounded). */
void ui_table_title(char *buf, size_t size, const struct policy *p);

/* diff, or exactly 0 when %.6f would print it as 0.000000 or -0.000000: the LP
 * gap line shows a size and says "above" or "below", never "-0.000000". */
double ui_table_tidy(double diff);

#endif
