"""Build the sample design systems' example screens and brand-guideline PDFs from their tokens.

    python scripts/build_samples.py            # all four systems
    python scripts/build_samples.py grove      # one system

Writes, for each system under sample_design_systems/<name>/: screens/{dashboard,sign-in,list}.svg
and .png (1440×900) and guidelines.pdf. Re-running gives the same files.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_guides import build_guides  # noqa: E402
from build_screens import build_screens  # noqa: E402
from sample_brands import LOADERS, SampleError, load_all  # noqa: E402


def main(argv: list[str]) -> int:
    unknown = sorted(set(argv) - set(LOADERS))
    if unknown:
        print(f"unknown sample system(s): {', '.join(unknown)}; available: {', '.join(LOADERS)}", file=sys.stderr)
        return 2
    try:
        brands = load_all(argv or None)
        written = build_screens(brands) + build_guides(brands)
    except (SampleError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    root = Path(__file__).resolve().parents[1]
    for p in written:
        print(f"{p.relative_to(root)}  {p.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
