"""report_targets.py - the targets table and the whole-process section of RESULTS.md.

Every target is judged on every instance of the one run: the figure shown is
the worst instance's (the largest time, the smallest speed-up), named beside
it, so "met" means met everywhere.  A missed target names its cause: the
profile of that instance (profile.py's causes.tsv) when it was profiled, and
for the whole process the split of its time into start-up, solving and the
rest.
"""
import math
import os

import time_row_targets

MB = 1e6  # the memory target is in MB (10^6 bytes); ru_maxrss is in KiB

RESOLVE_LIMIT_S = 100e-6
SWEEP_LIMITS = ((lambda n: n <= 100, "n <= 100", 10e-3),
                (lambda n: n == 1000, "n = 1000", 100e-3))
SPEEDUP_EVERY = 20.0
GEOMEAN_NEED = {"glpsol": 100.0, "HiGHS": 300.0, "CBC": 300.0}
PEER_NAME = {"glpsol": "a glpsol process", "HiGHS": "SciPy/HiGHS", "CBC": "CBC through PuLP"}
PROCESS_NEED = 40.0
CBC_SWEEP_NEED = 100.0
RSS_LIMIT_MB = 16.0
LINEAR_SLACK = 1.25  # memory per model from 10,000 to 100,000 models vs up to 10,000
SWEEP_ID = "rand100-K1e3-l0.1K-b50"  # the core's sweep of the whole-process command


def read_causes(path):
    """profile.py's causes.tsv: {kind: (instance id, summary)}."""
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        rows = [ln.rstrip("\n").split("\t", 2) for ln in f if ln.count("\t") >= 2]
    return {kind: (iid, text) for kind, iid, text in rows}


def cause(causes, kind, where):
    """The profile's words on the instance that missed, when it is the one profiled."""
    iid, text = causes.get(kind, (None, ""))
    if iid is None:
        return "not profiled"
    if iid != where:
        return f"profile of `{iid}` (the worst by its own measure): {text}"
    return f"profile: {text}"


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
    """The rows of the targets table; a missed target's cause goes in a list below it."""

    def __init__(self, ms):
        self.ms = ms
        self.out = ["| target | measured | worst instance | met? |", "|---|---|---|---|"]
        self.missed = []

    def row(self, name, measured, where, ok, why=None):
        met = "-" if ok is None else ("yes" if ok else "**no**")
        where = f"`{where}`" if where and where != "-" else "-"
        self.out.append(f"| {name} | {measured} | {where} | {met} |")
        if ok is False and why:
            self.missed.append(f"- {name}: {why}")


def worst_of(b, timed, field, pred):
    vals = [(float(r["core"][field]), r["inst"]["id"]) for r in b.rows + b.regimes
            if timed(r) and pred(r)]
    return max(vals) if vals else (math.nan, "-")


def resolve_rows(t, b, timed, causes):
    value, where = worst_of(b, timed, "resolve_s", lambda r: r["n"] <= 100)
    slowest, swhere = worst_of(b, timed, "resolve_max_s", lambda r: r["n"] <= 100)
    over = sum(1 for r in b.rows + b.regimes if timed(r) and r["n"] <= 100
               and float(r["core"]["resolve_s"]) > RESOLVE_LIMIT_S)
    count = sum(1 for r in b.rows + b.regimes if timed(r) and r["n"] <= 100)
    t.row("re-solve after one slider step, n <= 100, any K <= 1e9, median per instance: "
          "<= 100 us", f"{us(value)} (above the limit on {over} of {count} instances)",
          where, value <= RESOLVE_LIMIT_S, cause(causes, "resolve", where))
    t.row("(for reference) slowest single re-solve, n <= 100", us(slowest), swhere, None)


def sweep_rows(t, b, timed, causes):
    for pred, what, limit in SWEEP_LIMITS:
        value, where = worst_of(b, timed, "sweep_s", lambda r, p=pred: p(r["n"]))
        t.row(f"101-level sweep, {what}, any K <= 1e9 and lambda: <= {t.ms(limit)} ms",
              f"{t.ms(value)} ms", where, value <= limit, cause(causes, "sweep", where))
    value, where = worst_of(b, timed, "sweep_s", lambda r: 100 < r["n"] < 1000)
    if not math.isnan(value):
        t.row("(no target of its own) 101-level sweep, 100 < n < 1000 (zoo n = 114, "
              "rand200, rand500)", f"{t.ms(value)} ms", where, None)
    stopped = sum(1 for r in b.rows + b.regimes + b.large
                  if timed(r) and r["core"]["sweep_note"] != "ok")
    t.row("every sweep finishes with proven optima",
          f"{stopped} sweeps stopped after 10 s or left levels unproven" if stopped
          else "all finished, every level optimal", "-", stopped == 0)
    value, where = worst_of(b, timed, "sweep_max_step_s", lambda r: r["n"] == 1000)
    t.row("(for reference) sweep n = 1000 computed progressively: slowest single level",
          f"{t.ms(value)} ms", where, None)


def speedup_rows(t, b, peers, causes):
    for peer in peers:
        sp = b.speedups(peer)
        name = PEER_NAME.get(peer, peer)
        if not sp:
            t.row(f"cold solve >= {SPEEDUP_EVERY:.0f}x faster than {name}, every instance",
                  "no finished peer solve", "-", False, f"{peer} did not run or never finished")
            continue
        low, where = min(sp)
        below = sum(1 for v, _ in sp if v < SPEEDUP_EVERY)
        t.row(f"cold solve >= {SPEEDUP_EVERY:.0f}x faster than {name}, every instance",
              f"min {low:.3g}x ({below} of {len(sp)} instances below)", where,
              low >= SPEEDUP_EVERY, cause(causes, "solve", where))
        geo = geomean([v for v, _ in sp])
        need = GEOMEAN_NEED[peer]
        t.row(f"cold solve, geometric mean over the instances: >= {need:.0f}x faster than "
              f"{name}", f"{geo:.3g}x over {len(sp)} instances", "-", geo >= need,
              cause(causes, "solve", where))


def split_process(proc, b):
    """The whole sweep process's time: start-up, the core's 101 solves, the rest."""
    total = float(proc["od_sweep_s"])
    start = float(proc.get("od_version_s", "nan"))
    core = next((float(r["core"]["sweep_s"]) for r in b.rows
                 if r["inst"]["id"] == SWEEP_ID and r["core"] is not None
                 and not r["core"]["outcome"].startswith("error")), math.nan)
    rest = total - start - core
    return (f"of its {total * 1e3:.3g} ms, start-up (`optdeploy --version`) takes "
            f"{start * 1e3:.3g} ms, the 101 solves (`{SWEEP_ID}` in the core) "
            f"{core * 1e3:.3g} ms and loading, writing and the rest {rest * 1e3:.3g} ms")


def process_rows(t, proc, b):
    if proc is None:
        for what in (f"{PROCESS_NEED:.0f}x faster than 101 glpsol processes",
                     f"{CBC_SWEEP_NEED:.0f}x faster than a PuLP/CBC sweep"):
            t.row(f"whole `optdeploy sweep` process, 100 models: >= {what}", "not measured", "-",
                  False, "process_bench.py did not run")
        t.row(f"peak RSS of `optdeploy sweep`, 1000 models, K = 1e9: <= {RSS_LIMIT_MB:.0f} MB",
              "not measured", "-", False, "process_bench.py did not run")
        return
    why = split_process(proc, b)
    ratio = float(proc["glpsol101_s"]) / float(proc["od_sweep_s"])
    t.row(f"whole `optdeploy sweep` process, {proc['sweep_n']} models, K = 1000, lambda = 100, "
          f"101 levels: >= {PROCESS_NEED:.0f}x faster than 101 glpsol processes",
          f"{ratio:.3g}x ({t.ms(proc['od_sweep_s'])} ms against "
          f"{t.ms(proc['glpsol101_s'])} ms)", proc["sweep_pool"], ratio >= PROCESS_NEED, why)
    cbc = float(proc.get("cbc_sweep_s", "nan"))
    if math.isnan(cbc):
        t.row(f"the same process: >= {CBC_SWEEP_NEED:.0f}x faster than one PuLP/CBC sweep "
              "process", "not measured", proc["sweep_pool"], False, proc.get("cbc_error", "-"))
    else:
        ratio = cbc / float(proc["od_sweep_s"])
        t.row(f"the same process: >= {CBC_SWEEP_NEED:.0f}x faster than one PuLP/CBC sweep "
              f"process (Python, `import pulp`, 101 CBC solves)",
              f"{ratio:.3g}x ({t.ms(proc['od_sweep_s'])} ms against {t.ms(cbc)} ms)",
              proc["sweep_pool"], ratio >= CBC_SWEEP_NEED, why)
    if "glpsol_version_s" in proc:
        g, o = float(proc["glpsol_version_s"]), float(proc["od_version_s"])
        t.row("(for reference) one process on this machine: `glpsol --version` / "
              "`optdeploy --version` / `/bin/true`",
              f"{t.ms(g)} / {t.ms(o)} / {t.ms(proc['true_s'])} ms "
              f"({proc['glpsol_libs']} / {proc['od_libs']} shared libraries); "
              f"a glpsol level of the sweep costs {t.ms(float(proc['glpsol101_s']) / 101)} ms",
              "-", None)
    mb = int(proc["rss_kb"]) * 1024 / MB
    t.row(f"peak RSS of `optdeploy sweep`, {proc['rss_n']} models, K = 1e9, 101 levels: "
          f"<= {RSS_LIMIT_MB:.0f} MB", f"{mb:.1f} MB ({int(proc['rss_kb']) / 1024:.1f} MiB)",
          f"{proc['rss_pool']}, lambda = {float(proc['rss_lambda']):g}",
          mb <= RSS_LIMIT_MB, "see the memory section")
    large_rows(t, proc)


def large_points(proc):
    """[(n, peak RSS KiB, seconds, exit status)] of the large pools' whole sweeps."""
    out = []
    for item in proc.get("large", "").split():
        n, rss, secs, rc = item.split(":")
        out.append((int(n), int(rss), float(secs), int(rc)))
    return sorted(out)


def large_rows(t, proc):
    pts = large_points(proc)
    base = (int(proc["sweep_n"]), int(proc["od_sweep_rss_kb"]), float(proc["od_sweep_s"]), 0)
    if not pts:
        t.row("large pools: memory per model stays constant (linear growth)", "not measured",
              "-", False, "the large pools' sweeps did not run")
        return
    if len(pts) == 1:  # BENCH_QUICK: one large pool, no second slope to compare
        n1, r1, s1, _ = pts[0]
        t.row("large pools: memory per extra model (one large pool measured)",
              f"{(r1 - base[1]) * 1024 / (n1 - base[0]):.0f} bytes per model; "
              f"{r1 / 1024:.1f} MiB at {n1:,} models, sweep {s1:.2f} s", f"rand{n1}.csv", None)
        return
    (n1, r1, s1, _), (n2, r2, s2, _) = pts[0], pts[-1]
    low = (r1 - base[1]) * 1024 / (n1 - base[0])
    high = (r2 - r1) * 1024 / (n2 - n1)
    t.row(f"large pools: peak RSS grows linearly, memory per extra model from {n1:,} to "
          f"{n2:,} models at most {LINEAR_SLACK}x that from {base[0]} to {n1:,}",
          f"{high:.0f} bytes per model ({low:.0f} below {n1:,}); {r2 / 1024:.1f} MiB at "
          f"{n2:,} models, sweep {s2:.2f} s ({s1:.3g} s at {n1:,})", f"rand{n2}.csv",
          high <= LINEAR_SLACK * max(low, 1.0),
          "memory per model grows with n: something is quadratic")


def agreement_row(t, b, peers):
    agree = {p: sum(1 for r in b.rows if r["verdicts"][p][0] == "agree") for p in peers}
    bad = sum(1 for r in b.rows + b.regimes + b.large if r["od_problem"])
    better = sum(1 for r in b.rows if any(v[0] == "BETTER" for v in r["verdicts"].values()))
    t.row("identical objectives (1e-9 relative), every policy rescored exactly from its counts",
          ", ".join(f"{p} agrees on {agree[p]}/{len(b.rows)}" for p in peers)
          + f" (the rest: peer failures, listed below); a peer found a strictly better policy "
          f"on {better}; optdeploy's own counts failed the check on {bad}", "-",
          bad == 0 and better == 0, "listed under \"Where a peer fails or disagrees\"")


def time_row_rows(t, rs, causes):
    """The targets of issue 15 again on the time-row instances of issue 16 (time_row_targets)."""
    tag = "time row"
    if not rs:
        t.row(f"{tag}: the speed targets on the time-row instances", "not measured", "-",
              False, "time_row.py or its bench_core run did not run")
        return
    ok = [r for r in rs if time_row_targets.timed(r)]
    small = [r for r in ok if r["n"] <= 100]
    value, where = max(((float(r["core"]["resolve_s"]), r["inst"]["id"]) for r in small),
                       default=(math.nan, "-"))
    over = sum(1 for r in small if float(r["core"]["resolve_s"]) > RESOLVE_LIMIT_S)
    t.row(f"{tag}: re-solve after one slider step, n <= 100, median per instance: <= 100 us",
          f"{us(value)} (above the limit on {over} of {len(small)} instances)", where,
          value <= RESOLVE_LIMIT_S, cause(causes, "resolve", where))
    for pred, what, limit in SWEEP_LIMITS:
        value, where = max(((float(r["core"]["sweep_s"]), r["inst"]["id"]) for r in ok
                            if pred(r["n"])), default=(math.nan, "-"))
        t.row(f"{tag}: 101-level sweep, {what}: <= {t.ms(limit)} ms", f"{t.ms(value)} ms",
              where, value <= limit, cause(causes, "sweep", where))
    sp = time_row_targets.speedups(rs)
    if sp:
        low, low_row = min(sp, key=lambda v: v[0])
        where = low_row["inst"]["id"]
        below = sum(1 for v, _ in sp if v < SPEEDUP_EVERY)
        t.row(f"{tag}: cold solve >= {SPEEDUP_EVERY:.0f}x faster than a glpsol process "
              f"(bench/deploy_time.mod), every instance",
              f"min {low:.3g}x ({below} of {len(sp)} instances below)", where,
              low >= SPEEDUP_EVERY, cause(causes, "solve", where))
        geo = geomean([v for v, _ in sp])
        t.row(f"{tag}: cold solve, geometric mean: >= {GEOMEAN_NEED['glpsol']:.0f}x faster "
              f"than a glpsol process", f"{geo:.3g}x over {len(sp)} instances", "-",
              geo >= GEOMEAN_NEED["glpsol"], cause(causes, "solve", where))
    else:
        t.row(f"{tag}: cold solve >= {SPEEDUP_EVERY:.0f}x faster than a glpsol process",
              "no finished glpsol solve", "-", False, "glpsol did not run on the time row")
    stopped = [r["inst"]["id"] for r in ok if r["core"]["sweep_note"] != "ok"]
    bad = [f"{r['inst']['id']} ({r['problem']})" for r in rs if r["problem"]]
    v = time_row_targets.verdicts(rs)
    t.row(f"{tag}: every answer proven, within budget and busy time (rescored from its "
          f"counts), never beaten by glpsol (1e-9 relative), every sweep finished",
          f"{len(rs) - len(bad)} of {len(rs)} instances answered and checked; glpsol agrees on "
          f"{len(v['agree'])}, is worse on {len(v['worse'])} (its tolerances), better or "
          f"otherwise on {len(v['better'])}; {len(stopped)} sweeps stopped or unproven",
          "-", not bad and not stopped and not v["better"],
          "; ".join(bad[:5] + [f"{i}: glpsol better" for i in v["better"][:5]] + stopped[:5]))


def targets(b, proc, timed, ms, peers, causes, time_rows=None, time_causes=None):
    """The targets table (issues 8, 15 and the time row of 16), then the missed ones' causes."""
    t = Table(ms)
    resolve_rows(t, b, timed, causes)
    sweep_rows(t, b, timed, causes)
    speedup_rows(t, b, peers, causes)
    process_rows(t, proc, b)
    agreement_row(t, b, peers)
    time_row_rows(t, time_rows or [], time_causes or {})
    if t.missed:
        return t.out + ["", "Causes of the missed targets:", ""] + t.missed
    return t.out + ["", "Every target is met."]


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
        cbc_line(proc, levels, ms),
        start_line(proc, ms),
        f"- Memory: `optdeploy sweep {proc['rss_pool']} --K 1000000000 --lambda L --steps 101 "
        f"--format csv` for L = 0 and 0.1 K, peak RSS from GNU time: largest "
        f"{int(proc['rss_kb']) / 1024:.1f} MiB at L = {float(proc['rss_lambda']):g} "
        f"({ms(proc['rss_seconds'])} ms, exit status {proc['rss_exit']}).",
    ] + [f"- Large pool: `optdeploy sweep rand{n}.csv --K 1000 --lambda 100 --steps 101 "
         f"--format csv`: {secs:.2f} s, peak RSS {rss / 1024:.1f} MiB "
         f"({rss * 1024 / n:.0f} bytes per model in all), exit status {rc}."
         for n, rss, secs, rc in large_points(proc)]


def cbc_line(proc, levels, ms):
    if math.isnan(float(proc.get("cbc_sweep_s", "nan"))):
        return f"- PuLP/CBC sweep: not measured ({proc.get('cbc_error', '-')})."
    return (f"- One Python process that imports PuLP and solves the same {levels} levels with "
            f"CBC (`bench/cbc_bench.py --sweep`): median {ms(proc['cbc_sweep_s'])} ms over "
            f"{proc['cbc_sweep_runs']} process(es); CBC agrees with optdeploy on "
            f"{proc['cbc_agree']} of {levels} levels, worse on {proc['cbc_worse']}, fails on "
            f"{proc['cbc_fail']}, better (an optdeploy bug) on {proc['cbc_better']}.")


def start_line(proc, ms):
    if "od_version_s" not in proc:
        return "- Start-up: not measured."
    return (f"- Start-up, medians of many processes: `optdeploy --version` "
            f"{ms(proc['od_version_s'])} ms ({proc['od_libs']} shared libraries), `glpsol "
            f"--version` {ms(proc['glpsol_version_s'])} ms ({proc['glpsol_libs']}), `/bin/true` "
            f"{ms(proc['true_s'])} ms.")
