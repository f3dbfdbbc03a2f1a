"""What a design system says in words: colour uses, stated scales and do's and don'ts.

A small rule-based reader of prose (a PDF page's text, a Markdown doc, a token's
``$description``). The text is cut into sentences; each sentence is read for

- **colour uses**: a colour, named as the document names it ("Signal Red"), written as a hex
  value or as a token path, next to a use ("for primary actions", "links", "alerts only",
  "body text", "page background", "success" …) becomes `RoleEvidence(kind="guide")` with the
  sentence and its `Source`; a negated use ("never for primary actions") becomes evidence
  *against* the role (a negative weight);
- **rules** (`Rule`): "Never use Signal Red for large areas" (color-not-large-area), "Signal
  Red is for alerts only" (color-only-for), "Don't set Ink text on Harbor Teal" (no-text-on),
  "Body text is never smaller than 14 px" (min-text-size), "Touch targets are at least 44 px"
  (min-target-size), "Use one primary button per view" (max-primary-buttons);
- **scales**: a list of type steps with size and line height ("Display 48/56, H1 32/40 …") →
  `TypeStyle`s; a spacing scale ("spacing scale: 4, 8, 16, 24, 32, 48 px", "multiples of 8") →
  spacing `Dimension`s; radii per component ("buttons and inputs use a 6 px radius; cards
  12 px") → radius `Dimension`s named after the component ("button", "input", "card").

Colour names resolve to hex through the colours the same document writes next to a value
("Signal Red  #D7263D", see `colour_names`) or the token names passed in. A line that only
names a colour (a specimen: "Signal Red  HEX #D7263D") lends that colour to the lines right
below it ("Alerts and errors only."), and a token description speaks of its own token.
Sentences under a "Don't" heading are read as negated.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise

from ingest.model import Dimension, FileExtract, RoleEvidence, Rule, Source, TypeStyle
from ingest.readers_common import ROLE_WORDS, find_colour_specs

__all__ = ["Guidance", "colour_names", "extract_guidance", "folder_guidance", "rule_key", "sentences",
           "stated_type_steps"]

MAX_TEXT_CHARS = 200_000  # text read per call; guides state their rules early and briefly
MAX_SENTENCE_CHARS = 600  # longer "sentences" are tables or run-on text, not statements


@dataclass
class Guidance:
    """What one text states."""

    evidence: list[RoleEvidence] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    type_styles: list[TypeStyle] = field(default_factory=list)
    spacing: list[Dimension] = field(default_factory=list)
    radii: list[Dimension] = field(default_factory=list)

    def extend(self, other: Guidance) -> None:
        """Add what another text states: the first spacing scale stated stands, and a radius,
        type step or rule stated again is kept once (where it was first stated)."""
        self.evidence += other.evidence
        self.rules += [r for r in other.rules if rule_key(r) not in {rule_key(x) for x in self.rules}]
        names = {t.name for t in self.type_styles}
        self.type_styles += [t for t in other.type_styles if t.name not in names]
        self.spacing = self.spacing or other.spacing
        comps = {d.name for d in self.radii}
        self.radii += [d for d in other.radii if d.name not in comps]


def rule_key(r: Rule) -> tuple:
    """What makes two rules the same rule, whatever their wording and source."""
    return (r.kind, r.color, r.background, r.use, r.px, r.count)


# -- sentences ------------------------------------------------------------------------------

_BULLET = re.compile(r"^\s*(?:[-*+•▪◦–]|\d{1,2}[.)])\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_DONT_HEADING = re.compile(r"^\s*(?:#{1,6}\s*)?(?:don'?t'?s?|do not|never|avoid|dont'?s|incorrect|wrong|"
                           r"misuse|what not to do)\s*[:.!]?\s*$", re.I)
_DO_HEADING = re.compile(r"^\s*(?:#{1,6}\s*)?(?:do'?s?|correct|right|best practices?)\s*[:.!]?\s*$", re.I)
_SPLIT = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9#{`*])|(?<=[.!?])\s+[-•*]\s+")


def sentences(text: str) -> list[tuple[str, bool, bool]]:
    """(sentence, negated by a "Don't" heading, first sentence of its line) in reading order.

    Lines join into one sentence when the first does not end a sentence and the next goes on
    with it (a wrapped line); list items, headings, short lines (labels) and lines that hold a
    colour value stand alone."""
    units: list[tuple[str, bool]] = []
    negated = False
    cur: list[str] = []

    def flush() -> None:
        if cur:
            units.append((" ".join(cur), negated))
            cur.clear()

    for raw in text[:MAX_TEXT_CHARS].split("\n"):
        line = raw.strip().strip("|").strip()
        if not line:
            flush()
            continue
        if _DONT_HEADING.match(line) or _DO_HEADING.match(line):
            flush()
            negated = bool(_DONT_HEADING.match(line))
            continue
        if _HEADING.match(line):
            flush()
            negated = False
            units.append((_HEADING.sub("", line), False))
            continue
        starts_item = bool(_BULLET.match(line))
        line = _BULLET.sub("", line)
        line = re.sub(r"[*_`]+", "", line)  # markdown emphasis and code
        if cur:
            prev = cur[-1]
            ends = prev.rstrip().endswith((".", "!", "?", ":", ";"))
            short = len(prev.split()) < 4
            valued = bool(find_colour_specs(prev)) or bool(find_colour_specs(line))
            goes_on = line[:1].islower() or line[:1].isdigit() or prev.rstrip().endswith((",", "—", "–", "-"))
            if starts_item or ends or valued or (short and not goes_on) or (not goes_on and len(prev) < 50):
                flush()
        cur.append(line)
    flush()
    out: list[tuple[str, bool, bool]] = []
    for unit, neg in units:
        for i, s in enumerate(_SPLIT.split(unit)):
            s = s.strip()
            if s and len(s) <= MAX_SENTENCE_CHARS:
                out.append((s, neg, i == 0))
    return out


# -- colour mentions ------------------------------------------------------------------------

_HEX = re.compile(r"(?<![\w#])#([0-9a-f]{6}|[0-9a-f]{3})(?![0-9a-z])", re.I)
_USE_WORDS = {w for w in ROLE_WORDS} | {
    "text", "primary", "secondary", "background", "surface", "border", "divider", "link", "links", "brand",
    "accent", "focus", "muted", "success", "warning", "danger", "error", "info", "neutral", "on",
    "default", "base", "main", "color", "colour", "white text", "dark", "light"}
_BASIC = {"white": "#ffffff", "black": "#000000"}


def _hex6(h: str) -> str:
    h = h.lstrip("#").lower()
    return "#" + ("".join(c * 2 for c in h) if len(h) == 3 else h)


def colour_names(text: str) -> dict[str, str]:
    """Colour names a text writes next to a value ("Signal Red  #D7263D", "Harbor Teal: HEX
    #0E5E71") → hex. Role words in a label ("Primary — Harbor Teal") are dropped."""
    out: dict[str, str] = {}
    for spec in find_colour_specs(text[:MAX_TEXT_CHARS]):
        for name in _label_names(spec.label):
            out.setdefault(name, spec.hex)
    return out


def _label_names(label: str) -> list[str]:
    label = re.sub(r"\(.*?\)", " ", label)
    parts = re.split(r"\s+[—–-]\s+|:\s*|\s*/\s*|,\s*", label)
    out = []
    for p in [label, *parts]:
        p = re.sub(r"\s+", " ", p).strip(" :-–—")
        words = p.split()
        if not (3 <= len(p) <= 40 and 1 <= len(words) <= 4) or p.lower() in _USE_WORDS or not re.search(r"[A-Za-z]", p):
            continue
        # a name is Capitalised words ("Signal Red", "Slate 50") or a token path ("teal.700")
        if all(w[:1].isupper() or w[:1].isdigit() or re.fullmatch(r"[a-z][\w-]*[.-][\w.-]+", w) for w in words) \
                and not _uses(p):
            out.append(p)
    return out


class _Colours:
    """Finds colour mentions in a sentence: names, hex values and token paths."""

    def __init__(self, names: Mapping[str, str]):
        self.names: dict[str, str] = {}
        for n, h in {**_BASIC, **names}.items():
            key = n.strip().lower()
            if len(key) >= 3 and key not in _USE_WORDS:
                self.names[key] = _hex6(h)
        alts = sorted(self.names, key=len, reverse=True)
        self.pattern = (re.compile(r"(?<![\w.-])\{?(" + "|".join(re.escape(a) for a in alts) + r")\}?(?![\w-]|\.\w)",
                                   re.I) if alts else None)

    def find(self, s: str) -> list[tuple[int, int, str, str]]:
        """(start, end, hex, as written), in order, overlapping mentions left out."""
        hits: list[tuple[int, int, str, str]] = []
        for m in _HEX.finditer(s):
            hits.append((m.start(), m.end(), _hex6(m.group(1)), m.group(0)))
        if self.pattern is not None:
            for m in self.pattern.finditer(s):
                if not any(a < m.end() and m.start() < b for a, b, _, _ in hits):
                    hits.append((m.start(), m.end(), self.names[m.group(1).lower()], m.group(1)))
        hits.sort()
        out: list[tuple[int, int, str, str]] = []
        for h in hits:
            if out and h[2] == out[-1][2] and not re.search(r"[A-Za-z]{3,}", s[out[-1][1]:h[0]]):
                continue  # "Signal Red (#D7263D)": one mention
            out.append(h)
        return out


# -- uses -----------------------------------------------------------------------------------

# (role, pattern, weight): what a colour is for. Longer phrases are tried first; a span matched
# once is not matched again ("secondary text" is muted text, not text).
_USES: tuple[tuple[str, str, float], ...] = (
    ("text-muted", r"(?:secondary|muted|subtle|helper|supporting|placeholder|meta) (?:text|copy|labels?)", 1.0),
    ("text-muted", r"captions?|metadata|hint text", 0.8),
    ("on-primary", r"(?:text|labels?|icons?) on (?:the )?primary(?: buttons?| actions?)?", 1.0),
    ("primary", r"primary (?:actions?|buttons?|ctas?|calls? to action|interactions?|brand colou?r|colou?r)", 1.0),
    ("primary", r"calls?[- ]to[- ]action|\bctas?\b|main actions?|key actions?|interactive elements?", 1.0),
    ("primary", r"(?:hyper)?links?", 0.6),
    ("primary", r"navigation|nav ?bars?", 0.5),
    ("primary", r"primary", 0.7),
    ("secondary", r"secondary (?:actions?|buttons?|colou?r|brand colou?r)", 1.0),
    ("accent", r"accents?|highlights?|emphasis", 0.8),
    ("text", r"(?:body|running|default|main|primary|paragraph) (?:text|copy|type)|body\b", 1.0),
    ("text", r"text(?! on)|copy|typography", 0.7),
    ("background", r"(?:page|app|screen|canvas|default|main) backgrounds?|backgrounds? of (?:the |every )?"
                   r"(?:page|app|screen)s?", 1.0),
    ("background", r"backgrounds?|canvas", 0.7),
    ("surface", r"cards?|surfaces?|panels?|sheets?|containers?", 0.8),
    ("focus", r"focus(?: rings?| states?| outlines?| indicators?)?", 1.0),
    ("divider", r"dividers?|separators?|hairlines?", 1.0),
    ("border", r"borders?|outlines?|strokes?", 0.9),
    ("success", r"success(?:ful)?|confirmations?|positive|completed?|valid(?:ation)?", 1.0),
    ("warning", r"warnings?|cautions?|caution(?:ary)?", 1.0),
    ("danger", r"alerts?|errors?|dangers?|dangerous|destructive|critical|deletions?|delete|invalid|negative", 1.0),
    ("info", r"info(?:rmation(?:al)?)?|notices?|tips", 1.0),
)
_USE_RES = [(role, re.compile(r"(?<![\w-])(?:" + p + r")(?![\w-])", re.I), w) for role, p, w in _USES]

_NEG = re.compile(r"\b(?:never|not|no|nor|avoid|without|neither)\b|n['’]t\b|\bdon['’]?t\b", re.I)
_ONLY = re.compile(r"\b(?:only|exclusively|solely|reserved?|nothing (?:but|except|other than)|"
                   r"anything (?:but|except|other than)|nowhere else)\b", re.I)
_EXCEPT = re.compile(r"\b(?:anything|everything|nothing) (?:but|except|other than)\b", re.I)
_SPARING = re.compile(r"\b(?:sparingly|small (?:doses|amounts|touches|areas)|in moderation)\b", re.I)
_LARGE = re.compile(r"\b(?:large|big|wide|broad|full[- ](?:width|bleed|page|screen))\b[\w\s-]{0,20}?"
                    r"\b(?:areas?|surfaces?|fills?|blocks?|backgrounds?|panels?|regions?|expanses?|banners?|headers?)\b|"
                    r"\b(?:backgrounds?|page fills?|floods?|as a fill)\b", re.I)
_TEXTY = re.compile(r"\b(?:text|type|copy|labels?|words?|headings?|typography|lettering|letters)\b", re.I)


def _uses(s: str) -> list[tuple[int, int, str, float]]:
    """(start, end, role, weight) of every use phrase, no two overlapping."""
    out: list[tuple[int, int, str, float]] = []
    for role, pat, w in _USE_RES:
        for m in pat.finditer(s):
            if not any(a < m.end() and m.start() < b for a, b, _, _ in out):
                out.append((m.start(), m.end(), role, w))
    return sorted(out)


def _clauses(s: str) -> list[tuple[int, int]]:
    """Spans of a sentence's clauses: cut at ";" and at ", but / while / whereas"."""
    cuts = [0]
    for m in re.finditer(r";|\s[—–]\s|,\s*(?:but|while|whereas|and)\s|\bwhile\b|\bwhereas\b", s):
        cuts.append(m.start())
    cuts.append(len(s))
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


# -- rules ----------------------------------------------------------------------------------

_NUMBER_WORDS = {"one": 1, "a single": 1, "single": 1, "a": 1, "1": 1, "two": 2, "2": 2, "three": 3, "3": 3,
                 "four": 4, "4": 4}
_PX = r"(\d{1,3}(?:\.\d+)?)\s*(?:[×x]\s*\d{1,3}(?:\.\d+)?\s*)?(?:px|pt|dp|points?|pixels?)\b"
_AT_LEAST = re.compile(r"\b(?:at least|minimum(?: of)?|min\.?|no (?:smaller|less|lower) than|not (?:smaller|less|lower)"
                       r" than|never (?:smaller|less|lower|below|under)(?: than)?|never go below|not below|"
                       r"or (?:more|larger|bigger|above))\b|≥", re.I)
_BELOW = re.compile(r"\b(?:below|under|smaller than|less than|lower than)\s+" + _PX, re.I)
_TARGET = re.compile(r"\b(?:(?:touch|tap|click|hit|pointer)[- ]?(?:targets?|areas?|zones?)|tappable|touchable|"
                     r"clickable|(?:interactive|tap) (?:elements?|controls?|targets?)|targets?)\b", re.I)
_TEXT_SIZE = re.compile(r"\b(?:body text|body copy|text|type|copy|font(?:[- ]sizes?)?|type sizes?|text sizes?|"
                        r"captions?|labels?)\b", re.I)
_NOT_TEXT = re.compile(r"\b(?:logo|logos|icons?|symbol|wordmark|image|print|mm)\b", re.I)
_PRIMARY_BUTTONS = re.compile(
    r"(?:(no more than|at most|never more than|not more than|maximum of|max\.?|up to|only|just|more than)\s+)?"
    r"\b(one|two|three|four|a single|single|a|[1-4])\s+(?:\w+\s+)?primary\s+(?:buttons?|actions?|ctas?|calls? to action)",
    re.I)
_PER_VIEW = re.compile(r"\b(?:per|each|every|one|a|any|on|in)\s+(?:\w+\s+)?(?:views?|screens?|pages?|dialogs?|forms?|"
                       r"sections?|modals?|layouts?|surfaces?)\b|\b(?:each|every)\s+(?:views?|screens?|pages?)\b", re.I)


def _rule_sizes(s: str, source: Source) -> list[Rule]:
    out: list[Rule] = []
    px: float | None = None
    m = _AT_LEAST.search(s)
    if m:
        n = re.search(_PX, s[m.end():]) or re.search(_PX, s)
        if n:
            px = float(n.group(1))
    if px is None:
        b = _BELOW.search(s)
        if b and _NEG.search(s):
            px = float(b.group(1))
    if px is None or not 4 <= px <= 200:
        return out
    if _TARGET.search(s):
        out.append(Rule(kind="min-target-size", px=px, text=s, source=source))
    elif _TEXT_SIZE.search(s) and not _NOT_TEXT.search(s):
        out.append(Rule(kind="min-text-size", px=px, text=s, source=source))
    return out


def _rule_primary_buttons(s: str, source: Source) -> list[Rule]:
    m = _PRIMARY_BUTTONS.search(s)
    if not m or not _PER_VIEW.search(s[m.end():] + " " + s[:m.start()]):
        return []
    qual, num = (m.group(1) or "").lower(), m.group(2).lower()
    n = _NUMBER_WORDS.get(num)
    if n is None:
        return []
    if num == "a" and not qual:
        qual = "only" if re.search(r"\bonly\b", s, re.I) else ""
        if not qual:
            return []
    if qual == "more than" and not _NEG.search(s[:m.start()]):
        return []
    return [Rule(kind="max-primary-buttons", count=n, text=s, source=source)]


# -- scales ---------------------------------------------------------------------------------

_STEP = (r"(display(?:\s*(?:large|small|lg|sm|[1-3]))?|h[1-6]|heading\s*[1-6]|headline\s*[1-6]?|headings?|title|"
         r"subtitle|subheading|sub-heading|lead|body(?:\s*(?:large|small|lg|sm|strong|bold))?|small|caption|"
         r"label|overline|button|footnote|micro)")
_TYPE_STEP = re.compile(r"(?<![\w-])" + _STEP + r"\s*(?:text\s*)?[:=\-–—]?\s*(\d{1,3}(?:\.\d+)?)\s*(?:px|pt)?\s*"
                        r"(?:/|on|over|with)\s*(\d{1,3}(?:\.\d+)?)\s*(?:px|pt)?", re.I)
_STEP_NAMES = {"heading": "h1", "headings": "h1", "headline": "h1", "subheading": "title", "sub-heading": "title",
               "subtitle": "title", "lead": "body-lg", "body large": "body-lg", "body lg": "body-lg",
               "body small": "small", "body sm": "small", "body strong": "body-strong", "body bold": "body-strong",
               "footnote": "caption", "micro": "caption", "display large": "display", "display lg": "display"}


def _step_name(raw: str) -> str:
    t = re.sub(r"\s+", " ", raw.strip().lower())
    m = re.fullmatch(r"(?:heading|headline) ?([1-6])", t)
    if m:
        return f"h{m.group(1)}"
    return _STEP_NAMES.get(t, t.replace(" ", "-"))


def stated_type_steps(s: str) -> list[tuple[str, float, float]]:
    """(step, size px, line height px) of every step a text states as "Name size/line-height"."""
    out: list[tuple[str, float, float]] = []
    seen: set[str] = set()
    for m in _TYPE_STEP.finditer(s):
        name, size, lh = _step_name(m.group(1)), float(m.group(2)), float(m.group(3))
        if name in seen or not 6 <= size <= 200 or not size * 0.8 <= lh <= size * 3:
            continue
        seen.add(name)
        out.append((name, size, lh))
    return out


_WEIGHT_OF = {"display": 700, "h1": 700, "h2": 700, "h3": 600, "h4": 600, "h5": 600, "h6": 600, "title": 600,
              "label": 600, "button": 600, "body-strong": 600}
_SPACE_WORDS = re.compile(r"\b(?:spacing|space|spaces|spacers?|gaps?|gutters?|padding|margins?|grid|rhythm|"
                          r"increments?|base unit|steps of)\b", re.I)
_MULTIPLES = re.compile(r"\b(?:multiples? of|increments? of|steps of|(?:on|to) an?)\s*(\d{1,2})\s*(?:px|pt)?"
                        r"|\b(\d{1,2})\s*(?:px|pt)\s*(?:grid|base unit|increments?|baseline grid|spacing unit)\b", re.I)
_NUM_LIST = re.compile(r"(?<![\w./#×-])(\d{1,3})(?:\s*(?:px|pt))?(?![\w/×%-]|\.\d|\s*[×x%]\s*\d|\s*/\s*\d)", re.I)
_LIST_GAP = re.compile(r"\s*(?:px|pt)?\s*(?:[,;·/→]|\band\b|\bor\b|,\s*and\b)?\s*", re.I)
_NAMED_VALUE = re.compile(r"(?<![\w-])([a-z0-9]{1,4}|[23]?x[sl])\s*[:=]?\s*(\d{1,3})\s*(?:px|pt)\b", re.I)

_RADIUS_WORDS = re.compile(r"\b(?:radius|radii|rounded|rounding|round|corners?|pill|pills)\b", re.I)
_COMPONENTS = (("button", r"buttons?|ctas?"), ("input", r"inputs?|text ?fields?|form fields?|fields?|text ?boxes?"),
               ("card", r"cards?"), ("chip", r"chips?"), ("tag", r"tags?"), ("badge", r"badges?"),
               ("modal", r"modals?"), ("dialog", r"dialogs?"), ("sheet", r"sheets?"), ("tooltip", r"tooltips?"),
               ("menu", r"menus?|dropdowns?|popovers?"), ("avatar", r"avatars?"), ("image", r"images?|photos?"),
               ("control", r"controls?"), ("panel", r"panels?"), ("tile", r"tiles?"), ("toast", r"toasts?"),
               ("banner", r"banners?"), ("container", r"containers?"), ("checkbox", r"checkbox(?:es)?"),
               ("select", r"selects?"), ("table", r"tables?"))
_COMPONENT_RES = [(n, re.compile(r"(?<![\w-])(?:" + p + r")(?![\w-])", re.I)) for n, p in _COMPONENTS]
_PX_VAL = re.compile(r"(?<![\w.])(\d{1,4}(?:\.\d+)?)\s*(?:px|pt|dp)\b", re.I)


def _spacing(s: str, source: Source) -> list[Dimension]:
    if not _SPACE_WORDS.search(s) or _RADIUS_WORDS.search(s):
        return []
    named = _NAMED_VALUE.findall(s)
    # the longest run of numbers written as a list ("4, 8, 16 and 24 px"), not numbers in prose
    runs: list[list[float]] = []
    prev_end = -1
    for m in _NUM_LIST.finditer(s):
        if runs and _LIST_GAP.fullmatch(s[prev_end:m.start()]):
            runs[-1].append(float(m.group(1)))
        else:
            runs.append([float(m.group(1))])
        prev_end = m.end()
    nums = max(runs, key=len) if runs else []
    values = sorted({v for v in nums if 0 < v <= 256})
    base = _MULTIPLES.search(s)
    if len(values) < 3 and base:
        unit = float(base.group(1) or base.group(2))
        if 2 <= unit <= 32:
            values = [unit * k for k in (1, 2, 3, 4, 6, 8)]
    if len(values) < 3:
        return []
    names = {float(v): n for n, v in named}
    use_names = all(v in names for v in values) and len({names[v] for v in values}) == len(values) \
        and not all(names[v].isdigit() for v in values)
    return [Dimension(name=names[v] if use_names else str(i + 1), px=v, source=source) for i, v in enumerate(values)]


def _radii(s: str, source: Source) -> list[Dimension]:
    if not _RADIUS_WORDS.search(s):
        return []
    out: dict[str, Dimension] = {}
    pending: list[str] = []
    for piece in re.split(r";|,\s*(?:and\s+|while\s+|whereas\s+)?|\s[—–]\s|\bwhile\b|\bwhereas\b", s):
        comps = []
        for name, pat in _COMPONENT_RES:
            for m in pat.finditer(piece):
                comps.append((m.start(), name))
        comps = [n for _, n in sorted(comps)]
        vals = _PX_VAL.findall(piece)
        px = float(vals[0]) if vals else (999.0 if re.search(r"\bpill|fully rounded\b", piece, re.I) else None)
        if px is None:
            pending += comps
            continue
        for name in (comps or pending):
            if name not in out and 0 <= px <= 10_000:
                out[name] = Dimension(name=name, px=px, source=source)
        pending = []
    return list(out.values())


# -- the extractor --------------------------------------------------------------------------


def extract_guidance(text: str, source: Source, colours: Mapping[str, str] | None = None,
                     subject: tuple[str, str] | None = None, family: str = "sans-serif") -> Guidance:
    """Everything `text` states. `colours` maps names and token paths to hex (the document's
    own specimens are added, see `colour_names`); `subject` is (name, hex) of the colour the
    text is about when a sentence names none (a token's description). `family` is the font of
    stated type steps."""
    names = dict(colour_names(text))
    for k, v in (colours or {}).items():
        names.setdefault(k, v)
    finder = _Colours(names)
    out = Guidance()
    carried: str | None = subject[1] if subject else None
    for sent, under_dont, _first in sentences(text):
        mentions = finder.find(sent)
        # a specimen line ("Signal Red  HEX #D7263D") lends its colour to the lines below it
        rest = sent
        for a, b, _, _ in reversed(mentions):
            rest = rest[:a] + " " + rest[b:]
        rest_words = re.findall(r"[A-Za-z]{2,}", re.sub(r"\b(?:hex|rgb|cmyk|pantone|pms)\b.*", "", rest, flags=re.I))
        specimen = (len({h for _, _, h, _ in mentions}) == 1 and len(rest_words) <= 2 and not _uses(rest)
                    and not _NEG.search(rest) and not re.search(r"\b(?:on|for|use|is|are)\b", rest, re.I))
        if specimen:
            carried = mentions[0][2]
            continue
        default = carried if not mentions else None
        out.extend(_read_sentence(sent, mentions, under_dont, source, default, family))
        if mentions and subject is None:
            carried = None
    return out


def _read_sentence(s: str, mentions: list[tuple[int, int, str, str]], under_dont: bool, source: Source,
                   default: str | None, family: str) -> Guidance:
    g = Guidance()
    steps = stated_type_steps(s)
    if len(steps) >= 2:
        for name, size, lh in steps:
            g.type_styles.append(TypeStyle(name=name, family=family, size=size, weight=_WEIGHT_OF.get(name, 400),
                                           line_height=lh, source=Source(file=source.file, locator=_loc(source, s))))
        return g
    g.spacing = _spacing(s, Source(file=source.file, locator=_loc(source, s)))
    g.radii = _radii(s, Source(file=source.file, locator=_loc(source, s)))
    g.rules += _rule_sizes(s, source)
    g.rules += _rule_primary_buttons(s, source)
    if g.spacing or g.radii or any(r.kind in ("min-text-size", "min-target-size") for r in g.rules):
        return g
    negated_all = under_dont
    hexes = [h for _, _, h, _ in mentions]
    # no text of one colour on another
    if len(set(hexes)) >= 2 and (negated_all or _NEG.search(s)):
        for (_a0, a1, h1, _), (b0, _b1, h2, _) in pairwise(mentions):
            between = s[a1:b0]
            if h1 != h2 and (re.search(r"\b(?:on|over|against|atop)\b", between, re.I)
                             or re.search(r"\bwith\b", between, re.I) and re.search(r"background|fill", s[b0:], re.I)):
                if _TEXTY.search(s) or re.search(r"\b(?:on|over|against)\b", between, re.I):
                    g.rules.append(Rule(kind="no-text-on", color=h1, background=h2, text=s, source=source))
        if g.rules:
            return g
    if not mentions and default is None:
        return g
    for c0, c1 in _clauses(s):
        clause = s[c0:c1]
        cm = [(a - c0, b - c0, h, w) for a, b, h, w in mentions if c0 <= a < c1]
        if not cm:
            if default is None:
                continue
            cm = [(0, 0, default, "")]
        else:
            default = cm[-1][2]
        neg = negated_all or bool(_NEG.search(clause))
        except_ = bool(_EXCEPT.search(clause))
        only = bool(_ONLY.search(clause)) or except_
        if except_:
            neg = False
        large = [(m.start(), m.end()) for m in _LARGE.finditer(clause)]
        sparing = _SPARING.search(clause)
        if (neg and large) or sparing:
            # the colour the words are about: the one named nearest before them (within a few
            # words), else the first one the clause names
            at = sparing.start() if sparing and not (neg and large) else large[0][0]
            near = [m for m in cm if m[1] <= at and at - m[1] <= 80]
            owner_l = near[-1] if near else (cm[0] if not sparing or (neg and large) or len(cm) == 1
                                               and cm[0][0] >= at else None)
            if owner_l is not None:
                g.rules.append(Rule(kind="color-not-large-area", color=owner_l[2], text=s, source=source))
        uses = [u for u in _uses(clause) if not (neg and any(a <= u[0] < b for a, b in large))]
        for u0, u1, role, w in uses:
            # the colour the use belongs to: the nearest mention before it, else the first after it
            before = [m for m in cm if m[1] <= u0]
            owner = before[-1] if before else cm[0]
            # what the owner's stretch of the clause says (up to the next colour named)
            k = cm.index(owner)
            seg_start = owner[0] if k else 0
            seg = clause[seg_start:(cm[k + 1][0] if k + 1 < len(cm) else len(clause))]
            only = bool(_ONLY.search(seg)) or except_
            negated = not only and (under_dont or (neg and _negated_before(clause, seg_start, u0)))
            ev = RoleEvidence(role=role, hex=owner[2], kind="guide", weight=-w if negated else w,
                              text=s, source=source)
            if not any(e.role == ev.role and e.hex == ev.hex and (e.weight > 0) == (ev.weight > 0) for e in g.evidence):
                g.evidence.append(ev)
            if only and not negated and role not in ("on-primary",):
                if not any(r.kind == "color-only-for" and r.color == owner[2] for r in g.rules):
                    g.rules.append(Rule(kind="color-only-for", color=owner[2], use=role, text=s, source=source))
    # "Reserve Signal Red for alerts and errors": one use, stated twice, is one rule
    return g


def _negated_before(clause: str, start: int, u0: int) -> bool:
    """A negation between the sentence start (or the colour) and the use, or right after it."""
    return bool(_NEG.search(clause[start:u0])) or bool(re.match(r"[\s,]*(?:never|not)\b", clause[u0:], re.I))


def _loc(source: Source, s: str) -> str:
    short = s if len(s) <= 40 else s[:37] + "…"
    return f"{source.locator}, text {short!r}" if source.locator else f"text {short!r}"


# -- a folder's guidance --------------------------------------------------------------------

_TOKEN_PATH = re.compile(r"(?<![\w.-])\{?([A-Za-z][\w-]*(?:\.[\w-]+)+)\}?")


def folder_guidance(extracts: Mapping[str, FileExtract], tokens: list, colors: list) -> tuple[
        list[RoleEvidence], list[Rule]]:
    """All role evidence and rules a folder states: its readers' (PDF guides, docs), its
    tokens' descriptions (a description speaks of its own token: "Use for alerts only"), and
    sentences of guides and docs that name a colour by its token path ("`color.brand.red` is
    for alerts only"), which a reader alone cannot resolve. Rules are deduplicated (`rule_key`),
    evidence by colour, role, sense and sentence."""
    evidence: list[RoleEvidence] = []
    rules: list[Rule] = []
    for rel in sorted(extracts):
        ex = extracts[rel]
        evidence += ex.guidance
        rules += ex.rules
    path_hex = {c.name: c.hex for c in colors if getattr(c, "alpha", 1.0) >= 0.999}
    for t in tokens:
        desc = t.description if isinstance(t.description, str) else ""
        if not desc.strip():
            continue
        src = Source(file=t.file, locator=t.path)
        subject = (t.path, path_hex[t.path]) if t.path in path_hex else None
        named = {p: path_hex[p] for p in _TOKEN_PATH.findall(desc) if p in path_hex}
        g = extract_guidance(desc[:2000], src, named, subject=subject)
        evidence += g.evidence
        rules += g.rules
    if path_hex:
        for rel in sorted(extracts):
            for ch in extracts[rel].chunks:
                if ch.kind not in ("pdf-text", "doc") or ch.meta.get("scale"):
                    continue
                named = {p: path_hex[p] for p in _TOKEN_PATH.findall(ch.text) if p in path_hex}
                if named:
                    # only what the token paths add: the reader read the rest of the text
                    hexes = set(named.values())
                    g = extract_guidance(ch.text, ch.source, {**colour_names(ch.text), **named})
                    evidence += [e for e in g.evidence if e.hex in hexes]
                    rules += [r for r in g.rules if r.color in hexes or r.background in hexes]
    seen_ev: set[tuple] = set()
    out_ev = []
    for e in evidence:
        k = (e.role, e.hex, e.weight > 0, e.text)
        if k not in seen_ev:
            seen_ev.add(k)
            out_ev.append(e)
    seen_rules: set[tuple] = set()
    out_rules = []
    for r in rules:
        if rule_key(r) not in seen_rules:
            seen_rules.add(rule_key(r))
            out_rules.append(r)
    return out_ev, out_rules
