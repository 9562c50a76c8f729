/*
 * ui_app.h - the planner's state, shared by the loop (app.c), input dispatch
 * (ui_input.c) and the frame (ui_screen.c).  One struct app, owned by
 * app_run.  Input changes values and returns reaction flags; only the loop
 * solves, sweeps and exports; the frame only reads.
 */
#ifndef OPTDEPLOY_UI_APP_H
#define OPTDEPLOY_UI_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "optdeploy/core/battery.h"
#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/core/sweep.h"
#include "optdeploy/ui/ui_heatmap.h"
#include "optdeploy/ui/ui_params.h"
#include "optdeploy/ui/ui_plot.h"
#include "optdeploy/ui/ui_prompt.h"
#include "optdeploy/ui/ui_sliders.h"
#include "optdeploy/ui/ui_sources.h"
#include "optdeploy/ui/ui_table.h"
#include "optdeploy/ui/ui_term.h"

/* Reaction flags: what the loop must do before the next frame. */
#define UI_R_RESOLVE 0x01u   /* re-solve the current policy */
#define UI_R_SWEEP0  0x02u   /* restart the lambda = 0 sweep (figure 4) */
#define UI_R_SWEEP1  0x04u   /* restart the current-lambda sweep (figure 5) */
#define UI_R_REDRAW  0x08u
#define UI_R_QUIT    0x10u
#define UI_R_EXPORT  0x20u   /* run app->export */
#define UI_R_REBUILD 0x40u   /* rebuild the working pool (what-if), then re-solve and re-sweep */
#define UI_R_NEXT_POOL 0x80u /* load the next pool of the list (ui_sources.h) */

enum ui_heat_view { UI_HEAT_BOTH, UI_HEAT_ZERO, UI_HEAT_CURRENT };
enum ui_pane { UI_PANE_SLIDERS, UI_PANE_MODELS };
enum ui_overlay { UI_OV_NONE, UI_OV_HELP, UI_OV_PROMPT };
struct ui_schedule_task;  /* ui_schedule.c */

enum ui_prompt_purpose { UI_ASK_VALUE, UI_ASK_POLICY_FILE, UI_ASK_SWEEP_FILE,
			 UI_ASK_SCHEDULE_FILE, UI_ASK_FIGURE_FILE };

/* Sweep 0 is figure 4 (lambda = 0), sweep 1 figure 5 (the current lambda). */
#define UI_SWEEPS 2

/* a->drag when no slider is dragged; after Esc, until the button is released */
#define UI_DRAG_NONE (-1)
#define UI_DRAG_CANCELLED (-2)
/* after a press that acted at once (a model table row), until the button is released */
#define UI_DRAG_HELD (-3)

struct app {
	struct ui_term term;
	struct ui_sources sources;     /* the pools b switches between */
	size_t pool_steps;             /* b presses not acted on yet (a burst moves that far) */
	const char *path;              /* the pool's label in sources, for the status line */

	/* raw pool (0) and its normalised copy (1), as loaded */
	struct pool pools[2];
	bool can_normalize;
	char normalize_error[512];
	int cur;                       /* the pool in use */

	/* what-if (ui_whatif.h): the working pool is pools[cur] minus the excluded models */
	bool *excluded;                /* owned, one flag per loaded model */
	size_t n_excluded;
	struct pool work;              /* what is solved, swept, plotted as the hull and exported */
	size_t *work_map;              /* owned: working index -> loaded index */
	struct solver *solver;         /* the working pool's */
	struct frontier_lp hull;       /* the working pool's LP frontier over the models the limits
	                                  let run, with the time row (frontier_lp.h; working indices) */

	struct ui_param params[UI_P_COUNT];

	/* battery mode: the duration slider gives K and the budget (battery.h) */
	bool battery;
	struct battery_params bp;      /* bp.duration follows the slider */
	struct battery_plan plan;      /* for the slider's duration, when plan_ok */
	bool plan_ok;
	char plan_error[512];          /* why the duration gives no problem to solve */
	const char *cost_unit;         /* "mJ", for the battery lines */
	bool above_idle;               /* --energy above-idle (else idle time only, battery.h) */
	enum solve_mode mode;
	enum solve_method method;
	double time_limit;
	double duty_cycle;             /* --duty-cycle (0: 1), with the Rate slider's time row */

	struct policy pol;             /* the current answer (count[] allocated for the pool size) */
	bool have_pol;                 /* pol holds an answer for the current values */
	char solve_error[512];         /* why there is no answer */

	struct sweep sweeps[UI_SWEEPS];
	bool sweep_live[UI_SWEEPS];    /* initialised (and so owned) */
	char sweep_error[UI_SWEEPS][512];
	enum ui_heat_view heat;
	bool heat_all_rows;            /* u, --rows all: a heatmap row for every model */
	bool log_axis;                 /* log budget: slider, heatmap columns, plot cost axis */

	int focus;                     /* slider 0 budget/floor, 1 lambda, 2 K */
	enum ui_pane pane;             /* the sliders or the model table have the keys */
	size_t cursor;                 /* the model table's selected row (a loaded index) */
	int drag;                      /* slider being dragged, or UI_DRAG_NONE / _CANCELLED */
	double drag_from;              /* its value when the drag began (Esc restores it) */

	enum ui_overlay overlay;
	int help_top;                  /* first key row the help shows when they do not all fit */
	struct ui_prompt prompt;
	int export_kind;               /* UI_ASK_*_FILE, for UI_R_EXPORT */
	char export_path[256];
	struct ui_schedule_task *schedule_task;  /* owned: a schedule export running (ui_schedule.h) */

	char message[512];             /* last message on the status line */
	bool message_error;
	bool message_from_solve;       /* an infeasibility note, cleared by the next feasible answer */
	bool message_open;             /* shown in full in an overlay (too long for the status rows) */
	bool message_closed;           /* that overlay was closed: not again for the same text */

	/* geometry of the last frame, for mouse hits */
	bool too_small;
	struct ui_sliders_geom sliders;        /* budget, lambda, K (or duration) */
	struct ui_sliders_geom limit_sliders;  /* the device limits, one line each, below the table */
	struct ui_plot_geom plot;
	bool plot_shown;
	struct ui_heatmap_geom heat_geom[UI_SWEEPS];
	struct ui_table_geom table_geom; /* its scroll position persists from frame to frame */
};

/* The main sliders (budget, lambda, K); the device limits' sliders come after them. */
#define UI_MAIN_SLIDERS 3

/*
 * How many sliders there are: budget, lambda, K (or duration), max models,
 * memory when the pool has it, deadline and rate when it has latencies.
 */
int ui_app_sliders(const struct app *a);

/* The parameter behind slider i (the budget slider is the floor in min-cost mode). */
enum ui_param_id ui_app_slider_param(const struct app *a, int slider);

/* The working pool: the pool in use minus the excluded models (what is solved). */
const struct pool *ui_app_pool(const struct app *a);

/* The pool in use as loaded, every model included (one table row per model). */
const struct pool *ui_app_loaded(const struct app *a);

/*
 * The idle draw in cost units per second when it is charged for idle time
 * only (battery mode, whole-board energies with latencies, battery.h): the
 * working costs are then e - P t, and a model's own energy is its cost plus
 * this times its latency.  0 otherwise (the costs are the file's).
 */
double ui_app_idle_per_s(const struct app *a);

/* The solve parameters the current values describe (lambda = lambda/K x K). */
struct solve_params ui_app_solve_params(const struct app *a);

/* Whether the heatmap view shows sweep i. */
bool ui_app_sweep_shown(const struct app *a, int i);

/*
 * Battery mode: K, the budget and the energy figures for the duration slider's
 * value (plan_ok false, plan_error set, when that duration gives none); the
 * budget slider shows the budget per inference that follows.
 */
void ui_app_plan(struct app *a);

/* Set a parameter; returns the reaction flags (0 when nothing changed). */
unsigned ui_app_set_value(struct app *a, enum ui_param_id id, double v);

/* Replace the status-line message. */
void ui_app_message(struct app *a, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
