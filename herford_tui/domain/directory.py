"""The directory: organisation types in their defined order, facet filters, hit counts.

Filtering folds umlauts on both sides (``fold.match_key``): "Bunde" finds Bünde, "Mueller"
finds Müller. Every typed word must start a word of the name, the municipality, the type or
the school form, so "Bünde Schule" finds the Gymnasium and the Berufskolleg in Bünde and not
the Musikschule.
Results are sorted as a German reader expects (``fold.sort_key``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from herford_tui.domain.fold import match_key, name_sort_key, sort_key
from herford_tui.domain.labels import ORG_TYPE, number
from herford_tui.domain.models import KREISWEIT, MUNICIPALITIES, Organisation, OrgType, Person
from herford_tui.domain.snapshot import Snapshot
from herford_tui.domain.text import searchable

ORG_TYPES: tuple[OrgType, ...] = (
    OrgType.SCHULE,
    OrgType.KITA,
    OrgType.VHS,
    OrgType.WEITERBILDUNGSTRAEGER,
    OrgType.BILDUNGSTRAEGER,
    OrgType.AUSSERSCHULISCH,
    OrgType.ARBEITSVERWALTUNG,
    OrgType.KAMMER,
    OrgType.WIRTSCHAFT,
    OrgType.ARBEITGEBERVERBAND,
    OrgType.GEWERKSCHAFT,
    OrgType.VERBAND,
    OrgType.SCHULTRAEGER,
    OrgType.SCHULAUFSICHT,
    OrgType.JUGENDHILFE,
    OrgType.INTEGRATION,
    OrgType.VERWALTUNG,
    OrgType.POLITIK,
    OrgType.SPORT,
    OrgType.KIRCHE,
    OrgType.ELTERN_SCHUELER,
    OrgType.SONSTIGE,
)
"""Every organisation type, in the order the pickers and the type filter offer them."""

SCHOOL_FORMS: tuple[str, ...] = (
    "Grundschule",
    "Hauptschule",
    "Realschule",
    "Sekundarschule",
    "Gesamtschule",
    "Gymnasium",
    "Förderschule",
    "Berufskolleg",
    "Weiterbildungskolleg",
    "Musikschule",
)
PLACES: tuple[str, ...] = (KREISWEIT, *sorted(MUNICIPALITIES, key=sort_key))
"""The municipality filter: district-wide first, then the nine towns in German order."""


@dataclass(frozen=True)
class Facets:
    """The directory's filter: a text, an organisation type, a municipality."""

    text: str = ""
    type: OrgType | None = None
    municipality: str | None = None


def type_label(org: Organisation) -> str:
    label = ORG_TYPE.get(org.type, str(org.type))
    return f"{label} ({org.school_form})" if org.school_form else label


def _words(text: str) -> list[str]:
    """The folded words of a text, hidden characters taken out as the search does (``searchable``)."""
    return [w for w in re.split(r"\W+", match_key(searchable(text))) if w]


def _matches(haystack: str, words: list[str]) -> bool:
    """Every typed word starts a word of ``haystack``: "schule" finds the Schule in Bünde,
    not the Musikschule."""
    starts = _words(haystack)
    return all(any(s.startswith(w) for s in starts) for w in words)


def filter_organisations(snapshot: Snapshot, facets: Facets) -> list[Organisation]:
    """In German order (the snapshot's sorted list, kept by the filter: no sort per key)."""
    words = _words(facets.text)
    if not words and facets.type is None and facets.municipality is None:
        return list(snapshot.organisations_in_order)  # nothing to match: no folding of every name
    return [
        o
        for o in snapshot.organisations_in_order
        if (facets.type is None or o.type is facets.type)
        and (facets.municipality is None or o.municipality == facets.municipality)
        and (not words or _matches(f"{o.name} {o.municipality} {type_label(o)} {o.postal_code}", words))
    ]


def filter_persons(snapshot: Snapshot, facets: Facets) -> list[Person]:
    """Persons by name, function, e-mail or organisation; the facets apply to their organisation."""
    words = _words(facets.text)
    if not words and facets.type is None and facets.municipality is None:
        return list(snapshot.persons_in_order)  # nothing to match: no folding of every name
    found = []
    for p in snapshot.persons_in_order:
        org = snapshot.organisations.get(p.organisation_id) if p.organisation_id else None
        if facets.type is not None and (org is None or org.type is not facets.type):
            continue
        if facets.municipality is not None and (org is None or org.municipality != facets.municipality):
            continue
        if not words or _matches(f"{p.full_name} {p.function} {p.email} {org.name if org else ''}", words):
            found.append(p)
    return found


def person_sort_key(p: Person) -> tuple[str, str, int]:
    """Every list of persons sorts by this (``fold.name_sort_key``; the id keeps namesakes stable)."""
    return (*name_sort_key(p.family_name, p.given_name), p.id)  # as ``Snapshot.persons_in_order``


def person_choices(snapshot: Snapshot, person_ids: Sequence[int], *, organisation: bool = False) -> list[str]:
    """The names of persons offered in one choice ("Zuständig", "Wer", a form's person search):
    namesakes (Müller = Mueller) carry their organisation and number, so two "Thomas Müller",
    even at one school, never read the same and nobody picks by guessing. ``organisation``:
    everybody's organisation is shown (a search across the whole directory)."""
    persons = [snapshot.persons.get(pid) for pid in person_ids]
    names = [snapshot.person_name(pid) for pid in person_ids]
    counts = Counter(match_key(name) for name in names)
    labels: list[str] = []
    for pid, person, name in zip(person_ids, persons, names, strict=True):
        org = snapshot.organisations.get(person.organisation_id) if person and person.organisation_id else None
        namesake = counts[match_key(name)] > 1
        parts = [org.name] if org and (namesake or organisation) else []
        parts += [f"Nr. {pid}"] if namesake else []
        labels.append(f"{name} ({', '.join(parts)})" if parts else name)
    return labels


def person_named(snapshot: Snapshot, person_id: int | None) -> str:
    """A person's name as ``person_choices`` shows it among everybody: with organisation and
    number if another person bears the name (the one asked about before an erasure, an agenda
    item's "Zuständig", a task's "Wer"); "" for no person."""
    if person_id is None:
        return ""
    key = match_key(snapshot.person_name(person_id))
    person = snapshot.person(person_id)
    # The name index when it can (erased persons are not in it: they share one placeholder).
    indexed = person is not None and person.erased_on is None
    others = snapshot.namesakes(person) if person is not None and indexed else snapshot.persons.values()
    namesakes = [p.id for p in others if p.id != person_id and match_key(p.full_name) == key]
    return person_choices(snapshot, [person_id, *namesakes[:1]])[0]


def count_text(n: int, one: str, many: str) -> str:
    """ "1 Organisation", "18 Organisationen" (German digit grouping above 999)."""
    return f"{number(n)} {one if n == 1 else many}"
