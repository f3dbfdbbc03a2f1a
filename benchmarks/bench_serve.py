"""Benchmark: a served 4K mock against the same mock generated in-process, and served throughput.

    python -m benchmarks.bench_serve [--folder DIR] [--runs N] [--size 4K] [--workers N] [--levels 4,8]

Starts `onbrand serve` on a free loopback port (as `onbrand.loadtest` does) and loads the same
design system in this process. Then, N times per load-test prompt, it generates the mock
in-process (`Engine.generate`, PNG encoded) and asks the server for the same mock (Gemini
`generateContent`, same prompt and seed, one client, kept-alive connection), alternately, so
both run under the same load; it reports the medians, their ratio and the median of each
`Server-Timing` span, and checks that the served PNG is byte for byte the in-process one.
Then each of ``--levels`` client counts sends ``--requests`` requests (`onbrand.loadtest.run_level`)
for requests/s and p50/p99. The in-process engine is fitted as the server is (one BLAS thread,
large buffers on a reused heap: `onbrand.server.workers`), its fastest setting, so the ratio
is against the best in-process time. Prints JSON.
"""

from __future__ import annotations

import argparse
import base64
import json
import secrets
import statistics
import sys
import time

import httpx

from onbrand.loadtest import (
    PROMPTS,
    request_body,
    start_server,
    parse_server_timing,
    run_level,
)
from onbrand.server import SIZES, load_engines
from onbrand.server.workers import fit_blas_threads, fit_malloc
from scene.devices import device_for_size


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench_serve", description=__doc__.split("\n\n")[0])
    ap.add_argument("--folder", default="sample_design_systems/harbor")
    ap.add_argument("--runs", type=int, default=3, help="alternated in-process/served pairs per prompt")
    ap.add_argument("--size", default="4K", choices=("1K", "2K", "4K"))
    ap.add_argument("--aspect", default="16:9", choices=tuple(SIZES))
    ap.add_argument("--workers", type=int, default=1, help="the server's --workers")
    ap.add_argument("--max-concurrent", type=int, default=2, help="the server's --max-concurrent (per worker)")
    ap.add_argument("--levels", default="4,8", help="client counts for the throughput levels ('' for none)")
    ap.add_argument("--requests", type=int, default=60, help="requests per throughput level")
    args = ap.parse_args(argv)

    fit_blas_threads()
    fit_malloc()
    engine = next(iter(load_engines([args.folder]).values()))
    size = SIZES[args.aspect][args.size]
    device = device_for_size(*size)
    key = secrets.token_hex(16)
    proc, url = start_server(args.folder, key, args.max_concurrent, 8, None, args.workers)
    try:
        model = httpx.get(url + "/v1/systems", headers={"x-goog-api-key": key}, timeout=10).json()["systems"][0]["model"]
        endpoint = f"{url}/v1beta/models/{model}:generateContent"
        local, served, spans = [], [], {}
        identical = True
        with httpx.Client(headers={"x-goog-api-key": key}, timeout=120) as http:
            for i, p in enumerate(PROMPTS):  # warm-up: one of each, both ways
                engine.generate(p, seed=i, size=size, device=device)
                http.post(endpoint, json=request_body(i, args.aspect, args.size, "image/png")).raise_for_status()
            for _ in range(args.runs):
                for i, p in enumerate(PROMPTS):
                    t = time.perf_counter()
                    png = engine.generate(p, seed=i, size=size, device=device).encode("png")
                    local.append(time.perf_counter() - t)
                    t = time.perf_counter()
                    r = http.post(endpoint, json=request_body(i, args.aspect, args.size, "image/png"))
                    data = r.json()["candidates"][0]["content"]["parts"][-1]["inlineData"]["data"]
                    served.append(time.perf_counter() - t)
                    r.raise_for_status()
                    identical &= base64.b64decode(data) == png
                    for name, ms in parse_server_timing(r.headers.get("server-timing", "")).items():
                        spans.setdefault(name, []).append(ms)
        med_local, med_served = statistics.median(local), statistics.median(served)
        report: dict = {"size": "x".join(map(str, size)), "workers": args.workers,
                        "max_concurrent": args.max_concurrent, "pairs": len(local),
                        "in_process_p50_s": round(med_local, 4), "served_p50_s": round(med_served, 4),
                        "served_over_in_process": round(med_served / med_local, 3),
                        "server_timing_p50_ms": {k: round(statistics.median(v), 1) for k, v in spans.items()},
                        "png_identical": identical, "levels": []}
        print(json.dumps({k: v for k, v in report.items() if k != "levels"}), file=sys.stderr)
        for c in (int(v) for v in args.levels.split(",") if v.strip()):
            lvl = run_level(url, model, key, c, args.requests, 120.0, args.aspect, args.size, "image/png")
            report["levels"].append({k: v for k, v in lvl.items() if k != "codes"})
            print(json.dumps(report["levels"][-1]), file=sys.stderr)
        print(json.dumps(report, indent=1))
        return report
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except Exception:  # noqa: BLE001
            proc.kill()


if __name__ == "__main__":
    main()
