#!/bin/sh
# Battery mode on the 94-model MLPerf pools: at 80x24 the table's battery line
# (the battery and what it keeps, solve's "battery left") shows above the
# device-limit sliders and every slider stays on screen; at 120x40 the three
# lines (battery with K over the duration, energy, left) show whole.  The
# duration reads in hours and minutes on the slider, never cut.
set -u
. tests/tui/helpers/tmux.sh
BAT="--battery 10Wh --rate 10/s --duration 2h"

# left_of POOL ARGS...: solve's "battery left" figure ("636.32 mJ")
left_of() {
	_p=$1
	shift
	# shellcheck disable=SC2086
	"$OPTDEPLOY" solve --pool "$_p" $BAT "$@" 2>/dev/null |
		sed -n 's/^battery left *\([^(]*\) (.*/\1/p' | sed 's/ *$//'
}

# sliders_shown LABEL: every slider of battery mode on screen, and six tracks
sliders_shown() {
	for _s in "Budget  " "Lambda  " "Duration  " "Max models  " "Deadline  " "Rate  "; do
		screen | grep -qF -- "$_s" || fail "$1: the $_s slider is not on screen"
	done
	[ "$(screen | grep -cF "├")" -eq 6 ] || fail "$1: not six slider tracks"
}

for pool in rpi4 xavier; do
	left=$(left_of $pool)
	[ -n "$left" ] || fail "solve --pool $pool: no battery left"
	# shellcheck disable=SC2086
	start 80 24 -- --pool $pool $BAT
	wait_ready
	wait_for "battery   36 kJ, $left left"
	sliders_shown "$pool 80x24"
	[ "$(line_of "battery   36 kJ")" -lt "$(line_of "Max models  ")" ] ||
		fail "$pool 80x24: the battery line is not above the device limits"
	wait_match "Duration  2 h +├"
	T send-keys -t t: q
	wait_for "EXIT=0"

	# shellcheck disable=SC2086
	start 120 40 -- --pool $pool $BAT
	wait_ready
	wait_for "battery   36 kJ, K = 72000 in 2 h"
	wait_for "energy    "
	wait_for "left      $left of 36 kJ"
	sliders_shown "$pool 120x40"
	T send-keys -t t: q
	wait_for "EXIT=0"
done

# End: the longest duration the cheapest model can run, 2 d 9 h 38 min 12 s; at
# 80x24 the slider shows it whole (without the spaces), the table K and the battery left
start 80 24 -- --pool rpi4 $BAT
wait_ready
T send-keys -t t: Tab Tab End
wait_match "Duration  2d 9h 38min 12s +├"
left=$(left_of rpi4 --duration 207492s)
wait_for "battery   36 kJ, K = 2074920"
wait_for "left      $left of 36 kJ"
sliders_shown "rpi4 80x24 at End"
T send-keys -t t: q
wait_for "EXIT=0"
echo "battery_lines: ok"
