#!/bin/sh
# tests/cli/sweep_stream.sh - a CSV sweep is streamed: each level is solved and
# written before the next, so memory stays flat in --steps (issue 14: a held
# sweep of 100,000 levels grew without bound); a table sweep keeps only what
# its rows show (the used models of each level), not every model's count.  The bytes are the same as a
# sweep solved first, on stdout and through -o, and a level of a failed write
# leaves no file behind.
set -eu
. tests/cli/lib.sh

P="$T/three.csv"
printf 'model,cost,accuracy\na,1,50\nb,3,60\nc,10,70\n' >"$P"

is_asan() {
	nm "$OPTDEPLOY" 2>/dev/null | grep -q __asan_init && return 0
	ldd "$OPTDEPLOY" 2>/dev/null | grep -q libasan
}

# 100,000 levels (the most --steps allows) into /dev/null within 40 MB of address
# space: holding them would take about 47 MB of policies alone.  Not under
# AddressSanitizer, whose shadow memory needs terabytes of address space.
if ! is_asan; then
	CMD="optdeploy sweep three.csv --steps 100000 --format csv (ulimit -v 40000)"
	(ulimit -v 40000 && exec "$OPTDEPLOY" sweep "$P" --steps 100000 --K 1000 --format csv \
		--no-progress) >"$T/rows" 2>"$T/err" </dev/null && STATUS=0 || STATUS=$?
	expect_status 0
	expect_err_empty
	expect_true "100,000 levels x 3 models and the header" "$(wc -l <"$T/rows") == 300001"
	CMD="optdeploy sweep three.csv --steps 100000 -o /dev/null (ulimit -v 40000)"
	(ulimit -v 40000 && exec "$OPTDEPLOY" sweep "$P" --steps 100000 --K 1000 -o /dev/null) \
		>"$T/out" 2>"$T/err" </dev/null && STATUS=0 || STATUS=$?
	expect_status 0
	expect_err "wrote 300000 rows to /dev/null"
fi

# A table of 6,000 levels of a 1,000-model pool within the same 40 MB: holding
# the levels would take 6,000 x 1,000 counts (48 MB).
if ! is_asan; then
	awk 'BEGIN { srand(3); print "model,cost,accuracy"
		for (i = 1; i <= 1000; i++) printf "m%04d,%.3f,%.3f\n", i, 1 + 99 * rand(), 40 + 50 * rand() }' \
		>"$T/k1.csv"
	CMD="optdeploy sweep k1.csv --steps 6000 --K 1e9 (ulimit -v 40000)"
	(ulimit -v 40000 && exec "$OPTDEPLOY" sweep "$T/k1.csv" --steps 6000 --K 1e9 --no-progress) \
		>"$T/out" 2>"$T/err" </dev/null && STATUS=0 || STATUS=$?
	expect_status 0
	expect_err_empty
	expect_out "6000 budget levels from"
	expect_true "a row per level" "$(grep -c ' optimal' "$T/out") == 6000"
fi

# The same rows whatever the number of steps in between: level j of a 3-level
# sweep is level 2j of a 5-level one, and a streamed file equals stdout.
run sweep data/imagenet_paper.csv --steps 5 --K 997 --lambda 2 --format csv
expect_status 0
cp "$T/out" "$T/five.csv"
run sweep data/imagenet_paper.csv --steps 3 --K 997 --lambda 2 --format csv
expect_status 0
n=$(sed -n '2,$p' "$T/out" | wc -l)
expect_true "3 levels x 9 models" "$n == 27"
awk -F, 'NR > 1 { lv = int((NR - 2) / 9); if (lv % 2 == 0) print }' "$T/five.csv" >"$T/even"
sed 1d "$T/out" >"$T/three_levels"
cmp -s "$T/even" "$T/three_levels" && r=0 || r=1
check $r "the levels of a 3-step sweep are the even levels of a 5-step one"
run sweep data/imagenet_paper.csv --steps 5 --K 997 --lambda 2 -o "$T/five_file.csv"
expect_status 0
expect_err "wrote 45 rows to"
cmp -s "$T/five.csv" "$T/five_file.csv" && r=0 || r=1
check $r "-o writes the bytes --format csv prints"

# A write that fails part way leaves no temporary file and the old file intact.
if [ -w /dev/full ]; then
	run sweep "$P" --steps 20000 --format csv -o /dev/full
	expect_status 73
	expect_err "/dev/full: cannot write"
fi
mkdir "$T/dir"
echo old >"$T/dir/keep.csv"
chmod 500 "$T/dir"
if [ ! -w "$T/dir" ]; then
	run sweep "$P" --steps 50 -o "$T/dir/keep.csv"
	expect_status 73
	[ "$(cat "$T/dir/keep.csv")" = old ] && [ "$(ls -A "$T/dir" | wc -l)" -eq 1 ] && r=0 || r=1
	check $r "a failed streamed sweep leaves the old file and no temporary file"
fi
chmod 700 "$T/dir"
finish
