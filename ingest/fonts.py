"""Resolve font families named by tokens to font files.

Search order: font files inside the design-system folder, then installed font packages
(any importable ``font_*`` package that ships a ``files/`` folder, e.g. ``font-manrope``),
then system fonts under ``/usr/share/fonts``. A family found nowhere falls back to the first
available of Manrope, Lato, Source Sans Pro or DejaVu Sans, with a warning.

WOFF and WOFF2 files of the folder are usable too: HarfBuzz, cairo and FreeType read plain
TrueType/OpenType only, so each web font is decompressed once (fontTools; WOFF2 needs brotli)
into a cache folder — ``$ONBRAND_FONT_CACHE``, else ``$XDG_CACHE_HOME/onbrand/fonts``, else
``~/.cache/onbrand/fonts`` — named by the hash of the font's bytes, and `FontFace.path` points
at that copy. `read_font` describes any font file (family, style, weight, variable axes) for
the context store.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from ingest.errors import ReadError, one_line
from ingest.model import Chunk, FileExtract, FontFace, Source

FALLBACK_FAMILIES = ("Manrope", "Lato", "Source Sans Pro", "DejaVu Sans")
_SYSTEM_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))


def _norm(family: str) -> str:
    return re.sub(r"[^a-z0-9]", "", family.lower())


def describe_font(path: Path) -> tuple[str, int, bool] | None:
    """(family, weight, italic) read from the font's name and OS/2 tables, or None."""
    from fontTools.ttLib import TTFont

    try:
        with TTFont(str(path), lazy=True, fontNumber=0) as f:
            name = f["name"]
            fam = name.getDebugName(16) or name.getDebugName(1)
            sub = (name.getDebugName(17) or name.getDebugName(2) or "").lower()
            weight = int(f["OS/2"].usWeightClass) if "OS/2" in f else 400
            if "fvar" in f:
                return None  # variable fonts are skipped: static instances render predictably
    except Exception:
        return None
    if not fam:
        return None
    return fam, weight, "italic" in sub or "oblique" in sub


def _package_font_dirs() -> list[Path]:
    dirs: list[Path] = []
    for entry in sys.path:
        p = Path(entry)
        if not p.is_dir():
            continue
        try:
            children = list(p.glob("font_*"))
        except OSError:
            continue
        for child in children:
            if child.is_dir() and (child / "files").is_dir():
                dirs.append(child / "files")
    return dirs


@lru_cache(maxsize=1)
def installed_fonts() -> tuple[tuple[str, int, bool, str, str], ...]:
    """(family, weight, italic, path, origin) for fonts of installed packages and the system."""
    out = []
    for origin, dirs in (("package", _package_font_dirs()), ("system", list(_SYSTEM_DIRS))):
        for d in dirs:
            if not d.is_dir():
                continue
            for f in sorted(d.rglob("*")):
                if f.suffix.lower() in (".ttf", ".otf"):
                    desc = describe_font(f)
                    if desc:
                        out.append((desc[0], desc[1], desc[2], str(f), origin))
    return tuple(out)


def folder_fonts(paths: list[Path]) -> list[tuple[str, int, bool, str, str]]:
    """(family, weight, italic, path, "folder") for the folder's fonts; WOFF/WOFF2 files are
    listed by the path of their decompressed cached copy (see `usable_font_path`)."""
    out = []
    for f in paths:
        desc = describe_font(f)
        if not desc:
            continue
        try:
            usable = usable_font_path(f)
        except ReadError:
            continue
        out.append((desc[0], desc[1], desc[2], str(usable), "folder"))
    return out


def font_cache_dir() -> Path:
    """Where decompressed web fonts are kept (see the module docstring)."""
    if os.environ.get("ONBRAND_FONT_CACHE"):
        return Path(os.environ["ONBRAND_FONT_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "onbrand" / "fonts"


def usable_font_path(path: Path) -> Path:
    """A path HarfBuzz and cairo can load: the file itself for TTF/OTF, a cached TrueType or
    OpenType copy for WOFF/WOFF2 (written once, atomically, named by content hash)."""
    from fontTools.ttLib import TTFont

    with open(path, "rb") as fh:
        data = fh.read()
    if data[:4] not in (b"wOFF", b"wOF2"):
        return path
    digest = hashlib.sha256(data).hexdigest()[:24]
    try:
        with TTFont(str(path), fontNumber=0) as f:
            suffix = ".otf" if "CFF " in f or "CFF2" in f else ".ttf"
            dirs = [font_cache_dir(), Path(tempfile.gettempdir()) / "onbrand-fonts"]
            for d in dirs:
                target = d / f"{digest}{suffix}"
                if target.is_file():
                    return target
                try:
                    d.mkdir(parents=True, exist_ok=True)
                    f.flavor = None
                    tmp = d / f".{digest}.{os.getpid()}.tmp"
                    f.save(str(tmp))
                    os.replace(tmp, target)
                    return target
                except OSError:
                    continue
    except Exception as e:
        raise ReadError(f"web font cannot be decompressed ({one_line(e)})") from None
    raise ReadError("no writable cache folder for decompressed web fonts (set ONBRAND_FONT_CACHE)")


def restore_font_file(path: str, root: str | os.PathLike | None) -> str | None:
    """The path of a usable copy of the font file `path` names, or None when there is none.

    A `FontFace` of a WOFF/WOFF2 file names its decompressed copy in the font cache; when that
    copy is gone (the cache was wiped, or another ``$ONBRAND_FONT_CACHE`` is set), the web font
    of the design-system folder `root` whose content hash names the copy is decompressed again."""
    p = Path(path)
    if p.is_file():
        return str(p)
    m = re.fullmatch(r"([0-9a-f]{24})\.(?:ttf|otf)", p.name)
    if not m or not root or not Path(root).is_dir():
        return None
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and d != "node_modules"]
        for name in filenames:
            f = Path(dirpath) / name
            if f.suffix.lower() not in (".woff", ".woff2"):
                continue
            try:
                if f.stat().st_size > MAX_FONT_BYTES:
                    continue
                if hashlib.sha256(f.read_bytes()).hexdigest()[:24] != m.group(1):
                    continue
                return str(usable_font_path(f))
            except (OSError, ReadError):
                continue
    return None


MAX_FONT_BYTES = 50 * 1024 * 1024
#: Text shaped and drawn to check a font: letters, figures, punctuation and the ligatures
#: ("fi", "ffl" …) whose substitutions a broken GSUB table sends to glyphs the font lacks.
CHECK_TEXT = ("Hamburgefonstiv HAMBURGEFONSTIV 0123456789 office fluffy affine waffle fjord "
              ".,:;!?()[]&@#%/+-–—…'’\"“”")
#: Fonts with at most this many glyphs have every glyph drawn at ingest; larger ones only those
#: of `CHECK_TEXT` (drawing tens of thousands of CJK glyphs would take seconds).
CHECK_ALL_GLYPHS_MAX = 10_000


def check_font(path: Path, full: bool = True) -> str | None:
    """Why the TrueType/OpenType file at `path` cannot draw text, in one line, or None.

    Shapes `CHECK_TEXT` with HarfBuzz (as the renderer does) and draws the glyphs it gives with
    fontTools (as the SVG output does); `full` also draws every glyph of the font (up to
    `CHECK_ALL_GLYPHS_MAX`) and checks that no GSUB substitution leads to a glyph the font lacks.
    A corrupted ``glyf``, ``loca``, ``CFF`` or ``GSUB`` table shows up here, not mid-render."""
    import uharfbuzz as hb
    from fontTools.pens.basePen import NullPen
    from fontTools.ttLib import TTFont

    try:
        with _QuietFontTools(), TTFont(str(path), fontNumber=0, lazy=True) as f:
            order = f.getGlyphOrder()
            glyph_set = f.getGlyphSet()
            face = hb.Face(hb.Blob.from_file_path(str(path)))
            if not 16 <= face.upem <= 16384:
                return f"units per em {face.upem} is outside 16–16384"
            font = hb.Font(face)
            buf = hb.Buffer()
            buf.add_str(CHECK_TEXT)
            buf.guess_segment_properties()
            hb.shape(font, buf, {"kern": True, "liga": True})
            gids = {info.codepoint for info in buf.glyph_infos or []}
            beyond = sorted(g for g in gids if g >= len(order))
            if beyond:
                return (f"text is shaped to glyph {beyond[0]}, beyond the font's {len(order)} glyphs "
                        "(broken GSUB or cmap table)")
            if full and len(order) <= CHECK_ALL_GLYPHS_MAX:
                gids = set(range(len(order)))
            for gid in sorted(gids):
                try:
                    glyph_set[order[gid]].draw(NullPen())
                except Exception as e:
                    return f"glyph {order[gid]!s} cannot be drawn ({one_line(e) or type(e).__name__})"
            if full and "GSUB" in f:
                try:
                    missing = _gsub_missing_glyph(f, set(order))
                except Exception as e:
                    return f"broken GSUB table ({one_line(e) or type(e).__name__})"
                if missing:
                    return f"the GSUB table substitutes {missing}, a glyph the font lacks"
    except Exception as e:
        return f"cannot be read ({one_line(e) or type(e).__name__})"
    return None


def _gsub_missing_glyph(font, known: set[str]) -> str | None:
    """The first glyph the decompiled GSUB table names that the font lacks (fontTools names an
    out-of-range glyph id ``glyphNNNNN``), or None."""
    table = font["GSUB"].table
    table.ensureDecompiled(recurse=True)
    seen: set[int] = set()
    stack: list = [table]
    while stack:
        o = stack.pop()
        if isinstance(o, str):
            if o not in known and o.startswith("glyph") and o[5:].isdigit():
                return o
        elif isinstance(o, (list, tuple, set)):
            stack.extend(o)
        elif isinstance(o, dict):
            stack.extend(o.keys())
            stack.extend(o.values())
        elif hasattr(o, "__dict__") and id(o) not in seen:
            seen.add(id(o))
            stack.extend(vars(o).values())
    return None


class _QuietFontTools:
    """Silence fontTools' per-record log lines while reading one file (the ReadError says it all)."""

    def __enter__(self):
        import logging

        self._log = logging.getLogger("fontTools")
        self._level = self._log.level
        self._log.setLevel(logging.CRITICAL)

    def __exit__(self, *exc):
        self._log.setLevel(self._level)
        return False
_FORMATS = {b"wOFF": "WOFF", b"wOF2": "WOFF2", b"OTTO": "OpenType (CFF)", b"\x00\x01\x00\x00": "TrueType",
            b"true": "TrueType"}


def read_font(path: Path, rel: str) -> FileExtract:
    """Family, style, weight and variable axes of a TTF/OTF/WOFF/WOFF2 file as one "font" chunk;
    ReadError (one line) when the file is not a font fontTools can read."""
    from fontTools.ttLib import TTFont

    size = path.stat().st_size
    if size == 0:
        raise ReadError("empty file")
    if size > MAX_FONT_BYTES:
        raise ReadError(f"{size} bytes is larger than the {MAX_FONT_BYTES} byte limit for font files")
    with open(path, "rb") as fh:
        magic = fh.read(4)
    fmt = _FORMATS.get(magic)
    if fmt is None:
        raise ReadError("not a TrueType, OpenType, WOFF or WOFF2 font (unknown file signature)")
    quiet = _QuietFontTools()
    try:
        with quiet, TTFont(str(path), fontNumber=0, lazy=True) as f:
            name = f["name"]
            family = name.getDebugName(16) or name.getDebugName(1)
            style = name.getDebugName(17) or name.getDebugName(2) or "Regular"
            weight = int(f["OS/2"].usWeightClass) if "OS/2" in f else 400
            italic = bool(f["OS/2"].fsSelection & 1) if "OS/2" in f else "italic" in style.lower()
            glyphs = int(f["maxp"].numGlyphs)
            cmap = f["cmap"].getBestCmap() or {}
            f["head"].unitsPerEm  # noqa: B018 - decoding the head table checks the file
            axes = [{"tag": a.axisTag, "min": a.minValue, "default": a.defaultValue, "max": a.maxValue}
                    for a in f["fvar"].axes] if "fvar" in f else []
    except Exception as e:
        raise ReadError(f"broken {fmt} font ({one_line(e)})") from None
    if not family:
        raise ReadError(f"{fmt} font has no family name in its name table")
    usable = usable_font_path(path) if fmt.startswith("WOFF") else path
    problem = check_font(usable)
    if problem:
        raise ReadError(f"broken {fmt} font: {problem}")
    text = f"font {family} {style} (weight {weight}{', italic' if italic else ''}), {fmt}, {glyphs} glyphs"
    if axes:
        text += "; variable axes " + ", ".join(f"{a['tag']} {a['min']:g}–{a['max']:g}" for a in axes)
    chunk = Chunk(id=f"{rel}#font", kind="font", text=text, source=Source(file=rel, locator="font"),
                  meta={"family": family, "style": style, "weight": weight, "italic": italic, "format": fmt,
                        "glyphs": glyphs, "codepoints": len(cmap), "axes": axes})
    return FileExtract(kind="font", chunks=[chunk], font_families=[family])


def resolve_family(
    family: str, weights: set[int], local: list[tuple[str, int, bool, str, str]]
) -> tuple[list[FontFace], str]:
    """Faces of `family` for each wanted weight (nearest available), plus a warning or ''."""
    want = _norm(family)
    for pool in (local, list(installed_fonts())):
        faces = [f for f in pool if _norm(f[0]) == want and not f[2]]
        if faces:
            return [_nearest(family, w, faces) for w in sorted(weights)], ""
    for fb in FALLBACK_FAMILIES:
        faces = [f for f in installed_fonts() if _norm(f[0]) == _norm(fb) and not f[2]]
        if faces:
            warning = f"font family {family!r} is neither in the folder nor installed; using {fb} instead"
            return [_nearest(family, w, faces, origin="fallback", warning=warning) for w in sorted(weights)], warning
    raise RuntimeError("no usable font found: install the font-manrope package")


def _nearest(family: str, weight: int, faces, origin: str | None = None, warning: str = "") -> FontFace:
    fam, w, _, path, orig = min(faces, key=lambda f: (abs(f[1] - weight), f[1]))
    return FontFace(family=family, weight=weight, path=path, origin=origin or orig, warning=warning)


def is_font_family_available(family: str) -> bool:
    return any(_norm(f[0]) == _norm(family) for f in installed_fonts())
