"""The system's screens carry UI-CLIP vectors from ingest; screen matching ranks them by their
words plus `conditioning.retrieval.SCREEN_CLIP_WEIGHT` times UI-CLIP's agreement, and holds the
best one when its words reach the threshold or its agreement reaches `SCREEN_CLIP_HOLD`."""

import conditioning.retrieval as retrieval
from conditioning.packing import pack_context
from ingest.screen_clip import screen_vector
from ingest.store import _read_manifest, ingest_to_store, load_context


def test_ingested_screens_have_vectors_and_matching_weighs_them(harbor, tmp_path, monkeypatch):
    monkeypatch.setenv("ONBRAND_CACHE", str(tmp_path / "cache"))
    rep = ingest_to_store(harbor)
    store = load_context(rep.store)
    screens = [h.chunk for h in store.search("screen", 40) if h.chunk.meta.get("blocks")]
    assert screens and all(screen_vector(c.meta) is not None for c in screens)

    prompt = "sales analytics dashboard"
    assert retrieval.SCREEN_CLIP_WEIGHT > 0
    on = pack_context(rep.ds, prompt, store, screen_threshold=-9.0, use_clip=False).references[0]
    assert on["kind"] == "screen" and isinstance(on["clip_agreement"], float)
    monkeypatch.setattr(retrieval, "SCREEN_CLIP_WEIGHT", 0.0)
    off = pack_context(rep.ds, prompt, store, screen_threshold=-9.0, use_clip=False).references[0]
    assert off["kind"] == "screen" and "clip_agreement" not in off
    assert off["score"] == off["text_score"]
    if on["source"] == off["source"]:
        assert abs(on["score"] - (off["score"] + 0.3 * on["clip_agreement"])) < 2e-3
        assert on["text_score"] == off["score"]  # the words alone decide whether it is held


def test_a_screen_ui_clip_is_sure_of_is_held_whatever_its_words(harbor, tmp_path, monkeypatch):
    monkeypatch.setenv("ONBRAND_CACHE", str(tmp_path / "cache"))
    rep = ingest_to_store(harbor)
    store = load_context(rep.store)
    prompt = "sales analytics dashboard"
    best = pack_context(rep.ds, prompt, store, screen_threshold=-9.0, use_clip=False).references[0]
    above = best["text_score"] + 0.01  # the words alone no longer reach it
    monkeypatch.setattr(retrieval, "SCREEN_CLIP_HOLD", best["clip_agreement"] - 0.01)
    held = [r for r in pack_context(rep.ds, prompt, store, screen_threshold=above, use_clip=False).references
            if r["kind"] == "screen"]
    assert held and held[0]["clip_agreement"] >= best["clip_agreement"] - 0.01
    monkeypatch.setattr(retrieval, "SCREEN_CLIP_HOLD", 9.0)  # no agreement reaches it
    assert not [r for r in pack_context(rep.ds, prompt, store, screen_threshold=above, use_clip=False).references
                if r["kind"] == "screen"]


def test_a_store_built_by_another_ui_clip_is_rebuilt(harbor, tmp_path, monkeypatch):
    monkeypatch.setenv("ONBRAND_CACHE", str(tmp_path / "cache"))
    rep = ingest_to_store(harbor)
    assert _read_manifest(rep.store)["context"]["ui_clip"]
    assert ingest_to_store(harbor).reused_store
    import ingest.screen_clip as sc

    monkeypatch.setattr(sc, "model_name", lambda folder=None: "ui-clip:another")
    again = ingest_to_store(harbor)
    assert not again.reused_store
    assert _read_manifest(again.store)["context"]["ui_clip"] == "ui-clip:another"
