#!/bin/sh
# The log budget axis: on a pool whose costs span more than two decades it is
# the default (the status line, the heatmap heading and the slider's range
# say so; the plot's cost ticks are decades; the budget starts at the
# geometric middle); `a` switches to linear and back; small steps move the
# budget by a constant ratio; every value solves as `optdeploy solve` does;
# a pool within two decades (UCI-HAR) starts linear; --linear overrides; the
# heatmaps are the sweeps `sweep --log` / `--linear` compute (E exports them),
# on a small pool and on the bundled torchvision zoo.
set -u
. tests/tui/helpers/tmux.sh
DATA="$TMPD/wide.csv"
RUN_DIR="$TMPD/run"   # the planner's working directory: exports land there
mkdir -p "$RUN_DIR"
cat >"$DATA" <<'CSV'
model,cost,accuracy
free,0,40
tiny,0.04,60.5
small,1.5,75
mid,30,82
big,1017,88
CSV

start 120 40 -- "$DATA"
wait_ready
wait_for "| log budget"
wait_for "Allocation by budget (log axis)"
wait_for "0.04 … 1017, log"
# the geometric middle of 0.04 .. 1017 is 6.38, two significant digits: 6.4
wait_for "Budget  6.4 "
agree --budget 6.4 --K 1000 --lambda-per-k 0.1
# the plot's cost axis: decades, evenly spaced
ticks=$(( $(line_of "└") + 1 ))
screen | sed -n "${ticks}p" | grep -qE "0\.1 +1 +10 +100 +1000" || fail "no decade ticks on the cost axis"
cols=$(screen | sed -n "${ticks}p" | LC_ALL=C awk '{ print index($0, " 1 "), index($0, " 10 "), index($0, " 100 ") }')
set -- $cols
[ $(( ($2 - $1) - ($3 - $2) )) -ge -2 ] && [ $(( ($2 - $1) - ($3 - $2) )) -le 2 ] ||
	fail "decades not evenly spaced on the cost axis: $cols"

# a small step is a constant ratio (a hundredth of the range in decades), snapped to two digits
T send-keys -t t Right
wait_gone "Budget  6.4 "
v=$(slider_value Budget)
LC_ALL=C awk -v v="$v" 'BEGIN { r = v / 6.4; exit !(r > 1.05 && r < 1.20) }' ||
	fail "one step up from 6.4 went to $v"
agree --budget "$v" --K 1000 --lambda-per-k 0.1
T send-keys -t t Home
wait_for "Budget  0.04 "
agree --budget 0.04 --K 1000 --lambda-per-k 0.1
T send-keys -t t End
wait_for "Budget  1017 "
agree --budget 1017 --K 1000 --lambda-per-k 0.1

# the heatmaps are the log sweep: E writes what `sweep --log` writes
wait_ready
T send-keys -t t E Enter
wait_for "rows to sweep.csv"
"$OPTDEPLOY" sweep "$DATA" --log --K 1000 --lambda-per-k 0.1 -o "$TMPD/log.csv" 2>/dev/null
cmp -s "$RUN_DIR/sweep.csv" "$TMPD/log.csv" || fail "the log heatmap is not sweep --log"

# a: linear, from the cheapest cost (0) to the dearest; the value stays
T send-keys -t t a
wait_for "budget axis: linear"
wait_gone "| log budget"
wait_for "Allocation by budget (linear axis)"
wait_for "  0 … 1017"
screen | grep -q "1017, log" && fail "the slider still says log"
wait_for "Budget  1017 "
T send-keys -t t PgDn
wait_for "Budget  1000 "
agree --budget 1000 --K 1000 --lambda-per-k 0.1
wait_ready
T send-keys -t t E Enter
wait_for "rows to sweep.csv"
"$OPTDEPLOY" sweep "$DATA" --linear --K 1000 --lambda-per-k 0.1 -o "$TMPD/linear.csv" 2>/dev/null
cmp -s "$RUN_DIR/sweep.csv" "$TMPD/linear.csv" || fail "the linear heatmap is not sweep --linear"
T send-keys -t t a
wait_for "| log budget"
wait_for "0.04 … 1017, log"
T send-keys -t t q
wait_for "EXIT=0"

# --linear on the command line wins over the pool's span
start 120 40 -- "$DATA" --linear
wait_ready
wait_for "Allocation by budget (linear axis)"
screen | grep -q "| log budget" && fail "--linear started with a log budget"
T send-keys -t t q
wait_for "EXIT=0"

# the torchvision zoo: four decades, log by default; its heatmap is `sweep`'s on it
ZOO="$ROOT/data/torchvision_imagenet.csv"
MAP="cost=gflops,accuracy=acc1,memory=file_size_mb"
start 120 40 -- "$ZOO" --columns "$MAP"
wait_for "Budget  6.4 " 30
wait_for "| log budget"
wait_ready
T send-keys -t t E Enter
wait_for "rows to sweep.csv" 60
"$OPTDEPLOY" sweep "$ZOO" --columns "$MAP" --K 1000 --lambda-per-k 0.1 -o "$TMPD/zoo.csv" 2>/dev/null
cmp -s "$RUN_DIR/sweep.csv" "$TMPD/zoo.csv" || fail "the zoo's heatmap is not sweep's"
T send-keys -t t q
wait_for "EXIT=0"

# two decades or less: linear from the start, and a log axis on request
start 120 40 -- "$ROOT/data/uci_har.csv"
wait_ready
wait_for "Allocation by budget (linear axis)"
screen | grep -q "| log budget" && fail "UCI-HAR started with a log budget"
T send-keys -t t a
wait_for "59.01 … 100, log"
wait_for "| log budget"
T send-keys -t t q
wait_for "EXIT=0"

# every cost 0: no log axis, said so
printf 'model,cost,accuracy\na,0,50\nb,0,60\n' >"$TMPD/free.csv"
start 120 40 -- "$TMPD/free.csv"
wait_ready
T send-keys -t t a
wait_for "a log budget axis needs costs above 0 that differ"
T send-keys -t t q
wait_for "EXIT=0"
# a log axis spanning less than a decade (uci_har, 59.01 to 100) has ticks
# between its ends, not only 100
for size in "80 24" "120 40"; do
	# shellcheck disable=SC2086
	start $size -- "$ROOT/data/uci_har.csv" --log
	wait_ready
	ticks=$(screen | sed -n "$(( $(line_of "└") + 1 ))p")
	printf '%s\n' "$ticks" | grep -qE "60 +70 +80 +90 +100" ||
		fail "$size: the log axis under a decade reads '$ticks'"
	T send-keys -t t: q
	wait_for "EXIT=0"
done
echo "log_axis: ok"
