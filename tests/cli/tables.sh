#!/bin/sh
# tests/cli/tables.sh - the human tables of sweep, frontier and compare: their
# rows, the model legend, and values that agree with the CSV forms.
set -eu
. tests/cli/lib.sh

U=data/uci_har.csv
I=data/imagenet_paper.csv

# lines of the table body: two spaces, then a number
body() {
	grep -E '^  +[0-9]' "$T/out" || true
}

# sweep: 101 rows, the header, a legend naming every model with its column
run sweep $U
expect_status 0
expect_err_empty
expect_out "sweep              101 budget levels from 59.01 to 100 per inference"
expect_out "lambda             100 (0.1 x K)"
for col in budget accuracy cost objective status "#1" "#5"; do
	expect_out "$col"
done
n=1
for m in $(sed 1d $U | cut -d, -f1); do
	expect_out "#$n    $m (cost"
	n=$((n + 1))
done
expect_true "sweep table rows" "$(body | wc -l) == 101"
expect_true "every level optimal" "$(body | grep -c ' optimal ') == 101"
# the last level (budget 100) at lambda 0 is all svm: 100.0 in column #5
run sweep $U --lambda 0
expect_status 0
last=$(body | tail -n 1)
expect_true "last row is budget 100: $last" "$(echo "$last" | awk '{ print $1 }') == 100"
expect_true "last row is all svm: $last" "$(echo "$last" | awk '{ print $NF }') == 100.0"
expect_true "last row accuracy: $last" "$(echo "$last" | awk '{ print $2 }') == 96.33"

# levels below the cheapest model are infeasible, shown as such, and not an error
run sweep $U --from 40 --to 80 --steps 5
expect_status 0
expect_true "two infeasible levels (40, 50)" "$(grep -c ' infeasible' "$T/out") == 2"
expect_true "five rows" "$(body | wc -l) == 5"

# a 9-model pool keeps a column per model
run sweep $I --steps 11
expect_status 0
expect_out "#9    se_resnet101 (cost 100, accuracy 78.396)"
expect_true "11 rows" "$(body | wc -l) == 11"

# a pool of more than 12 models shows only the models used at some level
{
	echo "model,cost,accuracy"
	i=1
	while [ $i -le 14 ]; do
		echo "m$i,$((10 + i)),$((40 + i))"
		i=$((i + 1))
	done
	echo "junk,200,10"
} >"$T/big.csv"
run sweep "$T/big.csv" --steps 3 --lambda 0
expect_status 0
expect_no_out "junk (cost"
expect_out "models have share 0 at every level)"

# every model at one cost: the default range is that single budget
printf 'model,cost,accuracy\na,50,70\nb,50,80\n' >"$T/flat.csv"
run sweep "$T/flat.csv" --lambda 0
expect_status 0
expect_out "1 budget level, 50 per inference"
# columns cheapest first, the more accurate first at one cost: #2 (b) before #1 (a)
expect_true "one row, all on b" "\"$(body | awk '{ print $1, $2, $6, $7 }')\" == \"50 80 100.0 .\""

# stdin
run_in $U sweep - --steps 3
expect_status 0
expect_out "<stdin>, 5 models"

# frontier: the three parts, with model names
run frontier $U
expect_status 0
expect_err_empty
expect_out "Pareto-optimal single models (4 of 5)"
expect_out "LP frontier: the 2 vertices of the upper concave hull"
expect_out "ILP frontier: K = 1000, lambda = 100 (0.1 x K), 21 budget levels"
for m in decision_tree cnn_pruned cnn svm; do
	expect_out "  $m"
done
expect_true "21 ILP rows" "$(body | wc -l) == 21"
# the ILP frontier never rises above the LP hull
body | awk '$2 ~ /^[0-9]/ && $3 ~ /^[0-9]/ && $2 > $3 + 1e-6 { bad = 1 } END { exit bad }' \
	&& r=0 || r=1
check $r "ILP accuracy <= LP hull at every level"
run frontier $I --steps 4 --K 50
expect_status 0
expect_out "K = 50"
expect_out "se_resnet101"
expect_out "shufflenet_v2_x0_5"

# compare: every model, and the gains agree with the CSV
run compare $U --lambda 0
expect_status 0
expect_err_empty
for h in model cost accuracy "policy accuracy" gain "policy cost" saving "saving %"; do
	expect_out "$h"
done
for m in $(sed 1d $U | cut -d, -f1); do
	expect_out "  $m "
done
gain_table=$(awk '$1 == "gradient_boosting" { print $5 }' "$T/out")
run compare $U --lambda 0 --format csv
gain_csv=$(csv_field "$T/out" gradient_boosting accuracy_gain)
expect_near "gradient_boosting gain, table vs CSV" "$gain_table" "$gain_csv" 0.005
run compare $I --K 100
expect_status 0
expect_out "K                  100 inferences"
expect_out "mobilenet_v2"

finish
