"""Packing: everything the scene model reads, built in one place for training and generation.

`prompt_context` packs a prompt, a design system and given reference layouts (training and
tests); `pack_context` is what `engine.Engine.generate` uses: on top of that it retrieves from
the design system's context store, reads the reference images sent with the request, and picks
the reference layouts the sampler attends to and starts from. The result is a `ContextInputs`:

- the prompt's MiniLM token states and pooled unit vector (`conditioning.prompt`);
- one feature row per design token (the layout below);
- up to `MAX_REFERENCES` reference layouts (blocks), best first, with their provenance in
  ``references``; ``init_blocks`` is the layout sampling starts from (SDEdit) when one matches
  the prompt: a request image that matches it, else the system's own screen that matches it
  best, else (when the engine passes its exemplar bank) the closest curriculum exemplar;
- image descriptors of the request images and retrieved screens (``image_vecs``);
- the retrieved chunks (``retrieved``) and the icons the
  prompt names (``icons``), each with its source.

Which references win, first match first (a matching request image, the best matching folder
screen, an exemplar; other request images are attended to after them): a reference image given with the request is always
attended to; it is also the layout that is followed when it reads as a screen (`screen_like`:
sending a screenshot with a request is how a layout is asked for), when its layout matches the
prompt (`IMAGE_MATCH`) or when the prompt points at it ("like this", "this layout"). A screen
of the system's own folder (an SVG
or PNG screen, or a screen found on a PDF page) is used when its match score (`screen_match`)
reaches `SCREEN_MATCH` and its shape fits the device.

Design-token rows (`DESIGN_TOKEN_DIM` = 16 columns, at most `MAX_DESIGN_TOKENS` = 48 rows), the
layout the shipped models were trained with:

=========  ==================================================================================
row        columns
=========  ==================================================================================
palette    0–2 CIELAB of the role's colour (L/50 − 1, a/100, b/100); 3–15 one-hot of the role
           in `MODEL_ROLES` (background … border; roles added since, such as the raised
           surface, are drawn by the renderer but not packed)
metrics    0–2 zero; 3 spacing unit / 16; 4 corner radius (md) / 16; 5 smallest and 6 largest
           type size / 16; 7 median type size / 16; 8 1.0 when the system has a logo
=========  ==================================================================================

One palette row per role the system assigns (in the system's role order, at most 47), then
the metrics row last.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from conditioning.kinds import KIND_BONUS, kind_coverage, prompt_kinds
from conditioning.prompt import MAX_PROMPT_TOKENS, encode_prompt
from conditioning.retrieval import Retrieved, retrieve, screen_key
from ingest.colour import parse_colour
from ingest.model import DesignSystem
from scene.blocks import BLOCK_KINDS, ROLES, Block
from scene.devices import device_for_size

MAX_DESIGN_TOKENS = 48
DESIGN_TOKEN_DIM = 16
MAX_REFERENCES = 4
MAX_IMAGES = 4
#: Reference images a request may carry (as many as the Gemini API takes).
MAX_REQUEST_IMAGES = 14
IMAGE_DIM = 208
#: The palette roles the models know, in the order of their one-hot columns.
MODEL_ROLES: tuple[str, ...] = ROLES[1:]
#: A folder screen is a reference for a prompt from this match score (`screen_match`).
SCREEN_MATCH = 0.40
#: A request image is where sampling starts from this match score (or when the prompt points at it).
IMAGE_MATCH = 0.30
#: Regions from which a request image reads as a screen, and is followed (`screen_like`).
SCREEN_REGIONS = 2
#: Phrases with which a prompt points at the reference image sent with it.
POINTING = ("like this", "like the", "this layout", "same layout", "as shown", "as in the", "similar to",
            "based on", "reference", "screenshot", "this screen", "this design", "like that", "mirror")


#: Plan sections packed per prompt at most (`plan_rows`).
MAX_PLAN_TOKENS = 12
#: Where a plan section may be placed, in the order of their one-hot columns (`plan_rows`).
PLAN_POSITIONS: tuple[str, ...] = ("main", "left", "right", "top", "bottom", "sidebar", "header", "overlay")
#: One-hot columns for a section's kind (`scene.blocks.BLOCK_KINDS` index; room for kinds added later).
PLAN_KIND_COLUMNS = 64
PLAN_DIM = PLAN_KIND_COLUMNS + len(PLAN_POSITIONS) + 4
_KIND_INDEX = {k: i for i, k in enumerate(BLOCK_KINDS)}


@dataclass
class ContextInputs:
    """What the scene model is conditioned on for one prompt (see the module docs)."""

    prompt_tokens: np.ndarray  # (Tp ≤ 32, 384) MiniLM last hidden states, float32
    prompt_vec: np.ndarray  # (384,) pooled and L2-normalised, the store's query vector
    design_tokens: np.ndarray = field(default_factory=lambda: np.zeros((0, DESIGN_TOKEN_DIM), np.float32))
    reference_blocks: list[list[Block]] = field(default_factory=list)  # ≤ 4 layouts, best first
    #: per reference layout: it is the reading of a picture of the very screen asked for (a
    #: request image that matches the prompt), not a page to take after; missing entries are
    #: False. A folder screen that matches is held exactly instead (`hold_init`).
    pictured: list[bool] = field(default_factory=list)
    image_vecs: np.ndarray = field(default_factory=lambda: np.zeros((0, IMAGE_DIM), np.float32))  # (Ti ≤ 4, 208)
    retrieved: list[Retrieved] = field(default_factory=list)  # provenance of the retrieved chunks
    references: list[dict] = field(default_factory=list)  # provenance of each reference layout
    init_blocks: list[Block] | None = None  # the layout sampling starts from, when one matches
    hold_init: bool = False  # init_blocks is a screen the system or the user chose: keep its layout
    icons: list[str] = field(default_factory=list)  # icons of the system the prompt names
    plan_rows: np.ndarray = field(default_factory=lambda: np.zeros((0, PLAN_DIM), np.float32))  # (Tq ≤ 12, 76)


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


# -- plan ----------------------------------------------------------------------------------------


def plan_rows(plan) -> np.ndarray:
    """The ``(Tq ≤ MAX_PLAN_TOKENS, PLAN_DIM)`` rows of a page plan (`conditioning.plan.Plan`,
    or None for no plan), one per section in the plan's order:

    =========  ===============================================================================
    columns    value
    =========  ===============================================================================
    0–63       one-hot of the section's kind in `scene.blocks.BLOCK_KINDS` (column 0, the null
               kind, for a titled section of a noun no kind draws)
    64–71      one-hot of its position in `PLAN_POSITIONS`
    72         how many it asks for, min(count, 12) / 12
    73         log(1 + count) / log(13)
    74         how many labels the prompt names for it, min(n, 8) / 8
    75         its place in the plan, i / `MAX_PLAN_TOKENS`
    =========  ===============================================================================
    """
    sections = list(getattr(plan, "sections", None) or [])[:MAX_PLAN_TOKENS]
    rows = np.zeros((len(sections), PLAN_DIM), np.float32)
    for i, s in enumerate(sections):
        k = _KIND_INDEX.get(getattr(s, "kind", ""), 0)
        rows[i, k if k < PLAN_KIND_COLUMNS else 0] = 1.0
        pos = getattr(s, "position", "main")
        rows[i, PLAN_KIND_COLUMNS + (PLAN_POSITIONS.index(pos) if pos in PLAN_POSITIONS else 0)] = 1.0
        n = max(1, int(getattr(s, "count", 1) or 1))
        at = PLAN_KIND_COLUMNS + len(PLAN_POSITIONS)
        rows[i, at] = min(n, 12) / 12.0
        rows[i, at + 1] = np.log1p(min(n, 12)) / np.log(13.0)
        rows[i, at + 2] = min(len(getattr(s, "labels", None) or []), 8) / 8.0
        rows[i, at + 3] = i / MAX_PLAN_TOKENS
    return rows


# -- design tokens -----------------------------------------------------------------------------


def _lab(hex_: str) -> tuple[float, float, float] | None:
    from ingest.colour import rgb_to_lab

    try:
        rgb, _ = parse_colour(hex_)
    except ValueError:
        return None
    return rgb_to_lab(rgb)


def design_token_rows(ds: DesignSystem) -> np.ndarray:
    """The ``(Td ≤ 48, 16)`` design-token rows of `ds` (see the module docs): one per palette
    role the models know, then one metrics row."""
    by_name = {c.name: c for c in ds.colors}
    rows: list[np.ndarray] = []
    for a in ds.roles:
        if a.role not in MODEL_ROLES:
            continue
        c = by_name.get(a.color)
        lab = c.lab if c is not None else _lab(a.hex)
        if lab is None:
            continue
        t = np.zeros(DESIGN_TOKEN_DIM, np.float32)
        t[:3] = (lab[0] / 50.0 - 1.0, lab[1] / 100.0, lab[2] / 100.0)
        t[3 + MODEL_ROLES.index(a.role)] = 1.0
        rows.append(t)
    rows = rows[: MAX_DESIGN_TOKENS - 1]
    sizes = sorted((t.size for t in ds.type_scale), reverse=True) or [16.0]
    unit = min((px for px in ds.spacing_px() if px > 0), default=4.0)
    m = np.zeros(DESIGN_TOKEN_DIM, np.float32)
    m[3:9] = (unit / 16.0, ds.radius("md") / 16.0, sizes[-1] / 16.0, sizes[0] / 16.0,
              float(np.median(sizes)) / 16.0, float(ds.logo is not None))
    rows.append(m)
    return np.stack(rows)


# -- the light path: prompt, design tokens, given references (training) ---------------------------


def prompt_context(prompt: str, ds: DesignSystem | None = None, reference_blocks: list[list[Block]] | None = None,
                   encoded: tuple[np.ndarray, np.ndarray] | None = None, plan=None) -> ContextInputs:
    """The prompt, `ds`'s design tokens (none without `ds`), the given reference layouts and the
    prompt's page plan (`plan_rows`; none without `plan`): what the models are trained on.
    `encoded` passes a prompt already run through `encode_prompts`."""
    tokens, vec = encoded or encode_prompt(prompt)
    dt = design_token_rows(ds) if ds is not None else np.zeros((0, DESIGN_TOKEN_DIM), np.float32)
    return ContextInputs(prompt_tokens=tokens, prompt_vec=vec, design_tokens=dt,
                         reference_blocks=list(reference_blocks or [])[:MAX_REFERENCES], plan_rows=plan_rows(plan))


# -- references --------------------------------------------------------------------------------


def _chunk_device(meta: dict) -> str | None:
    if meta.get("width") and meta.get("height"):
        return device_for_size(float(meta["width"]), max(float(meta["height"]), 1e-6))
    reg = meta.get("region_pt")
    if reg and len(reg) == 4:
        return device_for_size(reg[2] - reg[0], max(reg[3] - reg[1], 1e-6))
    return None


def _stem_words(source: str) -> str:
    import re
    from pathlib import PurePosixPath

    return re.sub(r"[-_.]+", " ", PurePosixPath(source).stem).strip()


def screen_match(prompt: str, prompt_vec: np.ndarray, text_score: float, source: str, blocks: list[Block],
                 clip: float | None = None, words_score: float | None = None) -> float:
    """How well a screen answers a prompt: the better of the cosine of its chunk text (file
    name and layout summary) and of its file name's words to the prompt, plus `KIND_BONUS`
    times the share of the component kinds the prompt names that the screen carries, plus (when
    the screen has a UI-CLIP vector: `clip`, its cosine with the prompt's) the weight
    `conditioning.retrieval.SCREEN_CLIP_WEIGHT` times how far that agreement is above
    `conditioning.retrieval.SCREEN_CLIP_CENTRE`. `words_score`, when given, is this function's
    answer without `clip` (already computed), so only the UI-CLIP term is added to it."""
    from conditioning.retrieval import SCREEN_CLIP_CENTRE, SCREEN_CLIP_WEIGHT

    if words_score is not None:
        score = words_score
    else:
        words = _stem_words(source)
        name = float(np.dot(encode_prompt(words)[1], prompt_vec)) if words else 0.0
        score = max(float(text_score), name) + KIND_BONUS * kind_coverage(blocks, prompt_kinds(prompt))
    if clip is not None:
        score += SCREEN_CLIP_WEIGHT * (clip - SCREEN_CLIP_CENTRE)
    return score


def _folder_screens(store, prompt: str, vec: np.ndarray, retrieved: list[Retrieved], device: str | None,
                    threshold: float, default_space: bool) -> list[tuple[float, list[Block], dict]]:
    """The system's own screens that answer the prompt, best first: (score, blocks, provenance).
    Candidates are the retrieved screen chunks and the store's nearest screens (so a small
    budget does not hide them); an SVG and a PNG of one screen count once. UI-CLIP scores them
    only when the store's text space is MiniLM's (`default_space`), which its text head reads."""
    cands: dict[str, tuple[float, Retrieved]] = {}
    pool = [r for r in retrieved if r.chunk is not None and r.chunk.meta.get("blocks")]
    if store is not None and len(store) > 0:
        from conditioning.retrieval import SCREEN_KINDS, retrieved_from_chunk

        kinds = {k for k in SCREEN_KINDS if k in store.kinds()}
        if kinds:
            pool += [retrieved_from_chunk(h.chunk, h.score) for h in store.search_vector(vec, 12, kinds)
                     if h.chunk.meta.get("blocks")]
    out: dict[str, tuple[float, list[Block], dict]] = {}
    from conditioning.retrieval import SCREEN_CLIP_HOLD, SCREEN_CLIP_WEIGHT
    from ingest.screen_clip import agreement, prompt_vector

    prompt_clip = None
    if SCREEN_CLIP_WEIGHT and pool and store is not None and default_space:
        prompt_clip = prompt_vector(vec)  # UI-CLIP's text head over the MiniLM vector, in numpy
    for r in pool:
        key = screen_key(r.source, r.locator)
        if key in cands and cands[key][0] >= (r.score or 0.0):
            continue
        shape = _chunk_device(r.chunk.meta)
        if device is not None and shape is not None and shape != device:
            continue
        try:
            blocks = [Block.from_dict(b) for b in r.chunk.meta["blocks"]]
        except (KeyError, TypeError, ValueError):
            continue
        clip = agreement(r.chunk.meta, prompt_clip)
        # UI-CLIP ranks the screens; whether the best one is held is the text score's to say
        text = screen_match(prompt, vec, r.score or 0.0, r.source, blocks)
        score = screen_match(prompt, vec, r.score or 0.0, r.source, blocks, clip=clip, words_score=text)
        if key in out and out[key][0] >= score:
            continue
        cands[key] = (r.score or 0.0, r)
        out[key] = (score, blocks, {"kind": "screen", "source": r.source, "locator": r.locator,
                                    "score": round(score, 4), "text_score": round(text, 4), "device": shape or "",
                                    "blocks": len(blocks),
                                    "matches": text >= threshold or (clip is not None and SCREEN_CLIP_HOLD is not None
                                                                    and clip >= SCREEN_CLIP_HOLD)})
        if clip is not None:
            out[key][2]["clip_agreement"] = round(clip, 4)
    return sorted(out.values(), key=lambda t: -t[0])


def held_layout(blocks: list[Block]) -> list[Block]:
    """A reference layout as it is held: its top-level regions (blocks inside another block
    are left to the fill, which draws a region's contents from its content tag); a region that
    held blocks is marked ``meta["hold"] = "whole"`` (its content, variant and role are kept, as
    the reference gives them), an empty one ``"box"`` (the model chooses what it holds)."""
    def inside(a: Block, b: Block) -> bool:  # a's centre within b, a smaller than b
        cx, cy = a.box[0] + a.box[2] / 2, a.box[1] + a.box[3] / 2
        return (b.box[0] <= cx <= b.box[0] + b.box[2] and b.box[1] <= cy <= b.box[1] + b.box[3]
                and a.box[2] * a.box[3] < b.box[2] * b.box[3])

    top = [b for b in blocks if not any(o is not b and inside(b, o) for o in blocks)]
    top = [replace(b, meta={**b.meta, "hold": "whole" if any(o is not b and inside(o, b) for o in blocks) else "box"})
           for b in top]
    # A row of three or more tall regions of about one width is a board of columns, not navigation
    # (a screenshot reader may call the outer ones sidebars); and a page has one navigation
    # sidebar: any other is a rail of cards.
    tall = [b for b in top if b.box[3] >= 0.5 and b.kind in ("sidebar", "card", "list")]
    widths = sorted(b.box[2] for b in tall)
    if len(tall) >= 3 and widths[-1] <= 1.15 * widths[0]:
        top = [replace(b, kind="card", variant="", content="", meta={**b.meta, "hold": "box"}) if b in tall else b
               for b in top]
    sidebars = sorted((b for b in top if b.kind == "sidebar"), key=lambda b: b.box[0])
    return [replace(b, kind="card", variant="", content="", meta={**b.meta, "hold": "box"}) if b in sidebars[1:] else b
            for b in top]


def points_at_image(prompt: str) -> bool:
    """Whether the prompt refers to a reference image sent with it ("an orders page like this")."""
    p = f" {' '.join(prompt.lower().split())} "
    return any(w in p for w in POINTING)


#: Long side a reference image is read at (px): the screenshot reader's regions at 960 px agree
#: with a full-resolution read (mean best IoU 0.997 over ten screens) in half the time.
READ_SIDE = 960
#: Long side (px) an image is thumbnailed to before its descriptor is taken (`image_descriptor`).
DESCRIPTOR_SIDE = 256
#: Reference images read, by content, kept per process (a reference is often sent again).
READ_CACHE_SIZE = 64
_read_cache: dict[str, tuple[list[Block], str, np.ndarray]] = {}


def clear_reference_cache() -> None:
    """Forget the reference images read so far (`read_reference_image`'s cache)."""
    _read_cache.clear()


def read_reference_image(image) -> tuple[list[Block], str, np.ndarray]:
    """A reference image (a Pillow image, or PNG/JPEG/WebP bytes) as the blocks of its layout
    (`ingest.screens.raster_screen_blocks`, read at `READ_SIDE` px), its layout summary and its
    image descriptor (`ingest.encoders.ImageDescriptorEncoder`). An image read before (same
    pixels) is answered from a per-process cache of `READ_CACHE_SIZE` images. Raises ValueError
    for an image that cannot be read."""
    import hashlib
    import io

    from PIL import Image, UnidentifiedImageError

    from ingest.screens import layout_summary, raster_screen_blocks

    if isinstance(image, (bytes, bytearray, memoryview)):
        try:
            image = Image.open(io.BytesIO(bytes(image)))
            image.load()
        except (UnidentifiedImageError, OSError, ValueError) as e:
            raise ValueError(f"not a readable image ({e.__class__.__name__})") from None
    if not hasattr(image, "size") or min(image.size) < 8:
        raise ValueError("a reference image must be a picture at least 8×8 pixels")
    rgb = image.convert("RGB")
    key = hashlib.sha1(f"{rgb.size}".encode() + rgb.tobytes()).hexdigest()
    if key in _read_cache:
        blocks, summary, vec = _read_cache[key]
        return list(blocks), summary, vec
    small = rgb  # a copy of the request's image already: resized in place
    if max(rgb.size) > READ_SIDE:
        small.thumbnail((READ_SIDE, READ_SIDE), Image.Resampling.BILINEAR)
    blocks = raster_screen_blocks(small)
    vec = image_descriptor(small)
    vec.setflags(write=False)
    if len(_read_cache) >= READ_CACHE_SIZE:
        _read_cache.pop(next(iter(_read_cache)))
    out = (blocks, layout_summary("reference image", blocks), vec)
    _read_cache[key] = out
    return list(blocks), out[1], vec


def image_descriptor(image) -> np.ndarray:
    """The image descriptor (`ingest.encoders.ImageDescriptorEncoder`) of a Pillow image, taken
    from a copy at most `DESCRIPTOR_SIDE` px on its long side (the image itself is not changed)."""
    from ingest.encoders import ImageDescriptorEncoder

    thumb = image.copy()
    thumb.thumbnail((DESCRIPTOR_SIDE, DESCRIPTOR_SIDE))
    return np.asarray(ImageDescriptorEncoder().describe_image(thumb), np.float32)


def screen_like(blocks: list[Block]) -> bool:
    """Whether a request image reads as a screen: at least `SCREEN_REGIONS` regions of 2 % of
    the canvas or more (a logo, a photo or a colour swatch reads as one region or none)."""
    return sum(1 for b in blocks if b.box[2] * b.box[3] >= 0.02) >= SCREEN_REGIONS


def image_match(prompt: str, prompt_vec: np.ndarray, summary: str, blocks: list[Block]) -> float:
    """How well a request image's layout answers the prompt: the cosine of its layout summary
    to the prompt plus `KIND_BONUS` times the share of named component kinds it carries."""
    return (float(np.dot(encode_prompt(summary)[1], prompt_vec))
            + KIND_BONUS * kind_coverage(blocks, prompt_kinds(prompt)))


def clip_agreements(images: Sequence, prompt: str) -> np.ndarray | None:
    """UI-CLIP's cosine between each image and the prompt (`ingest.ui_clip`, the committed
    weights; loads PyTorch on first use), or None when the encoder cannot run."""
    from ingest.encoders import EncoderError

    try:
        from ingest.ui_clip import default_ui_clip, one_torch_thread

        enc = default_ui_clip()
        with one_torch_thread():
            return enc.encode_images(list(images)) @ enc.encode_texts([prompt])[0]
    except (EncoderError, ImportError, OSError, ValueError):
        return None


def named_icons(ds: DesignSystem, prompt: str) -> list[str]:
    """Icons of the system that the prompt asks to see, in the order it names them: an icon's
    file-name words next to a word for an icon ("a bell icon", "settings gear", "bell, mail and
    user icons", "icons for search and settings"). A file name the prompt only
    uses as an ordinary word ("account settings", "user profile") does not count."""
    import re

    icon_words = {"icon", "icons", "glyph", "glyphs", "symbol", "symbols", "gear", "cog", "pictogram"}
    tokens = re.findall(r"[a-z0-9]+|,", prompt.lower())  # words and list commas
    names = []
    for a in ds.icons:
        parts = [w for w in re.split(r"[-_ .]+", a.name.lower()) if w and w != "icon"]
        if parts:
            names.append((a.name, parts))
    vocab = {w for _, parts in names for w in parts}
    joins = {",", "and", "or", "a", "an", "the", "&"}
    named: list[tuple[int, str]] = []  # (position, icon name)
    for j, t in enumerate(tokens):
        if t not in icon_words:
            continue
        for step, stop in ((-1, -1), (1, len(tokens))):  # the run of icon words before, then after
            i = j + step
            if step == 1 and i < len(tokens) and tokens[i] in ("of", "for", "like", "with"):
                i += 1
            run: list[tuple[int, str]] = []
            while i != stop and (tokens[i] in vocab or tokens[i] in joins):
                if tokens[i] in vocab:
                    run.append((i, tokens[i]))
                i += step
            words = {w for _, w in run}
            for name, parts in names:
                if all(w in words for w in parts):
                    named.append((min(i for i, w in run if w in parts), name))
    out: list[str] = []
    for _, name in sorted(named):
        if name not in out:
            out.append(name)
    return out



# -- the full path: generation -------------------------------------------------------------------


def pack_context(ds: DesignSystem, prompt: str, store=None, budget_tokens: int = 512, text_encoder=None, *,
                 device: str | None = None, reference_images: Sequence = (), exemplars=None,
                 encoded: tuple[np.ndarray, np.ndarray] | None = None,
                 screen_threshold: float = SCREEN_MATCH, use_clip: bool = True, plan=None,
                 planned: list[Block] | None = None) -> ContextInputs:
    """Everything the scene model is conditioned on for `prompt` with design system `ds`.

    `plan` (the prompt's `conditioning.plan.Plan`) is packed as plan tokens (`plan_rows`);
    `planned` is a layout composed from it (for a screen no page type draws), which takes an
    exemplar's place as the layout sampling starts from when no image or screen matches.

    With a `ContextStore`, chunks are retrieved under `budget_tokens` (`retrieve`) and the
    system's own screens that answer the prompt (`screen_match` ≥ `screen_threshold`, shaped
    for `device` when one is given) become reference layouts. `reference_images` (up to
    `MAX_REQUEST_IMAGES` Pillow images or image bytes) are read into layouts and descriptors.
    `exemplars` (an object with ``lookup(prompt, device, ds, prompt_vec=…, k=1)`` returning
    ``(layouts, provenance)``, such as the engine's exemplar bank) supplies a layout when no
    image or screen matches. Without a store, images or exemplars the inputs come from `ds`
    and the prompt alone. See the module docs for the order of references. With `use_clip`,
    request images are scored against the prompt by UI-CLIP (`clip_agreements`), recorded in
    their provenance and used to order several matching images.
    """
    images = list(reference_images or ())
    if len(images) > MAX_REQUEST_IMAGES:
        raise ValueError(f"at most {MAX_REQUEST_IMAGES} reference images per request (got {len(images)})")
    has_store = store is not None and len(store) > 0
    default_space = not has_store or store.manifest["text"]["encoder"] == "all-MiniLM-L6-v2"
    if encoded is None and text_encoder is None and default_space:
        encoded = encode_prompt(prompt)
    if encoded is not None:
        tokens, vec = encoded
    else:
        text_encoder = text_encoder or store.text_encoder
        tokens = prompt_token_embeddings([prompt], text_encoder)[0]  # (Tp, 384)
        vec = np.asarray(text_encoder.encode([prompt])[0], np.float32)
        vec = (vec / max(float(np.linalg.norm(vec)), 1e-12)).astype(np.float32)
    retrieved: list[Retrieved] = []
    if has_store:
        retrieved = retrieve(store, prompt, budget_tokens=budget_tokens, screens=MAX_REFERENCES, query_vec=vec)

    matching_images, other_images, image_vecs = [], [], []
    pointed = points_at_image(prompt)
    agreement = clip_agreements(images, prompt) if images and use_clip else None
    for i, image in enumerate(images, 1):
        try:
            blocks, summary, desc = read_reference_image(image)
        except ValueError as e:
            raise ValueError(f"reference image {i}: {e}") from None
        score = image_match(prompt, vec, summary, blocks)
        matches = bool(blocks) and (pointed or score >= IMAGE_MATCH or screen_like(blocks))
        prov = {"kind": "image", "source": f"request image {i}", "score": round(score, 4), "blocks": len(blocks),
                "summary": summary, "matches": matches}
        rank = score
        if agreement is not None:
            prov["clip_agreement"] = round(float(agreement[i - 1]), 4)
            rank = float(agreement[i - 1])  # of several matching images, the one UI-CLIP finds closest leads
        (matching_images if matches else other_images).append((rank, blocks, prov))
        image_vecs.append(desc)
    matching_images.sort(key=lambda t: -t[0])
    screens = _folder_screens(store if has_store else None, prompt, vec, retrieved, device, screen_threshold,
                              default_space)
    refs: list[tuple[list[Block], dict]] = [(b, p) for _, b, p in matching_images if b]
    # the best matching folder screen only: the models were trained with one reference layout,
    # and each one more adds its blocks to the cross-attention of every step
    refs += [(b, p) for s, b, p in screens if p["matches"]][:1]  # the best ranked whose words match
    if not refs and planned:
        refs.append((list(planned), {"kind": "plan", "source": "the prompt's plan (plan composer)", "score": 1.0}))
    if not refs and exemplars is not None:
        for b, p in zip(*exemplars.lookup(prompt, device or "desktop", ds, prompt_vec=vec, k=1)):
            refs.append((b, p))
    hold = bool(refs) and refs[0][1]["kind"] in ("image", "screen")
    init = (held_layout(refs[0][0]) if hold else refs[0][0]) if refs else None
    refs += [(b, p) for _, b, p in other_images if b]
    refs = refs[:MAX_REFERENCES]
    for i, (_, p) in enumerate(refs):
        p["used_as"] = "start and cross-attention" if i == 0 and init is not None else "cross-attention"
    return ContextInputs(
        prompt_tokens=np.ascontiguousarray(tokens, np.float32),
        prompt_vec=np.asarray(vec, np.float32),
        design_tokens=design_token_rows(ds),
        reference_blocks=[b for b, _ in refs],
        pictured=[p["kind"] == "image" and bool(p.get("matches")) for _, p in refs],
        image_vecs=(np.stack(image_vecs[:MAX_IMAGES]).astype(np.float32) if image_vecs
                    else np.zeros((0, IMAGE_DIM), np.float32)),
        retrieved=retrieved,
        references=[p for _, p in refs],
        init_blocks=init,
        hold_init=hold,
        icons=named_icons(ds, prompt),
        plan_rows=plan_rows(plan),
    )
