"""Packing: the prompt, the design system and what was retrieved, as arrays a model reads.

`pack_context` returns a `ContextInputs`: the prompt's MiniLM token states and pooled vector,
one feature row per design token, up to four reference layouts from retrieved example
screens, image descriptors of retrieved screens and images, and the provenance of every
retrieved chunk. The scene model cross-attends to these (its adapter projects each group to
its own width).

Design-token rows (`DESIGN_TOKEN_DIM` = 16 columns, at most `MAX_DESIGN_TOKENS` = 48 rows):

====  =========================================================================================
col   meaning
====  =========================================================================================
0–5   one-hot of the row type: palette role, type step, spacing, radius, density, shadow
6–8   CIELAB of the colour (role colour, shadow colour): L/50 − 1, a/100, b/100
9     size: type ``log2(size/16)``; spacing, radius ``log2(1 + px)/6``; shadow ``log2(1 + blur)/6``;
      density ``log2(spacing unit / 4)``
10    type ``line_height/size − 1``; shadow ``log2(1 + |offset_y|)/6``
11    type ``(weight − 400)/300``; colour alpha; shadow alpha
12    name id scaled to [−1, 1]: the role's index in `CORE_ROLES` (less the raised surface), the step's in `TYPE_STEPS`,
      the rank of a spacing or radius step within its scale
13    type ``10 · letter_spacing/size``; shadow ``log2(1 + spread)/6``
14    density: −1 compact, 0 regular, +1 comfortable (the density row only)
15    1.0 (a real row; padding, if a model pads, is all zeros)
====  =========================================================================================
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from conditioning.context import build_conditioning
from conditioning.retrieval import Retrieved, retrieve, screen_key
from ingest.colour import parse_colour
from ingest.model import CORE_ROLES, DesignSystem
from scene.blocks import Block

MAX_PROMPT_TOKENS = 32
MAX_DESIGN_TOKENS = 48
DESIGN_TOKEN_DIM = 16
MAX_REFERENCES = 4
MAX_IMAGES = 4
TEXT_DIM = 384
ROW_TYPES: tuple[str, ...] = ("palette", "type", "spacing", "radius", "density", "shadow")
TYPE_STEPS: tuple[str, ...] = ("display", "h1", "h2", "h3", "h4", "title", "subtitle", "body-lg", "body",
                               "body-strong", "body-sm", "small", "label", "caption", "overline", "code")
_DENSITY = {"compact": -1.0, "regular": 0.0, "comfortable": 1.0}
# Roles the shipped models were trained on, in their order: a role's id is its index here.
# Roles added to `CORE_ROLES` since (the raised surface) are drawn by the renderer but not packed,
# so the models read the inputs they were trained with.
_UNPACKED_ROLES = frozenset({"surface-raised"})
_ROLE_IDS: tuple[str, ...] = tuple(r for r in CORE_ROLES if r not in _UNPACKED_ROLES)
# Rows kept per type when a system has more than fit (sum ≤ MAX_DESIGN_TOKENS).
_CAPS = {"palette": 22, "type": 12, "spacing": 6, "radius": 4, "density": 1, "shadow": 3}


@dataclass
class ContextInputs:
    """What the scene model is conditioned on for one prompt."""

    prompt_tokens: np.ndarray  # (Tp ≤ 32, 384) MiniLM last hidden states, float32
    prompt_vec: np.ndarray  # (384,) pooled and L2-normalised, the store's query vector
    design_tokens: np.ndarray  # (Td ≤ 48, 16) one row per design token (see the module docs)
    reference_blocks: list[list[Block]] = field(default_factory=list)  # ≤ 4 layouts of retrieved screens
    image_vecs: np.ndarray = field(default_factory=lambda: np.zeros((0, 208), np.float32))  # (Ti ≤ 4, 208)
    retrieved: list[Retrieved] = field(default_factory=list)  # provenance of the retrieved chunks


# -- prompt ------------------------------------------------------------------------------------


def prompt_token_embeddings(texts: list[str], encoder=None, max_tokens: int = MAX_PROMPT_TOKENS) -> list[np.ndarray]:
    """MiniLM token states of each text, (T_i ≤ `max_tokens`, 384) float32 each.

    `encoder` defaults to the bundled all-MiniLM-L6-v2 (`ingest.encoders.default_text_encoder`).
    An encoder without per-token states (only `encode`) gives its pooled vector as one token.
    """
    if encoder is None:
        from ingest.encoders import default_text_encoder

        encoder = default_text_encoder()
    if hasattr(encoder, "token_embeddings"):
        return encoder.token_embeddings(list(texts), max_tokens=max_tokens)
    pooled = np.asarray(encoder.encode(list(texts)), np.float32)
    return [row[None, :] for row in pooled]


# -- design tokens -----------------------------------------------------------------------------


def _lab(hex_: str) -> tuple[float, float, float] | None:
    from ingest.colour import rgb_to_lab

    try:
        rgb, _ = parse_colour(hex_)
    except ValueError:
        return None
    return rgb_to_lab(rgb)


def _scaled_id(i: int, n: int) -> float:
    return 2.0 * i / max(n - 1, 1) - 1.0


def _log6(v: float) -> float:
    return math.log2(1.0 + max(v, 0.0)) / 6.0


def design_token_rows(ds: DesignSystem, density: str = "regular") -> np.ndarray:
    """The (Td, 16) design-token features of `ds` (see the module docs), Td ≤ 48."""
    rows: dict[str, list[np.ndarray]] = {t: [] for t in ROW_TYPES}

    def row(kind: str) -> np.ndarray:
        r = np.zeros(DESIGN_TOKEN_DIM, np.float32)
        r[ROW_TYPES.index(kind)] = 1.0
        r[15] = 1.0
        return r

    colours = {c.name: c for c in ds.colors}
    for a in sorted(ds.roles, key=lambda a: _ROLE_IDS.index(a.role) if a.role in _ROLE_IDS else len(_ROLE_IDS)):
        if a.role in _UNPACKED_ROLES:
            continue
        r = row("palette")
        c = colours.get(a.color)
        lab = c.lab if c is not None else _lab(a.hex)
        if lab is None:
            continue
        r[6:9] = (lab[0] / 50.0 - 1.0, lab[1] / 100.0, lab[2] / 100.0)
        r[11] = c.alpha if c is not None else 1.0
        r[12] = _scaled_id(_ROLE_IDS.index(a.role), len(_ROLE_IDS)) if a.role in _ROLE_IDS else 1.0
        rows["palette"].append(r)
    for t in sorted(ds.type_scale, key=lambda t: -t.size):
        r = row("type")
        r[9] = math.log2(max(t.size, 1.0) / 16.0)
        r[10] = t.line_height / max(t.size, 1.0) - 1.0
        r[11] = (t.weight - 400) / 300.0
        r[12] = _scaled_id(TYPE_STEPS.index(t.name), len(TYPE_STEPS)) if t.name in TYPE_STEPS else 1.0
        r[13] = 10.0 * t.letter_spacing / max(t.size, 1.0)
        rows["type"].append(r)
    for kind, dims in (("spacing", ds.spacing), ("radius", ds.radii)):
        ordered = sorted((d for d in dims if d.px >= 0), key=lambda d: d.px)
        for i, d in enumerate(ordered):
            r = row(kind)
            r[9] = _log6(d.px)
            r[12] = _scaled_id(i, len(ordered))
            rows[kind].append(r)
    r = row("density")
    unit = min((d.px for d in ds.spacing if d.px > 0), default=4.0)
    r[9] = math.log2(unit / 4.0)
    r[14] = _DENSITY.get(density, 0.0)
    rows["density"].append(r)
    for s in ds.shadows:
        r = row("shadow")
        lab = _lab(s.color)
        if lab is not None:
            r[6:9] = (lab[0] / 50.0 - 1.0, lab[1] / 100.0, lab[2] / 100.0)
        r[9] = _log6(s.blur)
        r[10] = _log6(abs(s.offset_y))
        r[11] = s.alpha
        r[13] = _log6(s.spread)
        rows["shadow"].append(r)
    out = [r for kind in ROW_TYPES for r in rows[kind][: _CAPS[kind]]][:MAX_DESIGN_TOKENS]
    return np.stack(out).astype(np.float32) if out else np.zeros((0, DESIGN_TOKEN_DIM), np.float32)


# -- references and images ---------------------------------------------------------------------


def _references(retrieved: list[Retrieved]) -> list[list[Block]]:
    """Layouts of the retrieved screens, best first, one per screen: an SVG and a PNG of the
    same screen (same folder and file stem; `screen_key`) count once."""
    out: list[list[Block]] = []
    seen: set[str] = set()
    for r in sorted((r for r in retrieved if r.chunk is not None and r.chunk.meta.get("blocks")),
                    key=lambda r: -(r.score or 0.0)):
        stem = screen_key(r.source, r.locator)
        if stem in seen:
            continue
        try:
            blocks = [Block.from_dict(b) for b in r.chunk.meta["blocks"]]
        except (KeyError, TypeError, ValueError):
            continue
        seen.add(stem)
        out.append(blocks)
        if len(out) == MAX_REFERENCES:
            break
    return out


def _image_vectors(store, retrieved: list[Retrieved]) -> np.ndarray:
    """Image descriptors of the retrieved chunks that have thumbnails, best first, ≤ 4."""
    from ingest.encoders import EncoderError, ImageDescriptorEncoder

    encoder = ImageDescriptorEncoder()
    vecs = []
    for r in sorted(retrieved, key=lambda r: -(r.score or 0.0)):
        if r.kind not in ("screen", "svg", "image", "pdf-image", "pdf-page"):
            continue
        try:
            thumb = store.chunk(r.id, thumbnail=True).thumbnail
        except KeyError:
            continue
        if not thumb:
            continue
        try:
            vecs.append(encoder.encode([thumb])[0])
        except EncoderError:
            continue
        if len(vecs) == MAX_IMAGES:
            break
    return np.stack(vecs).astype(np.float32) if vecs else np.zeros((0, encoder.dim), np.float32)


# -- packing -----------------------------------------------------------------------------------


def pack_context(ds: DesignSystem, prompt: str, store=None, budget_tokens: int = 512,
                 text_encoder=None) -> ContextInputs:
    """Everything the scene model is conditioned on for `prompt` with design system `ds`.

    With a `ContextStore`, chunks are retrieved under `budget_tokens` (`retrieve`, up to four
    reference screens) and the store's text encoder embeds the prompt; without one (or with an
    empty one) the inputs come from `ds` alone, with no references and no image vectors.
    """
    has_store = store is not None and len(store) > 0
    if text_encoder is None:
        if has_store:
            text_encoder = store.text_encoder
        else:
            from ingest.encoders import default_text_encoder

            text_encoder = default_text_encoder()
    tokens = prompt_token_embeddings([prompt], text_encoder)[0]  # (Tp, 384)
    pooling = getattr(text_encoder, "pooling", None)
    if pooling in ("mean", "cls") and len(tokens) < MAX_PROMPT_TOKENS and hasattr(text_encoder, "token_embeddings"):
        # Not truncated: pool the same states `encode` would (one forward pass, not two).
        vec = tokens.mean(axis=0) if pooling == "mean" else tokens[0]
    else:
        vec = np.asarray(text_encoder.encode([prompt])[0], np.float32)
    vec = (vec / max(float(np.linalg.norm(vec)), 1e-12)).astype(np.float32)
    density = build_conditioning(ds, prompt).density
    retrieved: list[Retrieved] = []
    images = np.zeros((0, 208), np.float32)
    if has_store:
        retrieved = retrieve(store, prompt, budget_tokens=budget_tokens, screens=MAX_REFERENCES, query_vec=vec)
        images = _image_vectors(store, retrieved)
    return ContextInputs(
        prompt_tokens=np.ascontiguousarray(tokens, np.float32),
        prompt_vec=vec,
        design_tokens=design_token_rows(ds, density),
        reference_blocks=_references(retrieved),
        image_vecs=images,
        retrieved=retrieved,
    )
