"""Tests for eval.palette.palette_adherence."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

import eval as eval_pkg
from eval import PaletteReport, ciede2000, hex_to_rgb, palette_adherence, srgb_to_lab
from benchmarks.bench_palette import BENCH_PALETTE, make_ui_frame

WHITE, BLUE, DARK, AMBER = "#ffffff", "#3056d3", "#1f2937", "#f59e0b"
FOREIGN, FOREIGN_TWIN, FOREIGN_2 = "#c7b299", "#c8b299", "#8e44ad"
PALETTE = [WHITE, BLUE, DARK, AMBER]


def frame(width: int, height: int, background: str = WHITE) -> np.ndarray:
    arr = np.empty((height, width, 3), dtype=np.uint8)
    arr[...] = hex_to_rgb(background)
    return arr


def fill(arr: np.ndarray, x0: int, y0: int, x1: int, y1: int, colour: str) -> None:
    arr[y0:y1, x0:x1] = hex_to_rgb(colour)


def delta_e(hex_a: str, hex_b: str) -> float:
    lab = srgb_to_lab(np.array([hex_to_rgb(hex_a), hex_to_rgb(hex_b)], dtype=np.uint8))
    return float(ciede2000(lab[0], lab[1]))


def ninety_percent_frame() -> np.ndarray:
    """200×200 = 40 000 px; palette rectangles plus a 50×80 = 4 000 px foreign block."""
    arr = frame(200, 200)
    fill(arr, 0, 0, 200, 30, BLUE)  # nav bar
    fill(arr, 20, 50, 90, 180, DARK)
    fill(arr, 100, 40, 190, 60, AMBER)
    fill(arr, 120, 90, 170, 170, FOREIGN)  # 50 × 80, interior: all four sides touch palette
    return arr


@pytest.mark.parametrize("ignore_edges", [True, False])
def test_ninety_percent_on_palette(ignore_edges: bool) -> None:
    report = palette_adherence(Image.fromarray(ninety_percent_frame()), PALETTE, ignore_edges=ignore_edges)
    assert isinstance(report, PaletteReport)
    assert report.palette_adherence == pytest.approx(0.90, abs=1e-3)
    assert report.counted_pixels == 40_000
    assert report.ignored_edge_pixels == 0


def test_off_palette_lists_foreign_block_first() -> None:
    arr = ninety_percent_frame()
    fill(arr, 20, 185, 60, 195, FOREIGN_2)  # 400 px of a second foreign colour
    report = palette_adherence(arr, PALETTE)
    first = report.off_palette[0]
    assert first.hex == FOREIGN
    assert first.share == pytest.approx(0.10, abs=1e-9)
    assert first.nearest_hex == min(PALETTE, key=lambda h: delta_e(FOREIGN, h))
    assert first.delta_e == pytest.approx(delta_e(FOREIGN, first.nearest_hex), abs=1e-9)
    assert report.off_palette[1].hex == FOREIGN_2
    assert report.off_palette[1].share == pytest.approx(0.01, abs=1e-9)


def test_near_identical_off_palette_colours_are_merged() -> None:
    assert delta_e(FOREIGN, FOREIGN_TWIN) < 2.0
    arr = ninety_percent_frame()
    fill(arr, 120, 170, 170, 190, FOREIGN_TWIN)  # 1 000 px adjoining the 4 000 px block
    fill(arr, 20, 185, 60, 195, FOREIGN_2)
    report = palette_adherence(arr, PALETTE)
    assert [o.hex for o in report.off_palette] == [FOREIGN, FOREIGN_2]
    assert report.off_palette[0].share == pytest.approx(5_000 / 40_000, abs=1e-9)


def test_off_palette_respects_top() -> None:
    arr = frame(100, 100)
    for i in range(20):  # 20 distinct, well separated foreign greens
        fill(arr, 5 * i, 0, 5 * i + 5, 50, f"#00{40 + 10 * i:02x}00")
    report = palette_adherence(arr, PALETTE, top=3)
    assert len(report.off_palette) == 3
    shares = [o.share for o in report.off_palette]
    assert shares == sorted(shares, reverse=True)
    assert palette_adherence(arr, PALETTE, top=0).off_palette == []


def test_threshold_counts_near_colours_but_not_far_ones() -> None:
    near, far = "#385edb", "#3068d3"
    assert 2.0 < delta_e(BLUE, near) < 3.0
    assert 5.0 < delta_e(BLUE, far) < 7.0
    arr = frame(100, 100, BLUE)
    fill(arr, 0, 0, 50, 50, near)
    fill(arr, 50, 50, 100, 100, far)
    report = palette_adherence(arr, [BLUE, WHITE])
    assert report.palette_adherence == pytest.approx(0.75, abs=1e-9)
    assert report.off_palette[0].hex == far
    assert report.coverage[0].hex == BLUE and report.coverage[0].share == pytest.approx(0.75)
    assert palette_adherence(arr, [BLUE], threshold=7.0).palette_adherence == pytest.approx(1.0)


def test_coverage_by_role() -> None:
    roles = {"surface": WHITE, "primary": BLUE, "text": DARK, "accent": AMBER, "unused": "#00ff00"}
    report = palette_adherence(ninety_percent_frame(), roles)
    by_role = {c.role: c for c in report.coverage}
    assert set(by_role) == {"surface", "primary", "text", "accent"}
    assert by_role["primary"].hex == BLUE and by_role["primary"].share == pytest.approx(6_000 / 40_000)
    assert by_role["text"].share == pytest.approx(9_100 / 40_000)
    assert by_role["accent"].share == pytest.approx(1_800 / 40_000)
    assert sum(c.share for c in report.coverage) == pytest.approx(report.palette_adherence)
    shares = [c.share for c in report.coverage]
    assert shares == sorted(shares, reverse=True)


def test_coverage_roles_are_none_for_lists_and_joined_for_duplicates() -> None:
    assert all(c.role is None for c in palette_adherence(ninety_percent_frame(), PALETTE).coverage)
    report = palette_adherence(frame(10, 10), {"bg": WHITE, "surface": "#FFF"})
    assert [(c.role, c.hex, c.share) for c in report.coverage] == [("bg/surface", WHITE, 1.0)]


def anti_aliased_frame(scale: int = 4) -> Image.Image:
    """Palette shapes drawn at 4× and box-filtered down: only AA blends are off palette."""
    w, h = 480, 320
    big = Image.new("RGB", (w * scale, h * scale), WHITE)
    d = ImageDraw.Draw(big)
    d.ellipse([40 * scale, 40 * scale, 200 * scale, 180 * scale], fill=BLUE)
    d.ellipse([150 * scale, 100 * scale, 260 * scale, 210 * scale], fill=AMBER)  # overlaps the blue disc
    d.polygon([(300 * scale, 30 * scale), (460 * scale, 90 * scale), (330 * scale, 200 * scale)], fill=DARK)
    d.line([(20 * scale, 300 * scale), (460 * scale, 230 * scale)], fill=BLUE, width=7 * scale)
    d.rounded_rectangle([280 * scale, 240 * scale, 470 * scale, 310 * scale], radius=17 * scale, fill=AMBER)
    small = big.resize((w, h), Image.Resampling.BOX)
    ImageDraw.Draw(small).text((20, 220), "Anti-aliased label", font=ImageFont.load_default(size=28), fill=DARK)
    return small


def test_anti_aliased_edges_are_ignored() -> None:
    img = anti_aliased_frame()
    with_edges = palette_adherence(img, PALETTE, ignore_edges=True)
    without = palette_adherence(img, PALETTE, ignore_edges=False)
    assert without.palette_adherence < 0.99  # the blends are genuinely off palette
    assert with_edges.palette_adherence >= 0.999
    assert with_edges.ignored_edge_pixels > 0
    assert with_edges.counted_pixels + with_edges.ignored_edge_pixels == 480 * 320


def test_off_palette_solid_square_still_counts_with_edges_ignored() -> None:
    img = anti_aliased_frame()
    arr = np.array(img)
    fill(arr, 400, 120, 440, 160, FOREIGN)  # 40 × 40 on white
    base = palette_adherence(img, PALETTE)
    report = palette_adherence(arr, PALETTE)
    lost = base.palette_adherence - report.palette_adherence
    assert lost == pytest.approx(1_600 / report.counted_pixels, abs=2e-4)
    assert report.off_palette[0].hex == FOREIGN


def test_noisy_off_palette_region_is_not_mistaken_for_edges() -> None:
    arr = frame(200, 200)
    rng = np.random.default_rng(7)
    arr[50:150, 50:90] = rng.integers(0, 256, size=(100, 40, 3), dtype=np.uint8)  # 10 % noise
    report = palette_adherence(arr, PALETTE)
    assert report.ignored_edge_pixels < 0.2 * 4_000
    assert report.palette_adherence < 0.915


def test_one_pixel_foreign_line_on_flat_background_counts() -> None:
    arr = frame(50, 50)
    fill(arr, 0, 25, 50, 26, FOREIGN)
    report = palette_adherence(arr, PALETTE)
    assert report.ignored_edge_pixels == 0
    assert report.palette_adherence == pytest.approx(0.98)


def test_rgba_is_composited_on_white_and_paths_are_accepted(tmp_path: Path) -> None:
    rgba = Image.new("RGBA", (20, 10), (0, 0, 0, 0))  # fully transparent black -> white
    ImageDraw.Draw(rgba).rectangle([0, 0, 9, 9], fill=(*hex_to_rgb(BLUE), 255))
    path = tmp_path / "frame.png"
    rgba.save(path)
    for source in (rgba, path, str(path)):
        report = palette_adherence(source, [WHITE, BLUE])
        assert report.palette_adherence == pytest.approx(1.0)
        assert {c.hex: c.share for c in report.coverage} == {WHITE: 0.5, BLUE: 0.5}


def test_invalid_palettes_raise() -> None:
    arr = frame(4, 4)
    with pytest.raises(ValueError, match="empty"):
        palette_adherence(arr, [])
    with pytest.raises(ValueError, match="invalid hex colour"):
        palette_adherence(arr, ["#12345"])
    with pytest.raises(TypeError):
        palette_adherence(arr, "#ffffff")  # type: ignore[arg-type]


def test_report_serialises() -> None:
    data = palette_adherence(ninety_percent_frame(), PALETTE).model_dump()
    assert set(data) >= {"palette_adherence", "counted_pixels", "ignored_edge_pixels", "off_palette", "coverage"}
    assert set(data["off_palette"][0]) == {"hex", "share", "nearest_hex", "delta_e"}
    assert set(data["coverage"][0]) == {"role", "hex", "share"}


def test_package_reexports() -> None:
    assert set(eval_pkg.__all__) >= {
        "srgb_to_lab", "ciede2000", "contrast_ratio", "hex_to_rgb", "palette_adherence", "PaletteReport",
        "evaluate_image", "identify_brand", "alignment", "overlap", "text_contrast", "layout_fid", "run_suite",
        "write_report",
    }
    for name in eval_pkg.__all__:
        assert getattr(eval_pkg, name) is not None


@pytest.mark.slow
def test_4k_ui_frame_is_scored_sanely() -> None:
    # speed is measured by `python -m benchmarks.bench_palette`, not here
    img = make_ui_frame()
    report = palette_adherence(img, BENCH_PALETTE)
    assert report.counted_pixels + report.ignored_edge_pixels == 3840 * 2160
    assert 0.985 < report.palette_adherence < 0.992  # ~1.1 % of the frame is deliberately foreign
    assert {o.hex for o in report.off_palette[:2]} == {"#c7b299", "#8e44ad"}


def test_pruned_nearest_palette_is_exact() -> None:
    from eval.palette import nearest_palette

    rng = np.random.default_rng(7)
    pal = srgb_to_lab(rng.integers(0, 256, (40, 3), dtype=np.uint8))
    lab = srgb_to_lab(rng.integers(0, 256, (6000, 3), dtype=np.uint8))  # > 4096 colours: pruned path
    idx, de = nearest_palette(lab, pal)
    full = ciede2000(lab[:, None, :], pal[None, :, :])
    assert np.array_equal(idx, full.argmin(axis=1))
    assert np.allclose(de, full.min(axis=1), rtol=0, atol=1e-12)
