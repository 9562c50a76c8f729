#!/bin/sh
# Device limits in the planner: the Max models and Memory sliders (one line
# each, under the model table; their top is "no limit") constrain the exact
# problem live, exactly as `solve --max-models N` / `--memory M` do; the
# command line's --max-models and --memory set where they start; Memory is
# there only when the pool has a memory column.
set -u
. tests/tui/helpers/tmux.sh
RUN_DIR="$TMPD/run"
mkdir -p "$RUN_DIR"
ZOO="$ROOT/data/torchvision_imagenet.csv"
MAP="cost=gflops,accuracy=acc1,memory=file_size_mb"

same() {  # same PLANNER_FILE CLI_FILE
	[ -f "$1" ] || fail "$1 was not written"
	cmp -s "$1" "$2" || { diff "$1" "$2" >&2; fail "$1 differs from the command line's $2"; }
}

DATA="$ROOT/data/uci_har.csv"
start 120 40 -- "$DATA"
wait_ready
wait_for "Max models  no limit"
screen | grep -q "Memory  " && fail "a Memory slider on a pool without a memory column"
# Down three times: the fourth slider (Tab cycles the main three only); Home: one model at most
T send-keys -t t Down Down Down Home
wait_for "Max models  1 of 5"
agree --budget 79.5 --K 1000 --lambda-per-k 0.1 --max-models 1
wait_ready
T send-keys -t t e Enter
wait_for "exported 5 rows to policy.csv"
"$OPTDEPLOY" solve "$DATA" --budget 79.5 --K 1000 --lambda-per-k 0.1 --max-models 1 \
	-o "$TMPD/cli1.csv" 2>/dev/null
same "$RUN_DIR/policy.csv" "$TMPD/cli1.csv"
T send-keys -t t E Enter
wait_for "rows to sweep.csv"
"$OPTDEPLOY" sweep "$DATA" --K 1000 --lambda-per-k 0.1 --max-models 1 -o "$TMPD/sw1.csv" 2>/dev/null
same "$RUN_DIR/sweep.csv" "$TMPD/sw1.csv"
T send-keys -t t End
wait_for "Max models  no limit"
agree --budget 79.5 --K 1000 --lambda-per-k 0.1
T send-keys -t t q
wait_for "EXIT=0"

# the command line's limits start the sliders
start 120 40 -- "$DATA" --max-models 2
wait_ready
wait_for "Max models  2 of 5"
agree --budget 79.5 --K 1000 --lambda-per-k 0.1 --max-models 2
T send-keys -t t q
wait_for "EXIT=0"

# the zoo has a memory column (checkpoint MB): 100 MB for the models used together
DATA=$ZOO
start 120 40 -- "$ZOO" --columns "$MAP"
wait_for "Memory  no limit" 30
wait_ready
T send-keys -t t j j j j = C-u 1 0 0 Enter
wait_for "Memory  100 of"
agree --columns "$MAP" --budget 6.4 --K 1000 --lambda-per-k 0.1 --memory 100
T send-keys -t t e Enter
wait_for "rows to policy.csv"
"$OPTDEPLOY" solve "$ZOO" --columns "$MAP" --budget 6.4 --K 1000 --lambda-per-k 0.1 \
	--memory 100 -o "$TMPD/cli2.csv" 2>/dev/null
same "$RUN_DIR/policy.csv" "$TMPD/cli2.csv"
T send-keys -t t q
wait_for "EXIT=0"
echo "limits: ok"
