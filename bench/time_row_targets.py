#!/usr/bin/python3
"""time_row_targets.py - the speed targets of issue 15 on the time-row instances (issue 16).

time_row.py writes the time-row instances for optdeploy's core
(TIMEDIR/instances_time.tsv, TIMEDIR/time_pools.tsv, TIMEDIR = WORKDIR/time_row)
and run.sh times them with `bench_core --columns MAP` into
WORKDIR/core_time.tsv: cold solve, re-solve after one slider step, 101-level
sweep, with the row  sum t_i x_i <= duty K / rate  passed to the solver as the
CLI passes --rate and --duty-cycle.  This script then

  glpsol  WORKDIR TMLIM PER_INSTANCE
          times glpsol on the same instances (bench/deploy_time.mod: deploy.mod
          with the time row), one process per solve, into
          WORKDIR/glpsol_time.tsv, the cold-solve peer of the time row;
  profile WORKDIR BENCH_CORE
          runs callgrind (profile.py) on the worst re-solve, sweep and cold
          solve of the time row and writes WORKDIR/profile_time.md and
          WORKDIR/causes_time.tsv.

report_targets.py imports it for the rows of the targets table (rows()).
Every core answer is checked from its counts: K inferences, within the
budget and within the busy time (1e-9 relative, as the solver's own checks).
"""
import csv
import math
import os
import subprocess
import sys
import time
from fractions import Fraction

import benchlib
import glpsol_bench
import profile
import report

MODEL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "deploy_time.mod")
LATENCY_UNIT_S = 1e-3  # every time-row pool's latency column is in milliseconds


def time_dir(work):
    return os.path.join(work, "time_row")


def load_instances(work):
    """[inst] with the time row: benchlib's fields plus rate, duty and the pool's columns."""
    tdir = time_dir(work)
    path = os.path.join(tdir, "instances_time.tsv")
    if not os.path.exists(path):
        return []
    with open(os.path.join(tdir, "time_pools.tsv"), encoding="utf-8") as f:
        pools = {r[0]: r[1:] for r in (ln.rstrip("\n").split("\t") for ln in f) if len(r) == 5}
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            iid, pool, k, lam, budget, rate, duty = line.split()
            out.append({"id": iid, "pool": pool, "k": int(k), "lambda": float(lam),
                        "budget": float(budget), "rate": float(rate), "duty": float(duty),
                        "columns": pools[pool][0], "keys": pools[pool][1:],
                        "list": "instances_time.tsv"})
    return out


def load_pool(path, keys):
    """[(name, cost, accuracy, latency in seconds)]; keys: the three columns' names."""
    cost, acc, lat = keys
    with open(path, newline="", encoding="utf-8-sig") as f:
        return [(r["model"], float(r[cost]), float(r[acc]), float(r[lat]) * LATENCY_UNIT_S)
                for r in csv.DictReader(f)]


def check(inst, pool, core):
    """The problem with the core's answer, or "" (infeasible answers are not rescored)."""
    if core is None:
        return "not measured"
    if core["outcome"].startswith("error"):
        return core["outcome"]
    if core["outcome"] == "infeasible":
        return ""
    if core["outcome"] != "optimal":
        return f"outcome {core['outcome']}"
    x = report.counts_of(core, len(pool))
    if sum(x) != inst["k"]:
        return f"serves {sum(x)}, not K = {inst['k']}"
    spend = sum(Fraction(c) * Fraction(m[1]) for c, m in zip(x, pool))
    if spend > Fraction(inst["budget"]) * inst["k"] * (1 + Fraction(1, 10**9)):
        return f"spends {float(spend):.17g} over the budget"
    busy = sum(Fraction(c) * Fraction(m[3]) for c, m in zip(x, pool))
    cap = Fraction(inst["duty"]) * inst["k"] / Fraction(inst["rate"])
    if busy > cap * (1 + Fraction(1, 10**9)):
        return f"busy {float(busy):.6g} s over the time row's {float(cap):.6g} s"
    return ""


def rows(work):
    """[{inst, n, core, problem, glpsol}] of the time-row instances, or [] when not run."""
    insts = load_instances(work)
    core_path = os.path.join(work, "core_time.tsv")
    core = report.read_core(core_path) if os.path.exists(core_path) else {}
    peer = report.read_tsv(os.path.join(work, "glpsol_time.tsv"))
    pools, out = {}, []
    for inst in insts:
        pool = pools.setdefault(inst["pool"], load_pool(inst["pool"], inst["keys"]))
        c = core.get(inst["id"])
        out.append({"inst": inst, "n": len(pool), "core": c, "problem": check(inst, pool, c),
                    "glpsol": peer.get(inst["id"])})
    return out


def verdicts(rs):
    """{"agree", "worse", "better"}: ids by how glpsol's proven answer compares to the core's.

    "worse" is glpsol's own tolerance (its big-M links at large K), "better"
    (or another outcome) would be an optdeploy bug.
    """
    out = {"agree": [], "worse": [], "better": []}
    for r in rs:
        g = r["glpsol"]
        if not timed(r) or not g or g["status"] not in ("optimal", "infeasible"):
            continue
        if g["status"] != r["core"]["outcome"]:
            out["better"].append(r["inst"]["id"])
        elif g["status"] == "infeasible" or benchlib.rel_diff(
                float(g["objective"]), float(r["core"]["objective"])) <= benchlib.REL_TOL:
            out["agree"].append(r["inst"]["id"])
        else:
            better = float(g["objective"]) > float(r["core"]["objective"])
            out["better" if better else "worse"].append(r["inst"]["id"])
    return out


def timed(r):
    return report.timed(r) and not r["problem"]


def sweep_limit(n):
    return 10e-3 if n <= 100 else 100e-3


def worst(rs, kind):
    """The row profile.py should look at for one kind of target, or None."""
    if kind == "resolve":
        cand = [(float(r["core"]["resolve_s"]), r) for r in rs if timed(r) and r["n"] <= 100]
    elif kind == "sweep":
        cand = [(float(r["core"]["sweep_s"]) / sweep_limit(r["n"]), r) for r in rs
                if timed(r) and (r["n"] <= 100 or r["n"] == 1000)]
    else:
        cand = [(-ratio, r) for ratio, r in speedups(rs)] or \
               [(float(r["core"]["solve_s"]), r) for r in rs if timed(r)]
    return max(cand, key=lambda vr: vr[0])[1] if cand else None


def speedups(rs):
    """[(glpsol seconds / core cold-solve seconds, row)] where glpsol proved its answer."""
    return [(float(r["glpsol"]["seconds"]) / float(r["core"]["solve_s"]), r) for r in rs
            if timed(r) and r["glpsol"] and r["glpsol"]["status"] in ("optimal", "infeasible")]


def instance_table(rs, ms):
    """RESULTS.md's per-instance table of the time row: the core's figures beside glpsol's."""
    if not rs:
        return ["Not measured (time_row.py or its bench_core run did not run)."]
    out = ["Maximum accuracy, the half-way budget, the rate whose time per inference is the "
           "geometric mean of the pool's fastest and slowest latency (bench/time_row.py); "
           "milliseconds, medians.", "",
           "| instance | n | outcome | cold solve | re-solve | sweep | glpsol | speed-up |",
           "|---|---:|---|---:|---:|---:|---:|---:|"]
    for r in rs:
        c, g = r["core"], r["glpsol"]
        if not report.timed(r):
            out.append(f"| {r['inst']['id']} | {r['n']} | {r['problem']} | - | - | - | - | - |")
            continue
        peer = g is not None and g["status"] in ("optimal", "infeasible")
        glpsol = (f"{ms(g['seconds'])} | {float(g['seconds']) / float(c['solve_s']):.3g}x"
                  if peer else f"{g['status'] if g else 'not run'} | -")
        note = f" ({r['problem']})" if r["problem"] else ""
        out.append(f"| {r['inst']['id']} | {r['n']} | {c['outcome']}{note} | "
                   f"{ms(c['solve_s'])} | {ms(c['resolve_s'])} | {ms(c['sweep_s'])} | "
                   f"{glpsol} |")
    return out


def write_data(path, pool, inst):
    busy = inst["duty"] * inst["k"] / inst["rate"]
    with open(path, "w", encoding="utf-8") as f:
        f.write("data;\nset M :=" + "".join(f" '{m[0]}'" for m in pool))
        f.write(";\nparam : c p t :=\n")
        f.writelines(f"'{m[0]}' {m[1]!r} {m[2]!r} {m[3]!r}\n" for m in pool)
        f.write(f";\nparam K := {inst['k']};\nparam lambda := {inst['lambda']!r};\n"
                f"param budget := {inst['budget']!r};\nparam busy := {busy!r};\nend;\n")


def glpsol_one(inst, pool, work, tmlim, per_instance):
    data = os.path.join(time_dir(work), inst["id"] + ".dat")
    write_data(data, pool, inst)
    argv = ["glpsol", "-m", MODEL, "-d", data, "--tmlim", str(tmlim)]
    times = []
    for _ in range(glpsol_bench.MAX_REPS):
        t0 = time.perf_counter()
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
        times.append(time.perf_counter() - t0)
        status, _, x, _ = glpsol_bench.parse(p.stdout.decode("utf-8", "replace"), pool)
        if status not in ("optimal", "infeasible") or \
                len(times) > benchlib.reps_for(times[0], per_instance, glpsol_bench.MAX_REPS):
            break
    os.remove(data)
    obj = math.nan
    if status == "optimal":  # rescored from the counts alone (u_i = 1: no load_cost column)
        counts = [round(v) for v in x]
        obj = float(sum(Fraction(c) * Fraction(m[2]) for c, m in zip(counts, pool))
                    + Fraction(inst["lambda"]) * sum(1 for c in counts if c == 0))
    return status, benchlib.median(times), len(times), obj


def glpsol_main(work, tmlim, per_instance):
    pools = {}
    with open(os.path.join(work, "glpsol_time.tsv"), "w", encoding="utf-8") as out:
        out.write("id\tstatus\tseconds\treps\tobjective\n")
        for inst in load_instances(work):
            pool = pools.setdefault(inst["pool"], load_pool(inst["pool"], inst["keys"]))
            status, secs, reps, obj = glpsol_one(inst, pool, work, tmlim, per_instance)
            out.write(f"{inst['id']}\t{status}\t{secs:.9f}\t{reps}\t{obj!r}\n")
            out.flush()
            print(f"glpsol (time row) {inst['id']}: {status} {secs * 1e3:.1f} ms",
                  file=sys.stderr)
    return 0


def deepest_own(result):
    """The deepest optdeploy function holding most of the work: the cause by name."""
    total, incl, _, _ = result
    own = [f for f in incl if "/src/" in "/" + f["file"] and 2 * f["ir"] >= total
           and f["pct"] <= 100.0]
    if not own:
        return ""
    f = min(own, key=lambda g: g["ir"])
    return (f"  Most of it below `{f['func']}` ({profile.where(f)}), "
            f"{100 * f['ir'] / total:.0f}% inclusive.")


def profile_main(work, bench_core):
    rs = rows(work)
    lines, causes = [], []
    titles = {"resolve": "Worst re-solve with the time row", "sweep":
              "Worst sweep with the time row", "solve": "Worst cold solve with the time row"}
    whys = {"resolve": "the largest median re-solve at n <= 100 with the time row",
            "sweep": "the largest sweep time relative to its target with the time row",
            "solve": "the smallest cold-solve speed-up over glpsol with the time row"}
    for kind in ("resolve", "sweep", "solve"):
        row = worst(rs, kind)
        if row is None:
            continue
        secs = float(row["core"][profile.WHAT[kind][0]]) * (2 if kind == "resolve" else 1)
        reps = 1 if kind == "sweep" else \
            max(1, min(50, int(math.ceil(profile.SOLVE_NATIVE_S / max(secs, 1e-6)))))
        print(f"profile (time row): {kind} {row['inst']['id']} x{reps}", file=sys.stderr)
        result, err = profile.profile_one(bench_core, row["inst"], kind, reps, time_dir(work))
        lines += profile.section(titles[kind], row, whys[kind], kind, reps, result, err) + [""]
        if result is not None:
            causes.append(f"{kind}\t{row['inst']['id']}\t"
                          f"{profile.summary(result, reps, profile.WHAT[kind][1])}"
                          f"{deepest_own(result)}\n")
    with open(os.path.join(work, "profile_time.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines or ["No time-row instance was measured, so none was profiled."]))
        f.write("\n")
    with open(os.path.join(work, "causes_time.tsv"), "w", encoding="utf-8") as f:
        f.writelines(causes)
    return 0


def main(argv):
    if len(argv) == 5 and argv[1] == "glpsol":
        return glpsol_main(argv[2], argv[3], float(argv[4]))
    if len(argv) == 4 and argv[1] == "profile":
        return profile_main(argv[2], argv[3])
    sys.stderr.write("usage: time_row_targets.py glpsol WORKDIR TMLIM PER_INSTANCE\n"
                     "       time_row_targets.py profile WORKDIR BENCH_CORE\n")
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv))
