#!/bin/sh
# The planner with --time-limit: a solve that stops at the limit is shown as
# such (status time_limit and the reason), never as a policy (no count table),
# the same instance as `optdeploy solve` reports; a generous limit gives the
# policy back; the planner stays usable and quits normally.
set -u
. tests/reliability/helpers/tmux.sh

POOL="$ROOT/data/uci_har.csv"
# the planner's defaults (K = 1000, lambda = 0.1 K) at a budget where the LP
# optimum is fractional: only a search can prove the answer
ARGS="--budget 80 --K 1000 --lambda-per-k 0.1"

status_of() {  # status_of LIMIT: the CLI's answer for the same instance
	# shellcheck disable=SC2086
	if "$OPTDEPLOY" solve "$POOL" $ARGS --time-limit "$1" --format csv >"$TMPD/cli.csv" \
		2>"$TMPD/cli.err"; then
		sed -n 2p "$TMPD/cli.csv" | cut -d, -f13
	elif grep -q "time limit" "$TMPD/cli.err"; then
		echo time_limit
	else
		echo "failed: $(cat "$TMPD/cli.err")"
	fi
}
[ "$(status_of 1e-9)" = time_limit ] || fail "solve: the instance did not stop at 1e-9 s"
[ "$(status_of 1000000)" = optimal ] || fail "solve: the instance is not optimal without a limit"

# shellcheck disable=SC2086
start 120 40 "$TMPD" -- "$OPTDEPLOY" "$POOL" $ARGS --time-limit 1e-9
wait_for "Fig. 5" 30
wait_for "Policy  ILP time_limit" 10
wait_for "time limit reached" 10
wait_settled
screen | grep -qE "count +share" && fail "a time-limited solve shows a count table"
# the planner goes on: the help opens and closes, q quits with status 0
T send-keys -t t: '?'
wait_for "Help: keys" 10
T send-keys -t t: Escape
wait_gone "Help: keys" 10
T send-keys -t t: q
st=$(wait_exit 20)
[ "$st" = 0 ] || fail "exit status $st after q"
[ ! -s "$STATE/stderr" ] || fail "the planner wrote to standard error"

# shellcheck disable=SC2086
start 120 40 "$TMPD" -- "$OPTDEPLOY" "$POOL" $ARGS --time-limit 1000000
wait_for "Policy  ILP optimal" 30
wait_settled
screen | grep -qE "count +share" || fail "an optimal solve shows no count table"
T send-keys -t t: q
st=$(wait_exit 20)
[ "$st" = 0 ] || fail "exit status $st after q"
echo "time_limit_planner: ok"
