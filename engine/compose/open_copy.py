"""Copy for any domain: names, titles, numbers and sentences that belong to what a screen is about.

`OpenCopy(domain, prompt, seed)` writes the words of a planned screen: people from `faker`
(seeded, so one seed gives one screen), and per domain small curated word lists where faker has
none (tracks and artists, airports and flight numbers, dishes, vehicles and routes, commits…).
`domain_of(name, prompt)` maps a plan's domain name (or, for ``"generic"``, the prompt's words)
to one of `DOMAIN_SPECS` (a finance prompt about invoices gets the billing copy, a sales prompt about
deals the CRM's, a messaging prompt about an email inbox the mail copy); a planner's domain with copy
of its own (pets, smart home, news, games, insurance, photography, security, cars…) wins over
guessing where the prompt names some of its words. `OpenCopy.records(words, n)` writes the
records a noun names whatever the domain (a recipe's ingredients and numbered steps, podcast episodes, a cafe's menu with prices,
departures, invoice line items, expenses, books, classes, deals, candidates), and
`OpenCopy.value(label)` the value of a named figure (a balance, a due date, a subtotal, tax and
total that add up the screen's line items). Sales copy (customers, revenue, orders) is only written for the sales
domain: `SALES_WORDS` lists the words a non-sales screen never shows.
"""

from __future__ import annotations

import datetime
import math
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from conditioning.plan import DAY_NAMES, domain_text, head_fits, prompt_head
from engine.compose.things import MatchedThing, match_thing

__all__ = ["CHOICES", "DOMAIN_SPECS", "choices_for", "NOUN_RECORDS", "PEOPLE_NOUNS", "UNIT_NOUNS", "PLACE_NOUNS",
           "MEDICINE_NOUNS", "TRACKED_NOUNS", "SALES_WORDS", "DomainSpec", "OpenCopy", "domain_of", "group_tasks", "is_sales",
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
    item: Callable[[OpenCopy, int], Item]  # one record as a list row
    columns: tuple[str, ...]  # a table of records: its columns …
    row: Callable[[OpenCopy, int], list[str]]  # … and one row
    stats: tuple[tuple[str, Callable[[OpenCopy], str]], ...]  # stat tiles (label, value)
    chart: tuple[str, str]  # (title, axis: "week" | "month" | "hours" | "days")
    statuses: tuple[str, ...] = ("Active", "Pending", "Done")
    sentences: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()  # chip / filter labels
    status_column: int = -1  # table column holding a status (badges), -1 none
    #: (pattern, record kind): words of a section that name records of the domain's own kinds ("a
    #: toggle for each device" in a smart home); ``"own"`` is the domain's main records (`item`).
    kinds: tuple[tuple[str, str], ...] = ()


def _mmss(c: OpenCopy) -> str:
    return f"{c.rng.randint(2, 5)}:{c.rng.randint(0, 59):02d}"


def _money(v: float, cur: str = "$") -> str:
    return f"{cur}{v:,.2f}" if v < 1000 else f"{cur}{v:,.0f}"


def _time(c: OpenCopy) -> str:
    return f"{c.rng.randint(6, 21):02d}:{c.rng.choice(('05', '15', '30', '40', '55'))}"


def _ago(c: OpenCopy) -> str:
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
#: A fleet's own depots, where its rounds start (a local fleet has no depot in Tokyo).
_DEPOTS = ("North", "Central", "Riverside", "East", "Harbour", "West")
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
#: A school's, a nursery's or a hospital's meals: what each holds and what it is free of; no prices.
CANTEEN = (("Fish fingers", "Peas, potato wedges", "Contains fish"), ("Veggie pasta bake", "Tomato, cheese, spinach",
                                                                      "Vegetarian"),
           ("Chicken curry", "Rice, naan", "Contains gluten"), ("Jacket potato", "Beans or cheese", "Vegetarian"),
           ("Shepherd's pie", "Carrots, greens", "Contains dairy"), ("Bean chilli", "Rice, yoghurt", "Vegetarian"),
           ("Fruit crumble", "Custard", "Contains gluten"), ("Yoghurt and fruit", "Seasonal fruit", "Vegetarian"))
#: Eaters of a meal no one pays for at the table.
_CANTEEN = re.compile(r"\b(schools?|nurser(y|ies)|hospitals?|canteens?|cafeterias?|care homes?|wards?|camps?|"
                      r"pupils?|students?|kids)\b")
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
SUBJECTS = ("Maths", "English", "Biology", "History", "Chemistry", "Geography", "Physics", "French", "Art", "Music",
            "Computing", "PE")
#: An audio guide's stops: (work, artist or place, where it hangs).
EXHIBITS = (("Welcome to the collection", "Entrance hall", "Foyer"), ("The Night Watch", "Rembrandt van Rijn", "Room 2"),
            ("Water Lilies", "Claude Monet", "Room 5"), ("The Great Wave", "Katsushika Hokusai", "Room 7"),
            ("Girl with a Pearl Earring", "Johannes Vermeer", "Room 3"), ("Bronze horse", "Roman, 2nd century", "Room 9"),
            ("Sunflowers", "Vincent van Gogh", "Room 6"), ("Terracotta warrior", "Qin dynasty", "Room 11"),
            ("The sculpture garden", "Open air", "Garden"))
#: To-dos of a checklist by what it is for (pattern on the prompt), first match wins; else `TASKS`.
#: The options of a control by what it chooses (a chip row of "interests", a "connector type"
#: segmented control, a "reason" select): pattern on the control's title → options, most
#: usual first. Curated: faker has no provider for these.
CHOICES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"\ballergens?|allergies|dietary\b", ("Gluten", "Dairy", "Nuts", "Egg", "Soy", "Sesame")),
    (r"\binterests?|hobb(y|ies)|passions?\b", ("Hiking", "Cooking", "Live music", "Photography", "Travel", "Yoga")),
    (r"\bconnectors?|plugs?|charger types?\b", ("CCS", "CHAdeMO", "Type 2", "Tesla")),
    (r"\b(return|refund)\b.*\breasons?\b|\breasons?\b.*\b(return|refund)",
     ("Doesn't fit", "Changed my mind", "Arrived damaged", "Not as described")),
    (r"\bcancel\w*\b.*\breasons?\b|\breasons?\b.*\bcancel", ("Plans changed", "Found a better price", "Booked by mistake",
                                                          "Other")),
    (r"\breasons?\b", ("Select a reason", "Wrong item", "No longer needed", "Other")),
    (r"\b(time ?slots?|slots?|start times?|session times?|times)\b", ("10:00", "11:30", "13:00", "14:30", "16:00", "17:30",
                                                                     "19:00")),
    (r"\bgenres?\b", ("Fiction", "Mystery", "Sci-fi", "History", "Romance")),
    (r"\b(leave|absence|time off) (type|kind)s?\b", ("Annual leave", "Sick leave", "Parental leave", "Unpaid leave")),
    (r"\bcuisines?\b", ("Italian", "Japanese", "Mexican", "Indian", "Thai")),
    (r"\bdiet(ary)?\b", ("Vegetarian", "Vegan", "Gluten-free", "Dairy-free")),
    (r"\bamenit(y|ies)|facilit(y|ies)\b", ("Wi-Fi", "Breakfast", "Parking", "Pool", "Gym")),
    (r"\b((skill|difficulty|experience|fitness|class|course) levels?|difficult(y|ies))\b",
     ("Beginner", "Intermediate", "Advanced")),
    (r"\bskills?\b", ("Figma", "TypeScript", "User research", "SQL", "Python")),
    (r"\b(plot|room|desk|pitch|space|unit) sizes?\b", ("Small", "Medium", "Large")),
    (r"\bsizes?\b", ("S", "M", "L", "XL")),
    (r"\bconditions?\b", ("Mint", "Near mint", "Very good", "Good")),
    (r"\bcolou?rs?\b", ("Black", "White", "Sage", "Navy")),
    (r"\b(fuel|engine)\b", ("Petrol", "Diesel", "Hybrid", "Electric")),
    (r"\btransmissions?\b", ("Automatic", "Manual")),
    (r"\bseat(ing)? class|cabin|class\b", ("Economy", "Premium", "Business", "First")),
    (r"\b(room|bed) types?\b", ("Single", "Double", "Twin", "Suite")),
    (r"\bpayment( method)?s?\b", ("Card", "PayPal", "Apple Pay", "Bank transfer")),
    (r"\b(delivery|shipping) (options?|speed|method)s?\b", ("Standard", "Express", "Next day")),
    (r"\b(tone|mood)s?\b", ("Friendly", "Formal", "Playful", "Calm")),
    (r"\bunits?\b", ("Metric", "Imperial")),
    (r"\bperiods?|ranges?|timeframes?\b", ("Day", "Week", "Month", "Year")),
    (r"\bsleep timer|timers?\b", ("Off", "15 min", "30 min", "45 min", "End of chapter")),
    (r"\b(playback )?speeds?\b", ("0.75x", "1x", "1.25x", "1.5x", "2x")),
    (r"\b(issue|problem|fault|repair|maintenance|request) (types?|categor(y|ies))\b|\b(issues?|faults?|problems?)\b",
     ("Plumbing leak", "Heating", "Electrical", "Appliance", "Other")),
    (r"\b(environments?|envs?|stages?)\b", ("Development", "Staging", "Production")),
    (r"\bservices?\b", ("Bath", "Haircut", "Nail trim", "Teeth cleaning")),
    (r"\b(amounts?|values?|denominations?)\b", ("$25", "$50", "$100", "Custom")),
    (r"\b(regions?)\b", ("North", "South", "East", "West")),
)


def choices_for(title: str) -> tuple[str, ...]:
    """The options of a control titled `title` (`CHOICES`), or () when no rule knows it."""
    low = title.lower()
    return next((opts for pattern, opts in CHOICES if re.search(pattern, low)), ())


#: Pollutants an air-quality monitor reads, with a reading and its band.
POLLUTANTS: tuple[Item, ...] = (("PM2.5", "Fine particles", "12 µg/m³ · Good"), ("PM10", "Coarse particles", "28 µg/m³ · Good"),
                                ("O₃", "Ozone", "96 µg/m³ · Moderate"), ("NO₂", "Nitrogen dioxide", "41 µg/m³ · Moderate"),
                                ("SO₂", "Sulphur dioxide", "6 µg/m³ · Good"), ("CO", "Carbon monoxide", "0.4 mg/m³ · Good"))
#: Rental cars: the model (a class, "or similar"), its seats, bags and gearbox, and a day's price.
RENTAL_CARS: tuple[tuple[str, int, int, str, int], ...] = (
    ("Toyota Corolla or similar", 5, 2, "Automatic", 42), ("Volkswagen Golf or similar", 5, 2, "Manual", 38),
    ("Fiat 500 or similar", 4, 1, "Manual", 29), ("Tesla Model 3", 5, 2, "Automatic", 79),
    ("Ford Explorer or similar", 7, 4, "Automatic", 96), ("Mercedes Vito van", 9, 5, "Automatic", 118),
    ("Kia Niro Hybrid", 5, 3, "Automatic", 55))
#: Feature flags: their keys, what they do, and how far they are rolled out.
FEATURE_FLAGS: tuple[tuple[str, str], ...] = (
    ("new-checkout-flow", "Payments team"), ("search-v2", "Discovery team"), ("dark-mode", "Design systems"),
    ("onboarding-checklist", "Growth team"), ("bulk-export", "Platform team"), ("ai-summaries", "Labs"),
    ("legacy-billing-off", "Payments team"))
#: A hackathon's submissions: the project and the team behind it.
SUBMISSIONS: tuple[tuple[str, str], ...] = (
    ("Rainwater", "Team Drizzle"), ("Shelf Life", "Byte Club"), ("StreetSense", "Null Pointers"),
    ("Queue Less", "The Forkers"), ("Green Commute", "Team Tandem"), ("Med Minder", "Pill Pushers"),
    ("Open Menu", "Team Saffron"))
#: Films of a festival programme: title, director, running time.
FILMS: tuple[tuple[str, str, str], ...] = (
    ("The Salt Roads", "Ana Vidal", "1h 52m"), ("Northern Lights Hotel", "Jonas Berg", "1h 38m"),
    ("A Quiet Harbour", "Mei Tanaka", "2h 04m"), ("Paper Moons", "Luca Moretti", "1h 41m"),
    ("The Last Tram", "Olga Nowak", "1h 29m"), ("Wild Orchard", "Sam Okafor", "1h 47m"),
    ("Glass Summer", "Inès Laurent", "1h 56m"))
#: A climbing gym's routes: name, grade on the V scale (boulders) and on the French scale (ropes).
CLIMBING_ROUTES: tuple[tuple[str, str, str], ...] = (
    ("Crimp Dreams", "V4", "6c"), ("Slab Happy", "V2", "6a"), ("The Overhang", "V6", "7a+"), ("Pinch Me", "V3", "6b"),
    ("Chalk Dust", "V3", "6b+"), ("Sloper City", "V5", "7a"), ("Blue Arete", "V1", "5c"), ("Dyno Might", "V7", "7b"),
    ("Tufa Tuesday", "V2", "6a+"), ("Heel Hook Heaven", "V4", "6c+"), ("Jug Life", "V0", "5a"),
    ("Mantle Piece", "V5", "7a"))
#: A pupil's homework tasks.
HOMEWORK = ("Worksheet on fractions", "Read chapter 4", "Lab report draft", "Vocabulary list 12", "Map of Europe",
            "Essay plan")

#: Things a warehouse stocks.
STOCK: tuple[str, ...] = ("Cardboard box 40×30", "Packing tape 50 m", "Pallet wrap 500 mm", "Shipping labels A6",
                          "Bubble mailer C4", "Safety gloves L", "Barcode scanner", "Pallet jack wheels",
                          "Kraft paper roll", "Zip ties 300 mm")


#: The columns of a stock table (`_stock_row`).
STOCK_COLUMNS = ("Item", "SKU", "Location", "On hand", "Status")


def _stock(c: OpenCopy, i: int) -> tuple[str, str, str, int]:
    """The `i`-th stock item of a warehouse: its name, SKU, bin and how many are on hand (most
    plenty, every third low, the fifth out)."""
    r = c.rng
    on_hand = 0 if i == 4 else r.randint(3, 40) if i % 3 == 1 else r.randint(120, 2400)
    return STOCK[(c.k + i) % len(STOCK)], str(r.randint(10000, 99999)), f"Aisle {r.randint(1, 12)}-{r.choice('ABCD')}", \
        on_hand


def _stock_status(q: int) -> str:
    return "Out of stock" if q == 0 else "Low stock" if q < 50 else "In stock"


def _stock_item(c: OpenCopy, i: int) -> Item:
    name, sku, where, q = _stock(c, i)
    return name, f"SKU {sku} · {where}", f"{q} on hand"


def _stock_row(c: OpenCopy, i: int) -> list[str]:
    name, sku, where, q = _stock(c, i)
    return [name, sku, where, f"{q:,}", _stock_status(q)]


#: Restaurants and their cuisine.
RESTAURANTS: tuple[tuple[str, str], ...] = (
    ("Trattoria Sole", "Italian"), ("Kura Ramen", "Japanese"), ("El Fogón", "Mexican"), ("Saffron House", "Indian"),
    ("Le Petit Zinc", "French bistro"), ("Green Bowl", "Vegan"), ("Bangkok Street", "Thai"), ("Oak & Ember", "Grill"),
    ("Mezze Garden", "Lebanese"), ("Harbour Fish Bar", "Seafood"))

#: Ticket types of a venue: who, who counts as that, the price.
TICKET_TYPES: tuple[Item, ...] = (
    ("Adult", "Ages 18–64", "€18.00"), ("Child", "Ages 4–17", "€9.00"), ("Student", "With a valid student ID", "€12.00"),
    ("Senior", "65 and over", "€12.00"), ("Family", "2 adults and up to 3 children", "€45.00"),
    ("Under 4", "Free with an adult", "€0.00"))

#: A hotel's room types and whom each sleeps.
HOTEL_ROOMS: tuple[tuple[str, str], ...] = (
    ("Standard Double", "2 guests"), ("Deluxe King", "2 guests"), ("Twin Room", "2 guests"),
    ("Junior Suite", "3 guests"), ("Family Room", "4 guests"), ("Sea View Suite", "2 guests"),
    ("Single Room", "1 guest"), ("Superior Queen", "2 guests"))

CHECKLISTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # a patient's form: what they are allergic to, have or feel (asked, not done)
    (r"\ballerg", ("Penicillin", "Latex", "Local anaesthetic", "Nuts", "Ibuprofen", "None that I know of")),
    (r"\bsymptoms?\b", ("Fever", "Cough", "Sore throat", "Headache", "Shortness of breath", "Tiredness")),
    (r"\b(medical history|medical conditions?|health conditions?|pre-existing conditions?)\b",
     ("Diabetes", "Asthma", "High blood pressure", "Heart condition", "Pregnancy", "None of these")),
    (r"\b(returns?|send (it |them )?back|refunds?|exchanges?)\b", (
        "Linen shirt · Size M · €49.00", "Canvas sneakers · Size 42 · €89.00", "Wool scarf · Grey · €35.00",
        "Denim jacket · Size L · €110.00", "Cotton tee, 2-pack · Size M · €29.00", "Leather belt · 90 cm · €45.00")),
    (r"\b(plants?|watering|garden(ing)?|houseplants?)\b", (
        "Water the monstera", "Mist the fern", "Feed the basil", "Rotate the snake plant", "Repot the pothos",
        "Check the orchid's roots", "Water the herb box", "Wipe the fiddle-leaf fig")),
    (r"\b(wedding|party|event (planning|checklist|prep)|conference (planning|prep)|birthday|celebration)", (
        "Book the venue", "Send the invitations", "Choose the menu", "Confirm the photographer", "Order the flowers",
        "Plan the seating", "Book the band", "Write the speeches")),
    (r"\b(pack|packing|trip|travel|holiday|vacation|camping)", (
        "Passport and tickets", "Phone charger", "Travel adapter", "Sunscreen", "Rain jacket", "First-aid kit",
        "Reusable water bottle", "Headphones")),
    (r"\b(move|moving|house|home|apartment|flat)\b", (
        "Book the removal van", "Redirect the post", "Take meter readings", "Cancel the old broadband",
        "Pack the kitchen", "Update the address at the bank", "Clean the old place", "Return the keys")),
    (r"\b(onboard|new hire|first day|orientation)", (
        "Sign the contract", "Set up the laptop", "Meet the team", "Read the handbook", "Join the team channels",
        "Book the first 1:1", "Complete security training", "Ship a first change")),
    (r"\b(launch|release|deploy|ship)", (
        "Freeze the release branch", "Run the regression suite", "Update the changelog", "Draft the announcement",
        "Check the monitoring", "Roll out to 10 %", "Roll out to everyone", "Write the retro notes")),
)


def group_tasks(group: str) -> list[str]:
    """To-dos of a checklist group named `group` ("Venue" → "Shortlist venue options", …)."""
    g = group.strip().lower()
    return [f"Shortlist {g} options", f"Book the {g}", f"Confirm {g} details", f"Pay the {g} deposit"]


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
    "objective": (("Grow weekly active users to 50k", "Cut onboarding time in half", "Launch in two new markets",
                   "Reach 95 % customer satisfaction", "Ship the design system v2", "Reduce churn below 2 %"), 0, 0,
                  ("3 key results · Q3", "4 key results · Q3", "2 key results · Q3", "3 key results · Q3",
                   "5 key results · Q3", "3 key results · Q3")),
    "extra": (("Child seat", "GPS navigation", "Additional driver", "Full insurance", "Snow chains",
               "Wi-Fi hotspot"), 4, 18, ("per day", "per day", "per rental", "per day", "per rental", "per day")),
}
_NOUN_ALIASES = {"bottle": "wine", "vinyl": "record", "lp": "record", "loaf": "bread", "loave": "bread",
                 "post": "article", "okr": "objective", "goal": "objective", "content": "article", "editorial": "article", "blog": "article",
                 "user story": "story", "stories": "story", "add-on": "extra", "addon": "extra", "charge": "line",
                 "fee": "line", "sweet": "dessert", "houseplant": "plant", "run": "run", "fruit": "smoothie"}
class _PeopleNouns(frozenset):
    """Nouns of people: these, and any noun ending as nouns of people do ("musician", "pianist",
    "trainee", "volunteer"), apart from `_NOT_PEOPLE`."""

    def __contains__(self, word: object) -> bool:
        return self.listed(word) or (
            isinstance(word, str) and _PERSON_ENDING.search(word) is not None and word not in _NOT_PEOPLE)

    def listed(self, word: object) -> bool:
        """Whether `word` is one of the nouns listed here, not one only its ending makes of people."""
        return frozenset.__contains__(self, word)


_PERSON_ENDING = re.compile(r"[a-z]{3,}(ician|ist|ee|eer)$")
_NOT_PEOPLE = frozenset({"list", "playlist", "wishlist", "checklist", "waitlist", "shortlist", "whitelist", "blacklist",
                         "fee", "coffee", "committee", "degree", "tree", "career", "pioneer"})
#: Nouns of people: names from faker, a job from faker (one the list names; none for a noun only
#: its ending makes one of people).
PEOPLE_NOUNS = _PeopleNouns({"owner", "employee", "contractor", "staff", "member", "volunteer", "student", "player", "driver",
                          "guest", "tenant", "client", "teacher", "freelancer", "worker", "attendee", "teammate",
                          "colleague", "coach", "tutor", "nurse", "doctor", "instructor", "mentor", "groomer",
                          "stylist", "barber", "therapist", "trainer", "judge", "reviewer", "host", "guide",
                          "cleaner", "babysitter", "walker", "photographer", "dentist", "agent", "user", "customer",
                          "subscriber", "resident", "passenger", "learner", "athlete", "cast", "crew", "pupil",
                          "child", "kid", "parent", "swimmer", "rider", "camper", "visitor"})
#: Nouns of things kept in numbered units (a laundromat's washers, a garage's bays): "Washer 3",
#: where it is, whether it is free.
UNIT_NOUNS = frozenset({"washer", "dryer", "machine", "locker", "printer", "charger", "court", "desk", "bay", "lane",
                        "pump", "kiosk", "terminal", "oven", "treadmill", "booth", "pod", "dock", "spot"})
#: Nouns of places found nearby (garages, gyms, branches): a name of the neighbourhood's, how far,
#: until when it is open, and a rate or a rating.
PLACE_NOUNS = frozenset({"garage", "gym", "branch", "clinic", "pharmacy", "store", "studio", "venue", "pool", "lot",
                         "hub", "depot", "office", "salon", "bakery", "cafe", "café", "library", "shelter", "museum",
                         "gallery", "hospital", "school", "campus", "court", "park", "location", "outlet"}) - UNIT_NOUNS
#: Nouns of matters tracked one by one from opening to closing (a law firm's cases, a council's
#: permits): a reference (for a case in law, its parties), who it is for, when it was opened, status.
TRACKED_NOUNS = frozenset({"case", "matter", "incident", "complaint", "inspection", "permit", "referral", "petition",
                           "dispute", "filing", "investigation"})
#: Nouns of a patient's medicines: name and strength, how to take it, refills left.
MEDICINE_NOUNS = frozenset({"prescription", "medication", "medicine", "med", "pill", "drug", "refill"})
_NEARBY = re.compile(r"\b(nearby|near|finder|locator|closest|around me|map of)\b")
_PLACE_NAMES = ("Central", "Riverside", "Old Town", "Harbour", "Northgate", "Market Street", "Park Lane",
                "Station Road", "Westside", "Hillcrest", "Canal Street", "Elm Grove")
_UNIT_PLACES = ("Ground floor", "Ground floor", "Floor 1", "Floor 1", "Back room", "Floor 2")
MEDICINES = (("Amoxicillin 500 mg", "1 capsule 3 times a day"), ("Lisinopril 10 mg", "1 tablet every morning"),
             ("Metformin 850 mg", "1 tablet twice a day"), ("Atorvastatin 20 mg", "1 tablet at night"),
             ("Levothyroxine 50 mcg", "1 tablet before breakfast"), ("Sertraline 50 mg", "1 tablet every morning"),
             ("Omeprazole 20 mg", "1 capsule before breakfast"), ("Salbutamol inhaler", "2 puffs as needed"))
#: A system's services, as a status page or a monitor lists them.
SYSTEM_SERVICES = ("API gateway", "Auth service", "Payments API", "Search", "Notifications", "Web app", "Database",
            "CDN", "Email delivery", "Webhooks")
_KIND_WORDS = {"list", "table", "grid", "cards", "card", "section", "row", "rows", "panel", "tiles", "tile", "items",
               "item", "results", "catalogue", "catalog", "inventory", "details", "menu"}


#: Plurals in -ves whose singular ends in -f or -fe ("shelves", "knives"); other -ves words drop the s.
VES_SINGULARS = {"shelves": "shelf", "wolves": "wolf", "leaves": "leaf", "halves": "half", "calves": "calf",
                 "loaves": "loaf", "knives": "knife", "lives": "life", "wives": "wife", "thieves": "thief",
                 "scarves": "scarf", "hooves": "hoof", "selves": "self", "elves": "elf", "sheaves": "sheaf"}


def _sing(w: str) -> str:
    if w in VES_SINGULARS:
        return VES_SINGULARS[w]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "sses")):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def singular(word: str) -> str:
    """A noun in the singular as the copy reads it ("loaves" → "loaf", "classes" → "class")."""
    return _sing(word)


_WEEKDAYS = tuple(d.lower() for d in DAY_NAMES)  # Monday first, as datetime counts them
#: Nouns of animals kept and cared for (not pets a domain of its own writes): each has a name.
ANIMAL_NOUNS = frozenset({"horse", "pony", "donkey", "cow", "calf", "goat", "sheep", "lamb", "alpaca", "llama", "pig",
                          "hen", "chicken", "duck", "goose", "rabbit", "bird", "parrot", "tortoise", "camel", "mule",
                          "heifer", "ewe", "ram", "stallion", "mare", "foal"})
ANIMAL_NAMES = ("Bramble", "Maple", "Jasper", "Clover", "Pepper", "Willow", "Nutmeg", "Duke", "Ginger", "Toffee",
                "Biscuit", "Hazel", "Rosie", "Murphy", "Skye", "Barley")
#: Nouns of what happens at a time ("Sunday services", "rehearsals", "hearings", "walks"): a noun
#: of these no domain knows lists dated occurrences (`OpenCopy.own_records`).
class _OccurrenceNouns(frozenset):
    """Nouns of what happens at a time: these, and any noun of an activity ("firing", "fitting",
    "grooming") apart from `_NOT_OCCURRING` (a building, a painting, a ring)."""

    def __contains__(self, word: object) -> bool:
        return frozenset.__contains__(self, word) or (
            isinstance(word, str) and len(word) > 5 and word.endswith("ing") and word not in _NOT_OCCURRING)


_NOT_OCCURRING = frozenset({
    "building", "ceiling", "painting", "drawing", "listing", "setting", "string", "thing", "spring", "morning",
    "evening", "clothing", "bedding", "filling", "topping", "seasoning", "heading", "sibling", "duckling", "earring",
    "pudding", "offering", "recording", "saving", "holding", "belonging", "dwelling", "lodging", "parking", "ending",
    "wedding", "standing", "ranking", "rating", "reading", "finding", "warning", "blessing", "stuffing",
    "dumpling", "icing", "frosting", "dressing", "railing", "flooring", "roofing", "siding", "fitting", "casing",
    "coupling", "housing", "wiring", "piping", "lining", "opening", "landing", "crossing", "clearing", "sling",
    "something", "anything", "everything", "nothing", "king", "wing", "ring", "sting", "swing", "bling", "pairing",
    "posting", "serving", "helping", "saying", "beginning", "cutting", "seedling", "sapling", "yearling", "gosling",
    "herring", "whiting", "bunting", "awning", "covering", "tubing", "padding", "coating", "lighting", "heating",
    "plumbing", "funding", "pricing", "shipping", "packaging", "marking", "branding", "engraving", "carving",
    "etching", "printing", "mooring", "berthing", "shilling", "farthing", "darling", "starling"})
OCCURRENCE_NOUNS = _OccurrenceNouns({
    "service", "session", "shift", "hearing", "rehearsal", "race", "collection", "pickup", "watering", "inspection",
    "visit", "meeting", "screening", "match", "round", "heat", "practice", "training", "performance", "show",
    "donation", "call", "interview", "exam", "tour", "trip", "walk", "ride", "feeding", "cleaning", "audit",
    "drill", "ceremony", "launch", "observation", "gig", "rota", "slot", "sitting", "feed", "dose", "treatment",
    "harvest", "sowing", "planting", "mow", "run", "dive", "climb", "hike", "lecture", "seminar", "workshop",
    "briefing", "recital", "concert", "viewing", "tasting", "checkup", "check-up", "delivery", "drop-off", "booking",
    "hire", "reservation"})
#: Plural words that name a screen's parts or a figure rather than records of their own: a
#: collection of these keeps its domain's records.
_NOT_OWN = frozenset({
    "conversation", "message", "comment", "reply", "option", "tip", "result", "item", "entry", "detail", "stat",
    "setting", "step", "question", "answer", "choice", "filter", "tag", "category", "holding", "region", "page",
    "stamp", "seat", "time", "day", "week", "month", "year", "hour", "minute", "note", "update", "notification",
    "link", "thing", "stuff", "record", "row", "column", "card", "tile", "photo", "image", "picture", "video",
    "favourite", "favorite", "highlight", "recommendation", "suggestion", "feature", "benefit", "review",
    "rating", "score", "point", "level", "reading", "metric", "kpi", "total", "amount", "price", "cost", "fee", "count",
    "alert", "reminder", "activity", "action", "shortcut", "section", "chip", "button", "field", "control",
    "slide", "bag", "size", "colour", "color", "variant", "language", "currency", "unit", "source", "trend",
    "search", "history", "upcoming", "recent", "popular", "trending", "related", "saved", "new", "top", "other",
    # what a pricing or settings page lays out itself: tiers, plans, roles
    "tier", "plan", "package", "bundle", "role", "permission", "member", "license", "licence", "addon",
    "add-on", "extra", "quantity", "subtotal"})
#: Words that hold a noun rather than qualify it ("bags of beans", "boxes of tea"): no name's part.
_HOLDERS = frozenset({"bag", "box", "bottle", "pack", "jar", "cup", "glass", "set", "pair", "kind", "type", "sort",
                      "tin", "crate", "case", "basket", "bunch", "piece", "slice", "loaf", "batch", "sack"})
#: Words after a noun of what happens that list its occurrences ("a watering schedule", "a feeding log").
_WHEN_TRAIL = frozenset({"schedule", "schedules", "calendar", "rota", "timetable", "log", "history", "plan", "times",
                         "list", "timeline", "tracker", "diary", "record"})
#: Words that end a collection's phrase without naming its records ("boats standings", "lifts
#: status", "a next collections list").
_OWN_TRAIL = frozenset({"standing", "standings", "status", "statuses", "result", "results", "schedule", "schedules",
                        "timeline", "accordion", "gallery", "carousel", "stock", "inventory", "levels",
                        "log", "history", "overview", "summary", "ranking", "rankings", "leaderboard", "board",
                        "time", "times", "tracker", "report", "roster", "queue", "calendar", "plan", "record"})
_OWN_SKIP = frozenset({"a", "an", "the", "of", "my", "our", "your", "their", "today", "today's", "all", "next",
                       "upcoming", "recent", "open", "live", "current", "latest", "past", "new", "active", "nearby",
                       "this", "week's", "tonight's", "per", "each", "with", "and", "by"})
#: Words before a collection's noun that name its element, not a kind of the noun ("a hearings
#: timeline", "a plots grid").
_OWN_SKIP_MODS = frozenset({"listing", "listings", "catalogue", "catalog", "storefront", "store", "shop", "timeline",
                            "chart", "map", "feed", "gallery", "carousel", "accordion", "checklist", "tabs", "chips",
                            "select", "dropdown", "search", "filter", "sidebar", "panel", "modal", "week", "weekly",
                            "day", "daily", "month", "monthly", "calendar"})
#: Words of a screen where what it lists is sold: own records then carry a price.
_SOLD = re.compile(r"(\bprices?\b|\bmenu\b|\border\b|\bpre-order\b|\bshop\b|\bcart\b|\bbasket\b|\bsubscri|"
                   r"(?<!tool )(?<!book )(?<!library )(?<!equipment )(?<!self )\bcheckout\b|\bstore\b|\btaproom\b|"
                   r"[$€£]\d)")  # a tool or library checkout lends, it does not sell
#: How a record of a sold noun no list names is told apart: food and drink by its style
#: ("House beer", "Seasonal tea"), other goods by their colour ("Sage scented candle").
_OWN_NAMES = ("House", "Seasonal", "Classic", "Signature", "Original", "Special", "Reserve", "Rustic", "Golden",
              "Heritage")
_OWN_COLOURS = ("Sage", "Charcoal", "Sand", "Navy", "Olive", "Stone", "Rust", "Ivory", "Slate", "Clay", "Moss", "Ochre")
_EATEN = re.compile(r"\b(menu|food|drinks?|bakery|bak(e|ed|ing)|cafe|café|coffee|tea|bar|taproom|brewery|pub|wine|beers?|"
                    r"cheeses?|cakes?|pastr|deli|kitchen|restaurant|dish|snack|sweet|chocolate|grocer|farm|butcher|"
                    r"fishmonger|juice|smoothie|cider|gin|spirits?)\b")


#: The states of a numbered thing by what the screen does to it (its first match in the prompt):
#: (fine, wants doing, what was last done) — "Log inspection": Checked, Due for check, inspected.
_THING_STATES: tuple[tuple[str, tuple[str, str, str]], ...] = (
    (r"\b(status|conditions|open|closed|opening)\b", ("Open", "Closed", "updated")),
    (r"\binspect", ("Checked", "Due for check", "inspected")),
    (r"\bassign", ("Assigned", "Unassigned", "assigned")),
    (r"\b(book|reserv)", ("Booked", "Free", "booked")),
    (r"\bwater", ("Watered", "Needs water", "watered")),
    (r"\bclean", ("Clean", "Needs cleaning", "cleaned")),
    (r"\b(rent|hire)", ("Rented", "Available", "rented")),
    (r"\b(repair|maintenance|servic)", ("Working", "Needs repair", "serviced")),
    (r"\b(feed|feeding)\b", ("Fed", "Feed due", "fed")),
)
#: Words of a figure that is money ("order total", "amount due"): a total of anything else is a count.
_MONEY_WORDS = re.compile(r"\b(amount|due|cost|costs|price|spend|spent|paid|pay|revenue|sales|bill|order|charges?|"
                          r"fees?|balance|income|payout|earnings|value|budget|sum|payments?|savings|refunds?|tax|vat|"
                          r"basket|cart|checkout|donations?|raised|invoice\w*|expenses?|salary|wages)\b")
#: Machines a fleet or an estate numbers by unit ("Scooter #4821", "Sensor #1377").
_FLEET = re.compile(r"(scooter|bike|van|truck|lorry|car|bus|drone|robot|sensor|printer|kiosk|terminal|laptop|device|"
                    r"charger|meter|pump|boiler|forklift|camera|trolley|generator|turbine|panel|inverter|router)$")
#: What a temperature of a screen measures, by its words: (pattern, lowest, highest) in °C.
_TEMPERATURES: tuple[tuple[str, tuple[int, int]], ...] = (
    (r"\b(kilns?|furnaces?|forges?|smelt\w*|glass ?blow\w*|foundr\w*)\b", (1040, 1280)),
    (r"\b(ovens?|pizza|bak\w*|smok\w*|roast\w*)\b", (160, 260)),
    (r"\b(freezers?)\b", (-22, -16)),
    (r"\b(fridges?|refrigerat\w*|cold ?chain|cold store|chiller)\b", (1, 6)),
    (r"\b(road|roads|gritting|grit|snow|plough|plow|ice|frost|winter)\b", (-6, 3)),
    (r"\b(fever|body|patients?|baby|infant)\b", (36, 39)),
    (r"\b(pools?|aquarium|tank|fish)\b", (22, 28)),
    (r"\b(greenhouses?|polytunnel|grow ?room|server room|rooms?|office|home)\b", (17, 28)),
)


def temperature_range(prompt: str) -> tuple[int, int]:
    """The temperatures (°C) of what a screen measures, by its words (`_TEMPERATURES`): a kiln's
    over a thousand, a road's around freezing, a room's or a day's outdoors otherwise."""
    return next((rng for pattern, rng in _TEMPERATURES if re.search(pattern, prompt.lower())), (14, 29))


def _email(name: str, i: int) -> str:
    """A person's email as people have them ("jennifer.murphy@outlook.com"), not a placeholder."""
    first, *rest = re.sub(r"[^a-z ]", "", name.lower()).split() or ["name"]
    return f"{first}.{rest[-1] if rest else 'x'}@{('gmail.com', 'outlook.com', 'icloud.com', 'proton.me')[i % 4]}"


#: States of a thing that say none of it is left.
_NONE_LEFT = frozenset({"out", "sold out", "out of stock", "empty"})
#: States of a thing that say nobody holds it.
_NOBODYS = frozenset({"free", "vacant", "cleaning", "available", "empty", "unassigned"})
#: Page nouns of screens that follow what is sold through its stages rather than price it.
_TRACKING = re.compile(r"\b(tracker|board|log|queue|dashboard|monitor|status|kanban)\b")
_THING_DEFAULT = ("Active", "Needs attention", "updated")


def _thing_states(prompt: str) -> tuple[str, str, str]:
    """`_THING_STATES` of the first pattern `prompt` (lower case) matches, else `_THING_DEFAULT`."""
    return next((st for pattern, st in _THING_STATES if re.search(pattern, prompt)), _THING_DEFAULT)


#: What a sold noun's records are called, where the noun has styles of its own ("beers": a hazy
#: IPA, a pilsner), rather than "House beer".
_STYLES: dict[str, tuple[str, ...]] = {
    "beer": ("Hazy IPA", "Pale ale", "Pilsner", "Oatmeal stout", "Session IPA", "Saison", "Wheat beer", "Porter",
             "Raspberry sour", "Amber lager"),
    "ale": ("Best bitter", "Pale ale", "Golden ale", "Mild", "Red ale", "Brown ale", "Old ale", "Blonde ale"),
    "cider": ("Dry cider", "Medium cider", "Perry", "Cloudy apple", "Rosé cider", "Scrumpy"),
    "wine": ("Pinot noir", "Sauvignon blanc", "Rioja reserva", "Chablis", "Malbec", "Prosecco", "Riesling",
             "Côtes du Rhône"),
    "tea": ("Earl Grey", "Sencha", "Assam", "Darjeeling", "Chamomile", "Jasmine pearls", "Rooibos", "Oolong"),
    "coffee": ("Ethiopia Yirgacheffe", "Colombia Huila", "House espresso", "Brazil Cerrado", "Guatemala Antigua",
               "Swiss water decaf"),
    "cheese": ("Aged cheddar", "Brie de Meaux", "Comté", "Manchego", "Stilton", "Gouda", "Taleggio", "Halloumi"),
    "cocktail": ("Negroni", "Old fashioned", "Margarita", "Espresso martini", "Daiquiri", "Mojito", "Paloma"),
}
#: The strength range of a drink sold by the glass (low, high, in % ABV).
_STRENGTH = {"beer": (4.0, 7.5), "ale": (3.6, 5.8), "cider": (4.5, 7.0), "wine": (11.5, 14.0),
             "cocktail": (12.0, 25.0)}

#: Things a product names rather than numbers, by the noun that lists them: (nouns, words the
#: screen must hold for the sort to apply or None, the detail's column, states). `_named_things`
#: writes each: works with their maker, museum objects with their period, areas by where they
#: lie, pairings of two players, lost belongings with where they were found, boats by name, a
#: film's scenes by set, the sky's objects by catalogue name.
_NAMED_SORTS: dict[str, tuple[frozenset[str], re.Pattern | None, str, tuple[str, ...]]] = {
    "work": (frozenset({"piece", "work", "composition", "song", "anthem", "hymn", "carol", "painting", "artwork",
                        "print", "poem", "sculpture", "canvas", "drawing"}), None, "By",
             ("Ready", "Learning", "Needs work", "Ready")),
    "object": (frozenset({"object", "artefact", "artifact", "exhibit", "specimen", "relic", "antique", "coin",
                          "fossil", "manuscript", "find", "acquisition"}), None, "Period",
               ("On display", "In storage", "On loan", "On display")),
    "area": (frozenset({"block", "field", "bed", "paddock", "zone", "orchard", "terrace", "pasture", "meadow",
                        "greenhouse", "polytunnel", "vineyard", "row", "parcel", "enclosure", "border"}), None, "Area",
             ("In season", "Ready to pick", "Resting", "In season")),
    "pairing": (frozenset({"pairing", "fixture", "bout", "matchup", "match-up", "board"}),
                re.compile(r"\b(chess|tournament|club|league|round|pairings?|fixtures?|bouts?)\b"), "Board",
                ("1–0", "½–½", "0–1", "In play", "In play", "Not started")),
    "belonging": (frozenset({"found item", "lost item", "lost property", "belonging", "lost and found"}), None,
                  "Found", ("Unclaimed", "Unclaimed", "Claimed", "Held")),
    "vessel": (frozenset({"boat", "yacht", "dinghy", "ship", "vessel", "canoe", "kayak", "barge", "ferry"}), None,
               "Class", ("Afloat", "Afloat", "Ashore", "In repair")),
    "scene": (frozenset({"scene", "shot", "setup"}), re.compile(r"\b(film|shoot|call sheet|production|script|"
                                                               r"storyboard|director|cast|crew)\b"), "Set",
              ("Scheduled", "Shot", "Scheduled", "Moved")),
    "target": (frozenset({"target", "object"}), re.compile(r"\b(astronom\w*|telescope|observ\w*|stargaz\w*|sky|"
                                                            r"planetarium)\b"), "Type",
               ("Visible", "Visible", "Rises 23:10", "Below horizon")),
}
_WORKS_MUSIC = (("Symphony No. 9", "Dvořák"), ("Enigma Variations", "Elgar"), ("Finlandia", "Sibelius"),
                ("The Planets: Jupiter", "Holst"), ("Serenade for Strings", "Tchaikovsky"),
                ("Academic Festival Overture", "Brahms"), ("The Lark Ascending", "Vaughan Williams"),
                ("Eine kleine Nachtmusik", "Mozart"), ("Pavane", "Fauré"), ("Water Music", "Handel"),
                ("Slavonic Dance No. 8", "Dvořák"), ("Nimrod", "Elgar"))
_WORKS_SUNG = (("Ave verum corpus", "Mozart"), ("Locus iste", "Bruckner"), ("Hallelujah", "Handel"),
               ("Cantique de Jean Racine", "Fauré"), ("The Seal Lullaby", "Whitacre"), ("Lux aeterna", "Lauridsen"),
               ("Zadok the Priest", "Handel"), ("O magnum mysterium", "Lauridsen"))
_WORKS_ART = ("Harbour at Dusk", "Study in Blue", "Winter Light", "The Long Field", "Morning Tide",
              "Still Life with Pears", "Quiet Street", "North Shore", "Red Roofs", "After the Rain")
_OBJECTS = (("Bronze hand mirror", "Roman, 2nd century"), ("Blue-and-white porcelain vase", "Ming, c. 1600"),
            ("Carved oak chest", "English, c. 1650"), ("Silver denarius", "Roman, 44 BC"),
            ("Glass scent bottle", "Venetian, c. 1720"), ("Illuminated psalter leaf", "French, c. 1300"),
            ("Ammonite fossil", "Jurassic"), ("Terracotta oil lamp", "Greek, 4th century BC"),
            ("Lacquer writing box", "Japanese, Edo period"), ("Enamel pocket watch", "Swiss, c. 1820"))
_AREA_PLACES = ("North", "South", "River", "Hill", "Top", "East", "West", "Lower", "Old", "Long")
_AREA_SIZES = ("0.8 ha", "1.2 ha", "0.5 ha", "2.1 ha", "1.6 ha", "0.9 ha")
_BELONGINGS = ("Black umbrella", "Blue backpack", "Silver phone", "Brown leather wallet", "House keys on a red fob",
               "Grey wool scarf", "Reading glasses", "Laptop charger", "Child's teddy bear", "Green water bottle")
_VESSELS = (("Kestrel", "Laser"), ("Sea Breeze", "RS200"), ("Blue Heron", "Wayfarer"), ("Osprey", "Laser"),
            ("Wind Dancer", "Topper"), ("Merlin", "RS Feva"), ("Puffin", "Mirror"), ("Saltire", "Wayfarer"),
            ("Curlew", "Laser"), ("Firefly", "Topper"))
_SETS = ("INT. KITCHEN – DAY", "EXT. HARBOUR – NIGHT", "INT. OFFICE – DAY", "EXT. ROOFTOP – DUSK",
         "INT. CAR – NIGHT", "EXT. MARKET – DAY", "INT. HALLWAY – NIGHT", "EXT. BEACH – DAWN")
_SKY = (("M31 Andromeda Galaxy", "Galaxy"), ("M42 Orion Nebula", "Nebula"), ("Jupiter", "Planet"),
        ("M13 Hercules Cluster", "Globular cluster"), ("M45 Pleiades", "Open cluster"), ("Saturn", "Planet"),
        ("M57 Ring Nebula", "Nebula"), ("Albireo", "Double star"), ("M81 Bode's Galaxy", "Galaxy"))


#: The names each sort draws from (a sort not here names from people or numbers, without end).
_NAMED_POOLS: dict[str, tuple] = {"object": _OBJECTS, "area": _AREA_PLACES, "belonging": _BELONGINGS,
                                  "vessel": _VESSELS, "target": _SKY}


def named_sort(noun: str, prompt: str) -> str | None:
    """Which of `_NAMED_SORTS` a numbered thing's noun is on this screen ("piece": a work;
    "target" on an observing planner: a sky object), or None."""
    words = noun.lower().split()
    for sort, (nouns, context, _col, _states) in _NAMED_SORTS.items():
        if (noun.lower() in nouns or words[-1] in nouns) and (context is None or context.search(prompt.lower())):
            if sort == "object" and _NAMED_SORTS["target"][1].search(prompt.lower()):
                continue  # an observing night's objects are the sky's
            return sort
    return None


def _named_things(c: OpenCopy, sort: str, noun: str, n: int) -> list[dict]:
    """`n` records of a `_NAMED_SORTS` sort: name, detail (the sort's column) and state."""
    r, k = c.rng, c.k
    low = c.prompt.lower()
    states = _NAMED_SORTS[sort][3]
    people = c.people(2 * n)
    pool = _NAMED_POOLS.get(sort)
    rows = []
    for i in range(min(n, len(pool)) if pool else n):  # each name once: a pool's worth at most
        def nth(seq, at=k + i):  # the i-th of a pool, from this copy's offset
            return seq[at % len(seq)]
        if sort == "work":
            sung = re.search(r"\b(choir|chorus|choral|sing\w*|vocal|carols?|hymns?|anthems?)\b", low)
            if re.search(r"\b(orchestra|choir|chorus|band|ensemble|concert|recital|rehearsal|music|symphon\w*|"
                         r"quartet|piano|programme|program|repertoire)\b", low):
                name, detail = nth(_WORKS_SUNG if sung else _WORKS_MUSIC)
                if not re.search(r"\b(rehears\w*|practi[cs]e|learn\w*|attendance)\b", low):
                    rows.append({"name": name, "detail": detail, "state": f"{r.randint(4, 24)} min"})
                    continue  # a programme's works: how long each plays
            else:
                name, detail = nth(_WORKS_ART), people[i]
        elif sort == "object":
            name, detail = nth(_OBJECTS)
        elif sort == "area":
            head = noun.split()[-1]
            name, detail = f"{nth(_AREA_PLACES)} {head}", nth(_AREA_SIZES)
        elif sort == "pairing":
            name, detail = f"{people[2 * i]} vs {people[2 * i + 1]}", f"Board {i + 1}"
        elif sort == "belonging":
            name = nth(_BELONGINGS)
            places = ("Platform ", "Carriage ") if re.search(r"\b(train|rail\w*|station|tram|metro)\b", low) else \
                ("Gate ", "Lounge ") if re.search(r"\b(airport|flights?|terminal)\b", low) else ("Room ", "Desk ")
            detail = f"{places[i % 2]}{r.randint(1, 9)} · {c.date()}"
        elif sort == "vessel":
            name, detail = nth(_VESSELS)
        elif sort == "scene":
            name, detail = f"Scene {r.randint(4, 60) + 7 * i}", nth(_SETS)
        else:  # target
            name, detail = nth(_SKY)
        rows.append({"name": name, "detail": detail, "state": nth(states)})
    return rows


#: What a workshop repairs, by the words of its screen: (pattern, things, jobs); the last is any.
_REPAIRS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (r"\b(bikes?|bicycles?|cycles?|cycling)\b",
     ("Trek FX 2", "Brompton C Line", "Specialized Allez", "Giant Escape 3", "Cannondale Topstone", "Dawes Galaxy",
      "Raleigh Pioneer", "Ribble CGR"),
     ("Brake bleed", "Puncture repair", "Gear tune", "Chain and cassette", "Full service", "Wheel true")),
    (r"\b(cars?|vans?|garage|mechanics?|mot|vehicles?)\b",
     ("Ford Fiesta", "VW Golf", "Toyota Yaris", "Vauxhall Corsa", "BMW 3 Series", "Nissan Qashqai"),
     ("MOT", "Brake pads", "Oil and filter", "Clutch", "Two tyres", "Diagnostics")),
    (r"\b(phones?|laptops?|computers?|tablets?|devices?|screens?|it)\b",
     ("iPhone 13", "Pixel 7", "Galaxy S22", "MacBook Air", "ThinkPad T14", "iPad Air"),
     ("Screen swap", "New battery", "Charging port", "Water damage", "Keyboard", "Data recovery")),
    (r"", ("Leather boots", "Wristwatch", "Handbag", "Winter coat", "Table lamp", "Office chair"),
     ("Resole", "New strap", "Zip repair", "Rewire", "Clean and check", "Stitching")),
)

#: Where an application stands, when it is for no job (a waiting list, a scholarship, a grant).
_APPLICANT_STAGES = ("New", "In review", "Shortlisted", "Waiting", "Offered", "In review")

#: Occurrences that cover a distance: a done one says how far.
_DISTANCE_OCCURRENCES = frozenset({"run", "ride", "hike", "walk", "race", "trip", "climb"})

#: Occurrences someone leads or attends (a hearing, a lesson, a shift): each names the person.
_LED = frozenset({"booking", "hire", "reservation",
                  "service", "session", "shift", "hearing", "rehearsal", "meeting", "lesson", "class", "interview",
                  "visit", "tour", "walk", "appointment", "lecture", "seminar", "workshop", "briefing", "recital",
                  "concert", "viewing", "tasting", "checkup", "check-up", "performance", "show", "training",
                  "practice", "treatment", "call", "exam", "screening", "gig", "sitting", "rota", "audit", "drill",
                  "ceremony", "observation", "dive", "climb", "hike", "ride", "trip"})


#: People whose line is their job ("contractors", "staff"); others have a detail of their own.
_WORKING_PEOPLE = frozenset({"employee", "contractor", "staff", "worker", "freelancer", "colleague", "teammate",
                             "agent", "owner", "host", "guide", "cleaner", "trainer", "coach", "tutor", "teacher",
                             "instructor", "mentor", "nurse", "doctor", "therapist", "stylist", "barber", "groomer",
                             "photographer", "dentist", "reviewer", "judge", "driver", "walker", "babysitter"})


def _person_detail(c: OpenCopy, noun: str, i: int) -> str:
    """A line under a person of `noun` who is not listed by their job: a pupil's grade, a
    member's year of joining, a resident's flat, a passenger's seat, a player's number."""
    r = c.rng
    if noun in ("student", "learner", "pupil"):
        return f"Grade {r.randint(1, 8)}"
    if noun in ("member", "user") and re.search(r"\b(workspace|team|organi[sz]ation|admin|settings|roles?|access)\b",
                                                c.prompt.lower()):
        return ("Admin", "Editor", "Viewer", "Editor", "Owner", "Viewer")[(c.k + i) % 6]  # a team's: their access
    if noun in ("member", "subscriber", "volunteer", "customer"):
        return f"{noun.capitalize()} since {r.randint(2016, 2025)}"
    if noun in ("resident", "tenant"):
        return f"Flat {r.randint(1, 9)}{r.choice('ABCD')}"
    if noun == "passenger":
        return f"Seat {r.randint(3, 38)}{r.choice('ACDF')}"
    if noun in ("player", "athlete"):
        return f"#{r.randint(2, 99)}"
    if noun == "guest":
        return f"{r.randint(1, 6)} nights"
    return ""


def own_noun(words: str, domain_words: frozenset[str]) -> str | None:
    """The plural noun a collection's `words` end on ("a hives list", "boats standings", "Sunday
    services") when no record table writes it and `domain_words` (the copy domain's own words,
    `OpenCopy.domain_words`) do not name it: the noun phrase in the singular ("hive", "boat",
    "Sunday service"), else None. A domain's records under another domain's noun ("Hives" over
    a code review's commits) are what this replaces. A noun of what happens at a time before a
    word like "schedule" ("a watering schedule") counts though singular."""
    said = [w for w in re.findall(r"[a-z][a-z'\-]*", (words or "").lower()) if w not in _OWN_SKIP and "'" not in w]
    ws = list(said)
    for a, b in zip(ws, ws[1:]):
        if f"{a} {_sing(b)}" in _NAMED_SORTS["belonging"][0] and b.endswith("s"):
            return f"{a} {_sing(b)}"  # "found items": belongings, though "items" alone are the domain's
    while ws and (ws[-1] in _OWN_TRAIL or ws[-1] in _KIND_WORDS):
        ws = ws[:-1]
    if not ws:
        return None
    head = ws[-1]
    one = _sing(head)
    if len(ws) < len(said) and one == head and one in OCCURRENCE_NOUNS and said[len(ws)] in _WHEN_TRAIL:
        return one  # "a watering schedule": the waterings, each on its day (not "booking results")
    if one == head or not head.endswith("s") or one in _NOT_OWN or len(one) < 3 or one in PEOPLE_NOUNS:
        return None  # a singular ("a garden plan"), a screen's part ("conversations"), people
    before = ws[-2] if len(ws) > 1 else ""
    mods = [before] if before and before not in _KIND_WORDS and before not in _OWN_TRAIL and \
        before not in _OWN_SKIP_MODS and _sing(before) == before and _sing(before) not in _HOLDERS else []
    if any(_sing(w) in domain_words or w in domain_words for w in mods + [head]):
        return None  # the domain's own noun ("hotel search results", "job postings")
    return " ".join(w.capitalize() if w in _WEEKDAYS else w for w in mods + [one])


def noun_of(words: str) -> str | None:
    """The record noun of NOUN_RECORDS, PEOPLE_NOUNS, UNIT_NOUNS, PLACE_NOUNS or MEDICINE_NOUNS
    (or ``"line"`` for a bill's charges) that
    a section's words end on ("vinyl records" → record, "a contractors table" → contractor,
    "bottles list" → wine), or None."""
    # "washers and dryers as cards showing status badges": the records are what comes before "as"
    words = re.sub(r"\s+as\s+(an?\s+)?(cards?|tiles?|list|rows?|grid|table|items)\b.*$", "", (words or "").lower())
    ws = [w for w in re.findall(r"[a-z][a-z\-]*", words)]
    while ws and ws[-1] in _KIND_WORDS:
        ws = ws[:-1]
    for w in reversed(ws[-3:]):
        if w in _KIND_WORDS:
            continue
        one = _sing(w)
        one = _NOUN_ALIASES.get(w, _NOUN_ALIASES.get(one, one))
        if one == "smoothie" or (one == "record" and not re.search(r"\b(vinyl|lp|album|music|record store)", " ".join(ws))):
            return None
        if (one in PLACE_NOUNS or one in UNIT_NOUNS) and w == one and not _NEARBY.search(words):
            continue  # "library catalogue search": one library's page, not a list of libraries
        if (one in TRACKED_NOUNS or one in PEOPLE_NOUNS and not PEOPLE_NOUNS.listed(one)) \
                and w == one:
            continue  # "case tracker", "musician profile": one of them names the page
        if one in NOUN_RECORDS or one in PEOPLE_NOUNS or one == "line" or one in UNIT_NOUNS or \
                one in PLACE_NOUNS or one in MEDICINE_NOUNS or one in TRACKED_NOUNS:
            return one
        if w.endswith("s") or w in _NOUN_ALIASES:
            return None  # the nearest plural names the records: another noun's copy does not fit them
    return None


#: Values of key–value facts by what their label names (`OpenCopy.fact`), first match wins.
_FACTS: tuple[tuple[str, Callable[[OpenCopy], str]], ...] = (
    # where a thing is kept: "Bin location" → "Bin C-12", "Aisle" → "Aisle 7"
    (r"\b(bin|shelf|rack|zone|bay|locker|pallet)\b",
     lambda c: f"{re.search(r'(bin|shelf|rack|zone|bay|locker|pallet)', c._fact_label).group(1).capitalize()} "
               f"{c.rng.choice('ABCDEF')}-{c.rng.randint(1, 40):02d}"),
    (r"\baisle\b", lambda c: f"Aisle {c.rng.randint(1, 24)}"),
    (r"^age$", lambda c: f"{c.rng.randint(1, 9)} years" if c.spec.name == "pets" or c.rng.random() < 0.5
     else str(c.rng.randint(21, 64))),
    (r"^breed$", lambda c: c.rng.choice(("Labrador mix", "Border collie", "Beagle", "Tabby", "Maine coon", "Terrier mix"))),
    (r"^size$", lambda c: c.rng.choice(("Small", "Medium", "Large")) if c.spec.name == "pets"
     else f"{c.rng.randint(48, 210)} m²"),
    (r"^(sex|gender)$", lambda c: c.rng.choice(("Female", "Male"))),
    (r"^weight$", lambda c: f"{c.rng.randint(3, 32)} kg"),
    (r"\bgate\b", lambda c: f"{c.rng.choice('ABCD')}{c.rng.randint(2, 40)}"),
    (r"\bseat\b", lambda c: f"{c.rng.randint(3, 38)}{c.rng.choice('ACDF')}"),
    (r"\bterminal\b", lambda c: f"T{c.rng.randint(1, 5)}"),
    (r"\bplatform\b", lambda c: str(c.rng.randint(1, 14))),
    (r"\b(bed|bath|bedroom|bathroom|room|floor|guest|passenger|adult|child)s?\b", lambda c: str(c.rng.randint(1, 4))),
    (r"\b(area|surface|size|living space)\b", lambda c: f"{c.rng.randint(48, 210)} m²"),
    (r"\b(time|departs?|departure|arrives?|arrival|boarding|check-in|check-out|opens?|closes?)\b", lambda c: _time(c)),
    (r"\b(date|day|due|expires?|expiry|born|since|joined)\b", lambda c: c.date()),
    (r"\b(address|location|venue)\b", lambda c: c.street()),
    (r"\b(name|owner|agent|contact|host|driver|author|assignee|manager)\b", lambda c: c.person()),
    (r"\be-?mail\b", lambda c: c.fake.email()),
    (r"\bphone\b", lambda c: c.fake.phone_number()),
    (r"\b(status|state)\b", lambda c: c.rng.choice(c.spec.statuses)),
    (r"\b(city|destination|origin|from|to)\b", lambda c: c.city()),
)

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


def _rental_item(c: OpenCopy, i: int) -> Item:
    name, seats, bags, gear, price = RENTAL_CARS[(c.k + i) % len(RENTAL_CARS)]
    return name, f"{seats} seats · {bags} bag{'s' if bags != 1 else ''} · {gear}", f"€{price}/day"


def _rental_row(c: OpenCopy, i: int) -> list[str]:
    name, seats, _bags, gear, price = RENTAL_CARS[(c.k + i) % len(RENTAL_CARS)]
    return [name, str(seats), gear, f"€{price}/day"]


def _watch_item(c: OpenCopy, i: int) -> Item:
    meta = f"{CHANNELS[(c.k + i) % len(CHANNELS)]} · {c.rng.randint(2, 980)}K views · {c.rng.randint(1, 11)} months ago"
    return VIDEOS[(c.k + i) % len(VIDEOS)], meta, f"{c.rng.randint(4, 38)}:{c.rng.randint(0, 59):02d}"


def _watch_row(c: OpenCopy, i: int) -> list[str]:
    title, meta, length = _watch_item(c, i)
    channel, views, _when = meta.split(" · ")
    return [title, channel, views, length]


def _route(c: OpenCopy) -> tuple[tuple[str, str], tuple[str, str]]:
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


def _flight_item(c: OpenCopy, i: int) -> Item:
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


def _bank_item(c: OpenCopy, i: int) -> Item:
    name, cat, base = _PAYEES[(c.k + i * 5) % len(_PAYEES)]
    amount = base * c.rng.uniform(0.6, 1.3) if base < 1000 else base
    sign = "+" if cat == "Income" else "−"
    return name, f"{c.date()} · {cat}", sign + _money(round(amount, 2))


def _journey_item(c: OpenCopy, i: int) -> Item:
    dep_h = 6 + (i * 2 + c.k) % 15
    dep_m = c.rng.choice((4, 12, 27, 38, 51))
    dur = c.rng.randint(45, 260)
    arr = dep_h * 60 + dep_m + dur
    changes = c.rng.choice(("Direct", "Direct", "1 change"))
    low = c.prompt.lower()
    ops = next((o for w, o in OPERATORS_BY_MODE if re.search(rf"\b{w}", low)), OPERATORS)
    return (f"{dep_h:02d}:{dep_m:02d} → {arr // 60 % 24:02d}:{arr % 60:02d} {ops[(c.k + i) % len(ops)]}",
            f"{dur // 60} h {dur % 60:02d} min · {changes}", _money(c.rng.randint(9, 89) + 0.5, "€"))


def _product_item(c: OpenCopy, i: int) -> Item:
    names = (("Linen shirt", "Clothing"), ("Leather tote", "Bags"), ("Ceramic mug set", "Home"),
             ("Merino beanie", "Accessories"), ("Canvas sneakers", "Shoes"), ("Wool throw", "Home"),
             ("Silk scarf", "Accessories"), ("Denim jacket", "Clothing"))
    n, cat = names[(c.k + i) % len(names)]
    return n, f"{cat} · {c.rng.randint(41, 49) / 10} ★", _money(c.rng.randint(18, 140), "€")


def _event_item(c: OpenCopy, i: int) -> Item:
    name, venue = EVENTS[(c.k + i) % len(EVENTS)]
    return name, f"{venue} · {c.rng.choice(('Fri', 'Sat', 'Sun'))} {c.date()}", f"from €{c.rng.randint(12, 85)}"


def _invoice_item(c: OpenCopy, i: int) -> Item:
    return c.company(), f"INV-{2040 + (c.k + i) % 60:04d} · {c.date()}", _money(c.rng.randint(300, 9000))


def _deal_item(c: OpenCopy, i: int) -> Item:
    return c.company(), f"{c.person()} · closes {c.date()}", f"${c.rng.randint(4, 90)}k"


def _price_k(c: OpenCopy) -> str:
    return f"€{c.rng.randint(280, 1400) * 1000:,}"


def _flight_row(c: OpenCopy, i: int) -> list[str]:
    t, meta, price = _flight_item(c, i)
    return [meta.split(" · ")[0], t.split(" ")[0], meta.split(" · ")[1], meta.split(" · ")[2], price]


# -- pets, smart home, news, mail, gaming, insurance, photography, security, cars ----------------------
#: Animals of a shelter or a pet-care app: (name, species, breed).
PETS = (("Bella", "Dog", "Labrador mix"), ("Milo", "Cat", "Tabby"), ("Pepper", "Rabbit", "Dutch lop"),
        ("Luna", "Dog", "Border collie"), ("Oscar", "Cat", "Maine coon"), ("Clover", "Rabbit", "Lionhead"),
        ("Daisy", "Dog", "Beagle"), ("Nala", "Cat", "Domestic shorthair"), ("Biscuit", "Dog", "Cocker spaniel"),
        ("Ziggy", "Cat", "Siamese"), ("Hazel", "Rabbit", "Mini rex"), ("Rocky", "Dog", "Staffie cross"),
        ("Willow", "Cat", "Ragdoll"), ("Teddy", "Dog", "Cavapoo"), ("Juniper", "Rabbit", "Netherland dwarf"),
        ("Max", "Dog", "Golden retriever"), ("Poppy", "Dog", "Miniature poodle"), ("Archie", "Dog", "Border terrier"),
        ("Coco", "Dog", "Shih tzu"), ("Bear", "Dog", "Bernese mountain dog"), ("Ruby", "Dog", "Whippet"))
GROOMS = ("Full groom", "Bath and brush", "Nail trim", "Puppy trim", "De-shed treatment", "Hand strip")
PET_AGES = ("10 weeks", "5 months", "1 yr", "2 yrs", "3 yrs", "4 yrs", "6 yrs", "9 yrs")
#: Species a prompt may narrow the animals to ("a dog walking app" walks dogs).
_SPECIES = (("Dog", r"\b(dogs?|pupp(y|ies)|canine)\b|\bdog-"), ("Cat", r"\b(cats?|kittens?|feline)\b"),
            ("Rabbit", r"\b(rabbits?|bunn(y|ies))\b"))
PET_VISITS = ("Vaccination", "Annual check-up", "Dental clean", "Nail trim", "Follow-up", "Flea treatment")


def _pets(c: OpenCopy) -> tuple[tuple[str, str, str], ...]:
    """The animals of the species the prompt names (all of them where it names none)."""
    low = c.prompt.lower()
    named = {sp for sp, pat in _SPECIES if re.search(pat, low)}
    return tuple(p for p in PETS if p[1] in named) or PETS


#: Houseplants: name, where it stands, days between waterings.
HOUSEPLANTS: tuple[tuple[str, str, int], ...] = (
    ("Monstera", "Living room", 7), ("Snake plant", "Bedroom", 14), ("Fiddle-leaf fig", "Living room", 7),
    ("Golden pothos", "Kitchen", 5), ("Peace lily", "Office", 4), ("ZZ plant", "Hallway", 14), ("Calathea", "Bathroom", 4),
    ("Basil", "Kitchen window", 2), ("String of pearls", "Bedroom", 10), ("Bird of paradise", "Living room", 6))


def _plant_item(c: OpenCopy, i: int) -> Item:
    name, where, every = HOUSEPLANTS[(c.k + i) % len(HOUSEPLANTS)]
    due = (i * 3 + c.k) % (every + 1)
    return name, f"{where} · water {'today' if due == 0 else 'tomorrow' if due == 1 else f'in {due} days'}", \
        ("Thirsty" if due == 0 else c.rng.choice(("Healthy", "Healthy", "Needs light")))


#: Interests a dating profile lists.
INTERESTS = ("Hiking", "Cooking", "Live music", "Photography", "Travel", "Yoga", "Board games", "Coffee", "Dogs",
             "Climbing")


def _dating_item(c: OpenCopy, i: int) -> Item:
    first = c.fake.first_name()
    return f"{first}, {c.rng.randint(24, 39)}", f"{c.rng.randint(1, 18)} km away · {INTERESTS[(c.k + i) % len(INTERESTS)]}", \
        f"{c.rng.randint(70, 98)}% match"


def _pet_item(c: OpenCopy, i: int) -> Item:
    pets = _pets(c)
    name, species, breed = pets[(c.k + i) % len(pets)]
    low, r = c.prompt.lower(), c.rng
    if re.search(r"\b(walk|walker|sitter|sitting|daycare|boarding)", low):  # a walk or a stay booked for the pet
        when = f"{8 + (i * 2) % 12:02d}:{r.choice(('00', '15', '30', '45'))}"  # the day's walks in order
        return name, f"{when} · {breed} · {r.choice((30, 45, 60))} min", ("Done", "On a walk", "Scheduled")[min(i, 2)]
    if re.search(r"\bgroom", low):  # a grooming salon's day: the pet's slot, breed and treatment
        when = f"{8 + i:02d}:{('00', '30')[i % 2]}"
        states = ("Ready for pickup", "In the salon", "Booked") if "salon" in low else ("Done", "Grooming now", "Booked")
        return name, f"{when} · {breed} · {GROOMS[(c.k + i) % len(GROOMS)]}", states[min(i, 2)]
    if re.search(r"\b(vet|veterinar|clinic|appointment|vaccin)", low):
        return name, f"{breed} · {r.choice(PET_VISITS)} · {_time(c)}", f"Dr. {c.last()}"
    return name, f"{species} · {breed} · {PET_AGES[(c.k + i * 3) % len(PET_AGES)]}", \
        r.choice(("Available", "Available", "Available", "Reserved"))


def _pet_row(c: OpenCopy, i: int) -> list[str]:
    pets = _pets(c)
    name, species, breed = pets[(c.k + i) % len(pets)]
    return [name, species, breed, PET_AGES[(c.k + i * 3) % len(PET_AGES)],
            c.rng.choice(("Available", "Available", "Reserved", "Adopted"))]


#: Devices of a smart home: (name, room, what it does when on, when off).
DEVICES = (("Ceiling lights", "Living room", "80% brightness", "Off"),
           ("Thermostat", "Hallway", "Heating to 21°", "Eco · 17°"),
           ("Floor lamp", "Living room", "Warm white · 40%", "Off"),
           ("Dishwasher", "Kitchen", "Eco cycle · 42 min left", "Idle"),
           ("Front door lock", "Entrance", "Locked", "Unlocked"),
           ("Bedside lamp", "Bedroom", "Dimmed · 20%", "Off"),
           ("Robot vacuum", "Kitchen", "Cleaning · 64% battery", "Docked"),
           ("Air purifier", "Bedroom", "Auto · air quality good", "Off"),
           ("Garden camera", "Garden", "Recording", "Paused"),
           ("Desk speaker", "Office", "Playing · volume 35%", "Idle"),
           ("Towel rail", "Bathroom", "On until 08:00", "Off"),
           ("Coffee machine", "Kitchen", "Heating up", "Standby"))
DEVICE_WATTS = {"Ceiling lights": 24, "Thermostat": 3, "Floor lamp": 9, "Dishwasher": 1800, "Front door lock": 1,
                "Bedside lamp": 6, "Robot vacuum": 30, "Air purifier": 18, "Garden camera": 5, "Desk speaker": 12,
                "Towel rail": 120, "Coffee machine": 1350}
ROOMS = ("Living room", "Kitchen", "Bedroom", "Office", "Bathroom", "Hallway", "Kids' room", "Garden")
#: A heating schedule over one day: (time, period, target temperature).
HEATING = (("06:30", "Wake up", "21.0°"), ("08:30", "Away", "17.0°"), ("12:00", "Working from home", "20.0°"),
           ("17:30", "Back home", "21.5°"), ("20:00", "Evening", "21.0°"), ("22:30", "Sleep", "18.0°"))


def _device(c: OpenCopy, i: int) -> tuple[str, str, str, bool]:
    """One device: name, room, what it is doing, and whether it is on (a lock is "on" when locked)."""
    name, room, on, off = DEVICES[(c.k + i) % len(DEVICES)]
    is_on = c.rng.random() < 0.6
    return name, room, on if is_on else off, is_on


def _device_item(c: OpenCopy, i: int) -> Item:
    if re.search(r"\bschedul", c.prompt.lower()):  # a thermostat's day: its periods in order
        t, period, temp = HEATING[i % len(HEATING)]
        return f"{t} · {period}", f"Heat to {temp}", "Mon–Fri" if i < len(HEATING) else "Sat–Sun"
    name, room, doing, on = _device(c, i)
    state = ("Locked" if on else "Unlocked") if "lock" in name else ("On" if on else "Off")
    return name, f"{room} · {doing}", state


def _device_row(c: OpenCopy, i: int) -> list[str]:
    name, room, _doing, on = _device(c, i)
    watts = DEVICE_WATTS.get(name, 10) if on else 0
    state = ("Locked" if on else "Unlocked") if "lock" in name else ("On" if on else "Off")
    return [name, room, f"{watts:,} W", _ago(c), state]


#: Headlines of a news site, with their section.
HEADLINES = (("City council approves new riverside tram line", "Local"),
             ("Central bank holds rates for a third month", "Business"),
             ("Heatwave expected to break records across southern Europe", "World"),
             ("Inside the lab building batteries from sea salt", "Science"),
             ("Underdogs reach the cup final after a late comeback", "Sport"),
             ("The quiet return of the neighbourhood bookshop", "Culture"),
             ("Chipmakers race to open new factories in Europe", "Tech"),
             ("What a four-day week did to one company's output", "Business"),
             ("Museum reopens after a five-year restoration", "Culture"),
             ("Ferry strike called off after overnight talks", "Local"),
             ("Why the night sky is getting brighter", "Science"),
             ("Election 2027: what the polls say a month out", "Politics"))
NEWS_SECTIONS = ("Top stories", "World", "Business", "Tech", "Science", "Sport", "Culture")


def _news_item(c: OpenCopy, i: int) -> Item:
    headline, section = HEADLINES[(c.k + i) % len(HEADLINES)]
    return headline, f"{c.person()} · {c.rng.randint(2, 12)} min read · {_ago(c)}", section


def _news_row(c: OpenCopy, i: int) -> list[str]:
    headline, section = HEADLINES[(c.k + i) % len(HEADLINES)]
    return [headline, section, c.person(), _ago(c), f"{c.rng.randint(2, 12)} min"]


#: An inbox: (sender, or "" for a person; subject; first words; label).
EMAILS = (("", "Re: Offsite agenda", "Works for me. Can we move the workshop to the afternoon?", "Work"),
          ("Northbank", "Your March statement is ready", "Your statement for the account ending 4821 is now available.",
           "Finance"),
          ("", "Design review notes", "Attached are the notes from Tuesday. The main open question is the empty state.",
           "Work"),
          ("Aurora Air", "Your trip to Lisbon: check in now", "Flight AU 482 · Fri 14 Mar · 09:40 from Berlin",
           "Travel"),
          ("", "Lunch on Friday?", "There's a new ramen place by the station, fancy trying it?", "Personal"),
          ("Calendar", "Invitation: Quarterly planning", "Thu 10:00–11:30 · Room 4 and video link", "Work"),
          ("Parcelly", "Your parcel is on its way", "Expected tomorrow between 10:00 and 14:00.", "Updates"),
          ("", "Contract draft v2", "I've tracked my changes in section 4; let me know what you think.", "Work"),
          ("", "Photos from the weekend", "Here are the ones from the lake, the sunset ones came out great.",
           "Personal"),
          ("Account security", "New sign-in on a Mac", "We noticed a new sign-in to your account from Lisbon, Portugal.",
           "Updates"))
MAIL_FOLDERS = (("Inbox", "12"), ("Starred", ""), ("Sent", ""), ("Drafts", "2"), ("Archive", ""), ("Spam", "4"),
                ("Trash", ""))


def _when(c: OpenCopy, i: int) -> str:
    """When the `i`-th newest email came: today's times, then yesterday, then dates."""
    if i < 4:
        return f"{(11, 9, 8, 7)[i]:02d}:{c.rng.randint(0, 59):02d}"
    return "Yesterday" if i < 6 else f"Mar {max(1, 26 - i * 2)}"


def _mail(c: OpenCopy, i: int) -> tuple[str, str, str, str]:
    sender, subject, snippet, label = EMAILS[(c.k + i) % len(EMAILS)]
    return sender or c.person(), subject, snippet, label


def _mail_item(c: OpenCopy, i: int) -> Item:
    sender, subject, snippet, _label = _mail(c, i)
    return sender, f"{subject} — {snippet}", _when(c, i)


def _mail_row(c: OpenCopy, i: int) -> list[str]:
    sender, subject, _snippet, label = _mail(c, i)
    return [sender, label, subject, _when(c, i)]


#: Players of an online game (gamer tags) and their teams.
GAMERTAGS = ("NovaStrike", "PixelWitch", "GhostRunner", "Kestrel", "LunarFox", "IronMango", "BlueComet", "SilentOwl",
             "FrostByte", "RogueTide", "EmberFall", "QuietStorm", "Mothlight", "ZeroDrift")
TEAMS = ("Team Helix", "Northwind Wolves", "Crimson Vipers", "Polar Lights", "Static Hawks", "Ember Rising")
GAME_MODES = ("Ranked", "Group stage", "Quarter-final", "Semi-final", "Friendly")  # team matches, best of three
GAME_MAPS = ("Harbour", "Frostline", "Old Town", "Canyon", "Skyforge")
GAME_TIERS = ("Diamond II", "Platinum I", "Gold III", "Master", "Diamond IV")


def _points(c: OpenCopy, i: int) -> int:
    """Points of the `i`-th place: lower the further down the table."""
    return 5200 - i * 190 - c.rng.randint(0, 150)


#: Football clubs and their short names.
CLUBS: tuple[str, ...] = ("Arsenal", "Chelsea", "Liverpool", "Man City", "Tottenham", "Newcastle", "Aston Villa",
                          "Brighton", "Everton", "West Ham")
#: Positions of a football team sheet, in its order.
POSITIONS = ("Goalkeeper", "Right back", "Centre back", "Centre back", "Left back", "Defensive mid", "Central mid",
             "Attacking mid", "Right wing", "Striker", "Left wing")


def _fixture_item(c: OpenCopy, i: int) -> Item:
    a, b = CLUBS[(c.k + 2 * i) % len(CLUBS)], CLUBS[(c.k + 2 * i + 1) % len(CLUBS)]
    state = ("Live · 67'", f"{c.rng.randint(0, 3)}–{c.rng.randint(0, 3)} · FT", f"Sat {_time(c)}")[min(i, 2)]
    return f"{a} vs {b}", f"Premier League · Matchweek {c.rng.randint(8, 30)}", state


def _gamer_item(c: OpenCopy, i: int) -> Item:
    low = c.prompt.lower()
    if re.search(r"\bmatch", low) and not re.search(r"\b(leaderboard|rank|standings|scoreboard)", low):
        return _match_item(c, i)  # a match history: the matches, not the table
    tag = GAMERTAGS[(c.k + i) % len(GAMERTAGS)]
    return (f"{i + 1}. {tag}", f"{TEAMS[(c.k + i * 5) % len(TEAMS)]} · Level {c.rng.randint(24, 180)} · "
            f"{c.rng.randint(40, 420)} wins", f"{_points(c, i):,} pts")


def _gamer_row(c: OpenCopy, i: int) -> list[str]:
    # the place leads the player's cell ("1. NovaStrike"), so a phone's three columns keep the name
    return [f"{i + 1}. {GAMERTAGS[(c.k + i) % len(GAMERTAGS)]}", TEAMS[(c.k + i * 5) % len(TEAMS)],
            f"{c.rng.randint(48, 71)}%", f"{_points(c, i):,}"]


def _match_item(c: OpenCopy, i: int) -> Item:
    a, b = TEAMS[(c.k + i) % len(TEAMS)], TEAMS[(c.k + i + 1 + i % 4) % len(TEAMS)]
    if re.search(r"\bhistor|\bresults?\b|\brecent", c.prompt.lower()):  # matches played: how each ended
        state = c.rng.choice(("Won 2–0", "Won 2–1", "Lost 1–2", "Won 2–1", "Lost 0–2"))
    else:
        state = ("Live · 1–1", f"Starts {_time(c)}", f"{c.rng.choice(('2–0', '2–1', '1–2', '0–2'))} · Final")[min(i, 2)]
    return f"{a} vs {b}", f"{GAME_MODES[(c.k + i) % len(GAME_MODES)]} · {GAME_MAPS[(c.k + i) % len(GAME_MAPS)]}", state


#: Insurance policies (name, what it covers, number prefix, monthly premium range) and claims (what
#: happened, the policy it is made on).
POLICIES = (("Home insurance", "Buildings and contents", "HC", 28, 64),
            ("Car insurance", "VW Golf · fully comprehensive", "MO", 42, 96),
            ("Travel insurance", "Annual multi-trip", "TR", 6, 14), ("Pet insurance", "Bella · lifetime cover", "PE", 12, 38),
            ("Life insurance", "Level term · 25 years", "LI", 18, 55),
            ("Renters insurance", "Contents up to €30,000", "RE", 9, 22),
            ("Family health plan", "2 adults, 2 children", "HE", 140, 320),
            ("Bicycle insurance", "Theft and accidental damage", "BI", 5, 12))
CLAIMS = (("Water damage in the kitchen", "Home"), ("Windscreen chip repair", "Car"),
          ("Lost luggage in Rome", "Travel"), ("Stolen bicycle", "Bicycle"), ("Hail damage to the roof", "Home"),
          ("Vet treatment for an ear infection", "Pet"), ("Rear bumper scrape in a car park", "Car"),
          ("Cracked laptop screen", "Renters"))
CLAIM_STAGES = (("Claim submitted", "online"), ("Photos and receipts received", ""), ("Assessor assigned", "visit booked"),
                ("Repair approved", "excess €250"), ("Payment sent", "to your account ending 4821"))
CLAIM_FILES = ("Kitchen-floor-1.jpg", "Kitchen-floor-2.jpg", "Plumber-invoice.pdf", "Police-report.pdf",
               "Receipt-dishwasher.pdf", "Damage-walkthrough.mp4")


def _claim_number(c: OpenCopy) -> str:
    return f"CLM-{c.rng.randint(10000, 99999)}"


def _claim(c: OpenCopy, i: int) -> tuple[str, str]:
    return CLAIMS[(c.k + i) % len(CLAIMS)]


def _insurance_item(c: OpenCopy, i: int) -> Item:
    low = c.prompt.lower()
    if re.search(r"\bclaims? (status|progress|track)|\btrack(ing)? (a |my |your )?claim", low):
        stage, detail = CLAIM_STAGES[i % len(CLAIM_STAGES)]  # one claim's way from filed to paid
        return stage, f"Mar {3 + i} · {detail}" if detail else f"Mar {3 + i}", \
            "Done" if i < 3 else ("In progress" if i == 3 else "Next")
    if re.search(r"\bpolic", low) and not re.search(r"\bclaim", low):
        return _policy_item(c, i)
    what, policy = _claim(c, i)  # the claims, as the table's
    return what, f"{_claim_number(c)} · {policy} · filed {c.date()}", c.rng.choice(("In review", "Approved", "Paid"))


def _policy_item(c: OpenCopy, i: int) -> Item:
    name, cover, _prefix, lo, hi = POLICIES[(c.k + i) % len(POLICIES)]
    return name, f"{cover} · renews {c.date()}", _premium(c, lo, hi)


def _premium(c: OpenCopy, lo: int, hi: int) -> str:
    return f"{_money(c.rng.randint(lo, hi) + c.rng.choice((0.0, 0.5, 0.99)), '€')}/mo"


def _policy_row(c: OpenCopy, i: int) -> list[str]:
    name, _cover, prefix, lo, hi = POLICIES[(c.k + i) % len(POLICIES)]
    return [name, f"{prefix}-{c.rng.randint(100000, 999999)}", c.date(), _premium(c, lo, hi),
            c.rng.choice(("Active", "Active", "Renewal due"))]


def _claim_row(c: OpenCopy, i: int) -> list[str]:
    what, policy = _claim(c, i)
    return [what, policy, c.date(), _money(c.rng.randint(12, 480) * 10.0, "€"),
            c.rng.choice(("In review", "Approved", "Paid", "In review"))]


#: Photos with where they were taken, and the cameras and lenses that took them.
PHOTOS = ("Tram 28 at dusk", "Fog over the harbour", "Market stall, Alfama", "Portrait of Inês", "Kirkjufell at sunrise",
          "Rooftops after rain", "Black sand beach", "Cyclist in the underpass", "Morning swim", "Old bookshop window")
CAMERAS = (("Fujifilm X-T5", "35 mm f/1.4"), ("Sony A7 IV", "24–70 mm f/2.8"), ("Canon EOS R6", "50 mm f/1.8"),
           ("Nikon Z6 II", "85 mm f/1.8"), ("Leica Q2", "28 mm f/1.7"))
PHOTO_ALBUMS = ("Lisbon, spring", "Iceland ring road", "Studio portraits", "Street, black & white", "Family · summer",
                "Ana & Tom's wedding")


def _signed(c: OpenCopy, lo: int, hi: int, unit: str = "") -> str:
    v = c.rng.randint(lo, hi)
    return f"{'+' if v > 0 else '−' if v < 0 else ''}{abs(v)}{unit}"


#: A photo editor's adjustments (what its sliders read).
PHOTO_ADJUSTMENTS: tuple[tuple[str, Callable[[OpenCopy], str]], ...] = (
    ("Brightness", lambda c: _signed(c, -10, 25)), ("Contrast", lambda c: _signed(c, 5, 30)),
    ("Saturation", lambda c: _signed(c, -20, 15)),
    ("Exposure", lambda c: f"{'+' if c.rng.random() < 0.7 else '−'}{c.rng.randint(1, 9) / 10:.1f} EV"),
    ("Highlights", lambda c: _signed(c, -40, -5)), ("Shadows", lambda c: _signed(c, 5, 40)))


def _exposure(c: OpenCopy) -> str:
    return (f"f/{c.rng.choice(('1.8', '2', '2.8', '4', '5.6', '8'))} · 1/{c.rng.choice((60, 125, 250, 500, 1000))} s · "
            f"ISO {c.rng.choice((100, 200, 400, 800, 1600))}")


def _photo_item(c: OpenCopy, i: int) -> Item:
    cam, _lens = CAMERAS[(c.k + i) % len(CAMERAS)]
    return PHOTOS[(c.k + i) % len(PHOTOS)], f"{cam} · {_exposure(c)}", c.date()


def _photo_row(c: OpenCopy, i: int) -> list[str]:
    cam, lens = CAMERAS[(c.k + i) % len(CAMERAS)]
    return [PHOTOS[(c.k + i) % len(PHOTOS)], cam, lens, _exposure(c), c.date()]


#: Security alerts (what was seen, its usual severity) and the hosts they are seen on.
ALERTS = (("Brute-force sign-in attempts on VPN", "High"), ("Suspicious PowerShell execution", "Critical"),
          ("Outbound traffic to a known C2 domain", "Critical"), ("TLS certificate expires in 5 days", "Low"),
          ("Privilege escalation attempt", "High"), ("Sign-in from an unusual location", "Medium"),
          ("Port scan from an external IP", "Medium"), ("Unpatched OpenSSL on a public server", "High"),
          ("Phishing email reported by 6 users", "Medium"), ("Disabled antivirus on a laptop", "High"))
HOSTS = (("vpn-gw-02", "Linux · 10.0.4.2"), ("web-prod-03", "Ubuntu 22.04 · 10.0.12.8"),
         ("db-primary-01", "PostgreSQL · 10.0.20.5"), ("laptop-mk-114", "macOS 14 · 10.2.1.44"),
         ("mail-relay-01", "Linux · 10.0.6.3"), ("k8s-node-12", "Kubernetes · 10.0.30.12"),
         ("build-runner-07", "Linux · 10.0.40.7"), ("fileserver-02", "Windows Server · 10.0.8.2"))


def _alert(c: OpenCopy, i: int) -> tuple[str, str, str]:
    what, severity = ALERTS[(c.k + i) % len(ALERTS)]
    return what, severity, HOSTS[(c.k + i * 3) % len(HOSTS)][0]


def _alert_item(c: OpenCopy, i: int) -> Item:
    what, severity, host = _alert(c, i)
    return what, f"{host} · {_ago(c)}", severity


def _alert_row(c: OpenCopy, i: int) -> list[str]:
    what, severity, host = _alert(c, i)
    return [what, host, severity, _ago(c), c.rng.choice(("Open", "Investigating", "Resolved"))]


#: A car's trips and the chargers near it.
TRIPS = (("Home → Office", 18), ("Office → Gym", 6), ("Home → Airport", 34), ("Supermarket → Home", 4),
         ("Home → Grandma's", 62), ("Office → Home", 19), ("School run", 7), ("Weekend trip to the coast", 148))
CHARGERS = (("Ionity Lisbon North", "350 kW"), ("Supermarket car park", "50 kW"), ("City Hall garage", "22 kW"),
            ("Motorway services A2", "150 kW"), ("Old Town car park", "11 kW"), ("Riverside P+R", "50 kW"))


def _battery(c: OpenCopy) -> int:
    """The car's charge in percent: one reading for the whole screen."""
    return 34 + (c.k * 7) % 58


def _vehicle_status(c: OpenCopy) -> list[Item]:
    """A car's state, fact by fact: what it is, a detail, and its reading."""
    r, battery = c.rng, _battery(c)
    return [("Battery", "Charging to 80% by 07:00" if battery < 80 else "Charge limit 90%", f"{battery}%"),
            ("Range", "At your usual efficiency", f"{battery * 4} km"),
            ("Doors", "All closed", "Locked"), ("Tyres", f"Front left {r.choice(('2.1', '2.2'))} bar", "Check"),
            ("Cabin", "Climate off", f"{r.randint(14, 24)}°"), ("Software", "Version 2026.8 installed", "Up to date"),
            ("Odometer", "Since delivery", f"{r.randint(4, 88)},{r.randint(100, 999)} km")]


def _trip_item(c: OpenCopy, i: int) -> Item:
    name, base = TRIPS[(c.k + i) % len(TRIPS)]
    km = max(2, round(base * c.rng.uniform(0.9, 1.1)))
    mins = max(6, round(km * (1.6 if km < 20 else 0.9) * c.rng.uniform(0.9, 1.3)))
    took = f"{mins // 60} h {mins % 60:02d} min" if mins >= 60 else f"{mins} min"
    return name, f"{km} km · {took} · {c.rng.randint(14, 19)}.{c.rng.randint(0, 9)} kWh/100 km", c.date()


def _trip_row(c: OpenCopy, i: int) -> list[str]:
    t, meta, when = _trip_item(c, i)
    km, mins, eff = meta.split(" · ")
    return [t, when, mins, eff, km]


def _charger_item(c: OpenCopy, i: int) -> Item:
    name, power = CHARGERS[(c.k + i) % len(CHARGERS)]
    free = c.rng.randint(0, 6)
    return name, f"{power} · {free} of 6 free · {c.rng.randint(1, 9)}.{c.rng.randint(0, 9)} km", \
        f"€{c.rng.randint(35, 69) / 100:.2f}/kWh"


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
               ("Vegetarian", "Under 30 min", "Gluten-free", "One pot", "Spicy"),
               kinds=((r"\b(restaurants?|places to eat|eateries|cafes|cafés|bistros|diners)\b", "restaurant"),)),
    DomainSpec("logistics", ("fleet", "logistics", "delivery", "vehicle", "shipment", "truck", "route", "dispatch",
                             "warehouse", "courier", "tracking"),
               (("Live map", "home"), ("Vehicles", "package"), ("Drivers", "users"), ("Routes", "arrow-up-right"),
                ("Reports", "chart")),
               "Fleet", "Dispatch vehicle", "Search vehicles, drivers", "vehicles",
               lambda c, i: (f"{VEHICLES[(c.k + i) % len(VEHICLES)]} · {c.person()}",
                             f"{_DEPOTS[(c.k + i) % len(_DEPOTS)]} depot → "
                             f"stop {c.rng.randint(2, 14)} of {c.rng.randint(15, 22)}",
                             f"ETA {_time(c)}"),
               ("Vehicle", "Driver", "Route", "ETA", "Status"),
               lambda c, i: [VEHICLES[(c.k + i) % len(VEHICLES)], c.person(), f"R-{c.rng.randint(10, 99)}",
                             _time(c), c.rng.choice(("On route", "Delayed", "Loading", "On route"))],
               (("Vehicles on route", lambda c: f"{c.rng.randint(18, 40)}/{c.rng.randint(41, 50)}"),
                ("Deliveries today", lambda c: str(c.rng.randint(240, 620))),
                ("On time", lambda c: f"{c.rng.randint(88, 98)}%"), ("Avg. stop time", lambda c: f"{c.rng.randint(3, 9)} min")),
               ("Deliveries per day", "week"), ("On route", "Delayed", "Loading"), (), ("All", "On route", "Delayed",
                                                                                      "Idle"), 4,
               ((r"\b(inventory|stock( levels?)?|skus?|warehouse items?|products? in stock)\b", "stock_item"),)),
    DomainSpec("warehouse", ("warehouse", "inventory", "stock level", "stock levels", "sku", "skus", "fulfilment centre",
                             "fulfillment center", "stock room", "stockroom", "picking list", "restock"),
               (("Inventory", "package"), ("Picking", "file"), ("Receiving", "arrow-up-right"), ("Shipping", "check"),
                ("Reports", "chart")),
               "Inventory", "Add item", "Search items, SKUs", "items",
               _stock_item, STOCK_COLUMNS, _stock_row,
               (("Items in stock", lambda c: f"{c.rng.randint(1200, 9800):,}"),
                ("Low stock", lambda c: str(c.rng.randint(4, 30))),
                ("Out of stock", lambda c: str(c.rng.randint(0, 6))),
                ("Picks open", lambda c: str(c.rng.randint(20, 140)))),
               ("Units shipped", "week"), ("In stock", "Low stock", "Out of stock"),
               ("Cycle count for aisles 1–4 is due on Friday.",),
               ("All", "Low stock", "Out of stock", "Packaging", "Equipment"), 4,
               ((r"\b(inventory|stock( levels?)?|skus?|items?|products?)\b", "stock_item"),)),
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
               ("Free cancellation", "Breakfast", "Pool", "Pet friendly", "Sea view"),
               kinds=((r"\brooms?\b", "hotel_room"),)),
    DomainSpec("code", ("code", "commit", "pull request", "repository", "repo", "diff", "developer", "branch",
                        "merge", "code review", "ci ", "pipeline", "deploy"),
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
    DomainSpec("weather", ("weather", "forecast", "temperature", "rain", "climate", "air quality", "aqi", "pollution",
                           "pollutant"),
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
               ("Clouds clear by noon; a light breeze from the west in the afternoon.",),
               kinds=((r"\b(pollutants?|air quality|aqi|pollution)\b", "pollutant"),)),
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
                "In this lesson you will compare the mean, the median and the mode on real data."), (), 3,
               ((r"\b(homework|assignments?)\b", "homework"), (r"\bgrades?\b", "grade"))),
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
    DomainSpec("realestate", ("real estate", "property", "apartment", "house", "listing", "rent ", "estate",
                              "mortgage", "tenant", "landlord"),
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
               ("Fastest", "Cheapest", "Direct", "Morning", "Evening"), 4,
               ((r"\b(bikes?|e-?bikes?|scooters?)\b", "shared_vehicle"),)),
    DomainSpec("shop", ("shop", "store", "storefront", "webshop", "online store", "product", "cart", "checkout", "catalog", "catalogue", "wishlist", "fashion",
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
                          "seat selection", "show", "museum", "exhibition", "zoo", "aquarium", "theme park"),
               (("Discover", "home"), ("Tickets", "file"), ("Saved", "heart"), ("Venues", "dot"), ("Profile", "user")),
               "Events", "Get tickets", "Search events, artists, venues", "events", lambda c, i: _event_item(c, i),
               ("Event", "Venue", "Date", "From"),
               lambda c, i: (lambda t: [t[0], t[1].split(" · ")[0], t[1].split(" · ")[1], t[2]])(_event_item(c, i)),
               (("Tickets", lambda c: str(c.rng.randint(1, 4))), ("Total", lambda c: _money(c.rng.randint(24, 180), "€")),
                ("Doors", lambda c: f"{c.rng.randint(18, 20)}:{c.rng.choice(('00', '30'))}"),
                ("Seats left", lambda c: str(c.rng.randint(6, 80)))),
               ("Tickets sold", "week"), ("On sale", "Few left", "Sold out"),
               ("Doors open an hour before the show; tickets are sent to your phone.",),
               ("Tonight", "This weekend", "Music", "Theatre", "Comedy"),
               kinds=((r"\bticket (types?|options?|categor(y|ies))\b|\btypes? of tickets?\b|\bfares?\b", "ticket_type"),)),
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
    DomainSpec("sports", ("sport", "sports", "football", "soccer", "basketball", "tennis", "cricket", "rugby", "hockey",
                          "match centre", "match center", "fixture", "fixtures", "lineup", "lineups", "line-up",
                          "league table", "premier league", "scoreboard", "live score", "nba", "nfl"),
               (("Scores", "home"), ("Fixtures", "calendar"), ("Tables", "chart"), ("Following", "star"),
                ("Profile", "user")),
               "Matches", "Follow", "Search teams, players", "matches", _fixture_item,
               ("Match", "Competition", "Score"),
               lambda c, i: (lambda t: [t[0], t[1].split(" · ")[0], t[2]])(_fixture_item(c, i)),
               (("Possession", lambda c: f"{c.rng.randint(42, 64)}%"), ("Shots", lambda c: str(c.rng.randint(6, 19))),
                ("On target", lambda c: str(c.rng.randint(2, 8))), ("Corners", lambda c: str(c.rng.randint(2, 9)))),
               ("Possession by 15 minutes", "hours"), ("Live", "FT", "Upcoming"),
               ("A late header settled it after a second half of pressure.",
                "Both sides are unchanged from last weekend."),
               ("All", "Live", "Premier League", "Champions League", "FA Cup"),
               kinds=((r"\b(lineups?|line-ups?|team sheets?|squads?|rosters?|players?|starting xi|starting eleven)\b",
                       "sports_player"),)),
    DomainSpec("plants", ("plant care", "houseplant", "houseplants", "plant", "plants", "garden", "gardening",
                          "watering", "succulent", "seedling"),
               (("My plants", "home"), ("Schedule", "calendar"), ("Discover", "search"), ("Profile", "user")),
               "My plants", "Add plant", "Search plants", "plants", _plant_item,
               ("Plant", "Room", "Next watering", "Status"),
               lambda c, i: (lambda t: [t[0], t[1].split(" · ")[0], t[1].split(" · ")[1].replace("water ", ""), t[2]])(
                   _plant_item(c, i)),
               (("Plants", lambda c: str(c.rng.randint(6, 24))), ("Thirsty today", lambda c: str(c.rng.randint(1, 4))),
                ("Humidity", lambda c: f"{c.rng.randint(38, 68)}%"), ("Light", lambda c: c.rng.choice(("Bright", "Medium")))),
               ("Soil moisture", "week"), ("Healthy", "Thirsty", "Needs light"),
               ("Water when the top two centimetres of soil are dry; less often in winter.",
                "Bright, indirect light keeps the leaves from scorching.",
                "Mist the leaves on dry days or group plants together to raise the humidity."),
               ("All", "Thirsty", "Living room", "Kitchen", "Bedroom")),
    DomainSpec("dating", ("dating", "date match", "swipe", "match profile", "matches", "dating app", "dating profile"),
               (("Discover", "home"), ("Likes", "heart"), ("Matches", "star"), ("Messages", "message"), ("Profile", "user")),
               "Discover", "Like", "Search people", "people", _dating_item,
               ("Name", "Distance", "Interests", "Match"),
               lambda c, i: (lambda t: [t[0], t[1].split(" · ")[0], t[1].split(" · ")[1], t[2]])(_dating_item(c, i)),
               (("Likes", lambda c: str(c.rng.randint(4, 60))), ("Matches", lambda c: str(c.rng.randint(1, 14))),
                ("Profile views", lambda c: str(c.rng.randint(40, 400))), ("Chats", lambda c: str(c.rng.randint(1, 9)))),
               ("Profile views", "week"), ("Online", "Active today", "New"),
               ("Weekend hiker, weekday coffee snob. Looking for someone to try every ramen place in town with.",
                "Ask me about my sourdough starter; it has a name and a fan club.",
                "Happiest on a long walk with a good playlist."),
               INTERESTS[:6]),
    DomainSpec("pets", ("pet", "pets", "dog", "dogs", "puppy", "puppies", "cat", "cats", "kitten", "rabbits", "animal",
                        "adopt", "vet", "veterinary", "veterinarian", "dog walking", "pet sitter", "grooming",
                        "walks"),
               (("Adopt", "home"), ("My pets", "heart"), ("Saved", "star"), ("Appointments", "calendar"),
                ("Messages", "message")),
               "Adopt a pet", "Apply to adopt", "Search by name or breed", "pets", _pet_item,
               ("Name", "Species", "Breed", "Age", "Status"), _pet_row,
               (("Available", lambda c: str(c.rng.randint(24, 86))),
                ("Adopted this month", lambda c: str(c.rng.randint(8, 40))),
                ("In foster care", lambda c: str(c.rng.randint(4, 22))),
                ("Avg. days to adoption", lambda c: str(c.rng.randint(9, 34)))),
               ("Adoptions by month", "month"), ("Available", "Reserved", "Adopted"),
               ("A gentle three-year-old who loves long walks and settles happily on the sofa afterwards.",
                "Vaccinated, microchipped and neutered; good with children and other dogs.",
                "Our adoption team will call you within two days to arrange a meet-and-greet."),
               ("All", "Dogs", "Cats", "Rabbits", "Puppies", "Good with kids"), 4,
               ((r"\b(walker|sitter|groomer|trainer)", "carer"),)),
    DomainSpec("smarthome", ("smart home", "smarthome", "home automation", "thermostat", "smart light", "smart plug",
                             "smart lock", "smart speaker", "energy monitor", "energy usage", "iot", "hvac",
                             "room temperature", "connected home", "solar", "solar panel", "inverter", "home battery"),
               (("Home", "home"), ("Rooms", "folder"), ("Devices", "settings"), ("Energy", "chart"),
                ("Automations", "calendar")),
               "My home", "Add device", "Search devices and rooms", "devices", _device_item,
               ("Device", "Room", "Power", "Last active", "Status"), _device_row,
               (("Indoor", lambda c: f"{c.rng.randint(19, 23)}.{c.rng.choice((0, 5))}°"),
                ("Humidity", lambda c: f"{c.rng.randint(38, 56)}%"),
                ("Energy today", lambda c: f"{c.rng.randint(6, 19)}.{c.rng.randint(0, 9)} kWh"),
                ("Devices on", lambda c: f"{c.rng.randint(4, 9)} of {c.rng.randint(12, 18)}")),
               ("Energy use today", "hours"), ("On", "Off", "Offline"),
               ("Heating drops to 17° at 23:00 and warms the house back to 21° by 06:30.",
                "All doors are locked and the garden camera is recording.",
                "You used 14% less energy than last week, mostly thanks to the new heating schedule."),
               ("All", "Living room", "Kitchen", "Bedroom", "Office"), 4,
               ((r"\b(device|light|lamp|plug|switch|appliance|toggle)", "device"), (r"\broom", "room"),
                (r"\b(solar )?panels?\b|\binverters?\b|\bstrings?\b", "solar_panel"))),
    DomainSpec("news", ("news", "headline", "newsroom", "newspaper", "magazine", "editorial", "journalist",
                        "breaking", "byline", "top stories", "newsletter", "blog"),
               (("Top stories", "home"), ("For you", "star"), ("Sections", "folder"), ("Saved", "heart"),
                ("Account", "user")),
               "Top stories", "Subscribe", "Search news", "articles", _news_item,
               ("Headline", "Section", "Author", "Published", "Read time"), _news_row,
               (("Readers today", lambda c: f"{c.rng.randint(12, 96)}.{c.rng.randint(1, 9)}k"),
                ("Avg. read time", lambda c: f"{c.rng.randint(2, 5)} min {c.rng.randint(10, 59)} s"),
                ("Subscribers", lambda c: f"{c.rng.randint(8, 60)},{c.rng.randint(100, 999)}"),
                ("Published this week", lambda c: str(c.rng.randint(40, 140)))),
               ("Readers this week", "week"), ("Draft", "In review", "Published"),
               # prose that reads under any of the headlines; the briefing doubles as a sign-up's pitch
               ("It was the outcome few had predicted a month ago, and the reaction on Tuesday night was immediate.",
                "Get the morning briefing in your inbox: the five stories that matter, every weekday at 7:00.",
                "“We knew it would take time,” said one person close to the talks, “but nobody expected it to come "
                "together this quickly.”"),
               NEWS_SECTIONS, -1, ((r"\b(articles?|stor(y|ies)|headlines?|news|editorial|posts?|pieces?)\b", "own"),)),
    DomainSpec("mail", ("email inbox", "inbox", "mailbox", "mail", "emails", "e-mail", "email client", "email app",
                        "unread", "compose email"),
               (("Inbox", "mail"), ("Starred", "star"), ("Sent", "arrow-up-right"), ("Drafts", "file"),
                ("Trash", "x")),
               "Inbox", "Compose", "Search mail", "messages", _mail_item,
               ("From", "Label", "Subject", "Received"), _mail_row,
               (("Unread", lambda c: str(c.rng.randint(3, 48))), ("Sent this week", lambda c: str(c.rng.randint(12, 90))),
                ("Storage used", lambda c: f"{c.rng.randint(2, 12)}.{c.rng.randint(0, 9)} of 15 GB"),
                ("Avg. reply time", lambda c: f"{c.rng.randint(1, 6)} h {c.rng.randint(0, 59):02d} min")),
               ("Emails received", "week"), ("Unread", "Read", "Flagged"),
               ("Hi all, thanks for a great session yesterday — I've put the notes and next steps in the shared folder.",
                "Could everyone add their availability for the week of the 14th by Friday?",
                "Best wishes, Maya"),
               ("Primary", "Social", "Promotions", "Updates"), -1,
               ((r"\b(folders?|sidebar|side bar|labels)\b", "folder"), (r"\b(e-?mails?|messages?|mail|conversations?|threads?)\b", "own"))),
    DomainSpec("gaming", ("game", "gaming", "gamer", "leaderboard", "esports", "e-sports", "tournament", "multiplayer",
                          "match history", "achievement", "battle pass", "clan", "chess", "puzzle game"),
               (("Play", "home"), ("Leaderboard", "chart"), ("Friends", "users"), ("Store", "cart"),
                ("Profile", "user")),
               "Leaderboard", "Play now", "Search players", "players", _gamer_item,
               ("Player", "Team", "Win rate", "Points"), _gamer_row,
               (("Rank", lambda c: c.rng.choice(GAME_TIERS)), ("Win rate", lambda c: f"{c.rng.randint(46, 68)}%"),
                ("K/D ratio", lambda c: f"{c.rng.randint(9, 21) / 10:.2f}"),
                ("Matches", lambda c: str(c.rng.randint(80, 900)))),
               ("Matches played", "week"), ("Live", "Upcoming", "Finished"),
               ("Season 4 ends in 12 days — finish in the top 500 to earn the Frostline banner.",
                "Double XP weekend starts Friday at 18:00.",
                "Team Helix take the series 2–1 after a comeback on Canyon."),
               ("All", "Ranked", "Casual", "Friends", "This season"), -1,
               ((r"\bmatch(es)?\b|\bgames?\b|\bfixtures?\b", "match"),
                (r"\b(gamers?|leaderboards?|rankings?|standings)\b", "own"))),
    DomainSpec("insurance", ("insurance", "insurer", "insured", "claim", "policyholder", "deductible", "underwriting"),
               (("Overview", "home"), ("Policies", "file"), ("Claims", "check"), ("Payments", "credit-card"),
                ("Help", "message")),
               "My insurance", "Start a claim", "Search policies and claims", "claims", _insurance_item,
               ("Claim", "Policy", "Filed", "Amount", "Status"), _claim_row,
               (("Active policies", lambda c: str(c.rng.randint(2, 6))),
                ("Monthly premium", lambda c: _money(c.rng.randint(60, 240) + 0.5, "€")),
                ("Open claims", lambda c: str(c.rng.randint(0, 3))),
                ("Excess", lambda c: _money(float(c.rng.choice((100, 150, 250, 500))), "€"))),
               ("Claims by month", "month"), ("In review", "Approved", "Paid"),
               ("Upload photos of the damage and any receipts; most claims are decided within five working days.",
                "Your excess for this claim is €250, taken from the settlement.",
                "Cover includes accidental damage, theft and up to 30 days abroad."),
               ("All", "Home", "Car", "Travel", "Pet", "Health"), 4,
               ((r"\b(files?|uploads?|uploaded|photos?|documents?|attachments?|receipts?)\b", "claim_file"),
                (r"\bpolic", "policy"), (r"\bclaims?\b", "own"))),
    DomainSpec("photography", ("photography", "photographer", "photo editor", "photo editing", "photo library",
                               "photo album", "photo gallery", "photos app", "photo app",
                               "camera roll", "lens", "exposure", "aperture", "shutter speed", "lightroom",
                               "darkroom", "raw files"),
               (("Library", "image"), ("Albums", "folder"), ("Favourites", "heart"), ("Shared", "users"),
                ("Edits", "settings")),
               "Library", "Import photos", "Search photos, places, cameras", "photos", _photo_item,
               ("Photo", "Camera", "Lens", "Exposure", "Taken"), _photo_row,
               (("Photos", lambda c: f"{c.rng.randint(2, 18)},{c.rng.randint(100, 999)}"),
                ("Albums", lambda c: str(c.rng.randint(12, 64))),
                ("Storage used", lambda c: f"{c.rng.randint(40, 480)} GB"),
                ("Favourites", lambda c: str(c.rng.randint(80, 900)))),
               ("Photos taken", "month"), ("Edited", "To edit", "Exported"),
               ("Shot just after the first tram on a grey morning; shadows lifted and whites cooled a little.",
                "Exported as a 4000 × 6000 JPEG at 90% quality.",
                "Shared with 3 people · 24 favourites"),
               ("All", "Favourites", "Portraits", "Landscape", "Street", "Travel"), -1,
               ((r"\balbums?\b", "album"), (r"\b(photos?|pictures?|images?|shots?|thumbnails?)\b", "own"))),
    DomainSpec("security", ("security", "threat", "vulnerability", "vulnerabilities", "firewall", "incident", "intrusion", "malware",
                            "phishing", "siem", "soc", "cve", "endpoint", "login attempt", "alert rule", "breach",
                            "ransomware", "cybersecurity", "uptime", "on-call"),
               (("Overview", "dashboard"), ("Alerts", "bell"), ("Incidents", "lock"), ("Assets", "monitor"),
                ("Reports", "chart")),
               "Security overview", "Investigate", "Search alerts, hosts, IPs", "alerts", _alert_item,
               ("Alert", "Host", "Severity", "Detected", "Status"), _alert_row,
               (("Open incidents", lambda c: str(c.rng.randint(2, 18))),
                ("Critical alerts", lambda c: str(c.rng.randint(0, 7))),
                ("Mean time to respond", lambda c: f"{c.rng.randint(8, 55)} min"),
                ("Hosts monitored", lambda c: f"{c.rng.randint(1, 4)},{c.rng.randint(100, 999)}")),
               ("Alerts per day", "week"), ("Open", "Investigating", "Resolved"),
               ("1,240 failed sign-ins from 38 IP addresses in ten minutes; the range is now blocked at the firewall.",
                "The host was isolated from the network at 09:42 while the full scan runs.",
                "Patch window for the affected servers: tonight, 23:00–01:00."),
               ("All", "Critical", "High", "Open", "Assigned to me"), 4,
               ((r"\b(hosts?|servers?|endpoints?|devices?|assets?|machines?)\b", "host"),
                (r"\b(alerts?|incidents?|threats?|detections?|events?)\b", "own"))),
    DomainSpec("car", ("electric car", "electric vehicle", "ev", "infotainment", "car dashboard", "car app",
                       "my car", "connected car", "vehicle status", "battery range", "charge level", "tyre pressure",
                       "tire pressure", "dashcam", "in-car", "charging"),
               (("Car", "home"), ("Climate", "settings"), ("Charging", "dot"), ("Trips", "chart"),
                ("Map", "map-pin")),
               "My car", "Start climate", "Search places and chargers", "trips", _trip_item,
               ("Trip", "Date", "Duration", "Efficiency", "Distance"), _trip_row,
               (("Battery", lambda c: f"{_battery(c)}%"), ("Range", lambda c: f"{_battery(c) * 4} km"),
                ("Cabin", lambda c: f"{c.rng.randint(18, 23)}°"),
                ("Odometer", lambda c: f"{c.rng.randint(4, 88)},{c.rng.randint(100, 999)} km")),
               ("Energy use this week", "week"), ("Parked", "Charging", "Driving"),
               ("Charging to 80% by 07:00 on off-peak power.",
                "Front left tyre at 2.1 bar — below the recommended 2.5 bar.",
                "The cabin starts warming 15 minutes before your 08:10 departure."),
               ("All", "Commute", "Weekend", "Business"), -1,
               ((r"\b(charg\w*|chargers?|stations?)\b", "charger"), (r"\b(trips?|drives?)\b", "own"),
                (r"\b(battery|range|status|vehicle|tyres?|tires?|doors?)\b", "vehicle"))),
    DomainSpec("rental", ("car rental", "car hire", "rental car", "rent a car", "hire car", "car rentals",
                          "van hire", "van rental"),
               (("Search", "search"), ("Bookings", "calendar"), ("Saved", "heart"), ("Help", "message"),
                ("Account", "user")),
               "Available cars", "Reserve", "Pick-up location", "cars", _rental_item,
               ("Car", "Seats", "Gearbox", "Price per day"),
               _rental_row,
               (("Pick-up", lambda c: f"{c.date()}, 10:00"), ("Drop-off", lambda c: f"{c.date()}, 10:00"),
                ("Days", lambda c: str(c.rng.randint(2, 9))), ("Free cancellation", lambda c: "Until 48 h before")),
               ("Bookings by month", "month"), ("Available", "Reserved", "Picked up"),
               ("Free cancellation up to 48 hours before pick-up. Unlimited mileage included.",
                "Pick up at the desk in arrivals hall B; bring your licence and the card you booked with.",
                "Full-to-full fuel policy: return the car with a full tank."),
               ("All", "Small", "SUV", "Van", "Electric"), -1,
               ((r"\b(cars?|vehicles?|vans?|rentals?)\b", "rental_car"),)),
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
               ("Activity this week", "week"), ("Active", "Draft", "Archived"),
               ("Updated a few minutes ago; changes show here as they happen.",  # no domain: no documents either
                "Nothing needs your attention right now.", "Everything here is up to date as of this morning."),
               (), 3),
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
            "medical": "health", "healthcare": "health", "sport": "sports",
            "helpdesk": "support", "tasks": "project", "flights": "travel",
            "pet": "pets", "animals": "pets", "pet care": "pets", "smart home": "smarthome", "smart-home": "smarthome",
            "iot": "smarthome", "home automation": "smarthome", "media": "news", "publishing": "news",
            "email": "mail", "e-mail": "mail", "game": "gaming", "games": "gaming", "esports": "gaming",
            "insurer": "insurance", "photo": "photography", "photos": "photography", "cybersecurity": "security",
            "infosec": "security", "automotive": "car", "cars": "car", "ev": "car"}
#: Copy domains a planner's domain name leads to only where the prompt names some of their words
#: (a planner reads "premium" as insurance, "gallery" as photography: a pricing page or a product
#: gallery keeps the copy it had).
_CONFIRMED = {"pets", "smarthome", "news", "mail", "gaming", "insurance", "photography", "security", "car",
              "realestate"}


def domain_of(name: str, prompt: str = "", subject: str | None = None) -> DomainSpec:
    """The copy domain for a plan's domain `name`; ``generic``, a broad name (productivity) or an
    unknown name reads the prompt's words (the domain naming most of its keywords); for a broad
    name, those of `subject` where given (the prompt without the names it gives its elements:
    "a checklist with sections Venue, Catering and Music" is not about music)."""
    raw = (name or "").lower().strip()
    key = _ALIASES.get(raw, raw)
    if key == "video" and _MAKING.search(prompt.lower()):
        return DOMAIN_SPECS["generic"]  # a film being made (a call sheet, a shoot): no call, no library
    if key == "video" and not _CALL.search(prompt.lower()):
        return DOMAIN_SPECS["watch"]  # a video to watch (a player, a tutorial, a stream), not a meeting
    narrower = _NARROWER.get(key)
    if narrower:  # "finance" about invoices is billing; "sales" about deals is a CRM
        guess = _guess(prompt)
        if guess in narrower:
            return DOMAIN_SPECS[guess]
    if raw in _BROAD:  # a broad name ("productivity"): the prompt's own words are more precise
        guess = _guess(prompt if subject is None else subject)
        return DOMAIN_SPECS[guess if guess != "generic" or key not in DOMAIN_SPECS else key]
    if key in DOMAIN_SPECS and key != "generic" and (key not in _CONFIRMED or
                                                     _hits(DOMAIN_SPECS[key], prompt if subject is None else subject)):
        return DOMAIN_SPECS[key]  # the planner's domain, with copy of its own, wins over guessing
    if key in _CONFIRMED and subject is not None:  # a domain the subject does not name: guessed from it
        return DOMAIN_SPECS[_guess(subject)]
    return DOMAIN_SPECS[_guess(prompt)]


#: Words of a film or video being made rather than watched or joined.
_MAKING = re.compile(r"\b(production|call sheet|shoot(ing)? (schedule|day|plan)|shot list|storyboard|casting|"
                     r"script breakdown|film crew|film set)\b")
_BROAD = {"generic", "productivity", "business", "general", "workspace", ""}
_CALL = re.compile(r"\b(call(?! sheet| time| centre| center| log| list| back)|meeting|webinar|conferenc|participant|"
                   r"attendee|zoom|telehealth|mute|camera|huddle|standup|stand-up|interview|classroom|online class|"
                   r"teacher|speaker)")
#: Domains whose prompts may be about a narrower one with copy of its own.
_NARROWER = {"banking": ("billing",), "sales": ("crm", "billing", "shop"), "shop": ("billing",),
             "logistics": ("warehouse",),
             "social": ("mail",), "transport": ("car", "rental"), "travel": ("rental",)}
#: Keywords that name a page's shape more than its subject: they count for a tenth, so the subject
#: decides ("pet adoption listing" is about pets, a listing alone about homes).
_SHAPE_KEYWORDS = {"listing", "board"}
#: … of which those that name no domain even in a prompt's head ("a mountain rescue callout board";
#: "a listing" alone is still about homes).
_BOARD = {"board"}


def _keywords_in(spec: DomainSpec, prompt: str) -> list[str]:
    """The keywords of `spec` that `prompt` holds."""
    p = " " + re.sub(r"[^a-z0-9\- ]+", " ", prompt.lower()) + " "
    # a short keyword is a whole word ("ci" is not the start of "cinema"); longer ones take the
    # endings of a plural or a verb ("tracks", "booking"), not those of another word ("tracker")
    return [k for k in spec.keywords
            if re.search(rf"\b{re.escape(k.strip())}" + (r"\b" if len(k.strip()) <= 3 or k.endswith(" ")
                                                         else r"(?:s|es|ed|d|ing)?\b"), p)]


def _weight(keywords: list[str]) -> float:
    """How strongly keywords a prompt holds name their domain: their length (a shape's a tenth)."""
    return sum(len(k) * (0.1 if k in _SHAPE_KEYWORDS else 1) for k in keywords)


def _hits(spec: DomainSpec, prompt: str) -> float:
    """How strongly `prompt` names `spec`'s domain: the length of the keywords it holds."""
    return _weight(_keywords_in(spec, prompt))


#: "time tracking", "habit tracker": what is tracked is no parcel (logistics' "tracking").
_NOT_PARCELS = re.compile(r"\b(time|habit|sleep|period|expense|mood|water|fitness|calorie|budget|goal|symptom|"
                          r"workout|spending|hours?) track(ing|er)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _domain_descriptions() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Each copy domain's name, and a line describing it for `head_fits`: its name and keywords,
    without those of a page's shape (a "callout board" is no project's)."""
    specs = list(DOMAIN_SPECS.values())
    return tuple(s.name for s in specs), tuple(
        f"{s.name}: {', '.join([k.strip() for k in s.keywords if k not in _SHAPE_KEYWORDS][:10])}" for s in specs)


def _guess(prompt: str) -> str:
    """The domain whose keywords `prompt` holds most (`_hits`), among those it names in its head
    (`conditioning.plan.prompt_head`: "a FAQ page for a bike rental shop"), by two keywords, or by
    one in a head that reads as the domain (`conditioning.plan.head_fits`: "checking account …
    transactions"): one word of a section alone ("an incidents map" on a mountain rescue board)
    names no domain."""
    prompt = domain_text(_NOT_PARCELS.sub(r"\1 log", prompt))  # a repair shop's jobs, a food bank: no domain's
    head = prompt_head(prompt)
    names, descriptions = _domain_descriptions()
    best, hits = "generic", 0.0
    for spec in DOMAIN_SPECS.values():
        said = _keywords_in(spec, prompt)
        if not said or len(said) < 2 and not set(_keywords_in(spec, head)) - _BOARD and \
                not head_fits(head, descriptions, names.index(spec.name)):
            continue
        n = _weight(said)  # the keywords found once, weighed here
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
    ("split", "split"), ("lap", "split"),
    ("repair(?!s? (?:shop|store|caf|centre|center|finder|locator|directory|near))", "repair"),  # not a place
    ("work order", "repair"), ("job card", "repair"),
    ("ingredient", "ingredient"), ("grocer(?:y|ie)", "grocery"), ("shopping list", "grocery"), ("line item", "line"),
    ("invoice item", "line"), ("order line", "line"), ("payment method", "payment"), ("saved card", "payment"),
    ("card on file", "payment"), ("bank account", "account"), ("accounts", "account"),
    ("opening (?:hours|times)", "opening_hours"), ("hours of opening", "opening_hours"), ("hourly", "hour"),
    ("hour by hour", "hour"), ("step", "step"), ("instruction", "step"), ("method", "step"),
    ("direction", "step"), ("preparation", "step"), ("episode", "episode"), ("chapter", "chapter"),
    ("station", "station"), ("menu", "menu"), ("dish", "menu"), ("drink", "menu"), ("starter", "menu"),
    ("transaction", "transaction"), ("departure", "journey"), ("timetable", "journey"), ("journey", "journey"),
    ("train", "journey"), ("connection", "journey"), ("expense", "expense"), ("book", "book"), ("class", "class"),
    ("stops?\\b", "stop"), ("track", "track"), ("tour dates?", "tour_date"), ("upcoming dates?", "tour_date"),
    ("library catalogue", "book"), ("library catalog", "book"), ("book catalogue", "book"), ("library search", "book"), ("receipt", "expense"), ("reimbursement", "expense"),
    ("homework", "homework"), ("assignments? due", "homework"), ("pollutant", "pollutant"),
    ("deal", "deal"), ("candidate", "candidate"), ("applicant", "candidate"), ("recruit(?:er|ment|ing)?", "candidate"),
    ("hiring", "candidate"), ("invoice", "invoice"),
    ("event", "event"), ("concert", "event"), ("product", "product"),
    ("rental cars?", "rental_car"), ("cars?", "rental_car"), ("vehicles?", "rental_car"),
    ("(?:feature )?flags?", "feature_flag"), ("submissions?", "submission"), ("entr(?:y|ies)", "submission"),
    ("screenings?", "screening"), ("films?", "screening"), ("routes?", "climb"), ("boulders?", "climb"),
    ("wake ?ups?", "wake_up"), ("night wakings?", "wake_up"), ("services?", "service"), ("endpoints?", "service"),
    ("micro-?services?", "service"))
#: Record nouns whose words mean other things elsewhere: read so only in a screen about this
#: (pattern on the prompt and the section's words). A car app's "car" is no rental; a country's
#: flag no feature flag; a form's submissions no hackathon entries; a bus route no climb.
_RECORD_CONTEXT: dict[str, str] = {
    "split": r"\b(run|runs|runner|race|marathon|km|mile|swim|cycl|ride|pace|training|track|triathlon|10k|5k)",
    "rental_car": r"\b(rent|rental|rentals|hire|car sharing)\b",
    "feature_flag": r"\b(feature|rollout|roll out|release|experiment|console|toggles?)\b",
    "submission": r"\b(hackathon|judg\w*|contest|competition|jury|award|pitch)",
    "climb": r"\b(climb\w*|boulder\w*|crag|belay)",
    "wake_up": r"\b(baby|sleep|night|nap|infant|newborn)\b",
    "service": r"\b(uptime|status page|monitor\w*|incidents?|latency|servers?|apis?|devops|infra\w*|cloud|deploy\w*|"
               r"outages?|on-?call|observability)\b",
}


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
    for noun, kind in _RECORD_NOUNS:  # the noun or its plural ("books"), not a longer word ("booking")
        if re.search(rf"\b(?:{noun})(?:s|es)?\b", w) and (
                kind not in _RECORD_CONTEXT or re.search(_RECORD_CONTEXT[kind], f"{w} {prompt.lower()}")):
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
        self._domain_words: frozenset[str] | None = None
        self._fact_label = ""  # the label `fact` is finding a value for
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

    @property
    def stat_fns(self) -> tuple[tuple[str, Callable[[OpenCopy], str]], ...]:
        """The domain's figures: a photo editor's are its adjustments (brightness, contrast), not
        the library's counts."""
        if self.spec.name == "photography" and re.search(r"\b(edit|slider|adjust|retouch|filter)", self.prompt.lower()):
            return PHOTO_ADJUSTMENTS
        return self.spec.stats

    def stats(self, n: int) -> list[tuple[str, str]]:
        out = [(label, fn(self)) for label, fn in self.stat_fns]
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

    def _hiring(self) -> bool:
        """Whether the screen is about jobs (its applicants apply for a role), not a waiting list."""
        return self.spec.name == "jobs" or bool(re.search(r"\b(jobs?|roles?|positions?|hiring|hire|recruit\w*|"
                                                          r"vacanc\w*|careers?|interviews?)\b", self.prompt.lower()))

    def record_kind(self, words: str) -> str | None:
        """`record_kind` of `words` in this copy's prompt, or a kind of the domain's own the words
        name (`DomainSpec.kinds`: a smart home's devices, an inbox's folders)."""
        low = (words or "").lower()
        for pattern, kind in self.spec.kinds:
            if re.search(pattern, low):
                return kind
        return record_kind(words, self.prompt)

    def own_kind(self, words: str) -> str | None:
        """The record kind of a collection whose noun no record table and not this copy's domain
        writes (`own_noun`): ``"own:<noun>"``, drawn by `own_records` and `own_table`; else None."""
        own = own_noun(words, self.domain_words) if self.spec.name != "watch" else None
        if own is None and self.spec.name != "watch":
            # a noun a screen lays out itself elsewhere ("roles" on a settings page) or its domain writes,
            # where a kind of thing is sure of it here: a theatre's roles, a sanctuary's animals
            plural = [w for w in re.findall(r"[a-z]+", (words or "").lower()) if w not in _KIND_WORDS
                      and w not in _OWN_TRAIL and w not in _OWN_SKIP]
            noun = _sing(plural[-1]) if plural and plural[-1].endswith("s") and _sing(plural[-1]) != plural[-1] else ""
            kind = self._thing(noun) if noun not in PEOPLE_NOUNS else None
            own = noun if kind is not None and kind.sure else None
        past = re.search(r"\b(recent|past|previous|history|last|done|completed)\b", (words or "").lower()) or \
            re.search(r"\b(log|logbook|diary|journal|history)\b", prompt_head(self.prompt)) or \
            (own and re.search(rf"\b{re.escape(own.split()[-1])}s?\s+tracker\b", prompt_head(self.prompt)))
        # a dive logbook's dives, a feeding tracker's feedings: what was done (a case tracker's hearings are to come)
        return f"own:{'past:' if past else ''}{own}" if own else None

    @property
    def domain_words(self) -> frozenset[str]:
        """The words of this copy's domain (its noun, keywords, title, columns, navigation and
        statuses, each also in the singular): a noun among them is the domain's own."""
        if self._domain_words is None:
            spec = self.spec
            text = " ".join([spec.noun, spec.title, spec.search, *spec.keywords, *spec.columns,
                             *(label for label, _icon in spec.nav), *spec.statuses])
            ws = set(re.findall(r"[a-z][a-z'\-]*", text.lower()))
            self._domain_words = frozenset(ws | {_sing(w) for w in ws})
        return self._domain_words

    def _own_rows(self, noun: str, n: int, past: bool) -> tuple[str, list[dict]]:
        """The records `own_records` and `own_table` show, as fields: which sort of noun it is
        (``occurrence``, ``animal``, ``sold`` or ``thing``) and one dict a record."""
        r = self.rng
        words = noun.split()
        head = words[-1]
        label = noun[:1].upper() + noun[1:]
        people = self.people(n)
        if head in OCCURRENCE_NOUNS:
            monday = datetime.date(2027, 3, 1)  # the month the screens' calendars show; a Monday
            start = monday + datetime.timedelta(days=r.randint(0, 4))
            named = [d for d, w in enumerate(_WEEKDAYS) if w in noun.lower().split()]
            if named:  # "Sunday services": each on a Sunday
                start = monday + datetime.timedelta(days=named[0])
            week = bool(named) or head in ("service", "rota", "shift", "collection", "pickup")
            led = head in _LED  # a hearing has its judge, a collection no one
            rows, day = [], start
            step = -1 if past else 1  # what has happened: the latest first, going back
            if past:
                day = start - datetime.timedelta(days=r.randint(3, 9))
            for i in range(n):
                if i:  # weekly on its day; else every other weekday or so (none at a weekend)
                    day += step * datetime.timedelta(days=7 if week else r.randint(1, 3) * (12 if past else 1))
                    while not week and day.weekday() >= 5:
                        day += step * datetime.timedelta(days=1)
                hour = (9, 10, 11, 18, 19)[self.k % 5] if week else (9, 10, 11, 14, 16, 18)[(self.k + i) % 6]
                if past:
                    state = "Done"
                elif head == "slot":  # a slot to book: how much room is left in it
                    state = ("Available", "Available", "Few left", "Full")[(self.k + i) % 4]
                elif led:
                    state = "Confirmed" if i < 2 else ("Open", "Confirmed", "Tentative")[(self.k + i) % 3]
                else:
                    state = ("Scheduled", "Scheduled", "Moved")[(self.k + i) % 3] if i else "Next"
                if past and head == "dive":  # what a done one measured: a dive's depth, a run's distance
                    state = f"{r.randint(12, 34)} m"
                elif past and head in _DISTANCE_OCCURRENCES:
                    state = f"{r.randint(30, 220) / 10:.1f} km"
                rows.append({"date": f"{day:%a} {day.day} {day:%b}", "label": label, "state": state,
                             "time": f"{hour:02d}:{'30' if i % 2 and not week else '00'}",
                             "who": people[i] if led else ""})
            return "occurrence", rows
        low = self.prompt.lower()
        if head in ANIMAL_NOUNS:  # animals have names: "Bramble", 9 yrs, whose, and how each is
            states = ("Healthy", "Healthy", "Vet check due", "Healthy", "Resting", "Healthy")
            return "animal", [{"name": ANIMAL_NAMES[(self.k + i) % len(ANIMAL_NAMES)], "age": f"{r.randint(2, 19)} yrs",
                               "who": people[i], "state": states[(self.k + i) % len(states)]} for i in range(n)]
        kind = self._thing(noun)
        sold = _SOLD.search(low) or self.spec.name == "shop"
        if self._names_kind(noun, kind):
            return "kind", self._kind_rows(kind, n)  # "Sea bass · 2.4 kg · Released", "Bed 4 · a patient"
        if sold:
            styles = _STYLES.get(head) or (kind.thing.names if kind and isinstance(kind.thing.names, tuple) else None)
            priced = kind.thing.details if kind and styles is kind.thing.names and kind.thing.column == "Price" \
                else None  # a kind sold at its own prices (pastries, cakes)
            names = _OWN_NAMES if _EATEN.search(low) or self.spec.name in ("food", "cafe") else _OWN_COLOURS
            strong = _STRENGTH.get(head)  # a drink's strength: "6.5%"
            rows = []
            for i in range(min(n, len(styles)) if styles else n):  # each style once
                name = styles[(self.k + i) % len(styles)] if styles else f"{names[(self.k + i) % len(names)]} {noun}"
                price = r.randint(8, 60) / 2 + (0.5 if i % 2 else 0) if not strong else r.randint(9, 16) / 2
                shown = priced[(self.k + i) % len(priced)] if priced else _money(price, "€")
                rows.append({"name": name, "price": shown,
                             "abv": f"{r.uniform(*strong):.1f}%" if strong else ""})
            return "sold", rows
        named = named_sort(noun, low)
        if named:  # things a product names: "Finlandia · Sibelius", "North block", "Kestrel"
            return "named:" + named, _named_things(self, named, noun, n)
        ok, due, did = _thing_states(low)
        held = did in ("assigned", "booked", "rented")  # a free one is nobody's; an open lift no one's at all
        rows = []
        for i in range(n):
            days = (0, 1, 6, 2, 0, 9)[(self.k + i) % 6]  # since it was last seen to
            ago = f"{days} d ago" if days else f"{r.randint(2, 22)} h ago"
            # what was done long ago is due again; what was done lately is fine (closed, free: now and then)
            st = due if (days >= 5 if not held and did != _THING_DEFAULT[2] else (self.k + i) % 6 in (2, 5)) else ok
            free = held and st == due
            # a fleet's machines go by their unit numbers ("Scooter #4821"), other things by their place in line
            name = f"{label} #{1000 + (self.k * 37 + i * 613) % 9000}" if _FLEET.search(head) else f"{label} {i + 1}"
            rows.append({"name": name, "who": "" if free or not (held or did != _THING_DEFAULT[2])
                         else people[i], "did": did, "ago": "" if free else ago, "state": st})
        return "thing", rows

    def _thing(self, noun: str) -> MatchedThing | None:
        """The kind of thing `noun` names on this screen (`things.match_thing` with the prompt's head)."""
        return match_thing(noun, prompt_head(self.prompt)) if noun else None

    def _names_kind(self, noun: str, kind: MatchedThing | None) -> bool:
        """Whether a kind of thing found for an own noun names its records: not on a screen that
        sells them (an order tracker tracks, a shop prices), and over a curated sort only when sure."""
        low = self.prompt.lower()
        selling = (_SOLD.search(low) or self.spec.name == "shop") and not _TRACKING.search(prompt_head(self.prompt))
        return kind is not None and not selling and (kind.sure or not named_sort(noun, low))

    def names_kind(self, own_kind: str) -> bool:
        """Whether `own_rows` of an own kind (``"own:<noun>"``) draws a kind of thing's records
        (`things.THINGS`), found without drawing any copy: a map pins them by name."""
        noun = own_kind.split(":")[-1]
        head = noun.split()[-1]
        if head in OCCURRENCE_NOUNS or head in ANIMAL_NOUNS:
            return False
        return self._names_kind(noun, self._thing(noun))

    def _kind_rows(self, kind: MatchedThing, n: int) -> list[dict]:
        """`n` records of a kind of thing (`things.match_thing`): each member once, a numbered kind's
        numbers, people by name; the kind's detail and state for each, from this copy's offset."""
        thing = kind.thing
        k = 0 if thing.ordered else self.k
        many = isinstance(thing.names, tuple)
        names = thing.names
        if many and not thing.ordered:  # what the page names comes first ("a glass recycling depot": its glass)
            said = {w for w in re.findall(r"[a-z]+", prompt_head(self.prompt)) if len(w) >= 4}
            named = [x for x in names if said & set(re.findall(r"[a-z]+", x.lower()))]
            if named:
                rest = [x for x in names if x not in named]
                names, k = tuple(named + rest[k % len(rest):] + rest[:k % len(rest)]) if rest else tuple(named), 0
        n = min(n, len(thing.names)) if many else n
        timed = thing.details not in ("people", "party") and all(re.fullmatch(r"\d{1,2}:\d\d", d) for d in thing.details)
        n = min(n, len(thing.details)) if timed else n  # each time of the day once, in order
        people = self.people(2 * n)
        rows = []
        for i in range(n):
            if many:
                name = names[(k + i) % len(names)]
            elif thing.names == "people":
                name = people[i]
            else:  # numbered from the first ("Bed 1", "Bed 2", …)
                name = thing.names.replace("{n}", str(1 + i))
            # an ordered kind's states run once and stay at their last (one speaker speaking, the rest waiting)
            state = thing.states[min(i, len(thing.states) - 1) if thing.ordered else (k + i) % len(thing.states)]
            if thing.details == "party":  # who sits there: one by name and how many with them
                detail = f"{people[n + i]} and {7 - int(state[0]) if state[0].isdigit() else 7} more"
            elif thing.details != "people":  # times in their order through the day, else from the offset
                detail = thing.details[(i if timed else k + i) % len(thing.details)]
                if state.lower() in _NONE_LEFT:  # what has run out has none left ("0 L", not "6 L · Out")
                    detail = re.sub(r"^[\d.,]+", "0", detail) if re.match(r"[\d.,]+\s*[a-zA-Z]", detail) else detail
            else:  # whose it is: nobody's while it is free ("Bed 8 · — · Free")
                detail = "—" if state.lower() in _NOBODYS else people[n + i]
            rows.append({"name": name, "detail": detail, "state": state,
                         "column": thing.column})
        return rows

    def own_rows(self, kind: str, n: int) -> tuple[str, list[dict]]:
        """The fields of `n` records of an own kind (``"own:hive"``, ``"own:past:donation"``,
        `own_kind`): which sort of noun it is and one dict a record (`_own_rows`)."""
        return self._own_rows(kind.split(":")[-1], n, past=kind.startswith("own:past:"))

    def own_records(self, noun: str, n: int, past: bool = False) -> list[Item]:
        """`n` records of a noun no record table and no domain writes (`own_noun`): dated
        occurrences of what happens at a time ("Sunday service", the day, the hour and, where
        someone leads it, who; the latest first and done when `past`), animals by name, named and
        priced things where the screen sells them ("House beer"), else numbered things with when
        each was last seen to and a state taken from what the screen does to them ("Hive 3",
        inspected 6 d ago, Due for check)."""
        sort, rows = self._own_rows(noun, n, past)
        if sort == "occurrence":
            return [(x["date"], " · ".join(p for p in (x["label"], x["time"], x["who"]) if p), x["state"]) for x in rows]
        if sort == "animal":
            return [(x["name"], f"{x['age']} · {x['who']}", x["state"]) for x in rows]
        if sort == "sold":
            return [(x["name"], x["abv"], x["price"]) for x in rows]
        if sort.startswith("named:") or sort == "kind":
            return [(x["name"], x["detail"], x["state"]) for x in rows]
        return [(x["name"], f"{x['who']} · {x['did']} {x['ago']}" if x["who"] else
                 f"{x['did'].capitalize()} {x['ago']}" if x["ago"] else "", x["state"]) for x in rows]

    def own_table(self, noun: str, n: int, past: bool = False) -> tuple[list[str], list[list[str]]]:
        """`own_records` as a table: an occurrence's day, time, who and state; a sold thing's name
        and price; an animal's name, age, owner and state; a numbered thing's name, whose it is,
        when it was last seen to and its state. Standings ("boats standings") rank the things by
        points."""
        label = noun[:1].upper() + noun[1:]
        sort, rows = self._own_rows(noun, n, past)
        if sort == "occurrence":
            last = "Depth" if past and noun.split()[-1] == "dive" else \
                "Distance" if past and noun.split()[-1] in _DISTANCE_OCCURRENCES else "Status"
            if rows and rows[0]["who"]:
                return ["Date", "Time", "With", last], [[x["date"], x["time"], x["who"], x["state"]] for x in rows]
            return ["Date", "Time", last], [[x["date"], x["time"], x["state"]] for x in rows]
        head = noun.split()[-1]
        if re.search(r"\b(standings?|rankings?|leaderboard|results|league|table of)\b", self.prompt.lower()):
            n = len(rows) if sort.startswith("named:") else n  # each named entrant once
            pts = sorted(self.rng.sample(range(4, 61), n), reverse=True)
            nums = self.rng.sample(range(2, 99), n)  # each entrant once
            names = [x["name"] for x in rows] if sort.startswith("named:") else [f"{label} {x}" for x in nums]
            return (["Pos", label, "Skipper" if head == "boat" else "Team", "Points"],
                    [[str(i + 1), names[i], self.people(n)[i], str(p)] for i, p in enumerate(pts)])
        if sort == "sold":
            if rows and rows[0]["abv"]:
                return [label, "ABV", "Price"], [[x["name"], x["abv"], x["price"]] for x in rows]
            return [label, "Price"], [[x["name"], x["price"]] for x in rows]
        if sort == "kind":
            return [label, rows[0]["column"] if rows else "", "Status"], [[x["name"], x["detail"], x["state"]]
                                                                          for x in rows]
        if sort.startswith("named:"):
            name_col = "Pairing" if sort == "named:pairing" else label
            return ([name_col, _NAMED_SORTS[sort[6:]][2], "Result" if sort == "named:pairing" else "Status"],
                    [[x["name"], x["detail"], x["state"]] for x in rows])
        if sort == "animal":
            return [label, "Age", "Owner", "Status"], [[x["name"], x["age"], x["who"], x["state"]] for x in rows]
        did = rows[0]["did"] if rows else _THING_DEFAULT[2]
        if did == _THING_DEFAULT[2]:  # things nobody holds: when each was last updated
            return [label, "Last updated", "Status"], [[x["name"], x["ago"], x["state"]] for x in rows]
        return ([label, "Assigned to" if did == "assigned" else "Owner", f"Last {did}", "Status"],
                [[x["name"], x["who"] or "—", x["ago"] or "—", x["state"]] for x in rows])

    def records(self, words: str, n: int) -> list[Item] | None:
        """`n` records of the noun `words` names (ingredients with quantities, numbered method steps,
        episodes, chapters, stations, menu dishes with prices, departures, expenses, books, classes,
        deals, candidates…), or None when it names none of them."""
        return self.records_of_kind(self.record_kind(words), n)

    def records_of_kind(self, kind: str | None, n: int) -> list[Item] | None:
        """`records` of a record noun already read from the words (`record_kind`); None for None.
        Each record once: a curated list shorter than `n` gives fewer rows, not the same ones again."""
        out = self._records_of_kind(kind, n)
        if out is None:
            return None
        seen: set[str] = set()
        return [it for it in out if not (it[0] in seen or seen.add(it[0]))] or out

    def _records_of_kind(self, kind: str | None, n: int) -> list[Item] | None:
        if kind is None:
            return None
        if kind.startswith("own:"):
            return self.own_records(kind.split(":")[-1], n, past=kind.startswith("own:past:"))
        r = self.rng
        own = self._own_records(kind, n)
        if own is not None:
            return own
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
            menu = CANTEEN if _CANTEEN.search(self.prompt.lower()) else \
                CAFE if re.search(r"\b(cafe|café|coffee|bakery|brunch)\b", self.prompt.lower()) else MENU
            return [menu[(i + self.k) % len(menu)] for i in range(n)]
        if kind == "line":
            return [(d, f"{q} × {_money(u)}", _money(q * u)) for d, q, u in self.line_items(n)]
        if kind == "transaction":
            return [_bank_item(self, i) for i in range(n)]
        if kind == "opening_hours":  # each day of the week once, when the doors open and close; shut on Sunday
            late = (self.k % 3 == 0)
            shut = {d: "Closed" if d == "Sunday" else "09:00–17:00" if d == "Saturday" else
                    f"08:00–{'20:00' if late and d == 'Thursday' else '18:00'}" for d in DAY_NAMES}
            days = [(d, "Today" if i == 2 else "", shut[d]) for i, d in enumerate(DAY_NAMES)]  # the hours at the end
            return days  # the whole week, whatever the list would hold
        if kind == "hour":  # "hourly forecast": the next hours, each with its conditions and temperature
            start, t = r.randint(6, 15), r.randint(12, 22)
            return [(f"{(start + i) % 24:02d}:00", WEATHER[(self.k + i // 3) % len(WEATHER)],
                     f"{t + round(3 * math.sin(i / 3))}°") for i in range(n)]
        if kind in ("payment", "account"):
            rows = PAYMENT_METHODS if kind == "payment" else ACCOUNTS
            return [(name, meta, "Default" if i == 0 and kind == "payment" else "")
                    for i, (name, meta) in enumerate(rows[:min(n, len(rows))])]  # each method once
        if kind == "journey":
            return [_journey_item(self, i) for i in range(n)]
        if kind == "split":  # a race's splits: each kilometre (a lap in a pool or on a track), its time, the total
            pool = re.search(r"\b(swim|pool|lap)", self.prompt.lower()) is not None
            base, total, out = r.randint(270, 340), 0, []
            for i in range(n):
                t = base + r.randint(-12, 14) + (i // 3) * 4  # a little slower as it goes
                t = t // 3 if pool else t
                total += t
                out.append((f"{'Lap' if pool else 'Km'} {i + 1}", f"{t // 60}:{t % 60:02d}" + ("" if pool else " /km"),
                            f"{total // 3600}:{total % 3600 // 60:02d}:{total % 60:02d}" if total >= 3600
                            else f"{total // 60}:{total % 60:02d}"))
            return out
        if kind == "expense":
            return [(m, f"{self.date()} · {cat}", _money(r.randint(8, 420) + r.randint(0, 99) / 100))
                    for m, cat in (MERCHANTS[(self.k + i) % len(MERCHANTS)] for i in range(n))]
        if kind == "book":  # a library's shelf: whether each is in; a reader's loans: when each is due back
            loans = re.search(r"\b(on loan|loans?|borrowed|checked out|renew)", self.prompt.lower()) is not None
            return [(t, a, f"Due {self.date()}" if loans else r.choice(("Available", "Available", "On loan")))
                    for t, a in (BOOKS[(self.k + i) % len(BOOKS)] for i in range(n))]
        if kind == "class" and self.spec.name == "education":  # a school's classes: subjects, rooms, teachers
            starts = [8 * 60 + 30 + 55 * (i % 8) + (20 if i % 8 >= 3 else 0) for i in range(n)]  # a break after three
            return [(SUBJECTS[(self.k + i) % len(SUBJECTS)], f"Room {r.randint(1, 24)} · {self.person()}",
                     f"{m // 60:02d}:{m % 60:02d}") for i, m in enumerate(starts)]
        if kind == "stop" and re.search(r"\b(museum|gallery|exhibit|audio ?guide|collection|artwork)", self.prompt.lower()):
            return [(f"{i + 1}. {work}", f"{who} · {room}", f"{r.randint(1, 4)}:{r.randint(0, 59):02d}")
                    for i, (work, who, room) in enumerate(EXHIBITS[:min(n, len(EXHIBITS))])]  # each stop once
        if kind == "tour_date":  # a band's or a show's dates: city, venue, day and tickets
            if self.spec.name not in ("music", "events"):
                return None
            venues = ("Paradiso", "Roundhouse", "Olympia", "Columbiahalle", "Vega", "Razzmatazz", "Ancienne Belgique")
            cities = ("Amsterdam", "London", "Paris", "Berlin", "Copenhagen", "Barcelona", "Brussels")
            return [(f"{cities[(self.k + i) % 7]} · {venues[(self.k + i) % 7]}",
                     f"{('Fri', 'Sat', 'Sun', 'Tue', 'Wed', 'Thu')[i % 6]} {3 + 2 * i} May",
                     "Sold out" if i == 1 else "Tickets") for i in range(n)]
        if kind == "track":  # a conference's tracks: their talks and rooms; a player's tracks are its songs
            if self.spec.name == "music" or not re.search(r"\b(conference|summit|meetup|festival|agenda|schedule|"
                                                          r"programme|program|sessions?|talks?)\b", self.prompt.lower()):
                return None
            names = ("Design", "Engineering", "Product", "Data", "Leadership", "Research")
            rooms = ("Main hall", "Room A", "Room B", "Room C")
            return [(names[i % len(names)], f"{r.randint(4, 9)} talks · {rooms[i % 4]}", "Live" if i == 0 else "")
                    for i in range(n)]
        if kind == "stop":  # a route's stops: the stop, its platform and when the next one comes
            return [(STOPS[(self.k + i) % len(STOPS)], f"Platform {r.randint(1, 6)}", f"{2 + 3 * i} min")
                    for i in range(n)]
        if kind == "class":
            return [(CLASSES[(self.k + i) % len(CLASSES)], f"{_time(self)} · {r.randint(30, 60)} min · {self.person()}",
                     f"{r.randint(1, 12)} spots left") for i in range(n)]
        if kind == "repair":  # a workshop's jobs: what came in, what it needs, whose it is, when it is due
            things, jobs = next((t for pattern, *t in _REPAIRS if re.search(pattern, self.prompt.lower())),
                                _REPAIRS[-1][1:])
            if re.search(r"\b(book|booking|options?|prices?|price list)\b", self.prompt.lower()):
                # a customer books one: the jobs on offer, how long each takes and what it costs
                return [(jobs[(self.k + i) % len(jobs)], f"{r.choice((30, 45, 60, 90))} min",
                         _money(r.randint(3, 16) * 5, "€")) for i in range(min(n, len(jobs)))]
            return [(f"{things[(self.k + i) % len(things)]} · {jobs[(self.k + 2 * i) % len(jobs)]}", self.person(),
                     ("Today", "Tomorrow", "Fri", "Mon", "Today", "Wed")[(self.k + i) % 6]) for i in range(n)]
        if kind == "deal":
            return [_deal_item(self, i) for i in range(n)]
        if kind == "candidate":  # a job's candidates: the role; others (a waiting list): when each applied
            if self._hiring():
                return [(p, JOBS[(self.k + i) % len(JOBS)], f"{r.randint(1, 14)} d") for i, p in enumerate(self.people(n))]
            return [(p, f"Applied {self.date()}", _APPLICANT_STAGES[(self.k + i) % len(_APPLICANT_STAGES)])
                    for i, p in enumerate(self.people(n))]
        if kind == "event":
            return [_event_item(self, i) for i in range(n)]
        if kind == "invoice":
            return [_invoice_item(self, i) for i in range(n)]
        if kind == "product":
            return [_product_item(self, i) for i in range(n)]
        if kind in NOUN_RECORDS or kind in PEOPLE_NOUNS:
            return self.noun_records(kind, n)
        if kind in UNIT_NOUNS or kind in PLACE_NOUNS or kind in MEDICINE_NOUNS or kind in TRACKED_NOUNS or \
                kind == "service":
            return [tuple(row[:3]) for row in self.class_rows(kind, n)]
        return None

    def class_rows(self, kind: str, n: int) -> list[list[str]]:
        """Rows of a noun of a general class no domain writes: numbered units ("Washer 3", where,
        whether free), places nearby ("Riverside Garage", how far and until when open, a rate or
        a rating), medicines (name and strength, how to take it, refills left) and a system's
        services (name, region and uptime, status). Each row: title, second line, trailing value,
        then the table's further cells."""
        r = self.rng
        low = self.prompt.lower()
        if kind in UNIT_NOUNS:
            # "washers and dryers": the units of each noun the prompt names, alternating
            named = sorted((m.start(), u) for u in UNIT_NOUNS for m in [re.search(rf"\b{u}s?\b", low)] if m)
            nouns = [u for _at, u in named if u != "machine" or len(named) == 1] or [kind]
            out = []
            for i in range(n):
                state = ("Available", f"In use · {r.randint(4, 48)} min left", "Available", "Out of order",
                         f"In use · {r.randint(4, 48)} min left", "Available")[(self.k + i) % 6]
                where = _UNIT_PLACES[i % len(_UNIT_PLACES)]
                out.append([f"{nouns[i % len(nouns)].capitalize()} {i // len(nouns) + 1}", where, state, where,
                            state.split(" · ")[0]])
            return out
        if kind in PLACE_NOUNS:
            paid = kind in ("garage", "lot") or "parking" in low
            out, near = [], r.randint(1, 4) / 10
            for i in range(n):  # nearest first
                name = f"{_PLACE_NAMES[(self.k + i) % len(_PLACE_NAMES)]} {kind.capitalize()}"
                dist = f"{near + i * 0.3 + r.randint(0, 2) / 10:.1f} km"
                hours = "Open 24 h" if paid and i % 3 == 0 else f"Open until {r.choice((18, 20, 21, 22))}:00"
                value = f"€{r.randint(15, 45) / 10:.2f}/h" if paid else f"{r.randint(40, 49) / 10} ★"
                out.append([name, f"{dist} · {hours}", value, dist, hours])
            return out
        if kind in TRACKED_NOUNS:
            legal = re.search(r"\b(law|legal|court|attorney|lawyer|solicitor|litigation|firm)\b", low) is not None
            people = self.people(2 * n + 1)
            out = []
            for i in range(n):
                ref = (f"{people[2 * i].split()[-1]} v. {people[2 * i + 1].split()[-1]}" if legal and kind == "case"
                       else f"{kind.capitalize()} #{r.randint(1000, 9999)}")
                state = ("Open", "In review", "Open", "On hold", "Closed")[(self.k + i) % 5]
                opened = self.date()
                who = people[2 * i + 1] if not legal else people[2 * i]
                out.append([ref, f"{who} · opened {opened}", state, who, opened])
            return out
        if kind in MEDICINE_NOUNS:
            out = []
            for i in range(min(n, len(MEDICINES))):
                name, dose = MEDICINES[(self.k + i) % len(MEDICINES)]
                left = r.choice((0, 1, 2, 3, 5))
                state = "Refill due" if left == 0 else "Active"
                out.append([name, dose, f"{left} refill{'s' if left != 1 else ''} left", str(left), state])
            return out
        out = []  # a system's services
        for i in range(min(n, len(SYSTEM_SERVICES))):
            state = ("Operational", "Operational", "Degraded", "Operational", "Operational", "Down")[(self.k + i) % 6]
            uptime = {"Operational": f"99.9{r.randint(5, 9)}%", "Degraded": f"99.{r.randint(50, 89)}%",
                      "Down": f"98.{r.randint(10, 90)}%"}[state]
            region = ("eu-west-1", "us-east-1", "global")[i % 3]
            latency = f"{r.randint(40, 180) if state == 'Operational' else r.randint(400, 1400)} ms"
            out.append([SYSTEM_SERVICES[(self.k + i) % len(SYSTEM_SERVICES)], f"{region} · {uptime} uptime", state,
                        uptime, latency])
        return out

    def _own_records(self, kind: str, n: int) -> list[Item] | None:
        """Records of a kind one domain names (`DomainSpec.kinds`), or None: ``"own"`` (the
        domain's main records) is None too, so the caller writes the domain's items."""
        r = self.rng
        if kind == "player" and self.spec.name == "gaming":  # a game's players: gamer tags and points
            return [_gamer_item(self, i) for i in range(n)]
        if kind == "device":
            return [(name, f"{room} · {doing}", "On" if on else "Off")
                    for name, room, doing, on in (_device(self, i) for i in range(n))]
        if kind == "sports_player":  # a team sheet: number, name, position, club
            return [(f"{(1, 2, 4, 5, 3, 6, 8, 10, 7, 9, 11)[i % 11]}. {self.fake.first_name_male()} {self.last()}",
                     POSITIONS[i % len(POSITIONS)], CLUBS[(self.k + (i // 11)) % len(CLUBS)]) for i in range(n)]
        if kind == "hotel_room":  # a hotel's room types: who they sleep, their size, a night's price
            return [(HOTEL_ROOMS[(self.k + i) % len(HOTEL_ROOMS)][0],
                     f"{HOTEL_ROOMS[(self.k + i) % len(HOTEL_ROOMS)][1]} · {r.randint(18, 46)} m² · "
                     f"{r.choice(('Breakfast included', 'Free cancellation', 'City view', 'Courtyard view'))}",
                     f"€{r.randint(89, 390)} / night") for i in range(n)]
        if kind == "shared_vehicle":  # bikes or scooters to rent nearby: which, its battery, how far
            what = "Scooter" if re.search(r"scooter", self.prompt.lower()) else "E-bike"
            return [(f"{what} #{r.randint(1000, 9999)}", f"{r.randint(30, 320)} m away · {r.randint(20, 60)} km range",
                     f"{r.randint(25, 99)}%") for i in range(n)]
        if kind == "rental_car":  # cars to rent: the model, seats, bags and gearbox, a day's price
            return [_rental_item(self, i) for i in range(min(n, len(RENTAL_CARS)))]
        if kind == "feature_flag":  # flags: the key, who owns it, how far it is rolled out
            return [(key, f"{team} · updated {self.date()}", ("100%", "25%", "Off", "50%", "10%", "Off", "100%")[i % 7])
                    for i, (key, team) in enumerate(FEATURE_FLAGS[(self.k + j) % len(FEATURE_FLAGS)]
                                                   for j in range(min(n, len(FEATURE_FLAGS))))]
        if kind == "submission":  # a hackathon's entries: project, team, score so far
            return [(proj, f"{team} · {r.randint(2, 5)} members", f"{r.randint(52, 94) / 10:.1f}")
                    for proj, team in (SUBMISSIONS[(self.k + i) % len(SUBMISSIONS)]
                                       for i in range(min(n, len(SUBMISSIONS))))]
        if kind == "screening":  # a festival's screenings: film, director and length, when and where
            n = min(n, len(FILMS))
            starts = sorted(r.randint(10, 22) * 60 + r.choice((0, 15, 30, 45)) for _ in range(n))
            return [(f, f"{d} · {length} · Cinema {1 + (self.k + i) % 4}", f"{m // 60:02d}:{m % 60:02d}")
                    for i, ((f, d, length), m) in enumerate(zip((FILMS[(self.k + i) % len(FILMS)] for i in range(n)),
                                                                starts))]
        if kind == "climb":  # a gym's routes: name, wall and setter's date, grade on one scale
            boulders = re.search(r"\bboulder", self.prompt.lower()) is not None
            return [(name, f"Wall {1 + (self.k + i) % 5} · set {self.date()}", v if boulders else french)
                    for i, (name, v, french) in enumerate(CLIMBING_ROUTES[(self.k + j) % len(CLIMBING_ROUTES)]
                                                          for j in range(min(n, len(CLIMBING_ROUTES))))]
        if kind == "wake_up":  # a night's wake-ups, in order: when, how long awake, what settled the baby
            t = 22 * 60 + r.randint(30, 80)
            out = []
            for i in range(min(n, 5)):  # a night holds a handful, each after the last
                t += r.randint(70, 130)
                out.append((f"{(t // 60) % 24:02d}:{t % 60:02d}", f"Awake {r.randint(6, 35)} min",
                            ("Fed", "Settled", "Nappy change", "Fed")[i % 4]))
            return out
        if kind == "pollutant":  # an air-quality reading per pollutant, with its band
            return [POLLUTANTS[i % len(POLLUTANTS)] for i in range(n)]
        if kind == "homework":  # a pupil's homework: the subject and task, when it is due
            return [(f"{SUBJECTS[(self.k + i) % len(SUBJECTS)]}: {HOMEWORK[(self.k + i) % len(HOMEWORK)]}",
                     f"Due {('tomorrow', 'Thursday', 'Friday', 'next Monday', 'next Wednesday')[i % 5]}",
                     ("To do", "To do", "Handed in")[i % 3]) for i in range(n)]
        if kind == "grade":  # grades by subject
            return [(SUBJECTS[(self.k + i) % len(SUBJECTS)], f"{r.randint(2, 6)} assessments",
                     r.choice(("A", "A−", "B+", "B", "B−", "C+"))) for i in range(n)]
        if kind == "stock_item":  # a warehouse's stock: the item, its SKU and bin, how many are on hand
            return [_stock_item(self, i) for i in range(n)]
        if kind == "restaurant":  # places to eat: cuisine, price level and distance, rating
            return [(RESTAURANTS[(self.k + i) % len(RESTAURANTS)][0],
                     f"{RESTAURANTS[(self.k + i) % len(RESTAURANTS)][1]} · {'€' * r.randint(1, 3)} · "
                     f"{r.randint(2, 24) / 10:.1f} km", f"{r.randint(40, 49) / 10:.1f} ★") for i in range(n)]
        if kind == "ticket_type":  # who a ticket is for, who counts as that, its price
            return [TICKET_TYPES[i % len(TICKET_TYPES)] for i in range(n)]
        if kind == "solar_panel":  # a solar array's panels: where each is, what it makes now
            return [(f"Panel {'ABC'[i // 6 % 3]}{i % 6 + 1}", f"{r.choice(('Roof south', 'Roof west', 'Garage'))} · "
                     f"{r.randint(2, 4)}.{r.randint(0, 9)} kW now",
                     r.choice(("Online", "Online", "Online", "Low output", "Offline"))) for i in range(n)]
        if kind == "room":
            return [(ROOMS[(self.k + i) % len(ROOMS)], f"{r.randint(2, 7)} devices · {r.randint(19, 23)}°",
                     f"{r.randint(0, 4)} on") for i in range(n)]
        if kind == "carer":
            return [(p, f"{r.choice(('Dog walker', 'Pet sitter', 'Dog walker', 'Groomer'))} · "
                        f"{r.randint(44, 50) / 10:.1f} ★ · {r.randint(12, 340)} visits",
                     f"{r.randint(1, 9)}.{r.randint(0, 9)} km away") for p in self.people(n)]
        if kind == "folder":
            return [(name, "", count) for name, count in MAIL_FOLDERS[:min(n, len(MAIL_FOLDERS))]]
        if kind == "match":
            return [_match_item(self, i) for i in range(n)]
        if kind == "claim_file":
            return [(CLAIM_FILES[i % len(CLAIM_FILES)], f"{r.randint(180, 4800):,} KB · {self.date()}", "Uploaded")
                    for i in range(n)]
        if kind == "policy":
            return [_policy_item(self, i) for i in range(n)]
        if kind == "album":
            return [(PHOTO_ALBUMS[(self.k + i) % len(PHOTO_ALBUMS)], f"{r.randint(24, 860)} photos · {self.date()}", "")
                    for i in range(n)]
        if kind == "host":
            return [(host, os_ip, r.choice(("Healthy", "Healthy", "At risk", "Isolated")))
                    for host, os_ip in (HOSTS[(self.k + i) % len(HOSTS)] for i in range(n))]
        if kind == "charger":
            return [_charger_item(self, i) for i in range(n)]
        if kind == "vehicle":
            facts = _vehicle_status(self)
            return facts[:min(n, len(facts))]  # each fact once
        return None

    def kind_column(self, noun: str) -> str:
        """The column a kind of thing gives its records' detail ("Lead" for agenda items, "Where" for
        materials), or "" where no kind names the noun here."""
        kind = self._thing(noun)
        return kind.thing.column if kind is not None and self._names_kind(noun, kind) else ""

    def kind_records(self, noun: str, n: int) -> list[Item] | None:
        """`n` records of a kind of thing (`things.match_thing`) a noun phrase names ("agenda item"),
        name, detail and state, or None where no kind fits."""
        kind = self._thing(noun)
        return [(x["name"], x["detail"], x["state"]) for x in self._kind_rows(kind, n)] if kind else None

    def people_states(self, noun: str) -> tuple[str, ...] | None:
        """Where people of `noun` stand on this screen, from the kind of people it lists where that
        kind is sure (`things.match_thing`, `MatchedThing.sure`: a class's attendance has Present,
        Absent and Late; a ward's patients Stable or Ready to go home), else None."""
        kind = self._thing(noun)  # sure of it: a team's members are no squad's players
        return kind.thing.states if kind is not None and kind.sure and kind.thing.names == "people" else None

    def noun_records(self, noun: str, n: int) -> list[Item]:
        """`n` records of a noun the domains have no copy for: people from faker (a name and a
        job), else the noun's small word list, priced where things of it are sold."""
        r = self.rng
        if noun == "user":  # an app's users: the access each has
            return [(p, ("Admin", "Editor", "Viewer", "Member", "Owner", "Billing")[(self.k + i) % 6],
                     r.choice(("Active", "Active", "Invited", "Suspended"))) for i, p in enumerate(self.people(n))]
        if noun in ("cast", "crew"):  # a production's people: whom each plays, or what each does on set
            jobs = ("Director", "Director of photography", "1st AD", "Gaffer", "Sound mixer", "Script supervisor",
                    "Costume", "Make-up", "Grip", "Production designer")
            return [(p, f"as {self.fake.first_name()}" if noun == "cast" else jobs[i % len(jobs)],
                     f"Call {7 + i // 3:02d}:{(i % 3) * 15:02d}") for i, p in enumerate(self.people(n))]
        if noun in PEOPLE_NOUNS and not PEOPLE_NOUNS.listed(noun):
            # people of a noun no list names ("musicians"): their names, and whether they are in
            return [(p, "", r.choice(("Confirmed", "Confirmed", "Confirmed", "Pending"))) for p in self.people(n)]
        if noun in PEOPLE_NOUNS:
            pay = re.search(r"\b(pay|payroll|payment|salar|wage|invoice)", self.prompt.lower())
            working = noun in _WORKING_PEOPLE  # a job title only for those who work; a pupil has a grade
            states = self.people_states(noun)
            return [(p, self.fake.job().split(",")[0] if working else _person_detail(self, noun, i),
                     (_money(r.randint(18, 64) * 40 + r.randint(0, 9) * 10) if working else _money(r.randint(3, 15) * 20))
                     if pay else states[(self.k + i) % len(states)] if states else r.choice(("Active", "Active", "Away")))
                    for i, p in enumerate(self.people(n))]
        names, lo, hi, metas = NOUN_RECORDS[noun]
        if noun == "drink" and re.search(r"\b(cocktails?|bars?|pubs?|lounge|happy hour|speakeasy|taproom)\b",
                                         self.prompt.lower()):
            names, lo, hi = _STYLES["cocktail"], 9, 14  # a bar's drinks are its cocktails, each once
            n = min(n, len(names))
        owned = bool(re.search(rf"\b(my|our|owned)\s+(\w+\s+)?{noun}", self.prompt.lower()))
        out = []
        for i in range(n):
            name = names[(self.k + i) % len(names)] if names else ""
            meta = metas[(self.k + i) % len(metas)] if metas else ""
            if noun == "record":
                name = f"{ALBUMS[(self.k + i) % len(ALBUMS)]}"
                meta = f"{ARTISTS[(self.k + i * 3) % len(ARTISTS)]} · LP"
            if noun == "run":
                name, meta = f"Week {i // 3 + 1} · {('Tue', 'Thu', 'Sun')[i % 3]}", name
            if noun == "objective":  # how far along its key results are
                trailing = f"{r.randint(18, 92)}%"
            elif noun == "plant" and owned:  # my plants: when each wants water, not a price
                trailing = ("Water today", "Water tomorrow", f"Water in {r.randint(2, 6)} days")[min(i, 2)]
            elif hi and owned:  # things I own are not for sale
                trailing = ""
            else:
                trailing = (_money(r.randint(lo * 2, hi * 2) / 2, "€") if hi else
                            ("Done" if i < 2 else "Planned") if noun == "run" else
                            r.choice(("To do", "In progress", "Done")))
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
        if kind and kind.startswith("own:"):
            return self.own_table(kind.split(":")[-1], n, past=kind.startswith("own:past:"))
        if kind in UNIT_NOUNS:
            return ["Machine", "Where", "Status"], [[t, w, st] for t, _m, _a, w, st in self.class_rows(kind, n)]
        if kind in PLACE_NOUNS:
            paid = kind in ("garage", "lot") or "parking" in self.prompt.lower()
            return ([kind.capitalize(), "Distance", "Hours", "Rate" if paid else "Rating"],
                    [[t, d, h, a] for t, _m, a, d, h in self.class_rows(kind, n)])
        if kind in MEDICINE_NOUNS:
            return ["Medication", "Dose", "Refills", "Status"], [[t, m, c, st] for t, m, _a, c, st in
                                                                self.class_rows(kind, n)]
        if kind in TRACKED_NOUNS:
            legal = re.search(r"\b(law|legal|court|attorney|lawyer|solicitor|litigation|firm)\b", self.prompt.lower())
            return ([kind.capitalize(), "Client" if legal else "Who", "Opened", "Status"],
                    [[t, who, opened, st] for t, _m, st, who, opened in self.class_rows(kind, n)])
        if kind == "service":
            return ["Service", "Uptime", "Latency", "Status"], [[t, u, lt, st] for t, _m, st, u, lt in
                                                               self.class_rows(kind, n)]
        if kind == "stock_item":
            return list(STOCK_COLUMNS), [_stock_row(self, i) for i in range(n)]
        if kind == "line":
            rows = [[d, str(q), _money(u), _money(q * u)] for d, q, u in self.line_items(n)]
            return ["Description", "Qty", "Unit price", "Amount"], rows
        if kind == "policy":
            return ["Policy", "Number", "Renews", "Premium", "Status"], [_policy_row(self, i) for i in range(n)]
        if kind == "host":
            return (["Host", "System", "Address", "Status"],
                    [[t, m.split(" · ")[0], m.split(" · ")[1], a] for t, m, a in self.records_of_kind(kind, n)])
        if kind == "device":
            return list(self.spec.columns), [_device_row(self, i) for i in range(n)]
        if kind == "candidate":
            recs = self.records_of_kind(kind, n) or []
            if self._hiring():
                return ["Candidate", "Role", "Applied", "Stage"], [
                    [t, m, f"{a} ago", _APPLICANT_STAGES[(self.k + i) % len(_APPLICANT_STAGES)]]
                    for i, (t, m, a) in enumerate(recs)]
            return ["Applicant", "Applied", "Status"], [[t, m.removeprefix("Applied "), a] for t, m, a in recs]
        if kind == "book":  # a library's loans: title, author, when each is due back
            return (["Title", "Author", "Due back", "Status"],
                    [[t, a, self.date(), st] for t, a, st in self.records_of_kind(kind, n) or []])
        if kind == "rental_car":
            return (["Car", "Seats", "Gearbox", "Price per day"],
                    [[t, m.split(" · ")[0], m.split(" · ")[2], a] for t, m, a in self.records_of_kind(kind, n) or []])
        if kind == "feature_flag":
            return (["Flag", "Owner", "Rollout", "Status"],
                    [[t, m.split(" · ")[0], a, "Off" if a == "Off" else "On"]
                     for t, m, a in self.records_of_kind(kind, n) or []])
        if kind == "submission":
            return (["Project", "Team", "Track", "Score"],
                    [[t, m.split(" · ")[0], ("Climate", "Health", "Civic", "Open")[i % 4], a]
                     for i, (t, m, a) in enumerate(self.records_of_kind(kind, n) or [])])
        if kind == "expense":
            recs = self.records_of_kind(kind, n) or []
            return (["Date", "Merchant", "Category", "Amount", "Status"],
                    [[m.split(" · ")[0], t, m.split(" · ")[1], a, self.rng.choice(("Approved", "Pending", "Approved"))]
                     for t, m, a in recs])
        if kind in PEOPLE_NOUNS:
            pay = re.search(r"\b(pay|payroll|payment|salar|wage)", self.prompt.lower())
            recs = self.noun_records(kind, n)
            if self.spec.name == "gaming" and kind == "player":  # gamer tags, not people's names
                recs = [(GAMERTAGS[(self.k + i) % len(GAMERTAGS)], "", "") for i in range(n)]
            if re.search(r"\b(leaderboard|ranking|rank|score|tournament|league|game)", self.prompt.lower()):
                points = sorted((self.rng.randint(800, 4800) for _ in recs), reverse=True)
                return ["#", "Player", "Points"], [[str(k + 1), t, f"{p:,}"] for k, ((t, _m, _a), p) in
                                                   enumerate(zip(recs, points))]
            if pay:
                return (["Name", "Role", "Hours", "Amount", "Status"],
                        [[t, m, str(self.rng.choice((32, 36, 40, 40, 24))), a,
                          self.rng.choice(("Ready", "Ready", "Pending"))] for t, m, a in recs])
            sure = self._thing(kind)
            if sure is not None and sure.sure and sure.thing.names == "people":
                # people of a kind this screen is sure of: what matters of them here, and where they stand
                rows = self._kind_rows(sure, len(recs))
                return ["Name", sure.thing.column, "Status"], [[x["name"], x["detail"], x["state"]] for x in rows]
            if not PEOPLE_NOUNS.listed(kind) or not any(m for _t, m, _a in recs):  # "musicians": their email
                return ["Name", "Email", "Status"], [[t, _email(t, i), a] for i, (t, _m, a) in enumerate(recs)]
            if kind == "customer":  # a shop's or a sales team's customers: what each has bought
                spent = sorted((self.rng.randint(120, 9800) for _ in recs), reverse=True)
                return (["Customer", "Orders", "Total spent", "Status"],
                        [[t, str(self.rng.randint(2, 40)), _money(v), a] for (t, _m, a), v in zip(recs, spent)])
            head = "Role" if kind in _WORKING_PEOPLE or not recs or not recs[0][1] or " since " not in recs[0][1] \
                and kind in ("member", "user") else \
                {"student": "Grade", "learner": "Grade", "pupil": "Grade", "resident": "Flat", "tenant": "Flat",
                 "passenger": "Seat", "player": "Number", "athlete": "Number", "guest": "Stay"}.get(kind, "Since")
            if head == "Since" or head in ("Grade", "Flat", "Seat"):
                recs = [(t, m.rsplit(" ", 1)[-1], a) for t, m, a in recs]  # "Member since 2019": 2019; "Grade 6": 6
            return ["Name", head, "Email", "Status"], [[t, m, _email(t, i), a] for i, (t, m, a) in enumerate(recs)]
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
        for name, fn in self.stat_fns:
            if name.lower() == low and not (self._lines and re.search(r"\b(total|subtotal|tax|vat)\b", low)):
                return fn(self)
        rest = re.sub(r"\b(total|grand|subtotal|overall)\b", " ", low).strip()
        if rest != low.strip() and rest and not _MONEY_WORDS.search(rest) and not self._lines:
            # a total of something that is not money ("total visits"); a total score adds points up
            return f"{self.rng.randint(180, 690)}" if re.search(r"\bscores?\b", rest) else self.figure(rest)
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
        for name, fn in self.stat_fns:
            if name.lower() == low:
                return fn(self)
        if re.search(r"\b(change|delta|movement)\b|\b\d+ ?[hdwmy]\b", low):  # "24h change": up or down, in per cent
            return f"{r.choice('+−+')}{r.randint(2, 180) / 10:.1f}%"
        if re.search(r"^(number|count|no\.?)\b|\bcount(er)?$", low):  # "number of assets": a handful to a few dozen
            return str(r.randint(8, 48))  # at least the rows a list of them shows
        if re.search(r"\b(left|remaining|spaces|spots|places|seats available)\b", low):
            return str(r.randint(1, 12))  # "spaces left": a few
        if re.search(r"\b(salary|salaries|pay range|wage)\b", low):
            return f"${r.randint(40, 160)}k"
        if re.search(r"\b(price|prices|cost|fee)\b", low) and not re.search(r"\b(total|revenue|sales)\b", low):
            return _money(r.randint(20, 400))  # one thing's price, not a month's takings
        if re.search(r"\b(revenue|sales|income|spend|spent|cost|price|earning|profit|payout|raised|donat|budget|"
                     r"gmv|arr|mrr|payment|amount|paid|value|worth|balance)", low):
            return _money(r.randint(12, 940) * 100)
        if re.search(r"\b(rate|ratio|percent|conversion|occupancy|uptime|share|margin|growth|churn|progress|"
                     r"completion|accuracy|humidity|battery|capacity|utili[sz]ation|attendance)|%", low):
            return f"{r.randint(12, 97)}%"
        if re.search(r"\b(average|avg|total)\b", low) and re.search(r"\bsleep", self.prompt.lower()):
            return f"{r.randint(6, 8)} h {r.randint(0, 59):02d} min"  # a sleep tracker's figures are hours
        if re.search(r"\b(pace)\b", low):
            return f"{r.randint(4, 6)}:{r.randint(0, 59):02d} /km"
        if re.search(r"\b(time|duration|wait|length|sleep|hours|response)\b", low):
            return f"{r.randint(1, 9)} h {r.randint(1, 59):02d} min" if "sleep" in low or "hour" in low \
                else f"{r.randint(2, 48)} min"
        if re.search(r"\b(temp|temperature)", low):  # on the scale of what is measured
            lo, hi = temperature_range(self.prompt)
            v = r.randint(lo, hi)
            return f"{v:,} °C" if hi > 100 else f"{v}°"
        if re.search(r"\b(year|vintage)s?$|\b(vintage|year built|model year|year of)\b", low):
            return str(r.randint(2008, 2022))  # "vintage year": a year, not a count
        if re.search(r"\b(size|capacity|volume)\b", low) and re.search(r"\b(tanks?|aquarium\w*|ponds?|barrels?|"
                                                                       r"water butts?|kegs?)\b", self.prompt.lower()):
            return f"{r.randint(6, 40) * 10} L"  # a tank holds litres
        if re.search(r"\b(size|area|floor space|surface)\b", low):
            return f"{r.randint(12, 160)} m²"
        if "depth" in low and re.search(r"\b(dives?|diving|scuba|sea|lake|river|pool|water|wreck|reef)\b",
                                        self.prompt.lower()):
            # a dive's depth is in metres, snow's in centimetres; the deepest is past any one dive listed
            return f"{r.randint(35, 40)} m" if re.search(r"\b(max\w*|deepest)\b", low) else f"{r.randint(12, 34)} m"
        if re.search(r"\b(depth|snow|rainfall|height)\b", low):
            return f"{r.randint(20, 180)} cm"
        if re.search(r"\b(abv|alcohol|strength)\b", low):
            return f"{r.randint(35, 95) / 10:.1f}%"
        if re.search(r"\b(weight|load)\b", low):
            return f"{r.randint(2, 60)} kg"
        if re.search(r"\bage\b", low):
            return f"{r.randint(2, 16)} years"
        if re.search(r"\b(energy|electricity|power|produced|generated|consumption|usage)\b", low) \
                and not re.search(r"\b(water|data|storage|gas)\b", low):
            return f"{r.randint(8, 42)}.{r.randint(0, 9)} kWh"
        if re.search(r"\b(calories|kcal)\b", low):
            return f"{r.randint(180, 2400):,} kcal"
        if re.search(r"\b(distance|km|miles?|mileage)\b", low):
            return f"{r.randint(3, 42)}.{r.randint(0, 9)} km"
        if re.search(r"\b(score|scoreline)\b", low) and self.spec.name in ("sports", "gaming"):
            return f"{r.randint(0, 3)} – {r.randint(0, 3)}"
        if re.search(r"\b(score|rating)\b", low):
            return f"{r.randint(38, 49) / 10}"
        return f"{r.randint(120, 9800):,}"

    def fact(self, label: str, words: str = "") -> str:
        """The value of one fact of a key–value list ("Gate", "Seat", "Boarding time", "Bedrooms"):
        a booking's own detail of that name (`details` of the section's `words`), a value of the
        label's kind (`_FACTS`), else `value`."""
        low = label.lower()
        details = {k.lower(): v for k, v in (self.details(words) or [])}
        if low in details:
            return details[low]
        self._fact_label = low
        for pattern, make in _FACTS:
            if re.search(pattern, low):
                return make(self)
        return self.value(label)

    def events(self, words: str, n: int) -> list[tuple[str, str]]:
        """`n` entries of a timeline the section's `words` (in this copy's prompt) name: a parcel's
        tracking steps, a day's sessions, a project's milestones, else the activity on a record
        (who did what); each with its time."""
        w = f"{words} {self.prompt}".lower()
        r = self.rng
        if re.search(r"\b(deliver|parcel|shipment|shipping|courier|tracking|package|order status)", w):
            steps = ("Order placed", "Packed", "Picked up by the courier", "In transit", "Out for delivery",
                     "Delivered")
            start = r.randint(7, 10)
            return [(steps[i % len(steps)], f"{self.date() if i == 0 else 'Today'} · {(start + 2 * i) % 24:02d}:"
                     f"{r.choice(('05', '20', '35', '50'))}") for i in range(n)]
        if re.search(r"\b(incident|outage|postmortem|post-mortem|downtime)", w):
            # an incident's timeline: detection to recovery, each at its minute
            steps = ("Alert fired: p95 latency over 2 s", "On-call engineer paged", "Incident declared, SEV-2",
                     "Bad config rolled back", "Error rate back to normal", "Status page updated: resolved")
            h, m = r.randint(1, 22), r.randint(0, 40)
            return [(steps[i % len(steps)], f"{h:02d}:{(m + 4 * i) % 60:02d} UTC") for i in range(n)]
        if self.spec.name == "sports" and re.search(r"\b(goals?|events?|key moments|cards|substitutions|match)", w):
            # a match's key moments, in order: the minute, what happened, who
            what = ("Goal",) if re.search(r"\bgoals?\b", words.lower()) else (
                "Goal", "Yellow card", "Goal", "Substitution", "Goal", "Yellow card")
            clubs = (CLUBS[self.k % len(CLUBS)], CLUBS[(self.k + 1) % len(CLUBS)])
            mins = sorted(r.sample(range(3, 90), n))
            return [(f"{m}' {what[i % len(what)]} · {self.fake.last_name()}", clubs[i % 2]) for i, m in enumerate(mins)]
        kind = self.record_kind(words) or self.own_kind(words)
        if kind and kind.startswith("own:") and kind.split()[-1].split(":")[-1] in OCCURRENCE_NOUNS:
            # "a hearings timeline": each hearing (and who leads it) with its day and hour
            # each its own entry: led ones by who leads them, the rest by their day ("Feeding · Fri 5 Mar")
            return [(f"{x['label']} · {x['who']}", f"{x['date']} · {x['time']}") if x["who"] else
                    (f"{x['label']} · {x['date']}", f"{x['time']} · {x['state']}") for x in self.own_rows(kind, n)[1]]
        if kind and kind.startswith("own:") and self.own_rows(kind, n)[0] == "kind":
            # a kind of thing ("a discharges timeline"): each with its detail and state ("10:00 · Ready")
            return [(x["name"], f"{x['detail']} · {x['state']}" if x["detail"] else x["state"])
                    for x in self.own_rows(kind, n)[1]]
        recs = self.records_of_kind(kind, n) if kind else None
        if recs:  # what the timeline lists ("a stops timeline"): each with its when
            return [(t, a or m) for t, m, a in recs]
        if re.search(r"\b(schedule|agenda|conference|programme|program|itinerary|day timeline|festival)", w):
            sessions = ("Registration and coffee", "Opening keynote", "Design systems at scale", "Lunch",
                        "Panel: shipping faster", "Workshops", "Closing talk", "Drinks")
            return [(sessions[i % len(sessions)], f"{9 + i:02d}:00 · {('Main hall', 'Room A', 'Room B')[i % 3]}")
                    for i in range(n)]
        if re.search(r"\b(roadmap|milestone|project|sprint|release|launch|plan)\b", w):
            steps = ("Discovery", "Design review", "Build", "Beta with 20 teams", "Launch", "Retrospective")
            return [(steps[i % len(steps)], f"{('Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun')[i % 6]} {r.randint(2, 27)}")
                    for i in range(n)]
        people = self.people(max(2, n))
        did = ("created this", "changed the status to " + self.spec.statuses[min(1, len(self.spec.statuses) - 1)],
               "left a comment", "assigned it to " + people[1].split()[0], "attached a file", "marked it done")
        when = ("5 d ago", "4 d ago", "2 d ago", "Yesterday", "3 h ago", "12 min ago")  # oldest first, as it happened
        return [(f"{people[i % len(people)]} {did[i % len(did)]}", when[max(0, len(when) - n + i)] if i < len(when)
                 else "Just now") for i in range(n)]

    def placeholder(self, label: str) -> str:
        """The hint an input labelled `label` shows before it is filled ("Email" → an example
        address; a field no rule knows: "Add notes")."""
        low = label.lower()
        if re.search(r"\b(e-?mail)\b", low):
            return "name@example.com"
        if re.search(r"\b(password|passcode)\b", low):
            return "••••••••"
        if re.search(r"\b(phone|mobile)\b", low):
            return self.fake.numerify("+1 555 ### ####")
        if re.search(r"\b(card number)\b", low):
            return "1234 5678 9012 3456"
        if re.search(r"\b(expiry|expiration)\b", low):
            return "MM / YY"
        if re.search(r"\b(cvc|cvv|security code)\b", low):
            return "123"
        if re.search(r"\b(date of birth|birthday)\b", low):
            return "DD / MM / YYYY"
        if re.search(r"\b(address)\b", low):
            return self.street()
        if re.search(r"\b(city)\b", low):
            return self.city()
        if re.search(r"\b(postcode|zip|postal code)\b", low):
            return self.fake.postcode()
        if re.search(r"\b(country|nationality)\b", low):
            return self.fake.country()
        if re.search(r"\b(company)\b", low):
            return self.company()
        if re.search(r"\b(website|portfolio|linkedin)\b", low):
            return "https://"
        if re.search(r"\b(job title|occupation)\b", low):
            return self.fake.job().split(",")[0]
        if re.search(r"\b(username|display name)\b", low):
            return "@" + self.fake.user_name()
        if re.search(r"\b(name|surname)\b", low):
            return self.person()
        return f"Add {low}"

    def option(self, label: str) -> str:
        """The chosen value of a select labelled `label` ("Doctor", "From", "Country", "Sort by")."""
        low, r = label.lower(), self.rng
        if re.search(r"\bdate\b", low):  # "Pickup date" is a date, whatever it is the date of
            return self.date()
        if re.search(r"\breasons?\b", low):
            return choices_for(f"{self.prompt} {label}" if re.search(r"\b(return|refund|cancel)", self.prompt.lower())
                               else label)[0]
        if re.search(r"\b(doctor|dentist|clinician|physician|gp)\b", low):
            return f"Dr. {self.fake.first_name()} {self.last()}"
        if re.search(r"\b(from|to|account|pay from|source|destination)\b", low):
            return ACCOUNTS[(self.k + len(low)) % len(ACCOUNTS)][0]
        if re.search(r"\b(sort|order by)\b", low):
            return r.choice(("Newest first", "Most relevant", "Price: low to high"))
        if re.search(r"\b(status|state)\b", low):
            return r.choice(self.spec.statuses)
        if self.spec.name == "gaming" and re.search(r"\b(season|split)\b", low):
            return f"Season {r.randint(3, 9)}"
        if re.search(r"\b(country|region)\b", low):
            return self.fake.country()
        if re.search(r"\b(clinic|hospital|branch|store|site|office|centre|center|gym|studio)\b", low):
            return f"{self.city()} {label.split()[-1].capitalize()}"  # "Clinic" → "Porto Clinic"
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
        if re.search(r"\bday\b", low):
            return ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")[self.k % 6]  # a day of the week
        if re.search(r"\b(date|day)\b", low):
            return self.date()
        if re.search(r"\b(time|slot)\b", low):
            return _time(self)
        if re.search(r"\b(timezone|time zone)\b", low):
            return "Europe/Berlin (CET)"
        if re.search(r"\b(owner|assignee|agent|person|member|user|driver|teacher|coach|instructor)\b", low):
            return self.person()
        if re.search(r"\b(category|type|kind)\b", low) and re.search(r"\b(expense|receipt|spend|budget|reimburs)",
                                                                    self.prompt.lower()):
            return r.choice(("Travel", "Meals", "Lodging", "Supplies"))  # what an expense was for
        own = choices_for(label)
        if own:  # "Sleep timer", "Issue type", "Environment": one of what the control chooses
            return own[min(1, len(own) - 1)] if own[0] in ("Off", "Select a reason") else own[0]
        if noun_of(label) in PEOPLE_NOUNS:  # "Groomer", "Stylist": one of them, by name
            return self.person()
        if re.search(r"\b(category|type|kind|topic|genre)\b", low) and self.spec.tags and \
                all(w in self.domain_words or w in ("category", "type", "kind", "topic", "genre") for w in low.split()):
            # the domain's own kinds ("Category"), not for a noun it does not know ("Permit type")
            return r.choice([t for t in self.spec.tags if t != "All"] or list(self.spec.tags))
        # a choice nothing here knows the options of shows its prompt, as a real form does before
        # it is filled in (not another record's status)
        # "a projects select" picks one project
        one = " ".join(label.lower().split()[:-1] + [_sing(label.lower().split()[-1])]) if label.split() else ""
        return f"Select {one}" if 0 < len(label.split()) <= 3 else "Select an option"

    def tasks(self, n: int) -> list[str]:
        """`n` to-dos of a checklist for what the prompt is about (`CHECKLISTS`), else the domain's
        own work (`TASKS`)."""
        low = self.prompt.lower()
        found = next((items for pattern, items in CHECKLISTS if re.search(pattern, low)), TASKS)
        return [found[(self.k + i) % len(found)] for i in range(n)]

    def section_items(self, title: str, n: int) -> list[Item]:
        """Rows for a titled section the plan names with a noun no element kind matches: the
        noun's own entries, numbered, with the domain's people and dates."""
        if self.spec.name != "generic":  # the domain's own records (a forecast's days, a ticket queue)
            return [(t, m, r or self.rng.choice(self.spec.statuses)) for t, m, r in self.items(n)]
        noun = re.sub(r"s$", "", title.strip().split(" ")[-1]) if title.strip() else "Item"
        return [(f"{noun.capitalize()} {self.rng.randint(2, 48)}", f"{self.person()} · {self.date()}",
                 self.rng.choice(self.spec.statuses)) for _ in range(n)]
