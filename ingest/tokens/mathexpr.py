"""Tokens Studio arithmetic in token values (``{spacing.md} * 2``, ``roundTo(({space.1} + 4) / 2)``).

A small recursive-descent parser over numbers with CSS units, ``+ - * / ^`` (``**`` too),
parentheses and a fixed set of functions. Nothing is ever passed to ``eval``; names other
than the functions below are refused, exponents and results are bounded, and expressions
are limited in length and nesting, so a value such as ``__import__('os').system('…')`` or
``{a} ** 99999999`` is a one-line error rather than code or a hang.

Grammar::

    expr  := term (("+" | "-") term)*
    term  := power (("*" | "/") power)*
    power := unary (("^" | "**") power)?
    unary := ("-" | "+") unary | atom
    atom  := NUMBER UNIT? | NAME "(" expr ("," expr)* ")" | "(" expr ")"
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from typing import Any

MAX_LEN = 500
MAX_NESTING = 32
MAX_EXPONENT = 64
MAX_MAGNITUDE = 1e9

_UNITS = ("px", "rem", "em", "%", "pt", "ms", "s", "deg", "vh", "vw")
_FUNCTIONS: dict[str, Callable[..., float]] = {
    "roundto": lambda x, d=0: round(x, int(d)) if abs(d) <= 10 else _bad("roundTo precision"),
    "round": lambda x, d=0: round(x, int(d)) if abs(d) <= 10 else _bad("round precision"),
    "floor": math.floor,
    "ceil": math.ceil,
    "abs": abs,
    "min": min,
    "max": max,
    "sqrt": lambda x: math.sqrt(x) if x >= 0 else _bad("sqrt of a negative number"),
}
# Names that only appear in token values written as code (Python, JavaScript, shell).
_CODE_NAMES = {
    "eval", "exec", "compile", "open", "getattr", "setattr", "delattr", "globals", "locals", "vars", "input",
    "breakpoint", "system", "popen", "spawn", "import", "require", "function", "lambda", "subprocess", "fetch",
    "settimeout", "setinterval", "execsync", "spawnsync", "chr", "ord", "type", "object", "constructor",
}
_DUNDER_RE = re.compile(r"(?<!\w)__\w+__")
_METHOD_CALL_RE = re.compile(r"(\)|\b[A-Za-z_]\w*)\.[A-Za-z_]\w*\(")
_NUMERIC_TYPES = {
    "dimension", "number", "sizing", "spacing", "borderRadius", "borderWidth", "fontSizes", "fontSize",
    "lineHeights", "letterSpacing", "paragraphSpacing", "opacity", "duration", "fontWeights", "fontWeight",
}
_TOKEN_RE = re.compile(r"\s*(?:(\d+(?:\.\d*)?|\.\d+)(px|rem|em|%|pt|ms|s|deg|vh|vw)?|(\*\*|[-+*/^(),])|([A-Za-z_][\w-]*))")
# A name followed by "(": the run of word characters and hyphens before each "(", matched only
# from the start of the run (the lookbehind), so scanning is linear in the text's length; the
# name starts at the run's first ASCII letter or underscore (``1-eval(`` calls ``eval``).
_CALL_RUN_RE = re.compile(r"(?<![\w-])[\w-]+(?=\()")
_NAME_START_RE = re.compile(r"[A-Za-z_]")
_RGBA_HEX_RE = re.compile(r"^\s*rgba?\(\s*(#[0-9a-fA-F]{3,8})\s*,\s*(\d*\.?\d+)(%?)\s*\)\s*$")
_OPERATOR_RE = re.compile(r"(\*\*|[*/^+]|\d\s*-\s*[\d(]|\)\s*-)")


def _bad(what: str) -> float:
    raise ValueError(f"{what} out of range")


Num = tuple[float, str | None]


class _Parser:
    def __init__(self, text: str):
        if len(text) > MAX_LEN:
            raise ValueError(f"expression longer than {MAX_LEN} characters")
        self.toks: list[tuple[str, Any]] = []
        pos = 0
        text = text.rstrip()
        while pos < len(text):
            m = _TOKEN_RE.match(text, pos)
            if not m or m.end() == pos:
                raise ValueError(f"unexpected character {text[pos]!r}")
            if m.group(1) is not None:
                self.toks.append(("num", (float(m.group(1)), m.group(2))))
            elif m.group(3) is not None:
                self.toks.append(("op", m.group(3)))
            else:
                self.toks.append(("name", m.group(4)))
            pos = m.end()
        self.i = 0
        self.depth = 0

    def peek(self) -> tuple[str, Any] | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self, op: str | None = None) -> tuple[str, Any]:
        t = self.peek()
        if t is None or (op is not None and t != ("op", op)):
            raise ValueError(f"expected {op!r}" if op else "unexpected end of expression")
        self.i += 1
        return t

    def parse(self) -> Num:
        out = self.expr()
        if self.peek() is not None:
            raise ValueError(f"unexpected {self.peek()[1]!r}")
        return out

    def expr(self) -> Num:
        a = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            op = self.take()[1]
            b = self.term()
            a = _combine(a, b, op)
        return a

    def term(self) -> Num:
        a = self.power()
        while self.peek() in (("op", "*"), ("op", "/")):
            op = self.take()[1]
            b = self.power()
            a = _combine(a, b, op)
        return a

    def power(self) -> Num:
        a = self.unary()
        if self.peek() in (("op", "^"), ("op", "**")):
            self.take()
            b = self.power()
            if b[1] is not None or abs(b[0]) > MAX_EXPONENT:
                raise ValueError(f"exponent {b[0]:g} is larger than {MAX_EXPONENT}")
            if a[0] == 0 and b[0] < 0:
                raise ValueError("division by zero")
            a = (_check(float(a[0]) ** b[0]), a[1])
        return a

    def unary(self) -> Num:
        if self.peek() in (("op", "-"), ("op", "+")):
            sign = -1 if self.take()[1] == "-" else 1
            v = self.unary()
            return (sign * v[0], v[1])
        return self.atom()

    def atom(self) -> Num:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ValueError(f"nested deeper than {MAX_NESTING} levels")
        try:
            kind, val = self.take()
            if kind == "num":
                return val
            if kind == "name":
                fn = _FUNCTIONS.get(val.lower())
                if fn is None:
                    raise ValueError(f"unknown name {val!r}")
                self.take("(")
                args = [self.expr()]
                while self.peek() == ("op", ","):
                    self.take()
                    args.append(self.expr())
                self.take(")")
                unit = next((u for _, u in args if u), None)
                try:
                    return (_check(float(fn(*[x for x, _ in args]))), unit)
                except TypeError:
                    raise ValueError(f"wrong number of arguments to {val}") from None
            if val == "(":
                v = self.expr()
                self.take(")")
                return v
            raise ValueError(f"unexpected {val!r}")
        finally:
            self.depth -= 1


def _check(x: float) -> float:
    if math.isnan(x) or math.isinf(x) or abs(x) > MAX_MAGNITUDE:
        raise ValueError("result out of range")
    return x


def _to_px(v: Num) -> Num:
    return (v[0] * 16, "px") if v[1] in ("rem", "em") else v


def _combine(a: Num, b: Num, op: str) -> Num:
    if op in "+-":
        if a[1] and b[1] and a[1] != b[1]:
            a, b = _to_px(a), _to_px(b)
            if a[1] != b[1]:
                raise ValueError(f"cannot add {a[1]} and {b[1]}")
        x = a[0] + b[0] if op == "+" else a[0] - b[0]
        return (_check(x), a[1] or b[1])
    if op == "*":
        return (_check(a[0] * b[0]), a[1] or b[1])
    if b[0] == 0:
        raise ValueError("division by zero")
    unit = None if a[1] == b[1] else (a[1] or b[1])
    return (_check(a[0] / b[0]), unit)


def evaluate(text: str) -> Num:
    """Evaluate one arithmetic expression → (number, unit or None). Raises ValueError."""
    return _Parser(text).parse()


def _format(v: Num) -> Any:
    x = round(v[0], 4)
    num: int | float = int(x) if float(x).is_integer() else x
    return f"{num}{v[1]}" if v[1] else num


def _call_names(text: str) -> Iterator[str]:
    """The names of every function call in `text` (``rgb`` of ``rgb(0 0 0)``), in order."""
    for m in _CALL_RUN_RE.finditer(text):
        start = _NAME_START_RE.search(m.group(0))
        if start is not None:
            yield m.group(0)[start.start():]


def _has_call(text: str) -> bool:
    return next(_call_names(text), None) is not None


def check_calls(text: str) -> None:
    """Refuse token values written as code: ``__import__('os').system(…)``, ``eval(…)``,
    ``require('child_process')``. CSS functions (``rgb()``, ``rotate3d()``…) pass."""
    for name in _call_names(text):
        if name.startswith("_") or name.lower() in _CODE_NAMES:
            raise ValueError(f"unknown function {name!r}")
    if _DUNDER_RE.search(text):
        raise ValueError(f"Python attribute {_DUNDER_RE.search(text).group(0)!r} in a token value")
    if _METHOD_CALL_RE.search(text):
        raise ValueError(f"method call {_METHOD_CALL_RE.search(text).group(0)!r} in a token value")


def evaluate_value(value: Any, ttype: str | None, arithmetic: bool = True) -> Any:
    """Evaluate the arithmetic and ``rgba(<colour>, alpha)`` forms inside a resolved value.

    Plain strings (``"16px"``, ``"Inter, sans-serif"``, ``"0 4px 8px"``) are returned as they
    are. With ``arithmetic=False`` only unsafe function calls are refused.
    """
    if isinstance(value, dict):
        out = {k: evaluate_value(v, None, arithmetic) for k, v in value.items()}
        # an unchanged value is returned as it is, so aliases of one composite share it
        return value if all(out[k] is v for k, v in value.items()) else out
    if isinstance(value, list):
        items = [evaluate_value(v, None, arithmetic) for v in value]
        return value if all(a is b for a, b in zip(items, value)) else items
    if not isinstance(value, str):
        return value
    check_calls(value)
    if not arithmetic:
        return value
    m = _RGBA_HEX_RE.match(value)
    if m:
        return _rgba_hex(m.group(1), float(m.group(2)) / (100 if m.group(3) else 1))
    if _has_call(value) and not any(f in value.lower() for f in _FUNCTIONS):
        return value  # a CSS function such as rgb(…) or cubic-bezier(…)
    if not _OPERATOR_RE.search(value) and "(" not in value:
        return value
    try:
        return _format(evaluate(value))
    except ValueError as e:
        if ttype in _NUMERIC_TYPES or "**" in value or "^" in value or _has_call(value):
            raise ValueError(f"{value[:60]!r}: {e}") from None
        return value  # e.g. "Inter / Arial" in a string-valued token


def _rgba_hex(hex_: str, alpha: float) -> str:
    from ingest.colour import parse_hex, to_hex

    if not 0 <= alpha <= 1:
        raise ValueError(f"alpha {alpha:g} is outside 0–1")
    rgb, _ = parse_hex(hex_)
    return to_hex(rgb) + f"{round(alpha * 255):02x}"
