# tests/tui/helpers/tmux.sh - sourced by the terminal tests: drive $OPTDEPLOY in
# a private tmux server (one socket per test run), read the screen, send keys
# and mouse events.  Every wait polls the screen; none is a bare sleep.
#
#   start W H [ENV=VALUE...] -- ARGS...   run the planner in a W x H pane
#   screen / screen_e                     the pane's text (-e: with colours)
#   wait_for TEXT [SECONDS]               poll until TEXT is on the screen
#   wait_gone TEXT [SECONDS]              poll until TEXT has left the screen
#   x10 B X Y / sgr B X Y [M|m]           mouse events (X, Y 1-based cells)
#   modes                                 alt=.. drag=.. sgr=.. of the pane
#   fail MESSAGE                          print the message and the screen, exit 1
#
# Targets are written `t:` (session t, its current window and pane), never a
# bare `t`: tmux tries a bare name as a window name of the current session
# first, and a window still named after a short-lived command ("tr") matched
# it once.  A test that ends with a non-zero status for any reason leaves the
# last screen in its log (the EXIT trap), not only one that called fail.

: "${OPTDEPLOY:?set OPTDEPLOY to the binary under test}"
SOCK="optdeploy-tui-$$-$(basename "$0" .sh)"
T() { tmux -L "$SOCK" -f /dev/null "$@"; }
SHOWN=""
on_exit() {
	_st=$?
	if [ "$_st" -ne 0 ] && [ -z "$SHOWN" ]; then
		echo "--- last screen (exit status $_st) ---" >&2
		T capture-pane -p -t t: >&2 2>/dev/null || echo "(no screen)" >&2
	fi
	T kill-server 2>/dev/null
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
	[ -n "${TMPD:-}" ] && rm -rf "$TMPD"
	exit "$_st"
}
trap on_exit EXIT
TMPD=$(mktemp -d)
ROOT=$(pwd)

# A session that only keeps the server up, so that one test can run the
# planner several times (the server would exit with its last session, and a
# new one started at once can fail).  Windows keep the name they were
# created with: no renaming after whatever runs in them.
T new-session -d -s keep -x 20 -y 5 "sleep 3600" || { echo "FAIL: cannot start tmux" >&2; exit 1; }
T set-option -g -w automatic-rename off

# stop: end the planner's session (the server stays up for the next start).
stop() { T kill-session -t t: 2>/dev/null; }

start() {
	stop
	_w=$1 _h=$2
	shift 2
	# VAR=VALUE words before -- go through env(1), so they win over what tmux
	# sets for the pane (TERM in particular)
	_envs=""
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		_envs="$_envs $1"
		shift
	done
	[ "${1:-}" = "--" ] && shift
	# shellcheck disable=SC2086
	T new-session -d -s t -x "$_w" -y "$_h" -c "${RUN_DIR:-$ROOT}" \
		bash -c 'trap : INT; "$@"; echo "EXIT=$?"; \
			echo "TTY=$(stty -a | tr " ;" "\n\n" | grep -xE -- "-?(icanon|echo)" | tr "\n" ,)"; \
			exec sleep 600' planner env LANG=C.UTF-8 "ASAN_OPTIONS=${ASAN_OPTIONS:-}" \
			$_envs "$OPTDEPLOY" "$@"
}

screen() { T capture-pane -p -t t:; }
screen_e() { T capture-pane -p -e -t t:; }

fail() {
	echo "FAIL: $*" >&2
	echo "--- screen ---" >&2
	screen >&2
	SHOWN=1
	exit 1
}

# wait_for TEXT [SECONDS] and wait_gone TEXT [SECONDS]: poll the screen
. tests/tui/helpers/poll.sh

# The sweeps are done when no heatmap says "solving", and the frame that
# says so is complete.
wait_ready() {
	wait_for "Fig. 5" 20
	wait_gone "solving" 60
	wait_settled
}

x10() {
	T send-keys -t t: -H 1b 5b 4d $(printf '%x %x %x' $((32 + $1)) $((32 + $2)) $((32 + $3)))
}

sgr() {
	T send-keys -t t: -H 1b 5b 3c $(printf '%s;%s;%s%s' "$1" "$2" "$3" "${4:-M}" | od -An -tx1)
}

modes() { T display -p -t t: 'alt=#{alternate_on} drag=#{mouse_button_flag} sgr=#{mouse_sgr_flag}'; }

# Line number (1-based) of the first screen line containing TEXT.
line_of() { screen | grep -nF -- "$1" | head -n 1 | cut -d: -f1; }

# The value shown after a slider's name, e.g. slider_value Budget -> 79.5.
slider_value() {
	screen | grep -F -- "$1  " | head -n 1 | sed "s/.*$1  \([^ ]*\).*/\1/"
}

# Track of the slider on screen line L: prints "X0 X1", the 1-based columns of
# its first and last cells between the end caps.  The caps become [ and ], and
# UTF-8 continuation bytes are dropped (every glyph is one column wide), so
# byte offsets are columns.
track_cells() {
	screen | sed -n "$1p" | LC_ALL=C sed "s/├/[/g; s/┤/]/g; s/$(printf '[\200-\277]')//g" |
		LC_ALL=C awk '{ a = index($0, "["); b = 0
			for (i = 1; i <= length($0); i++) if (substr($0, i, 1) == "]") b = i
			print a + 1, b - 1 }'
}

# The screen with one byte per cell: box lines become | - + and other UTF-8
# characters '?', so byte offsets are columns (every glyph is one column wide).
screen_cells() {
	screen | LC_ALL=C sed "s/│/|/g; s/─/-/g; s/┌/+/g; s/┐/+/g; s/└/+/g; s/┘/+/g;
		s/$(printf '[\300-\377][\200-\277]*')/?/g"
}

# The key names the help overlay lists, one per line ("Tab", "Shift-Tab", ...).
help_keys() {
	wait_for "closes this help"
	wait_settled
	_top=$(line_of "Help: keys")
	_bottom=$(line_of "closes this help")
	[ -n "$_top" ] && [ -n "$_bottom" ] || return 1
	_col=$(screen_cells | sed -n "${_top}p" | LC_ALL=C awk '{ print index($0, "+") }')
	screen_cells | sed -n "$((_top + 1)),$((_bottom - 1))p" | cut -c "$((_col + 2))-" |
		sed -n '/^Mouse/q; s/  .*//p' | sed 's/, /\n/g' | grep -v '^$'
}

# shown_rows: "NAME COUNT" for each model row of the policy table on screen
# (names as shown: maybe cut in the middle with … or ~).
shown_rows() {
	screen | grep -oE '[^ ]+ +[0-9]+ +[0-9]+\.[0-9]%' | awk '{ print $1, $2 }'
}

# rows_agree CSV LABEL: every model with a count in CSV (solve --format csv)
# is a row of the policy table with that count, under its name or a marked
# cut of it (tests/cli/name_fits.awk), or is counted on the "N more used" line; no row
# shows a count the CSV does not have.
rows_agree() {
	shown_rows >"$TMPD/shown.txt"
	_more=$(screen | grep -oE '[0-9]+ more used' | head -n 1 | cut -d' ' -f1)
	LC_ALL=C awk -F, -v more="${_more:-0}" -v label="$2" "$(cat "$ROOT/tests/cli/name_fits.awk")"'
		FILENAME == ARGV[1] { split($0, f, " "); sn[++ns] = f[1]; sc[ns] = f[2]; next }
		FNR > 1 && $5 > 0 {
			found = 0
			for (i = 1; i <= ns && !found; i++)
				if (!used[i] && sc[i] == $5 && fits(sn[i], $1)) { used[i] = 1; found = 1 }
			if (!found) { missing++; names = names " " $1 "(" $5 ")" }
		}
		END {
			bad = 0
			if (missing + 0 != more + 0) {
				printf "%s: %d used models not listed (%s), the table says %d more used\n",
					label, missing, names, more
				bad = 1
			}
			for (i = 1; i <= ns; i++)
				if (!used[i]) { printf "%s: row %s %s is no model of the policy\n", label,
					sn[i], sc[i]; bad = 1 }
			exit bad
		}' "$TMPD/shown.txt" "$1" || fail "the policy table disagrees with solve"
}

# agree ARGS...: the screen's policy table against `optdeploy solve $DATA ARGS
# --format csv`: the expected accuracy, the status, and the count of every
# model used (unused models show no count).
agree() {
	_csv=$("$OPTDEPLOY" solve "$DATA" "$@" --format csv 2>/dev/null) ||
		fail "solve $* failed"
	_acc=$(printf '%s\n' "$_csv" | sed -n 2p | cut -d, -f10)
	_status=$(printf '%s\n' "$_csv" | sed -n 2p | cut -d, -f13)
	_want=$(LC_ALL=C awk -v a="$_acc" 'BEGIN { printf "%.4f", a }')
	wait_for "accuracy  $_want" 5
	wait_settled
	# the rounded LP answer is titled in words, not with the CSV's name
	if [ "$_status" = lp_rounded ]; then
		screen | grep -qF "Policy  LP floor-rounded," ||
			fail "solve $*: the rounded LP policy is not titled as such"
	else
		screen | grep -qE "Policy  (ILP|LP) $_status," || fail "solve $*: status $_status not shown"
	fi
	printf '%s\n' "$_csv" >"$TMPD/agree.csv"
	rows_agree "$TMPD/agree.csv" "solve $*"
}
