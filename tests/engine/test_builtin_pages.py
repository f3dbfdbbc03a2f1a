"""Built-in page types answer their prompt as a designer would review them: forms carry the
fields their page needs, shops sell what the prompt names, pricing pages compare plans, one filled
primary action per view, the breadcrumb sits on the content column above the title, labels the
prompt names are shown as written and pages that do not sell carry no sales copy. Each is checked
on the procedural composer and on the fill of sampled blocks (the student's path)."""

from __future__ import annotations

import itertools

import pytest

from engine.compose.composer import compose, route_prompt
from engine.compose.domain_copy import (
    catalogue,
    named_labels,
    page_domain,
    product_noun,
    purchase,
    singular,
)
from engine.compose.fill import complete_form, fill_blocks
from engine.render.theme import Theme
from scene.blocks import Block
from scene.devices import DEVICES


@pytest.fixture(scope="module")
def theme(harbor_engine):
    return Theme(harbor_engine.ds)


def _texts(scene) -> str:
    out = []
    for e in scene.walk():
        out.append(e.text)
        for k in ("label", "placeholder", "value"):
            if isinstance(e.props.get(k), str):
                out.append(e.props[k])
        for k in ("items", "columns"):
            if isinstance(e.props.get(k), list):
                out += [str(x) for x in e.props[k]]
        for r in e.props.get("rows") or []:
            out += [str(x) for x in r]
    return "\n".join(t for t in out if t)


def _labels(scene) -> list[str]:
    return [e.props.get("label") or e.props.get("placeholder") for e in scene.walk() if e.kind == "input"]


def _primaries(scene, in_modal: bool = False) -> list:
    def visit(es, modal):
        for e in es:
            if e.kind == "button" and e.variant in ("", "primary") and modal == in_modal:
                yield e
            yield from visit(e.children, modal or e.kind == "modal")
    return list(visit(scene.elements, False))


def _compose(prompt: str, device: str = "desktop"):
    (w, h), _ = DEVICES[device]
    return compose(prompt, w // 4, h // 4, seed=0, device=device)


# -- what the prompt names ----------------------------------------------------------------------------
@pytest.mark.parametrize("prompt,noun", [("shop page of handmade teapots", "handmade teapots"),
                                         ("storefront listing of backpacks with filters", "backpacks"),
                                         ("online shop for kitchen knives with sort and filters", "kitchen knives"),
                                         ("browse vinyl records in an online record store", "vinyl records"),
                                         ("one page checkout for a sneaker store", "sneaker"),
                                         ("a bookshop", "books"),
                                         ("sales dashboard with revenue chart", ""),
                                         ("checkout page with order summary", "")])
def test_product_noun_is_what_the_prompt_sells(prompt, noun):
    assert product_noun(prompt) == noun


def test_singular_and_catalogue_names_say_what_they_are():
    assert [singular(w) for w in ("teapots", "knives", "berries", "boxes", "socks", "glass")] == \
        ["teapot", "knife", "berry", "box", "socks", "glass"]
    mugs = catalogue("catalog of ceramic mugs with prices", 6)
    assert len(mugs) == 6 and all(name.endswith("Ceramic Mug") for name, _ in mugs)
    assert len({name for name, _ in mugs}) == 6 and all(price > 0 for _, price in mugs)
    assert catalogue("settings page") == []


def test_named_labels_keep_the_prompts_words_and_their_noun():
    assert named_labels("settings with Profile, Security and Notifications tabs") == \
        [(["Profile", "Security", "Notifications"], "tabs")]
    assert named_labels("Settings with Profile, Security, Notifications tabs") == \
        [(["Profile", "Security", "Notifications"], "tabs")]
    assert named_labels("settings page with sections Account, Appearance and Language") == \
        [(["Account", "Appearance", "Language"], "sections")]
    assert named_labels("kanban board with To do, In progress and Done columns")[0][0] == ["To do", "In progress", "Done"]
    assert named_labels("checkout page with order summary") == []
    assert purchase("payment form for a hotel booking") == "hotel booking"


# -- composer -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("device", sorted(DEVICES))
def test_composed_sign_up_asks_for_name_email_password_and_confirmation(device):
    prompt = "registration page for a chess club"
    assert route_prompt(prompt) == "sign-up"
    labels = _labels(_compose(prompt, device))
    assert labels[:4] == ["Full name", "Email", "Password", "Confirm password"]
    assert "I agree to the Terms and Privacy Policy" in _texts(_compose(prompt, device))


@pytest.mark.parametrize("device", sorted(DEVICES))
def test_composed_payment_step_has_the_card_fields_and_what_is_paid_for(device):
    sc = _compose("payment form for a hotel booking", device)
    assert {"Name on card", "Card number", "Expiry", "CVC"} <= set(_labels(sc))
    text = _texts(sc)
    assert "Hotel booking" in text and "Linen Overshirt" not in text  # what is paid for, not a store's goods
    assert not {"Address", "City"} & set(_labels(sc))  # no shipping on a payment step


@pytest.mark.parametrize("device", sorted(DEVICES))
def test_composed_checkout_carries_name_on_card(device):
    assert {"Name on card", "Card number", "Expiry", "CVC"} <= set(_labels(_compose("checkout page", device)))


@pytest.mark.parametrize("device", sorted(DEVICES))
def test_composed_shop_sells_the_prompts_goods(device):
    sc = _compose("online shop of ceramic mugs", device)
    names = [e.text for e in sc.walk() if e.kind == "text" and e.style == "body-strong"]
    assert names and all("Mug" in n for n in names), names
    assert "Outerwear" not in _texts(sc) and "Knitwear" not in _texts(sc)
    shapes = {e.props.get("shape") for e in sc.walk() if e.kind == "image" and e.props.get("motif") == "product"}
    assert shapes == {"cup"}


@pytest.mark.parametrize("device", sorted(DEVICES))
def test_composed_pricing_names_the_plans_the_prompt_names_and_has_no_admin_table(device):
    sc = _compose("pricing page with Basic, Plus and Premium tiers", device)
    plans = [e.text for e in sc.walk() if e.kind == "heading" and e.id.endswith("/plan")]
    assert plans == ["Basic", "Plus", "Premium"]
    for t in (e for e in sc.walk() if e.kind == "table"):
        assert t.props["columns"][0] == "Feature" and t.props["status_column"] == -1


@pytest.mark.parametrize("prompt", ["checkout page with order summary", "pricing page with three plans",
                                    "landing page for a bike shop", "settings page", "sign up page",
                                    "sales dashboard", "orders admin with a confirm delete dialog",
                                    "onboarding step two of four", "team calendar", "product detail page"])
@pytest.mark.parametrize("device", sorted(DEVICES))
def test_composed_pages_have_one_filled_primary_action(prompt, device):
    sc = _compose(prompt, device)
    assert len(_primaries(sc)) <= 1
    assert len(_primaries(sc, in_modal=True)) <= 1


@pytest.mark.parametrize("device", sorted(DEVICES))
def test_composed_settings_show_the_tabs_and_sections_the_prompt_names(device):
    tabs = next(e for e in _compose("settings with Profile, Security and Notifications tabs", device).walk()
                if e.kind == "tabs")
    assert tabs.props["items"] == ["Profile", "Security", "Notifications"]
    sc = _compose("settings page with sections Account, Appearance and Language", device)
    titles = [e.text for e in sc.walk() if e.kind == "heading" and e.style == "title"]
    assert {"Account", "Appearance", "Language"} <= set(titles)
    text = _texts(sc)
    assert "Match system" in text and "English (UK)" in text  # each section holds what its title asks for


def test_settings_have_no_sales_copy_and_list_the_team():
    for prompt in ("account settings with plan and billing section", "notification settings"):
        assert page_domain(prompt, "settings").name != "retail"
        text = _texts(_compose(prompt))
        for word in ("Top customers", "New orders", "Low stock", "orders, customers"):
            assert word not in text, (prompt, word)
    assert page_domain("settings for my online store", "settings").name == "retail"  # a shop's settings may
    sc = _compose("workspace settings with team members and roles")
    t = next(e for e in sc.walk() if e.kind == "table")
    assert t.props["columns"][:3] == ["Name", "Email", "Role"]


# -- fill of sampled blocks ---------------------------------------------------------------------------
def test_fill_completes_a_sign_up_form_that_was_sampled_with_one_field(theme):
    blocks = [Block("card", (0.0, 0.0, 0.48, 1.0), variant="panel"),
              Block("heading", (0.63, 0.22, 0.25, 0.06), style="h1"),
              Block("input", (0.63, 0.34, 0.23, 0.08)),
              Block("checkbox", (0.63, 0.47, 0.18, 0.05), style="body"),
              Block("button", (0.63, 0.58, 0.23, 0.05), variant="primary"),
              Block("text", (0.63, 0.72, 0.24, 0.02), style="small")]
    sc = fill_blocks(blocks, "create an account page for a recipe community", 1920, 1080, theme)
    assert _labels(sc) == ["Full name", "Email", "Password", "Confirm password"]
    assert "I agree to the Terms and Privacy Policy" in _texts(sc)
    fields = [e for e in sc.walk() if e.kind == "input"]
    assert len({round(e.box[0]) for e in fields}) == 1  # one column, the sampled field's
    assert all(a.box[1] + a.box[3] <= b.box[1] for a, b in itertools.pairwise(fields))  # stacked, not overlapping
    assert max(e.box[1] + e.box[3] for e in sc.walk()) <= 1080
    assert [e.text for e in _primaries(sc)] == ["Create account"]


def test_fill_payment_step_has_card_fields_and_a_full_form_is_left_alone(theme):
    blocks = [Block("heading", (0.05, 0.1, 0.3, 0.05), style="h2"), Block("input", (0.05, 0.2, 0.3, 0.08)),
              Block("button", (0.05, 0.4, 0.3, 0.05), variant="primary")]
    sc = fill_blocks(blocks, "enter card details to pay for concert tickets", 1920, 1080, theme)
    assert _labels(sc) == ["Name on card", "Card number", "Expiry", "CVC"]
    full = [Block("input", (0.05, 0.1 + 0.1 * i, 0.3, 0.08)) for i in range(2)]
    assert complete_form(full, "sign-in", "sign in page", 1920, 1080) == full
    assert complete_form(blocks, "dashboard", "sales dashboard", 1920, 1080) == blocks


def test_fill_keeps_one_primary_and_one_order_summary_on_a_checkout(theme):
    blocks = [Block("heading", (0.45, 0.1, 0.1, 0.05), style="h2"),
              Block("breadcrumb", (0.52, 0.11, 0.1, 0.03)),
              Block("card", (0.02, 0.2, 0.6, 0.7), content="form"),
              Block("card", (0.64, 0.2, 0.34, 0.7), content="summary"),
              Block("card", (0.64, 0.91, 0.34, 0.08), content="summary"),
              Block("button", (0.8, 0.1, 0.18, 0.05), variant="primary")]
    sc = fill_blocks(blocks, "checkout page with order summary", 1920, 1080, theme)
    prim = _primaries(sc)
    assert len(prim) == 1 and prim[0].text.startswith("Pay ")
    assert _texts(sc).count("Order summary") == 1
    assert {"Card number", "Expiry", "CVC", "Name on card"} <= set(_labels(sc))


def test_fill_puts_the_breadcrumb_above_the_title_on_the_content_column(theme):
    blocks = [Block("navbar", (0.0, 0.0, 1.0, 0.08)),
              Block("heading", (0.45, 0.12, 0.1, 0.05), style="h2"),
              Block("breadcrumb", (0.58, 0.13, 0.1, 0.03)),
              Block("card", (0.05, 0.22, 0.55, 0.7), content="form"),
              Block("card", (0.62, 0.22, 0.33, 0.7), content="summary")]
    sc = fill_blocks(blocks, "checkout page with order summary", 1920, 1080, theme)
    crumb = next(e for e in sc.elements if e.kind == "breadcrumb")
    title = next(e for e in sc.elements if e.kind == "heading")
    left = 0.05 * 1920
    assert abs(crumb.box[0] - left) < 1 and abs(title.box[0] - left) < 1
    assert crumb.box[1] + crumb.box[3] <= title.box[1] <= crumb.box[1] + crumb.box[3] + 16
    for e in sc.elements:  # nothing moved onto another block
        if e.kind == "card":
            assert title.box[1] + title.box[3] <= e.box[1]


def test_fill_shop_pricing_and_settings_follow_the_prompt(theme):
    grid = [Block("card", (0.05 + 0.3 * i, 0.3, 0.28, 0.5), content="product") for i in range(3)]
    sc = fill_blocks(grid, "shop page of handmade teapots", 1920, 1080, theme)
    names = [e.text for e in sc.walk() if e.kind == "text" and e.style == "body-strong"]
    assert len(names) == 3 and all("Teapot" in n for n in names)
    pricing = [Block("tabs", (0.3, 0.15, 0.4, 0.05)), *[Block("card", (0.05 + 0.3 * i, 0.25, 0.28, 0.4),
                                                              content="pricing") for i in range(3)],
               Block("card", (0.05, 0.7, 0.9, 0.28), content="table")]
    sc = fill_blocks(pricing, "pricing page with Starter, Team and Enterprise plans", 1920, 1080, theme)
    assert sc.elements[0].props["items"] == ["Monthly", "Yearly · save 20%"]
    plans = [next(c.text for c in e.walk() if c.kind == "heading") for e in sc.elements[1:4]]
    assert plans == ["Starter", "Team", "Enterprise"]
    table = next(e for e in sc.elements[4].walk() if e.kind == "table")
    assert table.props["columns"][0] == "Feature" and "Team" in table.props["columns"]
    assert len(_primaries(sc)) == 1
    settings = [Block("tabs", (0.2, 0.15, 0.6, 0.05)), Block("card", (0.2, 0.25, 0.6, 0.6), content="settings")]
    sc = fill_blocks(settings, "settings with General, Privacy and Integrations tabs", 1920, 1080, theme)
    assert sc.elements[0].props["items"] == ["General", "Privacy", "Integrations"]
    assert "New orders" not in _texts(sc) and "Low stock" not in _texts(sc)
    sc = fill_blocks([Block("tabs", (0.2, 0.15, 0.6, 0.05))], "account settings", 1920, 1080, theme)
    assert "Open" not in sc.elements[0].props["items"]  # a settings page's tabs, not a record list's filters


def test_onboarding_shows_the_step_the_prompt_names(theme):
    from engine.compose.domain_copy import step_of

    assert step_of("onboarding step two of four") == (2, 4) and step_of("welcome flow, step 3 of 5") == (3, 5)
    assert step_of("onboarding") == (2, 4)
    sc = _compose("welcome onboarding for a budgeting app, step one of three", "mobile")
    steps = next(e for e in sc.walk() if e.kind == "progress")
    assert len(steps.props["steps"]) == 3 and steps.props["current"] == 0
    assert "Step 1 of 3" in _texts(sc)
    blocks = [Block("text", (0.1, 0.1, 0.5, 0.02), style="label"), Block("heading", (0.1, 0.14, 0.8, 0.04), style="h2"),
              Block("progress", (0.1, 0.25, 0.8, 0.03), variant="steps"),
              *[Block("card", (0.05, 0.32 + 0.07 * i, 0.9, 0.055)) for i in range(3)]]
    sc = fill_blocks(blocks, "welcome onboarding for a budgeting app, step one of three", 430, 932, theme)
    assert sc.elements[0].text == "Step 1 of 3" and sc.elements[2].props["current"] == 0
    for card_ in sc.elements[3:]:  # short cards of a setup step are its choices, not figures
        assert any(e.kind == "radio" for e in card_.walk())


def test_fill_never_gives_two_buttons_one_label_and_a_landing_has_no_product_cards(theme):
    blocks = [Block("button", (0.1, 0.1 + 0.1 * i, 0.3, 0.06), variant="primary") for i in range(3)]
    sc = fill_blocks(blocks, "welcome onboarding for a budgeting app", 1920, 1080, theme)
    labels = [e.text for e in sc.elements]
    assert len(set(labels)) == 3 and len(_primaries(sc)) == 1
    cards = [Block("card", (0.05 + 0.3 * i, 0.5, 0.28, 0.4), content="product") for i in range(3)]
    sc = fill_blocks(cards, "landing page for a meal kit delivery service", 1920, 1080, theme)
    assert not any(e.kind == "image" and e.props.get("motif") == "product" for e in sc.walk())
    assert not any(e.kind == "text" and e.text.startswith("$") for e in sc.walk())


def test_fill_phone_payment_grows_a_short_form_card_and_keeps_a_pay_action(theme):
    blocks = [Block("heading", (0.03, 0.09, 0.5, 0.04), style="h3"),
              Block("card", (0.03, 0.16, 0.94, 0.2), content="form"),
              Block("card", (0.03, 0.38, 0.94, 0.26), content="summary"),
              Block("navbar", (0.0, 0.92, 1.0, 0.08), variant="tabbar")]
    sc = fill_blocks(blocks, "enter card details to pay for concert tickets", 430, 932, theme, device="mobile")
    form = sc.elements[1]
    fields = [e.props.get("placeholder") or e.props.get("label") for e in form.walk() if e.kind == "input"]
    assert fields == ["Name on card", "Card number", "Expiry", "CVC"]
    assert form.box[3] > 0.2 * 932 and sc.elements[2].box[1] >= form.box[1] + form.box[3]  # grew, no overlap
    assert [e.text for e in _primaries(sc)] == ["Pay now"]  # the summary is too short for it: the form pays


def test_fill_checkout_cart_card_and_one_pricing_card_listing_every_plan(theme):
    sc = fill_blocks([Block("card", (0.03, 0.5, 0.94, 0.3), content="product")], "checkout for a bike parts store",
                     430, 932, theme, device="mobile")
    assert "In your cart" in _texts(sc) and not any(e.kind == "button" and e.props.get("icon") == "plus"
                                                   for e in sc.walk())
    sc = fill_blocks([Block("card", (0.03, 0.3, 0.94, 0.45), content="pricing")],
                     "pricing page with Starter, Team and Enterprise plans", 430, 932, theme, device="mobile")
    plans = [e.text for e in sc.walk() if e.kind == "heading"]
    assert plans == ["Starter", "Team", "Enterprise"] and len(_primaries(sc)) == 1


@pytest.mark.parametrize("device", sorted(DEVICES))
def test_a_payment_for_a_booking_is_not_framed_as_a_clothing_store(theme, device):
    prompt = "payment form for a hotel booking"
    text = _texts(_compose(prompt, device))
    for word in ("Men", "Women", "Collections", "Shipping"):
        assert word not in text.split("\n"), word
    blocks = [Block("navbar", (0.0, 0.0, 1.0, 0.07)), Block("progress", (0.5, 0.1, 0.45, 0.04), variant="steps"),
              Block("breadcrumb", (0.02, 0.1, 0.3, 0.03)), Block("heading", (0.02, 0.14, 0.3, 0.05), style="h2")]
    sc = fill_blocks(blocks, prompt, 1920, 1080, theme)
    steps, crumbs = sc.elements[1], sc.elements[2]
    assert not {"Men", "Women"} & set(_texts(sc).split("\n"))
    assert "Shipping" not in steps.props["steps"] and "Hotel booking" in crumbs.props["items"]


def test_fill_settings_cards_are_sections_and_the_sidebar_marks_settings(theme):
    blocks = [Block("sidebar", (0.0, 0.0, 0.15, 1.0)),
              Block("card", (0.2, 0.2, 0.35, 0.3), content="text"), Block("card", (0.6, 0.2, 0.35, 0.3), content="kpi")]
    sc = fill_blocks(blocks, "workspace settings", 1920, 1080, theme)
    active = [e.text for e in sc.elements[0].walk() if e.kind == "list_item" and e.props.get("active")]
    assert active == ["Settings"]
    titles = [next(c.text for c in e.walk() if c.kind == "heading") for e in sc.elements[1:]]
    assert titles == ["Security", "Billing"]
    assert "Two-factor authentication" in _texts(sc) and "Visa ending 4242" in _texts(sc)


def test_fill_title_sits_on_its_subtitles_edge_and_shop_shell_is_a_shops(theme):
    blocks = [Block("sidebar", (0.0, 0.0, 0.06, 1.0)), Block("navbar", (0.06, 0.0, 0.94, 0.07)),
              Block("heading", (0.1, 0.1, 0.2, 0.05), style="h2"), Block("text", (0.08, 0.155, 0.3, 0.03), style="body"),
              Block("card", (0.08, 0.3, 0.25, 0.4), content="product")]
    sc = fill_blocks(blocks, "online shop for ceramic vases", 1366, 1024, theme, device="tablet")
    title, sub = sc.elements[2], sc.elements[3]
    assert abs(title.box[0] - sub.box[0]) < 1
    text = _texts(sc)
    assert "Search orders, customers…" not in text and "Search products" in text
    assert "Customers" not in [e.text for e in sc.elements[0].walk() if e.kind == "list_item"]


def test_fill_moves_a_breadcrumb_sampled_right_of_the_title_and_names_sections(theme):
    blocks = [Block("navbar", (0.0, 0.0, 1.0, 0.07)), Block("heading", (0.02, 0.12, 0.2, 0.05), style="h2"),
              Block("breadcrumb", (0.55, 0.18, 0.2, 0.03)), Block("card", (0.02, 0.3, 0.3, 0.5), content="product")]
    sc = fill_blocks(blocks, "shop page of handmade teapots", 1920, 1080, theme)
    crumb, title = sc.elements[2], sc.elements[1]
    assert abs(crumb.box[0] - title.box[0]) < 1 and crumb.box[1] + crumb.box[3] <= title.box[1]
    assert product_noun("checkout page for a plant nursery") == "plant"
    cards = [Block("card", (0.05 + 0.31 * i, 0.3, 0.29, 0.5), content=c) for i, c in
             enumerate(("form", "list", "settings"))]
    sc = fill_blocks(cards, "settings page with sections Account, Appearance and Language", 1920, 1080, theme)
    titles = [next(c.text for c in e.walk() if c.kind == "heading") for e in sc.elements]
    assert titles == ["Account", "Appearance", "Language"]
    pay = fill_blocks([Block("card", (0.03, 0.5, 0.94, 0.4), content="product")], "payment form for a hotel booking",
                      430, 932, theme, device="mobile")
    assert "Hotel booking" in _texts(pay) and "Linen Overshirt" not in _texts(pay)


def test_a_control_beside_a_short_form_is_not_left_on_the_column_it_is_redrawn_in():
    # a sign-up sampled with one field and a button standing right of it (the register page of the held-out set)
    blocks = [Block("card", (0.0, 0.0, 0.34, 1.0), variant="panel"), Block("heading", (0.48, 0.16, 0.17, 0.04), style="h1"),
              Block("input", (0.48, 0.28, 0.13, 0.05)), Block("button", (0.60, 0.48, 0.14, 0.045), variant="primary")]
    out = complete_form(blocks, "sign-up", "register a new team workspace account", 1920, 1080)
    controls = [b for b in out if b.kind in ("input", "button", "checkbox")]
    for a, b in itertools.combinations(controls, 2):
        ox = min(a.box[0] + a.box[2], b.box[0] + b.box[2]) - max(a.box[0], b.box[0])
        oy = min(a.box[1] + a.box[3], b.box[1] + b.box[3]) - max(a.box[1], b.box[1])
        assert ox <= 0 or oy <= 0, (a, b)
    assert sum(b.kind == "input" for b in out) == 4


def test_the_title_keeps_its_place_when_a_filter_row_holds_the_content_edge():
    from engine.compose.fill import align_title

    W, H = 430, 932  # a phone catalogue: the title sampled mid-row, chips on the content edge beside it
    px = lambda x, y, w, h: (x / W, y / H, w / W, h / H)  # noqa: E731
    blocks = [Block("navbar", px(0, 0, 430, 60)), Block("heading", px(160, 108, 96, 20), style="h3"),
              Block("breadcrumb", px(268, 108, 72, 32)), Block("badge", px(12, 108, 16, 16)),
              Block("badge", px(116, 108, 32, 16)), Block("card", px(12, 148, 404, 188))]
    out = align_title(blocks, W, H)
    title = next(b for b in out if b.kind == "heading")
    assert title.box == blocks[1].box  # not moved onto the chips
    assert not any(b.kind == "breadcrumb" for b in out)  # no room on the edge: no stray trail
