#!/bin/sh
# e and E write the same CSV files as `optdeploy solve -o` and `optdeploy
# sweep -o` for the values on the screen; the status line confirms; Esc
# cancels; a file that cannot be written is reported and the planner goes on.
set -u
. tests/tui/helpers/tmux.sh
DATA="$ROOT/data/uci_har.csv"
RUN_DIR="$TMPD/run"
mkdir -p "$RUN_DIR"

same() {  # same PLANNER_FILE CLI_FILE
	[ -f "$1" ] || fail "$1 was not written"
	cmp -s "$1" "$2" || { diff "$1" "$2" >&2; fail "$1 differs from the command line's $2"; }
}

start 120 40 -- "$DATA"
wait_ready

T send-keys -t t: e
wait_for "Export the policy to: policy.csv"
T send-keys -t t: Enter
wait_for "exported 5 rows to policy.csv"
"$OPTDEPLOY" solve "$DATA" --budget 79.5 --K 1000 --lambda-per-k 0.1 -o "$TMPD/cli1.csv" 2>/dev/null
same "$RUN_DIR/policy.csv" "$TMPD/cli1.csv"

# another name, other values; then the default name again, replacing the file
T send-keys -t t: Right Tab Right Right
wait_for "Lambda  0.12 "
T send-keys -t t: e C-u
T send-keys -t t: -l "p2.csv"
T send-keys -t t: Enter
wait_for "exported 5 rows to p2.csv"
"$OPTDEPLOY" solve "$DATA" --budget 80 --K 1000 --lambda-per-k 0.12 -o "$TMPD/cli2.csv" 2>/dev/null
same "$RUN_DIR/p2.csv" "$TMPD/cli2.csv"
T send-keys -t t: m
wait_for "Accuracy floor  "
floor=$(slider_value "Accuracy floor")
T send-keys -t t: e Enter
wait_for "exported 5 rows to policy.csv"
"$OPTDEPLOY" solve "$DATA" --min-accuracy "$floor" --K 1000 --lambda-per-k 0.12 \
	-o "$TMPD/cli3.csv" 2>/dev/null
same "$RUN_DIR/policy.csv" "$TMPD/cli3.csv"

# E: the current lambda's sweep (figure 5); after f, only figure 4 shows: lambda = 0
T send-keys -t t: E
wait_for "Export the current sweep to: sweep.csv"
T send-keys -t t: Enter
wait_for "rows to sweep.csv"
"$OPTDEPLOY" sweep "$DATA" --K 1000 --lambda-per-k 0.12 -o "$TMPD/sweep1.csv" 2>/dev/null
same "$RUN_DIR/sweep.csv" "$TMPD/sweep1.csv"
T send-keys -t t: f
wait_gone "Fig. 5"
T send-keys -t t: E C-u
T send-keys -t t: -l "zero.csv"
T send-keys -t t: Enter
wait_for "rows to zero.csv"
"$OPTDEPLOY" sweep "$DATA" --K 1000 --lambda 0 -o "$TMPD/sweep0.csv" 2>/dev/null
same "$RUN_DIR/zero.csv" "$TMPD/sweep0.csv"

# Esc cancels; an unwritable path is reported in the status line, and the planner goes on
T send-keys -t t: e C-u
T send-keys -t t: -l "never.csv"
T send-keys -t t: Escape
wait_gone "Export the policy"
[ -e "$RUN_DIR/never.csv" ] && fail "Esc did not cancel the export"
T send-keys -t t: e C-u
T send-keys -t t: -l "$TMPD/no/such/dir/x.csv"
T send-keys -t t: Enter
wait_for "cannot write"
screen | grep -q "exported .* rows to .*x.csv" && fail "a failed export was confirmed"
T send-keys -t t: q
wait_for "EXIT=0"
echo "export: ok"
