"""Writing a generation's answer on the generation thread: JSON with its base64 payloads
spliced in, and the request's time spans as a ``Server-Timing`` header.

A 4K PNG answer is about 0.5 MB of base64 in a JSON string. `json_with_blobs` encodes each
payload once, straight to bytes, and writes the JSON around it without scanning it again: the
answer is the same JSON FastAPI writes for the dict (`jsonable_encoder`, then compact UTF-8 as
`JSONResponse` renders it), built off the event loop so that the loop only sends bytes.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Mapping
from typing import Any

from fastapi.encoders import jsonable_encoder
from fastapi.responses import Response

#: The request's spans in `Server-Timing` order (seconds in, milliseconds out); others follow.
SPAN_ORDER = ("read", "parse", "queue", "references", "retrieve", "sample", "layout", "render", "encode",
              "serialize", "total")


class Blobs:
    """Binary payloads to go into a JSON answer as base64 strings: `add` returns the placeholder
    string to put in the answer where the payload's base64 belongs."""

    def __init__(self) -> None:
        self._token = uuid.uuid4().hex  # a placeholder no request can guess, so none can collide
        self.items: list[bytes] = []

    def add(self, data: bytes) -> str:
        self.items.append(data)
        return f"@onbrand-blob-{self._token}-{len(self.items) - 1}@"


def json_with_blobs(obj: Any, blobs: Blobs | None = None) -> bytes:
    """`obj` as the JSON bytes FastAPI would answer with, each placeholder from `blobs` replaced
    by its payload's base64 (the base64 alphabet needs no JSON escaping)."""
    text = json.dumps(jsonable_encoder(obj), ensure_ascii=False, allow_nan=False, indent=None,
                      separators=(",", ":")).encode("utf-8")
    if not blobs or not blobs.items:
        return text
    parts: list[bytes] = []
    for i, data in enumerate(blobs.items):
        head, sep, text = text.partition(f'"@onbrand-blob-{blobs._token}-{i}@"'.encode("ascii"))
        if not sep:
            raise ValueError(f"blob {i} has no placeholder in the answer")
        parts += [head, b'"', base64.b64encode(data), b'"']
    parts.append(text)
    return b"".join(parts)


def server_timing(spans: Mapping[str, float]) -> str:
    """`spans` (seconds) as a Server-Timing header value: ``queue;dur=1.2, sample;dur=17.0, …`` (ms)."""
    names = [n for n in SPAN_ORDER if n in spans] + sorted(n for n in spans if n not in SPAN_ORDER)
    return ", ".join(f"{n};dur={spans[n] * 1000:.1f}" for n in names)


def json_answer(body: bytes, spans: Mapping[str, float] | None = None, media_type: str = "application/json") -> Response:
    """Ready JSON bytes as a response, with their Server-Timing."""
    return Response(body, media_type=media_type,
                    headers={"Server-Timing": server_timing(spans)} if spans else None)
