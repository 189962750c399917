""" "Änderungen" (L) filtered by a first name several persons bear: each entry was checked once
per person of that name (at x1, 56 "Thomas" made 5 s a pass, at every key typed, in threads
that went on after the next key), and meanwhile the old rows stood under the new filter with
the old "Die neuesten 1.000 …" line, as if they were its result. The rows are the entries of
any of those persons, found in one pass, and the line says "Wird gefiltert …" until they are."""

from __future__ import annotations

import threading
from datetime import date

from pilot_helpers import SIZE, screen_text, shown, wait_for
from textual.widgets import DataTable, Input

from herford_tui.domain import Meeting, MeetingAttendance, Person
from herford_tui.domain.audit_text import matches
from herford_tui.store.log_reader import read_entries
from herford_tui.ui import changes
from herford_tui.ui.changes import ChangesScreen, Filters, filtered


async def test_a_shared_first_name_filters_to_all_who_bear_it_and_says_it_is_filtering(world, monkeypatch):
    store = world.store()
    ute = store.save(Person(given_name="Ute", family_name="Quast"))
    other_ute = store.save(Person(given_name="Ute", family_name="Rebmann"))
    meeting = store.save(
        Meeting(committee_id=world.lenkungskreis, date=date(2026, 11, 2), attendance=[MeetingAttendance(other_ute.id)])
    )
    gate = threading.Event()
    real = changes.filtered

    def held(entries, snapshot, filters, cancelled=lambda: False):
        if filters.person:  # the first read (no filter) goes through
            gate.wait(timeout=20)
        return real(entries, snapshot, filters, cancelled)

    monkeypatch.setattr(changes, "filtered", held)
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("L")
        screen = await shown(pilot, ChangesScreen)
        table = screen.query_one("#changes", DataTable)
        assert await wait_for(pilot, lambda: table.row_count > 0)
        await pilot.press("f")
        assert await wait_for(pilot, lambda: screen.query_one("#filter-person", Input).has_focus)
        await pilot.press("u", "t", "e")
        assert await wait_for(pilot, lambda: "Wird gefiltert …" in screen_text(app)), screen_text(app)
        gate.set()
        assert await wait_for(pilot, lambda: "Änderungen, die neueste zuerst." in screen_text(app))
        records = {str(getattr(table.get_row_at(i)[2], "plain", "")) for i in range(table.row_count)}
        assert records == {
            f"Person {ute.id} Ute Quast",
            f"Person {other_ute.id} Ute Rebmann",
            f"Sitzung {meeting.id} Lenkungskreis am 02.11.2026",
        }
    # the file's entries: what the screen found is what each person's own filter finds
    entries = read_entries(world.path)
    both = {id(e) for e in entries if matches(e, persons={ute.id, other_ute.id})}
    each = {id(e) for e in entries if matches(e, person_id=ute.id) or matches(e, person_id=other_ute.id)}
    assert both == each and len(both) == 3
    assert filtered(entries, world.read(), Filters(person="ute"), lambda: True) is None  # a newer filter: stops
