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


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="*", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
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
