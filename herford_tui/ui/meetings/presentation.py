"""What the meeting screen shows, as rich Text: pure functions of the snapshot (no Textual)."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from herford_tui.domain import Attendance, Meeting, MeetingAttendance, MeetingStatus, Snapshot
from herford_tui.domain.attendance import AttendanceLine, quorum, unavailable
from herford_tui.domain.attendance_mark import Mark, MarkClash
from herford_tui.domain.calendar import day_off
from herford_tui.domain.directory import person_choices, person_named
from herford_tui.domain.labels import ATTENDANCE, DECISION_RESULT, MEETING_STATUS, ROLE, format_date
from herford_tui.domain.lookup import committee_label
from herford_tui.domain.meetings import invitation_due, invitation_late, time_range
from herford_tui.domain.schedule import OpenTask
from herford_tui.domain.text import printable

ATTENDANCE_MARK = {
    None: ("?", "dim"),
    Attendance.ANWESEND: ("+", "green"),
    Attendance.ENTSCHULDIGT: ("e", "yellow"),
    Attendance.FEHLEND: ("-", "red"),
    Attendance.VERTRETEN: ("v", "cyan"),
}


def cell(text: str, style: str = "") -> Text:
    return Text(printable(text), style=style, overflow="ellipsis", no_wrap=True)


def person_name(snapshot: Snapshot, person_id: int | None) -> str:
    if person_id is None:
        return ""
    return snapshot.person_name(person_id)


def choice_names(snapshot: Snapshot, person_ids: list[int]) -> list[str]:
    """The names of a choice list ("Zuständig", "Wer", "Wer vertritt"), namesakes told apart by
    organisation and number: two "Thomas Müller" in one committee read the same, and the task
    went to whichever the user guessed."""
    return person_choices(snapshot, person_ids)  # the one rule, also the membership form's


def header(snapshot: Snapshot, meeting: Meeting, today: date) -> Text:
    committee = snapshot.committees.get(meeting.committee_id)
    text = Text(printable(committee.name if committee else "?"), style="bold")
    text.append(f"  {format_date(meeting.date, weekday=True)}  {time_range(meeting) or 'ohne Uhrzeit'}")
    status_style = "dim strike" if meeting.status is MeetingStatus.ABGESAGT else "bold"
    text.append(f"  [{MEETING_STATUS[meeting.status]}]", style=status_style)
    place = ", ".join(p for p in (meeting.location, meeting.room) if p)
    text.append("\nOrt: ")
    text.append(printable(place) or "noch offen", style="" if place else "dim")
    if meeting.invitation_sent:
        text.append(f"  · eingeladen am {format_date(meeting.invitation_sent)}")
    elif committee is not None and meeting.date:
        due = invitation_due(meeting, committee)
        late = invitation_late(meeting, committee, today)
        text.append(f"  · Einladung bis {format_date(due)}", style="bold red" if late else "dim")
        if late:
            text.append(" – überfällig!", style="bold red")
    off = day_off(meeting.date) if meeting.date else None
    if off:
        text.append(f"\n{off.text}", style="yellow")
    return text


def agenda_row(snapshot: Snapshot, meeting: Meeting, index: int) -> tuple[Text, ...]:
    item = meeting.agenda[index]
    open_tasks = sum(1 for t in item.tasks if not t.done)
    extras = []
    if item.decisions:
        extras.append(f"{len(item.decisions)} B")
    if item.tasks:
        extras.append(f"{open_tasks}/{len(item.tasks)} A")
    if item.minutes.strip():
        extras.append("P")
    return (
        cell(item.number),
        cell(item.title),
        cell("öffentlich" if item.public else "nicht öffentl."),
        cell(person_named(snapshot, item.responsible_person_id)),  # namesakes told apart
        cell(" ".join(extras)),
    )


def item_detail(
    snapshot: Snapshot, meeting: Meeting, index: int | None, today: date, *, read_only: bool = False
) -> Text:
    if index is None or not 0 <= index < len(meeting.agenda):
        hint = "" if read_only else " „a“ fügt einen Punkt hinzu."  # only reading: no key to offer
        return Text(f"Keine Tagesordnung.{hint}", style="dim")
    item = meeting.agenda[index]
    text = Text(f"TOP {item.number} ", style="bold")
    text.append(printable(item.title), style="bold")
    if item.notes.strip():
        text.append("\nNotizen: ", style="dim")
        text.append(printable(item.notes))
    text.append("\nProtokoll: ", style="dim")
    text.append(printable(item.minutes, keep_newlines=True) or "–")
    for decision in item.decisions:
        text.append("\nBeschluss: ", style="dim")
        text.append(printable(decision.text))
        text.append(f" ({DECISION_RESULT[decision.result]})", style="bold")
    for task in item.tasks:
        text.append("\n")
        text.append_text(task_line(snapshot, task.what, task.person_id, task.due, task.done, today))
    return text


def task_line(snapshot: Snapshot, what: str, person_id: int | None, due: date | None, done: bool, today: date) -> Text:
    overdue = not done and due is not None and due < today
    text = Text("[x] " if done else "[ ] ", style="green" if done else "")
    text.append(printable(what), style="dim strike" if done else "")
    who = person_named(snapshot, person_id)  # namesakes told apart, as in the choice
    if who:
        text.append(f" – {printable(who)}")
    if due:
        text.append(f" bis {format_date(due)}", style="bold red" if overdue else "")
    if overdue:
        text.append(" überfällig!", style="bold red")
    return text


def attendance_rows(snapshot: Snapshot, lines: list[AttendanceLine]) -> list[tuple[Text, ...]]:
    """The attendance table's rows; namesakes told apart by organisation and number, as in a
    choice (two "Thomas Müller" in one committee were two identical names to mark)."""
    names = choice_names(snapshot, [line.person_id for line in lines])
    return [attendance_row(snapshot, line, name) for line, name in zip(lines, names, strict=True)]


def attendance_row(snapshot: Snapshot, line: AttendanceLine, name: str | None = None) -> tuple[Text, ...]:
    mark, style = ATTENDANCE_MARK[line.status]
    status = ATTENDANCE[line.status] if line.status else "offen"
    if line.status is Attendance.VERTRETEN:
        status = f"vertreten durch {person_name(snapshot, line.deputy_id)}"
    role = ROLE[line.role] if line.role else "laut Liste"
    if not line.voting:
        role += " (ohne Stimme)"
    return (
        Text(mark, style=style),
        cell(person_name(snapshot, line.person_id) if name is None else name),
        cell(status, style),
        cell(role),
        cell(line.seat_label or "–"),
    )


def entry_text(snapshot: Snapshot, entry: MeetingAttendance | None) -> str:
    """„entschuldigt“, „vertreten durch Paula Probe“, „offen“ (nothing recorded)."""
    if entry is None:
        return "offen"
    if entry.status is Attendance.VERTRETEN:
        return f"vertreten durch {person_name(snapshot, entry.deputy_id)}"
    return ATTENDANCE[entry.status]


def mark_clash(snapshot: Snapshot, mark: Mark, clash: MarkClash) -> str:
    """Why one person's attendance was not saved (after "Nicht gespeichert"), in German."""
    member = person_name(snapshot, mark.person_id)
    mine = entry_text(snapshot, mark.entry)
    if clash.deputy_reason is not None:
        deputy = person_name(snapshot, mark.deputy_id)
        return (
            f"{deputy} {clash.deputy_reason} (inzwischen von {clash.by or 'jemand anderem'} eingetragen). "
            f"{member} bleibt „{entry_text(snapshot, clash.theirs)}“; bitte eine andere Vertretung wählen."
        )
    return (
        f"{clash.by or 'Jemand anderes'} hat die Anwesenheit von {member} inzwischen geändert: "
        f"jetzt „{entry_text(snapshot, clash.theirs)}“. Ihre Eingabe „{mine}“ wurde nicht gespeichert, "
        "nichts wurde überschrieben. Bitte prüfen und bei Bedarf neu eintragen."
    )


def no_stand_in(snapshot: Snapshot, meeting: Meeting, line: AttendanceLine, lines: list[AttendanceLine]) -> str:
    """„Niemand kann Bernd Beispiel vertreten: Paula Probe ist selbst anwesend.“"""
    member = person_name(snapshot, line.person_id)
    everyone = (pid for other in lines for pid in (other.person_id, *other.deputies))
    asked = [pid for pid in dict.fromkeys((*line.deputies, *everyone)) if pid != line.person_id]
    reasons = [f"{person_name(snapshot, pid)} {unavailable(meeting, pid, line.person_id)}" for pid in asked]
    if not reasons:
        return f"Niemand auf der Liste kann {member} vertreten."
    return f"Niemand kann {member} vertreten: {', '.join(reasons[:3])}{' …' if len(reasons) > 3 else ''}."


def attendance_summary(snapshot: Snapshot, meeting: Meeting, lines: list[AttendanceLine]) -> Text:
    q = quorum(snapshot, meeting, lines)
    style = "" if q.reached is None else ("green" if q.reached else "bold red")
    text = Text(q.text, style=style)
    if meeting.guests:
        text.append("  · Gäste: ")
        text.append(printable(", ".join(meeting.guests)))
    return text


def stand_in_note(name: str, line: AttendanceLine, candidates: list[int]) -> str:
    """Why the stand-in choice offers other members (``stand_ins``): the member has no deputy,
    or none who can; empty when the choice is the member's deputies."""
    if any(pid in line.deputies for pid in candidates):
        return ""
    if not line.deputies:
        return f"{name} hat keine eingetragene Vertretung: zur Wahl stehen die anderen Mitglieder und Vertretungen."
    return f"Die Vertretung von {name} ist selbst anwesend oder vertritt schon: zur Wahl stehen die anderen."


def open_task_row(snapshot: Snapshot, found: OpenTask) -> tuple[Text, ...]:
    style = "bold red" if found.overdue else ""
    mark, due, what, who, committee, meeting = open_task_cells(snapshot, found)
    return (Text(mark, style=style), cell(due, style), cell(what), cell(who), cell(committee), cell(meeting))


def open_task_cells(snapshot: Snapshot, found: OpenTask) -> tuple[str, str, str, str, str, str]:
    """An open task's cells: overdue mark, Fällig, Aufgabe, Wer, Gremium, Sitzung ("03.12.2026
    TOP 2"); the task list shows them all, the person screen all but Wer."""
    committee = snapshot.committees.get(found.meeting.committee_id)
    return (
        "!" if found.overdue else " ",
        format_date(found.task.due) if found.task.due else "–",
        found.task.what,
        person_named(snapshot, found.task.person_id),
        committee_label(committee) if committee else "?",
        f"{format_date(found.meeting.date)} TOP {found.item.number}",
    )


def open_task_detail(snapshot: Snapshot, found: OpenTask) -> Text:
    """The highlighted task spelled out below the list: at 80 columns its "Wer" was cut to
    "Thomas Müll…", which dropped what tells two Thomas Müller apart."""
    _, due, what, who, committee, meeting = open_task_cells(snapshot, found)
    due_text = f"fällig {due}" if found.task.due else "ohne Frist"
    return cell(" · ".join(part for part in (f"{what} – {who}" if who else what, due_text, f"{committee}, {meeting}")))


def committee_options(snapshot: Snapshot, keep: int | None) -> list[tuple[Text, int]]:
    """The committees a meeting form offers: the active ones, and ``keep`` (the meeting's own,
    or the year overview's row) if it is archived, marked so; a Select refuses a value it lacks."""
    shown = snapshot.active_committees()
    kept = snapshot.committees.get(keep) if keep is not None else None
    if kept is not None and kept.archived:
        shown.append(kept)
    return [(cell(c.name + (" (archiviert)" if c.archived else "")), c.id) for c in shown]
