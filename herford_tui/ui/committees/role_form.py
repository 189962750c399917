"""Role changes that keep history: hand over the chair (``c``), change a role from a day on (``w``).

Both forms only ask; the plans (which memberships end, which start, which deputies follow)
come from ``herford_tui.domain.roles`` and are checked there before the form closes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date

from textual.widget import Widget
from textual.widgets import Input, Label

from herford_tui.domain import Membership, Problem, Record, Role, Snapshot, ValidationError
from herford_tui.domain.fold import sort_key
from herford_tui.domain.labels import ROLE, format_date, parse_date
from herford_tui.domain.plans import Follow
from herford_tui.domain.roles import Plan, chair_of, change_role, check_plan, hand_over_chair
from herford_tui.ui.common.form import FormScreen
from herford_tui.ui.common.format import plain
from herford_tui.ui.common.select import Select


@dataclasses.dataclass(frozen=True)
class RolePlan:
    """The records for one ``save_records`` and where the cursor goes afterwards."""

    items: Plan
    focus: int
    """Index (in the saved list) of the membership that now holds the new role."""


def _name(snapshot: Snapshot, m: Membership) -> str:
    person = snapshot.persons.get(m.person_id)
    return person.full_name if person else "?"


def _period(m: Membership) -> str:
    return f"seit {format_date(m.start)}" if m.start else "ohne Beginn"


def _focus(plan: Plan, person_id: int, role: Role) -> int:
    """The record of ``plan`` that gives ``person_id`` the new ``role`` (new, or changed in place)."""
    found = [
        i
        for i, item in enumerate(plan)
        if isinstance(item, Membership) and item.person_id == person_id and item.role is role
    ]
    return found[-1] if found else 0


class _RoleFormBase(FormScreen[RolePlan]):
    @property
    def snapshot(self) -> Snapshot:
        snapshot = self.herford.snapshot
        assert snapshot is not None  # the app has one from its start on
        return snapshot

    def _date_field(self, earliest: date | None) -> Iterable[Widget]:
        today = self.herford.today
        start = max(today, earliest) if earliest else today
        yield from self.field(
            "ab", Input(format_date(start), placeholder="TT.MM.JJJJ", compact=True, id="start"), "start"
        )

    def _on(self) -> date | Problem:
        text = self.query_one("#start", Input).value
        if not text.strip():
            return Problem("start", "Bitte das Datum angeben, ab dem die neue Rolle gilt.")
        try:
            return parse_date(text)
        except ValueError as exc:
            return Problem("start", str(exc))

    def _checked(self, plan: Plan, focus: int) -> RolePlan | list[Problem]:
        return check_plan(self.snapshot, plan) or RolePlan(plan, focus)

    def save_items(self, result: RolePlan) -> list[Record | Follow]:
        """All records of the plan in one write: the old role ends, the new one starts."""
        return list(result.items)

    def saved_result(self, result: RolePlan, saved: list[Record]) -> RolePlan:
        return RolePlan(list(saved), result.focus)


class ChangeRoleForm(_RoleFormBase):
    """A new role from a day on: the old membership ends the day before and stays as history."""

    AUTO_FOCUS = "#role"

    def __init__(self, membership: Membership):
        super().__init__()
        self.membership = membership

    def title_text(self) -> str:
        return "Rolle wechseln"

    def compose_fields(self) -> Iterable[Widget]:
        snapshot = self.snapshot
        m = self.membership
        yield Label(
            plain(f"{_name(snapshot, m)}: bisher {ROLE[m.role]} {_period(m)}"), id="role-now", classes="dialog-text"
        )
        roles = [(label, role) for role, label in ROLE.items() if role not in (m.role, Role.STELLVERTRETUNG)]
        yield from self.field("Neue Rolle", Select(roles, allow_blank=False, compact=True, id="role"), "role")
        yield from self._date_field(m.start)
        yield Label(
            "Die bisherige Mitgliedschaft endet am Vortag und bleibt als Verlauf („h“); "
            "Sitz, Vertretung, Notizen und Stellvertretungen gehen mit.",
            classes="dialog-text",
        )

    def build(self) -> RolePlan | list[Problem]:
        on = self._on()
        if isinstance(on, Problem):
            return [on]
        role = self.query_one("#role", Select).value
        if not isinstance(role, Role):
            return [Problem("role", "Bitte die neue Rolle wählen.")]
        try:
            plan = change_role(self.snapshot, self.membership, role, on)
        except ValidationError as exc:
            return exc.problems
        return self._checked(plan, _focus(plan, self.membership.person_id, role))


class HandOverChairForm(_RoleFormBase):
    """The chair passes to another member; the chair until then stays as Mitglied."""

    AUTO_FOCUS = "#chair"

    def __init__(self, committee_id: int, *, preselect: Membership | None = None):
        super().__init__()
        self.committee_id = committee_id
        self.preselect = preselect

    def title_text(self) -> str:
        return "Vorsitz übergeben"

    def candidates(self) -> list[Membership]:
        """Current seat holders without the chair, by name."""
        snapshot = self.snapshot
        found = [
            m
            for m in snapshot.memberships_of(self.committee_id, self.herford.today)
            if m.role.takes_seat and m.role is not Role.VORSITZ
        ]
        return sorted(found, key=lambda m: sort_key(_name(snapshot, m)))

    def compose_fields(self) -> Iterable[Widget]:
        snapshot = self.snapshot
        committee = snapshot.committees[self.committee_id]
        chair = chair_of(snapshot, self.committee_id, self.herford.today)
        if chair is None:
            now = f"{committee.name}: bisher hat niemand den Vorsitz."
        else:
            who = _name(snapshot, chair)
            now = f"{committee.name}: Vorsitz bisher {who} ({_period(chair)}); {who} bleibt ab dem Datum Mitglied."
        yield Label(plain(now), id="chair-now", classes="dialog-text")
        options = []
        for m in self.candidates():
            seat = committee.seat(m.seat_key)
            options.append((plain(f"{_name(snapshot, m)} – {ROLE[m.role]}, {seat.label if seat else '–'}"), m.id))
        ids = {m_id for _, m_id in options}
        wanted = self.preselect.id if self.preselect and self.preselect.id in ids else Select.NULL
        yield from self.field(
            "Neuer Vorsitz",
            Select(options, value=wanted, prompt="Mitglied wählen", compact=True, id="chair"),
            "person_id",
        )
        yield from self._date_field(None)
        yield Label("Beide Rollen bleiben mit ihren Daten als Verlauf erhalten („h“).", classes="dialog-text")

    def build(self) -> RolePlan | list[Problem]:
        snapshot = self.snapshot
        chosen = self.query_one("#chair", Select).value
        to = snapshot.memberships.get(chosen) if isinstance(chosen, int) else None
        on = self._on()
        problems = [on] if isinstance(on, Problem) else []
        if to is None:
            problems.insert(0, Problem("person_id", "Bitte das Mitglied wählen, das den Vorsitz übernimmt."))
        if problems or to is None or isinstance(on, Problem):
            return problems
        try:
            plan = hand_over_chair(snapshot, self.committee_id, to, on)
        except ValidationError as exc:
            return exc.problems
        return self._checked(plan, _focus(plan, to.person_id, Role.VORSITZ))
