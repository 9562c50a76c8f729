#!/bin/sh
# The planner on the 94-model MLPerf pools at 80x24 and 120x40, with the time
# sliders: the table's "single" line, where it has room, keeps its figures
# whole (a long model name is cut in the middle instead), every-row heatmaps
# (u) start at the cheapest model while the model table does not have the
# keys, and a heading with a message too long for its panel ends in a mark;
# at 80 columns a slider's value and the table's lines take short forms
# rather than lose their ends.
set -u
. tests/tui/helpers/tmux.sh

for pool in rpi4 xavier; do
	for size in "80 24" "120 40"; do
		# shellcheck disable=SC2086
		start $size -- --pool $pool --rate 10/s --deadline 200ms
		wait_ready
		# "single    NAME 72.91, +0.1368": two decimals, then a signed difference with four
		# (the line is the table's last: at 80x24, and on xavier's tall sliders,
		# it has no room; rpi4 at 120x40 shows it)
		line=$(screen | grep -o "single    .*" | sed 's/ *$//')
		[ -n "$line" ] || [ "$pool $size" != "rpi4 120 40" ] || fail "$pool $size: no single line"
		[ -z "$line" ] ||
			printf '%s\n' "$line" | grep -qE " [0-9]+\.[0-9]{2}, [-+][0-9]+\.[0-9]{4}$" ||
			fail "$pool $size: the single line is cut: $line"
		T send-keys -t t: u
		wait_for "of 94)"
		screen | grep -qE "\((rows )?1-[0-9]+ of 94\)" ||
			fail "$pool $size: every row, but not from the first"
		T send-keys -t t: q
		wait_for "EXIT=0"
	done
done
# r (the LP relaxation) cannot honour the time row: the heatmap headings
# carry the reason, cut with a mark (the status line has all of it)
for size in "80 24" "120 40"; do
	# shellcheck disable=SC2086
	start $size -- --pool rpi4 --rate 10/s --deadline 200ms
	wait_ready
	T send-keys -t t: r
	wait_for "solve exactly instead"
	wait_settled
	screen | grep -qE "^Fig\. 4: λ = 0: the LP relaxation .*…  +Fig\. 5: .*…$" ||
		fail "rpi4 $size: a heatmap heading cut without a mark"
	T send-keys -t t: q
	wait_for "EXIT=0"
done
# torchvision at 80x24, budget at its top: the slider keeps the whole number
# (its unit goes: the axis and the table say GFLOPS), the table's lines take
# their short forms rather than lose their ends
start 80 24 -- --pool torchvision
wait_ready
T send-keys -t t: End
wait_match "Budget  1016.717 +├"
wait_for "models    1 of 114 used, λ = 100"
screen | grep -qE "GFLOP([^S]|$)" && fail "torchvision 80x24: a unit cut short"
T send-keys -t t: m r
wait_for "LP floor-rounded"
wait_match "cost      [0-9.]+ GFLOPS, floor [0-9.]+$"
T send-keys -t t: q
wait_for "EXIT=0"
echo "real_scale: ok"
