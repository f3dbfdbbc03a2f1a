"""The system's screens carry UI-CLIP vectors from ingest, and screen matching weighs UI-CLIP's
agreement by `conditioning.retrieval.SCREEN_CLIP_WEIGHT` (off as shipped)."""

import conditioning.retrieval as retrieval
from conditioning.packing import pack_context
from ingest.screen_clip import screen_vector
from ingest.store import ingest_to_store, load_context


def test_ingested_screens_have_vectors_and_matching_weighs_them(harbor, tmp_path, monkeypatch):
    monkeypatch.setenv("ONBRAND_CACHE", str(tmp_path / "cache"))
    rep = ingest_to_store(harbor)
    store = load_context(rep.store)
    screens = [h.chunk for h in store.search("screen", 40) if h.chunk.meta.get("blocks")]
    assert screens and all(screen_vector(c.meta) is not None for c in screens)

    prompt = "sales analytics dashboard"
    assert retrieval.SCREEN_CLIP_WEIGHT == 0.0
    off = pack_context(rep.ds, prompt, store, screen_threshold=-9.0, use_clip=False).references[0]
    assert off["kind"] == "screen" and "clip_agreement" not in off
    monkeypatch.setattr(retrieval, "SCREEN_CLIP_WEIGHT", 1.0)
    on = pack_context(rep.ds, prompt, store, screen_threshold=-9.0, use_clip=False).references[0]
    assert on["kind"] == "screen" and isinstance(on["clip_agreement"], float)
    if on["source"] == off["source"]:
        assert abs(on["score"] - (off["score"] + on["clip_agreement"])) < 2e-3
    else:  # the agreement changed which screen ranks first
        assert on["score"] >= off["score"] - 1.0
