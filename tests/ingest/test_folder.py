"""Folder ingest: the sample system, roles and fonts, bad files, the store."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from ingest import IngestError, ingest_folder, load_store, save_store
from ingest.colour import contrast, parse_hex

from conftest import SAMPLES


def test_sample_system_ingests_completely():
    ds = ingest_folder(SAMPLES / "harbor")
    assert ds.failed == []
    roles = ds.role_map()
    for role in ("background", "surface", "text", "text-muted", "primary", "on-primary", "border"):
        assert role in roles, role
    assert roles["primary"] == "#0e5e71"
    assert [t.name for t in ds.type_scale][:2] == ["display", "h1"]
    assert {t.family for t in ds.type_scale} == {"Manrope"}
    assert 16.0 in ds.spacing_px() and 4.0 in ds.spacing_px()
    assert ds.radius("md") == 8.0
    assert ds.logo is not None and ds.logo.source.file == "logo.svg"
    assert len(ds.icons) >= 12
    face = next(f for f in ds.fonts if f.family == "Manrope" and f.weight == 700)
    assert face.origin == "package" and face.path.endswith("Manrope-Bold.ttf")
    # provenance: every colour names its file and token path
    c = next(c for c in ds.colors if c.name == "color.role.primary")
    assert c.source.file.endswith("harbor.tokens.json") and c.source.locator == "color.role.primary"


def test_roles_derived_when_names_do_not_say(tmp_path):
    doc = {"palette": {"$type": "color", "ink": {"$value": "#111827"}, "paper": {"$value": "#ffffff"},
                       "fog": {"$value": "#e5e7eb"}, "stone": {"$value": "#6b7280"},
                       "ocean": {"$value": "#1d4ed8"}, "ember": {"$value": "#dc2626"}}}
    (tmp_path / "t.json").write_text(json.dumps(doc))
    ds = ingest_folder(tmp_path)
    roles = ds.role_map()
    assert roles["background"] == "#ffffff"
    assert roles["text"] == "#111827"
    assert roles["primary"] in ("#1d4ed8", "#dc2626")
    assert contrast(parse_hex(roles["on-primary"])[0], parse_hex(roles["primary"])[0]) >= 4.5
    reasons = {r.role: r.reason for r in ds.roles}
    assert reasons["surface"] == "token name palette.paper"  # "paper" names a surface
    assert reasons["text"].startswith("derived") and reasons["primary"].startswith("derived")


def test_broken_file_is_reported_and_rest_ingested(harbor):
    (harbor / "tokens" / "broken.tokens.json").write_text('{"color": {"x": {"$value": ')
    (harbor / "icons" / "evil.svg").write_text(
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><svg>&b;</svg>')
    (harbor / "icons" / "remote.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<image xlink:href="http://example.com/x.png"/></svg>')
    (harbor / "icons" / "notsvg.svg").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    ds = ingest_folder(harbor)
    failed = {f.path: f.reason for f in ds.failed}
    assert set(failed) == {"tokens/broken.tokens.json", "icons/evil.svg", "icons/remote.svg", "icons/notsvg.svg"}
    assert "invalid JSON" in failed["tokens/broken.tokens.json"]
    assert "DTD" in failed["icons/evil.svg"] or "entities" in failed["icons/evil.svg"]
    assert "external reference" in failed["icons/remote.svg"]
    assert all("\n" not in r for r in failed.values())
    assert ds.role_map()["primary"] == "#0e5e71"  # the good file still counts


def test_symlink_outside_folder_not_followed(harbor, tmp_path):
    outside = tmp_path / "secret.json"
    outside.write_text(json.dumps({"c": {"$type": "color", "x": {"$value": "#123456"}}}))
    os.symlink(outside, harbor / "tokens" / "link.json")
    ds = ingest_folder(harbor)
    assert any(f.path == "tokens/link.json" and "outside" in f.reason for f in ds.failed)
    assert all(c.hex != "#123456" for c in ds.colors)


@pytest.mark.parametrize("setup, message", [
    (lambda p: None, "no design-system files"),
    (lambda p: (p / "a.json").write_text("{nope"), "a.json: invalid JSON"),
])
def test_unusable_folders_raise_one_line(tmp_path, setup, message):
    setup(tmp_path)
    with pytest.raises(IngestError, match=message):
        ingest_folder(tmp_path)


def test_missing_folder(tmp_path):
    with pytest.raises(IngestError, match="no such folder"):
        ingest_folder(tmp_path / "nope")


def test_store_round_trip_and_staleness(harbor, tmp_path):
    ds = ingest_folder(harbor)
    store = tmp_path / "store"
    save_store(ds, store)
    again = load_store(harbor, store)
    assert again is not None and again.role_map() == ds.role_map()
    (harbor / "tokens" / "extra.tokens.json").write_text(json.dumps({"x": {"$type": "color", "y": {"$value": "#abcdef"}}}))
    assert load_store(harbor, store) is None  # the folder changed: the store is stale


def test_failed_store_write_keeps_previous(harbor, tmp_path, monkeypatch):
    ds = ingest_folder(harbor)
    store = tmp_path / "store"
    save_store(ds, store)
    before = (store / "manifest.json").read_text()
    import ingest.store as st

    def boom(*a, **k):
        raise OSError("disk full")

    with monkeypatch.context() as m:
        m.setattr(st, "_write_json", boom)  # the commit (the manifest's rename) fails
        with pytest.raises(OSError):
            save_store(ds, store)
    assert (store / "manifest.json").read_text() == before
    assert load_store(harbor, store).role_map() == ds.role_map()
    assert not [p for p in tmp_path.iterdir() if p.name not in ("store", "harbor")]
    save_store(ds, store)  # the next save removes what the failed one left
    assert len([p for p in store.iterdir() if p.name.startswith("g-")]) == 2  # the new one and the previous
    shutil.rmtree(store)


def _real_world_roots():
    from conftest import REAL_WORLD

    if not REAL_WORLD.exists():
        return []
    roots = []
    for p in sorted(REAL_WORLD.iterdir()):
        if not p.is_dir():
            continue
        subs = [d for d in sorted(p.iterdir()) if d.is_dir()]
        roots += subs if subs else [p]
    return roots


@pytest.mark.parametrize("root", _real_world_roots(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_real_world_folders_ingest_with_zero_failures(root):
    ds = ingest_folder(root)
    assert ds.failed == [], ds.failed
    roles = ds.role_map()
    for role in ("background", "text", "primary", "on-primary"):
        assert role in roles
    assert contrast(parse_hex(roles["text"])[0], parse_hex(roles["background"])[0]) >= 4.5
    assert contrast(parse_hex(roles["on-primary"])[0], parse_hex(roles["primary"])[0]) >= 4.5
    for mode_name, options in ds.modes.items():
        for opt in options[1:]:
            other = ingest_folder(root, {mode_name: opt})
            assert other.failed == [] and other.mode[mode_name] == opt
