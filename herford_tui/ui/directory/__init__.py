"""directory feature of the UI."""
