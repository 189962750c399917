"""Fixtures for the Pilot tests of the committee screens.

Every test gets its own database file: the shipped seed (committees, seats, public
institutions) plus a few fictional persons and memberships saved through ``Store.save``
(once per test process; each test gets a copy of the files).
"""

from __future__ import annotations

import copy
import dataclasses
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import textual._wait
from pilot_helpers import TODAY
from textual.pilot import Pilot

from herford_tui.app import HerfordApp, create_app
from herford_tui.domain import Membership, Person, Role, Snapshot
from herford_tui.store import Store

# Pilot's "idle" (after every key and pause) is a window of 20 ms with under 1 ms of CPU, so each
# key cost at least 20 ms of sleep: some 2,000 of them in the Pilot tests. A window of 5 ms finds
# the same idle moment: what a key or message causes runs from the ready queue before the window
# ends, and nothing in the app waits between 5 and 20 ms but the screen's repaint (60 per second),
# which ``pause`` and (below) ``press`` do at their end. (Waits for work that takes time are
# ``settle`` and ``wait_for``, not idleness.)
textual._wait.SLEEP_GRANULARITY = 0.005
textual._wait.SLEEP_IDLE = textual._wait.SLEEP_GRANULARITY / 20
_press = Pilot.press


async def _press_and_repaint(self: Pilot, *keys: str) -> None:
    await _press(self, *keys)
    try:
        screen = self.app.screen
    except Exception:  # the keys ended the app: nothing left to repaint
        return
    screen._on_timer_update()  # the repaint the keys caused, as after ``pause``


Pilot.press = _press_and_repaint  # type: ignore[method-assign]


@dataclass
class World:
    """Ids of what the fixture saved, so tests need not search for them."""

    path: Path
    lenkungskreis: int
    leitungsteam: int
    konferenz: int
    arbeitskreise: list[int]
    org: dict[str, int]
    person: dict[str, int]
    membership: dict[str, int]

    def store(self) -> Store:
        """A fresh Store on the file, as another process would open it."""
        return Store(self.path).open()

    def read(self) -> Snapshot:
        return self.store().snapshot()

    def bytes(self) -> bytes:
        return self.path.read_bytes()

    def app(self, **kwargs) -> HerfordApp:
        """The real app on this file, "today" frozen; polling fast so colleagues' changes show soon."""
        kwargs.setdefault("poll_interval", 0.1)
        app = create_app(self.path, today=lambda: TODAY, **kwargs)
        # No sliding tab underline: it renders ~18 frames per tab switch that Pilot waits for.
        app.animation_level = "none"
        return app


def _committee_id(snapshot: Snapshot, name: str) -> int:
    return next(c.id for c in snapshot.committees.values() if c.name == name)


@pytest.fixture(scope="session")
def built_world(tmp_path_factory: pytest.TempPathFactory) -> World:
    """The world, built once per test process: its saves (each verified) cost ~50 ms a test."""
    return build_world(tmp_path_factory.mktemp("world") / "herford.json")


@pytest.fixture
def world(built_world: World, tmp_path: Path) -> World:
    """The built world's files (the database and what the store wrote beside it: log, backups,
    lock) copied into the test's own folder: the same ids and bytes as building it there, as no
    file holds its own path."""
    for file in built_world.path.parent.iterdir():
        shutil.copy2(file, tmp_path / file.name)
    return dataclasses.replace(copy.deepcopy(built_world), path=tmp_path / built_world.path.name)


def build_world(path: Path) -> World:
    """The seed plus a Lenkungskreis with a chair, a mayor and her deputy, and the office lead."""
    store = Store(path).open()
    snap = store.snapshot()
    org = {o.name: o.id for o in snap.organisations.values()}
    lk = _committee_id(snap, "Lenkungskreis")
    persons = {
        "mustermann": Person(
            given_name="Erika",
            family_name="Mustermann",
            function="Landrätin",
            organisation_id=org["Kreis Herford"],
            email="e.mustermann@example.org",
        ),
        "beispiel": Person(
            given_name="Bernd", family_name="Beispiel", function="Bürgermeister", organisation_id=org["Stadt Bünde"]
        ),
        "probe": Person(
            given_name="Paula", family_name="Probe", function="Erste Beigeordnete", organisation_id=org["Stadt Bünde"]
        ),
        "test": Person(
            given_name="Tobias",
            family_name="Test",
            function="Leitung Bildungsbüro",
            organisation_id=org["Bildungsbüro des Kreises Herford"],
        ),
        "muster": Person(given_name="Max", family_name="Muster", function="Schulrat"),
    }
    person = {key: store.save(p).id for key, p in persons.items()}
    start = date(2025, 1, 1)
    vorsitz = store.save(
        Membership(
            person_id=person["mustermann"],
            committee_id=lk,
            seat_key="landrat",
            role=Role.VORSITZ,
            represents_id=org["Kreis Herford"],
            start=start,
        )
    )
    bm = store.save(
        Membership(
            person_id=person["beispiel"],
            committee_id=lk,
            seat_key="buergermeister",
            represents_id=org["Stadt Bünde"],
            start=start,
        )
    )
    deputy = store.save(
        Membership(
            person_id=person["probe"],
            committee_id=lk,
            seat_key="buergermeister",
            role=Role.STELLVERTRETUNG,
            deputy_of=bm.id,
            start=start,
        )
    )
    gf = store.save(
        Membership(
            person_id=person["test"],
            committee_id=lk,
            seat_key="bildungsbuero",
            role=Role.GESCHAEFTSFUEHRUNG,
            start=date(2024, 3, 1),
        )
    )
    aks = [c.id for c in snap.active_committees() if c.name.startswith("Arbeitskreis")]
    return World(
        path=path,
        lenkungskreis=lk,
        leitungsteam=_committee_id(snap, "Regionales Leitungsteam"),
        konferenz=_committee_id(snap, "Bildungskonferenz"),
        arbeitskreise=aks,
        org=org,
        person=person,
        membership={"vorsitz": vorsitz.id, "bm": bm.id, "deputy": deputy.id, "gf": gf.id},
    )
