#!/bin/sh
# tests/cli/time.sh - the latency column and the time constraints: located
# errors, --latency-unit, --deadline (models left out, infeasible), the
# time row of --rate and --duty-cycle in every command (the same answer as
# solve's), and the idle draw charged for idle time only, checked against a
# two-model example computed by hand in both energy modes.
set -eu
. tests/cli/lib.sh

# three models: energy (mJ), accuracy, latency (ms)
printf 'model,cost,accuracy,latency\nsmall,10,60,20\nmid,30,75,80\nbig,60,85,340\n' >"$T/p.csv"
P=$T/p.csv

# strict parsing (64) and located data errors (65)
run solve $P --budget 50 --deadline 100
expect_status 64
expect_err '--deadline: "100": missing unit (s, ms, us)'
expect_usage '--duty-cycle: "1.5" is not a number in (0, 1] (the share of the time the device may be busy)' solve $P --budget 50 --rate 1/s --duty-cycle 1.5
expect_usage '--duty-cycle: "0" is not a number in (0, 1] (the share of the time the device may be busy)' solve $P --budget 50 --rate 1/s --duty-cycle 0
expect_usage '--duty-cycle: "nan" is not a number in (0, 1] (the share of the time the device may be busy)' solve $P --budget 50 --rate 1/s --duty-cycle nan
expect_usage '--duty-cycle: only with --rate (the device is busy at most D x K / rate seconds)' solve $P --budget 50 --duty-cycle 0.5
expect_usage '--latency-unit: "min" is not a latency unit (s, ms, us)' solve $P --budget 50 --latency-unit min
expect_usage '--energy: only with --idle (it says whether the energies include the idle draw)' solve $P --cost-unit mJ --battery 1J --rate 1/s --duration 1s --energy above-idle
expect_usage '--energy: "half" is not whole-board or above-idle' solve $P --budget 50 --energy half
expect_usage "--relax and --rate: the LP relaxation's rounding may use models the time constraints forbid; solve exactly instead" solve $P --budget 50 --rate 5/s --relax
printf 'model,cost,accuracy,latency\na,1,50,x\n' >"$T/bad.csv"
run solve "$T/bad.csv" --budget 1 --deadline 1s
expect_status 65
expect_err "$T/bad.csv:2: column 'latency': \"x\" is not a number"
printf 'model,cost,accuracy,latency\na,1,50,-3\n' >"$T/neg.csv"
run solve "$T/neg.csv" --budget 1 --rate 1/s
expect_status 65
expect_err "$T/neg.csv:2: column 'latency': \"-3\" is negative (a latency must be >= 0)"
printf 'model,cost,accuracy,latency\na,1,50,3\nb,2,60,\n' >"$T/gap.csv"
run solve "$T/gap.csv" --budget 2
expect_status 0
run solve "$T/gap.csv" --budget 2 --deadline 10ms
expect_status 65
expect_err "$T/gap.csv:3: column 'latency': empty value (a number is needed by --deadline or --rate)"
printf 'model,cost,accuracy,speed\na,1,50,3\n' >"$T/nolat.csv"
for cmd in "solve --budget 1" "sweep --steps 3" "frontier --steps 3" "compare"; do
	run $cmd "$T/nolat.csv" --rate 2/s
	expect_status 65
	expect_err "no latency column (--columns latency=COLUMN)"
done
run solve "$T/nolat.csv" --budget 1 --deadline 5ms --columns latency=speed
expect_status 0
expect_out "too slow           none: every model meets the deadline 5 ms"

# the unit: --latency-unit, else the header's suffix (latency_s is seconds), else ms
printf 'model,cost,accuracy,latency_s\na,10,60,0.02\nb,30,75,0.08\n' >"$T/secs.csv"
run solve "$T/secs.csv" --budget 30 --columns latency=latency_s --deadline 50ms
expect_status 0
expect_out "too slow           1 model slower than 50 ms, not used: b"
run solve "$T/secs.csv" --budget 30 --columns latency=latency_s --deadline 50ms --latency-unit ms
expect_out "too slow           none: every model meets the deadline 50 ms"

# the deadline: slower models are left out and listed; none left is infeasible
run solve $P --budget 60 --deadline 100ms --lambda 0
expect_status 0
expect_out "deadline           100 ms per inference (slower models are not used)"
expect_out "too slow           1 model slower than 100 ms, not used: big"
expect_true "big unused" "$(awk '$1 == "big" { print $5 }' "$T/out") == 0"
run solve $P --budget 60 --deadline 0.1s --latency-unit s
expect_status 1
expect_err "no model meets the deadline 100 ms (the fastest takes 20000 ms)"
run solve $P --budget 60 --deadline 20ms
expect_status 0
expect_true "small alone" "$(awk '$1 == "small" { print $5 }' "$T/out") == 1000"
run solve $P --budget 60 --deadline 19ms
expect_status 1
expect_err "infeasible: no model meets the deadline 19 ms (the fastest takes 20 ms)"

# the time row: at 10/s the unconstrained policy (all on big, 0.34 s each)
# keeps the device busy 340% of the time; with the row it fits, and binds
run solve $P --budget 60 --lambda 0 --K 1000
expect_true "all on big" "$(awk '$1 == "big" { print $5 }' "$T/out") == 1000"
run solve $P --budget 60 --lambda 0 --K 1000 --rate 10/s
expect_status 0
expect_out "time row           busy at most 100% of the time at 10/s: sum t x <= 100 ms x K"
busy=$(awk '$1 == "small" { s = $5 } $1 == "mid" { m = $5 } $1 == "big" { b = $5 } END { print s * 0.020 + m * 0.080 + b * 0.340 }' "$T/out")
expect_true "busy $busy s fits 100 s" "$busy <= 100"
expect_true "busy $busy s binds" "$busy > 99"
expect_out "busy               "
expect_out "the K inferences arrive in (10/s): busy"
# a duty cycle of a half halves it
run solve $P --budget 60 --lambda 0 --K 1000 --rate 10/s --duty-cycle 0.5
busy=$(awk '$1 == "small" { s = $5 } $1 == "mid" { m = $5 } $1 == "big" { b = $5 } END { print s * 0.020 + m * 0.080 + b * 0.340 }' "$T/out")
expect_true "busy $busy s fits 50 s" "$busy <= 50"
# the dual form keeps up too, and at K = 1e9
run solve $P --min-accuracy 72 --K 1000000000 --rate 10/s
expect_status 0
expect_out "status             optimal"
# no model fast enough: cannot keep up
run solve $P --budget 60 --rate 100/s
expect_status 1
expect_err "the device cannot keep up: the fastest model ('small') takes 20 ms per inference"

# the policy CSV carries the busy time with the time row, in the memory columns' style:
# latency_s (the model's), busy_s (sum t x over the K inferences), busy_share (of K / rate)
# and busy_limit_s (duty x K / rate); 1000 at 10/s with a duty cycle of a half: 50 s
run solve $P --budget 60 --lambda 0 --K 1000 --rate 10/s --duty-cycle 0.5 --format csv
expect_status 0
expect_out "model,cost,accuracy,load_cost,count,share,budget,k,lambda,expected_accuracy,expected_cost,objective,status,latency_s,busy_s,busy_share,busy_limit_s"
busy=$(awk -F, 'NR > 1 { b += $5 * $14 } END { printf "%.9g", b }' "$T/out")
got=$(awk -F, 'NR == 2 { printf "%.9g", $15 }' "$T/out")
expect_true "busy_s $got = sum count x latency_s $busy" "$got == $busy && $got > 0"
expect_true "busy_share = busy_s / 100 s" "$(awk -F, 'NR == 2 { print $16 * 100 }' "$T/out") == $got"
expect_true "busy_limit_s 50" "$(csv_field "$T/out" big busy_limit_s) == 50"
expect_true "latency_s of big 0.34" "$(csv_field "$T/out" big latency_s) == 0.34"
# -o writes the same bytes, and --memory's columns come first when both rows are active
cp "$T/out" "$T/busy_stdout.csv"
run solve $P --budget 60 --lambda 0 --K 1000 --rate 10/s --duty-cycle 0.5 -o "$T/busy.csv"
cmp -s "$T/busy_stdout.csv" "$T/busy.csv" || { echo "FAIL: -o differs from --format csv" >&2; exit 1; }
printf 'model,cost,accuracy,latency,memory\nsmall,10,60,20,5\nmid,30,75,80,7\nbig,60,85,340,9\n' >"$T/pm.csv"
run solve "$T/pm.csv" --budget 60 --K 1000 --rate 10/s --memory 20 --format csv
expect_status 0
expect_out "status,memory,memory_used,memory_limit,latency_s,busy_s,busy_share,busy_limit_s"
# no rate (a deadline alone is no time row): the columns are as before
run solve $P --budget 60 --K 1000 --deadline 100ms --format csv
expect_status 0
head -n 1 "$T/out" | grep -qx "model,cost,accuracy,load_cost,count,share,budget,k,lambda,expected_accuracy,expected_cost,objective,status" ||
	{ echo "FAIL: a deadline alone changed the CSV columns" >&2; exit 1; }

# every command honours the row: schedule's counts are solve's, sweep's level is solve's
run solve $P --budget 40 --lambda 0 --rate 8/s --format csv
cp "$T/out" "$T/solve.csv"
run schedule $P --budget 40 --lambda 0 --rate 8/s
expect_status 0
for m in small mid big; do
	want=$(csv_field "$T/solve.csv" "$m" count)
	got=$(awk -F, -v m="$m" '$1 == m { n += $2 } END { print n + 0 }' "$T/out")
	expect_true "schedule $m $got = solve $want" "$got == $want"
done
run sweep $P --from 40 --to 80 --steps 2 --lambda 0 --rate 8/s
expect_status 0
expect_out "time row           busy at most 100% of the time at 8/s"
run sweep $P --from 40 --to 80 --steps 2 --lambda 0 --rate 8/s --format csv
expect_status 0
expect_out "$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i } NR == 2 { printf "40,small,%s,", $c["count"]; exit }' "$T/solve.csv")"
run frontier $P --rate 8/s --deadline 100ms --steps 3
expect_status 0
expect_out "deadline           100 ms per inference"
# its lists leave out the model the deadline rules out (plot draws the same hull);
# the hull holds the time row too (tests/cli/frontier_time.sh)
expect_out "frontier lists     Pareto and LP hull over the 2 models that meet the deadline"
expect_no_out "without the time row"
run frontier $P --deadline 100ms --steps 3 --format csv
expect_status 0
expect_true "big is on no list" "$(grep -c '^\(pareto\|hull\),.*,big,' "$T/out" || true) == 0"
expect_true "mid is on the hull" "$(grep -c '^hull,30,75,mid,' "$T/out" || true) == 1"
run compare $P --rate 8/s
expect_status 0
expect_out "time row"
run plot $P --rate 8/s --budget 40 -o "$T/f.svg"
expect_status 0

# idle charged for idle time only: a (100 mJ, 50 ms, 60%) and b (300 mJ,
# 100 ms, 80%), 1 W idle, 2/s for 100 s (K = 200), a 130 J battery.
#  whole-board: costs 100 - 50 = 50 and 300 - 100 = 200 mJ, B = 130 - 100 =
#   30 J: 150 x_b <= 20000, x_b = 133, x_a = 67; busy 16.65 s; energy 46.6 J,
#   idle 83.35 J, 50 mJ left.
#  above-idle: 200 x_b <= 10000, x_b = 50, x_a = 150; energy 30 J, idle 100 J, 0 left.
printf 'model,cost,accuracy,latency\na,100,60,50\nb,300,80,100\n' >"$T/two.csv"
B="--cost-unit mJ --battery 130J --rate 2/s --duration 100s --idle 1W --lambda 0"
run solve "$T/two.csv" $B
expect_status 0
# the table: cost is e - P t, energy the measured e beside it
expect_out "  model  cost (mJ)  energy (mJ)  accuracy  load_cost  count  share"
expect_true "b: cost 200, energy 300" "$(awk '$1 == "b" { print ($2 == 200 && $3 == 300) }' "$T/out") == 1"
expect_true "whole-board x_b" "$(awk '$1 == "b" { print $6 }' "$T/out") == 133"
expect_true "whole-board x_a" "$(awk '$1 == "a" { print $6 }' "$T/out") == 67"
expect_out "energy             46.6 J for K inferences"
expect_out "idle draw          1 W for the 1 min 23.35 s idle (of 1 min 40 s) = 83.35 J"
expect_out "total energy       129.95 J = inferences 46.6 J + idle 83.35 J (what the battery pays)"
expect_out "battery left       50 mJ"
run solve "$T/two.csv" $B --energy above-idle
expect_status 0
expect_no_out "energy (mJ)"
expect_true "above-idle x_b" "$(awk '$1 == "b" { print $5 }' "$T/out") == 50"
expect_true "above-idle x_a" "$(awk '$1 == "a" { print $5 }' "$T/out") == 150"
expect_out "energy             30 J for K inferences"
expect_out "idle draw          1 W for 1 min 40 s = 100 J (energies above idle: --energy above-idle)"
expect_out "total energy       130 J = inferences 30 J + idle 100 J (what the battery pays)"
expect_out "battery left       0 J"
# the CSV says the same: cost (the row's c, e - P t whole-board) stays, the
# measured energy and what the battery pays follow, hand-computed above
# (battery_csv MODE-ARGS: x_a x_b, e_a e_b, expected energy, inference_j,
# idle_j, total_j, battery_left_j, each within 1e-9 relative)
battery_csv() {
	_want=$1
	shift
	run solve "$T/two.csv" $B "$@" --format csv
	expect_status 0
	expect_out "busy_limit_s,measured_energy,expected_energy,inference_j,idle_j,total_j,battery_left_j"
	_got=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		{ n[$1] = $c["count"]; e[$1] = $c["measured_energy"]; last = $0
		  x = $c["expected_energy"] " " $c["inference_j"] " " $c["idle_j"] " " $c["total_j"] " " $c["battery_left_j"] }
		END { print n["a"], n["b"], e["a"], e["b"], x }' "$T/out")
	check "$(awk -v g="$_got" -v w="$_want" 'BEGIN { n = split(g, a, " "); split(w, b, " ")
		if (n != 9) exit 1
		for (i = 1; i <= 9; i++) { d = a[i] - b[i]; if (d < 0) d = -d
			if (d > 1e-9 * (b[i] < 0 ? -b[i] : b[i]) + 1e-12) exit 1 }
		exit 0 }'; echo $?)" "battery CSV $* : got $_got, want $_want"
	expect_true "total_j = battery - battery_left_j" \
		"$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } { d = $c["total_j"] + $c["battery_left_j"] - 130 } END { print (d < 1e-9 && d > -1e-9) }' "$T/out") == 1"
}
battery_csv "67 133 100 300 233 46.6 83.35 129.95 0.05"
battery_csv "150 50 100 300 150 30 100 130 0" --energy above-idle
# whole-board: the cost column is e - P t (the row's), as before
expect_true "above-idle cost of b is its energy" "$(csv_field "$T/out" b cost) == 300"
run solve "$T/two.csv" $B --format csv
expect_true "whole-board cost of b is e - P t" "$(csv_field "$T/out" b cost) == 200"
# without a battery the columns are as before
run solve "$T/two.csv" --budget 150 --rate 2/s --format csv
expect_no_out "measured_energy"
# schedule's C header states the measured energy beside the e - P t cost
run schedule "$T/two.csv" $B --format c
expect_status 0
expect_out " * expected cost:     149.75 mJ per inference"
expect_out " * expected energy:   233 mJ per inference (measured, whole-board)"
run schedule "$T/two.csv" $B --format c --energy above-idle
expect_no_out "expected energy"
# an energy below P t_i is no whole-board measurement: a data error naming the model
run solve "$T/two.csv" --cost-unit mJ --battery 400J --rate 2/s --duration 100s --idle 3W
expect_status 65
expect_err "$T/two.csv: model 'a': its energy per inference (100 mJ) is below the idle draw over its latency (3 W x 50 ms = 150 mJ)"
run solve "$T/two.csv" --cost-unit mJ --battery 400J --rate 2/s --duration 100s --idle 3W --energy above-idle
expect_status 0
# lifetime with the row: the policy fits its time and the battery
run lifetime "$T/two.csv" --cost-unit mJ --battery 130J --rate 2/s --idle 1W --min-accuracy 70 --duty-cycle 0.2
expect_status 0
expect_out "time row           busy at most 20% of the time at 2/s"
expect_out "busy               "
expect_out "(whole-board) + idle"
# its table's costs are e - P t: a line says so (solve's battery lines do too)
expect_out "costs              each energy less the idle draw during its inference (e - P t"
run lifetime "$T/two.csv" --cost-unit mJ --battery 130J --rate 2/s --idle 1W --min-accuracy 70 --energy above-idle
expect_status 0
expect_no_out "e - P t"
# its policy CSV keeps the measured energy beside the e - P t cost, as solve's does
run lifetime "$T/two.csv" --cost-unit mJ --battery 130J --rate 2/s --idle 1W --min-accuracy 70 --format csv
expect_status 0
expect_true "lifetime CSV: b costs 200 (e - P t), measured 300" \
	"$(csv_field "$T/out" b cost) == 200 && $(csv_field "$T/out" b measured_energy) == 300"
expect_true "lifetime CSV: total_j + battery_left_j = 130 J" \
	"$(csv_field "$T/out" b total_j) + $(csv_field "$T/out" b battery_left_j) - 130 < 1e-9"
# its CSV splits the battery the same way: whole-board inferences + idle time + left
run lifetime "$T/two.csv" --cost-unit mJ --battery 130J --rate 2/s --idle 1W --sweep --steps 3 --duty-cycle 0.2 --format csv
expect_status 0
expect_true "every found row adds up to the battery" \
	"$(awk -F, 'NR > 1 && $2 == "found" { n++; d = $7 + $8 + $9 - 130; if (d < -1e-6 || d > 1e-6) bad++ } END { print (n > 0 && bad == 0) }' "$T/out") == 1"
finish
