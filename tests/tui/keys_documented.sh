#!/bin/sh
# Every key of the planner's key table is documented in the man page: the
# help overlay (drawn from the key table) is read off the screen, and each key
# name must be a macro argument (".It Cm Tab", "Cm \&?") in the KEYS section
# of man/optdeploy.1.
set -u
. tests/tui/helpers/tmux.sh
MAN="$ROOT/man/optdeploy.1"

[ -f "$MAN" ] || { echo "FAIL: $MAN is missing" >&2; exit 1; }
documented=$(awk '/^\.Sh / { keys = ($2 == "KEYS"); next } keys' "$MAN" |
	sed 's/\\&//g; s/\\-/-/g' |
	awk '{ for (i = 2; i <= NF; i++)
		if ($(i - 1) ~ /^\.?(Cm|Ic|Ql|Sy|Li|Ar|Em|Dq|Sq|Pq|Ev|Va)$/) print $i }')
[ -n "$documented" ] || { echo "FAIL: $MAN has no KEYS section listing keys" >&2; exit 1; }

start 120 40 --
wait_ready
T send-keys -t t: '?'
wait_for "Help: keys"
keys=$(help_keys) || fail "no help overlay"
nkeys=$(printf '%s\n' "$keys" | wc -l)
[ "$nkeys" -ge 20 ] || fail "only $nkeys keys read from the help overlay"
missing=$(printf '%s\n' "$keys" | while IFS= read -r k; do
	printf '%s\n' "$documented" | grep -qxF -- "$k" || printf ' %s' "$k"
done)
[ -z "$missing" ] || { echo "FAIL: keys missing from the KEYS section of $MAN:$missing" >&2; exit 1; }
T send-keys -t t: q q
wait_for "EXIT=0"
echo "keys_documented: ok ($nkeys keys)"
