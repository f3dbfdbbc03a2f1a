"""Retrieval under a context budget: the chunks of a design system a prompt should see.

`retrieve` takes the nearest chunks to the prompt in the store's text space and re-ranks them
with maximal marginal relevance (Carbonell & Goldstein 1998, "The use of MMR, diversity-based
reranking for reordering documents and producing summaries"), so five near-identical token
groups do not crowd out the brand guide or an example screen. Selection stops when the budget
(approximate tokens of chunk text) or `k` is reached.

Some chunks are always worth their place: the palette, typography and spacing summaries (the
design values every page uses) and the best-matching reference screens that carry a layout
(``meta["blocks"]``). They are taken first, each while it fits the budget, and MMR fills the
rest.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import PurePosixPath

import numpy as np
from pydantic import BaseModel, Field

from ingest.context_store import ContextStore, Hit
from ingest.model import Chunk

#: Summary chunk kinds taken before anything else, in this order.
SUMMARY_KINDS: tuple[str, ...] = ("palette", "typography", "spacing")
#: Chunk kinds that can be reference screens (when they carry ``meta["blocks"]``).
SCREEN_KINDS: tuple[str, ...] = ("screen", "svg")
CHARS_PER_TOKEN = 4.0  # MiniLM's WordPiece averages about four characters of English per token
#: Screen matching (`conditioning.packing.screen_match`) ranks a store's screens by their words
#: plus this weight times UI-CLIP's agreement of the screen with the prompt
#: (`ingest.screen_clip.agreement`) above `SCREEN_CLIP_CENTRE`; 0 turns UI-CLIP off. Whether the
#: best-ranked screen is held is decided by its words (`conditioning.packing.SCREEN_MATCH`).
#: Chosen on the dev prompts of ``python -m benchmarks.bench_screen_match --sweep`` (right screen
#: first 0.375 → 0.50 at 0.25–0.3); the held-out figures are in the README.
SCREEN_CLIP_WEIGHT = 0.3
#: Agreement (cosine less the screen's mean cosine with page captions) that neither adds to nor
#: takes from a screen's match score.
SCREEN_CLIP_CENTRE = 0.0
#: Agreement at which a screen would be held whatever its words; None: never. Off because it is
#: not reliable enough: 0.35 (above every wrong screen and every prompt no screen answers on the
#: dev prompts) holds more right screens there (0.14 → 0.22) and on the held-out prompts
#: (0 → 0.11), but held Harbor's list screen for "user profile page with avatar, bio and recent
#: activity" (agreement 0.378): every screen it held in the benchmark was a profile page.
SCREEN_CLIP_HOLD: float | None = None


class Retrieved(BaseModel):
    """One design-system value or retrieved chunk the generation uses, with where it came from.

    Design values (kind "color", "type", "spacing", "radius", "logo", "icons") come from the
    DesignSystem; chunks retrieved from the context store (`conditioning.retrieval.retrieve`)
    carry the chunk's kind ("palette", "screen", "pdf-text" …), its id, its cosine `score` to
    the prompt and its approximate token count. `chunk` keeps the chunk itself (thumbnail and
    ``meta`` included) for packing; it is never serialised.
    """

    kind: str
    name: str
    value: str
    source: str  # file
    locator: str = ""
    score: float | None = None  # cosine similarity to the prompt (retrieved chunks only)
    id: str = ""  # chunk id (retrieved chunks only)
    tokens: int = 0  # approximate tokens of the chunk text (retrieved chunks only)
    chunk: Chunk | None = Field(default=None, exclude=True, repr=False)



def screen_key(source: str, locator: str = "") -> str:
    """What makes two reference screens one screen: the file path without its extension (an
    SVG and its PNG render count once). A PDF shows many screens, one per page region, so its
    key keeps the locator (``page 7, screen 1 (…)``)."""
    path = PurePosixPath(source)
    stem = str(path.with_suffix(""))
    return f"{stem}#{locator}" if path.suffix.lower() == ".pdf" else stem


def approx_tokens(text: str) -> int:
    """Approximate token count of a chunk's text (characters / 4, at least 1)."""
    return max(1, round(len(text) / CHARS_PER_TOKEN))


def retrieved_from_chunk(chunk: Chunk, score: float) -> Retrieved:
    """Provenance record of one retrieved chunk (the chunk itself rides along, unserialised)."""
    value = chunk.text.replace("\n", " ")
    return Retrieved(kind=chunk.kind, name=chunk.source.locator or chunk.id, value=value[:160],
                     source=chunk.source.file, locator=chunk.source.locator, score=round(float(score), 4),
                     id=chunk.id, tokens=approx_tokens(chunk.text), chunk=chunk)


def _vectors(store: ContextStore, hits: list[Hit]) -> np.ndarray:
    """Stored text embeddings of the hits, (n, d) float32 unit rows.

    Read from the store's own vectors (no re-encoding); a store without them (another
    implementation of the same interface) has the chunk texts encoded again.
    """
    if not hits:
        return np.zeros((0, 1), np.float32)
    db, space = getattr(store, "_db", None), getattr(store, "_text", None)
    if db is not None and space is not None:
        ids = [h.chunk.id for h in hits]
        marks = ",".join("?" * len(ids))
        with store._db_lock:
            rows = dict(db.execute(f"SELECT id, row FROM chunks WHERE id IN ({marks})", ids).fetchall())
        if len(rows) == len(ids):
            vecs = space.fetch(np.array([rows[i] for i in ids], np.int64))
            return vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
    return np.asarray(store.text_encoder.encode([h.chunk.text for h in hits]), np.float32)


def mmr_order(query: np.ndarray, docs: np.ndarray, lam: float, k: int) -> list[int]:
    """Indices of `docs` ((n, d) unit rows) in maximal-marginal-relevance order for `query` (d,).

    Each step takes ``argmax_i λ·sim(q, d_i) − (1−λ)·max_{j∈S} sim(d_i, d_j)`` over the
    documents not yet selected (S: those selected so far).
    """
    n = len(docs)
    if n == 0 or k <= 0:
        return []
    rel = docs @ query  # (n,) sim(q, d_i)
    pair = docs @ docs.T  # (n, n) sim(d_i, d_j)
    chosen: list[int] = []
    redundancy = np.full(n, -np.inf)  # max sim to the selected set; -inf while S is empty
    free = np.ones(n, bool)
    for _ in range(min(k, n)):
        penalty = np.where(np.isfinite(redundancy), redundancy, 0.0)
        score = lam * rel - (1 - lam) * penalty
        score[~free] = -np.inf
        i = int(np.argmax(score))
        chosen.append(i)
        free[i] = False
        redundancy = np.maximum(redundancy, pair[i])
    return chosen


def retrieve(
    store: ContextStore,
    prompt: str,
    budget_tokens: int = 512,
    k: int = 24,
    kinds: Collection[str] | None = None,
    mmr_lambda: float = 0.7,
    *,
    screens: int = 2,
    pool: int | None = None,
    query_vec: np.ndarray | None = None,
) -> list[Retrieved]:
    """Chunks of `store` for `prompt`, diverse and within `budget_tokens`, with provenance.

    1. The palette, typography and spacing summaries (if the store has them and `kinds` allows
       them), then the `screens` best reference screens (chunks of kind "screen"/"svg" with
       ``meta["blocks"]``; an SVG and a PNG of one screen count once, see `screen_key`),
       each taken if it fits what is left of the budget.
    2. The `pool` nearest chunks of the allowed kinds (default ``max(4k, 32)``) re-ranked by
       MMR with λ = `mmr_lambda` (1: pure relevance; 0: pure diversity), redundancy measured
       against everything already taken; a chunk that does not fit the remaining budget is
       skipped for a smaller one.

    `query_vec` is the prompt's unit vector in the store's text space when the caller already
    has it (it is encoded otherwise). At most `k` chunks are returned, in the order they were taken; each `Retrieved` has the
    chunk's kind, locator, source file, cosine score and approximate token count.
    """
    if not 0.0 <= mmr_lambda <= 1.0:
        raise ValueError(f"mmr_lambda must be within 0–1, not {mmr_lambda}")
    if isinstance(kinds, str):
        kinds = (kinds,)
    allowed = None if kinds is None else set(kinds)
    if len(store) == 0 or k <= 0 or budget_tokens <= 0 or not prompt.strip():
        return []
    q = np.asarray(query_vec if query_vec is not None else store.text_encoder.encode([prompt])[0],
                   np.float32).reshape(-1)
    left = budget_tokens
    taken: list[Hit] = []
    seen: set[str] = set()

    def take(hit: Hit) -> bool:
        nonlocal left
        cost = approx_tokens(hit.chunk.text)
        if hit.chunk.id in seen or cost > left or len(taken) >= k:
            return False
        taken.append(hit)
        seen.add(hit.chunk.id)
        left -= cost
        return True

    present = store.kinds()
    for kind in SUMMARY_KINDS:
        if kind in present and (allowed is None or kind in allowed):
            for hit in store.search_vector(q, 1, {kind}):
                take(hit)
    screen_kinds = {s for s in SCREEN_KINDS if s in present and (allowed is None or s in allowed)}
    if screens > 0 and screen_kinds:
        stems: set[str] = set()
        for hit in store.search_vector(q, max(4 * screens, 8), screen_kinds):
            stem = screen_key(hit.chunk.source.file, hit.chunk.source.locator)
            if len(stems) < screens and hit.chunk.meta.get("blocks") and stem not in stems and take(hit):
                stems.add(stem)

    cands = [h for h in store.search_vector(q, pool or max(4 * k, 32), allowed) if h.chunk.id not in seen]
    if cands and len(taken) < k and left > 0:
        vecs = _vectors(store, taken + cands)  # (t + c, d)
        sel, docs = vecs[: len(taken)], vecs[len(taken):]
        rel = docs @ q  # (c,)
        redundancy = (docs @ sel.T).max(axis=1) if len(sel) else np.zeros(len(docs))
        free = np.ones(len(docs), bool)
        while free.any() and len(taken) < k and left > 0:
            score = mmr_lambda * rel - (1 - mmr_lambda) * redundancy
            score[~free] = -np.inf
            i = int(np.argmax(score))
            free[i] = False
            if take(cands[i]):
                redundancy = np.maximum(redundancy, docs @ docs[i])
    return [retrieved_from_chunk(h.chunk, h.score) for h in taken]
