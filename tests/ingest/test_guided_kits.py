"""Design systems that say in words what their colours are for, how their type, spacing and
corners are set, and what not to do: a PDF-only brand kit and a Markdown-docs kit, both written
here (pymupdf draws the PDF), and a token folder whose guide fills in what its tokens lack.
"""

from __future__ import annotations

import json
import re

import pymupdf
import pytest

from ingest import ingest_folder

RED, TEAL, INK, PAPER, FERN, AMBER = "#d7263d", "#0e5e71", "#1b1f24", "#fafaf7", "#2e7d32", "#b26a00"

PAGES = [
    ("Northwind brand guide", ["Version 2 · for product teams"]),
    ("Colour", [
        "Signal Red  #D7263D", "Harbor Teal  #0E5E71", "Ink  #1B1F24", "Paper  #FAFAF7", "Fern  #2E7D32",
        "Amber  #B26A00", "",
        "Use Harbor Teal for primary actions and links.",
        "Signal Red is for alerts only.",
        "Ink is used for body text and headings. Paper is the page background.",
        "Fern marks success, and Amber is for warnings.",
    ]),
    ("Typography", ["Display 48/56, H1 32/40, H2 24/32, Body 16/24, Caption 12/16"]),
    ("Layout", [
        "Spacing scale: 8, 16, 24, 32, 48, 64 px.",
        "Buttons and inputs use a 6 px radius; cards use 12 px.",
    ]),
    ("Do and don't", [
        "Never use Signal Red for large areas or backgrounds.",
        "Don't set Ink text on Harbor Teal.",
        "Body text is never smaller than 14 px.",
        "Touch targets are at least 44 px.",
        "Use one primary button per view.",
    ]),
]


def _write_pdf(path):
    doc = pymupdf.open()
    for title, lines in PAGES:
        page = doc.new_page(width=595, height=842)
        page.insert_text((48, 72), title, fontsize=24)
        y = 120
        for ln in lines:
            m = re.search(r"#([0-9A-F]{6})", ln)
            if m:  # a specimen: a swatch with its name and value beside it
                rgb = tuple(int(m.group(1)[i:i + 2], 16) / 255 for i in (0, 2, 4))
                page.draw_rect(pymupdf.Rect(48, y - 14, 88, y + 6), color=None, fill=rgb)
                page.insert_text((100, y), ln, fontsize=11)
                y += 34
            elif ln:
                page.insert_text((48, y), ln, fontsize=11)
                y += 24
            else:
                y += 12
    doc.save(str(path))


@pytest.fixture(scope="module")
def pdf_kit(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf-kit")
    _write_pdf(folder / "brand.pdf")
    return ingest_folder(folder)


def test_pdf_kit_roles_follow_the_guide(pdf_kit):
    roles = {r.role: r for r in pdf_kit.roles}
    got = {k: r.hex for k, r in roles.items()}
    assert got["primary"] == TEAL  # Signal Red is the most chromatic colour, but for alerts only
    assert got["danger"] == RED
    assert got["text"] == INK and got["background"] == PAPER
    assert got["success"] == FERN and got["warning"] == AMBER
    assert RED not in {got[r] for r in got if r not in ("danger", "on-danger")}
    p = roles["primary"]
    assert p.evidence[0].kind == "guide"
    assert p.evidence[0].text == "Use Harbor Teal for primary actions and links."
    assert p.evidence[0].source.file == "brand.pdf" and p.evidence[0].source.locator == "page 2"
    assert p.reason == "brand.pdf page 2: 'Use Harbor Teal for primary actions and links.'"
    # the evidence that lost: the alert colour, ruled out by the guide's own words
    assert any(e.hex == RED and e.text == "Signal Red is for alerts only." for e in p.lost)
    assert roles["danger"].evidence[0].text == "Signal Red is for alerts only."


def test_pdf_kit_scales_radii_and_rules(pdf_kit):
    ds = pdf_kit
    steps = {t.name: (t.size, t.line_height) for t in ds.type_scale}
    assert steps == {"display": (48, 56), "h1": (32, 40), "h2": (24, 32), "body": (16, 24), "caption": (12, 16)}
    assert all(t.source.file == "brand.pdf" and t.source.locator.startswith("page 3") for t in ds.type_scale)
    assert ds.spacing_px() == [8, 16, 24, 32, 48, 64]
    assert all(d.source.locator.startswith("page 4") for d in ds.spacing)
    radii = {d.name: d.px for d in ds.radii}
    assert radii == {"button": 6, "input": 6, "card": 12, "md": 6, "lg": 12}
    assert ds.radius("md") == 6 and ds.radius("lg") == 12  # the steps the engine draws with
    rules = {(r.kind, r.color, r.background, r.use, r.px, r.count): r for r in ds.rules}
    assert set(rules) == {
        ("color-only-for", RED, "", "danger", 0, 0),
        ("color-not-large-area", RED, "", "", 0, 0),
        ("no-text-on", INK, TEAL, "", 0, 0),
        ("min-text-size", "", "", "", 14, 0),
        ("min-target-size", "", "", "", 44, 0),
        ("max-primary-buttons", "", "", "", 0, 1),
    }
    assert rules[("no-text-on", INK, TEAL, "", 0, 0)].text == "Don't set Ink text on Harbor Teal."
    assert rules[("min-target-size", "", "", "", 44, 0)].source.locator == "page 5"
    assert rules[("color-only-for", RED, "", "danger", 0, 0)].source.locator == "page 2"


GUIDE_MD = """# Northwind design guide

## Colour

| Name | Value |
|---|---|
| Harbor Teal | #0E5E71 |
| Signal Red | #D7263D |
| Ink | #1B1F24 |
| Paper | #FAFAF7 |
| Fern | #2E7D32 |

Calls to action and links are Harbor Teal. Reserve Signal Red for errors and destructive
actions. Running text is set in Ink on a Paper page background; confirmations use Fern.

### Don'ts

- Signal Red on big surfaces like headers or page backgrounds
- Ink type on a Harbor Teal fill

## Type

Type ramp: Display 40/48 · Heading 1 32/40 · Heading 2 24/32 · Body 16/24 · Caption 12/16

## Space and shape

We space in multiples of 8: 8, 16, 24, 32, 48, 64.
Corner radius: 4 px for controls, 16 px for cards.

## Accessibility

Text below 12 px is not allowed. Tap targets must be at least 48 px.
Never more than one primary action per screen.
"""


@pytest.fixture(scope="module")
def md_kit(tmp_path_factory):
    folder = tmp_path_factory.mktemp("md-kit")
    (folder / "guide.md").write_text(GUIDE_MD)
    return ingest_folder(folder)


def test_markdown_kit(md_kit):
    ds = md_kit
    roles = {r.role: r for r in ds.roles}
    assert roles["primary"].hex == TEAL and roles["danger"].hex == RED
    assert roles["text"].hex == INK and roles["background"].hex == PAPER and roles["success"].hex == FERN
    ev = roles["primary"].evidence[0]
    assert ev.kind == "guide" and ev.source.file == "guide.md"
    assert ev.source.locator == "# Northwind design guide > ## Colour"
    assert {t.name: (t.size, t.line_height) for t in ds.type_scale} == {
        "display": (40, 48), "h1": (32, 40), "h2": (24, 32), "body": (16, 24), "caption": (12, 16)}
    assert ds.spacing_px() == [8, 16, 24, 32, 48, 64]
    assert {d.name: d.px for d in ds.radii} == {"control": 4, "card": 16, "md": 4, "lg": 16}
    assert {(r.kind, r.color, r.background, r.use, r.px, r.count) for r in ds.rules} == {
        ("color-only-for", RED, "", "danger", 0, 0),
        ("color-not-large-area", RED, "", "", 0, 0),
        ("no-text-on", INK, TEAL, "", 0, 0),
        ("min-text-size", "", "", "", 12, 0),
        ("min-target-size", "", "", "", 48, 0),
        ("max-primary-buttons", "", "", "", 0, 1),
    }
    assert all(r.source.file == "guide.md" for r in ds.rules)


def test_guide_fills_in_only_what_the_tokens_lack(tmp_path):
    folder = tmp_path / "tokens-and-guide"
    (folder / "tokens").mkdir(parents=True)
    tokens = {"color": {"$type": "color",
                        "teal": {"$value": "#0E5E71"},
                        "red": {"$value": "#D7263D", "$description": "Use for alerts and errors only."},
                        "ink": {"$value": "#1B1F24"}, "paper": {"$value": "#FAFAF7"}},
              "radius": {"$type": "dimension", "sm": {"$value": {"value": 2, "unit": "px"}}}}
    (folder / "tokens" / "t.tokens.json").write_text(json.dumps(tokens))
    (folder / "guide.md").write_text(GUIDE_MD.replace("Signal Red", "`color.red`"))
    ds = ingest_folder(folder)
    assert ds.failed == []
    roles = ds.role_map()
    assert roles["primary"] == TEAL and roles["danger"] == RED
    danger = next(r for r in ds.roles if r.role == "danger")
    assert any(e.source.file == "tokens/t.tokens.json" and e.source.locator == "color.red" for e in danger.evidence)
    assert ds.spacing_px() == [8, 16, 24, 32, 48, 64]  # the tokens have no spacing: the guide's
    assert [d.name for d in ds.radii] == ["sm"]  # the tokens' radius stands
    assert ds.type_scale[0].source.file == "guide.md"
    # a rule stated by a token description and by a doc sentence (by token path) is one rule
    assert sum(r.kind == "color-only-for" for r in ds.rules) == 1
    assert ("color-not-large-area", RED) in {(r.kind, r.color) for r in ds.rules}


def test_ingest_json_shows_reasons_evidence_lost_and_rules(tmp_path):
    from click.testing import CliRunner

    from onbrand.cli import main

    folder = tmp_path / "kit"
    folder.mkdir()
    (folder / "guide.md").write_text(GUIDE_MD)
    res = CliRunner().invoke(main, ["ingest", str(folder), "--store", str(tmp_path / "store"), "--json"],
                             catch_exceptions=False)
    out = json.loads(res.output)
    primary = next(p for p in out["palette"] if p["role"] == "primary")
    assert primary["hex"] == TEAL
    assert primary["evidence"][0]["kind"] == "guide"
    assert primary["evidence"][0]["source"] == {"file": "guide.md", "locator": "# Northwind design guide > ## Colour"}
    assert any(e["hex"] == RED and e["weight"] < 0 for e in primary["lost"])
    assert {r["kind"] for r in out["rules"]} >= {"color-only-for", "no-text-on", "max-primary-buttons"}


def test_token_sheet_shows_each_roles_reason_and_source(md_kit):
    from engine.render.sheet import render_token_sheet, role_why

    primary = next(r for r in md_kit.roles if r.role == "primary")
    head, said = role_why(primary)
    assert head.startswith("guide · guide.md # Northwind design guide > ## Colour")
    assert said.startswith("“Calls to action and links are Harbor Teal.")
    sheet = render_token_sheet(md_kit, width=1200)
    assert sheet.labels["role:primary:why"].startswith("guide · guide.md")
