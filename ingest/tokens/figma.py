"""Figma variables from the REST API (``GET /v1/files/:key/variables/local``).

Shape: ``meta.variableCollections[id] = {name, modes: [{modeId, name}], defaultModeId}`` and
``meta.variables[id] = {name, variableCollectionId, resolvedType, valuesByMode: {modeId:
value}}``, where a value is an RGBA object with floats in 0–1 (COLOR), a number (FLOAT), a
string, a boolean, or ``{"type": "VARIABLE_ALIAS", "id": …}``. Variable names use ``/`` as
the group separator (``color/brand/500`` → ``color.brand.500``). A collection with several
modes becomes a modifier named after the collection, its default mode first.
"""

from __future__ import annotations

import json

from typing import Any

from ingest.tokens.base import RawToken
from ingest.tokens.layers import Contribution, Layer

_SCOPE_TYPES = {
    "CORNER_RADIUS": "dimension", "GAP": "dimension", "WIDTH_HEIGHT": "dimension", "STROKE_FLOAT": "dimension",
    "FONT_SIZE": "fontSize", "FONT_WEIGHT": "fontWeight", "LINE_HEIGHT": "number", "LETTER_SPACING": "dimension",
    "FONT_FAMILY": "fontFamily", "OPACITY": "number",
}
_TYPES = {"COLOR": "color", "FLOAT": "number", "STRING": "string", "BOOLEAN": "boolean"}


def _path(name: str) -> str:
    return ".".join(s.strip() for s in str(name).split("/") if s.strip())


def _channel(v: Any) -> int:
    if not isinstance(v, (int, float)) or isinstance(v, bool):
        raise TypeError("colour channel is not a number")
    return max(0, min(255, int(float(v) * 255 + 0.5)))  # round half up, as CSS does


def _colour(v: dict) -> str:
    r, g, b = (_channel(v.get(k)) for k in ("r", "g", "b"))
    a = v.get("a", 1)
    hex_ = f"#{r:02x}{g:02x}{b:02x}"
    return hex_ if a in (1, 1.0) else hex_ + f"{_channel(a):02x}"


def figma_contribution(rel: str, data: dict) -> Contribution:
    out = Contribution()
    meta = data.get("meta") if isinstance(data.get("meta"), dict) else data
    variables = meta.get("variables", {})
    collections = meta.get("variableCollections", {})
    names = {vid: _path(v.get("name", vid)) for vid, v in variables.items() if isinstance(v, dict)}
    # collection id -> mode id -> {path: RawToken}
    per_mode: dict[str, dict[str, dict[str, RawToken]]] = {}
    for vid, var in variables.items():
        if not isinstance(var, dict) or var.get("deletedButReferenced"):
            continue
        cid = var.get("variableCollectionId")
        col = collections.get(cid)
        if not isinstance(col, dict):
            out.failed[rel] = f"{rel}: variable {names.get(vid, vid)} belongs to unknown collection {cid!r}"
            continue
        scopes = var.get("scopes") or []
        ttype = _TYPES.get(var.get("resolvedType"), None)
        if ttype in ("number", "string") and len(scopes) == 1 and scopes[0] in _SCOPE_TYPES:
            ttype = _SCOPE_TYPES[scopes[0]]
        for mid, value in (var.get("valuesByMode") or {}).items():
            try:
                v = _value(value, names)
            except (TypeError, ValueError) as e:
                out.failed[rel] = f"{rel}: variable {names[vid]}: {e}"
                continue
            per_mode.setdefault(cid, {}).setdefault(mid, {})[names[vid]] = RawToken(
                value=v, type=ttype, file=rel, description=str(var.get("description") or ""),
                extensions={"com.figma": {"variableId": vid, "scopes": scopes}},
            )
    base: list[Layer] = []
    out.order.append(base)
    for cid, modes in per_mode.items():
        col = collections[cid]
        cname = str(col.get("name") or cid)
        mode_names = {m.get("modeId"): str(m.get("name") or m.get("modeId")) for m in col.get("modes", [])
                      if isinstance(m, dict)}
        if len(modes) == 1:
            (mid, toks), = modes.items()
            base.append(Layer(name=f"{rel}#{cname}", file=rel, tokens=toks))
            continue
        mod = out.modifier(cname)
        default = col.get("defaultModeId")
        for mid, toks in modes.items():
            mod.add(mode_names.get(mid, mid), [Layer(name=f"{rel}#{cname}/{mid}", file=rel, tokens=toks)],
                    default=(mid == default))
    return out


def _value(value: Any, names: dict[str, str]) -> Any:
    if isinstance(value, dict) and value.get("type") == "VARIABLE_ALIAS":
        target = value.get("id")
        # a variable from another file (a library) is named by its id and resolves only if present
        return "{" + names.get(target, str(target)) + "}"
    if isinstance(value, dict) and {"r", "g", "b"} <= value.keys():
        return _colour(value)
    if isinstance(value, (int, float, str, bool)):
        return value
    try:
        shown = json.dumps(value, ensure_ascii=False, default=str)
    except ValueError:
        shown = type(value).__name__
    raise ValueError(f"unsupported value {shown}"[:120])
