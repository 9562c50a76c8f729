# tests/tui/helpers/poll.sh - screen polling shared by the tmux helpers of
# tests/tui and tests/reliability (sourced after they define `screen` and
# `fail`): never a bare sleep as an assertion.
#
#   wait_for TEXT [SECONDS]    poll until TEXT is on the screen
#   wait_gone TEXT [SECONDS]   poll until TEXT has left the screen
#   wait_match REGEX [SECONDS] poll until a screen line matches REGEX (grep -E)
#
# SECONDS is a ceiling for a failure, never a pace: a wait ends as soon as the
# screen shows the state.  Ceilings below POLL_FLOOR (default 30 s) are raised
# to it, so a loaded machine or a sanitizer build does not turn a slow screen
# into a failure; each poll also sleeps, so the ceiling is at least that long
# in wall-clock time.

poll_count() {  # poll_count SECONDS: polls of 50 ms for that ceiling
	_s=${1:-10}
	[ "$_s" -ge "${POLL_FLOOR:-30}" ] || _s=${POLL_FLOOR:-30}
	echo $((_s * 20))
}

wait_for() {
	_n=$(poll_count "${2:-}")
	while [ "$_n" -gt 0 ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.05
		_n=$((_n - 1))
	done
	fail "timeout waiting for '$1'"
}

# wait_match REGEX [SECONDS]: poll until a line of the screen matches the
# extended regular expression (what a test checks must be read from the same
# capture that showed it: the next one may already be different)
wait_match() {
	_n=$(poll_count "${2:-}")
	while [ "$_n" -gt 0 ]; do
		screen | grep -qE -- "$1" && return 0
		sleep 0.05
		_n=$((_n - 1))
	done
	fail "timeout waiting for a line matching '$1'"
}

wait_gone() {
	_n=$(poll_count "${2:-}")
	while [ "$_n" -gt 0 ]; do
		screen | grep -qF -- "$1" || return 0
		sleep 0.05
		_n=$((_n - 1))
	done
	fail "timeout waiting for '$1' to go"
}

# wait_settled [SECONDS]: poll until the screen stops changing (three equal
# captures in a row, 0.1 s apart).  tmux can be read between two writes of
# one frame, so a test that reads more than the line it waited for first
# waits for the frame to be complete; the planner does not redraw when idle.
wait_settled() {
	_n=$(poll_count "${1:-}")
	_prev=$(screen)
	_same=0
	while [ "$_n" -gt 0 ]; do
		sleep 0.1
		_cur=$(screen)
		if [ "$_cur" = "$_prev" ]; then
			_same=$((_same + 1))
			[ "$_same" -ge 2 ] && return 0
		else
			_same=0
		fi
		_prev=$_cur
		_n=$((_n - 2))
	done
	fail "the screen kept changing"
}
