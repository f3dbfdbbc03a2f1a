"""The store: incremental re-ingest by content hash, atomic writes, modes, search."""

from __future__ import annotations

import json
import os
import time

import pytest

from ingest import ingest_to_store, load_context, load_store
from ingest.folder import READER_VERSION


def _touch_later(p):
    st = p.stat()
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))


def test_unchanged_folder_reads_nothing(harbor, tmp_path):
    store = tmp_path / "st"
    first = ingest_to_store(harbor, store)
    assert not first.reused_store and first.parsed and first.chunks > 20
    assert first.embedded == first.chunks
    again = ingest_to_store(harbor, store)
    assert again.reused_store and again.parsed == [] and again.embedded == 0
    assert again.ds == first.ds


def test_touched_but_identical_file_is_not_read_again(harbor, tmp_path):
    store = tmp_path / "st"
    ingest_to_store(harbor, store)
    _touch_later(harbor / "logo.svg")
    rep = ingest_to_store(harbor, store)
    assert not rep.reused_store
    assert rep.parsed == []  # same content hash: the cached result is used
    assert "logo.svg" in rep.reused and rep.embedded == 0


def test_changing_one_file_rereads_that_file_only(harbor, tmp_path):
    store = tmp_path / "st"
    first = ingest_to_store(harbor, store)
    readme = harbor / "README.md"
    readme.write_text(readme.read_text() + "\n\n## Voice\n\nHarbor speaks plainly: short sentences, no exclamation marks.\n")
    rep = ingest_to_store(harbor, store)
    assert rep.parsed == ["README.md"]
    assert 0 < rep.embedded < first.chunks  # only the changed chunks were embedded again
    hits = load_context(store).search("tone of voice in copy", k=3)
    assert any(h.chunk.source.file == "README.md" for h in hits)


def test_token_change_updates_the_design_system(harbor, tmp_path):
    store = tmp_path / "st"
    ingest_to_store(harbor, store)
    p = harbor / "tokens" / "harbor.tokens.json"
    doc = json.loads(p.read_text())
    doc.setdefault("color", {})["signal"] = {"$type": "color", "$value": "#7a3ee0", "$description": "Promo ribbons"}
    p.write_text(json.dumps(doc))
    rep = ingest_to_store(harbor, store)
    assert "tokens/harbor.tokens.json" in rep.parsed
    assert set(rep.parsed) <= {"tokens/harbor.tokens.json", "tokens/harbor.resolver.json"}
    assert "#7a3ee0" in {c.hex for c in rep.ds.colors}
    assert load_store(harbor, store).colors == rep.ds.colors


def test_killed_ingest_keeps_the_previous_store(harbor, tmp_path, monkeypatch):
    store = tmp_path / "st"
    good = ingest_to_store(harbor, store)
    (harbor / "README.md").write_text("# Changed\n\nNew text that forces a rebuild.\n")

    from ingest import context_store

    def die(self, directory):
        (directory / "partial").mkdir(parents=True)
        raise KeyboardInterrupt  # as if the process were interrupted half-way through writing

    monkeypatch.setattr(context_store.ContextStore, "save", die)
    with pytest.raises(KeyboardInterrupt):
        ingest_to_store(harbor, store)
    monkeypatch.undo()
    # the old store is intact and loads (it is stale for the changed folder, so load_store says None)
    manifest = json.loads((store / "manifest.json").read_text())
    assert manifest["chunks"] == good.chunks
    assert len(load_context(store)) == good.chunks
    assert not [p for p in store.parent.iterdir() if p.name.startswith(".onbrand-tmp-")]
    assert load_store(harbor, store) is None
    rep = ingest_to_store(harbor, store)
    assert rep.parsed == ["README.md"]


def test_reader_version_is_part_of_the_cache_key():
    from ingest.folder import cache_key

    assert cache_key("a.svg", "0" * 64) != cache_key("b.svg", "0" * 64)
    assert isinstance(READER_VERSION, int)


def test_search_returns_provenance(harbor, tmp_path):
    store = tmp_path / "st"
    ingest_to_store(harbor, store)
    ctx = load_context(store)
    hits = ctx.search("primary brand colour", k=5)
    assert hits and all(h.chunk.source.file for h in hits)
    assert any(h.chunk.kind in ("palette", "tokens") for h in hits[:3])
    only_icons = ctx.search("shopping cart", k=5, kinds=["svg"])
    assert only_icons and all(h.chunk.kind == "svg" for h in only_icons)
