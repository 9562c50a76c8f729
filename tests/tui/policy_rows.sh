#!/bin/sh
# The policy table at n = 100: every model the policy uses has a row with its
# count (the CSV of `solve` is the reference), used ones first; what does not
# fit is counted by what it is, a used model never among the "not used"; the
# "N of M used" line matches the rows; no two names on screen are equal.
# On the 5-model pool, the 114-model zoo and the 94-model rpi4 pool, from
# 80x24 up, including the three screens that once hid a used model.
set -u
. tests/tui/helpers/tmux.sh

RPI4="--pool rpi4"

# no two names equal among the table's rows and the heatmaps' labels
distinct_names() {
	shown_rows | cut -d' ' -f1 | sort | uniq -d >"$TMPD/dup.txt"
	[ -s "$TMPD/dup.txt" ] && fail "$1: names shown twice in the table: $(cat "$TMPD/dup.txt")"
	return 0
}

# the table's heading names whole columns: the own figures are there in full
# or not at all (the accuracy goes first), never cut at the pane's edge
# ("share    cos")
whole_heading() {
	_head=$(screen | grep -oE "model +count +share.*" | head -n 1)
	[ -n "$_head" ] || fail "$1: no table heading"
	printf '%s\n' "$_head" | grep -qE "^model +count +share( +(cost|cost [A-Za-z]+|[A-Za-z]+)( +accuracy)?)? *$" ||
		fail "$1: the table's heading is cut: '$_head'"
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
	whole_heading "${_w}x$_h $*"
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
	# two used names alike but far from both ends (mobilenet-v3-large_224_1.0_uint8 and
	# ...-large-minimalistic_224_1.0_uint8) and 6-digit counts: once "share    cos" at 80x24
	# shellcheck disable=SC2086
	check "$1" "$2" $RPI4 --budget 200 --K 200000
	check "$1" "$2" --pool xavier --budget 840
	check "$1" "$2" --pool xavier --budget 40 --lambda 0 --K 100
done

# battery mode (once: one of its two models at 120x40), several durations
for d in 24h 12h 1h; do
	check 120 40 data/uci_har.csv --cost-unit mJ --battery 11.1Wh --rate 1/s --idle 400mW \
		--duration "$d"
	check 80 24 data/uci_har.csv --cost-unit mJ --battery 11.1Wh --rate 1/s --idle 400mW \
		--duration "$d"
done

# with the keys the table lists every model, scrolling: the names in sight
# (table and heatmaps) are all different, at 80 columns and in ASCII (~ marks a cut)
table_names() {  # the names in the table's rows, one per line (after the cursor column)
	screen_cells | awk '
		!col && /  model +count +share/ { col = index($0, "model"); next }
		col && (/accuracy  / || substr($0, col - 3, 3) ~ /--/) { exit }
		col { n = split(substr($0, col), f, " "); if (n > 0) print f[1] }'
}
heat_names() {
	screen | awk '/^Fig\. 4/ { on = 1; next } on && /─|--/ { exit } on && /^[^ ]/ { print ($1 == "x" ? $2 : $1) }'
}
for mode in "" --ascii; do
	# shellcheck disable=SC2086
	start 80 24 -- --pool torchvision $mode
	wait_ready
	T send-keys -t t: x
	for page in 1 2 3 4 5 6; do
		wait_settled
		table_names >"$TMPD/names.txt"
		[ "$(wc -l <"$TMPD/names.txt")" -ge 3 ] || fail "$mode page $page: no table rows read"
		[ -z "$(sort "$TMPD/names.txt" | uniq -d)" ] ||
			fail "$mode page $page: names shown twice: $(sort "$TMPD/names.txt" | uniq -d)"
		heat_names >"$TMPD/heat.txt"
		[ -z "$(sort "$TMPD/heat.txt" | uniq -d)" ] ||
			fail "$mode page $page: heatmap labels shown twice: $(sort "$TMPD/heat.txt" | uniq -d)"
		if [ "$mode" = --ascii ]; then
			grep -q "~" "$TMPD/heat.txt" "$TMPD/names.txt" ||
				fail "ascii: no name cut with ~"
			screen | grep -q "…" && fail "ascii: a UTF-8 mark on the screen"
		fi
		T send-keys -t t: NPage
	done
	T send-keys -t t: q
	wait_for "EXIT=0"
done
# the plot's labels: a long name is cut in the middle with a mark, never
# just truncated (regnet_y_32gf_swag for regnet_y_32gf_swag_e2e_v1)
"$OPTDEPLOY" solve --pool torchvision --budget 1 --format csv | sed 1d | cut -d, -f1 >"$TMPD/all.txt"
start 120 40 -- --pool torchvision
wait_ready
screen | sed -n "2,$(line_of "└")p" | grep -oE "[A-Za-z0-9_.]{12,}" | sort -u >"$TMPD/tokens.txt"
while IFS= read -r tok; do
	grep -qx -- "$tok" "$TMPD/all.txt" && continue
	grep -q -- "^$tok" "$TMPD/all.txt" && ! screen | grep -qF -- "$tok…" &&
		fail "plot label '$tok' is a model name cut without a mark"
done <"$TMPD/tokens.txt"
screen | grep -qF "…" || fail "no plot label cut with a mark on the zoo"
T send-keys -t t: q
wait_for "EXIT=0"
echo "policy_rows: ok"
