"""Read a raster image (PNG, JPEG, WebP, GIF): its palette, a thumbnail, and whether it is a UI
screen.

The palette is k-means in CIELAB (Lloyd 1982, k-means++ seeding of Arthur & Vassilvitskii 2007)
on a nearest-neighbour downsample, so flat UI colours keep their exact values; each cluster is
reported by its most frequent exact colour with the share of the image it covers. Seeding is
deterministic, so the same file always gives the same palette.

Safety: the header is read first and images over `MAX_PIXELS` are refused before any pixel is
decoded; Pillow's own decompression-bomb checks are errors too.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import numpy as np

from ingest.colour import to_hex
from ingest.model import Chunk, FileExtract, FoundColor, Source
from ingest.readers_common import ReadError, lab_array, one_line, png_thumbnail

MAX_RASTER_BYTES = 100 * 1024 * 1024
MAX_PIXELS = 64_000_000
FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}
SAMPLE_SIDE = 160  # palette is computed on at most SAMPLE_SIDE² pixels
K = 8
MIN_SHARE = 0.005
_SCREEN_DIRS = {"screens", "screenshots", "screen", "examples", "mockups", "mocks", "ui"}

__all__ = ["MAX_PIXELS", "ReadError", "palette", "read_raster"]


def read_raster(path: Path, rel: str) -> FileExtract:
    """Palette, thumbnail and one chunk ("image" or "screen"); ReadError for bad or huge files."""
    from PIL import Image

    size = path.stat().st_size
    if size == 0:
        raise ReadError("empty file")
    if size > MAX_RASTER_BYTES:
        raise ReadError(f"{size} bytes is larger than the {MAX_RASTER_BYTES} byte limit for images")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            im = Image.open(path)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
            raise ReadError(f"refused as a decompression bomb ({one_line(e)})") from None
        except Image.UnidentifiedImageError:
            raise ReadError("not a readable image (unknown or damaged header)") from None
        except Exception as e:
            raise ReadError(f"not a readable image ({one_line(e)})") from None
        with im:
            if im.format not in FORMATS:
                raise ReadError(f"unsupported image format {im.format} (expected PNG, JPEG, WebP or GIF)")
            w, h = im.size
            if w * h > MAX_PIXELS:
                raise ReadError(f"{w}×{h} px is over the {MAX_PIXELS // 1_000_000} megapixel limit")
            fmt = im.format
            try:
                if fmt == "JPEG":
                    im.draft("RGB", (SAMPLE_SIDE * 4, SAMPLE_SIDE * 4))  # decode at a reduced scale
                im.seek(0)
                im.load()
                mode = "RGBA" if im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info else "RGB"
                full = im if im.mode == mode else im.convert(mode)
            except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
                raise ReadError(f"refused as a decompression bomb ({one_line(e)})") from None
            except Exception as e:
                raise ReadError(f"image data is truncated or corrupt ({one_line(e)})") from None
    thumb = png_thumbnail(full)
    scale = min(1.0, SAMPLE_SIDE / max(full.size))
    small = full.resize((max(1, round(full.width * scale)), max(1, round(full.height * scale))),
                        Image.Resampling.NEAREST) if scale < 1 else full
    px = np.asarray(small, dtype=np.uint8).reshape(-1, len(mode))
    if mode == "RGBA":
        px = px[px[:, 3] >= 128]
    px = px[:, :3]  # (N, 3) opaque pixels
    pal = palette(px)
    screen = _is_screen(rel, (w, h), px, pal)
    kind = "screen" if screen else "image"
    out = FileExtract(kind="raster")
    for hex_, share in pal:
        out.colors.append(FoundColor(hex=hex_, share=round(share, 4), how="raster-cluster",
                                     source=Source(file=rel, locator=f"cluster {hex_}")))
    colours = ", ".join(f"{h} {s:.0%}" for h, s in pal[:8]) or "none (fully transparent)"
    text = f"{kind} {Path(rel).name}, {w}×{h} {fmt}: colours {colours}"
    meta = {"width": w, "height": h, "format": fmt}
    if screen:
        from ingest.screens import blocks_meta, layout_summary, raster_screen_blocks

        try:
            blocks = raster_screen_blocks(full)
            meta["blocks"] = blocks_meta(blocks)
            text = layout_summary(Path(rel).name, blocks) + "; " + text
        except Exception as e:  # a layout is a bonus: never lose the file over it
            out.warnings.append(f"{rel}: layout of the screen not read ({one_line(e)})")
    out.chunks.append(Chunk(id=f"{rel}#{kind}", kind=kind, text=text, source=Source(file=rel, locator=kind),
                            thumbnail=thumb, meta=meta))
    return out


def palette(px: np.ndarray, k: int = K, seed: int = 0, iters: int = 12) -> list[tuple[str, float]]:
    """Dominant colours of sRGB pixels (N, 3) as (hex, share), largest share first."""
    if len(px) == 0:
        return []
    # Exact colours and their counts: screenshots have few, photos many.
    codes = (px[:, 0].astype(np.int64) << 16) | (px[:, 1].astype(np.int64) << 8) | px[:, 2]
    uniq, counts = np.unique(codes, return_counts=True)
    urgb = np.stack([(uniq >> 16) & 255, (uniq >> 8) & 255, uniq & 255], axis=1)  # (U, 3)
    ulab = lab_array(urgb)  # (U, 3)
    k = min(k, len(uniq))
    centres = _seed(ulab, counts, k, np.random.default_rng(seed))  # (k, 3)
    for _ in range(iters):
        d = ((ulab[:, None, :] - centres[None, :, :]) ** 2).sum(-1)  # (U, k)
        label = d.argmin(1)
        new = np.array([np.average(ulab[label == j], axis=0, weights=counts[label == j]) if (label == j).any()
                        else centres[j] for j in range(k)])
        if np.allclose(new, centres, atol=1e-3):
            break
        centres = new
    d = ((ulab[:, None, :] - centres[None, :, :]) ** 2).sum(-1)
    label = d.argmin(1)
    total = counts.sum()
    out: list[tuple[str, float]] = []
    for j in range(k):
        members = label == j
        if not members.any():
            continue
        share = counts[members].sum() / total
        if share < MIN_SHARE:
            continue
        idx = np.flatnonzero(members)
        mode = idx[counts[idx].argmax()]
        if counts[mode] >= 0.2 * counts[idx].sum():  # a flat colour: report it exactly
            rgb = tuple(int(v) for v in urgb[mode])
        else:  # a photo's cluster: its mean colour
            rgb = tuple(int(round(v)) for v in np.average(urgb[idx], axis=0, weights=counts[idx]))
        out.append((to_hex(rgb), float(share)))
    merged: dict[str, float] = {}
    for h, s in out:
        merged[h] = merged.get(h, 0.0) + s
    return sorted(merged.items(), key=lambda hs: -hs[1])


def _seed(lab: np.ndarray, weights: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """k-means++ seeding weighted by pixel counts; the first centre is the most frequent colour."""
    centres = [lab[weights.argmax()]]
    d2 = ((lab - centres[0]) ** 2).sum(-1)
    for _ in range(1, k):
        p = d2 * weights
        if p.sum() <= 0:
            break
        centres.append(lab[rng.choice(len(lab), p=p / p.sum())])
        d2 = np.minimum(d2, ((lab - centres[-1]) ** 2).sum(-1))
    while len(centres) < k:
        centres.append(centres[-1])
    return np.array(centres)


def _is_screen(rel: str, size: tuple[int, int], px: np.ndarray, pal: list[tuple[str, float]]) -> bool:
    """A UI screenshot: in a screens/examples folder or named so, else a screen-sized image
    made mostly of a few exact flat colours (photos and illustrations are not)."""
    parts = {p.lower() for p in Path(rel).parts[:-1]}
    if parts & _SCREEN_DIRS or re.search(r"screen|mock|ui[-_]", Path(rel).stem.lower()):
        return True
    w, h = size
    if min(w, h) < 320 or len(px) == 0:
        return False
    aspect = max(w, h) / min(w, h)
    if not 1.2 <= aspect <= 2.4:
        return False
    codes = (px[:, 0].astype(np.int64) << 16) | (px[:, 1].astype(np.int64) << 8) | px[:, 2]
    _, counts = np.unique(codes, return_counts=True)
    top = np.sort(counts)[::-1][:12].sum() / len(px)
    return bool(top >= 0.7)
