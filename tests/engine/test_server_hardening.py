"""The HTTP server under hostile and careless clients: request caps and parsing off the event
loop, idle and slow sockets, admission that cannot be sidestepped, 400s (never 500s) for bad
values, 405 for the wrong method, an OpenAPI document that lists the real error answers, and
both Gemini API versions through the installed google-genai client. (Schemathesis against the
OpenAPI document: test_server_schema.py.)"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time

import httpx
import pytest
from live_server import live_server
from fastapi.testclient import TestClient

from engine import Engine
from onbrand.server import (
    API_VERSIONS,
    Admission,
    Limits,
    Rejected,
    create_app,
    model_name,
)

genai = pytest.importorskip("google.genai")
from google.genai import errors as genai_errors
from google.genai import types

KEY = "hardening-key"
MODEL = "onbrand-harbor"
GEMINI = f"/v1beta/models/{MODEL}:generateContent"
NATIVE = {"prompt": "x", "size": "320x200"}


@pytest.fixture(scope="module")
def engines(harbor_engine):
    return {model_name(harbor_engine.ds.name): harbor_engine}


@pytest.fixture(scope="module")
def server(engines):
    with live_server(create_app(engines, api_key=KEY)) as (url, _port):
        yield url


def _contents(text="sign in page", *parts):
    return {"contents": [{"parts": [{"text": text}, *parts]}],
            "generationConfig": {"imageConfig": {"aspectRatio": "16:9", "imageSize": "1K"}}}


def _error_of(r: httpx.Response | object, code: int) -> dict:
    assert r.status_code == code, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "status"}
    err = body["error"]
    assert err["code"] == code and "\n" not in err["message"] and "Traceback" not in err["message"]
    assert "object at 0x" not in err["message"]
    return err


# -- caps, and parsing off the event loop -------------------------------------------------------


def test_three_million_empty_parts_are_refused_before_parsing(engines):
    raw = b'{"contents": [{"parts": [' + b",".join([b"{}"] * 3_000_000) + b"]}]}"
    assert len(raw) > 8_000_000
    with TestClient(create_app(engines)) as tc:
        r = tc.post(GEMINI, content=raw, headers={"content-type": "application/json"})
        err = _error_of(r, 413)
        assert "JSON values" in err["message"] and err["status"] == "INVALID_ARGUMENT"


@pytest.mark.parametrize("body, words", [
    ({"contents": [{"parts": [{"text": "a"}]}] * 65}, "contents"),
    ({"contents": [{"parts": [{"text": "a"}] * 65}]}, "parts"),
    ({"contents": [{"parts": [{"text": "a"}]}], "systemInstruction": {"parts": [{"text": "a"}] * 65}}, "parts"),
])
def test_contents_and_parts_are_capped(engines, body, words):
    with TestClient(create_app(engines)) as tc:
        err = _error_of(tc.post(GEMINI, json=body), 400)
        assert words in err["message"] and "at most 64" in err["message"]


@pytest.mark.parametrize("raw, words", [
    (b"", "empty"), (b"[1, 2]", "valid dictionary"), (b'{"contents": [', "not valid JSON"),
    (b"[" * 5000 + b"]" * 5000, "nested too deeply"), (b'{"contents": "\xff\xfe"}', "not valid JSON"),
    (b'{"contents": [{"parts": [{"text": "' + b"9" * 5000 + b'"}]}], "generationConfig": {"seed": '
     + b"9" * 5000 + b"}}", "not valid JSON"),
])
def test_malformed_bodies_get_one_line_400s(engines, raw, words):
    with TestClient(create_app(engines)) as tc:
        for path in (GEMINI, "/v1/generate"):
            err = _error_of(tc.post(path, content=raw, headers={"content-type": "application/json"}), 400)
            assert words in err["message"] or path == "/v1/generate"


def test_bodies_are_parsed_off_the_event_loop(engines, monkeypatch):
    """While one body is being parsed, the loop keeps answering (here: /healthz)."""
    import onbrand.server.app as server_mod

    entered, release, threads = threading.Event(), threading.Event(), []
    real = server_mod._parse_body

    def slow_parse(raw, model, limits):
        threads.append(threading.current_thread().name)
        entered.set()
        release.wait(10)
        return real(raw, model, limits)

    monkeypatch.setattr(server_mod, "_parse_body", slow_parse)
    with TestClient(create_app(engines)) as tc:
        out: dict = {}
        th = threading.Thread(target=lambda: out.update(r=tc.post("/v1/generate", json=NATIVE)))
        th.start()
        assert entered.wait(10)
        assert tc.get("/healthz").status_code == 200  # the loop is free while the body is parsed
        release.set()
        th.join(30)
    assert out["r"].status_code == 200 and threads == ["onbrand-parse_0"]


# -- sockets: idle, dribbling and too many --------------------------------------------------------


def _closed_by_server(sock: socket.socket, within: float = 15.0, dribble: bytes | None = None) -> bytes:
    """Reads until the server closes `sock` (sending `dribble` a byte at a time meanwhile); what it sent."""
    sock.settimeout(0.2)
    got = b""
    t0 = time.time()
    i = 0
    while time.time() - t0 < within:
        if dribble is not None:
            try:
                sock.send(dribble[i % len(dribble):i % len(dribble) + 1])
                i += 1
            except OSError:
                return got
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            continue
        except OSError:
            return got
        if not chunk:
            return got
        got += chunk
    raise AssertionError(f"the server kept the socket open for {within} s")


def test_idle_and_dribbling_sockets_are_closed(engines):
    limits = Limits(header_timeout_s=1.0, body_timeout_s=1.0)
    with live_server(create_app(engines, limits), limits) as (url, port):
        idle = socket.create_connection(("127.0.0.1", port))
        headers = socket.create_connection(("127.0.0.1", port))
        headers.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        body = socket.create_connection(("127.0.0.1", port))
        body.sendall(b"POST /v1/generate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 100000\r\n\r\n{")
        kept = socket.create_connection(("127.0.0.1", port))  # a request, then the next one dribbled
        kept.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        assert _closed_by_server(idle) == b""
        assert _closed_by_server(headers, dribble=b"X-Slow: 1\r\n") == b""
        answer = _closed_by_server(body, dribble=b" ")
        head, _, payload = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 408") and b"connection: close" in head.lower()
        assert json.loads(payload)["error"]["status"] == "DEADLINE_EXCEEDED"
        answer = _closed_by_server(kept, dribble=b"GET /healthz HTTP/1.1\r\nX-Slow: 1\r\n")
        assert answer.startswith(b"HTTP/1.1 200") and answer.count(b"HTTP/1.1") == 1
        for s in (idle, headers, body, kept):
            s.close()
        assert httpx.get(url + "/healthz", timeout=10).status_code == 200


def test_open_sockets_do_not_lock_clients_out(engines):
    """Eighty idle sockets (uvicorn's old limit_concurrency was 74) leave the server serving."""
    with live_server(create_app(engines)) as (url, port):
        socks = [socket.create_connection(("127.0.0.1", port)) for _ in range(80)]
        try:
            for _ in range(3):
                assert httpx.get(url + "/healthz", timeout=10).status_code == 200
            r = httpx.post(url + "/v1/generate", json={"prompt": "sign in page", "size": "320x200"}, timeout=60)
            assert r.status_code == 200
        finally:
            for s in socks:
                s.close()


def test_too_many_connections_get_a_gemini_503_with_retry_after(engines):
    limits = Limits(max_connections=4, retry_after_s=2)
    with live_server(create_app(engines, limits), limits) as (url, port):
        socks = [socket.create_connection(("127.0.0.1", port)) for _ in range(4)]
        try:
            time.sleep(0.2)  # let the server accept them
            r = httpx.get(url + "/healthz", timeout=10)
            err = _error_of(r, 503)
            assert err["status"] == "UNAVAILABLE" and "connections" in err["message"]
            assert r.headers["retry-after"] == "2" and r.headers["connection"] == "close"
        finally:
            for s in socks:
                s.close()
        for _ in range(100):  # the server sees the closes
            r = httpx.get(url + "/healthz", timeout=10)
            if r.status_code == 200:
                break
            time.sleep(0.05)
        assert r.status_code == 200


def test_body_too_large_closes_the_connection(engines):
    with TestClient(create_app(engines, Limits(max_body_bytes=2000))) as tc:
        r = tc.post(GEMINI, content=iter([b"x" * 1000] * 3), headers={"content-type": "application/json"})
        assert _error_of(r, 413) and r.headers["connection"] == "close"
        r = tc.post(GEMINI, json=_contents("x" * 3000))
        assert _error_of(r, 413) and r.headers["connection"] == "close"


def test_loadtest_slow_client_phase_keeps_normal_clients_served(engines):
    from onbrand.loadtest import run_slow_phase

    limits = Limits(header_timeout_s=0.5, body_timeout_s=1.0)
    with live_server(create_app(engines, limits), limits) as (url, _port):
        phase = run_slow_phase(url, MODEL, "", slow=12, concurrency=2, requests=1000, seconds=4, aspect="1:1",
                               size="1K", mime="image/webp", interval=0.2)
    normal = phase["normal"]
    assert normal["ok"] == normal["requests"] > 0 and normal["unintended_5xx"] == 0
    assert phase["max_open"] == 12 and phase["closed_by_server"]["idle"] > 0
    assert phase["closed_by_server"]["headers"] > 0 and any(" 408 " in a for a in phase["answers"])


# -- admission ----------------------------------------------------------------------------------


class _HeldEngine(Engine):
    """An engine whose generations wait for `release`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.started = threading.Event()
        self.release = threading.Event()

    def generate(self, *args, **kwargs):
        self.started.set()
        self.release.wait(20)
        return super().generate(*args, **kwargs)



@pytest.mark.parametrize("api_key, first, second", [
    # the key is read in one order for authentication and for the limit: a random ?key= beside a
    # valid Bearer (or header) key is no new identity
    (KEY, {"headers": {"Authorization": f"Bearer {KEY}"}},
     {"headers": {"Authorization": f"Bearer {KEY}"}, "params": {"key": "random-1"}}),
    (KEY, {"headers": {"x-goog-api-key": KEY}}, {"headers": {"x-goog-api-key": KEY}, "params": {"key": "random-2"}}),
    # without --api-key a key is not checked, so it is no identity: the client address is
    (None, {"headers": {"x-goog-api-key": "a"}}, {"headers": {"x-goog-api-key": "b"}}),
    (None, {}, {"headers": {"Authorization": "Bearer c"}, "params": {"key": "d"}}),
])
def test_per_key_limit_cannot_be_sidestepped(harbor_engine, api_key, first, second):
    eng = _HeldEngine(harbor_engine.ds, store=harbor_engine.store)
    limits = Limits(max_concurrent=1, max_queue=4, max_per_key=1, retry_after_s=2)
    with TestClient(create_app({MODEL: eng}, limits, api_key=api_key)) as tc:
        out: dict = {}
        th = threading.Thread(target=lambda: out.update(r=tc.post("/v1/generate", json=NATIVE, **first)))
        th.start()
        try:
            assert eng.started.wait(20)
            r = tc.post("/v1/generate", json=NATIVE, **second)
            err = _error_of(r, 429)
            assert err["status"] == "RESOURCE_EXHAUSTED" and r.headers["retry-after"] == "2"
        finally:
            eng.release.set()
            th.join(30)
        assert out["r"].status_code == 200


def test_forwarded_for_does_not_pick_a_new_identity(harbor_engine):
    eng = _HeldEngine(harbor_engine.ds, store=harbor_engine.store)
    limits = Limits(max_concurrent=1, max_queue=4, max_per_key=1)
    with live_server(create_app({MODEL: eng}, limits), limits) as (url, _port):
        out: dict = {}
        th = threading.Thread(target=lambda: out.update(r=httpx.post(url + "/v1/generate", json=NATIVE, timeout=60)))
        th.start()
        try:
            assert eng.started.wait(20)
            r = httpx.post(url + "/v1/generate", json=NATIVE, headers={"X-Forwarded-For": "203.0.113.9"}, timeout=60)
            _error_of(r, 429)
        finally:
            eng.release.set()
            th.join(30)
        assert out["r"].status_code == 200


def test_a_burst_cannot_overfill_the_queue():
    """57 requests arriving in one tick against 2 slots and a queue of 8: 10 admitted, 47 refused."""

    async def scenario():
        rejected: list[str] = []
        adm = Admission(Limits(max_concurrent=2, max_queue=8, max_per_key=100, timeout_s=20), on_reject=rejected.append)
        release = threading.Event()
        peak = {"waiting": 0}

        async def one(i):
            try:
                return await adm.run(f"k{i}", lambda: release.wait(20))
            except Rejected as e:
                return e.code

        tasks = [asyncio.create_task(one(i)) for i in range(57)]
        for _ in range(50):
            await asyncio.sleep(0.01)
            peak["waiting"] = max(peak["waiting"], adm.waiting)
        assert adm.running == 2 and adm.waiting == 8
        release.set()
        results = await asyncio.gather(*tasks)
        adm.close()
        return results, rejected, peak

    results, rejected, peak = asyncio.run(scenario())
    assert results.count(503) == 47 and results.count(True) == 10
    assert rejected == ["queue_full"] * 47 and peak["waiting"] <= 8


# -- bad values: 400, never 500; wrong method: 405 ------------------------------------------------


@pytest.mark.parametrize("body, words", [
    ({"prompt": "x", "size": "100x0"}, "64–16384"),
    ({"prompt": "x", "size": "0x0"}, "64–16384"),
    ({"prompt": "x", "size": "20000x100"}, "64–16384"),
    ({"prompt": "x", "size": "-5x100"}, "WIDTHxHEIGHT"),
    ({"prompt": "x", "size": "9" * 5000}, "WIDTHxHEIGHT"),
    ({"prompt": "x", "seed": 2**70}, "seed"),
    ({"prompt": "x", "aspect_ratio": "7:5" * 1000}, "aspectRatio"),
])
def test_bad_native_values_are_400(engines, body, words):
    with TestClient(create_app(engines), raise_server_exceptions=False) as tc:
        err = _error_of(tc.post("/v1/generate", json=body), 400)
        assert words in err["message"] and len(err["message"]) < 400


def test_a_lone_surrogate_is_a_400(engines):
    with TestClient(create_app(engines), raise_server_exceptions=False) as tc:
        for path, raw in (("/v1/generate", b'{"prompt": "a \\ud800 b", "size": "320x200"}'),
                          (GEMINI, b'{"contents": [{"parts": [{"text": "a \\udfff"}]}]}'),
                          (GEMINI, b'{"contents": [{"parts": [{"text": "a"}]}], "\\ud800": 1}'),
                          ("/v1/generate", b'{"prompt": "x", "system": "\\ud800"}')):
            err = _error_of(tc.post(path, content=raw, headers={"content-type": "application/json"}), 400)
            assert "surrogate" in err["message"]


def test_the_wrong_method_is_405_with_allow(engines):
    with TestClient(create_app(engines)) as tc:
        for version in API_VERSIONS:
            for method in ("generateContent", "streamGenerateContent"):
                r = tc.get(f"/{version}/models/{MODEL}:{method}")
                assert _error_of(r, 405) and r.headers["allow"] == "POST"
                r = tc.put(f"/{version}/models/{MODEL}:{method}", json={})
                assert _error_of(r, 405) and r.headers["allow"] == "POST"
        r = tc.get("/v1/generate")
        assert _error_of(r, 405) and r.headers["allow"] == "POST"
        r = tc.post("/v1/systems", json={})
        assert _error_of(r, 405) and r.headers["allow"] == "GET"


def test_openapi_documents_the_real_error_answers(engines):
    with TestClient(create_app(engines)) as tc:
        doc = tc.get("/openapi.json").json()
    for version in API_VERSIONS:
        for method in ("generateContent", "streamGenerateContent"):
            op = doc["paths"][f"/{version}/models/{{model}}:{method}"]["post"]
            assert {"200", "400", "401", "404", "408", "413", "429", "503", "504"} <= set(op["responses"])
            assert "Retry-After" in op["responses"]["429"]["headers"]
            ref = op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
            assert ref == "#/components/schemas/GenerateContentRequest"
    native = doc["paths"]["/v1/generate"]["post"]
    assert {"400", "413", "429", "503", "504"} <= set(native["responses"])
    assert "405" in doc["paths"]["/v1/models/{model}"]["get"]["responses"]
    schemas = doc["components"]["schemas"]
    assert schemas["GenerateContentRequest"]["properties"]["contents"]["maxItems"] == 64
    assert schemas["Content"]["properties"]["parts"]["maxItems"] == 64
    assert "ErrorResponse" in schemas and "HTTPValidationError" not in schemas
    assert not [p for p, ops in doc["paths"].items() for op in ops.values() if "422" in op["responses"]]


# -- both Gemini API versions, through the installed google-genai client --------------------------


@pytest.mark.parametrize("api_version", [None, "v1beta", "v1"])
def test_genai_client_default_and_explicit_versions(server, api_version):
    opts = {"base_url": server} if api_version is None else {"base_url": server, "api_version": api_version}
    client = genai.Client(api_key=KEY, http_options=types.HttpOptions(**opts))
    cfg = types.GenerateContentConfig(response_modalities=["IMAGE"],
                                      image_config=types.ImageConfig(aspect_ratio="1:1", image_size="1K"))
    resp = client.models.generate_content(model=MODEL, contents="sign in page", config=cfg)
    (part,) = [p for p in resp.candidates[0].content.parts if p.inline_data is not None]
    assert part.inline_data.data.startswith(b"\x89PNG")
    chunks = list(client.models.generate_content_stream(model=MODEL, contents="sign in page", config=cfg))
    assert len(chunks) == 1
    assert [m.name for m in client.models.list()] == [f"models/{MODEL}"]
    assert client.models.get(model=MODEL).name == f"models/{MODEL}"
    with pytest.raises(genai_errors.ClientError) as e:
        client.models.generate_content(model="onbrand-nope", contents="x", config=cfg)
    assert e.value.code == 404 and e.value.status == "NOT_FOUND"


def test_the_readme_example_works_with_the_default_client(server):
    from google import genai as genai_mod

    client = genai_mod.Client(api_key=KEY, http_options={"base_url": server})
    r = client.models.generate_content(model="onbrand-harbor", contents="checkout page with order summary",
                                       config={"response_modalities": ["IMAGE"],
                                               "image_config": {"aspect_ratio": "16:9", "image_size": "1K"}})
    assert r.candidates[0].content.parts[0].inline_data.mime_type == "image/png"
