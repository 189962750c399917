"""The package was updated on the server while the app ran: a module imported late from the new
version does not fit (``ImportError``). The app ends with a German message instead of a traceback;
a save hit by it keeps the form and its input (``ui/preload.py``, ``ui/common/failures.py``)."""

from __future__ import annotations

import asyncio
import sys
import time
import types

import pytest
from pilot_helpers import SIZE, wait_for
from textual import events
from textual.widgets import Input

from herford_tui.app import HerfordApp
from herford_tui.domain import Person
from herford_tui.ui.directory.person_form import PersonForm
from herford_tui.ui.preload import finished as preloaded
from herford_tui.ui.preload import preload


async def until_ended(app: HerfordApp, timeout: float = 20.0) -> bool:
    """Poll until the app has ended. Not ``wait_for``: its ``pilot.pause`` waits for the screen
    to process its messages, which a screen closed meanwhile never does (a 30 s timeout)."""
    deadline = time.monotonic() + timeout
    while app.is_running and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    return not app.is_running


def updated(monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    """``module`` as the new version has it: without the names the running app imports from it.
    After the warm-up (it may run in this process, from an earlier test's app): it would put the
    module back, or trip over the stand-in."""
    preload()  # at once if no app began it
    assert preloaded.wait(60)
    monkeypatch.setitem(sys.modules, module, types.ModuleType(module))


async def test_an_import_that_no_longer_fits_ends_the_app_with_a_german_message(world, monkeypatch, capsys):
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        updated(monkeypatch, "herford_tui.ui.export_dialog")
        # the key as the terminal sends it (``pilot.press`` waits for the screen, which ended)
        app.post_message(events.Key("E", "E"))
        assert await until_ended(app)
    assert app.return_code == 1
    said = " ".join(capsys.readouterr().err.split())  # as printed when the terminal is back
    assert "während der Sitzung auf dem Server aktualisiert" in said and "neu starten" in said
    assert "Traceback" not in said and "ImportError" not in said


async def test_a_save_that_hits_it_keeps_the_form_and_says_so_in_german(world, monkeypatch):
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(PersonForm(Person()))
        assert await wait_for(pilot, lambda: isinstance(app.screen, PersonForm) and bool(app.screen.query("#phone")))
        form = app.screen
        form.query_one("#given_name", Input).value = "Zora"
        form.query_one("#family_name", Input).value = "Neuland"
        updated(monkeypatch, "herford_tui.store.storages")  # the store's writing path
        await pilot.press("ctrl+s")
        status = form.query_one("#save-status")
        # the save worker posts its failure (SaveFailed) to the form: wait for the line it writes
        assert await wait_for(pilot, lambda: "Nicht gespeichert" in str(status.render())), status.render()
        assert app.is_running and app.screen is form
        assert "auf dem Server aktualisiert" in str(status.render()), status.render()
        assert form.query_one("#family_name", Input).value == "Neuland"
    assert not [p for p in world.read().persons.values() if p.family_name == "Neuland"]


def fails_on_import() -> None:
    """A worker's work that meets a changed module (as the document dialog's would)."""
    raise ImportError("cannot import name 'shorten' from 'herford_tui.domain.text'")


@pytest.mark.parametrize("exit_on_error", [True, False])
async def test_a_worker_that_hits_it_ends_the_app_with_the_german_message(world, exit_on_error):
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.run_worker(fails_on_import, thread=True, exit_on_error=exit_on_error)
        assert await until_ended(app)
    assert app.return_code == 1
    assert app.ended_because is not None and "während der Sitzung auf dem Server aktualisiert" in app.ended_because


async def test_a_quiet_worker_that_hits_it_keeps_unsaved_input(world):
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(PersonForm(Person()))
        assert await wait_for(pilot, lambda: isinstance(app.screen, PersonForm) and bool(app.screen.query("#phone")))
        form = app.screen
        form.query_one("#family_name", Input).value = "Neuland"
        app.run_worker(fails_on_import, thread=True, exit_on_error=False)
        said = "auf dem Server aktualisiert. Ungespeicherte Eingaben stehen noch im Formular"
        assert await wait_for(pilot, lambda: any(said in str(n.message) for n in app._notifications))
        assert app.is_running and app.screen is form
        assert form.query_one("#family_name", Input).value == "Neuland"
