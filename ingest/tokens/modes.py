"""Modes inferred from file names, for folders with no resolver document or themes.

Sibling files that define the same token paths and differ only by a mode word
(``light.tokens.json`` / ``dark.tokens.json``), by a Figma mode (``Colors.Light.tokens.json``
/ ``Colors.Dark.tokens.json``: modifier "Colors") or by a folder under ``brands/``,
``themes/``, ``modes/`` or ``platforms/`` become options of one modifier instead of
overwriting each other. The default option is "light" (or "default", "base") when present,
else the first in path order.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from ingest.tokens.layers import Contribution, Layer

MODE_WORDS = ("high-contrast", "highcontrast", "light", "dark", "dim", "hc", "contrast", "default")
_LAYOUT_DIRS = {"brands": "brand", "brand": "brand", "themes": "theme", "theme": "theme", "modes": "mode",
                "mode": "mode", "platforms": "platform", "platform": "platform"}
_DEFAULTS = ("light", "default", "base", "regular", "normal")
_SUFFIXES = (".tokens.json", ".tokens.json5", ".tokens.yaml", ".tokens.yml", ".json", ".json5", ".yaml", ".yml")


def _stem(name: str) -> str:
    low = name.lower()
    for suf in _SUFFIXES:
        if low.endswith(suf):
            return name[: -len(suf)]
    return name


def mode_key(rel: str) -> tuple[tuple[str, str, str], str] | None:
    """(group key, option) for a file whose path names a mode; the key holds the modifier name."""
    p = PurePosixPath(rel)
    parts = p.parts
    for i, part in enumerate(parts[:-2]):
        mod = _LAYOUT_DIRS.get(part.lower())
        if mod:
            rest = "/".join(parts[i + 2:])
            return (mod, "/".join(parts[: i + 1]), rest), parts[i + 1]
    stem = _stem(p.name)
    directory = str(p.parent)
    if "." in stem:
        collection, option = stem.rsplit(".", 1)
        if collection and option:
            return (collection, directory, collection), option
    segs = re.split(r"[-_ ]", stem.lower())
    for word in MODE_WORDS:
        wsegs = word.split("-")
        for j in range(len(segs) - len(wsegs) + 1):
            if segs[j:j + len(wsegs)] == wsegs:
                rest = "-".join(segs[:j] + segs[j + len(wsegs):])
                return ("theme", directory, rest), "-".join(wsegs)
    return None


def infer_modes(layers: list[Layer]) -> Contribution:
    """Split plain file layers into always-applied layers and inferred modifiers."""
    groups: dict[tuple[str, str, str], dict[str, list[Layer]]] = {}
    keyed: dict[str, tuple[tuple[str, str, str], str]] = {}
    for layer in layers:
        k = mode_key(layer.file)
        if k:
            keyed[layer.name] = k
            groups.setdefault(k[0], {}).setdefault(k[1], []).append(layer)
    moded: set[str] = set()
    out = Contribution()
    # modifier -> [(default option, {option: layers})], one entry per group of sibling files
    per_mod: dict[str, list[tuple[str, dict[str, list[Layer]]]]] = {}
    for key, options in groups.items():
        if len(options) < 2 or not _overlap(options):
            continue
        names = list(options)
        default = next((o for d in _DEFAULTS for o in names if o.lower() == d), names[0])
        per_mod.setdefault(key[0], []).append((default, options))
        for ls in options.values():
            moded.update(layer.name for layer in ls)
    for name, entries in per_mod.items():
        first_default = entries[0][0]
        all_options = [first_default] + [o for _, opts in entries for o in opts if o != first_default]
        mod = out.modifier(name)
        for option in dict.fromkeys(all_options):
            # a group without this option keeps its own default (e.g. no high-contrast shadows file)
            chosen = [layer for default, opts in entries for layer in opts.get(option, opts[default])]
            mod.add(option, chosen)
    base = [layer for layer in layers if layer.name not in moded]
    out.order.insert(0, base)
    return out


def _overlap(options: dict[str, list[Layer]]) -> bool:
    """Every option shares at least one token path with another option."""
    paths = {o: set().union(*(layer.tokens.keys() for layer in ls)) for o, ls in options.items()}
    return all(any(paths[o] & paths[p] for p in paths if p != o) for o in paths)
