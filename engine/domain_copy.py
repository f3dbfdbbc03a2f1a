"""Realistic copy for the prompt's domain: navigation, KPIs, tables and lists.

`domain_for(prompt)` picks a domain by keywords (retail when nothing matches); each domain
writes its own seeded rows, so a clinic dashboard lists appointments and a bank lists
transactions, never placeholder text.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

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


def domain_for(prompt: str) -> Domain:
    """The domain whose keywords the prompt mentions most (retail when none)."""
    p = prompt.lower()
    best, hits = RETAIL, 0
    for d in DOMAINS:
        n = sum(1 for k in d.keywords if k in p)
        if n > hits:
            best, hits = d, n
    return best
