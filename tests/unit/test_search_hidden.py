"""A name holding escape codes or other hidden characters is found by the letters it reads with:
the search takes them out (``text.searchable``) as the display shows them apart from the letters;
the quick ``suche`` (the file's bytes) finds what the whole search finds (HERFORD_TUI_VERIFY)."""

from __future__ import annotations

import re
import sys
import unicodedata
from datetime import date

from click.testing import CliRunner

from herford_tui.cli import main
from herford_tui.domain import AgendaItem, Meeting, Person
from herford_tui.domain.search import search
from herford_tui.domain.search_index import tokens
from herford_tui.domain.text import _HIDDEN_CHARS, searchable
from herford_tui.store import Store


def test_escape_sequences_and_hidden_characters_are_taken_out_white_space_stays():
    assert searchable("Mül\x1bler") == "Müller"
    assert searchable("\x1b[31mRot\x1b[0m") == "Rot"
    assert searchable("T\x1b]0;HACK\x07om") == "Tom"  # a window title set in between
    assert searchable("Zu\u00adkunft \u202eumgekehrt\u200b") == "Zukunft umgekehrt"
    assert searchable("\x1b]Müller") == "]Müller"  # an unended title: only ESC goes, no letter
    assert searchable("Haus\nhalt\tplan") == "Haus\nhalt\tplan"
    assert searchable("Protokoll:\nMül\x1bler\tberichtet") == "Protokoll:\nMüller\tberichtet"
    assert tokens("Mül\x1bler") == ("muller",) and tokens("Haus\nhalt") == ("haus", "halt")


def test_the_hidden_characters_are_unicode_s_controls_and_format_characters_but_white_space():
    hidden = re.compile(f"[{_HIDDEN_CHARS}]")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        category = unicodedata.category(char)
        wanted = category in ("Cc", "Cf") and not char.isspace()
        # A newer Unicode than this Python's may name more format characters (Cn here).
        assert bool(hidden.fullmatch(char)) == wanted or category == "Cn", hex(code)


def test_suche_finds_hostile_names_and_agenda_titles_by_their_letters(tmp_path):
    store = Store(tmp_path / "herford.json").open()
    lk = next(c.id for c in store.snapshot().committees.values() if c.name == "Lenkungskreis")
    store.save(Person(given_name="Thomas", family_name="Mül\x1bler"))
    store.save(Person(given_name="Eve", family_name="\x1b[31mRot\x1b[0m"))
    store.save(
        Meeting(
            committee_id=lk,
            date=date(2027, 3, 12),
            agenda=[AgendaItem("1", "Schul\x1bentwicklung"), AgendaItem("2", "Haus\u00adhalt")],
        )
    )
    snapshot = Store(store.path).snapshot()
    assert [m.record.family_name for m in search(snapshot, "müller")] == ["Mül\x1bler"]  # type: ignore[union-attr]
    assert [m.record.family_name for m in search(snapshot, "rot")] == ["\x1b[31mRot\x1b[0m"]  # type: ignore[union-attr]
    for query, shown in (
        ("mueller", "Mül\\x1bler"),
        ("rot", "\\x1b[31mRot\\x1b[0m"),
        ("schulentwicklung", "Schul\\x1bentwicklung"),
        ("haushalt", "Haus\\xadhalt"),
    ):
        result = CliRunner().invoke(main, ["suche", "--db", str(store.path), query])
        assert result.exit_code == 0, (query, result.output)
        assert shown in result.output, (query, result.output)
        assert "\x1b" not in result.output


def test_the_directory_filter_folds_the_same_text():
    from herford_tui.domain import Snapshot
    from herford_tui.domain.directory import Facets, filter_persons

    snapshot = Snapshot(persons={1: Person(id=1, given_name="Thomas", family_name="Mül\x1bler")})
    assert [p.id for p in filter_persons(snapshot, Facets(text="mueller"))] == [1]
