"""Limits that keep ingest bounded in time and memory, whatever a folder's files hold.

Each limit guards against a small file that asks for a large amount of work: aliases that
multiply a string at every level, ``$extends`` or resolver sets that reference the previous
level twice, YAML anchors aliased thousands of times, SVG patterns that nest patterns, PDF
pages that draw millions of paths. A file past a limit is refused: it is reported in the
ingest result's ``failed`` list with a one-line reason naming the limit, and the rest of the
folder is still ingested. The README's "Limits" section lists the same values.
"""

from __future__ import annotations

MAX_VALUE_CHARS = 262_144
"""Characters one token value may hold, as written or once its references are substituted
(a composite value counts the characters of its members and keys). Past it the file is
refused; this bounds alias amplification (``"{a} {a} {a} …"`` over several levels) and the
scanning of values for arithmetic and code."""

MAX_FILE_VALUE_CHARS = 32 * 1024 * 1024
"""Characters the resolved values of one file's tokens may hold together, counted as for
`MAX_VALUE_CHARS` (a token that aliases a large composite value counts that value again).
Past it the file is refused; this bounds many aliases of one large value."""

MAX_TOKENS = 200_000
"""Tokens and groups one token document may hold once group ``$extends`` and resolver set
references are expanded (a group or set counts again each time it is inherited or listed).
Past it the document is refused; this bounds ``$extends`` and set fan-out."""

MAX_LAYERS = 1_000
"""Sources (files, inline token groups and set references) one resolver document may expand
to, counting a set each time another set or the resolution order lists it. Past it the
resolver document is refused."""

MAX_YAML_CHARS = 20 * 1024 * 1024
"""Characters of keys and scalars a YAML token file may expand to once its aliases are
followed (an anchor aliased N times counts N times). Past it the file is refused as an
alias bomb; the node count is limited separately (``MAX_YAML_NODES`` in
`ingest.tokens.load`)."""

MAX_SVG_RENDER_NODES = 50_000
"""Elements an SVG may draw once every ``<use>``, ``href``, pattern, marker, mask, clip-path
and filter reference is expanded (a marker counts once per vertex of the path that carries
it). Past it the SVG is refused rather than rasterised."""

MAX_PDF_PAGE_PATHS = 100_000
"""Vector paths (fill, stroke and clip operations) one PDF page may draw, counted by MuPDF
while MuPDF interprets the page, before any path is built (counting stops at the limit, so
the check itself is bounded). Past it the PDF is refused, naming the page."""
