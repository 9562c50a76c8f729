#!/bin/sh
# Colour follows the terminal and NO_COLOR: 256 colours under tmux-256color and
# xterm-256color, the 8 basic ones under screen and xterm, none under vt100 or
# xterm-mono or with NO_COLOR set (an empty NO_COLOR does not count); the
# heatmaps keep their shade characters either way.
set -u
. tests/tui/helpers/tmux.sh

# colours: the kinds of colour the screen uses: "256", "8", or "none"
colours() {
	screen_e | grep -o "$(printf '\033')\[[0-9;]*m" | LC_ALL=C awk '
		{ s = substr($0, 3, length($0) - 3); n = split(s, p, ";")
		  for (i = 1; i <= n; i++) {
			if (p[i] == 38 || p[i] == 48) { deep = 1; i += 2 }
			else if ((p[i] >= 30 && p[i] <= 37) || (p[i] >= 40 && p[i] <= 47) ||
				 (p[i] >= 90 && p[i] <= 97) || (p[i] >= 100 && p[i] <= 107)) basic = 1
		  } }
		END { print deep ? "256" : basic ? "8" : "none" }'
}

check() {  # check WANT VAR=VALUE...
	want=$1
	shift
	start 120 40 "$@" --
	wait_ready
	got=$(colours)
	[ "$got" = "$want" ] || fail "$*: colours $got, want $want"
	# the heatmap still shows its shares with shade characters
	screen | grep -qE '█|▓|▒|░' || fail "$*: no shade characters"
}

check 256 TERM=tmux-256color
check 256 TERM=xterm-256color
check 8 TERM=screen
check 8 TERM=xterm
check none TERM=vt100
check none TERM=xterm-mono
check none NO_COLOR=1
check none NO_COLOR=1 TERM=xterm
check none NO_COLOR=yes TERM=xterm-256color
check 256 NO_COLOR=
T send-keys -t t: q
wait_for "EXIT=0"
echo "colour: ok"
