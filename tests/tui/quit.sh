#!/bin/sh
# Leaving the planner restores the terminal: q exits 0, Ctrl-C exits 130,
# SIGTERM 143; each time the alternate screen and mouse modes are off and the
# tty is back in canonical mode with echo.  While it runs, drag reporting
# (1002) is on, also again after a suspend and resume (Ctrl-Z, fg).
set -u
. tests/tui/helpers/tmux.sh

restored() {  # restored HOW
	[ "$(modes)" = "alt=0 drag=0 sgr=0" ] || fail "$1: modes not restored: $(modes)"
	wait_for "TTY=icanon,echo,"
}

start 120 40 --
wait_ready
[ "$(modes)" = "alt=1 drag=1 sgr=0" ] || fail "drag reporting not requested: $(modes)"
T send-keys -t t q
wait_for "EXIT=0"
restored q

# q with the help open closes the help first
start 120 40 --
wait_ready
T send-keys -t t '?'
wait_for "Help: keys"
T send-keys -t t q
wait_gone "Help: keys"
screen | grep -q "EXIT=" && fail "q with the help open quit"
T send-keys -t t q
wait_for "EXIT=0"
restored "q after help"

start 120 40 --
wait_ready
T send-keys -t t C-c
wait_for "EXIT=130"
restored Ctrl-C

start 120 40 --
wait_ready
# the planner is the only child of the pane's shell
shell=$(T display -p -t t '#{pane_pid}')
planner=""
for f in /proc/[0-9]*/stat; do
	{ read -r pid _ _ parent _ <"$f"; } 2>/dev/null || continue
	[ "$parent" = "$shell" ] && planner=$pid
done
[ -n "$planner" ] || fail "planner process not found"
kill -TERM "$planner"
wait_for "EXIT=143"
restored SIGTERM

# suspended and resumed by an interactive shell: drag reporting comes back
T new-window -t t: -n sh "bash --norc -i"  # "t:": session t, next free index
T send-keys -t t:sh "'$OPTDEPLOY'" Enter
wait_for "Fig. 5" 20
[ "$(T display -p -t t:sh '#{mouse_button_flag}')" = 1 ] || fail "no drag reporting before Ctrl-Z"
# a SIGTSTP that lands inside a curses refresh can be lost (seen once under
# heavy load), so Ctrl-Z is sent again if the planner is still on the screen
for _try in 1 2 3; do
	T send-keys -t t:sh C-z
	_k=60
	while screen | grep -qF "Fig. 5" && [ "$_k" -gt 0 ]; do
		sleep 0.05
		_k=$((_k - 1))
	done
	[ "$_k" -gt 0 ] && break
done
wait_gone "Fig. 5"
T send-keys -t t:sh "fg" Enter
wait_for "Fig. 5"
_k=100
while [ "$(T display -p -t t:sh '#{mouse_button_flag}')" != 1 ] && [ "$_k" -gt 0 ]; do
	sleep 0.05
	_k=$((_k - 1))
done
[ "$(T display -p -t t:sh '#{mouse_button_flag}')" = 1 ] || fail "drag reporting off after resume"
T send-keys -t t:sh q
wait_gone "Fig. 5"
echo "quit: ok"
