"""Counts a person reads carry German digit grouping (``labels.number``: 1.234), also in the
import report and the year list's note."""

from __future__ import annotations

from herford_tui.domain import Organisation
from herford_tui.exchange.importing import ImportPlan, LineProblem
from herford_tui.ui.import_dialog import report_text
from herford_tui.ui.year.presentation import list_note


def test_import_report_groups_thousands():
    failing = ImportPlan("organisationen", problems=[LineProblem(n, "Name", "fehlt") for n in range(2, 1236)])
    assert "1.234 Fehler. Nichts wird importiert" in report_text(failing)
    ready = ImportPlan("organisationen", inserts=[Organisation(name=f"O{n}") for n in range(1500)], unchanged=2500)
    text = report_text(ready)
    assert "In Ordnung: 1.500" in text and "1.500 neu, 0 geändert, 2.500 unverändert" in text
    assert "Nichts zu ändern (2.500 unverändert, 0 doppelt)." in report_text(ImportPlan("personen", unchanged=2500))


def test_year_list_note_groups_thousands():
    assert list_note(1000, 1234).startswith("Die Liste zeigt 1.000 Sitzungen um heute, 1.234 weitere")
