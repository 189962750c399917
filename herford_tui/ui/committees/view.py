"""One committee: what it is, who sits where, and the roster actions."""

from __future__ import annotations

import dataclasses

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import DataTable, Static

from herford_tui.domain import Committee, Membership, Person, Role, Snapshot
from herford_tui.domain.labels import COMMITTEE_KIND, ROLE, format_date, format_time, rhythm_text
from herford_tui.domain.roster import RosterLine, roster_lines
from herford_tui.ui.common.confirm import ConfirmScreen
from herford_tui.ui.common.view import SnapshotView

COLUMNS = (("Sitz", 22), ("Name", 22), ("Rolle", 11), ("vertritt", 18), ("seit", 10), ("Funktion", 18), ("Organisation", 24))


class CommitteeView(SnapshotView):
    BINDINGS = [
        Binding("a", "add_member", "Neu", id="committee.add_member"),
        Binding("e", "edit_member", "Ändern", id="committee.edit_member"),
        Binding("x", "end_member", "Austritt", id="committee.end_member"),
        Binding("v", "add_deputy", "Vertretung", id="committee.add_deputy"),
        Binding("m", "move_member", "Sitz", show=False, id="committee.move_member"),
        Binding("delete", "delete_member", "Löschen", show=False, id="committee.delete_member"),
        Binding("h", "toggle_history", "Verlauf", id="committee.history"),
        Binding("g", "edit_committee", "Gremium", show=False, id="committee.edit"),
        Binding("n", "new_committee", "Neu", show=False, id="committee.new"),
        Binding("r", "archive_committee", "Archiv", show=False, id="committee.archive"),
    ]

    show_history: reactive[bool] = reactive(False)

    def __init__(self, committee_id: int, *, id: str | None = None):
        super().__init__(id=id, classes="committee-view")
        self.committee_id = committee_id
        self.lines: list[RosterLine] = []

    def compose(self) -> ComposeResult:
        yield Static(id="committee-info", classes="committee-info")
        yield DataTable(id="roster", cursor_type="row", zebra_stripes=True)
        yield Static(id="member-detail", classes="member-detail")

    def on_mount(self) -> None:
        table = self.query_one("#roster", DataTable)
        for label, width in COLUMNS:
            table.add_column(label, width=width)
        super().on_mount()

    # -- showing -----------------------------------------------------------------
    @property
    def committee(self) -> Committee | None:
        return self.app.snapshot.committees.get(self.committee_id)

    def refresh_data(self, snapshot: Snapshot) -> None:
        committee = snapshot.committees.get(self.committee_id)
        if committee is None:
            return
        today = self.app.today
        self.query_one("#committee-info", Static).update(self._info(snapshot, committee))
        self.lines = roster_lines(snapshot, committee.id, today, history=self.show_history)
        table = self.query_one("#roster", DataTable)
        keep = table.cursor_row
        table.clear()
        for i, line in enumerate(self.lines):
            table.add_row(*self._row(snapshot, line), key=str(i))
        if self.lines:
            table.move_cursor(row=min(keep, len(self.lines) - 1))
        self._show_detail()

    def watch_show_history(self) -> None:
        if self.is_mounted and self.app.snapshot is not None:
            self.refresh_data(self.app.snapshot)

    def _info(self, snapshot: Snapshot, c: Committee) -> Text:
        today = self.app.today
        text = Text()
        text.append(c.name, style="bold")
        text.append(f"  ·  {COMMITTEE_KIND[c.kind]}", style="dim")
        if c.archived:
            text.append("  (archiviert)", style="bold red")
        text.append("\n")
        text.append(c.purpose or "Aufgabe noch nicht beschrieben.")
        text.append("\n")
        held = snapshot.meetings_held_count(c.id, today.year, today)
        text.append(f"{rhythm_text(c)} · {today.year} bisher: {held}", style="")
        nxt = snapshot.next_meeting(c.id, today)
        if nxt is not None:
            when = format_date(nxt.date, weekday=True)
            at = f" {format_time(nxt.start_time)}" if nxt.start_time else ""
            where = f", {nxt.location}" if nxt.location else ""
            text.append(f" · nächste Sitzung: {when}{at}{where}")
        else:
            text.append(" · keine Sitzung geplant", style="dim")
        return text

    def _row(self, snapshot: Snapshot, line: RosterLine) -> tuple[Text | str, ...]:
        seat = Text(line.seat.label if line.seat else "–", overflow="ellipsis", no_wrap=True)
        if line.membership is None:
            return (seat, Text("unbesetzt", style="italic dim"), "", "", "", "", "")
        m = line.membership
        person = snapshot.persons.get(m.person_id)
        name = person.full_name if person else "?"
        if line.deputy:
            name = f"↳ {name}"
        org = snapshot.organisations.get(person.organisation_id) if person and person.organisation_id else None
        represents = snapshot.organisations.get(m.represents_id) if m.represents_id else None
        since = format_date(m.start)
        if line.ended:
            since = f"{since}–{format_date(m.end)}"
        style = "dim strike" if line.ended else ""
        cells = (
            seat.plain,
            name,
            ROLE[m.role],
            represents.name if represents else "",
            since,
            person.function if person else "",
            org.name if org else "",
        )
        return tuple(Text(c, style=style, overflow="ellipsis", no_wrap=True) for c in cells)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.current_line and self.current_line.membership:
            self.action_edit_member()
        else:
            self.action_add_member()

    def _show_detail(self) -> None:
        self.query_one("#member-detail", Static).update(self._detail_text())

    def _detail_text(self) -> Text:
        snapshot = self.app.snapshot
        line = self.current_line
        if line is None or line.membership is None:
            if line is not None and line.seat is not None:
                return Text(f"Sitz „{line.seat.label}“ ist unbesetzt. „a“ fügt ein Mitglied hinzu.", style="dim")
            return Text("Noch keine Mitglieder. „a“ fügt ein Mitglied hinzu.", style="dim")
        person = snapshot.persons.get(line.membership.person_id)
        if person is None:
            return Text("Person nicht gefunden.", style="red")
        text = Text()
        text.append(person.full_name, style="bold")
        if person.function:
            text.append(f", {person.function}")
        contact = " · ".join(x for x in (person.email, person.phone) if x)
        text.append("\n" + (contact or "keine Kontaktdaten"), style="" if contact else "dim")
        others = sorted(
            {
                snapshot.committees[m.committee_id].name
                for m in snapshot.memberships_of_person(person.id, self.app.today)
                if m.committee_id != self.committee_id and m.committee_id in snapshot.committees
            }
        )
        text.append("\nAuch in: " + (", ".join(others) if others else "keinem anderen Gremium"))
        if line.membership.deputy_of:
            owner = snapshot.memberships.get(line.membership.deputy_of)
            owner_person = snapshot.persons.get(owner.person_id) if owner else None
            if owner_person:
                text.append(f"\nvertritt {owner_person.full_name}")
        return text

    @property
    def current_line(self) -> RosterLine | None:
        table = self.query_one("#roster", DataTable)
        if not self.lines or table.cursor_row < 0 or table.cursor_row >= len(self.lines):
            return None
        return self.lines[table.cursor_row]

    def _selected_membership(self) -> Membership | None:
        line = self.current_line
        if line is None or line.membership is None:
            self.notify("Bitte zuerst eine Mitgliedschaft auswählen.", severity="warning")
            return None
        return line.membership

    # -- actions -----------------------------------------------------------------
    def action_add_member(self) -> None:
        from herford_tui.ui.committees.membership_form import MembershipForm

        line = self.current_line
        seat_key = line.seat.key if line and line.seat else None
        self.app.push_screen(
            MembershipForm(self.committee_id, seat_key=seat_key), callback=self._save_draft
        )

    def action_edit_member(self) -> None:
        from herford_tui.ui.committees.membership_form import MembershipForm

        m = self._selected_membership()
        if m is not None:
            self.app.push_screen(MembershipForm(self.committee_id, membership=m), callback=self._save_draft)

    def action_add_deputy(self) -> None:
        from herford_tui.ui.committees.membership_form import MembershipForm

        m = self._selected_membership()
        if m is None:
            return
        if m.role is Role.STELLVERTRETUNG:
            self.notify("Eine Stellvertretung kann keine eigene Stellvertretung haben.", severity="warning")
            return
        self.app.push_screen(MembershipForm(self.committee_id, deputy_for=m), callback=self._save_draft)

    def action_move_member(self) -> None:
        from herford_tui.ui.committees.end_form import MoveForm

        m = self._selected_membership()
        if m is not None:
            self.app.push_screen(MoveForm(m), callback=self._save_move)

    def action_end_member(self) -> None:
        from herford_tui.ui.committees.end_form import EndMembershipForm

        m = self._selected_membership()
        if m is None:
            return
        if m.end is not None and m.end < self.app.today:
            self.notify("Diese Mitgliedschaft ist schon beendet.", severity="warning")
            return
        self.app.push_screen(EndMembershipForm(m), callback=self._save_record)

    def action_delete_member(self) -> None:
        m = self._selected_membership()
        if m is None:
            return
        person = self.app.snapshot.persons.get(m.person_id)
        who = person.full_name if person else "diese Person"

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.delete_record(m)

        self.app.push_screen(
            ConfirmScreen(
                f"Mitgliedschaft von {who} endgültig löschen?\n"
                "Nur für irrtümliche Einträge. Wer ausscheidet, wird mit „x“ beendet "
                "und bleibt als Verlauf erhalten.",
                yes="Löschen",
            ),
            callback=confirmed,
        )

    def action_toggle_history(self) -> None:
        self.show_history = not self.show_history
        self.notify("Verlauf eingeblendet." if self.show_history else "Verlauf ausgeblendet.", timeout=2)

    def action_edit_committee(self) -> None:
        from herford_tui.ui.committees.committee_form import CommitteeForm

        if self.committee is not None:
            self.app.push_screen(CommitteeForm(self.committee), callback=self._save_record)

    def action_new_committee(self) -> None:
        from herford_tui.ui.committees.committee_form import CommitteeForm

        self.app.push_screen(CommitteeForm(None), callback=self._save_record)

    def action_archive_committee(self) -> None:
        c = self.committee
        if c is None:
            return
        verb = "wiederherstellen" if c.archived else "archivieren"

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.save_record(dataclasses.replace(c, archived=not c.archived))

        note = "" if c.archived else " Der Reiter verschwindet; Mitgliedschaften und Sitzungen bleiben erhalten."
        self.app.push_screen(
            ConfirmScreen(f"Gremium „{c.name}“ {verb}?{note}", yes=verb.capitalize()), callback=confirmed
        )

    # -- results of the forms ----------------------------------------------------
    def _save_record(self, record) -> None:
        if record is not None:
            self.app.save_record(record)

    def _save_move(self, move) -> None:
        if move is None:
            return
        deputies = self.app.snapshot.deputies_of(move.ended.id, self.app.today)

        def new_saved(new: Membership) -> None:
            for deputy in deputies:  # they follow their member to the new seat
                self.app.save_record(dataclasses.replace(deputy, deputy_of=new.id, seat_key=new.seat_key))

        self.app.save_record(move.ended, done=lambda _: self.app.save_record(move.new, done=new_saved))

    def _save_draft(self, draft) -> None:
        if draft is None:
            return
        if draft.new_person is None:
            self.app.save_record(draft.membership)
            return

        def person_saved(person: Person) -> None:
            self.app.save_record(dataclasses.replace(draft.membership, person_id=person.id))

        self.app.save_record(draft.new_person, done=person_saved)
