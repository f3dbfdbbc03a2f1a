"""Benchmark: warm-engine generation of a 3840×2160 PNG, stage by stage, and cold CLI starts.

    python -m benchmarks.bench_generate [--folder DIR] [--runs N] [--size WxH] [--sampler NAME] [--cold N]

Prints the median seconds of each stage (retrieve, sample, layout, render, encode) and of the
whole call over N runs per prompt, after one warm-up run per prompt (model loaded, reference
exemplars drawn), with the median CPU-seconds of the process per call. ``--cold N`` also runs
``onbrand generate`` N times as a fresh process on a cached store and reports the median
wall time of the whole command (interpreter start, imports, store and model loading included),
timed from outside, the median peak RSS of the process and whether it imported torch; the
default inference (numpy where the model allows) and ``ONBRAND_INFERENCE=torch`` run
alternately in the same session, so the two are compared under the same load. ``--cold-only``
skips the warm runs. The cold processes keep Python's bytecode cache and onbrand's disk caches
(`ingest.cache`) in the run's own folder, filled by warm-up runs, as on an installed onbrand
used before; ``--no-bytecode-cache`` and ``--no-disk-cache`` time them without, and
``--ingested`` on a store that ``onbrand ingest`` built (with the context index).

    python -m benchmarks.bench_generate --cold 7 --cold-only
    python -m benchmarks.bench_generate --refs 4    # also with 4 reference screenshots per call

``--refs N`` runs every call three times, alternately: as is, with N reference screenshots
(1440×900 renders of the sample system's own mocks, sent as `reference_images`) read for the
first time, and with the same screenshots again (read from the per-process cache), and reports
the medians and their ratios, measured under the same load.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks import coldstart
from engine import Engine

PROMPTS = ["sales analytics dashboard", "checkout page with order summary", "admin table of orders",
           "account settings", "product listing grid", "sign in page"]


def run_child(cmd: list[str], env: dict, tmp: Path) -> tuple[float, float, bool, str]:
    """Wall seconds, peak RSS (MiB) and whether torch was imported, of one process; its stdout."""
    wall, rss, imported, stdout = coldstart.run_child(cmd, env, tmp)
    return wall, rss, "torch" in imported, stdout


def cold_runs(folder: str, runs: int, sampler: str | None, tmp: Path, bytecode: bool = True,
              ingested: bool = False, disk_cache: bool = True) -> dict[str, dict]:
    """Medians of `onbrand generate` as a fresh process (store already cached), for the default
    inference and for ``ONBRAND_INFERENCE=torch``, run alternately: wall seconds, peak RSS,
    whether torch was imported, and the command's own stage timings. With `bytecode` the
    processes keep Python's bytecode cache (`benchmarks.coldstart.child_env`); `ingested`
    builds the store with `onbrand ingest` (context index included) instead of `generate`;
    `disk_cache` False turns onbrand's disk caches off (``ONBRAND_NO_DISK_CACHE``; otherwise they
    live in the run's own folder and the warm-up runs fill them)."""
    cmd = coldstart.onbrand_cmd("generate", folder, PROMPTS[1], "--out", str(tmp / "cold.png"),
                                "--store", str(tmp / "store"), "--json", *(["--sampler", sampler] if sampler else []))
    base = coldstart.child_env(tmp, bytecode=bytecode, ONBRAND_CACHE=str(tmp / "cache"))
    if not disk_cache:
        base["ONBRAND_NO_DISK_CACHE"] = "1"
    base.pop("ONBRAND_INFERENCE", None)
    envs = {"default": base, "torch": {**base, "ONBRAND_INFERENCE": "torch"}}
    if ingested:
        coldstart.run_child(coldstart.onbrand_cmd("ingest", folder, "--store", str(tmp / "store")), base, tmp, (0, 3))
    for env in envs.values():  # builds the store once; fills the bytecode and disk caches
        run_child(cmd, env, tmp)
    rows: dict[str, list] = {k: [] for k in envs}
    for _ in range(runs):
        for name, env in envs.items():
            wall, rss, torch_imported, out = run_child(cmd, env, tmp)
            rows[name].append((wall, rss, torch_imported, json.loads(out)["timings"]))
    res = {}
    for name, r in rows.items():
        keys = r[0][3].keys()
        res[name] = {"wall_s": round(statistics.median(x[0] for x in r), 3),
                     "peak_rss_mib": round(statistics.median(x[1] for x in r)),
                     "torch_imported": any(x[2] for x in r),
                     "stages": {k: round(statistics.median(x[3][k] for x in r), 3) for k in keys}}
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folder", default=str(Path(__file__).resolve().parents[1] / "sample_design_systems" / "harbor"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--size", default="3840x2160")
    ap.add_argument("--sampler", default=None, help="student, teacher or procedural (default: generate's default)")
    ap.add_argument("--cold", type=int, default=0, metavar="N", help="also time N cold `onbrand generate` runs")
    ap.add_argument("--cold-only", action="store_true", help="only the cold runs (no warm engine)")
    ap.add_argument("--no-bytecode-cache", action="store_true",
                    help="cold runs compile every module at every start (PYTHONDONTWRITEBYTECODE as set)")
    ap.add_argument("--no-disk-cache", action="store_true", help="cold runs without onbrand's disk caches")
    ap.add_argument("--ingested", action="store_true",
                    help="cold runs on a store built by `onbrand ingest` (context index, screens matched)")
    ap.add_argument("--refs", type=int, default=0, metavar="N",
                    help="also time each call with N reference screenshots (up to 14)")
    ap.add_argument("--prompts", metavar="FILE",
                    help="time the prompts of an eval set (JSONL: prompt, device) instead of the built-in six; "
                         "desktop prompts at --size, tablet and phone ones at their device's preset size")
    a = ap.parse_args()
    w, h = (int(v) for v in a.size.split("x"))
    kw = {"sampler": a.sampler} if a.sampler else {}
    prompts, devices = PROMPTS, {}
    if a.prompts:
        from eval.suite import load_prompts

        devices = {p.prompt: p.device for p in load_prompts(Path(a.prompts))}
        prompts = list(devices)

    def sized(p: str) -> dict:  # desktop prompts at --size, the others at their device's preset
        return {"size": (w, h)} if devices.get(p, "desktop") == "desktop" else {"device": devices[p]}
    if a.cold_only:
        with tempfile.TemporaryDirectory() as tmp:
            report_cold(a.folder, max(1, a.cold), a.sampler, Path(tmp), a)
        return
    with tempfile.TemporaryDirectory() as tmp:
        engine = Engine.from_folder(a.folder, store=Path(tmp) / "store")
        refs = [engine.generate(p, size=(1440, 900), sampler="procedural").image
                for p in (prompts * 3)[: a.refs]]
        for p in prompts:  # warm-up: fonts, icons, the model, reference exemplars
            g = engine.generate(p, **sized(p), **kw)
            if refs:
                engine.generate(p, **sized(p), reference_images=refs, **kw)
        with_refs: list[float] = []
        first_refs: list[float] = []
        stages: dict[str, list[float]] = {}
        totals: list[float] = []
        cpu: list[float] = []
        for i in range(a.runs):
            for p in prompts:
                t, c = time.perf_counter(), time.process_time()
                g = engine.generate(p, seed=i, **sized(p), **kw)
                totals.append(time.perf_counter() - t)
                cpu.append(time.process_time() - c)
                for k, v in g.timings.items():
                    if k != "load":
                        stages.setdefault(k, []).append(v)
                if refs:
                    from conditioning.packing import clear_reference_cache

                    clear_reference_cache()
                    t = time.perf_counter()
                    engine.generate(p, seed=i, **sized(p), reference_images=refs, **kw)
                    first_refs.append(time.perf_counter() - t)
                    t = time.perf_counter()
                    engine.generate(p, seed=i, **sized(p), reference_images=refs, **kw)
                    with_refs.append(time.perf_counter() - t)
        what = f"{a.prompts} (desktop {w}x{h}, others at their preset size)" if a.prompts else f"{w}x{h}"
        print(f"{what}, sampler {g.sampler}, {a.runs} runs x {len(prompts)} prompts, medians:")
        for k, v in stages.items():
            print(f"  {k:<9} {statistics.median(v):.4f} s")
        print(f"  {'total':<9} {statistics.median(totals):.4f} s  (generate() end to end, PNG encoded)")
        print(f"  {'cpu':<9} {statistics.median(cpu):.4f} CPU-s per call (all threads of the process)")
        if refs:
            base = statistics.median(totals)
            for label, runs in (("read for the first time", first_refs), ("read before (cached)", with_refs)):
                m = statistics.median(runs)
                print(f"  with {len(refs)} reference images {label}: {m:.4f} s median ({m / base:.2f}× the calls "
                      "without, same run)")
        if a.cold:
            report_cold(a.folder, a.cold, a.sampler, Path(tmp) / "cold", a)


def report_cold(folder: str, runs: int, sampler: str | None, tmp: Path, a: argparse.Namespace) -> None:
    tmp.mkdir(parents=True, exist_ok=True)
    print(f"cold runs: bytecode cache {'off' if a.no_bytecode_cache else 'on'}, disk caches "
          f"{'off' if a.no_disk_cache else 'on'}, store from {'ingest' if a.ingested else 'generate'}")
    for name, res in cold_runs(folder, runs, sampler, tmp, bytecode=not a.no_bytecode_cache,
                               ingested=a.ingested, disk_cache=not a.no_disk_cache).items():
        label = "default" if name == "default" else "ONBRAND_INFERENCE=torch"
        print(f"cold `onbrand generate` 4K, {label} ({runs} runs): {res['wall_s']:.3f} s median wall, "
              f"{res['peak_rss_mib']} MiB peak RSS, torch imported: {'yes' if res['torch_imported'] else 'no'}; "
              f"stages {res['stages']}")


if __name__ == "__main__":
    main()
