"""The size of an SVG viewport: its viewBox, else its width and height attributes (shared by the
SVG reader, `ingest.svg`, and the SVG screen reader, `ingest.screens`).
"""

from __future__ import annotations

import re


def _number(v: str | None) -> float | None:
    m = re.match(r"\s*(-?[\d.]+(?:e-?\d+)?)", v or "")
    try:
        return float(m.group(1)) if m else None
    except ValueError:
        return None


def view_size(el) -> tuple[float, float] | None:
    vb = el.attrib.get("viewBox") or el.attrib.get("viewbox")
    if vb:
        nums = [n for n in re.split(r"[\s,]+", vb.strip()) if n]
        if len(nums) == 4:
            try:
                w, h = float(nums[2]), float(nums[3])
                if w > 0 and h > 0:
                    return w, h
            except ValueError:
                pass
    w, h = _number(el.attrib.get("width")), _number(el.attrib.get("height"))
    if w and h and w > 0 and h > 0:
        return w, h
    return None
