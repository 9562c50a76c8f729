#!/bin/sh
# ? and F1 open the help overlay, which lists every key the planner has (the
# keys issue 4 asks for, by their man page spelling) and the mouse; q and Esc
# close it without quitting.
set -u
. tests/tui/helpers/tmux.sh

# help_texts: each key's text in the overlay, a wrapped text's lines joined
help_texts() {
	wait_settled
	_top=$(line_of "Help: keys")
	_bottom=$(line_of "closes this help")
	_col=$(screen_cells | sed -n "${_top}p" | LC_ALL=C awk '{ print index($0, "+") }')
	screen_cells | sed -n "$((_top + 1)),$((_bottom - 1))p" | cut -c "$((_col + 2))-" |
		sed -n '/^Mouse/q; s/ *|[^|]*$//; p' | awk '
		/^[^ ]/ { if (t != "") print t; p = index($0, "  "); t = substr($0, p)
			sub(/^ +/, "", t); next }
		/[^ ]/ { sub(/^ +/, ""); t = t " " $0 }
		END { if (t != "") print t }'
}

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
# at 80 columns a text wider than the box wraps onto the next line, never
# cut (once "model table: previous mod" and "(typing rep"): each row's
# text, its lines joined, is the whole text the 120-column help shows
T resize-window -t t: -x 120 -y 40
wait_for "Fig. 5"
T send-keys -t t: '?'
wait_for "Help: keys"
help_texts >"$TMPD/wide.txt"
[ "$(wc -l <"$TMPD/wide.txt")" -ge 26 ] || fail "no help texts read at 120x40"
T send-keys -t t: '?'
wait_gone "Help: keys"
T resize-window -t t: -x 80 -y 40
wait_for "Policy"
T send-keys -t t: '?'
wait_for "Help: keys"
help_texts >"$TMPD/narrow.txt"
while IFS= read -r text; do
	grep -qxF -- "$text" "$TMPD/narrow.txt" || fail "at 80 columns the help does not show '$text' whole"
done <"$TMPD/wide.txt"
T send-keys -t t: q
wait_gone "Help: keys"
T send-keys -t t: q
wait_for "EXIT=0"
echo "help: ok"
