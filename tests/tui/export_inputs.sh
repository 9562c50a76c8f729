#!/bin/sh
# The planner's exports (e, E, s, p) never replace a file a pool is read
# from: the command line's table, however it is spelled or linked, or a
# bundled pool's file.  The status line says which input it is, the file is
# untouched, and an export to a link writes through it to the link's target.
set -u
. tests/tui/helpers/tmux.sh
RUN_DIR="$TMPD/run"
mkdir -p "$RUN_DIR/data"
cp "$ROOT/data/uci_har.csv" "$RUN_DIR/pool.csv"
cp "$RUN_DIR/pool.csv" "$TMPD/orig.csv"
ln -s pool.csv "$RUN_DIR/alias.csv"
ln -s data/target.csv "$RUN_DIR/out.csv"

intact() {
	cmp -s "$RUN_DIR/pool.csv" "$TMPD/orig.csv" || fail "$1 replaced the input table"
	[ -L "$RUN_DIR/alias.csv" ] || fail "$1 replaced the link alias.csv"
}

# export KEY NAME: open the prompt, replace the proposed name, confirm
export_to() {
	T send-keys -t t: "$1" C-u
	T send-keys -t t: -l "$2"
	T send-keys -t t: Enter
}

start 120 40 -- pool.csv
wait_ready
for k in e E s p; do
	for name in pool.csv ./pool.csv alias.csv "$RUN_DIR/pool.csv"; do
		export_to "$k" "$name"
		wait_for "not exported: $name is the input file"
		intact "$k to $name"
	done
done
# A bundled pool's file is an input too (b switches to it).  Only a copy the
# planner finds from its working directory is tried, never the source tree's.
cp "$ROOT/data/imagenet_paper.csv" "$RUN_DIR/data/"
bundled=$(cd "$RUN_DIR" && "$OPTDEPLOY" --pool help | awk '$1 == "imagenet_paper" { print $NF }')
if [ "$bundled" = data/imagenet_paper.csv ]; then
	sum=$(cksum <"$RUN_DIR/$bundled")
	export_to e "$bundled"
	wait_for "not exported: $bundled is the input file"
	[ "$(cksum <"$RUN_DIR/$bundled")" = "$sum" ] || fail "e replaced the bundled pool $bundled"
else
	echo "export_inputs: the bundled pools are read from $bundled, not the test's copy: case skipped"
fi
# a link is written through: the target is created, the link stays a link
export_to e out.csv
wait_for "exported 5 rows to out.csv"
[ -L "$RUN_DIR/out.csv" ] || fail "the export replaced the link out.csv"
head -n 1 "$RUN_DIR/data/target.csv" | grep -q '^model,cost,accuracy' ||
	fail "the link's target data/target.csv was not written"
T send-keys -t t: q
wait_for "EXIT=0"
intact "the session"
echo "export_inputs: ok"
