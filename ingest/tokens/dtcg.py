"""DTCG token files (Design Tokens Community Group format, 2025.10 and earlier drafts).

Pipeline for one file: parse JSON → walk groups (``$type`` inherited by children) →
collect tokens (objects with ``$value``) → resolve ``{alias}`` references → `Token`s.
Files in the Style Dictionary legacy shape (``value``/``type`` without ``$``) are walked the
same way, with ``{x.y.value}`` references.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ingest.tokens.base import Resolver, Token, TokenError, load_json_document


def _has_dollar_value(node: Any, depth: int = 0) -> bool:
    if depth > 64 or not isinstance(node, dict):
        return False
    if "$value" in node:
        return True
    return any(_has_dollar_value(v, depth + 1) for k, v in node.items() if not k.startswith("$"))


class RawTokens:
    """Unresolved tokens of one or more files, keyed by dotted path."""

    def __init__(self) -> None:
        self.raw: dict[str, tuple[Any, str | None, str]] = {}
        self.meta: dict[str, dict] = {}
        self.legacy_files: set[str] = set()

    def add_document(self, doc: Any, rel: str) -> int:
        """Collect the tokens of one parsed document; returns how many it held."""
        if not isinstance(doc, dict):
            raise TokenError(f"{rel}: a token file must hold a JSON object at the top, found {type(doc).__name__}")
        dtcg = _has_dollar_value(doc)
        value_key, type_key = ("$value", "$type") if dtcg else ("value", "type")
        found: dict[str, tuple[Any, str | None, str]] = {}
        meta: dict[str, dict] = {}

        def walk(node: dict, prefix: list[str], inherited: str | None) -> None:
            group_type = node.get(type_key, inherited) if dtcg else inherited
            for key, child in node.items():
                if key.startswith("$") or not isinstance(child, dict):
                    continue
                path = prefix + [key]
                if value_key in child:
                    name = ".".join(path)
                    ttype = child.get(type_key, group_type)
                    if ttype is not None and not isinstance(ttype, str):
                        raise TokenError(f"{rel}: token {name} has a non-string {type_key}")
                    found[name] = (child[value_key], ttype, rel)
                    meta[name] = child
                else:
                    walk(child, path, group_type)

        walk(doc, [], None)
        if not found:
            raise TokenError(f"{rel}: no design tokens found (no objects with a {value_key!r} member)")
        self.raw.update(found)
        self.meta.update(meta)
        if not dtcg:
            self.legacy_files.add(rel)
        return len(found)

    def resolve(self) -> tuple[list[Token], dict[str, str]]:
        """Resolve every reference; returns the tokens and {file: reason} for files that failed."""
        failed: dict[str, str] = {}
        resolver = Resolver(self.raw, strip_suffix=".value" if self.legacy_files else None)
        tokens: list[Token] = []
        for name, (_, _, rel) in self.raw.items():
            if rel in failed:
                continue
            try:
                value = resolver.resolve(name)
            except TokenError as e:
                failed.setdefault(rel, str(e))
                continue
            m = self.meta[name]
            legacy = rel in self.legacy_files
            desc = m.get("comment" if legacy else "$description", "") or ""
            ext = m.get("$extensions", {})
            tokens.append(
                Token(
                    path=name,
                    type=resolver.types.get(name),
                    value=value,
                    file=rel,
                    description=desc if isinstance(desc, str) else "",
                    deprecated=m.get("$deprecated", False),
                    extensions=ext if isinstance(ext, dict) else {},
                    alias_of=resolver.alias_target(name),
                )
            )
        if failed:
            tokens = [t for t in tokens if t.file not in failed]
        return tokens, failed


def read_token_file(path: Path, root: Path) -> list[Token]:
    """Read and resolve one self-contained token file; TokenError names the file and problem."""
    rel = str(path.relative_to(root))
    raw = RawTokens()
    raw.add_document(load_json_document(path, rel), rel)
    tokens, failed = raw.resolve()
    if failed:
        raise TokenError(next(iter(failed.values())))
    return tokens
