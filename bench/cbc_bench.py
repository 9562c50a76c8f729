#!/usr/bin/python3
"""cbc_bench.py - time CBC (COIN-OR) through PuLP on the deployment problem, in one process.

This is how a Python user solves it with PuLP: build the big-M model as
PuLP expressions and call solve() with Debian's CBC (`pulp.COIN_CMD` on
/usr/bin/cbc, from `coinor-cbc`; Debian's PuLP has no bundled binary).
PuLP writes the model to a file, runs one cbc process and reads its
solution back; all of that is the solve's cost.  The interpreter start and
`import pulp` are not timed.  CBC is asked for a proven optimum (gapRel 0,
gapAbs 0) under a time limit.

Also `--sweep POOL K LAMBDA BUDGETS.txt TMLIM`: one whole Python process
that imports PuLP and solves one level per budget in the file, printing
"budget status objective-from-counts" per level (the whole-process
comparison of process_bench.py).

usage: cbc_bench.py INSTANCES.tsv OUT.tsv [TIME_LIMIT [SECONDS_PER_INSTANCE]]
       cbc_bench.py --sweep POOL K LAMBDA BUDGETS.txt TIME_LIMIT
OUT.tsv columns: id status seconds reps objective claimed used peak_rss_kb note
"""
import resource
import sys
import time

import pulp

import benchlib

MAX_REPS = 5


def build(pool, inst):
    """The big-M model: x_i integer >= 0, y_i = 1 when model i is unused."""
    n, k = len(pool), inst["k"]
    prob = pulp.LpProblem("deploy", pulp.LpMaximize)
    x = [pulp.LpVariable(f"x{i}", lowBound=0, cat="Integer") for i in range(n)]
    y = [pulp.LpVariable(f"y{i}", cat="Binary") for i in range(n)]
    prob += (pulp.lpSum(m[2] * x[i] for i, m in enumerate(pool))
             + inst["lambda"] * pulp.lpSum(m[3] * y[i] for i, m in enumerate(pool)))
    prob += pulp.lpSum(m[1] * x[i] for i, m in enumerate(pool)) <= inst["budget"] * k, "spend"
    prob += pulp.lpSum(x) == k, "serve"
    for i in range(n):
        prob += x[i] <= k * (1 - y[i]), f"link{i}"
    return prob, x


def solver(time_limit):
    return pulp.COIN_CMD(path="/usr/bin/cbc", msg=False, gapRel=0, gapAbs=0,
                         timeLimit=time_limit)


def solve_once(pool, inst, time_limit):
    t0 = time.perf_counter()
    prob, x = build(pool, inst)
    prob.solve(solver(time_limit))
    return time.perf_counter() - t0, prob, x


def classify(prob):
    """PuLP's status and solution status: optimal only when CBC proved it."""
    if prob.status == pulp.LpStatusOptimal and prob.sol_status == pulp.LpSolutionOptimal:
        return "optimal", ""
    if prob.status == pulp.LpStatusInfeasible:
        return "infeasible", "CBC: infeasible"
    if prob.sol_status == pulp.LpSolutionIntegerFeasible or prob.status == pulp.LpStatusNotSolved:
        return "timeout", "CBC: stopped before proving optimality"
    return "failed", f"CBC: {pulp.LpStatus.get(prob.status, prob.status)}"


def counts(x):
    return [v.varValue if v.varValue is not None else 0.0 for v in x]


def bench(inst, pool, time_limit, per_instance):
    secs, prob, x = solve_once(pool, inst, time_limit)
    times = [secs]
    status, note = classify(prob)
    if status in ("optimal", "infeasible"):
        for _ in range(benchlib.reps_for(secs, per_instance, MAX_REPS)):
            times.append(solve_once(pool, inst, time_limit)[0])
    obj, claimed, used = None, None, ""
    if status == "optimal":
        xs = counts(x)
        claimed = pulp.value(prob.objective)
        obj, why = benchlib.honest(pool, inst, xs)
        used = str(sum(1 for v in xs if round(v) > 0))
        if obj is None:
            status = "invalid"
        note = "; ".join(s for s in (why, benchlib.claimed_vs_honest(claimed, obj)) if s)
    return [inst["id"], status, f"{benchlib.median(times):.9f}", str(len(times)),
            "" if obj is None else repr(obj), "" if claimed is None else repr(claimed),
            used, "", note or "-"]


def sweep_main(argv):
    """One process, one PuLP/CBC solve per budget level, as a Python user's sweep."""
    pool_path, k, lam, budgets_path, time_limit = argv
    pool = benchlib.load_pool(pool_path)
    with open(budgets_path, encoding="ascii") as f:
        budgets = [float(line) for line in f if line.strip()]
    for b in budgets:
        inst = {"k": int(k), "lambda": float(lam), "budget": b}
        _, prob, x = solve_once(pool, inst, float(time_limit))
        status, _ = classify(prob)
        obj = benchlib.honest(pool, inst, counts(x))[0] if status == "optimal" else None
        print(f"{b!r} {status} {'-' if obj is None else repr(obj)}")
    return 0


def main(argv):
    if len(argv) == 7 and argv[1] == "--sweep":
        return sweep_main(argv[2:])
    if len(argv) < 3:
        sys.stderr.write("usage: cbc_bench.py INSTANCES.tsv OUT.tsv "
                         "[TIME_LIMIT [SECONDS_PER_INSTANCE]]\n"
                         "       cbc_bench.py --sweep POOL K LAMBDA BUDGETS.txt TIME_LIMIT\n")
        return 64
    time_limit = float(argv[3]) if len(argv) > 3 else 60.0
    per_instance = float(argv[4]) if len(argv) > 4 else 2.0
    pools = {}
    rows = []
    for inst in benchlib.load_instances(argv[1]):
        pool = pools.setdefault(inst["pool"], benchlib.load_pool(inst["pool"]))
        rows.append(bench(inst, pool, time_limit, per_instance))
        print(f"cbc {inst['id']}: {rows[-1][1]} {float(rows[-1][2]) * 1e3:.1f} ms",
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
