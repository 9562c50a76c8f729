#!/bin/sh
# What-if: x (or a click on its row) takes a model out of the pool and puts it
# back; the policy, both heatmaps and an export are then those of
# `optdeploy solve`/`sweep` on a file holding only the models kept (and of
# `--exclude` on the whole pool); excluded
# rows stay on the screen marked x; the status line counts them; the last
# model cannot be excluded; X brings every model back.
set -u
. tests/tui/helpers/tmux.sh
FULL="$ROOT/data/uci_har.csv"
RUN_DIR="$TMPD/run"
mkdir -p "$RUN_DIR"

keep_without() {  # keep_without NAME... : the pool file without those models, in $DATA
	DATA="$TMPD/kept-$(printf '%s-' "$@").csv"
	pat=$(printf '%s\n' "$@" | sed 's/.*/^&,/' | paste -sd'|' -)
	grep -vE "$pat" "$FULL" >"$DATA"
}

# The model table's row of NAME: its screen line (1-based), found by what follows the name.
row_of() {
	screen | grep -nE "^.{60,}[ ▶]([x ]) $1 +([0-9]+ +[0-9.]+%|-|excluded)" | head -n 1 | cut -d: -f1
}

same() {  # same PLANNER_FILE CLI_FILE
	[ -f "$1" ] || fail "$1 was not written"
	cmp -s "$1" "$2" || { diff "$1" "$2" >&2; fail "$1 differs from the command line's $2"; }
}

start 120 40 -- "$FULL"
wait_ready
DATA=$FULL
agree --budget 79.5 --K 1000 --lambda-per-k 0.1

# x from the sliders gives the model table the keys; j moves down; x excludes cnn
T send-keys -t t x
wait_for "model table:"
screen | grep -qE "▶  decision_tree" || fail "no cursor on the first model"
T send-keys -t t j j j
wait_for "▶  cnn "
T send-keys -t t x
wait_for "1 of 5 models excluded"
wait_for "▶x cnn               excluded"
keep_without cnn
agree --budget 79.5 --K 1000 --lambda-per-k 0.1
# the plot draws it as a dim x, both heatmaps strike its row out
wait_for "x cnn   "
n=$(screen | grep -cE "x cnn +─{20}")
[ "$n" -eq 1 ] || fail "cnn struck out in $n heatmap lines, want 1 (two figures on one line)"

# e writes the policy of the models kept: `solve` on a file without cnn
wait_ready
T send-keys -t t e Enter
wait_for "exported 4 rows to policy.csv"
"$OPTDEPLOY" solve "$DATA" --budget 79.5 --K 1000 --lambda-per-k 0.1 -o "$TMPD/cli1.csv" 2>/dev/null
same "$RUN_DIR/policy.csv" "$TMPD/cli1.csv"
# ... and `solve --exclude` on the whole pool
"$OPTDEPLOY" solve "$FULL" --exclude cnn --budget 79.5 --K 1000 --lambda-per-k 0.1 \
	-o "$TMPD/cli1x.csv" 2>/dev/null
same "$RUN_DIR/policy.csv" "$TMPD/cli1x.csv"

# a click on svm's row excludes it too: the best model gone, the policy changes
y=$(row_of svm)
[ -n "$y" ] || fail "no table row for svm"
x10 0 80 "$y"; x10 3 80 "$y"
wait_for "2 of 5 models excluded"
keep_without cnn svm
agree --budget 79.5 --K 1000 --lambda-per-k 0.1
wait_ready
T send-keys -t t E Enter
wait_for "rows to sweep.csv"
"$OPTDEPLOY" sweep "$DATA" --K 1000 --lambda-per-k 0.1 -o "$TMPD/sweep.csv" 2>/dev/null
same "$RUN_DIR/sweep.csv" "$TMPD/sweep.csv"
"$OPTDEPLOY" sweep "$FULL" --exclude 'cnn,svm' --K 1000 --lambda-per-k 0.1 \
	-o "$TMPD/sweepx.csv" 2>/dev/null
same "$RUN_DIR/sweep.csv" "$TMPD/sweepx.csv"

# a second click brings svm back
x10 0 80 "$y"; x10 3 80 "$y"
wait_for "1 of 5 models excluded"
keep_without cnn
agree --budget 79.5 --K 1000 --lambda-per-k 0.1

# down to one model: the last one cannot go
T send-keys -t t Home x j x j x
wait_for "4 of 5 models excluded"
T send-keys -t t j j x
wait_for "cannot exclude svm: it is the last model left"
screen | grep -q "4 of 5 models excluded" || fail "the refused toggle changed the count"
# svm alone at a budget of 79.5 is infeasible, as `solve` says
keep_without decision_tree gradient_boosting cnn_pruned cnn
"$OPTDEPLOY" solve "$DATA" --budget 79.5 --K 1000 --lambda-per-k 0.1 >/dev/null 2>"$TMPD/err"
[ $? -eq 1 ] && grep -q "infeasible: budget 79.5 is below the cheapest model's cost 100" "$TMPD/err" ||
	fail "solve on svm alone is not infeasible at 79.5"
wait_for "budget 79.5 is below the cheapest model's"
# the excluded models stay in the table, so one can come back from there
T send-keys -t t Home x
wait_for "3 of 5 models excluded"
keep_without gradient_boosting cnn_pruned cnn
agree --budget 79.5 --K 1000 --lambda-per-k 0.1

# Esc gives the keys back to the sliders; X brings every model back
T send-keys -t t X
wait_for "every model included again"
wait_for "| 5 models |"
DATA=$FULL
agree --budget 79.5 --K 1000 --lambda-per-k 0.1
T send-keys -t t Escape Right
wait_for "Budget  80 "
agree --budget 80 --K 1000 --lambda-per-k 0.1

# normalised costs keep the exclusions (and the whole pool's scale)
T send-keys -t t x j x n
wait_for "costs normalised"
wait_for "1 of 5 models excluded"
wait_ready
T send-keys -t t q
wait_for "EXIT=0"
echo "whatif: ok"
