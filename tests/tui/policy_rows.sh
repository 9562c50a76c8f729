#!/bin/sh
# The policy table at n = 100: every model the policy uses has a row with its
# count (the CSV of `solve` is the reference), used ones first; what does not
# fit is counted by what it is, a used model never among the "not used"; the
# "N of M used" line matches the rows; no two names on screen are equal.
# On the 5-model pool, the 114-model zoo and the 94-model rpi4 table, from
# 80x24 up, including the three screens that once hid a used model.
set -u
. tests/tui/helpers/tmux.sh

RPI4="tests/data/mlperf_rpi4_tflite.csv --columns cost=energy_mj,accuracy=top1"

# no two names equal among the table's rows and the heatmaps' labels
distinct_names() {
	shown_rows | cut -d' ' -f1 | sort | uniq -d >"$TMPD/dup.txt"
	[ -s "$TMPD/dup.txt" ] && fail "$1: names shown twice in the table: $(cat "$TMPD/dup.txt")"
	return 0
}

# check W H ARGS...: the planner on ARGS against solve ARGS --format csv
check() {
	_w=$1 _h=$2
	shift 2
	# shellcheck disable=SC2086
	"$OPTDEPLOY" solve "$@" --format csv >"$TMPD/want.csv" 2>/dev/null ||
		fail "solve $* failed"
	start "$_w" "$_h" -- "$@"
	wait_match "Policy  (ILP|LP) "
	wait_settled
	rows_agree "$TMPD/want.csv" "${_w}x$_h $*"
	distinct_names "${_w}x$_h $*"
	_used=$(awk -F, 'NR > 1 && $5 > 0' "$TMPD/want.csv" | wc -l)
	_n=$(($(wc -l <"$TMPD/want.csv") - 1))
	# the totals line, when the rows left room for it, says as many
	if screen | grep -qE "models +[0-9]+ of [0-9]+ used"; then
		screen | grep -qE "models +$_used of $_n used" ||
			fail "${_w}x$_h $*: the table does not say $_used of $_n used"
	fi
	T send-keys -t t: q
	wait_for "EXIT=0"
}

for size in "80 24" "100 30" "120 40" "160 50"; do
	# shellcheck disable=SC2086
	set -- $size
	# the 5-model pool at its starting budget (once: svm's 499 inferences gone at 80x24)
	check "$1" "$2" data/uci_har.csv --budget 79.5
	# the zoo at a very low budget with lambda 0 (once: three rows of four used at 120x40)
	check "$1" "$2" --pool torchvision --budget 0.1 --lambda 0
	check "$1" "$2" --pool torchvision --budget 0.8 --lambda 0 --K 100
	check "$1" "$2" --pool torchvision --budget 6.4
	# shellcheck disable=SC2086
	check "$1" "$2" $RPI4 --budget 120 --lambda 0
	# shellcheck disable=SC2086
	check "$1" "$2" $RPI4 --budget 300
done

# battery mode (once: one of its two models at 120x40), several durations
for d in 24h 12h 1h; do
	check 120 40 data/uci_har.csv --cost-unit mJ --battery 11.1Wh --rate 1/s --idle 400mW \
		--duration "$d"
	check 80 24 data/uci_har.csv --cost-unit mJ --battery 11.1Wh --rate 1/s --idle 400mW \
		--duration "$d"
done

echo "policy_rows: ok"
