"""Finding a committee by what a user types: the one lookup of the CLI (``--gremium``) and the
TUI (``--open``, the jump by name).

Id, name or the label the app shows for it (``committee_label``: the tab, the year overview's
rows, "AK 1"); case, umlauts (Mueller = Müller), spaces and punctuation do not
matter, so ``lenkungskreis``, ``Lenkungs-Kreis`` and the tab slug ``arbeitskreis-3`` all find
theirs. Otherwise a part of one name is enough (``committees_matching``, the same rule as the
TUI's committee list: "Übergänge" or "ubergange" finds "AK 3 – Übergänge Kita–Schule"); a
beginning that only one name has wins over parts inside others. A part that several names
share is refused, naming them (``AmbiguousCommittee``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, time

from herford_tui.domain.fold import match_key
from herford_tui.domain.models import Committee, Meeting
from herford_tui.domain.snapshot import Snapshot


class UnknownCommittee(ValueError):
    """No committee, or more than one, fits ``name``; the message is German and names the choices."""

    def __init__(self, name: str, known: list[Committee], message: str | None = None):
        self.name = name
        self.known = known
        names = ", ".join(sorted(_named(c) for c in known))
        super().__init__(message or f"Unbekanntes Gremium „{name}“. Möglich sind: {names}.")


class AmbiguousCommittee(UnknownCommittee):
    """A part of a name that several committees share; the German message lists them (with their
    numbers, which always tell them apart)."""

    def __init__(self, name: str, candidates: list[Committee]):
        choices = ", ".join(_choice(c) for c in candidates)
        message = f"„{name}“ passt auf mehrere Gremien: {choices}. Bitte den Namen genauer oder die Nummer angeben."
        super().__init__(name, candidates, message)


def _choice(committee: Committee) -> str:
    """„Arbeitskreis 1“ (AK 1, Nr. 2): the name quoted, so that brackets or commas in it stay its own."""
    label = committee_label(committee)
    also = "" if name_key(label) == name_key(committee.name) else f"{label}, "
    return f"„{committee.name}“ ({also}Nr. {committee.id})"


def committee_label(committee: Committee) -> str:
    """What the app shows for a committee where room is short (its tab, its row in the year
    overview, the meetings list): its short name, else its name. ``find_committee`` finds it."""
    return committee.short_name or committee.name


def _named(committee: Committee) -> str:
    """Its name, and the label the app shows if that differs: "Arbeitskreis 1 (AK 1)"."""
    label = committee_label(committee)
    return committee.name if name_key(label) == name_key(committee.name) else f"{committee.name} ({label})"


def name_key(text: str) -> str:
    """The key a typed name and a stored name share: folded, letters and digits only."""
    return "".join(ch for ch in match_key(text) if ch.isalnum())


def _begins_and_contains(committees: Iterable[Committee], wanted: str) -> tuple[list[Committee], list[Committee]]:
    """The committees whose name or label begins with the key ``wanted``, and those that hold it further in."""
    beginning: list[Committee] = []
    inside: list[Committee] = []
    for c in committees:
        keys = (name_key(c.name), name_key(committee_label(c)))
        if any(key.startswith(wanted) for key in keys):
            beginning.append(c)
        elif any(wanted in key for key in keys):
            inside.append(c)
    return beginning, inside


def committees_matching(committees: Iterable[Committee], text: str) -> list[Committee]:
    """The committees whose name or label (short name) holds ``text`` as ``name_key`` folds them
    ("Mueller" finds Müller, "schule beruf" finds "Übergang Schule–Beruf"): those beginning with it
    first, each group in the given order. Nothing typed (or only spaces and punctuation): all."""
    wanted = name_key(text)
    if not wanted:
        return list(committees)
    beginning, inside = _begins_and_contains(committees, wanted)
    return beginning + inside


def find_committee(snapshot: Snapshot, name: str, among: Iterable[Committee] | None = None) -> Committee:
    """The committee ``name`` means, among ``among`` (default: every committee, archived too).

    Raises ``UnknownCommittee`` naming the active committees when none fits, ``AmbiguousCommittee``
    naming the candidates when only a part was typed that several names hold.
    """
    pool = list(snapshot.committees.values() if among is None else among)
    typed = name.strip()
    wanted = name_key(typed)
    for c in pool:
        if typed == str(c.id) or (wanted and wanted in (name_key(c.name), name_key(committee_label(c)))):
            return c
    beginning, inside = _begins_and_contains(pool, wanted) if wanted else ([], [])
    for found in (beginning, inside):
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousCommittee(name, beginning + inside)
    raise UnknownCommittee(name, snapshot.active_committees())


class UnknownMeeting(ValueError):
    """No meeting, or more than one, fits what was typed; the message is German."""


def find_meeting(
    snapshot: Snapshot, text: str, committee: Committee | None = None, *, today: date | None = None
) -> Meeting:
    """The meeting ``text`` means: its number, or its date with the committee's name before or
    after it ("28.11.2026 Lenkungskreis", "Lenkungskreis 28.11.2026"), or only the date when
    one meeting is on that day (or ``committee`` says whose). A date without a year ("15.12.")
    is the next such day from ``today`` on (``parse_date``), as an invitation is. Raises ``UnknownMeeting`` or
    ``UnknownCommittee`` in German, naming the choices when several fit.
    """
    from herford_tui.domain.labels import format_date, format_time, parse_date, whole_number

    typed = " ".join(text.split())
    if (number := whole_number(typed)) is not None:
        found = snapshot.meetings.get(number)
        if found is None or (committee is not None and found.committee_id != committee.id):
            raise UnknownMeeting(f"Eine Sitzung Nr. {typed} gibt es nicht.")
        return found
    day, name = _date_and_rest(typed, lambda word: parse_date(word, coming_from=today))
    if day is None and (wrong := _wrong_date(typed, lambda word: parse_date(word, coming_from=today))):
        raise UnknownMeeting(f"{wrong} Bitte die Nummer der Sitzung oder ihr Datum mit dem Gremium angeben.")
    if day is None:
        raise UnknownMeeting(
            f"„{typed}“ nennt keine Sitzung: bitte ihre Nummer oder ihr Datum (TT.MM.JJJJ) mit dem Gremium "
            "angeben, z. B. „28.11.2026 Lenkungskreis“."
        )
    if name:
        named = find_committee(snapshot, name)
        if committee is not None and named.id != committee.id:
            raise UnknownMeeting(f"„{name}“ und --gremium nennen verschiedene Gremien.")
        committee = named
    wanted = [m for m in snapshot.meetings.values() if m.date == day]
    if committee is not None:
        wanted = [m for m in wanted if m.committee_id == committee.id]
    matches = sorted(wanted, key=lambda m: (m.start_time or time.min, m.id))
    whose = f" des Gremiums „{committee.name}“" if committee is not None else ""
    if not matches:
        raise UnknownMeeting(f"Am {format_date(day)} gibt es keine Sitzung{whose}.")
    if len(matches) == 1:
        return matches[0]

    def label(m: Meeting) -> str:
        owner = snapshot.committees.get(m.committee_id)
        at = f" um {format_time(m.start_time)}" if m.start_time else ""
        return f"{owner.name if owner else '?'}{at} (Nr. {m.id})"

    choices = ", ".join(label(m) for m in matches)
    if committee is None and len({m.committee_id for m in matches}) > 1:
        first = snapshot.committees.get(matches[0].committee_id)
        example = f"{format_date(day)} {first.name if first else ''}".strip()
        hint = f"Bitte das Gremium dazuschreiben (z. B. „{example}“) oder die Nummer angeben."
    else:
        hint = "Bitte die Nummer angeben."
    raise UnknownMeeting(f"Am {format_date(day)} gibt es mehrere Sitzungen{whose}: {choices}. {hint}")


def _wrong_date(typed: str, parse_date: Callable[[str], date]) -> str | None:
    """Why a word at the start or end that is written like a date ("31.02.2027") is none, in
    German (``parse_date``'s message): said instead of „nennt keine Sitzung“."""
    words = typed.split(" ")
    for word in (words[0], words[-1]):
        if re.fullmatch(r"\d{1,2}\.\d{1,2}\.(\d{2}|\d{4})?", word):
            try:
                parse_date(word)
            except ValueError as exc:
                return str(exc)
    return None


def _date_and_rest(typed: str, parse_date: Callable[[str], date]) -> tuple[date | None, str]:
    """The date at the start or the end of ``typed`` and the words besides it."""
    words = typed.split(" ")
    for day_text, rest in ((words[0], words[1:]), (words[-1], words[:-1])):
        try:
            return parse_date(day_text), " ".join(rest)
        except ValueError:
            continue
    return None, ""
