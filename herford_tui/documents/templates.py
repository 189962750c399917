"""Where the Typst templates are, and compiling one with its data.

The shipped templates live in ``data/templates`` (``herford_tui/seeddata/templates`` in a wheel).
The office replaces any of them by putting a file of the same name into its own folder:
``$HERFORD_TUI_VORLAGEN``, else ``vorlagen`` in the user's config folder (see the README). A
template imports its neighbours from the folder it is in, so a replaced ``briefkopf.typ`` needs its
documents beside it: copy the whole folder and change what you need.
"""

from __future__ import annotations

import json
import os
import re
from importlib import resources
from pathlib import Path
from typing import Any

ENV_TEMPLATES = "HERFORD_TUI_VORLAGEN"


class TemplateError(Exception):
    """A template that does not compile, in German, naming the template and the line."""


def shipped_folder() -> Path:
    checkout = Path(__file__).resolve().parents[2] / "data" / "templates"
    if checkout.is_dir():
        return checkout
    return Path(str(resources.files("herford_tui.seeddata").joinpath("templates")))


def office_folder() -> Path:
    """The office's own templates (may not exist)."""
    if os.environ.get(ENV_TEMPLATES):
        return Path(os.environ[ENV_TEMPLATES]).expanduser()
    from platformdirs import user_config_path

    return user_config_path("herford-tui", appauthor=False) / "vorlagen"


def template_path(name: str) -> Path:
    """The office's ``name`` if it has one, else the shipped one."""
    own = office_folder() / name
    return own if own.is_file() else shipped_folder() / name


_WHERE = re.compile(r"┌─ (?P<file>.+?):(?P<line>\d+):(?P<column>\d+)")


def compile_pdf(name: str, data: dict[str, Any]) -> bytes:
    """The PDF of template ``name`` (e.g. ``einladung.typ``) filled with ``data``."""
    import typst

    path = template_path(name)
    payload = json.dumps(data, ensure_ascii=False)
    try:
        return typst.compile(str(path), root=str(path.parent), sys_inputs={"data": payload}, format="pdf")
    except typst.TypstError as exc:
        raise TemplateError(_german(path, exc)) from None
    except RuntimeError as exc:  # e.g. a file the template imports cannot be read
        raise TemplateError(f"Die Vorlage {path} lässt sich nicht übersetzen: {exc}") from None


def _german(path: Path, exc: Any) -> str:
    diagnostic = str(getattr(exc, "diagnostic", "") or "")
    message = str(getattr(exc, "message", "") or exc)
    where = _WHERE.search(diagnostic)
    if where is None:
        return f"Die Vorlage {path} hat einen Fehler: {message}"
    file = Path(where["file"].strip())
    shown = path if file.name == path.name else path.parent / file.name
    return f"Die Vorlage {shown} hat in Zeile {where['line']} (Spalte {where['column']}) einen Fehler: {message}"
