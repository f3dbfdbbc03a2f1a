"""The store never loses what it did not create, never serves stale data, and always stays loadable.

Regression tests for: `--store` pointed at a user's folder, a file, the design folder or one of
its ancestors; a token file edited while ingest runs; several writers and readers on one store;
a save killed half-way; `generate` after a folder edit dropping the context index; hand-damaged
stores.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from onbrand.cli import main
from ingest import StorePathError, check_store_path, ingest_to_store, load_context, load_store
from ingest import store as st

ROOT = Path(__file__).resolve().parents[2]

TOKENS = {"color": {"$type": "color", "primary": {"$value": "#0e5e71"}, "surface": {"$value": "#ffffff"},
                    "text": {"$value": "#1a1a1a"}, "danger": {"$value": "#c0392b"}},
          "space": {"$type": "dimension", "md": {"$value": "16px"}}}


def _small_system(root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "tokens.json").write_text(json.dumps(TOKENS))
    return root


def _cli(*args, cwd: Path | None = None):
    old = os.getcwd()
    try:
        if cwd:
            os.chdir(cwd)
        return CliRunner().invoke(main, [str(a) for a in args])
    finally:
        os.chdir(old)


def _tree(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def _one_line_error(r) -> str:
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output
    lines = [x for x in r.output.splitlines() if x.strip()]
    assert len(lines) == 1, r.output
    return lines[0]


# -- --store PATH never deletes or renames what onbrand did not create ---------------------------


def test_store_in_a_users_folder_is_refused_and_left_alone(tmp_path):
    ds = _small_system(tmp_path / "ds")
    docs = tmp_path / "mydocs"
    docs.mkdir()
    (docs / "thesis.txt").write_text("years of work")
    (docs / "sub").mkdir()
    (docs / "sub" / "notes.md").write_text("more work")
    before = _tree(docs)
    line = _one_line_error(_cli("ingest", ds, "--store", docs))
    assert "not an onbrand store" in line
    assert _tree(docs) == before


def test_store_that_is_the_design_folder_is_refused(tmp_path):
    ds = _small_system(tmp_path / "ds")
    before = _tree(ds)
    assert "design folder itself" in _one_line_error(_cli("ingest", ds, "--store", ds))
    assert _tree(ds) == before


def test_store_that_holds_the_design_folder_is_refused(tmp_path):
    ds = _small_system(tmp_path / "parent" / "ds")
    before = _tree(tmp_path / "parent")
    assert "holds the design folder" in _one_line_error(_cli("ingest", ds, "--store", tmp_path / "parent"))
    assert _tree(tmp_path / "parent") == before


def test_serve_with_store_root_at_the_folders_parent_refuses_and_keeps_the_folder(tmp_path):
    ds = _small_system(tmp_path / "ds")
    before = _tree(ds)
    # one store per system under the root: root/ds is the design folder itself
    line = _one_line_error(_cli("serve", ds, "--store", tmp_path))
    assert "ds" in line
    assert _tree(ds) == before


def test_store_that_is_a_file_is_refused_not_renamed(tmp_path):
    ds = _small_system(tmp_path / "ds")
    f = tmp_path / "somefile"
    f.write_text("precious")
    assert "is a file" in _one_line_error(_cli("ingest", ds, "--store", f))
    assert f.read_text() == "precious"
    assert not (tmp_path / "somefile.old").exists()


@pytest.mark.parametrize("where", [".", "/"])
def test_store_dot_and_root_are_one_line_errors(tmp_path, where):
    ds = _small_system(tmp_path / "work" / "ds")
    (tmp_path / "work" / "other.txt").write_text("keep me")
    before = _tree(tmp_path / "work")
    _one_line_error(_cli("ingest", ds, "--store", where, cwd=tmp_path / "work"))
    assert _tree(tmp_path / "work") == before


def test_new_path_empty_folder_and_existing_store_are_allowed(tmp_path):
    ds = _small_system(tmp_path / "ds")
    assert check_store_path(ds, tmp_path / "new" / "store") == tmp_path / "new" / "store"
    (tmp_path / "empty").mkdir()
    assert _cli("ingest", ds, "--store", tmp_path / "empty").exit_code == 0
    assert _cli("ingest", ds, "--store", tmp_path / "empty", "--force").exit_code == 0  # its own store
    with pytest.raises(StorePathError):
        check_store_path(ds, ds)


def test_a_lone_foreign_manifest_is_not_taken_for_a_store(tmp_path):
    ds = _small_system(tmp_path / "ds")
    web = tmp_path / "web"
    web.mkdir()
    (web / "manifest.json").write_text(json.dumps({"name": "my app", "icons": []}))
    with pytest.raises(StorePathError):
        ingest_to_store(ds, web)
    assert json.loads((web / "manifest.json").read_text())["name"] == "my app"


def test_store_inside_the_design_folder_is_not_read_as_design_files(tmp_path):
    ds = _small_system(tmp_path / "ds")
    ingest_to_store(ds, ds / "cache", with_context=False)
    again = ingest_to_store(ds, ds / "cache", with_context=False)
    assert again.reused_store
    assert all(not f.startswith("cache/") for f in again.ds.files)


# -- stats are the ones taken when a file was read -------------------------------------------------


def test_file_edited_during_ingest_is_read_again_next_time(tmp_path, monkeypatch):
    ds = _small_system(tmp_path / "ds")
    tok = ds / "tokens.json"
    import ingest.folder as folder

    real = folder.read_file

    def read_then_edit(path, rel, root, kind):
        res = real(path, rel, root, kind)
        if rel == "tokens.json":  # the user saves a new primary after ingest read the file
            edited = json.loads(tok.read_text())
            edited["color"]["primary"]["$value"] = "#7b2cbf"
            tok.write_text(json.dumps(edited))
            os.utime(tok, ns=(tok.stat().st_atime_ns, tok.stat().st_mtime_ns + 10_000_000))
        return res

    with monkeypatch.context() as m:
        m.setattr(folder, "read_file", read_then_edit)
        first = ingest_to_store(ds, tmp_path / "st", with_context=False)
    assert first.ds.role("primary") == "#0e5e71"
    again = ingest_to_store(ds, tmp_path / "st", with_context=False)
    assert not again.reused_store and again.parsed == ["tokens.json"]
    assert again.ds.role("primary") == "#7b2cbf"


# -- several writers and readers on one store ------------------------------------------------------


def _writer(folder: str, store: str, n: int, errors) -> None:
    try:
        for _ in range(n):
            ingest_to_store(folder, store, with_context=False, force=True)
    except BaseException as e:  # noqa: BLE001 - reported to the parent
        errors.put(f"{type(e).__name__}: {e}")


@pytest.mark.slow
def test_concurrent_writers_never_fail_and_readers_always_see_a_store(tmp_path):
    ds = _small_system(tmp_path / "ds")
    store = tmp_path / "st"
    ingest_to_store(ds, store, with_context=False)
    ctx = mp.get_context("spawn")
    errors = ctx.Queue()
    writers = [ctx.Process(target=_writer, args=(str(ds), str(store), 12, errors)) for _ in range(3)]
    for w in writers:
        w.start()
    misses = 0
    reads = 0
    while any(w.is_alive() for w in writers):
        reads += 1
        if load_store(ds, store) is None:
            misses += 1
    for w in writers:
        w.join(120)
    assert errors.empty(), errors.get()
    assert all(w.exitcode == 0 for w in writers)
    assert reads > 0 and misses == 0
    gens = [p for p in store.iterdir() if p.name.startswith("g-")]
    assert 1 <= len(gens) <= 2
    assert not [p for p in store.iterdir() if p.name.startswith(".tmp-")]


def test_threads_writing_one_store_all_succeed(tmp_path):
    ds = _small_system(tmp_path / "ds")
    store = tmp_path / "st"
    errors: list[BaseException] = []

    def write():
        try:
            for _ in range(4):
                ingest_to_store(ds, store, with_context=False, force=True)
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=write) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert load_store(ds, store) is not None


# -- a killed save leaves a loadable store and its leftovers are cleaned ---------------------------


_KILL_SCRIPT = """
import os, sys
import ingest.store as st
real = st._write_json
def die(path, data):
    os._exit(9)   # killed after the new generation is written, before the commit
st._write_json = die
st.ingest_to_store(sys.argv[1], sys.argv[2], with_context=False, force=True)
"""


def test_kill_during_save_keeps_the_store_and_next_run_cleans_up(tmp_path):
    ds = _small_system(tmp_path / "ds")
    store = tmp_path / "st"
    ingest_to_store(ds, store, with_context=False)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, "-c", _KILL_SCRIPT, str(ds), str(store)], env=env, timeout=120)
    assert r.returncode == 9
    assert load_store(ds, store) is not None  # the previous store is whole
    assert len([p for p in store.iterdir() if p.name.startswith("g-")]) == 2  # the orphan generation
    ingest_to_store(ds, store, with_context=False, force=True)
    ingest_to_store(ds, store, with_context=False, force=True)
    assert len([p for p in store.iterdir() if p.name.startswith("g-")]) == 2  # current and previous only


def test_leftovers_of_older_stores_are_removed_but_nothing_else(tmp_path):
    ds = _small_system(tmp_path / "ds")
    store = tmp_path / "st"
    legacy_tmp = tmp_path / ".onbrand-tmp-abc123"  # what a killed version 3 save left
    legacy_tmp.mkdir()
    (legacy_tmp / "design_system.json").write_text("{}")
    old = tmp_path / "st.old"
    old.mkdir()
    (old / "manifest.json").write_text(json.dumps({"version": 3, "files": {}, "folder": str(ds)}))
    foreign = tmp_path / ".onbrand-tmp-mine"  # same prefix, but the user's
    foreign.mkdir()
    (foreign / "photo.jpg").write_bytes(b"\xff\xd8")
    ingest_to_store(ds, store, with_context=False)
    assert not legacy_tmp.exists() and not old.exists()
    assert (foreign / "photo.jpg").exists()


def test_version_3_store_is_replaced_in_place(tmp_path):
    ds = _small_system(tmp_path / "ds")
    store = tmp_path / "st"
    store.mkdir()
    (store / "manifest.json").write_text(json.dumps({"version": 3, "files": {}, "folder": str(ds)}))
    (store / "design_system.json").write_text("{}")
    (store / "files.jsonl").write_text("")
    rep = ingest_to_store(ds, store, with_context=False)
    assert not rep.reused_store
    assert sorted(p.name for p in store.iterdir() if not p.name.startswith("g-")) == ["manifest.json", "write.lock"]


# -- generate after a folder edit keeps the context index -------------------------------------------


def test_design_system_only_save_keeps_the_context_index(harbor, tmp_path):
    store = tmp_path / "st"
    first = ingest_to_store(harbor, store)
    readme = harbor / "README.md"
    readme.write_text(readme.read_text() + "\n\n## Voice\n\nHarbor speaks plainly: short sentences.\n")
    gen = ingest_to_store(harbor, store, with_context=False, must_save=False)  # what generate does
    assert not gen.reused_store and gen.saved
    assert load_context(store).search("colour", k=1)  # the previous index is still there (stale)
    rep = ingest_to_store(harbor, store)  # search or ingest brings it up to date
    assert rep.parsed == [] and 0 < rep.embedded < first.chunks  # only the changed chunks
    assert ingest_to_store(harbor, store).reused_store


# -- hand-damaged stores ----------------------------------------------------------------------------


@pytest.mark.parametrize("damage", [
    lambda s: (s / "manifest.json").write_text("null"),
    lambda s: (s / "manifest.json").write_bytes(
        (s / "manifest.json").read_bytes().replace(b'"tokens.json"', b'"tok\xff\xfe.json"')),
    lambda s: (s / "manifest.json").write_text(json.dumps({**json.loads((s / "manifest.json").read_text()),
                                                            "files": {"tokens.json": None}})),
    lambda s: (s / "manifest.json").write_text(json.dumps({**json.loads((s / "manifest.json").read_text()),
                                                            "generation": "../../etc"})),
    lambda s: [(g / "files.jsonl").write_bytes(b"\xff\xfe{not json\n") for g in s.glob("g-*")],
    lambda s: [(g / "design_system.json").write_text("[]") for g in s.glob("g-*")],
])
def test_damaged_store_is_rebuilt_without_a_traceback(tmp_path, damage):
    ds = _small_system(tmp_path / "ds")
    store = tmp_path / "st"
    assert _cli("ingest", ds, "--store", store).exit_code == 0
    damage(store)
    r = _cli("ingest", ds, "--store", store, "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["palette"]
    assert load_store(ds, store) is not None


def test_store_module_names_only_its_own_files():
    assert st._own_entry("g-0123456789abcdef") and st._own_entry("manifest.json")
    assert not st._own_entry("thesis.txt") and not st._own_entry("g-notahexname")
