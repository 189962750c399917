"""Text keys for matching and sorting as a German reader expects.

``match_key`` makes "Müller", "Mueller" and "muller" the same key, and "Straße" the same as
"strasse": umlauts, accents, case and the transcriptions ae/oe/ue are folded away, on both
the stored and the typed side. ``sort_key`` sorts as in a German telephone book (DIN 5007-1):
Ö with O, ß as ss, without regard to case.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TRANSCRIPTIONS = (("ae", "a"), ("oe", "o"), ("ue", "u"))


def _strip_accents(text: str) -> str:
    text = text.casefold()  # casefold also turns ß into ss
    if text.isascii():
        return text  # nothing to decompose: most names and titles
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed  # no combining mark left to drop
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def match_key(text: str) -> str:
    """The key two spellings of the same name share (for search and duplicate checks)."""
    key = _strip_accents(text)
    for written, folded in _TRANSCRIPTIONS:
        key = key.replace(written, folded)
    return key


def slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by single hyphens ("Schulamt für den Kreis" →
    "schulamt-fur-den-kreis", "Straße" → "strasse"): the one rule for a new seat's key, the
    TUI's view names and the committee part of file names. Empty when nothing is left."""
    return re.sub(r"[^a-z0-9]+", "-", _strip_accents(text)).strip("-")


@lru_cache(maxsize=65536)
def sort_key(text: str) -> str:
    """A key for sorting German names: Özdemir between Otto and Peters, not after Weber."""
    return _strip_accents(text)


def name_sort_key(family_name: str, given_name: str) -> tuple[str, str]:
    """The one order of persons everywhere: family name, then given name, as in a telephone
    book ("Jana Schäfer" before "Leonie Schwarz", "Anna Müller" before "Bernd Müller").
    Sorting the whole "Family, Given" string instead would let the comma and the given name
    compete with longer family names ("Schäfer, Jana" against "Schäferling")."""
    return (sort_key(family_name.strip()), sort_key(given_name.strip()))
