"""The procedural curriculum: random, realistic page scenes with captions, for training.

`sample_example(rng)` draws an archetype, a device, a style family (navigation placement,
density, columns, card style) and a copy domain, writes a caption the way people ask for such
a screen, and composes the scene with the flex layout of `engine.compose.composer`. It is fast enough
to feed training on the fly (a few milliseconds per example at 1920×1080).

    rng = random.Random(0)
    ex = sample_example(rng, device="mobile")
    ex.caption        # "mobile feed of posts for a clinic, airy"
    scene_blocks(ex.scene)

``python -m engine.compose.curriculum DIR OUT.png`` renders a contact sheet of random examples in the
design system at DIR.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from engine.compose.composer import STYLE_AXES, compose_page
from engine.compose.domain_copy import DOMAINS, RETAIL, Domain, page_copy
from scene.devices import DEVICES
from scene.model import Scene

__all__ = ["ARCHETYPES", "DIALOG_RATE", "PLAN_PHRASES", "STYLE_FAMILIES", "Example", "captions", "default_style",
           "open_caption", "sample_example", "sample_plan_example", "sample_style", "with_dialog"]

#: Page archetypes of the curriculum (the composer knows each by this name).
ARCHETYPES: tuple[str, ...] = (
    "dashboard", "analytics", "settings", "sign-in", "sign-up", "checkout", "product-list", "product-detail",
    "profile", "inbox", "chat", "calendar", "pricing", "landing", "onboarding", "search-results", "article",
    "table-admin", "file-manager", "empty-state", "mobile-feed", "mobile-detail",
)

#: The style family axes and their values.
STYLE_FAMILIES: dict[str, tuple] = dict(STYLE_AXES)

# the navigation placements that suit each kind of page (the first is its default)
_SITE = {"checkout", "product-list", "product-detail", "pricing", "landing", "article"}
_SHOP = {"checkout", "product-list", "product-detail"}  # storefront pages sell retail goods
_AUTH = {"sign-in", "sign-up", "onboarding"}
_COLUMNS = {"dashboard": (2, 3, 4), "analytics": (1, 2, 3, 4), "product-list": (2, 3, 4), "product-detail": (2, 3, 4),
            "pricing": (2, 3, 4), "landing": (2, 3, 4), "onboarding": (1, 2), "file-manager": (2, 3, 4),
            "calendar": (1, 2, 3)}
_DEVICE_WEIGHTS = {"desktop": 0.5, "tablet": 0.2, "mobile": 0.3}
#: Pages that may show a confirmation dialog over them, and how often the curriculum opens one.
_DIALOG_PAGES = {"dashboard", "settings", "checkout", "product-list", "product-detail", "profile", "inbox", "chat",
                 "calendar", "table-admin", "file-manager", "mobile-detail", "mobile-feed", "analytics"}
DIALOG_RATE = 0.15
_DOMAINS: tuple[Domain, ...] = (RETAIL, *DOMAINS)


@dataclass
class Example:
    """One training example: the scene, its caption and what it was drawn from."""

    scene: Scene
    caption: str
    archetype: str
    device: str
    style: dict[str, str] = field(default_factory=dict)
    seed: int = 0
    domain: str = "retail"
    dialog: bool = False  # a confirmation dialog is open over the page
    plan: object = None  # the caption's page plan (`conditioning.plan.Plan`), when the example has one
    reference: object = None  # plan examples: a neighbouring plan's blocks, the layout sampling starts from


def _navs(archetype: str) -> tuple[str, ...]:
    if archetype in _AUTH:
        return ("none",)
    if archetype in _SITE:
        return ("topbar", "none", "sidebar") if archetype != "checkout" else ("topbar", "none")
    return ("sidebar", "topbar", "rail", "none")


def default_style(archetype: str) -> dict:
    """The style family an archetype is drawn in when nothing is asked for."""
    return {"nav": _navs(archetype)[0], "density": "comfortable", "columns": _COLUMNS.get(archetype, (1,))[-1],
            "card": "elevated"}


def sample_style(rng: random.Random, archetype: str) -> dict:
    """A random style family that suits the archetype (its navigation, its column counts)."""
    navs = _navs(archetype)
    return {"nav": navs[0] if rng.random() < 0.45 else rng.choice(navs),
            "density": rng.choice(STYLE_FAMILIES["density"]),
            "columns": rng.choice(_COLUMNS.get(archetype, (1,))),
            "card": rng.choice(STYLE_FAMILIES["card"])}


def _device_and_canvas(rng: random.Random, device: str | None, size: tuple[int, int] | None,
                       phone_page: bool = False) -> tuple[str, int, int]:
    """The example's device (`device`, else drawn from `rng` by `_DEVICE_WEIGHTS`, phones more often
    for a `phone_page`) and its canvas (`size`, else the device's design size)."""
    if device is None:
        weights = dict(_DEVICE_WEIGHTS)
        if phone_page:
            weights["mobile"] = 1.4
        device = rng.choices(list(weights), weights=list(weights.values()))[0]
    if device not in DEVICES:
        raise ValueError(f"unknown device {device!r} (use {', '.join(DEVICES)})")
    (cw, ch), design_w = DEVICES[device]
    w, h = size or (int(design_w), round(design_w * ch / cw))
    return device, w, h


def sample_example(rng: random.Random, device: str | None = None, archetype: str | None = None,
                   style: dict | None = None, theme=None, size: tuple[int, int] | None = None) -> Example:
    """A random example. Anything given (device, archetype, style axes, an `engine.render.theme.Theme`
    for real text metrics, a canvas size) is kept; the rest is drawn from `rng`. The canvas
    defaults to the device's design size (1920×1080, 1366×1024 or 430×932)."""
    archetype = archetype or rng.choice(ARCHETYPES)
    if archetype not in ARCHETYPES:
        raise ValueError(f"unknown archetype {archetype!r} (use {', '.join(ARCHETYPES)})")
    device, w, h = _device_and_canvas(rng, device, size, archetype.startswith("mobile-"))
    st = sample_style(rng, archetype)
    st.update(style or {})
    domain = RETAIL if archetype in _SHOP else rng.choice(_DOMAINS)
    seed = rng.randrange(2**31)
    caption = captions(archetype, st, domain, rng, device=device)
    # drawn from the example's own seed so the rest of the sequence does not depend on it
    drng = random.Random(f"dialog:{seed}")
    dialog = archetype in _DIALOG_PAGES and drng.random() < DIALOG_RATE
    if dialog:
        caption = with_dialog(caption, drng)
    scene = compose_page(archetype, caption, w, h, seed=seed, device=device, theme=theme, style=st, domain=domain)
    return Example(scene=scene, caption=caption, archetype=archetype, device=device, style=st, seed=seed,
                   domain=domain.name, dialog=dialog)


# -- captions -------------------------------------------------------------------------------------
# (subjects, features): the names of each page and what people say it holds
_PAGES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "dashboard": (("dashboard", "admin dashboard", "overview dashboard", "home dashboard", "metrics dashboard"),
                  ("KPI cards", "a revenue chart", "a line chart and a donut", "recent {records} table",
                   "{kpi} KPIs", "top {list} list")),
    "analytics": (("analytics dashboard", "analytics page", "insights screen", "reporting view", "stats page"),
                  ("{kpi} KPIs and a line chart", "a trend chart and a bar chart", "traffic by weekday",
                   "a breakdown donut", "top {records}")),
    "settings": (("settings screen", "account settings", "preferences page", "settings page"),
                 ("notification toggles", "a profile form", "active sessions", "a danger zone",
                  "delivery radios")),
    "sign-in": (("sign-in page", "login screen", "log in page", "sign in form"),
                ("email and password", "single sign-on", "a remember-me checkbox", "a brand panel")),
    "sign-up": (("sign-up page", "registration screen", "create account page", "sign up form"),
                ("work email and password", "a terms checkbox", "a free-trial pitch", "single sign-on")),
    "checkout": (("checkout page", "checkout flow", "payment step", "checkout screen"),
                 ("an order summary", "shipping address form", "card payment fields", "a progress stepper")),
    "product-list": (("product listing", "product grid", "catalogue page", "shop page", "collection page"),
                     ("product cards", "category filters", "a sort menu", "price filters", "pagination")),
    "product-detail": (("product page", "product detail page", "single product page", "item page"),
                       ("a photo gallery", "size picker", "an add to cart button", "related products",
                        "shipping and returns")),
    "profile": (("profile page", "user profile", "member profile", "public profile"),
                ("a cover image and avatar", "an about card", "recent activity", "follow and message buttons")),
    "inbox": (("inbox", "email inbox", "mail app", "mailbox"),
              ("a message list", "a reading pane", "folders", "a reply box", "unread count")),
    "chat": (("chat screen", "messenger", "chat app", "conversation view", "support chat"),
             ("message bubbles", "a conversation list", "a composer", "online status")),
    "calendar": (("calendar", "calendar view", "schedule page", "agenda"),
                 ("a month grid", "a week view", "upcoming events", "a new event button")),
    "pricing": (("pricing page", "pricing table", "plans page", "subscription plans page"),
                ("{n} plan cards", "a monthly/yearly switch", "feature checklists", "a popular badge")),
    "landing": (("landing page", "homepage", "marketing page", "home page"),
                ("a hero headline", "a hero illustration", "feature cards", "customer logos", "call to action")),
    "onboarding": (("onboarding step", "onboarding screen", "setup wizard", "welcome flow", "getting started screen"),
                   ("a progress stepper", "choice cards", "a workspace name field", "continue button")),
    "search-results": (("search results", "search results page", "results page", "search page"),
                       ("filter chips", "result cards with snippets", "a filter sidebar", "result count")),
    "article": (("article page", "blog post", "help article", "story page", "long-form article"),
                ("a big headline", "an author byline", "a hero image", "a pull quote", "table of contents")),
    "table-admin": (("orders table", "admin table", "{records} admin", "data table page", "{records} list"),
                    ("status tabs", "filters and search", "pagination", "status badges", "an export button")),
    "file-manager": (("file manager", "files page", "document browser", "drive"),
                     ("folder cards", "a recent files table", "breadcrumbs", "an upload button")),
    "empty-state": (("empty state", "empty page", "zero state", "blank state screen"),
                    ("an illustration", "a friendly message", "a call to action", "a learn more link")),
    "mobile-feed": (("feed", "mobile feed of posts", "social feed", "news feed", "timeline of posts"),
                    ("post cards", "stories row", "likes and comments", "photos")),
    "mobile-detail": (("detail view", "{record} detail screen", "{record} details page", "detail page"),
                      ("a status badge", "a details list", "an activity timeline", "a contact card")),
}
_DENSITY_WORDS = {"compact": ("dense", "compact", "data-heavy", "tight"), "comfortable": ("", "", "comfortable"),
                  "spacious": ("airy", "spacious", "roomy", "minimal")}
_NAV_WORDS = {"sidebar": ("with a sidebar", "left navigation", "with a side nav"),
              "topbar": ("with a top nav bar", "top navigation", "header navigation"),
              "rail": ("with an icon rail", "collapsed sidebar", "narrow icon navigation"),
              "none": ("no navigation", "without a nav bar", "distraction-free")}
_CARD_WORDS = {"elevated": ("elevated cards", "cards with shadows", "raised cards"),
               "outlined": ("outlined cards", "bordered cards", "hairline cards"),
               "flat": ("flat cards", "flat tinted panels", "borderless cards")}
_DEVICE_WORDS = {"desktop": ("desktop", "web", "desktop web", ""), "tablet": ("tablet", "iPad", "tablet-sized"),
                 "mobile": ("mobile", "phone", "iOS", "Android", "mobile app")}
_NUM = {1: "one", 2: "two", 3: "three", 4: "four"}


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def captions(archetype: str, style: dict, domain, rng: random.Random, device: str | None = None) -> str:
    """A natural-language prompt for this page, phrased one of many ways: synonyms for the page
    and its parts, word order, and optional device, density, navigation, column, card and
    domain words (domain: an `engine.compose.domain_copy.Domain` or its name)."""
    if archetype not in _PAGES:
        raise ValueError(f"unknown archetype {archetype!r} (use {', '.join(ARCHETYPES)})")
    if isinstance(domain, str):
        domain = next((d for d in _DOMAINS if d.name == domain), RETAIL)
    pc = page_copy(domain)
    subjects, features = _PAGES[archetype]
    n_cols = int(style.get("columns") or 3)
    fill_in = {"records": domain.records.lower(), "list": domain.list_title.lower().split()[-1],
               "kpi": domain.kpis(random.Random(0))[0][0].lower(), "record": pc.record, "n": _NUM.get(n_cols, "three")}
    subject = rng.choice(subjects).format(**fill_in)
    feats = [f.format(**fill_in) for f in rng.sample(features, k=min(len(features), rng.choice((1, 1, 2, 2, 3))))]
    dens = rng.choice(_DENSITY_WORDS.get(style.get("density", "comfortable"), ("",)))
    dev = rng.choice(_DEVICE_WORDS[device]) if device and rng.random() < 0.6 else ""
    dom = rng.choice(pc.phrases) if rng.random() < 0.75 else ""
    extras = []
    phone = device == "mobile"
    if rng.random() < 0.3 and style.get("nav") and (not phone or style["nav"] == "none"):
        extras.append(rng.choice(_NAV_WORDS[style["nav"]]))
    if rng.random() < 0.25 and style.get("card"):
        extras.append(rng.choice(_CARD_WORDS[style["card"]]))
    if rng.random() < 0.2 and archetype in _COLUMNS and not phone:
        extras.append(rng.choice((f"{n_cols}-column grid", f"in {_NUM[n_cols]} columns", f"{_NUM[n_cols]} across")))
    with_feats = " and ".join(feats) if len(feats) < 3 else ", ".join(feats[:-1]) + " and " + feats[-1]
    head = " ".join(w for w in (dens, dev, subject) if w)
    pattern = rng.randrange(6)
    if pattern == 0:
        out = f"{_article(head)} {head} {dom} with {with_feats}"
    elif pattern == 1:
        out = f"{subject[:1].upper() + subject[1:]} — {', '.join(feats)}" + (f", {dens}" if dens else "") + \
              (f", {dev}" if dev else "") + (f", {dom}" if dom else "")
    elif pattern == 2:
        out = f"Design {_article(head)} {head} {dom}: {with_feats}"
    elif pattern == 3:
        out = f"{dev + ' ' if dev else ''}{subject} showing {with_feats}{' ' + dom if dom else ''}" + \
              (f", {dens} layout" if dens else "")
    elif pattern == 4:
        out = f"I need {_article(head)} {head} with {with_feats} {dom}"
    else:
        out = f"{with_feats} on {_article(head)} {head} {dom}"
    if extras:
        out += ", " + ", ".join(extras)
    out = " ".join(out.split()).replace(" ,", ",").replace(" :", ":").strip(" ,")
    return out if out[:2] in ("iP", "iO") else out[:1].upper() + out[1:]


_DIALOG_PHRASES = ("a confirm delete dialog", "a confirmation dialog open", "a modal asking to confirm",
                   "a popup confirming the action", "a delete confirmation modal", "a pop-up asking to confirm",
                   "a dialog to confirm the change")


def with_dialog(caption: str, rng: random.Random) -> str:
    """The caption of the same page with a confirmation dialog open over it (the composer draws
    one whenever the prompt names a modal, dialog, popup or confirmation)."""
    phrase = rng.choice(_DIALOG_PHRASES)
    return rng.choice((f"{caption} with {phrase}", f"{caption}, showing {phrase}", f"{caption} and {phrase}"))


# -- contact sheet --------------------------------------------------------------------------------
def contact_sheet(ds, n: int = 24, seed: int = 0, cols: int = 6, cell: tuple[int, int] = (560, 420)):
    """A PIL image of `n` random examples drawn with the design system `ds`, each under its
    caption; one device in three is a phone."""
    from PIL import Image, ImageDraw

    from engine.render.canvas import Canvas
    from engine.render.components import Renderer
    from engine.render.theme import Theme

    theme = Theme(ds)
    rng = random.Random(seed)
    cw, ch = cell
    rows = -(-n // cols)
    sheet = Image.new("RGB", (cols * cw, rows * (ch + 40)), "white")
    draw = ImageDraw.Draw(sheet)
    devices = ("desktop", "tablet", "mobile")
    for i in range(n):
        ex = sample_example(rng, device=devices[i % 3], theme=theme)
        sc = ex.scene
        cv = Canvas(sc.width, sc.height, theme.color(sc.background_role))
        Renderer(theme, sc.scale).draw(cv, sc)
        img = cv.image()
        img.thumbnail((cw - 16, ch - 8), Image.LANCZOS)
        x, y = (i % cols) * cw, (i // cols) * (ch + 40)
        sheet.paste(img, (x + (cw - img.width) // 2, y + 4))
        draw.text((x + 8, y + ch), f"{ex.archetype} · {ex.device} · {ex.style['nav']}/{ex.style['density']}/"
                  f"{ex.style['card']}", fill=(60, 60, 60))
        label = ex.caption.replace("—", "-").encode("latin-1", "replace").decode("latin-1")
        draw.text((x + 8, y + ch + 14), label[:90], fill=(0, 0, 0))
    return sheet


def _main(argv: list[str] | None = None) -> int:
    import argparse

    from ingest import load_or_ingest

    ap = argparse.ArgumentParser(prog="python -m engine.compose.curriculum", description="Render a contact sheet of "
                                 "random curriculum examples in a design system.")
    ap.add_argument("folder")
    ap.add_argument("out")
    ap.add_argument("-n", type=int, default=24)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args(argv)
    ds, _, _ = load_or_ingest(a.folder, must_save=False, with_context=False)
    contact_sheet(ds, a.n, a.seed).save(a.out)
    print(a.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())


# -- plan examples ----------------------------------------------------------------------------------
# Pages composed from random page plans rather than page types: a caption names a screen and one to
# four sections (what, how many, which labels, where), the planner reads it as it reads any prompt
# (`conditioning.plan.plan_prompt`) and the plan composer lays it out, so the models learn to place
# what a plan asks for where it asks for it.

#: Ways to name each element kind in a caption (``{n}`` is a count where one is given).
PLAN_PHRASES: dict[str, tuple[str, ...]] = {
    "chip": ("filter chips", "tag chips", "quick filters"), "segmented": ("a segmented control", "a view switcher"),
    "slider": ("a price range slider", "a volume slider", "a slider"), "stepper": ("a quantity stepper", "a stepper"),
    "rating": ("a star rating", "ratings"), "date_picker": ("a date picker", "a date field"),
    "time_picker": ("a time picker", "time slots"), "accordion": ("an FAQ accordion", "collapsible sections"),
    "menu": ("an open dropdown menu", "a context menu"), "tooltip": ("a tooltip",),
    "toast": ("a toast notification", "a success toast"), "alert": ("an alert banner", "a warning banner"),
    "bottom_sheet": ("a bottom sheet",), "fab": ("a floating action button",),
    "stat": ("{n} stat tiles", "{n} KPI tiles", "summary stats"), "progress_ring": ("a progress ring", "a goal ring"),
    "gauge": ("a gauge", "a speedometer gauge"), "avatar_group": ("an avatar group", "member avatars"),
    "timeline": ("an activity timeline", "a timeline"), "tree": ("a file tree", "a folder tree"),
    "description_list": ("a details list", "key-value details"), "comment": ("{n} comments", "a comment thread"),
    "kanban_column": ("{n} kanban columns", "a board of {n} columns"), "map": ("a map", "a route map"),
    "video": ("{n} video tiles", "a video player"), "media_controls": ("playback controls", "a player bar"),
    "stories": ("a stories row",), "file_tile": ("{n} files", "file attachments"), "code": ("a code block", "a diff"),
    "dropzone": ("an upload dropzone", "a drag-and-drop upload area"), "skeleton": ("loading skeletons",),
    "table": ("a table", "a data table"), "list": ("a list", "a list of {n} items"), "chart": ("a bar chart", "a line chart"),
    "calendar": ("a calendar", "a month calendar"), "tabs": ("tabs", "{n} tabs"), "button": ("{n} buttons", "a primary button"),
    "image": ("a hero image", "cover art", "a photo"), "search": ("a search bar",), "progress": ("a progress bar",),
    "card": ("{n} cards", "a card"), "input": ("a form", "{n} form fields"), "toggle": ("{n} toggles", "settings toggles"),
    "pagination": ("pagination",), "avatar": ("an avatar",), "modal": ("a confirm dialog",),
}
_LABELLED = {"chip", "segmented", "tabs", "button", "kanban_column", "accordion", "stat", "toggle", "menu", "timeline"}
_PLACES = {"left": ("on the left", "in a left panel"), "right": ("on the right", "in a right rail"),
           "top": ("at the top", "across the top"), "bottom": ("at the bottom", "in a bottom bar")}
_COUNT_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 8: "eight"}
_SCREENS = ("screen", "page", "app", "view", "dashboard", "workspace")


def open_caption(rng: random.Random, device: str | None = None) -> tuple[str, str]:
    """A caption asking for a screen of one to four sections (kinds, counts, labels, places) in a
    random domain, the way people describe a screen no page type covers; returns it and the domain."""
    from engine.compose.open_copy import DOMAIN_SPECS

    spec = rng.choice([d for d in DOMAIN_SPECS.values() if d.name != "generic"])
    screen = f"{rng.choice(spec.keywords)} {rng.choice(_SCREENS)}"
    parts = []
    for kind in rng.sample(sorted(PLAN_PHRASES), rng.choice((1, 2, 2, 3, 3, 4))):
        phrase = rng.choice(PLAN_PHRASES[kind])
        n = rng.choice(sorted(_COUNT_WORDS))
        phrase = phrase.replace("{n}", rng.choice((_COUNT_WORDS[n], str(n))))
        if kind in _LABELLED and rng.random() < 0.5:
            pool = list(dict.fromkeys([*spec.tags, *spec.statuses, *(t for t, _ in spec.nav)]))
            labels = rng.sample(pool, min(len(pool), rng.choice((2, 3, 3, 4))))
            phrase += " " + rng.choice(("for ", "labelled ", "named ", "")) + (
                ", ".join(labels[:-1]) + " and " + labels[-1] if len(labels) > 1 else labels[0])
        if rng.random() < 0.35:
            phrase += " " + rng.choice(_PLACES[rng.choice(sorted(_PLACES))][:2])
        parts.append(phrase)
    body = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    dev = "" if device is None or rng.random() < 0.6 else rng.choice(_DEVICE_WORDS[device])
    caption = f"{_article(screen)} {screen} with {body}" + (f", {dev}" if dev else "")
    return " ".join(caption.split()), spec.name


def sample_plan_example(rng: random.Random, device: str | None = None, theme=None,
                        size: tuple[int, int] | None = None) -> Example:
    """A random plan example: a caption from `open_caption`, its plan (`plan_prompt`), the plan
    composer's page, and as its ``reference`` the page of a neighbouring plan (one section left out,
    or one moved, or the same plan drawn with another seed), as a retrieved layout would differ."""
    from conditioning.plan import plan_prompt
    from engine.compose.plan_compose import compose_plan

    device, w, h = _device_and_canvas(rng, device, size)
    caption, domain = open_caption(rng, device)
    plan = plan_prompt(caption, device)
    seed = rng.randrange(2**31)
    scene = compose_plan(plan, w, h, theme=theme, seed=seed, device=device)
    other = plan.model_copy(deep=True)
    u = rng.random()
    if u < 0.4 and len(other.sections) > 1:
        other.sections.pop(rng.randrange(len(other.sections)))
    elif u < 0.7 and other.sections:
        rng.choice(other.sections).position = rng.choice(("main", "left", "right", "top", "bottom"))
    ref = compose_plan(other, w, h, theme=theme, seed=rng.randrange(2**31), device=device)
    return Example(scene=scene, caption=caption, archetype="plan", device=device, style={}, seed=seed,
                   domain=domain, plan=plan, reference=ref)
