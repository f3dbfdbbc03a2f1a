"""Kinds of things a screen lists, so records are named as a product would name them.

A screen's own noun ("catches" on a fishing charter's log, "flavours" on an ice cream van,
"speakers" at a council meeting) that no domain and no curated sort writes used to be numbered
("Catch 1", "Speaker 1"). `match_thing` reads the noun in the words of the page that holds it
("catch · fishing charter trip log") and finds the closest kind below by MiniLM, the encoder the
planner already ships: a kind that answers gives each record a name (a species, a flavour, a
person), a detail in the kind's own column (a weight, litres in stock, a topic) and a state in the
kind's own words (Kept, Released; Low; Up next).

Each kind is one `Thing`: ``about`` is what MiniLM compares (a line naming the kind and where it
is found, with a few of its members, so "catches" and "fish landed" both land on it); ``names`` is
its members, ``"people"`` for people (the copy's own fake names) or a template with ``{n}`` for
things a product numbers ("Bed {n}", "End {n}"); ``column`` heads the detail in a table;
``details`` (or ``"people"``: a person each; ``"party"``: a person and how many are with them)
and ``states`` are cycled from the copy's offset, or from the first where the kind is
``ordered`` (an agenda, a round's stops). A noun that no kind matches closely enough
(`THING_FIT`, `THING_PAGE_FIT`) stays as the copy wrote it before.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Thing:
    about: str
    names: tuple[str, ...] | str
    column: str
    details: tuple[str, ...] | str  # or "people", or "party"
    states: tuple[str, ...]
    ordered: bool = False  # members in their own order from the first (an agenda), not from the copy's offset


#: How a noun is read: by MiniLM, the noun alone and the noun in its page's words ("catch ·
#: fishing charter trip log") each against every kind's ``about``; the kind with the best mean of the
#: two cosines is the one, and it names the records where that mean is at least `THING_FIT` and
#: the cosine in the page's words at least `THING_PAGE_FIT` (measured over the own nouns of the
#: open-prompt sets: below them, beers read as brewery tanks and chess pairings as a team's players).
THING_FIT = 0.42
THING_PAGE_FIT = 0.38
#: A kind found at this mean and this cosine in the page's words names the records even where a
#: curated sort or a shop's prices would ("beds" on a hospital ward are beds, not a garden's).
THING_STRONG = (0.5, 0.6)


@dataclass(frozen=True)
class MatchedThing:
    thing: Thing
    fit: float  # the mean cosine it was found at
    page_fit: float  # its cosine with the noun in its page's words

    @property
    def sure(self) -> bool:
        return self.fit >= THING_STRONG[0] and self.page_fit >= THING_STRONG[1]


THINGS: tuple[Thing, ...] = (
    # -- living things and what grows ------------------------------------------------------------
    Thing("fish caught on a fishing trip or charter: catches of sea bass, mackerel, cod",
          ("Sea bass", "Mackerel", "Pollock", "Cod", "Black bream", "Plaice", "Ling", "Gurnard", "Tope", "Wrasse"),
          "Weight", ("2.4 kg", "0.6 kg", "3.1 kg", "4.8 kg", "1.2 kg", "0.9 kg", "5.5 kg", "0.7 kg"),
          ("Kept", "Released", "Kept", "Released", "Tagged")),
    Thing("bee hives and colonies in an apiary",
          "Hive {n}",
          "Queen", ("Marked 2026", "Marked 2025", "Unmarked", "Marked 2026", "Not seen"),
          ("Strong", "Strong", "Inspect", "Queenless", "Strong", "Swarm risk")),
    Thing("plants and crops grown in a greenhouse, garden or allotment: tomatoes, basil, chillies",
          ("Tomatoes", "Basil", "Chillies", "Cucumbers", "Lettuce", "Courgettes", "Peppers", "Strawberries",
           "Aubergines", "Spinach"),
          "Sown", ("12 Mar", "20 Mar", "2 Apr", "9 Apr", "16 Apr", "23 Apr"),
          ("Growing", "Flowering", "Ready", "Seedling", "Growing")),
    Thing("cut flowers and stems sold by a florist: roses, tulips, peonies",
          ("Garden roses", "Tulips", "Peonies", "Ranunculus", "Eucalyptus", "Lisianthus", "Sweet peas", "Hydrangea"),
          "Stems", ("40 stems", "25 stems", "60 stems", "10 stems", "35 stems", "50 stems"),
          ("In stock", "Low", "In stock", "Pre-order")),
    Thing("trees and saplings in a park, woodland or orchard",
          ("English oak", "Silver birch", "Field maple", "Wild cherry", "Rowan", "Hornbeam", "Scots pine", "Beech"),
          "Height", ("1.2 m", "3.5 m", "0.8 m", "6.0 m", "2.4 m", "4.1 m"),
          ("Healthy", "Healthy", "Needs pruning", "Newly planted")),
    # -- food and drink ----------------------------------------------------------------------------
    Thing("ice cream and gelato flavours: vanilla, salted caramel, pistachio",
          ("Vanilla bean", "Salted caramel", "Mint choc chip", "Strawberry", "Pistachio", "Dark chocolate",
           "Lemon sorbet", "Cookies and cream", "Mango sorbet", "Rum and raisin"),
          "Stock", ("12 L", "4 L", "8 L", "2 L", "10 L", "6 L", "3 L"),
          ("In stock", "In stock", "Low", "In stock", "Out")),
    Thing("loaves of bread and bakes from a bakery: sourdough, rye, baguette",
          ("Sourdough", "Seeded rye", "Baguette", "Brioche", "Focaccia", "Ciabatta", "Wholemeal tin", "Spelt loaf",
           "Challah", "Cinnamon buns"),
          "Weight", ("800 g", "600 g", "250 g", "400 g", "500 g", "350 g"),
          ("Baking", "Ready", "Proving", "Ready", "Sold out")),
    Thing("cakes and desserts: carrot cake, lemon drizzle, cheesecake",
          ("Carrot cake", "Lemon drizzle", "Victoria sponge", "Chocolate fudge cake", "Coffee and walnut",
           "Red velvet", "Baked cheesecake", "Bakewell tart"),
          "Price", ("€3.80", "€3.50", "€3.60", "€4.20", "€3.90", "€4.00"),
          ("Available", "Available", "Last few", "Sold out")),
    Thing("pastries from a bakery or patisserie: croissants, pain au chocolat, danish",
          ("Butter croissant", "Pain au chocolat", "Almond croissant", "Cinnamon swirl", "Apricot danish", "Eclair",
           "Palmier", "Kouign-amann"),
          "Price", ("€2.20", "€2.60", "€3.10", "€2.90", "€2.80", "€3.40"),
          ("Available", "Available", "Last few", "Sold out")),
    Thing("groceries and tins donated to a food bank or pantry: pasta, rice, tinned tomatoes",
          ("Pasta", "Rice", "Tinned tomatoes", "Baked beans", "Tinned fish", "Cereal", "UHT milk", "Tea bags",
           "Nappies", "Toiletries"),
          "On shelf", ("42 packs", "18 bags", "65 tins", "12 tins", "30 tins", "9 boxes", "24 cartons"),
          ("Enough", "Enough", "Low", "Needed", "Enough")),
    Thing("coffee beans and roasts from a roaster",
          ("Ethiopia Yirgacheffe", "Colombia Huila", "House espresso", "Brazil Cerrado", "Kenya AA", "Decaf Peru"),
          "Roast", ("Light", "Medium", "Dark", "Medium", "Light", "Medium-dark"),
          ("Roasting", "In stock", "Low", "In stock")),
    Thing("spices, herbs and pantry ingredients in stock in a kitchen",
          ("Smoked paprika", "Cumin seeds", "Olive oil", "Basmati rice", "Plain flour", "Sea salt", "Black pepper",
           "Chickpeas"),
          "Stock", ("2 jars", "500 g", "3 L", "5 kg", "10 kg", "1 kg", "400 g"),
          ("In stock", "Low", "In stock", "Order")),
    # -- making, printing, materials ---------------------------------------------------------------
    Thing("print jobs at a print shop: business cards, flyers, posters, banners",
          ("Business cards", "A5 flyers", "Wedding invitations", "Roller banner", "A3 posters", "Restaurant menus",
           "Tri-fold brochures", "Letterheads", "Stickers", "Postcards"),
          "Quantity", ("500", "250", "120", "1", "50", "80", "1,000", "2,500"),
          ("Awaiting proof", "Printing", "Proof sent", "Ready", "Printing", "Approved")),
    Thing("paper stocks and card weights for printing",
          ("Silk 150 gsm", "Uncoated 120 gsm", "Gloss 170 gsm", "Recycled 100 gsm", "Card 350 gsm", "Kraft 300 gsm"),
          "Finish", ("Silk", "Matt", "Gloss", "Matt", "Silk", "Natural"),
          ("In stock", "In stock", "Low", "Order")),
    Thing("materials taken to a recycling centre, tip or depot: glass, cardboard, cans",
          ("Clear glass", "Green glass", "Brown glass", "Cardboard", "Paper", "Plastic bottles", "Tins and cans",
           "Textiles", "Batteries", "Small electricals"),
          "Where", ("Bank A", "Bank B", "Bank C", "Skip 1", "Skip 2", "Cage 3", "Container 4"),
          ("Accepted", "Accepted", "Rinse first", "Accepted", "Not accepted")),
    Thing("fabrics and yarns for sewing or knitting: linen, wool, cotton",
          ("Washed linen", "Merino wool", "Organic cotton", "Denim", "Silk crepe", "Velvet", "Alpaca yarn", "Tweed"),
          "Stock", ("12 m", "8 balls", "20 m", "6 m", "4 m", "15 balls"),
          ("In stock", "Low", "In stock", "Back soon")),
    Thing("paint colours and finishes for walls",
          ("Sage green", "Chalk white", "Midnight blue", "Terracotta", "Warm grey", "Ochre", "Dusty pink", "Charcoal"),
          "Finish", ("Matt", "Eggshell", "Satin", "Matt", "Gloss"),
          ("In stock", "In stock", "Mixed to order", "Low")),
    Thing("tattoo designs and flash in an artist's portfolio or gallery",
          ("Fine-line rose", "Koi and waves", "Geometric wolf", "Botanical sleeve", "Script lettering",
           "Traditional swallow", "Dotwork mandala", "Snake and dagger", "Moth and moon"),
          "Style", ("Fine line", "Japanese", "Blackwork", "Neo-traditional", "Lettering", "Traditional", "Dotwork"),
          ("Available", "Flash", "Custom only", "Available", "Claimed")),
    Thing("photos and designs in a creative portfolio or gallery of work",
          ("Harbour at dawn", "Studio portrait", "Market street", "Winter field", "Brand shoot", "Rooftops",
           "Still life", "Night ferry"),
          "Year", ("2026", "2025", "2026", "2024", "2025"),
          ("Published", "Published", "Draft", "Featured")),
    Thing("tools and equipment hired out by a rental or tool library: drills, ladders, pressure washers",
          ("Cordless drill", "Pressure washer", "Extension ladder", "Tile cutter", "Hedge trimmer", "Carpet cleaner",
           "Sander", "Wallpaper steamer"),
          "Per day", ("€12", "€25", "€15", "€18", "€20", "€22", "€10"),
          ("Available", "Out", "Available", "In repair", "Reserved")),
    Thing("musical instruments: violins, cellos, guitars, pianos",
          ("Violin", "Cello", "Acoustic guitar", "Upright piano", "Trumpet", "Clarinet", "Drum kit", "Viola"),
          "Owner", "people", ("Available", "On loan", "Available", "In repair")),
    # -- places, sites and routes ------------------------------------------------------------------
    Thing("launch sites and fields for hot air balloon flights",
          ("Meadow Farm", "Castle Field", "Hilltop Green", "Riverside Park", "Oak Common", "Mill Lane Field"),
          "Wind", ("6 km/h SW", "9 km/h W", "4 km/h S", "12 km/h NW", "7 km/h SW"),
          ("Open", "Open", "Wind check", "Closed")),
    Thing("stops and streets on a local delivery, van or collection round",
          ("Elm Street", "Park Road", "School Lane", "Station Road", "Green Close", "Mill Lane", "Church Street",
           "Harbour Walk"),
          "Arrives", ("15:10", "15:25", "15:40", "15:55", "16:10", "16:25", "16:40", "16:55"),
          ("Next", "Planned", "Planned", "Planned", "Planned", "Planned", "Planned", "Planned"), ordered=True),
    Thing("walking and hiking trails and routes in a park or countryside",
          ("Ridge Loop", "Lakeside Trail", "Beech Wood Walk", "Summit Path", "River Meander", "Old Quarry Circuit"),
          "Distance", ("5.2 km", "3.4 km", "8.1 km", "11.6 km", "2.7 km", "6.3 km"),
          ("Open", "Open", "Muddy", "Closed")),
    Thing("ski lifts and runs at a ski resort: chairlifts, gondolas, slopes",
          ("Summit Express", "Glacier Chair", "Pine T-bar", "Valley Gondola", "Ridge Six", "Nursery Carpet"),
          "Wait", ("5 min", "2 min", "0 min", "12 min", "8 min"),
          ("Open", "Open", "On hold", "Closed")),
    Thing("rooms and spaces in a building for meetings or events",
          ("Oak room", "Studio A", "Main hall", "Library", "Boardroom", "Garden room", "Loft"),
          "Seats", ("8 seats", "20 seats", "120 seats", "12 seats", "16 seats", "40 seats"),
          ("Free", "Booked", "Free", "In use")),
    # -- numbered things ---------------------------------------------------------------------------
    Thing("hospital ward beds with a patient in each", "Bed {n}", "Patient", "people",
          ("Occupied", "Occupied", "Free", "Cleaning", "Discharge today")),
    Thing("round tables at a wedding reception or banquet seating plan", "Table {n}", "Guests", "party",
          ("Full", "2 seats free", "Full", "1 seat free")),
    Thing("ends of arrows shot in an archery round", "End {n}", "Arrows",
          ("10 · 9 · 9", "X · 10 · 8", "9 · 9 · 7", "10 · 10 · 9", "8 · 7 · 7", "X · 9 · 9"),
          ("28", "28", "25", "29", "22", "29")),
    Thing("holes on a golf course", "Hole {n}", "Par", ("Par 4", "Par 3", "Par 5", "Par 4", "Par 4", "Par 3"),
          ("4", "3", "6", "5", "4", "2")),
    Thing("laps and splits of a race or swim", "Lap {n}", "Time",
          ("1:32.4", "1:31.8", "1:33.0", "1:30.9", "1:32.1"), ("Best", "", "", "", "")),
    Thing("plots on an allotment site", "Plot {n}", "Holder", "people", ("Let", "Let", "Vacant", "Let")),
    Thing("flats and apartments in a building managed by a landlord", "Flat {n}", "Tenant", "people",
          ("Let", "Let", "Vacant", "Let", "Notice given")),
    Thing("fermentation tanks and vessels in a brewery or winery", "FV{n}", "Batch",
          ("Pale ale #42", "Stout #17", "IPA #58", "Lager #9", "Saison #6"),
          ("Fermenting", "Conditioning", "Empty", "Fermenting")),
    Thing("samples and specimens tested in a laboratory", "S-10{n}4", "Type",
          ("Blood", "Urine", "Swab", "Tissue", "Blood"), ("Received", "Testing", "Resulted", "Testing")),
    Thing("parcels and packages being shipped or delivered", "PK-48{n}21", "To",
          ("Leeds", "Bristol", "Glasgow", "Cardiff", "York", "Bath"),
          ("In transit", "Out for delivery", "Delivered", "In transit")),
    # -- people --------------------------------------------------------------------------------------
    Thing("speakers and members of the public at a council meeting, hearing or conference", "people", "Topic",
          ("Planning", "Parks", "Road safety", "Housing", "Libraries", "Budget"),
          ("Spoken", "Spoken", "Speaking", "Up next", "Waiting", "Waiting", "Waiting", "Waiting"), ordered=True),
    Thing("guests invited to a wedding, party or dinner", "people", "Meal",
          ("Vegetarian", "Fish", "Beef", "Vegan", "Fish", "Child's meal"),
          ("Attending", "Attending", "Awaiting reply", "Declined")),
    Thing("patients on a ward or at a clinic", "people", "Reason",
          ("Hip replacement", "Observation", "Pneumonia", "Post-op", "Fractured wrist", "Chest pain"),
          ("Stable", "Stable", "Under review", "Ready to go home")),
    Thing("patients due to be discharged from hospital today: discharges", "people", "Due",
          ("10:00", "11:30", "12:00", "14:00", "15:30", "17:00"),
          ("Ready", "Awaiting transport", "Pharmacy", "Ready", "Awaiting letter")),
    Thing("students or pupils in a class taking attendance", "people", "Attended",
          ("9 of 10", "10 of 10", "7 of 10", "8 of 10", "10 of 10", "6 of 10"),
          ("Present", "Present", "Absent", "Late", "Present")),
    Thing("technicians, engineers and tradespeople sent out on callouts", "people", "Trade",
          ("Locksmith", "Electrician", "Plumber", "Glazier", "Heating engineer"),
          ("On the way", "Available", "On a job", "Off today")),
    Thing("volunteers on a rota for a charity or community group", "people", "Role",
          ("Driver", "Packer", "Front desk", "Collections", "Kitchen"),
          ("Confirmed", "Confirmed", "Unconfirmed", "Away")),
    Thing("players on a sports team or club squad", "people", "Position",
          ("Goalkeeper", "Defender", "Midfielder", "Forward", "Defender", "Midfielder"),
          ("Fit", "Fit", "Injured", "Suspended", "Fit")),
    Thing("performers, acts and bands on a festival or gig line-up",
          ("The Night Shifts", "Luna Vale", "Paper Kites Club", "Marlow & Finch", "Kito Rivers", "Aurora Lane"),
          "Stage", ("Main stage", "Tent", "Main stage", "Courtyard", "Tent"),
          ("Confirmed", "Confirmed", "On now", "Soundcheck")),
    Thing("roles and parts in a play or show being cast at auditions",
          ("Juliet", "Romeo", "Mercutio", "The Nurse", "Tybalt", "Friar Laurence", "Lady Capulet", "Benvolio"),
          "Auditioned", ("6 auditioned", "9 auditioned", "4 auditioned", "3 auditioned", "5 auditioned", "2 auditioned"),
          ("Cast", "Callbacks", "Open", "Cast", "Callbacks", "Open")),
    Thing("wild animals cared for at a wildlife sanctuary or rescue centre: otters, owls, hedgehogs",
          ("Willow · Otter", "Sage · Barn owl", "Pip · Hedgehog", "Juniper · Red fox", "Bramble · Badger",
           "Moss · Tawny owl", "Fern · Red squirrel", "Pebble · Grey seal"),
          "With us since", ("2023", "2021", "2024", "2022", "2020", "2025"),
          ("Adopt me", "Adopt me", "Adopted", "Adopt me")),
    # -- events, items on an agenda, films ---------------------------------------------------------
    Thing("items on a meeting agenda: minutes, reports, motions, any other business",
          ("Minutes of the last meeting", "Budget update", "Planning application: 12 High Street",
           "Parks and open spaces strategy", "Public questions", "Road safety report", "Motion on street lighting",
           "Any other business"),
          "Lead", "people", ("Done", "Now", "Next", "Later", "Later", "Later", "Later", "Later"), ordered=True),
    Thing("films and screenings at a cinema or film festival",
          ("The Quiet Harbour", "Northern Light", "Salt and Iron", "A Year of Birds", "The Last Ferry",
           "Night Market", "Paper Moon", "Glasswater"),
          "Runtime", ("1 h 48 min", "2 h 05 min", "1 h 32 min", "1 h 57 min", "1 h 41 min"),
          ("Few seats", "On sale", "Sold out", "On sale")),
    Thing("board games and card games in a club or cafe library",
          ("Catan", "Ticket to Ride", "Wingspan", "Carcassonne", "Azul", "Pandemic", "Codenames", "Dixit"),
          "Players", ("3–4", "2–5", "1–5", "2–5", "2–4", "2–4", "4–8", "3–6"),
          ("Available", "In play", "Available", "Missing pieces")),
    Thing("exercises in a workout or training plan: squats, deadlifts, push-ups",
          ("Back squat", "Deadlift", "Bench press", "Pull-ups", "Plank", "Walking lunges", "Overhead press", "Rows"),
          "Sets", ("3 × 8", "5 × 5", "4 × 6", "3 × 10", "3 × 45 s", "3 × 12"),
          ("Done", "Done", "Next", "To do", "To do", "To do", "To do", "To do"), ordered=True),
    Thing("membership plans and tiers: basic, standard, premium",
          ("Basic", "Standard", "Premium", "Family", "Annual"),
          "Price", ("€9 / month", "€19 / month", "€29 / month", "€39 / month", "€199 / year"),
          ("Available", "Most popular", "Available", "Best value")),
)


@lru_cache(maxsize=1)
def _abouts() -> tuple[str, ...]:
    return tuple(t.about for t in THINGS)


def _sims(noun: str, page: str):
    from conditioning.plan import similarities

    in_page = similarities(_abouts(), f"{noun} · {page}".strip(" ·"))
    return (in_page + similarities(_abouts(), noun)) / 2, in_page


@lru_cache(maxsize=4096)
def match_thing(noun: str, page: str) -> MatchedThing | None:
    """The kind of thing (`THINGS`) a screen's own noun names, read alone and with the words of its
    page (`page`: the prompt's head, "fishing charter trip log"); None when no kind is close enough
    (`THING_FIT`, `THING_PAGE_FIT`). Uses the planner's cached MiniLM vectors
    (`conditioning.plan.similarities`): a noun on a page is read once, however often it is asked."""
    mean, in_page = _sims(noun, page)
    best = int(mean.argmax())
    if mean[best] < THING_FIT or in_page[best] < THING_PAGE_FIT:
        return None
    return MatchedThing(THINGS[best], float(mean[best]), float(in_page[best]))
