#!/bin/sh
# tests/cli/core_purity.sh - the core-purity check (tests/core_purity.sh) that
# `make check` runs must pass on src/core and must catch every kind of breach.
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
fails=0
sh tests/core_purity.sh src/core include/optdeploy/core ||
	{ echo "FAIL: src/core is not pure"; fails=$((fails + 1)); }

# Each planted breach must be reported; each harmless look-alike must not.
breach() {  # breach NAME CODE: CODE in a file of its own must fail the check
	mkdir -p "$d/$1"
	printf '%s\n' "$2" > "$d/$1/x.c"
	if sh tests/core_purity.sh "$d/$1" >/dev/null 2>&1; then
		echo "FAIL: not caught: $2"; fails=$((fails + 1))
	fi
}
clean() {  # clean NAME CODE: CODE must pass the check
	mkdir -p "$d/$1"
	printf '%s\n' "$2" > "$d/$1/x.c"
	if ! sh tests/core_purity.sh "$d/$1" >/dev/null 2>&1; then
		echo "FAIL: false alarm: $2"; fails=$((fails + 1))
	fi
}
breach curses '#include <curses.h>'
breach ncursesw '#include <ncursesw/ncurses.h>'
breach printf 'void f(void) { printf("x"); }'
breach stderr 'void f(void) { fprintf(stderr, "x"); }'
breach fputs 'void f(void) { fputs("x", stderr); }'
breach exit 'void f(void) { exit(1); }'
breach abort 'void f(void) { abort(); }'
clean snprintf 'int f(char *b) { return snprintf(b, 4, "%d", 1); }'
clean comment '/* on failure we never exit() or abort() or printf() */'
clean string 'const char *s = "exit(1) printf(x)";'
clean file 'void f(FILE *fp) { fprintf(fp, "x"); }'
[ "$fails" -eq 0 ] && echo "core purity: 12 checks passed"
exit "$fails"
