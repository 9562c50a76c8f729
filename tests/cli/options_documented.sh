#!/bin/sh
# Every option of the parser's table (specs[] in src/cli/cli_options.c) is
# documented twice: as "Fl -name" (or "Fl o") in the OPTIONS section of
# man/optdeploy.1 and as "--name" (or "-o") in `optdeploy --help`.  Every
# command word the parser knows (from its own "unknown command" message) is
# an ".It Cm name" of the man page's COMMANDS section and a line of --help's
# command list, and every command but help is in the SYNOPSIS.
#
# The same checks run once more on a man page and a help text with one option
# and one command removed: they must fail there, or they could not fail at all.
set -eu
. tests/cli/lib.sh
MAN=man/optdeploy.1
SRC=src/cli/cli_options.c

# "name shown" for each row of specs[]: { "budget", required_argument, OPT_BUDGET, "--budget", ... }
awk '/^static const struct opt_spec specs\[\] = \{/ { on = 1; next }
	on && /^\};/ { on = 0 }
	on && match($0, /\{ *"[^"]+", *[a-z_]+, *[A-Z_]+, *"[^"]+"/) {
		split(substr($0, RSTART, RLENGTH), f, "\""); print f[2], f[4] }' "$SRC" >"$T/specs"

# The command words, from the parser's own message for an unknown one
# (built from its command table: "... (solve, sweep, ...) ...").
"$OPTDEPLOY" nosuchcommand >/dev/null 2>"$T/cmderr" || true
sed -n 's/.*(\(solve, [^)]*\)).*/\1/p' "$T/cmderr" | tr ',' '\n' |
	sed 's/^ *//; /^$/d' >"$T/commands"

section() {  # section MAN NAME: the lines of one .Sh section
	awk -v s="$2" '/^\.Sh / { on = ($2 == s); next } on' "$1"
}

# undocumented MAN HELP: print one line per option or command missing from either
undocumented() {
	section "$1" OPTIONS >"$T/man_options"
	section "$1" SYNOPSIS >"$T/man_synopsis"
	section "$1" COMMANDS >"$T/man_commands"
	while read -r name shown; do
		case $shown in
		--*) macro="Fl -${shown#--}" ;;
		*) macro="Fl ${shown#-}" ;;
		esac
		grep -qE -- "(^|[ .])$macro( |$)" "$T/man_options" ||
			echo "option $shown: no '$macro' in the OPTIONS section of $MAN"
		grep -qE -- "(^|[[ ,(|])$shown([] ,=|]|$)" "$2" ||
			echo "option $shown: not in optdeploy --help"
	done <"$T/specs"
	while read -r cmd; do
		grep -qE "^\.It Cm $cmd( |$)" "$T/man_commands" ||
			echo "command $cmd: no '.It Cm $cmd' in the COMMANDS section of $MAN"
		[ "$cmd" = help ] || grep -qxF ".Cm $cmd" "$T/man_synopsis" ||
			echo "command $cmd: not in the SYNOPSIS of $MAN"
		grep -qE "^  $cmd  " "$2" ||
			echo "command $cmd: not in the command list of optdeploy --help"
	done <"$T/commands"
}

nspecs=$(wc -l <"$T/specs")
ncmds=$(wc -l <"$T/commands")
expect_true "options read from specs[] in $SRC" "$nspecs >= 30"
expect_true "commands read from the unknown-command message" "$ncmds >= 8"

run --help
expect_status 0
cp "$T/out" "$T/help"
undocumented "$MAN" "$T/help" >"$T/missing"
[ ! -s "$T/missing" ] && r=0 || r=1
[ $r -eq 0 ] || sed 's/^/  /' "$T/missing" >&2
check $r "every option and command documented in $MAN and --help"

# The checks must catch a removed option and a removed command.
sed '/^\.It Fl -memory /d; /^\.It Cm lifetime /d' "$MAN" >"$T/man_cut"
grep -v -- '--memory M\|^  lifetime  ' "$T/help" >"$T/help_cut"
undocumented "$T/man_cut" "$T/help_cut" >"$T/missing_cut"
for want in "option --memory: no 'Fl -memory'" "option --memory: not in optdeploy --help" \
	"command lifetime: no '.It Cm lifetime'" "command lifetime: not in the command list"; do
	grep -qF -- "$want" "$T/missing_cut" && r=0 || r=1
	check $r "self-test: a cut man page or help text is caught ($want)"
done
finish
