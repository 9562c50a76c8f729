#!/bin/sh
# tests/cli/join.sh - several FILE arguments joined on the model name: a key
# from any file, a key in two files, the mapping that picks one, models
# missing from a file (warning, --strict), standard input as one table.
set -eu
. tests/cli/lib.sh

Z=tests/data/timm_results.csv
E=tests/data/energy_mj.csv

# Accuracy from the results table, cost from the energy table.
run solve $Z $E --columns cost=mj,accuracy=top1 --budget 20
expect_status 0
expect_out "pool               $Z + $E, 11 models"
expect_line "$T/err" 1 "optdeploy: warning: left out 3 models not in every file: deit_tiny_patch16_224.fb_in1k (not in $E), eva02_tiny_patch14_336.mim_in22k_ft_in1k (not in $E), mobilevitv2_050.cvnets_in1k (not in $Z) (--strict makes this an error)"
expect_true "one warning line" "$(wc -l <"$T/err") == 1"
expect_true "resnet50 costs 47.9 mJ" "$(awk '$1 == "resnet50.a1_in1k" { print $2 }' "$T/out") == 47.9"
expect_true "resnet50 accuracy from top1" \
	"$(awk '$1 == "resnet50.a1_in1k" { print $3 }' "$T/out") == 81.22"
expect_true "efficientnet_b3 runs 515" \
	"$(awk '$1 == "efficientnet_b3.ra2_in1k" { print $5 }' "$T/out") == 515"
# the first file's order
expect_true "first row" "\"$(awk '$2 ~ /^[0-9.]+$/ && $3 ~ /^[0-9.]+$/ { print $1; exit }' "$T/out")\" == \"mobilenetv3_small_100.lamb_in1k\""
# the order of the files does not change the answer, only the row order
run solve $E $Z --columns cost=mj,accuracy=top1 --budget 20
expect_status 0
expect_true "same policy either way" \
	"$(awk '$1 == "efficientnet_b3.ra2_in1k" { print $5 }' "$T/out") == 515"
expect_out "expected accuracy  80.03325"

# --strict: a missing model is an error.
run solve $Z $E --columns cost=mj,accuracy=top1 --budget 20 --strict
expect_status 65
expect_line "$T/err" 1 "optdeploy: --strict: 3 models are not in every file: deit_tiny_patch16_224.fb_in1k (not in $E), eva02_tiny_patch14_336.mim_in22k_ft_in1k (not in $E), mobilevitv2_050.cvnets_in1k (not in $Z)"
expect_out_empty
# --only keeps the warning to the models selected.
run solve $Z $E --columns cost=mj,accuracy=top1 --budget 20 --only 'resnet*,efficientnet*' --strict
expect_status 0
expect_err_empty
expect_out "4 models"

# A key in two files is an error naming both; FILE:COLUMN picks one.
printf 'model,energy\nresnet18.a1_in1k,20\nresnet50.a1_in1k,40\n' >"$T/e2.csv"
printf 'model,cost,accuracy\nresnet18.a1_in1k,1.8,71.5\nresnet50.a1_in1k,4.1,81.2\n' >"$T/r2.csv"
run solve "$T/r2.csv" "$T/e2.csv" --budget 30
expect_status 65
expect_line "$T/err" 1 "optdeploy: the cost is in two files: column 'cost' of $T/r2.csv and column 'energy' of $T/e2.csv (pick one with --columns cost=e2.csv:energy)"
run solve "$T/r2.csv" "$T/e2.csv" --budget 30 --columns cost=e2.csv:energy
expect_status 0
expect_err_empty
expect_true "resnet50 costs 40" "$(awk '$1 == "resnet50.a1_in1k" { print $2 }' "$T/out") == 40"
run solve "$T/r2.csv" "$T/e2.csv" --budget 3 --columns "cost=$T/r2.csv:cost"
expect_status 0
expect_true "resnet50 costs 4.1" "$(awk '$1 == "resnet50.a1_in1k" { print $2 }' "$T/out") == 4.1"
# A column no file has lists every file's columns.
run solve "$T/r2.csv" "$T/e2.csv" --budget 3 --columns cost=mj
expect_status 65
expect_line "$T/err" 1 "optdeploy: --columns cost=mj: no file has this column ($T/r2.csv: model, cost, accuracy; $T/e2.csv: model, energy)"
# A FILE: prefix that names none of the files says so.
# It is a usage error (64), with one file as with several, for every key.
run solve "$T/r2.csv" "$T/e2.csv" --budget 3 --columns cost=e3.csv:energy
expect_status 64
expect_line "$T/err" 1 "optdeploy: --columns cost=e3.csv:energy: 'e3.csv' is not one of the input files (FILE:COLUMN names a FILE given on the command line; $T/r2.csv: model, cost, accuracy; $T/e2.csv: model, energy)"
run solve "$T/r2.csv" --budget 3 --columns cost=nosuch.csv:col
expect_status 64
expect_line "$T/err" 1 "optdeploy: --columns cost=nosuch.csv:col: 'nosuch.csv' is not one of the input files (FILE:COLUMN names a FILE given on the command line; $T/r2.csv: model, cost, accuracy)"
run solve "$T/r2.csv" --budget 3 --columns name=nosuch.csv:model
expect_status 64
expect_line "$T/err" 1 "optdeploy: --columns name=nosuch.csv:model: 'nosuch.csv' is not one of the input files (FILE:COLUMN names a FILE given on the command line; $T/r2.csv: model, cost, accuracy)"
# A column whose own name has a colon is still found.
printf 'model,a:b,accuracy\nx,1,2\n' >"$T/colon.csv"
run solve "$T/colon.csv" --budget 3 --columns cost=a:b
expect_status 0
# Every file needs a name column.
printf 'id,mj\nresnet18.a1_in1k,20\n' >"$T/noname.csv"
run solve $Z "$T/noname.csv" --columns cost=mj,accuracy=top1 --budget 3
expect_status 65
expect_line "$T/err" 1 "optdeploy: $T/noname.csv:1: missing column 'model' (also accepted: 'name'); map one with --columns name=COLUMN (the columns are: id, mj)"
run solve $Z "$T/noname.csv" --columns name=noname.csv:id,cost=mj,accuracy=top1 --budget 30
expect_status 0
expect_out ", 1 model"
expect_no_out "1 models"
# Nothing in common.
printf 'model,mj\nsomething_else,20\n' >"$T/other.csv"
run solve $Z "$T/other.csv" --columns cost=mj,accuracy=top1 --budget 3
expect_status 65
expect_line "$T/err" 1 "optdeploy: no model is in every file ($Z has 13 models, $T/other.csv has 1; do the name columns agree?)"
# The same file twice, standard input twice: usage errors.
expect_usage "'$Z' given twice" solve $Z $Z --budget 3
expect_usage "'-' given twice (standard input can be read only once)" solve - - --budget 3
# One file under two names (device and inode, not the names): /dev/stdin and -, a link.
run_in "$Z" solve /dev/stdin - --budget 3
expect_status 64
expect_line "$T/err" 1 "optdeploy: '/dev/stdin' and '-' are one file, given twice (standard input can be read only once)"
ln -s "$PWD/$Z" "$T/link.csv"
expect_usage "'$Z' and '$T/link.csv' are one file, given twice" solve $Z "$T/link.csv" --budget 3
# Standard input as one of the tables.
run_in $E solve $Z - --columns cost=mj,accuracy=top1 --budget 20
expect_status 0
expect_out "pool               $Z + <stdin>, 11 models"
expect_err "(not in <stdin>)"
# Joined tables in every command.
run sweep $Z $E --columns cost=mj,accuracy=top1 --steps 3
expect_status 0
expect_out "spacing            linear (default: costs span a factor of 98.9, log above 100)"
run compare $Z $E --columns cost=mj,accuracy=top1 --format csv
expect_status 0
expect_true "11 compare rows" "$(wc -l <"$T/out") == 12"

# --columns errors say the key as typed (name=, not model=) and the mapping as
# typed (FILE:COLUMN included); a column another input has is suggested as
# KEY=FILE:COLUMN (issue 13)
run solve $Z --columns name=arch --budget 10
expect_status 65
expect_line "$T/err" 1 "optdeploy: $Z:1: --columns name=arch: no such column (the columns are: model, img_size, top1, top5, param_count, infer_gmacs)"
run solve $Z $E --columns name=mj,cost=mj,accuracy=top1 --budget 10
expect_status 65
expect_line "$T/err" 1 "optdeploy: $Z:1: --columns name=mj: no such column; another file has it: write --columns name=energy_mj.csv:mj (the columns are: model, img_size, top1, top5, param_count, infer_gmacs)"
run solve $E $Z --columns name=img_size --budget 10
expect_status 65
expect_line "$T/err" 1 "optdeploy: $E:3: --columns name=img_size: no such column; another file has it: write --columns name=timm_results.csv:img_size (the columns are: model, mj)"
run solve $Z $E --columns cost=energy_mj.csv:infer_gmacs,accuracy=top1 --budget 10
expect_status 65
expect_line "$T/err" 1 "optdeploy: $E:3: --columns cost=energy_mj.csv:infer_gmacs: no such column; another file has it: write --columns cost=timm_results.csv:infer_gmacs (the columns are: model, mj)"
# the suggestion works as written
run solve $Z $E --columns cost=timm_results.csv:infer_gmacs,accuracy=top1 --skip-incomplete --budget 1
expect_status 0
# a column no input has: no suggestion; standard input is never read for one
run solve $Z $E --columns name=arch --budget 10
expect_status 65
expect_line "$T/err" 1 "optdeploy: $Z:1: --columns name=arch: no such column (the columns are: model, img_size, top1, top5, param_count, infer_gmacs)"
run solve $Z - --columns name=mj,cost=mj,accuracy=top1 --budget 10 <$E
expect_status 65
expect_line "$T/err" 1 "optdeploy: $Z:1: --columns name=mj: no such column (the columns are: model, img_size, top1, top5, param_count, infer_gmacs)"

finish
