"""Role changes that keep history: hand over the chair (``c``), change a role from a day on (``w``).

Both forms only ask; the plans (which memberships end, which start, which deputies follow)
come from ``herford_tui.domain.roles`` and are checked there before the form closes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from textual.widget import Widget
from textual.widgets import Input, Label

from herford_tui.domain import Membership, Problem, Record, Role, Snapshot
from herford_tui.domain.directory import person_sort_key
from herford_tui.domain.labels import ROLE, format_date
from herford_tui.domain.plans import Follow
from herford_tui.domain.roles import RolePlan, chair_of, next_chair, plan_chair_handover, plan_role_change
from herford_tui.ui.common.form import FormScreen
from herford_tui.ui.common.format import plain
from herford_tui.ui.common.select import Select
from herford_tui.ui.common.typing_input import InOrderInput


def _name(snapshot: Snapshot, m: Membership) -> str:
    return snapshot.person_name(m.person_id)


def _order(snapshot: Snapshot, m: Membership) -> tuple[str, str, int]:
    """The one German order of persons (family name, then given name)."""
    person = snapshot.persons.get(m.person_id)
    return person_sort_key(person) if person else ("", "", m.person_id)


def _period(m: Membership) -> str:
    since = f"seit {format_date(m.start)}" if m.start else "ohne Beginn"
    return f"{since}, bis {format_date(m.end)}" if m.end else since


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
            "ab", InOrderInput(format_date(start), placeholder="TT.MM.JJJJ", compact=True, id="start"), "start"
        )

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
        # The current role is preselected (the first entry was "Vorsitz", offered where the
        # committee has one); saving it unchanged is refused by the domain, in German.
        roles = [
            (f"{label} (bisher)" if role is m.role else label, role)
            for role, label in ROLE.items()
            if role is m.role or role is not Role.STELLVERTRETUNG
        ]
        select: Select[Role] = Select(roles, value=m.role, allow_blank=False, compact=True, id="role")
        yield from self.field("Neue Rolle", select, "role")
        yield from self._date_field(m.start)
        yield Label(
            "Die bisherige Mitgliedschaft endet am Vortag und bleibt als Verlauf („h“); "
            "Sitz, Vertretung, Notizen und Stellvertretungen gehen mit.",
            classes="dialog-text",
        )

    def build(self) -> RolePlan | list[Problem]:
        role = self.query_one("#role", Select).value
        on = self.query_one("#start", Input).value
        return plan_role_change(self.snapshot, self.membership, role if isinstance(role, Role) else None, on)


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
        return sorted(found, key=lambda m: _order(snapshot, m))

    def compose_fields(self) -> Iterable[Widget]:
        snapshot = self.snapshot
        committee = snapshot.committees[self.committee_id]
        chair = chair_of(snapshot, self.committee_id, self.herford.today)
        if chair is None:
            now = f"{committee.name}: bisher hat niemand den Vorsitz."
        else:
            who = _name(snapshot, chair)
            now = f"{committee.name}: Vorsitz bisher {who} ({_period(chair)}); {who} bleibt ab dem Datum Mitglied."
        later = next_chair(snapshot, self.committee_id, self.herford.today)
        if later is not None and later.start is not None:
            now += f" Ab {format_date(later.start)} ist schon {_name(snapshot, later)} als Vorsitz eingetragen."
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
        chosen = self.query_one("#chair", Select).value
        to = self.snapshot.memberships.get(chosen) if isinstance(chosen, int) else None
        on = self.query_one("#start", Input).value
        return plan_chair_handover(self.snapshot, self.committee_id, to, on)
