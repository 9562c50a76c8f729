#!/bin/sh
# The planner and `plot` start at the same budget on the same pool and axis
# (once 6.4 against 508 on the torchvision zoo): the slider's first value is
# the budget of the policy point plot draws (its --data-csv policy row).
set -u
. tests/tui/helpers/tmux.sh

RPI4="--pool rpi4"

same() {  # same ARGS...: the planner's starting budget against plot's
	# shellcheck disable=SC2086
	want=$("$OPTDEPLOY" plot "$@" --figure frontier -o "$TMPD/f.svg" --data-csv - 2>/dev/null |
		awk -F, '$1 == "policy" { print $3 }')
	[ -n "$want" ] || fail "plot $*: no policy row"
	start 120 40 -- "$@"
	wait_for "Budget  "
	got=$(slider_value Budget)
	[ "$got" = "$want" ] || fail "$*: the planner starts at budget $got, plot at $want"
	T send-keys -t t: q
	wait_for "EXIT=0"
}

same --pool torchvision
same --pool torchvision --linear
same data/uci_har.csv
same data/uci_har.csv --log
same data/imagenet_paper.csv
# shellcheck disable=SC2086
same $RPI4
[ "$("$OPTDEPLOY" plot --pool torchvision --figure frontier -o "$TMPD/f.svg" --data-csv - 2>/dev/null |
	awk -F, '$1 == "policy" { print $3 }')" = 6.4 ] || fail "plot on the zoo does not start at 6.4"
echo "default_budget: ok"
