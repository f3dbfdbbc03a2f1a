"""ContextStore: semantic search with the real MiniLM encoder, kind filters, save/load, reuse of
embeddings, image search on thumbnails, the IVF path, and clear errors for damaged stores."""

from __future__ import annotations

import io
import shutil

import numpy as np
import pytest
from PIL import Image, ImageDraw

from ingest.context_store import ContextStore, StoreError, exact_top_k
from ingest.encoders import (
    EncoderError,
    ImageDescriptorEncoder,
    MiniLMTextEncoder,
    default_text_encoder,
)
from ingest.model import Chunk, Source

# -- a small, realistic design system's chunks ------------------------------------------------

TEXTS: list[tuple[str, str, str]] = [
    ("tokens", "harbor.tokens.json#color.role",
     "Colour roles: primary #0e5e71 (teal 700) for buttons, links and the active navigation item; "
     "on-primary #ffffff; accent #cc4421 coral used sparingly for emphasis; background slate 50."),
    ("tokens", "harbor.tokens.json#typography",
     "Typography scale in Manrope: display 56px/64 bold, h1 40px/48 bold, h2 32px/40 semibold, "
     "h3 24px/32 semibold, body 16px/24 regular, caption 12px/16."),
    ("tokens", "harbor.tokens.json#spacing",
     "Spacing scale on a 4px grid: 4, 8, 12, 16, 24, 32, 48, 64 pixels between elements."),
    ("tokens", "harbor.tokens.json#radius",
     "Corner radius: sm 4px for inputs, md 8px default, lg 12px for cards, full for pills."),
    ("tokens", "harbor.tokens.json#shadow",
     "Elevation shadows: card shadow 0 1px 3px rgba(15,23,42,0.12); overlay shadow 0 12px 32px."),
    ("tokens", "harbor.tokens.json#duration",
     "Motion durations: fast 120ms, base 200ms, slow 320ms with standard easing cubic-bezier."),
    ("tokens", "harbor.tokens.json#border",
     "Border widths: hairline 1px for dividers, 2px for focus rings and selected states."),
    ("tokens", "harbor.tokens.json#font-family",
     "Font families: Manrope for interface text and headings, JetBrains Mono for code and figures."),
    ("pdf-text", "brand.pdf#p1",
     "Our voice is calm, clear and trustworthy. We speak plainly about money and never use jargon."),
    ("pdf-text", "brand.pdf#p2",
     "Logo clear space: keep a margin equal to the height of the harbour light around the logo. "
     "Never stretch, rotate or recolour the logo."),
    ("pdf-text", "brand.pdf#p3",
     "Photography shows real people in natural light, warm tones, never staged stock imagery."),
    ("pdf-text", "brand.pdf#p4",
     "Accessibility: all text must meet WCAG AA contrast, 4.5:1 for body text and 3:1 for large text."),
    ("pdf-text", "brand.pdf#p5",
     "Illustrations use simple geometric shapes with the coral and teal palette and 2px outlines."),
    ("pdf-text", "brand.pdf#p6",
     "Data visualisation: charts use teal for the main series, coral for highlights, slate for axes."),
    ("pdf-text", "brand.pdf#p7",
     "Icons are 24 by 24 line icons with 2px round strokes drawn in the current text colour."),
    ("pdf-text", "brand.pdf#p8",
     "Error messages explain what went wrong and how to fix it, in one short sentence."),
    ("pdf-text", "brand.pdf#p9",
     "Forms: labels sit above inputs, helper text below; required fields are marked with an asterisk."),
    ("pdf-text", "brand.pdf#p10",
     "Tables use zebra striping on slate 50, right-aligned numbers and sticky headers."),
    ("doc", "docs/buttons.md#usage",
     "Button layout: 40px tall, 16px horizontal padding, label in sentence case, icon before the label."),
    ("doc", "docs/navigation.md#sidebar",
     "Navigation: a left sidebar with icons and labels on desktop, a bottom tab bar on mobile."),
    ("doc", "docs/cards.md#anatomy",
     "Cards group related content on a white surface with 24px padding and a subtle shadow."),
    ("doc", "docs/modals.md#behaviour",
     "Dialogs trap focus, close with Escape and return focus to the control that opened them."),
    ("doc", "docs/notifications.md#toasts",
     "Toast notifications appear top right, disappear after five seconds and can be dismissed."),
    ("doc", "docs/empty-states.md",
     "Empty states pair a friendly illustration with one sentence and a clear call to action."),
    ("doc", "docs/pricing.md",
     "Pricing pages show three plans side by side with the recommended plan highlighted."),
    ("doc", "docs/onboarding.md",
     "Onboarding is a three-step checklist; progress is saved so users can leave and come back."),
    ("doc", "docs/search.md",
     "Search fields show recent queries and suggestions as the user types."),
    ("doc", "docs/dark-mode.md",
     "Dark mode swaps surfaces to slate 900 and lightens the teal primary to keep contrast."),
    ("font", "fonts/Manrope-Bold.ttf",
     "Font file Manrope Bold, weight 700, Latin and Latin Extended character sets."),
    ("font", "fonts/JetBrainsMono-Regular.ttf",
     "Font file JetBrains Mono Regular, weight 400, monospaced figures for code."),
]
ICONS = ["home", "dashboard", "chart", "users", "settings", "search", "bell", "cart",
         "credit card", "calendar", "mail", "lock"]


def _png(draw_fn, size=(192, 108)) -> bytes:
    im = Image.new("RGB", size, "white")
    draw_fn(ImageDraw.Draw(im), *size)
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def _dashboard(d, w, h):  # dark navy, teal sidebar, cards
    d.rectangle([0, 0, w, h], fill="#0f172a")
    d.rectangle([0, 0, w // 5, h], fill="#0e5e71")
    for i in range(3):
        d.rectangle([w // 5 + 10 + i * 55, 15, w // 5 + 55 + i * 55, 50], fill="#1e293b")
    d.line([w // 5 + 10, 90, w - 10, 60], fill="#cc4421", width=3)


def _signin(d, w, h):  # light page, centred white card with a teal button
    d.rectangle([0, 0, w, h], fill="#f8fafc")
    d.rectangle([w // 3, 15, 2 * w // 3, h - 15], fill="white", outline="#cbd5e1")
    for y in (30, 48):
        d.rectangle([w // 3 + 8, y, 2 * w // 3 - 8, y + 10], outline="#94a3b8")
    d.rectangle([w // 3 + 8, 70, 2 * w // 3 - 8, 84], fill="#0e5e71")


def _landing(d, w, h):  # coral hero with big headline bars
    d.rectangle([0, 0, w, h], fill="#cc4421")
    d.rectangle([15, 25, w // 2, 40], fill="white")
    d.rectangle([15, 48, w // 3, 56], fill="#fde3d9")
    d.rectangle([w - 70, 15, w - 15, h - 15], fill="#fbd0bf")


def _table(d, w, h):  # white, striped rows, black text lines
    for i, y in enumerate(range(0, h, 12)):
        d.rectangle([0, y, w, y + 12], fill="#f1f5f9" if i % 2 else "white")
        d.line([8, y + 6, w - 8, y + 6], fill="#334155", width=1)


SCREENS = {
    "dashboard": ("screens/dashboard.png", "Example screen: analytics dashboard, dark theme", _dashboard),
    "signin": ("screens/signin.png", "Example screen: sign-in form on a light page", _signin),
    "landing": ("screens/landing.png", "Example screen: marketing landing hero", _landing),
    "table": ("screens/table.png", "Example screen: admin table with striped rows", _table),
}


def _chunks() -> list[Chunk]:
    out = []
    for kind, ref, text in TEXTS:
        file, _, loc = ref.partition("#")
        out.append(Chunk(id=ref, kind=kind, text=text, source=Source(file=file, locator=loc)))
    for name in ICONS:
        file = f"icons/{name.replace(' ', '-')}.svg"
        out.append(Chunk(id=f"{file}#icon", kind="svg", text=f"Icon: {name}, 24px line icon",
                         source=Source(file=file), meta={"icon": name}))
    for key, (file, text, fn) in SCREENS.items():
        out.append(Chunk(id=f"{file}#screen", kind="screen", text=text, source=Source(file=file),
                         thumbnail=_png(fn), meta={"w": 192, "h": 108}))
    return out


class CountingEncoder:
    """Delegates to another encoder and records every item it is asked to encode."""

    def __init__(self, inner):
        self.inner, self.name, self.dim, self.modality = inner, inner.name, inner.dim, inner.modality
        self.seen: list = []

    def encode(self, items):
        self.seen.extend(items)
        return self.inner.encode(items)


@pytest.fixture(scope="session")
def minilm() -> MiniLMTextEncoder:
    return default_text_encoder()


@pytest.fixture(scope="session")
def chunks() -> list[Chunk]:
    return _chunks()


@pytest.fixture(scope="session")
def store(minilm, chunks) -> ContextStore:
    return ContextStore.build(chunks, text_encoder=minilm)


@pytest.fixture(scope="session")
def saved(store, tmp_path_factory):
    path = tmp_path_factory.mktemp("ctx") / "store"
    store.save(path)
    return path


# -- encoders ---------------------------------------------------------------------------------


def test_minilm_vectors_are_unit_and_semantic(minilm):
    v = minilm.encode(["primary button colour", "main action button colour", "photography of people"])
    assert v.shape == (3, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2
    # Batching and input order do not change a text's vector.
    w = minilm.encode(["photography of people", "primary button colour"])
    assert np.allclose(w[1], v[0], atol=1e-5)


def test_minilm_from_bad_path_fails_with_one_line(tmp_path):
    with pytest.raises(EncoderError, match="config.json") as err:
        MiniLMTextEncoder(path=tmp_path)
    assert "\n" not in str(err.value)


def test_minilm_loads_a_local_checkpoint_folder(tmp_path, minilm):
    from ingest.encoders import bundled_minilm_path

    own = tmp_path / "my-encoder"
    for f in bundled_minilm_path().rglob("*"):
        if f.is_file():
            dst = own / f.relative_to(bundled_minilm_path())
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.symlink_to(f)
    enc = MiniLMTextEncoder(path=own)
    assert enc.name == "st:my-encoder" and enc.dim == 384 and enc.pooling == "mean"
    texts = ["card shadow", "logo clear space"]
    assert np.allclose(enc.encode(texts), minilm.encode(texts), atol=1e-5)


def test_image_descriptor_is_deterministic_and_rejects_non_images():
    enc = ImageDescriptorEncoder()
    a = enc.encode([_png(_dashboard), _png(_dashboard)])
    assert a.shape == (2, enc.dim) and np.allclose(a[0], a[1])
    assert abs(np.linalg.norm(a[0]) - 1) < 1e-5
    with pytest.raises(EncoderError):
        enc.encode([b"not an image"])


# -- search -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, expected",
    [
        ("primary button colour", "harbor.tokens.json#color.role"),
        ("how big are headings", "harbor.tokens.json#typography"),
        ("where can I place the logo and how much empty space around it", "brand.pdf#p2"),
        ("minimum contrast ratio for text", "brand.pdf#p4"),
    ],
)
def test_semantic_search_finds_the_right_chunk(store, query, expected):
    hits = store.search(query, k=3)
    assert hits[0].chunk.id == expected, [(h.chunk.id, round(h.score, 3)) for h in hits]
    assert hits[0].score > hits[1].score
    assert -1.0 <= hits[-1].score <= hits[0].score <= 1.0


def test_kind_filter_and_counts(store, chunks):
    assert len(store) == len(chunks)
    assert store.kinds() == {"doc": 10, "font": 2, "pdf-text": 10, "screen": 4, "svg": 12, "tokens": 8}
    hits = store.search("primary button colour", k=5, kinds={"pdf-text"})
    assert len(hits) == 5 and all(h.chunk.kind == "pdf-text" for h in hits)
    both = store.search("icon", k=20, kinds=["svg", "font"])
    assert len(both) == 14 and {h.chunk.kind for h in both} == {"svg", "font"}
    assert store.search("anything", kinds={"no-such-kind"}) == []


def test_hits_carry_metadata_but_no_thumbnail_unless_asked(store):
    hit = store.search("sign-in form screen", k=1, kinds={"screen"})[0]
    assert hit.chunk.id == "screens/signin.png#screen"
    assert hit.chunk.meta == {"w": 192, "h": 108} and hit.chunk.source.file == "screens/signin.png"
    assert hit.chunk.thumbnail is None
    again = store.search("sign-in form screen", k=1, kinds={"screen"}, thumbnails=True)[0]
    assert again.chunk.thumbnail == _png(_signin)
    assert store.chunk("screens/signin.png#screen").thumbnail == _png(_signin)
    with pytest.raises(KeyError):
        store.chunk("nope")


def test_save_load_round_trip_gives_identical_results(store, saved, minilm):
    loaded = ContextStore.load(saved, text_encoder=minilm)
    assert len(loaded) == len(store) and loaded.kinds() == store.kinds()
    for q in ("primary button colour", "how big are headings", "toast notifications"):
        a = [(h.chunk.id, round(h.score, 4)) for h in store.search(q, k=6)]
        b = [(h.chunk.id, round(h.score, 4)) for h in loaded.search(q, k=6)]
        assert a == b
    png = _png(_landing)
    assert [h.chunk.id for h in loaded.search_image(png, k=4)] == [h.chunk.id for h in store.search_image(png, k=4)]
    assert loaded.chunk("icons/bell.svg#icon") == store.chunk("icons/bell.svg#icon")


def test_reuse_copies_unchanged_embeddings(store, chunks, minilm):
    changed = list(chunks)
    changed[2] = changed[2].model_copy(update={"text": "Spacing scale on an 8px grid: 8, 16, 24, 32, 48."})
    new = Chunk(id="docs/tooltips.md", kind="doc", text="Tooltips explain icons on hover.",
                source=Source(file="docs/tooltips.md"))
    changed.append(new)
    text_enc = CountingEncoder(minilm)
    image_enc = CountingEncoder(ImageDescriptorEncoder())
    calls = []
    rebuilt = ContextStore.build(changed, text_encoder=text_enc, image_encoder=image_enc, reuse=store,
                                 progress=lambda done, total: calls.append((done, total)))
    assert sorted(text_enc.seen) == sorted([changed[2].text, new.text])
    assert image_enc.seen == []  # all four thumbnails unchanged
    assert calls[-1] == (len(changed) + 4, len(changed) + 4)
    assert rebuilt.search("8px grid spacing", k=1)[0].chunk.id == "harbor.tokens.json#spacing"
    assert rebuilt.search("tooltip on hover", k=1)[0].chunk.id == "docs/tooltips.md"
    # Copied vectors are the same as freshly computed ones.
    fresh = ContextStore.build(changed, text_encoder=minilm)
    q = "how big are headings"
    assert [h.chunk.id for h in rebuilt.search(q, k=5)] == [h.chunk.id for h in fresh.search(q, k=5)]


def test_reuse_from_a_loaded_store(saved, chunks, minilm):
    loaded = ContextStore.load(saved)
    enc = CountingEncoder(minilm)
    ContextStore.build(chunks, text_encoder=enc, reuse=loaded)
    assert enc.seen == []


def test_image_search_finds_the_visually_closest(store):
    # A resized, slightly altered dashboard still looks most like the dashboard.
    def altered(d, w, h):
        _dashboard(d, w, h)
        d.rectangle([w - 30, h - 20, w - 10, h - 10], fill="#334155")

    hits = store.search_image(_png(altered, size=(320, 180)), k=4)
    assert [h.chunk.id for h in hits][0] == "screens/dashboard.png#screen"
    assert hits[0].score > 0.9 and hits[0].score > hits[1].score
    hits = store.search_image(_png(_table, size=(96, 54)), k=1)
    assert hits[0].chunk.id == "screens/table.png#screen"
    with pytest.raises(StoreError, match="query image"):
        store.search_image(b"garbage")


def test_bad_thumbnail_is_skipped_with_a_warning(minilm):
    chunks = [
        Chunk(id="a.png#img", kind="image", text="an image", source=Source(file="a.png"),
              thumbnail=b"\x89PNG broken"),
        Chunk(id="b.png#img", kind="image", text="another", source=Source(file="b.png"),
              thumbnail=_png(_landing)),
    ]
    s = ContextStore.build(chunks, text_encoder=minilm)
    assert len(s.warnings) == 1 and s.warnings[0].startswith("a.png: thumbnail of a.png#img skipped")
    assert [h.chunk.id for h in s.search_image(_png(_landing), k=5)] == ["b.png#img"]


def test_duplicate_ids_are_rejected(minilm, chunks):
    with pytest.raises(StoreError, match="duplicate chunk id"):
        ContextStore.build([chunks[0], chunks[0]], text_encoder=minilm)


# -- the IVF path -----------------------------------------------------------------------------


class HashEncoder:
    """Clustered synthetic unit vectors keyed by text ("c<cluster>-<i>"), for index tests."""

    name, dim, modality = "synthetic-64", 64, "text"

    def __init__(self, n_clusters=40, seed=0):
        self.centres = np.random.default_rng(seed).normal(size=(n_clusters, self.dim))

    def encode(self, items):
        out = []
        for t in items:
            c, i = t[1:].split("-")
            rng = np.random.default_rng(int(c) * 100_003 + int(i))
            out.append(self.centres[int(c)] + 0.5 * rng.normal(size=self.dim))
        v = np.asarray(out, np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_ivf_index_on_a_small_store(tmp_path):
    enc = HashEncoder()
    chunks = [
        Chunk(id=f"c{c}-{i}", kind="even" if i % 2 == 0 else "odd", text=f"c{c}-{i}", source=Source(file="x"))
        for c in range(40) for i in range(100)
    ]
    s = ContextStore.build(chunks, text_encoder=enc, ivf_threshold=1000)
    info = s.manifest["text"]["index"]
    assert info["type"] == "ivf-sq8" and info["recall_at_10"] >= 0.95 and 1 <= info["nprobe"] <= info["nlist"]
    vecs = enc.encode([c.text for c in chunks])
    queries = vecs[::97] + np.random.default_rng(1).normal(0, 0.05, size=(len(vecs[::97]), enc.dim)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    truth = exact_top_k(vecs, queries, 10)
    recall = np.mean([
        len({chunks[r].id for r in t} & {h.chunk.id for h in s.search_vector(q, k=10)}) / 10
        for q, t in zip(queries, truth)
    ])
    assert recall >= 0.9
    hits = s.search_vector(queries[0], k=10, kinds={"odd"})
    assert len(hits) == 10 and all(h.chunk.kind == "odd" for h in hits)
    s.save(tmp_path / "ivf")
    loaded = ContextStore.load(tmp_path / "ivf", text_encoder=enc)
    assert loaded.manifest["text"]["index"] == info
    assert [h.chunk.id for h in loaded.search_vector(queries[3], k=10)] == [
        h.chunk.id for h in s.search_vector(queries[3], k=10)
    ]


# -- damaged stores ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda p: (p / "text.faiss").write_bytes(b"\x00garbage" * 10), "text.faiss: corrupt faiss index"),
        (lambda p: (p / "text.faiss").unlink(), "text.faiss: index file missing"),
        (lambda p: (p / "manifest.json").unlink(), "manifest.json: missing"),
        (lambda p: (p / "manifest.json").write_text("{not json"), "manifest.json: unreadable manifest"),
        (lambda p: (p / "chunks.sqlite").write_bytes(b"nope" * 100), "chunks.sqlite: unreadable"),
        (lambda p: (p / "text_vectors.npy").write_bytes(b"xx"), "text_vectors.npy: unreadable array"),
        (lambda p: (p / "image.faiss").write_bytes((p / "text.faiss").read_bytes()), "image.faiss: index holds"),
    ],
)
def test_damaged_store_raises_one_line_store_error(saved, tmp_path, damage, message):
    copy = tmp_path / "copy"
    shutil.copytree(saved, copy)
    damage(copy)
    with pytest.raises(StoreError) as err:
        ContextStore.load(copy)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_load_rejects_a_different_encoder(saved):
    with pytest.raises(StoreError, match="embedded with all-MiniLM-L6-v2"):
        ContextStore.load(saved, text_encoder=HashEncoder())


# -- import cost and the benchmark's store writer ---------------------------------------------


def test_importing_the_store_loads_no_heavy_modules():
    import subprocess
    import sys

    code = (
        "import sys, ingest.context_store, ingest.encoders; "
        "print(sorted(m for m in ('torch', 'transformers', 'faiss') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_benchmark_writes_a_loadable_store_and_measures_it(tmp_path, capsys):
    import json

    from benchmarks import bench_store

    argv = ["--chunks", "3000", "--queries", "40", "--ivf-threshold", "1000", "--dir", str(tmp_path),
            "--no-encoder", "--json"]
    assert bench_store.main(argv) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["chunks"] == 3000 and result["index"]["type"] == "ivf-sq8"
    assert result["recall_at_10"] >= 0.9 and result["recall_at_10_kind_filter"] >= 0.8
    assert result["vector_query"]["p50_ms"] > 0 and result["memory_store_only_mib"]["VmRSS"] > 0
    (store_dir,) = tmp_path.iterdir()
    store = ContextStore.load(store_dir)
    assert len(store) == 3000 and sum(store.kinds().values()) == 3000
    hit = store.search_vector(store._text.fetch(np.array([17]))[0], k=1)[0]
    assert hit.chunk.id.endswith("#17") and hit.score > 0.99
    # Second run reuses the cached store.
    assert bench_store.main(argv) == 0
    assert json.loads(capsys.readouterr().out)["build_s"] is None
