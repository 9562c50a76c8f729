#!/bin/sh
# tests/cli/usage.sh - help, version, and every usage error: message, hint, exit 64.
set -eu
. tests/cli/lib.sh

U=data/uci_har.csv

# --help, -h and help print the usage on stdout and exit 0
for h in --help -h help "help solve" "solve $U --help"; do
	# shellcheck disable=SC2086
	run $h
	expect_status 0
	expect_out "Usage: optdeploy [FILE]"
	for cmd in "optdeploy solve FILE" "optdeploy sweep FILE" "optdeploy frontier FILE" \
		"optdeploy compare FILE" "--lambda-per-k R" "--min-accuracy P" "--format table|csv"; do
		expect_out "$cmd"
	done
	expect_err_empty
done
run --version
expect_status 0
expect_line "$T/out" 1 "optdeploy 0.1.0"
run -V
expect_status 0
expect_out "optdeploy 0.1.0"

# values
expect_usage '--K: "0" is out of range 1..1000000000' solve $U --budget 80 --K 0
expect_usage '--K: "1000000001" is out of range 1..1000000000' solve $U --budget 80 --K 1000000001
expect_usage '--K: "2e9" is out of range 1..1000000000' sweep $U --K 2e9
expect_usage '--K: "-5" is out of range 1..1000000000' sweep $U --K -5
expect_usage '--K: "1.5" is not an integer' sweep $U --K 1.5
expect_usage '--K: "many" is not a number' sweep $U --K many
expect_usage '--budget: "nan" is not a number' solve $U --budget nan
expect_usage '--budget: "inf" is not a number' solve $U --budget inf
expect_usage '--budget: "0x10" is not a number' solve $U --budget 0x10
expect_usage '--budget: "12,5" is not a number' solve $U --budget 12,5
expect_usage '--budget: "1e999" is too large' solve $U --budget 1e999
expect_usage '--budget: "-80" must not be negative' solve $U --budget -80
expect_usage '--lambda: "-1" must not be negative' solve $U --budget 80 --lambda -1
expect_usage '--lambda-per-k: "-0.5" must not be negative' compare $U --lambda-per-k -0.5
expect_usage '--min-accuracy: "NaN" is not a number' solve $U --min-accuracy NaN
expect_usage '--steps: "0" is out of range 1..100000' sweep $U --steps 0
expect_usage '--steps: "100001" is out of range 1..100000' sweep $U --steps 100001
expect_usage '--from 90 is not below --to 60' sweep $U --from 90 --to 60
expect_usage '--from 70 is not below --to 70' frontier $U --from 70 --to 70
expect_usage '--format: "xml" is not a format (table or csv; schedule: csv, runs or c)' solve $U --budget 80 --format xml
expect_usage '-o: the file name is empty' solve $U --budget 80 -o ''
expect_usage '--budget: missing value' solve $U --budget
expect_usage '--relax: takes no value' solve $U --budget 80 --relax=yes

# combinations
expect_usage '--lambda and --lambda-per-k: give only one (--lambda is absolute, --lambda-per-k is a multiple of K)' \
	solve $U --budget 80 --lambda 5 --lambda-per-k 0.1
expect_usage '--budget and --min-accuracy: give only one (--min-accuracy minimises the cost and needs no budget)' \
	solve $U --budget 80 --min-accuracy 90
expect_usage 'solve: --budget is required (or --min-accuracy for the dual form)' solve $U
expect_usage 'solve: missing FILE (- reads standard input)' solve --budget 80
expect_usage 'sweep: missing FILE (- reads standard input)' sweep
expect_usage 'frontier: missing FILE (- reads standard input)' frontier
expect_usage 'compare: missing FILE (- reads standard input)' compare --K 10
expect_usage "'$U' given twice" solve $U $U --budget 80
expect_usage '--format table: -o writes CSV only' sweep $U --format table -o "$T/x.csv"
expect_usage "--budget: not used by 'sweep'" sweep $U --budget 80
expect_usage "--from: not used by 'solve'" solve $U --budget 80 --from 60
expect_usage "--min-accuracy: not used by 'compare'" compare $U --min-accuracy 90
expect_usage "--ascii: not used by 'solve'" solve $U --budget 80 --ascii
expect_usage "--format: not used by the interactive planner (did you mean 'optdeploy solve FILE --format ...'?)" \
	$U --format csv
expect_usage "the interactive planner cannot read the pool from standard input (it reads keys there)" -
[ ! -e "$T/x.csv" ] && r=0 || r=1
check $r "a usage error must not create the -o file"

# one end of the range: the other is the pool's cost range, checked after loading
expect_usage "--to 50 is not above 59.01, the cheapest model's cost (give --from)" sweep $U --to 50
expect_usage "--from 120 is not below 100, the most expensive model's cost (give --to)" \
	frontier $U --from 120
run sweep $U --from 90 --steps 3 --format csv
expect_status 0
expect_true "--from 90 alone: levels 90 95 100" \
	"\"$(sed 1d "$T/out" | cut -d, -f1 | uniq | tr '\n' ' ')\" == \"90 95 100 \""

# the planner fails before its screen opens on a bad file, with the batch commands' codes
run "$T/missing.csv" --budget 80
expect_status 66
expect_err "optdeploy: $T/missing.csv"
expect_out_empty
printf 'model,cost\na,1\n' >"$T/no_accuracy.csv"
run "$T/no_accuracy.csv"
expect_status 65
expect_err "optdeploy: $T/no_accuracy.csv:1:"
expect_out_empty

# options
expect_usage "unknown option '--bogus'" solve $U --budget 80 --bogus
expect_usage "unknown option '-x'" solve $U --budget 80 -x
expect_usage "ambiguous option '--lam' (could be --lambda, --lambda-per-k)" solve $U --budget 80 --lam 3
expect_usage "unknown command 'slove' (solve, sweep, frontier, compare, lifetime, schedule, plot, help)" slove $U --budget 80
expect_usage "'slove' is neither a command (solve, sweep, frontier, compare, lifetime, schedule, plot, help) nor a file" slove

# an error never leaves half a table behind, and the data errors keep their own codes
run solve "$T/missing.csv" --budget 80
expect_status 66
expect_err "optdeploy: "
expect_err "missing.csv"
expect_out_empty
printf 'model,cost,accuracy\na,12,5,80\n' >"$T/bad.csv"
printf 'model,cost,accuracy\n' >"$T/header_only.csv"
for f in bad header_only; do
	run sweep "$T/$f.csv"
	expect_status 65
	expect_err "optdeploy: $T/$f.csv"
	expect_out_empty
done

finish
