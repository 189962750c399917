"""Audit entries as German text: dates, enum labels, control characters made visible."""

from __future__ import annotations

from herford_tui.exchange.audit_text import change_row, entry_lines, matches, value_text


def entry(**kw):
    base = {"v": 1, "at": "2026-11-28T13:05:00+00:00", "user": "anna", "table": "memberships", "id": 7}
    return base | kw


def test_update_lines_show_old_and_new_in_german():
    e = entry(
        action="update",
        label="Erika – Lenkungskreis",
        changes={"role": ["mitglied", "vorsitz"], "end": [None, "2026-12-31"]},
    )
    assert entry_lines(e) == [
        "28.11.2026 14:05  anna  Mitgliedschaft 7 „Erika – Lenkungskreis“ geändert",
        "    Rolle: „Mitglied“ → „Vorsitz“",
        "    Ende: — → „31.12.2026“",
    ]
    assert change_row(e) == (
        "28.11.2026 14:05",
        "anna",
        "Mitgliedschaft 7 Erika – Lenkungskreis",
        "geändert: Rolle: „Mitglied“ → „Vorsitz“; Ende: — → „31.12.2026“",
    )


def test_hostile_text_is_shown_escaped():
    e = entry(
        action="update", table="persons", label="\x1b[2J", user="x\x1b]0;t\x07", changes={"notes": ["", "\u202eabc"]}
    )
    text = "\n".join(entry_lines(e))
    assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text
    assert value_text("a" * 200).endswith("…“")


def test_filters():
    e = entry(action="insert", refs={"person": 3, "committee": 2})
    assert matches(e, person_id=3) and not matches(e, person_id=4)
    assert matches(e, committee_id=2) and not matches(e, committee_id=1)
    from datetime import date

    assert matches(e, since=date(2026, 11, 28)) and not matches(e, since=date(2026, 11, 29))
