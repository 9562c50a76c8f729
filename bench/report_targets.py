"""report_targets.py - the "Targets (issue 8)" table and the whole-process section of RESULTS.md.

Every target is judged on every instance of the one run: the figure shown is
the worst instance's (the largest time, the smallest speed-up), named beside
it, so "met" means met everywhere.
"""
import math
import os

MB = 1e6  # the memory target is in MB (10^6 bytes); ru_maxrss is in KiB

RESOLVE_LIMIT_S = 100e-6
SWEEP_LIMITS = ((lambda n: n <= 100, "n <= 100", 10e-3),
                (lambda n: n == 1000, "n = 1000", 100e-3))
SPEEDUP_EVERY = 20.0
GEOMEAN_NEED = {"HiGHS": 300.0, "glpsol": 50.0}
PROCESS_NEED = 40.0
RSS_LIMIT_MB = 16.0


def read_process(path):
    """process_bench.py's "key<TAB>value" rows, or None when it did not run."""
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return dict(line.rstrip("\n").split("\t", 1) for line in f if "\t" in line)


def geomean(values):
    return math.exp(sum(math.log(v) for v in values) / len(values))


def us(seconds):
    v = float(seconds) * 1e6
    return "-" if math.isnan(v) else f"{v:.3g} us" if v < 1000 else f"{v / 1e3:.3g} ms"


class Table:
    """The rows of the targets table."""

    def __init__(self, ms):
        self.ms = ms
        self.out = ["| target | measured | worst instance | met? |", "|---|---|---|---|"]

    def row(self, name, measured, where, ok):
        met = "-" if ok is None else ("yes" if ok else "**no**")
        where = f"`{where}`" if where and where != "-" else "-"
        self.out.append(f"| {name} | {measured} | {where} | {met} |")


def worst_of(b, timed, field, pred):
    vals = [(float(r["core"][field]), r["inst"]["id"]) for r in b.rows
            if timed(r) and pred(r)]
    return max(vals) if vals else (math.nan, "-")


def resolve_rows(t, b, timed):
    value, where = worst_of(b, timed, "resolve_s", lambda r: r["n"] <= 100)
    slowest, swhere = worst_of(b, timed, "resolve_max_s", lambda r: r["n"] <= 100)
    over = sum(1 for r in b.rows if timed(r) and r["n"] <= 100
               and float(r["core"]["resolve_s"]) > RESOLVE_LIMIT_S)
    count = sum(1 for r in b.rows if timed(r) and r["n"] <= 100)
    t.row("re-solve after one slider step, n <= 100, any K <= 1e9, median per instance: "
          "<= 100 us", f"{us(value)} (above the limit on {over} of {count} instances)",
          where, value <= RESOLVE_LIMIT_S)
    t.row("(for reference) slowest single re-solve, n <= 100", us(slowest), swhere, None)


def sweep_rows(t, b, timed):
    for pred, what, limit in SWEEP_LIMITS:
        value, where = worst_of(b, timed, "sweep_s", lambda r, p=pred: p(r["n"]))
        t.row(f"101-level sweep, {what}: <= {t.ms(limit)} ms", f"{t.ms(value)} ms", where,
              value <= limit)
    value, where = worst_of(b, timed, "sweep_s", lambda r: 100 < r["n"] < 1000)
    if not math.isnan(value):
        t.row("(no target of its own) 101-level sweep, 100 < n < 1000 (zoo n = 114, "
              "rand200, rand500)", f"{t.ms(value)} ms", where, None)
    stopped = sum(1 for r in b.rows if timed(r) and r["core"]["sweep_note"] != "ok")
    t.row("every sweep finishes with proven optima",
          f"{stopped} sweeps stopped after 10 s or left levels unproven" if stopped
          else "all finished, every level optimal", "-", stopped == 0)
    value, where = worst_of(b, timed, "sweep_max_step_s", lambda r: r["n"] == 1000)
    t.row("(for reference) sweep n = 1000 computed progressively: slowest single level",
          f"{t.ms(value)} ms", where, None)


def speedup_rows(t, b):
    for peer in ("HiGHS", "glpsol"):
        sp = b.speedups(peer)
        name = "SciPy/HiGHS" if peer == "HiGHS" else "a glpsol process"
        if not sp:
            t.row(f"cold solve >= {SPEEDUP_EVERY:.0f}x faster than {name}, every instance",
                  "no finished peer solve", "-", False)
            continue
        low, where = min(sp)
        below = sum(1 for v, _ in sp if v < SPEEDUP_EVERY)
        t.row(f"cold solve >= {SPEEDUP_EVERY:.0f}x faster than {name}, every instance",
              f"min {low:.3g}x ({below} of {len(sp)} instances below)", where,
              low >= SPEEDUP_EVERY)
        geo = geomean([v for v, _ in sp])
        need = GEOMEAN_NEED[peer]
        t.row(f"cold solve, geometric mean over the instances: >= {need:.0f}x faster than "
              f"{name}", f"{geo:.3g}x over {len(sp)} instances", "-", geo >= need)


def process_rows(t, proc):
    if proc is None:
        t.row(f"whole `optdeploy sweep` process, 100 models: >= {PROCESS_NEED:.0f}x faster "
              "than 101 glpsol processes", "not measured", "-", False)
        t.row(f"peak RSS of `optdeploy sweep`, 1000 models, K = 1e9: <= {RSS_LIMIT_MB:.0f} MB",
              "not measured", "-", False)
        return
    ratio = float(proc["glpsol101_s"]) / float(proc["od_sweep_s"])
    t.row(f"whole `optdeploy sweep` process, {proc['sweep_n']} models, K = 1000, lambda = 100, "
          f"101 levels: >= {PROCESS_NEED:.0f}x faster than 101 glpsol processes",
          f"{ratio:.3g}x ({t.ms(proc['od_sweep_s'])} ms against "
          f"{t.ms(proc['glpsol101_s'])} ms)", proc["sweep_pool"], ratio >= PROCESS_NEED)
    mb = int(proc["rss_kb"]) * 1024 / MB
    t.row(f"peak RSS of `optdeploy sweep`, {proc['rss_n']} models, K = 1e9, 101 levels: "
          f"<= {RSS_LIMIT_MB:.0f} MB", f"{mb:.1f} MB ({int(proc['rss_kb']) / 1024:.1f} MiB)",
          f"{proc['rss_pool']}, lambda = {float(proc['rss_lambda']):g}",
          mb <= RSS_LIMIT_MB)


def agreement_row(t, b, peers):
    agree = {p: sum(1 for r in b.rows if r["verdicts"][p][0] == "agree") for p in peers}
    bad = sum(1 for r in b.rows if r["od_problem"])
    better = sum(1 for r in b.rows if any(v[0] == "BETTER" for v in r["verdicts"].values()))
    t.row("identical objectives (1e-9 relative), every policy rescored exactly from its counts",
          f"glpsol agrees on {agree['glpsol']}/{len(b.rows)}, HiGHS on "
          f"{agree['HiGHS']}/{len(b.rows)} (the rest: peer failures, listed below); a peer "
          f"found a strictly better policy on {better}; optdeploy's own counts failed the "
          f"check on {bad}", "-", bad == 0 and better == 0)


def targets(b, proc, timed, ms, peers):
    """The targets table: issue 8's targets, then the checks kept from issue 5."""
    t = Table(ms)
    resolve_rows(t, b, timed)
    sweep_rows(t, b, timed)
    speedup_rows(t, b)
    process_rows(t, proc)
    agreement_row(t, b, peers)
    return t.out


def process_section(proc, ms):
    """What the whole-process measurement ran and how its answers checked out."""
    if proc is None:
        return ["Not measured (process_bench.py did not run)."]
    levels = int(proc["levels"])
    return [
        f"- `{proc['sweep_cmd']}`: median {ms(proc['od_sweep_s'])} ms over "
        f"{proc['od_sweep_runs']} processes (fastest {ms(proc['od_sweep_min_s'])} ms, slowest "
        f"{ms(proc['od_sweep_max_s'])} ms), peak RSS "
        f"{int(proc['od_sweep_rss_kb']) / 1024:.1f} MiB; {proc['levels_optimal']} of {levels} "
        f"levels optimal, {proc['levels_exact']} of {levels} rescored exactly from their "
        f"counts to the printed objective"
        + ("" if proc["od_problems"] == "-" else f" (problems: {proc['od_problems']})") + ".",
        f"- 101 glpsol processes, one per level printed by that sweep (same budgets, "
        f"`bench/deploy.mod`): median {ms(proc['glpsol101_s'])} ms per 101 over "
        f"{proc['glpsol101_runs']} round(s); glpsol agrees with optdeploy on "
        f"{proc['glpsol_agree']} of {levels} levels, worse on {proc['glpsol_worse']}, fails on "
        f"{proc['glpsol_fail']}, better (an optdeploy bug) on {proc['glpsol_better']}"
        + ("" if proc["glpsol_notes"] == "-" else f" ({proc['glpsol_notes']})") + ".",
        f"- Memory: `optdeploy sweep {proc['rss_pool']} --K 1000000000 --lambda L --steps 101 "
        f"--format csv` for L = 0 and 0.1 K, peak RSS from GNU time: largest "
        f"{int(proc['rss_kb']) / 1024:.1f} MiB at L = {float(proc['rss_lambda']):g} "
        f"({ms(proc['rss_seconds'])} ms, exit status {proc['rss_exit']}).",
    ]
