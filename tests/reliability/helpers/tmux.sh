# tests/reliability/helpers/tmux.sh - sourced by tests/reliability/*.sh: run a
# command (the planner, or valgrind running it) in a private tmux server and
# record what the terminal looked like around it.
#
#   start W H DIR -- CMD...    run CMD in a W x H pane, working directory DIR;
#                              $STATE is a fresh directory for this run
#   screen                     the pane's text
#   wait_for TEXT [SECONDS]    poll until TEXT is on the screen (never a bare sleep)
#   wait_gone TEXT [SECONDS]   poll until TEXT has left the screen
#   wait_exit [SECONDS]        poll until CMD has ended; prints its exit status
#   cmd_pid                    the process id of CMD (valgrind's, when it runs the planner)
#   x10 B X Y                  a mouse event, X10 encoding (TERM=tmux-256color);
#                              X, Y 1-based; B: 0 press, 32 drag, 3 release, 64/65 wheel
#   modes                      "alt=.. drag=.. any=.. sgr=.." of the pane
#   track LINE                 "X0 X1": 1-based first and last cells of the slider
#                              track on screen line LINE
#   line_of TEXT               1-based number of the first screen line with TEXT
#   is_asan_build FILE         true when FILE was linked with AddressSanitizer
#   wait_stopped PID           poll until process PID is stopped (state T)
#   restored HOW               fail (naming HOW) unless CMD, now ended, gave the
#                              terminal back: modes off, `stty -g` as before,
#                              echo and icanon on
#   fail MESSAGE               print the message and the screen, exit 1
#
# The wrapper around CMD writes into $STATE: before / after (`stty -g` of the
# pane's tty before CMD and after it ended), after.a (`stty -a`), pid, status,
# stderr (CMD's standard error), and prints EXIT=<status> in the pane.

: "${OPTDEPLOY:?set OPTDEPLOY to the binary under test}"
SOCK="optdeploy-rel-$$-$(basename "$0" .sh)"
T() { tmux -L "$SOCK" -f /dev/null "$@"; }
TMPD=$(mktemp -d)
SHOWN=""
# A non-zero exit for any reason leaves the last screen in the log; then the
# server goes, and the socket file kill-server leaves behind.
on_exit() {
	_st=$?
	if [ "$_st" -ne 0 ] && [ -z "$SHOWN" ]; then
		echo "--- last screen (exit status $_st) ---" >&2
		T capture-pane -p -t t: >&2 2>/dev/null || echo "(no screen)" >&2
	fi
	T kill-server 2>/dev/null
	rm -rf "$TMPD" "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
	exit "$_st"
}
trap on_exit EXIT
# shellcheck disable=SC2034 # for the tests that source this file
ROOT=$(pwd)
RUNS=0
STATE=""

cat >"$TMPD/wrap.sh" <<'EOF'
state=$1
shift
stty -g >"$state/before"
trap : INT QUIT
# the command's own standard error only: not the shell's "Terminated"
sh -c 'echo $$ >"$0/pid"; exec 2>"$0/stderr"; exec "$@"' "$state" "$@"
st=$?
stty -g >"$state/after"
stty -a >"$state/after.a"
echo "$st" >"$state/status"
echo "EXIT=$st"
exec sleep 600
EOF

# One session only keeps the server up between runs: a new server started
# just after the last one exited can fail (UX.md, pitfall 3).
T new-session -d -s keep -x 20 -y 5 "sleep 3600" ||
	{ echo "FAIL: cannot start tmux" >&2; exit 1; }
# Windows keep the name they were created with (targets are `t:`, never a
# bare `t`, which tmux would first try as a window name).
T set-option -g -w automatic-rename off

fail() {
	echo "FAIL: $*" >&2
	echo "--- screen ---" >&2
	screen >&2 2>/dev/null || echo "(no screen)" >&2
	if [ -n "$STATE" ]; then
		if [ -s "$STATE/stderr" ]; then
			echo "--- standard error ---" >&2
			head -n 40 "$STATE/stderr" >&2
		fi
	fi
	SHOWN=1
	exit 1
}

start() {
	T kill-session -t t: 2>/dev/null || :
	_w=$1 _h=$2 _dir=$3
	shift 3
	[ "${1:-}" = "--" ] && shift
	RUNS=$((RUNS + 1))
	STATE="$TMPD/state.$RUNS"
	mkdir -p "$STATE"
	T new-session -d -s t -x "$_w" -y "$_h" -c "$_dir" \
		sh "$TMPD/wrap.sh" "$STATE" env LANG=C.UTF-8 "$@" ||
		fail "cannot start a tmux session"
}

screen() { T capture-pane -p -t t:; }

# wait_for TEXT [SECONDS] and wait_gone TEXT [SECONDS]: poll the screen
. tests/tui/helpers/poll.sh

wait_exit() {
	_n=$(poll_count "${1:-}")
	while [ ! -s "$STATE/status" ] && [ "$_n" -gt 0 ]; do
		sleep 0.05
		_n=$((_n - 1))
	done
	[ -s "$STATE/status" ] || fail "the command did not end"
	cat "$STATE/status"
}

cmd_pid() {
	_n=$(poll_count)
	while [ ! -s "$STATE/pid" ] && [ "$_n" -gt 0 ]; do
		sleep 0.05
		_n=$((_n - 1))
	done
	cat "$STATE/pid"
}

x10() {
	# shellcheck disable=SC2046 # three hex bytes, split on purpose
	T send-keys -t t: -H 1b 5b 4d $(printf '%x %x %x' $((32 + $1)) $((32 + $2)) $((32 + $3)))
}

modes() {
	T display -p -t t: \
		'alt=#{alternate_on} drag=#{mouse_button_flag} any=#{mouse_any_flag} sgr=#{mouse_sgr_flag}'
}

line_of() { screen | grep -nF -- "$1" | head -n 1 | cut -d: -f1; }

# The track's end caps become [ and ]; UTF-8 continuation bytes are dropped,
# so every glyph is one byte and byte offsets are columns.
track() {
	screen | sed -n "$1p" | LC_ALL=C sed "s/├/[/g; s/┤/]/g; s/$(printf '[\200-\277]')//g" |
		LC_ALL=C awk '{ a = index($0, "["); b = 0
			for (i = 1; i <= length($0); i++) if (substr($0, i, 1) == "]") b = i
			if (a > 0 && b > a + 1) print a + 1, b - 1 }'
}

is_asan_build() {
	nm "$1" 2>/dev/null | grep -q __asan_init && return 0
	ldd "$1" 2>/dev/null | grep -q libasan
}

wait_stopped() {
	_k=$(poll_count)
	while [ "$_k" -gt 0 ]; do
		[ "$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)" = T ] && return 0
		sleep 0.05
		_k=$((_k - 1))
	done
	return 1
}

restored() {
	[ "$(modes)" = "alt=0 drag=0 any=0 sgr=0" ] || fail "$1: terminal modes not restored: $(modes)"
	[ "$(cat "$STATE/before")" = "$(cat "$STATE/after")" ] ||
		fail "$1: tty settings differ: before $(cat "$STATE/before"), after $(cat "$STATE/after")"
	tr ' ;' '\n\n' <"$STATE/after.a" | grep -qx icanon || fail "$1: icanon is off after exit"
	tr ' ;' '\n\n' <"$STATE/after.a" | grep -qx echo || fail "$1: echo is off after exit"
}
