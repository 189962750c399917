"""A save splices its records into the table's bytes: the same bytes as joining every record again."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from herford_tui.store.files import encode_json
from herford_tui.store.image import SPLICED, FileImage, _join, _splice

TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
DOC = st.fixed_dictionaries({"name": TEXT, "rev": st.integers(0, 3)})


def image_of(records: dict[str, dict[str, object]]) -> FileImage:
    raw = encode_json({"meta": {"1": {"schema": 1}}, "t": records})
    image = FileImage.read(raw)
    assert image is not None
    return image


@given(
    st.dictionaries(st.integers(1, 60).map(str), DOC, max_size=12),
    st.dictionaries(st.integers(1, 70).map(str), st.none() | DOC, min_size=1, max_size=SPLICED + 3),
)
def test_any_changes_give_the_bytes_of_a_whole_join(records, changes):
    image = image_of(records)
    written = image.with_changes({"t": changes})
    merged = {key: doc for key, doc in {**records, **changes}.items() if doc is not None}
    assert written.tables["t"] == _join({key: encode_json(doc) for key, doc in merged.items()})
    assert written.payload() == encode_json({"meta": {"1": {"schema": 1}}, "t": merged})
    again = written.with_changes({"t": {"1": {"name": "x", "rev": 9}}})  # a second save on the spliced bytes
    assert FileImage.read(again.payload()) is not None


def test_one_changed_record_is_spliced_between_the_unchanged_bytes():
    records = {str(i): {"name": f"n{i}", "rev": 1} for i in range(1, 200)}
    image = image_of(records)
    changes = {"150": {"name": "neu", "rev": 2}, "200": {"name": "dazu", "rev": 1}}
    merged = {**image.records("t"), **{key: encode_json(doc) for key, doc in changes.items()}}
    assert _splice(image.tables["t"], image.records("t"), merged, changes) is not None, "not joined again"
    written = image.with_changes({"t": changes})
    records["150"] = {"name": "neu", "rev": 2}
    records["200"] = {"name": "dazu", "rev": 1}
    assert written.payload() == encode_json({"meta": {"1": {"schema": 1}}, "t": records})
