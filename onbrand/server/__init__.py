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

Generation answers are written whole on the generation thread (`answer`) and carry a
``Server-Timing`` header with the request's spans; `serve` runs one BLAS thread per generation,
keeps large buffers on a reused heap and, with ``workers`` > 1, forks that many processes on one
port after loading (`workers`).
"""

from onbrand.server.admission import Admission, Limits, Metrics, Rejected
from onbrand.server.app import create_app, load_engines
from onbrand.server.gemini import (
    API_VERSIONS,
    ASPECT_RATIOS,
    IMAGE_SIZES,
    SIZES,
    gemini_size,
    image_tokens,
    model_name,
)
from onbrand.server.run import is_loopback, serve, uvicorn_config

__all__ = ["API_VERSIONS", "ASPECT_RATIOS", "IMAGE_SIZES", "SIZES", "Admission", "Limits", "Metrics", "Rejected",
           "create_app", "gemini_size", "image_tokens", "is_loopback", "load_engines", "model_name", "serve",
           "uvicorn_config"]
