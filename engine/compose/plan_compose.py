"""The plan composer: draw any planned screen, whatever page type it is.

`compose_plan(plan, width, height, theme, seed, device)` lays out the sections of a page plan
(`conditioning.plan.Plan`: element kinds, counts, named labels, titles and position hints) with
the flex layout, inside an app shell that suits the device: a sidebar (an icon rail on tablets)
and a top bar on desktop, an app bar and a bottom tab bar on a phone. Each section becomes the
kind it names, `count` times for things one counts (six participant tiles, three columns) or
with `count` entries for collections (eight list rows, five tabs), titled and labelled with the
words the prompt gave, as written; a ``"section"`` (a noun no kind matches) becomes a titled
card. Copy comes from `engine.compose.open_copy` for the plan's domain.

Where a section goes:

- ``overlay``: dialogs, sheets, toasts and menus, drawn over the page (modals on their scrim);
- ``top`` / ``header``: above the body, under the page title; ``bottom``: a bar under the body
  (a player's controls, a call's buttons), on a phone above the tab bar;
- ``left`` / ``sidebar`` and ``right``: side columns on desktop and tablet, in order on a phone;
- ``main``: the body. The largest things (a map, a board, a video grid, a table, a chart, code)
  share the centre; lists, comments and details go to a right column beside them on wide
  screens; filters, tabs and chips form a toolbar above; stat tiles a row; buttons the header's
  actions, with one primary action per screen.

Nothing is drawn that the plan does not ask for, besides what every screen has: its title and
one primary action (the first named button, else the domain's or the board's own: "New deal" on a
deals pipeline). A list's or table's rows are the records its noun names (`OpenCopy.records`:
ingredients with quantities, numbered steps, episodes, departures, line items whose summary adds
them up), a named figure ("available balance") shows its own value, and a seat map is a grid of
seats. A page of one collection reads to its foot (enough rows); a desktop or tablet page of a few
small sections is one centred column with the header on its edges.

Every element a section produced carries ``props["plan_section"]`` (the section's index), so
a test or a caller can find what each section became.
"""

from __future__ import annotations

import datetime
import math
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from conditioning.plan import DAY_NAMES, FIELD_LABELS, MONTH_NAMES
from engine.compose.composer import scaled_scene
from engine.compose.domain_copy import open_domain
from engine.compose.open_copy import (
    NOUN_RECORDS,
    OCCURRENCE_NOUNS,
    PEOPLE_NOUNS,
    PLACE_NOUNS,
    SUBJECTS,
    VES_SINGULARS,
    UNIT_NOUNS,
    OpenCopy,
    choices_for,
    domain_of,
    group_tasks,
    named_sort,
    noun_of,
    temperature_range,
    own_noun,
    record_kind,
    singular,
)
from engine.compose.parts import (
    PageContext,
    appbar,
    button,
    card,
    check,
    el,
    grid,
    heading,
    sidebar,
    spacer,
    tabbar,
    text,
    topbar,
    with_text,
)
from engine.compose.parts import field as field_node
from engine.render.components import product_shape
from engine.render.status import status_role
from engine.layout import flex as L
from engine.layout.flex import Node, col, fill, fixed, hug, row
from scene.devices import DEVICES, device_for_size
from scene.model import KINDS, Scene

__all__ = ["COLLECTION_KINDS", "compose_plan", "section_texts"]

#: Kinds whose `count` is the number of entries in one element (rows of a list or table, tabs
#: of a tab bar, events of a timeline); for every other kind it is the number of elements.
COLLECTION_KINDS = frozenset({"list", "table", "tabs", "breadcrumb", "segmented", "timeline", "accordion", "menu",
                              "tree", "description_list", "avatar_group", "stories", "media_controls", "calendar",
                              "section", "code", "bottom_sheet", "pagination"})
#: Kinds that take the centre of the body and its free height.
HERO = ("map", "video", "kanban_column", "table", "calendar", "chart", "code", "image", "card", "gauge",
        "skeleton", "dropzone")
#: Small controls: half a section when the composer judges whether a plan is sparse.
SMALL = ("stepper", "slider", "rating", "date_picker", "time_picker", "toggle", "checkbox", "radio", "input",
         "select", "avatar", "icon", "logo", "divider", "progress", "heading", "text", "alert", "file_tile")
#: Kinds that sit beside the centre on wide screens (a right column), or make the centre alone.
ASIDE = ("list", "list_item", "comment", "description_list", "timeline", "accordion", "tree", "section",
         "avatar_group", "progress", "progress_ring", "rating", "alert", "text", "heading", "date_picker",
         "time_picker", "input", "select", "checkbox", "radio", "toggle", "slider", "stepper", "avatar", "icon",
         "logo", "divider", "stories")
#: Kinds of a toolbar row above the centre (filters, tabs, chips).
TOOLBAR = ("tabs", "segmented", "chip", "search", "badge", "breadcrumb")
#: Overlay kinds: drawn over the page whatever position the plan gave them.
OVERLAYS = ("modal", "toast", "bottom_sheet", "menu", "tooltip")
#: Words of a button label that make it destructive (red), not primary.
_DESTRUCTIVE = ("leave", "end call", "delete", "remove", "hang up", "cancel subscription", "decline")
#: "Leave" leads the label ("Leave call"); "Request leave" asks for time off.
_DESTRUCTIVE_RE = re.compile(r"^\s*leave\b|\b(" + "|".join(w for w in _DESTRUCTIVE if w != "leave") + r")\b",
                             re.IGNORECASE)


def _destructive(label: str) -> bool:
    """Whether a button's label destroys or leaves something, as whole words ("Send call sheet"
    does not end a call)."""
    return _DESTRUCTIVE_RE.search(label) is not None


@dataclass
class _Ctx:
    device: str
    plan: Any
    copy: OpenCopy
    page: PageContext
    rng: random.Random
    primary_taken: bool = False
    title: str = ""
    page_noun: str = ""  # the words that name the page (`_page_noun`)
    notes: list[str] = field(default_factory=list)
    rows: int = 0  # rows of a list or table when the page holds few sections (they read to its foot)
    sparse: bool = False  # few body sections and no large one: a centred column, not the full width
    content: Node | None = None  # a phone's content column
    actions: list[Node] = field(default_factory=list)  # a phone's named buttons, in its content column
    record: tuple[str, str, str] | None = None  # the one record a record page is about (`_record_page`)
    subject: str = ""  # the prompt without the names it gives its elements (`_subject`)
    row_action: str = ""  # a named button that acts on one record ("Reserve"): drawn on each (`_row_action`)
    select_first: bool = False  # a side panel acts on one row of the page's table: its first, highlighted
    picked: tuple[list[str], list[str]] | None = None  # that row: the table's columns and its cells
    counted: list[tuple[int, str]] = field(default_factory=list)  # rows of each list and table, and its title
    scores: list[int] = field(default_factory=list)  # the scores out of ten the page's sliders give
    player: dict | None = None  # the props of the page's media player
    playable: list[Node] = field(default_factory=list)  # the rows of the page's first list
    settings: list[tuple[str, str]] = field(default_factory=list)  # a slider's words and the value it shows
    quantities: list[tuple[str, int]] = field(default_factory=list)  # named steppers and their counts
    priced: tuple[str, float, str] | None = None  # the chosen priced option: its name, price and period
    picked_table: Node | None = None  # the table whose first row is picked
    crowded: bool = False  # the page holds more than one large or side section
    alone: bool = False  # the page's body is one section
    day: tuple[int, int, int] | None = None  # the day a calendar or date field shows picked (year, month, day)
    own: list[str] | None = None  # the page's nouns no copy domain writes (`_own_nouns`), once read

    @property
    def mobile(self) -> bool:
        return self.device == "mobile"

    @property
    def desktop(self) -> bool:
        return self.device == "desktop"

    def pick(self, desktop, tablet, mobile):
        return {"desktop": desktop, "tablet": tablet, "mobile": mobile}[self.device]


def _has(kind: str) -> bool:
    return kind in KINDS


# -- page title and copy ----------------------------------------------------------------------------
_HEAD_CUT = re.compile(r"\b(with|showing|that|which|where|including|listing|for|of)\b|,|;| - ")
#: How a request may open ("I need a screen for", "design a", "can you make me a mock of"): not the page's name.
_REQUEST_LEAD = re.compile(
    r"^\s*(?:please\s+|hey,?\s+|can you\s+|could you\s+)*(?:(?:i|we)\s+(?:need|want|would like|'d like)"
    r"|(?:give|show|make|get)(?:\s+(?:me|us))?|create|design|build|draw|generate|mock\s+up|sketch|render)"
    r"(?:\s+(?:me|us))?\s+(?:a|an|the)\s+(?:(?:new\s+)?(?:screen|page|mock|mockup|ui|view|design|layout)"
    r"\s+(?:for|of)\s+(?:(?:a|an|the|my|our)\s+)?)?", re.IGNORECASE)
_GENERIC_TITLE = ("music", "video", "travel", "weather", "hotel")
#: Keywords many kinds of page share ("dentist booking" is no hotel): they do not name the app.
_TITLE_FILLER = {"a", "an", "the", "my", "app", "application", "page", "screen", "home", "homepage", "mobile",
                 "desktop", "tablet", "view", "ui", "booking", "search", "results", "dashboard", "main", "player",
                 "now", "playing", "forecast", "today", "weekly", "daily", "detail", "details", "list", "overview"}
_WEAK_KEYWORDS = {"booking", "room", "guest", "stay", "call", "stream", "player", "card", "payment", "check-in"}


def _page_head(prompt: str) -> str:
    """What the prompt names the page, as written: the words before what it holds, without how the
    request opens ("I need a screen for …")."""
    return _HEAD_CUT.split(_REQUEST_LEAD.sub("", prompt.strip()), maxsplit=1)[0]


def _head_words(head: str, skip: frozenset[str] | set[str]) -> list[str]:
    return [w for w in re.findall(r"[a-z][a-z'\-]+", head.lower()) if w not in skip]


def _all_known(words: list[str], vocab) -> bool:
    """Whether each word is one of `vocab` or starts or ends one ("flight" / "flights")."""
    return all(any(w.startswith(k) or k.startswith(w) for k in vocab) for w in words)


def _head_keyword(prompt: str, spec) -> bool:
    """Whether a prompt's head holds one of the domain's keywords (not a weak one many pages share,
    `_WEAK_KEYWORDS`): "baking recipe page", "utility bill"; not "bakery wholesale order form"."""
    head = _page_head(prompt)
    return any(re.search(rf"\b{re.escape(k.strip())}", head.lower()) for k in spec.keywords
               if k.strip() not in _WEAK_KEYWORDS)


#: Words of a page head that name the page's part or job, not a business ("boarding pass", "seat picker").
_PAGE_PARTS = frozenset({"pass", "picker", "seat", "seats", "selection", "builder", "form", "checkout", "confirmation",
                         "summary", "status", "editor", "planner"})


def _names_app(prompt: str, spec, parts: frozenset[str] = frozenset()) -> bool:
    """Whether a prompt's head names the domain's own app and nothing more ("flight search results",
    "hotel booking"), not a business of its own that shares a keyword ("hot air balloon flight
    booking", "fishing charter trip log", "ski resort conditions"): every word of the head, less
    page words (`_TITLE_FILLER`), is one of the domain's keywords."""
    said = _head_words(_page_head(prompt), _TITLE_FILLER | parts)
    return _head_keyword(prompt, spec) and _all_known(said, [k.strip() for k in spec.keywords])


def _title(plan, copy: OpenCopy) -> str:
    """The page title: the domain's own (a player says "Now playing", a call its meeting, a flight
    search its route) where the prompt names the app (`_names_app`), else the prompt's head noun
    phrase ("Kanban board", "Invoice", "Hot air balloon flight booking")."""
    spec = copy.spec
    if spec.name == "watch":
        return copy.items(1)[0][0]  # the video's own title
    head = _page_head(plan.prompt)
    names_app = _names_app(plan.prompt, spec)
    if spec.name == "travel" and (_names_app(plan.prompt, spec, _PAGE_PARTS) or not head.strip()):
        (ca, a), (cb, b) = copy.route
        return f"{ca} → {cb}"
    if spec.name in _GENERIC_TITLE and names_app and not _staff_side_of(spec.name, plan.prompt) and \
            (spec.name != "music" or any(s.kind == "media_controls" for s in plan.sections)):
        return spec.title  # a guest's app ("hotel booking"): its own title; a housekeeping board: its name
    words = [w for w in re.findall(r"[\w'’\-]+", head) if w.lower() not in ("a", "an", "the", "page", "screen", "app",
                                                                         "view", "ui", "mobile", "desktop")]
    if not words:
        return spec.title
    s = " ".join(words)
    return s[:1].upper() + s[1:]


_KIND_NOUNS = {"list", "table", "page", "section", "panel", "buttons", "button", "view", "screen", "card", "cards",
               "tile", "tiles",
               "columns", "column", "widget", "area", "box", "bar", "grid", "row", "rows", "chips", "strip", "accordion",
               "carousel", "gallery"}
#: Elements named after the plural noun they show ("a stops timeline", "an order lines checklist",
#: "boats standings"): headed by that noun, or by the ranking itself.
_RANKED = {"standings", "rankings", "leaderboard", "results"}
_SHOWN_BY = {"timeline", "checklist", "calendar", "map", "gauge"} | _RANKED
#: Nouns of a group that stay singular as headings ("a cast list": Cast).
_COLLECTIVE = {"cast", "crew", "staff", "team", "faculty", "personnel", "family", "band", "choir", "committee",
               "inventory", "stock", "equipment", "luggage", "news", "feedback", "music", "media"}
_LEAD = {"a", "an", "the", "some", "my", "our", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "numbered", "current", "recent", "upcoming"}


def _section_title(s, cx: _Ctx, default: str, heading: bool = True) -> str:
    """A section's heading: the noun phrase it came from, without articles, counts and the
    kind's own word ("vehicle list" → "Vehicles", "hourly forecast" → "Hourly forecast")."""
    words = [w for w in re.findall(r"[\w'’\-]+", s.phrase or "")]
    while words and words[0].lower() in _LEAD:
        words = words[1:]
    if len(words) > 2 and words[1].lower() == "of" and words[0].lower() in ("list", "table", "grid", "set", "row", "rows",
                                                                          "chart", "graph", "map", "timeline"):
        words = words[2:]  # "list of stations" → "Stations", "a chart of last night's sleep stages"
    dropped, listed = False, False
    while len(words) > 1 and words[-1].lower() in _KIND_NOUNS:
        listed = listed or words[-1].lower() == "list"
        # "a Trending row", "a Favourites bar": the name as written; "a vehicle list": Vehicles
        dropped = dropped or words[-1].lower() not in ("row", "rows", "strip", "bar", "chips")
        words = words[:-1]
    if len(words) > 1 and words[-2].lower().endswith("s") and not words[-2].lower().endswith("ss") and \
            words[-1].lower() in _SHOWN_BY:
        # what the element shows names it: "a stops timeline" is headed Stops, "boats standings" Standings
        # (what it counts or searches stays the noun: "12 boats", "Search boats")
        words = [words[-1].capitalize()] if words[-1].lower() in _RANKED and heading else words[:-1]
    if words and len(words) <= 4 and not any(w.lower() in ("with", "and", "for") for w in words):
        t = " ".join(words)
        if dropped and len(words) == 1 and not t.endswith("s") and t.lower() not in _COLLECTIVE:
            t = _plural(t)
        elif listed and 1 < len(words) <= 3 and words[-1].isalpha() and words[-1].islower() and \
                not re.search(r"(s|y|ing|data|info|history|status|feedback|news|media|stock|inventory)$", words[-1]):
            t += "s"  # "an audiobook chapter list": its rows are the chapters
    elif s.title:
        t = s.title
    else:
        return default
    if t.lower() in _KIND_NOUNS:  # "cards": the things drawn, not what they are ("a tile per room": Rooms)
        return s.title[:1].upper() + s.title[1:] if s.title and s.title.lower() not in _KIND_NOUNS else default
    if s.kind in _CHART_KINDS:  # "a bar chart": the kind is drawn, the title says what it shows
        t = " ".join(w for w in t.split() if w.lower() not in _CHART_WORDS)
        if not t:
            return default
    t = t[:1].upper() + t[1:]
    return default if t.lower() == (cx.title or "").lower() else t  # never the page's title twice


_CHART_KINDS = {"chart", "line_chart", "bar_chart", "donut_chart", "area_chart", "pie_chart", "sparkline",
                "heatmap", "scatter_chart", "gauge"}
_CHART_WORDS = {"chart", "charts", "graph", "graphs", "plot", "bar", "bars", "line", "lines", "donut", "doughnut",
                "pie", "area", "scatter", "stacked", "column", "histogram", "sparkline", "heatmap", "heat", "map"}


def _plural_phrase(s) -> bool:
    """The section's words name several things ("folders", "recent files") without a number."""
    words = re.findall(r"[a-z]+", (s.phrase or "").lower())
    while len(words) > 1 and words[-1] in ("grid", "wall", "row", "strip"):  # "a plots grid"
        words = words[:-1]
    return bool(words) and words[-1].endswith("s") and not words[-1].endswith("ss") and s.count <= 1


def _labels(s, n: int, make: Callable[[int], str]) -> list[str]:
    """`n` labels: the section's own first, as written, then made ones."""
    out = list(s.labels[:n])
    i = 0
    while len(out) < n:
        lab = make(i)
        i += 1
        if lab not in out or i > 3 * n:
            out.append(lab)
    return out


def _n(s, default: int, several: int = 0) -> int:
    """How many the section asks for: its count, or the labels it names, or `several` when its
    words are plural ("folders"), else `default`."""
    if s.count and s.count > 1:
        return s.count
    if s.labels:
        return len(s.labels)
    if several and _plural_phrase(s):
        return several
    return default


#: Words of a control that filters the records ("an ABV range slider") rather than setting one of them.
_FILTERING = re.compile(r"\b(range|filters?|min|max|minimum|maximum|between)\b", re.IGNORECASE)


def _titled(cx: _Ctx, s, node: Node, i: int) -> Node:
    """A group of instances (tiles, cards) under the section's heading, where its words give one."""
    title = _section_title(s, cx, "")
    if not title or cx.copy.spec.name == "video":
        return node
    save = []
    if cx.picked is not None and s.kind in ("slider", "rating", "stepper") and not _FILTERING.search(_words(s)):
        title = f"{title} · {cx.picked[1][_name_cell(cx.picked[1])]}"  # the controls score the highlighted row
        if not any(t.kind == "button" for t in cx.plan.sections):  # and what they set is saved
            save = [button("save", "Save scores" if _SCORING.search(_words(s)) else "Save", "primary"
                           if not cx.primary_taken else "secondary", size="md", w=fill())]
            cx.primary_taken = True
    node.name = "items"
    return col(heading("title", title, "title"), node, *save, name=f"s{i}", gap=3, width=fill(),
               height=node.height if node.height.mode == "fill" else hug())


# -- section builders -----------------------------------------------------------------------------
def _words(s) -> str:
    return f"{s.phrase or ''} {s.title or ''}"


_BARE = {"a", "an", "the", "of", "with", "list", "lists", "table", "tables", "rows", "row", "results", "items", "grid",
         "card", "cards", "section", "panel", "view"}


def _plural(word: str) -> str:
    """A noun's plural, near enough for a heading ("category" → categories, "match" → matches)."""
    last = word.split()[-1] if word.split() else word
    if last.lower() in _VES_PLURAL:  # "shelf" → shelves
        return word[:len(word) - len(last)] + _VES_PLURAL[last.lower()]
    return word[:-1] + "ies" if re.search(r"[^aeiou]y$", word) else word + "es" if word.endswith(
        ("s", "sh", "ch", "x")) else word + "s"


_VES_PLURAL = {one: many for many, one in VES_SINGULARS.items()}


def _kind_title(kind: str | None) -> str:
    """The heading of a collection of a general noun's records ("garage" → "Garages"), or ""."""
    if kind in UNIT_NOUNS or kind in PLACE_NOUNS or kind in PEOPLE_NOUNS:
        return _plural(kind).capitalize()
    return ""


def _kind_of(cx: _Ctx, s, words: str) -> str | None:
    """The record noun of a collection section: its own words' ("a prescriptions list"), else,
    when its words name nothing ("a list with hourly rates"), the noun of the page or of the
    other sections ("a map of nearby garages")."""
    kind = cx.copy.record_kind(words)
    if kind is None and not set(re.findall(r"[a-z]+", (s.phrase or "").lower())) - _BARE:
        for t in [cx.page_noun] + [f"{x.title} {x.phrase}" for x in cx.plan.sections if x is not s]:
            kind = cx.copy.record_kind(t)
            if kind:
                break
    # a noun no record table and not the domain writes ("a hives list"): records of that noun
    return kind or (cx.copy.own_kind(words) if s.kind in ("list", "table") and not s.labels else None)


def _b_list(cx: _Ctx, s, i: int) -> Node:
    n = _n(s, cx.rows or cx.pick(6, 6, 4))
    # rows the prompt names ("tracks Design, Engineering and Product") are records of the list's noun
    kind = _kind_of(cx, s, s.title if s.labels and s.title else _words(s))
    records = cx.copy.records_of_kind(kind, n)  # the noun's own records (ingredients, episodes, departures…)
    if records and len(records) < n and len(s.labels) <= len(records):
        n = len(records)  # a fixed set (an audio guide's stops, a bank's accounts): each once
    elif records and kind == "opening_hours":
        n = len(records)  # a week of opening hours is the whole week
    items = records or cx.copy.items(n)
    if cx.copy.spec.name == "video" and not records:  # a call's people: each once
        items = [(p, meta, t) for p, (_x, meta, t) in zip(cx.copy.people(n), items)]
    if not s.labels and kind != "split":  # a race's splits stay in the order they were run
        items = _in_order(list(items), fields=2)  # by what a row leads with, not its trailing length
        items = _as_the_day_goes(cx, items)
    titles = _labels(s, n, lambda k: items[k % len(items)][0])
    if not records:
        kind = None
    people = (cx.copy.spec.name in ("social", "video", "health") and not records) or kind == "candidate"
    # a recipe's, a menu's or a shelf's rows have no icon
    plain = kind in ("ingredient", "step", "menu", "chapter", "grocery") or kind in NOUN_RECORDS
    # things one chooses by their look (cars to rent, rooms, homes, what is for sale): each row
    # leads with its picture, as results pages show them
    sold = kind in NOUN_RECORDS and NOUN_RECORDS[kind][2] > 0
    beside = not cx.mobile and _role(s) == "aside" and any(_role(t) == "hero" for t in cx.plan.sections)
    pictured = not s.labels and not people and not beside and (kind in _PICTURED_ROWS or sold or (
        kind is None and cx.copy.spec.name in ("hotel", "realestate", "shop")))  # none in a narrow side column
    rows = []
    for k, t in enumerate(titles):
        _t, meta, trailing = items[k % len(items)]
        h = 64 if people else 56
        if cx.mobile and n >= 5 or (plain and not meta):
            h = 52 if people else 48
        if kind == "opening_hours":  # a day and its hours on one line
            h = 40
        if pictured:
            h = cx.pick(80, 76, 64)
        props = {"meta": meta, "trailing": trailing, "divider": k < n - 1}
        if people:
            props["avatar"] = t
        elif not plain and cx.copy.spec.name in _ICON and not kind:
            # the domain's own records get its icon; a noun's records, or a domain with no icon of
            # its own, none (an empty dot tile reads as a placeholder)
            props["icon"] = _ICON[cx.copy.spec.name]
        item = with_text(el("item", "list_item", w=fill(), h=h, props=props), t)
        if not cx.counted:  # the page's first list: what a player on it plays
            cx.playable.append(item)
        if pictured:
            props["icon"] = ""
            goods = sold or cx.copy.spec.name == "shop"
            pic = el("thumb", "image", w=fixed(cx.pick(120, 112, 88)), h=fixed(h - 8), role="secondary",
                     props={"motif": "product", "shape": product_shape(t)} if goods else {"motif": "landscape"})
            item = row(pic, item, name="row", gap=4, align="center", width=fill())
        if cx.row_action:  # the record's own action beside it
            item = row(item, button("act", cx.row_action, "secondary", size="sm"), name="row", gap=3,
                       align="center", width=fill())
        rows.append(item)
    lst = col(*rows, name="list", kind="list", width=fill(), height=hug())
    title = _section_title(s, cx, _kind_title(kind) or f"{cx.copy.spec.noun.capitalize()}")
    cx.counted.append((n, title))
    action = "" if s.labels or plain or (records and len(records) <= n) else "See all"  # all shown: no "See all"
    # the card ends with its rows: stretched to the column's foot it would be half empty
    return card(f"s{i}", lst, title=title, action=action, gap=3, pad=cx.pick(5, 5, 4), h=hug(), content="list")


_ICON = {"music": "star", "travel": "arrow-up-right", "food": "heart", "logistics": "package", "banking": "credit-card",
         "jobs": "file", "hotel": "home", "code": "file", "education": "file", "support": "message",
         "fitness": "heart", "realestate": "home", "project": "check", "files": "file", "sales": "package",
         "generic": "folder"}


def _b_table(cx: _Ctx, s, i: int) -> Node:
    n = s.count if s.count and s.count > 1 else (cx.rows or cx.pick(8, 8, 5))
    kind = _kind_of(cx, s, _words(s))
    named = cx.copy.table_of_kind(kind, n if kind != "line" else min(n, 5))
    cols, rows = named or cx.copy.table(n)
    if rows and cols and not re.search(r"\b(date|day|time|when|#|pos|week|month)\b", cols[0].lower()) and \
            len({r[0] for r in rows}) < len(rows):
        seen: set[str] = set()  # each record once: a loaf the list has run out of is not listed again at another price
        rows = [r for r in rows if not (r[0] in seen or seen.add(r[0]))]
    n = len(rows)
    if s.labels:  # the prompt named the columns: keep its words, fill them with the domain's values
        cols = list(s.labels)
        rows = [[r[k % len(r)] for k in range(len(cols))] for r in rows]
    rows = _in_order(rows, cols=cols)
    if cx.mobile and len(cols) > 3:
        # a phone shows three columns: what the row is, and its last two (an amount and a status)
        keep = [0, len(cols) - 2, len(cols) - 1] if re.search(r"[\d$€£%]", rows[0][-1] if rows else "") or \
            cols[-1] == "Status" else [0, 1, 2]
        if rows and max(len(r[0]) for r in rows) > 16 and keep[1] != 1:
            keep = [0, len(cols) - 1]  # long names ("Standing charge (31 days)"): the name and its amount
        cols, rows = [cols[k] for k in keep], [[r[k] for k in keep] for r in rows]
    status = cx.copy.spec.status_column if not s.labels and cx.copy.spec.status_column < len(cols) else -1
    if named:
        status = next((k for k, c in enumerate(cols) if c == "Status"), -1)
    align = ["right" if re.match(r"^[−+\-$€£]?[\d.,]+(\s?(kcal|kb|km/h|%|m²|min))?$", rows[0][k].lower()) else "left"
             for k in range(len(cols))]
    tbl = el("table", "table", w=fill(), h=fixed(48 + 52 * n) if not cx.mobile else fixed(44 + 48 * n),
             props={"columns": cols, "rows": rows, "align": align, "status_column": status,
                    "row_height": 52 if not cx.mobile else 48, "inset": 16})
    if cx.select_first and cx.picked is None and rows:  # the row the side panel acts on
        tbl.el["props"]["selected"] = 0
        cx.picked, cx.picked_table = (cols, rows[0]), tbl
    title = _section_title(s, cx, cx.copy.spec.noun.capitalize())
    cx.counted.append((n, _section_title(s, cx, cx.copy.spec.noun.capitalize(), heading=False)))
    export = not cx.mobile and not named
    return card(f"s{i}", tbl, title=title, action="Export" if export else "", pad=cx.pick(5, 5, 4),
                h=hug(), content="table")


def _b_chart(cx: _Ctx, s, i: int) -> Node:
    title, labels, values = cx.copy.series()
    p = (s.phrase or "").lower()
    variant = next((v for v in ("donut", "bar", "area", "scatter", "stacked", "line") if v in p), "")
    if "pie" in p:
        variant = "donut"
    variant = variant or ("bar" if cx.copy.spec.chart[1] == "week" else "line")
    low = cx.plan.prompt.lower()
    by = re.search(r"\bby (subject|month|day|weekday|category|region|country)", low)
    if by and [x.lower() for x in s.labels] == [by.group(1)]:
        s = _Extra(kind=s.kind, count=s.count, title=s.title, position=s.position, phrase=s.phrase)  # "by region": no label
    if by and not s.labels:  # "grades by subject": one bar or point (or slice) for each
        regions = ["Bordeaux", "Tuscany", "Rioja", "Napa Valley", "Mosel"] if re.search(r"\b(wine|vineyard|cellar)",
                                                                                        low) \
            else ["North", "South", "East", "West"]
        cats = {"subject": list(SUBJECTS[:6]), "month": [m[:3] for m in MONTH_NAMES[:6]],
                "day": [d[:3] for d in DAY_NAMES], "weekday": [d[:3] for d in DAY_NAMES[:5]],
                "category": [t for t in (cx.copy.spec.tags or ()) if t != "All"][:5] or labels,
                "region": regions, "country": ["Germany", "France", "Spain", "Italy", "Netherlands"]}[by.group(1)]
        labels = cats
        values = [cx.rng.randint(55, 95) if by.group(1) == "subject" else values[k % len(values)]
                  for k in range(len(cats))]
    said = f"{s.title} {s.phrase}".lower()
    if re.search(r"\bhours?\b", said) and len(labels) <= 7:  # hours a day: a day holds 24
        lo, hi = (10, 15) if re.search(r"\b(baby|infant|newborn|toddler)", low) else \
            (6, 9) if "sleep" in said else (2, 9)
        values = [round(cx.rng.uniform(lo, hi), 1) for _ in labels]
    unit = ""
    if re.search(r"\btemperatures?\b", said) and not by:  # on the scale of what is measured, in °C
        lo, hi = temperature_range(cx.plan.prompt)
        mid, swing = (lo + hi) / 2, (hi - lo) / 3
        values = [round(mid + swing * math.sin(k / 1.3) + cx.rng.uniform(-swing, swing) / 3, 1) for k in range(len(labels))]
        unit = "°C"
    elif re.search(r"\btides?\b", said):  # a day of tides: two highs and two lows, in metres, by the hour
        labels = [f"{h:02d}:00" for h in range(0, 24, 3)]
        values = [round(2.6 + 1.9 * math.sin((h - 2) * math.pi / 6.2), 1) for h in range(0, 24, 3)]
        unit, variant = "m", "line" if variant == "bar" else variant
    elif re.search(r"\bhumidity\b", said) and not by:
        values = [cx.rng.randint(55, 85) for _ in labels]
        unit = "%"
    props: dict = {"series": [values], "labels": labels}
    if variant == "donut":
        own = list(s.labels[:4]) or (labels[:4] if by else [])
        spending = re.search(r"\b(spend\w*|budget|expenses?|costs?|outgoings)\b", f"{said} {low}") is not None
        # a filter's "All" is no slice, and what is spent has no income in it
        tags = [t for t in (cx.copy.spec.tags or cx.copy.spec.statuses)
                if t.lower() not in ("all", "any", "everything") and not (spending and t.lower() == "income")]
        shown = values[:len(own) or 4]
        props = {"series": [sorted(shown, reverse=True)], "labels": own or list(tags + ["Other"])[:4],
                 "center_label": "total", "total": str(sum(shown))}
        if spending:  # the money spent, in the records' currency
            props.update(center_label="spent", total=f"{_currency(cx)}{sum(shown) * 12:,}")
    elif s.labels:
        props["labels"] = list(s.labels) + labels[len(s.labels):]
    ch = el("chart", "chart", w=fill(), h=fill(min=cx.pick(180, 180, 160)), variant=variant, props=props)
    what = re.search(r"\b([a-z]+) by " + by.group(1), low) if by else None
    if what and what.group(1) not in ("chart", "charts", "breakdown", "split", "grouped", "sorted"):
        title = f"{what.group(1).capitalize()} by {by.group(1)}"  # "bottles by region as a donut chart"
    title = _section_title(s, cx, title)
    if unit and unit not in title:
        title = f"{title} ({unit})"  # "Tide (m)", "Road temperature (°C)"
    return card(f"s{i}", ch, title=title, h=fill(min=cx.pick(260, 240, 220)), pad=cx.pick(5, 5, 4),
                content="chart-" + ("donut" if variant == "donut" else "bar" if variant == "bar" else "line"))


def _b_calendar(cx: _Ctx, s, i: int) -> Node:
    days = sorted(cx.rng.sample(range(2, 28), 6))
    week = re.search(r"\b(week|weekly)\b", (s.phrase or "").lower()) is not None
    whose = noun_of(_words(s))
    if not cx.mobile and (whose in PEOPLE_NOUNS or re.search(r"\bday view\b", cx.plan.prompt.lower())):
        # "a groomers schedule", "a day view": today, a column for each of the people who work it
        people = [p.split()[0] for p in cx.copy.people(cx.pick(4, 3, 3))]
        events, ends = [], [8.0 + (c % 2) * 0.5 for c in range(len(people))]
        for k, (name, meta, _t) in enumerate(cx.copy.items(8)):  # each once, at its own time where it has one
            at = _CLOCK.match(meta or "")
            col_ = k % len(people)
            start = int(at.group(1)) + int(at.group(2)) / 60 if at else ends[col_]
            length = cx.rng.choice((1.0, 1.5, 1.0, 2.0))
            if start + length <= 17:
                events.append([col_, start, start + length, name])
                ends[col_] = start + length + cx.rng.choice((0.0, 0.5))
        cal = el("calendar", "calendar", w=fill(), h=fill(min=420), variant="week",
                 props={"events": events, "today": -1, "start_hour": 8, "hours": 9, "days": people})
        return card(f"s{i}", cal, title=_section_title(s, cx, "Today"), h=fill(min=480), pad=cx.pick(5, 5, 4),
                    content="calendar")
    if week and not cx.mobile:  # "a week calendar": seven day columns with the week's sessions in them
        # what the screen is about ("gym class booking": classes), not what its buttons say ("Book class")
        names = [r[0] for r in (cx.copy.records(cx.subject, 6) or [])]
        own = cx.copy.own_kind(_words(s)) if not names else None
        sort, rows = cx.copy.own_rows(own, 6) if own else ("", [])
        if sort == "occurrence":  # "a week calendar of sessions": each session, with who leads it where one does
            names = [f"{x['label']} · {x['who'].split()[-1]}" if x["who"] else x["label"] for x in rows]
        names = names or [r[0] for r in cx.copy.items(6)]
        events = [[d, h, h + cx.rng.choice((1, 1, 2)), names[k % len(names)]]
                  for k, (d, h) in enumerate(zip((0, 1, 2, 3, 4, 1), (9, 12, 10, 14, 8, 16)))]
        cal = el("calendar", "calendar", w=fill(), h=fill(min=360), variant="week",
                 props={"events": events, "today": 2, "start_hour": 8, "hours": 10,
                        "days": [f"{d} {8 + k}" for k, d in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
                                                                         "Sun"))]})
        return card(f"s{i}", cal, title=_section_title(s, cx, "This week"), h=fill(min=420), pad=cx.pick(5, 5, 4),
                    content="calendar")
    cx.day = cx.day or (2027, 3, days[2])
    if cx.mobile and (week or cx.crowded):
        # a phone with more to show than the calendar: this week's strip, not the whole month
        cal = el("calendar", "calendar", w=fill(), h=fixed(108), variant="strip",
                 props={"month": 3, "year": 2027, "selected": [days[2]], "events": days})
        # and what is on the picked day under it, where the calendar shows occurrences ("a bookings calendar")
        return card(f"s{i}", cal, *_day_agenda(cx, s), title=_section_title(s, cx, "Schedule"), h=hug(), pad=4, gap=3,
                    content="calendar")
    cal = el("calendar", "calendar", w=fill(), h=fill(min=280), variant="month",
             props={"month": 3, "year": 2027, "selected": [days[2]], "events": days})
    agenda = _day_agenda(cx, s) if cx.mobile and not cx.crowded else []
    if agenda:  # a phone's month has room below it: what is on the selected day
        cal.height = fixed(300)
        return card(f"s{i}", cal, *agenda, title=_section_title(s, cx, "Schedule"), h=hug(), pad=4, gap=3,
                    content="calendar")
    return card(f"s{i}", cal, title=_section_title(s, cx, "Schedule"), h=fill(min=340), pad=cx.pick(5, 5, 4),
                content="calendar")


def _day_agenda(cx: _Ctx, s) -> list[Node]:
    """What a calendar's selected day holds, as rows under it: the occurrences of the noun it
    shows ("a deliveries calendar": the day's deliveries, each at its time), or nothing when
    it names none."""
    noun = own_noun(_SHOWN_AS.sub(" ", _words(s)), frozenset())
    if not noun or noun.split()[-1] not in OCCURRENCE_NOUNS:
        return []
    _sort, rows = cx.copy.own_rows(f"own:{noun}", 3)
    return [with_text(el(f"agenda{k}", "list_item", w=fill(), h=48,
                         props={"meta": x["who"], "trailing": x["state"],  # the day is the one picked above
                                "divider": k < len(rows) - 1}), f"{x['time']} · {x['label']}")
            for k, x in enumerate(rows)]


#: Page heads that name one record's own page ("product page", "recipe detail", "listing page").
_RECORD_PAGE = re.compile(r"\b(product|item|listing|property|apartment|room|recipe|dish|wine|book|album|episode|"
                          r"article|course|event|job|vehicle|car|plant|pet)\s+(page|details?|detail page|screen|view)\b"
                          r"|\b(product|item|listing|recipe) (?=with\b)", re.IGNORECASE)


def _record_page(prompt: str) -> bool:
    """Whether `prompt` asks for one record's page ("wine shop product page with a rating"): its
    head, before what it holds, names a record and a page."""
    head = _page_head(prompt)
    return bool(_RECORD_PAGE.search(head + " "))


def _page_noun(prompt: str) -> str:
    """The words that name the page ("plant shop", "content calendar board"), without the page's own words."""
    head = _HEAD_CUT.split(prompt, maxsplit=1)[0]
    return " ".join(w for w in head.split() if w.lower() not in _PAGE_WORDS)


_PAGE_WORDS = {"shop", "store", "board", "calendar", "page", "screen", "app", "view", "pipeline", "tracker", "planner",
               "dashboard", "home", "inventory", "catalogue", "catalog", "menu", "list", "search"}


#: Record kinds whose cards show a picture of each (`_b_card`).
_PICTURED_RECORDS = {"hotel_room"}
#: Sorts of named things (`open_copy.named_sort`) whose cards show a picture of each: a museum's
#: objects, a club's boats.
_PICTURED_SORTS = {"object", "vessel"}
#: Record kinds whose list rows lead with a picture (`_b_list`).
_PICTURED_ROWS = {"rental_car", "hotel_room", "product", "screening", "event"}


def _tier_cards(cx: _Ctx, s, i: int) -> Node:
    """Cards of named tiers or plans ("plan cards Basic, Deluxe and Ultimate"): each with its
    price for its period, dearer as it goes, the middle one marked most popular, and the first
    chosen for the page's summary."""
    base = cx.rng.choice((9, 12, 15, 19))
    period = "year" if re.search(r"\b(annual|yearly)", cx.plan.prompt.lower()) else "month"
    cur = _currency(cx)
    prices = [round(base * (1 + 0.8 * k)) for k in range(len(s.labels))]
    cx.priced = cx.priced or (s.labels[0], float(prices[0]), period)
    popular = len(s.labels) // 2 if len(s.labels) > 2 else -1
    cards = []
    for k, (lab, v) in enumerate(zip(s.labels, prices)):
        adds = f"Everything in {s.labels[k - 1]}, and more" if k else f"Billed every {period}"
        if cx.mobile:  # a phone's tier is one row: its name and what it adds, its price at the end
            what = col(heading("title", lab + (" · Most popular" if k == popular else ""), "title", lines=1),
                       text("meta", adds, "small", lines=1), name="what", gap=1, width=fill())
            cards.append(card("card", row(what, text("price", f"{cur}{v} / {period[:2] if period == 'month' else 'yr'}",
                                                     "body-strong", "text", w=hug()), name="tier", gap=3,
                                          align="center", width=fill()), gap=2, pad=4, h=hug()))
            continue
        kids = [heading("title", lab, "title", lines=1), text("price", f"{cur}{v} / {period}", "h3", "text"),
                text("meta", adds, "small", lines=2)]
        if k == popular:
            tag = with_text(el("badge", "badge", w=hug(), h=24, role="info", padding=(0, 3, 0, 3)), "Most popular")
            tag.text, tag.style = "Most popular", "caption"
            kids.append(tag)  # under the price, so the tiers' names stay in one line
        cards.append(card("card", *kids, gap=2, pad=5, h=fill(min=140)))
    body = col(*cards, name="items", gap=4, width=fill()) if cx.mobile else \
        grid(cards, min(len(cards), cx.pick(4, 3, 1)), gap=5, name="items")
    title = _section_title(s, cx, "Plans")
    title = title if title.endswith("s") else _plural(title)  # "plan cards": Plans
    return col(heading("title", title, "title"), body, name=f"s{i}", gap=3, width=fill(), height=hug())


def _b_card(cx: _Ctx, s, i: int) -> Node:
    if len(s.labels) >= 2 and _TIERS.search(_words(s)):  # "plan cards Basic, Deluxe and Ultimate"
        return _tier_cards(cx, s, i)
    own_kind, page_kind = cx.copy.record_kind(_words(s)), cx.copy.record_kind(cx.page_noun)
    if own_kind is None and not s.labels and _plural_phrase(s):  # "a plots grid": records of that noun
        own_kind = cx.copy.own_kind(_words(s))
    noun = own_kind or page_kind
    sold = noun in NOUN_RECORDS and NOUN_RECORDS[noun][2] > 0 and not s.labels
    # a board of a noun's records ("routes as cards") shows a screenful of them, as one for sale does
    # alone on its page, a board of them fills it (three rows)
    n = _n(s, 1, (cx.pick(12, 9, 4) if cx.alone else cx.pick(8, 6, 4)) if sold or (own_kind and _plural_phrase(s))
           else 3)
    items = cx.copy.records_of_kind(own_kind, n) or cx.copy.records_of_kind(page_kind, n) or cx.copy.items(n)
    n = min(n, len(items)) if own_kind and not s.labels else n  # each record once
    titles = _labels(s, n, lambda k: items[k % len(items)][0])
    # things for sale, rooms and homes: each with its picture, as the products that list them show
    sort = named_sort(own_kind.split(":")[-1], cx.plan.prompt) if own_kind and own_kind.startswith("own:") else None
    pictured = sold or (not s.labels and (own_kind in _PICTURED_RECORDS or sort in _PICTURED_SORTS or (
        not own_kind and cx.copy.spec.name in ("hotel", "realestate"))))
    cards = []
    for k, t in enumerate(titles):
        _t, meta, trailing = items[k % len(items)]
        kids = [heading("title", t, "title", lines=2), text("meta", meta, "small", lines=2)]
        if pictured:
            kids.insert(0, el("image", "image", w=fill(), h=cx.pick(120, 120, 140), role="secondary",
                              props={"motif": "landscape"}))
        if trailing and (re.search(r"\bbadges?\b", (s.phrase or "").lower()) or sort):
            # "routes as cards showing grade badges": the value as each card's badge
            tag = with_text(el("badge", "badge", w=hug(), h=24, role=status_role(trailing), padding=(0, 3, 0, 3)),
                            trailing)  # a state in its colour (Available, In use, Out of order); a grade in info
            tag.text, tag.style = trailing, "caption"
            kids.append(tag)
        elif trailing:
            kids.append(text("value", trailing, "body-strong", "text", w=hug()))
        if cx.row_action:  # the record's own action on its card
            kids.append(button("act", cx.row_action, "secondary", size="sm"))
        cards.append(card("card", *kids, gap=2, pad=5, h=fill(min=120)))
    cols = min(n, cx.pick(4, 3, 1))
    if own_kind and not s.labels:  # a board of a noun's records: the page counts them
        cx.counted.append((n, _section_title(s, cx, "")))
    if cx.mobile:  # a phone shows the cards that fit the screen, not none of them
        stack = col(*cards, name=f"s{i}", gap=4, width=fill(), height=fill() if n > 3 else hug(),
                    overflow="drop" if n > 3 else "visible")
        return _titled(cx, s, stack, i)
    return _titled(cx, s, grid(cards, cols, gap=5, name=f"s{i}"), i)


def _b_section(cx: _Ctx, s, i: int) -> Node:
    n = s.count if s.count and s.count > 1 else cx.pick(4, 4, 3)
    title = _section_title(s, cx, (s.phrase or "Details").strip().capitalize())
    entries = cx.copy.records(_words(s), n) or cx.copy.section_items(title, n)
    names = _labels(s, n, lambda k: entries[k % len(entries)][0])
    rows = [with_text(el("item", "list_item", w=fill(), h=56,
                         props={"meta": entries[k][1], "trailing": entries[k][2],
                                "trailing_badge": entries[k][2] in cx.copy.spec.statuses, "trailing_role": "info",
                                "divider": k < n - 1, "icon": _ICON.get(cx.copy.spec.name, "file")}), t)
            for k, t in enumerate(names)]
    return card(f"s{i}", col(*rows, name="list", kind="list", width=fill()), title=title, gap=3, pad=cx.pick(5, 5, 4),
                h=hug(), content="list")  # it ends with its rows


def _b_button(cx: _Ctx, s, i: int) -> Node:
    n = _n(s, 1)
    if not s.labels and s.title and n == 1:  # "a pay now button": the heading is its label
        s = _Extra(s.kind, 1, [s.title], s.title, s.position, s.phrase)
    labels = _labels(s, n, lambda k: cx.copy.spec.action if k == 0 else ("Share", "Export", "Edit", "More")[k % 4])
    out = []
    for lab in labels:
        low = lab.lower()
        if _destructive(low):
            variant = "destructive"
        elif not cx.primary_taken:
            variant, cx.primary_taken = "primary", True
        else:
            variant = "secondary"
        out.append(button("button", lab, variant, size="md" if not cx.mobile else "lg",
                          w=fill() if cx.mobile else None))
    return row(*out, name=f"s{i}", gap=3, align="center", width=fill() if cx.mobile else hug())


def _search_hint(cx: _Ctx) -> str:
    """What a search field searches: the page's first collection ("Search bottles"), else what a
    timeline, calendar or map shows ("Search episodes"), else the domain's own hint."""
    for t in cx.plan.sections:
        if t.kind in ("list", "table", "card", "kanban_column") and not t.labels:
            title = _section_title(t, cx, _kind_title(_kind_of(cx, t, _words(t))), heading=False)
            if title and title.lower().endswith("s") and len(title.split()) <= 3:
                return f"Search {_lower_but_names(title, cx.plan.prompt)}"
    for t in cx.plan.sections:  # "an episodes timeline", "an incidents map": what it shows
        if t.kind in ("timeline", "calendar", "map") and not t.labels:
            noun = own_noun(_SHOWN_AS.sub(" ", _words(t)), frozenset())
            if noun:
                return f"Search {_lower_but_names(_plural(noun), cx.plan.prompt)}"
    if cx.copy.spec.name == "hotel" and _staff_side(cx):
        return "Search rooms or guests"
    return "Search" if _foreign(cx) else cx.copy.spec.search


def _b_field(kind: str) -> Callable:
    def build(cx: _Ctx, s, i: int) -> Node:
        n = _n(s, 1)
        defaults = {"input": ("Name", "Email", "Notes", "Reference"), "select": ("Sort by", "Status", "Owner", "Type"),
                    "search": (_search_hint(cx),)}[kind]
        if kind == "search" and s.title and not s.labels and n == 1 and \
                re.match(rf"(a|an|the)\s+{re.escape(s.title)}\s+search\b", s.phrase or "", re.IGNORECASE):
            # "a guest search field": it searches guests
            defaults = {"search": (f"Search {_lower_but_names(_plural(s.title), cx.plan.prompt)}",)}[kind]
        own = s.title if kind in ("input", "select") and s.title and not s.labels else ""  # "a promo code input"
        said = re.search(r"\b(email|e-mail|phone|number|address|name|code|link|url)\b", (s.phrase or "").lower())
        if own and kind == "input" and said and said.group(1) not in own.lower():
            own = f"{own} {said.group(1)}"  # "a recipient email input": what the recipient field takes
        labels = _labels(s, n, lambda k: own if k == 0 and own else defaults[k % len(defaults)])
        nodes = []
        for lab in labels:
            if kind == "search":
                nodes.append(field_node("search", "search", w=fill(max=480) if not cx.mobile else fill(),
                                        placeholder=lab))
            elif kind == "select":
                nodes.append(field_node("select", "select", label=lab, value=cx.copy.option(lab)))
            elif _LONG_TEXT.search(lab):  # "project description", "notes": a text area
                nodes.append(field_node("input", "input", label=lab, placeholder=cx.copy.placeholder(lab), lines=4))
            else:
                nodes.append(field_node("input", "input", label=lab, placeholder=cx.copy.placeholder(lab)))
        if kind == "search" or len(nodes) == 1:
            return nodes[0] if len(nodes) == 1 else row(*nodes, name=f"s{i}", gap=4, width=fill())
        return col(*nodes, name=f"s{i}", gap=4, width=fill())
    return build


_CHECKLIST = re.compile(r"\b(check ?list|to-?dos?|task list|packing list|checklist)", re.IGNORECASE)
_GROUP_WORDS = re.compile(r"\b(sections?|groups?|categor(y|ies)|parts?|stages?|phases?|areas?)\b", re.IGNORECASE)


def _grouped_checklists(sections: list) -> list:
    """'a wedding checklist with sections Venue, Catering and Music': one checklist per named
    group, titled with its name and holding that group's to-dos (`group_tasks`), in place of the
    checklist and the groups' section."""
    checks = [k for k, s in enumerate(sections) if s.kind == "checkbox" and not s.labels and hasattr(s, "model_copy")]
    groups = [k for k, s in enumerate(sections) if s.kind == "section" and len(s.labels) >= 2
              and _GROUP_WORDS.search(s.phrase or "")]
    if len(checks) != 1 or len(groups) != 1:
        return sections
    check_s, group_s = sections[checks[0]], sections[groups[0]]
    per_group = [check_s.model_copy(update={"title": g, "phrase": g, "labels": group_tasks(g), "count": 4})
                 for g in group_s.labels]
    out = []
    for k, s in enumerate(sections):
        if k == checks[0]:
            out += per_group
        elif k != groups[0]:
            out.append(s)
    return out


def _b_check(kind: str) -> Callable:
    def build(cx: _Ctx, s, i: int) -> Node:
        own_choices = choices_for(s.title) if s.title and not s.labels and kind in ("radio", "select") else ()
        if not own_choices and s.title and not s.labels and kind in ("radio", "select") \
                and noun_of(s.title) in PEOPLE_NOUNS:
            own_choices = tuple(cx.copy.people(4))  # "a groomer select": the groomers, by name
        if own_choices:  # "plot size radio options": the sizes
            opts = [check(kind, kind, a, k == 0) for k, a in enumerate(own_choices[:_n(s, min(4, len(own_choices)))])]
            return col(*opts, name=f"s{i}", gap=3, width=fill())
        if kind == "radio" and not s.labels and re.search(r"\b(answer|choice|option|quiz|question)", _words(s).lower()):
            # a quiz's answers: the choices of its question
            q, answers = cx.copy.question()
            opts = [check("radio", "radio", a, k == 0) for k, a in enumerate(answers[:_n(s, 4)])]
            cx.rng.shuffle(opts)
            asked = any(t is not s and re.search(r"\bquestions?\b", f"{t.title} {t.phrase}".lower()) and
                        t.kind in ("text", "heading", "section", "card") for t in cx.plan.sections)
            if not asked:  # answers are to a question: it stands above them, unless a section of its own shows it
                opts.insert(0, text("question", q, "title", lines=3))
            return col(*opts, name=f"s{i}", gap=3, width=fill())
        # a checklist alone on its page has the rows of a list alone on its page
        want = cx.rows if kind == "checkbox" and cx.rows else 6
        records = cx.copy.records(_words(s), want) if kind != "radio" else None
        listing = kind == "checkbox" and (s.title or _CHECKLIST.search(_words(s)))  # a checklist of to-dos
        n = _n(s, want if records or listing else 3)
        own = s.title or _section_title(s, cx, "")
        if not records and not s.labels and own and kind == "toggle" and s.count <= 1 and not _plural_phrase(s):
            # "a sleep timer toggle": one switch named as written
            return col(check(kind, kind, own, True), name=f"s{i}", gap=3, width=fill())
        if kind == "radio" and s.labels and _TIERS.search(_words(s)):
            # membership tiers or plans: each with its price, dearer as it goes; the first chosen
            base = cx.rng.choice((29, 39, 45, 60))
            period = "year" if re.search(r"\b(member\w*|annual|yearly|renew\w*)", cx.plan.prompt.lower()) else "month"
            cur = _currency(cx)
            prices = [round(base * (1 + 0.9 * k)) for k in range(len(s.labels))]
            cx.priced = (s.labels[0], float(prices[0]), period)
            opts = [check(kind, kind, f"{lab} · {cur}{v} a {period}", k == 0) for k, (lab, v) in
                    enumerate(zip(s.labels, prices))]
            return col(*opts, name=f"s{i}", gap=3, width=fill())
        if records:
            defaults = [r[0] for r in records]
        elif listing:
            defaults = cx.copy.tasks(n)
        else:
            defaults = ("Email me updates", "Show on my profile", "Sync across devices", "Notify the team")
        defaults = list(dict.fromkeys(defaults))
        if (records or listing) and not s.labels and s.count <= 1:
            n = min(n, len(defaults))  # each to-do or record once
        labels = _labels(s, n, lambda k: defaults[k % len(defaults)])
        if records or (kind == "checkbox" and s.title):  # a checklist: its rows under its title
            checks = [check(kind, kind, lab, k % 3 == 0) for k, lab in enumerate(labels)]
            return card(f"s{i}", *checks, title=_section_title(s, cx, "Checklist"), gap=3, pad=cx.pick(5, 5, 4),
                        h=hug())
        opts = [check(kind, kind, lab, k == 0 if kind == "radio" else k % 2 == 0) for k, lab in enumerate(labels)]
        if kind == "radio" and s.labels and s.title:  # "box size radio Small, Medium and Large": the group's name
            return col(text("label", s.title[:1].upper() + s.title[1:], "body-strong"), *opts, name=f"s{i}", gap=3,
                       width=fill())
        return col(*opts, name=f"s{i}", gap=3, width=fill())
    return build


_DAY_MONTH = {*DAY_NAMES, *MONTH_NAMES}


#: Things a product numbers in order, so tabs of them are "Round 1", "Round 2"…
_NUMBERED = frozenset({"round", "race", "heat", "stage", "leg", "level", "floor", "term", "semester", "week", "unit",
                       "module", "chapter", "season", "lap", "game", "set", "match", "day", "phase", "sprint"})


def _b_tabs(cx: _Ctx, s, i: int) -> Node:
    own = choices_for(s.title) if s.title and not s.labels else ()  # "a connector type segmented control"
    head = (s.title or "").split()[-1].lower() if s.title and not s.labels else ""
    if not own and (head in _NUMBERED or head.endswith("s") and head[:-1] in _NUMBERED):
        own = tuple(f"{head.removesuffix('s').capitalize()} {k}" for k in range(1, 5))  # "round tabs": Round 1, 2…
    n = _n(s, min(4, len(own)) if own else 4)
    pool = own or cx.copy.spec.tags or ("All", "Recent", "Shared", "Archived")
    labels = _labels(s, n, lambda k: pool[k % len(pool)])
    if cx.mobile and len(labels) >= 5 and all(lab in _DAY_MONTH for lab in labels):
        labels = [lab[:3] for lab in labels]  # a phone's week: Mon Tue Wed Thu Fri, each in view
    kind = "segmented" if s.kind == "segmented" else "tabs"
    w = fill() if kind == "tabs" else fixed(min(120 * n, 560))
    return el(f"s{i}", kind, w=w, h=44, props={"items": labels, "active": 0})


#: Words of a badge's name that say a state ("a low stock badge", "an overdue badge"): it shows its name.
_STATE_WORDS = re.compile(r"\b(low|out of|sold out|overdue|expir\w*|urgent|late|delayed|full|new|due|pending|"
                          r"ready|available|busy|verified|approved|featured|limited|last)\b", re.IGNORECASE)


#: The kinds a sort of named thing comes in (`open_copy.named_sort`), for its category chips.
_SORT_KINDS = {"belonging": ("All", "Bags", "Phones", "Keys", "Clothing"),
               "object": ("All", "Ceramics", "Metalwork", "Glass", "Coins"),
               "work": ("All", "Paintings", "Prints", "Drawings", "Sculpture"),
               "vessel": ("All", "Dinghies", "Keelboats", "Multihulls"),
               "target": ("All", "Planets", "Galaxies", "Nebulae", "Clusters")}


def _b_chips(cx: _Ctx, s, i: int) -> Node:
    own = choices_for(s.title) if s.title and not s.labels else ()  # "interests chips": the interests
    if not own and not s.labels and re.search(r"\b(categor\w*|types?|kinds?)\b", _words(s).lower()):
        # "an item category chips row" over found belongings: the kinds of belonging, not the domain's tags
        own = next((_SORT_KINDS[t] for t in (named_sort(n, cx.plan.prompt) for n in _own_nouns(cx))
                    if t in _SORT_KINDS), ())
    single = s.kind == "badge" and not own and not _plural_phrase(s)  # "the ticket's status badge": one status
    n = _n(s, 1 if single else min(4, len(own)) if own else 4)
    tags = own or (cx.copy.spec.statuses if single else cx.copy.spec.tags or cx.copy.spec.statuses)
    if single and s.title and not s.labels and not re.search(r"\b(status|state|stage|priority|label|tag|legend)\b",
                                                             _words(s).lower()):
        tags = (cx.copy.fact(s.title, _words(s)),)  # "a bin location badge": the bin, "a gate badge": the gate
        if _STATE_WORDS.search(s.title):
            tags = (s.title[:1].upper() + s.title[1:],)  # "a low stock badge" says "Low stock"
        if re.search(r"\b(counter|count|tally)\b", _words(s).lower()) and s.title.lower().endswith("s"):
            tags = (f"{cx.rng.randint(2, 30)} {s.title.lower()}",)  # "a credits counter": 18 credits
        elif re.search(r"\b(left|remaining)\b", _words(s).lower()):  # "a spaces left badge": 4 spaces left
            what = s.title.lower() if re.search(r"\b(left|remaining)$", s.title.lower()) else f"{s.title.lower()} left"
            tags = (f"{cx.copy.figure(what)} {what}",)
    labels = _labels(s, n, lambda k: tags[k % len(tags)])
    kind = "chip" if s.kind == "chip" else "badge"
    out = []
    for k, lab in enumerate(labels):
        if kind == "chip":
            n_ = el("chip", "chip", w=hug(), h=32, padding=(0, 4, 0, 4), props={"selected": k == 0})
        else:
            said = single and _STATE_WORDS.search(lab)  # "Low stock": the colour of that state
            n_ = el("chip", "badge", w=hug(), h=28, role=status_role(lab) if said else "primary" if k == 0
                    else "surface-muted", padding=(0, 3, 0, 3), props={"chip": True})
        n_.text, n_.style = lab, "label"
        n_.el["text"] = lab
        out.append(n_)
    return row(*out, name=f"s{i}", gap=2, align="center", width=hug())


def _b_avatar(cx: _Ctx, s, i: int) -> Node:
    if s.count <= 1 and not s.labels and s.title and not _plural_phrase(s) and \
            not re.search(r"\b(each|every|per)\b", s.phrase or "") and \
            s.title.lower() not in ("profile", "user", "account", "my", "your"):
        # "a technician avatar": that one person, by name, with what they are to the page
        who = cx.copy.people(1)[0]
        role = re.sub(r"['’]s$", "", s.title)
        return row(with_text(el("avatar", "avatar", w=56, h=56), who),
                   col(text("name", who, "body-strong"), text("role", role, "small", "text-muted"), name="who", gap=1,
                       width=fill()), name=f"s{i}", gap=3, width=fill(), align="center")
    n = _n(s, 4)
    names = _labels(s, n, lambda k: cx.copy.people(n)[k])
    return row(*[with_text(el("avatar", "avatar", w=40, h=40), nm) for nm in names], name=f"s{i}", gap=2,
               width=hug(), align="center")


def _b_code_image(cx: _Ctx, s, i: int) -> Node:
    """A QR code (modules in a square with three finder marks) or a barcode (bars of several
    widths), in the text colour on the surface, with the code's number under it: a picture to scan."""
    rnd = random.Random(f"qr:{cx.plan.prompt}")
    bar = re.search(r"\bbar ?code", (s.phrase or "").lower()) is not None
    cell = 8  # the layout places on a 4 px grid: modules of 8 stay equal
    size = 21
    if bar:
        # bars of several widths; the gaps between them are the code's white, over the whole picture
        bars = [card("bar", w=fixed(rnd.choice((4, 4, 8))), h=fixed(cx.pick(96, 96, 80)), pad=0, role="text",
                     variant="panel") if k % 2 == 0 else
                card("gap", w=fixed(4), h=fixed(cx.pick(96, 96, 80)), pad=0, role="surface", variant="panel")
                for k in range(41)]
        mark = el("barcode", "image", w=fill(), h=hug(), role="surface", props={"motif": "barcode"}, direction="row",
                  children=bars, align="start", justify="center")
    else:
        def dark(r_: int, c_: int) -> bool:
            for r0, c0 in ((0, 0), (0, size - 7), (size - 7, 0)):
                if r0 <= r_ < r0 + 7 and c0 <= c_ < c0 + 7:
                    a, b = r_ - r0, c_ - c0
                    return a in (0, 6) or b in (0, 6) or (2 <= a <= 4 and 2 <= b <= 4)
            return rnd.random() < 0.48

        rows_ = []
        for r_ in range(size):
            cells = [card("m", w=fixed(cell), h=fixed(cell), pad=0, role="text" if dark(r_, c_) else "surface",
                          variant="panel") for c_ in range(size)]  # square modules that tile the picture
            rows_.append(row(*cells, gap=0, width=fixed(size * cell), height=fixed(cell)))
        # an image (what it is on the page) covered by its modules (what it looks like)
        mark = el("qr", "image", w=fixed(size * cell), h=fixed(size * cell), role="surface", props={"motif": "qr"},
                  direction="column", children=rows_)
    code = "".join(rnd.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(8))
    side = (size * cell if not bar else 0) + 32
    box = card("code", mark, gap=0, pad=0, w=fixed(side) if not bar else fill(), h=fixed(side) if not bar else hug(),
               role="surface", variant="flat", justify="center", align="center")
    c = card(f"s{i}", row(box, width=fill(), justify="center"),
             text("number", f"{code[:4]} {code[4:]}", "small", "text-muted", align="center"),
             gap=3, pad=cx.pick(5, 5, 4), h=hug(), content="image")
    c.align_self = "start"  # as tall as the code: never stretched to the foot of the page
    return c


def _b_image(cx: _Ctx, s, i: int) -> Node:
    if re.search(r"\b(qr|bar ?code|scan code|ticket code)", (s.phrase or "").lower()):
        return _b_code_image(cx, s, i)
    # "a photos grid", "a gallery of shots": several pictures, a grid of them
    many = s.count <= 1 and re.search(r"\b(grid|gallery|wall|mosaic|collage|portfolio)\b", (s.phrase or "").lower()) \
        and _plural_phrase(_Extra(s.kind, 1, [], "", s.position, re.sub(r"\s*\b(grid|gallery|wall|mosaic|collage)\b.*$",
                                                                        "", s.phrase or "")))
    n = cx.pick(8, 6, 6) if many else _n(s, 1)
    imgs = [el("image", "image", w=fill(), h=fill(min=140), role="secondary", props={"motif": "landscape"})
            for _ in range(n)]
    if n == 1:
        imgs[0].name = f"s{i}"
        imgs[0].height = fill(min=cx.pick(240, 220, 180))
        return imgs[0]
    if many and cx.mobile:  # a phone's grid of pictures: small square tiles, three a row
        out = grid(imgs, 3, gap=2, name=f"s{i}")
        for im in imgs:
            im.height = fixed(120)
        return out
    return grid(imgs, min(n, cx.pick(4, 3, 2)), gap=4, name=f"s{i}", h=fill(min=160))


_ON_THE_WAY = re.compile(r"\b(arrival|eta|on the way|en route|journey|trip|delivery|pickup|ride|approach)\b", re.I)


def _b_progress(cx: _Ctx, s, i: int) -> Node:
    if len(s.labels) >= 2 and re.search(r"\b(steps?|stages?|phases?|statuses|milestones?)\b", (s.phrase or "").lower()):
        # "three steps Received, Printing and Shipped": one tracker through them, part of the way
        return el(f"s{i}", "progress", w=fill(max=960), h=28, variant="steps",
                  props={"steps": list(s.labels), "current": (len(s.labels) - 1) // 2})
    n = _n(s, 1)
    generic = cx.copy.spec.name in ("generic", "project", "files")  # no records of its own to count
    own = s.title if n == 1 and not s.labels and s.title and not re.match(
        r"(toward|towards|to|for|of|on|in)\b", s.title, re.I) else ""  # "an arrival progress bar": Arrival
    labels = _labels(s, n, lambda k: own or ("Progress" if generic and k == 0 else
                     f"{cx.copy.spec.noun.capitalize()} {('done', 'synced', 'uploaded')[k % 3]}"))
    # a test's or a quiz's bar counts its questions ("Question 4 of 12"), not the domain's records
    asking = n == 1 and not s.labels and re.search(r"\b(tests?|quiz\w*|exams?|questions?|assessments?|surveys?|"
                                                   r"questionnaires?)\b", cx.plan.prompt.lower())
    bars = []
    for lab in labels:
        v = cx.rng.randint(25, 90) / 100
        shown = f"{round(v * 100)}%"
        if own and _ON_THE_WAY.search(own):  # how far someone is on their way: the minutes still to go
            shown = f"{cx.rng.randint(4, 25)} min away"
        if asking:
            total = cx.rng.choice((10, 12, 15, 20))
            at = max(1, round(v * total))
            lab, shown, v = f"Question {at} of {total}", f"{round(at / total * 100)}%", at / total
        bars.append(col(row(text("label", lab, "small"), text("value", shown, "small", w=hug()),
                            width=fill(), gap=2),
                        el("bar", "progress", w=fill(), h=8, variant="bar", props={"value": v}), gap=1, width=fill()))
    return col(*bars, name=f"s{i}", gap=3, width=fill())


def _b_modal(cx: _Ctx, s, i: int) -> Node:
    labels = list(s.labels[:3]) or ["Cancel", cx.copy.spec.action]
    btns = [button("button", lab, "secondary" if k < len(labels) - 1 else
                   ("destructive" if _destructive(lab) else "primary"))
            for k, lab in enumerate(labels)]
    title = _section_title(s, cx, f"{cx.copy.spec.action}?")
    body = col(text("body", cx.copy.sentence(1), "body", lines=3),
               row(*btns, gap=3, justify="end", width=fill()),
               name=f"s{i}", kind="modal", gap=5, padding=(9, 6, 6, 6), width=fixed(cx.pick(520, 480, 370)),
               el={"text": title})
    return body


def _b_heading(cx: _Ctx, s, i: int) -> Node:
    if not s.labels and re.search(r"\bquestion", (s.phrase or "").lower()):
        return heading(f"s{i}", cx.copy.question()[0], "h3", lines=3)  # the question itself, not the page's name
    words = s.title or (s.labels[0] if s.labels else "")
    if not words or words.lower() == (cx.title or "").lower():
        words = cx.copy.items(1)[0][0]  # never the page's title twice: a heading of its own record
    return heading(f"s{i}", words, "h3", lines=2)


#: A document being edited: its title, then headed paragraphs (a project brief).
_DOCUMENT = ("Project brief", (
    ("Goals", "Help new customers reach their first result in under ten minutes, and halve the tickets we get "
              "about setting up an account."),
    ("What we know", "Most people who leave do so on the second screen of sign-up. Interviews point to the "
                     "number of fields and to wording that assumes they already know the product."),
    ("Plan", "Cut sign-up to two fields, move the rest to a checklist after the first result, and rewrite the "
             "empty states. Ship behind a flag to a tenth of new accounts first."),
    ("Open questions", "Who owns the checklist copy? Do we keep the phone number field for teams that need it?"),
))
_EDITOR = re.compile(r"\b(editor|document|doc|draft|writing|word processor)\b", re.IGNORECASE)


_NO_TRADE = ("an", "a", "the", "short", "my", "user", "your", "profile")
#: A note by someone who leads an evening or a place ("a conductor note", "the chef's note"): a welcome.
_NOTE_BY = re.compile(r"\b(conductor|director|chef|curator|host|founder|organi[sz]er|editor|captain|head)'?s? note\b|"
                      r"\bnote from the (conductor|director|chef|curator|host|founder|organi[sz]ers?|editor)\b",
                      re.IGNORECASE)


def _bio_role(phrase: str) -> str | None:
    """The trade a bio the phrase asks for is of ("an artist bio": artist; "an about me text": ""),
    or None when it asks for none (a user's profile bio reads as the domain's own words)."""
    low = phrase.lower()
    m = re.search(r"\b([a-z]+)'?s? (?:bio|biography)\b", low)
    if m:
        return m.group(1) if m.group(1) not in _NO_TRADE else None
    m = re.search(r"\babout (me|the (artist|owner|author|chef|founder|host|coach|teacher))\b", low)
    return (m.group(2) or "") if m else None


def _bio(cx: _Ctx, role: str) -> str:
    """A short biography, in the first person, of the person a page is about: their trade from
    the prompt ("tattoo studio artist portfolio with an artist bio": a tattoo artist), their years
    and city, and how to start working with them."""
    head = re.split(r"\b(with|showing|that|where|for)\b", cx.subject.lower())[0]  # the page's own name
    work = next((w for w in re.findall(r"[a-z][a-z-]+", head)
                 if w not in ("a", "an", "the", "my", "our", "personal", "online", "local", "small", "independent",
                              "portfolio", "profile", "page", "site", "website", "app", "screen", "home", "booking",
                              role)), "")
    who = " ".join(w for w in (work, role or "maker") if w)
    years = cx.rng.randint(4, 16)
    ask = " Consultations are free and take about 30 minutes." if re.search(r"\b(consult|book|enquir|inquir|commission)",
                                                                         cx.plan.prompt.lower()) else ""
    return (f"I'm a {who} with {years} years behind me, based in {cx.copy.city()}. Every project starts with a "
            f"conversation: tell me what you have in mind and we will shape it together.{ask}")


def _b_text(cx: _Ctx, s, i: int) -> Node:
    if _EDITOR.search(s.phrase or ""):  # "a document editor": the page being written, its headings and paragraphs
        title, parts = _DOCUMENT
        kids = [heading("doc-title", title, "h2")]
        for k, (head, body) in enumerate(parts):
            kids += [heading(f"h{k}", head, "title"), text(f"p{k}", body, "body", lines=4)]
        return card(f"s{i}", *kids, gap=3, pad=cx.pick(8, 6, 5), h=fill(min=320), content="text")
    words = " ".join(x for x in dict.fromkeys(cx.copy.sentence(k) for k in range(2)) if x)
    role = _bio_role(s.phrase or "")
    if role is not None:
        words = _bio(cx, role)  # a person's own words about their work, not the domain's sentences
    elif _NOTE_BY.search(s.phrase or ""):  # "a conductor note": a few words of welcome from them
        words = ("Thank you for joining us. We have spent the season on this programme, and it is a joy to share "
                 "it with you at last. Enjoy every minute of it.")
    body = text(f"s{i}", words, "body", lines=4)
    if s.title and s.phrase and re.search(r"\b(section|notes?|about|description|summary|bio|overview)\b",
                                          s.phrase.lower()):
        # "a show notes section": its words under the name the prompt gives it
        body.name = "body"
        return col(heading("title", s.title, "title"), body, name=f"s{i}", gap=2, width=fill())
    return body


def _b_pagination(cx: _Ctx, s, i: int) -> Node:
    return el(f"s{i}", "pagination", w=fill(), h=40, props={"page": 1, "pages": max(2, s.count if s.count > 1 else 8)})


def _b_breadcrumb(cx: _Ctx, s, i: int) -> Node:
    items = list(s.labels) or ["Home", cx.copy.spec.noun.capitalize(), cx.title]
    return el(f"s{i}", "breadcrumb", w=fill(), h=20, props={"items": items})


def _b_leaf(kind: str, w: float, h: float, **props) -> Callable:
    def build(cx: _Ctx, s, i: int) -> Node:
        n = _n(s, 1)
        nodes = [el(kind, kind, w=w, h=h, props=dict(props)) for _ in range(n)]
        return nodes[0] if n == 1 else row(*nodes, name=f"s{i}", gap=3, width=hug())
    return build


# -- the new kinds (scene.model KIND_DOCS) ------------------------------------------------------------
def _listed_names(cx: _Ctx, n: int) -> list[str]:
    """The first `n` names of the records the page lists beside its map (chargers, garages,
    restaurants), without moving the copy's random state; [] when it lists none of its own."""
    sec = next((x for x in cx.plan.sections if x.kind in ("list", "list_item", "card", "table") and not x.labels), None)
    if sec is None or cx.copy.spec.name in ("logistics", "travel", "generic"):
        return []
    state, fake_state = cx.copy.rng.getstate(), cx.copy.fake.random.getstate()
    try:
        recs = cx.copy.records_of_kind(_kind_of(cx, sec, _words(sec)), n) or cx.copy.items(n)
    finally:
        cx.copy.rng.setstate(state)
        cx.copy.fake.random.setstate(fake_state)
    return [r[0] for r in recs[:n] if len(r[0]) <= 24]


#: Words of a screen about the outdoors: its map's pins are places out there, not streets.
_OUTDOORS = re.compile(r"\b(mountains?|trails?|hik\w*|ski\w*|parks?|forests?|rescue|climb\w*|camp\w*|moors?|"
                       r"valleys?|peaks?|summits?|wild\w*|fells?)\b", re.IGNORECASE)  # (water: `_WATERSIDE`, first)
_OUTDOOR_PLACES = ("North ridge", "Lake path", "Upper valley", "Summit cairn", "Forest car park", "East gully")
#: … and of a river, a lake or a coast: its pins are places along the water.
_WATERSIDE = re.compile(r"\b(rivers?|floods?|flooding|tides?|tidal|lakes?|reservoirs?|canals?|harbou?rs?|coast\w*|"
                        r"estuar\w*|water levels?|gauges?|marinas?|pontoons?|berths?|moorings?|sailing|yachts?|"
                        r"boats?|beach(es)?|piers?|docks?|jett(y|ies)|slipways?|ferr(y|ies))\b", re.IGNORECASE)
#: … and of a marina: its pins are its pontoons.
_MOORED = re.compile(r"\b(marinas?|pontoons?|berths?|moorings?|yacht club)\b", re.IGNORECASE)
_WATER_PLACES = ("Mill Bridge", "Town weir", "Footbridge", "Old quay", "Ferry landing", "Meadow sluice")
_ROUNDS = re.compile(r"\b(deliver\w*|couriers?|routes?|drivers?|parcels?)\b", re.IGNORECASE)


def _map_places(cx: _Ctx) -> tuple[str, ...]:
    """What a map pins when its page lists nothing to pin: places along the water, out on the
    hills, a delivery round's stops, else a town's."""
    if re.search(r"\b(walks?|walking|walkers?|dogs?)\b", cx.plan.prompt, re.IGNORECASE):
        return "Victoria Park", "Canal towpath", "The Common", "Riverside Park", "Beech Wood"
    if _MOORED.search(cx.plan.prompt):
        return "Pontoon A", "Pontoon B", "Pontoon C", "Visitor berths", "Fuel berth"
    if _WATERSIDE.search(cx.plan.prompt):
        return _WATER_PLACES
    if _OUTDOORS.search(cx.plan.prompt):
        return _OUTDOOR_PLACES
    if cx.copy.spec.name in ("logistics", "transport", "warehouse") or _ROUNDS.search(cx.plan.prompt):
        return "Depot", "Stop 4", "Stop 9", "Harbour"
    return "Central", "Riverside", "Old Town", "Northgate", "Market Street"


#: Record kinds a map pins by name where its phrase names them ("a stops map").
_PINNED_KINDS = frozenset({"stop"})


def _price_span(cx: _Ctx) -> str:
    """The prices the page's first collection lists, cheapest to dearest ("€9 – €14"), read from a
    fresh copy of the same seed so the page's own copy draws as it would without it; "" when it
    lists no prices."""
    coll = next((t for t in cx.plan.sections if t.kind in ("list", "table", "card") and not t.labels), None)
    if coll is None:
        return ""
    fresh = OpenCopy(cx.copy.spec, cx.copy.prompt, cx.copy.seed)
    cells = [str(c) for r in (fresh.records(_words(coll), 8) or fresh.items(8)) for c in r]
    found = [(m.group(1), float(m.group(2).replace(",", ""))) for c in cells
             for m in [re.search(r"([$€£])\s?([\d,]+(?:\.\d+)?)", c)] if m]
    if len(found) < 2:
        return ""
    cur = found[0][0]
    vals = [v for c, v in found if c == cur]
    lo, hi = math.floor(min(vals)), math.ceil(max(vals))
    return f"{cur}{lo:,} – {cur}{hi:,}" if lo < hi else ""


def _b_map(cx: _Ctx, s, i: int) -> Node:
    w = _words(s)
    # what the map names ("a launch sites map"): those places, else what the page lists, else places near
    rk, ok = cx.copy.record_kind(w), cx.copy.own_kind(w)
    named = rk if rk in _PINNED_KINDS else ok if ok and cx.copy.names_kind(ok) else None
    own = [r[0] for r in (cx.copy.records_of_kind(named, 4) or [])]  # stops, or a kind of thing's names
    listed = _listed_names(cx, 3)
    if listed and "route" in w.lower() and set(listed) <= set(cx.copy.people(12)):
        listed = []  # "a walk route map" runs between places, not between the people the page lists
    pins = list(s.labels) or own[:4] or listed or cx.rng.sample(list(_map_places(cx)), 3)
    journeys = any("→" in p for p in pins)  # a timetable's map shows where its journeys run, not their times
    if (cx.copy.spec.name == "travel" and not own) or journeys:
        (ca, _a), (cb, _b) = cx.copy.route
        pins = list(s.labels) or [ca, cb]
    # a route where the map says so or the app routes its records (a delivery round, a trip), not between named sites
    route = "route" in (s.phrase or "").lower() or (cx.copy.spec.name in ("logistics", "travel") and not own) \
        or journeys
    # the ground it covers: a harbour's water, open country, else a town's streets
    terrain = "water" if _WATERSIDE.search(cx.plan.prompt) and cx.copy.spec.name not in ("travel", "transport") \
        else "outdoor" if _OUTDOORS.search(cx.plan.prompt) else "town"
    return el(f"s{i}", "map", w=fill(), h=fill(min=cx.pick(360, 320, 260)),
              props={"pins": pins, "route": route, "zoom": 13, "terrain": terrain})


def _b_video(cx: _Ctx, s, i: int) -> Node:
    n = _n(s, 1)
    call = cx.copy.spec.name == "video" or "particip" in (s.phrase or "").lower() or "call" in (s.phrase or "").lower()
    names = _labels(s, n, lambda k: cx.copy.people(n)[k])
    tiles = []
    for k, nm in enumerate(names):
        props = {"muted": k % 3 == 1, "camera_off": k % 4 == 3, "speaking": k == 0} if call else \
            {"duration": f"{cx.rng.randint(2, 48)}:{cx.rng.randint(0, 59):02d}", "progress": cx.rng.random() * 0.6}
        v = el("video", "video", w=fill(), h=fill(min=120), variant="call" if call else "", props=props)
        v.el["text"] = nm if call else ""
        tiles.append(v)
    if n == 1:
        tiles[0].name = f"s{i}"
        return tiles[0]
    cols = {2: 2, 3: 3, 4: 2, 5: 3, 6: 3, 7: 4, 8: 4, 9: 3}.get(n, 4) if not cx.mobile else 2
    return grid(tiles, cols, gap=3, name=f"s{i}", h=fill(min=240))


def _b_media_controls(cx: _Ctx, s, i: int) -> Node:
    call = cx.copy.spec.name == "video" or any(w in " ".join(s.labels).lower() for w in ("mute", "camera", "leave"))
    if call:
        buttons = list(s.labels) or ["Mute", "Camera", "Share", "Leave"]
        return el(f"s{i}", "media_controls", w=fill(), h=72, variant="call",
                  props={"buttons": buttons, "off": buttons[:1]})
    total = cx.rng.randint(150, 320)
    el_ = cx.rng.randint(20, total - 20)
    node = el(f"s{i}", "media_controls", w=fill(), h=cx.pick(88, 88, 120),
              props={"elapsed": f"{el_ // 60}:{el_ % 60:02d}", "total": f"{total // 60}:{total % 60:02d}",
                     "progress": el_ / total, "playing": True})
    cx.player = node.el["props"]
    return node


_LENGTH = re.compile(r"^(?:(\d{1,2}):)?(\d{1,2}):(\d{2})$|^(\d{1,3}) min$")


def _clock(secs: int) -> str:
    """A length as a player shows it: 4:05, or 1:02:05 past an hour."""
    return f"{secs // 3600}:{secs % 3600 // 60:02d}:{secs % 60:02d}" if secs >= 3600 else f"{secs // 60}:{secs % 60:02d}"


def _now_playing(cx: _Ctx) -> None:
    """A player on a page that lists what it plays (chapters, episodes, tracks with their
    lengths) plays the first of them: the row says so, and the scrubber runs the row's length."""
    if cx.player is None or not cx.playable:
        return
    for node in cx.playable:
        m = _LENGTH.match(str(node.el["props"].get("trailing", "")))
        if not m:
            continue
        secs = int(m.group(4)) * 60 if m.group(4) else \
            int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
        at = int(secs * cx.player["progress"])
        cx.player.update(elapsed=_clock(at), total=_clock(secs))
        meta = node.el["props"].get("meta")
        node.el["props"].update(meta=f"Now playing · {meta}" if meta else "Now playing", trailing_role="primary")
        return


def _b_kanban(cx: _Ctx, s, i: int) -> Node:
    n = _n(s, 3)
    statuses = cx.copy.spec.statuses
    titles = _labels(s, n, lambda k: statuses[k % len(statuses)])
    items = cx.copy.records(cx.page_noun, n * 4) or cx.copy.records(cx.plan.prompt, n * 4) or cx.copy.items(n * 4)
    if cx.copy.spec.name == "hotel" and _staff_side(cx):  # a hotel's staff move rooms, by number, not stays
        types = [it[0] for it in cx.copy.records_of_kind("hotel_room", 6) or items]
        items = [(f"Room {100 * (1 + j % 4) + 2 + (j * 7) % 19}", "", types[j % len(types)]) for j in range(n * 4)]
    cols = []
    for k, t in enumerate(titles):
        m = 2 + (k * 7 + 3) % 3 if cx.desktop else (2 if cx.device == "tablet" else 1)
        cards = [{"title": items[(k * 4 + j) % len(items)][0], "tag": items[(k * 4 + j) % len(items)][2],
                  "assignee": cx.copy.people(8)[(k + j) % 8]} for j in range(m)]
        more = cx.rng.randint(0, 4)  # the column's count is what it shows on a desktop, more than fits a phone
        c = el("column", "kanban_column", w=fill(), h=fill(min=260) if not cx.mobile else fixed(196),
               props={"count": m if cx.desktop else m + more, "cards": cards})
        c.el["text"] = t
        cols.append(c)
    if cx.mobile:
        return col(*cols, name=f"s{i}", gap=4, width=fill(), height=hug())
    return row(*cols, name=f"s{i}", gap=5, width=fill(), height=fill(min=320), align="stretch")


def _b_code(cx: _Ctx, s, i: int) -> Node:
    diff = "diff" in (s.phrase or "").lower() or "review" in cx.plan.prompt.lower()
    lines = ["export async function refresh(session: Session) {",
             "-  const token = await api.token(session.id)",
             "+  const token = await retry(() => api.token(session.id), 3)",
             "   if (!token) throw new AuthError(\"expired\")",
             "+  cache.set(session.id, token, { ttl: 60 })",
             "   return token",
             "}"]
    if not diff:
        lines = [ln[1:] if ln[:1] in "+-" else ln for ln in lines if not ln.startswith("-")]
    c = el(f"s{i}", "code", w=fill(), h=fill(min=220), variant="diff" if diff else "",
           props={"lines": lines, "title": s.title or cx.rng.choice(("src/auth/session.ts", "lib/cache.ts"))})
    return c


_STAT_ROW = re.compile(r"\b(stats|statistics|metrics|kpis?|figures|numbers|tiles|cards|overview|summary|"
                       r"highlights|totals)\b", re.IGNORECASE)
#: Titles of a row of figures rather than of one figure ("a stats row", "KPI tiles").
_STAT_HEADS = {"stats", "stat", "kpi", "kpis", "kpi tiles", "metrics", "key metrics", "numbers", "figures", "summary",
               "overview", "key figures", "highlights", "totals", "at a glance"}


#: A ring of these counts toward a goal ("3 of 8 visits"), it is no share.
_COUNTED_RING = re.compile(r"\b(visits?|washes|stamps?|sessions?|classes|lessons?|workouts?|rides?|runs?|drinks?|"
                           r"coffees?|glasses|cups?|books?|steps? goal|check-ins?|days?|nights?|orders?|points?)\b",
                           re.IGNORECASE)


def _b_stat(cx: _Ctx, s, i: int) -> Node:
    # "a battery level progress ring": one ring, of what the prompt names
    one = s.kind == "progress_ring" and s.title and not s.labels and s.count <= 1 and not _plural_phrase(s)
    n = _n(s, 1 if s.kind == "progress_ring" and (_TIMER.search(_words(s)) or one) else cx.pick(4, 4, 2))
    # "a holds count stat": one figure, of what the prompt names (not the domain's own figures)
    titled = s.kind == "stat" and s.title and not s.labels and s.count <= 1 and not _plural_phrase(s) \
        and s.title.lower() not in _STAT_HEADS and not _STAT_ROW.search(_words(s))
    if titled:
        n, s = 1, _Extra(s.kind, 1, [s.title], "", s.position, s.phrase)
    stats = cx.copy.stats(n)
    labels = [s.title] if one else _labels(s, n, lambda k: stats[k % len(stats)][0])
    tiles = []
    for k, lab in enumerate(labels):
        kind = "stat" if s.kind == "stat" or not _has("progress_ring") else s.kind
        if s.kind == "progress_ring" and _TIMER.search(_words(s)):
            # a timer or a countdown: the time left in a large ring, labelled with what it times
            total = cx.rng.choice((5, 10, 15, 20, 25)) * 60
            left = int(total * cx.rng.uniform(0.35, 0.8))
            t = el("ring", "progress_ring", w=fill(), h=cx.pick(360, 320, 240),
                   props={"value": round(left / total, 3), "display": f"{left // 60:02d}:{left % 60:02d}"})
            if k >= len(s.labels):
                lab = f"Remaining of {total // 60} min"
            if n == 1 and not any(t.kind == "button" for t in cx.plan.sections):
                # a timer is worked by its own controls, under it (unless the prompt names its buttons)
                t.el["text"] = lab
                ctl = row(button("pause", "Pause", "secondary", size="md"), button("reset", "Reset", "ghost", size="md"),
                          name="controls", gap=3, justify="center", width=fill())
                tiles.append(col(t, ctl, name="timer", gap=3, width=fill()))
                continue
        elif s.kind == "progress_ring":
            v = cx.rng.randint(30, 90) / 100
            size = cx.pick(160, 160, 140)
            shown = f"{round(v * 100)}%"
            if _COUNTED_RING.search(lab or ""):  # "a visits progress ring": so many of a goal, not a share
                goal = cx.rng.choice((8, 10, 12))
                done = max(1, round(v * goal))
                v, shown = done / goal, f"{done} of {goal}"
            # one ring stands alone, centred, with room for its label under it
            t = el("ring", "progress_ring", w=fixed(size) if one else fill(), h=size + (32 if one else 0),
                   props={"value": v, "display": shown})
        else:
            named = k < len(s.labels)  # a figure the prompt names ("available balance"): its own value
            value = cx.copy.value(lab) if named else stats[k][1]
            # a named figure states itself; a change "vs last month" belongs to trends, not to a due date
            props = {"value": value, "delta": "" if named else f"{cx.rng.choice('+-')}{cx.rng.randint(1, 18)}%"}
            t = el("stat", kind, w=fill(), h=cx.pick(96, 96, 88) if named else cx.pick(120, 120, 104), props=props)
        t.el["text"] = lab
        tiles.append(t)
    if one and len(tiles) == 1:
        return row(tiles[0], name=f"s{i}", justify="center", width=fill())
    return grid(tiles, min(n, cx.pick(4, 4, 2)), gap=cx.pick(5, 5, 4), name=f"s{i}")


_TIMER = re.compile(r"\b(timers?|countdowns?|count down|stopwatch(es)?|time left|time remaining)\b", re.IGNORECASE)


def _b_items_kind(kind: str, default_n: int, h_each: int) -> Callable:
    """Collections drawn by one element with props.items: timeline, accordion, tree, menu,
    description list, avatar group, stories."""
    def build(cx: _Ctx, s, i: int) -> Node:
        # a timeline that is the page's one collection reads to its foot, as a list does
        n = _n(s, min(cx.rows, 8) if kind == "timeline" and cx.rows else 3 if kind == "accordion" and cx.mobile
               else default_n)  # a phone's accordion: three entries and the open one's text
        own_k = cx.copy.record_kind(_words(s)) or cx.copy.own_kind(_words(s)) if kind in ("accordion", "tree") else None
        own = cx.copy.records_of_kind(own_k, n) if own_k else None
        noun = own_k.split(":")[-1] if own_k and own_k.startswith("own:") else ""  # a kind of thing's noun, if any
        if kind == "accordion" and not own and not s.labels and s.title:  # "an agenda items accordion"
            words = s.title.lower().split()
            noun = " ".join(words[:-1] + [singular(words[-1])])
            own = cx.copy.kind_records(noun, n)
        rows = own or cx.copy.items(n)  # what the section names ("a materials accordion"), else the domain's
        labels = _labels(s, n, lambda k: rows[k % len(rows)][0])
        props: dict = {}
        if kind == "timeline":  # named steps as written, else what the timeline tracks
            events = cx.copy.events(_words(s), n)
            # a parcel's journey has the stages it has, each once
            n = max(min(n, len(dict.fromkeys(e[0] for e in events))), len(s.labels[:n]))
            done = all(re.search(r"\bDone\b", str(e[1])) for e in events[:n])  # a log of what was done: all of it
            props = {"items": [[lab, events[k][1]] for k, lab in enumerate(_labels(s, n, lambda k: events[k][0]))],
                     "current": n - 1 if done else n // 2}
        elif kind == "description_list" and not s.labels and cx.copy.details(_words(s)):
            props = {"items": cx.copy.details(_words(s))}  # one ticket's facts: from, to, when, seat
            n = len(props["items"])
        elif kind == "description_list":
            stats = cx.copy.stats(n)
            props = {"items": [[lab, stats[k][1] if not s.labels else cx.copy.fact(lab, _words(s))]
                               for k, lab in enumerate(labels if s.labels else [st[0] for st in stats])]}
        elif kind in ("avatar_group", "stories"):
            props = {"names": labels if s.labels else cx.copy.people(n)}
        elif kind == "tree":
            props = {"items": [[0 if k == 0 else 1, lab] for k, lab in enumerate(labels)], "active": 1}
        elif kind == "accordion":
            # the open entry says what its record says ("Bank A · Accepted"), else a sentence
            body = " · ".join(x for x in own[0][1:] if x) if own and not s.labels else ""
            column = cx.copy.kind_column(noun) if body and noun else ""
            body = f"{column}: {body}" if column else body  # "Lead: Donna Deleon · Done"
            props = {"items": labels, "open": 0, "body": body or cx.copy.sentence(0)}
        else:  # menu
            props = {"items": labels, "active": 0}
        each = h_each - 12 if cx.mobile and kind == "timeline" else h_each
        h = each * n + 24 if kind not in ("avatar_group", "stories") else h_each
        if kind == "accordion":  # its rows at their drawn height (52), and room for the open one's two lines
            h = 52 * n + 24 + 44
        if _role(s) == "summary":  # totals: a narrow card at the end of what they add up
            c = card(f"s{i}", el("body", kind, w=fill(), h=fixed(h), props=props), title="Summary", gap=3,
                     pad=cx.pick(5, 5, 4), w=fill() if cx.mobile else fixed(cx.pick(440, 400, 0)), h=hug())
            c.align_self = "end"
            return c
        if kind == "avatar_group" and s.title and not s.labels and not cx.mobile:
            # "a volunteer avatars group": who they are, in a card titled with them, and how many
            who = s.title if s.title.lower().endswith("s") or s.title.lower() in _COLLECTIVE else _plural(s.title)
            names = props["names"]
            body = col(el("body", kind, w=fill(), h=fixed(h), props=props),
                       text("meta", f"{', '.join(p.split()[0] for p in names[:2])} and {len(names) - 2} more", "small"),
                       name="who", gap=2, width=fill())
            c = card(f"s{i}", body, title=who[:1].upper() + who[1:], gap=3, pad=cx.pick(5, 5, 4), h=hug())
            c.align_self = "start"
            return c
        if kind in ("timeline", "accordion", "tree", "description_list"):
            # it ends with its entries: stretched to the foot of the page it would be mostly empty
            return card(f"s{i}", el("body", kind, w=fill(), h=fixed(h), props=props),
                        title=_section_title(s, cx, {"timeline": "Activity", "accordion": "Details",
                                                     "tree": "Folders", "description_list": "Details"}[kind]),
                        gap=3, pad=cx.pick(5, 5, 4), h=hug(), content="list" if kind == "timeline" else "")
        return el(f"s{i}", kind, w=fill(), h=fixed(h), props=props)
    return build


_DOC_COMMENTS = ("Can we put a date on the rollout?", "Love the goals section: clear and measurable.",
                 "Who signs off on the copy changes?", "Let's link the interview notes here.")


#: What reviewers judge and leave notes on (an application, an essay, a submission).
_REVIEWED = re.compile(r"\b(review\w*|essays?|applications?|submissions?|judg\w*|shortlist\w*|scor\w*)\b",
                       re.IGNORECASE)
_REVIEW_COMMENTS = ("Clear goals and strong references. Shortlist.", "Well argued, but over the word limit.",
                    "Good fit for the criteria; I'd like a second read.", "Missing the transcript; ask before we decide.")


def _b_comment(cx: _Ctx, s, i: int) -> Node:
    n = _n(s, 3)
    names = _labels(s, n, lambda k: cx.copy.people(n)[k])
    on_doc = _EDITOR.search(cx.plan.prompt) is not None  # comments on a document being written
    # a ticket's or a request's thread: the messages of one conversation, in order
    convo = _THREAD_LINES.get(cx.copy.spec.name) if cx.copy.spec.name not in ("social", "watch", "generic") else None
    # reviewers' notes on what is judged (an application, an essay, a submission)
    reviewing = not convo and cx.copy.spec.name in ("generic", "jobs", "education") and _REVIEWED.search(
        cx.plan.prompt) is not None
    kids = [el("comment", "comment", w=fill(), h=112,
               props={"meta": f"{cx.rng.randint(2, 50)} min ago",
                      "body": _DOC_COMMENTS[k % len(_DOC_COMMENTS)] if on_doc else convo[k % len(convo)] if convo
                      else _REVIEW_COMMENTS[k % len(_REVIEW_COMMENTS)] if reviewing
                      else cx.copy.comment(k) if cx.copy.spec.sentences and cx.copy.spec.name != "generic"
                      else cx.copy.items(n)[k][0],
                      "actions": ["Reply", "Like"],
                      "likes": cx.rng.randint(0, 24)})
            for k in range(n)]
    for k, nm in enumerate(names):
        kids[k].el["text"] = nm
    c = card(f"s{i}", *kids, title=_section_title(s, cx, "Comments"), gap=3, pad=cx.pick(5, 5, 4), h=hug())
    c.align_self = "start"  # as tall as its comments: a stretched thread would squeeze under its title
    return c


#: What a notice says by what its name warns of, first match wins (`_notice`).
_NOTICES: tuple[tuple[str, Callable[[random.Random, str], str]], ...] = (
    (r"\bexpir", lambda r, t: f"{r.randint(2, 6)} items expire in the next 2 days. Use or share them first."),
    (r"\boverdue\b", lambda r, t: f"{r.randint(2, 5)} are overdue. Send a reminder today."),
    (r"\blow stock|running low\b", lambda r, t: f"{r.randint(2, 6)} items are running low. Reorder before the weekend."),
    (r"\w+ (warning|alert|watch|advisory)$",
     lambda r, t: f"{t} in effect until {r.choice((18, 20, 22))}:00 today. Check the latest updates before you go."),
)


def _notice(cx: _Ctx, title: str) -> str:
    """What a notice the prompt names says, from its name ("a flood warning", "an expiry alert",
    "an overdue alert"), or "" for one the domain's sentences say better."""
    return next((say(cx.rng, title) for pattern, say in _NOTICES if re.search(pattern, title.lower())), "")


#: Gauges of a measure with a scale of its own: (words of its label, low, high, unit).
_GAUGE_SCALES = ((r"\b(sugar|brix)\b", 15, 30, " °Bx"), (r"\bph\b", 0, 14, ""),
                 (r"\b(wind|speed)\b", 0, 120, " km/h"), (r"\b(pressure)\b", 960, 1060, " hPa"))


def _b_single(kind: str, h: float, w=None, **defaults) -> Callable:
    """One element of `kind` per count with text from the labels (alerts, toasts, sliders…)."""
    def build(cx: _Ctx, s, i: int) -> Node:
        n = _n(s, 1, cx.pick(4, 3, 4) if kind == "file_tile" else 0)
        stats = cx.copy.stats(n)
        # "ticket types with steppers": a stepper for each record of the title's noun, beside it
        recs = cx.copy.records(s.title, n) if kind == "stepper" and s.title and n > 1 and not s.labels else None
        labels = [r[0] for r in recs] if recs else _labels(s, n, lambda k: stats[k % len(stats)][0])
        if kind in ("gauge", "slider") and n == 1 and s.title and not s.labels:
            labels = [s.title]  # "a humidity gauge" reads humidity
        if kind in ("slider", "rating", "stepper") and n == 1 and cx.picked is not None and \
                not _FILTERING.search(_words(s)):
            labels = [f"{labels[0]} · {cx.picked[1][_name_cell(cx.picked[1])]}"]  # it sets the highlighted row
        nodes = []
        for k, lab in enumerate(labels):
            props = dict(defaults)
            if kind == "slider" and re.search(r"\b(scores?|ratings?|grades?|marks?|judg\w*)\b",
                                              f"{s.title} {s.phrase}".lower()):
                v = cx.rng.randint(5, 9)  # a judge's score out of ten
                props = {"value": v / 10, "display": f"{v} / 10"}
                cx.scores.append(v)
            elif kind == "slider" and re.search(r"\b(percent(age)?|rollout|share)\b", f"{s.title} {s.phrase}".lower()):
                v = cx.rng.choice((10, 25, 50, 75))
                props = {"value": v / 100, "display": f"{v}%"}
                cx.settings.append((f"{s.title} {s.phrase}", f"{v}%"))
            elif kind == "slider" and _FILTERING.search(_words(s)) and \
                    re.search(r"\b(price|prices|cost|fee|fees|budget|rate)\b", f"{s.title} {s.phrase}".lower()):
                # "a price range slider": from the cheapest to the dearest the page lists
                span = _price_span(cx)  # two thumbs where it spans a range
                props = {"values": [0.15, 0.8], "display": span} if span else \
                    {"value": cx.rng.randint(45, 75) / 100, "display": cx.copy.figure(lab)}
            elif kind == "slider":  # a slider the prompt names sets that ("a roof size slider": m²)
                props = {"value": cx.rng.randint(20, 80) / 100,
                         "display": cx.copy.figure(lab) if k < len(labels) and (s.title or s.labels) else stats[k][1]}
            elif kind == "stepper":
                props = {"value": cx.rng.randint(1, 4), "min": 0, "max": 9}
            elif kind == "rating":
                props = {"value": cx.rng.randint(38, 49) / 10, "max": 5}
                # a rating of what the prompt names ("a colony strength rating") says so; else its reviews
                lab = lab if s.labels else (s.title if len(s.title.split()) > 1 else f"{s.title} rating") if s.title \
                    else f"{cx.rng.randint(20, 900)} reviews"
            elif kind in ("alert", "toast") and cx.picked is not None and \
                    re.search(r"\b(polic\w*|limits?|budgets?|rules?|compliance)\b", f"{s.title} {s.phrase}".lower()):
                # a policy warning on a queue: about the row in review, short enough to read whole
                cols_, cells = cx.picked
                what = next((c for c, h in zip(cells, cols_) if re.search(r"\b(category|type|kind)\b", h.lower())),
                            "")
                props = {"message": f"{cells[_name_cell(cells)]} is over the {what.lower() + ' ' if what else ''}"
                                    f"limit. Add a note before approving."}
                lab = s.labels[k] if k < len(s.labels) else (s.title or "Policy warning")
            elif kind in ("alert", "toast"):
                lab = s.labels[k] if k < len(s.labels) else (s.title or f"{cx.copy.spec.noun.capitalize()} updated")
                lab = lab[:1].upper() + lab[1:]
                named = _named_nouns(cx) if cx.copy.spec.name == "generic" else []
                props = {"message": _notice(cx, lab) or (  # of no domain: news of what the page shows
                    f"{cx.rng.randint(2, 5)} new {_plural(named[0])} since {cx.rng.randint(7, 15):02d}:00." if named
                    else cx.copy.sentence(k))}
            elif kind == "date_picker":
                said = s.title if s.title and not s.labels else ""  # "a pickup date picker": Pickup date
                props = {"label": lab if s.labels else (said if "date" in said.lower() else f"{said} date").strip()
                         .capitalize() if said else "Date", "value": "Mar 14, 2027", "month": 3, "year": 2027,
                         "selected": 14, "open": False}
                cx.day = cx.day or (2027, 3, 14)
            elif kind == "time_picker":
                props = {"label": lab if s.labels else "Time", "value": "10:30", "slots": ["10:00", "10:30", "11:00"]}
            elif kind == "file_tile":
                folders = "folder" in (s.phrase or "").lower()
                lab = s.labels[k] if k < len(s.labels) else (
                    ("Design", "Finance", "Photos", "Contracts", "Research", "Archive")[k % 6] if folders else
                    ("Brief.pdf", "Q1-plan.xlsx", "Photos.zip", "Notes.md", "Budget.csv", "Logo.svg")[k % 6])
                props = {"meta": f"{cx.rng.randint(4, 60)} files" if folders else
                         f"{cx.rng.randint(12, 900)} KB · {cx.copy.date()}"}
            elif kind == "dropzone":
                what = s.title.lower() if s.title and n == 1 else ""  # "a resume upload area"
                what = re.sub(r"\s*\b(upload|uploads|uploader|drop ?zone|area|file)\b\s*", " ", what).strip()
                photos = re.search(r"\b(photo|image|picture|screenshot)s?\b", what)
                if photos and not what.endswith("s"):
                    what += "s"  # "a photo upload": drop your photos
                lab = s.labels[k] if k < len(s.labels) else (f"Drop your {what} here or browse" if what
                                                            else "Drop files here or browse")
                props = {"hint": "PDF or DOCX up to 10 MB" if re.search(r"\b(resume|cv|cover letter)\b", what)
                         else "JPG, PNG or HEIC up to 20 MB" if photos else "PDF, PNG or ZIP up to 50 MB"}
            elif kind == "fab":
                props = {"icon": "plus"}
            elif kind == "gauge":
                scale = next((sc for pattern, *sc in _GAUGE_SCALES if re.search(pattern, lab.lower())), None)
                if scale:  # a measure with a scale of its own ("sugar level": °Brix), not a share of 100
                    lo, hi, unit = scale
                    v = cx.rng.uniform(lo + (hi - lo) * 0.35, lo + (hi - lo) * 0.85)
                    props = {"value": (v - lo) / (hi - lo), "display": f"{v:.1f}{unit}", "min": str(lo),
                             "max": str(hi)}
            nd = el(kind, kind, w=w if w is not None else fill(), h=h, props=props)
            nd.el["text"] = lab
            name = s.labels[k] if k < len(s.labels) else s.title if n == 1 else ""
            if recs:
                name = lab
                props["value"] = (2, 1, 0, 0, 0, 0)[k % 6]
            if kind == "stepper" and k < len(s.labels):  # what is ordered, how many: a summary adds them up
                cx.quantities.append((s.labels[k], int(props["value"])))
            if kind == "stepper" and name:  # "a party size stepper": the stepper beside what it counts
                nd.width = fixed(128)
                what = text("label", name, "body", w=fill())
                if recs and (recs[k][1] or recs[k][2]):
                    what = col(what, text("meta", " · ".join(x for x in recs[k][1:] if x), "small"), name="what",
                               gap=1, width=fill())
                nd = row(what, nd, name=f"stepper{k}", gap=3, align="center", width=fill())
            nodes.append(nd)
        if n == 1 and kind == "gauge" and not cx.mobile and not cx.crowded:
            # a gauge among other sections sits in a card, as a dashboard's widgets do
            c = card(f"s{i}", nodes[0], title=s.title[:1].upper() + s.title[1:] if s.title else "", gap=3,
                     pad=cx.pick(5, 5, 4), h=hug())
            c.align_self = "start"
            return c
        if n == 1:
            nodes[0].name = f"s{i}"
            return nodes[0]
        if kind == "file_tile" and not cx.mobile:
            return _titled(cx, s, grid(nodes, min(n, cx.pick(4, 3, 2)), gap=4, name=f"s{i}"), i)
        return _titled(cx, s, col(*nodes, name=f"s{i}", gap=3, width=fill()), i)
    return build


def _b_toast(cx: _Ctx, s, i: int) -> Node:
    return _b_single("toast", 80, fixed(cx.pick(400, 380, 380)))(cx, s, i)


def _b_sheet(cx: _Ctx, s, i: int) -> Node:
    n = _n(s, 4)
    labels = _labels(s, n, lambda k: ("Share", "Add to playlist", "Download", "Report")[k % 4])
    h = 96 + 56 * n
    nd = el(f"s{i}", "bottom_sheet", w=fill(), h=h, props={"items": labels, "scrim": True})
    nd.el["text"] = s.title or cx.title
    return nd


BUILDERS: dict[str, Callable] = {
    "list": _b_list, "list_item": _b_list, "table": _b_table, "chart": _b_chart, "calendar": _b_calendar,
    "card": _b_card, "section": _b_section, "button": _b_button, "input": _b_field("input"),
    "select": _b_field("select"), "search": _b_field("search"), "checkbox": _b_check("checkbox"),
    "radio": _b_check("radio"), "toggle": _b_check("toggle"), "tabs": _b_tabs, "segmented": _b_tabs,
    "badge": _b_chips, "chip": _b_chips, "avatar": _b_avatar, "image": _b_image, "progress": _b_progress,
    "modal": _b_modal, "heading": _b_heading, "text": _b_text, "pagination": _b_pagination,
    "breadcrumb": _b_breadcrumb, "divider": _b_leaf("divider", fill(), 16), "icon": _b_leaf("icon", 24, 24, name="star"),
    "logo": _b_leaf("logo", 132, 32),
    "map": _b_map, "video": _b_video, "media_controls": _b_media_controls, "kanban_column": _b_kanban,
    "code": _b_code, "stat": _b_stat, "progress_ring": _b_stat, "gauge": _b_single("gauge", 180),
    "timeline": _b_items_kind("timeline", 4, 64), "accordion": _b_items_kind("accordion", 4, 56),
    "tree": _b_items_kind("tree", 6, 36), "menu": _b_items_kind("menu", 5, 40),
    "description_list": _b_items_kind("description_list", 4, 44),
    "avatar_group": _b_items_kind("avatar_group", 5, 40), "stories": _b_items_kind("stories", 6, 96),
    "comment": _b_comment, "slider": _b_single("slider", 56), "stepper": _b_single("stepper", 48),
    "rating": _b_single("rating", 28), "alert": _b_single("alert", 72), "toast": _b_toast,
    "date_picker": _b_single("date_picker", 72), "time_picker": _b_single("time_picker", 72),
    "file_tile": _b_single("file_tile", 64), "dropzone": _b_single("dropzone", 160),
    "skeleton": _b_single("skeleton", 160), "fab": _b_single("fab", 56, fixed(56)),
    "tooltip": _b_single("tooltip", 40, hug()), "bottom_sheet": _b_sheet,
}


@dataclass
class _Extra:
    """A section as a builder reads it (the PlanSection fields it reads), for a builder that draws a
    section with other fields than the plan gave (a button named by its title)."""

    kind: str
    count: int = 1
    labels: list[str] = field(default_factory=list)
    title: str = ""
    position: str = "main"
    phrase: str = ""
    first: bool = False  # a phone draws it before the plan's sections (the record a page is about)


def _b_record_line(cx: _Ctx, s, i: int) -> Node:
    """The second line and the price (or status) of the record a page is about, in a row."""
    _name, line, trailing = cx.record or ("", "", "")
    return row(text("line", line, "body", w=fill(), lines=1), text("price", trailing, "title", w=hug(), lines=1),
               name=f"s{i}", gap=3, align="center", width=fill())


#: The messages of a conversation by domain.
_THREAD_LINES = {
    "video": ("Can everyone see my screen?", "Yes, all good.", "Great — let's start with the launch checklist.",
              "I'll take notes."),
    "support": ("Hi, I can't reset my password: the link in the email has expired.",
                "Sorry about that! I've sent you a new link; it works for 24 hours.", "That worked, thank you!",
                "Glad to hear it. Is there anything else I can help with?"),
    "generic": ("Are we still on for Thursday?", "Yes, 3 pm works for me.", "Great, I'll book the room.",
                "Perfect, see you then."),
}
#: A section that is one conversation ("conversation on the right", "a chat"), not a list of them.
_ONE_CONVERSATION = re.compile(r"(?:(?:the|a|an|one|open|current|active|selected)\s+)*"
                               r"(?:conversation|chat|thread|message thread|chat thread|conversation view|chat window)",
                               re.IGNORECASE)


def _b_thread(cx: _Ctx, s, i: int) -> Node:
    """A conversation: who it is with, message bubbles and the composer."""
    from engine.compose.pages import chat_head

    lines = list(cx.copy.spec.sentences) if cx.copy.spec.name == "social" else \
        list(_THREAD_LINES.get(cx.copy.spec.name, _THREAD_LINES["generic"]))
    bubbles = []
    for k, msg in enumerate(lines):
        mine = k % 2 == 1
        b = card("bubble", text("message", msg, "body", lines=3), gap=1, pad=3, w=hug(max=cx.pick(420, 360, 280)),
                 role="primary" if mine else "surface-muted", variant="flat", props={"bubble": True})
        b.align_self = "end" if mine else "start"
        bubbles.append(b)
    thread = col(*bubbles, name="thread", kind="list", gap=3, width=fill(), height=fill(), justify="end",
                 overflow="drop")  # a list of messages
    composer = row(field_node("message", placeholder="Type a message…"),
                   button("send", "", "secondary", "arrow-up-right"), gap=3, align="center", width=fill())
    return card(f"s{i}", chat_head(cx.copy.people(3)[1]), el("divider", "divider", w=fill(), h=8), thread, composer,
                gap=4, pad=cx.pick(5, 5, 4), h=fill(min=300), content="chat")


BUILDERS["_thread"] = _b_thread
BUILDERS["_record_line"] = _b_record_line


def _b_seats(cx: _Ctx, s, i: int) -> Node:
    """A seat map: rows of seats with an aisle, taken seats muted, the chosen ones in the primary
    colour, the screen or the front of the cabin above and a legend under it."""
    plane = re.search(r"\b(airline|flight|plane|cabin|aircraft)\b", cx.plan.prompt.lower()) is not None
    rows_n, per = (cx.pick(8, 8, 10), 6) if plane else (cx.pick(7, 7, 8), cx.pick(14, 12, 8))
    size = cx.pick(28, 28, 24) if not plane else cx.pick(36, 36, 30)
    gap = 2
    m = re.search(r"\b(\d+|one|two|three|four|five|six|seven|eight)\s+(?:\w+\s+)?(seats|tickets|places|seat|ticket)\b",
                  cx.plan.prompt.lower())
    words = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
    want = max(1, min(per - 2, int(m.group(1)) if m and m.group(1).isdigit() else words.get(m.group(1), 2) if m else 1 if plane else 2))
    first = per // 2 - (want + 1) // 2
    chosen = {(rows_n // 2, c_) for c_ in range(first, first + want)}
    lines = cx.copy.seat_lines(want)
    stage = re.search(r"\b(theat|opera|ballet|concert|musical|stage|show|gig|comedy|orchestra|symphon)",
                      cx.plan.prompt.lower()) is not None
    grid_rows = [row(text("front", "Front of cabin" if plane else "Stage" if stage else "Screen", "caption", "text-muted", align="center"),
                     width=fill(), justify="center")]
    for r_ in range(rows_n):
        seats: list[Node] = [text("row", str(r_ + 1) if plane else "ABCDEFGHJKLMN"[r_], "caption", "text-muted",
                                  w=fixed(20))]
        for c_ in range(per):
            if c_ == per // 2:
                seats.append(Node(width=fixed(size // 2 + 4), height=fixed(size)))  # the aisle
            taken = (r_ * 7 + c_ * 3 + cx.rng.randint(0, 1)) % 5 == 0 and (r_, c_) not in chosen
            role = "primary" if (r_, c_) in chosen else "text-muted" if taken else "surface-muted"
            seats.append(card("seat", w=fixed(size), h=fixed(size), pad=0, role=role, variant="flat"))
        grid_rows.append(row(*seats, gap=gap, align="center", justify="center", width=fill()))
    legend = row(*[row(card("key", w=fixed(16), h=fixed(16), pad=0, role=r, variant="flat"),
                       text("label", lab, "small", w=hug()), gap=2, align="center", width=hug())
                   for lab, r in (("Available", "surface-muted"), ("Taken", "text-muted"), ("Your seats", "primary"))],
                 gap=5, justify="center", width=fill())
    seats_col = col(*grid_rows, gap=gap + 1, width=fill(), align="center")
    _d, q, unit = lines[0]
    row_name = str(rows_n // 2 + 1) if plane else "ABCDEFGHJKLMN"[rows_n // 2]
    picked = text("picked", f"{q} seat{'s' if q > 1 else ''} · row {row_name} · {q} × ${unit:,.2f} = ${q * unit:,.2f}",
                  "body-strong", align="center")
    return card(f"s{i}", seats_col, legend, picked, title=_section_title(s, cx, "Choose your seats"), gap=5,
                pad=cx.pick(6, 6, 4), h=hug(), content="seat-map")


def _b_slots(cx: _Ctx, s, i: int) -> Node:
    """Open times to book: a titled card of time chips, one chosen (not one time field)."""
    n = s.count if s.count > 1 else cx.pick(8, 8, 6)
    start = cx.rng.choice((8, 9, 10))
    times = [f"{start + (k * 45) // 60:02d}:{(k * 45) % 60:02d}" for k in range(n)]
    chips = []
    for k, t in enumerate(times):
        c = el("chip", "chip", w=fixed(cx.pick(96, 96, 96)), h=36, padding=(0, 3, 0, 3), props={"selected": k == 2})
        c.text, c.style = t, "label"
        c.el["text"] = t
        chips.append(c)
    per = cx.pick(4, 4, 3)
    grid_ = col(*[row(*chips[k:k + per], gap=3, width=fill()) for k in range(0, n, per)], gap=3, width=fill())
    title = _section_title(s, cx, "Available times")
    if title.lower() in ("open", "available", "free"):
        title = "Available times"
    day = f"{cx.rng.choice(('Tue', 'Wed', 'Thu'))} {cx.copy.date()}"
    if cx.day is not None:  # the day the page's calendar or date field has picked
        d = datetime.date(*cx.day)
        day = f"{d:%a %b} {d.day}"
    return card(f"s{i}", text("day", day, "small", "text-muted"),
                grid_, title=title, gap=3, pad=cx.pick(5, 5, 4), h=hug())


#: A toolbar's tools by what the screen edits (pattern on the prompt), first match wins: (label, icon).
_TOOLS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (r"\b(photo|image|picture|camera|retouch)", (("Crop", ""), ("Rotate", "repeat"), ("Adjust", "settings"),
                                                 ("Filters", "filter"), ("Export", "download"))),
    (r"\b(video|clip|film|footage|timeline editor)", (("Cut", "x"), ("Split", ""), ("Speed", "clock"), ("Titles", ""),
                                                     ("Export", "download"))),
    (r"\b(draw|sketch|whiteboard|diagram|vector|illustrat|design tool)", (("Select", ""), ("Pen", ""), ("Shape", ""),
                                                                         ("Text", ""), ("Image", "image"))),
    (r"\b(code|ide|script|notebook|terminal)", (("Run", ""), ("Debug", ""), ("Format", ""), ("Search", "search"),
                                              ("Commit", "check"))),
    (r"\b(sheet|spreadsheet|cells?)\b", (("Sort", ""), ("Filter", "filter"), ("Format", ""), ("Chart", "chart"),
                                        ("Sum", ""))),
    (r"\b(doc|document|text|writ|note|article|mail|email|editor|post)", (("Bold", ""), ("Italic", ""), ("Link", ""),
                                                                         ("List", ""), ("Image", "image"))),
)
_DEFAULT_TOOLS = (("Edit", ""), ("Duplicate", ""), ("Share", "arrow-up-right"), ("Archive", "folder"), ("Delete", "x"))
_TOOLBAR_WORDS = re.compile(r"\b(tool ?bar|action bar|formatting bar|tools? row|tool palette)\b", re.IGNORECASE)


def _is_toolbar(s) -> bool:
    """A bar of tools the prompt asks for ("a toolbar"), read by the planner as a navbar or header."""
    return s.kind in ("navbar", "header", "section") and bool(_TOOLBAR_WORDS.search(s.phrase or ""))


def _b_toolbar(cx: _Ctx, s, i: int) -> Node:
    """A toolbar: a row of small ghost buttons with the tools of what the screen edits (`_TOOLS`),
    or the tools the prompt names; a phone shows four."""
    low = cx.plan.prompt.lower()
    tools = next((t for pattern, t in _TOOLS if re.search(pattern, low)), _DEFAULT_TOOLS)
    icons = dict(tools)
    labels = _labels(s, len(s.labels) or (4 if cx.mobile else len(tools)), lambda k: tools[k % len(tools)][0])
    return row(*[button(f"tool{k}", lab, "ghost", icons.get(lab, ""), size="sm") for k, lab in enumerate(labels)],
               name=f"s{i}", kind="navbar", gap=2, align="center", width=hug())


_COMMENTS = re.compile(r"\b(comments?|discussion|replies|feedback)\b", re.IGNORECASE)
_FILTERS = re.compile(r"\bfilters?\b|\brefine\b", re.IGNORECASE)
#: The groups of a filter panel by what the screen lists (pattern on the prompt), first match
#: wins; each group a title and its options. Else the domain's own tags and statuses.
FILTER_GROUPS: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...] = (
    (r"\b(car|vehicle)s?\b.*\b(rent|rental|hire)|\b(rent|rental|hire)\b.*\b(car|vehicle)s?\b",
     (("Car type", ("Small", "Medium", "SUV", "Van")), ("Transmission", ("Automatic", "Manual")))),
    (r"\b(hotel|stay|room|accommodation)s?\b", (("Stars", ("5 stars", "4 stars", "3 stars")),
                                               ("Amenities", ("Free Wi-Fi", "Breakfast", "Pool", "Parking")))),
    (r"\b(flight|airline)s?\b", (("Stops", ("Nonstop", "1 stop", "2+ stops")),
                                  ("Airlines", ("KLM", "Lufthansa", "easyJet")))),
    (r"\b(job|role|position|vacanc)", (("Job type", ("Full-time", "Part-time", "Contract")),
                                      ("Workplace", ("Remote", "Hybrid", "On-site")))),
    (r"\b(shoe|sneaker|dress|shirt|fashion|clothing|apparel)", (("Size", ("S", "M", "L", "XL")),
                                                              ("Colour", ("Black", "White", "Navy")))),
    (r"\b(recipe|meal|dish)", (("Diet", ("Vegetarian", "Vegan", "Gluten-free")), ("Time", ("Under 30 min",
                                                                                        "Under 1 hour")))),
    (r"\b(home|house|apartment|flat|propert)", (("Type", ("Apartment", "House", "Studio")),
                                                ("Bedrooms", ("1+", "2+", "3+")))),
)


def _b_filters(cx: _Ctx, s, i: int) -> Node:
    """A filter panel ("a filter sidebar"): two groups of checkboxes for what the screen lists
    (`FILTER_GROUPS`, else the domain's tags and statuses), a price range where the screen is
    about prices, and an Apply button."""
    low = cx.plan.prompt.lower()
    groups = next((g for pattern, g in FILTER_GROUPS if re.search(pattern, low)), None)
    if groups is None:
        tags = tuple(t for t in cx.copy.spec.tags if t != "All") or ("Recent", "Shared", "Mine")
        groups = (("Category", tags[:4]), ("Status", tuple(cx.copy.spec.statuses)[:3]))
    kids: list[Node] = []
    for g, (title, opts) in enumerate(groups):
        kids.append(text(f"s{i}g{g}", title, "label", "text"))
        # nothing ticked yet: every record below is one the filters let through
        kids += [check(f"s{i}g{g}o{k}", "checkbox", o, False) for k, o in enumerate(opts)]
    if re.search(r"\b(price|cost|budget|per day|per night|fare|rent)", low):
        cur = "€" if "€" in " ".join(cx.copy.items(1)[0]) else "$"  # the currency the records are priced in
        slider = el(f"s{i}price", "slider", w=fill(), h=56,
                    props={"value": 0.6, "display": f"Up to {cur}" + str(cx.rng.choice((80, 120, 150, 250)))})
        slider.el["text"] = "Price"
        kids.append(slider)
    kids.append(button(f"s{i}apply", "Apply filters", "secondary", size="sm", w=fill()))
    return card(f"s{i}", *kids, title=s.title if s.title and not _FILTERS.fullmatch(s.title) else "Filters",
                gap=3, pad=cx.pick(5, 5, 4), h=hug())


def _build(cx: _Ctx, s, i: int) -> Node:
    if s.kind in ("sidebar", "section") and not s.labels and _COMMENTS.search(s.phrase or ""):
        # "a comments sidebar": the comments, in the place the prompt gives them
        s = _Extra(kind="comment", title=s.title, position="right" if s.kind == "sidebar" else s.position,
                   phrase=s.phrase)
    if s.kind in ("list", "list_item") and not s.labels and s.count <= 1 \
            and _ONE_CONVERSATION.fullmatch((s.phrase or "").strip()):
        s = _Extra(kind="_thread", title=s.title, position=s.position, phrase=s.phrase)
    if s.kind in ("sidebar", "section", "card", "list") and not s.labels and s.count <= 1 \
            and _FILTERS.search(f"{s.title} {s.phrase}") and not re.search(r"\b(chips?|tabs?|buttons?)\b",
                                                                             (s.phrase or "").lower()):
        node = _b_filters(cx, s, i)
        if i >= 0:
            _tag(node, i)
        return node
    if s.kind in ("card", "section", "description_list") and not s.labels and _COST_SUMMARY.search(_words(s)):
        node = _b_costs(cx, s, i)  # "a ride cost summary": the charges and their total
        if i >= 0:
            _tag(node, i)
        return node
    if _is_toolbar(s):
        node = _b_toolbar(cx, s, i)
        if i >= 0:
            _tag(node, i)
        return node
    kind = s.kind if s.kind in ("_review", "_summary", "_details", "_next") or s.kind in BUILDERS and (
        s.kind in ("section", "_thread", "_record_line") or _has(s.kind)) else "section"
    if kind != s.kind:
        cx.notes.append(f"{s.kind!r} is not an element kind: drawn as a titled section")
    if kind == "card" and re.search(r"\bseat", (s.phrase or "").lower()):
        kind = "_seats"
    if kind == "time_picker" and re.search(r"\b(slots?|times|availability)\b", (s.phrase or "").lower()):
        kind = "_slots"
    node = {"_seats": _b_seats, "_slots": _b_slots, "_review": _b_review, "_summary": _b_summary,
            "_details": _b_details, "_next": _b_next}.get(kind, BUILDERS.get(kind))(cx, s, i)
    if i >= 0:
        _tag(node, i)
    return node


def _tag(n: Node, i: int) -> None:
    """Mark the elements a section produced (the section's own kind, or its outermost elements)."""
    if n.kind:
        n.el.setdefault("props", {})["plan_section"] = i
        return
    for c in n.children:
        _tag(c, i)


_VALUE_LABEL = re.compile(r"\b(total|subtotal|tax|vat|discount|fee|shipping|balance|amount|due)\b", re.I)


def _role(s) -> str:
    """Where a section goes: overlay, action, toolbar, stat, hero, aside or bar."""
    k = s.kind
    if k in OVERLAYS or s.position == "overlay":
        return "overlay"
    if k == "media_controls":
        return "bar"
    if k in ("button", "fab"):
        return "action"
    if k == "_thread":
        return "hero"
    if k in TOOLBAR or _is_toolbar(s):
        return "toolbar"
    if k in ("stat", "progress_ring", "file_tile"):  # rows of tiles across the page
        return "stat"
    if k == "_summary" or k == "description_list" and s.labels and all(_VALUE_LABEL.search(lab) for lab in s.labels):
        return "summary"  # "tax and total": under what it sums up
    if k in HERO:
        return "hero"
    return "aside"


# -- the page ---------------------------------------------------------------------------------------
#: Domains whose record's second line describes one record's page (an invoice's number and date, a
#: recipe's time and servings).
_RECORD_SUBTITLE = ("billing", "food", "events", "realestate", "hotel", "jobs", "shop", "watch")
#: Page nouns that name a collection, not one record ("recruiting board", "bus timetable").
_COLLECTION_HEADS = {"board", "pipeline", "schedule", "timetable", "catalogue", "catalog", "results", "list", "menu",
                     "shop", "store", "inventory",
                     "feed", "calendar", "tracker", "dashboard", "inbox", "queue", "library", "directory", "search"}


#: Page nouns of screens that do not change as they are watched (a booking, a menu, a guide).
_STILL_HEADS = {"booking", "reservation", "menu", "guide", "form", "checkout", "signup", "sign-up", "registration",
                "builder", "picker", "selection", "page", "profile", "settings", "onboarding", "application"}
#: Page nouns of screens whose data changes as it is watched: their subtitle says when it was updated.
_LIVE_HEADS = {"dashboard", "monitor", "tracker", "console", "status", "overview", "analytics", "feed", "centre",
               "center", "log"}


def _header(cx: _Ctx, actions: list[Node]) -> Node:
    n, ago = cx.rng.randint(12, 240), cx.rng.randint(2, 50)
    head = re.findall(r"[a-z]+", _HEAD_CUT.split(cx.plan.prompt.lower(), maxsplit=1)[0])
    head = [w for w in head if w not in ("page", "screen", "app", "view", "detail", "details", "overview", "mobile")]
    collection = not head or head[-1] in _COLLECTION_HEADS or any(s.kind == "kanban_column" for s in cx.plan.sections)
    if cx.record is not None:
        sub = " · ".join(x for x in (cx.record[1], cx.record[2]) if x)  # the record the page is about
    elif head and not head[-1].endswith("s") and cx.copy.spec.name in _RECORD_SUBTITLE and not collection and \
            _head_keyword(cx.plan.prompt, cx.copy.spec):
        sub = cx.copy.items(1)[0][1]  # one record's page ("freelance invoice"): its own line, not a count
    elif cx.counted and head and head[-1] not in _LIVE_HEADS and len({t for _n, t in cx.counted}) == 1 and \
            cx.counted[0][1].lower().endswith("s") and len(cx.counted[0][1].split()) <= 4 and \
            not any(s.kind in ("chart", "stat", "gauge", "progress_ring")
                                                               for s in cx.plan.sections):
        n_, what = cx.counted[0]  # "Car rental search results": how many cars it lists
        sub = _count_of(n_, what, cx.plan.prompt)
    elif not cx.counted and all(s.kind in _FORM_KINDS or _role(s) in ("action", "toolbar", "overlay")
                                for s in cx.plan.sections):
        sub = ""  # a form: its title says what it is for, and nothing has been updated
    elif head and head[-1] in _STILL_HEADS:
        sub = ""  # a booking, a menu, a guide or a form is not "updated N min ago": its title says what it is
    elif head and (not head[-1].endswith("s") or collection):
        sub = f"Updated {ago} min ago"
    else:
        nouns = [noun_of(_words(s)) for s in cx.plan.sections]
        noun = next((x for x in nouns if x and x != "line"), None)
        noun = {"story": "stories", "wine": "bottles", "staff": "staff"}.get(noun or "", f"{noun}s" if noun else "")
        sub = f"{n} {noun or cx.copy.spec.noun} · updated {ago} min ago"
    titles = col(heading("title", cx.title, "h2" if not cx.mobile else "h3", lines=1),
                 *([text("subtitle", sub, "body")] if sub else []), gap=1, width=fill())
    return row(titles, *actions, name="header", gap=3, align="center", width=fill())


#: First words of a button that acts on one record of a list, not on the page ("Reserve", "Log send").
_ROW_VERBS = {"reserve", "book", "rent", "hire", "log", "enrol", "enroll", "join", "follow", "rsvp", "claim",
              "adopt", "apply", "select", "choose", "watch", "listen", "install", "redeem", "unlock", "attend"}


def _one_word(w: str) -> str:
    """A word's singular, near enough to compare ("classes" → class, "routes" → route)."""
    return w[:-2] if w.endswith(("sses", "ches", "shes", "xes")) else w[:-1] if w.endswith("s") \
        and not w.endswith("ss") else w


def _row_action(sections: list, cx: _Ctx):
    """The one named button of a screen whose other content is one list or set of cards of a
    noun's records, when the button's verb acts on a record ("Reserve", "Book", "Log send"):
    a real screen puts it on each record, not once above them. None otherwise."""
    buttons = [s for s in sections if s.kind == "button" and len(s.labels) == 1 and s.count <= 1]
    records = [s for s in sections if s.kind in ("list", "list_item", "card") and not s.labels
               and not re.match(r"(recent|past|previous|last)\b", s.phrase or "")]  # what was done is not acted on
    if len(buttons) != 1 or len(records) != 1 or any(s.kind in ("table", "modal", "bottom_sheet", "input")
                                                       for s in sections):
        return None
    words = buttons[0].labels[0].lower().split()
    if not words or words[0] not in _ROW_VERBS:
        return None
    # "Book car" on a car rental's list of extras acts on the car the page is about, not on an extra
    one = _one_word
    held = {one(w) for w in re.findall(r"[a-z]+", _words(records[0]).lower())}
    rest = cx.plan.prompt.lower().replace(buttons[0].labels[0].lower(), " ")  # the prompt but the button
    said = {one(w) for w in re.findall(r"[a-z]+", rest)}
    obj = [one(w) for w in words[1:]]
    if obj and not set(obj) & held and set(obj) & said:
        return None
    return buttons[0] if cx.copy.record_kind(_words(records[0])) or _plural_phrase(records[0]) else None


_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})\b")
_MONTH_DAY = re.compile(r"^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? (\d{1,2})\b")
_LENGTH_COLUMN = re.compile(r"\b(duration|length|runtime|elapsed|time left|remaining|avg|average|total)\b",
                            re.IGNORECASE)
_MONTHS3 = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


#: A date by its day, as dated records show it ("Tue 9 Feb").
_DAY_DATE = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2}$")


def _in_order(rows: list, fields: int = 0, cols: list[str] | None = None) -> list:
    """Records in the order a product lists them: by the first field that holds a time of day in
    every record, earliest first (a timetable, a day's log); else by the first that holds a date
    in every record, newest first (receipts, transactions). Unchanged when no field does, or when
    one before it dates each record by its day ("Tue 9 Feb": the records come in order). Only
    the first `fields` fields are looked at (all when 0), and no column whose name in `cols`
    says it holds a length of time ("Duration": 34:44 is not a time of day)."""
    if len(rows) < 2:
        return rows
    n = min(len(r) for r in rows)
    for k in range(min(n, fields) if fields else n):
        if cols and k < len(cols) and _LENGTH_COLUMN.search(cols[k]):
            continue
        cells = [str(r[k]) for r in rows]
        if all(_DAY_DATE.match(c) for c in cells):
            return rows  # dated by day ("Tue 9 Feb"): already in the order they happen, or happened
        if all(_CLOCK.match(c) and int(_CLOCK.match(c).group(1)) < 24 for c in cells):
            return sorted(rows, key=lambda r: tuple(int(g) for g in _CLOCK.match(str(r[k])).groups()))
        if all(_MONTH_DAY.match(c) for c in cells):
            def newest(r, k=k):
                m = _MONTH_DAY.match(str(r[k]))
                return -_MONTHS3.index(m.group(1)), -int(m.group(2))
            return sorted(rows, key=newest)
    return rows


_DONE_WORDS = ("done", "completed", "complete", "finished", "delivered", "attended", "checked in", "boarded")
_NOW_WORDS = ("in progress", "on a walk", "active", "ongoing", "live", "now", "boarding", "in transit", "on the way",
              "on site", "in session")
_LATER_WORDS = ("scheduled", "upcoming", "planned", "booked", "to do", "pending", "confirmed", "not started", "next")


def _as_the_day_goes(cx: _Ctx, items: list) -> list:
    """A day's records listed by their time with statuses of how far along they are ("Done",
    "On a walk", "Scheduled"): the earlier ones done, one under way, the later ones to come, in
    the numbers the records had; none under way when the page's button starts the next one."""
    if len(items) < 3 or not all(_CLOCK.match(str(it[0])) or _CLOCK.match(str(it[1])) for it in items):
        return items
    states = [str(it[2]).strip().lower() for it in items]
    if not all(st in _DONE_WORDS + _NOW_WORDS + _LATER_WORDS for st in states):
        return items
    done = [it[2] for it, st in zip(items, states) if st in _DONE_WORDS]
    now = [it[2] for it, st in zip(items, states) if st in _NOW_WORDS]
    later = [it[2] for it, st in zip(items, states) if st in _LATER_WORDS]
    starts = any(s.kind == "button" and any(lab.lower().split()[:1] in (["start"], ["begin"]) for lab in s.labels)
                 for s in cx.plan.sections)
    if starts and now:  # "Start walk": nothing is under way yet, the next one is the one to start
        later, now = later + [later[0] if later else "Scheduled"] * len(now), []
    order = done + now[:1] + later + now[1:] if now else done + later
    if not done and not now or not later and not now:
        return items
    return [(it[0], it[1], st) for it, st in zip(items, order)]


#: First words of buttons that decide on one record of a queue ("Approve", "Reject", "Shortlist").
_DECISION_VERBS = {"approve", "reject", "decline", "accept", "deny", "shortlist", "dismiss", "refund", "escalate",
                   "verify", "waitlist", "admit", "grant", "revoke", "publish", "unpublish"}
_SCORING = re.compile(r"\b(scores?|scoring|ratings?|grades?|grading|marks?|judg\w*|review\w*)\b", re.IGNORECASE)


def _decision(sections: list):
    """The named buttons of a screen of one table that decide on one of its records ("a receipts
    table … and Approve and Reject buttons"): a real queue acts on the row in view, so they go in
    a panel beside the table that shows that row. None otherwise."""
    tables = [s for s in sections if s.kind == "table"]
    buttons = [s for s in sections if s.kind == "button" and s.labels]
    if len(tables) != 1 or not buttons or any(s.position == "overlay" or s.kind in OVERLAYS for s in buttons):
        return None
    labels = [lab for b in buttons for lab in b.labels]
    if not all(lab.split() and lab.split()[0].lower() in _DECISION_VERBS for lab in labels):
        return None
    return buttons


def _scores_a_row(sections: list) -> bool:
    """Whether controls on the page score or set one record of its only table ("submissions table,
    score sliders for Innovation, Design and Impact"; "a flags table … and a rollout slider"):
    that row is highlighted and named over them."""
    tables = [s for s in sections if s.kind == "table"]
    return len(tables) == 1 and any(s.kind in ("slider", "rating", "stepper") and (
        _SCORING.search(_words(s)) or s.kind == "slider" and not s.labels) for s in sections)


def _facts(items: list[list[str]], name: str = "body") -> Node:
    """A key–value list of `items` ([key, value] rows), tall enough for each row (44 px) and the
    slack a theme's taller line needs."""
    return el(name, "description_list", w=fill(), h=fixed(44 * len(items) + 24), props={"items": items})


def _name_cell(cells: list[str]) -> int:
    """Which cell of a table row names its record: the first that is not a date, a time or a number."""
    return next((k for k, v in enumerate(cells) if not (_CLOCK.match(v) or _MONTH_DAY.match(v) or
                                                          re.match(r"^[−+\-$€£]?[\d.,]+\b", v))), 0)


def _b_review(cx: _Ctx, s, i: int) -> Node:
    """The record a queue's decision buttons act on (the table's highlighted first row): its name,
    its other cells as a key–value list, and the buttons under them."""
    cols, cells = cx.picked or ([], [])
    name = _name_cell(cells)
    facts = [[c[:1].upper() + c[1:].lower(), v] for k, (c, v) in enumerate(zip(cols, cells)) if k != name]
    body = [_facts(facts, "facts")] if facts else []
    buttons = []
    for k, lab in enumerate(s.labels):
        low = lab.lower()
        variant = "destructive" if _destructive(low) or low.split()[0] in ("reject", "deny", "revoke") \
            else "primary" if k == 0 else "secondary"
        buttons.append(button("button", lab, variant, size="md", w=fill()))
    cx.primary_taken = True
    return card(f"s{i}", *body, row(*buttons, gap=3, width=fill()), title=cells[name] if cells else "Selected",
                gap=4, pad=cx.pick(5, 5, 4), h=hug())


#: What a sparse screen's purpose implies and its prompt left out (`_implied`).
_BOOKING = re.compile(r"\b(book|booking|appointments?|reserv(e|ation)|schedul(e|ing))\b", re.IGNORECASE)
_PAYING = re.compile(r"\b(gift ?cards?|pay|payment|send money|transfer|donat(e|ion)|top[ -]?up|purchase|buy|tip|"
                     r"renew(al)?|subscri(be|ption)|upgrade|membership|pre-?orders?|place order|order now|checkout)\b",
                     re.IGNORECASE)
_REQUESTING = re.compile(r"\b(requests?|reports?|claims?|complaints?|feedback|enquir(y|ies)|inquir(y|ies)|"
                         r"maintenance|repairs?)\b", re.IGNORECASE)
#: Field labels of text written at length: a text area, not a one-line input.
_LONG_TEXT = re.compile(r"\b(description|notes?|comments?|message|details|bio|about|reason|feedback|instructions|"
                        r"summary|cover letter|statement|review|story)\b", re.IGNORECASE)
_APPLYING = re.compile(r"\b(applications?|apply|permits?|licen[cs]es?|registrations?|register|enrol(l|ment)?|"
                       r"grants?|visas?|submissions?|nominations?|admissions?)\b", re.IGNORECASE)
_FORM_KINDS = {"select", "input", "chip", "radio", "stepper", "dropzone", "checkbox", "segmented", "date_picker",
               "toggle", "slider"}
#: Kinds that make a page more than a form (`_implied` adds nothing to it).
_NOT_A_FORM = ("list", "list_item", "table", "timeline", "accordion", "tree", "description_list", "stories",
               "comment", "kanban_column", "media_controls", "section")
#: Most body weight (`plan_layout`) a page may carry for `_implied` to add to it.
IMPLIED_WEIGHT = 2.0


def _implied(cx: _Ctx, sections: list, weight: float) -> list:
    """Sections a sparse form's purpose implies and its prompt left out, so that it reads as a
    product's screen rather than a few fields over an empty page: a booking's date and open times,
    a payment's summary, a request's description. None when the page already holds them, is not
    a form, or holds a list, table, chart or other large section."""
    kinds = {s.kind for s in sections}
    if weight > IMPLIED_WEIGHT or not kinds & _FORM_KINDS or cx.record is not None or \
            any(_role(s) == "overlay" or _role(s) == "hero" and s.kind != "dropzone" or s.kind in _NOT_A_FORM
                for s in sections):
        return []
    said = " ".join([cx.subject] + [lab for s in sections if s.kind == "button" for lab in s.labels])
    timed = any(s.kind in ("chip", "segmented", "select", "radio") and re.search(r"\b(times?|slots?)\b", _words(s).lower())
                for s in sections)  # "a time slots chips row" already picks the time
    if _BOOKING.search(said) and not kinds & {"calendar", "time_picker"} and not timed:
        out = [] if "date_picker" in kinds else [_Extra(kind="calendar" if cx.mobile else "date_picker",
                                                         phrase="Date", title="Date")]
        return out + [_Extra(kind="time_picker", phrase="available times", title="Available times")]
    if _PAYING.search(said) and not kinds & {"description_list", "table"}:
        return [_Extra(kind="_summary", phrase="summary", title="Summary")]
    if _REQUESTING.search(said) and not kinds & {"input"}:
        return [_Extra(kind="_details", phrase="description", title="Description")]
    if _APPLYING.search(said) and not cx.mobile and not kinds & {"timeline", "progress"}:
        # an application: beside its fields, what happens once it is sent
        return [_Extra(kind="_next", phrase="what happens next", title="What happens next", position="right")]
    return []


_AMOUNT = re.compile(r"^([$€£]?)\s?(\d{1,6}(?:[.,]\d{1,2})?)\s?([$€£]?)$")
_TIERS = re.compile(r"\b(tiers?|plans?|memberships?|subscriptions?|packages?|levels?)\b", re.I)


def _currency(cx: _Ctx) -> str:
    """The currency sign of the screen's records ("€" for a European shop's), else "$"."""
    price = cx.copy.items(1)[0][2] if cx.copy.items(1) else ""
    return next((c for c in price if c in "$€£"), "$")


def _b_summary(cx: _Ctx, s, i: int) -> Node:
    """A payment's summary of what the form chooses: the named steppers' items by count and price
    (an order), else the chosen tier or plan for its period, else the amount the first amount
    chip names (the one drawn selected) or a price of the screen's records; then the total."""
    cur = _currency(cx)
    if cx.quantities:  # what is ordered: each item by its count and price, then the total
        lines = [(f"{name} × {q}", q * round(cx.rng.uniform(1.5, 6.5) * 2) / 2) for name, q in cx.quantities]
    elif cx.priced is not None:  # the chosen tier or plan, for its period
        name, price, period = cx.priced
        lines = [(f"{name} · 1 {period}", price), ("Discount", 0.0)]
    else:
        amount = None
        for t in cx.plan.sections:
            m = next((_AMOUNT.match(lab.strip()) for lab in t.labels if t.kind in ("chip", "segmented", "radio")
                      and _AMOUNT.match(lab.strip())), None)
            if m:
                amount, cur = float(m.group(2).replace(",", ".")), m.group(1) or m.group(3) or cur
                break
        if amount is None:
            price = cx.copy.items(1)[0][2] if cx.copy.items(1) else ""
            m = re.search(r"(\d+(?:[.,]\d+)?)", price.replace(",", ""))
            amount = float(m.group(1)) if m else 20.0
        lines = [("Amount", amount), ("Service fee", 0.0)]
    items = [[k, f"{cur}{v:,.2f}"] for k, v in lines] + [["Total", f"{cur}{sum(v for _k, v in lines):,.2f}"]]
    c = card(f"s{i}", _facts(items), title="Summary", gap=3, pad=cx.pick(5, 5, 4),
             w=fill() if cx.mobile else fixed(cx.pick(440, 400, 0)), h=hug())
    c.align_self = "start"  # it ends with its lines, never stretched to the foot of the page
    return c


_COST_SUMMARY = re.compile(r"\b(cost|price|fare|fees?|payment|bill|charges?|pricing)\b.*\b(summary|breakdown|estimate)\b|"
                           r"\b(summary|breakdown|estimate) of (the )?(costs?|price|fares?|fees|charges)\b", re.I)
_RIDE = re.compile(r"\b(ride|trip|scooter|e-?bike|bike|taxi|cab|car ?share|journey)\b", re.I)


def _b_costs(cx: _Ctx, s, i: int) -> Node:
    """A cost summary ("a ride cost summary", "a price breakdown"): what is charged line by line
    and the total they add up to, in the records' currency."""
    cur = _currency(cx)
    money = lambda v: f"{cur}{v:,.2f}"  # noqa: E731
    if _RIDE.search(cx.plan.prompt):
        mins, rate, unlock = cx.rng.choice((10, 15, 20)), cx.rng.choice((0.19, 0.25, 0.29)), 1.0
        items = [["Unlock fee", money(unlock)], [f"{mins} min × {money(rate)}", money(mins * rate)],
                 ["Estimated total", money(unlock + mins * rate)]]
    else:
        base = float(cx.rng.randint(40, 400))
        fee, tax = round(base * 0.05, 2), round(base * 0.2, 2)
        items = [["Subtotal", money(base)], ["Service fee", money(fee)], ["Tax", money(tax)],
                 ["Total", money(base + fee + tax)]]
    c = card(f"s{i}", _facts(items), title=_section_title(s, cx, "Summary"), gap=3, pad=cx.pick(5, 5, 4), h=hug())
    c.align_self = "start"  # it ends with its lines
    return c


_COUNTED = re.compile(r"^(?:number of |total )?([a-z]+s)(?: count| total| so far| made| given)?$", re.IGNORECASE)
_LARGE = {"list", "list_item", "table", "card", "calendar", "chart", "map", "kanban_column", "timeline", "image", "video",
          "comment", "code", "description_list", "accordion", "tree", "gauge", "progress_ring", "media_controls"}


def _implied_records(cx: _Ctx, sections: list, weight: float) -> list:
    """On a desktop or tablet page of a few figures and controls and nothing large, the records a
    figure counts ("a donations count stat": the donations) listed under it, latest first, so
    the page is a product's overview rather than two numbers over an empty page."""
    if cx.mobile or weight > IMPLIED_WEIGHT or cx.record is not None or any(
            s.kind in _LARGE or _role(s) == "overlay" for s in sections):
        return []
    for s in sections:
        if s.kind != "stat":
            continue
        for said in ([s.title] if s.title else []) + list(s.labels):
            m = _COUNTED.match(said.strip())
            noun = m.group(1).lower() if m else ""
            if noun and (cx.copy.own_kind(noun) or cx.copy.record_kind(noun)):
                return [_Extra(kind="list", phrase=f"recent {noun}", title=f"Recent {noun}")]
    return []


def _b_next(cx: _Ctx, s, i: int) -> Node:
    """What happens once an application is sent: received, reviewed, decided, with how long each
    takes (the step under way highlighted)."""
    found = [m.group(1).lower() for m in _APPLYING.finditer(cx.subject)]
    what = next((w for w in found if w.startswith(("application", "registration", "submission", "nomination"))),
                found[0] if found else "application")
    what = {"apply": "application", "register": "registration", "enrol": "enrolment", "enroll": "enrolment"}.get(
        what, what.rstrip("s") if what.endswith("s") and what not in ("admissions",) else what)
    days = cx.rng.choice((5, 10, 15))
    items = [[f"We confirm your {what} by email", "Today"], ["Our team reviews it", f"Within {days} working days"],
             ["We may ask for more documents", "If needed"], ["You get our decision", f"Within {days + 10} working days"]]
    body = el("body", "timeline", w=fill(), h=fixed(56 * len(items) + 8), props={"items": items, "current": 0})
    c = card(f"s{i}", body, title="What happens next", gap=3, pad=cx.pick(5, 5, 4),
             w=fixed(cx.pick(400, 360, 0)), h=hug())
    c.align_self = "start"
    return c


def _b_details(cx: _Ctx, s, i: int) -> Node:
    """A request's description: a text area under the fields the prompt named."""
    problem = re.search(r"\b(issue|problem|repair|maintenance|fault|broken|damage|complaint)", cx.plan.prompt.lower())
    return field_node(f"s{i}", "input", label="Description", lines=4,
                      placeholder="Describe the problem" if problem else "Add any details that help")


def _stack(nodes: list[Node], gap: int, name: str = "") -> Node:
    return col(*nodes, name=name, gap=gap, width=fill(), height=fill())


def _tiles(node: Node) -> int:
    """How many stat tiles or rings a stat section's node holds."""
    if node.kind in ("stat", "progress_ring"):
        return 1
    return sum(_tiles(c) for c in node.children)


def _body(cx: _Ctx, placed: list[tuple[Any, str, Node]]) -> list[Node]:
    """The desktop and tablet body: toolbar, stats, then left, centre and right columns."""
    g = 5
    by = {k: [n for s, r, n in placed if r == k] for k in ("toolbar", "stat")}
    left = [n for s, r, n in placed if r in ("hero", "aside") and s.position in ("left", "sidebar")]
    right = [n for s, r, n in placed if r in ("hero", "aside") and s.position == "right"]
    heroes = [n for s, r, n in placed if r == "hero" and s.position not in ("left", "sidebar", "right", "top",
                                                                                 "header", "bottom")]
    asides = [n for s, r, n in placed if r == "aside" and s.position not in ("left", "sidebar", "right", "top",
                                                                                  "header", "bottom")]
    summaries = [n for s, r, n in placed if r == "summary"]
    out: list[Node] = []
    top = [n for s, r, n in placed if r in ("hero", "aside") and s.position in ("top", "header")]
    # a control drawn as one (a "callback toggle"), not a card of several ("a toggle for each device")
    aside_kinds = [s.kind if (s.count or 1) <= 1 and len(s.labels) <= 1 or n.kind == s.kind else "" for s, r, n in placed
                   if r == "aside" and n in asides]
    if heroes and not right and 0 < len(asides) <= 2 and len(aside_kinds) == len(asides) and \
            all(k in _LONE_CONTROLS for k in aside_kinds):
        # one or two small controls beside a large section ("a projects select", "a rollout slider")
        # would stand alone in an empty column: they sit in the row above it, as a filter bar does
        for n in asides:
            n.width = fixed(cx.pick(320, 280, 0))
        by["toolbar"] = by["toolbar"] + asides
        asides = []
    if by["toolbar"]:
        search = [n for n in by["toolbar"] if n.kind == "search"]
        rest = [n for n in by["toolbar"] if n.kind != "search"]
        tabs = any(n.kind == "tabs" for n in rest)  # a tab row's line runs the width of what it switches
        out.append(row(*rest, *([] if tabs and not search else [spacer()]), *search, name="toolbar", gap=4,
                       align="center", width=fill()))
    out += top
    if 2 <= len(by["stat"]) <= 4 and not cx.mobile and all(_tiles(n) == 1 for n in by["stat"]):
        # single figures the prompt names one by one ("a donations count, next eligible date"): one row of them
        for n in by["stat"]:
            n.width = fill()
        out.append(row(*by["stat"], name="figures", gap=g, width=fill(), align="stretch"))
    elif by["stat"]:
        out += by["stat"]
    centre = heroes or asides
    side = asides if heroes else []
    if heroes and cx.copy.spec.name == "watch":  # a video page: the comments under the video, the rest beside it
        talk = [n for s, r, n in placed if r == "aside" and s.kind == "comment" and n in asides]
        centre, side = heroes + talk, [n for n in asides if n not in talk]
    if len(heroes) == 2 and heroes[0].kind == "gauge" and heroes[1].kind != "gauge":
        heroes = heroes[::-1]  # a gauge is the smaller of two: the chart or table takes the width, the gauge the side
    if heroes and not asides and len(heroes) == 2 and cx.desktop and not right and \
            heroes[1].kind in ("chart", "map", "image", "calendar", "gauge", "card"):
        # two large things side by side read better than stacked (a map and a chart)
        side, centre = heroes[1:], heroes[:1]
        if side[0].kind == "gauge":  # a gauge beside a table stands in a card of its own, as tall as it needs
            g_ = side[0]
            side = [card(g_.name, g_, title=g_.el.get("text") or "", gap=3, pad=cx.pick(5, 5, 4), h=hug())]
            side[0].align_self = "start"
            g_.name = "gauge"
    if not heroes and len(asides) > 1 and not right and \
            sum(1 for s, r, _n in placed if r == "aside" and s.kind not in SMALL) > 1:
        # only lists and details: share the width in columns
        centre = [row(*[_col_of([a]) for a in asides[:3]], gap=g, width=fill(), height=fill(), align="stretch")]
        if len(asides) > 3:
            centre.append(row(*[_col_of([a]) for a in asides[3:]], gap=g, width=fill(), height=fill(), align="stretch"))
        side = []
    cols: list[Node] = []
    if left:
        cols.append(col(*left, name="left", gap=g, width=fixed(cx.pick(320, 280, 0)), height=fill()))
    cols.append(_stack(centre + summaries, g, "main"))
    right = right + side
    if right:
        cols.append(col(*right, name="right", gap=g, width=fixed(cx.pick(400, 340, 0)), height=fill()))
    out.append(row(*cols, name="body", gap=g, width=fill(), height=fill(), align="stretch"))
    out += [n for s, r, n in placed if r in ("hero", "aside") and s.position == "bottom"]
    return out


#: Controls that would stand alone in a side column (`_body` puts them in the row above).
_LONE_CONTROLS = ("select", "slider", "toggle", "stepper", "date_picker", "time_picker", "input", "checkbox")


def _col_of(nodes: list[Node]) -> Node:
    return col(*nodes, gap=5, width=fill(), height=fill())


def _fill_height(nodes: list[Node]) -> None:
    """A column's last card takes the free height when what it holds grows with it (a thread, a
    calendar, a seat map); a card of rows, fields or filters ends with them (stretched to the
    foot of the page it would be half empty)."""
    last = nodes[-1] if nodes else None
    if last is None or last.kind != "card" or last.height.mode != "hug" or last.align_self in ("end", "start"):
        return
    held = (last.el.get("props") or {}).get("content", "")
    if held in ("list", "table", "text") or _holds_rows(last):
        return
    last.height = fill(min=80)


def _holds_rows(n: Node) -> bool:
    """Whether a card holds only rows of fixed height (list items, fields, checkboxes, buttons)."""
    leaf = ("list_item", "input", "select", "search", "checkbox", "radio", "toggle", "button", "slider", "stepper",
            "text", "heading", "badge", "divider", "date_picker", "time_picker", "progress")
    stack = list(n.children)
    seen = False
    while stack:
        c = stack.pop()
        if c.kind in leaf:
            seen = True
        elif c.kind in ("", "row", "col", "list", None):
            stack.extend(c.children)
        else:
            return False
    return seen


_WHEN_HEAD = re.compile(r"^(today's|tonight's|tomorrow's|this week's|this month's|yesterday's)\s+", re.IGNORECASE)
_COUNT_TAIL = re.compile(r"\s+(standings|status|schedule|overview|summary|log|board)$", re.IGNORECASE)


def _count_of(n: int, what: str, prompt: str) -> str:
    """A subtitle counting what a page lists: "8 appointments today" (not "8 today's
    appointments"), "12 boats" (not "12 boats standings"), names kept capitalised ("8 Sunday
    services"), a count the title already holds said once ("8 job postings")."""
    what = re.sub(r"^[0-9]+ ", "", what)
    when = _WHEN_HEAD.match(what)
    what = _COUNT_TAIL.sub("", _WHEN_HEAD.sub("", what))
    return f"{n} {_lower_but_names(what, prompt)}" + (f" {when.group(1)[:-2].lower()}" if when else "")


def _lower_but_names(words: str, prompt: str) -> str:
    """`words` in lower case but for the names the prompt capitalises past its first letter
    ("Sunday services" stays so in "Search Sunday services")."""
    names = set(re.findall(r"\b[A-Z][a-z]+", prompt[1:]))
    return " ".join(w if w in names else w.lower() for w in words.split())


def _page(cx: _Ctx, placed: list[tuple[Any, str, Node]]) -> Node:
    spec = cx.copy.spec
    call = spec.name == "video"  # a call's buttons are its control bar, under the tiles
    actions = [n for s, r, n in placed if r == "action" and s.position != "bottom" and not call]
    bottom_actions = [n for s, r, n in placed if r == "action" and (s.position == "bottom" or call)]
    bars = [n for s, r, n in placed if r == "bar"] + bottom_actions
    if not cx.primary_taken and spec.name != "video" and not any(r == "overlay" for _s, r, _n in placed) and \
            not (_foreign(cx) and not _own_nouns(cx)):  # a greenhouse monitor adds no weather app's places
        label = spec.action
        if spec.name in ("shop", "sales") and _ORDER_TRACKING.search(cx.plan.prompt):
            label = "Get help"  # an order on its way: nothing to add to a cart, someone to ask
        if any(s.kind == "kanban_column" for s, _r, _n in placed):  # a board's action adds a card to it
            label = {"crm": "New deal", "sales": "New deal", "jobs": "Add candidate", "code": "New issue",
                     "support": "New ticket"}.get(spec.name, "New task")
        elif _own_nouns(cx) and spec.name != "shop":  # an app of nouns its domain does not know adds one ("Add hive")
            label = f"Add {_own_nouns(cx)[0].split()[-1]}"
        actions.append(button("action", label, "primary", "plus" if spec.name in ("project", "support", "generic",
                                                                                 "files") or label not in (spec.action, "Get help") else "",
                              size="md" if not cx.mobile else "sm"))
        cx.primary_taken = True
    if cx.mobile:
        return _mobile_page(cx, placed, actions, bars)
    body = _body(cx, placed)
    for n in body:
        if n.name == "body":
            for c in n.children:
                _fill_height(c.children)
    bar_nodes = [row(*([spacer()] if all(b.kind != "media_controls" for b in bars) else []), *bars, spacer()
                     if all(b.kind != "media_controls" for b in bars) else Node(width=fixed(0)),
                     name="bottom", gap=3, align="center", width=fill())] if bars else []
    content = col(_header(cx, actions), *body, *bar_nodes, name="content", gap=5, padding=cx.pick(6, 5, 4),
                  width=fill(), height=fill())
    if cx.sparse and spec.name != "video":
        # a few small sections: one centred column of a reading width, its header on the same edges
        content.width = fill(max=cx.pick(1080, 960, 0))
        content = row(content, name="centre", justify="center", width=fill(), height=fill())
    nav = _nav(cx)
    pc = cx.page
    if spec.name == "video":  # a call fills the window: a slim top bar, no navigation column
        top = row(el("logo", "logo", w=fixed(40), h=32, props={"mark": True}), heading("meeting", cx.title, "title",
                                                                                      w=hug()),
                  with_text(el("rec", "badge", w=hug(), h=24, role="danger", padding=(0, 3, 0, 3)), "Recording"),
                  spacer(), el("people", "icon", w=24, h=24, props={"name": "users"}),
                  el("chat", "icon", w=24, h=24, props={"name": "message"}),
                  name="topbar", kind="navbar", gap=4, padding=(0, 6, 0, 6), align="center", width=fill(),
                  height=fixed(64))
        top.children[2].text, top.children[2].style = "Recording", "caption"
        content.children = content.children[1:]  # the meeting title is in the bar
        if actions:
            top.children[4:4] = actions
        return col(top, content, name="page", width=fill(), height=fill())
    bar = topbar(pc, _search_hint(cx))
    if any(n.kind == "search" for _s, _r, n in placed):  # the page has its own search: the bar holds none
        bar.children[0] = Node(width=fill(max=420))
    main = col(bar, content, width=fill(), height=fill())
    return row(sidebar(pc, _active_nav(cx, nav), nav), main, name="page", width=fill(), height=fill())


#: Domains whose copy serves both sides of a counter: (words of the staff's side, the staff's
#: navigation, the other side's navigation). A clinic's staff see patients; a patient sees their
#: appointments and records. A hotel's guests see stays; its staff see rooms and housekeeping.
_SIDES: dict[str, tuple[re.Pattern, tuple[tuple[str, str], ...] | None, tuple[tuple[str, str], ...] | None]] = {
    "health": (re.compile(r"\b(patients|ward|triage|clinicians?|nurses?|admissions|staff|rota|roster|beds?|"
                          r"caseload|practice management|emr|ehr)\b", re.I), None,
               (("Today", "home"), ("Appointments", "calendar"), ("Records", "file"), ("Messages", "message"),
                ("Profile", "user"))),
    "hotel": (re.compile(r"\b(housekeeping|front desk|reception|staff|occupancy|turnover|maintenance|"
                         r"property management|channel manager|night audit|rooms? status)\b", re.I),
              (("Dashboard", "home"), ("Rooms", "home"), ("Reservations", "calendar"), ("Housekeeping", "check"),
               ("Guests", "users")), None),
    "pets": (re.compile(r"\b(groom\w*|salon|kennels?|boarding|daycare)\b", re.I),
             (("Today", "home"), ("Bookings", "calendar"), ("Pets", "heart"), ("Owners", "users"),
              ("Messages", "message")), None),
}


def _staff_side_of(domain: str, prompt: str) -> bool | None:
    """Whether `prompt` asks for the staff's side of `domain` (None: a domain with one side)."""
    side = _SIDES.get(domain)
    return None if side is None else side[0].search(prompt) is not None


def _staff_side(cx: _Ctx) -> bool | None:
    """Whether the screen is the staff's side of its domain (None: a domain with one side)."""
    return _staff_side_of(cx.copy.spec.name, cx.plan.prompt)


def _own_nouns(cx: _Ctx) -> list[str]:
    """The nouns of the page's collections that no record table and not the copy's domain write
    (`OpenCopy.own_kind`: "hive", "Sunday service"), in the plan's order."""
    if cx.own is None:
        cx.own = []
        for s in cx.plan.sections:
            if s.kind in ("list", "table", "card", "timeline") and not s.labels and \
                    cx.copy.record_kind(_words(s)) is None:
                own = cx.copy.own_kind(_words(s))
                noun = own.split(":")[-1] if own else ""  # "own:past:donation": donation
                if noun and noun not in cx.own:
                    cx.own.append(noun)
    return cx.own


#: Words that name how a section shows its nouns ("an incidents map", "a deliveries calendar").
_SHOWN_AS = re.compile(r"\b(maps?|charts?|calendars?|timelines?|gauges?|feeds?|galleries|gallery|boards?|groups?|"
                       r"rows?|strips?|grids?)\b")


def _named_nouns(cx: _Ctx) -> list[str]:
    """The plural nouns the page's sections show, however they show them ("an incidents map":
    incident; "a deliveries calendar": delivery), for an app no domain's navigation fits."""
    out: list[str] = []
    for s in cx.plan.sections:
        if s.labels or s.kind in _NO_NOUN_KINDS:
            continue
        noun = own_noun(_SHOWN_AS.sub(" ", _words(s)), frozenset())
        if noun and noun not in out:
            out.append(noun)
    return out


_NO_NOUN_KINDS = frozenset({"button", "input", "select", "toggle", "checkbox", "radio", "slider", "stepper", "chip",
                            "segmented", "tabs", "date_picker", "time_picker", "search", "badge", "fab", "rating",
                            "progress", "progress_ring", "stat", "avatar_group", "avatar", "modal", "toast", "alert"})


#: Words of a work app's screen (settings, plans, a team, an admin console): one of no domain
#: keeps a workspace's navigation (projects, team).
_WORKSPACE = re.compile(r"\b(settings?|pricing|plans?|tiers?|team|admin|billing|account|workspace|"
                        r"members?|users?|sign ?(in|up)|log ?in|login|onboarding|console|"
                        r"integrations?|api|preferences|permissions?|roles?)\b", re.IGNORECASE)


#: Domains of one kind of consumer app, whose navigation, search and first action are that app's own
#: (a weather app's places, a travel app's trips).
_APP_CHROME = frozenset({"weather", "travel", "hotel"})
#: Words of such an app's own pages beyond its domain's keywords ("weather radar", "air quality
#: monitor", "campsite reservation").
_CHROME_WORDS = {
    "weather": frozenset({"radar", "air", "quality", "pollen", "uv", "storm", "storms", "wind", "rain", "snow", "monitor",
                          "station", "warning", "warnings", "sun", "sunrise", "sunset", "tide", "tides", "outlook"}),
    "travel": frozenset({"airline", "boarding", "pass", "seat", "itinerary", "holiday", "holidays", "vacation", "getaway",
                         "city", "break", "planner", "check-in", "baggage", "lounge", "visa"}),
    "hotel": frozenset({"hotel", "room", "rooms", "stay", "check-in", "checkout", "resort", "guest", "guests", "campsite",
                        "cabin", "hostel", "villa", "lodge", "reservation", "reservations", "bed", "breakfast", "inn",
                        "motel", "apartment", "glamping", "pitch"}),
}
#: Domains whose navigation, search and first action are one app's (a recipe app's meal plan, a
#: course platform's lessons, a workout app's plans), and the page heads of that app: a cocktail
#: bar's menu, a school's lunch menu or a climbing wall's route board is another business.
_OWN_APP = {
    "food": re.compile(r"\b(recipes?|cook\w*|meals?|ingredients?|kitchen|dish(es)?|smoothies?|baking|cookbook|"
                       r"nutrition|diet|grocer\w*)\b"),
    "education": re.compile(r"\b(courses?|lessons?|class(es)?|quiz\w*|learn\w*|study|studying|tutor\w*|flashcards?|"
                            r"exams?|tests?|curriculum|modules?|homework|grades?|gradebook|lectures?|universit\w*|"
                            r"college|academy|students?|teachers?|timetable|enrol\w*|syllabus|portal|parents?)\b"),
    "fitness": re.compile(r"\b(workouts?|exercises?|training|run|runs|running|gym|fitness|yoga|pilates|spin|hiit|"
                          r"marathon|race|steps|calories|activity|coach\w*|sessions?|timer|strength|cardio|swim\w*|"
                          r"cycl\w*|ride|rides|heart rate|sleep|weight|habit)\b"),
}


def _foreign(cx: _Ctx) -> bool:
    """Whether the page is another business's that only shares a keyword with one of `_APP_CHROME`'s
    domains ("greenhouse climate monitor" is no weather app, "fishing charter trip log" no travel
    app): it takes none of that app's navigation, search or action."""
    name = cx.copy.spec.name
    if (name not in _OWN_APP and name not in _APP_CHROME) or _staff_side(cx):
        return False
    head = _page_head(cx.plan.prompt).lower()
    if name in _OWN_APP:
        return not _OWN_APP[name].search(head)
    head = re.split(r"\b(?:in|near|from|to|around|across|at)\b", head, maxsplit=1)[0]  # "hotel search results in Rome"
    said = _head_words(head, _TITLE_FILLER | _PAGE_PARTS)
    return bool(said) and not _all_known(said, {k.strip() for k in cx.copy.spec.keywords} | _CHROME_WORDS[name])


def _active_nav(cx: _Ctx, nav: tuple[tuple[str, str], ...]) -> str:
    """The navigation item of the page shown: the one named by the page's head noun or by what its
    first collection lists ("Jobs" on a print shop's jobs table, "Bookings" on a hire calendar),
    else the first (Home, Today)."""
    head = [singular(w) for w in re.findall(r"[a-z]+", _HEAD_CUT.split(cx.plan.prompt.lower(), maxsplit=1)[0])]
    first = next((t for t in cx.plan.sections if t.kind in ("list", "table", "card", "kanban_column", "calendar",
                                                              "timeline") and not t.labels), None)
    shown = [singular(w) for w in re.findall(r"[a-z]+", _section_title(first, cx, "").lower())] if first else []
    # the page's own noun first ("a patient record": Records); then, where that noun only names the page's
    # job ("a jobs tracker", "a kiln log"), what it lists
    for words in (head[-1:], shown[-1:] if head and head[-1] in _JOB_HEADS else []):
        for label, _icon in nav[1:]:
            if words and singular(label.lower().split()[-1]) == words[0] and not label.startswith("My "):
                return label
    return nav[0][0]


#: Page nouns that name what a page does with its records, not the records ("order tracker", "kiln log").
_JOB_HEADS = frozenset({"tracker", "log", "logbook", "board", "list", "page", "dashboard", "app", "screen", "manager",
                        "queue", "planner", "calendar", "inventory", "console", "catalogue", "catalog", "menu",
                        "scorecard", "dispatch", "agenda", "monitor", "form", "chart", "view", "overview", "sign-up",
                        "signup", "checkout", "hub", "portal", "register", "rota", "roster", "schedule"})


def _nav(cx: _Ctx) -> tuple[tuple[str, str], ...]:
    """The app's navigation: the domain's own, or that of the side of the counter the screen is on;
    a screen whose records are of nouns its domain does not know ("a hives list") is an app of
    those nouns: Home, the nouns, a calendar (unless they are dated themselves) and settings. So
    is a screen of no domain: the nouns its sections show, however ("an incidents map")."""
    own = _own_nouns(cx) if cx.copy.spec.name != "shop" else []  # a shop's goods are its own, in any noun
    if not own and (cx.copy.spec.name == "generic" or _foreign(cx)):
        own = _named_nouns(cx)
        if not own and not _WORKSPACE.search(cx.plan.prompt):  # an egg timer has no projects or team
            return (("Home", "home"), ("Activity", "chart"), ("Saved", "star"), ("Settings", "settings"))
    if own:
        dated = any(n.split()[-1] in OCCURRENCE_NOUNS for n in own)
        tabs = [("Home", "home")] + [(_plural(n).capitalize() if n[:1].islower() else _plural(n), "calendar"
                                      if n.split()[-1] in OCCURRENCE_NOUNS else "folder") for n in own[:2]]
        tabs += ([] if dated else [("Calendar", "calendar")]) + [("Settings", "settings")]
        return tuple(tabs)
    staff = _staff_side(cx)
    if staff is None:
        return tuple(cx.copy.spec.nav)
    _pattern, staff_nav, other_nav = _SIDES[cx.copy.spec.name]
    return tuple((staff_nav if staff else other_nav) or cx.copy.spec.nav)


def _mobile_page(cx: _Ctx, placed, actions: list[Node], bars: list[Node]) -> Node:
    spec = cx.copy.spec
    order = {"toolbar": 0, "stat": 1}
    # toolbars, then stats, then the rest, each in the plan's order (the phone drops what does not fit)
    items = sorted([(-1 if getattr(s, "first", False) else order.get(r, 2), k, s, r, n)
                    for k, (s, r, n) in enumerate(placed)
                    if r in ("toolbar", "stat", "hero", "aside", "summary")], key=lambda t: t[:2])
    body = []
    for _o, _k, s, r, n in items:
        if r == "toolbar" and n.kind != "search" and n.width.mode == "hug":
            n.width = fill()
        if r == "hero" and n.kind == "card" and n.height.mode == "fill":
            n.height = hug()  # a phone's calendar or table card ends with its content
        elif r == "hero" and n.height.mode == "fill":  # a crowded phone shows a smaller picture
            n.height = fill(min=min(n.height.min, 140 if n.kind == "image" and len(items) > 2 else 220))
        if r == "aside" and n.kind == "card" and n.height.mode == "fill":
            n.height = hug()  # a phone's cards end with their content
        body.append(n)
    named = [a for a in actions if a.name.startswith("s")]
    for a in named:
        a.width = fill()
        for b in a.children:
            b.width = fill()
    content = col(*body, *named, name="content", gap=4, padding=(4, 4, 4, 4), width=fill(), height=fill(),
                  overflow="drop")
    cx.content, cx.actions = content, named
    nav = _nav(cx)
    tabs = [("Home", "home"), nav[1], nav[2], ("Profile", "user")]
    under = [col(*bars, gap=3, padding=(3, 4, 3, 4), width=fill(), name="bottom")] if bars else []
    title = _short_title(cx.title)
    bar = appbar(cx.page, title, style="title" if len(title) <= PHONE_TITLE else "body-strong")
    return col(bar, content, *under, tabbar(cx.page, tabs, _active_nav(cx, tuple(tabs))), name="page", width=fill(),
               height=fill())


#: Most characters a phone's app bar shows of a title in its title style; up to PHONE_TITLE_SMALL
#: it sets the title smaller, past that it drops the title's first words.
PHONE_TITLE = 22
PHONE_TITLE_SMALL = 28


#: Closing words of a page title that name the screen's job, dropped first where that makes it fit a phone.
_PAGE_JOBS = frozenset({"booking", "tracker", "planner", "log", "manager", "builder", "guide", "board", "dashboard",
                        "overview", "finder", "organiser", "organizer", "scheduler", "checker", "viewer"})


def _short_title(title: str) -> str:
    """A title a phone's app bar shows whole: without a closing word that names the screen
    ("form", "page") and, while longer than PHONE_TITLE_SMALL, without its first words."""
    words = title.split()
    while len(words) > 1 and words[-1].lower() in ("form", "page", "screen", "view", "app", "flow"):
        words = words[:-1]
    job = words[:-1] if len(words) > 2 and words[-1].lower() in _PAGE_JOBS else words
    if len(" ".join(words)) > PHONE_TITLE_SMALL >= len(" ".join(job)):
        words = job  # "Hot air balloon flight booking": the flight, whole, rather than "Air balloon flight booking"
    while len(" ".join(words)) > PHONE_TITLE_SMALL and len(words) > 2:
        words = words[1:]
    out = " ".join(words)
    return out[:1].upper() + out[1:] if out else title


_ORDER_TRACKING = re.compile(r"\b(order (tracker|tracking|status)|track (my |your |an )?order|where is my order|"
                             r"delivery status|shipment status)\b", re.IGNORECASE)


def _fit_dropped_lists(cx: _Ctx) -> bool:
    """A phone's list card that found no room under a map or a picture is kept with the rows
    that fit (the card takes the free height and its list drops the rows past it), rather than
    left out. Whether any card changed."""
    changed = False
    for n in cx.content.children:
        lst = next((k for k in n.children if k.name == "list" and k.kind == "list"), None) if n.dropped else None
        if lst is not None:
            n.height, lst.height, lst.overflow = fill(min=200), fill(), "drop"
            changed = True
    if changed:  # laid out again from scratch: what the first pass left out may fit now
        for n in cx.content.children:
            n.dropped = False
    return changed


#: Share of a phone's content column its sections must fill before it counts as half empty.
SPARSE_PHONE = 0.6


def _sparse_phone(cx: _Ctx) -> bool:
    """Whether a laid-out phone page leaves much of its content column empty."""
    c = cx.content
    shown = [n for n in c.children if not n.dropped]
    if not shown or c.box[3] <= 0:
        return False
    used = max(n.box[1] + n.box[3] for n in shown) - c.box[1]
    return used < SPARSE_PHONE * c.box[3]


def _anchor_actions(cx: _Ctx, root: Node) -> None:
    """A half-empty phone page: its named buttons sit at the foot of the screen, above the tab
    bar, where a thumb reaches them; a timer or a picture left alone sits in the middle."""
    c = cx.content
    if cx.actions:
        c.children = [n for n in c.children if n not in cx.actions]
        foot = col(*cx.actions, name="actions", gap=3, padding=(3, 4, 3, 4), width=fill())
        at = root.children.index(c) + 1
        while at < len(root.children) and root.children[at].name == "bottom":
            at += 1
        root.children.insert(at, foot)
    shown = [n for n in c.children if not n.dropped]
    lone = shown[0] if len(shown) == 1 else None
    if lone is not None and (lone.kind in ("progress_ring", "image", "gauge") or (
            lone.kind == "" and lone.children and all(k.kind in ("progress_ring", "image", "gauge")
                                                       for k in lone.children))):
        c.justify = "center"  # a timer or a picture alone: in the middle of the screen


def _overlay(cx: _Ctx, s, n: Node) -> Node:
    """A frame over the whole page that places an overlay: dialogs centred, sheets at the
    bottom, toasts in a corner, menus under the top bar."""
    if n.kind == "modal":
        return col(n, name="overlay", justify="center", align="center", width=fill(), height=fill())
    if n.kind == "bottom_sheet":
        n.width = fill() if cx.mobile else fixed(560)
        return col(spacer(), n, name="overlay", align="center", width=fill(), height=fill())
    if n.kind == "toast":
        return col(spacer(), row(spacer(), n, width=fill()), name="overlay", padding=cx.pick(7, 6, 4), width=fill(),
                   height=fill(), justify="end")
    n.width = fixed(cx.pick(260, 260, 240))
    return col(row(spacer(), n, width=fill()), spacer(), name="overlay", padding=(9, 6, 0, 6), width=fill(),
               height=fill())


def compose_plan(plan, width: int, height: int, theme=None, seed: int = 0, device: str | None = None) -> Scene:
    """The scene of `plan` (a `conditioning.plan.Plan`) at `width`×`height` canvas px.

    `device` (desktop | tablet | mobile; default the plan's, else from the canvas shape) picks
    the layout class; `theme` (an `engine.render.theme.Theme`) supplies the spacing scale and
    font metrics (without it, text is measured with a font-free estimate). Same plan and seed,
    same scene.
    """
    return plan_layout(plan, width, height, theme, seed, device).scene


@dataclass
class PlanLayout:
    """A plan as the plan composer lays it out (`plan_layout`): its scene, and the laid-out nodes
    of the scene's top-level elements (the page's, then the overlays'), in design px, so a
    sampled layout can place the same content in boxes of its own (`engine.compose.plan_fill`)."""

    scene: Scene
    nodes: list[Node]
    layout: L.Layout
    design_size: tuple[float, float]  # the canvas in design px
    scale: float  # canvas px per design px


def top_nodes(root: Node) -> list[Node]:
    """The outermost nodes of a laid-out tree that are elements (have a kind), in tree order:
    the nodes of the top-level elements `engine.layout.flex.to_elements` makes of it."""
    if root.dropped:
        return []
    if root.kind:
        return [root]
    return [n for c in root.children for n in top_nodes(c)]


def _subject(plan) -> str:
    """The prompt without the names it gives its elements: what the screen is about. "A wedding
    checklist with sections Venue, Catering and Music" is not about music."""
    text = plan.prompt
    for s in plan.sections:
        for lab in s.labels:
            if lab[:1].isupper():
                text = re.sub(rf"(?<![\w-]){re.escape(lab)}(?![\w-])", " ", text)
    return text


def plan_layout(plan, width: int, height: int, theme=None, seed: int = 0, device: str | None = None) -> PlanLayout:
    """`compose_plan`, with the nodes of the scene's top-level elements (`PlanLayout`)."""
    device = device or getattr(plan, "device", None) or device_for_size(width, height)
    if device not in DEVICES:
        raise ValueError(f"unknown device {device!r} (use {', '.join(DEVICES)})")
    scale = width / DEVICES[device][1]
    W, H = width / scale, height / scale
    subject = _subject(plan)
    spec = domain_of(getattr(plan, "domain", "generic"), plan.prompt, subject=subject)
    copy = OpenCopy(spec, plan.prompt, seed)
    rng = random.Random(f"plan:{seed}:{plan.prompt}")
    page = PageContext(device, random.Random(f"plan-shell:{seed}"), plan.prompt, open_domain(spec.name), "plan")
    cx = _Ctx(device, plan, copy, page, rng, page_noun=_page_noun(plan.prompt), subject=subject)
    cx.title = _title(plan, copy)
    sections = _grouped_checklists(list(plan.sections))
    if _record_page(plan.prompt) and not any(s.kind in HERO or s.kind in ("list", "list_item", "heading", "text")
                                             for s in sections):
        # "a wine shop product page with a rating and Add to cart": the product itself is the page
        cx.record = (copy.records(cx.page_noun, 1) or copy.items(1))[0]
        cx.title = cx.record[0]
        sections.append(_Extra(kind="image", phrase=f"the {cx.page_noun or 'record'} itself", first=True))
        if cx.mobile:  # a phone's bar holds the name only: its line and price go under the picture
            sections.append(_Extra(kind="_record_line", phrase="the record's line and price", first=True))
    if spec.name == "watch" and not any(s.kind == "video" for s in sections):
        # "a video page with the player": the player is the video, with its controls on it
        sections = [s.model_copy(update={"kind": "video", "position": "main"})
                    if s.kind == "media_controls" and hasattr(s, "model_copy") else s for s in sections]
    sections += _implied(cx, sections, _weight(sections))  # a booking's date and times, a payment's summary
    sections += _implied_records(cx, sections, _weight(sections))  # a count's records under it
    decided = _decision(sections)
    if decided is not None:  # "Approve and Reject buttons" over a receipts table: a panel of the row they act on
        cx.select_first = True
        sections = [t for t in sections if all(t is not b for b in decided)] + [
            _Extra(kind="_review", labels=[lab for b in decided for lab in b.labels], position="right",
                   phrase="the selected record")]
    elif _scores_a_row(sections):
        cx.select_first = True
    body = [s for s in sections if _role(s) not in ("action", "overlay", "toolbar", "bar")]
    weight = _weight(sections)
    cx.crowded = len([t for t in sections if _role(t) in ("hero", "aside")]) > 1
    cx.alone = len(body) == 1
    collections = [s for s in body if s.kind in ("list", "list_item", "table", "checkbox", "timeline")]
    if len(collections) == 1 and weight <= 2:  # one list on the page: enough rows to read to its foot
        cx.rows = cx.pick(13, 12, 8) - (2 if weight > 1 and device != "mobile" else 1 if weight > 1 else 0) \
            - (2 if any(_role(s) == "stat" for s in sections) and device != "mobile" else 0)  # a phone's stat is short
    cx.sparse = weight <= 1.5 and not any(_role(s) == "hero" for s in body) and not cx.mobile
    acting = _row_action(sections, cx)
    if acting is not None:  # "cars listed … and a Reserve button": each car has its Reserve
        cx.row_action, cx.primary_taken = acting.labels[0], True
        sections = [s for s in sections if s is not acting]
    # buttons first, so the first named button is the primary action wherever it is drawn
    built: dict[int, Node] = {}
    # a panel that acts on a row of the table is built after it, the table before what names its row
    order = {"button": 0, "fab": 0, "table": 1 if cx.select_first else 2, "_review": 3}
    for k in sorted(range(len(sections)), key=lambda k: order.get(sections[k].kind, 2)):
        built[k] = _build(cx, sections[k], k)
    _seat_guests(sections, built)
    _score_picked(cx)
    _now_playing(cx)
    placed = [(s, _role(s), built[k]) for k, s in enumerate(sections) if built[k] is not None]
    root = _page(cx, [p for p in placed if p[1] != "overlay"])
    lay = L.Layout.for_theme(theme) if theme is not None else L.Layout()
    lay.run(root, W, H)
    if cx.content is not None and _fit_dropped_lists(cx):
        lay.run(root, W, H)
    if cx.content is not None and (_sparse_phone(cx) or any(a.dropped for a in cx.actions)):
        # a half-empty phone, or one whose named button found no room under the content: the
        # buttons sit at the foot, where they always show (what does not fit above them is dropped)
        for a in cx.actions:
            a.dropped = False
        _anchor_actions(cx, root)
        lay.run(root, W, H)
        if _fit_dropped_lists(cx):  # a list that lost its room to the buttons keeps the rows that fit
            lay.run(root, W, H)
    elements = L.to_elements(root)
    nodes = top_nodes(root)
    for s, r, n in placed:
        if r == "overlay":
            over = _overlay(cx, s, n)
            lay.run(over, W, H)
            elements += L.to_elements(over)
            nodes += top_nodes(over)
    scene = Scene(width=width, height=height, scale=scale, archetype="plan", prompt=plan.prompt, seed=seed,
                  elements=elements)
    return PlanLayout(scaled_scene(scene, scale), nodes, lay, (W, H), scale)


def _score_picked(cx: _Ctx) -> None:
    """The highlighted row's score is what the sliders beside it give it: their mean, written in
    the table's score column as the column writes it; a percentage slider's value is written in
    the column its words name ("rollout percentage" → Rollout)."""
    if cx.picked_table is None:
        return
    props = cx.picked_table.el["props"]
    for words, shown in cx.settings:  # "rollout percentage" at 25%: the row's Rollout reads 25%
        said = set(re.findall(r"[a-z]+", words.lower()))
        at = next((k for k, c in enumerate(props["columns"]) if set(re.findall(r"[a-z]+", c.lower())) & said), None)
        if at is not None:
            props["rows"][0][at] = shown
    if not cx.scores:
        return
    col_ = next((k for k, c in enumerate(props["columns"]) if re.search(r"\b(score|rating|points|grade)\b", c.lower())),
                None)
    if col_ is not None:
        props["rows"][0][col_] = f"{sum(cx.scores) / len(cx.scores):.1f}"


def _weight(sections: list) -> float:
    """How much a page's body holds: 1 a section, ½ a small control, nothing for its buttons,
    toolbars, bars and overlays."""
    return sum(0.5 if s.kind in SMALL else 1 for s in sections
               if _role(s) not in ("action", "overlay", "toolbar", "bar"))


def _seat_guests(sections: list, built: dict[int, Node | None]) -> None:
    """What the prompt puts in a dialog or sheet ("a signup modal with Name and Email fields and a
    Subscribe button": sections placed on the overlay that are not overlays themselves) is drawn
    inside it, above its buttons; a named button there becomes the dialog's action. Their entries
    in `built` become None."""
    host = next((k for k, s in enumerate(sections) if s.kind in ("modal", "bottom_sheet")), None)
    if host is None:
        return
    node = built[host]
    place = sections[host].position
    guests = [k for k, s in enumerate(sections) if k != host and s.position == place and s.kind not in OVERLAYS
              and s.kind not in ("navbar", "sidebar", "tabs", "media_controls", "footer", "header")]
    if not guests:
        return
    if node.kind == "bottom_sheet" and not node.children:  # the sheet holds what the prompt puts in it
        node = built[host] = col(name=node.name, kind="bottom_sheet", gap=4, padding=(14, 6, 8, 6), width=fill(),
                                 el={"text": node.el.get("text", ""), "props": {"scrim": True}})
    actions = [k for k in guests if sections[k].kind == "button" and sections[k].labels]
    if node.kind == "modal" and actions and not sections[host].labels:
        buttons = node.children[-1]
        labels = [lab for k in actions for lab in sections[k].labels][:2]
        keep = [b for b in buttons.children[:1]] if len(labels) < 2 else []  # "Cancel" beside one action
        for b, lab in zip(buttons.children[len(keep):], labels):
            b.text = lab
        buttons.children = keep + buttons.children[len(keep):len(keep) + len(labels)]
        for k in actions:
            built[k] = None
    inner = [built[k] for k in guests if built[k] is not None]
    for n in inner:
        n.width = fill()
    if inner:
        at = len(node.children) - 1 if node.kind == "modal" else len(node.children)
        node.children[at:at] = inner
        for k in guests:
            built[k] = None


def section_texts(e) -> list[str]:
    """Every string an element shows: its text and the strings in its props (items, columns,
    rows, labels, names, buttons, cards)."""
    out = [e.text] if e.text else []

    def walk(v):
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, (list, tuple)):
            for x in v:
                walk(x)

    for key, v in e.props.items():
        if key not in ("plan_section", "icon", "name", "motif", "shape", "content"):
            walk(v)
    return out


#: New element kinds no built-in page type draws, nor anything standing in for them: a plan that
#: names one (as a lexicon hit, not a guess) is drawn by the plan composer.
OPEN_KINDS = frozenset({"map", "video", "media_controls", "kanban_column", "code", "stories", "file_tile",
                        "dropzone", "gauge", "progress_ring", "bottom_sheet", "toast", "rating", "stepper",
                        "time_picker", "slider", "accordion", "skeleton", "fab", "tree", "avatar_group", "timeline",
                        "tooltip"})
#: How sure the planner must be of a kind for it to take a prompt away from a built-in page.
SURE = 0.9


@lru_cache(maxsize=256)
def _builtin_page(prompt: str, arch: str, device: str) -> tuple[str, dict[str, str]] | None:
    """The built-in `arch` page for `prompt` (seed 0, preset size, no theme) as its lower-cased
    texts and the texts of each element kind it draws, or None when it cannot be drawn; kept per
    process, since every generate asks."""
    from engine.compose.composer import compose

    try:
        scene = compose(prompt, *DEVICES[device][0], archetype=arch, device=device)
    except ValueError:
        return None
    by_kind: dict[str, list[str]] = {}
    for e in scene.walk():
        by_kind.setdefault(e.kind, []).extend(section_texts(e))
    return (" ".join(t for e in scene.walk() for t in section_texts(e)).lower(),
            {k: " ".join(v).lower() for k, v in by_kind.items()})


#: Labelled kinds whose labels must show on an element of the same family in the routed page
#: ("toggles for Push, Email and SMS" are not answered by tabs of those names).
_LABEL_FAMILIES = {"toggle": ("toggle", "checkbox"), "checkbox": ("checkbox", "toggle"), "radio": ("radio",),
                   "tabs": ("tabs", "segmented"), "segmented": ("segmented", "tabs"), "chip": ("chip", "badge", "tabs"),
                   "select": ("select",), "slider": ("slider",), "input": ("input", "select", "search"),
                   "button": ("button",)}
#: Kinds a prompt may name that a routed page must draw (one of each family) to keep the prompt.
_KIND_FAMILIES = {"table": ("table", "list"), "list": ("list", "table", "list_item"), "select": ("select",),
                  "chart": ("chart",), "calendar": ("calendar", "date_picker"), "tabs": ("tabs", "segmented"),
                  "toggle": ("toggle", "checkbox"), "checkbox": ("checkbox", "toggle"), "radio": ("radio",),
                  "input": ("input", "select", "search"), "search": ("search", "input"),
                  "date_picker": ("date_picker", "calendar", "input"), "segmented": ("segmented", "tabs"),
                  "chip": ("chip", "badge", "tabs", "segmented"), "pagination": ("pagination",), "avatar": ("avatar",),
                  "alert": ("alert", "toast")}
#: Overlays a routed page must draw itself when the prompt names them.
_OVERLAY_KINDS = ("modal", "bottom_sheet", "toast", "menu", "tooltip")


def plan_is_open(plan, prompt: str | None = None, device: str | None = None) -> tuple[bool, str]:
    """Whether the plan composer should draw `plan` instead of a built-in page type, and why.

    A plan is open when it has sections and (1) the planner found no built-in page type and the
    composer's routing found none either (no page-type phrase in the prompt), (2) it names, with
    confidence, a kind of `OPEN_KINDS`, or (3) it names labels the routed page would not show.
    """
    from conditioning import archetype_scores
    from engine.compose.composer import PAGE_ROUTES, route_prompt

    prompt = prompt or plan.prompt
    if not plan.sections:
        return False, ""
    sure = [s for s in plan.sections if s.score >= SURE and s.kind in OPEN_KINDS]
    if sure:
        return True, f"it names {', '.join(sorted({s.kind for s in sure}))}, which no built-in page type draws"
    p = " " + re.sub(r"\s+", " ", prompt.lower()) + " "
    routed = max(archetype_scores(prompt).values(), default=0) > 0 or any(
        w in p for words in PAGE_ROUTES.values() for w in words)
    if plan.archetype is None and not routed:
        return True, "no built-in page type answers it"
    # the labels it names, and a button's name given as its title ("a pay now button")
    labels = [lab for s in plan.sections for lab in (s.labels or ([s.title] if s.kind == "button" and s.title else []))]
    arch = plan.archetype or route_prompt(prompt)
    device = device or plan.device or "desktop"
    overlays = [s.kind for s in plan.sections if s.kind in _OVERLAY_KINDS]
    named = [s.kind for s in plan.sections if s.score >= SURE and s.kind in _KIND_FAMILIES]
    if labels or overlays or named:
        page = _builtin_page(prompt, arch, device)
        if page is None:
            return True, f"the built-in page {arch!r} cannot be drawn"
        texts, by_kind = page
        # the fields a form asks for ("billing address", "card number") are kept by a page type that
        # is a form of its own (checkout, sign-up), in its own words
        fields = {lab for s in plan.sections if s.kind == "input" for lab in s.labels
                  if lab in FIELD_LABELS} if "input" in by_kind else set()
        missing = [lab for lab in labels if lab.lower() not in texts and lab not in fields]
        if missing:
            return True, f"the built-in {arch} page would not show {', '.join(map(repr, missing))}"
        lost = [k for k in overlays if k not in by_kind] + [
            k for k in named if not any(f in by_kind for f in _KIND_FAMILIES[k])]
        if lost:
            return True, f"the built-in {arch} page would not show a {lost[0].replace('_', ' ')}"
        for s in plan.sections:
            family = _LABEL_FAMILIES.get(s.kind)
            wrong = [lab for lab in (s.labels if family else ()) if lab not in fields
                     and not any(lab.lower() in by_kind.get(k, "") for k in family)]
            if wrong:
                return True, (f"the built-in {arch} page would not show {', '.join(map(repr, wrong))} "
                              f"as a {s.kind.replace('_', ' ')}")
    # the records it asks for ("burgers and sides", "charges", "vinyl records"), which the routed page lacks
    # (only records the open copy writes: a noun it knows nothing of is left to the page type)
    named_records = {n: tail for n, tail in (_record_noun(s) for s in plan.sections if s.kind in _RECORD_SECTIONS)
                     if n and record_kind(tail, prompt)}
    nouns = list(named_records)
    if nouns:
        page = _builtin_page(prompt, arch, device)
        if page is None:
            return True, f"the built-in page {arch!r} cannot be drawn"
        texts = page[0]
        own = {w.rstrip("s") for w in PAGE_ROUTES.get(arch, ())}  # the records the page type is named by
        missing = [n for n in nouns if not re.search(rf"\b{re.escape(n)}(s|es)?\b", texts) and n.rstrip("s") not in own]
        if missing:
            return True, f"the built-in {arch} page would not show {', '.join(named_records[n] for n in missing)}"
    return False, ""


#: Sections that hold records of a noun.
_RECORD_SECTIONS = ("list", "list_item", "table", "card", "section")
#: Words of a section that name how it is drawn, not what it holds.
_FORM_WORDS = {"list", "lists", "table", "tables", "item", "items", "card", "cards", "result", "results", "row", "rows",
               "grid", "section", "details", "summary", "panel", "tile", "tiles", "entries", "entry", "records"}


def _record_noun(s) -> tuple[str, str]:
    """The singular noun a records section names by its last word ("burgers" → burger), when it
    is a plural the prompt wrote ("a table of charges"), and the words that end on it ("vinyl
    records"); ("", "") otherwise."""
    words = [w for w in re.findall(r"[a-z]+", (s.phrase or "").lower()) if w not in _FORM_WORDS]
    if words and words[-1] in ("homework", "coursework"):  # a noun of records that has no plural
        return words[-1], " ".join(words[-2:])
    if not words or not words[-1].endswith("s") or words[-1].endswith("ss") or len(words[-1]) < 3:
        return "", ""
    w = words[-1]
    one = w[:-3] + "y" if w.endswith("ies") else w[:-2] if w.endswith(("ches", "shes", "xes")) else w[:-1]
    return one, " ".join(words[-2:])
