"""Keys as a German keyboard labels them, for the footer, the key panel and the help screen.

Textual writes "esc", "del", "space", "^s" and "f1"; the staff's keyboards say Esc, Entf,
Leertaste, Strg+S and F1.
"""

from __future__ import annotations

import re

KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "plus": "+",
    "minus": "-",
    "delete": "Entf",
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "space": "Leertaste",
    "backspace": "Rücktaste",
    "insert": "Einfg",
    "up": "Pfeil hoch",
    "down": "Pfeil runter",
    "left": "Pfeil links",
    "right": "Pfeil rechts",
    "pageup": "Bild hoch",
    "pagedown": "Bild runter",
    "home": "Pos1",
    "end": "Ende",
}

MODIFIERS = {"ctrl": "Strg", "shift": "Umschalt", "alt": "Alt", "meta": "Meta", "super": "Super"}


def key_label(key: str) -> str:
    """A key as printed on a German keyboard: ctrl+s → Strg+S, delete → Entf, f1 → F1."""
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    *modifiers, last = key.split("+")
    if last in KEY_NAMES:
        last = KEY_NAMES[last]
    elif (modifiers and len(last) == 1) or re.fullmatch(r"f\d+", last):
        last = last.upper()  # Strg+S, F1; a plain letter stays as typed (G is Umschalt+g)
    return "+".join([*(MODIFIERS.get(m, m) for m in modifiers), last])
