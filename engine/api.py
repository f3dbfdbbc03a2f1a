"""The Python API: `Engine.from_folder(DIR).generate(prompt, seed=…)` → `Generation`."""

from __future__ import annotations

import io
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from ingest import DesignSystem, load_or_ingest
from conditioning import build_conditioning
from engine.canvas import Canvas
from engine.compose import DEVICES, compose
from engine.render import Renderer
from engine.scene import Scene
from engine.theme import Theme

DEFAULT_SIZE = (3840, 2160)
FORMATS = {"png": "PNG", "jpeg": "JPEG", "jpg": "JPEG", "webp": "WEBP"}


@dataclass
class Generation:
    """One generated mock: the raster, the SVG it was drawn from, the scene and timings."""

    image: "object"  # PIL.Image.Image
    svg: str
    scene: Scene
    timings: dict[str, float]
    warnings: list[str] = field(default_factory=list)
    conditioning: dict = field(default_factory=dict)  # conditioning.Conditioning as a dict (provenance)
    format: str = "png"
    mode: str | None = None  # the design-system mode asked for, passed through
    device: str = "desktop"

    def encode(self, fmt: str | None = None) -> bytes:
        """The image encoded as `fmt` (default: the generation's format); memoised per format."""
        fmt = (fmt or self.format).lower()
        if fmt not in FORMATS:
            raise ValueError(f"unknown image format {fmt!r} (use png, jpeg or webp)")
        cache = self.__dict__.setdefault("_encoded", {})
        if FORMATS[fmt] not in cache:
            cache[FORMATS[fmt]] = self._encode(fmt)
        return cache[FORMATS[fmt]]

    def _encode(self, fmt: str) -> bytes:
        buf = io.BytesIO()
        if FORMATS[fmt] == "PNG":
            self.image.save(buf, "PNG", compress_level=1)
        elif FORMATS[fmt] == "JPEG":
            self.image.save(buf, "JPEG", quality=92, subsampling=0)
        else:
            self.image.save(buf, "WEBP", quality=90, method=2)
        return buf.getvalue()

    def save(self, path: str | os.PathLike) -> dict[str, str]:
        """Write the image, plus ``.svg`` and ``.scene.json`` beside it; returns the three paths."""
        path = Path(path)
        fmt = path.suffix.lower().lstrip(".") or self.format
        if fmt not in FORMATS:
            raise ValueError(f"{path}: unknown image format {fmt!r} (use .png, .jpg or .webp)")
        path.parent.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        fresh = FORMATS[fmt] not in self.__dict__.get("_encoded", {})
        data = self.encode(fmt)
        if fresh:
            self.timings["encode"] = round(time.perf_counter() - t0, 4)
        path.write_bytes(data)
        svg_path = path.with_suffix(".svg")
        svg_path.write_text(self.svg)
        scene_path = path.with_suffix(".scene.json")
        scene_path.write_text(json.dumps(self.scene.model_dump(), indent=1))
        return {"image": str(path), "svg": str(svg_path), "scene": str(scene_path)}


class Engine:
    """A design system loaded once; `generate` can be called many times."""

    def __init__(self, design_system: DesignSystem, load_seconds: float = 0.0):
        self.ds = design_system
        self.load_seconds = load_seconds

    @classmethod
    def from_folder(cls, folder: str | os.PathLike, store: str | os.PathLike | None = None) -> "Engine":
        """Load the folder's store if it is current, else ingest the folder (and save the store)."""
        t0 = time.perf_counter()
        ds, _, _ = load_or_ingest(folder, store, must_save=False)  # a read-only folder still generates
        return cls(ds, time.perf_counter() - t0)

    def generate(self, prompt: str, seed: int = 0, size: tuple[int, int] | None = None, device: str = "desktop",
                 format: str = "png", mode: str | None = None) -> Generation:
        """Compose, lay out, render and encode one mock.

        `device` (desktop | tablet | mobile) picks the preset size (3840×2160, 2732×2048,
        1290×2796) and the layout class; `size` overrides the pixel size, never the layout
        class. `mode` names a design-system mode (e.g. ``"dark"``); it is recorded and passed
        through unchanged.
        """
        if device not in DEVICES:
            raise ValueError(f"unknown device {device!r} (use {', '.join(DEVICES)})")
        w, h = size or DEVICES[device][0]
        if not (64 <= w <= 16384 and 64 <= h <= 16384):
            raise ValueError(f"size {w}x{h} is outside 64–16384 pixels per side")
        if format.lower() not in FORMATS:
            raise ValueError(f"unknown format {format!r} (use png, jpeg or webp)")
        timings: dict[str, float] = {"load": round(self.load_seconds, 4)}
        t = time.perf_counter()
        cond = build_conditioning(self.ds, prompt)
        timings["retrieve"] = round(time.perf_counter() - t, 4)
        t = time.perf_counter()
        timings["sample"] = 0.0  # the procedural composer has no sampling step; layout includes it
        theme = Theme(self.ds)
        scene = compose(prompt, w, h, seed=seed, archetype=cond.archetype, device=device, theme=theme)
        timings["layout"] = round(time.perf_counter() - t, 4)
        t = time.perf_counter()
        cv = Canvas(w, h, theme.color(scene.background_role))
        Renderer(theme, scene.scale).draw(cv, scene)
        svg = cv.svg()
        image = cv.image()
        timings["render"] = round(time.perf_counter() - t, 4)
        gen = Generation(image=image, svg=svg, scene=scene, timings=timings,
                         warnings=list(self.ds.warnings) + theme.warnings, format=format.lower(),
                         conditioning=cond.model_dump(), mode=mode, device=device)
        t = time.perf_counter()
        gen.encode()
        timings["encode"] = round(time.perf_counter() - t, 4)
        return gen
