"""The one committee lookup by name (CLI --gremium, TUI --open and jumps)."""

from __future__ import annotations

from datetime import date

import pytest

from herford_tui.domain import Committee, Snapshot
from herford_tui.domain.lookup import AmbiguousCommittee, UnknownCommittee, committee_label, find_committee


def snapshot() -> Snapshot:
    committees = [
        Committee(1, name="Lenkungskreis", short_name="LK"),
        Committee(2, name="Arbeitskreis 1"),
        Committee(3, name="Arbeitskreis 11"),
        Committee(4, name="Übergang Schule–Beruf"),
        Committee(5, name="Altes Gremium", archived=True),
        Committee(6, name="Arbeitskreis Übergänge Schule–Beruf: Ärger, Öffnung & Größe", short_name="AK Ü"),
        Committee(7, name="Netzwerk Kita–Grundschule", short_name="NW Kita"),
    ]
    return Snapshot(committees={c.id: c for c in committees})


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("2", 2),
        ("lenkungskreis", 1),
        ("Lenkungs-Kreis", 1),
        ("lk", 1),
        ("arbeitskreis-1", 2),  # the tab's slug: the exact name wins over the longer one
        ("Arbeitskreis 11", 3),
        ("uebergang schule-beruf", 4),
        ("Überg", 4),  # a unique beginning
        ("altes gremium", 5),  # archived ones too, unless the caller narrows the choice
        ("uebergaenge", 6),  # a later word begins it (walkthrough, session 8: refused before)
        ("Übergänge Schule", 6),
        ("ärger öffnung", 6),
        ("gang schule", 4),  # a part inside one name, as the TUI's committee list takes it
        ("gänge schule", 6),
        ("kita grundschule", 7),  # spaces and dashes do not matter inside either
        ("nw", 7),  # the short name's beginning
    ],
)
def test_found_by_id_name_short_name_or_beginning(typed: str, found: int):
    assert find_committee(snapshot(), typed).id == found


def test_unknown_names_the_active_committees_ambiguous_the_candidates():
    snap = snapshot()
    with pytest.raises(AmbiguousCommittee):
        find_committee(snap, "schule")  # a part of several names: which one?
    with pytest.raises(UnknownCommittee, match=r"Unbekanntes Gremium „Nirgends“\. Möglich sind: Arbeitskreis 1, "):
        find_committee(snap, "Nirgends")
    with pytest.raises(AmbiguousCommittee) as refused:
        find_committee(snap, "Arbeits")
    assert str(refused.value) == (
        "„Arbeits“ passt auf mehrere Gremien: „Arbeitskreis 1“ (Nr. 2), „Arbeitskreis 11“ (Nr. 3), "
        "„Arbeitskreis Übergänge Schule–Beruf: Ärger, Öffnung & Größe“ (AK Ü, Nr. 6). "
        "Bitte den Namen genauer oder die Nummer angeben."
    )
    several = r"Gremien: „Lenkungskreis“ \(LK, Nr. 1\), „Arbeitskreis 1“ \(Nr. 2\), "
    with pytest.raises(AmbiguousCommittee, match=several):
        find_committee(snap, "kreis")  # parts inside several names, no beginning
    with pytest.raises(UnknownCommittee) as refused:
        find_committee(snap, "altes gremium", among=snap.active_committees())
    assert "Altes Gremium" not in str(refused.value)
    with pytest.raises(UnknownCommittee):
        find_committee(snap, "  ")


def meetings_snapshot() -> Snapshot:
    from datetime import date, time

    from herford_tui.domain import Meeting

    base = snapshot()
    day = date(2026, 11, 28)
    meetings = [
        Meeting(10, committee_id=1, date=day, start_time=time(14)),
        Meeting(11, committee_id=2, date=day, start_time=time(10)),
        Meeting(12, committee_id=3, date=date(2026, 12, 9)),
        Meeting(13, committee_id=3, date=date(2026, 12, 9), start_time=time(9)),
        Meeting(14, committee_id=4, date=date(2027, 1, 13)),
    ]
    return Snapshot(committees=base.committees, meetings={m.id: m for m in meetings})


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("10", 10),
        ("28.11.2026 Lenkungskreis", 10),
        ("Lenkungskreis 28.11.2026", 10),
        ("28.11.2026  lk", 10),
        ("28.11.26 Arbeitskreis 1", 11),
        ("13.01.2027", 14),  # the only meeting that day: the date is enough
    ],
)
def test_a_meeting_by_number_or_date_and_committee(typed: str, found: int):
    from herford_tui.domain.lookup import find_meeting

    assert find_meeting(meetings_snapshot(), typed).id == found


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("28.11.2026", "Am 28.11.2026 gibt es mehrere Sitzungen: Arbeitskreis 1 um 10:00 (Nr. 11), "
         "Lenkungskreis um 14:00 (Nr. 10). Bitte das Gremium dazuschreiben (z. B. „28.11.2026 Arbeitskreis 1“) "
         "oder die Nummer angeben."),
        ("09.12.2026 Arbeitskreis 11", "Am 09.12.2026 gibt es mehrere Sitzungen des Gremiums „Arbeitskreis 11“: "
         "Arbeitskreis 11 (Nr. 12), Arbeitskreis 11 um 09:00 (Nr. 13). Bitte die Nummer angeben."),
        ("29.11.2026 Lenkungskreis", "Am 29.11.2026 gibt es keine Sitzung des Gremiums „Lenkungskreis“."),
        ("99", "Eine Sitzung Nr. 99 gibt es nicht."),
        ("Lenkungskreis", "„Lenkungskreis“ nennt keine Sitzung: bitte ihre Nummer oder ihr Datum"),
        ("28.11.2026 Nirgendwo", "Unbekanntes Gremium „Nirgendwo“"),
        ("31.02.2027 Lenkungskreis", "„31.02.2027“ ist kein Datum"),  # said so (walkthrough, session 8)
    ],
)  # fmt: skip
def test_no_or_several_meetings_say_so_in_german(typed: str, message: str):
    from herford_tui.domain.lookup import find_meeting

    with pytest.raises(ValueError) as caught:
        find_meeting(meetings_snapshot(), typed)
    assert str(caught.value).startswith(message), str(caught.value)


def test_what_the_app_shows_for_a_committee_finds_it_and_the_refusal_names_it():
    """The year overview's rows and the tabs say "AK 1" (``committee_label``): --gremium "AK 1",
    --open and the jump by name take it; a refusal names it beside the name."""
    from herford_tui.ui.year.presentation import grid_rows

    committees = [
        Committee(1, name="Arbeitskreis 1", short_name="AK 1"),
        Committee(2, name="Arbeitskreis 10", short_name="AK 10"),
        Committee(3, name="Lenkungskreis"),
    ]
    snap = Snapshot(committees={c.id: c for c in committees})
    for row in grid_rows(snap, 2026, date(2026, 11, 28)):
        if row.committee is not None:
            assert row.name == committee_label(row.committee)
            assert find_committee(snap, row.name) == row.committee
            assert find_committee(snap, row.name.lower().replace(" ", "")) == row.committee
    with pytest.raises(UnknownCommittee) as refused:
        find_committee(snap, "AK 2")
    assert "Arbeitskreis 1 (AK 1), Arbeitskreis 10 (AK 10), Lenkungskreis." in str(refused.value)


def test_a_name_in_two_words_unquoted_gets_a_hint_to_quote_it():
    from click.testing import CliRunner

    from herford_tui.cli import main

    said = " ".join(CliRunner().invoke(main, ["termine", "--gremium", "AK", "1"]).output.split())
    assert 'Unerwartetes weiteres Argument: 1 (Namen mit Leerzeichen in Anführungszeichen: --gremium "AK 1")' in said
    for words in (["export", "emails", "--gremium", "Arbeitskreis", "1"], ["log", "--gremium", "Arbeitskreis", "1"]):
        said = " ".join(CliRunner().invoke(main, words).output.split())
        assert '--gremium "Arbeitskreis 1")' in said, said


def test_the_quote_hint_only_where_a_name_was_given():
    """click's "unexpected extra argument" of every command carried the hint to quote a name:
    ``check a b`` or ``termine x`` name nothing to quote."""
    from click.testing import CliRunner

    from herford_tui.cli import main

    for words, extra in ((["check", "a", "b"], "Argumente: a b"), (["termine", "x"], "Argument: x")):
        result = CliRunner().invoke(main, words)
        said = " ".join(result.output.split())
        assert result.exit_code == 2 and "Fehler: Unerwartete" in said and said.endswith(extra), said
        assert "Anführungszeichen" not in said


def test_cli_takes_a_part_of_a_name_and_refuses_a_shared_part_naming_the_candidates(runner, empty_store, db_path):
    """``--gremium`` as the TUI's committee list: an unambiguous part finds its committee; a part
    several names hold is refused (exit 2) with their names as they are, escapes made visible."""
    from herford_tui.cli import main

    for name in ("AK 3 – Übergänge Kita/Schule", "Müller [Kita]", "Müller [Schule]\x1b[31m"):
        empty_store.save(Committee(name=name))
    found = runner.invoke(main, ["termine", "--db", str(db_path), "--gremium", "Uebergaenge"])
    assert found.exit_code == 0, found.output
    refused = runner.invoke(main, ["export", "ics", "--db", str(db_path), "--out", "-", "--gremium", "mueller"])
    said = " ".join(refused.output.split())
    assert refused.exit_code == 2, refused.output
    assert "„mueller“ passt auf mehrere Gremien: „Müller [Kita]“ (Nr. 2), „Müller [Schule]\\x1b[31m“ (Nr. 3)." in said
    assert "\x1b" not in refused.output
