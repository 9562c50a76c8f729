#!/usr/bin/python3
"""highs_bench.py - time SciPy's milp (HiGHS) on the deployment problem, in one process.

This is how a Python user solves it: build the big-M model with NumPy arrays
and call scipy.optimize.milp.  The interpreter start and the imports are not
timed; each timed run builds the matrices and solves.  HiGHS is asked for a
proven optimum (mip_rel_gap = 0, like glpsol's default and optdeploy) under a
time limit.  Peak RSS is the whole Python process (interpreter and SciPy
included), read after all solves.

usage: highs_bench.py INSTANCES.tsv OUT.tsv [TIME_LIMIT [SECONDS_PER_INSTANCE]]
OUT.tsv columns: id status seconds reps objective claimed used peak_rss_kb note
"""
import resource
import sys
import time

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_matrix

import benchlib

MAX_REPS = 7


def build(pool, inst):
    """Variables [x_1..x_n, y_1..y_n]; milp minimises, so the objective is negated."""
    n, k = len(pool), inst["k"]
    c = np.array([m[1] for m in pool])
    p = np.array([m[2] for m in pool])
    u = np.array([m[3] for m in pool])
    obj = -np.concatenate([p, inst["lambda"] * u])
    rows = np.concatenate([np.zeros(n), np.ones(n), 2 + np.arange(n), 2 + np.arange(n)])
    cols = np.concatenate([np.arange(n), np.arange(n), np.arange(n), n + np.arange(n)])
    vals = np.concatenate([c, np.ones(n), np.ones(n), np.full(n, float(k))])
    a = csr_matrix((vals, (rows.astype(int), cols.astype(int))), shape=(n + 2, 2 * n))
    lb = np.concatenate([[-np.inf, k], np.full(n, -np.inf)])
    ub = np.concatenate([[inst["budget"] * k, k], np.full(n, float(k))])
    bounds = Bounds(np.zeros(2 * n), np.concatenate([np.full(n, np.inf), np.ones(n)]))
    return obj, LinearConstraint(a, lb, ub), bounds, np.ones(2 * n)


def solve_once(pool, inst, time_limit):
    t0 = time.perf_counter()
    obj, cons, bounds, integrality = build(pool, inst)
    res = milp(obj, constraints=cons, bounds=bounds, integrality=integrality,
               options={"time_limit": time_limit, "mip_rel_gap": 0.0, "presolve": True})
    return time.perf_counter() - t0, res


def classify(res):
    """scipy status: 0 optimal, 1 iteration/time limit, 2 infeasible, 3 unbounded, 4 other."""
    if res.status == 0 and res.x is not None:
        return "optimal", ""
    if res.status == 1:
        return "timeout", "HiGHS: " + res.message
    if res.status == 2:
        return "infeasible", "HiGHS: " + res.message
    return "failed", "HiGHS: " + res.message


def bench(inst, pool, time_limit, per_instance):
    secs, res = solve_once(pool, inst, time_limit)
    times = [secs]
    status, note = classify(res)
    if status in ("optimal", "infeasible"):
        for _ in range(benchlib.reps_for(secs, per_instance, MAX_REPS)):
            times.append(solve_once(pool, inst, time_limit)[0])
    obj, claimed, used = None, None, ""
    if status == "optimal":
        n = len(pool)
        claimed = -float(res.fun)
        obj, why = benchlib.honest(pool, inst, list(res.x[:n]))
        used = str(sum(1 for v in res.x[:n] if round(v) > 0))
        if obj is None:
            status = "invalid"
        note = "; ".join(s for s in (why, benchlib.claimed_vs_honest(claimed, obj)) if s)
    return [inst["id"], status, f"{benchlib.median(times):.9f}", str(len(times)),
            "" if obj is None else repr(obj), "" if claimed is None else repr(claimed),
            used, "", note or "-"]


def main(argv):
    if len(argv) < 3:
        sys.stderr.write("usage: highs_bench.py INSTANCES.tsv OUT.tsv "
                         "[TIME_LIMIT [SECONDS_PER_INSTANCE]]\n")
        return 64
    time_limit = float(argv[3]) if len(argv) > 3 else 60.0
    per_instance = float(argv[4]) if len(argv) > 4 else 2.0
    pools = {}
    rows = []
    for inst in benchlib.load_instances(argv[1]):
        pool = pools.setdefault(inst["pool"], benchlib.load_pool(inst["pool"]))
        rows.append(bench(inst, pool, time_limit, per_instance))
        print(f"highs {inst['id']}: {rows[-1][1]} {float(rows[-1][2]) * 1e3:.1f} ms",
              file=sys.stderr)
    rss = str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    with open(argv[2], "w", encoding="utf-8") as out:
        out.write("id\tstatus\tseconds\treps\tobjective\tclaimed\tused\tpeak_rss_kb\tnote\n")
        for row in rows:
            row[7] = rss
            out.write("\t".join(row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
