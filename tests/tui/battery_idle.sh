#!/bin/sh
# Battery mode with whole-board energies and --idle (the MLPerf Raspberry Pi
# 4 pool): the idle draw is charged for idle time only, so the solver's
# costs are e - P t; every energy the planner shows is still the user's.
# Each model's energy is the file's energy_mj, the energy per inference, the
# inferences' energy, the idle draw over the idle time and the battery left
# are `solve --battery ... --idle ...`'s figures, after a duration change
# too; the budget slider and the plot's cost axis say they are e - P t.
set -u
. tests/tui/helpers/tmux.sh
BAT="--pool rpi4 --battery 10Wh --rate 1/s --idle 2W"
RUN_DIR="$TMPD/run"
mkdir -p "$RUN_DIR"

# export_same DURATION [ARGS]: e writes solve --battery ... -o's bytes, with the
# measured energies and what the battery pays (export.h)
export_same() {
	_d=$1
	shift
	rm -f "$RUN_DIR/policy.csv"
	T send-keys -t t: e
	wait_for "Export the policy to: policy.csv"
	T send-keys -t t: Enter
	wait_for "exported 94 rows to policy.csv"
	# shellcheck disable=SC2086
	"$OPTDEPLOY" solve $BAT --duration "$_d" "$@" -o "$TMPD/cli.csv" 2>/dev/null ||
		fail "solve --duration $_d $* failed"
	head -n 1 "$TMPD/cli.csv" | grep -q ",measured_energy,expected_energy,inference_j,idle_j,total_j,battery_left_j$" ||
		fail "solve's CSV has no battery columns: $(head -n 1 "$TMPD/cli.csv")"
	cmp -s "$RUN_DIR/policy.csv" "$TMPD/cli.csv" ||
		{ diff "$RUN_DIR/policy.csv" "$TMPD/cli.csv" >&2; fail "the planner's export differs from solve's"; }
}

# solve_kv DURATION KEY SED: one figure of solve's battery lines
solve_kv() {
	# shellcheck disable=SC2086
	"$OPTDEPLOY" solve $BAT --duration "$1" 2>/dev/null | sed -n "s/^$2 *$3/\1/p"
}

# agree DURATION: the table's energies are solve's
agree_energy() {
	_per=$(solve_kv "$1" energy '.* for K inferences, \(.*\) per inference.*')
	_run=$(solve_kv "$1" energy '\(.*\) for K inferences.*')
	_idle=$(solve_kv "$1" 'idle draw' '.*) = \([^;]*\);.*')
	_left=$(solve_kv "$1" 'battery left' '\(.*\) (.*')
	[ -n "$_per" ] && [ -n "$_run" ] && [ -n "$_idle" ] && [ -n "$_left" ] ||
		fail "solve --duration $1 printed no energy figures"
	wait_for "energy    $_per per inference, whole-board" 10
	wait_for "used      $_run inferences + $_idle idle"
	wait_for "left      $_left of 36 kJ"
	# each model used: its energy_mj from the file, not e - P t
	# shellcheck disable=SC2086
	"$OPTDEPLOY" solve $BAT --duration "$1" 2>/dev/null |
		awk '/^  ---/ { on = 1; next } on && /^  \(|^$/ { exit } on { print $1 }' > "$TMPD/used"
	[ -s "$TMPD/used" ] || fail "solve --duration $1 listed no model"
	while read -r _m; do
		_e=$(awk -F, -v m="$_m" '$1 == m { printf "%.2f", $3 }' "$ROOT/data/mlperf_rpi4_tflite.csv")
		[ -n "$_e" ] || fail "no energy for $_m in the file"
		# the row: the name, or a marked cut of it, with the energy
		screen | grep -F " $_e " | LC_ALL=C awk -v m="$_m" "$(cat "$ROOT/tests/cli/name_fits.awk")"'
			{ for (i = 1; i <= NF; i++) if (fits($i, m)) ok = 1 } END { exit !ok }' ||
			fail "model $_m: its energy $_e mJ is not on its row"
	done < "$TMPD/used"
}

start 120 40 -- $BAT --duration 4h
wait_ready
wait_for "Budget  500 mJ above idle"
wait_for " energy accuracy"
wait_for "e-Pt (mJ), log"
agree_energy 4h
export_same 4h
# a shorter duration: more energy per inference, the same figures as solve's
T send-keys -t t: Down Down = C-u 7 2 0 0 Enter
wait_for "Duration  2 h"
agree_energy 2h
export_same 2h
# the sweep's export: the measured energies beside the e - P t costs, each
# level's expected_energy = sum count x measured_energy / K
T send-keys -t t: E
wait_for "Export the current sweep to: sweep.csv"
T send-keys -t t: Enter
wait_for "rows to sweep.csv"
head -n 1 "$RUN_DIR/sweep.csv" | grep -qx "budget,model,count,share,expected_accuracy,expected_cost,objective,status,measured_energy,expected_energy" ||
	fail "sweep export header: $(head -n 1 "$RUN_DIR/sweep.csv")"
awk -F, 'NR > 1 && $3 != "" { s[$1] += $3 * $9; k[$1] += $3; x[$1] = $10 }
	END { for (b in s) { n++; d = s[b] / k[b] - x[b]; if (d < 0) d = -d; if (d > 1e-9 * x[b]) bad++ }
	      exit !(n > 0 && bad == 0) }' "$RUN_DIR/sweep.csv" ||
	fail "a sweep level's expected_energy is not its counts' measured energy"
T send-keys -t t: q
wait_for "EXIT=0"

# at 80 x 24 the lines keep their units: short forms, never cut
start 80 24 -- $BAT --duration 4h
wait_ready
wait_for "Budget  500 mJ e-Pt"
_per=$(solve_kv 4h energy '.* for K inferences, \(.*\) per inference.*')
wait_for "energy    $_per each, whole-board"
T send-keys -t t: q
wait_for "EXIT=0"

# energies above idle: the costs are the file's, the cost line and budget as before
start 120 40 -- $BAT --duration 4h --energy above-idle
wait_ready
screen | grep -q "above idle\|whole-board\|e-Pt" && fail "above-idle energies shown as whole-board"
wait_for "cost      "
export_same 4h --energy above-idle
T send-keys -t t: q
wait_for "EXIT=0"
echo "battery_idle: ok"
