"""Layering: domain and store never pull in Textual; the domain does not pull in TinyDB.

Each check runs in a fresh interpreter, so modules that other tests imported don't hide anything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
print(json.dumps(sorted(sys.modules)))
"""


def loaded_after_importing(*modules: str) -> set[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *modules], capture_output=True, text=True, env=env, cwd=REPO, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout))


def top_level(modules: set[str]) -> set[str]:
    return {m.partition(".")[0] for m in modules}


NON_UI = ["herford_tui.domain", "herford_tui.store", "herford_tui.store.demo", "herford_tui.store.check"]


@pytest.mark.parametrize("module", NON_UI)
def test_module_does_not_import_textual(module: str):
    loaded = top_level(loaded_after_importing(module))
    assert module.partition(".")[0] in loaded  # the probe really imported something
    assert "textual" not in loaded


def test_domain_and_store_together_do_not_import_textual():
    loaded = loaded_after_importing(*NON_UI)
    assert set(NON_UI) <= loaded
    assert "textual" not in top_level(loaded)


def test_domain_alone_imports_neither_tinydb_nor_filelock():
    loaded = loaded_after_importing("herford_tui.domain")
    assert "herford_tui.domain.models" in loaded
    assert not {"tinydb", "filelock", "textual"} & top_level(loaded)
    assert not any(m.startswith("herford_tui.store") or m.startswith("herford_tui.ui") for m in loaded)


def test_the_probe_can_see_textual_when_it_is_imported():
    """Guards the tests above against a probe that could never report Textual."""
    assert "textual" in top_level(loaded_after_importing("textual.app"))


def test_the_layer_contracts_hold():
    """The import-linter contracts of pyproject.toml (domain <- store <- exchange <- ui <- app <- cli
    <- commands; ui never imports app.py or commands/, not even for typing), also outside .ci/run."""
    pytest.importorskip("importlinter")
    linter = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(linter), "--no-cache"], capture_output=True, text=True, cwd=REPO, timeout=120, check=False
    )
    assert done.returncode == 0, done.stdout[-3000:]
