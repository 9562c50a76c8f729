#!/usr/bin/python3
"""time_row.py - the time-row instance set of `make bench` (issue 16).

Every instance is solved twice by whole `optdeploy solve` processes: with the
time row (a rate whose time per inference lies between the pool's fastest
and slowest latency, so the row binds; duty cycle 1, and 0.5 at K = 1e3) and
without it, and the best of REPS wall times of each is reported.  Pools: the
measured MLPerf pools (Raspberry Pi 4, Jetson Xavier: 94 models, whole-board
mJ and ms) and random pools of 100 and 1,000 models from gen_pool.py with
latencies drawn around 3 ms per unit of cost (fixed seeds).  Grid: K in {10,
1e3, 1e6, 1e9}, lambda in {0, 0.1 K}, both modes (the half-way budget; the
floor half-way between the least and the most accurate model).  Every answer
must be `optimal` or `infeasible`: a time limit or a failure is a benchmark
failure (exit status 1).

It also writes the same instances for optdeploy's core, so that bench_core
judges the speed targets of issue 15 on them (re-solve, 101-level sweep,
cold solve, as on the plain set): WORKDIR/instances_time.tsv, rows "id pool k
lambda budget rate duty" (lambda absolute, rate in inferences per second as
the CLI reads the --rate text passed here), the maximum-accuracy instances
only (bench_core's mode), and WORKDIR/time_pools.tsv, one "pool<TAB>columns..."
row per pool (the --columns map bench_core loads it with, as the CLI; the
latency column is found by its built-in name) followed by the cost, accuracy
and latency column names.

usage: time_row.py OPTDEPLOY WORKDIR OUT.md
"""
import csv
import math
import os
import random
import subprocess
import sys
import time

import gen_pool

REPS = 3
GRID_K = [(10, "10"), (1000, "1e3"), (10**6, "1e6"), (10**9, "1e9")]
GRID_LAMBDA = [(0.0, "0"), (0.1, "0.1K")]
SEED = 20261206


def random_pool(workdir, n):
    rng = random.Random(SEED + n)
    path = os.path.join(workdir, f"time_rand{n}.csv")
    with open(path, "w", encoding="ascii") as f:
        f.write("model,cost,accuracy,latency\n")
        for name, cost, acc in gen_pool.make_pool(n, SEED + n):
            f.write(f"{name},{cost!r},{acc:.2f},{max(0.5, 3 * cost * rng.uniform(0.5, 1.5)):.3f}\n")
    return path


def read_pool(path, cost, acc, lat):
    with open(path, newline="", encoding="utf-8") as f:
        return [(float(r[cost]), float(r[acc]), float(r[lat])) for r in csv.DictReader(f)]


def solve(prog, args):
    best, out = math.inf, ""
    for _ in range(REPS):
        t0 = time.perf_counter()
        p = subprocess.run([prog, "solve", *args, "--format", "csv", "--time-limit", "60"],
                           capture_output=True, text=True, check=False)
        best = min(best, time.perf_counter() - t0)
        out = p.stdout if p.returncode == 0 else p.stderr
    if "infeasible" in out:
        return best, "infeasible"
    # The status column by its header name: the CSV gains columns (busy_s, ...).
    rows = list(csv.DictReader(out.splitlines()))
    return best, (rows[0].get("status") or "failed") if rows else "failed"


def main(argv):
    if len(argv) != 4:
        sys.stderr.write("usage: time_row.py OPTDEPLOY WORKDIR OUT.md\n")
        return 64
    prog, workdir, out_md = argv[1:]
    os.makedirs(workdir, exist_ok=True)
    pools = [("rpi4", "data/mlperf_rpi4_tflite.csv", "cost=energy_mj,accuracy=top1",
              ("energy_mj", "top1", "latency_ms")),
             ("xavier", "data/mlperf_xavier_tflite.csv", "cost=energy_mj,accuracy=top1",
              ("energy_mj", "top1", "latency_ms"))]
    for n in (100, 1000):
        pools.append((f"rand{n}", random_pool(workdir, n), "cost=cost,accuracy=accuracy",
                      ("cost", "accuracy", "latency")))
    lines, bad, core_rows = [], 0, []
    with open(os.path.join(workdir, "time_pools.tsv"), "w", encoding="utf-8") as f:
        f.writelines(f"{path}\t{cols}\t" + "\t".join(keys) + "\n" for _, path, cols, keys in pools)
    for name, path, cols, keys in pools:
        models = read_pool(path, *keys)
        lo_c, hi_c = min(m[0] for m in models), max(m[0] for m in models)
        lo_p, hi_p = min(m[1] for m in models), max(m[1] for m in models)
        lo_t, hi_t = min(m[2] for m in models), max(m[2] for m in models)
        rate = 1000.0 / math.sqrt(lo_t * hi_t)  # latencies in ms
        for k, ktag in GRID_K:
            for lam, ltag in GRID_LAMBDA:
                for mode, obj in (("max", ["--budget", repr((lo_c + hi_c) / 2)]),
                                  ("min", ["--min-accuracy", repr((lo_p + hi_p) / 2)])):
                    for duty in ((1.0, 0.5) if k == 1000 else (1.0,)):
                        base = [path, "--columns", cols, "--K", str(k), "--lambda-per-k",
                                repr(lam), *obj]
                        row = ["--rate", f"{rate:.6g}/s", "--duty-cycle", repr(duty)]
                        if mode == "max":
                            core_rows.append(
                                f"time-{name}-K{ktag}-l{ltag}-d{duty:g}\t{path}\t{k}\t"
                                f"{lam * k!r}\t{obj[1]}\t{float(f'{rate:.6g}')!r}\t{duty!r}\n")
                        t_row, s_row = solve(prog, base + row)
                        t_free, s_free = solve(prog, base)
                        bad += s_row not in ("optimal", "infeasible")
                        lines.append(f"| {name} | {ktag} | {ltag} | {mode} | {duty:g} | "
                                     f"{s_row} | {t_row * 1e3:.1f} | {t_free * 1e3:.1f} |")
                        sys.stderr.write(f"time_row: {lines[-1]}\n")
    with open(os.path.join(workdir, "instances_time.tsv"), "w", encoding="utf-8") as f:
        f.write("# id\tpool\tk\tlambda\tbudget\trate\tduty\n")
        f.writelines(core_rows)
    with open(out_md, "w", encoding="utf-8") as f:
        f.write("# The time row (issue 16): whole `optdeploy solve` processes\n\n")
        f.write("Best of %d wall times per instance, with the time row (a rate whose time per "
                "inference is the geometric mean of the fastest and slowest latency) and "
                "without it; written by `make bench` (bench/time_row.py).\n\n" % REPS)
        f.write("| pool | K | lambda | mode | duty | status | with row (ms) | without (ms) |\n")
        f.write("|---|---|---|---|---|---|---|---|\n")
        f.write("\n".join(lines) + "\n")
        f.write(f"\n{len(lines)} instances, {bad} without a proven answer.\n")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
