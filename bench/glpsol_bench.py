#!/usr/bin/python3
"""glpsol_bench.py - time GLPK's glpsol on bench/deploy.mod, one process per solve.

This is how a user scripting GLPK solves the problem: write a data file, run
glpsol on the MathProg model, read the printed solution.  Each timed run is
one glpsol process (start, model translation, solve, output); the data file
is written once beforehand.  Peak RSS comes from one more, untimed run under
GNU time (`/usr/bin/time -f %M`): wait4() from this Python process would
count Python's own resident set, which Linux carries into a child's peak
across exec.

usage: glpsol_bench.py INSTANCES.tsv OUT.tsv WORKDIR [TMLIM [SECONDS_PER_INSTANCE]]
OUT.tsv columns: id status seconds reps objective claimed used peak_rss_kb note
"""
import os
import subprocess
import sys
import time

import benchlib

MODEL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "deploy.mod")
MAX_REPS = 5


def write_data(path, pool, inst):
    with open(path, "w", encoding="utf-8") as f:
        f.write("data;\nset M :=")
        for name, _, _, _ in pool:
            f.write(f" '{name}'")
        f.write(";\nparam : c p u :=\n")
        for name, c, p, u in pool:
            f.write(f"'{name}' {c!r} {p!r} {u!r}\n")
        f.write(f";\nparam K := {inst['k']};\n")
        f.write(f"param lambda := {inst['lambda']!r};\n")
        f.write(f"param budget := {inst['budget']!r};\nend;\n")


def glpsol_argv(data, tmlim):
    return ["glpsol", "-m", MODEL, "-d", data, "--tmlim", str(tmlim)]


def run_once(data, tmlim):
    """One glpsol process: (seconds, stdout and stderr text, exit status)."""
    t0 = time.perf_counter()
    proc = subprocess.run(glpsol_argv(data, tmlim), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, check=False)
    seconds = time.perf_counter() - t0
    return seconds, proc.stdout.decode("utf-8", "replace"), proc.returncode


def peak_rss_kb(data, tmlim):
    """Peak RSS (KiB) of one glpsol process under GNU time, 0 when unknown."""
    report = data + ".rss"
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report] + glpsol_argv(data, tmlim),
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    try:
        with open(report, encoding="ascii") as f:
            last = (f.read().split() or ["0"])[-1]
        os.remove(report)
    except OSError:
        return 0
    return int(last) if last.isdigit() else 0


def parse(text, pool):
    """(status, claimed objective, x list, note) from glpsol's output."""
    x = {}
    claimed = None
    for line in text.splitlines():
        if line.startswith("OBJ "):
            claimed = float(line.split()[1])
        elif line.startswith("X "):
            name, xv, _ = line[2:].rsplit(" ", 2)
            x[name] = float(xv)
    if "INTEGER OPTIMAL SOLUTION FOUND" in text and len(x) == len(pool):
        return "optimal", claimed, [x[m[0]] for m in pool], ""
    if "TIME LIMIT EXCEEDED" in text:
        return "timeout", None, None, "time limit reached"
    if "NO PRIMAL FEASIBLE" in text or "NO INTEGER FEASIBLE" in text:
        return "infeasible", None, None, "glpsol: no feasible solution"
    last = [ln for ln in text.splitlines() if ln.strip()][-1:] or ["no output"]
    return "failed", None, None, "glpsol: " + last[0].strip()


def bench(inst, pool, workdir, tmlim, per_instance):
    data = os.path.join(workdir, inst["id"] + ".dat")
    write_data(data, pool, inst)
    times = []
    secs, text, rc = run_once(data, tmlim)
    times.append(secs)
    status, claimed, x, note = parse(text, pool)
    if rc != 0 and status == "optimal":
        status, note = "failed", f"glpsol exit status {rc}"
    if status in ("optimal", "infeasible"):
        for _ in range(benchlib.reps_for(secs, per_instance, MAX_REPS)):
            times.append(run_once(data, tmlim)[0])
    rss = peak_rss_kb(data, tmlim) if status in ("optimal", "infeasible") else 0
    obj, used = None, ""
    if status == "optimal":
        obj, why = benchlib.honest(pool, inst, x)
        used = str(sum(1 for v in x if round(v) > 0))
        if obj is None:
            status = "invalid"
        note = "; ".join(s for s in (why, benchlib.claimed_vs_honest(claimed, obj)) if s)
    os.remove(data)
    return [inst["id"], status, f"{benchlib.median(times):.9f}", str(len(times)),
            "" if obj is None else repr(obj), "" if claimed is None else repr(claimed),
            used, str(rss), note or "-"]


def main(argv):
    if len(argv) < 4:
        sys.stderr.write("usage: glpsol_bench.py INSTANCES.tsv OUT.tsv WORKDIR "
                         "[TMLIM [SECONDS_PER_INSTANCE]]\n")
        return 64
    tmlim = int(argv[4]) if len(argv) > 4 else 60
    per_instance = float(argv[5]) if len(argv) > 5 else 2.0
    pools = {}
    with open(argv[2], "w", encoding="utf-8") as out:
        out.write("id\tstatus\tseconds\treps\tobjective\tclaimed\tused\tpeak_rss_kb\tnote\n")
        for inst in benchlib.load_instances(argv[1]):
            pool = pools.setdefault(inst["pool"], benchlib.load_pool(inst["pool"]))
            row = bench(inst, pool, argv[3], tmlim, per_instance)
            out.write("\t".join(row) + "\n")
            out.flush()
            print(f"glpsol {inst['id']}: {row[1]} {float(row[2]) * 1e3:.1f} ms",
                  file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
