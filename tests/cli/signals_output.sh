#!/bin/sh
# tests/cli/signals_output.sh - SIGINT, SIGTERM, SIGHUP and SIGQUIT arriving
# while a batch command writes its file (schedule's 10^7 CSV rows, a sweep,
# a PNG figure): the command ends with status 128 + signal, its temporary
# file (.od*) is gone and the old file is intact.  Mid-write by construction,
# not by the clock: the command is stopped (SIGSTOP) as soon as its temporary
# file exists, signalled, then continued.  A signal the command inherited as
# ignored (nohup) stays ignored.
set -eu
. tests/cli/lib.sh

ulimit -c 0  # SIGQUIT's core dump is not the point here
case $OPTDEPLOY in /*) ;; *) OPTDEPLOY=$PWD/$OPTDEPLOY ;; esac
# A background job of a non-interactive shell ignores SIGINT and SIGQUIT; a
# command started from a terminal does not.  env gives them back.
env --default-signal=INT,QUIT true 2>/dev/null ||
	{ echo "signals_output.sh: env --default-signal is missing (coreutils >= 8.31)"; exit 1; }
W=$T/w
mkdir -p "$W"

temp_file() {  # temp_file: the temporary file in $W, if any
	for f in "$W"/.od*; do
		[ -e "$f" ] && { echo "$f"; return 0; }
	done
	return 1
}

# interrupt SIGNAL STATUS OUT ARGS...: write OUT (holding "old") with ARGS -o OUT
# and end it mid-write with SIGNAL
interrupt() {
	sig=$1 want=$2 out=$W/$3
	shift 3
	CMD="optdeploy $* -o $out, then SIG$sig mid-write"
	echo old >"$out"
	env --default-signal=INT,QUIT "$OPTDEPLOY" "$@" -o "$out" >"$T/out" 2>"$T/err" &
	pid=$!
	tmp=""
	while [ -z "$tmp" ] && kill -0 "$pid" 2>/dev/null; do
		tmp=$(temp_file) || sleep 0.01
	done
	kill -s STOP "$pid" 2>/dev/null || true
	if [ -z "$tmp" ] || [ ! -e "$tmp" ]; then
		kill -s CONT "$pid" 2>/dev/null || true
		wait "$pid" || true
		check 1 "SIG$sig: the command ended before it could be stopped mid-write"
		return
	fi
	kill -s "$sig" "$pid"
	kill -s CONT "$pid"
	wait "$pid" && STATUS=0 || STATUS=$?
	expect_status "$want"
	left=$(temp_file) && r=1 || r=0
	check $r "SIG$sig: the temporary file $left was left behind"
	[ "$(cat "$out")" = old ] && r=0 || r=1
	check $r "SIG$sig: the old $out was changed"
	expect_out_empty
}

for s in INT:130 TERM:143 HUP:129 QUIT:131; do
	sig=${s%:*} st=${s#*:}
	interrupt "$sig" "$st" sched.csv schedule data/uci_har.csv --budget 80 --K 1e7 --format csv
	interrupt "$sig" "$st" sweep.csv sweep --pool torchvision --steps 4000
	interrupt "$sig" "$st" fig.png plot --pool torchvision --size 6000x4000
done

# nohup: an ignored SIGHUP stays ignored, and the command finishes its file
echo old >"$W/nohup.csv"
CMD="nohup optdeploy solve ... -o nohup.csv, then SIGHUP"
sh -c 'trap "" HUP; exec "$0" "$@"' "$OPTDEPLOY" schedule data/uci_har.csv --budget 80 --K 1e7 \
	--format csv -o "$W/nohup.csv" >"$T/out" 2>"$T/err" &
pid=$!
tmp=""
while [ -z "$tmp" ] && kill -0 "$pid" 2>/dev/null; do
	tmp=$(temp_file) || sleep 0.01
done
kill -s HUP "$pid" 2>/dev/null || true
wait "$pid" && STATUS=0 || STATUS=$?
expect_status 0
[ "$(head -n 1 "$W/nohup.csv")" = "slot,model" ] && r=0 || r=1
check $r "under nohup, SIGHUP stopped the export"

finish
