"""Retrieval under a budget (MMR, kinds, provenance) and packing into context inputs."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from conditioning import ContextInputs, build_conditioning, pack_context, prompt_token_embeddings, retrieve
from conditioning.packing import DESIGN_TOKEN_DIM, MODEL_ROLES, design_token_rows
from conditioning.retrieval import approx_tokens, mmr_order
from ingest.context_store import ContextStore
from ingest.folder import assemble, folder_chunks, read_folder
from ingest.model import CORE_ROLES, Chunk, Source
from tests.conftest import SAMPLES

DUPLICATES = [
    "Primary buttons use the brand teal fill with white label text.",
    "Primary buttons use the brand teal fill with a white label.",
    "Primary buttons are filled brand teal with white label text.",
    "The primary button uses a brand teal fill and white text label.",
]
OTHERS = [
    ("pdf-text", "Data tables use zebra striping and right-aligned numeric columns."),
    ("pdf-text", "Photography shows real customers in natural light, never stock imagery."),
    ("doc", "Error messages explain what happened and how to fix it, in plain words."),
    ("doc", "Icons are drawn on a 24 px grid with 2 px rounded strokes."),
    ("tokens", "design tokens spacing: space.1 = 4px, space.2 = 8px, space.3 = 12px"),
]


def _chunk(i: int, kind: str, text: str, **meta) -> Chunk:
    return Chunk(id=f"doc{i}.md#{kind}-{i}", kind=kind, text=text, source=Source(file=f"doc{i}.md", locator=f"s{i}"),
                 meta=meta)


@pytest.fixture(scope="module")
def synthetic_store() -> ContextStore:
    chunks = [_chunk(i, "pdf-text", t) for i, t in enumerate(DUPLICATES)]
    chunks += [_chunk(10 + i, k, t) for i, (k, t) in enumerate(OTHERS)]
    return ContextStore.build(chunks)


@pytest.fixture(scope="module")
def harbor_parts(tmp_path_factory):
    """Harbor's tokens and screens (the rest of the folder is not needed here): the design
    system and a store of its summaries, token groups and example screens."""
    root = tmp_path_factory.mktemp("harbor")
    for sub in ("tokens", "screens"):
        shutil.copytree(SAMPLES / "harbor" / sub, root / sub)
    read = read_folder(root)
    ds, tokens = assemble(read)
    return ds, ContextStore.build(folder_chunks(read, ds, tokens))


def test_mmr_order_prefers_a_new_direction_over_a_near_duplicate():
    q = np.array([1.0, 0.0, 0.0])
    docs = np.array([[0.95, 0.31, 0.0], [0.94, 0.34, 0.0], [0.80, 0.0, 0.60]])
    docs /= np.linalg.norm(docs, axis=1, keepdims=True)
    assert mmr_order(q, docs, lam=1.0, k=3) == [0, 1, 2]  # pure relevance
    assert mmr_order(q, docs, lam=0.5, k=2) == [0, 2]  # the duplicate waits
    assert mmr_order(q, docs, lam=0.5, k=0) == []


def test_mmr_picks_diverse_chunks_from_near_duplicates(synthetic_store):
    prompt = "primary button colour and label"
    relevance = retrieve(synthetic_store, prompt, k=3, mmr_lambda=1.0)
    assert [r.id.split("#")[0] for r in relevance] == [r.id.split("#")[0] for r in relevance]
    assert sum(r.value in DUPLICATES for r in relevance) == 3  # plain top-k: all duplicates
    diverse = retrieve(synthetic_store, prompt, k=3, mmr_lambda=0.5)
    assert diverse[0].id == relevance[0].id  # the best chunk still comes first
    assert sum(r.value in DUPLICATES for r in diverse) == 1
    assert len({r.id for r in diverse}) == 3


def test_budget_is_respected(synthetic_store):
    for budget in (10, 25, 40, 200):
        got = retrieve(synthetic_store, "button colours and tables", budget_tokens=budget)
        assert sum(approx_tokens(r.chunk.text) for r in got) <= budget
        assert all(r.tokens == approx_tokens(r.chunk.text) for r in got)
    assert len(retrieve(synthetic_store, "button colours", budget_tokens=25)) < len(
        retrieve(synthetic_store, "button colours", budget_tokens=200))
    assert retrieve(synthetic_store, "button colours", budget_tokens=0) == []
    assert len(retrieve(synthetic_store, "button colours", k=2)) == 2


def test_kind_filter(synthetic_store):
    got = retrieve(synthetic_store, "icons and error messages", kinds={"doc"})
    assert got and {r.kind for r in got} == {"doc"}
    assert retrieve(synthetic_store, "anything", kinds={"no-such-kind"}) == []
    assert {r.kind for r in retrieve(synthetic_store, "spacing", kinds="tokens")} == {"tokens"}


def test_provenance(synthetic_store):
    got = retrieve(synthetic_store, "zebra striped data tables")
    best = got[0]
    assert best.value.startswith("Data tables use zebra striping")
    assert best.source == "doc10.md" and best.locator == "s10" and best.kind == "pdf-text"
    assert best.id == "doc10.md#pdf-text-10"
    assert 0 < best.score <= 1
    # The chunk rides along for packing but never reaches JSON.
    assert "chunk" not in best.model_dump() and best.chunk is not None


def test_bad_arguments(synthetic_store):
    with pytest.raises(ValueError, match="mmr_lambda"):
        retrieve(synthetic_store, "x", mmr_lambda=1.5)
    assert retrieve(synthetic_store, "   ") == []


def test_summaries_and_best_screen_come_first(harbor_parts):
    _, store = harbor_parts
    got = retrieve(store, "analytics dashboard with revenue KPIs", budget_tokens=1024)
    kinds = [r.kind for r in got]
    assert kinds[:3] == ["palette", "typography", "spacing"]
    screens = [r for r in got if r.kind == "screen"]
    assert screens and screens[0].source.startswith("screens/dashboard.")
    assert sum(r.tokens for r in got) <= 1024
    # Only one of dashboard.svg / dashboard.png is taken as a forced reference.
    forced = got[3:5]
    assert len({r.source.rsplit(".", 1)[0] for r in forced if r.kind == "screen"}) == len(
        [r for r in forced if r.kind == "screen"])


def test_a_request_image_that_matches_the_prompt_is_marked_as_pictured(harbor_parts):
    """The reading of a request image that matches the prompt (the screen asked for) is marked
    as pictured, for a model trained with reference marks or reference slots; a folder screen
    (held exactly instead) or an exemplar is not."""
    import random

    from engine.compose.curriculum import sample_example
    from engine.render.export import draw_scene
    from engine.training.ui_clip import system_theme

    ds, store = harbor_parts
    ex = sample_example(random.Random(3), archetype="settings", device="desktop")
    image = draw_scene(system_theme(("harbor", {})), ex.scene).image()
    ctx = pack_context(ds, "settings page like this", store, reference_images=[image], use_clip=False)
    assert ctx.references[0]["kind"] == "image" and ctx.pictured[0] is True
    own = pack_context(ds, "analytics dashboard with revenue KPIs", store)
    assert own.references[0]["kind"] == "screen" and own.hold_init and not any(own.pictured)
    from engine.samplers.references import ReferenceBank

    plain = pack_context(ds, "a weather forecast for the week", store, exemplars=ReferenceBank())
    assert plain.references and plain.references[0]["kind"] == "exemplar"
    assert len(plain.pictured) == len(plain.reference_blocks) and not any(plain.pictured)


def test_pack_context_shapes_and_determinism(harbor_parts):
    ds, store = harbor_parts
    a = pack_context(ds, "analytics dashboard with revenue KPIs", store)
    assert isinstance(a, ContextInputs)
    assert a.prompt_tokens.dtype == np.float32 and a.prompt_tokens.ndim == 2
    assert 3 <= a.prompt_tokens.shape[0] <= 32 and a.prompt_tokens.shape[1] == 384
    assert a.prompt_vec.shape == (384,) and abs(np.linalg.norm(a.prompt_vec) - 1) < 1e-5
    assert a.design_tokens.shape[1] == DESIGN_TOKEN_DIM and 1 <= a.design_tokens.shape[0] <= 48
    assert a.image_vecs.shape == (0, 208)  # image vectors come from the request's reference images
    assert 1 <= len(a.reference_blocks) <= 4
    assert a.retrieved and all(r.source for r in a.retrieved)
    b = pack_context(ds, "analytics dashboard with revenue KPIs", store)
    np.testing.assert_array_equal(a.prompt_tokens, b.prompt_tokens)
    np.testing.assert_array_equal(a.design_tokens, b.design_tokens)
    np.testing.assert_array_equal(a.image_vecs, b.image_vecs)
    assert [r.id for r in a.retrieved] == [r.id for r in b.retrieved]


def test_dashboard_prompt_gets_the_dashboard_layout(harbor_parts):
    ds, store = harbor_parts
    ctx = pack_context(ds, "a dashboard", store)
    first = ctx.reference_blocks[0]
    assert any(b.kind == "sidebar" for b in first)
    assert sum(b.kind == "card" and b.content == "kpi" for b in first) >= 3
    sign_in = pack_context(ds, "sign in page with email and password", store).reference_blocks[0]
    assert any(b.kind == "input" for b in sign_in)


def test_pack_context_without_a_store(harbor_parts):
    ds, _ = harbor_parts
    ctx = pack_context(ds, "settings page", None)
    assert ctx.reference_blocks == [] and ctx.retrieved == [] and ctx.image_vecs.shape == (0, 208)
    assert ctx.prompt_tokens.shape[1] == 384
    empty = ContextStore.build([])
    assert pack_context(ds, "settings page", empty).reference_blocks == []


def test_design_token_rows_follow_the_documented_features(harbor_parts):
    ds, _ = harbor_parts
    rows = design_token_rows(ds)
    palette, metrics = rows[:-1], rows[-1]
    assert rows.shape[1] == DESIGN_TOKEN_DIM and len(rows) <= 48
    # one palette row per role the models know, one-hot in columns 3–15
    known = [a.role for a in ds.roles if a.role in MODEL_ROLES]
    assert len(palette) == len(known)
    assert np.all(palette[:, 3:].sum(axis=1) == 1.0)
    assert [MODEL_ROLES[int(np.argmax(r[3:]))] for r in palette] == known
    assert np.all(np.abs(palette[:, :3]) <= 1.3)
    # the background is light and the text dark (L*/50 - 1)
    assert palette[known.index("background"), 0] > 0.8 > -0.2 > palette[known.index("text"), 0]
    # the metrics row: no colour; spacing unit, radius, smallest, largest, median type size /16; logo flag
    assert np.all(metrics[:3] == 0)
    assert metrics[3] == min(px for px in ds.spacing_px() if px > 0) / 16
    assert metrics[5] * 16 == min(t.size for t in ds.type_scale) and metrics[6] * 16 == max(t.size for t in ds.type_scale)
    assert metrics[8] == float(ds.logo is not None)


def test_prompt_token_embeddings_for_training_batches():
    out = prompt_token_embeddings(["a dashboard", "a much longer prompt " * 20])
    assert out[0].shape[1] == 384 and out[0].shape[0] < out[1].shape[0] == 32


def test_build_conditioning_adds_retrieved_chunks(harbor_parts):
    ds, store = harbor_parts
    plain = build_conditioning(ds, "a dashboard")
    with_store = build_conditioning(ds, "a dashboard", store)
    extra = with_store.retrieved[len(plain.retrieved):]
    assert with_store.retrieved[: len(plain.retrieved)] == plain.retrieved
    assert extra and extra[0].kind == "palette" and extra[0].score is not None
    with_store.model_dump_json()  # serialisable: the chunks are not dumped


def test_pooled_prompt_vector_matches_the_store_encoder(harbor_parts):
    ds, store = harbor_parts
    prompt = "analytics dashboard with revenue KPIs"
    ctx = pack_context(ds, prompt, store)
    direct = store.text_encoder.encode([prompt])[0]
    assert float(ctx.prompt_vec @ direct) > 0.9999
