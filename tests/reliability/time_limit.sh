#!/bin/sh
# --time-limit S bounds every GLPK solve, and a solve that reaches it says so:
# exit 1, the reason on standard error, no policy on standard output, an
# existing -o file left as it was.  Sweeps, frontiers and comparisons mark
# the levels that stopped (status time_limit, no counts) and exit 1.  Values
# outside (0, 10^6] seconds are usage errors.
#
# The limit used is 1e-9 s: no branch and bound finishes in a nanosecond.
# An instance whose LP relaxation is integral (the LP bound equals the
# objective of the unlimited solve) can be answered exactly without a search,
# so only instances with a gap must stop; the test counts them and fails if
# there are too few to mean anything.
set -eu
. tests/cli/lib.sh

TINY=1e-9
WIDE=1000000   # the largest limit allowed: never reached here

# budget at fraction FR of the way from the cheapest model's cost to the
# dearest; accuracy floor at FR from the cheapest model's accuracy to the best
budget_at() {
	awk -F, -v fr="$2" 'NR > 1 && $1 !~ /^#/ { if (lo == "" || $2 < lo) lo = $2; if (hi == "" || $2 > hi) hi = $2 }
		END { printf "%.6g\n", lo + fr * (hi - lo) }' "$1"
}
floor_at() {
	awk -F, -v fr="$2" 'NR > 1 && $1 !~ /^#/ { if (lo == "" || $2 < lo) { lo = $2; pl = $3 }
		if (best == "" || $3 > best) best = $3 }
		END { printf "%.6g\n", pl + fr * (best - pl) }' "$1"
}

# --- values of the option ---
for v in 0 -1 nan inf 1e7 1e-400 abc ""; do
	run solve data/uci_har.csv --budget 80 --time-limit "$v"
	expect_status 64
	expect_err "--time-limit"
	expect_err "\"$v\""
	expect_out_empty
done
run solve data/uci_har.csv --budget 80 --time-limit
expect_status 64
expect_err "--time-limit"
run --time-limit 0 data/uci_har.csv   # the planner refuses it before opening the screen
expect_status 64
expect_err "--time-limit"
expect_out_empty

# --- a solve stopped by the limit: exit 1, said so, no policy ---
gaps=0
for pool in data/uci_har.csv data/imagenet_paper.csv; do
	for fr in 0.2 0.45 0.7 0.9; do
		b=$(budget_at "$pool" "$fr")
		f=$(floor_at "$pool" "$fr")
		for args in "--budget $b" "--budget $b --lambda 0" "--budget $b --K 1000000000" \
			"--min-accuracy $f" "--min-accuracy $f --K 999999937"; do
			# shellcheck disable=SC2086
			run solve "$pool" $args --time-limit "$WIDE"
			expect_status 0
			expect_out "status             optimal"
			obj=$(value_of "objective")
			lp=$(value_of "LP bound")
			# a gap: the LP optimum is fractional, only a search proves the answer
			awk -v o="$obj" -v l="$lp" 'BEGIN { d = l - o; if (d < 0) d = -d
				s = o < 0 ? -o : o; exit !(d > 1e-9 * (s > 1 ? s : 1)) }' || continue
			gaps=$((gaps + 1))
			# shellcheck disable=SC2086
			run solve "$pool" $args --time-limit "$TINY"
			expect_status 1
			expect_out_empty
			expect_err "time limit"
			expect_err "no policy"
			[ "$(wc -l <"$T/err")" -eq 1 ] && r=0 || r=1
			check $r "one line on standard error"
		done
	done
done
expect_true "instances with an LP gap, each stopped by the limit" "$gaps >= 10"
echo "time_limit: $gaps instances with an LP gap stopped at the limit"

# -o: the old file stays as it was, and no temporary file is left
mkdir "$T/dir"
printf 'sentinel\n' >"$T/dir/policy.csv"
cp "$T/dir/policy.csv" "$T/saved"
run solve data/uci_har.csv --budget 80 --time-limit "$TINY" \
	-o "$T/dir/policy.csv"
expect_status 1
expect_err "time limit"
cmp -s "$T/saved" "$T/dir/policy.csv" && r=0 || r=1
check $r "the old -o file was changed"
[ "$(ls -A "$T/dir")" = "policy.csv" ] && r=0 || r=1
check $r "a file was left beside the -o file: $(ls -A "$T/dir" | tr '\n' ' ')"

# --- sweep: the stopped levels are marked, counted on stderr, exit 1 ---
run sweep data/uci_har.csv --time-limit "$TINY" --format csv
expect_status 1
stopped=$(awk -F, 'NR > 1 && $8 == "time_limit" { print $1 }' "$T/out" | sort -u | wc -l)
levels=$(awk -F, 'NR > 1 { print $1 }' "$T/out" | sort -u | wc -l)
expect_true "some levels stopped at the limit" "$stopped >= 1"
expect_true "101 levels listed" "$levels == 101"
expect_err "$stopped of $levels budget levels stopped at the solver's time limit"
blank=$(awk -F, 'NR > 1 && $8 == "time_limit" && ($3 != "" || $5 != "") { n++ } END { print n + 0 }' "$T/out")
expect_true "levels stopped by the limit carry no counts" "$blank == 0"
run sweep data/uci_har.csv --time-limit "$WIDE" --format csv
expect_status 0
expect_no_out "time_limit"

# sweep -o writes the marked levels (the documented behaviour), and exits 1
run sweep data/uci_har.csv --time-limit "$TINY" -o "$T/dir/sweep.csv"
expect_status 1
grep -q ',time_limit$' "$T/dir/sweep.csv" && r=0 || r=1
check $r "sweep -o: the stopped levels are in the file"

# --- frontier and compare ---
run frontier data/uci_har.csv --time-limit "$TINY"
expect_status 1
stopped=$(grep -c ' time_limit$' "$T/out" || :)
expect_true "frontier: some levels stopped at the limit" "$stopped >= 1"
expect_err "$stopped of 21 budget levels stopped at the solver's time limit"
run frontier data/uci_har.csv --time-limit "$TINY" --format csv
expect_status 1
csv_stopped=$(grep -c '^ilp,[^,]*,,,time_limit$' "$T/out" || :)
expect_true "frontier CSV: the stopped levels say time_limit, with no accuracy" "$csv_stopped >= 1"
run compare data/uci_har.csv --time-limit "$TINY" --format csv
expect_status 1
expect_out "time_limit"
expect_err "time limit"
blank=$(awk -F, 'NR > 1 && $4 == "time_limit" && $5 != "" { n++ } END { print n + 0 }' "$T/out")
expect_true "compare: a stopped solve has no accuracy" "$blank == 0"
run compare data/uci_har.csv --time-limit "$WIDE" --format csv
expect_status 0
expect_no_out "time_limit"

finish
