"""Acceptance for item 2 of issue 6: a form stays open with its input until the save is on
disk; every failure is said in German in the form, and the file stays as it was."""

from __future__ import annotations

import dataclasses
import errno
import subprocess
import sys
import threading

import pytest
from pilot_helpers import SIZE, form_ready, goto_row, notified, replace_text, settle, tab_to, wait_for

from herford_tui.store import SaveCancelled, files
from herford_tui.ui.committees.membership_form import MembershipForm
from herford_tui.ui.common.confirm import ConfirmScreen
from herford_tui.ui.common.saving import WAITING


def status(app) -> str:
    return str(app.screen.query_one("#save-status").render())


async def edit_notes(pilot, app, world, text: str = "Wichtig") -> MembershipForm:
    await goto_row(pilot, app, world.lenkungskreis, "Bernd Beispiel")
    await pilot.press("e")
    form = await form_ready(pilot, MembershipForm)  # Tab pressed before reached no field of it
    await tab_to(pilot, "#notes")
    await replace_text(pilot, text)
    return form


async def save_and_expect_failure(pilot, app, world, form, *words: str) -> None:
    before = world.bytes()
    await pilot.press("ctrl+s")
    # the save worker posts its failure to the form: wait for this failure's words (the line
    # still shows the one before until the key is handled)
    assert await wait_for(pilot, lambda: all(word in status(app) for word in words)), status(app)
    assert app.screen is form, "the form closed although nothing was saved"
    assert form.query_one("#notes").value == "Wichtig"  # the input is still there
    shown = status(app)
    for word in (*words, "Ihre Eingaben stehen noch im Formular"):
        assert word in shown, shown
    assert world.bytes() == before
    assert not list(world.path.parent.glob(f".{world.path.name}.tmp-*"))  # no temp file left
    assert world.read().memberships[world.membership["bm"]].notes == ""


def refuse(self, data):
    raise PermissionError(errno.EACCES, "Permission denied", str(self.path.parent))


def full(fd):
    raise OSError(errno.ENOSPC, "No space left on device")


def broken(self, *args, **kwargs):
    raise RuntimeError("kaputt")


# Each failure, where it happens (the fsync is in the real write path: temp file written, not
# synced), and the words it is said with.
FAILURES = [
    ((files.DatabaseFile, "write", refuse), ("Keine Schreibrechte", "unverändert")),
    ((files.os, "fsync", full), ("kein Platz mehr", "Platz schaffen")),
    ((files.DatabaseFile, "write", broken), ("unerwarteter Fehler", "kaputt")),
]


async def test_each_failure_is_said_in_the_form_that_stays_open(world, monkeypatch):
    """No permission, a full disk, an unexpected error: one after the other in the same form (it
    stays open with its input after each, so one app start serves all three). Each save says
    only its own failure: the one before is gone from the status line."""
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        form = await edit_notes(pilot, app, world)
        said_before: tuple[str, ...] = ()
        for (where, name, failure), words in FAILURES:
            with monkeypatch.context() as patch:
                patch.setattr(where, name, failure)
                await save_and_expect_failure(pilot, app, world, form, *words)
            assert not any(word in status(app) for word in said_before), status(app)
            said_before = words


async def test_file_gone(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        form = await edit_notes(pilot, app, world)
        content = world.bytes()
        world.path.rename(world.path.with_suffix(".verschoben"))
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: "gibt es nicht" in status(app)), status(app)
        assert app.screen is form and form.query_one("#notes").value == "Wichtig"
        assert "gibt es nicht" in status(app) and "Ihre Eingaben" in status(app)
        assert not world.path.exists()  # not recreated behind the user's back
        assert world.path.with_suffix(".verschoben").read_bytes() == content


@pytest.fixture
def lock_held(world):
    """Another process holds the database lock until the test lets go."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from filelock import FileLock; lock = FileLock(sys.argv[1]); lock.acquire();"
            " print('held', flush=True); sys.stdin.read()",
            str(world.path) + ".lock",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    yield holder
    holder.kill()
    holder.wait(timeout=10)


async def test_waiting_for_the_lock_says_so_and_esc_cancels(world, lock_held):
    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        form = await edit_notes(pilot, app, world)
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: WAITING in status(app)), status(app)
        await pilot.press("escape")  # gives up waiting; the form stays
        assert await wait_for(pilot, lambda: "Nichts wurde gespeichert" in status(app)), status(app)
        assert app.screen is form and form.query_one("#notes").value == "Wichtig"
        assert "abgebrochen" in status(app) and "Nichts wurde gespeichert" in status(app)
        assert world.bytes() == before

        # Saving again once the colleague is done goes through and closes the form.
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: WAITING in status(app))
        lock_held.kill()
        assert await wait_for(pilot, lambda: app.screen is not form)
    assert world.read().memberships[world.membership["bm"]].notes == "Wichtig"


async def test_quitting_while_waiting_for_the_lock_does_not_block(world, lock_held, monkeypatch):
    """Quitting gives up a save that waits for a colleague's lock: the quit sets the save's cancel
    and the wait ends with ``SaveCancelled`` while the colleague still holds the lock, not with the
    lock timeout's ``Timeout`` 30 s later (what the user would wait for) nor by the lock coming free."""
    waits_ended: list[BaseException | None] = []
    ended = threading.Event()
    acquire = files._acquire

    def watched(lock, cancel, on_wait):
        if cancel is None:  # not a save the user can give up
            return acquire(lock, cancel, on_wait)
        try:
            acquire(lock, cancel, on_wait)
        except BaseException as exc:
            waits_ended.append(exc)
            raise
        else:
            waits_ended.append(None)
        finally:
            ended.set()

    monkeypatch.setattr(files, "_acquire", watched)
    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        form = await edit_notes(pilot, app, world)
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: WAITING in status(app))
        cancel = form._cancel
        assert cancel is not None
        await pilot.press("ctrl+q")  # the form holds unsaved input: asked first
        await form_ready(pilot, ConfirmScreen)  # "j" pressed before it would be typed into the notes
        assert not cancel.is_set() and not ended.is_set()  # still waiting while the question is open
        await pilot.press("j")
    assert cancel.is_set()  # the quit itself told the save to give up
    assert ended.wait(files.LOCK_TIMEOUT + 30)  # only against a hang: a wait not cancelled ends in Timeout
    assert len(waits_ended) == 1 and isinstance(waits_ended[0], SaveCancelled), waits_ended
    assert lock_held.poll() is None  # the colleague never let go: the quit ended the wait
    assert world.bytes() == before


async def test_delete_meeting_a_colleagues_change_asks_again(world):
    """Never "Gelöscht." when nothing was deleted: the dialog says what changed and asks again."""
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Tobias Test")
        await pilot.press("delete")
        dialog = await form_ready(pilot, ConfirmScreen)
        colleague = world.store()
        gf = colleague.snapshot().memberships[world.membership["gf"]]
        colleague.save(dataclasses.replace(gf, notes="vom Kollegen"))
        before = world.bytes()
        await pilot.press("j")
        # the delete worker finds the change and the dialog asks again (a message from it)
        question_line = dialog.query_one("#question")
        assert await wait_for(pilot, lambda: "inzwischen geändert" in str(question_line.render()))
        assert app.screen is dialog and world.bytes() == before
        question = str(question_line.render())
        assert "inzwischen geändert" in question and "Trotzdem löschen?" in question
        assert not any("Gelöscht" in str(n.message) for n in app._notifications)
        await pilot.press("j")  # yes, delete anyway
        assert await wait_for(pilot, lambda: app.screen is not dialog)
        assert await wait_for(pilot, lambda: notified(app, "Gelöscht"))
    assert world.membership["gf"] not in world.read().memberships


async def test_a_form_result_saved_again_by_an_old_style_caller_is_not_written_twice(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        form = await edit_notes(pilot, app, world)
        results = []
        form.dismiss = results.append  # what the caller's callback gets
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: bool(results))
        saved = results[0].membership
        assert saved.notes == "Wichtig"
        before = world.bytes()
        handed_back = []
        app.save_record(saved, done=handed_back.append)
        assert await wait_for(pilot, lambda: bool(handed_back))
        await settle(app, pilot)  # a second write, if one began, has ended
        assert handed_back == [saved] and world.bytes() == before
