#!/bin/sh
# The plot's LP frontier keeps up with the time row (a rate, on the MLPerf
# pools): a vertex that mixes two models is a ■ (+ in ASCII), named "LP mix"
# by the legend, at 80x24 and 120x40 on rpi4 and xavier; the planner's
# figure export is plot's byte for byte (whose hull is frontier's,
# tests/cli/plot.sh); when every model is too slow for the rate the plot
# says no LP policy keeps up instead of drawing a hull.
set -u
. tests/tui/helpers/tmux.sh
RUN_DIR="$TMPD/run"
mkdir -p "$RUN_DIR"

# the mix marks on the screen (the legend's one included)
mixes() { screen | grep -o "■" | wc -l; }

for case in "rpi4 10/s 100" "xavier 50/s 300"; do
	set -- $case
	name=$1 rate=$2 budget=$3
	# frontier's list has mixes at this rate (so the marks below are vertices)
	n=$("$OPTDEPLOY" frontier --pool "$name" --rate "$rate" --steps 2 --format csv |
		awk -F, '$1 == "hull" && $7 != ""' | wc -l)
	[ "$n" -ge 1 ] || fail "$name at $rate: frontier lists no mix"
	for size in "120 40" "80 24"; do
		# shellcheck disable=SC2086
		start $size -- --pool "$name" --rate "$rate" --budget "$budget"
		wait_ready
		wait_for "■ LP mix"
		m=$(mixes)
		[ "$m" -ge 2 ] || fail "$name $size --rate $rate: $m ■ on the screen, want the legend's and a vertex's"
		screen | grep -q "no time row" && fail "$name $size: the legend still says no time row"
		T send-keys -t t: q
		wait_for "EXIT=0"
	done
done

# the figure of the view is plot's, with the same frontier
start 120 40 -- --pool rpi4 --rate 10/s --budget 100
wait_ready
wait_for "■ LP mix"
budget=$(slider_value Budget)
T send-keys -t t: p
wait_for "Write the figure (.svg .pdf .png) to: figure.png"
T send-keys -t t: Enter
wait_for "wrote the figure to figure.png" 30
"$OPTDEPLOY" plot --pool rpi4 --budget "$budget" --K 1000 --lambda-per-k 0.1 --rate 10/s \
	-o "$TMPD/cli.png" 2>/dev/null || fail "optdeploy plot --rate 10/s failed"
cmp -s "$RUN_DIR/figure.png" "$TMPD/cli.png" ||
	fail "the planner's figure differs from optdeploy plot --rate 10/s --budget $budget"
# the Rate at its bottom (none): no time row, no mix
T send-keys -t t: Down Down Down Down Down Home
wait_for "Rate  none"
wait_gone "■" 10
T send-keys -t t: q
wait_for "EXIT=0"

# every model too slow for 1000/s: no hull, said on the plot, and no hull in
# the legend (at 80x24 the solve's error is a box first, too long for the status line)
for size in "120 40" "80 24"; do
	# shellcheck disable=SC2086
	start $size -- --pool rpi4 --rate 1000/s
	if [ "$size" = "80 24" ]; then
		wait_for "any key closes" 30
		T send-keys -t t: Escape
		wait_gone "any key closes"
	fi
	wait_for "no LP policy keeps up at 1000/s" 30
	screen | grep -q "■" && fail "$size --rate 1000/s: a mix drawn with no LP policy"
	screen | grep -q "LP hull" && fail "$size --rate 1000/s: a hull in the legend with no LP policy"
	T send-keys -t t: q
	wait_for "EXIT=0"
done

# ASCII: the mark is +, named the same way
start 80 24 -- --pool rpi4 --rate 10/s --budget 100 --ascii
wait_ready
wait_for "+ LP mix"
T send-keys -t t: q
wait_for "EXIT=0"
echo "time_hull: ok"
