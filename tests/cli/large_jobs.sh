#!/bin/sh
# tests/cli/large_jobs.sh - large jobs (issue 14): ranges whose ratio
# overflows, sweeps too large to hold refused up front with 70, the default
# lambda on a big pool at K = 1e9 and tiny accuracies solved exactly.
set -eu
. tests/cli/lib.sh

U=data/uci_har.csv

# A log range whose ratio overflows a double (1e300 / 1e-10) is interpolated
# in logarithms: decade levels, no "the budget must be a finite number".
run sweep $U --from 1e-10 --to 1e300 --log --steps 32 --format csv
expect_status 0
expect_err_empty
expect_out "1e-10,decision_tree,"
expect_out "1e+300,decision_tree,"
expect_out "1e+90,decision_tree,"
finish
