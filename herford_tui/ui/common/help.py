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
| `L` | Änderungen: wer hat wann was geändert (Protokoll) |
| `E` | Exportieren (Besetzung, Verzeichnis, Sitzungen als Excel oder CSV) |
| `I` | Importieren (Organisationen, Personen, Mitgliedschaften aus CSV oder Excel) |
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
| `w` | Rolle wechseln ab einem Datum (bisherige Rolle bleibt als Verlauf) |
| `c` | Vorsitz übergeben (bisheriger Vorsitz bleibt als Verlauf und Mitglied) |
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
| Taste | Wirkung |
|---|---|
| `[` / `]` | Vorjahr / Folgejahr |
| `a` / `e` / `Enter` | neue Sitzung / bearbeiten |
| `Entf` | Sitzung löschen (abgesagte besser auf „abgesagt“ setzen) |

Ferien und Feiertage in NRW werden in der Spalte „Hinweis“ angezeigt.

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
