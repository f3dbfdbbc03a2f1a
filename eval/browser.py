"""The HTML export checked in a real browser: render the page in Chromium, compare it with the PNG.

`browser_screenshot(html, width, height, scale)` opens the page in headless Chromium (driven
by Playwright's Python API, with the system's ``chromium`` or ``$ONBRAND_CHROMIUM``; Playwright's
own browser downloads are never used) at the scene's CSS size and device pixel ratio, with
colours in sRGB, and returns the screenshot. `pixel_agreement(a, b)` is the metric: per pixel
CIEDE2000 ΔE00 between the two images (CIELAB D65 from sRGB, `ingest.colour`), reported as its
mean, its 95th percentile and the share of pixels within ΔE 3 (the threshold under which a
colour difference is hard to see side by side, as the palette metric uses). The export passes
at a mean ≤ 2 with ≥ 95 % of pixels within ΔE 3 (`AGREEMENT_LIMITS`).
"""

from __future__ import annotations

import os
import shutil

import numpy as np

from ingest.colour import ciede2000, srgb_to_lab

#: What the export must reach against the PNG: mean ΔE00 at most, share within ΔE 3 at least.
AGREEMENT_LIMITS = {"mean_delta_e": 2.0, "within_3": 0.95}

_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ARGS = ["--force-color-profile=srgb", "--font-render-hinting=none", "--disable-lcd-text",
                 "--disable-gpu", "--hide-scrollbars", "--no-sandbox"]


class BrowserUnavailable(RuntimeError):
    """No Chromium, or no Playwright, to render with."""


def find_chromium() -> str | None:
    """The Chromium executable: ``$ONBRAND_CHROMIUM``, else the first of chromium,
    chromium-browser, google-chrome on the PATH; None when there is none."""
    env = os.environ.get("ONBRAND_CHROMIUM")
    if env:
        return env if os.path.isfile(env) and os.access(env, os.X_OK) else None
    for name in _CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


def browser_screenshot(html: str, width: float, height: float, scale: float = 1.0, timeout_s: float = 60.0):
    """The page rendered by headless Chromium in a `width`×`height` CSS px viewport at device
    pixel ratio `scale`, as a PIL RGB image (`width·scale` × `height·scale` pixels)."""
    exe = find_chromium()
    if exe is None:
        raise BrowserUnavailable("no Chromium found (install it, e.g. apt-get install chromium, or set ONBRAND_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as e:  # pragma: no cover - playwright is a dev dependency
        raise BrowserUnavailable("the playwright package is not installed (pip install playwright)") from e
    import io

    from PIL import Image

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, timeout=timeout_s * 1000)
        try:
            page = browser.new_page(viewport={"width": round(width), "height": round(height)},
                                    device_scale_factor=scale)
            page.set_content(html, wait_until="load", timeout=timeout_s * 1000)
            page.evaluate("document.fonts.ready.then(() => true)")
            png = page.screenshot(full_page=False, timeout=timeout_s * 1000)
        finally:
            browser.close()
    return Image.open(io.BytesIO(png)).convert("RGB")


def pixel_agreement(a, b) -> dict:
    """CIEDE2000 between two same-size RGB images, pixel by pixel: ``mean_delta_e``,
    ``p95_delta_e``, ``within_3`` (share of pixels with ΔE00 ≤ 3) and ``pixels``. Each distinct
    pair of colours is computed once, so a flat UI frame costs little."""
    x = np.asarray(a.convert("RGB"), dtype=np.uint8)
    y = np.asarray(b.convert("RGB"), dtype=np.uint8)
    if x.shape != y.shape:
        raise ValueError(f"images differ in size: {x.shape[1]}×{x.shape[0]} and {y.shape[1]}×{y.shape[0]}")
    ka = (x[..., 0].astype(np.uint64) << 16) | (x[..., 1].astype(np.uint64) << 8) | x[..., 2]
    kb = (y[..., 0].astype(np.uint64) << 16) | (y[..., 1].astype(np.uint64) << 8) | y[..., 2]
    pairs, inverse = np.unique(((ka << 24) | kb).ravel(), return_inverse=True)

    def rgb(k):
        return np.stack([(k >> 16) & 255, (k >> 8) & 255, k & 255], axis=-1).astype(np.float64)

    de_pairs = ciede2000(srgb_to_lab(rgb(pairs >> 24)), srgb_to_lab(rgb(pairs & 0xFFFFFF)))
    de = de_pairs[inverse]
    return {"mean_delta_e": round(float(de.mean()), 4), "p95_delta_e": round(float(np.percentile(de, 95)), 4),
            "within_3": round(float((de <= 3).mean()), 5), "pixels": int(de.size)}


def delta_e_map(a, b) -> np.ndarray:
    """Per-pixel ΔE00 of two same-size images, ``(H, W)`` float."""
    x = srgb_to_lab(np.asarray(a.convert("RGB")))
    y = srgb_to_lab(np.asarray(b.convert("RGB")))
    return ciede2000(x, y)


def passes(agreement: dict) -> bool:
    """Whether an agreement meets `AGREEMENT_LIMITS`."""
    return (agreement["mean_delta_e"] <= AGREEMENT_LIMITS["mean_delta_e"]
            and agreement["within_3"] >= AGREEMENT_LIMITS["within_3"])
