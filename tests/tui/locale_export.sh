#!/bin/sh
# Exports do not depend on the locale (issue 14): under LC_ALL=de_DE.UTF-8,
# whose decimal mark is ',', the planner's e, E and s write the same bytes as
# `optdeploy solve -o`, `sweep -o` and `schedule -o` in the C locale (they once
# printed 59.009999999999998 for 59.01: a round-trip check read "59.01"
# with the locale's strtod).  The locale is generated into the test's own
# directory (LOCPATH) when the machine lacks it, so no root is needed.
set -u
. tests/tui/helpers/tmux.sh
DATA="$ROOT/data/uci_har.csv"
RUN_DIR="$TMPD/run"
mkdir -p "$RUN_DIR"

# de_DE.UTF-8: the installed one, or one built from the locales package's sources
LOC_ENV="LC_ALL=de_DE.UTF-8"
if ! locale -a 2>/dev/null | grep -qix 'de_DE\.utf-\?8'; then
	mkdir -p "$TMPD/locale"
	localedef -i de_DE -f UTF-8 "$TMPD/locale/de_DE.UTF-8" >/dev/null 2>&1 ||
		fail "cannot generate de_DE.UTF-8 (install the Debian package locales)"
	LOC_ENV="$LOC_ENV LOCPATH=$TMPD/locale"
fi
# shellcheck disable=SC2086
[ "$(env $LOC_ENV awk 'BEGIN { printf "%.1f", 0.5 }' 2>/dev/null)" = "0,5" ] ||
	[ "$(env $LOC_ENV LC_NUMERIC=de_DE.UTF-8 locale decimal_point 2>/dev/null)" = "," ] ||
	fail "de_DE.UTF-8 does not use ',' as its decimal mark: the test would prove nothing"

same() {  # same PLANNER_FILE CLI_FILE
	[ -f "$1" ] || fail "$1 was not written"
	cmp -s "$1" "$2" || { diff "$1" "$2" | head -n 10 >&2; fail "$1 differs from the command line's $2"; }
}

# shellcheck disable=SC2086
start 120 40 $LOC_ENV -- "$DATA"
wait_ready

T send-keys -t t: e
wait_for "Export the policy to: policy.csv"
T send-keys -t t: Enter
wait_for "exported 5 rows to policy.csv"
LC_ALL=C "$OPTDEPLOY" solve "$DATA" --budget 79.5 --K 1000 --lambda-per-k 0.1 \
	-o "$TMPD/cli.csv" 2>/dev/null
grep -q '^decision_tree,59.01,84.66,' "$TMPD/cli.csv" || fail "the C-locale export is not as expected"
same "$RUN_DIR/policy.csv" "$TMPD/cli.csv"

T send-keys -t t: E
wait_for "Export the current sweep to: sweep.csv"
T send-keys -t t: Enter
wait_for "rows to sweep.csv"
LC_ALL=C "$OPTDEPLOY" sweep "$DATA" --K 1000 --lambda-per-k 0.1 -o "$TMPD/sweep.csv" 2>/dev/null
same "$RUN_DIR/sweep.csv" "$TMPD/sweep.csv"

T send-keys -t t: s
wait_for "Export the schedule"
T send-keys -t t: C-u
T send-keys -t t: -l "order.h"
T send-keys -t t: Enter
wait_for "exported the schedule as a C header ("
LC_ALL=C "$OPTDEPLOY" schedule "$DATA" --budget 79.5 --K 1000 --lambda-per-k 0.1 \
	-o "$TMPD/order.h" 2>/dev/null
same "$RUN_DIR/order.h" "$TMPD/order.h"

# and the command line itself under the same locale
# shellcheck disable=SC2086
env $LOC_ENV "$OPTDEPLOY" solve "$DATA" --budget 79.5 --K 1000 --lambda-per-k 0.1 \
	-o "$TMPD/cli_de.csv" 2>/dev/null
same "$TMPD/cli_de.csv" "$TMPD/cli.csv"

T send-keys -t t: q
wait_for "EXIT=0"
echo "locale_export: ok"
