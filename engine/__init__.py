"""Engine: scene generation, layout and native-resolution vector rendering."""

from engine.api import Engine, Generation
from engine.compose import DEVICES
from engine.scene import KINDS, Element, Scene

__all__ = ["DEVICES", "KINDS", "Element", "Engine", "Generation", "Scene"]
