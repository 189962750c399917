"""A person's name typed in one field ("Anna Müller" in the member form's search) split into
given and family name.

The family name is the last word, together with the parts in brackets around it: a new user
typed "Müller [Kita]" (the name as the office lists it) and got the given name "Müller" and the
family name "[Kita]". A part in brackets ("(Kita Sonne)", "[Kita]") is one word, spaces and all;
an unclosed bracket runs to the end. Nothing typed is lost or reordered: given and family name,
joined by a space, are the text with its runs of whitespace made one space.
"""

from __future__ import annotations

CLOSING = {"(": ")", "[": "]", "{": "}"}


def split_name(text: str) -> tuple[str, str]:
    """(given name, family name) of ``text``; ("", "") for blank text."""
    words = _words(text)
    plain = [i for i, word in enumerate(words) if not _bracketed(word)]
    if not plain:  # only brackets: all of it is the family name, for the user to correct
        return "", " ".join(words)
    start = plain[-1]
    while start > 0 and _bracketed(words[start - 1]):  # "[Kita] Müller": the brackets before it too
        start -= 1
    return " ".join(words[:start]), " ".join(words[start:])


def _bracketed(word: str) -> bool:
    return word[0] in CLOSING


def _words(text: str) -> list[str]:
    """The words of ``text``; a part in brackets is one word, even with spaces inside."""
    words: list[str] = []
    current: list[str] = []
    expected: list[str] = []  # the closing brackets still to come, innermost last
    for char in " ".join(text.split()):
        if char == " " and not expected:
            words.append("".join(current))
            current = []
            continue
        current.append(char)
        if char in CLOSING:
            expected.append(CLOSING[char])
        elif expected and char == expected[-1]:
            expected.pop()
    if current:
        words.append("".join(current))
    return words
