"""The files the program writes outside the database for the user (exports, documents, invitations,
Auskünfte), noted in one list beside the database (``<db>.written``, only paths).

Such a file is the user's: the program never changes or deletes it. But a DSGVO erasure cannot
reach it either, so the Auskunft (Art. 15) lists those still naming the person and the erasure
(Art. 17) names them, to be deleted by hand. Every writer goes through ``write_recorded`` (or
``remember`` after writing a folder of files), so no kind of export is forgotten. A folder the
program writes as a whole (the OParl export: a file per object, 10^5 at x10) is noted once, as
the folder; the search goes through its files one by one and names each that names the person.

The search reads a file's text as it is and with JSON's ``\\u00fc`` escapes undone: whether a
writer escapes non-ASCII (``json.dumps``' default) or not (orjson, ``ensure_ascii=False``) is
the writer's choice, and the search must not depend on it.

A path the user chose may itself name the person (``--out mueller.csv``). Such a file counts as
naming the person (whatever it holds), and the erasure takes its path off the list
(``forget_naming``, the list's part of the erasure in ``store/personal_files.py``), so that the
list does not keep the name. The erasure's summary has named the file (to be deleted by hand)
before; after that the program no longer knows of it (a later erasure of someone else does not
name it), and an erasure a killed program left takes it off unnamed. "Names" here is looser
than in records: compared by ``match_key`` ("mueller" is "Müller") and word by word, ``_``, ``-``
and ``.`` separating words as in file names.

Not the audit log: its entries belong to versions of the database (hash-chained to the stamp in
the file), and an export writes no version, also not in read-only mode.
"""

from __future__ import annotations

import html
import json
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from herford_tui.domain.dsgvo import scrub_text
from herford_tui.domain.fold import match_key
from herford_tui.store.errors import StoreError, os_reason
from herford_tui.store.files import DatabaseFile, read_regular_file, write_atomic

UNSEARCHABLE = (".pdf",)
"""Typst's PDFs hold their text compressed and in font glyph numbers: no byte search finds a name."""
ZIPPED = (".xlsx", ".docx", ".odt", ".ods")
"""Office files: zipped XML, searched part by part."""


def written_list_path(db: Path) -> Path:
    return Path(db).with_name(Path(db).name + ".written")


def listed(db: Path) -> list[Path]:
    """Every path noted (also of files deleted since)."""
    path = written_list_path(db)
    if not path.exists():
        return []
    try:
        found = json.loads(read_regular_file(path)[0])
    except (StoreError, OSError, ValueError):
        return []
    return [Path(p) for p in found if isinstance(p, str)] if isinstance(found, list) else []


def remember(db: Path | None, paths: Iterable[Path]) -> str | None:
    """Note ``paths`` (just written) in the list of ``db``; files deleted since are dropped from it.

    Returns a German warning when the list cannot be written (the files themselves are written):
    the caller shows it, so nobody relies on an erasure finding them."""
    if db is None:
        return None
    file = DatabaseFile(Path(db))
    new = [str(Path(p).absolute()) for p in paths]
    problem = file.write_problem()
    if problem is not None:  # a reader's export: no lock file, no list beside a file they only read
        return _not_noted(f"die Datenbank ist nur lesbar, weil {problem}")
    try:
        with file.locked():
            kept = [str(p) for p in listed(file.path) if p.exists() or not p.parent.exists()]
            kept += [p for p in new if p not in kept]
            payload = json.dumps(kept, ensure_ascii=False, indent=0).encode()
            write_atomic(written_list_path(file.path), payload, mode=file.file_mode(), group_of=file.path)
    except (StoreError, OSError) as exc:
        return _not_noted(os_reason(exc) if isinstance(exc, OSError) else str(exc))
    return None


def _not_noted(reason: str) -> str:
    return (
        f"Die Datei ist geschrieben, aber nicht in der Liste geschriebener Dateien vermerkt ({reason}); "
        "eine DSGVO-Löschung kann sie nicht nennen."
    )


def write_recorded(db: Path | None, path: Path, payload: bytes, **options: Any) -> str | None:
    """Write an export or document for the user (``write_atomic``, same ``options``) and note it
    (``remember``). Raises as ``write_atomic`` does; returns ``remember``'s warning."""
    write_atomic(path, payload, **options)
    return remember(db, [path])


def naming(db: Path, needles: Iterable[str]) -> tuple[list[Path], list[Path]]:
    """The noted files that still exist and name the person (one of ``needles``, whole words,
    case-folded as the erasure's), and those that may (a PDF: not searchable)."""
    needles = frozenset(needles)
    found: list[Path] = []
    maybe: list[Path] = []
    if not needles:
        return found, maybe
    for path in dict.fromkeys(_files(listed(db))):
        if path_names(path, needles):
            found.append(path)
            continue
        if path.suffix.lower() in UNSEARCHABLE:
            maybe.append(path)
            continue
        try:
            texts = _texts(path)
        except (OSError, zipfile.BadZipFile, KeyError, RuntimeError):
            maybe.append(path)  # unreadable now: it may still hold the name
            continue
        if any(scrub_text(text, needles) is not text for text in texts) or _names_in_words(texts, needles):
            found.append(path)
    return found, maybe


def _names_in_words(texts: list[str], needles: Iterable[str]) -> bool:
    """Whether a needle's words stand one after the other among a text's words: a name the
    file's layout split, as the exports write the family and the given name in columns side by
    side ("…;Müller;Zora;…" in a CSV row, two cells of a sheet), which the text search for
    "Müller, Zora" or "Zora Müller" did not find (a person without e-mail and phone whose family
    name others bear was found in none of the files)."""
    wanted = [f" {' '.join(found)} " for needle in needles if (found := _words(needle))]
    return any(any(words in text_words for words in wanted) for text_words in map(_word_text, texts))


def _word_text(text: str) -> str:
    return f" {' '.join(_words(text))} "


def path_names(path: Path, needles: Iterable[str]) -> bool:
    """Whether the path's text names the person: a needle's words, one after the other, among
    its words (folded by ``match_key``)."""
    words = f" {' '.join(_words(str(path)))} "
    return any(f" {' '.join(found)} " in words for needle in needles if (found := _words(needle)))


def _words(text: str) -> list[str]:
    return _WORD.findall(match_key(text))


_WORD = re.compile(r"[^\W_]+")


def forget_naming(file: DatabaseFile, needles: Iterable[str]) -> int:
    """Take the paths that name the person off the list (under the lock, as part of an erasure);
    returns how many. The files stay as they are."""
    needles = frozenset(needles)
    known = listed(file.path)
    kept = [p for p in known if not path_names(p, needles)]
    if len(kept) == len(known):
        return 0
    payload = json.dumps([str(p) for p in kept], ensure_ascii=False, indent=0).encode()
    write_atomic(written_list_path(file.path), payload, mode=file.file_mode(), group_of=file.path)
    return len(known) - len(kept)


def _files(paths: list[Path]) -> list[Path]:
    """The noted files that exist, a noted folder's files in place of the folder."""
    found = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file())
        elif path.is_file():
            found.append(path)
    return found


_FOLD = re.compile(r"\r?\n[ \t]")
"""A folded line of iCalendar and vCard: a name may be split there."""
_TAG = re.compile(r"<[^>]*>")
_ESCAPE = re.compile(r"\\u[0-9a-fA-F]{4}(?:\\u[dD][c-fC-F][0-9a-fA-F]{2})?")
"""A JSON escape, a surrogate pair as one (a character beyond the BMP)."""


def _texts(path: Path) -> list[str]:
    if path.suffix.lower() in ZIPPED and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            parts = [n for n in archive.namelist() if n.endswith(".xml")]
            return [html.unescape(_TAG.sub(" ", archive.read(n).decode("utf-8", "replace"))) for n in parts]
    text = path.read_bytes().decode("utf-8", "replace")
    unfolded = _FOLD.sub("", text).replace("\\,", ",").replace("\\;", ";")
    texts = [text, unfolded]
    if "\\u" in text:
        texts.append(_ESCAPE.sub(lambda m: json.loads(f'"{m[0]}"'), text))
    return texts
