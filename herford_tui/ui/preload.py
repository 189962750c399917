"""Import, once after the start, every module the running app may import later.

The app imports dialogs, exports, documents and the store's writing path when first needed (a
short start). On the shared server an admin may install a new version while colleagues have the
app open: a module first imported after that comes from the new version and may not fit the
modules already loaded (an export dialog ended the app with "cannot import name 'shorten'").
Importing them all in a quiet moment after the first frame leaves little for later.

CPU (one x1 run, after the first frame): ~0.4 s for the 160 modules, paced (``later``), once per
process (the tests start hundreds of apps). Memory: ~14 MB more.

Not imported here: libraries a module imports only when it uses them (openpyxl 0.18 s, python-docx
0.08 s, typst: for Excel and Word files, which few sessions write); a library is whole in itself,
so a newer version imported later still works. ``holidays`` and ``rapidfuzz`` come with the
calendar and the search index.

What is still imported late and fails ends the app with ``UPDATED`` (``ui/common/failures.py``), or, in a
save, is shown in the form with the input kept (``describe_failure``).
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterator

from herford_tui.domain.pacing import later, pace, quiet

PACKAGES = (
    "herford_tui.domain",
    "herford_tui.store",
    "herford_tui.exchange",
    "herford_tui.documents",
    "herford_tui.ui",
)
"""Every module in these packages (the layers the TUI uses; not the CLI's commands, not the web)."""
LIBRARIES = ("textual.command", "textual.await_complete", "markdown_it", "filelock", "tinydb")
"""Libraries the app imports lazily and needs for its everyday work (the palette, help, saving)."""

_started = threading.Lock()
"""Taken by the first call, never given back."""
finished = threading.Event()
"""Set once the modules are imported (tests that swap a module wait for it)."""


def module_names() -> Iterator[str]:
    """The modules to import: the packages' modules (found on disk), then the libraries."""
    import pkgutil  # here, in the preload's thread: not part of the start

    for name in PACKAGES:
        package = importlib.import_module(name)
        yield name
        for info in pkgutil.walk_packages(package.__path__, f"{name}."):
            yield info.name
    yield from LIBRARIES


def pending() -> bool:
    """Not yet begun in this process."""
    return not _started.locked()


def preload() -> None:
    """Import the modules, paced; once per process (a second call returns at once)."""
    if not _started.acquire(blocking=False):
        return
    try:
        with later():
            quiet()
            for name in module_names():
                try:
                    importlib.import_module(name)
                except ImportError:  # already updated: that module is imported when used, or reported then
                    continue
                pace()
    finally:
        finished.set()
