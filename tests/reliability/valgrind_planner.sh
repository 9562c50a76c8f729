#!/bin/sh
# The interactive planner under valgrind memcheck, driven in tmux: open, drag
# the budget slider, move every slider with the keys, toggle the modes, type
# a value, export both CSV files, resize, open the help, quit.  valgrind must
# report no invalid read or write, no use of uninitialised memory and no
# definite leak (nothing is suppressed: ncurses, glibc and GLPK report
# nothing with these options), and the planner must exit 0 with the terminal
# restored.
#
# valgrind cannot run an ASan binary: under an ASan build this test prints
# "skipped: ASan build" and passes; the plain build's pass of `make check`
# runs it.  valgrind itself is required (Debian package valgrind).
set -u
# valgrind runs the planner 20-50 times slower: every wait may take minutes
# on a loaded machine before it counts as a failure
POLL_FLOOR=180
. tests/reliability/helpers/tmux.sh

if is_asan_build "$OPTDEPLOY"; then
	echo "valgrind_planner: skipped: ASan build ($OPTDEPLOY); the plain build runs it"
	exit 0
fi
command -v valgrind >/dev/null 2>&1 ||
	{ echo "FAIL: valgrind not found (Debian: apt-get install valgrind; see .ci/deps.sh)" >&2; exit 1; }

RUN="$TMPD/run"
mkdir -p "$RUN"
start 120 40 "$RUN" -- valgrind --error-exitcode=99 --leak-check=full \
	--show-leak-kinds=definite --errors-for-leak-kinds=definite --num-callers=40 \
	--log-file="$TMPD/valgrind.log" "$OPTDEPLOY" "$ROOT/data/uci_har.csv"
LOG="$TMPD/valgrind.log"

wait_for "Fig. 5" 30
case $(modes) in
"alt=1 drag=1 "*) ;;
*) fail "planner's terminal modes: $(modes)" ;;
esac

# drag the budget slider: press on its track, move to both ends, release.
# One event at a time, each seen on the screen before the next: ncurses
# drops a press that arrives in one read with the events after it.
row=$(line_of "Budget  ")
cells=$(track "$row")
[ -n "$cells" ] || { row=$((row + 1)); cells=$(track "$row"); }
[ -n "$cells" ] || fail "no slider track on or below the Budget line"
x0=${cells% *}
x1=${cells#* }
x10 0 $(( x0 + (x1 - x0) / 4 )) "$row"
wait_gone "Budget  79.5 " 20
x10 32 "$x0" "$row"
wait_for "Budget  59.01 " 20
x10 32 "$x1" "$row"
wait_for "Budget  100 " 20
x10 3 "$x1" "$row"
x10 65 $(( (x0 + x1) / 2 )) "$row"    # the wheel: one step down
wait_gone "Budget  100 " 20
x10 64 $(( (x0 + x1) / 2 )) "$row"    # and back up
wait_for "Budget  100 " 20

# the keys: every slider through its range
T send-keys -t t: Left h NPage H Home
wait_for "Budget  59.01 " 20
T send-keys -t t: Right l PPage L
wait_gone "Budget  59.01 " 20
T send-keys -t t: Tab
wait_for "▶ Lambda" 20
T send-keys -t t: Right L PPage End
wait_for "Lambda  5 × K" 20
T send-keys -t t: Home
wait_for "Lambda  0 × K" 20
T send-keys -t t: Tab Right PPage End
wait_for "▶ K  1000000000 " 20
T send-keys -t t: Left H NPage Home
wait_for "▶ K  10 " 20
T send-keys -t t: BTab BTab

# a typed value, one refused and one taken
T send-keys -t t: =
wait_for "Budget = " 20
T send-keys -t t: C-u
T send-keys -t t: -l "abc"
T send-keys -t t: Enter
wait_for "is not a number" 20
T send-keys -t t: =
wait_for "Budget = " 20
T send-keys -t t: C-u
T send-keys -t t: -l "85"
T send-keys -t t: Enter
wait_for "Budget  85 " 20

# the modes, on and back off
T send-keys -t t: m
wait_for "| min cost |" 20
T send-keys -t t: r
wait_for "| LP |" 20
T send-keys -t t: n
wait_for "normalised costs" 20
T send-keys -t t: f
wait_gone "Fig. 5" 20
T send-keys -t t: f
wait_gone "Fig. 4" 20
T send-keys -t t: f
wait_for "Fig. 4" 20
T send-keys -t t: m r n
wait_for "| max accuracy | ILP | raw costs" 20

# both exports, into the planner's working directory
T send-keys -t t: e
wait_for "Export the policy to: policy.csv" 20
T send-keys -t t: Enter
wait_for "rows to policy.csv" 20
T send-keys -t t: E
wait_for "Export the current sweep to: sweep.csv" 20
T send-keys -t t: Enter
wait_for "rows to sweep.csv" 40
for f in policy.csv sweep.csv; do
	head -n 1 "$RUN/$f" 2>/dev/null | grep -q '^[a-z_,]*$' || fail "$f: no CSV header"
	[ "$(wc -l <"$RUN/$f")" -gt 1 ] || fail "$f: no rows"
done

# resize, too small, back; the help; a redraw
T resize-window -t t: -x 80 -y 24
wait_for "Tab slider" 20
T resize-window -t t: -x 30 -y 8
wait_for "too small" 20
T resize-window -t t: -x 120 -y 40
wait_for "Fig. 5" 20
T send-keys -t t: '?'
wait_for "Help: keys" 20
T send-keys -t t: Escape
wait_gone "Help: keys" 20
T send-keys -t t: C-l

T send-keys -t t: q
st=$(wait_exit 40)

[ -s "$LOG" ] || fail "valgrind wrote no log"
grep -q "ERROR SUMMARY:" "$LOG" || fail "valgrind's log has no summary: $(tail -n 5 "$LOG")"
problems=$(grep -E "Invalid (read|write|free)|uninitialised|Mismatched free|definitely lost in|overlap|Jump to the invalid" "$LOG" | sort | uniq -c)
if [ -n "$problems" ] || ! grep -q "ERROR SUMMARY: 0 errors" "$LOG" || [ "$st" != 0 ]; then
	echo "--- valgrind log ---" >&2
	cat "$LOG" >&2
	fail "valgrind found errors (planner exit status $st): $problems"
fi
[ "$(modes)" = "alt=0 drag=0 any=0 sgr=0" ] || fail "terminal modes not restored: $(modes)"
[ "$(cat "$STATE/before")" = "$(cat "$STATE/after")" ] || fail "tty settings not restored"
grep -F "ERROR SUMMARY" "$LOG" | sed 's/^==[0-9]*== /valgrind: /'
grep -E "definitely lost:|total heap usage:" "$LOG" | sed "s/^==[0-9]*== /valgrind: /"
echo "valgrind_planner: ok"
