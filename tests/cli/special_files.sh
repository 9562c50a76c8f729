#!/bin/sh
# tests/cli/special_files.sh - -o into something that is not a regular file:
# a FIFO and a character device are written in place, never renamed over
# (which would replace the node with a plain file), and a directory is refused.
. tests/cli/lib.sh

mkfifo "$T/fifo"
cat "$T/fifo" >"$T/from_fifo" &
reader=$!
run solve data/uci_har.csv --budget 90 -o "$T/fifo"
wait "$reader"
expect_status 0
check "$([ -p "$T/fifo" ] && echo 0 || echo 1)" "the FIFO is still a FIFO after the export"
run solve data/uci_har.csv --budget 90 --format csv
cmp -s "$T/out" "$T/from_fifo"
check $? "what came through the FIFO equals --format csv"

# a character device of our own, so the test never touches the real /dev/null
if mknod "$T/null" c 1 3 2>/dev/null; then
	run sweep data/uci_har.csv --steps 3 -o "$T/null"
	expect_status 0
	check "$([ -c "$T/null" ] && echo 0 || echo 1)" "the device node is still a device"
else
	echo "skipped: cannot create a device node here (not root)"
fi

mkdir "$T/dir"
run solve data/uci_har.csv --budget 90 -o "$T/dir"
expect_status 73
expect_err "$T/dir"
finish
