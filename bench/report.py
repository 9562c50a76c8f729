#!/usr/bin/python3
"""report.py - merge the benchmark measurements into bench/RESULTS.md and the time-vs-n plot.

usage: report.py WORKDIR RESULTS.md PLOT.png
WORKDIR holds instances.tsv, instances_regimes.tsv and instances_large.tsv,
core.tsv (bench_core),
glpsol.tsv, highs.tsv, cbc.tsv, process.tsv (process_bench.py), profile.md
and causes.tsv (profile.py); any but the first three may be missing (their
sections then say "not measured").

Every objective is checked, optdeploy's included: counts must serve exactly K
inferences within the budget (exact arithmetic, benchlib.honest), and the
objective is recomputed from them.  A peer's answer is compared with
optdeploy's only through that honest objective.
"""
import datetime
import math
import os
import platform
import subprocess
import sys

import benchlib
import report_targets
import time_row_targets

PEERS = ("glpsol", "HiGHS", "CBC")
PEER_FILES = {"glpsol": "glpsol.tsv", "HiGHS": "highs.tsv", "CBC": "cbc.tsv"}
SCALE_TAG = "-K1e3-l0.1K-b50"


def read_tsv(path):
    """A peer's rows by id; none when the peer did not run."""
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        return {r[0]: dict(zip(head, r))
                for r in (ln.rstrip("\n").split("\t") for ln in f) if r and r[0]}


def read_core(path):
    """bench_core rows by id; each pool's "#peak_rss_kb" line follows its rows."""
    cols = ("id outcome objective solve_s resolve_s sweep_s sweep_max_step_s solve_reps "
            "resolve_reps sweep_reps sweep_note resolve_ok used counts resolve_max_s").split()
    rows, pending = {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#peak_rss_kb"):
                for r in pending:
                    r["peak_rss_kb"] = line.split()[1]
                pending = []
            elif line.strip():
                r = dict(zip(cols, line.rstrip("\n").split("\t")))
                rows[r["id"]] = r
                pending.append(r)
    return rows


def counts_of(row, n):
    x = [0] * n
    if row["counts"] != "-":
        for item in row["counts"].split(","):
            i, c = item.split(":")
            x[int(i)] = int(c)
    return x


def check_core(inst, pool, row):
    """(objective or None, problem text) for optdeploy's own answer."""
    if row is None:
        return None, "not measured (bench_core stopped before this instance)"
    if row["outcome"] != "optimal":
        return None, f"outcome {row['outcome']}"
    obj, why = benchlib.honest(pool, inst, counts_of(row, len(pool)))
    if obj is None:
        return None, "counts invalid: " + why
    if benchlib.rel_diff(obj, float(row["objective"])) > benchlib.REL_TOL:
        return obj, f"reported objective {row['objective']} but counts give {obj!r}"
    if row["resolve_ok"] != "yes":
        _, outcome, warm = row["resolve_ok"].split(":")
        return obj, (f"a warm re-solve at this budget (after a one-step budget move) answered "
                     f"{outcome} with objective {warm}, the cold solve {row['objective']}")
    return obj, ""


def compare(od_obj, peer):
    """(verdict, text): verdict is 'agree', 'fail', 'worse' or 'BETTER' (optdeploy bug).

    Both objectives are recomputed exactly from counts, so any excess of the
    peer's over optdeploy's beyond float conversion (1e-13 relative) is a
    better policy, even inside the 1e-9 agreement band, unless the peer only
    got it by overspending within rounding noise.
    """
    if peer is None:
        return "fail", "not run"
    st = peer["status"]
    if st == "infeasible":
        return ("agree", "") if od_obj is None else ("fail", "says infeasible")
    if st != "optimal":
        return "fail", f"{st}: {peer['note']}"
    obj = float(peer["objective"])
    claimed = f"; {peer['note']}" if peer["note"] != "-" else ""
    if od_obj is None:
        return "BETTER", f"honest objective {obj!r} where optdeploy has no policy{claimed}"
    d = (obj - od_obj) / max(1.0, abs(obj), abs(od_obj))
    text = (f"honest objective {obj!r} vs optdeploy {od_obj!r} "
            f"(diff {obj - od_obj:+.6g}, rel. {d:+.2e}){claimed}")
    if d > 1e-13 and "over B" not in peer["note"]:
        return "BETTER", text
    if abs(d) <= benchlib.REL_TOL:
        return ("agree", peer["note"]) if claimed else ("agree", "")
    return ("BETTER", text) if d > 0 else ("worse", text)


def ms(seconds):
    v = float(seconds) * 1e3
    if math.isnan(v):
        return "-"
    return f"{v:.3g}" if v < 100 else f"{v:.0f}"


def cmd_line(argv):
    try:
        out = subprocess.run(argv, capture_output=True, text=True, check=False).stdout
        return out.splitlines()[0].strip() if out else "unknown"
    except OSError:
        return "unknown"


def machine():
    cpu, mem = "unknown", "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    import scipy  # pylint: disable=import-outside-toplevel
    try:
        import pulp  # pylint: disable=import-outside-toplevel
        pulp_version = pulp.__version__
    except ImportError:
        pulp_version = "missing"
    commit = cmd_line(["git", "describe", "--always", "--dirty"])
    return [
        f"- Machine: {cpu}, {os.cpu_count()} CPUs, {mem} RAM; "
        f"{platform.system()} {platform.release()}",
        f"- Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M UTC}; "
        f"optdeploy at `{commit}`",
        f"- Compiler: {cmd_line(['cc', '--version'])}; "
        f"{cmd_line(['glpsol', '--version'])}; SciPy {scipy.__version__} (HiGHS) "
        f"on Python {platform.python_version()}; "
        f"{cmd_line(['cbc', '-quit']).replace('Welcome to the ', '')} through PuLP {pulp_version}",
    ]


class Bench:
    """All measurements of one run, keyed by instance id."""

    def __init__(self, work):
        self.insts = benchlib.load_instances(os.path.join(work, "instances.tsv"))
        self.core = read_core(os.path.join(work, "core.tsv"))
        self.peer = {p: read_tsv(os.path.join(work, f)) for p, f in PEER_FILES.items()}
        self.pools = {}
        self.rows = []
        for inst in self.insts:
            inst["list"] = "instances.tsv"
            pool = self.pools.setdefault(inst["pool"], benchlib.load_pool(inst["pool"]))
            core = self.core.get(inst["id"])
            od_obj, od_problem = check_core(inst, pool, core)
            verdicts = {p: compare(od_obj, self.peer[p].get(inst["id"])) for p in PEERS}
            self.rows.append({"inst": inst, "n": len(pool), "core": core, "od_obj": od_obj,
                              "od_problem": od_problem, "verdicts": verdicts})
        # optdeploy only: the regimes off the peers' grid, the large pools
        self.regimes = self.core_only(work, "instances_regimes.tsv")
        self.large = self.core_only(work, "instances_large.tsv")

    def core_only(self, work, name):
        """Instances only optdeploy solves (no peer verdicts)."""
        path = os.path.join(work, name)
        out = []
        for inst in benchlib.load_instances(path) if os.path.exists(path) else []:
            inst["list"] = name
            pool = self.pools.setdefault(inst["pool"], benchlib.load_pool(inst["pool"]))
            core = self.core.get(inst["id"])
            od_obj, od_problem = check_core(inst, pool, core)
            out.append({"inst": inst, "n": len(pool), "core": core, "od_obj": od_obj,
                        "od_problem": od_problem, "verdicts": {}})
        return out

    def speedups(self, peer, field="solve_s", pred=lambda r: True):
        """[(peer time / optdeploy time, id)] where the peer finished optimal."""
        out = []
        for r in self.rows:
            p = self.peer[peer].get(r["inst"]["id"])
            if timed(r) and p and p["status"] == "optimal" and pred(r):
                out.append((float(p["seconds"]) / float(r["core"][field]), r["inst"]["id"]))
        return out


def timed(r):
    """True when bench_core measured the instance (no error row)."""
    return r["core"] is not None and not r["core"]["outcome"].startswith("error")


def verdict_cell(r):
    marks = []
    for p in PEERS:
        v = r["verdicts"][p][0]
        if v != "agree":
            marks.append(f"{p} {'**BETTER**' if v == 'BETTER' else v}")
    if r["od_problem"]:
        marks.append("**optdeploy check**")
    return ", ".join(marks) if marks else "all agree"


def instance_table(b):
    out = ["| instance | n | od solve | od re-solve (slowest) | od sweep (slowest level) | "
           + " | ".join(PEERS) + " | " + " | ".join(f"od/{p}" for p in PEERS)
           + " | optdeploy objective | agreement |",
           "|---|---:|---:|---:|---:|" + "---:|" * (2 * len(PEERS)) + "---:|---|"]
    for r in b.rows + b.regimes + b.large:
        c, iid = r["core"], r["inst"]["id"]
        if not timed(r):
            out.append(f"| `{iid}` | {r['n']} |" + " - |" * (4 + 2 * len(PEERS))
                       + " not measured |")
            continue
        cells = []
        ratios = []
        for p in PEERS:
            pr = b.peer[p].get(iid)
            if pr is None:
                cells.append("-")
                ratios.append("-")
                continue
            t = ms(pr["seconds"]) + ("" if pr["status"] == "optimal" else f" ({pr['status']})")
            cells.append(t)
            ratios.append(f"{float(c['solve_s']) / float(pr['seconds']):.2g}")
        obj = "-" if r["od_obj"] is None else f"{r['od_obj']:.12g}"
        agree = verdict_cell(r) if r["verdicts"] else (
            "optdeploy only" + (", **optdeploy check**" if r["od_problem"] else ""))
        out.append(f"| `{iid}` | {r['n']} | {ms(c['solve_s'])} | {ms(c['resolve_s'])} "
                   f"({ms(c.get('resolve_max_s', 'nan'))}) | "
                   f"{ms(c['sweep_s'])}{'' if c['sweep_note'] == 'ok' else ' stopped'} "
                   f"({ms(c['sweep_max_step_s'])}) | " + " | ".join(cells) + " | "
                   + " | ".join(ratios) + f" | {obj} | {agree} |")
    return out


def rss_table(b, proc):
    out = ["| pool | n | optdeploy (bench process) | glpsol (largest process) | "
           "HiGHS (whole Python process) | CBC (PuLP's Python process) |",
           "|---|---:|---:|---:|---:|---:|"]
    for path, pool in b.pools.items():
        ids = [r["inst"]["id"] for r in b.rows + b.large if r["inst"]["pool"] == path]
        od = max((int(b.core[i].get("peak_rss_kb", 0)) for i in ids if i in b.core), default=0)
        peers = [max((int(b.peer[p][i]["peak_rss_kb"] or 0) for i in ids if i in b.peer[p]),
                     default=0) for p in PEERS]
        name = os.path.basename(path)
        cells = [f"{v / 1024:.1f} MiB" if v else "-" for v in [od] + peers]
        out.append(f"| {name} | {len(pool)} | " + " | ".join(cells) + " |")
    out += ["", "The bench process of a pool holds its sweeps' 101 levels of counts (n each); "
            "the CLI's `optdeploy sweep` streams one level at a time (whole processes below)."]
    if proc is not None:
        out += ["", f"A whole `optdeploy sweep` process (101 levels, CSV to a pipe): "
                f"{int(proc['od_sweep_rss_kb']) / 1024:.1f} MiB on {proc['sweep_pool']} at "
                f"K = 1000, {int(proc['rss_kb']) / 1024:.1f} MiB on {proc['rss_pool']} at "
                f"K = 1e9 (lambda = {float(proc['rss_lambda']):g})."]
    return out


def problem_list(b):
    out = []
    for r in b.rows:
        iid = r["inst"]["id"]
        if r["od_problem"]:
            out.append(f"- `{iid}`: **optdeploy**: {r['od_problem']}")
        if timed(r) and r["core"]["sweep_note"] != "ok":
            out.append(f"- `{iid}`: **optdeploy sweep** stopped: {r['core']['sweep_note']}")
        for p in PEERS:
            v, text = r["verdicts"][p]
            if v == "BETTER":
                out.append(f"- `{iid}`: **{p} finds a better policy — optdeploy bug**: {text}")
            elif v in ("fail", "worse"):
                what = "fails" if v == "fail" else "returns a worse policy"
                out.append(f"- `{iid}`: {p} {what}: {text}")
            elif "claimed" in text:
                out.append(f"- `{iid}`: {p} agrees after honest scoring, but {text}")
    for r in b.regimes + b.large:
        if r["od_problem"]:
            out.append(f"- `{r['inst']['id']}`: **optdeploy**: {r['od_problem']}")
        if timed(r) and r["core"]["sweep_note"] != "ok":
            out.append(f"- `{r['inst']['id']}`: **optdeploy sweep** stopped: "
                       f"{r['core']['sweep_note']}")
    return out or ["- none: every peer that finished agrees with optdeploy within 1e-9."]


def scale_series(b):
    """[(n, {series: seconds})] for the time-vs-n instances."""
    out = []
    for r in b.rows + b.large:
        iid = r["inst"]["id"]
        if not (iid.startswith("rand") and iid.endswith(SCALE_TAG)) or not timed(r):
            continue
        t = {"optdeploy solve": float(r["core"]["solve_s"]),
             "optdeploy re-solve": float(r["core"]["resolve_s"]),
             "optdeploy sweep/101": float(r["core"]["sweep_s"]) / 101}
        for p in PEERS:
            pr = b.peer[p].get(iid)
            if pr and pr["status"] == "optimal":
                t[p] = float(pr["seconds"])
        out.append((r["n"], t))
    return sorted(out)


MARKS = {"optdeploy solve": "o", "optdeploy re-solve": "r", "optdeploy sweep/101": "s",
         "glpsol": "g", "HiGHS": "h", "CBC": "c"}


def time_label(decade):
    """10^decade seconds as "10 s", "100 ms", "0.01 ms"."""
    if decade >= 0:
        return f"{10 ** decade} s"
    if decade >= -3:
        return f"{10 ** (decade + 3)} ms"
    return f"{10.0 ** (decade + 3):g} ms"


def text_chart(series):
    """A log-log chart: one column block per n, rows of 1/3 decade."""
    vals = [v for _, t in series for v in t.values() if v > 0]
    if not vals:
        return ["(no data)"]
    top = 3 * math.ceil(round(math.log10(max(vals)) * 3) / 3)
    bottom = 3 * math.floor(round(math.log10(min(vals)) * 3) / 3)
    width = 8
    lines = []
    for level in range(top, bottom - 1, -1):
        label = f"{time_label(level // 3):>12} |" if level % 3 == 0 else " " * 13 + "|"
        cells = []
        for _, t in series:
            here = sorted(MARKS[k] for k, v in t.items()
                          if v > 0 and round(math.log10(v) * 3) == level)
            cells.append("".join(here).center(width))
        lines.append(label + "".join(cells))
    lines.append(" " * 13 + "+" + "-" * (width * len(series)))
    lines.append(" " * 14 + "".join(f"n={n}".center(width) for n, _ in series))
    lines.append("")
    lines.append("   " + ", ".join(f"{m} = {k}" for k, m in MARKS.items()))
    return lines


COLOURS = ("#1f77b4", "#2ca02c", "#17becf", "#d62728", "#9467bd", "#ff7f0e")


def plot(series, png, work):
    """time_vs_n.png with gnuplot, in milliseconds on log-log axes."""
    data = os.path.join(work, "scale.dat")
    keys = list(MARKS)
    with open(data, "w", encoding="ascii") as f:
        for n, t in series:
            f.write(f"{n} " + " ".join(repr(t.get(k, math.nan) * 1e3) for k in keys) + "\n")
    plots = ", ".join(f"'{data}' using 1:{i + 2} with linespoints lw 2 pt {i + 5} "
                      f"lc rgb '{COLOURS[i]}' title '{k}'" for i, k in enumerate(keys))
    script = (f"set terminal pngcairo size 900,600\nset output '{png}'\n"
              "set logscale xy\nset grid\nset key below\nset xrange [8:125000]\n"
              "set format y '%g'\nset xtics (10, 100, 1000, 10000, 100000)\n"
              "set xlabel 'models in the pool (n)'\nset ylabel 'milliseconds per solve'\n"
              "set title 'Time per solve against pool size (K = 1000, lambda = 0.1 K, "
              "budget half-way)'\n"
              f"plot {plots}\n")
    res = subprocess.run(["gnuplot"], input=script, text=True, capture_output=True, check=False)
    if res.returncode != 0:
        sys.stderr.write(f"report.py: gnuplot failed: {res.stderr}")
        return False
    return True


def scale_table(series):
    keys = list(MARKS)
    out = ["| n | " + " | ".join(f"{k} (ms)" for k in keys) + " |",
           "|---:|" + "---:|" * len(keys)]
    for n, t in series:
        out.append(f"| {n} | " + " | ".join(ms(t.get(k, math.nan)) for k in keys) + " |")
    return out


METHOD = """\
## How it is measured

One `make bench` run measures every target below on every instance, one measurement after
another on the same machine, single-threaded.  Figures from a machine busy with other work
are noisier, so compare figures from one run only.

- Instances: the bundled pools (`data/uci_har.csv`, 5 models; `data/imagenet_paper.csv`,
  9 models), the torchvision zoo (`data/torchvision_imagenet.csv`, 114 weights: cost =
  `gflops`, accuracy = `acc1`, written by `bench/instances.py` as a `model,cost,accuracy`
  pool with costs scaled so the most accurate weight costs 100, like the other pools) and
  random pools of 100 and 1,000 models (`bench/gen_pool.py`, fixed seeds: costs log-uniform
  over three decades, accuracy = 45 + 6 ln(cost) + N(0, 2.5), costs normalised so the most
  accurate model costs 100); K in {10, 10^3, 10^6, 10^9}, lambda in {0, 0.1 K}, load cost
  u = 1, budget a quarter (`b25`) or half (`b50`) of the way from the cheapest model's cost
  to the most expensive.  Instance names read `pool-K<K>-l<lambda>-b<budget>`.  Random
  pools of 10 ... 500 models at K = 1000 add the time-against-n series, and pools of
  10,000 and 100,000 models extend it (optdeploy only: the peers take minutes there).
  The regimes between and above the grid's K and lambda (K = 30, 100, 10^4 with lambda
  = 0.1 K, K, 5 K on the 100-model pool, half-way budget: `rand100-K<K>-l<lambda>-b50`)
  are optdeploy's alone too; the re-solve and sweep targets hold on them as well.
- optdeploy's core (`bench/bench_core.c`, linked with `liboptdeploy.a`, exact mode,
  CLOCK_MONOTONIC, median of 7-101 solves, 20-201 re-solves and 5-21 sweeps, as many as fit
  in about a second): **solve** = `solver_new` + `solver_run` (cold); **re-solve** = a warm
  `solver_run` after the budget moved one slider step (1/100 of the cost range) up or back
  down, the planner's case: the target is judged on each instance's median, the slowest
  single re-solve is shown beside it; **sweep** = `solver_new` + 101 `sweep_step` levels
  over the cost range (in brackets: the slowest single level, the longest the UI waits).
- glpsol (`bench/deploy.mod`, the naive big-M MathProg model, `--tmlim 60`): wall time of one
  `glpsol` process per solve (start, translation, solve, output), median of up to 5 runs.
  What one glpsol process costs on this machine before it solves anything (`glpsol
  --version`) is measured too (below): it sets every ratio against glpsol processes, so
  ratios move between machines with it.
- HiGHS (`bench/highs_bench.py`, `scipy.optimize.milp`, same big-M model, `time_limit` 60 s,
  `mip_rel_gap` 0 so it proves optimality like the others): build + solve inside one Python
  process, imports excluded, median of up to 7 runs (1 run when a solve takes seconds).
- CBC (`bench/cbc_bench.py`, Debian's `coinor-cbc` driven through `python3-pulp` as a Python
  user would: the same big-M model as PuLP expressions, `COIN_CMD` with `gapRel` and `gapAbs`
  0, `timeLimit` 60 s): build + PuLP's solve (it writes the model, runs one `cbc` process,
  reads the solution) inside one Python process, imports excluded, median of up to 5 runs.
- Speed-ups are the peer's time per solve divided by optdeploy's cold solve, over the
  instances where the peer finished with a proven optimum (a peer that timed out or failed
  is left out of the minimum and the geometric mean; those instances are listed below).
  The per-instance table shows the inverse ratio (below 1: optdeploy is faster; 0.01 =
  100x faster).
- Whole process (`bench/process_bench.py`): wall time of `optdeploy sweep POOL --K 1000
  --lambda 100 --steps 101 --format csv` on the 100-model pool (start, load, 101 solves,
  CSV read from a pipe), median of 11 processes, against 101 glpsol processes run one after
  another, one per budget level that sweep printed (median of 5 rounds of 101), and
  against one Python process that imports PuLP and solves the same 101 levels with CBC
  (`cbc_bench.py --sweep`, median of 3).  Start-up: `optdeploy --version`, `glpsol
  --version` and `/bin/true`, medians of 41 processes, and the shared libraries each
  loads (`ldd`).  Large pools: `optdeploy sweep` of the 10,000- and 100,000-model pools
  (same command), wall time and peak RSS, and the memory each extra model costs.  Peak
  memory: the largest resident set of `optdeploy sweep` on the 1,000-model pool at
  K = 10^9, 101 levels, lambda 0 and 0.1 K, in MB = 10^6 bytes.  Processes' peak RSS is
  read with GNU time (`/usr/bin/time -f %M`, one extra untimed run), never with wait4()
  from Python: Linux carries the parent's resident set into the child's peak across exec,
  so a child of Python shows about 14 MB even for `/bin/true`.
- Objectives are never taken on trust: every policy (optdeploy's too, each level of the
  whole-process sweep included) is rounded to integer counts, must serve exactly K
  inferences within B = budget x K (exact rational arithmetic, allowing only 2e-14 K max(c)
  of rounding noise), and is scored as sum p_i x_i + lambda sum of u_i over the models with
  x_i = 0.  "Agree" means within 1e-9 relative; a peer policy that beats optdeploy's by more
  than float noise is flagged as an optdeploy bug even inside that band.  optdeploy's warm
  re-solves at the instance's budget must also give the cold solve's answer.
- Profile (`bench/profile.py`): `valgrind --tool=callgrind` on `bench_core --profile` for
  the worst sweep, the worst re-solve and the worst cold solve of this run, counting only
  the solver's work; shares are of instructions executed (`callgrind_annotate`), not of
  time.  A missed target names its cause from these profiles and measurements.
"""


def read_text(path):
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return f.read().rstrip("\n").split("\n")


def main(argv):
    if len(argv) != 4:
        sys.stderr.write("usage: report.py WORKDIR RESULTS.md PLOT.png\n")
        return 64
    work, results, png = argv[1:]
    b = Bench(work)
    proc = report_targets.read_process(os.path.join(work, "process.tsv"))
    profile = read_text(os.path.join(work, "profile.md"))
    series = scale_series(b)
    have_png = plot(series, os.path.abspath(png), work)
    resolve_sp = {p: [v for v, _ in b.speedups(p, "resolve_s")] for p in PEERS}
    lines = ["# Benchmarks: optdeploy against glpsol, SciPy/HiGHS and CBC", "",
             "Written by `make bench` (`bench/run.sh`); do not edit by hand.", ""]
    if os.environ.get("BENCH_QUICK") == "1":
        lines += ["**BENCH_QUICK=1: a subset of the instances with few repetitions, for "
                  "developing the harness; these figures are not the benchmark.**", ""]
    causes = report_targets.read_causes(os.path.join(work, "causes.tsv"))
    time_causes = report_targets.read_causes(os.path.join(work, "causes_time.tsv"))
    lines += machine() + ["", METHOD, "## Targets (issues 8 and 15, and 15 on the time row of "
                          "16)", ""]
    time_rows = time_row_targets.rows(work)
    lines += report_targets.targets(b, proc, timed, ms, PEERS, causes, time_rows, time_causes)
    for p in PEERS:
        if resolve_sp[p]:
            lines.append("")
            lines.append(f"Per re-solve (the planner's case) optdeploy is at least "
                         f"{min(resolve_sp[p]):.3g}x faster than {p} per solve "
                         f"(geometric mean {report_targets.geomean(resolve_sp[p]):.3g}x).")
    lines += ["", "## Whole processes: start-up, `optdeploy sweep` against glpsol and CBC, "
              "large pools", ""]
    lines += report_targets.process_section(proc, ms)
    lines += ["", "## Where the time goes (profile)", ""]
    lines += profile or ["Not profiled (profile.py did not run)."]
    lines += [""] + (read_text(os.path.join(work, "profile_time.md")) or [
        "The time row (issue 16): not profiled (time_row_targets.py profile did not run)."])
    lines += ["", "## Where a peer fails or disagrees", ""] + problem_list(b)
    lines += ["", "## Per instance (milliseconds, medians)", ""] + instance_table(b)
    lines += ["", "## The time row (issue 16): optdeploy's core per instance", ""]
    lines += time_row_targets.instance_table(time_rows, ms)
    lines += ["", "## Peak memory (RSS)", ""] + rss_table(b, proc)
    lines += ["", "## Time against pool size (K = 1000, lambda = 0.1 K, budget half-way)", ""]
    if have_png:
        lines += [f"![time per solve against pool size]({os.path.basename(png)})", ""]
    lines += scale_table(series) + ["", "```"] + text_chart(series) + ["```", ""]
    with open(results, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
