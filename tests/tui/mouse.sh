#!/bin/sh
# The mouse, as X10 events (TERM=tmux-256color, tmux's own) and SGR events
# (TERM=xterm-256color): a click on the budget track sets the budget, a
# press-drag-release moves it and re-solves while it moves, Esc cancels a drag,
# the wheel steps it, a click in the plot sets the budget to the cost there, a
# click on a heatmap column selects that column's budget.
set -u
. tests/tui/helpers/tmux.sh
DATA="$ROOT/data/uci_har.csv"

# ev KIND B X Y: one mouse event in the pane's encoding; KIND press|drag|release|wheel
ev() {
	if [ "$ENC" = x10 ]; then
		case $1 in
		press) x10 0 "$3" "$4" ;;
		drag) x10 32 "$3" "$4" ;;
		release) x10 3 "$3" "$4" ;;
		wheelup) x10 64 "$3" "$4" ;;
		wheeldown) x10 65 "$3" "$4" ;;
		esac
	else
		case $1 in
		press) sgr 0 "$3" "$4" M ;;
		drag) sgr 32 "$3" "$4" M ;;
		release) sgr 0 "$3" "$4" m ;;
		wheelup) sgr 64 "$3" "$4" M ;;
		wheeldown) sgr 65 "$3" "$4" M ;;
		esac
	fi
}
click() { ev press 0 "$1" "$2"; ev release 0 "$1" "$2"; }

budget_is() { wait_for "Budget  $1 "; }

run() {  # run ENCODING TERM MODES
	ENC=$1
	start 120 40 "TERM=$2" -- "$DATA"
	wait_ready
	[ "$(modes)" = "$3" ] || fail "$ENC: modes $(modes), want $3"
	row=$(( $(line_of "Budget  ") + 1 ))
	set -- $(track_cells "$row")
	a=$1 b=$2
	[ "$a" -gt 60 ] && [ "$b" -gt "$((a + 20))" ] || fail "$ENC: budget track not found ($a..$b)"

	click "$a" "$row"
	budget_is 59.01
	agree --budget 59.01 --K 1000 --lambda-per-k 0.1
	click "$((b + 1))" "$row"
	budget_is 100
	agree --budget 100 --K 1000 --lambda-per-k 0.1

	# press at the left end, drag right: the policy follows before the release
	ev press 0 "$a" "$row"
	budget_is 59.01
	mid=$(( (a + b) / 2 ))
	ev drag 0 "$mid" "$row"
	wait_gone "Budget  59.01 "
	v=$(slider_value Budget)
	agree --budget "$v" --K 1000 --lambda-per-k 0.1
	ev drag 0 "$((mid + 5))" "$row"
	wait_gone "Budget  $v "
	v2=$(slider_value Budget)
	ev release 0 "$((mid + 5))" "$row"
	budget_is "$v2"
	agree --budget "$v2" --K 1000 --lambda-per-k 0.1
	# the same column clicked gives the same value
	click "$a" "$row"
	budget_is 59.01
	click "$((mid + 5))" "$row"
	budget_is "$v2"

	# Esc during a drag puts the budget back where the press found it
	ev press 0 "$a" "$row"
	budget_is 59.01
	ev drag 0 "$b" "$row"
	budget_is 100
	T send-keys -t t: Escape
	budget_is "$v2"
	ev release 0 "$b" "$row"
	budget_is "$v2"

	# the wheel steps the slider under the pointer by one small step
	click "$b" "$row"
	budget_is 100
	ev wheeldown 0 "$mid" "$row"
	budget_is 99.5
	ev wheelup 0 "$mid" "$row"
	budget_is 100

	# ncurses drops the press when it reads it together with what follows:
	# a motion or a release with no drag in progress stands for that press
	ev drag 0 "$a" "$row"
	budget_is 59.01
	ev release 0 "$a" "$row"
	budget_is 59.01
	ev release 0 "$b" "$row"
	budget_is 100

	# a click in the plot, above the x tick labelled 70, sets the budget near 70
	labels=$(( $(line_of "└") + 1 ))
	at=$(screen | sed -n "${labels}p" | LC_ALL=C awk '{ print index($0, " 70 ") + 2 }')
	[ "$at" -gt 2 ] || fail "$ENC: no x tick labelled 70"
	click "$at" "$((labels - 3))"
	wait_gone "Budget  100 "
	v=$(slider_value Budget)
	LC_ALL=C awk -v v="$v" 'BEGIN { exit !(v >= 69 && v <= 71) }' ||
		fail "$ENC: a click above cost 70 (column $at, row $((labels - 3))) set the budget to $v"
	agree --budget "$v" --K 1000 --lambda-per-k 0.1

	# a heatmap column: the first is the cheapest model's cost, the last the dearest
	hrow=$(line_of "decision_tree  ")
	hrow=$(screen | sed -n "$hrow,\$p" | grep -n "^decision_tree" | head -n 1 | cut -d: -f1)
	hrow=$(( hrow + $(line_of "decision_tree  ") - 1 ))
	axis=$(screen | grep -n "59.01─" | tail -n 1 | cut -d: -f1)
	first=$(screen_cells | sed -n "${axis}p" | LC_ALL=C awk '{ print index($0, "59.01") }')
	click "$first" "$hrow"
	budget_is 59.01
	last=$(screen_cells | sed -n "${axis}p" | LC_ALL=C awk '{ print index($0, "100") + 2 }')
	click "$last" "$hrow"
	budget_is 100

	T send-keys -t t: q
	wait_for "EXIT=0"
	[ "$(modes)" = "alt=0 drag=0 sgr=0" ] || fail "$ENC: modes not restored: $(modes)"
}

run x10 tmux-256color "alt=1 drag=1 sgr=0"
run sgr xterm-256color "alt=1 drag=1 sgr=1"
echo "mouse: ok"
