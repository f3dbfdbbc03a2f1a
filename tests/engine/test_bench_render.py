"""The render benchmark runs and reports every stage (tiny size here; the 4K figure is in its docs)."""

from __future__ import annotations

from benchmarks.bench_render import run
from tests.conftest import SAMPLES


def test_bench_render_reports_each_stage():
    r = run(str(SAMPLES / "harbor"), runs=1, size=(960, 540))
    assert r["components"] >= 55
    med = r["median_s"]
    for k in ("svg", "rasterise", "render", "encode", "render+encode"):
        assert med[k] >= 0  # stages are reported; their speed is the benchmark's business, not a test's
