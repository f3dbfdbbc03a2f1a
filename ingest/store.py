"""The on-disk store of an ingested folder (``DIR/.onbrand/`` unless ``--store`` says otherwise).

Layout::

    manifest.json        format version, the folder, and [size, mtime_ns, sha256] of every file
    design_system.json   the DesignSystem in the default mode
    files.jsonl          what each file's reader produced, keyed by content hash (the
                         incremental cache: an unchanged file is never read twice)
    context/             the ContextStore: chunks, embeddings and faiss indexes

The store is written to a sibling temporary folder and swapped in with renames, so a killed
ingest never replaces a good store: the previous one stays loadable.

Re-ingesting an unchanged folder only compares sizes and modification times with the
manifest. When files changed, only those are read again; the other files' results and the
embeddings of unchanged chunks are reused.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ingest.folder import (
    FileResult,
    FolderRead,
    Progress,
    assemble,
    cache_key,
    discover,
    folder_chunks,
    read_folder,
    rel_name,
)
from ingest.model import DesignSystem, FailedFile

STORE_VERSION = 3


def default_store(folder: str | os.PathLike) -> Path:
    return Path(folder) / ".onbrand"


def _stat_files(folder: Path) -> dict[str, list[int]]:
    files, _ = discover(folder)
    out = {}
    for f in files:
        st = f.stat()
        out[rel_name(f, folder)] = [st.st_size, st.st_mtime_ns]
    return out


@dataclass
class IngestReport:
    """How an ingest went: the design system, where the store is, and what was (re)read."""

    ds: DesignSystem
    store: Path
    reused_store: bool  # the folder was unchanged and the store was used as it was
    parsed: list[str] = field(default_factory=list)  # files read this time
    reused: list[str] = field(default_factory=list)  # files whose cached result was used
    embedded: int = 0  # chunks whose embeddings were computed this time
    chunks: int = 0
    seconds: float = 0.0
    saved: bool = True


def _read_manifest(store: Path) -> dict | None:
    try:
        m = json.loads((store / "manifest.json").read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(m, dict) or m.get("version") != STORE_VERSION or not isinstance(m.get("files"), dict):
        return None
    return m


def _read_cache(store: Path) -> dict[str, dict]:
    cache: dict[str, dict] = {}
    try:
        with open(store / "files.jsonl", encoding="utf-8") as f:
            for line in f:
                try:
                    d = json.loads(line)
                    cache[d["key"]] = d["result"]
                except (ValueError, KeyError, TypeError):
                    continue
    except OSError:
        pass
    return cache


def _unchanged(manifest: dict, folder: Path) -> bool:
    now = _stat_files(folder)
    files = manifest["files"]
    return now.keys() == files.keys() and all(files[k][:2] == v for k, v in now.items())


def load_store(folder: str | os.PathLike, store: str | os.PathLike,
               mode: Mapping[str, str] | None = None) -> DesignSystem | None:
    """The stored DesignSystem (in `mode`) if the store is current for `folder`, else None."""
    store = Path(store)
    manifest = _read_manifest(store)
    if manifest is None or not _unchanged(manifest, Path(folder)):
        return None
    try:
        ds = DesignSystem.model_validate_json((store / "design_system.json").read_text())
    except (OSError, ValueError):
        return None
    if not mode or all(ds.mode.get(k) == v for k, v in mode.items()):
        return ds
    # another mode: assemble it from the cached file results, without reading the folder
    read = _cached_read(Path(folder), manifest, _read_cache(store))
    if read is None:
        return None
    ds, _ = assemble(read, mode)
    ds.chunk_count = manifest.get("chunks", 0)
    return ds


def _cached_read(folder: Path, manifest: dict, cache: dict[str, dict]) -> FolderRead | None:
    results: dict[str, FileResult] = {}
    for rel, (_size, _mtime, *sha) in manifest["files"].items():
        hit = cache.get(cache_key(rel, sha[0])) if sha else None
        if hit is not None:
            results[rel] = FileResult.from_json(hit)
    return FolderRead(root=folder, files=sorted(manifest["files"]), results=results, hashes={},
                      failed=[FailedFile(**f) for f in manifest.get("discover_failed", [])])


def save_store(ds: DesignSystem, store: str | os.PathLike, read: FolderRead | None = None,
               context=None) -> Path:
    """Write the store for `ds` atomically (temp folder, then renames).

    `read` (the folder's per-file results) makes the next ingest incremental; `context` (a
    ContextStore) is saved under ``context/``.
    """
    store = Path(store)
    store.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".onbrand-tmp-", dir=store.parent))
    try:
        (tmp / "design_system.json").write_text(ds.model_dump_json(indent=1))
        stats = _stat_files(Path(ds.root))
        files: dict[str, list] = {k: list(v) for k, v in stats.items()}
        if read is not None:
            by_rel = {rel: key for key, rel in read.hashes.items()}
            with open(tmp / "files.jsonl", "w", encoding="utf-8") as f:
                for rel, r in read.results.items():
                    key = by_rel.get(rel)
                    if key is None or rel not in files:
                        continue
                    f.write(json.dumps({"key": key, "result": r.to_json()}) + "\n")
            shas = read.shas
            for rel in files:
                if rel in shas:
                    files[rel] = files[rel][:2] + [shas[rel]]
        if context is not None:
            context.save(tmp / "context")
        manifest = {
            "version": STORE_VERSION,
            "folder": ds.root,
            "files": files,
            "discover_failed": [f.model_dump() for f in (read.failed if read else [])],
            "modes": ds.modes,
            "chunks": ds.chunk_count,
            "written": time.time(),
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest))
        old = store.with_name(store.name + ".old")
        if old.exists():
            shutil.rmtree(old)
        if store.exists():
            os.replace(store, old)
        os.replace(tmp, store)
        if old.exists():
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return store


def ingest_to_store(folder: str | os.PathLike, store: str | os.PathLike | None = None,
                    mode: Mapping[str, str] | None = None, must_save: bool = True,
                    with_context: bool = True, progress: Progress | None = None,
                    force: bool = False) -> IngestReport:
    """Ingest `folder` into its store, incrementally, and return what happened.

    When the store is current (same files, sizes and modification times) nothing is read.
    Otherwise only changed files are read again, the DesignSystem is rebuilt and the
    ContextStore re-indexed, reusing the embeddings of unchanged chunks. Raises IngestError
    for an unusable folder, and OSError when the store cannot be written unless `must_save`
    is False (then the store is only a cache, as for a read-only folder).
    """
    t0 = time.perf_counter()
    folder = Path(folder)
    store_path = Path(store) if store else default_store(folder)
    manifest = _read_manifest(store_path)
    if not force and manifest is not None and folder.is_dir():
        ds = load_store(folder, store_path, mode)
        if ds is not None and (not with_context or (store_path / "context").is_dir() or ds.chunk_count == 0):
            return IngestReport(ds=ds, store=store_path, reused_store=True, chunks=ds.chunk_count,
                                reused=list(ds.files), seconds=time.perf_counter() - t0)
    cache = _read_cache(store_path) if manifest is not None and not force else {}
    known = manifest["files"] if manifest is not None else {}
    read = read_folder(folder, cache=cache, known=known, progress=progress)
    ds_default, tokens = assemble(read, None)
    context = None
    embedded = 0
    chunks = folder_chunks(read, ds_default, tokens)
    ds_default.chunk_count = len(chunks)
    if with_context:
        from ingest.context_store import ContextStore, StoreError

        previous = None
        if manifest is not None and (store_path / "context").is_dir():
            try:
                previous = ContextStore.load(store_path / "context")
            except (StoreError, OSError, ValueError):
                previous = None
        context = ContextStore.build(chunks, reuse=previous,
                                     progress=(lambda done, total: progress("embedding", done, total)) if progress else None)
        embedded = context.encoded
    saved = True
    try:
        save_store(ds_default, store_path, read=read, context=context)
    except OSError:
        if must_save:
            raise
        saved = False
    ds = ds_default if not mode else assemble(read, mode)[0]
    ds.chunk_count = len(chunks)
    return IngestReport(ds=ds, store=store_path, reused_store=False, parsed=read.parsed, reused=read.reused,
                        embedded=embedded, chunks=len(chunks), seconds=time.perf_counter() - t0, saved=saved)


def load_or_ingest(
    folder: str | os.PathLike, store: str | os.PathLike | None = None, must_save: bool = True,
    mode: Mapping[str, str] | None = None, with_context: bool = True,
) -> tuple[DesignSystem, Path, bool]:
    """The folder's DesignSystem from a current store, else freshly ingested and saved.

    Returns (design system, store path, whether the store was reused).
    """
    rep = ingest_to_store(folder, store, mode=mode, must_save=must_save, with_context=with_context)
    return rep.ds, rep.store, rep.reused_store


def load_context(store: str | os.PathLike):
    """The ContextStore saved in `store` (raises StoreError when there is none)."""
    from ingest.context_store import ContextStore

    return ContextStore.load(Path(store) / "context")
