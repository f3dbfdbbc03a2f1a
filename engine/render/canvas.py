"""A drawing surface with two backends kept in lock-step: SVG text and a cairo raster.

Every drawing call writes the SVG element *and* paints the same shape with cairo at the
target size, so the PNG is a native rasterisation of the vector, never a resampled bitmap.
Coordinates are canvas pixels.

Text is drawn from HarfBuzz-shaped glyphs: in the raster through cairo's FreeType backend; in
the SVG as chosen by `svg_text`:

- ``"live"``: one ``<text>`` per line, its x and y at the raster's line start and baseline, with
  the font's family (and a generic fallback), size, weight, style, fill and letter spacing, so
  Figma, Illustrator, Inkscape and browsers show editable text in the installed font;
- ``"outline"``: glyph outlines (``<path>`` in ``<defs>``, placed with ``<use>``), so the SVG is
  self-contained, needs no installed fonts and shows exactly the raster's glyphs.

Shadows are drawn in the SVG as a shape of the shadow's colour blurred by one ``<filter>`` per
shadow token (``feGaussianBlur``, the CSS ``box-shadow`` blur); the raster keeps its layered
approximation. A colour that knows where it came from (a `TokenColor`, what `Theme.color`
returns) marks its shape with ``data-token`` (the token path) and ``data-role`` (the role),
``data-stroke-token`` / ``data-stroke-role`` for a stroke, so an editor can map fills back to
the design system's tokens.
"""

from __future__ import annotations

import io
import math
import re
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from engine.render.text import Font, ShapedRun
from ingest.cairo_ffi import import_cairocffi

cairo = import_cairocffi()  # cairocffi, its C declarations cached on disk (ingest.cairo_ffi)

#: How text is written into the SVG (see the module docstring).
SVG_TEXT_MODES = ("live", "outline")
# characters XML 1.0 cannot hold, dropped from live text (the raster never draws them either)
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class TokenColor(str):
    """A ``#rrggbb`` colour that remembers the role and token it came from.

    It is the hex string itself (it compares, hashes and formats like one), so code that only
    needs the colour never notices; `Canvas` writes its `role` and `token` into the SVG."""

    role: str
    token: str

    def __new__(cls, hex_: str, role: str = "", token: str = "") -> "TokenColor":
        obj = super().__new__(cls, hex_)
        obj.role, obj.token = role, token
        return obj

    def __reduce__(self):
        return (TokenColor, (str(self), self.role, self.token))


def _token_attrs(color: str | None, prefix: str = "") -> str:
    """``data-token``/``data-role`` attributes (``data-stroke-…`` with ``prefix="stroke-"``) of a
    `TokenColor`; nothing for a plain hex."""
    out = ""
    token, role = getattr(color, "token", ""), getattr(color, "role", "")
    if token:
        out += f" data-{prefix}token={quoteattr(token)}"
    if role:
        out += f" data-{prefix}role={quoteattr(role)}"
    return out


def _rgb(hex_: str) -> tuple[float, float, float]:
    h = hex_.lstrip("#")
    return int(h[0:2], 16) / 255, int(h[2:4], 16) / 255, int(h[4:6], 16) / 255


def _n(v: float) -> str:
    """Compact number formatting for SVG attributes."""
    r = round(v, 2)
    return str(int(r)) if r == int(r) else f"{r:g}"


class Canvas:
    def __init__(self, width: int, height: int, background: str, raster: bool = True, svg_text: str = "outline"):
        """`raster=False` paints onto a 1×1 surface (every shape clipped away), for timing or
        producing the SVG alone; `image()` is then meaningless. `svg_text` is ``"outline"``
        (glyph outlines) or ``"live"`` (editable ``<text>``); the raster is the same either way."""
        if svg_text not in SVG_TEXT_MODES:
            raise ValueError(f"unknown SVG text mode {svg_text!r} (use live or outline)")
        self.svg_text = svg_text
        self.width, self.height = width, height
        self.surface = cairo.ImageSurface(cairo.FORMAT_RGB24, width, height) if raster else \
            cairo.ImageSurface(cairo.FORMAT_RGB24, 1, 1)
        self.ctx = cairo.Context(self.surface)
        opts = cairo.FontOptions()
        opts.set_antialias(cairo.ANTIALIAS_GRAY)
        opts.set_hint_style(cairo.HINT_STYLE_NONE)
        opts.set_hint_metrics(cairo.HINT_METRICS_OFF)
        self.ctx.set_font_options(opts)
        self._body: list[str] = []
        self._defs: list[str] = []
        self._glyph_ids: dict[tuple[str, int], str] = {}
        self._font_ids: dict[str, int] = {}
        self._def_ids: set[str] = set()
        self._embed_count = 0
        # shadow filters by id: (token, stdDeviation, smallest width and height blurred with it)
        self._filters: dict[str, list] = {}
        self._filter_ids: dict[tuple[str, float], str] = {}
        self.rect(0, 0, width, height, fill=background)

    # -- structure -------------------------------------------------------------------------
    @contextmanager
    def group(self, layer_id: str, label: str = ""):
        attrs = f' id={quoteattr(layer_id)}'
        if label:
            attrs += f" data-label={quoteattr(label)}"
        self._body.append(f"<g{attrs}>")
        try:
            yield
        finally:
            self._body.append("</g>")

    @contextmanager
    def clip(self, x: float, y: float, w: float, h: float, radius: float = 0):
        cid = f"clip{len(self._def_ids)}"
        self._def_ids.add(cid)
        self._defs.append(f'<clipPath id="{cid}">{self._rect_svg(x, y, w, h, radius, "")}</clipPath>')
        self._body.append(f'<g clip-path="url(#{cid})">')
        self.ctx.save()
        self._rect_path(x, y, w, h, radius)
        self.ctx.clip()
        try:
            yield
        finally:
            self.ctx.restore()
            self._body.append("</g>")

    # -- shapes ----------------------------------------------------------------------------
    def _rect_path(self, x: float, y: float, w: float, h: float, r: float) -> None:
        c = self.ctx
        r = max(0.0, min(r, w / 2, h / 2))
        if r <= 0:
            c.rectangle(x, y, w, h)
            return
        c.new_sub_path()
        c.arc(x + w - r, y + r, r, -math.pi / 2, 0)
        c.arc(x + w - r, y + h - r, r, 0, math.pi / 2)
        c.arc(x + r, y + h - r, r, math.pi / 2, math.pi)
        c.arc(x + r, y + r, r, math.pi, 3 * math.pi / 2)
        c.close_path()

    def _rect_svg(self, x, y, w, h, r, paint: str) -> str:
        r = max(0.0, min(r, w / 2, h / 2))
        rr = f' rx="{_n(r)}"' if r > 0 else ""
        return f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}"{rr}{paint}/>'

    def _paint(self, fill: str | None, stroke: str | None, stroke_width: float, opacity: float = 1.0) -> None:
        c = self.ctx
        if fill:
            c.set_source_rgba(*_rgb(fill), opacity)
            if stroke:
                c.fill_preserve()
            else:
                c.fill()
        if stroke and stroke_width > 0:
            c.set_source_rgba(*_rgb(stroke), opacity)
            c.set_line_width(stroke_width)
            c.stroke()
        c.new_path()

    @staticmethod
    def _paint_svg(fill: str | None, stroke: str | None, stroke_width: float, opacity: float = 1.0) -> str:
        s = f' fill="{fill}"' if fill else ' fill="none"'
        if stroke and stroke_width > 0:
            s += f' stroke="{stroke}" stroke-width="{_n(stroke_width)}"'
        if opacity < 1:
            s += f' opacity="{_n(opacity)}"'
        s += _token_attrs(fill)
        if stroke and stroke_width > 0:
            s += _token_attrs(stroke, "stroke-")
        return s

    def rect(self, x, y, w, h, fill=None, radius=0.0, stroke=None, stroke_width=0.0, opacity=1.0, inset_stroke=True):
        if w <= 0 or h <= 0:
            return
        if stroke and stroke_width and inset_stroke:  # keep the stroke inside the box
            hw = stroke_width / 2
            if fill:
                self.rect(x, y, w, h, fill=fill, radius=radius, opacity=opacity)
                fill = None
            x, y, w, h, radius = x + hw, y + hw, w - stroke_width, h - stroke_width, max(0, radius - hw)
        self._body.append(self._rect_svg(x, y, w, h, radius, self._paint_svg(fill, stroke, stroke_width, opacity)))
        self._rect_path(x, y, w, h, radius)
        self._paint(fill, stroke, stroke_width, opacity)

    def circle(self, cx, cy, r, fill=None, stroke=None, stroke_width=0.0):
        self._body.append(
            f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(r)}"{self._paint_svg(fill, stroke, stroke_width)}/>'
        )
        self.ctx.new_sub_path()
        self.ctx.arc(cx, cy, r, 0, 2 * math.pi)
        self._paint(fill, stroke, stroke_width)

    def line(self, x1, y1, x2, y2, color, width, cap="butt", dash: tuple[float, float] | None = None):
        extra = f' stroke-linecap="{cap}"' if cap != "butt" else ""
        if dash:
            extra += f' stroke-dasharray="{_n(dash[0])} {_n(dash[1])}"'
        self._body.append(
            f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="{color}" '
            f'stroke-width="{_n(width)}"{extra}{_token_attrs(color, "stroke-")}/>'
        )
        c = self.ctx
        c.set_line_cap({"butt": cairo.LINE_CAP_BUTT, "round": cairo.LINE_CAP_ROUND, "square": cairo.LINE_CAP_SQUARE}[cap])
        c.set_dash(list(dash) if dash else [])
        c.move_to(x1, y1)
        c.line_to(x2, y2)
        c.set_source_rgb(*_rgb(color))
        c.set_line_width(width)
        c.stroke()
        c.set_dash([])
        c.set_line_cap(cairo.LINE_CAP_BUTT)

    def polyline(self, pts: list[tuple[float, float]], color: str, width: float, fill: str | None = None,
                 closed: bool = False, opacity: float = 1.0):
        if len(pts) < 2:
            return
        d = "M" + " L".join(f"{_n(x)} {_n(y)}" for x, y in pts) + (" Z" if closed else "")
        paint = f' fill="{fill}"' if fill else ' fill="none"'
        if color and width:
            paint += f' stroke="{color}" stroke-width="{_n(width)}" stroke-linejoin="round" stroke-linecap="round"'
        if opacity < 1:
            paint += f' opacity="{_n(opacity)}"'
        paint += _token_attrs(fill) + (_token_attrs(color, "stroke-") if color and width else "")
        self._body.append(f'<path d="{d}"{paint}/>')
        c = self.ctx
        c.move_to(*pts[0])
        for p in pts[1:]:
            c.line_to(*p)
        if closed:
            c.close_path()
        c.set_line_join(cairo.LINE_JOIN_ROUND)
        c.set_line_cap(cairo.LINE_CAP_ROUND)
        self._paint(fill, color if width else None, width, opacity)
        c.set_line_cap(cairo.LINE_CAP_BUTT)

    def arc(self, cx, cy, r, a0, a1, color, width):
        """Stroke a circular arc from angle a0 to a1 (radians, clockwise from 3 o'clock)."""
        x0, y0 = cx + r * math.cos(a0), cy + r * math.sin(a0)
        x1, y1 = cx + r * math.cos(a1), cy + r * math.sin(a1)
        large = 1 if (a1 - a0) % (2 * math.pi) > math.pi else 0
        self._body.append(
            f'<path d="M{_n(x0)} {_n(y0)} A{_n(r)} {_n(r)} 0 {large} 1 {_n(x1)} {_n(y1)}" fill="none" '
            f'stroke="{color}" stroke-width="{_n(width)}"{_token_attrs(color, "stroke-")}/>'
        )
        c = self.ctx
        c.new_sub_path()
        c.arc(cx, cy, r, a0, a1)
        c.set_source_rgb(*_rgb(color))
        c.set_line_width(width)
        c.stroke()

    def shadow(self, x, y, w, h, radius, color: str, alpha: float, dy: float, blur: float, spread: float = 0.0,
               token: str = ""):
        """A soft drop shadow of the box (`x` already holds the horizontal offset): offset by
        `dy`, grown by `spread`, blurred by `blur` (the CSS ``box-shadow`` values), at `alpha`.

        The raster draws a layered-blur approximation: six rounded rects, each grown by a further
        twelfth of `blur` (plus `spread`) and offset by `dy`, each at ``alpha / 6``; their overlap
        builds a falloff from ``alpha`` at the box edge to ``alpha / 6`` at ``blur / 2`` outside
        it, close to a Gaussian of that blur at mock scale.

        The SVG gets one rounded rect of `color` at `alpha`, grown by `spread` and offset by `dy`
        (``class="shadow"``, ``data-token`` = `token`, else the token a `TokenColor` `color`
        carries, as `Theme.shadow` gives it), blurred by the filter of its shadow token:
        one ``<filter>`` per token (``feGaussianBlur`` with a standard deviation of ``blur / 2``,
        as CSS draws ``box-shadow``), shared by every element that casts that shadow."""
        if alpha <= 0 or blur <= 0:
            return
        steps = 6
        for i in range(steps):
            grow = spread + blur * (i + 1) / (steps * 2)
            a = alpha / steps
            gx, gy, gw, gh = x - grow, y + dy - grow, w + 2 * grow, h + 2 * grow
            self._rect_path(gx, gy, gw, gh, radius + grow)
            self.ctx.set_source_rgba(*_rgb(color), a)
            self.ctx.fill()
        gx, gy, gw, gh = x - spread, y + dy - spread, w + 2 * spread, h + 2 * spread
        if gw <= 0 or gh <= 0:
            return
        token = token or getattr(color, "token", "")
        fid = self._shadow_filter(token, blur / 2, gw, gh)
        tok = f" data-token={quoteattr(token)}" if token else ""
        self._body.append(self._rect_svg(
            gx, gy, gw, gh, max(0.0, radius + spread),
            f' class="shadow" fill="{color}" fill-opacity="{alpha:.4g}" filter="url(#{fid})"{tok}'))

    def _shadow_filter(self, token: str, sigma: float, w: float, h: float) -> str:
        """The id of the blur filter of shadow `token` (one per token and blur), noting the
        smallest box it blurs so its filter region can hold the blur's reach."""
        key = (token, round(sigma, 2))
        fid = self._filter_ids.get(key)
        if fid is None:
            base = "shadow-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", token.removeprefix("shadow.")).strip("-")
                                or f"blur-{_n(sigma)}".replace(".", "_"))
            fid, k = base, 2
            while fid in self._filters:
                fid, k = f"{base}-{k}", k + 1
            self._filter_ids[key] = fid
            self._filters[fid] = [token, sigma, w, h]
        entry = self._filters[fid]
        entry[2], entry[3] = min(entry[2], w), min(entry[3], h)
        return fid

    @staticmethod
    def _filter_svg(fid: str, sigma: float, w: float, h: float) -> str:
        # the region (a share of each blurred box) reaches 3 standard deviations past the smallest box
        fx, fy = math.ceil(3 * sigma / w * 1000) / 1000, math.ceil(3 * sigma / h * 1000) / 1000
        return (f'<filter id="{fid}" x="{-fx:g}" y="{-fy:g}" width="{1 + 2 * fx:g}" height="{1 + 2 * fy:g}" '
                f'color-interpolation-filters="sRGB"><feGaussianBlur stdDeviation="{_n(sigma)}"/></filter>')

    # -- text ------------------------------------------------------------------------------
    def glyphs(self, run: ShapedRun, font: Font, size: float, x: float, baseline: float, color: str) -> None:
        """One line of shaped text with its start at `x` on `baseline`: glyphs in the raster, and in
        the SVG a live ``<text>`` or glyph outlines (`svg_text`)."""
        if not run.glyphs:
            return
        if self.svg_text == "live":
            self._body.append(self._text_svg(run, font, size, x, baseline, color))
        else:
            self._outline_svg(run, font, size, x, baseline, color)
        c = self.ctx
        c.set_font_face(font.cairo_face())
        c.set_font_size(size)
        c.set_source_rgb(*_rgb(color))
        c.show_glyphs([(gid, x + gx, baseline + gy) for gid, gx, gy in run.glyphs])

    @staticmethod
    def _text_svg(run: ShapedRun, font: Font, size: float, x: float, baseline: float, color: str) -> str:
        """A live ``<text>`` of the run: the font's family (quoted) then its generic family, the
        size, weight, style, letter spacing and fill; spaces kept (``xml:space="preserve"``)."""
        face = font.face
        fam = face.family.replace("\\", "\\\\").replace("'", "\\'")
        family = f"'{fam}', {face.generic}"
        attrs = (f'x="{_n(x)}" y="{_n(baseline)}" font-family={quoteattr(family)} '
                 f'font-size="{_n(size)}" font-weight="{face.weight}"')
        if face.italic:
            attrs += ' font-style="italic"'
        if abs(run.letter_spacing) >= 0.005:
            attrs += f' letter-spacing="{_n(run.letter_spacing)}"'
        text = escape(_XML_BAD.sub("", run.text))
        return f'<text {attrs} fill="{color}"{_token_attrs(color)} xml:space="preserve">{text}</text>'

    def _outline_svg(self, run: ShapedRun, font: Font, size: float, x: float, baseline: float, color: str) -> None:
        fid = self._font_ids.setdefault(font.path, len(self._font_ids))
        k = size / font.upem
        uses = []
        for gid, gx, gy in run.glyphs:
            key = (font.path, gid)
            ref = self._glyph_ids.get(key)
            if ref is None:
                ref = f"g{fid}-{gid}"
                self._glyph_ids[key] = ref
                d = font.outline(gid)
                self._defs.append(f'<path id="{ref}" d="{d}"/>')
            uses.append(f'<use href="#{ref}" x="{_n(gx / k)}" y="{_n(-gy / k)}"/>')
        self._body.append(
            f'<g aria-label={quoteattr(run.text)} fill="{color}"{_token_attrs(color)} '
            f'transform="translate({_n(x)} {_n(baseline)}) scale({k:.6g} {-k:.6g})">' + "".join(uses) + "</g>"
        )

    # -- embedded SVG (logos, icons) ---------------------------------------------------------
    def svg_asset(self, path: str, x: float, y: float, w: float, h: float, color: str | None = None,
                  align: str = "center") -> None:
        """Draw an SVG file into the box (aspect kept; centred, or at the left with
        ``align="left"``). `color` sets ``currentColor``."""
        inner, vb = svg_inner(path)
        vx, vy, vw, vh = vb
        k = min(w / vw, h / vh)
        dw, dh = vw * k, vh * k
        ox, oy = (x if align == "left" else x + (w - dw) / 2), y + (h - dh) / 2
        self._embed_count += 1
        prefix = f"e{self._embed_count}-"
        inner_p = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m.group(1)}"', inner)
        inner_p = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m.group(1)})", inner_p)
        inner_p = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}{m.group(1)}"', inner_p)
        col = f' color="{color}"{_token_attrs(color)}' if color else ""
        self._body.append(
            f'<svg x="{_n(ox)}" y="{_n(oy)}" width="{_n(dw)}" height="{_n(dh)}" '
            f'viewBox="{_n(vx)} {_n(vy)} {_n(vw)} {_n(vh)}"{col}>{inner_p}</svg>'
        )
        img = _raster_svg(path, max(1, round(dw)), max(1, round(dh)), color or "")
        c = self.ctx
        c.save()
        c.translate(ox, oy)
        c.scale(dw / img.get_width(), dh / img.get_height())
        c.set_source_surface(img, 0, 0)
        c.paint()
        c.restore()

    # -- output ----------------------------------------------------------------------------
    def svg(self) -> str:
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'width="{self.width}" height="{self.height}" viewBox="0 0 {self.width} {self.height}">'
        )
        filters = "".join(self._filter_svg(fid, sigma, w, h) for fid, (_, sigma, w, h) in self._filters.items())
        return head + "<defs>" + "".join(self._defs) + filters + "</defs>" + "".join(self._body) + "</svg>"

    def image(self):
        """The raster as a PIL RGB image (a copy of cairo's BGRx buffer)."""
        from PIL import Image

        self.surface.flush()
        buf = self.surface.get_data()
        return Image.frombuffer("RGB", (self.width, self.height), bytes(buf), "raw", "BGRX",
                                self.surface.get_stride(), 1)


@lru_cache(maxsize=64)
def svg_inner(path: str) -> tuple[str, tuple[float, float, float, float]]:
    """The children of an SVG file's root element as text, and its viewBox."""
    import defusedxml.ElementTree as DET
    import xml.etree.ElementTree as ET

    tree = DET.parse(path, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    root = tree.getroot()
    vb = root.attrib.get("viewBox")
    if vb:
        vals = tuple(float(v) for v in re.split(r"[\s,]+", vb.strip()))
    else:
        w = float(re.match(r"[\d.]+", root.attrib.get("width", "24")).group())
        h = float(re.match(r"[\d.]+", root.attrib.get("height", "24")).group())
        vals = (0.0, 0.0, w, h)
    ET.register_namespace("", "http://www.w3.org/2000/svg")
    inherited = " ".join(
        f'{k}="{escape(v)}"' for k, v in root.attrib.items()
        if k in ("fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin")
    )
    body = "".join(ET.tostring(ch, encoding="unicode") for ch in root)
    body = re.sub(r'\sxmlns(:\w+)?="[^"]+"', "", body).replace("ns0:", "")
    return (f"<g {inherited}>{body}</g>" if inherited else body), vals  # type: ignore[return-value]


@lru_cache(maxsize=512)
def _raster_svg(path: str, w: int, h: int, color: str):
    data = Path(path).read_bytes()
    if color:
        data = data.replace(b"currentColor", color.encode())
    return cairo.ImageSurface.create_from_png(io.BytesIO(_svg_png(data, w, h)))


def _svg_png(data: bytes, w: int, h: int) -> bytes:
    """CairoSVG's PNG of SVG `data` at w×h, remembered on disk (`ingest.cache`) under the SVG's
    bytes, the size and CairoSVG's version: a logo or icon drawn again in a new process needs
    neither CairoSVG's import nor its parse."""
    import hashlib
    import importlib.util

    from ingest.cache import DiskCache, file_fingerprint

    spec = importlib.util.find_spec("cairosvg")
    version = file_fingerprint(spec.origin) if spec is not None and spec.origin else None
    key = f"svg-png\0{hashlib.sha256(data).hexdigest()}\0{w}x{h}\0{version}"
    cache = DiskCache("svg-raster", max_entries=2048, suffix=".png")
    png = cache.get(key) if version else None
    if png is None or not png.startswith(b"\x89PNG\r\n\x1a\n"):
        import cairosvg

        png = cairosvg.svg2png(bytestring=data, output_width=w, output_height=h, unsafe=False)
        if version:
            cache.put(key, png)
    return png
