"""More page archetypes for the composer: analytics, product detail, profile, inbox, chat,
calendar, pricing, landing, onboarding, search results, article, file manager, empty state,
feed and record detail.

Each builder takes the composer's context (device, seeded rng, prompt, domain, style family)
and returns a flex tree built from `engine.compose.parts`' node builders, inside the same app and
site shells, so every page works on desktop, tablet and phone and honours the style's
navigation, density, columns and card style.
"""

from __future__ import annotations

from engine.compose.domain_copy import PEOPLE, page_copy, step_names, step_of
from engine.compose.parts import (
    PageContext,
    app_shell,
    button,
    card,
    check,
    el,
    field,
    filter_chip,
    format_money,
    grid,
    heading,
    kpi_card,
    page_header,
    site_shell,
    spacer,
    text,
    with_text,
)
from engine.layout.flex import Node, col, fill, fixed, hug, row

MONTHS = ["Jun", "Jul", "Aug", "Sep", "Oct", "Nov"]


def _line_chart(c: PageContext, name: str, title: str, h_min: int = 160, **kw) -> Node:
    rng, d = c.rng, c.domain
    s1 = [rng.randint(38, 70) + i * 6 for i in range(6)]
    s2 = [max(10, v - rng.randint(8, 22)) for v in s1]
    chart = el("chart", "chart", w=fill(), h=fill(min=h_min), variant="line",
               props={"series": [[v * d.trend_scale for v in s1], [v * d.trend_scale for v in s2]],
                      "labels": MONTHS, "legend": ["This period", "Last period"]})
    return card(name, chart, title=title, action="View report", content="chart-line", **kw)


def _bar_chart(c: PageContext, name: str, title: str, **kw) -> Node:
    rng = c.rng
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    chart = el("chart", "chart", w=fill(), h=fill(min=140), variant="bar",
               props={"series": [[rng.randint(20, 90) for _ in days]], "labels": days})
    return card(name, chart, title=title, **kw)


def _donut(c: PageContext, name: str, **kw) -> Node:
    d, rng = c.domain, c.rng
    shares = sorted((rng.randint(8, 45) for _ in d.mix_labels), reverse=True)
    chart = el("chart", "chart", w=fill(), h=fill(min=160), variant="donut",
               props={"series": [shares], "labels": list(d.mix_labels), "center_label": d.mix_center,
                      "total": f"{rng.randint(1200, 4800):,}"})
    return card(name, chart, title=d.mix_title, **kw)


def _table(c: PageContext, n: int, keep: list[int], row_h: int = 48) -> Node:
    cols_all, rows_all, align_all, widths_all = c.domain.table(c.rng, n)
    return el("table", "table", w=fill(), h=fill(min=150),
              props={"columns": [cols_all[k] for k in keep], "rows": [[r[k] for k in keep] for r in rows_all],
                     "align": [align_all[k] for k in keep], "widths": [widths_all[k] for k in keep],
                     "status_column": len(keep) - 1 if keep[-1] == 6 else -1, "row_height": row_h, "inset": 16})


def _item(name: str, title: str, meta: str = "", trailing: str = "", avatar: str = "", icon: str = "",
          divider: bool = True, h: int = 56, **props) -> Node:
    p = {"meta": meta, "trailing": trailing, "divider": divider, **props}
    if avatar:
        p["avatar"] = avatar
    if icon:
        p["icon"] = icon
    n = el(name, "list_item", w=fill(), h=h, props=p)
    n.el["text"] = title
    return n


def _list(name: str, items: list[Node], **kw) -> Node:
    return col(*items, name=name, kind="list", width=fill(), height=kw.pop("height", fill()), overflow="drop", **kw)


def _badge(name: str, label: str, role: str = "info") -> Node:
    b = with_text(el(name, "badge", w=hug(), h=24, role=role, padding=(0, 3, 0, 3)), label)
    b.text, b.style = label, "caption"
    return b


# -- app pages ---------------------------------------------------------------------------------------
def analytics(c: PageContext) -> Node:
    d = c.domain
    n = c.cols(4, mobile_max=2, tablet_max=4)
    kpis = grid([kpi_card(c, *k) for k in d.kpis(c.rng)[:max(2, n)]], max(2, n) if not c.mobile else 2,
                gap=5 if not c.mobile else 4, name="kpis")
    head = page_header(c, "Analytics", f"{d.trend_title} · last 6 months",
                   [("Last 6 months", "secondary", "calendar"), ("Export", "primary", "download")])
    line = _line_chart(c, "trend", d.trend_title, w=fill(2), h=fill(min=240))
    bars = _bar_chart(c, "weekly", "Activity by weekday", w=fill(), h=fill(min=240))
    if c.mobile:
        line.height = fill(min=220)
        return app_shell(c, "Analytics", "", [head, kpis, line, bars], "Analytics")
    table = card("top", _table(c, 6, [1, 0, 5, 6] if c.device == "tablet" else [1, 0, 3, 5, 6]),
                 title=f"Top {d.records.lower()}", action="See all", w=fill(2), h=fill(min=200), pad=5)
    donut = _donut(c, "mix", w=fill(), h=fill(min=200))
    if c.device == "tablet" or c.cols(2) == 1:
        body = [head, kpis, row(line, name="charts", width=fill(), height=fill()),
                row(table, name="details", width=fill(), height=fill())]
    else:
        body = [head, kpis, row(line, bars, name="charts", gap=5, width=fill(), height=fill(1.2)),
                row(table, donut, name="details", gap=5, width=fill(), height=fill())]
    return app_shell(c, "Analytics", d.search, body, "Analytics")


def profile(c: PageContext) -> Node:
    d, pc, rng = c.domain, page_copy(c.domain), c.rng
    person = rng.choice(PEOPLE)
    cover = el("cover", "image", w=fill(), h=c.pick(160, 140, 112), role="secondary", props={"motif": "landscape"})
    who = row(with_text(el("avatar", "avatar", w=c.pick(96, 88, 64), h=c.pick(96, 88, 64)), person),
              col(heading("name", person, "h2" if not c.mobile else "h3"),
                  text("role", f"{rng.choice(['Operations lead', 'Product designer', 'Account manager', 'Head of finance'])}"
                       f" · Berlin", "body"), gap=1, width=fill()),
              *([] if c.mobile else [button("message", "Message", "secondary", "mail"),
                                     button("follow", "Follow", "primary", "plus")]),
              gap=5, align="center", width=fill())
    tabs = el("tabs", "tabs", w=fill(), h=44, props={"items": ["Overview", "Activity", "Projects", "Files"] if not
                                                    c.mobile else ["Overview", "Activity", "Files"], "active": 0})
    about = card("about", text("bio", f"Looks after the {pc.product} day to day: plans the week, keeps "
                               f"{d.records.lower()} moving and answers the tricky questions.", "body", lines=4),
                 _item("email", f"{person.split()[0].lower()}@northwind.io", icon="mail", divider=True, h=48),
                 _item("place", "Berlin, Germany", icon="home", divider=True, h=48),
                 _item("joined", "Joined March 2023", icon="calendar", divider=False, h=48),
                 title="About", w=fill(), gap=3)
    stats = grid([card("stat", text("label", label, "small"), heading("value", value, "h3"), gap=1, pad=4)
                  for label, value in (("Projects", str(rng.randint(8, 40))), ("Followers", f"{rng.randint(1, 9)}.{rng.randint(1, 9)}k"),
                                       ("Reviews", str(rng.randint(20, 140))))], 3,
                 gap=4, name="stats")
    acts = [_item("event", t, f"{rng.randint(1, 23)} hours ago", avatar=person) for t in pc.subjects[:6]]
    activity = card("activity", _list("list", acts), title="Recent activity", action="See all", w=fill(2), h=fill())
    if c.mobile:
        about = card("about", text("bio", about.children[1].text, "body", lines=3),
                     *about.children[2:4], title="About", gap=2, pad=4)
        return app_shell(c, "", "", [cover, who, stats, tabs, about], person)
    left = col(stats, about, width=fill(), height=fill(), gap=5)
    body = [cover, who, tabs, row(left, activity, gap=5, width=fill(), height=fill(), align="stretch")]
    return app_shell(c, "", d.search, body, person)


def inbox(c: PageContext) -> Node:
    pc, rng = page_copy(c.domain), c.rng
    senders = rng.sample(PEOPLE, 8)
    mails = [_item("mail", s, pc.subjects[i % len(pc.subjects)], f"{9 + i}:{rng.choice(['05', '20', '42'])}",
                   avatar=s, h=c.pick(72, 72, 68), trailing_role="text-muted") for i, s in enumerate(senders)]
    listing = card("messages", el("search", "search", w=fill(), h=44, props={"placeholder": "Search mail"}),
                   _list("list", mails), title="Inbox", action=f"{rng.randint(3, 18)} unread", w=fill(),
                   h=fill(), gap=3, pad=4)
    if c.mobile:
        return app_shell(c, "Messages", "", [listing], "Inbox")
    folders = col(button("compose", "Compose", "primary", "plus", w=fill()),
                  *[_nav(lab, icon, i == 0, str(rng.randint(2, 12)) if i == 0 else "")
                    for i, (lab, icon) in enumerate((("Inbox", "mail"), ("Starred", "star"), ("Sent", "arrow-up-right"),
                                                     ("Drafts", "file"), ("Archive", "folder")))],
                  name="folders", kind="list", gap=2, width=fixed(200), height=hug())
    listing.width = fill(c.pick(2, 4, 1))
    sender = senders[0]
    reading = card("reading",
                   heading("subject", pc.subjects[0], "h3", lines=2),
                   row(with_text(el("from", "avatar", w=40, h=40), sender),
                       col(text("name", sender, "body-strong", "text"), text("to", "to me · 9:05", "small"), gap=0,
                           width=fill()), gap=3, align="center", width=fill()),
                   el("divider", "divider", w=fill(), h=16),
                   text("body", f"Hi Maya, {pc.chat[0]} {pc.chat[2]} I have attached the details; let me know "
                        "what you think and whether Friday still works for the team.", "body", lines=6),
                   spacer(),
                   field("reply", placeholder="Write a reply…"),
                   row(button("archive", "Archive", "ghost", "folder"), spacer(), button("send", "Send", "primary",
                                                                                        "arrow-up-right"),
                       gap=3, width=fill()),
                   w=fill(3), h=fill(), gap=4, content="text")
    cols_ = [listing, reading] if c.device == "tablet" else [folders, listing, reading]
    return app_shell(c, "Messages", "Search mail", [row(*cols_, gap=5, width=fill(), height=fill(), align="stretch")],
                "Inbox")


def _nav(label: str, icon: str, active: bool, trailing: str = "") -> Node:
    n = el("folder", "list_item", w=fill(), h=44, variant="nav",
           props={"icon": icon, "active": active, "trailing": trailing})
    n.el["text"] = label
    return n


def _bubble(i: int, msg: str, mine: bool, w) -> Node:
    b = card("bubble", text("message", msg, "body", lines=4), gap=1, pad=3, w=w,
             role="primary" if mine else "surface-muted", variant="flat", props={"bubble": True})
    b.align_self = "end" if mine else "start"
    return b


def chat_head(other: str) -> Node:
    """The top of a conversation: who it is with (avatar, name, status) and a profile button."""
    return row(with_text(el("avatar", "avatar", w=40, h=40), other),
               col(text("name", other, "body-strong", "text"), text("status", "Online · replies in minutes", "small"),
                   gap=0, width=fill()),
               el("call", "icon", w=24, h=24, props={"name": "user"}), gap=3, align="center", width=fill())


def chat(c: PageContext) -> Node:
    pc, rng = page_copy(c.domain), c.rng
    people = rng.sample(PEOPLE, 7)
    other = people[0]
    bw = fill(max=c.pick(440, 400, 300))
    bubbles = [_bubble(i, m, i % 2 == 1, hug(max=c.pick(440, 400, 300))) for i, m in enumerate(pc.chat)]
    for b in bubbles:
        b.width = bw if len(b.children[0].text) > 40 else hug(max=c.pick(440, 400, 300))
    thread = col(*bubbles, name="thread", gap=3, width=fill(), height=fill(), justify="end", overflow="drop")
    composer = row(field("message", placeholder="Type a message…"), button("send", "", "primary", "arrow-up-right"),
                   gap=3, align="center", width=fill())
    conv = card("conversation", chat_head(other), el("divider", "divider", w=fill(), h=8), thread, composer, w=fill(2),
                h=fill(), gap=4, content="chat")
    if c.mobile:
        return app_shell(c, "Messages", "", [conv], other)
    threads = [_item("thread", p, pc.chat[(i * 2) % len(pc.chat)], f"{rng.randint(1, 59)}m", avatar=p, h=64,
                     trailing_role="text-muted") for i, p in enumerate(people)]
    side = card("threads", el("search", "search", w=fill(), h=44, props={"placeholder": "Search conversations"}),
                _list("list", threads), title="Messages", action="New", w=fill(), h=fill(), gap=3, pad=4)
    return app_shell(c, "Messages", "Search messages", [row(side, conv, gap=5, width=fill(), height=fill(),
                                                        align="stretch")], "Messages")


def calendar(c: PageContext) -> Node:
    pc, rng = page_copy(c.domain), c.rng
    head = page_header(c, "November 2026", f"{rng.randint(12, 28)} events this month",
                   [("Today", "secondary", ""), ("New event", "primary", "plus")])
    days = sorted(rng.sample(range(2, 29), 8))
    month = el("month", "calendar", w=fill(), h=fill(min=300), variant="month",
               props={"month": 11, "year": 2026, "selected": [25], "events": days})
    ev = [_item("event", t, f"Nov {day} · {rng.randint(8, 16):02d}:{rng.choice(['00', '30'])}", icon="calendar",
                h=56) for t, day in zip(pc.events, days)]
    upcoming = card("upcoming", _list("list", ev), title="Upcoming", action="See all", w=fill(), h=fill())
    if c.mobile:
        cal = card("calendar", el("month", "calendar", w=fill(), h=300, variant="month",
                                  props={"month": 11, "year": 2026, "selected": [25], "events": days}), pad=4)
        return app_shell(c, "Calendar", "", [head, cal, upcoming], "Calendar")
    if c.cols(2) >= 3 or rng.random() < 0.4:
        events = [(i % 5, 9 + (i * 2) % 7, 10 + (i * 2) % 7 + i % 2, t) for i, t in enumerate(pc.events)]
        view = el("week", "calendar", w=fill(), h=fill(min=300), variant="week",
                  props={"events": events, "today": 2, "start_hour": 8, "hours": 9})
    else:
        view = month
    big = card("calendar", view, w=fill(c.pick(3, 2, 1)), h=fill(), pad=5, content="calendar")
    return app_shell(c, "Calendar", "Search events", [head, row(big, upcoming, gap=5, width=fill(), height=fill(),
                                                         align="stretch")], "Calendar")


def file_manager(c: PageContext) -> Node:
    pc, rng = page_copy(c.domain), c.rng
    head = page_header(c, "Files", f"{rng.randint(120, 900)} files · {rng.randint(2, 40)}.{rng.randint(1, 9)} GB of 100 GB",
                   [("New folder", "secondary", "folder"), ("Upload", "primary", "download")])
    crumbs = el("breadcrumb", "breadcrumb", w=fill(), h=20, props={"items": ["All files", pc.folders[0], "2026"]})
    n = c.cols(4, mobile_max=2, tablet_max=3)
    folders = grid([card("folder", row(el("icon", "icon", w=28, h=28, props={"name": "folder"}, role="primary"),
                                       col(text("name", f, "body-strong", "text"),
                                           text("meta", f"{rng.randint(4, 60)} files", "small"), gap=0, width=fill()),
                                       gap=3, align="center", width=fill()), pad=4)
                    for f in pc.folders[:n if n > 1 else 2]], n if n > 1 else 2, gap=4, name="folders")
    rows = [[f, rng.choice(PEOPLE), f"Nov {rng.randint(1, 24)}, 2026", f"{rng.randint(1, 900)} KB"] for f in pc.files]
    table = card("files", el("table", "table", w=fill(), h=fill(min=150),
                              props={"columns": ["Name", "Owner", "Modified", "Size"], "rows": rows,
                                     "align": ["left", "left", "left", "right"], "widths": [2.0, 1.4, 1.2, 0.8],
                                     "status_column": -1, "row_height": 52, "inset": 16}),
                 title="Recent files", action="View all", w=fill(), h=fill(), pad=5)
    if c.mobile:
        items = [_item("file", f, f"{rng.randint(1, 900)} KB · Nov {rng.randint(1, 24)}", icon="file") for f in pc.files]
        table = card("files", _list("list", items), title="Recent files", h=fill(), pad=4)
        return app_shell(c, "", "", [head, folders, table], "Files")
    return app_shell(c, "", "Search files", [head, crumbs, folders, table], "Files")


def empty_state(c: PageContext) -> Node:
    pc = page_copy(c.domain)
    title, msg, action = pc.empty
    head = page_header(c, c.domain.records, msg.split(".")[0] + ".", [("Import", "secondary", "download")])
    art = el("art", "image", w=fixed(c.pick(320, 280, 220)), h=c.pick(200, 180, 150), role="secondary",
             props={"motif": "landscape"}, align_self="center")
    box = col(art, heading("title", title, "h2" if not c.mobile else "h3", align="center"),
              text("message", msg, "body", lines=3, align="center"),
              row(button("secondary", "Learn more", "secondary"), button("primary", action, "primary", "plus"),
                  gap=3, justify="center", width=fill()),
              gap=5, width=fixed(c.pick(520, 480, 340)), align="center")
    panel = card("empty", spacer(), box, spacer(), w=fill(), h=fill(), pad=7, align="center",
                 content="empty")
    return app_shell(c, c.domain.nav[1][0], c.domain.search, [head, panel], c.domain.records)


def record_detail(c: PageContext) -> Node:
    """A record's detail page (an order, an appointment, a task): status, summary, timeline."""
    d, pc, rng = c.domain, page_copy(c.domain), c.rng
    cols_, rows, _align, _w = d.table(rng, 1)
    rec = dict(zip(cols_, rows[0]))
    status = rows[0][-1]
    from engine.compose.parts import status_role_of

    title = f"{pc.record.capitalize()} {rows[0][1]}"
    head = row(button("back", "", "ghost", "chevron-right"),
               col(heading("title", title, "h2" if not c.mobile else "h3"),
                   text("subtitle", f"{rows[0][0]} · {rows[0][3]}", "body"), gap=1, width=fill()),
               _badge("status", status, status_role_of(status)),
               *([] if c.mobile else [button("edit", "Edit", "secondary"), button("primary", d.new_record, "primary")]),
               gap=4, align="center", width=fill())
    facts = [_item("fact", v, k, divider=i < len(cols_) - 1, h=56) for i, (k, v) in enumerate(rec.items())]
    summary = card("summary", _list("list", facts), title="Details", w=fill(), h=fill(), content="summary")
    steps = ["Created", "Confirmed", "In progress", "Done"]
    progress = el("steps", "progress", w=fill(), h=28, variant="steps", props={"steps": steps, "current": 2})
    events = [_item("event", t, f"Nov {rng.randint(1, 24)} · {p}", avatar=p) for t, p in
              zip(pc.subjects[:5], rng.sample(PEOPLE, 5))]
    timeline = card("timeline", progress, _list("list", events), title="Activity", w=fill(2), h=fill())
    person = card("contact", _item("who", rows[0][0], rows[0][2], avatar=rows[0][0], divider=False, h=56),
                  row(button("mail", "Message", "secondary", "mail", w=fill()),
                      button("call", "Call", "ghost", "user", w=fill()), gap=3, width=fill()),
                  title="Contact", w=fill(), content="profile")
    if c.mobile:
        head = col(heading("title", title, "h3", lines=2),
                   row(_badge("status", status, status_role_of(status)),
                       text("subtitle", f"{rows[0][0]} · {rows[0][3]}", "small"), gap=2, align="center", width=fill()),
                   name="header", gap=2, width=fill())
        bar = button("primary", d.new_record, "primary", size="lg", w=fill())
        return app_shell(c, d.nav[1][0], "", [head, person, summary, bar], title)
    side = col(person, summary, gap=5, width=fill(), height=fill())
    return app_shell(c, d.nav[1][0], d.search, [head, row(timeline, side, gap=5, width=fill(), height=fill(),
                                                     align="stretch")], title)


def feed(c: PageContext) -> Node:
    pc, rng = page_copy(c.domain), c.rng
    people = rng.sample(PEOPLE, 6)
    posts = []
    for i, (p, msg) in enumerate(zip(people, pc.posts)):
        kids = [_item("author", p, f"{rng.randint(1, 23)}h · {rng.choice(['Berlin', 'Lisbon', 'Oslo'])}", avatar=p,
                      divider=False, h=48),
                text("body", msg, "body", lines=3)]
        if i % 2 == 0:
            kids.append(el("photo", "image", w=fill(), h=c.pick(260, 240, 180), role="secondary",
                           props={"motif": "landscape"}))
        kids.append(row(*[row(el("i", "icon", w=20, h=20, props={"name": ic}), text("n", str(rng.randint(2, 240)), "small",
                                                                              w=hug()), gap=2, align="center")
                          for ic in ("heart", "message", "arrow-up-right")], gap=6, align="center", width=fill()))
        posts.append(card("post", *kids, gap=3, pad=4))
    stories = row(*[with_text(el("story", "avatar", w=56, h=56), p) for p in people[:c.pick(6, 6, 5)]], gap=4,
                  width=fill(), name="stories")
    stream = col(*posts, name="feed", gap=4, width=fill(), height=fill(), overflow="drop")
    if c.mobile:
        return app_shell(c, "", "", [stories, stream], "Feed")
    stream.width = fill(2)
    follow = [_item("suggest", p, f"{rng.randint(2, 80)} mutual", "Follow", avatar=p, trailing_role="primary")
              for p in rng.sample(PEOPLE, 5)]
    side = col(card("suggestions", _list("list", follow, height=hug()), title="Who to follow"),
               card("trending", *[text("tag", f"#{t.split()[0].lower()}{t.split()[-1].lower()}", "body", "primary")
                                  for t in pc.events[:4]], title="Trending", gap=3),
               gap=5, width=fill(), height=fill())
    main = col(stories, stream, gap=5, width=fill(2), height=fill())
    return app_shell(c, "", c.domain.search, [row(main, side, gap=6, width=fill(), height=fill(), align="start")], "Feed")


# -- site pages -----------------------------------------------------------------------------------
def _links(c: PageContext) -> list[str]:
    return ["Product", "Pricing", "Customers", "Resources", "Contact"]


#: Nouns after a list of labels that make them the plans of a pricing page ("Free, Pro and Team plans").
PLAN_HEADS = ("plans", "plan", "tiers", "tier", "packages")


def plan_prices(names: list[str]) -> list[int]:
    """Monthly prices of the plans called `names`, cheapest first: from $0 when the first is a
    free or entry plan ("Free", "Starter", "Hobby", "Basic"), else from $29."""
    return [0, 29, 79, 199] if names[0].lower() in ("free", "starter", "hobby", "basic") else [29, 79, 199, 399]


def pricing(c: PageContext) -> Node:
    pc, _rng = page_copy(c.domain), c.rng
    n = c.cols(3, mobile_max=1, tablet_max=3) if not c.mobile else 3
    plans = [("Starter", 0, "For trying things out"), ("Growth", 29, "For a growing " + pc.product),
             ("Scale", 79, "For teams that need more"), ("Enterprise", 199, "Security, SSO and support")][:max(n, 2)]
    named = c.labels(*PLAN_HEADS)[:4]
    if len(named) >= 2:  # the plans the prompt names, in its order and number
        prices = plan_prices(named)
        blurbs = ["For trying things out", "For a growing " + pc.product, "For teams that need more",
                  "Security, SSO and support", "For large organisations"]
        if prices[0]:  # no free plan, so none for trying things out
            blurbs = blurbs[1:]
        plans = list(zip(named, prices, blurbs))
    feats = ["Unlimited " + c.domain.records.lower(), "Reports and exports", "Priority support",
             "Single sign-on", "Audit log", "Custom roles"]
    cards = []
    for i, (name, price, blurb) in enumerate(plans):
        pop = i == min(1, len(plans) - 1)
        kids = [row(heading("plan", name, "title", w=fill()), *([_badge("popular", "Popular", "info")] if pop else []),
                    align="center", width=fill(), gap=2),
                text("blurb", blurb, "small", lines=2),
                row(heading("price", f"${price}", "h1", w=hug()), text("per", "/ month", "small", w=hug()), gap=2,
                    align="end", width=fill()),
                button("choose", "Start free" if price == 0 else f"Choose {name}", "primary" if pop else "secondary",
                       w=fill()),
                el("divider", "divider", w=fill(), h=8),
                *[check("feature", "checkbox", f, True) for f in feats[:3 + i]]]
        if c.mobile:  # a phone shows every plan: name and price on one line, the button, two features
            kids = [row(heading("plan", name, "title", w=fill()), heading("price", f"${price}", "h3", w=hug()),
                        text("per", "/ mo", "small", w=hug()), align="end", gap=2, width=fill()),
                    kids[3], *[check("feature", "checkbox", f, True) for f in feats[:2]]]
        cards.append(card("plan", *kids, gap=4 if not c.mobile else 3, pad=6 if not c.mobile else 4,
                          props={"elevation": "md" if pop else "sm"}, content="pricing"))
    head = col(heading("title", "Simple pricing for every " + pc.product, "h1" if not c.mobile else "h3",
                       align="center", lines=2),
               *([] if c.mobile else [text("subtitle", "Start free, upgrade when you grow. Cancel at any time.", "body",
                                           align="center")]),
               el("billing", "tabs", w=fixed(280), h=44, props={"items": ["Monthly", "Yearly · save 20%"], "active": 0},
                  align_self="center"), gap=3, width=fill(), align="center")
    if c.mobile:
        return site_shell(c, [], "", [head, *cards], cart=False, title="Pricing")
    names = [p[0] for p in plans]
    rows = [[f, *("Included" if j >= i - 2 else "–" for j in range(len(plans)))] for i, f in enumerate(feats)]
    compare = card("compare", el("table", "table", w=fill(), h=fill(min=120),
                                 props={"columns": ["Feature", *names], "rows": rows,
                                        "align": ["left", *["center"] * len(plans)],
                                        "widths": [2.0, *[1.0] * len(plans)], "status_column": -1,
                                        "row_height": 48, "inset": 16}),
                   title="Compare plans", h=fill(min=200), pad=5, content="table")
    body = [head, grid(cards, len(cards) if len(cards) <= 4 else n, gap=5, name="plans"),
            text("note", "Prices exclude VAT. Yearly plans are billed once a year.", "small", align="center"), compare]
    return site_shell(c, _links(c), "Pricing", body, cart=False, title="Pricing", pad=c.pick(9, 6, 4))


#: A product's features as a landing page lists them: title, a line about it and its icon.
PRODUCT_FEATURES = (("Set up in minutes", "Import what you have and invite the team in one step.", "check"),
            ("Reports that read", "Charts and exports that answer the questions people ask.", "chart"),
            ("Secure by default", "Single sign-on, roles and an audit log on every plan.", "lock"),
            ("Help from people", "Real answers within the hour, every day of the week.", "message"))


def landing(c: PageContext) -> Node:
    d, rng = c.domain, c.rng
    hero_text = col(_badge("new", "New · " + page_copy(d).posts[0].split(":")[0][:28], "info"),
                    heading("headline", d.headline, "display" if not c.mobile else "h2", lines=3),
                    text("pitch", d.pitch, "title" if not c.mobile else "body", lines=3),
                    row(button("start", "Start free trial", "primary", size="lg"),
                        button("demo", "Book a demo", "secondary", size="lg"), gap=3, width=fill()),
                    gap=5, width=fill(), justify="center", height=fill() if not c.mobile else hug())
    art = el("hero-art", "image", w=fill(), h=fill(min=200, max=520), role="secondary", props={"motif": "landscape"})
    n = c.cols(3, mobile_max=1, tablet_max=3)
    cards = [card("feature", el("icon", "icon", w=28, h=28, props={"name": ic}, role="primary"),
                  heading("title", t, "title"), text("body", b, "body", lines=2), gap=3, pad=5)
             for t, b, ic in PRODUCT_FEATURES[:max(n, 2) if n < 4 else 4]]
    logos = row(text("trusted", "Trusted by", "small", w=hug()),
                *[text("logo", co, "title", "text-muted", w=hug()) for co in
                  rng.sample(["Northwind", "Bluefin", "Acme", "Kestrel", "Juniper", "Orbit", "Lumen"], c.pick(5, 4, 2))],
                gap=7, align="center", justify="space-between", width=fill())
    if c.mobile:
        return site_shell(c, [], "", [hero_text, art, *cards[:2]], cart=False, title="")
    hero = row(hero_text, art, gap=8, width=fill(), height=fill(1.6, max=520), align="stretch")
    grid_ = grid(cards, len(cards), gap=5, name="features")
    return site_shell(c, _links(c), "Product", [hero, logos, grid_], cart=False, title="", pad=c.pick(9, 6, 4))


#: The choices of an onboarding step that asks who will use the product: label and icon.
TEAM_SIZES = (("Just me", "user"), ("A small team", "users"), ("A whole company", "package"), ("An agency", "star"))


def onboarding(c: PageContext) -> Node:
    d, pc = c.domain, page_copy(c.domain)
    at, n_steps = step_of(c.prompt)
    steps = el("steps", "progress", w=fill(), h=28, variant="steps",
               props={"steps": step_names(n_steps), "current": at - 1})
    n = c.cols(2, mobile_max=1, tablet_max=2)
    choices = grid([card("option", row(el("icon", "icon", w=24, h=24, props={"name": ic}, role="primary"),
                                       text("label", lab, "body-strong", "text"),
                                       el("pick", "radio", w=24, h=24, props={"checked": i == 1}), gap=3,
                                       align="center", width=fill()), pad=4,
                         role="surface")
                    for i, (lab, ic) in enumerate(TEAM_SIZES)], max(1, n), gap=4, name="choices")
    form = col(text("step", f"Step {at} of {n_steps}", "label", "primary"),
               heading("title", "Set up your " + pc.product, "h1" if not c.mobile else "h2", lines=2),
               text("subtitle", "Tell us who will use it; you can invite people later.", "body", lines=2),
               steps, field("workspace", label="Workspace name", value="Northwind"), choices,
               row(button("back", "Back", "ghost"), spacer(), button("next", "Continue", "primary", size="lg"),
                   gap=3, align="center", width=fill()),
               name="form", gap=5, width=fill(max=560) if not c.mobile else fill())
    if c.mobile:
        return col(el("logo", "logo", w=140, h=36), form, name="page", gap=6, padding=(7, 5, 5, 5),
                   width=fill(), height=fill())
    side = col(el("logo", "logo", w=160, h=40), spacer(), heading("headline", d.headline, "h1", lines=3),
               text("pitch", d.pitch, "body", lines=3),
               el("art", "image", w=fill(), h=fill(min=160), role="secondary", props={"motif": "landscape"}),
               name="brand", kind="card", gap=6, padding=8, width=fill(40 if c.desktop else 36), height=fill(),
               el={"role": "surface-muted", "variant": "panel"})
    right = col(spacer(), form, spacer(), padding=8, align="center", width=fill(60), height=fill())
    if c.nav("none") != "none":  # a shell was asked for: the steps sit in the page's content
        return app_shell(c, "", "", [card("setup", form, pad=7, w=fill(), h=fill(), align="center")], "Set up")
    return row(side, right, name="page", width=fill(), height=fill())


def search_results(c: PageContext) -> Node:
    d, pc, rng = c.domain, page_copy(c.domain), c.rng
    q = pc.subjects[0].split()[-1].lower().strip("#:")
    bar = row(el("query", "search", w=fill(), h=52, props={"placeholder": f"“{q}”"}),
              button("go", "Search", "primary", size="lg"), gap=3, width=fill(), align="center")
    chips = row(*[filter_chip(t, i == 0) for i, t in enumerate(("All", d.records, "People", "Files", "Messages")[:c.pick(5, 5, 3)])],
                gap=2, width=fill())
    results = []
    for i, t in enumerate(pc.subjects[:6]):
        results.append(card("result", row(text("where", f"{d.nav[(i % 4) + 1][0]} · Nov {rng.randint(1, 24)}", "small", w=fill()),
                                          _badge("kind", ("Updated", "New", "Shared")[i % 3], ("info", "success", "warning")[i % 3]),
                                          gap=2, align="center", width=fill()),
                            heading("title", t, "title", lines=1),
                            text("snippet", f"{pc.posts[i % len(pc.posts)]} {pc.chat[i % len(pc.chat)]}", "body", lines=2),
                            gap=2, pad=5, content="text"))
    count = text("count", f"{rng.randint(24, 380)} results for “{q}” · {rng.randint(20, 90)} ms", "small")
    stream = col(*results, name="results", gap=4, width=fill(), height=fill(), overflow="drop")
    if c.mobile:
        return app_shell(c, "", "", [bar, chips, count, stream], "Search")
    fk = [heading("filter", "Filter by", "title")]
    fk += [check("check", "checkbox", t, i < 2) for i, t in enumerate((d.records, "People", "Files", "Messages"))]
    fk += [Node(height=fixed(8), width=fill()), heading("when", "Date", "title")]
    fk += [check("radio", "radio", t, i == 1) for i, t in enumerate(("Any time", "Past week", "Past month"))]
    filters = col(*fk, name="filters", kind="list", gap=3, width=fixed(220))
    main = row(filters, col(count, stream, gap=4, width=fill(), height=fill()), gap=7, width=fill(), height=fill(),
               align="start")
    if c.device == "tablet":
        main.children = main.children[1:]
    return app_shell(c, "", "", [bar, chips, main], "Search")


def article(c: PageContext) -> Node:
    pc, rng = page_copy(c.domain), c.rng
    title, standfirst = pc.article
    author = rng.choice(PEOPLE)
    paras = [f"{pc.posts[i % len(pc.posts)]} {pc.chat[i % len(pc.chat)]} {pc.chat[(i + 1) % len(pc.chat)]} "
             "We wrote down what worked, what did not, and what we would do again." for i in range(4)]
    body = col(el("breadcrumb", "breadcrumb", w=fill(), h=20, props={"items": ["Journal", "Guides"]}),
               heading("title", title, "display" if c.desktop else ("h1" if not c.mobile else "h2"), lines=3),
               text("standfirst", standfirst, "title", "text-muted", lines=3),
               row(with_text(el("author", "avatar", w=40, h=40), author),
                   col(text("name", author, "body-strong", "text"),
                       text("date", f"Nov {rng.randint(1, 24)}, 2026 · {rng.randint(4, 12)} min read", "small"),
                       gap=0, width=fill()), gap=3, align="center", width=fill()),
               el("hero", "image", w=fill(), h=c.pick(300, 260, 180), role="secondary", props={"motif": "landscape"}),
               text("p1", paras[0], "body", "text", lines=5),
               heading("sub", "What we changed first", "h3"),
               text("p2", paras[1], "body", "text", lines=5),
               card("quote", text("quote", "“" + pc.chat[3] + "”", "title", "text", lines=3),
                    text("cite", "— " + rng.choice(PEOPLE), "small"), gap=2, pad=5, variant="flat",
                    role="surface-muted", content="text"),
               text("p3", paras[2], "body", "text", lines=5),
               name="article", gap=5, width=fill(max=760) if not c.mobile else fill(), height=fill(), overflow="drop")
    if c.mobile:
        return site_shell(c, [], "", [body], cart=False, title="")
    toc = col(heading("toc", "On this page", "label"),
              *[text("entry", t, "small", "primary" if i == 0 else "text-muted") for i, t in
                enumerate(("Introduction", "What we changed first", "The numbers", "What is next"))],
              name="contents", kind="list", gap=3, width=fixed(200))
    page = row(spacer(), body, toc if c.desktop else spacer(), gap=8, width=fill(), height=fill(), align="start")
    return site_shell(c, ["Journal", "Guides", "Stories", "About"], "Journal", [page], cart=False, title="",
                 pad=c.pick(9, 6, 4))


def product_detail(c: PageContext) -> Node:
    from engine.render.components import product_shape

    rng = c.rng
    goods = c.products
    name, price = rng.choice(goods)
    shape = product_shape(name)
    main_img = el("photo", "image", w=fill(), h=fill(min=240), role="surface-muted",
                  props={"motif": "product", "shape": shape})
    thumbs = row(*[el("thumb", "image", w=fill(), h=c.pick(96, 80, 64), role="surface-muted",
                      props={"motif": "product", "shape": shape}) for _ in range(4)], gap=3, width=fill())
    gallery = col(main_img, *([] if c.mobile else [thumbs]), gap=3, width=fill(), height=fill())
    worn = shape in ("shirt", "shoe", "beanie")  # sized goods; anything else comes in colours
    sizes = row(*[filter_chip(s, i == 2 if worn else i == 0) for i, s in
                  enumerate(("XS", "S", "M", "L", "XL") if worn else ("Sage", "Sand", "Charcoal", "Ivory"))],
                gap=2, width=fill())
    info = col(el("breadcrumb", "breadcrumb", w=fill(), h=20, props={"items": ["Shop", "New in", name]}),
               heading("title", name, "h1" if not c.mobile else "h3", lines=2),
               row(heading("price", format_money(price), "h3", w=hug()), _badge("stock", "In stock", "success"), gap=3,
                   align="center", width=fill()),
               text("rating", f"★★★★☆ 4.{rng.randint(3, 9)} · {rng.randint(20, 400)} reviews", "small"),
               text("desc", f"The {name.lower()} is made to be {'worn' if worn else 'used'} every day, in durable "
                    "materials that age well. Designed in Berlin, made in Portugal.", "body", lines=3),
               heading("size-label", "Size" if worn else "Colour", "label"), sizes,
               row(button("add", "Add to cart", "primary", "cart", size="lg", w=fill()),
                   button("save", "", "secondary", "heart", size="lg"), gap=3, width=fill()),
               _item("ship", "Free shipping over $100", "Arrives in 2–4 working days", icon="package", h=56),
               _item("returns", "30-day returns", "Free and easy, in store or by post", icon="arrow-up-right", h=56,
                     divider=False),
               name="info", gap=4, width=fill(), height=hug())
    if c.mobile:
        main_img.height = fixed(280)
        parts = [k for k in info.children[1:] if k.name not in ("returns",)]
        return site_shell(c, [], "", [main_img, *parts], cart=True, title="")
    related = grid([card("product", el("photo", "image", w=fill(), h=fill(min=80), role="surface-muted",
                                       props={"motif": "product", "shape": product_shape(n)}),
                         text("name", n, "body-strong", "text"), text("price", format_money(p), "body"), gap=2, pad=3,
                         h=fill())
                    for n, p in rng.sample([g for g in goods if g[0] != name], c.cols(4, tablet_max=3))],
                   c.cols(4, tablet_max=3),
                   gap=4, name="related", h=fill())
    top = row(gallery, info, gap=8, width=fill(), height=fill(2), align="start")
    return site_shell(c, ["New in", "Men", "Women", "Home", "Sale"], "New in",
                 [top, heading("also", "You may also like", "h3"), related], cart=True, title="",
                 pad=c.pick(9, 6, 4))


PAGES = {
    "analytics": analytics,
    "profile": profile,
    "inbox": inbox,
    "chat": chat,
    "calendar": calendar,
    "file-manager": file_manager,
    "empty-state": empty_state,
    "mobile-detail": record_detail,
    "mobile-feed": feed,
    "pricing": pricing,
    "landing": landing,
    "onboarding": onboarding,
    "search-results": search_results,
    "article": article,
    "product-detail": product_detail,
}
