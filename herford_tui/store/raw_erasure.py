"""The erasure applied to a database file that is not the live one (a rotating backup, a
``backup --nach`` copy, an older file put back): its raw data, or its bytes.

The rule is the live erasure's (``domain/dsgvo.erasure_plan``): the person's record becomes the
placeholder, their memberships lose their notes, and the erased values are scrubbed from every
other record. Only records that are the person's or whose folded JSON text may hold a value
(``domain/erasure_search.Needles``) are looked at value by value. What the erasure ends (open
memberships, attendance after the day) is ``domain/erasure_end.ending`` itself, given the
records it can concern (``_closing``): a killed erasure finished from the raw file, a restored
file erased again and a backup end the same memberships as the live erasure.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

import msgspec
import orjson

from herford_tui.domain.dsgvo import anonymised, scrub_text, scrub_value
from herford_tui.domain.erasure_end import ending
from herford_tui.domain.erasure_search import Needles
from herford_tui.domain.models import Meeting, Membership, Person
from herford_tui.domain.snapshot import Snapshot
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
    memberships, meetings = data.get("memberships", {}), data.get("meetings", {})
    members, attended = _concerned(person_id, {k: _owner(d) for k, d in memberships.items()}, meetings, _attends)
    closing = _closing(person_id, today, {k: memberships[k] for k in members}, {k: meetings[k] for k in attended})
    for table, changes in closing.items():
        out[table] = dict(out[table])
        for doc_id, fields in changes.items():
            if fields is None:
                del out[table][doc_id]
            else:
                out[table][doc_id] = out[table][doc_id] | fields
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
    meetings = image.records("meetings") if "meetings" in records else {}
    members, attended = _concerned(person_id, records.get("memberships", {}), meetings, _mentions)
    closing = _closing(person_id, today, _loaded(image, "memberships", members), _loaded(image, "meetings", attended))
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
    for table, closed in closing.items():
        for doc_id, fields in closed.items():
            scrubbed = changes.get(table, {}).get(doc_id) or load(image.records(table)[doc_id])
            changes.setdefault(table, {})[doc_id] = None if fields is None else scrubbed | fields
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
    """A membership's person and member stood in for; any record as an object (the rest of it
    skipped, not built)."""

    person_id: Any = None
    deputy_of: Any = None


def _owner(doc: Any) -> _Owner:
    """The same of a decoded raw record."""
    if not isinstance(doc, dict):
        return _Owner()
    return _Owner(doc.get("person_id"), doc.get("deputy_of"))


def _attends(doc: Any, person_id: int) -> bool:
    """Whether a decoded raw meeting lists the person in its attendance (or as a stand-in)."""
    attendance = doc.get("attendance") if isinstance(doc, dict) else None
    return isinstance(attendance, list) and any(
        isinstance(a, dict) and person_id in (a.get("person_id"), a.get("deputy_id")) for a in attendance
    )


def _mentions(part: bytes | msgspec.Raw, person_id: int) -> bool:
    """Whether a meeting's bytes may list the person: some ``…_id`` field holds the number (a
    search, not a decode: x10 has 20,000 meetings with 300,000 attendance entries; ``ending``
    decides on the few found, a meeting of committee 17 among them)."""
    return _id_field(person_id).search(part) is not None


@functools.lru_cache(maxsize=4)
def _id_field(number: int) -> re.Pattern[bytes]:
    # "_id" first: a literal the search skips ahead to ('"person_id|deputy_id"' is 8x slower)
    return re.compile(rb'_id"\s*:\s*%d(?![0-9.eE])' % number)


def _loaded(image: FileImage, table: str, ids: list[str]) -> dict[str, Any]:
    parts = image.records(table) if ids else {}
    return {k: load(parts[k]) for k in ids}


def _concerned(
    person_id: int, memberships: dict[str, _Owner], meetings: dict[str, Any], attends: Callable[[Any, int], bool]
) -> tuple[list[str], list[str]]:
    """The ids of the records ``ending`` can change: the person's memberships and their deputies,
    the meetings the person attends (a few of 10^5, the rest not decoded)."""
    own = {int(k) for k, m in memberships.items() if m.person_id == person_id and k.isdigit()}
    members = [
        k
        for k, m in memberships.items()
        if m.person_id == person_id or (isinstance(m.deputy_of, int) and m.deputy_of in own)
    ]
    return members, [k for k, m in meetings.items() if attends(m, person_id)]


def _closing(
    person_id: int, day: date, memberships: dict[str, Any], meetings: dict[str, Any]
) -> dict[str, dict[str, dict[str, Any] | None]]:
    """``erasure_end.ending`` on raw records (those ``_concerned`` found): per table, the fields
    each record changes, None for one that goes. A record that does not decode is left as it is."""
    snapshot = Snapshot(memberships=_decoded(Membership, memberships), meetings=_decoded(Meeting, meetings))
    closing = ending(snapshot, person_id, day)
    out: dict[str, dict[str, dict[str, Any] | None]] = {}
    for m in closing.ended:
        out.setdefault("memberships", {})[str(m.id)] = {"end": encode(m)["end"]}
    for m in closing.dropped:
        out.setdefault("memberships", {})[str(m.id)] = None
    for meeting in closing.meetings:
        out.setdefault("meetings", {})[str(meeting.id)] = {"attendance": encode(meeting)["attendance"]}
    return out


def _decoded(cls: type, docs: dict[str, Any]) -> dict[int, Any]:
    found = {}
    for doc_id, doc in docs.items():
        try:
            found[int(doc_id)] = decode(cls, doc, doc_id=int(doc_id))
        except (DecodeError, ValueError, TypeError):
            continue
    return found


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
