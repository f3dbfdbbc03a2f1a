"""Ingest a design-system folder: discover → parse by format → resolve → normalise → roles → fonts.

Each file that cannot be read is recorded in `DesignSystem.failed` with a one-line reason and
the rest of the folder is still ingested. Only when nothing usable is left does ingest raise
`IngestError`.
"""

from __future__ import annotations

import os
from pathlib import Path

from ingest import fonts as _fonts
from ingest.model import Asset, DesignSystem, FailedFile, FontFace, Source
from ingest.normalise import (
    colors_from_tokens,
    default_type_scale,
    dimensions_from_tokens,
    font_families,
    shadows_from_tokens,
    type_scale_from_tokens,
)
from ingest.roles import infer_roles
from ingest.svg import SvgError, check_svg
from ingest.tokens import RawTokens, TokenError
from ingest.tokens.base import load_json_document

TOKEN_SUFFIXES = (".json",)
SKIP_DIRS = {".onbrand", ".git", "node_modules", "__pycache__"}
SKIP_FILES = {"package.json", "package-lock.json", "tsconfig.json"}
MAX_FILES = 20_000


class IngestError(Exception):
    """The folder cannot become a design system; the message is one line for the user."""


def discover(root: Path) -> tuple[list[Path], list[FailedFile]]:
    """Regular files under `root`, sorted; symlinks that leave the folder are reported, not followed."""
    files: list[Path] = []
    failed: list[FailedFile] = []
    real_root = root.resolve()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        for d in list(dirnames):
            p = Path(dirpath) / d
            if p.is_symlink():
                dirnames.remove(d)
                failed.append(FailedFile(path=_rel(p, root), reason="symlinked folder not followed"))
        for name in sorted(filenames):
            p = Path(dirpath) / name
            if name.startswith("."):
                continue
            if p.is_symlink():
                target = p.resolve()
                if not target.is_relative_to(real_root):
                    failed.append(FailedFile(path=_rel(p, root), reason="symlink points outside the folder; not followed"))
                    continue
            if not p.is_file():
                continue
            files.append(p)
            if len(files) > MAX_FILES:
                raise IngestError(f"{root}: more than {MAX_FILES} files; point onbrand at the design-system folder itself")
    return files, failed


def _rel(p: Path, root: Path) -> str:
    return os.fsdecode(p.relative_to(root)).encode("utf-8", "backslashreplace").decode("utf-8")


def ingest_folder(root: str | os.PathLike) -> DesignSystem:
    """Build a DesignSystem from a folder. Raises IngestError when nothing usable is found."""
    root = Path(root)
    if not root.exists():
        raise IngestError(f"{root}: no such folder")
    if not root.is_dir():
        raise IngestError(f"{root}: not a folder (give the design-system folder, not a file)")
    files, failed = discover(root)
    raw = RawTokens()
    token_files: list[str] = []
    svgs: list[Path] = []
    font_paths: list[Path] = []
    for f in files:
        rel = _rel(f, root)
        suffix = f.suffix.lower()
        if suffix in TOKEN_SUFFIXES and f.name not in SKIP_FILES:
            try:
                raw.add_document(load_json_document(f, rel), rel)
                token_files.append(rel)
            except TokenError as e:
                failed.append(FailedFile(path=rel, reason=str(e).removeprefix(f"{rel}: ")))
        elif suffix == ".svg":
            try:
                check_svg(f, root)
                svgs.append(f)
            except SvgError as e:
                failed.append(FailedFile(path=rel, reason=str(e)))
        elif suffix in _fonts.FONT_SUFFIXES:
            font_paths.append(f)
    tokens, token_failures = raw.resolve()
    for rel, reason in token_failures.items():
        failed.append(FailedFile(path=rel, reason=reason.removeprefix(f"{rel}: ")))
    if not tokens:
        if failed:
            raise IngestError(f"{failed[0].path}: {failed[0].reason}")
        raise IngestError(f"{root}: no design-token files found (expected *.json tokens in DTCG format)")

    colors, problems = colors_from_tokens(tokens)
    if not colors:
        raise IngestError(f"{root}: the token files define no colours ({', '.join(token_files)})")
    warnings = list(problems)
    families = font_families(tokens)
    type_scale = type_scale_from_tokens(tokens, families[0] if families else None)
    if not type_scale:
        type_scale = default_type_scale(families[0] if families else _fonts.FALLBACK_FAMILIES[0])
        warnings.append("the tokens define no type scale; using onbrand's default scale (48/36/28/22/18/16/14/12 px)")
    spacing, radii = dimensions_from_tokens(tokens)
    ds = DesignSystem(
        name=root.resolve().name,
        root=str(root.resolve()),
        colors=colors,
        roles=infer_roles(colors),
        type_scale=type_scale,
        spacing=spacing,
        radii=radii,
        shadows=shadows_from_tokens(tokens),
        files=[_rel(f, root) for f in files],
        failed=failed,
        token_count=len(tokens),
    )
    ds.fonts, font_warnings = _resolve_fonts(ds, families, font_paths)
    warnings += font_warnings
    ds.logo, ds.icons = _assets(svgs, root)
    ds.warnings = warnings
    return ds


def _resolve_fonts(ds: DesignSystem, families: list[str], font_paths: list[Path]) -> tuple[list[FontFace], list[str]]:
    local = _fonts.folder_fonts(font_paths)
    wanted: dict[str, set[int]] = {}
    for s in ds.type_scale:
        wanted.setdefault(s.family, set()).update({s.weight, 400, 600, 700})
    if not wanted and families:
        wanted[families[0]] = {400, 500, 600, 700}
    if not wanted:
        wanted[_fonts.FALLBACK_FAMILIES[0]] = {400, 500, 600, 700}
    faces: list[FontFace] = []
    warnings: list[str] = []
    # families the tokens name but no text style uses (e.g. a code font) join only when present
    for fam in families:
        if fam not in wanted:
            try:
                got, warning = _fonts.resolve_family(fam, {400, 700}, local)
            except RuntimeError:
                continue
            if not warning:
                faces += got
    for fam, weights in wanted.items():
        got, warning = _fonts.resolve_family(fam, weights | {400, 500, 600, 700}, local)
        faces += got
        if warning:
            warnings.append(warning)
    return faces, warnings


def _assets(svgs: list[Path], root: Path) -> tuple[Asset | None, list[Asset]]:
    logo: Asset | None = None
    icons: list[Asset] = []
    for f in svgs:
        rel = _rel(f, root)
        stem = f.stem.lower()
        parts = [p.lower() for p in f.relative_to(root).parts[:-1]]
        if logo is None and any(w in stem for w in ("logo", "wordmark", "logotype")):
            logo = Asset(name=f.stem, kind="logo", path=str(f.resolve()), source=Source(file=rel))
        elif any(p in ("icons", "icon", "iconography") for p in parts) or stem.startswith("icon"):
            name = stem.removeprefix("icon-").removeprefix("icon_")
            icons.append(Asset(name=name, kind="icon", path=str(f.resolve()), source=Source(file=rel)))
    return logo, icons
