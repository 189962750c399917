"""click's own words (errors, usage, "Aborted!") in German.

click marks its messages with ``gettext``, but through the process-wide default domain, whose
catalog the standard library picks by the caller's locale variables (``LANG=C`` on a server gives
English). So ``install`` points the ``_``/``ngettext`` names inside click's modules at this
catalog instead: every message click writes, now and in commands added later, is German whatever
the locale. A message missing here stays English, and ``tests/unit/test_cli_german.py`` fails.
"""

from __future__ import annotations

import importlib

GERMAN: dict[str, str] = {
    "Aborted!": "Abgebrochen.",
    "Usage:": "Aufruf:",
    "Options": "Optionen",
    "Commands": "Befehle",
    "Positional arguments": "Argumente",
    "deprecated": "veraltet",
    "Missing command.": "Es fehlt ein Befehl.",
    "Value must be an iterable.": "Der Wert muss eine Liste sein.",
    "env var: {var}": "Umgebungsvariable: {var}",
    "default: {default}": "Standard: {default}",
    "(dynamic)": "(berechnet)",
    "Do you want to continue?": "Fortfahren?",
    "Confirm the action without prompting.": "Ohne Rückfrage ausführen.",
    "%(prog)s, version %(version)s": "%(prog)s, Version %(version)s",
    "Show the version and exit.": "Version anzeigen.",
    "Show this message and exit.": "Diese Hilfe anzeigen.",
    "Error: {message}": "Fehler: {message}",
    "Try '{command} {option}' for help.": "Hilfe: {command} {option}",
    "Invalid value: {message}": "Ungültiger Wert: {message}",
    "Invalid value for {param_hint}: {message}": "Ungültiger Wert für {param_hint}: {message}",
    "Missing argument": "Es fehlt das Argument",
    "Missing option": "Es fehlt die Option",
    "Missing parameter": "Es fehlt die Angabe",
    "Missing {param_type}": "Es fehlt {param_type}",
    "Missing parameter: {param_name}": "Es fehlt die Angabe {param_name}",
    "No such option {name!r}.": "Die Option {name} gibt es nicht.",
    "No such command {name!r}.": "Den Befehl {name} gibt es nicht.",
    "unknown error": "unbekannter Fehler",
    "Could not open file {filename!r}: {message}": "Die Datei {filename} lässt sich nicht öffnen: {message}",
    "Invalid start character for option ({option})": "Ungültiges erstes Zeichen der Option ({option})",
    "Argument {name!r} takes {nargs} values.": "Das Argument {name} braucht {nargs} Werte.",
    "Option {name!r} does not take a value.": "Die Option {name} nimmt keinen Wert.",
    "Repeat for confirmation": "Zur Bestätigung wiederholen",
    "Error: The two entered values do not match.": "Fehler: Die beiden Eingaben stimmen nicht überein.",
    "Error: invalid input": "Fehler: ungültige Eingabe",
    "Press any key to continue...": "Weiter mit einer beliebigen Taste …",
    "Choose from:\n\t{choices}": "Möglich sind:\n\t{choices}",
    "Choice({choices})": "Auswahl({choices})",
    "{value!r} is not a valid {number_type}.": "„{value}“ ist keine gültige Zahl.",
    "{value} is not in the range {range}.": "{value} liegt nicht im Bereich {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": "„{value}“ ist weder ja noch nein.",
    "{value!r} is not a valid UUID.": "„{value}“ ist keine gültige UUID.",
    "file": "Die Datei",
    "directory": "Der Ordner",
    "path": "Der Pfad",
    "{name} {filename!r} does not exist.": "{name} {filename} gibt es nicht.",
    "{name} {filename!r} is a file.": "{name} {filename} ist eine Datei.",
    "{name} {filename!r} is a directory.": "{name} {filename} ist ein Ordner.",
    "{name} {filename!r} is not readable.": "{name} {filename} ist nicht lesbar.",
    "{name} {filename!r} is not writable.": "{name} {filename} ist nicht beschreibbar.",
    "{name} {filename!r} is not executable.": "{name} {filename} ist nicht ausführbar.",
    "{editor}: Editing failed": "{editor}: Bearbeiten fehlgeschlagen",
    "{editor}: Editing failed: {e}": "{editor}: Bearbeiten fehlgeschlagen: {e}",
    "Unknown color {colour!r}": "Unbekannte Farbe {colour}",
    "Could not determine name for option with declarations {decls!r}": "Kein Name für die Option {decls}",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": (
        "Hinweis: Der Befehl {name} ist veraltet.{extra_message}"
    ),
    "Unknown standard stream '{name}'": "Unbekannter Standardkanal „{name}“",
    "Name '{name}' defined twice": "Der Name „{name}“ ist doppelt vergeben",
}
"""click's message → German; ``{name!r}`` placeholders become plain ``{name}`` (no Python quotes)."""

GERMAN_PLURAL: dict[str, tuple[str, str]] = {
    "Got unexpected extra argument ({args})": (
        "Unerwartetes weiteres Argument: {args}",
        "Unerwartete weitere Argumente: {args}",
    ),  # a command that takes a name adds how to quote it (``commands.common.NameCommand``)
    "Takes {nargs} values but 1 was given.": (
        "Braucht {nargs} Werte, bekam aber 1.",
        "Braucht {nargs} Werte, bekam aber {len}.",
    ),
    "Did you mean {possibility}?": ("Gemeint: {possibility}?", "(Gemeint vielleicht: {possibilities}?)"),
    "Option {name!r} requires an argument.": (
        "Die Option {name} braucht einen Wert.",
        "Die Option {name} braucht {nargs} Werte.",
    ),
    "{value!r} is not {choice}.": ("„{value}“ ist nicht {choice}.", "„{value}“ ist keins von: {choices}."),
    "{value!r} does not match the format {format}.": (
        "„{value}“ passt nicht zum Format {format}.",
        "„{value}“ passt zu keinem der Formate {formats}.",
    ),
    "{len_type} values are required, but {len_value} was given.": (
        "{len_type} Werte werden gebraucht, es kam {len_value}.",
        "{len_type} Werte werden gebraucht, es kamen {len_value}.",
    ),
}

CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
)
"""The modules click imports with itself."""

LATER_MODULES = ("click._termui_impl", "click.shell_completion")
"""Imported by click only for a progress bar, an editor or shell completion: made German when a
command is loaded or completion asked for (``install(everything=True)``), not at every start
(importing them costs the app's start some 3 ms)."""


def gettext(message: str) -> str:
    return GERMAN.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    german = GERMAN_PLURAL.get(singular)
    if german is None:
        return singular if n == 1 else plural
    return german[0] if n == 1 else german[1]


def install(*, everything: bool = False) -> None:
    """Make click speak German (idempotent; the modules are click's own, already imported by it);
    with ``everything`` also the ones click imports only when it needs them (``LATER_MODULES``)."""
    for name in (*CLICK_MODULES, *LATER_MODULES) if everything else CLICK_MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
