"""Safe reading of SVG files: no entity expansion, no DTDs, no external references.

`check_svg` parses a file with defusedxml and refuses anything unsafe; `read_svg` then
extracts what the SVG contributes to a design system: its fills, strokes and gradient stops
(with the share of the drawing each covers, measured on a small rendering), the font
families it names, a thumbnail, and what kind of asset it is (logo, icon, illustration or
screen). Rendering uses cairosvg with ``unsafe=False`` and a URL fetcher that refuses every
request, so nothing outside the file is ever read.
"""

from __future__ import annotations

import re
from pathlib import Path

from ingest.limits import MAX_SVG_RENDER_NODES
from ingest.readers_common import ReadError
from ingest.svg_viewport import view_size

MAX_SVG_BYTES = 5 * 1024 * 1024
MAX_SVG_DEPTH = 200  # element nesting; deeper documents are refused (they exhaust recursion)
MAX_SVG_SIDE = 20_000  # px; larger declared sizes are refused (rasterising them would exhaust memory)
_EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.I)


class SvgError(ReadError):
    """An SVG that is unsafe or unreadable; the message is one line."""


def check_svg(path: Path, root: Path):
    """Parse an SVG safely and return its root element; SvgError says why it was refused."""
    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException

    size = path.stat().st_size
    if size == 0:
        raise SvgError("empty file")
    if size > MAX_SVG_BYTES:
        raise SvgError(f"{size} bytes is larger than the {MAX_SVG_BYTES} byte limit for SVG files")
    try:
        tree = DET.parse(str(path), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as e:
        raise SvgError(f"unsafe XML refused ({type(e).__name__}: DTDs and entities are not allowed)") from None
    except Exception as e:  # ParseError and friends
        raise SvgError(f"not a valid SVG/XML document ({str(e).splitlines()[0]})") from None
    el = tree.getroot()
    if not el.tag.endswith("svg"):
        raise SvgError(f"root element is <{el.tag}>, not <svg>")
    stack = [(el, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_SVG_DEPTH:
            raise SvgError(f"elements nested more than {MAX_SVG_DEPTH} deep")
        stack.extend((child, depth + 1) for child in node)
    for node in el.iter():
        for attr, val in node.attrib.items():
            if attr.endswith("href") and _EXTERNAL.match(val) and not val.startswith("data:"):
                raise SvgError(f"external reference {val[:60]!r} refused (SVGs must be self-contained)")
            if attr.endswith("href") and not val.startswith(("#", "data:")):
                raise SvgError(f"file reference {val[:60]!r} refused (SVGs must be self-contained)")
        if node.tag.endswith("script"):
            raise SvgError("<script> elements are not allowed")
    for dim in ("width", "height"):
        v = el.attrib.get(dim)
        if v:
            m = re.match(r"\s*([\d.]+)", v)
            if m and float(m.group(1)) > MAX_SVG_SIDE:
                raise SvgError(f"declared {dim} {v!r} exceeds {MAX_SVG_SIDE}px")
    return el


# -- reading what an SVG contributes -----------------------------------------------------------

_SHAPES = {"path", "rect", "circle", "ellipse", "polygon", "polyline", "line", "text", "tspan"}
_NON_PAINTING = {"defs", "clipPath", "mask", "symbol", "marker", "pattern", "title", "desc", "metadata", "style"}
_INHERITED = ("fill", "stroke", "font-family", "color", "display", "visibility")
_LOGO_WORDS = ("logo", "wordmark", "logotype", "brandmark", "lockup", "monogram")
_ICON_DIRS = {"icons", "icon", "iconography", "glyphs"}
_SCREEN_DIRS = {"screens", "screenshots", "screen", "examples", "mockups", "mocks", "ui"}
_ILLUSTRATION_DIRS = {"illustrations", "illustration", "graphics", "artwork", "spot", "images"}
_LOGO_DIRS = {"logo", "logos", "brand", "branding"}
SHARE_MATCH_DELTA_E = 25.0  # a rendered pixel counts for the nearest found colour within this ΔE
MAX_RENDER_NODES = MAX_SVG_RENDER_NODES  # elements once references are expanded; larger drawings are refused


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _parse_css(text: str) -> dict[str, dict[str, str]]:
    """Rules of a <style> sheet as selector → declarations (simple selectors only)."""
    rules: dict[str, dict[str, str]] = {}
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
        decls = _parse_decls(body)
        for one in sel.split(","):
            rules.setdefault(one.strip(), {}).update(decls)
    return rules


def _parse_decls(body: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in body.split(";"):
        if ":" in part:
            k, v = part.split(":", 1)
            out[k.strip().lower()] = v.strip().removesuffix("!important").strip()
    return out


def _own_style(el, css: dict[str, dict[str, str]]) -> dict[str, str]:
    tag = _local(el.tag)
    props: dict[str, str] = {}
    props.update(css.get(tag, {}))
    for cls in el.attrib.get("class", "").split():
        props.update(css.get("." + cls, {}))
        props.update(css.get(f"{tag}.{cls}", {}))
    if el.attrib.get("id"):
        props.update(css.get("#" + el.attrib["id"], {}))
    for k in ("fill", "stroke", "font-family", "stop-color", "color", "display", "visibility", "opacity",
              "fill-opacity", "stroke-opacity", "stroke-width"):
        if k in el.attrib:
            props[k] = el.attrib[k]
    props.update(_parse_decls(el.attrib.get("style", "")))  # inline style beats attributes
    return props


def _colour(value: str | None, current: str | None) -> str | None:
    """An SVG paint → "#rrggbb", or None for none/url()/unparseable paints."""
    from ingest.colour import ColourError, parse_colour, to_hex

    if not value:
        return None
    v = value.strip()
    if v.lower() == "currentcolor":
        v = current or ""
    if not v or v.lower() in ("none", "transparent", "inherit") or v.startswith("url("):
        return None
    try:
        rgb, alpha = parse_colour(v)
    except ColourError:
        return None
    return to_hex(rgb) if alpha >= 0.2 else None


class _Walk:
    """Paints, fonts, text and element counts of an SVG tree, with CSS and inheritance applied."""

    def __init__(self, root):
        self.css: dict[str, dict[str, str]] = {}
        for node in root.iter():
            if _local(node.tag) == "style" and node.text:
                for k, v in _parse_css(node.text).items():
                    self.css.setdefault(k, {}).update(v)
        self.paints: dict[tuple[str, str], int] = {}  # (hex, how) → elements painted
        self.families: list[str] = []
        self.text: list[str] = []
        self.shapes = 0
        self.uses_current_color = False
        self._by_id = {el.attrib["id"]: el for el in root.iter() if "id" in el.attrib}
        self._used: set[str] = set()  # each <use> target is walked once: colours, not counts, matter
        self._visit(root, {}, painting=True)

    def _visit(self, el, inherited: dict[str, str], painting: bool) -> None:
        tag = _local(el.tag)
        props = dict(inherited)
        own = _own_style(el, self.css)
        props.update({k: v for k, v in own.items() if k in _INHERITED})
        if props.get("display") == "none" or props.get("visibility") == "hidden":
            return
        if tag in _NON_PAINTING:
            painting = False
        if tag == "stop":
            c = _colour(own.get("stop-color", "#000000"), props.get("color"))
            if c:
                self._add(c, "svg-gradient")
        if "font-family" in own:
            from ingest.readers_common import is_generic_family

            for fam in own["font-family"].split(","):
                fam = fam.strip().strip("'\"")
                if fam and not is_generic_family(fam) and fam not in self.families:
                    self.families.append(fam)
        if painting and tag in _SHAPES:
            self.shapes += 1
            fill = props.get("fill", "#000000")
            if "currentcolor" in (fill.lower(), props.get("stroke", "").lower()):
                self.uses_current_color = True
            c = _colour(fill, props.get("color"))
            if c and tag not in ("line",):
                self._add(c, "svg-fill")
            s = _colour(props.get("stroke"), props.get("color"))
            if s:
                self._add(s, "svg-stroke")
            if tag in ("text", "tspan") and el.text and el.text.strip():
                self.text.append(el.text.strip())
        if tag == "use" and painting:
            ref = next((v for k, v in el.attrib.items() if k.endswith("href")), "").lstrip("#")
            target = self._by_id.get(ref)
            if target is not None and ref not in self._used:
                self._used.add(ref)
                for child in (target if _local(target.tag) in ("symbol", "g", "svg") else [target]):
                    self._visit(child, props, True)
        for child in el:
            self._visit(child, props, painting)

    def _add(self, hex_: str, how: str) -> None:
        self.paints[(hex_, how)] = self.paints.get((hex_, how), 0) + 1


_URL_REF = re.compile(r"url\(\s*['\"]?#([^'\")\s]+)")
_NUMBER_RE = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_PER_VERTEX = ("marker-mid", "marker")  # drawn at every vertex of the path that names them


def _vertices(el) -> int:
    """About how many vertices a shape has (where ``marker-mid`` draws its marker)."""
    tag = _local(el.tag)
    if tag == "path":
        return max(1, len(_NUMBER_RE.findall(el.attrib.get("d", ""))) // 2)
    if tag in ("polyline", "polygon"):
        return max(1, len(_NUMBER_RE.findall(el.attrib.get("points", ""))) // 2)
    return 2 if tag == "line" else 1


def _references(el, css: dict[str, dict[str, str]]) -> list[tuple[str, int]]:
    """(id, times drawn) of what an element draws by reference: its ``href`` (``<use>``,
    ``<feImage>``, a pattern or gradient inheriting another) and every ``url(#id)`` paint,
    marker, mask, clip-path or filter, in attributes, its ``style`` or the style sheet."""
    out: list[tuple[str, int]] = []
    decls: dict[str, str] = {}
    for k, v in el.attrib.items():
        if k.endswith("href"):
            if v.startswith("#"):
                out.append((v[1:], 1))
        elif k != "id":
            decls[_local(k)] = v
    decls.update(_own_style(el, css))
    for prop, value in decls.items():
        if "url(" in value:
            times = _vertices(el) if prop in _PER_VERTEX else 1
            out += [(ref, times) for ref in _URL_REF.findall(value)]
    return out


def expanded_size(root, limit: int = MAX_RENDER_NODES) -> int:
    """Elements an SVG draws once every reference is expanded (stops counting past `limit`):
    ``<use>`` and other ``href``s, and the patterns, markers, masks, clip-paths and filters
    that paints name with ``url(#id)`` (a marker once per vertex). Chains of these grow
    exponentially (a pattern whose tiles are filled with a pattern whose tiles …), so they
    are caught here, before rendering."""
    by_id = {el.attrib["id"]: el for el in root.iter() if "id" in el.attrib}
    css: dict[str, dict[str, str]] = {}
    for node in root.iter():
        if _local(node.tag) == "style" and node.text:
            for k, v in _parse_css(node.text).items():
                css.setdefault(k, {}).update(v)
    memo: dict[int, int] = {}

    def size(el, stack: frozenset) -> int:
        key = id(el)
        if key in memo:
            return memo[key]
        n = 1
        for ref, times in _references(el, css):
            target = by_id.get(ref)
            if target is not None and id(target) not in stack and target is not el:
                n += times * size(target, stack | {key})
                if n > limit:
                    break
        for child in el:
            if n > limit:
                break
            n += size(child, stack | {key})
        memo[key] = min(n, limit + 1)
        return memo[key]

    return size(root, frozenset())


def _refuse_url(url, resource_type=None):
    raise ValueError(f"external resource {str(url)[:60]!r} refused")


def render_svg(data: bytes, size: tuple[float, float] | None, max_side: int = 256) -> bytes:
    """PNG of an SVG at most `max_side` px on the long side; nothing external is fetched."""
    from ingest.cairo_ffi import import_cairocffi

    import_cairocffi()  # before cairosvg imports it: cached C declarations (ingest.cairo_ffi)
    from cairosvg.surface import PNGSurface

    kw: dict = {}
    if size:
        w, h = size
        scale = max_side / max(w, h)
        kw = {"output_width": max(1, round(w * scale)), "output_height": max(1, round(h * scale))}
    return PNGSurface.convert(bytestring=data, unsafe=False, url_fetcher=_refuse_url, **kw)


def classify_svg(rel: str, size: tuple[float, float] | None, shapes: int, has_text: bool) -> str:
    """"logo", "icon", "illustration" or "screen": file and folder names first, then geometry."""
    parts = [p.lower() for p in Path(rel).parts[:-1]]
    stem = Path(rel).stem.lower()
    logo_word = re.search(r"(?<![a-z])(?:" + "|".join(_LOGO_WORDS) + r")s?(?![a-z])", stem)  # not "logout"
    if logo_word or any(p in _LOGO_DIRS for p in parts):
        return "logo"
    if any(p in _ICON_DIRS for p in parts) or re.match(r"^(?:icon|ic)[-_]", stem):
        return "icon"
    if any(p in _SCREEN_DIRS for p in parts) or re.search(r"screen|mock", stem):
        return "screen"
    if any(p in _ILLUSTRATION_DIRS for p in parts) or "illustration" in stem:
        return "illustration"
    if size is None:
        return "icon" if shapes <= 12 else "illustration"
    w, h = size
    aspect = max(w, h) / min(w, h)
    if max(w, h) <= 64 and aspect <= 1.25 and shapes <= 40:
        return "icon"
    if max(w, h) >= 600 and has_text and shapes >= 20:
        return "screen"
    if w / h >= 2.2 and max(w, h) <= 800 and shapes <= 300:
        return "logo"
    return "illustration"


def read_svg(path: Path, rel: str, root: Path):
    """What an SVG contributes (colours with shares, fonts, thumbnail, asset kind). Runs
    `check_svg` first; SvgError (a ReadError) says why a file was refused."""
    import numpy as np

    from ingest.model import Asset, Chunk, FileExtract, FoundColor, Source
    from ingest.readers_common import lab_array, one_line, png_thumbnail

    el = check_svg(path, root)
    if expanded_size(el) > MAX_RENDER_NODES:
        raise SvgError(f"draws more than {MAX_RENDER_NODES} elements once <use>, pattern, marker, mask and filter "
                       "references are expanded")
    walk = _Walk(el)
    size = view_size(el)
    data = path.read_bytes()
    out = FileExtract(kind="svg", font_families=list(walk.families))
    shares: dict[str, float] = {}
    thumb = None
    try:
        import io

        from PIL import Image

        png = render_svg(data, size)
        im = Image.open(io.BytesIO(png)).convert("RGBA")
        thumb = png_thumbnail(im)
        px = np.asarray(im, dtype=np.uint8).reshape(-1, 4)
        px = px[px[:, 3] >= 128, :3]
        hexes = sorted({h for h, _ in walk.paints})
        if len(px) and hexes:
            ref = lab_array(np.array([[int(h[i:i + 2], 16) for i in (1, 3, 5)] for h in hexes]))
            lab = lab_array(px)
            d = np.linalg.norm(lab[:, None, :] - ref[None, :, :], axis=-1)  # (N, K)
            near = d.argmin(axis=1)
            ok = d[np.arange(len(near)), near] <= SHARE_MATCH_DELTA_E
            counts = np.bincount(near[ok], minlength=len(hexes))
            shares = {h: float(c) / len(px) for h, c in zip(hexes, counts)}
    except Exception as e:
        out.warnings.append(f"{rel}: could not be rendered for a thumbnail ({one_line(e)})")
    total = sum(walk.paints.values()) or 1
    for (hex_, how), n in sorted(walk.paints.items(), key=lambda kv: -kv[1]):
        share = shares.get(hex_, n / total) if shares else n / total
        out.colors.append(FoundColor(hex=hex_, share=round(share, 4), how=how,
                                     source=Source(file=rel, locator=f"{how.removeprefix('svg-')} {hex_}")))
    out.colors.sort(key=lambda c: -c.share)
    text = " ".join(walk.text)
    kind = classify_svg(rel, size, walk.shapes, bool(text))
    name = Path(rel).stem
    if kind == "icon":
        name = re.sub(r"^(?:icon|ic)[-_]", "", name, flags=re.I)
    out.asset = Asset(name=name, kind=kind, path=str(path.resolve()), source=Source(file=rel))
    colours = ", ".join(f"{c.hex} ({c.share:.0%})" for c in _distinct(out.colors)[:8])
    if not colours:
        colours = "none (drawn in currentColor)" if walk.uses_current_color else "none"
    desc = f"{kind} {Path(rel).name}: colours {colours}"
    if size:
        desc += f"; {size[0]:g}×{size[1]:g}"
    if text:
        desc += f"; text {text[:120]!r}"
    if walk.families:
        desc += f"; fonts {', '.join(walk.families)}"
    meta = {"asset_kind": kind, "shapes": walk.shapes,
            "width": size[0] if size else None, "height": size[1] if size else None}
    if kind == "screen":
        from ingest.screens import blocks_meta, layout_summary, svg_screen_blocks

        try:
            blocks = svg_screen_blocks(path, root=el)
            meta["blocks"] = blocks_meta(blocks)
            desc = layout_summary(Path(rel).name, blocks) + "; " + desc
        except Exception as e:  # a layout is a bonus: never lose the file over it
            out.warnings.append(f"{rel}: layout of the screen not read ({one_line(e)})")
    out.chunks.append(Chunk(id=f"{rel}#{kind}", kind="screen" if kind == "screen" else "svg", text=desc,
                            source=Source(file=rel, locator=kind), thumbnail=thumb, meta=meta))
    return out


def _distinct(colors):
    seen: set[str] = set()
    out = []
    for c in colors:
        if c.hex not in seen:
            seen.add(c.hex)
            out.append(c)
    return out
