"""The erasure applied to a database file that is not the live one (a rotating backup, a
``backup --nach`` copy, an older file put back): its raw data, or its bytes.

The rule is the live erasure's (``domain/dsgvo.erasure_plan``): the person's record becomes the
placeholder, their memberships lose their notes, and the erased values are scrubbed from every
other record. Only records that are the person's or whose folded JSON text may hold a value
(``domain/erasure_search.Needles``) are looked at value by value.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import msgspec
import orjson

from herford_tui.domain.dsgvo import anonymised, scrub_text, scrub_value
from herford_tui.domain.erasure_search import Needles
from herford_tui.domain.models import Person
from herford_tui.store import audit
from herford_tui.store.codec import DecodeError, decode, encode
from herford_tui.store.errors import StoreError
from herford_tui.store.files import encode_json, parse, structure_problem
from herford_tui.store.image import FileImage, load
from herford_tui.store.migrations import META


def person_in(data: dict[str, Any], person_id: int) -> Person | None:
    doc = data.get("persons", {}).get(str(person_id))
    if not isinstance(doc, dict):
        return None
    try:
        return decode(Person, doc, doc_id=person_id)
    except (DecodeError, ValueError, TypeError):
        return None


def scrub_data(data: dict[str, Any], person_id: int, needles: Iterable[str], today: date) -> dict[str, Any]:
    """A raw database (a backup) with the same erasure applied as to the live file."""
    needles = frozenset(needles)
    search = Needles(needles)
    out: dict[str, Any] = {}
    for table, docs in data.items():
        if table == META:
            out[table] = docs
            continue
        naming = set(search.which([orjson.dumps(doc) for doc in docs.values()]))
        out[table] = {
            doc_id: _scrubbed(table, doc_id, doc, person_id, needles, today, index in naming)
            for index, (doc_id, doc) in enumerate(docs.items())
        }
    return out


def scrub_bytes(
    raw: bytes,
    path: Path,
    person_id: int,
    needles: Iterable[str],
    today: date,
    stamp: tuple[int, str] | None = None,
) -> bytes | list[bytes | memoryview] | None:
    """``raw`` (a database file at ``path``) with the person erased, in pieces to write one after
    the other; None if nothing changes.

    A compact file (``FileImage``) is cleaned in its bytes: only the person's records and those
    that may name them are decoded, every other record keeps its bytes (at x10: a handful of
    86,000). Any other file is parsed whole (``files.parse``: ``CorruptFileError`` or
    ``NotADatabaseError`` if it is no database) and encoded anew. ``stamp``: the log version and
    head the file gets (a copy whose log was re-chained).
    """
    needles = frozenset(needles)
    image = _image(raw)
    records = _records(image) if image is not None else None
    if image is None or records is None:
        data = parse(raw, path, list)
        cleaned = scrub_data(data, person_id, needles, today)
        if stamp is not None:
            cleaned[META] = copy.deepcopy(cleaned.get(META, {}))
            audit.stamp_data(cleaned, *stamp)
        return None if cleaned == data else encode_json(cleaned)
    search = Needles(needles)
    changes: dict[str, dict[str, dict[str, Any] | None]] = {}
    for table, owners in records.items():
        parts = image.records(table)
        ids = list(parts)
        naming = set(search.which(list(parts.values())))
        if table == "persons" and str(person_id) in parts:
            naming.add(ids.index(str(person_id)))
        if table == "memberships":
            naming.update(i for i, owner in enumerate(owners.values()) if owner.person_id == person_id)
        for index in sorted(naming):
            doc = load(parts[ids[index]])
            new = _scrubbed(table, ids[index], doc, person_id, needles, today, True)
            if new != doc:
                changes.setdefault(table, {})[ids[index]] = new
    if stamp is not None:
        meta = {META: load(image.tables[META])}
        stamped = copy.deepcopy(meta)
        audit.stamp_data(stamped, *stamp)
        if stamped != meta:
            changes[META] = {"1": stamped[META]["1"]}
    return image.with_changes(changes).pieces() if changes else None


def persons_of(raw: bytes, path: Path) -> dict[str, Any]:
    """The persons table of a database file (only that table decoded when the file is compact);
    ``CorruptFileError`` or ``NotADatabaseError`` if it is no database."""
    image = _image(raw)
    if image is None:
        return {"persons": parse(raw, path, list).get("persons", {})}
    return {"persons": load(image.tables["persons"]) if "persons" in image.tables else {}}


def readable(raw: bytes, path: Path) -> bool:
    """Whether ``scrub_bytes`` takes the file (a compact one is not decoded whole for that)."""
    image = _image(raw)
    if image is not None and _records(image) is not None:
        return True
    try:
        parse(raw, path, list)
    except StoreError:
        return False
    return True


def meta_of(raw: bytes, path: Path) -> dict[str, Any]:
    """The meta table of a database file, as ``{"meta": …}`` (only that table decoded when the file
    is compact); ``CorruptFileError`` or ``NotADatabaseError`` if it is no database."""
    image = _image(raw)
    if image is None:
        return {META: parse(raw, path, list).get(META, {})}
    return {META: load(image.tables[META])}


class _Owner(msgspec.Struct):
    """A membership's person; any record as an object (the rest of it skipped, not built)."""

    person_id: Any = None


_OBJECTS = msgspec.json.Decoder(dict[str, _Owner])


def _image(raw: bytes) -> FileImage | None:
    """The image of a compact database file, else None (then the general path reads it, with
    the German words for what is wrong)."""
    image = FileImage.read(raw)
    if image is None or structure_problem({META: load(image.tables[META])}):
        return None
    return image


def _records(image: FileImage) -> dict[str, dict[str, _Owner]] | None:
    """Per table but the meta table, its records (with the person of a membership); None if a
    record is not an object (then the file is no database, and the general path says so)."""
    try:
        return {table: _OBJECTS.decode(image.tables[table]) for table in image.names() if table != META}
    except (msgspec.DecodeError, RecursionError):
        return None


def _scrubbed(
    table: str, doc_id: str, doc: Any, person_id: int, needles: frozenset[str], today: date, naming: bool
) -> Any:
    """One raw record after the erasure (``naming``: its text may hold a value)."""
    if table == "persons" and doc_id == str(person_id):
        return _placeholder_doc(doc, person_id, today)
    if table == "persons":
        notes = doc.get("notes")
        return doc | {"notes": scrub_text(notes, needles)} if naming and isinstance(notes, str) else doc
    if table == "memberships" and doc.get("person_id") == person_id:
        return scrub_value(doc, needles) | {"notes": ""}
    return scrub_value(doc, needles) if naming else doc


def _placeholder_doc(doc: dict[str, Any], person_id: int, today: date) -> dict[str, Any]:
    person = person_in({"persons": {str(person_id): doc}}, person_id) or Person(id=person_id, rev=doc.get("rev", 1))
    stamps = {key: doc[key] for key in ("created", "modified") if isinstance(doc.get(key), str)}
    return encode(anonymised(person, today)) | stamps
