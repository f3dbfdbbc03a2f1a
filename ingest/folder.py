"""Ingest a design-system folder: discover → read each file by format → resolve tokens for a
mode → normalise → roles → fonts → assets, plus the chunks the context store indexes.

Reading is per file and pure: a file's result (a token document, a `FileExtract`, or the
one-line reason it failed) depends only on its path and bytes, so `read_folder` takes a cache
keyed by content hash and re-reads only files whose content changed. Assembling a
`DesignSystem` from those results (`assemble`) never touches the folder again, which is how
another mode of an ingested folder is built in milliseconds.

Each file that cannot be read is recorded in `DesignSystem.failed` with a one-line reason and
the rest of the folder is still ingested. Only when nothing usable is left does ingest raise
`IngestError`.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ingest import fonts as _fonts
from ingest.model import Asset, Chunk, Color, DesignSystem, FailedFile, FileExtract, FontFace, Source
from ingest.normalise import (
    colors_from_tokens,
    default_type_scale,
    dimensions_from_tokens,
    font_families,
    shadows_from_tokens,
    type_scale_from_tokens,
)
from ingest.roles import infer_roles, theme_of
from ingest.readers import file_kind, reader_for
from ingest.tokens import TokenDocument, TokenError, build_token_set, parse_token_file
from ingest.tokens.base import Token
from ingest.walk import MAX_FILES, SKIP_DIRS, IngestError, has_store_manifest, rel_name, walk  # noqa: F401 - re-exported

# Bump when any reader's output changes: cached per-file results of older readers are dropped.
READER_VERSION = 6

Progress = Callable[[str, int, int], None]  # (what, done, total)


def discover(root: Path) -> tuple[list[Path], list[FailedFile]]:
    """Regular files under `root`, sorted; symlinks that leave the folder are reported, not
    followed (`ingest.walk.walk`)."""
    files, failed = walk(root)
    return files, [FailedFile(path=rel, reason=reason) for rel, reason in failed]


def content_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def cache_key(rel: str, sha: str) -> str:
    return hashlib.sha256(f"{READER_VERSION}\0{rel}\0{sha}".encode("utf-8", "surrogateescape")).hexdigest()


@dataclass
class FileResult:
    """What one file gave: a token document, an extract, or why it failed (or nothing to read)."""

    rel: str
    kind: str | None
    doc: TokenDocument | None = None
    extract: FileExtract | None = None
    failed: str | None = None

    def to_json(self) -> dict:
        return {
            "rel": self.rel,
            "kind": self.kind,
            "doc": {"rel": self.doc.rel, "kind": self.doc.kind, "data": self.doc.data} if self.doc else None,
            "extract": self.extract.model_dump(mode="json") if self.extract else None,
            "failed": self.failed,
        }

    @classmethod
    def from_json(cls, d: dict) -> "FileResult":
        doc = TokenDocument(**d["doc"]) if d.get("doc") else None
        ext = FileExtract.model_validate(d["extract"]) if d.get("extract") else None
        return cls(rel=d["rel"], kind=d.get("kind"), doc=doc, extract=ext, failed=d.get("failed"))


@dataclass
class FolderRead:
    """Every file of a folder, read (or taken from the cache when its content is unchanged)."""

    root: Path
    files: list[str]  # relative names, sorted
    results: dict[str, FileResult]  # rel -> result (files no reader handles are absent)
    hashes: dict[str, str]  # cache key -> rel, for the files read
    shas: dict[str, str] = field(default_factory=dict)  # rel -> sha256 of the content
    # rel -> [size, mtime_ns] as stat gave them just before the file was read (a file edited
    # after that has another mtime, so the next ingest reads it again)
    stats: dict[str, list[int]] = field(default_factory=dict)
    failed: list[FailedFile] = field(default_factory=list)  # discovery failures (symlinks)
    parsed: list[str] = field(default_factory=list)  # files read this time
    reused: list[str] = field(default_factory=list)  # files whose cached result was used


def read_file(path: Path, rel: str, root: Path, kind: str) -> FileResult:
    """Run the reader for `kind` on one file; never raises for bad content."""
    try:
        if kind == "tokens":
            doc = parse_token_file(path, rel)
            return FileResult(rel, kind if doc is not None else None, doc=doc)
        reader = reader_for(path)
        if reader is not None and reader.kind == kind:
            return FileResult(rel, kind, extract=reader(path, rel, root))
    except (TokenError, ValueError, OSError) as e:
        return FileResult(rel, kind, failed=_one_line(str(e), rel) or type(e).__name__)
    except (RecursionError, MemoryError) as e:
        return FileResult(rel, kind, failed=f"file too complex to read ({type(e).__name__})")
    return FileResult(rel, None)


def _one_line(msg: str, rel: str) -> str:
    msg = msg.strip().splitlines()[0] if msg.strip() else ""
    return msg.removeprefix(f"{rel}: ")


def read_folder(root: str | os.PathLike, cache: Mapping[str, dict] | None = None,
                known: Mapping[str, list] | None = None, progress: Progress | None = None) -> FolderRead:
    """Read every file of `root`, reusing `cache` (cache key -> `FileResult.to_json()`).

    `known` maps a relative name to its last ``[size, mtime_ns, sha256]``; a file whose size and
    mtime are unchanged keeps its hash without being read again.
    """
    root = Path(root)
    if not root.exists():
        raise IngestError(f"{root}: no such folder")
    if not root.is_dir():
        raise IngestError(f"{root}: not a folder (give the design-system folder, not a file)")
    paths, failed = discover(root)
    cache = cache or {}
    known = known or {}
    out = FolderRead(root=root, files=[rel_name(p, root) for p in paths], results={}, hashes={}, failed=failed)
    todo = [(p, rel, file_kind(p)) for p, rel in zip(paths, out.files)]
    todo = [t for t in todo if t[2] is not None]
    resolvers: list[tuple[Path, str, str, dict]] = []
    for i, (p, rel, kind) in enumerate(todo):
        if progress:
            progress(rel, i, len(todo))
        try:
            st = p.stat()
            out.stats[rel] = [st.st_size, st.st_mtime_ns]
            prev = known.get(rel)
            if prev and len(prev) == 3 and prev[0] == st.st_size and prev[1] == st.st_mtime_ns:
                sha = prev[2]
            else:
                sha = content_hash(p)
        except OSError as e:
            out.results[rel] = FileResult(rel, kind, failed=f"cannot read ({e.strerror})")
            continue
        key = cache_key(rel, sha)
        out.hashes[key] = rel
        out.shas[rel] = sha
        hit = cache.get(key)
        if hit is not None and (hit.get("doc") or {}).get("kind") == "resolver":
            resolvers.append((p, rel, kind, hit))  # decided once we know whether token files changed
            continue
        if hit is not None:
            try:
                out.results[rel] = FileResult.from_json(hit)
                out.reused.append(rel)
                continue
            except (KeyError, TypeError, ValueError):
                pass
        out.results[rel] = read_file(p, rel, root, kind)
        out.parsed.append(rel)
    # A resolver document embeds the token files it references, so its cached result holds only
    # while no token file changed.
    tokens_changed = any(out.results[r].kind == "tokens" or file_kind(Path(r)) == "tokens" for r in out.parsed)
    for p, rel, kind, hit in resolvers:
        if tokens_changed:
            out.results[rel] = read_file(p, rel, root, kind)
            out.parsed.append(rel)
        else:
            out.results[rel] = FileResult.from_json(hit)
            out.reused.append(rel)
    for p, rel in zip(paths, out.files):  # files no reader handles: their stat as found now
        if rel not in out.stats:
            try:
                st = p.stat()
            except OSError:
                continue
            out.stats[rel] = [st.st_size, st.st_mtime_ns]
    if progress:
        progress("", len(todo), len(todo))
    return out


def assemble(read: FolderRead, mode: Mapping[str, str] | None = None) -> tuple[DesignSystem, list[Token]]:
    """Build the DesignSystem of an already-read folder for `mode` (defaults where unspecified).

    Returns the design system and the resolved tokens (for the token chunks of the store).
    Raises IngestError when nothing usable is left, or for an unknown mode.
    """
    root = read.root
    failed = list(read.failed)
    docs: list[TokenDocument] = []
    extracts: dict[str, FileExtract] = {}
    for rel, r in read.results.items():
        if r.failed:
            failed.append(FailedFile(path=rel, reason=r.failed))
        elif r.doc is not None:
            docs.append(r.doc)
        elif r.extract is not None:
            extracts[rel] = r.extract
    warnings: list[str] = []
    tokens: list[Token] = []
    modes: dict[str, list[str]] = {}
    chosen: dict[str, str] = {}
    if docs:
        token_set = build_token_set(docs)
        modes = {k: list(v) for k, v in token_set.modes.items()}
        try:
            tokens, token_failures = token_set.resolve(mode or None)
        except TokenError as e:
            raise IngestError(str(e)) from None
        for rel, reason in token_failures.items():
            failed.append(FailedFile(path=rel, reason=_one_line(reason, rel)))
        chosen = {k: v[0] for k, v in modes.items() if v}
        for k, v in (mode or {}).items():
            k, v = token_set.canonical(k, v)
            chosen[k] = v
    elif mode:
        raise IngestError(f"unknown mode {_mode_text(mode)}: this design system has no modes")
    for e in extracts.values():
        warnings += e.warnings

    colors: list[Color] = []
    if tokens:
        colors, problems = colors_from_tokens(tokens)
        warnings += problems
    families = font_families(tokens) if tokens else []
    type_scale = type_scale_from_tokens(tokens, families[0] if families else None, warnings) if tokens else []
    spacing, radii = dimensions_from_tokens(tokens, warnings) if tokens else ([], [])
    shadows = shadows_from_tokens(tokens, warnings) if tokens else []

    if not colors:
        # No colour tokens: infer from the brand guide, SVGs and screenshots.
        from ingest.infer import infer_design_values

        inferred = infer_design_values(extracts)
        colors = inferred.colors
        if colors:
            warnings.append("no colour tokens; palette inferred from " + _sources_text(colors))
        type_scale = type_scale or inferred.type_scale
        families = families or inferred.families
        spacing = spacing or inferred.spacing
        radii = radii or inferred.radii
        warnings += inferred.warnings
    if not colors:
        if failed:
            raise IngestError(f"{failed[0].path}: {failed[0].reason}")
        if not docs and not extracts:
            raise IngestError(f"{root}: no design-system files found (expected token JSON/YAML, a brand-guide PDF or SVGs)")
        raise IngestError(f"{root}: found no colours in the token files, PDFs or SVGs")
    if tokens and extracts:
        # what the guides and docs state in words fills in where the tokens have nothing
        from ingest.infer import guide_dimensions, radius_steps, stated_type_scale

        stated_spacing, stated_radii = guide_dimensions(extracts)
        type_scale = type_scale or stated_type_scale(extracts, families)
        spacing = spacing or stated_spacing
        radii = radii or radius_steps(stated_radii)
    if not type_scale:
        type_scale = default_type_scale(families[0] if families else _fonts.FALLBACK_FAMILIES[0])
        warnings.append("the tokens define no type scale; using onbrand's default scale (48/36/28/22/18/16/14/12 px)")

    hint = mode_theme_hint(chosen)
    guidance, rules = _guidance(extracts, tokens, colors)
    roles = infer_roles(colors, theme=hint, guidance=guidance, rules=rules,
                        usage=_usage(extracts, tokens, colors))
    ds = DesignSystem(
        name=root.resolve().name,
        root=str(root.resolve()),
        colors=colors,
        roles=roles,
        theme=theme_of(next((r.hex for r in roles if r.role == "background"), None), hint),
        type_scale=type_scale,
        spacing=spacing,
        radii=radii,
        shadows=shadows,
        files=list(read.files),
        failed=failed,
        token_count=len(tokens),
        modes=modes,
        mode=chosen,
        rules=rules,
    )
    font_paths = [root / rel for rel, r in read.results.items() if r.kind == "font" and r.extract is not None]
    pdf_families = [f for e in extracts.values() for f in e.font_families if e.kind in ("pdf", "font")]
    ds.fonts, font_warnings = _resolve_fonts(ds, families or pdf_families[:1], font_paths)
    warnings += font_warnings
    ds.logo, ds.icons, ds.assets = _assets(extracts)
    ds.warnings = list(dict.fromkeys(warnings))
    return ds, tokens


def _guidance(extracts: Mapping[str, FileExtract], tokens: list[Token], colors: list[Color]):
    """Role evidence and rules the folder states in words (guides, docs, token descriptions)."""
    from ingest.guidance import folder_guidance

    return folder_guidance(extracts, tokens, colors)


def _usage(extracts: Mapping[str, FileExtract], tokens: list[Token], colors: list[Color]):
    """How much the system's screens and token aliases use each colour (`ingest.infer.usage_evidence`)."""
    from ingest.infer import usage_evidence

    by_path = {c.name: c.hex for c in colors}
    counts: dict[str, int] = {}
    for t in tokens:
        if t.alias_of and t.path in by_path:
            counts[by_path[t.path]] = counts.get(by_path[t.path], 0) + 1
    return usage_evidence(dict(extracts), colors, counts)


def mode_theme_hint(mode: Mapping[str, str]) -> str | None:
    """"dark" or "light" when an option of the mode names it (``theme=dark``, ``Colors=Dark``,
    ``scheme=dark-high-contrast``), else None; both or neither named gives None."""
    words = {w for v in mode.values() for w in re.split(r"[^a-z]+", str(v).lower()) if w}
    named = [t for t in ("dark", "light") if t in words]
    return named[0] if len(named) == 1 else None


def _mode_text(mode: Mapping[str, str]) -> str:
    return ",".join(f"{k}={v}" for k, v in mode.items())


def _sources_text(colors: list[Color]) -> str:
    files = list(dict.fromkeys(c.source.file for c in colors))
    return ", ".join(files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")


def ingest_folder(root: str | os.PathLike, mode: Mapping[str, str] | None = None) -> DesignSystem:
    """Build a DesignSystem from a folder (no store). Raises IngestError when nothing usable is found."""
    ds, _ = assemble(read_folder(root), mode)
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
        try:
            got, warning = _fonts.resolve_family(fam, weights | {400, 500, 600, 700}, local)
        except RuntimeError as e:  # no font anywhere, not even a fallback family
            raise IngestError(str(e)) from None
        faces += got
        if warning:
            warnings.append(warning)
    return faces, warnings


def _assets(extracts: Mapping[str, FileExtract]) -> tuple[Asset | None, list[Asset], list[Asset]]:
    """The logo (the first SVG classified as one), the icon set, and illustrations and screens."""
    logo: Asset | None = None
    icons: list[Asset] = []
    others: list[Asset] = []
    for rel in sorted(extracts):
        a = extracts[rel].asset
        if a is None:
            continue
        if a.kind == "logo" and logo is None:
            logo = a
        elif a.kind == "icon":
            icons.append(a)
        else:
            others.append(a)
    return logo, icons, others


# -- chunks for the context store ----------------------------------------------------------------


def token_chunks(ds: DesignSystem, tokens: list[Token]) -> list[Chunk]:
    """One chunk per token group (the path without its last segment), plus summaries of the
    palette roles and the type scale: what retrieval returns for questions about tokens."""
    groups: dict[tuple[str, str], list[Token]] = {}
    for t in tokens:
        group = t.path.rsplit(".", 1)[0] if "." in t.path else t.path
        groups.setdefault((t.file, group), []).append(t)
    chunks: list[Chunk] = []
    for (file, group), toks in groups.items():
        lines = [f"design tokens {group.replace('.', ' ')} ({toks[0].type or 'mixed'})"]
        for t in toks[:40]:
            line = f"{t.path} = {_value_text(t.value)}"
            if t.alias_of:
                line += f" (alias of {t.alias_of})"
            if t.description:
                line += f" — {t.description}"
            if t.deprecated:
                line += " [deprecated]"
            lines.append(line)
        if len(toks) > 40:
            lines.append(f"… and {len(toks) - 40} more")
        chunks.append(Chunk(id=f"{file}#{group}", kind="tokens", text="\n".join(lines),
                            source=Source(file=file, locator=group), meta={"count": len(toks)}))
    if ds.roles:
        text = "colour roles of the palette: " + "; ".join(f"{r.role} {r.hex} ({r.color})" for r in ds.roles)
        src = ds.colors[0].source.file if ds.colors else ""
        chunks.append(Chunk(id=f"{src}#roles", kind="palette", text=text, source=Source(file=src, locator="roles"),
                            meta={"roles": ds.role_map()}))
    if ds.type_scale:
        text = "type scale and typography: " + "; ".join(
            f"{t.name} {t.family} {t.weight} {t.size:g}/{t.line_height:g}px" for t in ds.type_scale)
        src = ds.type_scale[0].source.file
        chunks.append(Chunk(id=f"{src}#type-scale", kind="typography", text=text,
                            source=Source(file=src, locator="type scale")))
    if ds.spacing or ds.radii:
        text = ("spacing scale " + ", ".join(f"{d.name} {d.px:g}px" for d in ds.spacing)
                + "; corner radii " + ", ".join(f"{d.name} {d.px:g}px" for d in ds.radii))
        src = (ds.spacing or ds.radii)[0].source.file
        chunks.append(Chunk(id=f"{src}#space", kind="spacing", text=text, source=Source(file=src, locator="spacing")))
    return chunks


def _value_text(v) -> str:
    if isinstance(v, dict):
        if "hex" in v:
            return str(v["hex"])
        if "value" in v and "unit" in v:
            return f"{v['value']}{v['unit']}"
        return "{" + ", ".join(f"{k}: {_value_text(x)}" for k, x in list(v.items())[:8]) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(_value_text(x) for x in v[:6]) + "]"
    return str(v)[:120]


def folder_chunks(read: FolderRead, ds: DesignSystem, tokens: list[Token]) -> list[Chunk]:
    """Every chunk of the folder: token groups and summaries, then what each file's reader made."""
    chunks = token_chunks(ds, tokens)
    for rel in sorted(read.results):
        r = read.results[rel]
        if r.extract is not None:
            chunks += r.extract.chunks
    seen: set[str] = set()
    unique = []
    for c in chunks:
        if c.id in seen:
            continue
        seen.add(c.id)
        unique.append(c)
    return unique
