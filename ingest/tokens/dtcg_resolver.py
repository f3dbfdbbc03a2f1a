"""DTCG 2025.10 resolver documents (``*.resolver.json``): sets, modifiers and their order.

Shape::

    {"sets": {"foundation": {"sources": [{"$ref": "foundation.tokens.json"}, {…inline tokens…}]}},
     "modifiers": {"theme": {"contexts": {"light": [{"$ref": "light.json"}], "dark": […]},
                             "default": "light"}},
     "resolutionOrder": [{"$ref": "#/sets/foundation"}, {"$ref": "#/modifiers/theme"}]}

Sources are inline token groups or ``$ref``s to files relative to the resolver (optionally
with a ``#/pointer`` into the file) or to ``#/sets/…``. ``resolutionOrder`` may also hold
inline sets and modifiers (``{"type": "set" | "modifier", "name": …}``); without it, sets
come first and modifiers after. Each modifier becomes a mode whose default option is its
``default`` (else its first context). Later layers override earlier ones.
"""

from __future__ import annotations

from typing import Any

from ingest.limits import MAX_LAYERS
from ingest.tokens.base import TokenError
from ingest.tokens.dtcg import flatten_dtcg, flatten_legacy, has_key_below
from ingest.tokens.layers import Contribution, Layer
from ingest.tokens.load import resolver_ref_path


def _pointer(doc: Any, ptr: str, where: str) -> Any:
    node = doc
    for seg in [s.replace("~1", "/").replace("~0", "~") for s in ptr.lstrip("#").split("/") if s]:
        if isinstance(node, dict) and seg in node:
            node = node[seg]
        elif isinstance(node, list) and seg.isdigit() and int(seg) < len(node):
            node = node[int(seg)]
        else:
            raise TokenError(f"{where}: $ref to a missing pointer #{ptr.lstrip('#')}")
    return node


def resolver_contribution(rel: str, data: dict) -> Contribution:
    out = Contribution()
    doc = data.get("resolver", {})
    files: dict[str, Any] = data.get("files", {})
    errors: dict[str, str] = data.get("errors", {})
    if not isinstance(doc, dict):
        out.failed[rel] = f"{rel}: a resolver document must be an object"
        return out
    out.claimed.update(files)
    out.claimed.update(k for k in errors if "/" in k or "." in k)
    visited = 0  # sources expanded so far, a set counted each time it is listed
    layer_of: dict[Any, Layer | None] = {}  # each file reference and inline source is read once

    def layers_of(sources: Any, where: str, stack: tuple[str, ...] = ()) -> list[Layer]:
        nonlocal visited
        if not isinstance(sources, list):
            raise TokenError(f"{rel}: {where} must be a list of sources")
        got: list[Layer] = []
        for i, src in enumerate(sources):
            visited += 1
            if visited > MAX_LAYERS:
                raise TokenError(f"{rel}: sets and modifiers expand to more than {MAX_LAYERS} sources "
                                 "(a set listed again counts again)")
            if not isinstance(src, dict):
                raise TokenError(f"{rel}: {where}[{i}] is not an object")
            ref = src.get("$ref")
            if ref is None:
                if id(src) not in layer_of:
                    layer_of[id(src)] = Layer(name=f"{rel}#{where}[{i}]", file=rel, tokens=flatten_dtcg(src, rel))
                got.append(layer_of[id(src)])
                continue
            if not isinstance(ref, str):
                raise TokenError(f"{rel}: {where}[{i}] has a non-string $ref")
            if ref.startswith("#/sets/"):
                name = ref[len("#/sets/"):]
                if name in stack:
                    raise TokenError(f"{rel}: set cycle " + " -> ".join(stack + (name,)))
                target = (doc.get("sets") or {}).get(name)
                if not isinstance(target, dict):
                    raise TokenError(f"{rel}: $ref to a missing set {ref}")
                got += layers_of(target.get("sources", []), f"sets.{name}.sources", stack + (name,))
                continue
            if ref.startswith("#"):
                raise TokenError(f"{rel}: {where}[{i}] $ref {ref} is not a set")
            path = resolver_ref_path(rel, ref)
            file_part = ref.split("#", 1)[0]
            if path not in files:
                reason = errors.get(path or file_part, f"{rel}: $ref {ref!r} could not be read")
                # a broken referenced file is reported as itself; a missing or escaping one against the resolver
                out.failed.setdefault(path if path and reason.startswith(f"{path}: ") else rel, reason)
                continue
            if ref in layer_of:
                if layer_of[ref] is not None:
                    got.append(layer_of[ref])
                continue
            tree = files[path]
            try:
                if "#" in ref:
                    tree = _pointer(tree, ref.split("#", 1)[1], path)
                if not isinstance(tree, dict):
                    raise TokenError(f"{path}: a token source must be an object")
                toks = flatten_dtcg(tree, path) if has_key_below(tree, "$value") else flatten_legacy(tree, path)
            except TokenError as e:
                out.failed[path] = str(e)
                layer_of[ref] = None
                continue
            layer_of[ref] = Layer(name=f"{path}", file=path, tokens=toks)
            got.append(layer_of[ref])
        return got

    def add_set(name: str, spec: Any) -> None:
        if not isinstance(spec, dict):
            raise TokenError(f"{rel}: set {name!r} must be an object with sources")
        out.order.append(layers_of(spec.get("sources", []), f"sets.{name}.sources", (name,)))

    def add_modifier(name: str, spec: Any) -> None:
        if not isinstance(spec, dict) or not isinstance(spec.get("contexts"), dict) or not spec["contexts"]:
            raise TokenError(f"{rel}: modifier {name!r} must have contexts")
        contexts = spec["contexts"]
        default = spec.get("default", next(iter(contexts)))
        if default not in contexts:
            raise TokenError(f"{rel}: modifier {name!r} default {default!r} is not one of its contexts "
                             f"({'|'.join(contexts)})")
        mod = out.modifier(name)
        for ctx, sources in contexts.items():
            mod.add(str(ctx), layers_of(sources, f"modifiers.{name}.contexts.{ctx}"), default=(ctx == default))

    try:
        sets = doc.get("sets") or {}
        modifiers = doc.get("modifiers") or {}
        order = doc.get("resolutionOrder")
        if order is None:
            order = [{"$ref": f"#/sets/{n}"} for n in sets] + [{"$ref": f"#/modifiers/{n}"} for n in modifiers]
        if not isinstance(order, list):
            raise TokenError(f"{rel}: resolutionOrder must be a list")
        for i, item in enumerate(order):
            if not isinstance(item, dict):
                raise TokenError(f"{rel}: resolutionOrder[{i}] is not an object")
            ref = item.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/sets/"):
                name = ref[len("#/sets/"):]
                if name not in sets:
                    raise TokenError(f"{rel}: resolutionOrder[{i}] $ref to a missing set {ref}")
                add_set(name, sets[name])
            elif isinstance(ref, str) and ref.startswith("#/modifiers/"):
                name = ref[len("#/modifiers/"):]
                if name not in modifiers:
                    raise TokenError(f"{rel}: resolutionOrder[{i}] $ref to a missing modifier {ref}")
                add_modifier(name, modifiers[name])
            elif item.get("type") == "set":
                add_set(str(item.get("name", f"set{i}")), item)
            elif item.get("type") == "modifier":
                add_modifier(str(item.get("name", f"modifier{i}")), item)
            elif ref is not None:
                raise TokenError(f"{rel}: resolutionOrder[{i}] $ref {ref!r} is neither a set nor a modifier")
            else:
                raise TokenError(f"{rel}: resolutionOrder[{i}] is neither a reference nor a set or modifier")
    except TokenError as e:
        out.failed[rel] = str(e)
    return out
