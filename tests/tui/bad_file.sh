#!/bin/sh
# A pool that does not load stops the planner before the screen opens, with
# the batch commands' message and exit status; the terminal is never touched.
# Without a terminal the planner says so (exit 64).
set -u
. tests/tui/helpers/tmux.sh

printf 'model,cost,accuracy\na,1,90\nb,"12,5",91\n' >"$TMPD/comma.csv"
printf 'model,cost,accuracy\n' >"$TMPD/header_only.csv"
for f in "$TMPD/comma.csv" "$TMPD/header_only.csv" "$TMPD/missing.csv" "$ROOT/data"; do
	"$OPTDEPLOY" "$f" >"$TMPD/out" 2>"$TMPD/planner.err" </dev/null && st=0 || st=$?
	"$OPTDEPLOY" solve "$f" --budget 50 >/dev/null 2>"$TMPD/cli.err" </dev/null && cst=0 || cst=$?
	[ "$st" -ne 0 ] || fail "$f: the planner accepted it"
	[ "$st" = "$cst" ] || fail "$f: exit $st, the batch command exits $cst"
	cmp -s "$TMPD/planner.err" "$TMPD/cli.err" ||
		fail "$f: message '$(cat "$TMPD/planner.err")', batch: '$(cat "$TMPD/cli.err")'"
	[ -s "$TMPD/out" ] && fail "$f: wrote to standard output"
	grep -q "^optdeploy: " "$TMPD/planner.err" || fail "$f: message without the program name"
done
"$OPTDEPLOY" "$TMPD/comma.csv" 2>&1 </dev/null | grep -qF "comma.csv:3: column 'cost': \"12,5\"" ||
	fail "the message is not located: $("$OPTDEPLOY" "$TMPD/comma.csv" 2>&1 </dev/null)"

# in a terminal: the message lands on the normal screen, no mode was switched on
start 100 30 -- "$TMPD/comma.csv"
wait_for "EXIT=65"
wait_for "comma.csv:3:"
[ "$(modes)" = "alt=0 drag=0 sgr=0" ] || fail "modes touched by a failed start: $(modes)"

# not a terminal
"$OPTDEPLOY" "$ROOT/data/uci_har.csv" </dev/null >"$TMPD/out" 2>"$TMPD/err" && st=0 || st=$?
[ "$st" -eq 64 ] || fail "without a terminal: exit $st, want 64"
grep -q "needs a terminal" "$TMPD/err" || fail "without a terminal: '$(cat "$TMPD/err")'"
echo "bad_file: ok"
