#!/bin/sh
# tests/fuzz/run.sh SECONDS - build the libFuzzer targets and fuzz each for SECONDS.
#
#   sh tests/fuzz/run.sh 60        (what `make fuzz` runs, FUZZ_SECONDS each)
#
# Builds tests/fuzz/fuzz_pool.c (the CSV loader) and tests/fuzz/fuzz_cli.c
# (the command line parser) with clang, -fsanitize=fuzzer,address,undefined
# and the Makefile's warnings, into build/fuzz/.  Each target then runs for
# SECONDS on a working corpus in build/fuzz/corpus_<target>/, seeded from the
# committed tests/fuzz/corpus_<target>/ and tests/fuzz/regress_<target>/:
# libFuzzer adds what it finds there, never to the committed corpus.
# Crashing inputs go to build/fuzz/artifacts/<target>-crash-<sha1> (also leaks,
# timeouts and out-of-memory).  Exits 1 and names every artifact of this run
# when a target failed; copy each into tests/fuzz/regress_<target>/ so that
# test_fuzz_regress replays it in `make check`.
#
# Environment: CLANG (default clang).  The targets run one after the other,
# so a run takes 2 x SECONDS plus the build.
set -u
seconds=${1:?usage: tests/fuzz/run.sh SECONDS}
case $seconds in
'' | *[!0-9]* | 0 | 0*) # 0 would mean "no limit" to libFuzzer
	echo "fuzz: SECONDS must be a whole number from 1, not '$seconds'" >&2; exit 64 ;;
esac
[ -f tests/fuzz/fuzz_pool.c ] || { echo "fuzz: run from the repository root" >&2; exit 64; }
CLANG=${CLANG:-clang}
command -v "$CLANG" >/dev/null 2>&1 ||
	{ echo "fuzz: $CLANG not found (Debian: apt-get install clang)" >&2; exit 69; }

out=build/fuzz
mkdir -p "$out/artifacts"

# The core sources: every file of the core layer, as the Makefile builds them.
core_src=$(ls src/core/*.c | tr '\n' ' ')
[ -n "$core_src" ] || { echo "fuzz: no sources under src/core" >&2; exit 70; }

WARN="-Wall -Wextra -Werror -Wshadow -Wmissing-prototypes -Wstrict-prototypes
	-Wwrite-strings -Wpointer-arith -Wformat=2"
# lines over 300 bytes are refused (ST_DATA) in the fuzz build, so inputs of
# libFuzzer's sizes reach the 1 MB line cap's check
DEFS="-Iinclude -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -DPOOL_CSV_LINE_MAX=300"

build() {  # build TARGET EXTRA-SOURCES...
	target=$1
	shift
	echo "fuzz: building $out/fuzz_$target"
	# shellcheck disable=SC2086
	"$CLANG" -std=c11 $WARN -g -O1 -fno-omit-frame-pointer \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
		$DEFS -DOPTDEPLOY_DATADIR='"/usr/local/share/optdeploy"' \
		-o "$out/fuzz_$target" "tests/fuzz/fuzz_$target.c" "$@" \
		-lglpk -lcsv -lm
}

# Dictionaries help the fuzzer past the parsers' keywords: the option names
# come from cli_options.c's table, the column names from the loader's aliases
# (src/core/pool*.c).
dictionaries() {
	{
		sed -n 's/^[[:space:]]*{ "\([A-Za-z-]*\)", [a-z_]*_argument,.*/"--\1"/p' src/cli/cli_options.c
		for w in solve sweep frontier compare plot help version table csv -o -h -V -- - \
			= 1e9 1000000000 1e999 nan inf -0 0x10; do
			printf '"%s"\n' "$w"
		done
	} >"$out/cli.dict"
	{
		cat src/core/pool*.c | sed -n 's/^[[:space:]]*{\(".*\)},$/\1/p' | tr ',' '\n' |
			sed -n 's/^ *\("[a-z_]*"\) *$/\1/p'
		for w in '\x0d\x0a' '\x22' '\x22\x22' '#' '\xef\xbb\xbf' 1e999 nan inf -0 0x10 \
			1e-320 ',' '#columns ' '#columns! ' 'cost=' 'accuracy=' 'memory=' 'name='; do
			printf '"%s"\n' "$w"
		done
	} >"$out/pool.dict"
	grep -qx '"cost"' "$out/pool.dict" ||
		echo "fuzz: warning: no column names found in src/core/pool*.c for the dictionary" >&2
}

run() {  # run TARGET: fuzz one target; status 0 when nothing was found
	target=$1
	corpus="$out/corpus_$target"
	mkdir -p "$corpus"
	for seed in "tests/fuzz/corpus_$target"/* "tests/fuzz/regress_$target"/*; do
		[ -f "$seed" ] && cp "$seed" "$corpus/"
	done
	log="$out/$target.log"
	echo "fuzz: $target for ${seconds}s on $corpus (log: $log)"
	ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:${ASAN_OPTIONS:-}" \
	UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}" \
	"$out/fuzz_$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
		-print_final_stats=1 -dict="$out/$target.dict" \
		-artifact_prefix="$out/artifacts/$target-" "$corpus" >"$log" 2>&1
	st=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	secs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	echo "fuzz: $target: ${execs:-?} executions, ${secs:-?}/s, corpus $(ls "$corpus" | wc -l) files, status $st"
	return "$st"
}

# shellcheck disable=SC2086 # a list of file names
build pool $core_src || exit 70
# shellcheck disable=SC2086
build cli src/cli/cli_options.c src/cli/cli_battery.c src/cli/cli_time.c src/cli/cli_units.c \
	src/figure/figure_format.c $core_src || exit 70
dictionaries

before=$(ls "$out/artifacts")
failed=""
for target in pool cli; do
	run "$target" || failed="$failed $target"
done

if [ -n "$failed" ]; then
	echo "fuzz: FAILED:$failed" >&2
	ls "$out/artifacts" | while read -r a; do
		printf '%s\n' "$before" | grep -qxF -- "$a" || echo "fuzz: artifact $out/artifacts/$a" >&2
	done
	for target in $failed; do
		echo "--- $out/$target.log (end) ---" >&2
		grep -E 'ERROR|SUMMARY|runtime error|#[0-9]+ 0x|Test unit written|deadly signal|timeout' \
			"$out/$target.log" | tail -n 40 >&2
	done
	exit 1
fi
echo "fuzz: no findings"
