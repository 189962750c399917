"""year feature of the UI."""
