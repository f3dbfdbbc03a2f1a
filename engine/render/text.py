"""Fonts and text: HarfBuzz shaping (kerning, ligatures), measuring, wrapping, ellipsis.

A `Font` is one font file. Shaping gives glyph ids with advances in font units; the renderer
draws those glyphs through cairo's FreeType backend (raster) and, in the SVG, either as outline
paths from fontTools (every glyph at the raster's position) or as live ``<text>`` naming the
font's family, weight and style (`Font.face`), so the text stays editable.
"""

from __future__ import annotations

import ctypes
import re
import unicodedata
from dataclasses import astuple, dataclass
from functools import lru_cache

ELLIPSIS = "…"


@dataclass
class ShapedRun:
    text: str
    glyphs: list[tuple[int, float, float]]  # (glyph id, x, y) in px relative to the run origin
    width: float  # px
    letter_spacing: float = 0.0  # px added after every glyph but the last


class Font:
    """One font file at any size."""

    def __init__(self, path: str):
        import uharfbuzz as hb

        self.path = path
        blob = hb.Blob.from_file_path(path)
        self._face = hb.Face(blob)
        self._font = hb.Font(self._face)
        self.upem = self._face.upem
        ext = self._font.get_font_extents("ltr")
        self.ascender = ext.ascender / self.upem  # em units
        self.descender = -ext.descender / self.upem
        self._cache: dict[str, tuple[list[tuple[int, int, int, int]], int]] = {}
        self._outlines: dict[int, str] = {}
        self._cairo_face = None
        self._codepoints: frozenset[int] | None = None
        self._face_info: FaceInfo | None = None

    def _shape_units(self, text: str) -> tuple[list[tuple[int, int, int, int]], int]:
        hit = self._cache.get(text)
        if hit is not None:
            return hit
        if not text:
            return [], 0
        import uharfbuzz as hb

        buf = hb.Buffer()
        buf.add_str(text)
        buf.guess_segment_properties()
        hb.shape(self._font, buf, {"kern": True, "liga": True})
        out = []
        x = 0
        for info, pos in zip(buf.glyph_infos or [], buf.glyph_positions or []):
            out.append((info.codepoint, x + pos.x_offset, pos.y_offset, pos.x_advance))
            x += pos.x_advance
        res = (out, x)
        if len(self._cache) < 20000:
            self._cache[text] = res
        return res

    def shape(self, text: str, size: float, letter_spacing: float = 0.0) -> ShapedRun:
        units, total = self._shape_units(text)
        s = size / self.upem
        glyphs = [(gid, x * s + i * letter_spacing, -y * s) for i, (gid, x, y, _) in enumerate(units)]
        width = total * s + max(0, len(units) - 1) * letter_spacing
        return ShapedRun(text, glyphs, width, letter_spacing)

    def measure(self, text: str, size: float, letter_spacing: float = 0.0) -> float:
        units, total = self._shape_units(text)
        return total * size / self.upem + max(0, len(units) - 1) * letter_spacing

    # -- what the font is called -------------------------------------------------------------
    @property
    def face(self) -> "FaceInfo":
        """The font's family, weight, style and generic family, read from its own tables: what
        an SVG ``<text>`` names so that a viewer with the font installed picks this very face."""
        if self._face_info is None:
            info = _font_memo("face", self.path, lambda: list(astuple(face_info(self.path))))
            self._face_info = FaceInfo(*info)
        return self._face_info

    # -- character coverage ----------------------------------------------------------------
    @property
    def codepoints(self) -> frozenset[int]:
        """The characters the font's cmap maps to a glyph."""
        if self._codepoints is None:
            try:
                self._codepoints = frozenset(self._face.unicodes)
            except Exception:  # noqa: BLE001 - an unreadable cmap covers nothing
                self._codepoints = frozenset()
        return self._codepoints

    def missing(self, text: str) -> list[str]:
        """The distinct characters of `text` the font has no glyph for (spaces and controls aside),
        in order of appearance: what would be drawn as empty boxes ("tofu")."""
        cov = self.codepoints
        out: dict[str, None] = {}
        for ch in text:
            if ord(ch) not in cov and not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf", "Zs", "Zl", "Zp"):
                out[ch] = None
        return list(out)

    # -- outlines for SVG ------------------------------------------------------------------
    def outline(self, gid: int) -> str:
        """SVG path data of a glyph in font units, y up (callers flip with a transform); empty for
        a glyph the font cannot draw (a damaged glyph table), so one bad glyph never stops a render."""
        d = self._outlines.get(gid)
        if d is None:
            from fontTools.pens.svgPathPen import SVGPathPen

            try:
                gs = _glyph_set(self.path)
                order = _glyph_order(self.path)
                pen = SVGPathPen(gs)
                gs[order[gid]].draw(pen)
                d = pen.getCommands()
            except Exception:  # noqa: BLE001 - see the docstring
                d = ""
            self._outlines[gid] = d
        return d

    # -- cairo font face for raster --------------------------------------------------------
    def cairo_face(self):
        if self._cairo_face is None:
            self._cairo_face = _cairo_ft_face(self.path)
        return self._cairo_face


@dataclass(frozen=True)
class FaceInfo:
    """How CSS and SVG name a font face."""

    family: str  # the typographic family ("Manrope", not "Manrope SemiBold")
    weight: int  # 100–900 (OS/2 usWeightClass)
    italic: bool
    generic: str  # the CSS generic family it falls back to: sans-serif, serif or monospace


def face_info(path: str) -> FaceInfo:
    """`FaceInfo` of the font file at `path`: the typographic family (name ID 16, else 1), the
    OS/2 weight class and italic bit, and the generic family from the fixed-pitch flag and the
    PANOSE serif style (monospace, serif, else sans-serif). A file whose tables cannot be read
    is named after its file stem, weight 400, sans-serif."""
    from pathlib import Path

    family, weight, italic, generic = "", 400, False, "sans-serif"
    try:
        f = _ttfont(path)
        name = f["name"]
        family = (name.getDebugName(16) or name.getDebugName(1) or "").strip()
        sub = (name.getDebugName(17) or name.getDebugName(2) or "").lower()
        italic = "italic" in sub or "oblique" in sub
        if "OS/2" in f:
            os2 = f["OS/2"]
            weight = int(os2.usWeightClass)
            italic = italic or bool(os2.fsSelection & 1)
            panose = getattr(os2, "panose", None)
            if panose is not None and panose.bFamilyType == 2 and 2 <= panose.bSerifStyle <= 10:
                generic = "serif"
            if panose is not None and panose.bFamilyType == 2 and panose.bProportion == 9:
                generic = "monospace"
        if "post" in f and f["post"].isFixedPitch:
            generic = "monospace"
    except Exception:  # noqa: BLE001 - an unreadable name table names the font after its file
        pass
    if "mono" in family.lower():
        generic = "monospace"
    weight = min(900, max(100, round(weight / 100) * 100)) if weight else 400  # SVG 1.1 knows 100–900
    return FaceInfo(family or Path(path).stem, weight, italic, generic)


@lru_cache(maxsize=32)
def _ttfont(path: str):
    from fontTools.ttLib import TTFont

    return TTFont(path, lazy=True)


def _glyph_set(path: str):
    return _ttfont(path).getGlyphSet()


def _glyph_order(path: str) -> list[str]:
    return _ttfont(path).getGlyphOrder()


@lru_cache(maxsize=1)
def _ft_libs():
    from ingest.cairo_ffi import find_library  # ctypes.util.find_library, remembered on disk

    fc = ctypes.CDLL(find_library("fontconfig") or "libfontconfig.so.1")
    lc = ctypes.CDLL(find_library("cairo") or "libcairo.so.2")
    fc.FcPatternCreate.restype = ctypes.c_void_p
    fc.FcPatternAddString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]
    fc.FcPatternAddInteger.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    lc.cairo_ft_font_face_create_for_pattern.restype = ctypes.c_void_p
    lc.cairo_ft_font_face_create_for_pattern.argtypes = [ctypes.c_void_p]
    return fc, lc


def _cairo_ft_face(path: str):
    """A cairo FontFace for exactly this file (fontconfig pattern naming the file, no lookup)."""
    import cairocffi

    fc, lc = _ft_libs()
    pat = fc.FcPatternCreate()
    fc.FcPatternAddString(pat, b"file", path.encode())
    fc.FcPatternAddInteger(pat, b"index", 0)
    ptr = lc.cairo_ft_font_face_create_for_pattern(pat)
    if not ptr:
        raise RuntimeError(f"cairo could not load font {path}")
    return cairocffi.FontFace._from_pointer(cairocffi.ffi.cast("cairo_font_face_t *", ptr), incref=False)


@lru_cache(maxsize=64)
def load_font(path: str) -> Font:
    return Font(path)


@lru_cache(maxsize=256)
def font_problem(path: str) -> str | None:
    """Why the font file at `path` cannot draw text (one line), or None when it can: the file
    is missing, or shaping and drawing a test text fails (see `ingest.fonts.check_font`)."""
    from pathlib import Path

    from ingest.fonts import check_font

    if not Path(path).is_file():
        return "the font file is missing"
    return _font_memo("check", path, lambda: check_font(Path(path), full=False))


#: Bump when `face_info` or `ingest.fonts.check_font` answer differently: remembered answers are dropped.
FONT_MEMO_VERSION = 1


def _font_memo(what: str, path: str, compute):
    """`compute()` (a JSON value) for the font file at `path`, remembered on disk across
    processes (`ingest.cache`) under the file's identity (inode, size, modification time): reading
    a font's tables with fontTools and drawing test glyphs costs a cold start tens of
    milliseconds per face, and the answer changes only when the file does."""
    import json

    from ingest.cache import DiskCache, file_fingerprint

    stamp = file_fingerprint(path)
    if stamp is None:
        return compute()
    cache = DiskCache("fonts", max_entries=512, suffix=".json")
    key = json.dumps([FONT_MEMO_VERSION, what, str(path), stamp])
    raw = cache.get(key)
    if raw is not None:
        try:
            return json.loads(raw)["value"]
        except (ValueError, KeyError, TypeError):
            pass
    value = compute()
    cache.put(key, json.dumps({"value": value}).encode())
    return value


def font_covering(chars: str, weight: int, prefer: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """(path, family) of a usable font with a glyph for every character of `chars`: the text
    faces of the font files `prefer` first, then those of installed font packages and system
    fonts (nearest `weight`, upright faces), then monospace, narrow and symbol faces (so a line
    of body text is not set in a code font for one star); None when no font has them all."""
    return _font_covering(frozenset(ord(c) for c in chars), weight, tuple(prefer))


@lru_cache(maxsize=64)
def _font_covering(need: frozenset[int], weight: int, prefer: tuple[str, ...]) -> tuple[str, str] | None:
    from ingest.fonts import describe_font, installed_fonts

    from pathlib import Path

    def family_of(path: str) -> str:
        desc = describe_font(Path(path))
        return desc[0] if desc else Path(path).stem

    installed = sorted((f for f in installed_fonts() if not f[2]), key=lambda f: abs(f[1] - weight))
    # the system's text faces, then installed ones, then the monospace or symbol faces of either
    # (a stable sort keeps each group in its order)
    order = sorted([(p, family_of(p)) for p in prefer] + [(f[3], f[0]) for f in installed],
                   key=lambda c: _NOT_TEXT_FACE.search(c[1]) is not None)
    seen: set[str] = set()
    for path, family in order:
        if path in seen:
            continue
        seen.add(path)
        try:
            if font_problem(path) is not None or not need <= load_font(path).codepoints:
                continue
        except Exception:  # noqa: BLE001 - an unreadable candidate is skipped
            continue
        return path, family
    return None


#: Families that are not text faces: a run of body text falls back to one of them last.
_NOT_TEXT_FACE = re.compile(r"mono|code|courier|consol|narrow|condensed|symbol|emoji|dingbat", re.IGNORECASE)


def wrap(font: Font, text: str, size: float, width: float, max_lines: int, letter_spacing: float = 0.0) -> list[str]:
    """Greedy word wrap into at most `max_lines` lines of `width` px; the last line ends in an
    ellipsis when text remains. Words longer than a line are cut with an ellipsis."""
    if max_lines <= 0 or width <= 0:
        return []
    words = text.split()
    lines: list[str] = []
    cur = ""
    i = 0
    while i < len(words):
        w = words[i]
        cand = f"{cur} {w}" if cur else w
        if font.measure(cand, size, letter_spacing) <= width:
            cur = cand
            i += 1
            continue
        if not cur:  # a single word wider than the line: cut it with an ellipsis
            cur = ellipsize(font, w, size, width, letter_spacing)
            i += 1
            if not cur:
                break
        lines.append(cur)
        cur = ""
        if len(lines) == max_lines:
            break
    if cur and len(lines) < max_lines:
        lines.append(cur)
    if not lines:
        return []
    truncated = i < len(words)
    last = lines[-1]
    if truncated or font.measure(last, size, letter_spacing) > width:
        lines[-1] = ellipsize(font, last, size, width, letter_spacing, force=truncated)
    return [ln for ln in lines if ln]


def ellipsize(font: Font, text: str, size: float, width: float, letter_spacing: float = 0.0, force: bool = False) -> str:
    if not force and font.measure(text, size, letter_spacing) <= width:
        return text
    t = text.rstrip()
    while t:
        cand = t.rstrip(" ,.;:-") + ELLIPSIS
        if font.measure(cand, size, letter_spacing) <= width:
            return cand
        t = t[:-1]
    return ""
