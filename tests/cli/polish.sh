#!/bin/sh
# Wording a new user reads: "1 model", not "1 models"; the rounded LP status
# is explained in the table (the CSV keeps its name, lp_rounded); a rounding
# gap of a few 1e-9 at K = 1e9 is a real difference and stays, but never as
# "-0".
set -eu
. tests/cli/lib.sh

printf 'model,cost,accuracy\nonly_one,10,80\n' >"$T/one.csv"
run solve "$T/one.csv" --budget 10
expect_status 0
expect_line "$T/out" 1 "pool               $T/one.csv, 1 model"
expect_no_out "1 models"
run sweep "$T/one.csv"
expect_status 0
expect_out ", 1 model"
expect_no_out "1 models"
run solve data/uci_har.csv --budget 80
expect_out "data/uci_har.csv, 5 models"

run solve data/uci_har.csv --budget 80 --relax
expect_status 0
expect_out "status             lp_rounded (the LP optimum rounded down: feasible, not proven optimal)"
run solve data/uci_har.csv --budget 80 --relax --format csv
expect_out ",lp_rounded"
expect_no_out "rounded down"

# equal accuracies: the gap is exactly 0
run solve data/uci_har.csv --budget 80 --relax
expect_out "rounding gap       expected accuracy 0, objective 0 (exact minus rounded)"
# a rounded mix more accurate by 5e-9 than the exact one: shown as it is
run solve data/imagenet_paper.csv --min-accuracy 72.5 --K 1000000000 --relax
expect_out "rounding gap       expected accuracy -5.082e-09,"
for b in 60 70 80 90 100; do
	for k in 10 1000 1000000000; do
		run solve data/imagenet_paper.csv --budget "$b" --K "$k" --relax
		expect_no_out "expected accuracy -0,"
		expect_no_out "objective -0 "
	done
done
finish
