#!/bin/sh
# b switches pools: the tables given on the command line, then each bundled
# pool not among them, and round again.  Each pool solves as the batch
# commands solve it (with its own column mapping), its budget range and axis
# are its own (torchvision: log), K and lambda stay, exclusions are dropped.
set -u
. tests/tui/helpers/tmux.sh
ZOO="$ROOT/data/torchvision_imagenet.csv"
MAP="cost=gflops,accuracy=acc1,memory=file_size_mb"

# The planner shows the accuracy `solve` finds (the 94 long names are cut on
# screen, so the models are compared by agree elsewhere, not here).
same_accuracy() {
	_acc=$("$OPTDEPLOY" solve "$DATA" "$@" --format csv 2>/dev/null | sed -n 2p | cut -d, -f10) ||
		fail "solve $* failed"
	wait_for "accuracy  $(LC_ALL=C awk -v a="$_acc" 'BEGIN { printf "%.4f", a }')" 5
}

# no FILE: the default (uci_har), then imagenet_paper, torchvision, rpi4, xavier,
# back to uci_har
start 120 40 --
wait_ready
wait_for "uci_har | 5 models"
DATA="$ROOT/data/uci_har.csv"
agree --budget 79.5 --K 1000 --lambda-per-k 0.1
T send-keys -t t x j x
wait_for "1 of 5 models excluded"
T send-keys -t t Escape Tab Right
wait_for "Lambda  0.11 "
T send-keys -t t b
wait_for "pool 2 of 5: imagenet_paper, 9 models"
wait_for "imagenet_paper | 9 models |"
wait_ready
DATA="$ROOT/data/imagenet_paper.csv"
b=$(slider_value Budget)
agree --budget "$b" --K 1000 --lambda-per-k 0.11
T send-keys -t t b
wait_for "pool 3 of 5: torchvision, 114 models"
wait_for "torchvision | 114 models | max accuracy | ILP | raw costs (GFLOPS) | log budget"
wait_for "Budget  6.4 " 20
DATA=$ZOO
agree --columns "$MAP" --budget 6.4 --K 1000 --lambda-per-k 0.11
# the zoo has a memory column, so a Memory slider (from lambda, k k wraps to it); it goes with the pool
T send-keys -t t k k
wait_for "▶ Memory  no limit"
# the measured-energy pools: 94 models each, linear budget (costs span under 100x)
T send-keys -t t b
wait_for "pool 4 of 5: rpi4, 94 models"
wait_for "rpi4 | 94 models |"
wait_ready
screen | grep -q "Memory  " && fail "a Memory slider on rpi4, which has no memory column"
DATA="$ROOT/data/mlperf_rpi4_tflite.csv"
b=$(slider_value Budget)
same_accuracy --columns cost=energy_mj,accuracy=top1 --budget "$b" --K 1000 --lambda-per-k 0.11
T send-keys -t t b
wait_for "pool 5 of 5: xavier, 94 models"
wait_for "xavier | 94 models |"
wait_ready
DATA="$ROOT/data/mlperf_xavier_tflite.csv"
b=$(slider_value Budget)
same_accuracy --columns cost=energy_mj,accuracy=top1 --budget "$b" --K 1000 --lambda-per-k 0.11
T send-keys -t t b
wait_for "pool 1 of 5: uci_har, 5 models"
wait_for "▶ Budget  "
screen | grep -q "Memory  " && fail "a Memory slider on uci_har, which has no memory column"
wait_for "uci_har | 5 models |"
screen | grep -q "| log budget" && fail "back on uci_har, the axis is still log"
DATA="$ROOT/data/uci_har.csv"
agree --budget 79.5 --K 1000 --lambda-per-k 0.11
T send-keys -t t q
wait_for "EXIT=0"

# a file given: it comes first, then all five bundled pools
printf 'model,cost,accuracy\nsmall,10,70\nlarge,40,90\n' >"$TMPD/mine.csv"
start 120 40 -- "$TMPD/mine.csv"
wait_ready
wait_for "mine.csv | 2 models"
T send-keys -t t b
wait_for "pool 2 of 6: uci_har, 5 models"
T send-keys -t t b b b b b
wait_for "pool 1 of 6: mine.csv, 2 models"
DATA="$TMPD/mine.csv"
b=$(slider_value Budget)
agree --budget "$b" --K 1000 --lambda-per-k 0.1
T send-keys -t t q
wait_for "EXIT=0"
echo "pool_switch: ok"
