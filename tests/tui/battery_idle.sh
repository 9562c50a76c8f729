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
		screen | grep -F "${_m%"${_m#???????}"}" | grep -qF " $_e " ||
			fail "model $_m: its energy $_e mJ is not on its row"
	done < "$TMPD/used"
}

start 120 40 -- $BAT --duration 4h
wait_ready
wait_for "Budget  500 mJ above idle"
wait_for " energy accuracy"
wait_for "e-Pt (mJ), log"
agree_energy 4h
# a shorter duration: more energy per inference, the same figures as solve's
T send-keys -t t: Down Down = C-u 7 2 0 0 Enter
wait_for "Duration  7200 s"
agree_energy 2h
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
T send-keys -t t: q
wait_for "EXIT=0"
echo "battery_idle: ok"
