"""Held-out guide phrasings for `ingest.guidance`, with what each should give.

These sentences are scored, never tuned against: the extractor's rules come from the
development phrasings in `test_guidance.py`. `tests/ingest/test_guidance.py` reports the
held-out precision and recall separately from the development set's.

Expected items, as `score.items` normalises an extraction:
  ("role", role, hex, "+" or "-")              a sentence says the colour plays (or never plays) the role
  ("rule", kind, color, background, use, px, count)
  ("type", step, size, line_height)
  ("spacing", (px, …))
  ("radius", component, px)
"""

COLOURS = {
    "Signal Red": "#d7263d",
    "Harbor Teal": "#0e5e71",
    "Ink": "#1b1f24",
    "Paper": "#fafaf7",
    "Sun Yellow": "#f4c20d",
    "Moss": "#3a7d44",
    "Sky": "#3b82f6",
    "color.brand.teal": "#0e5e71",
}
RED, TEAL, INK, PAPER, YELLOW, MOSS, SKY = (COLOURS[k] for k in
                                            ("Signal Red", "Harbor Teal", "Ink", "Paper", "Sun Yellow", "Moss", "Sky"))

CASES: list[tuple[str, set]] = [
    ("Calls to action are always set in Harbor Teal.", {("role", "primary", TEAL, "+")}),
    ("Reserve Signal Red for destructive actions and error messages.",
     {("role", "danger", RED, "+"), ("rule", "color-only-for", RED, "", "danger", 0.0, 0)}),
    ("Sun Yellow should never be used for text.", {("role", "text", YELLOW, "-")}),
    ("Hyperlinks take Sky.", {("role", "primary", SKY, "+")}),
    ("Paper is the page background for every product.", {("role", "background", PAPER, "+")}),
    ("Moss signals success: confirmations, completed steps and positive trends.", {("role", "success", MOSS, "+")}),
    ("Avoid Signal Red on large surfaces such as headers or full-width banners.",
     {("rule", "color-not-large-area", RED, "", "", 0.0, 0)}),
    ("Never place Ink type on a Harbor Teal fill.", {("rule", "no-text-on", INK, TEAL, "", 0.0, 0)}),
    ("Font sizes below 12 px are not allowed.", {("rule", "min-text-size", "", "", "", 12.0, 0)}),
    ("Make every tappable element at least 48 × 48 px.", {("rule", "min-target-size", "", "", "", 48.0, 0)}),
    ("Each screen gets a single primary button.", {("rule", "max-primary-buttons", "", "", "", 0.0, 1)}),
    ("Type ramp — Display 56/64 · Heading 1 40/48 · Heading 2 28/36 · Body 16/24 · Caption 12/16",
     {("type", "display", 56.0, 64.0), ("type", "h1", 40.0, 48.0), ("type", "h2", 28.0, 36.0),
      ("type", "body", 16.0, 24.0), ("type", "caption", 12.0, 16.0)}),
    ("Our spacing tokens step through 4, 8, 12, 16, 24 and 32 px.", {("spacing", (4.0, 8.0, 12.0, 16.0, 24.0, 32.0))}),
    ("Cards have 16 px rounded corners, and chips are fully rounded at 999 px.",
     {("radius", "card", 16.0), ("radius", "chip", 999.0)}),
    ("Inputs: 4 px radius.", {("radius", "input", 4.0)}),
    ("Don't use Harbor Teal for warnings.", {("role", "warning", TEAL, "-")}),
    ("Warnings and cautions appear in Sun Yellow.", {("role", "warning", YELLOW, "+")}),
    ("Ink is the default colour for body copy.", {("role", "text", INK, "+")}),
    ("Use #3A7D44 for success states.", {("role", "success", MOSS, "+")}),
    ("Never use more than two primary buttons on one page.", {("rule", "max-primary-buttons", "", "", "", 0.0, 2)}),
    ("Focus rings are drawn in Sky.", {("role", "focus", SKY, "+")}),
    ("Signal Red must not be used for primary actions; use it only for errors.",
     {("role", "primary", RED, "-"), ("role", "danger", RED, "+"),
      ("rule", "color-only-for", RED, "", "danger", 0.0, 0)}),
    ("Body text should be at least 16px.", {("rule", "min-text-size", "", "", "", 16.0, 0)}),
    ("Space everything on an 8 px grid: 8, 16, 24, 32, 40, 48.", {("spacing", (8.0, 16.0, 24.0, 32.0, 40.0, 48.0))}),
    ("Borders and dividers are Sky.", {("role", "border", SKY, "+"), ("role", "divider", SKY, "+")}),
    ("Info banners use Sky.", {("role", "info", SKY, "+")}),
    ("Do not pair Sun Yellow text with a Paper background.", {("rule", "no-text-on", YELLOW, PAPER, "", 0.0, 0)}),
    ("color.brand.teal is the primary action colour.", {("role", "primary", TEAL, "+")}),
    ("The logo must be at least 24 px tall.", set()),
    ("Signal Red is a vivid, energetic hue.", set()),
]
