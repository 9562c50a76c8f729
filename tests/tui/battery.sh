#!/bin/sh
# Battery mode: with --cost-unit, --battery, --rate (and --idle, --duration)
# the planner's K slider becomes a duration slider; K and the budget per
# inference follow from it exactly as `optdeploy solve --battery ...` computes
# them (the exported policy is byte for byte solve's), the table shows K over
# the duration, the energy per inference and the battery left (solve's
# figures); keys, End and a drag land only on durations the cheapest model can
# run (the next one refused with why), the range label always shows, a typed
# duration the idle draw alone empties shows the reason and nothing stale;
# the battery options are checked before the screen opens.
set -u
. tests/tui/helpers/tmux.sh
DATA="$ROOT/data/uci_har.csv"
RUN_DIR="$TMPD/run"
mkdir -p "$RUN_DIR"
BAT="--cost-unit mJ --battery 11.1Wh --rate 1/s --idle 400mW"

# e Enter, then wait for policy.csv written anew: the message of an earlier
# export may still be on the screen, so the message alone does not say it is
export_policy() {
	rm -f "$RUN_DIR/policy.csv"
	T send-keys -t t e Enter
	wait_for "exported 5 rows to policy.csv"
	_n=$(poll_count 10)
	while [ ! -f "$RUN_DIR/policy.csv" ] && [ "$_n" -gt 0 ]; do
		sleep 0.05
		_n=$((_n - 1))
	done
}

same() {  # same PLANNER_FILE CLI_FILE
	[ -f "$1" ] || fail "$1 was not written"
	cmp -s "$1" "$2" || { diff "$1" "$2" >&2; fail "$1 differs from the command line's $2"; }
}

# shellcheck disable=SC2086
start 120 40 -- "$DATA" $BAT --duration 24h
wait_ready
wait_for "Duration  1 d (86400 s)"
screen | grep -qE "^.{60,} K  [0-9]" && fail "the K slider is still there"
wait_for "battery   39.96 kJ, K = 86400 in 1 d"
wait_for "Budget  62.5 mJ, from the battery"
# shellcheck disable=SC2086
"$OPTDEPLOY" solve "$DATA" $BAT --duration 24h >"$TMPD/solve.txt" 2>/dev/null
left=$(sed -n 's/^battery left *\([^(]*\) (.*/\1/p' "$TMPD/solve.txt" | sed 's/ *$//')
[ -n "$left" ] || fail "solve printed no battery left"
wait_for "left      $left of 39.96 kJ"
export_policy
# shellcheck disable=SC2086
"$OPTDEPLOY" solve "$DATA" $BAT --duration 24h -o "$TMPD/cli1.csv" 2>/dev/null
same "$RUN_DIR/policy.csv" "$TMPD/cli1.csv"

# a shorter duration: fewer inferences, less idle draw, more energy for each
T send-keys -t t Tab Tab Left
wait_gone "Duration  1 d (86400 s)"
# the slider says it for people ("21h 56min 40s" where narrow); = opens on the
# exact seconds ("Duration = 79000s"), as --duration takes them
screen | grep -qE "Duration  [0-9]+ ?h [0-9]+ ?min" || fail "the duration is not in hours and minutes"
T send-keys -t t =
wait_match "Duration = [0-9.]+s"
secs=$(screen | sed -n 's/.*Duration = \([0-9.]*\)s.*/\1/p' | head -n 1)
T send-keys -t t Escape
wait_gone "Duration = "
LC_ALL=C awk -v s="$secs" 'BEGIN { exit !(s >= 70000 && s < 86400) }' ||
	fail "one step down from 86400 s went to $secs s"
export_policy
# shellcheck disable=SC2086
"$OPTDEPLOY" solve "$DATA" $BAT --duration "${secs}s" -o "$TMPD/cli2.csv" 2>/dev/null
same "$RUN_DIR/policy.csv" "$TMPD/cli2.csv"
k=$(sed -n 2p "$TMPD/cli2.csv" | cut -d, -f8)
wait_for "K = $k in"

# the budget is the battery's: it cannot be moved by hand
T send-keys -t t Tab Right
wait_for "the battery sets the budget per inference"

# an accuracy floor: the least energy over the duration, as solve --min-accuracy with that K
T send-keys -t t m
wait_for "Accuracy floor  "
floor=$(slider_value "Accuracy floor")
export_policy
"$OPTDEPLOY" solve "$DATA" --K "$k" --min-accuracy "$floor" --lambda-per-k 0.1 \
	-o "$TMPD/cli3.csv" 2>/dev/null
same "$RUN_DIR/policy.csv" "$TMPD/cli3.csv"
T send-keys -t t m

# Duration steps land on feasible durations: End stops at the longest the cheapest
# model (decision_tree, 59.01 mJ) can run, 39.96 kJ / (400 mW + 59.01 mJ x 1/s) =
# 87056.6 s, in whole seconds; the range label stays; solve agrees at that duration
RANGE="10 s … 1 d 3 h 45 min, log"
T send-keys -t t Tab Tab End
wait_for "Duration 1 d 10 min 56 s: the longest that leaves the cheapest model's 59.01 mJ per inference"
wait_for "K = 87056 in 1 d 10 min 56 s"
wait_for "$RANGE"
agree $BAT --duration 87056s
# the next step is refused, with why
T send-keys -t t Right
wait_for "Duration stays: 1 d 43 min 20 s would leave 48.9888 mJ per inference, below the cheapest model's 59.01"
wait_for "K = 87056 in 1 d 10 min 56 s"
# a drag past the end lands there too
wait_settled
row=$(line_of "Duration  ")
# shellcheck disable=SC2046
set -- $(track_cells $((row + 1)))
T send-keys -t t Home
wait_for "K = 10 in 10 s"
wait_for "$RANGE"
x10 0 "$1" $((row + 1))
x10 32 "$2" $((row + 1))
x10 3 "$2" $((row + 1))
wait_for "K = 87056 in 1 d 10 min 56 s"
# a duration typed with = is taken as it is: 99900 s leaves no budget at all, and
# nothing of the last plan stays (no budget, no K for lambda, no policy)
T send-keys -t t = 9 9 9 0 0 Enter
wait_for "Budget  none at this duration"
wait_for "Lambda  0.1 × K, no K at this duration"
wait_for "the idle draw over 1 d 3 h 45 min (39.96 kJ) uses the whole battery"
wait_for "$RANGE"
screen | grep -qE "count +share" && fail "a duration without energy shows a policy"
screen | grep -q "K = 87056" && fail "the last plan's K is still on screen"
wait_for "Fig. 5: λ = 0.1 K:"
screen | grep -qiE '(^|[^a-z])[-+]?(nan|inf|infinity)([^a-z]|$)' && fail "nan or inf on screen"
T send-keys -t t Home
wait_for "Duration  10 s"
wait_for "K = 10 in 10 s"
wait_gone "Budget  none"
T send-keys -t t q
wait_for "EXIT=0"

# at 80x24: End lands on the same duration
# shellcheck disable=SC2086
start 80 24 -- "$DATA" $BAT --duration 24h
wait_ready
T send-keys -t t Tab Tab End
wait_for "Duration  1d 10min 56s"
wait_for "Budget  59.0149 mJ"
# = takes a duration as --duration does, and says why it refuses one
T send-keys -t t = 9 0 m i n Enter
wait_for "Duration  1 h 30 min"
wait_for "battery   39.96 kJ, K = 5400"
wait_for "energy    100 mJ each, 7 J allowed"
T send-keys -t t = 2 Space h Enter
wait_for "no space between the number and the unit"
T send-keys -t t = 3 0 0 0 0 0 0 Enter
wait_for "Duration: 3000000 is outside 1 s .. 1 d 3 h 45 min"
T send-keys -t t q
wait_for "EXIT=0"

# the options are checked before the screen opens
"$OPTDEPLOY" "$DATA" --battery 11.1Wh --rate 1/s >/dev/null 2>"$TMPD/err"
[ $? -eq 64 ] && grep -q "give --cost-unit" "$TMPD/err" || fail "--battery without --cost-unit"
"$OPTDEPLOY" "$DATA" --cost-unit mJ --battery 11.1Wh >/dev/null 2>"$TMPD/err"
[ $? -eq 64 ] && grep -q "needs --battery and --rate (missing: --rate)" "$TMPD/err" ||
	fail "--battery without --rate"
"$OPTDEPLOY" "$DATA" --cost-unit mJ --battery 11.1Wh --rate 1/s --K 5 >/dev/null 2>"$TMPD/err"
[ $? -eq 64 ] && grep -q "K = rate x duration" "$TMPD/err" || fail "--K with a battery"
echo "battery: ok"
