"""Copy domains for pets, smart homes, news, mail, games, insurance, photography, security and
cars: a planned page of each shows that domain's records and never another's or a sales screen's;
each domain's copy is well formed; prompts of the older domains keep the copy they had."""

from __future__ import annotations

import re

import pytest

from conditioning.plan import plan_prompt
from engine.compose import open_copy as oc
from engine.compose.open_copy import DOMAIN_SPECS, SALES_WORDS, OpenCopy, domain_of
from engine.compose.plan_compose import compose_plan, section_texts

SIZES = {"desktop": (1440, 900), "mobile": (390, 844)}

#: Strings only one domain's records show (curated names, not words a prompt or a label may hold).
MARKERS: dict[str, tuple[str, ...]] = {
    "pets": tuple(breed for _n, _s, breed in oc.PETS),
    "smarthome": tuple(d[0] for d in oc.DEVICES),
    "news": tuple(h for h, _s in oc.HEADLINES),
    "mail": tuple(e[1] for e in oc.EMAILS),
    "gaming": oc.GAMERTAGS,
    "insurance": tuple(p[0] for p in oc.POLICIES) + tuple(c for c, _p in oc.CLAIMS),
    "photography": oc.PHOTOS,
    "security": tuple(a for a, _s in oc.ALERTS),
    "car": tuple(t for t, _km in oc.TRIPS),
    # older domains' records: none of them belongs on a page of the new ones
    "realestate": oc.PROPERTIES, "music": oc.TRACKS, "hotel": oc.HOTELS, "support": oc.TICKETS,
    "project": oc.TASKS, "generic": oc.WORK, "social": oc.POSTS, "code": oc.COMMITS, "jobs": oc.JOBS,
    "food": oc.DISHES, "logistics": oc.VEHICLES, "files": oc.FILES,
    "plants": tuple(p[0] for p in oc.HOUSEPLANTS) + tuple(t for _p, ts in oc.CHECKLISTS for t in ts if "Water" in t),
    "dating": ("Hiking", "Live music", "Board games", "Climbing"), "sports": oc.CLUBS, "warehouse": oc.STOCK,
}

#: A prompt of each new domain, the copy domain it gets, and how many of its markers it must show.
PROMPTS = {
    "pets": "pet adoption listing with filters Dogs, Cats and Rabbits and a grid of animal cards",
    "smarthome": "smart home rooms screen with a segmented control Living room / Kitchen / Bedroom and device toggles",
    "news": "news site front page with a list of top stories and a Subscribe button",
    "mail": "email inbox with tabs Primary / Social / Promotions and a list of messages",
    "gaming": "game leaderboard with a table of 10 players and a season select",
    "insurance": "insurance app with my policies list and a table of recent claims",
    "photography": "photo library with a grid of photo cards and an Import button",
    "security": "security dashboard with a list of open alerts and a hosts table",
    "car": "electric car app with battery status, recent trips and nearby charging stations",
}
PROMPTS.update({
    "plants": "plant care app with my plants, a watering checklist and a humidity gauge",
    "dating": "dating app discover screen with a profile photo, interests chips and Pass and Like buttons",
    "sports": "football match centre with the live score, a timeline of goals and team lineups",
    "warehouse": "warehouse inventory table with stock levels and a Low stock filter chip",
})
NEW = tuple(PROMPTS)


def _texts(scene) -> str:
    return " ".join(t for e in scene.walk() for t in section_texts(e))


def _shown(marker: str, texts: str) -> bool:
    """Whether `texts` shows `marker` as written, as whole words ("Quarterly plan" is not in
    "Quarterly planning")."""
    return re.search(rf"(?<!\w){re.escape(marker)}(?!\w)", texts) is not None


@pytest.mark.parametrize("device", list(SIZES))
@pytest.mark.parametrize("domain", list(PROMPTS))
def test_a_page_of_the_domain_shows_its_own_copy(domain, device):
    prompt = PROMPTS[domain]
    plan = plan_prompt(prompt, device)
    assert domain_of(plan.domain, prompt).name == domain, plan.domain
    texts = _texts(compose_plan(plan, *SIZES[device], seed=0, device=device))
    own = [m for m in MARKERS[domain] if _shown(m, texts)]
    assert len(own) >= 2, (domain, device, texts[:500])
    foreign = {d: [m for m in ms if _shown(m, texts)] for d, ms in MARKERS.items() if d != domain}
    assert not {d: ms for d, ms in foreign.items() if ms}, (domain, device)
    low = texts.lower()
    assert not [w for w in SALES_WORDS if w in low], (domain, device)
    assert "lorem" not in low


def test_the_pet_adoption_listing_shows_animals_not_homes():
    prompt = "pet adoption listing with filters Dogs, Cats and Rabbits and a grid of animal cards"
    for name in ("generic", "pets", "productivity"):  # the planner's pets, or no domain: the prompt names pets
        assert domain_of(name, prompt).name == "pets", name
    texts = _texts(compose_plan(plan_prompt(prompt, "desktop"), 1440, 900, seed=2, device="desktop"))
    assert re.search(r"\b(Dog|Cat|Rabbit) · ", texts)
    assert "m²" not in texts and "rooms" not in texts and "Book a viewing" not in texts


@pytest.mark.parametrize(("planner", "prompt", "expect"), [
    # the planner's domain has copy of its own and the prompt names it
    ("pets", "I need a screen for a dog walking app showing today's walks on a map and a list of walkers", "pets"),
    ("smart home", "energy monitor with a usage bar chart, a toggle for each device and a tooltip on the peak",
     "smarthome"),
    ("smart home", "smart thermostat control with a temperature slider and a schedule timeline", "smarthome"),
    ("news", "news article page with a headline, the author's avatar, body text and related stories", "news"),
    ("gaming", "esports tournament page with a leaderboard table and a live match video", "gaming"),
    ("insurance", "insurance claim wizard with step progress and a list of uploaded files", "insurance"),
    ("photography", "photo editor with sliders for Brightness, Contrast and Saturation", "photography"),
    ("security", "security operations dashboard with an alerts table and affected hosts", "security"),
    ("transport", "car dashboard infotainment screen with a map, now playing controls and a Climate tab", "car"),
    # email is mail; chat stays social
    ("messaging", "email inbox with folders in a sidebar and a message list", "mail"),
    ("messaging", "chat app with a left rail of channels, a message list and a composer", "social"),
    ("messaging", "team chat channel with messages, an avatar group of members and a message input", "social"),
    ("messaging", "sign in page with email and password", "social"),
    # a planner word that names none of the domain's own words: the prompt's own words decide, as before
    ("insurance", "pricing with Basic, Plus and Premium tiers", "generic"),
    ("photography", "product gallery with six images", "shop"),
    ("security", "account settings with a password field", "generic"),
    # older domains keep theirs
    ("transport", "car rental search results with a price range slider and eight car cards", "rental"),
    ("transport", "bus timetable with departures", "transport"),
    ("generic", "apartment listing with rooms and price", "realestate"),
    ("generic", "listing page", "realestate"),
    ("generic", "dog listing with photos", "pets"),
    ("sales", "CRM deals pipeline with Prospect, Proposal and Won columns", "crm"),
    ("music", "music player with a queue of eight tracks", "music"),
    ("generic", "weather app with hourly forecast", "weather"),
])
def test_which_copy_a_prompt_gets(planner, prompt, expect):
    assert domain_of(planner, prompt).name == expect


@pytest.mark.parametrize("prompt", [
    "kanban board with To do, In progress and Done columns",
    "video call with six participants and mute, camera and leave buttons",
    "flight search results with filters Nonstop, Morning and Under €300",
    "cinema seat selection with a seat map and a Continue button",
    "bike sharing app with a map of stations, a bottom sheet and an Unlock button",
    "employee directory with a search field, department filter chips and a table of employees",
])
def test_prompts_of_older_domains_keep_their_copy(prompt):
    """The planner's domain, read with the new domains' words, gives the copy it gave before."""
    plan = plan_prompt(prompt, "desktop")
    got = domain_of(plan.domain, prompt).name
    assert got not in {"pets", "smarthome", "news", "mail", "gaming", "insurance", "photography", "security", "car"}



def _item_ok(item) -> bool:
    return isinstance(item, tuple) and len(item) == 3 and all(isinstance(x, str) for x in item)


@pytest.mark.parametrize("name", list(DOMAIN_SPECS))
def test_every_spec_is_well_formed(name):
    spec = DOMAIN_SPECS[name]
    assert spec.name == name and spec.title and spec.action and spec.search and spec.noun
    assert spec.nav and all(isinstance(label, str) and isinstance(icon, str) for label, icon in spec.nav)
    assert spec.chart[1] in ("week", "month", "hours", "days")
    assert spec.statuses and all(isinstance(s, str) for s in spec.statuses)
    assert spec.status_column < len(spec.columns)
    assert all(k == k.lower() and k.strip() for k in spec.keywords)
    prompts = ["", PROMPTS.get(name, ""), "match history with results", "claim status timeline",
               "thermostat schedule", "dog walking app", "vet appointments", "photo editor with sliders"]
    for seed in range(4):
        for prompt in prompts:
            c = OpenCopy(spec, prompt, seed)
            items = c.items(9)
            assert all(_item_ok(it) for it in items), (name, prompt, items)
            assert all(it[0] for it in items)
            cols, rows = c.table(9)
            assert cols == list(spec.columns)
            for row in rows:
                assert len(row) == len(cols) and all(isinstance(v, str) and v for v in row), (name, prompt, row)
            if spec.status_column >= 0 and name in NEW:
                assert all(r[spec.status_column] in spec.statuses + ("Locked", "Unlocked") for r in rows), rows
            stats = c.stats(6)
            assert len(stats) == 6 and all(isinstance(a, str) and isinstance(b, str) and b for a, b in stats)
            assert isinstance(c.sentence(1), str) and c.sentence(1)
            # the domain's own kinds of records: rows of three strings, or the domain's items
            for pattern, kind in spec.kinds:
                re.compile(pattern)
                recs = c.records_of_kind(kind, 5)
                assert (recs is None) == (kind == "own"), (name, kind)
                assert recs is None or (recs and all(_item_ok(r) for r in recs)), (name, kind, recs)
                table = c.table_of_kind(kind, 4)
                if table:
                    tcols, trows = table
                    assert all(len(r) == len(tcols) and all(isinstance(v, str) for v in r) for r in trows)


@pytest.mark.parametrize("name", NEW)
def test_new_copy_is_never_sales_copy(name):
    spec = DOMAIN_SPECS[name]
    words = [spec.title, spec.action, spec.search, spec.noun, *spec.sentences, *spec.tags, *spec.statuses,
             *spec.columns, *(label for label, _i in spec.nav), *(label for label, _f in spec.stats)]
    for seed in range(3):
        c = OpenCopy(spec, PROMPTS[name], seed)
        words += [x for it in c.items(12) for x in it] + [v for r in c.table(12)[1] for v in r]
        words += [x for _p, kind in spec.kinds for it in (c.records_of_kind(kind, 8) or []) for x in it]
    low = " ".join(words).lower()
    assert not [w for w in SALES_WORDS if w in low]


def test_records_of_the_domains_own_kinds():
    home = OpenCopy(DOMAIN_SPECS["smarthome"], "smart home with device toggles", 1)
    assert home.record_kind("a toggle for each device") == "device"
    assert {t for t, _m, _s in home.records("device toggles", 6)} <= {d[0] for d in oc.DEVICES}
    first, _m, _s = OpenCopy(DOMAIN_SPECS["smarthome"], "thermostat schedule", 1).items(3)[0]
    assert first.startswith("06:30")  # a heating day in order
    walks = OpenCopy(DOMAIN_SPECS["pets"], "dog walking app with today's walks", 0)
    assert all(m.split(" · ")[1] in {b for _n, s, b in oc.PETS if s == "Dog"} for _t, m, _s in walks.items(6))
    assert walks.record_kind("a list of walkers") == "carer"
    mail = OpenCopy(DOMAIN_SPECS["mail"], "email inbox with folders", 0)
    assert [t for t, _m, _c in mail.records("folders", 4)] == ["Inbox", "Starred", "Sent", "Drafts"]
    game = OpenCopy(DOMAIN_SPECS["gaming"], "game leaderboard", 0)
    points = [int(r[-1].replace(",", "")) for r in game.table(10)[1]]
    assert points == sorted(points, reverse=True)  # a leaderboard in order
    assert game.record_kind("the leaderboard") == "own"
    cols, rows = game.records_table("a table of players", 5)
    assert cols == ["#", "Player", "Points"] and all(r[1] in oc.GAMERTAGS for r in rows)  # gamer tags, not people
    assert all(t.split(". ")[1] in oc.GAMERTAGS for t, _m, _p in game.records("players", 4))
    assert game.option("Season").startswith("Season ")
    claim = OpenCopy(DOMAIN_SPECS["insurance"], "insurance claim wizard", 0)
    assert claim.record_kind("a list of uploaded files") == "claim_file"
    assert claim.items(1)[0][1].startswith("CLM-")
    assert " · renews " in OpenCopy(DOMAIN_SPECS["insurance"], "my policies", 0).items(1)[0][1]
    cols, rows = claim.records_table("a table of policies", 3)
    assert cols[0] == "Policy" and all(len(r) == len(cols) for r in rows)
    editor = OpenCopy(DOMAIN_SPECS["photography"], "photo editor with sliders", 0)
    assert [label for label, _v in editor.stats(3)] == ["Brightness", "Contrast", "Saturation"]
    car = OpenCopy(DOMAIN_SPECS["car"], "electric car app", 4)
    battery = {t: v for t, _m, v in car.records("battery status", 3)}["Battery"]
    assert dict(car.stats(4))["Battery"] == battery  # one charge reading for the whole screen


def test_chosen_options_checklists_and_places_fit_their_words():
    from engine.compose.open_copy import choices_for

    assert choices_for("Battery level") == ()  # a level is not a skill level
    assert choices_for("Skill level") == ("Beginner", "Intermediate", "Advanced")
    postmortem = OpenCopy(DOMAIN_SPECS["code"], "incident postmortem with a timeline of events and action items", 0)
    assert "Book the venue" not in postmortem.tasks(8)  # events on a timeline are not an event to plan
    clinic = OpenCopy(DOMAIN_SPECS["health"], "blood donation booking with a clinic select", 0).option("Clinic")
    assert clinic.endswith(" Clinic") and clinic != "Clinic"
