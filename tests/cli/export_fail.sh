#!/bin/sh
# tests/cli/export_fail.sh - a failed `-o` export (missing directory, a
# directory as target, full disk, read-only file system) exits 73, names the
# path and the reason, leaves the old file as it was and no temporary file.
#
# The full-disk and read-only cases mount a small tmpfs (root only); where
# mounting is not allowed they are skipped, and the script says so.
set -eu
. tests/cli/lib.sh

MOUNTS=""
cleanup() {
	for d in $MOUNTS; do
		umount "$d" 2>/dev/null || umount -l "$d" 2>/dev/null || true
	done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

POLICY_HEADER='model,cost,accuracy,load_cost,count,share,budget,k,lambda,expected_accuracy,expected_cost,objective,status'

# export_to PATH: the CLI's policy export into PATH
export_to() {
	run solve data/uci_har.csv --budget 90 -o "$1"
}

# expect_failed_export CASE PATH REASON: exit 73, a message naming PATH and
# REASON, PATH's old content (saved in $T/saved) kept, its directory unchanged.
expect_failed_export() {
	dir=$(dirname "$2")
	ls -A "$dir" >"$T/before" 2>/dev/null || true
	export_to "$2"
	expect_status 73
	expect_err "$2: cannot write: $3"
	expect_out_empty
	if [ -f "$T/saved" ]; then
		cmp -s "$T/saved" "$2" && r=0 || r=1
		check $r "$1: the old file was changed"
	fi
	ls -A "$dir" >"$T/after" 2>/dev/null || true
	cmp -s "$T/before" "$T/after" && r=0 || r=1
	check $r "$1: the directory changed (a temporary file left?): $(tr '\n' ' ' <"$T/after")"
}

# A good export first, so the failures below are failures of the export only.
mkdir "$T/ok"
export_to "$T/ok/policy.csv"
expect_status 0
expect_line "$T/ok/policy.csv" 1 "$POLICY_HEADER"
[ "$(ls -A "$T/ok")" = "policy.csv" ] && r=0 || r=1
check $r "a good export leaves exactly one file"

# The directory does not exist.
rm -f "$T/saved"
expect_failed_export "missing directory" "$T/nodir/policy.csv" "No such file or directory"

# The target is a directory: its content stays.
mkdir -p "$T/isdir/policy.csv"
echo keep >"$T/isdir/policy.csv/keep.txt"
expect_failed_export "directory target" "$T/isdir/policy.csv" "Is a directory"
[ "$(cat "$T/isdir/policy.csv/keep.txt")" = keep ] && r=0 || r=1
check $r "directory target: its content changed"

skipped=""
mkdir "$T/full" "$T/ro"
if mount -t tmpfs -o size=64k tmpfs "$T/full" 2>"$T/mount.err"; then
	MOUNTS="$T/full"
	# Full disk: an old export, then fill every page that is left.
	sed 's/,optimal$/,an older export/' "$T/ok/policy.csv" >"$T/full/policy.csv"
	cp "$T/full/policy.csv" "$T/saved"
	dd if=/dev/zero of="$T/full/fill" bs=4096 2>/dev/null || true
	if printf x >"$T/full/probe" 2>/dev/null; then
		check 1 "full disk: could not fill the 64k tmpfs"
	fi
	rm -f "$T/full/probe"
	expect_failed_export "full disk" "$T/full/policy.csv" "No space left on device"

	# Once there is room again the same export goes through.
	rm -f "$T/full/fill"
	export_to "$T/full/policy.csv"
	expect_status 0
	cmp -s "$T/ok/policy.csv" "$T/full/policy.csv" && r=0 || r=1
	check $r "full disk: after freeing space the export should match the first one"
	[ "$(ls -A "$T/full")" = "policy.csv" ] && r=0 || r=1
	check $r "full disk: files left: $(ls -A "$T/full" | tr '\n' ' ')"
else
	skipped="full disk ($(cat "$T/mount.err"))"
fi

if mount -t tmpfs -o size=64k tmpfs "$T/ro" 2>"$T/mount.err"; then
	MOUNTS="$MOUNTS $T/ro"
	echo "old content" >"$T/ro/policy.csv"
	cp "$T/ro/policy.csv" "$T/saved"
	if mount -o remount,ro "$T/ro" 2>"$T/mount.err"; then
		expect_failed_export "read-only" "$T/ro/policy.csv" "Read-only file system"
	else
		skipped="$skipped${skipped:+, }read-only ($(cat "$T/mount.err"))"
	fi
else
	skipped="$skipped${skipped:+, }read-only ($(cat "$T/mount.err"))"
fi

if [ -n "$skipped" ]; then
	echo "$(basename "$0"): skipped, mount not possible here: $skipped"
fi
finish
