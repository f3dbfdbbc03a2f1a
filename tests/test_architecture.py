"""The project's structure: the layer contracts hold, no module imports another in a circle, and no
module imports another module's private names."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("scene", "ingest", "conditioning", "engine", "eval", "onbrand", "benchmarks")


def _modules() -> dict[str, Path]:
    out = {}
    for pkg in PACKAGES:
        for p in (ROOT / pkg).rglob("*.py"):
            parts = list(p.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join(parts)] = p
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> list[tuple[str, list[str]]]:
    """(imported project module, names taken from it) for every import in the file, nested ones too."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, []) for a in node.names if a.name.split(".")[0] in PACKAGES]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                mod = f"{base}.{node.module}" if node.module else base
            else:
                mod = node.module or ""
            if mod.split(".")[0] not in PACKAGES:
                continue
            names = [a.name for a in node.names]
            # `from pkg import module` imports the submodule
            subs = [f"{mod}.{n}" for n in names if f"{mod}.{n}" in modules]
            out += [(s, []) for s in subs]
            rest = [n for n in names if f"{mod}.{n}" not in modules]
            if rest:
                out.append((mod, rest))
    return out


def test_layer_contracts_hold():
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    if exe is None:
        pytest.fail("lint-imports is not installed (pip install -e '.[dev]')")
    r = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]


def test_no_import_cycles_between_modules():
    modules = _modules()
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for m, p in modules.items():
        for target, _ in _imports(m, p, modules):
            while target not in modules and "." in target:
                target = target.rpartition(".")[0]
            if target in modules and target != m and not modules[target].name == "__init__.py":
                graph[m].add(target)
    # Tarjan's strongly connected components
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    cycles: list[list[str]] = []
    counter = [0]
    sys.setrecursionlimit(10_000)

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in graph:
        if v not in index:
            visit(v)
    assert not cycles, f"import cycles: {cycles}"


def test_no_private_names_imported_across_modules():
    modules = _modules()
    bad = []
    for m, p in modules.items():
        for target, names in _imports(m, p, modules):
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            if private and target != m:
                bad.append(f"{m} imports {', '.join(private)} from {target}")
    assert not bad, "\n".join(bad)


def test_importing_the_engine_package_is_light():
    code = ("import sys, engine, ingest.screens; "
            "heavy = [m for m in ('torch', 'cairo', 'cairocffi', 'engine.render.components', 'engine.api') "
            "if m in sys.modules]; print(heavy)")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]", r.stdout
