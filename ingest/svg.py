"""Safe reading of SVG files: no entity expansion, no DTDs, no external references."""

from __future__ import annotations

import re
from pathlib import Path

MAX_SVG_BYTES = 5 * 1024 * 1024
MAX_SVG_SIDE = 20_000  # px; larger declared sizes are refused (rasterising them would exhaust memory)
_EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.I)


class SvgError(ValueError):
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
