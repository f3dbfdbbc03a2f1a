"""The page plan: kinds, counts, labels, positions, device and domain from a prompt, never an error."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import SAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import scene.model
from conditioning.plan import MAX_SECTIONS, POSITIONS, Plan, kind_catalogue, plan_prompt, resolve_kind
from scene.model import KINDS


def _by_kind(plan: Plan, kind: str):
    found = [s for s in plan.sections if s.kind == kind]
    assert found, f"no {kind} section in {[(s.kind, s.phrase) for s in plan.sections]}"
    return found[0]


def _valid(plan: Plan) -> None:
    for s in plan.sections:
        assert s.kind in KINDS or s.kind == "section"
        assert s.position in POSITIONS
        assert s.count >= 1
    for s in plan.sections:
        if s.kind == "section":
            assert s.title


COLUMN = resolve_kind(("kanban_column", "kanban", "list"))


def test_kanban_columns_carry_their_labels() -> None:
    plan = plan_prompt("kanban board with To do, In progress and Done columns")
    col = _by_kind(plan, COLUMN)
    assert col.labels == ["To do", "In progress", "Done"]
    assert col.count == 3
    assert plan.domain == "productivity"
    assert plan.archetype is None  # not a built-in page: the plan draws it
    # the same columns named after the holder, and in quotes
    for prompt in ("kanban board with columns To do, In progress and Done",
                   'task board with columns "To do", "In progress" and "Done"'):
        assert _by_kind(plan_prompt(prompt), COLUMN).labels == ["To do", "In progress", "Done"]


def test_video_call_participants_and_named_buttons() -> None:
    plan = plan_prompt("video call with six participants and a bottom bar with mute, camera and leave buttons")
    tiles = _by_kind(plan, resolve_kind(("video", "avatar")))
    assert tiles.count == 6
    bar = _by_kind(plan, "navbar")
    assert bar.position == "bottom"
    buttons = _by_kind(plan, "button")
    assert buttons.labels == ["Mute", "Camera", "Leave"] and buttons.count == 3
    assert buttons.position == "bottom"  # inside the bottom bar
    assert plan.domain == "video"
    assert not plan.unmatched


def test_positions_from_rails_bars_and_sides() -> None:
    plan = plan_prompt("chat app with a left rail of channels, a message list and a composer")
    rail = _by_kind(plan, "sidebar")
    assert rail.position == "left" and rail.title == "Channels"
    assert _by_kind(plan, "input").position == "main"
    plan = plan_prompt("property search with a map on the right and listing cards")
    assert _by_kind(plan, "map").position == "right"
    assert _by_kind(plan_prompt("mobile banking app with a bottom bar"), "navbar").position == "bottom"
    assert _by_kind(plan_prompt("settings with a sidebar"), "sidebar").position == "sidebar"
    assert _by_kind(plan_prompt("a confirm delete dialog"), "modal").position == "overlay"
    inbox = plan_prompt("email inbox with folders in a sidebar and a message list")
    assert _by_kind(inbox, "sidebar")


@pytest.mark.parametrize("prompt, kind, count", [
    ("video call with six participants", ("video", "avatar"), 6),
    ("shopping list with eight items", ("list_item",), 8),
    ("pricing page with 3 plans", ("card",), 3),
    ("a grid of 12 photos", ("image",), 12),
    ("fitness home with three progress rings", ("progress_ring", "progress"), 3),
    ("dashboard with four KPI tiles", ("stat", "card"), 4),
    ("a music player with a playlist", ("list",), 1),
])
def test_counts(prompt: str, kind: tuple[str, ...], count: int) -> None:
    assert _by_kind(plan_prompt(prompt), resolve_kind(kind)).count == count


def test_labels_from_lists_quotes_and_names() -> None:
    tabs = _by_kind(plan_prompt("settings page with tabs for Profile, Billing and Team"), "tabs")
    assert tabs.labels == ["Profile", "Billing", "Team"] and tabs.count == 1
    assert _by_kind(plan_prompt('a hero with a "Book now" button'), "button").labels == ["Book now"]
    assert _by_kind(plan_prompt("quiz with four options and a Next button"), "button").labels == ["Next"]
    seg = _by_kind(plan_prompt("trading screen with a Buy / Sell segmented control"), resolve_kind(("segmented",
                                                                                                    "tabs")))
    assert seg.labels == ["Buy", "Sell"]
    table = _by_kind(plan_prompt("users table with columns Name, Email and Role"), "table")
    assert table.labels == ["Name", "Email", "Role"]
    # a list of things to draw is not a list of labels
    plan = plan_prompt("music player with album art, a playlist and playback controls")
    assert {s.kind for s in plan.sections} >= {"image", "list"}
    assert not any(s.labels for s in plan.sections)


def test_titles_name_the_section() -> None:
    plan = plan_prompt("sales dashboard with a revenue chart and an order summary")
    assert _by_kind(plan, "chart").title == "Revenue"
    assert _by_kind(plan, "card").title == "Order summary"


def test_unknown_nouns_become_titled_sections() -> None:
    plan = plan_prompt("greenhouse console with a zorblax quantifier and a revenue chart")
    sec = [s for s in plan.sections if s.kind == "section"]
    assert any("zorblax" in s.title.lower() for s in sec)
    assert any("zorblax" in u for u in plan.unmatched)
    assert _by_kind(plan, "chart")  # what is known is still planned
    # every unmatched phrase has its section: nothing asked for is dropped
    for u in plan.unmatched:
        assert any(s.phrase == u and s.kind == "section" for s in plan.sections)


def test_device_from_the_prompt_overrides_the_default_only() -> None:
    assert plan_prompt("mobile app for a bakery with a menu list").device == "mobile"
    assert plan_prompt("iPad kiosk check-in screen").device == "tablet"
    assert plan_prompt("mobile app for a bakery", device="tablet").device == "tablet"
    assert plan_prompt("checkout page").device == "desktop"
    with pytest.raises(ValueError, match="unknown device 'watch'"):
        plan_prompt("x", device="watch")


@pytest.mark.parametrize("prompt, domain", [
    ("music player with album art", "music"),
    ("flight search results with filters", "travel"),
    ("recipe page with ingredients", "food"),
    ("parcel tracking screen with a map", "logistics"),
    ("banking app with account balance", "banking"),
    ("job board with a list of postings", "jobs"),
    ("hotel booking page with a date picker", "hotels"),
    ("pull request review with a diff", "code"),
    ("weather app with an hourly forecast", "weather"),
    ("online course page with lessons", "education"),
    ("support ticket view with a reply box", "support"),
    ("workout tracker with exercises", "fitness"),
    ("sales dashboard with revenue", "sales"),
    ("patient record with medications", "health"),
    ("apartment listing with a floor plan", "real estate"),
    ("a landing page with a hero", "generic"),
])
def test_domain(prompt: str, domain: str) -> None:
    assert plan_prompt(prompt).domain == domain


def test_archetype_only_when_the_page_names_one() -> None:
    assert plan_prompt("checkout page with order summary").archetype == "checkout"
    assert plan_prompt("music player with a playlist").archetype is None
    assert plan_prompt("a grid of 12 photos").archetype is None  # "grid" is about a part, not the page
    from engine import Engine

    assert Engine.plan("pricing page with three plans").archetype == "pricing"  # the engine knows every page type


def test_prompts_that_ask_for_nothing() -> None:
    for prompt in ("", "   ", "\n\n", "modern clean minimal", "日本語のプロンプト", "!!!???", "a", "with and or"):
        plan = plan_prompt(prompt)
        _valid(plan)
        assert plan.prompt == prompt and plan.domain == "generic"
    plan = plan_prompt("página de pago con resumen del pedido")
    _valid(plan)


@pytest.mark.timeout(120)
def test_very_long_prompt_is_read_up_to_its_limits() -> None:
    prompt = ("dashboard with a revenue chart, a table of orders and a zorblax widget, " * 200)[:10_000]
    plan = plan_prompt(prompt)
    _valid(plan)
    assert len(plan.sections) <= MAX_SECTIONS
    assert any("not read" in u for u in plan.unmatched)  # what was cut is named, not dropped silently


@pytest.mark.timeout(300)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300) | st.lists(st.sampled_from(
    ["with", "and", ",", "a", "the", "of", "3", "six", "left", "bottom", "bar", "buttons", "tabs", "for", ":", '"',
     "To do", "In", "columns", "list", "map", "Mute", "/", "on the right", "in a", "page", "grid", "zorblax", "(",
     "’", "“", ".", "\n"]), max_size=40).map(" ".join))
def test_any_text_gives_a_plan(prompt: str) -> None:
    plan = plan_prompt(prompt)
    _valid(plan)
    json.loads(plan.model_dump_json())


def test_lexicon_entries_for_missing_kinds_are_ignored(monkeypatch) -> None:
    without = tuple(k for k in KINDS if k != "kanban_column")
    monkeypatch.setattr(scene.model, "KINDS", without)
    plan = plan_prompt("kanban board with To do, In progress and Done columns")
    col = [s for s in plan.sections if s.labels == ["To do", "In progress", "Done"]]
    assert col and col[0].kind in without  # the next candidate kind ("list"), never a kind that does not exist


def test_the_catalogue_picks_up_new_kinds(monkeypatch) -> None:
    kinds = (*KINDS, "soil_probe")
    monkeypatch.setattr(scene.model, "KINDS", kinds)
    monkeypatch.setitem(scene.model.KIND_DOCS, "soil_probe", "soil moisture probe reading: props.moisture")
    _, owners, texts = kind_catalogue()
    assert "soil_probe" in owners
    assert any(t.startswith("soil probe:") for t in texts)


def test_engine_generation_holds_the_plan(harbor_engine) -> None:
    gen = harbor_engine.generate("kanban board with To do, In progress and Done columns", size=(640, 360),
                                 sampler="procedural")
    assert gen.plan["sections"][0]["labels"] == ["To do", "In progress", "Done"]
    assert gen.plan["prompt"] == "kanban board with To do, In progress and Done columns"


def test_cli_plan_json_and_table() -> None:
    from onbrand.cli import main

    runner = CliRunner()
    res = runner.invoke(main, ["plan", str(SAMPLES / "harbor"),
                               "video call with six participants and mute, camera and leave buttons", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert set(data) == {"prompt", "device", "domain", "archetype", "sections", "unmatched"}
    buttons = [s for s in data["sections"] if s["kind"] == "button"]
    assert buttons[0]["labels"] == ["Mute", "Camera", "Leave"]
    res = runner.invoke(main, ["plan", str(SAMPLES / "harbor"), "mobile app with a left rail of channels",
                               "--device", "desktop"])
    assert res.exit_code == 0 and "sidebar" in res.output and "device mobile" in res.output
    res = runner.invoke(main, ["plan", str(SAMPLES / "harbor"), "x", "--device", "watch"])
    assert res.exit_code == 2
    res = runner.invoke(main, ["plan", "/no/such/folder", "x"])
    assert res.exit_code == 2 and "no such folder" in res.output and len(res.output.strip().splitlines()) == 1


# -- content nouns, values, domains (what a designer's review caught) ---------------------------------

def _kinds(plan: Plan) -> list[str]:
    return [s.kind for s in plan.sections]


@pytest.mark.parametrize("prompt", ["pasta recipe with ingredients and steps",
                                    "soup recipe showing the ingredients and the method",
                                    "bread recipe with a photo, ingredients and directions"])
def test_recipe_ingredients_and_steps_are_lists(prompt: str) -> None:
    plan = plan_prompt(prompt)
    assert plan.domain == "food"
    assert "progress" not in _kinds(plan)  # a recipe's steps are not a step indicator
    assert sum(k in ("list", "list_item", "checkbox") for k in _kinds(plan)) >= 2, _kinds(plan)
    assert any("ingredient" in s.phrase.lower() for s in plan.sections)


def test_step_indicators_stay_progress() -> None:
    assert "progress" in _kinds(plan_prompt("signup wizard with step progress and a Next button"))
    assert "progress" in _kinds(plan_prompt("checkout with checkout steps Cart, Shipping and Payment"))


def test_line_items_are_a_table_and_totals_one_summary() -> None:
    plan = plan_prompt("consulting invoice with line items, subtotal and tax and a Send invoice button")
    assert plan.domain == "finance"
    assert _kinds(plan)[0] == "table"
    summary = [s for s in plan.sections if s.kind == "description_list"]
    assert len(summary) == 1 and summary[0].labels == ["Subtotal", "Tax"]
    assert _by_kind(plan, "button").labels == ["Send invoice"]


def test_balance_is_a_labelled_value() -> None:
    plan = plan_prompt("wallet home with total balance and recent transactions")
    stat = _by_kind(plan, "stat")
    assert stat.labels == ["Total balance"]
    assert "list" in _kinds(plan)
    assert plan.domain == "banking"


def test_page_name_is_not_a_section_when_the_prompt_names_parts() -> None:
    # "expense report", "deals pipeline": the page's title, not an extra card or list
    assert _kinds(plan_prompt("expense report with a table of expenses and a Submit button")) == ["table", "button"]
    assert _kinds(plan_prompt("deals pipeline with Lead, Won and Lost columns")) == [COLUMN]


def test_named_button_keeps_its_small_words() -> None:
    plan = plan_prompt("shoe product page with a size select and an Add to cart button")
    assert _by_kind(plan, "button").labels == ["Add to cart"]
    assert "card" not in _kinds(plan)


def test_lowercase_content_noun_ends_a_label_list() -> None:
    plan = plan_prompt("audiobook player with a scrubber and skip and pause buttons")
    assert "slider" in _kinds(plan)
    assert _by_kind(plan, "button").labels == ["Skip", "Pause"]


def test_food_menu_is_a_list_and_prices_describe_it() -> None:
    plan = plan_prompt("bistro menu with dishes and prices and a Reserve table button")
    assert "menu" not in _kinds(plan)
    assert "slider" not in _kinds(plan)  # "prices" belongs to the dishes
    assert _kinds(plan).count("list") == 1


def test_list_with_checkboxes_is_a_checklist() -> None:
    plan = plan_prompt("packing list with checkboxes")
    assert _kinds(plan) == ["checkbox"]
    assert plan.sections[0].title


@pytest.mark.parametrize(("prompt", "domain"), [
    ("podcast show page with cover art and episodes", "music"),
    ("audiobook player with chapters", "music"),
    ("train ticket results from Oslo to Bergen", "transport"),
    ("cinema seat selection with a seat map", "events"),
    ("yoga class schedule with classes", "fitness"),
    ("online class with the teacher's video", "education"),
])
def test_domain_of_the_page_noun(prompt: str, domain: str) -> None:
    assert plan_prompt(prompt).domain == domain


def test_seat_map_is_not_a_street_map() -> None:
    plan = plan_prompt("stadium seat map with a Buy tickets button")
    assert "map" not in _kinds(plan)
    assert any("seat" in s.phrase.lower() for s in plan.sections if s.kind == "card")


def test_collection_page_name_stays_when_the_rest_only_filters_it() -> None:
    # "job board with filters": the jobs are the page's content, the chips only filter them
    kinds = _kinds(plan_prompt("job board with filters"))
    assert "chip" in kinds and any(k in ("list", "list_item") for k in kinds), kinds


# -- second review --------------------------------------------------------------------------------
def test_a_lower_case_noun_after_named_labels_is_not_one_more_label():
    plan = plan_prompt("plant shop with filter chips for Succulents, Ferns and Palms and cards for each plant")
    assert _by_kind(plan, "chip").labels == ["Succulents", "Ferns", "Palms"]
    _by_kind(plan, "card")


@pytest.mark.parametrize(("prompt", "kind"), [
    ("breathing exercise with a countdown timer and a Start button", "progress_ring"),
    ("focus app with a session timer", "progress_ring"),
    ("train e-ticket with a QR code", "image"),
    ("dentist booking with open time slots", "time_picker"),
    ("maths practice with a question and answer choices", "radio"),
    ("burger bar menu with burgers and sides", "list"),
])
def test_second_review_nouns_take_their_kind(prompt, kind):
    plan = plan_prompt(prompt)
    _by_kind(plan, kind)
    assert not [s for s in plan.sections if s.kind in ("code", "sidebar", "calendar")]


def test_plural_unknown_nouns_are_lists_of_them():
    plan = plan_prompt("burger bar menu with burgers, sides and a Checkout button")
    lists = [s for s in plan.sections if s.kind == "list"]
    assert [s.phrase for s in lists] == ["burgers", "sides"]


def test_attributes_of_a_table_are_its_columns_not_a_section():
    plan = plan_prompt("team backlog with a table of user stories and story points")
    assert [s.kind for s in plan.sections] == ["table"]


def test_a_board_named_calendar_has_no_calendar():
    plan = plan_prompt("editorial calendar board with Idea, Writing and Live columns")
    assert [s.kind for s in plan.sections] == ["kanban_column"]


@pytest.mark.parametrize("prompt, kind", [
    ("photo feed with a floating camera button", "fab"),
    ("a FAQ page with collapsible questions", "accordion"),
    ("analytics page while loading, with skeleton cards", "skeleton"),
    ("dog walking app showing today's walks on a map", "map"),
])
def test_a_modifier_or_a_place_names_the_kind(prompt, kind):
    plan = plan_prompt(prompt, "mobile")
    assert kind in [s.kind for s in plan.sections], plan.sections


def test_bracketed_names_label_the_phrase_before_them() -> None:
    plan = plan_prompt("listing page: photo gallery, key facts list (Bedrooms, Bathrooms, Area) and a Contact button")
    facts = next(s for s in plan.sections if "Bedrooms" in s.labels)
    assert facts.labels == ["Bedrooms", "Bathrooms", "Area"]
    assert facts.kind == "description_list"
    rows = next(s for s in plan_prompt("team page: members (Ana, Ben, Cy) and an Invite button").sections
                if s.labels and s.kind != "button")
    assert rows.labels == ["Ana", "Ben", "Cy"]
    assert _by_kind(plan, "button").labels == ["Contact"]


def test_plain_nouns_after_with_are_one_key_value_list() -> None:
    plan = plan_prompt("airline boarding pass with gate, seat and boarding time, plus an Add to wallet button", "mobile")
    kv = _by_kind(plan, "description_list")
    assert kv.labels == ["Gate", "Seat", "Boarding time"]
    assert not plan.unmatched
    # element kinds and plural records are not keys
    assert not [s for s in plan_prompt("a page with a map, a list and a chart").sections
                if s.kind == "description_list"]
    assert not [s for s in plan_prompt("a page with walks, walkers and payments").sections
                if s.kind == "description_list"]


@pytest.mark.parametrize("prompt, kind, labels", [
    ("photo editor with sliders for Brightness, Contrast and Saturation", "slider",
     ["Brightness", "Contrast", "Saturation"]),
    ("donation page with amount chips $10, $25 and $50", "chip", ["$10", "$25", "$50"]),
    ("transfer screen with From and To account selects", "select", ["From", "To account"]),
    ("repository page with a file tree and Star and Fork buttons", "button", ["Star", "Fork"]),
    ("ride home with saved places Home and Work", "list", ["Home", "Work"]),
    ("wine page with a quantity stepper and Add to cart", "button", ["Add to cart"]),
    ("booking: choose a date and a time, then Confirm appointment", "button", ["Confirm appointment"]),
])
def test_label_phrasings(prompt: str, kind: str, labels: list[str]) -> None:
    assert _by_kind(plan_prompt(prompt), kind).labels == labels


def test_choose_a_noun_is_a_select_and_a_time_after_a_date_is_picked() -> None:
    plan = plan_prompt("clinic booking: choose a doctor, a date and a time, then Confirm appointment", "mobile")
    assert [s.kind for s in plan.sections] == ["select", "date_picker", "time_picker", "button"]
    assert _by_kind(plan, "select").title == "Doctor"
    assert _by_kind(plan_prompt("repository page with a file tree and Star and Fork buttons"), "tree")


@pytest.mark.parametrize("prompt, kind, labels", [
    ("results with filters for Nonstop, 1 stop and Refundable", "chip", ["Nonstop", "1 stop", "Refundable"]),
    ("pricing with tabs for 1 month, 6 months and 12 months", "tabs", ["1 month", "6 months", "12 months"]),
])
def test_names_that_start_with_a_number(prompt: str, kind: str, labels: list[str]) -> None:
    assert _by_kind(plan_prompt(prompt), kind).labels == labels
    assert _by_kind(plan_prompt("dashboard with 3 buttons and 2 charts"), "button").count == 3


def test_the_word_before_named_chips_titles_them_and_a_grid_of_records_is_tiles() -> None:
    chips = _by_kind(plan_prompt("product page with size chips S, M, L and XL", "mobile"), "chip")
    assert chips.labels == ["S", "M", "L", "XL"] and chips.title == "Size"
    assert not plan_prompt("product page with size chips S, M, L and XL").unmatched
    social = plan_prompt("social profile with a stories row and a grid of posts", "mobile")
    assert _by_kind(social, "image").count >= 6
    assert _by_kind(plan_prompt("a grid of products with prices"), "card").title == "Products"


@pytest.mark.parametrize("text, expanded", [
    ("tabs Monday to Friday", "tabs Monday, Tuesday, Wednesday, Thursday and Friday"),
    ("Mon–Fri chips", "Mon, Tue, Wed, Thu and Fri chips"),
    ("open monday through sunday", "open Monday, Tuesday, Wednesday, Thursday, Friday, Saturday and Sunday"),
    ("Fri-Mon", "Fri, Sat, Sun and Mon"),
    ("sales from January to April", "sales from January, February, March and April"),
    ("the sun to the moon", "the sun to the moon"),
    ("Monday to Monday", "Monday to Monday"),
])
def test_ranges_of_days_and_months_are_written_out(text: str, expanded: str) -> None:
    from conditioning.plan import expand_ranges

    assert expand_ranges(text) == expanded


def test_a_range_of_days_names_each_tab() -> None:
    tabs = _by_kind(plan_prompt("school timetable with Monday to Friday tabs and a class list", "tablet"), "tabs")
    assert tabs.labels == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


@pytest.mark.parametrize("prompt, labels", [
    ("crypto portfolio overview with total value, 24h change and number of assets",
     ["Total value", "24h change", "Number of assets"]),
    ("analytics dashboard with revenue, active users and conversion rate", ["Revenue", "Active users", "Conversion rate"]),
    ("run summary with calories, distance and average pace", ["Calories", "Distance", "Average pace"]),
])
def test_a_list_of_measures_is_stat_tiles(prompt: str, labels: list[str]) -> None:
    stat = _by_kind(plan_prompt(prompt), "stat")
    assert stat.labels == labels and stat.count == len(labels)


@pytest.mark.parametrize("prompt, kinds", [
    ("checking account with balance, a spending chart and transactions", {"stat", "chart", "list"}),
    ("savings account screen with current balance and recent transactions", {"stat", "list"}),
])
def test_a_chart_or_a_record_list_beside_a_figure_keeps_its_kind(prompt: str, kinds: set[str]) -> None:
    assert kinds <= {s.kind for s in plan_prompt(prompt).sections}


def test_names_after_a_plural_noun_of_list_rows_are_its_rows() -> None:
    plan = plan_prompt("conference schedule with a day timeline and tracks Design, Engineering and Product")
    rows = _by_kind(plan, "list")
    assert rows.labels == ["Design", "Engineering", "Product"] and rows.title == "Tracks"
    assert not plan.unmatched


def test_names_that_end_on_a_holder_of_their_own_are_its_labels() -> None:
    plan = plan_prompt("flashcard with an audio button and Know it and Still learning buttons", "mobile")
    buttons = [s for s in plan.sections if s.kind == "button"]
    assert [s.labels for s in buttons] == [[], ["Know it", "Still learning"]]
    assert buttons[0].title == "Audio"


@pytest.mark.parametrize("prompt, label", [
    ("hospital ward dashboard with bed occupancy, a patients list and alerts", "Bed occupancy"),
    ("livestream page with the stream video, viewer count and live chat", "Viewer count"),
])
def test_a_single_measure_no_kind_matches_is_a_stat_tile(prompt: str, label: str) -> None:
    plan = plan_prompt(prompt)
    assert _by_kind(plan, "stat").labels == [label]
    assert not plan.unmatched


@pytest.mark.parametrize("prompt, labels", [
    ("volunteer sign-up form with full name, phone number and date of birth", ["Full name", "Phone number",
                                                                             "Date of birth"]),
    ("registration form asking for your email address and a password", ["Email", "Password"]),
    ("payment form with card number, expiry and CVC fields", ["Card number", "Expiry", "CVC"]),
    ("newsletter modal with Name and Email fields", ["Name", "Email"]),
    ("card payment form with card number, expiry, cvc and zip", ["Card number", "Expiry", "CVC", "ZIP"]),
    ("feedback form with name, email and message", ["Name", "Email", "Message"]),
])
def test_the_fields_a_form_asks_for_are_its_labelled_inputs(prompt: str, labels: list[str]) -> None:
    plan = plan_prompt(prompt)
    inputs = [s for s in plan.sections if s.kind == "input"]
    assert len(inputs) == 1 and inputs[0].labels == labels and inputs[0].count == len(labels)
    assert plan.domain != "messaging"  # an email field names no domain


def test_a_field_name_outside_a_form_is_not_an_input() -> None:
    assert not [s for s in plan_prompt("team page with name and role of each member").sections if s.kind == "input"]


def test_what_a_phrase_shows_as_a_kind_is_drawn_as_that_kind() -> None:
    plan = plan_prompt("moving app showing weekend chores as a checklist and a weather card")
    assert _by_kind(plan, "checkbox").title == "Weekend chores"
    # "as a description list" names the kind the phrase before already has
    plan = plan_prompt("flat listing with key facts like rooms and floor as a description list")
    assert _by_kind(plan, "description_list")


@pytest.mark.parametrize("prompt, label", [
    ("wind farm overview with energy generated this week and a turbines list", "Energy generated this week"),
    ("cycling app with calories burned and a route map", "Calories burned"),
])
def test_a_quantity_and_what_happened_to_it_is_a_stat(prompt: str, label: str) -> None:
    assert _by_kind(plan_prompt(prompt), "stat").labels == [label]


def test_a_comment_thread_is_comments_and_a_section_is_named_by_its_words() -> None:
    plan = plan_prompt("bug report page with a discussion thread and a reproduction steps section")
    assert _by_kind(plan, "comment")
    assert any(s.title == "Reproduction steps" for s in plan.sections)


def test_rows_with_steppers_are_a_stepper_for_each_row_and_a_control_is_named_by_what_it_sets() -> None:
    plan = plan_prompt("zoo ticket page with ticket types with steppers and a Pay button")
    steppers = _by_kind(plan, "stepper")
    assert steppers.title == "Ticket types" and steppers.count >= 4
    assert not [s for s in plan.sections if s.kind in ("list", "list_item")]
    assert _by_kind(plan_prompt("table booking with a party size picker and a guests stepper"), "stepper").title \
        == "Guests"


def test_names_end_where_the_lower_case_words_before_them_begin() -> None:
    plan = plan_prompt("refund queue table with amount, customer and Approve and Decline actions")
    assert _by_kind(plan, "button").labels == ["Approve", "Decline"]
    # an acronym is not a name: the fields before it stay in the list
    assert _by_kind(plan_prompt("checkout form with card number, expiry and CVC fields"), "input").labels == [
        "Card number", "Expiry", "CVC"]


def test_a_sports_score_is_a_stat_not_a_rating() -> None:
    plan = plan_prompt("basketball game centre with the live score and a box score table")
    assert plan.domain == "sports"
    assert _by_kind(plan, "stat").labels == ["Live score"] and not [s for s in plan.sections if s.kind == "rating"]


def test_a_superscript_digit_is_not_a_count() -> None:
    assert plan_prompt("0² cards and ² buttons").sections  # str.isdigit() is true for "²"; int() is not


def test_named_plans_are_cards_and_a_section_word_does_not_title_its_section() -> None:
    plan = plan_prompt("pricing page with Basic, Pro and Business plans")
    assert _by_kind(plan, "card").labels == ["Basic", "Pro", "Business"]
    assert any(s.title == "Biography" for s in plan_prompt("band page with a photo and a biography section").sections)


def test_amounts_name_their_buttons_and_a_field_word_before_fields_is_a_field() -> None:
    plan = plan_prompt("coffee order screen with size buttons 250 ml and 400 ml", "mobile")
    assert _by_kind(plan, "button").labels == ["250 ml", "400 ml"]
    plan = plan_prompt("allotment signup form with your name and phone fields")
    assert _by_kind(plan, "input").labels == ["Name", "Phone"]
    assert not [s for s in plan_prompt("vegetable garden plot booking form").sections if s.kind == "chart"]


def test_names_after_columns_steppers_and_options_are_their_labels() -> None:
    """"columns A, B and C" (what they hold dropped), "steppers for A, B and C", and "a tier radio
    with options A, B and C" read as one labelled section each."""
    plan = plan_prompt("cleaning crew board with lanes Booked, Travelling, On site and Finished holding job cards")
    assert [(s.kind, s.labels) for s in plan.sections] == [(COLUMN, ["Booked", "Travelling", "On site", "Finished"])]
    plan = plan_prompt("farm shop order with quantity steppers for Eggs, Honey and Cider and a Reserve button")
    assert _by_kind(plan, "stepper").labels == ["Eggs", "Honey", "Cider"]
    assert not [s for s in plan.sections if s.kind == "section"]
    for prompt in ("coffee subscription with a grind radio Whole bean, Filter and Espresso and a Save button",
                   "print settings with a paper radio A4, Letter and A3"):
        (radio,) = [s for s in plan_prompt(prompt).sections if s.kind == "radio"]
        assert len(radio.labels) == 3 and radio.labels[0] in ("Whole bean", "A4"), prompt
    plan = plan_prompt("gym membership upgrade with plan radio options Off-peak, Standard and Premium")
    (radio,) = [s for s in plan.sections if s.kind == "radio"]
    assert radio.labels == ["Off-peak", "Standard", "Premium"] and radio.title == "Plan"


def test_documents_grids_filters_and_logs_read_as_what_they_name() -> None:
    """A noun before "sheet" makes a document ("a cue sheet"), not a bottom sheet; "X grid" is
    cards of X; "a slider filter" is a slider; "a chips row" is chips; a log of anything other
    than code ("a feeding log") does not make a code page."""
    plan = plan_prompt("stage manager cue sheet with a cues table and a Go button")
    assert "bottom_sheet" not in {s.kind for s in plan.sections}
    assert _by_kind(plan_prompt("phone app with a share sheet"), "bottom_sheet") is not None
    plan = plan_prompt("toy library with toys grid and an age range slider filter")
    assert _by_kind(plan, "card").title == "Toys" and _by_kind(plan, "slider").title == "Age range"
    assert _by_kind(plan_prompt("salon booking with a stylists chips row"), "chip") is not None
    plan = plan_prompt("baby feeding log with a feeds list and a Log feed button")
    assert plan.domain != "code" and "code" not in {s.kind for s in plan.sections}
    assert plan_prompt("deploy page with build logs in a code block").domain == "code"


def test_column_names_with_small_words_and_what_each_row_shows() -> None:
    """Column names that run to the end of their clause keep their small words ("Waiting for
    parts"); "with their X and Y" after a list is what each row shows, not a section."""
    plan = plan_prompt("phone repair counter board with columns Checked in, On the bench and Waiting for parts")
    assert _by_kind(plan, COLUMN).labels == ["Checked in", "On the bench", "Waiting for parts"]
    plan = plan_prompt("cheese counter menu with cheeses listed with their origin and price")
    assert [s.kind for s in plan.sections] == ["list"]


def test_one_word_of_a_section_or_a_label_names_no_domain() -> None:
    """A domain needs its word in the prompt's head, two of its words, or a head that reads as it:
    a taproom's "Pour flight" button is no air travel, a mountain rescue board's incidents no
    security console; a checking account with its transactions is banking, and a word both in the
    head and in a label still counts."""
    assert plan_prompt("brewery taproom tap list with a beers table and a Pour flight button").domain != "travel"
    assert plan_prompt("mountain rescue callout board with an incidents map and a Page team button").domain \
        not in ("security", "pets")
    assert plan_prompt("checking account with balance, a spending chart and transactions").domain == "banking"
    assert plan_prompt("consulting invoice with line items, subtotal and tax and a Send invoice button").domain \
        == "finance"
    assert plan_prompt("help center with a search bar and article cards").domain == "support"
