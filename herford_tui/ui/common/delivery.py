"""Files for a colleague in the browser (``herford-tui web``): downloaded there, never written on
the server, where every browser session runs under the server's one account."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import PurePath

from textual.app import App

UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def in_browser(app: App[object]) -> bool:
    return app.is_web


def download_name(text: str, fallback: str) -> str:
    """A file name a browser takes as it is: the last part of ``text`` in ASCII letters, digits and
    ``. _ -`` (textual-serve puts it unquoted into the download's header); ``fallback`` if none is left."""
    name = PurePath(text.strip().replace("\\", "/")).name.translate(UMLAUTS)
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")
    return name[:120] or fallback


def download(app: App[object], payload: bytes, name: str) -> None:
    """Offer ``payload`` to the browser as the file ``name`` (call on the app's thread)."""
    app.deliver_binary(io.BytesIO(payload), save_filename=name)
    app.notify(f"Im Browser heruntergeladen: {name}", markup=False, timeout=8)
