#!/usr/bin/python3
"""instances.py - the benchmark's pools and instances, written into a work directory.

Pools: the two bundled ones (data/uci_har.csv, data/imagenet_paper.csv), the
torchvision zoo (data/torchvision_imagenet.csv, 114 weights, converted by
zoo_pool below) and random pools from gen_pool.py (fixed seeds).  The full
grid runs on the bundled pools, the zoo and the random pools of 100 and
1,000 models:
K in {10, 1000, 10^6, 10^9}, lambda in {0, 0.1 K}, and two budgets, a quarter
and half of the way from the cheapest model's cost to the most expensive.
The time-against-pool-size series adds random pools of 10 ... 500 models at
K = 1000, lambda = 0.1 K, the half-way budget, and the large pools of 10,000
and 100,000 models at the same parameters, which only optdeploy solves (the
peers take minutes there): they go to instances_large.tsv, read by
bench_core and the report, not by the peers.  The regimes between the grid's
K and above its lambda (K = 30, 100, 10^4 with lambda = 0.1 K, K and 5 K on
the 100-model pool, half-way budget) are optdeploy's alone too, in
instances_regimes.tsv: the targets hold "at every K and lambda".

With BENCH_QUICK=1 in the environment (developing the harness) the grid
shrinks to K in {1000, 10^9} and the half-way budget, and the time-against-n
series to the grid's pool sizes.

usage: instances.py WORKDIR   (writes WORKDIR/pools/*.csv, WORKDIR/instances.tsv and
                              WORKDIR/instances_large.tsv, WORKDIR/instances_regimes.tsv)
Rows of instances.tsv: id pool k lambda budget (pool paths as given to bench_core).
"""
import csv
import os
import sys

import benchlib
import gen_pool

SEED_BASE = 20240500
GRID_K = [(10, "10"), (1000, "1e3"), (10**6, "1e6"), (10**9, "1e9")]
GRID_LAMBDA = [(0.0, "0"), (0.1, "0.1K")]
GRID_BUDGET = [(0.25, "b25"), (0.5, "b50")]
SCALE_N = [10, 20, 50, 100, 200, 500, 1000]
GRID_N = (100, 1000)
LARGE_N = [10000, 100000]
REGIME_POOL = 100
REGIME_K = [(30, "30"), (100, "100"), (10**4, "1e4")]
REGIME_LAMBDA = [(0.1, "0.1K"), (1.0, "1K"), (5.0, "5K")]
SCALE_K, SCALE_LAMBDA, SCALE_BUDGET = 1000, 0.1, 0.5
ZOO_CSV = "data/torchvision_imagenet.csv"
QUICK = os.environ.get("BENCH_QUICK") == "1"
if QUICK:
    GRID_K = [(1000, "1e3"), (10**9, "1e9")]
    GRID_BUDGET = [(0.5, "b50")]
    SCALE_N = list(GRID_N)
    LARGE_N = [10000]
    REGIME_K = [(100, "100")]
    REGIME_LAMBDA = [(1.0, "1K")]


def zoo_pool(workdir):
    """The torchvision zoo as a bench pool: cost = gflops, accuracy = acc1.

    Normalised like the other pools: costs scaled so that the most accurate
    model (the cheapest of them on a tie) costs exactly 100; accuracies as
    published.  Returns the path of the written model,cost,accuracy CSV.
    """
    with open(ZOO_CSV, newline="", encoding="utf-8") as f:
        rows = [(r["model"], float(r["gflops"]), float(r["acc1"])) for r in csv.DictReader(f)]
    _, top_cost, _ = max(rows, key=lambda r: (r[2], -r[1]))
    path = os.path.join(workdir, "pools", "torchvision_imagenet.csv")
    with open(path, "w", encoding="ascii") as f:
        f.write("model,cost,accuracy\n")
        for name, gflops, acc in rows:
            f.write(f"{name},{gflops * 100.0 / top_cost!r},{acc!r}\n")
    return path


def random_pool(workdir, n):
    path = os.path.join(workdir, "pools", f"rand{n}.csv")
    with open(path, "w", encoding="ascii") as f:
        f.write("model,cost,accuracy\n")
        for name, cost, acc in gen_pool.make_pool(n, SEED_BASE + n):
            f.write(f"{name},{cost!r},{acc:.2f}\n")
    return path


def budget_at(pool, frac):
    lo = min(m[1] for m in pool)
    hi = max(m[1] for m in pool)
    return lo + frac * (hi - lo)


def rows_for(name, path, grid):
    pool = benchlib.load_pool(path)
    out = []
    for k, ktag in (GRID_K if grid else [(SCALE_K, "1e3")]):
        for lam, ltag in (GRID_LAMBDA if grid else [(SCALE_LAMBDA, "0.1K")]):
            for frac, btag in (GRID_BUDGET if grid else [(SCALE_BUDGET, "b50")]):
                iid = f"{name}-K{ktag}-l{ltag}-{btag}"
                out.append(f"{iid}\t{path}\t{k}\t{lam * k!r}\t{budget_at(pool, frac)!r}\n")
    return out


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: instances.py WORKDIR\n")
        return 64
    workdir = argv[1]
    os.makedirs(os.path.join(workdir, "pools"), exist_ok=True)
    rows = []
    for name in ("uci_har", "imagenet_paper"):
        rows += rows_for(name, f"data/{name}.csv", True)
    rows += rows_for("torchvision_imagenet", zoo_pool(workdir), True)
    for n in SCALE_N:
        rows += rows_for(f"rand{n}", random_pool(workdir, n), n in GRID_N)
    large = []
    for n in LARGE_N:
        large += rows_for(f"rand{n}", random_pool(workdir, n), False)
    path = os.path.join(workdir, "pools", f"rand{REGIME_POOL}.csv")
    pool = benchlib.load_pool(path)
    regimes = [f"rand{REGIME_POOL}-K{ktag}-l{ltag}-b50\t{path}\t{k}\t{lam * k!r}\t"
               f"{budget_at(pool, 0.5)!r}\n" for k, ktag in REGIME_K for lam, ltag in REGIME_LAMBDA]
    for name, body in (("instances.tsv", rows), ("instances_large.tsv", large),
                       ("instances_regimes.tsv", regimes)):
        with open(os.path.join(workdir, name), "w", encoding="ascii") as f:
            f.write("# id\tpool\tk\tlambda\tbudget\n")
            f.writelines(body)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
