"""Turns domain records into JSON-ready dicts and back (dates as ISO strings, enums as values)."""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from datetime import date, time
from functools import cache

from herford_tui.domain.models import (
    Committee,
    Meeting,
    Membership,
    Organisation,
    Person,
    Record,
)

TABLES: dict[type, str] = {
    Committee: "committees",
    Organisation: "organisations",
    Person: "persons",
    Membership: "memberships",
    Meeting: "meetings",
}
TYPES: dict[str, type] = {table: cls for cls, table in TABLES.items()}


class DecodeError(ValueError):
    pass


def encode(value: typing.Any) -> typing.Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: encode(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name != "id"  # the id is the TinyDB document id
        }
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, list):
        return [encode(v) for v in value]
    return value


@cache
def _hints(cls: type) -> dict[str, typing.Any]:
    return typing.get_type_hints(cls)


def decode(cls: type, data: typing.Mapping[str, typing.Any], *, doc_id: int | None = None):
    """Build ``cls`` from ``data``; unknown keys are ignored, missing ones take defaults."""
    hints = _hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            try:
                kwargs[f.name] = _convert(hints[f.name], data[f.name])
            except (TypeError, ValueError) as exc:
                raise DecodeError(f"Feld „{f.name}“: ungültiger Wert {data[f.name]!r} ({exc})") from None
    if doc_id is not None and "id" in hints:
        kwargs["id"] = int(doc_id)
    return cls(**kwargs)


def _convert(hint: typing.Any, value: typing.Any) -> typing.Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _convert(options[0], value)
    if origin is list:
        (item,) = typing.get_args(hint)
        if not isinstance(value, list):
            raise TypeError("Liste erwartet")
        return [_convert(item, v) for v in value]
    if hint is date:
        return date.fromisoformat(value)
    if hint is time:
        return time.fromisoformat(value)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint(value)
    if dataclasses.is_dataclass(hint):
        if not isinstance(value, dict):
            raise TypeError("Objekt erwartet")
        return decode(hint, value)
    if hint is bool:
        if not isinstance(value, bool):
            raise TypeError("true/false erwartet")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError("Zahl erwartet")
        return value
    if hint is str:
        if not isinstance(value, str):
            raise TypeError("Text erwartet")
        return value
    return value


def table_of(record: Record | type) -> str:
    cls = record if isinstance(record, type) else type(record)
    return TABLES[cls]
