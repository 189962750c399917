"""Add or edit a membership, name a deputy, or move a member to another seat."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from textual import on
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Label

from herford_tui.domain import Membership, Person, Problem, Record, Role, plans
from herford_tui.domain.directory import person_choices
from herford_tui.domain.labels import ROLE, format_date
from herford_tui.domain.membership_input import MembershipDraft, MembershipInput, NewPersonInput, build_membership
from herford_tui.domain.names import split_name
from herford_tui.domain.plans import Follow
from herford_tui.domain.search import find_organisations, find_persons
from herford_tui.ui.common.fields import OneLineInput
from herford_tui.ui.common.format import plain
from herford_tui.ui.common.picker import RecordPicker
from herford_tui.ui.common.select import Select
from herford_tui.ui.directory.duplicate_warning import DuplicateWarning


class MembershipForm(DuplicateWarning[MembershipDraft]):
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
        # a new deputy ends with the member it stands in for (a role change ahead: that membership ends)
        until = self.deputy_for.end if self.deputy_for is not None else None
        m = self.original or Membership(committee_id=self.committee_id, start=self.herford.today, end=until)
        if self.deputy_for is not None:
            owner = snapshot.person_name(self.deputy_for.person_id)
            yield Label(plain(f"Stellvertretung für {owner}"), classes="dialog-text")
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
            yield from self.field("Person", Label(plain(snapshot.person_name(m.person_id))), "person_id")
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

    def _search_persons(self, text: str) -> list[tuple[int, str]]:
        ids = [p.id for p in find_persons(self.snapshot, text)]
        return list(zip(ids, person_choices(self.snapshot, ids, organisation=True), strict=True))

    def _search_organisations(self, text: str) -> list[tuple[int, str]]:
        return [(o.id, o.name) for o in find_organisations(self.snapshot, text)]

    @on(RecordPicker.Picked, "#person")
    def _person_picked(self, event: RecordPicker.Picked) -> None:
        self.creating_person = event.value is None
        self.query_one("#new-person").set_class(not self.creating_person, "-hidden")
        if self.creating_person and event.new_text:
            given, family = split_name(event.new_text)  # "Müller [Kita]": all of it the family name
            names = {"given_name": given, "family_name": family}
            for name, text in names.items():
                field = self.query_one(f"#{name}", Input)
                field.value = text
                field.cursor_position = len(text)
            # On to the first field still to fill: the names were typed already, nothing of
            # them is selected for the next key to overwrite.
            fields = [self.query_one(f"#{name}", Input) for name in ("given_name", "family_name", "function")]
            next(f for f in fields if not f.value).focus()
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
        """The form's values, handed to the domain's rules (``build_membership``)."""
        seat = self.query_one("#seat", Select).value
        represents = self.query_one("#represents", RecordPicker)
        new_person = person_id = None
        if self.original is None and self.creating_person:
            new_person = NewPersonInput(
                given_name=self._text("given_name"),
                family_name=self._text("family_name"),
                function=self._text("function"),
                email=self._text("email"),
                organisation_id=self.query_one("#new-org", RecordPicker).value,
                organisation_text=self._text("new-org-input"),
            )
        elif self.original is None:
            person_id = self.query_one("#person", RecordPicker).value
        values = MembershipInput(
            committee_id=self.committee_id,
            original=self.original,
            deputy_for=self.deputy_for,
            seat_key="" if seat is Select.NULL else str(seat),
            role=cast(Role, self.query_one("#role", Select).value),
            represents_id=represents.value,
            represents_text=self._text("represents-input"),
            start=self._text("start"),
            end=self._text("end"),
            notes=self._text("notes"),
            person_id=person_id,
            new_person=new_person,
        )
        result = build_membership(self.snapshot, values)
        if isinstance(result, MembershipDraft) and result.new_person is not None:
            # Namesakes are allowed; a likely duplicate is named once (``DuplicateWarning``).
            return self.duplicate_problems(result.new_person, "family_name") or result
        return result

    def duplicate_subject(self, result: object) -> object:
        return result.new_person if isinstance(result, MembershipDraft) else result

    def _text(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value
