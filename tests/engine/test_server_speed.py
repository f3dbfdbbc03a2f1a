"""The served request path: answers written once on the generation thread (the same JSON and the
same PNG bytes as in-process), Server-Timing spans, the process fitting (BLAS threads, malloc)
and `onbrand serve --workers N`."""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from live_server import free_port, live_server

from onbrand.loadtest import _Tally, parse_server_timing
from onbrand.server import create_app, model_name
from onbrand.server.answer import Blobs, json_with_blobs, server_timing
from onbrand.server.workers import BLAS_ENV, fit_blas_threads, fit_malloc
from scene.devices import device_for_size

ROOT = Path(__file__).resolve().parents[2]
KEY = "speed-key"


def test_json_with_blobs_is_the_json_fastapi_writes():
    png, doc = bytes(range(256)) * 40, "<svg>é \u2028 \"q\"</svg>".encode()
    blobs = Blobs()
    obj = {"candidates": [{"parts": [{"text": "a \"quoted\" ünïcode line"},
                                     {"inlineData": {"mimeType": "image/png", "data": blobs.add(png)}},
                                     {"inlineData": {"mimeType": "image/svg+xml", "data": blobs.add(doc)}}]}],
           "usage": {"n": 1, "x": 0.5, "t": (1, 2)}}
    ours = json_with_blobs(obj, blobs)
    expect = {"candidates": [{"parts": [{"text": "a \"quoted\" ünïcode line"},
                                        {"inlineData": {"mimeType": "image/png",
                                                        "data": base64.b64encode(png).decode()}},
                                        {"inlineData": {"mimeType": "image/svg+xml",
                                                        "data": base64.b64encode(doc).decode()}}]}],
              "usage": {"n": 1, "x": 0.5, "t": (1, 2)}}
    assert ours == JSONResponse(jsonable_encoder(expect)).body
    assert json_with_blobs({"a": [1, None]}) == b'{"a":[1,null]}'


def test_a_blob_without_its_placeholder_is_an_error():
    blobs = Blobs()
    blobs.add(b"x")
    with pytest.raises(ValueError, match="placeholder"):
        json_with_blobs({"data": "something else"}, blobs)


def test_server_timing_round_trips_through_the_loadtest_parser():
    value = server_timing({"total": 0.1234, "queue": 0.002, "sample": 0.0171, "custom": 0.001})
    assert value.startswith("queue;dur=2.0, sample;dur=17.1, total;dur=123.4")
    assert parse_server_timing(value) == {"queue": 2.0, "sample": 17.1, "total": 123.4, "custom": 1.0}
    assert parse_server_timing("cache;desc=hit, db;dur=x, app;dur=3") == {"app": 3.0}
    tally = _Tally()
    tally.add(200, 0.2, 10, value)
    assert tally.spans["outside"] == [pytest.approx(200 - 123.4)]


@pytest.fixture(scope="module")
def served(harbor_engine):
    with live_server(create_app({model_name(harbor_engine.ds.name): harbor_engine}, api_key=KEY)) as (url, _):
        yield url, harbor_engine


@pytest.mark.timeout(300)
def test_served_png_is_the_in_process_png_and_timed_by_span(served):
    url, engine = served
    body = {"contents": [{"parts": [{"text": "checkout page with order summary"}]}],
            "generationConfig": {"seed": 5, "imageConfig": {"aspectRatio": "16:9", "imageSize": "1K"}}}
    r = httpx.post(f"{url}/v1beta/models/onbrand-harbor:generateContent", json=body,
                   headers={"x-goog-api-key": KEY}, timeout=120)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/json"
    part = r.json()["candidates"][0]["content"]["parts"][-1]["inlineData"]
    served_png = base64.b64decode(part["data"])
    local = engine.generate("checkout page with order summary", seed=5, size=(1280, 720),
                            device=device_for_size(1280, 720))
    assert served_png == local.encode("png")
    spans = parse_server_timing(r.headers["server-timing"])
    assert {"read", "parse", "queue", "retrieve", "sample", "layout", "render", "encode", "serialize",
            "total"} <= set(spans)
    assert all(v >= 0 for v in spans.values())
    work = sum(spans[k] for k in ("parse", "queue", "retrieve", "sample", "layout", "render", "encode", "serialize"))
    assert spans["total"] >= work - 1.0  # each span is inside the request (rounding: 0.1 ms each)
    # the streamed forms carry the same answer
    s = httpx.post(f"{url}/v1beta/models/onbrand-harbor:streamGenerateContent", json=body,
                   headers={"x-goog-api-key": KEY}, timeout=120)
    assert s.status_code == 200 and "server-timing" in s.headers
    assert base64.b64decode(s.json()[0]["candidates"][0]["content"]["parts"][-1]["inlineData"]["data"]) == served_png
    sse = httpx.post(f"{url}/v1beta/models/onbrand-harbor:streamGenerateContent?alt=sse", json=body,
                     headers={"x-goog-api-key": KEY}, timeout=120)
    assert sse.headers["content-type"].startswith("text/event-stream")
    assert sse.text.startswith("data: {") and sse.text.endswith("}\r\n\r\n")
    assert json.loads(sse.text[6:])["modelVersion"] == "onbrand-harbor"


@pytest.mark.timeout(300)
def test_native_answer_has_server_timing_and_the_scene(served):
    url, _ = served
    r = httpx.post(f"{url}/v1/generate", json={"prompt": "sign in page", "size": "640x400", "include_scene": True},
                   headers={"x-goog-api-key": KEY}, timeout=120)
    assert r.status_code == 200, r.text
    j = r.json()
    assert base64.b64decode(j["image"]["data"])[:8] == b"\x89PNG\r\n\x1a\n"
    assert j["image"]["bytes"] == len(base64.b64decode(j["image"]["data"]))
    assert j["scene"]["width"] == 640
    assert "render" in parse_server_timing(r.headers["server-timing"])


def test_fit_blas_threads_pins_the_pools_to_one_thread(monkeypatch):
    from threadpoolctl import ThreadpoolController, threadpool_info

    for v in BLAS_ENV:
        monkeypatch.delenv(v, raising=False)
    with ThreadpoolController().limit(limits=2):  # restored afterwards
        before = fit_blas_threads()
        assert before and all(n == 2 for n in before.values())
        assert all(p["num_threads"] == 1 for p in threadpool_info())
        monkeypatch.setenv("OPENBLAS_NUM_THREADS", "2")
        assert fit_blas_threads() == {}  # the user's choice stands


def test_fit_malloc_leaves_an_explicit_setting(monkeypatch):
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert fit_malloc() is False
    monkeypatch.delenv("MALLOC_ARENA_MAX")
    for v in ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_"):
        monkeypatch.delenv(v, raising=False)
    if sys.platform.startswith("linux") and os.confstr("CS_GNU_LIBC_VERSION"):
        assert fit_malloc() is True


def test_serve_workers_option_is_checked():
    from click.testing import CliRunner

    from onbrand.cli import main

    res = CliRunner().invoke(main, ["serve", str(ROOT / "sample_design_systems/harbor"), "--workers", "0"])
    assert res.exit_code == 2 and "--workers" in res.output
    assert "--workers" in CliRunner().invoke(main, ["serve", "--help"]).output


@pytest.mark.timeout(240)
def test_serve_with_two_workers_shares_one_port_and_replaces_a_dead_worker(tmp_path):
    psutil = pytest.importorskip("psutil")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "onbrand.cli", "serve", str(ROOT / "sample_design_systems/harbor"),
                             "--port", str(port), "--workers", "2", "--store", str(tmp_path / "store")],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"

    def wait_for(cond, what, limit=120):
        end = time.monotonic() + limit
        while time.monotonic() < end:
            if proc.poll() is not None:
                pytest.fail(f"the server exited: {proc.stderr.read()[-500:]}")
            if cond():
                return
            time.sleep(0.2)
        pytest.fail(f"{what} did not happen within {limit} s")

    def healthy():
        try:
            return httpx.get(url + "/healthz", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        parent = psutil.Process(proc.pid)
        wait_for(lambda: healthy() and len(parent.children()) == 2, "two healthy workers")
        first = {c.pid for c in parent.children()}
        r = httpx.post(url + "/v1/generate", json={"prompt": "sign in page", "size": "320x200"}, timeout=60)
        assert r.status_code == 200 and "server-timing" in r.headers
        os.kill(next(iter(first)), signal.SIGKILL)  # a worker dies: the parent forks another
        wait_for(lambda: len(parent.children()) == 2 and {c.pid for c in parent.children()} != first,
                 "a new worker")
        wait_for(healthy, "answers after the restart")
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
        assert not parent.is_running() or parent.status() == psutil.STATUS_ZOMBIE
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
