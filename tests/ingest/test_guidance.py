"""`ingest.guidance`: colour uses, rules and stated scales read from a guide's sentences.

The development phrasings below pin the extractor's behaviour; the held-out phrasings in
`guidance_heldout.py` are scored separately (`test_heldout_accuracy` prints both figures).
"""

from __future__ import annotations

import pytest

from ingest.guidance import colour_names, extract_guidance, sentences, stated_type_steps
from ingest.model import Source

try:
    from tests.ingest.guidance_heldout import CASES as HELDOUT
    from tests.ingest.guidance_heldout import COLOURS as HELDOUT_COLOURS
except ImportError:  # run from tests/ingest
    from guidance_heldout import CASES as HELDOUT
    from guidance_heldout import COLOURS as HELDOUT_COLOURS

SRC = Source(file="guide.pdf", locator="page 2")
COLOURS = {"Signal Red": "#d7263d", "Harbor Teal": "#0e5e71", "Ink": "#1b1f24", "Paper": "#fafaf7",
           "Amber": "#f2a900", "Fern": "#2e7d32", "Cobalt": "#1f4fd1", "color.brand.red": "#d7263d"}
RED, TEAL, INK, PAPER, AMBER, FERN, COBALT = (COLOURS[k] for k in
                                              ("Signal Red", "Harbor Teal", "Ink", "Paper", "Amber", "Fern", "Cobalt"))


def items(g) -> set:
    """An extraction as comparable items (see guidance_heldout.py)."""
    out: set = set()
    for e in g.evidence:
        out.add(("role", e.role, e.hex, "+" if e.weight > 0 else "-"))
    for r in g.rules:
        out.add(("rule", r.kind, r.color, r.background, r.use, float(r.px), r.count))
    for t in g.type_styles:
        out.add(("type", t.name, t.size, t.line_height))
    if g.spacing:
        out.add(("spacing", tuple(d.px for d in g.spacing)))
    for d in g.radii:
        out.add(("radius", d.name, d.px))
    return out


DEV: list[tuple[str, set]] = [
    ("Use Harbor Teal for primary actions.", {("role", "primary", TEAL, "+")}),
    ("Signal Red is for alerts only.",
     {("role", "danger", RED, "+"), ("rule", "color-only-for", RED, "", "danger", 0.0, 0)}),
    ("Never use Signal Red for primary actions.", {("role", "primary", RED, "-")}),
    ("Never use Signal Red for large areas or backgrounds.", {("rule", "color-not-large-area", RED, "", "", 0.0, 0)}),
    ("Don't set Ink text on Harbor Teal.", {("rule", "no-text-on", INK, TEAL, "", 0.0, 0)}),
    ("Body text is never smaller than 14 px.", {("rule", "min-text-size", "", "", "", 14.0, 0)}),
    ("Touch targets are at least 44 px.", {("rule", "min-target-size", "", "", "", 44.0, 0)}),
    ("Use one primary button per view.", {("rule", "max-primary-buttons", "", "", "", 0.0, 1)}),
    ("Links are Cobalt.", {("role", "primary", COBALT, "+")}),
    ("Ink is used for body text and headings.", {("role", "text", INK, "+")}),
    ("Paper is the page background.", {("role", "background", PAPER, "+")}),
    ("Fern marks success.", {("role", "success", FERN, "+")}),
    ("Amber is for warnings.", {("role", "warning", AMBER, "+")}),
    ("Use Harbor Teal for primary actions and Signal Red for alerts only.",
     {("role", "primary", TEAL, "+"), ("role", "danger", RED, "+"),
      ("rule", "color-only-for", RED, "", "danger", 0.0, 0)}),
    ("For primary buttons and links, use #0E5E71.", {("role", "primary", TEAL, "+")}),
    ("color.brand.red is reserved for errors.",
     {("role", "danger", RED, "+"), ("rule", "color-only-for", RED, "", "danger", 0.0, 0)}),
    ("Display 48/56, H1 32/40, H2 24/32, Body 16/24, Caption 12/16",
     {("type", "display", 48.0, 56.0), ("type", "h1", 32.0, 40.0), ("type", "h2", 24.0, 32.0),
      ("type", "body", 16.0, 24.0), ("type", "caption", 12.0, 16.0)}),
    ("Spacing scale: 4, 8, 16, 24, 32, 48 px.", {("spacing", (4.0, 8.0, 16.0, 24.0, 32.0, 48.0))}),
    ("We space in multiples of 8: 8, 16, 24, 32, 48, 64.", {("spacing", (8.0, 16.0, 24.0, 32.0, 48.0, 64.0))}),
    ("Buttons and inputs use a 6 px radius; cards 12 px.",
     {("radius", "button", 6.0), ("radius", "input", 6.0), ("radius", "card", 12.0)}),
    ("Amber is never used for text.", {("role", "text", AMBER, "-")}),
    ("Cobalt is used for focus rings and informational messages.",
     {("role", "focus", COBALT, "+"), ("role", "info", COBALT, "+")}),
    ("Keep Signal Red to small areas: use it sparingly.", {("rule", "color-not-large-area", RED, "", "", 0.0, 0)}),
    ("Minimum text size: 12 px.", {("rule", "min-text-size", "", "", "", 12.0, 0)}),
    ("Never more than one primary action per screen.", {("rule", "max-primary-buttons", "", "", "", 0.0, 1)}),
    ("Harbor Teal is our primary brand colour.", {("role", "primary", TEAL, "+")}),
    ("Show the logo at 24 px tall or more on screen.", set()),
    ("Harbor Teal is calm and trustworthy.", set()),
]


def _score(cases, colours) -> tuple[float, float, int, int]:
    tp = fp = fn = exact = 0
    for text, want in cases:
        got = items(extract_guidance(text, SRC, colours))
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
        exact += got == want
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, exact, len(cases)


@pytest.mark.parametrize("text,want", DEV, ids=[t[:40] for t, _ in DEV])
def test_dev_phrasings(text, want):
    assert items(extract_guidance(text, SRC, COLOURS)) == want


def test_heldout_accuracy(capsys):
    dev = _score(DEV, COLOURS)
    held = _score(HELDOUT, HELDOUT_COLOURS)
    with capsys.disabled():
        for name, (p, r, exact, n) in (("development", dev), ("held-out", held)):
            print(f"\nguidance {name}: precision {p:.2f}, recall {r:.2f}, {exact}/{n} sentences exact")
    assert dev[0] >= 0.95 and dev[1] >= 0.95
    assert held[0] >= 0.6 and held[1] >= 0.5  # a floor, not a target: the set is never tuned against


def test_names_resolve_through_the_documents_specimens():
    text = "Colour\nSignal Red  #D7263D\nHarbor Teal  HEX #0E5E71\n\nUse Harbor Teal for primary actions."
    assert colour_names(text) == {"Signal Red": "#d7263d", "Harbor Teal": "#0e5e71"}
    g = extract_guidance(text, SRC)
    assert [(e.role, e.hex, e.text, e.source) for e in g.evidence] == [
        ("primary", "#0e5e71", "Use Harbor Teal for primary actions.", SRC)]


def test_specimen_lends_its_colour_to_the_lines_below():
    text = "Signal Red\nHEX #D7263D\nAlerts and errors only.\n\nHarbor Teal #0E5E71\nPrimary actions and links."
    got = items(extract_guidance(text, SRC))
    assert ("role", "danger", RED, "+") in got and ("role", "primary", TEAL, "+") in got
    assert ("rule", "color-only-for", RED, "", "danger", 0.0, 0) in got
    assert not any(i[0] == "role" and i[1] == "primary" and i[2] == RED for i in got)


def test_dont_heading_negates_its_list():
    text = "## Don't\n- Signal Red for primary actions\n- Ink text on Harbor Teal\n\n## Do\n- Harbor Teal for primary actions"
    got = items(extract_guidance(text, SRC, COLOURS))
    assert ("role", "primary", RED, "-") in got
    assert ("rule", "no-text-on", INK, TEAL, "", 0.0, 0) in got
    assert ("role", "primary", TEAL, "+") in got


def test_token_description_speaks_of_its_token():
    g = extract_guidance("Use for alerts and destructive actions only.", Source(file="t.json", locator="color.red"),
                         subject=("color.red", RED))
    assert items(g) == {("role", "danger", RED, "+"), ("rule", "color-only-for", RED, "", "danger", 0.0, 0)}


def test_wrapped_lines_join_and_labels_stand_alone():
    got = [s for s, _, _ in sentences("Use Signal Red for alerts only and never\nfor primary actions.\nSpacing\n"
                                      "Buttons use 6 px corners.")]
    assert got == ["Use Signal Red for alerts only and never for primary actions.", "Spacing",
                   "Buttons use 6 px corners."]


def test_stated_type_steps():
    assert stated_type_steps("Heading 1 — 32px / 40px · Body: 16/24") == [("h1", 32.0, 40.0), ("body", 16.0, 24.0)]
    assert stated_type_steps("A 16 px grid") == []
