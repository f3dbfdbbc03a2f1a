"""Conditioning: what the generator is told about the prompt and the design system.

`build_conditioning` reads the prompt (which page archetype it asks for, how dense, which
domain words it names) and the DesignSystem (palette roles in CIELAB, type scale, spacing
unit, corner radius, logo and icon set) into one `Conditioning` record. The record keeps the
provenance of every design value it passes on, so a generation can say what it was built from.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from conditioning.retrieval import Retrieved
from ingest.model import DesignSystem

# archetype -> phrases that ask for it (matched as substrings of the lower-cased prompt)
ARCHETYPES: dict[str, tuple[str, ...]] = {
    "checkout": ("checkout", "payment", "order summary", "cart", "billing address", "pay "),
    "sign-in": ("sign in", "sign-in", "signin", "login", "log in", "sign up", "signup", "register", "password"),
    "settings": ("settings", "preferences", "profile", "account", "notification"),
    "products": ("product", "catalog", "catalogue", "shop", "store", "listing", "grid", "ecommerce", "e-commerce"),
    "orders": ("orders", "table", "admin", "customers", "invoices", "transactions", "list of", "inventory"),
    "dashboard": ("dashboard", "analytics", "overview", "metrics", "kpi", "report", "stats", "revenue"),
}
_DENSE = ("dense", "compact", "data-heavy", "power user")
_AIRY = ("airy", "spacious", "minimal", "clean", "simple")


def archetype_scores(prompt: str) -> dict[str, int]:
    """Score of each archetype: total length of its phrases found in the prompt."""
    p = " " + re.sub(r"\s+", " ", prompt.lower()) + " "
    return {name: sum(len(w) for w in words if w in p) for name, words in ARCHETYPES.items()}


def choose_archetype(prompt: str) -> str:
    """The best-scoring archetype; "dashboard" when the prompt names none."""
    scores = archetype_scores(prompt)
    best = max(scores, key=lambda k: (scores[k], k == "dashboard"))
    return best if scores[best] > 0 else "dashboard"


class Conditioning(BaseModel):
    prompt: str
    archetype: str
    archetype_scores: dict[str, int]
    density: str  # "compact", "regular" or "comfortable"
    palette_lab: dict[str, tuple[float, float, float]]
    type_sizes: list[float]
    spacing_unit: float
    radius: float
    has_logo: bool
    icon_names: list[str]
    retrieved: list[Retrieved] = Field(default_factory=list)


def build_conditioning(ds: DesignSystem, prompt: str, store=None, budget_tokens: int = 512) -> Conditioning:
    """The conditioning record of `prompt` on `ds`. With a `ContextStore`, the chunks
    `conditioning.retrieval.retrieve` picks within `budget_tokens` are added to `retrieved`
    after the design values."""
    p = prompt.lower()
    density = "compact" if any(w in p for w in _DENSE) else "comfortable" if any(w in p for w in _AIRY) else "regular"
    by_name = {c.name: c for c in ds.colors}
    retrieved: list[Retrieved] = []
    lab: dict[str, tuple[float, float, float]] = {}
    for r in ds.roles:
        c = by_name.get(r.color)
        if c is None:
            continue
        lab[r.role] = c.lab
        retrieved.append(Retrieved(kind="color", name=r.role, value=r.hex, source=c.source.file, locator=c.source.locator))
    for t in ds.type_scale:
        retrieved.append(Retrieved(kind="type", name=t.name, value=f"{t.family} {t.weight} {t.size:g}/{t.line_height:g}px",
                                   source=t.source.file, locator=t.source.locator))
    spacing = [d for d in ds.spacing if d.px > 0]
    unit = min((d.px for d in spacing), default=4.0)
    for d in spacing:
        retrieved.append(Retrieved(kind="spacing", name=d.name, value=f"{d.px:g}px", source=d.source.file,
                                   locator=d.source.locator))
    radius = ds.radius("md")
    for d in ds.radii:
        retrieved.append(Retrieved(kind="radius", name=d.name, value=f"{d.px:g}px", source=d.source.file,
                                   locator=d.source.locator))
    if ds.logo:
        retrieved.append(Retrieved(kind="logo", name=ds.logo.name, value="svg", source=ds.logo.source.file))
    if ds.icons:
        retrieved.append(Retrieved(kind="icons", name=f"{len(ds.icons)} icons", value="svg",
                                   source=ds.icons[0].source.file.rsplit("/", 1)[0]))
    if store is not None:
        from conditioning.retrieval import (
            retrieve,  # faiss and the encoders load on first use
        )

        retrieved += retrieve(store, prompt, budget_tokens=budget_tokens)
    return Conditioning(
        prompt=prompt,
        archetype=choose_archetype(prompt),
        archetype_scores=archetype_scores(prompt),
        density=density,
        palette_lab=lab,
        type_sizes=sorted({t.size for t in ds.type_scale}, reverse=True),
        spacing_unit=unit,
        radius=radius,
        has_logo=ds.logo is not None,
        icon_names=sorted(a.name for a in ds.icons),
        retrieved=retrieved,
    )
