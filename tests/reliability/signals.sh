#!/bin/sh
# SIGTERM, SIGINT and SIGHUP delivered while the planner's heatmap sweeps are
# still running (3000 random models, K = 10^9: long enough for any solver), and
# Ctrl-C typed at the terminal: the planner ends with the status of the
# signal (128 + its number, as a shell reports it), the terminal is restored
# (alternate screen and every mouse mode off, `stty -g` identical before and
# after, echo and icanon on), and nothing is written to standard error.
set -u
. tests/reliability/helpers/tmux.sh

# Costs and accuracies correlated like a real zoo (accuracy grows with the
# square root of cost, plus noise), load costs 0..2.
awk 'BEGIN { srand(7); print "model,cost,accuracy,load_cost"
	for (i = 1; i <= 3000; i++) { c = 1 + 99 * rand(); a = 40 + 50 * sqrt(c / 100) + 6 * (rand() - 0.5)
		printf "m%04d,%.4f,%.4f,%.3f\n", i, c, a, 2 * rand() } }' >"$TMPD/pool.csv"

now() { date +%s.%N; }

# wait_pending PID SIGNO: the signal is pending for the process (SigPnd or ShdPnd)
wait_pending() {
	_bit=$((1 << ($2 - 1)))
	_k=$(poll_count)
	while [ "$_k" -gt 0 ]; do
		for _mask in $(awk '/^(SigPnd|ShdPnd):/ { print $2 }' "/proc/$1/status" 2>/dev/null); do
			[ $((0x$_mask & _bit)) -ne 0 ] && return 0
		done
		sleep 0.05
		_k=$((_k - 1))
	done
	return 1
}

# interrupt HOW EXPECTED-STATUS: start the planner, interrupt it mid-sweep, check the terminal
interrupt() {
	how=$1
	want=$2
	start 120 40 "$TMPD" -- "$OPTDEPLOY" "$TMPD/pool.csv" --K 1000000000
	pid=$(cmd_pid)
	# Mid-sweep by construction, not by the clock: the planner is stopped
	# (SIGSTOP) as soon as a frame says "solving", and only then signalled;
	# it meets the signal when it continues, with the sweep where it was.
	wait_for "solving" 60
	kill -s STOP "$pid" || fail "$how: cannot stop process $pid"
	wait_stopped "$pid" || fail "$how: process $pid did not stop"
	screen | grep -q "solving" || fail "$how: the sweeps had finished before the planner was stopped"
	case $(modes) in
	"alt=1 drag=1 "*) ;;
	*) fail "$how: planner's terminal modes: $(modes)" ;;
	esac
	t0=$(now)
	case $how in
	C-c) T send-keys -t t: C-c ;;
	*) kill -s "$how" "$pid" || fail "$how: cannot signal process $pid" ;;
	esac
	# the Ctrl-C reaches the stopped process as a pending SIGINT: wait until it is
	[ "$how" != C-c ] || wait_pending "$pid" 2 || fail "$how: no SIGINT pending for $pid"
	kill -s CONT "$pid" || fail "$how: cannot continue process $pid"
	st=$(wait_exit 40)
	t1=$(now)
	[ "$st" = "$want" ] || fail "$how: exit status $st, expected $want"
	restored "$how"
	[ ! -s "$STATE/stderr" ] || fail "$how: the planner wrote to standard error"
	# how long the planner took to notice: informative, not a condition
	echo "signals: $how mid-sweep: exit $st, terminal restored, $(awk -v a="$t0" -v b="$t1" \
		'BEGIN { printf "%.2f", b - a }') s after the signal"
}

# One Ctrl-Z while the sweeps redraw the screen again and again: the planner
# stops at once (ncurses ignores SIGTSTP during a refresh, so the planner
# catches it itself) with the terminal given back; `fg` brings it back with
# drag reporting on, and a SIGTERM still ends it cleanly.  It runs under an
# interactive shell: job control is what makes Ctrl-Z stop a process (in the
# orphaned process group of a plain pane the kernel discards SIGTSTP).
suspend_mid_sweep() {
	T kill-session -t t: 2>/dev/null
	STATE=""
	T new-session -d -s t -x 120 -y 40 -c "$TMPD" "env LANG=C.UTF-8 bash --norc -i" ||
		fail "C-z: cannot start a shell"
	T send-keys -t t: "'$OPTDEPLOY' pool.csv --K 1000000000 2>cz.err" Enter
	wait_for "solving" 60
	shell=$(T display -p -t t: '#{pane_pid}')
	pid=""
	for f in /proc/[0-9]*/stat; do
		{ read -r p _ _ parent _ <"$f"; } 2>/dev/null || continue
		[ "$parent" = "$shell" ] && pid=$p
	done
	[ -n "$pid" ] || fail "C-z: planner process not found"
	T send-keys -t t: C-z
	wait_stopped "$pid" || fail "C-z: the planner did not stop on one Ctrl-Z"
	wait_for "Stopped" 30
	[ "$(modes)" = "alt=0 drag=0 any=0 sgr=0" ] ||
		fail "C-z: terminal modes while suspended: $(modes)"
	T send-keys -t t: "fg" Enter
	wait_for "Fig. 5" 60
	_k=$(poll_count)
	while [ "$(modes)" != "alt=1 drag=1 any=1 sgr=0" ] && [ "$_k" -gt 0 ]; do
		sleep 0.05
		_k=$((_k - 1))
	done
	# any=1: some mouse mode is on (tmux's mouse_any_flag), here 1002
	[ "$(modes)" = "alt=1 drag=1 any=1 sgr=0" ] || fail "C-z: modes after resume: $(modes)"
	kill -s TERM "$pid" || fail "C-z: cannot signal process $pid"
	_k=$(poll_count 60)
	while [ -e "/proc/$pid" ] && [ "$_k" -gt 0 ]; do
		sleep 0.05
		_k=$((_k - 1))
	done
	[ ! -e "/proc/$pid" ] || fail "C-z: the planner did not end on SIGTERM"
	wait_for "Terminated" 30
	[ "$(modes)" = "alt=0 drag=0 any=0 sgr=0" ] || fail "C-z: terminal modes not restored: $(modes)"
	[ ! -s "$TMPD/cz.err" ] || fail "C-z: the planner wrote to standard error: $(head -n 5 "$TMPD/cz.err")"
	echo "signals: C-z mid-sweep: stopped on the first Ctrl-Z, resumed by fg, then ended by SIGTERM"
}

interrupt TERM 143
interrupt INT 130
interrupt HUP 129
interrupt C-c 130
suspend_mid_sweep
echo "signals: ok"
