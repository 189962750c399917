"""The store's cancel hook: a save waiting for a colleague's lock says so once and can give up."""

from __future__ import annotations

import threading

import pytest
from filelock import FileLock

from herford_tui.domain import Organisation
from herford_tui.store import SaveCancelled, Store


def test_a_save_waiting_for_the_lock_is_told_and_can_be_cancelled(tmp_path):
    store = Store(tmp_path / "db.json").open()
    before = store.path.read_bytes()
    colleague = FileLock(str(store.path) + ".lock", thread_local=False)
    colleague.acquire()
    cancel = threading.Event()
    waits: list[bool] = []

    def on_wait() -> None:
        waits.append(True)
        cancel.set()  # the user presses Esc

    try:
        with pytest.raises(SaveCancelled, match="Nichts wurde gespeichert"):
            store.save_all([Organisation(name="Neu")], cancel=cancel, on_wait=on_wait)
    finally:
        colleague.release()
    assert waits == [True] and store.path.read_bytes() == before
    # Once the colleague is done, the same save goes through without waiting.
    saved = store.save_all([Organisation(name="Neu")], cancel=threading.Event(), on_wait=waits.clear)
    assert saved[0].id and waits == [True]
