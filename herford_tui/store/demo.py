"""Invented demo data on top of the shipped seed, for trying the app and for benchmarks.

Everything written here is fictitious and says so: organisations are called
"Demo-…", extra committees "Demo-Arbeitskreis …", e-mail addresses end in
``@example.org`` and phone numbers start with the unused prefix 0123. The data
is reproducible: the same ``seed`` (and the same ``today``) gives the same file
apart from the created/modified timestamps.

The records are written with ``Store.save_many`` in four steps, each of which
needs the ids handed out by the one before: organisations and committees, then
persons, then memberships, then deputies and meetings. The generator keeps the
domain rules itself (seat counts, no overlapping membership of one person on
one seat, deputies beside an active member of the same committee), so nothing
has to be checked record by record; the tests run the full check on the result.
"""

from __future__ import annotations

import gc
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from herford_tui.domain.models import (
    KREISWEIT,
    MUNICIPALITIES,
    AgendaItem,
    Attendance,
    Committee,
    CommitteeKind,
    Meeting,
    MeetingAttendance,
    MeetingStatus,
    Membership,
    Organisation,
    OrgType,
    Person,
    Role,
    Seat,
)
from herford_tui.store.store import Store

DEMO_NOTE = "Erfundene Demodaten (herford-tui demo)."


@dataclass(frozen=True)
class DemoSize:
    organisations: int
    persons: int
    memberships: int | None
    """None: as many as it takes to fill the seats of the existing committees."""
    meetings: int
    committees: int
    """Extra "Demo-Arbeitskreis" committees that take the memberships the seed's committees can't."""
    years_back: int
    """Meetings from 1 January of this many years ago up to 31 December of next year."""
    holders_per_open_seat: tuple[int, int]
    """Holders of a seat without a fixed number, in the existing committees."""


SIZES: dict[str, DemoSize] = {
    "small": DemoSize(40, 120, None, 30, 0, 0, (1, 3)),
    "x1": DemoSize(500, 3_000, 6_000, 2_000, 100, 3, (3, 8)),
    "x10": DemoSize(5_000, 30_000, 60_000, 20_000, 1_000, 3, (3, 8)),
}

# -- word lists (common German names; combined at random they name nobody in particular) ------------
GIVEN_NAMES = (
    "Anna", "Andreas", "Birgit", "Bernd", "Claudia", "Christian", "Daniela", "Dirk", "Elke", "Frank",
    "Gabriele", "Günter", "Heike", "Hans", "Ingrid", "Jens", "Julia", "Jürgen", "Katrin", "Klaus",
    "Lena", "Lars", "Monika", "Markus", "Nadine", "Nils", "Petra", "Peter", "Sabine", "Stefan",
    "Tanja", "Thomas", "Ute", "Uwe", "Vanessa", "Volker", "Wiebke", "Wolfgang", "Yvonne", "Zeynep",
    "Mehmet", "Olga", "Sven", "Karin", "Jan", "Leonie", "Tobias", "Miriam", "Fatma", "Henrik",
)  # fmt: skip
FAMILY_NAMES = (
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
    "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
    "Braun", "Krüger", "Hartmann", "Lange", "Werner", "Krause", "Lehmann", "Köhler", "Brinkmann",
    "Meier", "Kemper", "Niemann", "Bartels", "Diekmann", "Heitmann", "Obermeier", "Pohlmann",
    "Rahe", "Stork", "Tiemann", "Vahle", "Windmann", "Yilmaz", "Kaya", "Nowak", "Petersen",
)  # fmt: skip
TITLES = ("", "", "", "", "", "", "", "", "Dr.", "Prof. Dr.")
FUNCTIONS = {
    OrgType.SCHULE: ("Schulleitung", "Stellv. Schulleitung", "Lehrkraft", "Schulsozialarbeit"),
    OrgType.KITA: ("Kita-Leitung", "Erzieherin", "Erzieher", "Fachberatung"),
    OrgType.VERWALTUNG: ("Fachbereichsleitung", "Amtsleitung", "Sachbearbeitung", "Referentin", "Referent"),
    OrgType.SCHULAUFSICHT: ("Schulrätin", "Schulrat", "Dezernentin", "Dezernent"),
}
DEFAULT_FUNCTIONS = ("Geschäftsführung", "Leitung", "Referentin", "Referent", "Vorstand", "Koordination")

ORG_KINDS: tuple[tuple[OrgType, int, tuple[str, ...]], ...] = (
    (OrgType.SCHULE, 30, ("Demo-Grundschule", "Demo-Gesamtschule", "Demo-Realschule", "Demo-Gymnasium",
                          "Demo-Sekundarschule", "Demo-Förderschule", "Demo-Berufskolleg")),
    (OrgType.KITA, 18, ("Demo-Kita", "Demo-Familienzentrum", "Demo-Kindergarten")),
    (OrgType.VHS, 1, ("Demo-Volkshochschule",)),
    (OrgType.BILDUNGSTRAEGER, 5, ("Demo-Bildungswerk", "Demo-Lernzentrum")),
    (OrgType.WEITERBILDUNGSTRAEGER, 4, ("Demo-Weiterbildungsakademie", "Demo-Fortbildungsinstitut")),
    (OrgType.AUSSERSCHULISCH, 5, ("Demo-Musikschule", "Demo-Bibliothek", "Demo-Jugendkunstschule")),
    (OrgType.JUGENDHILFE, 6, ("Demo-Jugendzentrum", "Demo-Erziehungsberatung", "Demo-Jugendhilfeverein")),
    (OrgType.GEWERKSCHAFT, 2, ("Demo-Gewerkschaft Ortsverband",)),
    (OrgType.KAMMER, 1, ("Demo-Kammer Geschäftsstelle",)),
    (OrgType.WIRTSCHAFT, 9, ("Demo-Metallbau GmbH", "Demo-Möbelwerk GmbH", "Demo-Logistik GmbH",
                             "Demo-Pflegedienst gGmbH", "Demo-Handwerksbetrieb")),
    (OrgType.ARBEITGEBERVERBAND, 1, ("Demo-Unternehmerverband",)),
    (OrgType.POLITIK, 3, ("Demo-Ratsfraktion", "Demo-Schulausschuss")),
    (OrgType.SPORT, 4, ("Demo-Sportverein", "Demo-Turnverein")),
    (OrgType.KIRCHE, 3, ("Demo-Kirchengemeinde", "Demo-Pfarrei")),
    (OrgType.ELTERN_SCHUELER, 2, ("Demo-Stadtelternrat", "Demo-Schülervertretung")),
)  # fmt: skip
POSTCODES = {
    "Bünde": "32257", "Enger": "32130", "Herford": "32052", "Löhne": "32584", "Spenge": "32139",
    "Vlotho": "32602", "Hiddenhausen": "32120", "Kirchlengern": "32278", "Rödinghausen": "32289",
}  # fmt: skip

SEAT_ORG_TYPES: dict[str, tuple[OrgType, ...]] = {
    "schulen": (OrgType.SCHULE,),
    "kitas": (OrgType.KITA,),
    "vhs": (OrgType.VHS,),
    "schultraeger": (OrgType.VERWALTUNG,),
    "schulaufsichten": (OrgType.SCHULAUFSICHT,),
    "weiterbildung": (OrgType.WEITERBILDUNGSTRAEGER, OrgType.BILDUNGSTRAEGER),
    "wirtschaft": (OrgType.WIRTSCHAFT, OrgType.KAMMER),
    "arbeitgeber": (OrgType.ARBEITGEBERVERBAND,),
    "gewerkschaften": (OrgType.GEWERKSCHAFT,),
    "eltern_schueler": (OrgType.ELTERN_SCHUELER,),
    "politik": (OrgType.POLITIK,),
    "sport": (OrgType.SPORT,),
    "kirche": (OrgType.KIRCHE,),
    "landrat": (OrgType.VERWALTUNG,),
    "sozialdezernat": (OrgType.VERWALTUNG,),
    "buergermeister": (OrgType.VERWALTUNG,),
    "bezreg_schulabteilung": (OrgType.SCHULAUFSICHT,),
    "amtsleitung_skl": (OrgType.VERWALTUNG,),
    "bildungsbuero": (OrgType.VERWALTUNG,),
    "untere_schulaufsicht": (OrgType.SCHULAUFSICHT,),
    "regionaldezernat": (OrgType.SCHULAUFSICHT,),
    "jugendhilfe": (OrgType.JUGENDHILFE,),
    "ki": (OrgType.INTEGRATION,),
    "schulraete": (OrgType.SCHULAUFSICHT,),
}
DEMO_SEATS = (
    Seat("sprecher", "Sprecherin/Sprecher", "Leitung", 1),
    Seat("mitglieder", "Mitglieder", "Mitglieder", None),
    Seat("beratend", "Beratende Mitglieder", "Beratend", None, advisory=True),
)
AGENDA_TOPICS = (
    "Bericht aus dem Bildungsbüro", "Übergang Schule – Beruf", "Sprachförderung in Kitas",
    "Digitale Bildung an Schulen", "Ganztag in der Grundschule", "Bildungsbericht: Stand der Arbeit",
    "Fachkräftesicherung", "Inklusion in Schule und Kita", "Elternarbeit", "Außerschulische Lernorte",
    "Haushalt und Fördermittel", "Planung der Bildungskonferenz", "Berichte aus den Arbeitskreisen",
    "Integration zugewanderter Kinder und Jugendlicher", "Kulturelle Bildung",
)  # fmt: skip
LOCATIONS = (
    "Kreishaus Herford, Sitzungssaal", "Kreishaus Herford, Raum 2.101", "Online (Videokonferenz)",
    "Demo-Tagungsraum im Bildungsbüro",
)  # fmt: skip


def write_demo(store: Store, *, size: str, seed: int, today: date | None = None) -> dict[str, int]:
    """Add an invented data set of ``size`` ("small", "x1", "x10") to ``store``; return what was added.

    ``today`` (default: the real today) fixes which meetings lie in the past and
    which memberships have ended, so tests get the same file on any day.
    """
    if size not in SIZES:
        raise ValueError(f"Unbekannter Umfang „{size}“ (erlaubt: {', '.join(SIZES)}).")
    gen = _Generator(SIZES[size], random.Random(seed), today or date.today())
    enabled = gc.isenabled()
    gc.disable()  # ~10^6 new, long-lived objects: the collector's passes over them would cost a third
    try:
        gen.plan(store)
        store.save_many([*gen.organisations, *gen.committees])
        for person, org in zip(gen.persons, gen.person_orgs, strict=True):
            person.organisation_id = org.id if org else None
        store.save_many(gen.persons)
        store.save_many([p.resolve() for p in gen.memberships if p.owner is None])
        deputies = [p.resolve() for p in gen.memberships if p.owner is not None]
        meetings = gen.plan_meetings()
        store.save_many([*deputies, *meetings])
    finally:
        if enabled:
            gc.enable()

    counts = {
        "Organisationen": len(gen.organisations),
        "Personen": len(gen.persons),
        "Mitgliedschaften": len(gen.memberships),
        "Sitzungen": len(meetings),
    }
    return {"Gremien": len(gen.committees)} | counts if gen.committees else counts


@dataclass(eq=False)
class _Planned:
    """A membership whose person, committee and owner get their ids only when saved."""

    membership: Membership
    person: Person
    committee: Committee
    represents: Organisation | None
    owner: _Planned | None = None
    deputies: list[_Planned] = field(default_factory=list)

    def resolve(self) -> Membership:
        m = self.membership
        m.person_id = self.person.id
        m.committee_id = self.committee.id
        m.represents_id = self.represents.id if self.represents else None
        m.deputy_of = self.owner.membership.id if self.owner else None
        return m


class _Generator:
    def __init__(self, size: DemoSize, rng: random.Random, today: date):
        self.size = size
        self.rng = rng
        self.today = today
        self.organisations: list[Organisation] = []
        self.committees: list[Committee] = []
        self.persons: list[Person] = []
        self.person_orgs: list[Organisation | None] = []
        self.memberships: list[_Planned] = []
        self._by_committee: dict[int, list[_Planned]] = defaultdict(list)  # keyed by id(committee)
        self._used: set[tuple[int, str, int]] = set()  # (id(committee), seat key, id(person))
        self._members: set[tuple[int, int]] = set()  # (id(committee), id(person)): one seat each if possible
        self._pools: dict[OrgType, list[Person]] = defaultdict(list)
        self._person_org: dict[int, Organisation | None] = {}  # keyed by id(person)
        self._existing_committees: list[Committee] = []

    # -- planning ----------------------------------------------------------------------------
    def plan(self, store: Store) -> None:
        snapshot = store.snapshot()
        existing_orgs = sorted(snapshot.organisations.values(), key=lambda o: o.id)
        self._plan_organisations()
        self._plan_persons(existing_orgs)
        self._existing_committees = snapshot.active_committees()
        for committee in self._existing_committees:
            taken = {m.seat_key for m in snapshot.memberships_of(committee.id)}
            self._fill_committee(committee, taken)
        if self.size.memberships is not None:
            self._plan_demo_committees(self.size.memberships - len(self.memberships))

    def _plan_organisations(self) -> None:
        rng = self.rng
        kinds = [k for k, _, _ in ORG_KINDS]
        weights = [w for _, w, _ in ORG_KINDS]
        prefixes = {k: p for k, _, p in ORG_KINDS}
        numbers: dict[str, int] = defaultdict(int)
        for i in range(self.size.organisations):
            kind = rng.choices(kinds, weights)[0]
            prefix = rng.choice(prefixes[kind])
            municipality = KREISWEIT if rng.random() < 0.1 else rng.choice(MUNICIPALITIES)
            place = "Kreis Herford" if municipality == KREISWEIT else municipality
            numbers[f"{prefix} {place}"] += 1
            name = f"{prefix} {place} {numbers[f'{prefix} {place}']}"
            town = "Herford" if municipality == KREISWEIT else municipality
            self.organisations.append(
                Organisation(
                    name=name,
                    type=kind,
                    municipality=municipality,
                    address=f"Beispielweg {rng.randint(1, 120)}, {POSTCODES[town]} {town}",
                    phone=f"0123 456-{1000 + i}",
                    email=f"kontakt{i + 1}@demo-org.example.org",
                    website=f"https://example.org/demo-{i + 1}",
                    notes=DEMO_NOTE,
                )
            )

    def _plan_persons(self, existing_orgs: list[Organisation]) -> None:
        rng = self.rng
        for i in range(self.size.persons):
            roll = rng.random()
            if roll < 0.08:
                org = None
            elif roll < 0.2 and existing_orgs:
                org = rng.choice(existing_orgs)
            else:
                org = rng.choice(self.organisations) if self.organisations else None
            given, family = rng.choice(GIVEN_NAMES), rng.choice(FAMILY_NAMES)
            if rng.random() < 0.1:
                family = f"{family}-{rng.choice(FAMILY_NAMES)}"
            functions = FUNCTIONS.get(org.type, DEFAULT_FUNCTIONS) if org else DEFAULT_FUNCTIONS
            person = Person(
                title=rng.choice(TITLES),
                given_name=given,
                family_name=family,
                function=rng.choice(functions),
                email=f"{_ascii(given)}.{_ascii(family)}.{i + 1}@example.org",
                phone=f"0123 789-{10000 + i}" if rng.random() < 0.8 else "",
                notes=DEMO_NOTE,
            )
            self.persons.append(person)
            self.person_orgs.append(org)
            self._person_org[id(person)] = org
            if org is not None:
                self._pools[org.type].append(person)

    def _plan_demo_committees(self, wanted: int) -> None:
        n = self.size.committees
        if n <= 0 or wanted <= 0:
            return
        start_order = max((c.order for c in self._existing_committees), default=0) + 1
        for i in range(n):
            number = i + 1
            committee = Committee(
                name=f"Demo-Arbeitskreis {number}" if i % 3 else f"Demo-Fachgruppe {number}",
                short_name=f"Demo-AK {number}" if i % 3 else f"Demo-FG {number}",
                kind=CommitteeKind.ARBEITSKREIS if i % 3 else CommitteeKind.SONSTIGE,
                purpose="Erfundenes Gremium für Demo und Lasttest.",
                rhythm_min=3,
                rhythm_max=6,
                seats=[Seat(s.key, s.label, s.group, s.count, s.advisory) for s in DEMO_SEATS],
                order=start_order + i,
            )
            self.committees.append(committee)
            quota = wanted // n + (1 if i < wanted % n else 0)
            self._fill_demo_committee(committee, quota)

    def _fill_committee(self, committee: Committee, taken: set[str]) -> None:
        """Fill most places of an existing committee, with some history and deputies."""
        rng = self.rng
        lo, hi = self.size.holders_per_open_seat
        chair_seat = "landrat" if committee.seat("landrat") else (committee.seats[0].key if committee.seats else "")
        for seat in committee.seats:
            if seat.count is not None:
                if seat.key in taken:  # existing holders: never risk over-filling their seat
                    continue
                for _ in range(seat.count):
                    if rng.random() < 0.1:
                        continue  # an open place, shown as "unbesetzt"
                    holder = self._place(committee, seat, _role_for(seat, chair_seat), history=rng.random() < 0.4)
                    if holder and rng.random() < 0.5:
                        self._deputy(holder)
            else:
                wide = len(committee.seats) <= 2  # a working group: all members on one seat
                for k in range(rng.randint(lo * 3, hi * 3) if wide else rng.randint(lo, hi)):
                    role = _role_for(seat, chair_seat) if k == 0 else Role.MITGLIED
                    holder = self._place(committee, seat, role, history=False)
                    if holder and rng.random() < 0.25:
                        self._deputy(holder)
                if rng.random() < 0.3:
                    self._ended(committee, seat)

    def _fill_demo_committee(self, committee: Committee, quota: int) -> None:
        rng = self.rng
        sprecher, mitglieder, beratend = committee.seats
        start = len(self.memberships)

        def room() -> int:
            return quota - (len(self.memberships) - start)

        co_chair = committee.order % 5 == 0  # every fifth shares the chair (Co-Vorsitz)

        if room() > 0:
            self._place(committee, sprecher, Role.VORSITZ, history=room() >= 2 and rng.random() < 0.5)
        for _ in range(rng.randint(1, 2)):
            if room() > 0:
                self._place(committee, beratend, Role.MITGLIED, history=False)
        while room() > 0:
            roll = rng.random()
            if roll < 0.6:
                role = Role.GAST if rng.random() < 0.05 else Role.MITGLIED
                if co_chair and role is Role.MITGLIED:  # no extra draw: the data stay as they were
                    role, co_chair = Role.CO_VORSITZ, False
                if self._place(committee, mitglieder, role, history=False) is None:
                    break  # everybody sits on this seat already
            elif roll < 0.8:
                candidates = [
                    p for p in self._by_committee[id(committee)]
                    if p.owner is None and p.membership.role is not Role.GAST and p.membership.end is None
                ]  # fmt: skip
                if candidates:
                    self._deputy(rng.choice(candidates))
            else:
                self._ended(committee, mitglieder)

    # -- single memberships ----------------------------------------------------------------
    def _place(self, committee: Committee, seat: Seat, role: Role, *, history: bool) -> _Planned | None:
        """A current holder of one place; with ``history`` a predecessor who left the day before."""
        rng = self.rng
        start = self.today - timedelta(days=rng.randint(30, 8 * 365))
        end = self.today + timedelta(days=rng.randint(60, 3 * 365)) if rng.random() < 0.1 else None
        if history:
            before_end = start - timedelta(days=1)
            before_start = before_end - timedelta(days=rng.randint(365, 6 * 365))
            predecessor = Role.MITGLIED if role is Role.GAST else role
            self._add(committee, seat, predecessor, before_start, before_end)
        return self._add(committee, seat, role, start, end)

    def _ended(self, committee: Committee, seat: Seat) -> _Planned | None:
        rng = self.rng
        end = self.today - timedelta(days=rng.randint(1, 5 * 365))
        start = end - timedelta(days=rng.randint(180, 6 * 365))
        return self._add(committee, seat, Role.MITGLIED, start, end)

    def _deputy(self, holder: _Planned) -> _Planned | None:
        rng = self.rng
        owner = holder.membership
        assert owner.start is not None
        span = ((owner.end or self.today) - owner.start).days
        start = owner.start + timedelta(days=rng.randint(0, max(span // 2, 0)))
        seat = holder.committee.seat(owner.seat_key)
        assert seat is not None
        deputy = self._add(holder.committee, seat, Role.STELLVERTRETUNG, start, owner.end, owner=holder)
        if deputy:
            holder.deputies.append(deputy)
        return deputy

    def _add(
        self,
        committee: Committee,
        seat: Seat,
        role: Role,
        start: date,
        end: date | None,
        owner: _Planned | None = None,
    ) -> _Planned | None:
        person = self._pick_person(committee, seat)
        if person is None:
            return None
        org = self._person_org[id(person)]
        planned = _Planned(
            Membership(seat_key=seat.key, role=role, start=start, end=end),
            person,
            committee,
            org,
            owner,
        )
        self.memberships.append(planned)
        self._by_committee[id(committee)].append(planned)
        self._used.add((id(committee), seat.key, id(person)))
        self._members.add((id(committee), id(person)))
        return planned

    def _pick_person(self, committee: Committee, seat: Seat) -> Person | None:
        """Someone from a fitting kind of organisation, never twice on the same seat."""
        rng = self.rng
        pool: list[Person] = []
        for kind in SEAT_ORG_TYPES.get(seat.key, ()):
            pool += self._pools.get(kind, [])
        for candidates in (pool, self.persons):
            if not candidates:
                continue
            for _ in range(12):
                person = rng.choice(candidates)
                if (id(committee), id(person)) not in self._members:
                    return person
        for person in self.persons:
            if (id(committee), seat.key, id(person)) not in self._used:
                return person
        return None

    # -- meetings ----------------------------------------------------------------------------
    def plan_meetings(self) -> list[Meeting]:
        """Meetings spread over the years around ``today``; call after the memberships have ids."""
        rng = self.rng
        committees = [*self._existing_committees, *self.committees]
        if not committees or self.size.meetings <= 0:
            return []
        first = date(self.today.year - self.size.years_back, 1, 1)
        last = date(self.today.year + 1, 12, 31)
        closed = _public_holidays(first.year, last.year)
        weights = [max((c.rhythm_min + c.rhythm_max) / 2, 3) for c in committees]
        taken: set[tuple[int, date]] = set()
        planned: list[tuple[date, int, Meeting]] = []
        span = (last - first).days
        for _ in range(self.size.meetings):
            index = rng.choices(range(len(committees)), weights)[0]
            committee = committees[index]
            for _attempt in range(10):
                day = first + timedelta(days=rng.randint(0, span))
                while day.weekday() >= 5 or day in closed:
                    day += timedelta(days=1)
                if (index, day) not in taken:
                    break
            taken.add((index, day))
            planned.append((day, index, self._meeting(committee, day)))
        planned.sort(key=lambda t: (t[0], t[2].start_time or time(0), t[1]))
        return [m for _, _, m in planned]

    def _meeting(self, committee: Committee, day: date) -> Meeting:
        rng = self.rng
        start = time(rng.randint(9, 15), rng.choice((0, 0, 30)))
        end_hour = min(start.hour + rng.randint(1, 3), 18)
        end = time(end_hour, start.minute if end_hour < 18 else 0)
        if day < self.today:
            status = MeetingStatus.ABGESAGT if rng.random() < 0.08 else MeetingStatus.DURCHGEFUEHRT
        elif (day - self.today).days <= 28:
            status = MeetingStatus.EINGELADEN
        else:
            status = MeetingStatus.GEPLANT
        topics = rng.sample(AGENDA_TOPICS, rng.randint(1, 4))
        titles = ["Begrüßung und Genehmigung der Tagesordnung", "Protokoll der letzten Sitzung", *topics]
        agenda = [AgendaItem(str(n), title) for n, title in enumerate(titles, 1)]
        if rng.random() < 0.15:
            agenda.append(AgendaItem(str(len(agenda) + 1), "Personalangelegenheiten", public=False))
        agenda.append(AgendaItem(str(len(agenda) + 1), "Verschiedenes"))
        attendance: list[MeetingAttendance] = []
        if status is MeetingStatus.DURCHGEFUEHRT:
            attendance = self._attendance(committee, day)
        return Meeting(
            committee_id=committee.id,
            date=day,
            start_time=start,
            end_time=end,
            location=rng.choice(LOCATIONS),
            status=status,
            agenda=agenda,
            attendance=attendance,
        )

    def _attendance(self, committee: Committee, day: date) -> list[MeetingAttendance]:
        rng = self.rng
        entries: list[MeetingAttendance] = []
        seen: set[int] = set()
        for planned in self._by_committee[id(committee)]:
            m = planned.membership
            if planned.owner is not None or not m.is_active(day) or planned.person.id in seen:
                continue
            roll = rng.random()
            status = Attendance.ANWESEND if roll < 0.8 else (
                Attendance.ENTSCHULDIGT if roll < 0.95 else Attendance.FEHLEND
            )  # fmt: skip
            entries.append(MeetingAttendance(planned.person.id, status))
            seen.add(planned.person.id)
            if status is Attendance.ENTSCHULDIGT:
                for deputy in planned.deputies:
                    if deputy.membership.is_active(day) and deputy.person.id not in seen:
                        entries.append(MeetingAttendance(deputy.person.id, Attendance.ANWESEND))
                        seen.add(deputy.person.id)
                        break
        return entries


def _role_for(seat: Seat, chair_seat: str) -> Role:
    if seat.key == "bildungsbuero":
        return Role.GESCHAEFTSFUEHRUNG
    if seat.key == chair_seat:
        return Role.VORSITZ
    return Role.MITGLIED


def _public_holidays(first_year: int, last_year: int) -> set[date]:
    import holidays

    return set(holidays.Germany(subdiv="NW", years=range(first_year, last_year + 1)))


_ASCII = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def _ascii(text: str) -> str:
    return text.translate(_ASCII).lower().replace(" ", "")
