"""Damaged fonts, wiped font caches and text in scripts the fonts lack: ingest reports the font,
generate falls back to a usable one and says so; nothing ends in a traceback.

Every hostile font is made here from a copy of an installed font package (nothing large is
committed): bytes of its glyf table overwritten, or its GSUB substitutions sent to glyphs the
font lacks.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine import Engine
from onbrand.cli import main

COLOURS = {
    "color": {
        "$type": "color",
        "brand": {"$value": "#0e5e71"},
        "paper": {"$value": "#ffffff"},
        "ink": {"$value": "#131d2a"},
    }
}
PROMPT = "analytics dashboard with sidebar"


def _manrope(weight: str = "Regular") -> Path:
    import font_manrope

    return Path(font_manrope.__file__).parent / "files" / f"Manrope-{weight}.ttf"


def corrupt_glyf(src: Path, dst: Path) -> Path:
    """A copy of `src` whose glyf table starts with 4 kB of 0xFF: every outline is garbage."""
    from fontTools.ttLib import TTFont

    with TTFont(str(src), lazy=True) as f:
        entry = f.reader.tables["glyf"]
        offset, length = entry.offset, entry.length
    data = bytearray(src.read_bytes())
    n = min(4096, length)
    data[offset:offset + n] = b"\xff" * n
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(bytes(data))
    return dst


def corrupt_gsub(src: Path, dst: Path) -> Path:
    """A copy of `src` whose GSUB substitutions (ligatures such as "fi") lead to glyph 60000,
    which the font does not have."""
    from fontTools.ttLib import TTFont

    f = TTFont(str(src))
    for lookup in f["GSUB"].table.LookupList.Lookup:
        for st in lookup.SubTable:
            st = getattr(st, "ExtSubTable", st)
            if hasattr(st, "mapping"):
                st.mapping = {k: "glyph60000" for k in st.mapping}
            for ligs in getattr(st, "ligatures", {}).values():
                for lig in ligs:
                    lig.LigGlyph = "glyph60000"
    dst.parent.mkdir(parents=True, exist_ok=True)
    f.save(str(dst))
    return dst


def _system(root: Path, family: str = "Manrope", extra: dict | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    tokens = {**COLOURS, "font": {"$type": "fontFamily", "body": {"$value": family}}, **(extra or {})}
    (root / "tokens.json").write_text(json.dumps(tokens))
    return root


# -- ingest reports damaged fonts --------------------------------------------------------------


@pytest.mark.parametrize("damage, reason", [
    (corrupt_glyf, "cannot be drawn"),
    (corrupt_gsub, "beyond the font's"),
])
def test_a_damaged_font_is_reported_and_another_face_used(tmp_path, damage, reason):
    from ingest import ingest_folder

    d = _system(tmp_path / "ds")
    damage(_manrope("Regular"), d / "fonts" / "Manrope-Regular.ttf")
    ds = ingest_folder(d)
    (fail,) = [f for f in ds.failed if f.path == "fonts/Manrope-Regular.ttf"]
    assert fail.reason.startswith("broken TrueType font: ") and reason in fail.reason
    assert "\n" not in fail.reason
    assert ds.fonts and all(f.family == "Manrope" and not f.path.startswith(str(d)) for f in ds.fonts)


def test_cli_ingest_with_a_damaged_font_exits_3_then_generate_works(tmp_path):
    d = _system(tmp_path / "ds")
    corrupt_glyf(_manrope("Regular"), d / "fonts" / "Manrope-Regular.ttf")
    corrupt_gsub(_manrope("Bold"), d / "fonts" / "Manrope-Bold.ttf")
    runner = CliRunner()
    store = tmp_path / "store"
    r = runner.invoke(main, ["ingest", str(d), "--store", str(store), "--json"], catch_exceptions=False)
    assert r.exit_code == 3, r.output
    failed = {f["path"] for f in json.loads(r.stdout)["failed"]}
    assert failed == {"fonts/Manrope-Regular.ttf", "fonts/Manrope-Bold.ttf"}
    out = tmp_path / "m.png"
    r = runner.invoke(main, ["generate", str(d), PROMPT, "--store", str(store), "--out", str(out), "--size", "640x400",
                             "--sampler", "procedural"], catch_exceptions=False)
    assert r.exit_code == 0, r.output + r.stderr
    assert out.is_file() and "Traceback" not in r.output + r.stderr


# -- generate never crashes on a bad font --------------------------------------------------------


@pytest.mark.parametrize("damage", [corrupt_glyf, corrupt_gsub, None])
def test_generate_falls_back_from_a_font_that_cannot_draw(harbor_engine, tmp_path, damage):
    """A design system whose resolved faces are damaged (or gone) since ingest: generate draws
    with another usable face and names the bad one in its warnings."""
    bad = tmp_path / "Bad-Regular.ttf"
    if damage is not None:
        damage(_manrope("Regular"), bad)
    ds = harbor_engine.ds
    fonts = [f.model_copy(update={"path": str(bad)}) if f.weight <= 500 else f for f in ds.fonts]
    engine = Engine(ds.model_copy(update={"fonts": fonts}))
    g = engine.generate(PROMPT, seed=0, size=(640, 400), sampler="procedural")
    problems = [w for w in g.warnings if "Bad-Regular.ttf" in w]
    assert problems and "cannot be used" in problems[0] and "text is drawn in" in problems[0]
    assert g.svg.startswith("<svg")


def test_a_glyph_that_cannot_be_drawn_gives_an_empty_outline(tmp_path):
    from engine.render.text import Font

    font = Font(str(corrupt_glyf(_manrope(), tmp_path / "bad.ttf")))
    outlines = [font.outline(gid) for gid in range(font._face.glyph_count)]  # never raises
    assert "" in outlines
    gsub = Font(str(corrupt_gsub(_manrope(), tmp_path / "gsub.ttf")))
    assert gsub.outline(60000) == ""


def test_check_font_passes_installed_fonts():
    from ingest.fonts import check_font

    assert check_font(_manrope("Regular")) is None
    assert check_font(_manrope("Bold"), full=False) is None


# -- WOFF2 after the font cache is wiped ---------------------------------------------------------


def test_woff2_fonts_are_decompressed_again_after_the_cache_is_wiped(tmp_path, monkeypatch):
    import shutil

    from fontTools.ttLib import TTFont

    cache = tmp_path / "cache"
    monkeypatch.setenv("ONBRAND_FONT_CACHE", str(cache))
    d = _system(tmp_path / "ds", family="Manrope")
    for w in ("Regular", "Bold"):
        f = TTFont(str(_manrope(w)))
        f.flavor = "woff2"
        (d / "fonts").mkdir(exist_ok=True)
        f.save(str(d / "fonts" / f"Manrope-{w}.woff2"))
    runner = CliRunner()
    store = tmp_path / "store"
    r = runner.invoke(main, ["ingest", str(d), "--store", str(store), "--json"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    fonts = json.loads(r.stdout)["fonts"]
    assert {f["origin"] for f in fonts} == {"folder"} and all(f["path"].startswith(str(cache)) for f in fonts)
    shutil.rmtree(cache)
    out = tmp_path / "m.png"
    r = runner.invoke(main, ["generate", str(d), PROMPT, "--store", str(store), "--out", str(out), "--size", "640x400",
                             "--sampler", "procedural", "--json"], catch_exceptions=False)
    assert r.exit_code == 0, r.output + r.stderr
    assert "Traceback" not in r.output + r.stderr
    assert not any("cannot be used" in w for w in json.loads(r.stdout)["warnings"])
    assert {Path(f["path"]).name for f in fonts} <= {p.name for p in cache.iterdir()}  # decompressed again
    r = runner.invoke(main, ["inspect", str(d), "--store", str(store), "--out", str(tmp_path / "sheet.png")],
                      catch_exceptions=False)
    assert r.exit_code == 0, r.output + r.stderr


# -- text in a script the fonts lack ---------------------------------------------------------------

GEORGIAN = "ნავსადგური"


def script_font(path: Path, family: str, chars: str) -> Path:
    """A tiny TrueType font whose only glyphs are boxes for `chars` (and a space)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    def box():
        pen = TTGlyphPen(None)
        pen.moveTo((50, 0))
        pen.lineTo((50, 700))
        pen.lineTo((550, 700))
        pen.lineTo((550, 0))
        pen.closePath()
        return pen.glyph()

    names = [f"uni{ord(c):04X}" for c in chars]
    order = [".notdef", "space", *names]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap({32: "space", **{ord(c): n for c, n in zip(chars, names)}})
    empty = TTGlyphPen(None).glyph()
    fb.setupGlyf({".notdef": box(), "space": empty, **{n: box() for n in names}})
    fb.setupHorizontalMetrics({n: (600, 50) for n in order})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": family, "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=800, sTypoDescender=-200, usWinAscent=800, usWinDescent=200)
    fb.setupPost()
    path.parent.mkdir(parents=True, exist_ok=True)
    fb.save(str(path))
    return path


def test_a_system_name_the_fonts_lack_is_drawn_in_a_font_that_has_it(tmp_path):
    d = _system(tmp_path / GEORGIAN, extra={"code": {"$type": "fontFamily", "script": {"$value": "Mkhedruli Box"}}})
    script_font(d / "fonts" / "MkhedruliBox-Regular.ttf", "Mkhedruli Box", "".join(sorted(set(GEORGIAN))))
    engine = Engine.from_folder(d, store=tmp_path / "store")
    assert any(f.family == "Mkhedruli Box" for f in engine.ds.fonts)
    g = engine.generate(PROMPT, seed=0, size=(1280, 800), sampler="procedural")
    (w,) = [w for w in g.warnings if GEORGIAN in w]
    assert "has characters Manrope lacks" in w and "drawn in Mkhedruli Box instead" in w
    assert f'>{GEORGIAN}</text>' in g.svg and f'aria-label="{GEORGIAN}"' in g.svg_as("outline")


def test_a_system_name_no_font_has_is_a_warning(tmp_path):
    name = "\ue000\ue001\ue002"  # private-use characters: no font has them
    d = _system(tmp_path / name)
    g = Engine.from_folder(d, store=tmp_path / "store").generate(PROMPT, seed=0, size=(1280, 800),
                                                                  sampler="procedural")
    (w,) = [w for w in g.warnings if name in w]
    assert "no available font has" in w and "empty boxes" in w


def test_the_token_sheet_draws_a_system_name_in_a_font_that_has_it(tmp_path):
    from engine.render.sheet import render_token_sheet

    d = _system(tmp_path / GEORGIAN, extra={"code": {"$type": "fontFamily", "script": {"$value": "Mkhedruli Box"}}})
    font = script_font(d / "fonts" / "MkhedruliBox-Regular.ttf", "Mkhedruli Box", "".join(sorted(set(GEORGIAN))))
    ds = Engine.from_folder(d, store=tmp_path / "store").ds
    svg = render_token_sheet(ds, 1200).svg
    from engine.render.text import load_font

    box = load_font(str(font)).outline(3)  # the box glyph of the first Georgian letter
    assert box and box in svg


def test_a_line_a_text_face_lacks_falls_back_to_a_text_face_before_a_code_font(tmp_path):
    """A star in a line of body text: a system's own monospace face comes after text faces
    that have it, so the line is not set in a code font for one character."""
    from engine.render.text import font_covering

    chars = "".join(sorted(set("Amsterdam 4.7 \u2605\ue000") - {" "}))
    mono = script_font(tmp_path / "fonts" / "StarMono-Regular.ttf", "Star Mono", chars)
    text_face = script_font(tmp_path / "fonts" / "StarText-Regular.ttf", "Star Text", chars)
    assert font_covering("Amsterdam 4.7 \u2605\ue000", 400, (str(mono), str(text_face))) == (str(text_face), "Star Text")
    # a monospace face is still used when it is the only one that has the characters
    assert font_covering("Amsterdam \ue000", 400, (str(mono),)) == (str(mono), "Star Mono")
