"""The possible-duplicate warning of the person and organisation forms.

The form warns once (``FormScreen.warn_once``); Ctrl+S again with the same input saves and sends
the duplicates the user saw along (``FormScreen.confirmed``). Should a colleague save a duplicate
in the meantime, the store refuses under its lock with ``LikelyDuplicateError``: the form shows
it, and Ctrl+S once more saves, now confirming that one too (even before the poller has brought
the colleague's record into the snapshot).
"""

from __future__ import annotations

from typing import TypeVar

from herford_tui.domain import Problem, Record
from herford_tui.domain.duplicates import Confirmed, LikelyDuplicateError, duplicate_warning, likely_duplicates
from herford_tui.ui.common.form import FormScreen
from herford_tui.ui.data import WriteJob

T = TypeVar("T")


class DuplicateWarning(FormScreen[T]):
    """A form of persons or organisations (``T``) that warns about likely duplicates."""

    _refused: tuple[object, list[Record]] | None = None
    """(the input the store refused, the duplicates it named)."""

    def duplicate_subject(self, result: object) -> object:
        """The person or organisation of a form's result the warning is about (the result itself;
        the membership form: the person it creates)."""
        return result

    def duplicate_problems(self, record: Record, field: str) -> list[Problem]:
        """The warning as a problem of ``field`` once; afterwards nothing, and the save confirms."""
        twins = likely_duplicates(self.snapshot, record)
        if self._refused is not None and self._refused[0] == record:
            twins += [t for t in self._refused[1] if t not in twins]
        problems = self.warn_once(record, duplicate_warning(self.snapshot, record, twins), field)
        self.confirmed = Confirmed.of(twins)
        return problems

    def write_failed(self, job: WriteJob, error: Exception) -> None:
        if isinstance(error, LikelyDuplicateError):
            subject = self.duplicate_subject(self._result)
            self._refused = (subject, error.twins)
            self._warned = subject  # shown now: Ctrl+S again saves
        super().write_failed(job, error)
