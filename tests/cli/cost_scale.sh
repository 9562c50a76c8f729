#!/bin/sh
# tests/cli/cost_scale.sh - any cost unit: the bundled ImageNet pool in uJ-,
# nJ- and 1e-250-sized units gives the unscaled answer with no GLPK text on
# the terminal; costs spanning more than 12 decades are a data error (65).
set -eu
. tests/cli/lib.sh

I=data/imagenet_paper.csv
scaled() {  # scaled FACTOR: the pool with every cost multiplied by FACTOR
	awk -F, -v f="$1" 'NR == 1 { print; next } { printf "%s,%.17g,%s\n", $1, $2 * f, $3 }' "$I" \
		>"$T/x$1.csv"
}

run solve $I --budget 43 --lambda 100
expect_status 0
want=$(value_of "objective")
expect_near "unscaled objective (issue 8)" "$want" 76187.966 1e-9
for f in 1e-250 1e-8 1e5 1e8 1e10 1e11 1e250; do
	scaled $f
	run solve "$T/x$f.csv" --budget "$(awk -v f=$f 'BEGIN { printf "%.17g", 43 * f }')" --lambda 100
	expect_status 0
	expect_err_empty
	expect_out "status             optimal"
	expect_near "objective with costs x$f" "$(value_of "objective")" "$want" 1e-9
	run sweep "$T/x$f.csv" --steps 11 --format csv
	expect_status 0
	expect_err_empty
	expect_no_out "time_limit"
done

# what no unit can serve: a located data error that says why
printf 'model,cost,accuracy\ntiny,1e-9,50\nhuge,1e4,70\n' >"$T/span.csv"
run solve "$T/span.csv" --budget 5
expect_status 65
expect_err "$T/span.csv: column 'cost': model 'huge' costs 10000 and model 'tiny' 1e-09"
expect_no_out "optimal"
finish
