"""The HTTP API: Gemini generateContent through the real google-genai client, the native API,
limits, admission, auth and metrics."""

from __future__ import annotations

import asyncio
import base64
import io
import threading
import time

import httpx
import pytest
from live_server import live_server
from click.testing import CliRunner
from fastapi.testclient import TestClient
from PIL import Image

from engine import Engine
from onbrand.cli import main
from onbrand.server import (
    ASPECT_RATIOS,
    IMAGE_SIZES,
    SIZES,
    Admission,
    Limits,
    Rejected,
    create_app,
    gemini_size,
    model_name,
)

genai = pytest.importorskip("google.genai")
from google.genai import errors as genai_errors
from google.genai import types

KEY = "test-key"
MODEL = "onbrand-harbor"


@pytest.fixture(scope="session")
def engines(harbor_engine):
    return {model_name(harbor_engine.ds.name): harbor_engine}


@pytest.fixture(scope="session")
def server(engines):
    """uvicorn serving the Harbor system on a free loopback port, with an API key."""
    with live_server(create_app(engines, api_key=KEY)) as (url, _port):
        yield url


@pytest.fixture(scope="session")
def client(server):
    return genai.Client(api_key=KEY, http_options=types.HttpOptions(base_url=server, api_version="v1beta"))


def _image_parts(resp):
    return [p for p in resp.candidates[0].content.parts if p.inline_data is not None]


def _config(ratio="16:9", size="1K", **kw):
    return types.GenerateContentConfig(response_modalities=["TEXT", "IMAGE"],
                                       image_config=types.ImageConfig(aspect_ratio=ratio, image_size=size), **kw)


# -- the size table ---------------------------------------------------------------------------


def test_size_table_covers_every_ratio_and_tier_at_equal_area():
    assert set(ASPECT_RATIOS) == {"1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"}
    assert SIZES["16:9"]["4K"] == (3840, 2160)
    areas = {"1K": 1280 * 720, "2K": 2560 * 1440, "4K": 3840 * 2160}
    for ratio, tiers in SIZES.items():
        a, b = (int(v) for v in ratio.split(":"))
        assert set(tiers) == set(IMAGE_SIZES)
        for tier, (w, h) in tiers.items():
            assert w % 8 == 0 and h % 8 == 0
            assert abs((w / h) / (a / b) - 1) < 0.005, (ratio, tier)
            assert abs(w * h / areas[tier] - 1) < 0.01, (ratio, tier)
    assert gemini_size() == (3840, 2160)
    with pytest.raises(ValueError, match="aspectRatio"):
        gemini_size("7:3", "1K")
    with pytest.raises(ValueError, match="imageSize"):
        gemini_size("1:1", "8K")


# -- Gemini, through the google-genai client --------------------------------------------------


@pytest.mark.parametrize("ratio", ASPECT_RATIOS)
def test_genai_client_text_only_every_aspect_ratio_at_1k(client, ratio):
    resp = client.models.generate_content(model=MODEL, contents="checkout page with order summary",
                                          config=_config(ratio, "1K"))
    (part,) = _image_parts(resp)
    assert part.inline_data.mime_type == "image/png"
    im = Image.open(io.BytesIO(part.inline_data.data))
    assert im.format == "PNG" and im.size == SIZES[ratio]["1K"]
    text = "".join(p.text or "" for p in resp.candidates[0].content.parts)
    assert "checkout" in text and f"{im.width}×{im.height}" in text and "bytes" in text
    usage = resp.usage_metadata
    assert usage.prompt_token_count == 5 and usage.candidates_token_count > 0
    assert usage.total_token_count == usage.prompt_token_count + usage.candidates_token_count


@pytest.mark.parametrize("tier", ["1K", "2K", "4K"])
def test_genai_client_every_image_size(client, tier):
    resp = client.models.generate_content(model=MODEL, contents="sales analytics dashboard",
                                          config=_config("16:9", tier))
    im = Image.open(io.BytesIO(_image_parts(resp)[0].inline_data.data))
    assert im.size == SIZES["16:9"][tier]
    if tier == "4K":
        assert im.size == (3840, 2160)


def test_genai_client_text_plus_reference_image(client):
    ref = io.BytesIO()
    Image.new("RGB", (300, 200), "#0e5e71").save(ref, "PNG")  # Harbor's primary
    off = io.BytesIO()
    Image.new("RGB", (300, 200), "#ff00ff").save(off, "PNG")
    resp = client.models.generate_content(
        model=MODEL,
        contents=["a settings page like these", types.Part.from_bytes(data=ref.getvalue(), mime_type="image/png"),
                  types.Part.from_bytes(data=off.getvalue(), mime_type="image/png")],
        config=_config("4:3", "1K"))
    text = resp.candidates[0].content.parts[0].text
    assert "Reference image 1 (300×200): palette adherence 1.00" in text
    assert "Reference image 2 (300×200): palette adherence 0.00" in text and "#ff00ff" in text
    assert Image.open(io.BytesIO(_image_parts(resp)[0].inline_data.data)).size == SIZES["4:3"]["1K"]
    details = {d.modality.value: d.token_count for d in resp.usage_metadata.prompt_tokens_details}
    assert details["IMAGE"] == 2 * 258 and details["TEXT"] > 0


def test_genai_client_image_only_modality_and_candidates(client):
    cfg = types.GenerateContentConfig(response_modalities=["IMAGE"], candidate_count=2, seed=7,
                                      image_config=types.ImageConfig(aspect_ratio="1:1", image_size="1K"))
    resp = client.models.generate_content(model=MODEL, contents="product listing grid", config=cfg)
    assert len(resp.candidates) == 2
    for cand in resp.candidates:
        assert [p.inline_data is not None for p in cand.content.parts] == [True]


def test_genai_client_jpeg_and_webp_output(server):
    sizes = {}
    for mime, magic in (("image/png", b"\x89PNG"), ("image/jpeg", b"\xff\xd8\xff"), ("image/webp", b"RIFF")):
        c = genai.Client(api_key=KEY, http_options=types.HttpOptions(
            base_url=server, api_version="v1beta",
            extra_body={"generationConfig": {"imageConfig": {"outputMimeType": mime}}}))
        resp = c.models.generate_content(model=MODEL, contents="sales dashboard", config=_config("16:9", "1K"))
        (part,) = _image_parts(resp)
        assert part.inline_data.mime_type == mime and part.inline_data.data.startswith(magic)
        sizes[mime] = len(part.inline_data.data)
        assert f"({sizes[mime]} bytes)" in resp.candidates[0].content.parts[0].text
    assert sizes["image/webp"] < sizes["image/png"]  # flat UI: PNG often beats JPEG, WebP beats both


def test_compression_quality_shrinks_jpeg(server):
    def jpeg_bytes(opts):
        body = {**_contents("sales dashboard"), "generationConfig": {"imageConfig": {
            "aspectRatio": "16:9", "imageSize": "1K", "imageOutputOptions": {"mimeType": "image/jpeg", **opts}}}}
        r = _post(server, f"/v1beta/models/{MODEL}:generateContent", body)
        return len(base64.b64decode(r.json()["candidates"][0]["content"]["parts"][1]["inlineData"]["data"]))

    assert jpeg_bytes({"compressionQuality": 50}) < 0.8 * jpeg_bytes({})


def test_genai_client_errors_use_the_gemini_shape(client):
    with pytest.raises(genai_errors.ClientError) as e:
        client.models.generate_content(model="onbrand-nope", contents="x")
    assert e.value.code == 404 and e.value.status == "NOT_FOUND"
    with pytest.raises(genai_errors.ClientError) as e:
        client.models.generate_content(model=MODEL, contents="x", config=_config("7:5", "1K"))
    assert e.value.code == 400 and e.value.status == "INVALID_ARGUMENT" and "aspectRatio" in e.value.message


def test_genai_client_lists_models(client):
    assert [m.name for m in client.models.list()] == [f"models/{MODEL}"]


# -- raw HTTP: limits, names, auth, metrics ---------------------------------------------------


def _post(server, path, body, **kw):
    return httpx.post(server + path, json=body, headers={"x-goog-api-key": KEY}, timeout=60, **kw)


def _contents(text="sign in page", *parts):
    return {"contents": [{"parts": [{"text": text}, *parts]}],
            "generationConfig": {"imageConfig": {"aspectRatio": "16:9", "imageSize": "1K"}}}


@pytest.mark.parametrize("path", ["/v1beta/models/..%2F..%2Fetc%2Fpasswd:generateContent",
                                  "/v1beta/models/onbrand-..:generateContent",
                                  "/v1beta/models/%2e%2e:generateContent",
                                  "/v1beta/models/onbrand-harbor%00:generateContent",
                                  "/v1beta/models/ONBRAND-HARBOR:generateContent"])
def test_traversal_and_unknown_names_are_404(server, path):
    r = _post(server, path, _contents())
    assert r.status_code == 404
    assert r.json()["error"]["status"] == "NOT_FOUND"


@pytest.mark.parametrize("body, code, words", [
    (_contents(""), 400, "prompt is empty"),
    (_contents("x" * 5000), 400, "at most 4000"),
    ({"contents": []}, 400, "contents"),
    (_contents("a", {"inlineData": {"mimeType": "image/png", "data": "not base64!!"}}), 400, "not base64"),
    (_contents("a", {"inlineData": {"mimeType": "image/png", "data": base64.b64encode(b"hello").decode()}}), 400,
     "cannot read"),
    ({**_contents(), "generationConfig": {"responseModalities": ["TEXT"]}}, 400, "IMAGE"),
    ({**_contents(), "generationConfig": {"imageConfig": {"outputMimeType": "image/gif"}}}, 400, "image/gif"),
])
def test_bad_gemini_requests_get_one_line_400s(server, body, code, words):
    r = _post(server, f"/v1beta/models/{MODEL}:generateContent", body)
    assert r.status_code == code
    err = r.json()["error"]
    assert err["code"] == code and words in err["message"] and "\n" not in err["message"]


def test_reference_image_pixel_limit(server):
    buf = io.BytesIO()
    Image.new("1", (5000, 4000)).save(buf, "PNG")  # 20 MP, a few kB
    part = {"inlineData": {"mimeType": "image/png", "data": base64.b64encode(buf.getvalue()).decode()}}
    r = _post(server, f"/v1beta/models/{MODEL}:generateContent", _contents("a", part))
    assert r.status_code == 413 and "5000×4000" in r.json()["error"]["message"]


def test_api_key_on_every_route_but_healthz(server):
    assert httpx.get(server + "/healthz").status_code == 200
    for path in ("/v1/systems", "/metrics", "/openapi.json", "/v1beta/models"):
        r = httpx.get(server + path)
        assert r.status_code == 401 and r.json()["error"]["status"] == "UNAUTHENTICATED"
    assert httpx.get(server + "/v1/systems", headers={"x-goog-api-key": "wrong"}).status_code == 403
    assert httpx.get(server + "/v1/systems", params={"key": KEY}).status_code == 200
    assert httpx.get(server + "/v1/systems", headers={"Authorization": f"Bearer {KEY}"}).status_code == 200
    r = httpx.post(server + f"/v1beta/models/{MODEL}:generateContent", json=_contents())
    assert r.status_code == 401


def test_systems_and_openapi(server):
    sys_ = httpx.get(server + "/v1/systems", params={"key": KEY}).json()
    assert [s["model"] for s in sys_["systems"]] == [MODEL]
    assert sys_["systems"][0]["palette"]["primary"] == "#0e5e71"
    assert sys_["sizes"]["16:9"]["4K"] == "3840x2160"
    paths = httpx.get(server + "/openapi.json", params={"key": KEY}).json()["paths"]
    assert {"/v1beta/models/{model}:generateContent", "/v1/generate", "/v1/systems", "/healthz",
            "/metrics"} <= set(paths)


def test_metrics_count_routes_codes_and_latency(server):
    _post(server, f"/v1beta/models/{MODEL}:generateContent", _contents())
    _post(server, "/v1beta/models/onbrand-nope:generateContent", _contents())
    text = httpx.get(server + "/metrics", params={"key": KEY}).text
    route = "/v1beta/models/{model}:generateContent"
    assert f'onbrand_requests_total{{route="{route}",method="POST",code="200"}}' in text
    assert f'onbrand_requests_total{{route="{route}",method="POST",code="404"}}' in text
    assert f'onbrand_request_duration_seconds_bucket{{route="{route}",le="+Inf"}}' in text
    assert "onbrand_queue_depth 0" in text and 'onbrand_rejections_total{reason="queue_full"}' in text
    assert 'onbrand_image_bytes_total{mime_type="image/png"}' in text


# -- native API --------------------------------------------------------------------------------


def test_native_generate(server):
    r = _post(server, "/v1/generate", {"prompt": "account settings", "size": "800x600", "format": "jpeg",
                                       "seed": 3, "steps": 4, "sampler": "procedural", "mode": "dark",
                                       "include_svg": True})
    assert r.status_code == 200, r.text
    j = r.json()
    data = base64.b64decode(j["image"]["data"])
    assert j["image"]["bytes"] == len(data) and data[:3] == b"\xff\xd8\xff"
    assert Image.open(io.BytesIO(data)).size == (800, 600)
    assert j["archetype"] == "settings" and j["device"] == "tablet" and j["mode"]["theme"] == "dark"
    assert j["scene"]["width"] == 800 and j["svg"].startswith("<svg")
    assert {"retrieve", "layout", "render", "encode"} <= set(j["timings"])
    assert any(p["kind"] == "color" and p["source"] for p in j["provenance"]["retrieved"])
    # steps and sampler reach the engine when it takes them; otherwise they are reported, not passed
    assert any("steps" in w for w in j["warnings"]) == ("steps" not in _generate_params())
    bad = _post(server, "/v1/generate", {"prompt": "account settings", "size": "800x600", "sampler": "ddim"})
    if "sampler" in _generate_params():
        assert bad.status_code == 400 and "unknown sampler" in bad.json()["error"]["message"]


def _generate_params():
    import inspect

    return inspect.signature(Engine.generate).parameters


@pytest.mark.parametrize("body, code", [({"prompt": "x", "system": "nope"}, 404),
                                        ({"prompt": "x", "size": "big"}, 400),
                                        ({"prompt": "x", "size": "8000x8000"}, 400),
                                        ({"prompt": "   "}, 400),
                                        ({"prompt": "x", "mode": "neon"}, 400),
                                        ({"prompt": "x", "format": "gif"}, 400),
                                        ({"prompt": "x", "steps": 0}, 400)])
def test_native_generate_rejects_bad_input(server, body, code):
    r = _post(server, "/v1/generate", body)
    assert r.status_code == code and r.json()["error"]["code"] == code


class _SamplingEngine(Engine):
    """An engine whose generate takes steps and sampler, as a sampling engine does."""

    def generate(self, prompt, seed=0, size=None, device="desktop", format="png", mode=None, steps=1,
                 sampler="euler", reference_images=None):
        gen = super().generate(prompt, seed=seed, size=size, device=device, format=format, mode=mode)
        gen.warnings.append(f"sampled {steps} steps with {sampler}; {len(reference_images or [])} references")
        return gen


def test_steps_sampler_and_references_reach_an_engine_that_takes_them(harbor_engine):
    eng = _SamplingEngine(harbor_engine.ds, store=harbor_engine.store)
    with TestClient(create_app({MODEL: eng})) as tc:
        j = tc.post("/v1/generate", json={"prompt": "x", "size": "320x200", "steps": 3, "sampler": "ddim"}).json()
        assert "sampled 3 steps with ddim; 0 references" in j["warnings"]
        buf = io.BytesIO()
        Image.new("RGB", (64, 64), "white").save(buf, "PNG")
        part = {"inlineData": {"mimeType": "image/png", "data": base64.b64encode(buf.getvalue()).decode()}}
        r = tc.post(f"/v1beta/models/{MODEL}:generateContent", json=_contents("a", part))
        assert "passed to the engine" in r.json()["candidates"][0]["content"]["parts"][0]["text"]


def test_body_size_limit(engines):
    with TestClient(create_app(engines, Limits(max_body_bytes=2000))) as tc:
        r = tc.post(f"/v1beta/models/{MODEL}:generateContent", json=_contents("x" * 3000))
        assert r.status_code == 413 and r.json()["error"]["status"] == "INVALID_ARGUMENT"
        # streamed without a Content-Length: cut off while reading
        r = tc.post(f"/v1beta/models/{MODEL}:generateContent", content=iter([b"x" * 1000] * 3),
                    headers={"content-type": "application/json"})
        assert r.status_code == 413 and "over 2000 bytes" in r.json()["error"]["message"]


# -- admission --------------------------------------------------------------------------------


def test_admission_bounds_running_and_waiting():
    async def scenario():
        adm = Admission(Limits(max_concurrent=1, max_queue=1, max_per_key=5, timeout_s=5, retry_after_s=2))
        release = threading.Event()
        first = asyncio.create_task(adm.run("a", lambda: release.wait(5) and "one"))
        await asyncio.sleep(0.05)
        second = asyncio.create_task(adm.run("b", lambda: "two"))
        await asyncio.sleep(0.05)
        assert (adm.running, adm.waiting) == (1, 1)
        with pytest.raises(Rejected) as e:
            await adm.run("c", lambda: "three")
        assert e.value.code == 503 and e.value.retry_after == 2
        release.set()
        assert await first == "one" and await second == "two"
        assert (adm.running, adm.waiting) == (0, 0)
        adm.close()

    asyncio.run(scenario())


def test_admission_per_key_cap_and_timeout():
    async def scenario():
        rejected = []
        adm = Admission(Limits(max_concurrent=1, max_queue=4, max_per_key=1, timeout_s=0.2),
                        on_reject=rejected.append)
        release = threading.Event()
        slow = asyncio.create_task(adm.run("k", lambda: release.wait(5)))
        await asyncio.sleep(0.05)
        with pytest.raises(Rejected) as e:
            await adm.run("k", lambda: None)
        assert e.value.code == 429
        with pytest.raises(Rejected) as e:  # times out waiting for the slot
            await adm.run("other", lambda: None)
        assert e.value.code == 504
        with pytest.raises(Rejected):  # the slow one passes its own deadline
            await slow
        assert adm.running == 1  # …but its slot is held until its thread ends
        release.set()
        for _ in range(100):
            if adm.running == 0:
                break
            await asyncio.sleep(0.01)
        assert adm.running == 0
        assert await adm.run("k", lambda: 42) == 42
        assert rejected == ["per_key", "timeout", "timeout"]
        adm.close()

    asyncio.run(scenario())


# -- CLI --------------------------------------------------------------------------------------


def test_serve_refuses_an_open_host_without_a_key(tmp_path):
    r = CliRunner().invoke(main, ["serve", str(tmp_path), "--host", "0.0.0.0"])
    assert r.exit_code == 2 and "--api-key" in r.output
    r = CliRunner().invoke(main, ["serve", str(tmp_path / "missing")])
    assert r.exit_code == 2


# -- load test --------------------------------------------------------------------------------


def test_loadtest_level_against_the_server(server):
    from onbrand.loadtest import run_level

    lvl = run_level(server, MODEL, KEY, concurrency=2, requests=4, seconds=30, aspect="1:1", size="1K",
                    mime="image/webp")
    assert lvl["requests"] == lvl["ok"] == 4 and lvl["unintended_5xx"] == 0
    assert 0 < lvl["p50_s"] <= lvl["p99_s"] and lvl["mean_image_bytes"] > 1000


def test_loadtest_refuses_other_hosts():
    from onbrand.loadtest import main as loadtest

    with pytest.raises(SystemExit) as e:
        loadtest(["--url", "http://192.0.2.1:8080", "--soak", "0"])
    assert e.value.code == 2


class _GatedEngine(Engine):
    """An engine that holds each generation until the test lets it go."""

    gate = threading.Event()

    def generate(self, *args, **kwargs):
        self.gate.wait(10)
        return super().generate(*args, **kwargs)


def test_saturated_server_answers_503_with_retry_after(harbor_engine):
    eng = _GatedEngine(harbor_engine.ds, store=harbor_engine.store)
    limits = Limits(max_concurrent=1, max_queue=0, retry_after_s=3)
    body = {"prompt": "x", "size": "320x200"}
    with TestClient(create_app({MODEL: eng}, limits)) as tc:
        first: dict = {}
        th = threading.Thread(target=lambda: first.update(r=tc.post("/v1/generate", json=body)))
        th.start()
        for _ in range(200):
            if "onbrand_generations_in_flight 1" in tc.get("/metrics").text:
                break
            time.sleep(0.01)
        r = tc.post(f"/v1beta/models/{MODEL}:generateContent", json=_contents())
        assert r.status_code == 503 and r.headers["retry-after"] == "3"
        assert r.json()["error"]["status"] == "UNAVAILABLE"
        eng.gate.set()
        th.join(10)
        assert first["r"].status_code == 200
        assert 'onbrand_rejections_total{reason="queue_full"} 1' in tc.get("/metrics").text


def test_genai_client_streaming(client):
    chunks = list(client.models.generate_content_stream(model=MODEL, contents="sign in page",
                                                        config=_config("3:2", "1K")))
    assert len(chunks) == 1
    im = Image.open(io.BytesIO(_image_parts(chunks[0])[0].inline_data.data))
    assert im.size == SIZES["3:2"]["1K"]


# -- editable outputs beside the image ---------------------------------------------------------


def test_genai_client_asks_for_html_and_svg_beside_the_image(client):
    resp = client.models.generate_content(model=MODEL, contents="account settings with a save button",
                                          config=_config("16:9", "1K", response_mime_type="text/html,image/svg+xml"))
    by_mime = {p.inline_data.mime_type: p.inline_data.data for p in _image_parts(resp)}
    assert set(by_mime) == {"image/png", "text/html", "image/svg+xml"}
    html = by_mime["text/html"].decode()
    assert html.lstrip().lower().startswith("<!doctype html") and "var(--" in html
    assert by_mime["image/svg+xml"].decode().lstrip().startswith(("<svg", "<?xml"))


def test_native_generate_returns_html_and_bad_extra_mime_is_400(server):
    r = _post(server, "/v1/generate", {"prompt": "account settings", "size": "800x600", "sampler": "procedural",
                                       "include_html": True, "include_svg": True})
    assert r.status_code == 200, r.text
    j = r.json()
    assert "<main" in j["html"] and j["svg"].startswith("<svg")
    bad = _post(server, f"/v1beta/models/{MODEL}:generateContent",
                {**_contents("a"), "generationConfig": {"responseMimeType": "application/pdf"}})
    assert bad.status_code == 400 and "responseMimeType" in bad.json()["error"]["message"]
