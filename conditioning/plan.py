"""The page plan: what a prompt asks to see, as sections of element kinds.

`plan_prompt("video call with six participants and a bottom bar with mute, camera and leave
buttons")` reads the prompt into a `Plan`: the device and domain it names, the built-in page type
when it clearly asks for one, and one `PlanSection` per thing it asks for — an element kind of
`scene.model.KINDS` (video tiles ×6, a bottom bar, buttons labelled Mute, Camera and Leave), a
count, the labels it names, a title and a position hint.

How a prompt is read:

1. **Quoted strings** (``"Book now"``, “Day”) are labels of the phrase they sit in.
2. **Label lists** around a label-holding noun become one section with those labels:
   ``mute, camera and leave buttons`` and ``columns To do, In progress and Done`` and
   ``tabs for overview, activity and settings``. Columns named next to a table label the table.
3. **Phrases**: each sentence is cut into noun phrases at commas, ``and``/``or``, ``with``,
   ``including``, ``showing``… (a small chunker of its own, no language model download).
   Phrases after ``for``/``in``/``about`` (``for a bakery``) are context: they give the domain
   and make a section only when they name an element kind.
4. **Kinds**: a phrase's head noun is looked up in a lexicon keyed by kind name (``playlist`` →
   list, ``participants`` → video tile); an entry whose kinds do not exist in `KINDS` is
   ignored, so kinds added later are picked up. A phrase the lexicon does not know is embedded with the
   shipped MiniLM (`ingest.encoders.default_text_encoder`) and compared with a catalogue built
   from `KIND_DOCS` and the lexicon's phrases (embedded once per process and kept in a disk
   cache keyed by text); the nearest kind wins when its cosine similarity reaches
   `EMBED_THRESHOLD`. A phrase that matches nothing becomes a ``kind="section"`` section titled
   with the phrase and is listed in `Plan.unmatched`: nothing asked for is dropped.
   Content nouns are lists or tables, not controls (a recipe's ``ingredients`` and ``steps``, an
   invoice's ``line items``, ``episodes``, ``departures``); values (``available balance``, ``tax and
   total``) are a stat or one summary labelled as written; words that mean another kind in the
   plan's domain are read so there (a cafe's ``menu`` is a list of dishes); ``prices`` after a
   collection describes its rows; a list ``with checkboxes`` is a checklist. A page-naming first
   phrase of a generic kind (``expense report with …``) is the page's title, not a section, when
   the prompt names what the page holds.
5. **Counts** (``six participants``, ``3 plans``, ``a grid of 12 photos``), **positions**
   (``left rail``, ``bottom bar``, ``on the right``, ``sidebar``, ``header``, dialogs are
   ``overlay``) and a **title** (the phrase's own words beside the kind: ``revenue chart`` →
   "Revenue") come from the phrase.

**Device**: the `device` argument is the canvas the caller asked for. A device the prompt names
(``mobile app``, ``iPad``, ``phone``, ``desktop web``) overrides the default ``"desktop"``; an
explicit ``"tablet"`` or ``"mobile"`` argument is kept.

**Archetype**: the built-in page type, when the prompt's first phrase (the page it describes)
names one (``checkout page with …``); `page_types` maps page type → phrases (default: the
coarse types of `conditioning.ARCHETYPES`; `engine.Engine.plan` passes all of the engine's).

Any prompt gives a plan, never an exception: empty, non-English or undrawable prompts give a plan
with few or no sections; very long prompts are read up to `MAX_CHARS` characters and
`MAX_SECTIONS` sections (what is cut is named in `unmatched`).
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from pydantic import BaseModel, Field

__all__ = [
    "DEVICES",
    "DOMAINS",
    "EMBED_THRESHOLD",
    "LEXICON",
    "MAX_CHARS",
    "MAX_SECTIONS",
    "POSITIONS",
    "Plan",
    "PlanSection",
    "clear_phrase_cache",
    "kind_catalogue",
    "plan_prompt",
    "resolve_kind",
]

DEVICES = ("desktop", "tablet", "mobile")
POSITIONS = ("main", "left", "right", "top", "bottom", "sidebar", "header", "overlay")
#: Characters of a prompt that are read; the rest is named in `Plan.unmatched`.
MAX_CHARS = 4000
#: Sections a plan holds at most; phrases past it are named in `Plan.unmatched`.
MAX_SECTIONS = 48
#: Phrases embedded per prompt at most (the rest that the lexicon does not know become sections).
MAX_EMBEDDED = 24
#: Cosine similarity a phrase needs to the nearest catalogue entry to take its kind.
EMBED_THRESHOLD = 0.56


class PlanSection(BaseModel):
    kind: str  # an element kind from scene.model.KINDS, or "section" (a titled section for a noun no kind matches)
    count: int = 1  # how many ("six participants" -> 6); 1 when unspecified
    labels: list[str] = Field(default_factory=list)  # labels the prompt names for this section
    title: str = ""  # a heading for the section when the prompt gives one (or the noun phrase for "section")
    position: str = "main"  # main | left | right | top | bottom | sidebar | header | overlay
    phrase: str = ""  # the words of the prompt it came from
    score: float = 1.0  # match confidence (embedding similarity or 1.0 for a lexicon hit)


class Plan(BaseModel):
    prompt: str
    device: str  # desktop | tablet | mobile
    domain: str  # e.g. "music", "travel", "support", "sales", "generic"
    archetype: str | None  # one of the built-in page types when the prompt clearly asks for one, else None
    sections: list[PlanSection]
    unmatched: list[str] = Field(default_factory=list)  # phrases that got no kind (each still has a "section")


_NO_SINGULAR = {"news", "series", "species", "analytics", "physics", "this", "its", "has", "is", "was", "yes",
                "always", "canvas", "chaos", "gas", "bus", "plus", "us", "ios", "os", "sms", "kudos", "mathematics"}


def _singular(w: str) -> str:
    """A plural's singular by the common English rules (``categories`` → ``category``)."""
    if len(w) <= 3 or not w.endswith("s") or w in _NO_SINGULAR or w.endswith(("ss", "us", "is", "'s")):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "sses", "zes")):
        return w[:-2]
    return w[:-1]


# -- the lexicon ------------------------------------------------------------------------------

#: Phrase (lower case, singular) → candidate kinds, most specific first; the first candidate that
#: exists in `scene.model.KINDS` is the phrase's kind (an entry with none is ignored).
LEXICON: dict[str, tuple[str, ...]] = {}


def _lex(kinds: str | tuple[str, ...], *phrases: str, replace: bool = False) -> None:
    """Enter `phrases` (singular) for `kinds`; a phrase entered above keeps its entry unless
    `replace` (a content noun that an earlier, looser entry read as a control: a recipe's
    "steps" are a list, not a step indicator)."""
    cands = (kinds,) if isinstance(kinds, str) else kinds
    for p in phrases:
        key = " ".join(_singular(w) for w in p.lower().split())
        if replace:
            LEXICON[key] = cands
        else:
            LEXICON.setdefault(key, cands)


_lex("navbar", "bottom bar", "bottom app bar", "action bar")
_lex(("tabs", "navbar"), "bottom nav", "bottom navigation", "bottom tab bar", "bottom tabs", "tab bar")
_lex("navbar", "navbar", "nav bar", "navigation bar", "top bar", "top nav", "top navigation", "app bar",
     "toolbar", "tool bar", "menu bar", "header bar", "nav", "navigation", "main navigation")
_lex("sidebar", "sidebar", "side bar", "side nav", "sidenav", "side navigation", "rail", "nav rail",
     "navigation rail", "left nav", "side menu", "drawer", "navigation drawer")
_lex("header", "header", "page header", "masthead", "title bar", "hero", "hero section", "welcome header")
_lex("footer", "footer", "page footer", "fine print")
_lex("heading", "question", "heading", "headline", "title", "page title", "greeting", "welcome message", "subheading")
_lex("text", "text", "paragraph", "description", "body text", "copy", "caption", "bio", "blurb", "instructions",
     "disclaimer", "intro", "introduction", "tagline", "quote")
_lex("button", "button", "cta", "call to action", "action button", "link button", "primary button", "action")
_lex("input", "input", "field", "text field", "form field", "textbox", "text box", "email field",
     "password field", "message input", "message box", "compose box", "composer", "text area", "textarea",
     "form", "address form", "note field", "comment box", "reply box", "email input", "password input")
_lex("checkbox", "checkbox", "check box", "checklist", "tick box")
_lex("radio", "radio", "radio button", "radio group", "option button")
_lex("toggle", "toggle", "switch", "on/off switch", "toggle switch")
_lex("select", "select", "dropdown", "drop-down", "drop down", "combobox", "combo box", "selector",
     "picker", "language picker", "currency selector", "sort dropdown", "filter dropdown")
_lex("tabs", "tabs", "tab", "tab bar", "tab strip", "bottom tab bar", "bottom tabs")
_lex(("segmented_control", "segmented", "tabs"), "segmented control", "segmented button", "view switcher",
     "toggle group")
_lex("card", "card", "tile", "panel", "widget", "summary", "order summary", "summary card", "plan",
     "pricing plan", "pricing tier", "tier", "pricing card", "listing", "product card", "recipe", "property",
     "offer", "deal card", "info card", "promo", "promotion", "section card", "box")
_lex("table", "table", "data table", "spreadsheet", "leaderboard", "ledger", "grid view", "orders table",
     "standings")
_lex("list", "list", "playlist", "queue", "results", "search results", "list view", "inbox", "feed",
     "directory", "contacts", "roster", "menu list", "history list", "tracklist", "track list", "songs",
     "channel list", "channels", "conversations", "threads")
_lex("list_item", "list item", "row", "entry", "item", "song", "track", "episode", "contact", "channel",
     "conversation", "thread", "transaction", "notification", "task", "ticket", "job", "job listing",
     "order", "email", "stop", "lesson", "course", "flight", "trip", "reservation", "booking", "room",
     "candidate", "applicant", "workout", "exercise", "patient", "appointment", "invoice", "shipment",
     "delivery", "product", "hotel", "restaurant", "dish", "meal", "article", "post", "story", "playlist item",
     "repository", "repo", "commit", "pull request", "issue", "account", "payment", "transfer")
_lex(("line_chart", "chart"), "line chart", "line graph", "trend line", "trend chart", "time series")
_lex(("bar_chart", "chart"), "bar chart", "bar graph", "column chart", "histogram")
_lex(("donut_chart", "pie_chart", "chart"), "donut chart", "doughnut chart", "donut", "pie chart", "pie")
_lex(("area_chart", "chart"), "area chart", "stacked area chart")
_lex(("sparkline", "chart"), "sparkline", "sparklines", "mini chart")
_lex(("heatmap", "chart"), "heatmap", "heat map")
_lex(("scatter_chart", "scatter", "chart"), "scatter plot", "scatter chart", "scatterplot")
_lex(("gauge", "progress_ring", "chart"), "gauge", "dial", "speedometer")
_lex("chart", "chart", "graph", "trend", "visualization", "visualisation", "scatter plot", "line plot", "box plot",
     "bar plot", "dot plot")
_lex("image", "image", "photo", "picture", "illustration", "cover", "cover art", "album art", "album cover",
     "artwork", "thumbnail", "banner image", "hero image", "gallery", "photo grid", "poster", "screenshot",
     "hero illustration", "product image", "product photo", "backdrop", "background image", "photograph")
_lex("icon", "icon", "icons", "glyph", "emoji")
_lex(("avatar", ), "avatar", "profile picture", "profile photo", "user photo", "headshot", "user avatar")
_lex(("avatar_group", "avatar"), "avatar group", "avatar stack", "facepile", "team avatars", "member avatars")
_lex(("video_tile", "video", "avatar"), "participant", "attendee", "video tile", "video feed", "camera feed",
     "webcam", "speaker view", "self view", "gallery view")
_lex(("video_tile", "video", "image"), "video", "video player", "stream", "live stream", "trailer", "clip")
_lex(("badge", ), "badge", "status", "status badge", "label", "status label", "counter", "notification badge")
_lex(("chip", "badge"), "chip", "tag", "pill", "filter chip", "filter", "category chip", "topic", "hashtag",
     "skill tag")
_lex("pagination", "pagination", "pager", "page numbers", "page switcher")
_lex("breadcrumb", "breadcrumb", "breadcrumbs", "breadcrumb trail")
_lex("calendar", "calendar", "agenda", "month view", "week view", "schedule", "timetable", "planner")
_lex(("date_picker", "calendar"), "date picker", "datepicker", "date range", "date selector", "date range picker",
     "check-in date", "date")
_lex("progress", "progress", "progress bar", "loading bar", "completion", "upload progress", "progress meter",
     "progress indicator")
_lex(("stepper", "select"), "stepper", "quantity stepper", "quantity selector", "number stepper",
     "guest stepper", "guests stepper", "counter stepper", "plus minus")
_lex("progress", "step indicator", "steps", "wizard steps", "checkout steps", "progress steps", "step progress",
     "stage indicator")
_lex(("progress_ring", "progress"), "progress ring", "ring", "circular progress", "activity ring",
     "progress circle", "rings")
_lex("divider", "divider", "separator", "rule", "hairline")
_lex("logo", "logo", "brand mark", "wordmark", "brand logo")
_lex("search", "search", "search bar", "search box", "search field", "searchbar", "search input", "finder",
     "omnibox")
_lex("modal", "modal", "dialog", "popup", "pop-up", "lightbox", "confirmation dialog", "modal dialog",
     "confirmation", "prompt dialog")
_lex("map", "map", "map view", "route map", "interactive map", "street map", "mini map", "minimap")
_lex(("media_controls", "media_control", "player_controls"), "call controls", "call control bar",
     "meeting controls", "call toolbar", "music player", "audio player", "media player",
     "player", "playback controls", "player controls", "media controls", "transport controls", "now playing",
     "now playing bar", "mini player", "play controls", "playback bar")
_lex(("slider", "range_slider", "progress"), "slider", "range slider", "volume slider", "volume", "scrubber",
     "seek bar", "price range", "range")
_lex(("rating", "stars", "badge"), "rating", "star rating", "stars", "review score", "score")
_lex(("accordion", "list"), "accordion", "faq", "faqs", "collapsible section", "expandable section",
     "frequently asked questions")
_lex(("menu", "list"), "menu", "context menu", "dropdown menu", "overflow menu", "kebab menu", "action menu")
_lex(("toast", "snackbar", "alert", "badge"), "toast", "snackbar", "toast notification")
_lex(("alert", "banner", "badge"), "alert", "banner", "warning", "error message", "notice", "callout",
     "announcement", "warning banner", "info banner")
_lex(("timeline", "progress"), "timeline", "activity feed", "history", "tracking steps", "changelog",
     "activity log", "audit log", "order tracking", "shipment tracking", "journey")
_lex(("stat_tile", "stat", "kpi", "card"), "kpi", "kpis", "stat", "stats", "metric", "metrics", "stat tile",
     "kpi card", "kpi tile", "number tile", "scorecard", "stat card", "metric card", "counter tile")
_lex(("tree", "list"), "tree", "file tree", "folder tree", "hierarchy", "outline", "tree view", "org chart")
_lex(("description_list", "key_value", "table"), "key value list", "key-value list", "details list",
     "properties", "specs", "specifications", "attributes", "spec sheet", "details", "facts", "key facts",
     "fact sheet", "facts list", "key facts list", "details list", "description list", "definition list")
_lex(("comment", "list_item"), "comment", "review", "reply", "message bubble", "chat bubble", "message",
     "testimonial", "chat message", "reviews", "comments", "messages")
_lex(("code_block", "code", "text"), "code block", "code", "snippet", "code snippet", "terminal",
     "console output", "diff", "log output", "console log", "server log", "build log", "error log",
     "deploy log", "log stream", "log viewer", "code editor", "editor")
# a "sleep log", a "food log": a list of entries (a developer's logs are code: `_DOMAIN_KINDS`)
_lex("list", "log", "logbook", "diary", "journal")
# an editor of media is its canvas, not code
_lex("image", "photo editor", "image editor", "picture editor")
_lex("video", "video editor")
# a recording's waveform is a chart of its level over time
_lex("chart", "waveform", "audio waveform", "sound wave", "wave form", "level meter")
# an editor of words is its text, not code
_lex("text", "document editor", "doc editor", "docs editor", "rich text editor", "word processor", "post editor",
     "blog editor", "article editor", "note editor", "notes editor", "email editor", "writing editor", "essay editor",
     "page editor", "story editor", "newsletter editor")
_lex(("file_tile", "file", "list_item"), "file", "file tile", "document", "attachment", "folder", "pdf")
_lex(("kanban_column", "kanban", "list"), "kanban", "kanban column", "board column", "swimlane", "swim lane",
     "lane", "kanban board", "task board")
_lex(("stories_row", "stories", "avatar"), "stories row", "story row", "stories bar", "stories strip")
_lex(("bottom_sheet", "sheet", "modal"), "bottom sheet", "action sheet", "sheet")
# a control that filters is that control ("a vintage year slider filter", "a vet select filter")
_lex("slider", "slider filter", "range filter")
_lex("select", "select filter", "dropdown filter")
_lex(("chip", "badge"), "chip row", "chips row", "tag row", "pill row", "chip bar")
_lex(("fab", "floating_action_button", "button"), "fab", "floating action button", "floating button")
_lex(("dropzone", "drop_zone", "upload"), "dropzone", "drop zone", "upload area", "file upload", "upload zone",
     "drag and drop area", "uploader")
_lex(("time_picker", "select"), "time picker", "time slot", "time slots", "time selector", "timeslot")
_lex(("tooltip", "badge"), "tooltip", "hint bubble", "coachmark", "coach mark")
_lex(("skeleton", "placeholder"), "skeleton", "loading placeholder", "skeleton loader", "placeholder")


def _lex_set(kinds: str | tuple[str, ...], *phrases: str) -> None:
    """`_lex` that replaces the entries made above."""
    _lex(kinds, *phrases, replace=True)


# What screens list: one record a row ("chapters", "stations", "departures"; the plural makes a
# list), and the content of documents ("ingredients", "method", "line items").
_lex_set("list_item", "ingredient", "step", "chapter", "station", "radio station", "departure", "arrival",
         "menu item", "drink", "expense", "book", "class", "room option", "result", "deal", "lead", "bill",
         "episode", "menu entry")
_lex_set("list", "ingredients list", "ingredient list", "instruction", "numbered instruction", "numbered step",
         "numbered list", "method", "method step", "direction", "preparation step", "recipe step", "cooking step",
         "checklist item", "to-do list", "todo list", "shopping list", "grocery list", "reading list", "menu list",
         "food menu", "drinks menu", "drink menu", "wine list", "price list", "timetable", "schedule list",
         "departure board", "episode list", "chapter list", "station list", "team sheet", "lineup", "line-up",
         "starting lineup", "starting eleven", "squad list", "roster")
_lex_set("table", "line item", "line items table", "invoice items", "order lines", "itemised list",
         "itemized list", "statement table")
# Values a screen states ("current balance", "tax and total"): a stat tile or a summary, labelled as written.
_STAT_VALUES = ("balance", "current balance", "available balance", "account balance", "total balance", "net worth",
                "credit limit", "amount due", "due date", "statement due date", "payment due date", "portfolio value")
_SUMMARY_VALUES = ("total", "subtotal", "tax", "vat", "grand total", "order total", "discount", "shipping cost", "fee")
_lex_set(("stat", "card"), *_STAT_VALUES)
_lex_set(("description_list", "table"), *_SUMMARY_VALUES, "price breakdown", "cost breakdown")
# A seat map is a grid of seats, not a street map.
_lex_set("comment", "chat", "chat panel", "chat box", "live chat", "chat sidebar", "chat thread", "comment thread",
         "discussion thread", "comment section", "comments section", "discussion", "review thread")
_lex_set("text", "note", "product description", "tasting note")
# A timer is a ring with the time left in it; a QR code or barcode is a picture to scan, not source code;
# open times to book are slots; a quiz's answers are choices.
_lex_set(("progress_ring", "progress"), "timer", "countdown", "countdown timer", "session timer",
         "stopwatch", "count down", "time remaining", "time left")
_lex_set("image", "qr code", "qr", "barcode", "bar code", "qr-code", "scan code", "ticket code")
_lex_set(("time_picker", "select"), "slot", "available slot", "open slot", "appointment slot", "available time",
         "free slot", "visit slot")
_lex_set("radio", "answer choice", "answer option", "answer", "choice", "multiple choice", "answer choices")
_lex_set("table", "charge", "charges table")
_lex_set("card", "seat map", "seat", "seating chart", "seating plan", "seat picker", "seat selection",
         "seat selector", "seat plan")

#: Lexicon phrases of values: the section is labelled with the phrase as written ("Available balance").
_VALUE_KEYS = {*_STAT_VALUES, *_SUMMARY_VALUES}
#: Plural attributes of the rows before them ("books on loan list, due dates"); the singular
#: is a value of the page's own ("a due date").
_PLURAL_ATTRIBUTES = {"due dates", "dates", "deadlines", "return dates", "expiry dates", "opening hours", "ratings",
                      "distances", "sizes", "colours", "colors"}
#: Words that describe the records of the section before them rather than a section of their own
#: ("menu items and prices", "departures and times").
_ATTRIBUTES = {"price", "prices", "cost", "costs", "time", "times", "duration", "durations", "amount", "amounts",
               "quantity", "quantities", "calorie", "calories", "point", "points", "story point", "estimate",
               "estimates", "status", "statuses", "stock level", "stock levels", "level", "levels", "rate", "rates",
               "fee", "fees"}
#: Words that only qualify an attribute ("their daily price" is their price).
_ATTRIBUTE_QUALIFIERS = {"daily", "nightly", "weekly", "monthly", "yearly", "hourly", "current", "unit",
                         "average", "starting", "base"}
#: Kinds that are content, never a control's label ("a photo, share and save buttons").
_CONTENT_KINDS = {"image", "video", "map", "chart", "table", "list", "list_item", "kanban_column", "calendar",
                  "slider", "timeline", "code", "card", "description_list"}
#: Kinds of a page-naming first phrase that say nothing the page's title does not ("expense report
#: with a table…": the report is the page); dropped when the prompt names other sections.
_PAGE_ONLY = {"card", "list_item", "description_list", "select", "section", "menu"}
#: Kinds that filter, switch or act on a page's content rather than being content.
_TOOLBAR_KINDS = {"chip", "badge", "tabs", "segmented", "search", "button", "fab", "select", "breadcrumb", "pagination"}
#: (domain, lexicon phrase) → kind, for words that mean another thing there (a restaurant's menu is a
#: list of dishes; a fitness app's steps are a count).
_DOMAIN_KINDS = {("code", "log"): "code", ("security", "log"): "code", ("food", "menu"): "list", ("fitness", "step"): "stat", ("social", "story"): "stories",
                 ("photography", "story"): "stories", ("sports", "score"): "stat", ("gaming", "score"): "stat"}

#: Nouns that hold the labels listed next to them (``mute, camera and leave buttons``).
_LABEL_HOLDERS: dict[str, tuple[str, ...]] = {
    "button": ("button",), "tab": ("tabs",), "chip": ("chip", "badge"), "filter": ("chip", "badge"),
    "pill": ("chip", "badge"), "tag": ("chip", "badge"), "link": ("button",), "option": ("radio", "select"),
    "choice": ("radio",), "toggle": ("toggle",), "switch": ("toggle",), "checkbox": ("checkbox",),
    "field": ("input",), "input": ("input",), "action": ("button",), "step": ("progress",),
    "stage": ("progress",), "column": ("kanban_column", "kanban", "list"),
    "lane": ("kanban_column", "kanban", "list"), "category": ("chip", "tabs"), "card": ("card",),
    "tile": ("stat_tile", "card"), "kpi": ("stat_tile", "stat", "card"), "metric": ("stat_tile", "stat", "card"),
    "stat": ("stat_tile", "stat", "card"), "section": ("section",), "segment": ("segmented", "tabs"), "panel": ("card",),
    "menu item": ("menu", "list"), "nav item": ("sidebar",), "item": ("list_item",), "control": ("button",),
    "icon": ("icon",), "badge": ("badge",),
    "widget": ("card",), "question": ("accordion", "list"), "heading": ("heading",), "plan": ("card",),
    "tier": ("card",), "pricing plan": ("card",), "pricing tier": ("card",), "timer": ("progress_ring",),
    "countdown": ("progress_ring",),
    "slider": ("slider",), "select": ("select",), "dropdown": ("select",), "stepper": ("stepper",),
    "counter": ("stepper",),
}

#: Words before "of" that count things rather than name them (``a grid of 12 photos``).
_CONTAINERS = {"grid", "row", "set", "group", "collection", "pair", "couple", "bunch", "series", "number",
               "strip", "carousel", "gallery", "stack", "wall", "column", "lot", "lots", "handful",
               "few", "selection", "range", "bank", "array", "matrix", "deck"}

#: Kinds a "list of …" is made of, rather than list rows ("a list of file tiles", "a list of steps" is a list).
_TILE_KINDS = {"image", "video", "card", "file_tile", "comment", "avatar", "stat", "chip", "kanban_column",
               "toggle", "checkbox", "radio", "button", "map", "chart", "progress_ring", "gauge"}

#: Domain → words (singular, lower case; several words matched as a phrase).
DOMAINS: dict[str, tuple[str, ...]] = {
    "music": ("music", "song", "track", "album", "artist", "playlist", "spotify", "podcast", "radio", "audio",
              "band", "lyrics", "listening", "tracklist", "dj", "vinyl", "music player", "audiobook", "radio station",
              "chapter"),
    "video": ("video", "streaming", "movie", "film", "tv", "youtube", "netflix", "video call", "tv show", "tv series",
              "meeting", "webinar", "zoom", "conference call", "livestream", "live stream", "trailer"),
    "travel": ("travel", "trip", "flight", "airline", "boarding pass", "itinerary", "destination", "vacation",
               "holiday", "airport", "tour", "passport", "luggage", "airline seat"),
    "hotels": ("hotel", "stay", "check-in", "resort", "airbnb", "lodging", "guest", "room booking",
               "hostel", "suite", "reservation"),
    "food": ("food", "restaurant", "recipe", "meal", "dish", "cooking", "grocery", "bakery", "cafe", "coffee",
             "kitchen", "menu item", "takeout", "pizza", "ingredient", "chef", "diner", "food delivery", "cocktail",
             "drink", "baking", "grocery", "dish", "cafe menu", "restaurant menu", "food menu", "wine", "wine cellar",
             "sommelier", "winery", "vineyard"),
    "logistics": ("logistics", "shipment", "shipping", "parcel", "package", "fleet", "warehouse", "courier",
                  "freight", "dispatch", "cargo", "truck", "tracking number", "delivery route", "inventory",
                  "stock room", "stockroom", "stock level", "low stock", "out of stock", "sku", "restock"),
    "banking": ("bank", "banking", "balance", "transfer", "wallet", "loan", "savings", "budget", "spending",
                "debit", "credit card", "account balance", "payee", "iban", "overdraft"),
    "finance": ("finance", "stock", "portfolio", "investing", "investment", "trading", "crypto", "bitcoin",
                "market", "ticker", "dividend", "fund", "exchange rate", "tax", "invoice", "bill", "billing", "expense",
                "receipt", "purchase order", "line item", "accounting", "reimbursement", "freelance invoice"),
    "jobs": ("job", "career", "hiring", "recruit", "recruiting", "candidate", "applicant", "resume", "cv",
             "vacancy", "interview", "job board", "recruiter", "salary"),
    "code": ("code", "repository", "repo", "pull request", "commit", "ide", "developer", "git", "deploy",
             "deployment", "ci", "build", "terminal", "api", "bug", "branch", "merge", "devops", "server",
             # a log of code's own ("build logs"), not any log ("a hive inspection log")
             "build log", "server log", "error log", "log stream", "log viewer", "log file", "logging", "access log",
             "application log", "console log", "deploy log", "deployment log"),
    "weather": ("weather", "forecast", "temperature", "rain", "humidity", "wind", "climate", "uv index", "air quality",
                "aqi", "pollution", "pollutant",
                "precipitation", "sunrise", "sunset"),
    "education": ("course", "lesson", "student", "class", "school", "learning", "quiz", "teacher", "university",
                  "homework", "grade", "lecture", "curriculum", "classroom", "exam", "module", "flashcard", "library", "online class"),
    "support": ("support", "customer support", "support ticket", "ticket queue", "helpdesk", "help desk", "customer service", "knowledge base", "agent",
                "help center", "sla", "escalation", "live chat"),
    "fitness": ("fitness", "workout", "exercise", "gym", "running", "calorie", "training plan", "yoga",
                "step count", "heart rate zone", "activity ring", "personal best", "cycling", "marathon", "gym class",
                "fitness class", "yoga class", "spin class", "climbing", "bouldering", "climbing gym", "crossfit"),
    "social": ("social", "post", "feed", "friend", "follower", "like", "story", "community", "forum", "hashtag",
               "influencer", "reel", "profile", "stories"),
    "messaging": ("chat", "message", "messenger", "inbox", "email", "conversation", "dm", "direct message",
                  "channel", "thread", "slack", "whatsapp", "mail"),
    "sales": ("sales", "revenue", "crm", "deal", "lead", "customer", "quota", "order", "mrr", "kpi",
              "churn", "pipeline", "prospect", "conversion", "funnel"),
    "health": ("health", "patient", "doctor", "appointment", "clinic", "hospital", "medical", "medication",
               "symptom", "telehealth", "heart rate", "blood pressure", "prescription", "therapy", "nurse",
               "vaccine", "sleep", "dentist", "dental", "physio", "physiotherapy", "optician",
               "breathing"),
    "real estate": ("real estate", "property", "apartment", "house", "rent", "rental", "mortgage", "realtor",
                    "floor plan", "bedroom", "landlord", "tenant", "open house"),
    "ecommerce": ("shop", "store", "product", "cart", "checkout", "order summary", "shipping address", "catalog", "catalogue", "ecommerce",
                  "e-commerce", "wishlist", "sneaker", "fashion", "shopping", "gift card", "voucher"),
    "productivity": ("kanban", "task", "project", "file", "upload", "document", "folder", "sprint", "todo", "to-do", "backlog", "roadmap", "okr",
                     "notes", "note", "calendar", "schedule", "agenda", "planner", "workspace", "docs", "wiki"),
    "news": ("news", "article", "headline", "magazine", "blog", "newsletter", "editorial", "journalist",
             "top story", "news story"),
    "gaming": ("game", "gaming", "leaderboard", "tournament", "esports", "match", "quest", "achievement",
               "gamer", "level"),
    "sports": ("sport", "sports", "football", "soccer", "basketball", "tennis", "cricket", "rugby", "hockey",
               "baseball", "match centre", "match center", "league table", "fixture", "scoreboard", "live score",
               "premier league", "nba", "nfl", "formula 1", "golf"),
    "events": ("event", "concert", "festival", "conference", "rsvp", "venue", "ticketing", "meetup", "attendee",
               "museum", "exhibition", "zoo", "aquarium", "theme park", "film festival", "screening",
               "speaker", "gig", "cinema", "theater", "theatre", "movie ticket", "concert ticket", "seat selection"),
    "smart home": ("smart home", "thermostat", "light", "iot", "sensor", "energy", "device", "home automation",
                   "camera feed", "solar", "room temperature"),
    "transport": ("ride", "taxi", "car", "ride-hailing", "bike", "scooter", "parking", "transit", "bus", "train",
                  "driver", "commute", "route", "ev charging", "charging station", "timetable", "departure", "ferry", "metro",
                  "subway", "tram", "railway", "train ticket", "bus ticket", "platform"),
    "hr": ("employee", "payroll", "hr", "leave request", "time off", "timesheet", "headcount", "performance review",
           "org chart", "benefit"),
    "insurance": ("insurance", "claim", "policy", "premium", "coverage", "deductible"),
    "dating": ("dating", "date match", "swipe", "match profile"),
    "plants": ("plant care", "gardening", "plant app", "plant tracker", "houseplant care", "garden planner"),
    "pets": ("pet", "dog", "cat", "vet", "veterinary", "adoption", "puppy", "kitten", "grooming", "groomer"),
    "photography": ("photo", "photography", "gallery", "album", "camera roll", "lens", "exposure"),
    "security": ("security", "threat", "vulnerability", "firewall", "incident", "alert rule", "login attempt"),
}

_DEVICE_WORDS: dict[str, tuple[str, ...]] = {
    "mobile": ("mobile", "phone", "iphone", "android", "smartphone", "mobile app", "ios app", "handset",
               "mobile-first", "pixel phone"),
    "tablet": ("tablet", "ipad", "android tablet", "galaxy tab", "kiosk"),
    "desktop": ("desktop", "laptop", "web app", "widescreen", "monitor", "desktop app", "browser"),
}

_POSITION_WORDS = {"left": "left", "right": "right", "top": "top", "bottom": "bottom", "upper": "top",
                   "lower": "bottom", "side": "sidebar", "sticky": "", "floating": "overlay"}
_KIND_POSITION = {"sidebar": "sidebar", "navbar": "top", "header": "header", "footer": "bottom",
                  "modal": "overlay", "toast": "overlay", "bottom_sheet": "overlay", "fab": "overlay"}

_DETERMINERS = {"a", "an", "the", "some", "any", "each", "every", "its", "their", "his", "her", "my", "our",
                "your", "this", "that", "these", "those", "one's", "all", "of", "to", "on", "at", "in", "into",
                "by", "from", "as", "per", "for", "about", "is", "are", "be", "it", "them", "also", "just", "very",
                "s", "there", "then", "so", "up", "down", "out", "off", "over", "under", "only", "both", "either",
                "own", "other", "another", "more", "most", "much", "many", "than", "like", "such", "via", "etc"}
#: Words about the look or the page itself, never a part of it.
_STYLE = {"modern", "clean", "minimal", "minimalist", "simple", "sleek", "dark", "light", "mode", "theme",
          "style", "styled", "colorful", "colourful", "responsive", "beautiful", "nice", "elegant",
          "professional", "friendly", "playful", "bold", "airy", "dense", "compact", "spacious", "layout", "design",
          "ui", "ux", "mock", "mockup", "mock-up", "page", "screen", "view", "app", "application", "website", "site",
          "web", "interface", "look", "feel", "brand", "on-brand", "branded", "template", "dashboard", "home",
          "homepage", "portal", "platform", "tool", "client", "console", "main", "overview", "new", "big", "large",
          "small", "tiny", "huge", "full", "fullscreen", "full-screen", "wide", "narrow", "flat", "material",
          "glassmorphism", "subtle", "soft", "vibrant", "muted", "pastel", "calm", "fun", "cool", "fancy", "pretty",
          "good", "great", "best", "realistic", "high-fidelity", "hi-fi", "low-fidelity", "wireframe", "visual",
          "user", "users", "people", "version", "variant", "experience", "product", "service", "system", "company",
          "startup", "saas", "b2b", "b2c", "enterprise", "internal", "admin", "web-based", "native", "mobile",
          "desktop", "tablet", "phone", "iphone", "ipad", "android", "ios", "laptop", "browser", "show", "shows",
          "showing", "display", "displays", "displaying", "lets", "let", "allow", "allows", "can", "could",
          "should", "would", "will", "want", "need", "needs", "make", "create", "build", "draw",
          "include", "includes", "has", "have", "having", "get", "gets", "use", "uses", "using", "see", "shown",
          "listing", "plus", "area", "zone", "block", "region", "space", "content", "stuff", "thing", "things",
          "something", "everything", "anything", "current", "recent", "today", "today's", "latest", "upcoming",
          "top", "bottom", "left", "right", "side", "center", "centre", "middle", "sticky", "fixed", "floating",
          "here", "where", "when", "what", "which", "who", "how", "why", "with", "without", "and", "or", "but",
          "not", "no", "yes", "please", "i", "we", "you", "me", "us", "for", "first", "second", "third", "last",
          "next", "previous", "card-based", "based", "inspired", "-like", "like", "similar", "kind",
          "type", "sort", "ish", "lots", "lot", "bunch", "various", "several", "few", "couple", "pair", "multiple",
          "different", "optional", "prominent", "primary", "secondary", "quick", "easy", "real", "live", "basic",
          "advanced", "custom", "personal", "personalized", "personalised", "public", "private", "shared"}
#: Words that never start a label list (``primary and secondary buttons`` are variants, not labels).
_NOT_LABELS = {"primary", "secondary", "ghost", "destructive", "small", "large", "big", "icon", "main", "round",
               "rounded", "outline", "outlined", "filled", "text", "social", "action", "two", "three", "some",
               "several", "few", "many", "all", "more", "other", "extra", "disabled", "active", "selected", "nav",
               "navigation", "radio", "toggle", "floating", "sticky"}

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
                 "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
                 "forty": 40, "fifty": 50, "dozen": 12, "pair": 2, "couple": 2, "few": 3, "several": 4,
                 "single": 1, "both": 2, "trio": 3, "half-dozen": 6}
#: Words that open a new phrase (the one before it ends).
_SPLIT_WORDS = {"with", "and", "or", "plus", "including", "includes", "include", "showing", "shows", "featuring",
                "features", "containing", "contains", "has", "have", "having", "where", "which", "that",
                "also", "then", "alongside", "beside", "besides", "underneath", "below", "above",
                "beneath", "while", "whereas", "but", "&", "+", "let", "lets", "allowing", "so"}
#: Words that open a context phrase (``for a bakery``, ``in a video call``).
_CONTEXT_WORDS = {"for", "in", "about", "from", "of", "on", "at", "by", "to", "during", "inside", "within",
                  "like", "as", "per", "via", "using", "across", "between", "among", "without"}
#: Words after which a list of plain nouns may be a key–value list (``a boarding pass with gate, seat and time``).
_KEY_LIST_OPENERS = {"with", "including", "showing", "shows", "featuring", "containing", "listing", "has", "having",
                     ":", "plus"}
_LIST_BOUNDARY = _SPLIT_WORDS | {":", "(", ")", "for", "in", "of", "on", "at", "a", "an", "the", "to", "by"}
_LABEL_CONNECTORS = {":", "for", "named", "called", "labelled", "labeled", "titled", "saying", "reading", "like",
                     "such as", "e.g.", "eg", "-", "—", "–", "(", "showing", "including", "with labels", "as"}

_QUOTE_RE = re.compile(r'"([^"\n]{1,80})"|“([^”\n]{1,80})”|‘([^’\n]{1,80})’|«([^»\n]{1,80})»'
                       r"|(?:(?<=\s)|^)'([^'\n]{1,60})'(?=[\s,.;:!?)]|$)")
_TOKEN_RE = re.compile(r"QLABEL\d+|[A-Za-z0-9$€£%][\w$€£%'’+.-]*[\w%]|[A-Za-z0-9$€£%]|[,:;()&+—–/]")
_CLAUSE_RE = re.compile(r"(?<!\d)[.!?;](?!\d)|\n+")
_QLABEL = re.compile(r"QLABEL(\d+)")
_WORDS_ONLY = re.compile(r"[^a-z0-9]+")




def _norm_kind(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


_KINDS_SEEN: list = [None, ((), {})]


def _kinds() -> tuple[tuple[str, ...], dict[str, str]]:
    """Today's `scene.model.KINDS` and their names without case or punctuation (read at each call,
    worked out again only when the vocabulary changes)."""
    from scene.model import KINDS

    if _KINDS_SEEN[0] is not KINDS:
        _KINDS_SEEN[1] = (tuple(KINDS), {_norm_kind(k): k for k in KINDS})
        _KINDS_SEEN[0] = KINDS
    return _KINDS_SEEN[1]


def resolve_kind(candidates: Sequence[str]) -> str | None:
    """The first of `candidates` that is a kind of `scene.model.KINDS` (names compared without
    case, underscores, hyphens or a plural s), or None. ``"section"`` resolves to itself."""
    _, norm = _kinds()
    for c in candidates:
        if c == "section":
            return c
        n = _norm_kind(c)
        k = norm.get(n) or norm.get(n + "s") or (norm.get(n[:-1]) if n.endswith("s") else None)
        if k:
            return k
    return None


# -- the embedding catalogue ------------------------------------------------------------------

_CAT_LOCK = threading.Lock()
_CATALOGUE: dict[tuple[str, ...], tuple[np.ndarray, list[str], list[str]]] = {}


def _cache_dir() -> Path:
    base = os.environ.get("ONBRAND_CACHE") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "onbrand" if not os.environ.get("ONBRAND_CACHE") else Path(base)


def _encoder():
    from ingest.encoders import default_text_encoder

    return default_text_encoder()


def _embed(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors of `texts` from the shipped MiniLM, pooled as the encoder pools (numpy where
    the checkpoint allows it, on one BLAS thread: these batches are tiny)."""
    enc = _encoder()
    texts = [t[:200] for t in texts]
    if not texts:
        return np.zeros((0, enc.dim), np.float32)
    from ingest.nn_numpy import blas_threads

    out = np.empty((len(texts), enc.dim), np.float32)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    with blas_threads(1):
        for start in range(0, len(order), 32):
            idx = order[start:start + 32]
            hidden, mask = enc.token_arrays([texts[i] for i in idx], 32)
            if getattr(enc, "pooling", "mean") == "cls":
                pooled = hidden[:, 0]
            else:
                m = mask[..., None].astype(hidden.dtype)
                pooled = (hidden * m).sum(1) / np.maximum(m.sum(1), 1e-9)
            pooled = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            out[idx] = pooled
    return out


def _cached_embed(texts: list[str], name: str) -> np.ndarray:
    """`_embed` with a disk cache keyed by encoder name and text (``$ONBRAND_CACHE`` or
    ``~/.cache/onbrand``; an unwritable cache only costs time)."""
    path = _cache_dir() / f"plan-catalogue-{hashlib.sha1(name.encode()).hexdigest()[:10]}.npz"
    known: dict[str, np.ndarray] = {}
    try:
        with np.load(path, allow_pickle=False) as z:
            known = dict(zip(z["texts"].tolist(), z["vectors"], strict=True))
    except (OSError, ValueError, KeyError, TypeError):
        known = {}
    missing = [t for t in dict.fromkeys(texts) if t not in known]
    if missing:
        for t, v in zip(missing, _embed(missing), strict=True):
            known[t] = v
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp.npz")
            keys = sorted(known)
            np.savez(tmp, texts=np.array(keys), vectors=np.stack([known[k] for k in keys]).astype(np.float32))
            os.replace(tmp, path)
        except OSError:
            pass
    return np.stack([known[t] for t in texts]).astype(np.float32)


def kind_catalogue() -> tuple[np.ndarray, list[str], list[str]]:
    """The embedding catalogue of today's `KINDS`: ``(vectors, kinds, texts)``, one row per entry —
    each kind's `KIND_DOCS` line (``"calendar: variant month | week; …"``) and each lexicon phrase
    whose kind exists. Built once per process per set of kinds."""
    from scene.model import KIND_DOCS

    kinds, _ = _kinds()
    with _CAT_LOCK:
        if kinds not in _CATALOGUE:
            texts: list[str] = []
            owners: list[str] = []
            for k in kinds:
                texts.append(f"{k.replace('_', ' ')}: {KIND_DOCS.get(k, k)}")
                owners.append(k)
            for phrase, cands in LEXICON.items():
                k = resolve_kind(cands)
                if k:
                    texts.append(phrase)
                    owners.append(k)
            enc = _encoder()
            _CATALOGUE[kinds] = (_cached_embed(texts, enc.name), owners, texts)
        return _CATALOGUE[kinds]


_PHRASES: dict[str, np.ndarray] = {}
_PHRASES_MAX = 4096


def _embed_phrases(texts: list[str]) -> np.ndarray:
    """Unit vectors of prompt phrases, memoised per process (the most recent `_PHRASES_MAX`)."""
    todo = [t for t in dict.fromkeys(texts) if t not in _PHRASES]
    if todo:
        for t, v in zip(todo, _embed(todo), strict=True):
            _PHRASES[t] = v
        while len(_PHRASES) > _PHRASES_MAX:
            _PHRASES.pop(next(iter(_PHRASES)))
    return np.stack([_PHRASES[t] for t in texts])


def clear_phrase_cache() -> None:
    """Forget the memoised phrase vectors (the catalogue stays); benchmarks time cold phrases."""
    _PHRASES.clear()


# -- reading a prompt -------------------------------------------------------------------------

class _Tok:
    __slots__ = ("cap", "low", "quote", "sing", "text")

    def __init__(self, text: str, quote: str | None = None) -> None:
        self.text = text
        self.low = text.lower().replace("’", "'")
        self.sing = _singular(self.low)
        # a capitalised word, or an amount ("$10", "€25"), names something ("chips $10, $25 and $50")
        self.cap = text[:1].isupper() or (text[:1] in "$€£" and text[1:2].isdigit())
        self.quote = quote  # the quoted string this token stands for


#: Words before "sheet" that keep it a sheet sliding over the page ("a share sheet", "a filter
#: sheet"); any other noun before it names a document ("a call sheet", "a time sheet").
_SHEET_UI = {"a", "an", "the", "with", "and", "or", "modal", "share", "sharing", "filter", "sort", "option", "payment",
             "detail", "half", "half-height", "draggable", "expanded", "open", "small", "sliding", "slide-up",
             "pull-up", "swipe-up", "confirmation", "checkout", "menu", "picker", "quick", "settings", "setting",
             "info", "preview", "context", "popup", "pop-up", "overlay", "bottom", "action", "side", "edit"}


#: Words before "callout" that make it a job someone is called out to, not a UI callout box.
_CALLED_OUT = frozenset({"emergency", "rescue", "service", "repair", "breakdown", "locksmith", "plumber", "plumbing",
                         "electrician", "engineer", "ambulance", "fire", "night", "out-of-hours", "vet", "team"})


#: Words before "agenda" that make it a meeting's list of items.
_MET = frozenset({"meeting", "council", "board", "committee", "agm", "session", "hearing", "assembly"})
#: Lexicon words that mean something else after these words: the phrase names no element.
_OTHER_SENSE = {"agenda": _MET, "callout": _CALLED_OUT}
#: A neighbourhood's own place or group ("a community theatre", "a community garden"): no social network.
LOCAL_COMMUNITY = re.compile(r"\bcommunity\s+(?=(theatre|theater|gardens?|centres?|centers?|halls?|fridges?|pantr(y|ies)|"
                             r"choirs?|orchestras?|radio|library|libraries|pools?|church|clinics?|caf[eé]s?|kitchens?|"
                             r"farms?|orchards?|allotments?|sports|football|cricket|clubs?|shops?|larder|nursery|"
                             r"playgroup|festival|fair|bike|repair)\b)", re.IGNORECASE)
#: Meetings held in a room, not on a call ("a council meeting", "a meeting agenda"): no video domain.
MET_IN_PERSON = re.compile(r"\b(?:(council|board|committee|parish|town|annual|general|parents'?|shareholders?'?|"
                           r"residents'?|tenants'?|union) meetings?|meetings? (agenda|minutes|room|rooms))\b",
                           re.IGNORECASE)


def _lex_hit(words: Sequence[str]) -> tuple[int, int, str, str] | None:
    """The lexicon phrase in `words` (singular, lower case) that ends nearest the end, longest
    first: ``(start, end, phrase, kind)`` or None; only entries whose kind exists count."""
    for end in range(len(words), 0, -1):
        if not words[end - 1]:
            continue
        for n in (3, 2, 1):
            if end - n < 0 or not all(words[end - n:end]):
                continue
            p = " ".join(words[end - n:end])
            cands = LEXICON.get(p)
            if p == "sheet" and end >= 2 and words[end - 2] and words[end - 2] not in _SHEET_UI:
                continue  # "a call sheet", "a score sheet": a document of that name, not a bottom sheet
            if p in _OTHER_SENSE and end >= 2 and words[end - 2] in _OTHER_SENSE[p]:
                continue  # "a council meeting agenda", "an emergency callout": no calendar, no callout box
            if n == 1 and p == "grid" and end >= 2 and words[end - 2] and words[end - 2] not in _DETERMINERS \
                    and resolve_kind(("card",)):
                return end - 1, end, p, resolve_kind(("card",))  # "a plots grid": the noun's records as cards
            if cands:
                kind = resolve_kind(cands)
                if kind:
                    return end - n, end, p, kind
    return None


def _count_of(words: Sequence[str], upto: int) -> tuple[int | None, int]:
    """A count among the first `upto` words, nearest the head: (count or None, its index or -1)."""
    for i in range(min(upto, len(words)) - 1, -1, -1):
        w = words[i]
        if w.isdecimal() and 0 < int(w) <= 99:
            return int(w), i
        if w in _NUMBER_WORDS:
            if w in ("pair", "couple") and (i + 1 >= len(words) or words[i + 1] != "of"):
                continue
            return _NUMBER_WORDS[w], i
    return None, -1


def _clean_label(s: str) -> str:
    s = re.sub(r"\s+", " ", s.strip(" \t,:;-—–()'\""))
    return s[:1].upper() + s[1:] if s[:1].islower() else s


def _is_boundary(t: _Tok) -> bool:
    return t.low in _LIST_BOUNDARY and t.low not in ("and", "or", "&", "+", "a", "an", "the") \
        and not (t.cap and t.low in ("to", "in", "on", "at"))


#: Words that make a phrase a measure, a figure a stat tile shows ("24h change", "number of
#: assets", "conversion rate"); the strong ones alone, the counted nouns only beside a strong one.
_METRIC_STRONG = {"value", "total", "change", "rate", "average", "avg", "balance", "revenue", "spend", "spending",
                  "income", "profit", "margin", "growth", "return", "returns", "yield", "score", "count", "ratio",
                  "percentage", "share", "volume", "uptime", "latency", "churn", "retention", "conversion",
                  "earnings", "expenses", "savings", "cost", "costs", "budget", "streak", "calories", "distance",
                  "pace", "speed", "duration", "occupancy", "utilisation", "utilization", "roi", "mrr", "arr",
                  "ltv", "aov", "nps", "cac", "gmv", "apy", "apr", "pnl", "p&l", "energy", "consumption", "usage",
                  "emissions", "output", "capacity", "footprint", "temperature"}
#: "energy produced", "calories burned", "water used": a quantity and what happened to it is a measure
_METRIC_PARTICIPLES = {"produced", "generated", "consumed", "used", "burned", "burnt", "saved", "earned", "spent",
                       "sold", "shipped", "delivered", "collected", "raised", "donated", "recycled", "exported",
                       "imported", "walked", "travelled", "traveled", "logged"}
_METRIC_COUNTED = {"user", "visitor", "session", "order", "signup", "download", "follower", "subscriber", "view",
                   "click", "impression", "install", "lead", "customer", "member", "booking", "ticket", "sale",
                   "asset", "holding", "position", "trade", "transaction", "step", "hour", "minute", "day",
                   "point", "goal", "task", "issue", "deal", "message", "reply", "like", "share", "comment"}
_METRIC_ADJECTIVES = {"active", "new", "daily", "weekly", "monthly", "unique", "open", "paid", "returning", "pending",
                      "completed", "booked", "total", "sold", "closed", "resolved", "won"}
_METRIC_TOKEN = re.compile(r"\d+[a-z%]*|\d+[-/]\w+|%|ytd|mtd|qtd|yoy|mom|wow|p&l")


def _metric(words: Sequence[str], strong: bool = False) -> bool:
    """Whether a phrase of `words` (lower case) names a measure: a strong metric word, a phrase
    that opens with "number of", "total" or "average", or (unless `strong`) a counted noun after
    a word that says which ("active users", "new signups"); never a phrase of another element
    kind ("a spending chart")."""
    if not words:
        return False
    if words[0] in ("number", "total", "average", "avg", "net", "gross") and len(words) > 1:
        return True
    hit = _lex_hit([_singular(w) for w in words])
    if hit and hit[3] not in ("stat", "stat_tile"):  # "a spending chart" is a chart
        return False
    if any(w in _METRIC_STRONG for w in words) or any(_METRIC_TOKEN.fullmatch(w) for w in words[:-1]):
        return True
    if len(words) > 1 and words[-1] in _METRIC_PARTICIPLES and not hit:
        return True
    return not strong and len(words) > 1 and words[0] in _METRIC_ADJECTIVES and _singular(words[-1]) in _METRIC_COUNTED


def _metric_word(t: _Tok | None) -> bool:
    """A word of a measure's name: lower case, a word or a figure ("24h"), not a joining word."""
    return t is not None and t.quote is None and not t.cap and (t.low.isalnum() or bool(_METRIC_TOKEN.fullmatch(t.low))) \
        and t.low not in ("and", "or", "with", "for", "in", "on", "at")


def _listed(out: Sequence[_Tok | None], i: int, word_ok: Callable[[_Tok | None], bool], max_words: int,
            max_items: int) -> tuple[list[list[_Tok]], int, bool]:
    """The items of a list written from `i` on ("gate, seat and boarding time"): runs of up to
    `max_words` words that pass `word_ok` (after an article), joined by commas and one last
    "and"/"or"; returns the items, where the list ends and whether it is closed (its last item
    ends the phrase)."""
    n = len(out)
    items: list[list[_Tok]] = []
    j, last = i, False
    while j < n and len(items) < max_items:
        k = j
        if out[k] is not None and out[k].low in ("a", "an", "the", "its", "their", "your") and out[k].quote is None:
            k += 1
        it = []
        while k < n and len(it) < max_words and word_ok(out[k]):
            it.append(out[k])
            k += 1
        if not it:
            break
        items.append(it)
        if last:
            j = k
            break
        if k < n and out[k] is not None and out[k].low == "," and k + 1 < n and out[k + 1] is not None \
                and out[k + 1].low in ("and", "or"):
            k += 1
        if k < n and out[k] is not None and out[k].low in ("and", "or"):
            last = True
        elif not (k < n and out[k] is not None and out[k].low == ","):
            break
        j = k + 1
    closed = last and (j >= n or out[j] is None or out[j].low in (",", ";", ")", ":", ".")
                       or out[j].low in _SPLIT_WORDS or out[j].low in _CONTEXT_WORDS)
    return items, j, closed


def _plain(t: _Tok | None) -> bool:
    """A plain lower-case word: not a name, a quote, a number, an article, a style, a place or a
    word that opens a phrase (what key lists, row nouns and chip titles are made of)."""
    return t is not None and t.quote is None and not t.cap and t.low.isalpha() and t.low not in _DETERMINERS \
        and t.low not in _SPLIT_WORDS and t.low not in _CONTEXT_WORDS and t.low not in _STYLE \
        and t.low not in _NUMBER_WORDS and t.low not in _POSITION_WORDS


#: Fields a form asks for, by the words that name them, with the label the field shows. In a
#: prompt about a form ("a job application form with name, email and …", `_FORM_RE`), a phrase
#: that is only one of these is a labelled input of that form.
FIELD_NAMES: dict[str, str] = {
    **{w: w.capitalize() for w in (
        "name", "email", "phone", "password", "address", "city", "country", "company", "username", "website",
        "birthday", "postcode", "state", "region", "surname", "nationality", "occupation", "gender",
        "pronouns", "portfolio", "salary", "expiry", "message", "subject")},
    "zip": "ZIP", "iban": "IBAN", "cvc": "CVC", "cvv": "CVV", "linkedin": "LinkedIn",
    "full name": "Full name", "first name": "First name", "last name": "Last name", "email address": "Email",
    "e-mail": "Email", "phone number": "Phone number", "mobile number": "Mobile number",
    "street address": "Street address", "zip code": "ZIP code", "postal code": "Postal code",
    "post code": "Postcode", "date of birth": "Date of birth", "company name": "Company name",
    "job title": "Job title", "card number": "Card number", "expiry date": "Expiry date",
    "expiration date": "Expiration date", "security code": "Security code", "confirm password": "Confirm password",
    "password confirmation": "Confirm password", "display name": "Display name", "user name": "Username",
    "billing address": "Billing address", "shipping address": "Shipping address", "delivery address": "Delivery address",
    "current password": "Current password", "new password": "New password", "promo code": "Promo code",
    "discount code": "Discount code", "vat number": "VAT number", "tax id": "Tax ID", "account number": "Account number",
    "sort code": "Sort code", "routing number": "Routing number", "years of experience": "Years of experience",
    "team size": "Team size", "emergency contact": "Emergency contact", "license plate": "License plate",
    "member id": "Member ID", "member number": "Member number", "student id": "Student ID",
    "employee id": "Employee ID", "customer id": "Customer ID", "patient id": "Patient ID",
    "library card number": "Library card number", "order number": "Order number",
    "booking reference": "Booking reference", "plate number": "Plate number",
}
#: The labels of `FIELD_NAMES`, for asking whether a label is a form field's.
FIELD_LABELS = frozenset(FIELD_NAMES.values())
_FORM_RE = re.compile(r"\b(forms?|sign[ -]?up|signup|register|registration|enrol(?:l)?(?:ment)?|application|apply|"
                      r"asking for|fields?|checkout|billing|onboarding|account creation|create (?:an |your )?account)\b",
                      re.IGNORECASE)


#: Words that make a domain's noun a set of its records ("upcoming events", "recent orders").
_RECORD_MODIFIERS = {"upcoming", "recent", "latest", "past", "previous", "saved", "my", "your", "today's", "todays",
                     "pending", "open", "new", "nearby", "popular", "featured", "favourite", "favorite"}

_UNITS = {"ml", "l", "cl", "oz", "g", "kg", "lb", "lbs", "km", "mi", "m", "min", "mins", "h", "hr", "hrs", "s", "sec",
          "%", "kwh", "pt", "pts", "x"}


def _amount(it: Sequence[_Tok]) -> bool:
    """An amount as a name: a number, with a unit after it or a currency sign before it ("250 ml", "$10",
    "1.5x")."""
    words = [t.low for t in it]
    return 0 < len(words) <= 2 and bool(re.fullmatch(r"[$€£]?\d+([.,]\d+)?(%|x|×)?", words[0])) and (
        len(words) == 1 or words[1] in _UNITS)


#: Words before a noun that only point at it ("the", "your"): left out of a label written as the prompt says it.
_ARTICLES = frozenset({"a", "an", "the", "its", "their", "our", "my", "your"})


def _as_written(phrase: str) -> str:
    """A phrase as a label, as the prompt writes it, without its leading articles ("the live
    score" → Live score)."""
    said = (phrase or "").split()
    while said and said[0].lower() in _ARTICLES:
        said = said[1:]
    return _clean_label(" ".join(said))


def _field_name(toks: Sequence[_Tok]) -> str:
    """The label of the form field a phrase names ("name", "your email address", "phone field"), or ""."""
    words = [t.low for t in toks if t.quote is None and t.low not in _ARTICLES]
    if len(words) > 1 and words[-1] in ("field", "fields", "input", "inputs", "box"):
        words = words[:-1]
    return FIELD_NAMES.get(" ".join(words), "") if 0 < len(words) <= 4 else ""


class _Reader:
    """State while one prompt is read: sections in prompt order (clause, token index)."""

    def __init__(self) -> None:
        self.quotes: list[str] = []
        self.sections: list[dict] = []
        self.unmatched: list[str] = []
        self.to_embed = 0
        self.paren: dict[int, list[str]] = {}  # labels in brackets, by the id of the token before them
        self.clause = 0
        self.clause_has_table = False
        self.form = False  # the prompt is about a form: a bare field name is one of its inputs
        self.field_words: set[str] = set()  # the words of the fields read so (an email field names no domain)

    def new(self, at: int, **kw) -> dict:
        s = {"kind": "section", "count": 1, "labels": [], "title": "", "position": "main", "phrase": "",
             "score": 1.0, "clause": self.clause, "at": at, "from_page": False, "opener": ""}
        s.update(kw)
        self.sections.append(s)
        return s

    @staticmethod
    def text_of(toks: Sequence[_Tok]) -> str:
        out = ""
        for t in toks:
            w = f'"{t.quote}"' if t.quote is not None else t.text
            out += w if not out or (t.quote is None and w in (",", ":", ")", ";")) or out.endswith("(") else " " + w
        return out

    # label lists -----------------------------------------------------------------------------
    @staticmethod
    def _item_ok(it: list[_Tok], strict: bool) -> bool:
        if not it or len(it) > 4:
            return False
        first = it[0]
        if first.quote is not None:
            return True
        if first.low in ("a", "an", "the") or first.low in _NUMBER_WORDS:
            return False
        if first.low.isdigit() and not (len(it) == 2 and not strict and it[1].quote is None
                                        and not _lex_hit([it[1].sing])):
            return False  # "3 buttons" counts; "1 stop" in "filters for Nonstop, 1 stop and Refundable" names
        if not first.cap and (first.low in _DETERMINERS or (strict and first.low in _NOT_LABELS)):
            return False
        return not any(t.low in ("with", "a", "an", "the") for t in it[1:])

    @staticmethod
    def _split_items(toks: Sequence[_Tok]) -> list[list[_Tok]]:
        items: list[list[_Tok]] = [[]]
        for t in toks:
            if t.low in (",", "and", "or", "&", "/", "+") and t.quote is None:
                if items[-1]:
                    items.append([])
            else:
                items[-1].append(t)
        return [i for i in items if i]

    @staticmethod
    def _kindish(items: list[list[_Tok]]) -> bool:
        """Whether most items of a list name element kinds (then it lists sections, not labels)."""
        hits = sum(1 for it in items if not it[0].cap and it[0].quote is None and _lex_hit([t.sing for t in it]))
        return hits * 2 >= len(items)

    @staticmethod
    def _holder_at(toks: Sequence[_Tok | None], i: int) -> tuple[int, str] | None:
        t = toks[i]
        if t is None or t.quote is not None:
            return None
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is not None and f"{t.sing} {nxt.sing}" in _LABEL_HOLDERS:
            return i + 2, f"{t.sing} {nxt.sing}"
        if t.sing in _LABEL_HOLDERS:
            return i + 1, t.sing
        return None

    def label_lists(self, toks: list[_Tok]) -> list[_Tok | None]:
        """Sections for the label lists of a clause; their tokens become None (a phrase boundary)."""
        out: list[_Tok | None] = list(toks)
        n = len(toks)
        i = 0
        while i < n:
            holder = self._holder_at(out, i)
            if holder is None:
                i += 1
                continue
            h_end, key = holder
            kind = resolve_kind(_LABEL_HOLDERS[key]) or "section"
            start = i
            prev = out[i - 1] if i > 0 else None
            if prev is not None and prev.quote is None and " " not in key:
                # "a Buy / Sell segmented control": the holder with the word before it names the kind
                both = LEXICON.get(f"{prev.sing} {key}")
                # "Name and Email fields": a capitalised word that makes no other kind is a label
                if both and resolve_kind(both) and not (prev.cap and resolve_kind(both) == kind):
                    kind, start = resolve_kind(both), i - 1
            # "mute, camera and leave buttons"
            i0 = i
            i = start
            j = i - 1
            while j >= 0 and i - j <= 24 and out[j] is not None and not _is_boundary(out[j]):
                j -= 1
            seg = [t for t in out[j + 1:i] if t is not None]
            items = self._split_items(seg)
            if seg and seg[-1].low not in (",", "and", "or", "&") and len(items) >= 2 and len(seg) > len(items):
                keep: list[list[_Tok]] = []
                for it in reversed(items):
                    hit = None if it[0].cap or it[0].quote is not None else _lex_hit([t.sing for t in it])
                    if hit and (hit[3] in _CONTENT_KINDS
                                or (keep and all(k[0].cap or k[0].quote is not None for k in keep))):
                        # "a scrubber and play/pause controls", "a file tree and Star and Fork buttons":
                        # an element kind before the labels is a section of its own
                        break
                    head = it[1] if len(it) > 1 and it[0].low in ("a", "an", "the") else it[0]
                    if keep and all(k[0].cap or k[0].quote is not None for k in keep) \
                            and not all(k[0].text.isupper() for k in keep) \
                            and not head.cap and head.quote is None:
                        # "with amount, employee and Approve and Reject actions": the names end where
                        # the lower-case words (what the rows show) begin
                        break
                    if not self._item_ok(it, strict=True):
                        # the list's first item may bring the article of the whole ("a Buy / Sell control")
                        if len(it) > 1 and it[0].low in ("a", "an", "the") and self._item_ok(it[1:], strict=True):
                            keep.insert(0, it[1:])
                        break
                    keep.insert(0, it)
                first = next(q for q in range(j + 1, i) if out[q] is keep[0][0]) if keep else 0
                after_of = first > 0 and out[first - 1] is not None and out[first - 1].low == "of" \
                    and not all(it[0].cap or it[0].quote is not None for it in keep)
                # "a chart of last night's sleep stages and weekly average stats": what follows "of"
                # is what the phrase before shows, not a list of the stats' labels
                if len(keep) >= 2 and not self._kindish(keep) and not after_of:
                    count, _ = _count_of([t.low for t in toks[max(0, first - 2):first]], 2)
                    self.label_section(key, [self.label(it) for it in keep], toks[first:h_end], count, first,
                                       toks[first - 1].low if first > 0 else "", kind)
                    for q in range(first, h_end):
                        out[q] = None
                    i = h_end
                    continue
            # "columns To do, In progress and Done", "tabs for Day, Week and Month", 'tabs "A", "B"'
            k = h_end
            connector = False
            if k + 1 < n and out[k] is not None and out[k + 1] is not None \
                    and f"{out[k].low} {out[k + 1].low}" in _LABEL_CONNECTORS:
                connector, k = True, k + 2
            elif k < n and out[k] is not None and out[k].low in _LABEL_CONNECTORS:
                connector, k = True, k + 1
            m = k
            while m < n and out[m] is not None and m - k < 30 and not (
                    out[m].low in (")", ":", ";", "with", "where", "which", "that", "showing", "including", "plus",
                                   "while", "for", "in", "on", "at") and not out[m].cap):
                m += 1
            items = self._split_items([t for t in out[k:m] if t is not None])
            keep = []
            for it in items:
                if not self._item_ok(it, strict=False) and not _amount(it) and not (
                        # "filters for Nonstop, 1 stop and Refundable": a number starts a name among names
                        it[0].low.isdigit() and 1 < len(it) <= 3 and connector
                        and any(x[0].cap or x[0].quote is not None for x in items if x is not it)):
                    break
                keep.append(it)
            # "chips for Dogs, Cats and Rabbits and cards for each pet": a lower-case noun of an element
            # kind after named labels starts the next phrase, it is not one more label
            while len(keep) > 1 and keep[-1][0].quote is None and not keep[-1][0].cap \
                    and all(it[0].cap or it[0].quote is not None for it in keep[:-1]) \
                    and _lex_hit([t.sing for t in keep[-1]]):
                keep.pop()
            last = keep[-1] if keep else []
            if not connector and len(last) > 1 and last[-1].quote is None and not last[-1].cap \
                    and self._holder_at(last, len(last) - 1) is not None:
                # "an audio button and Know it and Still learning buttons": names that end on a holder
                # of their own are its labels (read backwards from it), not this holder's
                i = max(h_end, i0 + 1)
                continue
            quoted = keep and all(it[0].quote is not None for it in keep)
            # "quick add buttons 250 ml and 500 ml": amounts name their buttons as capitals do
            caps = keep and all(it[0].cap or it[0].quote is not None or _amount(it) for it in keep)
            if (len(keep) >= 2 or (quoted and connector)) and (connector or caps) \
                    and (caps or not self._kindish(keep)):
                end = next(q for q in range(k, m) if out[q] is keep[-1][-1]) + 1
                count, ci = _count_of([t.low for t in toks[max(0, i - 2):i]], 2)
                start = i - (min(i, 2) - ci) if count else i
                title = ""
                w = out[start - 1] if start > 0 and not count else None
                w_hit = _lex_hit([w.sing]) if _plain(w) else None
                if _plain(w) and (not w_hit or (w_hit[3] == kind and w.low not in _NOT_LABELS) or (
                        w_hit[3] not in _CONTENT_KINDS and w_hit[3] != kind and w.low not in _NOT_LABELS)):
                    # "size chips S, M, L and XL": the word before the kind says what they choose;
                    # so does a control's word there ("score sliders for Innovation, …" are sliders)
                    # and a word of the same kind ("plan cards Basic, Deluxe and Ultimate" are plans)
                    title, start = w.text.capitalize(), start - 1
                    v = out[start - 1] if start > 0 else None
                    if _plain(v) and v.low not in _NOT_LABELS:
                        # "playback speed chips 1x, 1.5x and 2x": two words say it, the first no element
                        title, start = f"{v.text.capitalize()} {w.low}", start - 1
                self.label_section(key, [self.label(it) for it in keep], toks[start:end], count, start,
                                   toks[start - 1].low if start > 0 else "", kind, title)
                for q in range(start, end):
                    out[q] = None
                i = end
                continue
            i = max(h_end, i0 + 1)
        self.paren_lists(out)
        self.metric_lists(out)
        self.named_rows(out)
        self.key_value_lists(out)
        return out

    def metric_lists(self, out: list[_Tok | None]) -> None:
        """'overview with total value, 24h change and number of assets': two or more figures after
        an opener, each a measure (`_metric`), are stat tiles labelled as written."""
        kind = resolve_kind(("stat_tile", "stat"))
        if kind is None:
            return
        n = len(out)
        i = 1
        while i < n:
            prev = out[i - 1]
            if out[i] is None or prev is None or prev.quote is not None \
                    or prev.low not in _KEY_LIST_OPENERS | {":"}:
                i += 1
                continue
            items, end, closed = _listed(out, i, _metric_word, 4, 8)
            if closed and len(items) >= 2 and all(_metric([t.low for t in it]) for it in items) \
                    and any(_metric([t.low for t in it], strong=True) for it in items):
                self.new(i, kind=kind, count=len(items),
                         labels=[_clean_label(self.text_of(it)) for it in items],
                         phrase=self.text_of([t for t in out[i:end] if t is not None]), opener=prev.low)
                for q in range(i, end):
                    out[q] = None
                i = end
                continue
            i += 1

    def named_rows(self, out: list[_Tok | None]) -> None:
        """'saved places Home and Work', 'team members Ana, Ben and Cy': a plural noun that names no
        element kind, followed by two or more names, is a list with those rows."""
        kind = resolve_kind(("list",))
        n = len(out)
        for i in range(n - 2):
            t = out[i]
            if t is None or kind is None or t.quote is not None or t.cap or not t.low.isalpha() \
                    or t.sing == t.low or t.low in _NO_SINGULAR or out[i + 1] is None \
                    or not (out[i + 1].cap and out[i + 1].quote is None):
                continue
            hit = _lex_hit([t.sing])
            if hit and hit[3] not in ("list", "list_item"):  # "tracks Design, …": records, named
                continue
            m = i + 1
            while m < n and out[m] is not None and m - i < 24 and (out[m].cap or out[m].quote is not None
                                                                  or out[m].low in (",", "and", "&", "/")):
                m += 1
            items = self._split_items([x for x in out[i + 1:m] if x is not None])
            if len(items) < 2 or out[m - 1].low in (",", "and", "&", "/") \
                    or not all(self._item_ok(it, strict=True) for it in items):
                continue
            start = i
            while start > 0 and i - start < 2 and _plain(out[start - 1]):
                start -= 1
            self.new(start, kind=kind, labels=[self.label(it) for it in items],
                     title=_clean_label(self.text_of(out[start:i + 1])).capitalize(),
                     phrase=self.text_of([x for x in out[start:m] if x is not None]),
                     opener=out[start - 1].low if start > 0 and out[start - 1] is not None else "")
            for q in range(start, m):
                out[q] = None

    def paren_lists(self, out: list[_Tok | None]) -> None:
        """'key facts (Bedrooms, Bathrooms, Area)': named items in brackets after a phrase are that
        phrase's labels (kept in `paren` by the phrase's last token until the phrase is read)."""
        n = len(out)
        for p in range(1, n):
            t, prev = out[p], out[p - 1]
            if t is None or t.quote is not None or t.low != "(" or prev is None:
                continue
            close = next((q for q in range(p + 1, min(n, p + 32)) if out[q] is None or out[q].low == ")"), None)
            if close is None or out[close] is None:
                continue
            items = self._split_items([x for x in out[p + 1:close] if x is not None])
            if len(items) >= 2 and all(self._item_ok(it, strict=False) and (it[0].cap or it[0].quote is not None)
                                       for it in items):
                self.paren[id(prev)] = [self.label(it) for it in items]
                for q in range(p, close + 1):
                    out[q] = None

    def paren_labels(self, toks: Sequence[_Tok], before: int) -> None:
        """Give the labels `paren_lists` kept for a phrase to the section it made (or a new one)."""
        labels = next((self.paren.pop(id(t)) for t in toks if id(t) in self.paren), None)
        if labels is None:
            return
        if len(self.sections) > before:
            s = self.sections[-1]
            s["labels"] += [x for x in labels if x not in s["labels"]]
        else:
            self.new(self.sections[-1]["at"] + 1 if self.sections else 0, kind=resolve_kind(("description_list",))
                     or "section", labels=labels, phrase=self.text_of(toks))

    def key_value_lists(self, out: list[_Tok | None]) -> None:
        """'with gate, seat and boarding time': three or more singular nouns that name no element
        kind (one may) are the keys of one key–value list, each a label."""
        kind = resolve_kind(("description_list",))
        if kind is None:
            return
        n = len(out)
        i = 0
        while i < n:
            prev = out[i - 1] if i > 0 else None
            if out[i] is None or (i > 0 and prev is not None and prev.low not in _KEY_LIST_OPENERS):
                i += 1
                continue
            items, end, closed = _listed(out, i, _plain, 3, 12)
            hits = sum(1 for it in items if _lex_hit([t.sing for t in it]))
            if closed and len(items) >= 3 and hits <= 1 and len(items) - hits >= 2 \
                    and all(it[-1].sing == it[-1].low for it in items):
                fields = [_field_name(it) for it in items] if self.form else []
                if fields and all(fields):  # "a payment form with card number, expiry, cvc and zip": its inputs
                    self.new(i, kind=resolve_kind(("input",)) or kind, labels=fields, count=len(fields), fields=True,
                             phrase=self.text_of([t for t in out[i:end] if t is not None]),
                             opener=prev.low if prev is not None else "")
                    self.field_words.update(t.low for it in items for t in it)
                    for q in range(i, end):
                        out[q] = None
                    i = end
                    continue
                self.new(i, kind=kind, labels=[_clean_label(self.text_of(it)).capitalize() for it in items],
                         phrase=self.text_of([t for t in out[i:end] if t is not None]),
                         opener=prev.low if prev is not None else "")
                for q in range(i, end):
                    out[q] = None
                i = end
                continue
            i += 1

    def label(self, toks: Sequence[_Tok]) -> str:
        if len(toks) == 1 and toks[0].quote is not None:
            return toks[0].quote
        return _clean_label(self.text_of(toks))

    def label_section(self, key: str, labels: list[str], toks: Sequence[_Tok], count: int | None, at: int,
                      opener: str, kind: str, title: str = "") -> None:
        phrase = self.text_of(toks)
        if key in ("column", "lane") and self.clause_has_table:
            for s in reversed(self.sections):
                if s["kind"] == "table" and s["clause"] == self.clause:
                    s["labels"] += [x for x in labels if x not in s["labels"]]
                    return
            self.new(at, kind="table", labels=labels, phrase=phrase, opener=opener)
            return
        single = kind in ("tabs", "table", "segmented_control", "stepper", "progress", "select", "menu", "sidebar",
                          "accordion", "navbar", "list")
        self.new(at, kind=kind, labels=labels, count=1 if single else max(count or 0, len(labels)),
                 phrase=phrase, title=title or (_clean_label(key) + "s" if kind == "section" else ""), opener=opener,
                 position=_KIND_POSITION.get(kind, "main"))

    # phrases ---------------------------------------------------------------------------------
    def chunks(self, toks: list[_Tok | None]) -> list[tuple[list[_Tok], bool, str, int, str]]:
        """Cut a clause into phrases: (tokens, is_context, position, index of the first token, the
        word that opened it)."""
        out: list[tuple[list[_Tok], bool, str, int, str]] = []
        cur: list[_Tok] = []
        state = {"ctx": False, "pos": "", "at": 0, "opener": ""}
        n = len(toks)

        def flush(opener: str = "") -> None:
            if cur:
                out.append((list(cur), state["ctx"], state["pos"], state["at"], state["opener"]))
            elif state["pos"] and out:
                c = out[-1]
                out[-1] = (c[0], c[1], c[2] or state["pos"], c[3], c[4])
            cur.clear()
            state.update(ctx=False, pos="", opener=opener)

        i = 0
        while i < n:
            t = toks[i]
            if t is None or (t.quote is None and t.low in (",", ":", "(", ")", ";", "—", "–")):
                flush("," if t is not None and t.low == "," else "")
                i += 1
                continue
            if t.quote is None:
                # "on the left", "at the bottom", "down the right side"
                if t.low in ("on", "at", "to", "along", "down", "across", "in") and i + 1 < n:
                    j = i + 1
                    if j < n and toks[j] is not None and toks[j].low == "the":
                        j += 1
                    if j < n and toks[j] is not None and toks[j].low in ("left", "right", "top", "bottom"):
                        p = _POSITION_WORDS[toks[j].low]
                        j += 1
                        while j < n and toks[j] is not None and toks[j].low in ("side", "edge", "corner", "of",
                                                                               "hand", "the", "screen", "page"):
                            j += 1
                        if cur:
                            state["pos"] = p
                            flush()
                        elif out:
                            c = out[-1]
                            out[-1] = (c[0], c[1], c[2] or p, c[3], c[4])
                        i = j
                        continue
                if t.low == "next" and i + 1 < n and toks[i + 1] is not None and toks[i + 1].low == "to":
                    flush("next to")
                    i += 2
                    continue
                if t.low in _SPLIT_WORDS and not (t.low == "and" and cur and cur[-1].low in ("drag", "black")):
                    flush(t.low)
                    i += 1
                    continue
                if t.low in _CONTEXT_WORDS and cur and cur[-1].cap and cur[-1].quote is None and i > 0 \
                        and any(toks[q] is not None and toks[q].sing in ("button", "link", "cta")
                                and all(toks[r] is not None and toks[r].low not in _SPLIT_WORDS for r in range(i, q))
                                for q in range(i + 1, min(n, i + 4))):
                    cur.append(t)  # "an Add to cart button", "a Sign in link": a label, not a context
                    i += 1
                    continue
                if t.low in ("to", "in", "on", "for") and len(cur) == 1 and cur[0].cap and cur[0].quote is None \
                        and cur[0].low in _ACTION_VERBS and i + 1 < n and toks[i + 1] is not None \
                        and toks[i + 1].quote is None and toks[i + 1].low.isalpha():
                    cur.append(t)  # "and Add to cart", "then Sign in": an action's own words
                    i += 1
                    continue
                if t.low in _CONTEXT_WORDS:
                    if t.low == "of" and cur and (cur[-1].low.isdigit() or cur[-1].low in _NUMBER_WORDS
                                                  or not state["ctx"]):
                        cur.append(t)  # "list of orders", "grid of photos", "one of"
                        i += 1
                        continue
                    if not (t.low == "like" and not cur):
                        flush(t.low)
                        state["ctx"] = True
                        i += 1
                        continue
            if not cur:
                state["at"] = i
            cur.append(t)
            i += 1
        flush()
        return out

    def phrase(self, toks: list[_Tok], ctx: bool, pos: str, at: int, opener: str, first: bool) -> None:
        lows = [t.low for t in toks]
        words = [t.sing if t.quote is None else "" for t in toks]
        text = self.text_of(toks)
        quoted = [t.quote for t in toks if t.quote is not None]
        # "list of orders": the head comes before "of", unless that word only counts ("a grid of 12 photos")
        head_words = list(words)
        counted = -1  # "a grid of …": the words up to "of" only count the things after it
        if "of" in lows:
            k = lows.index("of")
            before = [w for w in words[:k] if w and w not in _DETERMINERS and not w.isdigit()
                      and w not in _NUMBER_WORDS]
            after = _lex_hit(words[k + 1:])
            if after and (not before or before[-1] in _CONTAINERS
                          or (before[-1] == "list" and after[3] in _TILE_KINDS)):
                head_words = [""] * (k + 1) + words[k + 1:]
                counted = k
            elif _lex_hit(words[:k]):
                head_words = words[:k] + [""] * (len(words) - k)
        hit = _lex_hit(head_words)
        position = pos
        for w in lows:
            if w in ("left", "right", "top", "bottom", "upper", "lower") and not position:
                position = _POSITION_WORDS[w]
        field = _field_name(toks) if self.form and not quoted else ""
        if field:
            self.field_words.update(t.low for t in toks)
            # "a job application form with name, email and …": the form's labelled inputs, in one section
            form = next((s for s in reversed(self.sections) if s.get("fields")
                         or (s["kind"] == "input" and s.get("key") == "form" and not s["labels"])), None)
            if form is None:
                self.new(at, kind=resolve_kind(("input",)) or "section", labels=[field], fields=True, phrase=text,
                         position=position or "main", opener=opener)
            elif field not in form["labels"]:
                form["labels"].append(field)
                form["count"], form["fields"] = len(form["labels"]), True
            return
        if ctx and opener == "as" and hit and hit[3] not in ("sidebar", "navbar", "header", "footer", "modal"):
            prev = self.sections[-1] if self.sections and self.sections[-1]["clause"] == self.clause else None
            if prev is not None and not prev["from_page"] and not (hit[3] == "list" and prev["kind"] != "?"):
                # "watering reminders as a checklist", "stats as cards": what the phrase before shows, drawn so
                prev["kind"] = hit[3]
                prev["phrase"] = f"{prev['phrase']} as {text}"  # "… as a donut chart": how it is drawn
                return
        if ctx:
            per = opener == "per" or (opener == "for" and lows and lows[0] in ("each", "every"))
            prev = self.sections[-1] if self.sections and self.sections[-1]["clause"] == self.clause else None
            if per and prev is not None and prev["kind"] in _TILE_KINDS | {"list_item"} and prev["count"] <= 1:
                # "a card per flight", "a tile for each room": one of them for each record
                noun = [t.text for t in toks if t.quote is None and t.low not in {"each", "every"} | _DETERMINERS]
                prev["count"], prev["per"] = 6, True
                prev["title"] = prev["title"] or _clean_label(" ".join(noun)).capitalize() + ("s" if noun else "")
                return
            if hit and hit[3] in _SHOWN_ON and not any(x["kind"] == hit[3] for x in self.sections):
                # "today's walks on a map": the map is drawn, with what it shows
                self.new(at, kind=hit[3], position=position or _KIND_POSITION.get(hit[3], "main"), phrase=text,
                         opener=opener, key=hit[2])
                return
            # "folders in a sidebar": a context phrase naming a place adds it and puts the previous section there
            if hit and hit[3] in ("sidebar", "navbar", "header", "footer", "modal", "bottom_sheet", "card"):
                place = position or _KIND_POSITION.get(hit[3], "main")
                if self.sections and self.sections[-1]["clause"] == self.clause \
                        and self.sections[-1]["position"] == "main":
                    self.sections[-1]["position"] = place
                if hit[3] != "card":
                    self.new(at, kind=hit[3], position=place, phrase=text, opener=opener)
            return
        if self.sections and toks[0].low in ("their", "its", "each's") and not hit \
                and self.sections[-1]["kind"] in _RECORD_KINDS:
            return  # "beers listed with their strength and price": what each row shows
        if self.sections and self.sections[-1]["clause"] == self.clause \
                and self.sections[-1]["kind"] in _RECORD_KINDS | {"section", "?", "description_list", "stat"}:
            content_words = [t.sing for t in toks if t.quote is None and t.low not in _DETERMINERS
                             and t.low not in _ATTRIBUTE_QUALIFIERS]
            said = " ".join(t.low for t in toks if t.quote is None and t.low not in _DETERMINERS)
            if content_words and (" ".join(content_words) in _ATTRIBUTES or said in _PLURAL_ATTRIBUTES
                                  or all(w in _ATTRIBUTES or _singular(w) in _ATTRIBUTES for w in content_words)):
                return  # "menu items and prices": what the rows before show, not a section of its own
        count, ci = _count_of(words, hit[0] if hit else len(words))
        if count is None and hit and "of" in lows[hit[1]:hit[1] + 1]:
            # "a table of 10 players": the count right after the kind's "of" counts its rows
            after, ai = _count_of(words[hit[1] + 1:hit[1] + 3], 2)
            if after is not None:
                count, ci = after, hit[1] + 1 + ai
        worded = [t for i, t in enumerate(toks) if t.quote is None and i != ci and t.low not in _DETERMINERS
                  and t.low not in _STYLE and t.low not in _NUMBER_WORDS and not t.low.isdigit()
                  and t.low not in _POSITION_WORDS]
        content = [t.text for t in worded if not _is_domain_word(t.low)]
        if hit and first and any(t.low in _PAGE_HEADS for t in toks[hit[1]:]):
            return  # "recipe page": the page's own name
        if not first and toks[0].cap and toks[0].quote is None and toks[0].low in _ACTION_VERBS and len(toks) <= 4 \
                and (not hit or hit[3] in ("list_item", "section", "card", "text")):
            # "…, then Confirm appointment": a capitalised action is a button with that label
            self.new(at, kind=resolve_kind(("button",)) or "section", labels=[_clean_label(text)], phrase=text,
                     position=position or "main", opener=opener)
            return
        obj = [t.text for t in toks[1:] if t.quote is None and t.low not in _DETERMINERS]
        if not hit and lows[0] in ("choose", "pick", "select") and 0 < len(obj) <= 3:
            # "choose a doctor": a select of them
            self.new(at, kind=resolve_kind(("select",)) or "section", title=_clean_label(" ".join(obj)).capitalize(),
                     phrase=text, position=position or "main", opener=opener)
            return
        if not hit and [w for w in words if w and w not in _DETERMINERS] == ["time"] and self.sections \
                and self.sections[-1]["kind"] == "date_picker" and self.sections[-1]["clause"] == self.clause:
            # "a date and a time": the time is picked as the date is
            self.new(at, kind=resolve_kind(("time_picker",)) or "section", phrase=text, position=position or "main",
                     opener=opener)
            return
        mod = next((m for w in lows if (m := _MODIFIERS.get(w)) and (m[1] is None or (hit and hit[3] in m[1]))), None)
        if mod and not hit and content:
            self.new(at, kind=mod[0], count=count or 1, labels=quoted, phrase=text, position=position or "main",
                     opener=opener, title=_clean_label(" ".join(w for w in content if w.lower() not in _MODIFIERS)))
            return
        if hit:
            lo, hi, key, kind = hit
            if mod:
                kind = mod[0]
            # a capitalised word inside the sentence is a name ("a Next button"), even a common one
            named = [i for i in range(len(toks)) if toks[i].cap and (i > 0 or at > 0) and toks[i].quote is None
                     and lows[i] not in ("a", "an", "the", "i")]
            keep = [i for i in range(len(toks)) if (i < lo or i >= hi) and i != ci and toks[i].quote is None
                    and i > counted
                    and (i in named or (lows[i] not in _DETERMINERS and lows[i] not in _STYLE
                                        and lows[i] not in _POSITION_WORDS and lows[i] not in _NUMBER_WORDS
                                        and not lows[i].isdigit()))]
            if kind in ("select", "radio", "segmented", "chip", "tabs") and lo > 0 and lows[lo - 1] in ("type", "kind") \
                    and lo - 2 in keep:
                keep = sorted(set(keep) | {lo - 1})  # "a permit type select": Permit type, not Permit
            rest = [toks[i].text for i in keep]
            title = _clean_label(" ".join(rest)) if 0 < len(rest) <= 5 else ""
            if kind in ("list", "list_item", "card", "table") and key not in (kind, "list", "card", "table", "tile", "grid",
                                                                               "panel", "box", "widget", "item"):
                # a kind named by a more specific word ("employee directory", "order summary"): that word titles it
                words_in = sorted(set(keep) | set(range(lo, hi)))
                if len(words_in) <= 6:
                    title = _clean_label(" ".join(toks[i].text for i in words_in))
            tail = key.split()[-1]
            if not title and kind in ("stepper", "slider", "toggle", "select", "input") and hi - lo > 1 \
                    and (tail in _LABEL_HOLDERS or tail in ("stepper", "counter", "picker")) \
                    and not any(t.quote is not None for t in toks[lo:hi - 1]):
                # "a guests stepper": the lexicon phrase's first words say what the control sets
                title = _clean_label(" ".join(t.text for t in toks[lo:hi - 1]))
            if toks[-1].sing in ("section", "area", "block") and hi < len(toks) and key not in ("section", "area"):
                # "a show notes section": the words before "section" name it
                own = [t.text for t in toks[:-1] if t.quote is None and t.low not in _DETERMINERS
                       and t.low not in _NUMBER_WORDS]
                if 0 < len(own) <= 5:
                    title = _clean_label(" ".join(own))
            labels = list(quoted)
            if kind in ("button", "tabs", "chip", "badge", "segmented", "toggle") and keep and keep[0] in named \
                    and keep[-1] < lo:
                labels.append(_clean_label(" ".join(toks[q].text for q in range(keep[0], lo) if toks[q].quote is None
                                                    and q != ci)) or title)
                title = ""
            if kind == "list_item" and toks[hi - 1].low != toks[hi - 1].sing and not count:
                kind = resolve_kind(("list",)) or kind  # "recent transactions": a list of them
                title = title or _clean_label(" ".join(toks[i].text for i in range(lo, hi)))
            if key in _VALUE_KEYS and not labels:
                # "available balance", "tax and total": a value, labelled as the prompt words it
                labels = [_clean_label(" ".join(t.text for t in toks if t.quote is None and t.low not in _DETERMINERS
                                                and t.low not in _NUMBER_WORDS))]
                title = ""
            if not position or (position in ("top", "bottom") and kind == "sidebar"):
                position = position or _KIND_POSITION.get(kind, "")
            grid = counted >= 0 and any(w in ("grid", "gallery", "wall", "mosaic", "collage") for w in lows[:counted])
            self.new(at, kind=kind, count=count or 1, labels=labels, title=title, position=position or "main",
                     phrase=text, from_page=first, opener=opener, key=key, value=key in _VALUE_KEYS,
                     grid=grid and kind in ("list", "list_item"))
            return
        if quoted and not content:
            self.new(at, kind=resolve_kind(("text", "heading")) or "section", labels=quoted, phrase=text,
                     position=position or "main", opener=opener)
            return
        if not content and not first and not ctx and (
                any(t.low in _RECORD_MODIFIERS for t in toks) or (toks[-1].low != toks[-1].sing and toks[-1].quote is None)):
            # "… and upcoming homework", "with pizzas, drinks …": records of the domain are still what
            # the phrase asks to see, not only what the page is about
            content = [t.text for t in worded]  # all of them are the domain's words here
        if not content or (first and any(w in _PAGE_HEADS for w in lows)):
            return  # the page itself ("pricing page"), its look or its domain: nothing more to draw
        s = self.new(at, kind="?", count=count or 1, labels=quoted, phrase=text, position=position or "main",
                     score=0.0, opener=opener, from_page=first)
        if len(content) > 1 and content[-1].lower() in ("section", "sections", "area", "block"):
            content = content[:-1]  # "a biography section": Biography
        s["title"] = _clean_label(" ".join(content))
        if self.to_embed < MAX_EMBEDDED:
            s["embed"] = " ".join(t.low for i, t in enumerate(toks) if t.quote is None and i != ci
                                  and t.low not in ("a", "an", "the", "some", "my", "our", "your"))
            self.to_embed += 1


#: Words that make what they qualify an element kind of its own, whatever the noun: "a floating
#: camera button" is a floating action button, "collapsible questions" an accordion, "skeleton
#: cards" a loading skeleton. Each: (kind, the kinds of noun it turns, or None for any).
_MODIFIERS: dict[str, tuple[str, frozenset | None]] = {
    "floating": ("fab", frozenset({"button", "icon", "fab"})),
    "collapsible": ("accordion", None), "expandable": ("accordion", None), "foldable": ("accordion", None),
    "skeleton": ("skeleton", None), "shimmer": ("skeleton", None),
}
#: Content shown "on a map", "on a calendar", "on a timeline": the place is a section of its own.
_SHOWN_ON = frozenset({"map", "calendar", "timeline", "chart", "kanban_column"})


def _sing_phrase(p: str) -> str:
    return " ".join(_singular(w) for w in p.split())


@lru_cache(maxsize=1)
def _domain_index() -> tuple[dict[str, list[str]], dict[str, list[tuple[str, str]]]]:
    single: dict[str, list[str]] = {}
    multi: dict[str, list[tuple[str, str]]] = {}
    for d, words in DOMAINS.items():
        for w in words:
            w = _sing_phrase(w)
            if " " in w:
                multi.setdefault(w.split()[0], []).append((w, d))
            else:
                single.setdefault(w, []).append(d)
    return single, multi


def _is_domain_word(w: str) -> bool:
    single, _ = _domain_index()
    return w in single or _singular(w) in single


#: Where the words that name the app end ("dog walking app | showing …", "returns portal | where …").
_HEAD_END = re.compile(r"\s(?:with|showing|shows|that|which|where|including|listing|containing)\b|[,;:]| - ")


#: A trade's jobs ("a bicycle repair shop job board", "a plumber's jobs list"): work to do, not
#: vacancies; "job" then names no jobs domain.
TRADE_JOBS = re.compile(
    r"\b(repairs?|workshop|garage|mechanics?|servic(e|ing)|maintenance|cleaning|cleaners?|plumb\w*|electricians?|"
    r"joinery|decorat\w*|install\w*|landscap\w*|roofers?|builders?|handyman|locksmiths?|tailors?|print shop)\b"
    r"[^.]*?\bjobs?\b", re.IGNORECASE)
#: Compounds whose words name none of their domains ("a food bank", "a power bank").
NOT_DOMAIN_COMPOUNDS = re.compile(r"\b(food|blood|river|data|memory|power|seed|sperm|milk) banks?\b|"
                                  r"\bbank holidays?\b", re.IGNORECASE)
#: Shops of a service, not of goods ("a bicycle repair shop", "a print shop"), and what comes
#: before them (what the shop repairs, "bike").
SERVICE_SHOP = re.compile(r"(?:\b[\w-]+\s+)?\b(repair|service|print|body|tattoo|barber|framing|key cutting)\s+shops?\b",
                          re.IGNORECASE)

#: Vehicles that sell or lend what comes before them ("an ice cream van", "a mobile library bus"): the
#: business is what they sell, not transport.
SELLING_VEHICLE = re.compile(r"\b(ice[ -]cream|food|coffee|burger|taco|pizza|street food|noodle|crepe|crêpe|kebab|"
                             r"hot dog|fish and chips?|smoothie|juice|flower|library|book)\s+(?:vans?|trucks?|carts?|"
                             r"trailers?|bus|buses|boats?|bikes?)\b", re.IGNORECASE)


def domain_text(prompt: str) -> str:
    """`prompt` without the words that look like a domain's and are not here: a trade's jobs
    (`TRADE_JOBS`) and a workshop's work orders, compounds like "a food bank"
    (`NOT_DOMAIN_COMPOUNDS`), a vehicle that sells ("an ice cream van", `SELLING_VEHICLE`), and a
    service shop with what it repairs (`SERVICE_SHOP`: "a bike
    repair shop" sells no goods and is no bike hire). The planner's domain and the copy's read it."""
    text = re.sub(r"\bjobs?\b", " ", prompt, flags=re.IGNORECASE) if TRADE_JOBS.search(prompt) else prompt
    text = re.sub(r"\bwork orders?\b", "work", text, flags=re.IGNORECASE)
    text = NOT_DOMAIN_COMPOUNDS.sub(" ", text)
    text = SELLING_VEHICLE.sub(r"\1", text)
    text = MET_IN_PERSON.sub(lambda m: m.group(1) or m.group(2), text)
    text = LOCAL_COMMUNITY.sub("local ", text)
    return SERVICE_SHOP.sub(r" \1 workshop", text)


def _word_set(text: str) -> set[str]:
    return {_singular(w) for w in re.findall(r"[a-z][a-z'\-]*", text.lower())}


def prompt_head(prompt: str) -> str:
    """A prompt's head in lower case, the words before its first "with", "showing", "where" or
    comma: what the app is ("a faq page for a bike rental shop")."""
    return _HEAD_END.split(prompt.lower(), maxsplit=1)[0]


#: How close (cosine of MiniLM vectors) a prompt's head must be to a domain's description for one
#: keyword outside the head to name the domain, unless no other domain is closer.
HEAD_FIT = 0.28
HEAD_FIT_CLOSEST = 0.15  # … or how close the closest domain must be to count
_DESCRIPTIONS: dict[tuple[str, ...], np.ndarray] = {}


@lru_cache(maxsize=2048)
def _head_vector(head: str) -> np.ndarray:
    return _embed([head])[0]


def similarities(texts: tuple[str, ...], query: str) -> np.ndarray:
    """MiniLM cosines of `query` and each of `texts` (the texts' vectors cached on disk and in memory,
    the query's in memory): how the planner and the copy read a phrase against lines that describe
    domains or kinds of things."""
    if texts not in _DESCRIPTIONS:
        _DESCRIPTIONS[texts] = _cached_embed(list(texts), _encoder().name)
    return _DESCRIPTIONS[texts] @ _head_vector(query.strip()[:200] or ".")


def head_fits(head: str, descriptions: tuple[str, ...], i: int) -> bool:
    """Whether a prompt's head (`prompt_head`) reads as the `i`-th of `descriptions` (one line a
    domain: its name and keywords): it is within `HEAD_FIT` by MiniLM, or no description is closer
    and it is within `HEAD_FIT_CLOSEST`. "checking account" reads as banking, "mountain rescue
    callout board" not as a security console."""
    sims = similarities(descriptions, head)
    return bool(sims[i] >= HEAD_FIT or sims[i] >= max(sims.max(), HEAD_FIT_CLOSEST))


@lru_cache(maxsize=1)
def _domain_descriptions() -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(DOMAINS), tuple(f"{d}: {', '.join(words[:10])}" for d, words in DOMAINS.items())


def _domain(words: list[str], head: str | None = None) -> str:
    """The domain whose words the prompt uses most (singular words; phrases count more; the first
    words, which name the page, count more); ``"generic"`` when none. With `head` (`prompt_head`), a
    domain needs a keyword in the head, two keywords of its own, or one and a head that reads as
    the domain (`head_fits`): one word of a section or a label alone ("an incidents map" on a
    mountain rescue board, "a Pour flight button" in a taproom) does not make the app one of that
    domain."""
    single, multi = _domain_index()
    score: dict[str, float] = {}
    said: dict[str, set[str]] = {}
    text = " " + " ".join(words) + " "
    first: dict[str, int] = {}
    seen: set[str] = set()
    for i, w in enumerate(words):
        if w in seen:  # a word said again ("checkout … Finish checkout") does not outweigh the page's own noun
            continue
        seen.add(w)
        for d in single.get(w, ()):
            score[d] = score.get(d, 0) + 1.0 + (1.0 if i < 3 else 0.5 if i < 6 else 0)
            first.setdefault(d, i)
            said.setdefault(d, set()).add(w)
        for phrase, d in multi.get(w, ()):
            if f" {phrase} " in text:
                score[d] = score.get(d, 0) + 2.5
                first.setdefault(d, i)
                said.setdefault(d, set()).add(phrase)
    if head is not None:
        names, descriptions = _domain_descriptions()
        hw = {_singular(w) for w in re.findall(r"[a-z][a-z'\-]*", head)}
        score = {d: v for d, v in score.items() if len(said[d]) > 1 or any(set(k.split()) <= hw for k in said[d])
                 or head_fits(head, descriptions, names.index(d))}
    if not score:
        return "generic"
    # a tie goes to the domain named first (the page's own noun: "online class with a video")
    return max(score, key=lambda d: (score[d], -first.get(d, 99)))


def _device(text: str, device: str) -> str:
    if device != "desktop":
        return device
    for dev in ("mobile", "tablet", "desktop"):
        for w in _DEVICE_WORDS[dev]:
            if f" {w} " in text or f" {w}s " in text:
                return dev
    return device


def _archetype(page: str, page_types: Mapping[str, Sequence[str]]) -> str | None:
    """The page type whose phrases the page phrase holds (whole words; longest total wins)."""
    p = " " + _WORDS_ONLY.sub(" ", page).strip() + " "
    named = any(w in _PAGE_HEADS for w in p.split())
    best, score = None, 0
    for name, phrases in page_types.items():
        n = 0
        for w in phrases:
            w = " " + _WORDS_ONLY.sub(" ", w.lower()).strip() + " "
            at = p.find(w) if w.strip() else -1
            if at < 0:
                at = p.find(w[:-1] + "s ") if w.strip() else -1
            # a page type counts when the phrase names the page ("checkout page", "inbox"), not a part
            # of it ("a grid of photos")
            if at >= 0 and (named or p[at + len(w):].strip() in ("", "s")):
                n += len(w.strip())
        if n > score:
            best, score = name, n
    return best


_NAME = r"[A-Z][\w'’&-]*(?: (?:[A-Z][\w'’&-]*|(?!(?:and|or|holding|with|of|for|cards?|as|each|per)\b)[a-z]+))?"
#: "columns To do, Doing and Done" (names after the word, capitalised, ending at "and"/"or" + one):
#: the same as "To do, Doing and Done columns"; what the columns hold ("holding room cards") goes.
_COLUMNS_NAMED = re.compile(rf"\b(columns|lanes)\s+((?:{_NAME}\s*,\s*)*{_NAME},?\s+(?:and|or)\s+{_NAME})"
                            r"(?:\s+(?:holding|with|of)\s+(?:[a-z]+\s+){0,2}cards)?")


#: A column's name that may hold lower-case words ("Booked in", "Ready for pickup"): used where
#: the names run to the end of their clause, so nothing after them can be read into the last.
_NAME_LONG = r"(?!QLABEL\d)[A-Z][\w'’&-]*(?:\s+(?!(?:and|or|holding|with|of|cards?|as|each|per)\b)[a-z][\w'’-]*){0,3}"
_COLUMNS_TO_END = re.compile(rf"\b(columns|lanes)\s+((?:{_NAME_LONG}\s*,\s*)*{_NAME_LONG},?\s+(?:and|or)\s+"
                             rf"{_NAME_LONG})(?=\s*(?:[,.;]|$))")


_RADIO_NAMED = re.compile(rf"\b(radio(?: buttons?)?|radios)\s+(?=(?:{_NAME}\s*,\s*)*{_NAME},?\s+(?:and|or)\s+{_NAME})")


def plan_prompt(prompt: str, device: str = "desktop", *,
                page_types: Mapping[str, Sequence[str]] | None = None) -> Plan:
    """The page plan of `prompt` (the module docstring says how it is read). `device` is desktop,
    tablet or mobile (anything else raises ValueError); `page_types` maps built-in page types to
    the phrases that ask for them (default `conditioning.ARCHETYPES`). Never raises on the prompt."""
    if device not in DEVICES:
        raise ValueError(f"unknown device {device!r} (use {', '.join(DEVICES)})")
    prompt = prompt if isinstance(prompt, str) else str(prompt)
    if page_types is None:
        from conditioning.context import ARCHETYPES

        page_types = ARCHETYPES
    r = _Reader()
    r.form = bool(_FORM_RE.search(prompt))

    def _quoted(label: str) -> str:
        r.quotes.append(_clean_label(label))
        return f" QLABEL{len(r.quotes) - 1} "

    def _quote(m: re.Match) -> str:
        return _quoted(next(g for g in m.groups() if g is not None))

    text = _QUOTE_RE.sub(_quote, expand_ranges(prompt[:MAX_CHARS]))
    text = re.sub(r"\b([Ll])og[ -](in|on|out)\b", r"\1og\2", text)  # "a log in page" signs in; it holds no log
    # "cars listed with their daily price" is a list of cars, as "a list of cars with …" is
    text = re.sub(r"\b([a-z]+s) (?:listed|shown|displayed) (?=with|by|as|in)", r"a list of \1 ", text)
    # "columns Booked in, Repairing and Ready for pickup" closing a clause: each name as written
    text = _COLUMNS_TO_END.sub(lambda m: m.group(1) + " " + re.sub(_NAME_LONG, lambda n: _quoted(n.group(0)),
                                                                     m.group(2)), text)
    # "a board with columns Dirty, Cleaning and Ready holding room cards": the names are the columns'
    text = _COLUMNS_NAMED.sub(lambda m: f"{m.group(2)} {m.group(1)}", text)
    # "a box size radio Small, Medium and Large": the names are the radio's options
    text = _RADIO_NAMED.sub(r"\1 options ", text)
    all_words: list[str] = []
    page = ""
    clauses = [c for c in _CLAUSE_RE.split(text) if c and c.strip()]
    for ci, clause in enumerate(clauses):
        r.clause = ci
        toks = []
        for raw in _TOKEN_RE.findall(clause):
            m = _QLABEL.fullmatch(raw)
            toks.append(_Tok(raw, r.quotes[int(m.group(1))]) if m and int(m.group(1)) < len(r.quotes) else _Tok(raw))
        r.clause_has_table = any(t.sing in ("table", "spreadsheet") for t in toks)
        marked = r.label_lists(toks)
        all_words += [t.low for t in marked if t is not None and t.quote is None]  # labels name no domain
        for pi, (chunk, ctx, pos, at, opener) in enumerate(r.chunks(marked)):
            first = ci == 0 and pi == 0 and not ctx and at == next((q for q, t in enumerate(marked) if t), -1)
            if first:
                page = " ".join(t.low for t in chunk)
            before = len(r.sections)
            r.phrase(chunk, ctx, pos, at, opener, first)
            r.paren_labels(chunk, before)
    _resolve_embedded(r)
    words = [w for w in all_words if w not in r.field_words]
    for w in (w.lower() for s in r.sections for lab in s.get("labels", ()) if lab[:1].isupper() for w in lab.split()):
        if w in words:  # a label's words name no domain ("a Pour flight button"); the same word elsewhere may
            del words[len(words) - 1 - words[::-1].index(w)]
    gone = _word_set(prompt) - _word_set(domain_text(prompt))  # "a food bank": neither food nor a bank
    words = [_singular(w) for w in words if _singular(w) not in gone]
    domain = _domain(words, prompt_head(prompt))
    sections, overflow = _finish(r, domain)
    kept = {s.phrase for s in sections if s.kind == "section"}  # a phrase read as a kind after all is matched
    unmatched = [u for u in dict.fromkeys(r.unmatched) if u[:240] in kept] + overflow
    if len(prompt) > MAX_CHARS:
        unmatched.append(f"… the {len(prompt) - MAX_CHARS} characters past the first {MAX_CHARS} (not read)")
    return Plan(prompt=prompt, device=_device(" " + " ".join(all_words) + " ", device), domain=domain,
                archetype=_archetype(page, page_types) if page else None, sections=sections, unmatched=unmatched)


DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAY_ABBR = frozenset(d[:3] for d in DAY_NAMES)
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")
_RANGE_SEP = r"\s*(?:to|through|thru|till|until|-|–|—)\s*"


def _range_re(names: Sequence[str]) -> re.Pattern:
    """A range of two names of `names` ("Monday to Friday", "Mon–Fri", "January through June"):
    whole names in any case, three-letter short names capitalised."""
    one = "|".join([f"(?i:{n})" for n in names] + [n[:3] for n in names])
    return re.compile(rf"\b({one})\b{_RANGE_SEP}\b({one})\b")


_DAY_RANGE, _MONTH_RANGE = _range_re(DAY_NAMES), _range_re(MONTH_NAMES)


def expand_ranges(text: str) -> str:
    """Ranges of weekdays or months written out as the names they span ("Monday to Friday" →
    "Monday, Tuesday, Wednesday, Thursday and Friday"; "Mon–Fri" → "Mon, Tue, Wed, Thu and Fri"),
    so each day or month becomes a label. A range that spans one name, or all of them and more,
    is left as written."""

    def expand(m: re.Match, names: Sequence[str]) -> str:
        a, b = m.group(1), m.group(2)
        ia = next(i for i, n in enumerate(names) if a.lower() in (n.lower(), n[:3].lower()))
        ib = next(i for i, n in enumerate(names) if b.lower() in (n.lower(), n[:3].lower()))
        span = [names[(ia + k) % len(names)] for k in range((ib - ia) % len(names) + 1)]
        if len(span) < 2:
            return m.group(0)
        short = len(a) == 3 and len(b) == 3
        span = [n[:3] if short else n for n in span]
        return ", ".join(span[:-1]) + " and " + span[-1]

    text = _DAY_RANGE.sub(lambda m: expand(m, DAY_NAMES), text)
    return _MONTH_RANGE.sub(lambda m: expand(m, MONTH_NAMES), text)


def _resolve_embedded(r: _Reader) -> None:
    """Kinds of the phrases the lexicon did not know, by their nearest catalogue entry."""
    todo = [s for s in r.sections if s["kind"] == "?"]
    vecs = q = owners = None
    batch = [s for s in todo if s.get("embed")]
    if batch:
        try:
            vecs, owners, texts = kind_catalogue()
            q = _embed_phrases([s["embed"] for s in batch])
        except Exception:  # noqa: BLE001 - without the encoder every such phrase stays a titled section
            vecs = None
    for s in todo:
        emb = s.pop("embed", None)
        if vecs is not None and emb:
            sims = vecs @ q[batch.index(s)]
            best = int(np.argmax(sims))
            s["score"] = round(float(sims[best]), 4)
            if _plural_records(s) and (sims[best] < _SURE_RECORDS or owners[best] not in _RECORD_KINDS):
                # "pizzas", "burgers and sides", "weekly runs": records of the noun, one a row
                s["kind"] = resolve_kind(("list",)) or "section"
                if s["kind"] == "section":
                    r.unmatched.append(s["phrase"])
                continue
            if sims[best] >= EMBED_THRESHOLD and not s["from_page"]:
                s["kind"] = owners[best]
                entry = {_singular(w) for w in re.findall(r"[a-z]+", texts[best].lower())}
                s["title"] = _clean_label(" ".join(w for w in s["title"].split() if _singular(w.lower()) not in entry))
                if s["position"] == "main":
                    s["position"] = _KIND_POSITION.get(s["kind"], "main")
                continue
        s["kind"] = "section"
        r.unmatched.append(s["phrase"])


#: Kinds whose guess a plural noun keeps (they hold several records); below `_SURE_RECORDS` it is a list anyway.
_RECORD_KINDS = {"list", "list_item", "table", "card", "comment", "file_tile", "image", "video_tile", "video",
                 "avatar", "kanban_column", "checkbox", "radio", "toggle", "chip", "stat", "stat_tile"}
_SURE_RECORDS = 0.7


def _plural_records(s: dict) -> bool:
    """Whether an unknown phrase names several records of a noun ("pizzas", "weekly runs", "vinyl
    records"): its last word is a plural and it is not the page's own name."""
    words = re.findall(r"[a-z]+", (s.get("title") or "").lower())
    return bool(words) and not s["from_page"] and _singular(words[-1]) != words[-1] and len(words) <= 3


#: Verbs that, capitalised at the head of a phrase, name a button ("then Confirm appointment").
_ACTION_VERBS = {"add", "apply", "book", "buy", "call", "cancel", "checkout", "check", "confirm", "continue", "create",
                 "delete", "donate", "download", "edit", "export", "finish", "follow", "get", "invite", "join", "next",
                 "order", "pay", "place", "post", "publish", "redeem", "register", "remove", "reserve", "reply",
                 "request", "save", "schedule", "send", "share", "sign", "start", "submit", "subscribe", "upload",
                 "verify", "view", "back", "back to", "retry", "try", "renew", "rsvp", "enroll", "enrol", "claim"}

#: Words that make a phrase the page's own name ("pricing page", "banking app home screen").
#: Last words of a prompt's first phrase that name the whole screen when they would only make a
#: generic field or row ("a … request form with …", "a salon booking with …").
_PAGE_NOUNS = {"form", "booking", "bookings", "purchase", "request", "signup", "registration", "application"}
_PAGE_HEADS = {"page", "pages", "screen", "screens", "app", "application", "site", "website", "dashboard", "view",
               "portal", "platform", "homepage", "interface", "ui", "console", "tool", "layout", "mockup", "mock",
               "home", "client", "hub", "center", "centre", "workspace", "panel", "studio", "manager", "tracker",
               "planner", "builder", "editor", "admin", "backoffice", "back-office", "landing", "flow", "wizard"}

_CONTAINER_KINDS = ("navbar", "sidebar", "footer", "header", "card", "modal", "bottom_sheet")


#: A date a screen states ("next eligible date", "renewal date", "member since"), not a picker.
_READOUT_DATE = re.compile(r"^(?:(?:a|an|the|your|my)\s+)?(?:(?:next|last|previous|upcoming)\b.*\bdate|"
                           r".*\b(?:eligible|renewal|expiry|expiration|anniversary)\s+date|member since)\b")


_RECORDS_AS_CARDS = re.compile(r"^((?:the |a |an )?[a-z][a-z-]*s (?:and|or) [a-z][a-z-]*s) as (?:cards|tiles)\b")


def _finish(r: _Reader, domain: str = "generic") -> tuple[list[PlanSection], list[str]]:
    secs = sorted(r.sections, key=lambda s: (s["clause"], s["at"]))
    for s in secs:  # a word that means another kind in this domain ("cafe menu": a list of dishes)
        kind = _DOMAIN_KINDS.get((domain, s.get("key", "")))
        if kind and resolve_kind((kind,)):
            s["kind"] = resolve_kind((kind,))
            if kind == "stat" and not s["labels"]:
                said = _as_written(s["phrase"])
                s["labels"] = [said] if 0 < len(said.split()) <= 5 else \
                    [_clean_label(s["title"] + " " + s.get("key", "")) if s["title"] else _clean_label(s.get("key", ""))]
    named = [s for s in secs if s["kind"] in ("input", "list_item") and s["clause"] == 0 and s["at"] == 0
             and not s["labels"] and not s["opener"] and len((s["phrase"] or "").split()) > 1
             and (s["phrase"] or "").split()[-1].lower() in _PAGE_NOUNS]
    if named and len(secs) > 1:  # "tenant maintenance request form with …", "salon booking with …": the page, named
        secs = [s for s in secs if s is not named[0]]
    for s in secs:  # "washers and dryers as cards": records of two nouns shown as cards, not two named cards
        m = _RECORDS_AS_CARDS.match(s["phrase"] or "")
        if s["kind"] == "card" and s["labels"] and m:
            s["labels"], s["count"], s["title"] = [], 1, _as_written(m.group(1)).capitalize()
    kept = []
    for s in secs:  # "routes as cards showing grade badges": each card shows its badge, not a row of chips
        prev = kept[-1] if kept else None
        if s["kind"] in ("badge",) and not s["labels"] and s["opener"] in ("showing", "with", "each with")  \
                and prev is not None and prev["clause"] == s["clause"] and prev["kind"] in _RECORD_KINDS:
            prev["phrase"] = f"{prev['phrase']} {s['opener']} {s['phrase']}"  # drawn on each record
            continue
        kept.append(s)
    secs = kept
    day_tabs = any(s["kind"] in ("tabs", "segmented") and len(s["labels"]) >= 2
                   and all(lab in DAY_NAMES or lab in ("Today", "Tomorrow") or (len(lab) <= 4 and lab[:3] in _DAY_ABBR)
                           for lab in s["labels"])
                   for s in secs)
    if day_tabs:  # "a schedule with day tabs Friday, Saturday and Sunday": the days are tabs, not a month grid
        secs = [s for s in secs if not (s["kind"] == "calendar" and s["clause"] == 0 and s["at"] <= 3
                                        and not s["labels"])]
    stat = resolve_kind(("stat_tile", "stat"))
    for s in secs:  # "next eligible date", "renewal date": a date the screen states, not one it asks for
        said = (s["phrase"] or "").lower()
        if s["kind"] in ("date_picker", "calendar") and stat and not s["labels"] and _READOUT_DATE.search(said):
            s["kind"], s["labels"], s["title"] = stat, [_clean_label(_as_written(s["phrase"]))], ""
    for s in secs:  # "bed occupancy", "conversion rate": a measure no kind matched is a stat tile, labelled as written
        words = re.findall(r"[a-z0-9%]+", (s["phrase"] or "").lower())
        if stat and s["kind"] == "section" and not s["labels"] and not s["from_page"] and 0 < len(words) <= 4 \
                and _metric(words, strong=True):
            s["kind"], s["labels"] = stat, [_as_written(s["phrase"])]
    for s in secs:  # "a grid of posts": tiles, not rows (pictures in a social or photo app)
        if s.get("grid"):
            s["kind"] = resolve_kind(("image",) if domain in ("social", "photography") else ("card",)) or s["kind"]
            s["count"] = max(s["count"], 6)
    # a page-naming first phrase of a generic kind ("expense report", "credit card overview") is the
    # page's title, not a section, when the prompt names what the page holds
    # (only when those are content: "job board with filters" still lists the jobs)
    if any(not s["from_page"] and s["kind"] not in _TOOLBAR_KINDS for s in secs):
        boards = any(not s["from_page"] and s["kind"] in ("kanban_column", "table", "calendar", "timeline")
                     for s in secs)
        kanban = any(not s["from_page"] and s["kind"] == "kanban_column" for s in secs)
        # "an episode planner with an episodes timeline": the timeline is the plan, no month beside it
        timed = {s["kind"] for s in secs if not s["from_page"] and s["kind"] in ("calendar", "timeline")}
        secs = [s for s in secs if not (s["from_page"] and not s["labels"] and not s.get("key", "").startswith("seat")
                                        and (s["kind"] in _PAGE_ONLY or (s["kind"] == "list" and boards)
                                             or (s["kind"] in ("calendar", "table", "timeline") and kanban)
                                             or (s["kind"] in ("calendar", "timeline") and timed - {s["kind"]})))]
    # "grocery list with checkboxes": the list's rows are the checkboxes
    merged: list[dict] = []
    for s in secs:
        prev = merged[-1] if merged else None
        if prev is not None and s["kind"] in ("checkbox", "toggle") and not s["labels"] and s["count"] <= 1 \
                and prev["kind"] in ("list", "list_item") and prev["clause"] == s["clause"] \
                and s["opener"] in ("with", "and", "having", "containing"):
            prev["kind"], prev["title"] = s["kind"], prev["title"] or s["title"]
            continue
        if prev is not None and s["kind"] == "stepper" and not s["labels"] and s["count"] <= 1 \
                and prev["kind"] in ("list", "list_item") and prev["clause"] == s["clause"] and not prev["labels"] \
                and s["opener"] in ("with", "and", "having") and (s["phrase"] or "").lower().rstrip().endswith("s"):
            # "ticket types with steppers": a stepper for each of the rows before
            prev["kind"], prev["count"] = s["kind"], max(prev["count"], 4)
            continue
        merged.append(s)
    secs = merged
    # "flight search results … and a card per flight": the cards are the results
    if any(s.get("per") for s in secs):
        secs = [s for s in secs if not (s["from_page"] and s["kind"] in ("list", "list_item") and not s["labels"])]
    # a section from the page phrase ("video call") gives way to a later one of its kind ("six participants")
    later = {s["kind"] for s in secs if not s["from_page"]}
    secs = [s for s in secs if not (s["from_page"] and s["kind"] in later and s["kind"] != "section"
                                    and not s.get("fields"))]
    out: list[dict] = []
    for s in secs:
        dup = next((o for o in out if o["kind"] == s["kind"] and o["phrase"].lower() == s["phrase"].lower()), None)
        if dup is not None:
            dup["labels"] += [x for x in s["labels"] if x not in dup["labels"]]
            continue
        prev = out[-1] if out else None
        if prev is not None and s.get("value") and prev.get("value") and prev["kind"] == s["kind"] \
                and prev["clause"] == s["clause"]:
            prev["labels"] += [x for x in s["labels"] if x not in prev["labels"]]  # "tax and total": one summary
            prev["count"] = max(prev["count"], len(prev["labels"]))
            continue
        stray = prev is not None and prev["kind"] == "section" and not prev.get("from_page") \
            and not (prev["clause"] == 0 and prev["at"] == 0) and 0 < len((prev["title"] or "").split()) <= 2 \
            and s["kind"] != "stepper"  # "a bin type chips General, …": a noun no kind matched names the control
        if prev is not None and (s["kind"] == prev["kind"] or stray) and s["kind"] in (
                "radio", "select", "segmented", "tabs", "chip", "toggle", "checkbox", "stepper") \
                and not prev["labels"] and prev["count"] <= 1 and s["labels"] and not s["title"] \
                and prev["clause"] == s["clause"] and prev["position"] == s["position"]:
            # "tier radio options Basic, Family and Patron": one group of the options, titled
            if stray:
                prev["title"] += " type" if re.search(r"\btype\b", (prev["phrase"] or "").lower()) else ""
                prev["kind"], prev["phrase"] = s["kind"], s["phrase"]
            prev["labels"], prev["count"] = list(s["labels"]), len(s["labels"])
            continue
        if prev is not None and s["kind"] == prev["kind"] == "input" and s["labels"] and prev["labels"] \
                and prev["clause"] == s["clause"] and prev["position"] == s["position"]:
            # "card number, expiry and CVC fields": the fields of one form
            prev["labels"] += [x for x in s["labels"] if x not in prev["labels"]]
            prev["count"] = len(prev["labels"])
            continue
        # "a bottom bar with mute, camera and leave buttons": what a placed container holds shares its place
        if prev is not None and s["position"] == "main" and prev["position"] != "main" and prev["clause"] == s["clause"] \
                and prev["kind"] in _CONTAINER_KINDS and s["opener"] in ("with", "containing", "including", "has",
                                                                          "having", "featuring", "holding") \
                and s["kind"] not in ("section", "navbar", "sidebar", "modal"):
            s["position"] = prev["position"]
        elif prev is not None and s["position"] == "main" and prev["position"] in ("overlay", "bottom") \
                and prev["clause"] == s["clause"] and s["opener"] in ("and", "plus", ",") \
                and any(o["kind"] in ("modal", "bottom_sheet") and o["clause"] == s["clause"]
                        and o["position"] == prev["position"] for o in out) \
                and s["kind"] not in ("section", "navbar", "sidebar", "modal", "bottom_sheet"):
            s["position"] = prev["position"]  # "a modal with Name and Email fields and a Subscribe button": all in it
        out.append(s)
    overflow = [s["phrase"] for s in out[MAX_SECTIONS:]]
    if overflow:
        overflow = [f"… {len(overflow)} more phrases past the first {MAX_SECTIONS} sections: "
                    + "; ".join(overflow)[:300]]
    return [PlanSection(kind=s["kind"], count=max(1, min(int(s["count"]), 99)), labels=s["labels"][:24],
                        title=s["title"][:120], position=s["position"] if s["position"] in POSITIONS else "main",
                        phrase=s["phrase"][:240], score=float(s["score"]))
            for s in out[:MAX_SECTIONS]], overflow
