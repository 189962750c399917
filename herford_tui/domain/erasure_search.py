"""Whether JSON text may hold an erased value: the pre-check that lets an erasure pass over the
records, backups and log lines that cannot name the person, instead of scrubbing every value.

The scrub (``dsgvo.scrub_text``) replaces a value where its case-folded form occurs in the
case-folded text (as a whole word). Text whose folded form does not contain the folded value at
all is never changed by it. So this test may say True where the scrub changes nothing (a part of
a longer word), but never False where the scrub would change something
(``tests/unit/test_erasure_search.py`` checks that with hypothesis).

It searches the JSON text of a record or log line in one C pass instead of visiting its values
one by one. That is sound because escaping and case-folding commute here: the program's JSON
writers (orjson, msgspec, ``json.dumps(ensure_ascii=False)``) escape the same characters (the
quote, the backslash, control characters) the same way, as ASCII sequences that folding only
lower-cases, and folding works character by character and never produces such a character. Text
escaped any other way by a foreign writer (``\\u00fc``, ``\\/``) is always taken as naming.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import accumulate
from typing import Any, TypeVar, cast

import msgspec

_ASCII = bytes(range(128))
_ENCODER = msgspec.json.Encoder()
_FOREIGN_ESCAPES = (b"\\u", b"\\/")
"""Escapes the program's writers make only for control characters (``\\u001b``) or never: a
text with one may have been escaped by a foreign writer (``\\u00fc``), so it is always taken."""
CHUNK = 4 << 20
"""Bytes of text folded and searched at a time: big enough for C to do the work, small enough
not to copy a whole file or table a few times over."""
_SEPARATOR = b"\x00"
_ESCAPE = re.compile(rb"\\[u/]")
_ASCII_RUN = re.compile(r"[\x00-\x7f]+")
"""Between texts searched in one: JSON text holds no raw control character."""
T = TypeVar("T")
Text = bytes | memoryview | msgspec.Raw
"""JSON text as UTF-8 bytes (a memoryview or ``Raw``: a slice of a file read, not copied)."""


def fold_bytes(raw: bytes, letters: frozenset[str] | None = None) -> bytes:
    """``raw.decode().casefold().encode()`` for UTF-8 ``raw``, in C passes over bytes: the ASCII
    letters lowered in one, then each other character that folding changes (Ä, ß, …: a handful in
    a file) replaced by its folded form. Folding goes character by character and what it gives
    is folded already, so the replacements cannot touch each other's results.

    ``letters``: replace only the characters whose folded form has one of these (those of the
    values searched for). Any other stays as it is: no value can match across it, since a
    folded value never holds a character that folding changes, and UTF-8 matches whole
    characters only. Bytes that are not UTF-8 may raise ``UnicodeDecodeError`` (no JSON reader
    takes them either)."""
    lowered = raw.lower()  # ASCII only: a byte of a multi-byte character is never below 0x80
    if raw.isascii():
        return lowered
    others = raw.translate(None, _ASCII).decode()  # the non-ASCII characters, one after another
    for char in set(others):
        folded = char.casefold()
        if folded != char and (letters is None or not letters.isdisjoint(folded)):
            lowered = lowered.replace(char.encode(), folded.encode())
    return lowered


class Needles:
    """The values of an erasure, folded and JSON-escaped once, to test many texts against."""

    def __init__(self, needles: Iterable[str]):
        folded = {_ENCODER.encode(n)[1:-1].decode().casefold() for n in needles} - {""}
        # a value that holds another is found wherever that one is: one search fewer
        kept = {n for n in folded if not any(other != n and other in n for other in folded)}
        self.folded: tuple[bytes, ...] = tuple(sorted(n.encode() for n in kept))
        self.letters = frozenset("".join(kept))
        self.runs = [[run.encode() for run in _ASCII_RUN.findall(n)] for n in kept if not n.isascii()]
        """Per value with other characters than ASCII: its runs of ASCII characters."""

    def __bool__(self) -> bool:
        return bool(self.folded)

    def in_json(self, raw: bytes) -> bool:
        """Whether the JSON text ``raw`` (UTF-8) may hold one of the values, in any case."""
        if not self.folded:
            return False
        try:
            text = fold_bytes(raw, self.letters)
        except UnicodeDecodeError:
            return True  # not text the program wrote: looked at value by value
        return any(pattern in text for pattern in (*self.folded, *_FOREIGN_ESCAPES))

    def lines(self, raw: bytes) -> list[int]:
        """The numbers (from 0) of the lines of ``raw`` (JSON texts, one a line) that may hold one
        of the values: a few MB of lines folded at a time, then each line a hit falls in (a file
        of 100 MB in a few C passes a piece, not 100,000 small ones, and never copied whole)."""
        if not self.folded:
            return []
        found: list[int] = []
        start = number = 0
        while start < len(raw):
            end = raw.find(b"\n", min(start + CHUNK, len(raw)))
            chunk = raw[start : len(raw) if end == -1 else end + 1]
            hits = self._hits(chunk, b"\n")
            if hits is None:  # not UTF-8 somewhere: line by line
                hits = [i for i, line in enumerate(chunk.split(b"\n")) if self.in_json(line)]
            found += [number + hit for hit in hits]
            number += chunk.count(b"\n")
            start += len(chunk)
        return found

    def which(self, texts: Sequence[Text | None]) -> list[int]:
        """The positions of the JSON texts that may hold one of the values (None: a text that could
        not be made, always taken). A few MB of texts are searched in one, as ``lines`` does."""
        missing = [i for i, text in enumerate(texts) if text is None]
        if not self.folded:
            return missing
        parts = [b"" if text is None else text for text in texts] if missing else cast(Sequence[Text], texts)
        ends = list(accumulate(map(len, parts)))  # where each text ends in all of them
        found = set(missing)
        start = 0
        while start < len(parts):
            end = max(bisect_left(ends, (ends[start - 1] if start else 0) + CHUNK, lo=start) + 1, start + 1)
            found.update(start + i for i in self._search(parts[start:end]))
            start = end
        return sorted(found)

    def _search(self, parts: Sequence[Text]) -> list[int]:
        joined = _SEPARATOR.join(parts)
        hits = None
        if joined.count(_SEPARATOR) == len(parts) - 1:  # no text holds the separator itself
            hits = self._hits(joined, _SEPARATOR)
        if hits is None:
            hits = [i for i, part in enumerate(parts) if self.in_json(bytes(part))]
        return hits

    def _hits(self, raw: bytes, separator: bytes) -> list[int] | None:
        """The numbers of the ``separator``-separated parts of ``raw`` that hold a folded value or
        a foreign escape. Folding keeps the separator (a control character) where it is and
        makes none, so counting separators in the folded text gives the part a hit lies in.
        None if ``raw`` is not UTF-8."""
        try:
            text = self._fold(raw)
        except UnicodeDecodeError:
            return None
        positions = []
        for pattern in self.folded:
            at = text.find(pattern)
            while at != -1:
                positions.append(at)
                at = text.find(pattern, at + 1)
        if b"\\" in text:  # one byte is searched fast; the two-byte escapes only if there is one
            positions += [match.start() for match in _ESCAPE.finditer(text)]
        found: list[int] = []
        part = counted = 0
        for at in sorted(positions):
            part += text.count(separator, counted, at)
            counted = at
            if not found or found[-1] != part:
                found.append(part)
        return found

    def _fold(self, raw: bytes) -> bytes:
        """``fold_bytes(raw, self.letters)``, or just ``raw`` with its ASCII lowered where that finds
        the same (tested against the other): when no character that matters here folds to
        anything with ASCII in it (Ü → ü, not ß → ss), a value's ASCII runs ("kr" and
        "ger-niemann" of "krüger-niemann") stand in the text as they are, so a value missing one
        cannot match, and a value of ASCII only matches where it would in the folded text.
        Replacing is a slow pass over the whole text (x10 log: half of the search)."""
        lowered = raw.lower()
        if raw.isascii():
            return lowered
        mattering = [
            folded
            for char in set(raw.translate(None, _ASCII).decode())
            if (folded := char.casefold()) != char and not self.letters.isdisjoint(folded)
        ]
        if not mattering:
            return lowered
        if not any(_has_ascii(folded) for folded in mattering) and all(
            any(run not in lowered for run in runs) for runs in self.runs
        ):
            return lowered
        return fold_bytes(raw, self.letters)

    def in_value(self, value: Any) -> bool:
        """Whether ``value`` (a record, or any data msgspec encodes) may hold one of the values."""
        return bool(self.which([encoded(value)]))

    def naming(self, values: Iterable[T]) -> list[T]:
        """Those of ``values`` (records) that may hold one of the values (encoded a few MB at a time)."""
        found: list[T] = []
        batch: list[T] = []
        texts: list[bytes | None] = []
        size = 0
        for value in (*values, None):
            if value is None or size >= CHUNK:
                found += [batch[i] for i in self.which(texts)]
                batch, texts, size = [], [], 0
            if value is not None:
                text = encoded(value)
                batch.append(value)
                texts.append(text)
                size += len(text or b"")
        return found


def encoded(value: Any) -> bytes | None:
    """``value`` as JSON text (None if it cannot be encoded, e.g. a lone surrogate in a text)."""
    try:
        return _ENCODER.encode(value)
    except (TypeError, ValueError, UnicodeEncodeError):
        return None


def _has_ascii(text: str) -> bool:
    return any(char.isascii() for char in text)
