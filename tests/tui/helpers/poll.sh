# tests/tui/helpers/poll.sh - screen polling shared by the tmux helpers of
# tests/tui and tests/reliability (sourced after they define `screen` and
# `fail`): never a bare sleep as an assertion.
#
#   wait_for TEXT [SECONDS]    poll until TEXT is on the screen
#   wait_gone TEXT [SECONDS]   poll until TEXT has left the screen

wait_for() {
	_n=$(( ${2:-10} * 20 ))
	while [ "$_n" -gt 0 ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.05
		_n=$((_n - 1))
	done
	fail "timeout waiting for '$1'"
}

wait_gone() {
	_n=$(( ${2:-10} * 20 ))
	while [ "$_n" -gt 0 ]; do
		screen | grep -qF -- "$1" || return 0
		sleep 0.05
		_n=$((_n - 1))
	done
	fail "timeout waiting for '$1' to go"
}
