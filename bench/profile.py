#!/usr/bin/python3
"""profile.py - where the time goes: callgrind on the worst sweep, re-solve and cold solve.

After the timings, picks three instances from the run's own figures:
- the worst sweep: the largest 101-level sweep time relative to its target
  (10 ms at n <= 100, 100 ms above);
- the worst re-solve: the largest median re-solve at n <= 100 (target
  100 us);
- the worst cold solve: the smallest speed-up over a peer (glpsol or HiGHS)
  that finished optimal; the slowest cold solve when no peer did.
Each is run under `valgrind --tool=callgrind` in `bench_core --profile`,
counting only the solver's work (--toggle-collect on bench_profiled_work),
and the top functions by inclusive instruction share, the top ones by self
share and the self share per library are written as a Markdown section.
Instruction counts are not time (cache misses, system calls and the page
faults of allocation are not in them), but they do not depend on the load of
the machine, and the share of each function is what a profile should show.

The report names a missed target's cause from these profiles: OUT.md's
sibling causes.tsv holds one line per profile ("kind<TAB>id<TAB>summary").

usage: profile.py WORKDIR BENCH_CORE OUT.md
"""
import math
import os
import re
import subprocess
import sys

import report

TOP_INCLUSIVE = 14
TOP_SELF = 8
VALGRIND_TIMEOUT = 300
SOLVE_NATIVE_S = 0.02   # repeat a cold solve until about this much native time
LINE = re.compile(r"^\s*([\d,]+)\s+\(\s*([\d.]+)%\)\s+(.*?)(?: \[(.*)\])?$")
# The call chain above the profiled function and the profiled function itself.
WRAPPERS = re.compile(r"^(main|\(below main\)|__libc_start_main.*|__libc_start_call_main|"
                      r"0x[0-9a-f]+|bench_profiled_work.*)$")


def sweep_limit(n):
    return 10e-3 if n <= 100 else 100e-3


def worst_sweep(b):
    rows = [r for r in b.rows + b.regimes
            if report.timed(r) and (r["n"] <= 100 or r["n"] == 1000)]
    if not rows:
        return None
    return max(rows, key=lambda r: float(r["core"]["sweep_s"]) / sweep_limit(r["n"]))


def worst_resolve(b):
    rows = [r for r in b.rows + b.regimes if report.timed(r) and r["n"] <= 100]
    if not rows:
        return None
    return max(rows, key=lambda r: float(r["core"]["resolve_s"]))


def worst_solve(b):
    """(row, why): the smallest cold-solve speed-up over a peer."""
    best = None
    for peer in report.PEERS:
        for ratio, iid in b.speedups(peer):
            if best is None or ratio < best[0]:
                best = (ratio, iid, peer)
    if best is None:
        rows = [r for r in b.rows if report.timed(r)]
        if not rows:
            return None, ""
        row = max(rows, key=lambda r: float(r["core"]["solve_s"]))
        return row, "the slowest cold solve (no peer finished)"
    row = next(r for r in b.rows if r["inst"]["id"] == best[1])
    return row, f"the smallest cold-solve speed-up: {best[0]:.3g}x over {best[2]}"


def annotate(out_file, inclusive):
    argv = ["callgrind_annotate", "--threshold=100", "--auto=no",
            f"--inclusive={'yes' if inclusive else 'no'}", out_file]
    text = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    total, funcs = None, []
    for line in text.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        ir, pct, where, obj = int(m.group(1).replace(",", "")), float(m.group(2)), \
            m.group(3), m.group(4) or ""
        if where == "PROGRAM TOTALS":
            total = ir
            continue
        file, _, func = where.partition(":")
        funcs.append({"ir": ir, "pct": pct, "file": file, "func": func, "obj": obj})
    return total, merge(funcs, inclusive)


def merge(funcs, inclusive):
    """One entry per function and object.

    callgrind lists a function once per source file name its debug
    information gives (an absolute and a relative path, inlined parts; some
    without their object): the inclusive figure is the largest, the self
    figures add up.  Only unnamed functions (addresses) need their object to
    tell them apart.
    """
    out = {}
    for f in funcs:
        key = (f["func"], f["obj"] if f["func"].startswith("0x") else "")
        if key not in out:
            out[key] = dict(f)
        elif inclusive:
            if f["ir"] > out[key]["ir"]:
                out[key].update(ir=f["ir"], pct=f["pct"])
        else:
            out[key]["ir"] += f["ir"]
        if "/src/" in "/" + f["file"]:
            out[key]["file"] = f["file"]
        out[key]["obj"] = out[key]["obj"] or f["obj"]
    return sorted(out.values(), key=lambda g: -g["ir"])


COUNTED = ("glp_intopt", "glp_simplex", "glp_factorize")
NAMED = re.compile(r"^c?fn=\((\d+)\)(?: (.*))?$")


def count_calls(out_file):
    """{callee: [calls from optdeploy, calls from inside GLPK]} for COUNTED, from callgrind's file.

    Function names are compressed ("fn=(12) name" once, "fn=(12)" after);
    each "cfn=" line is followed by "calls=N" for the current "fn=" caller.
    """
    names, counts = {}, {name: [0, 0] for name in COUNTED}
    caller, callee = "", None
    with open(out_file, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = NAMED.match(line.rstrip("\n"))
            if m:
                if m.group(2):
                    names[m.group(1)] = m.group(2)
                name = names.get(m.group(1), "")
                if line.startswith("fn="):
                    caller = name
                else:
                    callee = name
            elif line.startswith("calls=") and callee in counts:
                from_glpk = caller.startswith(("glp_", "0x", "_glp_"))
                counts[callee][from_glpk] += int(line.split()[0][len("calls="):])
                callee = None
    return counts


def calls_line(counts, reps, what):
    parts = []
    for name in COUNTED:
        own, inner = counts[name]
        if own + inner == 0:
            continue
        text = f"`{name}` {(own + inner) / reps:,.0f}"
        if inner:
            text += f" ({own / reps:,.0f} from optdeploy, {inner / reps:,.0f} inside GLPK)"
        parts.append(text)
    return f"GLPK calls per {what}: " + "; ".join(parts) + "." if parts else ""


def library(obj):
    base = os.path.basename(obj)
    if base.startswith("bench_core"):
        return "optdeploy"
    if base.startswith("libglpk"):
        return "GLPK"
    if base.startswith("libc.") or base.startswith("ld-linux"):
        return "C library"
    if base.startswith("libm."):
        return "libm"
    return base or "other"


def label(f):
    func = f["func"]
    if f["file"] == "???" and func.startswith("0x"):
        return f"(no symbol: {func[:2]}{func[2:].lstrip('0')})"
    return func


def where(f):
    path = "/" + f["file"]  # absolute, or relative to where callgrind_annotate runs
    if "/src/" in path:
        return "src/" + path.rsplit("/src/", 1)[1]
    return library(f["obj"])


def profile_one(bench_core, inst, mode, reps, work):
    out_file = os.path.join(work, f"callgrind.{mode}.out")
    argv = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out_file}",
            "--toggle-collect=bench_profiled_work*", bench_core,
            *(["--columns", inst["columns"]] if inst.get("columns") else []), "--profile", mode,
            inst["pool"], os.path.join(work, inst.get("list", "instances.tsv")), inst["id"],
            str(reps)]
    try:
        res = subprocess.run(argv, capture_output=True, text=True, timeout=VALGRIND_TIMEOUT,
                             check=False)
    except subprocess.TimeoutExpired:
        return None, f"valgrind still running after {VALGRIND_TIMEOUT} s"
    if res.returncode != 0:
        tail = res.stderr.strip().splitlines()[-3:]
        return None, f"valgrind exit status {res.returncode}: {' / '.join(tail)}"
    try:
        total, incl = annotate(out_file, True)
        _, self_ = annotate(out_file, False)
    except (OSError, subprocess.CalledProcessError) as e:
        return None, f"callgrind_annotate failed: {e}"
    if not total:
        return None, "callgrind counted nothing (bench_profiled_work not found?)"
    return (total, incl, self_, count_calls(out_file)), ""


WHAT = {"sweep": ("sweep_s", "101-level sweep"), "resolve": ("resolve_s", "re-solve pair"),
        "solve": ("solve_s", "cold solve")}


def summary(result, reps, what):
    """One line for the targets table: where the instructions of one run went."""
    total, _, self_, calls = result
    libs = {}
    for f in self_:
        libs[library(f["obj"])] = libs.get(library(f["obj"]), 0) + f["ir"]
    top = sorted(libs.items(), key=lambda kv: -kv[1])[:2]
    share = ", ".join(f"{name} {100 * ir / total:.0f}%" for name, ir in top)
    f = self_[0] if self_ else None
    first = f"; top function `{label(f)}` ({where(f)}) {100 * f['ir'] / total:.0f}%" if f else ""
    return (f"{total / reps:,.0f} instructions per {what}: {share}{first}. "
            + calls_line(calls, reps, what))


def section(title, row, why, mode, reps, result, err):
    iid = row["inst"]["id"]
    field, what = WHAT[mode]
    out = [f"### {title}: `{iid}` (n = {row['n']})", "",
           f"Chosen as {why}; {what} {report.ms(row['core'][field])} ms in the timed run.  "
           f"callgrind: `bench_core --profile {mode}`, {reps} run(s), only the solver's work "
           f"counted."]
    if result is None:
        return out + ["", f"Not profiled: {err}"]
    total, incl, self_, calls = result
    out[-1] += f"  {total / reps:,.0f} instructions per {what}."
    libs = {}
    for f in self_:
        libs[library(f["obj"])] = libs.get(library(f["obj"]), 0) + f["ir"]
    share = ", ".join(f"{name} {100 * ir / total:.1f}%"
                      for name, ir in sorted(libs.items(), key=lambda kv: -kv[1])
                      if 100 * ir / total >= 0.1)
    out += ["", f"Self instructions by library: {share}.  {calls_line(calls, reps, what)}", "",
            "| inclusive | self | function | where |", "|---:|---:|---|---|"]
    selfs = {(f["func"], f["obj"]): f["ir"] for f in self_}  # merged: one object each
    shown = 0
    for f in incl:
        if shown >= TOP_INCLUSIVE or f["pct"] > 100.0 or "'" in f["func"]:
            continue
        if WRAPPERS.match(f["func"]) and library(f["obj"]) != "GLPK":
            continue
        if os.path.basename(f["file"]) == "bench_core.c":  # the harness (one_sweep, cold_solve)
            continue
        own = selfs.get((f["func"], f["obj"]), 0)
        out.append(f"| {100 * f['ir'] / total:.1f}% | {100 * own / total:.1f}% | "
                   f"`{label(f)}` | {where(f)} |")
        shown += 1
    out += ["", f"Top {TOP_SELF} by self instructions: " + "; ".join(
        f"`{label(f)}` ({where(f)}) {100 * f['ir'] / total:.1f}%"
        for f in self_[:TOP_SELF]) + "."]
    return out


GLPK_NOTE = ("GLPK's internal functions have no symbols in Debian's libglpk, so they show as "
             "addresses; `glp_intopt` is its branch and bound (everything below it, the LP "
             "re-solves at the nodes included), `glp_simplex` its simplex (called inside GLPK for "
             "the LP at each branch-and-bound node), `glp_factorize` a basis factorisation.")


def main(argv):
    if len(argv) != 4:
        sys.stderr.write("usage: profile.py WORKDIR BENCH_CORE OUT.md\n")
        return 64
    work, bench_core, out_md = argv[1:]
    b = report.Bench(work)
    lines, causes = [], []
    picks = []
    sweep_row = worst_sweep(b)
    if sweep_row is not None:
        limit = sweep_limit(sweep_row["n"])
        picks.append(("Worst sweep", sweep_row, "the largest sweep time relative to its target "
                      f"({report.ms(limit)} ms at this n)", "sweep", 1))
    resolve_row = worst_resolve(b)
    if resolve_row is not None:
        secs = 2 * float(resolve_row["core"]["resolve_s"])
        picks.append(("Worst re-solve", resolve_row, "the largest median re-solve at n <= 100",
                      "resolve", max(1, min(50, int(math.ceil(SOLVE_NATIVE_S / max(secs, 1e-6)))))))
    solve_row, why = worst_solve(b)
    if solve_row is not None:
        secs = float(solve_row["core"]["solve_s"])
        picks.append(("Worst cold solve", solve_row, why, "solve",
                      max(1, min(50, int(math.ceil(SOLVE_NATIVE_S / max(secs, 1e-6)))))))
    for title, row, why, mode, reps in picks:
        print(f"profile: {mode} {row['inst']['id']} x{reps}", file=sys.stderr)
        result, err = profile_one(bench_core, row["inst"], mode, reps, work)
        lines += section(title, row, why, mode, reps, result, err) + [""]
        if result is not None:
            causes.append(f"{mode}\t{row['inst']['id']}\t{summary(result, reps, WHAT[mode][1])}")
    if lines:
        lines += [GLPK_NOTE]
    with open(out_md, "w", encoding="utf-8") as f:
        f.write("\n".join(lines or ["No instance was measured, so nothing was profiled."]))
        f.write("\n")
    with open(os.path.join(os.path.dirname(out_md) or ".", "causes.tsv"), "w",
              encoding="utf-8") as f:
        f.writelines(c + "\n" for c in causes)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
