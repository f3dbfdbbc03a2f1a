"""Realistic copy for the prompt's domain: navigation, KPIs, tables and lists.

`domain_for(prompt)` picks a domain by keywords: a built-in one (retail, saas, finance, health,
project), an open one written by `engine.compose.open_copy` (music, travel, weather…), or a
neutral workspace when nothing matches, so only screens about selling get sales copy; each domain
writes its own seeded rows, so a clinic dashboard lists appointments and a bank lists
transactions, never placeholder text.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

PEOPLE = ["Maya Chen", "Jonas Weber", "Amara Okafor", "Luis Romero", "Sofia Rossi", "Kenji Sato", "Priya Nair",
          "Elena Petrova", "Tom Becker", "Aisha Rahman", "Noah Fischer", "Lea Martin"]
COMPANIES = ["Northwind Ltd", "Bluefin Studio", "Acme Robotics", "Kestrel Foods", "Juniper Health", "Orbit Labs",
             "Lumen Energy", "Cedar & Co", "Pioneer Bikes", "Helix Bio"]

Rows = tuple[list[str], list[list[str]], list[str], list[float]]  # columns, rows, align, widths


def money(v: float) -> str:
    return f"${v:,.2f}"


def _pct(rng: random.Random, lo: int, hi: int, sign: str = "+") -> str:
    return f"{sign}{rng.randint(lo, hi)}.{rng.randint(0, 9)}%"


def _date(rng: random.Random) -> str:
    return f"Nov {rng.randint(1, 24)}, 2026"


@dataclass(frozen=True)
class Domain:
    name: str
    keywords: tuple[str, ...]
    nav: tuple[tuple[str, str], ...]  # (label, icon) of the app navigation
    overview: str  # dashboard title and subtitle
    subtitle: str
    search: str
    kpis: Callable[[random.Random], list[tuple[str, str, str]]]
    trend_title: str
    trend_scale: int  # the line chart's values are multiples of this
    mix_title: str
    mix_labels: tuple[str, ...]
    mix_center: str
    records: str  # plural noun of the table's rows, e.g. "Orders"
    table: Callable[[random.Random, int], Rows]
    tablet_drop: tuple[int, ...]  # table columns a tablet leaves out
    list_title: str
    list_items: Callable[[random.Random], list[tuple[str, str, str]]]  # (name, meta, trailing)
    new_record: str  # label of the primary action on the records page
    headline: str = "Run your whole business from one calm place."  # sign-in brand panel
    pitch: str = "Orders, payments and customers in one dashboard, trusted by 12,000 independent shops."


def _retail_kpis(rng):
    return [("Revenue", f"${rng.randint(84, 139)},{rng.randint(100, 999)}", _pct(rng, 4, 18)),
            ("Orders", f"{rng.randint(1, 4)},{rng.randint(100, 999)}", _pct(rng, 2, 9)),
            ("Avg. order value", f"${rng.randint(48, 96)}.{rng.randint(10, 99)}", _pct(rng, 1, 4, "-")),
            ("Returning customers", f"{rng.randint(28, 46)}.{rng.randint(0, 9)}%", _pct(rng, 1, 6))]


def _retail_table(rng, n):
    st = ["Delivered", "Pending", "Shipped", "Delivered", "Refunded", "Processing", "Shipped", "Delivered", "Pending",
          "Delivered", "Shipped", "Cancelled", "Delivered", "Shipped"]
    rows = [[rng.choice(PEOPLE), f"#{rng.randint(20100, 29999)}", rng.choice(COMPANIES), _date(rng),
             str(rng.randint(1, 9)), money(rng.randint(30, 2400) + rng.randint(0, 99) / 100), st[i % len(st)]]
            for i in range(n)]
    return (["Customer", "Order", "Company", "Date", "Items", "Total", "Status"], rows,
            ["left", "left", "left", "left", "right", "right", "left"], [1.6, 0.9, 1.4, 1.1, 0.6, 1.0, 1.0])


def _retail_list(rng):
    return [(p, f"{rng.randint(3, 28)} orders", money(rng.randint(900, 4800))) for p in rng.sample(PEOPLE, 5)]


def _saas_kpis(rng):
    return [("Monthly recurring revenue", f"${rng.randint(182, 260)},{rng.randint(100, 999)}", _pct(rng, 3, 9)),
            ("Active subscriptions", f"{rng.randint(2, 6)},{rng.randint(100, 999)}", _pct(rng, 1, 6)),
            ("Net churn", f"{rng.randint(1, 3)}.{rng.randint(0, 9)}%", _pct(rng, 0, 1, "-")),
            ("Trial conversion", f"{rng.randint(18, 31)}.{rng.randint(0, 9)}%", _pct(rng, 1, 5))]


def _saas_table(rng, n):
    plans = ["Starter", "Growth", "Scale", "Enterprise"]
    st = ["Active", "Trial", "Active", "Past due", "Active", "Canceled", "Trial", "Active"]
    rows = [[rng.choice(PEOPLE), rng.choice(COMPANIES), rng.choice(plans), _date(rng), str(rng.randint(3, 120)),
             money(rng.choice([49, 149, 490, 1290]) * rng.randint(1, 3)), st[i % len(st)]] for i in range(n)]
    return (["Owner", "Account", "Plan", "Started", "Seats", "MRR", "Status"], rows,
            ["left", "left", "left", "left", "right", "right", "left"], [1.5, 1.4, 1.0, 1.1, 0.6, 1.0, 1.0])


def _saas_list(rng):
    return [(c, f"{rng.randint(20, 400)} seats · {rng.choice(['Scale', 'Enterprise'])}",
             money(rng.randint(2000, 12000))) for c in rng.sample(COMPANIES, 5)]


def _finance_kpis(rng):
    return [("Total balance", f"${rng.randint(40, 96)},{rng.randint(100, 999)}.{rng.randint(10, 99)}", _pct(rng, 1, 6)),
            ("Income", f"${rng.randint(8, 14)},{rng.randint(100, 999)}", _pct(rng, 2, 8)),
            ("Expenses", f"${rng.randint(4, 7)},{rng.randint(100, 999)}", _pct(rng, 1, 5, "-")),
            ("Savings rate", f"{rng.randint(24, 41)}%", _pct(rng, 1, 4))]


def _finance_table(rng, n):
    merchants = [("Lumen Energy", "Utilities"), ("Kestrel Foods", "Groceries"), ("Orbit Labs", "Software"),
                 ("Pioneer Bikes", "Transport"), ("Cedar & Co", "Office"), ("Helix Bio", "Health"),
                 ("Bluefin Studio", "Design"), ("Northwind Ltd", "Payroll")]
    st = ["Completed", "Completed", "Pending", "Completed", "Failed", "Completed", "Pending", "Completed"]
    rows = []
    for i in range(n):
        m, cat = rng.choice(merchants)
        rows.append([rng.choice(PEOPLE), f"TX-{rng.randint(400000, 999999)}", m, _date(rng), cat,
                     ("-" if i % 3 else "+") + money(rng.randint(12, 3200) + rng.randint(0, 99) / 100),
                     st[i % len(st)]])
    return (["Account holder", "Reference", "Merchant", "Date", "Category", "Amount", "Status"], rows,
            ["left", "left", "left", "left", "left", "right", "left"], [1.5, 1.1, 1.3, 1.0, 1.0, 1.1, 1.0])


def _finance_list(rng):
    return [(p, f"Transfer · {_date(rng)}", money(rng.randint(100, 4800))) for p in rng.sample(PEOPLE, 5)]


def _health_kpis(rng):
    return [("Patients today", str(rng.randint(84, 160)), _pct(rng, 2, 9)),
            ("Appointments", str(rng.randint(180, 260)), _pct(rng, 1, 7)),
            ("Average wait", f"{rng.randint(9, 22)} min", _pct(rng, 2, 8, "-")),
            ("Bed occupancy", f"{rng.randint(71, 93)}%", _pct(rng, 1, 4))]


def _health_table(rng, n):
    depts = ["Cardiology", "Pediatrics", "Orthopedics", "Dermatology", "Neurology", "General practice"]
    st = ["Checked in", "Waiting", "Scheduled", "Completed", "Scheduled", "Cancelled", "Waiting", "Completed"]
    rows = [[rng.choice(PEOPLE), f"{rng.randint(8, 16):02d}:{rng.choice(['00', '15', '30', '45'])}",
             f"Dr. {rng.choice(PEOPLE).split()[1]}", rng.choice(depts), f"Room {rng.randint(101, 340)}",
             f"{rng.randint(15, 60)} min", st[i % len(st)]] for i in range(n)]
    return (["Patient", "Time", "Clinician", "Department", "Room", "Duration", "Status"], rows,
            ["left", "left", "left", "left", "left", "right", "left"], [1.5, 0.7, 1.2, 1.3, 0.9, 0.9, 1.1])


def _health_list(rng):
    return [(f"Dr. {p.split()[1]}", f"{rng.choice(['Cardiology', 'Pediatrics', 'Neurology'])} · {rng.randint(6, 14)} patients",
             f"{rng.randint(2, 6)} open slots") for p in rng.sample(PEOPLE, 5)]


def _project_kpis(rng):
    return [("Open tasks", str(rng.randint(120, 260)), _pct(rng, 1, 6, "-")),
            ("Completed this week", str(rng.randint(40, 96)), _pct(rng, 4, 16)),
            ("Overdue", str(rng.randint(3, 14)), _pct(rng, 2, 9, "-")),
            ("Sprint velocity", f"{rng.randint(38, 64)} pts", _pct(rng, 2, 8))]


def _project_table(rng, n):
    tasks = ["Migrate billing to new API", "Onboarding checklist redesign", "Fix flaky export job",
             "Q4 roadmap review", "Accessibility audit of forms", "Dark mode tokens", "Search relevance tuning",
             "SSO for enterprise plans", "Mobile push settings", "Invoice PDF layout", "Usage alerts", "Data retention policy"]
    st = ["In progress", "Done", "Blocked", "To do", "In progress", "Done", "In review", "To do"]
    rows = [[rng.choice(PEOPLE), f"PRJ-{rng.randint(100, 999)}", tasks[i % len(tasks)], _date(rng),
             str(rng.choice([1, 2, 3, 5, 8])), rng.choice(["High", "Medium", "Low"]), st[i % len(st)]]
            for i in range(n)]
    return (["Assignee", "Key", "Task", "Due", "Points", "Priority", "Status"], rows,
            ["left", "left", "left", "left", "right", "left", "left"], [1.4, 0.8, 2.0, 1.0, 0.6, 0.8, 1.0])


def _project_list(rng):
    return [(p, f"{rng.randint(3, 14)} open tasks", f"{rng.randint(60, 98)}% on time") for p in rng.sample(PEOPLE, 5)]


DOMAINS: tuple[Domain, ...] = (
    Domain("saas", ("saas", "subscription", "mrr", "churn", "billing", "plan", "seats", "crm", "b2b"),
           (("Dashboard", "dashboard"), ("Subscriptions", "credit-card"), ("Accounts", "users"),
            ("Plans", "package"), ("Reports", "chart"), ("Inbox", "message"), ("Calendar", "calendar"),
            ("Settings", "settings")),
           "Overview", "Recurring revenue and accounts at a glance.", "Search accounts, invoices…",
           _saas_kpis, "MRR vs. last year", 2000, "Revenue by plan", ("Starter", "Growth", "Scale", "Enterprise"),
           "accounts", "Subscriptions", _saas_table, (2, 3), "Largest accounts", _saas_list, "Add account",
           "Revenue you can plan around.", "Subscriptions, invoices and churn in one place for 4,000 software teams."),
    Domain("finance", ("bank", "finance", "transaction", "wallet", "budget", "expense", "invoice", "accounting",
                       "fintech"),
           (("Overview", "dashboard"), ("Transactions", "credit-card"), ("Accounts", "folder"),
            ("Payees", "users"), ("Reports", "chart"), ("Messages", "message"), ("Calendar", "calendar"),
            ("Settings", "settings")),
           "Overview", "Balances, income and spending this month.", "Search transactions…",
           _finance_kpis, "Income vs. expenses", 250, "Spending by category",
           ("Payroll", "Software", "Office", "Travel"), "this month", "Transactions", _finance_table, (1, 4),
           "Recent transfers", _finance_list, "New transfer",
           "Every account, one clear balance.", "Track spending, pay suppliers and close the month in minutes."),
    Domain("health", ("patient", "clinic", "health", "hospital", "doctor", "appointment", "medical", "care"),
           (("Dashboard", "dashboard"), ("Appointments", "calendar"), ("Patients", "users"), ("Clinicians", "user"),
            ("Reports", "chart"), ("Messages", "message"), ("Records", "file"), ("Settings", "settings")),
           "Today", "Patients, appointments and capacity across the clinic.", "Search patients, rooms…",
           _health_kpis, "Visits vs. last year", 40, "Visits by department",
           ("Cardiology", "Pediatrics", "Orthopedics", "General"), "visits", "Appointments", _health_table, (4, 5),
           "Clinicians on duty", _health_list, "Book appointment",
           "Care that starts on time.", "Appointments, patient records and rooms for 900 clinics, in one calm view."),
    Domain("project", ("project", "task", "sprint", "kanban", "issue", "roadmap", "backlog", "team"),
           (("Dashboard", "dashboard"), ("Tasks", "check"), ("Projects", "folder"), ("Team", "users"),
            ("Reports", "chart"), ("Messages", "message"), ("Calendar", "calendar"), ("Settings", "settings")),
           "Overview", "Progress across your team's projects this sprint.", "Search tasks, projects…",
           _project_kpis, "Tasks completed vs. created", 3, "Tasks by status",
           ("Done", "In progress", "In review", "To do"), "tasks", "Tasks", _project_table, (1, 5),
           "Team workload", _project_list, "New task",
           "Ship the plan, not the busywork.", "Tasks, sprints and roadmaps that keep 30,000 teams in step."),
)

RETAIL = Domain("retail", (),
                (("Dashboard", "dashboard"), ("Orders", "package"), ("Customers", "users"), ("Products", "cart"),
                 ("Analytics", "chart"), ("Messages", "message"), ("Calendar", "calendar"), ("Settings", "settings")),
                "Overview", "Here is how your store is doing this month.", "Search orders, customers…",
                _retail_kpis, "Revenue vs. last year", 1000, "Sales by channel",
                ("Online store", "Marketplace", "Retail", "Wholesale"), "orders", "Orders", _retail_table, (2, 4),
                "Top customers", _retail_list, "Create order")


def builtin_domain(prompt: str) -> Domain:
    """The built-in domain whose keywords the prompt mentions most (retail when none)."""
    p = prompt.lower()
    best, hits = RETAIL, 0
    for d in DOMAINS:
        n = sum(1 for k in d.keywords if k in p)
        if n > hits:
            best, hits = d, n
    return best


# -- copy for the wider set of pages (inbox, chat, calendar, feed, files, articles, plans) ----------
@dataclass(frozen=True)
class PageCopy:
    """Per-domain copy of the pages beyond the dashboard: what people write about in the domain."""

    phrases: tuple[str, ...]  # how a prompt names the domain ("for an online store")
    subjects: tuple[str, ...]  # email subjects and search-result titles
    chat: tuple[str, ...]  # a short conversation, alternating speakers
    events: tuple[str, ...]  # calendar events
    posts: tuple[str, ...]  # feed posts
    files: tuple[str, ...]  # file names
    folders: tuple[str, ...]
    article: tuple[str, str]  # (title, standfirst)
    product: str  # what a pricing plan sells
    empty: tuple[str, str, str]  # (title, message, action) of an empty page
    record: str  # singular noun of a record, for detail pages


PAGE_COPY: dict[str, PageCopy] = {
    "retail": PageCopy(
        ("for an online store", "for a clothing shop", "for a boutique", "for an e-commerce brand", "for a webshop"),
        ("Your order #24817 has shipped", "Restock: Merino Crew Sweater", "Wholesale enquiry from Cedar & Co",
         "Return request for order #23190", "Holiday campaign assets are ready", "Supplier invoice for November",
         "New review: five stars for the Canvas Weekender", "Inventory count scheduled for Friday"),
        ("Hi! Has my order #24817 left the warehouse yet?", "It has — it shipped this morning with DHL.",
         "Great, can I still change the delivery address?", "Yes, send me the new address and I will update it.",
         "Torstraße 118, 10119 Berlin. Thank you!", "Done. You will get a new tracking email shortly."),
        ("Inventory count", "Supplier call", "Photo shoot", "Campaign launch", "Team sync", "Wholesale review"),
        ("Our winter collection is live: 24 new pieces made to last.", "Behind the seams: how we source our merino.",
         "Free repairs on every jacket we have ever sold.", "Weekend sale starts Friday at 9:00."),
        ("Lookbook-winter.pdf", "Product-photos.zip", "Price-list-2026.xlsx", "Returns-policy.docx",
         "Supplier-contracts.pdf", "Campaign-brief.key"),
        ("Campaigns", "Product photos", "Invoices", "Suppliers"),
        ("How we price a sweater", "A look inside the costs of a merino crew, from yarn to your door."),
        "online store", ("No orders yet", "When customers buy from your store, their orders appear here.",
                         "Share your store"), "order"),
    "saas": PageCopy(
        ("for a SaaS product", "for a subscription billing tool", "for a B2B CRM", "for a SaaS startup"),
        ("Invoice INV-2041 is past due", "Acme Robotics upgraded to Scale", "Churn report for October",
         "Seat limit reached on Growth", "Renewal call with Orbit Labs", "Trial ending: Helix Bio",
         "Usage spike on the Enterprise plan", "Quarterly billing summary"),
        ("Hi, we need 20 more seats before Monday.", "Happy to help — shall I move you to the Scale plan?",
         "Yes, if the price per seat goes down.", "It does: $39 instead of $49 per seat.",
         "Perfect, please go ahead.", "Done! The new seats are active now."),
        ("Renewal call", "Pipeline review", "Demo: Orbit Labs", "Billing sync", "Churn review", "Board prep"),
        ("We just shipped usage-based billing for every plan.", "How Orbit Labs cut churn by 30 percent.",
         "New: invoices in 14 currencies.", "Our Q4 roadmap, in one page."),
        ("MRR-report-Q4.xlsx", "Pricing-experiment.pdf", "Customer-list.csv", "Contract-Acme.pdf",
         "Roadmap-2026.key", "Churn-analysis.ipynb"),
        ("Contracts", "Reports", "Pricing", "Customers"),
        ("Pricing that grows with your customers", "Why seat-based plans stall, and what usage-based billing fixes."),
        "subscription", ("No subscriptions yet", ("Create a plan and share its checkout link to sign up your "
                         "first customer."), "Create a plan"), "subscription"),
    "finance": PageCopy(
        ("for a bank", "for a finance app", "for a budgeting app", "for an accounting tool", "for a fintech wallet"),
        ("Your November statement is ready", "Payment to Lumen Energy failed", "Budget alert: Software",
         "New payee added: Cedar & Co", "Tax documents for 2026", "Card ending 4242 was used abroad",
         "Savings goal reached", "Invoice from Orbit Labs"),
        ("Hi, I see a card payment I do not recognise.", "Sorry to hear that. Which payment is it?",
         "$86.40 at Orbit Labs on Nov 21.", "I have frozen the card and opened a dispute for you.",
         "Thanks. Will I get a new card?", "Yes, it arrives within three working days."),
        ("Month-end close", "Tax advisor", "Budget review", "Payroll run", "Audit prep", "Investor update"),
        ("Your spending report for November is ready.", "Five ways to build an emergency fund.",
         "New: instant transfers between every account.", "Interest on savings rises to 3.1 percent."),
        ("Statement-Nov-2026.pdf", "Budget-2027.xlsx", "Tax-return-2026.pdf", "Receipts.zip", "Payroll-Nov.csv",
         "Audit-checklist.docx"),
        ("Statements", "Receipts", "Tax", "Payroll"),
        ("Closing the month in one afternoon", "A checklist for reconciling accounts without the spreadsheet chase."),
        "account", ("No transactions yet", "Connect a bank account to see your income and spending here.",
                    "Connect an account"), "transaction"),
    "health": PageCopy(
        ("for a clinic", "for a hospital", "for a patient portal", "for a medical practice", "for a health app"),
        ("Lab results for Amara Okafor", "Referral from Dr. Weber", "Shift swap request for Friday",
         "New patient intake form", "Vaccination reminders sent", "Room 204 maintenance",
         "Appointment moved to 14:30", "Monthly capacity report"),
        ("Hello, can I move my appointment on Thursday?", "Of course. Would Friday at 10:15 suit you?",
         "Friday works. Is it still with Dr. Sato?", "Yes, Dr. Sato in room 204.", "Thank you, see you then.",
         "You are booked. We will send a reminder the day before."),
        ("Ward round", "Team huddle", "Patient intake", "Cardiology clinic", "Training", "Case review"),
        ("Flu vaccinations are open for all patients this week.", "Meet our new paediatrics team.",
         "Longer opening hours from December.", "How we cut waiting times by a third."),
        ("Intake-form.pdf", "Rota-December.xlsx", "Lab-results-1182.pdf", "Consent-template.docx",
         "Capacity-report.xlsx", "Referral-letters.zip"),
        ("Patients", "Rotas", "Lab results", "Templates"),
        ("Shorter waits, calmer clinics", "What changed when we let patients book their own follow-ups."),
        "practice", ("No appointments today", "Booked appointments for your clinic appear here.",
                     "Book an appointment"), "appointment"),
    "project": PageCopy(
        ("for a project management tool", "for a team task tracker", "for a sprint board", "for a roadmap tool"),
        ("Sprint 42 review notes", "PRJ-311 is blocked", "Design handoff for onboarding", "Roadmap draft for Q1",
         "Release 3.8 is out", "Standup moved to 9:30", "Bug triage summary", "New project: Dark mode"),
        ("Is the billing migration still on track for Friday?", "Mostly — the export job is still flaky.",
         "Can Kenji pair with you on it today?", "Yes, that would help a lot.", "Great, I will move his review.",
         "Thanks! I will post an update after lunch."),
        ("Sprint planning", "Standup", "Design review", "Retro", "Roadmap sync", "1:1 with Maya"),
        ("Release 3.8 is out: dark mode and faster search.", "How we run two-week sprints with a remote team.",
         "New: automations for recurring tasks.", "Our roadmap for next quarter."),
        ("Sprint-42-notes.md", "Roadmap-Q1.pdf", "Onboarding-flows.fig", "Release-checklist.docx",
         "Bug-triage.xlsx", "Team-handbook.pdf"),
        ("Design", "Engineering", "Roadmaps", "Meeting notes"),
        ("Shipping weekly without burning out", "The habits that keep a twelve-person team on schedule."),
        "workspace", ("No tasks yet", "Create a task or import your backlog to start planning the sprint.",
                      "Create a task"), "task"),
}


def page_copy(domain: Domain) -> PageCopy:
    """The page copy of a domain (an open domain's from its own words; retail's for any other)."""
    if domain.name not in PAGE_COPY:
        from engine.compose.open_copy import DOMAIN_SPECS

        if domain.name in DOMAIN_SPECS:
            return _open_page_copy(domain)
    return PAGE_COPY.get(domain.name, PAGE_COPY["retail"])


def domain_named(name: str) -> Domain:
    """The domain called `name` (retail, saas, finance, health, project)."""
    for d in (RETAIL, *DOMAINS):
        if d.name == name:
            return d
    raise ValueError(f"unknown domain {name!r} (use retail, {', '.join(d.name for d in DOMAINS)})")


# -- open domains: copy for screens beyond the built-in domains (music, travel, weather…) -----------
#: Open domains whose words the built-in domains above already cover, or that are ambiguous on
#: their own ("payment" on a checkout): a prompt matching only these keeps the built-in routing.
_BUILT_IN_EQUIVALENT = ("banking", "sales", "health", "project")


def domain_for(prompt: str) -> Domain:
    """The copy domain of a prompt: the built-in domain the prompt names, else one built
    from the open copy (`engine.compose.open_copy`) of the domain it names (music, travel,
    weather, fitness…), else the retail domain for a shop's words and a neutral workspace for
    none, so a screen that is not about selling never shows sales copy."""
    p = prompt.lower()
    for d in DOMAINS:
        if any(k in p for k in d.keywords):
            return builtin_domain(prompt)
    from engine.compose.open_copy import DOMAIN_SPECS, domain_of

    spec = domain_of("generic", prompt)
    if spec.name == "sales" or any(w in p for w in _SHOP_WORDS):
        return RETAIL
    if spec.name in _BUILT_IN_EQUIVALENT:
        return builtin_domain(prompt)
    return open_domain(spec.name if spec.name in DOMAIN_SPECS else "generic")


#: Words of a prompt about selling (checkout, catalogue, store): its copy stays the retail domain's.
_SHOP_WORDS = ("shop", "store", "checkout", "cart", "order", "product", "catalog", "e-commerce", "ecommerce",
               "customer", "sales", "revenue", "payment", "billing", "invoice", "pricing", "sneaker", "inventory",
               "warehouse", "mugs", "candles", "headphones", "gear")


def open_domain(name: str) -> Domain:
    """The `Domain` (navigation, stats, table, list, titles) of the open copy domain `name`."""
    from engine.compose.open_copy import DOMAIN_SPECS, OpenCopy

    spec = DOMAIN_SPECS[name]

    def copy(rng: random.Random) -> OpenCopy:
        return OpenCopy(spec, "", rng.randint(0, 2**31))

    def kpis(rng):
        c = copy(rng)
        return [(label, value, _pct(rng, 1, 9, rng.choice("+-"))) for label, value in c.stats(4)]

    def table(rng, n):
        c = copy(rng)
        cols, rows = c.table(n)
        keep = [k for k in range(len(cols)) if k != spec.status_column]
        cols = [cols[k] for k in keep]
        rows = [[r[k] for k in keep] for r in rows]
        extra = [(name, fn) for name, fn in (("Owner", c.person), ("Updated", c.date), ("Created", c.date),
                                             ("Reference", lambda: f"#{rng.randint(1000, 9999)}"),
                                             ("Shared with", c.person), ("Notes", lambda: "—")) if name not in cols]
        while len(cols) < 6:  # the pages read seven columns, the last a status
            name, fn = extra.pop(0)
            cols.append(name)
            rows = [r + [fn()] for r in rows]
        cols = cols[:6] + ["Status"]
        rows = [r[:6] + [rng.choice(spec.statuses)] for r in rows]
        return cols, rows, ["left"] * 7, [1.6, 1.2, 1.2, 1.0, 1.0, 1.0, 1.0]

    def list_items(rng):
        return copy(rng).items(5)

    labels = tuple((list(spec.tags[1:] if len(spec.tags) > 4 else spec.tags) + list(spec.statuses) + ["Other"])[:4])
    chart_title = spec.chart[0]
    nav = spec.nav + tuple(n for n in (("Messages", "message"), ("Calendar", "calendar"), ("Settings", "settings"))
                           if n[0] not in {label for label, _ in spec.nav})
    return Domain(spec.name, spec.keywords, nav[:8], spec.title, f"Your {spec.noun} at a glance.", spec.search, kpis, chart_title, 10,
                  f"{spec.noun.capitalize()} by type", labels, spec.noun, spec.noun.capitalize(), table, (2, 4),
                  f"Recent {spec.noun}", list_items, spec.action,
                  "Everything your team needs, in one place." if spec.name == "generic" else
                  f"Your {spec.noun}, all in one place.",
                  # a pitch, never one of the domain's sample posts ("Are we still on for Saturday?")
                  f"Keep every one of your {spec.noun} in view, on every device.")


def _open_page_copy(domain: Domain) -> PageCopy:
    from engine.compose.open_copy import DOMAIN_SPECS, OpenCopy

    spec = DOMAIN_SPECS[domain.name]
    c = OpenCopy(spec, "", 0)
    # where a record's title is a person (a post, a participant, a patient) its second line is the subject
    titles = tuple(m if spec.name in ("social", "video", "health") else t for t, m, _r in c.items(8))
    return PageCopy(
        (f"for a {spec.name} app",), titles,
        ("Hi! Do you have a minute today?", "Sure — what's up?", f"Can we go over the {spec.noun} for next week?",
         "Yes, I'll share my screen in five.", "Great, thank you!", "Talk soon."),
        ("Team sync", "Planning", "Review", "1:1", "Workshop", "Demo"),
        tuple(spec.sentences) or titles[:4],
        ("Notes.md", "Plan.pdf", "Photos.zip", "Checklist.docx", "Budget.xlsx", "Slides.key"),
        ("Shared", "Archive", "Drafts", "Templates"),
        (titles[0], spec.sentences[0] if spec.sentences else f"Everything about your {spec.noun}."),
        "workspace" if spec.name == "generic" else spec.noun.removesuffix("s"),
        (f"No {spec.noun} yet", f"When you add {spec.noun}, they appear here.", spec.action),
        spec.noun.removesuffix("s"))


# -- what a prompt names: its products, the thing paid for, its own labels --------------------------
import re as _re

#: Words a noun phrase of a prompt can hold that are not part of what is sold ("an online store").
_NOT_GOODS = {"a", "an", "the", "our", "my", "your", "some", "of", "for", "online", "new", "all", "with", "and",
              "page", "pages", "products", "product", "items", "item", "prices", "price", "filters", "filter",
              "results", "plans", "details", "options", "categories", "grid", "listing", "list", "cards", "tabs",
              "sections", "fields", "reviews", "photos", "images", "badges", "ratings", "sizes", "colors",
              "colours", "deals", "sales", "orders", "customers", "users", "members", "settings", "screens",
              "steps", "totals", "thumbnails", "buttons", "chips", "sort", "brands", "goods", "things", "stats",
              "store", "shop", "boutique", "storefront", "e-commerce", "ecommerce", "webshop", "marketplace",
              "catalog", "catalogue", "browse", "selling", "sells", "checkout", "cart", "summary"}
#: Plural nouns that a shop sells as they are (a pair of socks is "Socks").
_PAIRS = ("socks", "jeans", "trousers", "headphones", "earbuds", "leggings", "shorts", "glasses", "sunglasses",
          "scissors", "pants", "tights", "gloves", "mittens", "slippers", "sneakers", "boots", "shoes", "sandals",
          "earrings", "chopsticks", "tongs", "pliers", "binoculars", "goggles", "pajamas", "overalls")
_STYLES = ("Classic", "Everyday", "Signature", "Heritage", "Studio", "Essential", "Nordic", "Coastal", "Field",
           "Atelier", "Modern", "Original")
_TONES = ("Sage", "Sand", "Charcoal", "Terracotta", "Ivory", "Slate", "Olive", "Midnight", "Oat", "Rust", "Moss",
          "Ocean")


def singular(word: str) -> str:
    """The singular of an English plural noun (`teapots` → `teapot`, `knives` → `knife`,
    `berries` → `berry`); a word sold in pairs keeps its plural (`socks`)."""
    w = word.lower()
    if w in _PAIRS or not w.endswith("s") or w.endswith(("ss", "us", "is")):
        return word
    for tail, new in (("knives", "knife"), ("ives", "ife"), ("ies", "y"), ("ves", "f"), ("ches", "ch"),
                      ("shes", "sh"), ("xes", "x"), ("sses", "ss"), ("oes", "o")):
        if w.endswith(tail) and len(w) > len(tail) + 1:
            return word[:len(word) - len(tail)] + new
    return word[:-1]


def _goods_phrase(words: list[str]) -> list[str]:
    """The words of a noun phrase that name goods, up to its head noun (a plural)."""
    words = [w for w in words if w]
    while words and words[0] in _NOT_GOODS:
        words = words[1:]
    return words if words and words[-1] not in _NOT_GOODS else []


@lru_cache(maxsize=256)
def product_noun(prompt: str) -> str:
    """What a shop prompt sells, as a plural noun phrase ("yoga mats", "kitchen knives",
    "records"), or "" when it names nothing: the plural after "of", "for", "listing",
    "browse" or "selling", else the word before "store" or "shop" ("a bike parts store",
    "a bookshop")."""
    p = " " + _re.sub(r"[^a-z\- ]+", " ", prompt.lower()) + " "
    for m in _re.finditer(r"\b(?:of|for|listing|browse|browsing|selling|sells|sell)\s+((?:[a-z-]+\s+){0,3})", p):
        words = m.group(1).split()
        cut = next((i for i, w in enumerate(words) if w in ("with", "and", "in", "at", "from", "on", "by", "to",
                                                             "that", "under")), len(words))
        words = _goods_phrase(words[:cut])
        # the head noun is the last plural word of the phrase ("wool socks", "bike parts")
        while words and not (words[-1].endswith("s") and not words[-1].endswith(("ss", "us", "is"))):
            words = words[:-1]
        words = _goods_phrase(words)
        if words:
            return " ".join(words[-3:])
    m = _re.search(r"\b((?:[a-z-]+\s+)?[a-z-]+)\s+(?:store|shop|boutique|stand|nursery|market)\b", p)
    if m:
        words = _goods_phrase(m.group(1).split())
        if words and words[-1] not in ("coffee", "online", "web", "gift", "pop-up", "general", "corner", "thrift"):
            return " ".join(words)
    m = _re.search(r"\b([a-z]{3,})(?:shop|store)\b", p)
    if m and m.group(1) not in ("work", "web", "e", "app"):
        return m.group(1) + "s"
    return ""


def catalogue(prompt: str, n: int = 12) -> list[tuple[str, float]]:
    """`n` products of the kind the prompt sells (`product_noun`), each a (name, price) with a
    name that says what it is ("Sage Teapot", "Heritage Kitchen Knife"); empty when the prompt
    names no goods. Seeded by the noun, so a prompt always lists the same products."""
    noun = product_noun(prompt)
    if not noun:
        return []
    words = noun.split()
    head = " ".join([*words[:-1], singular(words[-1])]).title()
    rng = random.Random(f"catalogue:{noun}")
    base = rng.choice((18, 24, 36, 48, 65, 90))
    styles, tones = list(_STYLES), list(_TONES)
    rng.shuffle(styles)
    rng.shuffle(tones)
    out = []
    for i in range(n):
        name = f"{tones[i // 2 % len(tones)]} {head}" if i % 2 else f"{styles[i // 2 % len(styles)]} {head}"
        out.append((name, float(round(base * (0.7 + rng.random() * 1.2)) - 0.01 * (i % 3 == 0))))
    return out


def purchase(prompt: str) -> str:
    """What a payment prompt pays for, as written ("concert tickets", "hotel booking"), or ""."""
    p = _re.sub(r"[^a-z\- ]+", " ", prompt.lower())
    m = _re.search(r"\b(?:for|on)\s+(?:a|an|the|your|my)?\s*((?:[a-z-]+\s+){0,2}?[a-z-]+)"
                   r"(?=\s+(?:with|and|using|by|in|at|on|step|page|screen|form)\b|\s*$)", p.strip())
    if not m:
        return ""
    words = _goods_phrase(m.group(1).split())
    return " ".join(words)


#: Nouns after a list of labels that say what the labels are ("Profile, Security and Billing tabs").
_LABEL_HEADS = ("tabs", "tab", "sections", "section", "plans", "plan", "tiers", "tier", "columns", "steps",
                "options", "pages", "categories", "cards", "panels", "groups", "filters", "fields", "buttons",
                "links", "menu", "items", "packages")
_ITEM = (r"[A-Z0-9][\w'&+./-]*(?: (?!(?:and|or|with|for|in|on|of|to|at|the|a|an)\b)"
         r"[A-Za-z0-9][\w'&+./-]*){0,2}")


def named_labels(prompt: str) -> list[tuple[list[str], str]]:
    """The lists of labels a prompt names as written, each with the noun they belong to:
    "settings with Profile, Security and Billing tabs" → ``[(["Profile", "Security", "Billing"],
    "tabs")]``; "sections Account, Appearance and Language" → ``[([…], "sections")]``. A
    list is two or more capitalised items joined by commas and "and" / "or"."""
    out = []
    stop = {"for", "with", "in", "on", "of", "to", "a", "an", "the", "that", "where", "at"}
    for m in _re.finditer(rf"({_ITEM})((?:, {_ITEM})*)(,? (?:and|or|&) ({_ITEM}))?", prompt):
        items = [m.group(1), *[s for s in m.group(2).split(", ") if s], *([m.group(4)] if m.group(4) else [])]
        if len(items) < (2 if m.group(4) else 3):  # "A and B", or "A, B, C" without a conjunction
            continue
        head = ""
        last = items[-1].split()
        kept = []
        for w in last:
            if w.lower() in stop:
                break
            kept.append(w)
        if len(kept) > 1 and kept[-1].lower() in _LABEL_HEADS:
            head = kept[-1].lower()
            kept = kept[:-1]
        items[-1] = " ".join(kept)
        if not head:
            before = prompt[:m.start()].lower().split()
            head = before[-1] if before and before[-1] in _LABEL_HEADS else ""
        if not head:
            after = prompt[m.end():].lower().split()
            head = after[0] if after and after[0] in _LABEL_HEADS else ""
        items = [i.strip() for i in items if i.strip()]
        if len(items) >= 2:
            out.append((items, head))
    return out


def labels_for(prompt: str, *heads: str) -> list[str]:
    """The first label list `named_labels` finds whose noun is one of `heads` ("" for a list
    with no noun after or before it), else []."""
    for items, head in named_labels(prompt):
        if head in heads:
            return items
    return []


#: Page types about selling: their copy may be the retail domain's (orders, customers, revenue).
SALES_PAGES = ("dashboard", "analytics", "orders", "table-admin", "products", "product-list", "product-detail",
               "checkout", "pricing")
#: Words that make a prompt about a shop's business (not "billing" or "plan" alone).
_SELLING_WORDS = ("shop", "store", "e-commerce", "ecommerce", "sales", "revenue", "customer", "order", "product",
                  "inventory", "warehouse", "catalog", "merchant", "seller")


def page_domain(prompt: str, arch: str) -> Domain:
    """The copy domain of a page: `domain_for(prompt)`, except that a page that is not about
    selling (settings, calendar, onboarding, sign-in…) whose prompt only brushes a shop's words
    ("billing", "payment", "plan") gets the neutral workspace, never "Top customers"."""
    d = domain_for(prompt)
    if d is RETAIL and arch not in SALES_PAGES and not any(w in prompt.lower() for w in _SELLING_WORDS):
        return open_domain("generic")
    return d


_NUMBERS = {w: i for i, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                                        "nine", "ten"))}


def step_of(prompt: str, default: tuple[int, int] = (2, 4)) -> tuple[int, int]:
    """Which step of how many a prompt asks for ("step two of four", "step 3 of 5"), else `default`."""
    m = _re.search(r"\bstep\s+(\w+)\s+(?:of|/)\s+(\w+)", prompt.lower())
    if m:
        i, n = (int(g) if g.isdigit() else _NUMBERS.get(g, 0) for g in m.groups())
        if 1 <= i <= n <= 10:
            return i, n
    return default


def step_names(n: int) -> list[str]:
    """The names of an `n`-step setup flow."""
    names = ["Account", "Workspace", "Team", "Preferences", "Invite", "Billing", "Import", "Integrations", "Review"]
    return [*names[:n - 1], "Done"] if n > 1 else ["Done"]
