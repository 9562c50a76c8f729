#!/bin/sh
# The device limits' sliders step 1-2-5 on a log track when their range spans
# decades: on the torchvision zoo with its checkpoint sizes as the memory
# (--columns memory=file_size_mb, 4.7 MB .. 34,465 MB together), Memory
# steps 20000 10000 ... 5 2 0 down from "no limit" and back up, PgUp/PgDn
# move a decade, a drag along the track lands only on 1-2-5 values (and on
# 0 and "no limit" at the ends); Max models (1 .. 114) steps 1 2 5 10 20 50
# 100.  Each value is solved as `solve --memory` / `--max-models` solves it.
# At 80x24 too.  The five-model pool keeps steps of one model.
set -u
. tests/tui/helpers/tmux.sh
DATA="$ROOT/data/torchvision_imagenet.csv"
MAP="cost=gflops,accuracy=acc1,memory=file_size_mb"

mem() { wait_for "Memory  $1 of 34465 " 30; }  # whole: not cut at 80 columns
models() { wait_for "Max models  $1 of 114 " 30; }

for size in "120 40" "80 24"; do
	# shellcheck disable=SC2086
	start $size -- "$DATA" --columns "$MAP"
	wait_ready
	wait_for "Memory  no limit"
	T send-keys -t t: j j j j Left
	mem 20000
	T send-keys -t t: Left
	mem 10000
	T send-keys -t t: PgDn
	mem 1000
	T send-keys -t t: Left Left Left
	mem 100
	agree --columns "$MAP" --budget 6.4 --K 1000 --lambda-per-k 0.1 --memory 100
	T send-keys -t t: Left Left Left Left Left
	mem 2
	T send-keys -t t: Left
	mem 0
	T send-keys -t t: Left
	mem 0
	T send-keys -t t: Right Right Right
	mem 10
	T send-keys -t t: PgUp PgUp PgUp
	mem 10000
	T send-keys -t t: Right
	mem 20000
	T send-keys -t t: Right
	wait_for "Memory  no limit" 30
	T send-keys -t t: k Left
	models 100
	T send-keys -t t: Left
	models 50
	T send-keys -t t: Left Left Left
	models 5
	T send-keys -t t: Left Left
	models 1
	T send-keys -t t: Right
	models 2
	agree --columns "$MAP" --budget 6.4 --K 1000 --lambda-per-k 0.1 --max-models 2
	T send-keys -t t: End
	wait_for "Max models  no limit" 30

	# drag along the Memory track: every value on the way is 0, a 1-2-5 value or no limit
	wait_settled
	row=$(line_of "Memory  ")
	# shellcheck disable=SC2046
	set -- $(track_cells "$row")
	x0=$1 x1=$2
	x10 0 "$x0" "$row"
	mem 0
	x10 32 $((x0 + 1)) "$row"
	mem 2
	# the middle of the track: two decades up, on the grid (1, 2 or 5 followed by zeros)
	x10 32 $(((x0 + x1) / 2)) "$row"
	wait_match "Memory  [125]00* of 34465 " 30
	mid=$(slider_value Memory)
	[ "$mid" -ge 50 ] && [ "$mid" -le 2000 ] || fail "$size: the middle of the track is $mid MB"
	x10 32 $((x1 - 1)) "$row"
	wait_match "Memory  [12]0000 of 34465 " 30
	x10 3 "$x1" "$row"
	wait_for "Memory  no limit" 30
done

# five models: Max models steps by one
DATA="$ROOT/data/uci_har.csv"
start 120 40 -- "$DATA"
wait_ready
T send-keys -t t: j j j Left
wait_for "Max models  4 of 5 "
T send-keys -t t: Left
wait_for "Max models  3 of 5 "
