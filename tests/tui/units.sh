#!/bin/sh
# The pool's cost unit in the planner: the Budget slider, the policy table's
# cost heading, the totals under it, the plot's cost axis and the status line say it (mJ on the measured
# MLPerf pools, GFLOPS on torchvision, mJ after --cost-unit 2.5mJ), at 80x24
# and 120x40, and the slider line still holds its whole track; battery mode on
# an energy pool needs no --cost-unit.
set -u
. tests/tui/helpers/tmux.sh

# check_units W H UNIT ARGS...: the unit everywhere a cost shows
check_units() {
	_w=$1 _h=$2 _u=$3
	shift 3
	start "$_w" "$_h" -- "$@"
	wait_ready
	_line=$(screen | grep -F -- "Budget  " | head -n 1)
	printf '%s\n' "$_line" | grep -qE "Budget  [0-9.e+]+ $_u " ||
		fail "$* at ${_w}x$_h: the Budget slider does not say $_u"
	# the slider keeps its track whole: both end caps, on its line or the next
	_n=$(line_of "Budget  ")
	screen | sed -n "${_n}p;$((_n + 1))p" | grep -q "├.*┤" ||
		fail "$* at ${_w}x$_h: the Budget track is cut"
	screen | grep -qE "cost      [0-9.]+ $_u(  budget| of) [0-9.e+]+" ||
		fail "$* at ${_w}x$_h: the totals do not say $_u"
	screen | grep -qE "count  share +(cost )?$_u( +accuracy)? *$" ||
		fail "$* at ${_w}x$_h: the policy table's cost heading does not say $_u"
	screen | grep -qF "raw costs ($_u)" || fail "$* at ${_w}x$_h: the status line does not say $_u"
	screen | grep -qF "cost ($_u)" || fail "$* at ${_w}x$_h: the plot's axis does not say $_u"
	T send-keys -t t q
	wait_for "EXIT=0"
}

for size in "80 24" "120 40"; do
	# shellcheck disable=SC2086
	check_units $size mJ --pool rpi4
	# shellcheck disable=SC2086
	check_units $size mJ --pool xavier
	# shellcheck disable=SC2086
	check_units $size GFLOPS --pool torchvision
	# shellcheck disable=SC2086
	check_units $size mJ --pool torchvision --cost-unit 2.5mJ
done

# a converted pool's Budget is the plain budget x 2.5: --budget 4 (GFLOPS) is 10 mJ
start 120 40 -- --pool torchvision --cost-unit 2.5mJ --budget 4
wait_ready
wait_for "Budget  10 mJ"
T send-keys -t t q
wait_for "EXIT=0"

# the paper's pools have no unit to show: no "(...)" after raw costs
start 80 24 --
wait_ready
screen | grep -qF "raw costs (" && fail "uci_har (normalised energy) shows a unit"
T send-keys -t t q
wait_for "EXIT=0"

# battery mode on the Pi: no --cost-unit, the budget from the battery in mJ
start 80 24 -- --pool rpi4 --battery 10000mAh@5V --rate 2/s --duration 24h
wait_ready
wait_for "Budget  1041.67 mJ"
screen | grep -qF "raw costs (mJ)" || fail "battery mode: the status line does not say mJ"
T send-keys -t t q
wait_for "EXIT=0"
echo "units: ok"
