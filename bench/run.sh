#!/bin/sh
# bench/run.sh - `make bench`: measure every speed target of issues 8 and 15 in one
# run and write bench/RESULTS.md and bench/time_vs_n.png:
#   1. optdeploy's core (bench_core): cold solve, re-solve, 101-level sweep, also
#      at K and lambda between and above the peers' grid and on the large pools
#      of 10,000 and 100,000 models;
#   2. the peers on the same instances: glpsol processes, SciPy/HiGHS, CBC
#      through PuLP;
#   3. whole processes (process_bench.py): start-up against glpsol's,
#      `optdeploy sweep` against 101 glpsol processes and a PuLP/CBC sweep,
#      peak RSS on the 1,000-model pool at K = 1e9 and on the large pools;
#   4. a callgrind profile of the worst sweep, re-solve and cold solve (profile.py);
#   5. the report (report.py, targets table in report_targets.py);
#   6. the time-row instance set (time_row.py): bench/TIME_ROW.md (whole
#      processes), then the targets of 3 on those instances: bench_core with
#      the time row, glpsol with it and callgrind on the worst
#      (time_row_targets.py), judged in RESULTS.md's targets table.
#
# Run from anywhere; works in the repository root.  Pools and per-instance
# files go to a temporary directory that is removed on exit.  Takes five to seven
# minutes on a quiet 2-core machine (more on a busy one); peers get TMLIM seconds
# per solve (default 60).  Unattended: the solves have time limits, and a peer or
# whole-process phase that fails leaves its section "not measured" instead of
# stopping the run.
#   BENCH_WORK=DIR  keep the work files (pools, raw measurements) in DIR.
#   BENCH_QUICK=1   developing the harness: a subset of the instances (K 1e3 and
#                   1e9, half-way budget, no time-against-n series) and few
#                   repetitions everywhere; about a minute.  Its figures are
#                   not the benchmark: do not commit the RESULTS.md it writes.
set -eu
cd "$(dirname "$0")/.."

sh .ci/deps.sh glpk-utils python3-scipy gnuplot-nox time coinor-cbc python3-pulp

# Debian's python3 has python3-scipy; a python3 earlier on PATH may not.
PY=/usr/bin/python3
TMLIM=${TMLIM:-60}
BUILD=build/bench
export PYTHONDONTWRITEBYTECODE=1

# Our own optimised build, whatever flags an outer make passed down.
MAKEFLAGS= make --no-print-directory BUILD=$BUILD PROG=$BUILD/optdeploy \
	$BUILD/liboptdeploy.a $BUILD/optdeploy
${CC:-cc} -std=c11 -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes \
	-Wstrict-prototypes -Wwrite-strings -Wpointer-arith -Wformat=2 -O2 -g \
	-Iinclude -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 \
	-o $BUILD/bench_core bench/bench_core.c $BUILD/liboptdeploy.a -lglpk -lcsv -lm

# BENCH_WORK=DIR keeps the pools and raw measurements in DIR (files overwritten).
if [ -n "${BENCH_WORK:-}" ]; then
	work=$BENCH_WORK
	mkdir -p "$work"
	rm -f "$work/core.tsv" "$work/process.tsv" "$work/profile.md" "$work/core_time.tsv" \
		"$work/glpsol_time.tsv" "$work/profile_time.md" "$work/causes_time.tsv"
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/optdeploy-bench.XXXXXX")
	trap 'rm -rf "$work"' EXIT
fi
trap 'exit 130' INT TERM HUP
start=$(date +%s)
# phase NAME: announce the next phase with the seconds spent so far.
phase() {
	echo "bench: $1 (at $(($(date +%s) - start)) s)" >&2
}

export BENCH_QUICK=${BENCH_QUICK:-0}
per_instance=2
[ "$BENCH_QUICK" = 1 ] && per_instance=0.3
$PY bench/instances.py "$work"
mkdir -p "$work/glpsol"

phase "optdeploy core"
# One process per pool, so each pool's peak RSS is its own.  A pool that
# takes longer than POOL_TIMEOUT seconds is cut short: its remaining
# instances show as not measured.
POOL_TIMEOUT=${POOL_TIMEOUT:-240}
for list in instances.tsv instances_regimes.tsv instances_large.tsv; do
	awk -F'\t' '!/^#/ && !seen[$2]++ { print $2 }' "$work/$list" | sed "s|^|$list |"
done |
while IFS=' ' read -r list pool; do
	rc=0
	timeout "$POOL_TIMEOUT" $BUILD/bench_core "$pool" "$work/$list" \
		>>"$work/core.tsv" 2>"$work/core.log" || rc=$?
	case $rc in
	0) echo "bench:   $pool" >&2 ;;
	124) echo "bench:   $pool: stopped after $POOL_TIMEOUT s" >&2 ;;
	*)
		tail -n 5 "$work/core.log" >&2
		echo "bench: bench_core failed on $pool (exit status $rc)" >&2
		exit 70
		;;
	esac
done

phase "glpsol"
$PY bench/glpsol_bench.py "$work/instances.tsv" "$work/glpsol.tsv" "$work/glpsol" "$TMLIM" \
	"$per_instance" || echo "bench: glpsol_bench.py failed" >&2
phase "SciPy/HiGHS"
$PY bench/highs_bench.py "$work/instances.tsv" "$work/highs.tsv" "$TMLIM" "$per_instance" ||
	echo "bench: highs_bench.py failed" >&2
phase "CBC (PuLP)"
$PY bench/cbc_bench.py "$work/instances.tsv" "$work/cbc.tsv" "$TMLIM" "$per_instance" ||
	echo "bench: cbc_bench.py failed" >&2
phase "whole processes"
# These two may fail (a solver change that breaks the CLI, valgrind missing):
# the report then says "not measured" instead of losing the whole run.
$PY bench/process_bench.py $BUILD/optdeploy "$work/instances.tsv" "$work/glpsol" \
	"$work/process.tsv" "$TMLIM" || echo "bench: process_bench.py failed" >&2
phase "callgrind profiles"
$PY bench/profile.py "$work" $BUILD/bench_core "$work/profile.md" ||
	echo "bench: profile.py failed" >&2

phase "the time row (issue 16): whole processes"
$PY bench/time_row.py $BUILD/optdeploy "$work/time_row" bench/TIME_ROW.md ||
	{ echo "bench: the time-row instances have answers without proof (bench/TIME_ROW.md)" >&2; exit 1; }
# The speed targets of issue 15 on the same instances: the core with the time
# row (bench_core --columns, rows with rate and duty), glpsol with it
# (bench/deploy_time.mod), callgrind on the worst of them.
phase "the time row: optdeploy core"
: >"$work/core_time.tsv"
while IFS="$(printf '\t')" read -r pool cols _; do
	rc=0
	timeout "$POOL_TIMEOUT" $BUILD/bench_core --columns "$cols" "$pool" \
		"$work/time_row/instances_time.tsv" >>"$work/core_time.tsv" 2>"$work/core.log" || rc=$?
	case $rc in
	0) echo "bench:   $pool" >&2 ;;
	124) echo "bench:   $pool: stopped after $POOL_TIMEOUT s" >&2 ;;
	*)
		tail -n 5 "$work/core.log" >&2
		echo "bench: bench_core failed on $pool with the time row (exit status $rc)" >&2
		exit 70
		;;
	esac
done <"$work/time_row/time_pools.tsv"
phase "the time row: glpsol"
$PY bench/time_row_targets.py glpsol "$work" "$TMLIM" "$per_instance" ||
	echo "bench: time_row_targets.py glpsol failed" >&2
phase "the time row: callgrind profiles"
$PY bench/time_row_targets.py profile "$work" $BUILD/bench_core ||
	echo "bench: time_row_targets.py profile failed" >&2

$PY bench/report.py "$work" bench/RESULTS.md bench/time_vs_n.png
phase "wrote bench/RESULTS.md and bench/time_vs_n.png"
