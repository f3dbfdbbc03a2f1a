"""Every element kind drawn on its own: visible, inside its box, on palette, at tiny and huge
sizes, with missing or malformed props; the newer kinds show the content their props name."""

from __future__ import annotations

import re
import shutil
from collections import Counter

import numpy as np
import pytest

from engine import Engine
from engine.render.canvas import Canvas
from engine.render.components import Renderer
from engine.render.contact_sheet import SAMPLES, sheet_scene
from engine.render.theme import Theme
from eval import palette_adherence
from ingest.colour import contrast, parse_hex
from scene.blocks import BLOCK_KINDS, FIRST_KINDS
from scene.model import KIND_DOCS, KINDS, Element
from tests.conftest import SAMPLES as SAMPLE_DIR

#: Kinds added to the scene vocabulary after the block models were trained.
NEW_KINDS = tuple(k for k in KINDS if k not in BLOCK_KINDS[:FIRST_KINDS])  # kinds added since the first models
#: Containers that draw nothing themselves (their children draw).
INVISIBLE = {"list"}
#: Kinds that draw nothing until their props name content (a breadcrumb without items).
NEEDS_PROPS = {"breadcrumb"}
#: Kinds meant to reach past their box: a modal's scrim covers the page.
UNBOXED = {"modal"}


@pytest.fixture(scope="module", params=["harbor", "circuit"])
def theme(request, tmp_path_factory):
    dst = tmp_path_factory.mktemp("sys") / request.param
    shutil.copytree(SAMPLE_DIR / request.param, dst, ignore=shutil.ignore_patterns(".onbrand*"))
    return Theme(Engine.from_folder(dst, store=dst.parent / "store").ds)


def _palette(theme):
    return theme.ds.role_map() | {c.name: c.hex for c in theme.ds.colors}


def _draw(theme, el, size=(480, 400), scale=1.0, shadows=False):
    bg = theme.color("background")
    cv = Canvas(*size, bg)
    r = Renderer(theme, scale)
    if not shadows:  # elevation is meant to spill past the box: look at the element itself
        r._elevation = lambda *a, **k: None
    r.element(cv, el, bg)
    return np.asarray(cv.image()).astype(int), r, cv, bg


def _ink(img, bg):
    return np.abs(img - np.array(parse_hex(bg)[0])).sum(axis=2) > 6


def _sample(kind, box, scale=1.0):
    s = SAMPLES.get(kind)
    if s is None:
        return Element(id=f"probe-{kind}", kind=kind, box=box, text="Sample")
    return Element(id=f"probe-{kind}", kind=kind, box=box, text=s.text, variant=s.variant, props=dict(s.props),
                   role=s.role, style=s.style)


def test_the_vocabulary_grew_and_the_block_vocabulary_kept_its_first_indices():
    assert len(KINDS) >= 55 and len(set(KINDS)) == len(KINDS)
    assert set(KIND_DOCS) == set(KINDS)
    assert BLOCK_KINDS[0] == "null" and FIRST_KINDS == 31
    assert BLOCK_KINDS[1:FIRST_KINDS] == KINDS[:30]  # the first models' kinds keep their indices
    assert set(BLOCK_KINDS[1:]) == set(KINDS)  # every kind can be sampled by a model trained on plans
    assert all(hasattr(Renderer, f"k_{k}") for k in KINDS)
    assert set(SAMPLES) >= set(KINDS) - {"modal"}


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_with_only_a_label_draws_inside_its_box(theme, kind):
    """No props at all (what a generated scene gives): the kind still draws, all of it inside
    its box."""
    box = (40.0, 40.0, 360.0, 300.0)
    img, _, _, bg = _draw(theme, Element(id=f"bare-{kind}", kind=kind, box=box, text="Sample"))
    ink = _ink(img, bg)
    if kind in INVISIBLE | NEEDS_PROPS:
        assert not ink.any()
        return
    ys, xs = np.nonzero(ink)
    assert len(xs), f"{kind} drew nothing"
    if kind not in UNBOXED:
        x, y, w, h = box
        assert xs.min() >= x - 1 and xs.max() <= x + w + 1 and ys.min() >= y - 1 and ys.max() <= y + h + 1, \
            (kind, xs.min(), xs.max(), ys.min(), ys.max())


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("width", [400.0, 200.0])
def test_each_kinds_example_stays_inside_its_box_and_on_palette(theme, kind, width):
    """The contact sheet's example of each kind, at its width and squeezed to half of it."""
    if kind in UNBOXED | INVISIBLE:
        pytest.skip("drawn past its box on purpose" if kind in UNBOXED else "draws nothing itself")
    s = SAMPLES[kind]
    w = min(s.w, width)
    box = (20.0, 20.0, w, float(s.h))
    img, r, _, bg = _draw(theme, _sample(kind, box), size=(int(w) + 40, int(s.h) + 40))
    ys, xs = np.nonzero(_ink(img, bg))
    assert len(xs), f"{kind} drew nothing"
    x, y, bw, bh = box
    assert xs.min() >= x - 1 and xs.max() <= x + bw + 1 and ys.min() >= y - 1 and ys.max() <= y + bh + 1, \
        (kind, xs.min(), xs.max(), ys.min(), ys.max())
    for rx, ry, rw, rh, *_ in r.text_runs:
        assert rx >= x - 0.5 and rx + rw <= x + bw + 0.5, (kind, rx, rw)
    rep = palette_adherence(img.astype(np.uint8), _palette(theme))
    assert rep.palette_adherence >= 0.97, (kind, rep.off_palette[:3])


@pytest.mark.parametrize("kind", KINDS)
def test_each_kinds_text_meets_wcag_aa_on_what_is_under_it(theme, kind):
    if kind in UNBOXED | INVISIBLE:
        pytest.skip("no text of its own")
    s = SAMPLES[kind]
    box = (20.0, 20.0, float(s.w), float(s.h))
    img, r, _, _ = _draw(theme, _sample(kind, box), size=(int(s.w) + 40, int(s.h) + 40), shadows=True)
    for x, y, w, h, col, large in r.text_runs:
        region = img[max(0, int(y)):int(y + h), max(0, int(x)):int(x + w) + 1].reshape(-1, 3)
        if not len(region):
            continue
        under = Counter(map(tuple, region)).most_common(1)[0][0]
        ratio = contrast(parse_hex(col)[0], tuple(int(v) for v in under))
        assert ratio >= (3.0 if large else 4.5) - 0.05, (kind, col, under, ratio)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("side", [0.0, 0.5, 1.0, 3.0, 12.0])
def test_each_kind_survives_degenerate_boxes(theme, kind, side):
    img, _, _, bg = _draw(theme, _sample(kind, (30.0, 30.0, side, side)), size=(120, 120))
    if kind not in UNBOXED:  # nothing lands far from a tiny box (icons keep a minimum size)
        ys, xs = np.nonzero(_ink(img, bg))
        if len(xs):
            assert xs.min() >= 0 and ys.min() >= 0


@pytest.mark.parametrize("kind", NEW_KINDS)
def test_each_new_kind_draws_natively_at_4k_scale_inside_its_box(theme, kind):
    s = SAMPLES[kind]
    k = 4.0
    box = (8.0, 8.0, s.w * k, s.h * k)
    img, _, _, bg = _draw(theme, _sample(kind, box, k), size=(int(s.w * k) + 16, int(s.h * k) + 16), scale=k)
    ys, xs = np.nonzero(_ink(img, bg))
    assert len(xs)
    assert xs.max() <= box[0] + box[2] + 1 and ys.max() <= box[1] + box[3] + 1


def _props_named(kind: str) -> list[str]:
    return sorted(set(re.findall(r"props\.(\w+)", KIND_DOCS[kind])))


@pytest.mark.parametrize("kind", NEW_KINDS)
@pytest.mark.parametrize("junk", [None, "", "x, y", -3, 1e9, float("nan"), [None, 7, ["a"]], {"a": 1}])
def test_each_new_kind_survives_props_of_the_wrong_type(theme, kind, junk):
    names = _props_named(kind)
    assert names or kind in ("skeleton",), f"{kind} documents no props"
    el = Element(id="junk", kind=kind, box=(10.0, 10.0, 300.0, 240.0), text="Sample", props={n: junk for n in names})
    _draw(theme, el, size=(320, 260))


def _labels(cv) -> list[str]:
    return re.findall(r'aria-label="([^"]*)"', cv.svg())


@pytest.mark.parametrize("kind,props,text,want", [
    ("kanban_column", {"cards": ["Draft brief", ["Audit tokens", "Design"]], "count": 7}, "In progress",
     ["In progress", "7", "Draft brief", "Audit tokens", "Design"]),
    ("media_controls", {"buttons": ["Mute", "Camera", "Leave"]}, "", ["Mute", "Camera", "Leave"]),
    ("menu", {"items": ["Rename", "-", "Archive"]}, "", ["Rename", "Archive"]),
    ("chip", {"items": ["Vegan", "Quick"]}, "", ["Vegan", "Quick"]),
    ("segmented", {"items": ["List", "Board"], "active": 1}, "", ["List", "Board"]),
    ("accordion", {"items": ["Ingredients", "Method"], "open": 1, "body": "Whisk the eggs."}, "",
     ["Ingredients", "Method", "Whisk the eggs."]),
    ("timeline", {"items": [["Boarding", "10:05"], "Departed"]}, "", ["Boarding", "10:05", "Departed"]),
    ("description_list", {"items": {"Invoice": "INV-7", "Total": "$90.00"}}, "", ["Invoice", "INV-7", "$90.00"]),
    ("tree", {"items": ["docs", "  guide.md"]}, "", ["docs", "guide.md"]),
    ("stat", {"value": "1,204", "delta": "-3%"}, "Visitors", ["Visitors", "1,204", "-3%"]),
    ("toast", {"message": "Try another card.", "action": "Retry"}, "Payment failed",
     ["Payment failed", "Try another card.", "Retry"]),
    ("stories", {"names": ["Ana", "Bo"], "add": False}, "", ["Ana", "Bo"]),
    ("map", {"pins": ["Home", [0.8, 0.3, "Office"]]}, "", ["Home", "Office"]),
    ("file_tile", {"meta": "12 KB"}, "notes.txt", ["notes.txt", "12 KB"]),
    ("time_picker", {"slots": ["08:00", "08:30"], "value": "08:30"}, "", ["08:00", "08:30"]),
    ("comment", {"body": "Ship it.", "actions": ["Reply"]}, "Kenji Sato", ["Kenji Sato", "Ship it.", "Reply"]),
    ("code", {"lines": ["let total = 0"]}, "", ["let", "total"]),
    ("bottom_sheet", {"items": ["Save offline"]}, "Options", ["Options", "Save offline"]),
])
def test_props_become_what_is_drawn(theme, kind, props, text, want):
    el = Element(id="p", kind=kind, box=(10.0, 10.0, 420.0, 420.0), text=text, props=props)
    _, _, cv, _ = _draw(theme, el, size=(440, 440))
    got = " | ".join(_labels(cv))
    for w in want:
        assert w in got, (kind, w, got)


def _count(img, hex_):
    return int((np.abs(img - np.array(parse_hex(hex_)[0])).max(axis=2) <= 2).sum())


@pytest.mark.parametrize("kind,key,colour_role", [
    ("slider", "value", "primary"), ("progress_ring", "value", "primary"), ("gauge", "value", "primary"),
    ("rating", "value", "warning"),
])
def test_a_larger_value_fills_more(theme, kind, key, colour_role):
    def share(v):
        el = Element(id="v", kind=kind, box=(10.0, 10.0, 240.0, 140.0), props={key: v})
        img, *_ = _draw(theme, el, size=(260, 160))
        return _count(img, theme.color(colour_role))

    lo, hi = (1.0, 4.0) if kind == "rating" else (0.2, 0.8)
    assert share(hi) > 1.5 * share(lo) > 0


def test_a_kanban_column_draws_as_many_cards_as_fit(theme):
    def cards(n):
        el = Element(id="k", kind="kanban_column", box=(10.0, 10.0, 280.0, 900.0), text="Done",
                     props={"cards": [f"Task {i}" for i in range(n)], "add": False})
        _, _, cv, _ = _draw(theme, el, size=(300, 920))
        return sum(1 for t in _labels(cv) if t.startswith("Task"))

    assert cards(2) == 2 and cards(5) == 5
    assert cards(40) < 40  # a column shows what fits and stops


def test_the_contact_sheet_has_every_kind_and_keeps_its_elements_apart():
    for device in ("desktop", "mobile"):
        scene = sheet_scene(device, scale=1.0)
        kinds = {e.kind for e in scene.walk()}
        assert kinds >= set(KINDS) - {"modal"}
        boxes = [e.box for e in scene.elements]
        for i, (x, y, w, h) in enumerate(boxes):
            assert x >= 0 and y >= 0 and x + w <= scene.width + 0.5 and y + h <= scene.height + 0.5
            for (x2, y2, w2, h2) in boxes[i + 1:]:
                assert x + w <= x2 or x2 + w2 <= x or y + h <= y2 or y2 + h2 <= y  # no overlaps


def test_a_one_letter_chip_is_drawn_in_a_box_that_fits_it():
    """Size chips ("S", "M", "L", "XL") are narrower than a chip with an icon: each still shows."""
    from engine.render.export import draw_scene
    from engine.training.ui_clip import system_theme
    from scene.model import Element, Scene

    theme = system_theme(("ember", {"theme": "dark"}))
    els = [Element(id=f"c{i}", kind="chip", box=(15 + 45 * i, 73, w, 29), text=t)  # the composer's widths
           for i, (t, w) in enumerate(zip("SML", (35, 40, 35)))]
    svg = draw_scene(theme, Scene(width=390, height=200, scale=1.0, seed=0, prompt="", archetype="plan",
                                  elements=els)).svg()
    assert all(f">{t}</text>" in svg for t in "SML")
    assert svg.count("<rect") >= 3 + 1  # a pill behind each (and the page)


def test_a_chart_axis_ticks_read_round():
    """Four ticks of a round step: 4, 8, 12, 16 for a top value of 14.9, never 3.75 or 11.2."""
    from engine.render.charts import _nice_max, _short

    for top, ticks in ((14.9, ["0", "4", "8", "12", "16"]), (95, ["0", "25", "50", "75", "100"]),
                       (0.9, ["0", "0.25", "0.5", "0.75", "1"]), (60, ["0", "15", "30", "45", "60"])):
        m = _nice_max(top)
        assert m >= top and [_short(m * i / 4) for i in range(5)] == ticks


def test_a_map_draws_the_ground_it_covers(theme):
    """A harbour's map is water with pontoons, open country has contour lines and no street grid,
    and both differ from a town's streets; the water takes the secondary colour where that is a
    quiet tint and the border colour where it is a saturated accent (Circuit's violet)."""
    def draw(terrain):
        el = Element(id="m", kind="map", box=(10.0, 10.0, 400.0, 300.0), props={"pins": [], "terrain": terrain,
                                                                                "zoom": False})
        img, *_ = _draw(theme, el, size=(420, 320))
        return img[10:310, 10:410]

    town, water, outdoor = draw("town"), draw("water"), draw("outdoor")
    assert (np.abs(town.astype(int) - water).max(axis=2) > 8).mean() > 0.3
    assert (np.abs(town.astype(int) - outdoor).max(axis=2) > 8).mean() > 0.1
    from engine.render.theme import chroma

    sea = theme.color("secondary") if chroma(theme.color("secondary")) < 30 else theme.color("border")
    assert _count(water, sea) > 0.3 * water.shape[0] * water.shape[1]  # mostly water, in a quiet colour


def test_a_chart_of_values_below_zero_reads_them_below_its_zero_line(theme):
    """Road temperatures around freezing: the axis runs below zero with round ticks and a
    negative bar hangs under the zero line rather than vanishing."""
    from engine.render.charts import _nice_range

    assert _nice_range(-5.2, 2.1) == (-7.5, 2.5) and _nice_range(0, 7) == (0.0, 8)

    def bars(values):
        el = Element(id="c", kind="chart", variant="bar", box=(10.0, 10.0, 300.0, 200.0),
                     props={"series": [values], "labels": ["A", "B"]})
        img, _, cv, _ = _draw(theme, el, size=(320, 220))
        on = (np.abs(img - np.array(parse_hex(theme.chart[0])[0])).max(axis=2) <= 2)
        half = on.shape[1] // 2 + 20  # the plot starts after its tick labels: bar A left of this, B right
        return np.nonzero(on[:, :half].any(axis=1))[0], np.nonzero(on[:, half:].any(axis=1))[0], _labels(cv)

    a, b, labels = bars([-4, 2])
    assert a.min() >= b.max() - 2  # A hangs from the zero line B stands on
    assert any(t.startswith("−") for t in labels), labels
    a, b, _ = bars([4, 2])
    assert a.max() == b.max()  # both stand on the axis' foot
