"""Documents the office sends and files: invitation, minutes, attendance list, annual report.

The exchange layer: reads the domain (and the store's seed folder), never Textual. Typst and
python-docx are imported only inside the functions that render.
"""
