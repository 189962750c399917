"""E-mail lists in the forms mail programs take: one address a line, one line with ``,`` (most
programs) or ``;`` (Outlook), and a ``mailto:`` link with every address in BCC."""

from __future__ import annotations

from email.utils import getaddresses
from urllib.parse import quote

FORMS = ("zeilen", "komma", "semikolon", "mailto")


def formatted(entries: list[str], form: str) -> str:
    """``entries`` ("Name <adresse>") as text in ``form``; ends with a line break."""
    if form == "komma":
        return ", ".join(entries) + "\n"
    if form == "semikolon":
        return "; ".join(entries) + "\n"
    if form == "mailto":
        return mailto_bcc(entries) + "\n"
    return "".join(f"{e}\n" for e in entries)


def mailto_bcc(entries: list[str]) -> str:
    """``mailto:?bcc=a@x,b@y``: the members do not see each other's addresses (RFC 6068)."""
    addresses = [address for _, address in getaddresses(entries) if address]
    return "mailto:?bcc=" + ",".join(quote(a, safe="@.+-_~!$'*") for a in addresses)
