"""Column widths that use the terminal's width: as wide as the content, the widest cut first."""

from __future__ import annotations

from collections.abc import Sequence

PADDING = 2
"""DataTable pads every cell by one column on each side."""


def fit_widths(
    headers: Sequence[str], rows: Sequence[Sequence[str]], width: int, minimum: int = 5, keep: Sequence[int] = ()
) -> list[int]:
    """Widths for ``headers`` so the table fits ``width``: each column as wide as its longest
    entry; when that is too wide, the widest column gives up a character until it fits
    (never below its header or ``minimum``; columns in ``keep``, such as dates, not at all).
    Room left over goes to the first column."""
    natural = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row[: len(headers)]):
            natural[i] = max(natural[i], len(cell))
    floor = [max(minimum, len(h)) for h in headers]
    for i in keep:
        floor[i] = max(floor[i], natural[i])
    widths = [max(n, f) for n, f in zip(natural, floor, strict=True)]
    room = width - PADDING * len(headers) - 2  # 2: the scrollbar and a margin
    excess = sum(widths) - room
    while excess > 0:
        cuttable = [i for i, w in enumerate(widths) if w > floor[i]]
        if not cuttable:
            break
        widest = max(cuttable, key=lambda i: widths[i])
        # cut the widest down to the next widest in one step (or as much as needed)
        others = [widths[i] for i in cuttable if i != widest] or [floor[widest]]
        step = max(1, min(excess, widths[widest] - max(max(others), floor[widest])))
        widths[widest] -= step
        excess -= step
    if excess < 0 and widths:
        widths[0] += -excess
    return widths
