"""Copy for any domain: names, titles, numbers and sentences that belong to what a screen is about.

`OpenCopy(domain, prompt, seed)` writes the words of a planned screen: people from `faker`
(seeded, so one seed gives one screen), and per domain small curated word lists where faker has
none (tracks and artists, airports and flight numbers, dishes, vehicles and routes, commits…).
`domain_of(name, prompt)` maps a plan's domain name (or, for ``"generic"``, the prompt's words)
to one of `DOMAIN_SPECS` (a finance prompt about invoices gets the billing copy, a sales prompt about
deals the CRM's). `OpenCopy.records(words, n)` writes the records a noun names whatever the domain
(a recipe's ingredients and numbered steps, podcast episodes, a cafe's menu with prices,
departures, invoice line items, expenses, books, classes, deals, candidates), and
`OpenCopy.value(label)` the value of a named figure (a balance, a due date, a subtotal, tax and
total that add up the screen's line items). Sales copy (customers, revenue, orders) is only written for the sales
domain: `SALES_WORDS` lists the words a non-sales screen never shows.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = ["DOMAIN_SPECS", "NOUN_RECORDS", "PEOPLE_NOUNS", "SALES_WORDS", "DomainSpec", "OpenCopy", "domain_of", "is_sales",
           "noun_of", "prompt_places", "record_kind"]

#: Words that make a screen read as a sales screen; no other domain's copy uses them.
SALES_WORDS: tuple[str, ...] = ("top customers", "revenue", "orders", "order #", "sales", "mrr", "churn",
                                "avg. order", "returning customers", "create order")

Item = tuple[str, str, str]  # title, meta (second line), trailing


@dataclass(frozen=True)
class DomainSpec:
    """The copy of one domain. Callables take the `OpenCopy` (its seeded rng and faker)."""

    name: str
    keywords: tuple[str, ...]  # prompt words that name the domain
    nav: tuple[tuple[str, str], ...]  # app navigation (label, icon)
    title: str  # the page's default title
    action: str  # the page's primary action
    search: str  # search placeholder
    noun: str  # plural noun of the domain's records ("tracks", "flights")
    item: Callable[["OpenCopy", int], Item]  # one record as a list row
    columns: tuple[str, ...]  # a table of records: its columns …
    row: Callable[["OpenCopy", int], list[str]]  # … and one row
    stats: tuple[tuple[str, Callable[["OpenCopy"], str]], ...]  # stat tiles (label, value)
    chart: tuple[str, str]  # (title, axis: "week" | "month" | "hours" | "days")
    statuses: tuple[str, ...] = ("Active", "Pending", "Done")
    sentences: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()  # chip / filter labels
    status_column: int = -1  # table column holding a status (badges), -1 none


def _mmss(c: "OpenCopy") -> str:
    return f"{c.rng.randint(2, 5)}:{c.rng.randint(0, 59):02d}"


def _money(v: float, cur: str = "$") -> str:
    return f"{cur}{v:,.2f}" if v < 1000 else f"{cur}{v:,.0f}"


def _time(c: "OpenCopy") -> str:
    return f"{c.rng.randint(6, 21):02d}:{c.rng.choice(('05', '15', '30', '40', '55'))}"


def _ago(c: "OpenCopy") -> str:
    n = c.rng.randint(2, 58)
    return c.rng.choice((f"{n} min ago", f"{n % 23 + 1} h ago", f"{n % 6 + 1} d ago"))


# -- curated word lists (faker has none of these) -------------------------------------------------
TRACKS = ("Midnight Static", "Paper Planes Home", "Slow Tides", "Glasshouse", "Northern Lights Again", "Velvet Hour",
          "Satellite Heart", "Amber Streets", "Low Orbit", "Harbour Lights", "Golden Hour Drive", "Echo Park",
          "Silver Lining", "Cloudbreak", "Wild Geese", "After the Rain")
ARTISTS = ("Luna Vale", "The Night Shifts", "Marlow & Finch", "Kito Rivers", "Aurora Lane", "Paper Kites Club",
           "Juno Reyes", "Static Bloom", "Theo Marsh", "Coral Sound")
ALBUMS = ("Blue Hours", "Tidal", "Neon Gardens", "Field Notes", "Long Way Round", "Quiet Loud")
CITIES = (("Lisbon", "LIS"), ("Berlin", "BER"), ("New York", "JFK"), ("Tokyo", "HND"), ("London", "LHR"),
          ("Barcelona", "BCN"), ("Singapore", "SIN"), ("Amsterdam", "AMS"), ("Rome", "FCO"), ("Vienna", "VIE"),
          ("Copenhagen", "CPH"), ("Zurich", "ZRH"))
AIRLINES = (("Aurora Air", "AU"), ("Skyline", "SK"), ("Northjet", "NJ"), ("Atlantic Blue", "AB"))
DISHES = ("Lemon herb chicken", "Mushroom risotto", "Spicy peanut noodles", "Roasted tomato soup", "Greek salad",
          "Shakshuka", "Salmon teriyaki bowl", "Chickpea curry", "Margherita pizza", "Banana bread")
INGREDIENTS = ("2 cloves garlic", "200 g arborio rice", "1 lemon, zested", "400 g chopped tomatoes", "1 tbsp olive oil",
               "150 g feta", "1 tsp smoked paprika", "500 ml vegetable stock", "1 bunch basil", "2 eggs",
               "100 g parmesan", "1 red onion")
VEHICLES = ("Van 12", "Truck 04", "Van 27", "E-bike 3", "Truck 09", "Van 31", "Van 18", "Truck 15")
COURSES = ("Intro to Statistics", "Spanish for Travellers", "Web Design Basics", "Organic Chemistry",
           "Creative Writing", "Python for Data", "World History", "Music Theory")
LESSONS = ("Why averages mislead", "Variables and types", "Reading a research paper", "The scientific method",
           "Loops and lists", "Building your first page", "Past tense verbs", "Chords and scales")
REPOS = ("api-gateway", "web-app", "billing-service", "design-tokens", "mobile-client", "search-indexer")
CODE_FILES = ("src/auth/session.ts", "src/api/routes.py", "components/Button.tsx", "lib/cache.go", "README.md",
              "tests/test_routes.py", "styles/tokens.css", "src/utils/date.ts")
COMMITS = ("Fix token refresh race", "Add retry to webhook sender", "Extract date helpers", "Bump eslint to 9",
           "Cache search results for 60 s", "Rename session store", "Add dark theme tokens", "Drop legacy v1 routes")
WORKOUTS = ("Morning run", "Upper body strength", "Cycling intervals", "Yoga flow", "Swim 1,500 m",
            "HIIT circuit", "Evening walk", "Leg day")
JOBS = ("Senior Product Designer", "Backend Engineer (Go)", "Data Analyst", "Engineering Manager",
        "Customer Success Lead", "iOS Developer", "UX Researcher", "DevOps Engineer")
HOTELS = ("Casa Azul", "The Linden", "Harbour View Hotel", "Alpine Lodge", "Hotel Nova", "The Courtyard Inn",
          "Seaside Suites", "Old Town Residence")
TICKETS = ("Cannot reset my password", "Invoice shows the wrong address", "App crashes on upload",
           "Refund for duplicate charge", "Add a teammate to the workspace", "Export to CSV is empty",
           "Two-factor code never arrives", "Change the plan owner", "Slow dashboard loading", "Dark mode text unreadable")
POSTS = ("Sunrise over the harbour this morning", "Finally finished the mural", "Our team offsite, day two",
         "New recipe: lemon olive oil cake", "Ten kilometres before breakfast", "The view from the top was worth it")
PROPERTIES = ("Bright 2-bed with balcony", "Loft near the river", "Family house with garden", "Studio in the old town",
              "Penthouse with terrace", "3-bed townhouse")
WEATHER = ("Sunny", "Partly cloudy", "Light rain", "Cloudy", "Showers", "Clear", "Thunderstorms")
TASKS = ("Reply to refund request", "Update the help article on exports", "Triage login bugs", "Call back the Oslo team",
         "Review macro for shipping questions", "Merge duplicate tickets", "Write release notes", "Check SLA breaches",
         "Onboard new agent", "Audit canned responses")
FILES = ("Brief.pdf", "Q1-plan.xlsx", "Photos.zip", "Notes.md", "Contract.docx", "Slides.key", "Budget.csv",
         "Logo.svg")
WORK = ("Quarterly plan", "Team offsite agenda", "Onboarding guide", "Brand refresh", "Hiring plan", "Weekly update",
        "Research notes", "Launch checklist", "Style guide", "Meeting notes")
WEEK = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jun", "Jul", "Aug", "Sep", "Oct", "Nov"]
# what a recipe holds, by the kind of recipe the prompt names: (ingredient, quantity) and method steps
SAVOURY = (("Arborio rice", "200 g"), ("Chestnut mushrooms", "250 g"), ("Onion, finely chopped", "1"),
           ("Garlic cloves", "2"), ("Vegetable stock", "750 ml"), ("Parmesan, grated", "50 g"), ("Olive oil", "1 tbsp"),
           ("Butter", "25 g"), ("Thyme sprigs", "3"), ("Lemon, zested", "½"))
BAKING = (("Plain flour", "250 g"), ("Caster sugar", "150 g"), ("Unsalted butter, softened", "125 g"),
          ("Eggs", "2"), ("Whole milk", "120 ml"), ("Baking powder", "2 tsp"), ("Vanilla extract", "1 tsp"),
          ("Pinch of salt", "1"), ("Lemon, zested", "1"), ("Icing sugar", "2 tbsp"))
DRINKS = (("Gin", "50 ml"), ("Fresh lime juice", "25 ml"), ("Sugar syrup", "15 ml"), ("Soda water", "100 ml"),
          ("Mint leaves", "8"), ("Ice cubes", "1 cup"), ("Angostura bitters", "2 dashes"), ("Lime wedge", "1"))
SAVOURY_STEPS = ("Soften the onion in the oil", "Add the garlic and mushrooms", "Stir in the rice to coat",
                 "Add the stock a ladle at a time", "Beat in the butter and parmesan", "Rest for two minutes",
                 "Season and serve")
BAKING_STEPS = ("Heat the oven to 180 °C", "Cream the butter and sugar", "Beat in the eggs one by one",
                "Fold in the flour and baking powder", "Pour into the lined tin", "Bake for 35 minutes",
                "Cool before icing")
DRINK_STEPS = ("Chill the glass", "Muddle the mint with the syrup", "Add the gin and lime juice",
               "Fill with ice and shake", "Strain into the glass", "Top with soda and garnish")
STEP_TIMES = {"Heat": "10 min", "Bake": "35 min", "Cool": "20 min", "Rest": "2 min", "Add the stock": "18 min"}
MENU = (("Margherita", "Tomato, mozzarella, basil", "€11.50"), ("Burrata salad", "Heirloom tomatoes, basil oil", "€9.00"),
        ("Wild mushroom risotto", "Parmesan, thyme", "€15.50"), ("Grilled sea bass", "Fennel, lemon butter", "€21.00"),
        ("Steak frites", "Peppercorn sauce", "€24.00"), ("Tiramisu", "Mascarpone, espresso", "€7.50"),
        ("Lemon tart", "Crème fraîche", "€7.00"), ("Garlic bread", "Rosemary, sea salt", "€5.00"))
CAFE = (("Flat white", "Double shot, steamed milk", "€3.40"), ("Cappuccino", "Foamed milk, cocoa", "€3.20"),
        ("Oat latte", "Oat milk, single shot", "€3.60"), ("Almond croissant", "Baked this morning", "€3.10"),
        ("Avocado toast", "Sourdough, chilli, lime", "€8.50"), ("Banana bread", "Toasted, with butter", "€3.00"),
        ("Iced matcha", "Ceremonial grade", "€4.20"), ("Cinnamon bun", "Cardamom glaze", "€3.30"))
EPISODES = ("The quiet art of listening", "Cities after dark", "What the data didn't say", "Building in public",
            "A short history of maps", "Why we procrastinate", "Inside the night shift", "The last lighthouse keeper")
CHAPTERS = ("Opening credits", "The letter", "A house by the sea", "Old friends", "The storm", "What remained",
            "Homecoming", "Epilogue")
STATIONS = (("Jazz FM", "Jazz · 98.4 FM"), ("Radio Nova", "Indie · 101.5 FM"), ("Classic Hits", "Pop · 104.2 FM"),
            ("BBC World Service", "News · online"), ("Lo-fi Beats", "Chill · online"), ("Kiss Dance", "Dance · 92.8 FM"),
            ("Folk Roots", "Folk · online"), ("Talk City", "Talk · 88.1 FM"))
SERVICES = (("Discovery workshop", 1, 1800), ("UX design (days)", 6, 650), ("Prototype build", 1, 2400),
            ("Usability testing (sessions)", 5, 180), ("Design system handover", 1, 950), ("Travel expenses", 1, 240))
GOODS = (("Office chairs", 12, 189), ("Standing desks", 6, 420), ("27\" monitors", 10, 249), ("USB-C docks", 10, 129),
         ("Desk lamps", 12, 39), ("Cable trays", 20, 18))
MERCHANTS = (("Rail Pass", "Travel"), ("Hotel Nova", "Lodging"), ("Coffee Corner", "Meals"), ("Office Depot", "Supplies"),
             ("City Cabs", "Travel"), ("Fresh Market", "Meals"), ("Cloud Hosting", "Software"), ("Print Shop", "Supplies"))
BOOKS = (("The Overstory", "Richard Powers"), ("Braiding Sweetgrass", "Robin Wall Kimmerer"),
         ("A Brief History of Time", "Stephen Hawking"), ("Middlemarch", "George Eliot"), ("Sapiens", "Yuval Noah Harari"),
         ("The Left Hand of Darkness", "Ursula K. Le Guin"), ("Thinking, Fast and Slow", "Daniel Kahneman"),
         ("Beloved", "Toni Morrison"))
CLASSES = ("Spin 45", "Vinyasa flow", "HIIT express", "Pilates core", "Boxing basics", "Strength & conditioning",
           "Yin yoga", "Body pump")
STOPS = ("Central Station", "Harbour Square", "University", "Old Town", "Airport", "Riverside", "Market Hall", "Parkway")
OPERATORS = ("Regio", "Intercity", "Express", "Night line")
EVENTS = (("Jazz on the Roof", "Blue Note Hall"), ("Indie Night: The Night Shifts", "The Warehouse"),
          ("Hamlet", "Royal Court Theatre"), ("Stand-up Showcase", "Comedy Cellar"), ("Symphony No. 9", "City Concert Hall"),
          ("Film club: Paris, Texas", "Rio Cinema"))

SMOOTHIE = (("Banana, frozen", "1"), ("Strawberries", "150 g"), ("Greek yoghurt", "100 g"), ("Oat milk", "200 ml"),
            ("Rolled oats", "2 tbsp"), ("Honey", "1 tsp"), ("Chia seeds", "1 tsp"), ("Ice cubes", "4"))
SMOOTHIE_STEPS = ("Add the milk to the blender first", "Add the fruit, yoghurt and oats", "Blend for 45 seconds",
                  "Taste and add the honey", "Pour into a chilled glass", "Top with the chia seeds")
#: Operators by the kind of transport a prompt names (a ferry timetable lists ferry lines, not trains).
OPERATORS_BY_MODE = (("ferry", ("Island Ferries", "Blue Line", "Harbour Express", "Coastal Link")),
                     ("boat", ("Island Ferries", "Blue Line", "Harbour Express", "Coastal Link")),
                     ("bus", ("Line 12", "Line 4", "Express X1", "Night bus N3")),
                     ("coach", ("Line 12", "Line 4", "Express X1", "Night bus N3")),
                     ("tram", ("Tram 2", "Tram 7", "Tram 11", "Tram 4")),
                     ("metro", ("Line A", "Line C", "Line B", "Line D")),
                     ("subway", ("Line A", "Line C", "Line B", "Line D")))
#: Places a prompt may name; a city named in the prompt is the one its records use.
WORLD_CITIES = ("Amsterdam", "Athens", "Bangkok", "Barcelona", "Berlin", "Boston", "Brussels", "Budapest",
                "Buenos Aires", "Cairo", "Cape Town", "Chicago", "Copenhagen", "Dublin", "Dubai", "Edinburgh",
                "Florence", "Hamburg", "Helsinki", "Hong Kong", "Istanbul", "Kyoto", "Lisbon", "London",
                "Los Angeles", "Lyon", "Madrid", "Marseille", "Melbourne", "Mexico City", "Milan", "Montreal",
                "Munich", "Naples", "New York", "Nice", "Osaka", "Oslo", "Paris", "Porto", "Prague", "Reykjavik",
                "Rome", "San Francisco", "Seattle", "Seoul", "Seville", "Singapore", "Stockholm", "Sydney", "Tokyo",
                "Toronto", "Valencia", "Vancouver", "Venice", "Vienna", "Warsaw", "Zurich")
_PLACE_RE = re.compile(r"\b(?:in|from|to|near|around|across|between|via)\s+((?:[A-Z][a-zà-ÿ'\-]+)(?:\s+[A-Z][a-zà-ÿ'\-]+)?)")
_NOT_PLACE = {"button", "buttons", "tab", "tabs", "link", "column", "columns", "chip", "chips", "field"}


_CITY_RES = tuple((city, re.compile(rf"\b{re.escape(city)}\b")) for city in WORLD_CITIES)


def prompt_places(prompt: str) -> list[str]:
    """The places a prompt names, in order: a known city anywhere ("hotels in Rome", "Lisbon
    rentals") or a capitalised name after in / from / to / near ("from Paris to Milan")."""
    found: list[tuple[int, str]] = []
    for city, city_re in _CITY_RES:
        m = city_re.search(prompt)
        if m:
            found.append((m.start(), city))
    for m in _PLACE_RE.finditer(prompt):
        name = m.group(1)
        after = prompt[m.end():].split()
        if (after and after[0].lower().strip(",.") in _NOT_PLACE) or any(name in f or f in name for _a, f in found):
            continue
        if name.split()[-1].lower() in _NOT_PLACE:
            continue
        found.append((m.start(1), name))
    return [n for _a, n in sorted(found)]

#: Records of nouns no domain writes, by the noun (singular): (names, lowest price, highest price
#: (0: not sold), second lines). Small curated lists: faker has no provider for these.
NOUN_RECORDS: dict[str, tuple[tuple[str, ...], int, int, tuple[str, ...]]] = {
    "pizza": (("Margherita", "Diavola", "Quattro formaggi", "Funghi", "Capricciosa", "Marinara",
               "Prosciutto e rucola", "Napoletana"), 9, 16,
              ("Tomato, mozzarella, basil", "Spicy salami, chilli", "Four cheeses", "Mushrooms, thyme, garlic",
               "Ham, artichoke, olives", "Tomato, oregano, garlic", "Ham, rocket, parmesan", "Anchovies, capers")),
    "burger": (("Classic cheeseburger", "Smoky BBQ burger", "Mushroom Swiss", "Crispy chicken burger",
                "Black bean burger", "Double smash"), 10, 16,
               ("Cheddar, pickles, house sauce", "Bacon, onion rings, BBQ glaze", "Swiss cheese, garlic mayo",
                "Slaw, sriracha mayo", "Avocado, chipotle", "Two patties, American cheese")),
    "side": (("Fries", "Sweet potato fries", "Onion rings", "Coleslaw", "Side salad", "Mac and cheese"), 3, 6, ()),
    "drink": (("Lemonade", "Sparkling water", "Iced tea", "Cola", "Orange juice", "Ginger beer"), 2, 5, ()),
    "dessert": (("Tiramisu", "Panna cotta", "Lemon tart", "Chocolate fondant", "Affogato", "Cheesecake"), 5, 9, ()),
    "salad": (("Caesar salad", "Greek salad", "Caprese", "Nicoise salad", "Quinoa bowl", "Waldorf salad"), 8, 13, ()),
    "bread": (("Sourdough loaf", "Rye", "Baguette", "Focaccia", "Seeded batch", "Brioche"), 3, 7, ()),
    "wine": (("Rioja Reserva 2016", "Chablis 2020", "Barolo 2015", "Sancerre 2021", "Malbec 2019",
              "Champagne Brut NV"), 14, 60, ("Red · Spain", "White · France", "Red · Italy", "White · France",
                                            "Red · Argentina", "Sparkling · France")),
    "plant": (("Monstera deliciosa", "Snake plant", "Fiddle leaf fig", "Golden pothos", "Peace lily", "ZZ plant",
               "Calathea", "Aloe vera"), 12, 48, ("Bright, indirect light", "Low light", "Bright light",
                                                  "Any light", "Shade", "Low light", "Indirect light", "Sun")),
    "record": ((), 22, 34, ()),
    "run": (("Easy run 3 km", "Intervals 6 × 400 m", "Long run 6 km", "Easy run 4 km", "Tempo run 5 km",
             "Long run 8 km", "Recovery jog 3 km", "Hills 8 × 1 min", "Long run 10 km"), 0, 0, ()),
    "story": (("Reset password by email", "Export report to CSV", "Dark mode in settings", "Invite teammates",
               "Search by tag", "Onboarding checklist", "Bulk edit tasks", "Two-factor sign in"), 0, 0, ()),
    "article": (("Ten tips for a calmer inbox", "Spring launch announcement", "Behind the scenes at the studio",
                 "Customer story: Northwind", "Newsletter #42", "How we plan a sprint", "Year in review",
                 "Five tools we love"), 0, 0, ("Blog", "News", "Blog", "Case study", "Email", "Blog", "News", "Blog")),
    "extra": (("Child seat", "GPS navigation", "Additional driver", "Full insurance", "Snow chains",
               "Wi-Fi hotspot"), 4, 18, ("per day", "per day", "per rental", "per day", "per rental", "per day")),
}
_NOUN_ALIASES = {"bottle": "wine", "vinyl": "record", "lp": "record", "loaf": "bread", "loave": "bread",
                 "post": "article", "content": "article", "editorial": "article", "blog": "article",
                 "user story": "story", "stories": "story", "add-on": "extra", "addon": "extra", "charge": "line",
                 "fee": "line", "sweet": "dessert", "houseplant": "plant", "run": "run", "fruit": "smoothie"}
#: Nouns of people: names from faker, a job from faker.
PEOPLE_NOUNS = frozenset({"employee", "contractor", "staff", "member", "volunteer", "student", "player", "driver",
                          "guest", "tenant", "client", "teacher", "freelancer", "worker", "attendee", "teammate",
                          "colleague", "coach", "tutor", "nurse", "doctor", "instructor", "mentor"})
_KIND_WORDS = {"list", "table", "grid", "cards", "card", "section", "row", "rows", "panel", "tiles", "tile", "items",
               "item", "results", "catalogue", "catalog", "inventory", "details", "menu"}


def _sing(w: str) -> str:
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "sses")):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def noun_of(words: str) -> str | None:
    """The record noun of NOUN_RECORDS or PEOPLE_NOUNS (or ``"line"`` for a bill's charges) that
    a section's words end on ("vinyl records" → record, "a contractors table" → contractor,
    "bottles list" → wine), or None."""
    ws = [w for w in re.findall(r"[a-z][a-z\-]*", (words or "").lower())]
    while ws and ws[-1] in _KIND_WORDS:
        ws = ws[:-1]
    for w in reversed(ws[-3:]):
        if w in _KIND_WORDS:
            continue
        one = _sing(w)
        one = _NOUN_ALIASES.get(w, _NOUN_ALIASES.get(one, one))
        if one == "smoothie" or (one == "record" and not re.search(r"\b(vinyl|lp|album|music|record store)", " ".join(ws))):
            return None
        if one in NOUN_RECORDS or one in PEOPLE_NOUNS or one == "line":
            return one
        if w.endswith("s") or w in _NOUN_ALIASES:
            return None  # the nearest plural names the records: another noun's copy does not fit them
    return None


#: Bank accounts and payment methods (name, second line).
ACCOUNTS = (("Everyday checking ••4821", "Available $2,418.30"), ("Savings ••0937", "Available $12,060.00"),
            ("Joint account ••2210", "Available $864.12"), ("Travel card ••7764", "Available €310.00"))
PAYMENT_METHODS = (("Visa •••• 4242", "Expires 08/28"), ("Mastercard •••• 8812", "Expires 02/27"),
                   ("Apple Pay", "iPhone"), ("PayPal", "maya@northwind.io"), ("Bank transfer", "2–3 business days"),
                   ("Amex •••• 1005", "Expires 11/29"))

ENERGY_CHARGES = (("Standing charge (31 days)", 31, 0.53), ("Electricity used (412 kWh)", 412, 0.28),
                  ("Gas used (960 kWh)", 960, 0.07), ("Climate change levy", 1, 4.18))
WATER_CHARGES = (("Water supply (14 m³)", 14, 2.1), ("Wastewater (14 m³)", 14, 2.6), ("Standing charge (quarter)", 1, 38.5),
                 ("Surface water drainage", 1, 12.4))
#: Questions by subject: (pattern, (question, right answer, other answers…)); the last is the default.
QUESTIONS = ((r"\b(spanish|language|vocab|word|translat|duolingo|lesson)", ("How do you say “good morning” in Spanish?",
                                                                         "Buenos días", "Buenas noches", "Hasta luego",
                                                                         "Por favor")),
             (r"\b(french)", ("How do you say “thank you” in French?", "Merci", "Bonjour", "S'il vous plaît", "Au revoir")),
             (r"\b(math|maths|arithmetic|algebra|times table)", ("What is 7 × 8?", "56", "54", "63", "48")),
             (r"\b(history)", ("In which year did the Berlin Wall fall?", "1989", "1991", "1985", "1961")),
             (r"", ("Which planet is closest to the Sun?", "Mercury", "Venus", "Mars", "Earth")))
VIDEOS = ("How to bake sourdough at home", "Ten minutes of morning yoga", "Build a desk lamp from scrap wood",
          "Tokyo by night: a walking tour", "Learn the basics of watercolour", "The history of the bicycle")
CHANNELS = ("Kitchen Notes", "Slow Mornings", "Workshop Weekly", "Wander Club", "Paint Along", "Two Wheels")
VIDEO_CHAPTERS = ("Intro", "What you need", "Getting started", "The main steps", "Common mistakes",
                  "Finishing touches", "Wrap-up")
VIEWER_COMMENTS = ("The part at 4:12 finally made it click for me. Thank you!",
                   "Tried this last weekend and it worked first time.",
                   "Could you do a follow-up on the tools you used?", "Best explanation I have found so far.",
                   "Saved for later — the chapter markers are really handy.")


def _watch_item(c: OpenCopy, i: int) -> Item:
    meta = f"{CHANNELS[(c.k + i) % len(CHANNELS)]} · {c.rng.randint(2, 980)}K views · {c.rng.randint(1, 11)} months ago"
    return VIDEOS[(c.k + i) % len(VIDEOS)], meta, f"{c.rng.randint(4, 38)}:{c.rng.randint(0, 59):02d}"


def _watch_row(c: OpenCopy, i: int) -> list[str]:
    title, meta, length = _watch_item(c, i)
    channel, views, _when = meta.split(" · ")
    return [title, channel, views, length]


def _route(c: "OpenCopy") -> tuple[tuple[str, str], tuple[str, str]]:
    a, b = c.rng.sample(CITIES, 2)
    places = c.places
    code = dict(CITIES)
    if places:  # the places the prompt names: from the first, to the second
        a = (places[0], code.get(places[0], places[0][:3].upper()))
        if len(places) > 1:
            b = (places[1], code.get(places[1], places[1][:3].upper()))
        elif b[0] == a[0]:
            b = next(x for x in CITIES if x[0] != a[0])
    return a, b


def _flight_item(c: "OpenCopy", i: int) -> Item:
    (ca, a), (cb, b) = c.route
    air, code = AIRLINES[(i + c.rng.randint(0, 3)) % len(AIRLINES)]
    dep = 6 + (i * 2 + c.rng.randint(0, 1)) % 15
    dur = c.rng.randint(2, 11)
    return (f"{dep:02d}:{c.rng.choice(('05', '20', '45'))} {a} → {b}", f"{air} {code} {c.rng.randint(100, 989)} · "
            f"{dur} h {c.rng.randint(0, 55):02d} min · {c.rng.choice(('Nonstop', '1 stop'))}",
            _money(c.rng.randint(89, 640), "€"))


_PAYEES = (("Fresh Market", "Groceries", 84), ("City Power", "Utilities", 120), ("Coffee Corner", "Eating out", 9),
           ("Rail Pass", "Transport", 59), ("Salary", "Income", 4200), ("Rent", "Housing", 1450),
           ("Gym membership", "Health", 39), ("Refund · Rail Pass", "Income", 59))


def _bank_item(c: "OpenCopy", i: int) -> Item:
    name, cat, base = _PAYEES[(c.k + i * 5) % len(_PAYEES)]
    amount = base * c.rng.uniform(0.6, 1.3) if base < 1000 else base
    sign = "+" if cat == "Income" else "−"
    return name, f"{c.date()} · {cat}", sign + _money(round(amount, 2))


def _journey_item(c: "OpenCopy", i: int) -> Item:
    dep_h = 6 + (i * 2 + c.k) % 15
    dep_m = c.rng.choice((4, 12, 27, 38, 51))
    dur = c.rng.randint(45, 260)
    arr = dep_h * 60 + dep_m + dur
    changes = c.rng.choice(("Direct", "Direct", "1 change"))
    low = c.prompt.lower()
    ops = next((o for w, o in OPERATORS_BY_MODE if re.search(rf"\b{w}", low)), OPERATORS)
    return (f"{dep_h:02d}:{dep_m:02d} → {arr // 60 % 24:02d}:{arr % 60:02d} {ops[(c.k + i) % len(ops)]}",
            f"{dur // 60} h {dur % 60:02d} min · {changes}", _money(c.rng.randint(9, 89) + 0.5, "€"))


def _product_item(c: "OpenCopy", i: int) -> Item:
    names = (("Linen shirt", "Clothing"), ("Leather tote", "Bags"), ("Ceramic mug set", "Home"),
             ("Merino beanie", "Accessories"), ("Canvas sneakers", "Shoes"), ("Wool throw", "Home"),
             ("Silk scarf", "Accessories"), ("Denim jacket", "Clothing"))
    n, cat = names[(c.k + i) % len(names)]
    return n, f"{cat} · {c.rng.randint(41, 49) / 10} ★", _money(c.rng.randint(18, 140), "€")


def _event_item(c: "OpenCopy", i: int) -> Item:
    name, venue = EVENTS[(c.k + i) % len(EVENTS)]
    return name, f"{venue} · {c.rng.choice(('Fri', 'Sat', 'Sun'))} {c.date()}", f"from €{c.rng.randint(12, 85)}"


def _invoice_item(c: "OpenCopy", i: int) -> Item:
    return c.company(), f"INV-{2040 + (c.k + i) % 60:04d} · {c.date()}", _money(c.rng.randint(300, 9000))


def _deal_item(c: "OpenCopy", i: int) -> Item:
    return c.company(), f"{c.person()} · closes {c.date()}", f"${c.rng.randint(4, 90)}k"


def _price_k(c: "OpenCopy") -> str:
    return f"€{c.rng.randint(280, 1400) * 1000:,}"


def _flight_row(c: "OpenCopy", i: int) -> list[str]:
    t, meta, price = _flight_item(c, i)
    return [meta.split(" · ")[0], t.split(" ")[0], meta.split(" · ")[1], meta.split(" · ")[2], price]


DOMAIN_SPECS: dict[str, DomainSpec] = {s.name: s for s in (
    DomainSpec("music", ("music", "song", "track", "playlist", "album", "artist", "player", "podcast", "spotify"),
               (("Home", "home"), ("Search", "search"), ("Library", "folder"), ("Playlists", "star"),
                ("Liked songs", "heart")),
               "Now playing", "Play", "Search songs, artists, albums", "tracks",
               lambda c, i: (TRACKS[(c.k + i) % len(TRACKS)], ARTISTS[(c.k + i * 3) % len(ARTISTS)], _mmss(c)),
               ("#", "Title", "Artist", "Album", "Time"),
               lambda c, i: [str(i + 1), TRACKS[(c.k + i) % len(TRACKS)], ARTISTS[(c.k + i * 3) % len(ARTISTS)],
                             ALBUMS[(c.k + i) % len(ALBUMS)], _mmss(c)],
               (("Minutes listened", lambda c: f"{c.rng.randint(900, 4800):,}"),
                ("Top genre", lambda c: c.rng.choice(("Indie pop", "Jazz", "Electronic", "Folk"))),
                ("Artists", lambda c: str(c.rng.randint(40, 210))), ("Playlists", lambda c: str(c.rng.randint(6, 40)))),
               ("Listening this week", "week"), ("Playing", "Queued", "Played"),
               ("A warm, late-night record built on tape loops and brushed drums.",
                "Recorded over one winter in a cabin by the lake."),
               ("Indie", "Jazz", "Focus", "Workout", "Chill")),
    DomainSpec("travel", ("flight", "travel", "trip", "airport", "airline", "booking flights", "itinerary",
                          "boarding", "destination"),
               (("Explore", "home"), ("Trips", "calendar"), ("Saved", "heart"), ("Messages", "message"),
                ("Account", "user")),
               "Flights", "Search flights", "Where to?", "flights", _flight_item,
               ("Flight", "Departs", "Duration", "Stops", "Price"), _flight_row,
               (("Trips this year", lambda c: str(c.rng.randint(3, 14))),
                ("Miles", lambda c: f"{c.rng.randint(12, 96)},{c.rng.randint(100, 999)}"),
                ("Countries", lambda c: str(c.rng.randint(4, 31))),
                ("Next trip", lambda c: f"in {c.rng.randint(3, 40)} days")),
               ("Fares over the next weeks", "days"), ("On time", "Delayed", "Boarding"),
               ("Direct flights, free cancellation up to 24 hours before departure.",),
               ("Nonstop", "1 stop", "Morning", "Under €300", "Carry-on included")),
    DomainSpec("food", ("recipe", "food", "cook", "restaurant", "menu", "meal", "dish", "kitchen", "ingredient",
                        "delivery app"),
               (("Discover", "home"), ("Recipes", "file"), ("Meal plan", "calendar"), ("Shopping list", "check"),
                ("Saved", "heart")),
               "Recipes", "Start cooking", "Search recipes, ingredients", "recipes",
               lambda c, i: (DISHES[(c.k + i) % len(DISHES)], f"{c.rng.randint(15, 75)} min · "
                             f"{c.rng.choice(('Easy', 'Medium'))} · Serves {c.rng.randint(2, 6)}",
                             f"{c.rng.randint(320, 780)} kcal"),
               ("Dish", "Time", "Difficulty", "Calories"),
               lambda c, i: [DISHES[(c.k + i) % len(DISHES)], f"{c.rng.randint(15, 75)} min",
                             c.rng.choice(("Easy", "Medium", "Hard")), f"{c.rng.randint(320, 780)} kcal"],
               (("Prep time", lambda c: f"{c.rng.randint(10, 30)} min"), ("Cook time", lambda c: f"{c.rng.randint(15, 60)} min"),
                ("Servings", lambda c: str(c.rng.randint(2, 6))), ("Calories", lambda c: f"{c.rng.randint(320, 780)} kcal")),
               ("Meals cooked", "week"), ("Ready", "Cooking", "Planned"),
               ("Soften the onion in olive oil for five minutes, then add the garlic and stir for a minute.",
                "Season to taste, scatter the herbs over and serve while hot."),
               ("Vegetarian", "Under 30 min", "Gluten-free", "One pot", "Spicy")),
    DomainSpec("logistics", ("fleet", "logistics", "delivery", "vehicle", "shipment", "truck", "route", "dispatch",
                             "warehouse", "courier", "tracking"),
               (("Live map", "home"), ("Vehicles", "package"), ("Drivers", "users"), ("Routes", "arrow-up-right"),
                ("Reports", "chart")),
               "Fleet", "Dispatch vehicle", "Search vehicles, drivers", "vehicles",
               lambda c, i: (f"{VEHICLES[(c.k + i) % len(VEHICLES)]} · {c.person()}",
                             f"{c.city()} depot → stop {c.rng.randint(2, 14)} of {c.rng.randint(15, 22)}",
                             f"ETA {_time(c)}"),
               ("Vehicle", "Driver", "Route", "ETA", "Status"),
               lambda c, i: [VEHICLES[(c.k + i) % len(VEHICLES)], c.person(), f"R-{c.rng.randint(10, 99)}",
                             _time(c), c.rng.choice(("On route", "Delayed", "Loading", "On route"))],
               (("Vehicles on route", lambda c: f"{c.rng.randint(18, 40)}/{c.rng.randint(41, 50)}"),
                ("Deliveries today", lambda c: str(c.rng.randint(240, 620))),
                ("On time", lambda c: f"{c.rng.randint(88, 98)}%"), ("Avg. stop time", lambda c: f"{c.rng.randint(3, 9)} min")),
               ("Deliveries per day", "week"), ("On route", "Delayed", "Loading"), (), ("All", "On route", "Delayed",
                                                                                      "Idle"), 4),
    DomainSpec("watch", ("youtube", "watch", "tutorial", "vlog", "channel", "livestream", "stream", "views",
                         "subscribe"),
               (("Home", "home"), ("Subscriptions", "star"), ("Library", "folder"), ("History", "calendar"),
                ("Liked videos", "heart")),
               "Videos", "Subscribe", "Search videos", "videos", _watch_item,
               ("Video", "Channel", "Views", "Length"),
               lambda c, i: _watch_row(c, i),
               (("Views", lambda c: f"{c.rng.randint(12, 980)}K"), ("Likes", lambda c: f"{c.rng.randint(1, 40)}K"),
                ("Subscribers", lambda c: f"{c.rng.randint(20, 900)}K"), ("Watching now", lambda c: f"{c.rng.randint(80, 4200):,}")),
               ("Views this week", "week"), ("Public", "Unlisted", "Draft"),
               ("A step-by-step walkthrough with everything you need, from the tools to the finishing touches.",
                "Chapters are in the description; questions welcome in the comments."),
               ("All", "Related", "From this channel", "Recently uploaded")),
    DomainSpec("video", ("video call", "meeting", "call", "conference", "webinar", "participants", "zoom", "stream"),
               (("Meetings", "calendar"), ("Chat", "message"), ("Contacts", "users"), ("Recordings", "file"),
                ("Settings", "settings")),
               "Weekly sync", "Share screen", "Search meetings, people", "participants",
               lambda c, i: (c.person(), c.rng.choice(("Host", "Speaking", "Muted", "Camera off", "Guest")), ""),
               ("Participant", "Role", "Joined"),
               lambda c, i: [c.person(), c.rng.choice(("Host", "Guest", "Presenter")), _time(c)],
               (("Participants", lambda c: str(c.rng.randint(4, 12))), ("Duration", lambda c: f"{c.rng.randint(10, 55)} min"),
                ("Recording", lambda c: "On"), ("Network", lambda c: "Good")),
               ("Meeting minutes this week", "week"), ("Live", "Scheduled", "Ended"),
               ("Agenda: launch checklist, open questions, next steps.",)),
    DomainSpec("banking", ("bank", "banking", "transaction", "wallet", "account balance", "payment", "transfer",
                           "budget", "finance", "card"),
               (("Overview", "home"), ("Accounts", "folder"), ("Payments", "credit-card"), ("Cards", "credit-card"),
                ("Insights", "chart")),
               "Accounts", "Send money", "Search transactions", "transactions",
               lambda c, i: _bank_item(c, i),
               ("Date", "Description", "Category", "Amount", "Status"),
               lambda c, i: [*(lambda t: [t[1].split(" · ")[0], t[0], t[1].split(" · ")[1], t[2]])(_bank_item(c, i)),
                             c.rng.choice(("Completed", "Pending", "Completed"))],
               (("Balance", lambda c: _money(c.rng.randint(2400, 18000) + c.rng.randint(0, 99) / 100)),
                ("Spent this month", lambda c: _money(c.rng.randint(900, 3200))),
                ("Savings", lambda c: _money(c.rng.randint(5000, 40000))), ("Budget left", lambda c: f"{c.rng.randint(12, 64)}%")),
               ("Spending this month", "month"), ("Completed", "Pending", "Failed"), (),
               ("All", "Income", "Groceries", "Bills", "Transfers"), 4),
    DomainSpec("jobs", ("job", "jobs", "career", "hiring", "recruit", "candidate", "applicant", "vacancy"),
               (("Jobs", "home"), ("Applications", "file"), ("Saved", "heart"), ("Messages", "message"),
                ("Profile", "user")),
               "Jobs", "Apply now", "Job title, skill or company", "jobs",
               lambda c, i: (JOBS[(c.k + i) % len(JOBS)], f"{c.company()} · {c.city()} · "
                             f"{c.rng.choice(('Remote', 'Hybrid', 'On-site'))}", f"{c.rng.randint(1, 14)} d ago"),
               ("Role", "Company", "Location", "Salary", "Posted"),
               lambda c, i: [JOBS[(c.k + i) % len(JOBS)], c.company(), c.city(),
                             f"${c.rng.randint(70, 160)}k–{c.rng.randint(161, 220)}k", f"{c.rng.randint(1, 14)} d ago"],
               (("Open roles", lambda c: str(c.rng.randint(120, 900))), ("Applications", lambda c: str(c.rng.randint(2, 12))),
                ("Interviews", lambda c: str(c.rng.randint(0, 4))), ("Profile views", lambda c: str(c.rng.randint(20, 140)))),
               ("Applications per week", "week"), ("Applied", "Interview", "Offer"),
               ("You will shape the design system used by four product teams.",),
               ("Remote", "Full-time", "Design", "Engineering", "Senior")),
    DomainSpec("hotel", ("hotel", "room", "stay", "booking", "check-in", "guest", "resort", "accommodation"),
               (("Explore", "home"), ("Stays", "calendar"), ("Saved", "heart"), ("Messages", "message"),
                ("Profile", "user")),
               "Stays", "Reserve", "Where are you staying?", "stays",
               lambda c, i: (HOTELS[(c.k + i) % len(HOTELS)], f"{c.city()} · "
                             f"{c.rng.randint(38, 49) / 10:.1f} ★ · {c.rng.randint(80, 2400):,} reviews",
                             f"€{c.rng.randint(79, 420)} / night"),
               ("Hotel", "City", "Rating", "Price"),
               lambda c, i: [HOTELS[(c.k + i) % len(HOTELS)], c.city(), f"{c.rng.randint(38, 49) / 10:.1f}",
                             f"€{c.rng.randint(79, 420)}"],
               (("Nights", lambda c: str(c.rng.randint(2, 9))), ("Guests", lambda c: str(c.rng.randint(1, 4))),
                ("Check-in", lambda c: "Fri 14 Mar"), ("Total", lambda c: f"€{c.rng.randint(400, 2400):,}")),
               ("Price per night", "days"), ("Confirmed", "Pending", "Cancelled"),
               ("Quiet rooms over a courtyard, five minutes from the old town.",),
               ("Free cancellation", "Breakfast", "Pool", "Pet friendly", "Sea view")),
    DomainSpec("code", ("code", "commit", "pull request", "repository", "repo", "diff", "developer", "branch",
                        "merge", "review", "ci ", "pipeline", "deploy"),
               (("Repositories", "folder"), ("Pull requests", "arrow-up-right"), ("Issues", "check"),
                ("Actions", "settings"), ("Insights", "chart")),
               "Pull request #482", "Approve", "Search code, files", "commits",
               lambda c, i: (COMMITS[(c.k + i) % len(COMMITS)], f"{c.person()} · {c.sha()}", _ago(c)),
               ("Commit", "Author", "Branch", "Checks", "When"),
               lambda c, i: [COMMITS[(c.k + i) % len(COMMITS)], c.person(), c.rng.choice(("main", "feat/cache", "fix/auth")),
                             c.rng.choice(("Passed", "Failed", "Running")), _ago(c)],
               (("Open PRs", lambda c: str(c.rng.randint(4, 30))), ("Build time", lambda c: f"{c.rng.randint(3, 12)} min"),
                ("Coverage", lambda c: f"{c.rng.randint(72, 94)}%"), ("Deploys", lambda c: str(c.rng.randint(8, 40)))),
               ("Commits per day", "week"), ("Passed", "Running", "Failed"), (), ("Open", "Merged", "Draft"), 3),
    DomainSpec("weather", ("weather", "forecast", "temperature", "rain", "climate"),
               (("Today", "home"), ("Forecast", "calendar"), ("Maps", "dot"), ("Places", "star"), ("Settings", "settings")),
               "Weather", "Add place", "Search city", "places",
               lambda c, i: (WEEK[(c.k + i) % 7], WEATHER[(c.k + i) % len(WEATHER)],
                             f"{c.rng.randint(14, 26)}° / {c.rng.randint(4, 13)}°"),
               ("Day", "Conditions", "High", "Low", "Rain"),
               lambda c, i: [WEEK[(c.k + i) % 7], WEATHER[(c.k + i) % len(WEATHER)], f"{c.rng.randint(14, 26)}°",
                             f"{c.rng.randint(4, 13)}°", f"{c.rng.randint(0, 80)}%"],
               (("Feels like", lambda c: f"{c.rng.randint(12, 24)}°"), ("Humidity", lambda c: f"{c.rng.randint(40, 88)}%"),
                ("Wind", lambda c: f"{c.rng.randint(6, 32)} km/h"), ("UV index", lambda c: str(c.rng.randint(1, 8)))),
               ("Temperature today", "hours"), ("Clear", "Rain", "Storm"),
               ("Clouds clear by noon; a light breeze from the west in the afternoon.",)),
    DomainSpec("education", ("course", "lesson", "student", "learn", "class", "school", "quiz", "teacher",
                             "education", "module", "curriculum"),
               (("Home", "home"), ("My courses", "file"), ("Calendar", "calendar"), ("Grades", "chart"),
                ("Messages", "message")),
               "Lesson 4", "Continue lesson", "Search courses", "lessons",
               lambda c, i: (f"{i + 1}. {LESSONS[(c.k + i) % len(LESSONS)]}", f"{c.rng.randint(6, 24)} min · "
                             f"{c.rng.choice(('Video', 'Reading', 'Quiz'))}", "✓" if i < 2 else ""),
               ("Lesson", "Type", "Length", "Status"),
               lambda c, i: [LESSONS[(c.k + i) % len(LESSONS)], c.rng.choice(("Video", "Reading", "Quiz")),
                             f"{c.rng.randint(6, 24)} min", c.rng.choice(("Done", "In progress", "Not started"))],
               (("Progress", lambda c: f"{c.rng.randint(20, 80)}%"), ("Streak", lambda c: f"{c.rng.randint(2, 30)} days"),
                ("Quizzes passed", lambda c: str(c.rng.randint(2, 12))), ("Hours", lambda c: str(c.rng.randint(4, 40)))),
               ("Study time", "week"), ("Done", "In progress", "Not started"),
               ("An average hides the spread: two classes with the same mean can look nothing alike.",
                "In this lesson you will compare the mean, the median and the mode on real data."), (), 3),
    DomainSpec("support", ("support", "ticket", "helpdesk", "help desk", "agent", "customer service", "sla"),
               (("Inbox", "mail"), ("Tickets", "check"), ("Customers", "users"), ("Knowledge base", "file"),
                ("Reports", "chart")),
               "Tickets", "New ticket", "Search tickets", "tickets",
               lambda c, i: (TICKETS[(c.k + i) % len(TICKETS)], f"#{c.rng.randint(1200, 9800)} · {c.person()}",
                             c.rng.choice(("High", "Normal", "Low"))),
               ("Ticket", "Requester", "Assignee", "Priority", "Status"),
               lambda c, i: [TICKETS[(c.k + i) % len(TICKETS)], c.person(), c.person(),
                             c.rng.choice(("High", "Normal", "Low")), c.rng.choice(("Open", "Pending", "Solved"))],
               (("Open tickets", lambda c: str(c.rng.randint(20, 140))), ("First reply", lambda c: f"{c.rng.randint(8, 55)} min"),
                ("Satisfaction", lambda c: f"{c.rng.randint(88, 98)}%"), ("Solved today", lambda c: str(c.rng.randint(12, 80)))),
               ("Tickets per day", "week"), ("Open", "Pending", "Solved"), (), ("Open", "Mine", "Urgent", "Unassigned"), 4),
    DomainSpec("fitness", ("fitness", "workout", "run", "gym", "exercise", "steps", "training plan", "activity tracker",
                           "calories"),
               (("Today", "home"), ("Workouts", "heart"), ("Plans", "calendar"), ("Progress", "chart"),
                ("Profile", "user")),
               "Today", "Start workout", "Search workouts", "workouts",
               lambda c, i: (WORKOUTS[(c.k + i) % len(WORKOUTS)], f"{c.rng.randint(20, 75)} min · "
                             f"{c.rng.randint(180, 720)} kcal", c.rng.choice(WEEK)),
               ("Workout", "Duration", "Calories", "Avg. heart rate", "Day"),
               lambda c, i: [WORKOUTS[(c.k + i) % len(WORKOUTS)], f"{c.rng.randint(20, 75)} min",
                             f"{c.rng.randint(180, 720)} kcal", f"{c.rng.randint(118, 162)} bpm", c.rng.choice(WEEK)],
               (("Steps", lambda c: f"{c.rng.randint(5, 14)},{c.rng.randint(100, 999)}"),
                ("Active minutes", lambda c: str(c.rng.randint(25, 95))),
                ("Calories", lambda c: f"{c.rng.randint(1400, 2900):,} kcal"), ("Resting HR", lambda c: f"{c.rng.randint(52, 68)} bpm")),
               ("Active minutes this week", "week"), ("Done", "Planned", "Skipped"), (),
               ("Run", "Strength", "Yoga", "Cycling")),
    DomainSpec("social", ("social", "feed", "post", "follower", "friends", "stories", "community", "chat app",
                          "messaging", "messages"),
               (("Home", "home"), ("Explore", "search"), ("Messages", "message"), ("Notifications", "bell"),
                ("Profile", "user")),
               "Home", "New post", "Search people and posts", "posts",
               lambda c, i: (c.person(), POSTS[(c.k + i) % len(POSTS)], _ago(c)),
               ("Person", "Post", "Likes", "When"),
               lambda c, i: [c.person(), POSTS[(c.k + i) % len(POSTS)], str(c.rng.randint(4, 900)), _ago(c)],
               (("Followers", lambda c: f"{c.rng.randint(1, 9)}.{c.rng.randint(1, 9)}k"),
                ("Following", lambda c: str(c.rng.randint(80, 600))), ("Posts", lambda c: str(c.rng.randint(20, 300))),
                ("Likes", lambda c: f"{c.rng.randint(2, 40)}k")),
               ("Engagement this week", "week"), ("Online", "Away", "Offline"),
               ("Are we still on for Saturday?", "Yes! I'll bring the cake.", "Perfect, see you at noon.")),
    DomainSpec("health", ("patient", "clinic", "doctor", "medical", "health", "appointment", "hospital", "dentist",
                          "dental", "physio", "optician",
                          "medication", "symptom"),
               (("Today", "home"), ("Appointments", "calendar"), ("Patients", "users"), ("Records", "file"),
                ("Messages", "message")),
               "Appointments", "Book appointment", "Search patients", "appointments",
               lambda c, i: (c.person(), f"{_time(c)} · {c.rng.choice(('Check-up', 'Follow-up', 'Vaccination', 'Lab results'))}",
                             c.rng.choice(("Room 2", "Room 4", "Video"))),
               ("Patient", "Time", "Reason", "Clinician", "Status"),
               lambda c, i: [c.person(), _time(c), c.rng.choice(("Check-up", "Follow-up", "Vaccination")), f"Dr. {c.last()}",
                             c.rng.choice(("Checked in", "Waiting", "Scheduled"))],
               (("Patients today", lambda c: str(c.rng.randint(18, 60))), ("Avg. wait", lambda c: f"{c.rng.randint(6, 24)} min"),
                ("Open slots", lambda c: str(c.rng.randint(2, 12))), ("Heart rate", lambda c: f"{c.rng.randint(58, 82)} bpm")),
               ("Visits per day", "week"), ("Checked in", "Waiting", "Scheduled"), (), (), 4),
    DomainSpec("realestate", ("real estate", "property", "apartment", "house", "listing", "rent", "estate",
                              "mortgage"),
               (("Buy", "home"), ("Rent", "folder"), ("Saved", "heart"), ("Viewings", "calendar"), ("Messages", "message")),
               "Homes for sale", "Book a viewing", "City, area or postcode", "homes",
               lambda c, i: (PROPERTIES[(c.k + i) % len(PROPERTIES)], f"{c.street()} · {c.rng.randint(2, 5)} rooms · "
                             f"{c.rng.randint(48, 210)} m²", _price_k(c)),
               ("Home", "Address", "Rooms", "Area", "Price"),
               lambda c, i: [PROPERTIES[(c.k + i) % len(PROPERTIES)], c.street(), str(c.rng.randint(2, 5)),
                             f"{c.rng.randint(48, 210)} m²", _price_k(c)],
               (("Price", lambda c: _price_k(c)), ("Rooms", lambda c: str(c.rng.randint(2, 6))),
                ("Area", lambda c: f"{c.rng.randint(48, 210)} m²"), ("Built", lambda c: str(c.rng.randint(1905, 2022)))),
               ("Median price by month", "month"), ("For sale", "Under offer", "Sold"),
               ("South-facing living room with tall windows, a renovated kitchen and a quiet courtyard.",),
               ("2+ rooms", "Balcony", "Garden", "Parking", "New build")),
    DomainSpec("project", ("project", "task", "kanban", "sprint", "board", "backlog", "roadmap", "issue", "todo",
                           "to-do"),
               (("Home", "home"), ("My tasks", "check"), ("Projects", "folder"), ("Team", "users"), ("Reports", "chart")),
               "Board", "New task", "Search tasks", "tasks",
               lambda c, i: (TASKS[(c.k + i) % len(TASKS)], f"{c.person()} · due {c.date()}",
                             c.rng.choice(("High", "Medium", "Low"))),
               ("Task", "Assignee", "Due", "Priority", "Status"),
               lambda c, i: [TASKS[(c.k + i) % len(TASKS)], c.person(), c.date(), c.rng.choice(("High", "Medium", "Low")),
                             c.rng.choice(("To do", "In progress", "Done"))],
               (("Open tasks", lambda c: str(c.rng.randint(20, 120))), ("Done this week", lambda c: str(c.rng.randint(8, 60))),
                ("Overdue", lambda c: str(c.rng.randint(0, 9))), ("Cycle time", lambda c: f"{c.rng.randint(2, 6)}.{c.rng.randint(0, 9)} d")),
               ("Tasks done per day", "week"), ("To do", "In progress", "Done"), (), ("All", "Mine", "Due soon"), 4),
    DomainSpec("files", ("file", "files", "folder", "document", "drive", "storage", "upload"),
               (("My files", "folder"), ("Shared", "users"), ("Recent", "calendar"), ("Starred", "star"), ("Trash", "x")),
               "My files", "Upload", "Search files", "files",
               lambda c, i: (FILES[(c.k + i) % len(FILES)], f"{c.person()} · {c.date()}", f"{c.rng.randint(12, 900)} KB"),
               ("Name", "Owner", "Modified", "Size"),
               lambda c, i: [FILES[(c.k + i) % len(FILES)], c.person(), c.date(), f"{c.rng.randint(12, 900)} KB"],
               (("Used", lambda c: f"{c.rng.randint(12, 80)} GB"), ("Files", lambda c: f"{c.rng.randint(1, 9)},{c.rng.randint(100, 999)}"),
                ("Shared", lambda c: str(c.rng.randint(20, 200))), ("Free", lambda c: f"{c.rng.randint(20, 88)} GB")),
               ("Storage used", "month"), ("Synced", "Uploading", "Offline")),
    DomainSpec("sales", ("sales", "order", "customer", "revenue", "retail", "fulfilment", "fulfillment"),
               (("Dashboard", "dashboard"), ("Orders", "package"), ("Customers", "users"), ("Products", "cart"),
                ("Reports", "chart")),
               "Orders", "Create order", "Search orders, customers", "orders",
               lambda c, i: (c.company(), f"Order #{c.rng.randint(20100, 29999)} · {c.date()}",
                             _money(c.rng.randint(30, 2400))),
               ("Customer", "Order", "Date", "Total", "Status"),
               lambda c, i: [c.company(), f"#{c.rng.randint(20100, 29999)}", c.date(), _money(c.rng.randint(30, 2400)),
                             c.rng.choice(("Paid", "Pending", "Overdue"))],
               (("Revenue", lambda c: f"${c.rng.randint(84, 139)},{c.rng.randint(100, 999)}"),
                ("Orders", lambda c: f"{c.rng.randint(1, 4)},{c.rng.randint(100, 999)}"),
                ("Avg. order value", lambda c: f"${c.rng.randint(48, 96)}.{c.rng.randint(10, 99)}"),
                ("Conversion", lambda c: f"{c.rng.randint(2, 5)}.{c.rng.randint(0, 9)}%")),
               ("Revenue by month", "month"), ("Paid", "Pending", "Overdue"), (), (), 4),
    DomainSpec("transport", ("train", "bus", "ferry", "metro", "subway", "tram", "timetable", "departure", "transit",
                             "commute", "ride", "taxi", "railway", "platform", "scooter", "bike"),
               (("Journeys", "home"), ("Tickets", "file"), ("Saved", "heart"), ("Alerts", "bell"), ("Account", "user")),
               "Departures", "Buy ticket", "From, to or station", "journeys", lambda c, i: _journey_item(c, i),
               ("Departs", "Arrives", "Duration", "Changes", "Price"),
               lambda c, i: (lambda t: [t[0].split(" → ")[0], t[0].split(" → ")[1].split(" ")[0],
                                        t[1].split(" · ")[0], t[1].split(" · ")[1], t[2]])(_journey_item(c, i)),
               (("Next departure", lambda c: f"in {c.rng.randint(2, 14)} min"),
                ("Journeys this month", lambda c: str(c.rng.randint(8, 44))),
                ("On time", lambda c: f"{c.rng.randint(86, 97)}%"), ("Saved", lambda c: _money(c.rng.randint(12, 90), "€"))),
               ("Journeys per week", "week"), ("On time", "Delayed", "Cancelled"),
               ("Tickets are valid on all regional services for the day of travel.",),
               ("Fastest", "Cheapest", "Direct", "Morning", "Evening"), 4),
    DomainSpec("shop", ("shop", "store", "product", "cart", "checkout", "catalog", "catalogue", "wishlist", "fashion",
                        "sneaker", "ecommerce", "e-commerce", "boutique", "bag", "wine shop"),
               (("Shop", "home"), ("Categories", "folder"), ("Wishlist", "heart"), ("Bag", "cart"), ("Account", "user")),
               "Shop", "Add to cart", "Search products", "products", lambda c, i: _product_item(c, i),
               ("Product", "Category", "Price", "Stock"),
               lambda c, i: (lambda t: [t[0], t[1].split(" · ")[0], t[2], c.rng.choice(("In stock", "Low stock"))])(
                   _product_item(c, i)),
               (("Price", lambda c: _money(c.rng.randint(18, 140), "€")), ("Rating", lambda c: f"{c.rng.randint(41, 49) / 10} ★"),
                ("Delivery", lambda c: f"{c.rng.randint(1, 4)}–{c.rng.randint(5, 7)} days"),
                ("Returns", lambda c: "30 days")),
               ("Price history", "month"), ("In stock", "Low stock", "Sold out"),
               ("Made in small batches from carefully sourced materials; free returns within 30 days.",
                "Ships in recyclable packaging."),
               ("New in", "Best sellers", "Under €50", "Sale")),
    DomainSpec("events", ("event", "concert", "festival", "cinema", "theater", "theatre", "gig", "ticketing", "venue",
                          "opera", "ballet", "musical", "comedy", "show tickets", "seat map",
                          "seat selection", "show"),
               (("Discover", "home"), ("Tickets", "file"), ("Saved", "heart"), ("Venues", "dot"), ("Profile", "user")),
               "Events", "Get tickets", "Search events, artists, venues", "events", lambda c, i: _event_item(c, i),
               ("Event", "Venue", "Date", "From"),
               lambda c, i: (lambda t: [t[0], t[1].split(" · ")[0], t[1].split(" · ")[1], t[2]])(_event_item(c, i)),
               (("Tickets", lambda c: str(c.rng.randint(1, 4))), ("Total", lambda c: _money(c.rng.randint(24, 180), "€")),
                ("Doors", lambda c: f"{c.rng.randint(18, 20)}:{c.rng.choice(('00', '30'))}"),
                ("Seats left", lambda c: str(c.rng.randint(6, 80)))),
               ("Tickets sold", "week"), ("On sale", "Few left", "Sold out"),
               ("Doors open an hour before the show; tickets are sent to your phone.",),
               ("Tonight", "This weekend", "Music", "Theatre", "Comedy")),
    DomainSpec("billing", ("invoice", "bill", "billing", "expense", "receipt", "purchase order", "accounting",
                           "reimbursement", "payable", "freelance"),
               (("Overview", "home"), ("Invoices", "file"), ("Expenses", "credit-card"), ("Clients", "users"),
                ("Reports", "chart")),
               "Invoices", "Send invoice", "Search invoices, clients", "invoices", lambda c, i: _invoice_item(c, i),
               ("Invoice", "Client", "Issued", "Amount", "Status"),
               lambda c, i: (lambda t: [t[1].split(" · ")[0], t[0], t[1].split(" · ")[1], t[2],
                                        c.rng.choice(("Paid", "Sent", "Overdue"))])(_invoice_item(c, i)),
               (("Outstanding", lambda c: _money(c.rng.randint(2400, 18000))),
                ("Paid this month", lambda c: _money(c.rng.randint(4000, 26000))),
                ("Overdue", lambda c: _money(c.rng.randint(200, 4000))), ("Avg. days to pay", lambda c: str(c.rng.randint(9, 31)))),
               ("Paid by month", "month"), ("Paid", "Sent", "Overdue"),
               ("Payment due within 30 days of the invoice date by bank transfer.",), ("All", "Draft", "Sent", "Overdue"), 4),
    DomainSpec("crm", ("crm", "deal", "deals", "pipeline", "lead", "leads", "prospect", "opportunity", "account executive"),
               (("Pipeline", "home"), ("Deals", "chart"), ("Contacts", "users"), ("Companies", "folder"),
                ("Reports", "chart")),
               "Pipeline", "New deal", "Search deals, contacts", "deals", lambda c, i: _deal_item(c, i),
               ("Deal", "Owner", "Stage", "Value", "Close date"),
               lambda c, i: [c.company(), c.person(), c.rng.choice(("Qualified", "Proposal", "Negotiation")),
                             _money(c.rng.randint(4, 90) * 1000), c.date()],
               (("Pipeline value", lambda c: f"${c.rng.randint(240, 980)}k"), ("Open deals", lambda c: str(c.rng.randint(18, 64))),
                ("Win rate", lambda c: f"{c.rng.randint(18, 42)}%"), ("Avg. deal size", lambda c: f"${c.rng.randint(8, 40)}k")),
               ("Pipeline by month", "month"), ("Open", "Won", "Lost"), (), ("Mine", "This quarter", "Enterprise"), 2),
    DomainSpec("generic", (),
               (("Home", "home"), ("Projects", "folder"), ("Team", "users"), ("Calendar", "calendar"),
                ("Settings", "settings")),
               "Overview", "Create", "Search", "documents",
               lambda c, i: (WORK[(c.k + i) % len(WORK)], f"{c.person()} · {c.date()}", _ago(c)),
               ("Name", "Owner", "Updated", "Status"),
               lambda c, i: [WORK[(c.k + i) % len(WORK)], c.person(), c.date(),
                             c.rng.choice(("Active", "Draft", "Archived"))],
               (("Active", lambda c: str(c.rng.randint(8, 90))), ("Updated today", lambda c: str(c.rng.randint(2, 20))),
                ("Shared", lambda c: str(c.rng.randint(3, 40))), ("People", lambda c: str(c.rng.randint(4, 24)))),
               ("Activity this week", "week"), ("Active", "Draft", "Archived"), (), (), 3),
)}

#: Other names a plan may give a domain.
_ALIASES = {"finance": "banking", "fintech": "banking", "bank": "banking", "ecommerce": "shop", "retail": "shop",
            "commerce": "shop", "e-commerce": "shop", "saas": "sales", "engineering": "code", "ticketing": "events",
            "event": "events", "transit": "transport", "mobility": "transport", "accounting": "billing",
            "developer": "code", "dev": "code", "recruiting": "jobs", "hr": "jobs", "hiring": "jobs",
            "real estate": "realestate", "real-estate": "realestate", "property": "realestate",
            "hospitality": "hotel", "hotels": "hotel", "learning": "education", "school": "education",
            "delivery": "logistics", "fleet": "logistics", "meeting": "video", "meetings": "video",
            "conferencing": "video", "recipes": "food", "restaurant": "food", "cooking": "food",
            "storage": "files", "productivity": "project", "messaging": "social", "chat": "social",
            "medical": "health", "healthcare": "health", "sport": "fitness", "sports": "fitness",
            "helpdesk": "support", "tasks": "project", "flights": "travel"}


def domain_of(name: str, prompt: str = "") -> DomainSpec:
    """The copy domain for a plan's domain `name`; ``generic``, a broad name (productivity) or an
    unknown name reads the prompt's words (the domain naming most of its keywords)."""
    raw = (name or "").lower().strip()
    key = _ALIASES.get(raw, raw)
    if key == "video" and not _CALL.search(prompt.lower()):
        return DOMAIN_SPECS["watch"]  # a video to watch (a player, a tutorial, a stream), not a meeting
    narrower = _NARROWER.get(key)
    if narrower:  # "finance" about invoices is billing; "sales" about deals is a CRM
        guess = _guess(prompt)
        if guess in narrower:
            return DOMAIN_SPECS[guess]
    if raw in _BROAD:  # a broad name ("productivity"): the prompt's own words are more precise
        guess = _guess(prompt)
        return DOMAIN_SPECS[guess if guess != "generic" or key not in DOMAIN_SPECS else key]
    if key in DOMAIN_SPECS and key != "generic":
        return DOMAIN_SPECS[key]
    return DOMAIN_SPECS[_guess(prompt)]


_BROAD = {"generic", "productivity", "business", "general", "workspace", ""}
_CALL = re.compile(r"\b(call|meeting|webinar|conferenc|participant|attendee|zoom|telehealth|mute|camera|"
                   r"huddle|standup|stand-up|interview|classroom|online class|teacher|speaker)")
#: Domains whose prompts may be about a narrower one with copy of its own.
_NARROWER = {"banking": ("billing",), "sales": ("crm", "billing", "shop"), "shop": ("billing",)}


def _guess(prompt: str) -> str:
    p = " " + re.sub(r"[^a-z0-9\- ]+", " ", prompt.lower()) + " "
    best, hits = "generic", 0
    for spec in DOMAIN_SPECS.values():
        # a short keyword is a whole word ("ci" is not the start of "cinema"); longer ones take endings
        n = sum(len(k) for k in spec.keywords
                if re.search(rf"\b{re.escape(k.strip())}" + (r"\b" if len(k.strip()) <= 3 or k.endswith(" ") else ""), p))
        if n > hits:
            best, hits = spec.name, n
    return best


def is_sales(spec: DomainSpec) -> bool:
    return spec.name == "sales"


@lru_cache(maxsize=4)
def _faker_class():
    from faker import Faker

    return Faker


_STOP = {"a", "an", "the", "with", "and", "for", "of", "on", "in", "to", "page", "screen", "app", "view", "showing",
         "show", "shows", "at", "by", "my", "our", "its", "their", "list", "six", "eight", "three", "four", "five",
         "two", "seven", "nine", "ten", "one", "left", "right", "top", "bottom", "side", "bar", "panel", "mobile",
         "desktop", "tablet", "named", "called", "labelled", "labeled", "buttons", "button"}


def prompt_nouns(prompt: str) -> list[str]:
    """The content words of a prompt in order ("kanban board for a support team" → kanban,
    board, support, team)."""
    return [w for w in re.findall(r"[a-z][a-z\-]+", prompt.lower()) if w not in _STOP and len(w) > 2]


#: Nouns of records with copy of their own whatever the domain (matched as word starts, in order).
_RECORD_NOUNS: tuple[tuple[str, str], ...] = (
    ("ingredient", "ingredient"), ("grocer", "grocery"), ("shopping list", "grocery"), ("line item", "line"),
    ("invoice item", "line"), ("order line", "line"), ("payment method", "payment"), ("saved card", "payment"),
    ("card on file", "payment"), ("bank account", "account"), ("accounts", "account"), ("step", "step"), ("instruction", "step"), ("method", "step"),
    ("direction", "step"), ("preparation", "step"), ("episode", "episode"), ("chapter", "chapter"),
    ("station", "station"), ("menu", "menu"), ("dish", "menu"), ("drink", "menu"), ("starter", "menu"),
    ("transaction", "transaction"), ("departure", "journey"), ("timetable", "journey"), ("journey", "journey"),
    ("train", "journey"), ("connection", "journey"), ("expense", "expense"), ("book", "book"), ("class", "class"),
    ("deal", "deal"), ("candidate", "candidate"), ("applicant", "candidate"), ("recruit", "candidate"),
    ("hiring", "candidate"), ("invoice", "invoice"),
    ("event", "event"), ("concert", "event"), ("product", "product"))


def record_kind(words: str, prompt: str = "") -> str | None:
    """The record noun `words` (a section's phrase or title, in a screen asked for by `prompt`)
    names, or None: ``"menu items"`` → ``"menu"``, ``"method steps"`` → ``"step"``."""
    w = " " + re.sub(r"[^a-z ]+", " ", (words or "").lower()) + " "
    noun = noun_of(words)
    if noun == "story" and not re.search(r"\b(user stor|sprint|backlog|scrum|agile|story point)",
                                          f"{w} {prompt.lower()}"):
        noun = None  # a newspaper's stories are articles of its own, not a backlog's
    if noun:
        return noun
    for noun, kind in _RECORD_NOUNS:
        if re.search(rf"\b{noun}", w):
            return kind
    return None


@dataclass
class OpenCopy:
    """Seeded copy for one screen of `spec`'s domain; `prompt` supplies the nouns of titles."""

    spec: DomainSpec
    prompt: str = ""
    seed: int = 0
    rng: random.Random = field(init=False)
    k: int = field(init=False)  # offset into the curated lists, so seeds differ

    def __post_init__(self) -> None:
        self.rng = random.Random(f"copy:{self.spec.name}:{self.seed}")
        self.k = self.rng.randint(0, 97)
        self.fake = _faker_class()("en_US")
        self.fake.seed_instance(self.rng.randint(0, 2**31))
        self._people: list[str] = []
        self._lines: list[tuple[str, int, float]] = []
        self._taxed = True
        self.places = prompt_places(self.prompt)  # the places the prompt names (`prompt_places`)
        self.route = _route(self)

    # -- people and places --------------------------------------------------------------------
    def person(self) -> str:
        return f"{self.fake.first_name()} {self.fake.last_name()}"

    def people(self, n: int) -> list[str]:
        """`n` distinct names, the same `n` for the same seed."""
        while len(self._people) < n:
            p = self.person()
            if p not in self._people:
                self._people.append(p)
        return self._people[:n]

    def last(self) -> str:
        return self.fake.last_name()

    def company(self) -> str:
        return self.fake.company().replace(",", "")

    def street(self) -> str:
        return self.fake.street_address()

    def date(self) -> str:
        return f"{self.rng.choice(('Mar', 'Apr', 'May'))} {self.rng.randint(1, 28)}"

    def city(self) -> str:
        """The city the prompt names ("hotels in Rome"), else one of the curated cities."""
        return self.places[0] if self.places else self.rng.choice(CITIES)[0]

    def question(self) -> tuple[str, list[str]]:
        """A question of the prompt's subject and its answer choices (the first is right)."""
        p = self.prompt.lower()
        for words, q in QUESTIONS:
            if re.search(words, p):
                return q[0], list(q[1:])
        return QUESTIONS[-1][1][0], list(QUESTIONS[-1][1][1:])

    def comment(self, i: int) -> str:
        """A comment's words: a viewer's on a video, else the domain's sentences."""
        if self.spec.name == "watch":
            return VIEWER_COMMENTS[(self.k + i) % len(VIEWER_COMMENTS)]
        return self.sentence(i)

    def sha(self) -> str:
        return self.fake.sha1()[:7]

    # -- words of the domain ---------------------------------------------------------------------
    @property
    def noun_title(self) -> str:
        nouns = prompt_nouns(self.prompt)
        return nouns[0].capitalize() if nouns else "Item"

    def items(self, n: int) -> list[Item]:
        return [self.spec.item(self, i) for i in range(n)]

    def table(self, n: int) -> tuple[list[str], list[list[str]]]:
        return list(self.spec.columns), [self.spec.row(self, i) for i in range(n)]

    def stats(self, n: int) -> list[tuple[str, str]]:
        out = [(label, fn(self)) for label, fn in self.spec.stats]
        return (out * (n // len(out) + 1))[:n]

    def series(self) -> tuple[str, list[str], list[float]]:
        """A chart's title, axis labels and values."""
        title, axis = self.spec.chart
        labels = {"week": WEEK, "month": MONTHS, "hours": ["6", "9", "12", "15", "18", "21"],
                  "days": [f"{d} Mar" for d in range(10, 17)]}[axis]
        base = self.rng.randint(30, 60)
        return title, list(labels), [max(4, base + self.rng.randint(-18, 24)) for _ in labels]

    def sentence(self, i: int = 0) -> str:
        if self.spec.sentences:
            return self.spec.sentences[i % len(self.spec.sentences)]
        return f"Everything about your {self.spec.noun} in one place, updated as it changes."

    # -- records named by the prompt's nouns, whatever the domain ----------------------------------------
    def _recipe(self) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
        p = self.prompt.lower()
        if re.search(r"\b(smoothie|shake|juice|lassi|protein)", p):
            return SMOOTHIE, SMOOTHIE_STEPS
        if re.search(r"\b(cocktail|drink|mocktail|coffee|juice|tea|bar)\b", p):
            return DRINKS, DRINK_STEPS
        if re.search(r"\b(bak|cake|bread|cookie|muffin|pastr|dessert|brownie|pie\b)", p):
            return BAKING, BAKING_STEPS
        return SAVOURY, SAVOURY_STEPS

    def record_kind(self, words: str) -> str | None:
        """`record_kind` of `words` in this copy's prompt."""
        return record_kind(words, self.prompt)

    def records(self, words: str, n: int) -> list[Item] | None:
        """`n` records of the noun `words` names (ingredients with quantities, numbered method steps,
        episodes, chapters, stations, menu dishes with prices, departures, expenses, books, classes,
        deals, candidates…), or None when it names none of them."""
        return self.records_of_kind(self.record_kind(words), n)

    def records_of_kind(self, kind: str | None, n: int) -> list[Item] | None:
        """`records` of a record noun already read from the words (`record_kind`); None for None."""
        if kind is None:
            return None
        r = self.rng
        if kind in ("ingredient", "grocery"):
            ing, _steps = self._recipe() if kind == "ingredient" else (SAVOURY + BAKING, ())
            return [(name, "", qty) for name, qty in (ing[(i + (0 if kind == "ingredient" else self.k)) % len(ing)]
                                                      for i in range(n))]
        if kind == "step":
            _ing, steps = self._recipe()
            out = []
            for i in range(n):
                t = steps[i % len(steps)]
                mins = next((v for k, v in STEP_TIMES.items() if t.startswith(k)), f"{r.randint(2, 8)} min")
                out.append((f"{i + 1}. {t}", "", mins))
            return out
        if kind == "episode":
            return [(f"{EPISODES[(self.k + i) % len(EPISODES)]}", f"Ep. {48 - i} · {self.date()}",
                     f"{r.randint(24, 72)} min") for i in range(n)]
        if kind == "chapter" and self.spec.name == "watch":  # a video's chapters: where each starts
            return [(VIDEO_CHAPTERS[i % len(VIDEO_CHAPTERS)], "", f"{(i * 97) // 60}:{(i * 97) % 60:02d}")
                    for i in range(n)]
        if kind == "chapter":
            return [(f"{i + 1}. {CHAPTERS[i % len(CHAPTERS)]}", "", f"{r.randint(8, 42)}:{r.randint(0, 59):02d}")
                    for i in range(n)]
        if kind == "station":
            return [(STATIONS[(self.k + i) % len(STATIONS)][0], STATIONS[(self.k + i) % len(STATIONS)][1], "Live")
                    for i in range(n)]
        if kind == "menu":
            menu = CAFE if re.search(r"\b(cafe|café|coffee|bakery|brunch)\b", self.prompt.lower()) else MENU
            return [menu[(i + self.k) % len(menu)] for i in range(n)]
        if kind == "line":
            return [(d, f"{q} × {_money(u)}", _money(q * u)) for d, q, u in self.line_items(n)]
        if kind == "transaction":
            return [_bank_item(self, i) for i in range(n)]
        if kind in ("payment", "account"):
            rows = PAYMENT_METHODS if kind == "payment" else ACCOUNTS
            return [(name, meta, "Default" if i == 0 and kind == "payment" else "")
                    for i, (name, meta) in enumerate(rows[:min(n, len(rows))])]  # each method once
        if kind == "journey":
            return [_journey_item(self, i) for i in range(n)]
        if kind == "expense":
            return [(m, f"{self.date()} · {cat}", _money(r.randint(8, 420) + r.randint(0, 99) / 100))
                    for m, cat in (MERCHANTS[(self.k + i) % len(MERCHANTS)] for i in range(n))]
        if kind == "book":
            return [(t, a, r.choice(("Available", "Available", "On loan"))) for t, a in
                    (BOOKS[(self.k + i) % len(BOOKS)] for i in range(n))]
        if kind == "class":
            return [(CLASSES[(self.k + i) % len(CLASSES)], f"{_time(self)} · {r.randint(30, 60)} min · {self.person()}",
                     f"{r.randint(1, 12)} spots left") for i in range(n)]
        if kind == "deal":
            return [_deal_item(self, i) for i in range(n)]
        if kind == "candidate":
            return [(p, JOBS[(self.k + i) % len(JOBS)], f"{r.randint(1, 14)} d") for i, p in enumerate(self.people(n))]
        if kind == "event":
            return [_event_item(self, i) for i in range(n)]
        if kind == "invoice":
            return [_invoice_item(self, i) for i in range(n)]
        if kind == "product":
            return [_product_item(self, i) for i in range(n)]
        if kind in NOUN_RECORDS or kind in PEOPLE_NOUNS:
            return self.noun_records(kind, n)
        return None

    def noun_records(self, noun: str, n: int) -> list[Item]:
        """`n` records of a noun the domains have no copy for: people from faker (a name and a
        job), else the noun's small word list, priced where things of it are sold."""
        r = self.rng
        if noun in PEOPLE_NOUNS:
            pay = re.search(r"\b(pay|payroll|payment|salar|wage|invoice)", self.prompt.lower())
            return [(p, self.fake.job().split(",")[0],
                     _money(r.randint(18, 64) * 40 + r.randint(0, 9) * 10) if pay else r.choice(("Active", "Active", "Away")))
                    for p in self.people(n)]
        names, lo, hi, metas = NOUN_RECORDS[noun]
        out = []
        for i in range(n):
            name = names[(self.k + i) % len(names)] if names else ""
            meta = metas[(self.k + i) % len(metas)] if metas else ""
            if noun == "record":
                name = f"{ALBUMS[(self.k + i) % len(ALBUMS)]}"
                meta = f"{ARTISTS[(self.k + i * 3) % len(ARTISTS)]} · LP"
            if noun == "run":
                name, meta = f"Week {i // 3 + 1} · {('Tue', 'Thu', 'Sun')[i % 3]}", name
            trailing = (_money(r.randint(lo * 2, hi * 2) / 2, "€") if hi else
                        ("Done" if i < 2 else "Planned") if noun == "run" else r.choice(("To do", "In progress", "Done")))
            out.append((name, meta, trailing))
        return out

    def details(self, words: str) -> list[list[str]] | None:
        """The facts of one ticket, pass or booking the words name ("journey details", "flight
        details"): where from and to, when, and the seat; None for other words."""
        w = (words or "").lower() + " " + self.prompt.lower()
        if not re.search(r"\b(journey|flight|trip|ticket|e-ticket|pass|boarding|booking|reservation)", w):
            return None
        (ca, a), (cb, b) = self.route
        r = self.rng
        out = [["From", f"{ca} ({a})" if re.search(r"\b(flight|boarding|airline|plane)", w) else ca],
               ["To", f"{cb} ({b})" if re.search(r"\b(flight|boarding|airline|plane)", w) else cb],
               ["Date", f"{r.choice(('Fri', 'Sat', 'Mon'))} {self.date()}"],
               ["Departs", _time(self)]]
        if re.search(r"\b(flight|boarding|airline|plane)", w):
            out += [["Flight", f"{AIRLINES[self.k % len(AIRLINES)][1]} {r.randint(100, 989)}"],
                    ["Gate", f"{r.choice('ABCD')}{r.randint(2, 40)}"], ["Seat", f"{r.randint(3, 38)}{r.choice('ACDF')}"]]
        else:
            out += [["Coach", str(r.randint(2, 14))], ["Seat", str(r.randint(11, 88))]]
        return out

    def seat_lines(self, n: int) -> list[tuple[str, int, float]]:
        """The chosen seats as what is paid for: `n` seats at one price, with no tax on top, so
        the total is what they cost."""
        price = float(self.rng.choice((24, 32, 38, 45, 58, 65)))
        self._lines, self._taxed = [("Seat", n, price)], False
        return self._lines

    def records_table(self, words: str, n: int) -> tuple[list[str], list[list[str]]] | None:
        """A table of the records `words` names (line items, expenses, transactions, departures), or None."""
        return self.table_of_kind(self.record_kind(words), n)

    def table_of_kind(self, kind: str | None, n: int) -> tuple[list[str], list[list[str]]] | None:
        """`records_table` of a record noun already read from the words (`record_kind`), or None."""
        if kind == "line":
            rows = [[d, str(q), _money(u), _money(q * u)] for d, q, u in self.line_items(n)]
            return ["Description", "Qty", "Unit price", "Amount"], rows
        if kind == "expense":
            recs = self.records_of_kind(kind, n) or []
            return (["Date", "Merchant", "Category", "Amount", "Status"],
                    [[m.split(" · ")[0], t, m.split(" · ")[1], a, self.rng.choice(("Approved", "Pending", "Approved"))]
                     for t, m, a in recs])
        if kind in PEOPLE_NOUNS:
            pay = re.search(r"\b(pay|payroll|payment|salar|wage)", self.prompt.lower())
            recs = self.noun_records(kind, n)
            if re.search(r"\b(leaderboard|ranking|rank|score|tournament|league|game)", self.prompt.lower()):
                points = sorted((self.rng.randint(800, 4800) for _ in recs), reverse=True)
                return ["#", "Player", "Points"], [[str(k + 1), t, f"{p:,}"] for k, ((t, _m, _a), p) in
                                                   enumerate(zip(recs, points))]
            if pay:
                return (["Name", "Role", "Hours", "Amount", "Status"],
                        [[t, m, str(self.rng.choice((32, 36, 40, 40, 24))), a,
                          self.rng.choice(("Ready", "Ready", "Pending"))] for t, m, a in recs])
            return ["Name", "Role", "Email", "Status"], [[t, m, f"{t.split()[0].lower()}@example.com", a]
                                                         for t, m, a in recs]
        if kind == "story":
            return (["Story", "Assignee", "Points", "Status"],
                    [[t, p, str(self.rng.choice((1, 2, 3, 5, 8, 13))), st] for (t, _m, st), p in
                     zip(self.noun_records("story", n), self.people(n))])
        if kind in NOUN_RECORDS and NOUN_RECORDS[kind][2]:
            if re.search(r"\b(quantit|order|total|cart)", self.prompt.lower()):
                # things bought by the quantity: line items the summary adds up
                names = NOUN_RECORDS[kind][0]
                lo, hi = NOUN_RECORDS[kind][1], NOUN_RECORDS[kind][2]
                self._lines = [(names[(self.k + i) % len(names)], self.rng.randint(1, 6),
                                float(self.rng.randint(lo * 2, hi * 2) / 2)) for i in range(n)]
                return (["Item", "Qty", "Unit price", "Amount"],
                        [[d, str(q), _money(u, "€"), _money(q * u, "€")] for d, q, u in self._lines])
            recs = self.noun_records(kind, n)
            return [kind.capitalize(), "Details", "Price"], [[t, m, a] for t, m, a in recs]
        spec = {"transaction": "banking", "journey": "transport", "invoice": "billing", "deal": "crm",
                "product": "shop", "event": "events"}.get(kind or "")
        if spec:
            s = DOMAIN_SPECS[spec]
            return list(s.columns), [s.row(self, i) for i in range(n)]
        return None

    def line_items(self, n: int) -> list[tuple[str, int, float]]:
        """`n` invoice lines (description, quantity, unit price), the same for one copy; the
        summary's subtotal, tax and total add them up."""
        if len(self._lines) < n:
            low = self.prompt.lower()
            src = GOODS if re.search(r"\b(purchase|order|supplies|equipment)\b", low) else SERVICES
            if re.search(r"\b(water|sewer)", low):
                src = WATER_CHARGES
            elif re.search(r"\b(utilit|electric|energy|power|gas|heating|broadband|internet|phone bill|charges)", low):
                src = ENERGY_CHARGES
            if src in (WATER_CHARGES, ENERGY_CHARGES):  # a bill's charges are all there is: each once
                self._lines = list(src[:max(n, 1)])
                return self._lines[:n]
            self._lines = [src[(i + self.k) % len(src)] for i in range(n)]
        return self._lines[:n]

    def value(self, label: str) -> str:
        """A value for a labelled figure ("Available balance", "Tax", "Statement due date"): the
        domain's stat of that name, a sum of the screen's line items, a date or an amount."""
        low = label.lower()
        for name, fn in self.spec.stats:
            if name.lower() == low and not (self._lines and re.search(r"\b(total|subtotal|tax|vat)\b", low)):
                return fn(self)
        sub = sum(q * u for _d, q, u in self._lines) or float(self.rng.randint(900, 6400))
        if not self._taxed and re.search(r"\b(total|amount due|grand|subtotal)\b", low):
            return _money(round(sub, 2))  # seats and tickets: the price is what is paid
        if re.search(r"\b(date|due)\b", low) and "amount" not in low:
            return f"{self.rng.choice(('Apr', 'May'))} {self.rng.randint(1, 28)}"
        if "subtotal" in low:
            return _money(sub)
        if re.search(r"\b(tax|vat)\b", low):
            return _money(round(sub * 0.2, 2))
        if re.search(r"\b(total|amount due|grand)\b", low):
            return _money(round(sub * 1.2, 2))
        if re.search(r"\b(discount)\b", low):
            return "−" + _money(round(sub * 0.1, 2))
        if re.search(r"\b(fee|shipping|delivery)\b", low):
            return _money(self.rng.randint(3, 15) + 0.99)
        if re.search(r"\b(balance|worth|limit|savings|value)\b", low):
            return _money(self.rng.randint(2400, 18000) + self.rng.randint(0, 99) / 100)
        return self.figure(label)

    def figure(self, label: str) -> str:
        """A figure for a stat tile of `label` that the domain has no stat of: money for revenue,
        a share for a rate, a duration, a temperature, a distance, else a count."""
        low, r = label.lower(), self.rng
        for name, fn in self.spec.stats:
            if name.lower() == low:
                return fn(self)
        if re.search(r"\b(revenue|sales|income|spend|spent|cost|price|earning|profit|payout|raised|donat|budget|"
                     r"gmv|arr|mrr|payment|amount|paid)", low):
            return _money(r.randint(12, 940) * 100)
        if re.search(r"\b(rate|ratio|percent|conversion|occupancy|uptime|share|margin|growth|churn|progress|"
                     r"completion|accuracy|humidity|battery|capacity|utili[sz]ation|attendance)|%", low):
            return f"{r.randint(12, 97)}%"
        if re.search(r"\b(pace)\b", low):
            return f"{r.randint(4, 6)}:{r.randint(0, 59):02d} /km"
        if re.search(r"\b(time|duration|wait|length|sleep|hours|response)\b", low):
            return f"{r.randint(1, 9)} h {r.randint(1, 59):02d} min" if "sleep" in low or "hour" in low \
                else f"{r.randint(2, 48)} min"
        if re.search(r"\b(temp|temperature)", low):
            return f"{r.randint(14, 29)}°"
        if re.search(r"\b(distance|km|miles?|mileage)\b", low):
            return f"{r.randint(3, 42)}.{r.randint(0, 9)} km"
        if re.search(r"\b(score|rating)\b", low):
            return f"{r.randint(38, 49) / 10}"
        return f"{r.randint(120, 9800):,}"

    def option(self, label: str) -> str:
        """The chosen value of a select labelled `label` ("Doctor", "From", "Country", "Sort by")."""
        low, r = label.lower(), self.rng
        if re.search(r"\b(doctor|dentist|clinician|physician|gp)\b", low):
            return f"Dr. {self.fake.first_name()} {self.last()}"
        if re.search(r"\b(from|to|account|pay from|source|destination)\b", low):
            return ACCOUNTS[(self.k + len(low)) % len(ACCOUNTS)][0]
        if re.search(r"\b(sort|order by)\b", low):
            return r.choice(("Newest first", "Most relevant", "Price: low to high"))
        if re.search(r"\b(status|state)\b", low):
            return r.choice(self.spec.statuses)
        if re.search(r"\b(country|region)\b", low):
            return self.fake.country()
        if re.search(r"\b(city|location|pickup|drop-off)\b", low):
            return self.city()
        if re.search(r"\b(language|locale)\b", low):
            return r.choice(("English", "Español", "Deutsch", "Français"))
        if re.search(r"\b(currency)\b", low):
            return r.choice(("EUR", "USD", "GBP"))
        if re.search(r"\b(role|permission)\b", low):
            return r.choice(("Editor", "Viewer", "Admin"))
        if re.search(r"\b(size)\b", low):
            return r.choice(("S", "M", "L"))
        if re.search(r"\b(quantity|qty|guests?|people|party)\b", low):
            return str(r.randint(1, 4))
        if re.search(r"\b(date|day)\b", low):
            return self.date()
        if re.search(r"\b(time|slot)\b", low):
            return _time(self)
        if re.search(r"\b(timezone|time zone)\b", low):
            return "Europe/Berlin (CET)"
        if re.search(r"\b(owner|assignee|agent|person|member|user|driver|teacher|coach|instructor)\b", low):
            return self.person()
        if re.search(r"\b(category|type|kind|topic|genre)\b", low) and self.spec.tags:
            return r.choice([t for t in self.spec.tags if t != "All"] or list(self.spec.tags))
        return r.choice(self.spec.statuses)

    def section_items(self, title: str, n: int) -> list[Item]:
        """Rows for a titled section the plan names with a noun no element kind matches: the
        noun's own entries, numbered, with the domain's people and dates."""
        if self.spec.name != "generic":  # the domain's own records (a forecast's days, a ticket queue)
            return [(t, m, r or self.rng.choice(self.spec.statuses)) for t, m, r in self.items(n)]
        noun = re.sub(r"s$", "", title.strip().split(" ")[-1]) if title.strip() else "Item"
        return [(f"{noun.capitalize()} {self.rng.randint(2, 48)}", f"{self.person()} · {self.date()}",
                 self.rng.choice(self.spec.statuses)) for _ in range(n)]
