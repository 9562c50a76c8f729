#!/bin/sh
# The planner's screen at 120x40 and 80x24: the plot and both heatmaps show
# every model of the pool by name, the sliders and the policy table are there,
# braille is used in a UTF-8 locale and nothing but ASCII with LANG=C or --ascii.
set -u
. tests/tui/helpers/tmux.sh

names() { sed 1d "$1" | cut -d, -f1; }

# labels NAME: how many times NAME appears in the text on stdin as a label of
# its own: a run of name characters that is NAME, or NAME cut short to no
# fewer than 10 characters (so "cnn" does not count inside "cnn_pruned").
labels() {
	LC_ALL=C awk -v m="$1" '{
		s = $0
		while (match(s, /[A-Za-z0-9_.-]+(\342\200\246[A-Za-z0-9_.-]*)?/)) {
			t = substr(s, RSTART, RLENGTH)
			p = index(t, "\342\200\246")
			# a name cut in the middle: its head and its end
			if (p > 0 && index(m, substr(t, 1, p - 1)) == 1 &&
			    substr(m, length(m) - length(t) + p + 3) == substr(t, p + 3))
				n++
			else if (t == m || (length(t) >= 10 && index(m, t) == 1))
				n++
			s = substr(s, RSTART + RLENGTH)
		}
	} END { print n + 0 }'
}

check_pool() {  # check_pool FILE W H
	start "$2" "$3" -- "$ROOT/$1" --rows all
	wait_ready
	s=$(screen)
	for what in "Frontier" "Budget" "Lambda" "K  1000" "Policy" "Fig. 4" "Fig. 5" \
		"$(basename "$1")"; do
		printf '%s\n' "$s" | grep -qF -- "$what" || fail "$1 at $2x$3: '$what' not on the screen"
	done
	plot_h=$(( $(line_of "Allocation by budget") - 1 ))
	for m in $(names "$1"); do
		n=$(printf '%s\n' "$s" | sed -n "2,${plot_h}p" | labels "$m")
		[ "$n" -ge 1 ] || fail "$1 at $2x$3: model $m not labelled in the plot"
		n=$(printf '%s\n' "$s" | sed -n "$((plot_h + 1)),\$p" | labels "$m")
		[ "$n" -eq 2 ] || fail "$1 at $2x$3: model $m in $n heatmap rows, want 2 (figures 4 and 5)"
	done
	# braille is U+2800..U+28FF: bytes e2 a0..a3 xx in UTF-8
	printf '%s\n' "$s" | LC_ALL=C grep -q "$(printf '\342[\240-\243][\200-\277]')" ||
		fail "$1 at $2x$3: no braille in a UTF-8 locale"
	stop
}

check_pool data/uci_har.csv 120 40
check_pool data/imagenet_paper.csv 120 40
check_pool data/uci_har.csv 80 24

# No UTF-8 locale, or --ascii: plain ASCII only, and still the same screen.
for how in "LANG=C" "--ascii"; do
	if [ "$how" = "--ascii" ]; then start 120 40 -- --ascii; else start 120 40 LANG=C --; fi
	wait_ready
	screen | grep -qF "svm" || fail "$how: no model on the screen"
	if screen | LC_ALL=C grep -q "$(printf '[\200-\377]')"; then
		fail "$how: non-ASCII characters on the screen"
	fi
	stop
done
echo "screen: ok"
