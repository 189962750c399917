"""Help (F1, ?) generated from the bindings, so help and keys cannot drift apart.

The help lists the bindings active on the screen it was opened from: each binding's id
(``committee.add_member``) names its group and looks up a longer German text; a binding
without such a text shows its footer label. Textual's own navigation keys (arrows, Tab,
Strg+Q …) have no ids; the well-known ones are described by their action. The README's key
table comes from the same source (``readme_table``; ``python -m herford_tui.app`` prints it
for the app's class; a test keeps the README equal).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Markdown

from herford_tui.domain.text import printable
from herford_tui.ui.common.edits import EDIT_KEYS
from herford_tui.ui.common.keys import key_label

GROUPS = {
    "app": "Überall",
    "main": "Überall",
    "committee": "In einem Gremium",
    "directory": "Organisationen",
    "year": "Jahresübersicht",
    "person": "Personenseite",
    "organisation": "Organisationsseite",
    "meeting": "Eine Sitzung",
    "evaluation": "Auswertung",
    "tasks": "Offene Aufgaben",
    "archive": "Archivierte Gremien",
    "invitation": "Einladung",
    "form": "In Formularen",
    "nav": "Bewegen",
}
"""Group titles by the first part of a binding id, in the order the help shows them."""

LONG = {
    "app.search": "Suche: Personen, Organisationen, Gremien, Sitzungen (Datum wie 12.3. oder „März“), TOPs",
    "app.help": "diese Hilfe",
    "app.quit": "beenden",
    "changes.filter": "zu den Filtern (Person, Gremium, ab Datum); Enter zurück in die Liste",
    "person.quit": "beenden",
    "main.organisations": "Organisationen (Netzwerkpartner)",
    "main.year": "Jahresübersicht der Sitzungen",
    "main.evaluation": "Auswertung: Sitzungen, Anwesenheit, Sitze, Aufgaben, Beschlüsse eines Jahres",
    "main.archive": "archivierte Gremien: Besetzung und Verlauf lesen, wiederherstellen",
    "archive.restore": "das gewählte archivierte Gremium wiederherstellen",
    "archive.roster_close": "zurück zur Liste der archivierten Gremien",
    "main.changes": "Änderungen: wer hat wann was geändert (Protokoll)",
    "main.export": "Exportieren (Besetzung, Verzeichnis, Sitzungen als Excel oder CSV)",
    "main.import": "Importieren (Organisationen, Personen, Mitgliedschaften, Gremien, Sitzungen aus CSV oder Excel)",
    "main.leave": "zurück: aus einem Filter in seine Liste, aus der Liste zu den Reitern",
    **{f"main.committee_{n}": "Gremium öffnen (Reihenfolge der Reiter)" for n in range(1, 10)},
    "committee.add_member": "Mitglied hinzufügen",
    "committee.edit_member": "Mitgliedschaft bearbeiten",
    "committee.end_member": "Mitgliedschaft beenden (bleibt als Verlauf)",
    "committee.add_deputy": "Stellvertretung benennen",
    "committee.move_member": "auf einen anderen Sitz wechseln (alter Sitz bleibt als Verlauf)",
    "committee.change_role": "Rolle wechseln ab einem Datum (bisherige Rolle bleibt als Verlauf)",
    "committee.hand_over_chair": "Vorsitz übergeben (bisheriger Vorsitz bleibt als Verlauf und Mitglied)",
    "committee.delete_member": "irrtümlichen Eintrag löschen (mit Rückfrage)",
    "committee.history": "beendete Mitgliedschaften ein-/ausblenden",
    "committee.edit": "Gremium bearbeiten (Name, Aufgabe, Rhythmus, Sitze)",
    "committee.new": "neues Gremium",
    "committee.edit_person": "Person bearbeiten (Name, Funktion, Organisation, Kontakt)",
    "committee.archive": "Gremium archivieren",
    "committee.open_person": "Personenseite: alle Mitgliedschaften, Kontakt, DSGVO",
    "committee.meetings": "Sitzungen des Gremiums in der Jahresübersicht (Cursor auf der nächsten)",
    "committee.choose": "Arbeitskreis (bzw. weiteres Gremium) aus der Liste wählen; Tippen filtert",
    "directory.toggle": "zwischen Organisationen und Personen wechseln",
    "directory.add": "neue Organisation bzw. Person (Kontakt ohne Mitgliedschaft)",
    "directory.edit": "Organisation bzw. Person bearbeiten",
    "directory.delete": "löschen; mit Verweisen: Mitgliedschaften beenden oder Ersatz wählen",
    "directory.filter": "Liste filtern (Name, Ort, Art, Funktion; „Mueller“ findet Müller)",
    "directory.facets": "nach Art und Kommune filtern",
    "person.close": "zurück",
    "person.edit": "Person bearbeiten",
    "person.organisation": "ihre Organisation öffnen",
    "person.disclosure": "DSGVO-Auskunft (Art. 15); dort `J` / `T` speichert als JSON / Text",
    "person.erase": "DSGVO-Löschen (Art. 17), auch aus den Sicherungen (mit Rückfrage)",
    "person.merge": "doppelten Eintrag hierher zusammenführen",
    "person.delete": "löschen (nur ohne Verweise)",
    "organisation.close": "zurück",
    "organisation.edit": "Organisation bearbeiten",
    "organisation.history": "auch frühere Sitze und Vertretungen zeigen",
    "organisation.delete": "löschen (nur ohne Verweise)",
    "year.add": "neue Sitzung",
    "year.edit": "Sitzung bearbeiten",
    "year.delete": "Sitzung löschen (abgesagte besser auf „abgesagt“ setzen)",
    "year.open": "Sitzung öffnen: Tagesordnung, Anwesenheit, Protokoll, Dokumente",
    "year.series": "Serie planen (z. B. jeden 2. Mittwoch), mit Vorschau vor dem Speichern",
    "year.toggle": "zwischen Raster (Monate) und Liste des Jahres wechseln",
    "year.filter": "nach Gremium filtern",
    "year.tasks": "offene Aufgaben aller Gremien (überfällige mit !)",
    "year.calendar": "Kalender des gezeigten Jahres als .ics-Datei speichern (für Outlook, Thunderbird)",
    "year.previous": "Vorjahr",
    "year.next": "Folgejahr",
    "meeting.back": "zurück",
    "meeting.basics": "Daten der Sitzung ändern: Datum, Zeit, Ort, Status (z. B. durchgeführt, abgesagt), Gäste",
    "meeting.invite": "Einladung als Text mit den E-Mail-Adressen schreiben; die Sitzung wird „eingeladen“",
    "meeting.minutes": "Protokoll der ganzen Sitzung schreiben (das eines TOPs: `e` auf dem TOP)",
    "meeting.open_tasks": "offene Aufgaben aller Gremien",
    "meeting.tab_agenda": "Reiter Tagesordnung",
    "meeting.tab_attendance": "Reiter Anwesenheit",
    "meeting.tab_tasks": "Reiter Aufgaben & Protokoll",
    "meeting.item_add": "neuer Tagesordnungspunkt (TOP)",
    "meeting.item_edit": "TOP ändern: Titel, öffentlich, Zuständig, Notizen, Protokoll",
    "meeting.item_up": "TOP nach oben schieben",
    "meeting.item_down": "TOP nach unten schieben",
    "meeting.item_remove": "TOP entfernen (mit Rückfrage)",
    "meeting.decision": "Beschluss zum TOP festhalten (mit Ergebnis)",
    "meeting.decision_edit": "Beschluss des TOPs ändern oder (leer gespeichert) entfernen",
    "meeting.task": "Aufgabe zum TOP festhalten (wer, bis wann)",
    "meeting.task_done": "Aufgabe erledigt / wieder offen",
    "meeting.task_edit": "Aufgabe ändern: was, wer (z. B. der richtige von zwei Namensgleichen), bis wann",
    "meeting.task_remove": "irrtümlich erfasste Aufgabe entfernen (mit Rückfrage)",
    "meeting.attendance_clear": "Anwesenheit wieder offen",
    "meeting.document_invitation": "Einladung als Dokument (PDF oder DOCX, aus der Vorlage)",
    "meeting.document_minutes": "Niederschrift als Dokument (PDF oder DOCX, aus der Vorlage)",
    "meeting.document_attendance": "Anwesenheitsliste zum Unterschreiben (PDF)",
    "meeting.present": "anwesend, dann weiter zur nächsten Person der Liste",
    "meeting.excused": "entschuldigt, dann weiter zur nächsten Person",
    "meeting.absent": "abwesend, dann weiter zur nächsten Person",
    "meeting.deputy": "vertreten (wer vertritt, wird gefragt), dann weiter zur nächsten Person",
    "evaluation.previous": "Vorjahr",
    "evaluation.next": "Folgejahr",
    "evaluation.summary": "Zusammenfassung über und Angaben unter der Tabelle ganz zeigen / wieder kürzen",
    "form.save": "speichern",
    "form.cancel": "abbrechen",
}

NOTES = {
    "Jahresübersicht": (
        "Im Raster: `12g` geplant, `12e` eingeladen, `12d` durchgeführt, `12x` abgesagt; `!` Einladungsfrist "
        "verpasst; `*` Feiertag oder Schulferien; `3g+` weitere Sitzungen im Monat. Die Zeilen Feiertage "
        "und Schulferien nennen die Tage (`1–6`) oder, wo sie nicht passen, ihre Zahl (`14 T` = 14 Tage); "
        "der Cursor auf dem Monat zeigt sie unten mit Namen."
    ),
    "Eine Sitzung": (
        "Spalte Stand der Tagesordnung: `1 B` ein Beschluss, `1/2 A` eine von zwei Aufgaben offen, "
        "`P` Protokoll geschrieben; unten steht alles zum gewählten TOP."
    ),
}
"""What a view's signs mean, below its keys (a new user met "3 T" and "1 B 1/1 A P")."""

NAVIGATION = {
    "cursor_up": "Zeile wählen",
    "cursor_down": "Zeile wählen",
    "page_up": "seitenweise blättern",
    "page_down": "seitenweise blättern",
    "scroll_home": "zum Anfang / Ende",
    "scroll_end": "zum Anfang / Ende",
    "select_cursor": "Eintrag öffnen (wie „Ändern“)",
    "app.focus_next": "zum nächsten / vorigen Bereich",
    "app.focus_previous": "zum nächsten / vorigen Bereich",
    "quit": "beenden",
}
"""Textual's own keys (no ids) that are worth knowing, by action."""

FIRST_STEPS = """\
## Erste Schritte
- Die Reiter oben sind die Gremien, die Organisationen und die Jahresübersicht; `1` … `9`,
  `o` und `j` springen dorthin. Die Arbeitskreise teilen sich einen Reiter (ebenso weitere
  Gremien, wenn es mehr als zwölf sind); `k` zeigt die Liste zum Auswählen, Tippen filtert sie.
- `/` sucht überall: Namen ohne Umlaute tippen genügt („muller“ findet Müller), ein Datum wie
  `12.3.` oder `März` findet die Sitzung. `Enter` öffnet den Treffer: eine Person oder
  Organisation auf ihrer Seite, ein Gremium in seinem Reiter, eine Sitzung in der Jahresübersicht.
- In Listen wählen die Pfeiltasten eine Zeile, `Enter` öffnet sie. Die wichtigsten Tasten
  stehen unten in der Fußzeile, alle hier.
- In Formularen: `Tab` zum nächsten Feld, `Strg+S` speichert, `Esc` bricht ab.
  Daten im Format TT.MM.JJJJ, z. B. 28.11.2026; das Datum einer Sitzung und eine Frist auch
  ohne Jahr (`15.12.`: der nächste 15.12.).
- Änderungen von Kolleginnen und Kollegen erscheinen nach spätestens zwei Sekunden; wer
  denselben Eintrag inzwischen geändert hat, wird nie überschrieben.
"""


@dataclass
class HelpEntry:
    group: str
    keys: list[str]
    text: str
    edit: bool = False
    """Changes data: switched off when the app only reads."""

    @property
    def keys_text(self) -> str:
        """The keys as Markdown code spans: `F1` `?`, a run of digits as `1` … `9`."""
        if len(self.keys) > 2 and all(k.isdigit() for k in self.keys):
            return f"`{self.keys[0]}` … `{self.keys[-1]}`"
        return " ".join(f"`{key}`" for key in self.keys)


def describe(binding: Binding) -> tuple[str, str] | None:
    """(group, text) of a binding, or None if the help leaves it out (Textual internals)."""
    if binding.id and "." in binding.id:
        prefix = binding.id.split(".")[0]
        return GROUPS.get(prefix, prefix), LONG.get(binding.id, binding.description)
    if binding.action in NAVIGATION:
        group = GROUPS["app"] if binding.action == "quit" else GROUPS["nav"]
        return group, NAVIGATION[binding.action]
    return None


def help_entries(bindings: Iterable[tuple[str, Binding]]) -> list[HelpEntry]:
    """(key, binding) pairs → entries, one per text within a group, groups in GROUPS order."""
    entries: dict[tuple[str, str], HelpEntry] = {}
    for key, binding in bindings:
        described = describe(binding)
        if described is None:
            continue
        group, text = described
        entry = entries.setdefault((group, text), HelpEntry(group, [], text, edit=binding.id in EDIT_KEYS))
        label = key_label(key)
        if label not in entry.keys:
            entry.keys.append(label)
    order = list(GROUPS.values())
    return sorted(entries.values(), key=lambda e: order.index(e.group) if e.group in order else len(order))


def active_entries(active: dict[str, ActiveBinding]) -> list[HelpEntry]:
    return help_entries((key, item.binding) for key, item in active.items() if item.enabled)


def markdown(entries: list[HelpEntry], read_only: bool = False) -> str:
    """The entries as tables by group; when only reading, the edit keys marked as off."""
    lines: list[str] = []
    group: str | None = None
    for entry in entries:
        if entry.group != group:
            if group is not None and group in NOTES:
                lines += ["", NOTES[group]]
            group = entry.group
            lines += ["", f"## {group}", "| Taste | Wirkung |", "|---|---|"]
        off = " – *ausgeschaltet (nur lesen)*" if read_only and entry.edit else ""
        lines.append(f"| {entry.keys_text} | {entry.text}{off} |")
    if group is not None and group in NOTES:
        lines += ["", NOTES[group]]
    return "\n".join(lines)


def help_markdown(active: dict[str, ActiveBinding], read_only_reason: str | None = None) -> str:
    head = "# Hilfe – herford-tui\n\nGremien, Netzwerkpartner und Sitzungen der Bildungsregion Kreis Herford.\n"
    if read_only_reason is not None:
        head += (
            f"\n**Nur lesen** (weil {escape_markdown(read_only_reason)}): Ändern ist ausgeschaltet. Die Tasten dafür "
            "fehlen in der Fußzeile und sind unten als ausgeschaltet markiert.\n"
        )
    keys = markdown(active_entries(active), read_only=read_only_reason is not None)
    return head + "\n" + FIRST_STEPS + "\nDie Tasten dieser Ansicht:\n" + keys


def escape_markdown(text: str) -> str:
    """A reason that may name a user ("hf_kollege hier nur lesen darf") shown as written."""
    return "".join(f"\\{c}" if c in "\\`*_{}[]<>()#+-.!|" else c for c in printable(text))


def readme_table(app_class: type[App[Any]]) -> str:
    """The README's key table, from the BINDINGS of the app, the views and the forms."""
    from herford_tui.ui.committees.pane import GroupPane
    from herford_tui.ui.committees.view import CommitteeView
    from herford_tui.ui.common.form import FormScreen
    from herford_tui.ui.directory.organisation_screen import OrganisationScreen
    from herford_tui.ui.directory.pane import DirectoryPane
    from herford_tui.ui.directory.person_screen import PersonScreen
    from herford_tui.ui.evaluation.pane import EvaluationPane
    from herford_tui.ui.main_screen import MainScreen
    from herford_tui.ui.meetings.screen import MeetingScreen
    from herford_tui.ui.year.pane import YearPane

    pairs: list[tuple[str, Binding]] = []
    classes = (
        app_class,
        MainScreen,
        CommitteeView,
        GroupPane,
        DirectoryPane,
        PersonScreen,
        OrganisationScreen,
        YearPane,
        EvaluationPane,
        MeetingScreen,
    )
    for cls in (*classes, FormScreen):
        for binding in Binding.make_bindings(cls.BINDINGS):
            if binding.id and "." in binding.id:
                pairs.append((binding.key, binding))
    rows = ["| Taste | Wirkung | Wo |", "|---|---|---|"]
    rows += [f"| {e.keys_text} | {e.text} | {e.group} |" for e in help_entries(pairs)]
    return "\n".join(rows)


README_START = "<!-- Tastentabelle: erzeugt von `python -m herford_tui.app` -->"
README_END = "<!-- Ende der Tastentabelle -->"


def readme_section(app_class: type[App[Any]]) -> str:
    return f"{README_START}\n{readme_table(app_class)}\n{README_END}"


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,f1,question_mark", "dismiss", "Schließen", key_display="Esc", id="help.close")]

    def __init__(self, active: dict[str, ActiveBinding], read_only_reason: str | None = None):
        """``active``: the bindings of the screen the help is for, taken before this one covers it;
        ``read_only_reason``: why the app only reads, if it does (the edit keys are marked off)."""
        super().__init__()
        self._active = active
        self._read_only_reason = read_only_reason

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Markdown(help_markdown(self._active, self._read_only_reason))
        yield Footer()
