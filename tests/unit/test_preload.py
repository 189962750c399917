"""The warm-up after the start (``ui/preload.py``) covers every module the running app imports late:
a module first imported after a package update would come from the new version."""

from __future__ import annotations

import ast
from pathlib import Path

from herford_tui.ui.preload import module_names

PACKAGE = Path(__file__).resolve().parents[2] / "herford_tui"
LAYERS = ("ui", "exchange", "documents", "store")
RUNNING_APP = [PACKAGE / "app.py", *(path for layer in LAYERS for path in (PACKAGE / layer).rglob("*.py"))]


def imported_in_functions(path: Path) -> set[str]:
    """The herford_tui modules a file imports inside functions (the imports left for later)."""
    found: set[str] = set()
    for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("herford_tui"):
                found.add(str(node.module))
                # ``from herford_tui.store import audit``: a module, not a name in the package
                inner = (f"{node.module}.{alias.name}" for alias in node.names)
                found.update(n for n in inner if (PACKAGE.parent / f"{n.replace('.', '/')}.py").exists())
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names if alias.name.startswith("herford_tui"))
    return found


def test_every_module_imported_late_by_the_running_app_is_warmed():
    late = {name: path for path in RUNNING_APP for name in imported_in_functions(path)}
    assert "herford_tui.ui.export_dialog" in late and "herford_tui.store.storages" in late  # the scan works
    warmed = set(module_names())
    missing = {name: str(path.relative_to(PACKAGE)) for name, path in late.items() if name not in warmed}
    assert not missing
