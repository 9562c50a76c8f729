#!/bin/sh
# Slider keys re-solve the policy: after each key the table shows what
# `optdeploy solve` answers for the values the sliders show (counts of every
# model used, the expected accuracy, the status), for the budget, lambda, K,
# the accuracy floor (m), the LP relaxation (r) and an exact value (=).
set -u
. tests/tui/helpers/tmux.sh
DATA="$ROOT/data/uci_har.csv"

start 120 40 -- "$DATA"
wait_ready
[ "$(slider_value Budget)" = "79.5" ] || fail "the budget does not start mid-range (79.5)"
agree --budget 79.5 --K 1000 --lambda-per-k 0.1

T send-keys -t t: Right Right
wait_for "Budget  80.5"
agree --budget 80.5 --K 1000 --lambda-per-k 0.1

T send-keys -t t: PPage
wait_for "Budget  85"
agree --budget 85 --K 1000 --lambda-per-k 0.1

T send-keys -t t: Tab Right
wait_for "Lambda  0.11 "
agree --budget 85 --K 1000 --lambda-per-k 0.11

T send-keys -t t: Tab Right
wait_for "K  1300"
agree --budget 85 --K 1300 --lambda-per-k 0.11

T send-keys -t t: End
wait_for "K  1000000000"
agree --budget 85 --K 1000000000 --lambda-per-k 0.11

T send-keys -t t: Home Tab
wait_for "K  10 "
agree --budget 85 --K 10 --lambda-per-k 0.11

# = types an exact budget; one outside the track (below the cheapest model) is infeasible
T send-keys -t t: = C-u 6 2 . 2 5 Enter
wait_for "Budget  62.25"
agree --budget 62.25 --K 10 --lambda-per-k 0.11
T send-keys -t t: = C-u 5 0 Enter
wait_for "Budget  50"
wait_for "infeasible"
T send-keys -t t: End
wait_for "Budget  100"
agree --budget 100 --K 10 --lambda-per-k 0.11

# m: the cheapest policy over an accuracy floor
T send-keys -t t: m
wait_for "Accuracy floor  "
floor=$(slider_value "Accuracy floor")
agree --min-accuracy "$floor" --K 10 --lambda-per-k 0.11
T send-keys -t t: Left
wait_gone "Accuracy floor  $floor "
floor=$(slider_value "Accuracy floor")
agree --min-accuracy "$floor" --K 10 --lambda-per-k 0.11

# r: the LP relaxation with rounding
T send-keys -t t: r
wait_for "Policy  LP"
agree --min-accuracy "$floor" --K 10 --lambda-per-k 0.11 --relax
T send-keys -t t: m
wait_for "Budget  "
budget=$(slider_value Budget)
agree --budget "$budget" --K 10 --lambda-per-k 0.11 --relax

T send-keys -t t: q
wait_for "EXIT=0"
echo "slider_solve: ok"
