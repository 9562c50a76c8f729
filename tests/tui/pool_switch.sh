#!/bin/sh
# b switches pools: the tables given on the command line, then each bundled
# pool not among them, and round again.  Each pool solves as the batch
# commands solve it (with its own column mapping), its budget range and axis
# are its own (torchvision: log), K and lambda stay, exclusions are dropped.
set -u
. tests/tui/helpers/tmux.sh
ZOO="$ROOT/data/torchvision_imagenet.csv"
MAP="cost=gflops,accuracy=acc1,memory=file_size_mb"

# no FILE: the default (uci_har), then imagenet_paper, torchvision, back to uci_har
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
wait_for "pool 2 of 3: imagenet_paper, 9 models"
wait_for "imagenet_paper | 9 models |"
wait_ready
DATA="$ROOT/data/imagenet_paper.csv"
b=$(slider_value Budget)
agree --budget "$b" --K 1000 --lambda-per-k 0.11
T send-keys -t t b
wait_for "pool 3 of 3: torchvision, 114 models"
wait_for "torchvision | 114 models | max accuracy | ILP | raw costs | log budget"
wait_for "Budget  6.4 " 20
DATA=$ZOO
agree --columns "$MAP" --budget 6.4 --K 1000 --lambda-per-k 0.11
# the zoo has a memory column, so a Memory slider (from lambda, k k wraps to it); it goes with the pool
T send-keys -t t k k
wait_for "▶ Memory  no limit"
T send-keys -t t b
wait_for "pool 1 of 3: uci_har, 5 models"
wait_for "▶ Budget  "
screen | grep -q "Memory  " && fail "a Memory slider on uci_har, which has no memory column"
wait_for "uci_har | 5 models |"
screen | grep -q "| log budget" && fail "back on uci_har, the axis is still log"
DATA="$ROOT/data/uci_har.csv"
agree --budget 79.5 --K 1000 --lambda-per-k 0.11
T send-keys -t t q
wait_for "EXIT=0"

# a file given: it comes first, then all three bundled pools
printf 'model,cost,accuracy\nsmall,10,70\nlarge,40,90\n' >"$TMPD/mine.csv"
start 120 40 -- "$TMPD/mine.csv"
wait_ready
wait_for "mine.csv | 2 models"
T send-keys -t t b
wait_for "pool 2 of 4: uci_har, 5 models"
T send-keys -t t b b b
wait_for "pool 1 of 4: mine.csv, 2 models"
DATA="$TMPD/mine.csv"
b=$(slider_value Budget)
agree --budget "$b" --K 1000 --lambda-per-k 0.1
T send-keys -t t q
wait_for "EXIT=0"
echo "pool_switch: ok"
