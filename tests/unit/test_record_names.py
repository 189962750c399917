"""A record's German name comes from one registry (``domain/labels.RECORD_NAME``): the store's
and the check's messages, the change log, the import and the search name it alike."""

from __future__ import annotations

from herford_tui.domain.audit_text import WHAT
from herford_tui.domain.labels import RECORD_NAME
from herford_tui.domain.models import TABLE_OF
from herford_tui.domain.search_index import Kind
from herford_tui.domain.search_text import KIND_LABEL
from herford_tui.exchange.importing import KIND_LABEL as IMPORT_LABEL
from herford_tui.exchange.importing import KIND_ONE, RECORD_TYPE, kind_count
from herford_tui.store.codec import LABELS


def test_every_table_has_one_german_name_everywhere():
    assert set(RECORD_NAME) == set(TABLE_OF.values())
    assert LABELS == RECORD_NAME
    assert {table: one for table, (one, _) in RECORD_NAME.items()} == WHAT
    for kind, cls in RECORD_TYPE.items():
        assert (KIND_ONE[kind], IMPORT_LABEL[kind]) == RECORD_NAME[TABLE_OF[cls]]
    searched = {Kind.COMMITTEE: "committees", Kind.PERSON: "persons", Kind.ORGANISATION: "organisations"}
    for kind, table in {**searched, Kind.MEETING: "meetings"}.items():
        assert KIND_LABEL[kind] == RECORD_NAME[table][0]


def test_the_words_the_office_reads():
    assert RECORD_NAME["committees"] == ("Gremium", "Gremien")
    assert kind_count("gremiendaten", 2) == "2 Gremien" and kind_count("personen", 1) == "1 Person"
