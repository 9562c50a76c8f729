#!/bin/sh
# The progress line of long batch commands, on a terminal's standard error:
# a CSV sweep of a few seconds, streamed, shows "sweep: N/M levels solved and
# written, ... elapsed" while it runs (a table sweep "sweep: N/M levels"),
# erases it at the end ("\r" + clear to end of line) before anything else is
# written, and its output is the same as without a terminal.  A sweep whose
# time goes into writing (a big pool into a file) shows the line too, and so
# do a long schedule (slots written) and lifetime --sweep (floors).  With
# standard error not a terminal, or with --no-progress, there is no progress
# text at all; when the command fails, the line is erased before the error.
#
# The sweep is sized to take about ten seconds on this machine and build
# (a short sweep is timed first): the line only appears after 0.5 s.  Its
# CSV goes through md5sum (a fast solver makes a big CSV), compared with the
# same sweep's without a terminal.
set -u
. tests/tui/helpers/tmux.sh

awk 'BEGIN { srand(11); print "model,cost,accuracy,load_cost"
	for (i = 1; i <= 200; i++) { c = 1 + 99 * rand(); a = 40 + 50 * sqrt(c / 100) + 6 * (rand() - 0.5)
		printf "m%03d,%.4f,%.4f,%.3f\n", i, c, a, 2 * rand() } }' >"$TMPD/pool.csv"
# no time limit a loaded machine could reach: the answer must be the same
ARGS="--K 1000000 --lambda-per-k 0.1 --time-limit 1000000"

# Steps for about ten seconds, from the faster of two timed sweeps of 20
# levels: a timing taken while the machine was busy would make the sweep
# too short, so the estimate leans to the fast side.
per_level() {
	_t0=$(date +%s.%N)
	# shellcheck disable=SC2086
	"$OPTDEPLOY" sweep "$TMPD/pool.csv" $ARGS --steps 20 --format csv >/dev/null 2>&1 ||
		fail "the timing sweep failed"
	_t1=$(date +%s.%N)
	awk -v a="$_t0" -v b="$_t1" 'BEGIN { printf "%.6f\n", (b - a) / 20 }'
}
p1=$(per_level)
p2=$(per_level)
STEPS=$(awk -v p="$p1" -v q="$p2" 'BEGIN { per = p < q ? p : q; s = per > 0 ? int(10 / per) + 1 : 5000
	if (s < 20) s = 20; if (s > 5000) s = 5000; print s }')

# exited STATUS: wait for the command's end, then check its status
exited() {
	wait_for "EXIT=" 900
	screen | grep -q "EXIT=$1" || fail "exit status $(screen | grep -o 'EXIT=[0-9]*'), want $1"
}

# run NAME ARGS...: optdeploy ARGS in a fresh pane, its bytes recorded in $TMPD/NAME.raw
run() {
	_name=$1
	shift
	stop
	T new-session -d -s t -x 100 -y 20 -c "$TMPD" \
		"read _go; $* ; echo EXIT=\$?; exec sleep 3600" || fail "$_name: cannot start"
	T pipe-pane -t t: "cat >'$TMPD/$_name.raw'" || fail "$_name: cannot record the pane"
	T send-keys -t t: Enter
}
CMD="'$OPTDEPLOY' sweep pool.csv $ARGS --steps $STEPS --format csv"

# 1. the line appears with its counts, then goes; the CSV is intact
run ok "$CMD | md5sum >out.md5"
wait_match "^sweep: [0-9]+/$STEPS levels solved and written, [0-9.]+ s elapsed" 60
exited 0
screen | grep -q "levels" && fail "the progress line was not erased"
esc=$(printf '\033')
cr=$(printf '\r')
LC_ALL=C grep -qF "${esc}[K${cr}${esc}[KEXIT=0" "$TMPD/ok.raw" ||
	fail "the last progress line is not erased before the next output"
# shellcheck disable=SC2086
"$OPTDEPLOY" sweep "$TMPD/pool.csv" $ARGS --steps "$STEPS" --format csv \
	2>"$TMPD/plain.err" >"$TMPD/plain.csv" || fail "sweep without a terminal failed"
[ "$(wc -l <"$TMPD/plain.csv")" -eq $((STEPS * 200 + 1)) ] ||
	fail "the CSV has $(wc -l <"$TMPD/plain.csv") lines, want $((STEPS * 200 + 1))"
md5sum <"$TMPD/plain.csv" | cmp -s - "$TMPD/out.md5" || fail "the CSV differs with a progress line"

# 2. standard error to a file: no progress text at all (and nothing else)
[ ! -s "$TMPD/plain.err" ] || fail "progress text in a file: $(head -c 200 "$TMPD/plain.err")"

# 3. a failure after the line was shown: erased before the error message (a
# table is printed after its levels are solved; a CSV is written as it goes,
# so a bad output file fails before any solving)
run fail "'$OPTDEPLOY' sweep pool.csv $ARGS --steps $STEPS >/dev/full"
wait_match "^sweep: [0-9]+/$STEPS levels, [0-9.]+ s elapsed" 60
exited 73
screen | grep -q "^optdeploy: standard output: " || fail "the error message does not start its line"
screen | grep -q "levels" && fail "the progress line was not erased before the error"
LC_ALL=C grep -qF "${esc}[K${cr}${esc}[Koptdeploy: " "$TMPD/fail.raw" ||
	fail "the error message is not preceded by the erase"

# 4. --no-progress on a terminal: not one byte of it
run quiet "$CMD --no-progress | md5sum >quiet.md5"
exited 0
LC_ALL=C grep -q "levels" "$TMPD/quiet.raw" && fail "--no-progress: a progress line was written"
md5sum <"$TMPD/plain.csv" | cmp -s - "$TMPD/quiet.md5" || fail "--no-progress: the CSV differs"
# 5. most of the time in writing: 2,000 models at K = 1e9 (420 MB), the levels
# solved fast (no load cost, lambda 0); the line counts levels solved and
# written, and goes at the end.  The file is a FIFO read 8 MB at a time, a
# tenth of a second apart: writing 420 MB takes seconds however fast the
# machine's disk and solver are (a real file took 0.65 s, too close to the
# line's 0.5 s delay to be seen)
awk 'BEGIN { srand(5); print "model,cost,accuracy"
	for (i = 1; i <= 2000; i++) printf "big%04d,%.4f,%.4f\n", i, 1 + 99 * rand(), 40 + 50 * rand() }' \
	>"$TMPD/big.csv"
mkfifo "$TMPD/big_out.csv"
# shellcheck disable=SC2016 # expanded by the pane's shell
slow_reader='exec 3<big_out.csv; b=0; while c=$(head -c 8000000 <&3 | wc -c) && [ "$c" -gt 0 ]; do b=$((b + c)); sleep 0.1; done; echo "$b" >big.bytes'
run write "( $slow_reader ) & '$OPTDEPLOY' sweep big.csv --K 1e9 --lambda 0 --steps 2500 -o big_out.csv; st=\$?; wait; (exit \$st)"
wait_match "^sweep: [0-9]+/2500 levels solved and written, [0-9.]+ s elapsed" 120
exited 0
[ "$(cat "$TMPD/big.bytes")" -gt 400000000 ] || fail "writing: only $(cat "$TMPD/big.bytes") bytes read"
screen | grep -q "levels" && fail "writing: the progress line was not erased"
screen | grep -q "wrote 5000000 rows to big_out.csv" || fail "writing: no summary line"
# 6. a schedule walks all K slots: the runs of one model at K = 1e9 (one row,
# a billion slots) count "slots written"
run sched "'$OPTDEPLOY' schedule $ROOT/data/uci_har.csv --budget 59.01 --K 1e9 --format runs -o one.runs.csv"
wait_match "^schedule: [0-9]+/1000000000 slots written, [0-9.]+ s elapsed" 120
exited 0
screen | grep -q "slots written" && fail "schedule: the progress line was not erased"
screen | grep -q "wrote 1 row to one.runs.csv" || fail "schedule: no summary line"

# 7. lifetime --sweep counts its floors
run life "'$OPTDEPLOY' lifetime $ROOT/data/imagenet_paper.csv --cost-unit mJ --battery 3000mAh@3.7V --rate 10/s --sweep --steps 20000 --format csv | wc -l >life.lines"
wait_match "^lifetime: [0-9]+/20000 floors, [0-9.]+ s elapsed" 120
exited 0
screen | grep -q "floors" && fail "lifetime: the progress line was not erased"
[ "$(cat "$TMPD/life.lines")" -eq 20001 ] || fail "lifetime: $(cat "$TMPD/life.lines") lines, want 20001"
echo "progress: ok ($STEPS levels)"
