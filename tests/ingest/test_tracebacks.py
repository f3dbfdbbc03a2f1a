"""Hostile inputs that used to end in a traceback, or were drawn broken without a word: each is
now a one-line reason in `failed`, a one-line warning, or a one-line error with exit code 2/3."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from onbrand.cli import main
from ingest import IngestError, ingest_folder

COLOURS = {
    "color": {
        "$type": "color",
        "brand": {"$value": "#0e5e71"},
        "paper": {"$value": "#ffffff"},
        "ink": {"$value": "#131d2a"},
    }
}


def _folder(root: Path, files: dict[str, str | bytes]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for rel, data in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data if isinstance(data, bytes) else data.encode())
    return root


def _cli(*args):
    """Run `onbrand` in-process; an uncaught exception fails the test with its traceback."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _one_line_error(result) -> str:
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert "Traceback" not in result.output + result.stderr
    assert len(lines) == 1, result.stderr
    return lines[0]


# -- symlink loops ---------------------------------------------------------------------------


def _looped(tmp_path: Path) -> Path:
    d = _folder(tmp_path / "ds", {"tokens.json": json.dumps(COLOURS)})
    os.symlink("self", d / "self")  # a link to itself
    os.symlink("pong", d / "ping")  # two links to each other
    os.symlink("ping", d / "pong")
    (d / "sub").mkdir()
    os.symlink("..", d / "sub" / "up")  # a folder link back up
    return d


def test_a_symlink_loop_is_reported_not_a_traceback(tmp_path):
    ds = ingest_folder(_looped(tmp_path))
    reasons = {f.path: f.reason for f in ds.failed}
    assert reasons["self"] == reasons["ping"] == reasons["pong"] == "symlink loop; not followed"
    assert reasons["sub/up"] == "symlinked folder not followed"
    assert len(ds.colors) == 3


def test_cli_ingest_of_a_folder_with_a_symlink_loop_exits_3(tmp_path):
    r = _cli("ingest", _looped(tmp_path), "--store", tmp_path / "store", "--json")
    assert r.exit_code == 3, r.output
    failed = json.loads(r.stdout)["failed"]
    assert {f["path"] for f in failed} >= {"self", "ping", "pong"}
    assert "Traceback" not in r.output + r.stderr


def test_a_dangling_symlink_is_reported(tmp_path):
    d = _folder(tmp_path / "ds", {"tokens.json": json.dumps(COLOURS)})
    os.symlink("gone.json", d / "dangling.json")
    reasons = {f.path: f.reason for f in ingest_folder(d).failed}
    assert reasons["dangling.json"] == "symlink to nothing; not followed"


# -- numbers no design value has -------------------------------------------------------------

HUGE = 10**400  # 401 digits: float() of it raises OverflowError


@pytest.mark.parametrize("name, text", [
    ("dimension.tokens.json", json.dumps({"space": {"$type": "dimension", "sm": {"$value": HUGE}}})),
    ("colour.tokens.json", json.dumps({"c": {"$type": "color", "x": {"$value": {
        "colorSpace": "srgb", "components": [HUGE, 0, 0]}}}})),
    ("typo.tokens.json", json.dumps({"t": {"$type": "typography", "h1": {"$value": {
        "fontFamily": "Manrope", "fontSize": HUGE, "lineHeight": 1.2, "fontWeight": 700}}}})),
    ("shadow.tokens.json", json.dumps({"s": {"$type": "shadow", "md": {"$value": {
        "color": "#000000", "offsetX": 0, "offsetY": HUGE, "blur": 4, "spread": 0}}}})),
    ("exp.tokens.json", '{"space": {"$type": "dimension", "sm": {"$value": 1e999}}}'),
    ("nan.tokens.json", '{"space": {"$type": "number", "sm": {"$value": NaN}}}'),
    ("big.tokens.yaml", f"space:\n  $type: dimension\n  sm:\n    $value: {HUGE}\n"),
    ("longer.tokens.yaml", f"space:\n  sm:\n    $value: {'9' * 5000}\n"),
])
def test_a_huge_number_fails_its_file_in_one_line(tmp_path, name, text):
    ds = ingest_folder(_folder(tmp_path / "ds", {"colours.json": json.dumps(COLOURS), name: text}))
    (fail,) = [f for f in ds.failed if f.path == name]
    assert "out of range" in fail.reason or "too many digits" in fail.reason
    assert "\n" not in fail.reason and len(fail.reason) < 200
    assert len(ds.colors) == 3  # the rest of the folder is still ingested


def test_a_huge_number_names_the_token(tmp_path):
    d = _folder(tmp_path / "ds", {"colours.json": json.dumps(COLOURS), "t.json": json.dumps(
        {"space": {"$type": "dimension", "sm": {"$value": HUGE}}})})
    (fail,) = ingest_folder(d).failed
    assert fail.reason == "token space.sm: a number of 401 digits is out of range (token numbers must be within ±1e+15)"


def test_a_dimension_string_of_300_digits_is_not_drawn(tmp_path):
    tokens = {**COLOURS, "radius": {"$type": "dimension", "md": {"$value": "1" + "0" * 400 + "px"}}}
    ds = ingest_folder(_folder(tmp_path / "ds", {"t.json": json.dumps(tokens)}))
    assert ds.radii == []
    assert any("radius.md" in w and "out of range" in w for w in ds.warnings)


def test_cli_with_only_a_huge_number_is_a_one_line_error(tmp_path):
    d = _folder(tmp_path / "ds", {"t.json": json.dumps({"c": {"$type": "color", "x": {"$value": {
        "colorSpace": "srgb", "components": [HUGE, 0, 0]}}}})})
    r = _cli("ingest", d, "--store", tmp_path / "store")
    assert r.exit_code == 2
    line = _one_line_error(r)
    assert "t.json" in line and "c.x" in line and "out of range" in line


# -- absurd design values ----------------------------------------------------------------------


def _absurd(tmp_path: Path) -> Path:
    tokens = {
        **COLOURS,
        "type": {"$type": "typography",
                 "huge": {"$value": {"fontFamily": "Manrope", "fontSize": {"value": 1e9, "unit": "px"},
                                     "fontWeight": 700, "lineHeight": 1.2}},
                 "negative": {"$value": {"fontFamily": "Manrope", "fontSize": "-20px", "fontWeight": 400}},
                 "tall": {"$value": {"fontFamily": "Manrope", "fontSize": "16px", "lineHeight": "900px"}},
                 "wide": {"$value": {"fontFamily": "Manrope", "fontSize": "16px", "letterSpacing": "40px"}},
                 "body": {"$value": {"fontFamily": "Manrope", "fontSize": "16px", "lineHeight": 1.5}}},
        "radius": {"$type": "dimension", "md": {"$value": {"value": 1e12, "unit": "px"}},
                   "sm": {"$value": "-4px"}, "pill": {"$value": "9999px"}},
        "spacing": {"$type": "dimension", "neg": {"$value": {"value": -8, "unit": "px"}}, "md": {"$value": "16px"}},
        "shadow": {"$type": "shadow", "far": {"$value": {"color": "#000000", "offsetX": 0, "offsetY": 1_000_000,
                                                         "blur": 8, "spread": 0}}},
    }
    return _folder(tmp_path / "ds", {"tokens.json": json.dumps(tokens)})


def test_absurd_design_values_are_skipped_or_clamped_with_a_warning(tmp_path):
    ds = ingest_folder(_absurd(tmp_path))
    w = "\n".join(ds.warnings)
    assert "tokens.json: token type.huge: fontSize 1e+09 px is outside 4–512 px; style skipped" in w
    assert "tokens.json: token type.negative: fontSize -20 px is outside 4–512 px; style skipped" in w
    assert "token type.tall: lineHeight 900 px" in w
    assert "token type.wide: letterSpacing 40 px" in w
    assert "tokens.json: token radius.md: radius 1e+12 px is above 10000 px; clamped to 10000 px" in w
    assert "tokens.json: token radius.sm: radius -4 px is negative; skipped" in w
    assert "tokens.json: token spacing.neg: spacing -8 px is negative; skipped" in w
    assert "token shadow.far: shadow offset y 1e+06 px beyond ±1000 px; skipped" in w
    assert all("\n" not in x for x in ds.warnings)
    styles = {s.name: s for s in ds.type_scale}
    assert set(styles) == {"tall", "wide", "body"}
    assert styles["tall"].line_height == pytest.approx(16 * 1.4) and styles["wide"].letter_spacing == 0
    assert {d.name: d.px for d in ds.radii} == {"md": 10_000, "pill": 9999}
    assert [d.px for d in ds.spacing] == [16]
    assert ds.shadows == []


def test_cli_ingest_prints_the_absurd_value_warnings(tmp_path):
    r = _cli("ingest", _absurd(tmp_path), "--store", tmp_path / "store", "--json")
    assert r.exit_code == 0, r.output
    warnings = json.loads(r.stdout)["warnings"]
    assert any("radius 1e+12 px" in w for w in warnings)


# -- error texts -----------------------------------------------------------------------------


def test_one_line_error_texts_hold_no_python_reprs():
    from pydantic import BaseModel

    from ingest.readers_common import one_line

    class M(BaseModel):
        size: int

    try:
        M.model_validate({"size": "big"})
    except ValueError as e:
        text = one_line(e)
    assert text.startswith("size: Input should be a valid integer") and "pydantic" not in text
    assert one_line(KeyError("'glyf' table not found")) == "'glyf' table not found"
    assert one_line(ValueError("unpack requires a buffer of 2 bytes", "ScriptCount")) == \
        "unpack requires a buffer of 2 bytes; ScriptCount"
    assert one_line(ValueError("first line\nsecond line")) == "first line"


def test_cli_errors_are_printed_on_one_line(tmp_path):
    from onbrand.cli import _Fail

    r = CliRunner().invoke(main, ["ingest", str(tmp_path / "missing")], catch_exceptions=False)
    assert r.exit_code == 2
    _one_line_error(r)
    with pytest.raises(_Fail) as info:
        raise _Fail("one\ntwo")
    import io
    import contextlib

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        info.value.show()
    assert err.getvalue() == "onbrand: error: one two\n"


def test_nothing_usable_is_still_an_ingest_error(tmp_path):
    d = _folder(tmp_path / "ds", {"t.json": json.dumps({"space": {"$type": "dimension", "sm": {"$value": HUGE}}})})
    with pytest.raises(IngestError, match="out of range"):
        ingest_folder(d)


def test_colour_problems_quote_values_as_json_not_python_reprs(tmp_path):
    tokens = {**COLOURS, "bad": {"$type": "color",
                                 "rgb": {"$value": {"r": "red", "g": 1, "b": 2}},
                                 "short": {"$value": {"colorSpace": "srgb", "components": [1, 2]}},
                                 "odd": {"$value": {"hue": 1}},
                                 "alpha": {"$value": {"hex": "#ffffff", "alpha": "half"}}}}
    ds = ingest_folder(_folder(tmp_path / "ds", {"t.json": json.dumps(tokens)}))
    w = {x.split(": ")[1]: x for x in ds.warnings if ": token bad." in x}
    assert w["token bad.rgb"].endswith('colour channels must be numbers in 0–255, got ["red", 1, 2]')
    assert w["token bad.short"].endswith("colour components must be a list of 3 numbers, got [1, 2]")
    assert w["token bad.odd"].endswith('not a colour: {"hue": 1}')
    assert w["token bad.alpha"].endswith("colour alpha must be a number in 0–1, got 'half'")
    assert len(ds.colors) == 3


def test_figma_values_of_unknown_shape_are_quoted_as_json():
    from ingest.tokens.figma import _value

    with pytest.raises(ValueError, match=r'^unsupported value \{"x": \[1, 2\]\}$'):
        _value({"x": [1, 2]}, {})
