"""DTCG token documents (Design Tokens Community Group format 2025.10 and earlier drafts).

Walk for one document: expand group ``$extends`` (inherit another group's tokens, override
some) → walk groups (``$type`` inherited by children) → collect tokens (objects with
``$value``; a group's ``$root`` token takes the group's own path) → `RawToken`s. References
are resolved later, across files, by `ingest.tokens.base.Resolver`.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import Any

from ingest.limits import MAX_TOKENS
from ingest.tokens.base import (
    MAX_DEPTH,
    RawToken,
    Token,
    TokenError,
    load_json_document,
    resolve_raw,
)
from ingest.tokens.generate import expand_generate, is_generate_node

_REF_RE = re.compile(r"^\{([^{}]+)\}$")


def has_key_below(node: Any, key: str, depth: int = 0) -> bool:
    """Whether any object below `node` (groups only, not values) holds `key`."""
    if depth > MAX_DEPTH or not isinstance(node, dict):
        return False
    if key in node:
        return True
    return any(has_key_below(v, key, depth + 1) for k, v in node.items() if not k.startswith("$") or k == "$root")


def _group_at(root: dict, ref: Any, rel: str, owner: str) -> tuple[str, dict]:
    if isinstance(ref, dict) and isinstance(ref.get("$ref"), str) and ref["$ref"].startswith("#"):
        segs = [s.replace("~1", "/").replace("~0", "~") for s in ref["$ref"][2:].split("/") if s]
    elif isinstance(ref, str) and _REF_RE.match(ref.strip()):
        segs = _REF_RE.match(ref.strip()).group(1).split(".")
    else:
        raise TokenError(f"{rel}: group {owner or '(root)'} has an $extends that is not a group reference: {ref!r}")
    node: Any = root
    for s in segs:
        node = node.get(s) if isinstance(node, dict) else None
    if not isinstance(node, dict) or "$value" in node:
        raise TokenError(f"{rel}: group {owner or '(root)'} extends unknown group {'.'.join(segs)}")
    return ".".join(segs), node


def _merge(base: dict, over: dict) -> dict:
    """`base` with `over`'s members on top, groups merged member by member. Tokens and values
    are shared with the inputs, not copied: nothing downstream changes them."""
    out = dict(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict) and "$value" not in v and "$value" not in out[k]:
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out


def expand_extends(root: dict, rel: str) -> dict:
    """Return `root` with every group's ``$extends`` replaced by the inherited tokens.

    A group inherited several times is expanded each time, so the members placed are counted
    and the document is refused past `MAX_TOKENS` (groups that extend a group that extends …
    twice per level would otherwise double the work at every level)."""
    placed = 0

    def expand(node: dict, path: str, stack: tuple[str, ...]) -> dict:
        nonlocal placed
        out: dict = {}
        placed += len(node)
        if placed > MAX_TOKENS:
            raise TokenError(f"{rel}: $extends expands to more than {MAX_TOKENS} tokens and groups")
        if "$extends" in node:
            target, base = _group_at(root, node["$extends"], rel, path)
            if target in stack:
                raise TokenError(f"{rel}: $extends cycle " + " -> ".join(stack[stack.index(target):] + (target,)))
            base = expand(base, target, stack + (target,))
            node = _merge(base, {k: v for k, v in node.items() if k != "$extends"})
        for k, v in node.items():
            if isinstance(v, dict) and not k.startswith("$") and "$value" not in v:
                out[k] = expand(v, f"{path}.{k}" if path else k, stack + ((f"{path}.{k}" if path else k),))
            else:
                out[k] = v
        return out

    if not has_key_below(root, "$extends"):
        return root
    return expand(root, "", ("",))


def flatten_dtcg(doc: dict, rel: str, math: bool = False, prefix: tuple[str, ...] = ()) -> dict[str, RawToken]:
    """Every token of a DTCG document as a `RawToken`, keyed by dotted path."""
    doc = expand_extends(doc, rel)
    found: dict[str, RawToken] = {}

    def add(name: str, node: dict, group_type: str | None) -> None:
        if len(found) >= MAX_TOKENS:
            raise TokenError(f"{rel}: more than {MAX_TOKENS} tokens")
        ttype = node.get("$type", group_type)
        if ttype is not None and not isinstance(ttype, str):
            raise TokenError(f"{rel}: token {name} has a non-string $type")
        desc = node.get("$description", "")
        ext = node.get("$extensions", {})
        dep = node.get("$deprecated", False)
        found[name] = RawToken(
            value=node["$value"], type=ttype, file=rel,
            description=desc if isinstance(desc, str) else "",
            deprecated=dep if isinstance(dep, (bool, str)) else False,
            extensions=ext if isinstance(ext, dict) else {}, math=math,
        )

    def walk(node: dict, path: list[str], inherited: str | None) -> None:
        group_type = node.get("$type", inherited)
        if not isinstance(group_type, str):
            group_type = inherited
        root = node.get("$root")
        if path and isinstance(root, dict) and "$value" in root:
            add(".".join(path), root, group_type)
        for key, child in node.items():
            if key.startswith("$") or not isinstance(child, dict):
                continue
            if "$value" in child:
                add(".".join(path + [key]), child, group_type)
            else:
                walk(child, path + [key], group_type)

    walk(doc, list(prefix), None)
    return found


def flatten_legacy(doc: dict, rel: str, math: bool = False) -> dict[str, RawToken]:
    """Tokens in Style Dictionary's legacy shape: ``value``/``type``/``comment`` without ``$``.

    CTI naming (category/type/item) fills in a missing type: ``color.base.red`` is a colour.
    A Fluent pipeline ``generate`` node becomes the colour ramp it describes
    (`ingest.tokens.generate`).
    """
    found: dict[str, RawToken] = {}

    def walk(node: dict, path: list[str], inherited: str | None) -> None:
        for key, child in node.items():
            if key.startswith("$") or not isinstance(child, dict):
                continue
            p = path + [key]
            if is_generate_node(child) and _add_generated(found, p, child, rel, math):
                continue
            if "value" in child:
                if len(found) >= MAX_TOKENS:
                    raise TokenError(f"{rel}: more than {MAX_TOKENS} tokens")
                ttype = child.get("type", inherited)
                if not isinstance(ttype, str):
                    ttype = _cti_type(p, child["value"])
                desc = child.get("comment", child.get("description", ""))
                found[".".join(p)] = RawToken(
                    value=child["value"], type=ttype, file=rel, description=desc if isinstance(desc, str) else "",
                    deprecated=child.get("deprecated", False) if isinstance(child.get("deprecated"), (bool, str)) else False,
                    extensions=child.get("$extensions", {}) if isinstance(child.get("$extensions"), dict) else {},
                    math=math,
                )
            else:
                walk(child, p, child.get("type", inherited) if isinstance(child.get("type"), str) else inherited)

    walk(doc, [], None)
    return found


def _add_generated(found: dict[str, RawToken], path: list[str], node: dict, rel: str, math: bool) -> bool:
    """The ramp of a ``generate`` node as colour tokens under `path` (True), or False when the
    node is not a ramp the pipeline knows (it is then read as it stands)."""
    try:
        ramp = expand_generate(node["generate"])
    except (ValueError, TypeError):
        return False
    if len(found) + len(ramp) > MAX_TOKENS:
        raise TokenError(f"{rel}: more than {MAX_TOKENS} tokens")
    kind = node["generate"].get("type")
    for step, value in ramp.items():
        found[".".join(path + [step])] = RawToken(
            value=value, type="color", file=rel, description=f"generated: {kind} ramp of {node['generate']['value']}",
            math=math)
    return True


_NUMBER_RE = re.compile(r"^\s*-?\d+(\.\d+)?\s*(px|rem|em|pt)?\s*$")


def _cti_type(path: list[str], value: Any) -> str | None:
    """The type a legacy token's name implies: its CTI category (``color.*``), or a
    ``font … size / family / weight`` pair anywhere in the path (``Global.Font.Size.400``)."""
    segs = [re.sub(r"[^a-z]", "", s.lower()) for s in path]
    if segs and segs[0] in ("color", "colour", "colors", "colours"):
        return "color"
    pairs = set(pairwise(segs)) | {(s[:4], s[4:]) for s in segs if s.startswith("font")}
    numeric = (isinstance(value, (int, float)) and not isinstance(value, bool)) or (
        isinstance(value, str) and bool(_NUMBER_RE.match(value)))
    if ("font", "size") in pairs and numeric:
        return "fontSize"
    if ("font", "weight") in pairs and (numeric or isinstance(value, str)):
        return "fontWeight"
    if ("font", "family") in pairs and (isinstance(value, str) or (
            isinstance(value, list) and all(isinstance(v, str) for v in value))):
        return "fontFamily"
    return None


class RawTokens:
    """Unresolved tokens of one or more files, keyed by dotted path (no modes)."""

    def __init__(self) -> None:
        self.raw: dict[str, RawToken] = {}

    def add_document(self, doc: Any, rel: str) -> int:
        """Collect the tokens of one parsed document (DTCG or legacy); returns how many it held."""
        if not isinstance(doc, dict):
            raise TokenError(f"{rel}: a token file must hold a JSON object at the top, found {type(doc).__name__}")
        if has_key_below(doc, "$value"):
            found = flatten_dtcg(doc, rel)
        else:
            found = flatten_legacy(doc, rel)
        if not found:
            raise TokenError(f"{rel}: no design tokens found (no objects with a '$value' or 'value' member)")
        self.raw.update(found)
        return len(found)

    def resolve(self) -> tuple[list[Token], dict[str, str]]:
        """Resolve every reference; returns the tokens and {file: reason} for files that failed."""
        return resolve_raw(self.raw)


def read_token_file(path: Path, root: Path) -> list[Token]:
    """Read and resolve one self-contained token file; TokenError names the file and problem."""
    rel = str(path.relative_to(root))
    raw = RawTokens()
    raw.add_document(load_json_document(path, rel), rel)
    tokens, failed = raw.resolve()
    if failed:
        raise TokenError(next(iter(failed.values())))
    return tokens
