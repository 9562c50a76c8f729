#!/bin/sh
# tests/cli/solve.sh - the solve command on both bundled pools: figures derived
# from the pool files (the paper's provenance, brute force and the LP bound in
# awk), the table's fields, infeasibility, the dual, --relax, stdin.
set -eu
. tests/cli/lib.sh

U=data/uci_har.csv
I=data/imagenet_paper.csv

# UCI-HAR at budget 100, lambda 0: the most accurate model affords every inference
run solve $U --budget 100 --K 1000 --lambda 0
expect_status 0
expect_err_empty
expect_out "svm"
expect_near "expected accuracy at 100" "$(value_of "expected accuracy")" 96.33 1e-9
expect_true "svm runs all 1000" "$(awk '$1 == "svm" { print $5 }' "$T/out") == 1000"
expect_true "svm share" "\"$(awk '$1 == "svm" { print $6 }' "$T/out")\" == \"100.0%\""
for m in decision_tree gradient_boosting cnn_pruned cnn; do  # unused models are listed, marked
	expect_true "$m unused and marked" \
		"\"$(awk -v m=$m '$1 == m { print $5 " " $6 }' "$T/out")\" == \"0 -\""
done
# the table's fields: budget and B, K, lambda absolute and per K, method, status
expect_out "budget             100 per inference; B = budget x K = 100000"
expect_out "K                  1000 inferences"
expect_out "lambda             0 (0 x K)"
expect_out "method             exact ILP (GLPK branch and bound)"
expect_out "status             optimal"
expect_out "total cost         100000 of B = 100000"
expect_out "models used        1 of 5"
expect_out "LP bound"
expect_out "objective          96330 = accuracy term 96330 + lambda term 0"

# the default lambda is 0.1 K and is shown both ways
run solve $U --budget 90 --K 2000
expect_status 0
expect_out "lambda             200 (0.1 x K)"
expect_out "K                  2000 inferences"
run solve $U --budget 90 --K 1e6 --lambda-per-k 0.25
expect_status 0
expect_out "K                  1000000 inferences"
expect_out "lambda             250000 (0.25 x K)"

# ImageNet, lambda 0, K 1000: the paper's Table 5 (provenance: within 0.05)
for bw in "20 70.64" "50 76.67" "100 78.396"; do
	set -- $bw
	run solve $I --budget "$1" --K 1000 --lambda 0
	expect_status 0
	expect_near "ImageNet expected accuracy at budget $1" "$(value_of "expected accuracy")" "$2" 0.05
done
expect_true "budget 100 is all se_resnet101" "$(awk '$1 == "se_resnet101" { print $5 }' "$T/out") == 1000"

# any budget, lambda 0: between the best two-model integer split and the LP bound
for b in 62 70 80 90 97; do
	run solve $U --budget "$b" --K 1000 --lambda 0
	expect_status 0
	acc=$(value_of "expected accuracy")
	lo=$(pair_best $U "$b" 1000)
	hi=$(hull_value $U "$b")
	expect_true "UCI-HAR at $b: $lo <= $acc <= $hi" "$acc >= $lo - 1e-6 && $acc <= $hi + 1e-6"
	cost=$(value_of "expected cost")
	expect_true "UCI-HAR at $b: expected cost $cost within the budget" "$cost <= $b + 1e-9"
done
for b in 15 30 60; do
	run solve $I --budget "$b" --K 1000 --lambda 0
	expect_status 0
	acc=$(value_of "expected accuracy")
	lo=$(pair_best $I "$b" 1000)
	hi=$(hull_value $I "$b")
	expect_true "ImageNet at $b: $lo <= $acc <= $hi" "$acc >= $lo - 1e-6 && $acc <= $hi + 1e-6"
done

# infeasible: below the cheapest model (59.01) -> exit 1, the reason, no policy
run solve $U --budget 50
expect_status 1
expect_out_empty
expect_err "optdeploy: "
expect_err "infeasible"
expect_err "59.01"
run solve $U --budget 50 --format csv
expect_status 1
expect_out_empty
run solve $U --budget 50 -o "$T/inf.csv"
expect_status 1
[ ! -e "$T/inf.csv" ] && r=0 || r=1
check $r "an infeasible solve writes no file"

# the dual: the cheapest policy reaching an accuracy floor
run solve $U --min-accuracy 90 --lambda 0
expect_status 0
expect_out "minimise expected cost with expected accuracy >= 90"
acc=$(value_of "expected accuracy")
cost=$(value_of "expected cost")
expect_true "dual meets the floor ($acc)" "$acc >= 90"
# cheaper than the cheapest single model reaching 90 (svm, 100), not below the LP's cost:
# on the hull decision_tree -> svm, accuracy 90 costs 59.01 + (90 - 84.66) / (96.33 - 84.66) * 40.99
lp=$(awk 'BEGIN { printf "%.17g", 59.01 + (90 - 84.66) / (96.33 - 84.66) * 40.99 }')
expect_true "dual cost $cost between the LP cost $lp and 100" "$cost >= $lp - 1e-6 && $cost < 100"
expect_no_out "B = budget x K"
run solve $U --min-accuracy 97
expect_status 1
expect_err "optdeploy: "
expect_err "96.33"
expect_out_empty

# --relax: the paper's method, with the exact figures and the Theorem 3.2 bound
run solve $U --budget 80 --K 1000 --lambda 0 --relax
expect_status 0
expect_out "LP relaxation + floor rounding"
expect_out "status             lp_rounded"
expect_out "exact ILP"
expect_out "rounding gap"
# (p_best + p_second - 2 p_cheapest) / K = (96.33 + 91.95 - 2 * 84.66) / 1000
bound=$(value_of "Theorem 3.2 bound")
expect_near "Theorem 3.2 bound" "$bound" 0.01896 1e-9
gap=$(awk '/^rounding gap/ { for (i = 1; i <= NF; i++) if ($i == "accuracy") { print $(i + 1); exit } }' "$T/out" | tr -d ,)
expect_true "rounding gap $gap within the bound $bound" "$gap >= -1e-9 && $gap <= $bound + 1e-9"

# stdin: the same policy as from the file
run solve $U --budget 85 --format csv
cp "$T/out" "$T/file.csv"
run_in $U solve - --budget 85 --format csv
expect_status 0
cmp -s "$T/out" "$T/file.csv" && r=0 || r=1
check $r "solve - < FILE gives the same CSV as solve FILE"
run_in $U solve - --budget 85
expect_status 0
expect_out "<stdin>"

# --normalize: ImageNet is already on the paper's scale, so nothing changes
run solve $I --budget 50 --lambda 0 --normalize
expect_status 0
expect_near "normalised ImageNet at 50" "$(value_of "expected accuracy")" 76.67 0.05
expect_out "costs normalised"

# B = budget x K beyond the range of a double: the answer (every inference on
# the best model) is right; the printed B is the true product, never "inf"
run solve $U --budget 1e308 --K 1e9
expect_status 0
expect_out "budget             1e+308 per inference; B = budget x K = 1e+317 (beyond the range of a double); every policy fits"
expect_out "total cost         100000000000 of B = 1e+317 (beyond the range of a double)"
grep -q "inf$\|= inf" "$T/out" && r=1 || r=0
check $r "budget 1e308 x K 1e9: no 'inf' printed"
expect_true "svm runs every inference" "$(awk '$1 == "svm" { print $5 }' "$T/out") == 1000000000"
run solve $U --budget 1.7e308 --K 1000 --lambda 0
expect_status 0
expect_out "B = budget x K = 1.7e+311 (beyond the range of a double)"
# a finite B is printed as before
run solve $U --budget 1e300 --K 1000
expect_out "budget             1e+300 per inference; B = budget x K = 1e+303"

finish
