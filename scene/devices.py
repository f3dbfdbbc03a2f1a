"""Device classes: the canvas size each one renders at by default and the design-px width its
layout is composed at (a 3840 px desktop canvas draws a 1920 design-px layout at scale 2)."""

from __future__ import annotations

#: Device presets: canvas size and the design-px width its layout is composed at.
DEVICES: dict[str, tuple[tuple[int, int], float]] = {
    "desktop": ((3840, 2160), 1920.0),
    "tablet": ((2732, 2048), 1366.0),
    "mobile": ((1290, 2796), 430.0),
}


def device_for_size(width: int, height: int) -> str:
    """The device class whose layout suits a canvas of this shape."""
    ratio = width / height
    return "mobile" if ratio < 0.8 else ("tablet" if ratio < 1.5 else "desktop")
