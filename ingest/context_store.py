"""The `ContextStore`: every chunk of a design system, embedded and indexed for retrieval.

A store holds chunks (`ingest.model.Chunk`), one text embedding per chunk and one image
embedding per chunk that has a thumbnail, and a faiss index per modality. Scores are cosine
similarities (encoders return unit vectors; the indexes use inner product).

Index choice
------------
- Below `ivf_threshold` vectors (default 20,000; most design systems hold hundreds to a few
  thousand chunks) the index is exact: ``IndexFlatIP``. Exact search costs about 0.05–0.08 ms per
  thousand 384-d vectors on one CPU core, so a flat index stays near 1 ms up to the threshold;
  at 100,000 vectors it takes about 8 ms on an idle core and several times that on a busy one.
- From the threshold up it is ``IndexIVFScalarQuantizer`` with 8-bit codes (IVF-SQ8, one byte
  per dimension: 384 MB for a million 384-d vectors): ``nlist ≈ sqrt(n)`` (a power of two)
  k-means cells trained on a sample of ``64 × nlist`` vectors. The store then tunes ``nprobe``
  itself: it takes 200 stored vectors plus noise as queries (cosine ≈ 0.7 to the vector they came
  from, as far as real queries are from their best match), computes their exact top 10, and
  keeps the smallest ``nprobe`` whose recall@10 reaches `target_recall` (0.98). Candidates found
  by the IVF index (4·k, at least 32) are re-scored exactly against the float16 embeddings, so
  returned scores are true cosines and the order of the top k is exact among the candidates.

Kind filters
------------
`search(..., kinds={"pdf-text"})` passes faiss a bitmap of the rows of those kinds
(``IDSelectorBitmap``; built once per kind set and cached), so the index only scores rows of
the wanted kinds: a rare kind never starves the way over-fetch-then-filter can. On an IVF store,
if the probed cells hold fewer than k rows of the kinds, the search is repeated with 4× nprobe.

On disk
-------
``manifest.json`` (format, counts, encoder names, index parameters, kinds),
``text.faiss`` + ``text_vectors.npy`` (float16; memory-mapped for bulk reads, single rows read
with ``pread`` at query time so resident memory does not grow with use), ``kinds.npy`` (uint16
kind code per row, memory-mapped), ``image.faiss`` + ``image_vectors.npy`` (float32) +
``image_rows.npy`` when the store has images, and ``chunks.sqlite`` (stdlib sqlite3): one row per
chunk, thumbnails in their own table, so a query fetches just its top-k rows by primary key and
a million chunks never become a million Python objects. `save` writes into a directory; the
caller swaps directories atomically.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ingest.encoders import Encoder, EncoderError, ImageDescriptorEncoder, default_text_encoder
from ingest.model import Chunk, Source

STORE_FORMAT = 1
DEFAULT_IVF_THRESHOLD = 20_000
TARGET_RECALL = 0.98

Progress = Callable[[int, int], None]

_SCHEMA = """
CREATE TABLE chunks (
    row INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    file TEXT NOT NULL,
    locator TEXT NOT NULL,
    meta TEXT NOT NULL,
    text_sha TEXT NOT NULL,
    thumb_sha TEXT
);
CREATE TABLE thumbnails (row INTEGER PRIMARY KEY, png BLOB NOT NULL);
"""


class StoreError(Exception):
    """A store that cannot be built, read or queried; the message is one line naming the file."""


@dataclass
class Hit:
    score: float  # cosine similarity
    chunk: Chunk


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- indexes ----------------------------------------------------------------------------------


def _as_f32(x: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(x, dtype=np.float32)


def _nlist_for(n: int) -> int:
    return int(min(65536, max(16, 2 ** round(np.log2(max(np.sqrt(n), 1.0))))))


def build_index(
    vectors: np.ndarray,
    ivf_threshold: int = DEFAULT_IVF_THRESHOLD,
    target_recall: float = TARGET_RECALL,
    batch: int = 65536,
    seed: int = 0,
) -> tuple["faiss.Index", dict]:  # noqa: F821
    """An inner-product index over `vectors` ((n, d), float16 or float32, may be a memmap).

    Returns the index and its description for the manifest: ``{"type": "flat"}`` or
    ``{"type": "ivf-sq8", "nlist", "nprobe", "recall_at_10"}``.
    """
    import faiss

    n, d = vectors.shape
    if n < max(ivf_threshold, 1):
        index = faiss.IndexFlatIP(d)
        for s in range(0, n, batch):
            index.add(_as_f32(vectors[s : s + batch]))
        return index, {"type": "flat"}

    nlist = min(_nlist_for(n), max(1, n // 39))
    rng = np.random.default_rng(seed)
    sample_rows = np.sort(rng.choice(n, size=min(n, 64 * nlist), replace=False))
    sample = _as_f32(vectors[sample_rows])  # (n_train, d)
    quantizer = faiss.IndexFlatIP(d)
    index = faiss.IndexIVFScalarQuantizer(
        quantizer, d, nlist, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT
    )
    index.cp.seed = seed
    index.train(sample)
    del sample
    for s in range(0, n, batch):
        index.add(_as_f32(vectors[s : s + batch]))
    nprobe, recall = _tune_nprobe(index, vectors, target_recall, rng)
    index.nprobe = nprobe
    return index, {"type": "ivf-sq8", "nlist": nlist, "nprobe": nprobe, "recall_at_10": recall}


def exact_top_k(vectors: np.ndarray, queries: np.ndarray, k: int, batch: int = 131072) -> np.ndarray:
    """Row numbers of the exact top-k inner products, (m, k), by brute force in batches."""
    q = _as_f32(queries)  # (m, d)
    best_s = np.full((len(q), 0), -np.inf, np.float32)
    best_i = np.zeros((len(q), 0), np.int64)
    for s in range(0, len(vectors), batch):
        scores = q @ _as_f32(vectors[s : s + batch]).T  # (m, b)
        kk = min(k, scores.shape[1])
        part = np.argpartition(-scores, kk - 1, axis=1)[:, :kk]
        cand_s = np.concatenate([best_s, np.take_along_axis(scores, part, 1)], axis=1)
        cand_i = np.concatenate([best_i, part + s], axis=1)
        order = np.argsort(-cand_s, axis=1)[:, :k]
        best_s = np.take_along_axis(cand_s, order, 1)
        best_i = np.take_along_axis(cand_i, order, 1)
    return best_i


def _tune_nprobe(index, vectors, target_recall, rng, n_queries=200, k=10) -> tuple[int, float]:
    n, d = vectors.shape
    rows = np.sort(rng.choice(n, size=min(n, n_queries), replace=False))
    # Queries sit as far from their nearest stored vector as real ones do (cosine ≈ 0.7).
    q = _as_f32(vectors[rows]) + rng.normal(0, 1 / np.sqrt(d), size=(len(rows), d)).astype(np.float32)
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    truth = exact_top_k(vectors, q, k)
    space = _Space(index, vectors, None, np.zeros(n, np.uint16), {"type": "ivf-sq8"})
    nprobe, recall = 1, 0.0
    for nprobe in (1, 2, 4, 8, 16, 32, 64, 128, 256, 512):
        if nprobe > index.nlist:
            break
        index.nprobe = nprobe
        found = [[r for _, r in space.search(qi, k, None)] for qi in q]
        recall = float(np.mean([len(set(f) & set(t)) / k for f, t in zip(found, truth)]))
        if recall >= target_recall:
            break
    return nprobe, recall


class _NpyRows:
    """Reads single rows of a 2-D ``.npy`` file with ``pread``.

    Query-time re-scoring reads a few dozen scattered rows; through a memory map each read would
    also map the neighbouring pages (fault-around and read-ahead), and over a few hundred queries
    the whole file would count as resident memory. Reading rows explicitly keeps it flat.
    """

    def __init__(self, path: Path):
        with open(path, "rb") as f:
            version = np.lib.format.read_magic(f)
            read_header = (
                np.lib.format.read_array_header_1_0 if version == (1, 0)
                else np.lib.format.read_array_header_2_0
            )
            shape, fortran, dtype = read_header(f)
            self.offset = f.tell()
        if fortran or len(shape) != 2:
            raise ValueError("expected a C-ordered 2-D array")
        self.dtype, self.dim = dtype, shape[1]
        self.row_bytes = shape[1] * dtype.itemsize
        self.fd = os.open(path, os.O_RDONLY)

    def read(self, ids: np.ndarray) -> np.ndarray:
        data = b"".join(os.pread(self.fd, self.row_bytes, self.offset + int(i) * self.row_bytes) for i in ids)
        return np.frombuffer(data, self.dtype).reshape(len(ids), self.dim)

    def __del__(self):
        try:
            os.close(self.fd)
        except (AttributeError, OSError):
            pass


class _Space:
    """One modality's index, its vectors, and the chunk row of each vector."""

    def __init__(self, index, vectors, rows, kind_codes, info: dict, reader: _NpyRows | None = None):
        self.index = index
        self.vectors = vectors  # (n, d) float16/float32, maybe memory-mapped (bulk reads)
        self.reader = reader  # row reader for queries when vectors live in a file
        self.rows = rows  # (n,) int64 chunk row per vector, None when vector i is row i
        self.kind_codes = kind_codes  # (n,) uint16 kind code per vector
        self.info = info
        self._selectors: dict[frozenset, tuple] = {}
        self._lock = threading.Lock()

    def fetch(self, ids: np.ndarray) -> np.ndarray:
        """Stored vectors of the given vector ids, (len(ids), d) float32."""
        if self.reader is not None:
            return _as_f32(self.reader.read(ids))
        return _as_f32(self.vectors[ids])

    @property
    def ivf(self) -> bool:
        return self.info.get("type") == "ivf-sq8"

    def _selector(self, codes: frozenset):
        import faiss

        with self._lock:
            if codes not in self._selectors:
                mask = np.isin(np.asarray(self.kind_codes), np.fromiter(codes, np.uint16))
                bitmap = np.packbits(mask, bitorder="little")  # bit i ↔ vector i
                sel = faiss.IDSelectorBitmap(len(mask), faiss.swig_ptr(bitmap))
                self._selectors[codes] = (bitmap, sel, int(mask.sum()))  # bitmap kept alive
            return self._selectors[codes]

    def search(self, q: np.ndarray, k: int, codes: frozenset | None) -> list[tuple[float, int]]:
        """[(score, chunk row)] best first, for one query vector q (d,)."""
        import faiss

        n = self.index.ntotal
        if n == 0 or k <= 0:
            return []
        sel, available = None, n
        if codes is not None:
            _, sel, available = self._selector(codes)
            if available == 0:
                return []
        q2 = _as_f32(q).reshape(1, -1)
        if not self.ivf:
            params = faiss.SearchParameters(sel=sel) if sel is not None else None
            D, I = self.index.search(q2, min(k, n), params=params)
            pairs = [(float(s), int(i)) for s, i in zip(D[0], I[0]) if i >= 0]
        else:
            fetch = min(max(4 * k, 32), n)
            nprobe = int(self.info.get("nprobe", self.index.nprobe))
            while True:
                params = faiss.SearchParametersIVF(sel=sel, nprobe=nprobe)
                _, I = self.index.search(q2, fetch, params=params)
                ids = I[0][I[0] >= 0]
                if len(ids) >= min(k, available) or nprobe >= self.index.nlist:
                    break
                nprobe = min(nprobe * 4, self.index.nlist)
            ids = np.sort(ids)  # reads in file order
            exact = self.fetch(ids) @ q2[0]  # (fetch,) re-scored from stored vectors
            best = np.argsort(-exact)[:k]
            pairs = [(min(float(exact[j]), 1.0), int(ids[j])) for j in best]
        if self.rows is not None:
            pairs = [(s, int(self.rows[i])) for s, i in pairs]
        return pairs[:k]


# -- the store --------------------------------------------------------------------------------


class ContextStore:
    """Chunks + embeddings + faiss indexes. Make one with `build` or `load`."""

    encoded: int = 0  # chunk texts the text encoder embedded when this store was built

    def __init__(
        self,
        db: sqlite3.Connection,
        manifest: dict,
        text: _Space,
        image: _Space | None,
        text_encoder: Encoder | None = None,
        image_encoder: Encoder | None = None,
        directory: Path | None = None,
    ) -> None:
        self._db = db
        self._db_lock = threading.Lock()
        self.manifest = manifest
        self._text = text
        self._image = image
        self._text_encoder = text_encoder
        self._image_encoder = image_encoder
        self.directory = directory
        self._kind_names: list[str] = list(manifest["kinds"]["names"])
        self._kind_code = {name: i for i, name in enumerate(self._kind_names)}

    # -- building -----------------------------------------------------------------------------
    @classmethod
    def build(
        cls,
        chunks: list[Chunk],
        text_encoder: Encoder | None = None,
        image_encoder: Encoder | None = None,
        reuse: "ContextStore | None" = None,
        progress: Progress | None = None,
        ivf_threshold: int = DEFAULT_IVF_THRESHOLD,
        batch_size: int = 64,
    ) -> "ContextStore":
        """Embed every chunk's text (and thumbnail when present) and index them.

        Embeddings of chunks whose id and text (or thumbnail) hash are unchanged in `reuse`,
        made by an encoder of the same name, are copied instead of recomputed. `progress` is
        called as ``progress(done, total)`` over all text and image embeddings. A thumbnail the
        image encoder cannot read is skipped with a one-line warning in ``store.warnings``.
        """
        text_encoder = text_encoder or default_text_encoder()
        has_thumbs = any(c.thumbnail for c in chunks)
        if image_encoder is None and has_thumbs:
            image_encoder = ImageDescriptorEncoder()
        seen: set[str] = set()
        for c in chunks:
            if c.id in seen:
                raise StoreError(f"duplicate chunk id {c.id!r} (from {c.source.file})")
            seen.add(c.id)

        n = len(chunks)
        text_shas = [sha256_text(c.text) for c in chunks]
        thumb_shas = [_sha256_bytes(c.thumbnail) if c.thumbnail else None for c in chunks]
        old = reuse._fingerprints() if reuse is not None else {}
        total = n + sum(1 for s in thumb_shas if s)
        done = 0

        # Text: copy what `reuse` already embedded with the same encoder, encode the rest.
        text_vecs = np.zeros((n, text_encoder.dim), np.float16)  # (n, d)
        todo: list[int] = []
        same_text = reuse is not None and reuse.manifest["text"]["encoder"] == text_encoder.name
        for i, c in enumerate(chunks):
            prev = old.get(c.id)
            if same_text and prev is not None and prev[1] == text_shas[i]:
                text_vecs[i] = reuse._text.vectors[prev[0]]
                done += 1
            else:
                todo.append(i)
        if progress:
            progress(done, total)
        for s in range(0, len(todo), batch_size):
            idx = todo[s : s + batch_size]
            vecs = np.asarray(text_encoder.encode([chunks[i].text for i in idx]), np.float32)
            if vecs.shape != (len(idx), text_encoder.dim):
                raise StoreError(f"text encoder {text_encoder.name} returned shape {vecs.shape}")
            text_vecs[idx] = vecs
            done += len(idx)
            if progress:
                progress(done, total)

        # Images: the same, keyed on the thumbnail's hash.
        warnings: list[str] = []
        image_rows: list[int] = []
        image_vecs: list[np.ndarray] = []
        if image_encoder is not None:
            reuse_image = (
                reuse is not None
                and reuse._image is not None
                and reuse.manifest["image"]["encoder"] == image_encoder.name
            )
            position = (
                {int(r): j for j, r in enumerate(reuse._image.rows)} if reuse_image else {}
            )
            for i, c in enumerate(chunks):
                if not c.thumbnail:
                    continue
                prev = old.get(c.id)
                vec = None
                if reuse_image and prev is not None and prev[2] == thumb_shas[i]:
                    j = position.get(prev[0])
                    if j is not None:
                        vec = np.asarray(reuse._image.vectors[j], np.float32)
                if vec is None:
                    try:
                        vec = np.asarray(image_encoder.encode([c.thumbnail])[0], np.float32)
                    except EncoderError as e:
                        warnings.append(f"{c.source.file}: thumbnail of {c.id} skipped: {e}")
                        thumb_shas[i] = None
                if vec is not None:
                    image_rows.append(i)
                    image_vecs.append(vec)
                done += 1
                if progress:
                    progress(done, total)

        kinds = sorted({c.kind for c in chunks})
        code = {k: i for i, k in enumerate(kinds)}
        kind_codes = np.array([code[c.kind] for c in chunks], np.uint16)

        db = sqlite3.connect(":memory:", check_same_thread=False)
        db.executescript(_SCHEMA)
        db.executemany(
            "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?)",
            (
                (i, c.id, c.kind, c.text, c.source.file, c.source.locator,
                 json.dumps(c.meta, default=str), text_shas[i], thumb_shas[i])
                for i, c in enumerate(chunks)
            ),
        )
        db.executemany(
            "INSERT INTO thumbnails VALUES (?,?)",
            ((i, c.thumbnail) for i, c in enumerate(chunks) if thumb_shas[i]),
        )
        db.commit()

        text_index, text_info = build_index(text_vecs, ivf_threshold)
        text_space = _Space(text_index, text_vecs, None, kind_codes, text_info)
        image_space, image_manifest = None, None
        if image_encoder is not None:
            ivecs = (
                np.stack(image_vecs) if image_vecs else np.zeros((0, image_encoder.dim), np.float32)
            )
            irows = np.array(image_rows, np.int64)
            image_index, image_info = build_index(ivecs, ivf_threshold)
            image_space = _Space(image_index, ivecs, irows, kind_codes[irows], image_info)
            image_manifest = {
                "encoder": image_encoder.name,
                "dim": image_encoder.dim,
                "count": len(irows),
                "index": image_info,
            }
        manifest = _manifest(
            n, text_encoder.name, text_encoder.dim, text_info, image_manifest, kinds,
            np.bincount(kind_codes, minlength=len(kinds)), warnings,
        )
        store = cls(db, manifest, text_space, image_space, text_encoder, image_encoder)
        store.encoded = len(todo)  # chunk texts embedded by this build (the rest were copied from `reuse`)
        return store

    def _fingerprints(self) -> dict[str, tuple[int, str, str | None]]:
        """id → (row, text sha256, thumbnail sha256)."""
        with self._db_lock:
            cur = self._db.execute("SELECT id, row, text_sha, thumb_sha FROM chunks")
            return {i: (r, t, th) for i, r, t, th in cur}

    # -- saving and loading -------------------------------------------------------------------
    def save(self, directory: str | Path) -> None:
        """Write the store's files into `directory` (created if needed)."""
        import faiss

        directory = Path(directory)
        if self.directory is not None and directory.resolve() == self.directory.resolve():
            raise StoreError(f"{directory}: cannot save a store over the files it was loaded from")
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "manifest.json").unlink(missing_ok=True)  # written last: marks completion
        faiss.write_index(self._text.index, str(directory / "text.faiss"))
        np.save(directory / "text_vectors.npy", np.asarray(self._text.vectors, np.float16))
        np.save(directory / "kinds.npy", np.asarray(self._text.kind_codes, np.uint16))
        if self._image is not None:
            faiss.write_index(self._image.index, str(directory / "image.faiss"))
            np.save(directory / "image_vectors.npy", np.asarray(self._image.vectors, np.float32))
            np.save(directory / "image_rows.npy", np.asarray(self._image.rows, np.int64))
        db_path = directory / "chunks.sqlite"
        db_path.unlink(missing_ok=True)
        dest = sqlite3.connect(db_path)
        try:
            with self._db_lock:
                self._db.backup(dest)
        finally:
            dest.close()
        (directory / "manifest.json").write_text(json.dumps(self.manifest, indent=1))

    @classmethod
    def load(
        cls,
        directory: str | Path,
        text_encoder: Encoder | None = None,
        image_encoder: Encoder | None = None,
    ) -> "ContextStore":
        """Open a saved store: vectors are memory-mapped, metadata stays in SQLite.

        Raises `StoreError` (one line, naming the file) when a file is missing or corrupt or
        when a given encoder is not the one the store was built with.
        """
        directory = Path(directory)
        manifest = _read_manifest(directory)
        n = int(manifest["count"])
        tm = manifest["text"]
        if text_encoder is not None and text_encoder.name != tm["encoder"]:
            raise StoreError(
                f"{directory}: store was embedded with {tm['encoder']}, not {text_encoder.name}"
            )
        text_index = _read_index(directory / "text.faiss", n, tm["dim"])
        text_vecs = _read_array(directory / "text_vectors.npy", (n, tm["dim"]))
        kind_codes = _read_array(directory / "kinds.npy", (n,))
        text = _Space(text_index, text_vecs, None, kind_codes, tm["index"],
                      _row_reader(directory / "text_vectors.npy"))
        image = None
        im = manifest.get("image")
        if im is not None:
            if image_encoder is not None and image_encoder.name != im["encoder"]:
                raise StoreError(
                    f"{directory}: images were embedded with {im['encoder']}, not {image_encoder.name}"
                )
            m = int(im["count"])
            image_index = _read_index(directory / "image.faiss", m, im["dim"])
            ivecs = _read_array(directory / "image_vectors.npy", (m, im["dim"]))
            irows = np.asarray(_read_array(directory / "image_rows.npy", (m,)))
            if m and (irows.min() < 0 or irows.max() >= n):
                raise StoreError(f"{directory / 'image_rows.npy'}: rows out of range")
            image = _Space(image_index, ivecs, irows, np.asarray(kind_codes)[irows], im["index"],
                           _row_reader(directory / "image_vectors.npy"))
        db = _open_db(directory / "chunks.sqlite", n)
        return cls(db, manifest, text, image, text_encoder, image_encoder, directory)

    # -- queries ------------------------------------------------------------------------------
    def __len__(self) -> int:
        return int(self.manifest["count"])

    @property
    def warnings(self) -> list[str]:
        return list(self.manifest.get("warnings", []))

    def kinds(self) -> dict[str, int]:
        """Number of chunks of each kind."""
        return dict(self.manifest["kinds"]["counts"])

    def chunk(self, id: str, thumbnail: bool = True) -> Chunk:
        """The chunk with this id (KeyError if the store has none)."""
        with self._db_lock:
            r = self._db.execute("SELECT row FROM chunks WHERE id = ?", (id,)).fetchone()
        if r is None:
            raise KeyError(f"no chunk {id!r} in the store")
        return self._chunks([r[0]], thumbnail)[0]

    def search(
        self,
        query: str,
        k: int = 8,
        kinds: Collection[str] | None = None,
        thumbnails: bool = False,
    ) -> list[Hit]:
        """The k chunks whose text is closest in meaning to `query`, best first."""
        vec = self.text_encoder.encode([query])[0]
        return self.search_vector(vec, k, kinds, "text", thumbnails)

    def search_vector(
        self,
        vec: np.ndarray,
        k: int = 8,
        kinds: Collection[str] | None = None,
        modality: str = "text",
        thumbnails: bool = False,
    ) -> list[Hit]:
        """The k chunks nearest to a unit vector of the given modality's encoder, best first."""
        if modality == "text":
            space = self._text
        elif modality == "image":
            space = self._image
            if space is None:
                return []
        else:
            raise ValueError(f"modality must be 'text' or 'image', not {modality!r}")
        vec = np.asarray(vec, np.float32).reshape(-1)
        if vec.shape[0] != space.index.d:
            raise ValueError(f"{modality} query has {vec.shape[0]} dimensions; the store has {space.index.d}")
        codes = None
        if isinstance(kinds, str):
            kinds = (kinds,)
        if kinds is not None:
            codes = frozenset(self._kind_code[k_] for k_ in kinds if k_ in self._kind_code)
            if not codes:
                return []
        pairs = space.search(vec, k, codes)
        chunks = self._chunks([r for _, r in pairs], thumbnails)
        return [Hit(s, c) for (s, _), c in zip(pairs, chunks)]

    def search_image(
        self, png: bytes, k: int = 8, kinds: Collection[str] | None = None, thumbnails: bool = False
    ) -> list[Hit]:
        """The k chunks whose thumbnails look most like the image `png`, best first."""
        if self._image is None:
            return []
        try:
            vec = self.image_encoder.encode([png])[0]
        except EncoderError as e:
            raise StoreError(f"query image: {e}") from None
        return self.search_vector(vec, k, kinds, "image", thumbnails)

    @property
    def text_encoder(self) -> Encoder:
        if self._text_encoder is None:
            name = self.manifest["text"]["encoder"]
            enc = default_text_encoder()
            if enc.name != name:
                raise StoreError(f"store was embedded with {name}; pass that text_encoder to load()")
            self._text_encoder = enc
        return self._text_encoder

    @property
    def image_encoder(self) -> Encoder:
        if self._image_encoder is None:
            name = (self.manifest.get("image") or {}).get("encoder")
            enc = ImageDescriptorEncoder()
            if enc.name != name:
                raise StoreError(f"store images were embedded with {name}; pass that image_encoder to load()")
            self._image_encoder = enc
        return self._image_encoder

    def _chunks(self, rows: Sequence[int], thumbnails: bool) -> list[Chunk]:
        if not rows:
            return []
        marks = ",".join("?" * len(rows))
        with self._db_lock:
            found = {
                r[0]: r
                for r in self._db.execute(
                    f"SELECT row, id, kind, text, file, locator, meta FROM chunks WHERE row IN ({marks})",
                    list(rows),
                )
            }
            thumbs = (
                dict(self._db.execute(f"SELECT row, png FROM thumbnails WHERE row IN ({marks})", list(rows)))
                if thumbnails
                else {}
            )
        out = []
        for r in rows:
            if r not in found:
                raise StoreError(f"chunks.sqlite has no row {r}: the store is inconsistent")
            _, id_, kind, text, file, locator, meta = found[r]
            out.append(
                Chunk(
                    id=id_, kind=kind, text=text, source=Source(file=file, locator=locator),
                    thumbnail=thumbs.get(r), meta=json.loads(meta),
                )
            )
        return out


# -- writing a large store directly (no Chunk objects) ----------------------------------------


def write_vector_store(
    directory: str | Path,
    text_vectors: np.ndarray,
    records: Iterable[tuple[str, str, str, str, str, dict]],
    text_encoder: str,
    ivf_threshold: int = DEFAULT_IVF_THRESHOLD,
    batch: int = 50_000,
) -> dict:
    """Write a text-only store from precomputed unit vectors and streamed metadata.

    `text_vectors` is (n, d), float16 or float32, and may be a memmap; if it is already
    ``directory/text_vectors.npy`` it is used in place. `records` yields ``(id, kind, text,
    file, locator, meta)`` per row in order. Memory stays at one batch of rows plus the index.
    Returns the manifest. Used for stores too large to hold as `Chunk` objects.
    """
    import faiss

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "manifest.json").unlink(missing_ok=True)
    n, d = text_vectors.shape
    vec_path = directory / "text_vectors.npy"
    if Path(getattr(text_vectors, "filename", "") or "").resolve() != vec_path.resolve():
        out = np.lib.format.open_memmap(vec_path, mode="w+", dtype=np.float16, shape=(n, d))
        for s in range(0, n, batch):
            out[s : s + batch] = text_vectors[s : s + batch]
        out.flush()
        del out
    vectors = np.load(vec_path, mmap_mode="r")

    db_path = directory / "chunks.sqlite"
    db_path.unlink(missing_ok=True)
    db = sqlite3.connect(db_path)
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
    kind_code: dict[str, int] = {}
    codes = np.zeros(n, np.uint16)
    rows = iter(records)
    for s in range(0, n, batch):
        block = []
        for i in range(s, min(n, s + batch)):
            id_, kind, text, file, locator, meta = next(rows)
            codes[i] = kind_code.setdefault(kind, len(kind_code))
            block.append((i, id_, kind, text, file, locator, json.dumps(meta), sha256_text(text), None))
        db.executemany("INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?)", block)
    db.commit()
    db.close()
    # Kind codes follow sorted kind names, as `build` writes them.
    names = sorted(kind_code)
    remap = np.zeros(len(kind_code), np.uint16)
    for new, name in enumerate(names):
        remap[kind_code[name]] = new
    codes = remap[codes] if len(codes) else codes
    np.save(directory / "kinds.npy", codes)

    index, info = build_index(vectors, ivf_threshold)
    faiss.write_index(index, str(directory / "text.faiss"))
    manifest = _manifest(
        n, text_encoder, d, info, None, names, np.bincount(codes, minlength=len(names)), []
    )
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=1))
    return manifest


# -- file helpers -----------------------------------------------------------------------------


def _manifest(n, text_name, text_dim, text_info, image, kinds, counts, warnings) -> dict:
    return {
        "format": STORE_FORMAT,
        "count": int(n),
        "text": {"encoder": text_name, "dim": int(text_dim), "index": text_info},
        "image": image,
        "kinds": {"names": list(kinds), "counts": {k: int(c) for k, c in zip(kinds, counts)}},
        "warnings": warnings,
    }


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


def _read_manifest(directory: Path) -> dict:
    path = directory / "manifest.json"
    if not path.is_file():
        raise StoreError(f"{path}: missing (not a context store, or an unfinished write)")
    try:
        manifest = json.loads(path.read_text())
        if manifest.get("format") != STORE_FORMAT:
            raise StoreError(
                f"{path}: store format {manifest.get('format')!r}, this version reads {STORE_FORMAT}"
            )
        int(manifest["count"])
        manifest["text"]["encoder"], manifest["text"]["dim"], manifest["text"]["index"]
        manifest["kinds"]["names"], manifest["kinds"]["counts"]
    except StoreError:
        raise
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise StoreError(f"{path}: unreadable manifest ({_first_line(e)})") from None
    return manifest


def _read_index(path: Path, n: int, d: int):
    import faiss

    if not path.is_file():
        raise StoreError(f"{path}: index file missing")
    try:
        index = faiss.read_index(str(path))
    except Exception as e:  # faiss raises RuntimeError with a multi-line C++ trace
        raise StoreError(f"{path}: corrupt faiss index ({_first_line(e)})") from None
    if index.ntotal != n or index.d != d:
        raise StoreError(
            f"{path}: index holds {index.ntotal}×{index.d} vectors, the manifest says {n}×{d}"
        )
    return index


def _read_array(path: Path, shape: tuple[int, ...]) -> np.ndarray:
    if not path.is_file():
        raise StoreError(f"{path}: file missing")
    try:
        arr = np.load(path, mmap_mode="r")
    except (OSError, ValueError) as e:
        raise StoreError(f"{path}: unreadable array ({_first_line(e)})") from None
    if arr.shape != shape:
        raise StoreError(f"{path}: shape {arr.shape}, the manifest says {shape}")
    return arr


def _row_reader(path: Path) -> _NpyRows:
    try:
        return _NpyRows(path)
    except (OSError, ValueError) as e:
        raise StoreError(f"{path}: unreadable array ({_first_line(e)})") from None


def _open_db(path: Path, n: int) -> sqlite3.Connection:
    if not path.is_file():
        raise StoreError(f"{path}: file missing")
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        top = db.execute("SELECT max(row) FROM chunks").fetchone()[0]
    except sqlite3.Error as e:
        raise StoreError(f"{path}: unreadable chunk database ({_first_line(e)})") from None
    if (top if top is not None else -1) != n - 1:
        db.close()
        raise StoreError(f"{path}: holds rows up to {top}, the manifest says {n} chunks")
    return db
