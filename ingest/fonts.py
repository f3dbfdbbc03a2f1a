"""Resolve font families named by tokens to font files.

Search order: font files inside the design-system folder, then installed font packages
(any importable ``font_*`` package that ships a ``files/`` folder, e.g. ``font-manrope``),
then system fonts under ``/usr/share/fonts``. A family found nowhere falls back to the first
available of Manrope, Lato, Source Sans Pro or DejaVu Sans, with a warning.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from functools import lru_cache
from pathlib import Path

from ingest.model import FontFace

FONT_SUFFIXES = (".ttf", ".otf", ".woff2", ".woff")
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
    out = []
    for f in paths:
        desc = describe_font(f)
        if desc:
            out.append((desc[0], desc[1], desc[2], str(f), "folder"))
    return out


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
