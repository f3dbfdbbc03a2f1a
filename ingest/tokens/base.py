"""What every token reader produces, and the shared reference resolver."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_BYTES = 20 * 1024 * 1024  # token files larger than this are refused
MAX_DEPTH = 64  # nesting depth beyond which a token file is refused

_REF_RE = re.compile(r"\{([^{}]+)\}")


class TokenError(ValueError):
    """A token file that cannot be read; the message is one line and names the problem."""


@dataclass
class Token:
    """A design token after references are resolved."""

    path: str  # dotted path, e.g. "color.role.primary"
    type: str | None  # DTCG $type, e.g. "color", "dimension", "typography"
    value: Any  # resolved value
    file: str  # file relative to the design-system folder
    description: str = ""
    deprecated: bool | str = False
    extensions: dict = field(default_factory=dict)
    alias_of: str | None = None  # the token this one points at, when its whole value was a reference


def load_json_document(path: Path, rel: str) -> Any:
    """Read a JSON file with size and depth limits; TokenError with a one-line reason."""
    size = path.stat().st_size
    if size == 0:
        raise TokenError(f"{rel}: empty file")
    if size > MAX_BYTES:
        raise TokenError(f"{rel}: {size} bytes is larger than the {MAX_BYTES} byte limit for token files")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise TokenError(f"{rel}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    _check_depth(text, rel)
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise TokenError(f"{rel}: invalid JSON at line {e.lineno} column {e.colno}: {e.msg}") from None
    except RecursionError:
        raise TokenError(f"{rel}: JSON nested deeper than {MAX_DEPTH} levels") from None


def _check_depth(text: str, rel: str) -> None:
    """Refuse absurd nesting before parsing (cheap scan; strings are skipped)."""
    depth = 0
    in_str = False
    esc = False
    for ch in text:
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise TokenError(f"{rel}: JSON nested deeper than {MAX_DEPTH} levels")
        elif ch in "]}":
            depth -= 1


class Resolver:
    """Resolves ``{dotted.path}`` references between tokens of one or more files.

    Raw tokens map a path to (value, type). A whole-value reference inherits the target's
    type. References inside strings (``"{a} * 2"``) and inside composite values are
    substituted too. Cycles raise TokenError naming every token of the cycle.
    """

    def __init__(self, raw: dict[str, tuple[Any, str | None, str]], strip_suffix: str | None = None):
        self.raw = raw  # path -> (value, type, file)
        self.strip_suffix = strip_suffix  # legacy "{a.b.value}" references
        self.done: dict[str, Any] = {}
        self.types: dict[str, str | None] = {p: t for p, (_, t, _) in raw.items()}

    def _target(self, ref: str) -> str:
        ref = ref.strip()
        if self.strip_suffix and ref.endswith(self.strip_suffix) and ref not in self.raw:
            ref = ref[: -len(self.strip_suffix)]
        return ref

    def resolve(self, path: str, stack: tuple[str, ...] = ()) -> Any:
        if path in self.done:
            return self.done[path]
        if path in stack:
            cycle = list(stack[stack.index(path):]) + [path]
            raise TokenError(f"{self.raw[path][2]}: alias cycle " + " -> ".join(cycle))
        value, _, _ = self.raw[path]
        out = self._resolve_value(value, stack + (path,), path)
        self.done[path] = out
        return out

    def _resolve_value(self, value: Any, stack: tuple[str, ...], owner: str) -> Any:
        if isinstance(value, str):
            m = _REF_RE.fullmatch(value.strip())
            if m:
                target = self._target(m.group(1))
                if target not in self.raw:
                    raise TokenError(f"{self.raw[owner][2]}: token {owner} references unknown token {{{m.group(1)}}}")
                if self.types.get(owner) is None:
                    self.types[owner] = self.types.get(target)
                return self.resolve(target, stack)
            if _REF_RE.search(value):

                def sub(mm: re.Match) -> str:
                    target = self._target(mm.group(1))
                    if target not in self.raw:
                        raise TokenError(
                            f"{self.raw[owner][2]}: token {owner} references unknown token {{{mm.group(1)}}}"
                        )
                    v = self.resolve(target, stack)
                    return _scalar_text(v)

                return _REF_RE.sub(sub, value)
            return value
        if isinstance(value, dict):
            return {k: self._resolve_value(v, stack, owner) for k, v in value.items()}
        if isinstance(value, list):
            return [self._resolve_value(v, stack, owner) for v in value]
        return value

    def alias_target(self, path: str) -> str | None:
        value = self.raw[path][0]
        if isinstance(value, str):
            m = _REF_RE.fullmatch(value.strip())
            if m:
                return self._target(m.group(1))
        return None


def _scalar_text(v: Any) -> str:
    if isinstance(v, dict) and "value" in v and "unit" in v:
        return f"{v['value']}{v['unit']}"
    if isinstance(v, dict) and "hex" in v:
        return str(v["hex"])
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)
