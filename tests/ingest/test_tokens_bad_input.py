"""Broken token files give one-line TokenErrors naming the file; the other files still resolve."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.tokens import TokenError, build_token_set, parse_token_file
from ingest.tokens.mathexpr import evaluate, evaluate_value

GOOD = {"ok": {"$type": "color", "blue": {"$value": "#2563eb"}}}


def _folder(tmp_path: Path, files: dict[str, object]) -> tuple[list, dict[str, str], dict[str, str]]:
    """Write `files`, parse and resolve them all: (tokens, parse failures, resolve failures)."""
    docs, parse_failed = [], {}
    for rel, content in {"good.json": GOOD, **files}.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content if isinstance(content, str) else json.dumps(content))
        try:
            doc = parse_token_file(p, rel)
        except TokenError as e:
            parse_failed[rel] = str(e)
            continue
        if doc is not None:
            docs.append(doc)
    toks, failed = build_token_set(docs).resolve()
    return toks, parse_failed, failed


def _one_failure(tmp_path, rel, content) -> str:
    toks, parse_failed, failed = _folder(tmp_path, {rel: content})
    assert [t.path for t in toks] == ["ok.blue"]  # the good file still resolves
    reasons = {**parse_failed, **failed}
    assert list(reasons) == [rel], reasons
    msg = reasons[rel]
    assert msg.startswith(f"{rel}: ") and "\n" not in msg
    return msg


def test_alias_cycle_names_every_token(tmp_path):
    doc = {"c": {"$type": "color", "a": {"$value": "{c.b}"}, "b": {"$value": "{c.c}"}, "c": {"$value": "{c.a}"}}}
    msg = _one_failure(tmp_path, "cycle.json", doc)
    assert "alias cycle" in msg and all(n in msg for n in ("c.a", "c.b", "c.c"))


def test_dangling_reference(tmp_path):
    msg = _one_failure(tmp_path, "dangling.json", {"c": {"$type": "color", "a": {"$value": "{c.nope}"}}})
    assert "unknown token {c.nope}" in msg


@pytest.mark.parametrize("ref, words", [
    ("other.json#/c/a", "outside the document"),
    ("https://example.com/tokens.json#/c", "outside the document"),
    ("#/c/nope", "missing pointer #/c/nope"),
    ("#/c/a/$value/components/7", "missing pointer"),
])
def test_bad_json_pointer_refs(tmp_path, ref, words):
    doc = {"c": {"$type": "color", "a": {"$value": {"colorSpace": "srgb", "components": [1, 0, 0]}},
                 "b": {"$value": {"$ref": ref}}}}
    assert words in _one_failure(tmp_path, "ref.json", doc)


def test_extends_unknown_group_and_cycle(tmp_path):
    assert "extends unknown group" in _one_failure(tmp_path, "x.json", {"g": {"$extends": "{nope}", "a": {"$value": 1}}})
    doc = {"a": {"$extends": "{b}", "x": {"$value": 1}}, "b": {"$extends": "{a}", "y": {"$value": 2}}}
    assert "$extends cycle" in _one_failure(tmp_path, "y.json", doc)


@pytest.mark.parametrize("rel, content, words", [
    ("deep.json", "[" * 20000 + "]" * 20000, "nested deeper than"),
    ("deep2.json", '{"a":' * 20000 + "1" + "}" * 20000, "nested deeper than"),
    ("truncated.json", '{"color": {"a": {"$value": "#fff"', "invalid JSON"),
    ("truncated.yaml", "color:\n  a:\n    value: '#fff\n", "invalid YAML"),
    ("truncated.json5", "{color: {a: {value: '#fff'", "invalid JSON5"),
    ("empty.json", "", "empty file"),
    ("blank.yaml", "  \n\n", "empty file"),
    ("latin1.json", b'{"c": {"value": "caf\xe9"}}', "not UTF-8"),
    ("deep.yaml", "a: " + "[" * 20000 + "]" * 20000, "nested deeper than"),
    ("tagged.yaml", "c:\n  a:\n    value: !!python/object/apply:os.system ['echo hi']\n", "not allowed"),
])
def test_broken_files(tmp_path, rel, content, words):
    assert words in _one_failure(tmp_path, rel, content)


@pytest.mark.timeout(60)  # a hang fails the test; speed itself is not asserted here
def test_yaml_billion_laughs_is_refused_quickly(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines.append("color:\n  x:\n    value: *i")
    msg = _one_failure(tmp_path, "laughs.yaml", "\n".join(lines) + "\n")
    assert "alias bomb" in msg


@pytest.mark.parametrize("value, words", [
    ("__import__('os').system('echo hi')", "unknown function '__import__'"),
    ("{sp.a} ** 99999999", "exponent"),
    ("{sp.a} ^ 1000", "exponent"),
    ("({sp.a} * 1000000) * ({sp.a} * 1000000)", "out of range"),
    ("{sp.a} / 0", "division by zero"),
    ("(" * 100 + "1" + ")" * 100, "nested deeper"),
])
def test_code_and_runaway_math_in_studio_values_are_refused(tmp_path, value, words):
    doc = {"sp": {"a": {"value": "4", "type": "spacing"}, "b": {"value": value, "type": "spacing"}}}
    msg = _one_failure(tmp_path, "studio.json", doc)
    assert words in msg and "sp.b" in msg


def test_code_in_plain_dtcg_strings_is_refused_when_read(tmp_path):
    doc = {"c": {"$type": "fontFamily", "a": {"$value": "eval(open('/etc/passwd').read())"}}}
    p = tmp_path / "code.json"
    p.write_text(json.dumps(doc))
    with pytest.raises(TokenError, match=r"^code.json: token c.a has a bad value: unknown function 'eval'$"):
        parse_token_file(p, "code.json")


def test_bad_studio_themes(tmp_path):
    toks, _, failed = _folder(tmp_path, {
        "studio/core.json": {"c": {"a": {"value": "#ffffff", "type": "color"}}},
        "studio/$themes.json": [{"name": "Light", "selectedTokenSets": {"core": "enabled", "missing": "enabled"}}],
    })
    assert "selects missing token set 'missing'" in failed["studio/$themes.json"]
    assert "ok.blue" in {t.path for t in toks}


def test_figma_alias_to_unknown_variable(tmp_path):
    doc = {"meta": {"variableCollections": {"c1": {"name": "C", "modes": [{"modeId": "m", "name": "M"}],
                                                    "defaultModeId": "m"}},
                    "variables": {"v1": {"name": "color/a", "variableCollectionId": "c1", "resolvedType": "COLOR",
                                         "valuesByMode": {"m": {"type": "VARIABLE_ALIAS", "id": "VariableID:9:9"}}}}}}
    assert "unknown token {VariableID:9:9}" in _one_failure(tmp_path, "vars.json", doc)


@pytest.mark.parametrize("text, result", [
    ("4 * 4", (16, None)),
    ("16px * 1.5", (24, "px")),
    ("(8 + 4) / 2", (6, None)),
    ("roundTo(10 / 3, 2)", (3.33, None)),
    ("1rem + 4px", (20, "px")),
    ("2 ^ 3", (8, None)),
    ("-(2 + 3) * 2", (-10, None)),
    ("max(4px, 2 * 3px)", (6, "px")),
])
def test_math_parser(text, result):
    value, unit = evaluate(text)
    assert value == pytest.approx(result[0]) and unit == result[1]


def test_plain_strings_are_not_math():
    for s in ("Inter, sans-serif", "0 4px 8px rgba(0,0,0,.2)", "16px", "#ff0000", "solid", "cubic-bezier(0,0,1,1)"):
        assert evaluate_value(s, None) == s


@pytest.mark.parametrize("value", ["rotate3d(1, 1, 0, 45deg)", "hue-rotate(90deg)", "image-set(url(a.png) 1x)",
                                   "var(--brand, #fff)", "Inter (Variable)", "round(up, 4.5px, 1px)"])
def test_css_functions_are_not_code(tmp_path, value):
    p = tmp_path / "css.json"
    p.write_text(json.dumps({"c": {"$type": "string", "a": {"$value": value}}}))
    assert parse_token_file(p, "css.json") is not None


@pytest.mark.parametrize("value", ["require('child_process').execSync('ls')", "os.system('ls')",
                                   "globals()", "(1).__class__"])
def test_values_written_as_code_are_refused(tmp_path, value):
    p = tmp_path / "code.json"
    p.write_text(json.dumps({"c": {"$type": "string", "a": {"$value": value}}}))
    with pytest.raises(TokenError, match="^code.json: token c.a has a bad value"):
        parse_token_file(p, "code.json")
