"""Checks of an HTML export: it parses cleanly, uses only known elements, and names its controls.

`html_problems(doc)` parses the page with html5lib (the HTML5 parsing algorithm browsers use)
and lists every parse error, every element that is not an HTML element (SVG and MathML
content aside), and every button, input, select or link without an accessible name (its
text, ``aria-label``, ``aria-labelledby``, a ``<label for>`` or a wrapping ``<label>``).
"""

from __future__ import annotations

#: The HTML elements of the living standard (the export uses a handful of them).
HTML_ELEMENTS = frozenset("""a abbr address area article aside audio b base bdi bdo blockquote body br button canvas
caption cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure
footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link main map mark
menu meta meter nav noscript object ol optgroup option output p picture pre progress q rp rt ruby s samp script search
section select slot small source span strong style sub summary sup table tbody td template textarea tfoot th thead
time title tr track u ul var video wbr""".split())

_XHTML = "http://www.w3.org/1999/xhtml"
_CONTROLS = ("button", "input", "select", "textarea", "a")


def html_problems(doc: str) -> list[str]:
    """One line per problem; an empty list for a valid, named page."""
    import html5lib

    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=True)
    root = parser.parse(doc)
    out = [f"line {pos[0]}, column {pos[1]}: parse error {code}" + (f" {data}" if data else "")
           for pos, code, data in parser.errors]
    parent = {c: p for p in root.iter() for c in p}
    ids = {el.get("id"): el for el in root.iter() if el.get("id")}
    labelled = {el.get("for") for el in root.iter() if _local(el.tag) == "label" and el.get("for")}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        ns, name = _split(el.tag)
        if ns == _XHTML and name not in HTML_ELEMENTS:
            out.append(f"unknown element <{name}>")
        if ns == _XHTML and name in _CONTROLS:
            if name == "input" and el.get("type") == "hidden":
                continue
            if not _named(el, parent, ids, labelled):
                out.append(f"<{name}{' id=' + el.get('id') if el.get('id') else ''}> has no accessible name")
    return out


def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        ns, _, name = tag[1:].partition("}")
        return ns, name
    return _XHTML, tag


def _local(tag) -> str:
    return _split(tag)[1] if isinstance(tag, str) else ""


def _text(el) -> str:
    return "".join(el.itertext()).strip()


def _named(el, parent, ids, labelled) -> bool:
    if (el.get("aria-label") or "").strip():
        return True
    if any(i in ids and _text(ids[i]) for i in (el.get("aria-labelledby") or "").split()):
        return True
    if el.get("id") and el.get("id") in labelled:
        return True
    p = parent.get(el)
    while p is not None:
        if _local(p.tag) == "label" and _text(p):
            return True
        p = parent.get(p)
    name = _local(el.tag)
    if name in ("button", "a", "select") and _text(el):
        return True
    return name == "input" and bool((el.get("placeholder") or "").strip()) and False
