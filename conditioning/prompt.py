"""The prompt as the scene model reads it: MiniLM token states and a pooled unit vector.

`encode_prompts` runs the shipped all-MiniLM-L6-v2 (`ingest.encoders.default_text_encoder`,
numpy, no torch) over up to `MAX_PROMPT_TOKENS` WordPiece tokens and mean-pools the states into
a unit vector, the same vector the context store is searched with. Results are cached per
process (training captions repeat; a server sees the same prompts again), bounded by
`PROMPT_CACHE_SIZE` entries. `encode_prompt` (one prompt, as generation asks) also keeps its
answer on disk across processes (`ingest.cache`, at most `DISK_CACHE_SIZE` prompts) under the
encoder's identity: its name, the inference backend and the SHA-256 of its weight, tokenizer
and config files, so new weights or another backend miss. A cold ``onbrand generate`` with a
prompt (or screen names) seen before then never loads the encoder.
"""

from __future__ import annotations

import numpy as np

PROMPT_DIM = 384  # all-MiniLM-L6-v2 hidden size
MAX_PROMPT_TOKENS = 32
PROMPT_CACHE_SIZE = 20000
#: Prompts `encode_prompt` keeps on disk (about 50 KB each at most).
DISK_CACHE_SIZE = 1024
#: The encoder's files whose bytes make up its identity in the disk cache.
ENCODER_FILES = ("config.json", "model.safetensors", "tokenizer.json", "1_Pooling/config.json")

_cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}


def prompt_key(prompt: str) -> str:
    """What makes two prompts the same prompt: their words, whitespace collapsed."""
    return " ".join(prompt.split())


def encode_prompts(prompts: list[str], cache: dict[str, tuple[np.ndarray, np.ndarray]] | None = None,
                   cache_size: int | None = None, persist: bool = False) -> list[tuple[np.ndarray, np.ndarray]]:
    """For each prompt, MiniLM token embeddings ``(T ≤ 32, 384)`` and the pooled, unit-norm
    prompt vector ``(384,)``, read-only arrays. Prompts not seen before are encoded in one
    batch. `cache` (default: the module's) keeps at most `cache_size` prompts; when a batch
    would overflow it, it is cleared first, and the batch's own answers are kept either way.
    With `persist`, a single prompt not in `cache` is looked up in (and written to) the disk
    cache (see the module docs); batches are not, as padding a batch changes the last bits."""
    cache = _cache if cache is None else cache
    size = PROMPT_CACHE_SIZE if cache_size is None else cache_size
    keys = [prompt_key(p) for p in prompts]
    found = {k: cache[k] for k in set(keys) if k in cache}
    todo = sorted(set(keys) - set(found))
    disk = _DiskPrompts() if persist and len(todo) == 1 else None
    if disk is not None:
        hit = disk.get(todo[0])
        if hit is not None:
            if len(cache) + 1 > size:
                cache.clear()
            cache[todo[0]] = found[todo[0]] = hit
            todo = []
    if todo:
        from ingest.encoders import default_text_encoder

        enc = default_text_encoder()
        hidden, mask = enc.token_arrays(todo, MAX_PROMPT_TOKENS)  # (B, T, 384), (B, T); numpy, no torch
        lengths = mask.sum(1).tolist()
        if len(cache) + len(todo) > size:
            cache.clear()
        for k, h, n in zip(todo, hidden, lengths):
            tokens = np.array(h[:n], np.float32)  # (T, 384), a copy
            vec = tokens.mean(0)
            vec = vec / max(float(np.linalg.norm(vec)), 1e-9)
            tokens.setflags(write=False)
            vec.setflags(write=False)
            cache[k] = found[k] = (tokens, vec)
            if disk is not None:
                disk.put(k, tokens, vec)
    return [found[k] for k in keys]


def encode_prompt(prompt: str) -> tuple[np.ndarray, np.ndarray]:
    """`encode_prompts` for one prompt, kept on disk across processes (see the module docs)."""
    return encode_prompts([prompt], persist=True)[0]


class _DiskPrompts:
    """The disk side of `encode_prompt`: one entry per prompt and encoder identity."""

    def __init__(self) -> None:
        from ingest.cache import DiskCache

        self.cache = DiskCache("prompts", max_entries=DISK_CACHE_SIZE, suffix=".f32")
        self._ident: str | None = None

    def identity(self) -> str | None:
        """The encoder's identity (see the module docs), None when it cannot be told."""
        if self._ident is None:
            self._ident = encoder_identity() or ""
        return self._ident or None

    def get(self, key: str) -> tuple[np.ndarray, np.ndarray] | None:
        ident = self.identity()
        raw = self.cache.get(f"{ident}\0{key}") if ident else None
        if raw is None or len(raw) < 4 + 4 * PROMPT_DIM or (len(raw) - 4) % (4 * PROMPT_DIM):
            return None
        n = int.from_bytes(raw[:4], "little")
        if n < 1 or len(raw) != 4 + 4 * PROMPT_DIM * (n + 1):
            return None
        arr = np.frombuffer(raw, np.float32, offset=4).reshape(n + 1, PROMPT_DIM)
        tokens, vec = arr[:n].copy(), arr[n].copy()
        tokens.setflags(write=False)
        vec.setflags(write=False)
        return tokens, vec

    def put(self, key: str, tokens: np.ndarray, vec: np.ndarray) -> None:
        ident = self.identity()
        if ident and tokens.ndim == 2 and tokens.shape[1] == PROMPT_DIM and vec.shape == (PROMPT_DIM,):
            body = np.concatenate([tokens, vec[None, :]]).astype(np.float32).tobytes()
            self.cache.put(f"{ident}\0{key}", len(tokens).to_bytes(4, "little") + body)


def encoder_identity(encoder=None) -> str | None:
    """What identifies the prompt encoder's answers: its name, class, device, backend, the
    inference backend asked for (`ingest.encoders.INFERENCE_ENV`) and the SHA-256 of each of its
    `ENCODER_FILES` (hashed once per file version, `ingest.cache.content_digest`); None for an
    encoder without a folder on disk."""
    import json

    from ingest.cache import content_digest
    from ingest.encoders import default_text_encoder, inference_backend

    enc = encoder or default_text_encoder()
    path = getattr(enc, "path", None)
    if path is None:
        return None
    files = {}
    for name in ENCODER_FILES:
        f = path / name
        if f.exists():
            digest = content_digest(f)
            if digest is None:
                return None
            files[name] = digest
    return json.dumps([getattr(enc, "name", ""), type(enc).__name__, getattr(enc, "device", ""),
                       getattr(enc, "backend", ""), inference_backend(), MAX_PROMPT_TOKENS, files])
