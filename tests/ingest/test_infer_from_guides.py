"""A design system from a brand-guide PDF and a logo alone, compared with the token-based truth.

The sample systems ship token files *and* a guide that documents them; a folder holding only
the guide and the logo must give (nearly) the same palette roles, type scale, fonts, spacing and
radii. Synthetic guides (built with pymupdf under tmp_path) pin the layout rules one by one.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pymupdf
import pytest
from coloraide import Color as CAColor

from ingest import ingest_folder
from ingest.infer import infer_design_values
from ingest.model import CORE_ROLES, Color, Source
from ingest.pdf import read_pdf
from ingest.roles import infer_roles

SAMPLES = Path(__file__).resolve().parents[2] / "sample_design_systems"
SYSTEMS = {"harbor": "Manrope", "ember": "Lato", "grove": "Source Sans Pro"}
ROLES = ("background", "surface", "text", "text-muted", "primary", "on-primary", "secondary", "accent",
         "border", "success", "warning", "danger", "info")
PLACEHOLDER = re.compile(r"^(?:color|primary|secondary|accent|danger|background|text)-\d+$")


@pytest.fixture(scope="module", params=sorted(SYSTEMS))
def pair(request, tmp_path_factory):
    name = request.param
    folder = tmp_path_factory.mktemp(name)
    for f in ("guidelines.pdf", "logo.svg"):
        shutil.copy(SAMPLES / name / f, folder / f)
    return name, ingest_folder(folder), ingest_folder(SAMPLES / name)


def _de(a: str, b: str) -> float:
    return CAColor(a).delta_e(CAColor(b), method="2000")


def test_roles_match_the_tokens(pair):
    name, guide, truth = pair
    got, want = guide.role_map(), truth.role_map()
    close = [r for r in ROLES if r in got and _de(got[r], want[r]) <= 2]
    assert len(close) >= 11, (name, {r: (got.get(r), want[r]) for r in ROLES if r not in close})
    for role in ("primary", "background", "text"):
        assert got[role] == want[role], (name, role)
    reasons = {r.role: r.reason for r in guide.roles}
    assert reasons["primary"] == "guidelines.pdf page 2: label 'primary'"
    for role in close:
        assert re.match(r"guidelines\.pdf page \d+: label '", reasons[role]), (role, reasons[role])
    # beyond the 13: every role the engine draws with, on-roles and focus included
    assert {r: got.get(r) for r in CORE_ROLES} == {r: want[r] for r in CORE_ROLES}
    # the "Secondary" button specimen gives the text colour on secondary fills
    assert got["on-secondary"] == want["on-secondary"]
    assert re.fullmatch(r"guidelines\.pdf page \d+: text colour on the 'secondary' specimen", reasons["on-secondary"])


def test_colours_keep_the_guides_names_and_pages(pair):
    _, guide, _ = pair
    names = [c.name for c in guide.colors]
    assert len(names) == len(set(names))
    assert not [n for n in names if PLACEHOLDER.match(n)], names
    assert {"primary", "on-primary", "text-muted", "surface-muted"} <= set(names)
    for c in guide.colors:
        assert c.source.file == "guidelines.pdf" and re.fullmatch(r"page \d+", c.source.locator), c
    # the palette follows the guide's order: its colour page starts with the primary swatch
    assert names[:3] == ["primary", "on-primary", "secondary"]
    primary = next(c for c in guide.colors if c.name == "primary")
    assert primary.description.startswith("label 'primary' (alias of ")  # the token it documents
    assert not any("added by onbrand" in c.description for c in guide.colors)
    assert not any("added" in w for w in guide.warnings), guide.warnings


def test_dark_theme_page_does_not_leak_into_the_light_palette(pair):
    name, guide, truth = pair
    light = set(truth.palette_hexes())
    # every colour named like a role is the light-mode value
    for c in guide.colors:
        if c.name in ROLES:
            assert c.hex == truth.role(c.name), (name, c.name)
    assert guide.role("background") in light


def test_type_scale_is_the_guides_specimens(pair):
    name, guide, truth = pair
    want = {t.name: t for t in truth.type_scale}
    got = guide.type_scale
    assert len(got) >= 5
    assert {"display", "h1", "h2", "body", "caption"} <= {t.name for t in got}
    for t in got:
        assert t.name in want, (name, t.name)
        w = want[t.name]
        assert (t.size, t.weight, t.family) == (w.size, w.weight, w.family), (name, t.name)
        assert abs(t.line_height - w.line_height) <= 1, (name, t.name)
    assert [t.size for t in got] == sorted((t.size for t in got), reverse=True)


def test_fonts_spacing_and_radii(pair):
    name, guide, truth = pair
    family = SYSTEMS[name]
    faces = [f for f in guide.fonts if f.family == family]
    assert faces and all(f.origin == "package" and Path(f.path).is_file() for f in faces)
    assert {f.weight for f in faces} >= {t.weight for t in guide.type_scale}
    guide_px = guide.spacing_px()
    assert len(guide_px) >= 8 and set(guide_px) <= set(truth.spacing_px()) | {0.0}
    assert {d.name: d.px for d in guide.radii} == {d.name: d.px for d in truth.radii}


# -- synthetic guides: one layout rule each ---------------------------------------------------


def _guide(path: Path) -> Path:
    """Swatches labelled to their right, a dark-theme page, type labels with a spec line under
    them, and a spacing scale whose names sit above the values."""
    doc = pymupdf.open()
    page = doc.new_page(width=842, height=595)
    page.insert_text((40, 50), "Colours", fontsize=24, fontname="hebo")
    rows = (("brand-primary", "#6B2FBF"), ("page-bg", "#FBFAF7"), ("ink", "#1A1A1F"), ("error", "#C0262D"))
    for i, (label, hex_) in enumerate(rows):
        y = 90 + i * 60
        rgb = tuple(int(hex_[k:k + 2], 16) / 255 for k in (1, 3, 5))
        page.draw_rect(pymupdf.Rect(40, y, 80, y + 40), color=None, fill=rgb)
        page.insert_text((90, y + 12), label, fontsize=9, fontname="hebo")
        page.insert_text((90, y + 24), f"HEX {hex_}", fontsize=7)
    # a swatch whose caption gives another colour's value is not labelled by it
    page.draw_rect(pymupdf.Rect(400, 90, 440, 130), color=None, fill=(0.2, 0.6, 0.3))
    page.insert_text((450, 102), "shadow", fontsize=9, fontname="hebo")
    page.insert_text((450, 114), "#0000FF @ 10%", fontsize=7)
    dark = doc.new_page(width=842, height=595)
    dark.draw_rect(dark.rect, color=None, fill=(0.05, 0.05, 0.07))
    dark.insert_text((40, 50), "Colours in dark mode", fontsize=24, fontname="hebo", color=(1, 1, 1))
    dark.draw_rect(pymupdf.Rect(40, 90, 80, 130), color=None, fill=(0.7, 0.6, 1.0))
    dark.insert_text((90, 102), "brand-primary", fontsize=9, fontname="hebo", color=(1, 1, 1))
    dark.insert_text((90, 114), "HEX #B399FF", fontsize=7, color=(1, 1, 1))
    t = doc.new_page(width=842, height=595)
    t.insert_text((40, 50), "Typography", fontsize=24, fontname="hebo")
    for i, (label, size, spec) in enumerate((("hero", 44, "44/52 px · Bold"), ("body", 15, "15/24 px · Regular"),
                                             ("caption", 11, "11/16 px · Medium · +0.2 px"))):
        y = 120 + i * 70
        t.insert_text((40, y), label, fontsize=9, fontname="hebo")
        t.insert_text((40, y + 10), spec, fontsize=6.5)
        t.insert_text((160, y + 8), "The quick brown fox", fontsize=size)
    t.insert_text((40, 400), "Spacing", fontsize=13, fontname="hebo")
    for i, (name, px) in enumerate((("tight", 4), ("base", 8), ("loose", 16))):
        t.insert_text((40 + i * 60, 430), name, fontsize=8, fontname="hebo")
        t.insert_text((40 + i * 60, 442), f"{px} px", fontsize=7.5)
    doc.save(str(path))
    return path


def test_synthetic_guide_swatches_beside_dark_page_type_and_spacing(tmp_path):
    ex = read_pdf(_guide(tmp_path / "g.pdf"), "g.pdf")
    cards = {c.name: c for c in ex.colors if c.how == "pdf-swatch" and c.source.locator == "page 1"}
    assert cards["brand-primary"].hex == "#6b2fbf" and cards["brand-primary"].source.locator == "page 1"
    assert cards["ink"].hex == "#1a1a1f" and cards["error"].hex == "#c0262d"
    assert "shadow" not in cards and "#0000ff" not in {c.hex for c in cards.values()}
    themes = {c.source.locator: c.meta["theme"] for c in ex.chunks if c.kind == "pdf-page"}
    assert themes == {"page 1, render": "light", "page 2, render": "dark", "page 3, render": "light"}
    hints = {h.name: h for h in ex.type_hints}
    assert (hints["body"].size, hints["body"].line_height, hints["body"].weight) == (15, 24, 400)
    assert (hints["caption"].weight, hints["caption"].letter_spacing) == (500, 0.2)
    v = infer_design_values({"g.pdf": ex})
    by_name = {c.name: c for c in v.colors}
    assert by_name["brand-primary"].hex == "#6b2fbf"  # the dark page's #b399ff is another mode
    assert "#b399ff" not in {c.hex for c in v.colors}
    roles = {r.role: r for r in infer_roles(v.colors)}
    assert roles["primary"].hex == "#6b2fbf" and roles["primary"].reason == "g.pdf page 1: label 'brand-primary'"
    assert roles["danger"].hex == "#c0262d"
    assert roles["background"].hex == "#fbfaf7" and roles["text"].hex == "#1a1a1f"
    assert [(d.name, d.px) for d in v.spacing] == [("tight", 4), ("base", 8), ("loose", 16)]


def test_label_reason_only_for_guide_labels():
    src = Source(file="tokens.json", locator="color.primary")
    from ingest.colour import rgb_to_lab

    c = Color(name="primary", hex="#0e5e71", lab=rgb_to_lab((14, 94, 113)), source=src)
    assert {r.role: r.reason for r in infer_roles([c])}["primary"] == "token name primary"
    labelled = c.model_copy(update={"description": "label 'primary'",
                                    "source": Source(file="guide.pdf", locator="page 3")})
    assert {r.role: r.reason for r in infer_roles([labelled])}["primary"] == "guide.pdf page 3: label 'primary'"


def test_capitalised_labels_under_swatches_and_a_dark_page_of_its_own(tmp_path):
    """Labels written as words ("Text Muted") name their roles; a near-black page whose swatch
    labels repeat none of the light pages' is not another mode and stays in the palette."""
    doc = pymupdf.open()
    page = doc.new_page(width=842, height=595)
    page.insert_text((40, 50), "Brand colours", fontsize=24, fontname="hebo")
    cards = (("Primary", "#D9480F"), ("Text Muted", "#5F6368"), ("Background", "#FFFDF8"), ("Text", "#202124"))
    for i, (label, hex_) in enumerate(cards):
        x = 40 + i * 150
        rgb = tuple(int(hex_[k:k + 2], 16) / 255 for k in (1, 3, 5))
        page.draw_rect(pymupdf.Rect(x, 80, x + 120, 140), color=None, fill=rgb)
        page.insert_text((x, 155), label, fontsize=10, fontname="hebo")
        page.insert_text((x, 167), f"{hex_}  RGB {int(hex_[1:3], 16)} {int(hex_[3:5], 16)} {int(hex_[5:7], 16)}",
                         fontsize=7)
    night = doc.new_page(width=842, height=595)
    night.draw_rect(night.rect, color=None, fill=(0.06, 0.06, 0.06))
    night.insert_text((40, 50), "Night campaign", fontsize=24, fontname="hebo", color=(1, 1, 1))
    night.draw_rect(pymupdf.Rect(40, 80, 160, 140), color=None, fill=(0.0, 0.8, 0.6))
    night.insert_text((40, 155), "Neon Mint", fontsize=10, fontname="hebo", color=(1, 1, 1))
    night.insert_text((40, 167), "HEX #00CC99", fontsize=7, color=(1, 1, 1))
    doc.save(str(tmp_path / "guide.pdf"))
    ex = read_pdf(tmp_path / "guide.pdf", "guide.pdf")
    assert {c.source.locator: c.meta["theme"] for c in ex.chunks if c.kind == "pdf-page"}["page 2, render"] == "dark"
    v = infer_design_values({"guide.pdf": ex})
    names = {c.name: c.hex for c in v.colors}
    assert names["primary"] == "#d9480f" and names["text-muted"] == "#5f6368"
    assert names["neon-mint"] == "#00cc99"  # kept: the dark page names colours of its own
    roles = {r.role: r.hex for r in infer_roles(v.colors)}
    assert (roles["primary"], roles["text-muted"], roles["background"], roles["text"]) == (
        "#d9480f", "#5f6368", "#fffdf8", "#202124")
    added = [w for w in v.warnings if "added" in w]
    assert len(added) == 1 and "borders" in added[0]  # the one neutral this guide does not show
