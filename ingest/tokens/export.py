"""Export what onbrand understood about a design system as design tokens others can use.

`export_tokens` writes a `DesignSystem` (palette, colour roles, type scale, font families,
spacing, radii, shadows, and each of its modes) in one of three formats:

- ``dtcg``: a Design Tokens Community Group (2025.10) document: ``$value``/``$type`` tokens
  in groups, colours as sRGB colour objects, typography composites that alias the font family
  and weight tokens, shadows, and each colour role as an alias of the palette colour that
  plays it (``role.primary`` → ``{color.teal.700}``). Where each value came from (its file and
  locator) and why a colour plays its role (the reason and the evidence of role inference)
  sit in ``$extensions["com.onbrand"]``. A system with modes is written as a DTCG resolver
  document with inline sources: one set with what every mode shares and one modifier per
  mode (``theme``: ``light`` / ``dark``) holding what differs; onbrand reads both back.
- ``css``: custom properties in ``:root``, named after the system's tokens
  (``--color-teal-700``) and roles (``--color-primary: var(--color-teal-700)``), each with its
  token path and source in a comment; every other mode is a ``[data-<modifier>="<option>"]``
  block, and an option whose theme lightness differs from the default also answers
  ``prefers-color-scheme`` when the page sets no ``data-<modifier>``.
- ``tailwind``: a ``tailwind.config.js`` module (``module.exports = {theme: {extend: …}}``)
  with ``colors``, ``fontFamily``, ``fontSize``, ``spacing``, ``borderRadius`` and
  ``boxShadow`` of one mode.

Re-ingesting the DTCG export gives the same roles and palette in every mode: each role is a
token named for it in a semantic group, which role inference ranks above any other name.
Names are given once over all modes, so a token keeps its name (and CSS variable) in each.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.colour import hex_to_rgb
from ingest.model import Color, DesignSystem, RoleAssignment, Shadow, Source, TypeStyle

FORMATS: tuple[str, ...] = ("dtcg", "css", "tailwind")
EXTENSION_KEY = "com.onbrand"  # the reverse-domain key of onbrand's $extensions
DTCG_RESOLVER_SCHEMA = "https://www.designtokens.org/schemas/2025.10/resolver.json"

# top-level groups for the role tokens, first free one wins; each is a group name that role
# inference reads as semantic, so the role token outranks any palette colour's own name
_ROLE_GROUPS = ("role", "roles", "semantic", "sys", "ui", "onbrand.role")
_COLOR_WORDS = {"color", "colour", "colors", "colours", "palette"}
_WEIGHT_NAMES = {100: "thin", 200: "extra-light", 300: "light", 400: "regular", 500: "medium",
                 600: "semi-bold", 700: "bold", 800: "extra-bold", 900: "black", 950: "extra-black"}


class ExportError(ValueError):
    """The design systems given cannot be exported (one line, for the user)."""


@dataclass
class TokenExport:
    """One export: the file's text and what it holds."""

    format: str
    text: str
    modes: list[dict[str, str]]  # the modes written, the default first
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what the format could not hold


def mode_variants(ds: DesignSystem) -> list[dict[str, str]]:
    """The modes besides `ds`'s own to load for a full export: each other option of each
    modifier, the other modifiers at their default (``[{"theme": "dark"}]``)."""
    out = []
    for modifier, options in ds.modes.items():
        current = ds.mode.get(modifier, options[0] if options else None)
        out += [{modifier: o} for o in options if o != current]
    return out


# -- naming ------------------------------------------------------------------------------


def _segment(s: str) -> str:
    """A DTCG name: no braces or dots, not starting with "$"."""
    s = re.sub(r"[{}.]", "-", str(s)).strip().lstrip("$").strip()
    return s or "_"


def _slug(s: str) -> str:
    s = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", str(s))
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-") or "x"


def _is_token(c: Color) -> bool:
    return c.source.locator == c.name


def _color_path(c: Color) -> tuple[str, ...]:
    segs = tuple(_segment(s) for s in c.name.split("."))
    if _is_token(c) or segs[0].lower() in _COLOR_WORDS:
        return segs
    return ("color",) + segs  # a colour named in a guide ("harbor-teal") goes into a colour group


@dataclass
class _Names:
    """Token paths and CSS variable names, given once over every mode exported."""

    paths: dict[tuple, tuple[str, ...]] = field(default_factory=dict)
    role_group: tuple[str, ...] = ("role",)
    _taken: set[tuple[str, ...]] = field(default_factory=set)
    css: dict[str, str] = field(default_factory=dict)  # "<kind>:<path>" -> variable name
    _css_taken: set[str] = field(default_factory=set)

    def claim(self, key: tuple, path: tuple[str, ...]) -> tuple[str, ...]:
        if key in self.paths:
            return self.paths[key]
        p, n = path, 2
        while p in self._taken:
            p = path[:-1] + (f"{path[-1]}-{n}",)
            n += 1
        self._taken.add(p)
        self.paths[key] = p
        return p

    def var(self, key: str, wanted: str) -> str:
        if key in self.css:
            return self.css[key]
        v, n = wanted, 2
        while v in self._css_taken:
            v, n = f"{wanted}-{n}", n + 1
        self._css_taken.add(v)
        self.css[key] = v
        return v


def _keys(items: Iterable[Any], kind: str, name_of) -> list[tuple[tuple, Any]]:
    """(key, item) with keys unique within one system: a name given twice gets its count."""
    seen: dict[str, int] = {}
    out = []
    for it in items:
        name = name_of(it)
        seen[name] = seen.get(name, 0) + 1
        out.append(((kind, name, seen[name]), it))
    return out


def _names(systems: Sequence[DesignSystem]) -> _Names:
    names = _Names()
    palette_paths = {_color_path(c) for ds in systems for c in ds.colors}
    for g in _ROLE_GROUPS:
        group = tuple(g.split("."))
        if not any(p[:len(group)] == group for p in palette_paths):
            names.role_group = group
            break
    for ds in systems:
        for key, r in _keys(ds.roles, "role", lambda r: r.role):
            names.claim(key, names.role_group + (_segment(r.role),))
    for ds in systems:
        for key, c in _keys(ds.colors, "color", lambda c: c.name):
            names.claim(key, _color_path(c))
        for t in ds.type_scale:
            names.claim(("family", t.family, 1), ("font", "family", _slug(t.family)))
            names.claim(("weight", t.weight, 1), ("font", "weight", _WEIGHT_NAMES.get(t.weight, str(t.weight))))
        for key, t in _keys(ds.type_scale, "type", lambda t: t.name):
            names.claim(key, ("typography", _segment(t.name)))
        for key, d in _keys(ds.spacing, "spacing", lambda d: d.name):
            names.claim(key, ("spacing", _segment(d.name)))
        for key, d in _keys(ds.radii, "radius", lambda d: d.name):
            names.claim(key, ("radius", _segment(d.name)))
        for key, s in _keys(ds.shadows, "shadow", lambda s: s.name):
            names.claim(key, ("shadow", _segment(s.name)))
    # CSS variables: the roles first (they are the names a stylesheet uses), then the rest
    for key, p in names.paths.items():
        if key[0] == "role":
            names.var("role:" + ".".join(p), "color-" + _slug(key[1]))
    for key, p in names.paths.items():
        dotted = ".".join(p)
        if key[0] == "color":
            first = _slug(p[0])
            names.var("color:" + dotted, _slug("-".join(p)) if first in ("color", "colour") else "color-" + _slug("-".join(p)))
        elif key[0] == "family":
            names.var("family:" + dotted, "font-family-" + _slug(p[-1]))
        elif key[0] in ("type", "spacing", "radius", "shadow"):
            stem = {"type": "font", "spacing": "spacing", "radius": "radius", "shadow": "shadow"}[key[0]]
            names.var(key[0] + ":" + dotted, f"{stem}-{_slug(p[-1])}")
            if key[0] == "type":
                for part in ("font-size", "line-height", "font-weight", "letter-spacing"):
                    names.var(f"type-{part}:" + dotted, f"{part}-{_slug(p[-1])}")
    return names


# -- one mode as flat tokens -----------------------------------------------------------


def _num(x: float) -> int | float:
    x = float(x)
    return int(x) if x.is_integer() else round(x, 4)


def _dim(px: float) -> dict:
    return {"value": _num(px), "unit": "px"}


def _colour_value(hex_: str, alpha: float = 1.0) -> dict:
    v: dict[str, Any] = {"colorSpace": "srgb", "components": [round(c / 255, 6) for c in hex_to_rgb(hex_)]}
    if alpha < 0.9995:
        v["alpha"] = alpha
    v["hex"] = hex_
    return v


def _source(src: Source | None) -> dict:
    return {"file": src.file, "locator": src.locator} if src else {}


def _ext(**values: Any) -> dict:
    return {"$extensions": {EXTENSION_KEY: {k: v for k, v in values.items() if v not in (None, "", [], {})}}}


@dataclass
class _Tok:
    """One token of one mode: its DTCG node and what the CSS and Tailwind writers need."""

    kind: str  # "color", "role", "family", "weight", "type", "spacing", "radius", "shadow"
    path: tuple[str, ...]
    node: dict
    item: Any = None
    ref: tuple[str, ...] | None = None  # a role's palette colour

    @property
    def dotted(self) -> str:
        return ".".join(self.path)


def _flat(ds: DesignSystem, names: _Names) -> dict[tuple[str, ...], _Tok]:
    out: dict[tuple[str, ...], _Tok] = {}
    colour_path: dict[str, tuple[str, ...]] = {}
    for key, c in _keys(ds.colors, "color", lambda c: c.name):
        p = names.paths[key]
        colour_path.setdefault(c.name, p)
        node = {"$type": "color", "$value": _colour_value(c.hex, c.alpha)}
        if c.description:
            node["$description"] = c.description
        node.update(_ext(source=_source(c.source)))
        out[p] = _Tok("color", p, node, c)
    by_path = {t.path: t.item for t in out.values()}
    for key, r in _keys(ds.roles, "role", lambda r: r.role):
        p = names.paths[key]
        target = colour_path.get(r.color)
        ok = target is not None and target != p and by_path[target].hex == r.hex and by_path[target].alpha >= 0.9995
        src = by_path[target].source if ok else None
        node = {"$type": "color", "$value": "{" + ".".join(target) + "}" if ok else _colour_value(r.hex)}
        node.update(_ext(role=r.role, color=r.color, reason=r.reason, source=_source(src),
                         evidence=[_evidence(e) for e in r.evidence]))
        out[p] = _Tok("role", p, node, r, ref=target if ok else None)
    for t in ds.type_scale:
        fam = names.paths[("family", t.family, 1)]
        if fam not in out:
            out[fam] = _Tok("family", fam, {"$type": "fontFamily", "$value": t.family,
                                            **_ext(source=_source(t.source), faces=_faces(ds, t.family))}, t.family)
        wp = names.paths[("weight", t.weight, 1)]
        out.setdefault(wp, _Tok("weight", wp, {"$type": "fontWeight", "$value": t.weight}, t.weight))
    for key, t in _keys(ds.type_scale, "type", lambda t: t.name):
        p = names.paths[key]
        ratio = t.line_height / t.size
        value = {
            "fontFamily": "{" + ".".join(names.paths[("family", t.family, 1)]) + "}",
            "fontSize": _dim(t.size),
            "fontWeight": "{" + ".".join(names.paths[("weight", t.weight, 1)]) + "}",
            # a multiplier, as DTCG 2025.10 writes it; one of 4 or more would read as pixels
            "lineHeight": ratio if ratio < 3.99 else _dim(t.line_height),
            "letterSpacing": _dim(t.letter_spacing),
        }
        out[p] = _Tok("type", p, {"$type": "typography", "$value": value,
                                  **_ext(source=_source(t.source), lineHeightPx=_num(t.line_height))}, t)
    for kind, dims in (("spacing", ds.spacing), ("radius", ds.radii)):
        for key, d in _keys(dims, kind, lambda d: d.name):
            p = names.paths[key]
            out[p] = _Tok(kind, p, {"$type": "dimension", "$value": _dim(d.px), **_ext(source=_source(d.source))}, d)
    for key, s in _keys(ds.shadows, "shadow", lambda s: s.name):
        p = names.paths[key]
        value = {"color": _colour_value(s.color, s.alpha), "offsetX": _dim(s.offset_x), "offsetY": _dim(s.offset_y),
                 "blur": _dim(s.blur), "spread": _dim(s.spread)}
        out[p] = _Tok("shadow", p, {"$type": "shadow", "$value": value, **_ext(source=_source(s.source))}, s)
    return out


def _faces(ds: DesignSystem, family: str) -> list[dict]:
    """How onbrand found the family's font files: origin (folder, package, system, fallback),
    and the file when it is one of the folder's own."""
    out = []
    for f in ds.fonts:
        if f.family.casefold() != family.casefold():
            continue
        face: dict[str, Any] = {"weight": f.weight, "origin": f.origin}
        if f.origin == "folder":
            try:
                face["file"] = Path(f.path).resolve().relative_to(Path(ds.root).resolve()).as_posix()
            except ValueError:
                pass
        if f.warning:
            face["warning"] = f.warning
        out.append(face)
    return out


def _evidence(e) -> dict:
    d: dict[str, Any] = {"kind": e.kind, "weight": e.weight}
    if e.text:
        d["text"] = e.text
    if e.source:
        d["source"] = _source(e.source)
    return d


def _tree(toks: Iterable[_Tok]) -> dict:
    """Nested DTCG groups; a token whose path is also a group becomes that group's ``$root``."""
    root: dict = {}
    for t in toks:
        node = root
        for seg in t.path[:-1]:
            child = node.get(seg)
            if child is None:
                child = node[seg] = {}
            elif "$value" in child:  # a token here already: it becomes the group's $root
                child = node[seg] = {"$root": child}
            node = child
        last = t.path[-1]
        if last in node and "$value" not in node[last]:
            node[last]["$root"] = t.node
        else:
            node[last] = t.node
    return root


def _meta(ds: DesignSystem) -> dict:
    return {"system": ds.name, "mode": dict(ds.mode), "theme": ds.theme,
            "rules": [r.model_dump(mode="json") for r in ds.rules]}


# -- formats ----------------------------------------------------------------------------


def _split_modes(systems: Sequence[DesignSystem]) -> tuple[DesignSystem, list[tuple[str, str, DesignSystem]]]:
    base = systems[0]
    variants = []
    for ds in systems[1:]:
        diff = [(k, v) for k, v in ds.mode.items() if base.mode.get(k) != v]
        if len(diff) != 1:
            raise ExportError(f"mode {ds.mode} of {ds.name} must differ from the first mode {base.mode} "
                              "in exactly one modifier")
        variants.append((diff[0][0], diff[0][1], ds))
    return base, variants


def _dtcg(systems: Sequence[DesignSystem], names: _Names) -> tuple[dict, int, list[str]]:
    base, variants = _split_modes(systems)
    flat0 = _flat(base, names)
    desc = f"Design tokens of {base.name} as onbrand read them from its folder"
    if not variants:
        doc = {"$description": desc, **_ext(**_meta(base)), **_tree(flat0.values())}
        return doc, len(flat0), []
    flats = {(m, o): _flat(ds, names) for m, o, ds in variants}
    modifiers = list(dict.fromkeys(m for m, _, _ in variants))
    # the paths a modifier decides: those one of its options sets differently from the default
    decided: dict[str, list[tuple[str, ...]]] = {}
    for m in modifiers:
        paths: dict[tuple[str, ...], None] = {}
        for (mm, _o), flat in flats.items():
            if mm != m:
                continue
            for p in list(flat0) + list(flat):
                if p not in paths and (p not in flat or p not in flat0 or flat[p].node != flat0[p].node):
                    paths[p] = None
        decided[m] = list(paths)
    owned = {p for ps in decided.values() for p in ps}
    shared = [t for p, t in flat0.items() if p not in owned]
    doc: dict[str, Any] = {
        "$schema": DTCG_RESOLVER_SCHEMA, "name": base.name, "version": "2025.10",
        "description": desc + "; one set of what every mode shares, one modifier per mode",
        "sets": {"shared": {"description": "Tokens every mode shares.", "sources": [_tree(shared)]}},
        "modifiers": {}, "resolutionOrder": [{"$ref": "#/sets/shared"}],
        **_ext(**{**_meta(base), "mode": dict(base.mode)}),
    }
    count = len(shared)
    notes = []
    for m in modifiers:
        default = base.mode[m]
        contexts = {default: [_tree(flat0[p] for p in decided[m] if p in flat0)]}
        count += sum(1 for p in decided[m] if p in flat0)
        for (mm, o), flat in flats.items():
            if mm == m:
                contexts[o] = [_tree(flat[p] for p in decided[m] if p in flat)]
                count += sum(1 for p in decided[m] if p in flat)
        doc["modifiers"][m] = {"description": f"{m}: {' | '.join(contexts)}; the default is {default}.",
                               "contexts": contexts, "default": default}
        doc["resolutionOrder"].append({"$ref": f"#/modifiers/{m}"})
    both = [p for p in owned if sum(p in ps for ps in decided.values()) > 1]
    if both:
        notes.append(f"{len(both)} token(s) change with more than one modifier; a mode that combines non-default "
                     "options of several modifiers takes the later modifier's value")
    return doc, count, notes


def _comment(text: str) -> str:
    return "/* " + " ".join(str(text).replace("*/", "* /").split()) + " */"


def _css_colour(hex_: str, alpha: float = 1.0) -> str:
    return hex_ if alpha >= 0.9995 else f"{hex_}{round(alpha * 255):02x}"


_CSS_GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "ui-serif", "ui-sans-serif",
                "ui-monospace", "ui-rounded", "math", "emoji", "fangsong"}


def _family_css(family: str) -> str:
    low = family.lower()
    if low in _CSS_GENERIC:
        return low
    generic = "monospace" if any(w in low for w in ("mono", "code", "courier", "consolas")) else (
        "serif" if "serif" in low and "sans" not in low else "sans-serif")
    return json.dumps(family) + ", " + generic


def _shadow_css(s: Shadow) -> str:
    return (f"{_num(s.offset_x)}px {_num(s.offset_y)}px {_num(s.blur)}px {_num(s.spread)}px "
            f"{_css_colour(s.color, s.alpha)}")


def _css_decls(flat: dict[tuple[str, ...], _Tok], names: _Names) -> dict[str, tuple[str, str, str]]:
    """variable -> (value, resolved value, comment) for one mode."""
    out: dict[str, tuple[str, str, str]] = {}
    colour_var: dict[tuple[str, ...], str] = {}
    for t in flat.values():
        d = t.dotted
        if t.kind == "color":
            c: Color = t.item
            v = names.css["color:" + d]
            colour_var[t.path] = v
            out[v] = (_css_colour(c.hex, c.alpha),) * 2 + (f"{d} · {c.source.file}",)
        elif t.kind == "family":
            v = names.css["family:" + d]
            out[v] = (_family_css(t.item),) * 2 + (f"{d}",)
    for t in flat.values():
        if t.kind != "role":
            continue
        r: RoleAssignment = t.item
        v = names.css["role:" + t.dotted]
        note = f"role {r.role}: {r.color} ({r.reason})"
        if t.ref is not None and colour_var.get(t.ref) != v:
            out[v] = (f"var(--{colour_var[t.ref]})", r.hex, note)
        else:
            out[v] = (r.hex, r.hex, note)
    for t in flat.values():
        d = t.dotted
        if t.kind == "type":
            s: TypeStyle = t.item
            fam = names.css["family:" + ".".join(names.paths[("family", s.family, 1)])]
            where = f"{d} · {s.source.file}" + (f" {s.source.locator}" if s.source.locator != d else "")
            font = f"{s.weight} {_num(s.size)}px/{_num(s.line_height)}px var(--{fam})"
            out[names.css["type:" + d]] = (font, font, where)
            for part, value in (("font-size", f"{_num(s.size)}px"), ("line-height", f"{_num(s.line_height)}px"),
                                ("font-weight", str(s.weight)), ("letter-spacing", f"{_num(s.letter_spacing)}px")):
                out[names.css[f"type-{part}:" + d]] = (value, value, "")
        elif t.kind in ("spacing", "radius"):
            value = f"{_num(t.item.px)}px"
            out[names.css[t.kind + ":" + d]] = (value, value, f"{d} · {t.item.source.file}")
        elif t.kind == "shadow":
            value = _shadow_css(t.item)
            out[names.css["shadow:" + d]] = (value, value, f"{d} · {t.item.source.file}")
    return out


def _css_block(selector: str, decls: dict[str, tuple[str, str, str]], indent: str = "") -> list[str]:
    lines = [f"{indent}{selector} {{"]
    for var, (value, _resolved, note) in decls.items():
        lines.append(f"{indent}  --{var}: {value};" + (f" {_comment(note)}" if note else ""))
    lines.append(f"{indent}}}")
    return lines


def _css(systems: Sequence[DesignSystem], names: _Names) -> tuple[str, int, list[str]]:
    base, variants = _split_modes(systems)
    d0 = _css_decls(_flat(base, names), names)
    mode_text = ", ".join(f"{k}={v}" for k, v in base.mode.items()) or "none"
    lines = [_comment(f"Design tokens of {base.name}, exported by onbrand. Mode: {mode_text} "
                      f"(theme lightness {base.theme})."), ""]
    lines += _css_block(":root", d0)
    count = len(d0)
    for m, o, ds in variants:
        d = _css_decls(_flat(ds, names), names)
        # what differs; a role is declared again when its colour changes, so that the var()
        # it holds is resolved with this mode's palette wherever the attribute is set
        diff = {k: v for k, v in d.items() if k not in d0 or d0[k][:2] != v[:2]}
        if not diff:
            continue
        count += len(diff)
        attr = f"data-{_slug(m)}"
        lines += ["", _comment(f"mode {m}={o} (theme lightness {ds.theme}): what differs from {mode_text}")]
        lines += _css_block(f'[{attr}="{_css_attr(o)}"]', diff)
        if ds.theme != base.theme:
            lines += ["", f"@media (prefers-color-scheme: {ds.theme}) {{"]
            lines += _css_block(f":root:not([{attr}])", diff, indent="  ")
            lines.append("}")
    return "\n".join(lines) + "\n", count, []


def _css_attr(option: str) -> str:
    return str(option).replace("\\", "\\\\").replace('"', '\\"')


# tailwind

def _insert(tree: dict, keys: list[str], value: Any) -> None:
    """Set a nested colour key; a name that is both a colour and a group keeps the colour as DEFAULT."""
    node = tree
    for k in keys[:-1]:
        child = node.get(k)
        if isinstance(child, str):
            child = node[k] = {"DEFAULT": child}
        elif child is None:
            child = node[k] = {}
        node = child
    last = keys[-1]
    if isinstance(node.get(last), dict):
        node[last].setdefault("DEFAULT", value)
    elif last in node and node[last] != value:
        n = 2
        while f"{last}-{n}" in node:
            n += 1
        node[f"{last}-{n}"] = value
    else:
        node[last] = value


def _tailwind(systems: Sequence[DesignSystem], names: _Names) -> tuple[str, int, list[str]]:
    ds = systems[0]
    flat = _flat(ds, names)
    colors: dict[str, Any] = {}
    comments: dict[str, str] = {}
    for t in flat.values():
        if t.kind == "role":
            r: RoleAssignment = t.item
            _insert(colors, [r.role], r.hex)
            comments[r.role] = f"role {r.role}: {r.color} ({r.reason})"
    for t in flat.values():
        if t.kind == "color":
            keys = list(t.path[1:] if t.path[0].lower() in _COLOR_WORDS and len(t.path) > 1 else t.path)
            _insert(colors, keys, _css_colour(t.item.hex, t.item.alpha))
    families = {}
    for t in flat.values():
        if t.kind == "family":
            families[t.path[-1]] = list(dict.fromkeys([t.item, _family_css(t.item).rsplit(", ", 1)[-1]]))
    extend = {
        "colors": colors,
        "fontFamily": families,
        "fontSize": {t.path[-1]: [f"{_num(t.item.size)}px", {"lineHeight": f"{_num(t.item.line_height)}px",
                                                              "letterSpacing": f"{_num(t.item.letter_spacing)}px",
                                                              "fontWeight": str(t.item.weight)}]
                     for t in flat.values() if t.kind == "type"},
        "spacing": {t.path[-1]: f"{_num(t.item.px)}px" for t in flat.values() if t.kind == "spacing"},
        "borderRadius": {t.path[-1]: f"{_num(t.item.px)}px" for t in flat.values() if t.kind == "radius"},
        "boxShadow": {t.path[-1]: _shadow_css(t.item) for t in flat.values() if t.kind == "shadow"},
    }
    mode_text = ", ".join(f"{k}={v}" for k, v in ds.mode.items())
    head = [f"// Tailwind theme of {ds.name}, exported by onbrand from what it read in the design-system folder."]
    notes = []
    if ds.modes:
        others = [f"{m}={o}" for v in mode_variants(ds) for m, o in v.items()]
        head.append(f"// Mode {mode_text} (theme lightness {ds.theme}).")
        if others:
            note = (f"a Tailwind config holds one mode ({mode_text}); export the others with --mode "
                    f"({', '.join(others)}), or use the css export, which holds every mode")
            notes.append(note)
            head.append("// Other modes: " + ", ".join(others) + " (export them with --mode, or use the css format).")
    body = "{\n" + "".join(f"      {k}: {_js(x, '      ', comments if k == 'colors' else None)},\n"
                            for k, x in extend.items()) + "    }"
    text = "\n".join(head) + "\n/** @type {import('tailwindcss').Config} */\nmodule.exports = {\n  theme: {\n    extend: " \
        + body + ",\n  },\n};\n"
    count = sum(_leaves(v) for v in extend.values())
    return text, count, notes


def _leaves(v: Any) -> int:
    if isinstance(v, dict):
        return sum(_leaves(x) for x in v.values())
    return 1


_JS_IDENT = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")


def _js(v: Any, indent: str, comments: dict[str, str] | None = None) -> str:
    """A JavaScript literal (JSON values, bare keys where they are identifiers), with a comment
    line before each key of this level that has one in `comments` (the colour roles)."""
    if not isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    if not v:
        return "{}"
    inner = indent + "  "
    lines = ["{"]
    for k, x in v.items():
        if comments and k in comments:
            lines.append(f"{inner}// {' '.join(comments[k].split())}")
        key = k if _JS_IDENT.match(k) else json.dumps(k, ensure_ascii=False)
        lines.append(f"{inner}{key}: {_js(x, inner)},")
    lines.append(indent + "}")
    return "\n".join(lines)


def export_tokens(systems: DesignSystem | Sequence[DesignSystem], fmt: str) -> TokenExport:
    """Export a design system in `fmt` ("dtcg", "css" or "tailwind").

    `systems` is one `DesignSystem`, or the same system in several modes: its default (or
    chosen) mode first, then others that each change one modifier (as `mode_variants` lists
    them). DTCG and CSS hold every mode given; Tailwind holds the first."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown token format {fmt!r}; choose one of {', '.join(FORMATS)}")
    systems = [systems] if isinstance(systems, DesignSystem) else list(systems)
    if not systems:
        raise ExportError("no design system to export")
    if fmt == "tailwind":
        systems = systems[:1]
    names = _names(systems)
    base = systems[0]
    if fmt == "dtcg":
        doc, count, notes = _dtcg(systems, names)
        text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    elif fmt == "css":
        text, count, notes = _css(systems, names)
    else:
        text, count, notes = _tailwind(systems, names)
    counts = {
        "colors": len(base.colors), "roles": len(base.roles), "type_styles": len(base.type_scale),
        "font_families": len({t.family for t in base.type_scale}), "spacing": len(base.spacing),
        "radii": len(base.radii), "shadows": len(base.shadows),
        {"dtcg": "tokens", "css": "variables", "tailwind": "values"}[fmt]: count,
    }
    return TokenExport(format=fmt, text=text, modes=[dict(ds.mode) for ds in systems], counts=counts, notes=notes)


def check_round_trip(systems: DesignSystem | Sequence[DesignSystem], text: str) -> list[dict]:
    """Read a DTCG export back as onbrand would and list each role or palette colour that
    comes back different, per mode: ``{"mode", "what", "exported", "read_back"}``; empty when
    the export reads back as it was written.

    A difference comes from role inference itself, not from the export: a role that only won
    because of the order roles were decided in (say body text that fails 4.5:1 on a background
    that was derived after it) is checked against that background when it is read back."""
    import tempfile

    from ingest.folder import IngestError, assemble, read_folder

    systems = [systems] if isinstance(systems, DesignSystem) else list(systems)
    out: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="onbrand-export-") as tmp:
        (Path(tmp) / "tokens.json").write_text(text, encoding="utf-8")
        read = read_folder(tmp)
        for ds in systems:
            try:
                back, _ = assemble(read, ds.mode or None)
            except IngestError as e:
                out.append({"mode": dict(ds.mode), "what": "read", "exported": "", "read_back": str(e)})
                continue
            a, b = ds.role_map(), back.role_map()
            for role in dict.fromkeys([*a, *b]):
                if a.get(role) != b.get(role):
                    out.append({"mode": dict(ds.mode), "what": f"role {role}", "exported": a.get(role, ""),
                                "read_back": b.get(role, "")})
            pa, pb = set(ds.palette_hexes()), set(back.palette_hexes())
            for h in sorted(pa ^ pb):
                out.append({"mode": dict(ds.mode), "what": "palette colour", "exported": h if h in pa else "",
                            "read_back": h if h in pb else ""})
    return out
