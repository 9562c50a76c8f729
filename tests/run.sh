#!/bin/sh
# tests/run.sh BUILD PROG - run every test against one build and print one summary.
#
# Unit tests are cmocka binaries ($BUILD/tests/test_*); each prints its own
# cmocka summary.  CLI and terminal tests are shell scripts (tests/cli/*.sh,
# tests/tui/*.sh) run with OPTDEPLOY set to the binary under test; each exits
# 0 on success.  The last line is "N passed, N failed".
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
	log="$build/tests/$(basename "$name").log"
	if "$@" >"$log" 2>&1; then
		passed=$((passed + 1))
		grep -E '^\[  PASSED  \]|^\[  FAILED  \]' "$log" | sed "s|^|$name: |"
		echo "ok   $name"
	else
		failed=$((failed + 1))
		failures="$failures $name"
		echo "FAIL $name (log: $log)"
		tail -n 30 "$log" | sed 's/^/    /'
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
