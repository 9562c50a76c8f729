#!/bin/sh
# tests/cli/outputs.sh - where -o and --data-csv write: through symbolic
# links to their target, in place into devices, FIFOs and /dev/stdout (as
# root and as an ordinary user), keeping the replaced file's mode and owner,
# refusing a read-only or unwritable file, refusing (64, naming both) an
# output that is an input or the other output however it is spelled, taking
# a 255-byte file name, and saying "Is a directory" for a directory.  No
# temporary file (.od*) is ever left behind.
set -eu
. tests/cli/lib.sh

case $OPTDEPLOY in /*) ;; *) OPTDEPLOY=$PWD/$OPTDEPLOY ;; esac
ROOT=$PWD
W=$T/w
mkdir -p "$W/data"
cp "$ROOT/data/uci_har.csv" "$W/in.csv"
cp "$W/in.csv" "$T/orig.csv"
cd "$W"
HEADER='model,cost,accuracy,load_cost,count,share,budget,k,lambda,expected_accuracy,expected_cost,objective,status'
SOLVE="solve in.csv --budget 80"

no_temp() {  # no_temp DIR...: no temporary file left in any of them
	for d in "$@"; do
		left=$(find "$d" -maxdepth 1 -name '.od*' | head -n 1)
		[ -z "$left" ] && r=0 || r=1
		check $r "a temporary file was left behind: $left"
	done
}

is_policy() {  # is_policy FILE: a whole policy CSV
	[ "$(head -n 1 "$1")" = "$HEADER" ] && [ "$(wc -l <"$1")" -eq 6 ] && r=0 || r=1
	check $r "$1 should hold the policy CSV"
}

input_intact() {
	cmp -s in.csv "$T/orig.csv" && r=0 || r=1
	check $r "the input in.csv was changed"
}

# ---- symbolic links are written through ---------------------------------
echo old >data/x.csv
ln -s data/x.csv link.csv
run $SOLVE -o link.csv
expect_status 0
expect_err "wrote 5 rows to link.csv"
[ -L link.csv ] && [ "$(readlink link.csv)" = data/x.csv ] && r=0 || r=1
check $r "the link link.csv was replaced instead of written through"
is_policy data/x.csv
ln -s link.csv chain.csv
echo old >data/x.csv
run $SOLVE -o chain.csv
expect_status 0
[ -L chain.csv ] && [ -L link.csv ] && r=0 || r=1
check $r "a link of the chain chain.csv -> link.csv -> data/x.csv was replaced"
is_policy data/x.csv
ln -s "$W/data/abs.csv" dangling.csv
run $SOLVE -o dangling.csv
expect_status 0
[ -L dangling.csv ] && r=0 || r=1
check $r "the dangling link was replaced instead of creating its target"
is_policy data/abs.csv
ln -s loop1.csv loop2.csv
ln -s loop2.csv loop1.csv
run $SOLVE -o loop1.csv
expect_status 73
expect_err "loop1.csv: cannot write: Too many levels of symbolic links"
no_temp . data

# ---- devices, FIFOs and our own descriptors are written in place -----------
# A program that replaced /dev/stdout as root would break every later test on
# the machine: put the link back (and fail) if it ever happens.
stdout_link() {
	[ -L /dev/stdout ] && r=0 || r=1
	check $r "/dev/stdout is no longer a link"
	if [ "$r" -ne 0 ] && [ "$(id -u)" -eq 0 ]; then
		rm -f /dev/stdout && ln -s /proc/self/fd/1 /dev/stdout
	fi
}
run $SOLVE -o /dev/null
expect_status 0
[ -c /dev/null ] && r=0 || r=1
check $r "/dev/null is no longer a character device"
"$OPTDEPLOY" $SOLVE -o /dev/stdout >stdout.csv 2>"$T/err" && STATUS=0 || STATUS=$?
CMD="optdeploy $SOLVE -o /dev/stdout > stdout.csv"
expect_status 0
stdout_link
is_policy stdout.csv
echo "first line" >append.csv
CMD="optdeploy $SOLVE -o /dev/stdout >> append.csv"
"$OPTDEPLOY" $SOLVE -o /dev/stdout >>append.csv 2>"$T/err" && STATUS=0 || STATUS=$?
stdout_link
expect_status 0
[ "$(head -n 1 append.csv)" = "first line" ] && [ "$(sed -n 2p append.csv)" = "$HEADER" ] &&
	r=0 || r=1
check $r "-o /dev/stdout >> FILE should append to FILE"
CMD="optdeploy $SOLVE -o /dev/fd/3 3> fd3.csv"
"$OPTDEPLOY" $SOLVE -o /dev/fd/3 3>fd3.csv 2>"$T/err" && STATUS=0 || STATUS=$?
expect_status 0
is_policy fd3.csv
CMD="optdeploy $SOLVE -o /dev/stdout | cat"
"$OPTDEPLOY" $SOLVE -o /dev/stdout 2>"$T/err" | cat >piped.csv
stdout_link
is_policy piped.csv
mkfifo fifo
cat fifo >from_fifo.csv &
reader=$!
run $SOLVE -o fifo
expect_status 0
wait "$reader"
is_policy from_fifo.csv
[ -p fifo ] && r=0 || r=1
check $r "the FIFO was replaced by a file"
no_temp . /dev

# ---- modes and owners are kept; a read-only file is refused -------------
for mode in 600 640 664 606; do
	echo old >m$mode.csv
	chmod $mode m$mode.csv
	run $SOLVE -o m$mode.csv
	expect_status 0
	is_policy m$mode.csv
	[ "$(stat -c %a m$mode.csv)" = $mode ] && r=0 || r=1
	check $r "mode $mode became $(stat -c %a m$mode.csv)"
done
(umask 027 && "$OPTDEPLOY" $SOLVE -o new027.csv 2>/dev/null)
[ "$(stat -c %a new027.csv)" = 640 ] && r=0 || r=1
check $r "a new file under umask 027 should be 640, is $(stat -c %a new027.csv)"
for mode in 444 400 555; do
	echo old >ro$mode.csv
	chmod $mode ro$mode.csv
	run $SOLVE -o ro$mode.csv
	expect_status 73
	expect_err "ro$mode.csv: cannot write: the file is read-only (mode 0$mode)"
	[ "$(cat ro$mode.csv)" = old ] && [ "$(stat -c %a ro$mode.csv)" = $mode ] && r=0 || r=1
	check $r "the read-only file ro$mode.csv was changed"
done
no_temp .

# as root: the owner of the replaced file is kept
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
	echo old >owned.csv
	chown nobody owned.csv
	chmod 640 owned.csv
	run $SOLVE -o owned.csv
	expect_status 0
	[ "$(stat -c %U:%a owned.csv)" = nobody:640 ] && r=0 || r=1
	check $r "root replacing nobody's file: owner and mode became $(stat -c %U:%a owned.csv)"
fi

# as an ordinary user: /dev/stdout works, a file of another user's is refused
# as the shell refuses it, and the user's own read-only file too
as_user() {  # as_user CMD...: run CMD as nobody (when root) or as ourselves
	if [ "$(id -u)" -eq 0 ]; then
		setpriv --reuid nobody --regid nogroup --clear-groups -- "$@"
	else
		"$@"
	fi
}
if [ "$(id -u)" -ne 0 ] || { command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; }; then
	U=$T/user
	mkdir -p "$U"
	cp "$OPTDEPLOY" "$U/optdeploy"
	cp in.csv "$U/in.csv"
	chmod 755 "$T" "$U"
	chmod 644 "$U/in.csv"
	[ "$(id -u)" -eq 0 ] && chown nobody "$U"
	CMD="(as a user) optdeploy solve in.csv --budget 80 -o /dev/stdout > user.csv"
	(cd "$U" && as_user sh -c './optdeploy solve in.csv --budget 80 -o /dev/stdout >user.csv' \
		2>"$T/err") && STATUS=0 || STATUS=$?
	expect_status 0
	is_policy "$U/user.csv"
	(cd "$U" && as_user sh -c 'echo old >mine.csv && chmod 444 mine.csv')
	CMD="(as a user) optdeploy solve in.csv --budget 80 -o mine.csv"
	(cd "$U" && as_user ./optdeploy solve in.csv --budget 80 -o mine.csv) 2>"$T/err" &&
		STATUS=0 || STATUS=$?
	expect_status 73
	expect_err "mine.csv: cannot write: the file is read-only (mode 0444)"
	if [ "$(id -u)" -eq 0 ]; then
		echo old >"$U/roots.csv"
		chmod 644 "$U/roots.csv"
		CMD="(as nobody) optdeploy solve in.csv --budget 80 -o roots.csv (root's 644 file)"
		(cd "$U" && as_user ./optdeploy solve in.csv --budget 80 -o roots.csv) 2>"$T/err" &&
			STATUS=0 || STATUS=$?
		expect_status 73
		expect_err "roots.csv: cannot write: Permission denied"
		[ "$(cat "$U/roots.csv")" = old ] && r=0 || r=1
		check $r "nobody replaced root's file"
	fi
	no_temp "$U"
else
	echo "outputs.sh: no setpriv or no user nobody: the ordinary-user cases are skipped"
fi

# ---- an output that is an input, or the other output, is refused (64) -----
for out in in.csv ./in.csv "$W/in.csv" "../w/in.csv" alias.csv; do
	[ -e alias.csv ] || ln -s in.csv alias.csv
	expect_usage "-o $out is the input file in.csv: writing it would destroy the input (choose another output file)" \
		$SOLVE -o "$out"
	input_intact
done
awk -F, '{ print $1 "," (NR == 1 ? "memory" : "1") }' in.csv >acc.csv
expect_usage "-o ./acc.csv is the input file acc.csv: writing it would destroy the input (choose another output file)" \
	solve in.csv acc.csv --budget 80 -o ./acc.csv
run_in in.csv solve - --budget 80 -o in.csv
expect_status 64
expect_err "-o in.csv is the input read from standard input"
input_intact
for cmd in "sweep in.csv" "frontier in.csv --format csv" "compare in.csv --format csv" \
	"schedule in.csv --budget 80 --format csv"; do
	# shellcheck disable=SC2086
	run $cmd -o in.csv
	expect_status 64
	expect_err "-o in.csv is the input file in.csv"
	input_intact
done
run plot in.csv -o fig.png --data-csv alias.csv
expect_status 64
expect_err "--data-csv alias.csv is the input file in.csv"
expect_usage "-o same.png and --data-csv same.png are the same file: one would overwrite the other" \
	plot in.csv -o same.png --data-csv same.png
expect_usage "-o same.png and --data-csv ./data/../same.png are the same file: one would overwrite the other" \
	plot in.csv -o same.png --data-csv ./data/../same.png
[ ! -e same.png ] && r=0 || r=1
check $r "a refused plot wrote same.png"
ln -s fig.svg figlink.svg
expect_usage "-o fig.svg and --data-csv figlink.svg are the same file: one would overwrite the other" \
	plot in.csv -o fig.svg --data-csv figlink.svg
run plot in.csv -o fig.png --data-csv fig.csv
expect_status 0
no_temp .

# ---- long names; directories --------------------------------------------
long=$(printf '%0255d' 0 | tr 0 n)
run $SOLVE -o "$long"
expect_status 0
is_policy "$long"
run $SOLVE -o "data/$long"
expect_status 0
is_policy "data/$long"
run $SOLVE -o "${long}x"
expect_status 73
expect_err "cannot write: File name too long"
mkdir -p adir
echo keep >adir/keep.txt
for out in . .. adir adir/ adir/. nosuch/ "$W/adir"; do
	run $SOLVE -o "$out"
	expect_status 73
	expect_err "optdeploy: $out: cannot write: Is a directory"
done
run $SOLVE -o in.csv/
expect_status 73
expect_err "in.csv/: cannot write: Not a directory"
[ "$(cat adir/keep.txt)" = keep ] && r=0 || r=1
check $r "a directory's contents were changed"
no_temp . adir data

finish
