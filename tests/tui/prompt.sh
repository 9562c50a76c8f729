#!/bin/sh
# The = prompt opens with the focused slider's value selected: typing
# replaces it (`= 50` on Budget 79.5 is 50, not 79.550), Backspace and the
# arrow keys edit it instead; Esc leaves the value alone.  The README tour's
# step 5 as written: `= 50` shows the infeasible message and the minimum
# feasible budget.  Numbers are the C locale's whatever LC_ALL says: under
# de_DE.UTF-8 (generated here into a private LOCPATH when the machine lacks
# it) the prompt opens with 79.5, takes 85.5 and also 85,5, and the sliders
# show '.'.
set -u
. tests/tui/helpers/tmux.sh
DATA="$ROOT/data/uci_har.csv"

start 80 24 -- "$DATA"
wait_ready
[ "$(slider_value Budget)" = "79.5" ] || fail "the budget does not start at 79.5"

# the value shows selected (reverse video) after the label
T send-keys -t t: =
wait_for " Budget = 79.5"
E=$(printf '\033')
selected() {  # selected TEXT: the prompt shows TEXT in reverse video (SGR 7 just before it)
	screen_e | tail -n 1 | grep -qE "= ($E\[[0-9;]*m)*$E\[([0-9;]*;)?7m($E\[[0-9;]*m)*$1"
}
selected "79\\.5" || fail "the prompt's value is not shown selected"

# typing replaces it: the README tour's step 5
T send-keys -t t: 5 0 Enter
wait_for "Budget  50 "
wait_for "infeasible: budget 50 is below the cheapest model's cost 59.01"
wait_for "minimum feasible budget 59.01"

# Backspace edits the value: 50 -> 5 -> 57
T send-keys -t t: = BSpace
wait_match " Budget = 5 *$"
selected 5 && fail "Backspace left the value selected"
T send-keys -t t: 7
wait_for " Budget = 57"
T send-keys -t t: Enter
wait_for "Budget  57 "

# arrows edit too: Left, then what is typed goes before the last digit (57 -> 587 -> 58.7)
T send-keys -t t: = Left 8
wait_for " Budget = 587"
T send-keys -t t: .
wait_for " Budget = 58.7"
T send-keys -t t: Home 1 Enter
wait_for "Budget  158.7 "

# Esc leaves the value as it was; Enter on the untouched value keeps it
T send-keys -t t: = 9 Escape
wait_gone " Budget = "
[ "$(slider_value Budget)" = "158.7" ] || fail "Esc changed the budget"
T send-keys -t t: End
wait_for "Budget  100 "

# the other sliders: lambda (a multiple of K) and K
T send-keys -t t: Tab =
wait_for "/K = 0.1"
T send-keys -t t: 0 . 2 5 Enter
wait_for "Lambda  0.25K = 250"
T send-keys -t t: Tab = 2 0 0 0 Enter
wait_for "K  2000 "
T send-keys -t t: = 1 . 5 Enter
wait_for 'K: "1.5" is not a whole number'
T send-keys -t t: = x Enter
wait_for 'K: "x" is not a number'

# an export prompt opens selected too: typing replaces policy.csv
T send-keys -t t: e
wait_for "Export the policy to: policy.csv"
T send-keys -t t: -l "p2.csv"
wait_for "Export the policy to: p2.csv"
T send-keys -t t: Escape
wait_gone "Export the policy to:"
# a prompt whose hint and value do not fit together drops the hint, never
# the value's end (the screen here is 80 columns)
T send-keys -t t: s
wait_for " Export the schedule to: schedule.runs.csv"
T send-keys -t t: Escape
wait_gone "Export the schedule"

# under a German locale numbers still read and show with '.'
LOC=de_DE.UTF-8
LOCENV="LC_ALL=$LOC"
if ! LC_ALL=$LOC locale -k decimal_point 2>/dev/null | grep -q '","'; then
	mkdir -p "$TMPD/locale"
	localedef -i de_DE -f UTF-8 "$TMPD/locale/$LOC" 2>/dev/null ||
		fail "cannot generate the $LOC locale (the locales package is needed)"
	LOCENV="LOCPATH=$TMPD/locale $LOCENV"
fi
# shellcheck disable=SC2086
[ "$(env $LOCENV locale -k decimal_point 2>/dev/null)" = 'decimal_point=","' ] ||
	fail "the $LOC locale does not use a decimal comma"
# shellcheck disable=SC2086
start 80 24 $LOCENV -- "$DATA"
wait_ready
wait_for "Budget  79.5 "
T send-keys -t t: =
wait_for " Budget = 79.5"
T send-keys -t t: 8 5 . 5 Enter
wait_for "Budget  85.5 "
T send-keys -t t: = 8 0 , 2 5 Enter
wait_for "Budget  80.25 "
T send-keys -t t: = 8 0 , 2 , 5 Enter
wait_for 'Budget: "80,2,5" is not a number'
# a braille plot still: the locale's UTF-8 character set is in use
screen | grep -q "⠉\|⠒\|⠔\|⣀" || fail "no braille under $LOC"

# where the hint fits (120 columns) it stays
start 120 40 -- "$DATA"
wait_ready
T send-keys -t t: s
wait_for " Export the schedule (.csv slots, .runs.csv runs, .h C header) to: schedule.runs.csv"
T send-keys -t t: Escape q
wait_for "EXIT=0"
