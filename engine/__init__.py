"""Engine: scene generation, layout and native-resolution vector rendering."""

from engine.api import Engine, Generation
from engine.scene import KINDS, Element, Scene

__all__ = ["KINDS", "Element", "Engine", "Generation", "Scene"]
