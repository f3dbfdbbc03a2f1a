"""Block → scene fill: curriculum scenes survive the round trip through their blocks."""

from __future__ import annotations

import random

import numpy as np
import pytest

from scene.blocks import Block, scene_blocks
from scene.devices import DEVICES
from engine.compose.curriculum import ARCHETYPES, sample_example
from engine.compose.fill import fill_blocks
from engine.render.theme import Theme
from tests.engine.pixels import render as _render
from tests.engine.pixels import under as _under
from eval import palette_adherence
from ingest.colour import contrast, parse_hex


@pytest.fixture(scope="module")
def theme(harbor_engine):
    return Theme(harbor_engine.ds)


def _roundtrip(theme, arch, device, seed=0):
    ex = sample_example(random.Random(f"fill/{arch}/{device}/{seed}"), device=device, archetype=arch, theme=theme)
    blocks = scene_blocks(ex.scene)
    return ex, blocks, fill_blocks(blocks, ex.caption, ex.scene.width, ex.scene.height, theme, seed=seed,
                                   device=device, page_layout=False)  # a designed layout keeps its boxes


@pytest.mark.parametrize("device", sorted(DEVICES))
@pytest.mark.parametrize("arch", ARCHETYPES)
def test_filled_blocks_keep_their_boxes_hold_their_children_and_render_on_palette(harbor_engine, theme, arch, device):
    _ex, blocks, sc = _roundtrip(theme, arch, device)
    blocks = sorted(blocks, key=lambda b: b.kind == "modal")  # drawn last, over the page
    W, H = sc.width, sc.height
    # every block became one top-level element with its kind, role, variant and box
    assert len(sc.elements) == len(blocks)
    for b, e in zip(blocks, sc.elements):
        # a second filled primary action of a view is drawn as a secondary one (one primary per view)
        demoted = b.kind == "button" and b.variant in ("", "primary") and e.variant == "secondary"
        assert (e.kind, e.role, e.variant if not demoted else b.variant) == (b.kind, b.role, b.variant)
        want = (b.box[0] * W, b.box[1] * H, b.box[2] * W, b.box[3] * H)
        assert all(abs(g - w_) <= 1.0 for g, w_ in zip(e.box, want)), (e.id, e.box, want)
        x, y, w, h = e.box
        for c in e.walk():
            cx, cy, cw, ch = c.box
            assert cw >= 1 and ch >= 1, c.id
            assert cx >= x - 1 and cy >= y - 1 and cx + cw <= x + w + 1 and cy + ch <= y + h + 1, (c.id, c.box, e.box)
    ids = [e.id for e in sc.walk()]
    assert len(ids) == len(set(ids))
    # containers got children
    for b, e in zip(blocks, sc.elements):
        if b.kind in ("card", "sidebar", "list") and b.box[3] * H > 60 * sc.scale:
            assert e.children, e.id
    img, r = _render(theme, sc)
    palette = list((harbor_engine.ds.role_map() | {c.name: c.hex for c in harbor_engine.ds.colors}).values())
    if _ex.dialog:  # the page under an open dialog is seen through the scrim
        palette += theme.scrim_palette()
    rep = palette_adherence(img, palette)
    assert rep.palette_adherence >= 0.97, rep.off_palette[:3]
    assert len(r.text_runs) >= 5
    for x, y, w, h, col, large in r.text_runs[r.scrim_at:]:
        assert x >= -1 and x + w <= W + 1, "text stays on the canvas"
        region = img[max(0, int(y)):int(y + h), max(0, int(x)):int(x + w) + 1].reshape(-1, 3)
        if not len(region):
            continue
        under = _under(region)
        assert contrast(parse_hex(col)[0], tuple(int(v) for v in under)) >= (3.0 if large else 4.5) - 0.05


@pytest.mark.parametrize("arch", ["dashboard", "table-admin", "pricing", "chat"])
def test_filled_scene_looks_like_the_original(theme, arch):
    """Same blocks, so the same layout: the renders agree on most pixels."""
    ex, _, sc = _roundtrip(theme, arch, "desktop")
    a, _ = _render(theme, ex.scene)
    b, _ = _render(theme, sc)
    same = (np.abs(a.astype(int) - b.astype(int)).sum(axis=2) < 24).mean()
    assert same >= 0.8, same


def test_page_heading_and_labels_come_from_the_prompt(theme):
    blocks = [Block("heading", (0.05, 0.05, 0.6, 0.06), role="text", style="h1"),
              Block("button", (0.75, 0.05, 0.2, 0.05), variant="primary"),
              Block("input", (0.05, 0.2, 0.4, 0.08)),
              Block("card", (0.05, 0.35, 0.4, 0.5), content="kpi"),
              Block("card", (0.5, 0.35, 0.45, 0.6), content="table")]
    sc = fill_blocks(blocks, "pricing page for a clinic", 1920, 1080, theme)
    head, btn, inp, kpi, table = sc.elements
    assert "pricing" in head.text.lower()
    assert btn.text and theme.measure_text(btn.text, btn.style, None, 1)[0] <= btn.box[2]
    assert inp.props.get("label") and inp.props.get("value")
    assert any(e.kind == "badge" for e in kpi.walk()) and any(e.kind == "chart" for e in kpi.walk())
    t = next(e for e in table.walk() if e.kind == "table")
    # a pricing page's table compares its plans; it is never an admin table of the clinic's records
    assert t.props["columns"][0] == "Feature" and "Patient" not in t.props["columns"]
    sc = fill_blocks(blocks, "appointments dashboard for a clinic", 1920, 1080, theme)
    t = next(e for e in sc.elements[4].walk() if e.kind == "table")
    assert "Patient" in t.props["columns"], "the clinic's records"


def test_sign_in_form_copy(theme):
    """The line under a sign-in title is its subtitle; fields, checkbox and button read as sign-in."""
    from engine.compose.composer import route_prompt

    blocks = [Block("heading", (0.3, 0.10, 0.4, 0.06), role="text", style="h1"),
              Block("text", (0.3, 0.17, 0.4, 0.03), style="body"),
              Block("input", (0.3, 0.25, 0.4, 0.08)), Block("input", (0.3, 0.35, 0.4, 0.08)),
              Block("input", (0.3, 0.45, 0.4, 0.08)),
              Block("checkbox", (0.3, 0.55, 0.4, 0.03)),
              Block("button", (0.3, 0.60, 0.4, 0.06), variant="primary"),
              Block("text", (0.3, 0.70, 0.4, 0.03), style="caption")]
    sc = fill_blocks(blocks, "sign in page for a bank", 1920, 1080, theme)
    head, sub, e1, e2, e3, check, btn, small = sc.elements
    assert head.text == "Welcome back" and sub.text.startswith("Sign in to continue")
    assert [e.props["value"] for e in (e1, e2, e3)] == ["maya.chen@northwind.io", "••••••••••", "482 913"]
    assert "Remember" in check.text and btn.text in ("Sign in", "Continue", "Log in")
    assert small.text != sub.text  # small print is the page's other phrases
    assert route_prompt("register a new team workspace account") == "sign-up"  # "register" is a sign-up
    up = fill_blocks(blocks, "register a new team workspace account", 1920, 1080, theme)
    assert up.elements[0].text == "Create your account" and up.elements[1].text.startswith("Start your")


def test_copy_follows_reading_order_not_sampling_order(theme):
    """Blocks sampled bottom-up still read top-down: the upper field is the email, the title
    is the heading on top; drawing keeps the sampled order (a card before what sits on it)."""
    blocks = [Block("button", (0.3, 0.60, 0.4, 0.06), variant="primary"),
              Block("input", (0.3, 0.35, 0.4, 0.08)), Block("input", (0.3, 0.25, 0.4, 0.08)),
              Block("text", (0.3, 0.17, 0.4, 0.03), style="body"),
              Block("heading", (0.3, 0.10, 0.4, 0.06), role="text", style="h1")]
    btn, lower, upper, sub, head = fill_blocks(blocks, "sign in page for a bank", 1920, 1080, theme).elements
    assert upper.props["label"] == "Email" and lower.props["label"] == "Password"
    assert head.text == "Welcome back" and sub.text.startswith("Sign in to continue")
    assert upper.box[1] < lower.box[1] and btn.kind == "button"  # drawn first, as sampled


def test_two_cards_never_share_a_title(theme):
    """A list card and a text card on one page take different titles (the domain's list title
    goes to the first only)."""
    blocks = [Block("card", (0.05, 0.1, 0.4, 0.4), content="list"), Block("card", (0.5, 0.1, 0.4, 0.4), content="text"),
              Block("card", (0.05, 0.55, 0.4, 0.4), content="text")]
    sc = fill_blocks(blocks, "team overview dashboard for a project tracker", 1920, 1080, theme)
    titles = [next(c.text for c in e.children if c.text) for e in sc.elements]
    assert titles[0] == "Team workload" and len(set(titles)) == 3


def test_breadcrumb_drops_leading_crumbs_to_fit(theme):
    wide = fill_blocks([Block("breadcrumb", (0.05, 0.05, 0.4, 0.03))], "checkout page", 1920, 1080, theme)
    narrow = fill_blocks([Block("breadcrumb", (0.05, 0.05, 0.07, 0.03))], "checkout page", 1920, 1080, theme)
    assert wide.elements[0].props["items"] == ["Home", "Shop", "Checkout"]
    items = narrow.elements[0].props["items"]
    assert items[-1] == "Checkout" and len(items) < 3


def test_blocks_from_dicts_and_bad_blocks_are_skipped(theme):
    ex = sample_example(random.Random(9), device="mobile", archetype="inbox", theme=theme)
    blocks = [Block.from_dict(b.to_dict()) for b in scene_blocks(ex.scene)]
    bad = [Block("null", (0.1, 0.1, 0.2, 0.2)), Block("spaceship", (0.1, 0.1, 0.2, 0.2)),
           Block("card", (0.5, 0.5, 0.0, 0.3), content="kpi"), Block("card", (float("nan"), 0.1, 0.2, 0.2)),
           Block("button", (0.1, 0.1, float("inf"), 0.05))]
    sc = fill_blocks(blocks + bad, ex.caption, 430, 932, theme)
    assert len(sc.elements) == len(blocks)
    # boxes past the canvas edge are clipped to it
    sc = fill_blocks([Block("card", (0.8, 0.9, 0.5, 0.5), content="list")], "inbox", 1920, 1080, theme)
    x, y, w, h = sc.elements[0].box
    assert x + w <= 1920.5 and y + h <= 1080.5
    with pytest.raises(ValueError, match="unknown device"):
        fill_blocks(blocks, "x", 100, 100, theme, device="watch")


def test_fill_is_deterministic_and_seeded(theme):
    ex = sample_example(random.Random(4), device="desktop", archetype="dashboard", theme=theme)
    blocks = scene_blocks(ex.scene)
    a = fill_blocks(blocks, ex.caption, 1920, 1080, theme, seed=1)
    b = fill_blocks(blocks, ex.caption, 1920, 1080, theme, seed=1)
    c = fill_blocks(blocks, ex.caption, 1920, 1080, theme, seed=2)
    assert a == b and a != c


def _content_edges(sc, skip=("navbar", "sidebar", "footer")):
    boxes = [e.box for e in sc.elements if e.kind not in skip]
    return min(b[0] for b in boxes), max(b[0] + b[2] for b in boxes)


@pytest.mark.parametrize("device,size,nav_h", [("desktop", (1920, 1080), 0.08), ("tablet", (1366, 1024), 0.07),
                                               ("mobile", (430, 932), 0.07)])
def test_sampled_content_keeps_the_top_bars_inset(theme, device, size, nav_h):
    # the layout pass leaves content a small margin from the edges; the fill lines it up with the bar's logo
    W, H = size
    m = 12 / W
    blocks = [Block("navbar", (0.0, 0.0, 1.0, nav_h)), Block("heading", (m, nav_h + 0.03, 0.3, 0.04), style="h2"),
              Block("card", (m, nav_h + 0.1, 0.55 - m, 0.5), content="form"),
              Block("card", (0.57, nav_h + 0.1, 0.43 - m, 0.5), content="list")]
    sc = fill_blocks(blocks, "checkout page with order summary", W, H, theme, device=device)
    bar = sc.elements[0]
    assert bar.kind == "navbar"
    inset = min(c.box[0] for c in bar.children) - bar.box[0]  # where the bar's first item (the logo) starts
    assert inset >= 12
    left, right = _content_edges(sc)
    assert abs(left - inset) <= 1 and abs((W - right) - inset) <= 1, (inset, left, W - right)
    # without the page layout (a designed page) the boxes stay where they were
    kept = fill_blocks(blocks, "checkout page with order summary", W, H, theme, device=device, page_layout=False)
    assert abs(_content_edges(kept)[0] - 12) <= 1


def test_content_starts_one_gutter_right_of_a_sidebar(theme):
    blocks = [Block("sidebar", (0.0, 0.0, 0.12, 1.0)), Block("navbar", (0.12, 0.0, 0.88, 0.07)),
              Block("heading", (0.126, 0.1, 0.3, 0.05), style="h2"),
              Block("card", (0.126, 0.2, 0.86, 0.3), content="table")]
    sc = fill_blocks(blocks, "orders admin", 1920, 1080, theme)
    side = next(e for e in sc.elements if e.kind == "sidebar")
    left, _right = _content_edges(sc)
    assert left > side.box[0] + side.box[2]
    assert abs(left - (side.box[0] + side.box[2]) - 24) <= 1  # harbor's 24 px gutter


def _bottom_gap(card):
    """How far a card's bottom edge is below the bottom of what it holds."""
    inner = max(c.box[1] + c.box[3] for c in card.walk() if c is not card)
    return card.box[1] + card.box[3] - inner


def test_cards_hug_their_content_and_rows_below_move_up(theme):
    # two tall cards with little in them, a row of figures under them
    blocks = [Block("navbar", (0.0, 0.0, 1.0, 0.08)),
              Block("card", (0.025, 0.12, 0.55, 0.6), content="form"),
              Block("card", (0.6, 0.12, 0.375, 0.6), content="summary"),
              Block("card", (0.025, 0.75, 0.95, 0.2), content="text")]
    sc = fill_blocks(blocks, "checkout page with order summary", 1920, 1080, theme)
    form, summary, below = sc.elements[1:]
    assert form.box[3] == summary.box[3]  # a row keeps one height
    assert form.box[3] < 0.6 * 1080 - 40  # shrunk from the sampled box
    # the row ends at its tallest content plus the card's padding (24 px in harbor)
    assert min(_bottom_gap(form), _bottom_gap(summary)) <= 24 + 2
    # the card under the row moved up with it, keeping the sampled gap between them
    sampled_gap = (0.75 - 0.72) * 1080
    assert abs(below.box[1] - (form.box[1] + form.box[3]) - sampled_gap) <= 1
    assert _bottom_gap(below) <= 24 + 2


def test_panes_and_charts_keep_their_height(theme):
    blocks = [Block("navbar", (0.0, 0.0, 1.0, 0.08)),
              Block("card", (0.025, 0.12, 0.3, 0.85), content="chat"),
              Block("card", (0.35, 0.12, 0.625, 0.5), content="chart-line")]
    sc = fill_blocks(blocks, "team chat with analytics", 1920, 1080, theme)
    chat, chart = sc.elements[1:]
    assert abs(chat.box[3] - 0.85 * 1080) <= 1 and abs(chart.box[3] - 0.5 * 1080) <= 1


def test_a_card_beside_a_full_height_pane_keeps_the_rows_height(theme):
    blocks = [Block("navbar", (0.0, 0.0, 1.0, 0.08)),
              Block("card", (0.025, 0.12, 0.6, 0.8), content="calendar"),
              Block("card", (0.65, 0.12, 0.325, 0.8), content="text")]
    sc = fill_blocks(blocks, "bookings calendar for a dental practice", 1920, 1080, theme)
    cal, side = sc.elements[1:]
    assert cal.box[3] == side.box[3] and abs(cal.box[3] - 0.8 * 1080) <= 1
    # a card sampled a little shorter than the pane keeps its own height, not its content's
    blocks[2] = Block("card", (0.65, 0.12, 0.325, 0.75), content="text")
    side = fill_blocks(blocks, "bookings calendar for a dental practice", 1920, 1080, theme).elements[2]
    assert abs(side.box[3] - 0.75 * 1080) <= 1
