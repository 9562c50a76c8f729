#!/bin/sh
# Nothing on screen is ever nan or inf: the torchvision zoo with its memory
# column, at 80x24 and 120x40, with the memory limit at 0 (no model fits:
# there is no minimum feasible budget to show, the message says what the
# smallest model needs), in both objectives, the LP relaxation, the model
# table, and at the ends of every slider.
set -u
. tests/tui/helpers/tmux.sh

no_nan() {  # no_nan WHAT: no nan/inf word on the screen (infeasible and the like are words)
	wait_settled
	if screen | grep -qiE '(^|[^a-z])[-+]?(nan|inf|infinity)([^a-z]|$)'; then
		fail "$1: nan or inf on screen"
	fi
}

for size in "80 24" "120 40"; do
	# shellcheck disable=SC2086
	start $size -- --pool torchvision --columns memory=file_size_mb
	wait_ready
	no_nan "$size start"
	# Down past K reaches the device limits; Home puts Memory at 0
	T send-keys -t t: j j j j Home
	wait_for "infeasible: no model fits the memory limit 0 (the smallest needs 4.729)"
	no_nan "$size memory 0"
	screen | grep -q "minimum feasible budget" && fail "$size: a minimum feasible budget at memory 0"
	T send-keys -t t: m
	wait_for "min cost"
	no_nan "$size memory 0, min cost"
	T send-keys -t t: r
	wait_for "| LP |"
	no_nan "$size memory 0, LP"
	T send-keys -t t: x
	no_nan "$size memory 0, model table"
	T send-keys -t t: Tab End k Home
	no_nan "$size max models 1"
	T send-keys -t t: k Home
	no_nan "$size K 10"
	T send-keys -t t: End
	no_nan "$size K 1e9"
	T send-keys -t t: k Home
	no_nan "$size lambda 0"
	T send-keys -t t: End
	no_nan "$size lambda 5 K"
	T send-keys -t t: k Home m
	wait_for "max accuracy"
	no_nan "$size budget at its bottom"
	T send-keys -t t: j j j End
	no_nan "$size memory back to no limit"
done
