"""Property-based tests of the token readers and the resolver.

Arbitrary JSON-ish token trees (groups, types, aliases that may dangle or form cycles, deep
alias chains, Tokens Studio arithmetic, ``$extends``, ``$ref`` pointers, resolver documents
whose sets list each other) must never make a reader or the resolver raise anything but the
documented `TokenError`, must finish quickly (hypothesis' per-example deadline), and must
resolve to the same values every time, whatever the serialisation (JSON, YAML).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")

import yaml  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from ingest.tokens import TokenError, build_token_set, parse_token_file  # noqa: E402
from ingest.tokens.base import RawToken, resolve_raw  # noqa: E402
from ingest.tokens.mathexpr import check_calls, evaluate, evaluate_value  # noqa: E402

SETTINGS = settings(max_examples=60, deadline=3000, suppress_health_check=[HealthCheck.too_slow,
                                                                           HealthCheck.function_scoped_fixture])

NAMES = ["a", "b", "c", "brand", "space", "$root"]
TYPES = [None, "color", "dimension", "number", "string", "fontFamily", "shadow", "typography", "bogus"]
PATHS = ["a", "b", "a.b", "a.c", "b.a", "brand", "brand.a", "space.b", "c.c.c"]

scalars = st.one_of(
    st.sampled_from(["#0e5e71", "#fff", "red", "rgb(1 2 3)", "16px", "1.5rem", "0", "Inter, sans-serif", "{", "}",
                     "url(x)", "__import__('os')", "eval(1)", "a.b(1)", "1e400", "rgba({a}, 0.5)"]),
    st.integers(min_value=-10**6, max_value=10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.none(),
    st.text(max_size=30),
)
references = st.sampled_from(PATHS).map(lambda p: "{" + p + "}")
maths = st.tuples(references, st.sampled_from(["+", "-", "*", "/", "**", "^"]),
                  st.one_of(references, st.integers(-5, 99).map(str), st.sampled_from(["2px", "0", "(1", "roundTo(1)"]))
                  ).map(lambda t: " ".join(t))
pointers = st.sampled_from(PATHS).map(lambda p: {"$ref": "#/" + p.replace(".", "/")})
values = st.recursive(
    st.one_of(scalars, references, maths, pointers,
              st.lists(references, min_size=1, max_size=4).map(" ".join)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(
        ["color", "offsetX", "fontSize", "fontFamily", "value", "unit", "hex", "components"]), inner, max_size=4)),
    max_leaves=12,
)


@st.composite
def token(draw, key: str = "$value") -> dict:
    out = {key: draw(values)}
    t = draw(st.sampled_from(TYPES))
    if t is not None:
        out["$type" if key == "$value" else "type"] = t
    return out


def group(key: str = "$value", depth: int = 3):
    leaf = token(key)
    if depth == 0:
        return st.dictionaries(st.sampled_from(NAMES), leaf, min_size=1, max_size=4)
    child = st.one_of(leaf, group(key, depth - 1))
    extras = st.fixed_dictionaries({}, optional={
        "$type": st.sampled_from(TYPES[1:]),
        "$extends": st.one_of(references, pointers, scalars),
        "$description": st.text(max_size=10),
    }) if key == "$value" else st.just({})
    return st.tuples(st.dictionaries(st.sampled_from(NAMES), child, min_size=1, max_size=4), extras).map(
        lambda t: {**t[0], **t[1]})


documents = st.one_of(group("$value"), group("value"))


def _write(tmp: Path, rel: str, doc, fmt: str) -> Path:
    p = tmp / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "yaml":
        p.write_text(yaml.safe_dump(doc, allow_unicode=True))
    else:
        p.write_text(json.dumps(doc, ensure_ascii=False))
    return p


def _resolve(tmp: Path, files: dict[str, object], fmt: str = "json"):
    """Parse and resolve `files`: ({path: value}, {file: reason}); only TokenError may escape."""
    docs, failed = [], {}
    for rel, doc in files.items():
        p = _write(tmp, rel, doc, fmt)
        try:
            d = parse_token_file(p, rel)
        except TokenError as e:
            failed[rel] = str(e)
            continue
        if d is not None:
            docs.append(d)
    tokens, resolve_failed = build_token_set(docs).resolve()
    for rel, reason in {**failed, **resolve_failed}.items():
        # one line naming a file: the failed one, or the one whose token it depends on
        assert isinstance(reason, str) and "\n" not in reason, (rel, reason)
        assert reason.split(": ", 1)[0] in files, (rel, reason)
    return {t.path: (t.type, t.value) for t in tokens}, {**failed, **resolve_failed}


def _fresh(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("prop")


@SETTINGS
@given(doc=documents)
def test_readers_and_resolver_only_raise_token_errors_and_are_stable(tmp_path_factory, doc):
    a = _resolve(_fresh(tmp_path_factory), {"tokens/t.tokens.json": doc})
    b = _resolve(_fresh(tmp_path_factory), {"tokens/t.tokens.json": doc})
    assert a == b  # the same document resolves to the same values every time


@SETTINGS
@given(doc=documents)
def test_yaml_and_json_resolve_alike(tmp_path_factory, doc):
    as_json = _resolve(_fresh(tmp_path_factory), {"t.tokens.json": doc})
    as_yaml = _resolve(_fresh(tmp_path_factory), {"t.tokens.yaml": doc}, fmt="yaml")
    assert as_json[0] == as_yaml[0]
    assert list(as_json[1]) == [] or list(as_yaml[1]) == ["t.tokens.yaml"]


@SETTINGS
@given(docs=st.lists(documents, min_size=2, max_size=3))
def test_several_files_resolve_and_fail_file_by_file(tmp_path_factory, docs):
    files = {f"tokens/f{i}.tokens.json": d for i, d in enumerate(docs)}
    values, failed = _resolve(_fresh(tmp_path_factory), files)
    assert set(failed) <= set(files)
    again = _resolve(_fresh(tmp_path_factory), files)
    assert (values, failed) == again


@SETTINGS
@given(doc=st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20)),
                        lambda inner: st.one_of(st.lists(inner, max_size=5),
                                                st.dictionaries(st.text(max_size=8), inner, max_size=5)),
                        max_leaves=30),
       name=st.sampled_from(["x.json", "x.tokens.json", "$themes.json", "$metadata.json", "x.resolver.json",
                             "package.json", "x.yaml"]))
def test_any_json_document_is_read_or_refused_with_a_token_error(tmp_path_factory, doc, name):
    tmp = _fresh(tmp_path_factory)
    p = tmp / name
    p.write_text(json.dumps(doc, allow_nan=True))
    try:
        parsed = parse_token_file(p, name)
    except TokenError as e:
        assert str(e).startswith(f"{name}: ") and "\n" not in str(e)
        return
    if parsed is not None:
        build_token_set([parsed]).resolve()


@SETTINGS
@given(data=st.binary(max_size=200), suffix=st.sampled_from([".json", ".json5", ".yaml"]))
def test_any_bytes_are_read_or_refused_with_a_token_error(tmp_path_factory, data, suffix):
    p = _fresh(tmp_path_factory) / f"t{suffix}"
    p.write_bytes(data)
    try:
        parse_token_file(p, p.name)
    except TokenError:
        pass


# -- aliases: chains, cycles --------------------------------------------------------------------


@SETTINGS
@given(n=st.integers(min_value=1, max_value=400), cycle=st.booleans(), end=st.sampled_from(["#123456", "4px", 7]))
def test_alias_chains_resolve_to_their_end_or_fail_with_a_reason(n, cycle, end):
    raw = {f"t{i}": RawToken(value=f"{{t{i + 1}}}", type=None, file="f.json") for i in range(n)}
    raw[f"t{n}"] = RawToken(value="{t0}" if cycle else end, type="color", file="f.json")
    tokens, failed = resolve_raw(raw)
    if n > 200:  # a cycle this long is reported as a chain that is too long
        assert "longer than 200" in failed["f.json"] and tokens == []
    elif cycle:
        assert "alias cycle" in failed["f.json"] and tokens == []
    else:
        assert failed == {}
        assert all(t.value == end for t in tokens) and len(tokens) == n + 1
        assert all(t.type == "color" for t in tokens)  # an alias inherits its target's type


@SETTINGS
@given(edges=st.dictionaries(st.sampled_from("abcdef"), st.lists(st.sampled_from("abcdef"), max_size=3), min_size=1),
       math=st.booleans())
def test_random_alias_graphs_never_raise_and_resolve_consistently(edges, math):
    raw = {}
    for name, targets in edges.items():
        value = " + ".join("{" + t + "}" for t in targets) if targets else "2"
        raw[name] = RawToken(value=value, type="number", file=f"{name}.json", math=math)
    first = resolve_raw(raw)
    second = resolve_raw(dict(reversed(list(raw.items()))))
    by_path = lambda toks: {t.path: t.value for t in toks}  # noqa: E731
    # resolution order does not change a value that resolves in both orders
    a, b = by_path(first[0]), by_path(second[0])
    assert all(a[k] == b[k] for k in a.keys() & b.keys())


@SETTINGS
@given(text=st.text(max_size=200))
def test_math_and_code_checks_only_raise_value_errors(text):
    for fn in (evaluate, check_calls, lambda t: evaluate_value(t, "dimension"), lambda t: evaluate_value(t, None)):
        try:
            fn(text)
        except ValueError as e:
            assert "\n" not in str(e)


# -- $extends and resolver documents ------------------------------------------------------------


@SETTINGS
@given(links=st.dictionaries(st.sampled_from(["g0", "g1", "g2", "g3"]),
                             st.lists(st.sampled_from(["g0", "g1", "g2", "g3", "nope"]), max_size=3), min_size=1))
def test_extends_graphs_terminate_with_tokens_or_a_reason(tmp_path_factory, links):
    doc: dict = {}
    for g, targets in links.items():
        members = {f"m{i}": {"$extends": "{" + t + "}"} for i, t in enumerate(targets)}
        doc[g] = {"$type": "color", "own": {"$value": "#abcdef"}, **members}
    values, failed = _resolve(_fresh(tmp_path_factory), {"x.tokens.json": doc})
    assert failed or values


@st.composite
def resolver_documents(draw) -> dict:
    names = ["s0", "s1", "s2", "s3"]
    sets = {}
    for n in draw(st.lists(st.sampled_from(names), min_size=1, max_size=4, unique=True)):
        sources = draw(st.lists(st.one_of(
            st.sampled_from(names + ["missing"]).map(lambda s: {"$ref": f"#/sets/{s}"}),
            group("$value", 1),
            st.sampled_from([{"$ref": "other.tokens.json"}, {"$ref": "../outside.json"}, {"$ref": "#/nope"}, {}, 3]),
        ), max_size=3))
        sets[n] = {"sources": sources}
    doc: dict = {"version": "2025.10", "sets": sets}
    if draw(st.booleans()):
        doc["modifiers"] = {"theme": {"contexts": {
            "light": [{"$ref": f"#/sets/{draw(st.sampled_from(names))}"}], "dark": [draw(group("$value", 1))]},
            "default": draw(st.sampled_from(["light", "dark", "dim"]))}}
    if draw(st.booleans()):
        doc["resolutionOrder"] = draw(st.lists(st.one_of(
            st.sampled_from(names).map(lambda s: {"$ref": f"#/sets/{s}"}),
            st.just({"$ref": "#/modifiers/theme"}), st.just({"type": "set", "sources": []}), st.just(7)), max_size=4))
    return doc


@SETTINGS
@given(doc=resolver_documents(), other=documents)
def test_resolver_documents_never_raise_and_are_stable(tmp_path_factory, doc, other):
    files = {"tokens/system.resolver.json": doc, "tokens/other.tokens.json": other}
    first = _resolve(_fresh(tmp_path_factory), files)
    assert first == _resolve(_fresh(tmp_path_factory), files)
