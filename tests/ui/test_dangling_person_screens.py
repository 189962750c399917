"""A person the file no longer holds (a colleague deleted the record, an import left the id) reads
the same in the roster and on the meeting screen (``Snapshot.person_name``): the roster showed
"?", the meeting screen "Person 5 (gelöscht)"."""

from __future__ import annotations

import json
from datetime import date

from pilot_helpers import SIZE, roster_ready, roster_text, screen_text, wait_for

from herford_tui.domain import AgendaItem, Meeting, Membership, Task
from herford_tui.ui.meetings.screen import MeetingScreen


async def test_the_roster_and_the_meeting_screen_name_a_missing_person_alike(world):
    gone = world.person["muster"]
    store = world.store()
    store.save(Membership(person_id=gone, committee_id=world.lenkungskreis, seat_key="untere_schulaufsicht",
                          start=date(2025, 1, 1)))  # fmt: skip
    task = Task(what="Antrag stellen", person_id=gone)
    meeting = store.save(Meeting(committee_id=world.lenkungskreis, date=date(2026, 12, 3),
                                 agenda=[AgendaItem(number="1", title="Haushalt", tasks=[task])]))  # fmt: skip
    data = json.loads(world.path.read_text(encoding="utf-8"))
    del data["persons"][str(gone)]  # as an import or an old version may leave a file
    world.path.write_text(json.dumps(data), encoding="utf-8")
    name = f"Person {gone} (gelöscht)"
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await roster_ready(pilot)
        assert await wait_for(pilot, lambda: any(name in row for row in roster_text(app, world.lenkungskreis))), (
            roster_text(app, world.lenkungskreis)
        )
        app.open_meeting(meeting.id)
        assert await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen) and "Haushalt" in screen_text(app))
        assert await wait_for(pilot, lambda: f"Antrag stellen – {name}" in screen_text(app)), screen_text(app)
