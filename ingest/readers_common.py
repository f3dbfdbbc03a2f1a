"""Small pieces every reader of non-token files shares: the error type, PNG thumbnails, colour
specifications written in prose ("HEX #0E5E71", "RGB 14 94 113", "CMYK 88 17 0 56",
"Pantone 3155 C") and the role words brand guides use next to them.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ingest.colour import to_hex

THUMB_PX = 256  # long side of every thumbnail a reader makes


class ReadError(ValueError):
    """A file a reader refuses; the message is one line saying why (the caller adds the file)."""


def one_line(e: BaseException) -> str:
    """An exception's message as one human-readable line (at most 200 characters), or its type
    name when it has none: the first problem of a pydantic ValidationError ("colors.0.hex: Input
    should be a valid string"), a KeyError's key without quotes, and the messages of an
    exception raised with several (as fontTools adds context) joined with "; " instead of a tuple."""
    errors = getattr(e, "errors", None)
    if callable(errors) and type(e).__name__ == "ValidationError":
        try:
            first = errors()[0]
            loc = ".".join(str(p) for p in first.get("loc", ()))
            text = f"{loc}: {first.get('msg', '')}" if loc else str(first.get("msg", ""))
            return " ".join(text.split())[:200] or type(e).__name__
        except Exception:  # noqa: BLE001 - fall back to the message text
            pass
    args = getattr(e, "args", ())
    if isinstance(e, KeyError) and len(args) == 1:
        text = str(args[0])
    elif len(args) > 1 and all(isinstance(a, str) for a in args):
        text = "; ".join(args)
    else:
        text = str(e)
    lines = text.strip().splitlines()
    return lines[0][:200] if lines else type(e).__name__


def png_thumbnail(image, max_side: int = THUMB_PX) -> bytes:
    """PNG bytes of a PIL image scaled down (never up) to at most `max_side` px on the long side."""
    from PIL import Image

    im = image
    if im.mode not in ("RGB", "RGBA", "L", "LA"):
        im = im.convert("RGBA" if "A" in im.getbands() or im.mode == "P" else "RGB")
    if max(im.size) > max_side:
        im = im.copy()
        im.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    im.save(buf, format="PNG", optimize=False)
    return buf.getvalue()


# -- colour specifications written in text ----------------------------------------------------

_NUM = r"(\d{1,3}(?:\.\d+)?)"
_SEP = r"\s*[,;/ ]\s*"
# Each pattern yields one colour; `kind` decides precedence when a label gives several forms.
_PCT = _NUM + r"%?"
_SPEC_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("hex", re.compile(r"(?<![\w#])#([0-9a-f]{6}|[0-9a-f]{3})(?![0-9a-z])", re.I)),
    ("hex", re.compile(r"\b(?:hex|html|web)\s*[:=]?\s*#?([0-9a-f]{6})(?![0-9a-z])", re.I)),
    ("rgb", re.compile(r"\brgba?\(\s*" + _NUM + r"\s*,?\s*" + _NUM + r"\s*,?\s*" + _NUM
                       + r"\s*(?:[,/][^)]*)?\)", re.I)),
    ("rgb", re.compile(r"\bRGB\s*[:=]?\s*" + _NUM + _SEP + _NUM + _SEP + _NUM + r"(?![\d.])", re.I)),
    ("rgb", re.compile(r"\bR\s*[:=]?\s*" + _NUM + r"\s*,?\s*G\s*[:=]?\s*" + _NUM + r"\s*,?\s*B\s*[:=]?\s*"
                       + _NUM + r"\b")),
    ("cmyk", re.compile(r"\bcmyk\(\s*" + r"\s*,\s*".join([_PCT] * 4) + r"\s*\)", re.I)),
    ("cmyk", re.compile(r"\bCMYK\s*[:=]?\s*" + _SEP.join([_NUM] * 4) + r"(?![\d.])", re.I)),
    ("cmyk", re.compile(r"\bC\s*[:=]?\s*" + _PCT + r"\s*,?\s*M\s*[:=]?\s*" + _PCT + r"\s*,?\s*Y\s*[:=]?\s*"
                        + _PCT + r"\s*,?\s*K\s*[:=]?\s*" + _PCT + r"(?![\d.])")),
)
_PANTONE = re.compile(r"\b(?i:Pantone|PMS)\s*[:=]?\s*((?:[A-Z][a-z]+ ){0,2}\d{1,5}(?:\s?(?:CP|UP|TCX|TPX|C|U|M)\b)?"
                      r"|[A-Z][a-z]+(?: [A-Z][a-z]+)?(?:\s(?:C|U)\b)?)")
_KIND_RANK = {"hex": 0, "rgb": 1, "cmyk": 2}

# Role words a brand guide writes next to a colour, mapped to the role name `infer_roles` knows.
ROLE_WORDS: dict[str, str] = {
    "primary": "primary", "secondary": "secondary", "tertiary": "accent", "accent": "accent",
    "highlight": "accent", "background": "background", "surface": "surface", "text": "text",
    "body text": "text", "success": "success", "positive": "success", "warning": "warning",
    "error": "danger", "danger": "danger", "destructive": "danger", "info": "info",
}
_ROLE_RE = re.compile(r"\b(" + "|".join(sorted(ROLE_WORDS, key=len, reverse=True)) + r")\b", re.I)


def role_word(text: str) -> str | None:
    """The colour role a piece of text names ("Primary palette" → "primary"), or None."""
    m = _ROLE_RE.search(text)
    return ROLE_WORDS[m.group(1).lower()] if m else None


_TOKEN_LABEL = re.compile(r"^[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*$")  # "on-primary", "text-muted", "chart-1"


def is_token_label(label: str) -> bool:
    """True for labels written like token names ("primary", "text-muted", "teal-700")."""
    return bool(_TOKEN_LABEL.match(label))


@dataclass
class ColourSpec:
    """One colour written in text: its sRGB value, the label around it and where it sat."""

    rgb: tuple[int, int, int]
    kind: str  # "hex", "rgb" or "cmyk": the form the value was taken from
    label: str = ""
    pantone: str = ""
    start: int = 0  # character offset of the first value in the text
    forms: list[str] = field(default_factory=list)

    @property
    def hex(self) -> str:
        return to_hex(self.rgb)


def _value(kind: str, groups: tuple[str, ...]) -> tuple[int, int, int] | None:
    if kind == "hex":
        h = groups[0]
        if len(h) == 3:
            h = "".join(c * 2 for c in h)
        return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
    nums = [float(g) for g in groups]
    if kind == "rgb":
        if any(n > 255 for n in nums):
            return None
        return tuple(round(n) for n in nums)  # type: ignore[return-value]
    if any(n > 100 for n in nums):
        return None
    c, m, y, k = (n / 100 for n in nums)
    # Naive (profile-free) CMYK → sRGB; brand guides that give CMYK usually give HEX/RGB too.
    return tuple(round(255 * (1 - ch) * (1 - k)) for ch in (c, m, y))  # type: ignore[return-value]


def find_colour_specs(text: str) -> list[ColourSpec]:
    """Colours written in `text`, one per colour: forms of the same colour that follow one
    another ("HEX #0E5E71 RGB 14 94 113 CMYK 88 17 0 56") merge, HEX winning over RGB over
    CMYK. Labels are the words before the first value on its line, with role words kept."""
    hits: list[tuple[int, int, str, tuple[int, int, int]]] = []
    for kind, pat in _SPEC_PATTERNS:
        for m in pat.finditer(text):
            if any(m.start() < e and s < m.end() for s, e, _, _ in hits):
                continue
            rgb = _value(kind, m.groups())
            if rgb is not None:
                hits.append((m.start(), m.end(), kind, rgb))
    hits.sort()
    specs: list[ColourSpec] = []
    prev_end = 0
    for start, end, kind, rgb in hits:
        cur = specs[-1] if specs else None
        between = text[prev_end:start]
        same_colour = (cur is not None and kind not in cur.forms
                       and not re.search(r"[A-Za-z]{3,}", _strip_values(between)) and "\n\n" not in between)
        if same_colour:
            cur.forms.append(kind)
            if _KIND_RANK[kind] < _KIND_RANK[cur.kind]:
                cur.rgb, cur.kind = rgb, kind
        else:
            label = _label_before(text, start, prev_end)
            specs.append(ColourSpec(rgb=rgb, kind=kind, start=start, forms=[kind], label=label))
        prev_end = end
    for i, spec in enumerate(specs):
        stop = specs[i + 1].start if i + 1 < len(specs) else len(text)
        pm = _PANTONE.search(text, spec.start, stop)
        if pm:
            spec.pantone = "Pantone " + pm.group(1).strip()
    return specs


_VALUE_WORDS = re.compile(r"\b(?:hex|html|web|rgb|rgba|cmyk|pantone|pms|[rgbcmyk])\b|[#:=()%,;/\d.]", re.I)


def _strip_values(s: str) -> str:
    return _VALUE_WORDS.sub(" ", s)


def _label_before(text: str, start: int, prev_end: int = 0) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    label = _clean_label(text[max(line_start, prev_end):start])
    if not label and line_start > prev_end:
        # "Coral\nHEX #F2643F": the label is the line above when it holds no value
        prev_start = text.rfind("\n", prev_end, line_start - 1) + 1
        above = text[max(prev_start, prev_end):line_start - 1]
        if _VALUE_WORDS.sub("", above).strip() and len(above) <= 60:
            label = _clean_label(above)
    return label


def _clean_label(label: str) -> str:
    label = re.sub(r"[*_`>|]+", " ", label)  # markdown emphasis, quotes, table pipes
    label = re.sub(r"^\s*(?:[-+•]|\d+[.)])\s+", "", label)  # list bullets
    label = re.sub(r"\b(?:hex|html|web|rgb|cmyk)\b\s*[:=]?\s*$", "", label, flags=re.I)
    label = re.sub(r"\s+", " ", label).strip(" :=-–—,;\t")
    label = re.sub(r"^(?:and|or|&|\+|with)\s+", "", label, flags=re.I)  # "… and Paper #fff"
    return "" if label.lower() in _CONNECTORS else label


_CONNECTORS = {"and", "or", "to", "with", "vs", "&", "+", "on"}


def spec_name(spec: ColourSpec, context_role: str | None = None) -> str:
    """The FoundColor name for a spec: its label, the role of its heading when the label lacks
    one ("Harbor Teal (Primary)"), and its Pantone reference."""
    name = spec.label
    extra: list[str] = []
    if context_role and not role_word(name):
        extra.append(context_role.capitalize())
    if spec.pantone and spec.pantone.lower() not in name.lower():
        extra.append(spec.pantone)
    if extra:
        name = f"{name} ({', '.join(extra)})" if name else ", ".join(extra)
    return name


# -- fonts named in text ------------------------------------------------------------------

_SUBSET = re.compile(r"^[A-Z]{6}\+")
_STYLE_SUFFIX = re.compile(
    r"[-_, ]?(?:(?:extra|ultra|semi|demi)?(?:bold|light)|thin|hairline|regular|book|medium|black|heavy|roman|"
    r"normal|italic|oblique|it|mt|psmt|ps|variable|vf)+$", re.I)
BASE14_FAMILIES = {"helvetica", "times", "times-roman", "courier", "symbol", "zapfdingbats", "arial",
                   "timesnewroman", "couriernew"}


def family_of(font_name: str) -> str:
    """A font's family from a PDF/PostScript font name: "ABCDEF+Manrope-SemiBold" → "Manrope"."""
    name = _SUBSET.sub("", font_name.strip())
    base = name.split("-")[0] if "-" in name else name
    prev = None
    while prev != base:
        prev = base
        base = _STYLE_SUFFIX.sub("", base).strip()
    base = base or name
    if " " not in base and re.search(r"[a-z][A-Z]", base):
        # PostScript names drop spaces: use the installed family's spelling ("DejaVuSans" →
        # "DejaVu Sans"), else split the CamelCase ("SourceSansPro" → "Source Sans Pro")
        known = _known_families().get(re.sub(r"[^a-z0-9]", "", base.lower()))
        base = known or re.sub(r"(?<=[a-z])(?=[A-Z])", " ", base)
    return base


@lru_cache(maxsize=1)
def _known_families() -> dict[str, str]:
    from ingest.fonts import installed_fonts

    return {re.sub(r"[^a-z0-9]", "", f[0].lower()): f[0] for f in installed_fonts()}


def is_generic_family(family: str) -> bool:
    """True for the PDF base-14 fonts and CSS generic names (not a brand choice)."""
    f = re.sub(r"[^a-z]", "", family.lower())
    return f in BASE14_FAMILIES or f in {"sansserif", "serif", "monospace", "systemui", "cursive", "fantasy",
                                         "inherit", "initial", "helv", "tiro", "cour", "timesroman"}


_FONT_NAMED = re.compile(
    r"\b(?i:font[- ]family|type family|primary font|secondary font|brand font|typefaces|typeface|"
    r"typography|fonts|font)\s*[:=\-–—]\s*[\"']?([A-Z][\w]*(?: [A-Z][\w]*){0,3})")


def fonts_named_in(text: str) -> list[str]:
    """Families named in prose: "Typeface: Manrope", "font-family: 'Source Sans Pro', sans-serif"."""
    out: list[str] = []
    for m in _FONT_NAMED.finditer(text):
        fam = family_of(m.group(1).strip())
        words = fam.split()
        # cut trailing style words ("Manrope Bold" → "Manrope")
        while len(words) > 1 and _STYLE_SUFFIX.fullmatch(words[-1]):
            words.pop()
        fam = " ".join(words)
        if fam and not is_generic_family(fam) and fam not in out and len(fam) > 1:
            out.append(fam)
    return out


# -- colour maths on pixel arrays -----------------------------------------------------------


def lab_array(rgb):
    """sRGB 0–255 array (..., 3) → CIELAB (D65) array of the same shape (as `rgb_to_lab`)."""
    import numpy as np

    v = np.asarray(rgb, dtype=np.float64) / 255.0
    lin = np.where(v <= 0.04045, v / 12.92, ((v + 0.055) / 1.055) ** 2.4)
    m = np.array([[0.4124564 / 0.95047, 0.3575761 / 0.95047, 0.1804375 / 0.95047],
                  [0.2126729, 0.7151522, 0.0721750],
                  [0.0193339 / 1.08883, 0.1191920 / 1.08883, 0.9503041 / 1.08883]])
    xyz = lin @ m.T
    f = np.where(xyz > 216 / 24389, np.cbrt(xyz), (24389 / 27 * xyz + 16) / 116)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])], axis=-1)
