"""The HTTP API's routes: `create_app` builds the FastAPI app (Gemini routes under /v1beta/ and
/v1/, the native /v1/generate, systems, health, metrics), the gate middleware (body limits, API
key, request metrics) and `load_engines`."""

from __future__ import annotations

import asyncio
import base64
import binascii
import hmac
import inspect
import io
import json
import logging
import re
import time
import uuid
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import BaseModel, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from engine.api import Engine, Generation
from onbrand.server.admission import Admission, Limits, Metrics, Rejected
from onbrand.server.answer import Blobs, json_answer, json_with_blobs
from onbrand.server.gemini import (
    API_VERSIONS,
    MIME,
    SIZES,
    STATUS_NAMES,
    GenerateContentRequest,
    GenerateRequest,
    GenerationConfig,
    ImageConfig,
    ImageOutputOptions,
    InlineData,
    error_responses,
    gemini_size,
    image_tokens,
    model_name,
    shown,
)
from scene.devices import DEVICES, device_for_size

__all__ = ["create_app", "load_engines"]

log = logging.getLogger("onbrand.server")


_FORMAT_OF_MIME = {"image/png": "png", "image/jpeg": "jpeg", "image/jpg": "jpeg", "image/webp": "webp"}
_REFERENCE_FORMATS = {"PNG", "JPEG", "WEBP"}
#: Documents a Gemini request can ask for beside the image (generationConfig.responseMimeType).
_EXTRA_MIMES = {"text/html": lambda gen: gen.html(), "image/svg+xml": lambda gen: gen.svg}
#: Engine.generate keyword that takes reference images, when the engine has one.
_REFERENCE_PARAMS = ("reference_images", "references")
#: seeds: int32 and uint32 both fit
_SIZE_RE = re.compile(r"\s*(\d{1,6})\s*[x×]\s*(\d{1,6})\s*", re.IGNORECASE)
_MODEL_RE = re.compile(r"onbrand-[a-z0-9][a-z0-9-]{0,62}")
_KEY_REQUIRED = "an API key is required (x-goog-api-key header, ?key= or Authorization: Bearer)"
_TOKEN_RE = re.compile(r"\w+|[^\w\s]")


# -- limits and admission ---------------------------------------------------------------------


# -- metrics ----------------------------------------------------------------------------------


# -- request models ---------------------------------------------------------------------------


# -- helpers ----------------------------------------------------------------------------------


def error_response(code: int, message: str, retry_after: int | None = None, headers: Mapping[str, str] | None = None,
           close: bool = False) -> JSONResponse:
    """A Gemini-shaped error answer; `close` ends the connection after it (a body left unread)."""
    headers = dict(headers or {})
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    if close:
        headers["Connection"] = "close"
    # one line, and always encodable: a lone surrogate echoed from a request cannot break the answer
    message = " ".join(str(message).split()).encode("utf-8", "backslashreplace").decode("utf-8")
    return JSONResponse({"error": {"code": code, "message": message, "status": STATUS_NAMES.get(code, "UNKNOWN")}},
                        status_code=code, headers=headers or None)


def _validation_message(errors: list) -> str:
    """The first pydantic error as ``where: what`` (never the offending input itself)."""
    err = (errors or [{}])[0]
    where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
    msg = err.get("msg", "invalid request")
    return f"{where}: {msg}" if where else msg


def _check_strings(data: Any) -> None:
    """Rejected (400) for a string a JSON escape left unencodable: a lone UTF-16 surrogate."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            strings = (item,)
        elif isinstance(item, dict):
            strings = tuple(item)  # JSON keys are strings
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
            continue
        else:
            continue
        for text in strings:
            if not text.isascii():
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError as e:
                    bad = text[e.start:e.end].encode("unicode_escape").decode("ascii")
                    raise Rejected(400, f"the request has a lone UTF-16 surrogate ({bad}) in a string; "
                                        "send valid Unicode") from None


def _parse_body(raw: bytes, model: type[BaseModel], limits: Limits) -> Any:
    """A request body as `model`; Rejected with a one-line reason. Runs on a worker thread."""
    if not raw.strip():
        raise Rejected(400, "the request body is empty; send a JSON object")
    # every JSON value but the first adds a comma or opens a container: a cheap, safe upper bound
    # that refuses millions of tiny values before they are parsed into millions of objects
    values = raw.count(b",") + raw.count(b"{") + raw.count(b"[")
    if values > limits.max_json_values:
        raise Rejected(413, f"the request body has over {limits.max_json_values} JSON values")
    try:
        data = json.loads(raw)
    except RecursionError:
        raise Rejected(400, "the request body is not valid JSON: nested too deeply") from None
    except ValueError as e:  # JSONDecodeError, UnicodeDecodeError, an integer of too many digits
        raise Rejected(400, f"the request body is not valid JSON: {_one_line(e)}") from None
    _check_strings(data)
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise Rejected(400, _validation_message(e.errors(include_input=False))) from None
    except RecursionError:
        raise Rejected(400, "the request body is nested too deeply") from None


def _presented_key(scope: Mapping[str, Any]) -> str | None:
    """The API key a request presents, read in one order everywhere (authentication and the
    per-key limit alike): the x-goog-api-key header, then Authorization: Bearer, then ?key=.
    A repeated header counts once: its first value."""
    from urllib.parse import parse_qs

    header = bearer = None
    for k, v in scope.get("headers", []):
        name = k.decode("latin-1").lower()
        if name == "x-goog-api-key" and header is None:
            header = v.decode("latin-1")
        elif name == "authorization" and bearer is None:
            value = v.decode("latin-1")
            bearer = value[7:].strip() if value[:7].lower() == "bearer " else ""
    if header is not None:
        return header
    if bearer:
        return bearer
    query = scope.get("query_string", b"").decode("latin-1")
    return (parse_qs(query, keep_blank_values=True).get("key") or [None])[0]


def _one_line(e: BaseException, n: int = 300) -> str:
    text = str(e).strip().splitlines()
    line = text[0] if text else type(e).__name__
    return line if len(line) <= n else line[:n] + "…"


def _accepts(engine: Engine, name: str) -> bool:
    try:
        return name in inspect.signature(engine.generate).parameters
    except (TypeError, ValueError):
        return False


def _encode(gen: Generation, fmt: str, quality: int | None) -> bytes:
    if quality is None or fmt == "png":
        return gen.encode(fmt)
    buf = io.BytesIO()
    if fmt == "jpeg":
        gen.image.save(buf, "JPEG", quality=quality)
    else:
        gen.image.save(buf, "WEBP", quality=quality, method=2)
    return buf.getvalue()


def _add_stages(spans: dict[str, float], gen: Generation) -> None:
    """Add a generation's own stage timings (retrieve, sample, layout, render, encode) to `spans`."""
    for stage in ("retrieve", "sample", "layout", "render", "encode"):
        if stage in gen.timings:
            spans[stage] = spans.get(stage, 0.0) + gen.timings[stage]


def _palette(engine: Engine) -> dict[str, str]:
    ds = engine.ds
    palette = {r.role: r.hex for r in ds.roles}
    for c in ds.colors:
        if c.alpha >= 0.999:
            palette.setdefault(c.name, c.hex)
    return palette


def _decode_reference(index: int, blob: InlineData, limits: Limits):
    """A reference image as a PIL image, checked against the limits; Rejected names the image."""
    from PIL import Image

    what = f"reference image {index}"
    if len(blob.data) * 3 // 4 > limits.max_reference_bytes + 3:
        raise Rejected(413, f"{what} is over {limits.max_reference_bytes} bytes")
    try:
        raw = base64.b64decode(blob.data.replace("-", "+").replace("_", "/"), validate=True)
    except (binascii.Error, ValueError):
        raise Rejected(400, f"{what}: inlineData.data is not base64") from None
    if len(raw) > limits.max_reference_bytes:
        raise Rejected(413, f"{what} is {len(raw)} bytes; at most {limits.max_reference_bytes}")
    try:
        im = Image.open(io.BytesIO(raw))
        if im.format not in _REFERENCE_FORMATS:
            raise Rejected(400, f"{what} is {im.format or 'an unknown format'}; send PNG, JPEG or WebP")
        if im.width * im.height > limits.max_reference_pixels:
            raise Rejected(413, f"{what} is {im.width}×{im.height} pixels; at most "
                                f"{limits.max_reference_pixels} pixels")
        im.load()
    except Rejected:
        raise
    except Exception as e:  # noqa: BLE001 -- truncated, hostile or mislabelled data: one line back
        raise Rejected(400, f"{what}: cannot read the image ({_one_line(e)})") from None
    return im.convert("RGB"), len(raw)


def _score_reference(index: int, im, nbytes: int, mime: str, engine: Engine) -> dict:
    """How closely a reference image follows the system's palette (eval.palette_adherence)."""
    from PIL import Image

    from eval import palette_adherence

    small = im.copy()
    small.thumbnail((512, 512), Image.Resampling.NEAREST)  # nearest keeps colours exact
    rep = palette_adherence(small, _palette(engine))
    return {"index": index, "mime_type": mime, "width": im.width, "height": im.height, "bytes": nbytes,
            "palette_adherence": round(rep.palette_adherence, 4),
            "off_palette": [o.hex for o in rep.off_palette[:3]]}


def load_engines(folders: list[str], store_root: str | None = None) -> dict[str, Engine]:
    """One warm Engine per folder, keyed by model name; ValueError for a duplicate name."""
    from pathlib import Path

    engines: dict[str, Engine] = {}
    for folder in folders:
        store = Path(store_root) / Path(folder).resolve().name if store_root else None
        engine = Engine.from_folder(folder, store=store)
        name = model_name(engine.ds.name or Path(folder).name)
        if name in engines:
            raise ValueError(f"{folder}: two systems are both named {name}; serve one of them")
        engine.generate("dashboard", size=(320, 180))  # warm fonts, icons and caches
        engines[name] = engine
    return engines


# -- the app ----------------------------------------------------------------------------------


class _Gate:
    """ASGI middleware: API key, body size and read-time limits, and request metrics by route template.

    The body is cut off past `Limits.max_body_bytes` (413) or `Limits.body_timeout_s` after the
    headers (408): the app's read raises `Rejected`, answered with ``Connection: close``.
    """

    def __init__(self, app, *, limits: Limits, api_key: str | None, metrics: Metrics):
        self.app, self.limits, self.api_key, self.metrics = app, limits, api_key, metrics

    def _authorised(self, scope) -> bool | None:
        given = _presented_key(scope)
        if given is None:
            return None
        return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), self.api_key.encode())

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        t0 = time.perf_counter()
        status = {"code": 500}
        limit = self.limits.max_body_bytes

        async def send_wrapper(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            if self.api_key and scope["path"] != "/healthz":
                ok = self._authorised(scope)
                if not ok:
                    code, msg = (401, _KEY_REQUIRED) if ok is None else (403, "the API key is not valid")
                    return await error_response(code, msg)(scope, receive, send_wrapper)
            length = dict(scope.get("headers", [])).get(b"content-length")
            if length is not None and length.isdigit() and int(length) > limit:
                return await error_response(413, f"the request body is over {limit} bytes", close=True)(
                    scope, receive, send_wrapper)
            loop = asyncio.get_running_loop()
            deadline = loop.time() + self.limits.body_timeout_s
            seen = 0
            body_done = False

            async def limited_receive():
                nonlocal seen, body_done
                if body_done:  # e.g. waiting for a disconnect: no deadline
                    return await receive()
                try:
                    message = await asyncio.wait_for(receive(), max(deadline - loop.time(), 0.001))
                except TimeoutError:
                    raise Rejected(408, f"the request body did not arrive within {self.limits.body_timeout_s:g} s",
                                   headers={"Connection": "close"}) from None
                if message["type"] == "http.request":
                    seen += len(message.get("body", b""))
                    if seen > limit:  # stop reading
                        raise Rejected(413, f"the request body is over {limit} bytes", headers={"Connection": "close"})
                    body_done = not message.get("more_body", False)
                else:
                    body_done = True
                return message

            await self.app(scope, limited_receive, send_wrapper)
        finally:
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            self.metrics.observe(route, scope["method"], status["code"], time.perf_counter() - t0)


def create_app(engines: Mapping[str, Engine], limits: Limits | None = None, api_key: str | None = None) -> FastAPI:
    """The FastAPI app serving `engines` (model name -> Engine, as `load_engines` returns)."""
    limits = limits or Limits()
    metrics = Metrics()
    state: dict[str, Any] = {}

    def admission() -> Admission:  # created inside the serving event loop
        if "a" not in state:
            state["a"] = Admission(limits, on_reject=lambda reason: metrics.rejections.update([reason]))
        return state["a"]

    def parse_pool() -> ThreadPoolExecutor:
        if "p" not in state:
            state["p"] = ThreadPoolExecutor(2, thread_name_prefix="onbrand-parse")
        return state["p"]

    async def parsed(request: Request, model: type[BaseModel], spans: dict[str, float] | None = None) -> Any:
        """The body as `model`: read on the loop (bounded by _Gate), parsed and validated off it;
        the seconds of each go in `spans` ("read", "parse") when given."""
        t = time.perf_counter()
        raw = await request.body()
        t1 = time.perf_counter()
        body = await asyncio.get_running_loop().run_in_executor(parse_pool(), _parse_body, raw, model, limits)
        if spans is not None:
            spans["read"], spans["parse"] = t1 - t, time.perf_counter() - t1
        return body

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        # an app may be served again (another server, another test client): start afresh then
        if "a" in state:
            state.pop("a").close()
        if "p" in state:
            state.pop("p").shutdown(wait=False, cancel_futures=True)

    app = FastAPI(title="onbrand", version="0.1.0", lifespan=lifespan,
                  description="On-brand UI mocks at native resolution from design-system folders. "
                              "Speaks the Gemini image-generation interface (`generateContent`).")
    app.state.limits, app.state.metrics, app.state.engines = limits, metrics, dict(engines)
    app.add_middleware(_Gate, limits=limits, api_key=api_key, metrics=metrics)

    @app.exception_handler(Rejected)
    async def _rejected(_req: Request, e: Rejected):
        return error_response(e.code, e.message, e.retry_after, headers=e.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_req: Request, e: RequestValidationError):
        return error_response(400, _validation_message(e.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def _http(req: Request, e: StarletteHTTPException):
        msg = f"no route {shown(req.url.path)}" if e.status_code == 404 else str(e.detail)
        return error_response(e.status_code, msg, headers=e.headers)

    @app.exception_handler(ClientDisconnect)
    async def _gone(_req: Request, _e: ClientDisconnect):  # nobody reads this answer
        return error_response(400, "the client disconnected before sending the whole body", close=True)

    @app.exception_handler(Exception)
    async def _failed(_req: Request, e: Exception):  # a bug: one line to the client, the traceback to the log
        log.error("request failed", exc_info=e)
        return error_response(500, f"internal error: {type(e).__name__}")

    def openapi() -> dict:
        """The OpenAPI document: request bodies from the models (parsed off the loop, so not
        FastAPI-bound) and the error answers each route really gives, none of them 422."""
        if app.openapi_schema:
            return app.openapi_schema
        doc = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        schemas = doc.setdefault("components", {}).setdefault("schemas", {})
        for name in ("HTTPValidationError", "ValidationError"):
            schemas.pop(name, None)
        for model in (GenerateContentRequest, GenerateRequest):
            js = model.model_json_schema(by_alias=True, ref_template="#/components/schemas/{model}")
            schemas.update(js.pop("$defs", {}))
            schemas[model.__name__] = js
        for ops in doc.get("paths", {}).values():
            for op in ops.values():
                op.get("responses", {}).pop("422", None)
        app.openapi_schema = doc
        return doc

    app.openapi = openapi  # type: ignore[method-assign]

    def body_of(model: type[BaseModel]) -> dict:
        return {"requestBody": {"required": True, "content": {"application/json": {
            "schema": {"$ref": f"#/components/schemas/{model.__name__}"}}}}}

    def engine_for(model: str) -> tuple[str, Engine]:
        name = model.removeprefix("models/")
        if not _MODEL_RE.fullmatch(name) or name not in engines:
            raise Rejected(404, f"model {shown(name)!r} is not served here; models: {', '.join(engines)}")
        return name, engines[name]

    def client_key(req: Request) -> str:
        """Whom the per-key limit counts: the API key when the server has one (it is checked, so it
        is read exactly as authentication reads it), else the client's address: a key the server
        does not check is no identity."""
        if api_key:
            return f"key:{_presented_key(req.scope)}"
        return f"addr:{req.client.host if req.client else '?'}"

    def run_engine(engine: Engine, prompt: str, *, seed: int, size, device: str, fmt: str,
                   mode=None, steps=None, sampler=None, references=None) -> tuple[Generation, list[str]]:
        kwargs: dict[str, Any] = {"seed": seed, "size": size, "device": device, "format": fmt}
        notes: list[str] = []
        if mode:
            kwargs["mode"] = mode
        for name, value in (("steps", steps), ("sampler", sampler)):
            if value is not None:
                if _accepts(engine, name):
                    kwargs[name] = value
                else:
                    notes.append(f"{name} ignored: this engine has no {name} setting")
        if references:
            param = next((p for p in _REFERENCE_PARAMS if _accepts(engine, p)), None)
            if param:
                kwargs[param] = references
        try:
            return engine.generate(prompt, **kwargs), notes
        except ValueError as e:
            raise Rejected(400, _one_line(e)) from None

    async def generate(req: Request, job: Callable[[], Any], spans: dict[str, float] | None = None):
        try:
            return await admission().run(client_key(req), job, spans=spans)
        except Rejected:
            raise
        except Exception as e:  # an engine failure: one line to the client, the traceback to the log
            log.exception("generation failed")
            raise Rejected(500, f"generation failed: {_one_line(e)}") from None

    def check_prompt(prompt: str) -> str:
        prompt = prompt.strip()
        if not prompt:
            raise Rejected(400, "the prompt is empty; describe the screen, e.g. \"checkout page with order summary\"")
        if len(prompt) > limits.max_prompt_chars:
            raise Rejected(400, f"the prompt is {len(prompt)} characters; at most {limits.max_prompt_chars}")
        return prompt

    # -- Gemini ------------------------------------------------------------------------------

    def gemini_model(name: str, engine: Engine) -> dict:
        return {"name": f"models/{name}", "baseModelId": name, "version": "1", "displayName": f"onbrand {engine.ds.name}",
                "description": f"On-brand UI mocks in the {engine.ds.name} design system",
                "inputTokenLimit": limits.max_prompt_chars, "outputTokenLimit": 0,
                "supportedGenerationMethods": ["generateContent"]}

    async def list_models():
        return {"models": [gemini_model(n, e) for n, e in engines.items()]}

    async def get_model(model: str):
        method = model.rpartition(":")[2]
        if method in ("generateContent", "streamGenerateContent"):
            raise Rejected(405, f"{method} takes POST", headers={"Allow": "POST"})
        name, engine = engine_for(model)
        return gemini_model(name, engine)

    async def generate_content(model: str, request: Request):
        return json_answer(*await gemini_generate(model, request))

    async def stream_generate_content(model: str, request: Request, alt: str | None = None):
        answer, spans = await gemini_generate(model, request)
        if alt == "sse":
            return json_answer(b"data: " + answer + b"\r\n\r\n", spans, media_type="text/event-stream")
        return json_answer(b"[" + answer + b"]", spans)

    gemini_body = body_of(GenerateContentRequest)
    generate_errors = error_responses(400, 401, 403, 404, 408, 413, 429, 503, 504)
    read_errors = error_responses(401, 403, 503)
    for version in API_VERSIONS:  # the same routes under each API version
        base = f"/{version}/models"
        app.post(base + "/{model}:generateContent", tags=["gemini"], responses=generate_errors,
                 summary=f"Generate a mock (Gemini generateContent, {version})", openapi_extra=gemini_body,
                 operation_id=f"generate_content_{version}")(generate_content)
        app.post(base + "/{model}:streamGenerateContent", tags=["gemini"], responses=generate_errors,
                 summary=f"Generate a mock, streamed: one chunk, the whole answer ({version})",
                 openapi_extra=gemini_body, operation_id=f"stream_generate_content_{version}")(stream_generate_content)
        app.get(base, tags=["gemini"], summary=f"The loaded design systems as Gemini models ({version})",
                responses=read_errors, operation_id=f"list_models_{version}")(list_models)
        # after the POST routes, so that another method on …:generateContent is told Allow: POST
        app.get(base + "/{model}", tags=["gemini"], summary=f"One model ({version})",
                responses=error_responses(401, 403, 404, 405, 503), operation_id=f"get_model_{version}")(get_model)

    async def gemini_generate(model: str, request: Request) -> tuple[bytes, dict[str, float]]:
        """The Gemini answer as JSON bytes (written on the generation thread) and its time spans."""
        t0 = time.perf_counter()
        spans: dict[str, float] = {}
        name, engine = engine_for(model)
        body: GenerateContentRequest = await parsed(request, GenerateContentRequest, spans)
        cfg = body.generation_config or GenerationConfig()
        icfg = cfg.image_config or ImageConfig()
        modalities = {m.upper() for m in (cfg.response_modalities or ["TEXT", "IMAGE"])}
        if "IMAGE" not in modalities:
            raise Rejected(400, "this model makes images: include IMAGE in generationConfig.responseModalities")
        try:
            size = gemini_size(icfg.aspect_ratio, icfg.image_size)
        except ValueError as e:
            raise Rejected(400, str(e)) from None
        opts = icfg.image_output_options or ImageOutputOptions()
        mime = (icfg.output_mime_type or opts.mime_type or "image/png").lower()
        if mime not in _FORMAT_OF_MIME:
            raise Rejected(400, f"output MIME type {shown(mime, 40)!r} is not one of image/png, image/jpeg, "
                                "image/webp")
        fmt = _FORMAT_OF_MIME[mime]
        quality = icfg.output_compression_quality or opts.compression_quality
        n = cfg.candidate_count or 1
        if n > limits.max_candidates:
            raise Rejected(400, f"generationConfig.candidateCount is {n}; at most {limits.max_candidates}")
        if len(body.contents) > limits.max_contents:
            raise Rejected(400, f"{len(body.contents)} contents; at most {limits.max_contents}")
        texts: list[str] = []
        blobs: list[InlineData] = []
        for content in ([body.system_instruction] if body.system_instruction else []) + body.contents:
            if len(content.parts) > limits.max_parts:
                raise Rejected(400, f"a content has {len(content.parts)} parts; at most {limits.max_parts}")
            for part in content.parts:
                if part.text:
                    texts.append(part.text)
                if part.inline_data is not None:
                    blobs.append(part.inline_data)
        prompt = check_prompt(" ".join(texts))
        if len(blobs) > limits.max_reference_images:
            raise Rejected(400, f"{len(blobs)} reference images; at most {limits.max_reference_images}")
        seed = cfg.seed or 0
        device = device_for_size(*size)
        extras = [m.strip().lower() for m in (cfg.response_mime_type or "").split(",") if m.strip()]
        bad = [m for m in extras if m not in _EXTRA_MIMES and m not in ("text/plain", "application/json")]
        if bad:
            raise Rejected(400, f"generationConfig.responseMimeType {shown(bad[0], 40)!r} is not one of "
                                "text/html, image/svg+xml")
        extras = [m for m in extras if m in _EXTRA_MIMES]

        passed = any(_accepts(engine, p) for p in _REFERENCE_PARAMS)

        def job():  # on a generation thread: decoding and scoring references is work too, and so is the answer
            t = time.perf_counter()
            images = [_decode_reference(i, b, limits) for i, b in enumerate(blobs, 1)]
            refs = [_score_reference(i, im, nb, b.mime_type, engine)
                    for i, ((im, nb), b) in enumerate(zip(images, blobs), 1)]
            if blobs:
                spans["references"] = time.perf_counter() - t
            results = []
            for k in range(n):
                gen, notes = run_engine(engine, prompt, seed=seed + k, size=size, device=device, fmt=fmt,
                                        references=[im for im, _ in images])
                _add_stages(spans, gen)
                docs = {m: _EXTRA_MIMES[m](gen).encode("utf-8") for m in extras}
                t = time.perf_counter()
                data = _encode(gen, fmt, quality)  # PNG: the bytes generate() encoded, not encoded again
                spans["encode"] = spans.get("encode", 0.0) + time.perf_counter() - t
                results.append((gen, data, notes, docs))
            t = time.perf_counter()
            answer = gemini_answer(name, engine, prompt, size, fmt, seed, modalities, refs, passed, results)
            spans["serialize"] = time.perf_counter() - t
            return answer, [len(data) for _, data, _, _ in results]

        answer, sizes = await generate(request, job, spans)
        for nbytes in sizes:
            metrics.images[MIME[fmt]] += 1
            metrics.image_bytes[MIME[fmt]] += nbytes
        spans["total"] = time.perf_counter() - t0
        return answer, spans

    def gemini_answer(name: str, engine: Engine, prompt: str, size: tuple[int, int], fmt: str, seed: int,
                      modalities: set[str], refs: list[dict], passed: bool, results: list) -> bytes:
        """A generateContent answer as JSON bytes, each image and document base64-encoded once."""
        blobs = Blobs()
        candidates = []
        out_tokens = 0
        for k, (gen, data, notes, docs) in enumerate(results):
            out_tokens += image_tokens(*size)
            parts: list[dict] = []
            if "TEXT" in modalities:
                parts.append({"text": _describe(name, engine, gen, size, MIME[fmt], len(data), seed + k, refs, passed,
                                                notes)})
            parts.append({"inlineData": {"mimeType": MIME[fmt], "data": blobs.add(data)}})
            parts += [{"inlineData": {"mimeType": m, "data": blobs.add(doc)}} for m, doc in docs.items()]
            candidates.append({"content": {"role": "model", "parts": parts}, "finishReason": "STOP", "index": k})
        text_tokens = len(_TOKEN_RE.findall(prompt))
        ref_tokens = sum(image_tokens(r["width"], r["height"]) for r in refs)
        prompt_details = [{"modality": "TEXT", "tokenCount": text_tokens}]
        if refs:
            prompt_details.append({"modality": "IMAGE", "tokenCount": ref_tokens})
        return json_with_blobs(
            {"candidates": candidates,
             "usageMetadata": {"promptTokenCount": text_tokens + ref_tokens, "candidatesTokenCount": out_tokens,
                               "totalTokenCount": text_tokens + ref_tokens + out_tokens,
                               "promptTokensDetails": prompt_details,
                               "candidatesTokensDetails": [{"modality": "IMAGE", "tokenCount": out_tokens}]},
             "modelVersion": name, "responseId": uuid.uuid4().hex}, blobs)

    # -- native ------------------------------------------------------------------------------

    @app.post("/v1/generate", tags=["native"], summary="Generate a mock (native)",
              openapi_extra=body_of(GenerateRequest), responses=generate_errors)
    async def native_generate(request: Request):
        t0 = time.perf_counter()
        spans: dict[str, float] = {}
        body: GenerateRequest = await parsed(request, GenerateRequest, spans)
        if body.system:
            name, engine = engine_for(body.system if body.system.startswith("onbrand-") else model_name(body.system))
        elif len(engines) == 1:
            name, engine = next(iter(engines.items()))
        else:
            raise Rejected(400, f"name a system: {', '.join(engines)}")
        prompt = check_prompt(body.prompt)
        if body.size:
            m = _SIZE_RE.fullmatch(body.size)
            if not m:
                raise Rejected(400, f"size {shown(body.size, 40)!r} is not WIDTHxHEIGHT, e.g. 3840x2160")
            size = (int(m[1]), int(m[2]))
            if not (64 <= size[0] <= 16384 and 64 <= size[1] <= 16384):
                raise Rejected(400, f"size {size[0]}x{size[1]} is outside 64–16384 pixels per side")
        elif body.aspect_ratio or body.image_size:
            try:
                size = gemini_size(body.aspect_ratio, body.image_size)
            except ValueError as e:
                raise Rejected(400, str(e).replace("imageConfig.", "")) from None
        else:
            size = DEVICES[body.device or "desktop"][0]
        if size[0] * size[1] > limits.max_output_pixels:
            raise Rejected(400, f"size {size[0]}x{size[1]} is over {limits.max_output_pixels} pixels")
        device = body.device or (device_for_size(*size) if body.size or body.aspect_ratio else "desktop")

        if len(body.reference_images) > limits.max_reference_images:
            raise Rejected(400, f"{len(body.reference_images)} reference images; at most {limits.max_reference_images}")

        def job():  # the generation and the whole answer, written on the generation thread
            t = time.perf_counter()
            images = [_decode_reference(i, b, limits)[0] for i, b in enumerate(body.reference_images, 1)]
            if images:
                spans["references"] = time.perf_counter() - t
            gen, notes = run_engine(engine, prompt, seed=body.seed, size=size, device=device, fmt=body.format,
                                    mode=body.mode, steps=body.steps, sampler=body.sampler, references=images)
            _add_stages(spans, gen)
            html = gen.html() if body.include_html else None
            t = time.perf_counter()
            data = _encode(gen, body.format, body.quality)
            spans["encode"] = spans.get("encode", 0.0) + time.perf_counter() - t
            t = time.perf_counter()
            blobs = Blobs()
            cond = gen.conditioning
            out = {"model": name, "system": engine.ds.name,
                   "image": {"mime_type": MIME[body.format], "width": size[0], "height": size[1], "bytes": len(data),
                             "data": blobs.add(data)},
                   "format": body.format, "device": gen.device, "seed": body.seed, "mode": gen.mode,
                   "archetype": gen.scene.archetype, "timings": gen.timings,
                   "provenance": {"archetype": cond.get("archetype"), "density": cond.get("density"),
                                  "retrieved": cond.get("retrieved", []), "references": cond.get("references", []),
                                  "rules": cond.get("rules", [])},
                   "warnings": gen.warnings + notes}
            if body.include_scene:
                out["scene"] = gen.scene.model_dump()
            if body.include_svg:
                out["svg"] = gen.svg
            if html is not None:
                out["html"] = html
            answer = json_with_blobs(out, blobs)
            spans["serialize"] = time.perf_counter() - t
            return answer, len(data)

        answer, nbytes = await generate(request, job, spans)
        metrics.images[MIME[body.format]] += 1
        metrics.image_bytes[MIME[body.format]] += nbytes
        spans["total"] = time.perf_counter() - t0
        return json_answer(answer, spans)

    @app.get("/v1/systems", tags=["native"], summary="The loaded design systems", responses=read_errors)
    async def systems():
        return {"systems": [{"model": n, "name": e.ds.name, "folder": e.ds.root, "modes": e.ds.modes,
                             "mode": e.ds.mode, "palette": {r.role: r.hex for r in e.ds.roles},
                             "fonts": sorted({f.family for f in e.ds.fonts}), "icons": len(e.ds.icons),
                             "logo": e.ds.logo is not None, "load_seconds": round(e.load_seconds, 3)}
                            for n, e in engines.items()],
                "sizes": {r: {t: f"{w}x{h}" for t, (w, h) in s.items()} for r, s in SIZES.items()}}

    @app.get("/healthz", tags=["ops"], summary="Liveness", responses=error_responses(503))
    async def healthz():
        a = admission()
        return {"status": "ok", "models": list(engines), "running": a.running, "waiting": a.waiting}

    @app.get("/metrics", tags=["ops"], summary="Prometheus metrics", response_class=PlainTextResponse,
             responses=read_errors)
    async def prometheus():
        return PlainTextResponse(metrics.render(admission()), media_type="text/plain; version=0.0.4")

    return app


def _describe(name: str, engine: Engine, gen: Generation, size: tuple[int, int], mime: str, nbytes: int, seed: int,
              refs: list[dict], passed: bool, notes: list[str]) -> str:
    """The text part of a Gemini answer: what was made, from what, and how big it is."""
    ds = engine.ds
    fonts = sorted({f.family for f in ds.fonts})[:3]
    arch = gen.scene.archetype
    text = (f"{name}: {'an' if arch[:1] in 'aeiou' else 'a'} {arch} screen, {size[0]}×{size[1]} px {mime} ({nbytes} bytes), "
            f"{gen.device} layout, seed {seed}, drawn in the {ds.name} design system "
            f"({len(ds.roles)} colour roles; fonts {', '.join(fonts) or 'fallback'}).")
    for r in refs:
        text += (f" Reference image {r['index']} ({r['width']}×{r['height']}): palette adherence "
                 f"{r['palette_adherence']:.2f} against {ds.name}"
                 + (f", off-palette {', '.join(r['off_palette'])}" if r["off_palette"] else "")
                 + ("; passed to the engine." if passed else "; scored only, this engine does not take references."))
    for note in notes:
        text += f" Note: {note}."
    return text


