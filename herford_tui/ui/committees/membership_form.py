"""Add or edit a membership, name a deputy, or move a member to another seat."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import cast

from textual import on
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Label

from herford_tui.domain import Membership, Person, Problem, Record, Role, plans
from herford_tui.domain.fold import match_key
from herford_tui.domain.labels import ROLE, format_date, parse_date
from herford_tui.domain.plans import Follow
from herford_tui.domain.search import find_organisations, find_persons
from herford_tui.domain.validation import validate_person
from herford_tui.ui.common.fields import OneLineInput
from herford_tui.ui.common.form import FormScreen
from herford_tui.ui.common.format import plain
from herford_tui.ui.common.picker import RecordPicker
from herford_tui.ui.common.select import Select


@dataclasses.dataclass(frozen=True)
class MembershipDraft:
    """What the form hands back: the membership, and a person to create first if new."""

    membership: Membership
    new_person: Person | None = None


class MembershipForm(FormScreen[MembershipDraft]):
    EDIT_WHAT = "Mitgliedschaften bearbeiten"
    AUTO_FOCUS = "#person-input, #seat, #role, #represents-input"  # the first one enabled

    def __init__(
        self,
        committee_id: int,
        *,
        membership: Membership | None = None,
        seat_key: str | None = None,
        deputy_for: Membership | None = None,
    ):
        super().__init__()
        self.committee_id = committee_id
        self.original = membership
        self.deputy_for = deputy_for
        self.start_seat = seat_key
        self.creating_person = False

    def title_text(self) -> str:
        committee = self.snapshot.committees[self.committee_id]
        if self.deputy_for is not None:
            return f"Stellvertretung benennen – {committee.name}"
        if self.original is not None:
            return f"Mitgliedschaft bearbeiten – {committee.name}"
        return f"Mitglied hinzufügen – {committee.name}"

    def compose_fields(self) -> Iterable[Widget]:
        snapshot = self.snapshot
        committee = snapshot.committees[self.committee_id]
        m = self.original or Membership(committee_id=self.committee_id, start=self.herford.today)
        if self.deputy_for is not None:
            owner = snapshot.persons.get(self.deputy_for.person_id)
            yield Label(plain(f"Stellvertretung für {owner.full_name if owner else '?'}"), classes="dialog-text")
        if self.original is None:
            yield from self.field(
                "Person",
                RecordPicker(self._search_persons, allow_new="Neue Person anlegen", id="person"),
                "person_id",
            )
            with Vertical(id="new-person", classes="-hidden"):
                yield from self.field("Vorname", OneLineInput(id="given_name", compact=True), "given_name")
                yield from self.field("Nachname", OneLineInput(id="family_name", compact=True), "family_name")
                yield from self.field("Funktion", OneLineInput(id="function", compact=True), "function")
                yield from self.field(
                    "Organisation",
                    RecordPicker(self._search_organisations, placeholder="Organisation tippen …", id="new-org"),
                    "organisation_id",
                )
                yield from self.field("E-Mail", OneLineInput(id="email", compact=True), "email")
        else:
            person = snapshot.persons.get(m.person_id)
            yield from self.field("Person", Label(plain(person.full_name if person else "?")), "person_id")
        seat_key = self.deputy_for.seat_key if self.deputy_for else (m.seat_key or self.start_seat)
        # A deputy sits on the seat of the member it stands in for; it moves with that member.
        deputy = self.deputy_for is not None or (m.deputy_of is not None and m.role is Role.STELLVERTRETUNG)
        seats = [(plain(self._seat_label(s)), s.key) for s in committee.seats]
        yield from self.field(
            "Sitz",
            Select(
                seats,
                value=seat_key if seat_key in {k for _, k in seats} else Select.NULL,
                prompt="Sitz wählen",
                compact=True,
                disabled=deputy,
                id="seat",
            ),
            "seat_key",
        )
        role = Role.STELLVERTRETUNG if self.deputy_for else m.role
        yield from self.field(
            "Rolle",
            Select(
                [(label, r) for r, label in ROLE.items()],
                value=role,
                allow_blank=False,
                compact=True,
                # A role of a membership that has begun changes from a date on (``w``), so its history stays.
                disabled=self.deputy_for is not None or self._started(),
                id="role",
            ),
            "role",
        )
        if self._started():
            yield Label(
                "Rolle wechseln: w in der Liste (ab Datum, Verlauf bleibt)", id="role-hint", classes="field-hint"
            )
        represents = snapshot.organisations.get(m.represents_id) if m.represents_id else None
        yield from self.field(
            "vertritt",
            RecordPicker(
                self._search_organisations,
                placeholder="Organisation tippen … (leer = keine)",
                value=represents.id if represents else None,
                value_label=represents.name if represents else "",
                id="represents",
            ),
            "represents_id",
        )
        yield from self.field(
            "Beginn", OneLineInput(format_date(m.start), placeholder="TT.MM.JJJJ", compact=True, id="start"), "start"
        )
        yield from self.field(
            "Ende",
            OneLineInput(format_date(m.end), placeholder="TT.MM.JJJJ (leer = offen)", compact=True, id="end"),
            "end",
        )
        yield from self.field("Notizen", OneLineInput(m.notes, compact=True, id="notes"), "notes")

    def _started(self) -> bool:
        """Began before today: changing its role in place would rewrite its history."""
        start = self.original.start if self.original else None
        return start is not None and start < self.herford.today

    def _seat_label(self, seat) -> str:
        holders = len(self.snapshot.seat_holders(self.committee_id, seat.key, self.herford.today))
        if seat.count is None:
            return f"{seat.label} ({holders} besetzt)"
        return f"{seat.label} ({holders}/{seat.count})"

    def _same_name(self, new: Person) -> Person | None:
        """An existing person with exactly this name: most likely the same human being."""

        def key(p: Person) -> tuple[str, str]:
            return (match_key(p.given_name.strip()), match_key(p.family_name.strip()))

        return next((p for p in self.snapshot.persons.values() if key(p) == key(new)), None)

    def _search_persons(self, text: str) -> list[tuple[int, str]]:
        snapshot = self.snapshot
        found = []
        for p in find_persons(snapshot, text):
            org = snapshot.organisations.get(p.organisation_id) if p.organisation_id else None
            found.append((p.id, p.full_name + (f" ({org.name})" if org else "")))
        return found

    def _search_organisations(self, text: str) -> list[tuple[int, str]]:
        return [(o.id, o.name) for o in find_organisations(self.snapshot, text)]

    @on(RecordPicker.Picked, "#person")
    def _person_picked(self, event: RecordPicker.Picked) -> None:
        self.creating_person = event.value is None
        self.query_one("#new-person").set_class(not self.creating_person, "-hidden")
        if self.creating_person and event.new_text:
            *given, family = event.new_text.split()
            self.query_one("#given_name", Input).value = " ".join(given)
            self.query_one("#family_name", Input).value = family
            self.query_one("#given_name", Input).focus()
        elif event.value is not None and (person := self.snapshot.persons.get(event.value)):
            self._default_represents(person.organisation_id)

    @on(RecordPicker.Picked, "#new-org")
    def _new_org_picked(self, event: RecordPicker.Picked) -> None:
        self._default_represents(event.value)

    def _default_represents(self, organisation_id: int | None) -> None:
        """ "vertritt" defaults to the person's organisation, unless something is chosen already."""
        represents = self.query_one("#represents", RecordPicker)
        org = self.snapshot.organisations.get(organisation_id) if organisation_id else None
        field = self.query_one("#represents-input", Input)
        if org is None or represents.value is not None or field.value.strip():
            return
        represents.value, represents.value_label = org.id, org.name
        with field.prevent(Input.Changed):
            field.value = org.name

    # -- saving ------------------------------------------------------------------
    def save_items(self, result: MembershipDraft) -> list[Record | Follow]:
        """A new person is saved first, in the same step as the membership that needs its id."""
        if result.new_person is None:
            return [result.membership]
        return plans.member_with_new_person(result.new_person, result.membership)

    def saved_result(self, result: MembershipDraft, saved: list[Record]) -> MembershipDraft:
        membership = saved[-1]
        assert isinstance(membership, Membership)
        person = saved[0] if result.new_person is not None else None
        return MembershipDraft(membership, person if isinstance(person, Person) else None)

    # -- result --------------------------------------------------------------------
    def build(self) -> MembershipDraft | list[Problem]:
        problems: list[Problem] = []
        start = self._date("start", problems)
        end = self._date("end", problems)
        seat = self.query_one("#seat", Select).value
        represents = self.query_one("#represents", RecordPicker)
        if represents.value is None and self.query_one("#represents-input", Input).value.strip():
            problems.append(Problem("represents_id", "Bitte eine Organisation aus der Liste wählen."))
        base = self.original or Membership(committee_id=self.committee_id)
        role = self.query_one("#role", Select).value
        deputy_of: int | None
        if self.deputy_for is not None:
            deputy_of = self.deputy_for.id
        else:  # a deputy made a member of its own stands in for nobody any more
            deputy_of = base.deputy_of if role is Role.STELLVERTRETUNG else None
        membership = dataclasses.replace(
            base,
            seat_key="" if seat is Select.NULL else str(seat),
            role=cast(Role, role),
            represents_id=represents.value,
            deputy_of=deputy_of,
            start=start,
            end=end,
            notes=self.query_one("#notes", Input).value.strip(),
        )
        new_person = None
        if self.original is None:
            picker = self.query_one("#person", RecordPicker)
            if self.creating_person:
                new_person = Person(
                    given_name=self.query_one("#given_name", Input).value.strip(),
                    family_name=self.query_one("#family_name", Input).value.strip(),
                    function=self.query_one("#function", Input).value.strip(),
                    email=self.query_one("#email", Input).value.strip(),
                    organisation_id=self.query_one("#new-org", RecordPicker).value,
                )
                if new_person.organisation_id is None and self.query_one("#new-org-input", Input).value.strip():
                    problems.append(Problem("organisation_id", "Bitte eine Organisation aus der Liste wählen."))
                problems += validate_person(new_person)
                twin = self._same_name(new_person)
                if twin is not None:
                    problems.append(
                        Problem("family_name", f"„{twin.full_name}“ gibt es schon – bitte oben aus der Liste wählen.")
                    )
            elif picker.value is None:
                problems.append(Problem("person_id", "Bitte eine Person aus der Liste wählen oder neu anlegen."))
            else:
                membership = dataclasses.replace(membership, person_id=int(picker.value))
        checked = [
            Problem("role", "Stellvertretungen bitte mit „v“ beim vertretenen Mitglied benennen.")
            if p.field == "deputy_of" and self.deputy_for is None
            else p
            for p in self.snapshot.check(membership)
        ]
        if new_person is not None or (self.original is None and membership.person_id == 0):
            checked = [p for p in checked if p.field != "person_id"]
        problems += [p for p in checked if p.field not in {"start", "end"} or not _has(problems, p.field)]
        return problems or MembershipDraft(membership, new_person)

    def _date(self, name: str, problems: list[Problem]):
        text = self.query_one(f"#{name}", Input).value.strip()
        if not text:
            return None
        try:
            return parse_date(text)
        except ValueError as exc:
            problems.append(Problem(name, str(exc)))
            return None


def _has(problems: list[Problem], field: str) -> bool:
    return any(p.field == field for p in problems)
