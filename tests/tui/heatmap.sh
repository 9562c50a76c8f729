#!/bin/sh
# The heatmaps are the sweep command's figures: every cell of figure 4
# (lambda = 0) and figure 5 (the current lambda) shows the shade of the share
# `optdeploy sweep` computes for that model at that column's budget level (the
# darkest of the levels nearest the column, when the sweep has more levels than
# the figure has columns; 101 levels spread evenly over the columns), for two
# pools, before and after a change of lambda and K.  On a 94-model pool at
# 80x24, where the levels outnumber the columns, every row drawn has a mark.
set -u
. tests/tui/helpers/tmux.sh

# The screen with one byte per cell, shades as digits 1-4 (blank: 0 share).
shades() {
	screen | LC_ALL=C sed "s/░/1/g; s/▒/2/g; s/▓/3/g; s/█/4/g; s/─/-/g;
		s/$(printf '[\300-\377][\200-\277]*')/?/g"
}

# compare DATA FIG(1|2) SWEEP-ARGS...: each model's row of the figure against the sweep
compare() {
	data=$1 fig=$2
	shift 2
	"$OPTDEPLOY" sweep "$data" "$@" --format csv >"$TMPD/sweep.csv" 2>/dev/null ||
		fail "sweep $* failed"
	shades >"$TMPD/screen.txt"
	lo=$(sed -n 2p "$TMPD/sweep.csv" | cut -d, -f1)
	lo=$(LC_ALL=C awk -v v="$lo" 'BEGIN { printf "%g", v }')
	axis=$(grep -n -- "$lo-" "$TMPD/screen.txt" | tail -n 1 | cut -d: -f1)
	[ -n "$axis" ] || fail "no heatmap axis starting at $lo"
	sed 1d "$data" | cut -d, -f1 | while IFS= read -r model; do
		short=$(printf '%.18s' "$model")
		row=$(grep -n "^$short " "$TMPD/screen.txt" | tail -n 1 | cut -d: -f1)
		[ -n "$row" ] || fail "$model: no heatmap row"
		LC_ALL=C awk -F, -v fig="$fig" -v model="$model" -v row="$row" -v axis="$axis" \
			-v lo="$lo" '
			FILENAME == ARGV[1] {
				if (FNR == 1) next
				if ($1 != last) { level++; last = $1 }
				if ($2 == model) {
					s = $4 + 0
					shade[level - 1] = s <= 0 ? 0 : s < 0.25 ? 1 : s < 0.5 ? 2 : s < 0.75 ? 3 : 4
				}
				next
			}
			FNR == row { line = $0 }
			FNR == axis { ax = $0 }
			END {
				L = level
				# the figure: from its lower budget label to the end of its axis dashes
				start = 0; rest = ax
				for (f = 1; f <= fig; f++) {
					p = index(rest, lo "-")
					if (p == 0) { print "no axis for figure " fig; exit 1 }
					start += p; from = start
					rest = substr(rest, p + 1)
				}
				w = 0
				while (from + w <= length(ax) && substr(ax, from + w, 1) != " ") w++
				for (c = 0; c < w; c++) {
					# the level of this column, or the darkest of the levels nearest it
					j = int(c * (L - 1) / (w - 1) + 0.5)
					want = shade[j]
					for (l = 0; l < L; l++)
						if (int(l * (w - 1) / (L - 1) + 0.5) == c && shade[l] > want)
							want = shade[l]
					ch = substr(line, from + c, 1)
					if (ch == "") ch = " "  # capture-pane drops trailing blanks
					got = ch == " " ? 0 : ch + 0
					if (ch !~ /^[ 1-4]$/ || got != want) {
						printf "%s, figure %d, column %d (level %d): shade %s, sweep says %d\n",
							model, fig + 3, c, j, ch, want
						exit 1
					}
				}
				if (w < 20) { print "figure too narrow: " w; exit 1 }
			}' "$TMPD/sweep.csv" "$TMPD/screen.txt" || fail "heatmap differs from sweep $*"
	done || exit 1
}

for pool in uci_har imagenet_paper; do
	DATA="$ROOT/data/$pool.csv"
	start 120 40 -- "$DATA" --rows all
	wait_ready
	compare "$DATA" 1 --K 1000 --lambda 0
	compare "$DATA" 2 --K 1000 --lambda-per-k 0.1
	# a larger lambda and a smaller K: both figures are solved again
	T send-keys -t t: Tab PPage PPage PPage Tab PPage
	wait_for "K  10000 "
	wait_ready
	compare "$DATA" 1 --K 10000 --lambda 0
	compare "$DATA" 2 --K 10000 --lambda-per-k 0.4
done
T send-keys -t t: q
wait_for "EXIT=0"
stop

# rpi4 at 80x24: a model gets a row because it is used at some level, so its
# row is never blank, even when those levels fall between two drawn columns.
start 80 24 -- --pool rpi4
wait_ready
shades | awk '
	/Fig\. 4/ { inside = 1; next }
	inside && /[0-9]--/ { exit }
	inside {
		cells = $0
		gsub(/[^ ]*[A-Za-z?_][^ ]*/, "", cells)  # the row labels (shades are bare digits)
		if (cells !~ /[1-4]/) { print "a heatmap row without a mark: " $0; bad = 1 }
	}
	inside { rows++ }
	END { if (bad) exit 1; if (rows < 3) { print "only " rows " heatmap rows"; exit 1 } }' ||
	fail "rpi4 at 80x24: a listed heatmap row shows no share"
T send-keys -t t: q
wait_for "EXIT=0"
echo "heatmap: ok"
