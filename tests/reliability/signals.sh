#!/bin/sh
# SIGTERM, SIGINT and SIGHUP delivered while the planner's heatmap sweeps are
# still running (300 random models, K = 10^9: each sweep takes seconds), and
# Ctrl-C typed at the terminal: the planner ends with the status of the
# signal (128 + its number, as a shell reports it), the terminal is restored
# (alternate screen and every mouse mode off, `stty -g` identical before and
# after, echo and icanon on), and nothing is written to standard error.
set -u
. tests/reliability/helpers/tmux.sh

# Costs and accuracies correlated like a real zoo (accuracy grows with the
# square root of cost, plus noise), load costs 0..2.
awk 'BEGIN { srand(7); print "model,cost,accuracy,load_cost"
	for (i = 1; i <= 300; i++) { c = 1 + 99 * rand(); a = 40 + 50 * sqrt(c / 100) + 6 * (rand() - 0.5)
		printf "m%03d,%.4f,%.4f,%.3f\n", i, c, a, 2 * rand() } }' >"$TMPD/pool.csv"

now() { date +%s.%N; }

# interrupt HOW EXPECTED-STATUS: start the planner, interrupt it mid-sweep, check the terminal
interrupt() {
	how=$1
	want=$2
	start 120 40 "$TMPD" -- "$OPTDEPLOY" "$TMPD/pool.csv" --K 1000000000
	wait_for "Fig. 5" 30
	screen | grep -q "solving" || fail "$how: the sweeps had finished before the signal"
	case $(modes) in
	"alt=1 drag=1 "*) ;;
	*) fail "$how: planner's terminal modes: $(modes)" ;;
	esac
	pid=$(cmd_pid)
	t0=$(now)
	case $how in
	C-c) T send-keys -t t C-c ;;
	*) kill -s "$how" "$pid" || fail "$how: cannot signal process $pid" ;;
	esac
	st=$(wait_exit 40)
	t1=$(now)
	[ "$st" = "$want" ] || fail "$how: exit status $st, expected $want"
	[ "$(modes)" = "alt=0 drag=0 any=0 sgr=0" ] || fail "$how: terminal modes not restored: $(modes)"
	[ "$(cat "$STATE/before")" = "$(cat "$STATE/after")" ] ||
		fail "$how: tty settings differ: before $(cat "$STATE/before"), after $(cat "$STATE/after")"
	tr ' ;' '\n\n' <"$STATE/after.a" | grep -qx icanon || fail "$how: icanon is off after exit"
	tr ' ;' '\n\n' <"$STATE/after.a" | grep -qx echo || fail "$how: echo is off after exit"
	[ ! -s "$STATE/stderr" ] || fail "$how: the planner wrote to standard error"
	# how long the planner took to notice: informative, not a condition
	echo "signals: $how mid-sweep: exit $st, terminal restored, $(awk -v a="$t0" -v b="$t1" \
		'BEGIN { printf "%.2f", b - a }') s after the signal"
}

interrupt TERM 143
interrupt INT 130
interrupt HUP 129
interrupt C-c 130
echo "signals: ok"
