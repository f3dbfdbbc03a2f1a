"""Copy for any domain: names, titles, numbers and sentences that belong to what a screen is about.

`OpenCopy(domain, prompt, seed)` writes the words of a planned screen: people from `faker`
(seeded, so one seed gives one screen), and per domain small curated word lists where faker has
none (tracks and artists, airports and flight numbers, dishes, vehicles and routes, commits…).
`domain_of(name, prompt)` maps a plan's domain name (or, for ``"generic"``, the prompt's words)
to one of `DOMAIN_SPECS`. Sales copy (customers, revenue, orders) is only written for the sales
domain: `SALES_WORDS` lists the words a non-sales screen never shows.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = ["DOMAIN_SPECS", "SALES_WORDS", "DomainSpec", "OpenCopy", "domain_of", "is_sales"]

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


def _route(c: "OpenCopy") -> tuple[tuple[str, str], tuple[str, str]]:
    a, b = c.rng.sample(CITIES, 2)
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
                             f"{c.rng.choice(CITIES)[0]} depot → stop {c.rng.randint(2, 14)} of {c.rng.randint(15, 22)}",
                             f"ETA {_time(c)}"),
               ("Vehicle", "Driver", "Route", "ETA", "Status"),
               lambda c, i: [VEHICLES[(c.k + i) % len(VEHICLES)], c.person(), f"R-{c.rng.randint(10, 99)}",
                             _time(c), c.rng.choice(("On route", "Delayed", "Loading", "On route"))],
               (("Vehicles on route", lambda c: f"{c.rng.randint(18, 40)}/{c.rng.randint(41, 50)}"),
                ("Deliveries today", lambda c: str(c.rng.randint(240, 620))),
                ("On time", lambda c: f"{c.rng.randint(88, 98)}%"), ("Avg. stop time", lambda c: f"{c.rng.randint(3, 9)} min")),
               ("Deliveries per day", "week"), ("On route", "Delayed", "Loading"), (), ("All", "On route", "Delayed",
                                                                                      "Idle"), 4),
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
               lambda c, i: (JOBS[(c.k + i) % len(JOBS)], f"{c.company()} · {c.rng.choice(CITIES)[0]} · "
                             f"{c.rng.choice(('Remote', 'Hybrid', 'On-site'))}", f"{c.rng.randint(1, 14)} d ago"),
               ("Role", "Company", "Location", "Salary", "Posted"),
               lambda c, i: [JOBS[(c.k + i) % len(JOBS)], c.company(), c.rng.choice(CITIES)[0],
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
               lambda c, i: (HOTELS[(c.k + i) % len(HOTELS)], f"{c.rng.choice(CITIES)[0]} · "
                             f"{c.rng.randint(38, 49) / 10:.1f} ★ · {c.rng.randint(80, 2400):,} reviews",
                             f"€{c.rng.randint(79, 420)} / night"),
               ("Hotel", "City", "Rating", "Price"),
               lambda c, i: [HOTELS[(c.k + i) % len(HOTELS)], c.rng.choice(CITIES)[0], f"{c.rng.randint(38, 49) / 10:.1f}",
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
    DomainSpec("health", ("patient", "clinic", "doctor", "medical", "health", "appointment", "hospital",
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
    DomainSpec("sales", ("sales", "shop", "store", "order", "customer", "revenue", "checkout", "cart", "product",
                         "invoice", "crm", "e-commerce", "ecommerce", "retail", "billing"),
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
_ALIASES = {"finance": "banking", "fintech": "banking", "bank": "banking", "ecommerce": "sales", "retail": "sales",
            "shop": "sales", "commerce": "sales", "saas": "sales", "crm": "sales", "engineering": "code",
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
    if raw in _BROAD:  # a broad name ("productivity"): the prompt's own words are more precise
        guess = _guess(prompt)
        return DOMAIN_SPECS[guess if guess != "generic" or key not in DOMAIN_SPECS else key]
    if key in DOMAIN_SPECS and key != "generic":
        return DOMAIN_SPECS[key]
    return DOMAIN_SPECS[_guess(prompt)]


_BROAD = {"generic", "productivity", "business", "general", "workspace", ""}


def _guess(prompt: str) -> str:
    p = " " + re.sub(r"[^a-z0-9\- ]+", " ", prompt.lower()) + " "
    best, hits = "generic", 0
    for spec in DOMAIN_SPECS.values():
        n = sum(len(k) for k in spec.keywords if re.search(rf"\b{re.escape(k.strip())}", p))
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

    def section_items(self, title: str, n: int) -> list[Item]:
        """Rows for a titled section the plan names with a noun no element kind matches: the
        noun's own entries, numbered, with the domain's people and dates."""
        if self.spec.name != "generic":  # the domain's own records (a forecast's days, a ticket queue)
            return [(t, m, r or self.rng.choice(self.spec.statuses)) for t, m, r in self.items(n)]
        noun = re.sub(r"s$", "", title.strip().split(" ")[-1]) if title.strip() else "Item"
        return [(f"{noun.capitalize()} {self.rng.randint(2, 48)}", f"{self.person()} · {self.date()}",
                 self.rng.choice(self.spec.statuses)) for _ in range(n)]
