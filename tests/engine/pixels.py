"""Helpers shared by the engine tests: render a scene to pixels, read the colour under text."""

from __future__ import annotations

import numpy as np

from engine.render.canvas import Canvas
from engine.render.components import Renderer

#: One prompt per procedural archetype.
PROMPTS = {
    "dashboard": "sales analytics dashboard",
    "checkout": "checkout page with order summary",
    "sign-in": "sign in page",
    "settings": "account settings with notification preferences",
    "products": "product listing grid for a clothing shop",
    "orders": "admin table of orders",
}


def under(region: np.ndarray) -> tuple[int, int, int]:
    """The most common colour of an (N, 3) pixel region."""
    packed = (region[:, 0].astype(np.uint32) << 16) | (region[:, 1].astype(np.uint32) << 8) | region[:, 2]
    vals, counts = np.unique(packed, return_counts=True)
    v = int(vals[counts.argmax()])
    return (v >> 16) & 255, (v >> 8) & 255, v & 255


def render(theme, scene):
    """The scene drawn at its size: (RGB pixels, the Renderer with its text runs)."""
    cv = Canvas(scene.width, scene.height, theme.color(scene.background_role))
    r = Renderer(theme, scene.scale)
    r.draw(cv, scene)
    return np.asarray(cv.image()), r
