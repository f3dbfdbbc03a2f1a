"""DTCG token reading: types, group inheritance, aliases, colour objects, failures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.colour import ColourError, parse_colour
from ingest.tokens import RawTokens, TokenError, read_token_file
from ingest.tokens.base import MAX_DEPTH


def _write(tmp_path: Path, doc, name="t.tokens.json") -> Path:
    p = tmp_path / name
    p.write_text(doc if isinstance(doc, str) else json.dumps(doc))
    return p


def test_group_type_inheritance_and_aliases(tmp_path):
    doc = {
        "color": {
            "$type": "color",
            "blue": {"500": {"$value": "#2563eb"}},
            "brand": {"$value": "{color.blue.500}", "$description": "main brand colour"},
        },
        "space": {"$type": "dimension", "md": {"$value": {"value": 16, "unit": "px"}},
                  "lg": {"$value": "{space.md}"}},
    }
    toks = {t.path: t for t in read_token_file(_write(tmp_path, doc), tmp_path)}
    assert toks["color.blue.500"].type == "color"
    assert toks["color.brand"].value == "#2563eb"
    assert toks["color.brand"].alias_of == "color.blue.500"
    assert toks["color.brand"].description == "main brand colour"
    assert toks["space.lg"].value == {"value": 16, "unit": "px"}
    assert toks["space.lg"].type == "dimension"


def test_aliases_inside_composites(tmp_path):
    doc = {
        "font": {"family": {"$type": "fontFamily", "base": {"$value": ["Manrope", "sans-serif"]}}},
        "type": {"body": {"$type": "typography", "$value": {
            "fontFamily": "{font.family.base}", "fontSize": {"value": 16, "unit": "px"},
            "fontWeight": 400, "lineHeight": 1.5}}},
    }
    toks = {t.path: t for t in read_token_file(_write(tmp_path, doc), tmp_path)}
    assert toks["type.body"].value["fontFamily"] == ["Manrope", "sans-serif"]


def test_alias_cycle_names_every_token(tmp_path):
    doc = {"c": {"$type": "color", "a": {"$value": "{c.b}"}, "b": {"$value": "{c.c}"}, "c": {"$value": "{c.a}"}}}
    with pytest.raises(TokenError) as e:
        read_token_file(_write(tmp_path, doc), tmp_path)
    msg = str(e.value)
    assert "t.tokens.json" in msg and "cycle" in msg
    for name in ("c.a", "c.b", "c.c"):
        assert name in msg


def test_dangling_reference(tmp_path):
    doc = {"c": {"$type": "color", "a": {"$value": "{c.nope}"}}}
    with pytest.raises(TokenError, match=r"unknown token \{c.nope\}"):
        read_token_file(_write(tmp_path, doc), tmp_path)


@pytest.mark.parametrize(
    "text, reason",
    [
        ("", "empty file"),
        ('{"color": {"a": {"$value": "#fff"', "invalid JSON"),
        ("[1, 2]", "JSON object"),
        ('{"meta": {"name": "x"}}', "no design tokens"),
        ("[" * 20000 + "]" * 20000, f"deeper than {MAX_DEPTH}"),
    ],
)
def test_broken_files_give_one_line_reasons(tmp_path, text, reason):
    with pytest.raises(TokenError) as e:
        read_token_file(_write(tmp_path, text), tmp_path)
    assert reason in str(e.value)
    assert "\n" not in str(e.value)


def test_cross_file_references(tmp_path):
    raw = RawTokens()
    raw.add_document({"base": {"$type": "color", "red": {"$value": "#ff0000"}}}, "a.json")
    raw.add_document({"role": {"danger": {"$value": "{base.red}"}}}, "b.json")
    toks, failed = raw.resolve()
    assert not failed
    assert {t.path: t.value for t in toks}["role.danger"] == "#ff0000"


@pytest.mark.parametrize(
    "value, rgb, alpha",
    [
        ("#0f766e", (15, 118, 110), 1.0),
        ("#fff", (255, 255, 255), 1.0),
        ("#00000080", (0, 0, 0), 128 / 255),
        ({"colorSpace": "srgb", "components": [1, 0, 0], "hex": "#ff0000"}, (255, 0, 0), 1.0),
        ({"colorSpace": "srgb", "components": [0, 0, 1], "alpha": 0.5}, (0, 0, 255), 0.5),
        ({"colorSpace": "hsl", "components": [0, 100, 50]}, (255, 0, 0), 1.0),
        ({"colorSpace": "oklch", "components": [0.628, 0.2577, 29.23]}, (255, 0, 0), 1.0),
        ({"colorSpace": "display-p3", "components": [0, 0, 0]}, (0, 0, 0), 1.0),
        ("rgb(15 118 110)", (15, 118, 110), 1.0),
    ],
)
def test_colour_values(value, rgb, alpha):
    got, a = parse_colour(value)
    assert all(abs(g - w) <= 1 for g, w in zip(got, rgb)), got
    assert a == pytest.approx(alpha, abs=1e-3)


@pytest.mark.parametrize("value", ["#12", "banana", {"colorSpace": "cmyk", "components": [0, 0, 0]}, 42,
                                   {"colorSpace": "srgb", "components": [1, 0]}])
def test_bad_colours(value):
    with pytest.raises(ColourError):
        parse_colour(value)
