"""committees feature of the UI."""
