"""PDF pages that show UI (a placed screenshot, a vector screen mock) become reference layouts."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pymupdf
import pytest
from PIL import Image, ImageDraw

from conditioning.retrieval import retrieve, screen_key
from scene.blocks import Block
from ingest.context_store import ContextStore
from ingest.pdf import ReadError, read_pdf
from ingest.pdf_screens import (
    MIN_FLAT_SHARE,
    _flat_share,
    _image_boxes,
    looks_like_ui,
    page_screens,
)
from tests.conftest import SAMPLES

A4 = (842.0, 595.0)  # landscape, points


def _png(im: Image.Image) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def _dashboard() -> bytes:
    """A 1200×750 dashboard screenshot: dark sidebar, white top bar with a primary button,
    three KPI cards and a chart card on a tinted page."""
    im = Image.new("RGB", (1200, 750), "#f4f5f7")
    d = ImageDraw.Draw(im)
    d.rectangle((0, 0, 219, 749), fill="#1f2937")
    for i in range(6):
        d.rectangle((24, 90 + 40 * i, 150, 100 + 40 * i), fill="#9ca3af")
    d.rectangle((220, 0, 1199, 63), fill="#ffffff")
    d.rounded_rectangle((1040, 14, 1176, 50), 6, fill="#0b5cad")
    d.rectangle((1080, 28, 1136, 36), fill="#ffffff")
    for i in range(3):
        x = 250 + i * 310
        d.rounded_rectangle((x, 100, x + 290, 260), 8, fill="#ffffff", outline="#d9dde3")
        d.rectangle((x + 20, 124, x + 120, 134), fill="#6b7280")
        d.rectangle((x + 20, 160, x + 150, 196), fill="#111827")
    d.rounded_rectangle((250, 290, 1170, 720), 8, fill="#ffffff", outline="#d9dde3")
    pts = [(290 + i * 80, 640 - (i * 37 % 190) - i * 12) for i in range(11)]
    d.line(pts, fill="#e4572e", width=4)
    return _png(im)


def _photo() -> bytes:
    """A 1200×800 photo-like picture: smooth colour gradients with grain."""
    rng = np.random.default_rng(0)
    y, x = np.mgrid[0:800, 0:1200]
    base = np.stack([120 + 80 * np.sin(x / 170.0), 110 + 60 * np.cos(y / 90.0), 90 + 50 * np.sin((x + y) / 230.0)], -1)
    px = np.clip(base + rng.normal(0, 18, base.shape), 0, 255).astype(np.uint8)
    return _png(Image.fromarray(px))


def _text_page(doc) -> None:
    page = doc.new_page(width=A4[0], height=A4[1])
    page.insert_text((40, 60), "Voice and tone", fontsize=24)
    page.insert_textbox(pymupdf.Rect(40, 90, 800, 400), "We write plainly. " * 60, fontsize=11)


def _screenshot_page(doc, png: bytes, caption: str) -> None:
    page = doc.new_page(width=A4[0], height=A4[1])
    page.insert_text((40, 60), "In use", fontsize=24)
    page.insert_image(pymupdf.Rect(40, 100, 520, 400), stream=png)
    page.insert_text((40, 418), caption, fontsize=9)


def _rect(page, r, fill=None, stroke=None, radius=None):
    page.draw_rect(pymupdf.Rect(r), color=stroke, fill=fill, radius=radius, width=0.5)


def _mock_page(doc) -> None:
    """A screen mock drawn in vectors: a 480×300 pt frame with a sidebar, a top bar with a
    search field and a button, and three cards with text."""
    page = doc.new_page(width=A4[0], height=A4[1])
    page.insert_text((40, 60), "Layout", fontsize=24)
    _rect(page, (60, 80, 540, 380), fill=(0.96, 0.97, 0.98), stroke=(0.8, 0.82, 0.85))
    _rect(page, (60, 80, 140, 380), fill=(0.06, 0.37, 0.44))
    for i in range(5):
        page.insert_text((72, 120 + 20 * i), f"Menu {i + 1}", fontsize=7, color=(1, 1, 1))
    _rect(page, (140, 80, 540, 110), fill=(1, 1, 1))
    _rect(page, (150, 87, 300, 103), fill=(1, 1, 1), stroke=(0.7, 0.7, 0.7), radius=0.2)
    page.insert_text((156, 98), "Search", fontsize=7, color=(0.4, 0.4, 0.4))
    _rect(page, (470, 87, 530, 103), fill=(0.06, 0.37, 0.44), radius=0.2)
    page.insert_text((484, 98), "New", fontsize=7, color=(1, 1, 1))
    for i in range(3):
        x = 152 + i * 128
        _rect(page, (x, 124, x + 120, 180), fill=(1, 1, 1), stroke=(0.85, 0.85, 0.85), radius=0.06)
        page.insert_text((x + 8, 142), "Revenue", fontsize=7)
        page.insert_text((x + 8, 170), "$12,400", fontsize=16)
    page.insert_text((60, 398), "Dashboard layout", fontsize=9)


def _swatch_page(doc) -> None:
    """A colour page: twelve labelled swatches on a panel (a frame full of rectangles, no UI)."""
    page = doc.new_page(width=A4[0], height=A4[1])
    page.insert_text((40, 60), "Colour", fontsize=24)
    _rect(page, (40, 80, 640, 440), fill=(0.97, 0.97, 0.97))
    for i in range(12):
        x, y = 60 + (i % 4) * 145, 100 + (i // 4) * 110
        _rect(page, (x, y, x + 120, y + 60), fill=((i * 0.08) % 1, 0.4, 1 - (i * 0.07) % 1))
        page.insert_text((x, y + 74), f"Brand {i + 1}  #{i:02d}5E71", fontsize=8)


@pytest.fixture(scope="module")
def guide(tmp_path_factory) -> Path:
    """Text page, dashboard screenshot, photo, vector mock, swatch panel (pages 1–5)."""
    path = tmp_path_factory.mktemp("pdf") / "guide.pdf"
    doc = pymupdf.open()
    _text_page(doc)
    _screenshot_page(doc, _dashboard(), "Example: analytics dashboard screen")
    _screenshot_page(doc, _photo(), "Our photography")
    _mock_page(doc)
    _swatch_page(doc)
    doc.save(str(path))
    return path


@pytest.fixture(scope="module")
def screens(guide) -> list:
    ex = read_pdf(guide, "guide.pdf")
    assert not ex.warnings
    return [c for c in ex.chunks if c.kind == "screen"]


def _blocks(chunk) -> list[Block]:
    return [Block.from_dict(b) for b in chunk.meta["blocks"]]


def test_only_the_screenshot_and_mock_pages_give_reference_layouts(screens):
    assert [c.meta["page"] for c in screens] == [2, 4]
    assert [c.meta["found"] for c in screens] == ["screenshot", "vector mock"]
    for c in screens:
        assert c.source.file == "guide.pdf" and c.id == f"guide.pdf#{c.source.locator}"
        assert c.source.locator.startswith(f"page {c.meta['page']}, screen 1 (")
        assert c.thumbnail.startswith(b"\x89PNG")


def _layout(chunk, region_pt):
    """The screen's blocks, their kinds and its one sidebar, after checking where it was found."""
    assert chunk.meta["region_pt"] == region_pt
    blocks = _blocks(chunk)
    kinds = [b.kind for b in blocks]
    assert kinds.count("sidebar") == 1
    return blocks, kinds, next(b for b in blocks if b.kind == "sidebar")


def test_screenshot_blocks_are_relative_to_the_screenshot(screens):
    shot = screens[0]
    blocks, kinds, sidebar = _layout(shot, [40.0, 100.0, 520.0, 400.0])
    assert kinds.count("navbar") == 1
    assert kinds.count("card") == 4
    assert sidebar.box == pytest.approx((0.0, 0.0, 220 / 1200, 1.0), abs=0.01)  # not page coordinates
    chart = max((b for b in blocks if b.kind == "card"), key=lambda b: b.box[2] * b.box[3])
    assert chart.content == "chart-line" and chart.box[1] == pytest.approx(290 / 750, abs=0.01)
    assert "sidebar left" in shot.text and "analytics dashboard screen" in shot.text


def test_vector_mock_blocks(screens):
    mock = screens[1]
    blocks, kinds, sidebar = _layout(mock, [60.0, 80.0, 540.0, 380.0])
    assert kinds.count("card") == 3
    assert sidebar.box == pytest.approx((0.0, 0.0, 80 / 480, 1.0), abs=0.01)
    assert "navbar" in kinds  # it holds the search field and the button
    assert sum(b.content == "kpi" for b in blocks if b.kind == "card") == 3
    assert "Dashboard layout" in mock.text


def test_photo_swatches_and_text_are_not_screens(guide):
    doc = pymupdf.open(str(guide))
    assert [len(page_screens(doc[i])) for i in range(doc.page_count)] == [0, 1, 0, 1, 0]
    # The photo is turned away by the flat-colour test before it is decoded at full size.
    (shot, _, _), (photo, _, _) = _image_boxes(doc[1])[0], _image_boxes(doc[2])[0]
    assert _flat_share(doc[2], photo) < MIN_FLAT_SHARE <= _flat_share(doc[1], shot)


def test_looks_like_ui_needs_structure():
    card = Block(kind="card", box=(0.1, 0.1, 0.3, 0.3), content="text")
    assert not looks_like_ui([card] * 12)  # a swatch grid
    assert not looks_like_ui([Block(kind="text", box=(0, 0, 1, 0.1))] * 6)
    ui = [Block(kind="sidebar", box=(0, 0, 0.2, 1)), card, card, Block(kind="text", box=(0.3, 0.5, 0.3, 0.05))]
    assert looks_like_ui(ui)
    assert not looks_like_ui(ui + [Block(kind="image", box=(0.2, 0, 0.8, 0.8))])


def test_encrypted_and_corrupt_pdfs_still_fail_cleanly(guide, tmp_path):
    doc = pymupdf.open(str(guide))
    locked = tmp_path / "locked.pdf"
    doc.save(str(locked), encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="u", owner_pw="o")
    with pytest.raises(ReadError, match="password"):
        read_pdf(locked, "locked.pdf")
    data = guide.read_bytes()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(data[: len(data) // 3])
    try:
        ex = read_pdf(broken, "broken.pdf")
    except ReadError as e:
        assert "\n" not in str(e)
    else:
        assert any("damaged" in w for w in ex.warnings)
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    with pytest.raises(ReadError):
        read_pdf(garbage, "garbage.pdf")


def test_screen_key_keeps_pdf_pages_apart():
    assert screen_key("screens/dashboard.svg") == screen_key("screens/dashboard.png")
    a, b = screen_key("guide.pdf", "page 2, screen 1 (…)"), screen_key("guide.pdf", "page 4, screen 1 (…)")
    assert a != b


@pytest.mark.slow
def test_retrieval_can_return_two_screens_of_one_pdf(screens):
    store = ContextStore.build(screens)
    got = retrieve(store, "dashboard screen with sidebar and cards", budget_tokens=1024, screens=2)
    assert sorted(r.locator for r in got if r.kind == "screen") == sorted(c.source.locator for c in screens)


@pytest.mark.slow
def test_search_finds_the_guides_dashboard_page(harbor, tmp_path):
    """`onbrand search harbor "dashboard screen" --kind screen` lists the guide's "In use" page."""
    from click.testing import CliRunner

    from onbrand.cli import main

    r = CliRunner().invoke(main, ["search", str(harbor), "dashboard screen", "--kind", "screen", "-k", "8",
                                  "--store", str(tmp_path / "st"), "--json"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    hits = json.loads(r.output)["results"]
    pdf = [h for h in hits if h["source"] == "guidelines.pdf"]
    assert pdf and all(h["kind"] == "screen" for h in hits)
    assert any(h["locator"].startswith("page 7, screen 1") and "dashboard" in h["text"] for h in pdf)


def test_sample_guides_show_their_screens():
    for system, page in (("harbor", 7), ("ember", 7), ("grove", 6)):
        doc = pymupdf.open(str(SAMPLES / system / "guidelines.pdf"))
        found = {i + 1: len(page_screens(doc[i])) for i in range(doc.page_count)}
        assert found == {i: (2 if i == page else 0) for i in found}, system


def test_an_image_on_many_pages_is_read_once(tmp_path, monkeypatch):
    from ingest import pdf_screens

    calls = []
    real = pdf_screens.raster_screen_blocks
    monkeypatch.setattr(pdf_screens, "raster_screen_blocks", lambda im: calls.append(im.size) or real(im))
    png = _dashboard()
    doc = pymupdf.open()
    xref = 0
    for i in range(3):
        page = doc.new_page(width=A4[0], height=A4[1])
        xref = page.insert_image(pymupdf.Rect(40, 100, 520, 400), stream=png, xref=xref)
    plain = doc.new_page(width=A4[0], height=A4[1])  # one flat colour: no screen, never analysed
    plain.insert_image(pymupdf.Rect(40, 100, 520, 400), stream=_png(Image.new("RGB", (1200, 750), "#0b5cad")))
    path = tmp_path / "repeat.pdf"
    doc.save(str(path))
    screens = [c for c in read_pdf(path, "repeat.pdf").chunks if c.kind == "screen"]
    assert [c.meta["page"] for c in screens] == [1, 2, 3] and len(calls) == 1
    assert screens[0].meta["blocks"] == screens[2].meta["blocks"]
