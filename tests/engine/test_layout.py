"""The flex layout engine against boxes computed by hand (spacing scale 4, 8, 12, 16, 24, 32…)."""

from __future__ import annotations

import pytest

from engine.layout.flex import Layout, Node, col, fill, fixed, hug, row, to_elements

SCALE = [4, 8, 12, 16, 24, 32, 48, 64]


def lay() -> Layout:
    # font-free text: every character is 10 px wide, every line 20 px high
    def measure(text, style, width, max_lines):
        w = 10.0 * len(text)
        if width is None or w <= width:
            return w, 20.0
        per_line = max(1, int(width // 10))
        lines = min(max_lines, -(-len(text) // per_line))
        return float(min(w, per_line * 10)), 20.0 * lines

    return Layout(SCALE, 4.0, measure)


def boxes(root: Node) -> dict[str, tuple]:
    return {e.id: e.box for top in to_elements(root) for e in top.walk()}


def leaf(name, w=None, h=None, **kw) -> Node:
    return Node(name=name, kind="card", width=w or fill(), height=h or fill(), **kw)


def test_steps_resolve_through_the_spacing_scale():
    L = lay()
    assert [L.step(i) for i in range(8)] == [0, 4, 8, 12, 16, 24, 32, 48]
    # a coarser system: each step takes the system's nearest value
    coarse = Layout([8, 16, 32, 64], 8.0)
    assert [coarse.step(i) for i in range(1, 7)] == [8, 8, 8, 16, 16, 32]


def test_row_fixed_and_fills_share_by_grow():
    # inner width 400 - 2*24 = 352; gaps 2*16; free for fills = 352 - 32 - 100 = 220 → 73.3 / 146.7
    r = row(leaf("a", fixed(100)), leaf("b", fill()), leaf("c", fill(2)), name="p", kind="card", gap=4, padding=5)
    lay().run(r, 400, 200)
    b = boxes(r)
    assert b["p/a"] == (24, 24, 100, 152)
    assert b["p/b"] == (140, 24, 72, 152)  # 140 + 73.3 snaps to 212
    assert b["p/c"] == (228, 24, 148, 152)  # 229.3 snaps to 228, its end 376 stays on the grid


def test_fill_respects_min_and_max():
    r = row(leaf("a", fill(max=48)), leaf("b", fill()), name="p", kind="card")
    lay().run(r, 300, 40)
    b = boxes(r)
    assert b["p/a"] == (0, 0, 48, 40) and b["p/b"] == (48, 0, 252, 40)
    r = row(leaf("a", fill(min=200)), leaf("b", fill()), name="p", kind="card")
    lay().run(r, 300, 40)
    b = boxes(r)
    assert b["p/a"][2] == 200 and b["p/b"] == (200, 0, 100, 40)


def test_column_hug_text_and_justify():
    c = col(Node(name="t", kind="text", text="Hello", width=hug(), height=hug()),
            Node(name="u", kind="text", text="Hi", width=hug(), height=hug()),
            name="p", kind="card", gap=2, align="start", justify="end", width=fill(), height=fill())
    lay().run(c, 200, 100)
    b = boxes(c)
    # content 20 + 8 + 20 = 48, pushed to the end of 100
    assert b["p/t"] == (0, 52, 50, 20)
    assert b["p/u"] == (0, 80, 20, 20)


@pytest.mark.parametrize("align,x", [("start", 0), ("center", 80), ("end", 160)])
def test_cross_alignment(align, x):
    c = col(leaf("a", fixed(40), fixed(20)), name="p", kind="card", align=align, width=fill(), height=fill())
    lay().run(c, 200, 100)
    assert boxes(c)["p/a"] == (x, 0, 40, 20)


def test_space_between_and_center():
    r = row(leaf("a", fixed(40)), leaf("b", fixed(40)), leaf("c", fixed(40)), name="p", kind="card",
            justify="space-between")
    lay().run(r, 200, 20)
    b = boxes(r)
    assert [b[f"p/{k}"][0] for k in "abc"] == [0, 80, 160]
    r = row(leaf("a", fixed(40)), leaf("b", fixed(40)), name="p", kind="card", justify="center", gap=4)
    lay().run(r, 200, 20)
    b = boxes(r)
    assert b["p/a"][0] == 52 and b["p/b"][0] == 108  # 40 + 16 + 40 = 96, centred: (200 - 96) / 2 = 52

def test_wrapped_text_grows_its_hug_parent():
    c = col(Node(name="t", kind="text", text="x" * 25, max_lines=3, width=fill(), height=hug()),
            name="p", kind="card", padding=1, width=fixed(108), height=hug())
    L = lay()
    # inner width 100 → 10 chars a line → 3 lines of 20 px, plus 4 px padding each side
    assert L.hug_h(c, 108) == 68
    L.run(c, 108, L.hug_h(c, 108))
    assert boxes(c)["p/t"] == (4, 4, 100, 60)


def test_overflow_drop_leaves_out_what_does_not_fit():
    c = col(*[leaf(f"i{i}", fill(), fixed(30)) for i in range(5)], name="p", kind="card", gap=2,
            overflow="drop", width=fill(), height=fill())
    lay().run(c, 100, 100)
    ids = set(boxes(c))
    # 30 + 8 + 30 + 8 = 76; a third row needs 114 > 100
    assert ids == {"p", "p/i0", "p/i1"}


def test_ids_are_paths_and_unique():
    r = row(*[Node(name="nav-item", kind="list_item", width=fixed(10), height=fixed(10)) for _ in range(3)],
            name="sidebar", kind="sidebar")
    page = col(r, name="page", width=fill(), height=fill())
    lay().run(page, 100, 100)
    assert [e.id for e in to_elements(page)[0].walk()] == [
        "page/sidebar", "page/sidebar/nav-item", "page/sidebar/nav-item-2", "page/sidebar/nav-item-3"]


def test_positions_snap_to_the_unit():
    r = row(leaf("a", fill()), leaf("b", fill()), leaf("c", fill()), name="p", kind="card", gap=1)
    lay().run(r, 301, 30)
    for x, y, w, h in boxes(r).values():
        assert x % 4 == 0 and y % 4 == 0


def test_fill_held_at_its_max_leaves_space_for_justify():
    r = row(leaf("a", fixed(40)), leaf("b", fill(max=60)), name="p", kind="card", justify="space-between")
    lay().run(r, 200, 20)
    b = boxes(r)
    assert b["p/a"][0] == 0 and b["p/b"] == (140, 0, 60, 20)


def test_hug_children_shrink_when_the_line_is_too_short():
    r = row(Node(name="a", kind="text", text="x" * 12, width=hug(), height=fixed(20)),
            Node(name="b", kind="badge", text="y" * 6, width=hug(), height=fixed(20)),
            Node(name="c", kind="icon", width=fixed(20), height=fixed(20)), name="p", kind="card")
    lay().run(r, 140, 20)
    b = boxes(r)
    # hug widths 120 + 60 + fixed 20 = 200 in 140: the 60 px over come off the hugs 2:1 (40 and 20)
    assert b["p/a"][2] == 80 and b["p/b"] == (80, 0, 40, 20) and b["p/c"] == (120, 0, 20, 20)
