#!/bin/sh
# One of a thing is said in the singular: a one-model pool, K = 1, an export
# of one row, a header for one model ("1 models" was a report of issue 9).
set -eu
. tests/cli/lib.sh
POOL=data/uci_har.csv

run solve "$POOL" --only svm --budget 100 --K 1
expect_status 0
expect_line "$T/out" 1 "pool               $POOL, 1 model"
expect_line "$T/out" 4 "K                  1 inference"
run sweep "$POOL" --only svm --K 1 --steps 2
expect_status 0
expect_out "K                  1 inference"
expect_no_out "1 models"
expect_no_out "1 inferences"

run schedule "$POOL" --only svm --budget 100 -o "$T/one.runs.csv"
expect_status 0
expect_line "$T/err" 1 "optdeploy: wrote 1 row to $T/one.runs.csv"
run schedule "$POOL" --only svm --budget 100 -o "$T/one.h"
expect_status 0
expect_line "$T/err" 1 "optdeploy: wrote a C header for 1 model to $T/one.h"
run schedule "$POOL" --budget 90 -o "$T/two.h"
expect_line "$T/err" 1 "optdeploy: wrote a C header for 2 models to $T/two.h"

# the plural stays plural
run solve "$POOL" --budget 80 --K 2
expect_line "$T/out" 1 "pool               $POOL, 5 models"
expect_line "$T/out" 4 "K                  2 inferences"
run solve "$POOL" --budget 80 -o "$T/p.csv"
expect_line "$T/err" 1 "optdeploy: wrote 5 rows to $T/p.csv"

# a battery that allows exactly one inference
run lifetime "$POOL" --cost-unit J --battery 60J --rate 1/s --min-accuracy 80
expect_status 0
expect_out "K = 1 inference"
expect_no_out "1 inferences"
finish
