"""The HTTP API: warm engines behind the Gemini image-generation interface and a native one.

Routes (``onbrand serve DIR…`` runs them with uvicorn; ``create_app`` builds them in Python):

    POST /v1beta/models/{model}:generateContent   Gemini request in, Gemini response out
    POST /v1beta/models/{model}:streamGenerateContent   the same, as one streamed chunk
    GET  /v1beta/models, /v1beta/models/{model}   the loaded systems as Gemini models
         (every Gemini route is served under /v1/ too: the google-genai client's default version)
    POST /v1/generate                             native: prompt, system, size/device, seed, …
    GET  /v1/systems                              {"systems": [{"model": "onbrand-<system>", …}]}
    GET  /healthz                                 liveness (never needs the API key)
    GET  /metrics                                 Prometheus text
    GET  /docs, /openapi.json                     OpenAPI

Each loaded design system is the model ``onbrand-<system>``. Gemini's ``imageConfig``
``{aspectRatio, imageSize}`` picks the pixel size from `SIZES`: every size tier has one pixel
area (1K = 1280×720, 2K = 2560×1440, 4K = 3840×2160 px) and each aspect ratio keeps that area
with both sides a multiple of 8, so 16:9 is exactly HD, QHD and UHD:

    ratio   1K          2K           4K
    1:1     960×960     1920×1920    2880×2880
    2:3     784×1176    1568×2352    2352×3528
    3:2     1176×784    2352×1568    3528×2352
    3:4     832×1112    1664×2216    2496×3328
    4:3     1112×832    2216×1664    3328×2496
    4:5     856×1072    1720×2152    2576×3216
    5:4     1072×856    2152×1720    3216×2576
    9:16    720×1280    1440×2560    2160×3840
    16:9    1280×720    2560×1440    3840×2160
    21:9    1472×632    2928×1256    4408×1888

The layout class follows the shape (`scene.devices.device_for_size`): portrait ratios below
4:5 lay out as mobile, near-square ones as tablet, wide ones as desktop.

Admission is bounded: at most `Limits.max_concurrent` generations run at once and at most
`Limits.max_queue` wait; beyond that a request is answered 503 (or 429 when one API key, or
without ``--api-key`` one client address, holds `Limits.max_per_key` places) with
``Retry-After``. Every request has a deadline (504 when it passes), and bodies, JSON values,
contents, parts, prompts and reference images have size limits (413/400). Request bodies are
parsed and validated on a worker thread, never on the event loop. Connections are bounded
too (`serve`, `uvicorn_config`): a connection must send a request's headers within
`Limits.header_timeout_s` (else it is closed) and its body within `Limits.body_timeout_s`
(else 408), and past `Limits.max_connections` open connections a request is answered 503
with ``Retry-After``. Errors use Gemini's shape, on one line:
``{"error": {"code": 400, "message": "…", "status": "INVALID_ARGUMENT"}}``.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hmac
import inspect
import io
import ipaddress
import json
import logging
import math
import re
import time
import uuid
from collections import Counter
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic.alias_generators import to_camel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from engine.api import Engine, Generation
from scene.devices import DEVICES, device_for_size

__all__ = ["API_VERSIONS", "ASPECT_RATIOS", "IMAGE_SIZES", "SIZES", "Admission", "Limits", "Metrics", "Rejected",
           "create_app", "gemini_size", "image_tokens", "is_loopback", "load_engines", "model_name", "serve",
           "uvicorn_config"]

log = logging.getLogger("onbrand.server")

#: aspect ratio -> image size tier -> (width, height) in pixels; see the module docstring.
SIZES: dict[str, dict[str, tuple[int, int]]] = {
    "1:1": {"1K": (960, 960), "2K": (1920, 1920), "4K": (2880, 2880)},
    "2:3": {"1K": (784, 1176), "2K": (1568, 2352), "4K": (2352, 3528)},
    "3:2": {"1K": (1176, 784), "2K": (2352, 1568), "4K": (3528, 2352)},
    "3:4": {"1K": (832, 1112), "2K": (1664, 2216), "4K": (2496, 3328)},
    "4:3": {"1K": (1112, 832), "2K": (2216, 1664), "4K": (3328, 2496)},
    "4:5": {"1K": (856, 1072), "2K": (1720, 2152), "4K": (2576, 3216)},
    "5:4": {"1K": (1072, 856), "2K": (2152, 1720), "4K": (3216, 2576)},
    "9:16": {"1K": (720, 1280), "2K": (1440, 2560), "4K": (2160, 3840)},
    "16:9": {"1K": (1280, 720), "2K": (2560, 1440), "4K": (3840, 2160)},
    "21:9": {"1K": (1472, 632), "2K": (2928, 1256), "4K": (4408, 1888)},
}
ASPECT_RATIOS = tuple(SIZES)
IMAGE_SIZES = ("1K", "2K", "4K")
DEFAULT_ASPECT_RATIO = "16:9"
DEFAULT_IMAGE_SIZE = "4K"

MIME = {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp"}
_FORMAT_OF_MIME = {"image/png": "png", "image/jpeg": "jpeg", "image/jpg": "jpeg", "image/webp": "webp"}
_REFERENCE_FORMATS = {"PNG", "JPEG", "WEBP"}
#: Engine.generate keyword that takes reference images, when the engine has one.
_REFERENCE_PARAMS = ("reference_images", "references")
_STATUS = {400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "NOT_FOUND",
           405: "INVALID_ARGUMENT", 408: "DEADLINE_EXCEEDED", 413: "INVALID_ARGUMENT", 422: "INVALID_ARGUMENT",
           429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE", 504: "DEADLINE_EXCEEDED"}
#: the Gemini API versions served; the google-genai client calls v1 by default, v1beta when asked
API_VERSIONS = ("v1beta", "v1")
#: Gemini request caps, also in the OpenAPI schema (maxItems)
MAX_CONTENTS = 64
MAX_PARTS = 64
#: seeds: int32 and uint32 both fit
MIN_SEED, MAX_SEED = -(2**31), 2**32 - 1
_SIZE_RE = re.compile(r"\s*(\d{1,6})\s*[x×]\s*(\d{1,6})\s*", re.IGNORECASE)
_MODEL_RE = re.compile(r"onbrand-[a-z0-9][a-z0-9-]{0,62}")
_KEY_REQUIRED = "an API key is required (x-goog-api-key header, ?key= or Authorization: Bearer)"
_TOKEN_RE = re.compile(r"\w+|[^\w\s]")


def gemini_size(aspect_ratio: str | None = None, image_size: str | None = None) -> tuple[int, int]:
    """Pixel size for a Gemini ``imageConfig`` (defaults 16:9 and 4K); ValueError names the options."""
    ratio = aspect_ratio or DEFAULT_ASPECT_RATIO
    tier = (image_size or DEFAULT_IMAGE_SIZE).upper()
    if ratio not in SIZES:
        raise ValueError(f"imageConfig.aspectRatio {_shown(ratio, 40)!r} is not one of {', '.join(ASPECT_RATIOS)}")
    if tier not in IMAGE_SIZES:
        raise ValueError(f"imageConfig.imageSize {_shown(image_size or '', 40)!r} is not one of "
                         f"{', '.join(IMAGE_SIZES)}")
    return SIZES[ratio][tier]


def model_name(system: str) -> str:
    """``"Harbor Bank"`` -> ``"onbrand-harbor-bank"``."""
    slug = re.sub(r"[^a-z0-9]+", "-", system.lower()).strip("-")
    return f"onbrand-{slug or 'system'}"


def image_tokens(width: int, height: int) -> int:
    """Token estimate for an image: 258 per 768×768 tile (258 in all up to 384 px a side)."""
    if width <= 384 and height <= 384:
        return 258
    return 258 * math.ceil(width / 768) * math.ceil(height / 768)


# -- limits and admission ---------------------------------------------------------------------


@dataclass
class Limits:
    """What one server accepts; every queue and payload it holds is bounded by these."""

    max_concurrent: int = 2  # generations running at once (threads)
    max_queue: int = 8  # requests waiting for a generation slot; more get 503
    max_per_key: int = 6  # running + waiting per API key (without one: per client address); more get 429
    timeout_s: float = 60.0  # per request, waiting included; then 504
    retry_after_s: int = 1
    max_body_bytes: int = 48 * 2**20
    max_json_values: int = 20_000  # JSON values in a body (counted as its , { and [ bytes); more get 413
    max_contents: int = MAX_CONTENTS  # Gemini contents per request; more get 400
    max_parts: int = MAX_PARTS  # parts per content; more get 400
    max_prompt_chars: int = 4000
    max_reference_images: int = 4
    max_reference_bytes: int = 12 * 2**20  # decoded bytes per reference image
    max_reference_pixels: int = 4096 * 4096
    max_candidates: int = 4
    max_output_pixels: int = 4096 * 4096  # native sizes; every Gemini size is below it
    # connections (uvicorn_config): idle and slow sockets cannot hold the server
    max_connections: int = 512  # open connections; past it a request is answered 503 and its connection closed
    header_timeout_s: float = 10.0  # to send a request's headers, from connecting or the previous answer
    body_timeout_s: float = 30.0  # to send a request's whole body once its headers are in; then 408


class Rejected(Exception):
    """A request refused with an HTTP code, a one-line message and optional Retry-After."""

    def __init__(self, code: int, message: str, retry_after: int | None = None,
                 headers: Mapping[str, str] | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.retry_after = retry_after
        self.headers = dict(headers or {})


class Admission:
    """Bounded admission: a semaphore of generation slots, a bounded wait queue, per-key caps.

    Generations run on a thread pool of `max_concurrent` workers. A request that times out is
    answered at once, but its slot is released only when its thread finishes, so the number of
    generations running never exceeds the limit.
    """

    def __init__(self, limits: Limits, on_reject: Callable[[str], None] | None = None):
        self.limits = limits
        self._slots = asyncio.Semaphore(limits.max_concurrent)
        self._pool = ThreadPoolExecutor(limits.max_concurrent, thread_name_prefix="onbrand-generate")
        self._per_key: Counter[str] = Counter()
        self._on_reject = on_reject or (lambda reason: None)
        self.running = 0
        self.waiting = 0

    def _reject(self, code: int, reason: str, message: str) -> Rejected:
        self._on_reject(reason)
        return Rejected(code, message, retry_after=self.limits.retry_after_s)

    async def run(self, key: str, fn: Callable[[], Any], timeout_s: float | None = None) -> Any:
        """Run `fn()` on a generation thread once a slot is free; raises `Rejected`."""
        lim = self.limits
        timeout_s = lim.timeout_s if timeout_s is None else timeout_s
        if self._per_key[key] >= lim.max_per_key:
            raise self._reject(429, "per_key", f"too many requests in flight for this key "
                                               f"({lim.max_per_key} at most); retry after {lim.retry_after_s} s")
        # running and waiting change only between awaits, so a burst arriving at once is counted
        # exactly (a semaphore's locked() lags behind acquisitions that have not run yet)
        if self.running + self.waiting >= lim.max_concurrent + lim.max_queue:
            raise self._reject(503, "queue_full", f"the server is busy ({self.running} generating, "
                                                  f"{self.waiting} waiting); retry after {lim.retry_after_s} s")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout_s
        self._per_key[key] += 1
        try:
            self.waiting += 1
            try:
                await asyncio.wait_for(self._slots.acquire(), timeout_s)
            except TimeoutError:
                raise self._reject(504, "timeout", f"no generation slot came free within {timeout_s:g} s") from None
            finally:
                self.waiting -= 1
            self.running += 1
            fut = loop.run_in_executor(self._pool, fn)

            def _release(_f: asyncio.Future) -> None:
                self.running -= 1
                self._slots.release()
                if not _f.cancelled():
                    _f.exception()  # a late failure after a timeout is not left unretrieved

            fut.add_done_callback(_release)
            try:
                return await asyncio.wait_for(asyncio.shield(fut), max(deadline - loop.time(), 0.001))
            except TimeoutError:
                raise self._reject(504, "timeout", f"the generation did not finish within {timeout_s:g} s") from None
        finally:
            self._per_key[key] -= 1
            if self._per_key[key] <= 0:
                del self._per_key[key]

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


# -- metrics ----------------------------------------------------------------------------------


class Metrics:
    """Counters and a latency histogram, written in the Prometheus text format."""

    BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)

    def __init__(self) -> None:
        self.requests: Counter[tuple[str, str, int]] = Counter()
        self.rejections: Counter[str] = Counter()
        self.image_bytes: Counter[str] = Counter()
        self.images: Counter[str] = Counter()
        self._hist: dict[str, list[float]] = {}  # route -> bucket counts + [sum, count]

    def observe(self, route: str, method: str, code: int, seconds: float) -> None:
        self.requests[(route, method, code)] += 1
        h = self._hist.setdefault(route, [0.0] * (len(self.BUCKETS) + 2))
        for i, b in enumerate(self.BUCKETS):
            if seconds <= b:
                h[i] += 1
        h[-2] += seconds
        h[-1] += 1

    def render(self, admission: Admission) -> str:
        out = ["# HELP onbrand_requests_total HTTP requests by route, method and status code.",
               "# TYPE onbrand_requests_total counter"]
        for (route, method, code), n in sorted(self.requests.items()):
            out.append(f'onbrand_requests_total{{route="{route}",method="{method}",code="{code}"}} {n}')
        out += ["# HELP onbrand_request_duration_seconds Request latency by route.",
                "# TYPE onbrand_request_duration_seconds histogram"]
        for route, h in sorted(self._hist.items()):
            for b, n in zip(self.BUCKETS, h):
                out.append(f'onbrand_request_duration_seconds_bucket{{route="{route}",le="{b:g}"}} {n:g}')
            out.append(f'onbrand_request_duration_seconds_bucket{{route="{route}",le="+Inf"}} {h[-1]:g}')
            out.append(f'onbrand_request_duration_seconds_sum{{route="{route}"}} {h[-2]:.6f}')
            out.append(f'onbrand_request_duration_seconds_count{{route="{route}"}} {h[-1]:g}')
        out += ["# HELP onbrand_queue_depth Requests waiting for a generation slot.",
                "# TYPE onbrand_queue_depth gauge", f"onbrand_queue_depth {admission.waiting}",
                "# HELP onbrand_generations_in_flight Generations running now.",
                "# TYPE onbrand_generations_in_flight gauge", f"onbrand_generations_in_flight {admission.running}",
                "# HELP onbrand_rejections_total Requests refused by admission, by reason.",
                "# TYPE onbrand_rejections_total counter"]
        for reason in ("queue_full", "per_key", "timeout"):
            out.append(f'onbrand_rejections_total{{reason="{reason}"}} {self.rejections[reason]}')
        out += ["# HELP onbrand_images_total Images returned, by MIME type.", "# TYPE onbrand_images_total counter"]
        out += [f'onbrand_images_total{{mime_type="{m}"}} {n}' for m, n in sorted(self.images.items())]
        out += ["# HELP onbrand_image_bytes_total Encoded image bytes returned, by MIME type.",
                "# TYPE onbrand_image_bytes_total counter"]
        out += [f'onbrand_image_bytes_total{{mime_type="{m}"}} {n}' for m, n in sorted(self.image_bytes.items())]
        return "\n".join(out) + "\n"


# -- request models ---------------------------------------------------------------------------


class _Camel(BaseModel):
    """Gemini JSON: camelCase on the wire, snake_case accepted too; unknown fields ignored."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="ignore")


class InlineData(_Camel):
    mime_type: str = Field(description="image/png, image/jpeg or image/webp")
    data: str = Field(description="base64 (standard or URL-safe alphabet)")


class Part(_Camel):
    text: str | None = None
    inline_data: InlineData | None = None


class Content(_Camel):
    role: str | None = None
    parts: list[Part] = Field(default_factory=list, max_length=MAX_PARTS)


class ImageOutputOptions(_Camel):
    mime_type: str | None = None
    compression_quality: int | None = Field(None, ge=1, le=100)


class ImageConfig(_Camel):
    aspect_ratio: str | None = Field(None, description="one of " + ", ".join(SIZES))
    image_size: str | None = Field(None, description="1K, 2K or 4K (default 4K)")
    output_mime_type: str | None = Field(None, description="image/png (default), image/jpeg or image/webp")
    output_compression_quality: int | None = Field(None, ge=1, le=100)
    image_output_options: ImageOutputOptions | None = None


class GenerationConfig(_Camel):
    response_modalities: list[str] | None = None
    image_config: ImageConfig | None = None
    seed: int | None = Field(None, ge=MIN_SEED, le=MAX_SEED)
    candidate_count: int | None = Field(None, ge=1)


class GenerateContentRequest(_Camel):
    contents: list[Content] = Field(min_length=1, max_length=MAX_CONTENTS)
    generation_config: GenerationConfig | None = None
    system_instruction: Content | None = None


class GenerateRequest(BaseModel):
    """The native request: everything `Engine.generate` takes, by name."""

    model_config = ConfigDict(extra="forbid")

    prompt: str
    system: str | None = Field(None, description="system name or its model name; optional with one system")
    size: str | None = Field(None, description="WIDTHxHEIGHT, e.g. 3840x2160 (overrides the device's size)")
    device: Literal["desktop", "tablet", "mobile"] | None = None
    aspect_ratio: str | None = Field(None, description="Gemini aspect ratio, with image_size")
    image_size: str | None = Field(None, description="1K, 2K or 4K, with aspect_ratio")
    seed: int = Field(0, ge=MIN_SEED, le=MAX_SEED)
    steps: int | None = Field(None, ge=1, le=1000, description="sampling steps, when the engine samples")
    sampler: str | None = Field(None, max_length=64, description="sampler name, when the engine samples")
    format: Literal["png", "jpeg", "webp"] = "png"
    quality: int | None = Field(None, ge=1, le=100, description="JPEG/WebP quality")
    mode: str | dict[str, str] | None = Field(None, description='e.g. "dark" or {"theme": "dark"}')
    include_scene: bool = True
    include_svg: bool = False


class ErrorStatus(BaseModel):
    code: int = Field(description="the HTTP status code")
    message: str = Field(description="what went wrong, on one line")
    status: str = Field(description="the Google API status, e.g. INVALID_ARGUMENT, RESOURCE_EXHAUSTED")


class ErrorResponse(BaseModel):
    """Every error answer, in Gemini's shape."""

    error: ErrorStatus


_ERROR_TEXT = {
    400: "invalid request: bad JSON, a field out of range, an empty or long prompt, a bad reference image",
    401: "no API key (only when the server has one)",
    403: "the API key is not valid",
    404: "no such model, system or route",
    405: "the route takes another method (see the Allow header)",
    408: "the request body did not arrive in time",
    413: "the body, its JSON values or a reference image is over its limit",
    429: "this API key (or client address) has too many requests running or waiting; see Retry-After",
    503: "the server is busy (queue or connections full); see Retry-After",
    504: "the generation did not finish before the request's deadline",
}


def _error_responses(*codes: int) -> dict:
    """OpenAPI ``responses`` for these error codes (with Retry-After where the server sends it)."""
    out: dict = {}
    for code in codes:
        out[code] = {"model": ErrorResponse, "description": _ERROR_TEXT[code]}
        if code in (429, 503):
            out[code]["headers"] = {"Retry-After": {"description": "seconds to wait before retrying",
                                                    "schema": {"type": "integer"}}}
    return out


# -- helpers ----------------------------------------------------------------------------------


def _error(code: int, message: str, retry_after: int | None = None, headers: Mapping[str, str] | None = None,
           close: bool = False) -> JSONResponse:
    """A Gemini-shaped error answer; `close` ends the connection after it (a body left unread)."""
    headers = dict(headers or {})
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    if close:
        headers["Connection"] = "close"
    # one line, and always encodable: a lone surrogate echoed from a request cannot break the answer
    message = " ".join(str(message).split()).encode("utf-8", "backslashreplace").decode("utf-8")
    return JSONResponse({"error": {"code": code, "message": message, "status": _STATUS.get(code, "UNKNOWN")}},
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


def _shown(text: str, n: int = 80) -> str:
    """A client's string, safe to echo: printable, at most `n` characters."""
    return text if len(text) <= n and text.isprintable() else text[:n].encode("unicode_escape").decode("ascii")


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
                    return await _error(code, msg)(scope, receive, send_wrapper)
            length = dict(scope.get("headers", [])).get(b"content-length")
            if length is not None and length.isdigit() and int(length) > limit:
                return await _error(413, f"the request body is over {limit} bytes", close=True)(
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

    async def parsed(request: Request, model: type[BaseModel]) -> Any:
        """The body as `model`: read on the loop (bounded by _Gate), parsed and validated off it."""
        raw = await request.body()
        return await asyncio.get_running_loop().run_in_executor(parse_pool(), _parse_body, raw, model, limits)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        if "a" in state:
            state["a"].close()
        if "p" in state:
            state["p"].shutdown(wait=False, cancel_futures=True)

    app = FastAPI(title="onbrand", version="0.1.0", lifespan=lifespan,
                  description="On-brand UI mocks at native resolution from design-system folders. "
                              "Speaks the Gemini image-generation interface (`generateContent`).")
    app.state.limits, app.state.metrics, app.state.engines = limits, metrics, dict(engines)
    app.add_middleware(_Gate, limits=limits, api_key=api_key, metrics=metrics)

    @app.exception_handler(Rejected)
    async def _rejected(_req: Request, e: Rejected):
        return _error(e.code, e.message, e.retry_after, headers=e.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_req: Request, e: RequestValidationError):
        return _error(400, _validation_message(e.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def _http(req: Request, e: StarletteHTTPException):
        msg = f"no route {_shown(req.url.path)}" if e.status_code == 404 else str(e.detail)
        return _error(e.status_code, msg, headers=e.headers)

    @app.exception_handler(ClientDisconnect)
    async def _gone(_req: Request, _e: ClientDisconnect):  # nobody reads this answer
        return _error(400, "the client disconnected before sending the whole body", close=True)

    @app.exception_handler(Exception)
    async def _failed(_req: Request, e: Exception):  # a bug: one line to the client, the traceback to the log
        log.error("request failed", exc_info=e)
        return _error(500, f"internal error: {type(e).__name__}")

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
            raise Rejected(404, f"model {_shown(name)!r} is not served here; models: {', '.join(engines)}")
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

    async def generate(req: Request, job: Callable[[], Any]):
        try:
            return await admission().run(client_key(req), job)
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
        return await gemini_generate(model, request)

    async def stream_generate_content(model: str, request: Request, alt: str | None = None):
        answer = await gemini_generate(model, request)
        if alt == "sse":
            return Response(f"data: {json.dumps(answer)}\r\n\r\n", media_type="text/event-stream")
        return JSONResponse([answer])

    gemini_body = body_of(GenerateContentRequest)
    generate_errors = _error_responses(400, 401, 403, 404, 408, 413, 429, 503, 504)
    read_errors = _error_responses(401, 403, 503)
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
                responses=_error_responses(401, 403, 404, 405, 503), operation_id=f"get_model_{version}")(get_model)

    async def gemini_generate(model: str, request: Request) -> dict:
        name, engine = engine_for(model)
        body: GenerateContentRequest = await parsed(request, GenerateContentRequest)
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
            raise Rejected(400, f"output MIME type {_shown(mime, 40)!r} is not one of image/png, image/jpeg, "
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

        def job():  # on a generation thread: decoding and scoring references is work too
            images = [_decode_reference(i, b, limits) for i, b in enumerate(blobs, 1)]
            refs = [_score_reference(i, im, nb, b.mime_type, engine)
                    for i, ((im, nb), b) in enumerate(zip(images, blobs), 1)]
            out = []
            for k in range(n):
                gen, notes = run_engine(engine, prompt, seed=seed + k, size=size, device=device, fmt=fmt,
                                        references=[im for im, _ in images])
                out.append((gen, _encode(gen, fmt, quality), notes))
            return refs, out

        refs, results = await generate(request, job)
        passed = any(_accepts(engine, p) for p in _REFERENCE_PARAMS)
        candidates = []
        out_tokens = 0
        for k, (gen, data, notes) in enumerate(results):
            metrics.images[MIME[fmt]] += 1
            metrics.image_bytes[MIME[fmt]] += len(data)
            out_tokens += image_tokens(*size)
            parts: list[dict] = []
            if "TEXT" in modalities:
                parts.append({"text": _describe(name, engine, gen, size, MIME[fmt], len(data), seed + k, refs, passed,
                                                notes)})
            parts.append({"inlineData": {"mimeType": MIME[fmt], "data": base64.b64encode(data).decode("ascii")}})
            candidates.append({"content": {"role": "model", "parts": parts}, "finishReason": "STOP", "index": k})
        text_tokens = len(_TOKEN_RE.findall(prompt))
        ref_tokens = sum(image_tokens(r["width"], r["height"]) for r in refs)
        prompt_details = [{"modality": "TEXT", "tokenCount": text_tokens}]
        if refs:
            prompt_details.append({"modality": "IMAGE", "tokenCount": ref_tokens})
        return {"candidates": candidates,
                "usageMetadata": {"promptTokenCount": text_tokens + ref_tokens, "candidatesTokenCount": out_tokens,
                                  "totalTokenCount": text_tokens + ref_tokens + out_tokens,
                                  "promptTokensDetails": prompt_details,
                                  "candidatesTokensDetails": [{"modality": "IMAGE", "tokenCount": out_tokens}]},
                "modelVersion": name, "responseId": uuid.uuid4().hex}

    # -- native ------------------------------------------------------------------------------

    @app.post("/v1/generate", tags=["native"], summary="Generate a mock (native)",
              openapi_extra=body_of(GenerateRequest), responses=generate_errors)
    async def native_generate(request: Request):
        body: GenerateRequest = await parsed(request, GenerateRequest)
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
                raise Rejected(400, f"size {_shown(body.size, 40)!r} is not WIDTHxHEIGHT, e.g. 3840x2160")
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

        def job():
            gen, notes = run_engine(engine, prompt, seed=body.seed, size=size, device=device, fmt=body.format,
                                    mode=body.mode, steps=body.steps, sampler=body.sampler)
            return gen, _encode(gen, body.format, body.quality), notes

        gen, data, notes = await generate(request, job)
        metrics.images[MIME[body.format]] += 1
        metrics.image_bytes[MIME[body.format]] += len(data)
        cond = gen.conditioning
        out = {"model": name, "system": engine.ds.name,
               "image": {"mime_type": MIME[body.format], "width": size[0], "height": size[1], "bytes": len(data),
                         "data": base64.b64encode(data).decode("ascii")},
               "format": body.format, "device": gen.device, "seed": body.seed, "mode": gen.mode,
               "archetype": gen.scene.archetype, "timings": gen.timings,
               "provenance": {"archetype": cond.get("archetype"), "density": cond.get("density"),
                              "retrieved": cond.get("retrieved", [])},
               "warnings": gen.warnings + notes}
        if body.include_scene:
            out["scene"] = gen.scene.model_dump()
        if body.include_svg:
            out["svg"] = gen.svg
        return out

    @app.get("/v1/systems", tags=["native"], summary="The loaded design systems", responses=read_errors)
    async def systems():
        return {"systems": [{"model": n, "name": e.ds.name, "folder": e.ds.root, "modes": e.ds.modes,
                             "mode": e.ds.mode, "palette": {r.role: r.hex for r in e.ds.roles},
                             "fonts": sorted({f.family for f in e.ds.fonts}), "icons": len(e.ds.icons),
                             "logo": e.ds.logo is not None, "load_seconds": round(e.load_seconds, 3)}
                            for n, e in engines.items()],
                "sizes": {r: {t: f"{w}x{h}" for t, (w, h) in s.items()} for r, s in SIZES.items()}}

    @app.get("/healthz", tags=["ops"], summary="Liveness", responses=_error_responses(503))
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


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _protocol_class(limits: Limits) -> type:
    """uvicorn's h11 protocol with time limits on reading headers and a cap on open connections.

    A connection that is not running a request (just opened, or answered and kept alive) must
    deliver the next request's headers within `Limits.header_timeout_s`, else it is closed: an
    idle or dribbling socket holds nothing for long. Past `Limits.max_connections` open
    connections, a new connection's request is answered 503 (Gemini-shaped, with Retry-After)
    and the connection closed. Requests that are running are bounded by the app instead: the
    body by `Limits.body_timeout_s`, the whole request by `Limits.timeout_s`.
    """
    from uvicorn.protocols.http.h11_impl import H11Protocol

    busy = _error(503, f"the server has {limits.max_connections} connections open; retry after "
                       f"{limits.retry_after_s} s", retry_after=limits.retry_after_s, close=True)

    class Protocol(H11Protocol):
        _header_timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            if len(self.connections) > limits.max_connections:
                self.app = busy
            self._arm()

        def _running(self) -> bool:
            return self.cycle is not None and not self.cycle.response_complete

        def _arm(self) -> None:
            self._disarm()
            self._header_timer = self.loop.call_later(limits.header_timeout_s, self._headers_late)

        def _disarm(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def _headers_late(self) -> None:
            self._header_timer = None
            if not self._running():  # no request came in time (or the rest of an answered one did not)
                self.transport.close()

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self._running():
                self._disarm()
            elif self._header_timer is None and not self.transport.is_closing():
                self._arm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if self._running():  # a pipelined request started at once
                self._disarm()
            elif not self.transport.is_closing():
                self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

    return Protocol


def uvicorn_config(app, host: str = "127.0.0.1", port: int = 8080, limits: Limits | None = None,
                   log_level: str = "info"):
    """The uvicorn configuration `serve` runs `app` with: header/body timeouts and a connection cap
    from `limits` (see `_protocol_class`), no proxy headers (a client cannot pick its own address
    for the per-client limit), no WebSockets."""
    import uvicorn

    limits = limits or getattr(getattr(app, "state", None), "limits", None) or Limits()
    return uvicorn.Config(app, host=host, port=port, log_level=log_level, access_log=False,
                          http=_protocol_class(limits), ws="none", lifespan="on", proxy_headers=False,
                          limit_concurrency=None, timeout_keep_alive=5)


def serve(engines: Mapping[str, Engine], host: str = "127.0.0.1", port: int = 8080, api_key: str | None = None,
          limits: Limits | None = None, log_level: str = "info") -> None:
    """Serve `engines` with uvicorn until interrupted."""
    import uvicorn

    limits = limits or Limits()
    app = create_app(engines, limits, api_key)
    uvicorn.Server(uvicorn_config(app, host, port, limits, log_level)).run()
