"""Read one token file (JSON, JSON5, YAML) safely and say which token format it holds.

Every reader shares the limits of `ingest.tokens.base` (size, nesting depth, UTF-8). YAML is
read with ``safe_load`` only, after a check that its anchors and aliases do not expand into
an exponential document ("billion laughs"). Files that are clearly something else
(``package.json``, a Style Dictionary ``config.json``, a Lottie animation …) are not token
documents and give ``None``.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ingest.limits import MAX_VALUE_CHARS, MAX_YAML_CHARS
from ingest.tokens.base import MAX_DEPTH, TokenError, check_depth, one_line, read_text
from ingest.tokens.dtcg import has_key_below
from ingest.tokens.mathexpr import check_calls

TOKEN_SUFFIXES: tuple[str, ...] = (".json", ".json5", ".yaml", ".yml")
MAX_YAML_NODES = 200_000  # nodes a YAML document may expand to once aliases are followed
MAX_RESOLVER_FILES = 500
MAX_NUMBER = 1e15  # a number in a token file beyond this (or infinite, or NaN) refuses the file

_NOT_TOKEN_FILES = {
    "package.json", "package-lock.json", "tsconfig.json", "jsconfig.json", "composer.json", "bower.json",
    "manifest.json", "lerna.json", "nx.json", "turbo.json", ".eslintrc.json", ".prettierrc.json",
    "renovate.json", "vercel.json", "angular.json", "project.json", "pnpm-lock.yaml", ".travis.yml",
    "docker-compose.yml", "docker-compose.yaml", "mkdocs.yml", "netlify.toml", "codecov.yml",
}

KINDS = ("dtcg", "legacy", "studio", "studio-themes", "studio-metadata", "resolver", "figma-variables")


@dataclass
class TokenDocument:
    """One parsed token file: its path relative to the folder, its format and its data.

    kind: "dtcg" | "legacy" (Style Dictionary) | "studio" (Tokens Studio single or multi-set
    file) | "studio-themes" ($themes.json) | "studio-metadata" ($metadata.json) | "resolver"
    (a DTCG resolver document, with the files it references under ``data["files"]``) |
    "figma-variables" (Figma REST API variables export).
    """

    rel: str
    kind: str
    data: Any


def _load(path: Path, rel: str) -> Any:
    text = read_text(path, rel)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _load_yaml(text, rel)
    check_depth(text, rel)
    if suffix == ".json5":
        return _check_numbers(_load_json5(text, rel), rel)
    try:
        return _check_numbers(json.loads(text, parse_int=_parse_int), rel)
    except json.JSONDecodeError as e:
        if "//" in text or "/*" in text:  # JSON with comments, as some tools write it
            try:
                return _load_json5(text, rel)
            except TokenError:
                pass
        raise TokenError(f"{rel}: invalid JSON at line {e.lineno} column {e.colno}: {e.msg}") from None
    except RecursionError:
        raise TokenError(f"{rel}: nested deeper than {MAX_DEPTH} levels") from None


def _load_json5(text: str, rel: str) -> Any:
    import json5

    try:
        return json5.loads(text)
    except RecursionError:
        raise TokenError(f"{rel}: nested deeper than {MAX_DEPTH} levels") from None
    except ValueError as e:
        raise TokenError(f"{rel}: invalid JSON5: {one_line(e)[:200]}") from None


def _load_yaml(text: str, rel: str) -> Any:
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 1} column {mark.column + 1}" if mark else ""
        raise TokenError(f"{rel}: invalid YAML{where}: {one_line(getattr(e, 'problem', None) or e)}") from None
    except RecursionError:
        raise TokenError(f"{rel}: nested deeper than {MAX_DEPTH} levels") from None
    if node is None:
        raise TokenError(f"{rel}: empty file")
    _check_yaml_size(node, rel)
    try:
        return _check_numbers(_jsonable(yaml.safe_load(text)), rel)
    except ValueError as e:  # an integer beyond Python's digit limit for int(str)
        if isinstance(e, TokenError):
            raise
        raise TokenError(f"{rel}: a number has too many digits (token numbers must be within ±{MAX_NUMBER:g})") from None
    except yaml.constructor.ConstructorError as e:
        raise TokenError(f"{rel}: YAML tag not allowed in token files ({one_line(e.problem)[:120]})") from None
    except yaml.YAMLError as e:
        raise TokenError(f"{rel}: invalid YAML: {one_line(e)[:200]}") from None


def _parse_int(text: str) -> int | float:
    """JSON integers; one beyond Python's digit limit for int() becomes an infinite float that
    `_check_numbers` refuses with the token's path, instead of a ValueError without one."""
    return int(text) if len(text) <= 4000 else float(text)


def _check_numbers(data: Any, rel: str) -> Any:
    """Refuse numbers no design value has (beyond ±`MAX_NUMBER`, infinite or NaN): one line
    naming the token, where they would otherwise overflow a float conversion later."""

    def walk(node: Any, path: list[str], depth: int) -> None:
        if depth > MAX_DEPTH + 2:
            return
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, path if str(k) in ("$value", "value") else path + [str(k)], depth + 1)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, path + [str(i)], depth + 1)
        elif isinstance(node, (int, float)) and not isinstance(node, bool):
            if isinstance(node, int):
                bad = abs(node) > MAX_NUMBER
                shown = f"a number of {len(str(abs(node)))} digits" if bad else ""
            else:
                bad = not math.isfinite(node) or abs(node) > MAX_NUMBER
                shown = "a number too large for a float" if math.isinf(node) else f"{node:g}"
            if bad:
                where = ".".join(path) or "(root)"
                if not where.isprintable():  # a key with a line break or control characters
                    where = where.encode("unicode_escape").decode("ascii")
                raise TokenError(f"{rel}: token {where}: {shown} is out of range "
                                 f"(token numbers must be within ±{MAX_NUMBER:g})")

    walk(data, [], 0)
    return data


def _jsonable(node: Any) -> Any:
    """YAML data as JSON data: keys such as ``100:`` become strings, dates become ISO text."""
    if isinstance(node, dict):
        return {_key(k): _jsonable(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_jsonable(v) for v in node]
    if node is None or isinstance(node, (str, int, float, bool)):
        return node
    if hasattr(node, "isoformat"):
        return node.isoformat()
    return str(node)


def _key(k: Any) -> str:
    if isinstance(k, bool):
        return str(k).lower()
    if isinstance(k, float) and k.is_integer():
        return str(int(k))
    return str(k)


def _check_yaml_size(root: Any, rel: str) -> None:
    """Refuse YAML whose aliases expand to too many nodes or characters (`MAX_YAML_NODES`,
    `MAX_YAML_CHARS`: an anchor counts once per alias), or that nests too deeply."""
    import yaml

    memo: dict[int, tuple[int, int]] = {}

    def size(node: Any, depth: int) -> tuple[int, int]:
        if depth > MAX_DEPTH:
            raise TokenError(f"{rel}: nested deeper than {MAX_DEPTH} levels")
        key = id(node)
        if key in memo:
            return memo[key]
        n, chars = 1, 0
        if isinstance(node, yaml.ScalarNode):
            chars = len(node.value) if isinstance(node.value, str) else 0
        elif isinstance(node, yaml.SequenceNode):
            for c in node.value:
                cn, cc = size(c, depth + 1)
                n, chars = n + cn, chars + cc
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                kn, kc = size(k, depth + 1)
                vn, vc = size(v, depth + 1)
                n, chars = n + kn + vn, chars + kc + vc
        if n > MAX_YAML_NODES:
            raise TokenError(f"{rel}: YAML aliases expand to more than {MAX_YAML_NODES} nodes (refused as an alias bomb)")
        if chars > MAX_YAML_CHARS:
            raise TokenError(f"{rel}: YAML aliases expand to more than {MAX_YAML_CHARS} characters "
                             "(refused as an alias bomb)")
        memo[key] = (n, chars)
        return memo[key]

    size(root, 0)


def _stem(name: str) -> str:
    low = name.lower()
    for suf in TOKEN_SUFFIXES:
        if low.endswith(suf):
            return name[: -len(suf)]
    return name


def _is_figma_rest(data: Any) -> bool:
    meta = data.get("meta") if isinstance(data.get("meta"), dict) else data
    return isinstance(meta.get("variables"), dict) and isinstance(meta.get("variableCollections"), dict)


_STUDIO_TYPES = {
    "sizing", "spacing", "borderRadius", "borderWidth", "fontSizes", "fontWeights", "lineHeights",
    "fontFamilies", "letterSpacing", "paragraphSpacing", "boxShadow", "opacity", "composition", "textCase",
    "textDecoration", "paragraphIndent",
}
_STUDIO_MATH_RE = re.compile(r"\}\s*[-+*/]|[-+*/]\s*\{|roundTo\(|rgba\(\s*\{")


def _looks_studio(data: dict) -> bool:
    """A single Tokens Studio set: legacy-style tokens whose types or values are Studio's."""
    hits = 0

    def walk(node: dict, depth: int) -> None:
        nonlocal hits
        if depth > MAX_DEPTH or hits:
            return
        for v in node.values():
            if not isinstance(v, dict):
                continue
            val_key = "$value" if "$value" in v else "value" if "value" in v else None
            if val_key:
                t = v.get("$type", v.get("type"))
                val = v[val_key]
                if t in _STUDIO_TYPES or (isinstance(val, str) and _STUDIO_MATH_RE.search(val)):
                    hits += 1
                    return
            else:
                walk(v, depth + 1)

    walk(data, 0)
    return hits > 0


def classify(data: Any, rel: str) -> str | None:
    """The token format of a parsed document, or None when it is not a token document."""
    name = PurePosixPath(rel).name
    low = name.lower()
    if low.startswith("$themes."):
        if not isinstance(data, list):
            raise TokenError(f"{rel}: a Tokens Studio $themes file must hold a list of themes")
        return "studio-themes"
    if low.startswith("$metadata."):
        if not isinstance(data, dict):
            raise TokenError(f"{rel}: a Tokens Studio $metadata file must hold an object")
        return "studio-metadata"
    if low in _NOT_TOKEN_FILES or low.startswith("tsconfig") or not isinstance(data, dict):
        return None
    if low.endswith((".resolver.json", ".resolver.json5", ".resolver.yaml", ".resolver.yml")) or (
        "resolutionOrder" in data and ("sets" in data or "modifiers" in data)
    ):
        return "resolver"
    if "source" in data and "platforms" in data:
        return None  # a Style Dictionary config
    if {"v", "fr", "ip", "op", "layers"} <= data.keys():
        return None  # a Lottie animation
    if _is_figma_rest(data):
        return "figma-variables"
    if "$themes" in data or "$metadata" in data:
        return "studio"
    if has_key_below(data, "$value"):
        return "studio" if _looks_studio(data) else "dtcg"
    if has_key_below(data, "value"):
        return "studio" if _looks_studio(data) else "legacy"
    return None


def parse_token_file(path: Path, rel: str) -> TokenDocument | None:
    """Read one token file; None when it is not a design-token document.

    Raises TokenError (one line naming the file) for broken token files.
    """
    path = Path(path)
    data = _load(path, rel)
    kind = classify(data, rel)
    if kind is None:
        return None
    _refuse_code(data, rel)
    if kind == "resolver":
        data = _with_resolver_files(path, rel, data)
    return TokenDocument(rel=rel, kind=kind, data=data)


def _refuse_code(data: Any, rel: str) -> None:
    """Refuse token values written as code (``__import__('os')…``, ``eval(…)``), whatever the format."""

    def walk(node: Any, path: list[str], in_value: bool, depth: int) -> None:
        if depth > MAX_DEPTH:
            return
        if isinstance(node, str):
            if in_value:
                if len(node) > MAX_VALUE_CHARS:
                    raise TokenError(f"{rel}: token {'.'.join(path) or '(root)'} has a value of {len(node)} characters, "
                                     f"over the {MAX_VALUE_CHARS} character limit")
                try:
                    check_calls(node)
                except ValueError as e:
                    raise TokenError(f"{rel}: token {'.'.join(path) or '(root)'} has a bad value: {e}") from None
        elif isinstance(node, dict):
            for k, v in node.items():
                key = str(k)
                if key in ("$value", "value"):
                    walk(v, path, True, depth + 1)
                elif not key.startswith("$") or key == "$root":
                    walk(v, path + [key], in_value, depth + 1)
        elif isinstance(node, list):
            for v in node:
                walk(v, path, in_value, depth + 1)

    walk(data, [], False, 0)


def _with_resolver_files(path: Path, rel: str, data: dict) -> dict:
    """A resolver document plus every file it references (paths relative to the resolver)."""
    n_parts = len(PurePosixPath(rel).parts)
    root = path.parents[n_parts - 1] if n_parts > 0 else path.parent
    real_root = root.resolve()
    base = PurePosixPath(rel).parent
    files: dict[str, Any] = {}
    errors: dict[str, str] = {}

    def visit(node: Any, depth: int) -> None:
        if depth > MAX_DEPTH:
            return
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#"):
                file_part = ref.split("#", 1)[0]
                target_rel = _join(base, file_part)
                key = target_rel or file_part
                if key in files or key in errors:
                    return
                if len(files) >= MAX_RESOLVER_FILES:
                    raise TokenError(f"{rel}: references more than {MAX_RESOLVER_FILES} files")
                target = (root / target_rel).resolve() if target_rel else None
                if target is None or not target.is_relative_to(real_root):
                    errors[key] = f"{rel}: $ref {ref!r} points outside the design-system folder"
                    return
                if not target.is_file():
                    errors[key] = f"{rel}: $ref {ref!r} names a missing file"
                    return
                try:
                    files[target_rel] = _load(target, target_rel)
                except TokenError as e:
                    errors[key] = str(e)
            for v in node.values():
                visit(v, depth + 1)
        elif isinstance(node, list):
            for v in node:
                visit(v, depth + 1)

    visit(data, 0)
    return {"resolver": data, "files": files, "errors": errors}


def _join(base: PurePosixPath, ref: str) -> str:
    parts: list[str] = list(base.parts)
    for seg in PurePosixPath(ref).parts:
        if seg in (".", ""):
            continue
        if seg == "..":
            if not parts:
                return ""
            parts.pop()
        elif seg == "/":
            return ""
        else:
            parts.append(seg)
    return "/".join(parts)


def resolver_ref_path(resolver_rel: str, ref: str) -> str:
    """The folder-relative path of a file a resolver at `resolver_rel` references."""
    return _join(PurePosixPath(resolver_rel).parent, ref.split("#", 1)[0])
