#!/bin/sh
# p writes the figure of the planner's view (frontier, policy, both heatmaps
# at the values on the screen), the format from the name typed: the PNG is
# byte for byte the one `optdeploy plot` draws for the same values, an SVG
# parses as XML; a name without .svg/.pdf/.png or in a missing directory is
# reported on the status line, writes nothing, and the planner goes on.
set -u
. tests/tui/helpers/tmux.sh
DATA="$ROOT/data/uci_har.csv"
RUN_DIR="$TMPD/run"
mkdir -p "$RUN_DIR"

start 120 40 -- "$DATA"
wait_ready

T send-keys -t t p
wait_for "Write the figure (.svg .pdf .png) to: figure.png"
T send-keys -t t Enter
wait_for "wrote the figure to figure.png" 20
"$OPTDEPLOY" plot "$DATA" --budget 79.5 --K 1000 --lambda-per-k 0.1 -o "$TMPD/cli.png" 2>/dev/null ||
	fail "optdeploy plot failed"
cmp -s "$RUN_DIR/figure.png" "$TMPD/cli.png" ||
	fail "the planner's figure.png differs from optdeploy plot's for the same values"

# other values: the same figure as the command line's again; then an SVG
T send-keys -t t Right Tab Right Right
wait_for "Lambda  0.12 "
T send-keys -t t p C-u
T send-keys -t t -l "view.png"
T send-keys -t t Enter
wait_for "wrote the figure to view.png" 20
"$OPTDEPLOY" plot "$DATA" --budget 80 --K 1000 --lambda-per-k 0.12 -o "$TMPD/cli2.png" 2>/dev/null ||
	fail "optdeploy plot failed"
cmp -s "$RUN_DIR/view.png" "$TMPD/cli2.png" ||
	fail "the planner's view.png differs from optdeploy plot's for the same values"
T send-keys -t t p C-u
T send-keys -t t -l "view.svg"
T send-keys -t t Enter
wait_for "wrote the figure to view.svg" 20
xmllint --noout "$RUN_DIR/view.svg" || fail "view.svg does not parse as XML"
grep -q '<svg' "$RUN_DIR/view.svg" || fail "view.svg is no SVG"

# Esc cancels; a bad name or directory is reported and nothing is written
T send-keys -t t p C-u
T send-keys -t t -l "never.png"
T send-keys -t t Escape
wait_gone "Write the figure"
[ -e "$RUN_DIR/never.png" ] && fail "Esc did not cancel the figure"
T send-keys -t t p C-u
T send-keys -t t -l "fig.gif"
T send-keys -t t Enter
wait_for "fig.gif: not a figure file name"
T send-keys -t t p C-u
T send-keys -t t -l "nodir/x.pdf"
T send-keys -t t Enter
wait_for "nodir/x.pdf: cannot write: No such file"
left=$(ls -A "$RUN_DIR" | tr '\n' ' ')
[ "$left" = "figure.png view.png view.svg " ] || fail "files left in the planner's directory: $left"

T send-keys -t t q
wait_for "EXIT=0"
echo "figure_export: ok"
