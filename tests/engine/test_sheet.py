"""The token sheet (`onbrand inspect`): what it draws, where, and how the command behaves."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from PIL import Image

from onbrand.cli import main
from engine.render.sheet import contrast_ratio, ellipsize_path, pretty_step, render_token_sheet, wcag_level
from engine.render.text import load_font
from ingest import ingest_folder
from ingest.model import Color, DesignSystem, Dimension, RoleAssignment, Source, TypeStyle

SRC = Source(file="tokens/t.tokens.json")
SAMPLES = Path(__file__).resolve().parents[2] / "sample_design_systems"


@pytest.fixture
def run():
    runner = CliRunner()

    def _run(*args):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    return _run


@pytest.fixture(scope="module")
def harbor_ds():
    return ingest_folder(SAMPLES / "harbor")


@pytest.fixture(scope="module")
def harbor_sheet(harbor_ds):
    return render_token_sheet(harbor_ds, width=1200)


def _tokens_folder(tmp_path, tokens: dict):
    folder = tmp_path / "tiny"
    (folder / "tokens").mkdir(parents=True)
    (folder / "tokens" / "tiny.tokens.json").write_text(json.dumps(tokens))
    return folder


def _pixel(img, box, fx=0.85, fy=0.85) -> str:
    """Colour of a point inside `box` away from the text placed at its top left."""
    x, y, w, h = box
    return "#{:02x}{:02x}{:02x}".format(*img.getpixel((int(x + w * fx), int(y + h * fy))))


def _minimal_ds(role_token: str = "color.brand") -> DesignSystem:
    def col(name, hex_):
        return Color(name=name, hex=hex_, lab=(0.0, 0.0, 0.0), source=SRC)

    return DesignSystem(
        name="minimal", root="/nowhere",
        colors=[col(role_token, "#3355aa"), col("color.paper", "#fafafa"), col("color.ink", "#111111")],
        roles=[RoleAssignment(role="primary", color=role_token, hex="#3355aa", reason="test"),
               RoleAssignment(role="background", color="color.paper", hex="#fafafa", reason="test"),
               RoleAssignment(role="text", color="color.ink", hex="#111111", reason="test")],
        type_scale=[TypeStyle(name="body", family="Nonexistent Sans", size=16, line_height=24, source=SRC)],
        spacing=[Dimension(name="s", px=8, source=SRC)],
    )


# -- the sheet ----------------------------------------------------------------------------


def test_every_role_swatch_shows_its_hex(harbor_ds, harbor_sheet):
    img = harbor_sheet.image()
    assert img.size == harbor_sheet.size and img.size[0] == 1200
    for r in harbor_ds.roles:
        box = harbor_sheet.boxes[f"role:{r.role}"]
        assert _pixel(img, box) == r.hex, r.role
        assert f'fill="{r.hex}"' in harbor_sheet.svg  # the SVG is the same vector source


def test_palette_chips_and_boxes_lie_inside_the_canvas(harbor_ds, harbor_sheet):
    img = harbor_sheet.image()
    w, h = harbor_sheet.size
    for c in harbor_ds.colors:
        box = harbor_sheet.boxes[f"color:{c.name}"]
        assert _pixel(img, box, 0.9, 0.9) == c.hex, c.name
    for key, (x, y, bw, bh) in harbor_sheet.boxes.items():
        assert 0 <= x and 0 <= y and x + bw <= w + 0.5 and y + bh <= h + 0.5, key
    for key in ("logo", "type:h1", "shadow:md", "radius:md", "space:4", "icon:bell", "font:Manrope:600"):
        assert key in harbor_sheet.boxes


def test_type_scale_specimens_are_drawn_at_true_size(harbor_ds, harbor_sheet):
    s = harbor_sheet.scale
    for t in harbor_ds.type_scale:
        _, _, _, h = harbor_sheet.boxes[f"type:{t.name}"]
        assert h == pytest.approx(max(t.line_height, t.size * 1.1) * s)
    # glyph runs of the display step are scaled to its size on the canvas
    assert re.search(r'aria-label="Design that ships on brand"[^>]*scale\(', harbor_sheet.svg)


def test_sheet_encodes_png(harbor_ds):
    sheet = render_token_sheet(harbor_ds)
    data = sheet.png()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert sheet.size[0] == 2400 and sheet.size[1] > 2400


def test_long_token_name_is_ellipsized_inside_its_box():
    long_name = "color.brand." + "very-long-segment-" * 12 + "end"
    sheet = render_token_sheet(_minimal_ds(long_name), width=1200)
    key = "role:primary:token"
    label = sheet.labels[key]
    assert label.endswith("…") and len(label) < len(long_name)  # the leaf itself is too long: cut at the end
    bx, _, bw, _ = sheet.boxes[key]
    tx, _, tw, _ = sheet.text_boxes[key]
    assert bx <= tx and tx + tw <= bx + bw + 0.01
    chip = f"color:{long_name}:label"
    cx, _, cw, _ = sheet.boxes[chip]
    ctx_, _, ctw, _ = sheet.text_boxes[chip]
    assert ctx_ + ctw <= cx + cw + 0.01


def test_token_paths_lose_their_middle_and_keep_the_leaf(harbor_ds):
    font = load_font(harbor_ds.fonts[0].path)
    path = "NeutralForegroundInvertedDisabled.Fill.Color.Rest"
    cut = ellipsize_path(font, path, 12, 150)
    assert cut.startswith("Neutral") and cut.endswith("….Rest")
    assert font.measure(cut, 12) <= 150
    assert ellipsize_path(font, "color.brand", 12, 500) == "color.brand"


def test_unreadable_logo_leaves_an_empty_tile(tmp_path):
    from ingest.model import Asset

    bad = tmp_path / "logo.svg"
    bad.write_text("<svg><path d=")  # truncated file
    ds = _minimal_ds().model_copy(update={"logo": Asset(name="logo", kind="logo", path=str(bad), source=SRC)})
    sheet = render_token_sheet(ds, width=800)
    assert "logo" in sheet.boxes and sheet.png()


def test_system_without_logo_icons_shadows_or_fonts_still_renders():
    ds = _minimal_ds()
    sheet = render_token_sheet(ds, width=800)
    assert "logo" not in sheet.boxes and not any(k.startswith(("icon:", "shadow:")) for k in sheet.boxes)
    for label in ("No icons.", "No shadows.", "No fonts resolved."):
        assert f'aria-label="{label}"' in sheet.svg
    assert _pixel(sheet.image(), sheet.boxes["role:primary"]) == "#3355aa"


def test_fixed_size_scales_the_page_to_fit(harbor_ds):
    sheet = render_token_sheet(harbor_ds, width=1600, height=1200)
    assert sheet.size == (1600, 1200)
    for x, y, w, h in sheet.boxes.values():
        assert 0 <= x and x + w <= 1600.5 and 0 <= y and y + h <= 1200.5


def test_contrast_helpers():
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert wcag_level(21) == "AAA" and wcag_level(4.6) == "AA" and wcag_level(3.2) == "AA large"
    assert wcag_level(1.5) == "fail"
    assert pretty_step("h1") == "Heading 1" and pretty_step("body-strong") == "Body strong"


# -- the command --------------------------------------------------------------------------


def test_inspect_writes_png_svg_and_json(run, harbor, tmp_path):
    out = tmp_path / "out" / "sheet.png"
    r = run("inspect", harbor, "--out", out, "--store", tmp_path / "st", "--json")
    assert r.exit_code == 0, r.output
    s = json.loads(r.output)
    assert s["sheet"] == str(out) and s["svg"] == str(out.with_suffix(".svg"))
    w, h = Image.open(out).size
    assert w == 2400 and h > w  # default: 2400 wide, as tall as the content
    svg = out.with_suffix(".svg").read_text()
    root = ElementTree.fromstring(svg)  # well-formed, self-contained vector source
    assert root.attrib["width"] == "2400" and f'aria-label="{harbor.name}"' in svg
    ds = ingest_folder(harbor)
    assert [(p["role"], p["hex"]) for p in s["palette"]] == [(r.role, r.hex) for r in ds.roles]
    primary = next(p for p in s["palette"] if p["role"] == "primary")
    assert primary["name"] == "color.role.primary" and primary["source"]["file"].endswith(".tokens.json")
    assert {f["origin"] for f in s["fonts"]} <= {"folder", "package", "system", "fallback"}
    for key in ("type_scale", "spacing", "radii", "shadows", "warnings", "name"):
        assert key in s


def test_inspect_size_option(run, harbor, tmp_path):
    out = tmp_path / "s.png"
    r = run("inspect", harbor, "--out", out, "--size", "1920x1080")
    assert r.exit_code == 0, r.output
    assert Image.open(out).size == (1920, 1080)


def test_inspect_minimal_folder_without_assets(run, tmp_path):
    folder = _tokens_folder(tmp_path, {"color": {"$type": "color", "brand": {"$value": "#2255cc"},
                                                 "paper": {"$value": "#ffffff"}, "ink": {"$value": "#101010"}}})
    out = tmp_path / "tiny.png"
    r = run("inspect", folder, "--out", out, "--json")
    assert r.exit_code == 0, r.output
    s = json.loads(r.output)
    assert s["logo"] is None and s["icons"] == [] and s["shadows"] == []
    assert Image.open(out).size[0] == 2400


def test_inspect_partial_ingest_lists_the_failed_file(run, harbor, tmp_path):
    (harbor / "tokens" / "bad.tokens.json").write_text("{")
    out = tmp_path / "p.png"
    r = run("inspect", harbor, "--out", out)
    assert r.exit_code == 3
    assert out.exists()
    assert "tokens/bad.tokens.json" in out.with_suffix(".svg").read_text()


def test_inspect_missing_folder_is_one_line_error(run, tmp_path):
    r = run("inspect", tmp_path / "nope", "--out", tmp_path / "x.png")
    assert r.exit_code == 2
    err = r.stderr.strip()
    assert err.startswith("onbrand: error:") and "nope" in err and len(err.splitlines()) == 1
    assert "Traceback" not in r.output


def test_inspect_rejects_non_png_output(run, harbor, tmp_path):
    r = run("inspect", harbor, "--out", tmp_path / "x.jpg")
    assert r.exit_code == 2
    assert "png" in r.stderr


def test_a_huge_palette_is_capped_with_a_note():
    from engine.render.sheet import MAX_PALETTE_CHIPS

    ds = _minimal_ds()
    extra = [Color(name=f"color.ramp{i // 10}.{i % 10}", hex=f"#{(i * 2654435761) & 0xffffff:06x}",
                   lab=(0.0, 0.0, 0.0), source=SRC) for i in range(MAX_PALETTE_CHIPS + 40)]
    ds = ds.model_copy(update={"colors": ds.colors + extra})
    sheet = render_token_sheet(ds, width=1200)
    chips = [k for k in sheet.boxes if k.startswith("color:") and not k.endswith(":label")]
    assert len(chips) == MAX_PALETTE_CHIPS
    assert f"{len(ds.colors) - MAX_PALETTE_CHIPS} more colours not shown" in sheet.svg
