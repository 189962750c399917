"""Finding a committee by what a user types: the one lookup of the CLI (``--gremium``) and the
TUI (``--open``, the jump by name).

Id, name or short name; case, umlauts (Mueller = Müller), spaces and punctuation do not
matter, so ``lenkungskreis``, ``Lenkungs-Kreis`` and the tab slug ``arbeitskreis-3`` all find
theirs. Otherwise the beginning of one name is enough; two or more beginnings are not.
"""

from __future__ import annotations

from collections.abc import Iterable

from herford_tui.domain.fold import match_key
from herford_tui.domain.models import Committee
from herford_tui.domain.snapshot import Snapshot


class UnknownCommittee(ValueError):
    """No committee, or more than one, fits ``name``; the message is German and names the choices."""

    def __init__(self, name: str, known: list[Committee]):
        self.name = name
        self.known = known
        names = ", ".join(sorted(c.name for c in known))
        super().__init__(f"Unbekanntes Gremium „{name}“. Möglich sind: {names}.")


def name_key(text: str) -> str:
    """The key a typed name and a stored name share: folded, letters and digits only."""
    return "".join(ch for ch in match_key(text) if ch.isalnum())


def find_committee(snapshot: Snapshot, name: str, among: Iterable[Committee] | None = None) -> Committee:
    """The committee ``name`` means, among ``among`` (default: every committee, archived too).

    Raises ``UnknownCommittee`` naming the active committees when none or several fit.
    """
    pool = list(snapshot.committees.values() if among is None else among)
    typed = name.strip()
    wanted = name_key(typed)
    for c in pool:
        if typed == str(c.id) or (wanted and wanted in (name_key(c.name), name_key(c.short_name))):
            return c
    candidates = [c for c in pool if wanted and name_key(c.name).startswith(wanted)]
    if len(candidates) == 1:
        return candidates[0]
    raise UnknownCommittee(name, snapshot.active_committees())
