#!/bin/sh
# The time sliders of a pool with latencies (the MLPerf Raspberry Pi 4
# pool): Deadline (its top: none) and Rate (its bottom: no time row)
# constrain the exact problem live, as `solve --deadline T` and `--rate R`
# do; the exported policy is solve's, byte for byte; the table shows the
# busy share; --rate, --duty-cycle and --deadline set where they start; a
# pool without latencies has neither slider.
set -u
. tests/tui/helpers/tmux.sh
RUN_DIR="$TMPD/run"
mkdir -p "$RUN_DIR"
DATA="$ROOT/data/mlperf_rpi4_tflite.csv"
MAP="cost=energy_mj,accuracy=top1"
BASE="--columns $MAP --budget 300 --K 1000 --lambda-per-k 0.1"

same() {  # same PLANNER_FILE CLI_FILE
	[ -f "$1" ] || fail "$1 was not written"
	cmp -s "$1" "$2" || { diff "$1" "$2" >&2; fail "$1 differs from the command line's $2"; }
}

# busy_agrees ARGS...: the table's busy share is solve's
busy_agrees() {
	_b=$("$OPTDEPLOY" solve "$DATA" "$@" 2>/dev/null | sed -n 's/.*: busy \([0-9.e+-]*\)% of the time$/\1/p')
	[ -n "$_b" ] || fail "solve $* printed no busy share"
	wait_for "busy      $_b% of the time" 5
}

start 120 40 -- "$DATA" --columns "$MAP" --budget 300
wait_ready
wait_for "Deadline  none"
wait_for "Rate  none"
# Down four times: Max models, then Deadline (the pool has no memory column)
T send-keys -t t Down Down Down Down = C-u 1 0 0 Enter
wait_for "Deadline  100 ms"
# shellcheck disable=SC2086
agree $BASE --deadline 100ms
T send-keys -t t e Enter
wait_for "rows to policy.csv"
# shellcheck disable=SC2086
"$OPTDEPLOY" solve "$DATA" $BASE --deadline 100ms -o "$TMPD/cli1.csv" 2>/dev/null
same "$RUN_DIR/policy.csv" "$TMPD/cli1.csv"
# the rate: 10 inferences a second, then 30
T send-keys -t t Down = C-u 1 0 Enter
wait_for "Rate  10/s"
# shellcheck disable=SC2086
agree $BASE --deadline 100ms --rate 10/s
# shellcheck disable=SC2086
busy_agrees $BASE --deadline 100ms --rate 10/s
T send-keys -t t = C-u 3 0 Enter
wait_for "Rate  30/s"
# shellcheck disable=SC2086
agree $BASE --deadline 100ms --rate 30/s
# shellcheck disable=SC2086
busy_agrees $BASE --deadline 100ms --rate 30/s
# a file of its own: the first export's "exported ... to policy.csv" is still
# the status line, so a wait on it (or on "exported") would be satisfied at
# once and read the first export's file, not this one
T send-keys -t t e C-u r a t e . c s v Enter
wait_for "rows to rate.csv"
# shellcheck disable=SC2086
"$OPTDEPLOY" solve "$DATA" $BASE --deadline 100ms --rate 30/s -o "$TMPD/cli2.csv" 2>/dev/null
same "$RUN_DIR/rate.csv" "$TMPD/cli2.csv"
# at the rate's bottom there is no time row, at the deadline's top no deadline
T send-keys -t t Home Up End
wait_for "Rate  none"
wait_for "Deadline  none"
# shellcheck disable=SC2086
agree $BASE
T send-keys -t t q
wait_for "EXIT=0"

# the command line's time options start the sliders (at 80 x 24 too)
start 80 24 -- "$DATA" --columns "$MAP" --budget 300 --rate 10/s --duty-cycle 0.3 --deadline 50ms
wait_ready
wait_for "Rate  10/s"
wait_for "Deadline  50 ms"
# shellcheck disable=SC2086
agree $BASE --rate 10/s --duty-cycle 0.3 --deadline 50ms
T send-keys -t t q
wait_for "EXIT=0"

# the Rate slider's value carries the busy share (solve's), so it shows at
# 80 x 24 where the table has no room for its busy line; 120 x 40 too
for pool in rpi4 xavier; do
	for size in "80 24" "120 40"; do
		# shellcheck disable=SC2086
		start $size -- --pool $pool --budget 300 --rate 10/s --duty-cycle 0.5 --deadline 50ms
		wait_ready
		_b=$("$OPTDEPLOY" solve --pool $pool --budget 300 --K 1000 --lambda-per-k 0.1 --rate 10/s \
			--duty-cycle 0.5 --deadline 50ms 2>/dev/null |
			sed -n 's/.*: busy \([0-9.e+-]*\)% of the time$/\1/p')
		[ -n "$_b" ] || fail "solve --pool $pool printed no busy share"
		wait_for "Rate  10/s busy $_b% " 5
		wait_for "Deadline  50 ms"
		T send-keys -t t q
		wait_for "EXIT=0"
	done
done

# battery mode: the Rate slider is the battery's rate (K = rate x duration
# follows), the idle draw is charged for idle time only (whole-board energies)
BAT="--cost-unit mJ --battery 10Wh --idle 3W --duration 2h"
# shellcheck disable=SC2086
start 120 40 -- "$DATA" --columns "$MAP" $BAT --rate 2/s
wait_ready
wait_for "Rate  2/s"
# shellcheck disable=SC2086
agree --columns "$MAP" $BAT --rate 2/s
T send-keys -t t Down Down Down Down Down = C-u 2 . 5 Enter
wait_for "Rate  2.5/s"
wait_for "K = 18000"
# shellcheck disable=SC2086
agree --columns "$MAP" $BAT --rate 2.5/s
# shellcheck disable=SC2086
busy_agrees --columns "$MAP" $BAT --rate 2.5/s
T send-keys -t t e Enter
wait_for "rows to policy.csv"
# shellcheck disable=SC2086
"$OPTDEPLOY" solve "$DATA" --columns "$MAP" $BAT --rate 2.5/s -o "$TMPD/cli3.csv" 2>/dev/null
same "$RUN_DIR/policy.csv" "$TMPD/cli3.csv"
T send-keys -t t q
wait_for "EXIT=0"

# a pool without latencies: no time sliders; a rate for it is refused before the screen opens
DATA="$ROOT/data/uci_har.csv"
start 120 40 -- "$DATA"
wait_ready
screen | grep -q "Deadline  " && fail "a Deadline slider on a pool without latencies"
screen | grep -q "Rate  " && fail "a Rate slider on a pool without latencies"
T send-keys -t t q
wait_for "EXIT=0"
start 120 40 -- "$DATA" --rate 10/s
wait_for "EXIT=65"
screen | grep -q "no latency column" || fail "no message for --rate without latencies"
echo "time_sliders: ok"
