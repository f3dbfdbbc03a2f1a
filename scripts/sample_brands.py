"""Read the bundled sample design systems into one plain `Brand` description.

The guideline PDFs and example screens are drawn from these values, so what a designer sees
in them always matches the token files. Each format is parsed directly (JSON, JSON5, YAML)
with just the features the samples use: ``{alias}`` references, Style Dictionary
``{x.y.value}`` references, Tokens Studio arithmetic (``{spacing.base} * 2``) and
``rgba({color}, alpha)``.
"""

from __future__ import annotations

import ast
import json
import operator
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import json5
import yaml

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_design_systems"

ROLE_NAMES = (
    "background", "surface", "surface-muted", "text", "text-muted", "primary", "on-primary",
    "secondary", "on-secondary", "accent", "on-accent", "border", "divider", "success", "warning",
    "danger", "info", "focus", "chart-1", "chart-2", "chart-3", "chart-4", "chart-5",
)
_REF = re.compile(r"\{([^{}]+)\}")


class SampleError(ValueError):
    """A sample token file that cannot be read or resolved; the message is one line naming it."""


def _read(path: Path) -> Any:
    """Parse a JSON, JSON5 or YAML token file; SampleError names the file on any problem."""
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".json5":
            return json5.loads(text)
        if path.suffix in (".yaml", ".yml"):
            return yaml.safe_load(text)
        return json.loads(text)
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise SampleError(f"{path}: {first}") from None


@dataclass
class TextStyle:
    name: str
    size: float  # px
    weight: int
    line_height: float  # px
    letter_spacing: float = 0.0  # px
    note: str = ""


@dataclass
class ShadowLayer:
    x: float
    y: float
    blur: float
    spread: float
    hex: str
    alpha: float


@dataclass
class Brand:
    """Everything the guides and screens need, in px and #rrggbb."""

    key: str  # folder name
    name: str  # display name
    tagline: str
    token_format: str
    font_family: str
    font_files: dict[int, Path]  # weight -> TTF file
    palette: dict[str, dict[str, str]]  # hue -> {step: hex}
    roles: dict[str, str]  # role -> hex
    role_sources: dict[str, str]  # role -> token path it aliases
    extra: dict[str, str]  # brand-specific roles (navbar, sidebar, primary-soft...)
    type_scale: list[TextStyle]
    spacing: list[tuple[str, float]]
    radii: list[tuple[str, float]]
    shadows: dict[str, list[ShadowLayer]]
    button_radius: float
    card_radius: float
    input_radius: float
    control_height: float
    row_height: float
    pad: float  # card padding
    gap: float  # gap between cards
    nav: str  # "sidebar-light" | "topbar-dark" | "sidebar-dark"
    dark_roles: dict[str, str] = field(default_factory=dict)
    light_roles: dict[str, str] = field(default_factory=dict)  # a dark-first system's light theme

    def style(self, name: str) -> TextStyle:
        return next(s for s in self.type_scale if s.name == name)

    @property
    def primary(self) -> str:
        return self.roles["primary"]


# ---------------------------------------------------------------------------------------------
# shared helpers


def font_files(package: str, names: dict[int, str]) -> dict[int, Path]:
    """TTF files of a pip font package (`font_lato`, ...), by weight."""
    mod = __import__(package)
    folder = Path(mod.__file__).parent / "files"
    out = {w: folder / n for w, n in names.items()}
    for p in out.values():
        if not p.is_file():
            raise FileNotFoundError(f"{p}: font file missing from the {package} package")
    return out


def _flatten(node: dict, prefix: tuple[str, ...], value_key: str, type_key: str,
             inherited: str | None, out: dict[str, tuple[Any, str | None, str]]) -> None:
    group_type = node.get(type_key, inherited) if isinstance(node.get(type_key), str) else inherited
    for key, child in node.items():
        if key.startswith("$") or not isinstance(child, dict):
            continue
        path = prefix + (key,)
        if value_key in child:
            desc = child.get("$description", child.get("description", child.get("comment", "")))
            out[".".join(path)] = (child[value_key], child.get(type_key, group_type), desc or "")
        else:
            _flatten(child, path, value_key, type_key, group_type, out)


class _Tokens:
    """Flat tokens with reference resolution; `strip` removes Style Dictionary's `.value`."""

    def __init__(self, flat: dict[str, tuple[Any, str | None, str]], strip: str | None = None,
                 math: bool = False):
        self.flat, self.strip, self.math = flat, strip, math
        self._done: dict[str, Any] = {}

    def target(self, ref: str) -> str:
        ref = ref.strip()
        if self.strip and ref.endswith(self.strip) and ref not in self.flat:
            ref = ref[: -len(self.strip)]
        if ref not in self.flat:
            raise KeyError(f"unknown token reference {{{ref}}}")
        return ref

    def alias_of(self, path: str) -> str | None:
        v = self.flat[path][0]
        if isinstance(v, str) and (m := _REF.fullmatch(v.strip())):
            return self.target(m.group(1))
        return None

    def get(self, path: str, stack: tuple[str, ...] = ()) -> Any:
        if path in self._done:
            return self._done[path]
        if path in stack:
            raise ValueError("alias cycle " + " -> ".join(stack + (path,)))
        out = self._value(self.flat[path][0], stack + (path,))
        self._done[path] = out
        return out

    def _value(self, v: Any, stack: tuple[str, ...]) -> Any:
        if isinstance(v, dict):
            return {k: self._value(x, stack) for k, x in v.items()}
        if isinstance(v, list):
            return [self._value(x, stack) for x in v]
        if not isinstance(v, str):
            return v
        if m := _REF.fullmatch(v.strip()):
            return self.get(self.target(m.group(1)), stack)
        if _REF.search(v):
            v = _REF.sub(lambda mm: _text(self.get(self.target(mm.group(1)), stack)), v)
        if self.math and re.fullmatch(r"[\d\s.+\-*/()]+", v) and re.search(r"[+\-*/]", v.strip()[1:]):
            return _arith(v)
        return v

    def group(self, prefix: str) -> list[tuple[str, Any]]:
        """(last path segment, resolved value) of every token directly under `prefix`."""
        n = prefix.count(".") + 1
        return [(p.split(".")[-1], self.get(p)) for p in self.flat
                if p.startswith(prefix + ".") and p.count(".") == n]


def _text(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


_OPS: dict[type, Callable[[float, float], float]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
}


def _arith(expr: str) -> float:
    """Evaluate + - * / over numbers (Tokens Studio math); anything else is refused."""

    def ev(n: ast.AST) -> float:
        if isinstance(n, ast.Expression):
            return ev(n.body)
        if isinstance(n, ast.Constant) and isinstance(n.value, (int, float)):
            return float(n.value)
        if isinstance(n, ast.BinOp) and type(n.op) in _OPS:
            return _OPS[type(n.op)](ev(n.left), ev(n.right))
        if isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.USub):
            return -ev(n.operand)
        raise ValueError(f"unsupported expression {expr!r}")

    return ev(ast.parse(expr, mode="eval"))


def _px(v: Any) -> float:
    if isinstance(v, dict) and "value" in v:
        return float(v["value"]) * (16.0 if v.get("unit") == "rem" else 1.0)
    if isinstance(v, (int, float)):
        return float(v)
    s = str(v).strip()
    if s.endswith("rem"):
        return float(s[:-3]) * 16.0
    return float(s.removesuffix("px"))


def _hex(v: Any) -> str:
    if isinstance(v, dict) and "hex" in v:
        return str(v["hex"]).lower()
    s = str(v).strip().lower()
    if not re.fullmatch(r"#[0-9a-f]{6}", s):
        raise ValueError(f"not a #rrggbb colour: {v!r}")
    return s


_WEIGHTS = {"thin": 100, "light": 300, "regular": 400, "medium": 500, "semibold": 600, "semi bold": 600,
            "bold": 700, "extrabold": 800, "black": 900}


def _weight(v: Any) -> int:
    if isinstance(v, (int, float)):
        return int(v)
    s = str(v).strip().lower()
    return int(s) if s.isdigit() else _WEIGHTS[s]


def _palette(toks: _Tokens, prefix: str, skip: set[str]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for path in toks.flat:
        if not path.startswith(prefix + "."):
            continue
        parts = path[len(prefix) + 1:].split(".")
        if len(parts) != 2 or parts[0] in skip:
            continue
        out.setdefault(parts[0], {})[parts[1]] = _hex(toks.get(path))
    return out


def _short(path: str | None, prefix: str) -> str:
    return (path or "").removeprefix(prefix)


# ---------------------------------------------------------------------------------------------
# harbor: DTCG 2025.10 with a resolver (base set + light/dark role sets)


def _dtcg_type_and_shadows(t: _Tokens) -> tuple[list[TextStyle], dict[str, list[ShadowLayer]]]:
    """The type scale and shadows of a DTCG token set (composite typography and shadow tokens)."""
    type_scale = []
    for name in ("display", "h1", "h2", "h3", "title", "body", "small", "caption", "label"):
        v = t.get(f"typography.{name}")
        size = _px(v["fontSize"])
        type_scale.append(TextStyle(name, size, _weight(v["fontWeight"]), round(size * float(v["lineHeight"])),
                                    _px(v["letterSpacing"]), t.flat[f"typography.{name}"][2]))
    shadows = {k: [ShadowLayer(_px(l["offsetX"]), _px(l["offsetY"]), _px(l["blur"]), _px(l["spread"]),
                               _hex(l["color"]), float(l["color"].get("alpha", 1)))
                   for l in (v if isinstance(v, list) else [v])] for k, v in t.group("shadow")}
    return type_scale, shadows


def load_harbor(root: Path = SAMPLES / "harbor") -> Brand:
    resolver = _read(root / "tokens" / "harbor.resolver.json")
    base_files = [s["$ref"] for s in resolver["sets"]["base"]["sources"]]
    ctx = resolver["modifiers"]["theme"]["contexts"]

    def mode(name: str) -> _Tokens:
        flat: dict[str, tuple[Any, str | None, str]] = {}
        for rel in base_files + [s["$ref"] for s in ctx[name]]:
            _flatten(_read(root / "tokens" / rel), (), "$value", "$type", None, flat)
        return _Tokens(flat)

    t, dark = mode("light"), mode("dark")
    roles = {r: _hex(t.get(f"color.role.{r}")) for r in ROLE_NAMES}
    type_scale, shadows = _dtcg_type_and_shadows(t)
    return Brand(
        key="harbor", name="Harbor", tagline="Calm, trustworthy money and commerce.",
        token_format="DTCG 2025.10 + resolver (light/dark)",
        font_family="Manrope",
        font_files=font_files("font_manrope", {400: "Manrope-Regular.ttf", 500: "Manrope-Medium.ttf",
                                               600: "Manrope-SemiBold.ttf", 700: "Manrope-Bold.ttf"}),
        palette=_palette(t, "color", {"role"}),
        roles=roles,
        role_sources={r: _short(t.alias_of(f"color.role.{r}"), "color.") for r in ROLE_NAMES},
        extra={},
        type_scale=type_scale,
        spacing=[(k, _px(v)) for k, v in t.group("spacing")],
        radii=[(k, _px(v)) for k, v in t.group("radius")],
        shadows=shadows,
        button_radius=8, card_radius=12, input_radius=8,
        control_height=40, row_height=52, pad=24, gap=24, nav="sidebar-light",
        dark_roles={r: _hex(dark.get(f"color.role.{r}")) for r in ROLE_NAMES},
    )


# ---------------------------------------------------------------------------------------------
# ember: Tokens Studio, folder form ($metadata.json, $themes.json, one file per set)

_RGBA = re.compile(r"rgba\(\s*(#[0-9a-fA-F]{6})\s*,\s*([\d.]+)\s*\)")


def _studio_mode(root: Path, theme_name: str) -> _Tokens:
    tok = root / "tokens"
    order = _read(tok / "$metadata.json")["tokenSetOrder"]
    theme = next(t for t in _read(tok / "$themes.json") if t["name"] == theme_name)
    flat: dict[str, tuple[Any, str | None, str]] = {}
    for name in order:
        if theme["selectedTokenSets"].get(name, "disabled") != "disabled":
            _flatten(_read(tok / f"{name}.json"), (), "value", "type", None, flat)
    return _Tokens(flat, math=True)


def _studio_shadow(v: Any) -> list[ShadowLayer]:
    out = []
    for l in v if isinstance(v, list) else [v]:
        m = _RGBA.fullmatch(l["color"].strip())
        hx, a = (m.group(1).lower(), float(m.group(2))) if m else (_hex(l["color"]), 1.0)
        out.append(ShadowLayer(_px(l["x"]), _px(l["y"]), _px(l["blur"]), _px(l["spread"]), hx, a))
    return out


def load_ember(root: Path = SAMPLES / "ember") -> Brand:
    t, dark = _studio_mode(root, "Light"), _studio_mode(root, "Dark")
    type_scale = []
    for name in ("display", "h1", "h2", "h3", "body", "body-sm", "caption", "label"):
        v = t.get(f"typography.{name}")
        size = _px(v["fontSize"])
        lh = float(str(v["lineHeight"]).rstrip("%")) / 100 * size
        ls = float(str(v["letterSpacing"]).rstrip("%")) / 100 * size
        type_scale.append(TextStyle(name, size, _weight(v["fontWeight"]), round(lh), round(ls, 2),
                                    t.flat[f"typography.{name}"][2]))
    soft = _RGBA.fullmatch(t.get("color.primary-soft"))
    return Brand(
        key="ember", name="Ember", tagline="Warm, quick and friendly food delivery.",
        token_format="Tokens Studio (folder: sets, $themes.json, $metadata.json)",
        font_family=str(t.get("fontFamilies.brand")),
        font_files=font_files("font_lato", {400: "Lato-Regular.ttf", 700: "Lato-Bold.ttf", 900: "Lato-Black.ttf"}),
        palette=_palette(t, "color", set()),
        roles={r: _hex(t.get(f"color.{r}")) for r in ROLE_NAMES},
        role_sources={r: _short(t.alias_of(f"color.{r}"), "color.") for r in ROLE_NAMES},
        extra={"navbar": _hex(t.get("color.navbar")), "on-navbar": _hex(t.get("color.on-navbar")),
               "primary-soft": soft.group(1).lower(), "primary-soft-alpha": soft.group(2)},
        type_scale=type_scale,
        spacing=[(k, _px(v)) for k, v in t.group("spacing") if k != "base"],
        radii=[(k, _px(v)) for k, v in t.group("borderRadius")],
        shadows={k: _studio_shadow(v) for k, v in t.group("boxShadow")},
        button_radius=_px(t.get("borderRadius.pill")), card_radius=_px(t.get("borderRadius.lg")),
        input_radius=_px(t.get("borderRadius.md")),
        control_height=_px(t.get("sizing.control.md")), row_height=44, pad=16, gap=16, nav="topbar-dark",
        dark_roles={r: _hex(dark.get(f"color.{r}")) for r in ROLE_NAMES},
    )


# ---------------------------------------------------------------------------------------------
# grove: Style Dictionary legacy (value/type/comment, CTI names, JSON + JSON5 + YAML)


def _deep_merge(a: dict, b: dict) -> dict:
    for k, v in b.items():
        if isinstance(v, dict) and isinstance(a.get(k), dict) and "value" not in v:
            _deep_merge(a[k], v)
        else:
            a[k] = v
    return a


def load_grove(root: Path = SAMPLES / "grove") -> Brand:
    merged: dict = {}
    for p in sorted((root / "tokens").rglob("*")):
        if p.suffix not in (".json", ".json5", ".yaml", ".yml"):
            continue
        doc = _read(p)
        if not isinstance(doc, dict):
            raise SampleError(f"{p}: a token file must hold an object at the top")
        _deep_merge(merged, doc)
    flat: dict[str, tuple[Any, str | None, str]] = {}
    _flatten(merged, (), "value", "type", None, flat)
    t = _Tokens(flat, strip=".value")
    names = {"display": "display", "h1": "h1", "h2": "h2", "h3": "h3", "body": "body", "body-sm": "body-sm",
             "caption": "caption", "label": "label"}
    type_scale = []
    for name in names:
        v = t.get(f"typography.{name}")
        size = _px(v["fontSize"])
        type_scale.append(TextStyle(name, size, _weight(v["fontWeight"]), round(size * float(v["lineHeight"])),
                                    0.0, flat[f"typography.{name}"][2]))
    shadows = {k: [ShadowLayer(_px(v["offsetX"]), _px(v["offsetY"]), _px(v["blur"]), _px(v["spread"]),
                               _hex(v["color"]), float(v["alpha"]))] for k, v in t.group("shadow")}
    return Brand(
        key="grove", name="Grove", tagline="Clear, spacious tools for sustainable operations.",
        token_format="Style Dictionary (value/type/comment; JSON, JSON5, YAML; config.json)",
        font_family=str(t.get("font.family.base")),
        font_files=font_files("font_source_sans_pro", {400: "SourceSansPro-Regular.ttf",
                                                       600: "SourceSansPro-Semibold.ttf",
                                                       700: "SourceSansPro-Bold.ttf"}),
        palette=_palette(t, "color.base", set()),
        roles={r: _hex(t.get(f"color.role.{r}")) for r in ROLE_NAMES},
        role_sources={r: _short(t.alias_of(f"color.role.{r}"), "color.") for r in ROLE_NAMES},
        extra={"sidebar": _hex(t.get("color.role.sidebar")), "on-sidebar": _hex(t.get("color.role.on-sidebar"))},
        type_scale=type_scale,
        spacing=[(k, _px(v)) for k, v in t.group("size.spacing")],
        radii=[(k, _px(v)) for k, v in t.group("size.radius")],
        shadows=shadows,
        button_radius=_px(t.get("size.radius.small")), card_radius=_px(t.get("size.radius.small")),
        input_radius=_px(t.get("size.radius.small")),
        control_height=_px(t.get("size.control.height")), row_height=60, pad=_px(t.get("size.padding.large")) + 8,
        gap=32, nav="sidebar-dark",
    )


# ---------------------------------------------------------------------------------------------
# circuit: DTCG 2025.10 with a resolver whose default theme is dark (light is the alternative)

# Circuit has no surface-muted token: onbrand derives it from the ink scale (in the dark theme
# the step between the surface and the raised surface, in the light one the near-white ink 50),
# and the screens use those same steps.
CIRCUIT_DERIVED = {"dark": {"surface-muted": "color.ink.850"}, "light": {"surface-muted": "color.ink.50"}}


def load_circuit(root: Path = SAMPLES / "circuit") -> Brand:
    resolver = _read(root / "tokens" / "circuit.resolver.json")
    theme = resolver["modifiers"]["theme"]
    base_files = [s["$ref"] for s in resolver["sets"]["primitives"]["sources"]]

    def mode(name: str) -> _Tokens:
        flat: dict[str, tuple[Any, str | None, str]] = {}
        for rel in base_files + [s["$ref"] for s in theme["contexts"][name]]:
            _flatten(_read(root / "tokens" / rel), (), "$value", "$type", None, flat)
        return _Tokens(flat)

    t, light = mode(theme["default"]), mode("light")

    def role_map(toks: _Tokens, name: str) -> dict[str, str]:
        out = {}
        for r in ROLE_NAMES + ("surface-raised", "on-success", "on-warning", "on-danger", "on-info"):
            path = f"color.role.{r}"
            out[r] = _hex(toks.get(path if path in toks.flat else CIRCUIT_DERIVED[name][r]))
        return out

    type_scale, shadows = _dtcg_type_and_shadows(t)
    roles = role_map(t, theme["default"])
    return Brand(
        key="circuit", name="Circuit", tagline="Fast, legible tools for shipping software.",
        token_format="DTCG 2025.10 + resolver (dark default, light)",
        font_family=str(t.get("font.family.sans")[0]),
        font_files=font_files("font_rhd", {400: "RedHatDisplay-Regular.ttf", 500: "RedHatDisplay-Medium.ttf",
                                           600: "RedHatDisplay-SemiBold.ttf", 700: "RedHatDisplay-Bold.ttf",
                                           900: "RedHatDisplay-Black.ttf"}),
        palette=_palette(t, "color", {"role"}),
        roles=roles,
        role_sources={r: _short(t.alias_of(f"color.role.{r}") if f"color.role.{r}" in t.flat
                                else CIRCUIT_DERIVED[theme["default"]][r] + " (derived)", "color.") for r in ROLE_NAMES},
        extra={"sidebar": roles["surface"], "on-sidebar": roles["text-muted"]},
        type_scale=type_scale,
        spacing=[(k, _px(v)) for k, v in t.group("spacing")],
        radii=[(k, _px(v)) for k, v in t.group("radius")],
        shadows=shadows,
        button_radius=_px(t.get("radius.md")), card_radius=_px(t.get("radius.lg")), input_radius=_px(t.get("radius.md")),
        control_height=32, row_height=40, pad=20, gap=16, nav="sidebar-light",
        light_roles=role_map(light, "light"),
    )


LOADERS: dict[str, Callable[[], Brand]] = {"harbor": load_harbor, "ember": load_ember, "grove": load_grove,
                                           "circuit": load_circuit}


def load_all(keys: list[str] | None = None) -> list[Brand]:
    """The sample brands (all, or those named); SampleError with one line on a broken system."""
    out = []
    for key in keys or list(LOADERS):
        try:
            out.append(LOADERS[key]())
        except SampleError:
            raise
        except (KeyError, ValueError, TypeError, StopIteration, AttributeError) as e:
            raise SampleError(f"{SAMPLES / key}: cannot read the tokens: {type(e).__name__}: {e}") from None
    return out
