"""Who a browser connection belongs to and what it may do; the German pages that refuse one.

The office's reverse proxy does the login and names the colleague in a header
(``--benutzer-header``). A connection without it, or with a name that is no plain login name,
is refused: it did not come through the login (or the proxy is set up wrong).
"""

from __future__ import annotations

import grp
import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

NAME = re.compile(r"[\w.@+-](?:[\w .@+-]{0,62}[\w.@+-])?")
"""A login name as directories hand them out (``m.meier``, ``meier@kreis-herford.de``, ``Anna Meier``):
letters, digits, ``. _ @ + -`` and inner spaces; no markup, quotes or control characters."""


@dataclass(frozen=True)
class Identity:
    user: str | None
    """The colleague's name from the header; None when the server runs without a login proxy."""
    read_only: bool


@dataclass(frozen=True)
class Refusal:
    status: int
    title: str
    text: str

    def page(self) -> str:
        return page(self.title, self.text)


@dataclass(frozen=True)
class Access:
    header: str | None = None
    """The header the login proxy names the colleague in; None: no login (only on this computer)."""
    read_only: frozenset[str] = frozenset()
    """Names (casefolded) that may only read."""
    read_only_groups: frozenset[str] = frozenset()
    """System groups whose members may only read (given as ``@gruppe``)."""

    @classmethod
    def of(cls, header: str | None, read_only: Iterable[str]) -> Access:
        """``read_only``: names and ``@gruppe``s, each entry possibly a comma-separated list."""
        names = [part.strip() for entry in read_only for part in entry.split(",") if part.strip()]
        return cls(
            header.strip() if header and header.strip() else None,
            frozenset(n.casefold() for n in names if not n.startswith("@")),
            frozenset(n[1:] for n in names if n.startswith("@") and n[1:]),
        )

    def identify(self, headers: Mapping[str, str]) -> Identity | Refusal:
        if self.header is None:
            return Identity(None, read_only=False)
        raw = headers.get(self.header, "").strip()
        if not raw:
            return Refusal(
                403,
                "Keine Anmeldung",
                f"Diese Verbindung kam nicht über die Anmeldung des Büros (es fehlt die Kopfzeile "
                f"„{self.header}“). Bitte die Adresse des Büros verwenden, nicht die des Servers direkt.",
            )
        if not NAME.fullmatch(raw):
            return Refusal(
                403,
                "Unbekannter Benutzername",
                "Der Benutzername aus der Anmeldung enthält Zeichen, die herford-tui nicht annimmt "
                "(erlaubt: Buchstaben, Ziffern, Leerzeichen und . _ @ + -, höchstens 64 Zeichen).",
            )
        return Identity(raw, read_only=self.reads_only(raw))

    def reads_only(self, user: str) -> bool:
        key = user.casefold()
        if key in self.read_only:
            return True
        return any(key in _group_members(group) for group in self.read_only_groups)


def _group_members(group: str) -> set[str]:
    """The members of a system group (also from the directory, through NSS), casefolded; a group
    that does not exist has none."""
    try:
        return {member.casefold() for member in grp.getgrnam(group).gr_mem}
    except KeyError:
        return set()


def too_many(limit: int) -> Refusal:
    return Refusal(
        503,
        "Zu viele Sitzungen",
        f"Es sind schon {limit} Sitzungen im Browser geöffnet, mehr lässt dieser Server nicht zu. "
        "Bitte eine nicht mehr gebrauchte schließen (Taste q) oder es in ein paar Minuten noch einmal versuchen.",
    )


def page(title: str, text: str) -> str:
    """A small German HTML page; both texts are escaped (they may name what the client sent)."""
    return (
        '<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8">'
        f"<title>herford-tui: {html.escape(title)}</title></head>"
        '<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">'
        f"<h1>{html.escape(title)}</h1><p>{html.escape(text)}</p></body></html>\n"
    )
