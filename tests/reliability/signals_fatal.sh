#!/bin/sh
# Every other signal that ends the planner gives the terminal back first:
# SIGQUIT (sent, and typed as Ctrl-\), SIGUSR1, SIGUSR2, SIGALRM and SIGPIPE,
# while the planner idles and while its heatmap sweeps run.  Each ends it
# with 128 + the signal's number, alternate screen and every mouse mode off,
# `stty -g` as before, echo and icanon on, nothing on standard error.
# (signals.sh does the same for SIGINT, SIGTERM, SIGHUP and Ctrl-C.)
set -u
. tests/reliability/helpers/tmux.sh

awk 'BEGIN { srand(11); print "model,cost,accuracy,load_cost"
	for (i = 1; i <= 3000; i++) { c = 1 + 99 * rand(); a = 40 + 50 * sqrt(c / 100) + 6 * (rand() - 0.5)
		printf "m%04d,%.4f,%.4f,%.3f\n", i, c, a, 2 * rand() } }' >"$TMPD/big.csv"

# ended HOW STATUS: the planner ended with STATUS and gave the terminal back
ended() {
	st=$(wait_exit 40)
	[ "$st" = "$2" ] || fail "$1: exit status $st, expected $2"
	restored "$1"
	[ ! -s "$STATE/stderr" ] || fail "$1: the planner wrote to standard error: $(head -n 3 "$STATE/stderr")"
}

# No core file from SIGQUIT in the test's directory.
planner() { start 120 40 "$TMPD" -- sh -c 'ulimit -c 0; exec "$0" "$@"' "$OPTDEPLOY" "$@"; }

# idle SIGNAL STATUS: the planner waits for a key when the signal comes
idle() {
	planner "$ROOT/data/uci_har.csv"
	pid=$(cmd_pid)
	wait_for "Fig. 5" 30
	wait_gone "solving" 60
	[ "$(modes)" = "alt=1 drag=1 any=1 sgr=0" ] || fail "$1 idle: planner's terminal modes: $(modes)"
	case $1 in
	C-\\) T send-keys -t t: 'C-\' ;;
	*) kill -s "$1" "$pid" || fail "$1: cannot signal process $pid" ;;
	esac
	ended "$1 idle" "$2"
	echo "signals_fatal: $1 idle: exit $2, terminal restored"
}

# busy SIGNAL STATUS: the signal comes mid-sweep (stopped on "solving", then continued)
busy() {
	planner "$TMPD/big.csv" --K 1000000000
	pid=$(cmd_pid)
	wait_for "solving" 60
	kill -s STOP "$pid" || fail "$1: cannot stop process $pid"
	wait_stopped "$pid" || fail "$1: process $pid did not stop"
	screen | grep -q "solving" || fail "$1: the sweeps had finished before the planner was stopped"
	kill -s "$1" "$pid" || fail "$1: cannot signal process $pid"
	kill -s CONT "$pid" || fail "$1: cannot continue process $pid"
	ended "$1 mid-sweep" "$2"
	echo "signals_fatal: $1 mid-sweep: exit $2, terminal restored"
}

idle QUIT 131
idle 'C-\' 131
idle USR1 138
idle USR2 140
idle ALRM 142
idle PIPE 141
busy QUIT 131
busy USR1 138
busy ALRM 142
busy PIPE 141
echo "signals_fatal: ok"
