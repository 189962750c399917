"""One committee: what it is, who sits where, and the roster actions.

The view only mounts, binds keys and asks: what it shows comes from ``presentation``,
what a roster change saves comes from ``domain.plans``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Span
from textual.reactive import reactive
from textual.widgets import DataTable, Static

from herford_tui.domain import Committee, Membership, Record, Role, Snapshot
from herford_tui.domain.roster import RosterLine, roster_lines
from herford_tui.ui.committees.presentation import COLUMNS, Row, committee_info, cursor_row, member_detail, roster_rows
from herford_tui.ui.common.fit import Plan, plan_columns
from herford_tui.ui.common.layout import FITTED
from herford_tui.ui.common.row_table import RowTable
from herford_tui.ui.common.view import SnapshotView
from herford_tui.ui.data import WriteJob

if TYPE_CHECKING:
    from herford_tui.ui.committees.end_form import Move
    from herford_tui.ui.committees.membership_form import MembershipDraft


class CommitteeView(SnapshotView):
    BINDINGS = [
        Binding("a", "add_member", "Neu", id="committee.add_member"),
        Binding("e", "edit_member", "Ändern", id="committee.edit_member"),
        Binding("x", "end_member", "Austritt", id="committee.end_member"),
        Binding("v", "add_deputy", "Vertretung", id="committee.add_deputy"),
        Binding("m", "move_member", "Sitz", show=False, id="committee.move_member"),
        Binding("w", "change_role", "Rolle", show=False, id="committee.change_role"),
        Binding("c", "hand_over_chair", "Vorsitz", show=False, id="committee.hand_over_chair"),
        Binding("delete", "delete_member", "Löschen", show=False, id="committee.delete_member"),
        Binding("h", "toggle_history", "Verlauf", id="committee.history"),
        Binding("g", "edit_committee", "Gremium", show=False, id="committee.edit"),
        Binding("n", "new_committee", "Neues Gremium", show=False, id="committee.new"),
        Binding("p", "edit_person", "Person", show=False, id="committee.edit_person"),
        Binding("i", "open_person", "Personenseite", show=False, id="committee.open_person"),
        Binding("s", "meetings", "Sitzungen", show=False, id="committee.meetings"),
        Binding("r", "archive_committee", "Archiv", show=False, id="committee.archive"),
    ]

    show_history: reactive[bool] = reactive(False)

    def __init__(self, committee_id: int, *, id: str | None = None, focus: bool = False):
        super().__init__(id=id, classes="committee-view")
        self.committee_id = committee_id
        self.lines: list[RosterLine] = []
        self._focus_on_mount = focus
        self._wanted: int | None = None
        """A membership to put the cursor on at the next refresh (search, saves)."""
        self._rows: list[Row] = []
        self._shown: list[Row] = []
        """The rows the table holds now (``_fill`` changes only the cells that differ from them)."""
        self._info: tuple[str, list[Span]] | None = None
        """The info line shown now (an update lays out the whole screen)."""
        self._plan: Plan | None = None
        self._width = 0

    def compose(self) -> ComposeResult:
        yield Static(id="committee-info", classes="committee-info")
        yield RowTable(id="roster", cursor_type="row", zebra_stripes=True, classes=FITTED)
        yield Static(id="member-detail", classes="member-detail")

    def on_mount(self) -> None:
        table = self.query_one("#roster", DataTable)
        # The detail's height and wrapping are in app.tcss (#member-detail): a fixed height per
        # terminal size, so the roster above never changes height under the cursor.
        if self._focus_on_mount:  # the view shown at start: its keys work from the first key press
            table.focus()
        super().on_mount()
        # A committee view is only built when it is about to be shown (a tab's first showing, a
        # pick in a shared tab): filled now, its first frame already has the data, where waiting
        # for the Show event would paint an empty roster first (and lay it out twice).
        self._catch_up()

    # -- showing -----------------------------------------------------------------
    @property
    def committee(self) -> Committee | None:
        return self.herford.snapshot.committees.get(self.committee_id)

    def refresh_data(self, snapshot: Snapshot) -> None:
        committee = snapshot.committees.get(self.committee_id)
        if committee is None:  # deleted by a colleague; the tab goes with the next tab sync
            return
        today = self.herford.today
        info = committee_info(snapshot, committee, today)
        shown = (info.plain, list(info.spans))
        if shown != self._info:  # an update lays out the whole screen again
            self.query_one("#committee-info", Static).update(info)
            self._info = shown
        table = self.query_one("#roster", RowTable)
        old_lines, old_row = self.lines, table.cursor_row
        self.lines = roster_lines(snapshot, committee.id, today, history=self.show_history)
        wanted, self._wanted = self._wanted, None
        self._rows = roster_rows(snapshot, self.lines)
        self._fill(table)
        if self.lines:
            table.move_cursor(row=cursor_row(old_lines, old_row, self.lines, wanted=wanted))
        self._show_detail()

    def _fill(self, table: RowTable) -> None:
        """The rows, under the columns that fit the width (by priority, dates whole). Before the
        first layout the terminal's width stands in for the table's: each cell is made once."""
        width = table.size.width or self.size.width or self.app.size.width
        plan = plan_columns(COLUMNS, [[cell.plain for cell in row] for row in self._rows], width)
        shown, self._shown = self._shown, self._rows
        if plan == self._plan and len(shown) == len(self._rows) == table.row_count:
            # The same columns and lines (a save changed a member): only the cells that differ,
            # so the table keeps its rows and sizes (no clear, no measuring of every row again).
            for i, (old, new) in enumerate(zip(shown, self._rows, strict=True)):
                for column in plan.shown:
                    if _differ(old[column], new[column]):
                        table.update_cell(str(i), str(column), new[column])
            self._width = width
            return
        table.fill_planned(COLUMNS, plan, self._rows, same=plan == self._plan)
        self._plan, self._width = plan, width

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit_width)  # after the layout: the table's own width is known then

    def fit_width(self) -> None:
        # Called after a refresh: the view may be gone by then (its committee archived).
        table = next(iter(self.query("#roster").results(RowTable)), None)
        if table is not None and table.size.width and table.size.width != self._width:
            row = table.cursor_row
            self._fill(table)
            if self.lines:
                table.move_cursor(row=row)

    def watch_show_history(self) -> None:
        if self.is_mounted:
            self.refresh_data(self.herford.snapshot)

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
        snapshot, today = self.herford.snapshot, self.herford.today
        detail = member_detail(snapshot, self.current_line, self.committee_id, today)
        box = self.query_one("#member-detail", Static)
        # The detail's height is fixed (app.tcss, #member-detail): its text is cut with "…" or, on a
        # tall screen, wrapped, and what does not fit is cut at the bottom (a Static never scrolls
        # its own text). So its text never needs a layout, which would cost a third of a key's
        # time: it was done whenever the text's height changed (every third key in the tour).
        box.update(detail, layout=False)

    @property
    def current_line(self) -> RosterLine | None:
        table = self.query_one("#roster", DataTable)
        if not 0 <= table.cursor_row < len(self.lines):
            return None
        return self.lines[table.cursor_row]

    def select_membership(self, membership: Record) -> None:
        """Put the cursor on a membership just saved."""
        self.select_membership_id(membership.id)

    def select_membership_id(self, membership_id: int) -> None:
        """Put the cursor on a membership now, or at the next refresh if it is not shown yet."""
        self._wanted = membership_id  # a catch-up refresh still to come keeps it too
        for i, line in enumerate(self.lines):
            if line.membership is not None and line.membership.id == membership_id:
                self.query_one("#roster", DataTable).move_cursor(row=i)
                return

    def _selected_membership(self) -> Membership | None:
        line = self.current_line
        if line is None or line.membership is None:
            self.notify("Bitte zuerst eine Mitgliedschaft auswählen.", severity="warning")
            return None
        return line.membership

    def _ended(self, m: Membership) -> bool:
        """Warn and say True for a membership in the history: it is not acted on any more."""
        if m.end is not None and m.end < self.herford.today:
            self.notify("Diese Mitgliedschaft ist schon beendet.", severity="warning")
            return True
        return False

    # -- actions -----------------------------------------------------------------
    def action_add_member(self) -> None:
        from herford_tui.domain.membership_input import seat_for_new_member  # a form's rules: not at start
        from herford_tui.ui.committees.membership_form import MembershipForm

        line = self.current_line
        highlighted = line.seat.key if line and line.seat else None
        seat_key = seat_for_new_member(self.herford.snapshot, self.committee_id, highlighted, self.herford.today)
        self.ask(MembershipForm(self.committee_id, seat_key=seat_key), callback=self._saved_draft)

    def action_edit_member(self) -> None:
        from herford_tui.ui.committees.membership_form import MembershipForm

        m = self._selected_membership()
        if m is not None:
            self.ask(MembershipForm(self.committee_id, membership=m), callback=self._saved_draft)

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
        self.ask(MembershipForm(self.committee_id, deputy_for=m), callback=self._saved_draft)

    def action_move_member(self) -> None:
        from herford_tui.ui.committees.end_form import MoveForm

        m = self._selected_membership()
        if m is None or self._ended(m):
            return
        if m.deputy_of:
            self.notify("Eine Stellvertretung wechselt mit ihrem Mitglied den Sitz.", severity="warning")
            return
        self.ask(MoveForm(m), callback=self._moved)

    def action_change_role(self) -> None:
        from herford_tui.ui.committees.role_form import ChangeRoleForm

        m = self._selected_membership()
        if m is not None and not self._ended(m):
            self.ask(ChangeRoleForm(m), callback=self._save_plan)

    def action_hand_over_chair(self) -> None:
        from herford_tui.ui.committees.role_form import HandOverChairForm

        line = self.current_line
        self.ask(
            HandOverChairForm(self.committee_id, preselect=line.membership if line else None), callback=self._save_plan
        )

    def _save_plan(self, plan) -> None:
        """A role change or chair hand-over is on disk: the cursor goes to the new role."""
        if plan is not None:
            self.select_membership(plan.items[plan.focus])

    def action_end_member(self) -> None:
        from herford_tui.ui.committees.end_form import EndMembershipForm

        m = self._selected_membership()
        if m is None or self._ended(m):
            return
        self.ask(EndMembershipForm(m))

    def action_delete_member(self) -> None:
        from herford_tui.domain.deletion import deputies_of, referring
        from herford_tui.ui.common.confirm import ConfirmScreen

        m = self._selected_membership()
        if m is None:
            return
        snapshot = self.herford.snapshot
        who = snapshot.person_name(m.person_id)
        # The store refuses while deputies hang on it (``referring``, the one rule): name them
        # before anything is confirmed, with the way on, instead of failing after "Ja".
        blocking = referring(snapshot, m)
        if blocking:  # only deputies point at a membership: offer to delete them with it
            deputies = deputies_of(snapshot, m)
            self.ask(
                ConfirmScreen(
                    f"Die Mitgliedschaft von {who} hat Stellvertretungen:\n• " + "\n• ".join(blocking) + "\n"
                    "Alle zusammen endgültig löschen? Nur für irrtümliche Einträge. Wer ausscheidet, "
                    "wird mit „x“ beendet (die Stellvertretungen enden mit) und bleibt als Verlauf erhalten.",
                    title="Mit Stellvertretungen löschen?",
                    yes="Alle löschen",
                    job=WriteJob([m, *deputies], delete=True),
                    edit_what="Löschen",
                )
            )
            return
        self.ask(
            ConfirmScreen(
                f"Mitgliedschaft von {who} endgültig löschen?\n"
                "Nur für irrtümliche Einträge. Wer ausscheidet, wird mit „x“ beendet "
                "und bleibt als Verlauf erhalten.",
                yes="Löschen",
                job=WriteJob([m], delete=True),
                edit_what="Löschen",
            )
        )

    def action_toggle_history(self) -> None:
        self.show_history = not self.show_history
        self.notify("Verlauf eingeblendet." if self.show_history else "Verlauf ausgeblendet.", timeout=2)

    def action_edit_committee(self) -> None:
        from herford_tui.ui.committees.committee_form import CommitteeForm

        if self.committee is not None:
            self.ask(CommitteeForm(self.committee))

    def action_new_committee(self) -> None:
        from herford_tui.ui.committees.committee_form import CommitteeForm

        self.ask(CommitteeForm(None), callback=self._show_new_committee)

    def _show_new_committee(self, committee: Committee | None) -> None:
        if committee is not None:  # saved: the tabs are rebuilt for it; then show it
            self.app.call_after_refresh(self.herford.show_id, committee.id)

    def action_edit_person(self) -> None:
        from herford_tui.ui.directory.person_form import PersonForm

        m = self._selected_membership()
        person = self.herford.snapshot.persons.get(m.person_id) if m else None
        if person is not None:
            self.ask(PersonForm(person))

    def action_open_person(self) -> None:
        m = self._selected_membership()
        if m is not None:
            self.herford.open_person(m.person_id)

    def action_meetings(self) -> None:
        if self.committee is not None:
            self.herford.show_meetings_of(self.committee.id)

    def action_archive_committee(self) -> None:
        from herford_tui.domain.directory import count_text
        from herford_tui.domain.labels import format_date
        from herford_tui.domain.schedule import still_planned  # a dialog's text: not at start
        from herford_tui.ui.common.confirm import ConfirmScreen

        c = self.committee
        if c is None:
            return
        verb = "wiederherstellen" if c.archived else "archivieren"

        note = "" if c.archived else " Der Reiter verschwindet; Mitgliedschaften und Sitzungen bleiben erhalten."
        if not c.archived and (ahead := still_planned(self.herford.snapshot, c.id, self.herford.today)):
            note += (
                f" {count_text(len(ahead), 'Sitzung ist', 'Sitzungen sind')} noch angesetzt (ab "
                f"{format_date(ahead[0].date)}); sie bleiben es: falls sie entfallen, vorher absagen („s“ zeigt sie)."
            )
        job = WriteJob([c.restored() if c.archived else c.archived_as_of(self.herford.today)])
        question = f"Gremium „{c.name}“ {verb}?{note}"
        self.ask(ConfirmScreen(question, yes=verb.capitalize(), job=job, edit_what="Archivieren"))

    # -- after a form saved (the forms write themselves) -------------------------

    def _moved(self, move: Move | None) -> None:
        if move is not None:
            self.select_membership(move.new)

    def _saved_draft(self, draft: MembershipDraft | None) -> None:
        if draft is not None:
            self.select_membership(draft.membership)


def _differ(old: Text, new: Text) -> bool:
    """Two cells look different (``Text ==`` compares the letters and spans, not the style)."""
    return old.plain != new.plain or old.style != new.style or old.spans != new.spans
