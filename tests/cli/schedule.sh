#!/bin/sh
# tests/cli/schedule.sh - `optdeploy schedule`: the three formats agree with
# each other and with the solve's counts, every prefix of the CSV order is
# fair (checked here in awk, independently of the C code), the C header
# compiles with -std=c99 -pedantic -Werror and its generator prints exactly
# the CSV order (two periods), names are escaped, K > 10^7 as slot rows and
# unbounded run rows are refused, -o writes atomically and picks the format
# by extension, and a policy without counts writes nothing.
set -eu
. tests/cli/lib.sh

U=data/uci_har.csv
I=data/imagenet_paper.csv
CC=${CC:-cc}
CFLAGS_H="-std=c99 -Wall -Wextra -Werror -pedantic -Wshadow -Wstrict-prototypes -Wwrite-strings"

# counts_of ARGS...: "model<TAB>count" lines of the solve with the same options.
# The model (as quoted in CSV) is all but the last 12 fields: only it can hold commas.
counts_of() {
	"$OPTDEPLOY" solve "$@" --format csv | awk -F, 'NR > 1 && $(NF - 8) > 0 {
		m = $0; for (i = 0; i < 12; i++) sub(/,[^,]*$/, "", m); print m "\t" $(NF - 8) }'
}

# fair_csv FILE COUNTS-FILE K: every prefix t, every model: floor(t x/K) <= n <= ceil(t x/K)
fair_csv() {
	awk -F, -v k="$3" 'FNR == NR { split($0, f, "\t"); x[f[1]] = f[2]; next }
		FNR == 1 { next }
		{ if ($1 != FNR - 1) { print "slot " $1 " at line " FNR; bad = 1; exit 1 }
		  m = $0; sub(/^[0-9]+,/, "", m); n[m]++; t = $1
		  for (j in x) { lo = int(t * x[j] / k); hi = lo + ((t * x[j]) % k != 0)
			if (n[j] < lo || n[j] > hi) { print "t=" t " " j ": " n[j] " not in " lo ".." hi; bad = 1; exit 1 } } }
		END { if (bad) exit 1; if (t != k) { print "slots: " t; exit 1 }
		  for (j in x) if (n[j] != x[j]) { print j ": " n[j] " runs, count " x[j]; exit 1 } }' \
		"$2" "$1"
}

# expand RUNS-FILE: the run-length rows as slot rows
expand() {
	awk -F, 'NR == 1 { print "slot,model"; next }
		{ m = $0; sub(/,[0-9]+$/, "", m); for (i = 0; i < $NF; i++) print ++t "," m }' "$1"
}

# The driver: prints the generator's order as slot,model CSV (quoted as the
# exporter quotes), PERIODS times, and checks each period's totals.
cat >"$T/driver.c" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sched.h"

static void put_field(const char *s)
{
	size_t n = strlen(s);
	if (strpbrk(s, ",\"\r\n") == NULL && s[0] != '#' && s[0] != ' ' &&
	    (n == 0 || s[n - 1] != ' ')) {
		fputs(s, stdout);
		return;
	}
	putchar('"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

int main(int argc, char **argv)
{
	struct optdeploy_schedule s;
	unsigned long runs[OPTDEPLOY_N_MODELS];
	long periods = argc > 1 ? atol(argv[1]) : 1, p;
	unsigned long t;
	int i;
	optdeploy_schedule_init(&s);
	for (p = 0; p < periods; p++) {
		memset(runs, 0, sizeof runs);
		puts("slot,model");
		for (t = 1; t <= (unsigned long)OPTDEPLOY_K; t++) {
			i = optdeploy_schedule_next(&s);
			if (i < 0 || i >= OPTDEPLOY_N_MODELS)
				return 2;
			runs[i]++;
			printf("%lu,", t);
			put_field(optdeploy_model_names[i]);
			putchar('\n');
		}
		for (i = 0; i < OPTDEPLOY_N_MODELS; i++)
			if (runs[i] != optdeploy_counts[i])
				return 3;
	}
	return 0;
}
EOF
# A file that includes the header and uses none of it must compile cleanly too.
printf '#include "sched.h"\nint schedule_unused_here(void);\nint schedule_unused_here(void) { return 0; }\n' \
	>"$T/unused.c"

# compile_and_compare NAME ARGS...: header, CSV and runs of one policy agree
compile_and_compare() {
	name=$1
	shift
	run schedule "$@" --format c
	expect_status 0
	expect_err_empty
	cp "$T/out" "$T/sched.h"
	grep -qE 'float|double|malloc' "$T/sched.h" && r=1 || r=0
	check $r "$name: the header uses no floating point and no allocation"
	run schedule "$@" --format csv
	expect_status 0
	cp "$T/out" "$T/order.csv"
	run schedule "$@" --format runs
	expect_status 0
	cp "$T/out" "$T/order.runs.csv"
	# runs rows: no two neighbours alike; their repeats sum to K
	awk -F, 'NR > 2 && $1 == prev { exit 1 } NR > 1 { prev = $1 }' "$T/order.runs.csv" \
		&& r=0 || r=1
	check $r "$name: neighbouring runs are of different models"
	counts_of "$@" >"$T/counts"
	k=$(awk -F, 'NR > 1 { s += $NF } END { print s }' "$T/order.runs.csv")
	out=$(fair_csv "$T/order.csv" "$T/counts" "$k") && r=0 || r=1
	check $r "$name: every prefix of the CSV order is fair ($out)"
	expand "$T/order.runs.csv" | cmp -s - "$T/order.csv" && r=0 || r=1
	check $r "$name: the runs expand to the CSV order"
	for compiler in $COMPILERS; do
		command -v "$compiler" >/dev/null 2>&1 || continue
		(cd "$T" && "$compiler" $CFLAGS_H -o driver driver.c 2>"$T/cc.err" &&
			"$compiler" $CFLAGS_H -c -o unused.o unused.c 2>>"$T/cc.err") && r=0 || r=1
		check $r "$name: the header compiles with $compiler $CFLAGS_H ($(head -c 300 "$T/cc.err"))"
		[ "$r" -eq 0 ] || continue
		"$T/driver" 1 >"$T/gen.csv" && r=0 || r=1
		check $r "$name: the generator ran one period with the right totals ($compiler)"
		cmp -s "$T/gen.csv" "$T/order.csv" && r=0 || { r=1; diff "$T/gen.csv" "$T/order.csv" | head -5 >&2; }
		check $r "$name: the generator's order is the CSV order ($compiler)"
		"$T/driver" 3 >"$T/gen3.csv" && r=0 || r=1
		cat "$T/order.csv" "$T/order.csv" "$T/order.csv" | cmp -s - "$T/gen3.csv" && r=$r || r=1
		check $r "$name: after K calls the next period repeats the order ($compiler)"
	done
}

# every policy with cc; two of them with clang as well (when installed)
COMPILERS="$CC clang"
compile_and_compare "uci_har 79.5" $U --budget 79.5
COMPILERS=$CC
compile_and_compare "uci_har 90 K=997" $U --budget 90 --K 997 --lambda 0
compile_and_compare "uci_har relaxed" $U --budget 85 --K 1000 --relax
compile_and_compare "uci_har dual" $U --min-accuracy 93 --K 500
compile_and_compare "imagenet" $I --budget 120 --K 4999 --lambda 0
compile_and_compare "one model" $U --budget 100 --K 10

# names that need escaping in C (quote, backslash, ??/ trigraph, UTF-8, */)
# and in CSV (comma, quote, leading #), in a file whose name needs it too
mkdir -p "$T/odd *"
POOL="$T/odd */ ??name.csv"
printf 'model,cost,accuracy\n"say ""hi"", ok",10,50\nback\\slash,20,65\nwhat??/,30,75\n' >"$POOL"
printf 'caf\303\251 */ /*,40,82\n"#tag?",55,90\n' >>"$POOL"
for b in 15 35 47; do
	[ "$b" = 35 ] && COMPILERS="$CC clang" || COMPILERS=$CC
	compile_and_compare "odd names at $b" "$POOL" --budget $b --K 97 --lambda 0
	cat "$T/sched.h" >>"$T/all.h"
done
for lit in '"say \"hi\", ok",' '"back\\slash",' '"what\?\?/",' '"caf\303\251 */ /*",' '"#tag\?",'; do
	grep -qF -- "$lit" "$T/all.h" && r=0 || r=1
	check $r "a model name is written as the C literal $lit"
done
grep -qF ' * pool:              '"$T"'/odd * / ? ?name.csv' "$T/all.h" && r=0 || r=1
check $r "the pool file's name is defused in the header comment"

# the header comment names what it was made for
run schedule $U --budget 79.5 --K 1000 --format c
expect_out " * budget:            79.5 per inference"
expect_out " * K:                 1000 inferences per period"
expect_out " * lambda:            100"
expect_out " * policy:            optimal"
expect_out " * expected accuracy: 90.48333"
expect_out "#define OPTDEPLOY_K 1000 "
expect_out "#define OPTDEPLOY_N_MODELS 2 "
expect_out "static const char *const optdeploy_model_names[OPTDEPLOY_N_MODELS] = {"
expect_out "static const uint32_t optdeploy_counts[OPTDEPLOY_N_MODELS] = {"
expect_out "static void optdeploy_schedule_init(struct optdeploy_schedule *s)"
expect_out "static int optdeploy_schedule_next(struct optdeploy_schedule *s)"
run schedule $U --min-accuracy 93 --format c
expect_out " * accuracy floor:    93 (minimum expected cost)"
run schedule $U --budget 85 --relax --format c
expect_out " * policy:            lp_rounded"

# runs is the default; K = 10^9 as a header at once; runs beyond the csv limit
run schedule $U --budget 79.5
expect_status 0
expect_line "$T/out" 1 "model,repeat"
expect_line "$T/out" 2 "decision_tree,1"
run schedule $U --budget 79.5 --K 1e9 --format c
expect_status 0
expect_out "#define OPTDEPLOY_K 1000000000 "
run schedule $U --budget 99.99 --K 2e7 --lambda 0 --format runs
expect_status 0
expect_line "$T/out" 1 "model,repeat"
sum=$(awk -F, 'NR > 1 { s += $2 } END { printf "%d", s }' "$T/out")
expect_true "K = 2e7 runs sum to K ($sum)" "$sum == 20000000"

# refusals: csv beyond 10^7 slots (before the pool is read), runs beyond 10^7 rows
expect_usage "--format csv: K = 20000000 would be 20000000 rows, more than 10000000; use --format runs (run-length rows) or --format c (a generator)" \
	schedule /nonexistent.csv --budget 80 --K 2e7 --format csv
run schedule $U --budget 79.5 --K 1e9 --format runs
expect_status 64
expect_err "use the c format (--format c, or a .h file)"
expect_out_empty
expect_usage "--format table: schedule writes csv, runs or c" schedule $U --budget 80 --format table
expect_usage "--format runs: only 'schedule' writes it (solve: table or csv)" solve $U --budget 80 --format runs
expect_usage "--format c: only 'schedule' writes it (sweep: table or csv)" sweep $U --format c
expect_usage "schedule: --budget is required (or --min-accuracy for the dual form)" schedule $U
expect_usage "--steps: not used by 'schedule'" schedule $U --budget 80 --steps 3

# -o: atomic, the format by extension (or --format), the same bytes as stdout
for f in csv runs c; do
	run schedule $U --budget 82 --format $f
	cp "$T/out" "$T/stdout.$f"
done
run schedule $U --budget 82 -o "$T/s.csv"
expect_status 0
expect_err "optdeploy: wrote 1000 rows to $T/s.csv"
expect_out_empty
cmp -s "$T/s.csv" "$T/stdout.csv" && r=0 || r=1
check $r "-o s.csv writes the slot CSV"
run schedule $U --budget 82 -o "$T/s.runs.csv"
expect_err "rows to $T/s.runs.csv"
cmp -s "$T/s.runs.csv" "$T/stdout.runs" && r=0 || r=1
check $r "-o s.runs.csv writes the runs"
run schedule $U --budget 82 -o "$T/fw.h"
expect_err "optdeploy: wrote a C header for 2 models to $T/fw.h"
cmp -s "$T/fw.h" "$T/stdout.c" && r=0 || r=1
check $r "-o fw.h writes the header"
run schedule $U --budget 82 --format c -o "$T/other.txt"
cmp -s "$T/other.txt" "$T/stdout.c" && r=0 || r=1
check $r "--format c -o other.txt writes the header"
run schedule $U --budget 82 -o "$T/plain.txt"
cmp -s "$T/plain.txt" "$T/stdout.runs" && r=0 || r=1
check $r "-o with an unknown extension writes the default, runs"
run schedule $U --budget 82 --format c -o -
cmp -s "$T/out" "$T/stdout.c" && r=0 || r=1
check $r "-o - is standard output"
run schedule $U --budget 82 -o "$T/no/such/dir/s.h"
expect_status 73
expect_err "$T/no/such/dir/s.h: cannot write"
# a refused or failed schedule leaves the old file alone and no temporary file
echo "old" >"$T/keep.runs.csv"
run schedule $U --budget 79.5 --K 1e9 -o "$T/keep.runs.csv"
expect_status 64
[ "$(cat "$T/keep.runs.csv")" = old ] && r=0 || r=1
check $r "a refused runs export keeps the old file"
run schedule $U --budget 50 -o "$T/keep.runs.csv"
expect_status 1
[ "$(cat "$T/keep.runs.csv")" = old ] && r=0 || r=1
check $r "an infeasible schedule keeps the old file"
ls -A "$T" | grep -q '^\.keep' && r=1 || r=0
check $r "no temporary file is left behind"

# no counts, no order: the solve's message and exit status, nothing written
run solve $U --budget 50
cp "$T/err" "$T/solve.err"
run schedule $U --budget 50 --format c
expect_status 1
expect_out_empty
cmp -s "$T/err" "$T/solve.err" && r=0 || r=1
check $r "an infeasible schedule says what solve says"
run schedule $U --budget 50 -o "$T/inf.h"
expect_status 1
[ ! -e "$T/inf.h" ] && r=0 || r=1
check $r "an infeasible schedule writes no file"

finish
