#!/bin/sh
# tests/run.sh BUILD PROG - run every test against one build and print one summary.
#
# Unit tests are cmocka binaries ($BUILD/tests/test_*); each prints its own
# cmocka summary.  CLI and terminal tests are shell scripts (tests/cli/*.sh,
# tests/tui/*.sh) run with OPTDEPLOY set to the binary under test; each exits
# 0 on success.  The last line is "N passed, N failed".
#
# A failing test is named, and its log is printed: whole when it is short,
# else its FAIL lines and its last 80 lines (a tmux test's log ends with the
# last screen).  Each log stays in $BUILD/tests/, named after the test's
# path (tests/tui/quit.sh -> tests_tui_quit.sh.log).
set -u
build=${1:?usage: tests/run.sh BUILD PROG}
prog=${2:?usage: tests/run.sh BUILD PROG}
export OPTDEPLOY="$prog"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
passed=0
failed=0
failures=""

run_one() {  # run_one NAME COMMAND...
	name=$1; shift
	log="$build/tests/$(printf '%s' "$name" | tr / _).log"
	t0=$(date +%s)
	if "$@" >"$log" 2>&1; then
		passed=$((passed + 1))
		grep -E '^\[  PASSED  \]|^\[  FAILED  \]' "$log" | sed "s|^|$name: |"
		echo "ok   $name ($(( $(date +%s) - t0 )) s)"
	else
		failed=$((failed + 1))
		failures="$failures $name"
		echo "FAIL $name after $(( $(date +%s) - t0 )) s (log: $log)"
		if [ "$(wc -l <"$log")" -le 150 ]; then
			sed 's/^/    /' "$log"
		else
			grep -n 'FAIL' "$log" | head -n 20 | sed 's/^/    /'
			echo "    ..."
			tail -n 80 "$log" | sed 's/^/    /'
		fi
	fi
}

mkdir -p "$build/tests"
for t in "$build"/tests/test_*; do
	case $t in *.log|*.d) continue ;; esac
	[ -x "$t" ] || continue
	run_one "$(basename "$t")" "$t"
done
for t in tests/cli/*.sh tests/tui/*.sh tests/reliability/*.sh; do
	[ -f "$t" ] || continue
	run_one "$t" sh "$t"
done

[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
