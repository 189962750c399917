"""Turns domain records into JSON-ready dicts and back (dates as ISO strings, enums as values)."""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from datetime import date, time
from functools import cache

import msgspec

from herford_tui.domain.labels import RECORD_NAME
from herford_tui.domain.models import TABLE_OF, Record
from herford_tui.domain.text import shorten

TABLES: dict[type, str] = TABLE_OF  # the domain's one map from record type to table
TYPES: dict[str, type] = {table: cls for cls, table in TABLES.items()}
LABELS: dict[str, tuple[str, str]] = RECORD_NAME
"""Each table's record in German, singular and plural (messages of the store and ``check``)."""


class DecodeError(ValueError):
    """A stored value does not fit its field; the message names the field in German."""


def encode(value: typing.Any) -> typing.Any:
    """A record (or a value of one) as JSON-ready data; a record without its ``id``.

    A record goes through msgspec (C, 15x faster): the same dict, key for key, as the Python
    branches below give (tests/unit/test_store_fast_path.py compares them on the demo data).
    """
    if type(value) in TABLES:
        data = msgspec.to_builtins(value)
        del data["id"]  # the id is the TinyDB document id
        return data
    return encode_plain(value)


def encode_plain(value: typing.Any) -> typing.Any:
    """``encode`` in Python: the reference the msgspec branch is tested against."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: encode_plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name != "id"  # the id is the TinyDB document id
        }
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, list):
        return [encode_plain(v) for v in value]
    return value


Converter = typing.Callable[[typing.Any], typing.Any]


@cache
def _plan(cls: type) -> tuple[tuple[str, Converter], ...]:
    """One converter per field, worked out once per class: decoding is the hot path of a cold open."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, _converter(hints[f.name])) for f in dataclasses.fields(cls) if f.name != "id")


def decode(cls: type, data: typing.Mapping[str, typing.Any], *, doc_id: int | None = None):
    """Build ``cls`` from ``data``; unknown keys are ignored, missing ones take defaults."""
    kwargs = {}
    for name, convert in _plan(cls):
        if name in data:
            try:
                kwargs[name] = convert(data[name])
            except (TypeError, ValueError) as exc:
                raise DecodeError(f"Feld „{name}“: ungültiger Wert {_preview(data[name])} ({exc})") from None
    if doc_id is not None and any(f.name == "id" for f in dataclasses.fields(cls)):
        kwargs["id"] = int(doc_id)
    return cls(**kwargs)


MAX_STORED_TEXT = 100_000
"""Ten times the longest field limit: a longer text is not data but an attack (a 50 MB name)."""


def _preview(value: typing.Any) -> str:
    """The bad value for a message, cut short: the message must not be as long as the value."""
    if isinstance(value, str) and len(value) > 60:
        return repr(value[:60]) + f"… ({_german_number(len(value))} Zeichen)"
    text = repr(value)
    return shorten(text, 1000)


def _german_number(n: int) -> str:
    from herford_tui.domain.labels import number

    return number(n)


def _text(value: typing.Any) -> str:
    if type(value) is not str:
        raise TypeError("Text erwartet")
    if len(value) > MAX_STORED_TEXT:
        raise ValueError(f"Text zu lang, höchstens {_german_number(MAX_STORED_TEXT)} Zeichen")
    return value


def _typed(kind: type, message: str) -> Converter:
    def convert(value):
        # bool is an int in Python, but not a valid count or id here
        if type(value) is not kind:
            raise TypeError(message)
        return value

    return convert


def _converter(hint: typing.Any) -> Converter:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = _converter(next(a for a in typing.get_args(hint) if a is not type(None)))
        return lambda value: None if value is None else inner(value)
    if origin is list:
        item = _converter(typing.get_args(hint)[0])

        def convert_list(value):
            if not isinstance(value, list):
                raise TypeError("Liste erwartet")
            return [item(v) for v in value]

        return convert_list
    if hint is date:
        return date.fromisoformat
    if hint is time:
        return time.fromisoformat
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint
    if dataclasses.is_dataclass(hint):

        def convert_record(value):
            if not isinstance(value, dict):
                raise TypeError("Objekt erwartet")
            return decode(hint, value)

        return convert_record
    if hint is bool:
        return _typed(bool, "true/false erwartet")
    if hint is int:
        return _typed(int, "Zahl erwartet")
    if hint is str:
        return _text
    return lambda value: value


def table_of(record: Record | type) -> str:
    cls = record if isinstance(record, type) else type(record)
    return TABLES[cls]
