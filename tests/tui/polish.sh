#!/bin/sh
# What a new user saw, fixed: the policy table's headers are whole and stand
# over their figures at 120 and 80 columns ("accuracy", not "accur"); the
# rounded LP policy is titled in words, not with the internal name
# lp_rounded; the LP gap never reads -0.000000 (a size, then "above" or
# "below" the exact accuracy); a one-model pool is "1 model"; at 80 columns
# the hint bar still shows "? help" and "q quit", and the policy's cost line
# is not cut.
set -u
. tests/tui/helpers/tmux.sh
UCI="$ROOT/data/uci_har.csv"
IMAGENET="$ROOT/data/imagenet_paper.csv"

# headers W H: the header row and the first model row of the policy table
# line up: "count", "share", "cost" and "accuracy" end where their figures end
headers() {
	start "$1" "$2" -- "$UCI"
	wait_ready
	hl=$(line_of "count  share")
	[ -n "$hl" ] || fail "$1x$2: no policy table header"
	# the policy table is the right-hand block of its lines: cut at "model"
	col=$(screen_cells | sed -n "${hl}p" | LC_ALL=C awk '{ print index($0, "model  ") }')
	head=$(screen_cells | sed -n "${hl}p" | cut -c "$col-")
	row=$(screen_cells | sed -n "$((hl + 1))p" | cut -c "$col-")
	printf '%s\n' "$head" | grep -qE '^model +count +share +cost +accuracy *$' ||
		fail "$1x$2: header '$head'"
	printf '%s\n' "$row" | grep -qE '[0-9]+ +[0-9.]+% .* [0-9]+\.[0-9]{2} +[0-9]+\.[0-9]{2} *$' ||
		fail "$1x$2: first row '$row'"
	# the end column of each header word against the end of its figure
	printf '%s\n%s\n' "$head" "$row" | LC_ALL=C awk -v where="$1x$2" '
		NR == 1 { h = $0; next }
		{ r = $0
		  n = split("count share cost accuracy", w, " ")
		  # the figures, right to left: accuracy, cost, then share (ends in %), count
		  k = 0; s = r
		  while (match(s, /[0-9.]+%?/)) { k++; st[k] = RSTART + (length(r) - length(s)); en[k] = st[k] + RLENGTH - 1
			s = substr(s, RSTART + RLENGTH) }
		  want["accuracy"] = en[k]; want["cost"] = en[k - 1]
		  for (i = 1; i <= n; i++) {
			p = index(h, w[i]); e = p + length(w[i]) - 1
			if (w[i] in want && e != want[w[i]]) {
				printf "%s: header %s ends at column %d, its figures at %d\n", where, w[i], e, want[w[i]]
				exit 1 } } }' || fail "$1x$2: headers do not stand over their figures"
	stop
}
headers 120 40
headers 80 24

# 80x24: the hints a newcomer needs first are kept; the cost line fits
start 80 24 -- "$UCI"
wait_ready
screen | head -n 1 | grep -qE '\? help  q quit *$' || fail "80x24 hint bar: $(screen | head -n 1)"
screen | grep -qE 'cost +[0-9.]+  budget 79\.5 \([0-9.]+%\)$' || fail "80x24 cost line: $(screen | grep 'cost  ')"
stop

# the rounded LP policy: titled in words
start 120 40 -- "$UCI" --relax
wait_ready
wait_for "Policy  LP floor-rounded, "
screen | grep -q "lp_rounded" && fail "the internal name lp_rounded is on the screen"
stop

# a gap of a few 1e-9 (K = 1e9): 0.000000, never -0.000000
start 120 40 -- "$IMAGENET" --min-accuracy 72.5 --K 1000000000 --relax
wait_ready
wait_for "LP gap    "
screen | grep -qF -- "-0.000000" && fail "the LP gap reads -0.000000"
screen | grep -qF "LP gap    0.000000 accuracy below the exact" || fail "LP gap: $(screen | grep 'LP gap')"
stop
# a real negative gap: the rounded mix is more accurate, said as "above"
start 120 40 -- "$IMAGENET" --min-accuracy 70 --K 1000000 --relax --normalize
wait_ready
wait_for "LP gap    "
screen | grep -qF "LP gap    0.000005 accuracy above the exact" || fail "LP gap: $(screen | grep 'LP gap')"
stop

# one model: "1 model" on the status line
printf 'model,cost,accuracy\nonly_one,10,80\n' >"$TMPD/one.csv"
start 120 40 -- "$TMPD/one.csv"
wait_for "one.csv | "
wait_settled
screen | grep -qF "one.csv | 1 model | " || fail "status line: $(screen | tail -n 1)"
T send-keys -t t: q
wait_for "EXIT=0"
echo "polish: ok"
