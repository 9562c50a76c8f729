#!/bin/sh
# bad_input.sh - run the built binary on every bad-input corpus file and on
# generated huge inputs; check each exit status and stderr message.
#
# The corpus is tests/data/bad/, its expectations tests/data/bad/EXPECTED
# (FILE<TAB>EXIT<TAB>MESSAGE[<TAB>ARGUMENTS]).  Run from the repository root
# with OPTDEPLOY set to the binary under test (tests/run.sh does both).
set -u
prog=${OPTDEPLOY:-./optdeploy}
dir=tests/data/bad
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bad_input.XXXXXX") || exit 1
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
checked=0
failed=0
also=

fail() {
	failed=$((failed + 1))
	echo "FAIL $1" >&2
}

# check NAME EXIT MESSAGE ARGS...: run `optdeploy solve ARGS`, stdin as given.
# A failure must say `optdeploy: MESSAGE...` on stderr; success must print a plan.
check() {
	name=$1 want=$2 msg=$3
	shift 3
	"$prog" solve "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	checked=$((checked + 1))
	if grep -q 'Sanitizer\|runtime error' "$tmp/err"; then
		fail "$name: sanitizer report:"; sed 's/^/    /' "$tmp/err" >&2
	elif [ "$got" -ne "$want" ]; then
		fail "$name: exit $got, expected $want; stderr:"
		head -c 2000 "$tmp/err" | sed 's/^/    /' >&2
	elif [ "$want" -ne 0 ] && ! grep -qF -- "$msg" "$tmp/err"; then
		fail "$name: stderr lacks \"$msg\":"; head -c 2000 "$tmp/err" | sed 's/^/    /' >&2
	elif [ -n "$also" ] && ! grep -qF -- "$also" "$tmp/err"; then
		fail "$name: stderr lacks \"$also\":"; head -n 3 "$tmp/err" | sed 's/^/    /' >&2
	elif [ "$want" -ne 0 ] && ! head -n 1 "$tmp/err" | grep -q '^optdeploy: '; then
		fail "$name: stderr does not start with 'optdeploy: ':"
		head -n 3 "$tmp/err" | sed 's/^/    /' >&2
	elif [ "$want" -eq 0 ] && [ ! -s "$tmp/out" ]; then
		fail "$name: exit 0 but nothing on standard output"
	fi
}

[ -x "$prog" ] || { echo "bad_input.sh: no binary at $prog" >&2; exit 1; }
[ -f "$dir/EXPECTED" ] || { echo "bad_input.sh: $dir/EXPECTED missing" >&2; exit 1; }

# Every corpus file has an expectation, and the corpus is not trivially small.
files=0
for f in "$dir"/*; do
	base=${f##*/}
	[ "$base" = EXPECTED ] && continue
	files=$((files + 1))
	grep -q "^$base	" "$dir/EXPECTED" || fail "$base: no line in EXPECTED"
done
[ "$files" -ge 40 ] || fail "corpus: only $files files (at least 40 expected)"

while IFS='	' read -r file code msg args; do
	case $file in ''|'#'*) continue ;; esac
	# A loader's message is located: it starts with the file's path.
	also=
	[ -z "$args" ] && [ "$code" -ne 0 ] && also="optdeploy: $dir/$file"
	: "${args:=--budget 100}"
	set -f   # ARGUMENTS are split into words on purpose, never globbed
	check "$file" "$code" "$msg" "$dir/$file" $args
	set +f
done <"$dir/EXPECTED"
also=

# Generated inputs, too big to commit.
awk 'BEGIN { print "model,cost,accuracy"
	for (i = 0; i < 1000000; i++) printf "m%d,%d,%d\n", i, i % 1000 + 1, i % 97 }' \
	>"$tmp/rows_1e6.csv"
check rows_1e6 65 "rows_1e6.csv:100002: too many models (limit 100000)" \
	"$tmp/rows_1e6.csv" --budget 100

# Fields just under the 1 MB line cap (1048576 - 64 bytes).
big=$(awk 'BEGIN { s = "xxxxxxxxxxxxxxxx"; while (length(s) < 1048576) s = s s
	print substr(s, 1, 1048512) }')
printf 'model,cost,accuracy,notes\na,10,60,"%s"\nb,20,70,%s\n' "$big" "$big" \
	>"$tmp/field_1mb_ignored.csv"
check field_1mb_ignored 0 "" "$tmp/field_1mb_ignored.csv" --budget 100
printf 'model,cost,accuracy\n%s,10,60\n' "$big" >"$tmp/name_1mb.csv"
check name_1mb 65 "name_1mb.csv:2: column 'model': model name is 1048512 bytes long (limit 256)" \
	"$tmp/name_1mb.csv" --budget 100

# A line or a quoted field over 1 MB is a located error, read in bounded
# memory: an endless input (/dev/zero) ends with 65 under a 128 MB address
# space limit, and so does a 100 MB model name.
printf 'model,cost,accuracy\na,10,60,%s%s\n' "$big" "$big" >"$tmp/line_2mb.csv"
check line_2mb 65 "line_2mb.csv:2: line longer than 1048576 bytes (1 MB)" \
	"$tmp/line_2mb.csv" --budget 100
printf 'model,cost,accuracy\na,10,"60\n%s\n%s\n' "$big" "$big" >"$tmp/quoted_2mb.csv"
check quoted_2mb 65 "quoted_2mb.csv:2: field 3: quoted field longer than 1048576 bytes" \
	"$tmp/quoted_2mb.csv" --budget 100
check dev_zero 65 "/dev/zero:1: line longer than 1048576 bytes" /dev/zero --budget 100
# under ulimit -v: the program maps ~30 MB of libraries before it reads
# (not under AddressSanitizer, which reserves terabytes of address space)
vlimit=131072
if nm "$prog" 2>/dev/null | grep -q __asan_init; then vlimit=unlimited; fi
limited() { (ulimit -v $vlimit && "$prog" solve "$@" >"$tmp/out" 2>"$tmp/err"); echo $?; }
got=$(limited /dev/zero --budget 100)
checked=$((checked + 1))
[ "$got" -eq 65 ] && grep -qF "line longer than" "$tmp/err" ||
	fail "dev_zero under ulimit -v $vlimit: exit $got: $(head -c 300 "$tmp/err")"
got=$( (printf 'model,cost,accuracy\n'; head -c 104857600 /dev/zero | tr '\0' x) |
	limited - --budget 100)
checked=$((checked + 1))
[ "$got" -eq 65 ] && grep -qF "<stdin>:2: line longer than" "$tmp/err" ||
	fail "name_100mb under ulimit -v $vlimit: exit $got: $(head -c 300 "$tmp/err")"
printf 'model,cost,accuracy\na,1%s,60\n' "$(printf '%s' "$big" | tr x 0)" >"$tmp/number_1mb.csv"
check number_1mb 65 "number_1mb.csv:2: column 'cost': \"10000000" "$tmp/number_1mb.csv" --budget 100

awk 'BEGIN { srand(7); for (i = 0; i < 1048576; i++) printf "%c", 1 + int(rand() * 255) }' \
	>"$tmp/garbage_1mb.bin"
check garbage_1mb 65 "garbage_1mb.bin:" "$tmp/garbage_1mb.bin" --budget 100

# Standard input, a directory, an unreadable file.
printf 'model,cost,accuracy\na,10,60\nb,20,70\n' >"$tmp/good.csv"
check stdin_good 0 "" - --budget 100 <"$tmp/good.csv"
check stdin_bad 65 "<stdin>:3: column 'cost': \"x\" is not a number" - --budget 100 <<EOF
model,cost,accuracy
a,10,60
b,x,70
EOF
check directory 66 "$tmp: cannot read: Is a directory" "$tmp" --budget 100
if [ "$(id -u)" -ne 0 ]; then   # root reads any file
	cp "$tmp/good.csv" "$tmp/unreadable.csv" && chmod 000 "$tmp/unreadable.csv"
	check unreadable 66 "unreadable.csv: cannot open: Permission denied" \
		"$tmp/unreadable.csv" --budget 100
fi

echo "bad_input.sh: $checked checks, $failed failed"
[ "$failed" -eq 0 ]
