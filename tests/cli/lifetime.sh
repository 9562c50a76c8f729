#!/bin/sh
# tests/cli/lifetime.sh - `optdeploy lifetime`: the K it reports fits and
# K + 1 does not, checked by independent `solve --min-accuracy --lambda 0`
# runs and awk arithmetic on the battery; its CSV is solve's CSV plus
# duration_s; the sweep is a non-increasing trade-off curve; the answers
# without a lifetime and every bad combination.
set -eu
. tests/cli/lib.sh

I=data/imagenet_paper.csv
U=data/uci_har.csv

# fits POOL FLOOR K BATTERY_J IDLE_W RATE_PER_S UNIT_J: exit 0 when the least
# energy of K inferences at the floor, plus the idle draw, fits the battery.
fits() {
	"$OPTDEPLOY" solve "$1" --min-accuracy "$2" --K "$3" --lambda 0 --format csv >"$T/fit.csv"
	awk -F, -v b="$4" -v w="$5" -v r="$6" -v u="$7" -v k="$3" '
		NR > 1 { e += $2 * $5 }
		END { exit !(e * u + w * k / r <= b) }' "$T/fit.csv"
}

# edge POOL UNIT UNIT_J BATTERY BATTERY_J IDLE IDLE_W RATE RATE_PER_S FLOOR
edge() {
	run lifetime "$1" --cost-unit "$2" --battery "$4" --idle "$6" --rate "$8" \
		--min-accuracy "${10}" --format csv
	expect_status 0
	k=$(awk -F, 'NR == 2 { print $8 }' "$T/out")
	d=$(awk -F, 'NR == 2 { print $14 }' "$T/out")
	expect_true "$4 $6 $8 floor ${10}: K = $k is a number" "\"$k\" + 0 > 0"
	expect_near "duration_s = K / rate" "$d" "$(awk -v k="$k" -v r="$9" 'BEGIN { printf "%.17g", k / r }')" 1e-6
	# the CSV without duration_s is solve's CSV for that K, byte for byte
	cut -d, -f1-13 "$T/out" >"$T/life.csv"
	run solve "$1" --min-accuracy "${10}" --K "$k" --lambda 0 --format csv
	cmp -s "$T/out" "$T/life.csv" && r=0 || r=1
	check $r "lifetime CSV = solve --min-accuracy ${10} --K $k --lambda 0 CSV"
	fits "$1" "${10}" "$k" "$5" "$7" "$9" "$3" && r=0 || r=1
	check $r "$4 at floor ${10}: K = $k fits"
	fits "$1" "${10}" "$((k + 1))" "$5" "$7" "$9" "$3" && r=1 || r=0
	check $r "$4 at floor ${10}: K + 1 = $((k + 1)) does not fit"
}

edge $I mJ 0.001 3000mAh@3.7V 39960 0W 0 10/s 10 75
edge $I mJ 0.001 3000mAh@3.7V 39960 50mW 0.05 10/s 10 70
edge $I mJ 0.001 11.1Wh 39960 2mW 0.002 1/s 1 78
edge $I mJ 0.001 5J 5 0W 0 1/s 1 72.5
edge $U mJ 0.001 40kJ 40000 10mW 0.01 2/s 2 90
edge $U J 1 1Wh 3600 0W 0 1/min 0.016666666666666666 88.5

# the table: the answer first, then the policy as solve prints it
run lifetime $I --cost-unit mJ --battery 3000mAh@3.7V --rate 10/s --min-accuracy 75
expect_status 0
expect_err_empty
expect_out "lifetime           1 d 3 h 41 min 24.4 s (99684.4 s): K = 996844 inferences"
expect_out "accuracy floor     75 (least energy for K inferences at expected accuracy >= floor; lambda = 0)"
expect_out "battery            39.96 kJ (3000 mAh at 3.7 V = 11.1 Wh); cost unit mJ"
expect_out "K + 1              996845 inferences need 39960.02811 J with the idle draw, more than the battery's 39960 J"
expect_out "problem            minimise expected cost with expected accuracy >= 75"
expect_out "lambda             0 (0 x K)"
expect_out "status             optimal"
fits $I 75 996844 39960 0 10 0.001 && r=0 || r=1
check $r "the table's K fits"
# the user's value once, not "(10Wh, 10 Wh)"
run lifetime --pool rpi4 --battery 10Wh --rate 10/s --min-accuracy 70
expect_status 0
expect_out "battery            36 kJ (10 Wh); cost unit mJ"

# -o writes the CSV atomically
run lifetime $I --cost-unit mJ --battery 3000mAh@3.7V --rate 10/s --min-accuracy 75 -o "$T/o.csv"
expect_status 0
expect_err "wrote 9 rows to $T/o.csv"
expect_line "$T/o.csv" 1 "model,cost,accuracy,load_cost,count,share,budget,k,lambda,expected_accuracy,expected_cost,objective,status,duration_s,measured_energy,expected_energy,inference_j,idle_j,total_j,battery_left_j"
# what the battery pays adds up to it (3000 mAh at 3.7 V = 39960 J), as the table says
expect_true "inference_j + idle_j = total_j = battery - battery_left_j" \
	"$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		{ a = $c["inference_j"] + $c["idle_j"] - $c["total_j"]; b = $c["total_j"] + $c["battery_left_j"] - 39960
		  if (a < -1e-6 || a > 1e-6 || b < -1e-6 || b > 1e-6) bad++ } END { print bad + 0 }' "$T/o.csv") == 0"

# the sweep: default floors from the cheapest model's accuracy to the best's
run lifetime $I --cost-unit mJ --battery 3000mAh@3.7V --idle 50mW --rate 10/s --sweep --format csv
expect_status 0
expect_line "$T/out" 1 "min_accuracy,status,k,duration_s,expected_accuracy,expected_cost,inference_j,idle_j,battery_left_j,models_used"
expect_true "11 floors" "$(($(wc -l <"$T/out") - 1)) == 11"
expect_line "$T/out" 2 "60.36,found,2628947,262894.7,60.36,10.2,26815.2594,13144.735,0.005599999999619243,1"
expect_true "last floor is the best model's accuracy" "\"$(awk -F, 'END { print $1 }' "$T/out")\" == \"78.396\""
awk -F, 'NR > 2 && $3 > prev { bad = 1 } NR > 1 { prev = $3 } END { exit bad }' "$T/out" && r=0 || r=1
check $r "the lifetime never grows with the floor"
awk -F, 'NR > 1 && ($5 < $1 - 1e-9 || $9 < 0 || $2 != "found") { bad = 1 } END { exit bad }' "$T/out" \
	&& r=0 || r=1
check $r "every floor met, every battery left >= 0"
cp "$T/out" "$T/sweep.csv"
# each row is the single-floor answer
for f in 60.36 69.378 78.396; do
	run lifetime $I --cost-unit mJ --battery 3000mAh@3.7V --idle 50mW --rate 10/s --min-accuracy $f --format csv
	want=$(awk -F, -v f=$f '$1 == f { print $3 }' "$T/sweep.csv")
	got=$(awk -F, 'NR == 2 { print $8 }' "$T/out")
	expect_true "floor $f: sweep K $want = single K $got" "\"$want\" == \"$got\" && \"$got\" != \"\""
done

# a floor above the best model: a row that says so; exit 0 for the sweep
run lifetime $I --cost-unit mJ --battery 40kJ --rate 10/s --sweep --from 70 --to 80 --steps 3
expect_status 0
expect_out "     80        -  infeasible"
run lifetime $I --cost-unit mJ --battery 40kJ --rate 10/s --sweep --from 70 --to 80 --steps 3 --format csv
expect_line "$T/out" 4 "80,infeasible,,,,,,,,"

# no lifetime: exit 1 and why
run lifetime $I --cost-unit mJ --battery 40kJ --rate 10/s --min-accuracy 80
expect_status 1
expect_out_empty
expect_err "optdeploy: infeasible: accuracy floor 80 is above the best reachable accuracy 78.396"
run lifetime $I --cost-unit mJ --battery 50mJ --rate 10/s --min-accuracy 78
expect_status 1
expect_err "optdeploy: not even one inference fits: at accuracy >= 78 it needs 100 mJ (with the idle draw), the battery holds 50 mJ"
# at the cap: 1e9 inferences of 10.2 mJ fit in 3000 kWh
run lifetime $I --cost-unit mJ --battery 3000kWh --rate 1000/s --min-accuracy 60
expect_status 0
expect_out "lifetime           at least 11 d 13 h 46 min 40 s (1000000 s): K = 1000000000 inferences fit, the largest K this program solves"

# device limits combine with lifetime: K fits within them and K + 1 does not,
# by independent `solve --lambda 0` runs with the same limits (fits_lim);
# torchvision costs are GFLOPS, converted here at 1 mJ per GFLOPS (--cost-unit 1mJ)
fits_lim() {  # FLOOR K BATTERY_J LIMIT_OPTIONS...
	fl=$1 kk=$2 bj=$3
	shift 3
	"$OPTDEPLOY" solve --pool torchvision --min-accuracy "$fl" --K "$kk" --lambda 0 "$@" \
		--format csv >"$T/fit.csv"
	awk -F, -v b="$bj" 'NR > 1 { e += $2 * $5 } END { exit !(e * 0.001 <= b) }' "$T/fit.csv"
}
TB="lifetime --pool torchvision --cost-unit 1mJ --battery 11.1Wh --rate 1/s"
TV="$TB --min-accuracy 80"
for lim in "--memory 40" "--memory 60 --max-models 1" "--max-models 1"; do
	# shellcheck disable=SC2086
	run $TV $lim --format csv
	expect_status 0
	k=$(awk -F, 'NR == 2 { print $8 }' "$T/out")
	expect_true "$lim: K = $k is a number" "\"$k\" + 0 > 0"
	# shellcheck disable=SC2086
	fits_lim 80 "$k" 39960 $lim && r=0 || r=1
	check $r "lifetime $lim: K = $k fits"
	# shellcheck disable=SC2086
	fits_lim 80 "$((k + 1))" 39960 $lim && r=1 || r=0
	check $r "lifetime $lim: K + 1 = $((k + 1)) does not fit"
	# the policy meets the limits
	awk -F, -v lim="$lim" 'NR > 1 && $5 > 0 { n++ } END { exit !(lim !~ /max-models 1/ || n == 1) }' \
		"$T/out" && r=0 || r=1
	check $r "lifetime $lim: at most the models allowed"
done
# the memory limit binds: 40 MB lasts less than no limit (51804186 inferences)
run $TV --memory 40
expect_status 0
expect_out "lifetime           433 d 1 h 34 min 2 s (37416842 s): K = 37416842 inferences"
expect_out "device limits      memory of the models used <= 40"
run $TB --memory 60 --max-models 1 --sweep --from 70 --to 80 --steps 2
expect_status 0
expect_out "device limits      at most 1 model used; their memory <= 60"
# the repro of the review: 80% is out of reach within 30 MB, at every K
run $TV --memory 30
expect_status 1
expect_out_empty
expect_err "optdeploy: infeasible: accuracy floor 80 is above the best reachable accuracy 78.828 within the memory limit 30"
run $TB --memory 30 --sweep --from 75 --to 80 --steps 2 --format csv
expect_status 0
expect_line "$T/out" 3 "80,infeasible,,,,,,,,"
# the default floors stop at the best one the limits allow: within 30 MB the
# best model reaches 78.828, so the last floor is that (found), not 88.552
run $TB --memory 30 --sweep --steps 5 --format csv
expect_status 0
expect_line "$T/out" 2 "60.552,found,998999999,998999999,60.552,0.04,39959.99996,0,3.999999827541956e-05,1"
expect_true "the last floor is 78.828" "\"$(awk -F, 'NR == 6 { print $1 "," $2 }' "$T/out")\" == \"78.828,found\""
expect_true "five floors" "$(wc -l <"$T/out") == 6"
# max models never lowers the best floor (one model suffices)
run $TB --max-models 1 --sweep --steps 2 --format csv
expect_status 0
expect_true "the last floor is the best model's" "\"$(awk -F, 'NR == 3 { print $1 "," $2 }' "$T/out")\" == \"88.552,found\""
# no model fits: the pool's range, each floor infeasible
run $TB --memory 1 --sweep --steps 2 --format csv
expect_status 0
expect_line "$T/out" 3 "88.552,infeasible,,,,,,,,"
# a memory limit needs a memory column
run lifetime $I --cost-unit mJ --battery 40kJ --rate 10/s --min-accuracy 75 --memory 30
expect_status 65
expect_err "a memory limit needs the models' memory footprints, and this pool has no memory column"

# bad combinations
L="lifetime $I --cost-unit mJ --battery 40kJ --rate 10/s"
expect_usage "lifetime: --min-accuracy is required (or --sweep for a range of accuracy floors)" $L
expect_usage "--min-accuracy and --sweep: give only one (--sweep takes its floors from --from, --to and --steps)" \
	$L --sweep --min-accuracy 70
expect_usage "--from: only with --sweep (the range of accuracy floors)" $L --min-accuracy 70 --from 60
expect_usage "--steps: only with --sweep (the range of accuracy floors)" $L --min-accuracy 70 --steps 3
expect_usage "--duration: not used by 'lifetime' (the duration is what it computes; 'solve --duration' plans a given one)" \
	$L --min-accuracy 70 --duration 1h
expect_usage "--lambda: not used by 'lifetime' (whether a policy fits depends on its energy alone: the search uses lambda = 0)" \
	$L --min-accuracy 70 --lambda 1
expect_usage "--K: not used by 'lifetime'" $L --min-accuracy 70 --K 10
expect_usage "--budget: not used by 'lifetime'" $L --min-accuracy 70 --budget 10
expect_usage "--relax: not used by 'lifetime'" $L --min-accuracy 70 --relax
expect_usage "--from 70 is not below --to 60" $L --sweep --from 70 --to 60
expect_usage "lifetime: the pool's costs have no physical unit; give --cost-unit (J, mJ, uJ, nJ, Wh, mWh, or what one cost unit is: 2.5mJ)" \
	lifetime $I --min-accuracy 70
expect_usage "--battery: the pool's costs have no physical unit; give --cost-unit (J, mJ, uJ, nJ, Wh, mWh, or what one cost unit is: 2.5mJ)" \
	lifetime $I --battery 40kJ --rate 1/s --min-accuracy 70
expect_usage "lifetime: --battery and --rate are required (missing: --rate)" \
	lifetime $I --cost-unit mJ --battery 40kJ --min-accuracy 70
expect_usage "--rate: \"10/fortnight\": unknown time unit 'fortnight' (s, min, h, d)" \
	lifetime $I --cost-unit mJ --battery 40kJ --rate 10/fortnight --min-accuracy 70
expect_usage "lifetime: missing FILE (- reads standard input)" lifetime --cost-unit mJ --battery 40kJ --rate 1/s --min-accuracy 70
# the pool comes from standard input like every batch command's
run_in $I lifetime - --cost-unit mJ --battery 40kJ --rate 10/s --min-accuracy 75 --format csv
expect_status 0
expect_true "stdin: a policy of 9 rows" "$(wc -l <"$T/out") == 10"

finish
