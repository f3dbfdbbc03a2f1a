"""Tokens Studio (Figma plugin) token sets and themes.

Two layouts: one file holding every set at the top level plus ``$themes`` and ``$metadata``
(``tokenSetOrder``), or a folder with one file per set next to ``$themes.json`` and
``$metadata.json`` (a set's name is its path below that folder, without the suffix).
Each theme group becomes a modifier (themes without a group share the modifier "theme");
a theme's ``selectedTokenSets`` choose its layers: "enabled" and "source" sets are both
read ("source" sets usually hold the primitives: palette, spacing, type, which are part of the
design system even though Tokens Studio does not export them on their own), "disabled" sets
are left out. Sets that no theme mentions are
always applied. Values may hold arithmetic, evaluated by `ingest.tokens.mathexpr`.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any

from ingest.tokens.base import RawToken, TokenError
from ingest.tokens.dtcg import flatten_dtcg, flatten_legacy, has_key_below
from ingest.tokens.layers import Contribution, Layer

_STATES = ("enabled", "source", "disabled")


def flatten_set(data: Any, rel: str, set_name: str | None = None) -> dict[str, RawToken]:
    """The tokens of one Tokens Studio set (``$value`` or legacy ``value`` style)."""
    if not isinstance(data, dict):
        what = f"set {set_name!r}" if set_name else "a token set"
        raise TokenError(f"{rel}: {what} must be an object")
    if has_key_below(data, "$value"):
        return flatten_dtcg(data, rel, math=True)
    return flatten_legacy(data, rel, math=True)


def multi_set_sets(data: dict, rel: str) -> dict[str, Any]:
    return {k: v for k, v in data.items() if not k.startswith("$") and isinstance(v, dict)}


_REF_HEAD_RE = re.compile(r"\{([^{}.]+)[.}]")


def is_multi_set(data: dict) -> bool:
    """A Tokens Studio file with sets at the top but no $themes/$metadata: its references
    name paths inside the sets ({colors.blue}), not paths from the top ({global.colors.blue})."""
    if "$themes" in data or "$metadata" in data:
        return True
    heads: set[str] = set()

    def walk(node: Any, depth: int) -> None:
        if depth > 64:
            return
        if isinstance(node, str):
            heads.update(_REF_HEAD_RE.findall(node))
        elif isinstance(node, dict):
            for v in node.values():
                walk(v, depth + 1)
        elif isinstance(node, list):
            for v in node:
                walk(v, depth + 1)

    walk(data, 0)
    top = set(multi_set_sets(data, ""))
    inner = {k for v in multi_set_sets(data, "").values() for k in v if not k.startswith("$")}
    outside = heads - top
    return bool(outside) and outside <= inner


def studio_contribution(rel: str, sets: dict[str, tuple[str, Any]], themes: Any, order: list[str] | None
                        ) -> Contribution:
    """Layers and modifiers for sets {name: (file, data)} under `themes` and `order`.

    The resolution order is ``tokenSetOrder`` (then the sets' own order); a set that fails to
    read is recorded against its file and the others still resolve.
    """
    out = Contribution()
    names = [n for n in (order or []) if n in sets] + [n for n in sets if n not in (order or [])]
    layers: dict[str, Layer] = {}
    for name in names:
        file, data = sets[name]
        try:
            toks = flatten_set(data, file, name if file == rel else None)
        except TokenError as e:
            out.failed.setdefault(file, str(e))
            continue
        layers[name] = Layer(name=f"{file}#{name}", file=file, tokens=toks)
    if themes is None:
        themes = []
    if not isinstance(themes, list):
        out.failed[rel] = f"{rel}: $themes must be a list of themes"
        themes = []
    mentioned: set[str] = set()
    grouped: dict[str, list[tuple[str, dict[str, str]]]] = {}
    for i, th in enumerate(themes):
        if not isinstance(th, dict) or not isinstance(th.get("selectedTokenSets", {}), dict):
            out.failed[rel] = f"{rel}: theme {i} is not an object with selectedTokenSets"
            continue
        name = str(th.get("name") or th.get("id") or f"theme-{i + 1}")
        sel = {str(k): str(v) for k, v in th.get("selectedTokenSets", {}).items()}
        bad = sorted(v for v in sel.values() if v not in _STATES)
        if bad:
            out.failed[rel] = f"{rel}: theme {name!r} has unknown set state {bad[0]!r} (expected enabled|source|disabled)"
            continue
        missing = sorted(s for s, v in sel.items() if v != "disabled" and s not in sets)
        if missing:
            out.failed[rel] = f"{rel}: theme {name!r} selects missing token set {missing[0]!r}"
        mentioned.update(sel)
        grouped.setdefault(str(th.get("group") or "theme"), []).append((name, sel))
    out.order.append([layers[n] for n in names if n in layers and n not in mentioned])
    for group, options in grouped.items():
        mod = out.modifier(group)
        for name, sel in options:
            chosen: list[Layer] = []
            for s in names:
                if s in layers and sel.get(s) in ("enabled", "source"):
                    chosen.append(layers[s])
            mod.add(name, chosen)
    return out


def folder_set_name(themes_rel: str, rel: str) -> str | None:
    """The set name of a file in a Tokens Studio folder export, or None when outside it."""
    base = PurePosixPath(themes_rel).parent
    p = PurePosixPath(rel)
    try:
        sub = p.relative_to(base)
    except ValueError:
        return None
    s = str(sub)
    for suf in (".json", ".json5", ".yaml", ".yml"):
        if s.lower().endswith(suf):
            return s[: -len(suf)]
    return s


