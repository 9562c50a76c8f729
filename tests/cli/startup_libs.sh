#!/bin/sh
# tests/cli/startup_libs.sh - cairo is loaded only by the commands that draw
# (issue 15: every command used to load its 32 shared libraries, cairo's X11
# chain among them): the program is not linked with it, a solve and a sweep
# run without loading it (the dynamic loader's own record, LD_DEBUG=files),
# and `plot` loads it and still writes its figure.
set -eu
. tests/cli/lib.sh

POOL=data/imagenet_paper.csv

ldd "$OPTDEPLOY" >"$T/ldd" 2>&1 || true
grep -q 'libcairo' "$T/ldd" && r=1 || r=0
check $r "the program should not be linked with libcairo: $(grep libcairo "$T/ldd" | head -n 1)"
grep -q 'libglpk' "$T/ldd" && r=0 || r=1
check $r "ldd should list libglpk (is ldd working?): $(head -n 3 "$T/ldd" | tr '\n' ' ')"

# loaded: the dynamic loader's "file=NAME [0]; needed by" / "dynamically loaded by" lines
loads_cairo() {
	grep -q 'file=libcairo\.so' "$1"
}

CMD="LD_DEBUG=files optdeploy solve $POOL --budget 40"
LD_DEBUG=files "$OPTDEPLOY" solve "$POOL" --budget 40 >"$T/out" 2>"$T/err" && STATUS=0 || STATUS=$?
expect_status 0
loads_cairo "$T/err" && r=1 || r=0
check $r "a solve should not load libcairo"
grep -q 'file=libglpk' "$T/err" && r=0 || r=1
check $r "LD_DEBUG=files should record libglpk's loading (is the check working?)"

CMD="LD_DEBUG=files optdeploy sweep $POOL --format csv"
LD_DEBUG=files "$OPTDEPLOY" sweep "$POOL" --format csv >"$T/out" 2>"$T/err" && STATUS=0 || STATUS=$?
expect_status 0
loads_cairo "$T/err" && r=1 || r=0
check $r "a sweep should not load libcairo"

CMD="LD_DEBUG=files optdeploy plot $POOL --budget 40 -o $T/f.png"
LD_DEBUG=files "$OPTDEPLOY" plot "$POOL" --budget 40 -o "$T/f.png" >"$T/out" 2>"$T/err" &&
	STATUS=0 || STATUS=$?
expect_status 0
loads_cairo "$T/err" && r=0 || r=1
check $r "plot should load libcairo when it draws"
[ "$(od -An -c -j1 -N3 "$T/f.png" | tr -d ' ')" = "PNG" ] && r=0 || r=1
check $r "plot should write a PNG"

finish
