"""Example screens → layouts: SVG and raster readers agree and find what a designer sees."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from scene.blocks import Block
from ingest.model import FileExtract
from ingest.raster import read_raster
from ingest.screens import layout_summary, raster_screen_blocks, svg_screen_blocks
from ingest.svg import read_svg
from tests.conftest import SAMPLE_NAMES, SAMPLES


def _iou(a, b) -> float:
    iw = max(0.0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    ih = max(0.0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    inter = iw * ih
    union = a[2] * a[3] + b[2] * b[3] - inter
    return inter / union if union else 0.0


def _matched_iou(ref: list[Block], other: list[Block]) -> tuple[float, int]:
    """Greedy one-to-one matching by IoU: (mean IoU of matched pairs, pairs matched)."""
    pairs = sorted(((_iou(a.box, b.box), i, j) for i, a in enumerate(ref) for j, b in enumerate(other)),
                   reverse=True)
    used_a, used_b, ious = set(), set(), []
    for iou, i, j in pairs:
        if iou <= 0.1 or i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        ious.append(iou)
    return (sum(ious) / len(ious) if ious else 0.0), len(ious)


_CACHE: dict[tuple[str, str, str], list[Block]] = {}


def _blocks(system: str, screen: str, fmt: str) -> list[Block]:
    key = (system, screen, fmt)
    if key not in _CACHE:
        path = SAMPLES / system / "screens" / f"{screen}.{fmt}"
        _CACHE[key] = svg_screen_blocks(path) if fmt == "svg" else raster_screen_blocks(path.read_bytes())
    return _CACHE[key]


@pytest.mark.parametrize("fmt", ["svg", "png"])
@pytest.mark.parametrize("system", SAMPLE_NAMES)
def test_dashboard_has_navigation_cards_and_a_chart(system, fmt):
    blocks = _blocks(system, "dashboard", fmt)
    kinds = [b.kind for b in blocks]
    assert "sidebar" in kinds or "navbar" in kinds
    cards = [b for b in blocks if b.kind == "card"]
    assert len(cards) >= 3
    assert sum(b.content == "kpi" for b in cards) >= 3
    assert any(b.content.startswith("chart-") for b in cards)
    assert any(b.kind == "button" and b.variant == "primary" for b in blocks)


@pytest.mark.parametrize("fmt", ["svg", "png"])
@pytest.mark.parametrize("system", SAMPLE_NAMES)
def test_sign_in_has_inputs_and_a_primary_button(system, fmt):
    blocks = _blocks(system, "sign-in", fmt)
    inputs = [b for b in blocks if b.kind == "input"]
    assert len(inputs) >= 2
    primary = [b for b in blocks if b.kind == "button" and b.variant == "primary"]
    assert primary
    # The submit button sits below the fields.
    assert primary[0].box[1] > max(b.box[1] for b in inputs)
    assert any(b.kind == "card" and b.content == "form" for b in blocks)


@pytest.mark.parametrize("fmt", ["svg", "png"])
@pytest.mark.parametrize("system", SAMPLE_NAMES)
def test_list_screen_has_a_table(system, fmt):
    blocks = _blocks(system, "list", fmt)
    assert any(b.kind == "card" and b.content == "table" for b in blocks)


@pytest.mark.parametrize("screen", ["dashboard", "list", "sign-in"])
@pytest.mark.parametrize("system", SAMPLE_NAMES)
def test_svg_and_png_of_one_screen_give_similar_layouts(system, screen):
    svg, png = _blocks(system, screen, "svg"), _blocks(system, screen, "png")
    mean_iou, _ = _matched_iou(svg, png)
    assert mean_iou >= 0.5
    big = [b for b in svg if b.kind in ("sidebar", "navbar", "card")]
    big_png = [b for b in png if b.kind in ("sidebar", "navbar", "card")]
    _, big_matched = _matched_iou(big, big_png)
    assert big_matched == len(big)  # every container is found in the pixels too


@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_boxes_are_normalised_and_in_reading_order(fmt):
    blocks = _blocks("harbor", "dashboard", fmt)
    for b in blocks:
        x, y, w, h = b.box
        assert 0 <= x <= 1 and 0 <= y <= 1 and 0 < w <= 1 and 0 < h <= 1
        assert x + w <= 1.001 and y + h <= 1.001
    keys = [(round(b.box[1], 2), b.box[0]) for b in blocks]
    assert keys == sorted(keys)


def test_transforms_and_nested_viewports_place_elements(tmp_path):
    """A card drawn inside translate + scale groups lands where the transforms put it."""
    svg = tmp_path / "screen.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="500" viewBox="0 0 1000 500">'
        '<rect width="1000" height="500" fill="#f0f0f0"/>'
        '<g transform="translate(100 50)"><g transform="scale(2)">'
        '<rect x="0" y="0" width="200" height="100" rx="8" fill="#ffffff" stroke="#cccccc"/>'
        '<text x="10" y="30" font-size="24">42,000</text><text x="10" y="60" font-size="8">Revenue</text>'
        '</g></g>'
        '<rect x="600" y="400" width="160" height="40" rx="6" fill="#1144aa"/>'
        '<text x="680" y="426" font-size="14" text-anchor="middle" fill="#ffffff">Save</text>'
        '</svg>'
    )
    blocks = svg_screen_blocks(svg)
    card = next(b for b in blocks if b.kind == "card")
    assert card.box == pytest.approx((0.1, 0.1, 0.4, 0.4), abs=1e-3)
    button = next(b for b in blocks if b.kind == "button")
    assert button.variant == "primary"
    assert button.box == pytest.approx((0.6, 0.8, 0.16, 0.08), abs=1e-3)


def test_raster_blocks_of_a_drawn_page():
    """Pixels only: a sidebar, two cards and a primary button drawn with Pillow."""
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (1200, 800), "#f4f6f8")
    d = ImageDraw.Draw(im)
    d.rectangle((0, 0, 220, 799), fill="#ffffff")
    d.rounded_rectangle((260, 120, 640, 320), 10, fill="#ffffff", outline="#d0d7de")
    d.rounded_rectangle((680, 120, 1160, 320), 10, fill="#ffffff", outline="#d0d7de")
    d.rounded_rectangle((1000, 40, 1160, 84), 8, fill="#0b5cad")
    d.text((1050, 55), "Create", fill="#ffffff")
    blocks = raster_screen_blocks(im)
    kinds = [b.kind for b in blocks]
    assert kinds.count("sidebar") == 1 and kinds.count("card") == 2
    button = next(b for b in blocks if b.kind == "button")
    assert button.variant == "primary"
    assert _iou(button.box, (1000 / 1200, 40 / 800, 160 / 1200, 44 / 800)) >= 0.7


def test_featureless_and_tiny_images_give_no_blocks():
    from PIL import Image

    assert raster_screen_blocks(Image.new("RGB", (640, 400), "#ffffff")) == []
    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "#123456").save(buf, "PNG")
    assert raster_screen_blocks(buf.getvalue()) == []


def test_readers_put_the_layout_into_the_screen_chunk():
    root = SAMPLES / "harbor"
    ex_svg = read_svg(root / "screens" / "dashboard.svg", "screens/dashboard.svg", root)
    ex_png = read_raster(root / "screens" / "dashboard.png", "screens/dashboard.png")
    for ex in (ex_svg, ex_png):
        chunk = ex.chunks[0]
        assert chunk.kind == "screen"
        blocks = [Block.from_dict(b) for b in chunk.meta["blocks"]]
        assert sum(b.kind == "card" for b in blocks) >= 3
        assert chunk.text.startswith("screen dashboard.")
        assert "sidebar left" in chunk.text and "4 KPI cards" in chunk.text and "line chart" in chunk.text
        # Extracts are cached as JSON: the layout must survive the round trip exactly.
        assert FileExtract.model_validate_json(ex.model_dump_json()) == ex
        json.dumps(chunk.meta)


def test_non_screens_get_no_layout():
    root = SAMPLES / "harbor"
    ex = read_svg(root / "logo.svg", "logo.svg", root)
    assert "blocks" not in ex.chunks[0].meta


def test_layout_summary_names_the_parts():
    blocks = [Block("sidebar", (0, 0, 0.2, 1)), Block("navbar", (0.2, 0, 0.8, 0.08))]
    blocks += [Block("card", (0.25 + 0.18 * i, 0.2, 0.16, 0.12), content="kpi") for i in range(4)]
    blocks += [Block("card", (0.25, 0.4, 0.7, 0.5), content="chart-line")]
    text = layout_summary("dashboard.svg", blocks)
    assert text == "screen dashboard.svg: sidebar left, top bar, 4 KPI cards, line chart"


def test_sample_screens_exist():
    for name in SAMPLE_NAMES:
        for screen in ("dashboard", "list", "sign-in"):
            assert Path(SAMPLES / name / "screens" / f"{screen}.svg").is_file()


@pytest.mark.parametrize("body", [
    "",
    '<rect width="100" height="50"/>',
    '<g transform="translate(oops) scale()"><rect x="a" y="b" width="-5" height="1e9"/></g>',
    '<path d="M 10 10 L 20 Q z 3 4 5 A"/><text>no size</text><text font-size="big"> </text>',
    '<svg><svg width="0" height="0"/></svg><polyline points="1,2 3"/><circle r="-1"/>',
    '<g transform="rotate(45 50 50) matrix(1 0 0 1 5 5) skewX(10)"><line x1="0" y1="0" x2="9" y2="9"/></g>',
])
def test_odd_svgs_never_raise(tmp_path, body):
    svg = tmp_path / "odd-screen.svg"
    svg.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">{body}</svg>')
    blocks = svg_screen_blocks(svg)
    assert all(0 <= v <= 1 for b in blocks for v in b.box)
    ex = read_svg(svg, "screens/odd-screen.svg", tmp_path)
    assert ex.chunks[0].kind == "screen" and "blocks" in ex.chunks[0].meta


@pytest.fixture(scope="module")
def token_only_engine(tmp_path_factory):
    """An engine on Harbor's tokens alone (fast to read), to render screens with known blocks."""
    import shutil

    from engine.api import Engine
    from ingest.folder import ingest_folder

    root = tmp_path_factory.mktemp("harbor-tokens")
    shutil.copytree(SAMPLES / "harbor" / "tokens", root / "tokens")
    return Engine(ingest_folder(root))


@pytest.mark.parametrize("prompt", ["analytics dashboard", "orders table admin", "account settings",
                                    "checkout payment"])
def test_layout_of_a_rendered_mock_matches_its_scene(token_only_engine, prompt, tmp_path):
    """The engine's own mocks come with their true blocks: the pixels alone, and the SVG (text
    outlined as glyphs), must find every container (sidebar, top bar, cards) and place the
    matched blocks closely."""
    from scene.blocks import scene_blocks

    gen = token_only_engine.generate(prompt, sampler="procedural", size=(1440, 900))
    truth = scene_blocks(gen.scene)
    svg = tmp_path / "mock.svg"
    svg.write_text(gen.svg)
    big = [b for b in truth if b.kind in ("sidebar", "navbar", "card")]
    for found in (raster_screen_blocks(gen.image), svg_screen_blocks(svg)):
        mean_iou, _ = _matched_iou(truth, found)
        assert mean_iou >= 0.7
        _, big_matched = _matched_iou(big, [b for b in found if b.kind in ("sidebar", "navbar", "card")])
        assert big_matched == len(big)
