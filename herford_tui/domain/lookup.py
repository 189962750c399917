"""Finding a committee by what a user types: the one lookup of the CLI (``--gremium``) and the
TUI (``--open``, the jump by name).

Id, name or the label the app shows for it (``committee_label``: the tab, the year overview's
rows, "AK 1"); case, umlauts (Mueller = Müller), spaces and punctuation do not
matter, so ``lenkungskreis``, ``Lenkungs-Kreis`` and the tab slug ``arbeitskreis-3`` all find
theirs. Otherwise the beginning of one name is enough, else the beginning of a later word of
one name ("Übergänge" for "Arbeitskreis Übergänge …"); two or more are not.
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

    def __init__(self, name: str, known: list[Committee]):
        self.name = name
        self.known = known
        names = ", ".join(sorted(_named(c) for c in known))
        super().__init__(f"Unbekanntes Gremium „{name}“. Möglich sind: {names}.")


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


def find_committee(snapshot: Snapshot, name: str, among: Iterable[Committee] | None = None) -> Committee:
    """The committee ``name`` means, among ``among`` (default: every committee, archived too).

    Raises ``UnknownCommittee`` naming the active committees when none or several fit.
    """
    pool = list(snapshot.committees.values() if among is None else among)
    typed = name.strip()
    wanted = name_key(typed)
    for c in pool:
        if typed == str(c.id) or (wanted and wanted in (name_key(c.name), name_key(committee_label(c)))):
            return c
    candidates = [c for c in pool if wanted and name_key(c.name).startswith(wanted)]
    if not candidates:  # "übergänge" for "Arbeitskreis Übergänge …", as the TUI's chooser finds it
        candidates = [c for c in pool if wanted and any(tail.startswith(wanted) for tail in _word_tails(c.name))]
    if len(candidates) == 1:
        return candidates[0]
    raise UnknownCommittee(name, snapshot.active_committees())


def _word_tails(name: str) -> list[str]:
    """``name_key`` of the name from each of its words on: "Arbeitskreis Übergänge Schule" gives
    "arbeitskreisuebergaengeschule", "uebergaengeschule", "schule" (a later word begins a match)."""
    words = [name_key(word) for word in match_key(name).split()]
    return ["".join(words[i:]) for i in range(len(words))]


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
