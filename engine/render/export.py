"""A scene drawn for export: the raster and the SVG in one pass, the SVG's text live or outlined.

`draw_scene` is what `Engine.generate` calls; `svg_of` redraws only the SVG (no raster) in
another text mode, for `Generation.save(..., svg_text=…)`.

The SVG's text modes (`SVG_TEXT_MODES`):

- ``live`` (the default for mocks): every line of text is an SVG ``<text>`` at the raster's
  line start and baseline, naming the font's family with a generic fallback, its size, weight,
  style, letter spacing and fill, so the text is editable in Figma, Illustrator, Inkscape or a
  browser. It is drawn in the font installed where the SVG is opened: with the system's fonts
  installed it matches the raster, otherwise the viewer substitutes a font.
- ``outline``: every glyph is an outline path, so the SVG is self-contained and shows exactly
  the raster's glyphs anywhere, but its text cannot be edited.

Either way, shadows are one blur ``<filter>`` per shadow token and each shape carries the
``data-token`` / ``data-role`` of its colour (see `engine.render.canvas`). The raster is the
same in both modes.
"""

from __future__ import annotations

from engine.render.canvas import SVG_TEXT_MODES, Canvas
from engine.render.components import Renderer
from engine.render.theme import Theme
from scene.model import Scene

DEFAULT_SVG_TEXT = "live"


def check_svg_text(svg_text: str) -> str:
    """`svg_text` if it is a known mode, else a ValueError naming the modes."""
    if svg_text not in SVG_TEXT_MODES:
        raise ValueError(f"unknown SVG text mode {svg_text!r} (use {' or '.join(SVG_TEXT_MODES)})")
    return svg_text


def draw_scene(theme: Theme, scene: Scene, svg_text: str = DEFAULT_SVG_TEXT, raster: bool = True) -> Canvas:
    """The scene drawn on a `Canvas` of its size: the raster (unless `raster=False`) and the
    SVG with its text as `svg_text` says."""
    cv = Canvas(scene.width, scene.height, theme.color(scene.background_role), raster=raster,
                svg_text=check_svg_text(svg_text))
    Renderer(theme, scene.scale).draw(cv, scene)
    return cv


def svg_of(theme: Theme, scene: Scene, svg_text: str = DEFAULT_SVG_TEXT) -> str:
    """The scene's SVG alone (no raster is painted) with its text as `svg_text` says."""
    return draw_scene(theme, scene, svg_text, raster=False).svg()
