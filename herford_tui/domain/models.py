"""Plain records of the Bildungsregion: no Textual, no TinyDB.

Every record has an integer ``id`` (0 = not saved yet) and a ``rev`` (revision)
that the store increments on each save; an edit based on an older ``rev`` is a
conflict, never a silent overwrite.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from dataclasses import dataclass, field
from datetime import date, time


class CommitteeKind(enum.StrEnum):
    KONFERENZ = "konferenz"
    LENKUNG = "lenkung"
    LEITUNG = "leitung"
    ARBEITSKREIS = "arbeitskreis"
    SONSTIGE = "sonstige"


class Role(enum.StrEnum):
    VORSITZ = "vorsitz"
    MITGLIED = "mitglied"
    STELLVERTRETUNG = "stellvertretung"
    GAST = "gast"
    GESCHAEFTSFUEHRUNG = "geschaeftsfuehrung"
    CO_VORSITZ = "co_vorsitz"
    """Shares the chair on purpose: two chairs at once only if one of them holds this role."""

    @property
    def takes_seat(self) -> bool:
        """Deputies and guests sit beside a seat holder, not on the seat."""
        return self not in (Role.STELLVERTRETUNG, Role.GAST)


class MeetingStatus(enum.StrEnum):
    GEPLANT = "geplant"
    EINGELADEN = "eingeladen"
    DURCHGEFUEHRT = "durchgefuehrt"
    ABGESAGT = "abgesagt"


class Attendance(enum.StrEnum):
    ANWESEND = "anwesend"
    ENTSCHULDIGT = "entschuldigt"
    FEHLEND = "fehlend"
    """Shown as „abwesend“; the stored value stays ``fehlend`` so older files load."""
    VERTRETEN = "vertreten"
    """A deputy stood in; ``MeetingAttendance.deputy_id`` names who."""


class DecisionResult(enum.StrEnum):
    EINSTIMMIG = "einstimmig"
    MEHRHEITLICH = "mehrheitlich"
    ABGELEHNT = "abgelehnt"
    VERTAGT = "vertagt"


class OrgType(enum.StrEnum):
    VERWALTUNG = "verwaltung"
    SCHULAUFSICHT = "schulaufsicht"
    SCHULTRAEGER = "schultraeger"
    SCHULE = "schule"
    KITA = "kita"
    VHS = "vhs"
    BILDUNGSTRAEGER = "bildungstraeger"
    WEITERBILDUNGSTRAEGER = "weiterbildungstraeger"
    AUSSERSCHULISCH = "ausserschulisch"
    JUGENDHILFE = "jugendhilfe"
    GEWERKSCHAFT = "gewerkschaft"
    KAMMER = "kammer"
    ARBEITSVERWALTUNG = "arbeitsverwaltung"
    WIRTSCHAFT = "wirtschaft"
    ARBEITGEBERVERBAND = "arbeitgeberverband"
    POLITIK = "politik"
    SPORT = "sport"
    KIRCHE = "kirche"
    ELTERN_SCHUELER = "eltern_schueler"
    INTEGRATION = "integration"
    VERBAND = "verband"
    SONSTIGE = "sonstige"


KREISWEIT = "kreisweit"

MUNICIPALITIES: tuple[str, ...] = (
    "Bünde",
    "Enger",
    "Herford",
    "Löhne",
    "Spenge",
    "Vlotho",
    "Hiddenhausen",
    "Kirchlengern",
    "Rödinghausen",
)
"""The nine towns and municipalities of the Kreis Herford."""


@dataclass
class Seat:
    """A place in a committee's seat plan: its key, its name, its group and how many may hold it."""

    key: str
    label: str
    group: str = ""
    count: int | None = 1
    """How many holders the seat has; ``None`` means the source fixes no number."""
    advisory: bool = False
    """Attends the meetings without being a member (e.g. in the Leitungsteam)."""


@dataclass
class Committee:
    """A committee (Gremium) with its seat plan, as stored."""

    id: int = 0
    rev: int = 0
    name: str = ""
    short_name: str = ""
    kind: CommitteeKind = CommitteeKind.SONSTIGE
    purpose: str = ""
    rhythm_min: int = 1
    rhythm_max: int = 1
    rhythm_note: str = ""
    seats: list[Seat] = field(default_factory=list)
    order: int = 0
    archived: bool = False
    archived_on: date | None = None
    """The day it was archived (OParl's ``endDate``); None while active, and for one archived
    before the day was kept (files without the field stay valid)."""
    quorum: int | None = None
    """Members present for a valid decision; ``None``: the committee has no rule."""
    invitation_days: int = 14
    """Invitations go out at least this many days before a meeting."""

    def seat(self, key: str) -> Seat | None:
        return next((s for s in self.seats if s.key == key), None)

    def archived_as_of(self, day: date) -> Committee:
        """This committee archived on ``day`` (its tab goes; memberships and meetings stay)."""
        return dataclasses.replace(self, archived=True, archived_on=day)

    def restored(self) -> Committee:
        """This committee active again; the archive day goes (the audit log keeps it)."""
        return dataclasses.replace(self, archived=False, archived_on=None)


@dataclass
class Organisation:
    """An organisation of the network (Netzwerkpartner), as stored."""

    id: int = 0
    rev: int = 0
    name: str = ""
    type: OrgType = OrgType.SONSTIGE
    municipality: str = KREISWEIT
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    notes: str = ""
    postal_code: str = ""
    """Five digits (German Postleitzahl); empty when not known."""
    school_form: str = ""
    """For a school: Grundschule, Gymnasium, … (``domain.orgtypes.SCHOOL_FORMS``)."""


@dataclass
class Person:
    """A person of the directory, as stored."""

    id: int = 0
    rev: int = 0
    title: str = ""
    given_name: str = ""
    family_name: str = ""
    function: str = ""
    organisation_id: int | None = None
    email: str = ""
    phone: str = ""
    notes: str = ""
    erased_on: date | None = None
    """Set when the personal data was erased (DSGVO Art. 17); the record stays as a placeholder."""

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.title, self.given_name, self.family_name) if p)

    @property
    def sort_name(self) -> str:
        return f"{self.family_name}, {self.given_name}".strip(", ")


@dataclass
class Membership:
    """A person's place in a committee: seat, role, whom they represent, from when to when."""

    id: int = 0
    rev: int = 0
    person_id: int = 0
    committee_id: int = 0
    seat_key: str = ""
    role: Role = Role.MITGLIED
    represents_id: int | None = None
    deputy_of: int | None = None
    """For a deputy: the id of the membership it stands in for."""
    start: date | None = None
    end: date | None = None
    notes: str = ""

    def is_active(self, on: date) -> bool:
        started = self.start is None or self.start <= on
        return started and (self.end is None or self.end >= on)

    def overlaps(self, other: Membership) -> bool:
        """Both run on at least one common day (an open start or end runs forever): the one
        rule of the seat count, a merge's clash and a role change's clash."""
        return (self.start or date.min) <= (other.end or date.max) and (other.start or date.min) <= (
            self.end or date.max
        )


@dataclass
class Decision:
    """A decision recorded under an agenda item, with its result."""

    text: str = ""
    result: DecisionResult = DecisionResult.EINSTIMMIG


@dataclass
class Task:
    """A follow-up task from an agenda item; kept inside its meeting (no table of its own)."""

    what: str = ""
    person_id: int | None = None
    due: date | None = None
    done: bool = False


@dataclass
class AgendaItem:
    """An item (TOP) of a meeting's agenda."""

    number: str = ""
    title: str = ""
    public: bool = True
    responsible_person_id: int | None = None
    notes: str = ""
    minutes: str = ""
    decisions: list[Decision] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)


@dataclass
class MeetingAttendance:
    """Whether a person took part in a meeting, or who stood in."""

    person_id: int
    status: Attendance = Attendance.ANWESEND
    deputy_id: int | None = None
    """With status ``VERTRETEN``: the person who stood in."""


@dataclass
class Meeting:
    """A committee's meeting: when, where, its agenda and who took part, as stored."""

    id: int = 0
    rev: int = 0
    committee_id: int = 0
    date: date | None = None
    start_time: time | None = None
    end_time: time | None = None
    location: str = ""
    status: MeetingStatus = MeetingStatus.GEPLANT
    agenda: list[AgendaItem] = field(default_factory=list)
    attendance: list[MeetingAttendance] = field(default_factory=list)
    notes: str = ""
    room: str = ""
    invitation_sent: dt.date | None = None  # dt.: inside Meeting, ``date`` names the field above
    guests: list[str] = field(default_factory=list)
    minutes: str = ""


Record = Committee | Organisation | Person | Membership | Meeting

TABLE_OF: dict[type, str] = {
    Committee: "committees",
    Organisation: "organisations",
    Person: "persons",
    Membership: "memberships",
    Meeting: "meetings",
}
"""The one map from record type to table: the file's tables and the ``Snapshot`` attributes."""
