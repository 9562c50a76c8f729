#!/bin/sh
# The plot's model labels on the 94- and 114-model pools at 80x24 and 120x40,
# on both cost axes, with the time row (LP mixes) and a deadline (dim models):
# every label is a model's name or a marked cut of one (never overwritten by a
# marker, the policy or another label), a blank cell parts it from any marker
# or curve beside it, the policy's models are labelled first (on rpi4 at
# 120x40 each has one),
# and the legend counts the models left unlabelled.
set -u
. tests/tui/helpers/tmux.sh

# plot_cells W: the plot's data rows (under the legend, over the x axis), W cells from the
# y axis, one byte per cell: braille #, policy *, LP mix %, ruled-out model @, the name mark ~,
# the y axis and the budget line |
plot_cells() {
	_axis=$(screen | grep -n -m1 '└' | cut -d: -f1)
	screen | sed -n "3,$((_axis - 1))p" |
		LC_ALL=C sed "s/$(printf '\342[\240-\243][\200-\277]')/#/g;
		s/◆/*/g; s/■/%/g; s/◌/@/g; s/…/~/g; s/│/|/g; s/┤/|/g; s/┼/|/g; s/─/=/g;
		s/$(printf '[\300-\377][\200-\277]*')/?/g" |
		sed -n 's/^[ 0-9.]*|//p' | cut -c "1-$1"
}

# check_labels POOL LABEL: the labels against the pool's names
check_labels() {
	"$OPTDEPLOY" solve --pool "$1" --budget 1e9 --format csv | sed 1d | cut -d, -f1 >"$TMPD/names.txt"
	# the plot's width: the x axis's run of -
	_w=$(screen | grep -m1 '└' | LC_ALL=C sed 's/.*└//; s/─/-/g; s/┬/-/g; s/[^-].*//' | wc -c)
	_w=$((_w - 1))
	plot_cells "$_w" >"$TMPD/plot.txt"
	: >"$TMPD/tokens.txt"
	[ -s "$TMPD/plot.txt" ] || fail "$2: no plot rows read"
	LC_ALL=C awk -v label="$2" -v tokens="$TMPD/tokens.txt" "$(cat tests/cli/name_fits.awk)"'
		FILENAME == ARGV[1] { name[++nn] = $0; next }
		{
			row = $0
			while (match(row, /[A-Za-z0-9_.~-]+/)) {
				tok = substr(row, RSTART, RLENGTH)
				before = RSTART > 1 ? substr(row, RSTART - 1, 1) : " "
				after = substr(row, RSTART + RLENGTH, 1)
				row = substr(row, RSTART + RLENGTH)
				if (tok ~ /^o+$/) continue   # markers
				if (tok ~ /^o/ || tok ~ /o$/) { print label ": label touches a marker: " tok; bad = 1; continue }
				if (before !~ /[ |=]/ || (after != "" && after !~ /[ |=]/)) {
					print label ": label " tok " touches \"" before "\"/\"" after "\""; bad = 1
				}
				ok = 0
				for (i = 1; i <= nn && !ok; i++) ok = fits(tok, name[i])
				if (!ok) { print label ": label " tok " is no name nor a marked cut of one"; bad = 1 }
				else { labels++; print tok > tokens }
			}
		}
		END { print labels > "/dev/stderr"; exit bad }' "$TMPD/names.txt" "$TMPD/plot.txt" \
		2>"$TMPD/count.txt" || fail "$2: a label garbled or touching"
	labelled=$(cat "$TMPD/count.txt")
	# the policy's models get their labels first: each used model has one
	if [ -n "${3:-}" ]; then
		# shellcheck disable=SC2086
		"$OPTDEPLOY" solve --pool "$1" $3 --format csv | awk -F, 'NR > 1 && $5 > 0 { print $1 }' |
			LC_ALL=C awk "$(cat tests/cli/name_fits.awk)"'
			FILENAME == ARGV[1] { tok[++n] = $0; next }
			{ ok = 0; for (i = 1; i <= n; i++) if (fits(tok[i], $0)) ok = 1
			  if (!ok) { print "no label for the policy'"'"'s model " $0; bad = 1 } }
			END { exit bad }' "$TMPD/tokens.txt" - || fail "$2: a model of the policy unlabelled"
	fi
	[ "${labelled:-0}" -gt 3 ] || fail "$2: only ${labelled:-0} labels read"
	# the legend counts the rest, where it has room for it
	unl=$(screen | sed -n 2p | grep -oE '[0-9]+ unlabelled' | cut -d' ' -f1)
	if [ -n "$unl" ]; then
		[ $((labelled + unl)) -eq "$(wc -l <"$TMPD/names.txt")" ] ||
			fail "$2: $labelled labels + $unl unlabelled is not every model"
	fi
}

for pool in rpi4 torchvision; do
	budget=210
	[ $pool = torchvision ] && budget=6.4
	for size in "80 24" "120 40"; do
		# shellcheck disable=SC2086
		start $size -- --pool $pool
		wait_ready
		wait_for "Budget  $budget "
		# rpi4 at 120x40: the policy's models have their labels (at 80x24, and in
		# torchvision's crowd round its policy, there may be no room)
		if [ "$pool $size" = "rpi4 120 40" ]; then
			check_labels $pool "$pool $size log" "--budget $budget --K 1000 --lambda 100"
		else
			check_labels $pool "$pool $size log"
		fi
		[ "$size" = "80 24" ] || screen | sed -n 2p | grep -qE '[0-9]+ unlabelled' ||
			fail "$pool $size: the legend does not count the unlabelled models"
		T send-keys -t t: a
		wait_for "budget axis: linear"
		wait_settled
		check_labels $pool "$pool $size linear"
		T send-keys -t t: q
		wait_for "EXIT=0"
	done
done
# the time row's LP mixes (■) and the models a deadline rules out (◌)
for size in "80 24" "120 40"; do
	# shellcheck disable=SC2086
	start $size -- --pool rpi4 --rate 10/s --deadline 200ms
	wait_ready
	screen | grep -q "◌" || fail "rpi4 $size --deadline: no ruled-out model drawn"
	check_labels rpi4 "rpi4 $size --rate --deadline"
	T send-keys -t t: q
	wait_for "EXIT=0"
done
echo "plot_labels: ok"
