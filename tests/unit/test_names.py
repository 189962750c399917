"""A name typed in one field, split into given and family name: brackets stay with the family
name ("Müller [Kita]" was split as given "Müller", family "[Kita]"); nothing typed is lost."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from herford_tui.domain.names import split_name


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Müller [Kita]", ("", "Müller [Kita]")),
        ("Anna Müller", ("Anna", "Müller")),
        ("Anna Maria  Müller", ("Anna Maria", "Müller")),
        ("Anna Müller (Kita Sonne)", ("Anna", "Müller (Kita Sonne)")),
        ("[Kita] Müller", ("", "[Kita] Müller")),
        ("Anna [Kita] Müller", ("Anna", "[Kita] Müller")),
        ("Anna (Annie) Maria Müller", ("Anna (Annie) Maria", "Müller")),
        ("Müller", ("", "Müller")),
        ("[Kita]", ("", "[Kita]")),
        ("Müller (Kita", ("", "Müller (Kita")),  # an unclosed bracket runs to the end
        ("Anna Müller[Kita Sonne]", ("Anna", "Müller[Kita Sonne]")),
        ("", ("", "")),
        (" \t\n ", ("", "")),
    ],
)
def test_split_name(typed, expected):
    assert split_name(typed) == expected


HOSTILE = st.text(alphabet=st.sampled_from("Aaüß -'()[]{}\t\n\x1b\u202e\u00a0[/b]"), max_size=30)


@given(HOSTILE | st.text(max_size=30))
def test_nothing_typed_is_lost_and_brackets_stay_with_the_family_name(typed):
    given_name, family = split_name(typed)
    assert " ".join(part for part in (given_name, family) if part) == " ".join(typed.split())
    assert given_name == given_name.strip() and family == family.strip()
    if typed.strip():
        assert family  # the family name is required: never left empty when something was typed
    assert not _unclosed(given_name)  # a part in brackets is never cut in two
    if given_name:  # the brackets right before the family name's word went with it
        assert not given_name.split()[-1].startswith(("(", "[", "{"))


def _unclosed(text: str) -> list[str]:
    expected: list[str] = []
    for char in text:
        if char in "([{":
            expected.append({"(": ")", "[": "]", "{": "}"}[char])
        elif expected and char == expected[-1]:
            expected.pop()
    return expected
