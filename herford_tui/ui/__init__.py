"""The Textual user interface: screens, widgets, modal forms and styles."""
