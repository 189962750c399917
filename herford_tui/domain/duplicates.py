"""Likely duplicates, found before saving.

Namesakes are real (a county has two "Thomas Müller"), so a name alone never refuses a person.
A *likely duplicate* is the same folded name at the same organisation ("Müller" = "Mueller"), or
the same e-mail address; for organisations the same folded name in the same municipality. The
form warns, the user confirms, and the confirmation travels with the save (``Confirmed``): the
store checks again under its lock, so two colleagues adding the same person at once get one
person and a message, not two.

Only a change of what makes the identity (name, organisation, e-mail; an organisation's name and
municipality) asks again: changing the phone of a person with a namesake saves at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from herford_tui.domain.fold import match_key
from herford_tui.domain.models import Organisation, Person, Record
from herford_tui.domain.snapshot import Snapshot
from herford_tui.domain.text import shorten
from herford_tui.domain.validation import Problem, ValidationError


@dataclass(frozen=True)
class Confirmed:
    """The likely duplicates a user was shown and saved anyway (by table and id)."""

    keys: frozenset[tuple[str, int]] = frozenset()
    everything: bool = False
    """For whole-file imports and merges: they bring their own namesakes and report them."""

    @classmethod
    def of(cls, records: Iterable[Record]) -> Confirmed:
        return cls(frozenset(_key(r) for r in records))

    def covers(self, record: Record) -> bool:
        return self.everything or _key(record) in self.keys


NOTHING = Confirmed()
EVERY = Confirmed(everything=True)


def _key(record: Record) -> tuple[str, int]:
    return type(record).__name__, record.id


def _person_identity(p: Person) -> tuple[str, str, int | None, str]:
    return match_key(p.given_name.strip()), match_key(p.family_name.strip()), p.organisation_id, _mail(p.email)


def _organisation_identity(o: Organisation) -> tuple[str, str]:
    return match_key(o.name.strip()), o.municipality


def _mail(text: str) -> str:
    return text.strip().casefold()


def identity_changed(snapshot: Snapshot, record: Record) -> bool:
    """True for a new record, or when its name, organisation or e-mail differ from the stored one."""
    if isinstance(record, Person):
        old_person = snapshot.persons.get(record.id)
        return old_person is None or _person_identity(old_person) != _person_identity(record)
    if isinstance(record, Organisation):
        old_org = snapshot.organisations.get(record.id)
        return old_org is None or _organisation_identity(old_org) != _organisation_identity(record)
    return False


def person_keys(person: Person) -> list[tuple[str | int | None, ...]]:
    """What a likely duplicate of ``person`` shares with it: its folded name at its organisation
    (with a family name), its e-mail address (when it has one). An erased placeholder has none.

    The one rule for "the same person": the forms warn by it, the import skips by it (a dict
    of these keys, so a large file is checked in linear time)."""
    if person.erased_on is not None:
        return []
    given, family, organisation, email = _person_identity(person)
    keys: list[tuple[str | int | None, ...]] = []
    if family:
        keys.append(("name", given, family, organisation))
    if email:
        keys.append(("email", email))
    return keys


def same_email(a: Person, b: Person) -> bool:
    """Both have the same e-mail address (case and spaces aside); an empty one matches none."""
    return bool(_mail(a.email)) and _mail(a.email) == _mail(b.email)


def organisation_key(organisation: Organisation) -> tuple[str, str]:
    """An organisation's likely duplicates share this: the folded name in the same municipality."""
    return _organisation_identity(organisation)


def person_duplicates(snapshot: Snapshot, person: Person) -> list[Person]:
    """Other persons with the same name (folded) at the same organisation, or the same e-mail."""
    keys = set(person_keys(person))
    found = [o for o in snapshot.persons.values() if o.id != person.id and keys.intersection(person_keys(o))]
    return sorted(found, key=lambda p: p.id)


def organisation_duplicates(snapshot: Snapshot, organisation: Organisation) -> list[Organisation]:
    """Other organisations with the same name (folded) in the same municipality."""
    key = organisation_key(organisation)
    return sorted(
        (o for o in snapshot.organisations.values() if o.id != organisation.id and organisation_key(o) == key),
        key=lambda o: o.id,
    )


def likely_duplicates(snapshot: Snapshot, record: Record) -> list[Record]:
    """The likely duplicates to warn about when ``record`` is saved: none when its identity did
    not change (a phone number edit), none for an erased placeholder or another kind of record."""
    if not identity_changed(snapshot, record):
        return []
    if isinstance(record, Person):
        return [] if record.erased_on is not None else list(person_duplicates(snapshot, record))
    if isinstance(record, Organisation):
        return list(organisation_duplicates(snapshot, record))
    return []


def duplicate_warning(snapshot: Snapshot, record: Record, twins: list[Record] | None = None) -> str | None:
    """ "Möglicherweise doppelt: …" naming each likely duplicate, or None."""
    twins = likely_duplicates(snapshot, record) if twins is None else twins
    if not twins:
        return None
    names = "; ".join(_describe(snapshot, twin, record) for twin in twins)
    return f"Möglicherweise doppelt: {names}. Nochmals Strg+S speichert trotzdem."


class LikelyDuplicateError(ValidationError):
    """The store refused a likely duplicate the user had not confirmed; ``twins`` are the records
    to show (and to confirm with the next save)."""

    def __init__(self, problems: list[Problem], twins: list[Record]):
        super().__init__(problems)
        self.twins = twins


def check_confirmed(snapshot: Snapshot, record: Record, confirmed: Confirmed) -> None:
    """The store's check under the lock: a likely duplicate the user has not confirmed refuses
    (``LikelyDuplicateError``)."""
    if confirmed.everything:
        return
    twins = [t for t in likely_duplicates(snapshot, record) if not confirmed.covers(t)]
    if not twins:
        return
    names = "; ".join(_describe(snapshot, twin, record) for twin in twins)
    field = "name" if isinstance(record, Organisation) else "family_name"
    message = (
        f"Möglicherweise doppelt: {names}. Bitte prüfen; ist es eine andere "
        f"{'Organisation' if field == 'name' else 'Person'}, nochmals speichern."
    )
    raise LikelyDuplicateError([Problem(field, message)], twins)


def person_warning(snapshot: Snapshot, person: Person) -> str | None:
    return duplicate_warning(snapshot, person)


def organisation_warning(snapshot: Snapshot, organisation: Organisation) -> str | None:
    return duplicate_warning(snapshot, organisation)


def _describe(snapshot: Snapshot, twin: Record, new: Record) -> str:
    if isinstance(twin, Organisation):
        return f"„{shorten(twin.name, 80)}“ ({twin.municipality}, Nr. {twin.id})"
    assert isinstance(twin, Person) and isinstance(new, Person)
    org = snapshot.organisations.get(twin.organisation_id) if twin.organisation_id else None
    why = "gleiche E-Mail" if same_email(twin, new) else "gleicher Name"
    return f"„{shorten(twin.full_name, 80)}“ ({why}{', ' + shorten(org.name, 80) if org else ''}, Nr. {twin.id})"
