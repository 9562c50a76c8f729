#!/bin/sh
# tests/cli/lib.sh - assertions for the CLI tests, sourced by tests/cli/*.sh:
#
#   . tests/cli/lib.sh
#   run solve data/uci_har.csv --budget 100   # $OPTDEPLOY with these arguments
#   expect_status 0; expect_out "svm"; expect_err_empty
#   finish                                     # exit 1 if any check failed
#
# After `run`, $T/out and $T/err hold the output and $STATUS the exit status.
# Every failed check prints the command, what was expected and what came out,
# and the script goes on, so one run shows every failure.  Any sanitizer
# report on stderr is a failure of its own.
#
# Run directly (sh tests/cli/lib.sh), it tests its own assertions: each must
# fail on a wrong answer, or the tests built on them could not fail.
set -eu

OPTDEPLOY=${OPTDEPLOY:-./optdeploy}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
CHECKS=0
FAILED=0
CMD=""
STATUS=0

fail() {  # fail MESSAGE: record a failure with the last command's output
	FAILED=$((FAILED + 1))
	printf 'FAIL: %s\n  command: %s\n  exit status: %s\n' "$1" "$CMD" "$STATUS" >&2
	printf '  stdout (first lines):\n' >&2
	head -n 12 "$T/out" 2>/dev/null | sed 's/^/    | /' >&2
	printf '  stderr (first lines):\n' >&2
	head -n 12 "$T/err" 2>/dev/null | sed 's/^/    | /' >&2
}

check() {  # check CONDITION-STATUS MESSAGE: count one check
	CHECKS=$((CHECKS + 1))
	[ "$1" -eq 0 ] || fail "$2"
}

run() {  # run ARGS...: run the program, stdin from /dev/null unless redirected by run_in
	CMD="optdeploy $*"
	"$OPTDEPLOY" "$@" >"$T/out" 2>"$T/err" </dev/null && STATUS=0 || STATUS=$?
	sanitizer_clean
}

run_in() {  # run_in FILE ARGS...: the same with FILE as standard input
	in=$1
	shift
	CMD="optdeploy $* < $in"
	"$OPTDEPLOY" "$@" >"$T/out" 2>"$T/err" <"$in" && STATUS=0 || STATUS=$?
	sanitizer_clean
}

sanitizer_clean() {
	if grep -qE 'Sanitizer|runtime error:' "$T/err"; then
		check 1 "a sanitizer reported an error"
	fi
}

expect_status() {  # expect_status N
	[ "$STATUS" -eq "$1" ] && r=0 || r=1
	check $r "expected exit status $1"
}

expect_out() {  # expect_out STRING: stdout contains STRING
	grep -qF -- "$1" "$T/out" && r=0 || r=1
	check $r "stdout should contain: $1"
}

expect_no_out() {  # expect_no_out STRING: stdout does not contain STRING
	grep -qF -- "$1" "$T/out" && r=1 || r=0
	check $r "stdout should not contain: $1"
}

expect_err() {  # expect_err STRING: stderr contains STRING
	grep -qF -- "$1" "$T/err" && r=0 || r=1
	check $r "stderr should contain: $1"
}

expect_out_empty() {
	[ ! -s "$T/out" ] && r=0 || r=1
	check $r "stdout should be empty"
}

expect_err_empty() {
	[ ! -s "$T/err" ] && r=0 || r=1
	check $r "stderr should be empty"
}

expect_line() {  # expect_line FILE LINE-NUMBER TEXT: one exact line
	[ "$(sed -n "${2}p" "$1")" = "$3" ] && r=0 || r=1
	check $r "line $2 of $(basename "$1") should be exactly: $3"
}

expect_usage() {  # expect_usage MESSAGE ARGS...: exit 64, the message, the hint, no stdout
	msg=$1
	shift
	run "$@"
	expect_status 64
	expect_line "$T/err" 1 "optdeploy: $msg"
	expect_line "$T/err" 2 "Try 'optdeploy --help'."
	expect_out_empty
}

expect_near() {  # expect_near WHAT ACTUAL WANTED TOLERANCE
	awk -v a="$2" -v w="$3" -v t="$4" 'BEGIN { d = a - w; if (d < 0) d = -d; exit !(a != "" && d <= t) }' \
		&& r=0 || r=1
	check $r "$1: got '$2', expected $3 within $4"
}

expect_true() {  # expect_true WHAT AWK-CONDITION: a numeric relation, e.g. "1 <= 2"
	awk "BEGIN { exit !($2) }" && r=0 || r=1
	check $r "$1 ($2)"
}

value_of() {  # value_of KEY: first number after "KEY" at the start of a stdout line
	awk -v k="$1" 'index($0, k) == 1 { s = substr($0, length(k) + 1); sub(/^ +/, "", s);
		split(s, f, /[ ,;(]/); print f[1]; exit }' "$T/out"
}

csv_field() {  # csv_field FILE ROW-MATCH COLUMN-NAME: a field of the first row whose model is ROW-MATCH
	awk -F, -v m="$2" -v c="$3" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		$1 == m { print $col[c]; exit }' "$1"
}

# Independent figures from the pool file itself (bundled pools: no quoting).
# hull_value POOL BUDGET: the LP relaxation at lambda = 0, the best fractional
# mix of two models whose average cost is at most BUDGET.
hull_value() {
	awk -F, -v b="$2" 'NR > 1 && $1 !~ /^#/ { n++; c[n] = $2; p[n] = $3 }
		END { best = "";
		for (i = 1; i <= n; i++) for (j = 1; j <= n; j++) {
			if (c[i] > b) continue
			v = p[i]
			if (c[j] > b && c[j] > c[i]) { t = (b - c[i]) / (c[j] - c[i]); v = p[i] + t * (p[j] - p[i]) }
			else if (c[j] <= b && p[j] > v) v = p[j]
			if (best == "" || v > best) best = v }
		if (best == "") print ""; else printf "%.17g\n", best }' "$1"
}

# pair_best POOL BUDGET K: the best expected accuracy of any integer split of K
# inferences between two models within the budget (a lower bound on the ILP).
pair_best() {
	awk -F, -v b="$2" -v k="$3" 'NR > 1 && $1 !~ /^#/ { n++; c[n] = $2; p[n] = $3 }
		END { best = ""; B = b * k
		for (i = 1; i <= n; i++) for (j = 1; j <= n; j++) for (x = 0; x <= k; x++) {
			if (c[i] * x + c[j] * (k - x) > B + 1e-9 * B) continue
			v = (p[i] * x + p[j] * (k - x)) / k
			if (best == "" || v > best) best = v }
		if (best == "") print ""; else printf "%.17g\n", best }' "$1"
}

finish() {  # finish: the summary line and the script's status
	if [ "$FAILED" -gt 0 ]; then
		echo "$(basename "$0"): $FAILED of $CHECKS checks failed"
		exit 1
	fi
	echo "$(basename "$0"): $CHECKS checks passed"
}

self_test() {  # each assertion against a command whose answer is known
	OPTDEPLOY=sh
	run -c 'echo hello; echo oops >&2; exit 3'
	expect_status 3
	expect_out hello
	expect_err oops
	expect_line "$T/out" 1 hello
	expect_near "pi" 3.14159 3.14 0.01
	expect_true "order" "1 < 2"
	good=$CHECKS
	# every one of these must fail
	expect_status 0 2>/dev/null
	expect_out goodbye 2>/dev/null
	expect_no_out hello 2>/dev/null
	expect_err_empty 2>/dev/null
	expect_out_empty 2>/dev/null
	expect_line "$T/out" 1 hell 2>/dev/null
	expect_near "pi" 3.2 3.14 0.01 2>/dev/null
	expect_near "empty" "" 0 1 2>/dev/null
	expect_true "order" "2 < 1" 2>/dev/null
	run -c 'echo "AddressSanitizer: heap-use-after-free" >&2' 2>/dev/null
	bad=$((CHECKS - good))
	if [ "$FAILED" -ne "$bad" ] || [ "$bad" -ne 10 ]; then
		echo "lib.sh: self-test: $FAILED of $bad wrong answers were caught" >&2
		exit 1
	fi
	printf 'model,cost,accuracy\na,10,50\nb,20,70\nc,40,75\n' >"$T/pool.csv"
	FAILED=0
	expect_near "hull at 15" "$(hull_value "$T/pool.csv" 15)" 60 1e-9
	expect_near "hull at 30" "$(hull_value "$T/pool.csv" 30)" 72.5 1e-9
	expect_near "pairs at 15, K=3" "$(pair_best "$T/pool.csv" 15 3)" 56.6666667 1e-6
	finish
}

case $0 in
*lib.sh) self_test ;;
esac
