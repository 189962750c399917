"""The help screen: what the app is for and every key, in German."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# Hilfe – herford-tui

Gremien, Netzwerkpartner und Sitzungen der Bildungsregion Kreis Herford.

## Überall
| Taste | Wirkung |
|---|---|
| `1` … `9` | Gremium 1 bis 9 öffnen (Reihenfolge der Reiter) |
| `o` | Organisationen |
| `j` | Jahresübersicht der Sitzungen |
| `Strg+F` | Suche nach Personen, Organisationen, Gremien |
| `Tab` / `Umschalt+Tab` | zum nächsten / vorigen Bereich |
| `F1` oder `?` | diese Hilfe |
| `q` | beenden |

## In einem Gremium
| Taste | Wirkung |
|---|---|
| `a` | Mitglied hinzufügen |
| `e` / `Enter` | Mitgliedschaft bearbeiten |
| `x` | Mitgliedschaft beenden (bleibt als Verlauf) |
| `v` | Stellvertretung benennen |
| `p` | Person bearbeiten (Name, Funktion, Organisation, Kontakt) |
| `m` | auf einen anderen Sitz wechseln (alter Sitz bleibt als Verlauf) |
| `Entf` | irrtümlichen Eintrag löschen (mit Rückfrage) |
| `h` | beendete Mitgliedschaften ein-/ausblenden |
| `g` | Gremium bearbeiten (Name, Aufgabe, Rhythmus, Sitze) |
| `n` | neues Gremium |
| `r` | Gremium archivieren |
| `G` | archivierte Gremien anzeigen und wiederherstellen |

## Organisationen (`o`)
| Taste | Wirkung |
|---|---|
| `/` | filtern nach Name oder Kommune |
| `a` / `e` / `Enter` | neue Organisation / bearbeiten |
| `Entf` | irrtümlichen Eintrag löschen (nur ohne Verweise) |

## Jahresübersicht (`j`)
Monate nebeneinander, Gremien untereinander; jede Sitzung als Tag mit Buchstabe:
`g` geplant, `e` eingeladen, `d` durchgeführt, `x` abgesagt; `!` Einladungsfrist verpasst,
`*` Feiertag oder Schulferien in NRW. Die Zeilen „Feiertage“ und „Schulferien“ zeigen die
freien Tage jedes Monats. „Anz.“ vergleicht die Sitzungen mit dem Rhythmus
(`+` zu viele, `-` zu wenige).

| Taste | Wirkung |
|---|---|
| `[` / `]` | Vorjahr / Folgejahr |
| `a` | neue Sitzung (danach ist sie ausgewählt) |
| `s` | Sitzungen als Serie planen, z. B. jeden 2. Mittwoch in jedem zweiten Monat (mit Vorschau) |
| `Enter` / `e` | Sitzung öffnen |
| `l` | Liste statt Raster und zurück |
| `f` | nach Gremium filtern |
| `t` | offene Aufgaben aller Gremien (`Leertaste` erledigt) |
| `k` | Kalenderdatei (.ics) des Jahres in den Home-Ordner schreiben |
| `Entf` | Sitzung löschen (abgesagte besser auf „abgesagt“ setzen) |

## Eine Sitzung (`Enter` in der Jahresübersicht)
| Taste | Wirkung |
|---|---|
| `1` `2` `3` | Tagesordnung / Anwesenheit / Aufgaben und Protokoll |
| `b` | Daten der Sitzung: Datum, Zeit, Ort, Raum, Status, Gäste |
| `i` | Einladung: Text mit Adressen in `~/herford-einladung-…txt`, Sitzung wird „eingeladen“ |
| `p` | allgemeines Protokoll |
| `o` | offene Aufgaben aller Gremien |
| `Esc` | zurück |
| Tagesordnung: `a` `e` `Entf` | Punkt hinzufügen / ändern (auch Protokoll) / entfernen |
| Tagesordnung: `u` / `n` | Punkt nach oben / unten |
| Tagesordnung: `d` / `t` | Beschluss / Aufgabe zum Punkt festhalten |
| Anwesenheit: `a` `e` `x` `v` | anwesend / entschuldigt / abwesend / vertreten durch |
| Aufgaben: `Leertaste` | erledigt / wieder offen |

## In Formularen
`Strg+S` speichert, `Esc` bricht ab, `Tab` springt zum nächsten Feld.
Daten im Format TT.MM.JJJJ, z. B. 28.11.2026.

## Gemeinsam arbeiten
Mehrere Kolleginnen und Kollegen können gleichzeitig arbeiten. Änderungen anderer
erscheinen nach spätestens zwei Sekunden. Hat jemand denselben Eintrag inzwischen
geändert, wird nichts überschrieben: Sie sehen beide Fassungen und entscheiden.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,f1,question_mark", "dismiss", "Schließen", id="help.close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Markdown(HELP)
