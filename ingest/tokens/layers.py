"""Layers of raw tokens and the modifiers (modes) that choose between them.

A `Layer` is the raw tokens of one file or one Tokens Studio set. A `Contribution` is what one
source (plain files, a resolver document, Tokens Studio themes, a Figma export) adds to a
token set: layers always applied, and modifiers whose chosen option adds more layers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.tokens.base import RawToken


@dataclass
class Layer:
    name: str  # the file, or "file#set" for one set of a multi-set file
    file: str
    tokens: dict[str, RawToken]


@dataclass
class Modifier:
    """A choice between options; the first option is the default."""

    options: dict[str, list[Layer]] = field(default_factory=dict)

    def add(self, option: str, layers: list[Layer], default: bool = False) -> None:
        if option in self.options:
            self.options[option].extend(layers)
        elif default:
            self.options = {option: list(layers), **self.options}
        else:
            self.options[option] = list(layers)


@dataclass
class Contribution:
    """Layers and modifiers in resolution order: each entry is a layer list or a modifier name."""

    order: list[list[Layer] | str] = field(default_factory=list)
    modifiers: dict[str, Modifier] = field(default_factory=dict)
    claimed: set[str] = field(default_factory=set)  # files read through this source, not flat
    failed: dict[str, str] = field(default_factory=dict)

    def modifier(self, name: str) -> Modifier:
        if name not in self.modifiers:
            self.modifiers[name] = Modifier()
            self.order.append(name)
        return self.modifiers[name]
