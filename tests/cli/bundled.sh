#!/bin/sh
# tests/cli/bundled.sh - the bundled pools by name: --pool help, --pool NAME in
# every command, aliases, the mapping it brings and the user's over it, a
# bundled pool joined with the user's own table, bad names.
set -eu
. tests/cli/lib.sh

TV=data/torchvision_imagenet.csv

# The shipped zoo is the shared data, byte for byte.
if [ -f ../../shared/data/torchvision_imagenet.csv ]; then
	cmp -s $TV ../../shared/data/torchvision_imagenet.csv && r=0 || r=1
	check $r "data/torchvision_imagenet.csv is the shared file"
fi
expect_true "114 weights + header" "$(wc -l <$TV) == 115"
for f in mlperf_rpi4_tflite.csv mlperf_xavier_tflite.csv; do
	if [ -f ../../shared/data/$f ]; then
		cmp -s data/$f ../../shared/data/$f && r=0 || r=1
		check $r "data/$f is the shared file"
	fi
	expect_true "$f: 94 models + header" "$(wc -l <data/$f) == 95"
done

run --pool help
expect_status 0
expect_err_empty
expect_out "  uci_har         har            5  "
expect_out "  imagenet_paper  imagenet       9  "
expect_out "  torchvision     zoo          114  "
expect_out "columns: cost=gflops,accuracy=acc1,memory=file_size_mb"
expect_out "  rpi4                          94  "
expect_out "  xavier                        94  "
expect_out "columns: cost=energy_mj,accuracy=top1"
run solve --pool help --budget 3   # in any command, whatever else is given
expect_status 0
expect_out "torchvision_imagenet.csv"

run solve --pool torchvision --budget 5
expect_status 0
expect_out "torchvision_imagenet.csv, 114 models"
expect_out "models used        2 of 114"
expect_true "efficientnet_b4 runs 480" "$(awk '$1 == "efficientnet_b4" { print $5 }' "$T/out") == 480"
expect_true "maxvit_t runs 520" "$(awk '$1 == "maxvit_t" { print $5 }' "$T/out") == 520"
# the same as the file with the mapping typed out
run solve $TV --columns cost=gflops,accuracy=acc1,memory=file_size_mb --budget 5
expect_true "same answer" "$(awk '$1 == "maxvit_t" { print $5 }' "$T/out") == 520"
run solve --pool zoo --budget 5 --only 'resnet*'
expect_status 0
expect_out "8 models"
# the user's key over the pool's: top-5 accuracy
run solve --pool torchvision --budget 5 --columns accuracy=acc5 --only 'resnet50*'
expect_status 0
expect_true "resnet50 top-5" "$(awk '$1 == "resnet50" { print $3 }' "$T/out") == 92.862"
run solve --pool imagenet --budget 50 --lambda 0
expect_status 0
expect_out "expected accuracy  76.67"   # data/README: budget 50 -> 76.67
run sweep --pool har --steps 3 --format csv
expect_status 0
expect_true "3 levels x 5 models" "$(wc -l <"$T/out") == 16"
run frontier --pool torchvision --steps 5 --only 'efficientnet_b*'
expect_status 0
expect_out "spacing            linear (default: costs span a factor of 97.8, log above 100)"
run compare --pool uci_har --format csv
expect_status 0

# The measured-energy pools, in every command (the mapping: cost=energy_mj, accuracy=top1).
run solve --pool rpi4 --budget 300
expect_status 0
expect_out "mlperf_rpi4_tflite.csv, 94 models"
expect_out "models used        2 of 94"
expect_true "mobilenet-v3-large float runs 616" "$(awk '$1 == "mobilenet-v3-large_224_1.0_float" { print $5 }' "$T/out") == 616"
expect_true "mobilenet-v3-large uint8 runs 384" "$(awk '$1 == "mobilenet-v3-large_224_1.0_uint8" { print $5 }' "$T/out") == 384"
run solve data/mlperf_rpi4_tflite.csv --columns cost=energy_mj,accuracy=top1 --budget 300
expect_true "same answer as the file" "$(awk '$1 == "mobilenet-v3-large_224_1.0_float" { print $5 }' "$T/out") == 616"
run solve --pool xavier --budget 100 --format csv
expect_status 0
expect_true "xavier: 94 models" "$(wc -l <"$T/out") == 95"
expect_out "efficientnet-lite0-quantized,333.11,71.19,"
for pool in rpi4 xavier; do
	run sweep --pool $pool --steps 3 --format csv
	expect_status 0
	expect_true "$pool sweep: 3 levels x 94 models" "$(wc -l <"$T/out") == 283"
	run frontier --pool $pool --steps 3 --format csv
	expect_status 0
	run compare --pool $pool --format csv
	expect_status 0
	expect_true "$pool compare: 94 models" "$(wc -l <"$T/out") == 95"
	run schedule --pool $pool --budget 300 --K 10 --format csv
	expect_status 0
	run plot --pool $pool -o "$T/$pool.svg"
	expect_status 0
	expect_true "$pool: an SVG" "$(grep -c '<svg' "$T/$pool.svg") -ge 1"
done

# A bundled pool joined with the user's own table: measured energy for three weights.
printf 'model,mj\nresnet50,47.9\nmobilenet_v3_large,4.6\nefficientnet_b0,8.3\n' >"$T/mine.csv"
run solve --pool torchvision "$T/mine.csv" --columns cost=mine.csv:mj --budget 10
expect_status 0
expect_out "3 models"
expect_line "$T/err" 1 "optdeploy: warning: left out 111 models not in every file: shufflenet_v2_x0_5 (not in $T/mine.csv), mobilenet_v3_small (not in $T/mine.csv), mnasnet0_5 (not in $T/mine.csv) and 108 more (--strict makes this an error)"
expect_true "efficientnet_b0 costs 8.3 mJ" "$(awk '$1 == "efficientnet_b0" { print $2 }' "$T/out") == 8.3"

# From any directory after a plain make: the data is found next to the program
# (/proc/self/exe), then in the source tree; a path outside the working
# directory is shown whole.
here=$(pwd)
prog=$(cd "$(dirname "$OPTDEPLOY")" && pwd)/$(basename "$OPTDEPLOY")
cd "$T"
saved=$OPTDEPLOY
OPTDEPLOY=$prog
run solve --pool zoo --budget 5
expect_status 0
expect_out "/data/torchvision_imagenet.csv, 114 models"
expect_out "models used        2 of 114"
run --pool help
expect_status 0
expect_out "  rpi4                          94  /"
# a copy of the program with a data/ of its own reads that one first
mkdir -p "$T/bin/data"
cp "$prog" "$T/bin/optdeploy"
printf 'model,cost,accuracy\na,1,50\nb,2,60\n' >"$T/bin/data/uci_har.csv"
OPTDEPLOY=$T/bin/optdeploy
run solve --pool har --budget 2
expect_status 0
expect_out "pool               bin/data/uci_har.csv, 2 models"
cd "$T/bin"
run sweep --pool har --steps 2
expect_out "pool               data/uci_har.csv, 2 models"
# without one, the source tree's data/
rm -r "$T/bin/data"
run solve --pool har --budget 80
expect_status 0
expect_out "/data/uci_har.csv, 5 models"
OPTDEPLOY=$saved
cd "$here"

expect_usage '--pool: "imagenet1k" is not a bundled pool (--pool help lists them)' \
	solve --pool imagenet1k --budget 5
expect_usage '--pool: "" is not a bundled pool (--pool help lists them)' solve --pool '' --budget 5
expect_usage 'solve: missing FILE (- reads standard input)' solve --budget 5
expect_usage '--pool: missing value' solve --budget 5 --pool

finish
