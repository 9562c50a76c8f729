#!/bin/sh
# s writes the current policy's inference order in the format its file name
# asks for (.runs.csv, .csv, .h): the same bytes as `optdeploy schedule -o`
# for the values on the screen.  Other names and policies without counts are
# reported on the status line and nothing is written.
set -u
. tests/tui/helpers/tmux.sh
DATA="$ROOT/data/uci_har.csv"
RUN_DIR="$TMPD/run"
mkdir -p "$RUN_DIR"

same() {  # same PLANNER_FILE CLI_FILE
	[ -f "$1" ] || fail "$1 was not written"
	cmp -s "$1" "$2" || { diff "$1" "$2" | head -n 20 >&2; fail "$1 differs from the command line's $2"; }
}

# export_as NAME: s, a new name, Enter
export_as() {
	T send-keys -t t s C-u
	T send-keys -t t -l "$1"
	T send-keys -t t Enter
}

start 120 40 -- "$DATA"
wait_ready

# the default name: run-length rows
T send-keys -t t s
wait_for "Export the schedule (.csv slots, .runs.csv runs, .h C header) to: schedule.runs.csv"
T send-keys -t t Enter
wait_for "exported the schedule (runs, "
"$OPTDEPLOY" schedule "$DATA" --budget 79.5 --K 1000 --lambda-per-k 0.1 \
	-o "$TMPD/cli.runs.csv" 2>/dev/null
same "$RUN_DIR/schedule.runs.csv" "$TMPD/cli.runs.csv"

# other values; the slot CSV and the C header
T send-keys -t t Right Tab Right Right
wait_for "Lambda  0.12 "
export_as "order.csv"
wait_for "exported the schedule (csv, 1000 rows) to order.csv"
"$OPTDEPLOY" schedule "$DATA" --budget 80 --K 1000 --lambda-per-k 0.12 \
	-o "$TMPD/cli.csv" 2>/dev/null
same "$RUN_DIR/order.csv" "$TMPD/cli.csv"
export_as "fw.h"
wait_for "exported the schedule as a C header ("
"$OPTDEPLOY" schedule "$DATA" --budget 80 --K 1000 --lambda-per-k 0.12 \
	-o "$TMPD/cli.h" 2>/dev/null
same "$RUN_DIR/fw.h" "$TMPD/cli.h"

# the dual objective schedules as well
T send-keys -t t m
wait_for "Accuracy floor  "
floor=$(slider_value "Accuracy floor")
export_as "dual.runs.csv"
wait_for "to dual.runs.csv"
"$OPTDEPLOY" schedule "$DATA" --min-accuracy "$floor" --K 1000 --lambda-per-k 0.12 \
	-o "$TMPD/dual.runs.csv" 2>/dev/null
same "$RUN_DIR/dual.runs.csv" "$TMPD/dual.runs.csv"

# a name without a known extension, and Esc, write nothing
export_as "order.txt"
wait_for "order.txt: a schedule file ends in .csv, .runs.csv or .h"
[ -e "$RUN_DIR/order.txt" ] && fail "a schedule was written to order.txt"
T send-keys -t t s C-u
T send-keys -t t -l "never.h"
T send-keys -t t Escape
wait_gone "Export the schedule"
[ -e "$RUN_DIR/never.h" ] && fail "Esc did not cancel the schedule export"

# an infeasible floor: no counts, no file
T send-keys -t t BTab =
wait_for "Accuracy floor = "
T send-keys -t t C-u
T send-keys -t t -l "99.9"
T send-keys -t t Enter
wait_for "infeasible"
export_as "inf.h"
wait_for "nothing to schedule: the solve ended infeasible"
[ -e "$RUN_DIR/inf.h" ] && fail "an infeasible policy was scheduled"
T send-keys -t t q
wait_for "EXIT=0"
echo "schedule_export: ok"
