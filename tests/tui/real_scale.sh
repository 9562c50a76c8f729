#!/bin/sh
# The planner on the 94-model MLPerf pools at 80x24 and 120x40, with the time
# sliders: the table's "single" line, where it has room, keeps its figures
# whole (a long model name is cut in the middle instead), and every-row heatmaps (u) start at the
# cheapest model while the model table does not have the keys.
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
echo "real_scale: ok"
