"""What the quick search (``quick_search``) reads of the file to tell where each typed word may
be found: the file's bytes looked for, and the few fields decoded for it (``Look``).

Apart from ``quick_search`` so that ``quick_first``, which takes the same look, imports neither it
nor anything that imports it back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from herford_tui.domain.search_index import Kind, KindIndex
    from herford_tui.domain.search_raw import Hits, Holds, Rule, Tokens
    from herford_tui.store.partial import SearchFile


class WholeWay(Exception):
    """The file is one the bytes cannot be looked for in (``Look.always``): the whole way."""


TYPO = object()
"""The word starts no token of the whole file: the whole search takes it for a typo."""
NOTHING = object()
"""A typo close to no word of the file: the whole search finds nothing."""


class Look:
    """The records each typed word may be found in, from the file's bytes and a few decoded fields."""

    def __init__(self, file: SearchFile):
        self.file = file
        self._always: dict[str, set[int]] | None = None
        self._words: KindIndex | None = None
        self._small: dict[str, Tokens] | None = None
        self._names: dict[Kind, tuple[KindIndex, KindIndex]] | None = None

    @property
    def always(self) -> dict[str, set[int]]:
        """Per table the records holding a character the patterns do not stand for (always taken
        when bytes are looked for); ``WholeWay`` if there are too many to look at each."""
        from herford_tui.domain.search_raw import unsure
        from herford_tui.store.partial import SEARCHED

        if self._always is None:
            odd: set[str | bytes] = {*unsure(self.file.chars), *self.file.hidden_bytes()}
            found = self.file.holding(odd) if odd else {name: set() for name in SEARCHED}
            if found is None:
                raise WholeWay
            self._always = found
        return self._always

    def literal(self, word: str) -> Hits | object | None:
        """The records ``word`` may start a token of, ``TYPO`` if it starts none, None if it is open
        (it filters nothing)."""
        from herford_tui.domain.search_raw import types_named, word_hits

        found = self._found([word], self.holds(word, False))
        if found is None:  # open: unless it is a typo, whose close words may be looked for
            # the words that name entries first (fewer to cut than the file's, and a part of them)
            return None if self.named(word) or self.words().has_start(word) else TYPO
        if not any(found.values()) and not types_named(word) and not self.words().has_start(word):
            return TYPO
        return word_hits([word], found, self.always, self.file.snapshot.organisations)

    def everywhere(self, word: str) -> Hits:
        """The records of the small tables whose texts hold a token ``word`` starts, and every
        meeting (a word without two plain letters, whose bytes are not looked for)."""
        from herford_tui.domain.search_raw import word_hits
        from herford_tui.store.partial import SEARCHED

        found = {**self._small_holding(self.holds(word, False)), "meetings": set(self.file.meeting_ids())}
        none: dict[str, set[int]] = {name: set() for name in SEARCHED}  # the small tables by their texts
        return word_hits([word], found, none, self.file.snapshot.organisations)

    def fuzzy(self, word: str) -> Hits | object | None:
        """The records holding a word close to the typo ``word`` (the search's own fuzzy rule over
        every word of the file), ``NOTHING`` if there is none, None if one cannot be looked for."""
        from herford_tui.domain.search_raw import word_hits

        close = self.words().close_to(word)
        if not close:
            return NOTHING
        # A close word that starts with another adds no meeting: its bytes match the shorter one's.
        starts = [token for token in close if not any(token.startswith(other) for other in close if other != token)]
        found = self._found(starts, self.holds(word, True))
        if found is None:
            return None
        return word_hits(close, found, self.always, self.file.snapshot.organisations)

    def rule(self, word: str, fuzzy: bool, hits: Hits) -> Rule:
        from herford_tui.domain.search_raw import Rule, made_up_start

        if not fuzzy:
            return Rule(self.holds(word, False), hits, made_up_start(word))
        close = self.words().close_to(word)
        return Rule(self.holds(word, True), hits, any(made_up_start(token) for token in close))

    def keep(self, words: list[str], fuzzy: set[str]) -> Callable[[str], object]:
        """The tokens a search of ``words`` can match (``fuzzy``: the typos among them): those a
        literal word starts, the file's words close to a typo (the search's own rule over every
        word, so the close words of any part of the file are among them)."""
        from herford_tui.domain.search_index import keeping

        close = {token for word in fuzzy for token in self.words().close_to(word)}
        return keeping([word for word in words if word not in fuzzy], close)

    def holds(self, word: str, fuzzy: bool) -> Holds:
        """The rule of one typed word for a token: the search's, literal or fuzzy."""
        if not fuzzy:
            return lambda token: token.startswith(word)
        return set(self.words().close_to(word)).__contains__

    def names(self) -> dict[Kind, tuple[KindIndex, KindIndex]]:
        """Per kind the first words and every word of what names its entries (``search_raw.name_words``)."""
        from herford_tui.domain.search_raw import name_words

        if self._names is None:
            persons, meetings = self.file.person_texts(), self.file.meeting_texts()
            self._names = name_words(self.file.snapshot, persons.values(), meetings.values())
        return self._names

    def named(self, word: str) -> bool:
        """Whether ``word`` starts a word that names an entry (so it is no typo)."""
        return any(named.has_start(word) for _, named in self.names().values())

    def words(self) -> KindIndex:
        """Every word of the file (its searched fields decoded once, nothing else)."""
        from herford_tui.domain.search_raw import file_words

        if self._words is None:
            persons, meetings = self.file.person_texts(), self.file.meeting_texts()
            self._words = file_words(self.file.snapshot, persons.values(), meetings.values())
        return self._words

    def _found(self, starts: list[str], holds: Holds) -> dict[str, set[int]] | None:
        """Per table the records that may hold a token ``holds``: of the small tables those whose
        decoded texts do, of the meetings those whose bytes or made-up words hold one of ``starts``
        somewhere (the tokens ``holds`` matches start with one of them); None if the bytes cannot
        be searched for one."""
        from herford_tui.domain.search_raw import made_up_meetings, made_up_start, raw_pattern

        meetings: set[int] = set()
        for start in starts:
            # open in any file first (more characters only cut the plain runs shorter): the table
            # is not lowered for a word whose bytes are not looked for
            pattern = raw_pattern(start, set()) and raw_pattern(start, self.file.chars)
            if pattern is None:
                return None
            meetings |= self.file.hits(pattern.anchor, pattern.pattern)
            if made_up_start(start):
                meetings |= made_up_meetings(start, self.file.meeting_texts())
        return {**self._small_holding(holds), "meetings": meetings}

    def _small_holding(self, holds: Holds) -> dict[str, set[int]]:
        """Per small table the records whose decoded texts hold a token ``holds``."""
        from herford_tui.domain.search_raw import small_tokens

        if self._small is None:
            self._small = small_tokens(self.file.snapshot, self.file.person_texts())
        return {name: texts.holding(holds) for name, texts in self._small.items()}
