"""The on-disk store of an ingested folder (``DIR/.onbrand/`` unless ``--store`` says otherwise).

Layout::

    manifest.json        the commit point: format, version, the folder, [size, mtime_ns, sha256]
                         of every file as it was when read, and which generation holds the data
    g-<id>/              one generation of data:
        design_system.json   the DesignSystem in the default mode
        files.jsonl          what each file's reader produced, keyed by content hash (the
                             incremental cache: an unchanged file is never read twice)
        context/             the ContextStore: chunks, embeddings and faiss indexes
    write.lock           held by the one process writing the store

Writers take ``write.lock`` (a `filelock.FileLock`), write a new generation folder, and commit
it by replacing ``manifest.json`` with one atomic rename. Readers never lock: they read the
manifest, then the generation it names, so they always see a whole store, the previous one
until the rename and the new one after it. The previous generation is kept until the next
save so that a reader that read the old manifest can finish; older ones, and whatever a killed
writer left, are removed on the next save.

A store path must be a new path, an empty folder or an onbrand store. Anything else (a file,
a folder of the user's, the design folder itself or one of its ancestors) is refused with
`StorePathError` and left untouched: onbrand never deletes or renames what it did not create.

Re-ingesting an unchanged folder only compares sizes and modification times with the
manifest. When files changed, only those are read again; the other files' results and the
embeddings of unchanged chunks are reused. A save that skips the context index (``generate``
after a folder edit) keeps the previous index and marks it stale, so the next ``ingest`` or
``search`` re-embeds only the chunks that changed.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ingest.folder import (
    FileResult,
    FolderRead,
    IngestError,
    Progress,
    assemble,
    cache_key,
    folder_chunks,
    has_store_manifest,
    read_folder,
)
from ingest.model import DesignSystem, FailedFile
from ingest.quick import GENERATION as _GENERATION
from ingest.quick import STORE_FORMAT, STORE_VERSION  # noqa: F401 - defined where the quick check reads them
from ingest.walk import stat_files

LOCK_NAME = "write.lock"
LOCK_TIMEOUT_S = 600.0  # how long a writer waits for another writer of the same store
# every name onbrand writes in a store folder (version 3 stores kept their data at the top)
_OWN_NAMES = {"manifest.json", LOCK_NAME, "design_system.json", "files.jsonl", "context"}
_TMP_PREFIX = ".tmp-"


class StorePathError(IngestError):
    """The store path would overwrite something that is not an onbrand store (one line)."""


def default_store(folder: str | os.PathLike) -> Path:
    return Path(folder) / ".onbrand"


def _own_entry(name: str) -> bool:
    return name in _OWN_NAMES or bool(_GENERATION.match(name)) or name.startswith(_TMP_PREFIX)


def _looks_like_manifest(path: Path) -> bool:
    if has_store_manifest(path.parent):  # a current store: its first bytes say so, no parse needed
        return True
    try:  # an older (version 3) or hand-damaged manifest
        m = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return False
    return isinstance(m, dict) and (m.get("format") == STORE_FORMAT or ("version" in m and "files" in m))


def is_store_dir(path: str | os.PathLike) -> bool:
    """Whether `path` is a folder onbrand wrote as a store (possibly damaged or half-written).

    True when every entry is a name onbrand writes in a store and either the manifest is
    onbrand's or store data (a generation, ``design_system.json``, ``context/``) is there.
    """
    path = Path(path)
    try:
        names = [e.name for e in os.scandir(path)]
    except OSError:
        return False
    if not names or not all(_own_entry(n) for n in names):
        return False
    if "manifest.json" in names and _looks_like_manifest(path / "manifest.json"):
        return True
    return any(n != "manifest.json" for n in names)  # data, a temporary folder or the lock


def check_store_path(folder: str | os.PathLike, store: str | os.PathLike) -> Path:
    """`store` if onbrand may write its store there, else `StorePathError` naming why.

    Allowed: a path that does not exist yet, an empty folder, or an onbrand store. Refused: the
    design folder itself or any of its ancestors, a file, and any folder that holds anything
    onbrand did not write.
    """
    store = Path(store)
    try:
        real_store = store.resolve()
        real_folder = Path(folder).resolve()
    except (OSError, RuntimeError) as e:  # a symlink loop
        raise StorePathError(f"{store}: cannot resolve the store path ({e.__class__.__name__})") from None
    if real_store == real_folder:
        raise StorePathError(f"{store}: is the design folder itself; pass a separate --store PATH")
    if real_folder.is_relative_to(real_store):
        raise StorePathError(f"{store}: holds the design folder; pass a new or empty folder as --store PATH")
    if not os.path.lexists(store):
        return store
    if store.is_symlink() and not store.is_dir():
        raise StorePathError(f"{store}: is a link, not a folder; pass a new or empty folder as --store PATH")
    if not store.is_dir():
        raise StorePathError(f"{store}: is a file, not an onbrand store; pass a new or empty folder as --store PATH")
    try:
        empty = next(os.scandir(store), None) is None
    except OSError as e:
        raise StorePathError(f"{store}: cannot read the folder ({e.strerror})") from None
    if not empty and not is_store_dir(store):
        raise StorePathError(f"{store}: exists and is not an onbrand store; pass a new or empty folder as --store PATH")
    return store


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
    generation: str | None = None  # the store generation `ds` is (None when it was not saved)


def _valid_files(files) -> bool:
    if not isinstance(files, dict):
        return False
    for k, v in files.items():
        if not isinstance(k, str) or not isinstance(v, list) or len(v) < 2:
            return False
        if not all(isinstance(x, int) and not isinstance(x, bool) for x in v[:2]):
            return False
        if len(v) > 2 and not isinstance(v[2], str):
            return False
    return True


def _read_manifest(store: Path) -> dict | None:
    """The store's manifest if it is a current, well-formed one; None for anything else."""
    try:
        m = json.loads((store / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    if (not isinstance(m, dict) or m.get("version") != STORE_VERSION or m.get("format") != STORE_FORMAT
            or not isinstance(m.get("generation"), str) or not _GENERATION.match(m["generation"])
            or not _valid_files(m.get("files"))):
        return None
    ctx = m.get("context")
    if ctx is not None and not (isinstance(ctx, dict) and isinstance(ctx.get("generation"), str)
                                and _GENERATION.match(ctx["generation"])):
        return None
    if not isinstance(m.get("discover_failed", []), list) or not isinstance(m.get("chunks", 0), int):
        return None
    return m


def _data_dir(store: Path, manifest: dict) -> Path:
    return store / manifest["generation"]


def _context_dir(store: Path, manifest: dict) -> Path | None:
    ctx = manifest.get("context")
    return store / ctx["generation"] / "context" if ctx else None


def _context_current(store: Path, manifest: dict) -> bool:
    """Whether the store's context index is current: built from the folder as it is, by the
    UI-CLIP model now installed (its screens' vectors are that model's)."""
    from ingest.screen_clip import model_name

    ctx = manifest.get("context")
    return bool(ctx and ctx.get("current")) and ctx.get("ui_clip") == model_name() \
        and (store / ctx["generation"] / "context").is_dir()


def _read_cache(store: Path, manifest: dict | None) -> dict[str, dict]:
    cache: dict[str, dict] = {}
    if manifest is None:
        return cache
    try:
        with open(_data_dir(store, manifest) / "files.jsonl", encoding="utf-8", errors="replace") as f:
            for line in f:
                try:
                    d = json.loads(line)
                    if isinstance(d, dict) and isinstance(d.get("key"), str) and isinstance(d.get("result"), dict):
                        cache[d["key"]] = d["result"]
                except ValueError:
                    continue
    except OSError:
        pass
    return cache


def _unchanged(manifest: dict, folder: Path) -> bool:
    try:
        now = stat_files(folder)
    except (IngestError, OSError):
        return False
    files = manifest["files"]
    return now.keys() == files.keys() and all(files[k][:2] == v for k, v in now.items())


def load_store(folder: str | os.PathLike, store: str | os.PathLike,
               mode: Mapping[str, str] | None = None) -> DesignSystem | None:
    """The stored DesignSystem (in `mode`) if the store is current for `folder`, else None."""
    store = Path(store)
    for _attempt in range(3):  # a save may retire the generation between two reads: read again
        manifest = _read_manifest(store)
        if manifest is None or not _unchanged(manifest, Path(folder)):
            return None
        try:
            ds = DesignSystem.model_validate_json((_data_dir(store, manifest) / "design_system.json").read_bytes())
        except FileNotFoundError:
            continue
        except (OSError, ValueError):
            return None
        if not mode or all(ds.mode.get(k) == v for k, v in mode.items()):
            return ds
        # another mode: assemble it from the cached file results, without reading the folder
        read = _cached_read(Path(folder), manifest, _read_cache(store, manifest))
        if read is None:
            return None
        ds, _ = assemble(read, mode)
        ds.chunk_count = manifest.get("chunks", 0)
        return ds
    return None


def _cached_read(folder: Path, manifest: dict, cache: dict[str, dict]) -> FolderRead | None:
    results: dict[str, FileResult] = {}
    for rel, (_size, _mtime, *sha) in manifest["files"].items():
        hit = cache.get(cache_key(rel, sha[0])) if sha else None
        if hit is not None:
            try:
                results[rel] = FileResult.from_json(hit)
            except (KeyError, TypeError, ValueError):
                return None
    try:
        failed = [FailedFile(**f) for f in manifest.get("discover_failed", [])]
    except (TypeError, ValueError):
        failed = []
    return FolderRead(root=folder, files=sorted(manifest["files"]), results=results, hashes={}, failed=failed)


def _write_json(path: Path, data) -> None:
    """Write `data` to `path` atomically: a temporary file, flushed, then renamed over it."""
    tmp = path.with_name(f"{_TMP_PREFIX}{secrets.token_hex(6)}-{path.name}")
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(data, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _store_lock(store: Path):
    from filelock import FileLock

    return FileLock(store / LOCK_NAME, timeout=LOCK_TIMEOUT_S)


def _remove_own(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            path.unlink()
        except OSError:
            pass


def _clean_store(store: Path, keep: set[str]) -> None:
    """Remove what earlier saves left in `store`: generations not in `keep`, temporary files and
    the top-level data of a version 3 store. Only names onbrand writes are touched."""
    try:
        entries = list(os.scandir(store))
    except OSError:
        return
    for e in entries:
        if e.name in keep or e.name in ("manifest.json", LOCK_NAME):
            continue
        if _GENERATION.match(e.name) or e.name.startswith(_TMP_PREFIX) or e.name in _OWN_NAMES:
            _remove_own(Path(e.path))


def _clean_legacy_leftovers(store: Path) -> None:
    """Temporary folders and ``<store>.old`` that version 3 stores left beside a killed save."""
    try:
        siblings = list(os.scandir(store.parent))
    except OSError:
        return
    for e in siblings:
        if (e.name.startswith(".onbrand-tmp-") or e.name == store.name + ".old") and e.is_dir(follow_symlinks=False) \
                and is_store_dir(e.path):
            shutil.rmtree(e.path, ignore_errors=True)


def save_store(ds: DesignSystem, store: str | os.PathLike, read: FolderRead | None = None,
               context=None, *, stale_context: Path | None = None, _locked: bool = False) -> Path:
    """Write the store for `ds` and commit it atomically (see the module docstring).

    `read` (the folder's per-file results) makes the next ingest incremental, and the file
    stats it recorded when it read each file are what the manifest keeps; `context` (a
    ContextStore) is saved with the new generation. Without `context`, `stale_context` (the
    previous generation's context folder) is kept and marked stale. Raises `StorePathError`
    for a path that is not onbrand's to write, OSError when it cannot be written.
    """
    store = Path(store)
    check_store_path(ds.root, store)
    store.mkdir(parents=True, exist_ok=True)
    if _locked:
        return _save_locked(ds, store, read, context, stale_context)
    with _store_lock(store):
        return _save_locked(ds, store, read, context, stale_context)


def _save_locked(ds: DesignSystem, store: Path, read: FolderRead | None, context, stale_context: Path | None) -> Path:
    previous = _read_manifest(store)
    gen = f"g-{secrets.token_hex(8)}"
    tmp = store / f"{_TMP_PREFIX}{gen}"
    tmp.mkdir()
    try:
        (tmp / "design_system.json").write_text(ds.model_dump_json(indent=1), encoding="utf-8")
        if read is not None and read.stats:
            files: dict[str, list] = {k: list(v) for k, v in read.stats.items()}
        else:
            files = {k: list(v) for k, v in stat_files(Path(ds.root)).items()}
        if read is not None:
            by_rel = {rel: key for key, rel in read.hashes.items()}
            with open(tmp / "files.jsonl", "w", encoding="utf-8") as f:
                for rel, r in read.results.items():
                    key = by_rel.get(rel)
                    if key is None or rel not in files:
                        continue
                    f.write(json.dumps({"key": key, "result": r.to_json()}) + "\n")
            for rel, sha in read.shas.items():
                if rel in files:
                    files[rel] = files[rel][:2] + [sha]
        ctx_entry = None
        if context is not None:
            context.save(tmp / "context")
            from ingest.screen_clip import model_name

            ctx_entry = {"generation": gen, "current": True, "ui_clip": model_name()}
        elif stale_context is not None and stale_context.is_dir() and stale_context.parent.parent == store:
            ctx_entry = {"generation": stale_context.parent.name, "current": False}
        os.replace(tmp, store / gen)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    manifest = {
        "format": STORE_FORMAT,
        "version": STORE_VERSION,
        "folder": ds.root,
        "generation": gen,
        "context": ctx_entry,
        "files": files,
        "discover_failed": [f.model_dump() for f in (read.failed if read else [])],
        "modes": ds.modes,
        "chunks": ds.chunk_count,
        "written": time.time(),
    }
    _write_json(store / "manifest.json", manifest)
    # keep what this manifest names and what the previous one named (a reader may be on it)
    keep = {gen} | ({ctx_entry["generation"]} if ctx_entry else set())
    if previous is not None:
        keep.add(previous["generation"])
        if previous.get("context"):
            keep.add(previous["context"]["generation"])
    _clean_store(store, keep)
    _clean_legacy_leftovers(store)
    return store


def ingest_to_store(folder: str | os.PathLike, store: str | os.PathLike | None = None,
                    mode: Mapping[str, str] | None = None, must_save: bool = True,
                    with_context: bool = True, progress: Progress | None = None,
                    force: bool = False) -> IngestReport:
    """Ingest `folder` into its store, incrementally, and return what happened.

    When the store is current (same files, sizes and modification times) nothing is read.
    Otherwise only changed files are read again, the DesignSystem is rebuilt and the
    ContextStore re-indexed, reusing the embeddings of unchanged chunks. Raises IngestError
    for an unusable folder, StorePathError (an IngestError) for a store path that is not
    onbrand's to write, and OSError when the store cannot be written unless `must_save` is
    False (then the store is only a cache, as for a read-only folder).
    """
    t0 = time.perf_counter()
    folder = Path(folder)
    store_path = Path(store) if store else default_store(folder)
    check_store_path(folder, store_path)
    if not force and folder.is_dir():
        rep = _reuse(folder, store_path, mode, with_context, t0)
        if rep is not None:
            return rep
    lock = None
    try:
        store_path.mkdir(parents=True, exist_ok=True)
        lock = _store_lock(store_path)
        lock.acquire()
    except OSError:
        if must_save:
            raise
        lock = None  # a read-only place: the store is only a cache, read the folder
    except Exception as e:  # filelock.Timeout
        raise IngestError(f"{store_path}: another onbrand process has been writing this store for "
                          f"{LOCK_TIMEOUT_S:.0f} s; try again later") from e
    try:
        if lock is not None and not force and folder.is_dir():
            # another writer may have brought the store up to date while this one waited
            rep = _reuse(folder, store_path, mode, with_context, t0)
            if rep is not None:
                return rep
        return _ingest_locked(folder, store_path, mode, must_save,
                              with_context, progress, force, t0, locked=lock is not None)
    finally:
        if lock is not None:
            lock.release()


def _reuse(folder: Path, store_path: Path, mode, with_context: bool, t0: float) -> IngestReport | None:
    manifest = _read_manifest(store_path)
    if manifest is None:
        return None
    if with_context and manifest.get("chunks", 0) and not _context_current(store_path, manifest):
        return None
    ds = load_store(folder, store_path, mode)
    if ds is None:
        return None
    return IngestReport(ds=ds, store=store_path, reused_store=True, chunks=ds.chunk_count,
                        reused=list(ds.files), seconds=time.perf_counter() - t0, generation=manifest["generation"])


def _ingest_locked(folder: Path, store_path: Path, mode, must_save: bool, with_context: bool,
                   progress: Progress | None, force: bool, t0: float, locked: bool) -> IngestReport:
    manifest = _read_manifest(store_path)
    cache = _read_cache(store_path, manifest) if manifest is not None and not force else {}
    known = manifest["files"] if manifest is not None and not force else {}
    read = read_folder(folder, cache=cache, known=known, progress=progress)
    ds_default, tokens = assemble(read, None)
    context = None
    embedded = 0
    chunks = folder_chunks(read, ds_default, tokens)
    ds_default.chunk_count = len(chunks)
    previous_ctx = _context_dir(store_path, manifest) if manifest is not None else None
    if with_context:
        from ingest.context_store import ContextStore, StoreError
        from ingest.screen_clip import add_screen_vectors

        add_screen_vectors(chunks)  # the system's screens, for matching prompts to them by UI-CLIP
        previous = None
        if previous_ctx is not None and previous_ctx.is_dir():
            try:
                previous = ContextStore.load(previous_ctx)
            except (StoreError, OSError, ValueError):
                previous = None
        context = ContextStore.build(chunks, reuse=previous,
                                     progress=(lambda done, total: progress("embedding", done, total)) if progress else None)
        embedded = context.encoded
    saved = True
    try:
        if not locked:
            raise OSError(30, "the store's folder cannot be written")
        save_store(ds_default, store_path, read=read, context=context, stale_context=previous_ctx, _locked=True)
    except OSError:
        if must_save:
            raise
        saved = False
    written = _read_manifest(store_path) if saved else None  # ours: the write lock is still held
    ds = ds_default if not mode else assemble(read, mode)[0]
    ds.chunk_count = len(chunks)
    return IngestReport(ds=ds, store=store_path, reused_store=False, parsed=read.parsed, reused=read.reused,
                        embedded=embedded, chunks=len(chunks), seconds=time.perf_counter() - t0, saved=saved,
                        generation=written["generation"] if written else None)


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
    from ingest.context_store import ContextStore, StoreError

    store = Path(store)
    for _attempt in range(3):  # a save may retire the generation between two reads: read again
        manifest = _read_manifest(store)
        path = _context_dir(store, manifest) if manifest is not None else None
        if path is None:
            raise StoreError(f"{store}: the store has no context index")
        try:
            return ContextStore.load(path)
        except StoreError:
            if path.is_dir():
                raise
    raise StoreError(f"{store}: the store changed while it was read; try again")
