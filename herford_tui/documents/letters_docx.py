"""The two letters the office edits before sending (Einladung, Niederschrift) as DOCX.

Built with python-docx from the same data as the PDF. The office's letterhead: a
``briefbogen.docx`` in its template folder is the base document (its header, footer and styles
stay; the letter is appended to it); without one, the header carries the letterhead of the PDF
(carrier, office and address from the same data).
"""

from __future__ import annotations

import io
from typing import Any

from herford_tui.documents.templates import TemplateError, office_folder

Data = dict[str, Any]


def _base(d: Data) -> Any:
    from docx import Document

    own = office_folder() / "briefbogen.docx"
    if not own.is_file():
        doc = Document()
        _letterhead(doc, d)
        return doc
    try:
        return Document(str(own))
    except Exception as exc:  # python-docx raises several kinds for a damaged file
        raise TemplateError(f"Der Briefbogen {own} lässt sich nicht lesen ({exc}).") from None


def _letterhead(doc: Any, d: Data) -> None:
    """As ``briefkopf.typ`` draws it: the carrier large on the right, office and address small."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    header = doc.sections[0].header
    carrier = header.paragraphs[0]
    carrier.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = carrier.add_run(d["carrier"])
    run.bold, run.font.size, run.font.color.rgb = True, Pt(16), RGBColor(0x00, 0x4F, 0x8A)
    address = header.add_paragraph()
    small = address.add_run(" · ".join([d["office"], *d["office_address"]]))
    small.font.size, small.font.color.rgb = Pt(8.5), RGBColor(0x3C, 0x3C, 0x3C)


def _facts(doc: Any, rows: list[tuple[str, str]]) -> None:
    table = doc.add_table(rows=0, cols=2)
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = value


def _grid(doc: Any, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


def _save(doc: Any) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def invitation_docx(d: Data) -> bytes:
    doc = _base(d)
    doc.add_paragraph(f"Herford, {d['today']}")
    doc.add_heading("Einladung zur Sitzung", level=1)
    doc.add_paragraph().add_run(d["committee"]).bold = True
    doc.add_paragraph("Sehr geehrte Damen und Herren,")
    doc.add_paragraph("hiermit lade ich Sie herzlich zur nächsten Sitzung ein:")
    _facts(doc, [("Datum:", d["weekday_date"]), ("Zeit:", d["time"]), ("Ort:", d["place"])])
    doc.add_heading("Tagesordnung", level=2)
    if not d["agenda_public"] and not d["agenda_closed"]:
        doc.add_paragraph("Die Tagesordnung folgt.")
    for title, items in (("Öffentlicher Teil", d["agenda_public"]), ("Nicht öffentlicher Teil", d["agenda_closed"])):
        if items:
            doc.add_paragraph().add_run(title).bold = True
            for item in items:
                doc.add_paragraph(f"TOP {item['number']}\t{item['title']}")
    if d["deadline"]:
        doc.add_paragraph(f"Einladungsfrist: {d['invitation_days']} Tage (Versand spätestens am {d['deadline']}).")
    doc.add_paragraph(
        "Bitte geben Sie Bescheid, falls Sie verhindert sind, und informieren Sie gegebenenfalls Ihre Stellvertretung."
    )
    contact = d["contact"]
    parts = [contact["name"], contact["email"], f"Tel. {contact['phone']}" if contact["phone"] else ""]
    doc.add_paragraph("Kontakt: " + " · ".join(p for p in parts if p))
    doc.add_paragraph("Mit freundlichen Grüßen")
    doc.add_paragraph("")
    doc.add_paragraph(d["office"])
    return _save(doc)


def minutes_docx(d: Data) -> bytes:
    doc = _base(d)
    doc.add_heading("Niederschrift", level=1)
    doc.add_paragraph().add_run(d["committee"]).bold = True
    _facts(
        doc,
        [
            ("Datum:", d["weekday_date"]),
            ("Zeit:", d["time"]),
            ("Ort:", d["place"]),
            ("Beschlussfähigkeit:", d["quorum"]),
        ],
    )
    doc.add_heading("Anwesenheit", level=2)
    if d["attendance"]:
        rows = [
            [
                p["name"],
                p["organisation"],
                p["seat"] + (f" ({p['role']})" if p["role"] else ""),
                f"vertreten durch {p['deputy']}"
                if p["deputy"]
                else (f"{p['status']} (für {p['stands_in_for']})" if p["stands_in_for"] else p["status"]),
            ]
            for p in d["attendance"]
        ]
        _grid(doc, ["Name", "Organisation", "Sitz / Rolle", "Teilnahme"], rows)
    else:
        doc.add_paragraph("Keine Anwesenheit erfasst.")
    if d["stand_ins"]:
        doc.add_paragraph().add_run("Stellvertretungen:").bold = True
        for s in d["stand_ins"]:
            doc.add_paragraph(f"{s['name']} (für {s['for']})", style="List Bullet")
    if d["guests"]:
        doc.add_paragraph("Gäste: " + ", ".join(d["guests"]))
    doc.add_heading("Verlauf", level=2)
    for item in d["items"]:
        closed = " (nicht öffentlich)" if not item["public"] else ""
        doc.add_heading(f"TOP {item['number']}  {item['title']}{closed}", level=3)
        if item["minutes"]:
            doc.add_paragraph(item["minutes"])
        for dec in item["decisions"]:
            paragraph = doc.add_paragraph()
            paragraph.add_run(f"Beschluss ({dec['result']}): ").bold = True
            paragraph.add_run(dec["text"])
        if item["tasks"]:
            rows = [[t["what"], t["owner"], t["due"], "ja" if t["done"] else "nein"] for t in item["tasks"]]
            _grid(doc, ["Aufgabe", "Zuständig", "Frist", "Erledigt"], rows)
    if d["minutes"]:
        doc.add_heading("Weitere Festhaltungen", level=2)
        doc.add_paragraph(d["minutes"])
    doc.add_paragraph("")
    doc.add_paragraph("______________________________        ______________________________")
    doc.add_paragraph("Vorsitz                                                     Protokoll")
    return _save(doc)
