"""common feature of the UI."""
