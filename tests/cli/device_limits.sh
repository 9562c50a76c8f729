#!/bin/sh
# tests/cli/device_limits.sh - --max-models and --memory: strict parsing,
# the limits in every command's header, answers that respect them (checked
# with awk from the pool file), the refusals (--relax, no memory column).
set -eu
. tests/cli/lib.sh

I=data/imagenet_paper.csv

# strict parsing: exit 64 naming the option
expect_usage '--max-models: "0" is out of range 1..1000000' solve $I --budget 50 --max-models 0
expect_usage '--max-models: "-1" is out of range 1..1000000' solve $I --budget 50 --max-models -1
expect_usage '--max-models: "two" is not a number' solve $I --budget 50 --max-models two
expect_usage '--max-models: "1.5" is not an integer' solve $I --budget 50 --max-models 1.5
expect_usage '--max-models: "2x" is not a number' sweep $I --max-models 2x
expect_usage '--max-models: missing value' solve $I --budget 50 --max-models
expect_usage '--memory: "-3" must not be negative' solve $I --budget 50 --memory -3
expect_usage '--memory: "40MB" is not a number' solve $I --budget 50 --memory 40MB
expect_usage '--memory: "nan" is not a number' frontier $I --memory nan
expect_usage '--memory: "1e999" is too large' compare $I --memory 1e999
run solve $I --budget 50 --max-models 2 --relax
expect_status 64
expect_err "the LP relaxation cannot honour device limits"

# a memory limit needs a memory column: a data error (65) in every command
for cmd in "solve --budget 50" "sweep --steps 3" "frontier --steps 3" "compare"; do
	run $cmd $I --memory 100
	expect_status 65
	expect_err "$I: a memory limit needs the models' memory footprints, and this pool has no memory column"
	expect_out_empty
done

# one model at most: the most accurate model the budget affords serves every inference
for b in 20 43 60 100; do
	run solve $I --budget $b --max-models 1
	expect_status 0
	expect_out "device limits      at most 1 model used"
	expect_out "models used        1 of 9"
	best=$(awk -F, -v b=$b 'NR > 1 && $2 <= b && $3 > p { p = $3; m = $1 } END { print m }' $I)
	expect_true "budget $b: $best serves all 1000" \
		"$(awk -v m="$best" '$1 == m { print $5 }' "$T/out") == 1000"
done

# two at most, at large K too: never more than two used, and no worse than one
for k in 1000 1000000000; do
	run solve $I --budget 43 --max-models 2 --K $k --lambda 0
	expect_status 0
	expect_out "device limits      at most 2 models used"
	expect_true "K $k: at most 2 used" "$(value_of "models used") <= 2"
	two=$(value_of "objective")
	run solve $I --budget 43 --max-models 1 --K $k --lambda 0
	expect_true "K $k: two models do no worse than one" "$two >= $(value_of "objective")"
done
# without the limit the same problem mixes three models (so the limit binds)
run solve $I --budget 43 --K 1000 --lambda 0
expect_true "unlimited uses three" "$(value_of "models used") == 3"

# sweeps and the frontier: the header says so, and every level obeys
run sweep $I --max-models 1 --steps 11
expect_status 0
expect_out "device limits      at most 1 model used"
run sweep $I --max-models 1 --steps 11 --format csv
expect_status 0
expect_no_out "time_limit"
run frontier $I --max-models 1 --steps 5
expect_status 0
expect_out "device limits      at most 1 model used"
expect_true "every ILP level uses one model" \
	"$(awk '/^ILP frontier/ { f = 1; next } f && $5 ~ /^[0-9]+$/ && $5 > 1 { n++ } END { print n + 0 }' "$T/out") == 0"

# --memory with a memory column (read by the loader when the pool has one)
printf 'model,cost,accuracy,memory\nsmall,10,60,4\nmid,30,70,8\nbig,60,80,16\n' >"$T/mem.csv"
run solve "$T/mem.csv" --budget 45 --memory 100
if [ "$STATUS" -eq 0 ]; then
	run solve "$T/mem.csv" --budget 45 --memory 12 --lambda 0
	expect_status 0
	expect_out "device limits      memory of the models used <= 12"
	expect_true "big does not fit" "$(awk '$1 == "big" { print $6 }' "$T/out") == 0"
	expect_out "memory used        8 of 12"
	run solve "$T/mem.csv" --budget 45 --memory 12 --lambda 0 --format csv
	expect_out "status,memory,memory_used,memory_limit"
	expect_out "mid,30,70,1,1000,1,45,1000,0,70,30,70000,optimal,8,8,12"
	run solve "$T/mem.csv" --budget 45 --lambda 0 --format csv
	expect_no_out "memory_used"
	run solve "$T/mem.csv" --budget 45 --memory 3
	expect_status 1
	expect_err "no model fits the memory limit 3 (the smallest needs 4)"
	run solve "$T/mem.csv" --budget 45 --memory 12 --max-models 1
	expect_out "device limits      at most 1 model used; their memory <= 12"
	expect_true "mid alone" "$(awk '$1 == "mid" { print $6 }' "$T/out") == 1000"
else
	# this build's loader reads no memory column yet: the refusal must say so
	expect_status 65
	expect_err "this pool has no memory column"
	echo "device_limits.sh: note: the loader has no memory column; --memory answers untested" >&2
fi

# An empty cell in an optional memory column blocks nothing that does not use
# the memory: without --memory every model is kept (--skip-incomplete too);
# with --memory it is a located data error, or a skipped row.
printf 'model,cost,accuracy,memory\na,1,50,10\nb,2,70,\n' >"$T/gap.csv"
run solve "$T/gap.csv" --budget 3
expect_status 0
expect_err_empty
expect_out "pool               $T/gap.csv, 2 models"
expect_true "b runs" "$(awk '$1 == "b" { print $5 }' "$T/out") == 1000"
run solve "$T/gap.csv" --budget 3 --skip-incomplete --max-models 1
expect_status 0
expect_err_empty
expect_out "pool               $T/gap.csv, 2 models"
run solve "$T/gap.csv" --budget 3 --memory 20
expect_status 65
expect_out_empty
expect_err "optdeploy: $T/gap.csv:3: column 'memory': empty value (a number is needed by the memory limit, --memory)"
run solve "$T/gap.csv" --budget 3 --memory 20 --skip-incomplete
expect_status 0
expect_err "warning: --skip-incomplete: left out 1 model with an empty value: b"
expect_out "pool               $T/gap.csv, 1 model"
printf 'model,cost,accuracy,memory\na,1,50,10\nb,2,70,lots\n' >"$T/badmem.csv"
run solve "$T/badmem.csv" --budget 3
expect_status 65
expect_err "optdeploy: $T/badmem.csv:3: column 'memory': \"lots\" is not a number"

# frontier with a memory limit: the Pareto and LP-hull lists hold only models
# that fit the limit on their own (the review's repro listed vit_h_14_swag_e2e_v1,
# whose checkpoint is far above 30 MB); the header says what the lists are
TVF=data/torchvision_imagenet.csv
run frontier --pool torchvision --memory 30 --steps 5
expect_status 0
expect_out "frontier lists     Pareto and LP hull over the 24 models that fit the memory limit on their own; the ILP column is the exact answer under every limit"
expect_out "Pareto-optimal single models (8 of 24): no other model is as cheap and more accurate"
grep -q vit_h_14_swag_e2e_v1 "$T/out" && r=1 || r=0
check $r "frontier --memory 30 does not list vit_h_14_swag_e2e_v1"
fits=$(awk -F, 'NR > 1 && $7 <= 30' "$TVF" | wc -l)
expect_true "24 models of $TVF fit 30 MB ($fits)" "$fits == 24"
run frontier --pool torchvision --memory 30 --steps 5 --format csv
expect_status 0
# every listed model's own memory (file_size_mb, column 7) is <= 30
awk -F, 'NR == FNR { if (FNR > 1) mem[$1] = $7; next }
	($1 == "pareto" || $1 == "hull") { n++; if (!($4 in mem) || mem[$4] > 30) bad = 1 }
	END { exit bad || n == 0 }' "$TVF" "$T/out" && r=0 || r=1
check $r "frontier --memory 30 CSV: every Pareto and hull model fits 30 MB"
# without limits the lists are every model's, and no "frontier lists" line
run frontier --pool torchvision --steps 5
expect_status 0
expect_out "Pareto-optimal single models (20 of 114): no other model is as cheap and more accurate"
expect_out "  vit_h_14_swag_e2e_v1              1016.72    88.552"
grep -q "frontier lists" "$T/out" && r=1 || r=0
check $r "frontier without limits: no frontier lists line"
run frontier --pool torchvision --max-models 2 --steps 5
expect_status 0
expect_out "frontier lists     Pareto and LP hull over every model (any one may be used alone); the ILP column is the exact answer under the limit"
expect_out "Pareto-optimal single models (20 of 114)"
finish
