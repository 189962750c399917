"""Data in and out: CSV/XLSX import and export, e-mail lists, OParl 1.1.

The modules here are pure functions over a domain ``Snapshot`` plus thin file I/O
(``tabular``); they never touch TinyDB or the database file.
"""
