"""One entry for every meeting document: which data, which template, PDF or DOCX."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from herford_tui.documents import content
from herford_tui.domain.fold import slug
from herford_tui.domain.models import Meeting
from herford_tui.domain.snapshot import Snapshot


class Format(enum.StrEnum):
    PDF = "pdf"
    DOCX = "docx"


@dataclass(frozen=True)
class Kind:
    key: str
    """The CLI's word (``einladung``) and the template's name without ``.typ``."""
    title: str
    data: Callable[[Snapshot, Meeting], dict[str, Any]]
    formats: tuple[Format, ...]


KINDS: dict[str, Kind] = {
    "einladung": Kind("einladung", "Einladung", content.invitation, (Format.PDF, Format.DOCX)),
    "niederschrift": Kind("niederschrift", "Niederschrift", content.minutes, (Format.PDF, Format.DOCX)),
    "anwesenheit": Kind("anwesenheit", "Anwesenheitsliste", content.attendance_sheet, (Format.PDF,)),
}


def render(kind: str, fmt: Format, snapshot: Snapshot, meeting: Meeting) -> bytes:
    """The document's bytes; ``TemplateError`` (German) if a template is broken."""
    spec = KINDS[kind]
    if fmt not in spec.formats:
        raise ValueError(f"Die {spec.title} gibt es nur als {', '.join(f.upper() for f in spec.formats)}.")
    data = spec.data(snapshot, meeting)
    if fmt is Format.PDF:
        from herford_tui.documents.templates import compile_pdf

        return compile_pdf(f"{spec.key}.typ", data)
    from herford_tui.documents import letters_docx

    return (letters_docx.invitation_docx if kind == "einladung" else letters_docx.minutes_docx)(data)


def filename(kind: str, fmt: Format, meeting: Meeting, committee_name: str) -> str:
    """herford-niederschrift-2026-12-09-lenkungskreis.pdf"""
    day = meeting.date.isoformat() if meeting.date else "ohne-datum"
    return f"herford-{kind}-{day}-{slug(committee_name)[:40].strip('-') or 'gremium'}.{fmt.value}"
