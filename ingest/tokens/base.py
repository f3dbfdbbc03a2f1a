"""What every token reader produces, and the shared reference resolver.

Readers turn a document into raw tokens (`RawToken`, keyed by dotted path). The `Resolver`
then substitutes ``{dotted.path}`` aliases, ``{"$ref": "#/json/pointer"}`` references
(including pointers into a composite value) and Tokens Studio arithmetic, and reports cycles
and dangling references as one-line `TokenError`s naming the file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.limits import MAX_FILE_VALUE_CHARS, MAX_VALUE_CHARS
from ingest.tokens.mathexpr import evaluate_value

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
    mode: dict[str, str] = field(default_factory=dict)  # modifier -> option this value belongs to


@dataclass
class RawToken:
    """A token as its document wrote it, before references are resolved."""

    value: Any
    type: str | None
    file: str
    description: str = ""
    deprecated: bool | str = False
    extensions: dict = field(default_factory=dict)
    math: bool = False  # string values may hold Tokens Studio arithmetic
    output: bool = True  # False for Tokens Studio "source" sets: usable by references only
    mode: dict[str, str] = field(default_factory=dict)  # modifier -> option of the layer it came from


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def check_depth(text: str, rel: str) -> None:
    """Refuse absurd nesting before parsing (cheap scan; quoted strings are skipped)."""
    depth = 0
    quote = ""
    esc = False
    for ch in text:
        if quote:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == quote:
                quote = ""
        elif ch == '"':
            quote = ch
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise TokenError(f"{rel}: nested deeper than {MAX_DEPTH} levels")
        elif ch in "]}":
            depth -= 1


_check_depth = check_depth


def read_text(path: Path, rel: str) -> str:
    """A token file's text, with the size limit and UTF-8 check applied."""
    try:
        size = path.stat().st_size
    except OSError as e:
        raise TokenError(f"{rel}: cannot read ({e.strerror})") from None
    if size == 0:
        raise TokenError(f"{rel}: empty file")
    if size > MAX_BYTES:
        raise TokenError(f"{rel}: {size} bytes is larger than the {MAX_BYTES} byte limit for token files")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise TokenError(f"{rel}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    if not text.strip():
        raise TokenError(f"{rel}: empty file")
    return text


def load_json_document(path: Path, rel: str) -> Any:
    """Read a JSON file with size and depth limits; TokenError with a one-line reason."""
    text = read_text(path, rel)
    check_depth(text, rel)
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise TokenError(f"{rel}: invalid JSON at line {e.lineno} column {e.colno}: {e.msg}") from None
    except RecursionError:
        raise TokenError(f"{rel}: JSON nested deeper than {MAX_DEPTH} levels") from None


def _unescape(seg: str) -> str:
    return seg.replace("~1", "/").replace("~0", "~")


class Resolver:
    """Resolves references between raw tokens of one or more files.

    * ``"{a.b}"`` — a whole-value alias; the token inherits the target's type. A group's
      ``$root`` token is addressed as ``{group}`` or ``{group.$root}``; Style Dictionary's
      ``{a.b.value}`` works too.
    * ``"{a} * 2"`` — references inside strings are substituted; in Tokens Studio documents
      the result is then evaluated by `ingest.tokens.mathexpr` (never ``eval``).
    * ``{"$ref": "#/a/b"}`` — a JSON pointer to a token, or into its value
      (``#/color/brand/$value/components/0``).

    Cycles raise TokenError naming every token of the cycle; a value that expands past
    `MAX_VALUE_CHARS` once its references are substituted raises TokenError too, before it
    is built (so aliases that multiply a string at every level stay cheap to refuse).
    """

    def __init__(self, raw: dict[str, RawToken]):
        self.raw = raw
        self.done: dict[str, Any] = {}
        self.types: dict[str, str | None] = {p: t.type for p, t in raw.items()}
        self.sizes: dict[str, int] = {}  # path -> characters of its resolved value (see `_size`)
        self._container_sizes: dict[int, int] = {}  # id of a resolved dict/list held in `done` -> size

    def _size(self, value: Any) -> int:
        """Characters of `value`: its strings and keys, one per other scalar and container,
        counting a shared member each time it appears. Stops counting past `MAX_VALUE_CHARS`;
        resolved values already measured are not walked again."""
        total = 0
        todo = [value]
        while todo and total <= MAX_VALUE_CHARS:
            v = todo.pop()
            if isinstance(v, str):
                total += len(v)
            elif isinstance(v, (dict, list)):
                known = self._container_sizes.get(id(v))
                if known is not None:
                    total += known
                elif isinstance(v, dict):
                    total += 1 + sum(len(str(k)) for k in v)
                    todo.extend(v.values())
                else:
                    total += 1
                    todo.extend(v)
            else:
                total += 1
        return total

    def _check_size(self, path: str, value: Any) -> int:
        n = self._size(value)
        if n > MAX_VALUE_CHARS:
            raise self._err(path, f"has a value of more than {MAX_VALUE_CHARS} characters once its references "
                                  "are substituted")
        return n

    def _target(self, ref: str) -> str | None:
        ref = ref.strip()
        for cand in (ref, ref.removesuffix(".$root"), ref.removesuffix(".value")):
            if cand in self.raw:
                return cand
        return None

    def _err(self, owner: str, msg: str) -> TokenError:
        return TokenError(f"{self.raw[owner].file}: token {owner} {msg}")

    def resolve(self, path: str, stack: tuple[str, ...] = ()) -> Any:
        if path in self.done:
            return self.done[path]
        if path in stack:
            cycle = list(stack[stack.index(path):]) + [path]
            raise TokenError(f"{self.raw[path].file}: alias cycle " + " -> ".join(cycle))
        if len(stack) > 200:
            raise self._err(path, "has a reference chain longer than 200 tokens")
        out = self._resolve_value(self.raw[path].value, stack + (path,), path)
        before = out
        size = self._check_size(path, out)
        target = self.alias_target(path)
        # a whole-value alias of a composite already evaluated as strictly is shared as it is
        # (evaluating members again gives the same value; aliases of a large value stay cheap)
        shared = (target in self.done and out is self.done[target] and isinstance(out, (dict, list))
                  and (self.raw[target].math or not self.raw[path].math))
        try:
            if not shared:
                out = evaluate_value(out, self.types.get(path), arithmetic=self.raw[path].math)
            studio = self.raw[path].extensions.get("studio.tokens")
            if isinstance(studio, dict) and "modify" in studio:
                from ingest.tokens.modify import apply_modify

                out = apply_modify(out, self._resolve_value(studio["modify"], stack + (path,), path))
        except ValueError as e:
            raise self._err(path, f"has a bad value: {one_line(e)}") from None
        if out is not before:
            size = self._check_size(path, out)
        self.done[path] = out
        self.sizes[path] = size
        if isinstance(out, (dict, list)):
            self._container_sizes[id(out)] = size
        return out

    def _ref(self, ref: str, owner: str, stack: tuple[str, ...], whole: bool) -> Any:
        target = self._target(ref)
        if target is None:
            raise self._err(owner, f"references unknown token {{{ref}}}")
        value = self.resolve(target, stack)
        if whole and self.types.get(owner) is None:  # once resolved, the target knows its own type
            self.types[owner] = self.types.get(target)
        return value

    def _pointer(self, ptr: Any, owner: str, stack: tuple[str, ...]) -> Any:
        if not isinstance(ptr, str) or not ptr.startswith("#"):
            raise self._err(owner, f"has a $ref outside the document: {ptr!r}")
        segs = [_unescape(s) for s in ptr[1:].split("/")[1:]] if ptr not in ("#", "#/") else []
        if "$value" in segs:
            i = segs.index("$value")
            token_segs, inner = segs[:i], segs[i + 1:]
        else:
            token_segs, inner = segs, []
        if token_segs and token_segs[-1] == "$root":
            token_segs = token_segs[:-1]
        name = ".".join(token_segs)
        if name not in self.raw:
            raise self._err(owner, f"has a $ref to a missing pointer {ptr}")
        value = self.resolve(name, stack)
        if not inner and self.types.get(owner) is None:
            self.types[owner] = self.types.get(name)
        for seg in inner:
            if isinstance(value, dict) and seg in value:
                value = value[seg]
            elif isinstance(value, list) and seg.isdigit() and int(seg) < len(value):
                value = value[int(seg)]
            else:
                raise self._err(owner, f"has a $ref to a missing pointer {ptr}")
        return value

    def _resolve_value(self, value: Any, stack: tuple[str, ...], owner: str) -> Any:
        if isinstance(value, str):
            m = _REF_RE.fullmatch(value.strip())
            if m:
                return self._ref(m.group(1), owner, stack, whole=True)
            if _REF_RE.search(value):
                return self._substitute(value, owner, stack)
            return value
        if isinstance(value, dict):
            if "$ref" in value:
                return self._pointer(value["$ref"], owner, stack)
            return {k: self._resolve_value(v, stack, owner) for k, v in value.items()}
        if isinstance(value, list):
            return [self._resolve_value(v, stack, owner) for v in value]
        return value

    def _substitute(self, value: str, owner: str, stack: tuple[str, ...]) -> str:
        """`value` with every ``{reference}`` replaced by its target's text, refused as soon as
        the result would pass `MAX_VALUE_CHARS`."""
        parts: list[str] = []
        total = pos = 0
        for m in _REF_RE.finditer(value):
            piece = _scalar_text(self._ref(m.group(1), owner, stack, False))
            total += m.start() - pos + len(piece)
            if total > MAX_VALUE_CHARS:
                raise self._err(owner, f"has a value of more than {MAX_VALUE_CHARS} characters once its references "
                                       "are substituted")
            parts += (value[pos:m.start()], piece)
            pos = m.end()
        parts.append(value[pos:])
        return "".join(parts)

    def alias_target(self, path: str) -> str | None:
        value = self.raw[path].value
        if isinstance(value, str):
            m = _REF_RE.fullmatch(value.strip())
            if m:
                return self._target(m.group(1))
        if isinstance(value, dict) and isinstance(value.get("$ref"), str) and "/$value" not in value["$ref"]:
            return ".".join(_unescape(s) for s in value["$ref"][1:].split("/")[1:]).removesuffix(".$root") or None
        return None


def resolve_raw(raw: dict[str, RawToken]) -> tuple[list[Token], dict[str, str]]:
    """Resolve every reference; returns the output tokens and {file: reason} for files that failed."""
    failed: dict[str, str] = {}
    resolver = Resolver(raw)
    tokens: list[Token] = []
    per_file: dict[str, int] = {}  # characters of the resolved values of each file's tokens
    for name, rt in raw.items():
        if rt.file in failed:
            continue
        try:
            value = resolver.resolve(name)
        except TokenError as e:
            failed.setdefault(rt.file, one_line(e))
            continue
        except RecursionError:
            failed.setdefault(rt.file, f"{rt.file}: token {name} has references nested too deeply")
            continue
        per_file[rt.file] = per_file.get(rt.file, 0) + resolver.sizes.get(name, 0)
        if per_file[rt.file] > MAX_FILE_VALUE_CHARS:
            failed[rt.file] = (f"{rt.file}: its resolved token values hold more than {MAX_FILE_VALUE_CHARS} characters "
                               "(aliases count their target's value again)")
            continue
        if not rt.output:
            continue
        tokens.append(
            Token(
                path=name,
                type=resolver.types.get(name),
                value=value,
                file=rt.file,
                description=rt.description,
                deprecated=rt.deprecated,
                extensions=rt.extensions,
                alias_of=resolver.alias_target(name),
                mode=dict(rt.mode),
            )
        )
    if failed:
        tokens = [t for t in tokens if t.file not in failed]
    return tokens, failed


def _scalar_text(v: Any) -> str:
    if isinstance(v, dict) and "value" in v and "unit" in v:
        return f"{_scalar_text(v['value'])}{v['unit']}"
    if isinstance(v, dict) and "hex" in v:
        return str(v["hex"])
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)
