"""The ``herford-tui`` command's entry point, and the app's start.

``herford-tui`` with nothing but the app's own options (``--db``, ``--open``, ``--read-only``, each
once, with a value click would read the same way) starts the app without click and the CLI
module: importing them cost some 5 ms of CPU of a cold start's ~240 (x1), where the bare Textual
app the start is measured against has none. Anything else (a command, ``--help``, an unknown or
repeated option, shell completion) goes to ``cli.main`` as before, and so does any failure of a
start without click: ``cli.main.ended_by`` ends it as a start through click ends (German messages,
exit codes). ``cli.main`` starts the app through ``start_app`` here too: one way to start it.

``cli`` is loaded by name (as it loads the command modules): it is the layer above this one.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import NoReturn

ENV_DB = "HERFORD_TUI_DB"

_VALUES = {"--db": "db", "--open": "open_view"}
_FLAGS = {"--read-only": "read_only"}


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("herford-tui", appauthor=False) / "herford.json"


def resolve_db(db: str | None) -> Path:
    """``--db``, else ``$HERFORD_TUI_DB``, else the user data folder."""
    if db:
        return Path(db).expanduser()
    if os.environ.get(ENV_DB):
        return Path(os.environ[ENV_DB]).expanduser()
    return default_db_path()


def _cli() -> ModuleType:
    return importlib.import_module("herford_tui.cli")


def plain_start(args: list[str]) -> dict[str, str | bool] | None:
    """The app's options if ``args`` holds nothing else, else None (then click reads them).

    Only what click reads the same way: ``--db PATH``, ``--db=PATH``, ``--open VIEW``,
    ``--open=VIEW``, ``--read-only``, each at most once, values not empty and not beginning with
    "-" (click's own rules for those decide there)."""
    found: dict[str, str | bool] = {}
    rest = iter(args)
    for arg in rest:
        name, equals, value = arg.partition("=")
        if name in _VALUES and _VALUES[name] not in found:
            if not equals:
                value = next(rest, "")
            if not value or value.startswith("-"):
                return None
            found[_VALUES[name]] = value
        elif arg in _FLAGS and _FLAGS[arg] not in found:
            found[_FLAGS[arg]] = True
        else:
            return None
    return found


def main() -> None:
    """``herford-tui``: the app at once, or the CLI (see the module)."""
    options = plain_start(sys.argv[1:])
    if options is None or any(name.endswith("_COMPLETE") for name in os.environ):
        _cli().main()
        return
    try:
        start_app(
            db=str(options.get("db", "")) or None,
            open_view=str(options.get("open_view", "")) or None,
            read_only=bool(options.get("read_only", False)),
        )
    except BaseException as exc:  # ended as click's main ends (its normal end too)
        _cli().main.ended_by(exc)


def start_app(db: str | None, open_view: str | None, read_only: bool) -> NoReturn:
    """Open the file and run the app until it ends (``sys.exit`` with its return code).

    No garbage collection until the first frame is painted (the app turns it on again then):
    the start's imports and widgets make some 10^5 objects and next to no garbage, and the
    collector's ~150 passes over them cost about 30 ms of CPU before the first frame. What the
    start keeps for good is frozen out of the collector's passes (``app._freeze_once``)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        _run_app(db, open_view, read_only, resume_collector=collecting)
    finally:
        if collecting:  # on again if the app ended before its first frame (or did not start)
            gc.enable()


def _run_app(db: str | None, open_view: str | None, read_only: bool, *, resume_collector: bool) -> NoReturn:
    from herford_tui.app import create_app
    from herford_tui.store import StoreError

    path = resolve_db(db)
    # A browser session (``herford-tui web``) names its colleague; the log takes the name from there.
    user = os.environ.get("HERFORD_TUI_BENUTZER", "").strip()
    try:
        app = create_app(
            path,
            open_view=open_view,
            read_only=read_only,
            read_only_reason=f"{user} hier nur lesen darf" if read_only and user else None,
            resume_collector=resume_collector,
        )
    except (StoreError, ValueError) as exc:
        _cli().fail(str(exc))
    if user:
        app.sub_title = f"{app.sub_title} · {user}"
    app.run()
    sys.exit(app.return_code or 0)
