#!/bin/sh
# tests/cli/units.sh - the pool's cost unit in every command: --cost-unit
# 2.5mJ gives exactly the output of the same table with costs x 2.5 and
# --cost-unit mJ; budgets and ranges with units give the same answers as the
# plain numbers in the cost unit; the bundled pools' units (mJ, GFLOPS,
# normalised) in headers, budget lines and figures (read with pdftotext);
# the refused bare unit on a cost that is not an energy.
set -eu
. tests/cli/lib.sh

prog=$(cd "$(dirname "$OPTDEPLOY")" && pwd)/$(basename "$OPTDEPLOY")
# the same table twice, in two directories under one name (so the pool lines agree):
# costs in "units" of 2.5 mJ, and the same costs x 2.5 in mJ (all exact in binary)
mkdir -p "$T/g" "$T/e"
printf 'model,cost,accuracy\ntiny,1,52\nsmall,2.5,61\nmid,6,70.5\nbig,16,78\nhuge,40,80.25\n' >"$T/g/t.csv"
printf 'model,cost,accuracy\ntiny,2.5,52\nsmall,6.25,61\nmid,15,70.5\nbig,40,78\nhuge,100,80.25\n' >"$T/e/t.csv"
same_output() {  # same_output GFLOPS-ARGS -- MJ-ARGS: both runs print the same bytes (and something)
	ga="" ea="" side=g
	for a in "$@"; do
		if [ "$a" = "--" ]; then side=e; continue; fi
		if [ $side = g ]; then ga="$ga $a"; else ea="$ea $a"; fi
	done
	# shellcheck disable=SC2086
	(cd "$T/g" && "$prog" $ga >"$T/g.out" 2>"$T/g.err"; echo $? >"$T/g.rc")
	# shellcheck disable=SC2086
	(cd "$T/e" && "$prog" $ea >"$T/e.out" 2>"$T/e.err"; echo $? >"$T/e.rc")
	r=1
	if cmp -s "$T/g.out" "$T/e.out" && cmp -s "$T/g.err" "$T/e.err" &&
		cmp -s "$T/g.rc" "$T/e.rc" && { [ -s "$T/g.out" ] || [ -s "$T/g.err" ]; }; then
		r=0
	fi
	check $r "same output:$ga | $ea"
	if [ $r -ne 0 ]; then diff "$T/g.out" "$T/e.out" | head -n 10; cat "$T/g.err" "$T/e.err"; fi
}
same_output solve t.csv --cost-unit 2.5mJ --budget 4 -- solve t.csv --cost-unit mJ --budget 10
same_output solve t.csv --cost-unit 2.5mJ --budget 4 --format csv -- \
	solve t.csv --cost-unit mJ --budget 10 --format csv
same_output solve t.csv --cost-unit 2.5mJ --min-accuracy 75 --K 50 -- \
	solve t.csv --cost-unit mJ --min-accuracy 75 --K 50
same_output sweep t.csv --cost-unit 2.5mJ --steps 7 -- sweep t.csv --cost-unit mJ --steps 7
same_output sweep t.csv --cost-unit 2.5mJ --steps 4 --format csv --from 2 --to 30 -- \
	sweep t.csv --cost-unit mJ --steps 4 --format csv --from 5 --to 75
same_output frontier t.csv --cost-unit 2.5mJ --steps 5 -- frontier t.csv --cost-unit mJ --steps 5
same_output frontier t.csv --cost-unit 2.5mJ --format csv -- frontier t.csv --cost-unit mJ --format csv
same_output compare t.csv --cost-unit 2.5mJ -- compare t.csv --cost-unit mJ
same_output compare t.csv --cost-unit 2.5mJ --format csv -- compare t.csv --cost-unit mJ --format csv
same_output schedule t.csv --cost-unit 2.5mJ --budget 4 --K 40 --format csv -- \
	schedule t.csv --cost-unit mJ --budget 10 --K 40 --format csv
same_output lifetime t.csv --cost-unit 2.5mJ --battery 1kJ --rate 1/s --min-accuracy 70 -- \
	lifetime t.csv --cost-unit mJ --battery 1kJ --rate 1/s --min-accuracy 70
same_output lifetime t.csv --cost-unit 2.5mJ --battery 1kJ --rate 1/s --sweep --steps 3 -- \
	lifetime t.csv --cost-unit mJ --battery 1kJ --rate 1/s --sweep --steps 3
same_output solve t.csv --cost-unit 2.5mJ --battery 2J --rate 1/s --duration 5min -- \
	solve t.csv --cost-unit mJ --battery 2J --rate 1/s --duration 5min
same_output plot t.csv --cost-unit 2.5mJ --budget 4 -o f.svg --data-csv d.csv -- \
	plot t.csv --cost-unit mJ --budget 10 -o f.svg --data-csv d.csv
cmp -s "$T/g/f.svg" "$T/e/f.svg" && cmp -s "$T/g/d.csv" "$T/e/d.csv" && r=0 || r=1
check $r "plot: the same figure and data CSV"
# budgets with units: the same as the plain number in the cost unit
same_output solve t.csv --cost-unit 2.5mJ --budget 10mJ -- solve t.csv --cost-unit mJ --budget 10
same_output solve t.csv --cost-unit 2.5mJ --budget 0.01J -- solve t.csv --cost-unit mJ --budget 0.01J
same_output sweep t.csv --cost-unit 2.5mJ --from 5mJ --to 0.075J --steps 4 -- \
	sweep t.csv --cost-unit mJ --from 5 --to 75 --steps 4

# The bundled pools' units: no --cost-unit needed on the measured pools.
run solve --pool rpi4 --budget 300
expect_status 0
expect_out "budget             300 mJ per inference; B = budget x K = 300000 mJ"
expect_out "  model                             cost (mJ)  accuracy"
expect_out "expected cost      299.89976 mJ per inference"
expect_out "energy             299.9 J for K inferences, 299.9 mJ per inference (cost unit mJ)"
cp "$T/out" "$T/plain.out"
for b in 300mJ 0.3J 300000uJ; do
	run solve --pool rpi4 --budget $b
	cmp -s "$T/out" "$T/plain.out" && r=0 || r=1
	check $r "--budget $b on rpi4 is --budget 300"
done
run sweep --pool xavier --from 20 --to 2000 --steps 4 --format csv
cp "$T/out" "$T/plain.out"
run sweep --pool xavier --from 20mJ --to 2J --steps 4 --format csv
cmp -s "$T/out" "$T/plain.out" && r=0 || r=1
check $r "--from 20mJ --to 2J is --from 20 --to 2000 (CSV, same column names)"
expect_line "$T/out" 1 "$(sed -n 1p "$T/plain.out")"
run sweep --pool xavier --from 20mJ --to 2J --steps 4
expect_out "sweep              4 budget levels from 20 to 2000 mJ per inference (B = budget x K)"
expect_out "budget (mJ)"
run frontier --pool rpi4 --steps 3
expect_out "  model                                          cost (mJ)  accuracy"
run compare --pool rpi4 --only 'efficientnet*'
expect_out "cost (mJ)"
expect_out "policy cost (mJ)"
run solve --pool rpi4 --battery 10Wh --rate 1/min --duration 30d
expect_status 0
expect_out "budget             833.3 mJ per inference; B = budget x K = 36000000 mJ"
expect_out "same as            optdeploy solve --pool rpi4 --K 43200 --budget 833.33333333333337"
run schedule --pool rpi4 --budget 300 --K 10 --format c
expect_out " * budget:            300 mJ per inference (maximum expected accuracy)"
expect_out " * expected cost:     297.366 mJ per inference"
run lifetime --pool xavier --battery 10Wh --rate 1/min --min-accuracy 75
expect_status 0
expect_out "cost unit mJ"
run solve --pool torchvision --budget 5
expect_out "budget             5 GFLOPS per inference"
expect_out "cost (GFLOPS)"
run solve --pool torchvision --budget 5GFLOPS
expect_out "budget             5 GFLOPS per inference"
run solve --pool torchvision --cost-unit 2.5mJ --budget 5
expect_out "budget             12.5 mJ per inference"
run solve --pool torchvision --cost-unit 2.5mJ --budget 5GFLOPS
expect_out "budget             12.5 mJ per inference"
run solve --pool har --budget 80
expect_out "cost (normalised)"
run --pool help
expect_out "cost unit: mJ (an energy: --battery, --rate and lifetime need no --cost-unit)"
expect_out "cost unit: GFLOPS (not an energy: --cost-unit 2.5mJ says what one is)"
expect_out "cost unit: normalised energy (no physical unit)"
# a user's table: no unit unless --cost-unit says it
run solve "$T/e/t.csv" --budget 10
expect_out "  model  cost  accuracy"
expect_out "budget             10 per inference; B = budget x K = 10000"

# Refused: a bare energy unit on a cost that is not one (and how to convert).
expect_usage "--cost-unit: \"mJ\": the pool's cost is GFLOPS, not an energy; give what one GFLOPS is in energy, e.g. --cost-unit 2.5mJ" \
	solve --pool torchvision --cost-unit mJ --budget 5
expect_usage "--cost-unit: \"mJ\": the pool's cost is normalised energy (no physical unit); give what one unit of normalised energy is in energy, e.g. --cost-unit 2.5mJ" \
	sweep --pool uci_har --cost-unit mJ
expect_usage "--cost-unit: \"J\": the pool's costs are energies in mJ already (leave --cost-unit out)" \
	frontier --pool rpi4 --cost-unit J
expect_usage "--budget: \"5mJ\" is an energy, and the pool's cost is GFLOPS, not an energy: give --cost-unit with what one GFLOPS is in energy (e.g. --cost-unit 2.5mJ)" \
	solve --pool torchvision --budget 5mJ
expect_usage "--from: \"5mJ\" is an energy, and the pool's costs have no declared unit: give --cost-unit (e.g. --cost-unit mJ, or what one cost unit is: --cost-unit 2.5mJ)" \
	sweep "$T/e/t.csv" --from 5mJ
expect_usage "--battery: the pool's cost is GFLOPS, not an energy; give --cost-unit with what one GFLOPS is in energy (e.g. --cost-unit 2.5mJ)" \
	lifetime --pool torchvision --battery 10Wh --rate 1/s --min-accuracy 80
expect_usage "--budget: \"5mj\": unknown unit 'mj' (units are case-sensitive: did you mean 'mJ'?)" \
	plot --pool rpi4 --budget 5mj -o "$T/x.pdf"
expect_usage "--to: \"2MJ\": 'MJ' is mega (10^6), not supported; did you mean 'mJ' (milli)?" \
	sweep --pool rpi4 --to 2MJ

# Figures say the unit on their axes (pdftotext reads the PDF's text).
if command -v pdftotext >/dev/null 2>&1; then
	for spec in "rpi4|energy per inference (mJ, log scale)|budget per inference (mJ, log scale)|expected top-1 accuracy (%)" \
		"torchvision|GFLOPS per inference (log scale)|budget per inference (GFLOPS, log scale)|expected top-1 accuracy (%)" \
		"uci_har|normalised energy per inference|budget per inference (normalised energy)|expected accuracy (%)"; do
		pool=${spec%%|*}
		run plot --pool "$pool" --budget 10 -o "$T/$pool.pdf"
		expect_status 0
		pdftotext "$T/$pool.pdf" "$T/$pool.txt"
		rest=${spec#*|}
		while [ -n "$rest" ]; do
			want=${rest%%|*}
			grep -qF "$want" "$T/$pool.txt" && r=0 || r=1
			check $r "$pool figure: axis text '$want'"
			[ "$rest" = "$want" ] && rest="" || rest=${rest#*|}
		done
	done
	run plot --pool rpi4 --budget 300mJ -o "$T/b.pdf"
	pdftotext "$T/b.pdf" "$T/b.txt"
	grep -qF "budget 300 mJ per inference" "$T/b.txt" && r=0 || r=1
	check $r "rpi4 figure: legend 'budget 300 mJ per inference'"
	(cd "$T/g" && "$prog" plot t.csv --cost-unit 2.5mJ -o f.pdf >/dev/null 2>&1)
	pdftotext "$T/g/f.pdf" "$T/g/f.txt"
	grep -qF "energy per inference (mJ)" "$T/g/f.txt" && r=0 || r=1
	check $r "a converted table's figure is in mJ"
else
	check 1 "pdftotext is installed (poppler-utils, .ci/deps.sh)"
fi

finish
