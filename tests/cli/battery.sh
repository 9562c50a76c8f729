#!/bin/sh
# tests/cli/battery.sh - solve in physical units: `solve --battery --rate
# --duration` gives byte for byte the policy of `solve --K K --budget B/K`
# (CSV and the table's rows) for several batteries, rates and durations;
# K is exact where binary floating point is not; every bad unit string and
# bad combination is a usage error (64) with its message.
set -eu
. tests/cli/lib.sh

I=data/imagenet_paper.csv
U=data/uci_har.csv

# policy_rows FILE: the allocation table of solve's output (header to blank line)
policy_rows() {
	awk '/^  model / { on = 1 } on && /^$/ { exit } on' "$1"
}

# same_policy POOL UNIT BATTERY IDLE RATE DURATION: the battery problem and the
# plain problem it names are the same problem, byte for byte but for the six
# columns of what the battery pays, which the battery's CSV adds; sets SP_K, SP_B.
same_policy() {
	pool=$1 unit=$2 bat=$3 idle=$4 rate=$5 dur=$6
	run solve "$pool" --cost-unit "$unit" --battery "$bat" --idle "$idle" --rate "$rate" \
		--duration "$dur" --format csv
	expect_status 0
	cp "$T/out" "$T/battery.csv"
	k=$(csv_field "$T/battery.csv" "$(sed -n 2p "$T/battery.csv" | cut -d, -f1)" k)
	b=$(csv_field "$T/battery.csv" "$(sed -n 2p "$T/battery.csv" | cut -d, -f1)" budget)
	run solve "$pool" --K "$k" --budget "$b" --format csv
	expect_status 0
	head -n 1 "$T/battery.csv" | grep -q ",measured_energy,expected_energy,inference_j,idle_j,total_j,battery_left_j$" &&
		r=0 || r=1
	check $r "$bat $idle $rate $dur: the battery's CSV ends with what the battery pays"
	awk -F, -v OFS=, '{ NF -= 6; print }' "$T/battery.csv" >"$T/battery_plain.csv"
	cmp -s "$T/out" "$T/battery_plain.csv" && r=0 || r=1
	check $r "$bat $idle $rate $dur: CSV equals solve --K $k --budget $b"
	# the table names the same problem, with the budget at round-trip precision
	run solve "$pool" --cost-unit "$unit" --battery "$bat" --idle "$idle" --rate "$rate" \
		--duration "$dur"
	expect_status 0
	policy_rows "$T/out" >"$T/battery.rows"
	same=$(awk '/^same as / { print $7 " " $9 }' "$T/out")
	kt=${same% *}
	bt=${same#* }
	expect_true "table K $kt = CSV K $k" "$kt == $k"
	run solve "$pool" --cost-unit "$unit" --K "$kt" --budget "$bt"
	policy_rows "$T/out" >"$T/plain.rows"
	[ -s "$T/plain.rows" ] && cmp -s "$T/plain.rows" "$T/battery.rows" && r=0 || r=1
	check $r "$bat $idle $rate $dur: table rows equal solve --K $kt --budget $bt"
	SP_K=$k
	SP_B=$b
}

same_policy $I mJ 3000mAh@3.7V 0W 10/s 24h
expect_true "K = 10/s x 24 h" "$SP_K == 864000"
expect_near "budget 39960000 mJ / 864000" "$SP_B" 46.25 0
same_policy $I mJ 40mWh 2mW 30/min 90min
expect_true "K = 30/min x 90 min exactly" "$SP_K == 2700"
expect_near "budget (144 J - 10.8 J) / 2700 in mJ" "$SP_B" 49.333333333333333 1e-12
same_policy $I mJ 500J 0.5mW 1/min 7d
expect_true "K = 1/min x 7 d" "$SP_K == 10080"
expect_near "budget (500 - 302.4) J / 10080" "$SP_B" 19.603174603174603 1e-12
same_policy $I mJ 0.01Ah@3700mV 0W 0.29/s 100s
expect_true "K = 0.29/s x 100 s = 29 (not 28)" "$SP_K == 29"
same_policy $U uJ 11.1Wh 100uW 1000/s 7d
expect_true "K = 1000/s x 7 d" "$SP_K == 604800000"
same_policy $U J 1.5kJ 0W 1/h 24h
expect_true "K = 24" "$SP_K == 24"
same_policy $U mJ 1e5J 1mW 3/s 3600s
expect_true "K = 10800" "$SP_K == 10800"

# the physical lines of the table
run solve $I --cost-unit mJ --battery 3000mAh@3.7V --idle 2mW --rate 1/s --duration 24h
expect_status 0
expect_err_empty
expect_out "battery            39.96 kJ (3000 mAh at 3.7 V = 11.1 Wh)"
expect_out "idle draw          2 mW for 1 d = 172.8 J"
expect_out "inferences         1/s for 24h (86400 s): K = floor(rate x duration) = 86400"
expect_out "budget             B = battery - idle = 39.7872 kJ = 39787200 mJ; per inference B / K = 460.5 mJ"
expect_out "same as            optdeploy solve FILE --K 86400 --budget 460.5"
expect_out "K                  86400 inferences"
# every inference runs the best model (100 mJ): 8.64 kJ spent, 31.1472 kJ left
expect_out "energy             8.64 kJ for K inferences, 100 mJ per inference (cost unit mJ)"
expect_out "battery left       31.1472 kJ (77.9% of the battery) after 1 d"
# the user's value once, spaced, after the joules; the joules alone when given in them
for b in "10Wh:36 kJ (10 Wh)" "36000J:36 kJ (36000 J)" "1.5e3J:1.5 kJ (1.5e3 J)" "36kJ:36 kJ"; do
	run solve --pool rpi4 --battery "${b%%:*}" --rate 10/s --duration 2h
	expect_status 0
	grep -qxF -- "battery            ${b#*:}" "$T/out" && r=0 || r=1
	check $r "--battery ${b%%:*}: the line should read: battery            ${b#*:}"
done

# --cost-unit alone labels the energy of an abstract solve
run solve $I --cost-unit uJ --budget 40 --K 1000
expect_status 0
expect_out "energy             39.9816 mJ for K inferences, 39.9816 uJ per inference (cost unit uJ)"
expect_no_out "battery left"

# a battery too small for the cheapest model: no policy, exit 1, said in joules
run solve $I --cost-unit mJ --battery 1J --rate 1/s --duration 1h
expect_status 1
expect_out_empty
expect_err "optdeploy: infeasible: the battery allows 277.778 uJ per inference for K = 3600 inferences over 1 h; the cheapest model needs 10.2 mJ"
# one line, not the budget's line and then the battery's
expect_true "one error line" "$(wc -l <"$T/err") == 1"

# micro as the micro sign (U+00B5) and as the Greek mu (U+03BC), like u
for mu in uJ "$(printf '\302\265J')" "$(printf '\316\274J')"; do
	run solve $I --cost-unit "$mu" --battery 1J --rate 1/s --duration 1h
	expect_status 0
	expect_out "budget             277.8 uJ per inference; B = budget x K = 1000000 uJ"
done

# bad unit strings: each a usage error that says what is wrong
B="solve $I --cost-unit mJ --rate 1/s --duration 1h --battery"
expect_usage "--battery: \"3000mah@3.7V\": unknown unit 'mah' (units are case-sensitive: did you mean 'mAh'?)" $B 3000mah@3.7V
expect_usage "--battery: \"3000mAh\": a charge needs its voltage, e.g. \"3000mAh@3.7V\" (or give an energy: J, kJ, mJ, uJ, nJ, Wh, kWh, mWh)" $B 3000mAh
expect_usage "--battery: \"1e400J\" is too large" $B 1e400J
expect_usage "--battery: \"nanJ\" does not start with a number" $B nanJ
expect_usage "--battery: the value is empty (an energy needs a number and a unit)" $B ""
expect_usage "--battery: \"2MWh\": 'MWh' is mega (10^6), not supported; did you mean 'mWh' (milli)?" $B 2MWh
expect_usage "--battery: \"40kJ!\": unknown energy unit 'kJ!' (J, kJ, mJ, uJ, nJ, Wh, kWh, mWh)" $B 40kJ!
expect_usage "--battery: \"-40kJ\": an energy cannot be negative" $B=-40kJ
expect_usage "--battery: \"0J\": an energy must be above 0" $B 0J
expect_usage "--battery: \"12345678901234567J\": more than 15 significant digits" $B 12345678901234567J
D="solve $I --cost-unit mJ --battery 40kJ --rate 1/s --duration"
expect_usage "--duration: \"12 h\": no space between the number and the unit" $D "12 h"
expect_usage "--duration: \"-1h\": a duration cannot be negative" $D=-1h
expect_usage "--duration: \"3600\": missing unit (s, min, h, d)" $D 3600
expect_usage "--duration: \"24hours\": unknown time unit 'hours' (s, min, h, d)" $D 24hours
expect_usage "--duration: \"1e400d\" is too large" $D 1e400d
expect_usage "--duration: \"0s\": a duration must be above 0" $D 0s
R="solve $I --cost-unit mJ --battery 40kJ --duration 1h --rate"
expect_usage "--rate: \"2/fortnight\": unknown time unit 'fortnight' (s, min, h, d)" $R 2/fortnight
expect_usage "--rate: \"2\": a rate is a count per time unit, e.g. 2/s, 30/min, 1/h" $R 2
expect_usage "--rate: \"2/S\": unknown unit 'S' (units are case-sensitive: did you mean 's'?)" $R 2/S
expect_usage "--rate: \"0/s\": a rate must be above 0" $R 0/s
expect_usage "--idle: \"2mw\": unknown unit 'mw' (units are case-sensitive: did you mean 'mW'?)" \
	solve $I --cost-unit mJ --battery 40kJ --duration 1h --rate 1/s --idle 2mw
expect_usage "--idle: \"1e-400W\" is too small" \
	solve $I --cost-unit mJ --battery 40kJ --duration 1h --rate 1/s --idle 1e-400W
expect_usage "--cost-unit: \"mj\": unknown unit 'mj' (units are case-sensitive: did you mean 'mJ'?)" \
	solve $I --cost-unit mj --budget 40
expect_usage "--cost-unit: \"2.5\": missing unit (J, kJ, mJ, uJ, nJ, Wh, kWh, mWh)" \
	solve $I --cost-unit 2.5 --budget 40

# bad combinations
expect_usage "--battery: the pool's costs have no physical unit; give --cost-unit (J, mJ, uJ, nJ, Wh, mWh, or what one cost unit is: 2.5mJ)" \
	solve $I --battery 40kJ --rate 1/s --duration 1h
expect_usage "solve: a battery problem needs --battery, --rate and --duration (missing: --duration)" \
	solve $I --cost-unit mJ --battery 40kJ --rate 1/s
expect_usage "solve: a battery problem needs --battery, --rate and --duration (missing: --battery)" \
	solve $I --cost-unit mJ --rate 1/s --duration 1h
expect_usage "--idle: only with --battery (the idle draw comes out of the battery)" \
	solve $I --cost-unit mJ --idle 2mW --budget 40
expect_usage "--K and --rate/--duration: K = rate x duration; give one or the other" \
	solve $I --cost-unit mJ --battery 40kJ --rate 1/s --duration 1h --K 10
expect_usage "--budget and --battery: the battery sets the budget (B = battery - idle x duration, B / K per inference); give one or the other" \
	solve $I --cost-unit mJ --battery 40kJ --rate 1/s --duration 1h --budget 40
expect_usage "--min-accuracy and --battery: how long a battery lasts at an accuracy floor is 'optdeploy lifetime FILE --battery ... --rate ... --min-accuracy P'" \
	solve $I --cost-unit mJ --battery 40kJ --rate 1/s --duration 1h --min-accuracy 70
expect_usage "--cost-unit and --normalize: normalised costs have no physical unit; give only one" \
	solve $I --cost-unit mJ --normalize --budget 40
expect_usage "solve: rate x duration = 0.5 inferences in 30 min: fewer than one (K would be 0)" \
	solve $I --cost-unit mJ --battery 40kJ --rate 1/h --duration 30min
expect_usage "solve: rate x duration gives 2592000000 whole inferences in 30 d: more than 1000000000 (K is at most that)" \
	solve $I --cost-unit mJ --battery 40kJ --rate 1000/s --duration 30d
# one past the limit is printed exactly, not as 1e+09
expect_usage "solve: rate x duration gives 1000000001 whole inferences in 11574 d 1 h 46 min 41 s: more than 1000000000 (K is at most that)" \
	solve $I --cost-unit mJ --battery 40kJ --rate 1/s --duration 1000000001s
expect_usage "solve: rate x duration = 1e+29 inferences in 1.15741e+15 d: more than 1000000000 (K is at most that)" \
	solve $I --cost-unit mJ --battery 40kJ --rate 1e9/s --duration 1e20s
expect_usage "solve: the idle draw over 1 d (86.4 kJ) uses the whole battery (1 kJ): nothing is left for inferences" \
	solve $I --cost-unit mJ --battery 1kJ --idle 1W --rate 1/s --duration 24h
expect_usage "solve: the battery (1e+300 J) is too large to count in cost units of 1e-09 J" \
	solve $I --cost-unit nJ --battery 1e300J --rate 1/s --duration 1h
expect_usage "--duration: \"1Min\": unknown unit 'Min' (units are case-sensitive: did you mean 'min'?)" \
	solve $I --cost-unit mJ --battery 40kJ --rate 1/s --duration 1Min
expect_usage "--battery: not used by 'sweep'" sweep $I --cost-unit mJ --battery 1kJ
expect_usage "--battery: not used by 'compare'" compare $I --battery 1kJ
# the planner takes the battery options (its battery mode), but only all of the needed ones
expect_usage "the planner's battery mode needs --battery and --rate (missing: --battery --rate)" \
	$I --cost-unit mJ --duration 1h
expect_usage "--K and --rate: in the planner K = rate x duration (its duration slider); give --duration instead" \
	$I --cost-unit mJ --battery 40kJ --rate 1/s --K 10
expect_usage "--budget and --battery: the battery sets the budget (B = battery - idle x duration, B / K per inference); give one or the other" \
	$I --cost-unit mJ --battery 40kJ --rate 1/s --budget 80

finish
