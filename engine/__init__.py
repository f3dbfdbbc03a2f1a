"""Engine: scene generation, layout and native-resolution vector rendering.

Rooms, bottom to top: `engine.layout` (flex layout and the layout pass), `engine.compose`
(composer, page types, curriculum, copy, fill), `engine.models` (the context adapter and the
scene transformer), `engine.samplers` (teacher and student samplers, references),
`engine.training` (teacher training and distillation), `engine.render` (canvas, components,
charts, text, PNG, token sheet), and `engine.api` (`Engine`, `Generation`) on top. Importing
`engine` itself is light: `Engine` and the rest load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from engine.api import Engine, Generation
    from scene.devices import DEVICES
    from scene.model import KINDS, Element, Scene

_LAZY = {"Engine": "engine.api", "Generation": "engine.api", "DEVICES": "scene.devices",
         "KINDS": "scene.model", "Element": "scene.model", "Scene": "scene.model"}

__all__ = ["DEVICES", "KINDS", "Element", "Engine", "Generation", "Scene"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'engine' has no attribute {name!r}")
