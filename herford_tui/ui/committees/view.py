"""One committee: what it is, who sits where, and the roster actions."""

from __future__ import annotations

import dataclasses

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import DataTable, Static

from herford_tui.domain import Committee, Membership, Role, Seat, Snapshot
from herford_tui.domain.labels import COMMITTEE_KIND, ROLE, format_date, format_time, rhythm_text
from herford_tui.domain.roster import RosterLine, roster_lines
from herford_tui.ui.common.confirm import ConfirmScreen
from herford_tui.ui.common.view import SnapshotView

# Sitz, Name and Rolle (the longest role, "Geschäftsführung", has 16 letters) fit into
# 80 columns; the rest of the highlighted line is spelled out in the detail below. 26 for
# the seat tells "Vertretung der Schulen" from "Vertretung der Schulträger".
COLUMNS = (
    ("Sitz", 26), ("Name", 20), ("Rolle", 16), ("vertritt", 18), ("seit", 14), ("Funktion", 18), ("Organisation", 24),
)  # fmt: skip


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
        Binding("n", "new_committee", "Neues Gremium", show=False, id="committee.new"),
        Binding("p", "edit_person", "Person", show=False, id="committee.edit_person"),
        Binding("i", "open_person", "Personenseite", show=False, id="committee.open_person"),
        Binding("r", "archive_committee", "Archiv", show=False, id="committee.archive"),
    ]

    show_history: reactive[bool] = reactive(False)
    _wanted: int | None = None
    """A membership to put the cursor on at the next refresh (search, saves)."""

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
        # One line per fact, cut with "…": a wrapped line would push the last one out of sight.
        # A fixed height: if the detail grew and shrank with the highlighted line, the roster
        # above would change height under the cursor, and its last line could not be scrolled to.
        detail = self.query_one("#member-detail", Static)
        detail.styles.text_wrap = "nowrap"
        detail.styles.text_overflow = "ellipsis"
        detail.styles.height = 5  # top border + four lines
        super().on_mount()

    # -- showing -----------------------------------------------------------------
    @property
    def committee(self) -> Committee | None:
        return self.app.snapshot.committees.get(self.committee_id)

    def refresh_data(self, snapshot: Snapshot) -> None:
        committee = snapshot.committees.get(self.committee_id)
        if committee is None or not self._alive:
            return
        today = self.app.today
        self.query_one("#committee-info", Static).update(self._info(snapshot, committee))
        table = self.query_one("#roster", DataTable)
        keep = self._cursor_target(table.cursor_row)  # from the lines shown so far
        self.lines = roster_lines(snapshot, committee.id, today, history=self.show_history)
        wanted, self._wanted = self._wanted, None
        if wanted is not None:
            found = [i for i, line in enumerate(self.lines) if line.membership and line.membership.id == wanted]
            if found:
                keep = lambda _lines, row=found[0]: row  # noqa: E731
        table.clear()
        previous: RosterLine | None = None
        for i, line in enumerate(self.lines):
            # The seat is named once; its further holders, deputies and open places follow below.
            continued = previous is not None and not line.ended and previous.seat is line.seat
            table.add_row(*self._row(snapshot, line, continued=continued), key=str(i))
            previous = line
        if self.lines:
            table.move_cursor(row=min(keep(self.lines), len(self.lines) - 1))
        self._show_detail()

    def _cursor_target(self, row: int):
        """Where the cursor goes after a refresh: the same membership, else the same person
        (moved to another seat), else the same row."""
        old = self.lines[row].membership if 0 <= row < len(self.lines) else None

        def find(lines: list[RosterLine]) -> int:
            if old is not None:
                for match in (lambda m: m.id == old.id and m.end == old.end, lambda m: m.person_id == old.person_id):
                    for i, line in enumerate(lines):
                        if line.membership is not None and not line.ended and match(line.membership):
                            return i
            return max(row, 0)

        return find

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
        # The purpose comes last: a long one is what gets cut on a small terminal.
        text.append("\n")
        text.append(c.purpose or "Aufgabe noch nicht beschrieben.", style="" if c.purpose else "dim")
        return text

    def _row(self, snapshot: Snapshot, line: RosterLine, *, continued: bool = False) -> tuple[Text | str, ...]:
        label = "" if continued else (line.seat.label if line.seat else "–")
        seat = Text(label, overflow="ellipsis", no_wrap=True)
        if line.membership is None:
            return (seat, Text("unbesetzt", style="italic dim"), "", "", "", "", "")
        m = line.membership
        person = snapshot.persons.get(m.person_id)
        name = person.full_name if person else "?"
        if line.deputy:
            name = f"↳ {name}"
        org = snapshot.organisations.get(person.organisation_id) if person and person.organisation_id else None
        represents = snapshot.organisations.get(m.represents_id) if m.represents_id else None
        since = f"bis {format_date(m.end)}" if line.ended else format_date(m.start)
        style = "dim strike" if line.ended else ""
        if line.upcoming:  # the "seit" column is off-screen at 80 columns, so say it in the name
            since, style = f"ab {format_date(m.start)}", "italic"
            name = f"{name} (ab {format_date(m.start)})"
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

    @property
    def _alive(self) -> bool:
        """False while the tabs are rebuilt: messages queued for this view may still arrive
        after its children are gone."""
        parts = ("#roster", "#member-detail", "#committee-info")
        return self.is_attached and all(self.query(part) for part in parts)

    def _show_detail(self) -> None:
        if self._alive:
            self.query_one("#member-detail", Static).update(self._detail_text())

    def _detail_text(self) -> Text:
        snapshot = self.app.snapshot
        line = self.current_line
        if line is None or line.membership is None:
            if line is not None and line.seat is not None:
                return Text(f"{_seat_name(line.seat)} ist unbesetzt.\n„a“ fügt ein Mitglied hinzu.", style="dim")
            return Text("Noch keine Mitglieder.\n„a“ fügt ein Mitglied hinzu.", style="dim")
        person = snapshot.persons.get(line.membership.person_id)
        if person is None:
            return Text("Person nicht gefunden.", style="red")
        m = line.membership
        text = Text()
        text.append(person.full_name, style="bold")
        if person.function:
            text.append(f", {person.function}")
        text.append("\n" + self._membership_summary(snapshot, line))
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
        if m.end is not None and m.end < self.app.today:
            text.stylize("dim")
        return text

    def _membership_summary(self, snapshot: Snapshot, line: RosterLine) -> str:
        """One line: seat, role, period, and whom the member represents or stands in for."""
        m = line.membership
        assert m is not None
        # Most telling first: a long seat name at the end is what gets cut on 80 columns.
        parts = [ROLE[m.role]]
        if m.start and m.end:
            parts[0] += f" {format_date(m.start)}–{format_date(m.end)}"
        elif m.start:
            parts[0] += f" seit {format_date(m.start)}"
        elif m.end:
            parts[0] += f" bis {format_date(m.end)}"
        if m.deputy_of:
            owner = snapshot.memberships.get(m.deputy_of)
            owner_person = snapshot.persons.get(owner.person_id) if owner else None
            if owner_person:
                parts.append(f"für {owner_person.full_name}")
        if m.represents_id and (org := snapshot.organisations.get(m.represents_id)):
            parts.append(f"vertritt {org.name}")
        parts.append(_seat_name(line.seat) if line.seat else "ohne Sitz")
        return " · ".join(parts)

    @property
    def current_line(self) -> RosterLine | None:
        if not self._alive:
            return None
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
        self.ask(MembershipForm(self.committee_id, seat_key=seat_key), callback=self._save_draft)

    def action_edit_member(self) -> None:
        from herford_tui.ui.committees.membership_form import MembershipForm

        m = self._selected_membership()
        if m is not None:
            self.ask(MembershipForm(self.committee_id, membership=m), callback=self._save_draft)

    def action_add_deputy(self) -> None:
        from herford_tui.ui.committees.membership_form import MembershipForm

        m = self._selected_membership()
        if m is None:
            return
        if m.role is Role.STELLVERTRETUNG:
            self.notify("Eine Stellvertretung kann keine eigene Stellvertretung haben.", severity="warning")
            return
        if self._ended(m):
            return
        self.ask(MembershipForm(self.committee_id, deputy_for=m), callback=self._save_draft)

    def action_move_member(self) -> None:
        from herford_tui.ui.committees.end_form import MoveForm

        m = self._selected_membership()
        if m is None or self._ended(m):
            return
        if m.deputy_of:
            self.notify("Eine Stellvertretung wechselt mit ihrem Mitglied den Sitz.", severity="warning")
            return
        self.ask(MoveForm(m), callback=self._save_move)

    def _ended(self, m: Membership) -> bool:
        """Warn and say True for a membership in the history: it is not acted on any more."""
        if m.end is not None and m.end < self.app.today:
            self.notify("Diese Mitgliedschaft ist schon beendet.", severity="warning")
            return True
        return False

    def action_end_member(self) -> None:
        from herford_tui.ui.committees.end_form import EndMembershipForm

        m = self._selected_membership()
        if m is None or self._ended(m):
            return
        self.ask(EndMembershipForm(m), callback=self._save_end)

    def action_delete_member(self) -> None:
        m = self._selected_membership()
        if m is None:
            return
        person = self.app.snapshot.persons.get(m.person_id)
        who = person.full_name if person else "diese Person"

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.delete_record(m)

        self.ask(
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
            self.ask(CommitteeForm(self.committee), callback=self._save_record)

    def action_new_committee(self) -> None:
        from herford_tui.ui.committees.committee_form import CommitteeForm

        self.ask(CommitteeForm(None), callback=self._save_new_committee)

    def _save_new_committee(self, committee: Committee | None) -> None:
        if committee is not None:
            # The tabs are rebuilt for the new committee; then show it.
            self.app.save_record(committee, done=lambda saved: self.app.call_after_refresh(self.app.show_id, saved.id))

    def action_edit_person(self) -> None:
        from herford_tui.ui.directory.person_form import PersonForm

        m = self._selected_membership()
        person = self.app.snapshot.persons.get(m.person_id) if m else None
        if person is not None:
            self.ask(PersonForm(person), callback=self._save_record)

    def action_open_person(self) -> None:
        from herford_tui.ui.directory.person_screen import PersonScreen

        m = self._selected_membership()
        if m is not None:
            self.app.push_screen(PersonScreen(m.person_id))

    def action_archive_committee(self) -> None:
        c = self.committee
        if c is None:
            return
        verb = "wiederherstellen" if c.archived else "archivieren"

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.save_record(dataclasses.replace(c, archived=not c.archived))

        note = "" if c.archived else " Der Reiter verschwindet; Mitgliedschaften und Sitzungen bleiben erhalten."
        self.ask(ConfirmScreen(f"Gremium „{c.name}“ {verb}?{note}", yes=verb.capitalize()), callback=confirmed)

    # -- results of the forms ----------------------------------------------------
    def _save_record(self, record) -> None:
        if record is not None:
            self.app.save_record(record)

    def _save_end(self, ended: Membership | None) -> None:
        """The member leaves; deputies serving beyond that day leave with them."""
        from herford_tui.ui.committees.end_form import ending_deputies

        if ended is None:
            return
        deputies = ending_deputies(self.app.snapshot, ended, ended.end)
        self.app.save_records([ended, *(dataclasses.replace(d, end=ended.end) for d in deputies)])

    def select_membership(self, membership: Membership) -> None:
        """Put the cursor on a membership just saved (runs after the roster was refreshed).

        Asks the app for the committee's view: this one may have been rebuilt meanwhile.
        """
        for view in self.app.query(f"#committee-{self.committee_id}").results(CommitteeView):
            view._wanted = membership.id  # a catch-up refresh still to come keeps it too
            for i, line in enumerate(view.lines):
                if line.membership is not None and line.membership.id == membership.id:
                    view.query_one("#roster", DataTable).move_cursor(row=i)
                    return

    def _save_move(self, move) -> None:
        if move is None:
            return
        deputies = self.app.snapshot.deputies_of(move.ended.id, self.app.today)

        def follow(deputy: Membership):  # deputies follow their member to the new seat
            return lambda saved: dataclasses.replace(deputy, deputy_of=saved[1].id, seat_key=saved[1].seat_key)

        self.app.save_records(
            [move.ended, move.new, *(follow(d) for d in deputies)],
            done=lambda saved: self.select_membership(saved[1]),
        )

    def _save_draft(self, draft) -> None:
        if draft is None:
            return
        if draft.new_person is None:
            self.app.save_record(draft.membership, done=self.select_membership)
            return

        self.app.save_records(
            [draft.new_person, lambda saved: dataclasses.replace(draft.membership, person_id=saved[0].id)],
            done=lambda saved: self.select_membership(saved[1]),
        )


def _seat_name(seat: Seat) -> str:
    return f"Sitz „{seat.label}“" + (" (beratend)" if seat.advisory else "")
