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

# A sweep that must be held whole (plot's figures, frontier) is checked
# against its bound (1 GiB) before anything is allocated: 100,000 levels x
# 100,000 models end with 70 and say what fits, under a 256 MB address space
# (it grew to 24 GB and was killed by the kernel).
awk 'BEGIN { print "model,cost,accuracy"
	for (i = 0; i < 100000; i++) printf "m%d,%d,%.3f\n", i, 1 + i % 997, 50 + (i % 997) * 0.04 }' \
	>"$T/p100k.csv"
held="out of memory: 100000 budget levels x 100000 models would hold 74.5 GiB, more than the 1 GiB a sweep may hold in memory; use at most 1341 levels (--steps) for this pool, or fewer models (--only, --exclude)"
# AddressSanitizer reserves terabytes of address space: no ulimit -v for it
vlimit=262144
if nm "$OPTDEPLOY" 2>/dev/null | grep -q __asan_init; then vlimit=unlimited; fi
limited() {  # limited ARGS...: run under ulimit -v $vlimit
	CMD="(ulimit -v $vlimit; optdeploy $*)"
	(ulimit -v $vlimit && exec "$OPTDEPLOY" "$@") >"$T/out" 2>"$T/err" </dev/null && STATUS=0 ||
		STATUS=$?
	sanitizer_clean
}
for cmd in "plot $T/p100k.csv -o $T/fig.png" "frontier $T/p100k.csv"; do
	# shellcheck disable=SC2086
	limited $cmd --steps 100000
	expect_status 70
	expect_line "$T/err" 1 "optdeploy: $held"
	expect_out_empty
done
[ ! -e "$T/fig.png" ]
check $? "no figure written after the refusal"
finish
