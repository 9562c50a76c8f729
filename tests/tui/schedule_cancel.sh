#!/bin/sh
# A long schedule export (the runs format walks all K = 1e9 slots) runs
# while the planner goes on: the status line counts the slots written, keys
# still work (the help opens and closes), Esc cancels it, and the old file is
# left as it was with no temporary file beside it.  Quitting during an export
# cancels it the same way.
set -u
. tests/tui/helpers/tmux.sh
DATA="$ROOT/data/uci_har.csv"
RUN_DIR="$TMPD/run"
mkdir -p "$RUN_DIR"

only_old() {  # only_old WHAT: the directory holds the old file alone, unchanged
	[ "$(cat "$RUN_DIR/order.runs.csv")" = "old contents" ] || fail "$1: the old file was changed"
	n=$(ls -A "$RUN_DIR" | wc -l)
	[ "$n" -eq 1 ] || fail "$1: $(ls -A "$RUN_DIR" | tr '\n' ' ') left in the directory"
}

# long_export: the cheapest model alone at K = 1e9 (one run, 1e9 slots to walk)
long_export() {
	start 120 40 -- "$DATA"
	wait_ready
	T send-keys -t t: = C-u 5 9 . 0 1 Enter
	wait_for "Budget  59.01"
	T send-keys -t t: Tab Tab End
	wait_for "K  1000000000"
	wait_ready
	T send-keys -t t: s C-u
	T send-keys -t t: -l "order.runs.csv"
	T send-keys -t t: Enter
	wait_match "schedule to order.runs.csv: [0-9]+% written \\(Esc cancels\\)" 30
}

printf 'old contents\n' >"$RUN_DIR/order.runs.csv"
long_export
# the planner answers keys meanwhile: the help opens and closes (Esc closes the
# overlay first), and another export waits for this one
T send-keys -t t: '?'
wait_for "Help: keys"
T send-keys -t t: Escape
wait_gone "Help: keys"
screen | grep -q "% written" || fail "the export ended before it could be cancelled"
T send-keys -t t: Escape
wait_for "schedule export cancelled: order.runs.csv is as it was"
only_old "Esc"
T send-keys -t t: q
wait_for "EXIT=0"

# q during an export: cancelled, the planner ends normally
long_export
T send-keys -t t: q
wait_for "EXIT=0"
only_old "q"
echo "schedule_cancel: ok"
