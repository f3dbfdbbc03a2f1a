"""Ingest benchmark: cold ingest, unchanged re-ingest and one-file-changed re-ingest.

    python -m benchmarks.bench_ingest [--runs 5] [--json] [FOLDER ...]

Defaults to every bundled sample system. Each folder is copied to a temporary directory so
the repository's own stores are not touched. Reported per folder (median of --runs):

- ``cold``: a fresh store (every file read, every chunk embedded), with files/s and tokens/s;
- ``unchanged``: re-ingest of the unchanged folder (compares sizes and mtimes only);
- ``one_changed``: re-ingest after appending a paragraph to one doc file (that file is read
  again and only its chunks are embedded).

The text encoder is loaded once before timing (its load time is reported separately), as in
a long-running process.

    python -m benchmarks.bench_ingest --unchanged 7 [FOLDER]   # whole processes, timed from outside

``--unchanged N`` times the command line instead, N fresh processes each, medians of wall time
and peak RSS (bytecode cached as for an installed onbrand, see `benchmarks.coldstart`):
``onbrand --version``; ``onbrand ingest FOLDER`` on an unchanged folder, the saved summary
printed (the quick path, `onbrand.quick_ingest`), as text and with ``--json``; and, alternated
with it, the ordinary path (the saved summaries removed before each run: the store's design
system loaded). FOLDER defaults to Harbor.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from ingest.store import ingest_to_store

SAMPLES = Path(__file__).resolve().parents[1] / "sample_design_systems"


def _median(xs: list[float]) -> float:
    return round(statistics.median(xs), 4)


def bench_folder(folder: Path, runs: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / folder.name
        shutil.copytree(folder, src, ignore=shutil.ignore_patterns(".onbrand*"))
        cold, unchanged, changed = [], [], []
        rep = None
        for i in range(runs):
            store = Path(tmp) / f"store-{i}"
            t = time.perf_counter()
            rep = ingest_to_store(src, store)
            cold.append(time.perf_counter() - t)
        for _ in range(runs):
            t = time.perf_counter()
            r = ingest_to_store(src, store)
            unchanged.append(time.perf_counter() - t)
            assert r.reused_store
        doc = next((p for p in sorted(src.rglob("*.md"))), None)
        if doc is None:
            doc = src / "NOTES.md"
            doc.write_text("# Notes\n")
            ingest_to_store(src, store)
        for i in range(runs):
            doc.write_text(doc.read_text() + f"\n\nRevision {i}: buttons use sentence case.\n")
            t = time.perf_counter()
            r = ingest_to_store(src, store)
            changed.append(time.perf_counter() - t)
            assert len(r.parsed) == 1, r.parsed
        files = len(rep.ds.files)
        return {
            "folder": folder.name,
            "files": files,
            "tokens": rep.ds.token_count,
            "chunks": rep.chunks,
            "cold_s": _median(cold),
            "files_per_s": round(files / statistics.median(cold), 1),
            "tokens_per_s": round(rep.ds.token_count / statistics.median(cold), 1),
            "unchanged_s": _median(unchanged),
            "one_changed_s": _median(changed),
        }


def bench_unchanged(folder: Path, runs: int) -> dict:
    """Medians of whole `onbrand` processes on an unchanged folder (see the module docs)."""
    from benchmarks.coldstart import child_env, onbrand_cmd, run_child

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = tmp / folder.name
        shutil.copytree(folder, src, ignore=shutil.ignore_patterns(".onbrand*"))
        env = child_env(tmp)
        cmds = {"version": onbrand_cmd("--version"),
                "ingest (quick path)": onbrand_cmd("ingest", str(src)),
                "ingest --json (quick path)": onbrand_cmd("ingest", str(src), "--json"),
                "ingest --json (ordinary path)": onbrand_cmd("ingest", str(src), "--json")}
        ok = (0, 3)  # 3: the folder has files that could not be read, still a full summary
        run_child(cmds["ingest --json (quick path)"], env, tmp, ok)  # the store, once
        for cmd in cmds.values():  # warm-up: the bytecode cache
            run_child(cmd, env, tmp, ok)
        rows: dict[str, list] = {k: [] for k in cmds}
        for _ in range(runs):
            for name, cmd in cmds.items():
                if "ordinary" in name:
                    for p in (src / ".onbrand").glob("g-*/summary-*.json"):
                        p.unlink()
                wall, rss, mods, out = run_child(cmd, env, tmp, ok)
                if name.startswith("ingest --json"):
                    assert json.loads(out)["store_reused"], out[:200]
                rows[name].append((wall, rss, mods))
        return {name: {"wall_s": round(statistics.median(r[0] for r in rs), 3),
                       "peak_rss_mib": round(statistics.median(r[1] for r in rs)),
                       "imported": sorted(set().union(*(r[2] for r in rs)))} for name, rs in rows.items()}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="*", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--unchanged", type=int, default=0, metavar="N",
                    help="time N fresh `onbrand --version` and unchanged `onbrand ingest` processes instead")
    args = ap.parse_args(argv)
    if args.unchanged:
        folder = args.folders[0] if args.folders else SAMPLES / "harbor"
        res = bench_unchanged(folder, args.unchanged)
        if args.json:
            print(json.dumps({"folder": folder.name, "runs": args.unchanged, "commands": res}, indent=2))
            return
        print(f"{folder.name}: medians of {args.unchanged} fresh processes, timed from outside")
        for name, r in res.items():
            print(f"  {name:<30} {r['wall_s']:.3f} s  {r['peak_rss_mib']} MiB  imported: "
                  f"{', '.join(r['imported']) or 'none of torch, numpy, pydantic, cairocffi, faiss, PIL'}")
        return
    folders = args.folders or sorted(p for p in SAMPLES.iterdir() if p.is_dir())
    from ingest.encoders import default_text_encoder

    t = time.perf_counter()
    default_text_encoder().encode(["warm up"])
    encoder_s = round(time.perf_counter() - t, 3)
    rows = [bench_folder(f, args.runs) for f in folders]
    if args.json:
        print(json.dumps({"encoder_load_s": encoder_s, "runs": args.runs, "folders": rows}, indent=2))
        return
    print(f"text encoder load: {encoder_s} s (once per process); median of {args.runs} runs")
    cols = ["folder", "files", "tokens", "chunks", "cold_s", "files_per_s", "tokens_per_s", "unchanged_s", "one_changed_s"]
    print(" | ".join(cols))
    for r in rows:
        print(" | ".join(str(r[c]) for c in cols))


if __name__ == "__main__":
    main()
