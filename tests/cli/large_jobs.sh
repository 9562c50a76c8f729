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

# The default lambda (0.1 K = 1e8) on 20,000 models (load costs 1) at K = 1e9,
# refused before ("lambda = 1e+08 is too large"), now solved exactly.  The
# proof: accuracies lie in [80, 80.04), so any policy's accuracy term is
# within 0.04 K = 4e7 of any other's, while every model beyond the first
# costs lambda = 1e8 of the credit; so the optimum is the most accurate model
# the budget affords alone, objective K p + lambda (n - 1), unique because
# the accuracies are distinct.
awk 'BEGIN { print "model,cost,accuracy"
	for (i = 0; i < 20000; i++)
		printf "m%d,%.2f,%.9f\n", i, 1 + i * 0.01, 80 + 0.04 * ((i * 7919) % 100003) / 100003 }' \
	>"$T/p20k.csv"
best=$(awk -F, 'NR > 1 && $2 <= 50 && (b == "" || $3 > a) { b = $1; a = $3 }
	END { printf "%s %.17g", b, 1e9 * a + 1e8 * 19999 }' "$T/p20k.csv")
run solve "$T/p20k.csv" --budget 50 --K 1e9 --format csv
expect_status 0
expect_err_empty
expect_out "${best% *},"
got=$(awk -F, -v m="${best% *}" '$1 == m { print $5, $12, $13 }' "$T/out")
expect_true "all 1e9 inferences on ${best% *}, optimal (got: $got)" \
	"\"$got\" ~ /^1000000000 [0-9.e+]+ optimal$/"
expect_near "objective K p + lambda (n - 1)" "$(echo "$got" | cut -d' ' -f2)" "${best#* }" 1e-15
expect_true "one model used" "$(awk -F, 'NR > 1 && $5 > 0' "$T/out" | wc -l) == 1"

# Accuracies of 1e-10 at K = 1000 with the default lambda: the charges
# (100 a model) dwarf the accuracy term (1e-7), and the answer is still exact:
# among the models the budget affords alone (a, b), the most accurate.
printf 'model,cost,accuracy\na,10,6e-11\nb,20,8e-11\nc,30,9e-11\nd,40,9.5e-11\n' >"$T/tiny.csv"
run solve "$T/tiny.csv" --budget 25 --format csv
expect_status 0
expect_out "b,20,8e-11,1,1000,1,25,1000,100,8e-11,20,300.00000008,optimal"
run solve "$T/tiny.csv" --budget 25
expect_out "objective          300.00000008 = accuracy term 8e-08 + lambda term 300 (maximised)"

# What must remain is worded as what can change.
printf 'model,cost,accuracy,load_cost\na,10,1e-290,1e12\nb,20,2e-290,1\n' >"$T/ext.csv"
expect_usage "lambda = 100 is too large beside this pool's accuracies: lambda x (sum of the load costs) would exceed 1e300 times the largest of them; give the accuracies in a larger unit, or a smaller --lambda" \
	solve "$T/ext.csv" --budget 15

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

# The same sweep as CSV (or as a table) is streamed, one level in memory: it starts writing
# under the same address-space limit.  Its 10^10 rows would take hours, so the
# reader stops after 1 MB; the sweep then ends on the closed pipe (SIGPIPE,
# or 73 when that is ignored), never with 70.
CMD="(ulimit -v $vlimit; optdeploy sweep p100k.csv --steps 100000 --format csv) | head -c 1000000"
(ulimit -v $vlimit && "$OPTDEPLOY" sweep "$T/p100k.csv" --steps 100000 --format csv --no-progress \
	2>"$T/err" </dev/null && echo 0 >"$T/rc" || echo $? >"$T/rc") | head -c 1000000 >"$T/out"
STATUS=$(cat "$T/rc")
sanitizer_clean
expect_true "ended by the closed pipe, not 70 (exit $STATUS)" "$STATUS == 141 || $STATUS == 73"
expect_line "$T/out" 1 "budget,model,count,share,expected_accuracy,expected_cost,objective,status"
expect_true "20,000 rows streamed at least" "$(wc -l <"$T/out") >= 20000"
finish
