#!/bin/sh
# bench/run.sh - `make bench`: time optdeploy's core against glpsol and SciPy/HiGHS
# on the same instances and write bench/RESULTS.md and bench/time_vs_n.png.
#
# Run from anywhere; works in the repository root.  Pools and per-instance
# files go to a temporary directory that is removed on exit.  Takes a few
# minutes on a 2-core machine; peers get TMLIM seconds per solve (default 60).
# BENCH_WORK=DIR keeps the work files in DIR instead.
set -eu
cd "$(dirname "$0")/.."

sh .ci/deps.sh glpk-utils python3-scipy gnuplot-nox

# Debian's python3 has python3-scipy; a python3 earlier on PATH may not.
PY=/usr/bin/python3
TMLIM=${TMLIM:-60}
BUILD=build/bench
export PYTHONDONTWRITEBYTECODE=1

# Our own optimised build, whatever flags an outer make passed down.
MAKEFLAGS= make --no-print-directory BUILD=$BUILD $BUILD/liboptdeploy.a
${CC:-cc} -std=c11 -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes \
	-Wstrict-prototypes -Wwrite-strings -Wpointer-arith -Wformat=2 -O2 -g \
	-Iinclude -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 \
	-o $BUILD/bench_core bench/bench_core.c $BUILD/liboptdeploy.a -lglpk -lcsv -lm

# BENCH_WORK=DIR keeps the pools and raw measurements in DIR (files overwritten).
if [ -n "${BENCH_WORK:-}" ]; then
	work=$BENCH_WORK
	mkdir -p "$work"
	rm -f "$work/core.tsv"
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/optdeploy-bench.XXXXXX")
	trap 'rm -rf "$work"' EXIT
fi
trap 'exit 130' INT TERM HUP

$PY bench/instances.py "$work"
mkdir -p "$work/glpsol"

echo "bench: optdeploy core" >&2
# One process per pool, so each pool's peak RSS is its own.  A pool that
# takes longer than POOL_TIMEOUT seconds is cut short: its remaining
# instances show as not measured.
POOL_TIMEOUT=${POOL_TIMEOUT:-240}
awk -F'\t' '!/^#/ && !seen[$2]++ { print $2 }' "$work/instances.tsv" |
while IFS= read -r pool; do
	rc=0
	timeout "$POOL_TIMEOUT" $BUILD/bench_core "$pool" "$work/instances.tsv" \
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

echo "bench: glpsol" >&2
$PY bench/glpsol_bench.py "$work/instances.tsv" "$work/glpsol.tsv" "$work/glpsol" "$TMLIM" 2
echo "bench: SciPy/HiGHS" >&2
$PY bench/highs_bench.py "$work/instances.tsv" "$work/highs.tsv" "$TMLIM" 2

$PY bench/report.py "$work" bench/RESULTS.md bench/time_vs_n.png
echo "bench: wrote bench/RESULTS.md and bench/time_vs_n.png" >&2
