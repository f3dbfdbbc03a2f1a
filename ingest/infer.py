"""Design values for a folder without token files, inferred from what its other files show.

A brand guide (PDF or Markdown) that writes "Primary  Harbor Teal  HEX #0E5E71", a logo in the
brand colours and a few screenshots are enough for a palette with names that
`ingest.roles.infer_roles` understands, a type scale, the brand's font families, and any
spacing or radius values the text states. Every value keeps the `Source` it came from.

Importance of a colour (the palette's order) adds up over every file that shows it:
a colour written in a guide's text counts most, then a named swatch, the logo's colours, then
fills and screenshot clusters by the share of the file they cover. Colours within ΔE2000 ≤ 2
of a more important one merge into it.

A guide that labels its swatches (``pdf-swatch`` colours) has said what its palette is: each
label is a colour of its own, named as the guide names it ("primary", "text-muted",
"teal-700"), in the guide's order, and other colours (logo, fills, screenshots) merge into them
or follow, at most `MAX_EXTRA_COLORS` of them. Swatches on a dark-theme page that repeat the
labels of a light page are another mode and are left out. A spacing or radius scale the guide
lays out as a list wins over values found in prose.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ingest.colour import ciede2000, composite, parse_hex, rgb_to_lab, to_hex
from ingest.model import CORE_ROLES, Color, Dimension, FileExtract, FoundColor, RoleEvidence, Source, TypeStyle
from ingest.readers_common import ROLE_WORDS, is_generic_family, is_token_label, role_word

MERGE_DELTA_E = 2.0
MAX_COLORS = 24
MIN_CLUSTER_SHARE = 0.02  # raster clusters and unnamed fills below this share are noise
MAX_EXTRA_COLORS = 8  # colours beyond a guide's labelled swatches (logo, fills, screenshots)
_TEXT_HOWS = ("pdf-swatch", "pdf-specimen-text", "pdf-text", "doc-text")
_CARD_HOWS = ("pdf-swatch", "pdf-specimen-text")  # colours a guide names by label, one per label
_ALIAS_NAME = re.compile(r"^(.*?)\s*\(([A-Za-z][\w-]*(?:\.[\w-]+)+)\)$")  # "primary (teal.700)"

_HOW_WEIGHT = {"pdf-swatch": 3.0, "pdf-specimen-text": 2.0, "pdf-text": 3.0, "doc-text": 3.0, "pdf-fill": 1.0,
               "svg-fill": 1.0, "svg-stroke": 0.8, "svg-gradient": 0.6, "raster-cluster": 0.6}
_ROLE_BONUS = {"primary": 3.0, "secondary": 2.0, "accent": 1.5}
_TYPE_ORDER = ("display", "h1", "h2", "h3", "h4", "h5", "h6", "title", "body", "label", "caption")


@dataclass
class InferredValues:
    """What a folder's non-token files say about its design: the inputs a `DesignSystem` needs."""

    colors: list[Color] = field(default_factory=list)  # named, most important first
    type_scale: list[TypeStyle] = field(default_factory=list)  # largest first
    families: list[str] = field(default_factory=list)  # most used first
    spacing: list[Dimension] = field(default_factory=list)
    radii: list[Dimension] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Candidate:
    found: FoundColor
    score: float
    lab: tuple[float, float, float]
    names: list[str] = field(default_factory=list)


def infer_design_values(extracts: dict[str, FileExtract]) -> InferredValues:
    """Palette, type scale, families, spacing and radii from reader extracts keyed by file."""
    out = InferredValues()
    out.colors = _palette(extracts)
    if not out.colors:
        out.warnings.append("no colour found in the folder's PDFs, SVGs, images or docs")
    else:
        _add_missing_neutrals(out)
    out.families = _families(extracts)
    out.type_scale = _type_scale(extracts, out.families)
    out.spacing, out.radii = _dimensions(extracts)
    return out


# -- colours --------------------------------------------------------------------------------


def _importance(fc: FoundColor, asset_kind: str | None) -> float:
    w = _HOW_WEIGHT.get(fc.how, 1.0)
    if fc.how.startswith("svg-"):
        w *= {"logo": 2.5, "screen": 1.0, "illustration": 0.6, "icon": 0.3}.get(asset_kind or "", 0.6)
    named = bool(fc.name)
    score = w * (1.0 if fc.how in _TEXT_HOWS else 0.5 + 4.0 * fc.share) + (1.5 if named else 0.0)
    label = _split_alias(fc.name)[0]
    role = role_word(label) if named else None
    if is_token_label(label) and role != label:
        role = None  # "on-primary" or "primary-hover" is not the brand's primary colour
    return score + _ROLE_BONUS.get(role or "", 0.0)


def _split_alias(name: str) -> tuple[str, str]:
    """("primary", "teal.700") from a swatch label "primary (teal.700)"; (name, "") otherwise."""
    m = _ALIAS_NAME.match(name)
    return (m.group(1), m.group(2)) if m else (name, "")


def _dark_pages(extracts: dict[str, FileExtract]) -> set[tuple[str, str]]:
    """(file, "page N") of dark-theme pages that repeat swatch labels of the same file's light
    pages ("primary" again, in its dark value): their colours belong to another mode than the
    light one inferred here. A dark page with labels of its own (or none) is kept."""
    out: set[tuple[str, str]] = set()
    for rel, ex in extracts.items():
        dark = {c.source.locator.split(",")[0] for c in ex.chunks
                if c.kind == "pdf-page" and c.meta.get("theme") == "dark"}
        if not dark:
            continue
        labels: dict[str, set[str]] = {}
        for fc in ex.colors:
            if fc.how in _CARD_HOWS:
                labels.setdefault(fc.source.locator, set()).add(_split_alias(fc.name)[0])
        light = set().union(*(v for k, v in labels.items() if k not in dark))
        out |= {(rel, page) for page in dark if labels.get(page, set()) & light}
    return out


def _palette(extracts: dict[str, FileExtract]) -> list[Color]:
    dark = _dark_pages(extracts)
    cands: list[_Candidate] = []
    for rel, ex in extracts.items():
        kind = ex.asset.kind if ex.asset else None
        for fc in ex.colors:
            if (rel, fc.source.locator) in dark:
                continue
            if fc.how in ("raster-cluster", "pdf-fill", "svg-fill") and not fc.name and fc.share < MIN_CLUSTER_SHARE:
                continue
            rgb, _ = parse_hex(fc.hex)
            cands.append(_Candidate(found=fc, score=_importance(fc, kind), lab=rgb_to_lab(rgb)))
    # A labelled swatch is a colour of its own, even when another label shows the same value
    # (surface and on-primary are both white); the same label twice is one colour.
    cards: dict[str, _Candidate] = {}
    for c in sorted(cands, key=lambda c: _CARD_HOWS.index(c.found.how) if c.found.how in _CARD_HOWS else 9):
        if c.found.how not in _CARD_HOWS:
            continue
        label = _split_alias(c.found.name)[0]
        if label in cards:
            cards[label].score += c.score
        else:
            c.names = [c.found.name]
            cards[label] = c
    # The representative of merged colours is the most authoritative: a value written in a guide,
    # then a named swatch, then the most prominent; the palette order is by summed importance.
    rest = sorted((c for c in cands if c.found.how not in _CARD_HOWS), key=lambda c: (-_authority(c.found), -c.score))
    kept: list[_Candidate] = list(cards.values())
    # kept colours by CIELAB cell of side 20, so that a colour is compared only with the kept
    # colours near it: the merge costs time linear in the number of colours, not quadratic
    grid: dict[tuple[int, int, int], list[int]] = {}
    for i, k in enumerate(kept):
        grid.setdefault(_cell(k.lab), []).append(i)
    for c in rest:
        # ΔE76 > 20 rules out ΔE2000 ≤ 2 cheaply (S_C ≤ 7 for any sRGB chroma)
        cx, cy, cz = _cell(c.lab)
        near = sorted(i for dx in (-1, 0, 1) for dy in (-1, 0, 1) for dz in (-1, 0, 1)
                      for i in grid.get((cx + dx, cy + dy, cz + dz), ()))
        twin = next((kept[i] for i in near if math.dist(kept[i].lab, c.lab) <= 20
                     and ciede2000(kept[i].lab, c.lab) <= MERGE_DELTA_E), None)
        if twin is None:
            c.names = [c.found.name] if c.found.name else []
            grid.setdefault((cx, cy, cz), []).append(len(kept))
            kept.append(c)
        else:
            twin.score += c.score
            if c.found.name and c.found.name not in twin.names:
                twin.names.append(c.found.name)
    labelled = kept[:len(cards)]
    extra = sorted(kept[len(cards):], key=lambda c: -c.score)[:MAX_EXTRA_COLORS if cards else MAX_COLORS]
    if not cards:
        return _name_colours(extra)
    # a guide that labels its swatches gives its palette in its own order; other colours follow
    return _name_colours(labelled + extra)


def _cell(lab: tuple[float, float, float]) -> tuple[int, int, int]:
    return (math.floor(lab[0] / 20), math.floor(lab[1] / 20), math.floor(lab[2] / 20))


def _authority(fc: FoundColor) -> int:
    return 3 if fc.how in _CARD_HOWS else 2 if fc.how in ("pdf-text", "doc-text") else 1 if fc.name else 0


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _name_colours(kept: list[_Candidate]) -> list[Color]:
    """Colour names `infer_roles` can read: the role word a guide wrote ("primary") for the most
    important colour given it, else the label ("harbor-teal"), else a neutral name."""
    # labels written like token names ("primary", "text-muted") are the colours' names as they stand
    token_labels = {id(c): _split_alias(c.found.name) for c in kept
                    if c.found.how in _CARD_HOWS and is_token_label(_split_alias(c.found.name)[0])}
    used: set[str] = {label for label, _ in token_labels.values()}
    colors: list[Color] = []
    for i, c in enumerate(kept):
        if id(c) in token_labels:
            label, alias = token_labels[id(c)]
            if c.found.how == "pdf-specimen-text":
                desc = f"text colour on the {label.removeprefix('on-')!r} specimen"
            else:
                desc = f"label {label!r}" + (f" (alias of {alias})" if alias else "")
            others = [n for n in c.names[1:] if n]
            if others:
                desc += "; also " + "; ".join(others[:4])
            colors.append(Color(name=label, hex=c.found.hex, lab=c.lab, description=desc,
                                source=Source(file=c.found.source.file, locator=c.found.source.locator)))
            continue
        label = next((n for n in c.names if n), "")
        role = next((r for r in (role_word(n) for n in c.names) if r), None)
        base = re.sub(r"\s*\(.*\)\s*$", "", label).strip()
        card = c.found.how in _CARD_HOWS
        if card and _slug(base) in CORE_ROLES:  # a swatch labelled "Text Muted" or "On Primary"
            name = _slug(base)
        elif role and (card or not token_labels) and role not in used and role in ROLE_WORDS.values():
            name = role
        else:
            name = _slug(base) or f"color-{i + 1}"
        if token_labels and not card and (name in ROLE_WORDS or name in ROLE_WORDS.values()):
            # the guide labels its role swatches; a stray value under a role heading plays none
            name = f"unlabelled-{c.found.hex.lstrip('#')}"
        while name in used:
            name = f"{name}-{i + 1}"
        used.add(name)
        desc = "; ".join(c.names) or f"seen as {c.found.how}"
        colors.append(Color(name=name, hex=c.found.hex, lab=c.lab, description=desc,
                            source=Source(file=c.found.source.file, locator=c.found.source.locator)))
    return colors


def _add_missing_neutrals(out: InferredValues) -> None:
    """A page needs a light background, dark text, a muted text grey and a border grey; guides
    often show only brand colours on white paper. Add what no found neutral can play, each with
    a warning: white, near-black, then greys mixed from those two (60 % and 15 % ink)."""
    src = Source(file="(onbrand default)", locator="neutral")

    def neutrals() -> list[Color]:
        return [c for c in out.colors if math.hypot(c.lab[1], c.lab[2]) < 12]

    def add(name: str, rgb: tuple[int, int, int], why: str) -> None:
        hex_ = to_hex(rgb)
        out.colors.append(Color(name=name, hex=hex_, lab=rgb_to_lab(rgb), description=f"added by onbrand: {why}",
                                source=src))
        out.warnings.append(f"no {why} found; added {hex_}")

    # a colour the guide labels with the role plays it, whatever its chroma
    labelled = {c.name for c in out.colors if c.description.startswith("label ")}
    if not labelled & {"background", "surface"} and not any(c.lab[0] >= 90 for c in neutrals()):
        add("white", (255, 255, 255), "light neutral colour for backgrounds")
    if "text" not in labelled and not any(c.lab[0] <= 25 for c in neutrals()):
        add("black", (17, 17, 17), "dark neutral colour for text")
    light = max(neutrals() or out.colors, key=lambda c: c.lab[0])
    dark = min(neutrals() or out.colors, key=lambda c: c.lab[0])
    if "text-muted" not in labelled and not any(35 <= c.lab[0] <= 60 for c in neutrals()):
        add("neutral-mid", composite(dark.rgb, 0.6, light.rgb), "mid-grey neutral for muted text")
    if "border" not in labelled and not any(75 <= c.lab[0] <= 93 for c in neutrals()):
        add("neutral-light", composite(dark.rgb, 0.15, light.rgb), "light-grey neutral for borders")


# -- fonts and type -------------------------------------------------------------------------


def _families(extracts: dict[str, FileExtract]) -> list[str]:
    weight = {"pdf": 3.0, "doc": 3.0, "font": 2.0, "svg": 1.0, "raster": 0.0}
    score: dict[str, float] = {}
    first: dict[str, int] = {}
    for ex in extracts.values():
        for i, fam in enumerate(ex.font_families):
            if is_generic_family(fam):
                continue
            score[fam] = score.get(fam, 0.0) + weight.get(ex.kind, 1.0) / (1 + i)
            first.setdefault(fam, len(first))
        for s in ex.type_hints:
            if not is_generic_family(s.family):
                score[s.family] = score.get(s.family, 0.0) + 0.5
                first.setdefault(s.family, len(first))
    return sorted(score, key=lambda f: (-score[f], first[f]))


def _type_scale(extracts: dict[str, FileExtract], families: list[str]) -> list[TypeStyle]:
    best: dict[str, TypeStyle] = {}
    for ex in extracts.values():
        for s in ex.type_hints:
            cur = best.get(s.name)
            stated = ", text " in s.source.locator
            if cur is None or (stated and ", text " not in cur.source.locator):
                best[s.name] = s
    out = []
    for s in best.values():
        if is_generic_family(s.family) and families:
            s = s.model_copy(update={"family": families[0]})
        out.append(s)
    order = {n: i for i, n in enumerate(_TYPE_ORDER)}
    return sorted(out, key=lambda s: (-s.size, order.get(s.name, 99)))


# -- spacing and radii stated in text --------------------------------------------------------

_NUMBERS = r"((?:\d{1,3}(?:\.\d+)?\s*(?:px|pt)?\s*(?:,|/|and|\s)\s*){0,12}\d{1,3}(?:\.\d+)?)\s*(?:px|pt)\b"
_SPACING = re.compile(r"\b(?:spacing|space|spacer|gap|gutter|grid unit|base unit)s?\b[^.\n]{0,20}?[:=]?\s*"
                      + _NUMBERS, re.I)
_RADIUS = re.compile(r"\b(?:corner radius|border radius|border-radius|radius|radii|corners|rounding)\b"
                     r"[^.\n]{0,20}?[:=]?\s*" + _NUMBERS, re.I)
_RADIUS_NAMES = ("sm", "md", "lg", "xl", "2xl", "3xl", "4xl", "5xl", "6xl")


def _dimensions(extracts: dict[str, FileExtract]) -> tuple[list[Dimension], list[Dimension]]:
    """Spacing and radii: a scale a guide lays out as a list (a reader's chunk with
    ``meta["scale"]``) wins, with the names it gives; else values stated in prose."""
    laid_out: dict[str, list[Dimension]] = {}
    for ex in extracts.values():
        for ch in ex.chunks:
            kind = ch.meta.get("scale") if isinstance(ch.meta, dict) else None
            if kind not in ("spacing", "radius") or kind in laid_out:
                continue
            dims: dict[float, Dimension] = {}
            for item in ch.meta.get("values") or []:
                try:
                    name, px = str(item[0]), float(item[1])
                except (TypeError, ValueError, IndexError):
                    continue
                if px >= 0 and px not in dims:
                    dims[px] = Dimension(name=_slug(name), px=px, source=ch.source)
            if dims:
                laid_out[kind] = _named(sorted(dims.values(), key=lambda d: d.px), kind)
    sp, rd = _stated_dimensions(extracts)
    g_sp, g_rd = guide_dimensions(extracts)
    radii = laid_out.get("radius") or radius_steps(g_rd) or rd
    if "radius" in laid_out:  # a laid-out scale keeps its steps; radii stated per component join it
        radii = radii + [d for d in g_rd if d.name not in {x.name for x in radii}]
    return laid_out.get("spacing") or g_sp or sp, radii


# -- what guides and docs state in sentences ------------------------------------------------

_CONTROL_RADII = ("button", "input", "control", "field", "select")
_CONTAINER_RADII = ("card", "panel", "modal", "dialog", "sheet", "tile")


def guide_dimensions(extracts: dict[str, FileExtract]) -> tuple[list[Dimension], list[Dimension]]:
    """The spacing scale and the radii per component the folder's guides and docs state in
    sentences (`FileExtract.stated_spacing`, `stated_radii`): the first file's scale (by
    name), each component's first radius."""
    spacing: list[Dimension] = []
    radii: dict[str, Dimension] = {}
    for rel in sorted(extracts):
        ex = extracts[rel]
        spacing = spacing or list(ex.stated_spacing)
        for d in ex.stated_radii:
            radii.setdefault(d.name, d)
    return spacing, list(radii.values())


def radius_steps(radii: list[Dimension]) -> list[Dimension]:
    """Radii named after components, plus the steps the engine draws with where none is named
    so: "md" (controls) from a button's or an input's radius, "lg" (containers) from a card's."""
    if not radii:
        return []
    names = {d.name for d in radii}
    out = list(radii)
    for step, comps in (("md", _CONTROL_RADII), ("lg", _CONTAINER_RADII)):
        src = next((d for c in comps for d in radii if d.name == c), None)
        if step not in names and src is not None:
            out.append(src.model_copy(update={"name": step}))
    return out


def stated_type_scale(extracts: dict[str, FileExtract], families: list[str]) -> list[TypeStyle]:
    """The type steps a folder's guides and docs state in words ("Body 16/24"), not their
    drawn specimens: for a folder whose tokens define no type scale."""
    stated = {rel: ex.model_copy(update={"type_hints": [s for s in ex.type_hints if ", text " in s.source.locator]})
              for rel, ex in extracts.items()}
    return _type_scale(stated, families)


def usage_evidence(extracts: dict[str, FileExtract], colors: list[Color],
                   alias_counts: dict[str, int] | None = None) -> list[RoleEvidence]:
    """How much the system uses its colours, as evidence for `primary`: the chromatic colour
    that covers most of the system's own screens (screenshots, screen SVGs; at least 2 %), and
    the chromatic colour most token aliases point at (at least 3, clearly ahead of the next)."""
    out: list[RoleEvidence] = []
    chromatic = [c for c in colors if c.alpha >= 0.999 and math.hypot(c.lab[1], c.lab[2]) >= 12]
    if not chromatic:
        return out
    area: dict[str, float] = {}
    where: dict[str, Source] = {}
    for ex in extracts.values():
        screen = ex.kind == "raster" or (ex.asset is not None and ex.asset.kind == "screen")
        if not screen:
            continue
        for fc in ex.colors:
            if fc.how not in ("raster-cluster", "svg-fill") or fc.share <= 0:
                continue
            lab = rgb_to_lab(parse_hex(fc.hex)[0])
            near = min(chromatic, key=lambda c: ciede2000(c.lab, lab))
            if ciede2000(near.lab, lab) <= 5:
                area[near.hex] = area.get(near.hex, 0.0) + fc.share
                where.setdefault(near.hex, fc.source)
    if area:
        top = max(area, key=area.get)
        if area[top] >= 0.02:
            out.append(RoleEvidence(role="primary", hex=top, kind="usage", weight=round(area[top], 4),
                                    text=f"the most used chromatic colour of the system's screens "
                                         f"({area[top] * 100:.1f}% of their area, summed)", source=where[top]))
    counts = sorted(((n, h) for h, n in (alias_counts or {}).items()
                     if any(c.hex == h for c in chromatic)), reverse=True)
    if counts and counts[0][0] >= 3 and (len(counts) == 1 or counts[0][0] >= 2 * counts[1][0]):
        n, h = counts[0]
        out.append(RoleEvidence(role="primary", hex=h, kind="usage", weight=float(n),
                                text=f"the chromatic colour most token aliases point at ({n})"))
    return out


def _named(dims: list[Dimension], kind: str) -> list[Dimension]:
    """Unnamed or twice-named values get the names onbrand uses (1, 2, … or sm, md, lg …)."""
    names = [d.name for d in dims]
    if all(names) and len(set(names)) == len(names):
        return dims
    if kind == "spacing":
        return [d.model_copy(update={"name": str(i + 1)}) for i, d in enumerate(dims)]
    pool = _RADIUS_NAMES if len(dims) > 1 else ("md",)
    return [d.model_copy(update={"name": pool[i] if i < len(pool) else f"r{i + 1}"}) for i, d in enumerate(dims)]


def _stated_dimensions(extracts: dict[str, FileExtract]) -> tuple[list[Dimension], list[Dimension]]:
    spacing: dict[float, Dimension] = {}
    radii: dict[float, Dimension] = {}
    for ex in extracts.values():
        for ch in ex.chunks:
            if ch.kind not in ("pdf-text", "doc") or ch.meta.get("scale"):
                continue
            for pat, bucket, limit in ((_SPACING, spacing, 256), (_RADIUS, radii, 999)):
                for m in pat.finditer(ch.text):
                    for num in re.findall(r"\d{1,3}(?:\.\d+)?", m.group(1)):
                        px = float(num)
                        if 0 < px <= limit and px not in bucket:
                            bucket[px] = Dimension(name="", px=px, source=ch.source)
    sp = sorted(spacing.values(), key=lambda d: d.px)
    rd = sorted(radii.values(), key=lambda d: d.px)
    sp = [d.model_copy(update={"name": str(i + 1)}) for i, d in enumerate(sp)]
    names = _RADIUS_NAMES if len(rd) > 1 else ("md",)
    rd = [d.model_copy(update={"name": names[i] if i < len(names) else f"r{i + 1}"}) for i, d in enumerate(rd)]
    return sp, rd
