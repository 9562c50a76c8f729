#!/usr/bin/python3
"""process_bench.py - whole `optdeploy sweep` processes: wall time against glpsol, peak memory.

Two measurements of the program as a user runs it, one process per call:

1. Wall time of `optdeploy sweep POOL --K 1000 --lambda 100 --steps 101
   --format csv` on the 100-model pool (start, load, 101 solves, CSV on a
   pipe), median of several runs, against 101 glpsol processes run one after
   another on bench/deploy.mod, one per budget level the sweep printed (data
   files written beforehand; median of several such runs of 101).  Every
   level of the sweep is checked like the other answers: counts rescored
   exactly (benchlib.honest) must give the printed objective, and glpsol's
   honest objective at the same level is compared with it.
   The same levels are also solved by one Python process that imports PuLP
   and calls CBC once per level (cbc_bench.py --sweep, as a Python user's
   sweep), timed whole, and its honest objectives compared level by level.
2. Peak RSS of `optdeploy sweep` on the 1,000-model pool at K = 10^9 (101
   levels, lambda 0 and 0.1 K; the larger counts), read by GNU time
   (`/usr/bin/time -f %M`, package `time`).  Not wait4() from here: Linux
   carries the parent's resident set into a child's peak across exec, so a
   child of this Python process would show Python's ~14 MB even for
   /bin/true; the small `time` process adds about 1 MB at most.

3. Start-up: `optdeploy --version` against `glpsol --version` and
   /bin/true (medians of many processes), and the shared libraries each
   loads (`ldd`): what one process costs before it solves anything, the
   floor under every whole-process ratio.
4. Large pools: `optdeploy sweep` of the 10,000- and 100,000-model pools
   (instances_large.tsv; K = 1000, lambda = 100, 101 levels, CSV to a
   pipe): wall time and peak RSS, and the memory each extra model costs.

usage: process_bench.py OPTDEPLOY INSTANCES.tsv WORKDIR OUT.tsv [TMLIM]
OUT.tsv: "key<TAB>value" rows (read by report_targets.py).  BENCH_QUICK=1
runs each measurement fewer times.
"""
import csv
import io
import math
import os
import shutil
import subprocess
import sys
import time

import benchlib
import glpsol_bench

QUICK = os.environ.get("BENCH_QUICK") == "1"
OD_RUNS = 3 if QUICK else 11
GLPSOL_RUNS = 1 if QUICK else 5
CBC_RUNS = 1 if QUICK else 3
START_RUNS = 11 if QUICK else 41
CBC_SWEEP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cbc_bench.py")
SWEEP_POOL = "rand100.csv"
SWEEP_K, SWEEP_LAMBDA, STEPS = 1000, 100.0, 101
RSS_POOL = "rand1000.csv"
RSS_K = 10**9


def pool_path(instances, name):
    """The work directory's path of a pool, as instances.tsv names it."""
    for inst in instances:
        if os.path.basename(inst["pool"]) == name:
            return inst["pool"]
    raise SystemExit(f"process_bench.py: no pool {name} in the instances")


def run_timed(argv):
    """(seconds, exit status, stdout, stderr) of one process, its output read from pipes."""
    t0 = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, check=False)
    seconds = time.perf_counter() - t0
    return (seconds, proc.returncode, proc.stdout.decode("utf-8", "replace"),
            proc.stderr.decode("utf-8", "replace"))


def peak_rss_kb(argv, workdir):
    """(peak RSS in KiB, exit status, seconds) of one run under GNU time."""
    report = os.path.join(workdir, "time-rss.txt")
    seconds, rc, _, err = run_timed(["/usr/bin/time", "-f", "%M", "-o", report] + argv)
    with open(report, encoding="ascii") as f:
        lines = [ln for ln in f.read().splitlines() if ln.strip()]
    os.remove(report)
    if not lines or not lines[-1].strip().isdigit():
        raise SystemExit(f"process_bench.py: /usr/bin/time gave no peak RSS for "
                         f"{' '.join(argv)}: {err.strip()}")
    return int(lines[-1]), rc, seconds


def sweep_argv(prog, pool, k, lam):
    lam_text = str(int(lam)) if float(lam).is_integer() else repr(lam)
    return [prog, "sweep", pool, "--K", str(k), "--lambda", lam_text,
            "--steps", str(STEPS), "--format", "csv"]


def parse_sweep(text, pool):
    """[(budget text, status, objective, counts)] per level, in printed order."""
    index = {m[0]: i for i, m in enumerate(pool)}
    levels, by_budget = [], {}
    for row in csv.DictReader(io.StringIO(text)):
        b = row["budget"]
        if b not in by_budget:
            by_budget[b] = {"budget": b, "status": row["status"], "counts": [0] * len(pool),
                            "objective": row["objective"]}
            levels.append(by_budget[b])
        by_budget[b]["counts"][index[row["model"]]] = int(row["count"])
    return levels


def check_levels(levels, pool, k, lam):
    """(optimal levels, levels whose counts rescore to the printed objective, problems)."""
    optimal, exact, problems = 0, 0, []
    for lv in levels:
        if lv["status"] != "optimal":
            problems.append(f"budget {lv['budget']}: {lv['status']}")
            continue
        optimal += 1
        inst = {"k": k, "lambda": lam, "budget": float(lv["budget"])}
        obj, why = benchlib.honest(pool, inst, lv["counts"])
        if obj is None:
            problems.append(f"budget {lv['budget']}: counts invalid: {why}")
        elif benchlib.rel_diff(obj, float(lv["objective"])) > benchlib.REL_TOL:
            problems.append(f"budget {lv['budget']}: printed {lv['objective']}, "
                            f"counts give {obj!r}")
        else:
            exact += 1
        lv["honest"] = obj
    return optimal, exact, problems


def glpsol_levels(levels, pool, workdir, tmlim):
    """Median wall time of 101 glpsol processes, and how their answers compare."""
    datas = []
    for j, lv in enumerate(levels):
        inst = {"id": f"sweep{j}", "k": SWEEP_K, "lambda": SWEEP_LAMBDA,
                "budget": float(lv["budget"])}
        path = os.path.join(workdir, f"sweep-level-{j:03d}.dat")
        glpsol_bench.write_data(path, pool, inst)
        datas.append((path, inst))
    totals, verdicts = [], {"agree": 0, "worse": 0, "BETTER": 0, "fail": 0}
    notes = []
    for r in range(GLPSOL_RUNS):
        total = 0.0
        for (path, inst), lv in zip(datas, levels):
            secs, text, rc = glpsol_bench.run_once(path, tmlim)
            total += secs
            if r == 0:
                verdict, note = glpsol_verdict(text, rc, pool, inst, lv.get("honest"))
                verdicts[verdict] += 1
                if verdict != "agree" and len(notes) < 5:
                    notes.append(f"budget {lv['budget']}: glpsol {verdict}: {note}")
        totals.append(total)
    for path, _ in datas:
        os.remove(path)
    return totals, verdicts, notes


def glpsol_verdict(text, rc, pool, inst, od_obj):
    status, _, x, note = glpsol_bench.parse(text, pool)
    if status != "optimal" or rc != 0:
        return "fail", note or f"exit status {rc}"
    obj, why = benchlib.honest(pool, inst, x)
    if obj is None:
        return "fail", why
    if od_obj is None:
        return "BETTER", f"honest {obj!r} where optdeploy has none"
    d = (obj - od_obj) / max(1.0, abs(obj), abs(od_obj))
    if d > 1e-13:
        return "BETTER", f"honest {obj!r} vs optdeploy {od_obj!r}"
    if abs(d) <= benchlib.REL_TOL:
        return "agree", ""
    return "worse", f"honest {obj!r} vs optdeploy {od_obj!r}"


def cbc_sweep(levels, pool_path, workdir, tmlim):
    """Median wall time of the whole PuLP/CBC sweep process, and how its levels compare."""
    budgets = os.path.join(workdir, "sweep-budgets.txt")
    with open(budgets, "w", encoding="ascii") as f:
        f.writelines(f"{float(lv['budget'])!r}\n" for lv in levels)
    argv = [sys.executable, CBC_SWEEP, "--sweep", pool_path, str(SWEEP_K), repr(SWEEP_LAMBDA),
            budgets, str(tmlim)]
    totals, verdicts, first = [], {"agree": 0, "worse": 0, "BETTER": 0, "fail": 0}, None
    for _ in range(CBC_RUNS):
        secs, rc, text, err = run_timed(argv)
        if rc != 0:
            os.remove(budgets)
            return None, verdicts, f"cbc_bench.py --sweep: exit status {rc}: {err.strip()[-200:]}"
        totals.append(secs)
        first = first or text
    os.remove(budgets)
    for line, lv in zip(first.splitlines(), levels):
        _, status, obj = line.split()
        od = lv.get("honest")
        if status != "optimal" or obj == "-" or od is None:
            verdicts["fail"] += 1
            continue
        d = (float(obj) - od) / max(1.0, abs(float(obj)), abs(od))
        verdicts["BETTER" if d > 1e-13 else "agree" if abs(d) <= benchlib.REL_TOL
                 else "worse"] += 1
    return benchlib.median(totals), verdicts, ""


def sweep_timing(prog, instances, workdir, tmlim, out):
    path = pool_path(instances, SWEEP_POOL)
    pool = benchlib.load_pool(path)
    argv = sweep_argv(prog, path, SWEEP_K, SWEEP_LAMBDA)
    times = []
    first = None
    for _ in range(OD_RUNS):
        secs, rc, text, err = run_timed(argv)
        if rc not in (0, 1):  # 1: a level infeasible or at the time limit, checked below
            raise SystemExit(f"process_bench.py: {' '.join(argv)}: exit status {rc}: "
                             f"{err.strip()}")
        times.append(secs)
        first = first or text
    rss = peak_rss_kb(argv, workdir)[0]
    levels = parse_sweep(first, pool)
    optimal, exact, problems = check_levels(levels, pool, SWEEP_K, SWEEP_LAMBDA)
    print(f"process: optdeploy sweep {SWEEP_POOL}: {benchlib.median(times) * 1e3:.1f} ms "
          f"({len(levels)} levels)", file=sys.stderr)
    totals, verdicts, notes = glpsol_levels(levels, pool, workdir, tmlim)
    print(f"process: {len(levels)} glpsol processes: {benchlib.median(totals) * 1e3:.0f} ms",
          file=sys.stderr)
    cbc_s, cbc_v, cbc_err = cbc_sweep(levels, path, workdir, tmlim)
    print(f"process: CBC sweep of {len(levels)} levels: "
          f"{'failed' if cbc_s is None else f'{cbc_s * 1e3:.0f} ms'}", file=sys.stderr)
    out.update({
        "cbc_sweep_s": math.nan if cbc_s is None else cbc_s, "cbc_sweep_runs": CBC_RUNS,
        "cbc_agree": cbc_v["agree"], "cbc_worse": cbc_v["worse"],
        "cbc_better": cbc_v["BETTER"], "cbc_fail": cbc_v["fail"], "cbc_error": cbc_err or "-",
    })
    out.update({
        "sweep_pool": os.path.basename(path), "sweep_n": len(pool),
        "sweep_cmd": " ".join(["optdeploy"] + argv[1:2] + [os.path.basename(path)] + argv[3:]),
        "od_sweep_s": benchlib.median(times), "od_sweep_runs": len(times),
        "od_sweep_min_s": min(times), "od_sweep_max_s": max(times),
        "od_sweep_rss_kb": rss, "levels": len(levels), "levels_optimal": optimal,
        "levels_exact": exact, "od_problems": " | ".join(problems[:5]) or "-",
        "glpsol101_s": benchlib.median(totals), "glpsol101_runs": len(totals),
        "glpsol_agree": verdicts["agree"], "glpsol_worse": verdicts["worse"],
        "glpsol_better": verdicts["BETTER"], "glpsol_fail": verdicts["fail"],
        "glpsol_notes": " | ".join(notes) or "-",
    })


def rss_sweeps(prog, instances, workdir, out):
    path = pool_path(instances, RSS_POOL)
    worst = (0, None, 0.0, 0)  # rss, lambda, seconds, exit status
    for lam in (0.0, 0.1 * RSS_K):
        argv = sweep_argv(prog, path, RSS_K, lam)
        rss, rc, secs = peak_rss_kb(argv, workdir)
        if rc not in (0, 1):
            raise SystemExit(f"process_bench.py: {' '.join(argv)}: exit status {rc}")
        print(f"process: optdeploy sweep {RSS_POOL} K=1e9 lambda={lam:g}: "
              f"{rss / 1024:.1f} MiB, {secs * 1e3:.0f} ms", file=sys.stderr)
        if rss >= worst[0]:
            worst = (rss, lam, secs, rc)
    out.update({"rss_pool": os.path.basename(path), "rss_n": len(benchlib.load_pool(path)),
                "rss_kb": worst[0], "rss_lambda": worst[1], "rss_seconds": worst[2],
                "rss_exit": worst[3]})


def startup(prog, out):
    """Median wall time of `--version` processes, and the shared libraries each loads."""
    def median_of(argv):
        return benchlib.median([run_timed(argv)[0] for _ in range(START_RUNS)])

    def libraries(path):
        res = subprocess.run(["ldd", path], capture_output=True, text=True, check=False)
        return sum(1 for ln in res.stdout.splitlines() if "=>" in ln or ln.strip().startswith("/"))

    glpsol = shutil.which("glpsol") or "glpsol"
    out.update({"od_version_s": median_of([prog, "--version"]),
                "glpsol_version_s": median_of([glpsol, "--version"]),
                "true_s": median_of(["/bin/true"]),
                "od_libs": libraries(prog), "glpsol_libs": libraries(glpsol)})
    print(f"process: start-up: optdeploy --version {out['od_version_s'] * 1e3:.2f} ms, "
          f"glpsol --version {out['glpsol_version_s'] * 1e3:.2f} ms", file=sys.stderr)


def large_sweeps(prog, inst_path, workdir, out):
    """Whole sweeps of the large pools: seconds and peak RSS, memory per extra model."""
    path = os.path.join(os.path.dirname(inst_path), "instances_large.tsv")
    if not os.path.exists(path):
        return
    done = []
    for inst in benchlib.load_instances(path):
        n = sum(1 for _ in open(inst["pool"], encoding="ascii")) - 1
        rss, rc, secs = peak_rss_kb(sweep_argv(prog, inst["pool"], inst["k"], inst["lambda"]),
                                    workdir)
        print(f"process: optdeploy sweep {os.path.basename(inst['pool'])}: {secs:.2f} s, "
              f"{rss / 1024:.1f} MiB (exit status {rc})", file=sys.stderr)
        done.append((n, rss, secs, rc))
    out["large"] = " ".join(f"{n}:{rss}:{secs!r}:{rc}" for n, rss, secs, rc in done)


def main(argv):
    if len(argv) < 5:
        sys.stderr.write("usage: process_bench.py OPTDEPLOY INSTANCES.tsv WORKDIR OUT.tsv "
                         "[TMLIM]\n")
        return 64
    prog, inst_path, workdir, out_path = argv[1:5]
    tmlim = int(argv[5]) if len(argv) > 5 else 60
    instances = benchlib.load_instances(inst_path)
    out = {}
    startup(os.path.abspath(prog), out)
    sweep_timing(os.path.abspath(prog), instances, workdir, tmlim, out)
    rss_sweeps(os.path.abspath(prog), instances, workdir, out)
    large_sweeps(os.path.abspath(prog), inst_path, workdir, out)
    with open(out_path, "w", encoding="utf-8") as f:
        for key, value in out.items():
            f.write(f"{key}\t{value!r}\n" if isinstance(value, float) else f"{key}\t{value}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
