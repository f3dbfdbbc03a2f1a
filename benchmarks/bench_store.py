"""Benchmark of the `ContextStore` at scale: ``python -m benchmarks.bench_store [--chunks N]``.

Builds (once; cached under ``build/bench_store/``, ``--rebuild`` to redo) a synthetic store of N
chunks (default 1,000,000): 384-d unit vectors drawn around 2 clusters per 1,000 chunks that are
themselves grouped into topics (so neighbourhoods look like those of real sentence embeddings),
with short metadata rows and eight kinds of skewed frequency. Vectors are generated in batches
straight into the store's memory-mapped float16 file, so the build holds one batch at a time
plus the IVF index.

A fresh process then loads the store and measures, each over ``--queries`` queries:

- latency of `search_vector` (index search + metadata fetch of the top 8), query vector given;
- the same with a kind filter;
- latency of MiniLM encoding of a short query string plus the search (reported separately);
- resident memory (VmRSS, VmHWM from /proc/self/status) after loading, after the vector
  queries (the store alone) and after loading MiniLM;
- recall@10 of the store's index against exact brute-force search.

Prints a table, or JSON with ``--json``. On a machine shared with other work, ``--torch-threads 1``
keeps MiniLM encoding from stalling on a descheduled second thread.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from ingest.context_store import (
    DEFAULT_IVF_THRESHOLD,
    ContextStore,
    exact_top_k,
    write_vector_store,
)

DIM = 384
KINDS = ("tokens", "pdf-text", "pdf-image", "pdf-page", "svg", "image", "screen", "doc")
KIND_WEIGHTS = np.array([0.10, 0.40, 0.05, 0.05, 0.10, 0.10, 0.05, 0.15])
QUERY_STRINGS = (
    "primary button colour", "how big are headings", "logo clear space", "card shadow",
    "error message tone", "dark mode surfaces", "spacing scale", "icon stroke width",
    "table row striping", "pricing page layout", "sign-in form", "chart colours",
)


def _synthetic(n: int, seed: int):
    """Cluster centres (c, d) and a function giving rows [s, e) of vectors and their clusters."""
    rng = np.random.default_rng(seed)
    n_topics = max(4, n // 20_000)
    n_clusters = max(8, n // 500)
    topics = rng.normal(size=(n_topics, DIM))
    topics /= np.linalg.norm(topics, axis=1, keepdims=True)
    centres = topics[rng.integers(0, n_topics, n_clusters)] + 1.2 * rng.normal(size=(n_clusters, DIM)) / np.sqrt(DIM)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)

    def rows(s: int, e: int) -> tuple[np.ndarray, np.ndarray]:
        r = np.random.default_rng([seed, s])
        cl = r.integers(0, n_clusters, e - s)
        v = centres[cl] + 1.2 * r.normal(size=(e - s, DIM)) / np.sqrt(DIM)  # within-cluster cosine ≈ 0.4
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        return v.astype(np.float32), cl

    return rows


def build_synthetic(directory: Path, n: int, seed: int = 0, batch: int = 50_000,
                    ivf_threshold: int = DEFAULT_IVF_THRESHOLD, log=print) -> dict:
    """Write a synthetic n-chunk store into `directory`; returns its manifest."""
    directory.mkdir(parents=True, exist_ok=True)
    rows = _synthetic(n, seed)
    vec_path = directory / "text_vectors.npy"
    vecs = np.lib.format.open_memmap(vec_path, mode="w+", dtype=np.float16, shape=(n, DIM))
    clusters = np.empty(n, np.int32)
    t0 = time.perf_counter()
    for s in range(0, n, batch):
        e = min(n, s + batch)
        vecs[s:e], clusters[s:e] = rows(s, e)
    vecs.flush()
    log(f"vectors: {n:,} × {DIM} float16 in {time.perf_counter() - t0:.1f} s")
    kinds = np.random.default_rng(seed + 1).choice(len(KINDS), size=n, p=KIND_WEIGHTS)

    def records():
        for i in range(n):
            kind = KINDS[kinds[i]]
            c = int(clusters[i])
            file = f"synthetic/group-{c // 100}.{kind}"
            yield (f"{file}#{i}", kind, f"Synthetic {kind} chunk {i} about topic {c}.", file,
                   str(i), {"cluster": c})

    t0 = time.perf_counter()
    manifest = write_vector_store(directory, vecs, records(), text_encoder="synthetic-384",
                                  ivf_threshold=ivf_threshold)
    log(f"metadata + index: {time.perf_counter() - t0:.1f} s, index {manifest['text']['index']}")
    return manifest


def _memory() -> dict[str, float]:
    out = {}
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:", "RssAnon:", "RssFile:")):
                key, value, _ = line.split()
                out[key.rstrip(":")] = int(value) / 1024  # MiB
    return out


def _latency(fn, items) -> dict[str, float]:
    times = []
    for x in items:
        t = time.perf_counter()
        fn(x)
        times.append((time.perf_counter() - t) * 1000)
    return {"p50_ms": float(np.percentile(times, 50)), "p99_ms": float(np.percentile(times, 99)),
            "mean_ms": float(np.mean(times))}


def measure(directory: Path, n_queries: int, seed: int, encoder: bool = True,
            torch_threads: int | None = None) -> dict:
    """Load the store and measure it (run this in a fresh process for honest memory figures)."""
    t0 = time.perf_counter()
    store = ContextStore.load(directory)
    load_s = time.perf_counter() - t0
    mem_load = _memory()
    n = len(store)
    rng = np.random.default_rng(seed + 7)
    vecs = store._text.vectors
    rows = np.sort(rng.choice(n, size=n_queries, replace=False))
    queries = store._text.fetch(rows) + rng.normal(0, 1 / np.sqrt(DIM), (n_queries, DIM)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    for q in queries[:10]:  # warm up
        store.search_vector(q, k=8)
    result = {"chunks": n, "queries": n_queries, "index": store.manifest["text"]["index"],
              "load_s": load_s, "memory_after_load_mib": mem_load}
    result["vector_query"] = _latency(lambda q: store.search_vector(q, k=8), queries)
    result["vector_query_kind_filter"] = _latency(
        lambda q: store.search_vector(q, k=8, kinds={"screen"}), queries
    )
    result["memory_store_only_mib"] = _memory()
    if encoder:
        from ingest.encoders import default_text_encoder

        if torch_threads:
            import torch

            torch.set_num_threads(torch_threads)
        enc = default_text_encoder()
        enc.encode(["warm up"])
        texts = [QUERY_STRINGS[i % len(QUERY_STRINGS)] + f" {i}" for i in range(n_queries)]
        result["text_query_with_minilm"] = _latency(
            lambda t: store.search_vector(enc.encode([t])[0], k=8), texts
        )
        result["memory_with_minilm_mib"] = _memory()
    result["recall_at_10"] = _recall(store, queries, None)
    result["recall_at_10_kind_filter"] = _recall(store, queries, "screen")
    return result


def _recall(store: ContextStore, queries: np.ndarray, kind: str | None) -> float:
    """recall@10 of `search_vector` against exact brute force (over the rows of `kind`)."""
    vecs = store._text.vectors
    rows = np.arange(len(store))
    if kind is not None:
        rows = np.flatnonzero(np.asarray(store._text.kind_codes) == store._kind_code[kind])
    truth = rows[exact_top_k(vecs[rows] if kind is not None else vecs, queries, 10)]  # (m, 10)
    kinds = {kind} if kind is not None else None
    found = [{h.chunk.id for h in store.search_vector(q, k=10, kinds=kinds)} for q in queries]
    ids = [{r[0] for r in store._db.execute(
        f"SELECT id FROM chunks WHERE row IN ({','.join(map(str, t))})")} for t in truth]
    return float(np.mean([len(f & t) / 10 for f, t in zip(found, ids)]))


def _print_table(r: dict) -> None:
    idx = r["index"]
    desc = idx["type"] + (f" nlist={idx['nlist']} nprobe={idx['nprobe']}" if idx["type"] != "flat" else "")
    lines = [
        ("chunks", f"{r['chunks']:,}"),
        ("index", desc),
        ("load", f"{r['load_s'] * 1000:.0f} ms"),
    ]
    for key, label in (("vector_query", "query, vector given (top 8 + metadata)"),
                       ("vector_query_kind_filter", "query with kind filter"),
                       ("text_query_with_minilm", "query incl. MiniLM encoding")):
        if key in r:
            lines.append((label, f"p50 {r[key]['p50_ms']:.2f} ms   p99 {r[key]['p99_ms']:.2f} ms"))
    lines.append(("recall@10 vs exact", f"{r['recall_at_10']:.3f}"))
    lines.append(("recall@10 vs exact, kind filter", f"{r['recall_at_10_kind_filter']:.3f}"))
    for key, label in (("memory_after_load_mib", "RSS after load"),
                       ("memory_store_only_mib", "RSS store + queries"),
                       ("memory_with_minilm_mib", "RSS with MiniLM loaded")):
        if key in r:
            m = r[key]
            lines.append((label, f"VmRSS {m['VmRSS']:.0f} MiB (anon {m['RssAnon']:.0f}, file "
                                 f"{m['RssFile']:.0f})   VmHWM {m['VmHWM']:.0f} MiB"))
    width = max(len(a) for a, _ in lines)
    for a, b in lines:
        print(f"{a:<{width}}  {b}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_store", description=__doc__.splitlines()[0])
    p.add_argument("--chunks", type=int, default=1_000_000, help="store size (default 1,000,000)")
    p.add_argument("--queries", type=int, default=300, help="queries per measurement (default 300)")
    p.add_argument("--dir", type=Path, default=Path("build/bench_store"), help="cache folder")
    p.add_argument("--rebuild", action="store_true", help="rebuild the cached store")
    p.add_argument("--no-encoder", action="store_true", help="skip the MiniLM measurement")
    p.add_argument("--torch-threads", type=int, default=0,
                   help="torch threads for MiniLM encoding (default: torch's own choice)")
    p.add_argument("--ivf-threshold", type=int, default=DEFAULT_IVF_THRESHOLD)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument("--measure-only", action="store_true", help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.chunks < 20 or a.queries < 1:
        p.error("--chunks must be at least 20 and --queries at least 1")
    directory = a.dir / f"n{a.chunks}-seed{a.seed}-ivf{a.ivf_threshold}"
    a.queries = min(a.queries, a.chunks)

    if a.measure_only:
        print(json.dumps(measure(directory, a.queries, a.seed, not a.no_encoder, a.torch_threads)))
        return 0

    log = (lambda *x: print(*x, file=sys.stderr)) if a.json else print
    manifest = directory / "manifest.json"
    build_s = None
    if a.rebuild or not manifest.is_file():
        shutil.rmtree(directory, ignore_errors=True)
        log(f"building a synthetic store of {a.chunks:,} chunks in {directory} …")
        t0 = time.perf_counter()
        build_synthetic(directory, a.chunks, a.seed, ivf_threshold=a.ivf_threshold, log=log)
        build_s = time.perf_counter() - t0
        log(f"built in {build_s:.1f} s")
    else:
        log(f"reusing {directory} (--rebuild to rebuild)")
    # Measure in a fresh process: its memory is the store's, not the build's.
    cmd = [sys.executable, "-m", "benchmarks.bench_store", "--measure-only", "--chunks", str(a.chunks),
           "--queries", str(a.queries), "--dir", str(a.dir), "--seed", str(a.seed),
           "--ivf-threshold", str(a.ivf_threshold), "--torch-threads", str(a.torch_threads)]
    cmd += ["--no-encoder"] if a.no_encoder else []
    proc = subprocess.run(cmd, capture_output=True, text=True, env=os.environ.copy())
    if proc.returncode != 0:
        print(proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "measurement failed",
              file=sys.stderr)
        return 1
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["build_s"] = build_s
    result["store_bytes"] = sum(f.stat().st_size for f in directory.iterdir())
    if a.json:
        print(json.dumps(result, indent=1))
    else:
        _print_table(result)
        print(f"{'store on disk':<38}  {result['store_bytes'] / 2**20:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
