#!/bin/sh
# KEY_RESIZE relayouts: 120x40 -> 60x20 shows the "terminal too small" screen
# (and keys still work there), back to 120x40 redraws everything; 80x24 is
# still the full planner.
set -u
. tests/tui/helpers/tmux.sh

start 120 40 --
wait_ready
T resize-window -t t: -x 60 -y 20
wait_for "terminal too small: need 80x24"
wait_gone "Fig. 5"
screen | grep -qF "Budget" && fail "the planner still drawn at 60x20"
# keys still act while the screen is too small: Right moves the budget
T send-keys -t t: Right
T resize-window -t t: -x 120 -y 40
wait_for "Fig. 5"
wait_gone "terminal too small"
wait_for "Budget  80"
T resize-window -t t: -x 80 -y 24
wait_for "Fig. 4"
wait_for "Policy"
wait_gone "terminal too small"
T resize-window -t t: -x 79 -y 24
wait_for "terminal too small: need 80x24 (now 79x24)"
T resize-window -t t: -x 80 -y 23
wait_for "terminal too small: need 80x24 (now 80x23)"
T resize-window -t t: -x 30 -y 8
wait_for "terminal too small"
# the message keeps its end at any width: wrapped at spaces, never cut
# (once "terminal too small: need 80x24 (now 40x1" at 40 columns)
wait_for "(now 30x8)"
[ "$(screen | grep -c 'need')" -eq 1 ] || fail "the too-small message is broken inside a phrase"
T resize-window -t t: -x 40 -y 10
wait_for "need 80x24 (now 40x10)"
wait_for "q quits"
T send-keys -t t: q
wait_for "EXIT=0"
echo "resize: ok"
