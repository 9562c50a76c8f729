#!/bin/sh
# A status message never loses its end: at 80x24 a message longer than the
# room beside the pool's fields takes lines of its own above them (the
# heatmaps give up the rows, nothing is drawn over), and one too long for
# two lines opens in full in an overlay that any key closes (the key does
# nothing else); the status lines then end in dots.  At 120x40 the same
# messages show whole too.
set -u
. tests/tui/helpers/tmux.sh
DATA="$ROOT/data/uci_har.csv"
TAIL="not a figure file name (end it in .svg, .pdf or .png)"

# the message as the status lines show it: the n lines above the last, joined
message_lines() {  # message_lines N
	screen | tail -n "$(($1 + 1))" | head -n "$1" | sed 's/^ //; s/ *$//' | paste -sd' ' -
}

for size in "80 24" "120 40"; do
	# shellcheck disable=SC2086
	start $size -- "$DATA"
	wait_ready
	name="figure_of_the_uci_har_pool_at_budget_79.5_for_the_quarterly_report.txt"
	T send-keys -t t: p
	wait_for "Write the figure"
	T send-keys -t t: -l "$name"
	T send-keys -t t: Enter
	wait_for "$name:"
	wait_settled
	[ "$(message_lines 2)" = "$name: $TAIL" ] ||
		fail "$size: the message is not whole on two lines: '$(message_lines 2)'"
	# the heatmaps' budget axis ends just above the message: the frame made room
	screen | tail -n 4 | head -n 1 | grep -q "59.01.*100" ||
		fail "$size: the message was drawn over the heatmaps"
	screen | tail -n 1 | grep -q "^ uci_har.csv | 5 models | max accuracy | ILP" ||
		fail "$size: the pool's fields left the last line"

	# a message that needs more than two lines opens in full
	long=$(printf 'a_long_figure_name_%.0s' 1 2 3 4 5 6 7 8 9 10 11)end.txt
	T send-keys -t t: p
	wait_for "Write the figure"
	T send-keys -t t: -l "$long"
	T send-keys -t t: Enter
	wait_for "any key closes"
	wait_settled
	# the box's text, one byte per cell; a long word is cut across lines, so compare without spaces
	top=$(line_of " Error ")
	bottom=$(line_of "any key closes")
	col=$(screen_cells | sed -n "${top}p" | LC_ALL=C awk '{ print index($0, "+") }')
	whole=$(screen_cells | sed -n "$((top + 1)),$((bottom - 1))p" |
		LC_ALL=C awk -v c="$col" '{ s = substr($0, c + 1); print substr(s, 1, index(s, "|") - 1) }' |
		tr -d ' \n')
	[ "$whole" = "$(printf '%s' "$long: $TAIL" | tr -d ' ')" ] ||
		fail "$size: the overlay does not hold the whole message: '$whole'"
	# any key closes it and does nothing else (m would switch the objective)
	T send-keys -t t: m
	wait_gone "any key closes"
	screen | tail -n 1 | grep -q "max accuracy" || fail "$size: the key that closed the overlay acted"
	screen | tail -n 2 | head -n 1 | grep -q "…$" || fail "$size: the cut status line has no mark"
	# a shorter message: beside the fields when they leave room, else on a line of its own
	T send-keys -t t: m
	wait_for "objective: min cost over an accuracy floor"
	if [ "${size% *}" -eq 80 ]; then
		[ "$(message_lines 1)" = "objective: min cost over an accuracy floor" ] ||
			fail "$size: a message too long to share the last line is not on its own"
	else
		screen | tail -n 1 | sed "s/ *$//" | grep -q "raw costs  objective: min cost over an accuracy floor$" ||
			fail "$size: a short message is not beside the fields"
	fi
done
