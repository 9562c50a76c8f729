#!/bin/sh
# The heatmaps at n = 100: a row for each model used at some budget level of
# either panel (the sweeps of `optdeploy sweep` at lambda = 0 and at the
# current lambda are the reference), cheapest first, one line for the
# others, `u` (and --rows all) a row for every model; no two labels alike.
set -u
. tests/tui/helpers/tmux.sh

# heat_labels: the first panel's row labels, one per line (continuation rows skipped)
heat_labels() {
	screen | awk '/^Fig\. 4/ { on = 1; next } on && /─/ { exit } on && /^[^ ]/ { print $1 }'
}

# used_models DATA ARGS...: the models with a share at some level of either sweep
used_models() {
	_d=$1
	shift
	{ "$OPTDEPLOY" sweep $_d "$@" --lambda 0 --format csv
	  "$OPTDEPLOY" sweep $_d "$@" --lambda-per-k 0.1 --format csv; } |
		awk -F, '$1 != "budget" && $4 > 0 { print $2 }' | sort -u
}

# rows_match DATA W H: the labels are the used models (a label may be a marked cut)
rows_match() {
	# shellcheck disable=SC2086
	used_models "$1" >"$TMPD/used.txt"
	heat_labels >"$TMPD/labels.txt"
	n_used=$(wc -l <"$TMPD/used.txt")
	n_all=$("$OPTDEPLOY" solve $1 --budget 1e9 --format csv | sed 1d | wc -l)
	[ "$(wc -l <"$TMPD/labels.txt")" -eq "$n_used" ] ||
		fail "$2: $(wc -l <"$TMPD/labels.txt") heatmap rows, $n_used models used"
	[ "$(sort "$TMPD/labels.txt" | uniq -d | wc -l)" -eq 0 ] || fail "$2: a label shown twice"
	LC_ALL=C awk "$(cat tests/cli/name_fits.awk)"'
		FILENAME == ARGV[1] { lab[++n] = $0; next }
		{ ok = 0; for (i = 1; i <= n; i++) if (!took[i] && fits(lab[i], $0)) { took[i] = 1; ok = 1; break }
		  if (!ok) { print "no row for " $0; bad = 1 } }
		END { exit bad }' "$TMPD/labels.txt" "$TMPD/used.txt" || fail "$2: rows differ"
	# cheapest first, as the figure's rows and sweep's columns
	# shellcheck disable=SC2086
	"$OPTDEPLOY" solve $1 --budget 1e9 --format csv | sed 1d | cut -d, -f1-3 |
		awk -F, 'NR == FNR { u[$1] = 1; next } u[$1]' "$TMPD/used.txt" - >"$TMPD/models.csv"
	_o=$(awk -F, -f tests/cli/name_fits.awk -f tests/cli/cost_order.awk "$TMPD/models.csv" "$TMPD/labels.txt" | head -3)
	[ -z "$_o" ] || fail "$2: rows not cheapest first: $_o"
	others=$((n_all - n_used))
	screen | grep -qE "… $others models never used from [0-9.]+ to [0-9.]+" ||
		fail "$2: no line for the $others models never used"
}

# the zoo, tall enough for every used row; the 5-model pool at 80x24
start 160 80 -- --pool torchvision
wait_ready
rows_match "--pool torchvision" "torchvision 160x80"
# u: every model a row (scrolling), no summary line
T send-keys -t t: u
wait_for "of 114)"
wait_gone "never used"
T send-keys -t t: u
wait_for "never used"
T send-keys -t t: q
wait_for "EXIT=0"

start 160 80 -- --pool rpi4
wait_ready
rows_match "--pool rpi4" "rpi4 160x80"
T send-keys -t t: q
wait_for "EXIT=0"

# 80 columns: the labels in sight are whole names or marked cuts of them, never cut short
"$OPTDEPLOY" solve --pool rpi4 --budget 1e9 --format csv | sed 1d | cut -d, -f1 >"$TMPD/all.txt"
start 80 24 -- --pool rpi4
wait_ready
heat_labels >"$TMPD/labels.txt"
[ -s "$TMPD/labels.txt" ] || fail "rpi4 80x24: no heatmap labels read"
LC_ALL=C awk "$(cat tests/cli/name_fits.awk)"'
	FILENAME == ARGV[1] { name[++n] = $0; next }
	{ ok = 0
	  for (i = 1; i <= n && !ok; i++) ok = fits($0, name[i])
	  if (!ok) { print "label " $0 " is no name nor a marked cut of one"; bad = 1 } }
	END { exit bad }' "$TMPD/all.txt" "$TMPD/labels.txt" || fail "rpi4 80x24: a label cut short"
screen | grep -qE "… [0-9]+ models never used" || fail "rpi4 80x24: the summary line lost its start"
# the budget's arrow at either end of the axis moves the range label aside, never over it
T send-keys -t t: End
wait_for "2440.52▲"
screen | grep -qF "17.35──" || fail "rpi4 80x24 End: the range start is not whole"
T send-keys -t t: Home
wait_for "▲17.35──"
screen | grep -qF "──2440.52" || fail "rpi4 80x24 Home: the range end is not whole"
T send-keys -t t: q
wait_for "EXIT=0"

start 80 24 -- data/uci_har.csv
wait_ready
rows_match "data/uci_har.csv" "uci_har 80x24"
T send-keys -t t: q
wait_for "EXIT=0"

# --rows all from the start; back to the used ones with u
start 120 40 -- --pool torchvision --rows all
wait_ready
screen | grep -qF "of 114)" || fail "--rows all: not every model has a row"
screen | grep -qF "never used" && fail "--rows all: a summary line"
T send-keys -t t: u
wait_for "never used"
T send-keys -t t: q
wait_for "EXIT=0"
# the shade key keeps its four entries on either axis, at 80 and 120 columns
for size in "80 24" "120 40"; do
	# shellcheck disable=SC2086
	start $size -- --pool torchvision
	wait_ready
	for axis in log linear; do
		wait_for "($axis axis)"
		screen | grep -F "($axis axis)" | grep -qE "<25%.+<50%.+<75%.+>=75%" ||
			fail "torchvision $size, $axis axis: the shade key lost an entry"
		T send-keys -t t: a
	done
	T send-keys -t t: q
	wait_for "EXIT=0"
done
echo "heatmap_rows: ok"
