/*
 * battery.h - the deployment problem in physical terms: a battery, an idle
 * draw, an inference rate and a duration become the solver's K and budget,
 * and a policy's total cost becomes the energy left in the battery.
 *
 *   K      = floor(rate x duration)                        (exact, units.h)
 *   idle   = idle power x duration                         (J)
 *   B      = (battery - idle) / cost unit                  (cost units)
 *   budget = B / K                                         (what solve_params.budget gets)
 *   left   = battery - idle - total_cost x cost unit       (J)
 *
 * The solver's resource row is sum (c_i - budget) x_i <= 0, so the budget
 * per inference is the one number that fixes the problem: a front end that
 * prints it with round-trip precision ("%.17g") lets `--K K --budget b`
 * reproduce the battery problem exactly.
 *
 * For the planner: fill struct battery_params once (battery_params_check),
 * call battery_plan_make whenever the duration changes (a slider in seconds
 * goes through units_exact_from_double), solve with plan.k and plan.budget,
 * and show battery_left_j(); battery_duration_s is the inverse (K -> time).
 */
#ifndef OPTDEPLOY_BATTERY_H
#define OPTDEPLOY_BATTERY_H

#include <stdbool.h>

#include "optdeploy/core/pool.h"
#include "optdeploy/core/status.h"
#include "optdeploy/core/units.h"

struct battery_params {
	double battery_j;             /* capacity in joules, > 0 and finite */
	double idle_w;                /* baseline draw in watts over the whole duration, >= 0 */
	struct units_exact rate;      /* inferences per second, > 0 */
	struct units_exact duration;  /* seconds, > 0 (battery_plan_make only) */
	double cost_unit_j;           /* joules in one unit of the pool's cost column, > 0 */
};

struct battery_plan {
	long long k;          /* floor(rate x duration), 1 .. SOLVE_K_MAX */
	double duration_s;    /* the duration in seconds */
	double idle_j;        /* idle_w x duration_s */
	double total_budget;  /* B = (battery - idle) / cost unit, > 0, in cost units */
	double budget;        /* B / K: average cost per inference (solve_params.budget) */
};

/*
 * The idle draw charged for idle time only (a pool with latencies whose
 * energies are whole-board measurements, as the bundled MLPerf pools'):
 * a whole-board energy e_i already holds the idle draw P during the
 * model's own inference, so every cost becomes e_i - P t_i (cost units),
 * and the energy row sum x_i (e_i - P t_i) <= battery - P x duration
 * charges P for duration - sum t_i x_i only.  The budget of
 * battery_plan_make is unchanged.  ST_DATA naming the file and the model
 * when an energy is below P t_i (no whole-board measurement can be); the
 * pool is unchanged then.  Nothing to do without an idle draw.
 */
enum status battery_charge_idle_time(const struct battery_params *bp, struct pool *pool,
				     struct status_msg *m);

/*
 * Check the fields used by every computation (battery, idle, rate, cost
 * unit; not the duration): ST_USAGE naming the bad one.
 */
enum status battery_params_check(const struct battery_params *bp, struct status_msg *m);

/*
 * K, B and the budget per inference for bp's duration.  ST_USAGE with a
 * message when rate x duration is below 1 (K = 0), K is above SOLVE_K_MAX,
 * or the idle draw uses the whole battery (B <= 0).
 */
enum status battery_plan_make(const struct battery_params *bp, struct battery_plan *out,
			      struct status_msg *m);

/* Seconds that k inferences take at bp's rate (k / rate). */
double battery_duration_s(const struct battery_params *bp, long long k);

/*
 * Joules left after `seconds` of idle draw and a policy whose total cost
 * (sum c_i x_i, cost units) is total_cost; negative when the battery is short.
 * Computed in long double, unrounded: a policy that spends the budget to
 * the last bit can leave -1e-12 J, which a display may show as 0.
 */
double battery_left_j(const struct battery_params *bp, double seconds, double total_cost);

/*
 * Does a policy of k inferences with total cost total_cost fit, with the
 * idle draw over k / rate seconds?  (battery_left_j(...) >= 0, in exact
 * terms: energy + idle <= battery, long double, no tolerance.)
 */
bool battery_fits(const struct battery_params *bp, long long k, double total_cost);

#endif
