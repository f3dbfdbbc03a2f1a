"""Exact text metrics of an onbrand scene, read by replaying the renderer without rasterising.

onbrand saves each mock's scene as ``<name>.scene.json``.  Drawing that scene again with the
design system on a vector-only canvas tells, for every line of text, the colour it was drawn
in, the colour under it, its type style and font, and the box it had to fit: WCAG contrast,
typography adherence and text overflow are then exact instead of estimated from pixels.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, Field

from engine.render.canvas import Canvas
from engine.render.components import Renderer
from scene.model import Element, Scene
from engine.render.text import ELLIPSIS, wrap
from engine.render.theme import Theme
from eval.colour import contrast_ratio
from eval.layout import Defect
from ingest.model import DesignSystem

__all__ = ["SceneTextReport", "TextRun", "audit_scene_text", "load_scene", "scene_path_for"]


class TextRun(BaseModel):
    """One drawn line of text."""

    element: str
    text: str
    style: str
    family: str = Field(description="family of the type style")
    font_family: str = Field(description="family of the font face actually drawn")
    size: float = Field(description="font size in design px")
    colour: str
    background: str
    contrast: float
    large: bool
    passes_aa: bool


class SceneTextReport(BaseModel):
    runs: int
    min_contrast: float
    aa_pass_rate: float = Field(ge=0.0, le=1.0, description="share of text runs meeting WCAG 2.x AA")
    failing: list[TextRun] = Field(default_factory=list, description="up to 10 runs below AA")
    typography_adherence: float = Field(ge=0.0, le=1.0,
                                        description="share of runs whose family and size are in the type scale")
    off_scale_styles: list[str] = Field(default_factory=list)
    overflow: list[Defect] = Field(default_factory=list)
    colours: list[str] = Field(default_factory=list, description="every text colour drawn")


def scene_path_for(image: str | Path) -> Path:
    """Where onbrand saves the scene of ``image``: ``<name>.scene.json`` beside it."""
    p = Path(image)
    return p.with_suffix(".scene.json")


def load_scene(path: str | Path) -> Scene:
    """Read a scene JSON file (raises ValueError with a one-line reason)."""
    try:
        data = json.loads(Path(path).read_text())
        return Scene.model_validate(data)
    except (OSError, ValueError) as e:
        from ingest.readers_common import one_line

        raise ValueError(f"{path}: not an onbrand scene ({one_line(e)})") from None


class ElementTrackingRenderer(Renderer):
    """A renderer that knows which scene element it is drawing (`stack[-1]`), for recorders that
    attribute what is drawn (text runs, fills) to its element."""

    def __init__(self, theme: Theme, scale: float):
        super().__init__(theme, scale)
        self.stack: list[Element] = []

    def element(self, cv: Canvas, el: Element, bg: str) -> None:
        self.stack.append(el)
        try:
            super().element(cv, el, bg)
        finally:
            self.stack.pop()


class _RecordingRenderer(ElementTrackingRenderer):
    """A renderer that records each text call with the element being drawn."""

    def __init__(self, theme: Theme, scale: float):
        super().__init__(theme, scale)
        self.records: list[dict] = []

    def text(self, cv, text, x, y, w, style, role, bg, align="left", max_lines=1, h=None, color=None):
        before = len(self.text_runs)
        used = super().text(cv, text, x, y, w, style, role, bg, align=align, max_lines=max_lines, h=h, color=color)
        if not text or w <= 0 or not self.stack:
            return used
        st = self.th.style(style)
        font = self.th.font(st)
        size = self.px(st.size)
        lh = self.px(st.line_height)
        lines_allowed = max_lines if h is None else max(1, min(max_lines, int((h + 0.01) // lh) or 1))
        lines = wrap(font, text, size, w, lines_allowed, self.px(st.letter_spacing))
        truncated = any(ELLIPSIS in ln for ln in lines) and ELLIPSIS not in text
        face = next((f.family for f in self.th.ds.fonts if f.path == getattr(font, "path", None)), None)
        for k, (lx, ly, rw, rh, col, large) in enumerate(self.text_runs[before:], start=before):
            self.records.append({"index": k, "element": self.stack[-1], "text": text, "style": style, "st": st,
                                 "face": face, "colour": col, "background": bg, "large": large,
                                 "box": (lx, ly, rw, rh), "limit": (x, w), "truncated": truncated})
        return used


def _face_family(theme: Theme, st) -> str:
    faces = [f for f in theme.ds.fonts if f.family == st.family]
    if faces:
        return st.family
    return theme.ds.fonts[0].family if theme.ds.fonts else ""


def audit_scene_text(scene: Scene, ds: DesignSystem, tolerance: float = 1.0) -> SceneTextReport:
    """Contrast (WCAG 2.x), typography adherence and text overflow of every line of text.

    * contrast: each run's drawn colour against the fill it was drawn on; AA is 4.5:1, or 3:1
      for large text (≥ 18.66 px, or ≥ 14 px bold), the same rule the renderer uses.  Text
      under a modal's scrim is hidden on purpose and left out.
    * typography adherence: share of runs whose type style's family is one of the type scale's
      families, whose drawn font face is of that family (not a fallback face), and whose size
      is a type-scale size (within 0.25 px).
    * overflow: a run wider than the width it was given or past its element's box by more than
      ``tolerance`` canvas px, or text cut short with an ellipsis.
    """
    theme = Theme(ds)
    rec = _RecordingRenderer(theme, scene.scale)
    cv = Canvas(scene.width, scene.height, theme.color(scene.background_role), raster=False)
    rec.draw(cv, scene)
    families = {t.family for t in ds.type_scale}
    sizes = sorted({t.size for t in ds.type_scale})
    runs: list[TextRun] = []
    covered = 0  # runs under a modal's scrim: hidden on purpose, left out of contrast
    on_scale = 0
    off_styles: dict[str, None] = {}
    overflow: dict[tuple[str, str], Defect] = {}
    for r in rec.records:
        st, el = r["st"], r["element"]
        c = contrast_ratio(r["colour"], r["background"])
        face_family = r["face"] or _face_family(theme, st)
        run = TextRun(element=el.id, text=r["text"][:80], style=r["style"], family=st.family, font_family=face_family,
                      size=st.size, colour=r["colour"], background=r["background"], contrast=round(c, 3),
                      large=r["large"], passes_aa=c >= (3.0 if r["large"] else 4.5) - 1e-9)
        if rec.scrim_at > 0 and r["index"] < rec.scrim_at:
            covered += 1
        else:
            runs.append(run)
        ok = st.family in families and face_family == st.family and any(abs(st.size - s) <= 0.25 for s in sizes)
        on_scale += ok
        if not ok:
            off_styles[f"{r['style']}: {st.family} {st.size:g}px (font {face_family})"] = None
        lx, ly, rw, rh = r["box"]
        x0, width = r["limit"]
        ex, ey, ew, eh = el.box
        reason = ""
        if lx + rw > x0 + width + tolerance or lx < x0 - tolerance:
            reason = f"line {rw:.0f}px wide in {width:.0f}px"
        elif lx + rw > ex + ew + tolerance or ly + rh > ey + eh + tolerance or ly < ey - tolerance:
            reason = "text runs past its element's box"
        elif r["truncated"]:
            reason = "text cut with an ellipsis"
        if reason and (el.id, reason) not in overflow:
            overflow[(el.id, reason)] = Defect(kind="text-overflow", element=el.id, detail=f"{reason}: {r['text'][:40]!r}")
    n = len(runs)
    n_all = n + covered
    failing = sorted((r for r in runs if not r.passes_aa), key=lambda r: r.contrast)
    return SceneTextReport(
        runs=n,
        min_contrast=min((r.contrast for r in runs), default=21.0),
        aa_pass_rate=(sum(r.passes_aa for r in runs) / n) if n else 1.0,
        failing=failing[:10],
        typography_adherence=(on_scale / n_all) if n_all else 1.0,
        off_scale_styles=list(off_styles)[:12],
        overflow=list(overflow.values()),
        colours=sorted({r.colour for r in runs}),
    )


def scene_summary(reports: Sequence[SceneTextReport]) -> dict:
    """Mean of the headline figures of several scene reports."""
    if not reports:
        return {}
    n = len(reports)
    return {
        "aa_pass_rate": sum(r.aa_pass_rate for r in reports) / n,
        "typography_adherence": sum(r.typography_adherence for r in reports) / n,
        "text_overflow": sum(len(r.overflow) for r in reports) / n,
    }
