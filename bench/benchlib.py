"""benchlib.py - shared pieces of the peer benchmarks: pools, instances, honest scoring.

The peers (glpsol, SciPy/HiGHS) report an objective computed from their own
variables, including the y_i they claim.  With the big-M link x_i <= K(1-y_i)
and integrality tolerances, a y_i "within tolerance of 1" can sit beside a
positive x_i.  So every peer answer is scored from its x alone: x rounded to
the nearest integer, a model counts as used iff its count is positive, and
the policy must serve exactly K inferences within the budget.
"""
import csv
import math
import statistics
from fractions import Fraction

REL_TOL = 1e-9  # agreement tolerance on objectives (issue 5)


def load_pool(path):
    """Return [(name, cost, accuracy, load_cost)] from an optdeploy CSV."""
    pool = []
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = csv.reader(f)
        header = [h.strip().lower() for h in next(rows)]
        col = {h: i for i, h in enumerate(header)}
        for r in rows:
            if not r or r[0].startswith("#"):
                continue
            u = float(r[col["load_cost"]]) if "load_cost" in col else 1.0
            pool.append((r[col["model"]], float(r[col["cost"]]),
                         float(r[col["accuracy"]]), u))
    return pool


def load_instances(path):
    """Rows of instances.tsv: id, pool path, K, lambda, budget."""
    out = []
    with open(path, encoding="ascii") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            iid, pool, k, lam, budget = line.split()
            out.append({"id": iid, "pool": pool, "k": int(k),
                        "lambda": float(lam), "budget": float(budget)})
    return out


def honest(pool, inst, x):
    """Score a peer's x: (objective or None, note).  None means no valid policy.

    Sums are exact (fractions of the doubles read from the CSV); the budget
    allows only the rounding noise of the product budget * K in doubles
    (2e-14 K max c, as optdeploy's own check), far below one inference.
    """
    k, lam, budget = inst["k"], inst["lambda"], inst["budget"]
    counts = [int(round(v)) for v in x]
    frac = max(abs(v - c) for v, c in zip(x, counts))
    notes = []
    if frac > 1e-6:
        notes.append(f"x off-integer by {frac:.3g}")
    total = sum(counts)
    if total != k:
        return None, "; ".join(notes + [f"rounded x serves {total}, not K={k}"])
    spend = sum(Fraction(c) * Fraction(m[1]) for c, m in zip(counts, pool))
    limit = Fraction(budget) * k
    noise = Fraction(2e-14) * k * Fraction(max(m[1] for m in pool)) + Fraction(1e-9)
    if spend > limit + noise:
        return None, "; ".join(notes + [
            f"rounded x spends {float(spend):.17g} > B={float(limit):.17g}"])
    if spend > limit:
        notes.append(f"over B by {float(spend - limit):.3g} (rounding noise)")
    obj = sum(Fraction(c) * Fraction(m[2]) for c, m in zip(counts, pool))
    obj += Fraction(lam) * sum(Fraction(m[3]) for c, m in zip(counts, pool) if c == 0)
    return float(obj), "; ".join(notes)


def claimed_vs_honest(claimed, obj):
    """A note when the peer's own objective overstates the honest one."""
    if claimed is None or obj is None:
        return ""
    if rel_diff(claimed, obj) > REL_TOL:
        return f"claimed {claimed:.17g}, honest {obj:.17g}"
    return ""


def rel_diff(a, b):
    return abs(a - b) / max(1.0, abs(a), abs(b))


def median(values):
    return statistics.median(values) if values else math.nan


def reps_for(first_seconds, per_instance_seconds, max_reps):
    """How many more runs fit in the time allowed to one instance."""
    if first_seconds <= 0:
        return max_reps - 1
    return max(0, min(max_reps - 1, int(per_instance_seconds / first_seconds) - 1))
