"""Start-up cost: what the app's start path and the quick commands import (module presence, not time).

Heavy libraries that only some actions need (holidays for a meeting's date, rapidfuzz for a
typo in the search, icalendar/openpyxl for exports and imports; jsonschema only checks OParl
in the tests) are imported where they are used, so they cost nothing at ``herford-tui`` start.
Each check runs in a fresh interpreter, so modules that other tests imported don't hide anything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from herford_tui.cli import main

REPO = Path(__file__).resolve().parents[2]
PROBE = """
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
print(json.dumps(sorted(sys.modules)))
"""

NOT_AT_START = {
    "holidays", "rapidfuzz", "icalendar", "openpyxl", "dateutil", "jsonschema", "markdown_it", "typst", "docx", "lxml",
    "filelock",
}  # fmt: skip
"""Imported on first use only (markdown_it: the help screen's Markdown, imported when it opens;
filelock: with the first lock, which a start that only reads never takes)."""


def loaded_after_importing(*modules: str) -> set[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *modules], capture_output=True, text=True, env=env, cwd=REPO, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout))


def top_level(modules: set[str]) -> set[str]:
    return {m.partition(".")[0] for m in modules}


def test_app_start_path_imports_no_heavy_library():
    loaded = top_level(loaded_after_importing("herford_tui.cli", "herford_tui.app"))
    assert {"herford_tui", "textual", "click"} <= loaded  # the probe really imported the app
    assert not NOT_AT_START & loaded


@pytest.mark.parametrize(
    "module",
    ["herford_tui.domain", "herford_tui.domain.snapshot", "herford_tui.domain.search", "herford_tui.store.check"],
)
def test_module_imports_no_heavy_library(module: str):
    loaded = loaded_after_importing(module)
    assert module in loaded
    assert not NOT_AT_START & top_level(loaded)


def test_app_start_imports_neither_tinydb_nor_clicks_later_modules(tmp_path: Path):
    """A start only reads the file: TinyDB and the log's writing come with the first write (``store/storages.py``,
    ``store/audit.py``);
    click's progress bar and shell completion with a command (``cli_german.LATER_MODULES``)."""
    from herford_tui import cli_german
    from herford_tui.store import Store

    path = tmp_path / "herford.json"
    Store(path).open()  # created here: creating writes
    code = (
        "import json, sys\n"
        "import herford_tui.cli\n"
        "from herford_tui.app import create_app\n"
        f"app = create_app({str(path)!r})\n"
        "assert app.snapshot.committees\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO, timeout=60)
    assert done.returncode == 0, done.stderr
    loaded = set(json.loads(done.stdout))
    assert "herford_tui.store.store" in loaded and "click.core" in loaded
    assert "tinydb" not in top_level(loaded) and "herford_tui.store.storages" not in loaded
    assert "herford_tui.store.audit" not in loaded  # the log: written by the writes
    # the search palette and the large lists' table: with the palette's and such a tab's first showing
    assert not {"herford_tui.ui.search", "herford_tui.ui.common.line_table"} & loaded
    assert not set(cli_german.LATER_MODULES) & loaded


def test_cli_alone_imports_no_command_module_and_no_data_layer():
    """Starting the app imports no command module; a command imports its module when it runs."""
    loaded = loaded_after_importing("herford_tui.cli")
    assert "herford_tui.cli" in loaded
    assert not {"textual", "tinydb", "filelock"} & top_level(loaded)
    assert not any(m.startswith(("herford_tui.commands.", "herford_tui.store", "herford_tui.domain")) for m in loaded)


def test_command_modules_import_neither_store_nor_domain():
    """``herford-tui --help`` imports every command module for its help text, not the data layers."""
    loaded = loaded_after_importing(
        "herford_tui.cli", *{target.partition(":")[0] for target in main.lazy_commands.values()}
    )
    assert "herford_tui.commands.export" in loaded
    assert not {"textual", "tinydb", "filelock"} & top_level(loaded)
    assert not any(m.startswith(("herford_tui.store", "herford_tui.domain", "herford_tui.ui")) for m in loaded)


@pytest.mark.parametrize("name", sorted(main.lazy_commands))
def test_each_lazy_command_is_found_under_its_name(name: str):
    with click.Context(main) as ctx:
        command = main.get_command(ctx, name)
    assert command is not None and command.name == name
    assert name in main.list_commands(ctx)
