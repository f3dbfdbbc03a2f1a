"""The Gemini side of the HTTP API: image sizes per aspect ratio and tier, model names, the request
and error models the routes validate against, and the error answers each route documents.
"""

from __future__ import annotations

import math
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

MIN_SEED, MAX_SEED = -(2**31), 2**32 - 1  # seeds a request may ask for


def shown(text: str, n: int = 80) -> str:
    """A client's string, safe to echo: printable, at most `n` characters."""
    return text if len(text) <= n and text.isprintable() else text[:n].encode("unicode_escape").decode("ascii")


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

STATUS_NAMES = {400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "NOT_FOUND",
           405: "INVALID_ARGUMENT", 408: "DEADLINE_EXCEEDED", 413: "INVALID_ARGUMENT", 422: "INVALID_ARGUMENT",
           429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE", 504: "DEADLINE_EXCEEDED"}

#: the Gemini API versions served; the google-genai client calls v1 by default, v1beta when asked
API_VERSIONS = ("v1beta", "v1")

#: Gemini request caps, also in the OpenAPI schema (maxItems)
MAX_CONTENTS = 64

MAX_PARTS = 64

def gemini_size(aspect_ratio: str | None = None, image_size: str | None = None) -> tuple[int, int]:
    """Pixel size for a Gemini ``imageConfig`` (defaults 16:9 and 4K); ValueError names the options."""
    ratio = aspect_ratio or DEFAULT_ASPECT_RATIO
    tier = (image_size or DEFAULT_IMAGE_SIZE).upper()
    if ratio not in SIZES:
        raise ValueError(f"imageConfig.aspectRatio {shown(ratio, 40)!r} is not one of {', '.join(ASPECT_RATIOS)}")
    if tier not in IMAGE_SIZES:
        raise ValueError(f"imageConfig.imageSize {shown(image_size or '', 40)!r} is not one of "
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
    response_mime_type: str | None = Field(
        None, max_length=100, description="text/html and/or image/svg+xml (comma-separated): the mock's HTML page "
                                          "and/or editable SVG as extra inlineData parts beside the image")
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
    include_html: bool = Field(False, description="the mock as one self-contained HTML page (CSS flexbox, the "
                                                  "system's tokens as custom properties)")
    reference_images: list[InlineData] = Field(
        default_factory=list, description="reference screens (PNG, JPEG or WebP, base64): the mock follows "
                                          "the layout of one that matches the prompt")

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

def error_responses(*codes: int) -> dict:
    """OpenAPI ``responses`` for these error codes (with Retry-After where the server sends it)."""
    out: dict = {}
    for code in codes:
        out[code] = {"model": ErrorResponse, "description": _ERROR_TEXT[code]}
        if code in (429, 503):
            out[code]["headers"] = {"Retry-After": {"description": "seconds to wait before retrying",
                                                    "schema": {"type": "integer"}}}
    return out
