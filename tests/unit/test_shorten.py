"""A long name quoted in a message is cut the same way everywhere (``domain/text.shorten``):
the form's check and the import's check name the same seat alike."""

from __future__ import annotations

from herford_tui.domain import Committee, Snapshot
from herford_tui.domain.models import Seat
from herford_tui.domain.text import shorten
from herford_tui.domain.validation import validate_committee
from herford_tui.exchange.importing import plan_import
from herford_tui.exchange.tabular import parse_csv

LONG = "Vertretung der Schulen der Sekundarstufe II im nördlichen Kreisgebiet und Umgebung"


def test_shorten_keeps_short_text_and_cuts_long_text_to_the_limit():
    assert shorten("Kita Sonne") == "Kita Sonne"
    assert shorten("x" * 60) == "x" * 60
    assert shorten("x" * 61) == "x" * 59 + "…"
    assert len(shorten(LONG, 40)) == 40 and shorten(LONG, 40).endswith("…")


def test_the_form_and_the_import_quote_a_long_seat_alike():
    quoted = f"„{shorten(LONG)}“"
    assert len(shorten(LONG)) == 60
    committee = Committee(id=1, name="Lenkungskreis", seats=[Seat(key="s", label=LONG, count=0)])
    form = [p.message for p in validate_committee(committee)]
    assert any(quoted in message for message in form)
    table = parse_csv((f"Gremium;Sitz;Nachname;Vorname;Beginn\nLenkungskreis;{LONG};N;P;01.01.2026\n", "UTF-8"))
    without_seat = Committee(id=1, name="Lenkungskreis", seats=[Seat(key="l", label="Landrat")])
    plan = plan_import("mitgliedschaften", table, Snapshot(committees={1: without_seat}))
    assert any(quoted in p.message for p in plan.problems)
