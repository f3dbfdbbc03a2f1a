"""The `DesignSystem`: what ingest makes of a design-system folder.

Every value carries its provenance (`Source`: the file and a locator inside it, such as a
token path), so a user can always find out where a colour or a size came from.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

# Semantic colour roles the engine draws with, in the order the token sheet lists them.
CORE_ROLES: tuple[str, ...] = (
    "background",
    "surface",
    "surface-muted",
    "surface-raised",  # cards, menus and dialogs that sit above the surface (elevated, overlay)
    "text",
    "text-muted",
    "primary",
    "on-primary",
    "secondary",
    "on-secondary",
    "accent",
    "on-accent",
    "border",
    "divider",
    "success",
    "on-success",
    "warning",
    "on-warning",
    "danger",
    "on-danger",
    "info",
    "on-info",
    "focus",
)


class Source(BaseModel):
    """Where a value came from: a file (relative to the folder) and a locator inside it."""

    file: str
    locator: str = ""


class Color(BaseModel):
    """A design-system colour, normalised to sRGB hex plus CIELAB (D65)."""

    name: str
    hex: str  # "#rrggbb", lower case
    alpha: float = 1.0
    lab: tuple[float, float, float]
    description: str = ""
    source: Source

    @property
    def rgb(self) -> tuple[int, int, int]:
        h = self.hex.lstrip("#")
        return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


class RoleEvidence(BaseModel):
    """One piece of evidence that a colour plays a role, with its strength and where it was found.

    Kinds, strongest first: "semantic-token" (a token named for the role, e.g.
    ``color.action.primary``), "guide" (a sentence of a PDF guide, a doc or a token description
    that says what the colour is for), "usage" (how often the system's screens and aliases use
    the colour, or its area in the system's own screenshots), "name" (a colour named like the
    role), "derived" (picked by lightness, chroma or contrast when nothing else said).
    """

    role: str
    hex: str
    kind: str
    weight: float  # higher wins; evidence of a stronger kind always outweighs a weaker kind
    text: str = ""  # the sentence, token path or rule of thumb, e.g. "Use Signal Red for alerts only."
    source: Source | None = None


class RoleAssignment(BaseModel):
    """A semantic role and the colour that plays it, with how the role was decided."""

    role: str
    color: str  # Color.name
    hex: str
    reason: str  # e.g. "token name color.role.primary", "derived: darkest neutral"
    evidence: list[RoleEvidence] = Field(default_factory=list)  # what decided it, strongest first
    lost: list[RoleEvidence] = Field(default_factory=list)  # evidence for other colours that lost


class Rule(BaseModel):
    """A do or don't the design system states, in a small vocabulary the engine and eval check.

    Kinds and their fields:
      - "color-not-large-area": ``color`` (hex) never fills large areas (backgrounds, cards);
      - "color-only-for": ``color`` is used only for ``use`` (a role such as "danger");
      - "no-text-on": text in ``color`` is never set on ``background`` (hex);
      - "min-text-size": body text is never below ``px``;
      - "min-target-size": tap targets are at least ``px``;
      - "max-primary-buttons": at most ``count`` primary buttons per view.
    """

    kind: str
    color: str = ""
    background: str = ""
    use: str = ""
    px: float = 0.0
    count: int = 0
    text: str  # the sentence as the system states it
    source: Source


class TypeStyle(BaseModel):
    """One step of the type scale."""

    name: str
    family: str
    size: float  # px
    weight: int = 400
    line_height: float  # px
    letter_spacing: float = 0.0  # px
    source: Source


class Dimension(BaseModel):
    name: str
    px: float
    source: Source


class Shadow(BaseModel):
    name: str
    color: str  # hex
    alpha: float
    offset_x: float
    offset_y: float
    blur: float
    spread: float = 0.0
    source: Source


class FontFace(BaseModel):
    """A font family the system asks for, resolved to a file on disk."""

    family: str
    weight: int
    path: str
    origin: str  # "folder", "package", "system" or "fallback"
    warning: str = ""


class Asset(BaseModel):
    """An SVG asset of the folder: the logo or an icon."""

    name: str
    kind: str  # "logo", "icon", "illustration" or "screen"
    path: str  # absolute path
    source: Source


class FailedFile(BaseModel):
    path: str
    reason: str


class DesignSystem(BaseModel):
    """Everything the engine needs to draw on-brand: palette with roles, type, space, shape."""

    name: str
    root: str
    colors: list[Color] = Field(default_factory=list)
    roles: list[RoleAssignment] = Field(default_factory=list)
    type_scale: list[TypeStyle] = Field(default_factory=list)
    spacing: list[Dimension] = Field(default_factory=list)
    radii: list[Dimension] = Field(default_factory=list)
    shadows: list[Shadow] = Field(default_factory=list)
    fonts: list[FontFace] = Field(default_factory=list)
    logo: Asset | None = None
    icons: list[Asset] = Field(default_factory=list)
    files: list[str] = Field(default_factory=list)
    failed: list[FailedFile] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    token_count: int = 0
    assets: list[Asset] = Field(default_factory=list)  # illustrations and example screens
    modes: dict[str, list[str]] = Field(default_factory=dict)  # modifier -> options, default first
    mode: dict[str, str] = Field(default_factory=dict)  # the options this design system was resolved with
    chunk_count: int = 0  # chunks in the context store
    theme: str = "light"  # "light" or "dark": the lightness of this mode's page background
    rules: list[Rule] = Field(default_factory=list)  # do's and don'ts the system states

    # -- lookups -------------------------------------------------------------------------
    def role(self, role: str) -> str:
        """Hex of the colour playing `role`; KeyError if the system has none."""
        for r in self.roles:
            if r.role == role:
                return r.hex
        raise KeyError(f"design system {self.name!r} has no colour for role {role!r}")

    def role_map(self) -> dict[str, str]:
        return {r.role: r.hex for r in self.roles}

    def palette_hexes(self) -> list[str]:
        """Every distinct opaque colour of the system (what a mock may use)."""
        seen: dict[str, None] = {}
        for c in self.colors:
            seen.setdefault(c.hex, None)
        for r in self.roles:
            seen.setdefault(r.hex, None)
        return list(seen)

    def type_style(self, name: str) -> TypeStyle:
        for t in self.type_scale:
            if t.name == name:
                return t
        raise KeyError(f"design system {self.name!r} has no type style {name!r}")

    def spacing_px(self) -> list[float]:
        return sorted({d.px for d in self.spacing})

    def radius(self, name: str, default: float = 8.0) -> float:
        for d in self.radii:
            if d.name == name:
                return d.px
        return default


# -- what readers of non-token files produce ---------------------------------------------------


class Chunk(BaseModel):
    """A piece of the design system that retrieval can return (a token group, a PDF text block,
    an image, an example screen, a doc section).

    `text` is what the text encoder embeds and what ``onbrand search`` shows; image chunks also
    carry `thumbnail` (PNG bytes, at most 256 px on the long side) for the image encoder and for
    reports. `id` is stable across ingests of the same file content: ``"<file>#<locator>"``.
    """

    model_config = {"ser_json_bytes": "base64", "val_json_bytes": "base64"}

    id: str
    kind: str  # "tokens", "pdf-text", "pdf-image", "pdf-page", "svg", "image", "screen", "doc", "font"
    text: str
    source: Source
    thumbnail: bytes | None = None
    meta: dict = Field(default_factory=dict)


class FoundColor(BaseModel):
    """A colour seen in a non-token file (a PDF swatch or colour spec, an SVG fill, a screenshot
    cluster), with how much of the file it covers and any name written next to it."""

    hex: str  # "#rrggbb"
    name: str = ""  # e.g. "Harbor Teal" from "Harbor Teal  HEX #0E5E71"
    share: float = 0.0  # fraction of the file's painted area (0 when not measured)
    how: str  # "pdf-text", "pdf-fill", "pdf-swatch", "pdf-specimen-text", "svg-fill", "svg-stroke", "svg-gradient", "raster-cluster", "doc-text"
    source: Source


class FileExtract(BaseModel):
    """Everything one non-token file contributes. Readers are pure functions of the file's
    bytes, so an extract is cached by content hash and reused while the file is unchanged."""

    kind: str  # "pdf", "svg", "raster", "font", "doc"
    colors: list[FoundColor] = Field(default_factory=list)
    chunks: list[Chunk] = Field(default_factory=list)
    font_families: list[str] = Field(default_factory=list)  # families named or embedded
    type_hints: list[TypeStyle] = Field(default_factory=list)  # e.g. type specimens in a PDF
    guidance: list[RoleEvidence] = Field(default_factory=list)  # sentences saying what a colour is for
    stated_spacing: list[Dimension] = Field(default_factory=list)  # a spacing scale the text states
    stated_radii: list[Dimension] = Field(default_factory=list)  # radii per component the text states
    rules: list[Rule] = Field(default_factory=list)  # do's and don'ts the text states
    asset: Asset | None = None  # SVGs: the classified asset (logo, icon, illustration, screen)
    warnings: list[str] = Field(default_factory=list)
