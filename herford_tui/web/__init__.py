"""``herford-tui web``: the app in the browser through textual-serve, one app process per tab.

``access`` decides who a connection is (the login proxy's header) and whether it may write;
``server`` is textual-serve's server with that check, a session limit and the name handed to
each app process. Neither imports Textual: the app runs in the processes the server starts.
"""
