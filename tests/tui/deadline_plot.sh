#!/bin/sh
# The frontier plot under a deadline (the 94-model MLPerf pools): the LP hull
# is drawn over the models the deadline allows, as `optdeploy frontier` and
# `optdeploy plot` draw it (the planner's figure export is plot's, byte for
# byte), and the models it rules out stay on the plot as a dim ◌ that the
# legend names ("◌ over 200 ms"), at 80x24 and 120x40; at the Deadline's top
# (none) they are plain models again; with a rate the hull keeps up with the
# time row (its mixes: tests/tui/time_hull.sh) and the legend no longer says
# it is without it.
set -u
. tests/tui/helpers/tmux.sh
RUN_DIR="$TMPD/run"
mkdir -p "$RUN_DIR"

# marks: how many ◌ the screen holds (the legend's one included)
marks() { screen | grep -o "◌" | wc -l; }

for pool in "rpi4 200" "xavier 10"; do
	set -- $pool
	name=$1 ms=$2
	for size in "120 40" "80 24"; do
		# shellcheck disable=SC2086
		start $size -- --pool "$name" --deadline "${ms}ms"
		wait_ready
		wait_for "◌ over $ms ms"
		n=$(marks)
		[ "$n" -ge 2 ] || fail "$name $size --deadline ${ms}ms: $n ◌ on the screen, want the legend's and a model's"
		T send-keys -t t: q
		wait_for "EXIT=0"
	done
done

# the figure of the view is plot's, whose hull is frontier's (tests/cli/plot.sh)
start 120 40 -- --pool rpi4 --deadline 200ms
wait_ready
wait_for "◌ over 200 ms"
budget=$(slider_value Budget)
T send-keys -t t: p
wait_for "Write the figure (.svg .pdf .png) to: figure.png"
T send-keys -t t: Enter
wait_for "wrote the figure to figure.png" 30
"$OPTDEPLOY" plot --pool rpi4 --budget "$budget" --K 1000 --lambda-per-k 0.1 --deadline 200ms \
	-o "$TMPD/cli.png" 2>/dev/null || fail "optdeploy plot --deadline 200ms failed"
cmp -s "$RUN_DIR/figure.png" "$TMPD/cli.png" ||
	fail "the planner's figure differs from optdeploy plot --deadline 200ms --budget $budget"
# the Deadline at its top: no model is ruled out, none is drawn as one
T send-keys -t t: Down Down Down Down End
wait_for "Deadline  none"
wait_gone "◌" 10
# a rate: the hull keeps up with the time row, its mixes named in the legend
T send-keys -t t: Down = C-u 1 0 Enter
wait_for "Rate  10/s"
wait_for "■ LP mix"
screen | grep -q "no time row" && fail "with a rate the legend still says no time row"
T send-keys -t t: q
wait_for "EXIT=0"

# ASCII: the mark is ~, named the same way
start 80 24 -- --pool rpi4 --deadline 200ms --ascii
wait_ready
wait_for "~ over 200 ms"
T send-keys -t t: q
wait_for "EXIT=0"
echo "deadline_plot: ok"
