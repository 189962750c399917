"""Which columns a table shows at a width, and how wide: pure functions of plain strings.

A column is either text that may be shortened with "…" (a name, a function) or a fact that
is shown whole or not at all (a date, a period, a phone number, an e-mail address: "seit
15.02.2" or "0123 789-10" would be wrong, not short). When the room is too small, columns are
dropped by priority (the highest number first) instead of cut; what was dropped is spelled
out for the highlighted row by ``dropped_text`` (the view's detail line).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len

PADDING = 2
"""A table pads every cell by one column on each side."""
RESERVE = 2
"""The scrollbar and a margin."""


@dataclass(frozen=True)
class Column:
    """A table column as ``plan_columns`` fits it: its label and how it gives way."""

    label: str
    priority: int = 0
    """0: always shown; otherwise the highest number is dropped first."""
    whole: bool = False
    """A date, period, phone number or e-mail address: never shortened, dropped instead."""
    minimum: int = 8
    """A text column is not shortened below this (nor below its label)."""
    spare: bool = False
    """Shortened only when no other text column can be: what a row is about (the committee of a
    person's membership: "Arbeitskreis Übergang…" twice told nothing)."""
    readable: int = 0
    """Below this width (or its whole text, if shorter) the ``extra`` columns give way first."""
    extra: bool = False
    """Shown only with room to spare: dropped before a column is cut below its ``readable``
    width (the roster's seat read "Leitung der…" twice at 120 columns beside the person's own
    organisation, which the detail line names anyway)."""


@dataclass(frozen=True)
class Plan:
    """Which columns a table shows at a width, and how wide."""

    shown: tuple[int, ...]
    """Indexes of the columns shown, in their order."""
    widths: tuple[int, ...]
    """The width of each shown column (without padding)."""
    dropped: tuple[int, ...]
    """Indexes of the columns left out, for the detail line."""


def text_width(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def natural_widths(columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> list[int]:
    """Each column as wide as its label and its longest entry (x10: 30,000 rows, so the
    lengths are taken in C; only text beyond ASCII is measured in terminal cells)."""
    natural = [text_width(c.label) for c in columns]
    for i in range(len(columns)):
        cells = [row[i] if i < len(row) else "" for row in rows]
        longest = max(map(len, cells), default=0)
        if not "".join(cells).isascii():  # umlauts are one cell, but CJK and emoji two
            longest = max(longest, *(cell_len(c) for c in cells if not c.isascii()))
        natural[i] = max(natural[i], longest)
    return natural


def plan_columns(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> Plan:
    """The columns that fit ``width``: whole facts at their full width, text shortened to its
    minimum at most, the rest dropped by priority. Room left over goes to the text columns
    that were shortened (the first one first), else to the first text column."""
    return plan_from_natural(columns, natural_widths(columns, rows), width)


def plan_from_natural(columns: Sequence[Column], natural: Sequence[int], width: int) -> Plan:
    left_out: set[int] = set()
    while True:
        plan = _plan(columns, natural, width, left_out)
        starved = any(
            columns[i].readable and w < min(natural[i], columns[i].readable)
            for i, w in zip(plan.shown, plan.widths, strict=True)
        )
        extras = [i for i in plan.shown if columns[i].extra]
        if not starved or not extras:
            return plan
        left_out.add(max(extras, key=lambda i: (columns[i].priority, i)))


def _plan(columns: Sequence[Column], natural: Sequence[int], width: int, left_out: set[int]) -> Plan:
    room = width - RESERVE
    floor = [
        n if c.whole else min(n, max(c.minimum, text_width(c.label))) for c, n in zip(columns, natural, strict=True)
    ]
    shown = [i for i in range(len(columns)) if i not in left_out]

    def needed(indexes: list[int]) -> int:
        return sum(floor[i] + PADDING for i in indexes)

    while needed(shown) > room:
        droppable = [i for i in shown if columns[i].priority > 0]
        if not droppable:
            break
        shown.remove(max(droppable, key=lambda i: (columns[i].priority, i)))
    widths = {i: natural[i] for i in shown}
    excess = sum(widths.values()) + PADDING * len(shown) - room
    while excess > 0:  # shorten the widest text column, down to the next widest, until it fits
        cuttable = [i for i in shown if widths[i] > floor[i]]
        if not cuttable:
            break
        cuttable = [i for i in cuttable if not columns[i].spare] or cuttable
        widest = max(cuttable, key=lambda i: widths[i])
        others = [widths[i] for i in cuttable if i != widest]
        step = max(1, min(excess, widths[widest] - max([*others, floor[widest]])))
        widths[widest] -= step
        excess -= step
    if excess < 0:
        texts = [i for i in shown if not columns[i].whole] or shown
        if texts:
            widths[texts[0]] += -excess
    dropped = tuple(i for i in range(len(columns)) if i not in widths)
    return Plan(tuple(shown), tuple(widths[i] for i in shown), dropped)


def dropped_text(columns: Sequence[Column], plan: Plan, row: Sequence[str]) -> str:
    """ "Telefon: 05221 13-1234 · E-Mail: info@example.org": the row's values that are not shown."""
    parts = [f"{columns[i].label}: {row[i]}" for i in plan.dropped if i < len(row) and row[i]]
    return " · ".join(parts)


def pick(row: Sequence[str], plan: Plan) -> tuple[str, ...]:
    """The cells of ``row`` that the plan shows."""
    return tuple(row[i] if i < len(row) else "" for i in plan.shown)


ZERO_WIDTH_JOINER = "\u200d"

TAB_PADDING = 2
"""A tab pads its label by one column on each side."""
TAB_MINIMUM = 5
"""A tab's label is not shortened below this many cells ("Orga…"): still a word to recognise."""


def fit_labels(labels: Sequence[str], width: int, mark: str = "…") -> list[str]:
    """Tab labels that fit a row ``width`` wide: whole if they fit, else the longest shortened
    with "…" first (down to ``TAB_MINIMUM``), so every tab stays visible as a tab. If even that
    is too wide the row scrolls (``ui/common/tabs.py`` marks the hidden side)."""
    natural = [text_width(label) for label in labels]
    widths = list(natural)
    floor = [min(n, TAB_MINIMUM) for n in natural]
    excess = sum(widths) + TAB_PADDING * len(widths) - width
    while excess > 0:  # shorten the widest label (the rightmost of equals) one cell at a time
        cuttable = [i for i, w in enumerate(widths) if w > floor[i]]
        if not cuttable:
            break
        widest = max(cuttable, key=lambda i: (widths[i], i))
        widths[widest] -= 1
        excess -= 1
    return [label if w >= n else shorten(label, w, mark) for label, w, n in zip(labels, widths, natural, strict=True)]


def shorten(text: str, width: int, mark: str = "…") -> str:
    """``text`` cut to at most ``width`` cells, ending in ``mark`` ("..." on an ASCII terminal).

    The cut is measured as a whole, as ``text_width`` measures the label: a character's width
    depends on its neighbours ("❤" is one cell, "❤" with the emoji selector U+FE0F two, a family
    joined by U+200D two for three characters), so a sum over single characters cut
    "❤️❤️❤️❤️❤️❤️" (12 cells) to 13 cells with the mark instead of at most ``width``."""
    room = width - text_width(mark)
    if text.isascii():
        cut = text[: max(room, 0)]
    else:
        end = 0
        while end < len(text) and text_width(text[: end + 1]) <= room:
            end += 1
        cut = text[:end]
    while cut and (cut[-1].isspace() or cut[-1] == ZERO_WIDTH_JOINER):  # a joiner would swallow the mark
        cut = cut[:-1]
    return cut + mark
