"""Readers of non-token files (PDF, SVG, raster, font, doc) and inference from what they find.

Every fixture is generated inside the test (pymupdf, PIL, fontTools, strings) under tmp_path.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import numpy as np
import pymupdf
import pytest
from conftest import SAMPLES
from PIL import Image, ImageDraw

from ingest import pdf as pdf_mod
from ingest.colour import contrast, parse_hex
from ingest.docs import read_doc
from ingest.fonts import folder_fonts, installed_fonts, read_font
from ingest.infer import infer_design_values
from ingest.model import FileExtract, FoundColor, Source
from ingest.pdf import read_pdf
from ingest.raster import read_raster
from ingest.readers_common import ReadError, family_of, find_colour_specs, fonts_named_in
from ingest.roles import infer_roles
from ingest.svg import SvgError, classify_svg, read_svg

TEAL = (14 / 255, 94 / 255, 113 / 255)
CORAL = (242 / 255, 100 / 255, 63 / 255)


def _manrope(weight: int = 700) -> str:
    return next(p for fam, w, it, p, _ in installed_fonts() if fam == "Manrope" and w == weight and not it)


def _png_bytes(size=(64, 48), colour="#f2643f") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, format="PNG")
    return buf.getvalue()


def brand_guide(path: Path, pages: int = 2) -> Path:
    """A two-page brand guide: swatches with labels under "Primary"/"Secondary" headings, a
    typeface named in text, heading and body specimens, spacing and radius, an embedded image."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((50, 60), "Harbor brand guidelines", fontsize=24, fontname="hebo")
    page.insert_text((50, 100), "Primary colour", fontsize=14, fontname="hebo")
    page.draw_rect(pymupdf.Rect(50, 110, 170, 170), color=None, fill=TEAL)
    page.insert_text((50, 185), "Harbor Teal  HEX #0E5E71  RGB 14 94 113", fontsize=9)
    page.insert_text((50, 230), "Secondary colours", fontsize=14, fontname="hebo")
    page.draw_rect(pymupdf.Rect(50, 240, 170, 300), color=None, fill=CORAL)
    page.insert_text((50, 315), "Coral  HEX #F2643F  RGB 242 100 63", fontsize=9)
    page.draw_rect(pymupdf.Rect(250, 240, 370, 300), color=None, fill=(0.95, 0.93, 0.88))
    page.insert_text((250, 315), "Sand  C 0 M 2 Y 7 K 5  Pantone 9224 C", fontsize=9)
    page.insert_image(pymupdf.Rect(400, 600, 528, 696), stream=_png_bytes((640, 480)))
    p2 = doc.new_page(width=595, height=842)
    p2.insert_text((50, 60), "Typography", fontsize=24, fontname="hebo")
    p2.insert_text((50, 90), "Typeface: Manrope", fontsize=12)
    p2.insert_font(fontname="manb", fontfile=_manrope(700))
    p2.insert_text((50, 150), "Heading", fontsize=32, fontname="manb")
    p2.insert_text((50, 200), "Body text is set at fourteen points for reading.", fontsize=14)
    p2.insert_text((50, 280), "Spacing scale: 4, 8, 12, 16, 24, 32 px. Corner radius: 8 px", fontsize=10)
    for i in range(2, pages):
        doc.new_page(width=595, height=842).insert_text((50, 60), f"Page {i + 1}", fontsize=12)
    doc.save(str(path))
    return path


LOGO = """<svg xmlns="http://www.w3.org/2000/svg" width="160" height="40" viewBox="0 0 160 40">
  <rect x="0" y="0" width="40" height="40" fill="#0e5e71"/>
  <circle cx="20" cy="15" r="5" fill="#f2643f"/>
  <path d="M50 8v23M60 8v23" stroke="#123f4c" stroke-width="4" fill="none"/>
</svg>"""


# -- the headline case: a folder with only a PDF guide and a logo -------------------------------


def test_guide_and_logo_without_tokens_give_palette_roles_type_and_fonts(tmp_path):
    guide = brand_guide(tmp_path / "guide.pdf")
    (tmp_path / "harbor-logo.svg").write_text(LOGO)
    extracts = {"guide.pdf": read_pdf(guide, "guide.pdf"),
                "harbor-logo.svg": read_svg(tmp_path / "harbor-logo.svg", "harbor-logo.svg", tmp_path)}
    v = infer_design_values(extracts)
    hexes = [c.hex for c in v.colors]
    assert hexes[:2] == ["#0e5e71", "#f2643f"]  # what the guide names first, most important
    assert "#123f4c" in hexes  # the logo's wordmark colour joins the palette
    primary = v.colors[0]
    assert primary.name == "primary" and "Harbor Teal" in primary.description
    assert primary.source.file == "guide.pdf" and primary.source.locator == "page 1"
    roles = {r.role: r for r in infer_roles(v.colors)}
    assert roles["primary"].hex == "#0e5e71" and roles["primary"].reason == "token name primary"
    assert roles["secondary"].hex == "#f2643f"
    assert roles["background"].hex in ("#ffffff", "#f2ede1")  # light neutral: added white or the sand
    assert roles["border"].hex != roles["background"].hex  # a grey is added when the guide shows none
    assert contrast(parse_hex(roles["text-muted"].hex)[0], parse_hex(roles["background"].hex)[0]) >= 4.5
    assert any("added" in w for w in v.warnings)
    sizes = {t.name: t.size for t in v.type_scale}
    assert sizes["h1"] == 32 and sizes["body"] == 14
    assert all(t.family == "Manrope" for t in v.type_scale)  # Helvetica body text gets the brand family
    assert v.families[0] == "Manrope"
    assert [d.px for d in v.spacing] == [4, 8, 12, 16, 24, 32]
    assert [d.px for d in v.radii] == [8] and v.radii[0].name == "md"


def test_pdf_text_swatches_fonts_images_and_pages(tmp_path):
    ex = read_pdf(brand_guide(tmp_path / "g.pdf"), "brand/g.pdf")
    assert ex.kind == "pdf" and ex.warnings == []
    text = [c for c in ex.chunks if c.kind == "pdf-text"]
    assert [c.source.locator for c in text] == ["page 1", "page 2"]
    assert "Harbor Teal" in text[0].text and set(text[0].meta) == {"font", "size", "color"}
    fills = {c.hex: c for c in ex.colors if c.how == "pdf-fill"}
    assert fills["#0e5e71"].name == "Harbor Teal (Primary)"
    assert fills["#0e5e71"].share == pytest.approx(120 * 60 / (595 * 842) / 2, rel=0.02)  # one page of two
    specs = {c.hex: c for c in ex.colors if c.how == "pdf-text"}
    assert specs["#f2643f"].name == "Coral (Secondary)"
    sand = next(c for c in ex.colors if c.how == "pdf-text" and c.name.startswith("Sand"))
    assert "Pantone 9224 C" in sand.name and sand.hex == "#f2ede1"  # CMYK converted
    assert ex.font_families[0] == "Manrope" and "Helvetica" in ex.font_families
    images = [c for c in ex.chunks if c.kind == "pdf-image"]
    assert len(images) == 1 and images[0].meta["width"] == 640
    pages = [c for c in ex.chunks if c.kind == "pdf-page"]
    assert len(pages) == 2
    for c in images + pages:
        im = Image.open(io.BytesIO(c.thumbnail))
        assert im.format == "PNG" and max(im.size) <= 256
    assert len({c.id for c in ex.chunks}) == len(ex.chunks)


def test_pdf_caps_pages_with_a_warning(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_mod, "MAX_PDF_PAGES", 2)
    ex = read_pdf(brand_guide(tmp_path / "g.pdf", pages=4), "g.pdf")
    assert len([c for c in ex.chunks if c.kind == "pdf-page"]) == 2
    assert any("first 2 of 4 pages" in w for w in ex.warnings)


_ZERO_PAGES = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
               b"trailer<</Root 1 0 R>>\n%%EOF\n")


@pytest.mark.parametrize("case, needle", [
    ("encrypted", "password"), ("truncated", "PDF"), ("empty", "empty"), ("notpdf", "no %PDF- header"),
    ("garbage", "not a readable PDF"), ("zero-pages", "no pages"), ("too-big", "byte limit"),
])
def test_bad_pdfs_are_refused_in_one_line(tmp_path, monkeypatch, case, needle):
    good = brand_guide(tmp_path / "good.pdf")
    bad = tmp_path / "bad.pdf"
    if case == "encrypted":
        d = pymupdf.open(str(good))
        d.save(str(bad), encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="u", owner_pw="o")
    elif case == "truncated":
        bad.write_bytes(good.read_bytes()[:400])
    elif case == "empty":
        bad.write_bytes(b"")
    elif case == "notpdf":
        bad.write_bytes(b"hello, this is not a PDF")
    elif case == "garbage":
        bad.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    elif case == "zero-pages":
        bad.write_bytes(_ZERO_PAGES)
    else:
        monkeypatch.setattr(pdf_mod, "MAX_PDF_BYTES", 1000)
        bad = good
    with pytest.raises(ReadError) as e:
        read_pdf(bad, "bad.pdf")
    msg = str(e.value)
    assert needle in msg and "\n" not in msg


# -- colour specifications written in text ------------------------------------------------------


@pytest.mark.parametrize("text, hex_", [
    ("Harbor Teal  HEX #0E5E71  RGB 14 94 113", "#0e5e71"),
    ("Harbor Teal HEX 0E5E71", "#0e5e71"),
    ("teal: rgb(14, 94, 113)", "#0e5e71"),
    ("Teal RGB: 14/94/113", "#0e5e71"),
    ("Teal R 14 G 94 B 113", "#0e5e71"),
    ("Red C 0 M 100 Y 100 K 0", "#ff0000"),
    ("Black CMYK 0 0 0 100", "#000000"),
    ("Ink cmyk(0%, 0%, 0%, 50%)", "#808080"),
    ("short #fff", "#ffffff"),
])
def test_colour_spec_forms(text, hex_):
    specs = find_colour_specs(text)
    assert [s.hex for s in specs] == [hex_]


def test_colour_specs_merge_forms_and_keep_labels_and_pantone():
    specs = find_colour_specs("Coral\nHEX #F2643F\nRGB 242 100 63\nCMYK 0 75 85 0\nPantone 171 C\n\n"
                              "Ink #111111 and Paper #FFFFFF")
    assert [(s.hex, s.label) for s in specs] == [("#f2643f", "Coral"), ("#111111", "Ink"), ("#ffffff", "Paper")]
    assert specs[0].forms == ["hex", "rgb", "cmyk"] and specs[0].pantone == "Pantone 171 C"
    assert find_colour_specs("order #12345 of RGB 300 1 1") == []  # neither a colour nor in range


def test_font_names():
    assert family_of("ABCDEF+Manrope-SemiBold") == "Manrope"
    assert family_of("SourceSansPro-BoldIt") == "Source Sans Pro"
    if any(f[0] == "DejaVu Sans" for f in installed_fonts()):  # the installed family's spelling wins
        assert family_of("ABCDEF+DejaVuSans-Bold") == "DejaVu Sans"
    assert fonts_named_in("Typeface: Manrope Bold. Code font: JetBrains Mono") == ["Manrope", "JetBrains Mono"]
    assert fonts_named_in("font-family: 'Source Sans Pro', sans-serif") == ["Source Sans Pro"]


# -- SVG --------------------------------------------------------------------------------------


def test_svg_logo_colours_shares_thumbnail_and_kind(tmp_path):
    (tmp_path / "harbor-logo.svg").write_text(LOGO)
    ex = read_svg(tmp_path / "harbor-logo.svg", "harbor-logo.svg", tmp_path)
    by_hex = {c.hex: c for c in ex.colors}
    assert set(by_hex) == {"#0e5e71", "#f2643f", "#123f4c"}
    assert by_hex["#123f4c"].how == "svg-stroke"
    assert by_hex["#0e5e71"].share > by_hex["#123f4c"].share > 0  # the tile covers most of the ink
    assert ex.asset.kind == "logo" and ex.asset.path == str((tmp_path / "harbor-logo.svg").resolve())
    chunk = ex.chunks[0]
    assert chunk.kind == "svg" and chunk.text.startswith("logo harbor-logo.svg: colours #0e5e71")
    im = Image.open(io.BytesIO(chunk.thumbnail))
    assert im.size == (256, 64)


def test_svg_css_gradients_fonts_and_current_colour(tmp_path):
    svg = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300">
      <style>.a{fill:#1d4ed8} text{font-family:'Inter', sans-serif}</style>
      <defs><linearGradient id="g"><stop offset="0" stop-color="#ff0000"/>
        <stop offset="1" style="stop-color:#00ff00"/></linearGradient></defs>
      <rect class="a" width="400" height="200"/>
      <rect y="200" width="400" height="100" fill="url(#g)"/>
      <g fill="#999999"><circle cx="10" cy="10" r="5"/></g>
      <text x="10" y="50">Hello</text>
      <rect width="5" height="5" style="display:none" fill="#abcdef"/>
    </svg>"""
    (tmp_path / "art.svg").write_text(svg)
    ex = read_svg(tmp_path / "art.svg", "art.svg", tmp_path)
    hows = {(c.hex, c.how) for c in ex.colors}
    assert ("#1d4ed8", "svg-fill") in hows and ("#999999", "svg-fill") in hows
    assert ("#ff0000", "svg-gradient") in hows and ("#00ff00", "svg-gradient") in hows
    assert ("#000000", "svg-fill") in hows  # the text has no fill: SVG paints it black
    assert all(c.hex != "#abcdef" for c in ex.colors)
    assert ex.font_families == ["Inter"]
    assert ex.asset.kind == "illustration"
    icon = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" stroke="currentColor" fill="none">'
            '<path d="M1 1h20"/></svg>')
    (tmp_path / "icons").mkdir()
    (tmp_path / "icons" / "icon-bell.svg").write_text(icon)
    ex = read_svg(tmp_path / "icons" / "icon-bell.svg", "icons/icon-bell.svg", tmp_path)
    assert ex.asset.kind == "icon" and ex.asset.name == "bell" and ex.colors == []
    assert "currentColor" in ex.chunks[0].text


@pytest.mark.parametrize("rel, size, shapes, text, kind", [
    ("brand/mark.svg", (100, 100), 5, False, "logo"),
    ("acme-wordmark.svg", (300, 80), 40, True, "logo"),
    ("icons/x.svg", (512, 512), 200, False, "icon"),
    ("screens/home.svg", (1440, 900), 3, False, "screen"),
    ("home.svg", (1440, 900), 120, True, "screen"),
    ("a.svg", (24, 24), 3, False, "icon"),
    ("b.svg", (320, 100), 30, False, "logo"),
    ("icons/logout.svg", (24, 24), 3, False, "icon"),
    ("logout.svg", (24, 24), 3, False, "icon"),
    ("acme-logos.svg", (24, 24), 3, False, "logo"),
    ("c.svg", (800, 600), 80, False, "illustration"),
])
def test_svg_classification(rel, size, shapes, text, kind):
    assert classify_svg(rel, size, shapes, text) == kind


def test_svg_unsafe_refused_and_renderer_fetches_nothing(tmp_path, monkeypatch):
    (tmp_path / "remote.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                                         '<image xlink:href="https://example.com/x.png"/></svg>')
    with pytest.raises(ReadError, match="external reference"):
        read_svg(tmp_path / "remote.svg", "remote.svg", tmp_path)
    assert issubclass(SvgError, ReadError)
    from ingest import svg as svg_mod

    asked: list[str] = []

    def refuse(url, resource_type=None):
        asked.append(str(url))
        raise ValueError("refused")

    monkeypatch.setattr(svg_mod, "_refuse_url", refuse)
    data = (b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
            b'<image href="file:///etc/hostname" width="10" height="10"/><rect width="5" height="5"/></svg>')
    try:
        svg_mod.render_svg(data, (10, 10))
    except Exception:
        pass  # cairosvg may give up on the image; what matters is that our fetcher was the one asked
    assert asked and all(u.startswith("file:") for u in asked)


def test_sample_logo_and_icons_read(tmp_path):
    root = SAMPLES / "harbor"
    ex = read_svg(root / "logo.svg", "logo.svg", root)
    assert ex.asset.kind == "logo" and ex.colors[0].hex in ("#0e5e71", "#123f4c")
    icons = sorted((root / "icons").glob("*.svg"))
    kinds = {read_svg(p, f"icons/{p.name}", root).asset.kind for p in icons}
    assert kinds == {"icon"}


# -- raster -----------------------------------------------------------------------------------


def _dashboard(path: Path) -> Path:
    im = Image.new("RGB", (1280, 800), "#ffffff")
    d = ImageDraw.Draw(im)
    d.rectangle((0, 0, 255, 799), fill="#0e5e71")  # 256 × 800 = 20 %
    d.rectangle((300, 60, 1199, 139), fill="#f2643f")  # 900 × 80 ≈ 7 %
    im.save(path)
    return path


def test_raster_palette_is_exact_for_flat_colours_and_deterministic(tmp_path):
    p = _dashboard(tmp_path / "dash.png")
    ex = read_raster(p, "dash.png")
    got = {c.hex: c.share for c in ex.colors}
    assert list(got)[:3] == ["#ffffff", "#0e5e71", "#f2643f"]
    assert got["#0e5e71"] == pytest.approx(0.20, abs=0.02) and got["#f2643f"] == pytest.approx(0.07, abs=0.02)
    assert all(c.how == "raster-cluster" and c.source.file == "dash.png" for c in ex.colors)
    assert ex.chunks[0].kind == "screen"  # screen-sized, a few flat colours
    assert "1280×800 PNG" in ex.chunks[0].text and "#0e5e71 20%" in ex.chunks[0].text
    assert max(Image.open(io.BytesIO(ex.chunks[0].thumbnail)).size) == 256
    assert read_raster(p, "dash.png") == ex


def test_raster_photo_is_an_image_and_screens_folder_wins(tmp_path):
    rng = np.random.default_rng(3)
    noise = rng.integers(0, 255, (400, 640, 3), dtype=np.uint8)
    Image.fromarray(noise).save(tmp_path / "photo.jpg", quality=90)
    ex = read_raster(tmp_path / "photo.jpg", "photo.jpg")
    assert ex.chunks[0].kind == "image" and 3 <= len(ex.colors) <= 8
    assert sum(c.share for c in ex.colors) == pytest.approx(1.0, abs=0.05)
    (tmp_path / "examples").mkdir()
    Image.new("RGB", (40, 40), "#123456").save(tmp_path / "examples" / "tiny.webp", lossless=True)
    ex = read_raster(tmp_path / "examples" / "tiny.webp", "examples/tiny.webp")
    assert ex.chunks[0].kind == "screen" and ex.colors[0].hex == "#123456"
    Image.new("P", (30, 30), 0).save(tmp_path / "a.gif")
    assert read_raster(tmp_path / "a.gif", "a.gif").colors[0].share == 1.0


def _png_header_only(w: int, h: int) -> bytes:
    def chunk(t: bytes, b: bytes) -> bytes:
        return struct.pack(">I", len(b)) + t + b + struct.pack(">I", zlib.crc32(t + b))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


@pytest.mark.parametrize("case, needle", [
    ("bomb", "decompression bomb"), ("over-limit", "megapixel limit"), ("truncated", "truncated or corrupt"),
    ("junk", "not a readable image"), ("bmp", "unsupported image format BMP"), ("empty", "empty"),
])
def test_bad_rasters_are_refused_in_one_line(tmp_path, case, needle):
    p = tmp_path / "bad.png"
    if case == "bomb":
        p.write_bytes(_png_header_only(20_000, 20_000))
    elif case == "over-limit":
        p.write_bytes(_png_header_only(9000, 8000))  # 72 MP: under Pillow's bomb limit, over ours
    elif case == "truncated":
        p.write_bytes(_dashboard(tmp_path / "d.png").read_bytes()[:2000])
    elif case == "junk":
        p.write_bytes(b"not an image at all")
    elif case == "bmp":
        Image.new("RGB", (8, 8)).save(p, format="BMP")
    else:
        p.write_bytes(b"")
    with pytest.raises(ReadError) as e:
        read_raster(p, "bad.png")
    assert needle in str(e.value) and "\n" not in str(e.value)


# -- fonts ------------------------------------------------------------------------------------


def test_fonts_static_variable_and_web(tmp_path, monkeypatch):
    from fontTools.ttLib import TTFont

    monkeypatch.setenv("ONBRAND_FONT_CACHE", str(tmp_path / "cache"))
    ex = read_font(Path(_manrope(700)), "fonts/Manrope-Bold.ttf")
    meta = ex.chunks[0].meta
    assert ex.kind == "font" and ex.font_families == ["Manrope"]
    assert (meta["weight"], meta["format"], meta["axes"]) == (700, "TrueType", [])
    var = next(Path(p).parent / "Manrope-VariableFont_wght.ttf" for p in [_manrope(700)])
    if var.exists():
        axes = read_font(var, "v.ttf").chunks[0].meta["axes"]
        assert axes[0]["tag"] == "wght" and axes[0]["max"] == 800
    f = TTFont(_manrope(700))
    f.flavor = "woff2"
    f.save(str(tmp_path / "Brand-Bold.woff2"))
    ex = read_font(tmp_path / "Brand-Bold.woff2", "Brand-Bold.woff2")
    assert ex.chunks[0].meta["format"] == "WOFF2" and "Manrope Bold" in ex.chunks[0].text
    [(fam, weight, _italic, path, origin)] = folder_fonts([tmp_path / "Brand-Bold.woff2"])
    assert (fam, weight, origin) == ("Manrope", 700, "folder")
    assert Path(path).parent == tmp_path / "cache" and Path(path).read_bytes()[:4] == b"\x00\x01\x00\x00"
    assert folder_fonts([tmp_path / "Brand-Bold.woff2"])[0][3] == path  # cached, not rewritten
    from engine.render.text import load_font

    assert load_font(path).measure("Harbor", 16) > 20  # HarfBuzz shapes the decompressed copy


@pytest.mark.parametrize("data, needle", [
    (b"wOF2" + b"\x00" * 60, "broken WOFF2 font"),
    (b"\x00\x01\x00\x00" + b"\x07" * 40, "broken TrueType font"),
    (b"GIF89a....", "not a TrueType"),
    (b"", "empty"),
])
def test_broken_fonts_are_refused(tmp_path, data, needle):
    (tmp_path / "f.ttf").write_bytes(data)
    with pytest.raises(ReadError) as e:
        read_font(tmp_path / "f.ttf", "f.ttf")
    assert needle in str(e.value) and "\n" not in str(e.value)


# -- docs -------------------------------------------------------------------------------------

BRAND_MD = """Intro before any heading.

# Harbor brand

Harbor is calm and precise.

## Colour

### Primary
- **Harbor Teal**: `#0E5E71` (RGB 14 94 113)

### Secondary
- Coral — rgb(242, 100, 63)

```
# a comment in code, not a heading
```

## Typography

Typeface: Manrope. Spacing scale: 4, 8, 16, 24 px.
"""


def test_markdown_is_chunked_by_headings_with_colours_and_fonts(tmp_path):
    (tmp_path / "brand.md").write_text(BRAND_MD)
    ex = read_doc(tmp_path / "brand.md", "docs/brand.md")
    locs = [c.source.locator for c in ex.chunks]
    assert locs == ["(before the first heading)", "# Harbor brand", "# Harbor brand > ## Colour > ### Primary",
                    "# Harbor brand > ## Colour > ### Secondary", "# Harbor brand > ## Typography"]
    assert "# a comment in code" in ex.chunks[3].text
    assert all(c.kind == "doc" and c.id == f"docs/brand.md#{c.source.locator}" for c in ex.chunks)
    assert [(c.hex, c.name, c.how) for c in ex.colors] == [
        ("#0e5e71", "Harbor Teal (Primary)", "doc-text"), ("#f2643f", "Coral (Secondary)", "doc-text")]
    assert ex.font_families == ["Manrope"]


def test_plain_text_is_split_into_short_chunks(tmp_path):
    paras = [f"Paragraph {i}. " + "word " * 60 for i in range(12)] + ["x" * 2000]
    (tmp_path / "notes.txt").write_text("\n\n".join(paras))
    ex = read_doc(tmp_path / "notes.txt", "notes.txt")
    assert all(len(c.text) <= 800 for c in ex.chunks) and len(ex.chunks) >= 6
    assert "".join(c.text for c in ex.chunks).count("Paragraph") == 12
    assert len({c.id for c in ex.chunks}) == len(ex.chunks)


@pytest.mark.parametrize("data, needle", [(b"\x00\x01binary", "binary"), ("caf\xe9".encode("latin-1"), "not UTF-8")])
def test_bad_docs_are_refused(tmp_path, data, needle):
    (tmp_path / "d.md").write_bytes(data)
    with pytest.raises(ReadError, match=needle):
        read_doc(tmp_path / "d.md", "d.md")


# -- inference --------------------------------------------------------------------------------


def _fc(hex_, name="", how="pdf-text", share=0.0, file="g.pdf"):
    return FoundColor(hex=hex_, name=name, how=how, share=share, source=Source(file=file, locator="page 1"))


def test_infer_merges_near_duplicates_and_orders_by_importance():
    shot = [_fc(h, how="raster-cluster", share=s, file="shot.png")
            for h, s in (("#fafafa", 0.7), ("#0f5e72", 0.2), ("#00ff00", 0.01))]
    ex = {
        "shot.png": FileExtract(kind="raster", colors=shot),
        "g.pdf": FileExtract(kind="pdf", colors=[_fc("#0e5e71", "Harbor Teal (Primary)"), _fc("#333333", "Ink")]),
    }
    v = infer_design_values(ex)
    names = [(c.name, c.hex) for c in v.colors]
    assert names[0] == ("primary", "#0e5e71")  # the guide's spelling wins over the screenshot's #0f5e72
    assert ("ink", "#333333") in names and all(h != "#0f5e72" for _, h in names)
    assert all(h != "#00ff00" for _, h in names)  # 1 % clusters are noise
    assert "Harbor Teal (Primary)" in v.colors[0].description
    assert not any("light neutral" in w for w in v.warnings)  # #fafafa serves as background


def test_infer_from_nothing_warns():
    v = infer_design_values({"a.txt": FileExtract(kind="doc")})
    assert v.colors == [] and v.type_scale == [] and v.families == []
    assert any("no colour" in w for w in v.warnings)


# -- every reader: damaged input gives a ReadError or an extract, never a traceback -------------


def _readers(tmp_path: Path) -> dict[str, tuple]:
    import shutil

    brand_guide(tmp_path / "g.pdf")
    (tmp_path / "logo.svg").write_text(LOGO)
    _dashboard(tmp_path / "s.png")
    Image.open(tmp_path / "s.png").save(tmp_path / "s.jpg")
    shutil.copy(_manrope(), tmp_path / "f.ttf")
    (tmp_path / "b.md").write_text(BRAND_MD)
    return {"g.pdf": read_pdf, "logo.svg": lambda p, r: read_svg(p, r, p.parent), "s.png": read_raster,
            "s.jpg": read_raster, "f.ttf": read_font, "b.md": read_doc}


@pytest.mark.parametrize("damage", ["truncate", "flip", "splice"])
def test_every_reader_survives_damaged_files(tmp_path, damage):
    import random

    rng = random.Random(damage)
    for name, read in _readers(tmp_path).items():
        data = (tmp_path / name).read_bytes()
        assert isinstance(read(tmp_path / name, name), FileExtract)  # the intact file reads
        for _ in range(6):
            b = bytearray(data)
            if damage == "truncate":
                b = b[: rng.randrange(1, len(b))]
            elif damage == "flip":
                for _ in range(10):
                    b[rng.randrange(len(b))] = rng.randrange(256)
            else:
                s = rng.randrange(len(b))
                b[s:s + 300] = bytes(rng.randrange(256) for _ in range(40))
            bad = tmp_path / f"bad-{name}"
            bad.write_bytes(bytes(b))
            try:
                ex = read(bad, name)
            except ReadError as e:
                assert str(e) and "\n" not in str(e)
            else:
                assert all(c.source.file == name for c in ex.chunks + ex.colors)


def test_pdf_specimens_labelled_above_or_beside(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((50, 100), "Display", fontsize=9)
    page.insert_text((50, 150), "Aa Bb Cc", fontsize=48, fontname="hebo")
    page.insert_text((50, 250), "Caption", fontsize=9)
    page.insert_text((150, 250), "Image credits and notes", fontsize=11)
    page.insert_text((50, 320), "Body  Manrope Regular 16/24", fontsize=9)
    doc.save(str(tmp_path / "t.pdf"))
    hints = {t.name: t for t in read_pdf(tmp_path / "t.pdf", "t.pdf").type_hints}
    assert (hints["display"].size, hints["display"].weight) == (48, 700)
    assert hints["caption"].size == 11
    assert (hints["body"].size, hints["body"].line_height) == (16, 24)


@pytest.mark.timeout(60)  # a hang fails the test; speed itself is not asserted here
def test_svg_use_bomb_is_refused(tmp_path):
    from ingest.svg import SvgError

    levels = ['<g id="l0"><rect width="1" height="1" fill="#ff0000"/></g>']
    for i in range(1, 30):
        levels.append(f'<g id="l{i}"><use href="#l{i - 1}"/><use href="#l{i - 1}"/></g>')
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs>' + "".join(levels)
           + '</defs><use href="#l29"/></svg>')
    (tmp_path / "bomb.svg").write_text(svg)
    with pytest.raises(SvgError, match="<use>"):
        read_svg(tmp_path / "bomb.svg", "bomb.svg", tmp_path)


def test_svg_symbols_drawn_by_use_count(tmp_path):
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 20 20">'
           '<defs><symbol id="s"><rect width="20" height="20" fill="#0e5e71"/></symbol>'
           '<rect id="unused" width="5" height="5" fill="#ff00ff"/></defs>'
           '<use xlink:href="#s"/><use xlink:href="#s" x="3"/></svg>')
    (tmp_path / "sym.svg").write_text(svg)
    ex = read_svg(tmp_path / "sym.svg", "sym.svg", tmp_path)
    assert [(c.hex, c.how) for c in ex.colors] == [("#0e5e71", "svg-fill")]
    assert ex.colors[0].share == pytest.approx(1.0, abs=0.01)


def test_pdf_subset_font_prefixes_are_stripped(tmp_path):
    doc = pymupdf.open(str(brand_guide(tmp_path / "g.pdf")))
    doc.subset_fonts()
    doc.save(str(tmp_path / "subset.pdf"))
    assert any("+" in f[3] for f in doc[1].get_fonts())  # the fixture really is subset
    families = read_pdf(tmp_path / "subset.pdf", "subset.pdf").font_families
    assert families[0] == "Manrope" and not any("+" in f for f in families)


@pytest.mark.timeout(120)  # quadratic work on many screenshots would hang here
def test_infer_keeps_the_palette_small_on_many_screenshots():
    rng = np.random.default_rng(0)
    ex = {f"s{i}.png": FileExtract(kind="raster", colors=[
        _fc("#{:02x}{:02x}{:02x}".format(*rng.integers(0, 256, 3)), how="raster-cluster", share=0.1, file=f"s{i}.png")
        for _ in range(8)]) for i in range(200)}
    v = infer_design_values(ex)
    assert len(v.colors) <= 28


def test_read_file_routes_by_suffix(tmp_path):
    from ingest import folder
    from ingest.readers import READERS, file_kind, read_file, reader_for, register

    (tmp_path / "Brand.MD").write_text(BRAND_MD)
    assert read_file(tmp_path / "Brand.MD", "Brand.MD", tmp_path).kind == "doc"
    assert reader_for(tmp_path / "x.JPEG") is READERS[".jpeg"]
    assert file_kind(Path("a.tokens.json")) == "tokens" and file_kind(Path("a.MDX")) == "doc"
    assert file_kind(Path("a.xyz")) is None
    with pytest.raises(ReadError, match="no reader for .xyz files"):
        read_file(tmp_path / "a.xyz", "a.xyz", tmp_path)
    with pytest.raises(ValueError, match="already registered"):
        register("pdf", (".pdf",), "ingest.pdf", "read_pdf")
    # the folder reads through the same table: a doc file is a doc whatever its case
    assert folder.read_file(tmp_path / "Brand.MD", "Brand.MD", tmp_path, "doc").extract.kind == "doc"


def test_pdf_time_budget_keeps_the_pages_read(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_mod, "TIME_BUDGET_S", 0.0)
    ex = read_pdf(brand_guide(tmp_path / "g.pdf", pages=3), "g.pdf")
    assert [c.source.locator for c in ex.chunks if c.kind == "pdf-page"] == ["page 1, render"]
    assert any("stopped after 1 of 3 pages" in w for w in ex.warnings)


def test_svg_nesting_bomb_is_refused(tmp_path):
    depth = 5000
    (tmp_path / "deep.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg">' + "<g>" * depth
                                       + '<rect width="1" height="1"/>' + "</g>" * depth + "</svg>")
    with pytest.raises(ReadError, match="nested more than"):
        read_svg(tmp_path / "deep.svg", "deep.svg", tmp_path)


def test_every_extract_survives_a_json_round_trip(tmp_path):
    """Extracts are cached on disk by content hash: they must serialise exactly."""
    for name, read in _readers(tmp_path).items():
        ex = read(tmp_path / name, name)
        assert FileExtract.model_validate_json(ex.model_dump_json()) == ex, name
