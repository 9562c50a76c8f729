#!/bin/sh
# ? and F1 open the help overlay, which lists every key the planner has (the
# keys issue 4 asks for, by their man page spelling) and the mouse; q and Esc
# close it without quitting.
set -u
. tests/tui/helpers/tmux.sh

start 120 40 --
wait_ready
T send-keys -t t: '?'
wait_for "Help: keys"
keys=$(help_keys) || fail "no help overlay"
for k in Tab Shift-Tab Left Right h l Shift-Left Shift-Right H L PgUp PgDn Home End \
	= m r n f e E '?' F1 q Ctrl-L Esc; do
	printf '%s\n' "$keys" | grep -qxF -- "$k" || fail "help does not list the key '$k'"
done
wait_for "Mouse"
wait_for "drag a slider handle"
T send-keys -t t: q
wait_gone "Help: keys"
wait_for "Fig. 5"
T send-keys -t t: F1
wait_for "Help: keys"
T send-keys -t t: Escape
wait_gone "Help: keys"
# at 80x24 every key still fits
T resize-window -t t: -x 80 -y 24
wait_for "Policy"
T send-keys -t t: '?'
wait_for "Help: keys"
nkeys=$(help_keys | wc -l)
[ "$nkeys" -ge 26 ] || fail "at 80x24 the help shows $nkeys key names"
T send-keys -t t: '?'
wait_gone "Help: keys"
T send-keys -t t: q
wait_for "EXIT=0"
echo "help: ok"
